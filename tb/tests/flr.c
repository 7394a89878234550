/* SPDX-License-Identifier: MIT */
/* flr: Function Level Reset resets config space, virtio state and MSI-X (PCIe Base §6.6.2). */
#include "tb_test.h"

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	struct pci_dev *d = &vp.pci;
	struct vp_queue qs[2];
	const char *step = "";
	int rc = vp_init_full(&vp, NULL, 2, 64, qs, &step);
	tap_ok(rc == 0, "full init (%s%s%s)", vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	unsigned int pe = pci_find_cap(d, PCI_CAP_ID_EXP);
	tap_ok(pe != 0, "PCI Express capability found");
	uint16_t devctl = pci_rd16(d, pe + PCI_EXP_DEVCTL);
	/* change something FLR must restore */
	pci_wr16(d, pe + PCI_EXP_DEVCTL, (devctl & ~PCI_EXP_DEVCTL_PAYLOAD) | (2u << 5));	/* MPS 512 B */
	uint16_t devctl_before = pci_rd16(d, pe + PCI_EXP_DEVCTL);
	pci_wr8(d, PCI_INTERRUPT_LINE, 0x0b);

	pci_wr16(d, pe + PCI_EXP_DEVCTL, devctl_before | PCI_EXP_DEVCTL_BCR_FLR);
	vsim_run(sim, 10000);	/* the spec's 100 ms is scaled down: the model completes quickly */
	uint16_t cmd = pci_rd16(d, PCI_COMMAND);
	tap_ok(d->last_err == 0, "config reads after FLR complete (%s)", vsim_strerror(d->last_err));
	TAP_EQ(cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), 0, "Command: memory and bus master cleared");
	TAP_EQ(pci_bar_readback(d, 0), 0, "BAR0 reset to 0");
	TAP_EQ(pci_rd8(d, PCI_INTERRUPT_LINE), 0, "Interrupt Line reset");
	uint16_t dc = pci_rd16(d, pe + PCI_EXP_DEVCTL);
	TAP_EQ(dc & PCI_EXP_DEVCTL_BCR_FLR, 0, "Initiate FLR reads 0");
	TAP_EQ(dc & PCI_EXP_DEVCTL_PAYLOAD, 0, "Device Control MPS back to its reset value (128 B)");
	TAP_EQ(vp_msix_ctrl(&vp) & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL), 0, "MSI-X Enable and Function Mask cleared");
	uint64_t v;
	TAP_EQ(vsim_mmio_read(sim, VP_DEFAULT_BAR0, 4, &v), VSIM_EUR, "BAR0 no longer decoded");

	pci_assign_bar(d, 0, VP_DEFAULT_BAR0);
	pci_set_command(d, 1, 1);
	vp.last_err = 0;
	uint8_t s = tt_wait_status(&vp, 0xff, 0, VP_RESET_TIMEOUT_CYCLES);
	TAP_EQ(s, 0, "device_status 0 after FLR (memory re-enabled)");
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), NO_VECTOR, "config_msix_vector NO_VECTOR after FLR");
	VP_CWR(&vp, QUEUE_SELECT, 0);
	TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 0, "queue 0 disabled after FLR");
	TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), VIONIC_PCIE_CONFIG_QUEUE_SIZE_MAX, "queue 0 size back to the maximum");
	int masked = 1;
	for (unsigned int i = 0; i < vp.msix_count; i++)
		if (!(vp_msix_entry_word(&vp, i, 3) & 1))
			masked = 0;
	tap_ok(masked, "every MSI-X entry masked after FLR");
	TAP_EQ(vp_msix_pending(&vp, 0), 0, "PBA clear after FLR");
	TAP_EQ(vp_isr_read(&vp), 0, "ISR clear after FLR");
	tap_ok(vp.last_err == 0, "MMIO works after FLR (%s)", vsim_strerror(vp.last_err));
	rc = vp_init_full(&vp, NULL, 2, 64, qs, &step);
	tap_ok(rc == 0, "full init again after FLR (%s%s%s)", vsim_strerror(rc), rc ? " at " : "", rc ? step : "");
	vsim_destroy(sim);
	return tap_done();
}
