// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Unit tests of lib/virtio/cvq.c: the control queue served in firmware. The
 * stores are mock RAM, the data path, fw_dma and ctrl IRQ_SEND the behavioural
 * model (host/dp_model.c) with host memory in which the tests play the driver:
 * they write packed descriptors, kick, and read back acks, used descriptors,
 * interrupts and the data path's per-function registers.
 */
#include <string.h>

#include "drivers/ctrl.h"
#include "drivers/dp.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/dp_model.h"
#include "host/mock.h"
#include "host/test.h"
#include "lib/virtio/cvq.h"
#include "lib/virtio/transport.h"
#include "vionic/virtio_common_cfg_regs.h"
#include "vionic/virtio_net_cfg_regs.h"
#include "vionic/virtio_net_regs.h"
#include "vionic/virtio_ring_regs.h"

#define CC_OFF(name)	VIONIC_VIRTIO_COMMON_CFG_##name##_OFFSET
#define CC_SIZE(name)	VIONIC_VIRTIO_COMMON_CFG_##name##_SIZE
#define ST(name)	VIONIC_VIRTIO_PCI_STATUS_##name
#define F(name)		VIONIC_VIRTIO_PCI_F_##name
#define BIT_OF(bit, w)	VIONIC_FEATURE_IN_WORD(w, bit)
#define QPF		32u
#define NQP		2u
#define CVQ		(2u * NQP)
#define MACS		4u
#define QSIZE		8u
#define CFG_VECTOR	1u
#define CVQ_VECTOR	3u
#define HOST		DP_MODEL_HOST_BASE
#define RING		(HOST + 0x1000)
#define DRIVER_AREA	(HOST + 0x800)
#define DEVICE_AREA	(HOST + 0x900)
#define BUFS		(HOST + 0x4000)
#define NET(name)	VIONIC_VIRTIO_NET_##name
#define OK		NET(CTRL_OK)
#define ERR		NET(CTRL_ERR)
#define DF(bit)		(1u << VIONIC_VIRTIO_RING_DESC_F_##bit)
#define RX_PAIRS(n)	VIONIC_FIELD_PREP(VIONIC_DP_FUNC_RX_MODE_QUEUE_PAIRS, (n))
#define RX_PROMISC	VIONIC_DP_FUNC_RX_MODE_PROMISC_MASK
#define RX_ALLMULTI	VIONIC_DP_FUNC_RX_MODE_ALLMULTI_MASK
#define RX_ENABLE	VIONIC_DP_FUNC_RX_MODE_ENABLE_MASK

static const uint32_t offered[VIONIC_FEATURE_WORDS] = {
	VIONIC_TRANSPORT_OFFERED(0), VIONIC_TRANSPORT_OFFERED(1),
	VIONIC_TRANSPORT_OFFERED(2), VIONIC_TRANSPORT_OFFERED(3),
};

/* The driver's side of the ring. */
static struct {
	uint16_t idx;
	bool wrap;
	uint64_t next_buf;
} drv;

static void write_cc(uint32_t offset, uint32_t size, uint32_t value)
{
	uint32_t lane = offset & 3u;
	struct ctrl_event event = {
		.func = 0,
		.source = VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON,
		.be = (size >= 4 ? 0xfu : (1u << size) - 1u) << lane,
		.offset = offset & ~3u,
		.data = value << (8u * lane),
	};

	CHECK_EQ_INT(vionic_transport_handle_event(&event), VIONIC_OK);
}

#define WRITE(name, value) write_cc(CC_OFF(name), CC_SIZE(name), (value))

static uint8_t device_status(void)
{
	return vionic_transport_device_status(0);
}

