// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of drivers/simctrl.c: the exact register traffic of each call. */
#include "drivers/simctrl.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"

static void test_probe_accepts_the_magic(void)
{
	mock_expect_read32(SIMCTRL_REG(ID), VIONIC_SIMCTRL_ID_MAGIC_RESET);
	CHECK_EQ_INT(simctrl_probe(), VIONIC_OK);
}

static void test_probe_rejects_another_id(void)
{
	mock_expect_read32(SIMCTRL_REG(ID), 0);
	CHECK_EQ_INT(simctrl_probe(), VIONIC_ENODEV);
	mock_expect_read32(SIMCTRL_REG(ID), 0xffffffff);
	CHECK_EQ_INT(simctrl_probe(), VIONIC_ENODEV);
}

static void test_putc_writes_console(void)
{
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 'A');
	mock_expect_write32(SIMCTRL_REG(CONSOLE), '\n');
	simctrl_putc('A');
	simctrl_putc('\n');
}

static void test_putc_writes_only_the_byte(void)
{
	/* Not sign-extended to 0xffffffff where char is signed. */
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 0xff);
	simctrl_putc((char)0xff);
}

static void test_halt_writes_code_then_hangs(void)
{
	mock_expect_write32(SIMCTRL_REG(HALT), 0);
	mock_expect_hang();
	MOCK_RUN_NORETURN(simctrl_halt(0));

	mock_expect_write32(SIMCTRL_REG(HALT), 0x102);
	mock_expect_hang();
	MOCK_RUN_NORETURN(simctrl_halt(0x102));
}

static void test_irq_line_set_and_read(void)
{
	mock_expect_write32(SIMCTRL_REG(IRQ), 1);
	mock_expect_read32(SIMCTRL_REG(IRQ), 1);
	mock_expect_write32(SIMCTRL_REG(IRQ), 0);
	mock_expect_read32(SIMCTRL_REG(IRQ), 0);
	simctrl_irq_set(true);
	CHECK(simctrl_irq_asserted());
	simctrl_irq_set(false);
	CHECK(!simctrl_irq_asserted());
}

static void test_irq_asserted_ignores_other_bits(void)
{
	mock_expect_read32(SIMCTRL_REG(IRQ), 0xfffffffe);
	CHECK(!simctrl_irq_asserted());
}

static void test_irq_raise_after(void)
{
	mock_expect_write32(SIMCTRL_REG(IRQ_DELAY), 100);
	mock_expect_read32(SIMCTRL_REG(IRQ_DELAY), 37);
	CHECK_EQ_INT(simctrl_irq_raise_after(100), VIONIC_OK);
	CHECK_EQ_U64(simctrl_irq_delay_remaining(), 37);
}

static void test_irq_raise_after_zero_is_rejected_without_traffic(void)
{
	/* 0 means "nothing pending" to the block: refusing it beats a silent no-op. */
	CHECK_EQ_INT(simctrl_irq_raise_after(0), VIONIC_EINVAL);
}

static void test_scratch_round_trip(void)
{
	mock_expect_write32(SIMCTRL_REG(SCRATCH), 0xa5a5f00d);
	mock_expect_read32(SIMCTRL_REG(SCRATCH), 0xa5a5f00d);
	simctrl_scratch_write(0xa5a5f00d);
	CHECK_EQ_U64(simctrl_scratch_read(), 0xa5a5f00d);
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_probe_accepts_the_magic),
		TEST_CASE(test_probe_rejects_another_id),
		TEST_CASE(test_putc_writes_console),
		TEST_CASE(test_putc_writes_only_the_byte),
		TEST_CASE(test_halt_writes_code_then_hangs),
		TEST_CASE(test_irq_line_set_and_read),
		TEST_CASE(test_irq_asserted_ignores_other_bits),
		TEST_CASE(test_irq_raise_after),
		TEST_CASE(test_irq_raise_after_zero_is_rejected_without_traffic),
		TEST_CASE(test_scratch_round_trip),
	};

	return test_main("simctrl", tests, VIONIC_ARRAY_SIZE(tests));
}
