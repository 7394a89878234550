/* SPDX-License-Identifier: MIT */
/* features: what is offered, FEATURES_OK acceptance and refusals (§2.2, §3.1.1). */
#include "tb_test.h"

static int negotiate_from_reset(struct vp_dev *vp, const uint32_t w[4])
{
	if (vp_reset(vp))
		return -1;
	return vp_negotiate(vp, w);
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	tap_ok(vp_reset(&vp) == 0, "reset completes");
	vp_set_status(&vp, DS_ACK);
	vp_set_status(&vp, DS_ACK | DS_DRIVER);

	uint32_t dev[4];
	tt_offered(&vp, dev);
	tap_diag("device features: %08x %08x %08x %08x", dev[0], dev[1], dev[2], dev[3]);
	for (unsigned int b = 0; b < 128; b++)
		if (vp_feat_has(dev, b))
			tap_diag("  offered bit %u %s", b, vp_feature_name(b) ? vp_feature_name(b) : "(unknown)");

	static const unsigned int required[] = {
		VIONIC_VIRTIO_PCI_F_VERSION_1, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM,
		VIONIC_VIRTIO_PCI_F_RING_PACKED, VIONIC_VIRTIO_PCI_F_NET_MAC,
		VIONIC_VIRTIO_PCI_F_NET_MTU, VIONIC_VIRTIO_PCI_F_NET_STATUS,
	};
	uint32_t allowed[4] = {0};
	for (unsigned int i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		tap_ok(vp_feat_has(dev, required[i]), "offers %s (bit %u)", vp_feature_name(required[i]), required[i]);
		vp_feat_set(allowed, required[i]);
	}
	/* the data path's features (docs/datapath.md "As built") */
	static const unsigned int data_path[] = {
		VIONIC_VIRTIO_PCI_F_EVENT_IDX, VIONIC_VIRTIO_PCI_F_NOTIFICATION_DATA,
		VIONIC_VIRTIO_PCI_F_IN_ORDER, VIONIC_VIRTIO_PCI_F_NET_CSUM, VIONIC_VIRTIO_PCI_F_NET_GUEST_CSUM,
		VIONIC_VIRTIO_PCI_F_NET_MRG_RXBUF, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ,
		VIONIC_VIRTIO_PCI_F_NET_CTRL_RX, VIONIC_VIRTIO_PCI_F_NET_MQ,
		VIONIC_VIRTIO_PCI_F_NET_CTRL_MAC_ADDR,
	};
	for (unsigned int i = 0; i < sizeof(data_path) / sizeof(data_path[0]); i++) {
		tap_ok(vp_feat_has(dev, data_path[i]), "offers %s (bit %u)", vp_feature_name(data_path[i]),
		       data_path[i]);
		vp_feat_set(allowed, data_path[i]);
	}
	int ring_reset = vp_feat_has(dev, VIONIC_VIRTIO_PCI_F_RING_RESET);
	vp_feat_set(allowed, VIONIC_VIRTIO_PCI_F_RING_RESET);
	tap_diag("RING_RESET %soffered", ring_reset ? "" : "not ");
	int extra = 0;
	for (unsigned int b = 0; b < 128; b++)
		if (vp_feat_has(dev, b) && !vp_feat_has(allowed, b)) {
			printf("#   unexpected offered bit %u %s\n", b, vp_feature_name(b) ? vp_feature_name(b) : "");
			extra = 1;
		}
	tap_ok(!extra, "nothing else offered (no INDIRECT_DESC, GSO, RSS, ...)");

	/* words beyond 128 bits */
	static const uint32_t beyond[] = {4, 5, 0x80, 0xffffffffu};
	for (unsigned int i = 0; i < 4; i++) {
		VP_CWR(&vp, DEVICE_FEATURE_SELECT, beyond[i]);
		TAP_EQ(VP_CRD(&vp, DEVICE_FEATURE_SELECT), beyond[i], "device_feature_select reads back 0x%x", beyond[i]);
		TAP_EQ(VP_CRD(&vp, DEVICE_FEATURE), 0, "device_feature word 0x%x reads 0", beyond[i]);
	}
	/* re-select a real word: the shadow follows */
	VP_CWR(&vp, DEVICE_FEATURE_SELECT, 1);
	TAP_EQ(VP_CRD(&vp, DEVICE_FEATURE), dev[1], "device_feature word 1 again after re-select");

	/* a valid subset */
	uint32_t sub[4];
	tt_min_features(sub);
	vp_feat_set(sub, VIONIC_VIRTIO_PCI_F_NET_MAC);
	vp_write_driver_features(&vp, sub);
	for (unsigned int i = 0; i < 4; i++)
		TAP_EQ(vp_read_driver_feature_word(&vp, i), sub[i], "driver_feature word %u reads back", i);
	vp_set_status(&vp, DS_ACK | DS_DRIVER | DS_FEATURES_OK);
	uint8_t s = vp_get_status(&vp);
	TAP_EQ(s, DS_ACK | DS_DRIVER | DS_FEATURES_OK, "valid subset: FEATURES_OK reads back set");
	/* driver_feature after FEATURES_OK is ignored */
	VP_CWR(&vp, DRIVER_FEATURE_SELECT, 0);
	VP_CWR(&vp, DRIVER_FEATURE, 0xffffffffu);
	TAP_EQ(VP_CRD(&vp, DRIVER_FEATURE), sub[0], "driver_feature write after FEATURES_OK ignored (word 0)");
	VP_CWR(&vp, DRIVER_FEATURE_SELECT, 1);
	VP_CWR(&vp, DRIVER_FEATURE, 0);
	TAP_EQ(VP_CRD(&vp, DRIVER_FEATURE), sub[1], "driver_feature write after FEATURES_OK ignored (word 1)");
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK, "status unchanged by the ignored writes");

	/* everything offered */
	int r = negotiate_from_reset(&vp, dev);
	TAP_EQ(r, 1, "all offered features: FEATURES_OK set");

	/* refusals */
	uint32_t w[4];
	memcpy(w, dev, sizeof(w));
	vp_feat_clear(w, VIONIC_VIRTIO_PCI_F_VERSION_1);
	r = negotiate_from_reset(&vp, w);
	TAP_EQ(r, 0, "without VERSION_1: FEATURES_OK reads back clear");
	memcpy(w, dev, sizeof(w));
	vp_feat_clear(w, VIONIC_VIRTIO_PCI_F_RING_PACKED);
	r = negotiate_from_reset(&vp, w);
	TAP_EQ(r, 0, "without RING_PACKED: FEATURES_OK reads back clear");
	static const unsigned int not_offered[] = {VIONIC_VIRTIO_PCI_F_INDIRECT_DESC, VIONIC_VIRTIO_PCI_F_NET_CTRL_VLAN,
						   100, 127};
	for (unsigned int i = 0; i < 4; i++) {
		unsigned int bit = not_offered[i];
		if (vp_feat_has(dev, bit)) {
			tap_skip("bit is offered", "with not-offered bit %u refused", bit);
			continue;
		}
		memcpy(w, dev, sizeof(w));
		vp_feat_set(w, bit);
		r = negotiate_from_reset(&vp, w);
		TAP_EQ(r, 0, "with not-offered bit %u: FEATURES_OK reads back clear", bit);
	}
	/* a refusal does not stick: a good set after reset works */
	tt_min_features(w);
	r = negotiate_from_reset(&vp, w);
	TAP_EQ(r, 1, "after a refusal and reset, a valid set is accepted");
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
