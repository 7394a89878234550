// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Data-path CSRs; see dp.h and docs/registers/dp.md. */
#include "drivers/dp.h"

#include <stddef.h>

#include "hal/bits.h"
#include "hal/mmio.h"
#include "hal/status.h"

#define FIELD_MAX(field) VIONIC_FIELD_GET(field, field##_MASK)

static uint32_t poll_limit = DP_POLL_LIMIT_DEFAULT;

int dp_probe(void)
{
	uint32_t id = mmio_read32(DP_REG(ID));

	if (VIONIC_FIELD_GET(VIONIC_DP_ID_MAGIC, id) != VIONIC_DP_ID_MAGIC_RESET)
		return VIONIC_ENODEV;
	return VIONIC_OK;
}

int dp_read_params(struct dp_params *params)
{
	uint32_t value;

	if (!params)
		return VIONIC_EINVAL;
	value = mmio_read32(DP_REG(PARAMS));
	params->num_qp = VIONIC_FIELD_GET(VIONIC_DP_PARAMS_NUM_QP, value);
	params->mac_table_entries = VIONIC_FIELD_GET(VIONIC_DP_PARAMS_MAC_TABLE_ENTRIES, value);
	params->data_bytes = VIONIC_FIELD_GET(VIONIC_DP_PARAMS_DATA_BYTES, value);
	params->max_chain = VIONIC_FIELD_GET(VIONIC_DP_PARAMS_MAX_CHAIN, value);
	return VIONIC_OK;
}

void dp_irq_enable(bool error, bool kick)
{
	mmio_write32(DP_REG(IRQ_ENABLE), VIONIC_FIELD_PREP(VIONIC_DP_IRQ_ENABLE_ERROR, error) |
		     VIONIC_FIELD_PREP(VIONIC_DP_IRQ_ENABLE_KICK, kick));
}

uint32_t dp_set_poll_limit(uint32_t polls)
{
	uint32_t old = poll_limit;

	poll_limit = polls ? polls : 1u;
	return old;
}

/* Polls QUEUE_CMD_STATUS until BUSY = 0, at most poll_limit reads. */
static int wait_idle(void)
{
	for (uint32_t i = 0; i < poll_limit; i++)
		if (!VIONIC_FIELD_GET(VIONIC_DP_QUEUE_CMD_STATUS_BUSY,
				      mmio_read32(DP_REG(QUEUE_CMD_STATUS))))
			return VIONIC_OK;
	return VIONIC_ETIMEDOUT;
}

int dp_queue_cmd(uint32_t qid, uint32_t op)
{
	int err;

	if (qid > FIELD_MAX(VIONIC_DP_QUEUE_CMD_QID) ||
	    (op != VIONIC_DP_CONSTS_QUEUE_OP_START && op != VIONIC_DP_CONSTS_QUEUE_OP_STOP))
		return VIONIC_EINVAL;
	/* A command written while another is busy would be ignored. */
	err = wait_idle();
	if (err)
		return err;
	mmio_write32(DP_REG(QUEUE_CMD), VIONIC_FIELD_PREP(VIONIC_DP_QUEUE_CMD_QID, qid) |
		     VIONIC_FIELD_PREP(VIONIC_DP_QUEUE_CMD_OP, op));
	return wait_idle();
}

bool dp_error_peek(struct dp_error *error)
{
	uint32_t info = mmio_read32(DP_REG(ERR_INFO));

	if (!VIONIC_FIELD_GET(VIONIC_DP_ERR_INFO_VALID, info))
		return false;
	if (error) {
		error->qid = VIONIC_FIELD_GET(VIONIC_DP_ERR_INFO_QID, info);
		error->code = VIONIC_FIELD_GET(VIONIC_DP_ERR_INFO_CODE, info);
		error->overflow = VIONIC_FIELD_GET(VIONIC_DP_ERR_INFO_OVERFLOW, info);
	}
	return true;
}

void dp_error_pop(void)
{
	mmio_write32(DP_REG(ERR_POP), VIONIC_FIELD_PREP(VIONIC_DP_ERR_POP_POP, 1));
}

uint32_t dp_kick_pending(void)
{
	return VIONIC_FIELD_GET(VIONIC_DP_KICK_PENDING_FUNCS, mmio_read32(DP_REG(KICK_PENDING)));
}

void dp_kick_clear(uint32_t funcs)
{
	mmio_write32(DP_REG(KICK_PENDING), VIONIC_FIELD_PREP(VIONIC_DP_KICK_PENDING_FUNCS, funcs));
}

