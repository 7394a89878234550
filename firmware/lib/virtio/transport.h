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
#include "drivers/dp.h"
#include "vionic/pcie_config_regs.h"
#include "vionic/virtio_pci_regs.h"

/* 128 feature bits, four 32-bit words (device_feature_select 0..3). */
#define VIONIC_FEATURE_WORDS	4u
#define VIONIC_FEATURE_WORD(bit)	((bit) / 32u)
#define VIONIC_FEATURE_MASK(bit)	(1u << ((bit) % 32u))

/* Bit `bit` as a contribution to word `word` (0 if it lives in another word). */
#define VIONIC_FEATURE_IN_WORD(word, bit) \
	(VIONIC_FEATURE_WORD(bit) == (word) ? VIONIC_FEATURE_MASK(bit) : 0u)

/*
 * What the device implements (the offered set before masks): the transport
 * features, and the net features of the data path (CSUM, GUEST_CSUM,
 * MRG_RXBUF, EVENT_IDX, NOTIFICATION_DATA, IN_ORDER) and of the firmware's control
 * queue (CTRL_VQ, CTRL_RX, MQ, CTRL_MAC_ADDR). Each bit can be taken out at
 * build time with VIONIC_FEATURE_MASK_W<n> (e.g. -DVIONIC_FEATURE_MASK_W0=
 * 0xff7fffff drops CTRL_MAC_ADDR, bit 23) or at run time with
 * vionic_transport_mask_features().
 */
#define VIONIC_TRANSPORT_OFFERED(word)					\
	(VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_VERSION_1) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_RING_PACKED) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_RING_RESET) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_EVENT_IDX) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NOTIFICATION_DATA) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_IN_ORDER) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_CSUM) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_GUEST_CSUM) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MAC) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MTU) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MRG_RXBUF) | \
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_STATUS) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_CTRL_RX) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_MQ) |	\
	 VIONIC_FEATURE_IN_WORD(word, VIONIC_VIRTIO_PCI_F_NET_CTRL_MAC_ADDR))

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

/*
 * Virtqueues per function: 2 x NUM_QP hardware queues (receiveq k = 2k,
 * transmitq k = 2k + 1) and the control queue, 2 x NUM_QP (dp PARAMS.NUM_QP).
 * The firmware keeps the state of at most VIONIC_TRANSPORT_MAX_QP pairs per
 * function (about 32 bytes per queue and function of DTCM).
 */
#ifndef VIONIC_TRANSPORT_MAX_QP
#define VIONIC_TRANSPORT_MAX_QP		8u
#endif
#define VIONIC_TRANSPORT_MAX_QUEUES	(2u * VIONIC_TRANSPORT_MAX_QP + 1u)
#define VIONIC_TRANSPORT_QUEUE_SIZE_MAX	VIONIC_PCIE_CONFIG_QUEUE_SIZE_MAX

/* Functions this firmware serves at most (the stores' room). */
#ifndef VIONIC_TRANSPORT_MAX_FUNCS
#define VIONIC_TRANSPORT_MAX_FUNCS	CTRL_SHADOW_MAX_FUNCS
#endif

/* virtio-net device configuration this firmware publishes (§5.1.4). */
#define VIONIC_TRANSPORT_MTU		1500u

struct vionic_transport_config {
	struct ctrl_params params;		/* from ctrl PARAMS */
	struct dp_params dp;			/* from dp PARAMS (num_qp, mac_table_entries) */
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
	uint32_t dp_errors;	/* data-path errors of the function's queues */
	uint32_t dp_timeouts;	/* queue commands that did not complete in time */
};

/* The state behind one queue's common-config fields. */
struct vionic_queue_state {
	uint16_t size;
	uint16_t msix_vector;
	bool enabled;
	bool reset;		/* reset by queue_reset, not re-enabled (QCTX CONTROL.RESET) */
	bool started;		/* hardware queue: QUEUE_CMD START issued, no STOP since */
	uint64_t desc;
	uint64_t driver;
	uint64_t device;
};

