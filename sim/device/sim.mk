# sim/device: the whole device (rtl/top/vionic_device.v + firmware) as a C library
# with a host model (docs/simulator.md). Included by the top-level Makefile, which
# provides ROOT, BUILD, GEN, GEN_STAMP, VERILATOR and PYTHON.
#
#   make sim-device        $(BUILD)/sim/device/libvionic_sim.a and the smoke program
#   make sim-device-unit   $(BUILD)/rtl-unit/host_model and $(BUILD)/rtl-unit/eth_model
#                          (host and Ethernet model tests, no Verilator)
#   make sim-device-stub-test  $(BUILD)/rtl-unit/vsim_stub: the API adapter against a
#                          stand-in device (sim/device/stub/), run
#
# Users compile against sim/include/vionic_sim.h and link:
#   g++ ... $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

SIM_DEVICE_DIR := $(BUILD)/sim/device
SIM_DEVICE_OBJ := $(SIM_DEVICE_DIR)/obj
SIM_DEVICE_LIB := $(SIM_DEVICE_DIR)/libvionic_sim.a
SIM_DEVICE_SMOKE := $(SIM_DEVICE_DIR)/vsim_smoke
SIM_DEVICE_UNIT := $(BUILD)/rtl-unit/host_model
SIM_DEVICE_ETH_UNIT := $(BUILD)/rtl-unit/eth_model
# Link flags of programs using the library (the Verilator runtime needs zlib for FST
# and pthreads).
SIM_DEVICE_LIBS := -lz -lpthread
SIM_DEVICE_INCLUDE := $(ROOT)/sim/include
VERILATOR ?= verilator
VERILATOR_ROOT_DIR := $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
SIM_DEVICE_JOBS ?= $(shell nproc)
# Extra Verilator options, e.g. -GNUM_FUNCS=2
SIM_DEVICE_VFLAGS ?=

