# Firmware of the vionic control processor (RV32IM): included by the top-level
# Makefile, which provides ROOT, BUILD, GEN, GEN_STAMP and PYTHON; SIM_CPU and
# the sim-cpu target come from sim/cpu/sim.mk. See docs/firmware.md.
#
#   make firmware      hello, the on-core tests and the benchmarks:
#                      $(BUILD)/fw/{app,tests,bench}/<name>.{elf,itcm.hex,dtcm.hex}
#                      (tests also <name>.expect), then their code/data sizes
#   make fw-device     the device firmware (app/vionic, several sources):
#                      $(BUILD)/fw/device/vionic.{elf,itcm.hex,dtcm.hex}; kept out of
#                      $(BUILD)/fw/app, whose images run on the CPU-only simulator
#   make fw-host       host unit tests (register mock) in $(BUILD)/fw-host/tests/
#   make fw-host-run   builds and runs them
#   make hello-run     runs hello on the simulated core
#   make fw-run FW_PROGRAM=tests/timer_irq   runs any program on the simulated core

.PHONY: firmware fw-device fw-host fw-host-run fw-run

FW_SRC := $(ROOT)/firmware
FW_OUT := $(BUILD)/fw
FW_HOST_OUT := $(BUILD)/fw-host
FW_MAP := $(ROOT)/regs/memory_map.toml
FW_ELF2HEX := $(ROOT)/tools/elf2hex.py

# Cycle limits on the simulator (hello takes about 100k cycles).
FW_DEMO_MAX_CYCLES ?= 2000000
FW_RUN_MAX_CYCLES ?= 10000000

# --- target (riscv64-unknown-elf-gcc for RV32IM, picolibc for string.h) ---

FW_CROSS ?= riscv64-unknown-elf-
FW_CC := $(FW_CROSS)gcc
FW_SIZE := $(FW_CROSS)size
# ISA spec 2.2 counts the CSR instructions as part of I, as this core does.
# (With the newer spec they need "_zicsr" in -march, which GCC 12 does not
# map to the rv32im multilib of libgcc and picolibc.)
FW_ARCH := -march=rv32im -mabi=ilp32 -misa-spec=2.2
FW_LDSCRIPT := $(FW_SRC)/link/vionic.ld
FW_CPPFLAGS := -I$(GEN)/include -I$(FW_SRC)
FW_CFLAGS := $(FW_ARCH) --specs=picolibc.specs -std=gnu11 -Os -g -ffreestanding \
	-Wall -Wextra -Werror -ffunction-sections -fdata-sections -MMD -MP
# -nostartfiles: start/start.S is the entry, not picolibc's crt0.
FW_LDFLAGS := $(FW_ARCH) --specs=picolibc.specs -nostartfiles -T$(FW_LDSCRIPT) -L$(GEN)/ld \
	-Wl,--gc-sections -Wl,--fatal-warnings

# Linked into every program: start-up, traps, console, drivers.
FW_LIB_SRCS := start/start.S start/trap.S lib/trap.c lib/console.c lib/perf.c lib/string.c \
	drivers/simctrl.c drivers/timer.c
FW_LIB_OBJS := $(addprefix $(FW_OUT)/obj/,$(addsuffix .o,$(basename $(FW_LIB_SRCS))))

