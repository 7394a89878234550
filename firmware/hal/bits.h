/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Register field helpers over the generated <BLOCK>_<REG>_<FIELD>_{SHIFT,MASK}
 * macros (the masks are in place, i.e. already shifted):
 *   VIONIC_FIELD_PREP(VIONIC_SIMCTRL_IRQ_LEVEL, 1)  -> value to write
 *   VIONIC_FIELD_GET(VIONIC_SIMCTRL_IRQ_LEVEL, reg) -> field read back
 */
#ifndef VIONIC_HAL_BITS_H
#define VIONIC_HAL_BITS_H

#include <stdint.h>

#define VIONIC_FIELD_PREP(field, value) \
	((((uint32_t)(value)) << field##_SHIFT) & field##_MASK)
#define VIONIC_FIELD_GET(field, reg) \
	((((uint32_t)(reg)) & field##_MASK) >> field##_SHIFT)

#define VIONIC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* VIONIC_HAL_BITS_H */
