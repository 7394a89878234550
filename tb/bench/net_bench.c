/* SPDX-License-Identifier: MIT */
/*
 * net_bench: data-path throughput and latency of the simulated device.
 *   tx   transmit only: the Ethernet side captures and discards (VSIM_ETH_CAPTURE)
 *   rx   receive only: frames injected with vsim_eth_send, paced at the line rate
 *   both loopback: transmit -> port -> receive
 * at wire sizes 64..1518 bytes (FCS included: the frame the driver sends is size - 4),
 * with 1 and N queue pairs. Figures: Gb/s and Mpps counted on wire size (size bytes per
 * frame) and as % of 100 GbE line rate (size / (size + 20) * 100 Gb/s, 20 = preamble,
 * SFD and inter-frame gap), PCIe TLPs and bytes per frame (up = device to host, down =
 * host to device) from vsim_get_stats deltas, and latencies (doorbell -> first DMA read,
 * frame queued at the port -> MSI) in cycles and ns. Each figure is printed in a table
 * and as a machine-readable line `BENCH <mode> size=<S> qp=<N> key=value ...`.
 *
 *   net_bench [--pairs N] [--packets N] [--sizes 64,128,...] [--modes tx,rx,both]
 *             [--link-gbps G] [--read-latency-ns L] [--rcb B] [--mps B] [--rq-straddle 0|1]
 * The last five change the PCIe model (what-if runs; the documented figures use the
 * defaults, Gen3 x16 with RQ straddling).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pktgen.h"
#include "tb_sim.h"
#include "vnet.h"

#ifndef NET_BENCH_DATA_WIDTH
#define NET_BENCH_DATA_WIDTH 512	/* vionic_device DATA_WIDTH default; the sim API does not report it */
#endif

static struct vsim_config cfg;
static unsigned long long npk = 2000;

struct fig {
	uint64_t frames, cycles, drops;
	uint64_t doorbells, skipped;	/* the driver's kick decisions: rung / not needed */
	struct vsim_stats d;	/* deltas */
	int ok;
	char err[256];
};

/* Doorbells rung and kick decisions that found the device event area saying "not
 * needed", over every transmit and receive queue. */
static void kick_counts(const struct vnet *n, uint64_t *rung, uint64_t *skipped)
{
	*rung = *skipped = 0;
	for (unsigned int k = 0; k < n->pairs; k++) {
		*rung += n->tx[k].r.kicks + n->rx[k].r.kicks;
		*skipped += n->tx[k].r.kicks_suppressed + n->rx[k].r.kicks_suppressed;
	}
}

static void stats_delta(struct vsim_stats *d, const struct vsim_stats *a, const struct vsim_stats *b)
{
	d->up.tlps = b->up.tlps - a->up.tlps;
	d->up.payload_bytes = b->up.payload_bytes - a->up.payload_bytes;
	d->up.wire_bytes = b->up.wire_bytes - a->up.wire_bytes;
	d->down.tlps = b->down.tlps - a->down.tlps;
	d->down.payload_bytes = b->down.payload_bytes - a->down.payload_bytes;
	d->down.wire_bytes = b->down.wire_bytes - a->down.wire_bytes;
	d->dma_reads = b->dma_reads - a->dma_reads;
	d->dma_writes = b->dma_writes - a->dma_writes;
	d->msi_count = b->msi_count - a->msi_count;
	d->rq_beats = b->rq_beats - a->rq_beats;
	d->rc_beats = b->rc_beats - a->rc_beats;
	d->rq_slots = b->rq_slots - a->rq_slots;
	for (unsigned int c = 0; c < VSIM_CLASSES; c++) {
		struct vsim_link_stats *dl[3] = {&d->cls[c].rd_req, &d->cls[c].cpl, &d->cls[c].wr};
		const struct vsim_link_stats *al[3] = {&a->cls[c].rd_req, &a->cls[c].cpl, &a->cls[c].wr};
		const struct vsim_link_stats *bl[3] = {&b->cls[c].rd_req, &b->cls[c].cpl, &b->cls[c].wr};
		for (unsigned int k = 0; k < 3; k++) {
			dl[k]->tlps = bl[k]->tlps - al[k]->tlps;
			dl[k]->payload_bytes = bl[k]->payload_bytes - al[k]->payload_bytes;
			dl[k]->wire_bytes = bl[k]->wire_bytes - al[k]->wire_bytes;
		}
	}
}

