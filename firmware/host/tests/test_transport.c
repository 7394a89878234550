// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Unit tests of lib/virtio/transport.c: the virtio-pci control-path state
 * machine. The stores (shadow, device config, queue contexts) are mapped as
 * mock RAM so tests read back what the host would see; tests of ordering and
 * of the ctrl registers call mock_reset() after set-up (the transport keeps
 * its state) and declare the exact traffic.
 */
#include <string.h>

#include "drivers/ctrl.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/dp_model.h"
#include "host/mock.h"
#include "host/test.h"
#include "lib/virtio/transport.h"
#include "vionic/virtio_common_cfg_regs.h"
#include "vionic/virtio_net_cfg_regs.h"

#define CC_OFF(name)	VIONIC_VIRTIO_COMMON_CFG_##name##_OFFSET
#define CC_SIZE(name)	VIONIC_VIRTIO_COMMON_CFG_##name##_SIZE
#define ST(name)	VIONIC_VIRTIO_PCI_STATUS_##name
#define NO_VECTOR	VIONIC_VIRTIO_PCI_NO_VECTOR
#define QMAX		VIONIC_TRANSPORT_QUEUE_SIZE_MAX
#define QPF		32u	/* QUEUES_PER_FUNC the tests use */
#define VECTORS		32u	/* MSIX_VECTORS the tests use */
#define NQP		2u	/* dp NUM_QP the tests use */
#define NQ		(2u * NQP + 1u)	/* queues per function: 2 pairs + the control queue */
#define CVQ		(2u * NQP)
#define MACS		4u	/* dp MAC_TABLE_ENTRIES the tests use */
#define RING_STATE_INITIAL 0x80008000u	/* avail 0 wrap 1, used 0 wrap 1 */
#define BIT_OF(bit, w)	VIONIC_FEATURE_IN_WORD(w, bit)
#define F(name)		VIONIC_VIRTIO_PCI_F_##name

/* The shadow layout the hand-written expectations below rely on. */
_Static_assert(CC_OFF(CONFIG_MSIX_VECTOR) == 0x10 && CC_OFF(NUM_QUEUES) == 0x12, "layout");
_Static_assert(CC_OFF(DEVICE_STATUS) == 0x14 && CC_OFF(QUEUE_SELECT) == 0x16, "layout");
_Static_assert(CC_OFF(QUEUE_SIZE) == 0x18 && CC_OFF(QUEUE_MSIX_VECTOR) == 0x1a, "layout");
_Static_assert(CC_OFF(QUEUE_ENABLE) == 0x1c && CC_OFF(QUEUE_NOTIFY_OFF) == 0x1e, "layout");

static const uint32_t offered_default[VIONIC_FEATURE_WORDS] = {
	VIONIC_TRANSPORT_OFFERED(0), VIONIC_TRANSPORT_OFFERED(1),
	VIONIC_TRANSPORT_OFFERED(2), VIONIC_TRANSPORT_OFFERED(3),
};

static void map_stores(void)
{
	mock_ram_map(VIONIC_MAP_COMMON_SHADOW_BASE, VIONIC_MAP_COMMON_SHADOW_SIZE);
	mock_ram_map(VIONIC_MAP_DEVCFG_STORE_BASE, VIONIC_MAP_DEVCFG_STORE_SIZE);
	mock_ram_map(VIONIC_MAP_QCTX_BASE, VIONIC_MAP_QCTX_SIZE);
}

/* mock_reset() for the exact-traffic checks, the data path staying a model. */
/* The functions' shadows as published before the script starts (script_reset()). */
static uint32_t shadow_before[2][16];

static void snapshot_shadows(void)
{
	for (uint32_t f = 0; f < 2; f++)
		for (uint32_t w = 0; w < 16; w++)
			shadow_before[f][w] = mock_ram_read32(CTRL_SHADOW_ADDR(f, 4 * w));
}

static void script_reset(void)
{
	snapshot_shadows();
	mock_reset();
	dp_model_attach(false);
}

static void setup_offered(uint32_t funcs, const uint32_t *offered)
{
	struct vionic_transport_config config = {
		.params = { .num_funcs = funcs, .queues_per_func = QPF, .msix_vectors = VECTORS },
		.dp = { .num_qp = NQP, .mac_table_entries = MACS },
	};
	const uint32_t all[VIONIC_FEATURE_WORDS] = { ~0u, ~0u, ~0u, ~0u };

	memcpy(config.offered, offered, sizeof(config.offered));
	map_stores();
	dp_model_map(NQP, MACS, false);
	CHECK_EQ_INT(vionic_transport_mask_features(all), VIONIC_OK);
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_OK);
	CHECK_EQ_INT(vionic_transport_publish_all(true), VIONIC_OK);
}

static void setup_funcs(uint32_t funcs)
{
	setup_offered(funcs, offered_default);
}

static void setup(void)
{
	setup_funcs(1);
}

static uint32_t size_mask(uint32_t size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8u * size)) - 1u;
}

static struct ctrl_event common_event(uint32_t func, uint32_t offset, uint32_t size,
				      uint32_t value)
{
	uint32_t lane = offset & 3u;

	return (struct ctrl_event){
		.func = func,
		.source = VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON,
		.be = (size >= 4 ? 0xfu : (1u << size) - 1u) << lane,
		.offset = offset & ~3u,
		.data = (value & size_mask(size)) << (8u * lane),
	};
}

static void cc_write(uint32_t func, uint32_t offset, uint32_t size, uint32_t value)
{
	struct ctrl_event event = common_event(func, offset, size, value);

	CHECK_EQ_INT(vionic_transport_handle_event(&event), VIONIC_OK);
}

static void raw_event(uint32_t func, uint32_t source, uint32_t be, uint32_t offset,
		      uint32_t data)
{
	struct ctrl_event event = {
		.func = func, .source = source, .be = be, .offset = offset, .data = data,
	};

	CHECK_EQ_INT(vionic_transport_handle_event(&event), VIONIC_OK);
}

#define WRITE(func, name, value) cc_write((func), CC_OFF(name), CC_SIZE(name), (value))

/* What a host read of a common-config field returns (from the shadow RAM). */
static uint32_t shadow_read(uint32_t func, uint32_t offset, uint32_t size)
{
	uint32_t word = mock_ram_read32(CTRL_SHADOW_ADDR(func, offset & ~3u));

	return (word >> (8u * (offset & 3u))) & size_mask(size);
}

#define READ(func, name) shadow_read((func), CC_OFF(name), CC_SIZE(name))

static uint32_t qctx_read(uint32_t func, uint32_t queue, uint32_t offset)
{
	return mock_ram_read32(CTRL_QCTX_ADDR(func * QPF + queue, offset));
}

#define QCTX(func, queue, reg) qctx_read((func), (queue), VIONIC_QUEUE_CONTEXT_##reg##_OFFSET)

static const struct vionic_transport_stats *stats(uint32_t func)
{
	const struct vionic_transport_stats *s = vionic_transport_stats(func);

	CHECK(s != NULL);
	return s;
}

/* ACKNOWLEDGE, DRIVER, the driver features (words 0 and 1), FEATURES_OK. */
static void negotiate_words(uint32_t func, uint32_t w0, uint32_t w1)
{
	WRITE(func, DEVICE_STATUS, ST(ACKNOWLEDGE));
	WRITE(func, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER));
	WRITE(func, DRIVER_FEATURE_SELECT, 0);
	WRITE(func, DRIVER_FEATURE, w0);
	WRITE(func, DRIVER_FEATURE_SELECT, 1);
	WRITE(func, DRIVER_FEATURE, w1);
	WRITE(func, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK));
}

static void negotiate(uint32_t func)
{
	negotiate_words(func, offered_default[0], offered_default[1]);
	CHECK_EQ_U64(READ(func, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK));
}

