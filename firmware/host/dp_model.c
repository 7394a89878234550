// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Behavioural model of dp, fw_dma and ctrl IRQ_SEND for host tests; see dp_model.h. */
#include "host/dp_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/ctrl.h"
#include "drivers/dp.h"
#include "drivers/fw_dma.h"
#include "hal/bits.h"
#include "host/mock.h"

struct dp_model dp_model;

static void model_fail(const char *what, uintptr_t addr)
{
	fprintf(stderr, "dp_model: %s at 0x%08lx\n", what, (unsigned long)addr);
	abort();
}

static struct dp_model_func *sel(void)
{
	if (dp_model.func_sel >= DP_MODEL_FUNCS)
		model_fail("FUNC_SEL beyond the model", DP_REG(FUNC_SEL));
	return &dp_model.funcs[dp_model.func_sel];
}

static uint32_t dp_read(void *ctx, uintptr_t addr)
{
	struct dp_model_func *f;
	uint32_t v;

	(void)ctx;
	switch (addr - VIONIC_MAP_DP_BASE) {
	case VIONIC_DP_ID_OFFSET:
		return VIONIC_DP_ID_MAGIC_RESET;
	case VIONIC_DP_PARAMS_OFFSET:
		return dp_model.params;
	case VIONIC_DP_IRQ_ENABLE_OFFSET:
		return dp_model.irq_enable;
	case VIONIC_DP_QUEUE_CMD_STATUS_OFFSET:
		if (dp_model.busy_left) {
			dp_model.busy_left--;
			return VIONIC_DP_QUEUE_CMD_STATUS_BUSY_MASK;
		}
		return 0;
	case VIONIC_DP_ERR_INFO_OFFSET:
		if (!dp_model.err_count)
			return 0;
		return dp_model.errors[dp_model.err_head % DP_MODEL_LOG] |
		       VIONIC_DP_ERR_INFO_VALID_MASK;
	case VIONIC_DP_KICK_PENDING_OFFSET:
		return dp_model.kick_pending;
	case VIONIC_DP_KICK_DATA_OFFSET:
	case VIONIC_DP_QSTATE_RING_OFFSET:
		return 0;
	case VIONIC_DP_QSTATE_SEL_OFFSET:
		return dp_model.qstate_sel;
	case VIONIC_DP_QSTATE_STATUS_OFFSET:
		return dp_model.qstate_status[dp_model.qstate_sel % DP_MODEL_QIDS];
	case VIONIC_DP_FUNC_SEL_OFFSET:
		return dp_model.func_sel;
	case VIONIC_DP_FUNC_FEATURES_LO_OFFSET:
		return sel()->features_lo;
	case VIONIC_DP_FUNC_FEATURES_HI_OFFSET:
		return sel()->features_hi;
	case VIONIC_DP_FUNC_MAC_LO_OFFSET:
		return sel()->mac_lo;
	case VIONIC_DP_FUNC_MAC_HI_OFFSET:
		return sel()->mac_hi;
	case VIONIC_DP_FUNC_RX_MODE_OFFSET:
		return sel()->rx_mode;
	default:
		v = (uint32_t)(addr - VIONIC_MAP_DP_BASE);
		if (v >= VIONIC_DP_STATS_BASE_OFFSET) {
			f = sel();
			/* Counters: a recognisable value per function and offset. */
			return (uint32_t)(f - dp_model.funcs) << 16 | (v - VIONIC_DP_STATS_BASE_OFFSET);
		}
		model_fail("read of an unmodelled dp register", addr);
	}
	return 0;
}

