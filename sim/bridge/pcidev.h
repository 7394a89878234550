/* SPDX-License-Identifier: MIT */
/*
 * pcidev.h - one simulated vionic function served to a User-Mode Linux kernel as a
 * virtio_pcidev device (include/uapi/linux/virtio_pcidev.h).
 *
 * Ring 0 ("cmd") carries the kernel's configuration and BAR accesses: reads are run
 * on the simulator at once and answered; writes are posted (queued to the simulator
 * in ring order, so a later read still waits behind them) and handed back at once so
 * the kernel's ring never fills. Ring 1 ("irq") holds buffers the kernel lends for
 * interrupts: each MSI-X message the device writes becomes one VIRTIO_PCIDEV_OP_MSI.
 * Device DMA reaches the kernel's memory through the vhost-user memory table.
 */
#ifndef VIONIC_PCIDEV_H
#define VIONIC_PCIDEV_H

#include <stdint.h>

#include "vhost_user.h"
#include "vionic_sim.h"

/* UML composes every MSI message with this address and the Linux IRQ number as data
 * (arch/um/drivers/virt-pci.c, um_pci_compose_msi_msg). */
#define PCIDEV_UML_MSI_ADDR 0xa0000ull
#define PCIDEV_MSI_QUEUE 1024

struct pcidev_stats {
	uint64_t cfg_reads, cfg_writes;
	uint64_t mmio_reads, mmio_writes, mmio_memsets;
	uint64_t bad_requests;		/* malformed or unknown operations */
	uint64_t read_errors;		/* reads the device did not complete normally */
	uint64_t msis;			/* delivered to the kernel */
	uint64_t msi_bad_addr;		/* MSI writes to another address: not delivered */
	unsigned int max_cmd_backlog;	/* most chains seen waiting in the cmd ring */
	unsigned int max_msi_backlog;	/* most MSIs waiting for an irq buffer */
	uint64_t max_read_cycles;	/* longest read, in device cycles */
	double max_read_ms;		/* longest read request, wall-clock ms in the bridge */
};

struct pcidev {
	const char *name;
	struct vu_dev vu;
	struct vsim *sim;
	unsigned int func;
	int bars_known;
	uint64_t bar_base[6];
	uint32_t msi_queue[PCIDEV_MSI_QUEUE];
	unsigned int msi_head, msi_count;
	struct pcidev_stats stats;
	const char *broken_why;		/* a ring the kernel broke, reported once */
};

/* Listens on socket_path for the kernel; sim is the device (function func). */
int pcidev_init(struct pcidev *d, const char *name, const char *socket_path, struct vsim *sim,
		unsigned int func, int verbose);
/* Handles everything the kernel has queued and delivers pending interrupts. Returns
 * the number of requests handled (0: nothing to do). */
int pcidev_service(struct pcidev *d);
void pcidev_close(struct pcidev *d);

#endif /* VIONIC_PCIDEV_H */
