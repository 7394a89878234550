/* SPDX-License-Identifier: MIT */
/* pci.c - see pci.h. */
#include "pci.h"

#include <linux/pci_regs.h>
#include <string.h>

int pci_cfg_read(struct pci_dev *d, unsigned int off, unsigned int size, uint32_t *val)
{
	int rc = VSIM_ECRS;
	for (unsigned int i = 0; i < PCI_CRS_MAX_RETRIES; i++) {
		rc = vsim_cfg_read(d->sim, d->func, off, size, val);
		if (rc != VSIM_ECRS)
			break;
		vsim_run(d->sim, PCI_CRS_RETRY_CYCLES);
	}
	if (rc) {
		d->last_err = rc;
		*val = size == 4 ? 0xffffffffu : size == 2 ? 0xffffu : 0xffu;
	}
	return rc;
}

int pci_cfg_write(struct pci_dev *d, unsigned int off, unsigned int size, uint32_t val)
{
	int rc = VSIM_ECRS;
	for (unsigned int i = 0; i < PCI_CRS_MAX_RETRIES; i++) {
		rc = vsim_cfg_write(d->sim, d->func, off, size, val);
		if (rc != VSIM_ECRS)
			break;
		vsim_run(d->sim, PCI_CRS_RETRY_CYCLES);
	}
	if (rc)
		d->last_err = rc;
	return rc;
}

uint8_t pci_rd8(struct pci_dev *d, unsigned int off)
{
	uint32_t v;
	pci_cfg_read(d, off, 1, &v);
	return (uint8_t)v;
}

uint16_t pci_rd16(struct pci_dev *d, unsigned int off)
{
	uint32_t v;
	pci_cfg_read(d, off, 2, &v);
	return (uint16_t)v;
}

uint32_t pci_rd32(struct pci_dev *d, unsigned int off)
{
	uint32_t v;
	pci_cfg_read(d, off, 4, &v);
	return v;
}

void pci_wr8(struct pci_dev *d, unsigned int off, uint8_t v) { pci_cfg_write(d, off, 1, v); }
void pci_wr16(struct pci_dev *d, unsigned int off, uint16_t v) { pci_cfg_write(d, off, 2, v); }
void pci_wr32(struct pci_dev *d, unsigned int off, uint32_t v) { pci_cfg_write(d, off, 4, v); }

int pci_probe(struct pci_dev *d, struct vsim *sim, unsigned int func)
{
	memset(d, 0, sizeof(*d));
	d->sim = sim;
	d->func = func;
	uint32_t id;
	int rc = pci_cfg_read(d, PCI_VENDOR_ID, 4, &id);
	if (rc)
		return rc;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	if (d->vendor == 0xffff || d->vendor == 0)
		return VSIM_EUR;
	uint32_t cr = pci_rd32(d, PCI_CLASS_REVISION);
	d->revision = cr & 0xff;
	d->class_code = cr >> 8;
	d->header_type = pci_rd8(d, PCI_HEADER_TYPE);
	d->subsys_vendor = pci_rd16(d, PCI_SUBSYSTEM_VENDOR_ID);
	d->subsys_id = pci_rd16(d, PCI_SUBSYSTEM_ID);
	return d->last_err;
}

