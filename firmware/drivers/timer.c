// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Machine timer driver; see timer.h and docs/registers/timer.md. */
#include "drivers/timer.h"

#include <stddef.h>

#include "hal/bits.h"
#include "hal/mmio.h"
#include "hal/status.h"

uint64_t timer_now(void)
{
	uint32_t hi, lo, hi_again;

	/*
	 * If the low half wrapped between the reads the high halves differ:
	 * read again. mtime carries into the high half once every 2^32 cycles,
	 * so the second round always agrees.
	 */
	do {
		hi = mmio_read32(TIMER_REG(MTIME_HI));
		lo = mmio_read32(TIMER_REG(MTIME_LO));
		hi_again = mmio_read32(TIMER_REG(MTIME_HI));
	} while (hi != hi_again);

	return ((uint64_t)hi << 32) | lo;
}

uint64_t timer_compare(void)
{
	uint32_t hi = mmio_read32(TIMER_REG(MTIMECMP_HI));
	uint32_t lo = mmio_read32(TIMER_REG(MTIMECMP_LO));

	return ((uint64_t)hi << 32) | lo;
}

void timer_set_compare(uint64_t when)
{
	/*
	 * RISC-V Privileged 1.12 §3.2.1: low half to all ones first, so the
	 * compare value in between, (old high, ~0) then (new high, ~0), is never
	 * below both the old and the new value: no interrupt that neither asked
	 * for.
	 */
	mmio_write32(TIMER_REG(MTIMECMP_LO), VIONIC_TIMER_MTIMECMP_LO_VALUE_MASK);
	mmio_write32(TIMER_REG(MTIMECMP_HI), (uint32_t)(when >> 32));
	mmio_write32(TIMER_REG(MTIMECMP_LO), (uint32_t)when);
}

void timer_cancel(void)
{
	timer_set_compare(TIMER_NEVER);
}

int timer_arm_in(uint64_t cycles, uint64_t *deadline)
{
	uint64_t now, when;

	if (cycles == 0)
		return VIONIC_EINVAL;
	now = timer_now();
	when = now + cycles;
	if (when < now)
		return VIONIC_ERANGE;
	timer_set_compare(when);
	if (deadline)
		*deadline = when;
	return VIONIC_OK;
}

void timer_delay(uint32_t cycles)
{
	uint64_t end = timer_now() + cycles;

	while (timer_now() < end)
		;
}

void timer_software_irq_set(bool pending)
{
	mmio_write32(TIMER_REG(MSIP), VIONIC_FIELD_PREP(VIONIC_TIMER_MSIP_MSIP, pending));
}