static void dp_write(void *ctx, uintptr_t addr, uint32_t value)
{
	struct dp_model_func *f;

	(void)ctx;
	switch (addr - VIONIC_MAP_DP_BASE) {
	case VIONIC_DP_IRQ_ENABLE_OFFSET:
		dp_model.irq_enable = value;
		return;
	case VIONIC_DP_QUEUE_CMD_OFFSET:
		if (dp_model.cmd_count == DP_MODEL_LOG)
			model_fail("too many queue commands", addr);
		dp_model.cmds[dp_model.cmd_count++] = value;
		dp_model.busy_left = dp_model.busy_polls;
		return;
	case VIONIC_DP_ERR_POP_OFFSET:
		if (dp_model.err_count) {
			dp_model.err_head++;
			dp_model.err_count--;
		}
		dp_model.err_pops++;
		return;
	case VIONIC_DP_KICK_PENDING_OFFSET:
		dp_model.kick_pending &= ~value;
		dp_model.kick_clears++;
		return;
	case VIONIC_DP_QSTATE_SEL_OFFSET:
		dp_model.qstate_sel = value;
		return;
	case VIONIC_DP_FUNC_SEL_OFFSET:
		dp_model.func_sel = value;
		return;
	}
	f = sel();
	switch (addr - VIONIC_MAP_DP_BASE) {
	case VIONIC_DP_FUNC_FEATURES_LO_OFFSET:
		f->features_lo = value;
		break;
	case VIONIC_DP_FUNC_FEATURES_HI_OFFSET:
		f->features_hi = value;
		break;
	case VIONIC_DP_FUNC_MAC_LO_OFFSET:
		f->mac_lo = value;
		break;
	case VIONIC_DP_FUNC_MAC_HI_OFFSET:
		f->mac_hi = value;
		break;
	case VIONIC_DP_FUNC_RX_MODE_OFFSET:
		f->rx_mode = value;
		break;
	case VIONIC_DP_MAC_TABLE_SEL_OFFSET:
		f->mac_table_sel = value;
		break;
	case VIONIC_DP_MAC_TABLE_LO_OFFSET:
		f->mac_lo_entry[f->mac_table_sel % DP_MODEL_MAC_ENTRIES] = value;
		break;
	case VIONIC_DP_MAC_TABLE_HI_OFFSET:
		f->mac_hi_entry[f->mac_table_sel % DP_MODEL_MAC_ENTRIES] = value;
		break;
	default:
		model_fail("write of an unmodelled dp register", addr);
	}
}

static bool host_range(uint64_t addr, uint32_t len)
{
	return addr >= DP_MODEL_HOST_BASE && len <= DP_MODEL_HOST_BYTES &&
	       addr - DP_MODEL_HOST_BASE <= DP_MODEL_HOST_BYTES - len;
}

static uint32_t dma_read(void *ctx, uintptr_t addr)
{
	(void)ctx;
	switch (addr - VIONIC_MAP_FW_DMA_BASE) {
	case VIONIC_FW_DMA_STATUS_OFFSET:
		return dp_model.dma_status;
	}
	model_fail("read of an unmodelled fw_dma register", addr);
	return 0;
}

static void dma_start(bool write)
{
	uint64_t addr = (uint64_t)dp_model.dma_addr_hi << 32 | dp_model.dma_addr_lo;
	uint32_t len = dp_model.dma_len, off = dp_model.dma_buf_off;

	dp_model.dma_count++;
	dp_model.dma_status = 0;
	dp_model.kick_pending |= dp_model.kick_during_dma;
	dp_model.kick_during_dma = 0;
	if ((int)dp_model.dma_count == dp_model.dma_fail_at || len == 0 || len > 4096 ||
	    off + len > 4096 || !host_range(addr, len)) {
		dp_model.dma_status = VIONIC_FW_DMA_STATUS_ERROR_MASK;
		return;
	}
	if (write)
		memcpy(&dp_model.host[addr - DP_MODEL_HOST_BASE], &dp_model.buf[off], len);
	else
		memcpy(&dp_model.buf[off], &dp_model.host[addr - DP_MODEL_HOST_BASE], len);
}

static void dma_write(void *ctx, uintptr_t addr, uint32_t value)
{
	(void)ctx;
	switch (addr - VIONIC_MAP_FW_DMA_BASE) {
	case VIONIC_FW_DMA_ADDR_LO_OFFSET:
		dp_model.dma_addr_lo = value;
		return;
	case VIONIC_FW_DMA_ADDR_HI_OFFSET:
		dp_model.dma_addr_hi = value;
		return;
	case VIONIC_FW_DMA_LEN_OFFSET:
		dp_model.dma_len = value;
		return;
	case VIONIC_FW_DMA_BUF_OFFSET_OFFSET:
		dp_model.dma_buf_off = value;
		return;
	case VIONIC_FW_DMA_FUNC_OFFSET:
		dp_model.dma_func = value;
		return;
	case VIONIC_FW_DMA_CTRL_OFFSET:
		if (value & VIONIC_FW_DMA_CTRL_START_MASK)
			dma_start(value & VIONIC_FW_DMA_CTRL_WRITE_MASK);
		return;
	}
	model_fail("write of an unmodelled fw_dma register", addr);
}

