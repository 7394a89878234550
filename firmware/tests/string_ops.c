// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * lib/string.c on the core: memset, memcpy and memmove against byte-by-byte
 * references, for every destination and source alignment and lengths around
 * the word and unrolled-block boundaries, with guard bytes on both sides of
 * the destination (nothing outside [dst, dst + n) may change). Also prints the
 * cycles of a 720-byte memset (the size of a function's transport state).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hal/csr.h"
#include "lib/console.h"

#define AREA 96u

static unsigned int checks, failures;
static uint8_t dst[AREA], ref[AREA], src[AREA];
static uint32_t big[180];

static void fill(uint8_t *p, unsigned int n, unsigned int seed)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31u + i * 7u + 1u);
}

static void compare(const char *what, unsigned int off, unsigned int soff, unsigned int n)
{
	checks++;
	for (unsigned int i = 0; i < AREA; i++) {
		if (dst[i] != ref[i]) {
			failures++;
			console_printf("  FAIL: %s dst+%u src+%u n=%u: byte %u is %02x, expected %02x\n",
				       what, off, soff, n, i, dst[i], ref[i]);
			return;
		}
	}
}

/* The calls go through volatile pointers so the compiler cannot expand them inline. */
static void *(*volatile do_memset)(void *, int, size_t) = memset;
static void *(*volatile do_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile do_memmove)(void *, const void *, size_t) = memmove;

int main(void)
{
	static const unsigned int lengths[] = { 0, 1, 3, 4, 5, 8, 15, 16, 17, 33, 64, 70 };

	for (unsigned int li = 0; li < sizeof(lengths) / sizeof(lengths[0]); li++) {
		unsigned int n = lengths[li];

		for (unsigned int off = 4; off < 8; off++) {
			fill(dst, AREA, off);
			fill(ref, AREA, off);
			for (unsigned int i = 0; i < n; i++)
				ref[off + i] = 0xa5;
			checks++;
			if (do_memset(dst + off, 0xa5, n) != dst + off)
				failures++;
			compare("memset", off, 0, n);

			for (unsigned int soff = 0; soff < 4; soff++) {
				fill(src, AREA, 99);
				fill(dst, AREA, off);
				fill(ref, AREA, off);
				for (unsigned int i = 0; i < n; i++)
					ref[off + i] = src[soff + i];
				checks++;
				if (do_memcpy(dst + off, src + soff, n) != dst + off)
					failures++;
				compare("memcpy", off, soff, n);

				/* Overlapping moves both ways inside dst. */
				fill(dst, AREA, 7);
				fill(ref, AREA, 7);
				for (unsigned int i = n; i-- > 0;)
					ref[off + soff + 8 + i] = ref[off + i];
				do_memmove(dst + off + soff + 8, dst + off, n);
				compare("memmove up", off, soff, n);
				fill(dst, AREA, 8);
				fill(ref, AREA, 8);
				for (unsigned int i = 0; i < n; i++)
					ref[off + i] = ref[off + soff + 8 + i];
				do_memmove(dst + off, dst + off + soff + 8, n);
				compare("memmove down", off, soff, n);
			}
		}
	}

	uint32_t c0 = csr_read(VIONIC_RISCV_CSR_MCYCLE);

	do_memset(big, 0, sizeof(big));
	console_printf("string_ops: memset of %u bytes took %u cycles\n", (unsigned int)sizeof(big),
		       (unsigned int)(csr_read(VIONIC_RISCV_CSR_MCYCLE) - c0));
	if (failures) {
		console_printf("string_ops: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("string_ops: PASS (%u checks)\n", checks);
	return 0;
}
