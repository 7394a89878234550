// SPDX-License-Identifier: MIT
/*
 * pcidev.c - virtio_pcidev operations on the simulated device; see pcidev.h.
 */
#define _GNU_SOURCE	/* clock_gettime */
#include "pcidev.h"

#include <linux/pci_regs.h>
#include <linux/virtio_pcidev.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* VIRTIO 1.x feature bit 32: the frontend's split rings use the modern layout. */
#define PCIDEV_F_VERSION_1 (1ull << 32)
#define PCIDEV_MAX_ACCESS 4096	/* largest memcpy_fromio/toio handled at once */
#define CMD_RING 0
#define IRQ_RING 1

static void attach_memory(struct vu_dev *vu, void *opaque)
{
	struct pcidev *d = opaque;
	struct vsim_mem_region r[VU_MAX_REGIONS];

	for (unsigned int i = 0; i < vu->nregions; i++) {
		r[i].addr = vu->regions[i].guest_addr;
		r[i].size = vu->regions[i].size;
		r[i].ptr = vu->regions[i].map + vu->regions[i].mmap_offset;
	}
	if (vsim_mem_attach(d->sim, r, vu->nregions))
		fprintf(stderr, "vionic-bridge: %s: cannot attach kernel memory\n", d->name);
}

int pcidev_init(struct pcidev *d, const char *name, const char *socket_path, struct vsim *sim,
		unsigned int func, int verbose)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->sim = sim;
	d->func = func;
	d->vu.name = name;
	d->vu.verbose = verbose;
	d->vu.mem_changed = attach_memory;
	d->vu.opaque = d;
	return vu_listen(&d->vu, socket_path, PCIDEV_F_VERSION_1);
}

void pcidev_close(struct pcidev *d)
{
	vu_close(&d->vu);
}

/* ---- configuration space */

static int cfg_access(struct pcidev *d, int write, uint64_t off, unsigned int size, uint64_t *v)
{
	if (!(size == 1 || size == 2 || size == 4 || size == 8) || off % size || off + size > 4096)
		return -1;
	if (write && off < PCI_BASE_ADDRESS_5 + 4 && off + size > PCI_BASE_ADDRESS_0)
		d->bars_known = 0;	/* the kernel moved a BAR: look again */
	for (unsigned int done = 0; done < size; done += 4) {
		const unsigned int n = size < 4 ? size : 4;
		uint32_t w = (uint32_t)(*v >> (8 * done));
		int rc = write ? vsim_cfg_write(d->sim, d->func, (unsigned int)off + done, n, w)
			       : vsim_cfg_read(d->sim, d->func, (unsigned int)off + done, n, &w);

		if (rc)
			return rc;
		if (!write)
			*v |= (uint64_t)w << (8 * done);
	}
	return 0;
}

/* ---- BARs: the kernel names a BAR and an offset; the simulated root complex uses
 * the address the kernel programmed into it. */

