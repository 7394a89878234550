// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of drivers/timer.c: 64-bit reads and writes over 32-bit registers. */
#include "drivers/timer.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"

/* One consistent hi/lo/hi read of mtime. */
static void expect_mtime(uint64_t value)
{
	mock_expect_read32(TIMER_REG(MTIME_HI), (uint32_t)(value >> 32));
	mock_expect_read32(TIMER_REG(MTIME_LO), (uint32_t)value);
	mock_expect_read32(TIMER_REG(MTIME_HI), (uint32_t)(value >> 32));
}

static void expect_compare_write(uint64_t value)
{
	mock_expect_write32(TIMER_REG(MTIMECMP_LO), 0xffffffff);
	mock_expect_write32(TIMER_REG(MTIMECMP_HI), (uint32_t)(value >> 32));
	mock_expect_write32(TIMER_REG(MTIMECMP_LO), (uint32_t)value);
}

static void test_now_reads_high_low_high(void)
{
	expect_mtime(0x0000000700000005ull);
	CHECK_EQ_U64(timer_now(), 0x0000000700000005ull);
}

static void test_now_retries_when_the_low_half_wraps(void)
{
	/*
	 * mtime = 0x0_ffffffff when the high half is read, carries before the
	 * low read (which sees 0x2), so the second high read says 1: the pair
	 * (0, 2) is 2^32 cycles off. The driver must read again.
	 */
	mock_expect_read32(TIMER_REG(MTIME_HI), 0);
	mock_expect_read32(TIMER_REG(MTIME_LO), 2);
	mock_expect_read32(TIMER_REG(MTIME_HI), 1);
	expect_mtime(0x0000000100000004ull);
	CHECK_EQ_U64(timer_now(), 0x0000000100000004ull);
}

static void test_compare_write_order_avoids_spurious_interrupt(void)
{
	/* Low half to all ones first, then high, then low (RISC-V Privileged 1.12 §3.2.1). */
	expect_compare_write(0x0000000200000010ull);
	timer_set_compare(0x0000000200000010ull);
}

static void test_compare_read(void)
{
	mock_expect_read32(TIMER_REG(MTIMECMP_HI), 0x12);
	mock_expect_read32(TIMER_REG(MTIMECMP_LO), 0x34);
	CHECK_EQ_U64(timer_compare(), 0x0000001200000034ull);
}

static void test_cancel_sets_never(void)
{
	expect_compare_write(TIMER_NEVER);
	timer_cancel();
}

static void test_arm_in_programs_now_plus_cycles(void)
{
	uint64_t deadline = 0;

	expect_mtime(0x00000001fffffff0ull);
	expect_compare_write(0x0000000200000010ull);
	CHECK_EQ_INT(timer_arm_in(0x20, &deadline), VIONIC_OK);
	CHECK_EQ_U64(deadline, 0x0000000200000010ull);
}

static void test_arm_in_without_deadline_pointer(void)
{
	expect_mtime(100);
	expect_compare_write(150);
	CHECK_EQ_INT(timer_arm_in(50, NULL), VIONIC_OK);
}

static void test_arm_in_rejects_zero_without_traffic(void)
{
	CHECK_EQ_INT(timer_arm_in(0, NULL), VIONIC_EINVAL);
}

static void test_arm_in_rejects_deadline_past_2_64(void)
{
	uint64_t deadline = 7;

	expect_mtime(0xfffffffffffffff0ull);
	CHECK_EQ_INT(timer_arm_in(0x100, &deadline), VIONIC_ERANGE);
	CHECK_EQ_U64(deadline, 7);
}

static void test_delay_polls_until_the_end(void)
{
	expect_mtime(1000);
	expect_mtime(1020);
	expect_mtime(1049);
	expect_mtime(1050);
	timer_delay(50);
}

static void test_software_irq(void)
{
	mock_expect_write32(TIMER_REG(MSIP), 1);
	mock_expect_write32(TIMER_REG(MSIP), 0);
	timer_software_irq_set(true);
	timer_software_irq_set(false);
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_now_reads_high_low_high),
		TEST_CASE(test_now_retries_when_the_low_half_wraps),
		TEST_CASE(test_compare_write_order_avoids_spurious_interrupt),
		TEST_CASE(test_compare_read),
		TEST_CASE(test_cancel_sets_never),
		TEST_CASE(test_arm_in_programs_now_plus_cycles),
		TEST_CASE(test_arm_in_without_deadline_pointer),
		TEST_CASE(test_arm_in_rejects_zero_without_traffic),
		TEST_CASE(test_arm_in_rejects_deadline_past_2_64),
		TEST_CASE(test_delay_polls_until_the_end),
		TEST_CASE(test_software_irq),
	};

	return test_main("timer", tests, VIONIC_ARRAY_SIZE(tests));
}
