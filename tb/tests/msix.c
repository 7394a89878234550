/* SPDX-License-Identifier: MIT */
/* msix: table, PBA, masking, enable and bus master (PCIe Base §6.1.4.5, §7.7.2). */
#include "tb_test.h"

static int link_state = 1;

/* Triggers one configuration-change interrupt request by toggling the link. */
static void trigger(struct vsim *sim)
{
	link_state = !link_state;
	vsim_set_link(sim, link_state);
	vsim_run(sim, 20000);
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	const unsigned int nv = vp.msix_count;
	int all_masked = 1, pba_zero = 1;
	for (unsigned int v = 0; v < nv; v++) {
		uint32_t c = vp_msix_entry_word(&vp, v, 3);
		if ((c & PCI_MSIX_ENTRY_CTRL_MASKBIT) != 1) {
			if (all_masked)
				printf("#   entry %u vector control 0x%08x\n", v, c);
			all_masked = 0;
		}
	}
	for (unsigned int w = 0; w < (nv + 31) / 32; w++)
		if (vp_mmio_rd(&vp, vp.msix_pba_addr + 4 * w, 4))
			pba_zero = 0;
	tap_ok(all_masked, "every MSI-X entry masked after reset");
	tap_ok(pba_zero, "PBA all clear after reset");

	/* table entries are read/write */
	vp_msix_set_entry(&vp, 3, 0xfee01234ull | 0x1200000000ull, 0xabcd5678u, 0);
	TAP_EQ(vp_msix_entry_word(&vp, 3, 0), 0xfee01234u, "entry 3 message address low");
	TAP_EQ(vp_msix_entry_word(&vp, 3, 1), 0x12u, "entry 3 message address high");
	TAP_EQ(vp_msix_entry_word(&vp, 3, 2), 0xabcd5678u, "entry 3 message data");
	TAP_EQ(vp_msix_entry_word(&vp, 3, 3), 0, "entry 3 vector control unmasked");
	vp_msix_mask(&vp, 3, 1);
	TAP_EQ(vp_msix_entry_word(&vp, 3, 3), 1, "entry 3 masked again");
	vp_mmio_wr(&vp, vp.msix_table_addr + 16 * 4 + 12, 4, 0xfffffffeu);
	TAP_EQ(vp_msix_entry_word(&vp, 4, 3), 0, "vector control reserved bits read 0");
	vp_msix_set_entry(&vp, nv - 1, VP_MSI_ADDR + 8, 0x77, 1);
	TAP_EQ(vp_msix_entry_word(&vp, nv - 1, 2), 0x77, "last entry (%u) data rw", nv - 1);
	uint64_t q = 0;
	int rc = vsim_mmio_read(sim, vp.msix_table_addr + 16 * 3, 8, &q);
	TAP_EQ(rc == 0 ? q : 0, 0x12fee01234ull, "64-bit read of entry 3 address");

	/* MSI-X enable / function mask bits in config space */
	vp_msix_enable(&vp, 1, 1);
	TAP_EQ(vp_msix_ctrl(&vp) & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL),
	       PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL, "MSI-X Enable and Function Mask writable");
	TAP_EQ(vp_msix_ctrl(&vp) & PCI_MSIX_FLAGS_QSIZE, nv - 1, "table size field read-only");
	vp_msix_enable(&vp, 0, 0);


	/* bring-up with config vector 0, entry 0 masked */
	const char *step = "";
	struct vp_queue qs[1];
	rc = vp_init_full(&vp, NULL, 1, 64, qs, &step);
	tap_ok(rc == 0, "full init (%s%s%s)", vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	vp_msix_set_entry(&vp, 0, VP_MSI_ADDR + 0x40, 0x1234, 1);
	tt_drain_msi(sim);
	vp_isr_read(&vp);

	trigger(sim);
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "masked vector: no message");
	TAP_EQ(vp_msix_pending(&vp, 0), 1, "masked vector: PBA bit 0 set");
	vp_msix_mask(&vp, 0, 0);
	struct vsim_msi m = {0};
	rc = vsim_wait_msi(sim, TT_MSI_CYCLES, &m);
	tap_ok(rc == 0, "unmask: pending message delivered (%s)", vsim_strerror(rc));
	TAP_EQ(rc == 0 ? m.addr : 0, VP_MSI_ADDR + 0x40, "message address as programmed");
	TAP_EQ(rc == 0 ? m.data : 0, 0x1234, "message data as programmed");
	TAP_EQ(vp_msix_pending(&vp, 0), 0, "PBA bit 0 clear after delivery");
	vp_isr_read(&vp);

	/* function mask */
	vp_msix_enable(&vp, 1, 1);
	trigger(sim);
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "function masked: no message");
	TAP_EQ(vp_msix_pending(&vp, 0), 1, "function masked: PBA bit 0 set");
	vp_msix_enable(&vp, 1, 0);
	rc = vsim_wait_msi(sim, TT_MSI_CYCLES, &m);
	tap_ok(rc == 0 && m.data == 0x1234, "function unmasked: message delivered (%s)", vsim_strerror(rc));
	TAP_EQ(vp_msix_pending(&vp, 0), 0, "PBA clear after delivery");
	vp_isr_read(&vp);

	/* MSI-X disabled */
	vp_msix_enable(&vp, 0, 0);
	trigger(sim);
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "MSI-X disabled: no message");
	vp_msix_enable(&vp, 1, 0);
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "re-enabling MSI-X does not replay the dropped request");
	vp_isr_read(&vp);

	/* bus master */
	pci_set_command(&vp.pci, 1, 0);
	trigger(sim);
	tap_ok(tt_no_msi(sim, TT_NO_MSI_CYCLES), "bus master off: no message");
	TAP_EQ(vp_msix_pending(&vp, 0), 1, "bus master off: PBA bit 0 set");
	pci_set_command(&vp.pci, 1, 1);
	rc = vsim_wait_msi(sim, TT_MSI_CYCLES, &m);
	tap_ok(rc == 0 && m.addr == VP_MSI_ADDR + 0x40, "bus master on: message delivered (%s)", vsim_strerror(rc));
	TAP_EQ(m.func, 0, "message from function 0");
	tap_ok(vp.last_err == 0, "no MMIO errors (%s)", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return tap_done();
}
