/* SPDX-License-Identifier: MIT */
/* virtio_pci.c - see virtio_pci.h. */
#include "virtio_pci.h"

#include <linux/pci_regs.h>
#include <linux/virtio_pci.h>	/* struct virtio_pci_cap layout (VIRTIO 1.3 §4.1.4) */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define CAPF(f) ((unsigned int)offsetof(struct virtio_pci_cap, f))

static void vp_region_from_cap(struct vp_dev *vp, struct vp_region *r, unsigned int pos)
{
	struct pci_dev *d = &vp->pci;
	r->present = 1;
	r->cap_off = pos;
	r->cap_len = pci_rd8(d, pos + CAPF(cap_len));
	r->bar = pci_rd8(d, pos + CAPF(bar));
	r->id = pci_rd8(d, pos + CAPF(id));
	r->offset = pci_rd32(d, pos + CAPF(offset));
	r->length = pci_rd32(d, pos + CAPF(length));
	r->addr = 0;
	if (r->bar < PCI_NUM_BARS && d->bar[r->bar].implemented)
		r->addr = d->bar[r->bar].base + r->offset;
}

int vp_find_caps(struct vp_dev *vp)
{
	struct pci_dev *d = &vp->pci;
	struct pci_cap_list l;
	pci_walk_caps(d, &l);
	vp->vendor_caps = 0;
	memset(&vp->common, 0, sizeof(vp->common));
	memset(&vp->notify, 0, sizeof(vp->notify));
	memset(&vp->isr, 0, sizeof(vp->isr));
	memset(&vp->device, 0, sizeof(vp->device));
	memset(&vp->pcicfg, 0, sizeof(vp->pcicfg));
	vp->msix_cap = 0;
	for (unsigned int i = 0; i < l.n; i++) {
		unsigned int pos = l.cap[i].off;
		if (l.cap[i].id == PCI_CAP_ID_MSIX && !vp->msix_cap) {
			vp->msix_cap = pos;
			uint16_t ctrl = pci_rd16(d, pos + PCI_MSIX_FLAGS);
			vp->msix_count = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1;
			uint32_t t = pci_rd32(d, pos + PCI_MSIX_TABLE);
			uint32_t p = pci_rd32(d, pos + PCI_MSIX_PBA);
			vp->msix_table_bir = t & PCI_MSIX_TABLE_BIR;
			vp->msix_table_off = t & PCI_MSIX_TABLE_OFFSET;
			vp->msix_pba_bir = p & PCI_MSIX_PBA_BIR;
			vp->msix_pba_off = p & PCI_MSIX_PBA_OFFSET;
			vp->msix_table_addr = vp->msix_table_bir < PCI_NUM_BARS ?
				d->bar[vp->msix_table_bir].base + vp->msix_table_off : 0;
			vp->msix_pba_addr = vp->msix_pba_bir < PCI_NUM_BARS ?
				d->bar[vp->msix_pba_bir].base + vp->msix_pba_off : 0;
			continue;
		}
		if (l.cap[i].id != VIONIC_VIRTIO_PCI_CAP_ID_VENDOR)
			continue;
		vp->vendor_caps++;
		uint8_t type = pci_rd8(d, pos + CAPF(cfg_type));
		struct vp_region *r = NULL;
		switch (type) {
		case VIONIC_VIRTIO_PCI_CFG_TYPE_COMMON: r = &vp->common; break;
		case VIONIC_VIRTIO_PCI_CFG_TYPE_NOTIFY: r = &vp->notify; break;
		case VIONIC_VIRTIO_PCI_CFG_TYPE_ISR: r = &vp->isr; break;
		case VIONIC_VIRTIO_PCI_CFG_TYPE_DEVICE: r = &vp->device; break;
		case VIONIC_VIRTIO_PCI_CFG_TYPE_PCI: r = &vp->pcicfg; break;
		default: break;
		}
		if (!r || r->present)	/* first of each type wins, as in Linux */
			continue;
		vp_region_from_cap(vp, r, pos);
		if (r == &vp->notify)
			vp->notify_off_multiplier =
				pci_rd32(d, pos + (unsigned int)offsetof(struct virtio_pci_notify_cap,
									 notify_off_multiplier));
	}
	if (d->last_err)
		return d->last_err;
	if (!vp->common.present || !vp->notify.present || !vp->isr.present || !vp->device.present)
		return VSIM_EPROTO;
	return 0;
}

