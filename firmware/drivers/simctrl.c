// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Simulation control block driver; see simctrl.h and docs/registers/simctrl.md. */
#include "drivers/simctrl.h"

#include "hal/bits.h"
#include "hal/cpu.h"
#include "hal/mmio.h"
#include "hal/status.h"

int simctrl_probe(void)
{
	uint32_t id = mmio_read32(SIMCTRL_REG(ID));

	if (VIONIC_FIELD_GET(VIONIC_SIMCTRL_ID_MAGIC, id) != VIONIC_SIMCTRL_ID_MAGIC_RESET)
		return VIONIC_ENODEV;
	return VIONIC_OK;
}

void simctrl_putc(char c)
{
	mmio_write32(SIMCTRL_REG(CONSOLE),
		     VIONIC_FIELD_PREP(VIONIC_SIMCTRL_CONSOLE_CHAR, (unsigned char)c));
}

noreturn void simctrl_halt(uint32_t code)
{
	mmio_write32(SIMCTRL_REG(HALT), VIONIC_FIELD_PREP(VIONIC_SIMCTRL_HALT_CODE, code));
	/* Outside the simulator nothing stops the core: park it. */
	cpu_hang();
}

void simctrl_irq_set(bool asserted)
{
	mmio_write32(SIMCTRL_REG(IRQ), VIONIC_FIELD_PREP(VIONIC_SIMCTRL_IRQ_LEVEL, asserted));
}

bool simctrl_irq_asserted(void)
{
	return VIONIC_FIELD_GET(VIONIC_SIMCTRL_IRQ_LEVEL, mmio_read32(SIMCTRL_REG(IRQ)));
}

int simctrl_irq_raise_after(uint32_t cycles)
{
	if (cycles == 0)
		return VIONIC_EINVAL;
	mmio_write32(SIMCTRL_REG(IRQ_DELAY),
		     VIONIC_FIELD_PREP(VIONIC_SIMCTRL_IRQ_DELAY_CYCLES, cycles));
	return VIONIC_OK;
}

uint32_t simctrl_irq_delay_remaining(void)
{
	return VIONIC_FIELD_GET(VIONIC_SIMCTRL_IRQ_DELAY_CYCLES,
				mmio_read32(SIMCTRL_REG(IRQ_DELAY)));
}

void simctrl_scratch_write(uint32_t value)
{
	mmio_write32(SIMCTRL_REG(SCRATCH), VIONIC_FIELD_PREP(VIONIC_SIMCTRL_SCRATCH_VALUE, value));
}

uint32_t simctrl_scratch_read(void)
{
	return VIONIC_FIELD_GET(VIONIC_SIMCTRL_SCRATCH_VALUE, mmio_read32(SIMCTRL_REG(SCRATCH)));
}