/* PCIe traffic of one kind: wire bytes and TLPs, both directions */
struct kind {
	double bytes, tlps;
};

/* The split by kind (the tb marks rings and event areas as VSIM_CLASS_RING):
 * descriptor fetch = reads of ring memory (descriptors and event-suppression areas),
 * data = reads and writes of buffers, used write-back = writes of ring memory,
 * interrupts = MSI-X messages. */
static void split(const struct vsim_stats *d, struct kind k[4])
{
	const struct vsim_class_stats *ring = &d->cls[VSIM_CLASS_RING], *data = &d->cls[VSIM_CLASS_DATA],
				      *msi = &d->cls[VSIM_CLASS_MSI];
	k[0].bytes = (double)ring->rd_req.wire_bytes + ring->cpl.wire_bytes;
	k[0].tlps = (double)ring->rd_req.tlps + ring->cpl.tlps;
	k[1].bytes = (double)data->rd_req.wire_bytes + data->cpl.wire_bytes + data->wr.wire_bytes;
	k[1].tlps = (double)data->rd_req.tlps + data->cpl.tlps + data->wr.tlps;
	k[2].bytes = (double)ring->wr.wire_bytes;
	k[2].tlps = (double)ring->wr.tlps;
	k[3].bytes = (double)msi->wr.wire_bytes;
	k[3].tlps = (double)msi->wr.tlps;
}

static struct vsim *bring_up(struct vnet *n, unsigned int pairs, int mode)
{
	struct vnet_opts o;
	vnet_default_opts(&o);
	if (pairs > 1) {
		vnet_want(&o, VNET_F(NET_MQ));
		vnet_want(&o, VNET_F(NET_CTRL_VQ));
	}
	o.pairs = pairs;
	o.rx_qsize = o.tx_qsize = 1024;
	struct vsim *sim = vnet_test_bringup(n, &cfg, NULL, mode);
	if (!sim)
		return NULL;
	if (vnet_init(n, &o)) {
		fprintf(stderr, "net_bench: bring-up failed: %s\n", n->err);
		vsim_destroy(sim);
		return NULL;
	}
	if (n->pairs < pairs) {
		fprintf(stderr, "net_bench: only %u queue pair(s) available\n", n->pairs);
		vsim_destroy(sim);
		return NULL;
	}
	return sim;
}

/* tx (capture) and both (loopback) through the traffic engine */
static void run_engine(struct vnet *n, struct fig *f, unsigned int size, unsigned int pairs, int capture)
{
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.pairs = pairs;
	t.size_min = t.size_max = size - 4;
	t.packets = npk / pairs;
	t.capture = capture;
	t.no_check = 1;
	t.step_cycles = 200;
	struct vsim_stats a, b;
	struct vsim_eth_stats e;
	struct vnet_stats s0, s1;
	uint64_t k0, q0, k1, q1;
	kick_counts(n, &k0, &q0);
	vsim_get_stats(n->sim, &a);
	vnet_read_stats(n, &s0);
	uint64_t c0 = vsim_cycles(n->sim);
	int rc = vnet_traffic_run(n, &t);
	kick_counts(n, &k1, &q1);
	f->doorbells = k1 - k0;
	f->skipped = q1 - q0;
	vsim_get_stats(n->sim, &b);
	vsim_eth_get_stats(n->sim, &e);
	vnet_read_stats(n, &s1);
	stats_delta(&f->d, &a, &b);
	f->frames = t.frames_received;
	f->drops = s1.rx_drop_no_buffer - s0.rx_drop_no_buffer;
	/* transmit: until the last frame's last beat left; loopback: until received */
	f->cycles = capture && e.tx_last_cycle > c0 ? e.tx_last_cycle - c0 : vsim_cycles(n->sim) - c0;
	f->ok = rc == 1;
	/* loopback beyond what the receive side keeps up with: frames the device dropped
	 * and counted (RX_DROP_NO_BUFFER) are a result, not a failure; the time is up to
	 * the last frame received */
	if (!capture && rc != 1 && t.frames_sent == (uint64_t)t.packets * pairs &&
	    t.frames_received + f->drops == t.frames_sent && t.bad == 0) {
		f->ok = 1;
		f->cycles = t.last_progress - c0;
	}
	snprintf(f->err, sizeof(f->err), "%s", f->ok ? "" : t.err);
}

