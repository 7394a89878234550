// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * CPI of a word copy loop (what moving a descriptor or a buffer costs):
 * lw, sw, two pointer increments and a taken branch per word, with the
 * store using the loaded register right away (a load-use stall).
 */
#include <stdint.h>

#include "lib/console.h"
#include "lib/perf.h"

#define WORDS 2048

static uint32_t source[WORDS], destination[WORDS];

/*
 * Not left to the compiler's loop-to-memcpy conversion: the point is this
 * loop's own instructions.
 */
static void __attribute__((noinline, optimize("no-tree-loop-distribute-patterns")))
copy_words(uint32_t *to, const uint32_t *from, uint32_t count)
{
	const uint32_t *end = from + count;

	while (from != end)
		*to++ = *from++;
}

int main(void)
{
	struct perf_window window;

	for (uint32_t i = 0; i < WORDS; i++)
		source[i] = i * 0x9e3779b9u;

	perf_begin(&window);
	copy_words(destination, source, WORDS);
	perf_end(&window);

	for (uint32_t i = 0; i < WORDS; i++) {
		if (destination[i] != source[i]) {
			console_printf("cpi_copy: FAIL: word %u differs\n", (unsigned int)i);
			return 1;
		}
	}
	perf_report_cpi("cpi_copy", &window);
	return 0;
}
