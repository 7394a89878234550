// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The external interrupt (SIMCTRL.IRQ -> mip.MEIP):
 *  1. raised with wfi waiting and mstatus.MIE clear: wfi returns, no trap,
 *     mip.MEIP reads 1 until the line is cleared;
 *  2. raised with wfi waiting and MIE set: the trap is taken with mepc just
 *     past the wfi (docs/cpu.md);
 *  3. precise interrupts: the line rises 1, 2, 3, ... cycles into a kernel
 *     mixing mul, div, rem, loads, stores and branches, so every instruction
 *     of it (a divide in flight, a load waiting on the bus) gets interrupted
 *     somewhere; each run must give the same result as the uninterrupted one.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "drivers/simctrl.h"
#include "drivers/timer.h"
#include "hal/bits.h"
#include "hal/cpu.h"
#include "hal/csr.h"
#include "lib/console.h"
#include "lib/trap.h"

#define TIMEOUT_CYCLES 100000u
#define MAX_DELAY 400u

static volatile uint32_t irq_count, irq_cause, irq_mepc;
static unsigned int checks, failures;
static uint32_t table[64];

static void on_external(const struct trap_frame *frame)
{
	irq_cause = frame->mcause;
	irq_mepc = frame->mepc;
	irq_count++;
	simctrl_irq_set(false);
}

static void check(const char *what, bool ok)
{
	checks++;
	failures += !ok;
	console_printf("  %-60s %s\n", what, ok ? "ok" : "FAIL");
}

static bool meip_pending(void)
{
	return csr_read(VIONIC_RISCV_CSR_MIP) & VIONIC_RISCV_MIP_MEIP;
}

extern const char after_wfi[];

static void __attribute__((noinline)) wfi_with_label(void)
{
	__asm__ volatile("wfi\n"
			 ".globl after_wfi\n"
			 "after_wfi:" : : : "memory");
}

/* A bit of everything; the table makes it depend on memory as well. */
static uint32_t __attribute__((noinline)) kernel(uint32_t seed)
{
	uint32_t x = seed, accumulator = 0;

	for (unsigned int i = 0; i < 12; i++) {
		x = x * 1103515245u + 12345u;
		table[i] ^= x;
		accumulator += table[(x >> 7) & 63];
		if (x & 0x100)
			accumulator ^= x / (i + 3);
		else
			accumulator += x % 7u;
		accumulator = (accumulator << 3) | (accumulator >> 29);
	}
	return accumulator;
}

static void reset_table(void)
{
	for (unsigned int i = 0; i < VIONIC_ARRAY_SIZE(table); i++)
		table[i] = i * 0x01010101u;
}

static bool wait_for_count(uint32_t count)
{
	uint64_t give_up = timer_now() + TIMEOUT_CYCLES;

	while (irq_count != count)
		if (timer_now() > give_up)
			return false;
	return true;
}

int main(void)
{
	uint32_t reference, result, wrong = 0, first_wrong = 0;
	uint64_t started;

	console_puts("irq_external:\n");
	trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL, on_external);
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL);

	/* 1. MIE clear: wfi wakes up, nothing is taken. */
	check("mip.MEIP clear at start", !meip_pending());
	simctrl_irq_raise_after(50);
	started = timer_now();
	wfi_with_label();
	check("wfi returns when the line rises (MIE clear), no trap",
	      irq_count == 0 && timer_now() - started >= 50);
	check("mip.MEIP reads 1 while the line is high", meip_pending());
	simctrl_irq_set(false);
	check("mip.MEIP reads 0 once it is cleared", !meip_pending());

	/* 2. MIE set: the trap is taken after the wfi. */
	cpu_irq_enable();
	simctrl_irq_raise_after(50);
	wfi_with_label();
	check("interrupt taken from wfi", irq_count == 1);
	check("... with mcause 0x8000000b",
	      irq_cause == (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_EXTERNAL));
	check("... and mepc just past the wfi", irq_mepc == (uintptr_t)after_wfi);

	/* 3. Interrupted at every cycle offset: the same result every time. */
	cpu_irq_disable();
	reset_table();
	reference = kernel(0x1234);
	cpu_irq_enable();
	for (uint32_t delay = 1; delay <= MAX_DELAY; delay++) {
		uint32_t before = irq_count;

		reset_table();
		simctrl_irq_raise_after(delay);
		result = kernel(0x1234);
		if (!wait_for_count(before + 1) || result != reference) {
			if (!wrong)
				first_wrong = delay;
			wrong++;
		}
	}
	cpu_irq_disable();
	console_printf("  kernel result 0x%08" PRIx32 ", interrupted at delays 1..%u\n", reference,
		       MAX_DELAY);
	check("every interrupted run matches the uninterrupted one", wrong == 0);
	if (wrong)
		console_printf("  %" PRIu32 " runs differ, the first at delay %" PRIu32 "\n", wrong,
			       first_wrong);

	if (failures) {
		console_printf("irq_external: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("irq_external: PASS (%u checks)\n", checks);
	return 0;
}