static void program_queue(uint32_t func, uint32_t queue, uint32_t size, uint64_t desc,
			  uint64_t driver, uint64_t device)
{
	WRITE(func, QUEUE_SELECT, queue);
	WRITE(func, QUEUE_SIZE, size);
	WRITE(func, QUEUE_DESC_LO, (uint32_t)desc);
	WRITE(func, QUEUE_DESC_HI, (uint32_t)(desc >> 32));
	WRITE(func, QUEUE_DRIVER_LO, (uint32_t)driver);
	WRITE(func, QUEUE_DRIVER_HI, (uint32_t)(driver >> 32));
	WRITE(func, QUEUE_DEVICE_LO, (uint32_t)device);
	WRITE(func, QUEUE_DEVICE_HI, (uint32_t)(device >> 32));
}

static void driver_ok(uint32_t func)
{
	WRITE(func, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	CHECK(READ(func, DEVICE_STATUS) & ST(DRIVER_OK));
}

/*
 * The shadow after a reset: every word at boot (all), else the words that differ
 * from the shadow before the script (script_reset()).
 */
static void expect_reset_shadow(uint32_t func, bool all)
{
	for (uint32_t w = 0; w < 16; w++) {
		uint32_t value = 0;

		if (w == CC_OFF(DEVICE_FEATURE) / 4)
			value = offered_default[0];
		else if (w == CC_OFF(CONFIG_MSIX_VECTOR) / 4)
			value = NO_VECTOR | NQ << 16;
		else if (w == CC_OFF(QUEUE_SIZE) / 4)
			value = QMAX | NO_VECTOR << 16;
		if (all || value != shadow_before[func][w])
			mock_expect_write32(CTRL_SHADOW_ADDR(func, 4 * w), value);
	}
}

/*
 * The traffic of a function reset: the CONTROL word (disabled) of the queues in
 * `enabled` (a bit per queue enabled before it), then the shadow words that
 * change. The other context words are left for the queue's next enable
 * (qctx_stale).
 */
static void expect_reset_traffic(uint32_t func, uint32_t enabled)
{
	for (uint32_t q = 0; q < NQ; q++)
		if (enabled & (1u << q))
			mock_expect_write32(CTRL_QCTX_ADDR(func * QPF + q,
							   VIONIC_QUEUE_CONTEXT_CONTROL_OFFSET),
					    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, q));
	expect_reset_shadow(func, false);
}

/* The traffic of the boot: every queue context at its reset value, then the shadow. */
static void expect_boot_traffic(uint32_t func)
{
	for (uint32_t q = 0; q < NQ; q++) {
		uint32_t entry = func * QPF + q;

		mock_expect_write32(CTRL_QCTX_ADDR(entry, VIONIC_QUEUE_CONTEXT_CONTROL_OFFSET),
				    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, q));
		mock_expect_write32(CTRL_QCTX_ADDR(entry, VIONIC_QUEUE_CONTEXT_CONFIG_OFFSET),
				    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONFIG_SIZE, QMAX) |
				    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONFIG_MSIX_VECTOR,
						      NO_VECTOR));
		for (uint32_t off = VIONIC_QUEUE_CONTEXT_DESC_LO_OFFSET;
		     off <= VIONIC_QUEUE_CONTEXT_NOTIFY_DATA_OFFSET; off += 4)
			mock_expect_write32(CTRL_QCTX_ADDR(entry, off), 0);
		mock_expect_write32(CTRL_QCTX_ADDR(entry, VIONIC_QUEUE_CONTEXT_RING_STATE_OFFSET),
				    RING_STATE_INITIAL);
	}
	expect_reset_shadow(func, true);
}

/* --- set-up and boot --- */

static void test_init_checks_its_configuration(void)
{
	struct vionic_transport_config config = {
		.params = { .num_funcs = 1, .queues_per_func = QPF, .msix_vectors = VECTORS },
		.dp = { .num_qp = NQP, .mac_table_entries = MACS },
	};

	memcpy(config.offered, offered_default, sizeof(config.offered));
	CHECK_EQ_INT(vionic_transport_init(NULL), VIONIC_EINVAL);
	config.dp.num_qp = 0;
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.dp.num_qp = VIONIC_TRANSPORT_MAX_QP + 1;
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.dp.num_qp = NQP;
	config.params.queues_per_func = 2 * NQP;	/* no room for the control queue */
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.params.num_funcs = 0;
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.params.num_funcs = VIONIC_TRANSPORT_MAX_FUNCS + 1;
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.params.num_funcs = 1;
	config.params.queues_per_func = 1;
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.params.queues_per_func = QPF;
	config.offered[1] &= ~BIT_OF(F(VERSION_1), 1);
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.offered[1] = offered_default[1] & ~BIT_OF(F(RING_PACKED), 1);
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_EINVAL);
	config.offered[1] = offered_default[1];
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_OK);
}

static void test_offered_features_are_what_the_device_implements(void)
{
	CHECK_EQ_U64(offered_default[0], BIT_OF(F(NET_CSUM), 0) | BIT_OF(F(NET_GUEST_CSUM), 0) |
		     BIT_OF(F(NET_MAC), 0) | BIT_OF(F(NET_MTU), 0) | BIT_OF(F(NET_MRG_RXBUF), 0) |
		     BIT_OF(F(NET_STATUS), 0) | BIT_OF(F(NET_CTRL_VQ), 0) |
		     BIT_OF(F(NET_CTRL_RX), 0) | BIT_OF(F(NET_MQ), 0) |
		     BIT_OF(F(NET_CTRL_MAC_ADDR), 0) | BIT_OF(F(EVENT_IDX), 0));
	CHECK_EQ_U64(offered_default[1], BIT_OF(F(VERSION_1), 1) | BIT_OF(F(ACCESS_PLATFORM), 1) |
		     BIT_OF(F(RING_PACKED), 1) | BIT_OF(F(RING_RESET), 1) |
		     BIT_OF(F(NOTIFICATION_DATA), 1) | BIT_OF(F(IN_ORDER), 1));
	CHECK_EQ_U64(offered_default[2] | offered_default[3], 0);
}

static void test_boot_exact_traffic(void)
{
	dp_model_map(NQP, MACS, false);
	for (uint32_t e = 0; e < MACS; e++)	/* boot clears every MAC table entry */
		dp_model.funcs[0].mac_hi_entry[e] = VIONIC_DP_MAC_TABLE_HI_VALID_MASK;
	dp_model.funcs[0].features_lo = 1;
	mock_expect_read32(CTRL_REG(PARAMS),
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_NUM_FUNCS, 1) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC, QPF) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_MSIX_VECTORS, VECTORS));
	mock_expect_read32(CTRL_REG(LINK), 1);
	/* Device config: MAC 02:76:69:00:00:01, status LINK_UP, NUM_QP pairs, MTU 1500. */
	mock_expect_write32(CTRL_DEVCFG_ADDR(0, 0), 0x00697602);
	mock_expect_write32(CTRL_DEVCFG_ADDR(0, 4),
			    0x0100 | VIONIC_VIRTIO_PCI_NET_S_LINK_UP << 16);
	mock_expect_write32(CTRL_DEVCFG_ADDR(0, 8), NQP | VIONIC_TRANSPORT_MTU << 16);
	expect_boot_traffic(0);
	mock_expect_write32(CTRL_REG(FW_STATUS), 1);
	mock_expect_write32(CTRL_REG(IRQ_ENABLE), 1);
	CHECK_EQ_INT(vionic_transport_boot(), VIONIC_OK);
	/* dp: both interrupts on, the function's registers cleared, no queue command. */
	CHECK_EQ_U64(dp_model.irq_enable, VIONIC_DP_IRQ_ENABLE_ERROR_MASK |
		     VIONIC_DP_IRQ_ENABLE_KICK_MASK);
	CHECK_EQ_U64(dp_model.funcs[0].features_lo, 0);
	CHECK_EQ_U64(dp_model.funcs[0].rx_mode,
		     VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS, 1));
	for (uint32_t e = 0; e < MACS; e++)
		CHECK_EQ_U64(dp_model.funcs[0].mac_hi_entry[e], 0);
	CHECK_EQ_U64(dp_model.cmd_count, 0);
	CHECK_EQ_U64(vionic_transport_num_queues(), NQ);
	CHECK(vionic_transport_link_up());
	CHECK_EQ_U64(vionic_transport_num_funcs(), 1);
}

