// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The virtio-net control queue in firmware; see cvq.h and docs/firmware.md.
 * Section numbers are those of VIRTIO 1.3.
 */
#include "lib/virtio/cvq.h"

#include <stddef.h>
#include <string.h>

#include "drivers/ctrl.h"
#include "drivers/dp.h"
#include "drivers/fw_dma.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "lib/virtio/transport.h"
#include "vionic/virtio_net_regs.h"
#include "vionic/virtio_ring_regs.h"

#define DESC_BYTES	VIONIC_VIRTIO_RING_DESC_BYTES
#define F_NEXT		(1u << VIONIC_VIRTIO_RING_DESC_F_NEXT)
#define F_WRITE		(1u << VIONIC_VIRTIO_RING_DESC_F_WRITE)
#define F_INDIRECT	(1u << VIONIC_VIRTIO_RING_DESC_F_INDIRECT)
#define F_AVAIL		(1u << VIONIC_VIRTIO_RING_DESC_F_AVAIL)
#define F_USED		(1u << VIONIC_VIRTIO_RING_DESC_F_USED)
#define EVENT_WRAP	0x8000u	/* off_wrap bit 15 (§2.8.10) */

struct cvq_state {
	uint16_t idx;		/* next ring slot to read (and to write the used descriptor to) */
	bool wrap;		/* the wrap counter there */
	bool stopped;		/* a fatal error: nothing more until a reset */
	bool more;		/* chains may remain after the last pass */
	bool deferred;		/* a kick came before the queue could be served */
	bool area_due;		/* the device event suppression area is still to be written */
	struct vionic_cvq_stats stats;
};

static struct cvq_state cvqs[VIONIC_TRANSPORT_MAX_FUNCS];

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t id;
	uint16_t flags;
};

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void vionic_cvq_init(uint32_t func)
{
	if (func < VIONIC_TRANSPORT_MAX_FUNCS)
		memset(&cvqs[func], 0, sizeof(cvqs[func]));
	vionic_cvq_reset(func);
}

void vionic_cvq_enabled(uint32_t func)
{
	if (func >= VIONIC_TRANSPORT_MAX_FUNCS)
		return;
	cvqs[func].idx = 0;
	cvqs[func].wrap = true;	/* §2.8.1: both wrap counters start at 1 */
	cvqs[func].stopped = false;
	cvqs[func].more = false;
	cvqs[func].area_due = true;
	/*
	 * A deferred kick is kept: doorbells are not ordered with the event FIFO.
	 * Linux enables the queues, reads device_status (which does not wait for
	 * queue writes, docs/transport.md), sets DRIVER_OK and kicks: that doorbell
	 * can arrive while this enable is still a queued event.
	 */
}

void vionic_cvq_reset(uint32_t func)
{
	if (func >= VIONIC_TRANSPORT_MAX_FUNCS)
		return;
	vionic_cvq_enabled(func);
	cvqs[func].deferred = false;
}

const struct vionic_cvq_stats *vionic_cvq_stats(uint32_t func)
{
	return func < VIONIC_TRANSPORT_MAX_FUNCS ? &cvqs[func].stats : NULL;
}

bool vionic_cvq_need_event(uint16_t flags, uint16_t off_wrap, bool event_idx, uint16_t new_idx,
			   bool new_wrap, uint32_t advanced, uint16_t size)
{
	uint16_t event, old;

	if (flags == VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE)
		return false;
	if (flags != VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC || !event_idx)
		return true;	/* ENABLE (and values the driver must not write) */
	if (advanced >= size)
		return true;	/* every slot was written, the event one too */
	/*
	 * §2.8.10: notify when the used descriptor at off_wrap has been written,
	 * i.e. the event position lies in [old, new). With the event's wrap counter
	 * not the current one it lies a ring behind (as in the Linux driver's
	 * vring_need_event() for packed rings).
	 */
	event = off_wrap & (uint16_t)~EVENT_WRAP;
	if (!!(off_wrap & EVENT_WRAP) != new_wrap)
		event = (uint16_t)(event - size);
	old = (uint16_t)(new_idx - advanced);
	return (uint16_t)(new_idx - event - 1u) < (uint16_t)(new_idx - old);
}

