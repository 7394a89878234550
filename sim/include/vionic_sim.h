/* SPDX-License-Identifier: MIT */
/*
 * vionic_sim.h - the simulated vionic device as a C library.
 *
 * One struct vsim is one Verilator model of rtl/top/vionic_device.v (RTL plus the
 * firmware on its embedded core) attached to a model of the host: a root complex that
 * issues configuration and memory requests, host memory that answers the device's DMA
 * with configurable latency, completion splitting, tag limits and link bandwidth, and
 * MSI-X capture. docs/simulator.md describes the model and its defaults.
 *
 * Every call that needs the device to act runs the clock itself; nothing runs in the
 * background. Functions return 0 on success or a negative VSIM_E* code.
 */
#ifndef VIONIC_SIM_H
#define VIONIC_SIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum vsim_error {
	VSIM_OK = 0,
	VSIM_EINVAL = -1,	/* bad argument (size, alignment, range) */
	VSIM_ETIMEDOUT = -2,	/* no completion / interrupt within the limit */
	VSIM_EUR = -3,		/* completed with Unsupported Request */
	VSIM_ECA = -4,		/* completed with Completer Abort */
	VSIM_ECRS = -5,		/* completed with Configuration Retry Status */
	VSIM_EHALTED = -6,	/* the firmware halted (see vsim_halt_code) */
	VSIM_ENOMEM = -7,	/* host memory allocator exhausted */
	VSIM_EPROTO = -8,	/* the device broke the transaction protocol */
	VSIM_EAGAIN = -9,	/* nothing there yet (vsim_eth_recv) */
};

struct vsim;	/* opaque: one simulated device and its host */

struct vsim_config {
	const char *itcm_hex;		/* firmware images (tools/elf2hex.py); required */
	const char *dtcm_hex;
	double clock_mhz;		/* device clock; default 250 */
	double host_read_latency_ns;	/* host memory read latency; default 500 */
	double link_gbps;		/* usable bandwidth per direction; default Gen3 x16 = 126.03 */
	unsigned int tlp_overhead_bytes;/* header + framing per TLP counted on the link; default 24 */
	unsigned int max_read_tags;	/* host accepts at most this many outstanding DMA reads; default 64 */
	unsigned int rcb_bytes;		/* read completion boundary; default 64 */
	unsigned int mps_bytes;		/* host max payload size; default 256 */
	uint64_t host_mem_base;		/* host memory the device may DMA to; default 0x100000 */
	uint64_t host_mem_size;		/* default 64 MiB */
	uint64_t completion_timeout_cycles; /* host gives up on a read; default 1,000,000 */
	const char *fst_path;		/* waveform file, or NULL */
	int quiet;			/* 1 = firmware console not echoed to stderr */
	/* Added after the first version (always start from vsim_config_default): */
	uint64_t crs_retry_cycles;	/* config requests completed with CRS are re-issued for
					 * this long, then fail with VSIM_ECRS; 0 = never retry;
					 * default 2,000,000 */
	unsigned int cc_ready_percent;	/* chance per cycle that the host accepts a completion
					 * beat on m_cc (back-pressure tests); 1..100, 0 = 100 */
	uint32_t seed;			/* seed of the back-pressure generator; default 1 */
	int eth_link_up;		/* initial eth_link_up input; default 1 */
	double eth_gbps;		/* Ethernet line rate that paces frames into the device's
					 * receive port (vsim_eth_send, loopback, peer); default 100 */
	unsigned int eth_overhead_bytes;/* per-frame wire overhead counted by the pacing:
					 * FCS 4 + preamble/SFD 8 + IFG 12; default 24 */
	unsigned int eth_tx_ready_percent; /* chance per cycle that the simulator accepts a
					 * beat on m_eth_tx (back-pressure tests); 0 = 100 */
	uint64_t msi_base;		/* device writes to [msi_base, msi_base + msi_size) are
					 * MSI messages (vsim_wait_msi), not memory; default
					 * VSIM_MSI_BASE and VSIM_MSI_END - VSIM_MSI_BASE */
	uint64_t msi_size;
	unsigned int rq_tlps_per_beat;	/* the hard block's requester request interface that
					 * m_rq and m_rqr feed: TLPs (16-byte descriptor in
					 * band) that may start in one 512-bit beat; 2 =
					 * straddling (UltraScale+ 512-bit RQ; default), 1 = none */
};

/* Fills *cfg with the defaults above (image paths NULL). */
void vsim_config_default(struct vsim_config *cfg);

struct vsim *vsim_create(const struct vsim_config *cfg);	/* NULL on error (message on stderr) */
void vsim_destroy(struct vsim *sim);

/* ---- Ethernet link indication (eth_link_up input of the device); takes effect on
 * the next clock. The firmware reports changes to drivers (config interrupt). */
void vsim_set_link(struct vsim *sim, int up);

/* ---- time */
void vsim_run(struct vsim *sim, uint64_t cycles);
uint64_t vsim_cycles(const struct vsim *sim);
double vsim_ns(const struct vsim *sim);	/* cycles x clock period */

