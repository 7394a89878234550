// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * virtio-pci transport state machine; see transport.h and docs/firmware.md.
 * Section numbers are those of VIRTIO 1.3.
 */
#include "lib/virtio/transport.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "hal/bits.h"
#include "hal/status.h"
#include "lib/console.h"
#include "lib/virtio/cvq.h"
#include "vionic/virtio_common_cfg_regs.h"
#include "vionic/virtio_net_cfg_regs.h"

#define SHADOW_WORDS (CTRL_SHADOW_BYTES / 4u)

/* Status bits, shorter. */
#define S_ACKNOWLEDGE	VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE
#define S_DRIVER	VIONIC_VIRTIO_PCI_STATUS_DRIVER
#define S_DRIVER_OK	VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK
#define S_FEATURES_OK	VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK
#define S_NEEDS_RESET	VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET
#define S_FAILED	VIONIC_VIRTIO_PCI_STATUS_FAILED
/* The bits a driver may set (§2.1): the others are reserved or the device's. */
#define S_DRIVER_SETTABLE (S_ACKNOWLEDGE | S_DRIVER | S_DRIVER_OK | S_FEATURES_OK | S_FAILED)

#define NO_VECTOR VIONIC_VIRTIO_PCI_NO_VECTOR

/* --- the common configuration structure (regs/virtio_common_cfg.toml) --- */

enum cc_field {
	CC_DEVICE_FEATURE_SELECT,
	CC_DEVICE_FEATURE,
	CC_DRIVER_FEATURE_SELECT,
	CC_DRIVER_FEATURE,
	CC_CONFIG_MSIX_VECTOR,
	CC_NUM_QUEUES,
	CC_DEVICE_STATUS,
	CC_CONFIG_GENERATION,
	CC_QUEUE_SELECT,
	CC_QUEUE_SIZE,
	CC_QUEUE_MSIX_VECTOR,
	CC_QUEUE_ENABLE,
	CC_QUEUE_NOTIFY_OFF,
	CC_QUEUE_DESC_LO,
	CC_QUEUE_DESC_HI,
	CC_QUEUE_DRIVER_LO,
	CC_QUEUE_DRIVER_HI,
	CC_QUEUE_DEVICE_LO,
	CC_QUEUE_DEVICE_HI,
	CC_QUEUE_NOTIFY_DATA,
	CC_QUEUE_RESET,
	CC_ADMIN_QUEUE_INDEX,
	CC_ADMIN_QUEUE_NUM,
	CC_FIELDS
};

struct cc_field_desc {
	uint8_t offset;
	uint8_t size;
	bool writable;
};

#define CC(name, rw) \
	[CC_##name] = { VIONIC_VIRTIO_COMMON_CFG_##name##_OFFSET, \
			VIONIC_VIRTIO_COMMON_CFG_##name##_SIZE, (rw) }

/* "writable" is the driver's access in the specification (§4.1.4.3). */
static const struct cc_field_desc cc_fields[CC_FIELDS] = {
	CC(DEVICE_FEATURE_SELECT, true),
	CC(DEVICE_FEATURE, false),
	CC(DRIVER_FEATURE_SELECT, true),
	CC(DRIVER_FEATURE, true),
	CC(CONFIG_MSIX_VECTOR, true),
	CC(NUM_QUEUES, false),
	CC(DEVICE_STATUS, true),
	CC(CONFIG_GENERATION, false),
	CC(QUEUE_SELECT, true),
	CC(QUEUE_SIZE, true),
	CC(QUEUE_MSIX_VECTOR, true),
	CC(QUEUE_ENABLE, true),
	CC(QUEUE_NOTIFY_OFF, false),
	CC(QUEUE_DESC_LO, true),
	CC(QUEUE_DESC_HI, true),
	CC(QUEUE_DRIVER_LO, true),
	CC(QUEUE_DRIVER_HI, true),
	CC(QUEUE_DEVICE_LO, true),
	CC(QUEUE_DEVICE_HI, true),
	CC(QUEUE_NOTIFY_DATA, false),
	CC(QUEUE_RESET, true),
	CC(ADMIN_QUEUE_INDEX, false),
	CC(ADMIN_QUEUE_NUM, false),
};

/* --- feature dependencies (§2.2.1, §5.1.3.1): feature needs requires --- */

struct feature_dependency {
	uint8_t feature;
	uint8_t requires;
};

static const struct feature_dependency feature_dependencies[] = {
	{ VIONIC_VIRTIO_PCI_F_NET_CTRL_RX, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_CTRL_VLAN, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_MQ, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_CTRL_MAC_ADDR, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_NOTF_COAL, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_VQ_NOTF_COAL, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_RSS, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
	{ VIONIC_VIRTIO_PCI_F_NET_DEVICE_STATS, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ },
};

/* --- state --- */

struct function_state {
	uint32_t device_features[VIONIC_FEATURE_WORDS];
	uint32_t driver_features[VIONIC_FEATURE_WORDS];
	bool driver_features_beyond;	/* a non-zero word written beyond word 3 */
	uint32_t device_feature_select;
	uint32_t driver_feature_select;
	uint16_t config_msix_vector;
	uint16_t queue_select;
	uint8_t device_status;
	uint8_t mac[DP_MAC_BYTES];	/* device configuration mac, dp FUNC_MAC */
	struct vionic_rx_state rx;
	struct vionic_queue_state queues[VIONIC_TRANSPORT_MAX_QUEUES];
	uint32_t shadow[SHADOW_WORDS];	/* as last published */
	struct vionic_transport_stats stats;
};

static struct {
	bool initialised;
	struct ctrl_params params;
	struct dp_params dp;
	uint32_t offered[VIONIC_FEATURE_WORDS];
	uint32_t mask[VIONIC_FEATURE_WORDS];
	bool link_up;
	uint32_t unknown_func_events;
	struct function_state funcs[VIONIC_TRANSPORT_MAX_FUNCS];
	/*
	 * Per queue, the context words (QW() bits) the RAM may hold differently
	 * from the queue's state: set for every word by a reset and for the word
	 * of a disabled queue's size or address store (defer_qctx()), cleared by
	 * publish_qctx(). The data path reads a context only when a queue starts,
	 * so the queue's enable writes the stale words; rewriting all ten words of
	 * every programmed queue at the reset cost ~6,000 cycles while the host's
	 * read of device_status waited.
	 * Outside function_state, which the reset clears.
	 */
	uint16_t qctx_stale[VIONIC_TRANSPORT_MAX_FUNCS][VIONIC_TRANSPORT_MAX_QUEUES];
	/* cc_fields index + 1 of the field starting at each byte; 0: none (built at init) */
	uint8_t field_at[CTRL_SHADOW_BYTES];
} transport;

_Static_assert(VIONIC_TRANSPORT_MAX_QUEUES <= 32, "reset_function keeps one bit per queue");

/* --- helpers --- */

/*
 * Inlined on purpose: compose_shadow() runs for every host write the firmware
 * handles, and with constant offsets and sizes each field folds to a mask and a
 * shift (a call per field cost ~850 cycles per event, measured).
 */
static inline __attribute__((always_inline)) uint32_t size_mask(uint32_t size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8u * size)) - 1u;
}

