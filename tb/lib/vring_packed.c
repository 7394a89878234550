/* SPDX-License-Identifier: MIT */
/* vring_packed.c - driver side of a packed virtqueue (VIRTIO 1.3 §2.8); see vring_packed.h. */
#include "vring_packed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DESC_BYTES VIONIC_VIRTIO_RING_DESC_BYTES

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t get32(const uint8_t *p) { return get16(p) | ((uint32_t)get16(p + 2) << 16); }

static uint64_t slot_addr(const struct vrp *r, unsigned int slot)
{
	return r->desc + (uint64_t)slot * DESC_BYTES;
}

/* Writes addr, len, id of a slot (not the flags). */
static void write_body(struct vrp *r, unsigned int slot, uint64_t addr, uint32_t len, uint16_t id)
{
	uint8_t b[14];
	put32(b + VIONIC_VIRTIO_RING_DESC_ADDR_OFFSET, (uint32_t)addr);
	put32(b + VIONIC_VIRTIO_RING_DESC_ADDR_OFFSET + 4, (uint32_t)(addr >> 32));
	put32(b + VIONIC_VIRTIO_RING_DESC_LEN_OFFSET, len);
	put16(b + VIONIC_VIRTIO_RING_DESC_ID_OFFSET, id);
	vsim_mem_write(r->sim, slot_addr(r, slot), b, sizeof(b));
}

static void write_flags(struct vrp *r, unsigned int slot, uint16_t flags)
{
	uint8_t b[2];
	put16(b, flags);
	vsim_mem_write(r->sim, slot_addr(r, slot) + VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET, b, 2);
}

static uint16_t wrap_bits(int wrap)
{
	/* available descriptor: AVAIL = driver wrap counter, USED = its inverse (§2.8.1) */
	return wrap ? VRP_F_AVAIL : VRP_F_USED;
}

void vrp_restart(struct vrp *r)
{
	static const uint8_t zero[DESC_BYTES];
	for (unsigned int i = 0; i < r->size; i++)
		vsim_mem_write(r->sim, slot_addr(r, i), zero, DESC_BYTES);
	vsim_mem_write(r->sim, r->driver, zero, 4);
	vsim_mem_write(r->sim, r->device, zero, 4);
	r->next_avail = 0;
	r->avail_wrap = 1;	/* both wrap counters start at 1 (§2.8.1) */
	r->next_used = 0;
	r->used_wrap = 1;
	r->num_free = r->size;
	r->num_added = 0;
	r->free_head = 0;
	r->free_ids = r->size;
	for (unsigned int i = 0; i < r->size; i++) {
		r->free_next[i] = (uint16_t)(i + 1 < r->size ? i + 1 : VRP_NO_ID);
		r->count[i] = 0;
		r->outstanding[i] = 0;
	}
	r->order_head = 0;
	r->order_len = 0;
	r->io_target = VRP_NO_ID;
}

int vrp_init(struct vrp *r, struct vsim *sim, uint16_t size, uint64_t desc, uint64_t driver,
	     uint64_t device)
{
	memset(r, 0, sizeof(*r));
	if (size == 0 || size > VRP_MAX_SIZE || !desc || !driver || !device)
		return VSIM_EINVAL;
	r->sim = sim;
	r->size = size;
	r->desc = desc;
	r->driver = driver;
	r->device = device;
	r->free_next = calloc(size, sizeof(*r->free_next));
	r->count = calloc(size, sizeof(*r->count));
	r->outstanding = calloc(size, 1);
	r->order = calloc(size, sizeof(*r->order));
	if (!r->free_next || !r->count || !r->outstanding || !r->order) {
		vrp_free(r);
		return VSIM_ENOMEM;
	}
	/* for the statistics' split of PCIe traffic by kind (ring vs data) */
	vsim_mem_set_class(sim, desc, (uint64_t)size * DESC_BYTES, VSIM_CLASS_RING);
	vsim_mem_set_class(sim, driver, 4, VSIM_CLASS_RING);
	vsim_mem_set_class(sim, device, 4, VSIM_CLASS_RING);
	vrp_restart(r);
	return 0;
}

int vrp_alloc(struct vrp *r, struct vsim *sim, uint16_t size)
{
	if (size == 0 || size > VRP_MAX_SIZE)
		return VSIM_EINVAL;
	uint64_t d = vsim_mem_alloc(sim, (size_t)size * DESC_BYTES, 16);
	uint64_t drv = vsim_mem_alloc(sim, 4, 4);
	uint64_t dev = vsim_mem_alloc(sim, 4, 4);
	if (!d || !drv || !dev)
		return VSIM_ENOMEM;
	return vrp_init(r, sim, size, d, drv, dev);
}