/* One function, NUM_QP 2, features w0 negotiated, the control queue programmed (not enabled). */
static void program_features(uint32_t w0)
{
	struct vionic_transport_config config = {
		.params = { .num_funcs = 1, .queues_per_func = QPF, .msix_vectors = 8 },
		.dp = { .num_qp = NQP, .mac_table_entries = MACS },
	};
	const uint32_t all[VIONIC_FEATURE_WORDS] = { ~0u, ~0u, ~0u, ~0u };

	memcpy(config.offered, offered, sizeof(offered));
	mock_ram_map(VIONIC_MAP_COMMON_SHADOW_BASE, VIONIC_MAP_COMMON_SHADOW_SIZE);
	mock_ram_map(VIONIC_MAP_DEVCFG_STORE_BASE, VIONIC_MAP_DEVCFG_STORE_SIZE);
	mock_ram_map(VIONIC_MAP_QCTX_BASE, VIONIC_MAP_QCTX_SIZE);
	dp_model_map(NQP, MACS, true);
	CHECK_EQ_INT(vionic_transport_mask_features(all), VIONIC_OK);
	CHECK_EQ_INT(vionic_transport_init(&config), VIONIC_OK);
	CHECK_EQ_INT(vionic_transport_publish_all(true), VIONIC_OK);
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER));
	WRITE(DRIVER_FEATURE_SELECT, 0);
	WRITE(DRIVER_FEATURE, w0);
	WRITE(DRIVER_FEATURE_SELECT, 1);
	WRITE(DRIVER_FEATURE, offered[1]);
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK));
	CHECK(device_status() & ST(FEATURES_OK));
	WRITE(CONFIG_MSIX_VECTOR, CFG_VECTOR);
	WRITE(QUEUE_SELECT, CVQ);
	WRITE(QUEUE_SIZE, QSIZE);
	WRITE(QUEUE_DESC_LO, (uint32_t)RING);
	WRITE(QUEUE_DESC_HI, (uint32_t)(RING >> 32));
	WRITE(QUEUE_DRIVER_LO, (uint32_t)DRIVER_AREA);
	WRITE(QUEUE_DRIVER_HI, (uint32_t)(DRIVER_AREA >> 32));
	WRITE(QUEUE_DEVICE_LO, (uint32_t)DEVICE_AREA);
	WRITE(QUEUE_DEVICE_HI, (uint32_t)(DEVICE_AREA >> 32));
	WRITE(QUEUE_MSIX_VECTOR, CVQ_VECTOR);
	drv.idx = 0;
	drv.wrap = true;
	drv.next_buf = BUFS;
}

/* ... then enabled, and DRIVER_OK (each event followed by event_seen, as in main). */
static void setup_features(uint32_t w0)
{
	program_features(w0);
	WRITE(QUEUE_ENABLE, 1);
	vionic_cvq_event_seen();
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	vionic_cvq_event_seen();
	CHECK(device_status() & ST(DRIVER_OK));
}

static void setup(void)
{
	setup_features(offered[0]);
}

struct seg {
	const void *data;	/* device-readable content, or NULL for a writable buffer */
	uint32_t len;
	bool write;
};

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Writes a chain at the driver's position (head flags last); returns the head slot. */
static uint16_t post(const struct seg *segs, int n, uint16_t id, uint64_t *addrs)
{
	uint16_t head = drv.idx;
	bool head_wrap = drv.wrap;
	uint8_t descs[16][16];
	uint16_t slots[16];
	bool wraps[16];

	for (int i = 0; i < n; i++) {
		uint64_t addr = drv.next_buf;
		bool w = drv.wrap;
		uint16_t flags = (i + 1 < n ? DF(NEXT) : 0) | (segs[i].write ? DF(WRITE) : 0) |
				 (w ? DF(AVAIL) : DF(USED));

		drv.next_buf += 0x100;
		if (segs[i].data)
			dp_model_host_write(addr, segs[i].data, segs[i].len);
		else
			dp_model_host_write(addr, "\xee", 1);
		if (addrs)
			addrs[i] = addr;
		put_le(descs[i] + 0, addr, 8);
		put_le(descs[i] + 8, segs[i].len, 4);
		put_le(descs[i] + 12, id, 2);
		put_le(descs[i] + 14, flags, 2);
		slots[i] = drv.idx;
		wraps[i] = w;
		if (++drv.idx == QSIZE) {
			drv.idx = 0;
			drv.wrap = !drv.wrap;
		}
	}
	for (int i = n - 1; i >= 0; i--)
		dp_model_host_write(RING + 16u * slots[i], descs[i], 16);
	(void)wraps;
	(void)head_wrap;
	return head;
}

