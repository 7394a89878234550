# tests/rtl/dma/lowest_one: block test of rtl/dma/vionic_lowest_one.v (a lowest-set-bit
# encoder; vionic_dma_read's free-tag encoder until it took its tags from free lists)
# against a reference, built for WIDTH 64 and 5 (a width that is not a power of 2,
# every input). TAP output.

RTL_UNIT_LOWEST_ONE := $(BUILD)/rtl-unit/lowest_one_64 $(BUILD)/rtl-unit/lowest_one_5
RTL_UNIT_LOWEST_ONE_DEPS := rtl/dma/vionic_lowest_one.v tests/rtl/dma/lowest_one/lowest_one_tb.cpp \
	tests/rtl/dma/lowest_one/lowest_one.mk

.PHONY: rtl-unit-lowest-one
rtl-unit-lowest-one: $(RTL_UNIT_LOWEST_ONE)
test-build: rtl-unit-lowest-one

$(BUILD)/rtl-unit/lowest_one_%: $(RTL_UNIT_LOWEST_ONE_DEPS)
	@mkdir -p $(BUILD)/obj/rtl-unit/lowest_one_$* $(dir $@)
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall -GWIDTH=$* \
		--top-module vionic_lowest_one rtl/dma/vionic_lowest_one.v \
		-CFLAGS "-O1 -std=c++17 -DTB_WIDTH=$*" \
		--Mdir $(BUILD)/obj/rtl-unit/lowest_one_$* -o $@ \
		$(ROOT)/tests/rtl/dma/lowest_one/lowest_one_tb.cpp \
		> $(BUILD)/obj/rtl-unit/lowest_one_$*/build.log 2>&1 \
		|| { tail -40 $(BUILD)/obj/rtl-unit/lowest_one_$*/build.log; exit 1; }
	@echo "built $@"
