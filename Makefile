# vionic top-level build. Each area owns a fragment (*.mk) included below;
# everything built goes to $(BUILD) (override with BUILD=...).
#
#   make demo    the main job: the C virtio driver brings up the simulated device
#                (RTL + firmware) and lspci shows its configuration space
#   make test    installs what it needs, builds everything, runs every test
#   make bench   benchmarks (figures recorded in docs/bench.md)
#   make lint    verilator --lint-only -Wall on every RTL top
#   make synth   Yosys synthesis with LUT/FF/BRAM/DSP counts

SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
BUILD ?= $(ROOT)/build
# fixed location: rtl/*.f files name build/gen/rtl as an include directory
GEN := $(ROOT)/build/gen
PYTHON ?= python3

REG_SOURCES := $(wildcard regs/*.toml)
GEN_STAMP := $(GEN)/.stamp

.PHONY: help deps gen demo demo-run test test-build bench lint synth clean

# Fragments add their own prerequisites to test-build (everything make test needs built).
test-build: $(GEN_STAMP)

help:
	@echo "make demo   - bring up the simulated vionic device with the C virtio driver"
	@echo "make test   - install dependencies, build and run all tests"
	@echo "make bench  - run the benchmarks"
	@echo "make lint   - Verilator lint of every RTL top"
	@echo "make synth  - Yosys synthesis and resource counts"

deps:
	@bash tools/install-deps.sh

# Register single source -> Verilog/C/linker/docs (docs/registers is committed).
$(GEN_STAMP): $(REG_SOURCES) tools/reggen.py
	@$(PYTHON) tools/reggen.py $(REG_SOURCES) --out $(GEN) --docs docs/registers
	@touch $@
gen: $(GEN_STAMP)

include sim/cpu/sim.mk
include sim/device/sim.mk
include firmware/firmware.mk
include tb/tb.mk
include sim/bridge/bridge.mk
include sim/uml/uml.mk
include tests/isa/isa.mk
include tests/random/random.mk
# every block test directory owns a fragment
include $(sort $(wildcard tests/rtl/*/*.mk tests/rtl/*/*/*.mk))
include synth/synth.mk
include bench/bench.mk

demo: deps
	@$(MAKE) --no-print-directory demo-run

# The end-to-end demo (docs/testbench.md "vionic-traffic"): the C virtio-net driver
# brings the simulated device up, puts its Ethernet port in loopback and moves
# traffic through the packed virtqueues, with a progress line and a summary.
# DEMO_ARGS passes options (--pairs, --size, --seconds, --gbps, --pcap FILE).
# make tb-lspci and make tb-probe show the PCI function and the bring-up.
DEMO_ARGS ?=

demo-run: $(TB_TRAFFIC) fw-device
	@$(TB_TRAFFIC) $(DEMO_ARGS)

test: deps
	@$(MAKE) --no-print-directory test-build
	@$(PYTHON) tools/run_tests.py --build $(BUILD)

clean:
	rm -rf $(BUILD)