static int bar_base(struct pcidev *d, unsigned int bar, uint64_t *base)
{
	if (bar >= 6)
		return -1;
	if (!d->bars_known) {
		for (unsigned int i = 0; i < 6; i++) {
			uint32_t lo = 0, hi = 0;

			d->bar_base[i] = 0;
			if (vsim_cfg_read(d->sim, d->func, PCI_BASE_ADDRESS_0 + 4 * i, 4, &lo))
				return -1;
			if (lo & PCI_BASE_ADDRESS_SPACE_IO)
				continue;
			d->bar_base[i] = lo & PCI_BASE_ADDRESS_MEM_MASK;
			if ((lo & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i < 5) {
				if (vsim_cfg_read(d->sim, d->func, PCI_BASE_ADDRESS_0 + 4 * (i + 1), 4, &hi))
					return -1;
				d->bar_base[i] |= (uint64_t)hi << 32;
				i++;
			}
		}
		d->bars_known = 1;
	}
	*base = d->bar_base[bar];
	return *base ? 0 : -1;
}

/* Splits [addr, addr + len) into naturally aligned accesses of 1, 2, 4 or 8 bytes. */
static unsigned int chunk_size(uint64_t addr, size_t left)
{
	unsigned int n = 8;

	while (n > 1 && (addr % n || n > left))
		n >>= 1;
	return n;
}

static double wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int mmio_read(struct pcidev *d, uint64_t base, uint64_t off, uint8_t *buf, size_t len)
{
	const double start_ms = wall_ms();
	int err = 0;

	for (size_t done = 0; done < len;) {
		const uint64_t a = base + off + done;
		const unsigned int n = chunk_size(a, len - done);
		uint64_t v = ~0ull;
		const uint64_t t0 = vsim_cycles(d->sim);

		if (vsim_mmio_read(d->sim, a, n, &v)) {
			v = ~0ull;	/* PCIe: a failed read returns all ones */
			err = -1;
		}
		const uint64_t t = vsim_cycles(d->sim) - t0;

		if (t > d->stats.max_read_cycles)
			d->stats.max_read_cycles = t;
		if (d->vu.verbose && t > 2000)
			fprintf(stderr, "vionic-bridge: %s: read of %u at 0x%llx took %llu cycles\n",
				d->name, n, (unsigned long long)a, (unsigned long long)t);
		for (unsigned int i = 0; i < n; i++)
			buf[done + i] = (uint8_t)(v >> (8 * i));
		done += n;
	}
	/* The kernel waits for the whole request: virt-pci gives it 40000 x udelay(1). */
	const double took_ms = wall_ms() - start_ms;

	if (took_ms > d->stats.max_read_ms)
		d->stats.max_read_ms = took_ms;
	return err;
}

static void mmio_write(struct pcidev *d, uint64_t base, uint64_t off, const uint8_t *buf,
		       size_t len, int memset_byte)
{
	for (size_t done = 0; done < len;) {
		const uint64_t a = base + off + done;
		const unsigned int n = chunk_size(a, len - done);
		uint64_t v = 0;

		for (unsigned int i = 0; i < n; i++)
			v |= (uint64_t)(memset_byte >= 0 ? (uint8_t)memset_byte : buf[done + i]) << (8 * i);
		vsim_mmio_write(d->sim, a, n, v);
		done += n;
	}
}

/* ---- the cmd ring */

static uint32_t run_command(struct pcidev *d, const struct vring_chain *c)
{
	struct virtio_pcidev_msg hdr;
	uint8_t data[PCIDEV_MAX_ACCESS];
	uint8_t out[PCIDEV_MAX_ACCESS];
	const size_t have = c->out_len > sizeof(hdr) ? c->out_len - sizeof(hdr) : 0;

	if (vring_chain_read(c, 0, &hdr, sizeof(hdr)) != sizeof(hdr)) {
		d->stats.bad_requests++;
		return 0;
	}
	const size_t nd = have < sizeof(data) ? have : sizeof(data);

	vring_chain_read(c, sizeof(hdr), data, nd);
	const size_t size = hdr.size;
	uint64_t v = 0, base = 0;

	switch (hdr.op) {
	case VIRTIO_PCIDEV_OP_CFG_READ:
		d->stats.cfg_reads++;
		if (size > 8 || cfg_access(d, 0, hdr.addr, (unsigned int)size, &v)) {
			d->stats.read_errors++;
			v = ~0ull;
		}
		memcpy(out, &v, 8);
		return (uint32_t)vring_chain_write(c, 0, out, size < 8 ? size : 8);
	case VIRTIO_PCIDEV_OP_CFG_WRITE:
		/* Linux 6.1 sends memset_io() on a BAR as CFG_WRITE with a one-byte
		 * payload and the BAR set (um_pci_bar_set); a config write always carries
		 * size bytes. */
		if (size > 1 && nd == 1) {
			d->stats.mmio_memsets++;
			if (bar_base(d, hdr.bar, &base) == 0 && size <= PCIDEV_MAX_ACCESS)
				mmio_write(d, base, hdr.addr, NULL, size, data[0]);
			else
				d->stats.bad_requests++;
			return 0;
		}
		d->stats.cfg_writes++;
		if (size > 8 || nd < size) {
			d->stats.bad_requests++;
			return 0;
		}
		memcpy(&v, data, size);
		cfg_access(d, 1, hdr.addr, (unsigned int)size, &v);
		return 0;
	case VIRTIO_PCIDEV_OP_MMIO_READ:
		d->stats.mmio_reads++;
		if (size > sizeof(out) || size > c->in_len || bar_base(d, hdr.bar, &base)) {
			d->stats.bad_requests++;
			memset(out, 0xff, sizeof(out));
			return (uint32_t)vring_chain_write(c, 0, out, size < c->in_len ? size : c->in_len);
		}
		if (mmio_read(d, base, hdr.addr, out, size))
			d->stats.read_errors++;
		return (uint32_t)vring_chain_write(c, 0, out, size);
	case VIRTIO_PCIDEV_OP_MMIO_WRITE:
	case VIRTIO_PCIDEV_OP_MMIO_MEMSET: {
		const int is_memset = hdr.op == VIRTIO_PCIDEV_OP_MMIO_MEMSET;

		if (is_memset)
			d->stats.mmio_memsets++;
		else
			d->stats.mmio_writes++;
		if (size > PCIDEV_MAX_ACCESS || nd < (is_memset ? 1 : size) ||
		    bar_base(d, hdr.bar, &base)) {
			d->stats.bad_requests++;
			return 0;
		}
		mmio_write(d, base, hdr.addr, data, size, is_memset ? data[0] : -1);
		return 0;
	}
	default:
		d->stats.bad_requests++;
		fprintf(stderr, "vionic-bridge: %s: unknown virtio_pcidev op %u\n", d->name, hdr.op);
		return 0;
	}
}

static int service_cmds(struct pcidev *d)
{
	struct vring_split *vr = vu_ready_ring(&d->vu, CMD_RING);
	struct vring_chain c;
	int handled = 0, notify = 0;

	if (!vr)
		return 0;
	const unsigned int backlog = vring_split_backlog(vr);

	if (backlog > d->stats.max_cmd_backlog && backlog <= vr->num)
		d->stats.max_cmd_backlog = backlog;
	while (vring_split_pop(vr, &c) > 0) {
		const uint32_t len = run_command(d, &c);

		notify |= vring_split_push(vr, c.head, len);
		handled++;
	}
	if (vr->broken && d->broken_why != vr->why) {
		d->broken_why = vr->why;
		fprintf(stderr, "vionic-bridge: %s: cmd ring: %s\n", d->name, vr->why);
	}
	if (notify)
		vu_call(&d->vu, CMD_RING);
	return handled;
}

/* ---- interrupts */

static void collect_msis(struct pcidev *d)
{
	struct vsim_msi m;

	while (vsim_msi_pending(d->sim) && vsim_wait_msi(d->sim, 0, &m) == 0) {
		if (m.addr != PCIDEV_UML_MSI_ADDR) {
			d->stats.msi_bad_addr++;
			continue;
		}
		if (d->msi_count == PCIDEV_MSI_QUEUE) {
			/* Never happens with 32 vectors unless the kernel stops taking them;
			 * the oldest is merged away (an MSI is an edge: repeats carry nothing). */
			d->msi_head = (d->msi_head + 1) % PCIDEV_MSI_QUEUE;
			d->msi_count--;
		}
		d->msi_queue[(d->msi_head + d->msi_count) % PCIDEV_MSI_QUEUE] = m.data;
		d->msi_count++;
		if (d->msi_count > d->stats.max_msi_backlog)
			d->stats.max_msi_backlog = d->msi_count;
	}
}

static int deliver_msis(struct pcidev *d)
{
	struct vring_split *vr = vu_ready_ring(&d->vu, IRQ_RING);
	struct vring_chain c;
	int notify = 0, n = 0;

	if (!vr)
		return 0;
	while (d->msi_count && vring_split_pop(vr, &c) > 0) {
		struct {
			struct virtio_pcidev_msg hdr;
			uint32_t data;
		} __attribute__((packed)) msg = {
			.hdr = { .op = VIRTIO_PCIDEV_OP_MSI, .size = 4, .addr = PCIDEV_UML_MSI_ADDR },
			.data = d->msi_queue[d->msi_head],
		};
		const size_t len = vring_chain_write(&c, 0, &msg, sizeof(msg));

		notify |= vring_split_push(vr, c.head, (uint32_t)len);
		if (len == sizeof(msg)) {
			d->stats.msis++;
			d->msi_head = (d->msi_head + 1) % PCIDEV_MSI_QUEUE;
			d->msi_count--;
			n++;
		} else {
			d->stats.bad_requests++;	/* a buffer too small to hold it */
		}
	}
	if (notify)
		vu_call(&d->vu, IRQ_RING);
	return n;
}

int pcidev_service(struct pcidev *d)
{
	if (d->vu.conn_fd < 0)
		return 0;
	int n = service_cmds(d);

	collect_msis(d);
	return n + deliver_msis(d);
}
