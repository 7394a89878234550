/* SPDX-License-Identifier: MIT */
/*
 * vring_packed.h - the driver side of a packed virtqueue (VIRTIO 1.3 §2.8) in simulated
 * host memory. The C code runs between clock steps, so host memory accesses
 * (vsim_mem_read/write) are free and atomic with respect to the device.
 *
 * Any size 1..32768 (not only powers of 2). The driver keeps:
 *  - next_avail / avail_wrap: where the next descriptor goes, and the driver ring wrap
 *    counter whose value goes into AVAIL (and its inverse into USED) (§2.8.1, §2.8.6);
 *  - next_used / used_wrap: where the next used descriptor is expected (§2.8.8);
 *  - a free-id list (buffer ids 0..size-1) and, per outstanding id, the number of ring
 *    slots its chain took: a used descriptor advances next_used by that count;
 *  - with IN_ORDER (vrp_set_in_order), the ids in the order they were made available:
 *    a used descriptor with id X retires every chain up to X (the device may write one
 *    used descriptor for a batch, §2.8 "In-order use of descriptors"); the skipped
 *    chains are returned one by one with len 0 (used completely).
 * Every used descriptor is checked: an id that is out of range or not outstanding is a
 * device bug, counted in `bad_used` with a message in `err` (tests report it).
 * Descriptor layout and flag bits come from regs/virtio_ring.toml.
 */
#ifndef TB_VRING_PACKED_H
#define TB_VRING_PACKED_H

#include <stdint.h>
#include "vionic_sim.h"
#include "vionic/virtio_ring_regs.h"

#define VRP_F_NEXT (1u << VIONIC_VIRTIO_RING_DESC_F_NEXT)
#define VRP_F_WRITE (1u << VIONIC_VIRTIO_RING_DESC_F_WRITE)
#define VRP_F_INDIRECT (1u << VIONIC_VIRTIO_RING_DESC_F_INDIRECT)
#define VRP_F_AVAIL (1u << VIONIC_VIRTIO_RING_DESC_F_AVAIL)
#define VRP_F_USED (1u << VIONIC_VIRTIO_RING_DESC_F_USED)
#define VRP_EV_ENABLE VIONIC_VIRTIO_RING_EVENT_FLAGS_ENABLE
#define VRP_EV_DISABLE VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE
#define VRP_EV_DESC VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC
#define VRP_MAX_SIZE 32768u

/* One buffer of a chain: write = device-writable (an "in" buffer). */
struct vrp_buf {
	uint64_t addr;
	uint32_t len;
	int write;
};

/* A raw descriptor for bad-input tests: flags without AVAIL/USED (added by vrp). */
struct vrp_raw_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t id;
	uint16_t flags;
};

struct vrp {
	struct vsim *sim;
	uint16_t size;
	uint64_t desc, driver, device;	/* ring, driver and device event areas */
	/* driver (available) side */
	uint16_t next_avail;
	int avail_wrap;
	uint16_t num_free;		/* free ring slots */
	uint16_t num_added;		/* descriptors added since the last kick decision */
	/* used side */
	uint16_t next_used;
	int used_wrap;
	/* ids */
	uint16_t *free_next;		/* free-id list links */
	uint16_t free_head;		/* VRP_NO_ID when empty */
	uint16_t free_ids;
	uint16_t *count;		/* ring slots of each outstanding chain (0 = free) */
	uint8_t *outstanding;
	/* IN_ORDER */
	int in_order;
	uint16_t *order;		/* outstanding ids in the order made available */
	uint16_t order_head, order_len;
	uint16_t io_target;		/* last id of a batch being retired (VRP_NO_ID: none) */
	uint32_t io_len;		/* its used len */
	uint64_t io_skipped;		/* chains retired without their own used descriptor */
	/* kick */
	int event_idx;			/* EVENT_IDX negotiated: honour DESC in the device area */
	int notification_data;		/* NOTIFICATION_DATA negotiated */
	unsigned int vqn;		/* queue index */
	uint64_t notify_addr;		/* doorbell (0 = none) */
	uint64_t kicks, kicks_suppressed;
	/* checks */
	unsigned int bad_used;
	char err[160];
};
#define VRP_NO_ID 0xffffu

/* Takes the ring at the given addresses (already zeroed or not: vrp clears them).
 * size 1..32768. Returns 0 or VSIM_EINVAL / VSIM_ENOMEM. */
int vrp_init(struct vrp *r, struct vsim *sim, uint16_t size, uint64_t desc, uint64_t driver,
	     uint64_t device);
/* Allocates the ring and event areas in host memory, then vrp_init. */
int vrp_alloc(struct vrp *r, struct vsim *sim, uint16_t size);
void vrp_free(struct vrp *r);	/* the C-side arrays only (host memory is not freed) */
/* Back to the state after init (ring cleared, every id free); for re-use after reset. */
void vrp_restart(struct vrp *r);

