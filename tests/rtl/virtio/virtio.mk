# tests/rtl/virtio: block test of the virtio transport (vionic_virtio_regs, vionic_msix,
# vionic_ctrl, stores, periph decode) through vionic_virtio_tb_top; TAP output.
# Run by the rtl-unit suite of tools/run_tests.py ($(BUILD)/rtl-unit/virtio_regs).

RTL_UNIT_VIRTIO_DIR := $(BUILD)/rtl-unit/virtio_regs.d
RTL_UNIT_VIRTIO := $(BUILD)/rtl-unit/virtio_regs
RTL_UNIT_VIRTIO_SOURCES := $(wildcard rtl/virtio/*.v) rtl/sim/vionic_simctrl.v \
	tests/rtl/virtio/vionic_virtio_tb_top.v tests/rtl/virtio/virtio_regs_tb.cpp
VERILATOR ?= verilator

.PHONY: rtl-unit-virtio
rtl-unit-virtio: $(RTL_UNIT_VIRTIO)

$(RTL_UNIT_VIRTIO): $(GEN_STAMP) $(RTL_UNIT_VIRTIO_SOURCES) tests/rtl/virtio/virtio.mk
	@mkdir -p $(RTL_UNIT_VIRTIO_DIR)
	$(VERILATOR) --cc --exe --build -j $(shell nproc) -O2 -Wall \
		--top-module vionic_virtio_tb_top +incdir+$(GEN)/rtl \
		$(wildcard rtl/virtio/*.v) rtl/sim/vionic_simctrl.v tests/rtl/virtio/vionic_virtio_tb_top.v \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include" \
		--Mdir $(RTL_UNIT_VIRTIO_DIR)/obj -o $(RTL_UNIT_VIRTIO) \
		$(ROOT)/tests/rtl/virtio/virtio_regs_tb.cpp > $(RTL_UNIT_VIRTIO_DIR)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_VIRTIO_DIR)/build.log; exit 1; }
	@echo "built $(RTL_UNIT_VIRTIO)"

test-build: rtl-unit-virtio