/* rx: frames injected at line rate, spread over pairs by UDP ports */
static void run_rx(struct vnet *n, struct fig *f, unsigned int size, unsigned int pairs)
{
	static uint8_t fr[2048], r[4096];
	size_t len = size - 4;
	struct vsim_stats a, b;
	struct vnet_stats s0, s1;
	uint64_t k0, q0, k1, q1;
	kick_counts(n, &k0, &q0);
	vnet_read_stats(n, &s0);
	vsim_get_stats(n->sim, &a);
	uint64_t c0 = vsim_cycles(n->sim);
	for (unsigned long long i = 0; i < npk; i++) {
		struct pkt_ip_spec s;
		memset(&s, 0, sizeof(s));
		s.proto = 17;
		memcpy(s.dst_mac, n->cfg.mac, 6);
		s.src_mac[0] = 2;
		s.src_ip[0] = 10;
		s.src_ip[3] = 1;
		s.dst_ip[0] = 10;
		s.dst_ip[3] = 2;
		s.sport = (uint16_t)(1024 + i % 64);
		s.dport = 9;
		s.payload_len = len - 42;
		s.seq = (uint32_t)i;
		pkt_build_ip(fr, sizeof(fr), &s, NULL, NULL);
		vsim_eth_send(n->sim, fr, len, 0);
	}
	uint64_t got = 0, last = c0, idle = vsim_cycles(n->sim);
	while (got < npk && vsim_cycles(n->sim) - idle < 300000) {
		vsim_run(n->sim, 100);
		for (unsigned int k = 0; k < pairs; k++) {
			size_t l;
			while (vnet_rx_poll(n, k, r, sizeof(r), &l, NULL) == 1) {
				got++;
				last = idle = vsim_cycles(n->sim);
			}
		}
		vnet_read_stats(n, &s1);
		if (got + (s1.rx_drop_no_buffer - s0.rx_drop_no_buffer) + (s1.rx_drop_error - s0.rx_drop_error) >= npk &&
		    !vsim_eth_send_queued(n->sim))
			break;
	}
	vsim_get_stats(n->sim, &b);
	vnet_read_stats(n, &s1);
	kick_counts(n, &k1, &q1);
	f->doorbells = k1 - k0;
	f->skipped = q1 - q0;
	stats_delta(&f->d, &a, &b);
	f->frames = got;
	f->drops = s1.rx_drop_no_buffer - s0.rx_drop_no_buffer;
	f->cycles = last - c0;
	f->ok = got > 0;
	snprintf(f->err, sizeof(f->err), "%s", got ? "" : "no frame received - data path not working?");
}