/* --- commands (§5.1.6.5) --- */

static int read_data(uint32_t offset, void *dst, uint32_t len)
{
	return fw_dma_buf_read(VIONIC_CVQ_BUF_DATA + offset, dst, len);
}

/* VIRTIO_NET_CTRL_RX_PROMISC / ALLMULTI: u8 0 = off, 1 = on (§5.1.6.5.1). */
static uint8_t cmd_rx(uint32_t func, uint8_t cmd, uint32_t len)
{
	struct vionic_rx_state *rx = vionic_transport_rx(func);
	uint8_t on;

	if (!vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_NET_CTRL_RX) || len != 3 ||
	    (cmd != VIONIC_VIRTIO_NET_CTRL_RX_PROMISC && cmd != VIONIC_VIRTIO_NET_CTRL_RX_ALLMULTI))
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	read_data(2, &on, 1);
	if (on > 1)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	if (cmd == VIONIC_VIRTIO_NET_CTRL_RX_PROMISC)
		rx->promisc = on;
	else
		rx->allmulti = on;
	vionic_transport_rx_apply(func);
	return VIONIC_VIRTIO_NET_CTRL_OK;
}

/*
 * VIRTIO_NET_CTRL_MAC_TABLE_SET (§5.1.6.5.2), with CTRL_RX: two tables
 * {le32 entries; u8 macs[entries][6]}, unicast then multicast, exactly filling
 * the command data. The hardware table has MAC_TABLE_ENTRIES entries: the
 * unicast addresses go first, the multicast ones after. Too many unicast
 * addresses: none is entered and the function becomes promiscuous; too many
 * multicast addresses for the room left: none is entered and the function
 * receives all multicast. The driver's own PROMISC / ALLMULTI settings are
 * kept apart and OR-ed in.
 */
static uint8_t cmd_mac_table(uint32_t func, uint32_t len)
{
	struct vionic_rx_state *rx = vionic_transport_rx(func);
	uint32_t entries = vionic_transport_dp_params()->mac_table_entries;
	uint32_t uc, mc, mc_at, next = 0;
	uint8_t word[4], mac[DP_MAC_BYTES];

	if (!vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_NET_CTRL_RX) || len < 2 + 8)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	read_data(2, word, 4);
	uc = le32(word);
	if (uc > (len - 2 - 8) / DP_MAC_BYTES)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	mc_at = 2 + 4 + uc * DP_MAC_BYTES;
	read_data(mc_at, word, 4);
	mc = le32(word);
	if (mc > (len - mc_at - 4) / DP_MAC_BYTES || len != mc_at + 4 + mc * DP_MAC_BYTES)
		return VIONIC_VIRTIO_NET_CTRL_ERR;

	rx->uc_overflow = uc > entries;
	if (!rx->uc_overflow)
		for (uint32_t i = 0; i < uc; i++) {
			read_data(2 + 4 + i * DP_MAC_BYTES, mac, DP_MAC_BYTES);
			dp_func_set_mac_entry(func, next++, mac, true);
		}
	rx->mc_overflow = mc > entries - next;
	if (!rx->mc_overflow)
		for (uint32_t i = 0; i < mc; i++) {
			read_data(mc_at + 4 + i * DP_MAC_BYTES, mac, DP_MAC_BYTES);
			dp_func_set_mac_entry(func, next++, mac, true);
		}
	for (uint32_t e = next; e < rx->mac_table_used; e++)
		dp_func_set_mac_entry(func, e, NULL, false);
	rx->mac_table_used = (uint16_t)next;
	vionic_transport_rx_apply(func);
	return VIONIC_VIRTIO_NET_CTRL_OK;
}

/* VIRTIO_NET_CTRL_MAC_ADDR_SET (§5.1.6.5.2), with CTRL_MAC_ADDR: 6 bytes. */
static uint8_t cmd_mac_addr(uint32_t func, uint32_t len)
{
	uint8_t mac[DP_MAC_BYTES];

	if (!vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_NET_CTRL_MAC_ADDR) ||
	    len != 2 + DP_MAC_BYTES)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	read_data(2, mac, DP_MAC_BYTES);
	return vionic_transport_set_mac(func, mac) == VIONIC_OK ? VIONIC_VIRTIO_NET_CTRL_OK :
								   VIONIC_VIRTIO_NET_CTRL_ERR;
}

/* VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET (§5.1.6.5.6), with MQ: le16 1..max_virtqueue_pairs. */
static uint8_t cmd_mq(uint32_t func, uint8_t cmd, uint32_t len)
{
	struct vionic_rx_state *rx = vionic_transport_rx(func);
	uint8_t value[2];
	uint32_t pairs;

	if (!vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_NET_MQ) ||
	    cmd != VIONIC_VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET || len != 2 + 2)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	read_data(2, value, 2);
	pairs = le16(value);
	if (pairs < VIONIC_VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN ||
	    pairs > vionic_transport_dp_params()->num_qp)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	rx->queue_pairs = (uint16_t)pairs;
	vionic_transport_rx_apply(func);
	return VIONIC_VIRTIO_NET_CTRL_OK;
}

/* The command in FW_DMA_BUF[BUF_DATA..+len): class, cmd, data. */
static uint8_t execute(uint32_t func, uint32_t len)
{
	uint8_t hdr[2];

	if (len < 2)
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	read_data(0, hdr, 2);
	switch (hdr[0]) {
	case VIONIC_VIRTIO_NET_CTRL_RX:
		return cmd_rx(func, hdr[1], len);
	case VIONIC_VIRTIO_NET_CTRL_MAC:
		if (hdr[1] == VIONIC_VIRTIO_NET_CTRL_MAC_TABLE_SET)
			return cmd_mac_table(func, len);
		if (hdr[1] == VIONIC_VIRTIO_NET_CTRL_MAC_ADDR_SET)
			return cmd_mac_addr(func, len);
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	case VIONIC_VIRTIO_NET_CTRL_MQ:
		return cmd_mq(func, hdr[1], len);
	default:
		return VIONIC_VIRTIO_NET_CTRL_ERR;
	}
}

/* --- the ring (§2.8) --- */

static int read_desc(uint32_t func, uint64_t ring, uint16_t idx, struct desc *d)
{
	uint8_t raw[DESC_BYTES];
	int err = fw_dma_read(func, ring + (uint64_t)idx * DESC_BYTES, VIONIC_CVQ_BUF_DESC,
			      DESC_BYTES);

	if (err)
		return err;
	fw_dma_buf_read(VIONIC_CVQ_BUF_DESC, raw, DESC_BYTES);
	d->addr = (uint64_t)le32(raw + VIONIC_VIRTIO_RING_DESC_ADDR_OFFSET) |
		  (uint64_t)le32(raw + VIONIC_VIRTIO_RING_DESC_ADDR_OFFSET + 4) << 32;
	d->len = le32(raw + VIONIC_VIRTIO_RING_DESC_LEN_OFFSET);
	d->id = le16(raw + VIONIC_VIRTIO_RING_DESC_ID_OFFSET);
	d->flags = le16(raw + VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET);
	return VIONIC_OK;
}

static void advance(uint16_t *idx, bool *wrap, uint32_t by, uint16_t size)
{
	uint32_t next = (uint32_t)*idx + by;

	while (next >= size) {
		next -= size;
		*wrap = !*wrap;
	}
	*idx = (uint16_t)next;
}

/* A DMA error or a chain longer than the ring: the device needs a reset (§2.1.2). */
static void fatal(uint32_t func)
{
	cvqs[func].stopped = true;
	cvqs[func].stats.fatal++;
	vionic_transport_set_needs_reset(func);
}

/*
 * One chain from the current position. Returns 1 if a chain was completed,
 * 0 if the ring has no available descriptor there, negative on a fatal error
 * (already handled).
 */
