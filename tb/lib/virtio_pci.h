/* SPDX-License-Identifier: MIT */
/*
 * virtio_pci.h - a virtio-pci modern driver (VIRTIO 1.3 §4.1) over the vionic simulator:
 * capability discovery like Linux (drivers/virtio/virtio_pci_modern_dev.c), common
 * configuration accessors of natural width, reset, feature negotiation, packed queue
 * setup, MSI-X programming, DRIVER_OK and generation-checked device config reads.
 * Register offsets come from the generated headers (build/gen/include/vionic/).
 */
#ifndef TB_VIRTIO_PCI_H
#define TB_VIRTIO_PCI_H

#include <stdint.h>
#include "pci.h"
#include "vionic_sim.h"

#include "vionic/bar0_map_regs.h"
#include "vionic/pcie_config_regs.h"
#include "vionic/virtio_common_cfg_regs.h"
#include "vionic/virtio_net_cfg_regs.h"
#include "vionic/virtio_pci_regs.h"

#define VP_DEFAULT_BAR0 0xe0000000ull
#define VP_MSI_ADDR VSIM_MSI_BASE
#define VP_RESET_TIMEOUT_CYCLES 2000000ull
#define VP_GEN_RETRIES 16

/* One virtio structure found through a vendor capability. */
struct vp_region {
	int present;
	unsigned int cap_off;	/* config-space offset of its capability */
	uint8_t cap_len, bar, id;
	uint32_t offset, length;
	uint64_t addr;		/* BAR base + offset (valid once the BAR is assigned) */
};

struct vp_dev {
	struct pci_dev pci;
	struct vp_region common, notify, isr, device, pcicfg;
	uint32_t notify_off_multiplier;
	unsigned int vendor_caps;	/* vendor capabilities seen */
	/* MSI-X */
	unsigned int msix_cap;
	unsigned int msix_count;
	uint8_t msix_table_bir, msix_pba_bir;
	uint32_t msix_table_off, msix_pba_off;
	uint64_t msix_table_addr, msix_pba_addr;
	int last_err;		/* last VSIM_E* seen by an MMIO accessor */
	int verbose;		/* print each step (vionic-probe) */
};

/* Discovery: enumerate (BAR0 at bar0_addr, memory + bus master on), find the virtio
 * capabilities (first of each cfg_type wins) and the MSI-X capability.
 * Returns 0, a VSIM_E* code, or VSIM_EPROTO if a required capability is missing. */
int vp_probe(struct vp_dev *vp, struct vsim *sim, unsigned int func, uint64_t bar0_addr);
/* Only the capability parsing part (the BAR must already be assigned). */
int vp_find_caps(struct vp_dev *vp);

/* MMIO of natural width (1, 2, 4) at an absolute address; errors go to vp->last_err. */
uint32_t vp_mmio_rd(struct vp_dev *vp, uint64_t addr, unsigned int size);
void vp_mmio_wr(struct vp_dev *vp, uint64_t addr, unsigned int size, uint32_t val);

/* Common configuration by generated offset; the size is the field's. */
uint32_t vp_common_rd(struct vp_dev *vp, unsigned int off, unsigned int size);
void vp_common_wr(struct vp_dev *vp, unsigned int off, unsigned int size, uint32_t val);
/* A 64-bit field read as two 32-bit halves, low first (§4.1.3.1). */
uint64_t vp_common_rd64(struct vp_dev *vp, unsigned int off);
#define VP_CRD(vp, F) vp_common_rd((vp), VIONIC_VIRTIO_COMMON_CFG_##F##_OFFSET, \
				   VIONIC_VIRTIO_COMMON_CFG_##F##_SIZE)
#define VP_CWR(vp, F, v) vp_common_wr((vp), VIONIC_VIRTIO_COMMON_CFG_##F##_OFFSET, \
				      VIONIC_VIRTIO_COMMON_CFG_##F##_SIZE, (v))

