// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Cycles per M-extension operation: 64 in a row between two mcycle reads,
 * less the cost of the reads alone. "Dependent" chains feed each result into
 * the next operation; "indep" ones rotate over four destinations, so a core
 * that overlaps them would show it. Names in the BENCH lines:
 *   mul, mul_indep, mulhu, div, div_indep, rem, rem_indep, div_zero
 */
#include <stdint.h>

#include "lib/console.h"
#include "lib/perf.h"

#define OPS 64

/* mcycle read, `body` OPS times (x, y operands; t0-t3 free), mcycle read. */
#define TIME_BLOCK(body, x_in, y_in) __extension__({				\
	uint32_t start_, end_, x_ = (x_in), y_ = (y_in);			\
	__asm__ volatile("csrr %[start], %[mcycle]\n\t"			\
			 body							\
			 "csrr %[end], %[mcycle]"				\
			 : [start] "=&r"(start_), [end] "=r"(end_), [x] "+r"(x_)	\
			 : [y] "r"(y_), [mcycle] "i"(VIONIC_RISCV_CSR_MCYCLE)	\
			 : "t0", "t1", "t2", "t3", "memory");			\
	end_ - start_;								\
})

#define REPEAT(count, text) ".rept " #count "\n\t" text ".endr\n\t"

static uint32_t overhead;

static void report(const char *name, uint32_t cycles)
{
	perf_report_per_op(name, cycles - overhead, OPS);
}

int main(void)
{
	/* The two reads alone. */
	overhead = TIME_BLOCK("", 0, 0);

	report("mul", TIME_BLOCK(REPEAT(64, "mul %[x], %[x], %[y]\n\t"), 3, 5));
	report("mul_indep", TIME_BLOCK(REPEAT(16, "mul t0, %[x], %[y]\n\tmul t1, %[x], %[y]\n\t"
					     "mul t2, %[x], %[y]\n\tmul t3, %[x], %[y]\n\t"), 3, 5));
	report("mulhu", TIME_BLOCK(REPEAT(64, "mulhu %[x], %[x], %[y]\n\t"), 0xfffffff3u, 0xffffffffu));
	/* x / 1 and x % 0x7fffffff leave x as it is: full-width operands throughout. */
	report("div", TIME_BLOCK(REPEAT(64, "div %[x], %[x], %[y]\n\t"), 0x76543210u, 1));
	report("div_indep", TIME_BLOCK(REPEAT(16, "div t0, %[x], %[y]\n\tdiv t1, %[x], %[y]\n\t"
					     "div t2, %[x], %[y]\n\tdiv t3, %[x], %[y]\n\t"),
				       0x76543210u, 3));
	report("rem", TIME_BLOCK(REPEAT(64, "rem %[x], %[x], %[y]\n\t"), 0x12345678u, 0x7fffffffu));
	report("rem_indep", TIME_BLOCK(REPEAT(16, "rem t0, %[x], %[y]\n\trem t1, %[x], %[y]\n\t"
					     "rem t2, %[x], %[y]\n\trem t3, %[x], %[y]\n\t"),
				       0x12345678u, 0x7fffffffu));
	report("div_zero", TIME_BLOCK(REPEAT(64, "div t0, %[x], %[y]\n\t"), 0x12345678u, 0));
	return 0;
}