static void event_suppression(uint16_t flags, uint16_t off_wrap)
{
	uint8_t e[4];

	put_le(e, off_wrap, 2);
	put_le(e + 2, flags, 2);
	dp_model_host_write(DRIVER_AREA, e, 4);
}

static void kick(void)
{
	dp_model.kick_pending |= 1u;
	vionic_cvq_poll();
	CHECK_EQ_U64(dp_model.kick_pending & 1u, 0);
}

struct used {
	uint32_t len;
	uint16_t id;
	uint16_t flags;
};

static struct used used_at(uint16_t slot)
{
	uint8_t d[16];

	dp_model_host_read(RING + 16u * slot, d, 16);
	return (struct used){ (uint32_t)get_le(d + 8, 4), (uint16_t)get_le(d + 12, 2),
			      (uint16_t)get_le(d + 14, 2) };
}

static uint8_t host_byte(uint64_t addr)
{
	uint8_t b;

	dp_model_host_read(addr, &b, 1);
	return b;
}

/*
 * A command as Linux sends it: header, data (if any), ack. Returns the ack
 * and checks the used descriptor (len 1, the id, AVAIL = USED = its wrap).
 */
static uint8_t command(uint8_t class, uint8_t cmd, const void *data, uint32_t len)
{
	uint8_t hdr[2] = { class, cmd };
	struct seg segs[3] = { { hdr, 2, false } };
	uint64_t addrs[3];
	int n = 1;
	bool wrap = drv.wrap;
	uint16_t head, id = (uint16_t)(0x40 + drv.idx);
	struct used u;

	if (len)
		segs[n++] = (struct seg){ data, len, false };
	segs[n++] = (struct seg){ NULL, 1, true };
	head = post(segs, n, id, addrs);
	kick();
	u = used_at(head);
	CHECK_EQ_U64(u.len, 1);
	CHECK_EQ_U64(u.id, id);
	CHECK_EQ_U64(u.flags, wrap ? DF(AVAIL) | DF(USED) : 0);
	return host_byte(addrs[n - 1]);
}

static uint32_t irq_word(uint32_t isr, uint32_t vector)
{
	return VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 0) |
	       VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, isr) |
	       VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, vector);
}

static uint32_t rx_mode(void)
{
	return dp_model.funcs[0].rx_mode;
}

/* --- commands --- */

static void test_rx_promisc_and_allmulti(void)
{
	uint8_t on = 1, off = 0;

	setup();
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(1) | RX_ENABLE);
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(1) | RX_ENABLE | RX_PROMISC);
	/* Used buffer notification: ISR bit 0 and the queue's vector. */
	CHECK_EQ_U64(dp_model.irq_count, 1);
	CHECK_EQ_U64(dp_model.irqs[0], irq_word(VIONIC_VIRTIO_PCI_ISR_QUEUE, CVQ_VECTOR));
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_ALLMULTI), &on, 1), OK);
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &off, 1), OK);
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(1) | RX_ENABLE | RX_ALLMULTI);
	CHECK_EQ_U64(vionic_cvq_stats(0)->commands, 3);
}

static void mac_table(uint8_t *buf, uint32_t *len, uint32_t uc, uint32_t mc)
{
	uint32_t at = 0;

	put_le(buf, uc, 4);
	at = 4;
	for (uint32_t i = 0; i < uc; i++, at += 6)
		memcpy(buf + at, (uint8_t[6]){ 0x02, 0, 0, 0, 0, (uint8_t)(0x10 + i) }, 6);
	put_le(buf + at, mc, 4);
	at += 4;
	for (uint32_t i = 0; i < mc; i++, at += 6)
		memcpy(buf + at, (uint8_t[6]){ 0x01, 0x00, 0x5e, 0, 0, (uint8_t)(0x20 + i) }, 6);
	*len = at;
}

