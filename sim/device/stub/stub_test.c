/* SPDX-License-Identifier: MIT */
/*
 * stub_test - checks the simulator's Verilator adapter against the stand-in device
 * sim/device/stub/vionic_device.v (see there for its behaviour): CRS retry, per-model
 * plusargs with two models in one process, access sizes, DMA through host memory,
 * MSI capture, console, FST, and the Ethernet side against the stub's echo (round
 * trip, pacing, bad frames, loopback, two connected models, pcap, back-pressure,
 * protocol checker). TAP output. Usage: stub_test [WORKDIR]; without one the
 * images and the waveform go to a temporary directory that is removed at the end.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vionic_sim.h"

static int n_test, n_failed;

static void ok(int cond, const char *name)
{
	n_test++;
	if (!cond)
		n_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_test, name);
}

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

/* Runs until n frames are captured (or limit cycles). */
static int run_recv(struct vsim *s, unsigned n, uint64_t limit)
{
	for (uint64_t c = 0; vsim_eth_recv_queued(s) < n && c < limit; c += 50)
		vsim_run(s, 50);
	return vsim_eth_recv_queued(s) >= n;
}

/* Pops one frame and compares it with want. */
static int recv_is(struct vsim *s, const uint8_t *want, size_t len)
{
	static uint8_t got[16384];
	size_t n = 0;
	if (vsim_eth_recv(s, got, sizeof got, &n))
		return 0;
	return n == len && memcmp(got, want, len) == 0;
}

static struct vsim *make(const struct vsim_config *base, double gbps, unsigned tx_ready)
{
	struct vsim_config c = *base;
	c.fst_path = NULL;
	c.eth_gbps = gbps;
	c.eth_tx_ready_percent = tx_ready;
	return vsim_create(&c);
}

