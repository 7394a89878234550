// SPDX-License-Identifier: MIT
/*
 * vhost_user.c - vhost-user backend; see vhost_user.h.
 */
#define _GNU_SOURCE
#include "vhost_user.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

struct vu_header {
	uint32_t request;
	uint32_t flags;
	uint32_t size;
} __attribute__((packed));

struct vu_msg_region {
	uint64_t guest_addr;
	uint64_t size;
	uint64_t user_addr;
	uint64_t mmap_offset;
} __attribute__((packed));

struct vu_vring_state {
	uint32_t index;
	uint32_t num;
} __attribute__((packed));

struct vu_vring_addr {
	uint32_t index;
	uint32_t flags;
	uint64_t desc, used, avail, log;
} __attribute__((packed));

#define log_err(dev, ...) \
	do { \
		fprintf(stderr, "vionic-bridge: %s: ", (dev)->name); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} while (0)
#define log_dbg(dev, ...) \
	do { \
		if ((dev)->verbose) \
			log_err(dev, __VA_ARGS__); \
	} while (0)

static void vring_reset(struct vu_vring *vr)
{
	if (vr->kick_fd >= 0)
		close(vr->kick_fd);
	if (vr->call_fd >= 0)
		close(vr->call_fd);
	memset(vr, 0, sizeof(*vr));
	vr->kick_fd = -1;
	vr->call_fd = -1;
}

static void unmap_regions(struct vu_dev *dev)
{
	if (dev->nregions && dev->mem_changed) {
		unsigned int n = dev->nregions;

		dev->nregions = 0;	/* tells the callback it is going */
		dev->mem_changed(dev, dev->opaque);
		dev->nregions = n;
	}
	for (unsigned int i = 0; i < dev->nregions; i++)
		munmap(dev->regions[i].map, dev->regions[i].map_len);
	dev->nregions = 0;
}

int vu_listen(struct vu_dev *dev, const char *path, uint64_t features)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };

	dev->listen_fd = -1;
	dev->conn_fd = -1;
	dev->backend_req_fd = -1;
	dev->features = features | (1ull << VU_F_PROTOCOL_FEATURES);
	for (unsigned int i = 0; i < VU_MAX_VRINGS; i++) {
		dev->vrings[i].kick_fd = -1;
		dev->vrings[i].call_fd = -1;
		vring_reset(&dev->vrings[i]);
	}
	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 1)) {
		int err = -errno;

		close(fd);
		return err;
	}
	dev->listen_fd = fd;
	return 0;
}

int vu_accept(struct vu_dev *dev)
{
	if (dev->conn_fd >= 0)
		return 0;
	int fd = accept4(dev->listen_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
	dev->conn_fd = fd;
	log_dbg(dev, "frontend connected");
	return 1;
}

void vu_disconnect(struct vu_dev *dev)
{
	unmap_regions(dev);
	for (unsigned int i = 0; i < VU_MAX_VRINGS; i++)
		vring_reset(&dev->vrings[i]);
	if (dev->conn_fd >= 0)
		close(dev->conn_fd);
	if (dev->backend_req_fd >= 0)
		close(dev->backend_req_fd);
	dev->conn_fd = -1;
	dev->backend_req_fd = -1;
	dev->acked_features = 0;
	dev->protocol_features = 0;
}

void vu_close(struct vu_dev *dev)
{
	vu_disconnect(dev);
	if (dev->listen_fd >= 0)
		close(dev->listen_fd);
	dev->listen_fd = -1;
}

void *vu_guest_ptr(const struct vu_dev *dev, uint64_t addr, uint64_t len)
{
	for (unsigned int i = 0; i < dev->nregions; i++) {
		const struct vu_region *r = &dev->regions[i];

		if (addr >= r->guest_addr && len <= r->size && addr - r->guest_addr <= r->size - len)
			return r->map + r->mmap_offset + (addr - r->guest_addr);
	}
	return NULL;
}

static void *user_ptr(const struct vu_dev *dev, uint64_t addr, uint64_t len)
{
	for (unsigned int i = 0; i < dev->nregions; i++) {
		const struct vu_region *r = &dev->regions[i];

		if (addr >= r->user_addr && len <= r->size && addr - r->user_addr <= r->size - len)
			return r->map + r->mmap_offset + (addr - r->user_addr);
	}
	return NULL;
}

static void *translate_cb(void *opaque, uint64_t addr, uint64_t len)
{
	return vu_guest_ptr(opaque, addr, len);
}

/* Reads exactly len bytes; file descriptors sent with them land in fds. */
static int recv_full(int sock, void *buf, size_t len, int *fds, unsigned int *nfds)
{
	size_t got = 0;

	while (got < len) {
		char control[CMSG_SPACE(VU_MAX_REGIONS * sizeof(int))];
		struct iovec iov = { (char *)buf + got, len - got };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

		if (fds) {
			mh.msg_control = control;
			mh.msg_controllen = sizeof(control);
		}
		ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return got ? -EPROTO : 0;
		for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); fds && cm; cm = CMSG_NXTHDR(&mh, cm)) {
			if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
				continue;
			unsigned int k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			int *p = (int *)CMSG_DATA(cm);

			for (unsigned int j = 0; j < k; j++) {
				if (*nfds < VU_MAX_REGIONS)
					fds[(*nfds)++] = p[j];
				else
					close(p[j]);
			}
		}
		got += (size_t)n;
	}
	return 1;
}

