/* SPDX-License-Identifier: MIT */
/* net_csum: CSUM offload on transmit (NEEDS_CSUM: the device stores the one's-complement
 * sum from csum_start at csum_start + csum_offset, §5.1.6.2) checked on the wire for
 * IPv4/IPv6 TCP/UDP; frames without NEEDS_CSUM leave unchanged; GUEST_CSUM on receive
 * (§5.1.6.4.1): DATA_VALID for IPv4 TCP/UDP with a correct checksum, not for a wrong one
 * nor for non-IP frames. */
#include <string.h>

#include "pktgen.h"
#include "tap.h"
#include "vnet.h"

static void spec(struct pkt_ip_spec *s, const uint8_t *mac, int ipv6, int proto, size_t pl, uint32_t seq,
		 enum pkt_csum_mode m)
{
	memset(s, 0, sizeof(*s));
	s->ipv6 = ipv6;
	s->proto = proto;
	memcpy(s->dst_mac, mac, 6);
	s->src_mac[0] = 0x02;
	s->src_mac[5] = 0x42;
	s->src_ip[0] = 192;
	s->src_ip[1] = 168;
	s->src_ip[3] = 1;
	s->dst_ip[0] = 192;
	s->dst_ip[1] = 168;
	s->dst_ip[3] = 2;
	if (ipv6) {
		s->src_ip[0] = s->dst_ip[0] = 0xfd;
		s->src_ip[15] = 1;
		s->dst_ip[15] = 2;
	}
	s->sport = 1234;
	s->dport = 80;
	s->payload_len = pl;
	s->seq = seq;
	s->csum = m;
}

static int wire(struct vsim *sim, uint8_t *buf, size_t cap, size_t *len)
{
	uint64_t t0 = vsim_cycles(sim);
	while (vsim_cycles(sim) - t0 < 100000) {
		vsim_run(sim, 250);
		if (vsim_eth_recv(sim, buf, cap, len) == 0)
			return 1;
	}
	return 0;
}

