/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The virtio-net control queue, served by the firmware (docs/datapath.md
 * "Firmware: control queue and queue lifecycle", docs/firmware.md).
 *
 * The control queue is queue 2 x NUM_QP of each function, a packed ring (§2.8)
 * in host memory that the firmware reads and writes through fw_dma. A doorbell
 * for it sets the function's dp KICK_PENDING bit; vionic_cvq_poll() clears the
 * bit first and then processes every available chain, so a kick that arrives
 * meanwhile is not lost. Each chain is {virtio_net_ctrl_hdr class, cmd;
 * command data} device-readable, then the u8 ack device-writable (§5.1.6.5).
 * The chain's ack is written, then its used descriptor, then (once per pass)
 * the interrupt per the driver's event suppression structure.
 *
 * Chains are consumed in order, so the used position is always the position
 * of the chain being completed: one ring position and one wrap counter per
 * function serve as the driver's (avail) and device's (used) counters.
 */
#ifndef VIONIC_LIB_VIRTIO_CVQ_H
#define VIONIC_LIB_VIRTIO_CVQ_H

#include <stdbool.h>
#include <stdint.h>

/* FW_DMA_BUF layout used by the control queue. */
#define VIONIC_CVQ_BUF_DESC	0u	/* one descriptor, 16 bytes */
#define VIONIC_CVQ_BUF_ACK	16u	/* the ack byte */
#define VIONIC_CVQ_BUF_USED	24u	/* len, id, flags of a used descriptor */
#define VIONIC_CVQ_BUF_EVENT	32u	/* the driver event suppression structure */
#define VIONIC_CVQ_BUF_DEV_EVENT 36u	/* the device event suppression structure */
#define VIONIC_CVQ_BUF_DATA	64u	/* the command (header and data) */
#define VIONIC_CVQ_MAX_DATA	(4096u - VIONIC_CVQ_BUF_DATA)

struct vionic_cvq_stats {
	uint32_t commands;	/* chains answered OK */
	uint32_t errors;	/* chains answered ERR (unknown, refused or malformed) */
	uint32_t fatal;		/* DMA errors and over-long chains: DEVICE_NEEDS_RESET */
	uint32_t interrupts;	/* used buffer notifications sent */
	uint32_t ignored;	/* kicks while the queue could not be served */
};

/* Forgets everything of func's control queue, the counters too (boot). */
void vionic_cvq_init(uint32_t func);

/*
 * The control queue of func starts again at slot 0, wrap 1, and a kick that
 * waits for DRIVER_OK is dropped (device reset, queue reset: the driver reads
 * device_status or queue_reset back before it can kick again).
 */
void vionic_cvq_reset(uint32_t func);

/*
 * The same for the queue's enable, but a waiting kick is kept: the doorbell may
 * already be pending while the enable and DRIVER_OK are still queued events.
 */
void vionic_cvq_enabled(uint32_t func);

/*
 * Processes the available chains of func's control queue (at most one ring's
 * worth per call). Returns the chains completed, 0 if none or the queue
 * cannot be served (no DRIVER_OK, DEVICE_NEEDS_RESET, CTRL_VQ not negotiated,
 * queue not enabled, or stopped by a fatal error), and sets *more when chains
 * may remain (the caller calls again).
 */
int vionic_cvq_process(uint32_t func, bool *more);

/*
 * Reads KICK_PENDING; for each function with its bit set: clears the bit, then
 * processes its control queue. Functions left with work (more than one ring's
 * worth) are served again on the next call. Returns 1 if there was work.
 */
int vionic_cvq_poll(void);

/*
 * Call after every transport event: a kick that arrived before its queue could be
 * served (no DRIVER_OK yet, the DRIVER_OK write's event still queued) is looked at
 * again on the next vionic_cvq_poll() instead of being lost. Once a control queue
 * can be served (enabled, DRIVER_OK, CTRL_VQ) its device event suppression area is
 * written once per enable: ENABLE, off_wrap 0 (§2.8.10; the firmware wants every
 * doorbell, and a driver must not depend on having initialized that area itself).
 */
void vionic_cvq_event_seen(void);

const struct vionic_cvq_stats *vionic_cvq_stats(uint32_t func);

/*
 * The interrupt decision after the device advanced the used position by
 * `advanced` slots to (new_idx, new_wrap) on a ring of `size`: event
 * suppression flags and off_wrap as the driver wrote them (§2.8.10, §2.8.14;
 * DESC only with EVENT_IDX, otherwise treated as ENABLE).
 */
bool vionic_cvq_need_event(uint16_t flags, uint16_t off_wrap, bool event_idx, uint16_t new_idx,
			   bool new_wrap, uint32_t advanced, uint16_t size);

#endif /* VIONIC_LIB_VIRTIO_CVQ_H */