void vrp_free(struct vrp *r)
{
	free(r->free_next);
	free(r->count);
	free(r->outstanding);
	free(r->order);
	r->free_next = r->count = r->order = NULL;
	r->outstanding = NULL;
}

void vrp_set_notify(struct vrp *r, unsigned int vqn, uint64_t notify_addr, int notification_data,
		    int event_idx)
{
	r->vqn = vqn;
	r->notify_addr = notify_addr;
	r->notification_data = notification_data;
	r->event_idx = event_idx;
}

int vrp_get_id(struct vrp *r)
{
	if (r->free_head == VRP_NO_ID)
		return -1;
	uint16_t id = r->free_head;
	r->free_head = r->free_next[id];
	r->free_ids--;
	return id;
}

void vrp_put_id(struct vrp *r, uint16_t id)
{
	if (id >= r->size || r->outstanding[id])
		return;
	r->free_next[id] = r->free_head;
	r->free_head = id;
	r->free_ids++;
}

/* Writes one chain; the head's flags are returned in head_flags and head_slot instead of
 * written when defer is set. */
static int add_one(struct vrp *r, uint16_t id, const struct vrp_buf *bufs, unsigned int n, int defer,
		   unsigned int *head_slot, uint16_t *head_flags)
{
	if (n == 0 || n > r->num_free || id >= r->size || r->outstanding[id])
		return VSIM_EINVAL;
	unsigned int slot = r->next_avail;
	int wrap = r->avail_wrap;
	*head_slot = slot;
	for (unsigned int i = 0; i < n; i++) {
		uint16_t f = wrap_bits(wrap);
		if (i + 1 < n)
			f |= VRP_F_NEXT;
		if (bufs[i].write)
			f |= VRP_F_WRITE;
		write_body(r, slot, bufs[i].addr, bufs[i].len, id);
		if (i == 0)
			*head_flags = f;
		if (i > 0)	/* non-head flags now, the head's after the whole chain */
			write_flags(r, slot, f);
		if (++slot == r->size) {
			slot = 0;
			wrap = !wrap;
		}
	}
	if (!defer)
		write_flags(r, *head_slot, *head_flags);	/* makes the chain available (§2.8.21) */
	r->next_avail = (uint16_t)slot;
	r->avail_wrap = wrap;
	r->num_free = (uint16_t)(r->num_free - n);
	r->num_added = (uint16_t)(r->num_added + n);
	r->count[id] = (uint16_t)n;
	r->outstanding[id] = 1;
	if (r->in_order)
		r->order[(r->order_head + r->order_len++) % r->size] = id;
	return 0;
}

int vrp_add(struct vrp *r, uint16_t id, const struct vrp_buf *bufs, unsigned int n)
{
	unsigned int hs;
	uint16_t hf;
	return add_one(r, id, bufs, n, 0, &hs, &hf);
}

int vrp_add_chain(struct vrp *r, const struct vrp_buf *bufs, unsigned int n)
{
	if (n == 0 || n > r->num_free)
		return VSIM_EINVAL;
	int id = vrp_get_id(r);
	if (id < 0)
		return VSIM_EINVAL;
	int rc = vrp_add(r, (uint16_t)id, bufs, n);
	if (rc) {
		vrp_put_id(r, (uint16_t)id);
		return rc;
	}
	return id;
}

int vrp_add_batch(struct vrp *r, const uint16_t *ids, const struct vrp_buf *const *chains,
		  const unsigned int *ns, unsigned int nchains)
{
	unsigned int total = 0, first_slot = 0;
	uint16_t first_flags = 0;
	for (unsigned int c = 0; c < nchains; c++)
		total += ns[c];
	if (nchains == 0 || total > r->num_free)
		return VSIM_EINVAL;
	for (unsigned int c = 0; c < nchains; c++) {
		unsigned int hs;
		uint16_t hf;
		int rc = add_one(r, ids[c], chains[c], ns[c], c == 0, &hs, &hf);
		if (rc)
			return rc;	/* cannot happen after the checks except for a bad id */
		if (c == 0) {
			first_slot = hs;
			first_flags = hf;
		}
	}
	write_flags(r, first_slot, first_flags);
	return 0;
}

