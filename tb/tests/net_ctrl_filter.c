/* SPDX-License-Identifier: MIT */
/* net_ctrl_filter: control-queue commands (§5.1.6.5) and their effect on the receive
 * filter, with frames injected at the Ethernet port: own MAC and broadcast accepted,
 * another unicast and an unlisted multicast dropped (STATS RX_DROP_FILTERED), PROMISC,
 * ALLMULTI, MAC_TABLE_SET (unicast and multicast entries), MAC_ADDR_SET, an unknown
 * command answered ERR. */
#include <string.h>

#include "pktgen.h"
#include "tap.h"
#include "vnet.h"

static struct vnet n;
static uint32_t seq;

/* Injects a frame to dst; 1 if it was received (intact), 0 if not within the wait. */
static int deliver(const uint8_t dst[6])
{
	uint8_t f[128], r[2048];
	size_t len;
	pkt_build_seq(f, 100, dst, 9, seq++);
	vsim_eth_send(n.sim, f, 100, 0);
	uint64_t t0 = vsim_cycles(n.sim);
	while (vsim_cycles(n.sim) - t0 < 30000) {
		vsim_run(n.sim, 250);
		if (vnet_rx_poll(&n, 0, r, sizeof(r), &len, NULL) == 1)
			return len == 100 && !memcmp(r, f, 100);
	}
	return 0;
}

static uint32_t filtered(void)
{
	struct vnet_stats s;
	vnet_read_stats(&n, &s);
	return s.rx_drop_filtered;
}

static void expect(const uint8_t dst[6], int accept, const char *what)
{
	uint32_t f0 = filtered();
	int got = deliver(dst);
	uint32_t f1 = filtered();
	if (accept)
		tap_ok(got && f1 == f0, "%s: %02x:%02x:%02x:%02x:%02x:%02x received", what, dst[0], dst[1], dst[2],
		       dst[3], dst[4], dst[5]);
	else
		tap_ok(!got && f1 == f0 + 1, "%s: %02x:%02x:%02x:%02x:%02x:%02x dropped, RX_DROP_FILTERED +1 (%u -> %u)",
		       what, dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], f0, f1);
}

int main(void)
{
	struct vnet_opts o;
	vnet_default_opts(&o);
	vnet_want(&o, VNET_F(NET_CTRL_VQ));
	vnet_want(&o, VNET_F(NET_CTRL_RX));
	vnet_want(&o, VNET_F(NET_CTRL_MAC_ADDR));
	struct vsim *sim = vnet_test_bringup(&n, NULL, &o, VSIM_ETH_CAPTURE);
	if (!sim)
		return 1;
	if (!vnet_has(&n, VNET_F(NET_CTRL_VQ)) || !vnet_has(&n, VNET_F(NET_CTRL_RX))) {
		tap_ok(0, "device offers CTRL_VQ and CTRL_RX");
		vsim_destroy(sim);
		return tap_done();
	}
	uint8_t own[6], other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }, bc[6], mc[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	uint8_t mc2[6] = { 0x33, 0x33, 0, 0, 0, 1 }, other2[6] = { 0x02, 0x66, 0x77, 0x88, 0x99, 0xaa };
	memcpy(own, n.cfg.mac, 6);
	memset(bc, 0xff, 6);
	expect(own, 1, "own MAC");
	expect(bc, 1, "broadcast");
	expect(other, 0, "other unicast");
	expect(mc, 0, "multicast not listed");

	TAP_EQ(vnet_ctrl_promisc(&n, 1), VIONIC_VIRTIO_NET_CTRL_OK, "RX_PROMISC 1 acked OK");
	expect(other, 1, "promiscuous");
	expect(mc, 1, "promiscuous, multicast");
	TAP_EQ(vnet_ctrl_promisc(&n, 0), VIONIC_VIRTIO_NET_CTRL_OK, "RX_PROMISC 0 acked OK");
	expect(other, 0, "promiscuous off");

	TAP_EQ(vnet_ctrl_allmulti(&n, 1), VIONIC_VIRTIO_NET_CTRL_OK, "RX_ALLMULTI 1 acked OK");
	expect(mc, 1, "all-multicast");
	expect(mc2, 1, "all-multicast (IPv6 multicast)");
	expect(other, 0, "all-multicast, other unicast");
	TAP_EQ(vnet_ctrl_allmulti(&n, 0), VIONIC_VIRTIO_NET_CTRL_OK, "RX_ALLMULTI 0 acked OK");
	expect(mc, 0, "all-multicast off");

	const uint8_t uni[1][6] = { { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } };
	const uint8_t multi[1][6] = { { 0x01, 0x00, 0x5e, 0, 0, 1 } };
	TAP_EQ(vnet_ctrl_mac_table(&n, uni, 1, multi, 1), VIONIC_VIRTIO_NET_CTRL_OK, "MAC_TABLE_SET 1 + 1 acked OK");
	expect(other, 1, "MAC table unicast entry");
	expect(mc, 1, "MAC table multicast entry");
	expect(other2, 0, "unicast not in the table");
	expect(mc2, 0, "multicast not in the table");
	expect(own, 1, "own MAC with a table");
	TAP_EQ(vnet_ctrl_mac_table(&n, NULL, 0, NULL, 0), VIONIC_VIRTIO_NET_CTRL_OK, "MAC_TABLE_SET empty acked OK");
	expect(other, 0, "table cleared");

	if (vnet_has(&n, VNET_F(NET_CTRL_MAC_ADDR))) {
		uint8_t newmac[6] = { 0x02, 0xab, 0xcd, 0xef, 0x01, 0x23 };
		TAP_EQ(vnet_ctrl_mac_addr(&n, newmac), VIONIC_VIRTIO_NET_CTRL_OK, "MAC_ADDR_SET acked OK");
		expect(newmac, 1, "new own MAC");
		expect(own, 0, "old own MAC");
		TAP_EQ(vnet_ctrl_mac_addr(&n, own), VIONIC_VIRTIO_NET_CTRL_OK, "MAC_ADDR_SET back");
		expect(own, 1, "own MAC again");
	} else {
		tap_skip("CTRL_MAC_ADDR not offered", "MAC_ADDR_SET");
	}
	uint8_t z = 0;
	TAP_EQ(vnet_ctrl(&n, 0x55, 0x01, &z, 1, NULL, 0), VIONIC_VIRTIO_NET_CTRL_ERR, "unknown class answered ERR");
	TAP_EQ(vnet_ctrl(&n, VIONIC_VIRTIO_NET_CTRL_RX, 0x7f, &z, 1, NULL, 0), VIONIC_VIRTIO_NET_CTRL_ERR,
	       "unknown RX command answered ERR");
	expect(own, 1, "still receiving after the ERR answers");
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no DEVICE_NEEDS_RESET");
	TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "no write outside RX buffers");
	TAP_EQ(n.ctrl.r.bad_used, 0, "control queue: only outstanding ids returned");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
