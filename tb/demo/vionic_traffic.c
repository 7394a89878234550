/* SPDX-License-Identifier: MIT */
/*
 * vionic-traffic: the data-path demo. Brings the simulated device up as a virtio-net
 * driver would, puts the Ethernet port in loopback and runs sequence frames through N
 * queue pairs for a few seconds of wall time (or --packets per queue), printing progress
 * (packets, bytes, drops, simulated Gb/s and Mpps), then a summary per queue, the
 * device's STATS counters and the PCIe link statistics. Exit 0 only if every frame
 * arrived intact and in order.
 *
 *   vionic-traffic [--pairs N] [--size S] [--packets N] [--seconds T] [--gbps G] [--pcap FILE]
 *   --size 0 (default) = random sizes 60..1514; otherwise a fixed frame size (no FCS).
 *   --gbps: the loopback's line rate (default 80). Loopback loads the PCIe model's
 *   upstream with the receive data and the transmit read requests together: at
 *   100 Gb/s it is ~90 % busy and bursts of large frames overflow the receive FIFO
 *   (counted drops, see docs/bench.md for the per-direction figures).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tb_sim.h"
#include "vnet.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void usage(void)
{
	fprintf(stderr, "usage: vionic-traffic [--pairs N] [--size S] [--packets N] [--seconds T] [--gbps G] [--pcap FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int pairs = 1, size = 0;
	unsigned long long packets = 0;
	double seconds = 3.0;
	const char *pcap = NULL;
	double gbps = 80.0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i + 1 >= argc)
			usage();
		if (!strcmp(a, "--pairs"))
			pairs = (unsigned int)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--size"))
			size = (unsigned int)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--packets"))
			packets = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(a, "--seconds"))
			seconds = atof(argv[++i]);
		else if (!strcmp(a, "--gbps"))
			gbps = atof(argv[++i]);
		else if (!strcmp(a, "--pcap"))
			pcap = argv[++i];
		else
			usage();
	}
	if (pairs < 1 || pairs > VNET_MAX_QP || (size && (size < 14 || size > 1514))) {
		fprintf(stderr, "vionic-traffic: --pairs 1..%u, --size 14..1514 (or 0 = random)\n", VNET_MAX_QP);
		return 2;
	}
	struct vsim_config cfg;
	tb_config(&cfg);
	if (gbps < 1 || gbps > 400) {
		fprintf(stderr, "vionic-traffic: --gbps 1..400\n");
		return 2;
	}
	cfg.eth_gbps = gbps;
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	if (pairs > 1) {
		vnet_want(&o, VNET_F(NET_MQ));
		vnet_want(&o, VNET_F(NET_CTRL_VQ));
	}
	o.pairs = pairs;
	struct vsim *sim = vnet_test_bringup(&n, &cfg, NULL, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	if (pcap && vsim_eth_pcap(sim, pcap)) {
		fprintf(stderr, "vionic-traffic: cannot write %s\n", pcap);
		return 1;
	}
	int rc = vnet_init(&n, &o);
	if (rc) {
		fprintf(stderr, "vionic-traffic: bring-up failed: %s\n", n.err);
		return 1;
	}
	if (n.pairs < pairs) {
		fprintf(stderr, "vionic-traffic: the device gives %u queue pair(s) (MQ %s, max_virtqueue_pairs %u); using %u\n",
			n.pairs, vnet_has(&n, VNET_F(NET_MQ)) ? "on" : "off", n.cfg.max_virtqueue_pairs, n.pairs);
		pairs = n.pairs;
	}
	printf("vionic-traffic: %u queue pair(s), %s frames, loopback at %.0f Gb/s, %.0f MHz, 512-bit data path, "
	       "PCIe model %.0f Gb/s/direction, %.0f ns read latency, MAC %02x:%02x:%02x:%02x:%02x:%02x\n",
	       pairs, size ? "fixed" : "random 60..1514 byte", cfg.eth_gbps, cfg.clock_mhz, cfg.link_gbps,
	       cfg.host_read_latency_ns, n.cfg.mac[0], n.cfg.mac[1], n.cfg.mac[2], n.cfg.mac[3], n.cfg.mac[4],
	       n.cfg.mac[5]);
	struct vnet_traffic t;
	vnet_traffic_init(&t);
	t.pairs = pairs;
	t.packets = packets;
	if (size)
		t.size_min = t.size_max = size;
	int tty = isatty(1);
	double t0 = now_s(), last = t0;
	uint64_t c0 = vsim_cycles(sim);
	struct vsim_stats ps0;
	vsim_get_stats(sim, &ps0);
	for (;;) {
		rc = vnet_traffic_step(&n, &t);
		if (rc)
			break;
		double w = now_s();
		if (!packets && !t.stop && w - t0 >= seconds)
			t.stop = 1;
		if (w - last >= 1.0 || (tty && w - last >= 0.2)) {
			last = w;
			double ns = (double)(vsim_cycles(sim) - c0) * 1000.0 / cfg.clock_mhz;
			printf("%s%llu packets, %llu bytes, %llu lost/bad, %.2f Gb/s, %.3f Mpps (simulated %.1f us)%s",
			       tty ? "\r" : "", (unsigned long long)t.frames_received,
			       (unsigned long long)t.bytes_received,
			       (unsigned long long)(t.bad + t.out_of_order + t.wrong_len),
			       ns > 0 ? t.bytes_received * 8.0 / ns : 0.0, ns > 0 ? t.frames_received * 1000.0 / ns : 0.0,
			       ns / 1000.0, tty ? "   " : "\n");
			fflush(stdout);
		}
	}
	if (tty)
		printf("\n");
	uint64_t cycles = vsim_cycles(sim) - c0;
	double ns = (double)cycles * 1000.0 / cfg.clock_mhz;
	printf("\nsummary: %llu frames sent, %llu received, %llu bytes, %llu cycles (%.1f us simulated, %.1f s wall)\n",
	       (unsigned long long)t.frames_sent, (unsigned long long)t.frames_received,
	       (unsigned long long)t.bytes_received, (unsigned long long)cycles, ns / 1000.0, now_s() - t0);
	printf("  throughput %.2f Gb/s frame data, %.3f Mpps\n", ns > 0 ? t.bytes_received * 8.0 / ns : 0.0,
	       ns > 0 ? t.frames_received * 1000.0 / ns : 0.0);
	printf("  %-6s %12s %12s %12s %10s\n", "queue", "tx frames", "rx frames", "rx flow", "kicks");
	for (unsigned int k = 0; k < pairs; k++)
		printf("  %-6u %12llu %12llu %12llu %10llu\n", k, (unsigned long long)t.sent[k],
		       (unsigned long long)t.rx_q[k], (unsigned long long)t.rx_flow[k],
		       (unsigned long long)(n.tx[k].kicks + n.rx[k].kicks));
	struct vnet_stats s;
	vnet_read_stats(&n, &s);
	printf("  STATS: tx_packets %u tx_bytes %llu tx_drops %u rx_packets %u rx_bytes %llu\n"
	       "         rx_drop_no_buffer %u rx_drop_filtered %u rx_drop_error %u queue_errors %u\n",
	       s.tx_packets, (unsigned long long)s.tx_bytes, s.tx_drops, s.rx_packets, (unsigned long long)s.rx_bytes,
	       s.rx_drop_no_buffer, s.rx_drop_filtered, s.rx_drop_error, s.queue_errors);
	struct vsim_stats ps;
	vsim_get_stats(sim, &ps);
	uint64_t f = t.frames_received ? t.frames_received : 1;
	printf("  PCIe up:   %llu TLPs, %llu payload bytes, %llu wire bytes (%.1f TLPs, %.0f bytes per frame)\n",
	       (unsigned long long)(ps.up.tlps - ps0.up.tlps), (unsigned long long)(ps.up.payload_bytes - ps0.up.payload_bytes),
	       (unsigned long long)(ps.up.wire_bytes - ps0.up.wire_bytes), (double)(ps.up.tlps - ps0.up.tlps) / f,
	       (double)(ps.up.wire_bytes - ps0.up.wire_bytes) / f);
	printf("  PCIe down: %llu TLPs, %llu payload bytes, %llu wire bytes (%.1f TLPs, %.0f bytes per frame)\n",
	       (unsigned long long)(ps.down.tlps - ps0.down.tlps),
	       (unsigned long long)(ps.down.payload_bytes - ps0.down.payload_bytes),
	       (unsigned long long)(ps.down.wire_bytes - ps0.down.wire_bytes), (double)(ps.down.tlps - ps0.down.tlps) / f,
	       (double)(ps.down.wire_bytes - ps0.down.wire_bytes) / f);
	printf("  DMA reads %llu writes %llu errors %llu, MSI %llu, max outstanding reads %u, protocol errors %llu\n",
	       (unsigned long long)ps.dma_reads, (unsigned long long)ps.dma_writes, (unsigned long long)ps.dma_errors,
	       (unsigned long long)ps.msi_count, ps.max_outstanding_reads, (unsigned long long)ps.protocol_errors);
	if (pcap)
		vsim_eth_pcap(sim, NULL);
	int ok = rc == 1 && !t.bad && !t.wrong_len && !t.out_of_order && t.frames_received == t.frames_sent &&
		 t.frames_sent > 0 && !ps.dma_errors && !ps.protocol_errors;
	if (rc < 0)
		printf("FAILED: %s\n", t.err);
	printf("%s: %llu/%llu frames intact and in order\n", ok ? "PASS" : "FAIL",
	       (unsigned long long)(t.frames_received - t.bad - t.wrong_len), (unsigned long long)t.frames_sent);
	vnet_close(&n);
	vsim_destroy(sim);
	return ok ? 0 : 1;
}
