// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The machine timer and the software interrupt:
 *  1. mip.MTIP rises once mtime reaches mtimecmp (interrupt not enabled:
 *     polled), and falls when mtimecmp moves away;
 *  2. with mie.MTIE and mstatus.MIE, wfi sleeps until the timer interrupt,
 *     taken once, not before the deadline, with mcause 0x80000007;
 *  3. moving mtimecmp to a later value whose high half differs raises no
 *     interrupt on the way (the write order of timer_set_compare);
 *  4. TIMER.MSIP raises the software interrupt (mcause 0x80000003).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "drivers/timer.h"
#include "hal/cpu.h"
#include "hal/csr.h"
#include "lib/console.h"
#include "lib/trap.h"

#define TIMEOUT_CYCLES 100000u

static volatile uint32_t timer_count, software_count, last_cause;
static volatile uint64_t timer_taken_at;
static unsigned int checks, failures;

static void on_timer(const struct trap_frame *frame)
{
	timer_taken_at = timer_now();
	last_cause = frame->mcause;
	timer_count++;
	timer_cancel();
}

static void on_software(const struct trap_frame *frame)
{
	last_cause = frame->mcause;
	software_count++;
	timer_software_irq_set(false);
}

static void check(const char *what, bool ok)
{
	checks++;
	failures += !ok;
	console_printf("  %-56s %s\n", what, ok ? "ok" : "FAIL");
}

static bool mtip_pending(void)
{
	return csr_read(VIONIC_RISCV_CSR_MIP) & VIONIC_RISCV_MIP_MTIP;
}

int main(void)
{
	uint64_t deadline, give_up, high_half;
	bool pending;

	console_puts("timer_irq:\n");
	trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, on_timer);
	trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_SOFTWARE, on_software);

	/* 1. Polled: nothing enabled in mie, so no trap. */
	check("mip.MTIP clear after reset", !mtip_pending());
	timer_arm_in(300, &deadline);
	give_up = deadline + TIMEOUT_CYCLES;
	while (!(pending = mtip_pending()) && timer_now() < give_up)
		;
	check("mip.MTIP rises once mtime >= mtimecmp", pending && timer_now() >= deadline);
	timer_cancel();
	check("mip.MTIP falls when mtimecmp moves away", !mtip_pending());

	/* 2. wfi until the timer interrupt. */
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_TIMER);
	cpu_irq_enable();
	timer_arm_in(500, &deadline);
	while (timer_count == 0 && timer_now() < deadline + TIMEOUT_CYCLES)
		cpu_wfi();
	check("timer interrupt taken once", timer_count == 1);
	check("... with mcause 0x80000007",
	      last_cause == (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_TIMER));
	check("... not before the deadline", timer_taken_at >= deadline);
	console_printf("  (handler ran %" PRIu32 " cycles after the deadline)\n",
		       (uint32_t)(timer_taken_at - deadline));

	/*
	 * 3. Old compare (H, 0xfffffff0) with H = mtime's high half, new one
	 * (H + 1, 0). Writing the low half first would pass through (H, 0),
	 * below mtime: a spurious interrupt. timer_set_compare() must not.
	 */
	high_half = timer_now() & ~(uint64_t)0xffffffff;
	timer_set_compare(high_half | 0xfffffff0);
	timer_set_compare(high_half + 0x100000000ull);
	timer_delay(200);
	check("moving mtimecmp across a high-half change: no interrupt", timer_count == 1);
	timer_cancel();

	/* 4. Software interrupt. */
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_SOFTWARE);
	timer_software_irq_set(true);
	give_up = timer_now() + TIMEOUT_CYCLES;
	while (software_count == 0 && timer_now() < give_up)
		;
	check("software interrupt taken once", software_count == 1);
	check("... with mcause 0x80000003",
	      last_cause == (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_SOFTWARE));
	cpu_irq_disable();

	if (failures) {
		console_printf("timer_irq: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("timer_irq: PASS (%u checks)\n", checks);
	return 0;
}
