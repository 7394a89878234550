/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Machine-mode CSR access. `csr` is a CSR number from the generated
 * <vionic/riscv_regs.h> (VIONIC_RISCV_CSR_*); it must be a compile-time
 * constant because it is encoded in the instruction ("i" constraint: the
 * assembler takes the number, so no CSR name is spelled twice).
 *
 *   csr_read(csr)             value
 *   csr_write(csr, v)         csr = v
 *   csr_set(csr, bits)        csr |= bits             (csrs)
 *   csr_clear(csr, bits)      csr &= ~bits            (csrc)
 *   csr_read_clear(csr, bits) old value, then clear  (csrrc: atomic with traps)
 *
 * With -DVIONIC_HOST_MOCK every operation goes to the register mock instead.
 */
#ifndef VIONIC_HAL_CSR_H
#define VIONIC_HAL_CSR_H

#include <stdint.h>

#include "vionic/riscv_regs.h"

#ifdef VIONIC_HOST_MOCK
#include "hal/mock_hooks.h"

#define csr_read(csr)			vionic_mock_csr_read(csr)
#define csr_write(csr, value)		vionic_mock_csr_write((csr), (value))
#define csr_set(csr, bits)		vionic_mock_csr_set((csr), (bits))
#define csr_clear(csr, bits)		vionic_mock_csr_clear((csr), (bits))
#define csr_read_clear(csr, bits)	vionic_mock_csr_read_clear((csr), (bits))
#else
#define csr_read(csr) __extension__({					\
	uint32_t csr_value_;						\
	__asm__ volatile("csrr %0, %1" : "=r"(csr_value_) : "i"(csr));	\
	csr_value_;							\
})

#define csr_write(csr, value)						\
	__asm__ volatile("csrw %0, %1"					\
			 : : "i"(csr), "r"((uint32_t)(value)) : "memory")

#define csr_set(csr, bits)						\
	__asm__ volatile("csrs %0, %1"					\
			 : : "i"(csr), "r"((uint32_t)(bits)) : "memory")

#define csr_clear(csr, bits)						\
	__asm__ volatile("csrc %0, %1"					\
			 : : "i"(csr), "r"((uint32_t)(bits)) : "memory")

#define csr_read_clear(csr, bits) __extension__({			\
	uint32_t csr_value_;						\
	__asm__ volatile("csrrc %0, %1, %2"				\
			 : "=r"(csr_value_)				\
			 : "i"(csr), "r"((uint32_t)(bits)) : "memory");	\
	csr_value_;							\
})
#endif

/*
 * A 64-bit counter read as two CSRs: read high, low, high again and retry if
 * the high half moved (the low half wrapped between the reads).
 */
#define csr_read64(csr_lo, csr_hi) __extension__({			\
	uint32_t csr_hi_, csr_lo_, csr_hi2_;				\
	do {								\
		csr_hi_ = csr_read(csr_hi);				\
		csr_lo_ = csr_read(csr_lo);				\
		csr_hi2_ = csr_read(csr_hi);				\
	} while (csr_hi_ != csr_hi2_);					\
	((uint64_t)csr_hi_ << 32) | csr_lo_;				\
})

#endif /* VIONIC_HAL_CSR_H */