/*
 * The receive side of a function as the data path is programmed
 * (FUNC_RX_MODE, MAC table): the driver's PROMISC / ALLMULTI (CTRL_RX), the
 * fallbacks of a MAC table too large for the hardware table, ENABLE
 * (DRIVER_OK), the active queue pairs (MQ) and the table entries in use.
 */
struct vionic_rx_state {
	bool promisc;
	bool allmulti;
	bool uc_overflow;	/* more unicast addresses than entries: PROMISC */
	bool mc_overflow;	/* more multicast addresses than room: ALLMULTI */
	bool enable;
	uint16_t queue_pairs;
	uint16_t mac_table_used;	/* entries 0..used-1 may be valid */
};

/*
 * Checks the configuration and takes it (no register access). VIONIC_EINVAL if
 * config is NULL, num_funcs is 0 or above VIONIC_TRANSPORT_MAX_FUNCS, num_qp is
 * 0 or above VIONIC_TRANSPORT_MAX_QP, queues_per_func is below 2 x num_qp + 1,
 * the queue contexts do not fit the QCTX store, or the offered features lack
 * VERSION_1 or RING_PACKED.
 */
int vionic_transport_init(const struct vionic_transport_config *config);

/*
 * Publishes every function's initial state: device configuration (MAC
 * 02:76:69:00:00:<func + 1>, status from link_up, NUM_QP queue pairs, MTU),
 * the data path's per-function registers (features 0, receive mode off, one
 * queue pair, every MAC table entry cleared), queue contexts and the whole
 * shadow. VIONIC_EINVAL before a successful init.
 */
int vionic_transport_publish_all(bool link_up);

/*
 * Start-up with the hardware: reads ctrl PARAMS, dp PARAMS and LINK, init with
 * the offered set masked by the build-time mask, publish_all, then
 * FW_STATUS.READY, ctrl IRQ_ENABLE.EVENT and dp IRQ_ENABLE.ERROR/KICK.
 * VIONIC_EINVAL if PARAMS is unusable (READY stays 0).
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
 * One data-path error (dp ERR_INFO, popped by the caller afterwards): the
 * function of the queue gets DEVICE_NEEDS_RESET and, with DRIVER_OK, the
 * configuration change interrupt (§2.1.2); one console line. An error of a
 * queue that is not started (a stale one from before a reset) is only counted.
 * With OVERFLOW, every started queue whose QSTATE is ERROR is treated alike.
 */
void vionic_transport_dp_error(const struct dp_error *error);

/* Handles the oldest data-path error, then pops it: 1 if there was one. */
int vionic_transport_poll_dp_errors(void);

/*
 * Sets DEVICE_NEEDS_RESET (§2.1.2), sends the configuration change interrupt if
 * DRIVER_OK is set and publishes the shadow. Nothing if already set.
 */
void vionic_transport_set_needs_reset(uint32_t func);

/* The function's MAC address (device configuration and dp FUNC_MAC). */
void vionic_transport_mac(uint32_t func, uint8_t mac[DP_MAC_BYTES]);
/*
 * VIRTIO_NET_CTRL_MAC_ADDR_SET: the device configuration's mac (one store per
 * changed word, so config_generation moves, §2.5) and dp FUNC_MAC.
 */
int vionic_transport_set_mac(uint32_t func, const uint8_t mac[DP_MAC_BYTES]);

/* The receive state (mutable for lib/virtio/cvq.c) and its write to FUNC_RX_MODE. */
struct vionic_rx_state *vionic_transport_rx(uint32_t func);
int vionic_transport_rx_apply(uint32_t func);

/* Negotiated (FEATURES_OK and accepted by the driver). */
bool vionic_transport_negotiated(uint32_t func, uint32_t bit);

/*
 * Queues per function (2 x NUM_QP + 1); the control queue's index for the
 * function's negotiated features (2 x NUM_QP with MQ, else 2; §5.1.2); dp PARAMS.
 */
uint32_t vionic_transport_num_queues(void);
uint32_t vionic_transport_ctrl_queue(uint32_t func);
const struct dp_params *vionic_transport_dp_params(void);

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
