# bench/bench.mk: benchmarks (included by the top-level Makefile; docs/bench.md).
#
#   make bench                      run build/fw/bench/* on the simulated core, print the
#                                   cycle figures and the synthesis summary, write
#                                   $(BUILD)/bench/results.md
#   make bench BENCH_UPDATE_DOCS=1  also replace the figures in docs/bench.md
#
# sim-cpu, firmware (sim/cpu/sim.mk, firmware/firmware.mk) and synth (synth/synth.mk)
# are defined by their own fragments.

.PHONY: bench

BENCH_UPDATE_DOCS ?=

bench: sim-cpu firmware synth
	@$(PYTHON) tools/bench.py --build $(BUILD) --cc "$(FW_CC)" --cflags "$(FW_CFLAGS)" \
		$(if $(filter 1 yes true,$(BENCH_UPDATE_DOCS)),--update-docs)
