/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The virtio-pci transport state machine of every PCIe function
 * (docs/transport.md "Firmware control path", docs/firmware.md).
 *
 * The hardware answers host reads from a per-function common-config shadow and
 * turns every host write into an event. This module owns the state behind the
 * shadow (features, status, selects, vectors, queue configuration), validates
 * each write against VIRTIO 1.3, publishes the effect (shadow words that
 * changed, queue contexts, device configuration) and counts what it refused.
 * The caller pops the event only after vionic_transport_handle_event()
 * returned, so a host read that follows a write sees its effect.
 *
 * No register is touched here directly: everything goes through drivers/ctrl.
 */
#ifndef VIONIC_LIB_VIRTIO_TRANSPORT_H
#define VIONIC_LIB_VIRTIO_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/ctrl.h"
#include "vionic/pcie_config_regs.h"
#include "vionic/virtio_pci_regs.h"

/* 128 feature bits, four 32-bit words (device_feature_select 0..3). */
#define VIONIC_FEATURE_WORDS	4u
#define VIONIC_FEATURE_WORD(bit)	((bit) / 32u)
#define VIONIC_FEATURE_MASK(bit)	(1u << ((bit) % 32u))

/* Bit `bit` as a contribution to word `word` (0 if it lives in another word). */
#define VIONIC_FEATURE_IN_WORD(word, bit) \
	(VIONIC_FEATURE_WORD(bit) == (word) ? VIONIC_FEATURE_MASK(bit) : 0u)

/* What the device implements in this issue (the offered set before masks). */
#define VIONIC_TRANSPORT_OFFERED(word)					\
	(VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_VERSION_1) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_RING_PACKED) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_RING_RESET) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MAC) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MTU) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_STATUS))

/*
 * Build-time feature mask, one word at a time: e.g.
 * make fw-device FW_DEVICE_DEFINES=-DVIONIC_FEATURE_MASK_W1=0xfffffeff
 * builds an image that does not offer RING_RESET (bit 40).
 */
#ifndef VIONIC_FEATURE_MASK_W0
#define VIONIC_FEATURE_MASK_W0 0xffffffffu
#endif
#ifndef VIONIC_FEATURE_MASK_W1
#define VIONIC_FEATURE_MASK_W1 0xffffffffu
#endif
#ifndef VIONIC_FEATURE_MASK_W2
#define VIONIC_FEATURE_MASK_W2 0xffffffffu
#endif
#ifndef VIONIC_FEATURE_MASK_W3
#define VIONIC_FEATURE_MASK_W3 0xffffffffu
#endif

/* Virtqueues per function: one receive/transmit pair, no control queue yet. */
#define VIONIC_TRANSPORT_NUM_QUEUES	2u
#define VIONIC_TRANSPORT_QUEUE_SIZE_MAX	VIONIC_PCIE_CONFIG_QUEUE_SIZE_MAX

/* Functions this firmware serves at most (the stores' room). */
#ifndef VIONIC_TRANSPORT_MAX_FUNCS
#define VIONIC_TRANSPORT_MAX_FUNCS	CTRL_SHADOW_MAX_FUNCS
#endif

/* virtio-net device configuration this firmware publishes (§5.1.4). */
#define VIONIC_TRANSPORT_MTU		1500u
#define VIONIC_TRANSPORT_MAX_VQ_PAIRS	1u

struct vionic_transport_config {
	struct ctrl_params params;		/* from ctrl PARAMS */
	uint32_t offered[VIONIC_FEATURE_WORDS];	/* device features before the runtime mask */
};

/* Refused or ignored host writes of one function (debug counters). */
struct vionic_transport_stats {
	uint32_t events;	/* events handled */
	uint32_t bad_size;	/* byte enables not exactly one field, or outside the structure */
	uint32_t read_only;	/* write to a read-only field */
	uint32_t refused;	/* a valid write refused by a state or value rule */
	uint32_t features_refused; /* FEATURES_OK refused (also counted in refused) */
	uint32_t device_cfg;	/* writes to the (read-only) device configuration */
	uint32_t unknown;	/* events with an unknown source or code */
};

/* The state behind one queue's common-config fields. */
struct vionic_queue_state {
	uint16_t size;
	uint16_t msix_vector;
	bool enabled;
	bool reset;		/* reset by queue_reset, not re-enabled (QCTX CONTROL.RESET) */
	uint64_t desc;
	uint64_t driver;
	uint64_t device;
};

/*
 * Checks the configuration and takes it (no register access). VIONIC_EINVAL if
 * config is NULL, num_funcs is 0 or above VIONIC_TRANSPORT_MAX_FUNCS,
 * queues_per_func is below VIONIC_TRANSPORT_NUM_QUEUES, the queue contexts do
 * not fit the QCTX store, or the offered features lack VERSION_1 or
 * RING_PACKED.
 */
int vionic_transport_init(const struct vionic_transport_config *config);

/*
 * Publishes every function's initial state: device configuration (MAC
 * 02:76:69:00:00:<func + 1>, status from link_up, one queue pair, MTU), queue
 * contexts and the whole shadow. VIONIC_EINVAL before a successful init.
 */
int vionic_transport_publish_all(bool link_up);

/*
 * Start-up with the hardware: reads PARAMS and LINK, init with the offered set
 * masked by the build-time mask, publish_all, then FW_STATUS.READY and
 * IRQ_ENABLE.EVENT. VIONIC_EINVAL if PARAMS is unusable (READY stays 0).
 */
int vionic_transport_boot(void);

/*
 * Acts on one event and publishes its effect. The caller pops it afterwards.
 * VIONIC_EINVAL for a NULL event or a function beyond num_funcs (counted in the
 * global unknown counter); VIONIC_OK otherwise, also when the write was
 * refused (refusals show in the readback and the counters).
 */
int vionic_transport_handle_event(const struct ctrl_event *event);

/*
 * One turn of the event loop: peeks the oldest event, handles it, publishes,
 * then pops it (a host read waits for the pop, so it sees the effect). Returns
 * 1 if an event was handled, 0 if the queue was empty.
 */
int vionic_transport_poll(void);

/*
 * Runtime feature mask: the offered features become offered & mask. Functions
 * whose device_status is 0 see the change at once (shadow republished); the
 * others at their next reset (features must not change under negotiation,
 * §2.2). VIONIC_EINVAL if mask is NULL or clears VERSION_1 or RING_PACKED,
 * without which no driver can be accepted.
 */
int vionic_transport_mask_features(const uint32_t mask[VIONIC_FEATURE_WORDS]);

/* Read access for the app and tests. NULL / 0 / false for a bad function. */
const struct vionic_transport_stats *vionic_transport_stats(uint32_t func);
uint32_t vionic_transport_unknown_func_events(void);
uint32_t vionic_transport_num_funcs(void);
uint8_t vionic_transport_device_status(uint32_t func);
uint32_t vionic_transport_device_features(uint32_t func, uint32_t word);
uint32_t vionic_transport_driver_features(uint32_t func, uint32_t word);
uint16_t vionic_transport_config_vector(uint32_t func);
const struct vionic_queue_state *vionic_transport_queue(uint32_t func, uint32_t queue);
/* The image of a shadow word last published (offset multiple of 4, < 64). */
uint32_t vionic_transport_shadow_word(uint32_t func, uint32_t offset);
bool vionic_transport_link_up(void);

#endif /* VIONIC_LIB_VIRTIO_TRANSPORT_H */
