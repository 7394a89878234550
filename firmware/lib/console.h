/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Console output (on SIMCTRL.CONSOLE) with a small printf.
 *
 * Conversions: %s %c %d %i %u %x %X %p %%, flags '-' (left-justify) and '0'
 * (zero-pad numbers), a field width (digits or '*'), and the length modifiers
 * l, ll and z. No precision, no floating point, no allocation: numbers are
 * built in a 24-byte buffer on the stack. An unknown conversion is printed
 * as written. Fixed-width types take the <inttypes.h> macros
 * ("%08" PRIx32): on RV32, uint32_t is unsigned long.
 */
#ifndef VIONIC_LIB_CONSOLE_H
#define VIONIC_LIB_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

#define CONSOLE_PRINTF(fmt_index, first_arg) \
	__attribute__((format(printf, fmt_index, first_arg)))

void console_putc(char c);

/* Writes s as it is (unlike C's puts, no newline is added). */
void console_puts(const char *s);

/* Return the number of characters written. */
int console_printf(const char *fmt, ...) CONSOLE_PRINTF(1, 2);
int console_vprintf(const char *fmt, va_list ap) CONSOLE_PRINTF(1, 0);

/*
 * Like C's snprintf: at most size - 1 characters and a NUL go to buf; returns
 * the length the whole output would have.
 */
int console_snprintf(char *buf, size_t size, const char *fmt, ...) CONSOLE_PRINTF(3, 4);
int console_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) CONSOLE_PRINTF(3, 0);

#endif /* VIONIC_LIB_CONSOLE_H */
