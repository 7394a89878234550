/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * 32-bit memory-mapped register accessors.
 *
 * On the target they are volatile word accesses with a compiler barrier, so a
 * register write is never moved before the plain stores that prepare what it
 * announces (the core has no caches or write buffers: program order is bus
 * order). Built with -DVIONIC_HOST_MOCK they call the register mock
 * (firmware/host/mock.c), which checks every access against the script a unit
 * test declared.
 */
#ifndef VIONIC_HAL_MMIO_H
#define VIONIC_HAL_MMIO_H

#include <stdint.h>

#ifdef VIONIC_HOST_MOCK
#include "hal/mock_hooks.h"

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return vionic_mock_read32(addr);
}

static inline void mmio_write32(uintptr_t addr, uint32_t value)
{
	vionic_mock_write32(addr, value);
}
#else
static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t value;

	__asm__ volatile("" ::: "memory");
	value = *(volatile const uint32_t *)addr;
	__asm__ volatile("" ::: "memory");
	return value;
}

static inline void mmio_write32(uintptr_t addr, uint32_t value)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint32_t *)addr = value;
	__asm__ volatile("" ::: "memory");
}
#endif

#endif /* VIONIC_HAL_MMIO_H */
