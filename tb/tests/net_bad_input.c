/* SPDX-License-Identifier: MIT */
/* net_bad_input: every bad input of docs/datapath.md. Errors (zero-length descriptor,
 * chain longer than MAX_CHAIN / than the queue, WRITE in a transmit chain, read-only in a
 * receive chain, INDIRECT, id out of range, an outstanding id reused, buffers outside
 * host memory for reads, a receive chain too small without MRG_RXBUF): the device sets
 * DEVICE_NEEDS_RESET and sends the configuration interrupt (§2.1.2), STATS
 * QUEUE_ERRORS counts it, the other direction keeps working, nothing is written outside
 * the given buffers (guard areas), DMA outside host memory shows as a DMA error in the
 * host model (a receive buffer outside host memory is a posted write the device cannot
 * see fail: only the host model's count shows it). Drops (not errors): short, oversized and GSO transmit frames (TX_DROPS,
 * chain returned), a frame with a bad FCS (RX_DROP_ERROR), no receive buffer
 * (RX_DROP_NO_BUFFER). */
#include <string.h>

#include "pktgen.h"
#include "tap.h"
#include "vnet.h"
#include "vionic/dp_consts_regs.h"

#define BAD_ADDR 0x40000000ull	/* outside host memory, BARs and the MSI window */
#define WAIT 300000u

static struct vnet n;
static struct vsim *sim;
static struct vnet_opts opts;

static int rx_one(uint8_t *f, size_t len)
{
	uint8_t r[2048];
	size_t l;
	vsim_eth_send(sim, f, len, 0);
	uint64_t t0 = vsim_cycles(sim);
	while (vsim_cycles(sim) - t0 < 60000) {
		vsim_run(sim, 250);
		if (vnet_rx_poll(&n, 0, r, sizeof(r), &l, NULL) == 1)
			return l == len && !memcmp(r, f, len);
	}
	return 0;
}

static int tx_one(uint8_t *f, size_t len, const struct vnet_hdr *h)
{
	uint8_t w[4096];
	size_t l;
	if (vnet_tx(&n, 0, f, len, h, 1, 1) < 0)
		return 0;
	uint64_t t0 = vsim_cycles(sim);
	while (vsim_cycles(sim) - t0 < 60000) {
		vsim_run(sim, 250);
		if (vsim_eth_recv(sim, w, sizeof(w), &l) == 0)
			return l == len && !memcmp(w, f, len);
	}
	return 0;
}

enum side { TX, RX };
struct bcase {
	const char *name;
	enum side side;
	int dma;	/* expect a DMA error in the host model */
	int frame;	/* inject a frame to trigger it (receive data errors) */
	int posted;	/* the bad access is a posted write: PCIe gives the device no
			 * completion, so it cannot notice (the host model, like an IOMMU,
			 * drops it); expect no queue error, only that nothing hangs */
};

static void apply(int i)
{
	struct vrp *t = &n.tx[0].r, *r = &n.rx[0].r;
	uint64_t txbuf = vsim_mem_alloc(sim, 4096, 64);
	uint8_t f[1000];
	pkt_build_seq(f, sizeof(f), n.cfg.mac, 0, 0);
	vsim_mem_write(sim, txbuf, f, sizeof(f));
	switch (i) {
	case 0: vrp_bad_zero_len(t, txbuf, 0); break;
	case 1: vrp_bad_long_chain(t, 17, txbuf, 0); break;
	case 2: vrp_bad_long_chain(t, t->size + 1u, txbuf, 0); break;
	case 3: vrp_bad_flags(t, 0, txbuf, 200, VRP_F_WRITE); break;
	case 4: vrp_bad_flags(t, 0, txbuf, 200, VRP_F_INDIRECT); break;
	case 5: vrp_bad_flags(t, t->size, txbuf, 200, 0); break;
	case 6: {
		struct vrp_buf b = { BAD_ADDR, 200, 0 };
		vrp_add_chain(t, &b, 1);
		break;
	}
	case 7: vnet_rx_post(&n, 0, 4); vrp_bad_flags(r, (uint16_t)vrp_get_id(r), vnet_rx_buf_addr(&n, 0, 10), 200, 0); break;
	case 8: vnet_rx_post(&n, 0, 4); vrp_bad_zero_len(r, vnet_rx_buf_addr(&n, 0, 10), 1); break;
	case 9: vnet_rx_post(&n, 0, 4); vrp_bad_reuse_id(r, 1, vnet_rx_buf_addr(&n, 0, 10), 200, 1); break;
	case 10: vnet_rx_post(&n, 0, 4); vrp_bad_flags(r, r->size, vnet_rx_buf_addr(&n, 0, 10), 200, VRP_F_WRITE); break;
	case 11: {
		struct vrp_buf b = { BAD_ADDR, 2048, 1 };
		vrp_add_chain(r, &b, 1);
		break;
	}
	case 12: {
		int id = vrp_get_id(r);
		struct vrp_buf b = { vnet_rx_buf_addr(&n, 0, (uint16_t)id), 64, 1 };
		vrp_add(r, (uint16_t)id, &b, 1);
		break;
	}
	case 13: vnet_rx_post(&n, 0, 2); vrp_bad_long_chain(r, 17, vnet_rx_buf_addr(&n, 0, 20), 1); break;
	}
}