static void test_mac_table_set(void)
{
	uint8_t buf[256];
	uint32_t len;
	struct dp_model_func *f = &dp_model.funcs[0];

	setup();
	mac_table(buf, &len, 2, 1);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), buf, len), OK);
	CHECK_EQ_U64(f->mac_lo_entry[0], 0x00000002);
	CHECK_EQ_U64(f->mac_hi_entry[0], 0x80001000);
	CHECK_EQ_U64(f->mac_hi_entry[1], 0x80001100);
	CHECK_EQ_U64(f->mac_lo_entry[2], 0x005e0001);
	CHECK_EQ_U64(f->mac_hi_entry[2], 0x80002000);
	CHECK_EQ_U64(f->mac_hi_entry[3], 0);
	CHECK_EQ_U64(rx_mode() & (RX_PROMISC | RX_ALLMULTI), 0);
	/* A smaller table clears the entries no longer used. */
	mac_table(buf, &len, 0, 1);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), buf, len), OK);
	CHECK_EQ_U64(f->mac_hi_entry[0], 0x80002000);
	CHECK_EQ_U64(f->mac_hi_entry[1] | f->mac_hi_entry[2], 0);
}

static void test_mac_table_overflow_falls_back(void)
{
	uint8_t buf[256];
	uint32_t len;
	struct dp_model_func *f = &dp_model.funcs[0];

	setup();
	/* 5 unicast > 4 entries: PROMISC, the multicast address still in the table. */
	mac_table(buf, &len, 5, 1);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), buf, len), OK);
	CHECK_EQ_U64(rx_mode() & (RX_PROMISC | RX_ALLMULTI), RX_PROMISC);
	CHECK_EQ_U64(f->mac_hi_entry[0], 0x80002000);
	CHECK_EQ_U64(f->mac_hi_entry[1], 0);
	/* 1 unicast + 4 multicast > 4: ALLMULTI, the unicast entry kept, PROMISC off again. */
	mac_table(buf, &len, 1, 4);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), buf, len), OK);
	CHECK_EQ_U64(rx_mode() & (RX_PROMISC | RX_ALLMULTI), RX_ALLMULTI);
	CHECK_EQ_U64(f->mac_hi_entry[0], 0x80001000);
	CHECK_EQ_U64(f->mac_hi_entry[1], 0);
	/* The driver's own ALLMULTI stays when the table fits again. */
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_ALLMULTI), (uint8_t[]){ 1 }, 1), OK);
	mac_table(buf, &len, 1, 1);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), buf, len), OK);
	CHECK_EQ_U64(rx_mode() & (RX_PROMISC | RX_ALLMULTI), RX_ALLMULTI);
	/* A device reset clears the table. */
	WRITE(DEVICE_STATUS, 0);
	CHECK_EQ_U64(f->mac_hi_entry[0] | f->mac_hi_entry[1], 0);
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(1));
}

static void test_mac_addr_set_updates_config_and_filter(void)
{
	const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	unsigned int writes;

	setup();
	writes = mock_ram_writes();
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_ADDR_SET), mac, 6), OK);
	/* Both MAC words of the device configuration stored (each store bumps the generation). */
	CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(0, VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET)),
		     0x12005452);
	CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(0, VIONIC_VIRTIO_NET_CFG_MAC_HI_OFFSET)) &
		     0xffff, 0x5634);
	CHECK_EQ_U64(mock_ram_writes() - writes, 2);
	CHECK_EQ_U64(dp_model.funcs[0].mac_lo, 0x12005452);
	CHECK_EQ_U64(dp_model.funcs[0].mac_hi, 0x5634);
	/* Wrong length: ERR, nothing changes. */
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_ADDR_SET), mac, 5), ERR);
	/* A reset restores the default address in the device configuration. */
	WRITE(DEVICE_STATUS, 0);
	CHECK_EQ_U64(mock_ram_read32(CTRL_DEVCFG_ADDR(0, VIONIC_VIRTIO_NET_CFG_MAC_LO_OFFSET)),
		     0x00697602);
}