/* Places value in the field at byte `offset` of `size` bytes of a word image. */
static inline __attribute__((always_inline)) void put_field(uint32_t *words, uint32_t offset, uint32_t size, uint32_t value)
{
	uint32_t shift = 8u * (offset & 3u);

	words[offset / 4u] &= ~(size_mask(size) << shift);
	words[offset / 4u] |= (value & size_mask(size)) << shift;
}

static bool has_feature(const uint32_t *words, uint32_t bit)
{
	return words[VIONIC_FEATURE_WORD(bit)] & VIONIC_FEATURE_MASK(bit);
}

static uint32_t queue_count(void)
{
	return 2u * transport.dp.num_qp + 1u;
}

static bool negotiated(const struct function_state *fs, uint32_t bit);

/*
 * The control queue is queue 2N, N = max_virtqueue_pairs with MQ negotiated,
 * else 1 (§5.1.2). The data path serves the receive/transmit queues below it;
 * it passes doorbells of every queue it does not run (so also of queue 2
 * without MQ) to the firmware.
 */
static uint32_t ctrl_queue_of(const struct function_state *fs)
{
	return negotiated(fs, VIONIC_VIRTIO_PCI_F_NET_MQ) ? 2u * transport.dp.num_qp : 2u;
}

/* A receive/transmit queue the data path serves (never the control queue). */
static bool hardware_queue(const struct function_state *fs, uint32_t queue)
{
	return queue < 2u * transport.dp.num_qp && queue != ctrl_queue_of(fs);
}

static uint32_t qid_of(uint32_t func, uint32_t queue)
{
	return func * transport.params.queues_per_func + queue;
}

/* The device features of a function: offered & mask. */
static void device_features_of(uint32_t *words)
{
	for (uint32_t w = 0; w < VIONIC_FEATURE_WORDS; w++)
		words[w] = transport.offered[w] & transport.mask[w];
}

static struct vionic_queue_state *selected_queue(struct function_state *fs)
{
	return fs->queue_select < queue_count() ? &fs->queues[fs->queue_select] : NULL;
}

/* --- publishing --- */

/* The queue the common configuration shows: the selected one, if it exists. */
static const struct vionic_queue_state *shown_queue(const struct function_state *fs)
{
	return fs->queue_select < queue_count() ? &fs->queues[fs->queue_select] : NULL;
}

/*
 * The value a common-configuration field reads as (the shadow's content): the
 * one place that maps the transport state to what the host reads. Fields not
 * listed read 0: CONFIG_GENERATION is overlaid by the hardware; QUEUE_NOTIFY_DATA
 * and ADMIN_QUEUE_* are 0 (no NOTIF_CONFIG_DATA, no ADMIN_VQ); queue_reset reads
 * 0 because a queue reset completes before its event is popped and the host
 * read waits for the pop (§4.1.4.3.1: 1 only while the reset is ongoing, 0 with
 * queue_enable 0 once done). A queue that does not exist reads all zeros,
 * queue_size 0 (§4.1.4.3.1). q: shown_queue(fs).
 */
static inline __attribute__((always_inline)) uint32_t field_value(const struct function_state *fs,
								  const struct vionic_queue_state *q,
								  enum cc_field field)
{
	switch (field) {
	case CC_DEVICE_FEATURE_SELECT:
		return fs->device_feature_select;
	case CC_DEVICE_FEATURE:
		return fs->device_feature_select < VIONIC_FEATURE_WORDS ?
		       fs->device_features[fs->device_feature_select] : 0;
	case CC_DRIVER_FEATURE_SELECT:
		return fs->driver_feature_select;
	case CC_DRIVER_FEATURE:
		return fs->driver_feature_select < VIONIC_FEATURE_WORDS ?
		       fs->driver_features[fs->driver_feature_select] : 0;
	case CC_CONFIG_MSIX_VECTOR:
		return fs->config_msix_vector;
	case CC_NUM_QUEUES:
		return queue_count();
	case CC_DEVICE_STATUS:
		return fs->device_status;
	case CC_QUEUE_SELECT:
		return fs->queue_select;
	case CC_QUEUE_SIZE:
		return q ? q->size : 0;
	case CC_QUEUE_MSIX_VECTOR:
		return q ? q->msix_vector : 0;
	case CC_QUEUE_ENABLE:
		return q ? q->enabled : 0;
	case CC_QUEUE_NOTIFY_OFF:
		return q ? fs->queue_select : 0;
	case CC_QUEUE_DESC_LO:
		return q ? (uint32_t)q->desc : 0;
	case CC_QUEUE_DESC_HI:
		return q ? (uint32_t)(q->desc >> 32) : 0;
	case CC_QUEUE_DRIVER_LO:
		return q ? (uint32_t)q->driver : 0;
	case CC_QUEUE_DRIVER_HI:
		return q ? (uint32_t)(q->driver >> 32) : 0;
	case CC_QUEUE_DEVICE_LO:
		return q ? (uint32_t)q->device : 0;
	case CC_QUEUE_DEVICE_HI:
		return q ? (uint32_t)(q->device >> 32) : 0;
	default:
		return 0;
	}
}

