/* SPDX-License-Identifier: MIT */
/*
 * vionic-lspci - show a simulated vionic function's configuration space the way
 * `lspci -vvv` does. It enumerates like firmware would (sizes BARs, assigns BAR0,
 * enables memory decoding) unless --no-assign is given, then decodes whatever
 * capabilities it finds by walking the chains (nothing about the layout is assumed).
 *
 *   vionic-lspci [--func N] [--no-assign] [--bar0 ADDR] [-x | -xxx | -xxxx]
 */
#include <linux/pci_regs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci.h"
#include "tb_sim.h"

static struct pci_dev dev;
static uint8_t cfg[4096];
static int cfg_ok[4096 / 4];

static void fetch_config(unsigned int len)
{
	for (unsigned int off = 0; off < len; off += 4) {
		uint32_t v = 0;
		int rc = pci_cfg_read(&dev, off, 4, &v);
		cfg_ok[off / 4] = rc == 0;
		if (rc)
			v = 0xffffffffu;
		for (unsigned int k = 0; k < 4; k++)
			cfg[off + k] = (uint8_t)(v >> (8 * k));
	}
}

static uint8_t c8(unsigned int o) { return cfg[o]; }
static uint16_t c16(unsigned int o) { return (uint16_t)(cfg[o] | cfg[o + 1] << 8); }
static uint32_t c32(unsigned int o) { return (uint32_t)c16(o) | (uint32_t)c16(o + 2) << 16; }
static char f(uint32_t v, uint32_t bit) { return (v & bit) ? '+' : '-'; }

static const char *class_name(uint32_t cls)
{
	switch (cls >> 8) {
	case 0x0200: return "Ethernet controller";
	case 0x0280: return "Network controller";
	case 0x0100: return "SCSI storage controller";
	case 0x0108: return "Non-Volatile memory controller";
	case 0x0500: return "RAM memory";
	case 0x0880: return "System peripheral";
	case 0x0604: return "PCI bridge";
	case 0x0600: return "Host bridge";
	case 0x0000: return "Non-VGA unclassified device";
	default: return NULL;
	}
}

static const char *vendor_name(uint16_t v)
{
	return v == 0x1af4 ? "Red Hat, Inc." : NULL;
}

static const char *device_name(uint16_t v, uint16_t d)
{
	if (v != 0x1af4)
		return NULL;
	switch (d) {
	case 0x1000: return "Virtio network device";
	case 0x1041: return "Virtio 1.0 network device";
	case 0x1042: return "Virtio 1.0 block device";
	case 0x1043: return "Virtio 1.0 console";
	default: return NULL;
	}
}

static void print_size(uint64_t s)
{
	static const char *u[] = {"", "K", "M", "G", "T"};
	unsigned int i = 0;
	while (s >= 1024 && !(s & 1023) && i < 4) {
		s /= 1024;
		i++;
	}
	printf(" [size=%llu%s]", (unsigned long long)s, u[i]);
}