static void test_mq_vq_pairs_set(void)
{
	uint8_t v[2];

	setup();
	put_le(v, 2, 2);
	CHECK_EQ_U64(command(NET(CTRL_MQ), NET(CTRL_MQ_VQ_PAIRS_SET), v, 2), OK);
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(2) | RX_ENABLE);
	put_le(v, 0, 2);
	CHECK_EQ_U64(command(NET(CTRL_MQ), NET(CTRL_MQ_VQ_PAIRS_SET), v, 2), ERR);
	put_le(v, NQP + 1, 2);
	CHECK_EQ_U64(command(NET(CTRL_MQ), NET(CTRL_MQ_VQ_PAIRS_SET), v, 2), ERR);
	CHECK_EQ_U64(command(NET(CTRL_MQ), 1, v, 2), ERR);	/* RSS_CONFIG: not offered */
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(2) | RX_ENABLE);
	WRITE(DEVICE_STATUS, 0);
	CHECK_EQ_U64(rx_mode(), RX_PAIRS(1));
	CHECK_EQ_U64(vionic_cvq_stats(0)->errors, 3);
}

static void test_commands_need_their_feature(void)
{
	uint8_t on = 1, v[2] = { 1, 0 };
	const uint8_t mac[6] = { 2, 0, 0, 0, 0, 9 };

	/* CTRL_VQ and MQ only: no CTRL_RX, no CTRL_MAC_ADDR. */
	setup_features(offered[0] & ~(BIT_OF(F(NET_CTRL_RX), 0) | BIT_OF(F(NET_CTRL_MAC_ADDR), 0)));
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), ERR);
	CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_ADDR_SET), mac, 6), ERR);
	CHECK_EQ_U64(command(NET(CTRL_MQ), NET(CTRL_MQ_VQ_PAIRS_SET), v, 2), OK);
	CHECK_EQ_U64(command(2, 0, &on, 1), ERR);	/* VLAN class: unknown */
	CHECK_EQ_U64(rx_mode() & RX_PROMISC, 0);
}

/* --- malformed chains --- */

static void test_malformed_chains_answer_err(void)
{
	uint8_t hdr[3] = { NET(CTRL_RX), NET(CTRL_RX_PROMISC), 1 };
	uint64_t addrs[4];
	uint16_t head;

	setup();
	/* Header and data in one buffer works as well. */
	head = post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, 7, addrs);
	kick();
	CHECK_EQ_U64(host_byte(addrs[1]), OK);
	CHECK_EQ_U64(used_at(head).id, 7);
	/* Short header. */
	head = post((struct seg[]){ { hdr, 1, false }, { NULL, 1, true } }, 2, 1, addrs);
	kick();
	CHECK_EQ_U64(host_byte(addrs[1]), ERR);
	/* Too much data for the command. */
	head = post((struct seg[]){ { hdr, 2, false }, { "\x01\x00", 2, false },
				    { NULL, 1, true } }, 3, 2, addrs);
	kick();
	CHECK_EQ_U64(host_byte(addrs[2]), ERR);
	/* Readable after writable. */
	head = post((struct seg[]){ { hdr, 2, false }, { NULL, 1, true }, { hdr + 2, 1, false } },
		    3, 3, addrs);
	kick();
	CHECK_EQ_U64(host_byte(addrs[1]), ERR);
	CHECK_EQ_U64(used_at(head).len, 1);
	/* Two writable descriptors: ERR in the last. */
	head = post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true }, { NULL, 1, true } }, 3, 4,
		    addrs);
	kick();
	CHECK_EQ_U64(host_byte(addrs[2]), ERR);
	/* No writable descriptor: nowhere to answer, used with len 0. */
	head = post((struct seg[]){ { hdr, 3, false } }, 1, 5, addrs);
	kick();
	CHECK_EQ_U64(used_at(head).len, 0);
	CHECK_EQ_U64(used_at(head).id, 5);
	/* MAC_TABLE_SET whose counts do not match the data. */
	{
		uint8_t t[32];
		uint32_t len;

		mac_table(t, &len, 1, 1);
		CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), t, len - 1), ERR);
		put_le(t, 0xffffffffu, 4);
		CHECK_EQ_U64(command(NET(CTRL_MAC), NET(CTRL_MAC_TABLE_SET), t, len), ERR);
	}
	CHECK_EQ_U64(rx_mode() & RX_PROMISC, RX_PROMISC);	/* only the first one applied */
	CHECK_EQ_U64(vionic_cvq_stats(0)->commands, 1);
	CHECK_EQ_U64(vionic_cvq_stats(0)->errors, 7);
	CHECK(!(device_status() & ST(DEVICE_NEEDS_RESET)));
}