/* Doorbell for vrp_kick: index vqn at notify_addr. */
void vrp_set_notify(struct vrp *r, unsigned int vqn, uint64_t notify_addr, int notification_data,
		    int event_idx);

/* A free id (taken off the list), or -1 if none. */
int vrp_get_id(struct vrp *r);
/* Gives back an id obtained with vrp_get_id but not used. */
void vrp_put_id(struct vrp *r, uint16_t id);
/* Adds a chain of n buffers under id (from vrp_get_id); the head's flags are written
 * last (§2.8.21). Returns 0, or VSIM_EINVAL (n = 0, no room, bad id). */
int vrp_add(struct vrp *r, uint16_t id, const struct vrp_buf *bufs, unsigned int n);
/* Convenience: gets an id and adds; returns the id or a negative code. */
int vrp_add_chain(struct vrp *r, const struct vrp_buf *bufs, unsigned int n);
/* Adds several chains; only the first chain's head flags are written after all the
 * other descriptors (§2.8.21.1 batch). ids[i] is the id of chain i (from vrp_get_id). */
int vrp_add_batch(struct vrp *r, const uint16_t *ids, const struct vrp_buf *const *chains,
		  const unsigned int *ns, unsigned int nchains);

/* Kick decision from the device event suppression area (§2.8.10, §2.8.21.3): ENABLE ->
 * 1, DISABLE -> 0, DESC (with EVENT_IDX) -> 1 if the event offset is among the
 * descriptors added since the last decision. Resets the "added" window. */
int vrp_kick_prepare(struct vrp *r);
/* The doorbell write: the queue index, or {vqn, next_off, next_wrap} with
 * NOTIFICATION_DATA (§4.1.5.2). Returns the MMIO code. */
int vrp_notify(struct vrp *r);
/* kick_prepare + notify when needed; returns 1 if it rang, 0 if suppressed, <0 error. */
int vrp_kick(struct vrp *r);
/* The value written by vrp_notify. */
uint32_t vrp_notify_value(const struct vrp *r);

/* One used descriptor: returns 1 and fills id/len, 0 if none, -1 on a bad id (err set;
 * the ring position is not advanced). */
int vrp_get_used(struct vrp *r, uint16_t *id, uint32_t *len);
/* IN_ORDER negotiated: used descriptors may stand for a batch (set before adding). */
void vrp_set_in_order(struct vrp *r, int on);
/* Descriptors the device has not returned (outstanding chains' slots). */
static inline unsigned int vrp_in_flight(const struct vrp *r) { return (unsigned int)(r->size - r->num_free); }
unsigned int vrp_outstanding_ids(const struct vrp *r);

/* Driver event suppression area (the device reads it to decide about interrupts). */
void vrp_set_driver_event(struct vrp *r, uint16_t flags, uint16_t off_wrap);
/* off_wrap naming the used position `ahead` descriptors after next_used. */
uint16_t vrp_used_off_wrap(const struct vrp *r, unsigned int ahead);
/* Device event suppression area as the device wrote it. */
void vrp_get_device_event(const struct vrp *r, uint16_t *flags, uint16_t *off_wrap);

/* Reads descriptor slot i. */
void vrp_read_desc(const struct vrp *r, unsigned int slot, uint64_t *addr, uint32_t *len, uint16_t *id,
		   uint16_t *flags);

/* ---- bad input (docs/datapath.md checks). Each writes descriptors at next_avail with
 * correct AVAIL/USED bits and the head's flags last, and advances next_avail; nothing
 * is recorded as outstanding (the device must flag an error, not return them). */
int vrp_add_raw(struct vrp *r, const struct vrp_raw_desc *d, unsigned int n);
/* A chain whose second descriptor has length 0 (a 1-descriptor chain if n = 1). */
int vrp_bad_zero_len(struct vrp *r, uint64_t addr, int write);
/* A chain of n descriptors, every one with NEXT except the last; n > size fills the
 * whole ring with NEXT set (a chain that never ends). */
int vrp_bad_long_chain(struct vrp *r, unsigned int n, uint64_t addr, int write);
/* A valid-looking chain reusing id (which should be outstanding). */
int vrp_bad_reuse_id(struct vrp *r, uint16_t id, uint64_t addr, uint32_t len, int write);
/* A valid-looking one-descriptor chain with the given flags (e.g. WRITE on a transmit
 * queue, INDIRECT) and id (>= size for an id-range error). */
int vrp_bad_flags(struct vrp *r, uint16_t id, uint64_t addr, uint32_t len, uint16_t flags);

#endif
