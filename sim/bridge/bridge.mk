# sim/bridge: vionic-bridge, the vhost-user (virtio_pcidev) server that gives the
# simulated device to a User-Mode Linux kernel (docs/linux.md). Included by the
# top-level Makefile; SIM_DEVICE_LIB and friends come from sim/device/sim.mk, the
# firmware image paths from tb/tb.mk.
#
#   make bridge          $(BUILD)/bridge/vionic-bridge and $(BUILD)/rtl-unit/bridge_unit
#                        (the split-ring and vhost-user unit test, run by make test)
#   make bridge-unit-run runs that unit test

.PHONY: bridge bridge-unit-run

BRIDGE_OUT := $(BUILD)/bridge
BRIDGE := $(BRIDGE_OUT)/vionic-bridge
BRIDGE_UNIT := $(BUILD)/rtl-unit/bridge_unit
BRIDGE_CC := gcc
BRIDGE_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -MMD -MP -I$(ROOT)/sim/include \
	-I$(ROOT)/sim/bridge -DVIONIC_FW_ITCM='"$(TB_FW_ITCM)"' -DVIONIC_FW_DTCM='"$(TB_FW_DTCM)"'
BRIDGE_LIB_SRCS := sim/bridge/vhost_user.c sim/bridge/vring_split.c
BRIDGE_LIB_OBJS := $(BRIDGE_LIB_SRCS:sim/bridge/%.c=$(BRIDGE_OUT)/obj/%.o)
BRIDGE_OBJS := $(BRIDGE_LIB_OBJS) $(BRIDGE_OUT)/obj/pcidev.o $(BRIDGE_OUT)/obj/vionic_bridge.o

bridge: $(BRIDGE) $(BRIDGE_UNIT) fw-device
test-build: bridge

$(BRIDGE_OUT)/obj/%.o: $(ROOT)/sim/bridge/%.c $(ROOT)/sim/include/vionic_sim.h sim/bridge/bridge.mk
	@mkdir -p $(dir $@)
	$(BRIDGE_CC) $(BRIDGE_CFLAGS) -c $< -o $@

$(BRIDGE): $(BRIDGE_OBJS) $(SIM_DEVICE_LIB)
	$(TB_LD) -o $@ $(BRIDGE_OBJS) $(SIM_DEVICE_LIB) $(SIM_DEVICE_LIBS)

$(BRIDGE_UNIT): $(BRIDGE_OUT)/obj/bridge_unit.o $(BRIDGE_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(BRIDGE_CC) -o $@ $^

bridge-unit-run: $(BRIDGE_UNIT)
	$(BRIDGE_UNIT)

-include $(wildcard $(BRIDGE_OUT)/obj/*.d)