int main(void)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	vnet_want(&o, VNET_F(NET_CSUM));
	vnet_want(&o, VNET_F(NET_GUEST_CSUM));
	struct vsim *sim = vnet_test_bringup(&n, NULL, &o, VSIM_ETH_CAPTURE);
	if (!sim)
		return 1;
	uint8_t f[2048], good[2048], w[4096];
	size_t wl;
	static const size_t pls[] = { 0, 1, 17, 1000 };
	if (!vnet_has(&n, VNET_F(NET_CSUM))) {
		tap_ok(0, "device offers CSUM");
	} else {
		for (int v6 = 0; v6 < 2; v6++)
			for (int p = 0; p < 2; p++)
				for (unsigned int i = 0; i < 4; i++) {
					struct pkt_ip_spec s;
					uint16_t cs = 0, co = 0;
					int proto = p ? 17 : 6;
					spec(&s, n.cfg.mac, v6, proto, pls[i], i, PKT_CSUM_PARTIAL);
					size_t len = pkt_build_ip(f, sizeof(f), &s, &cs, &co);
					s.csum = PKT_CSUM_GOOD;
					pkt_build_ip(good, sizeof(good), &s, NULL, NULL);
					struct vnet_hdr h = { 0 };
					h.flags = VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM;
					h.csum_start = cs;
					h.csum_offset = co;
					int rc = vnet_tx(&n, 0, f, len, &h, i & 1 ? 3 : 1, 1);
					int got = rc >= 0 && wire(sim, w, sizeof(w), &wl);
					tap_ok(got && wl == len && pkt_l4_csum_ok(w, wl, NULL) == 1 && !memcmp(w, good, len),
					       "TX NEEDS_CSUM %s/%s payload %zu: checksum filled in, rest unchanged",
					       v6 ? "IPv6" : "IPv4", p ? "UDP" : "TCP", pls[i]);
					vnet_tx_reap(&n, 0);
				}
		/* without NEEDS_CSUM a wrong checksum goes out as it is */
		struct pkt_ip_spec s;
		spec(&s, n.cfg.mac, 0, 17, 64, 9, PKT_CSUM_BAD);
		size_t len = pkt_build_ip(f, sizeof(f), &s, NULL, NULL);
		int got = vnet_tx(&n, 0, f, len, NULL, 1, 1) >= 0 && wire(sim, w, sizeof(w), &wl);
		tap_ok(got && wl == len && !memcmp(w, f, len), "TX without NEEDS_CSUM: frame unchanged (bad checksum kept)");
		/* checksum position outside the frame: dropped, counted, chain returned */
		struct vnet_stats s0, s1;
		vnet_read_stats(&n, &s0);
		struct vnet_hdr h = { 0 };
		h.flags = VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM;
		h.csum_start = (uint16_t)(len - 1);
		h.csum_offset = 10;
		vnet_tx(&n, 0, f, len, &h, 1, 1);
		got = wire(sim, w, sizeof(w), &wl);
		vnet_read_stats(&n, &s1);
		tap_ok(!got && s1.tx_drops == s0.tx_drops + 1, "TX checksum position outside the frame: dropped, TX_DROPS +1");
		vnet_tx_reap(&n, 0);
		TAP_EQ(vrp_in_flight(&n.tx[0].r), 0, "every TX chain returned");
	}
	if (!vnet_has(&n, VNET_F(NET_GUEST_CSUM))) {
		tap_ok(0, "device offers GUEST_CSUM");
	} else {
		struct { int v6, proto; enum pkt_csum_mode m; int valid; const char *what; } rc_[] = {
			{ 0, 6, PKT_CSUM_GOOD, 1, "IPv4 TCP good" }, { 0, 17, PKT_CSUM_GOOD, 1, "IPv4 UDP good" },
			{ 0, 6, PKT_CSUM_BAD, 0, "IPv4 TCP bad" }, { 0, 17, PKT_CSUM_BAD, 0, "IPv4 UDP bad" },
			{ 1, 6, PKT_CSUM_BAD, 0, "IPv6 TCP bad" },
		};
		for (unsigned int i = 0; i < sizeof(rc_) / sizeof(rc_[0]); i++) {
			struct pkt_ip_spec s;
			spec(&s, n.cfg.mac, rc_[i].v6, rc_[i].proto, 100 + i, i, rc_[i].m);
			size_t len = pkt_build_ip(f, sizeof(f), &s, NULL, NULL);
			vsim_eth_send(sim, f, len, 0);
			struct vnet_hdr h;
			int got = 0;
			uint64_t t0 = vsim_cycles(sim);
			while (!got && vsim_cycles(sim) - t0 < 100000) {
				vsim_run(sim, 250);
				got = vnet_rx_poll(&n, 0, w, sizeof(w), &wl, &h) == 1;
			}
			tap_ok(got && wl == len && !memcmp(w, f, len), "RX %s: frame received intact", rc_[i].what);
			if (got)
				TAP_EQ(!!(h.flags & VIONIC_VIRTIO_NET_HDR_F_DATA_VALID), rc_[i].valid, "RX %s: DATA_VALID %s",
				       rc_[i].what, rc_[i].valid ? "set" : "clear");
		}
		uint8_t sq[200];
		pkt_build_seq(sq, 200, n.cfg.mac, 1, 1);
		vsim_eth_send(sim, sq, 200, 0);
		struct vnet_hdr h = { 0 };
		int got = 0;
		uint64_t t0 = vsim_cycles(sim);
		while (!got && vsim_cycles(sim) - t0 < 100000) {
			vsim_run(sim, 250);
			got = vnet_rx_poll(&n, 0, w, sizeof(w), &wl, &h) == 1;
		}
		tap_ok(got && !(h.flags & VIONIC_VIRTIO_NET_HDR_F_DATA_VALID) && h.gso_type == 0,
		       "RX non-IP frame: no DATA_VALID, gso_type NONE");
	}
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no DEVICE_NEEDS_RESET");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
