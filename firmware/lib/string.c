// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * memset, memcpy and memmove for the core, replacing picolibc's (this object is
 * linked before the library, so these are the ones used, also for the calls the
 * compiler emits for structure assignment and initialisation).
 *
 * Why: the picolibc build we link is the size-optimised one, whose routines go
 * byte by byte (about 5.5 cycles per byte measured here). The firmware clears
 * and copies whole structures on the control path: a function reset cleared its
 * 720-byte state in ~4,000 cycles, and every host register write waits for the
 * firmware (docs/firmware.md, "Cost of an event"). Here aligned runs go a word
 * at a time; the byte loops remain for the unaligned heads and tails.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define WORD sizeof(uint32_t)

/* The compiler must not turn these loops back into calls to themselves. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

static int aligned(const void *p)
{
	return ((uintptr_t)p & (WORD - 1u)) == 0;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint32_t pattern = (uint8_t)c * 0x01010101u;

	while (n && !aligned(d)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD) {
		uint32_t *w = (uint32_t *)(void *)d;

		w[0] = pattern;
		w[1] = pattern;
		w[2] = pattern;
		w[3] = pattern;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(uint32_t *)(void *)d = pattern;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Words only when both can be aligned together. */
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WORD - 1u)) == 0) {
		while (n && !aligned(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);	/* forward copy is safe */
	while (n--)
		d[n] = s[n];
	return dst;
}
