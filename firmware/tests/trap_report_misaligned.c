// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Stores a word to an address that is 2 bytes off a word boundary in DTCM.
 * The core does not split misaligned accesses: store address misaligned,
 * mcause 6, mtval = the address, mepc at the store. The default handler
 * reports it and halts with 0x106. (trap_resume checks that the memory is
 * left untouched.)
 */
#include <inttypes.h>
#include <stdint.h>

#include "lib/console.h"

static uint32_t target[2];

extern const char store_site[];

static void __attribute__((noinline)) store_to(uintptr_t address, uint32_t value)
{
	__asm__ volatile(".globl store_site\n"
			 "store_site:\n\t"
			 "sw %1, 0(%0)" : : "r"(address), "r"(value) : "memory");
}

int main(void)
{
	uintptr_t address = (uintptr_t)target + 2;

	console_printf("trap_report_misaligned: storing to 0x%08" PRIx32 " at 0x%08" PRIx32 "\n",
		       (uint32_t)address, (uint32_t)(uintptr_t)store_site);
	store_to(address, 0xdeadbeef);
	console_printf("trap_report_misaligned: FAIL: the store completed (0x%08" PRIx32 " 0x%08"
		       PRIx32 ")\n", target[0], target[1]);
	return 0x7e;
}