static uint64_t mmio32(struct vsim *s, uint64_t addr)
{
	uint64_t v = ~0ull;
	vsim_mmio_read(s, addr, 4, &v);
	return v;
}

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void eth_tests(const struct vsim_config *base, const char *dir)
{
	enum { N_RT = 200, MAXF = 1518 };
	static uint8_t fr[N_RT][MAXF];
	static size_t len[N_RT];
	struct vsim_eth_stats es;
	struct vsim_config d;
	vsim_config_default(&d);
	ok(d.eth_gbps == 100 && d.eth_overhead_bytes == 24 && d.eth_tx_ready_percent == 0,
	   "Ethernet defaults");

	/* ---- round trip through the stub's echo */
	struct vsim *e = make(base, 100, 0);
	ok(e != NULL, "Ethernet model created");
	if (!e)
		return;
	uint8_t small[8];
	size_t n = 0;
	ok(vsim_eth_recv(e, small, sizeof small, &n) == VSIM_EAGAIN, "recv with nothing captured");
	ok(vsim_eth_send(e, small, 0, 0) == VSIM_EINVAL && vsim_eth_send(e, fr, 16385, 0) == VSIM_EINVAL,
	   "send rejects 0 and 16385 bytes");
	uint64_t sum = 0;
	for (int i = 0; i < N_RT; i++) {
		len[i] = 14 + rnd() % (MAXF - 14 + 1);
		fill(fr[i], len[i]);
		sum += len[i];
		vsim_eth_send(e, fr[i], len[i], 0);
	}
	ok(vsim_eth_send_queued(e) == N_RT, "frames queued, none sent before the clock runs");
	ok(run_recv(e, N_RT, 200000), "every frame echoed");
	ok(vsim_eth_recv(e, small, sizeof small, &n) == VSIM_EINVAL && n == len[0] &&
		   vsim_eth_recv_queued(e) == N_RT,
	   "recv into a too small buffer keeps the frame");
	int good = 1;
	for (int i = 0; i < N_RT; i++)
		good &= recv_is(e, fr[i], len[i]);
	ok(good, "200 random frames 14..1518 bytes round trip byte for byte, in order");
	vsim_eth_get_stats(e, &es);
	ok(es.rx_frames == N_RT && es.tx_frames == N_RT && es.rx_bytes == sum && es.tx_bytes == sum &&
		   es.rx_bad == 0 && vsim_eth_send_queued(e) == 0,
	   "Ethernet statistics after the round trip");
	ok(es.rx_not_ready_cycles == 0 && es.tx_protocol_errors == 0, "no stalls, no protocol errors");

	/* ---- bad frames (tuser): the stub discards and counts them */
	vsim_eth_send(e, fr[0], len[0], 0);
	vsim_eth_send(e, fr[1], len[1], 1);
	vsim_eth_send(e, fr[2], len[2], 0);
	run_recv(e, 2, 20000);
	vsim_run(e, 500);
	ok(vsim_eth_recv_queued(e) == 2 && recv_is(e, fr[0], len[0]) && recv_is(e, fr[2], len[2]),
	   "bad frame not echoed, good ones around it are");
	vsim_eth_get_stats(e, &es);
	ok(es.rx_bad == 1 && es.rx_frames == N_RT + 3, "rx_bad counted");
	ok(mmio32(e, 0x3000) == 1 && mmio32(e, 0x3004) == N_RT + 2, "device saw tuser on exactly one frame");

	/* ---- protocol checker: the stub sends one beat with tkeep 0x5 */
	vsim_mmio_write(e, 0x4000, 4, 1);
	vsim_run(e, 200);
	vsim_eth_get_stats(e, &es);
	ok(es.tx_protocol_errors == 1 && strstr(vsim_last_error(e), "contiguous") != NULL,
	   "non-contiguous tkeep detected");
	if (es.tx_protocol_errors != 1)
		printf("# %s\n", vsim_last_error(e));
	ok(vsim_eth_recv(e, fr[N_RT - 1], MAXF, &n) == 0 && n == 2, "malformed beat still delivered (2 bytes)");

	/* ---- loopback: a frame goes round until loopback is turned off */
	ok(vsim_eth_set_mode(e, VSIM_ETH_PEER) == VSIM_EINVAL, "set_mode(PEER) rejected");
	struct vsim_eth_stats before;
	vsim_eth_get_stats(e, &before);
	ok(vsim_eth_set_mode(e, VSIM_ETH_LOOPBACK) == 0, "loopback on");
	vsim_eth_send(e, fr[3], len[3], 0);
	vsim_run(e, 3000);
	vsim_eth_get_stats(e, &es);
	ok(es.rx_frames - before.rx_frames >= 20 && es.tx_frames - before.tx_frames >= 20 &&
		   vsim_eth_recv_queued(e) == 0,
	   "looped frame circulates (device -> port -> device), nothing captured");
	printf("# loopback: %llu round trips in 3000 cycles\n",
	       (unsigned long long)(es.tx_frames - before.tx_frames));
	vsim_eth_set_mode(e, VSIM_ETH_CAPTURE);
	vsim_run(e, 500);
	vsim_eth_get_stats(e, &before);
	vsim_run(e, 500);
	vsim_eth_get_stats(e, &es);
	ok(vsim_eth_recv_queued(e) == 1 && recv_is(e, fr[3], len[3]) && es.rx_frames == before.rx_frames,
	   "loopback off: the frame is captured once, unchanged, and stops");
	vsim_destroy(e);

	/* ---- pacing: frame starts (len + 24) * 8 / gbps ns apart over many frames */
	struct vsim *f = make(base, 100, 0);
	for (int i = 0; i < 1000; i++)
		vsim_eth_send(f, fr[i % N_RT], 60, 0);
	ok(run_recv(f, 1000, 100000), "1000 60-byte frames echoed");
	vsim_eth_get_stats(f, &es);
	double per = (double)(es.tx_last_cycle - es.tx_first_cycle) / 999;
	printf("# 60-byte frames at 100 Gb/s: %.4f cycles apart (expect 1.68)\n", per);
	ok(per > 1.675 && per < 1.685, "60-byte frames at 100 Gb/s: 84 bytes = 1.68 cycles apart");
	vsim_destroy(f);
	f = make(base, 25, 0);
	for (int i = 0; i < 50; i++)
		vsim_eth_send(f, fr[i], 1518, 0);
	ok(run_recv(f, 50, 100000), "50 1518-byte frames echoed at 25 Gb/s");
	vsim_eth_get_stats(f, &es);
	per = (double)(es.tx_last_cycle - es.tx_first_cycle) / 49;
	printf("# 1518-byte frames at 25 Gb/s: %.4f cycles apart (expect 123.36)\n", per);
	ok(per > 123.3 && per < 123.42, "1518-byte frames at 25 Gb/s: 123.36 cycles apart");
	vsim_destroy(f);

	/* ---- transmit back-pressure */
	struct vsim_config bad = *base;
	bad.fst_path = NULL;
	bad.eth_tx_ready_percent = 101;
	ok(vsim_create(&bad) == NULL, "eth_tx_ready_percent 101 rejected");
	f = make(base, 100, 20);
	for (int i = 0; i < 40; i++)
		vsim_eth_send(f, fr[i], len[i] = 1518, 0);
	ok(run_recv(f, 40, 200000), "40 frames echoed with m_eth_tx_tready 20 %");
	good = 1;
	for (int i = 0; i < 40; i++)
		good &= recv_is(f, fr[i], 1518);
	ok(good, "back-pressured frames intact");
	vsim_eth_get_stats(f, &es);
	per = (double)(es.tx_last_cycle - es.tx_first_cycle) / 39;
	printf("# 1518-byte frames with tready 20 %%: %.1f cycles apart (24 beats / 0.2 = 120)\n", per);
	ok(per > 105 && per < 135, "transmit throughput follows tready 20 %");
	ok(es.rx_not_ready_cycles > 0 && es.tx_protocol_errors == 0,
	   "the full echo FIFO stalled the receive port (tready honoured)");
	vsim_destroy(f);

	/* ---- pcap */
	char path[600], path_ns[600];
	snprintf(path, sizeof path, "%s/eth.pcap", dir);
	snprintf(path_ns, sizeof path_ns, "%s/eth_ns.pcap", dir);
	f = make(base, 100, 0);
	struct vsim *g = make(base, 100, 0);
	ok(vsim_eth_pcap(f, path) == 0 && vsim_eth_pcap_ns(g, path_ns) == 0, "pcap files opened");
	static const size_t plen[5] = {14, 60, 64, 65, 1518};
	for (int i = 0; i < 5; i++) {
		vsim_eth_send(f, fr[10 + i], plen[i], 0);
		vsim_eth_send(g, fr[10 + i], plen[i], 0);
	}
	run_recv(f, 5, 10000);
	run_recv(g, 5, 10000);
	const uint64_t g_cycles = vsim_cycles(g);
	ok(vsim_eth_pcap(f, NULL) == 0 && vsim_eth_pcap(g, NULL) == 0, "pcap files closed");
	for (int pass = 0; pass < 2; pass++) {
		FILE *pf = fopen(pass ? path_ns : path, "rb");
		static uint8_t pb[1 << 16];
		size_t pn = pf ? fread(pb, 1, sizeof pb, pf) : 0;
		if (pf)
			fclose(pf);
		ok(pn >= 24 && rd32(pb) == (pass ? 0xa1b23c4du : 0xa1b2c3d4u) && pb[4] == 2 && pb[6] == 4 &&
			   rd32(pb + 16) == 65535 && rd32(pb + 20) == 1,
		   pass ? "pcap (ns) header: magic 0xa1b23c4d, 2.4, Ethernet" : "pcap header: magic 0xa1b2c3d4, 2.4, Ethernet");
		int recs = 0, seen[5] = {0}, order = 1, content = 1;
		uint64_t last_t = 0;
		size_t off = 24;
		while (off + 16 <= pn) {
			const uint32_t incl = rd32(pb + off + 8), orig = rd32(pb + off + 12);
			const uint64_t t = (uint64_t)rd32(pb + off) * 1000000000u +
					   rd32(pb + off + 4) * (pass ? 1u : 1000u);
			if (off + 16 + incl > pn || incl != orig)
				break;
			order &= t >= last_t;
			last_t = t;
			int m = -1;
			for (int i = 0; i < 5; i++)
				if (incl == plen[i] && memcmp(pb + off + 16, fr[10 + i], incl) == 0)
					m = i;
			if (m < 0)
				content = 0;
			else
				seen[m]++;
			/* frame i's first record (receive) comes after frame i-1's first one */
			if (m > 0 && seen[m] == 1 && seen[m - 1] == 0)
				order = 0;
			recs++;
			off += 16 + incl;
		}
		ok(recs == 10 && off == pn, "pcap: 10 records (5 received + 5 transmitted), lengths consistent");
		int twice = 1;
		for (int i = 0; i < 5; i++)
			twice &= seen[i] == 2;
		ok(content && twice, "pcap: every frame recorded in both directions, byte for byte");
		ok(order, "pcap: records in time order");
		if (pass)
			ok(last_t > 0 && last_t <= g_cycles * 4, "pcap (ns): timestamps are simulated time");
	}
	vsim_destroy(f);
	vsim_destroy(g);
	if (!getenv("VSIM_KEEP")) {
		remove(path);
		remove(path_ns);
	}

	/* ---- two connected devices */
	struct vsim *p = make(base, 100, 0), *q = make(base, 100, 0);
	ok(vsim_eth_connect(p, p) == VSIM_EINVAL && vsim_eth_connect(p, q) == 0, "connect");
	vsim_eth_send(p, fr[5], len[5] = 300, 0);
	vsim_run(p, 2000);
	struct vsim_eth_stats ps, qs;
	vsim_eth_get_stats(p, &ps);
	vsim_eth_get_stats(q, &qs);
	ok(ps.rx_frames == 1 && ps.tx_frames == 1 && vsim_eth_recv_queued(p) == 0 && vsim_eth_send_queued(q) == 1,
	   "p echoed the frame to q's receive queue");
	const uint64_t stamp = ps.tx_last_cycle;
	vsim_run(q, stamp - vsim_cycles(q));	/* q's clock reaches the send cycle */
	vsim_eth_get_stats(q, &qs);
	ok(qs.rx_frames == 0, "q does not take the frame before its clock reaches the send cycle");
	vsim_run(q, 40);
	vsim_eth_get_stats(q, &qs);
	ok(qs.rx_frames == 1 && qs.tx_frames == 1 && vsim_eth_send_queued(p) == 1, "q got it and echoed it to p");
	/* bring the clocks together, then alternate in slices */
	vsim_run(q, vsim_cycles(p) - vsim_cycles(q));
	ok(vsim_cycles(p) == vsim_cycles(q), "clocks aligned");
	for (int i = 0; i < 20; i++) {
		vsim_run(p, 200);
		vsim_run(q, 200);
	}
	vsim_eth_get_stats(p, &ps);
	vsim_eth_get_stats(q, &qs);
	printf("# ping-pong: p received %llu, q %llu\n", (unsigned long long)ps.rx_frames,
	       (unsigned long long)qs.rx_frames);
	ok(ps.rx_frames >= 10 && qs.rx_frames >= 10, "frame bounces between the two devices run alternately");
	vsim_eth_set_mode(q, VSIM_ETH_CAPTURE);	/* disconnects both */
	vsim_run(p, 1000);
	vsim_run(q, 1000);
	const unsigned caught = vsim_eth_recv_queued(p) + vsim_eth_recv_queued(q);
	ok(caught == 1 && (recv_is(p, fr[5], 300) || recv_is(q, fr[5], 300)),
	   "set_mode on one side disconnects both: the frame is captured once, intact");
	ok(vsim_eth_connect(q, p) == 0, "reconnect");
	vsim_destroy(q);
	vsim_eth_send(p, fr[6], 100, 0);
	vsim_run(p, 500);
	ok(vsim_eth_recv_queued(p) == 1 && recv_is(p, fr[6], 100), "destroying the peer puts p back in CAPTURE");
	vsim_destroy(p);
}

