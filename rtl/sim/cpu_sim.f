-f rtl/cpu/cpu.f
rtl/sim/vionic_simctrl.v
rtl/sim/vionic_cpu_sim_top.v
