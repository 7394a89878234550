// SPDX-License-Identifier: MIT
/*
 * bridge_unit - host unit test for the vhost-user backend's building blocks.
 *
 *  - vring_split: a split ring of size 8 in malloc'd "driver memory", filled by a
 *    small driver-side helper in this file: chains with readable and writable parts,
 *    segment pointers and totals, vring_chain_read/write across segment boundaries,
 *    used ring updates and the NO_INTERRUPT answer of push, 16-bit index wrap-around
 *    and the backlog.
 *  - broken rings: loops, out-of-range head/next, INDIRECT, readable after writable,
 *    addresses outside the memory, an avail index too far ahead, too many segments.
 *    The ring memory sits between PROT_NONE guard pages (descriptor table at the end
 *    of the page), so a read outside it crashes the test instead of passing.
 *  - vhost_user over a real unix socket, with this program as the frontend: feature
 *    negotiation, REPLY_ACK, SET_MEM_TABLE with a memfd, ring set-up, kick and call
 *    eventfds, popping a chain the test put in the shared memory, GET_VRING_BASE,
 *    rejected messages, file descriptor leaks, disconnect and reconnect.
 *
 * TAP output (the plan line first); exit status 1 if a test failed.
 * Build: see sim/bridge/bridge.mk (make bridge-unit-run).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <linux/virtio_ring.h>

#include "vhost_user.h"
#include "vring_split.h"

/* ---- TAP ------------------------------------------------------------------------ */

static FILE *tap;		/* results, printed after the plan at the end */
static char *tap_buf;
static size_t tap_len;
static unsigned int n_test, n_failed;

static int vcheck(int cond, const char *todo, const char *fmt, va_list ap)
{
	n_test++;
	if (!cond && !todo)
		n_failed++;
	fprintf(tap, "%sok %u - ", cond ? "" : "not ", n_test);
	vfprintf(tap, fmt, ap);
	if (todo)
		fprintf(tap, " # TODO %s", todo);
	fputc('\n', tap);
	return cond;
}

__attribute__((format(printf, 2, 3)))
static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cond = vcheck(cond, NULL, fmt, ap);
	va_end(ap);
	return cond;
}

