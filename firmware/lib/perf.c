// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Fixed-point ratios and BENCH report lines; see perf.h. */
#include "lib/perf.h"

#include <inttypes.h>

#include "hal/status.h"
#include "lib/console.h"

#define PERF_MAX_DECIMALS 9

/*
 * numerator / denominator by binary long division. RV32 has no 64-bit
 * divide; this keeps libgcc's (2 KiB with its tables) out of every image.
 * The remainder stays below 2 * denominator < 2^33: no overflow.
 */
static uint64_t divide_u64(uint64_t numerator, uint32_t denominator)
{
	uint64_t quotient = 0, remainder = 0;

	for (int bit = 63; bit >= 0; bit--) {
		remainder = (remainder << 1) | ((numerator >> bit) & 1);
		if (remainder >= denominator) {
			remainder -= denominator;
			quotient |= 1ull << bit;
		}
	}
	return quotient;
}

int perf_format_fixed(char *buf, size_t size, uint32_t numerator, uint32_t denominator,
		      unsigned int decimals)
{
	char digits[24], text[26];
	uint64_t scale = 1;
	int count, integer_digits, length = 0;

	if (denominator == 0 || decimals > PERF_MAX_DECIMALS) {
		console_snprintf(buf, size, "?");
		return VIONIC_EINVAL;
	}
	for (unsigned int i = 0; i < decimals; i++)
		scale *= 10;
	/* Rounded to nearest; at most 2^32 * 10^9 + 2^31, well inside 64 bits. */
	count = console_snprintf(digits, sizeof(digits), "%0*" PRIu64, (int)decimals + 1,
				 divide_u64(numerator * scale + denominator / 2, denominator));
	/* The point goes `decimals` digits from the end: no 64-bit divide by 10^decimals. */
	integer_digits = count - (int)decimals;
	for (int i = 0; i < count; i++) {
		if (i == integer_digits)
			text[length++] = '.';
		text[length++] = digits[i];
	}
	text[length] = '\0';
	return console_snprintf(buf, size, "%s", text);
}

void perf_report_cpi(const char *name, const struct perf_window *window)
{
	char cpi[24];

	perf_format_fixed(cpi, sizeof(cpi), window->cycles, window->instret, 3);
	console_printf("BENCH name=%s cycles=%" PRIu32 " instret=%" PRIu32 " cpi=%s\n",
		       name, window->cycles, window->instret, cpi);
}

void perf_report_per_op(const char *name, uint32_t cycles, uint32_t ops)
{
	char per_op[24];

	perf_format_fixed(per_op, sizeof(per_op), cycles, ops, 2);
	console_printf("BENCH name=%s cycles_per_op=%s\n", name, per_op);
}
