/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Device control block (regs/ctrl.toml) and the per-function stores the
 * firmware publishes into (regs/memory_map.toml: COMMON_SHADOW, DEVCFG_STORE,
 * QCTX). The transport hardware queues every host write to a function's
 * common or device configuration as an event; the firmware peeks it, acts on
 * it, publishes the effect, then pops it (docs/transport.md).
 *
 * Stores are written a whole word at a time: the firmware keeps the image of
 * every word it publishes, so it never needs a read-modify-write of the
 * store (the stores also accept byte and halfword stores; nothing here uses
 * them). config_generation (shadow byte 0x15) is overlaid by the hardware,
 * whatever is written there.
 */
#ifndef VIONIC_DRIVERS_CTRL_H
#define VIONIC_DRIVERS_CTRL_H

#include <stdbool.h>
#include <stdint.h>

#include "vionic/ctrl_events_regs.h"
#include "vionic/ctrl_regs.h"
#include "vionic/memory_map_regs.h"
#include "vionic/queue_context_regs.h"

#define CTRL_REG(name) (VIONIC_MAP_CTRL_BASE + VIONIC_CTRL_##name##_OFFSET)
/* PCI_STATE of function f: one word per function. */
#define CTRL_PCI_STATE_REG(f) (CTRL_REG(PCI_STATE) + 4u * (uint32_t)(f))

/* Bytes per function / queue entry in the stores (regs/memory_map.toml). */
#define CTRL_SHADOW_BYTES	64u
#define CTRL_DEVCFG_BYTES	256u
#define CTRL_QCTX_BYTES		64u

/* Most functions the stores have room for (the map's region sizes). */
#define CTRL_SHADOW_MAX_FUNCS	(VIONIC_MAP_COMMON_SHADOW_SIZE / CTRL_SHADOW_BYTES)
#define CTRL_DEVCFG_MAX_FUNCS	(VIONIC_MAP_DEVCFG_STORE_SIZE / CTRL_DEVCFG_BYTES)
#define CTRL_QCTX_MAX_ENTRIES	(VIONIC_MAP_QCTX_SIZE / CTRL_QCTX_BYTES)

#define CTRL_SHADOW_ADDR(func, offset) \
	(VIONIC_MAP_COMMON_SHADOW_BASE + (uint32_t)(func) * CTRL_SHADOW_BYTES + (offset))
#define CTRL_DEVCFG_ADDR(func, offset) \
	(VIONIC_MAP_DEVCFG_STORE_BASE + (uint32_t)(func) * CTRL_DEVCFG_BYTES + (offset))
#define CTRL_QCTX_ADDR(entry, offset) \
	(VIONIC_MAP_QCTX_BASE + (uint32_t)(entry) * CTRL_QCTX_BYTES + (offset))

/* The device's elaboration parameters (ctrl PARAMS). */
struct ctrl_params {
	uint32_t num_funcs;
	uint32_t queues_per_func;
	uint32_t msix_vectors;
};

/* One host event (ctrl EVT_INFO + EVT_DATA). */
struct ctrl_event {
	uint32_t func;		/* EVT_INFO.FUNC */
	uint32_t source;	/* VIONIC_CTRL_EVENTS_EVT_SOURCE_* */
	uint32_t be;		/* byte enables of the write (4 bits) */
	uint32_t offset;	/* DW-aligned byte offset, or a FUNC_EVENT_* code */
	uint32_t data;		/* write data, byte lane i = byte at offset + i */
};

/* VIONIC_OK if ID reads 'VIOC', else VIONIC_ENODEV. */
int ctrl_probe(void);

/* Reads PARAMS; VIONIC_EINVAL for a NULL pointer. */
int ctrl_read_params(struct ctrl_params *params);

/*
 * Reads the oldest event without removing it: true and *event filled if one is
 * present (EVT_INFO.VALID), false if the queue is empty (EVT_DATA not read).
 */
bool ctrl_event_peek(struct ctrl_event *event);

/* Removes the oldest event: only after its effect is published. */
void ctrl_event_pop(void);

/* EVT_COUNT: events waiting and host writes dropped. */
uint32_t ctrl_event_pending(void);
uint32_t ctrl_event_dropped(void);

/* IRQ_ENABLE.EVENT: the core's external interrupt while events wait. */
void ctrl_irq_enable_events(bool enable);

/* FW_STATUS.READY: config requests stop getting CRS once it is set. */
void ctrl_set_ready(bool ready);

/*
 * IRQ_SEND: set ISR bits (VIONIC_VIRTIO_PCI_ISR_*) of func, then request MSI-X
 * message vector (VIONIC_VIRTIO_PCI_NO_VECTOR for none). VIONIC_EINVAL if func
 * or isr does not fit its field.
 */
int ctrl_irq_send(uint32_t func, uint32_t isr, uint32_t vector);

/* GEN_BUMP: increment func's config_generation. VIONIC_EINVAL for func > 255. */
int ctrl_generation_bump(uint32_t func);

/* LINK.UP */
bool ctrl_link_up(void);

/* Counters. */
uint32_t ctrl_read_timeouts(void);
uint32_t ctrl_bad_accesses(void);
uint32_t ctrl_doorbell_count(void);
uint32_t ctrl_msix_sent(void);

/* PCI_STATE of func (raw word; fields VIONIC_CTRL_PCI_STATE_*). */
uint32_t ctrl_pci_state(uint32_t func);

/*
 * Store word writes. offset: byte offset inside the function's (or queue
 * entry's) part, a multiple of 4. VIONIC_EINVAL if the offset is not aligned or
 * not inside the part, or the function / entry is beyond the store.
 * A DEVCFG store increments the function's config_generation (hardware).
 */
int ctrl_shadow_write32(uint32_t func, uint32_t offset, uint32_t value);
int ctrl_devcfg_write32(uint32_t func, uint32_t offset, uint32_t value);
/* entry = func x QUEUES_PER_FUNC + queue */
int ctrl_qctx_write32(uint32_t entry, uint32_t offset, uint32_t value);

#endif /* VIONIC_DRIVERS_CTRL_H */