static int write_hex(const char *path, uint32_t word)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%08" PRIx32 "\n", word);
	return fclose(f);
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/vsim_stub.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmp);
	if (argc > 2 || !dir) {
		fprintf(stderr, "usage: %s [WORKDIR]\n", argv[0]);
		return 2;
	}
	char a_itcm[512], b_itcm[512], dtcm[512], fst[512];
	snprintf(a_itcm, sizeof a_itcm, "%s/a.itcm.hex", dir);
	snprintf(b_itcm, sizeof b_itcm, "%s/b.itcm.hex", dir);
	snprintf(dtcm, sizeof dtcm, "%s/dtcm.hex", dir);
	snprintf(fst, sizeof fst, "%s/a.fst", dir);
	if (write_hex(a_itcm, 0xaaaa0001) || write_hex(b_itcm, 0xbbbb0002) || write_hex(dtcm, 0)) {
		perror("write images");
		return 2;
	}

	struct vsim_config cfg;
	vsim_config_default(&cfg);
	cfg.quiet = 1;
	cfg.itcm_hex = a_itcm;
	cfg.dtcm_hex = dtcm;
	cfg.fst_path = fst;
	struct vsim *a = vsim_create(&cfg);
	cfg.itcm_hex = b_itcm;
	cfg.fst_path = NULL;
	cfg.crs_retry_cycles = 0;
	struct vsim *b = vsim_create(&cfg);
	ok(a && b, "two models created");
	if (!a || !b)
		return 1;

	uint32_t v = 0;
	ok(vsim_cfg_read(b, 0, 0, 4, &v) == VSIM_ECRS, "CRS returned when retry is off");
	ok(vsim_cfg_read(a, 0, 0, 4, &v) == 0 && v == 0x10411af4, "config read retried past CRS");
	ok(vsim_cycles(a) > 200, "CRS retries took simulated time");
	ok(vsim_cfg_read(a, 0, 2, 2, &v) == 0 && v == 0x1041, "config read 2 bytes at offset 2");
	ok(vsim_cfg_read(a, 0, 4, 4, &v) == 0 && v == 0xaaaa0001, "model a sees its own +itcm=");
	vsim_run(b, 300);
	ok(vsim_cfg_read(b, 0, 4, 4, &v) == 0 && v == 0xbbbb0002, "model b sees its own +itcm=");
	ok(vsim_cfg_write(a, 0, 4, 2, 0x6) == 0, "config write completes");
	ok(vsim_cfg_read(a, 0, 3, 2, &v) == VSIM_EINVAL, "misaligned config read rejected");

	uint64_t q = 0;
	ok(vsim_mmio_read(a, 0x80000010, 4, &q) == 0 && q == 0x80000010, "mmio read 4");
	ok(vsim_mmio_read(a, 0x80000012, 2, &q) == 0 && q == 0x8000, "mmio read 2 at +2");
	ok(vsim_mmio_read(a, 0x80000013, 1, &q) == 0 && q == 0x80, "mmio read 1 at +3");
	ok(vsim_mmio_read(a, 0x80000018, 8, &q) == 0 && q == 0x8000001c80000018ull, "mmio read 8");
	uint32_t raw[5];
	ok(vsim_mem_read_raw(a, 0x80000100, 5, 0xf, 0xf, raw) == 0 && raw[0] == 0x80000100 &&
		   raw[4] == 0x80000110,
	   "raw 5-DW read");

	uint8_t src[64], dst[64];
	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)(i * 3 + 1);
	const uint64_t buf = vsim_mem_alloc(a, 64, 64);
	ok(buf == 0x100000, "first allocation at the base of host memory");
	ok(vsim_mem_write(a, buf, src, sizeof src) == 0, "host memory write");
	ok(vsim_mmio_write(a, 0x1000, 4, 16) == 0, "posted write queued");
	struct vsim_msi msi;
	ok(vsim_wait_msi(a, 10000, &msi) == 0 && msi.addr == 0xfee00000 && msi.data == 0x55, "MSI captured");
	ok(vsim_mem_read(a, 0x100800, dst, sizeof dst) == 0 && memcmp(src, dst, sizeof src) == 0,
	   "device DMA copied host memory");
	ok(vsim_wait_msi(a, 100, &msi) == VSIM_ETIMEDOUT, "no second MSI");
	ok(vsim_mmio_write(a, 0x2000, 4, 1) == 0 && vsim_flush_writes(a) == 0, "flush");

	struct vsim_stats st;
	vsim_get_stats(a, &st);
	ok(st.dma_reads == 1 && st.dma_writes == 1 && st.msi_count == 1 && st.dma_errors == 0,
	   "DMA statistics");
	ok(st.protocol_errors == 0, "no protocol errors");
	if (st.protocol_errors)
		printf("# %s\n", vsim_last_error(a));
	ok(strcmp(vsim_console(a), "stub up\n") == 0, "console collected");
	ok(vsim_mem_alloc(a, 128ull << 20, 8) == 0, "allocation beyond host memory fails");

	vsim_destroy(a);
	vsim_destroy(b);
	cfg.itcm_hex = a_itcm;
	cfg.crs_retry_cycles = 2000000;
	eth_tests(&cfg, dir);
	FILE *f = fopen(fst, "r");
	ok(f != NULL, "FST written");
	if (f)
		fclose(f);
	if (argc == 1) {
		remove(a_itcm);
		remove(b_itcm);
		remove(dtcm);
		remove(fst);
		rmdir(dir);
	}
	printf("1..%d\n", n_test);
	return n_failed ? 1 : 0;
}
