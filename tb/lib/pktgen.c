/* SPDX-License-Identifier: MIT */
/* pktgen.c - test frames; see pktgen.h. */
#include "pktgen.h"

#include <string.h>

uint32_t pkt_crc32(const void *buf, size_t len)
{
	static uint32_t table[256];
	static int init;
	if (!init) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		init = 1;
	}
	const uint8_t *p = buf;
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < len; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static uint8_t pattern(uint32_t seq, size_t i)
{
	uint32_t x = seq * 2654435761u + (uint32_t)i * 40503u;
	return (uint8_t)(x >> 13);
}

void pkt_build_seq(uint8_t *buf, size_t len, const uint8_t dst[6], uint8_t flow, uint32_t seq)
{
	uint8_t hdr[14] = { 0 };
	memcpy(hdr, dst, 6);
	hdr[6] = 0x02;
	hdr[7] = flow;
	hdr[8] = (uint8_t)(seq >> 24);
	hdr[9] = (uint8_t)(seq >> 16);
	hdr[10] = (uint8_t)(seq >> 8);
	hdr[11] = (uint8_t)seq;
	hdr[12] = PKT_ETHERTYPE_TEST >> 8;
	hdr[13] = PKT_ETHERTYPE_TEST & 0xff;
	memcpy(buf, hdr, len < 14 ? len : 14);
	if (len <= 14)
		return;
	size_t pl = len - 14;
	for (size_t i = 0; i < pl; i++)
		buf[14 + i] = pattern(seq, i);
	if (pl >= 8) {
		uint32_t c = pkt_crc32(buf, len - 4);
		buf[len - 4] = (uint8_t)c;
		buf[len - 3] = (uint8_t)(c >> 8);
		buf[len - 2] = (uint8_t)(c >> 16);
		buf[len - 1] = (uint8_t)(c >> 24);
	}
}

int pkt_check(const uint8_t *buf, size_t len, uint8_t *flow, uint32_t *seq)
{
	if (len < 14)
		return -1;
	if (buf[6] != 0x02 || buf[12] != (PKT_ETHERTYPE_TEST >> 8) || buf[13] != (PKT_ETHERTYPE_TEST & 0xff))
		return -2;
	uint32_t s = ((uint32_t)buf[8] << 24) | ((uint32_t)buf[9] << 16) | ((uint32_t)buf[10] << 8) | buf[11];
	size_t pl = len - 14;
	size_t np = pl >= 8 ? pl - 4 : pl;
	for (size_t i = 0; i < np; i++)
		if (buf[14 + i] != pattern(s, i))
			return -3;
	if (pl >= 8) {
		uint32_t c = pkt_crc32(buf, len - 4);
		uint32_t g = buf[len - 4] | ((uint32_t)buf[len - 3] << 8) | ((uint32_t)buf[len - 2] << 16) |
			     ((uint32_t)buf[len - 1] << 24);
		if (c != g)
			return -4;
	}
	if (flow)
		*flow = buf[7];
	if (seq)
		*seq = s;
	return 0;
}

const char *pkt_check_str(int rc)
{
	switch (rc) {
	case 0: return "ok";
	case -1: return "shorter than an Ethernet header";
	case -2: return "not a test frame (src MAC / EtherType)";
	case -3: return "payload pattern corrupted";
	case -4: return "CRC mismatch";
	default: return "?";
	}
}

uint32_t pkt_sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;
	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	return sum;
}

uint16_t pkt_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static void be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static uint32_t pseudo_sum(const uint8_t *buf, int ipv6, int proto, size_t l4len)
{
	uint32_t s = 0;
	if (ipv6) {
		s = pkt_sum16(buf + 14 + 8, 32, 0);
		s += (uint32_t)(l4len >> 16) + (uint32_t)(l4len & 0xffff);
	} else {
		s = pkt_sum16(buf + 14 + 12, 8, 0);
		s += (uint32_t)l4len;
	}
	s += (uint32_t)proto;
	return s;
}

