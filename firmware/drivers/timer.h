/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Core-local machine timer (regs/timer.toml): 64-bit mtime counting core
 * cycles, mtimecmp raising the timer interrupt (mip.MTIP) while
 * mtime >= mtimecmp, and MSIP driving the software interrupt (mip.MSIP).
 * The registers are 32 bits wide, so every 64-bit access is two accesses;
 * these functions do them in the order that is safe against the counter
 * moving in between.
 */
#ifndef VIONIC_DRIVERS_TIMER_H
#define VIONIC_DRIVERS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "vionic/memory_map_regs.h"
#include "vionic/timer_regs.h"

#define TIMER_REG(name) (VIONIC_MAP_TIMER_BASE + VIONIC_TIMER_##name##_OFFSET)

/* A compare value mtime never reaches: no timer interrupt. */
#define TIMER_NEVER UINT64_MAX

/* mtime, read high/low/high so a carry between the halves is never torn. */
uint64_t timer_now(void);

uint64_t timer_compare(void);

/* Program mtimecmp without a spurious interrupt while its halves change. */
void timer_set_compare(uint64_t when);

/* mtimecmp = TIMER_NEVER: the timer interrupt stops being pending. */
void timer_cancel(void);

/*
 * Timer interrupt `cycles` from now; the deadline goes to *deadline if not
 * NULL. VIONIC_EINVAL for 0 cycles, VIONIC_ERANGE if the deadline passes 2^64.
 */
int timer_arm_in(uint64_t cycles, uint64_t *deadline);

/* Busy-wait for `cycles` core cycles (at least). */
void timer_delay(uint32_t cycles);

/* Machine software interrupt (mip.MSIP). */
void timer_software_irq_set(bool pending);

#endif /* VIONIC_DRIVERS_TIMER_H */