/* The 16 shadow words the function's state reads as (§4.1.4.3). */
static void compose_shadow(const struct function_state *fs, uint32_t *words)
{
	const struct vionic_queue_state *q = shown_queue(fs);

	/* field_value() inlines to a constant placement per field. */
#define PUT(field)								\
	put_field(words, VIONIC_VIRTIO_COMMON_CFG_##field##_OFFSET,		\
		  VIONIC_VIRTIO_COMMON_CFG_##field##_SIZE, field_value(fs, q, CC_##field))
	memset(words, 0, CTRL_SHADOW_BYTES);
	PUT(DEVICE_FEATURE_SELECT);
	PUT(DEVICE_FEATURE);
	PUT(DRIVER_FEATURE_SELECT);
	PUT(DRIVER_FEATURE);
	PUT(CONFIG_MSIX_VECTOR);
	PUT(NUM_QUEUES);
	PUT(DEVICE_STATUS);
	PUT(QUEUE_SELECT);
	PUT(QUEUE_SIZE);
	PUT(QUEUE_MSIX_VECTOR);
	PUT(QUEUE_ENABLE);
	PUT(QUEUE_NOTIFY_OFF);
	PUT(QUEUE_DESC_LO);
	PUT(QUEUE_DESC_HI);
	PUT(QUEUE_DRIVER_LO);
	PUT(QUEUE_DRIVER_HI);
	PUT(QUEUE_DEVICE_LO);
	PUT(QUEUE_DEVICE_HI);
#undef PUT
}

/* Writes the shadow words that differ from the last published (all if forced). */
static void publish_shadow(uint32_t func, bool force)
{
	struct function_state *fs = &transport.funcs[func];
	uint32_t words[SHADOW_WORDS];

	compose_shadow(fs, words);
	for (uint32_t i = 0; i < SHADOW_WORDS; i++) {
		if (!force && words[i] == fs->shadow[i])
			continue;
		ctrl_shadow_write32(func, 4u * i, words[i]);
		fs->shadow[i] = words[i];
	}
}

/*
 * Publishes only the given fields (bits of enum cc_field) into the published
 * words: for a write whose effect on the shadow is confined to them, about
 * 400 cycles less than composing the whole image (docs/firmware.md).
 */
static void publish_fields(uint32_t func, uint32_t fields)
{
	struct function_state *fs = &transport.funcs[func];
	const struct vionic_queue_state *q = shown_queue(fs);

	while (fields) {
		uint32_t f = (uint32_t)__builtin_ctz(fields);
		const struct cc_field_desc *d = &cc_fields[f];
		uint32_t word = fs->shadow[d->offset / 4u];

		fields &= fields - 1u;
		put_field(&word, d->offset & 3u, d->size, field_value(fs, q, (enum cc_field)f));
		if (word == fs->shadow[d->offset / 4u])
			continue;
		ctrl_shadow_write32(func, d->offset & ~3u, word);
		fs->shadow[d->offset / 4u] = word;
	}
}

/* Queue-context words (regs/queue_context.toml). */
enum qctx_word {
	QW_CONFIG,
	QW_CONTROL,
	QW_DESC_LO,
	QW_DESC_HI,
	QW_DRIVER_LO,
	QW_DRIVER_HI,
	QW_DEVICE_LO,
	QW_DEVICE_HI,
	QW_NOTIFY_DATA,
	QW_RING_STATE,
	QW_COUNT
};

#define QW(w) (1u << (w))
#define QW_ALL (QW(QW_COUNT) - 1u)

_Static_assert(QW_COUNT <= 16, "qctx_stale holds one bit per context word");

static const uint8_t qctx_offsets[QW_COUNT] = {
	[QW_CONFIG] = VIONIC_QUEUE_CONTEXT_CONFIG_OFFSET,
	[QW_CONTROL] = VIONIC_QUEUE_CONTEXT_CONTROL_OFFSET,
	[QW_DESC_LO] = VIONIC_QUEUE_CONTEXT_DESC_LO_OFFSET,
	[QW_DESC_HI] = VIONIC_QUEUE_CONTEXT_DESC_HI_OFFSET,
	[QW_DRIVER_LO] = VIONIC_QUEUE_CONTEXT_DRIVER_LO_OFFSET,
	[QW_DRIVER_HI] = VIONIC_QUEUE_CONTEXT_DRIVER_HI_OFFSET,
	[QW_DEVICE_LO] = VIONIC_QUEUE_CONTEXT_DEVICE_LO_OFFSET,
	[QW_DEVICE_HI] = VIONIC_QUEUE_CONTEXT_DEVICE_HI_OFFSET,
	[QW_NOTIFY_DATA] = VIONIC_QUEUE_CONTEXT_NOTIFY_DATA_OFFSET,
	[QW_RING_STATE] = VIONIC_QUEUE_CONTEXT_RING_STATE_OFFSET,
};

/*
 * The ring position a queue starts from (§2.8.1: both wrap counters start at
 * 1, both indices at 0); the data path loads it at QUEUE_CMD START.
 */
#define RING_STATE_INITIAL							\
	(VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_RING_STATE_AVAIL_IDX, 0) |	\
	 VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_RING_STATE_AVAIL_WRAP, 1) |	\
	 VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_RING_STATE_USED_IDX, 0) |	\
	 VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_RING_STATE_USED_WRAP, 1))

static uint32_t qctx_value(const struct vionic_queue_state *q, uint32_t queue, enum qctx_word w)
{
	switch (w) {
	case QW_CONFIG:
		return VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONFIG_SIZE, q->size) |
		       VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONFIG_MSIX_VECTOR, q->msix_vector);
	case QW_CONTROL:
		return VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE, q->enabled) |
		       VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_RESET, q->reset) |
		       VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, queue);
	case QW_DESC_LO:
		return (uint32_t)q->desc;
	case QW_DESC_HI:
		return (uint32_t)(q->desc >> 32);
	case QW_DRIVER_LO:
		return (uint32_t)q->driver;
	case QW_DRIVER_HI:
		return (uint32_t)(q->driver >> 32);
	case QW_DEVICE_LO:
		return (uint32_t)q->device;
	case QW_DEVICE_HI:
		return (uint32_t)(q->device >> 32);
	case QW_RING_STATE:
		return RING_STATE_INITIAL;
	case QW_NOTIFY_DATA:
	default:
		return 0;
	}
}

/*
 * Writes the queue-context words in `words`. CONTROL goes first when the queue
 * is disabled (the data path stops before the rest changes) and last when it
 * is enabled (the data path starts on a complete context).
 */
static void publish_qctx(uint32_t func, uint32_t queue, uint32_t words)
{
	const struct vionic_queue_state *q = &transport.funcs[func].queues[queue];
	uint32_t entry = qid_of(func, queue);
	bool control_first = !q->enabled;

	transport.qctx_stale[func][queue] &= (uint16_t)~words;

	if (control_first && (words & QW(QW_CONTROL)))
		ctrl_qctx_write32(entry, qctx_offsets[QW_CONTROL], qctx_value(q, queue, QW_CONTROL));
	for (uint32_t w = 0; w < QW_COUNT; w++)
		if (w != QW_CONTROL && (words & QW(w)))
			ctrl_qctx_write32(entry, qctx_offsets[w], qctx_value(q, queue, w));
	if (!control_first && (words & QW(QW_CONTROL)))
		ctrl_qctx_write32(entry, qctx_offsets[QW_CONTROL], qctx_value(q, queue, QW_CONTROL));
}

/*
 * A field of a disabled queue changed: its context words are written when the
 * queue is enabled (the data path reads a context only when the queue starts),
 * not now: Linux writes seven of them per queue and then reads the vector back.
 */
static void defer_qctx(uint32_t func, uint32_t queue, uint32_t words)
{
	transport.qctx_stale[func][queue] |= (uint16_t)words;
}

/* Device configuration word 1: MAC bytes 4..5 and the status field (§5.1.4). */
static void default_mac(uint32_t func, uint8_t *mac)
{
	/* 02:76:69:00:00:<func + 1>: locally administered, "vi", the function. */
	const uint8_t def[DP_MAC_BYTES] = { 0x02, 0x76, 0x69, 0x00, 0x00, (uint8_t)(func + 1u) };

	memcpy(mac, def, DP_MAC_BYTES);
}