/* ok() for two numbers; shows both when they differ. */
__attribute__((format(printf, 3, 4)))
static int is(uint64_t got, uint64_t want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcheck(got == want, NULL, fmt, ap);
	va_end(ap);
	if (got != want)
		fprintf(tap, "#   got %" PRIu64 " (0x%" PRIx64 "), want %" PRIu64 " (0x%" PRIx64 ")\n",
			got, got, want, want);
	return got == want;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", tap);
	va_start(ap, fmt);
	vfprintf(tap, fmt, ap);
	va_end(ap);
	fputc('\n', tap);
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* ---- driver side of a split ring -------------------------------------------------- */

/* Driver memory: size bytes at mem, seen by the device at guest address gpa. */
struct dmem {
	uint8_t *mem;
	uint64_t gpa;
	size_t size;
	unsigned int translations;	/* calls of dmem_translate */
};

static void *dmem_translate(void *opaque, uint64_t addr, uint64_t len)
{
	struct dmem *m = opaque;

	m->translations++;
	if (addr < m->gpa || len > m->size || addr - m->gpa > m->size - len)
		return NULL;
	return m->mem + (addr - m->gpa);
}

struct drv {
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	unsigned int num;
	uint16_t next;		/* next descriptor to use (round robin) */
};

struct buf {
	uint64_t addr;
	uint32_t len;
};

static void drv_init(struct drv *d, void *desc, void *avail, void *used, unsigned int num)
{
	d->desc = desc;
	d->avail = avail;
	d->used = used;
	d->num = num;
	d->next = 0;
}

/* Publishes head in the avail ring and bumps avail->idx (§2.7.13). */
static void drv_publish(struct drv *d, uint16_t head)
{
	uint16_t idx = d->avail->idx;

	d->avail->ring[idx % d->num] = head;
	__atomic_store_n(&d->avail->idx, (uint16_t)(idx + 1), __ATOMIC_RELEASE);
}

/* Adds a chain of nout readable then nin writable buffers; returns its head. */
static uint16_t drv_add(struct drv *d, const struct buf *out, unsigned int nout,
			const struct buf *in, unsigned int nin)
{
	const unsigned int n = nout + nin;
	const uint16_t head = d->next;

	for (unsigned int k = 0; k < n; k++) {
		struct vring_desc *e = &d->desc[d->next];
		const struct buf *b = k < nout ? &out[k] : &in[k - nout];

		d->next = (uint16_t)((d->next + 1) % d->num);
		e->addr = b->addr;
		e->len = b->len;
		e->flags = (k >= nout ? VRING_DESC_F_WRITE : 0) | (k + 1 < n ? VRING_DESC_F_NEXT : 0);
		e->next = k + 1 < n ? d->next : 0;
	}
	drv_publish(d, head);
	return head;
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

/* ---- 1. vring_split on a good ring ------------------------------------------------ */

#define G1 0x100000ull		/* guest address of the driver memory */
#define M1_SIZE 0x10000
#define DESC1 0x0
#define AVAIL1 0x100
#define USED1 0x200

static void test_ring_basic(void)
{
	struct dmem m = { .mem = malloc(M1_SIZE), .gpa = G1, .size = M1_SIZE };
	struct vring_split vr;
	struct vring_chain c;
	struct drv d;

	if (!m.mem)
		die("malloc");
	memset(m.mem, 0, M1_SIZE);
	drv_init(&d, m.mem + DESC1, m.mem + AVAIL1, m.mem + USED1, 8);

	is(vring_split_init(&vr, 8, d.desc, d.avail, d.used, 0, dmem_translate, &m), 0,
	   "vring_split_init accepts num 8");
	is(vring_split_pop(&vr, &c), 0, "pop on an empty ring returns 0");
	is(vring_split_pending(&vr), 0, "empty ring: nothing pending");
	is(vring_split_backlog(&vr), 0, "empty ring: backlog 0");

	/* Two readable and two writable buffers, scattered in the memory. */
	const struct buf out[2] = { { G1 + 0x1000, 10 }, { G1 + 0x2000, 6 } };
	const struct buf in[2] = { { G1 + 0x3000, 5 }, { G1 + 0x4000, 20 } };

	for (int i = 0; i < 10; i++)
		m.mem[0x1000 + i] = (uint8_t)('a' + i);
	for (int i = 0; i < 6; i++)
		m.mem[0x2000 + i] = (uint8_t)('A' + i);
	memset(m.mem + 0x3000 - 8, 0xee, 5 + 16);
	memset(m.mem + 0x4000 - 8, 0xee, 20 + 16);

	const uint16_t head = drv_add(&d, out, 2, in, 2);

	is(vring_split_pending(&vr), 1, "chain made available: pending");
	is(vring_split_backlog(&vr), 1, "chain made available: backlog 1");
	is(vring_split_pop(&vr, &c), 1, "pop returns the chain");
	is(c.head, head, "chain head");
	is(c.nout, 2, "two readable segments");
	is(c.nin, 2, "two writable segments");
	ok(c.out[0].ptr == m.mem + 0x1000 && c.out[0].len == 10 &&
	   c.out[1].ptr == m.mem + 0x2000 && c.out[1].len == 6,
	   "readable segment pointers and lengths");
	ok(c.in[0].ptr == m.mem + 0x3000 && c.in[0].len == 5 &&
	   c.in[1].ptr == m.mem + 0x4000 && c.in[1].len == 20,
	   "writable segment pointers and lengths");
	is(c.out_len, 16, "out_len is the readable total");
	is(c.in_len, 25, "in_len is the writable total");
	is(vr.last_avail, 1, "last_avail advanced");
	is(vring_split_pending(&vr), 0, "nothing pending after the pop");
	is(vring_split_pop(&vr, &c), 0, "second pop returns 0");

	/* Reads across the boundary of the two readable segments. */
	char rbuf[128];
	size_t n;

	memset(rbuf, 0, sizeof(rbuf));
	n = vring_chain_read(&c, 7, rbuf, 8);
	ok(n == 8 && !memcmp(rbuf, "hijABCDE", 8), "chain_read at offset 7 crosses segments");
	memset(rbuf, 0, sizeof(rbuf));
	n = vring_chain_read(&c, 12, rbuf, sizeof(rbuf));
	ok(n == 4 && !memcmp(rbuf, "CDEF", 4), "chain_read stops at the end of the readable part");
	is(vring_chain_read(&c, 16, rbuf, sizeof(rbuf)), 0, "chain_read at out_len reads nothing");
	n = vring_chain_read(&c, 0, rbuf, 16);
	ok(n == 16 && !memcmp(rbuf, "abcdefghijABCDEF", 16), "chain_read of the whole readable part");

	/* Writes across the boundary of the two writable segments. */
	n = vring_chain_write(&c, 3, "0123456789", 10);
	is(n, 10, "chain_write at offset 3 writes 10 bytes");
	ok(!memcmp(m.mem + 0x3003, "01", 2) && !memcmp(m.mem + 0x4000, "23456789", 8),
	   "chain_write splits the data over both writable segments");
	ok(m.mem[0x3002] == 0xee && m.mem[0x3005] == 0xee && m.mem[0x3000 - 1] == 0xee &&
	   m.mem[0x4008] == 0xee,
	   "chain_write leaves the bytes around it alone");
	memset(m.mem + 0x4000 + 20, 0xee, 8);
	n = vring_chain_write(&c, 20, "abcdefghijklmnop", 16);
	ok(n == 5 && !memcmp(m.mem + 0x400f, "abcde", 5) && m.mem[0x4000 + 20] == 0xee,
	   "chain_write stops at the end of the writable part");
	ok(m.mem[0x2000 + 6] == 0 && m.mem[0x1000 + 10] == 0, "chain_write does not touch readable buffers");

	/* Used ring. */
	is(vring_split_push(&vr, head, 10), 1, "push wants an interrupt (NO_INTERRUPT clear)");
	is(d.used->idx, 1, "push bumps used->idx");
	ok(d.used->ring[0].id == head && d.used->ring[0].len == 10, "push writes used->ring[0] id and len");

	const struct buf one = { G1 + 0x5000, 64 };
	uint16_t h2 = drv_add(&d, NULL, 0, &one, 1);

	d.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	ok(vring_split_pop(&vr, &c) == 1 && c.head == h2 && c.nout == 0 && c.nin == 1 &&
	   c.in_len == 64 && c.out_len == 0, "pop of a write-only chain");
	is(vring_split_push(&vr, h2, 33), 0, "push with VRING_AVAIL_F_NO_INTERRUPT returns 0");
	ok(d.used->idx == 2 && d.used->ring[1].id == h2 && d.used->ring[1].len == 33,
	   "second push fills used->ring[1]");
	d.avail->flags = 0;

	/* A chain with a zero-length readable descriptor. */
	const struct buf z[2] = { { 0, 0 }, { G1 + 0x6000, 3 } };
	uint16_t h3 = drv_add(&d, z, 2, NULL, 0);

	memcpy(m.mem + 0x6000, "xyz", 3);
	memset(rbuf, 0, sizeof(rbuf));
	ok(vring_split_pop(&vr, &c) == 1 && c.head == h3 && c.nout == 2 && c.out_len == 3 &&
	   vring_chain_read(&c, 0, rbuf, 10) == 3 && !memcmp(rbuf, "xyz", 3),
	   "zero-length descriptor is accepted and skipped by chain_read");
	free(m.mem);
}

static void test_ring_wrap(void)
{
	struct dmem m = { .mem = malloc(M1_SIZE), .gpa = G1, .size = M1_SIZE };
	struct vring_split vr;
	struct vring_chain c;
	struct drv d;
	uint16_t heads[8];
	int good;

	if (!m.mem)
		die("malloc");
	memset(m.mem, 0, M1_SIZE);
	drv_init(&d, m.mem + DESC1, m.mem + AVAIL1, m.mem + USED1, 8);
	d.avail->idx = 65530;
	d.used->idx = 65530;
	is(vring_split_init(&vr, 8, d.desc, d.avail, d.used, 65530, dmem_translate, &m), 0,
	   "wrap: init with base 65530");
	ok(vr.last_avail == 65530 && vr.used_idx == 65530, "wrap: last_avail and used_idx start at 65530");
	is(vring_split_backlog(&vr), 0, "wrap: backlog 0 at the start");

	/* Four chains: 65530..65533. */
	for (int i = 0; i < 4; i++) {
		const struct buf b = { G1 + 0x1000 + 0x100 * i, 8 };

		heads[i] = drv_add(&d, NULL, 0, &b, 1);
	}
	is(vring_split_backlog(&vr), 4, "wrap: backlog 4");
	good = 1;
	for (int i = 0; i < 4; i++) {
		good &= vring_split_pop(&vr, &c) == 1 && c.head == heads[i] &&
			c.in[0].ptr == m.mem + 0x1000 + 0x100 * i;
		good &= vring_split_push(&vr, c.head, 100 + i) == 1;
	}
	ok(good, "wrap: four chains popped and pushed in order");
	ok(vr.last_avail == 65534 && d.used->idx == 65534, "wrap: indices at 65534");

	/* Eight more (a full ring) across the 16-bit wrap: 65534..65541 = 5. */
	for (int i = 0; i < 8; i++) {
		const struct buf b = { G1 + 0x2000 + 0x100 * i, 16 + i };

		heads[i] = drv_add(&d, NULL, 0, &b, 1);
	}
	is(d.avail->idx, 6, "wrap: avail->idx wrapped to 6");
	is(vring_split_backlog(&vr), 8, "wrap: backlog 8 across the wrap");
	is(vring_split_pending(&vr), 1, "wrap: pending across the wrap");
	good = 1;
	for (int i = 0; i < 8; i++) {
		int r = vring_split_pop(&vr, &c);

		good &= r == 1 && c.head == heads[i] && c.in_len == 16u + i &&
			c.in[0].ptr == m.mem + 0x2000 + 0x100 * i;
		if (r == 1)
			vring_split_push(&vr, c.head, 200 + i);
		if (i == 3)
			good &= vring_split_backlog(&vr) == 4;
	}
	ok(good, "wrap: a full ring of 8 chains popped in order across the wrap");
	ok(vr.last_avail == 6 && vr.used_idx == 6, "wrap: last_avail and used_idx wrapped to 6");
	is(d.used->idx, 6, "wrap: used->idx wrapped to 6");
	good = 1;
	for (int i = 0; i < 8; i++) {
		const struct vring_used_elem *e = &d.used->ring[(uint16_t)(65534 + i) % 8];

		good &= e->id == heads[i] && e->len == 200u + i;
	}
	ok(good, "wrap: used->ring entries at (65534 + i) %% 8");
	is(vring_split_backlog(&vr), 0, "wrap: backlog 0 at the end");
	is(vring_split_pop(&vr, &c), 0, "wrap: pop returns 0 at the end");
	free(m.mem);
}

static void test_ring_init(void)
{
	struct vring_used used = { 0 };
	struct vring_split vr;
	uint8_t ring[64] = { 0 };

	is(vring_split_init(&vr, 0, ring, ring, &used, 0, dmem_translate, NULL), (uint64_t)-1,
	   "vring_split_init rejects num 0");
	is(vring_split_init(&vr, 3, ring, ring, &used, 0, dmem_translate, NULL), (uint64_t)-1,
	   "vring_split_init rejects num 3");
	is(vring_split_init(&vr, 65536, ring, ring, &used, 0, dmem_translate, NULL), (uint64_t)-1,
	   "vring_split_init rejects num 65536");
	is(vring_split_init(&vr, 32768, ring, ring, &used, 0, dmem_translate, NULL), 0,
	   "vring_split_init accepts num 32768");
	is(vring_split_init(&vr, 1, ring, ring, &used, 0, dmem_translate, NULL), 0,
	   "vring_split_init accepts num 1");
}

/* ---- 2. broken rings ------------------------------------------------------------ */

/* One page of driver memory between two PROT_NONE pages. */
struct guarded {
	uint8_t *map;
	size_t page;
	struct dmem m;
};

#define G2 0x200000ull
#define AVAIL2 0x0
#define USED2 0x100

static void guarded_init(struct guarded *g)
{
	g->page = (size_t)sysconf(_SC_PAGESIZE);
	g->map = mmap(NULL, 3 * g->page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->map == MAP_FAILED)
		die("mmap");
	if (mprotect(g->map + g->page, g->page, PROT_READ | PROT_WRITE))
		die("mprotect");
	g->m.mem = g->map + g->page;
	g->m.gpa = G2;
	g->m.size = g->page;
}

/* A fresh ring of num entries; the descriptor table ends where the page ends. */
static void guarded_ring(struct guarded *g, struct vring_split *vr, struct drv *d, unsigned int num)
{
	memset(g->m.mem, 0, g->page);
	drv_init(d, g->m.mem + g->page - 16 * num, g->m.mem + AVAIL2, g->m.mem + USED2, num);
	if (vring_split_init(vr, num, d->desc, d->avail, d->used, 0, dmem_translate, &g->m))
		die("vring_split_init");
}

static void set_desc(struct drv *d, unsigned int i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	d->desc[i].addr = addr;
	d->desc[i].len = len;
	d->desc[i].flags = flags;
	d->desc[i].next = next;
}

static void expect_broken(struct vring_split *vr, struct drv *d, const char *what)
{
	struct vring_chain c;
	int r = vring_split_pop(vr, &c);

	ok(r == -1 && vr->broken && vr->why && vr->why[0], "broken ring (%s): pop returns -1 with a reason", what);
	if (vr->why)
		diag("%s: %s", what, vr->why);
	is(vr->last_avail, 0, "broken ring (%s): last_avail not advanced", what);
	/* A good chain afterwards does not revive the ring. */
	set_desc(d, 0, G2 + 0x400, 8, 0, 0);
	d->avail->ring[d->avail->idx % d->num] = 0;
	d->avail->idx++;
	ok(vring_split_pop(vr, &c) == -1 && vring_split_pending(vr) == 0,
	   "broken ring (%s): pop keeps returning -1, pending is 0", what);
}

static void test_ring_broken(void)
{
	struct guarded g;
	struct vring_split vr;
	struct vring_chain c;
	struct drv d;

	guarded_init(&g);

	/* Sanity: the guarded ring works. */
	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 7, G2 + 0x400, 8, VRING_DESC_F_NEXT, 6);
	set_desc(&d, 6, G2 + 0x500, 8, VRING_DESC_F_WRITE, 0);
	drv_publish(&d, 7);
	ok(vring_split_pop(&vr, &c) == 1 && c.head == 7 && c.nout == 1 && c.nin == 1 && !vr.broken,
	   "guarded ring: a good chain pops");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, VRING_DESC_F_NEXT, 1);
	set_desc(&d, 1, G2 + 0x500, 8, VRING_DESC_F_NEXT, 2);
	set_desc(&d, 2, G2 + 0x600, 8, VRING_DESC_F_NEXT, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "descriptor loop");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 3, G2 + 0x400, 8, VRING_DESC_F_NEXT, 3);
	drv_publish(&d, 3);
	expect_broken(&vr, &d, "descriptor pointing at itself");

	guarded_ring(&g, &vr, &d, 8);
	drv_publish(&d, 8);
	expect_broken(&vr, &d, "head == num");

	guarded_ring(&g, &vr, &d, 8);
	drv_publish(&d, 0xffff);
	expect_broken(&vr, &d, "head 0xffff");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, VRING_DESC_F_NEXT, 8);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "next == num");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 16, VRING_DESC_F_INDIRECT, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "INDIRECT descriptor");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	set_desc(&d, 1, G2 + 0x500, 8, 0, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "readable after writable");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + g.page - 4, 8, 0, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "buffer straddling the end of the memory");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 - 8, 8, VRING_DESC_F_WRITE, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "buffer below the memory");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 0xffffffffu, 0, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "buffer length 4 GiB - 1");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, VRING_DESC_F_NEXT, 1);
	set_desc(&d, 1, 0xfffffffffffffff8ull, 16, VRING_DESC_F_WRITE, 0);
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "address wrapping around 2^64");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, 0, 0);
	d.avail->ring[0] = 0;
	d.avail->idx = 9;
	expect_broken(&vr, &d, "avail idx 9 ahead on a ring of 8");

	guarded_ring(&g, &vr, &d, 8);
	set_desc(&d, 0, G2 + 0x400, 8, 0, 0);
	d.avail->idx = 0x8000;
	expect_broken(&vr, &d, "avail idx 0x8000 ahead");

	/* Chains longer than VRING_SPLIT_MAX_SEGS on a ring of 32. */
	guarded_ring(&g, &vr, &d, 32);
	for (unsigned int i = 0; i < 32; i++)
		set_desc(&d, i, G2 + 0x400 + i, 1, (i >= 16 ? VRING_DESC_F_WRITE : 0) |
			 (i < 31 ? VRING_DESC_F_NEXT : 0), (uint16_t)(i + 1));
	drv_publish(&d, 0);
	ok(vring_split_pop(&vr, &c) == 1 && c.nout == 16 && c.nin == 16 && c.out_len == 16 &&
	   c.in_len == 16 && c.in[15].ptr == g.m.mem + 0x400 + 31,
	   "16 readable + 16 writable descriptors are accepted");

	guarded_ring(&g, &vr, &d, 32);
	for (unsigned int i = 0; i < 17; i++)
		set_desc(&d, i, G2 + 0x400 + i, 1, i < 16 ? VRING_DESC_F_NEXT : 0, (uint16_t)(i + 1));
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "17 readable descriptors");

	guarded_ring(&g, &vr, &d, 32);
	for (unsigned int i = 0; i < 17; i++)
		set_desc(&d, i, G2 + 0x400 + i, 1, VRING_DESC_F_WRITE | (i < 16 ? VRING_DESC_F_NEXT : 0),
			 (uint16_t)(i + 1));
	drv_publish(&d, 0);
	expect_broken(&vr, &d, "17 writable descriptors");

	munmap(g.map, 3 * g.page);
}

