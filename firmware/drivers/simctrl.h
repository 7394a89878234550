/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Simulation control block (regs/simctrl.toml): console characters, halt with
 * a pass/fail code, and the external interrupt line that tests drive.
 */
#ifndef VIONIC_DRIVERS_SIMCTRL_H
#define VIONIC_DRIVERS_SIMCTRL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "vionic/memory_map_regs.h"
#include "vionic/simctrl_regs.h"

#define SIMCTRL_REG(name) (VIONIC_MAP_SIMCTRL_BASE + VIONIC_SIMCTRL_##name##_OFFSET)

/* VIONIC_OK if the ID register reads 'VIOS', else VIONIC_ENODEV. */
int simctrl_probe(void);

/* One console character (the low byte is what the block keeps). */
void simctrl_putc(char c);

/* Ends the simulation: 0 = pass, anything else is a failure code. */
noreturn void simctrl_halt(uint32_t code);

/* External interrupt line (mip.MEIP) as the harness drives it. */
void simctrl_irq_set(bool asserted);
bool simctrl_irq_asserted(void);

/* Assert the line `cycles` cycles from now; VIONIC_EINVAL for 0 (means "none"). */
int simctrl_irq_raise_after(uint32_t cycles);
uint32_t simctrl_irq_delay_remaining(void);

void simctrl_scratch_write(uint32_t value);
uint32_t simctrl_scratch_read(void);

#endif /* VIONIC_DRIVERS_SIMCTRL_H */