static void compose_devcfg(uint32_t func, uint32_t *words)
{
	const uint8_t *mac = transport.funcs[func].mac;
	uint32_t mac_lo = 0, mac_hi = 0;

	for (uint32_t i = 0; i < 4; i++)
		mac_lo |= (uint32_t)mac[i] << (8u * i);
	mac_hi = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
	memset(words, 0, 3 * sizeof(*words));
#define PUT(field, value) \
	put_field(words, VIONIC_VIRTIO_NET_CFG_##field##_OFFSET, \
		  VIONIC_VIRTIO_NET_CFG_##field##_SIZE, (value))
	PUT(MAC_LO, mac_lo);
	PUT(MAC_HI, mac_hi);
	PUT(STATUS, VIONIC_FIELD_PREP(VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP, transport.link_up));
	PUT(MAX_VIRTQUEUE_PAIRS, transport.dp.num_qp);
	PUT(MTU, VIONIC_TRANSPORT_MTU);
#undef PUT
}

_Static_assert(VIONIC_VIRTIO_NET_CFG_MTU_OFFSET < 12, "devcfg image is 3 words");

/* Writes device-config words [first, first + count) (each store bumps the generation). */
static void publish_devcfg(uint32_t func, uint32_t first, uint32_t count)
{
	uint32_t words[3];

	compose_devcfg(func, words);
	for (uint32_t i = first; i < first + count && i < 3; i++)
		ctrl_devcfg_write32(func, 4u * i, words[i]);
}

/* --- reset --- */

static void queue_defaults(struct vionic_queue_state *q)
{
	*q = (struct vionic_queue_state){
		.size = VIONIC_TRANSPORT_QUEUE_SIZE_MAX,
		.msix_vector = NO_VECTOR,
	};
}

/*
 * Device reset (§2.1: device_status 0; §4.1.4.3.1) and FLR: every piece of
 * driver-visible state returns to its initial value, the queue contexts are
 * rewritten (stopped first), then the whole shadow, so device_status reads 0
 * only once everything is reset.
 */
static void log_timeout(uint32_t func, uint32_t queue, const char *what)
{
	transport.funcs[func].stats.dp_timeouts++;
	console_printf("vionic: f%" PRIu32 " q%" PRIu32 " %s timed out\n", func, queue, what);
}

/*
 * QUEUE_CMD STOP of a started hardware queue, waiting until the data path has
 * retired every buffer it took and has no DMA of the queue outstanding: no
 * DMA for the queue follows its reset (§2.6.1, §4.1.4.3.1). The wait is
 * bounded (dp poll limit); a timeout is logged and counted, and the reset
 * goes on (the firmware must not hang).
 */
static void stop_queue(uint32_t func, uint32_t queue)
{
	struct vionic_queue_state *q = &transport.funcs[func].queues[queue];

	if (!q->started)
		return;
	q->started = false;
	if (dp_queue_stop(qid_of(func, queue)) != VIONIC_OK)
		log_timeout(func, queue, "STOP");
}

static void write_rx_mode(uint32_t func)
{
	const struct vionic_rx_state *rx = &transport.funcs[func].rx;
	struct dp_rx_mode mode = {
		.promisc = rx->promisc || rx->uc_overflow,
		.allmulti = rx->allmulti || rx->mc_overflow,
		.enable = rx->enable,
		.queue_pairs = rx->queue_pairs,
	};

	dp_func_set_rx_mode(func, &mode);
}

/*
 * Device reset (§2.1: device_status 0; §4.1.4.3.1) and FLR: the function's
 * hardware queues are stopped (each waited for), the data path's
 * per-function registers cleared (features, receive mode with one queue pair,
 * the MAC table entries in use), the control queue forgotten; then every
 * piece of driver-visible state returns to its initial value, the queue
 * contexts are rewritten (stopped first), the MAC in the device configuration
 * returns to the default if MAC_ADDR_SET changed it, and last the whole
 * shadow, so device_status reads 0 only once everything is reset.
 */
static void reset_function(uint32_t func, bool boot)
{
	struct function_state *fs = &transport.funcs[func];
	struct vionic_transport_stats stats;
	uint32_t shadow[SHADOW_WORDS];
	uint32_t mac_entries = boot ? transport.dp.mac_table_entries : fs->rx.mac_table_used;
	uint8_t mac[DP_MAC_BYTES], old_mac[DP_MAC_BYTES];
	uint32_t was_enabled = 0;

	for (uint32_t q = 0; q < queue_count(); q++)
		if (fs->queues[q].enabled)
			was_enabled |= 1u << q;
	for (uint32_t q = 0; q < 2u * transport.dp.num_qp; q++)
		stop_queue(func, q);	/* only the started ones */
	dp_func_set_features(func, 0, 0);
	for (uint32_t e = 0; e < mac_entries; e++)
		dp_func_set_mac_entry(func, e, NULL, false);
	vionic_cvq_reset(func);

	stats = fs->stats;	/* the stops above may have counted a timeout */
	memcpy(old_mac, fs->mac, sizeof(old_mac));
	memcpy(shadow, fs->shadow, sizeof(shadow));
	memset(fs, 0, sizeof(*fs));
	fs->stats = stats;
	memcpy(fs->shadow, shadow, sizeof(shadow));	/* as published: only changes go out */
	device_features_of(fs->device_features);
	fs->config_msix_vector = NO_VECTOR;
	fs->rx.queue_pairs = 1;
	write_rx_mode(func);
	default_mac(func, mac);
	memcpy(fs->mac, mac, sizeof(mac));
	if (boot)
		publish_devcfg(func, 0, 3);
	else if (memcmp(old_mac, mac, sizeof(mac)))
		publish_devcfg(func, 0, 2);	/* mac: words 0 and 1 */
	for (uint32_t q = 0; q < queue_count(); q++) {
		queue_defaults(&fs->queues[q]);
		if (boot) {
			publish_qctx(func, q, QW_ALL);
			continue;
		}
		/*
		 * Only an enabled queue's CONTROL (disabled now); the rest is
		 * written when the queue is next enabled (qctx_stale).
		 */
		transport.qctx_stale[func][q] = QW_ALL & ~QW(QW_CONTROL);
		if (was_enabled & (1u << q))
			ctrl_qctx_write32(qid_of(func, q), qctx_offsets[QW_CONTROL],
					  qctx_value(&fs->queues[q], q, QW_CONTROL));
		else
			transport.qctx_stale[func][q] = QW_ALL;
	}
	publish_shadow(func, boot);
}

/*
 * §2.1.2: on NEEDS_RESET with DRIVER_OK set, send a configuration change
 * notification. The caller publishes the shadow.
 */
static void set_needs_reset(uint32_t func)
{
	struct function_state *fs = &transport.funcs[func];

	fs->device_status |= S_NEEDS_RESET;
	if (fs->device_status & S_DRIVER_OK)
		ctrl_irq_send(func, VIONIC_VIRTIO_PCI_ISR_CONFIG, fs->config_msix_vector);
}

/* --- feature negotiation (§2.2, §3.1.1, §6, §5.1.3.1) --- */

static bool features_acceptable(const struct function_state *fs)
{
	const uint32_t *drv = fs->driver_features;

	/* Only features the device offered (§2.2.1). */
	if (fs->driver_features_beyond)
		return false;
	for (uint32_t w = 0; w < VIONIC_FEATURE_WORDS; w++)
		if (drv[w] & ~fs->device_features[w])
			return false;
	/* No legacy interface (VERSION_1, §6.1), and only packed rings are implemented. */
	if (!has_feature(drv, VIONIC_VIRTIO_PCI_F_VERSION_1) ||
	    !has_feature(drv, VIONIC_VIRTIO_PCI_F_RING_PACKED))
		return false;
	/* A feature whose prerequisite was not accepted (§2.2.1, §5.1.3.1). */
	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(feature_dependencies); i++)
		if (has_feature(drv, feature_dependencies[i].feature) &&
		    !has_feature(drv, feature_dependencies[i].requires))
			return false;
	return true;
}

