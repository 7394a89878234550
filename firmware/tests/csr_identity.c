// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The identity and counter CSRs: misa, mimpid, mvendorid, marchid, mhartid
 * read the values regs/riscv.toml gives; mcycle and minstret count (minstret
 * exactly: a straight run of N instructions adds N plus the reads); the user
 * shadows cycle/instret/time follow their machine counterparts; mscratch
 * keeps what is written.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "drivers/timer.h"
#include "hal/csr.h"
#include "lib/console.h"

static unsigned int checks, failures;

static void check(const char *what, bool ok)
{
	checks++;
	failures += !ok;
	console_printf("  %-56s %s\n", what, ok ? "ok" : "FAIL");
}

int main(void)
{
	uint32_t instret_before, instret_after, cycle_before, cycle_after, time_low;
	uint64_t mtime;

	console_puts("csr_identity:\n");
	check("misa", csr_read(VIONIC_RISCV_CSR_MISA) == VIONIC_RISCV_MISA_VALUE);
	check("mimpid", csr_read(VIONIC_RISCV_CSR_MIMPID) == VIONIC_RISCV_MIMPID_VALUE);
	check("mvendorid, marchid, mhartid read 0",
	      csr_read(VIONIC_RISCV_CSR_MVENDORID) == 0 && csr_read(VIONIC_RISCV_CSR_MARCHID) == 0 &&
	      csr_read(VIONIC_RISCV_CSR_MHARTID) == 0);
	check("mstatus.MPP reads 3 (machine mode)",
	      (csr_read(VIONIC_RISCV_CSR_MSTATUS) & VIONIC_RISCV_MSTATUS_MPP) == VIONIC_RISCV_MSTATUS_MPP);

	csr_write(VIONIC_RISCV_CSR_MSCRATCH, 0xa5a5f00d);
	check("mscratch keeps what is written", csr_read(VIONIC_RISCV_CSR_MSCRATCH) == 0xa5a5f00d);

	/* 100 nops between two reads: the second read counts the first, not itself. */
	__asm__ volatile("csrr %0, %2\n\t"
			 ".rept 100\n\tnop\n\t.endr\n\t"
			 "csrr %1, %2"
			 : "=&r"(instret_before), "=r"(instret_after)
			 : "i"(VIONIC_RISCV_CSR_MINSTRET));
	console_printf("  (minstret advanced by %" PRIu32 " over 1 csrr + 100 nops)\n",
		       instret_after - instret_before);
	check("minstret counts each retired instruction", instret_after - instret_before == 101);

	__asm__ volatile("csrr %0, %2\n\t"
			 ".rept 100\n\tnop\n\t.endr\n\t"
			 "csrr %1, %2"
			 : "=&r"(cycle_before), "=r"(cycle_after)
			 : "i"(VIONIC_RISCV_CSR_MCYCLE));
	console_printf("  (mcycle advanced by %" PRIu32 ")\n", cycle_after - cycle_before);
	check("mcycle: straight-line code runs at one cycle per instruction",
	      cycle_after - cycle_before == 101);

	cycle_before = csr_read(VIONIC_RISCV_CSR_MCYCLE);
	cycle_after = csr_read(VIONIC_RISCV_CSR_CYCLE);
	check("cycle and mcycle count together", cycle_after - cycle_before < 16);
	instret_before = csr_read(VIONIC_RISCV_CSR_MINSTRET);
	instret_after = csr_read(VIONIC_RISCV_CSR_INSTRET);
	check("instret and minstret count together", instret_after - instret_before < 16);
	check("64-bit mcycle reads consistently",
	      csr_read64(VIONIC_RISCV_CSR_MCYCLE, VIONIC_RISCV_CSR_MCYCLEH) > 0);
	mtime = timer_now();
	time_low = csr_read(VIONIC_RISCV_CSR_TIME);
	check("time shadows mtime", time_low - (uint32_t)mtime < 256 &&
	      csr_read(VIONIC_RISCV_CSR_TIMEH) == (uint32_t)(mtime >> 32));

	if (failures) {
		console_printf("csr_identity: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("csr_identity: PASS (%u checks)\n", checks);
	return 0;
}