static void test_chain_longer_than_the_ring_needs_reset(void)
{
	uint8_t d[16];

	setup();
	/* Every slot available with NEXT: the chain never ends. */
	for (uint32_t i = 0; i < QSIZE; i++) {
		put_le(d, BUFS, 8);
		put_le(d + 8, 4, 4);
		put_le(d + 12, 0, 2);
		put_le(d + 14, DF(NEXT) | DF(AVAIL), 2);
		dp_model_host_write(RING + 16u * i, d, 16);
	}
	kick();
	CHECK(device_status() & ST(DEVICE_NEEDS_RESET));
	CHECK_EQ_U64(dp_model.irq_count, 1);
	CHECK_EQ_U64(dp_model.irqs[0], irq_word(VIONIC_VIRTIO_PCI_ISR_CONFIG, CFG_VECTOR));
	CHECK_EQ_U64(vionic_cvq_stats(0)->fatal, 1);
	/* Nothing more until a reset. */
	kick();
	CHECK_EQ_U64(dp_model.irq_count, 1);
	CHECK_EQ_U64(vionic_cvq_stats(0)->ignored, 1);
}

static void test_dma_error_needs_reset(void)
{
	uint8_t on = 1;
	uint8_t hdr[2] = { NET(CTRL_RX), NET(CTRL_RX_PROMISC) };

	setup();
	post((struct seg[]){ { hdr, 2, false }, { &on, 1, false }, { NULL, 1, true } }, 3, 1, NULL);
	dp_model.dma_fail_at = (int)dp_model.dma_count + 3;	/* the data read */
	kick();
	CHECK(device_status() & ST(DEVICE_NEEDS_RESET));
	CHECK_EQ_U64(dp_model.irqs[dp_model.irq_count - 1],
		     irq_word(VIONIC_VIRTIO_PCI_ISR_CONFIG, CFG_VECTOR));
	CHECK_EQ_U64(rx_mode() & RX_PROMISC, 0);
	/* A reset and a new set-up serve the queue again. */
	WRITE(DEVICE_STATUS, 0);
	CHECK(!(device_status() & ST(DEVICE_NEEDS_RESET)));
	mock_reset();
	setup();
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
}

/* --- ring handling --- */

static void test_several_chains_one_kick_one_interrupt(void)
{
	uint8_t hdr[3] = { NET(CTRL_RX), NET(CTRL_RX_ALLMULTI), 1 };

	setup();
	for (int i = 0; i < 3; i++)
		post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, (uint16_t)i, NULL);
	kick();
	for (int i = 0; i < 3; i++)
		CHECK_EQ_U64(used_at((uint16_t)(2 * i)).id, i);
	CHECK_EQ_U64(vionic_cvq_stats(0)->commands, 3);
	CHECK_EQ_U64(dp_model.irq_count, 1);
}

static void test_ring_wraps(void)
{
	uint8_t on = 1;

	setup();
	/* 3 slots per command on an 8-slot ring: slots wrap inside chains and at the end. */
	for (int i = 0; i < 11; i++)
		CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
	CHECK_EQ_U64(vionic_cvq_stats(0)->commands, 11);
	CHECK(!(device_status() & ST(DEVICE_NEEDS_RESET)));
}