static int process_chain(uint32_t func, const struct vionic_queue_state *q)
{
	struct cvq_state *cs = &cvqs[func];
	uint16_t idx = cs->idx, head = cs->idx;
	bool wrap = cs->wrap, head_wrap = cs->wrap;
	bool malformed = false, have_write = false;
	uint32_t count = 0, data_len = 0, written = 0;
	uint64_t ack_addr = 0;
	uint32_t ack_len = 0;
	uint16_t id = 0;
	uint8_t ack, used[8];
	struct desc d;

	if (read_desc(func, q->desc, idx, &d)) {
		fatal(func);
		return -1;
	}
	/* Available iff AVAIL matches the driver wrap counter and USED does not (§2.8.1). */
	if (!!(d.flags & F_AVAIL) != wrap || !!(d.flags & F_USED) == wrap)
		return 0;
	for (;;) {
		if (++count > q->size) {	/* a chain cannot be longer than the ring */
			fatal(func);
			return -1;
		}
		if (d.flags & F_INDIRECT) {
			malformed = true;	/* INDIRECT_DESC is not offered */
		} else if (d.flags & F_WRITE) {
			/* The ack: one byte in the (single) device-writable descriptor. */
			if (have_write || d.len == 0)
				malformed = true;
			have_write = true;
			ack_addr = d.addr;
			ack_len = d.len;
		} else if (have_write || d.len > VIONIC_CVQ_MAX_DATA - data_len) {
			malformed = true;	/* readable after writable (§2.7.4), or too long */
		} else if (!malformed && d.len) {
			if (fw_dma_read(func, d.addr, VIONIC_CVQ_BUF_DATA + data_len, d.len)) {
				fatal(func);
				return -1;
			}
			data_len += d.len;
		}
		id = d.id;	/* the buffer id is the last descriptor's (§2.8.6) */
		if (!(d.flags & F_NEXT))
			break;
		advance(&idx, &wrap, 1, q->size);
		if (read_desc(func, q->desc, idx, &d)) {
			fatal(func);
			return -1;
		}
	}
	ack = (!malformed && have_write) ? execute(func, data_len) : VIONIC_VIRTIO_NET_CTRL_ERR;
	if (ack == VIONIC_VIRTIO_NET_CTRL_OK)
		cs->stats.commands++;
	else
		cs->stats.errors++;
	if (have_write && ack_len) {
		fw_dma_buf_write(VIONIC_CVQ_BUF_ACK, &ack, 1);
		if (fw_dma_write(func, ack_addr, VIONIC_CVQ_BUF_ACK, 1)) {
			fatal(func);
			return -1;
		}
		written = 1;
	}
	/*
	 * The used descriptor at the chain's head slot (in-order completion: the
	 * used position equals it), len and id first, then flags with
	 * AVAIL = USED = the device wrap counter (§2.8.4), in a second posted
	 * write so the driver never sees the flags before the id.
	 */
	used[0] = (uint8_t)written;
	used[1] = (uint8_t)(written >> 8);
	used[2] = (uint8_t)(written >> 16);
	used[3] = (uint8_t)(written >> 24);
	used[4] = (uint8_t)id;
	used[5] = (uint8_t)(id >> 8);
	used[6] = (uint8_t)(head_wrap ? (F_AVAIL & 0xffu) : 0);
	used[7] = (uint8_t)(head_wrap ? (F_USED >> 8) : 0);
	fw_dma_buf_write(VIONIC_CVQ_BUF_USED, used, 8);
	if (fw_dma_write(func, q->desc + (uint64_t)head * DESC_BYTES + VIONIC_VIRTIO_RING_DESC_LEN_OFFSET,
			 VIONIC_CVQ_BUF_USED, 6) ||
	    fw_dma_write(func, q->desc + (uint64_t)head * DESC_BYTES +
			 VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET, VIONIC_CVQ_BUF_USED + 6, 2)) {
		fatal(func);
		return -1;
	}
	cs->idx = head;
	cs->wrap = head_wrap;
	advance(&cs->idx, &cs->wrap, count, q->size);
	return (int)count;
}

/* The queue can be served: enabled, DRIVER_OK without NEEDS_RESET, CTRL_VQ. */
static bool servable(uint32_t func, const struct vionic_queue_state *q)
{
	uint8_t status = vionic_transport_device_status(func);

	return q && q->enabled && !cvqs[func].stopped && (status & VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK) &&
	       !(status & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET) &&
	       vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ);
}

