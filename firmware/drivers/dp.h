/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Data-path CSRs (regs/dp.toml, memory-map region DP; docs/datapath.md): queue
 * start/stop, the error FIFO, firmware-queue kicks, the per-function
 * features / MAC / receive mode / MAC table and the counters.
 *
 * Per-function registers are reached through FUNC_SEL: every per-function
 * call here writes FUNC_SEL first (nothing is cached, so a call never depends
 * on what an earlier one selected). Waits are bounded by a poll count
 * (dp_set_poll_limit()): a command that does not complete is reported as
 * VIONIC_ETIMEDOUT, never waited for forever.
 */
#ifndef VIONIC_DRIVERS_DP_H
#define VIONIC_DRIVERS_DP_H

#include <stdbool.h>
#include <stdint.h>

#include "vionic/dp_consts_regs.h"
#include "vionic/dp_regs.h"
#include "vionic/memory_map_regs.h"
#include "vionic/stats_regs.h"

#define DP_REG(name) (VIONIC_MAP_DP_BASE + VIONIC_DP_##name##_OFFSET)
/* A counter of the selected function (stats offset, regs/stats.toml). */
#define DP_STATS_REG(offset) (DP_REG(STATS_BASE) + (uint32_t)(offset))

/* QUEUE_CMD_STATUS / ERR polls before a wait gives up (about 10 cycles each). */
#define DP_POLL_LIMIT_DEFAULT 1000000u

/* Bytes of a MAC address. */
#define DP_MAC_BYTES 6u

struct dp_params {
	uint32_t num_qp;		/* hardware queue pairs per function */
	uint32_t mac_table_entries;	/* MAC filter entries per function */
	uint32_t data_bytes;
	uint32_t max_chain;
};

/* One entry of the error FIFO (ERR_INFO). */
struct dp_error {
	uint32_t qid;		/* global queue id */
	uint32_t code;		/* VIONIC_DP_CONSTS_ERR_* */
	bool overflow;		/* errors were lost (FIFO full) */
};

/* FUNC_RX_MODE of one function. */
struct dp_rx_mode {
	bool promisc;
	bool allmulti;
	bool enable;
	uint32_t queue_pairs;	/* 1..NUM_QP */
};

/* VIONIC_OK if ID reads 'VIDP', else VIONIC_ENODEV. */
int dp_probe(void);

/* PARAMS; VIONIC_EINVAL for NULL. */
int dp_read_params(struct dp_params *params);

/* IRQ_ENABLE.ERROR / KICK: the core's external interrupt for data-path events. */
void dp_irq_enable(bool error, bool kick);

/* Polls per wait (0 is taken as 1); returns the previous limit. */
uint32_t dp_set_poll_limit(uint32_t polls);

/*
 * QUEUE_CMD: waits until no command is busy, writes {qid, op}, waits until
 * BUSY = 0 again. VIONIC_EINVAL for a qid or op that does not fit,
 * VIONIC_ETIMEDOUT if either wait ran out (the command may still complete).
 */
int dp_queue_cmd(uint32_t qid, uint32_t op);
static inline int dp_queue_start(uint32_t qid)
{
	return dp_queue_cmd(qid, VIONIC_DP_CONSTS_QUEUE_OP_START);
}
static inline int dp_queue_stop(uint32_t qid)
{
	return dp_queue_cmd(qid, VIONIC_DP_CONSTS_QUEUE_OP_STOP);
}

/* The oldest error without removing it: true if ERR_INFO.VALID. */
bool dp_error_peek(struct dp_error *error);
/* ERR_POP: removes it (and clears OVERFLOW). */
void dp_error_pop(void);

/* KICK_PENDING (function bitmap) and its write-1-to-clear. */
uint32_t dp_kick_pending(void);
void dp_kick_clear(uint32_t funcs);
uint32_t dp_kick_data(void);

/* QSTATE_SEL + QSTATE_RING / QSTATE_STATUS (raw words). */
void dp_queue_state(uint32_t qid, uint32_t *ring, uint32_t *status);

/* Per function (FUNC_SEL, then the register). VIONIC_EINVAL for func > 255 or NULL. */
int dp_func_set_features(uint32_t func, uint32_t lo, uint32_t hi);
int dp_func_set_mac(uint32_t func, const uint8_t mac[DP_MAC_BYTES]);
int dp_func_set_rx_mode(uint32_t func, const struct dp_rx_mode *mode);
/* MAC table entry (mac ignored, entry cleared, when valid is false). */
int dp_func_set_mac_entry(uint32_t func, uint32_t entry, const uint8_t mac[DP_MAC_BYTES],
			  bool valid);
/* A 32-bit counter (stats offset) and a 64-bit one (offset of its LO half; HI, LO, HI). */
uint32_t dp_func_counter32(uint32_t func, uint32_t offset);
uint64_t dp_func_counter64(uint32_t func, uint32_t lo_offset);

#endif /* VIONIC_DRIVERS_DP_H */
