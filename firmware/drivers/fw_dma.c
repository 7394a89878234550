// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Firmware DMA engine; see fw_dma.h and docs/registers/fw_dma.md. */
#include "drivers/fw_dma.h"

#include <stdbool.h>

#include "hal/bits.h"
#include "hal/mmio.h"
#include "hal/status.h"

_Static_assert(VIONIC_MAP_FW_DMA_BUF_SIZE >= FW_DMA_MAX_LEN, "FW_DMA_BUF holds a transfer");

static uint32_t poll_limit = FW_DMA_POLL_LIMIT_DEFAULT;

uint32_t fw_dma_set_poll_limit(uint32_t polls)
{
	uint32_t old = poll_limit;

	poll_limit = polls ? polls : 1u;
	return old;
}

/* Polls STATUS until BUSY = 0; the last STATUS read in *status. */
static int wait_idle(uint32_t *status)
{
	for (uint32_t i = 0; i < poll_limit; i++) {
		*status = mmio_read32(FW_DMA_REG(STATUS));
		if (!VIONIC_FIELD_GET(VIONIC_FW_DMA_STATUS_BUSY, *status))
			return VIONIC_OK;
	}
	return VIONIC_ETIMEDOUT;
}

static int transfer(uint32_t func, uint64_t addr, uint32_t buf_offset, uint32_t len, bool write)
{
	uint32_t status;
	int err;

	if (len == 0 || len > FW_DMA_MAX_LEN || buf_offset > FW_DMA_BUF_BYTES - len ||
	    func > VIONIC_FIELD_GET(VIONIC_FW_DMA_FUNC_FUNC, VIONIC_FW_DMA_FUNC_FUNC_MASK))
		return VIONIC_EINVAL;
	/* CTRL is ignored while a transfer is busy (one left over after a timeout). */
	err = wait_idle(&status);
	if (err)
		return err;
	mmio_write32(FW_DMA_REG(ADDR_LO), (uint32_t)addr);
	mmio_write32(FW_DMA_REG(ADDR_HI), (uint32_t)(addr >> 32));
	mmio_write32(FW_DMA_REG(LEN), VIONIC_FIELD_PREP(VIONIC_FW_DMA_LEN_BYTES, len));
	mmio_write32(FW_DMA_REG(BUF_OFFSET), VIONIC_FIELD_PREP(VIONIC_FW_DMA_BUF_OFFSET_BYTES,
							       buf_offset));
	mmio_write32(FW_DMA_REG(FUNC), VIONIC_FIELD_PREP(VIONIC_FW_DMA_FUNC_FUNC, func));
	mmio_write32(FW_DMA_REG(CTRL), VIONIC_FIELD_PREP(VIONIC_FW_DMA_CTRL_START, 1) |
		     VIONIC_FIELD_PREP(VIONIC_FW_DMA_CTRL_WRITE, write));
	err = wait_idle(&status);
	if (err)
		return err;
	return VIONIC_FIELD_GET(VIONIC_FW_DMA_STATUS_ERROR, status) ? VIONIC_EIO : VIONIC_OK;
}

int fw_dma_read(uint32_t func, uint64_t addr, uint32_t buf_offset, uint32_t len)
{
	return transfer(func, addr, buf_offset, len, false);
}

int fw_dma_write(uint32_t func, uint64_t addr, uint32_t buf_offset, uint32_t len)
{
	return transfer(func, addr, buf_offset, len, true);
}

int fw_dma_buf_read(uint32_t buf_offset, void *dst, uint32_t len)
{
	uint8_t *out = dst;
	uint32_t word = 0;

	if ((len && !dst) || buf_offset > FW_DMA_BUF_BYTES || len > FW_DMA_BUF_BYTES - buf_offset)
		return VIONIC_EINVAL;
	for (uint32_t i = 0; i < len; i++) {
		uint32_t at = buf_offset + i;

		if (i == 0 || (at & 3u) == 0)
			word = mmio_read32(FW_DMA_BUF_ADDR(at & ~3u));
		out[i] = (uint8_t)(word >> (8u * (at & 3u)));
	}
	return VIONIC_OK;
}

int fw_dma_buf_write(uint32_t buf_offset, const void *src, uint32_t len)
{
	const uint8_t *in = src;
	uint32_t i = 0;

	if ((len && !src) || buf_offset > FW_DMA_BUF_BYTES || len > FW_DMA_BUF_BYTES - buf_offset)
		return VIONIC_EINVAL;
	while (i < len) {
		uint32_t at = buf_offset + i;
		uint32_t base = at & ~3u, lane = at & 3u;
		uint32_t n = 4u - lane < len - i ? 4u - lane : len - i;
		/* A partial word keeps the bytes around it (read-modify-write). */
		uint32_t word = (lane || n < 4u) ? mmio_read32(FW_DMA_BUF_ADDR(base)) : 0;

		for (uint32_t k = 0; k < n; k++) {
			word &= ~(0xffu << (8u * (lane + k)));
			word |= (uint32_t)in[i + k] << (8u * (lane + k));
		}
		mmio_write32(FW_DMA_BUF_ADDR(base), word);
		i += n;
	}
	return VIONIC_OK;
}