static void test_boot_with_bad_params_is_not_ready(void)
{
	mock_expect_read32(CTRL_REG(PARAMS), VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_NUM_FUNCS, 0) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC, QPF));
	mock_expect_read32(DP_REG(PARAMS), VIONIC_FIELD_PREP(VIONIC_DP_PARAMS_NUM_QP, NQP));
	CHECK_EQ_INT(vionic_transport_boot(), VIONIC_EINVAL);
	/* No FW_STATUS write: the host keeps getting CRS. */
}

static void test_initial_shadow(void)
{
	setup();
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE_SELECT), 0);
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE), offered_default[0]);
	CHECK_EQ_U64(READ(0, CONFIG_MSIX_VECTOR), NO_VECTOR);
	CHECK_EQ_U64(READ(0, NUM_QUEUES), NQ);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), 0);
	CHECK_EQ_U64(READ(0, QUEUE_SELECT), 0);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), QMAX);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), NO_VECTOR);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 0);
	CHECK_EQ_U64(READ(0, QUEUE_RESET), 0);
	for (uint32_t off = 0; off < 64; off += 4)
		CHECK_EQ_U64(vionic_transport_shadow_word(0, off),
			     mock_ram_read32(CTRL_SHADOW_ADDR(0, off)));
}

static void test_initial_device_config_per_function(void)
{
	setup_funcs(3);
	for (uint32_t f = 0; f < 3; f++) {
		CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(f, VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET)),
			     0x00697602);
		CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(f, VIONIC_VIRTIO_NET_CFG_MAC_HI_OFFSET)),
			     (f + 1) << 8 | VIONIC_VIRTIO_PCI_NET_S_LINK_UP << 16);
		CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(f, 8)),
			     NQP | VIONIC_TRANSPORT_MTU << 16);
	}
}

static void test_initial_queue_contexts(void)
{
	setup_funcs(2);
	for (uint32_t f = 0; f < 2; f++)
		for (uint32_t q = 0; q < NQ; q++) {
			CHECK_EQ_U64(QCTX(f, q, CONFIG), QMAX | NO_VECTOR << 16);
			CHECK_EQ_U64(QCTX(f, q, CONTROL),
				     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, q));
		}
}

/* --- event loop and publishing --- */

static void test_poll_publishes_before_pop(void)
{
	setup();
	script_reset();
	mock_expect_read32(CTRL_REG(EVT_INFO),
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_VALID, 1) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_SOURCE,
					     VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_BE, 0xc) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_OFFSET, 0x14));
	mock_expect_read32(CTRL_REG(EVT_DATA), 1u << 16);	/* queue_select = 1 */
	/* Only the words that changed: queue_select, queue_notify_off. */
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0x14), 1u << 16);
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0x1c), 1u << 16);
	mock_expect_write32(CTRL_REG(EVT_POP), 1);
	CHECK_EQ_INT(vionic_transport_poll(), 1);
	mock_expect_read32(CTRL_REG(EVT_INFO), 0);
	CHECK_EQ_INT(vionic_transport_poll(), 0);
}

static void test_device_feature_select_publishes_the_word(void)
{
	setup();
	script_reset();
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0), 1);
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 4), offered_default[1]);
	WRITE(0, DEVICE_FEATURE_SELECT, 1);
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0), 7);
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 4), 0);	/* beyond the 4 words */
	WRITE(0, DEVICE_FEATURE_SELECT, 7);
}

static void test_unchanged_write_publishes_nothing(void)
{
	setup();
	script_reset();
	WRITE(0, QUEUE_SELECT, 0);
	WRITE(0, DEVICE_FEATURE_SELECT, 0);
	CHECK_EQ_U64(stats(0)->events, 2);
}

static void test_driver_feature_readback(void)
{
	setup();
	WRITE(0, DRIVER_FEATURE_SELECT, 1);
	WRITE(0, DRIVER_FEATURE, offered_default[1]);
	CHECK_EQ_U64(READ(0, DRIVER_FEATURE), offered_default[1]);
	WRITE(0, DRIVER_FEATURE_SELECT, 0);
	CHECK_EQ_U64(READ(0, DRIVER_FEATURE), 0);
	CHECK_EQ_U64(vionic_transport_driver_features(0, 1), offered_default[1]);
}

/* --- feature negotiation --- */

static void test_features_ok_accepted_for_offered_subset(void)
{
	setup();
	negotiate(0);
	CHECK_EQ_U64(stats(0)->refused, 0);
	/* A smaller valid subset is accepted as well. */
	WRITE(0, DEVICE_STATUS, 0);
	negotiate_words(0, 0, BIT_OF(F(VERSION_1), 1) | BIT_OF(F(RING_PACKED), 1));
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
}

static void test_features_ok_refused_without_version_1(void)
{
	setup();
	negotiate_words(0, offered_default[0], offered_default[1] & ~BIT_OF(F(VERSION_1), 1));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER));
	CHECK_EQ_U64(stats(0)->features_refused, 1);
}

static void test_features_ok_refused_without_ring_packed(void)
{
	setup();
	negotiate_words(0, offered_default[0], offered_default[1] & ~BIT_OF(F(RING_PACKED), 1));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER));
	CHECK_EQ_U64(stats(0)->features_refused, 1);
}

static void test_features_ok_refused_for_bit_not_offered(void)
{
	setup();
	negotiate_words(0, offered_default[0] | BIT_OF(F(NET_CTRL_VLAN), 0), offered_default[1]);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER));
	/* The driver may retry with a valid set (§3.1.1). */
	WRITE(0, DRIVER_FEATURE_SELECT, 0);
	WRITE(0, DRIVER_FEATURE, offered_default[0]);
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK));
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
}

static void test_features_ok_refused_for_bit_beyond_word_3(void)
{
	setup();
	WRITE(0, DRIVER_FEATURE_SELECT, 5);
	WRITE(0, DRIVER_FEATURE, 1);
	CHECK_EQ_U64(READ(0, DRIVER_FEATURE), 0);
	negotiate_words(0, offered_default[0], offered_default[1]);
	CHECK(!(READ(0, DEVICE_STATUS) & ST(FEATURES_OK)));
}

static void test_features_ok_refused_on_missing_dependency(void)
{
	static const uint8_t needs_cvq[] = { F(NET_CTRL_RX), F(NET_MQ), F(NET_CTRL_MAC_ADDR) };
	uint32_t base = offered_default[0] & ~(BIT_OF(F(NET_CTRL_VQ), 0) | BIT_OF(F(NET_CTRL_RX), 0) |
					      BIT_OF(F(NET_MQ), 0) | BIT_OF(F(NET_CTRL_MAC_ADDR), 0));

	setup();
	/* CTRL_RX, MQ, CTRL_MAC_ADDR need CTRL_VQ (§5.1.3.1). */
	for (uint32_t i = 0; i < sizeof(needs_cvq); i++) {
		negotiate_words(0, base | BIT_OF(needs_cvq[i], 0), offered_default[1]);
		CHECK(!(READ(0, DEVICE_STATUS) & ST(FEATURES_OK)));
		CHECK_EQ_U64(stats(0)->features_refused, i + 1);
		WRITE(0, DEVICE_STATUS, 0);
	}
	/* CTRL_VQ without MQ: the control queue is queue 2 (§5.1.2). */
	negotiate_words(0, base | BIT_OF(F(NET_CTRL_VQ), 0), offered_default[1]);
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
	CHECK_EQ_U64(vionic_transport_ctrl_queue(0), 2);
	WRITE(0, DEVICE_STATUS, 0);
	negotiate_words(0, base | BIT_OF(F(NET_CTRL_VQ), 0) | BIT_OF(F(NET_MQ), 0),
			offered_default[1]);
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
	WRITE(0, DEVICE_STATUS, 0);
	negotiate_words(0, base, offered_default[1]);
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
}

