// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * hello: the first program to run on the vionic control processor.
 *
 * Shows who the core is (misa, mimpid) and where things are (the memory map,
 * straight from the generated header), then exercises the three things every
 * later firmware relies on: the performance counters, the timer interrupt
 * and the external interrupt. Halts with 0 if all three behaved, 1 if not.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "drivers/simctrl.h"
#include "drivers/timer.h"
#include "hal/cpu.h"
#include "hal/csr.h"
#include "lib/console.h"
#include "lib/perf.h"
#include "lib/trap.h"
#include "vionic/memory_map_regs.h"

/* How long an interrupt may take to arrive before we call it missing. */
#define IRQ_TIMEOUT_CYCLES 100000u
#define TIMER_DELAY_CYCLES 2000u
#define EXTERNAL_DELAY_CYCLES 500u

/* From the linker script (firmware/link/vionic.ld). */
extern char __text_end[], __data_start[], __heap_start[], __stack_top[];

/* What the interrupt handlers saw; volatile: main() polls them. */
static volatile uint32_t timer_count, external_count;
static volatile uint32_t timer_cause, external_cause;
static volatile uint64_t timer_taken_at, external_taken_at;

static void on_timer(const struct trap_frame *frame)
{
	timer_taken_at = timer_now();
	timer_cause = frame->mcause;
	timer_count++;
	/* Level-sensitive: move the compare value away or the interrupt stays pending. */
	timer_cancel();
}

static void on_external(const struct trap_frame *frame)
{
	external_taken_at = timer_now();
	external_cause = frame->mcause;
	external_count++;
	simctrl_irq_set(false);
}

/* "RV32IM" from misa: the base width from MXL, then one letter per extension bit. */
static void describe_isa(char *buf, size_t size, uint32_t misa)
{
	static const char *const widths[] = { "RV?", "RV32", "RV64", "RV128" };
	size_t length = (size_t)console_snprintf(buf, size, "%s", widths[misa >> 30]);

	for (unsigned int bit = 0; bit < 26 && length + 1 < size; bit++)
		if (misa & (1u << bit))
			buf[length++] = (char)('A' + bit);
	buf[length] = '\0';
}

static void print_size(uint32_t bytes)
{
	if (bytes >= (1u << 30))
		console_printf("%3" PRIu32 " GiB", bytes >> 30);
	else if (bytes >= (1u << 20))
		console_printf("%3" PRIu32 " MiB", bytes >> 20);
	else
		console_printf("%3" PRIu32 " KiB", bytes >> 10);
}

static void print_region(const char *name, uint32_t base, uint32_t size, const char *what)
{
	console_printf("           %-8s 0x%08" PRIx32 "-0x%08" PRIx32 "  ", name, base, base + size - 1);
	print_size(size);
	console_printf("  %s\n", what);
}

static void print_identity(void)
{
	uint32_t misa = csr_read(VIONIC_RISCV_CSR_MISA);
	uint32_t mimpid = csr_read(VIONIC_RISCV_CSR_MIMPID);
	uint32_t code_bytes = (uint32_t)(uintptr_t)__text_end - VIONIC_MAP_ITCM_BASE;
	uint32_t data_bytes = (uint32_t)(__heap_start - __data_start);
	char isa[16];

	describe_isa(isa, sizeof(isa), misa);
	console_printf("  core     %s, machine mode (misa 0x%08" PRIx32 "%s)\n", isa, misa,
		       misa == VIONIC_RISCV_MISA_VALUE ? "" : ", NOT the expected value");
	console_printf("           mimpid 0x%08" PRIx32 " %s, hart %" PRIu32 "\n", mimpid,
		       mimpid == VIONIC_RISCV_MIMPID_VALUE ? "(vionic core 1.0)" : "(unknown)",
		       csr_read(VIONIC_RISCV_CSR_MHARTID));
	console_printf("  memory\n");
	print_region("ITCM", VIONIC_MAP_ITCM_BASE, VIONIC_MAP_ITCM_SIZE, "code (fetch only)");
	print_region("DTCM", VIONIC_MAP_DTCM_BASE, VIONIC_MAP_DTCM_SIZE, "data and stack");
	print_region("TIMER", VIONIC_MAP_TIMER_BASE, VIONIC_MAP_TIMER_SIZE, "mtime, mtimecmp, msip");
	print_region("PERIPH", VIONIC_MAP_PERIPH_BASE, VIONIC_MAP_PERIPH_SIZE, "device registers");
	print_region("SIMCTRL", VIONIC_MAP_SIMCTRL_BASE, VIONIC_MAP_SIMCTRL_SIZE,
		     "console, halt, test IRQ (first page of PERIPH)");
	console_printf("  image    %" PRIu32 " bytes of code, %" PRIu32 " bytes of data; stack below 0x%08"
		       PRIx32 "\n", code_bytes, data_bytes, (uint32_t)(uintptr_t)__stack_top);
}

