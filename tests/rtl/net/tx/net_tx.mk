# tests/rtl/net/tx: block test of vionic_net_tx (Verilator, TAP output): host memory
# model on the DMA read port (in-order, ~125-cycle latency, random gaps), random
# frames and descriptor layouts, checksum offload, every drop reason, read errors,
# throughput. Run by the rtl-unit suite ($(BUILD)/rtl-unit/net_tx). TB_SEED=<n> picks
# another random run; TB_LOG=<file> logs every transaction stream (diff two RTL versions).

RTL_UNIT_NET_TX_DIR := $(BUILD)/obj/rtl-unit/net_tx
RTL_UNIT_NET_TX := $(BUILD)/rtl-unit/net_tx
RTL_UNIT_NET_TX_SOURCES := $(wildcard rtl/net/vionic_net_tx*.v) rtl/net/vionic_net_fifo.v rtl/net/vionic_net_fifo_reg.v
RTL_UNIT_NET_TX_PARAMS := DATA_WIDTH=512 NUM_FUNCS=2 QUEUES_PER_FUNC=8 MAX_FRAME=1518 FIFO_BYTES=16384
VERILATOR ?= verilator

.PHONY: rtl-unit-net-tx
rtl-unit-net-tx: $(RTL_UNIT_NET_TX)

$(RTL_UNIT_NET_TX): $(GEN_STAMP) $(RTL_UNIT_NET_TX_SOURCES) tests/rtl/net/tx/net_tx_tb.cpp tests/rtl/net/tx/net_tx.mk
	@mkdir -p $(RTL_UNIT_NET_TX_DIR) $(dir $(RTL_UNIT_NET_TX))
	$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique \
		-Wall --top-module vionic_net_tx +incdir+$(GEN)/rtl \
		$(addprefix -G,$(RTL_UNIT_NET_TX_PARAMS)) $(RTL_UNIT_NET_TX_SOURCES) \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include $(addprefix -DTB_,$(RTL_UNIT_NET_TX_PARAMS))" \
		--Mdir $(RTL_UNIT_NET_TX_DIR) -o $(RTL_UNIT_NET_TX) \
		$(ROOT)/tests/rtl/net/tx/net_tx_tb.cpp > $(RTL_UNIT_NET_TX_DIR)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_NET_TX_DIR)/build.log; exit 1; }
	@echo "built $(RTL_UNIT_NET_TX)"

test-build: rtl-unit-net-tx

# Second build: 256-bit data path with jumbo frames (exercises the 4096-byte request split).
RTL_UNIT_NET_TX256_DIR := $(BUILD)/obj/rtl-unit/net_tx_256
RTL_UNIT_NET_TX256 := $(BUILD)/rtl-unit/net_tx_256
RTL_UNIT_NET_TX256_PARAMS := DATA_WIDTH=256 NUM_FUNCS=2 QUEUES_PER_FUNC=8 MAX_FRAME=9018 FIFO_BYTES=32768

.PHONY: rtl-unit-net-tx
rtl-unit-net-tx: $(RTL_UNIT_NET_TX256)

$(RTL_UNIT_NET_TX256): $(GEN_STAMP) $(RTL_UNIT_NET_TX_SOURCES) tests/rtl/net/tx/net_tx_tb.cpp tests/rtl/net/tx/net_tx.mk
	@mkdir -p $(RTL_UNIT_NET_TX256_DIR) $(dir $(RTL_UNIT_NET_TX256))
	$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique \
		-Wall --top-module vionic_net_tx +incdir+$(GEN)/rtl \
		$(addprefix -G,$(RTL_UNIT_NET_TX256_PARAMS)) $(RTL_UNIT_NET_TX_SOURCES) \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include $(addprefix -DTB_,$(RTL_UNIT_NET_TX256_PARAMS))" \
		--Mdir $(RTL_UNIT_NET_TX256_DIR) -o $(RTL_UNIT_NET_TX256) \
		$(ROOT)/tests/rtl/net/tx/net_tx_tb.cpp > $(RTL_UNIT_NET_TX256_DIR)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_NET_TX256_DIR)/build.log; exit 1; }
	@echo "built $(RTL_UNIT_NET_TX256)"
