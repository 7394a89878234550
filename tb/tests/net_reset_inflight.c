/* SPDX-License-Identifier: MIT */
/* net_reset_inflight: device reset and queue_reset (RING_RESET) while frames are in
 * flight: the reset completes, nothing is written afterwards to the buffers the driver
 * got back (filled with a pattern after the reset and checked after a while), no
 * interrupt for a reset queue, then re-initialisation and traffic work again
 * (VIRTIO 1.3 §2.4, §4.1.4.3.2). */
#include <string.h>

#include "pktgen.h"
#include "tap.h"
#include "vnet.h"

#define PATTERN 0x5c

/* Queues frames on txq 0 and runs `cycles` so some are in flight. */
static void start_traffic(struct vnet *n, unsigned int frames, uint64_t cycles)
{
	uint8_t f[1600];
	for (unsigned int i = 0; i < frames; i++) {
		pkt_build_seq(f, 1500, n->cfg.mac, 0, 100000 + i);
		if (vnet_tx(n, 0, f, 1500, NULL, 1, 0) < 0)
			break;
	}
	vnet_tx_kick(n, 0);
	vsim_run(n->sim, cycles);
}

static int traffic_ok(struct vnet *n, const char *what)
{
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.packets = 100;
	t.size_min = 60;
	t.size_max = 1514;
	int rc = vnet_traffic_run(n, &t);
	return tap_ok(rc == 1 && !t.bad && !t.wrong_len && !t.out_of_order, "%s: %llu/%llu frames intact (%s)", what,
		      (unsigned long long)t.frames_received, (unsigned long long)t.frames_sent,
		      rc == 1 ? "done" : t.err);
}

int main(void)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	vnet_want(&o, VNET_F(RING_RESET));
	struct vsim *sim = vnet_test_bringup(&n, NULL, &o, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	traffic_ok(&n, "before any reset");

	for (int round = 0; round < 2; round++) {
		start_traffic(&n, 150, round ? 300 : 2000);
		vnet_poll_msi(&n);
		int rc = vnet_reset(&n);
		tap_ok(rc == 0, "round %d: device reset with frames in flight completes (%s)", round, rc ? n.err : "ok");
		struct vnet_q *rq = &n.rx[0];
		vnet_rx_fill(&n, 0, PATTERN);
		/* TX buffers and the rings too: nothing may be read-modified either */
		uint8_t ring_before[256 * 16], ring_after[256 * 16];
		vsim_mem_read(sim, rq->vq.desc, ring_before, (size_t)rq->vq.size * 16);
		vnet_poll_msi(&n);
		uint64_t m0 = n.msi_total;
		vsim_run(sim, 200000);
		vnet_poll_msi(&n);
		TAP_EQ(vnet_rx_count_changed(&n, 0, PATTERN), 0, "round %d: no byte written to RX buffers after the reset", round);
		vsim_mem_read(sim, rq->vq.desc, ring_after, (size_t)rq->vq.size * 16);
		tap_ok(!memcmp(ring_before, ring_after, (size_t)rq->vq.size * 16),
		       "round %d: no used descriptor written after the reset", round);
		TAP_EQ(n.msi_total - m0, 0, "round %d: no interrupt after the reset", round);
		TAP_EQ(vnet_status(&n), 0, "round %d: device_status stays 0", round);
		rc = vnet_reinit(&n);
		tap_ok(rc == 0, "round %d: re-initialisation (%s)", round, rc ? n.err : "ok");
		traffic_ok(&n, "after the device reset");
	}

	if (!vnet_has(&n, VNET_F(RING_RESET))) {
		tap_skip("RING_RESET not offered", "queue_reset with frames in flight");
	} else {
		for (int which = 0; which < 2; which++) {
			unsigned int idx = which ? vnet_txq_index(0) : vnet_rxq_index(0);
			const char *name = which ? "transmitq 0" : "receiveq 0";
			start_traffic(&n, 150, 1500);
			int rc = vnet_queue_reset(&n, idx);
			tap_ok(rc == 0, "queue_reset of %s with frames in flight completes (%s)", name, rc ? n.err : "ok");
			if (!which) {
				vnet_rx_fill(&n, 0, PATTERN);
				vsim_run(sim, 200000);
				TAP_EQ(vnet_rx_count_changed(&n, 0, PATTERN), 0,
				       "queue_reset of %s: no byte written to its buffers afterwards", name);
			} else {
				vsim_run(sim, 200000);
			}
			TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0,
			       "queue_reset of %s: no DEVICE_NEEDS_RESET", name);
			/* drain what the other queue still has, then bring the reset queue back */
			uint8_t b[2048];
			size_t l;
			if (which)
				while (vnet_rx_poll(&n, 0, b, sizeof(b), &l, NULL) == 1)
					;
			else
				vnet_tx_reap(&n, 0);
			rc = vnet_queue_reenable(&n, idx);
			tap_ok(rc == 0, "%s re-enabled (%s)", name, rc ? n.err : "ok");
			if (which) {
				/* the receive side may still hold some of the old frames: drain */
				vsim_run(sim, 50000);
				while (vnet_rx_poll(&n, 0, b, sizeof(b), &l, NULL) == 1)
					;
			}
			traffic_ok(&n, which ? "after queue_reset of transmitq 0" : "after queue_reset of receiveq 0");
		}
	}
	TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "no write outside RX buffers");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