static int send_reply(struct vu_dev *dev, uint32_t request, const void *payload, uint32_t size)
{
	struct {
		struct vu_header h;
		uint8_t payload[64];
	} m = { .h = { request, VU_VERSION | VU_FLAG_REPLY, size } };

	if (size > sizeof(m.payload))
		return -EINVAL;
	memcpy(m.payload, payload, size);
	size_t len = sizeof(m.h) + size;

	for (size_t done = 0; done < len;) {
		ssize_t n = send(dev->conn_fd, (char *)&m + done, len - done, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		done += (size_t)n;
	}
	return 0;
}

static int reply_u64(struct vu_dev *dev, uint32_t request, uint64_t v)
{
	return send_reply(dev, request, &v, sizeof(v));
}

static int set_mem_table(struct vu_dev *dev, const uint8_t *p, uint32_t size, int *fds,
			 unsigned int nfds)
{
	uint32_t n;

	if (size < 8)
		return -EPROTO;
	memcpy(&n, p, 4);
	if (n == 0 || n > VU_MAX_REGIONS || size < 8 + n * sizeof(struct vu_msg_region) || nfds != n) {
		log_err(dev, "SET_MEM_TABLE: %u regions with %u descriptors", n, nfds);
		return -EPROTO;
	}
	unmap_regions(dev);
	for (uint32_t i = 0; i < n; i++) {
		struct vu_msg_region m;
		struct vu_region *r = &dev->regions[i];

		memcpy(&m, p + 8 + i * sizeof(m), sizeof(m));
		struct stat st;

		if (m.size == 0 || m.mmap_offset + m.size < m.mmap_offset ||
		    fstat(fds[i], &st) || (uint64_t)st.st_size < m.mmap_offset + m.size) {
			log_err(dev, "SET_MEM_TABLE: region %u does not fit its file", i);
			dev->nregions = i;
			unmap_regions(dev);
			return -EINVAL;
		}
		/* Map from offset 0 so mmap_offset need not be page aligned. */
		r->map_len = m.mmap_offset + m.size;
		r->map = mmap(NULL, r->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fds[i], 0);
		if (r->map == MAP_FAILED) {
			int err = -errno;

			log_err(dev, "SET_MEM_TABLE: mmap of region %u (%llu bytes): %s", i,
				(unsigned long long)r->map_len, strerror(errno));
			dev->nregions = i;
			unmap_regions(dev);
			return err;
		}
		r->guest_addr = m.guest_addr;
		r->user_addr = m.user_addr;
		r->size = m.size;
		r->mmap_offset = m.mmap_offset;
		dev->nregions = i + 1;
		log_dbg(dev, "region %u: guest 0x%llx size 0x%llx", i,
			(unsigned long long)m.guest_addr, (unsigned long long)m.size);
	}
	if (dev->mem_changed)
		dev->mem_changed(dev, dev->opaque);
	return 0;
}

static int vring_try_bind(struct vu_dev *dev, struct vu_vring *vr)
{
	/* A ring rebound to a new memory table goes on where it was. */
	const int was_bound = vr->addr_set;
	const struct vring_split old = vr->ring;

	vr->addr_set = 0;
	if (!vr->num || !vr->desc_user)
		return 0;
	const unsigned int num = vr->num;
	void *desc = user_ptr(dev, vr->desc_user, 16ull * num);
	void *avail = user_ptr(dev, vr->avail_user, 6 + 2ull * num);
	void *used = user_ptr(dev, vr->used_user, 6 + 8ull * num);

	if (!desc || !avail || !used) {
		log_err(dev, "vring addresses outside the shared memory");
		return -EFAULT;
	}
	if (vring_split_init(&vr->ring, num, desc, avail, used, vr->base, translate_cb, dev)) {
		log_err(dev, "vring size %u is not a power of 2", num);
		return -EINVAL;
	}
	if (was_bound) {
		vr->ring.last_avail = old.last_avail;
		vr->ring.used_idx = old.used_idx;
		vr->ring.broken = old.broken;
		vr->ring.why = old.why;
	}
	vr->addr_set = 1;
	return 0;
}

static struct vu_vring *vring_of(struct vu_dev *dev, uint32_t index)
{
	index &= VU_VRING_INDEX_MASK;
	return index < VU_MAX_VRINGS ? &dev->vrings[index] : NULL;
}

/* Handles one request; *reply_done set when the request had its own reply. Returns 0
 * or a negative error that goes back as a nonzero REPLY_ACK status. */
static int dispatch(struct vu_dev *dev, const struct vu_header *h, const uint8_t *p,
		    int *fds, unsigned int *nfds, int *reply_done)
{
	uint64_t u64 = 0;
	struct vu_vring_state st = { 0, 0 };
	struct vu_vring *vr;

	if (h->size >= 8)
		memcpy(&u64, p, 8);
	if (h->size >= sizeof(st))
		memcpy(&st, p, sizeof(st));
	switch (h->request) {
	case VU_GET_FEATURES:
		*reply_done = 1;
		return reply_u64(dev, h->request, dev->features);
	case VU_SET_FEATURES:
		dev->acked_features = u64;
		return 0;
	case VU_GET_PROTOCOL_FEATURES:
		*reply_done = 1;
		return reply_u64(dev, h->request, VU_PROTOCOL_FEATURES);
	case VU_SET_PROTOCOL_FEATURES:
		dev->protocol_features = u64 & VU_PROTOCOL_FEATURES;
		return 0;
	case VU_SET_BACKEND_REQ_FD:
		if (*nfds != 1)
			return -EPROTO;
		if (dev->backend_req_fd >= 0)
			close(dev->backend_req_fd);
		dev->backend_req_fd = fds[0];
		*nfds = 0;
		return 0;
	case VU_GET_QUEUE_NUM:
		*reply_done = 1;
		return reply_u64(dev, h->request, VU_MAX_VRINGS);
	case VU_SET_OWNER:
		return 0;
	case VU_RESET_OWNER:
		for (unsigned int i = 0; i < VU_MAX_VRINGS; i++)
			vring_reset(&dev->vrings[i]);
		return 0;
	case VU_SET_MEM_TABLE: {
		int rc = set_mem_table(dev, p, h->size, fds, *nfds);

		for (unsigned int i = 0; i < *nfds; i++)
			close(fds[i]);	/* the mappings keep the memory */
		*nfds = 0;
		/* Rings bound to the old memory are rebound to the new one or, if they
		 * no longer fit (or the table failed), stopped: never left pointing at
		 * memory that is gone. */
		for (unsigned int i = 0; i < VU_MAX_VRINGS; i++) {
			struct vu_vring *r = &dev->vrings[i];

			if (!r->addr_set || (rc && dev->nregions))
				continue;	/* (a rejected table left the old one mapped) */
			if (rc || vring_try_bind(dev, r)) {
				r->addr_set = 0;
				rc = rc ? rc : -EFAULT;
			}
		}
		return rc;
	}
	case VU_SET_VRING_NUM:
		vr = vring_of(dev, st.index);
		if (!vr || st.num == 0 || st.num > 32768)
			return -EINVAL;
		vr->num = st.num;
		vr->addr_set = 0;
		return 0;
	case VU_SET_VRING_BASE:
		vr = vring_of(dev, st.index);
		if (!vr)
			return -EINVAL;
		vr->base = (uint16_t)st.num;
		vr->addr_set = 0;
		return 0;
	case VU_SET_VRING_ADDR: {
		struct vu_vring_addr a;

		if (h->size < sizeof(a))
			return -EPROTO;
		memcpy(&a, p, sizeof(a));
		vr = vring_of(dev, a.index);
		if (!vr)
			return -EINVAL;
		vr->desc_user = a.desc;
		vr->avail_user = a.avail;
		vr->used_user = a.used;
		return vring_try_bind(dev, vr);
	}
	case VU_GET_VRING_BASE:
		/* Stops the ring (vhost-user: GET_VRING_BASE ends processing). */
		vr = vring_of(dev, st.index);
		if (!vr)
			return -EINVAL;
		st.num = vr->addr_set ? vr->ring.last_avail : vr->base;
		vr->started = 0;
		vr->enabled = 0;
		*reply_done = 1;
		return send_reply(dev, h->request, &st, sizeof(st));
	case VU_SET_VRING_KICK:
	case VU_SET_VRING_CALL:
	case VU_SET_VRING_ERR: {
		vr = vring_of(dev, (uint32_t)u64);
		if (!vr)
			return -EINVAL;
		int fd = -1;

		if (!(u64 & VU_VRING_NOFD_MASK)) {
			if (*nfds != 1)
				return -EPROTO;
			fd = fds[0];
			*nfds = 0;
		}
		if (h->request == VU_SET_VRING_ERR) {
			if (fd >= 0)
				close(fd);
			return 0;
		}
		int *slot = h->request == VU_SET_VRING_KICK ? &vr->kick_fd : &vr->call_fd;

		if (*slot >= 0)
			close(*slot);
		*slot = fd;
		if (fd >= 0)
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		if (h->request == VU_SET_VRING_KICK) {
			vr->started = 1;
			/* Without VHOST_USER_F_PROTOCOL_FEATURES a ring starts enabled. */
			if (!(dev->acked_features & (1ull << VU_F_PROTOCOL_FEATURES)))
				vr->enabled = 1;
		}
		return 0;
	}
	case VU_SET_VRING_ENABLE:
		vr = vring_of(dev, st.index);
		if (!vr)
			return -EINVAL;
		vr->enabled = st.num != 0;
		return 0;
	default:
		log_err(dev, "unsupported request %u", h->request);
		return -ENOSYS;
	}
}

int vu_handle_message(struct vu_dev *dev)
{
	struct vu_header h;
	uint8_t payload[VU_MAX_PAYLOAD];
	int fds[VU_MAX_REGIONS];
	unsigned int nfds = 0;
	int rc = recv_full(dev->conn_fd, &h, sizeof(h), fds, &nfds);

	if (rc == 0) {
		log_dbg(dev, "frontend closed the connection");
		vu_disconnect(dev);
		return 0;
	}
	if (rc > 0 && ((h.flags & 3u) != VU_VERSION || h.size > sizeof(payload))) {
		log_err(dev, "bad message header (request %u flags 0x%x size %u)", h.request,
			h.flags, h.size);
		rc = -EPROTO;
	}
	if (rc > 0 && h.size)
		rc = recv_full(dev->conn_fd, payload, h.size, fds, &nfds);
	if (rc <= 0) {
		for (unsigned int i = 0; i < nfds; i++)
			close(fds[i]);
		log_err(dev, "connection lost: %s", rc ? strerror(-rc) : "short message");
		vu_disconnect(dev);
		return rc ? rc : -EPROTO;
	}
	dev->messages++;
	int reply_done = 0;
	int err = dispatch(dev, &h, payload, fds, &nfds, &reply_done);

	for (unsigned int i = 0; i < nfds; i++)
		close(fds[i]);
	log_dbg(dev, "request %u -> %d", h.request, err);
	if (err && reply_done) {
		/* the reply itself could not be sent */
		vu_disconnect(dev);
		return err;
	}
	if (!reply_done && (h.flags & VU_FLAG_NEED_REPLY) &&
	    (dev->protocol_features & (1ull << VU_PROTOCOL_F_REPLY_ACK))) {
		if (reply_u64(dev, h.request, err ? 1 : 0)) {
			vu_disconnect(dev);
			return -EIO;
		}
	} else if (err && !reply_done) {
		log_err(dev, "request %u failed: %s", h.request, strerror(-err));
	}
	return 1;
}

void vu_drain_kick(struct vu_dev *dev, unsigned int index)
{
	uint64_t n;
	int fd = dev->vrings[index].kick_fd;

	if (fd >= 0)
		while (read(fd, &n, sizeof(n)) == sizeof(n))
			;
}

void vu_call(struct vu_dev *dev, unsigned int index)
{
	const uint64_t n = 1;
	int fd = dev->vrings[index].call_fd;

	/* The UML frontend passes the write end of a pipe; a full pipe already has an
	 * interrupt pending, so EAGAIN loses nothing. */
	if (fd >= 0 && write(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_err(dev, "call fd of ring %u: %s", index, strerror(errno));
}
