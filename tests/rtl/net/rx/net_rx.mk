# tests/rtl/net/rx: block test of vionic_net_rx (Verilator, TAP output), built twice:
# DATA_WIDTH 512 (net_rx) and 256 (net_rx_256). Small RX_WAIT_CYCLES so the MRG_RXBUF
# give-up path is reached quickly. Parameters go to Verilator (-G) and the C++ testbench
# (-D) from one list.

RTL_UNIT_NET_RX_DIR := $(BUILD)/obj/rtl-unit/net_rx
RTL_UNIT_NET_RX := $(BUILD)/rtl-unit/net_rx
RTL_UNIT_NET_RX_256 := $(BUILD)/rtl-unit/net_rx_256
RTL_UNIT_NET_RX_SOURCES := rtl/net/vionic_net_rx.v rtl/net/vionic_net_fifo.v rtl/net/vionic_net_fifo_reg.v \
	rtl/net/vionic_net_rx_parse.v rtl/net/vionic_mac_filter.v
RTL_UNIT_NET_RX_PARAMS := NUM_QP=4 QUEUES_PER_FUNC=32 MAX_FRAME=1518 RX_WAIT_CYCLES=3000
VERILATOR ?= verilator

# $(1): binary, $(2): DATA_WIDTH
define RTL_UNIT_NET_RX_BUILD
	@mkdir -p $(RTL_UNIT_NET_RX_DIR)_$(2) $(dir $(1))
	$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique \
		-Wall +incdir+$(GEN)/rtl $(addprefix -G,DATA_WIDTH=$(2) $(RTL_UNIT_NET_RX_PARAMS)) \
		--top-module vionic_net_rx $(RTL_UNIT_NET_RX_SOURCES) \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include $(addprefix -DTB_,DATA_WIDTH=$(2) $(RTL_UNIT_NET_RX_PARAMS))" \
		--Mdir $(RTL_UNIT_NET_RX_DIR)_$(2) -o $(1) \
		$(ROOT)/tests/rtl/net/rx/net_rx_tb.cpp > $(RTL_UNIT_NET_RX_DIR)_$(2)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_NET_RX_DIR)_$(2)/build.log; exit 1; }
	@echo "built $(1)"
endef

.PHONY: rtl-unit-net-rx
rtl-unit-net-rx: $(RTL_UNIT_NET_RX) $(RTL_UNIT_NET_RX_256)

$(RTL_UNIT_NET_RX): $(GEN_STAMP) $(RTL_UNIT_NET_RX_SOURCES) tests/rtl/net/rx/net_rx_tb.cpp tests/rtl/net/rx/net_rx.mk
	$(call RTL_UNIT_NET_RX_BUILD,$(RTL_UNIT_NET_RX),512)

$(RTL_UNIT_NET_RX_256): $(GEN_STAMP) $(RTL_UNIT_NET_RX_SOURCES) tests/rtl/net/rx/net_rx_tb.cpp tests/rtl/net/rx/net_rx.mk
	$(call RTL_UNIT_NET_RX_BUILD,$(RTL_UNIT_NET_RX_256),256)

test-build: rtl-unit-net-rx
