// SPDX-License-Identifier: MIT
/*
 * vionic_bridge.c - serves simulated vionic devices to a User-Mode Linux kernel.
 *
 * Each --socket is one device: a Verilator model of the RTL and its firmware
 * (libvionic_sim) behind a vhost-user socket that the kernel's virtio_uml driver
 * connects to (virtio_uml.device=<socket>:<id>), speaking virtio_pcidev (pcidev.h).
 * With two devices, --link peer (the default then) wires their Ethernet ports
 * together, so one kernel can send traffic from one device to the other through both
 * RTL data paths. docs/linux.md describes the whole arrangement.
 *
 * One thread runs everything: it alternates between the sockets and the simulators,
 * running the devices in short slices so kernel requests never wait long and the
 * kernel's 256-entry command ring is drained well before it could fill. The devices
 * run all the time while a kernel is connected (a driver may be waiting on work the
 * firmware does without any visible DMA); only while no kernel is connected does the
 * loop sleep in poll() between slices.
 *
 * Exit: SIGINT/SIGTERM, or with --once when every kernel that connected has gone.
 * A report (cycles, wall time, cycle rate, requests) goes to stderr and --report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pcidev.h"
#include "vionic_sim.h"

#define MAX_DEVS 2
#define SLICE_CYCLES 128	/* device cycles between looks at the command rings */
#define SLICES_PER_POLL 16	/* slices between poll() calls while busy */
#define IDLE_SLEEP_MS 10	/* no kernel connected: sleep this long between slices */

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct dev {
	struct pcidev pd;
	struct vsim *sim;
	char name[16];
	int ever_connected;
};

static void report(FILE *f, struct dev *devs, unsigned int n, double wall, double mhz)
{
	for (unsigned int i = 0; i < n; i++) {
		const struct pcidev_stats *s = &devs[i].pd.stats;
		struct vsim_eth_stats e;
		const uint64_t cyc = vsim_cycles(devs[i].sim);

		vsim_eth_get_stats(devs[i].sim, &e);
		fprintf(f, "%s.cycles=%llu\n%s.simulated_ms=%.3f\n%s.wall_s=%.3f\n"
			"%s.cycles_per_s=%.0f\n%s.clock_mhz=%.0f\n",
			devs[i].name, (unsigned long long)cyc, devs[i].name, cyc / mhz / 1000.0,
			devs[i].name, wall, devs[i].name, wall > 0 ? cyc / wall : 0.0,
			devs[i].name, mhz);
		fprintf(f, "%s.cfg_reads=%llu\n%s.cfg_writes=%llu\n%s.mmio_reads=%llu\n"
			"%s.mmio_writes=%llu\n%s.mmio_memsets=%llu\n%s.msis=%llu\n"
			"%s.bad_requests=%llu\n%s.read_errors=%llu\n%s.msi_bad_addr=%llu\n"
			"%s.max_cmd_backlog=%u\n%s.max_msi_backlog=%u\n%s.max_read_cycles=%llu\n",
			devs[i].name, (unsigned long long)s->cfg_reads,
			devs[i].name, (unsigned long long)s->cfg_writes,
			devs[i].name, (unsigned long long)s->mmio_reads,
			devs[i].name, (unsigned long long)s->mmio_writes,
			devs[i].name, (unsigned long long)s->mmio_memsets,
			devs[i].name, (unsigned long long)s->msis,
			devs[i].name, (unsigned long long)s->bad_requests,
			devs[i].name, (unsigned long long)s->read_errors,
			devs[i].name, (unsigned long long)s->msi_bad_addr,
			devs[i].name, s->max_cmd_backlog, devs[i].name, s->max_msi_backlog,
			devs[i].name, (unsigned long long)s->max_read_cycles);
		fprintf(f, "%s.max_read_ms=%.1f\n", devs[i].name, s->max_read_ms);
		fprintf(f, "%s.eth_tx_frames=%llu\n%s.eth_tx_bytes=%llu\n%s.eth_rx_frames=%llu\n"
			"%s.eth_rx_bytes=%llu\n",
			devs[i].name, (unsigned long long)e.tx_frames,
			devs[i].name, (unsigned long long)e.tx_bytes,
			devs[i].name, (unsigned long long)e.rx_frames,
			devs[i].name, (unsigned long long)e.rx_bytes);
	}
}

/*
 * Runs the devices in step: each one that is behind SLICE_CYCLES past the slowest
 * clock runs up to there, so a device ahead waits for the others. A read runs its own
 * device's clock until it completes (tens of thousands of cycles behind firmware-
 * handled writes); without this the clocks drift apart for good, and a frame stamped
 * with the sender's cycle waits at the receiver until its clock catches up
 * (vionic_sim.h): a lasting added latency, seen by the kernel as lost pings. The
 * catching-up happens slice by slice, so both command rings are still serviced.
 */
