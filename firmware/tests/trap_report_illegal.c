// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Executes an illegal instruction (`unimp`, csrrw x0, cycle, x0: a write to a
 * read-only CSR). The core must trap with mcause 2, mepc at the instruction
 * and mtval holding it; the default handler must report exactly that and
 * halt with 0x102. The .expect file checks the report against the address
 * and instruction this program prints first.
 */
#include <inttypes.h>
#include <stdint.h>

#include "lib/console.h"

#define ILLEGAL_INSTRUCTION 0xc0001073u	/* unimp */

/* A label at the illegal instruction (in ITCM: its address is all we may read). */
extern const char illegal_site[];

static void __attribute__((noinline)) execute_illegal_instruction(void)
{
	__asm__ volatile(".globl illegal_site\n"
			 "illegal_site:\n\t"
			 ".word %0" : : "i"(ILLEGAL_INSTRUCTION) : "memory");
}

int main(void)
{
	console_printf("trap_report_illegal: executing 0x%08" PRIx32 " at 0x%08" PRIx32 "\n",
		       (uint32_t)ILLEGAL_INSTRUCTION, (uint32_t)(uintptr_t)illegal_site);
	execute_illegal_instruction();
	console_puts("trap_report_illegal: FAIL: the illegal instruction did not trap\n");
	return 0x7e;
}