size_t pkt_build_ip(uint8_t *buf, size_t cap, const struct pkt_ip_spec *s, uint16_t *csum_start,
		    uint16_t *csum_offset)
{
	size_t l3 = s->ipv6 ? 40 : 20;
	size_t l4h = s->proto == 6 ? 20 : 8;
	size_t l4len = l4h + s->payload_len;
	size_t len = 14 + l3 + l4len;
	if (len > cap || l4len > 0xffff)
		return 0;
	memset(buf, 0, len);
	memcpy(buf, s->dst_mac, 6);
	memcpy(buf + 6, s->src_mac, 6);
	be16(buf + 12, s->ipv6 ? 0x86dd : 0x0800);
	uint8_t *ip = buf + 14;
	if (s->ipv6) {
		ip[0] = 0x60;
		be16(ip + 4, (uint16_t)l4len);
		ip[6] = (uint8_t)s->proto;
		ip[7] = 64;
		memcpy(ip + 8, s->src_ip, 16);
		memcpy(ip + 24, s->dst_ip, 16);
	} else {
		ip[0] = 0x45;
		be16(ip + 2, (uint16_t)(20 + l4len));
		be16(ip + 4, (uint16_t)s->seq);
		ip[8] = 64;
		ip[9] = (uint8_t)s->proto;
		memcpy(ip + 12, s->src_ip, 4);
		memcpy(ip + 16, s->dst_ip, 4);
		be16(ip + 10, (uint16_t)~pkt_fold(pkt_sum16(ip, 20, 0)));
	}
	uint8_t *l4 = ip + l3;
	be16(l4, s->sport);
	be16(l4 + 2, s->dport);
	size_t co;
	if (s->proto == 6) {
		l4[4] = (uint8_t)(s->seq >> 24);
		l4[5] = (uint8_t)(s->seq >> 16);
		l4[6] = (uint8_t)(s->seq >> 8);
		l4[7] = (uint8_t)s->seq;
		l4[12] = 5 << 4;
		l4[13] = 0x18;	/* PSH ACK */
		be16(l4 + 14, 0xffff);
		co = 16;
	} else {
		be16(l4 + 4, (uint16_t)l4len);
		co = 6;
	}
	for (size_t i = 0; i < s->payload_len; i++)
		l4[l4h + i] = (uint8_t)(s->seq * 7 + i * 13 + (i >> 8));
	uint32_t ps = pseudo_sum(buf, s->ipv6, s->proto, l4len);
	if (s->csum == PKT_CSUM_PARTIAL) {
		/* what a stack leaves for offload: the folded pseudo-header sum (not inverted) */
		be16(l4 + co, pkt_fold(ps));
		if (csum_start)
			*csum_start = (uint16_t)(14 + l3);
		if (csum_offset)
			*csum_offset = (uint16_t)co;
	} else {
		uint16_t c = (uint16_t)~pkt_fold(pkt_sum16(l4, l4len, ps));
		if (s->proto == 17 && c == 0)
			c = 0xffff;
		if (s->csum == PKT_CSUM_BAD)
			c = (uint16_t)(c ^ 0x5a5a);
		be16(l4 + co, c);
	}
	return len;
}

int pkt_l4_csum_ok(const uint8_t *buf, size_t len, size_t *l4_off)
{
	if (len < 14 + 20)
		return -1;
	uint16_t et = (uint16_t)(buf[12] << 8 | buf[13]);
	const uint8_t *ip = buf + 14;
	int ipv6, proto;
	size_t l3, l4len;
	if (et == 0x0800 && (ip[0] >> 4) == 4) {
		ipv6 = 0;
		l3 = (size_t)(ip[0] & 15) * 4;
		proto = ip[9];
		size_t tot = (size_t)(ip[2] << 8 | ip[3]);
		if (l3 < 20 || tot < l3 || 14 + tot > len)
			return -1;
		if (pkt_fold(pkt_sum16(ip, l3, 0)) != 0xffff)
			return 0;
		l4len = tot - l3;
	} else if (et == 0x86dd && len >= 14 + 40 && (ip[0] >> 4) == 6) {
		ipv6 = 1;
		l3 = 40;
		proto = ip[6];
		l4len = (size_t)(ip[4] << 8 | ip[5]);
		if (14 + 40 + l4len > len)
			return -1;
	} else {
		return -1;
	}
	if ((proto != 6 && proto != 17) || l4len < (proto == 6 ? 20u : 8u))
		return -1;
	if (l4_off)
		*l4_off = 14 + l3;
	uint32_t ps = pseudo_sum(buf, ipv6, proto, l4len);
	return pkt_fold(pkt_sum16(ip + l3, l4len, ps)) == 0xffff;
}
