# tests/rtl/dma: block test of the DMA layer (rtl/dma/: read/write engines,
# arbiters, rq mux, fw_dma) through tests/rtl/dma/vionic_dma_tb_top.v against a
# C++ host-memory model (Verilator, TAP output). Built twice: DATA_WIDTH 512
# (build/rtl-unit/dma) and 256 (build/rtl-unit/dma_256).

RTL_UNIT_DMA_DIR := $(BUILD)/obj/rtl-unit/dma
RTL_UNIT_DMA := $(BUILD)/rtl-unit/dma
RTL_UNIT_DMA256_DIR := $(BUILD)/obj/rtl-unit/dma_256
RTL_UNIT_DMA256 := $(BUILD)/rtl-unit/dma_256
RTL_UNIT_DMA_SOURCES := $(sort $(wildcard rtl/dma/*.v)) tests/rtl/dma/vionic_dma_tb_top.v
RTL_UNIT_DMA_DEPS := $(GEN_STAMP) $(RTL_UNIT_DMA_SOURCES) tests/rtl/dma/dma_tb.cpp tests/rtl/dma/dma.mk
VERILATOR ?= verilator

# $(1) = Mdir, $(2) = binary, $(3) = DATA_WIDTH
define RTL_UNIT_DMA_BUILD
	@mkdir -p $(1) $(dir $(2))
	$(VERILATOR) --cc --exe --build -j 2 -O2 --x-assign unique --x-initial unique \
		-Wall -I$(GEN)/rtl -GDATA_WIDTH=$(3) \
		--top-module vionic_dma_tb_top $(RTL_UNIT_DMA_SOURCES) \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include -DTB_DW=$(3)" \
		--Mdir $(1) -o $(2) \
		$(ROOT)/tests/rtl/dma/dma_tb.cpp > $(1)/build.log 2>&1 \
		|| { tail -40 $(1)/build.log; exit 1; }
	@echo "built $(2)"
endef

.PHONY: rtl-unit-dma
rtl-unit-dma: $(RTL_UNIT_DMA) $(RTL_UNIT_DMA256)

$(RTL_UNIT_DMA): $(RTL_UNIT_DMA_DEPS)
	$(call RTL_UNIT_DMA_BUILD,$(RTL_UNIT_DMA_DIR),$(RTL_UNIT_DMA),512)

$(RTL_UNIT_DMA256): $(RTL_UNIT_DMA_DEPS)
	$(call RTL_UNIT_DMA_BUILD,$(RTL_UNIT_DMA256_DIR),$(RTL_UNIT_DMA256),256)

test-build: rtl-unit-dma