static void test_driver_feature_ignored_after_features_ok(void)
{
	setup();
	negotiate(0);
	WRITE(0, DRIVER_FEATURE_SELECT, 0);
	WRITE(0, DRIVER_FEATURE, 0);
	CHECK_EQ_U64(READ(0, DRIVER_FEATURE), offered_default[0]);
	CHECK_EQ_U64(vionic_transport_driver_features(0, 0), offered_default[0]);
	CHECK_EQ_U64(stats(0)->refused, 1);
}

/* --- device status --- */

static void test_status_bits_cannot_be_cleared(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER));
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER));
	CHECK_EQ_U64(stats(0)->refused, 1);
}

static void test_driver_ok_without_features_ok_needs_reset(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER));
	script_reset();
	/* Status word only; DRIVER_OK was never set, so no notification (§2.1.2). */
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0x14),
			    ST(ACKNOWLEDGE) | ST(DRIVER) | ST(DEVICE_NEEDS_RESET));
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(DRIVER_OK));
	CHECK_EQ_U64(vionic_transport_device_status(0),
		     ST(ACKNOWLEDGE) | ST(DRIVER) | ST(DEVICE_NEEDS_RESET));
}

static void test_needs_reset_blocks_progress_until_reset(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(DRIVER_OK));
	CHECK(READ(0, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET));
	WRITE(0, DRIVER_FEATURE_SELECT, 1);
	WRITE(0, DRIVER_FEATURE, offered_default[1]);
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK));
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS),
		     ST(ACKNOWLEDGE) | ST(DRIVER) | ST(DEVICE_NEEDS_RESET));
	WRITE(0, DEVICE_STATUS, 0);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), 0);
	negotiate(0);
	driver_ok(0);
}

static void test_needs_reset_and_reserved_bits_from_driver_ignored(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DEVICE_NEEDS_RESET));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE));
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | 0x20);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE));
	CHECK_EQ_U64(stats(0)->refused, 2);
}

static void test_failed_is_accepted(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FAILED));
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FAILED));
	/* No more feature changes once the driver gave up. */
	WRITE(0, DRIVER_FEATURE, 1);
	CHECK_EQ_U64(stats(0)->refused, 1);
}

static void test_full_initialisation_sequence(void)
{
	setup();
	negotiate(0);
	WRITE(0, CONFIG_MSIX_VECTOR, 0);
	for (uint32_t q = 0; q < NQ; q++) {
		program_queue(0, q, 256, 0x100000 + q * 0x10000, 0x200000, 0x300000);
		WRITE(0, QUEUE_MSIX_VECTOR, q + 1);
		WRITE(0, QUEUE_ENABLE, 1);
		CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	}
	driver_ok(0);
	CHECK_EQ_U64(stats(0)->refused + stats(0)->bad_size + stats(0)->read_only, 0);
	CHECK_EQ_U64(QCTX(0, 1, CONFIG), 256 | 2u << 16);
	CHECK_EQ_U64(QCTX(0, 1, DESC_LO), 0x110000);
	CHECK_EQ_U64(QCTX(0, 1, CONTROL),
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE, 1) |
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
}

static void test_reset_clears_everything(void)
{
	setup();
	negotiate(0);
	WRITE(0, CONFIG_MSIX_VECTOR, 3);
	program_queue(0, 1, 64, 0x1000, 0x2000, 0x3000);
	WRITE(0, QUEUE_MSIX_VECTOR, 4);
	WRITE(0, QUEUE_ENABLE, 1);
	driver_ok(0);
	WRITE(0, DEVICE_FEATURE_SELECT, 1);
	WRITE(0, DEVICE_STATUS, 0);

	CHECK_EQ_U64(READ(0, DEVICE_STATUS), 0);
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE_SELECT), 0);
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE), offered_default[0]);
	CHECK_EQ_U64(READ(0, CONFIG_MSIX_VECTOR), NO_VECTOR);
	CHECK_EQ_U64(READ(0, QUEUE_SELECT), 0);
	CHECK_EQ_U64(vionic_transport_driver_features(0, 0), 0);
	CHECK_EQ_U64(vionic_transport_driver_features(0, 1), 0);
	for (uint32_t q = 0; q < NQ; q++) {
		const struct vionic_queue_state *s = vionic_transport_queue(0, q);

		CHECK(s != NULL);
		CHECK_EQ_U64(s->size, QMAX);
		CHECK_EQ_U64(s->msix_vector, NO_VECTOR);
		CHECK(!s->enabled && !s->reset);
		CHECK_EQ_U64(s->desc | s->driver | s->device, 0);
		/* Disabled in the context RAM too; the other words wait for the enable. */
		CHECK_EQ_U64(QCTX(0, q, CONTROL),
			     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, q));
	}
	/* After a reset the driver negotiates again from scratch. */
	negotiate(0);
}

static void test_reset_traffic_stops_queues_before_the_shadow(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE));
	script_reset();
	expect_reset_traffic(0, 0);	/* no queue was programmed: only the shadow */
	WRITE(0, DEVICE_STATUS, 0);
}

/*
 * A reset writes a queue context only to disable it; the data path reads a
 * context when the queue starts, and the enable writes every word the reset
 * left behind: a context programmed before the reset (size, vector, addresses,
 * ring state moved on) starts from the reset values plus what the driver
 * programmed since.
 */
static void test_reset_leaves_contexts_to_the_enable(void)
{
	setup();
	negotiate(0);
	program_queue(0, 1, 32, 0x5000, 0x6000, 0x7000);
	WRITE(0, QUEUE_MSIX_VECTOR, 1);
	WRITE(0, QUEUE_ENABLE, 1);
	ctrl_qctx_write32(1, VIONIC_QUEUE_CONTEXT_RING_STATE_OFFSET, 0x12345);	/* moved on */
	WRITE(0, DEVICE_STATUS, 0);
	CHECK_EQ_U64(QCTX(0, 1, CONTROL), VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
	CHECK_EQ_U64(QCTX(0, 1, CONFIG), 32 | 1u << 16);	/* stale until the enable */
	/* Only the descriptor area programmed again: the rest from the reset values. */
	negotiate(0);
	WRITE(0, QUEUE_SELECT, 1);
	WRITE(0, QUEUE_DESC_LO, 0x8000);
	WRITE(0, QUEUE_DESC_HI, 0);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	CHECK_EQ_U64(QCTX(0, 1, CONFIG), QMAX | NO_VECTOR << 16);
	CHECK_EQ_U64(QCTX(0, 1, DESC_LO), 0x8000);
	CHECK_EQ_U64(QCTX(0, 1, DRIVER_LO) | QCTX(0, 1, DEVICE_LO) | QCTX(0, 1, NOTIFY_DATA), 0);
	CHECK_EQ_U64(QCTX(0, 1, RING_STATE), RING_STATE_INITIAL);
	CHECK_EQ_U64(QCTX(0, 1, CONTROL), VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE, 1) |
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
	/* A reset with no queue enabled writes no context at all, only the shadow. */
	WRITE(0, DEVICE_STATUS, 0);
	WRITE(0, QUEUE_SELECT, 2);
	WRITE(0, QUEUE_MSIX_VECTOR, 2);
	script_reset();
	expect_reset_traffic(0, 0);
	WRITE(0, DEVICE_STATUS, 0);
}

/* --- queues --- */

static void test_queue_programming_before_features_ok_ignored(void)
{
	setup();
	WRITE(0, DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER));
	script_reset();
	program_queue(0, 0, 16, 0x1000, 0x2000, 0x3000);	/* no traffic at all */
	CHECK_EQ_U64(stats(0)->refused, 7);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(stats(0)->refused, 8);
}

