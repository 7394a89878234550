# tests/rtl/vq/used: block test of vionic_vq_used (Verilator, TAP output): used descriptor
# write-back against a C++ model, event suppression, interrupts, DMA errors, throughput.
# Built twice: 512-bit data path (default) and 256-bit. Parameters given to Verilator (-G)
# and to the C++ testbench (-D) from one list.

RTL_UNIT_VQ_USED_SOURCES := rtl/vq/vionic_vq_used.v rtl/vq/vionic_vq_used_pick.v rtl/vq/vionic_vq_rr.v \
	rtl/vq/vionic_onehot_index.v
RTL_UNIT_VQ_USED_TB := tests/rtl/vq/used/vq_used_tb.cpp
RTL_UNIT_VQ_USED_PARAMS := NUM_FUNCS=2 QUEUES_PER_FUNC=8 NUM_QP=3 MAX_CHAIN=16 HOLD_MAX=32
RTL_UNIT_VQ_USED := $(BUILD)/rtl-unit/vq_used
RTL_UNIT_VQ_USED_256 := $(BUILD)/rtl-unit/vq_used_256
VERILATOR ?= verilator

.PHONY: rtl-unit-vq-used
rtl-unit-vq-used: $(RTL_UNIT_VQ_USED) $(RTL_UNIT_VQ_USED_256)

# $(1) binary, $(2) data width
define RTL_UNIT_VQ_USED_BUILD
$(1): $(GEN_STAMP) $(RTL_UNIT_VQ_USED_SOURCES) $(RTL_UNIT_VQ_USED_TB) tests/rtl/vq/used/vq_used.mk
	@mkdir -p $(BUILD)/obj/rtl-unit/$$(notdir $(1)) $$(dir $(1))
	$$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique -Wall \
		--top-module vionic_vq_used +incdir+$$(GEN)/rtl \
		$$(addprefix -G,$$(RTL_UNIT_VQ_USED_PARAMS) DATA_WIDTH=$(2)) $$(RTL_UNIT_VQ_USED_SOURCES) \
		-CFLAGS "-O1 -std=c++17 -I$$(GEN)/include $$(addprefix -DTB_,$$(RTL_UNIT_VQ_USED_PARAMS) DATA_WIDTH=$(2))" \
		--Mdir $(BUILD)/obj/rtl-unit/$$(notdir $(1)) -o $(1) \
		$$(ROOT)/$(RTL_UNIT_VQ_USED_TB) > $(BUILD)/obj/rtl-unit/$$(notdir $(1))/build.log 2>&1 \
		|| { tail -40 $(BUILD)/obj/rtl-unit/$$(notdir $(1))/build.log; exit 1; }
	@echo "built $(1)"
endef
$(eval $(call RTL_UNIT_VQ_USED_BUILD,$(RTL_UNIT_VQ_USED),512))
$(eval $(call RTL_UNIT_VQ_USED_BUILD,$(RTL_UNIT_VQ_USED_256),256))

test-build: rtl-unit-vq-used
