/* SPDX-License-Identifier: MIT */
/* tap.h - minimal TAP output: ok N - desc / not ok N - desc, "1..N" at the end. */
#ifndef TB_TAP_H
#define TB_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3), unused))
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

__attribute__((format(printf, 1, 2), unused))
static void tap_diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

__attribute__((format(printf, 2, 3), unused))
static void tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;
	printf("ok %d - ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
}

/* Compare with a message giving register, expected and got. */
#define TAP_EQ(got, exp, ...) tap_eq_((unsigned long long)(got), (unsigned long long)(exp), __VA_ARGS__)
__attribute__((format(printf, 3, 4), unused))
static int tap_eq_(unsigned long long got, unsigned long long exp, const char *fmt, ...)
{
	va_list ap;
	int cond = got == exp;
	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		printf("#   expected 0x%llx, got 0x%llx\n", exp, got);
		tap_failed++;
	}
	fflush(stdout);
	return cond;
}

__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* Abort the program (counts as a failure); the runner sees fewer results than planned. */
#define TAP_BAIL(...) do { printf("Bail out! "); printf(__VA_ARGS__); printf("\n"); return 1; } while (0)

#endif
