/* SPDX-License-Identifier: MIT */
/*
 * vnet.h - a virtio-net driver (VIRTIO 1.3 §5.1) over tb/lib/virtio_pci and
 * tb/lib/vring_packed: bring-up with a chosen feature set (only what the device offers
 * and the caller wants), N queue pairs (receiveq k = queue 2k, transmitq k = 2k+1) and
 * the control queue (queue 2*max_virtqueue_pairs with MQ, else 2), MSI-X vector i+1 for
 * queue i (config vector 0), RX buffers of a chosen size with guard areas, transmit with
 * the 12-byte virtio_net_hdr (§5.1.6), receive with num_buffers merging (MRG_RXBUF),
 * control-queue commands returning the ack byte, reset / re-init, queue_reset, the
 * vendor STATS page in BAR0 (regs/stats.toml).
 *
 * Every wait is bounded in device cycles; nothing here runs the clock except the waits
 * (vnet_ctrl, vnet_queue_reset, vnet_run_until) and MMIO accesses.
 */
#ifndef TB_VNET_H
#define TB_VNET_H

#include <stddef.h>
#include <stdint.h>

#include "virtio_pci.h"
#include "vring_packed.h"
#include "vionic/stats_regs.h"
#include "vionic/virtio_net_regs.h"

#define VNET_MAX_QP 16
#define VNET_HDR_LEN VIONIC_VIRTIO_NET_HDR_BYTES	/* 12 with VERSION_1 (§5.1.6) */
#define VNET_GUARD 64u				/* guard bytes before and after each RX buffer */
#define VNET_GUARD_BYTE 0xa5u
#define VNET_MAX_SEGS 16u			/* descriptors of a TX chain (header + payload pieces) */
#define VNET_SEG_GAP 64u			/* bytes left between TX pieces in memory */
#define VNET_CTRL_TIMEOUT 4000000ull		/* cycles a control command may take */
#define VNET_QRESET_TIMEOUT 2000000ull
#define VNET_MAX_RX_FRAME 65536u

/* Feature bit names used by callers. */
#define VNET_F(x) VIONIC_VIRTIO_PCI_F_##x

struct vnet_opts {
	uint32_t want[4];	/* features wanted; negotiated = want & offered */
	unsigned int pairs;	/* queue pairs to use (clamped to the device's maximum) */
	uint16_t rx_qsize, tx_qsize, ctrl_qsize;	/* 0 = device maximum */
	uint32_t rx_buf_size;	/* bytes per receive buffer (header included) */
	uint32_t tx_buf_size;	/* largest header + frame transmitted */
	int no_rx_refill;	/* leave the receive rings empty after init */
	int no_repost;		/* vnet_rx_poll does not give consumed buffers back */
};

struct vnet_hdr {
	uint8_t flags, gso_type;
	uint16_t hdr_len, gso_size, csum_start, csum_offset, num_buffers;
};

struct vnet_q {
	int present;
	struct vp_queue vq;
	struct vrp r;
	uint64_t pool;		/* buffers, one per id */
	uint32_t stride;	/* bytes per id in pool */
	uint32_t buf_size;	/* usable bytes (RX: after the front guard) */
	uint16_t pool_ids;
	/* receive merge state (MRG_RXBUF) */
	uint8_t *pend;
	size_t pend_len;
	unsigned int pend_need, pend_got;
	struct vnet_hdr pend_hdr;
	unsigned int reposted;	/* RX buffers given back since the last kick */
	/* counters */
	uint64_t packets, bytes, errors, kicks;
};

struct vnet {
	struct vp_dev vp;
	struct vsim *sim;
	struct vnet_opts o;
	uint32_t offered[4], feat[4];
	struct vp_net_config cfg;
	unsigned int max_pairs, pairs, ctrl_index;
	struct vnet_q rx[VNET_MAX_QP], tx[VNET_MAX_QP], ctrl;
	uint64_t ctrl_buf;
	uint64_t msi_by_vector[64], msi_total, msi_config;
	char err[256];		/* last failure, for messages */
};

void vnet_default_opts(struct vnet_opts *o);
/* The defaults with MQ and CTRL_VQ for `pairs` queue pairs, data queues of `qsize`. */
void vnet_mq_opts(struct vnet_opts *o, unsigned int pairs, unsigned int qsize);
static inline void vnet_want(struct vnet_opts *o, unsigned int bit) { vp_feat_set(o->want, bit); }
/* Probe (enumeration + capabilities), BAR0 at the default address. */
int vnet_open(struct vnet *n, struct vsim *sim);
/* Full bring-up (§3.1.1): reset, features, MSI-X, queues, DRIVER_OK, RX refill, and
 * MQ_VQ_PAIRS_SET when more than one pair is used. 0 or <0 (n->err says where). */