static void run_in_step(struct dev *devs, unsigned int n)
{
	uint64_t target = UINT64_MAX;

	for (unsigned int i = 0; i < n; i++)
		if (vsim_cycles(devs[i].sim) < target)
			target = vsim_cycles(devs[i].sim);
	target += SLICE_CYCLES;
	for (unsigned int i = 0; i < n; i++)
		if (vsim_cycles(devs[i].sim) < target)
			vsim_run(devs[i].sim, target - vsim_cycles(devs[i].sim));
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vionic-bridge --socket PATH [--socket PATH] [options]\n"
		"  --socket PATH   serve one simulated vionic device on this vhost-user socket\n"
		"                  (at most %d; the kernel: virtio_uml.device=PATH:<id>)\n"
		"  --link MODE     Ethernet: peer (two devices wired together; default with two),\n"
		"                  capture (frames sent are dropped; default with one), loopback\n"
		"  --itcm HEX --dtcm HEX  firmware images (default: the build's)\n"
		"  --pcap FILE     write device 0's wire to a pcap file (ns timestamps)\n"
		"  --report FILE   write the final report (key=value lines) here too\n"
		"  --ready FILE    create FILE once every socket is listening\n"
		"  --once          exit when every kernel that connected has disconnected\n"
		"  --verbose       log vhost-user messages and the firmware console\n",
		MAX_DEVS);
}