/* ---- 3. vhost-user over a unix socket --------------------------------------------- */

struct msg_region {
	uint64_t guest_addr;
	uint64_t size;
	uint64_t user_addr;
	uint64_t mmap_offset;
} __attribute__((packed));

struct msg_mem {
	uint32_t nregions;
	uint32_t padding;
	struct msg_region r[VU_MAX_REGIONS];
} __attribute__((packed));

struct msg_state {
	uint32_t index;
	uint32_t num;
} __attribute__((packed));

struct msg_addr {
	uint32_t index;
	uint32_t flags;
	uint64_t desc, used, avail, log;
} __attribute__((packed));

#define VU_HDR 12u
#define F_V VU_VERSION
#define F_NR (VU_VERSION | VU_FLAG_NEED_REPLY)

#define MEM_SIZE 0x10000
#define GPA 0x10000ull
#define DESC3 0x1000
#define AVAIL3 0x2000
#define USED3 0x3000

struct mem_seen {
	unsigned int calls;
	unsigned int nregions;	/* at the last call */
	int ptr_ok;		/* vu_guest_ptr worked inside the last call with regions */
};

static void on_mem_changed(struct vu_dev *dev, void *opaque)
{
	struct mem_seen *s = opaque;

	s->calls++;
	s->nregions = dev->nregions;
	if (dev->nregions)
		s->ptr_ok = vu_guest_ptr(dev, dev->regions[0].guest_addr, 1) != NULL;
}

