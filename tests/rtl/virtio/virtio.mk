# tests/rtl/virtio: block test of the virtio transport (vionic_virtio_regs, vionic_msix,
# vionic_ctrl, stores, periph decode) through vionic_virtio_transport (with small test parameters); TAP output.
# Run by the rtl-unit suite of tools/run_tests.py ($(BUILD)/rtl-unit/virtio_regs).

RTL_UNIT_VIRTIO_DIR := $(BUILD)/rtl-unit/virtio_regs.d
RTL_UNIT_VIRTIO := $(BUILD)/rtl-unit/virtio_regs
RTL_UNIT_VIRTIO_SOURCES := $(wildcard rtl/virtio/*.v) rtl/sim/vionic_simctrl.v \
	tests/rtl/virtio/virtio_regs_tb.cpp
VERILATOR ?= verilator
# Small parameters so full queues and timeouts are reached quickly; given to Verilator (-G)
# and to the C++ testbench (-D) from this one list.
RTL_UNIT_VIRTIO_PARAMS := NUM_FUNCS=2 QUEUES_PER_FUNC=8 MSIX_VECTORS=32 EVENT_DEPTH=8 \
	READ_WAIT_CYCLES=200 EVENT_FULL_WAIT_CYCLES=300

.PHONY: rtl-unit-virtio
rtl-unit-virtio: $(RTL_UNIT_VIRTIO)

$(RTL_UNIT_VIRTIO): $(GEN_STAMP) $(RTL_UNIT_VIRTIO_SOURCES) tests/rtl/virtio/virtio.mk
	@mkdir -p $(RTL_UNIT_VIRTIO_DIR)
	$(VERILATOR) --cc --exe --build -j $(shell nproc) -O2 -Wall \
		--top-module vionic_virtio_transport +incdir+$(GEN)/rtl \
		$(addprefix -G,$(RTL_UNIT_VIRTIO_PARAMS)) \
		$(wildcard rtl/virtio/*.v) rtl/sim/vionic_simctrl.v \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include $(addprefix -DTB_,$(RTL_UNIT_VIRTIO_PARAMS))" \
		--Mdir $(RTL_UNIT_VIRTIO_DIR)/obj -o $(RTL_UNIT_VIRTIO) \
		$(ROOT)/tests/rtl/virtio/virtio_regs_tb.cpp > $(RTL_UNIT_VIRTIO_DIR)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_VIRTIO_DIR)/build.log; exit 1; }
	@echo "built $(RTL_UNIT_VIRTIO)"

test-build: rtl-unit-virtio