int pci_size_bars(struct pci_dev *d)
{
	uint16_t cmd = pci_rd16(d, PCI_COMMAND);
	/* Linux disables decoding while the BARs hold all ones. */
	if (cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO))
		pci_wr16(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_MEMORY | PCI_COMMAND_IO));
	for (unsigned int i = 0; i < PCI_NUM_BARS; i++) {
		struct pci_bar *b = &d->bar[i];
		if (b->upper_half)
			continue;
		unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * i;
		uint32_t orig = pci_rd32(d, reg);
		pci_wr32(d, reg, 0xffffffffu);
		uint32_t mask = pci_rd32(d, reg);
		pci_wr32(d, reg, orig);
		b->mask_lo = mask;
		if (mask == 0 || mask == 0xffffffffu) {
			/* 0: unimplemented; all ones: nothing answered */
			b->implemented = 0;
			continue;
		}
		if (mask & PCI_BASE_ADDRESS_SPACE_IO) {
			b->is_io = 1;
			uint32_t m = mask & PCI_BASE_ADDRESS_IO_MASK & 0xffff;
			b->size = m ? (uint64_t)(m & -m) : 0;
			b->implemented = b->size != 0;
			b->base = orig & PCI_BASE_ADDRESS_IO_MASK;
			continue;
		}
		b->prefetch = !!(mask & PCI_BASE_ADDRESS_MEM_PREFETCH);
		uint64_t m64 = mask & (uint32_t)PCI_BASE_ADDRESS_MEM_MASK;
		uint64_t base = orig & (uint32_t)PCI_BASE_ADDRESS_MEM_MASK;
		if ((mask & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
		    i + 1 < PCI_NUM_BARS) {
			b->is64 = 1;
			unsigned int reg_hi = reg + 4;
			uint32_t orig_hi = pci_rd32(d, reg_hi);
			pci_wr32(d, reg_hi, 0xffffffffu);
			uint32_t mask_hi = pci_rd32(d, reg_hi);
			pci_wr32(d, reg_hi, orig_hi);
			b->mask_hi = mask_hi;
			m64 |= (uint64_t)mask_hi << 32;
			base |= (uint64_t)orig_hi << 32;
			d->bar[i + 1].upper_half = 1;
			d->bar[i + 1].mask_lo = mask_hi;
		} else {
			m64 |= 0xffffffff00000000ull;	/* 32-bit BAR: only low half decodes */
		}
		b->size = m64 ? (m64 & -m64) : 0;
		if (!b->is64)
			b->size &= 0xffffffffull;
		b->implemented = b->size != 0;
		b->base = base;
	}
	if (cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_IO))
		pci_wr16(d, PCI_COMMAND, cmd);
	return d->last_err;
}

int pci_assign_bar(struct pci_dev *d, unsigned int bar, uint64_t addr)
{
	if (bar >= PCI_NUM_BARS || !d->bar[bar].implemented || d->bar[bar].is_io)
		return VSIM_EINVAL;
	struct pci_bar *b = &d->bar[bar];
	if (addr & (b->size - 1))
		return VSIM_EINVAL;
	if (!b->is64 && (addr >> 32))
		return VSIM_EINVAL;
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	pci_wr32(d, reg, (uint32_t)addr);
	if (b->is64)
		pci_wr32(d, reg + 4, (uint32_t)(addr >> 32));
	b->base = addr;
	return d->last_err;
}