int vrp_kick_prepare(struct vrp *r)
{
	uint16_t flags, off_wrap;
	vrp_get_device_event(r, &flags, &off_wrap);
	int added = r->num_added;
	r->num_added = 0;
	flags &= 3;
	if (flags == VRP_EV_DISABLE)
		return 0;
	if (flags == VRP_EV_DESC && r->event_idx) {
		/* §2.8.10: notify when the descriptor at off_wrap has been made available
		 * by this batch (Linux virtqueue_kick_prepare_packed). */
		int nw = r->next_avail;
		int old = nw - added;
		int ev = off_wrap & 0x7fff;
		if ((off_wrap >> 15) != (unsigned int)r->avail_wrap)
			ev -= r->size;
		return ev >= old && ev < nw;
	}
	return 1;	/* ENABLE (or DESC without EVENT_IDX, reserved: be safe) */
}

uint32_t vrp_notify_value(const struct vrp *r)
{
	if (!r->notification_data)
		return r->vqn & 0xffff;
	/* §4.1.5.2: {vqn, next_off (15 bits), next_wrap} */
	return (r->vqn & 0xffff) | ((uint32_t)(r->next_avail & 0x7fff) << 16) |
	       ((uint32_t)(r->avail_wrap & 1) << 31);
}

int vrp_notify(struct vrp *r)
{
	if (!r->notify_addr)
		return VSIM_EINVAL;
	r->kicks++;
	if (r->notification_data)
		return vsim_mmio_write(r->sim, r->notify_addr, 4, vrp_notify_value(r));
	return vsim_mmio_write(r->sim, r->notify_addr, 2, vrp_notify_value(r));
}

int vrp_kick(struct vrp *r)
{
	if (!vrp_kick_prepare(r)) {
		r->kicks_suppressed++;
		return 0;
	}
	int rc = vrp_notify(r);
	return rc ? rc : 1;
}

void vrp_read_desc(const struct vrp *r, unsigned int slot, uint64_t *addr, uint32_t *len, uint16_t *id,
		   uint16_t *flags)
{
	uint8_t b[DESC_BYTES];
	vsim_mem_read(r->sim, slot_addr(r, slot % r->size), b, sizeof(b));
	if (addr)
		*addr = get32(b) | ((uint64_t)get32(b + 4) << 32);
	if (len)
		*len = get32(b + VIONIC_VIRTIO_RING_DESC_LEN_OFFSET);
	if (id)
		*id = get16(b + VIONIC_VIRTIO_RING_DESC_ID_OFFSET);
	if (flags)
		*flags = get16(b + VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET);
}

void vrp_set_in_order(struct vrp *r, int on)
{
	r->in_order = on;
	r->order_head = 0;
	r->order_len = 0;
	r->io_target = VRP_NO_ID;
}

/* Retires the oldest outstanding chain (IN_ORDER) and returns its id. */
static uint16_t retire_oldest(struct vrp *r)
{
	uint16_t id = r->order[r->order_head];
	r->order_head = (uint16_t)((r->order_head + 1) % r->size);
	r->order_len--;
	return id;
}

int vrp_get_used(struct vrp *r, uint16_t *idp, uint32_t *lenp)
{
	uint16_t id, flags;
	uint32_t len;
	if (r->in_order && r->io_target != VRP_NO_ID) {
		/* the rest of a batch one used descriptor stood for: no ring read */
		id = retire_oldest(r);
		len = 0;
		if (id == r->io_target) {
			len = r->io_len;
			r->io_target = VRP_NO_ID;
		} else {
			r->io_skipped++;
		}
		goto retire;
	}
	vrp_read_desc(r, r->next_used, NULL, &len, &id, &flags);
	int a = !!(flags & VRP_F_AVAIL), u = !!(flags & VRP_F_USED);
	/* used iff AVAIL == USED == the used wrap counter (§2.8.2) */
	if (a != u || a != r->used_wrap)
		return 0;
	if (id >= r->size || !r->outstanding[id]) {
		r->bad_used++;
		snprintf(r->err, sizeof(r->err),
			 "queue %u: used descriptor at slot %u has id %u which is %s (len %u flags 0x%04x)",
			 r->vqn, r->next_used, id, id >= r->size ? "out of range" : "not outstanding", len, flags);
		return -1;
	}
	if (r->in_order) {
		if (!r->order_len) {
			r->bad_used++;
			snprintf(r->err, sizeof(r->err), "queue %u: used id %u with nothing in order", r->vqn, id);
			return -1;
		}
		if (r->order[r->order_head] != id) {
			/* a batch: the oldest chains first, with len 0, then id with len */
			r->io_target = id;
			r->io_len = len;
			id = retire_oldest(r);
			len = 0;
			r->io_skipped++;
		} else {
			retire_oldest(r);
		}
	}
retire:;
	unsigned int n = r->count[id];
	unsigned int pos = r->next_used + n;
	if (pos >= r->size) {
		pos -= r->size;
		r->used_wrap = !r->used_wrap;
	}
	r->next_used = (uint16_t)pos;
	r->num_free = (uint16_t)(r->num_free + n);
	r->count[id] = 0;
	r->outstanding[id] = 0;
	vrp_put_id(r, id);
	*idp = id;
	*lenp = len;
	return 1;
}

