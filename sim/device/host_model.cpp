// SPDX-License-Identifier: MIT
//
// host_model.cpp - root complex, host memory, MSI capture and link bandwidth of the
// simulated host. See host_model.h for the per-cycle protocol, docs/simulator.md for
// the model and what it approximates.

#include "host_model.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "vionic/pcie_config_regs.h"

namespace vsim_host {

namespace {

constexpr uint8_t kMemRd = VIONIC_PCIE_CONFIG_TLP_MEM_RD;
constexpr uint8_t kMemWr = VIONIC_PCIE_CONFIG_TLP_MEM_WR;
constexpr uint8_t kCfgRd = VIONIC_PCIE_CONFIG_TLP_CFG_RD;
constexpr uint8_t kCfgWr = VIONIC_PCIE_CONFIG_TLP_CFG_WR;
constexpr uint8_t kCplSc = VIONIC_PCIE_CONFIG_CPL_SC;
constexpr uint8_t kCplUr = VIONIC_PCIE_CONFIG_CPL_UR;
constexpr uint8_t kCplCrs = VIONIC_PCIE_CONFIG_CPL_CRS;
constexpr uint8_t kCplCa = VIONIC_PCIE_CONFIG_CPL_CA;

unsigned beats_of(unsigned len_dw) { return len_dw == 0 ? 1 : (len_dw + kBeatDw - 1) / kBeatDw; }

// Bytes not enabled above the last enabled byte of a DW (last_be 0b0111 -> 1).
unsigned trailing_gap(unsigned be)
{
	unsigned gap = 0;
	for (int b = 3; b >= 0 && !(be & (1u << b)); b--)
		gap++;
	return gap;
}

}  // namespace

unsigned first_byte_offset(unsigned first_be)
{
	for (unsigned b = 0; b < 4; b++)
		if (first_be & (1u << b))
			return b;
	return 0;
}

unsigned request_byte_count(unsigned len_dw, unsigned first_be, unsigned last_be)
{
	if (len_dw == 1) {
		// A zero-length read (BE 0) still counts 1 byte (PCIe Base §2.2.5).
		if ((first_be & 0xf) == 0)
			return 1;
		return 4 - first_byte_offset(first_be) - trailing_gap(first_be);
	}
	return len_dw * 4 - first_byte_offset(first_be) - trailing_gap(last_be);
}

HostModel::HostModel(const HostConfig &cfg)
	: cfg_(cfg), mem_(cfg.host_mem_size, 0), rng_(cfg.seed ? cfg.seed : 1)
{
	// bytes/cycle = Gbit/s / 8 / MHz * 1000
	const double bytes_per_cycle = cfg_.link_gbps * 1000.0 / 8.0 / cfg_.clock_mhz;
	cycles_per_byte_ = bytes_per_cycle > 0 ? 1.0 / bytes_per_cycle : 0.0;
	latency_cycles_ = static_cast<uint64_t>(cfg_.host_read_latency_ns * cfg_.clock_mhz / 1000.0 + 0.5);
	if (cfg_.rcb_bytes == 0)
		cfg_.rcb_bytes = 64;
	if (cfg_.mps_bytes < cfg_.rcb_bytes)
		cfg_.mps_bytes = cfg_.rcb_bytes;
	compute_outputs();
}

static bool range_inside(uint64_t addr, uint64_t len, uint64_t base, uint64_t size)
{
	return addr >= base && len <= size && addr - base <= size - len;
}

bool HostModel::mem_in_range(uint64_t addr, uint64_t len) const
{
	if (ext_.empty())
		return range_inside(addr, len, cfg_.host_mem_base, cfg_.host_mem_size);
	for (const MemRegion &r : ext_)
		if (range_inside(addr, len, r.addr, r.size))
			return true;
	return false;
}

uint8_t *HostModel::mem_ptr(uint64_t addr)
{
	for (const MemRegion &r : ext_)
		if (addr >= r.addr && addr - r.addr < r.size)
			return r.ptr + (addr - r.addr);
	return &mem_[addr - cfg_.host_mem_base];
}

void HostModel::protocol_error(const std::string &what)
{
	stats_.protocol_errors++;
	char buf[64];
	std::snprintf(buf, sizeof buf, "cycle %llu: ", static_cast<unsigned long long>(cycle_));
	last_error_ = buf + what;
}

bool HostModel::random_ready(unsigned percent)
{
	if (percent >= 100)
		return true;
	// xorshift32: deterministic per seed, so a failing run can be replayed
	rng_ ^= rng_ << 13;
	rng_ ^= rng_ >> 17;
	rng_ ^= rng_ << 5;
	return rng_ % 100 < percent;
}

void HostModel::set_class(uint64_t addr, uint64_t len, unsigned cls)
{
	class_ranges_.push_back(ClassRange{addr, len, cls < kClasses ? cls : 0});
}

unsigned HostModel::class_of(uint64_t addr) const
{
	if (is_msi(addr))
		return kClasses - 1;
	for (auto it = class_ranges_.rbegin(); it != class_ranges_.rend(); ++it)
		if (addr >= it->addr && addr - it->addr < it->len)
			return it->cls;
	return 0;
}

void HostModel::charge(double *free_at, LinkStats *ls, unsigned payload, LinkStats *cls)
{
	// The TLP starts when the link finished the previous one, or now if it is idle;
	// keeping the fractional start time makes long-run throughput exact even though
	// starts are observed at whole cycles.
	const double start = std::max(*free_at, static_cast<double>(cycle_));
	const unsigned wire = payload + cfg_.tlp_overhead_bytes;
	*free_at = start + wire * cycles_per_byte_;
	ls->tlps++;
	ls->payload_bytes += payload;
	ls->wire_bytes += wire;
	if (cls) {
		cls->tlps++;
		cls->payload_bytes += payload;
		cls->wire_bytes += wire;
	}
}

// The hard block's RQ interface: a TLP takes its 16-byte descriptor and payload in
// slots of 512 / rq_tlps_per_beat bits and starts on a slot boundary (with 2, a TLP
// may start in the upper half of the beat where the previous one ended). A new TLP
// is accepted only while the current beat has a free slot (compute_outputs), so the
// long-run rate is exact; the device's sideband beats and the modelled in-band
// beats are not aligned cycle by cycle (a 256-byte write is 4 beats on m_rq and 4.5
// here), which only shifts when the next TLP may start.
// A requester TLP starts: link time, class statistics, the RQ interface (below).
void HostModel::charge_request(const RqTlp &t)
{
	const unsigned payload = t.type == kMemWr ? t.len_dw * 4 : 0;
	ClassStats &cs = stats_.cls[class_of(t.addr)];
	charge(&up_free_at_, &stats_.up, payload, t.type == kMemWr ? &cs.wr : &cs.rd_req);
	charge_rq_if(payload);
}

void HostModel::charge_rq_if(unsigned payload)
{
	const unsigned per_beat = cfg_.rq_tlps_per_beat ? cfg_.rq_tlps_per_beat : 1;
	const unsigned slot_bytes = kBeatDw * 4 / per_beat;
	const unsigned slots = (kRqDescriptorBytes + payload + slot_bytes - 1) / slot_bytes;
	const double start = std::max(rq_if_free_at_, static_cast<double>(cycle_));
	rq_if_free_at_ = start + static_cast<double>(slots) / per_beat;
	stats_.rq_slots += slots;
}

uint16_t HostModel::alloc_tag()
{
	for (unsigned i = 0; i < 256; i++) {
		const uint16_t t = static_cast<uint16_t>((next_tag_ + i) & 0xff);
		if (!pending_.count(t)) {
			next_tag_ = static_cast<uint16_t>((t + 1) & 0xff);
			return t;
		}
	}
	return 0;  // cannot happen: the C API has at most one read outstanding
}

uint64_t HostModel::submit(uint8_t type, unsigned func, uint64_t addr, unsigned len_dw,
			   unsigned first_be, unsigned last_be, const uint32_t *data)
{
	CqTlp t;
	t.type = type;
	t.func = static_cast<uint8_t>(func);
	t.addr = addr;
	t.len_dw = len_dw;
	t.first_be = static_cast<uint8_t>(first_be & 0xf);
	t.last_be = static_cast<uint8_t>(len_dw == 1 ? 0 : last_be & 0xf);
	const bool has_data = type == kMemWr || type == kCfgWr;
	if (has_data)
		t.data.assign(data, data + (type == kCfgWr ? 1 : len_dw));
	if (type != kMemWr)
		t.id = next_id_++;
	const uint64_t id = t.id;
	cq_queue_.push_back(std::move(t));
	cq_progress_ = cycle_;
	compute_outputs();  // may start right away if the stream is idle
	return id;
}

bool HostModel::take_result(uint64_t id, Result *res)
{
	auto it = results_.find(id);
	if (it == results_.end())
		return false;
	*res = std::move(it->second);
	results_.erase(it);
	return true;
}

void HostModel::cancel(uint64_t id)
{
	if (!results_.erase(id))
		cancelled_.insert(id);
}

bool HostModel::idle_down() const { return cq_queue_.empty() && !cq_active_; }

void HostModel::compute_outputs()
{
	// ---- s_cq and s_rc share the downstream link; a TLP starts only when it is free
	const bool down_free = link_free(down_free_at_);
	const bool rc_can = !rc_active_ && !rc_queue_.empty() && rc_queue_.front().ready_cycle <= cycle_;
	const bool cq_can = !cq_active_ && !cq_queue_.empty();
	// A stream whose first beat is waiting for ready has not charged the link yet, so
	// the other must not start alongside it.
	const bool cq_waiting = cq_active_ && cq_beat_ == 0;
	const bool rc_waiting = rc_active_ && rc_beat_ == 0;
	if (down_free && rc_can && !cq_waiting && (!cq_can || prefer_rc_)) {
		rc_cur_ = std::move(rc_queue_.front());
		rc_queue_.pop_front();
		rc_active_ = true;
		rc_beat_ = 0;
		prefer_rc_ = false;
	} else if (down_free && cq_can && !rc_waiting) {
		cq_cur_ = std::move(cq_queue_.front());
		cq_queue_.pop_front();
		cq_active_ = true;
		cq_beat_ = 0;
		prefer_rc_ = true;
		if (cq_cur_.id) {
			// Register the tag now: the completion cannot come before the request
			// is sent, and the timeout starts when the last beat moves.
			cq_cur_.tag = alloc_tag();
			Pending p{};
			p.id = cq_cur_.id;
			p.type = cq_cur_.type;
			p.addr = cq_cur_.addr;
			p.len_dw = cq_cur_.len_dw;
			p.total_bytes = request_byte_count(cq_cur_.len_dw, cq_cur_.first_be, cq_cur_.last_be);
			p.first_offset = first_byte_offset(cq_cur_.first_be);
			p.received = 0;
			p.deadline = UINT64_MAX;
			p.res.data.assign(cq_cur_.type == kMemRd ? cq_cur_.len_dw : 1, 0);
			pending_[cq_cur_.tag] = std::move(p);
		}
	}

	out_.cq_valid = cq_active_;
	if (cq_active_) {
		const CqTlp &t = cq_cur_;
		out_.cq_type = t.type;
		out_.cq_func = t.func;
		out_.cq_addr = t.addr;
		out_.cq_len_dw = static_cast<uint16_t>(t.len_dw);
		out_.cq_first_be = t.first_be;
		out_.cq_last_be = t.last_be;
		out_.cq_tag = t.tag;
		out_.cq_requester_id = cfg_.requester_id;
		const unsigned beats = t.type == kMemWr ? t.len_dw : 1;
		out_.cq_data = cq_beat_ < t.data.size() ? t.data[cq_beat_] : 0;
		out_.cq_last = cq_beat_ + 1 == beats;
	} else {
		out_.cq_last = false;
	}

	out_.rc_valid = rc_active_;
	if (rc_active_) {
		const RcTlp &t = rc_cur_;
		const unsigned len = static_cast<unsigned>(t.data.size());
		out_.rc_tag = t.tag;
		out_.rc_status = t.status;
		out_.rc_byte_count = t.byte_count;
		out_.rc_lower_addr = t.lower_addr;
		out_.rc_len_dw = static_cast<uint16_t>(len);
		out_.rc_request_done = t.request_done;
		out_.rc_keep = 0;
		for (unsigned i = 0; i < kBeatDw; i++) {
			const unsigned dw = rc_beat_ * kBeatDw + i;
			out_.rc_data[i] = dw < len ? t.data[dw] : 0;
			if (dw < len)
				out_.rc_keep |= static_cast<uint16_t>(1u << i);
		}
		out_.rc_last = rc_beat_ + 1 == beats_of(len);
	} else {
		out_.rc_last = false;
	}

	// ---- upstream: a new TLP may start only when the link is free and the hard
	// block's RQ interface has room in the current beat
	const bool up_free = link_free(up_free_at_);
	const bool rq_start = up_free && link_free(rq_if_free_at_);
	out_.rq_ready = rq_in_tlp_ || rq_start;
	out_.rqr_ready = rq_start && dma_reads_.size() < cfg_.max_read_tags;
	out_.cc_ready = cc_ready_rand_ && (cc_in_tlp_ || up_free);
}

bool HostModel::settle(const DevicePorts &dev)
{
	// The tag limit holds back reads only: posted writes (and MSI-X) may pass a
	// blocked read (PCIe Base §2.4.1 ordering rules, and what avoids deadlock).
	const size_t rqr_taking = dev.rqr_valid && out_.rqr_ready ? 1 : 0;
	if (out_.rq_ready && !rq_in_tlp_ && dev.rq_valid && dev.rq_type == kMemRd &&
	    dma_reads_.size() + rqr_taking >= cfg_.max_read_tags) {
		out_.rq_ready = false;
		return true;
	}
	return false;
}

void HostModel::clock(const DevicePorts &dev)
{
	// ---- s_cq: host requests
	if (out_.cq_valid && dev.cq_ready) {
		if (cq_beat_ == 0)
			charge(&down_free_at_, &stats_.down,
			       cq_cur_.type == kMemWr || cq_cur_.type == kCfgWr
				       ? static_cast<unsigned>(cq_cur_.data.size()) * 4 : 0);
		cq_beat_++;
		cq_progress_ = cycle_;
		if (out_.cq_last) {
			cq_active_ = false;
			if (cq_cur_.id) {
				auto it = pending_.find(cq_cur_.tag);
				if (it != pending_.end())
					it->second.deadline = cycle_ + cfg_.completion_timeout_cycles;
			}
		}
	}

	// ---- s_rc: completions for DMA reads
	if (out_.rc_valid && dev.rc_ready) {
		stats_.rc_beats++;
		if (rc_beat_ == 0)
			charge(&down_free_at_, &stats_.down, static_cast<unsigned>(rc_cur_.data.size()) * 4,
			       &stats_.cls[rc_cur_.cls].cpl);
		rc_beat_++;
		if (out_.rc_last) {
			rc_active_ = false;
			if (rc_cur_.request_done)
				dma_reads_.erase(rc_cur_.tag);
		}
	}

	// ---- m_rq: device DMA requests and MSI-X
	if (dev.rq_valid && out_.rq_ready) {
		stats_.rq_beats++;
		if (!rq_in_tlp_) {
			rq_cur_ = RqTlp{dev.rq_type, dev.rq_func, dev.rq_addr, dev.rq_len_dw ? dev.rq_len_dw : 1024u,
					dev.rq_first_be, dev.rq_last_be, dev.rq_tag, {}};
			rq_in_tlp_ = true;
			charge_request(rq_cur_);
		}
		if (rq_cur_.type == kMemWr)
			for (unsigned i = 0; i < kBeatDw; i++)
				if (dev.rq_keep & (1u << i))
					rq_cur_.data.push_back(dev.rq_data[i]);
		if (dev.rq_last) {
			rq_in_tlp_ = false;
			finish_rq(rq_cur_);
		}
	}

	// ---- m_rqr: device DMA read requests, after m_rq (see host_model.h)
	if (dev.rqr_valid && out_.rqr_ready) {
		stats_.rqr_requests++;
		const RqTlp t{kMemRd, dev.rqr_func, dev.rqr_addr, dev.rqr_len_dw ? dev.rqr_len_dw : 1024u,
			      dev.rqr_first_be, dev.rqr_last_be, dev.rqr_tag, {}};
		charge_request(t);
		finish_rq(t);
	}

	// ---- m_cc: completions of host requests
	if (dev.cc_valid && out_.cc_ready) {
		if (!cc_in_tlp_) {
			cc_cur_ = CcTlp{};
			cc_cur_.tag = dev.cc_tag;
			cc_cur_.requester_id = dev.cc_requester_id;
			cc_cur_.byte_count = dev.cc_byte_count;
			cc_cur_.len_dw = dev.cc_len_dw;
			cc_cur_.func = dev.cc_func;
			cc_cur_.status = dev.cc_status;
			cc_cur_.lower_addr = dev.cc_lower_addr;
			cc_in_tlp_ = true;
			charge(&up_free_at_, &stats_.up, dev.cc_len_dw * 4u);
		}
		if (cc_cur_.len_dw)
			cc_cur_.data.push_back(dev.cc_data);
		if (dev.cc_last) {
			cc_in_tlp_ = false;
			finish_cc(cc_cur_);
		}
	}

	// ---- completion timeouts (PCIe Base §2.8): the request fails, the tag is freed
	for (auto it = pending_.begin(); it != pending_.end();) {
		if (it->second.deadline <= cycle_) {
			stats_.completion_timeouts++;
			if (!cancelled_.erase(it->second.id)) {
				Result &r = results_[it->second.id];
				r.status = Status::kTimeout;
				r.done_cycle = cycle_;
			}
			it = pending_.erase(it);
		} else {
			++it;
		}
	}

	cycle_++;
	cc_ready_rand_ = random_ready(cfg_.cc_ready_percent);
	compute_outputs();
}

void HostModel::finish_rq(const RqTlp &t)
{
	if (t.len_dw > 1024 || ((t.addr & 0xfff) + t.len_dw * 4ull > 0x1000))
		protocol_error("m_rq request crosses a 4 KiB boundary or is longer than 1024 DW");
	if (t.type == kMemRd) {
		stats_.dma_reads++;
		if (dma_reads_.count(t.tag))
			protocol_error("m_rq read reuses an outstanding tag");
		dma_reads_[t.tag] = cycle_;
		stats_.max_outstanding_reads =
			std::max(stats_.max_outstanding_reads, static_cast<unsigned>(dma_reads_.size()));
		schedule_read(t);
		return;
	}
	if (t.type != kMemWr) {
		protocol_error("m_rq type is neither memory read nor write");
		return;
	}
	if (t.data.size() != t.len_dw)
		protocol_error("m_rq write payload does not match len_dw");
	if (is_msi(t.addr)) {
		Msi m;
		m.addr = t.addr;
		m.data = t.data.empty() ? 0 : t.data[0];
		m.func = t.func;
		m.cycle = cycle_;
		msis_.push_back(m);
		stats_.msi_count++;
		return;
	}
	stats_.dma_writes++;
	if (t.len_dw * 4 > cfg_.mps_bytes)
		protocol_error("m_rq write payload exceeds the host's max payload size");
	if (!mem_in_range(t.addr, t.len_dw * 4ull)) {
		stats_.dma_errors++;  // a real host would log an IOMMU/UR fault; data dropped
		return;
	}
	for (unsigned i = 0; i < t.len_dw && i < t.data.size(); i++) {
		unsigned be = 0xf;
		if (i == 0)
			be = t.first_be;
		else if (i + 1 == t.len_dw)
			be = t.last_be;
		uint8_t *p = mem_ptr(t.addr + 4ull * i);
		for (unsigned b = 0; b < 4; b++)
			if (be & (1u << b))
				p[b] = static_cast<uint8_t>(t.data[i] >> (8 * b));
	}
}

void HostModel::schedule_read(const RqTlp &t)
{
	const uint64_t ready = cycle_ + latency_cycles_;
	const unsigned total = request_byte_count(t.len_dw, t.first_be, t.last_be);
	const unsigned fbo = first_byte_offset(t.first_be);
	if (!mem_in_range(t.addr, t.len_dw * 4ull)) {
		stats_.dma_errors++;
		RcTlp c;
		c.ready_cycle = ready;
		c.tag = t.tag;
		c.cls = class_of(t.addr);
		c.status = kCplUr;
		c.byte_count = static_cast<uint16_t>(total & 0x1fff);
		c.lower_addr = static_cast<uint8_t>((t.addr + fbo) & 0x7f);
		c.request_done = true;
		rc_queue_.push_back(std::move(c));
		return;
	}
	// Split at RCB-aligned boundaries into completions of at most MPS bytes: a host
	// may return any such split (PCIe Base §2.3.1.1); this one uses the fewest TLPs.
	const uint64_t end = t.addr + t.len_dw * 4ull;
	const unsigned last_gap = t.len_dw == 1 ? 0 : trailing_gap(t.last_be);
	unsigned delivered = 0;
	for (uint64_t start = t.addr; start < end;) {
		uint64_t ce = (start + cfg_.mps_bytes) / cfg_.rcb_bytes * cfg_.rcb_bytes;
		if (ce <= start)
			ce = start + cfg_.mps_bytes;
		ce = std::min(ce, end);
		RcTlp c;
		c.ready_cycle = ready;
		c.tag = t.tag;
		c.cls = class_of(t.addr);
		c.status = kCplSc;
		const bool first = start == t.addr;
		c.lower_addr = static_cast<uint8_t>((start + (first ? fbo : 0)) & 0x7f);
		c.byte_count = static_cast<uint16_t>((total - delivered) & 0x1fff);
		c.request_done = ce == end;
		const unsigned n = static_cast<unsigned>((ce - start) / 4);
		c.data.resize(n);
		std::memcpy(c.data.data(), mem_ptr(start), n * 4ull);
		unsigned bytes = n * 4 - (first ? fbo : 0) - (c.request_done ? last_gap : 0);
		if (t.len_dw == 1)
			bytes = total;
		delivered += bytes;
		rc_queue_.push_back(std::move(c));
		start = ce;
	}
}

void HostModel::finish_cc(const CcTlp &t)
{
	auto it = pending_.find(t.tag);
	if (it == pending_.end() || it->second.deadline == UINT64_MAX) {
		stats_.unexpected_completions++;
		protocol_error("m_cc completion for no outstanding request");
		return;
	}
	Pending &p = it->second;
	bool done = true;
	Status st = Status::kOk;
	if (t.requester_id != cfg_.requester_id) {
		protocol_error("m_cc requester ID does not match the request");
		st = Status::kProto;
	} else if (t.status == kCplUr) {
		st = Status::kUr;
	} else if (t.status == kCplCa) {
		st = Status::kCa;
	} else if (t.status == kCplCrs) {
		st = p.type == kCfgRd || p.type == kCfgWr ? Status::kCrs : Status::kProto;
	} else if (t.status != kCplSc) {
		protocol_error("m_cc reserved completion status");
		st = Status::kProto;
	} else if (t.data.size() != t.len_dw) {
		protocol_error("m_cc beats do not match len_dw");
		st = Status::kProto;
	} else if (p.type == kCfgWr || p.type == kMemWr) {
		if (t.len_dw != 0) {
			protocol_error("m_cc config write completion with data");
			st = Status::kProto;
		}
	} else if (p.type == kCfgRd) {
		if (t.len_dw != 1) {
			protocol_error("m_cc config read completion is not 1 DW");
			st = Status::kProto;
		} else {
			p.res.data[0] = t.data[0];
		}
	} else {
		// Memory read: place the data by how much of the request is already done.
		const unsigned off = p.first_offset + p.received;  // byte in the DW range
		const unsigned bc = t.byte_count ? t.byte_count : 4096;
		const unsigned here = t.len_dw * 4 - (t.lower_addr & 3u);
		if (((p.addr + off) & 0x7f) != t.lower_addr) {
			protocol_error("m_cc lower address does not match the data already received");
			st = Status::kProto;
		} else if (bc != p.total_bytes - p.received) {
			protocol_error("m_cc byte count does not match the bytes still due");
			st = Status::kProto;
		} else if (off / 4 + t.len_dw > p.len_dw) {
			protocol_error("m_cc returns more data than requested");
			st = Status::kProto;
		} else {
			std::copy(t.data.begin(), t.data.end(), p.res.data.begin() + off / 4);
			if (bc > here) {
				p.received += here;
				done = false;
			}
		}
	}
	if (!done)
		return;
	p.res.status = st;
	p.res.done_cycle = cycle_;
	if (!cancelled_.erase(p.id))
		results_[p.id] = std::move(p.res);
	pending_.erase(it);
}

}  // namespace vsim_host
