/* SPDX-License-Identifier: MIT */
/* identity: IDs, class, header, status, BAR sizing and memory-space enable (issue 3 §6). */
#include <linux/pci_regs.h>

#include "tb_test.h"

int main(void)
{
	struct vsim *sim = tb_sim_create(NULL);
	if (!sim)
		TAP_BAIL("cannot create the simulated device");

	/* The very first config read: CRS until the firmware is ready is absorbed by the API. */
	uint32_t id = 0;
	int rc = vsim_cfg_read(sim, 0, PCI_VENDOR_ID, 4, &id);
	tap_ok(rc == 0, "first configuration read succeeds (rc %d: %s)", rc, vsim_strerror(rc));
	TAP_EQ(id, VIONIC_PCIE_CONFIG_VENDOR_ID | VIONIC_PCIE_CONFIG_DEVICE_ID_NET << 16,
	       "vendor/device ID dword");

	struct pci_dev d;
	rc = pci_probe(&d, sim, 0);
	tap_ok(rc == 0, "probe function 0 (%s)", vsim_strerror(rc));
	TAP_EQ(d.vendor, VIONIC_PCIE_CONFIG_VENDOR_ID, "vendor ID");
	TAP_EQ(d.device, VIONIC_PCIE_CONFIG_DEVICE_ID_NET, "device ID (0x1040 + net)");
	TAP_EQ(d.revision, VIONIC_PCIE_CONFIG_REVISION_ID, "revision ID (non-transitional)");
	TAP_EQ(d.class_code, VIONIC_PCIE_CONFIG_CLASS_CODE, "class code (Ethernet controller)");
	TAP_EQ(d.subsys_vendor, VIONIC_PCIE_CONFIG_SUBSYSTEM_VENDOR_ID, "subsystem vendor ID");
	TAP_EQ(d.subsys_id, VIONIC_PCIE_CONFIG_SUBSYSTEM_ID, "subsystem ID");
	TAP_EQ(d.header_type & PCI_HEADER_TYPE_MASK, PCI_HEADER_TYPE_NORMAL, "header type 0");
	TAP_EQ(!!(d.header_type & 0x80), VIONIC_PCIE_CONFIG_NUM_FUNCS > 1, "multi-function bit matches NUM_FUNCS");
	uint16_t st = pci_rd16(&d, PCI_STATUS);
	tap_ok(st & PCI_STATUS_CAP_LIST, "Status.Capabilities List set (status 0x%04x)", st);
	TAP_EQ(pci_rd8(&d, PCI_INTERRUPT_PIN), 0, "Interrupt Pin 0 (no INTx)");
	uint16_t cmd = pci_rd16(&d, PCI_COMMAND);
	TAP_EQ(cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_IO), 0,
	       "Command: memory, bus master, I/O off after reset");
	uint32_t orig_bar0 = pci_rd32(&d, PCI_BASE_ADDRESS_0);

	rc = pci_size_bars(&d);
	tap_ok(rc == 0, "BAR sizing completes (%s)", vsim_strerror(rc));
	struct pci_bar *b0 = &d.bar[0];
	TAP_EQ(b0->mask_lo & ~(uint32_t)PCI_BASE_ADDRESS_MEM_MASK, PCI_BASE_ADDRESS_MEM_TYPE_64,
	       "BAR0 type bits: memory, 64-bit, non-prefetchable");
	tap_ok(b0->implemented && b0->is64 && !b0->prefetch && !b0->is_io, "BAR0 decoded as 64-bit non-prefetchable memory");
	TAP_EQ(b0->size, 1ull << VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2, "BAR0 size (256 KiB)");
	TAP_EQ(b0->mask_hi, 0xffffffffu, "BAR1 (upper half) sizing mask all ones");
	for (unsigned int i = 2; i < PCI_NUM_BARS; i++)
		TAP_EQ(d.bar[i].mask_lo, 0, "BAR%u unimplemented (sizing reads 0)", i);
	TAP_EQ(pci_rd32(&d, PCI_BASE_ADDRESS_0), orig_bar0, "BAR0 restored after sizing");

	/* Assignment: a high address first (upper half writable), then the working one. */
	rc = pci_assign_bar(&d, 0, 0x123400000000ull);
	TAP_EQ(pci_bar_readback(&d, 0), 0x123400000000ull, "BAR0/1 hold a 64-bit address above 4 GiB");
	pci_wr32(&d, PCI_BASE_ADDRESS_0, 0xffffffffu);
	pci_wr32(&d, PCI_BASE_ADDRESS_0 + 4, 0);
	TAP_EQ(pci_bar_readback(&d, 0), (uint64_t)(0xffffffffu & ~((1u << VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2) - 1)),
	       "BAR0 low bits below the size read 0");
	rc = pci_assign_bar(&d, 0, TT_BAR0);
	TAP_EQ(pci_bar_readback(&d, 0), TT_BAR0, "BAR0 assigned 0x%llx", (unsigned long long)TT_BAR0);

	/* MMIO before memory enable: UR for reads, writes dropped. */
	uint64_t v = 0;
	uint64_t status_addr = TT_BAR0 + VIONIC_BAR0_MAP_COMMON_BASE + CC(DEVICE_STATUS);
	rc = vsim_mmio_read(sim, TT_BAR0 + VIONIC_BAR0_MAP_COMMON_BASE, 4, &v);
	TAP_EQ(rc, VSIM_EUR, "MMIO read with memory space disabled -> UR");
	vsim_mmio_write(sim, status_addr, 1, DS_ACK);
	vsim_flush_writes(sim);
	pci_set_command(&d, 1, 0);
	cmd = pci_rd16(&d, PCI_COMMAND);
	TAP_EQ(cmd & PCI_COMMAND_MEMORY, PCI_COMMAND_MEMORY, "Command.Memory Space Enable reads back set");
	rc = vsim_mmio_read(sim, TT_BAR0 + VIONIC_BAR0_MAP_COMMON_BASE, 4, &v);
	TAP_EQ(rc, 0, "MMIO read with memory space enabled -> SC");
	rc = vsim_mmio_read(sim, status_addr, 1, &v);
	TAP_EQ(rc == 0 ? v : 0xdead, 0, "write while memory disabled was dropped (device_status 0)");
	rc = vsim_mmio_read(sim, TT_BAR0 + VIONIC_BAR0_MAP_MSIX_TABLE_BASE, 4, &v);
	TAP_EQ(rc, 0, "MMIO read of the MSI-X table -> SC");
	rc = vsim_mmio_read(sim, TT_BAR0 + (1ull << VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2) - 4, 4, &v);
	TAP_EQ(rc, 0, "MMIO read of the last dword of BAR0 -> SC");
	pci_set_command(&d, 0, 0);
	rc = vsim_mmio_read(sim, TT_BAR0, 4, &v);
	TAP_EQ(rc, VSIM_EUR, "MMIO read after memory space disabled again -> UR");

	uint32_t hcode = 0;
	int halted = vsim_halted(sim, &hcode);
	tap_ok(!halted, "firmware still running");
	vsim_destroy(sim);
	return tap_done();
}
