/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Status codes returned by drivers and libraries: 0 for success, a negative
 * errno-like value otherwise (the numbers follow Linux, so they read the same
 * in the firmware and the host driver).
 */
#ifndef VIONIC_HAL_STATUS_H
#define VIONIC_HAL_STATUS_H

#define VIONIC_OK		0
#define VIONIC_ENODEV		(-19)	/* the block's ID register is wrong */
#define VIONIC_EINVAL		(-22)	/* argument out of range */
#define VIONIC_ERANGE		(-34)	/* result would not fit (e.g. a deadline past 2^64) */
#define VIONIC_ETIMEDOUT	(-110)	/* waited too long for the hardware */
#define VIONIC_EIO		(-5)	/* the hardware reported a failed transfer */

#endif /* VIONIC_HAL_STATUS_H */
