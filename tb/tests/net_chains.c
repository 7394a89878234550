/* SPDX-License-Identifier: MIT */
/* net_chains: transmit chains of 2..16 descriptors (the 12-byte header alone in the
 * first, the frame cut into pieces placed apart in memory), mixed with single-buffer
 * frames; loopback, every frame intact and in order. */
#include "tap.h"
#include "vnet.h"

int main(void)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	struct vsim *sim = vnet_test_bringup(&n, NULL, &o, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	static const unsigned int segs[] = { 1, 2, 3, 4, 7, 16 };
	for (unsigned int i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		struct vnet_traffic t;
		vnet_traffic_init(&t);
		t.nseg = segs[i];
		t.size_min = 64;
		t.size_max = 1514;
		t.packets = 80;
		t.seed = 11 + i;
		int rc = vnet_traffic_run(&n, &t);
		tap_ok(rc == 1 && !t.bad && !t.wrong_len && !t.out_of_order,
		       "%u-descriptor TX chains%s: %llu/%llu frames intact and in order (%s)", segs[i],
		       segs[i] > 1 ? " (header split from the payload)" : "",
		       (unsigned long long)t.frames_received, (unsigned long long)t.frames_sent,
		       rc == 1 ? "done" : t.err);
		if (rc != 1)
			break;
		vsim_run(sim, 2000);
		vnet_tx_reap(&n, 0);
		TAP_EQ(vrp_in_flight(&n.tx[0].r), 0, "%u-descriptor chains: every chain returned", segs[i]);
		TAP_EQ(n.tx[0].r.bad_used, 0, "%u-descriptor chains: only outstanding ids returned", segs[i]);
	}
	/* minimal frames split in as many pieces as they have bytes */
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.nseg = 15;
	t.size_min = t.size_max = 14;
	t.packets = 20;
	int rc = vnet_traffic_run(&n, &t);
	tap_ok(rc == 1 && !t.bad && !t.wrong_len && !t.out_of_order,
	       "14-byte frames as header + 14 one-byte descriptors (%s)", rc == 1 ? "done" : t.err);
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no DEVICE_NEEDS_RESET");
	TAP_EQ(vnet_rx_guard_damage(&n, 0), 0, "no write outside the RX buffers");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