int vnet_init(struct vnet *n, const struct vnet_opts *o);
/* Same options again (after a reset); buffers are reused. */
int vnet_reinit(struct vnet *n);
int vnet_has(const struct vnet *n, unsigned int bit);
void vnet_close(struct vnet *n);	/* frees C memory (not the sim) */

/* Queue indexes */
static inline unsigned int vnet_rxq_index(unsigned int k) { return 2 * k; }
static inline unsigned int vnet_txq_index(unsigned int k) { return 2 * k + 1; }

/* ---- transmit. Builds header + frame in the id's buffer, as nseg descriptors (1 = header
 * and frame in one buffer; >= 2: header alone, the frame cut into nseg-1 pieces placed
 * VNET_SEG_GAP apart). hdr NULL = zero header. kick: 1 = kick decision now.
 * Returns the id, VSIM_EAGAIN if the ring is full, or <0. */
int vnet_tx(struct vnet *n, unsigned int qp, const void *frame, size_t len, const struct vnet_hdr *hdr,
	    unsigned int nseg, int kick);
/* Kick decision + doorbell of transmitq qp; 1 rang, 0 suppressed. */
int vnet_tx_kick(struct vnet *n, unsigned int qp);
/* Retires used TX chains; returns how many (or <0 if the device returned a bad id). */
int vnet_tx_reap(struct vnet *n, unsigned int qp);

/* ---- receive */
/* Posts every free receive buffer of receiveq qp and kicks; returns buffers posted. */
int vnet_rx_refill(struct vnet *n, unsigned int qp);
int vnet_rx_kick(struct vnet *n, unsigned int qp);
/* Posts up to count free receive buffers (no kick); returns how many. */
int vnet_rx_post(struct vnet *n, unsigned int qp, unsigned int count);
/* Address of the receive buffer that belongs to id (guards before and after it). */
uint64_t vnet_rx_buf_addr(struct vnet *n, unsigned int qp, uint16_t id);
/* One received frame (without the header) into buf: 1 = frame, 0 = none yet, <0 error
 * (bad id from the device: n->err). A used buffer shorter than the header is a receive
 * error (counted in q->errors, buffer reused, not returned). Kicks the receive queue
 * when it returns 0 and buffers were given back. */
int vnet_rx_poll(struct vnet *n, unsigned int qp, uint8_t *buf, size_t cap, size_t *len,
		 struct vnet_hdr *hdr);

/* RX buffers: fill every buffer (not the guards) of receiveq qp with byte b; count the
 * bytes of buffers and guards that differ (from b and VNET_GUARD_BYTE). */
void vnet_rx_fill(struct vnet *n, unsigned int qp, uint8_t b);
unsigned long vnet_rx_count_changed(struct vnet *n, unsigned int qp, uint8_t b);
/* Guard bytes around every RX buffer of qp that are not VNET_GUARD_BYTE. */
unsigned long vnet_rx_guard_damage(struct vnet *n, unsigned int qp);

/* ---- control queue (§5.1.6.5): returns the ack (VIRTIO_NET_OK 0 / ERR 1), or <0
 * (no control queue, timeout, bad used id). */
int vnet_ctrl(struct vnet *n, uint8_t cls, uint8_t cmd, const void *d1, size_t l1, const void *d2,
	      size_t l2);
int vnet_ctrl_promisc(struct vnet *n, int on);
int vnet_ctrl_allmulti(struct vnet *n, int on);
int vnet_ctrl_mac_addr(struct vnet *n, const uint8_t mac[6]);
int vnet_ctrl_mac_table(struct vnet *n, const uint8_t (*uni)[6], unsigned int nu, const uint8_t (*multi)[6],
			unsigned int nm);
int vnet_ctrl_pairs(struct vnet *n, unsigned int pairs);

/* ---- reset */
int vnet_reset(struct vnet *n);	/* device_status 0 until it reads 0 */
/* queue_reset (§4.1.4.3.2) of queue index; waits until it reads 0 (bounded). */
int vnet_queue_reset(struct vnet *n, unsigned int index);
/* Sets a reset queue up again (new rings, same vector) and enables it; refills RX. */
int vnet_queue_reenable(struct vnet *n, unsigned int index);
/* The vnet_q of a queue index (NULL if not set up). */
struct vnet_q *vnet_queue(struct vnet *n, unsigned int index);