uint32_t dp_kick_data(void)
{
	return mmio_read32(DP_REG(KICK_DATA));
}

void dp_queue_state(uint32_t qid, uint32_t *ring, uint32_t *status)
{
	mmio_write32(DP_REG(QSTATE_SEL), VIONIC_FIELD_PREP(VIONIC_DP_QSTATE_SEL_QID, qid));
	if (ring)
		*ring = mmio_read32(DP_REG(QSTATE_RING));
	if (status)
		*status = mmio_read32(DP_REG(QSTATE_STATUS));
}

static int select_func(uint32_t func)
{
	if (func > FIELD_MAX(VIONIC_DP_FUNC_SEL_FUNC))
		return VIONIC_EINVAL;
	mmio_write32(DP_REG(FUNC_SEL), VIONIC_FIELD_PREP(VIONIC_DP_FUNC_SEL_FUNC, func));
	return VIONIC_OK;
}

int dp_func_set_features(uint32_t func, uint32_t lo, uint32_t hi)
{
	int err = select_func(func);

	if (err)
		return err;
	mmio_write32(DP_REG(FUNC_FEATURES_LO), lo);
	mmio_write32(DP_REG(FUNC_FEATURES_HI), hi);
	return VIONIC_OK;
}

/* Byte 0 (first on the wire) in bits 7:0. */
static uint32_t mac_lo(const uint8_t *mac)
{
	return (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 |
	       (uint32_t)mac[3] << 24;
}

static uint32_t mac_hi(const uint8_t *mac)
{
	return (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
}

int dp_func_set_mac(uint32_t func, const uint8_t mac[DP_MAC_BYTES])
{
	int err;

	if (!mac)
		return VIONIC_EINVAL;
	err = select_func(func);
	if (err)
		return err;
	mmio_write32(DP_REG(FUNC_MAC_LO), mac_lo(mac));
	mmio_write32(DP_REG(FUNC_MAC_HI), VIONIC_FIELD_PREP(VIONIC_DP_FUNC_MAC_HI_BYTES, mac_hi(mac)));
	return VIONIC_OK;
}

int dp_func_set_rx_mode(uint32_t func, const struct dp_rx_mode *mode)
{
	int err;

	if (!mode || mode->queue_pairs > FIELD_MAX(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS))
		return VIONIC_EINVAL;
	err = select_func(func);
	if (err)
		return err;
	mmio_write32(DP_REG(FUNC_RX_MODE),
		     VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_PROMISC, mode->promisc) |
		     VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_ALLMULTI, mode->allmulti) |
		     VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_ENABLE, mode->enable) |
		     VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS, mode->queue_pairs));
	return VIONIC_OK;
}

int dp_func_set_mac_entry(uint32_t func, uint32_t entry, const uint8_t mac[DP_MAC_BYTES],
			  bool valid)
{
	int err;

	if ((valid && !mac) || entry > FIELD_MAX(VIONIC_DP_MAC_TABLE_SEL_ENTRY))
		return VIONIC_EINVAL;
	err = select_func(func);
	if (err)
		return err;
	mmio_write32(DP_REG(MAC_TABLE_SEL), VIONIC_FIELD_PREP(VIONIC_DP_MAC_TABLE_SEL_ENTRY, entry));
	mmio_write32(DP_REG(MAC_TABLE_LO), valid ? mac_lo(mac) : 0);
	mmio_write32(DP_REG(MAC_TABLE_HI),
		     valid ? VIONIC_FIELD_PREP(VIONIC_DP_MAC_TABLE_HI_BYTES, mac_hi(mac)) |
			     VIONIC_FIELD_PREP(VIONIC_DP_MAC_TABLE_HI_VALID, 1) : 0);
	return VIONIC_OK;
}

uint32_t dp_func_counter32(uint32_t func, uint32_t offset)
{
	if (select_func(func))
		return 0;
	return mmio_read32(DP_STATS_REG(offset & ~3u));
}

uint64_t dp_func_counter64(uint32_t func, uint32_t lo_offset)
{
	uint32_t hi, lo, hi2;

	if (select_func(func))
		return 0;
	lo_offset &= ~3u;
	hi = mmio_read32(DP_STATS_REG(lo_offset + 4u));
	lo = mmio_read32(DP_STATS_REG(lo_offset));
	hi2 = mmio_read32(DP_STATS_REG(lo_offset + 4u));
	if (hi2 != hi)	/* the low half wrapped in between */
		lo = mmio_read32(DP_STATS_REG(lo_offset));
	return (uint64_t)hi2 << 32 | lo;
}
