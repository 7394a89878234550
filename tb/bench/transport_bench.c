/* SPDX-License-Identifier: MIT */
/*
 * transport_bench - latency of the virtio-pci transport as a driver sees it, in device
 * cycles and ns: control-path writes until their effect is visible (firmware round
 * trip), and register reads answered by hardware. Lines "BENCH <name> <value> <unit>"
 * are machine-readable (median of N runs; min and max given too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb_sim.h"
#include "virtio_pci.h"

#define RUNS 32

static struct vsim *sim;
static struct vp_dev vp;
static double mhz;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *name, const char *what, uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(v[0]), cmp_u64);
	uint64_t med = v[n / 2];
	printf("%-28s median %6llu cycles %8.1f ns   (min %llu, max %llu, n=%u)  %s\n", name,
	       (unsigned long long)med, med * 1000.0 / mhz, (unsigned long long)v[0],
	       (unsigned long long)v[n - 1], n, what);
	printf("BENCH %s_cycles %llu cycles\n", name, (unsigned long long)med);
	printf("BENCH %s_ns %.1f ns\n", name, med * 1000.0 / mhz);
}

/* Cycles from a write until a polling read sees (value & mask) == want. */
static uint64_t write_until(unsigned int off, unsigned int size, uint32_t val, uint32_t mask, uint32_t want)
{
	uint64_t t0 = vsim_cycles(sim);
	vp_common_wr(&vp, off, size, val);
	for (int i = 0; i < 100000; i++) {
		uint32_t r = vp_common_rd(&vp, off, size);
		if ((r & mask) == want || vp.last_err)
			break;
	}
	return vsim_cycles(sim) - t0;
}

static uint64_t read_lat(uint64_t addr, unsigned int size)
{
	uint64_t t0 = vsim_cycles(sim);
	vp_mmio_rd(&vp, addr, size);
	return vsim_cycles(sim) - t0;
}