int vp_probe(struct vp_dev *vp, struct vsim *sim, unsigned int func, uint64_t bar0_addr)
{
	memset(vp, 0, sizeof(*vp));
	int rc = pci_enumerate(&vp->pci, sim, func, bar0_addr);
	if (rc)
		return rc;
	return vp_find_caps(vp);
}

uint32_t vp_mmio_rd(struct vp_dev *vp, uint64_t addr, unsigned int size)
{
	uint64_t v = 0;
	int rc = vsim_mmio_read(vp->pci.sim, addr, size, &v);
	if (rc) {
		vp->last_err = rc;
		return size == 4 ? 0xffffffffu : size == 2 ? 0xffffu : 0xffu;
	}
	return (uint32_t)v;
}

void vp_mmio_wr(struct vp_dev *vp, uint64_t addr, unsigned int size, uint32_t val)
{
	int rc = vsim_mmio_write(vp->pci.sim, addr, size, val);
	if (rc)
		vp->last_err = rc;
}

uint32_t vp_common_rd(struct vp_dev *vp, unsigned int off, unsigned int size)
{
	return vp_mmio_rd(vp, vp->common.addr + off, size);
}

void vp_common_wr(struct vp_dev *vp, unsigned int off, unsigned int size, uint32_t val)
{
	vp_mmio_wr(vp, vp->common.addr + off, size, val);
}

uint64_t vp_common_rd64(struct vp_dev *vp, unsigned int off)
{
	return vp_common_rd(vp, off, 4) | (uint64_t)vp_common_rd(vp, off + 4, 4) << 32;
}

uint8_t vp_get_status(struct vp_dev *vp) { return (uint8_t)VP_CRD(vp, DEVICE_STATUS); }
void vp_set_status(struct vp_dev *vp, uint8_t s) { VP_CWR(vp, DEVICE_STATUS, s); }

static uint64_t last_reset_cycles;

int vp_reset(struct vp_dev *vp)
{
	struct vsim *sim = vp->pci.sim;
	uint64_t t0 = vsim_cycles(sim);
	vp_set_status(vp, 0);
	for (;;) {
		uint8_t s = vp_get_status(vp);
		if (vp->last_err)
			return vp->last_err;
		if (s == 0)
			break;
		if (vsim_cycles(sim) - t0 > VP_RESET_TIMEOUT_CYCLES)
			return VSIM_ETIMEDOUT;
		vsim_run(sim, 100);
	}
	last_reset_cycles = vsim_cycles(sim) - t0;
	return 0;
}

uint64_t vp_reset_cycles(struct vp_dev *vp)
{
	(void)vp;
	return last_reset_cycles;
}

void vp_read_device_features(struct vp_dev *vp, uint32_t w[4])
{
	for (unsigned int i = 0; i < 4; i++) {
		VP_CWR(vp, DEVICE_FEATURE_SELECT, i);
		w[i] = VP_CRD(vp, DEVICE_FEATURE);
	}
}

void vp_write_driver_features(struct vp_dev *vp, const uint32_t w[4])
{
	for (unsigned int i = 0; i < 4; i++) {
		VP_CWR(vp, DRIVER_FEATURE_SELECT, i);
		VP_CWR(vp, DRIVER_FEATURE, w[i]);
	}
}

uint32_t vp_read_driver_feature_word(struct vp_dev *vp, unsigned int sel)
{
	VP_CWR(vp, DRIVER_FEATURE_SELECT, sel);
	return VP_CRD(vp, DRIVER_FEATURE);
}

int vp_negotiate(struct vp_dev *vp, const uint32_t drv[4])
{
	vp_set_status(vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE);
	vp_set_status(vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE | VIONIC_VIRTIO_PCI_STATUS_DRIVER);
	vp_write_driver_features(vp, drv);
	vp_set_status(vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE | VIONIC_VIRTIO_PCI_STATUS_DRIVER |
			      VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK);
	uint8_t s = vp_get_status(vp);
	if (vp->last_err)
		return vp->last_err;
	return (s & VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK) ? 1 : 0;
}

static void wr64(struct vp_dev *vp, unsigned int lo_off, uint64_t v)
{
	vp_common_wr(vp, lo_off, 4, (uint32_t)v);
	vp_common_wr(vp, lo_off + 4, 4, (uint32_t)(v >> 32));
}

static uint64_t rd64(struct vp_dev *vp, unsigned int lo_off)
{
	uint64_t lo = vp_common_rd(vp, lo_off, 4);
	return lo | (uint64_t)vp_common_rd(vp, lo_off + 4, 4) << 32;
}