static uint32_t buf_read(void *ctx, uintptr_t addr)
{
	uint32_t off = (uint32_t)(addr - VIONIC_MAP_FW_DMA_BUF_BASE), v;

	(void)ctx;
	if (off & 3u)
		model_fail("misaligned FW_DMA_BUF read", addr);
	memcpy(&v, &dp_model.buf[off], 4);
	return v;
}

static void buf_write(void *ctx, uintptr_t addr, uint32_t value)
{
	uint32_t off = (uint32_t)(addr - VIONIC_MAP_FW_DMA_BUF_BASE);

	(void)ctx;
	if (off & 3u)
		model_fail("misaligned FW_DMA_BUF write", addr);
	memcpy(&dp_model.buf[off], &value, 4);
}

static uint32_t ctrl_read(void *ctx, uintptr_t addr)
{
	(void)ctx;
	(void)addr;
	return 0;	/* EVT_INFO: no event; LINK down; counters 0 */
}

static void ctrl_write(void *ctx, uintptr_t addr, uint32_t value)
{
	(void)ctx;
	if (addr == CTRL_REG(IRQ_SEND)) {
		if (dp_model.irq_count == DP_MODEL_LOG)
			model_fail("too many IRQ_SEND", addr);
		dp_model.irqs[dp_model.irq_count++] = value;
	}
}

void dp_model_map(uint32_t num_qp, uint32_t mac_entries, bool with_ctrl)
{
	memset(&dp_model, 0, sizeof(dp_model));
	dp_model.params = VIONIC_FIELD_PREP(VIONIC_DP_PARAMS_NUM_QP, num_qp) |
			  VIONIC_FIELD_PREP(VIONIC_DP_PARAMS_MAC_TABLE_ENTRIES, mac_entries) |
			  VIONIC_FIELD_PREP(VIONIC_DP_PARAMS_DATA_BYTES, 64) |
			  VIONIC_FIELD_PREP(VIONIC_DP_PARAMS_MAX_CHAIN, 16);
	for (uint32_t f = 0; f < DP_MODEL_FUNCS; f++)
		dp_model.funcs[f].rx_mode = VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS, 1);
	dp_model_attach(with_ctrl);
}

void dp_model_attach(bool with_ctrl)
{
	mock_device_map(VIONIC_MAP_DP_BASE, VIONIC_MAP_DP_SIZE, dp_read, dp_write, NULL);
	mock_device_map(VIONIC_MAP_FW_DMA_BASE, VIONIC_MAP_FW_DMA_SIZE, dma_read, dma_write, NULL);
	mock_device_map(VIONIC_MAP_FW_DMA_BUF_BASE, VIONIC_MAP_FW_DMA_BUF_SIZE, buf_read, buf_write,
			NULL);
	if (with_ctrl)
		mock_device_map(VIONIC_MAP_CTRL_BASE, VIONIC_MAP_CTRL_SIZE, ctrl_read, ctrl_write, NULL);
}

void dp_model_host_write(uint64_t addr, const void *src, uint32_t len)
{
	if (!host_range(addr, len))
		model_fail("host write outside the model", (uintptr_t)addr);
	memcpy(&dp_model.host[addr - DP_MODEL_HOST_BASE], src, len);
}

void dp_model_host_read(uint64_t addr, void *dst, uint32_t len)
{
	if (!host_range(addr, len))
		model_fail("host read outside the model", (uintptr_t)addr);
	memcpy(dst, &dp_model.host[addr - DP_MODEL_HOST_BASE], len);
}

void dp_model_push_error(uint32_t qid, uint32_t code)
{
	if (dp_model.err_count == DP_MODEL_LOG)
		model_fail("error FIFO full", 0);
	dp_model.errors[(dp_model.err_head + dp_model.err_count++) % DP_MODEL_LOG] =
		VIONIC_FIELD_PREP(VIONIC_DP_ERR_INFO_QID, qid) |
		VIONIC_FIELD_PREP(VIONIC_DP_ERR_INFO_CODE, code);
}

void dp_model_set_overflow(void)
{
	if (dp_model.err_count)
		dp_model.errors[(dp_model.err_head + dp_model.err_count - 1) % DP_MODEL_LOG] |=
			VIONIC_DP_ERR_INFO_OVERFLOW_MASK;
}
