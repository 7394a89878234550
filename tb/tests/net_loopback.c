/* SPDX-License-Identifier: MIT */
/* net_loopback: TX -> Ethernet loopback -> RX with random frame sizes 14..1514, without
 * and with MRG_RXBUF (small receive buffers, frames spread over several); every frame
 * intact, of the sent length and in order; STATS and link counters agree; nothing
 * written outside the receive buffers; every DMA read on m_rqr. */
#include <string.h>

#include "tap.h"
#include "tb_sim.h"
#include "vnet.h"

static void run_case(int mrg)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	if (mrg) {
		vnet_want(&o, VNET_F(NET_MRG_RXBUF));
		o.rx_buf_size = 256;	/* 1514 + 12 bytes take 6 buffers */
	}
	/* A data-integrity test: loopback at 80 Gb/s. At 100 Gb/s both directions
	 * together use ~95 % of the Gen3 x16 model's upstream bandwidth and a burst
	 * of large frames can overflow the receive FIFO (counted drops; see the
	 * throughput figures in docs/bench.md). */
	struct vsim_config cfg;
	tb_config(&cfg);
	cfg.eth_gbps = 80;
	struct vsim *sim = vnet_test_bringup(&n, &cfg, NULL, VSIM_ETH_LOOPBACK);
	if (!sim) {
		tap_ok(0, "%s: simulator and probe", mrg ? "MRG_RXBUF" : "no MRG_RXBUF");
		return;
	}
	const char *tag = mrg ? "MRG_RXBUF" : "no MRG_RXBUF";
	int rc = vnet_init(&n, &o);
	if (!tap_ok(rc == 0, "%s: bring-up (%s)", tag, rc ? n.err : "ok"))
		goto out;
	if (mrg && !vnet_has(&n, VNET_F(NET_MRG_RXBUF))) {
		tap_skip("device does not offer MRG_RXBUF", "%s: traffic", tag);
		goto out;
	}
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.size_min = 14;
	t.size_max = 1514;
	t.packets = 400;
	t.seed = mrg ? 7 : 3;
	rc = vnet_traffic_run(&n, &t);
	tap_ok(rc == 1, "%s: %llu frames sent, %llu received (%s)", tag, (unsigned long long)t.frames_sent,
	       (unsigned long long)t.frames_received, rc == 1 ? "done" : t.err);
	TAP_EQ(t.bad, 0, "%s: every frame intact (pattern, CRC)", tag);
	TAP_EQ(t.wrong_len, 0, "%s: every frame has the length sent", tag);
	TAP_EQ(t.out_of_order, 0, "%s: frames in order, none lost", tag);
	TAP_EQ(n.rx[0].errors, 0, "%s: no receive errors (used len < header, num_buffers)", tag);
	vsim_run(sim, 2000);
	int tx = vnet_tx_reap(&n, 0);
	tap_ok(tx >= 0 && vrp_in_flight(&n.tx[0].r) == 0, "%s: every TX chain returned once (%s)", tag,
	       tx < 0 ? n.err : "ok");
	TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "%s: no byte written in the guard areas around RX buffers", tag);
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "%s: no DEVICE_NEEDS_RESET", tag);
	struct vnet_stats s;
	vnet_read_stats(&n, &s);
	TAP_EQ(s.tx_packets, t.frames_sent, "%s: STATS TX_PACKETS", tag);
	TAP_EQ(s.rx_packets, t.frames_received, "%s: STATS RX_PACKETS", tag);
	TAP_EQ(s.tx_bytes, t.bytes_sent, "%s: STATS TX_BYTES", tag);
	TAP_EQ(s.rx_bytes, t.bytes_received, "%s: STATS RX_BYTES", tag);
	tap_diag("%s: drops: rx no-buffer %llu, filtered %llu, error %llu, tx %llu", tag,
		 (unsigned long long)s.rx_drop_no_buffer, (unsigned long long)s.rx_drop_filtered,
		 (unsigned long long)s.rx_drop_error, (unsigned long long)s.tx_drops);
	TAP_EQ(s.rx_drop_no_buffer + s.rx_drop_filtered + s.rx_drop_error + s.tx_drops, 0, "%s: no drops", tag);
	struct vsim_eth_stats es;
	vsim_eth_get_stats(sim, &es);
	TAP_EQ(es.tx_frames, t.frames_sent, "%s: frames on m_eth_tx", tag);
	TAP_EQ(es.tx_protocol_errors, 0, "%s: m_eth_tx beats well formed (%s)", tag, vsim_last_error(sim));
	struct vsim_stats st;
	vsim_get_stats(sim, &st);
	TAP_EQ(st.dma_errors, 0, "%s: no DMA outside host memory", tag);
	TAP_EQ(st.protocol_errors, 0, "%s: no PCIe protocol errors (%s)", tag, vsim_last_error(sim));
	/* Reads have their own stream (m_rqr) so they can share a beat with a write
	 * (docs/pcie-interface.md); none may fall back onto m_rq. */
	TAP_EQ(st.rqr_requests, st.dma_reads, "%s: every DMA read came on m_rqr", tag);
	tap_diag("%s: %llu cycles, %llu TLPs up, %llu down", tag,
		 (unsigned long long)(vsim_cycles(sim) - t.start_cycle), (unsigned long long)st.up.tlps,
		 (unsigned long long)st.down.tlps);
out:
	vnet_close(&n);
	vsim_destroy(sim);
}

int main(void)
{
	run_case(0);
	run_case(1);
	return tap_done();
}
