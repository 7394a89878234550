/* SPDX-License-Identifier: MIT */
/*
 * vionic-probe - the Linux virtio-pci bring-up of a simulated vionic function, step by
 * step: enumeration, capabilities, reset, features, MSI-X, packed queues, DRIVER_OK,
 * device configuration. Exit status 0 if the device came up.
 *
 *   vionic-probe [--queues N] [--qsize N]
 */
#include <linux/pci_regs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb_sim.h"
#include "virtio_pci.h"

static void region(const char *name, const struct vp_region *r)
{
	printf("  %-8s cap 0x%02x  BAR%u + 0x%05x  length 0x%05x  -> 0x%llx\n", name, r->cap_off, r->bar,
	       r->offset, r->length, (unsigned long long)r->addr);
}

static void features(const char *what, const uint32_t w[4])
{
	printf("%s:", what);
	for (unsigned int b = 0; b < 128; b++)
		if (vp_feat_has(w, b)) {
			const char *n = vp_feature_name(b);
			if (n)
				printf(" %s", n);
			else
				printf(" bit%u", b);
		}
	printf("\n");
}

int main(int argc, char **argv)
{
	unsigned int nq = 2, qsize = 256;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--queues") && i + 1 < argc)
			nq = (unsigned int)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--qsize") && i + 1 < argc)
			qsize = (unsigned int)strtoul(argv[++i], NULL, 0);
		else {
			fprintf(stderr, "usage: vionic-probe [--queues N] [--qsize N]\n");
			return 2;
		}
	}
	if (nq == 0 || nq > 16)
		nq = 2;
	struct vsim_config c;
	tb_config(&c);
	printf("firmware: %s, %s\n", c.itcm_hex, c.dtcm_hex);
	struct vsim *sim = tb_sim_create(&c);
	if (!sim)
		return 1;
	struct vp_dev vp;
	int rc = vp_probe(&vp, sim, 0, VP_DEFAULT_BAR0);
	printf("[%9llu] enumerate: %04x:%04x rev %02x class %06x subsystem %04x:%04x\n",
	       (unsigned long long)vsim_cycles(sim), vp.pci.vendor, vp.pci.device, vp.pci.revision,
	       vp.pci.class_code, vp.pci.subsys_vendor, vp.pci.subsys_id);
	if (rc) {
		printf("probe failed: %s\n", vsim_strerror(rc));
		vsim_destroy(sim);
		return 1;
	}
	printf("  BAR0 %s %s size %llu KiB assigned 0x%llx; memory + bus master enabled\n",
	       vp.pci.bar[0].is64 ? "64-bit" : "32-bit", vp.pci.bar[0].prefetch ? "prefetchable" : "non-prefetchable",
	       (unsigned long long)(vp.pci.bar[0].size >> 10), (unsigned long long)vp.pci.bar[0].base);
	printf("[%9llu] virtio capabilities:\n", (unsigned long long)vsim_cycles(sim));
	region("common", &vp.common);
	region("notify", &vp.notify);
	printf("           notify_off_multiplier %u\n", vp.notify_off_multiplier);
	region("isr", &vp.isr);
	region("device", &vp.device);
	if (vp.pcicfg.present)
		printf("  pci_cfg  cap 0x%02x\n", vp.pcicfg.cap_off);
	printf("  MSI-X    cap 0x%02x  %u vectors  table BAR%u + 0x%x  PBA BAR%u + 0x%x\n", vp.msix_cap,
	       vp.msix_count, vp.msix_table_bir, vp.msix_table_off, vp.msix_pba_bir, vp.msix_pba_off);

	uint64_t t = vsim_cycles(sim);
	rc = vp_reset(&vp);
	printf("[%9llu] reset: %s (%llu cycles)\n", (unsigned long long)vsim_cycles(sim), vsim_strerror(rc),
	       (unsigned long long)(vsim_cycles(sim) - t));
	uint32_t dev[4];
	vp_read_device_features(&vp, dev);
	printf("[%9llu] ", (unsigned long long)vsim_cycles(sim));
	features("device features offered", dev);
	printf("  num_queues %u\n", VP_CRD(&vp, NUM_QUEUES));

	struct vp_queue qs[16];
	const char *step = "";
	vp.verbose = 1;
	rc = vp_init_full(&vp, NULL, nq, (uint16_t)qsize, qs, &step);
	uint32_t drv[4];
	for (unsigned int i = 0; i < 4; i++)
		drv[i] = vp_read_driver_feature_word(&vp, i);
	printf("[%9llu] ", (unsigned long long)vsim_cycles(sim));
	features("driver features accepted", drv);
	uint8_t s = vp_get_status(&vp);
	printf("[%9llu] device_status 0x%02x%s%s%s%s%s\n", (unsigned long long)vsim_cycles(sim), s,
	       s & VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE ? " ACKNOWLEDGE" : "",
	       s & VIONIC_VIRTIO_PCI_STATUS_DRIVER ? " DRIVER" : "",
	       s & VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK ? " FEATURES_OK" : "",
	       s & VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK ? " DRIVER_OK" : "",
	       s & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET ? " DEVICE_NEEDS_RESET" : "");
	if (rc) {
		printf("bring-up failed at %s: %s\n", step, vsim_strerror(rc));
		printf("firmware console:\n%s\n", vsim_console(sim));
		vsim_destroy(sim);
		return 1;
	}
	printf("  MSI-X enabled, config vector %u\n", VP_CRD(&vp, CONFIG_MSIX_VECTOR));
	struct vp_net_config nc;
	rc = vp_read_net_config(&vp, &nc);
	printf("[%9llu] device config (generation %u): mac %02x:%02x:%02x:%02x:%02x:%02x status 0x%04x (link %s) "
	       "mtu %u max_virtqueue_pairs %u\n",
	       (unsigned long long)vsim_cycles(sim), vp_generation(&vp), nc.mac[0], nc.mac[1], nc.mac[2], nc.mac[3],
	       nc.mac[4], nc.mac[5], nc.status, (nc.status & VIONIC_VIRTIO_PCI_NET_S_LINK_UP) ? "up" : "down", nc.mtu,
	       nc.max_virtqueue_pairs);
	printf("device up in %llu cycles (%.1f us at %.0f MHz)\n", (unsigned long long)vsim_cycles(sim),
	       vsim_ns(sim) / 1000.0, c.clock_mhz);
	const char *con = vsim_console(sim);
	if (con && *con)
		printf("firmware console:\n%s%s", con, con[strlen(con) - 1] == '\n' ? "" : "\n");
	vsim_destroy(sim);
	return rc ? 1 : 0;
}
