// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Trap dispatch and the report of unexpected traps; see trap.h. */
#include "lib/trap.h"

#include <inttypes.h>
#include <stddef.h>

#include "drivers/simctrl.h"
#include "hal/bits.h"
#include "hal/csr.h"
#include "hal/status.h"
#include "lib/console.h"

_Static_assert(offsetof(struct trap_frame, a0) == TRAP_FRAME_A0, "trap frame: a0");
_Static_assert(offsetof(struct trap_frame, t6) == TRAP_FRAME_T6, "trap frame: t6");
_Static_assert(offsetof(struct trap_frame, mcause) == TRAP_FRAME_MCAUSE, "trap frame: mcause");
_Static_assert(offsetof(struct trap_frame, mepc) == TRAP_FRAME_MEPC, "trap frame: mepc");
_Static_assert(offsetof(struct trap_frame, mtval) == TRAP_FRAME_MTVAL, "trap frame: mtval");
_Static_assert(offsetof(struct trap_frame, sp) == TRAP_FRAME_SP, "trap frame: sp");
_Static_assert(sizeof(struct trap_frame) <= TRAP_FRAME_SIZE, "trap frame: size");
_Static_assert(TRAP_FRAME_SIZE % 16 == 0, "trap frame: sp alignment");

/* Exception codes 0-15 are the ones the privileged spec defines. */
#define TRAP_EXCEPTION_COUNT 16

/* The machine-level interrupts: cause code, mie/mip bit, name. */
static const struct irq_line {
	uint32_t code;
	uint32_t enable_bit;
	const char *name;
} irq_lines[] = {
	{ VIONIC_RISCV_CAUSE_IRQ_SOFTWARE, VIONIC_RISCV_MIP_MSIP, "machine software interrupt" },
	{ VIONIC_RISCV_CAUSE_IRQ_TIMER, VIONIC_RISCV_MIP_MTIP, "machine timer interrupt" },
	{ VIONIC_RISCV_CAUSE_IRQ_EXTERNAL, VIONIC_RISCV_MIP_MEIP, "machine external interrupt" },
};

static const char *const exception_names[TRAP_EXCEPTION_COUNT] = {
	[VIONIC_RISCV_CAUSE_INSN_MISALIGNED] = "instruction address misaligned",
	[VIONIC_RISCV_CAUSE_INSN_ACCESS_FAULT] = "instruction access fault",
	[VIONIC_RISCV_CAUSE_ILLEGAL_INSN] = "illegal instruction",
	[VIONIC_RISCV_CAUSE_BREAKPOINT] = "breakpoint",
	[VIONIC_RISCV_CAUSE_LOAD_MISALIGNED] = "load address misaligned",
	[VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT] = "load access fault",
	[VIONIC_RISCV_CAUSE_STORE_MISALIGNED] = "store address misaligned",
	[VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT] = "store access fault",
	[VIONIC_RISCV_CAUSE_ECALL_M] = "environment call from M-mode",
};

static trap_irq_handler irq_handlers[VIONIC_ARRAY_SIZE(irq_lines)];
static trap_exception_handler exception_handlers[TRAP_EXCEPTION_COUNT];
/* Set while reporting: a trap inside the report halts without printing. */
static volatile bool reporting;

void trap_init(void)
{
	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(irq_handlers); i++)
		irq_handlers[i] = NULL;
	for (size_t i = 0; i < TRAP_EXCEPTION_COUNT; i++)
		exception_handlers[i] = NULL;
	reporting = false;
}

static int irq_index(uint32_t irq)
{
	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(irq_lines); i++)
		if (irq_lines[i].code == irq)
			return (int)i;
	return VIONIC_EINVAL;
}

int trap_irq_register(uint32_t irq, trap_irq_handler handler)
{
	int index = irq_index(irq);

	if (index < 0)
		return index;
	irq_handlers[index] = handler;
	return VIONIC_OK;
}

int trap_irq_enable(uint32_t irq)
{
	int index = irq_index(irq);

	if (index < 0)
		return index;
	csr_set(VIONIC_RISCV_CSR_MIE, irq_lines[index].enable_bit);
	return VIONIC_OK;
}

int trap_irq_disable(uint32_t irq)
{
	int index = irq_index(irq);

	if (index < 0)
		return index;
	csr_clear(VIONIC_RISCV_CSR_MIE, irq_lines[index].enable_bit);
	return VIONIC_OK;
}

int trap_exception_register(uint32_t cause, trap_exception_handler handler)
{
	if (cause >= TRAP_EXCEPTION_COUNT)
		return VIONIC_EINVAL;
	exception_handlers[cause] = handler;
	return VIONIC_OK;
}

const char *trap_cause_name(uint32_t mcause)
{
	uint32_t code = mcause & ~VIONIC_RISCV_CAUSE_INTERRUPT;

	if (mcause & VIONIC_RISCV_CAUSE_INTERRUPT) {
		int index = irq_index(code);

		return index < 0 ? "unknown interrupt" : irq_lines[index].name;
	}
	if (code < TRAP_EXCEPTION_COUNT && exception_names[code])
		return exception_names[code];
	return "unknown exception";
}

uint32_t trap_halt_code(uint32_t mcause)
{
	return TRAP_HALT_BASE | mcause;
}

noreturn void trap_report_and_halt(const struct trap_frame *frame)
{
	uint32_t code = trap_halt_code(frame->mcause);

	if (reporting)
		simctrl_halt(code);
	reporting = true;

	console_printf("\n*** TRAP: %s\n", trap_cause_name(frame->mcause));
	console_printf("***   mcause=0x%08" PRIx32 " mepc=0x%08" PRIx32 " mtval=0x%08" PRIx32 "\n",
		       frame->mcause, frame->mepc, frame->mtval);
	console_printf("***   ra=0x%08" PRIx32 " sp=0x%08" PRIx32 "\n", frame->ra, frame->sp);
	console_printf("*** halting with failure code 0x%" PRIx32 "\n", code);
	simctrl_halt(code);
}

void trap_handle(struct trap_frame *frame)
{
	uint32_t code = frame->mcause & ~VIONIC_RISCV_CAUSE_INTERRUPT;

	if (frame->mcause & VIONIC_RISCV_CAUSE_INTERRUPT) {
		int index = irq_index(code);

		/* An interrupt returns to mepc: the interrupted instruction. */
		if (index >= 0 && irq_handlers[index]) {
			irq_handlers[index](frame);
			return;
		}
	} else if (code < TRAP_EXCEPTION_COUNT && exception_handlers[code]) {
		if (exception_handlers[code](frame))
			return;
	}
	trap_report_and_halt(frame);
}
