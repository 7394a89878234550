/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A behavioural model of the data-path CSRs (DP), the firmware DMA engine
 * (FW_DMA, FW_DMA_BUF) and the ctrl block's IRQ_SEND, for host unit tests
 * that check effects rather than exact traffic: per-function registers as the
 * hardware keeps them behind FUNC_SEL, a log of queue commands, an error FIFO
 * and kicks a test injects, and host memory that fw_dma copies to and from.
 * dp_model_map() maps it through mock_device_map(); mock_reset() unmaps it.
 */
#ifndef VIONIC_HOST_DP_MODEL_H
#define VIONIC_HOST_DP_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define DP_MODEL_FUNCS		8u
#define DP_MODEL_MAC_ENTRIES	256u
#define DP_MODEL_LOG		64u
#define DP_MODEL_QIDS		256u
#define DP_MODEL_HOST_BASE	0x10000000ull	/* host memory the model serves */
#define DP_MODEL_HOST_BYTES	0x10000u

struct dp_model_func {
	uint32_t features_lo, features_hi;
	uint32_t mac_lo, mac_hi;
	uint32_t rx_mode;
	uint32_t mac_table_sel;
	uint32_t mac_lo_entry[DP_MODEL_MAC_ENTRIES];
	uint32_t mac_hi_entry[DP_MODEL_MAC_ENTRIES];
};

struct dp_model {
	uint32_t params;		/* PARAMS as read */
	uint32_t irq_enable;
	uint32_t func_sel;
	struct dp_model_func funcs[DP_MODEL_FUNCS];
	/* QUEUE_CMD writes, oldest first; busy_polls: BUSY reads 1 that often after each. */
	uint32_t cmds[DP_MODEL_LOG];
	unsigned int cmd_count;
	unsigned int busy_polls, busy_left;
	/* ERR_INFO FIFO (raw words, VALID set by the model), pops counted. */
	uint32_t errors[DP_MODEL_LOG];
	unsigned int err_head, err_count, err_pops;
	/* QSTATE_STATUS per global queue id (what a test sets), QSTATE_SEL. */
	uint32_t qstate_status[DP_MODEL_QIDS];
	uint32_t qstate_sel;
	uint32_t kick_pending;
	unsigned int kick_clears;
	/* Kick bits raised at the next fw_dma transfer (a doorbell arriving while the
	 * firmware processes the queue). */
	uint32_t kick_during_dma;
	/* fw_dma */
	uint32_t dma_addr_lo, dma_addr_hi, dma_len, dma_buf_off, dma_func, dma_status;
	unsigned int dma_count;		/* transfers started */
	int dma_fail_at;		/* transfer number (1-based) that fails; 0: none */
	uint8_t buf[4096];
	uint8_t host[DP_MODEL_HOST_BYTES];
	/* ctrl IRQ_SEND writes */
	uint32_t irqs[DP_MODEL_LOG];
	unsigned int irq_count;
};

extern struct dp_model dp_model;

/* Clears the model (PARAMS from num_qp, mac entries) and maps DP, FW_DMA, FW_DMA_BUF and,
 * if with_ctrl, the CTRL block (IRQ_SEND recorded, EVT_INFO empty, the rest 0). */
void dp_model_map(uint32_t num_qp, uint32_t mac_entries, bool with_ctrl);

/* Maps the model again without clearing it (after a test's mock_reset()). */
void dp_model_attach(bool with_ctrl);

/* Host memory access (addresses from DP_MODEL_HOST_BASE). */
void dp_model_host_write(uint64_t addr, const void *src, uint32_t len);
void dp_model_host_read(uint64_t addr, void *dst, uint32_t len);
void dp_model_push_error(uint32_t qid, uint32_t code);
/* Marks the newest error with OVERFLOW (errors after it were lost). */
void dp_model_set_overflow(void);

#endif /* VIONIC_HOST_DP_MODEL_H */
