/* SPDX-License-Identifier: MIT */
/* reset: writing 0 to device_status after a full init returns every field to its default. */
#include "tb_test.h"

#define NQ 2

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	/* defaults before any programming */
	uint16_t nqueues = (uint16_t)VP_CRD(&vp, NUM_QUEUES);
	uint16_t maxsz[NQ];
	for (unsigned int q = 0; q < NQ; q++) {
		VP_CWR(&vp, QUEUE_SELECT, q);
		maxsz[q] = (uint16_t)VP_CRD(&vp, QUEUE_SIZE);
	}
	tap_diag("num_queues %u, queue 0 max %u", nqueues, maxsz[0]);

	struct vp_queue qs[NQ];
	const char *step = "";
	uint32_t drv[4];
	tt_min_features(drv);
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_NET_MAC);
	int rc = vp_init_full(&vp, drv, NQ, 256, qs, &step);
	tap_ok(rc == 0, "full init with %d queues (%s%s%s)", NQ, vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK | DS_DRIVER_OK, "DRIVER_OK set");

	uint64_t t0 = vsim_cycles(sim);
	rc = vp_reset(&vp);
	tap_diag("reset took %llu cycles", (unsigned long long)(vsim_cycles(sim) - t0));
	tap_ok(rc == 0, "device_status reads 0 after writing 0 (%s)", vsim_strerror(rc));
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), NO_VECTOR, "config_msix_vector back to NO_VECTOR");
	for (unsigned int i = 0; i < 2; i++)
		TAP_EQ(vp_read_driver_feature_word(&vp, i), 0, "driver_feature word %u back to 0", i);
	TAP_EQ(VP_CRD(&vp, NUM_QUEUES), nqueues, "num_queues unchanged");
	for (unsigned int q = 0; q < NQ; q++) {
		VP_CWR(&vp, QUEUE_SELECT, q);
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), maxsz[q], "queue %u: size back to the maximum", q);
		TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue %u: queue_enable 0", q);
		TAP_EQ(VP_CRD(&vp, QUEUE_MSIX_VECTOR), NO_VECTOR, "queue %u: vector NO_VECTOR", q);
		TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), 0, "queue %u: desc address 0", q);
		TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DRIVER_LO)), 0, "queue %u: driver address 0", q);
		TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DEVICE_LO)), 0, "queue %u: device address 0", q);
		TAP_EQ(VP_CRD(&vp, QUEUE_RESET), 0, "queue %u: queue_reset 0", q);
	}
	uint16_t mc = vp_msix_ctrl(&vp);
	tap_ok(mc & PCI_MSIX_FLAGS_ENABLE, "MSI-X enable (config space) not touched by a virtio reset");

	/* re-init */
	rc = vp_init_full(&vp, drv, NQ, 128, qs, &step);
	tap_ok(rc == 0, "re-init after reset works (%s%s%s)", vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	VP_CWR(&vp, QUEUE_SELECT, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 128, "queue 1 size after re-init");
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "queue 1 enabled after re-init");

	/* reset in the middle of negotiation */
	rc = vp_reset(&vp);
	vp_set_status(&vp, DS_ACK | DS_DRIVER);
	rc = vp_reset(&vp);
	tap_ok(rc == 0, "reset from ACKNOWLEDGE|DRIVER completes");
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