static bool negotiated(const struct function_state *fs, uint32_t bit)
{
	return (fs->device_status & S_FEATURES_OK) && has_feature(fs->driver_features, bit);
}

/* --- common-config writes --- */

static void write_device_status(uint32_t func, uint32_t value)
{
	struct function_state *fs = &transport.funcs[func];
	uint32_t set = value & ~fs->device_status;

	/* Writing 0 resets the device; it reads 0 once that is done (§4.1.4.3.1). */
	if (value == 0) {
		reset_function(func, false);
		return;
	}
	/* Bits are only cleared by a reset (§2.1.1); the device's and reserved bits are not the driver's. */
	if ((fs->device_status & ~value) || (set & ~S_DRIVER_SETTABLE))
		fs->stats.refused++;
	fs->device_status |= set & (S_ACKNOWLEDGE | S_DRIVER | S_FAILED);
	/* A device that needs a reset goes no further (§2.1.2): refused below. */
	if (set & S_FEATURES_OK) {
		/* §3.1.1 step 5-6: left clear if refused; the driver re-reads it. */
		if (!(fs->device_status & (S_DRIVER_OK | S_NEEDS_RESET)) &&
		    features_acceptable(fs)) {
			fs->device_status |= S_FEATURES_OK;
			/* The data path follows the negotiated features (CSUM, MRG_RXBUF, ...). */
			dp_func_set_features(func, fs->driver_features[0], fs->driver_features[1]);
		} else {
			fs->stats.refused++;
			fs->stats.features_refused++;
		}
	}
	if (set & S_DRIVER_OK) {
		if (fs->device_status & S_NEEDS_RESET) {
			fs->stats.refused++;
		} else if (fs->device_status & S_FEATURES_OK) {
			fs->device_status |= S_DRIVER_OK;
			/* The function receives from now on, at its own address. */
			dp_func_set_mac(func, fs->mac);
			fs->rx.enable = true;
			write_rx_mode(func);
		} else {
			/* Driving a device without negotiated features is an error (§3.1.1). */
			fs->stats.refused++;
			set_needs_reset(func);
		}
	}
}

static void write_driver_feature(struct function_state *fs, uint32_t value)
{
	/* Only before FEATURES_OK (§2.2.2, §3.1.1). */
	if (fs->device_status & (S_FEATURES_OK | S_DRIVER_OK | S_FAILED)) {
		fs->stats.refused++;
		return;
	}
	if (fs->driver_feature_select < VIONIC_FEATURE_WORDS)
		fs->driver_features[fs->driver_feature_select] = value;
	else if (value)
		fs->driver_features_beyond = true;	/* bits no device offers */
}

/*
 * Vectors 0..MSIX_VECTORS-1 and NO_VECTOR (unmap) are accepted; a mapping the
 * device cannot do reads back as NO_VECTOR (§4.1.5.1.2 "MSI-X Vector
 * Configuration").
 */
static uint16_t checked_vector(struct function_state *fs, uint32_t value)
{
	if (value == NO_VECTOR || value < transport.params.msix_vectors)
		return (uint16_t)value;
	fs->stats.refused++;
	return NO_VECTOR;
}

/* Queue configuration: after FEATURES_OK (§3.1.1 step 7), while the queue is disabled. */
static struct vionic_queue_state *programmable_queue(struct function_state *fs)
{
	struct vionic_queue_state *q = selected_queue(fs);

	if (!q || !(fs->device_status & S_FEATURES_OK) || q->enabled) {
		fs->stats.refused++;
		return NULL;
	}
	return q;
}

static void set_address_half(uint64_t *address, bool high, uint32_t value)
{
	if (high)
		*address = (*address & 0xffffffffull) | (uint64_t)value << 32;
	else
		*address = (*address & ~0xffffffffull) | value;
}

/*
 * queue_enable = 1 (§4.1.4.3): the queue exists, features are negotiated, it
 * has a size and its areas are aligned as the packed ring needs (§2.8
 * "Structure Size and Alignment": descriptor ring 16 bytes, event suppression
 * areas 4 bytes). The driver must not write 0 (§4.1.4.3.2): ignored.
 */
static void write_queue_enable(uint32_t func, uint32_t value)
{
	struct function_state *fs = &transport.funcs[func];
	struct vionic_queue_state *q = selected_queue(fs);

	if (value != 1 || !q || !(fs->device_status & S_FEATURES_OK) || q->enabled ||
	    q->size == 0 || (q->desc & 15u) || (q->driver & 3u) || (q->device & 3u)) {
		fs->stats.refused++;
		return;
	}
	q->enabled = true;
	q->reset = false;	/* the data path's "was reset" ends here */
	if (!hardware_queue(fs, fs->queue_select)) {
		/* The control queue: served by the firmware from its first slot
		 * (queue 2 x NUM_QP without MQ exists but is not used, §5.1.2). */
		publish_qctx(func, fs->queue_select,
			     transport.qctx_stale[func][fs->queue_select] | QW(QW_CONTROL));
		if (fs->queue_select == ctrl_queue_of(fs))
			vionic_cvq_enabled(func);
		return;
	}
	/*
	 * A new ring: the data path starts at slot 0 with both wrap counters 1
	 * (§2.8.1); it loads the context now, so the words a reset left stale go too.
	 */
	publish_qctx(func, fs->queue_select, transport.qctx_stale[func][fs->queue_select] |
		     QW(QW_RING_STATE) | QW(QW_CONTROL));
	q->started = true;	/* a command that timed out may still complete: stop it at reset */
	if (dp_queue_start(qid_of(func, fs->queue_select)) != VIONIC_OK) {
		log_timeout(func, fs->queue_select, "START");
		set_needs_reset(func);
	}
}

