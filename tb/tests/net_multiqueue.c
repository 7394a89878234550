/* SPDX-License-Identifier: MIT */
/* net_multiqueue: 4 queue pairs (MQ, CTRL_VQ): MQ_VQ_PAIRS_SET 4 accepted, all four
 * transmit queues at once (per-flow integrity and order), IPv4/IPv6 UDP/TCP flows spread
 * over the receive queues with each flow always on the same queue, MQ_VQ_PAIRS_SET 1
 * sends everything to receiveq 0 (§5.1.6.5.5). */
#include <string.h>

#include "pktgen.h"
#include "tap.h"
#include "vnet.h"

#define PAIRS 4
#define FLOWS 48

/* Sends each flow's frame from txq 0 and returns in q[] the receive queue it arrived on
 * (-1 = not received); returns frames received with a good checksum. */
static int spread(struct vnet *n, int *q, uint32_t round)
{
	uint8_t f[256], r[2048];
	for (int i = 0; i < FLOWS; i++) {
		struct pkt_ip_spec s;
		memset(&s, 0, sizeof(s));
		s.ipv6 = i % 3 == 2;
		s.proto = i & 1 ? 6 : 17;
		memcpy(s.dst_mac, n->cfg.mac, 6);
		s.src_mac[0] = 0x02;
		s.src_mac[5] = (uint8_t)i;
		s.src_ip[0] = 10;
		s.src_ip[3] = (uint8_t)(1 + i);
		s.dst_ip[0] = 10;
		s.dst_ip[3] = 200;
		s.sport = (uint16_t)(1000 + 7 * i);
		s.dport = (uint16_t)(5000 + i);
		s.payload_len = 40;
		s.seq = round * 1000 + (uint32_t)i;
		size_t len = pkt_build_ip(f, sizeof(f), &s, NULL, NULL);
		q[i] = -1;
		if (vnet_tx(n, 0, f, len, NULL, 1, 0) < 0)
			return -1;
	}
	vnet_tx_kick(n, 0);
	int got = 0;
	uint64_t t0 = vsim_cycles(n->sim);
	while (got < FLOWS && vsim_cycles(n->sim) - t0 < 400000) {
		vsim_run(n->sim, 500);
		vnet_tx_reap(n, 0);
		for (unsigned int k = 0; k < n->pairs; k++) {
			size_t len;
			while (vnet_rx_poll(n, k, r, sizeof(r), &len, NULL) == 1) {
				size_t l4;
				if (pkt_l4_csum_ok(r, len, &l4) != 1)
					continue;
				unsigned int sport = (unsigned int)(r[l4] << 8 | r[l4 + 1]);
				int i = (int)(sport - 1000) / 7;
				if (i >= 0 && i < FLOWS) {
					q[i] = (int)k;
					got++;
				}
			}
		}
	}
	return got;
}

int main(void)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_mq_opts(&o, PAIRS, 128);
	struct vsim *sim = vnet_test_bringup(&n, NULL, NULL, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	int rc = vnet_init(&n, &o);
	tap_ok(rc == 0, "bring-up with MQ and CTRL_VQ, %u pairs, MQ_VQ_PAIRS_SET %u acked OK (%s)", PAIRS, PAIRS,
	       rc ? n.err : "ok");
	if (rc || !vnet_has(&n, VNET_F(NET_MQ)) || n.pairs < PAIRS) {
		tap_ok(0, "device offers MQ with >= %u pairs (MQ %d, max_virtqueue_pairs %u)", PAIRS,
		       vnet_has(&n, VNET_F(NET_MQ)), n.cfg.max_virtqueue_pairs);
		vsim_destroy(sim);
		return tap_done();
	}
	TAP_EQ(n.ctrl_index, 2 * n.cfg.max_virtqueue_pairs, "control queue index is 2 * max_virtqueue_pairs");

	/* all four transmit queues at once */
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.size_min = 60;
	t.size_max = 1000;
	t.packets = 60;
	t.burst = 16;
	rc = vnet_traffic_run(&n, &t);
	tap_ok(rc == 1, "4 transmit queues at once: %llu/%llu frames (%s)", (unsigned long long)t.frames_received,
	       (unsigned long long)t.frames_sent, rc == 1 ? "done" : t.err);
	for (unsigned int k = 0; k < PAIRS; k++)
		TAP_EQ(t.rx_flow[k], t.packets, "flow of transmitq %u: every frame received", k);
	TAP_EQ(t.bad + t.wrong_len + t.out_of_order, 0, "all frames intact and in order per flow");
	TAP_EQ(t.rx_q[0], t.frames_received, "non-IP frames all on receiveq 0");

	/* IP flows spread */
	int q1[FLOWS], q2[FLOWS];
	int g1 = spread(&n, q1, 1), g2 = spread(&n, q2, 2);
	TAP_EQ(g1, FLOWS, "IP flows: every frame received with a good checksum");
	TAP_EQ(g2, FLOWS, "IP flows again: every frame received");
	unsigned int used[PAIRS] = { 0 }, same = 0;
	for (int i = 0; i < FLOWS; i++) {
		if (q1[i] >= 0)
			used[q1[i]]++;
		same += q1[i] == q2[i];
	}
	unsigned int nq = 0;
	for (int k = 0; k < PAIRS; k++)
		nq += used[k] > 0;
	tap_diag("flows per receive queue: %u %u %u %u", used[0], used[1], used[2], used[3]);
	tap_ok(nq >= 3, "%u flows spread over %u of %u receive queues", FLOWS, nq, PAIRS);
	TAP_EQ(same, FLOWS, "each flow lands on the same receive queue every time");

	/* back to one pair */
	rc = vnet_ctrl_pairs(&n, 1);
	TAP_EQ(rc, VIONIC_VIRTIO_NET_CTRL_OK, "MQ_VQ_PAIRS_SET 1 acked OK (%s)", rc < 0 ? n.err : "");
	int g3 = spread(&n, q1, 3);
	unsigned int on0 = 0;
	for (int i = 0; i < FLOWS; i++)
		on0 += q1[i] == 0;
	TAP_EQ(g3, FLOWS, "one pair: every frame received");
	TAP_EQ(on0, FLOWS, "one pair: every flow on receiveq 0");
	rc = vnet_ctrl_pairs(&n, PAIRS);
	TAP_EQ(rc, VIONIC_VIRTIO_NET_CTRL_OK, "MQ_VQ_PAIRS_SET %u again", PAIRS);
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no DEVICE_NEEDS_RESET");
	for (unsigned int k = 0; k < PAIRS; k++)
		TAP_EQ(vnet_rx_guard_damage(&n, k), 0, "receiveq %u: no write outside buffers", k);
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
