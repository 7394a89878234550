/* SPDX-License-Identifier: MIT */
/*
 * vring_split.h - the device side of a split virtqueue (VIRTIO 1.3 §2.7) in memory this
 * process can address directly (a vhost-user frontend's shared memory).
 *
 * The driver is not trusted: every descriptor address is translated and bounds-checked
 * through the translate callback, chains are limited to the ring size, and a bad ring
 * marks the queue broken instead of reading or writing outside the shared memory.
 * No EVENT_IDX or INDIRECT_DESC: the backend does not offer them.
 */
#ifndef VIONIC_VRING_SPLIT_H
#define VIONIC_VRING_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#define VRING_SPLIT_MAX_SEGS 16

/* Host pointer for [addr, addr + len) of driver memory, or NULL. */
typedef void *(*vring_translate_fn)(void *opaque, uint64_t addr, uint64_t len);

struct vring_seg {
	uint8_t *ptr;
	uint32_t len;
};

/* One popped descriptor chain: readable segments first, then writable (§2.7.4.2). */
struct vring_chain {
	uint16_t head;
	unsigned int nout, nin;
	struct vring_seg out[VRING_SPLIT_MAX_SEGS];
	struct vring_seg in[VRING_SPLIT_MAX_SEGS];
	uint32_t out_len, in_len;	/* totals */
};

struct vring_split {
	unsigned int num;
	struct vring_desc *desc;	/* <linux/virtio_ring.h> layouts */
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_avail;	/* next avail entry to take */
	uint16_t used_idx;	/* next used entry to write */
	int broken;		/* the driver broke the ring's rules; see why */
	const char *why;
	vring_translate_fn translate;
	void *opaque;
};

/* Binds the ring to its three areas (already translated). 0, or -1 if num is not a
 * power of 2 in 1..32768 (§2.7: split queue sizes). */
int vring_split_init(struct vring_split *vr, unsigned int num, void *desc, void *avail,
		     void *used, uint16_t base, vring_translate_fn translate, void *opaque);
/* 1 if the driver has made a chain available that was not taken yet. */
int vring_split_pending(const struct vring_split *vr);
/* How many chains the driver has made available and this side not taken yet. */
unsigned int vring_split_backlog(const struct vring_split *vr);
/* Takes the next available chain: 1 taken, 0 none, -1 the ring is broken (vr->why). */
int vring_split_pop(struct vring_split *vr, struct vring_chain *chain);
/* Returns a chain to the driver with len bytes written into its writable part.
 * Returns 1 if the driver wants an interrupt for it (VRING_AVAIL_F_NO_INTERRUPT
 * clear), else 0. */
int vring_split_push(struct vring_split *vr, uint16_t head, uint32_t len);
/* Copies up to len bytes of a chain's readable part, from offset on. Returns the count. */
size_t vring_chain_read(const struct vring_chain *c, size_t offset, void *buf, size_t len);
/* Copies into a chain's writable part; returns the count. */
size_t vring_chain_write(const struct vring_chain *c, size_t offset, const void *buf, size_t len);

#endif /* VIONIC_VRING_SPLIT_H */