/*
 * queue_reset = 1 with RING_RESET negotiated (§2.6.1 "Virtqueue Reset",
 * §4.1.4.3): the queue stops and its fields return to their defaults. The
 * reset is complete when this returns, so the host's next read (which waits
 * for the pop) sees queue_reset 0 and queue_enable 0, as the device must
 * present once the reset is done; the driver may then re-program and re-enable
 * the queue, also after DRIVER_OK. The queue context keeps CONTROL.RESET = 1
 * until then, for the data path.
 */
static void write_queue_reset(uint32_t func, uint32_t value)
{
	struct function_state *fs = &transport.funcs[func];
	struct vionic_queue_state *q = selected_queue(fs);

	if (value != 1 || !q || !negotiated(fs, VIONIC_VIRTIO_PCI_F_RING_RESET)) {
		fs->stats.refused++;
		return;
	}
	/* No DMA for the queue after its reset completes (§2.6.1). */
	if (hardware_queue(fs, fs->queue_select))
		stop_queue(func, fs->queue_select);
	else
		vionic_cvq_reset(func);
	queue_defaults(q);
	q->reset = true;
	publish_qctx(func, fs->queue_select, QW_ALL);
}

static void write_common_field(uint32_t func, enum cc_field field, uint32_t value)
{
	struct function_state *fs = &transport.funcs[func];
	struct vionic_queue_state *q;

	switch (field) {
	case CC_DEVICE_FEATURE_SELECT:
		fs->device_feature_select = value;
		break;
	case CC_DRIVER_FEATURE_SELECT:
		fs->driver_feature_select = value;
		break;
	case CC_DRIVER_FEATURE:
		write_driver_feature(fs, value);
		break;
	case CC_CONFIG_MSIX_VECTOR:
		fs->config_msix_vector = checked_vector(fs, value);
		break;
	case CC_DEVICE_STATUS:
		write_device_status(func, value);
		break;
	case CC_QUEUE_SELECT:
		fs->queue_select = (uint16_t)value;
		break;
	case CC_QUEUE_SIZE:
		q = programmable_queue(fs);
		/* 1..max; packed rings need not be a power of 2 (§2.8). */
		if (!q)
			break;
		if (value == 0 || value > VIONIC_TRANSPORT_QUEUE_SIZE_MAX) {
			fs->stats.refused++;
			break;
		}
		q->size = (uint16_t)value;
		defer_qctx(func, fs->queue_select, QW(QW_CONFIG));
		break;
	case CC_QUEUE_MSIX_VECTOR:
		/* Any time for an existing queue (the data path reads it per interrupt). */
		q = selected_queue(fs);
		if (!q) {
			fs->stats.refused++;
			break;
		}
		q->msix_vector = checked_vector(fs, value);
		publish_qctx(func, fs->queue_select, QW(QW_CONFIG));
		break;
	case CC_QUEUE_ENABLE:
		write_queue_enable(func, value);
		break;
	case CC_QUEUE_DESC_LO:
	case CC_QUEUE_DESC_HI:
		q = programmable_queue(fs);
		if (!q)
			break;
		set_address_half(&q->desc, field == CC_QUEUE_DESC_HI, value);
		defer_qctx(func, fs->queue_select,
			   QW(field == CC_QUEUE_DESC_HI ? QW_DESC_HI : QW_DESC_LO));
		break;
	case CC_QUEUE_DRIVER_LO:
	case CC_QUEUE_DRIVER_HI:
		q = programmable_queue(fs);
		if (!q)
			break;
		set_address_half(&q->driver, field == CC_QUEUE_DRIVER_HI, value);
		defer_qctx(func, fs->queue_select,
			   QW(field == CC_QUEUE_DRIVER_HI ? QW_DRIVER_HI : QW_DRIVER_LO));
		break;
	case CC_QUEUE_DEVICE_LO:
	case CC_QUEUE_DEVICE_HI:
		q = programmable_queue(fs);
		if (!q)
			break;
		set_address_half(&q->device, field == CC_QUEUE_DEVICE_HI, value);
		defer_qctx(func, fs->queue_select,
			   QW(field == CC_QUEUE_DEVICE_HI ? QW_DEVICE_HI : QW_DEVICE_LO));
		break;
	case CC_QUEUE_RESET:
		write_queue_reset(func, value);
		break;
	default:
		fs->stats.read_only++;
		break;
	}
}

#define FIELD(name) (1u << CC_##name)
/*
 * The fields a write of each field can change, where that is only itself (and a
 * selected value): the host's plain stores (feature words, addresses, sizes,
 * vectors), which Linux issues about nine of per queue. 0: anything may change
 * (device_status, queue_select, queue_enable, queue_reset), the whole image is
 * composed again.
 */
static const uint32_t effect_fields[CC_FIELDS] = {
	[CC_DEVICE_FEATURE_SELECT] = FIELD(DEVICE_FEATURE_SELECT) | FIELD(DEVICE_FEATURE),
	[CC_DRIVER_FEATURE_SELECT] = FIELD(DRIVER_FEATURE_SELECT) | FIELD(DRIVER_FEATURE),
	[CC_DRIVER_FEATURE] = FIELD(DRIVER_FEATURE),
	[CC_CONFIG_MSIX_VECTOR] = FIELD(CONFIG_MSIX_VECTOR),
	[CC_QUEUE_SIZE] = FIELD(QUEUE_SIZE),
	[CC_QUEUE_MSIX_VECTOR] = FIELD(QUEUE_MSIX_VECTOR),
	[CC_QUEUE_DESC_LO] = FIELD(QUEUE_DESC_LO),
	[CC_QUEUE_DESC_HI] = FIELD(QUEUE_DESC_HI),
	[CC_QUEUE_DRIVER_LO] = FIELD(QUEUE_DRIVER_LO),
	[CC_QUEUE_DRIVER_HI] = FIELD(QUEUE_DRIVER_HI),
	[CC_QUEUE_DEVICE_LO] = FIELD(QUEUE_DEVICE_LO),
	[CC_QUEUE_DEVICE_HI] = FIELD(QUEUE_DEVICE_HI),
};
#undef FIELD

_Static_assert(CC_FIELDS <= 32, "effect_fields holds one bit per field");

/*
 * A host write to the common configuration: it must cover exactly one field at
 * its natural width (§4.1.3.1; 64-bit fields as two 32-bit halves); anything
 * else is ignored. Read-only fields are ignored too.
 */