uint8_t vp_get_status(struct vp_dev *vp);
void vp_set_status(struct vp_dev *vp, uint8_t status);
/* Writes 0 and polls until device_status reads 0 (bounded); 0 or VSIM_ETIMEDOUT. */
int vp_reset(struct vp_dev *vp);
uint64_t vp_reset_cycles(struct vp_dev *vp);	/* cycles the last vp_reset took */

/* 128 feature bits as 4 words. */
void vp_read_device_features(struct vp_dev *vp, uint32_t words[4]);
void vp_write_driver_features(struct vp_dev *vp, const uint32_t words[4]);
uint32_t vp_read_driver_feature_word(struct vp_dev *vp, unsigned int sel);
/* ACKNOWLEDGE, DRIVER, features, FEATURES_OK, re-read. Returns 1 if FEATURES_OK stuck,
 * 0 if refused, <0 on an access error. */
int vp_negotiate(struct vp_dev *vp, const uint32_t driver_words[4]);

static inline int vp_feat_has(const uint32_t w[4], unsigned int bit)
{
	return bit < 128 && ((w[bit / 32] >> (bit % 32)) & 1u);
}
static inline void vp_feat_set(uint32_t w[4], unsigned int bit)
{
	if (bit < 128)
		w[bit / 32] |= 1u << (bit % 32);
}
static inline void vp_feat_clear(uint32_t w[4], unsigned int bit)
{
	if (bit < 128)
		w[bit / 32] &= ~(1u << (bit % 32));
}

struct vp_queue {
	unsigned int index;
	uint16_t size, max_size, vector, notify_off;
	uint64_t desc, driver, device;
	uint64_t notify_addr;
	int enabled;
};
/* Packed-ring queue setup (§4.1.5.1.3): size 0 = device maximum. Returns 0, or
 * VSIM_EINVAL if the device refused a value (readback differs), VSIM_ENOMEM. */
int vp_setup_queue(struct vp_dev *vp, unsigned int index, uint16_t size, uint16_t vector,
		   struct vp_queue *q);
void vp_notify(struct vp_dev *vp, const struct vp_queue *q, uint32_t data);

/* MSI-X */
void vp_msix_enable(struct vp_dev *vp, int enable, int function_mask);
uint16_t vp_msix_ctrl(struct vp_dev *vp);
void vp_msix_set_entry(struct vp_dev *vp, unsigned int vec, uint64_t addr, uint32_t data, int masked);
void vp_msix_mask(struct vp_dev *vp, unsigned int vec, int masked);
uint32_t vp_msix_entry_word(struct vp_dev *vp, unsigned int vec, unsigned int word);
int vp_msix_pending(struct vp_dev *vp, unsigned int vec);
/* Conventional message data used by the driver: vector number | 0x4000 */
#define VP_MSI_DATA(vec) (0x4000u | (vec))

uint8_t vp_isr_read(struct vp_dev *vp);

/* Device configuration with the generation retry loop (§2.5.1). Returns 0, or
 * VSIM_ETIMEDOUT if the generation never settled. */
int vp_read_device_config(struct vp_dev *vp, unsigned int off, void *buf, unsigned int len);
uint8_t vp_generation(struct vp_dev *vp);

struct vp_net_config {
	uint8_t mac[6];
	uint16_t status, max_virtqueue_pairs, mtu;
};
int vp_read_net_config(struct vp_dev *vp, struct vp_net_config *c);

/* Complete Linux-like bring-up: reset, negotiate (driver_words, or everything offered if
 * NULL), MSI-X vectors (config = 0, queue i = i + 1), nq queues, DRIVER_OK.
 * Returns 0 or a negative code; *step names the failing step. */
int vp_init_full(struct vp_dev *vp, const uint32_t *driver_words, unsigned int nq,
		 uint16_t qsize, struct vp_queue *queues, const char **step);

/* Names of feature bits (NULL if unknown). */
const char *vp_feature_name(unsigned int bit);

#endif