static void report(const char *mode, unsigned int size, unsigned int pairs, const struct fig *f)
{
	double ns = f->cycles * 1000.0 / cfg.clock_mhz;
	double gbps = ns > 0 ? f->frames * size * 8.0 / ns : 0;
	double mpps = ns > 0 ? f->frames * 1000.0 / ns : 0;
	double line = (double)size / (size + 20) * 100.0;	/* Gb/s of frames at 100 GbE */
	double fr = f->frames ? (double)f->frames : 1;
	/* the busier PCIe direction's wire bytes against the model's bandwidth */
	double up_gbps = ns > 0 ? f->d.up.wire_bytes * 8.0 / ns : 0;
	double dn_gbps = ns > 0 ? f->d.down.wire_bytes * 8.0 / ns : 0;
	double pcie_pct = (up_gbps > dn_gbps ? up_gbps : dn_gbps) / cfg.link_gbps * 100.0;
	/* requester requests: slots used on the modelled hard block's RQ interface (every
	 * TLP with its in-band descriptor); completions: beats per cycle on s_rc */
	double cyc = f->cycles ? (double)f->cycles : 1;
	double rq_pct = f->d.rq_slots / (cyc * cfg.rq_tlps_per_beat) * 100.0, rc_pct = f->d.rc_beats / cyc * 100.0;
	if (!f->ok) {
		printf("%-5s %5u %3u   FAILED: %s\n", mode, size, pairs, f->err);
		printf("BENCH %s size=%u qp=%u failed=1\n", mode, size, pairs);
		return;
	}
	struct kind k[4];
	split(&f->d, k);
	printf("%-5s %5u %3u %8.2f %8.3f %6.1f%% %6.1f%% %4.0f%% %4.0f%% %7.2f %7.2f %8.1f %8.1f %6llu  %7.1f %7.1f "
	       "%7.1f %6.1f %6.3f\n",
	       mode, size, pairs, gbps, mpps, gbps / line * 100.0, pcie_pct, rq_pct, rc_pct, f->d.up.tlps / fr,
	       f->d.down.tlps / fr,
	       f->d.up.wire_bytes / fr, f->d.down.wire_bytes / fr, (unsigned long long)f->drops, k[0].bytes / fr,
	       k[1].bytes / fr, k[2].bytes / fr, k[3].bytes / fr, f->doorbells / fr);
	printf("BENCH %s-split size=%u qp=%u desc_bytes=%.1f desc_tlps=%.2f data_bytes=%.1f data_tlps=%.2f "
	       "used_bytes=%.1f used_tlps=%.2f irq_bytes=%.1f irq_tlps=%.3f\n", mode, size, pairs, k[0].bytes / fr,
	       k[0].tlps / fr, k[1].bytes / fr, k[1].tlps / fr, k[2].bytes / fr, k[2].tlps / fr, k[3].bytes / fr,
	       k[3].tlps / fr);
	printf("BENCH %s size=%u qp=%u gbps=%.3f mpps=%.4f line_pct=%.1f frames=%llu cycles=%llu drops=%llu "
	       "up_tlps_per_pkt=%.2f down_tlps_per_pkt=%.2f up_bytes_per_pkt=%.1f down_bytes_per_pkt=%.1f "
	       "up_payload_per_pkt=%.1f down_payload_per_pkt=%.1f msi_per_pkt=%.3f doorbells_per_pkt=%.4f "
	       "kicks_skipped_per_pkt=%.4f pcie_pct=%.1f rq_pct=%.1f rc_pct=%.1f\n",
	       mode, size, pairs, gbps, mpps, gbps / line * 100.0, (unsigned long long)f->frames,
	       (unsigned long long)f->cycles, (unsigned long long)f->drops, f->d.up.tlps / fr, f->d.down.tlps / fr,
	       f->d.up.wire_bytes / fr, f->d.down.wire_bytes / fr, f->d.up.payload_bytes / fr,
	       f->d.down.payload_bytes / fr, f->d.msi_count / fr, f->doorbells / fr, f->skipped / fr, pcie_pct, rq_pct,
	       rc_pct);
	fflush(stdout);
}