unsigned int vrp_outstanding_ids(const struct vrp *r)
{
	return (unsigned int)(r->size - r->free_ids);
}

void vrp_set_driver_event(struct vrp *r, uint16_t flags, uint16_t off_wrap)
{
	uint8_t b[4];
	put16(b + VIONIC_VIRTIO_RING_EVENT_OFF_WRAP_OFFSET, off_wrap);
	put16(b + VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET, flags);
	vsim_mem_write(r->sim, r->driver, b, 4);
}

uint16_t vrp_used_off_wrap(const struct vrp *r, unsigned int ahead)
{
	unsigned int pos = r->next_used + ahead % r->size;
	int wrap = r->used_wrap;
	if (pos >= r->size) {
		pos -= r->size;
		wrap = !wrap;
	}
	return (uint16_t)(pos | ((unsigned int)wrap << 15));
}

void vrp_get_device_event(const struct vrp *r, uint16_t *flags, uint16_t *off_wrap)
{
	uint8_t b[4];
	vsim_mem_read(r->sim, r->device, b, 4);
	*off_wrap = get16(b + VIONIC_VIRTIO_RING_EVENT_OFF_WRAP_OFFSET);
	*flags = get16(b + VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET);
}

/* ---- bad input */
int vrp_add_raw(struct vrp *r, const struct vrp_raw_desc *d, unsigned int n)
{
	if (n == 0)
		return VSIM_EINVAL;
	unsigned int slot = r->next_avail, head = slot;
	int wrap = r->avail_wrap;
	uint16_t head_flags = 0;
	for (unsigned int i = 0; i < n && i < r->size; i++) {
		uint16_t f = (uint16_t)((d[i].flags & ~(VRP_F_AVAIL | VRP_F_USED)) | wrap_bits(wrap));
		write_body(r, slot, d[i].addr, d[i].len, d[i].id);
		if (i == 0)
			head_flags = f;
		else
			write_flags(r, slot, f);
		if (++slot == r->size) {
			slot = 0;
			wrap = !wrap;
		}
	}
	write_flags(r, head, head_flags);
	unsigned int used = n < r->size ? n : r->size;
	r->next_avail = (uint16_t)slot;
	r->avail_wrap = wrap;
	r->num_free = (uint16_t)(r->num_free > used ? r->num_free - used : 0);
	r->num_added = (uint16_t)(r->num_added + used);
	return 0;
}

int vrp_bad_zero_len(struct vrp *r, uint64_t addr, int write)
{
	uint16_t w = write ? VRP_F_WRITE : 0;
	struct vrp_raw_desc d[2] = {
		{ addr, 64, 0, (uint16_t)(w | VRP_F_NEXT) },
		{ addr + 64, 0, 0, w },
	};
	if (r->size < 2)
		return vrp_add_raw(r, &d[1], 1);
	return vrp_add_raw(r, d, 2);
}

int vrp_bad_long_chain(struct vrp *r, unsigned int n, uint64_t addr, int write)
{
	struct vrp_raw_desc *d = calloc(n, sizeof(*d));
	if (!d)
		return VSIM_ENOMEM;
	for (unsigned int i = 0; i < n; i++) {
		d[i].addr = addr + 64ull * i;
		d[i].len = 64;
		d[i].id = 0;
		d[i].flags = (uint16_t)((write ? VRP_F_WRITE : 0) | (i + 1 < n || n > r->size ? VRP_F_NEXT : 0));
	}
	int rc = vrp_add_raw(r, d, n);
	free(d);
	return rc;
}

int vrp_bad_reuse_id(struct vrp *r, uint16_t id, uint64_t addr, uint32_t len, int write)
{
	struct vrp_raw_desc d = { addr, len, id, (uint16_t)(write ? VRP_F_WRITE : 0) };
	return vrp_add_raw(r, &d, 1);
}

int vrp_bad_flags(struct vrp *r, uint16_t id, uint64_t addr, uint32_t len, uint16_t flags)
{
	struct vrp_raw_desc d = { addr, len, id, flags };
	return vrp_add_raw(r, &d, 1);
}
