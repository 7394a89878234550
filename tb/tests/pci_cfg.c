/* SPDX-License-Identifier: MIT */
/* pci_cfg: the VIRTIO PCI configuration access capability (§4.1.4.9). */
#include <linux/virtio_pci.h>
#include <stddef.h>

#include "tb_test.h"

static unsigned int cap;
#define F_BAR (cap + offsetof(struct virtio_pci_cap, bar))
#define F_OFF (cap + offsetof(struct virtio_pci_cap, offset))
#define F_LEN (cap + offsetof(struct virtio_pci_cap, length))
#define F_DATA (cap + offsetof(struct virtio_pci_cfg_cap, pci_cfg_data))

static uint32_t via_cfg_read(struct pci_dev *d, uint32_t off, unsigned int len)
{
	pci_wr8(d, F_BAR, 0);
	pci_wr32(d, F_OFF, off);
	pci_wr32(d, F_LEN, len);
	uint32_t v = pci_rd32(d, F_DATA);
	return len == 4 ? v : v & ((1u << (8 * len)) - 1);
}

static void via_cfg_write(struct pci_dev *d, uint32_t off, unsigned int len, uint32_t val)
{
	pci_wr8(d, F_BAR, 0);
	pci_wr32(d, F_OFF, off);
	pci_wr32(d, F_LEN, len);
	pci_cfg_write(d, F_DATA, 4, val);
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	struct pci_dev *d = &vp.pci;
	if (!vp.pcicfg.present)
		TAP_BAIL("no VIRTIO_PCI_CAP_PCI_CFG capability");
	cap = vp.pcicfg.cap_off;
	vp_reset(&vp);
	vp_set_status(&vp, DS_ACK);

	pci_wr8(d, F_BAR, 0);
	pci_wr32(d, F_OFF, 0x14);
	pci_wr32(d, F_LEN, 1);
	TAP_EQ(pci_rd8(d, F_BAR), 0, "cap.bar writable (0)");
	TAP_EQ(pci_rd32(d, F_OFF), 0x14, "cap.offset writable");
	TAP_EQ(pci_rd32(d, F_LEN), 1, "cap.length writable");

	const uint32_t c = vp.common.offset;
	TAP_EQ(via_cfg_read(d, c + CC(DEVICE_STATUS), 1), vp_get_status(&vp), "device_status via pci_cfg (length 1)");
	TAP_EQ(via_cfg_read(d, c + CC(NUM_QUEUES), 2), VP_CRD(&vp, NUM_QUEUES), "num_queues via pci_cfg (length 2)");
	TAP_EQ(via_cfg_read(d, c + CC(CONFIG_GENERATION), 1), vp_generation(&vp), "config_generation via pci_cfg (length 1)");
	VP_CWR(&vp, DEVICE_FEATURE_SELECT, 1);
	TAP_EQ(via_cfg_read(d, c + CC(DEVICE_FEATURE), 4), VP_CRD(&vp, DEVICE_FEATURE), "device_feature via pci_cfg (length 4)");
	TAP_EQ(via_cfg_read(d, vp.device.offset + VIONIC_VIRTIO_NET_CFG_MTU_OFFSET, 2),
	       vp_mmio_rd(&vp, vp.device.addr + VIONIC_VIRTIO_NET_CFG_MTU_OFFSET, 2), "device config mtu via pci_cfg");

	via_cfg_write(d, c + CC(DEVICE_STATUS), 1, DS_ACK | DS_DRIVER);
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER, "device_status written via pci_cfg (MMIO readback)");
	TAP_EQ(via_cfg_read(d, c + CC(DEVICE_STATUS), 1), DS_ACK | DS_DRIVER, "... and via pci_cfg readback");
	via_cfg_write(d, c + CC(QUEUE_SELECT), 2, 1);
	TAP_EQ(VP_CRD(&vp, QUEUE_SELECT), 1, "queue_select written via pci_cfg (length 2)");
	via_cfg_write(d, c + CC(DEVICE_STATUS), 1, 0);
	uint8_t s = tt_wait_status(&vp, 0xff, 0, VP_RESET_TIMEOUT_CYCLES);
	TAP_EQ(s, 0, "reset via pci_cfg");
	tap_ok(vp.last_err == 0 && d->last_err == 0, "no completion errors (%s / %s)", vsim_strerror(vp.last_err),
	       vsim_strerror(d->last_err));
	vsim_destroy(sim);
	return tap_done();
}