static void test_queue_size_range(void)
{
	setup();
	negotiate(0);
	WRITE(0, QUEUE_SIZE, 0);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), QMAX);
	WRITE(0, QUEUE_SIZE, QMAX + 1);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), QMAX);
	CHECK_EQ_U64(stats(0)->refused, 2);
	WRITE(0, QUEUE_SIZE, 3);	/* packed rings: any size 1..max (§2.8) */
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 3);
	WRITE(0, QUEUE_SIZE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 1);
	WRITE(0, QUEUE_ENABLE, 1);	/* the context is written when the queue starts */
	CHECK_EQ_U64(QCTX(0, 0, CONFIG), 1 | NO_VECTOR << 16);
}

static void test_queue_enable_requires_aligned_areas(void)
{
	setup();
	negotiate(0);
	program_queue(0, 0, 16, 0x1008, 0x2000, 0x3000);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 0);
	program_queue(0, 0, 16, 0x1000, 0x2002, 0x3000);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 0);
	program_queue(0, 0, 16, 0x1000, 0x2000, 0x3001);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 0);
	CHECK_EQ_U64(stats(0)->refused, 3);
	CHECK_EQ_U64(QCTX(0, 0, CONTROL) & VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE_MASK, 0);
	program_queue(0, 0, 16, 0xabcd00001010ull, 0x2004, 0x3008);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	CHECK_EQ_U64(QCTX(0, 0, DESC_HI), 0xabcd);
}

static void test_queue_enable_exact_traffic(void)
{
	setup();
	negotiate(0);
	program_queue(0, 1, 16, 0x1000, 0x2000, 0x3000);
	script_reset();
	/*
	 * The queue context first: the words programmed since (deferred to the
	 * enable), RING_STATE, then CONTROL (the data path sees a complete queue),
	 * then QUEUE_CMD START (waited for), then the shadow.
	 */
	mock_reset();
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_CONFIG_OFFSET),
			    16 | NO_VECTOR << 16);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DESC_LO_OFFSET), 0x1000);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DESC_HI_OFFSET), 0);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DRIVER_LO_OFFSET), 0x2000);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DRIVER_HI_OFFSET), 0);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DEVICE_LO_OFFSET), 0x3000);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_DEVICE_HI_OFFSET), 0);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_RING_STATE_OFFSET),
			    RING_STATE_INITIAL);
	mock_expect_write32(CTRL_QCTX_ADDR(1, VIONIC_QUEUE_CONTEXT_CONTROL_OFFSET),
			    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE, 1) |
			    VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(DP_REG(QUEUE_CMD), 1 | VIONIC_DP_CONSTS_QUEUE_OP_START << 16);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 1);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(CTRL_SHADOW_ADDR(0, 0x1c), 1 | 1u << 16);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK(vionic_transport_queue(0, 1)->started);
}

static void test_queue_enable_zero_ignored(void)
{
	setup();
	negotiate(0);
	program_queue(0, 0, 16, 0x1000, 0x2000, 0x3000);
	WRITE(0, QUEUE_ENABLE, 1);
	WRITE(0, QUEUE_ENABLE, 0);	/* the driver must not; the queue stays on (§4.1.4.3.2) */
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	CHECK_EQ_U64(stats(0)->refused, 1);
}

static void test_queue_fields_locked_while_enabled(void)
{
	setup();
	negotiate(0);
	program_queue(0, 0, 16, 0x1000, 0x2000, 0x3000);
	WRITE(0, QUEUE_ENABLE, 1);
	WRITE(0, QUEUE_SIZE, 32);
	WRITE(0, QUEUE_DESC_LO, 0x5000);
	WRITE(0, QUEUE_DRIVER_HI, 1);
	WRITE(0, QUEUE_DEVICE_LO, 0x7000);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 16);
	CHECK_EQ_U64(READ(0, QUEUE_DESC_LO), 0x1000);
	CHECK_EQ_U64(READ(0, QUEUE_DRIVER_HI), 0);
	CHECK_EQ_U64(READ(0, QUEUE_DEVICE_LO), 0x3000);
	CHECK_EQ_U64(stats(0)->refused, 4);
	/* The vector may be (un)mapped at any time. */
	WRITE(0, QUEUE_MSIX_VECTOR, 1);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), 1);
	CHECK_EQ_U64(QCTX(0, 0, CONFIG), 16 | 1u << 16);
	CHECK_EQ_U64(stats(0)->refused, 4);
}

static void test_queue_reset_with_ring_reset(void)
{
	setup();
	negotiate(0);
	program_queue(0, 1, 16, 0x1000, 0x2000, 0x3000);
	WRITE(0, QUEUE_MSIX_VECTOR, 2);
	WRITE(0, QUEUE_ENABLE, 1);
	driver_ok(0);
	WRITE(0, QUEUE_RESET, 1);
	/* Done by the time the host can read: 0 in queue_reset and queue_enable (§4.1.4.3.1). */
	CHECK_EQ_U64(READ(0, QUEUE_RESET), 0);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 0);
	CHECK(vionic_transport_queue(0, 1)->reset);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), QMAX);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), NO_VECTOR);
	CHECK_EQ_U64(READ(0, QUEUE_DESC_LO), 0);
	CHECK_EQ_U64(QCTX(0, 1, CONTROL),
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_RESET, 1) |
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
	/* Re-programmed and re-enabled after DRIVER_OK: the context's RESET clears. */
	program_queue(0, 1, 32, 0x4000, 0x5000, 0x6000);
	WRITE(0, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	CHECK_EQ_U64(READ(0, QUEUE_RESET), 0);
	CHECK(!vionic_transport_queue(0, 1)->reset);
	CHECK_EQ_U64(QCTX(0, 1, CONTROL),
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE, 1) |
		     VIONIC_FIELD_PREP(VIONIC_QUEUE_CONTEXT_CONTROL_NOTIFY_OFF, 1));
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 32);
	CHECK_EQ_U64(stats(0)->refused, 0);
}

static void test_queue_reset_needs_ring_reset_negotiated(void)
{
	setup();
	negotiate_words(0, offered_default[0], offered_default[1] & ~BIT_OF(F(RING_RESET), 1));
	program_queue(0, 0, 16, 0x1000, 0x2000, 0x3000);
	WRITE(0, QUEUE_ENABLE, 1);
	WRITE(0, QUEUE_RESET, 1);
	CHECK_EQ_U64(READ(0, QUEUE_RESET), 0);
	CHECK_EQ_U64(READ(0, QUEUE_ENABLE), 1);
	CHECK_EQ_U64(stats(0)->refused, 1);
}

static void test_vectors_out_of_range_read_no_vector(void)
{
	setup();
	WRITE(0, CONFIG_MSIX_VECTOR, VECTORS - 1);
	CHECK_EQ_U64(READ(0, CONFIG_MSIX_VECTOR), VECTORS - 1);
	WRITE(0, CONFIG_MSIX_VECTOR, VECTORS);
	CHECK_EQ_U64(READ(0, CONFIG_MSIX_VECTOR), NO_VECTOR);
	WRITE(0, QUEUE_MSIX_VECTOR, 0);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), 0);
	WRITE(0, QUEUE_MSIX_VECTOR, 0x1234);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), NO_VECTOR);
	CHECK_EQ_U64(QCTX(0, 0, CONFIG), QMAX | NO_VECTOR << 16);
	CHECK_EQ_U64(stats(0)->refused, 2);
	WRITE(0, QUEUE_MSIX_VECTOR, NO_VECTOR);	/* unmapping is fine */
	CHECK_EQ_U64(stats(0)->refused, 2);
}