/* ---- interrupts: pops captured MSIs into msi_by_vector (data 0x4000 | vector). */
unsigned int vnet_poll_msi(struct vnet *n);

/* ---- vendor STATS page (BAR0 STATS) */
struct vnet_stats {
	uint32_t tx_packets, tx_drops, rx_packets, rx_drop_no_buffer, rx_drop_filtered, rx_drop_error,
		queue_errors;
	uint64_t tx_bytes, rx_bytes;
};
int vnet_read_stats(struct vnet *n, struct vnet_stats *s);

uint8_t vnet_status(struct vnet *n);	/* device_status */
/* Runs the clock in steps of `step` until cond returns non-zero or max cycles pass;
 * returns cond's value (0 on timeout). */
int vnet_run_until(struct vnet *n, int (*cond)(struct vnet *, void *), void *arg, uint64_t max_cycles,
		   uint64_t step);

/* ---- traffic engine (tests, demo, bench): sequence frames (tb/lib/pktgen) from every
 * used transmit queue (flow = queue pair), frame sizes a function of (flow, seq) so the
 * receiver knows them, received on every receive queue (loopback) or popped from the
 * simulator's capture (VSIM_ETH_CAPTURE), each checked: intact, expected length, in order
 * per flow. Bounded: idle_limit cycles without any progress, or max_cycles in all, fail. */
struct vnet_traffic {
	/* parameters */
	unsigned int pairs;		/* transmit queues used (0 = all of n->pairs) */
	unsigned int nseg;		/* descriptors per TX chain (1 = header with frame) */
	uint32_t size_min, size_max;	/* frame bytes (no FCS), 14..tx_buf_size-12 */
	uint64_t packets;		/* per flow; 0 = until vnet_traffic_step is no longer called */
	uint32_t seed;
	unsigned int burst;		/* frames queued per queue per step (0 = ring capacity);
					 * in loopback the frames in flight are also kept within
					 * half of receiveq 0's buffers */
	uint64_t max_inflight;		/* frames sent and not yet received, at most (0 = the
					 * loopback default above); in loopback the port has no
					 * flow control, so a device whose receive side is slower
					 * than its transmit (a slow upstream link) drops frames
					 * beyond its receive FIFO, as a NIC must */
	uint64_t step_cycles;		/* clock per step (default 500) */
	uint64_t idle_limit;		/* default 300000 */
	uint64_t max_cycles;		/* default 0 = none */
	int capture;			/* frames come back through vsim_eth_recv, not RX queues */
	int no_check;			/* do not verify (bench) */
	const uint8_t *dst_mac;		/* destination (NULL = the device's own MAC) */
	int stop;			/* set: send no more, done when everything sent arrived */
	/* results */
	uint64_t sent[VNET_MAX_QP], done[VNET_MAX_QP];	/* per flow: queued, TX used returned */
	uint64_t rx_q[VNET_MAX_QP];	/* frames per receive queue */
	uint64_t rx_flow[VNET_MAX_QP];	/* frames per flow */
	uint64_t frames_sent, frames_received, bytes_sent, bytes_received;
	uint64_t bad, wrong_len, out_of_order, rx_errors;
	uint32_t next_seq[VNET_MAX_QP];
	uint64_t start_cycle, last_progress;
	int failed;
	char err[256];
};
void vnet_traffic_init(struct vnet_traffic *t);
uint32_t vnet_traffic_size(const struct vnet_traffic *t, unsigned int flow, uint32_t seq);
/* One round (TX reap/queue/kick, clock, RX/check). 1 = all packets received, 0 = go on,
 * <0 = failure (t->err). */
int vnet_traffic_step(struct vnet *n, struct vnet_traffic *t);
/* Steps until done or failure. */
int vnet_traffic_run(struct vnet *n, struct vnet_traffic *t);

/* For test programs: tb_sim_create(cfg), vnet_open, vsim_eth_set_mode(eth_mode) unless
 * eth_mode < 0, vnet_init(o) unless o is NULL. NULL after printing "Bail out! ...". */
struct vsim *vnet_test_bringup(struct vnet *n, const struct vsim_config *cfg, const struct vnet_opts *o,
			       int eth_mode);

#endif