/*
 * Device event suppression (§2.8.10), once per enable of a servable queue:
 * ENABLE, so the driver rings for every command whatever the area held before.
 */
static void publish_device_area(uint32_t func, const struct vionic_queue_state *q)
{
	uint8_t area[4] = { 0 };

	if (!cvqs[func].area_due || !servable(func, q))
		return;
	cvqs[func].area_due = false;
	area[VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET] = VIONIC_VIRTIO_RING_EVENT_FLAGS_ENABLE;
	fw_dma_buf_write(VIONIC_CVQ_BUF_DEV_EVENT, area, sizeof(area));
	if (fw_dma_write(func, q->device, VIONIC_CVQ_BUF_DEV_EVENT, sizeof(area)))
		fatal(func);
}

int vionic_cvq_process(uint32_t func, bool *more)
{
	struct cvq_state *cs;
	const struct vionic_queue_state *q;
	uint32_t advanced = 0;
	int chains = 0, n;
	uint8_t event[4];

	if (more)
		*more = false;
	if (func >= vionic_transport_num_funcs())
		return 0;
	cs = &cvqs[func];
	q = vionic_transport_queue(func, vionic_transport_ctrl_queue(func));
	cs->more = false;
	if (!servable(func, q)) {
		/* §3.1.1: no buffer is used before DRIVER_OK. The kick is kept for
		 * the next transport event: the driver's DRIVER_OK (or queue_enable)
		 * write may still be waiting in the event FIFO although its doorbell,
		 * written after it, is already pending. */
		cs->stats.ignored++;
		cs->deferred = true;
		return 0;
	}
	publish_device_area(func, q);
	if (cs->stopped)
		return 0;
	/* At most one ring's worth of slots per pass: the event loop stays responsive. */
	while (advanced < q->size) {
		n = process_chain(func, q);
		if (n < 0)
			return chains;
		if (n == 0)
			break;
		advanced += (uint32_t)n;
		chains++;
	}
	if (advanced >= q->size) {
		cs->more = true;
		if (more)
			*more = true;
	}
	if (!advanced)
		return 0;
	/* Used buffer notification per the driver's event suppression (§2.8.10). */
	if (fw_dma_read(func, q->driver, VIONIC_CVQ_BUF_EVENT, 4)) {
		fatal(func);
		return chains;
	}
	fw_dma_buf_read(VIONIC_CVQ_BUF_EVENT, event, 4);
	if (vionic_cvq_need_event(le16(event + VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET) & 3u,
				  le16(event + VIONIC_VIRTIO_RING_EVENT_OFF_WRAP_OFFSET),
				  vionic_transport_negotiated(func, VIONIC_VIRTIO_PCI_F_EVENT_IDX),
				  cs->idx, cs->wrap, advanced, q->size)) {
		ctrl_irq_send(func, VIONIC_VIRTIO_PCI_ISR_QUEUE, q->msix_vector);
		cs->stats.interrupts++;
	}
	return chains;
}

void vionic_cvq_event_seen(void)
{
	/* Runs after every event: only the functions this device has. */
	uint32_t funcs = vionic_transport_num_funcs();

	for (uint32_t f = 0; f < funcs && f < VIONIC_TRANSPORT_MAX_FUNCS; f++) {
		publish_device_area(f, vionic_transport_queue(f, vionic_transport_ctrl_queue(f)));
		if (cvqs[f].deferred)
			cvqs[f].more = true;
		cvqs[f].deferred = false;
	}
}

int vionic_cvq_poll(void)
{
	uint32_t pending = dp_kick_pending();
	uint32_t funcs = vionic_transport_num_funcs();
	int work = 0;

	for (uint32_t f = 0; f < funcs && f < 32u; f++)
		if (cvqs[f].more)
			pending |= 1u << f;
	if (!pending)
		return 0;
	while (pending) {
		uint32_t f = (uint32_t)__builtin_ctz(pending);
		uint32_t bit = 1u << f;

		pending &= ~bit;
		/* Clear first: a kick during the processing below sets the bit again. */
		dp_kick_clear(bit);
		work = 1;
		if (f < funcs)
			vionic_cvq_process(f, NULL);
	}
	return work;
}