static void test_select_beyond_num_queues_reads_zero(void)
{
	setup();
	negotiate(0);
	WRITE(0, QUEUE_SELECT, NQ);
	CHECK_EQ_U64(READ(0, QUEUE_SELECT), NQ);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 0);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), 0);
	CHECK_EQ_U64(READ(0, QUEUE_NOTIFY_OFF), 0);
	WRITE(0, QUEUE_SIZE, 16);
	WRITE(0, QUEUE_MSIX_VECTOR, 1);
	WRITE(0, QUEUE_ENABLE, 1);
	WRITE(0, QUEUE_RESET, 1);
	WRITE(0, QUEUE_DESC_LO, 0x1000);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), 0);
	CHECK_EQ_U64(READ(0, QUEUE_MSIX_VECTOR), 0);
	CHECK_EQ_U64(stats(0)->refused, 5);
	WRITE(0, QUEUE_SELECT, 1);
	CHECK_EQ_U64(READ(0, QUEUE_SIZE), QMAX);
	CHECK_EQ_U64(READ(0, QUEUE_NOTIFY_OFF), 1);
}

/* --- access rules --- */

static void test_wrong_size_writes_ignored(void)
{
	setup();
	script_reset();
	/* device_status as a whole DW (with config_generation and queue_select). */
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON, 0xf, 0x14, 0x00010001);
	/* Half of queue_size. */
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON, 0x1, 0x18, 0x10);
	/* 16 bits of the 32-bit device_feature_select. */
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON, 0x3, 0x00, 1);
	/* No byte enables at all, and beyond the structure. */
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON, 0x0, 0x00, 1);
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON, 0xf, 0x40, 1);
	CHECK_EQ_U64(stats(0)->bad_size, 5);
	CHECK_EQ_U64(vionic_transport_device_status(0), 0);
}

static void test_read_only_writes_ignored(void)
{
	setup();
	script_reset();
	WRITE(0, DEVICE_FEATURE, 0xffffffff);
	WRITE(0, NUM_QUEUES, 8);
	WRITE(0, CONFIG_GENERATION, 1);
	WRITE(0, QUEUE_NOTIFY_OFF, 3);
	WRITE(0, QUEUE_NOTIFY_DATA, 3);
	WRITE(0, ADMIN_QUEUE_INDEX, 1);
	WRITE(0, ADMIN_QUEUE_NUM, 1);
	CHECK_EQ_U64(stats(0)->read_only, 7);
}

static void test_device_config_writes_ignored(void)
{
	setup();
	script_reset();
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE, 0xf, 0, 0x12345678);
	CHECK_EQ_U64(stats(0)->device_cfg, 1);
	CHECK_EQ_U64(mock_ram_writes(), 0);
}

static void test_unknown_events_counted(void)
{
	struct ctrl_event event = { .func = 1, .source = VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE };

	setup();
	CHECK_EQ_INT(vionic_transport_handle_event(&event), VIONIC_EINVAL);
	CHECK_EQ_U64(vionic_transport_unknown_func_events(), 1);
	CHECK_EQ_INT(vionic_transport_handle_event(NULL), VIONIC_EINVAL);
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION, 0, 0x7f, 0);
	raw_event(0, 7, 0xf, 0, 0);
	CHECK_EQ_U64(stats(0)->unknown, 2);
}

/* --- function events --- */

static void test_flr_resets_only_that_function(void)
{
	setup_funcs(2);
	negotiate(0);
	negotiate(1);
	program_queue(1, 0, 16, 0x1000, 0x2000, 0x3000);
	WRITE(1, QUEUE_ENABLE, 1);
	raw_event(1, VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION, 0,
		  VIONIC_CTRL_EVENTS_FUNC_EVENT_FLR, 0);
	CHECK_EQ_U64(READ(1, DEVICE_STATUS), 0);
	CHECK_EQ_U64(READ(1, QUEUE_ENABLE), 0);
	CHECK_EQ_U64(QCTX(1, 0, CONTROL) & VIONIC_QUEUE_CONTEXT_CONTROL_ENABLE_MASK, 0);
	CHECK(READ(0, DEVICE_STATUS) & ST(FEATURES_OK));
}

static void test_link_change_updates_status_and_notifies_running_drivers(void)
{
	setup_funcs(2);
	negotiate(1);
	WRITE(1, CONFIG_MSIX_VECTOR, 5);
	driver_ok(1);
	script_reset();
	mock_expect_read32(CTRL_REG(LINK), 0);
	mock_expect_write32(CTRL_DEVCFG_ADDR(0, 4), 0x0100);
	mock_expect_write32(CTRL_DEVCFG_ADDR(1, 4), 0x0200);
	mock_expect_write32(CTRL_REG(IRQ_SEND),
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 1) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_VIRTIO_PCI_ISR_CONFIG) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, 5));
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION, 0,
		  VIONIC_CTRL_EVENTS_FUNC_EVENT_LINK, 0);
	CHECK(!vionic_transport_link_up());
}

static void test_link_event_without_change_does_nothing(void)
{
	setup();
	script_reset();
	mock_expect_read32(CTRL_REG(LINK), 1);
	raw_event(0, VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION, 0,
		  VIONIC_CTRL_EVENTS_FUNC_EVENT_LINK, 0);
}

/* --- feature mask --- */

static void test_feature_mask_applies_to_idle_functions(void)
{
	const uint32_t mask[VIONIC_FEATURE_WORDS] = {
		~BIT_OF(F(NET_MTU), 0), ~BIT_OF(F(RING_RESET), 1), ~0u, ~0u,
	};

	setup_funcs(2);
	WRITE(1, DEVICE_STATUS, ST(ACKNOWLEDGE));
	CHECK_EQ_INT(vionic_transport_mask_features(mask), VIONIC_OK);
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE), offered_default[0] & mask[0]);
	/* Function 1 is negotiating: unchanged until its next reset. */
	CHECK_EQ_U64(READ(1, DEVICE_FEATURE), offered_default[0]);
	WRITE(1, DEVICE_STATUS, 0);
	CHECK_EQ_U64(READ(1, DEVICE_FEATURE), offered_default[0] & mask[0]);
	/* A masked feature is no longer offered: accepting it fails negotiation. */
	negotiate_words(0, offered_default[0] & mask[0], offered_default[1]);
	CHECK(!(READ(0, DEVICE_STATUS) & ST(FEATURES_OK)));
	CHECK_EQ_U64(vionic_transport_device_features(0, 1), offered_default[1] & mask[1]);
}

static void test_feature_mask_keeps_required_features(void)
{
	const uint32_t no_version_1[VIONIC_FEATURE_WORDS] = {
		~0u, ~BIT_OF(F(VERSION_1), 1), ~0u, ~0u,
	};
	const uint32_t no_packed[VIONIC_FEATURE_WORDS] = {
		~0u, ~BIT_OF(F(RING_PACKED), 1), ~0u, ~0u,
	};

	setup();
	script_reset();
	CHECK_EQ_INT(vionic_transport_mask_features(NULL), VIONIC_EINVAL);
	CHECK_EQ_INT(vionic_transport_mask_features(no_version_1), VIONIC_EINVAL);
	CHECK_EQ_INT(vionic_transport_mask_features(no_packed), VIONIC_EINVAL);
	CHECK_EQ_U64(vionic_transport_device_features(0, 1), offered_default[1]);
}


/* --- the data path: queue start/stop, per-function registers, errors --- */

#define QCMD(queue, op)	((queue) | VIONIC_DP_CONSTS_QUEUE_OP_##op << 16)
#define RX_PAIRS(n)	VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS, (n))
#define RX_ENABLE	VIONIC_DP_FUNC_RX_MODE_ENABLE_MASK

