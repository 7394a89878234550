/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Firmware DMA engine (regs/fw_dma.toml, regions FW_DMA and FW_DMA_BUF;
 * docs/datapath.md "vionic_fw_dma"): the firmware's only way to host memory.
 * One transfer at a time between the 4 KiB FW_DMA_BUF RAM and host memory,
 * with the function's Bus Master Enable / MPS / MRRS. Waits are bounded by a
 * poll count (fw_dma_set_poll_limit()).
 *
 * The buffer is accessed here with whole-word loads and stores only
 * (fw_dma_buf_read/write do the byte packing).
 */
#ifndef VIONIC_DRIVERS_FW_DMA_H
#define VIONIC_DRIVERS_FW_DMA_H

#include <stdint.h>

#include "vionic/fw_dma_regs.h"
#include "vionic/memory_map_regs.h"

#define FW_DMA_REG(name) (VIONIC_MAP_FW_DMA_BASE + VIONIC_FW_DMA_##name##_OFFSET)
#define FW_DMA_BUF_BYTES VIONIC_MAP_FW_DMA_BUF_SIZE
#define FW_DMA_BUF_ADDR(offset) (VIONIC_MAP_FW_DMA_BUF_BASE + (uint32_t)(offset))
/* Longest transfer (LEN 1..4096). */
#define FW_DMA_MAX_LEN 4096u

#define FW_DMA_POLL_LIMIT_DEFAULT 1000000u

/* Polls per wait (0 is taken as 1); returns the previous limit. */
uint32_t fw_dma_set_poll_limit(uint32_t polls);

/*
 * Host memory at addr -> FW_DMA_BUF[buf_offset..+len) (fw_dma_read) and back
 * (fw_dma_write, done when posted). VIONIC_EINVAL for len 0 or > 4096, a range
 * past the buffer or func > 255; VIONIC_ETIMEDOUT if the engine stays busy;
 * VIONIC_EIO if STATUS.ERROR (UR/CA, completion timeout, Bus Master off).
 */
int fw_dma_read(uint32_t func, uint64_t addr, uint32_t buf_offset, uint32_t len);
int fw_dma_write(uint32_t func, uint64_t addr, uint32_t buf_offset, uint32_t len);

/* Copies between the buffer and local memory (any offset/length inside the buffer). */
int fw_dma_buf_read(uint32_t buf_offset, void *dst, uint32_t len);
int fw_dma_buf_write(uint32_t buf_offset, const void *src, uint32_t len);

#endif /* VIONIC_DRIVERS_FW_DMA_H */
