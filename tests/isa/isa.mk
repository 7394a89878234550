# ISA tests of the control processor (tests/isa/README.md).
# Every tests/isa/<name>.S becomes $(BUILD)/isa/<name>.elf plus the ITCM/DTCM
# images for the simulator; a sidecar <name>.expect is copied next to them.

ISA_DIR := tests/isa
ISA_OUT := $(BUILD)/isa
ISA_NAMES := $(basename $(notdir $(wildcard $(ISA_DIR)/*.S)))
ISA_ELFS := $(ISA_NAMES:%=$(ISA_OUT)/%.elf)
ISA_IMAGES := $(foreach t,$(ISA_NAMES),$(ISA_OUT)/$(t).itcm.hex $(ISA_OUT)/$(t).dtcm.hex)
ISA_EXPECTS := $(patsubst $(ISA_DIR)/%,$(ISA_OUT)/%,$(wildcard $(ISA_DIR)/*.expect))

ISA_CC := riscv64-unknown-elf-gcc
# Zicsr and Zifencei are part of the core (csr*, fence.i); binutils wants them named.
ISA_CFLAGS := -march=rv32im_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -static -g \
	-Wa,--fatal-warnings -I$(GEN)/include -I$(ISA_DIR)
ISA_LDFLAGS := -T firmware/link/vionic.ld -L $(GEN)/ld

.PHONY: isa
isa: $(ISA_ELFS) $(ISA_IMAGES) $(ISA_EXPECTS)
test-build: isa

$(ISA_OUT):
	mkdir -p $@

$(ISA_OUT)/%.elf: $(ISA_DIR)/%.S $(ISA_DIR)/isa_test.h firmware/link/vionic.ld $(GEN_STAMP) | $(ISA_OUT)
	$(ISA_CC) $(ISA_CFLAGS) $(ISA_LDFLAGS) -o $@ $<

# One elf2hex run writes both images (grouped pattern targets).
$(ISA_OUT)/%.itcm.hex $(ISA_OUT)/%.dtcm.hex: $(ISA_OUT)/%.elf tools/elf2hex.py regs/memory_map.toml
	$(PYTHON) tools/elf2hex.py $< --itcm $(ISA_OUT)/$*.itcm.hex --dtcm $(ISA_OUT)/$*.dtcm.hex

$(ISA_OUT)/%.expect: $(ISA_DIR)/%.expect | $(ISA_OUT)
	cp $< $@
