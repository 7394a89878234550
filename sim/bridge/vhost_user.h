/* SPDX-License-Identifier: MIT */
/*
 * vhost_user.h - the backend side of the vhost-user protocol, as much as a
 * User-Mode Linux frontend (arch/um/drivers/virtio_uml.c) uses.
 *
 * One struct vu_dev is one listening socket and at most one connected frontend. The
 * frontend shares its memory (SET_MEM_TABLE: file descriptors this side maps) and
 * describes split virtqueues in it (SET_VRING_*); the backend reads and writes those
 * rings directly (vring_split.h). docs/linux.md describes the message flow.
 *
 * The protocol constants are written here from the vhost-user specification (QEMU's
 * docs/interop/vhost-user.rst); no library is used.
 */
#ifndef VIONIC_VHOST_USER_H
#define VIONIC_VHOST_USER_H

#include <stddef.h>
#include <stdint.h>

#include "vring_split.h"

/* Requests (frontend -> backend) this backend understands. */
enum vu_request {
	VU_GET_FEATURES = 1,
	VU_SET_FEATURES = 2,
	VU_SET_OWNER = 3,
	VU_RESET_OWNER = 4,
	VU_SET_MEM_TABLE = 5,
	VU_SET_VRING_NUM = 8,
	VU_SET_VRING_ADDR = 9,
	VU_SET_VRING_BASE = 10,
	VU_GET_VRING_BASE = 11,
	VU_SET_VRING_KICK = 12,
	VU_SET_VRING_CALL = 13,
	VU_SET_VRING_ERR = 14,
	VU_GET_PROTOCOL_FEATURES = 15,
	VU_SET_PROTOCOL_FEATURES = 16,
	VU_GET_QUEUE_NUM = 17,
	VU_SET_VRING_ENABLE = 18,
	VU_SET_BACKEND_REQ_FD = 21,
};

#define VU_VERSION 0x1u			/* header flags bits 1:0 */
#define VU_FLAG_REPLY (1u << 2)
#define VU_FLAG_NEED_REPLY (1u << 3)
#define VU_F_PROTOCOL_FEATURES 30	/* in GET_FEATURES */
#define VU_PROTOCOL_F_REPLY_ACK 3
/* The backend-to-frontend channel. This backend never sends on it, but UML 6.1 only
 * allocates the interrupt its virtqueue callbacks share when it is negotiated
 * (virtio_uml.c: vhost_user_init_slave_req); without it they collide with the timer. */
#define VU_PROTOCOL_F_BACKEND_REQ 5
#define VU_PROTOCOL_FEATURES ((1ull << VU_PROTOCOL_F_REPLY_ACK) | (1ull << VU_PROTOCOL_F_BACKEND_REQ))
#define VU_VRING_INDEX_MASK 0xffu
#define VU_VRING_NOFD_MASK (1u << 8)
#define VU_MAX_REGIONS 8
#define VU_MAX_VRINGS 2			/* virtio_pcidev: cmd and irq */
#define VU_MAX_PAYLOAD 4096

struct vu_region {
	uint64_t guest_addr;	/* addresses in descriptors */
	uint64_t user_addr;	/* addresses in SET_VRING_ADDR */
	uint64_t size;
	uint8_t *map;		/* mmap() of the whole mapping (offset included) */
	size_t map_len;
	uint64_t mmap_offset;
};

struct vu_vring {
	struct vring_split ring;	/* valid once addr and num are set */
	unsigned int num;
	uint64_t desc_user, avail_user, used_user;
	int addr_set;
	int enabled;
	int started;		/* kick fd received (or NOFD): the frontend may kick */
	int kick_fd;		/* eventfd the frontend writes, or -1 */
	int call_fd;		/* pipe/eventfd this side writes, or -1 */
	uint16_t base;		/* SET_VRING_BASE: next avail index to use */
};

struct vu_dev {
	const char *name;	/* for messages */
	int listen_fd;
	int conn_fd;		/* -1 while no frontend is connected */
	uint64_t features;	/* what this backend offers (VERSION_1 ...) */
	uint64_t acked_features;
	uint64_t protocol_features;
	unsigned int nregions;
	struct vu_region regions[VU_MAX_REGIONS];
	struct vu_vring vrings[VU_MAX_VRINGS];
	int backend_req_fd;	/* kept open, unused (see VU_PROTOCOL_F_BACKEND_REQ) */
	int verbose;
	/* Called when the memory table changes (after mapping) and before it is unmapped
	 * (nregions = 0), so a user can attach or detach it. */
	void (*mem_changed)(struct vu_dev *dev, void *opaque);
	void *opaque;
	/* Counters for the report. */
	uint64_t messages;
};

/* Creates the listening socket at path (an old socket file is replaced). 0 or -errno. */
int vu_listen(struct vu_dev *dev, const char *path, uint64_t features);
/* Accepts a frontend if one is waiting (non-blocking). 1 accepted, 0 none, -errno. */
int vu_accept(struct vu_dev *dev);
/* Reads and handles one message from the connected frontend. 1 handled, 0 the
 * frontend closed the connection (state reset, ready for a new one), -errno on a
 * protocol error (the connection is closed too). */
int vu_handle_message(struct vu_dev *dev);
/* Closes the connection and forgets the memory table and rings. */
void vu_disconnect(struct vu_dev *dev);
void vu_close(struct vu_dev *dev);

/* Host pointer for [guest_addr, guest_addr + len) of frontend memory, or NULL if the
 * range is not inside one region. */
void *vu_guest_ptr(const struct vu_dev *dev, uint64_t guest_addr, uint64_t len);

/* A ring the frontend has set up and enabled. */
static inline struct vring_split *vu_ready_ring(struct vu_dev *dev, unsigned int index)
{
	struct vu_vring *vr = &dev->vrings[index];

	return vr->addr_set && vr->enabled && vr->started ? &vr->ring : NULL;
}
/* Consumes the kick eventfd's count (non-blocking). */
void vu_drain_kick(struct vu_dev *dev, unsigned int index);
/* Interrupts the frontend for ring index (writes its call fd). */
void vu_call(struct vu_dev *dev, unsigned int index);

#endif /* VIONIC_VHOST_USER_H */
