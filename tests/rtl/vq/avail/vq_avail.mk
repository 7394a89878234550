# tests/rtl/vq/avail: block test of vionic_vq_avail and vionic_vq_ctl (Verilator, TAP output),
# wired together by tests/rtl/vq/avail/vq_avail_tb_top.v; the C++ testbench plays host memory,
# the packed-ring driver, net_tx, net_rx, vq_used and the firmware.
# Run by the rtl-unit suite of tools/run_tests.py ($(BUILD)/rtl-unit/vq_avail).

# Two builds: the default parameters (512-bit data path), and a 256-bit data path with
# MAX_CHAIN 8 and RX_CACHE 32 ($(BUILD)/rtl-unit/vq_avail_256).

RTL_UNIT_VQ_AVAIL_DIR := $(BUILD)/obj/rtl-unit/vq_avail
RTL_UNIT_VQ_AVAIL := $(BUILD)/rtl-unit/vq_avail
RTL_UNIT_VQ_AVAIL_256 := $(BUILD)/rtl-unit/vq_avail_256
RTL_UNIT_VQ_AVAIL_RTL := rtl/vq/vionic_vq_ctl.v rtl/vq/vionic_vq_avail.v rtl/vq/vionic_vq_rr.v rtl/vq/vionic_onehot_index.v $(wildcard rtl/vq/vionic_vq_avail_*.v)
RTL_UNIT_VQ_AVAIL_SOURCES := $(RTL_UNIT_VQ_AVAIL_RTL) tests/rtl/vq/avail/vq_avail_tb_top.v \
	tests/rtl/vq/avail/vq_avail_tb.cpp
VERILATOR ?= verilator
# given to Verilator (-G) and to the C++ testbench (-D TB_<name>) from this one list
RTL_UNIT_VQ_AVAIL_PARAMS := DATA_WIDTH=512 QUEUES_PER_FUNC=32 NUM_QP=4 MAX_CHAIN=16 RX_CACHE=16
RTL_UNIT_VQ_AVAIL_256_PARAMS := DATA_WIDTH=256 QUEUES_PER_FUNC=32 NUM_QP=4 MAX_CHAIN=8 RX_CACHE=32

# $(call rtl_unit_vq_avail_build,<binary>,<obj dir>,<params>)
define rtl_unit_vq_avail_build
	@mkdir -p $(2) $(dir $(1))
	$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique -Wall \
		--top-module vq_avail_tb_top +incdir+$(GEN)/rtl \
		$(addprefix -G,$(3)) \
		$(RTL_UNIT_VQ_AVAIL_RTL) tests/rtl/vq/avail/vq_avail_tb_top.v \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include $(addprefix -DTB_,$(3))" \
		--Mdir $(2) -o $(1) \
		$(ROOT)/tests/rtl/vq/avail/vq_avail_tb.cpp > $(2)/build.log 2>&1 \
		|| { tail -40 $(2)/build.log; exit 1; }
	@echo "built $(1)"
endef

.PHONY: rtl-unit-vq-avail
rtl-unit-vq-avail: $(RTL_UNIT_VQ_AVAIL) $(RTL_UNIT_VQ_AVAIL_256)

$(RTL_UNIT_VQ_AVAIL): $(GEN_STAMP) $(RTL_UNIT_VQ_AVAIL_SOURCES) tests/rtl/vq/avail/vq_avail.mk
	$(call rtl_unit_vq_avail_build,$(RTL_UNIT_VQ_AVAIL),$(RTL_UNIT_VQ_AVAIL_DIR),$(RTL_UNIT_VQ_AVAIL_PARAMS))

$(RTL_UNIT_VQ_AVAIL_256): $(GEN_STAMP) $(RTL_UNIT_VQ_AVAIL_SOURCES) tests/rtl/vq/avail/vq_avail.mk
	$(call rtl_unit_vq_avail_build,$(RTL_UNIT_VQ_AVAIL_256),$(RTL_UNIT_VQ_AVAIL_DIR)_256,$(RTL_UNIT_VQ_AVAIL_256_PARAMS))

test-build: rtl-unit-vq-avail