int main(void)
{
	struct vsim_config c;
	tb_config(&c);
	sim = tb_sim_create(&c);
	if (!sim)
		return 1;
	mhz = c.clock_mhz > 0 ? c.clock_mhz : 250.0;
	uint64_t t_boot0 = vsim_cycles(sim);
	int rc = vp_probe(&vp, sim, 0, VP_DEFAULT_BAR0);
	if (rc) {
		fprintf(stderr, "probe failed: %s\n", vsim_strerror(rc));
		return 1;
	}
	uint64_t t_enum = vsim_cycles(sim) - t_boot0;
	printf("conditions: device clock %.0f MHz; host read latency %.0f ns; link %.2f Gb/s per direction; "
	       "TLP overhead %u B; MPS %u B; RCB %u B\n", mhz, c.host_read_latency_ns, c.link_gbps,
	       c.tlp_overhead_bytes, c.mps_bytes, c.rcb_bytes);
	printf("BENCH clock_mhz %.0f MHz\n", mhz);
	printf("enumeration (boot + CRS wait + BAR sizing + capability walk): %llu cycles\n",
	       (unsigned long long)t_enum);
	printf("BENCH enumerate_cycles %llu cycles\n", (unsigned long long)t_enum);

	uint64_t v[RUNS];
	uint32_t drv[4] = {0};
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_VERSION_1);
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_RING_PACKED);
	vp_feat_set(drv, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM);
	const uint8_t ad = VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE | VIONIC_VIRTIO_PCI_STATUS_DRIVER;

	/* reset: device_status 0 until it reads 0 (from ACKNOWLEDGE|DRIVER|FEATURES_OK) */
	for (unsigned int i = 0; i < RUNS; i++) {
		vp_reset(&vp);
		vp_negotiate(&vp, drv);
		vsim_run(sim, 1000);
		v[i] = write_until(VIONIC_VIRTIO_COMMON_CFG_DEVICE_STATUS_OFFSET, 1, 0, 0xff, 0);
	}
	report("reset", "device_status=0 write until it reads 0", v, RUNS);

	/* FEATURES_OK write until visible */
	for (unsigned int i = 0; i < RUNS; i++) {
		vp_reset(&vp);
		vp_set_status(&vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE);
		vp_set_status(&vp, ad);
		vp_write_driver_features(&vp, drv);
		vp_get_status(&vp);
		vsim_run(sim, 1000);
		v[i] = write_until(VIONIC_VIRTIO_COMMON_CFG_DEVICE_STATUS_OFFSET, 1,
				   ad | VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK, VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK,
				   VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK);
	}
	report("features_ok", "FEATURES_OK write until the readback shows it", v, RUNS);

	/* queue_enable: program queue i, then enable until visible */
	vp_reset(&vp);
	vp_negotiate(&vp, drv);
	unsigned int nq = VP_CRD(&vp, NUM_QUEUES);
	unsigned int n = 0;
	for (unsigned int q = 0; q < nq && n < RUNS; q++, n++) {
		uint64_t ring = vsim_mem_alloc(sim, 64 * 16, 16), ev = vsim_mem_alloc(sim, 8, 4);
		VP_CWR(&vp, QUEUE_SELECT, q);
		VP_CWR(&vp, QUEUE_SIZE, 64);
		VP_CWR(&vp, QUEUE_DESC_LO, (uint32_t)ring);
		VP_CWR(&vp, QUEUE_DESC_HI, (uint32_t)(ring >> 32));
		VP_CWR(&vp, QUEUE_DRIVER_LO, (uint32_t)ev);
		VP_CWR(&vp, QUEUE_DRIVER_HI, (uint32_t)(ev >> 32));
		VP_CWR(&vp, QUEUE_DEVICE_LO, (uint32_t)(ev + 4));
		VP_CWR(&vp, QUEUE_DEVICE_HI, (uint32_t)((ev + 4) >> 32));
		VP_CRD(&vp, QUEUE_SIZE);
		vsim_run(sim, 1000);
		v[n] = write_until(VIONIC_VIRTIO_COMMON_CFG_QUEUE_ENABLE_OFFSET, 2, 1, 0xffff, 1);
	}
	if (n)
		report("queue_enable", "queue_enable write until it reads 1", v, n);

	/* one posted write + read of a plain rw field (queue_select): the event round trip */
	for (unsigned int i = 0; i < RUNS; i++) {
		vsim_run(sim, 1000);
		v[i] = write_until(VIONIC_VIRTIO_COMMON_CFG_QUEUE_SELECT_OFFSET, 2, i & 1, 0xffff, i & 1);
	}
	report("select_write_read", "queue_select write + read back (firmware event round trip)", v, RUNS);

	/* reads, nothing pending */
	struct {
		const char *name, *what;
		uint64_t addr;
		unsigned int size;
	} rd[] = {
		{"read_common", "common config read (device_status), no events pending",
		 vp.common.addr + VIONIC_VIRTIO_COMMON_CFG_DEVICE_STATUS_OFFSET, 1},
		{"read_common32", "common config 32-bit read (device_feature)",
		 vp.common.addr + VIONIC_VIRTIO_COMMON_CFG_DEVICE_FEATURE_OFFSET, 4},
		{"read_isr", "ISR read (read-to-clear)", vp.isr.addr, 1},
		{"read_device_cfg", "device config read (mac, 32-bit)", vp.device.addr, 4},
		{"read_msix_table", "MSI-X table read", vp.msix_table_addr, 4},
		{"read_msix_pba", "MSI-X PBA read", vp.msix_pba_addr, 4},
		{"read_notify", "notify region read", vp.notify.addr, 4},
	};
	for (unsigned int k = 0; k < sizeof(rd) / sizeof(rd[0]); k++) {
		for (unsigned int i = 0; i < RUNS; i++) {
			vsim_run(sim, 200);
			v[i] = read_lat(rd[k].addr, rd[k].size);
		}
		report(rd[k].name, rd[k].what, v, RUNS);
	}
	for (unsigned int i = 0; i < RUNS; i++) {
		vsim_run(sim, 200);
		uint64_t t0 = vsim_cycles(sim);
		uint32_t x;
		vsim_cfg_read(sim, 0, 0, 4, &x);
		v[i] = vsim_cycles(sim) - t0;
	}
	report("read_config", "configuration read (vendor/device ID)", v, RUNS);
	for (unsigned int i = 0; i < RUNS; i++) {
		vsim_run(sim, 200);
		uint64_t t0 = vsim_cycles(sim);
		vsim_cfg_write(sim, 0, VIONIC_PCIE_CONFIG_CAP_MSIX + 2, 2, 0);
		v[i] = vsim_cycles(sim) - t0;
	}
	report("write_config", "configuration write (non-posted, until its completion)", v, RUNS);
	if (vp.last_err)
		printf("note: an MMIO access failed: %s\n", vsim_strerror(vp.last_err));
	vsim_destroy(sim);
	return vp.last_err ? 1 : 0;
}