int vp_setup_queue(struct vp_dev *vp, unsigned int index, uint16_t size, uint16_t vector,
		   struct vp_queue *q)
{
	struct vsim *sim = vp->pci.sim;
	memset(q, 0, sizeof(*q));
	q->index = index;
	VP_CWR(vp, QUEUE_SELECT, index);
	q->max_size = (uint16_t)VP_CRD(vp, QUEUE_SIZE);
	if (q->max_size == 0)
		return VSIM_EINVAL;	/* queue does not exist */
	if (size == 0 || size > q->max_size)
		size = q->max_size;
	/* packed ring: 16-byte descriptors, 16-byte aligned; event areas 4 bytes, aligned 4 */
	q->desc = vsim_mem_alloc(sim, (size_t)size * 16, 16);
	q->driver = vsim_mem_alloc(sim, 4, 4);
	q->device = vsim_mem_alloc(sim, 4, 4);
	if (!q->desc || !q->driver || !q->device)
		return VSIM_ENOMEM;
	static const uint8_t zero[16];
	for (uint64_t off = 0; off < (uint64_t)size * 16; off += 16)
		vsim_mem_write(sim, q->desc + off, zero, 16);
	vsim_mem_write(sim, q->driver, zero, 4);
	vsim_mem_write(sim, q->device, zero, 4);
	VP_CWR(vp, QUEUE_SIZE, size);
	wr64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DESC_LO_OFFSET, q->desc);
	wr64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DRIVER_LO_OFFSET, q->driver);
	wr64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DEVICE_LO_OFFSET, q->device);
	VP_CWR(vp, QUEUE_MSIX_VECTOR, vector);
	q->size = (uint16_t)VP_CRD(vp, QUEUE_SIZE);
	q->vector = (uint16_t)VP_CRD(vp, QUEUE_MSIX_VECTOR);
	q->notify_off = (uint16_t)VP_CRD(vp, QUEUE_NOTIFY_OFF);
	q->notify_addr = vp->notify.addr + (uint64_t)q->notify_off * vp->notify_off_multiplier;
	if (vp->last_err)
		return vp->last_err;
	if (q->size != size || q->vector != vector ||
	    rd64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DESC_LO_OFFSET) != q->desc ||
	    rd64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DRIVER_LO_OFFSET) != q->driver ||
	    rd64(vp, VIONIC_VIRTIO_COMMON_CFG_QUEUE_DEVICE_LO_OFFSET) != q->device)
		return VSIM_EINVAL;
	VP_CWR(vp, QUEUE_ENABLE, 1);
	q->enabled = (int)VP_CRD(vp, QUEUE_ENABLE);
	if (vp->last_err)
		return vp->last_err;
	return q->enabled == 1 ? 0 : VSIM_EINVAL;
}

void vp_notify(struct vp_dev *vp, const struct vp_queue *q, uint32_t data)
{
	vp_mmio_wr(vp, q->notify_addr, 2, data & 0xffff);
}

void vp_msix_enable(struct vp_dev *vp, int enable, int function_mask)
{
	struct pci_dev *d = &vp->pci;
	uint16_t c = pci_rd16(d, vp->msix_cap + PCI_MSIX_FLAGS);
	c &= ~(PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	if (enable)
		c |= PCI_MSIX_FLAGS_ENABLE;
	if (function_mask)
		c |= PCI_MSIX_FLAGS_MASKALL;
	pci_wr16(d, vp->msix_cap + PCI_MSIX_FLAGS, c);
}

uint16_t vp_msix_ctrl(struct vp_dev *vp)
{
	return pci_rd16(&vp->pci, vp->msix_cap + PCI_MSIX_FLAGS);
}

void vp_msix_set_entry(struct vp_dev *vp, unsigned int vec, uint64_t addr, uint32_t data, int masked)
{
	uint64_t e = vp->msix_table_addr + (uint64_t)vec * PCI_MSIX_ENTRY_SIZE;
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_VECTOR_CTRL, 4, 1);	/* mask while changing */
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_LOWER_ADDR, 4, (uint32_t)addr);
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_UPPER_ADDR, 4, (uint32_t)(addr >> 32));
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_DATA, 4, data);
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_VECTOR_CTRL, 4, masked ? 1 : 0);
}

