/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * What the HAL calls instead of touching hardware when built with
 * -DVIONIC_HOST_MOCK. Implemented by firmware/host/mock.c; the scripting side
 * (what a test expects) is in firmware/host/mock.h.
 */
#ifndef VIONIC_HAL_MOCK_HOOKS_H
#define VIONIC_HAL_MOCK_HOOKS_H

#include <stdint.h>
#include <stdnoreturn.h>

uint32_t vionic_mock_read32(uintptr_t addr);
void vionic_mock_write32(uintptr_t addr, uint32_t value);

uint32_t vionic_mock_csr_read(uint32_t csr);
void vionic_mock_csr_write(uint32_t csr, uint32_t value);
void vionic_mock_csr_set(uint32_t csr, uint32_t bits);
void vionic_mock_csr_clear(uint32_t csr, uint32_t bits);
uint32_t vionic_mock_csr_read_clear(uint32_t csr, uint32_t bits);

void vionic_mock_wfi(void);
noreturn void vionic_mock_hang(void);

#endif /* VIONIC_HAL_MOCK_HOOKS_H */