static void latency(void)
{
	struct vnet n;
	struct vsim *sim = bring_up(&n, 1, VSIM_ETH_CAPTURE);
	if (!sim)
		return;
	uint8_t f[64];
	pkt_build_seq(f, 60, n.cfg.mac, 0, 0);
	/* doorbell -> first DMA read (median of 16) */
	uint64_t v[16];
	unsigned int nv = 0;
	for (int i = 0; i < 16; i++) {
		vsim_run(sim, 5000);
		vnet_tx_reap(&n, 0);
		size_t l;
		uint8_t w[128];
		while (vsim_eth_recv(sim, w, sizeof(w), &l) == 0)
			;
		if (vnet_tx(&n, 0, f, 60, NULL, 1, 0) < 0)
			break;
		struct vsim_stats a, b;
		vsim_get_stats(sim, &a);
		uint64_t c0 = vsim_cycles(sim);
		vrp_notify(&n.tx[0].r);
		for (;;) {
			vsim_get_stats(sim, &b);
			if (b.dma_reads != a.dma_reads || vsim_cycles(sim) - c0 > 100000)
				break;
			vsim_run(sim, 1);
		}
		if (b.dma_reads != a.dma_reads)
			v[nv++] = vsim_cycles(sim) - c0;
	}
	for (unsigned int i = 0; i < nv; i++)
		for (unsigned int j = i + 1; j < nv; j++)
			if (v[j] < v[i]) {
				uint64_t x = v[i];
				v[i] = v[j];
				v[j] = x;
			}
	if (nv) {
		printf("latency doorbell -> first DMA read: median %llu cycles, %.1f ns (min %llu, max %llu, n=%u)\n",
		       (unsigned long long)v[nv / 2], v[nv / 2] * 1000.0 / cfg.clock_mhz, (unsigned long long)v[0],
		       (unsigned long long)v[nv - 1], nv);
		printf("BENCH lat_doorbell_to_dma_read cycles=%llu ns=%.1f\n", (unsigned long long)v[nv / 2],
		       v[nv / 2] * 1000.0 / cfg.clock_mhz);
	} else {
		printf("latency doorbell -> first DMA read: no DMA read within 100000 cycles - data path not working?\n");
		printf("BENCH lat_doorbell_to_dma_read failed=1\n");
	}
	/* frame at the port -> MSI of the receive queue */
	nv = 0;
	struct vsim_msi m;
	for (int i = 0; i < 16; i++) {
		vsim_run(sim, 5000);
		uint8_t r[128];
		size_t l;
		while (vnet_rx_poll(&n, 0, r, sizeof(r), &l, NULL) == 1)
			;
		while (vsim_msi_pending(sim))
			vsim_wait_msi(sim, 0, &m);
		uint64_t c0 = vsim_cycles(sim);
		vsim_eth_send(sim, f, 60, 0);
		if (vsim_wait_msi(sim, 200000, &m) == 0 && (m.data & 0x3fff) == n.rx[0].vq.vector)
			v[nv++] = m.cycle - c0;
	}
	for (unsigned int i = 0; i < nv; i++)
		for (unsigned int j = i + 1; j < nv; j++)
			if (v[j] < v[i]) {
				uint64_t x = v[i];
				v[i] = v[j];
				v[j] = x;
			}
	if (nv) {
		printf("latency frame at the port -> RX MSI: median %llu cycles, %.1f ns (min %llu, max %llu, n=%u)\n",
		       (unsigned long long)v[nv / 2], v[nv / 2] * 1000.0 / cfg.clock_mhz, (unsigned long long)v[0],
		       (unsigned long long)v[nv - 1], nv);
		printf("BENCH lat_frame_to_msi cycles=%llu ns=%.1f\n", (unsigned long long)v[nv / 2],
		       v[nv / 2] * 1000.0 / cfg.clock_mhz);
	} else {
		printf("latency frame -> RX MSI: no receive interrupt within 200000 cycles - data path not working?\n");
		printf("BENCH lat_frame_to_msi failed=1\n");
	}
	vnet_close(&n);
	vsim_destroy(sim);
}

