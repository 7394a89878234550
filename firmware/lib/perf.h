/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Cycle and instruction counts around a piece of code (mcycle, minstret),
 * and the machine-readable lines `make bench` collects:
 *   BENCH name=<kernel> cycles=<n> instret=<n> cpi=<x.yyy>
 *   BENCH name=<op> cycles_per_op=<x.yy>
 * Ratios are computed in fixed point (no floating point on this core).
 */
#ifndef VIONIC_LIB_PERF_H
#define VIONIC_LIB_PERF_H

#include <stddef.h>
#include <stdint.h>

#include "hal/csr.h"

/* Counts between perf_begin() and perf_end(): 32 bits, so < 2^32 cycles. */
struct perf_window {
	uint32_t cycles;
	uint32_t instret;
};

/*
 * Inline so that only the CSR reads themselves fall inside the window: the
 * cycle reads enclose the instruction-count reads, so the window counts the
 * kernel plus about two instructions.
 */
static inline void perf_begin(struct perf_window *window)
{
	window->cycles = csr_read(VIONIC_RISCV_CSR_MCYCLE);
	window->instret = csr_read(VIONIC_RISCV_CSR_MINSTRET);
}

static inline void perf_end(struct perf_window *window)
{
	uint32_t instret = csr_read(VIONIC_RISCV_CSR_MINSTRET);
	uint32_t cycles = csr_read(VIONIC_RISCV_CSR_MCYCLE);

	window->instret = instret - window->instret;
	window->cycles = cycles - window->cycles;
}

/*
 * numerator / denominator as "<integer>.<decimals digits>", rounded to the
 * nearest. Returns the length (like snprintf), or VIONIC_EINVAL for a zero
 * denominator or more than 9 decimals (buf then holds "?").
 */
int perf_format_fixed(char *buf, size_t size, uint32_t numerator, uint32_t denominator,
		      unsigned int decimals);

/* BENCH name=<name> cycles=<n> instret=<n> cpi=<x.yyy> */
void perf_report_cpi(const char *name, const struct perf_window *window);

/* BENCH name=<name> cycles_per_op=<x.yy> */
void perf_report_per_op(const char *name, uint32_t cycles, uint32_t ops);

#endif /* VIONIC_LIB_PERF_H */
