// SPDX-License-Identifier: MIT
/*
 * vring_split.c - device side of a split virtqueue; see vring_split.h.
 */
#include "vring_split.h"

#include <linux/virtio_ring.h>
#include <string.h>

/* The driver runs on another CPU (another process): index reads must happen before
 * the ring entries they cover are read, and entries written before the index that
 * publishes them (§2.7.13, §2.7.8). */
#define load_acquire16(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define store_release16(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

int vring_split_init(struct vring_split *vr, unsigned int num, void *desc, void *avail,
		     void *used, uint16_t base, vring_translate_fn translate, void *opaque)
{
	memset(vr, 0, sizeof(*vr));
	if (num == 0 || num > 32768 || (num & (num - 1)))
		return -1;
	vr->num = num;
	vr->desc = desc;
	vr->avail = avail;
	vr->used = used;
	vr->last_avail = base;
	vr->used_idx = load_acquire16(&vr->used->idx);
	vr->translate = translate;
	vr->opaque = opaque;
	return 0;
}

static int ring_broken(struct vring_split *vr, const char *why)
{
	vr->broken = 1;
	vr->why = why;
	return -1;
}

int vring_split_pending(const struct vring_split *vr)
{
	return !vr->broken && load_acquire16(&vr->avail->idx) != vr->last_avail;
}

unsigned int vring_split_backlog(const struct vring_split *vr)
{
	return (uint16_t)(load_acquire16(&vr->avail->idx) - vr->last_avail);
}

int vring_split_pop(struct vring_split *vr, struct vring_chain *c)
{
	if (vr->broken)
		return -1;
	const uint16_t avail_idx = load_acquire16(&vr->avail->idx);

	if (avail_idx == vr->last_avail)
		return 0;
	/* §2.7.13.3: the driver never gets more than num entries ahead. */
	if ((uint16_t)(avail_idx - vr->last_avail) > vr->num)
		return ring_broken(vr, "avail index moved more than the queue size");

	const uint16_t head = vr->avail->ring[vr->last_avail % vr->num];

	if (head >= vr->num)
		return ring_broken(vr, "avail ring names a descriptor past the table");
	memset(c, 0, sizeof(*c));
	c->head = head;
	uint16_t i = head;

	for (unsigned int n = 0;; n++) {
		if (n >= vr->num)
			return ring_broken(vr, "descriptor chain longer than the queue (a loop)");
		const struct vring_desc d = vr->desc[i];

		if (d.flags & VRING_DESC_F_INDIRECT)
			return ring_broken(vr, "INDIRECT descriptor (not negotiated)");
		void *p = vr->translate(vr->opaque, d.addr, d.len);

		if (!p && d.len)
			return ring_broken(vr, "descriptor outside the shared memory");
		struct vring_seg seg = { .ptr = p, .len = d.len };

		if (d.flags & VRING_DESC_F_WRITE) {
			if (c->nin == VRING_SPLIT_MAX_SEGS)
				return ring_broken(vr, "too many writable descriptors in a chain");
			c->in[c->nin++] = seg;
			c->in_len += d.len;
		} else {
			/* §2.7.4.2: readable descriptors come before writable ones. */
			if (c->nin)
				return ring_broken(vr, "readable descriptor after a writable one");
			if (c->nout == VRING_SPLIT_MAX_SEGS)
				return ring_broken(vr, "too many readable descriptors in a chain");
			c->out[c->nout++] = seg;
			c->out_len += d.len;
		}
		if (!(d.flags & VRING_DESC_F_NEXT))
			break;
		if (d.next >= vr->num)
			return ring_broken(vr, "descriptor next past the table");
		i = d.next;
	}
	vr->last_avail++;
	return 1;
}

int vring_split_push(struct vring_split *vr, uint16_t head, uint32_t len)
{
	struct vring_used_elem *e = &vr->used->ring[vr->used_idx % vr->num];

	e->id = head;
	e->len = len;
	vr->used_idx++;
	store_release16(&vr->used->idx, vr->used_idx);
	/* The used index must be visible before the flags are read (§2.7.10). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(load_acquire16(&vr->avail->flags) & VRING_AVAIL_F_NO_INTERRUPT);
}

static size_t chain_copy(const struct vring_seg *segs, unsigned int n, size_t offset,
			 uint8_t *buf, size_t len, int to_chain)
{
	size_t done = 0;

	for (unsigned int i = 0; i < n && done < len; i++) {
		if (offset >= segs[i].len) {
			offset -= segs[i].len;
			continue;
		}
		size_t k = segs[i].len - offset;

		if (k > len - done)
			k = len - done;
		if (to_chain)
			memcpy(segs[i].ptr + offset, buf + done, k);
		else
			memcpy(buf + done, segs[i].ptr + offset, k);
		done += k;
		offset = 0;
	}
	return done;
}

size_t vring_chain_read(const struct vring_chain *c, size_t offset, void *buf, size_t len)
{
	return chain_copy(c->out, c->nout, offset, buf, len, 0);
}

size_t vring_chain_write(const struct vring_chain *c, size_t offset, const void *buf, size_t len)
{
	return chain_copy(c->in, c->nin, offset, (uint8_t *)buf, len, 1);
}