SIM_DEVICE_F := rtl/top/device.f
# device.f nests other file lists (-f rtl/cpu/cpu.f ...): depend on all RTL sources.
SIM_DEVICE_RTL = $(wildcard rtl/*/*.v rtl/*/*.vh rtl/*/*.f)
SIM_DEVICE_CXX := g++
SIM_DEVICE_CXXFLAGS := -std=c++17 -O2 -fPIC -Wall -Wextra -I$(ROOT)/sim/device -I$(SIM_DEVICE_INCLUDE) \
	-I$(GEN)/include
# The Verilator runtime objects every model needs (FST tracing, threads support).
SIM_DEVICE_VL_OBJS := verilated.o verilated_fst_c.o verilated_threads.o
SIM_DEVICE_HOST_SRCS := sim/device/host_model.cpp sim/device/host_model.h
SIM_DEVICE_ETH_SRCS := sim/device/eth_model.cpp sim/device/eth_model.h

.PHONY: sim-device sim-device-unit sim-device-unit-run
sim-device: $(SIM_DEVICE_LIB) $(SIM_DEVICE_SMOKE)
sim-device-unit: $(SIM_DEVICE_UNIT) $(SIM_DEVICE_ETH_UNIT)
sim-device-unit-run: $(SIM_DEVICE_UNIT) $(SIM_DEVICE_ETH_UNIT)
	$(SIM_DEVICE_UNIT)
	$(SIM_DEVICE_ETH_UNIT)

# Verilated model: verilator --build makes Vvionic_device__ALL.a; the runtime
# objects come from the same generated makefile so they share its flags. $(1) is the
# output directory, $(2) the Verilator source arguments.
define SIM_DEVICE_VERILATE
	@mkdir -p $(1)/obj
	$(VERILATOR) --cc --build -j $(SIM_DEVICE_JOBS) -O3 --x-assign fast --x-initial fast \
		--trace-fst -Wall -Wno-fatal --top-module vionic_device $(2) \
		-CFLAGS "-O2 -std=c++17 -fPIC" \
		--Mdir $(1)/obj > $(1)/build.log 2>&1 || { tail -40 $(1)/build.log; exit 1; }
	$(MAKE) --no-print-directory -C $(1)/obj -f Vvionic_device.mk $(SIM_DEVICE_VL_OBJS) \
		>> $(1)/build.log 2>&1 || { tail -40 $(1)/build.log; exit 1; }
endef

# The API adapter is compiled against one Verilated model ($(1) its directory).
define SIM_DEVICE_ADAPTER
	$(SIM_DEVICE_CXX) $(SIM_DEVICE_CXXFLAGS) -I$(1)/obj -isystem $(VERILATOR_ROOT_DIR)/include \
		-isystem $(VERILATOR_ROOT_DIR)/include/vltstd -DVM_TRACE=1 -DVM_TRACE_FST=1 \
		-c sim/device/vionic_sim.cpp -o $(1)/vionic_sim.o
endef

# One archive with everything: the model's objects (whatever files Verilator split
# the model into: the members of its __ALL.a), the runtime, host model and API.
define SIM_DEVICE_ARCHIVE
	rm -f $@
	ar rcs $@ $(1)/vionic_sim.o $(SIM_DEVICE_DIR)/host_model.o $(SIM_DEVICE_DIR)/eth_model.o \
		$$(ar t $(1)/obj/Vvionic_device__ALL.a | sed 's|^|$(1)/obj/|') \
		$(addprefix $(1)/obj/,$(SIM_DEVICE_VL_OBJS))
	@echo "built $@"
endef

$(SIM_DEVICE_OBJ)/Vvionic_device__ALL.a: $(GEN_STAMP) $(SIM_DEVICE_F) $(SIM_DEVICE_RTL) sim/device/sim.mk
	$(call SIM_DEVICE_VERILATE,$(SIM_DEVICE_DIR),-f $(SIM_DEVICE_F) $(SIM_DEVICE_VFLAGS))

$(SIM_DEVICE_DIR)/host_model.o: $(GEN_STAMP) $(SIM_DEVICE_HOST_SRCS)
	@mkdir -p $(SIM_DEVICE_DIR)
	$(SIM_DEVICE_CXX) $(SIM_DEVICE_CXXFLAGS) -c sim/device/host_model.cpp -o $@

$(SIM_DEVICE_DIR)/eth_model.o: $(SIM_DEVICE_ETH_SRCS)
	@mkdir -p $(SIM_DEVICE_DIR)
	$(SIM_DEVICE_CXX) $(SIM_DEVICE_CXXFLAGS) -c sim/device/eth_model.cpp -o $@

$(SIM_DEVICE_DIR)/vionic_sim.o: $(SIM_DEVICE_OBJ)/Vvionic_device__ALL.a sim/device/vionic_sim.cpp \
		$(SIM_DEVICE_INCLUDE)/vionic_sim.h sim/device/host_model.h sim/device/eth_model.h
	$(call SIM_DEVICE_ADAPTER,$(SIM_DEVICE_DIR))

$(SIM_DEVICE_LIB): $(SIM_DEVICE_OBJ)/Vvionic_device__ALL.a $(SIM_DEVICE_DIR)/host_model.o \
		$(SIM_DEVICE_DIR)/eth_model.o $(SIM_DEVICE_DIR)/vionic_sim.o
	$(call SIM_DEVICE_ARCHIVE,$(SIM_DEVICE_DIR))

$(SIM_DEVICE_SMOKE): sim/device/smoke.c $(SIM_DEVICE_LIB) $(SIM_DEVICE_INCLUDE)/vionic_sim.h
	gcc -std=c11 -O2 -Wall -Wextra -I$(SIM_DEVICE_INCLUDE) -I$(GEN)/include -c sim/device/smoke.c \
		-o $(SIM_DEVICE_DIR)/smoke.o
	$(SIM_DEVICE_CXX) -o $@ $(SIM_DEVICE_DIR)/smoke.o $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(SIM_DEVICE_UNIT): $(GEN_STAMP) $(SIM_DEVICE_HOST_SRCS) sim/device/host_model_test.cpp
	@mkdir -p $(dir $@)
	$(SIM_DEVICE_CXX) $(SIM_DEVICE_CXXFLAGS) -o $@ sim/device/host_model_test.cpp sim/device/host_model.cpp

$(SIM_DEVICE_ETH_UNIT): $(SIM_DEVICE_ETH_SRCS) sim/device/eth_model_test.cpp
	@mkdir -p $(dir $@)
	$(SIM_DEVICE_CXX) $(SIM_DEVICE_CXXFLAGS) -o $@ sim/device/eth_model_test.cpp sim/device/eth_model.cpp

# The adapter against a stand-in device (sim/device/stub/): tests vionic_sim.cpp
# (two models, plusargs, CRS retry, DMA, MSI, FST) independently of the real RTL.
SIM_DEVICE_STUB_DIR := $(BUILD)/sim/device-stub
SIM_DEVICE_STUB_TEST := $(BUILD)/rtl-unit/vsim_stub
$(SIM_DEVICE_STUB_DIR)/obj/Vvionic_device__ALL.a: sim/device/stub/vionic_device.v sim/device/sim.mk
	$(call SIM_DEVICE_VERILATE,$(SIM_DEVICE_STUB_DIR),sim/device/stub/vionic_device.v)
$(SIM_DEVICE_STUB_DIR)/vionic_sim.o: $(SIM_DEVICE_STUB_DIR)/obj/Vvionic_device__ALL.a \
		sim/device/vionic_sim.cpp $(SIM_DEVICE_INCLUDE)/vionic_sim.h sim/device/host_model.h \
		sim/device/eth_model.h
	$(call SIM_DEVICE_ADAPTER,$(SIM_DEVICE_STUB_DIR))
$(SIM_DEVICE_STUB_DIR)/libvionic_sim.a: $(SIM_DEVICE_STUB_DIR)/obj/Vvionic_device__ALL.a \
		$(SIM_DEVICE_DIR)/host_model.o $(SIM_DEVICE_DIR)/eth_model.o $(SIM_DEVICE_STUB_DIR)/vionic_sim.o
	$(call SIM_DEVICE_ARCHIVE,$(SIM_DEVICE_STUB_DIR))
$(SIM_DEVICE_STUB_TEST): sim/device/stub/stub_test.c $(SIM_DEVICE_STUB_DIR)/libvionic_sim.a
	@mkdir -p $(dir $@)
	gcc -std=c11 -O2 -Wall -Wextra -I$(SIM_DEVICE_INCLUDE) -c sim/device/stub/stub_test.c \
		-o $(SIM_DEVICE_STUB_DIR)/stub_test.o
	$(SIM_DEVICE_CXX) -o $@ $(SIM_DEVICE_STUB_DIR)/stub_test.o $(SIM_DEVICE_STUB_DIR)/libvionic_sim.a \
		$(SIM_DEVICE_LIBS)

.PHONY: sim-device-stub-test
sim-device-stub-test: $(SIM_DEVICE_STUB_TEST)
	@mkdir -p $(SIM_DEVICE_STUB_DIR)/work
	$(SIM_DEVICE_STUB_TEST) $(SIM_DEVICE_STUB_DIR)/work

test-build: sim-device sim-device-unit $(SIM_DEVICE_STUB_TEST)
