/* SPDX-License-Identifier: MIT */
/*
 * pktgen.h - test frames.
 *
 * Sequence frames (any length >= 14): dst MAC given, src MAC 02:<flow>:<seq, 4 bytes>,
 * EtherType 0x88b5 (IEEE local experimental), payload byte i = pattern(seq, i); when the
 * payload has >= 8 bytes its last 4 bytes are the CRC-32 of everything before them.
 * pkt_check() verifies a received frame alone (pattern + CRC) and returns flow/seq, so a
 * receiver can check integrity and order; tests also compare byte for byte.
 *
 * IP frames: Ethernet + IPv4 (header checksum) or IPv6 + TCP (20-byte header) or UDP,
 * with a correct L4 checksum, a deliberately wrong one, or only the pseudo-header sum
 * for checksum offload (virtio NEEDS_CSUM: csum_start/csum_offset returned).
 */
#ifndef TB_PKTGEN_H
#define TB_PKTGEN_H

#include <stddef.h>
#include <stdint.h>

#define PKT_ETHERTYPE_TEST 0x88b5u
#define PKT_MIN_FRAME 14u
#define PKT_MAX_FRAME 16384u

uint32_t pkt_crc32(const void *buf, size_t len);

/* Fills buf[0..len) with a sequence frame. len >= 14. */
void pkt_build_seq(uint8_t *buf, size_t len, const uint8_t dst[6], uint8_t flow, uint32_t seq);
/* 0 if buf is an intact sequence frame (flow/seq filled), else a negative reason:
 * -1 too short, -2 not a test frame (src MAC / EtherType), -3 payload pattern, -4 CRC. */
int pkt_check(const uint8_t *buf, size_t len, uint8_t *flow, uint32_t *seq);
const char *pkt_check_str(int rc);

enum pkt_csum_mode { PKT_CSUM_GOOD = 0, PKT_CSUM_BAD = 1, PKT_CSUM_PARTIAL = 2 };
struct pkt_ip_spec {
	int ipv6;
	int proto;		/* 6 = TCP, 17 = UDP */
	uint8_t dst_mac[6], src_mac[6];
	uint8_t src_ip[16], dst_ip[16];	/* first 4 bytes for IPv4 */
	uint16_t sport, dport;
	size_t payload_len;	/* L4 payload bytes */
	uint32_t seq;		/* written into the payload pattern */
	enum pkt_csum_mode csum;
};
/* Builds the frame; returns its length (0 if it does not fit cap). For PKT_CSUM_PARTIAL
 * *csum_start / *csum_offset are the virtio_net_hdr values (may be NULL otherwise). */
size_t pkt_build_ip(uint8_t *buf, size_t cap, const struct pkt_ip_spec *s, uint16_t *csum_start,
		    uint16_t *csum_offset);
/* 1 if the frame is IPv4/IPv6 TCP/UDP with a correct L4 checksum (and IPv4 header
 * checksum), 0 if a checksum is wrong, -1 if not such a frame. *l4_off gets the L4 offset. */
int pkt_l4_csum_ok(const uint8_t *buf, size_t len, size_t *l4_off);

/* One's complement sum helpers. */
uint32_t pkt_sum16(const uint8_t *p, size_t len, uint32_t sum);
uint16_t pkt_fold(uint32_t sum);

/* Small deterministic PRNG (xorshift32) used by tests for sizes. */
static inline uint32_t pkt_rand(uint32_t *s)
{
	uint32_t x = *s ? *s : 0x12345678u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

#endif