int main(int argc, char **argv)
{
	unsigned int maxp = 4;
	static unsigned int sizes[16] = { 64, 128, 256, 512, 1024, 1518 };
	unsigned int nsizes = 6;
	int modes = 7;
	double link_gbps = 0, read_latency_ns = 0;
	unsigned int rcb = 0, mps = 0;
	int straddle = -1;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--pairs")) {
			maxp = (unsigned int)strtoul(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--packets")) {
			npk = strtoull(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--sizes")) {
			nsizes = 0;
			for (char *p = argv[i + 1]; *p && nsizes < 16;) {
				unsigned int s = (unsigned int)strtoul(p, &p, 0);
				if (s >= 64 && s <= 1518)
					sizes[nsizes++] = s;
				if (*p == ',')
					p++;
				else
					break;
			}
		} else if (!strcmp(argv[i], "--modes")) {
			modes = (strstr(argv[i + 1], "tx") ? 1 : 0) | (strstr(argv[i + 1], "rx") ? 2 : 0) |
				(strstr(argv[i + 1], "both") ? 4 : 0);
		} else if (!strcmp(argv[i], "--link-gbps")) {
			link_gbps = strtod(argv[i + 1], NULL);
		} else if (!strcmp(argv[i], "--read-latency-ns")) {
			read_latency_ns = strtod(argv[i + 1], NULL);
		} else if (!strcmp(argv[i], "--rcb")) {
			rcb = (unsigned int)strtoul(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--mps")) {
			mps = (unsigned int)strtoul(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--rq-straddle")) {
			straddle = atoi(argv[i + 1]) != 0;
		} else {
			fprintf(stderr, "usage: net_bench [--pairs N] [--packets N] [--sizes 64,128,..] [--modes tx,rx,both]\n"
				"                 [--link-gbps G] [--read-latency-ns L] [--rcb B] [--mps B] [--rq-straddle 0|1]\n");
			return 2;
		}
	}
	if (maxp < 1 || maxp > VNET_MAX_QP || npk < 1 || !nsizes) {
		fprintf(stderr, "net_bench: bad arguments\n");
		return 2;
	}
	tb_config(&cfg);
	if (link_gbps > 0)
		cfg.link_gbps = link_gbps;
	if (read_latency_ns > 0)
		cfg.host_read_latency_ns = read_latency_ns;
	if (rcb)
		cfg.rcb_bytes = rcb;
	if (mps)
		cfg.mps_bytes = mps;
	if (straddle >= 0)
		cfg.rq_tlps_per_beat = straddle ? 2 : 1;
	printf("conditions: clock %.0f MHz, data width %u bit, PCIe %.2f Gb/s per direction, host read latency %.0f ns, "
	       "%u read tags, MPS %u B, RCB %u B, TLP overhead %u B, RQ %s, Ethernet %.0f Gb/s (+%u B per frame), "
	       "%llu frames per figure, queue size 1024\n",
	       cfg.clock_mhz, NET_BENCH_DATA_WIDTH, cfg.link_gbps, cfg.host_read_latency_ns, cfg.max_read_tags,
	       cfg.mps_bytes, cfg.rcb_bytes, cfg.tlp_overhead_bytes,
	       cfg.rq_tlps_per_beat > 1 ? "straddling (2 TLPs per 512-bit beat)" : "1 TLP per beat", cfg.eth_gbps,
	       cfg.eth_overhead_bytes, npk);
	printf("BENCH conditions clock_mhz=%.0f data_width=%u link_gbps=%.2f read_latency_ns=%.0f tags=%u mps=%u rcb=%u "
	       "tlp_overhead=%u rq_tlps_per_beat=%u eth_gbps=%.0f\n",
	       cfg.clock_mhz, NET_BENCH_DATA_WIDTH, cfg.link_gbps, cfg.host_read_latency_ns, cfg.max_read_tags,
	       cfg.mps_bytes, cfg.rcb_bytes, cfg.tlp_overhead_bytes, cfg.rq_tlps_per_beat, cfg.eth_gbps);
	latency();
	printf("\nPCIe bytes per frame on the wire (with TLP overhead): up = device to host, down = host to\n"
	       "device; split by kind over both directions: desc = descriptor and event-area reads,\n"
	       "data = buffer reads/writes, used = used write-back, irq = MSI-X; db = doorbells the\n"
	       "driver rang per frame (it asks the device event area first, §2.8.10). line = Gb/s as a\n"
	       "fraction of 100 GbE line rate at that size; PCIe = wire bytes of the busier direction\n"
	       "as a fraction of the link model's bandwidth; RQ = use of the hard block's requester\n"
	       "request interface that m_rq (writes, MSI-X) and m_rqr (reads) feed, every TLP with its\n"
	       "16-byte descriptor in band; RC = beats per cycle on the requester completion stream.\n");
	printf("\n%-5s %5s %3s %8s %8s %7s %7s %5s %5s %7s %7s %8s %8s %6s  %7s %7s %7s %6s %6s\n", "mode", "size",
	       "qp", "Gb/s", "Mpps", "line", "PCIe", "RQ", "RC", "TLP up", "TLP dn", "B up", "B down", "drops", "desc", "data", "used",
	       "irq", "db");
	int failed = 0;
	unsigned int plist[2] = { 1, maxp };
	unsigned int np = maxp > 1 ? 2 : 1;
	static const char *names[3] = { "tx", "rx", "both" };
	for (int m = 0; m < 3; m++) {
		if (!(modes & (1 << m)))
			continue;
		for (unsigned int pi = 0; pi < np; pi++) {
			struct vnet n;
			int mode = m == 2 ? VSIM_ETH_LOOPBACK : VSIM_ETH_CAPTURE;
			struct vsim *sim = bring_up(&n, plist[pi], mode);
			if (!sim) {
				printf("BENCH %s qp=%u failed=1\n", names[m], plist[pi]);
				failed = 1;
				continue;
			}
			for (unsigned int si = 0; si < nsizes; si++) {
				struct fig f;
				memset(&f, 0, sizeof(f));
				if (m == 1)
					run_rx(&n, &f, sizes[si], plist[pi]);
				else
					run_engine(&n, &f, sizes[si], plist[pi], m == 0);
				report(names[m], sizes[si], plist[pi], &f);
				if (!f.ok) {
					failed = 1;
					break;	/* the device is probably stuck: next configuration */
				}
			}
			vnet_close(&n);
			vsim_destroy(sim);
		}
	}
	return failed;
}