# Programs: app/<name>/main.c, tests/<name>.c (+ <name>.expect), bench/<name>.c.
# app/vionic is the device firmware: built by fw-device, not with the apps.
FW_APPS := $(filter-out vionic,$(sort $(notdir $(patsubst %/,%,$(dir $(wildcard $(FW_SRC)/app/*/main.c))))))
FW_TESTS := $(sort $(basename $(notdir $(wildcard $(FW_SRC)/tests/*.c))))
FW_BENCHES := $(sort $(basename $(notdir $(wildcard $(FW_SRC)/bench/*.c))))

FW_APP_ELFS := $(FW_APPS:%=$(FW_OUT)/app/%.elf)
FW_TEST_ELFS := $(FW_TESTS:%=$(FW_OUT)/tests/%.elf)
FW_BENCH_ELFS := $(FW_BENCHES:%=$(FW_OUT)/bench/%.elf)
FW_ELFS := $(FW_APP_ELFS) $(FW_TEST_ELFS) $(FW_BENCH_ELFS)
FW_IMAGES := $(FW_ELFS:.elf=.itcm.hex) $(FW_ELFS:.elf=.dtcm.hex) \
	$(FW_TESTS:%=$(FW_OUT)/tests/%.expect)

# Each program's own objects; the library objects come on top.
FW_APP_OBJS := $(FW_APPS:%=$(FW_OUT)/obj/app/%/main.o)
FW_TEST_OBJS := $(FW_TESTS:%=$(FW_OUT)/obj/tests/%.o)
FW_BENCH_OBJS := $(FW_BENCHES:%=$(FW_OUT)/obj/bench/%.o)

# The device firmware: its own sources on top of the library. FW_DEVICE_DEFINES
# passes build-time options, e.g. -DVIONIC_FEATURE_MASK_W1=0xfffffeff.
FW_DEVICE_SRCS := app/vionic/main.c lib/virtio/transport.c lib/virtio/cvq.c drivers/ctrl.c \
	drivers/dp.c drivers/fw_dma.c
FW_DEVICE_OBJS := $(addprefix $(FW_OUT)/obj/,$(FW_DEVICE_SRCS:.c=.o))
FW_DEVICE_ELF := $(FW_OUT)/device/vionic.elf
FW_DEVICE_IMAGES := $(FW_DEVICE_ELF:.elf=.itcm.hex) $(FW_DEVICE_ELF:.elf=.dtcm.hex)
FW_DEVICE_DEFINES ?=

FW_OBJS := $(FW_LIB_OBJS) $(FW_APP_OBJS) $(FW_TEST_OBJS) $(FW_BENCH_OBJS) $(FW_DEVICE_OBJS)

firmware: $(FW_IMAGES)
	@echo "firmware sizes (text = code in ITCM; data + bss in DTCM, .rodata counted in data):"
	@$(FW_SIZE) --format=GNU $(FW_ELFS) | sed 's|$(FW_OUT)/||'

$(FW_OUT)/obj/%.o: $(FW_SRC)/%.c | $(GEN_STAMP)
	@mkdir -p $(@D)
	$(FW_CC) $(FW_CPPFLAGS) $(FW_CFLAGS) -c $< -o $@

# The defines are part of the objects: a stamp rewritten only when they change.
FW_DEVICE_DEFINES_STAMP := $(FW_OUT)/device/defines
$(FW_DEVICE_OBJS): FW_CPPFLAGS += $(FW_DEVICE_DEFINES)
$(FW_DEVICE_OBJS): $(FW_DEVICE_DEFINES_STAMP)
$(FW_DEVICE_DEFINES_STAMP): fw-device-force
	@mkdir -p $(@D)
	@echo '$(FW_DEVICE_DEFINES)' | cmp -s - $@ || echo '$(FW_DEVICE_DEFINES)' > $@
.PHONY: fw-device-force

fw-device: $(FW_DEVICE_IMAGES)
	@$(FW_SIZE) --format=GNU $(FW_DEVICE_ELF) | sed 's|$(FW_OUT)/||'

$(FW_OUT)/obj/%.o: $(FW_SRC)/%.S | $(GEN_STAMP)
	@mkdir -p $(@D)
	$(FW_CC) $(FW_CPPFLAGS) $(FW_CFLAGS) -c $< -o $@

define fw_link
	@mkdir -p $(@D)
	$(FW_CC) $(FW_LDFLAGS) -Wl,-Map=$(@:.elf=.map) -o $@ $(filter %.o,$^)
endef

# The library objects go last so that start.o (the entry) is linked first.
$(FW_APP_ELFS): $(FW_OUT)/app/%.elf: $(FW_OUT)/obj/app/%/main.o $(FW_LIB_OBJS) $(FW_LDSCRIPT) $(GEN_STAMP)
	$(fw_link)
$(FW_TEST_ELFS): $(FW_OUT)/tests/%.elf: $(FW_OUT)/obj/tests/%.o $(FW_LIB_OBJS) $(FW_LDSCRIPT) $(GEN_STAMP)
	$(fw_link)
$(FW_BENCH_ELFS): $(FW_OUT)/bench/%.elf: $(FW_OUT)/obj/bench/%.o $(FW_LIB_OBJS) $(FW_LDSCRIPT) $(GEN_STAMP)
	$(fw_link)
$(FW_DEVICE_ELF): $(FW_DEVICE_OBJS) $(FW_LIB_OBJS) $(FW_LDSCRIPT) $(GEN_STAMP)
	$(fw_link)

# One elf2hex run makes both images (a pattern rule with two targets is grouped).
$(FW_OUT)/%.itcm.hex $(FW_OUT)/%.dtcm.hex: $(FW_OUT)/%.elf $(FW_ELF2HEX) $(FW_MAP)
	$(PYTHON) $(FW_ELF2HEX) $< --map $(FW_MAP) --itcm $(FW_OUT)/$*.itcm.hex --dtcm $(FW_OUT)/$*.dtcm.hex

# What the test runner checks for each on-core test (exit code, console regex).
$(FW_OUT)/tests/%.expect: $(FW_SRC)/tests/%.expect
	@mkdir -p $(@D)
	cp $< $@

# --- host unit tests (host gcc, register mock, sanitizers) ---

FW_HOST_CC ?= gcc
FW_HOST_SANITIZE ?= -fsanitize=address,undefined -fno-sanitize-recover=all
# -fmacro-prefix-map: failure messages name files relative to the repository.
FW_HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -DVIONIC_HOST_MOCK \
	$(FW_HOST_SANITIZE) -fmacro-prefix-map=$(ROOT)/= -MMD -MP

# The firmware code under test plus the mock and the test framework.
FW_HOST_LIB_SRCS := host/mock.c host/test.c lib/trap.c lib/console.c lib/perf.c \
	drivers/simctrl.c drivers/timer.c drivers/ctrl.c drivers/dp.c drivers/fw_dma.c \
	lib/virtio/transport.c lib/virtio/cvq.c host/dp_model.c
FW_HOST_LIB_OBJS := $(addprefix $(FW_HOST_OUT)/obj/,$(FW_HOST_LIB_SRCS:.c=.o))
FW_HOST_TESTS := $(sort $(basename $(notdir $(wildcard $(FW_SRC)/host/tests/test_*.c))))
FW_HOST_TEST_BINS := $(FW_HOST_TESTS:%=$(FW_HOST_OUT)/tests/%)
FW_HOST_OBJS := $(FW_HOST_LIB_OBJS) $(FW_HOST_TESTS:%=$(FW_HOST_OUT)/obj/host/tests/%.o)

fw-host: $(FW_HOST_TEST_BINS)

fw-host-run: $(FW_HOST_TEST_BINS)
	@failed=0; for test in $^; do $$test || failed=1; done; exit $$failed

$(FW_HOST_OUT)/obj/%.o: $(FW_SRC)/%.c | $(GEN_STAMP)
	@mkdir -p $(@D)
	$(FW_HOST_CC) $(FW_CPPFLAGS) $(FW_HOST_CFLAGS) -c $< -o $@

$(FW_HOST_TEST_BINS): $(FW_HOST_OUT)/tests/%: $(FW_HOST_OUT)/obj/host/tests/%.o $(FW_HOST_LIB_OBJS)
	@mkdir -p $(@D)
	$(FW_HOST_CC) $(FW_HOST_CFLAGS) -o $@ $^

# --- on the simulated core ---

hello-run: sim-cpu $(FW_OUT)/app/hello.itcm.hex $(FW_OUT)/app/hello.dtcm.hex
	@$(SIM_CPU) +itcm=$(FW_OUT)/app/hello.itcm.hex +dtcm=$(FW_OUT)/app/hello.dtcm.hex \
		+max-cycles=$(FW_DEMO_MAX_CYCLES)

ifneq ($(filter fw-run,$(MAKECMDGOALS)),)
ifeq ($(FW_PROGRAM),)
$(error fw-run: set FW_PROGRAM, e.g. make fw-run FW_PROGRAM=tests/timer_irq)
endif
endif

fw-run: sim-cpu $(FW_OUT)/$(FW_PROGRAM).itcm.hex $(FW_OUT)/$(FW_PROGRAM).dtcm.hex
	@$(SIM_CPU) +itcm=$(FW_OUT)/$(FW_PROGRAM).itcm.hex +dtcm=$(FW_OUT)/$(FW_PROGRAM).dtcm.hex \
		+max-cycles=$(FW_RUN_MAX_CYCLES)

test-build: firmware fw-device fw-host

-include $(FW_OBJS:.o=.d) $(FW_HOST_OBJS:.o=.d)
