# tb: the C virtio-pci driver testbench against the simulated device (docs/testbench.md).
# Included by the top-level Makefile, which provides ROOT, BUILD, GEN, GEN_STAMP and
# PYTHON; SIM_DEVICE_LIB, SIM_DEVICE_LIBS and sim-device come from sim/device/sim.mk,
# fw-device from firmware/firmware.mk.
#
#   make tb              $(BUILD)/tb/vionic-lspci, $(BUILD)/tb/vionic-probe,
#                        $(BUILD)/tb/tests/<name> (TAP), $(BUILD)/tb/bench/transport_bench
#   make tb-run          runs every test program
#   make tb-bench-run    runs the transport benchmark
#   make tb-lspci        runs vionic-lspci -vvv style dump of function 0
#   make tb-traffic      runs the loopback traffic demo (build/tb/vionic-traffic)
#   make tb-net-bench-run runs the data-path benchmark (build/tb/bench/net_bench)
#   make tb-net-run      runs only the net_* data-path tests

.PHONY: tb tb-run tb-bench-run tb-lspci tb-probe tb-traffic tb-net-bench-run tb-net-run

TB_OUT := $(BUILD)/tb
SIM_DEVICE_LIB ?= $(BUILD)/sim/device/libvionic_sim.a
SIM_DEVICE_LIBS ?= -lz -lpthread
TB_FW_ITCM := $(BUILD)/fw/device/vionic.itcm.hex
TB_FW_DTCM := $(BUILD)/fw/device/vionic.dtcm.hex
TB_CC := gcc
TB_LD := g++
TB_CPPFLAGS := -I$(ROOT)/sim/include -I$(GEN)/include -I$(ROOT)/tb/lib -I$(ROOT)/tb/tests \
	-DVIONIC_FW_ITCM='"$(TB_FW_ITCM)"' -DVIONIC_FW_DTCM='"$(TB_FW_DTCM)"'
TB_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -MMD -MP

TB_LIB_SRCS := tb/lib/pci.c tb/lib/virtio_pci.c tb/lib/tb_sim.c tb/lib/vring_packed.c tb/lib/vnet.c \
	tb/lib/pktgen.c
TB_LIB_OBJS := $(TB_LIB_SRCS:tb/%.c=$(TB_OUT)/obj/%.o)
TB_TEST_NAMES := $(sort $(basename $(notdir $(wildcard $(ROOT)/tb/tests/*.c))))
TB_TESTS := $(TB_TEST_NAMES:%=$(TB_OUT)/tests/%)
TB_LSPCI := $(TB_OUT)/vionic-lspci
TB_PROBE := $(TB_OUT)/vionic-probe
TB_BENCH := $(TB_OUT)/bench/transport_bench
TB_TRAFFIC := $(TB_OUT)/vionic-traffic
TB_NET_BENCH := $(TB_OUT)/bench/net_bench
TB_NET_TESTS := $(filter $(TB_OUT)/tests/net_%,$(TB_TESTS))
TB_ALL := $(TB_LSPCI) $(TB_PROBE) $(TB_TESTS) $(TB_BENCH) $(TB_TRAFFIC) $(TB_NET_BENCH)

tb: $(TB_ALL) fw-device
test-build: tb

# keep the objects (make would delete them as intermediates and print the rm)
.SECONDARY: $(TB_TEST_NAMES:%=$(TB_OUT)/obj/tests/%.o)

$(TB_OUT)/obj/%.o: $(ROOT)/tb/%.c $(GEN_STAMP) $(ROOT)/sim/include/vionic_sim.h tb/tb.mk
	@mkdir -p $(dir $@)
	$(TB_CC) $(TB_CPPFLAGS) $(TB_CFLAGS) -c $< -o $@

$(TB_OUT)/tests/%: $(TB_OUT)/obj/tests/%.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	@mkdir -p $(dir $@)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(TB_LSPCI): $(TB_OUT)/obj/tools/vionic_lspci.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(TB_PROBE): $(TB_OUT)/obj/demo/vionic_probe.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(TB_BENCH): $(TB_OUT)/obj/bench/transport_bench.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	@mkdir -p $(dir $@)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(TB_TRAFFIC): $(TB_OUT)/obj/demo/vionic_traffic.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(TB_NET_BENCH): $(TB_OUT)/obj/bench/net_bench.o $(TB_LIB_OBJS) $(SIM_DEVICE_LIB)
	@mkdir -p $(dir $@)
	$(TB_LD) -o $@ $< $(TB_LIB_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

tb-traffic: $(TB_TRAFFIC) fw-device
	$(TB_TRAFFIC) $(TRAFFIC_ARGS)

tb-net-bench-run: $(TB_NET_BENCH) fw-device
	$(TB_NET_BENCH) $(NET_BENCH_ARGS)

tb-net-run: $(TB_NET_TESTS) fw-device
	@fail=0; for t in $(TB_NET_TESTS); do echo "== $$(basename $$t)"; $$t || fail=1; done; exit $$fail

tb-run: tb
	@fail=0; for t in $(TB_TESTS); do echo "== $$(basename $$t)"; $$t || fail=1; done; exit $$fail

tb-bench-run: $(TB_BENCH) fw-device
	$(TB_BENCH)

tb-lspci: $(TB_LSPCI) fw-device
	$(TB_LSPCI)

tb-probe: $(TB_PROBE) fw-device
	$(TB_PROBE)

-include $(wildcard $(TB_OUT)/obj/*/*.d)
