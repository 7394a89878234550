/* SPDX-License-Identifier: MIT */
/* tb_test.h - shared helpers of the conformance tests (each program owns one sim). */
#ifndef TB_TEST_H
#define TB_TEST_H

#include <linux/pci_regs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tb_sim.h"
#include "virtio_pci.h"

#define TT_BAR0 VP_DEFAULT_BAR0
#define TT_NO_MSI_CYCLES 50000u	/* how long "no message" is watched for */
#define TT_MSI_CYCLES 200000u	/* how long a message may take */

#define DS_ACK VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE
#define DS_DRIVER VIONIC_VIRTIO_PCI_STATUS_DRIVER
#define DS_FEATURES_OK VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK
#define DS_DRIVER_OK VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK
#define DS_NEEDS_RESET VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET
#define NO_VECTOR VIONIC_VIRTIO_PCI_NO_VECTOR
#define CC(F) VIONIC_VIRTIO_COMMON_CFG_##F##_OFFSET

/* Creates the sim and runs discovery; NULL (after a Bail out!) on failure. */
static inline struct vsim *tt_open(struct vp_dev *vp)
{
	struct vsim *sim = tb_sim_create(NULL);
	if (!sim) {
		printf("Bail out! cannot create the simulated device (firmware %s)\n", tb_fw_itcm());
		return NULL;
	}
	int rc = vp_probe(vp, sim, 0, TT_BAR0);
	if (rc) {
		printf("Bail out! virtio-pci probe failed: %s\n", vsim_strerror(rc));
		vsim_destroy(sim);
		return NULL;
	}
	return sim;
}

/* Offered features, as 4 words. */
static inline void tt_offered(struct vp_dev *vp, uint32_t w[4])
{
	vp_read_device_features(vp, w);
}

/* The minimal feature set a vionic driver accepts. */
static inline void tt_min_features(uint32_t w[4])
{
	memset(w, 0, 16);
	vp_feat_set(w, VIONIC_VIRTIO_PCI_F_VERSION_1);
	vp_feat_set(w, VIONIC_VIRTIO_PCI_F_RING_PACKED);
	vp_feat_set(w, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM);
}

/* Drops already captured MSIs. */
static inline void tt_drain_msi(struct vsim *sim)
{
	struct vsim_msi m;
	while (vsim_msi_pending(sim))
		vsim_wait_msi(sim, 0, &m);
}

/* 1 if no MSI arrives within cycles. */
static inline int tt_no_msi(struct vsim *sim, uint64_t cycles)
{
	struct vsim_msi m;
	int rc = vsim_wait_msi(sim, cycles, &m);
	if (rc == 0) {
		printf("#   unexpected MSI addr 0x%llx data 0x%x at cycle %llu\n",
		       (unsigned long long)m.addr, m.data, (unsigned long long)m.cycle);
		return 0;
	}
	return 1;
}

/* Waits until device_status shows (mask) or times out; returns the last value. */
static inline uint8_t tt_wait_status(struct vp_dev *vp, uint8_t mask, uint8_t want, uint64_t cycles)
{
	uint64_t t0 = vsim_cycles(vp->pci.sim);
	uint8_t s;
	for (;;) {
		s = vp_get_status(vp);
		if ((s & mask) == want || vp->last_err || vsim_cycles(vp->pci.sim) - t0 > cycles)
			return s;
		vsim_run(vp->pci.sim, 100);
	}
}

#endif