static int count_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	if (!dir)
		die("/proc/self/fd");
	while (readdir(dir))
		n++;
	closedir(dir);
	return n - 3;	/* ".", ".." and the directory's own descriptor */
}

static int send_msg(int sock, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
		    const int *fds, unsigned int nfds)
{
	uint32_t h[3] = { request, flags, size };
	struct iovec iov[2] = { { h, VU_HDR }, { (void *)payload, size } };
	union {
		char buf[CMSG_SPACE(VU_MAX_REGIONS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = size ? 2 : 1 };

	if (nfds) {
		struct cmsghdr *cm;

		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(nfds * sizeof(int));
		memcpy(CMSG_DATA(cm), fds, nfds * sizeof(int));
	}
	return sendmsg(sock, &mh, MSG_NOSIGNAL) == (ssize_t)(VU_HDR + size) ? 0 : -1;
}

static int reply_pending(int sock, int timeout_ms)
{
	struct pollfd p = { .fd = sock, .events = POLLIN };

	return poll(&p, 1, timeout_ms) == 1;
}

/* Reads one reply: 0 with its header and payload, -1 on a timeout or a short read. */
static int recv_reply(int sock, uint32_t h[3], void *payload, uint32_t max)
{
	if (!reply_pending(sock, 2000))
		return -1;
	if (recv(sock, h, VU_HDR, MSG_WAITALL) != VU_HDR || h[2] > max)
		return -1;
	if (h[2] && recv(sock, payload, h[2], MSG_WAITALL) != (ssize_t)h[2])
		return -1;
	return 0;
}

/* Reads a u64 reply to request; UINT64_MAX (and a diagnostic) if it is not one. */
static uint64_t reply_u64(int sock, uint32_t request)
{
	uint32_t h[3];
	uint64_t v = 0;

	if (recv_reply(sock, h, &v, sizeof(v))) {
		diag("no reply to request %u", request);
		return UINT64_MAX;
	}
	if (h[0] != request || h[1] != (VU_VERSION | VU_FLAG_REPLY) || h[2] != 8) {
		diag("bad reply header %u/0x%x/%u to request %u", h[0], h[1], h[2], request);
		return UINT64_MAX;
	}
	return v;
}

struct fe {
	struct vu_dev *dev;
	int sock;
};

/* Sends one message and lets the backend handle it; returns vu_handle_message's result. */
static int fe_req(struct fe *f, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
		  const int *fds, unsigned int nfds)
{
	if (send_msg(f->sock, request, flags, payload, size, fds, nfds))
		die("sendmsg");
	return vu_handle_message(f->dev);
}

static int fe_u64(struct fe *f, uint32_t request, uint32_t flags, uint64_t v, const int *fds,
		  unsigned int nfds)
{
	return fe_req(f, request, flags, &v, sizeof(v), fds, nfds);
}

static int fe_state(struct fe *f, uint32_t request, uint32_t flags, uint32_t index, uint32_t num)
{
	struct msg_state s = { index, num };

	return fe_req(f, request, flags, &s, sizeof(s), NULL, 0);
}

/* SET_MEM_TABLE with one region; NEED_REPLY; returns the REPLY_ACK status. */
static uint64_t fe_mem_table(struct fe *f, uint64_t guest_addr, uint64_t user_addr, uint64_t size,
			     uint64_t mmap_offset, const int *fds, unsigned int nfds)
{
	struct msg_mem m = { .nregions = 1 };

	m.r[0] = (struct msg_region){ guest_addr, size, user_addr, mmap_offset };
	if (fe_req(f, VU_SET_MEM_TABLE, F_NR, &m, 8 + sizeof(m.r[0]), fds, nfds) != 1)
		return UINT64_MAX - 1;
	return reply_u64(f->sock, VU_SET_MEM_TABLE);
}

static uint64_t fe_vring_addr(struct fe *f, uint32_t index)
{
	struct msg_addr a = { index, 0, GPA + DESC3, GPA + USED3, GPA + AVAIL3, 0 };

	if (fe_req(f, VU_SET_VRING_ADDR, F_NR, &a, sizeof(a), NULL, 0) != 1)
		return UINT64_MAX - 1;
	return reply_u64(f->sock, VU_SET_VRING_ADDR);
}

static int connect_to(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		die("socket");
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	if (connect(s, (struct sockaddr *)&a, sizeof(a))) {
		close(s);
		return -1;
	}
	return s;
}

static void test_vhost_user(void)
{
	char dir[] = "/tmp/bridge_unit.XXXXXX";
	char path[sizeof(dir) + 8];
	struct mem_seen seen = { 0 };
	struct vu_dev dev = { .name = "bridge_unit (errors expected)", .mem_changed = on_mem_changed,
			      .opaque = &seen };
	struct fe f = { .dev = &dev };
	struct vring_split *ring;
	struct vring_chain c;
	struct drv d;
	uint32_t h[3];
	uint64_t v;
	const int fds_at_start = count_fds();

	if (!mkdtemp(dir))
		die("mkdtemp");
	snprintf(path, sizeof(path), "%s/sock", dir);

	is(vu_listen(&dev, path, 1ull << 32), 0, "vu_listen on a socket in a temporary directory");
	is(vu_accept(&dev), 0, "vu_accept without a client returns 0");
	f.sock = connect_to(path);
	ok(f.sock >= 0, "client connects");
	is(vu_accept(&dev), 1, "vu_accept returns 1");
	is(vu_accept(&dev), 0, "vu_accept while connected returns 0");

	/* Features. */
	is(fe_req(&f, VU_GET_FEATURES, F_V, NULL, 0, NULL, 0), 1, "GET_FEATURES handled");
	v = reply_u64(f.sock, VU_GET_FEATURES);
	ok(v != UINT64_MAX && (v & (1ull << 30)) && (v & (1ull << 32)),
	   "GET_FEATURES: PROTOCOL_FEATURES (bit 30) and the offered bit 32");
	fe_u64(&f, VU_SET_FEATURES, F_NR, (1ull << 30) | (1ull << 32), NULL, 0);
	ok(!reply_pending(f.sock, 0), "no REPLY_ACK before it is negotiated");
	is(dev.acked_features, (1ull << 30) | (1ull << 32), "SET_FEATURES stored");
	fe_req(&f, VU_GET_PROTOCOL_FEATURES, F_V, NULL, 0, NULL, 0);
	v = reply_u64(f.sock, VU_GET_PROTOCOL_FEATURES);
	ok(v != UINT64_MAX && (v & (1ull << VU_PROTOCOL_F_REPLY_ACK)) &&
	   (v & (1ull << VU_PROTOCOL_F_BACKEND_REQ)),
	   "GET_PROTOCOL_FEATURES: REPLY_ACK (bit 3) and BACKEND_REQ (bit 5)");
	fe_u64(&f, VU_SET_PROTOCOL_FEATURES, F_V,
	       (1ull << VU_PROTOCOL_F_REPLY_ACK) | (1ull << VU_PROTOCOL_F_BACKEND_REQ), NULL, 0);
	is(dev.protocol_features, (1ull << VU_PROTOCOL_F_REPLY_ACK) | (1ull << VU_PROTOCOL_F_BACKEND_REQ),
	   "SET_PROTOCOL_FEATURES stored");
	fe_req(&f, VU_SET_OWNER, F_NR, NULL, 0, NULL, 0);
	is(reply_u64(f.sock, VU_SET_OWNER), 0, "SET_OWNER with NEED_REPLY: reply 0");
	is(fe_req(&f, 99, F_NR, NULL, 0, NULL, 0), 1, "unknown request 99 keeps the connection");
	v = reply_u64(f.sock, 99);
	ok(v != 0 && v != UINT64_MAX, "unknown request 99 with NEED_REPLY: nonzero reply");
	fe_req(&f, VU_GET_FEATURES, F_NR, NULL, 0, NULL, 0);
	v = reply_u64(f.sock, VU_GET_FEATURES);
	ok((v & (1ull << 30)) && v != UINT64_MAX && !reply_pending(f.sock, 0),
	   "GET_FEATURES with NEED_REPLY: one reply (the features), no extra ack");
	fe_req(&f, VU_GET_QUEUE_NUM, F_V, NULL, 0, NULL, 0);
	is(reply_u64(f.sock, VU_GET_QUEUE_NUM), VU_MAX_VRINGS, "GET_QUEUE_NUM");

	int sp[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp))
		die("socketpair");
	fe_req(&f, VU_SET_BACKEND_REQ_FD, F_NR, NULL, 0, &sp[1], 1);
	is(reply_u64(f.sock, VU_SET_BACKEND_REQ_FD), 0, "SET_BACKEND_REQ_FD: reply 0");
	ok(dev.backend_req_fd >= 0 && dev.backend_req_fd != sp[1], "backend request fd kept");
	close(sp[1]);

	/* Memory table. */
	int memfd = memfd_create("bridge_unit", MFD_CLOEXEC);

	if (memfd < 0 || ftruncate(memfd, MEM_SIZE))
		die("memfd");
	uint8_t *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);

	if (mem == MAP_FAILED)
		die("mmap memfd");
	is(fe_mem_table(&f, GPA, GPA, MEM_SIZE, 0, &memfd, 1), 0, "SET_MEM_TABLE with a 64 KiB memfd: reply 0");
	ok(seen.calls == 1 && seen.nregions == 1 && seen.ptr_ok,
	   "mem_changed called once, with the region mapped");
	is(dev.nregions, 1, "one region");
	fill(mem + 0x100, 16, 0x5a);

	uint8_t *p = vu_guest_ptr(&dev, GPA + 0x100, 16);

	ok(p && !memcmp(p, mem + 0x100, 16), "vu_guest_ptr sees what the test wrote through the memfd");
	if (p)
		memcpy(p, "backend wrote me", 16);
	ok(!memcmp(mem + 0x100, "backend wrote me", 16), "and the test sees what the backend wrote");
	ok(vu_guest_ptr(&dev, GPA, MEM_SIZE) != NULL, "vu_guest_ptr of the whole region");
	ok(!vu_guest_ptr(&dev, GPA - 1, 2), "vu_guest_ptr below the region: NULL");
	ok(!vu_guest_ptr(&dev, GPA + MEM_SIZE - 8, 16), "vu_guest_ptr across the end of the region: NULL");
	ok(!vu_guest_ptr(&dev, GPA + MEM_SIZE, 1), "vu_guest_ptr past the region: NULL");
	ok(!vu_guest_ptr(&dev, GPA + 0x100, UINT64_MAX), "vu_guest_ptr with a huge length: NULL");

	/* Ring 0: NUM, BASE, ADDR, CALL, KICK, ENABLE. */
	int kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	int call = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	if (kick < 0 || call < 0)
		die("eventfd");
	fe_state(&f, VU_SET_VRING_NUM, F_NR, 0, 8);
	is(reply_u64(f.sock, VU_SET_VRING_NUM), 0, "SET_VRING_NUM 8: reply 0");
	fe_state(&f, VU_SET_VRING_NUM, F_NR, 5, 8);
	v = reply_u64(f.sock, VU_SET_VRING_NUM);
	ok(v != 0 && v != UINT64_MAX, "SET_VRING_NUM for ring 5: nonzero reply");
	fe_state(&f, VU_SET_VRING_BASE, F_NR, 0, 0);
	is(reply_u64(f.sock, VU_SET_VRING_BASE), 0, "SET_VRING_BASE 0: reply 0");
	is(fe_vring_addr(&f, 0), 0, "SET_VRING_ADDR inside the memfd: reply 0");
	ok(!vu_ready_ring(&dev, 0), "ring not ready before the kick fd");
	fe_u64(&f, VU_SET_VRING_CALL, F_NR, 0, &call, 1);
	is(reply_u64(f.sock, VU_SET_VRING_CALL), 0, "SET_VRING_CALL: reply 0");
	fe_u64(&f, VU_SET_VRING_KICK, F_NR, 0, &kick, 1);
	is(reply_u64(f.sock, VU_SET_VRING_KICK), 0, "SET_VRING_KICK: reply 0");
	ok(!vu_ready_ring(&dev, 0), "ring not ready before SET_VRING_ENABLE (PROTOCOL_FEATURES acked)");
	fe_state(&f, VU_SET_VRING_ENABLE, F_NR, 0, 1);
	is(reply_u64(f.sock, VU_SET_VRING_ENABLE), 0, "SET_VRING_ENABLE 1: reply 0");
	ring = vu_ready_ring(&dev, 0);
	ok(ring != NULL, "ring 0 ready");
	ok(!vu_ready_ring(&dev, 1), "ring 1 not ready");
	if (!ring)
		goto out;
	ok(ring->num == 8 && (void *)ring->desc == vu_guest_ptr(&dev, GPA + DESC3, 128) &&
	   (void *)ring->avail == vu_guest_ptr(&dev, GPA + AVAIL3, 22) &&
	   (void *)ring->used == vu_guest_ptr(&dev, GPA + USED3, 70),
	   "ring bound to the shared memory");

	/* A chain put in the shared memory by the test. */
	drv_init(&d, mem + DESC3, mem + AVAIL3, mem + USED3, 8);
	const struct buf out0 = { GPA + 0x4000, 32 }, in0 = { GPA + 0x5000, 64 };

	fill(mem + 0x4000, 32, 0x11);
	const uint16_t h0 = drv_add(&d, &out0, 1, &in0, 1);
	uint8_t rbuf[64];

	is(vring_split_pending(ring), 1, "chain in shared memory pending");
	ok(vring_split_pop(ring, &c) == 1 && c.head == h0 && c.nout == 1 && c.nin == 1 &&
	   c.out_len == 32 && c.in_len == 64 && c.out[0].ptr == vu_guest_ptr(&dev, GPA + 0x4000, 32),
	   "pop of the chain in shared memory");
	ok(vring_chain_read(&c, 0, rbuf, sizeof(rbuf)) == 32 && !memcmp(rbuf, mem + 0x4000, 32),
	   "chain_read sees the test's data");
	vring_chain_write(&c, 0, "pong", 4);
	ok(!memcmp(mem + 0x5000, "pong", 4), "chain_write lands in the test's memory");
	vring_split_push(ring, c.head, 4);
	ok(d.used->idx == 1 && d.used->ring[0].id == h0 && d.used->ring[0].len == 4,
	   "push is seen in the test's used ring");

	/* Kick and call eventfds. */
	uint64_t ev = 1;

	ok(write(kick, &ev, 8) == 8 && read(kick, &ev, 8) == 8 && ev == 1, "kick eventfd round trip (control)");
	ev = 3;
	if (write(kick, &ev, 8) != 8)
		die("write kick");
	vu_drain_kick(&dev, 0);
	ok(read(kick, &ev, 8) < 0 && errno == EAGAIN, "vu_drain_kick consumed the kick count");
	vu_call(&dev, 0);
	ev = 0;
	ok(read(call, &ev, 8) == 8 && ev == 1, "vu_call wrote 1 to the call eventfd");

	/* GET_VRING_BASE stops the ring and reports the next avail index. */
	const struct buf b1 = { GPA + 0x6000, 8 }, b2 = { GPA + 0x7000, 8 };
	uint16_t h1 = drv_add(&d, NULL, 0, &b1, 1);
	uint16_t h2 = drv_add(&d, NULL, 0, &b2, 1);

	ok(vring_split_pop(ring, &c) == 1 && c.head == h1, "second chain popped");
	vring_split_push(ring, c.head, 0);
	struct msg_state st = { 0, 0 }, rst = { 99, 99 };

	fe_req(&f, VU_GET_VRING_BASE, F_V, &st, sizeof(st), NULL, 0);
	ok(!recv_reply(f.sock, h, &rst, sizeof(rst)) && h[0] == VU_GET_VRING_BASE && h[2] == 8 &&
	   rst.index == 0 && rst.num == 2, "GET_VRING_BASE returns index 0, next avail 2");
	ok(!vu_ready_ring(&dev, 0), "GET_VRING_BASE stopped the ring");

	/* Restart from base 2: the third chain is next. */
	fe_state(&f, VU_SET_VRING_BASE, F_V, 0, 2);
	fe_vring_addr(&f, 0);
	fe_u64(&f, VU_SET_VRING_KICK, F_V, VU_VRING_NOFD_MASK, NULL, 0);
	fe_state(&f, VU_SET_VRING_ENABLE, F_V, 0, 1);
	ring = vu_ready_ring(&dev, 0);
	ok(ring && dev.vrings[0].kick_fd == -1, "ring restarted (kick without fd)");
	if (!ring)
		goto out;
	ok(vring_split_pop(ring, &c) == 1 && c.head == h2 && c.in[0].ptr == vu_guest_ptr(&dev, GPA + 0x7000, 8),
	   "restarted ring pops the chain at avail index 2");
	vring_split_push(ring, c.head, 0);
	is(d.used->idx, 3, "used->idx 3");

	/* The same memory table again while the ring runs. */
	const unsigned int calls = seen.calls;

	is(fe_mem_table(&f, GPA, GPA, MEM_SIZE, 0, &memfd, 1), 0, "SET_MEM_TABLE again: reply 0");
	ok(seen.calls == calls + 2 && seen.nregions == 1, "mem_changed called for the unmap and the map");
	ring = vu_ready_ring(&dev, 0);
	ok(ring && ring->desc == vu_guest_ptr(&dev, GPA + DESC3, 128), "ring rebound to the new mapping");
	if (!ring)
		goto out;
	ok(ring->last_avail == 3 && vring_split_pop(ring, &c) == 0,
	   "remapping the memory keeps the ring position (no chain popped twice)");
	diag("last_avail after the remap: %u", ring->last_avail);

	/* Mismatched descriptor counts are rejected and leak nothing. */
	int fds_before = count_fds();
	int two[2] = { memfd_create("x", MFD_CLOEXEC), memfd_create("y", MFD_CLOEXEC) };

	if (two[0] < 0 || two[1] < 0)
		die("memfd");
	v = fe_mem_table(&f, GPA, GPA, MEM_SIZE, 0, NULL, 0);
	ok(v != 0 && v != UINT64_MAX, "SET_MEM_TABLE with one region and no fd: nonzero reply");
	v = fe_mem_table(&f, GPA, GPA, MEM_SIZE, 0, two, 2);
	ok(v != 0 && v != UINT64_MAX, "SET_MEM_TABLE with one region and two fds: nonzero reply");
	close(two[0]);
	close(two[1]);
	is(count_fds(), fds_before, "the rejected descriptors were closed");
	p = vu_guest_ptr(&dev, GPA + 0x100, 16);
	ok(dev.conn_fd >= 0 && dev.nregions == 1 && p && !memcmp(p, "backend wrote me", 16),
	   "connection and the old memory table survive the rejected messages");

	/* A memory table that no longer covers the ring. */
	v = fe_mem_table(&f, 0x100000, 0x100000, MEM_SIZE, 0, &memfd, 1);
	ok(v != 0 && v != UINT64_MAX, "SET_MEM_TABLE not covering the ring: nonzero reply");
	ok(vu_ready_ring(&dev, 0) == NULL,
	   "a ring outside the new memory table is not ready (no dangling pointers)");

	/* Disconnect. */
	close(f.sock);
	f.sock = -1;
	is(vu_handle_message(&dev), 0, "client closed: vu_handle_message returns 0");
	ok(dev.conn_fd == -1 && dev.nregions == 0 && !vu_ready_ring(&dev, 0) &&
	   !vu_guest_ptr(&dev, 0x100000, 1), "state reset after the disconnect");
	ok(seen.nregions == 0, "mem_changed told about the unmap");
	ok(dev.vrings[0].call_fd == -1 && dev.vrings[0].kick_fd == -1 && dev.backend_req_fd == -1,
	   "ring and backend fds closed");

	/* A new frontend. */
	f.sock = connect_to(path);
	ok(f.sock >= 0 && vu_accept(&dev) == 1, "a new client is accepted");
	fe_req(&f, VU_GET_FEATURES, F_V, NULL, 0, NULL, 0);
	v = reply_u64(f.sock, VU_GET_FEATURES);
	ok(v != UINT64_MAX && (v & (1ull << 32)), "GET_FEATURES on the new connection");
	fe_req(&f, VU_SET_OWNER, F_NR, NULL, 0, NULL, 0);
	ok(!reply_pending(f.sock, 0), "REPLY_ACK forgotten with the old connection");
	fe_u64(&f, VU_SET_PROTOCOL_FEATURES, F_V, 1ull << VU_PROTOCOL_F_REPLY_ACK, NULL, 0);

	/* mmap_offset + size overflowing 64 bits. */
	v = fe_mem_table(&f, GPA, GPA, 0x20000, (uint64_t)-0x10000, &memfd, 1);
	p = vu_guest_ptr(&dev, GPA, 1);
	{
		const struct vu_region *r = &dev.regions[0];
		int inside = !p || (dev.nregions && (uintptr_t)p >= (uintptr_t)r->map &&
				    (uintptr_t)p < (uintptr_t)r->map + r->map_len);

		ok(v != 0 || inside,
		   "SET_MEM_TABLE with mmap_offset + size overflowing is rejected");
	}

	/* A bad header drops the connection. */
	int rc = fe_req(&f, VU_GET_FEATURES, 2, NULL, 0, NULL, 0);

	ok(rc < 0 && dev.conn_fd == -1 && dev.nregions == 0, "bad version in the header: error, connection dropped");
	ok(reply_pending(f.sock, 1000) && recv(f.sock, h, sizeof(h), 0) == 0, "client sees the end of the connection");

out:
	if (f.sock >= 0)
		close(f.sock);
	vu_close(&dev);
	is(dev.listen_fd, (uint64_t)-1, "vu_close closes the listening socket");
	ok(connect_to(path) < 0, "nobody listens after vu_close");
	munmap(mem, MEM_SIZE);
	close(memfd);
	close(kick);
	close(call);
	close(sp[0]);
	is(count_fds(), fds_at_start, "no file descriptors leaked");
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	tap = open_memstream(&tap_buf, &tap_len);
	if (!tap)
		die("open_memstream");
	test_ring_basic();
	test_ring_wrap();
	test_ring_init();
	test_ring_broken();
	test_vhost_user();
	fclose(tap);
	printf("1..%u\n", n_test);
	fwrite(tap_buf, 1, tap_len, stdout);
	free(tap_buf);
	return n_failed ? 1 : 0;
}
