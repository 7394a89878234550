/* SPDX-License-Identifier: MIT */
/* net_in_order: VIRTIO_F_IN_ORDER (§2.8 "In-order use of descriptors"). TX -> Ethernet
 * loopback -> RX with random frame sizes and chains of 1 and 3 descriptors, with a slow
 * upstream link so used write-back backs up and (1-descriptor chains) transmit batches
 * form: the device then
 * writes one used descriptor per transmit batch (the last buffer id, at the batch's
 * first slot) and the driver retires the skipped chains in order. Every frame intact
 * and in order, every TX chain returned once, receive buffers each with their own used
 * descriptor (no receive errors), fewer transmit used writes than frames. */
#include <string.h>

#include "tap.h"
#include "tb_sim.h"
#include "vnet.h"

static void run_case(unsigned int nseg, double link_gbps)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	vnet_want(&o, VNET_F(IN_ORDER));
	vnet_want(&o, VNET_F(EVENT_IDX));
	struct vsim_config cfg;
	tb_config(&cfg);
	cfg.link_gbps = link_gbps;
	cfg.eth_gbps = 100;
	char tag[64];
	snprintf(tag, sizeof(tag), "%u-descriptor chains, link %.0f Gb/s", nseg, link_gbps);
	struct vsim *sim = vnet_test_bringup(&n, &cfg, NULL, VSIM_ETH_LOOPBACK);
	if (!sim) {
		tap_ok(0, "%s: simulator and probe", tag);
		return;
	}
	int rc = vnet_init(&n, &o);
	if (!tap_ok(rc == 0, "%s: bring-up (%s)", tag, rc ? n.err : "ok"))
		goto out;
	if (!vnet_has(&n, VNET_F(IN_ORDER))) {
		tap_skip("device does not offer IN_ORDER", "%s: traffic", tag);
		goto out;
	}
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.size_min = 60;
	t.size_max = 1514;
	t.packets = 600;
	t.nseg = nseg;
	t.seed = 11 + nseg;
	/* The upstream link (8 Gb/s) drains receive far slower than transmit fills the
	 * wire: keep what is in flight within net_rx's 32 KiB frame FIFO (FIFO_BYTES), or
	 * frames are dropped at the port (RX_DROP_NO_BUFFER), which this test is not about */
	t.max_inflight = 16;
	rc = vnet_traffic_run(&n, &t);
	tap_ok(rc == 1, "%s: %llu frames sent, %llu received (%s)", tag, (unsigned long long)t.frames_sent,
	       (unsigned long long)t.frames_received, rc == 1 ? "done" : t.err);
	TAP_EQ(t.bad + t.wrong_len + t.out_of_order, 0, "%s: every frame intact, of its length, in order", tag);
	TAP_EQ(n.rx[0].errors, 0, "%s: no receive errors (every receive buffer has its used descriptor)", tag);
	vsim_run(sim, 5000);
	int tx = vnet_tx_reap(&n, 0);
	struct vrp *r = &n.tx[0].r;
	tap_ok(tx >= 0 && vrp_in_flight(r) == 0 && !r->bad_used, "%s: every TX chain returned once, in order (%s)",
	       tag, tx < 0 || r->bad_used ? r->err : "ok");
	tap_diag("%s: %llu TX chains retired without their own used descriptor", tag,
		 (unsigned long long)r->io_skipped);
	/* Batches form when used entries arrive faster than the write engine takes them;
	 * with 1-descriptor chains at 8 Gb/s they do. Longer chains arrive further apart
	 * (they show no batch here: measured 0 skipped at 3 and 8 Gb/s); multi-descriptor
	 * in-order batches are covered by the vq_used block test. */
	if (nseg == 1)
		tap_ok(r->io_skipped > 0, "%s: transmit batches written as one used descriptor (%llu chains skipped)",
		       tag, (unsigned long long)r->io_skipped);
	TAP_EQ(n.rx[0].r.io_skipped, 0, "%s: receive used descriptors are never skipped", tag);
	TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "%s: no byte written outside the RX buffers", tag);
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "%s: no DEVICE_NEEDS_RESET", tag);
	struct vsim_stats st;
	vsim_get_stats(sim, &st);
	TAP_EQ(st.dma_errors + st.protocol_errors, 0, "%s: no DMA outside host memory, no protocol errors", tag);
out:
	vnet_close(&n);
	vsim_destroy(sim);
}

int main(void)
{
	/* slow upstream links: receive data and used writes queue in the write engine */
	run_case(1, 8);
	run_case(3, 8);
	return tap_done();
}
