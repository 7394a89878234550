# bench/bench.mk: benchmarks (included by the top-level Makefile; docs/bench.md).
#
#   make bench                      run build/fw/bench/* on the simulated core and the
#                                   transport benchmark on the simulated device, print the
#                                   figures, firmware sizes and the synthesis summary, write
#                                   $(BUILD)/bench/results.md
#   make bench BENCH_UPDATE_DOCS=1  also replace the figures in docs/bench.md
#
# sim-cpu, firmware (sim/cpu/sim.mk, firmware/firmware.mk) and synth (synth/synth.mk)
# are defined by their own fragments.

.PHONY: bench

BENCH_UPDATE_DOCS ?=

bench: sim-cpu firmware synth tb
	@$(PYTHON) tools/bench.py --build $(BUILD) --cc "$(FW_CC)" --cflags "$(FW_CFLAGS)" \
		--device-bench $(TB_BENCH) --device-bench $(TB_NET_BENCH) --size $(FW_SIZE) --firmware $(BUILD)/fw/device/vionic.elf \
		$(if $(filter 1 yes true,$(BENCH_UPDATE_DOCS)),--update-docs)
