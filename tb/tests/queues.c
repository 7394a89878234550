/* SPDX-License-Identifier: MIT */
/* queues: queue limits, programming rules, queue_reset, notify region (§4.1.4.3, §4.1.4.4). */
#include "tb_test.h"

static void wr64(struct vp_dev *vp, unsigned int off, uint64_t v)
{
	vp_common_wr(vp, off, 4, (uint32_t)v);
	vp_common_wr(vp, off + 4, 4, (uint32_t)(v >> 32));
}

/* Programs queue q with the given areas (no enable). */
static void program(struct vp_dev *vp, unsigned int q, uint16_t size, uint64_t desc, uint64_t drv, uint64_t dev)
{
	VP_CWR(vp, QUEUE_SELECT, q);
	VP_CWR(vp, QUEUE_SIZE, size);
	wr64(vp, CC(QUEUE_DESC_LO), desc);
	wr64(vp, CC(QUEUE_DRIVER_LO), drv);
	wr64(vp, CC(QUEUE_DEVICE_LO), dev);
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	vp_reset(&vp);
	uint32_t dev[4];
	tt_offered(&vp, dev);
	int ring_reset = vp_feat_has(dev, VIONIC_VIRTIO_PCI_F_RING_RESET);
	const uint16_t qmax = VIONIC_PCIE_CONFIG_QUEUE_SIZE_MAX;
	uint64_t ring = vsim_mem_alloc(sim, 16 * qmax, 4096);
	uint64_t evd = vsim_mem_alloc(sim, 64, 64);
	uint64_t evdev = evd + 32;

	uint16_t nq = (uint16_t)VP_CRD(&vp, NUM_QUEUES);
	tap_ok(nq >= 2 && nq <= VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC, "num_queues %u in 2..%u", nq,
	       VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC);
	unsigned int sample[] = {0, 1, nq ? nq - 1u : 0u};
	for (unsigned int i = 0; i < 3; i++) {
		VP_CWR(&vp, QUEUE_SELECT, sample[i]);
		TAP_EQ(VP_CRD(&vp, QUEUE_SELECT), sample[i], "queue_select reads back %u", sample[i]);
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue %u: queue_size reads the maximum", sample[i]);
	}
	unsigned int beyond[] = {nq, VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC, 0x7fff, 0xffff};
	for (unsigned int i = 0; i < 4; i++) {
		VP_CWR(&vp, QUEUE_SELECT, beyond[i]);
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 0, "select %u (>= num_queues): queue_size 0", beyond[i]);
	}

	/* before FEATURES_OK: programming ignored */
	vp_set_status(&vp, DS_ACK | DS_DRIVER);
	program(&vp, 0, 64, ring, evd, evdev);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue_size write before FEATURES_OK ignored");
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), 0, "queue_desc write before FEATURES_OK ignored");
	VP_CWR(&vp, QUEUE_ENABLE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable before FEATURES_OK ignored");

	uint32_t drv[4];
	tt_min_features(drv);
	if (ring_reset)
		vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_RING_RESET);
	vp_write_driver_features(&vp, drv);
	vp_set_status(&vp, DS_ACK | DS_DRIVER | DS_FEATURES_OK);
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK, "FEATURES_OK");

	VP_CWR(&vp, QUEUE_SELECT, 0);
	VP_CWR(&vp, QUEUE_SIZE, 0);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue_size 0 refused (readback unchanged)");
	VP_CWR(&vp, QUEUE_SIZE, qmax + 1u);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue_size max+1 refused");
	VP_CWR(&vp, QUEUE_SIZE, 0x8000);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue_size 0x8000 refused");
	VP_CWR(&vp, QUEUE_SIZE, 100);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 100, "non-power-of-2 size 100 accepted (packed ring)");
	VP_CWR(&vp, QUEUE_SIZE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 1, "size 1 accepted");

	/* misaligned areas refused at enable */
	program(&vp, 0, 64, ring + 8, evd, evdev);
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), ring + 8, "queue_desc holds the written address");
	VP_CWR(&vp, QUEUE_ENABLE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable refused with the descriptor ring not 16-byte aligned");
	program(&vp, 0, 64, ring, evd + 2, evdev);
	VP_CWR(&vp, QUEUE_ENABLE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable refused with the driver area not 4-byte aligned");
	program(&vp, 0, 64, ring, evd, evdev + 1);
	VP_CWR(&vp, QUEUE_ENABLE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable refused with the device area not 4-byte aligned");

	/* a good queue 0 */
	program(&vp, 0, 64, ring, evd, evdev);
	VP_CWR(&vp, QUEUE_MSIX_VECTOR, NO_VECTOR);
	VP_CWR(&vp, QUEUE_ENABLE, 0);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable 0 on a disabled queue: still 0");
	VP_CWR(&vp, QUEUE_ENABLE, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "queue_enable 1 with a valid aligned configuration");
	VP_CWR(&vp, QUEUE_ENABLE, 0);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "queue_enable 0 ignored (queue stays enabled)");
	VP_CWR(&vp, QUEUE_SIZE, 32);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 64, "queue_size write on an enabled queue ignored");
	wr64(&vp, CC(QUEUE_DESC_LO), ring + 4096);
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), ring, "queue_desc write on an enabled queue ignored");

	/* per-queue state is per queue */
	VP_CWR(&vp, QUEUE_SELECT, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue 1 still disabled");
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue 1 size still the maximum");

	/* notify offsets */
	int notify_ok = 1;
	uint16_t off0 = 0;
	for (unsigned int q = 0; q < nq; q++) {
		VP_CWR(&vp, QUEUE_SELECT, q);
		uint16_t off = (uint16_t)VP_CRD(&vp, QUEUE_NOTIFY_OFF);
		if (q == 0)
			off0 = off;
		uint64_t end = (uint64_t)off * vp.notify_off_multiplier + 2;
		if (end > vp.notify.length) {
			notify_ok = 0;
			printf("#   queue %u: notify_off %u -> 0x%llx beyond the notify region (0x%x)\n", q, off,
			       (unsigned long long)end, vp.notify.length);
		}
	}
	tap_ok(notify_ok, "every queue's doorbell lies inside the notify region");
	VP_CWR(&vp, QUEUE_SELECT, 1);
	uint16_t off1 = (uint16_t)VP_CRD(&vp, QUEUE_NOTIFY_OFF);
	tap_ok(off0 != off1, "queues 0 and 1 have different doorbells (%u, %u)", off0, off1);

	/* a doorbell disturbs nothing */
	uint8_t g = vp_generation(&vp);
	tt_drain_msi(sim);
	vp_mmio_wr(&vp, vp.notify.addr + (uint64_t)off0 * vp.notify_off_multiplier, 2, 0);
	vp_mmio_wr(&vp, vp.notify.addr + (uint64_t)off0 * vp.notify_off_multiplier, 4, 0x80000001u);
	vsim_run(sim, 5000);
	TAP_EQ(vp_mmio_rd(&vp, vp.notify.addr, 4), 0, "notify region reads 0");
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK, "doorbell: device_status unchanged");
	VP_CWR(&vp, QUEUE_SELECT, 0);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "doorbell: queue 0 still enabled");
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), ring, "doorbell: queue 0 desc unchanged");
	TAP_EQ(vp_generation(&vp), g, "doorbell: config_generation unchanged");
	tap_ok(tt_no_msi(sim, 5000), "doorbell: no interrupt");

	/* queue_reset */
	if (!ring_reset) {
		tap_skip("RING_RESET not offered", "queue_reset reads 0 once the queue reset completed");
		tap_skip("RING_RESET not offered", "queue_reset reads 0 after re-enable");
	} else {
		VP_CWR(&vp, QUEUE_SELECT, 0);
		TAP_EQ(VP_CRD(&vp, QUEUE_RESET), 0, "queue_reset 0 on an enabled queue");
		/* VIRTIO 1.3 §4.1.4.3.2: 1 while the reset is ongoing, then 0 in both queue_reset
		 * and queue_enable once complete (the read waits for the firmware's pop, so it
		 * sees the completed state). */
		VP_CWR(&vp, QUEUE_RESET, 1);
		TAP_EQ(VP_CRD(&vp, QUEUE_RESET), 0, "queue_reset reads 0 once the queue reset completed");
		TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue_enable 0 after queue reset");
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qmax, "queue_size back to the maximum after queue reset");
		TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), 0, "queue_desc 0 after queue reset");
		program(&vp, 0, 32, ring, evd, evdev);
		VP_CWR(&vp, QUEUE_ENABLE, 1);
		TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "queue re-enabled after queue reset");
		TAP_EQ(VP_CRD(&vp, QUEUE_RESET), 0, "queue_reset reads 0 after re-enable");
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 32, "new size after re-enable");
	}
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
