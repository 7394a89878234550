// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * CPI of bitwise CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320): a
 * tight loop of shifts, masks and xors with a short, always-taken inner loop
 * branch. Checked against the standard check value and a known constant.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/console.h"
#include "lib/perf.h"

#define BUFFER_BYTES 1024
/* CRC-32 of "123456789" (the catalogue check value) and of the buffer below. */
#define CRC32_CHECK 0xcbf43926u
#define CRC32_BUFFER 0x5d3de8edu

static uint8_t buffer[BUFFER_BYTES];

static uint32_t __attribute__((noinline)) crc32_bitwise(const uint8_t *data, size_t length)
{
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < length; i++) {
		crc ^= data[i];
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

int main(void)
{
	static const uint8_t check_input[] = "123456789";
	struct perf_window window;
	uint32_t crc;

	for (uint32_t i = 0; i < BUFFER_BYTES; i++)
		buffer[i] = (uint8_t)(i * 7 + 3);

	crc = crc32_bitwise(check_input, sizeof(check_input) - 1);
	if (crc != CRC32_CHECK) {
		console_printf("cpi_crc: FAIL: check value 0x%08" PRIx32 "\n", crc);
		return 1;
	}

	perf_begin(&window);
	crc = crc32_bitwise(buffer, BUFFER_BYTES);
	perf_end(&window);

	if (crc != CRC32_BUFFER) {
		console_printf("cpi_crc: FAIL: 0x%08" PRIx32 ", expected 0x%08" PRIx32 "\n", crc,
			       (uint32_t)CRC32_BUFFER);
		return 1;
	}
	perf_report_cpi("cpi_crc", &window);
	return 0;
}
