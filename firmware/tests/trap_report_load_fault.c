// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Loads from an address outside every region (just past the TIMER window).
 * The bus answers with an error: load access fault, mcause 5, mtval = the
 * address, mepc at the load. The default handler reports it and halts with
 * 0x105.
 */
#include <inttypes.h>
#include <stdint.h>

#include "lib/console.h"
#include "vionic/memory_map_regs.h"

#define UNMAPPED_ADDRESS (VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_WINDOW)

_Static_assert(UNMAPPED_ADDRESS < VIONIC_MAP_PERIPH_BASE, "the address must be in the gap before PERIPH");

extern const char load_site[];

static uint32_t __attribute__((noinline)) load_from(uintptr_t address)
{
	uint32_t value;

	__asm__ volatile(".globl load_site\n"
			 "load_site:\n\t"
			 "lw %0, 0(%1)" : "=r"(value) : "r"(address) : "memory");
	return value;
}

int main(void)
{
	uint32_t value;

	console_printf("trap_report_load_fault: loading from 0x%08" PRIx32 " at 0x%08" PRIx32 "\n",
		       (uint32_t)UNMAPPED_ADDRESS, (uint32_t)(uintptr_t)load_site);
	value = load_from(UNMAPPED_ADDRESS);
	console_printf("trap_report_load_fault: FAIL: the load returned 0x%08" PRIx32 "\n", value);
	return 0x7e;
}
