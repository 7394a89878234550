// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of lib/perf.c: fixed-point ratios, counter windows, BENCH lines. */
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"
#include "lib/perf.h"

static char buf[32];

static void test_fixed_point_ratios(void)
{
	CHECK_EQ_INT(perf_format_fixed(buf, sizeof(buf), 1234, 1000, 3), 5);
	CHECK_EQ_STR(buf, "1.234");
	perf_format_fixed(buf, sizeof(buf), 2, 3, 3);
	CHECK_EQ_STR(buf, "0.667");
	perf_format_fixed(buf, sizeof(buf), 10, 4, 2);
	CHECK_EQ_STR(buf, "2.50");
	perf_format_fixed(buf, sizeof(buf), 1, 100, 1);
	CHECK_EQ_STR(buf, "0.0");
	perf_format_fixed(buf, sizeof(buf), 7, 1, 0);
	CHECK_EQ_STR(buf, "7");
	perf_format_fixed(buf, sizeof(buf), 34 * 64 + 3, 64, 2);
	CHECK_EQ_STR(buf, "34.05");
	perf_format_fixed(buf, sizeof(buf), 4000000000u, 3, 3);
	CHECK_EQ_STR(buf, "1333333333.333");
}

static void test_fixed_point_rounds_up_into_the_integer(void)
{
	perf_format_fixed(buf, sizeof(buf), 19999, 10000, 3);
	CHECK_EQ_STR(buf, "2.000");
}

static void test_fixed_point_rejects_bad_arguments(void)
{
	CHECK_EQ_INT(perf_format_fixed(buf, sizeof(buf), 5, 0, 3), VIONIC_EINVAL);
	CHECK_EQ_STR(buf, "?");
	CHECK_EQ_INT(perf_format_fixed(buf, sizeof(buf), 5, 1, 10), VIONIC_EINVAL);
}

static void expect_window(uint32_t cycles0, uint32_t instret0, uint32_t instret1, uint32_t cycles1)
{
	mock_expect_csr_read(VIONIC_RISCV_CSR_MCYCLE, cycles0);
	mock_expect_csr_read(VIONIC_RISCV_CSR_MINSTRET, instret0);
	mock_expect_csr_read(VIONIC_RISCV_CSR_MINSTRET, instret1);
	mock_expect_csr_read(VIONIC_RISCV_CSR_MCYCLE, cycles1);
}

static void test_window_counts_differences(void)
{
	struct perf_window window;

	expect_window(100, 50, 80, 160);
	perf_begin(&window);
	perf_end(&window);
	CHECK_EQ_U64(window.cycles, 60);
	CHECK_EQ_U64(window.instret, 30);
}

static void test_window_survives_counter_wrap(void)
{
	struct perf_window window;

	expect_window(0xfffffff0, 0xfffffffe, 0x00000008, 0x00000010);
	perf_begin(&window);
	perf_end(&window);
	CHECK_EQ_U64(window.cycles, 0x20);
	CHECK_EQ_U64(window.instret, 10);
}

static void test_bench_lines(void)
{
	const struct perf_window window = { .cycles = 1400, .instret = 1000 };

	mock_expect_console("BENCH name=cpi_copy cycles=1400 instret=1000 cpi=1.400\n");
	perf_report_cpi("cpi_copy", &window);
	mock_expect_console("BENCH name=div cycles_per_op=34.00\n");
	perf_report_per_op("div", 34 * 64, 64);
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_fixed_point_ratios),
		TEST_CASE(test_fixed_point_rounds_up_into_the_integer),
		TEST_CASE(test_fixed_point_rejects_bad_arguments),
		TEST_CASE(test_window_counts_differences),
		TEST_CASE(test_window_survives_counter_wrap),
		TEST_CASE(test_bench_lines),
	};

	return test_main("perf", tests, VIONIC_ARRAY_SIZE(tests));
}
