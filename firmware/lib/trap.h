/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Trap dispatch. start/trap.S saves the caller-saved registers and the trap
 * CSRs in a struct trap_frame and calls trap_handle(), which
 *  - runs the handler registered for an interrupt (software, timer,
 *    external; identified by their VIONIC_RISCV_CAUSE_IRQ_* codes), or
 *  - offers an exception to the handler registered for its cause, if any;
 *  - otherwise reports the trap on the console (cause name, mcause, mepc,
 *    mtval) and halts with trap_halt_code(mcause).
 * Handlers run with interrupts disabled (the core clears mstatus.MIE on trap
 * entry) and must clear the source of a level-sensitive interrupt.
 */
#ifndef VIONIC_LIB_TRAP_H
#define VIONIC_LIB_TRAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "lib/trap_frame.h"
#include "vionic/riscv_regs.h"

/* Failure codes of an unexpected trap: 0x100 | mcause (0x102: illegal instruction). */
#define TRAP_HALT_BASE 0x100u

typedef void (*trap_irq_handler)(const struct trap_frame *frame);

/*
 * Returns true if the exception is dealt with; the handler then sets
 * frame->mepc to where execution resumes (e.g. mepc + 4 to skip it).
 */
typedef bool (*trap_exception_handler)(struct trap_frame *frame);

/* Forget every handler (a fresh image starts that way: .bss is zero). */
void trap_init(void);

/* irq: VIONIC_RISCV_CAUSE_IRQ_*. NULL unregisters. VIONIC_EINVAL otherwise. */
int trap_irq_register(uint32_t irq, trap_irq_handler handler);

/* Set / clear the interrupt's bit in mie. VIONIC_EINVAL for an unknown irq. */
int trap_irq_enable(uint32_t irq);
int trap_irq_disable(uint32_t irq);

/* cause: an exception code (mcause without the interrupt bit), below 16. */
int trap_exception_register(uint32_t cause, trap_exception_handler handler);

/* "illegal instruction", "machine timer interrupt", ...; never NULL. */
const char *trap_cause_name(uint32_t mcause);

uint32_t trap_halt_code(uint32_t mcause);

/* Called by start/trap.S with the frame on the stack. */
void trap_handle(struct trap_frame *frame);

/* Prints the trap report and ends the run with trap_halt_code(). */
noreturn void trap_report_and_halt(const struct trap_frame *frame);

#endif /* VIONIC_LIB_TRAP_H */
