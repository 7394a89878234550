// SPDX-License-Identifier: MIT
//
// host_model.h - the host side of the simulated PCIe link, cycle by cycle.
//
// HostModel plays root complex and host memory against the four streams of
// vionic_device (docs/pcie-interface.md) without knowing Verilator: every cycle the
// owner copies the device's outputs into a DevicePorts, lets the model settle its
// inputs (HostPorts) and clocks it. That keeps the protocol logic unit-testable by a
// plain C++ test that plays the device (sim/device/host_model_test.cpp), and lets
// vionic_sim.cpp stay a thin adapter. docs/simulator.md describes the model.
//
// Per-cycle protocol, as the owner must drive it:
//   1. host.outputs()                 -> drive the device inputs
//   2. evaluate the device (clock low), copy its outputs into a DevicePorts `dev`
//   3. if (host.settle(dev)) { drive host.outputs() again, re-evaluate, re-copy }
//      (ready signals may depend on the device's valid/type, e.g. the tag limit
//      applies to reads only; settle never changes a valid or payload)
//   4. host.clock(dev)                 -> handshakes of this cycle take effect: m_rq
//      before m_rqr, so a read taken in the cycle of a write's last beat sees the
//      write (it goes after it on the link)
//   5. rising clock edge of the device
#ifndef VIONIC_SIM_HOST_MODEL_H
#define VIONIC_SIM_HOST_MODEL_H

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "vionic_sim.h"

namespace vsim_host {

constexpr unsigned kBeatDw = 16;  // DATA_WIDTH 512 / 32
constexpr unsigned kRqDescriptorBytes = 16;  // in-band TLP descriptor of the hard block's RQ

// Outputs of the device, inputs of the host.
struct DevicePorts {
	bool cq_ready = false;

	bool cc_valid = false;
	uint8_t cc_func = 0;
	uint16_t cc_requester_id = 0;
	uint16_t cc_tag = 0;
	uint8_t cc_status = 0;
	uint16_t cc_byte_count = 0;
	uint8_t cc_lower_addr = 0;
	uint16_t cc_len_dw = 0;
	uint32_t cc_data = 0;
	bool cc_last = false;

	bool rq_valid = false;
	uint8_t rq_type = 0;
	uint8_t rq_func = 0;
	uint64_t rq_addr = 0;
	uint16_t rq_len_dw = 0;
	uint8_t rq_first_be = 0;
	uint8_t rq_last_be = 0;
	uint16_t rq_tag = 0;
	uint32_t rq_data[kBeatDw] = {};
	uint16_t rq_keep = 0;
	bool rq_last = false;

	// m_rqr: memory read requests beside m_rq (header only, one per cycle)
	bool rqr_valid = false;
	uint8_t rqr_func = 0;
	uint64_t rqr_addr = 0;
	uint16_t rqr_len_dw = 0;
	uint8_t rqr_first_be = 0;
	uint8_t rqr_last_be = 0;
	uint16_t rqr_tag = 0;

	bool rc_ready = false;
};

// Outputs of the host, inputs of the device.
struct HostPorts {
	bool cq_valid = false;
	uint8_t cq_type = 0;
	uint8_t cq_func = 0;
	uint64_t cq_addr = 0;
	uint16_t cq_len_dw = 0;
	uint8_t cq_first_be = 0;
	uint8_t cq_last_be = 0;
	uint16_t cq_tag = 0;
	uint16_t cq_requester_id = 0;
	uint32_t cq_data = 0;
	bool cq_last = false;

	bool cc_ready = false;
	bool rq_ready = false;
	bool rqr_ready = false;