void vp_msix_mask(struct vp_dev *vp, unsigned int vec, int masked)
{
	uint64_t e = vp->msix_table_addr + (uint64_t)vec * PCI_MSIX_ENTRY_SIZE;
	vp_mmio_wr(vp, e + PCI_MSIX_ENTRY_VECTOR_CTRL, 4, masked ? 1 : 0);
}

uint32_t vp_msix_entry_word(struct vp_dev *vp, unsigned int vec, unsigned int word)
{
	return vp_mmio_rd(vp, vp->msix_table_addr + (uint64_t)vec * PCI_MSIX_ENTRY_SIZE + 4 * word, 4);
}

int vp_msix_pending(struct vp_dev *vp, unsigned int vec)
{
	uint32_t w = vp_mmio_rd(vp, vp->msix_pba_addr + (vec / 32) * 4, 4);
	return (w >> (vec % 32)) & 1;
}

uint8_t vp_isr_read(struct vp_dev *vp)
{
	return (uint8_t)vp_mmio_rd(vp, vp->isr.addr, 1);
}

uint8_t vp_generation(struct vp_dev *vp) { return (uint8_t)VP_CRD(vp, CONFIG_GENERATION); }

static void dev_cfg_bytes(struct vp_dev *vp, unsigned int off, uint8_t *buf, unsigned int len)
{
	/* natural widths where aligned, bytes otherwise */
	unsigned int i = 0;
	while (i < len) {
		unsigned int o = off + i;
		unsigned int sz = (!(o & 3) && len - i >= 4) ? 4 : (!(o & 1) && len - i >= 2) ? 2 : 1;
		uint32_t v = vp_mmio_rd(vp, vp->device.addr + o, sz);
		for (unsigned int k = 0; k < sz; k++)
			buf[i + k] = (uint8_t)(v >> (8 * k));
		i += sz;
	}
}

int vp_read_device_config(struct vp_dev *vp, unsigned int off, void *buf, unsigned int len)
{
	for (unsigned int t = 0; t < VP_GEN_RETRIES; t++) {
		uint8_t g0 = vp_generation(vp);
		dev_cfg_bytes(vp, off, buf, len);
		uint8_t g1 = vp_generation(vp);
		if (vp->last_err)
			return vp->last_err;
		if (g0 == g1)
			return 0;
	}
	return VSIM_ETIMEDOUT;
}

int vp_read_net_config(struct vp_dev *vp, struct vp_net_config *c)
{
	uint8_t b[VIONIC_VIRTIO_NET_CFG_MTU_OFFSET + 2];
	int rc = vp_read_device_config(vp, 0, b, sizeof(b));
	if (rc)
		return rc;
	memcpy(c->mac, b + VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET, 6);
#define LE16(o) (uint16_t)(b[(o)] | b[(o) + 1] << 8)
	c->status = LE16(VIONIC_VIRTIO_NET_CFG_STATUS_OFFSET);
	c->max_virtqueue_pairs = LE16(VIONIC_VIRTIO_NET_CFG_MAX_VIRTQUEUE_PAIRS_OFFSET);
	c->mtu = LE16(VIONIC_VIRTIO_NET_CFG_MTU_OFFSET);
#undef LE16
	return 0;
}

int vp_init_full(struct vp_dev *vp, const uint32_t *driver_words, unsigned int nq,
		 uint16_t qsize, struct vp_queue *queues, const char **step)
{
	const char *dummy;
	if (!step)
		step = &dummy;
	*step = "reset";
	int rc = vp_reset(vp);
	if (rc)
		return rc;
	uint32_t dev[4], drv[4];
	*step = "read device features";
	vp_read_device_features(vp, dev);
	if (vp->last_err)
		return vp->last_err;
	for (unsigned int i = 0; i < 4; i++)
		drv[i] = driver_words ? driver_words[i] & dev[i] : dev[i];
	if (vp->verbose)
		printf("features: device %08x %08x %08x %08x driver %08x %08x %08x %08x\n",
		       dev[0], dev[1], dev[2], dev[3], drv[0], drv[1], drv[2], drv[3]);
	*step = "FEATURES_OK";
	rc = vp_negotiate(vp, drv);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return VSIM_EPROTO;
	*step = "MSI-X";
	vp_msix_enable(vp, 1, 0);
	for (unsigned int v = 0; v <= nq && v < vp->msix_count; v++)
		vp_msix_set_entry(vp, v, VP_MSI_ADDR, VP_MSI_DATA(v), 0);
	VP_CWR(vp, CONFIG_MSIX_VECTOR, 0);
	if (VP_CRD(vp, CONFIG_MSIX_VECTOR) != 0)
		return VSIM_EINVAL;
	for (unsigned int i = 0; i < nq; i++) {
		*step = "queue setup";
		rc = vp_setup_queue(vp, i, qsize, (uint16_t)(i + 1 < vp->msix_count ? i + 1 : VIONIC_VIRTIO_PCI_NO_VECTOR), &queues[i]);
		if (rc)
			return rc;
		if (vp->verbose)
			printf("queue %u: size %u (max %u) desc 0x%llx driver 0x%llx device 0x%llx vector %u notify_off %u\n",
			       i, queues[i].size, queues[i].max_size, (unsigned long long)queues[i].desc,
			       (unsigned long long)queues[i].driver, (unsigned long long)queues[i].device,
			       queues[i].vector, queues[i].notify_off);
	}
	*step = "DRIVER_OK";
	vp_set_status(vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE | VIONIC_VIRTIO_PCI_STATUS_DRIVER |
			      VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK | VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK);
	uint8_t s = vp_get_status(vp);
	if (vp->last_err)
		return vp->last_err;
	if (!(s & VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK) || (s & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET))
		return VSIM_EPROTO;
	return 0;
}