static void show_header(void)
{
	uint16_t vendor = c16(PCI_VENDOR_ID), device = c16(PCI_DEVICE_ID);
	uint32_t cls = c32(PCI_CLASS_REVISION) >> 8;
	uint8_t rev = c8(PCI_REVISION_ID);
	const char *cn = class_name(cls), *vn = vendor_name(vendor), *dn = device_name(vendor, device);
	printf("00:00.%u ", dev.func);
	if (cn)
		printf("%s: ", cn);
	else
		printf("Class %04x: ", cls >> 8);
	if (vn && dn)
		printf("%s %s", vn, dn);
	else if (vn)
		printf("%s Device %04x", vn, device);
	else
		printf("Device %04x:%04x", vendor, device);
	if (rev)
		printf(" (rev %02x)", rev);
	if (cls & 0xff)
		printf(" (prog-if %02x)", cls & 0xff);
	printf("\n");

	uint16_t sv = c16(PCI_SUBSYSTEM_VENDOR_ID), sd = c16(PCI_SUBSYSTEM_ID);
	if (sv && sv != 0xffff) {
		const char *svn = vendor_name(sv);
		if (svn)
			printf("\tSubsystem: %s Device %04x\n", svn, sd);
		else
			printf("\tSubsystem: Device %04x:%04x\n", sv, sd);
	}
	uint16_t cmd = c16(PCI_COMMAND), st = c16(PCI_STATUS);
	printf("\tControl: I/O%c Mem%c BusMaster%c SpecCycle%c MemWINV%c VGASnoop%c ParErr%c "
	       "Stepping%c SERR%c FastB2B%c DisINTx%c\n",
	       f(cmd, PCI_COMMAND_IO), f(cmd, PCI_COMMAND_MEMORY), f(cmd, PCI_COMMAND_MASTER),
	       f(cmd, PCI_COMMAND_SPECIAL), f(cmd, PCI_COMMAND_INVALIDATE), f(cmd, PCI_COMMAND_VGA_PALETTE),
	       f(cmd, PCI_COMMAND_PARITY), f(cmd, PCI_COMMAND_WAIT), f(cmd, PCI_COMMAND_SERR),
	       f(cmd, PCI_COMMAND_FAST_BACK), f(cmd, PCI_COMMAND_INTX_DISABLE));
	static const char *devsel[] = {"fast", "medium", "slow", "??"};
	printf("\tStatus: Cap%c 66MHz%c UDF%c FastB2B%c ParErr%c DEVSEL=%s >TAbort%c <TAbort%c "
	       "<MAbort%c >SERR%c <PERR%c INTx%c\n",
	       f(st, PCI_STATUS_CAP_LIST), f(st, PCI_STATUS_66MHZ), f(st, PCI_STATUS_UDF),
	       f(st, PCI_STATUS_FAST_BACK), f(st, PCI_STATUS_PARITY),
	       devsel[(st & PCI_STATUS_DEVSEL_MASK) >> 9], f(st, PCI_STATUS_SIG_TARGET_ABORT),
	       f(st, PCI_STATUS_REC_TARGET_ABORT), f(st, PCI_STATUS_REC_MASTER_ABORT),
	       f(st, PCI_STATUS_SIG_SYSTEM_ERROR), f(st, PCI_STATUS_DETECTED_PARITY),
	       f(st, PCI_STATUS_INTERRUPT));
	if (cmd & PCI_COMMAND_MASTER)
		printf("\tLatency: %u\n", c8(PCI_LATENCY_TIMER));
	uint8_t pin = c8(PCI_INTERRUPT_PIN);
	if (pin)
		printf("\tInterrupt: pin %c routed to IRQ %u\n", 'A' + pin - 1, c8(PCI_INTERRUPT_LINE));

	for (unsigned int i = 0; i < PCI_NUM_BARS; i++) {
		struct pci_bar *b = &dev.bar[i];
		if (b->upper_half || !b->implemented)
			continue;
		uint32_t lo = c32(PCI_BASE_ADDRESS_0 + 4 * i);
		if (b->is_io) {
			printf("\tRegion %u: I/O ports at %04x", i, (unsigned int)(lo & PCI_BASE_ADDRESS_IO_MASK));
			if (!(cmd & PCI_COMMAND_IO))
				printf(" [disabled]");
		} else {
			uint64_t a = lo & (uint32_t)PCI_BASE_ADDRESS_MEM_MASK;
			if (b->is64)
				a |= (uint64_t)c32(PCI_BASE_ADDRESS_0 + 4 * i + 4) << 32;
			if (a)
				printf("\tRegion %u: Memory at %llx", i, (unsigned long long)a);
			else
				printf("\tRegion %u: Memory at <unassigned>", i);
			printf(" (%s, %sprefetchable)", b->is64 ? "64-bit" : "32-bit", b->prefetch ? "" : "non-");
			if (!(cmd & PCI_COMMAND_MEMORY))
				printf(" [disabled]");
		}
		print_size(b->size);
		printf("\n");
	}
	uint32_t rom = c32(PCI_ROM_ADDRESS);
	if (rom & PCI_ROM_ADDRESS_MASK)
		printf("\tExpansion ROM at %08x\n", (unsigned int)(rom & PCI_ROM_ADDRESS_MASK));
}