static void handle_common_write(uint32_t func, uint32_t offset, uint32_t be, uint32_t data)
{
	struct function_state *fs = &transport.funcs[func];
	const struct cc_field_desc *d = NULL;
	uint32_t lane = 0, index = 0, value;

	if ((offset & 3u) || offset >= CTRL_SHADOW_BYTES) {
		fs->stats.bad_size++;
		return;
	}
	/* The field starting at the lowest enabled byte: the write must cover exactly it. */
	while (lane < 4u && !(be & (1u << lane)))
		lane++;
	if (lane < 4u)
		index = transport.field_at[offset + lane];
	if (index)
		d = &cc_fields[index - 1u];
	if (!d || be != (((1u << d->size) - 1u) << lane)) {
		fs->stats.bad_size++;
		return;
	}
	if (!d->writable) {
		fs->stats.read_only++;
		return;
	}
	value = (data >> (8u * lane)) & size_mask(d->size);
	/* Linux selects the queue again before each group of queue writes: nothing changes. */
	if (index - 1u == CC_QUEUE_SELECT && value == fs->queue_select)
		return;
	write_common_field(func, (enum cc_field)(index - 1u), value);
	if (effect_fields[index - 1u])
		publish_fields(func, effect_fields[index - 1u]);
	else
		publish_shadow(func, false);
}

/*
 * The link changed: every function's status field (one store: the generation
 * moves, §2.5.1), and a configuration change notification to drivers that are
 * running (§4.1.4.5, §5.1.4.2).
 */
static void handle_link(void)
{
	bool up = ctrl_link_up();

	if (up == transport.link_up)
		return;
	transport.link_up = up;
	for (uint32_t f = 0; f < transport.params.num_funcs; f++) {
		struct function_state *fs = &transport.funcs[f];

		publish_devcfg(f, VIONIC_VIRTIO_NET_CFG_STATUS_OFFSET / 4u, 1);
		if (fs->device_status & S_DRIVER_OK)
			ctrl_irq_send(f, VIONIC_VIRTIO_PCI_ISR_CONFIG, fs->config_msix_vector);
	}
}

/* --- API --- */

int vionic_transport_init(const struct vionic_transport_config *config)
{
	if (!config)
		return VIONIC_EINVAL;
	if (config->params.num_funcs == 0 || config->params.num_funcs > VIONIC_TRANSPORT_MAX_FUNCS ||
	    config->params.num_funcs > CTRL_DEVCFG_MAX_FUNCS ||
	    config->dp.num_qp == 0 || config->dp.num_qp > VIONIC_TRANSPORT_MAX_QP ||
	    config->params.queues_per_func < 2u * config->dp.num_qp + 1u ||
	    config->params.num_funcs * config->params.queues_per_func > CTRL_QCTX_MAX_ENTRIES)
		return VIONIC_EINVAL;
	if (!has_feature(config->offered, VIONIC_VIRTIO_PCI_F_VERSION_1) ||
	    !has_feature(config->offered, VIONIC_VIRTIO_PCI_F_RING_PACKED))
		return VIONIC_EINVAL;
	/* Only the functions in use: clearing all of them costs ~50k cycles at boot. */
	memset(transport.funcs, 0, config->params.num_funcs * sizeof(transport.funcs[0]));
	transport.link_up = false;
	transport.unknown_func_events = 0;
	transport.params = config->params;
	transport.dp = config->dp;
	for (uint32_t w = 0; w < VIONIC_FEATURE_WORDS; w++) {
		transport.offered[w] = config->offered[w];
		transport.mask[w] = 0xffffffffu;
	}
	memset(transport.field_at, 0, sizeof(transport.field_at));
	for (uint32_t i = 0; i < CC_FIELDS; i++)
		if (cc_fields[i].offset < CTRL_SHADOW_BYTES)
			transport.field_at[cc_fields[i].offset] = (uint8_t)(i + 1u);
	transport.initialised = true;
	return VIONIC_OK;
}

int vionic_transport_publish_all(bool link_up)
{
	if (!transport.initialised)
		return VIONIC_EINVAL;
	transport.link_up = link_up;
	for (uint32_t f = 0; f < transport.params.num_funcs; f++) {
		memset(&transport.funcs[f].stats, 0, sizeof(transport.funcs[f].stats));
		vionic_cvq_init(f);
		reset_function(f, true);
	}
	return VIONIC_OK;
}

int vionic_transport_boot(void)
{
	struct vionic_transport_config config;
	const uint32_t build_mask[VIONIC_FEATURE_WORDS] = {
		VIONIC_FEATURE_MASK_W0, VIONIC_FEATURE_MASK_W1,
		VIONIC_FEATURE_MASK_W2, VIONIC_FEATURE_MASK_W3,
	};
	int err;

	err = ctrl_read_params(&config.params);
	if (err)
		return err;
	err = dp_read_params(&config.dp);
	if (err)
		return err;
	for (uint32_t w = 0; w < VIONIC_FEATURE_WORDS; w++)
		config.offered[w] = VIONIC_TRANSPORT_OFFERED(w) & build_mask[w];
	err = vionic_transport_init(&config);
	if (err)
		return err;
	err = vionic_transport_publish_all(ctrl_link_up());
	if (err)
		return err;
	ctrl_set_ready(true);
	ctrl_irq_enable_events(true);
	dp_irq_enable(true, true);
	return VIONIC_OK;
}

int vionic_transport_handle_event(const struct ctrl_event *event)
{
	struct function_state *fs;

	if (!event || !transport.initialised)
		return VIONIC_EINVAL;
	if (event->func >= transport.params.num_funcs) {
		transport.unknown_func_events++;
		return VIONIC_EINVAL;
	}
	fs = &transport.funcs[event->func];
	fs->stats.events++;
	switch (event->source) {
	case VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON:
		handle_common_write(event->func, event->offset, event->be, event->data);
		break;
	case VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE:
		/* virtio-net device configuration is read-only for the driver (§5.1.4). */
		fs->stats.device_cfg++;
		break;
	case VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION:
		if (event->offset == VIONIC_CTRL_EVENTS_FUNC_EVENT_FLR)
			reset_function(event->func, false);
		else if (event->offset == VIONIC_CTRL_EVENTS_FUNC_EVENT_LINK)
			handle_link();
		else
			fs->stats.unknown++;
		break;
	default:
		fs->stats.unknown++;
		break;
	}
	return VIONIC_OK;
}

int vionic_transport_poll(void)
{
	struct ctrl_event event;

	if (!ctrl_event_peek(&event))
		return 0;
	/* Unknown functions are counted; the event is popped all the same. */
	vionic_transport_handle_event(&event);
	ctrl_event_pop();
	return 1;
}

