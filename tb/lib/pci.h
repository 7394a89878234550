/* SPDX-License-Identifier: MIT */
/*
 * pci.h - PCI enumeration over the vionic simulator API, the way Linux does it
 * (drivers/pci/probe.c): identity, BAR sizing, BAR assignment, command register,
 * capability and extended-capability walks with loop and bounds checks.
 * Standard PCI register offsets come from <linux/pci_regs.h>.
 */
#ifndef TB_PCI_H
#define TB_PCI_H

#include <stdint.h>
#include "vionic_sim.h"

#define PCI_NUM_BARS 6
#define PCI_CRS_RETRY_CYCLES 2000u	/* between CRS retries */
#define PCI_CRS_MAX_RETRIES 3u	/* the API already re-issues CRS-completed requests (crs_retry_cycles) */

struct pci_bar {
	int implemented;	/* sizing mask non-zero */
	int is_io;
	int is64;		/* 64-bit memory BAR (uses the next BAR as the upper half) */
	int prefetch;
	int upper_half;		/* this BAR is the upper half of the previous one */
	uint64_t size;
	uint64_t base;		/* assigned address (0 if none) */
	uint32_t mask_lo, mask_hi;	/* raw readback after writing all ones */
};

struct pci_cap {
	uint8_t off, id, next;
};

struct pci_ext_cap {
	uint16_t off, id, next;
	uint8_t ver;
};

#define PCI_MAX_CAPS 48		/* Linux's TTL: (256 - 0x40) / 4 */

struct pci_dev {
	struct vsim *sim;
	unsigned int func;
	uint16_t vendor, device, subsys_vendor, subsys_id;
	uint8_t revision, header_type;
	uint32_t class_code;	/* 24 bits: class, subclass, prog-if */
	struct pci_bar bar[PCI_NUM_BARS];
	int last_err;		/* last non-zero VSIM_E* code seen by an accessor */
};

/* Capability walk result with the problems found (tests assert on them). */
struct pci_cap_list {
	unsigned int n;
	struct pci_cap cap[PCI_MAX_CAPS];
	int loop;		/* a pointer revisited an earlier capability */
	int out_of_range;	/* a pointer below 0x40 (other than 0) or above 0xfc */
	int misaligned;		/* a pointer not dword aligned */
	int too_many;		/* TTL exhausted */
	int read_error;
};

#define PCI_MAX_EXT_CAPS 64
struct pci_ext_cap_list {
	unsigned int n;
	struct pci_ext_cap cap[PCI_MAX_EXT_CAPS];
	int loop, out_of_range, misaligned, too_many, read_error;
};

/* Config accessors: retry CRS (bounded), return 0 or a VSIM_E* code. */
int pci_cfg_read(struct pci_dev *d, unsigned int off, unsigned int size, uint32_t *val);
int pci_cfg_write(struct pci_dev *d, unsigned int off, unsigned int size, uint32_t val);
/* Convenience: value, or all-ones on error (d->last_err set), like a host sees. */
uint8_t pci_rd8(struct pci_dev *d, unsigned int off);
uint16_t pci_rd16(struct pci_dev *d, unsigned int off);
uint32_t pci_rd32(struct pci_dev *d, unsigned int off);
void pci_wr8(struct pci_dev *d, unsigned int off, uint8_t v);
void pci_wr16(struct pci_dev *d, unsigned int off, uint16_t v);
void pci_wr32(struct pci_dev *d, unsigned int off, uint32_t v);

/* Reads identity and header type (waits out CRS). */
int pci_probe(struct pci_dev *d, struct vsim *sim, unsigned int func);
/* Sizes all BARs (memory decoding disabled around it, like Linux). */
int pci_size_bars(struct pci_dev *d);
/* Assigns a memory BAR (and its upper half); addr must be aligned to its size. */
int pci_assign_bar(struct pci_dev *d, unsigned int bar, uint64_t addr);
/* Reads the current BAR address back from config space. */
uint64_t pci_bar_readback(struct pci_dev *d, unsigned int bar);
int pci_set_command(struct pci_dev *d, int mem, int master);

void pci_walk_caps(struct pci_dev *d, struct pci_cap_list *l);
void pci_walk_ext_caps(struct pci_dev *d, struct pci_ext_cap_list *l);
/* First capability with this ID (0 if none). */
unsigned int pci_find_cap(struct pci_dev *d, uint8_t id);
/* Sets Device Control Max_Payload_Size to min(bytes, what the function supports). */
int pci_set_max_payload(struct pci_dev *d, unsigned int bytes);
unsigned int pci_find_ext_cap(struct pci_dev *d, uint16_t id);

/* Full enumeration: probe, size, assign BAR0 at bar0_addr, enable memory + bus master. */
int pci_enumerate(struct pci_dev *d, struct vsim *sim, unsigned int func, uint64_t bar0_addr);

#endif