	bool rc_valid = false;
	uint16_t rc_tag = 0;
	uint8_t rc_status = 0;
	uint16_t rc_byte_count = 0;
	uint8_t rc_lower_addr = 0;
	uint16_t rc_len_dw = 0;
	bool rc_request_done = false;
	uint32_t rc_data[kBeatDw] = {};
	uint16_t rc_keep = 0;
	bool rc_last = false;
};

struct HostConfig {
	double clock_mhz = 250.0;
	double host_read_latency_ns = 500.0;
	double link_gbps = 126.03;
	unsigned tlp_overhead_bytes = 24;
	unsigned max_read_tags = 64;
	unsigned rcb_bytes = 64;
	unsigned mps_bytes = 256;
	uint64_t host_mem_base = 0x100000;
	uint64_t host_mem_size = 64ull << 20;
	uint64_t completion_timeout_cycles = 1000000;
	unsigned cc_ready_percent = 100;  // chance per cycle that m_cc_ready is high
	uint32_t seed = 1;
	uint16_t requester_id = 0x0000;  // the root port's ID in host requests
	// The hard block's requester request interface, which m_rq and m_rqr feed: a
	// 512-bit beat per cycle, every TLP with a 16-byte descriptor in front of its
	// payload, starting on a 256-bit boundary; at most this many TLPs start in one
	// beat (2 = straddling, as UltraScale+'s 512-bit RQ offers; 1 = none).
	unsigned rq_tlps_per_beat = 2;
	// Device writes to [msi_base, msi_base + msi_size) are MSI messages, not memory.
	uint64_t msi_base = VSIM_MSI_BASE;
	uint64_t msi_size = VSIM_MSI_END - VSIM_MSI_BASE;
};

// Host memory that belongs to someone else (HostModel::attach): DMA to
// [addr, addr + size) reaches ptr[0 .. size).
struct MemRegion {
	uint64_t addr = 0;
	uint64_t size = 0;
	uint8_t *ptr = nullptr;
};

struct LinkStats {
	uint64_t tlps = 0;
	uint64_t payload_bytes = 0;
	uint64_t wire_bytes = 0;
};

// Traffic of one memory class (HostModel::set_class): read requests (up), their
// completions (down), writes (up). Class 3 is the MSI window.
struct ClassStats {
	LinkStats rd_req, cpl, wr;
};
constexpr unsigned kClasses = 4;

struct HostStats {
	LinkStats down, up;
	ClassStats cls[kClasses];
	uint64_t dma_reads = 0, dma_writes = 0, dma_errors = 0;
	uint64_t msi_count = 0;
	unsigned max_outstanding_reads = 0;
	uint64_t completion_timeouts = 0;
	uint64_t unexpected_completions = 0;  // m_cc with no matching request
	uint64_t protocol_errors = 0;         // malformed device TLPs (see last_error)
	uint64_t rq_beats = 0;                // beats taken on m_rq (every TLP kind)
	uint64_t rqr_requests = 0;            // read requests taken on m_rqr
	uint64_t rq_slots = 0;                // hard-block RQ slots used (beat / rq_tlps_per_beat)
	uint64_t rc_beats = 0;                // beats given on s_rc
};

struct Msi {
	uint64_t addr = 0;
	uint32_t data = 0;
	unsigned func = 0;
	uint64_t cycle = 0;
};

// Outcome of a non-posted host request.
enum class Status { kPending, kOk, kUr, kCa, kCrs, kTimeout, kProto };

struct Result {
	Status status = Status::kPending;
	std::vector<uint32_t> data;  // DW i of the request's DW-aligned range
	uint64_t done_cycle = 0;
};

class HostModel {
public:
	explicit HostModel(const HostConfig &cfg);

	// ---- per cycle (see the protocol at the top)
	const HostPorts &outputs() const { return out_; }
	bool settle(const DevicePorts &dev);
	void clock(const DevicePorts &dev);
	uint64_t cycle() const { return cycle_; }

	// ---- root complex. Requests go out in submission order (a read never passes an
	// earlier write). Non-posted requests return an id for result(); posted ones 0.
	uint64_t submit(uint8_t type, unsigned func, uint64_t addr, unsigned len_dw,
			unsigned first_be, unsigned last_be, const uint32_t *data);
	// The result once it is no longer kPending (and forgets it), else false.
	bool take_result(uint64_t id, Result *res);
	// Forget a request the caller stopped waiting for (its result is dropped).
	void cancel(uint64_t id);
	bool idle_down() const;  // nothing queued or being sent on s_cq
	// Last cycle a beat moved on s_cq (or a request was queued): lets a caller tell a
	// device that stopped accepting requests from one that is merely busy.
	uint64_t cq_progress_cycle() const { return cq_progress_; }
	size_t queued_requests() const { return cq_queue_.size() + (cq_active_ ? 1 : 0); }

	// ---- host memory: the model's own array, or the regions attached instead
	bool mem_in_range(uint64_t addr, uint64_t len) const;
	// Replaces the model's own memory by regions (none: back to its own). Accesses
	// must fall inside one region; anything else is a DMA error as before.
	void attach(const std::vector<MemRegion> &regions) { ext_ = regions; }
	bool is_msi(uint64_t addr) const
	{
		return addr >= cfg_.msi_base && addr - cfg_.msi_base < cfg_.msi_size;
	}
	// Statistics only: DMA to [addr, addr + len) counts as class cls (1..2; 0 is
	// every other address, 3 the MSI window).
	void set_class(uint64_t addr, uint64_t len, unsigned cls);
	unsigned class_of(uint64_t addr) const;
	// Only for a range mem_in_range accepted.
	uint8_t *mem_ptr(uint64_t addr);

	// ---- interrupts
	std::deque<Msi> &msis() { return msis_; }

