/* SPDX-License-Identifier: MIT */
/* backpressure: the bring-up and register traffic stay correct when the host accepts
 * completion beats only now and then (vsim_config.cc_ready_percent). */
#include "tb_test.h"

int main(void)
{
	struct vsim_config c;
	tb_config(&c);
	c.cc_ready_percent = 20;
	c.seed = 7;
	struct vsim *sim = tb_sim_create(&c);
	if (!sim)
		TAP_BAIL("cannot create the simulated device");
	struct vp_dev vp;
	int rc = vp_probe(&vp, sim, 0, TT_BAR0);
	tap_ok(rc == 0, "enumeration and capability discovery under back-pressure (%s)", vsim_strerror(rc));
	if (rc) {
		vsim_destroy(sim);
		return tap_done();
	}
	TAP_EQ(vp.pci.vendor, VIONIC_PCIE_CONFIG_VENDOR_ID, "vendor ID");
	TAP_EQ(vp.common.offset, VIONIC_BAR0_MAP_COMMON_BASE, "common offset");
	struct vp_queue qs[2];
	const char *step = "";
	rc = vp_init_full(&vp, NULL, 2, 128, qs, &step);
	tap_ok(rc == 0, "full bring-up under back-pressure (%s%s%s)", vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	struct vp_net_config nc;
	rc = vp_read_net_config(&vp, &nc);
	tap_ok(rc == 0, "device config read (%s)", vsim_strerror(rc));
	TAP_EQ(nc.mtu, 1500, "mtu");
	/* multi-DW reads: completion beats spread over many cycles */
	uint32_t buf[16], single[16];
	rc = vsim_mem_read_raw(sim, vp.msix_table_addr, 16, 0xf, 0xf, buf);
	tap_ok(rc == 0, "16-DW read of the MSI-X table (%s)", vsim_strerror(rc));
	for (unsigned int i = 0; i < 16; i++)
		single[i] = vp_msix_entry_word(&vp, i / 4, i % 4);
	tap_ok(rc == 0 && !memcmp(buf, single, sizeof(buf)), "burst data equals single-DW reads");
	/* partial byte enables */
	rc = vsim_mem_read_raw(sim, vp.common.addr + CC(DEVICE_STATUS), 1, 0x1, 0, buf);
	TAP_EQ(rc == 0 ? buf[0] & 0xff : 0xffff, DS_ACK | DS_DRIVER | DS_FEATURES_OK | DS_DRIVER_OK,
	       "1-byte raw read of device_status");
	struct vsim_stats st;
	vsim_get_stats(sim, &st);
	TAP_EQ(st.protocol_errors, 0, "no device protocol violations (%s)", vsim_last_error(sim));
	TAP_EQ(st.unexpected_completions, 0, "no unexpected completions");
	TAP_EQ(st.completion_timeouts, 0, "no completion timeouts");
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
