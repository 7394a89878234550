# tests/rtl/dma/byte_rotate: block test of rtl/dma/vionic_byte_rotate.v (the lane
# rotations of the DMA engines) against a reference, built for 64 lanes (512-bit beats)
# and 32 lanes (256-bit beats), each rotating up and down. TAP output.

RTL_UNIT_BYTE_ROTATE := $(BUILD)/rtl-unit/byte_rotate_64_up $(BUILD)/rtl-unit/byte_rotate_64_down \
	$(BUILD)/rtl-unit/byte_rotate_32_up $(BUILD)/rtl-unit/byte_rotate_32_down
RTL_UNIT_BYTE_ROTATE_DEPS := rtl/dma/vionic_byte_rotate.v tests/rtl/dma/byte_rotate/byte_rotate_tb.cpp \
	tests/rtl/dma/byte_rotate/byte_rotate.mk

.PHONY: rtl-unit-byte-rotate
rtl-unit-byte-rotate: $(RTL_UNIT_BYTE_ROTATE)
test-build: rtl-unit-byte-rotate

# $(BUILD)/rtl-unit/byte_rotate_<lanes>_<up|down>
$(BUILD)/rtl-unit/byte_rotate_%: $(RTL_UNIT_BYTE_ROTATE_DEPS)
	@mkdir -p $(BUILD)/obj/rtl-unit/byte_rotate_$* $(dir $@)
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall \
		-GLANES=$(word 1,$(subst _, ,$*)) -GUP=$(if $(filter up,$(word 2,$(subst _, ,$*))),1,0) \
		--top-module vionic_byte_rotate rtl/dma/vionic_byte_rotate.v \
		-CFLAGS "-O1 -std=c++17 -DTB_LANES=$(word 1,$(subst _, ,$*)) \
			-DTB_UP=$(if $(filter up,$(word 2,$(subst _, ,$*))),1,0)" \
		--Mdir $(BUILD)/obj/rtl-unit/byte_rotate_$* -o $@ \
		$(ROOT)/tests/rtl/dma/byte_rotate/byte_rotate_tb.cpp \
		> $(BUILD)/obj/rtl-unit/byte_rotate_$*/build.log 2>&1 \
		|| { tail -40 $(BUILD)/obj/rtl-unit/byte_rotate_$*/build.log; exit 1; }
	@echo "built $@"