int main(void)
{
	static const struct bcase cases[] = {
		{ "TX zero-length descriptor", TX, 0, 0, 0 },
		{ "TX chain of 17 (> MAX_CHAIN)", TX, 0, 0, 0 },
		{ "TX chain longer than the queue", TX, 0, 0, 0 },
		{ "TX descriptor with WRITE", TX, 0, 0, 0 },
		{ "TX descriptor with INDIRECT", TX, 0, 0, 0 },
		{ "TX id = queue size", TX, 0, 0, 0 },
		{ "TX buffer outside host memory", TX, 1, 0, 0 },
		{ "RX read-only descriptor", RX, 0, 0, 0 },
		{ "RX zero-length descriptor", RX, 0, 0, 0 },
		{ "RX reuse of an outstanding id", RX, 0, 0, 0 },
		{ "RX id = queue size", RX, 0, 0, 0 },
		{ "RX buffer outside host memory", RX, 1, 1, 1 },
		{ "RX chain too small without MRG_RXBUF", RX, 0, 1, 0 },
		{ "RX chain of 17 (> MAX_CHAIN)", RX, 0, 0, 0 },
	};
	vnet_default_opts(&opts);
	opts.no_rx_refill = 1;
	sim = vnet_test_bringup(&n, NULL, NULL, VSIM_ETH_CAPTURE);
	if (!sim)
		return 1;

	/* ---- drops that are not errors */
	int rc = vnet_init(&n, &opts);
	if (!tap_ok(rc == 0, "bring-up (%s)", rc ? n.err : "ok"))
		return tap_done();
	vnet_rx_refill(&n, 0);
	struct vnet_stats s0, s1;
	uint8_t f[2100];
	vnet_read_stats(&n, &s0);
	pkt_build_seq(f, 13, n.cfg.mac, 0, 1);
	tap_ok(!tx_one(f, 13, NULL), "TX frame of 13 bytes not sent");
	pkt_build_seq(f, 2000, n.cfg.mac, 0, 2);
	tap_ok(!tx_one(f, 2000, NULL), "TX frame of 2000 bytes (> MTU + 14) not sent");
	struct vnet_hdr g = { 0 };
	g.gso_type = 1;	/* TCPv4 */
	g.gso_size = 500;
	pkt_build_seq(f, 1000, n.cfg.mac, 0, 3);
	tap_ok(!tx_one(f, 1000, &g), "TX frame with gso_type TCPV4 not sent");
	vsim_run(sim, 5000);
	vnet_tx_reap(&n, 0);
	vnet_read_stats(&n, &s1);
	TAP_EQ(s1.tx_drops - s0.tx_drops, 3, "TX_DROPS counts the 3 dropped frames");
	TAP_EQ(vrp_in_flight(&n.tx[0].r), 0, "dropped TX chains returned");
	pkt_build_seq(f, 500, n.cfg.mac, 0, 4);
	tap_ok(tx_one(f, 500, NULL), "a good TX frame after the drops");
	vnet_read_stats(&n, &s0);
	pkt_build_seq(f, 300, n.cfg.mac, 0, 5);
	vsim_eth_send(sim, f, 300, 1);
	vsim_run(sim, 20000);
	uint8_t rb[2048];
	size_t rl;
	tap_ok(vnet_rx_poll(&n, 0, rb, sizeof(rb), &rl, NULL) == 0, "RX frame with a bad FCS (tuser) not delivered");
	vnet_read_stats(&n, &s1);
	TAP_EQ(s1.rx_drop_error - s0.rx_drop_error, 1, "RX_DROP_ERROR +1");
	tap_ok(rx_one(f, 300), "a good RX frame after it");
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "drops are not errors: no DEVICE_NEEDS_RESET");
	/* no buffers */
	opts.no_rx_refill = 1;
	rc = vnet_init(&n, &opts);
	vnet_read_stats(&n, &s0);
	pkt_build_seq(f, 300, n.cfg.mac, 0, 6);
	vsim_eth_send(sim, f, 300, 0);
	vsim_run(sim, 30000);
	vnet_read_stats(&n, &s1);
	TAP_EQ(s1.rx_drop_no_buffer - s0.rx_drop_no_buffer, 1, "RX frame with no buffer posted: RX_DROP_NO_BUFFER +1");
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no buffer is not an error");

	/* ---- errors */
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bcase *c = &cases[i];
		rc = vnet_init(&n, &opts);
		if (!tap_ok(rc == 0, "%s: bring-up (%s)", c->name, rc ? n.err : "ok"))
			continue;
		if (c->side == TX)
			vnet_rx_refill(&n, 0);
		vnet_poll_msi(&n);
		uint64_t cfg0 = n.msi_config;
		struct vsim_stats v0, v1;
		vsim_get_stats(sim, &v0);
		vnet_read_stats(&n, &s0);
		if (i == 12)
			vnet_rx_fill(&n, 0, 0x77);
		apply((int)i);
		vrp_notify(c->side == TX ? &n.tx[0].r : &n.rx[0].r);
		if (c->frame) {
			pkt_build_seq(f, 1000, n.cfg.mac, 0, 7);
			vsim_eth_send(sim, f, 1000, 0);
		}
		uint64_t t0 = vsim_cycles(sim);
		uint8_t st = 0;
		while (vsim_cycles(sim) - t0 < WAIT) {
			vsim_run(sim, 500);
			st = vnet_status(&n);
			if (st & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET)
				break;
		}
		vsim_run(sim, 20000);
		vnet_poll_msi(&n);
		vnet_read_stats(&n, &s1);
		if (c->posted) {
			tap_ok(!(st & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET),
			       "%s: a dropped posted write is invisible to the device (status 0x%02x)", c->name, st);
			TAP_EQ(s1.queue_errors, s0.queue_errors, "%s: no queue error", c->name);
		} else {
			tap_ok(st & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, "%s: DEVICE_NEEDS_RESET (status 0x%02x)",
			       c->name, st);
			tap_ok(n.msi_config > cfg0, "%s: configuration interrupt", c->name);
			tap_ok(s1.queue_errors > s0.queue_errors, "%s: STATS QUEUE_ERRORS %u -> %u", c->name,
			       s0.queue_errors, s1.queue_errors);
		}
		vsim_get_stats(sim, &v1);
		if (c->dma)
			tap_ok(v1.dma_errors > v0.dma_errors, "%s: the host saw the DMA outside its memory", c->name);
		TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "%s: no write outside the RX buffers", c->name);
		if (i == 12) {
			/* the chain was 64 bytes: the rest of the memory behind it must be untouched */
			static uint8_t tail[4096];
			uint32_t bs = n.rx[0].buf_size;
			vsim_mem_read(sim, vnet_rx_buf_addr(&n, 0, 0) + 64, tail, bs - 64);
			unsigned int bad = 0;
			for (uint32_t k = 0; k < bs - 64; k++)
				bad += tail[k] != 0x77;
			TAP_EQ(bad, 0, "%s: nothing written beyond the 64-byte chain", c->name);
		}
		/* the other direction keeps going */
		if (c->side == TX) {
			pkt_build_seq(f, 400, n.cfg.mac, 0, 8);
			tap_ok(rx_one(f, 400), "%s: receiveq 0 still delivers", c->name);
		} else {
			pkt_build_seq(f, 400, n.cfg.mac, 0, 9);
			tap_ok(tx_one(f, 400, NULL), "%s: transmitq 0 still sends", c->name);
		}
		TAP_EQ(n.tx[0].r.bad_used + n.rx[0].r.bad_used, 0, "%s: no used descriptor with a bad id", c->name);
	}
	rc = vnet_init(&n, &opts);
	tap_ok(rc == 0, "reset and re-init after the errors (%s)", rc ? n.err : "ok");
	vnet_rx_refill(&n, 0);
	pkt_build_seq(f, 600, n.cfg.mac, 0, 10);
	tap_ok(rx_one(f, 600), "traffic works after the re-init");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
