/* SPDX-License-Identifier: MIT */
/* net_ring_edges: queue sizes 1, 3, 7, 100 (not a power of 2), 256 and mixes, for TX and
 * RX: the driver fills the whole ring (exact full-ring wrap), 2- and 3-descriptor chains
 * cross the ring end, many laps so both wrap counters flip several times. */
#include "tap.h"
#include "vnet.h"

struct ecase {
	uint16_t tx, rx;
	unsigned int nseg;
};

int main(void)
{
	static const struct ecase cases[] = {
		{ 1, 1, 1 }, { 3, 3, 1 }, { 3, 3, 2 }, { 7, 7, 3 }, { 7, 3, 2 }, { 3, 7, 3 },
		{ 100, 100, 3 }, { 256, 256, 1 }, { 256, 1, 2 }, { 1, 256, 1 },
	};
	struct vnet n;
	struct vsim *sim = vnet_test_bringup(&n, NULL, NULL, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ecase *c = &cases[i];
		struct vnet_opts o;
		vnet_default_opts(&o);
		o.tx_qsize = c->tx;
		o.rx_qsize = c->rx;
		int rc = vnet_init(&n, &o);
		if (!tap_ok(rc == 0, "TX %u RX %u: bring-up (%s)", c->tx, c->rx, rc ? n.err : "ok"))
			continue;
		TAP_EQ(n.tx[0].r.size, c->tx, "TX %u RX %u: transmit queue size", c->tx, c->rx);
		unsigned int nseg = c->nseg > c->tx ? c->tx : c->nseg;
		struct vnet_traffic t;
		vnet_traffic_init(&t);
		t.nseg = nseg;
		t.size_min = 14 + nseg;
		t.size_max = 600;
		/* enough laps that every slot is used several times with both wrap values */
		t.packets = 3u * (c->tx > c->rx ? c->tx : c->rx) + 13;
		if (t.packets > 300)
			t.packets = 300;
		if (c->rx < 8) {
			t.burst = 1;	/* a tiny receive ring: one frame in flight at a time */
			t.step_cycles = 4000;
		}
		t.seed = 100 + i;
		rc = vnet_traffic_run(&n, &t);
		tap_ok(rc == 1 && !t.bad && !t.wrong_len && !t.out_of_order,
		       "TX %u RX %u, %u-descriptor chains: %llu/%llu frames intact and in order (%s)", c->tx, c->rx,
		       nseg, (unsigned long long)t.frames_received, (unsigned long long)t.frames_sent,
		       rc == 1 ? "done" : t.err);
		vsim_run(sim, 3000);
		vnet_tx_reap(&n, 0);
		tap_ok(vrp_in_flight(&n.tx[0].r) == 0 && !n.tx[0].r.bad_used && !n.rx[0].r.bad_used,
		       "TX %u RX %u: all chains back, no bad ids (%s%s)", c->tx, c->rx, n.tx[0].r.err, n.rx[0].r.err);
		TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "TX %u RX %u: no write outside RX buffers", c->tx, c->rx);
		TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0,
		       "TX %u RX %u: no DEVICE_NEEDS_RESET", c->tx, c->rx);
	}
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