static void test_kick_during_processing_is_not_lost(void)
{
	uint8_t hdr[3] = { NET(CTRL_RX), NET(CTRL_RX_PROMISC), 1 };

	setup();
	post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, 1, NULL);
	dp_model.kick_during_dma = 1;	/* a doorbell while the firmware reads the ring */
	dp_model.kick_pending |= 1;
	vionic_cvq_poll();
	CHECK_EQ_U64(dp_model.kick_pending, 1);	/* cleared before processing, raised again */
	post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, 2, NULL);
	vionic_cvq_poll();
	CHECK_EQ_U64(used_at(2).id, 2);
	CHECK_EQ_U64(dp_model.kick_pending, 0);
}

static void test_not_served_before_driver_ok(void)
{
	uint8_t hdr[3] = { NET(CTRL_RX), NET(CTRL_RX_PROMISC), 1 };
	uint16_t head;

	setup();
	WRITE(DEVICE_STATUS, 0);
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE));
	head = post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, 1, NULL);
	kick();
	CHECK_EQ_U64(used_at(head).flags & DF(USED), 0);	/* untouched */
	CHECK_EQ_U64(dp_model.irq_count, 0);
	CHECK_EQ_U64(vionic_cvq_stats(0)->ignored, 1);
}

/*
 * Linux enables every queue, reads device_status (which does not wait for queue
 * writes, docs/transport.md), sets DRIVER_OK and kicks the control queue: the
 * doorbell can reach the firmware while the enable and DRIVER_OK events are
 * still queued. The kick waits for them, and enabling the queue keeps it.
 */
static void test_kick_ahead_of_its_enable_event_is_served(void)
{
	uint8_t hdr[3] = { NET(CTRL_RX), NET(CTRL_RX_PROMISC), 1 };
	uint16_t head;

	program_features(offered[0]);
	head = post((struct seg[]){ { hdr, 3, false }, { NULL, 1, true } }, 2, 7, NULL);
	dp_model.kick_pending |= 1u;
	vionic_cvq_poll();			/* too early: kept for the next event */
	CHECK_EQ_U64(used_at(head).flags & DF(USED), 0);
	WRITE(QUEUE_ENABLE, 1);
	vionic_cvq_event_seen();
	vionic_cvq_poll();			/* enabled, but no DRIVER_OK yet */
	CHECK_EQ_U64(used_at(head).flags & DF(USED), 0);
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	vionic_cvq_event_seen();
	vionic_cvq_poll();
	CHECK_EQ_U64(used_at(head).id, 7);
	CHECK_EQ_U64(vionic_cvq_stats(0)->commands, 1);
	CHECK(rx_mode() & RX_PROMISC);
}

/* --- event suppression (§2.8.10) --- */

static void test_event_suppression_on_the_ring(void)
{
	uint8_t on = 1;

	setup();
	event_suppression(VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE, 0);
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
	CHECK_EQ_U64(dp_model.irq_count, 0);
	/* DESC (EVENT_IDX negotiated): the next chain uses slots 3..5; event at slot 6: none. */
	event_suppression(VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC, 0x8000 | 6);
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
	CHECK_EQ_U64(dp_model.irq_count, 0);
	/* Slots 6, 7, 0 (wrap 0): event at slot 7 wrap 1: notify. */
	event_suppression(VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC, 0x8000 | 7);
	CHECK_EQ_U64(command(NET(CTRL_RX), NET(CTRL_RX_PROMISC), &on, 1), OK);
	CHECK_EQ_U64(dp_model.irq_count, 1);
}

static uint32_t device_area(void)
{
	uint8_t e[4];

	dp_model_host_read(DEVICE_AREA, e, 4);
	return (uint32_t)get_le(e, 4);
}

/*
 * The device's own area: ENABLE written once the queue can be served, whatever
 * the driver left there (here DISABLE), and once per enable.
 */