static const char *link_speed(unsigned int s)
{
	static const char *sp[] = {"unknown", "2.5GT/s", "5GT/s", "8GT/s", "16GT/s", "32GT/s", "64GT/s"};
	return s < 7 ? sp[s] : "unknown";
}

static void show_express(unsigned int w, uint16_t flags)
{
	static const char *types[] = {"Endpoint", "Legacy Endpoint", "?2", "?3", "Root Port",
				      "Upstream Port", "Downstream Port", "PCI-Express to PCI/PCI-X Bridge",
				      "PCI/PCI-X to PCI-Express Bridge", "Root Complex Integrated Endpoint",
				      "Root Complex Event Collector", "?11", "?12", "?13", "?14", "?15"};
	unsigned int type = (flags & PCI_EXP_FLAGS_TYPE) >> 4;
	printf("Express (v%u) %s, MSI %02x\n", flags & PCI_EXP_FLAGS_VERS, types[type],
	       (flags & PCI_EXP_FLAGS_IRQ) >> 9);
	static const char *l0s[] = {"<64ns", "<128ns", "<256ns", "<512ns", "<1us", "<2us", "<4us", "unlimited"};
	static const char *l1[] = {"<1us", "<2us", "<4us", "<8us", "<16us", "<32us", "<64us", "unlimited"};
	uint32_t dc = c32(w + PCI_EXP_DEVCAP);
	printf("\t\tDevCap:\tMaxPayload %u bytes, PhantFunc %u, Latency L0s %s, L1 %s\n",
	       128u << (dc & PCI_EXP_DEVCAP_PAYLOAD), (dc & PCI_EXP_DEVCAP_PHANTOM) >> 3,
	       l0s[(dc & PCI_EXP_DEVCAP_L0S) >> 6], l1[(dc & PCI_EXP_DEVCAP_L1) >> 9]);
	unsigned int spl = (dc & PCI_EXP_DEVCAP_PWR_VAL) >> 18, sps = (dc & PCI_EXP_DEVCAP_PWR_SCL) >> 26;
	static const double scale[] = {1.0, 0.1, 0.01, 0.001};
	printf("\t\t\tExtTag%c AttnBtn%c AttnInd%c PwrInd%c RBE%c FLReset%c SlotPowerLimit %gW\n",
	       f(dc, PCI_EXP_DEVCAP_EXT_TAG), f(dc, 0x1000), f(dc, 0x2000), f(dc, 0x4000),
	       f(dc, PCI_EXP_DEVCAP_RBER), f(dc, PCI_EXP_DEVCAP_FLR), spl * scale[sps]);
	uint16_t ctl = c16(w + PCI_EXP_DEVCTL);
	printf("\t\tDevCtl:\tCorrErr%c NonFatalErr%c FatalErr%c UnsupReq%c\n",
	       f(ctl, PCI_EXP_DEVCTL_CERE), f(ctl, PCI_EXP_DEVCTL_NFERE), f(ctl, PCI_EXP_DEVCTL_FERE),
	       f(ctl, PCI_EXP_DEVCTL_URRE));
	printf("\t\t\tRlxdOrd%c ExtTag%c PhantFunc%c AuxPwr%c NoSnoop%c FLReset%c\n",
	       f(ctl, PCI_EXP_DEVCTL_RELAX_EN), f(ctl, PCI_EXP_DEVCTL_EXT_TAG), f(ctl, PCI_EXP_DEVCTL_PHANTOM),
	       f(ctl, PCI_EXP_DEVCTL_AUX_PME), f(ctl, PCI_EXP_DEVCTL_NOSNOOP_EN), f(ctl, PCI_EXP_DEVCTL_BCR_FLR));
	printf("\t\t\tMaxPayload %u bytes, MaxReadReq %u bytes\n",
	       128u << ((ctl & PCI_EXP_DEVCTL_PAYLOAD) >> 5), 128u << ((ctl & PCI_EXP_DEVCTL_READRQ) >> 12));
	uint16_t ds = c16(w + PCI_EXP_DEVSTA);
	printf("\t\tDevSta:\tCorrErr%c NonFatalErr%c FatalErr%c UnsupReq%c AuxPwr%c TransPend%c\n",
	       f(ds, PCI_EXP_DEVSTA_CED), f(ds, PCI_EXP_DEVSTA_NFED), f(ds, PCI_EXP_DEVSTA_FED),
	       f(ds, PCI_EXP_DEVSTA_URD), f(ds, PCI_EXP_DEVSTA_AUXPD), f(ds, PCI_EXP_DEVSTA_TRPND));
	uint32_t lc = c32(w + PCI_EXP_LNKCAP);
	static const char *aspm[] = {"not supported", "L0s", "L1", "L0s L1"};
	printf("\t\tLnkCap:\tPort #%u, Speed %s, Width x%u, ASPM %s\n", lc >> 24,
	       link_speed(lc & PCI_EXP_LNKCAP_SLS), (lc & PCI_EXP_LNKCAP_MLW) >> 4,
	       aspm[(lc & PCI_EXP_LNKCAP_ASPMS) >> 10]);
	printf("\t\t\tClockPM%c Surprise%c LLActRep%c BwNot%c ASPMOptComp%c\n",
	       f(lc, PCI_EXP_LNKCAP_CLKPM), f(lc, PCI_EXP_LNKCAP_SDERC), f(lc, PCI_EXP_LNKCAP_DLLLARC),
	       f(lc, PCI_EXP_LNKCAP_LBNC), f(lc, 0x400000));
	uint16_t lctl = c16(w + PCI_EXP_LNKCTL);
	static const char *aspmc[] = {"Disabled", "L0s Enabled", "L1 Enabled", "L0s L1 Enabled"};
	printf("\t\tLnkCtl:\tASPM %s; RCB %u bytes, Disabled%c CommClk%c\n", aspmc[lctl & 3],
	       (lctl & PCI_EXP_LNKCTL_RCB) ? 128u : 64u, f(lctl, PCI_EXP_LNKCTL_LD), f(lctl, PCI_EXP_LNKCTL_CCC));
	printf("\t\t\tExtSynch%c ClockPM%c AutWidDis%c BWInt%c AutBWInt%c\n",
	       f(lctl, PCI_EXP_LNKCTL_ES), f(lctl, PCI_EXP_LNKCTL_CLKREQ_EN), f(lctl, PCI_EXP_LNKCTL_HAWD),
	       f(lctl, PCI_EXP_LNKCTL_LBMIE), f(lctl, PCI_EXP_LNKCTL_LABIE));
	uint16_t ls = c16(w + PCI_EXP_LNKSTA);
	printf("\t\tLnkSta:\tSpeed %s, Width x%u\n", link_speed(ls & PCI_EXP_LNKSTA_CLS),
	       (ls & PCI_EXP_LNKSTA_NLW) >> 4);
	printf("\t\t\tTrErr%c Train%c SlotClk%c DLActive%c BWMgmt%c ABWMgmt%c\n",
	       f(ls, 0x0400), f(ls, PCI_EXP_LNKSTA_LT), f(ls, PCI_EXP_LNKSTA_SLC), f(ls, PCI_EXP_LNKSTA_DLLLA),
	       f(ls, PCI_EXP_LNKSTA_LBMS), f(ls, PCI_EXP_LNKSTA_LABS));
	if ((flags & PCI_EXP_FLAGS_VERS) >= 2) {
		uint32_t dc2 = c32(w + PCI_EXP_DEVCAP2);
		uint16_t dctl2 = c16(w + PCI_EXP_DEVCTL2);
		printf("\t\tDevCap2: Completion Timeout: Range %c%c%c%c, TimeoutDis%c 10BitTagComp%c 10BitTagReq%c\n",
		       (dc2 & 1) ? 'A' : '-', (dc2 & 2) ? 'B' : '-', (dc2 & 4) ? 'C' : '-', (dc2 & 8) ? 'D' : '-',
		       f(dc2, PCI_EXP_DEVCAP2_COMP_TMOUT_DIS), f(dc2, 1u << 16), f(dc2, 1u << 17));
		printf("\t\tDevCtl2: Completion Timeout: %s, TimeoutDis%c 10BitTagReq%c\n",
		       (dctl2 & 0xf) ? "custom" : "50us to 50ms", f(dctl2, PCI_EXP_DEVCTL2_COMP_TMOUT_DIS),
		       f(dctl2, 1u << 12));
	}
}