/* ---- configuration space (type 0): size 1, 2 or 4, offset aligned to size, < 4096.
 * A request answered with CRS (firmware not ready yet) is re-issued for up to
 * cfg.crs_retry_cycles, then (or at once if the firmware halted) fails with VSIM_ECRS. */
int vsim_cfg_read(struct vsim *sim, unsigned int func, unsigned int offset,
		  unsigned int size, uint32_t *value);
int vsim_cfg_write(struct vsim *sim, unsigned int func, unsigned int offset,
		   unsigned int size, uint32_t value);

/* ---- memory space (the device's BARs): size 1, 2, 4 or 8, addr aligned to size.
 * Writes are posted: they are queued in order and a later read waits behind them. */
int vsim_mmio_read(struct vsim *sim, uint64_t addr, unsigned int size, uint64_t *value);
int vsim_mmio_write(struct vsim *sim, uint64_t addr, unsigned int size, uint64_t value);

/* Raw memory requests for malformed-access tests: any DW-aligned addr, len_dw 1..1024,
 * explicit byte enables. data has len_dw words (in for writes, out for reads). */
int vsim_mem_read_raw(struct vsim *sim, uint64_t addr, unsigned int len_dw,
		      unsigned int first_be, unsigned int last_be, uint32_t *data);
int vsim_mem_write_raw(struct vsim *sim, uint64_t addr, unsigned int len_dw,
		       unsigned int first_be, unsigned int last_be, const uint32_t *data);
/* Waits until every queued posted write has been accepted by the device. */
int vsim_flush_writes(struct vsim *sim);

/* ---- host memory (what the device's DMA sees) */
uint64_t vsim_mem_alloc(struct vsim *sim, size_t size, size_t align); /* 0 if exhausted */
void vsim_mem_reset_alloc(struct vsim *sim);
int vsim_mem_read(struct vsim *sim, uint64_t addr, void *buf, size_t len);
int vsim_mem_write(struct vsim *sim, uint64_t addr, const void *buf, size_t len);

/* Added: host memory owned by the caller, e.g. a kernel's memory shared over
 * vhost-user (sim/bridge/). After vsim_mem_attach the device's DMA, vsim_mem_read and
 * vsim_mem_write reach these regions instead of the model's own memory (which only
 * vsim_mem_alloc still hands out); an access must fall inside one region or it is a
 * DMA error (reads complete with UR, writes are dropped and counted). n = 0 goes back
 * to the model's own memory. At most VSIM_MEM_REGIONS regions; the caller keeps them
 * mapped until it attaches others or destroys the sim. */
#define VSIM_MEM_REGIONS 8
struct vsim_mem_region {
	uint64_t addr;	/* bus address the device uses */
	uint64_t size;
	void *ptr;	/* where those bytes are in this process */
};
int vsim_mem_attach(struct vsim *sim, const struct vsim_mem_region *regions, unsigned int n);

/* ---- interrupts: device memory writes to [VSIM_MSI_BASE, VSIM_MSI_END) (the x86
 * interrupt window; cfg.msi_base/msi_size move it) are MSI/MSI-X messages; they are captured in arrival order
 * instead of reaching memory. */
#define VSIM_MSI_BASE 0xfee00000ull
#define VSIM_MSI_END 0xfef00000ull
struct vsim_msi {
	uint64_t addr;
	uint32_t data;
	unsigned int func;	/* requesting function */
	uint64_t cycle;		/* when it arrived */
};
/* Pops the oldest captured message, running up to timeout_cycles for one to arrive. */
int vsim_wait_msi(struct vsim *sim, uint64_t timeout_cycles, struct vsim_msi *msi);
unsigned int vsim_msi_pending(const struct vsim *sim);	/* captured, not yet popped */

/* ---- firmware */
/* 1 if the firmware wrote simctrl HALT; *code gets the code. */
int vsim_halted(const struct vsim *sim, uint32_t *code);
/* The firmware console output so far (NUL-terminated, owned by sim). */
const char *vsim_console(const struct vsim *sim);

/* ---- link statistics, per direction */
struct vsim_link_stats {
	uint64_t tlps;		/* TLPs */
	uint64_t payload_bytes;	/* data bytes */
	uint64_t wire_bytes;	/* payload + overhead, what the bandwidth limit counts */
};
/* DMA traffic of one memory class (vsim_mem_set_class): the device's read requests
 * (up), their completions (down) and its writes (up). */
struct vsim_class_stats {
	struct vsim_link_stats rd_req, cpl, wr;
};
enum vsim_mem_class {
	VSIM_CLASS_DATA = 0,	/* every address not given another class */
	VSIM_CLASS_RING = 1,	/* e.g. virtqueue rings and event-suppression areas */
	VSIM_CLASS_OTHER = 2,
	VSIM_CLASS_MSI = 3,	/* the MSI window (fixed) */
	VSIM_CLASSES = 4,
};
/* Statistics only: DMA to [addr, addr + len) counts in class cls (DATA, RING or
 * OTHER; a later call wins where ranges overlap). VSIM_EINVAL for a bad class. */