static void enable_queue(uint32_t func, uint32_t queue)
{
	program_queue(func, queue, 16, 0x1000 + queue * 0x1000, 0x20000, 0x30000);
	WRITE(func, QUEUE_ENABLE, 1);
	CHECK_EQ_U64(READ(func, QUEUE_ENABLE), 1);
}

static void test_queue_enable_starts_hardware_queues_only(void)
{
	setup_funcs(2);
	negotiate(1);
	for (uint32_t q = 0; q < NQ; q++)
		enable_queue(1, q);
	/* Queues 0..2 x NUM_QP - 1 of function 1 (qid = 1 x QPF + q); not the control queue. */
	CHECK_EQ_U64(dp_model.cmd_count, 2 * NQP);
	for (uint32_t q = 0; q < 2 * NQP; q++) {
		CHECK_EQ_U64(dp_model.cmds[q], QCMD(QPF + q, START));
		CHECK_EQ_U64(QCTX(1, q, RING_STATE), RING_STATE_INITIAL);
		CHECK(vionic_transport_queue(1, q)->started);
	}
	CHECK(!vionic_transport_queue(1, CVQ)->started);
	CHECK_EQ_U64(vionic_transport_ctrl_queue(1), CVQ);
}

static void test_reset_waits_for_the_stop_of_started_queues(void)
{
	setup();
	negotiate(0);
	enable_queue(0, 1);
	driver_ok(0);
	snapshot_shadows();
	mock_reset();	/* exact traffic, the data path included */
	/* STOP of queue 1 (queue 0 was never started), BUSY polled until 0 ... */
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(DP_REG(QUEUE_CMD), QCMD(1, STOP));
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 1);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 1);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	/* ... then the function's data-path registers ... */
	mock_expect_write32(DP_REG(FUNC_SEL), 0);
	mock_expect_write32(DP_REG(FUNC_FEATURES_LO), 0);
	mock_expect_write32(DP_REG(FUNC_FEATURES_HI), 0);
	mock_expect_write32(DP_REG(FUNC_SEL), 0);
	mock_expect_write32(DP_REG(FUNC_RX_MODE), RX_PAIRS(1));
	/* ... and only then the context of the queue that was enabled (disabled),
	 * and the shadow (device_status 0 last). */
	expect_reset_traffic(0, 1u << 1);
	WRITE(0, DEVICE_STATUS, 0);
	CHECK(!vionic_transport_queue(0, 1)->started);
}

static void test_stop_timeout_is_reported_and_the_reset_completes(void)
{
	uint32_t old;

	setup();
	negotiate(0);
	enable_queue(0, 3);
	dp_model.busy_polls = 1000;	/* the STOP never completes */
	old = dp_set_poll_limit(5);
	mock_expect_console("vionic: f0 q3 STOP timed out\n");
	WRITE(0, DEVICE_STATUS, 0);
	dp_set_poll_limit(old);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), 0);
	CHECK_EQ_U64(stats(0)->dp_timeouts, 1);
	CHECK_EQ_U64(dp_model.cmds[dp_model.cmd_count - 1], QCMD(3, STOP));
}

static void test_features_and_rx_mode_follow_the_status(void)
{
	setup();
	negotiate(0);
	/* FEATURES_OK: the negotiated features (words 0 and 1). */
	CHECK_EQ_U64(dp_model.funcs[0].features_lo, offered_default[0]);
	CHECK_EQ_U64(dp_model.funcs[0].features_hi, offered_default[1]);
	CHECK_EQ_U64(dp_model.funcs[0].rx_mode, RX_PAIRS(1));
	/* DRIVER_OK: receive enabled at the function's own MAC 02:76:69:00:00:01. */
	driver_ok(0);
	CHECK_EQ_U64(dp_model.funcs[0].rx_mode, RX_PAIRS(1) | RX_ENABLE);
	CHECK_EQ_U64(dp_model.funcs[0].mac_lo, 0x00697602);
	CHECK_EQ_U64(dp_model.funcs[0].mac_hi, 0x0100);
	/* A reset clears both. */
	WRITE(0, DEVICE_STATUS, 0);
	CHECK_EQ_U64(dp_model.funcs[0].features_lo | dp_model.funcs[0].features_hi, 0);
	CHECK_EQ_U64(dp_model.funcs[0].rx_mode, RX_PAIRS(1));
}

static void test_flr_stops_the_queues_of_that_function(void)
{
	setup_funcs(2);
	negotiate(0);
	negotiate(1);
	enable_queue(0, 0);
	enable_queue(1, 2);
	dp_model.cmd_count = 0;
	raw_event(1, VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION, 0, VIONIC_CTRL_EVENTS_FUNC_EVENT_FLR, 0);
	CHECK_EQ_U64(dp_model.cmd_count, 1);
	CHECK_EQ_U64(dp_model.cmds[0], QCMD(QPF + 2, STOP));
	CHECK(vionic_transport_queue(0, 0)->started);
	CHECK_EQ_U64(dp_model.funcs[1].features_lo, 0);
	CHECK_EQ_U64(dp_model.funcs[0].features_lo, offered_default[0]);
}

static void test_queue_reset_stops_a_hardware_queue(void)
{
	setup();
	negotiate(0);
	enable_queue(0, 2);
	enable_queue(0, CVQ);
	driver_ok(0);
	dp_model.cmd_count = 0;
	WRITE(0, QUEUE_SELECT, CVQ);
	WRITE(0, QUEUE_RESET, 1);	/* the control queue: no command */
	CHECK_EQ_U64(dp_model.cmd_count, 0);
	WRITE(0, QUEUE_SELECT, 2);
	WRITE(0, QUEUE_RESET, 1);
	CHECK_EQ_U64(dp_model.cmd_count, 1);
	CHECK_EQ_U64(dp_model.cmds[0], QCMD(2, STOP));
	CHECK(!vionic_transport_queue(0, 2)->started);
	/* Re-enabled: a new START from the initial ring position. */
	enable_queue(0, 2);
	CHECK_EQ_U64(dp_model.cmds[1], QCMD(2, START));
	CHECK_EQ_U64(QCTX(0, 2, RING_STATE), RING_STATE_INITIAL);
}

static void test_dp_error_sets_needs_reset_and_notifies(void)
{
	setup();
	negotiate(0);
	WRITE(0, CONFIG_MSIX_VECTOR, 7);
	enable_queue(0, 1);
	driver_ok(0);
	dp_model_push_error(1, VIONIC_DP_CONSTS_ERR_DESC_DIRECTION);
	mock_expect_console("vionic: f0 q1 data-path error 3, device needs reset\n");
	mock_expect_write32(CTRL_REG(IRQ_SEND),
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 0) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_VIRTIO_PCI_ISR_CONFIG) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, 7));
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);
	CHECK_EQ_U64(dp_model.err_pops, 1);
	CHECK(READ(0, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET));
	CHECK_EQ_U64(stats(0)->dp_errors, 1);
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 0);
	/* A second error: counted and logged, no second notification. */
	dp_model_push_error(1, VIONIC_DP_CONSTS_ERR_ZERO_LENGTH);
	mock_expect_console("vionic: f0 q1 data-path error 5, device needs reset\n");
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);
	/* The reset stops the queue and clears the state. */
	WRITE(0, DEVICE_STATUS, 0);
	CHECK_EQ_U64(READ(0, DEVICE_STATUS), 0);
	CHECK_EQ_U64(dp_model.cmds[dp_model.cmd_count - 1], QCMD(1, STOP));
}

