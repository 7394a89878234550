/* SPDX-License-Identifier: MIT */
/* capabilities: the chains are well formed and every capability agrees with regs/ (§4.1.4). */
#include <linux/pci_regs.h>
#include <linux/virtio_pci.h>
#include <stddef.h>

#include "tb_test.h"

static const char *type_name(unsigned int t)
{
	static const char *n[] = {"?", "common", "notify", "isr", "device", "pci_cfg"};
	return t < 6 ? n[t] : "?";
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	struct pci_dev *d = &vp.pci;
	const uint64_t bar0_size = 1ull << VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2;

	struct pci_cap_list l;
	pci_walk_caps(d, &l);
	tap_ok(l.n > 0, "capability list not empty (%u capabilities)", l.n);
	tap_ok(!l.loop && !l.too_many, "capability chain terminates without a loop");
	tap_ok(!l.out_of_range, "every capability pointer in 0x40..0xff");
	tap_ok(!l.misaligned, "every capability pointer dword aligned");
	tap_ok(!l.read_error, "no completion error while walking");
	TAP_EQ(pci_rd8(d, PCI_CAPABILITY_LIST) & 3, 0, "Capabilities Pointer low bits 0");

	/* virtio vendor capabilities */
	unsigned int count[10] = {0};
	int lens_ok = 1, within = 1;
	for (unsigned int i = 0; i < l.n; i++) {
		unsigned int pos = l.cap[i].off;
		if (l.cap[i].id != PCI_CAP_ID_VNDR)
			continue;
		uint8_t len = pci_rd8(d, pos + offsetof(struct virtio_pci_cap, cap_len));
		uint8_t type = pci_rd8(d, pos + offsetof(struct virtio_pci_cap, cfg_type));
		uint8_t bar = pci_rd8(d, pos + offsetof(struct virtio_pci_cap, bar));
		uint32_t off = pci_rd32(d, pos + offsetof(struct virtio_pci_cap, offset));
		uint32_t length = pci_rd32(d, pos + offsetof(struct virtio_pci_cap, length));
		if (type < 10)
			count[type]++;
		unsigned int want = (type == VIONIC_VIRTIO_PCI_CFG_TYPE_NOTIFY) ? sizeof(struct virtio_pci_notify_cap) :
				    (type == VIONIC_VIRTIO_PCI_CFG_TYPE_PCI) ? sizeof(struct virtio_pci_cfg_cap) :
				    sizeof(struct virtio_pci_cap);
		if (len != want) {
			lens_ok = 0;
			printf("#   cap at 0x%02x type %u: cap_len %u, expected %u\n", pos, type, len, want);
		}
		if (pos + len > 0x100) {
			lens_ok = 0;
			printf("#   cap at 0x%02x runs past 0xff\n", pos);
		}
		if (type != VIONIC_VIRTIO_PCI_CFG_TYPE_PCI &&
		    (bar != 0 || (uint64_t)off + length > bar0_size || length == 0)) {
			within = 0;
			printf("#   cap at 0x%02x type %u: bar %u offset 0x%x length 0x%x outside BAR0\n",
			       pos, type, bar, off, length);
		}
	}
	tap_ok(lens_ok, "virtio capabilities have the right cap_len and end below 0x100");
	tap_ok(within, "virtio structures lie inside BAR0 (bar 0, offset + length <= 256 KiB)");
	for (unsigned int t = VIONIC_VIRTIO_PCI_CFG_TYPE_COMMON; t <= VIONIC_VIRTIO_PCI_CFG_TYPE_PCI; t++)
		TAP_EQ(count[t], 1, "exactly one %s capability", type_name(t));

	struct {
		const char *name;
		struct vp_region *r;
		unsigned int cap_off;
		uint32_t base, size;
	} regs[] = {
		{"common", &vp.common, VIONIC_PCIE_CONFIG_CAP_VIRTIO_COMMON, VIONIC_BAR0_MAP_COMMON_BASE, VIONIC_BAR0_MAP_COMMON_SIZE},
		{"notify", &vp.notify, VIONIC_PCIE_CONFIG_CAP_VIRTIO_NOTIFY, VIONIC_BAR0_MAP_NOTIFY_BASE, VIONIC_BAR0_MAP_NOTIFY_SIZE},
		{"isr", &vp.isr, VIONIC_PCIE_CONFIG_CAP_VIRTIO_ISR, VIONIC_BAR0_MAP_ISR_BASE, VIONIC_BAR0_MAP_ISR_SIZE},
		{"device", &vp.device, VIONIC_PCIE_CONFIG_CAP_VIRTIO_DEVICE, VIONIC_BAR0_MAP_DEVICE_BASE, VIONIC_BAR0_MAP_DEVICE_SIZE},
	};
	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		tap_ok(regs[i].r->present, "%s capability found by the walk", regs[i].name);
		TAP_EQ(regs[i].r->cap_off, regs[i].cap_off, "%s capability at the offset of regs/pcie_config.toml", regs[i].name);
		TAP_EQ(regs[i].r->bar, 0, "%s in BAR0", regs[i].name);
		TAP_EQ(regs[i].r->offset, regs[i].base, "%s offset = regs/bar0_map.toml base", regs[i].name);
		TAP_EQ(regs[i].r->length, regs[i].size, "%s length = regs/bar0_map.toml size", regs[i].name);
	}
	/* §4.1.4.3.1, §4.1.4.4.1, §4.1.4.6.1 alignment rules */
	TAP_EQ(vp.common.offset & 3, 0, "common offset 4-byte aligned");
	TAP_EQ(vp.device.offset & 3, 0, "device offset 4-byte aligned");
	TAP_EQ(vp.notify.offset & 1, 0, "notify offset 2-byte aligned");
	uint32_t m = vp.notify_off_multiplier;
	int even_pow2 = m == 0 || (!(m & (m - 1)) && (__builtin_ctz(m) % 2) == 0);
	tap_ok(even_pow2, "notify_off_multiplier 0x%x is 0 or an even power of 2", m);
	tap_ok(vp.pcicfg.present, "pci_cfg access capability found");
	TAP_EQ(vp.pcicfg.cap_off, VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG, "pci_cfg capability at the regs/ offset");
	TAP_EQ(vp.notify_off_multiplier, VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER, "notify_off_multiplier");
	tap_ok((uint64_t)vp.notify_off_multiplier * VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC <= vp.notify.length,
	       "notify region holds a doorbell per queue (%u x 0x%x <= 0x%x)", VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC,
	       vp.notify_off_multiplier, vp.notify.length);

	/* MSI-X */
	TAP_EQ(vp.msix_cap, VIONIC_PCIE_CONFIG_CAP_MSIX, "MSI-X capability at the regs/ offset");
	TAP_EQ(vp.msix_count, VIONIC_PCIE_CONFIG_MSIX_VECTORS, "MSI-X table size");
	TAP_EQ(vp.msix_table_bir, 0, "MSI-X table BIR 0");
	TAP_EQ(vp.msix_table_off, VIONIC_BAR0_MAP_MSIX_TABLE_BASE, "MSI-X table offset = regs/bar0_map.toml");
	TAP_EQ(vp.msix_pba_bir, 0, "MSI-X PBA BIR 0");
	TAP_EQ(vp.msix_pba_off, VIONIC_BAR0_MAP_MSIX_PBA_BASE, "MSI-X PBA offset = regs/bar0_map.toml");
	tap_ok(vp.msix_table_off + 16ull * vp.msix_count <= VIONIC_BAR0_MAP_MSIX_TABLE_BASE + VIONIC_BAR0_MAP_MSIX_TABLE_WINDOW &&
	       vp.msix_pba_off + (vp.msix_count + 63) / 64 * 8 <= bar0_size,
	       "MSI-X table and PBA fit in BAR0");
	uint16_t mc = vp_msix_ctrl(&vp);
	TAP_EQ(mc & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL), 0, "MSI-X Enable and Function Mask clear after reset");

	/* PCI Express */
	unsigned int pe = pci_find_cap(d, PCI_CAP_ID_EXP);
	TAP_EQ(pe, VIONIC_PCIE_CONFIG_CAP_PCIE, "PCI Express capability at the regs/ offset");
	uint16_t flags = pci_rd16(d, pe + PCI_EXP_FLAGS);
	TAP_EQ(flags & PCI_EXP_FLAGS_VERS, 2, "PCIe capability version 2");
	TAP_EQ((flags & PCI_EXP_FLAGS_TYPE) >> 4, PCI_EXP_TYPE_ENDPOINT, "device/port type: endpoint");
	uint32_t dc = pci_rd32(d, pe + PCI_EXP_DEVCAP);
	tap_ok(dc & PCI_EXP_DEVCAP_FLR, "DevCap: FLR capable (0x%08x)", dc);
	TAP_EQ(128u << (dc & PCI_EXP_DEVCAP_PAYLOAD), 512, "DevCap: Max_Payload_Size supported 512 B");

	/* Power management */
	unsigned int pm = pci_find_cap(d, PCI_CAP_ID_PM);
	TAP_EQ(pm, VIONIC_PCIE_CONFIG_CAP_PM, "power management capability at the regs/ offset");
	uint16_t pmcsr = pci_rd16(d, pm + PCI_PM_CTRL);
	TAP_EQ(pmcsr & PCI_PM_CTRL_STATE_MASK, 0, "PMCSR: D0");
	tap_ok(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET, "PMCSR: No_Soft_Reset (0x%04x)", pmcsr);

	/* Extended capabilities */
	struct pci_ext_cap_list e;
	pci_walk_ext_caps(d, &e);
	tap_ok(e.n >= 1 && !e.loop && !e.out_of_range && !e.too_many && !e.misaligned,
	       "extended capability chain well formed (%u entries)", e.n);
	TAP_EQ(e.n ? e.cap[0].off : 0, VIONIC_PCIE_CONFIG_EXT_CAP_DSN, "first extended capability at 0x100");
	TAP_EQ(e.n ? e.cap[0].id : 0, PCI_EXT_CAP_ID_DSN, "it is the Device Serial Number");
	unsigned int dsn_end = VIONIC_PCIE_CONFIG_EXT_CAP_DSN + PCI_EXT_CAP_DSN_SIZEOF;
	int zero_ok = 1, err_ok = 1;
	unsigned int first_bad = 0;
	uint32_t bad_val = 0;
	for (unsigned int off = dsn_end; off < VIONIC_PCIE_CONFIG_CONFIG_SPACE_SIZE; off += 4) {
		uint32_t v = 0;
		int rc = vsim_cfg_read(sim, 0, off, 4, &v);
		if (rc) {
			if (err_ok)
				printf("#   config read 0x%03x: %s\n", off, vsim_strerror(rc));
			err_ok = 0;
		} else if (v && zero_ok) {
			zero_ok = 0;
			first_bad = off;
			bad_val = v;
		}
	}
	tap_ok(err_ok, "config reads 0x%03x..0xffc complete successfully", dsn_end);
	tap_ok(zero_ok, "config reads 0x%03x..0xffc return 0%s", dsn_end, zero_ok ? "" : " (see below)");
	if (!zero_ok)
		printf("#   0x%03x reads 0x%08x\n", first_bad, bad_val);

	vsim_destroy(sim);
	return tap_done();
}