int vsim_mem_set_class(struct vsim *sim, uint64_t addr, uint64_t len, unsigned int cls);

struct vsim_stats {
	struct vsim_link_stats down;	/* host -> device: requests, completions */
	struct vsim_link_stats up;	/* device -> host */
	struct vsim_class_stats cls[VSIM_CLASSES];	/* the DMA part of up/down by class */
	uint64_t dma_reads, dma_writes, dma_errors;	/* errors: outside host memory */
	uint64_t msi_count;
	unsigned int max_outstanding_reads;
	uint64_t completion_timeouts;	/* host requests the device never completed */
	uint64_t unexpected_completions;/* device completions matching no host request */
	uint64_t protocol_errors;	/* malformed device TLPs; see vsim_last_error */
	/* Added: beats that moved on the requester streams (m_rq: the device's writes
	 * and MSI-X, one TLP header per TLP's first beat; s_rc: completions),
	 * for interface utilization (beats / cycles). */
	uint64_t rq_beats, rc_beats;
	/* Added: read requests taken on m_rqr, and the slots (beat / rq_tlps_per_beat)
	 * all requester requests used on the modelled hard block's RQ interface:
	 * its utilization is rq_slots / (rq_tlps_per_beat x cycles). */
	uint64_t rqr_requests, rq_slots;
};
void vsim_get_stats(const struct vsim *sim, struct vsim_stats *stats);

/* ---- Ethernet side: the device's AXI-stream ports m_eth_tx (frames the device
 * sends) and s_eth_rx (frames it receives). Frames carry no FCS.
 *   VSIM_ETH_CAPTURE  (default) transmitted frames are queued for vsim_eth_recv;
 *   VSIM_ETH_LOOPBACK transmitted frames come back into the receive port;
 *   VSIM_ETH_PEER     set by vsim_eth_connect: frames go to the other device.
 * Frames enter the receive port paced at cfg.eth_gbps (with eth_overhead_bytes per
 * frame) in the order they were queued; they are delivered when the receiving sim's
 * clock runs. Two connected sims advance only when each is run (the caller
 * alternates them); a frame is timestamped when sent and enters the peer no earlier
 * than that cycle of the peer. */
enum vsim_eth_mode { VSIM_ETH_CAPTURE = 0, VSIM_ETH_LOOPBACK = 1, VSIM_ETH_PEER = 2 };
int vsim_eth_set_mode(struct vsim *sim, enum vsim_eth_mode mode); /* CAPTURE or LOOPBACK */
int vsim_eth_connect(struct vsim *a, struct vsim *b);	/* both become VSIM_ETH_PEER */
/* Queues a frame (1..16384 bytes) for the receive port; bad = 1 marks it with tuser
 * (FCS error) on its last beat. No clock runs. */
int vsim_eth_send(struct vsim *sim, const void *frame, size_t len, int bad);
unsigned int vsim_eth_send_queued(const struct vsim *sim); /* not yet in the device */
/* Pops the oldest captured transmitted frame (CAPTURE mode). Returns VSIM_EAGAIN if
 * there is none (no clock runs), VSIM_EINVAL if max is too small (frame kept). */
int vsim_eth_recv(struct vsim *sim, void *buf, size_t max, size_t *len);
unsigned int vsim_eth_recv_queued(const struct vsim *sim);
/* Writes every frame of both directions to a pcap file (LINKTYPE_ETHERNET,
 * timestamps = simulated time); NULL closes it. */
int vsim_eth_pcap(struct vsim *sim, const char *path);
/* Added: the same with nanosecond timestamps (pcap magic 0xa1b23c4d instead of
 * 0xa1b2c3d4, microseconds); at 250 MHz microseconds cannot order frames in time. */
int vsim_eth_pcap_ns(struct vsim *sim, const char *path);
struct vsim_eth_stats {
	uint64_t tx_frames, tx_bytes;	/* left the device on m_eth_tx */
	uint64_t rx_frames, rx_bytes;	/* entered the device on s_eth_rx */
	uint64_t rx_bad;		/* of those, sent with tuser = 1 */
	uint64_t rx_not_ready_cycles;	/* cycles a beat waited for s_eth_rx_tready */
	uint64_t tx_first_cycle, tx_last_cycle; /* cycle of the first / last transmitted
					 * frame's last beat (0 if none) */
	uint64_t tx_protocol_errors;	/* malformed m_eth_tx beats (keep not contiguous,
					 * empty beat); see vsim_last_error */
};
void vsim_eth_get_stats(const struct vsim *sim, struct vsim_eth_stats *stats);

const char *vsim_strerror(int err);
/* The last device protocol violation the host model saw ("" if none; owned by sim). */
const char *vsim_last_error(const struct vsim *sim);

#ifdef __cplusplus
}
#endif

#endif /* VIONIC_SIM_H */
