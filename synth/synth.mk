# synth/synth.mk: RTL lint and Yosys synthesis (included by the top-level Makefile).
#
#   make lint    verilator --lint-only -Wall on every top of rtl/tops.txt (zero warnings)
#   make synth   Yosys, two flows per top of synth/tops.txt; reports in $(BUILD)/synth/
#
# make test runs both through tools/run_tests.py (suites lint and synth), so nothing is
# added to test-build here.

.PHONY: lint synth

lint: $(GEN_STAMP)
	@$(PYTHON) tools/run_tests.py --build $(BUILD) --suite lint

# SYNTH_ABC=abc selects Yosys' classic LUT mapper for the xilinx flow (default abc9).
SYNTH_ABC ?=

synth: $(GEN_STAMP)
	@$(PYTHON) synth/synth.py --build $(BUILD) --timeout 3600 $(if $(SYNTH_ABC),--abc $(SYNTH_ABC))