static void show_pm(unsigned int w)
{
	uint16_t pmc = c16(w + PCI_PM_PMC);
	static const unsigned int aux[] = {0, 55, 100, 160, 220, 270, 320, 375};
	printf("Power Management version %u\n", pmc & PCI_PM_CAP_VER_MASK);
	printf("\t\tFlags: PMEClk%c DSI%c D1%c D2%c AuxCurrent=%umA PME(D0%c,D1%c,D2%c,D3hot%c,D3cold%c)\n",
	       f(pmc, PCI_PM_CAP_PME_CLOCK), f(pmc, PCI_PM_CAP_DSI), f(pmc, PCI_PM_CAP_D1),
	       f(pmc, PCI_PM_CAP_D2), aux[(pmc & PCI_PM_CAP_AUX_POWER) >> 6], f(pmc, PCI_PM_CAP_PME_D0),
	       f(pmc, PCI_PM_CAP_PME_D1), f(pmc, PCI_PM_CAP_PME_D2), f(pmc, PCI_PM_CAP_PME_D3hot),
	       f(pmc, PCI_PM_CAP_PME_D3cold));
	uint16_t cs = c16(w + PCI_PM_CTRL);
	printf("\t\tStatus: D%u NoSoftRst%c PME-Enable%c DSel=%u DScale=%u PME%c\n",
	       cs & PCI_PM_CTRL_STATE_MASK, f(cs, PCI_PM_CTRL_NO_SOFT_RESET), f(cs, PCI_PM_CTRL_PME_ENABLE),
	       (cs & PCI_PM_CTRL_DATA_SEL_MASK) >> 9, (cs & PCI_PM_CTRL_DATA_SCALE_MASK) >> 13,
	       f(cs, PCI_PM_CTRL_PME_STATUS));
}

