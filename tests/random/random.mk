# tests/random: self-checking random RV32IM programs (see gen_random_test.py).
# make random RANDOM_SEEDS="1 2 3" RANDOM_COUNT=3000

RANDOM_DIR := $(BUILD)/random
RANDOM_SEEDS ?= $(shell seq 1 24)
RANDOM_COUNT ?= 3000
RANDOM_CC := riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -nostdlib -nostartfiles -static \
	-I$(GEN)/include -T firmware/link/vionic.ld -L $(GEN)/ld
RANDOM_PROGRAMS := $(foreach s,$(RANDOM_SEEDS),$(RANDOM_DIR)/random_seed$(s).itcm.hex)

.PHONY: random
random: $(RANDOM_PROGRAMS)

$(RANDOM_DIR)/random_seed%.S: tests/random/gen_random_test.py
	@mkdir -p $(RANDOM_DIR)
	@$(PYTHON) tests/random/gen_random_test.py --seed $* --count $(RANDOM_COUNT) --out $@

$(RANDOM_DIR)/%.elf: $(RANDOM_DIR)/%.S $(GEN_STAMP) firmware/link/vionic.ld
	@$(RANDOM_CC) $< -o $@

$(RANDOM_DIR)/%.itcm.hex: $(RANDOM_DIR)/%.elf tools/elf2hex.py
	@$(PYTHON) tools/elf2hex.py $< --itcm $@ --dtcm $(RANDOM_DIR)/$*.dtcm.hex

.PRECIOUS: $(RANDOM_DIR)/random_seed%.S $(RANDOM_DIR)/%.elf

test-build: random
