/* SPDX-License-Identifier: MIT */
/* malformed: protocol violations by the driver and bad requests are refused, never hang. */
#include "tb_test.h"

#define BAR0_SIZE (1ull << VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2)

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	const uint64_t bar0 = vp.pci.bar[0].base;

	/* DRIVER_OK without FEATURES_OK */
	vp_reset(&vp);
	vp_set_status(&vp, DS_ACK);
	vp_set_status(&vp, DS_ACK | DS_DRIVER);
	vp_set_status(&vp, DS_ACK | DS_DRIVER | DS_DRIVER_OK);
	uint8_t s = vp_get_status(&vp);
	tap_ok(s & DS_NEEDS_RESET, "DRIVER_OK without FEATURES_OK -> DEVICE_NEEDS_RESET (status 0x%02x)", s);
	tap_ok(vp_reset(&vp) == 0, "reset clears it");
	TAP_EQ(vp_get_status(&vp), 0, "status 0 after reset");

	/* read-only fields */
	uint16_t nq = (uint16_t)VP_CRD(&vp, NUM_QUEUES);
	VP_CWR(&vp, NUM_QUEUES, nq ^ 0x55);
	TAP_EQ(VP_CRD(&vp, NUM_QUEUES), nq, "write to num_queues ignored");
	VP_CWR(&vp, DEVICE_FEATURE_SELECT, 1);
	uint32_t f1 = VP_CRD(&vp, DEVICE_FEATURE);
	VP_CWR(&vp, DEVICE_FEATURE, ~f1);
	TAP_EQ(VP_CRD(&vp, DEVICE_FEATURE), f1, "write to device_feature ignored");
	uint8_t g = vp_generation(&vp);
	VP_CWR(&vp, CONFIG_GENERATION, (uint8_t)(g + 0x40));
	TAP_EQ(vp_generation(&vp), g, "write to config_generation ignored");
	VP_CWR(&vp, QUEUE_SELECT, 0);
	uint16_t no = (uint16_t)VP_CRD(&vp, QUEUE_NOTIFY_OFF);
	VP_CWR(&vp, QUEUE_NOTIFY_OFF, no + 7);
	TAP_EQ(VP_CRD(&vp, QUEUE_NOTIFY_OFF), no, "write to queue_notify_off ignored");
	uint32_t mac = vp_mmio_rd(&vp, vp.device.addr + VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET, 4);
	vp_mmio_wr(&vp, vp.device.addr + VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET, 4, ~mac);
	vp_mmio_wr(&vp, vp.device.addr + VIONIC_VIRTIO_NET_CFG_MTU_OFFSET, 2, 9000);
	TAP_EQ(vp_mmio_rd(&vp, vp.device.addr + VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET, 4), mac, "write to device config mac ignored");
	TAP_EQ(vp_generation(&vp), g, "device config write does not bump config_generation");
	vp_mmio_wr(&vp, vp.isr.addr, 1, 0xff);
	TAP_EQ(vp_isr_read(&vp), 0, "write to ISR ignored");

	/* wrong access sizes (after FEATURES_OK so that the fields are otherwise writable) */
	uint32_t drv[4];
	tt_min_features(drv);
	TAP_EQ(vp_negotiate(&vp, drv), 1, "negotiated");
	uint8_t st = vp_get_status(&vp);
	VP_CWR(&vp, QUEUE_SELECT, 1);
	vp_common_wr(&vp, CC(DEVICE_STATUS), 4, 0x00000000u);	/* status 0 + gen + queue_select 0 */
	TAP_EQ(vp_get_status(&vp), st, "32-bit write over device_status/config_generation/queue_select ignored (status)");
	TAP_EQ(VP_CRD(&vp, QUEUE_SELECT), 1, "... and queue_select unchanged");
	uint16_t qsz = (uint16_t)VP_CRD(&vp, QUEUE_SIZE);
	vp_common_wr(&vp, CC(QUEUE_SIZE), 1, 16);
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), qsz, "8-bit write to queue_size ignored");
	vp_common_wr(&vp, CC(QUEUE_DESC_LO), 2, 0x1000);
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), 0, "16-bit write to queue_desc ignored");
	vp_common_wr(&vp, CC(QUEUE_DESC_LO) + 2, 2, 0x0010);
	TAP_EQ(vp_common_rd64(&vp, CC(QUEUE_DESC_LO)), 0, "16-bit write to the upper half of queue_desc_lo ignored");
	vp_common_wr(&vp, CC(CONFIG_MSIX_VECTOR), 4, 0x00000000u);	/* vector + num_queues */
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), NO_VECTOR, "32-bit write over config_msix_vector/num_queues ignored");

	/* vectors out of range */
	VP_CWR(&vp, CONFIG_MSIX_VECTOR, vp.msix_count);
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), NO_VECTOR, "config_msix_vector %u (out of range) reads NO_VECTOR", vp.msix_count);
	VP_CWR(&vp, CONFIG_MSIX_VECTOR, 0x7fff);
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), NO_VECTOR, "config_msix_vector 0x7fff reads NO_VECTOR");
	VP_CWR(&vp, QUEUE_SELECT, 0);
	VP_CWR(&vp, QUEUE_MSIX_VECTOR, 1000);
	TAP_EQ(VP_CRD(&vp, QUEUE_MSIX_VECTOR), NO_VECTOR, "queue_msix_vector 1000 reads NO_VECTOR");
	VP_CWR(&vp, QUEUE_MSIX_VECTOR, vp.msix_count - 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_MSIX_VECTOR), vp.msix_count - 1, "queue_msix_vector %u (last) accepted", vp.msix_count - 1);

	/* beyond the common region inside its window */
	static const unsigned int beyond[] = {0x40, 0x44, 0x80, 0x100, 0x800, 0xffc};
	int zero = 1;
	for (unsigned int i = 0; i < 6; i++) {
		vp_common_wr(&vp, beyond[i], 4, 0xffffffffu);
		uint32_t v = vp_common_rd(&vp, beyond[i], 4);
		if (v) {
			printf("#   COMMON + 0x%x reads 0x%08x\n", beyond[i], v);
			zero = 0;
		}
	}
	tap_ok(zero, "COMMON + 0x40..0xfff reads 0 after writes");
	TAP_EQ(vp_get_status(&vp), st, "writes beyond the region did not touch device_status");
	TAP_EQ(vp_common_rd(&vp, VIONIC_BAR0_MAP_DEVICE_SIZE + 0x10, 4) , 0, "COMMON + 0x110 reads 0");
	uint32_t dz = vp_mmio_rd(&vp, vp.device.addr + VIONIC_BAR0_MAP_DEVICE_SIZE, 4);
	TAP_EQ(dz, 0, "DEVICE + size reads 0");
	TAP_EQ(vp.last_err, 0, "no completion errors inside BAR0");

	/* outside BAR0 */
	uint64_t v = 0;
	TAP_EQ(vsim_mmio_read(sim, bar0 + BAR0_SIZE, 4, &v), VSIM_EUR, "read just past BAR0 -> UR");
	TAP_EQ(vsim_mmio_read(sim, bar0 - 4, 4, &v), VSIM_EUR, "read just below BAR0 -> UR");
	uint32_t buf[17];
	TAP_EQ(vsim_mem_read_raw(sim, bar0, 17, 0xf, 0xf, buf), VSIM_ECA, "read of 17 DWs -> CA");
	int rc = vsim_mem_read_raw(sim, bar0 + VIONIC_BAR0_MAP_MSIX_TABLE_BASE, 16, 0xf, 0xf, buf);
	TAP_EQ(rc, 0, "read of 16 DWs -> SC");
	TAP_EQ(rc == 0 ? buf[0] : 1, vp_msix_entry_word(&vp, 0, 0), "16-DW read data matches single reads (entry 0 addr)");
	uint32_t x;
	TAP_EQ(vsim_cfg_read(sim, 1, 0, 4, &x), VSIM_EUR, "config read of function 1 (absent) -> UR");
	TAP_EQ(vsim_cfg_write(sim, 1, 4, 2, 6), VSIM_EUR, "config write of function 1 (absent) -> UR");

	/* burst of writes faster than the firmware drains them */
	uint64_t t0 = vsim_cycles(sim);
	int wr_err = 0;
	for (unsigned int i = 0; i < 300; i++) {
		if (vsim_mmio_write(sim, vp.common.addr + CC(QUEUE_SELECT), 2, i % 2))
			wr_err = 1;
		if (vsim_mmio_write(sim, vp.common.addr + CC(DEVICE_FEATURE_SELECT), 4, i % 4))
			wr_err = 1;
	}
	vsim_mmio_write(sim, vp.common.addr + CC(QUEUE_SELECT), 2, 1);
	vsim_mmio_write(sim, vp.common.addr + CC(DEVICE_FEATURE_SELECT), 4, 1);
	rc = vsim_flush_writes(sim);
	tap_diag("burst drained in %llu cycles", (unsigned long long)(vsim_cycles(sim) - t0));
	tap_ok(!wr_err && rc == 0, "602 back-to-back writes accepted (%s)", vsim_strerror(rc));
	uint32_t sel = VP_CRD(&vp, QUEUE_SELECT);
	uint32_t dfs = VP_CRD(&vp, DEVICE_FEATURE_SELECT);
	uint32_t df = VP_CRD(&vp, DEVICE_FEATURE);
	TAP_EQ(sel, 1, "after the burst: queue_select = last written");
	TAP_EQ(dfs, 1, "after the burst: device_feature_select = last written");
	TAP_EQ(df, f1, "after the burst: device_feature consistent with the select");
	TAP_EQ(vp_get_status(&vp), st, "after the burst: device_status unchanged");
	tap_ok(vp.last_err == 0, "after the burst: reads complete (%s)", vsim_strerror(vp.last_err));
	uint32_t code = 0;
	tap_ok(!vsim_halted(sim, &code), "firmware still running");
	struct vsim_stats stats;
	vsim_get_stats(sim, &stats);
	TAP_EQ(stats.protocol_errors, 0, "no device protocol violations (%s)", vsim_last_error(sim));
	TAP_EQ(stats.completion_timeouts, 0, "every request completed");
	vsim_destroy(sim);
	return tap_done();
}
