// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of lib/console.c: the printf subset, and its console traffic. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "drivers/simctrl.h"
#include "hal/bits.h"
#include "host/mock.h"
#include "host/test.h"
#include "lib/console.h"

static char buf[128];

/*
 * For formats the compiler's printf check rejects on purpose (unknown
 * conversions, flag combinations it warns about): no format attribute here.
 */
static int format_unchecked(const char *fmt, ...)
{
	va_list ap;
	int length;

	va_start(ap, fmt);
	length = console_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return length;
}

#define CHECK_UNCHECKED_FORMAT(expected, ...) do {					\
	int length_ = format_unchecked(__VA_ARGS__);					\
	CHECK_EQ_STR(buf, expected);							\
	CHECK_EQ_INT(length_, (int)sizeof(expected) - 1);				\
} while (0)

#define CHECK_FORMAT(expected, ...) do {						\
	int length_ = console_snprintf(buf, sizeof(buf), __VA_ARGS__);		\
	CHECK_EQ_STR(buf, expected);							\
	CHECK_EQ_INT(length_, (int)sizeof(expected) - 1);				\
} while (0)

static void test_plain_text(void)
{
	CHECK_FORMAT("", "%s", "");
	CHECK_FORMAT("hello, world", "hello, world");
	CHECK_FORMAT("100%", "100%%");
}

static void test_signed_decimal(void)
{
	CHECK_FORMAT("0", "%d", 0);
	CHECK_FORMAT("42 -42", "%d %i", 42, -42);
	CHECK_FORMAT("2147483647", "%d", INT_MAX);
	CHECK_FORMAT("-2147483648", "%d", INT_MIN);
	CHECK_FORMAT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FORMAT("9223372036854775807", "%lld", LLONG_MAX);
}

static void test_unsigned_and_hex(void)
{
	CHECK_FORMAT("4294967295", "%u", UINT_MAX);
	CHECK_FORMAT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FORMAT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK_FORMAT("0", "%x", 0u);
	CHECK_FORMAT("ffffffffffffffff", "%llx", ULLONG_MAX);
	CHECK_FORMAT("123", "%lu", 123ul);
	CHECK_FORMAT("7", "%zu", sizeof(char[7]));
}

static void test_width_and_padding(void)
{
	CHECK_FORMAT("0000001a", "%08x", 0x1au);
	CHECK_FORMAT("12345678", "%04x", 0x12345678u);
	CHECK_FORMAT("   42|", "%5d|", 42);
	CHECK_FORMAT("42   |", "%-5d|", 42);
	CHECK_FORMAT("-0042", "%05d", -42);
	CHECK_FORMAT("  -42", "%5d", -42);
	CHECK_UNCHECKED_FORMAT("-42  |", "%-05d|", -42);
	CHECK_FORMAT("   7|7   |", "%*d|%*d|", 4, 7, -4, 7);
	CHECK_FORMAT("007", "%0*u", 3, 7u);
}

static void test_strings_and_chars(void)
{
	CHECK_FORMAT("abc", "%s", "abc");
	CHECK_FORMAT("   abc|abc   |", "%6s|%-6s|", "abc", "abc");
	CHECK_FORMAT("abcdef", "%2s", "abcdef");
	CHECK_FORMAT("x  x|", "%c%3c|", 'x', 'x');
	CHECK_FORMAT("x  |", "%-3c|", 'x');
}

static void test_null_string(void)
{
	const char *nothing = NULL;

	CHECK_UNCHECKED_FORMAT("(null)", "%s", nothing);
}

static void test_pointer(void)
{
	char expected[32];

	/* 0x and every hex digit of a pointer: 8 on RV32, 16 on a 64-bit host. */
	snprintf(expected, sizeof(expected), "0x%0*llx", (int)(2 * sizeof(void *)), 0x1234ull);
	console_snprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0x1234);
	CHECK_EQ_STR(buf, expected);
}

static void test_unknown_conversion_printed_as_written(void)
{
	CHECK_UNCHECKED_FORMAT("a %q b", "a %q b");
	CHECK_UNCHECKED_FORMAT("a %-5q b", "a %-5q b");
	CHECK_UNCHECKED_FORMAT("50%", "50%");
}

static void test_truncation(void)
{
	char small[5] = "????";

	CHECK_EQ_INT(console_snprintf(small, sizeof(small), "hello %d", 1234), 10);
	CHECK_EQ_STR(small, "hell");
	small[0] = '!';
	CHECK_EQ_INT(console_snprintf(small, 0, "abc"), 3);
	CHECK(small[0] == '!');
	CHECK_EQ_INT(console_snprintf(NULL, 0, "%08x", 1u), 8);
	CHECK_EQ_INT(console_snprintf(small, 1, "abc"), 3);
	CHECK_EQ_STR(small, "");
}

/* The 64-bit decimal path divides with 32-bit operations only: compare it with libc. */
static void test_matches_libc_over_many_values(void)
{
	uint64_t state = 0x9e3779b97f4a7c15ull;
	char expected[128];

	for (int i = 0; i < 20000; i++) {
		unsigned long long value;

		state = state * 6364136223846793005ull + 1442695040888963407ull;
		/* Vary the magnitude so every digit count appears. */
		value = state >> (i % 64);
		snprintf(expected, sizeof(expected), "%llu %lld %llx %08x %d %u|%-12d|%12u",
			 value, (long long)value, value, (unsigned int)value, (int)value,
			 (unsigned int)(value >> 7), (int)(value >> 40), (unsigned int)value);
		console_snprintf(buf, sizeof(buf), "%llu %lld %llx %08x %d %u|%-12d|%12u",
				 value, (long long)value, value, (unsigned int)value, (int)value,
				 (unsigned int)(value >> 7), (int)(value >> 40), (unsigned int)value);
		CHECK_EQ_STR(buf, expected);
	}
}

static void test_printf_writes_each_character_to_console(void)
{
	mock_expect_console("x=7 y=00ff\n");
	CHECK_EQ_INT(console_printf("x=%d y=%04x\n", 7, 0xffu), 11);
}

static void test_puts_adds_no_newline(void)
{
	mock_expect_console("ready");
	console_puts("ready");
}

static void test_putc_passes_high_bytes_unchanged(void)
{
	/* A char is signed on x86 and unsigned on RISC-V: the register gets the byte either way. */
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 0xe9);
	console_putc((char)0xe9);
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_plain_text),
		TEST_CASE(test_signed_decimal),
		TEST_CASE(test_unsigned_and_hex),
		TEST_CASE(test_width_and_padding),
		TEST_CASE(test_strings_and_chars),
		TEST_CASE(test_null_string),
		TEST_CASE(test_pointer),
		TEST_CASE(test_unknown_conversion_printed_as_written),
		TEST_CASE(test_truncation),
		TEST_CASE(test_matches_libc_over_many_values),
		TEST_CASE(test_printf_writes_each_character_to_console),
		TEST_CASE(test_puts_adds_no_newline),
		TEST_CASE(test_putc_passes_high_bytes_unchanged),
	};

	return test_main("console", tests, VIONIC_ARRAY_SIZE(tests));
}