int vionic_transport_mask_features(const uint32_t mask[VIONIC_FEATURE_WORDS])
{
	if (!mask || !has_feature(mask, VIONIC_VIRTIO_PCI_F_VERSION_1) ||
	    !has_feature(mask, VIONIC_VIRTIO_PCI_F_RING_PACKED))
		return VIONIC_EINVAL;
	for (uint32_t w = 0; w < VIONIC_FEATURE_WORDS; w++)
		transport.mask[w] = mask[w];
	if (!transport.initialised)
		return VIONIC_OK;
	for (uint32_t f = 0; f < transport.params.num_funcs; f++) {
		struct function_state *fs = &transport.funcs[f];

		if (fs->device_status != 0)
			continue;
		device_features_of(fs->device_features);
		publish_shadow(f, false);
	}
	return VIONIC_OK;
}

static struct function_state *function(uint32_t func)
{
	if (!transport.initialised || func >= transport.params.num_funcs)
		return NULL;
	return &transport.funcs[func];
}

const struct vionic_transport_stats *vionic_transport_stats(uint32_t func)
{
	struct function_state *fs = function(func);

	return fs ? &fs->stats : NULL;
}

uint32_t vionic_transport_unknown_func_events(void)
{
	return transport.unknown_func_events;
}

uint32_t vionic_transport_num_funcs(void)
{
	return transport.initialised ? transport.params.num_funcs : 0;
}

uint8_t vionic_transport_device_status(uint32_t func)
{
	struct function_state *fs = function(func);

	return fs ? fs->device_status : 0;
}

uint32_t vionic_transport_device_features(uint32_t func, uint32_t word)
{
	struct function_state *fs = function(func);

	return fs && word < VIONIC_FEATURE_WORDS ? fs->device_features[word] : 0;
}

uint32_t vionic_transport_driver_features(uint32_t func, uint32_t word)
{
	struct function_state *fs = function(func);

	return fs && word < VIONIC_FEATURE_WORDS ? fs->driver_features[word] : 0;
}

uint16_t vionic_transport_config_vector(uint32_t func)
{
	struct function_state *fs = function(func);

	return fs ? fs->config_msix_vector : NO_VECTOR;
}

const struct vionic_queue_state *vionic_transport_queue(uint32_t func, uint32_t queue)
{
	struct function_state *fs = function(func);

	return fs && queue < queue_count() ? &fs->queues[queue] : NULL;
}

uint32_t vionic_transport_shadow_word(uint32_t func, uint32_t offset)
{
	struct function_state *fs = function(func);

	return fs && offset < CTRL_SHADOW_BYTES ? fs->shadow[offset / 4u] : 0;
}

bool vionic_transport_link_up(void)
{
	return transport.link_up;
}

/* --- data path: errors, control-queue support --- */

static void dp_error_of_queue(uint32_t func, uint32_t queue, uint32_t code)
{
	struct function_state *fs = &transport.funcs[func];

	fs->stats.dp_errors++;
	console_printf("vionic: f%" PRIu32 " q%" PRIu32 " data-path error %" PRIu32 "%s\n",
		       func, queue, code,
		       fs->queues[queue].started ? ", device needs reset" : " (queue not started)");
	/* A stale error of a queue reset since: the new driver must not see it. */
	if (fs->queues[queue].started)
		vionic_transport_set_needs_reset(func);
}

void vionic_transport_dp_error(const struct dp_error *error)
{
	uint32_t func, queue;

	if (!error || !transport.initialised)
		return;
	func = error->qid / transport.params.queues_per_func;
	queue = error->qid % transport.params.queues_per_func;
	if (func >= transport.params.num_funcs || queue >= 2u * transport.dp.num_qp) {
		transport.unknown_func_events++;
	} else {
		dp_error_of_queue(func, queue, error->code);
	}
	if (!error->overflow)
		return;
	/* Errors were lost: every started queue the data path holds in ERROR. */
	for (uint32_t f = 0; f < transport.params.num_funcs; f++)
		for (uint32_t q = 0; q < 2u * transport.dp.num_qp; q++) {
			uint32_t status;

			if (!transport.funcs[f].queues[q].started ||
			    (transport.funcs[f].device_status & S_NEEDS_RESET))
				continue;
			dp_queue_state(qid_of(f, q), NULL, &status);
			if (VIONIC_FIELD_GET(VIONIC_DP_QSTATE_STATUS_STATE, status) ==
			    VIONIC_DP_CONSTS_QSTATE_ERROR)
				dp_error_of_queue(f, q, VIONIC_FIELD_GET(VIONIC_DP_QSTATE_STATUS_ERR_CODE,
									 status));
		}
}

int vionic_transport_poll_dp_errors(void)
{
	struct dp_error error;

	if (!dp_error_peek(&error))
		return 0;
	vionic_transport_dp_error(&error);
	dp_error_pop();
	return 1;
}

void vionic_transport_set_needs_reset(uint32_t func)
{
	struct function_state *fs = function(func);

	if (!fs || (fs->device_status & S_NEEDS_RESET))
		return;
	set_needs_reset(func);
	publish_shadow(func, false);
}

void vionic_transport_mac(uint32_t func, uint8_t mac[DP_MAC_BYTES])
{
	struct function_state *fs = function(func);

	if (fs && mac)
		memcpy(mac, fs->mac, DP_MAC_BYTES);
}

int vionic_transport_set_mac(uint32_t func, const uint8_t mac[DP_MAC_BYTES])
{
	struct function_state *fs = function(func);
	uint32_t before[3], after[3];

	if (!fs || !mac)
		return VIONIC_EINVAL;
	compose_devcfg(func, before);
	memcpy(fs->mac, mac, DP_MAC_BYTES);
	compose_devcfg(func, after);
	/* Only the words that changed: each store moves config_generation once (§2.5). */
	for (uint32_t i = 0; i < 2; i++)
		if (before[i] != after[i])
			ctrl_devcfg_write32(func, 4u * i, after[i]);
	return dp_func_set_mac(func, fs->mac);
}

struct vionic_rx_state *vionic_transport_rx(uint32_t func)
{
	struct function_state *fs = function(func);

	return fs ? &fs->rx : NULL;
}

int vionic_transport_rx_apply(uint32_t func)
{
	if (!function(func))
		return VIONIC_EINVAL;
	write_rx_mode(func);
	return VIONIC_OK;
}

bool vionic_transport_negotiated(uint32_t func, uint32_t bit)
{
	struct function_state *fs = function(func);

	return fs && bit < 32u * VIONIC_FEATURE_WORDS && negotiated(fs, bit);
}

uint32_t vionic_transport_num_queues(void)
{
	return transport.initialised ? queue_count() : 0;
}

uint32_t vionic_transport_ctrl_queue(uint32_t func)
{
	const struct function_state *fs = function(func);

	return fs ? ctrl_queue_of(fs) : 2u * transport.dp.num_qp;
}

const struct dp_params *vionic_transport_dp_params(void)
{
	return &transport.dp;
}