static void test_device_area_enabled_once_servable(void)
{
	const uint32_t garbage = (uint32_t)VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE << 16 | 0x1234u;
	uint8_t g[4];
	uint32_t dmas;

	put_le(g, garbage, 4);
	program_features(offered[0]);
	dp_model_host_write(DEVICE_AREA, g, 4);
	WRITE(QUEUE_ENABLE, 1);
	vionic_cvq_event_seen();
	CHECK_EQ_U64(device_area(), garbage);		/* no DRIVER_OK yet */
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	vionic_cvq_event_seen();
	CHECK_EQ_U64(device_area(), (uint32_t)VIONIC_VIRTIO_RING_EVENT_FLAGS_ENABLE << 16);
	dp_model_host_write(DEVICE_AREA, g, 4);
	dmas = dp_model.dma_count;
	vionic_cvq_event_seen();
	CHECK_EQ_U64(dp_model.dma_count, dmas);		/* once per enable */
	CHECK_EQ_U64(device_area(), garbage);
	/* A failed write is a DMA error like any other: DEVICE_NEEDS_RESET. */
	WRITE(DEVICE_STATUS, 0);
	mock_reset();
	program_features(offered[0]);
	WRITE(QUEUE_ENABLE, 1);
	WRITE(DEVICE_STATUS, ST(ACKNOWLEDGE) | ST(DRIVER) | ST(FEATURES_OK) | ST(DRIVER_OK));
	dp_model.dma_fail_at = (int)dp_model.dma_count + 1;
	vionic_cvq_event_seen();
	CHECK(device_status() & ST(DEVICE_NEEDS_RESET));
	CHECK_EQ_U64(vionic_cvq_stats(0)->fatal, 1);
}

static void test_need_event_decision(void)
{
	/* ENABLE / DISABLE, DESC without EVENT_IDX taken as ENABLE. */
	CHECK(vionic_cvq_need_event(0, 0, true, 3, true, 1, 8));
	CHECK(!vionic_cvq_need_event(1, 0, true, 3, true, 1, 8));
	CHECK(vionic_cvq_need_event(2, 0x8000 | 7, false, 3, true, 1, 8));
	/* Used written at slot 2 (wrap 1), now at 3: event 2 yes, 3 and 1 no. */
	CHECK(vionic_cvq_need_event(2, 0x8000 | 2, true, 3, true, 1, 8));
	CHECK(!vionic_cvq_need_event(2, 0x8000 | 3, true, 3, true, 1, 8));
	CHECK(!vionic_cvq_need_event(2, 0x8000 | 1, true, 3, true, 1, 8));
	/* Slots 6, 7 (wrap 1) and 0 (wrap 0) written, now at 1 wrap 0. */
	CHECK(vionic_cvq_need_event(2, 0x8000 | 7, true, 1, false, 3, 8));
	CHECK(vionic_cvq_need_event(2, 0x0000 | 0, true, 1, false, 3, 8));
	CHECK(!vionic_cvq_need_event(2, 0x0000 | 1, true, 1, false, 3, 8));
	CHECK(!vionic_cvq_need_event(2, 0x8000 | 5, true, 1, false, 3, 8));
	/* A whole ring written: always. */
	CHECK(vionic_cvq_need_event(2, 0x0000 | 5, true, 1, false, 8, 8));
}

static const struct test_case tests[] = {
	TEST_CASE(test_rx_promisc_and_allmulti),
	TEST_CASE(test_mac_table_set),
	TEST_CASE(test_mac_table_overflow_falls_back),
	TEST_CASE(test_mac_addr_set_updates_config_and_filter),
	TEST_CASE(test_mq_vq_pairs_set),
	TEST_CASE(test_commands_need_their_feature),
	TEST_CASE(test_malformed_chains_answer_err),
	TEST_CASE(test_chain_longer_than_the_ring_needs_reset),
	TEST_CASE(test_dma_error_needs_reset),
	TEST_CASE(test_several_chains_one_kick_one_interrupt),
	TEST_CASE(test_ring_wraps),
	TEST_CASE(test_kick_during_processing_is_not_lost),
	TEST_CASE(test_not_served_before_driver_ok),
	TEST_CASE(test_kick_ahead_of_its_enable_event_is_served),
	TEST_CASE(test_event_suppression_on_the_ring),
	TEST_CASE(test_device_area_enabled_once_servable),
	TEST_CASE(test_need_event_decision),
};

int main(void)
{
	return test_main("cvq", tests, VIONIC_ARRAY_SIZE(tests));
}
