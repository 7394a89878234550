/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* Core-level helpers: global interrupt enable, wfi, and stopping for good. */
#ifndef VIONIC_HAL_CPU_H
#define VIONIC_HAL_CPU_H

#include <stdint.h>
#include <stdnoreturn.h>

#include "hal/csr.h"

/* mstatus.MIE: take the interrupts enabled in mie. */
static inline void cpu_irq_enable(void)
{
	csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
}

static inline void cpu_irq_disable(void)
{
	csr_clear(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
}

/* Disable interrupts; returns what cpu_irq_restore() needs to undo it. */
static inline uint32_t cpu_irq_save(void)
{
	return csr_read_clear(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE) &
	       VIONIC_RISCV_MSTATUS_MIE;
}

static inline void cpu_irq_restore(uint32_t saved)
{
	if (saved & VIONIC_RISCV_MSTATUS_MIE)
		csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
}

/*
 * Stall until an interrupt enabled in mie is pending (docs/cpu.md: whatever
 * mstatus.MIE says; with MIE set the handler runs before wfi returns).
 */
static inline void cpu_wfi(void)
{
#ifdef VIONIC_HOST_MOCK
	vionic_mock_wfi();
#else
	__asm__ volatile("wfi" ::: "memory");
#endif
}

/* Stop here for good: interrupts off, then sleep forever. */
static inline noreturn void cpu_hang(void)
{
#ifdef VIONIC_HOST_MOCK
	vionic_mock_hang();
#else
	cpu_irq_disable();
	for (;;)
		__asm__ volatile("wfi");
#endif
}

#endif /* VIONIC_HAL_CPU_H */
