// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Console output and the printf subset described in console.h. */
#include "lib/console.h"

#include <stdbool.h>
#include <stdint.h>

#include "drivers/simctrl.h"

/* Where formatted characters go: the console, or a caller's buffer. */
struct format_sink {
	char *buf;	/* NULL: the console */
	size_t size;
	size_t len;	/* characters produced so far (even those not stored) */
};

static void sink_put(struct format_sink *sink, char c)
{
	if (!sink->buf)
		simctrl_putc(c);
	else if (sink->len + 1 < sink->size)
		sink->buf[sink->len] = c;
	sink->len++;
}

static void sink_repeat(struct format_sink *sink, char c, int count)
{
	while (count-- > 0)
		sink_put(sink, c);
}

/*
 * value /= 10, returning the remainder, with 32-bit divides only: the high
 * word, then the low word 16 bits at a time (each partial dividend is below
 * 10 << 16, so it fits). Keeps libgcc's 64-bit divide out of the image.
 */
static unsigned int divide_by_10(uint64_t *value)
{
	uint32_t high = (uint32_t)(*value >> 32);
	uint32_t low = (uint32_t)*value;
	uint32_t quotient_high, quotient_mid, quotient_low, part;

	if (high == 0) {
		*value = low / 10;
		return low % 10;
	}
	quotient_high = high / 10;
	part = ((high % 10) << 16) | (low >> 16);
	quotient_mid = part / 10;
	part = ((part % 10) << 16) | (low & 0xffff);
	quotient_low = part / 10;
	*value = ((uint64_t)quotient_high << 32) | (quotient_mid << 16) | quotient_low;
	return part % 10;
}

struct number_format {
	unsigned int base;	/* 10 or 16 */
	bool upper;		/* hex digits A-F */
	bool negative;		/* print a '-' before the digits */
	bool left;		/* pad on the right */
	bool zero_pad;		/* pad with '0' between sign and digits */
	int width;
};

static void format_number(struct format_sink *sink, uint64_t value,
			  const struct number_format *nf)
{
	const char *digits = nf->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[24];	/* 20 decimal digits for 2^64 - 1 */
	int count = 0;
	int length;

	do {
		unsigned int digit;

		if (nf->base == 16) {
			digit = value & 0xf;
			value >>= 4;
		} else {
			digit = divide_by_10(&value);
		}
		text[count++] = digits[digit];
	} while (value);

	length = count + nf->negative;
	if (!nf->left && !nf->zero_pad)
		sink_repeat(sink, ' ', nf->width - length);
	if (nf->negative)
		sink_put(sink, '-');
	if (!nf->left && nf->zero_pad)
		sink_repeat(sink, '0', nf->width - length);
	while (count)
		sink_put(sink, text[--count]);
	if (nf->left)
		sink_repeat(sink, ' ', nf->width - length);
}

static void format_string(struct format_sink *sink, const char *s, int width, bool left)
{
	int length = 0;

	if (!s)
		s = "(null)";
	while (s[length])
		length++;
	if (!left)
		sink_repeat(sink, ' ', width - length);
	while (*s)
		sink_put(sink, *s++);
	if (left)
		sink_repeat(sink, ' ', width - length);
}

enum length_modifier { LENGTH_INT, LENGTH_LONG, LENGTH_LONG_LONG, LENGTH_SIZE };

static uint64_t unsigned_argument(va_list *ap, enum length_modifier length)
{
	switch (length) {
	case LENGTH_LONG:
		return va_arg(*ap, unsigned long);
	case LENGTH_LONG_LONG:
		return va_arg(*ap, unsigned long long);
	case LENGTH_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t signed_argument(va_list *ap, enum length_modifier length)
{
	switch (length) {
	case LENGTH_LONG:
		return va_arg(*ap, long);
	case LENGTH_LONG_LONG:
		return va_arg(*ap, long long);
	case LENGTH_SIZE:
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static void format(struct format_sink *sink, const char *fmt, va_list *ap)
{
	while (*fmt) {
		const char *start = fmt;
		struct number_format nf = { .base = 10 };
		enum length_modifier length = LENGTH_INT;

		if (*fmt != '%') {
			sink_put(sink, *fmt++);
			continue;
		}
		fmt++;

		for (;; fmt++) {
			if (*fmt == '-')
				nf.left = true;
			else if (*fmt == '0')
				nf.zero_pad = true;
			else
				break;
		}
		if (*fmt == '*') {
			nf.width = va_arg(*ap, int);
			if (nf.width < 0) {
				nf.left = true;
				nf.width = -nf.width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			nf.width = nf.width * 10 + (*fmt++ - '0');

		if (*fmt == 'l') {
			fmt++;
			length = LENGTH_LONG;
			if (*fmt == 'l') {
				fmt++;
				length = LENGTH_LONG_LONG;
			}
		} else if (*fmt == 'z') {
			fmt++;
			length = LENGTH_SIZE;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t value = signed_argument(ap, length);

			nf.negative = value < 0;
			/* Negate as unsigned: INT64_MIN has no positive twin. */
			format_number(sink, nf.negative ? -(uint64_t)value : (uint64_t)value, &nf);
			break;
		}
		case 'u':
			format_number(sink, unsigned_argument(ap, length), &nf);
			break;
		case 'X':
			nf.upper = true;
			/* fall through */
		case 'x':
			nf.base = 16;
			format_number(sink, unsigned_argument(ap, length), &nf);
			break;
		case 'p':
			sink_put(sink, '0');
			sink_put(sink, 'x');
			nf.base = 16;
			nf.zero_pad = true;
			nf.left = false;
			nf.width = 2 * sizeof(uintptr_t);
			format_number(sink, (uintptr_t)va_arg(*ap, void *), &nf);
			break;
		case 'c': {
			char c = (char)va_arg(*ap, int);

			if (!nf.left)
				sink_repeat(sink, ' ', nf.width - 1);
			sink_put(sink, c);
			if (nf.left)
				sink_repeat(sink, ' ', nf.width - 1);
			break;
		}
		case 's':
			format_string(sink, va_arg(*ap, const char *), nf.width, nf.left);
			break;
		case '%':
			sink_put(sink, '%');
			break;
		default:
			/* Unknown (or a lone '%' at the end): print it as written. */
			while (start < fmt)
				sink_put(sink, *start++);
			if (*fmt)
				sink_put(sink, *fmt);
			else
				continue;
			break;
		}
		fmt++;
	}
}

void console_putc(char c)
{
	simctrl_putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		simctrl_putc(*s++);
}

int console_vprintf(const char *fmt, va_list ap)
{
	struct format_sink sink = { 0 };
	va_list copy;

	va_copy(copy, ap);
	format(&sink, fmt, &copy);
	va_end(copy);
	return (int)sink.len;
}

int console_printf(const char *fmt, ...)
{
	va_list ap;
	int written;

	va_start(ap, fmt);
	written = console_vprintf(fmt, ap);
	va_end(ap);
	return written;
}

int console_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	/* A dummy byte stands in for a NULL buffer so the sink never prints. */
	char unused;
	struct format_sink sink = {
		.buf = buf ? buf : &unused,
		.size = buf ? size : 0,
	};
	va_list copy;

	va_copy(copy, ap);
	format(&sink, fmt, &copy);
	va_end(copy);
	if (sink.size)
		sink.buf[sink.len < sink.size ? sink.len : sink.size - 1] = '\0';
	return (int)sink.len;
}

int console_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int written;

	va_start(ap, fmt);
	written = console_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return written;
}