static void show_msix(unsigned int w)
{
	uint16_t ctl = c16(w + PCI_MSIX_FLAGS);
	uint32_t t = c32(w + PCI_MSIX_TABLE), p = c32(w + PCI_MSIX_PBA);
	printf("MSI-X: Enable%c Count=%u Masked%c\n", f(ctl, PCI_MSIX_FLAGS_ENABLE),
	       (ctl & PCI_MSIX_FLAGS_QSIZE) + 1, f(ctl, PCI_MSIX_FLAGS_MASKALL));
	printf("\t\tVector table: BAR=%u offset=%08x\n", t & PCI_MSIX_TABLE_BIR, t & PCI_MSIX_TABLE_OFFSET);
	printf("\t\tPBA: BAR=%u offset=%08x\n", p & PCI_MSIX_PBA_BIR, p & PCI_MSIX_PBA_OFFSET);
}

static void show_vendor(unsigned int w)
{
	uint8_t len = c8(w + 2);
	printf("Vendor Specific Information: ");
	if (c16(PCI_VENDOR_ID) == 0x1af4 && len >= 16) {
		uint8_t type = c8(w + 3);
		const char *tn = "<unknown>";
		switch (type) {
		case 1: tn = "CommonCfg"; break;
		case 2: tn = "Notify"; break;
		case 3: tn = "ISR"; break;
		case 4: tn = "DeviceCfg"; break;
		default: break;
		}
		printf("VirtIO: %s\n", tn);
		printf("\t\tBAR=%u offset=%08x size=%08x", c8(w + 4), c32(w + 8), c32(w + 12));
		if (type == 2 && len >= 20)
			printf(" multiplier=%08x", c32(w + 16));
		printf("\n");
	} else {
		printf("Len=%02x <?>\n", len);
	}
}