/*
 * Something small to count: the sum of i*i for i = 1..n (one mul per step).
 * noipa: otherwise GCC computes the answer at compile time.
 */
static uint32_t __attribute__((noipa)) sum_of_squares(uint32_t n)
{
	uint32_t sum = 0;

	for (uint32_t i = 1; i <= n; i++)
		sum += i * i;
	return sum;
}

static bool check_counters(void)
{
	struct perf_window window;
	uint32_t sum;
	char cpi[16];

	perf_begin(&window);
	sum = sum_of_squares(100);
	perf_end(&window);

	perf_format_fixed(cpi, sizeof(cpi), window.cycles, window.instret, 3);
	console_printf("  [1/3] counters  sum of i*i for i = 1..100 = %" PRIu32 "\n", sum);
	console_printf("                  %" PRIu32 " cycles, %" PRIu32 " instructions: CPI %s\n",
		       window.cycles, window.instret, cpi);
	console_puts("                  (a mul or a taken branch takes 2 cycles: docs/cpu.md)\n");
	return sum == 338350 && window.instret > 100 && window.cycles >= window.instret;
}

/* Polls a handler's counter; interrupts arrive in the background. */
static bool wait_for(volatile uint32_t *count, uint32_t timeout_cycles)
{
	uint64_t give_up = timer_now() + timeout_cycles;

	while (*count == 0)
		if (timer_now() > give_up)
			return false;
	return true;
}

static bool check_timer_interrupt(void)
{
	uint64_t deadline;

	trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, on_timer);
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_TIMER);
	if (timer_arm_in(TIMER_DELAY_CYCLES, &deadline) != 0)
		return false;

	console_printf("  [2/3] timer     mtimecmp = mtime + %u\n", TIMER_DELAY_CYCLES);
	if (!wait_for(&timer_count, IRQ_TIMEOUT_CYCLES)) {
		console_printf("                  no interrupt within %u cycles\n", IRQ_TIMEOUT_CYCLES);
		return false;
	}
	console_printf("                  %s (mcause 0x%08" PRIx32 "), handler ran %" PRIu32
		       " cycles after the deadline\n", trap_cause_name(timer_cause), timer_cause,
		       (uint32_t)(timer_taken_at - deadline));
	trap_irq_disable(VIONIC_RISCV_CAUSE_IRQ_TIMER);
	return timer_count == 1 && timer_taken_at >= deadline &&
	       timer_cause == (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_TIMER);
}

static bool check_external_interrupt(void)
{
	uint64_t raised_at;

	trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL, on_external);
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL);

	console_printf("  [3/3] external  SIMCTRL.IRQ_DELAY = %u\n", EXTERNAL_DELAY_CYCLES);
	raised_at = timer_now() + EXTERNAL_DELAY_CYCLES;
	simctrl_irq_raise_after(EXTERNAL_DELAY_CYCLES);
	if (!wait_for(&external_count, IRQ_TIMEOUT_CYCLES)) {
		console_printf("                  no interrupt within %u cycles\n", IRQ_TIMEOUT_CYCLES);
		return false;
	}
	console_printf("                  %s (mcause 0x%08" PRIx32 "), handler ran about %" PRIu32
		       " cycles after the line rose\n", trap_cause_name(external_cause),
		       external_cause, (uint32_t)(external_taken_at - raised_at));
	trap_irq_disable(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL);
	return external_count == 1 &&
	       external_cause == (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_EXTERNAL);
}

int main(void)
{
	unsigned int passed = 0;

	console_puts("\nhello from the vionic control processor\n"
		     "=======================================\n\n");
	if (simctrl_probe() != 0)
		console_puts("  (SIMCTRL.ID is not 'VIOS': is this the simulation harness?)\n");
	print_identity();
	console_puts("\n");

	cpu_irq_enable();
	passed += check_counters();
	passed += check_timer_interrupt();
	passed += check_external_interrupt();
	cpu_irq_disable();

	if (passed == 3) {
		console_puts("\nhello: all 3 checks passed, halting with code 0\n");
		return 0;
	}
	console_printf("\nhello: %u of 3 checks passed, halting with code 1\n", passed);
	return 1;
}