static void test_dp_error_of_a_queue_not_started_is_only_counted(void)
{
	setup_funcs(2);
	negotiate(1);
	driver_ok(1);
	dp_model_push_error(QPF + 0, VIONIC_DP_CONSTS_ERR_DMA_READ);
	mock_expect_console("vionic: f1 q0 data-path error 1 (queue not started)\n");
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);
	CHECK(!(READ(1, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET)));
	CHECK_EQ_U64(stats(1)->dp_errors, 1);
	/* A function beyond NUM_FUNCS: counted globally, popped. */
	dp_model_push_error(5 * QPF + 1, VIONIC_DP_CONSTS_ERR_DMA_READ);
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);
	CHECK_EQ_U64(vionic_transport_unknown_func_events(), 1);
}

static void test_dp_error_before_driver_ok_sends_nothing(void)
{
	setup();
	negotiate(0);
	enable_queue(0, 0);
	dp_model_push_error(0, VIONIC_DP_CONSTS_ERR_DMA_READ);
	mock_expect_console("vionic: f0 q0 data-path error 1, device needs reset\n");
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);	/* no IRQ_SEND step declared */
	CHECK(READ(0, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET));
}

static void test_dp_error_overflow_finds_the_stopped_queues(void)
{
	setup_funcs(3);
	for (uint32_t f = 0; f < 3; f++) {
		negotiate(f);
		enable_queue(f, 1);
		enable_queue(f, 2);
		driver_ok(f);
	}
	/* Function 0's error was kept; function 2's queue 2 also stopped, its error lost. */
	dp_model_push_error(1, VIONIC_DP_CONSTS_ERR_ID_RANGE);
	dp_model_set_overflow();
	dp_model.qstate_status[2 * QPF + 2] =
		VIONIC_FIELD_PREP(VIONIC_DP_QSTATE_STATUS_STATE, VIONIC_DP_CONSTS_QSTATE_ERROR) |
		VIONIC_FIELD_PREP(VIONIC_DP_QSTATE_STATUS_ERR_CODE, VIONIC_DP_CONSTS_ERR_INDIRECT);
	dp_model.qstate_status[1 * QPF + 1] =
		VIONIC_FIELD_PREP(VIONIC_DP_QSTATE_STATUS_STATE, VIONIC_DP_CONSTS_QSTATE_RUNNING);
	mock_expect_console("vionic: f0 q1 data-path error 7, device needs reset\n");
	mock_expect_write32(CTRL_REG(IRQ_SEND),
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 0) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_VIRTIO_PCI_ISR_CONFIG) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, NO_VECTOR));
	mock_expect_console("vionic: f2 q2 data-path error 9, device needs reset\n");
	mock_expect_write32(CTRL_REG(IRQ_SEND),
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 2) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_VIRTIO_PCI_ISR_CONFIG) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, NO_VECTOR));
	CHECK_EQ_INT(vionic_transport_poll_dp_errors(), 1);
	CHECK(READ(0, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET));
	CHECK(!(READ(1, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET)));
	CHECK(READ(2, DEVICE_STATUS) & ST(DEVICE_NEEDS_RESET));
}

static void test_cvq_is_queue_2_without_mq(void)
{
	const uint32_t no_mq[VIONIC_FEATURE_WORDS] = {
		~BIT_OF(F(NET_MQ), 0), ~0u, ~0u, ~0u,
	};

	setup();
	CHECK_EQ_INT(vionic_transport_mask_features(no_mq), VIONIC_OK);
	/* The control-queue features stay offered without MQ; the control queue is then 2. */
	CHECK_EQ_U64(READ(0, DEVICE_FEATURE) & (BIT_OF(F(NET_CTRL_VQ), 0) | BIT_OF(F(NET_MQ), 0) |
						BIT_OF(F(NET_CTRL_RX), 0)),
		     BIT_OF(F(NET_CTRL_VQ), 0) | BIT_OF(F(NET_CTRL_RX), 0));
	CHECK_EQ_U64(vionic_transport_ctrl_queue(0), 2);
}

static const struct test_case tests[] = {
	TEST_CASE(test_init_checks_its_configuration),
	TEST_CASE(test_offered_features_are_what_the_device_implements),
	TEST_CASE(test_boot_exact_traffic),
	TEST_CASE(test_boot_with_bad_params_is_not_ready),
	TEST_CASE(test_initial_shadow),
	TEST_CASE(test_initial_device_config_per_function),
	TEST_CASE(test_initial_queue_contexts),
	TEST_CASE(test_poll_publishes_before_pop),
	TEST_CASE(test_device_feature_select_publishes_the_word),
	TEST_CASE(test_unchanged_write_publishes_nothing),
	TEST_CASE(test_driver_feature_readback),
	TEST_CASE(test_features_ok_accepted_for_offered_subset),
	TEST_CASE(test_features_ok_refused_without_version_1),
	TEST_CASE(test_features_ok_refused_without_ring_packed),
	TEST_CASE(test_features_ok_refused_for_bit_not_offered),
	TEST_CASE(test_features_ok_refused_for_bit_beyond_word_3),
	TEST_CASE(test_features_ok_refused_on_missing_dependency),
	TEST_CASE(test_driver_feature_ignored_after_features_ok),
	TEST_CASE(test_status_bits_cannot_be_cleared),
	TEST_CASE(test_driver_ok_without_features_ok_needs_reset),
	TEST_CASE(test_needs_reset_blocks_progress_until_reset),
	TEST_CASE(test_needs_reset_and_reserved_bits_from_driver_ignored),
	TEST_CASE(test_failed_is_accepted),
	TEST_CASE(test_full_initialisation_sequence),
	TEST_CASE(test_reset_clears_everything),
	TEST_CASE(test_reset_traffic_stops_queues_before_the_shadow),
	TEST_CASE(test_reset_leaves_contexts_to_the_enable),
	TEST_CASE(test_queue_programming_before_features_ok_ignored),
	TEST_CASE(test_queue_size_range),
	TEST_CASE(test_queue_enable_requires_aligned_areas),
	TEST_CASE(test_queue_enable_exact_traffic),
	TEST_CASE(test_queue_enable_zero_ignored),
	TEST_CASE(test_queue_fields_locked_while_enabled),
	TEST_CASE(test_queue_reset_with_ring_reset),
	TEST_CASE(test_queue_reset_needs_ring_reset_negotiated),
	TEST_CASE(test_vectors_out_of_range_read_no_vector),
	TEST_CASE(test_select_beyond_num_queues_reads_zero),
	TEST_CASE(test_wrong_size_writes_ignored),
	TEST_CASE(test_read_only_writes_ignored),
	TEST_CASE(test_device_config_writes_ignored),
	TEST_CASE(test_unknown_events_counted),
	TEST_CASE(test_flr_resets_only_that_function),
	TEST_CASE(test_link_change_updates_status_and_notifies_running_drivers),
	TEST_CASE(test_link_event_without_change_does_nothing),
	TEST_CASE(test_feature_mask_applies_to_idle_functions),
	TEST_CASE(test_feature_mask_keeps_required_features),
	TEST_CASE(test_queue_enable_starts_hardware_queues_only),
	TEST_CASE(test_reset_waits_for_the_stop_of_started_queues),
	TEST_CASE(test_stop_timeout_is_reported_and_the_reset_completes),
	TEST_CASE(test_features_and_rx_mode_follow_the_status),
	TEST_CASE(test_flr_stops_the_queues_of_that_function),
	TEST_CASE(test_queue_reset_stops_a_hardware_queue),
	TEST_CASE(test_dp_error_sets_needs_reset_and_notifies),
	TEST_CASE(test_dp_error_of_a_queue_not_started_is_only_counted),
	TEST_CASE(test_dp_error_before_driver_ok_sends_nothing),
	TEST_CASE(test_dp_error_overflow_finds_the_stopped_queues),
	TEST_CASE(test_cvq_is_queue_2_without_mq),
};

int main(void)
{
	return test_main("transport", tests, VIONIC_ARRAY_SIZE(tests));
}