static void show_caps(void)
{
	struct pci_cap_list l;
	pci_walk_caps(&dev, &l);
	for (unsigned int i = 0; i < l.n; i++) {
		unsigned int w = l.cap[i].off;
		printf("\tCapabilities: [%02x] ", w);
		switch (l.cap[i].id) {
		case PCI_CAP_ID_EXP: show_express(w, c16(w + PCI_EXP_FLAGS)); break;
		case PCI_CAP_ID_PM: show_pm(w); break;
		case PCI_CAP_ID_MSIX: show_msix(w); break;
		case PCI_CAP_ID_MSI: printf("MSI: Enable%c\n", f(c16(w + 2), 1)); break;
		case PCI_CAP_ID_VNDR: show_vendor(w); break;
		default: printf("#%02x [%04x]\n", l.cap[i].id, c16(w + 2)); break;
		}
	}
	if (l.loop || l.out_of_range || l.too_many || l.read_error)
		printf("\tCapabilities: [%02x] <chain broken: %s>\n", l.n ? l.cap[l.n - 1].next : 0,
		       l.loop ? "loop" : l.out_of_range ? "pointer out of range" :
		       l.too_many ? "too many" : "read error");

	struct pci_ext_cap_list e;
	pci_walk_ext_caps(&dev, &e);
	for (unsigned int i = 0; i < e.n; i++) {
		unsigned int w = e.cap[i].off;
		printf("\tCapabilities: [%03x v%u] ", w, e.cap[i].ver);
		switch (e.cap[i].id) {
		case PCI_EXT_CAP_ID_DSN: {
			uint32_t lo = c32(w + 4), hi = c32(w + 8);
			printf("Device Serial Number %02x-%02x-%02x-%02x-%02x-%02x-%02x-%02x\n",
			       hi >> 24, (hi >> 16) & 0xff, (hi >> 8) & 0xff, hi & 0xff,
			       lo >> 24, (lo >> 16) & 0xff, (lo >> 8) & 0xff, lo & 0xff);
			break;
		}
		default: printf("Extended Capability ID %#02x\n", e.cap[i].id); break;
		}
	}
	if (e.loop || e.out_of_range || e.too_many)
		printf("\tCapabilities: <extended chain broken: %s>\n",
		       e.loop ? "loop" : e.out_of_range ? "pointer out of range" : "too many");
}

static void hexdump(unsigned int len)
{
	for (unsigned int o = 0; o < len; o += 16) {
		printf(len > 256 ? "%03x:" : "%02x:", o);
		for (unsigned int k = 0; k < 16; k++)
			printf(" %02x", cfg[o + k]);
		printf("\n");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: vionic-lspci [--func N] [--no-assign] [--bar0 ADDR] [-x|-xxx|-xxxx]\n"
			"  firmware images: env VIONIC_FW_ITCM / VIONIC_FW_DTCM (default %s, %s)\n",
		tb_fw_itcm(), tb_fw_dtcm());
}

int main(int argc, char **argv)
{
	unsigned int func = 0, dump = 0;
	int assign = 1;
	uint64_t bar0 = 0xe0000000ull;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--func") && i + 1 < argc)
			func = (unsigned int)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--bar0") && i + 1 < argc)
			bar0 = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--no-assign"))
			assign = 0;
		else if (!strcmp(argv[i], "-x"))
			dump = 64;
		else if (!strcmp(argv[i], "-xx") || !strcmp(argv[i], "-xxx"))
			dump = 256;
		else if (!strcmp(argv[i], "-xxxx"))
			dump = 4096;
		else {
			usage();
			return 2;
		}
	}
	struct vsim_config c;
	tb_config(&c);
	struct vsim *sim = tb_sim_create(&c);
	if (!sim)
		return 1;
	if (bar0 >= c.host_mem_base && bar0 < c.host_mem_base + c.host_mem_size) {
		fprintf(stderr, "BAR0 address 0x%llx is inside host memory\n", (unsigned long long)bar0);
		return 2;
	}
	int rc = pci_probe(&dev, sim, func);
	if (rc) {
		fprintf(stderr, "00:00.%u: no device (%s)\n", func, vsim_strerror(rc));
		vsim_destroy(sim);
		return 1;
	}
	pci_size_bars(&dev);
	if (assign) {
		if (dev.bar[0].implemented && !dev.bar[0].is_io && pci_assign_bar(&dev, 0, bar0) == 0)
			pci_set_command(&dev, 1, 0);
	}
	fetch_config(4096);
	show_header();
	show_caps();
	if (dump) {
		hexdump(dump);
	}
	printf("\n");
	vsim_destroy(sim);
	return 0;
}