int main(int argc, char **argv)
{
	const char *sockets[MAX_DEVS];
	unsigned int ndev = 0;
	const char *link = NULL, *itcm = NULL, *dtcm = NULL, *pcap = NULL, *report_path = NULL;
	const char *ready_path = NULL;
	int once = 0, verbose = 0;
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "link", required_argument, NULL, 'l' },
		{ "itcm", required_argument, NULL, 'i' },
		{ "dtcm", required_argument, NULL, 'd' },
		{ "pcap", required_argument, NULL, 'p' },
		{ "report", required_argument, NULL, 'r' },
		{ "ready", required_argument, NULL, 'R' },
		{ "once", no_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (ndev == MAX_DEVS) {
				fprintf(stderr, "vionic-bridge: at most %d devices\n", MAX_DEVS);
				return 2;
			}
			sockets[ndev++] = optarg;
			break;
		case 'l': link = optarg; break;
		case 'i': itcm = optarg; break;
		case 'd': dtcm = optarg; break;
		case 'p': pcap = optarg; break;
		case 'r': report_path = optarg; break;
		case 'R': ready_path = optarg; break;
		case 'o': once = 1; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!ndev || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (!link)
		link = ndev == 2 ? "peer" : "capture";
	if (strcmp(link, "peer") && strcmp(link, "capture") && strcmp(link, "loopback")) {
		fprintf(stderr, "vionic-bridge: --link must be peer, capture or loopback\n");
		return 2;
	}
	if (!strcmp(link, "peer") && ndev != 2) {
		fprintf(stderr, "vionic-bridge: --link peer needs two --socket\n");
		return 2;
	}
#ifdef VIONIC_FW_ITCM
	if (!itcm)
		itcm = getenv("VIONIC_FW_ITCM") ? getenv("VIONIC_FW_ITCM") : VIONIC_FW_ITCM;
	if (!dtcm)
		dtcm = getenv("VIONIC_FW_DTCM") ? getenv("VIONIC_FW_DTCM") : VIONIC_FW_DTCM;
#endif

	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	struct vsim_config cfg;

	vsim_config_default(&cfg);
	cfg.itcm_hex = itcm;
	cfg.dtcm_hex = dtcm;
	cfg.quiet = !verbose;
	/* DMA goes to the kernel's memory (vsim_mem_attach); the model's own memory is
	 * not used, so keep it small. */
	cfg.host_mem_size = 1u << 20;
	cfg.msi_base = PCIDEV_UML_MSI_ADDR;
	cfg.msi_size = 4096;

	static struct dev devs[MAX_DEVS];

	for (unsigned int i = 0; i < ndev; i++) {
		snprintf(devs[i].name, sizeof(devs[i].name), "dev%u", i);
		devs[i].sim = vsim_create(&cfg);
		if (!devs[i].sim)
			return 1;
		int rc = pcidev_init(&devs[i].pd, devs[i].name, sockets[i], devs[i].sim, 0, verbose);

		if (rc) {
			fprintf(stderr, "vionic-bridge: cannot listen on %s: %s\n", sockets[i],
				strerror(-rc));
			return 1;
		}
	}
	if (!strcmp(link, "peer"))
		vsim_eth_connect(devs[0].sim, devs[1].sim);
	else if (!strcmp(link, "loopback"))
		for (unsigned int i = 0; i < ndev; i++)
			vsim_eth_set_mode(devs[i].sim, VSIM_ETH_LOOPBACK);
	if (pcap && vsim_eth_pcap_ns(devs[0].sim, pcap)) {
		fprintf(stderr, "vionic-bridge: cannot write %s\n", pcap);
		return 1;
	}
	/*
	 * The firmware boots before the kernel may enumerate (as a card's firmware does
	 * before the host's: until then config requests get CRS, PCIe Base §2.3.2).
	 * The kernel's first config read would otherwise wait for the whole boot,
	 * beyond virt-pci's ~40 ms read wait.
	 */
	for (unsigned int i = 0; i < ndev; i++) {
		uint32_t id = 0;

		if (vsim_cfg_read(devs[i].sim, 0, 0, 4, &id)) {
			fprintf(stderr, "vionic-bridge: %s: the firmware did not come up\n",
				devs[i].name);
			return 1;
		}
		if (verbose)
			fprintf(stderr, "vionic-bridge: %s: up after %llu cycles, id %08x\n",
				devs[i].name, (unsigned long long)vsim_cycles(devs[i].sim), id);
	}
	if (ready_path) {
		FILE *f = fopen(ready_path, "w");

		if (f)
			fclose(f);
	}
	fprintf(stderr, "vionic-bridge: %u device(s) listening, link %s\n", ndev, link);

	const double t0 = now_s();
	int idle = 1;

	while (!stop_requested) {
		struct pollfd pfd[MAX_DEVS * 4];
		unsigned int np = 0, connected = 0, ever = 0;

		for (unsigned int i = 0; i < ndev; i++) {
			struct vu_dev *vu = &devs[i].pd.vu;

			pfd[np++] = (struct pollfd){ .fd = vu->conn_fd >= 0 ? vu->conn_fd : vu->listen_fd,
						     .events = POLLIN };
			for (unsigned int r = 0; r < VU_MAX_VRINGS; r++)
				if (vu->vrings[r].kick_fd >= 0)
					pfd[np++] = (struct pollfd){ .fd = vu->vrings[r].kick_fd,
								     .events = POLLIN };
		}
		if (poll(pfd, np, idle ? IDLE_SLEEP_MS : 0) < 0 && errno != EINTR) {
			perror("vionic-bridge: poll");
			break;
		}
		for (unsigned int i = 0; i < ndev; i++) {
			struct dev *d = &devs[i];
			struct vu_dev *vu = &d->pd.vu;

			if (vu->conn_fd < 0) {
				if (vu_accept(vu) > 0) {
					d->ever_connected = 1;
					idle = 0;
				}
			} else {
				struct pollfd one = { .fd = vu->conn_fd, .events = POLLIN };

				/* every queued message, so setup never waits for device slices */
				while (vu->conn_fd >= 0 && poll(&one, 1, 0) > 0) {
					if (vu_handle_message(vu) <= 0)
						fprintf(stderr, "vionic-bridge: %s: kernel disconnected\n",
							d->name);
					idle = 0;
				}
			}
			for (unsigned int r = 0; r < VU_MAX_VRINGS; r++)
				vu_drain_kick(vu, r);
			connected += vu->conn_fd >= 0;
			ever += d->ever_connected;
		}
		if (once && ever == ndev && connected == 0)
			break;

		for (unsigned int s = 0; s < SLICES_PER_POLL; s++) {
			for (unsigned int i = 0; i < ndev; i++)
				pcidev_service(&devs[i].pd);
			run_in_step(devs, ndev);
		}
		for (unsigned int i = 0; i < ndev; i++)
			pcidev_service(&devs[i].pd);
		idle = connected == 0;
		for (unsigned int i = 0; i < ndev; i++) {
			uint32_t code;

			if (vsim_halted(devs[i].sim, &code)) {
				fprintf(stderr, "vionic-bridge: %s: firmware halted (code 0x%x):\n%s\n",
					devs[i].name, code, vsim_console(devs[i].sim));
				stop_requested = 1;
			}
		}
	}

	const double wall = now_s() - t0;

	report(stderr, devs, ndev, wall, cfg.clock_mhz);
	if (report_path) {
		FILE *f = fopen(report_path, "w");

		if (f) {
			report(f, devs, ndev, wall, cfg.clock_mhz);
			fclose(f);
		}
	}
	for (unsigned int i = 0; i < ndev; i++) {
		pcidev_close(&devs[i].pd);
		vsim_destroy(devs[i].sim);
	}
	return 0;
}
