# tests/rtl/pcie: block test of vionic_pcie_endpoint (Verilator, TAP output).
# Built with two functions so the per-function decode is exercised.

RTL_UNIT_PCIE_DIR := $(BUILD)/obj/rtl-unit/pcie_endpoint
RTL_UNIT_PCIE := $(BUILD)/rtl-unit/pcie_endpoint
RTL_UNIT_PCIE_FUNCS ?= 2
RTL_UNIT_PCIE_SOURCES := $(shell sed -n 's/^\(rtl\/.*\.v\)$$/\1/p' rtl/pcie/pcie.f)
VERILATOR ?= verilator

.PHONY: rtl-unit-pcie
rtl-unit-pcie: $(RTL_UNIT_PCIE)

$(RTL_UNIT_PCIE): $(GEN_STAMP) $(RTL_UNIT_PCIE_SOURCES) rtl/pcie/pcie.f tests/rtl/pcie/pcie_endpoint_tb.cpp tests/rtl/pcie/pcie.mk
	@mkdir -p $(RTL_UNIT_PCIE_DIR) $(dir $(RTL_UNIT_PCIE))
	$(VERILATOR) --cc --exe --build -j $(shell nproc) -O2 --x-assign unique --x-initial unique \
		-Wall -GNUM_FUNCS=$(RTL_UNIT_PCIE_FUNCS) \
		--top-module vionic_pcie_endpoint -f rtl/pcie/pcie.f \
		-CFLAGS "-O1 -std=c++17 -I$(GEN)/include -DTB_NUM_FUNCS=$(RTL_UNIT_PCIE_FUNCS)" \
		--Mdir $(RTL_UNIT_PCIE_DIR) -o $(RTL_UNIT_PCIE) \
		$(ROOT)/tests/rtl/pcie/pcie_endpoint_tb.cpp > $(RTL_UNIT_PCIE_DIR)/build.log 2>&1 \
		|| { tail -40 $(RTL_UNIT_PCIE_DIR)/build.log; exit 1; }
	@echo "built $(RTL_UNIT_PCIE)"

test-build: rtl-unit-pcie