uint64_t pci_bar_readback(struct pci_dev *d, unsigned int bar)
{
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	uint32_t lo = pci_rd32(d, reg);
	uint64_t a = lo & (uint32_t)PCI_BASE_ADDRESS_MEM_MASK;
	if ((lo & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 && bar + 1 < PCI_NUM_BARS)
		a |= (uint64_t)pci_rd32(d, reg + 4) << 32;
	return a;
}

int pci_set_command(struct pci_dev *d, int mem, int master)
{
	uint16_t cmd = pci_rd16(d, PCI_COMMAND);
	cmd &= ~(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	if (mem)
		cmd |= PCI_COMMAND_MEMORY;
	if (master)
		cmd |= PCI_COMMAND_MASTER;
	return pci_cfg_write(d, PCI_COMMAND, 2, cmd);
}

void pci_walk_caps(struct pci_dev *d, struct pci_cap_list *l)
{
	memset(l, 0, sizeof(*l));
	int saved = d->last_err;
	d->last_err = 0;
	if (!(pci_rd16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		goto out;
	uint8_t pos = pci_rd8(d, PCI_CAPABILITY_LIST);
	uint8_t seen[256] = {0};
	while (pos) {
		if (pos & 3)
			l->misaligned = 1;
		if (pos < 0x40) {
			l->out_of_range = 1;
			break;
		}
		pos &= ~3;
		if (seen[pos]) {
			l->loop = 1;
			break;
		}
		if (l->n >= PCI_MAX_CAPS) {
			l->too_many = 1;
			break;
		}
		seen[pos] = 1;
		uint16_t w = pci_rd16(d, pos);
		if (d->last_err) {
			l->read_error = 1;
			break;
		}
		if ((w & 0xff) == 0xff)
			break;
		struct pci_cap *c = &l->cap[l->n++];
		c->off = pos;
		c->id = w & 0xff;
		c->next = w >> 8;
		pos = c->next;
	}
out:
	if (d->last_err)
		l->read_error = 1;
	if (!d->last_err)
		d->last_err = saved;
}

void pci_walk_ext_caps(struct pci_dev *d, struct pci_ext_cap_list *l)
{
	memset(l, 0, sizeof(*l));
	int saved = d->last_err;
	d->last_err = 0;
	unsigned int pos = PCI_CFG_SPACE_SIZE;
	static uint8_t seen[PCI_CFG_SPACE_EXP_SIZE / 4];
	memset(seen, 0, sizeof(seen));
	uint32_t h = pci_rd32(d, pos);
	if (d->last_err || h == 0 || h == 0xffffffffu)
		goto out;
	for (;;) {
		if (seen[pos / 4]) {
			l->loop = 1;
			break;
		}
		if (l->n >= PCI_MAX_EXT_CAPS) {
			l->too_many = 1;
			break;
		}
		seen[pos / 4] = 1;
		struct pci_ext_cap *c = &l->cap[l->n++];
		c->off = pos;
		c->id = PCI_EXT_CAP_ID(h);
		c->ver = PCI_EXT_CAP_VER(h);
		c->next = PCI_EXT_CAP_NEXT(h);
		unsigned int raw_next = h >> 20;
		if (raw_next == 0)
			break;
		if (raw_next & 3)
			l->misaligned = 1;
		if (raw_next < PCI_CFG_SPACE_SIZE) {
			l->out_of_range = 1;
			break;
		}
		pos = raw_next & ~3u;
		h = pci_rd32(d, pos);
		if (d->last_err) {
			l->read_error = 1;
			break;
		}
	}
out:
	if (d->last_err)
		l->read_error = 1;
	if (!d->last_err)
		d->last_err = saved;
}

unsigned int pci_find_cap(struct pci_dev *d, uint8_t id)
{
	struct pci_cap_list l;
	pci_walk_caps(d, &l);
	for (unsigned int i = 0; i < l.n; i++)
		if (l.cap[i].id == id)
			return l.cap[i].off;
	return 0;
}

unsigned int pci_find_ext_cap(struct pci_dev *d, uint16_t id)
{
	struct pci_ext_cap_list l;
	pci_walk_ext_caps(d, &l);
	for (unsigned int i = 0; i < l.n; i++)
		if (l.cap[i].id == id)
			return l.cap[i].off;
	return 0;
}

int pci_set_max_payload(struct pci_dev *d, unsigned int bytes)
{
	unsigned int cap = pci_find_cap(d, PCI_CAP_ID_EXP);
	if (!cap)
		return VSIM_EINVAL;
	unsigned int supported = 128u << (pci_rd16(d, cap + PCI_EXP_DEVCAP) & PCI_EXP_DEVCAP_PAYLOAD);
	unsigned int mps = bytes < supported ? bytes : supported;
	unsigned int code = 0;
	while ((128u << code) < mps)
		code++;
	uint16_t ctl = pci_rd16(d, cap + PCI_EXP_DEVCTL);
	ctl = (uint16_t)((ctl & ~PCI_EXP_DEVCTL_PAYLOAD) | (code << 5));
	return pci_cfg_write(d, cap + PCI_EXP_DEVCTL, 2, ctl);
}

int pci_enumerate(struct pci_dev *d, struct vsim *sim, unsigned int func, uint64_t bar0_addr)
{
	int rc = pci_probe(d, sim, func);
	if (rc)
		return rc;
	rc = pci_size_bars(d);
	if (rc)
		return rc;
	rc = pci_assign_bar(d, 0, bar0_addr);
	if (rc)
		return rc;
	/* as Linux does (pcie_bus_configure_settings): MPS = what both ends
	 * support; the host model's default is 256 bytes */
	rc = pci_set_max_payload(d, 256);
	if (rc)
		return rc;
	/* as Linux does (pci_configure_extended_tags): 8-bit tags when supported */
	unsigned int cap = pci_find_cap(d, PCI_CAP_ID_EXP);
	if (cap && (pci_rd16(d, cap + PCI_EXP_DEVCAP) & PCI_EXP_DEVCAP_EXT_TAG)) {
		uint16_t ctl = pci_rd16(d, cap + PCI_EXP_DEVCTL);
		rc = pci_cfg_write(d, cap + PCI_EXP_DEVCTL, 2, ctl | PCI_EXP_DEVCTL_EXT_TAG);
		if (rc)
			return rc;
	}
	return pci_set_command(d, 1, 1);
}