	const HostStats &stats() const { return stats_; }
	const std::string &last_error() const { return last_error_; }
	unsigned outstanding_reads() const { return static_cast<unsigned>(dma_reads_.size()); }
	double cycles_per_byte() const { return cycles_per_byte_; }
	uint64_t read_latency_cycles() const { return latency_cycles_; }

private:
	struct CqTlp {
		uint64_t id = 0;  // non-zero for non-posted
		uint8_t type = 0;
		uint8_t func = 0;
		uint64_t addr = 0;
		unsigned len_dw = 0;
		uint8_t first_be = 0, last_be = 0;
		uint16_t tag = 0;
		std::vector<uint32_t> data;  // write payload
	};
	struct Pending {  // a sent non-posted host request
		uint64_t id;
		uint8_t type;
		uint64_t addr;
		unsigned len_dw;
		unsigned total_bytes;  // byte count of the whole request
		unsigned first_offset; // byte offset of the first enabled byte in the DW range
		unsigned received;     // bytes completed so far
		uint64_t deadline;
		Result res;
	};
	struct RcTlp {  // one completion of a DMA read, ready at `ready_cycle`
		uint64_t ready_cycle = 0;
		uint16_t tag = 0;
		uint8_t status = 0;
		uint16_t byte_count = 0;
		uint8_t lower_addr = 0;
		bool request_done = false;
		unsigned cls = 0;  // memory class of the read (statistics)
		std::vector<uint32_t> data;
	};
	struct RqTlp {  // DMA request being received from the device
		uint8_t type = 0, func = 0;
		uint64_t addr = 0;
		unsigned len_dw = 0;
		uint8_t first_be = 0, last_be = 0;
		uint16_t tag = 0;
		std::vector<uint32_t> data;
	};
	struct CcTlp {  // completion being received from the device
		uint16_t tag = 0, requester_id = 0, byte_count = 0, len_dw = 0;
		uint8_t func = 0, status = 0, lower_addr = 0;
		std::vector<uint32_t> data;
	};

	void compute_outputs();
	bool link_free(double free_at) const { return free_at < static_cast<double>(cycle_) + 1.0; }
	void charge_rq_if(unsigned payload);
	void charge_request(const RqTlp &t);
	void charge(double *free_at, LinkStats *ls, unsigned payload, LinkStats *cls = nullptr);
	struct ClassRange {
		uint64_t addr, len;
		unsigned cls;
	};
	std::vector<ClassRange> class_ranges_;
	void protocol_error(const std::string &what);
	void finish_rq(const RqTlp &t);
	void finish_cc(const CcTlp &t);
	void schedule_read(const RqTlp &t);
	uint16_t alloc_tag();
	bool random_ready(unsigned percent);

	HostConfig cfg_;
	double cycles_per_byte_;
	uint64_t latency_cycles_;
	uint64_t cycle_ = 0;
	HostPorts out_;
	HostStats stats_;
	std::string last_error_;
	std::vector<uint8_t> mem_;
	std::vector<MemRegion> ext_;
	uint32_t rng_;
	bool cc_ready_rand_ = true;

	// downstream (host -> device): requests and DMA read completions share the link
	double down_free_at_ = 0;
	std::deque<CqTlp> cq_queue_;
	bool cq_active_ = false;  // cq_cur_ is being sent
	CqTlp cq_cur_;
	unsigned cq_beat_ = 0;
	std::deque<RcTlp> rc_queue_;  // in ready order
	bool rc_active_ = false;
	RcTlp rc_cur_;
	unsigned rc_beat_ = 0;
	bool prefer_rc_ = false;  // round robin between the two when both could start

	// upstream (device -> host)
	double up_free_at_ = 0;
	double rq_if_free_at_ = 0;  // the hard block's RQ interface, in cycles
	bool rq_in_tlp_ = false;
	RqTlp rq_cur_;
	bool cc_in_tlp_ = false;
	CcTlp cc_cur_;

	uint64_t cq_progress_ = 0;
	uint64_t next_id_ = 1;
	uint16_t next_tag_ = 0;
	std::map<uint16_t, Pending> pending_;  // by tag
	std::map<uint64_t, Result> results_;
	std::set<uint64_t> cancelled_;
	std::map<uint16_t, uint64_t> dma_reads_;  // outstanding device read tags -> accept cycle

	std::deque<Msi> msis_;
};

// Byte count of a whole request (PCIe Base §2.3.1.1 rules with first/last BE).
unsigned request_byte_count(unsigned len_dw, unsigned first_be, unsigned last_be);
// Offset of the first enabled byte in the first DW.
unsigned first_byte_offset(unsigned first_be);

}  // namespace vsim_host

#endif  // VIONIC_SIM_HOST_MODEL_H