const char *vp_feature_name(unsigned int bit)
{
	switch (bit) {
	case VIONIC_VIRTIO_PCI_F_NET_CSUM: return "CSUM";
	case VIONIC_VIRTIO_PCI_F_NET_GUEST_CSUM: return "GUEST_CSUM";
	case VIONIC_VIRTIO_PCI_F_NET_MTU: return "MTU";
	case VIONIC_VIRTIO_PCI_F_NET_MAC: return "MAC";
	case VIONIC_VIRTIO_PCI_F_NET_MRG_RXBUF: return "MRG_RXBUF";
	case VIONIC_VIRTIO_PCI_F_NET_STATUS: return "STATUS";
	case VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ: return "CTRL_VQ";
	case VIONIC_VIRTIO_PCI_F_NET_CTRL_RX: return "CTRL_RX";
	case VIONIC_VIRTIO_PCI_F_NET_CTRL_VLAN: return "CTRL_VLAN";
	case VIONIC_VIRTIO_PCI_F_NET_MQ: return "MQ";
	case VIONIC_VIRTIO_PCI_F_NET_CTRL_MAC_ADDR: return "CTRL_MAC_ADDR";
	case VIONIC_VIRTIO_PCI_F_INDIRECT_DESC: return "INDIRECT_DESC";
	case VIONIC_VIRTIO_PCI_F_EVENT_IDX: return "EVENT_IDX";
	case VIONIC_VIRTIO_PCI_F_VERSION_1: return "VERSION_1";
	case VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM: return "ACCESS_PLATFORM";
	case VIONIC_VIRTIO_PCI_F_RING_PACKED: return "RING_PACKED";
	case VIONIC_VIRTIO_PCI_F_IN_ORDER: return "IN_ORDER";
	case VIONIC_VIRTIO_PCI_F_ORDER_PLATFORM: return "ORDER_PLATFORM";
	case VIONIC_VIRTIO_PCI_F_SR_IOV: return "SR_IOV";
	case VIONIC_VIRTIO_PCI_F_NOTIFICATION_DATA: return "NOTIFICATION_DATA";
	case VIONIC_VIRTIO_PCI_F_NOTIF_CONFIG_DATA: return "NOTIF_CONFIG_DATA";
	case VIONIC_VIRTIO_PCI_F_RING_RESET: return "RING_RESET";
	case VIONIC_VIRTIO_PCI_F_ADMIN_VQ: return "ADMIN_VQ";
	case VIONIC_VIRTIO_PCI_F_SUSPEND: return "SUSPEND";
	case VIONIC_VIRTIO_PCI_F_NET_DEVICE_STATS: return "DEVICE_STATS";
	case VIONIC_VIRTIO_PCI_F_NET_VQ_NOTF_COAL: return "VQ_NOTF_COAL";
	case VIONIC_VIRTIO_PCI_F_NET_NOTF_COAL: return "NOTF_COAL";
	case VIONIC_VIRTIO_PCI_F_NET_HASH_REPORT: return "HASH_REPORT";
	case VIONIC_VIRTIO_PCI_F_NET_RSS: return "RSS";
	case VIONIC_VIRTIO_PCI_F_NET_SPEED_DUPLEX: return "SPEED_DUPLEX";
	default: return NULL;
	}
}
