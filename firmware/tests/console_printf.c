// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The printf subset on the core itself (RV32: long is 32 bits, 64-bit
 * values are divided without a 64-bit divide instruction). Formats into a
 * buffer and compares with the expected text, then prints a few lines on the
 * console for the .expect regex to check end to end.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "lib/console.h"

static unsigned int checks, failures;
static char buf[96];

static void check(const char *expected, int length)
{
	checks++;
	if (strcmp(buf, expected) != 0 || length != (int)strlen(expected)) {
		failures++;
		console_printf("  FAIL: got \"%s\" (%d), expected \"%s\"\n", buf, length, expected);
	}
}

#define CHECK_FORMAT(expected, ...) check((expected), console_snprintf(buf, sizeof(buf), __VA_ARGS__))

int main(void)
{
	int length;

	CHECK_FORMAT("hello", "hello");
	CHECK_FORMAT("42 -42 0", "%d %i %d", 42, -42, 0);
	CHECK_FORMAT("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
	CHECK_FORMAT("4294967295", "%u", UINT_MAX);
	CHECK_FORMAT("4294967295 -1", "%lu %ld", ULONG_MAX, -1L);
	CHECK_FORMAT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FORMAT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FORMAT("12345678901234", "%" PRIu64, (uint64_t)12345678901234ull);
	CHECK_FORMAT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK_FORMAT("0000001a|1a      |", "%08x|%-8x|", 0x1au, 0x1au);
	CHECK_FORMAT("-0042|  -42", "%05d|%5d", -42, -42);
	CHECK_FORMAT("0x00001234", "%p", (void *)0x1234);
	CHECK_FORMAT("  abc|abc  |x|%", "%5s|%-5s|%c|%%", "abc", "abc", 'x');
	CHECK_FORMAT("   7", "%*d", 4, 7);
	CHECK_FORMAT("0x10000000", "0x%08" PRIx32, (uint32_t)0x10000000);

	length = console_snprintf(buf, 6, "truncated %d", 12345);
	check("trunc", length == 15 ? 5 : -1);

	/* The same conversions straight to the console, checked by the .expect regex. */
	console_printf("console_printf: [%d] [%u] [%08x] [%-4s] [%c] [%llu] [%%]\n", -7, 7u, 0xabcu,
		       "ok", 'z', 10000000000ull);

	if (failures) {
		console_printf("console_printf: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("console_printf: PASS (%u checks)\n", checks);
	return 0;
}
