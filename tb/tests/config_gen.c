/* SPDX-License-Identifier: MIT */
/* config_gen: config_generation, link status and the configuration-change interrupt (§2.5.1, §4.1.4.5). */
#include "tb_test.h"

static uint16_t net_status(struct vp_dev *vp)
{
	uint16_t s = 0xffff;
	vp_read_device_config(vp, VIONIC_VIRTIO_NET_CFG_STATUS_OFFSET, &s, 2);
	return s;
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	vp_reset(&vp);
	uint8_t g0 = vp_generation(&vp);
	int stable = 1;
	for (int i = 0; i < 8; i++) {
		vsim_run(sim, 2000);
		uint8_t g = vp_generation(&vp);
		if (g != g0) {
			printf("#   generation changed 0x%02x -> 0x%02x with nothing happening\n", g0, g);
			stable = 0;
		}
	}
	tap_ok(stable, "config_generation stable while nothing changes (0x%02x)", g0);
	/* common-config traffic does not change the device configuration */
	uint32_t drv[4];
	tt_min_features(drv);
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_NET_STATUS);
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_NET_MAC);
	int r = vp_negotiate(&vp, drv);
	TAP_EQ(r, 1, "negotiated with STATUS");
	TAP_EQ(vp_generation(&vp), g0, "config_generation unchanged by negotiation");
	uint16_t st = net_status(&vp);
	tap_diag("net status 0x%04x", st);

	TAP_EQ(st & VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK, VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK,
	       "status.LINK_UP set with the link up at start");

	/* MSI-X ready, config vector 0 unmasked, but no DRIVER_OK yet */
	vp_msix_enable(&vp, 1, 0);
	vp_msix_set_entry(&vp, 0, VP_MSI_ADDR, VP_MSI_DATA(0), 0);
	VP_CWR(&vp, CONFIG_MSIX_VECTOR, 0);
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), 0, "config_msix_vector 0 accepted");
	tt_drain_msi(sim);
	vp_isr_read(&vp);

	uint8_t g1 = vp_generation(&vp);
	vsim_set_link(sim, 0);
	vsim_run(sim, 20000);
	uint8_t g2 = vp_generation(&vp);
	tap_ok(g2 != g1, "link down changes config_generation (0x%02x -> 0x%02x)", g1, g2);
	TAP_EQ(net_status(&vp) & VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK, 0, "status.LINK_UP clear with the link down");
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "no config interrupt before DRIVER_OK");
	vp_isr_read(&vp);

	vp_set_status(&vp, DS_ACK | DS_DRIVER | DS_FEATURES_OK | DS_DRIVER_OK);
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK | DS_DRIVER_OK, "DRIVER_OK");
	tt_drain_msi(sim);
	vsim_set_link(sim, 1);
	struct vsim_msi m = {0};
	int rc = vsim_wait_msi(sim, TT_MSI_CYCLES, &m);
	tap_ok(rc == 0, "link up after DRIVER_OK: config interrupt arrives (%s)", vsim_strerror(rc));
	TAP_EQ(rc == 0 ? m.addr : 0, VP_MSI_ADDR, "message address of vector 0");
	TAP_EQ(rc == 0 ? m.data : 0, VP_MSI_DATA(0), "message data of vector 0");
	uint8_t g3 = vp_generation(&vp);
	tap_ok(g3 != g2, "config_generation changed again (0x%02x -> 0x%02x)", g2, g3);
	TAP_EQ(net_status(&vp) & VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK, VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK,
	       "status.LINK_UP set again");
	uint8_t isr = vp_isr_read(&vp);
	TAP_EQ(isr & VIONIC_VIRTIO_PCI_ISR_CONFIG, VIONIC_VIRTIO_PCI_ISR_CONFIG, "ISR bit 1 (config) set");
	TAP_EQ(vp_isr_read(&vp), 0, "ISR reads 0 after the read cleared it");
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "exactly one message per link change");
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
