# sim/cpu: Verilator model of the control processor (vionic_cpu_sim_top).
# Images are loaded at run time (+itcm= +dtcm=), so programs never rebuild it.

SIM_CPU_DIR := $(BUILD)/sim/cpu
SIM_CPU := $(SIM_CPU_DIR)/vionic_cpu_sim
SIM_CPU_SOURCES := $(shell sed -n 's/^\(rtl\/.*\.v\)$$/\1/p' rtl/cpu/cpu.f rtl/sim/cpu_sim.f) $(wildcard rtl/cpu/*.vh)
VERILATOR ?= verilator
SIM_CPU_JOBS ?= $(shell nproc)

.PHONY: sim-cpu
sim-cpu: $(SIM_CPU)

$(SIM_CPU): $(GEN_STAMP) $(SIM_CPU_SOURCES) rtl/cpu/cpu.f rtl/sim/cpu_sim.f sim/cpu/vionic_cpu_sim_main.cpp sim/cpu/sim.mk
	@mkdir -p $(SIM_CPU_DIR)
	$(VERILATOR) --cc --exe --build -j $(SIM_CPU_JOBS) -O3 --x-assign fast --x-initial fast \
		--trace-fst -Wall -Wno-fatal \
		--top-module vionic_cpu_sim_top -f rtl/sim/cpu_sim.f \
		-CFLAGS "-O2 -std=c++17" \
		--Mdir $(SIM_CPU_DIR)/obj -o $(SIM_CPU) \
		$(ROOT)/sim/cpu/vionic_cpu_sim_main.cpp > $(SIM_CPU_DIR)/build.log 2>&1 \
		|| { tail -40 $(SIM_CPU_DIR)/build.log; exit 1; }
	@echo "built $(SIM_CPU)"

test-build: sim-cpu
