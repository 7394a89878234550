// SPDX-License-Identifier: MIT
//
// host_model_test.cpp - unit test of the simulated host (host_model.h) without
// Verilator: this file plays the device side of the four streams cycle by cycle.
// TAP output; exit status 1 if any check fails.

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "host_model.h"
#include "vionic/pcie_config_regs.h"

using namespace vsim_host;

namespace {

constexpr uint8_t kMemRd = VIONIC_PCIE_CONFIG_TLP_MEM_RD;
constexpr uint8_t kMemWr = VIONIC_PCIE_CONFIG_TLP_MEM_WR;
constexpr uint8_t kCfgRd = VIONIC_PCIE_CONFIG_TLP_CFG_RD;
constexpr uint8_t kCplSc = VIONIC_PCIE_CONFIG_CPL_SC;
constexpr uint8_t kCplUr = VIONIC_PCIE_CONFIG_CPL_UR;
constexpr uint8_t kCplCrs = VIONIC_PCIE_CONFIG_CPL_CRS;

int g_test = 0;
int g_failed = 0;
std::string g_why;

// Records the first failed check of a test; the test reports it.
bool check(bool cond, const char *fmt, ...)
{
	if (!cond && g_why.empty()) {
		char buf[256];
		va_list ap;
		va_start(ap, fmt);
		std::vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		g_why = buf;
	}
	return cond;
}

void run(const char *name, const std::function<void()> &fn)
{
	g_why.clear();
	fn();
	g_test++;
	if (g_why.empty()) {
		std::printf("ok %d - %s\n", g_test, name);
	} else {
		g_failed++;
		std::printf("not ok %d - %s\n# %s\n", g_test, name, g_why.c_str());
	}
}

struct Completion {
	uint16_t tag;
	uint8_t status;
	unsigned byte_count, lower_addr, len_dw;
	bool done;
	std::vector<uint32_t> data;
	uint64_t first_cycle;
};

// The device side: what it drives, what it has seen.
struct Device {
	HostModel h;
	DevicePorts d;
	std::vector<Completion> rc;  // completions received on s_rc
	bool rc_in = false;
	uint64_t rq_ready_low_cycles = 0;

	explicit Device(const HostConfig &c) : h(c) { d.rc_ready = true; }

	// One clock: the host settles against d, handshakes happen, s_rc is collected.
	void tick()
	{
		h.settle(d);
		const HostPorts &o = h.outputs();
		if (d.rq_valid && !o.rq_ready)
			rq_ready_low_cycles++;
		if (o.rc_valid && d.rc_ready) {
			if (!rc_in) {
				rc.push_back(Completion{o.rc_tag, o.rc_status, o.rc_byte_count, o.rc_lower_addr,
							o.rc_len_dw, o.rc_request_done, {}, h.cycle()});
				rc_in = true;
			}
			for (unsigned i = 0; i < kBeatDw; i++)
				if (o.rc_keep & (1u << i))
					rc.back().data.push_back(o.rc_data[i]);
			if (o.rc_last)
				rc_in = false;
		}
		h.clock(d);
	}

	// Sends one m_rq TLP; returns the cycle its first beat was accepted.
	uint64_t send_rq(uint8_t type, uint64_t addr, unsigned len_dw, unsigned fbe, unsigned lbe,
			 uint16_t tag, const std::vector<uint32_t> &data = {}, uint8_t func = 0,
			 uint64_t limit = 100000)
	{
		const unsigned beats = type == kMemWr ? (len_dw + kBeatDw - 1) / kBeatDw : 1;
		uint64_t first = UINT64_MAX;
		for (unsigned b = 0; b < beats; b++) {
			d.rq_valid = true;
			d.rq_type = type;
			d.rq_func = func;
			d.rq_addr = addr;
			d.rq_len_dw = static_cast<uint16_t>(len_dw);
			d.rq_first_be = static_cast<uint8_t>(fbe);
			d.rq_last_be = static_cast<uint8_t>(lbe);
			d.rq_tag = tag;
			d.rq_keep = 0;
			for (unsigned i = 0; i < kBeatDw; i++) {
				const unsigned dw = b * kBeatDw + i;
				d.rq_data[i] = dw < data.size() ? data[dw] : 0;
				if (type == kMemWr && dw < len_dw)
					d.rq_keep |= static_cast<uint16_t>(1u << i);
			}
			d.rq_last = b + 1 == beats;
			for (uint64_t n = 0;; n++) {
				if (n > limit)
					return UINT64_MAX;
				h.settle(d);
				const bool moved = h.outputs().rq_ready;
				const uint64_t now = h.cycle();
				tick();
				if (moved) {
					if (b == 0)
						first = now;
					break;
				}
			}
		}
		d.rq_valid = false;
		return first;
	}

	// Sends n 256-byte writes back to back into [base, base + 16 KiB); returns the
	// cycles from the first one's start to the last one's.
	uint64_t write_stream(unsigned n, uint64_t base)
	{
		const std::vector<uint32_t> data(64, 0xa5a5a5a5);
		const uint64_t t0 = send_rq(kMemWr, base, 64, 0xf, 0xf, 0, data);
		uint64_t tl = t0;
		for (unsigned i = 1; i < n; i++)
			tl = send_rq(kMemWr, base + 256 * (i % 64), 64, 0xf, 0xf, 0, data);
		return tl - t0;
	}

	void run_until(const std::function<bool()> &done, uint64_t limit = 1000000)
	{
		for (uint64_t n = 0; n < limit && !done(); n++)
			tick();
	}
};

HostConfig base_cfg()
{
	HostConfig c;
	c.host_mem_base = 0x100000;
	c.host_mem_size = 1 << 20;
	return c;
}

void fill_mem(HostModel &h, uint64_t base, size_t len)
{
	for (size_t i = 0; i < len; i++)
		*h.mem_ptr(base + i) = static_cast<uint8_t>(i * 7 + 3);
}

uint32_t mem_dw(HostModel &h, uint64_t addr)
{
	uint32_t v;
	std::memcpy(&v, h.mem_ptr(addr), 4);
	return v;
}

// Checks the completions of one read against the PCIe splitting rules and memory.
void check_split(Device &dev, uint64_t addr, unsigned len_dw, unsigned fbe, unsigned lbe,
		 unsigned rcb, unsigned mps)
{
	const unsigned total = request_byte_count(len_dw, fbe, lbe);
	uint64_t pos = addr;  // DW-aligned start of the next completion
	unsigned remaining = total;
	for (size_t i = 0; i < dev.rc.size(); i++) {
		const Completion &c = dev.rc[i];
		const bool first = i == 0, last = i + 1 == dev.rc.size();
		const unsigned bytes = c.len_dw * 4;
		if (!check(c.status == kCplSc, "status %u", c.status) ||
		    !check(c.data.size() == c.len_dw, "beats carry %zu DW, len %u", c.data.size(), c.len_dw) ||
		    !check(bytes <= mps, "completion %zu of %u bytes > MPS", i, bytes) ||
		    !check(c.done == last, "request_done on completion %zu of %zu", i, dev.rc.size()) ||
		    !check((c.byte_count ? c.byte_count : 4096) == remaining, "byte_count %u, expected %u",
			   c.byte_count, remaining))
			return;
		const unsigned lower = static_cast<unsigned>((pos + (first ? first_byte_offset(fbe) : 0)) & 0x7f);
		if (!check(c.lower_addr == lower, "lower_addr 0x%x, expected 0x%x", c.lower_addr, lower))
			return;
		const uint64_t end = pos + bytes;
		if (!last && !check(end % rcb == 0, "completion %zu ends at 0x%" PRIx64 ", not RCB aligned", i, end))
			return;
		for (unsigned k = 0; k < c.len_dw; k++)
			if (!check(c.data[k] == mem_dw(dev.h, pos + 4 * k), "data DW %u of completion %zu", k, i))
				return;
		unsigned here = bytes - (first ? first_byte_offset(fbe) : 0);
		if (last)
			here = remaining;
		remaining -= here;
		pos = end;
	}
	check(pos == addr + len_dw * 4ull, "completions cover 0x%" PRIx64 "..0x%" PRIx64, addr, pos);
	check(remaining == 0, "%u bytes never completed", remaining);
}

// Sends a read, then collects every completion of it.
void read_and_collect(Device &dev, uint64_t addr, unsigned len_dw, unsigned fbe, unsigned lbe)
{
	dev.rc.clear();
	dev.send_rq(kMemRd, addr, len_dw, fbe, lbe, 5);
	dev.run_until([&] { return !dev.rc.empty() && dev.rc.back().done && !dev.rc_in; });
}

}  // namespace

int main()
{
	run("completion splitting at RCB 64 / MPS 256", [] {
		HostConfig c = base_cfg();
		Device dev(c);
		fill_mem(dev.h, c.host_mem_base, 64 * 1024);
		struct { uint64_t off; unsigned len, fbe, lbe; } cases[] = {
			{0x0, 1, 0xf, 0}, {0x4, 1, 0x6, 0}, {0x0, 16, 0xf, 0xf}, {0x3c, 2, 0xe, 0x1},
			{0x40, 64, 0xf, 0xf}, {0x10, 64, 0xc, 0x3}, {0x1f0, 128, 0xf, 0xf},
			{0x44, 1024, 0xf, 0xf}, {0x7c, 31, 0x8, 0x7}, {0xffc, 1, 0xf, 0},
		};
		for (auto &k : cases) {
			read_and_collect(dev, c.host_mem_base + k.off, k.len, k.fbe, k.lbe);
			check_split(dev, c.host_mem_base + k.off, k.len, k.fbe, k.lbe, 64, 256);
			if (!g_why.empty()) {
				g_why += " (case off 0x" + std::to_string(k.off) + " len " + std::to_string(k.len) + ")";
				return;
			}
		}
		// 0x10 + 256 bytes: the first completion ends at the RCB boundary 0x100
		read_and_collect(dev, c.host_mem_base + 0x10, 64, 0xf, 0xf);
		check(dev.rc.size() == 2 && dev.rc[0].len_dw == 60 && dev.rc[1].len_dw == 4,
		      "0x10/256 B split into %zu completions", dev.rc.size());
	});

	run("completion splitting at RCB 128 / MPS 128", [] {
		HostConfig c = base_cfg();
		c.rcb_bytes = 128;
		c.mps_bytes = 128;
		Device dev(c);
		fill_mem(dev.h, c.host_mem_base, 16 * 1024);
		struct { uint64_t off; unsigned len; } cases[] = {{0x0, 128}, {0x44, 100}, {0x80, 32}, {0xfc, 3}};
		for (auto &k : cases) {
			read_and_collect(dev, c.host_mem_base + k.off, k.len, 0xf, k.len > 1 ? 0xf : 0);
			check_split(dev, c.host_mem_base + k.off, k.len, 0xf, k.len > 1 ? 0xf : 0, 128, 128);
		}
		read_and_collect(dev, c.host_mem_base, 128, 0xf, 0xf);
		check(dev.rc.size() == 4, "512 B at 128 B MPS: %zu completions", dev.rc.size());
	});

	run("read latency", [] {
		HostConfig c = base_cfg();
		c.host_read_latency_ns = 500;
		c.clock_mhz = 250;
		Device dev(c);
		const uint64_t t0 = dev.send_rq(kMemRd, c.host_mem_base, 16, 0xf, 0xf, 1);
		dev.run_until([&] { return !dev.rc.empty(); });
		check(dev.h.read_latency_cycles() == 125, "latency %" PRIu64 " cycles", dev.h.read_latency_cycles());
		check(!dev.rc.empty() && dev.rc[0].first_cycle - t0 == 125, "first completion %" PRIu64
		      " cycles after the request", dev.rc.empty() ? 0 : dev.rc[0].first_cycle - t0);
	});

	run("tag limit holds reads, not writes", [] {
		HostConfig c = base_cfg();
		c.max_read_tags = 4;
		Device dev(c);
		dev.d.rc_ready = false;  // completions wait: tags stay in use
		for (uint16_t t = 0; t < 4; t++)
			check(dev.send_rq(kMemRd, c.host_mem_base, 1, 0xf, 0, t) != UINT64_MAX, "read %u", t);
		check(dev.h.outstanding_reads() == 4, "%u outstanding", dev.h.outstanding_reads());
		check(dev.send_rq(kMemRd, c.host_mem_base, 1, 0xf, 0, 4, {}, 0, 2000) == UINT64_MAX,
		      "fifth read accepted with 4 tags in use");
		check(dev.rq_ready_low_cycles > 1000, "ready low %" PRIu64 " cycles", dev.rq_ready_low_cycles);
		check(dev.send_rq(kMemWr, c.host_mem_base, 1, 0xf, 0, 0, {0x1234}) != UINT64_MAX,
		      "write blocked behind the tag limit");
		dev.d.rc_ready = true;
		check(dev.send_rq(kMemRd, c.host_mem_base, 1, 0xf, 0, 4) != UINT64_MAX, "read after tags freed");
		check(dev.h.stats().max_outstanding_reads == 4, "max outstanding %u",
		      dev.h.stats().max_outstanding_reads);
	});

	run("upstream bandwidth: 2000 x 256 B writes", [] {
		HostConfig c = base_cfg();
		c.link_gbps = 100;  // below the RQ interface (~114 Gb/s of 256 B writes)
		Device dev(c);
		const unsigned n = 2000;
		// n-1 TLP times elapse between the first and the last start
		const double got = static_cast<double>(dev.write_stream(n, c.host_mem_base));
		const double expect = (n - 1) * (256.0 + c.tlp_overhead_bytes) * dev.h.cycles_per_byte();
		check(std::fabs(got - expect) <= 0.01 * expect, "%.0f cycles, expected %.0f", got, expect);
		check(dev.h.stats().up.tlps == n && dev.h.stats().up.wire_bytes == n * 280ull,
		      "up stats %" PRIu64 " TLPs %" PRIu64 " wire bytes", dev.h.stats().up.tlps,
		      dev.h.stats().up.wire_bytes);
		check(dev.h.stats().dma_writes == n, "dma_writes %" PRIu64, dev.h.stats().dma_writes);
	});

	// The hard block's RQ interface (HostConfig::rq_tlps_per_beat), with a link fast
	// enough not to matter: a 256-byte write is 272 bytes in band.
	const auto rq_if_cfg = [](unsigned per_beat) {
		HostConfig c = base_cfg();
		c.link_gbps = 10000;
		c.rq_tlps_per_beat = per_beat;
		c.max_read_tags = 1024;
		return c;
	};
	for (const unsigned per_beat : {2u, 1u}) {
		const std::string name = std::string("RQ interface: 256 B writes cost ") +
					 (per_beat == 2 ? "4.5 beats with straddling" : "5 beats without");
		run(name.c_str(), [&rq_if_cfg, per_beat] {
			const HostConfig c = rq_if_cfg(per_beat);
			Device dev(c);
			const unsigned n = 400;
			const double got = static_cast<double>(dev.write_stream(n, c.host_mem_base));
			const double expect = (n - 1) * (per_beat == 2 ? 4.5 : 5.0);
			check(std::fabs(got - expect) <= 0.01 * expect, "%.0f cycles, expected %.0f", got, expect);
			check(dev.h.stats().rq_slots == n * (per_beat == 2 ? 9ull : 5ull), "%" PRIu64 " slots",
			      dev.h.stats().rq_slots);
		});
	}

	// m_rq and m_rqr together: a 1-DW read fills the half beat a 256-byte write leaves
	// (9 + 1 slots = 5 cycles per pair); without straddling it takes a beat of its own.
	for (const unsigned per_beat : {2u, 1u}) {
		const std::string name = std::string("m_rqr reads beside m_rq writes: ") +
					 (per_beat == 2 ? "5 cycles per write and read" : "6 without straddling");
		run(name.c_str(), [&rq_if_cfg, per_beat] {
			const HostConfig c = rq_if_cfg(per_beat);
			Device dev(c);
			const unsigned n = 400;
			unsigned writes = 0, beat = 0, reads = 0;
			uint64_t t0 = 0, tl = 0;
			while (writes < n && dev.h.cycle() < 100000) {
				dev.d.rq_valid = true;
				dev.d.rq_type = kMemWr;
				dev.d.rq_addr = c.host_mem_base + 256 * (writes % 64);
				dev.d.rq_len_dw = 64;
				dev.d.rq_first_be = dev.d.rq_last_be = 0xf;
				dev.d.rq_keep = 0xffff;
				dev.d.rq_last = beat == 3;
				dev.d.rqr_valid = reads < n;
				dev.d.rqr_addr = c.host_mem_base + 0x8000 + 4 * (reads % 64);
				dev.d.rqr_len_dw = 1;
				dev.d.rqr_first_be = 0xf;
				dev.d.rqr_last_be = 0;
				dev.d.rqr_tag = static_cast<uint16_t>(reads);
				dev.h.settle(dev.d);
				const HostPorts o = dev.h.outputs();
				const uint64_t now = dev.h.cycle();
				dev.tick();
				if (o.rq_ready) {
					if (beat == 0) {
						if (writes == 0)
							t0 = now;
						tl = now;
					}
					if (++beat == 4) {
						beat = 0;
						writes++;
					}
				}
				if (o.rqr_ready && dev.d.rqr_valid)
					reads++;
			}
			dev.d.rq_valid = dev.d.rqr_valid = false;
			const double expect = (n - 1) * (per_beat == 2 ? 5.0 : 6.0);
			const double got = static_cast<double>(tl - t0);
			check(writes == n, "%u writes", writes);
			check(std::fabs(got - expect) <= 0.02 * expect, "%.0f cycles, expected %.0f", got, expect);
			check(reads + 2 >= n, "%u reads beside %u writes", reads, n);
			check(dev.h.stats().rqr_requests == reads && dev.h.stats().dma_reads == reads,
			      "rqr_requests %" PRIu64, dev.h.stats().rqr_requests);
			check(dev.h.stats().protocol_errors == 0, "protocol error: %s", dev.h.last_error().c_str());
		});
	}

	run("m_rqr: a read taken with a write's last beat sees the write; tag limit", [] {
		HostConfig c = base_cfg();
		c.max_read_tags = 2;
		Device dev(c);
		fill_mem(dev.h, c.host_mem_base, 64);
		dev.d.rq_valid = true;
		dev.d.rq_type = kMemWr;
		dev.d.rq_addr = c.host_mem_base;
		dev.d.rq_len_dw = 1;
		dev.d.rq_first_be = 0xf;
		dev.d.rq_last_be = 0;
		dev.d.rq_data[0] = 0xc0ffee11;
		dev.d.rq_keep = 1;
		dev.d.rq_last = true;
		dev.d.rqr_valid = true;
		dev.d.rqr_addr = c.host_mem_base;
		dev.d.rqr_len_dw = 1;
		dev.d.rqr_first_be = 0xf;
		dev.d.rqr_last_be = 0;
		dev.d.rqr_tag = 5;
		dev.h.settle(dev.d);
		check(dev.h.outputs().rq_ready && dev.h.outputs().rqr_ready, "both ready at idle");
		dev.tick();
		dev.d.rq_valid = false;
		dev.d.rqr_tag = 6;
		dev.tick();  // second read: now 2 tags in use
		dev.d.rqr_tag = 7;
		unsigned ready = 0;
		for (int i = 0; i < 50; i++) {
			dev.h.settle(dev.d);
			ready += dev.h.outputs().rqr_ready;
			dev.d.rqr_valid = false;  // only look, do not take
			dev.tick();
			dev.d.rqr_valid = true;
		}
		check(ready == 0, "m_rqr ready %u times with every tag in use", ready);
		dev.d.rqr_valid = false;
		dev.run_until([&] { return dev.rc.size() == 2 && !dev.rc_in; }, 2000);
		check(dev.rc.size() == 2 && dev.rc[0].tag == 5 && dev.rc[0].data.size() == 1 &&
			      dev.rc[0].data[0] == 0xc0ffee11,
		      "read of tag 5: %zu completions, data 0x%08x", dev.rc.size(),
		      dev.rc.empty() || dev.rc[0].data.empty() ? 0u : dev.rc[0].data[0]);
		dev.h.settle(dev.d);
		check(dev.h.outputs().rqr_ready, "m_rqr ready again once the tags are free");
	});

	run("downstream bandwidth: read completions at 16 Gb/s", [] {
		HostConfig c = base_cfg();
		c.link_gbps = 16;
		c.max_read_tags = 256;
		Device dev(c);
		const unsigned n = 200;  // 200 x 4 KiB reads = 3200 completions of 256 B
		for (unsigned i = 0; i < n; i++)
			dev.send_rq(kMemRd, c.host_mem_base + 4096ull * (i % 64), 1024, 0xf, 0xf,
				    static_cast<uint16_t>(i));
		dev.run_until([&] { return dev.rc.size() == n * 16 && !dev.rc_in; });
		const double expect = (n * 16 - 1) * (256.0 + c.tlp_overhead_bytes) * dev.h.cycles_per_byte();
		const double got = static_cast<double>(dev.rc.back().first_cycle - dev.rc.front().first_cycle);
		check(dev.rc.size() == n * 16, "%zu completions", dev.rc.size());
		check(std::fabs(got - expect) <= 0.01 * expect, "%.0f cycles, expected %.0f", got, expect);
	});

	run("out-of-range DMA: read gets UR, write dropped", [] {
		HostConfig c = base_cfg();
		Device dev(c);
		read_and_collect(dev, c.host_mem_base + c.host_mem_size - 4, 2, 0xf, 0xf);
		check(dev.rc.size() == 1 && dev.rc[0].status == kCplUr && dev.rc[0].done && dev.rc[0].len_dw == 0,
		      "UR completion");
		read_and_collect(dev, 0x1000, 1, 0xf, 0);
		check(dev.rc.size() == 1 && dev.rc[0].status == kCplUr, "UR below host memory");
		dev.send_rq(kMemWr, 0x2000, 1, 0xf, 0, 0, {1});
		dev.run_until([] { return false; }, 10);
		check(dev.h.stats().dma_errors == 3, "dma_errors %" PRIu64, dev.h.stats().dma_errors);
		check(dev.h.outstanding_reads() == 0, "tags not freed");
	});

	run("MSI capture", [] {
		HostConfig c = base_cfg();
		Device dev(c);
		dev.send_rq(kMemWr, 0xfee00010, 1, 0xf, 0, 0, {0x4021}, 3);
		const uint64_t t = dev.send_rq(kMemWr, 0xfeeffffc, 1, 0xf, 0, 0, {7}, 1);
		dev.send_rq(kMemWr, c.host_mem_base, 1, 0xf, 0, 0, {0xdeadbeef});
		auto &q = dev.h.msis();
		check(q.size() == 2, "%zu MSIs", q.size());
		if (q.size() == 2) {
			check(q[0].addr == 0xfee00010 && q[0].data == 0x4021 && q[0].func == 3, "first MSI");
			check(q[1].func == 1 && q[1].data == 7 && q[1].cycle == t, "second MSI cycle %" PRIu64, q[1].cycle);
		}
		check(mem_dw(dev.h, c.host_mem_base) == 0xdeadbeef, "memory write");
		check(dev.h.stats().msi_count == 2 && dev.h.stats().dma_writes == 1, "counts");
	});

	run("DMA write byte enables", [] {
		HostConfig c = base_cfg();
		Device dev(c);
		dev.send_rq(kMemWr, c.host_mem_base + 0x40, 3, 0xe, 0x3, 0, {0x11223344, 0x55667788, 0x99aabbcc});
		check(mem_dw(dev.h, c.host_mem_base + 0x40) == 0x11223300, "first DW 0x%08x",
		      mem_dw(dev.h, c.host_mem_base + 0x40));
		check(mem_dw(dev.h, c.host_mem_base + 0x44) == 0x55667788, "middle DW");
		check(mem_dw(dev.h, c.host_mem_base + 0x48) == 0x0000bbcc, "last DW 0x%08x",
		      mem_dw(dev.h, c.host_mem_base + 0x48));
	});

	// ---- root complex: the device answers on m_cc
	auto complete = [](Device &dev, uint16_t tag, uint8_t status, unsigned bc, unsigned lower,
			   const std::vector<uint32_t> &data) {
		for (size_t b = 0; b < std::max<size_t>(1, data.size()); b++) {
			dev.d.cc_valid = true;
			dev.d.cc_tag = tag;
			dev.d.cc_requester_id = 0;
			dev.d.cc_status = status;
			dev.d.cc_byte_count = static_cast<uint16_t>(bc);
			dev.d.cc_lower_addr = static_cast<uint8_t>(lower);
			dev.d.cc_len_dw = static_cast<uint16_t>(data.size());
			dev.d.cc_data = data.empty() ? 0 : data[b];
			dev.d.cc_last = b + 1 >= data.size();
			for (int n = 0; n < 1000; n++) {
				const bool moved = dev.h.outputs().cc_ready;
				dev.tick();
				if (moved)
					break;
			}
		}
		dev.d.cc_valid = false;
	};
	// Accepts one s_cq request, returning its header and payload.
	struct Req { uint8_t type; uint64_t addr; unsigned len; uint16_t tag; std::vector<uint32_t> data; };
	auto accept = [](Device &dev) {
		Req r{};
		dev.d.cq_ready = true;
		for (int n = 0; n < 100000; n++) {
			const HostPorts o = dev.h.outputs();
			dev.tick();
			if (o.cq_valid) {
				r.type = o.cq_type;
				r.addr = o.cq_addr;
				r.len = o.cq_len_dw;
				r.tag = o.cq_tag;
				r.data.push_back(o.cq_data);
				if (o.cq_last)
					break;
			}
		}
		dev.d.cq_ready = false;
		return r;
	};

	run("config read, CRS, posted write ordering", [&] {
		HostConfig c = base_cfg();
		Device dev(c);
		const uint32_t wdata[2] = {0xcafe, 0xf00d};
		dev.h.submit(kMemWr, 0, 0x80000000, 2, 0xf, 0xf, wdata);
		const uint64_t id = dev.h.submit(kCfgRd, 0, 0, 1, 0xf, 0, nullptr);
		Req w = accept(dev);
		check(w.type == kMemWr && w.data.size() == 2 && w.data[1] == 0xf00d, "write first");
		Req r = accept(dev);
		check(r.type == kCfgRd && r.addr == 0, "then the config read");
		Result res;
		check(!dev.h.take_result(id, &res), "result before completion");
		complete(dev, r.tag, kCplCrs, 4, 0, {});
		check(dev.h.take_result(id, &res) && res.status == Status::kCrs, "CRS status");
		const uint64_t id2 = dev.h.submit(kCfgRd, 0, 0, 1, 0xf, 0, nullptr);
		r = accept(dev);
		complete(dev, r.tag, kCplSc, 4, 0, {0x10411af4});
		check(dev.h.take_result(id2, &res) && res.status == Status::kOk && res.data[0] == 0x10411af4,
		      "config read data");
		check(dev.h.stats().down.tlps == 3 && dev.h.stats().down.payload_bytes == 8, "down stats");
	});

	run("memory read assembled from split completions", [&] {
		HostConfig c = base_cfg();
		Device dev(c);
		const uint64_t a = 0x80000038;  // 12 DW across a 64-byte boundary, first byte at +1
		const uint64_t id = dev.h.submit(kMemRd, 0, a, 12, 0xe, 0x7, nullptr);
		Req r = accept(dev);
		complete(dev, r.tag, kCplSc, 46, 0x39, {1, 2});
		complete(dev, r.tag, kCplSc, 39, 0x40, {3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
		Result res;
		check(dev.h.take_result(id, &res) && res.status == Status::kOk, "completed");
		check(res.data.size() == 12 && res.data[0] == 1 && res.data[2] == 3 && res.data[11] == 12,
		      "data order");
		check(dev.h.stats().protocol_errors == 0, "protocol error: %s", dev.h.last_error().c_str());
	});

	run("completion timeout and UR", [&] {
		HostConfig c = base_cfg();
		c.completion_timeout_cycles = 500;
		Device dev(c);
		const uint64_t id = dev.h.submit(kMemRd, 0, 0x80000000, 1, 0xf, 0, nullptr);
		accept(dev);
		Result res;
		dev.run_until([&] { return dev.h.take_result(id, &res); }, 2000);
		check(res.status == Status::kTimeout && dev.h.stats().completion_timeouts == 1, "timeout");
		check(res.done_cycle >= 500, "timed out too early at %" PRIu64, res.done_cycle);
		const uint64_t id2 = dev.h.submit(kMemRd, 0, 0x80000000, 1, 0xf, 0, nullptr);
		Req r = accept(dev);
		complete(dev, r.tag, kCplUr, 4, 0, {});
		check(dev.h.take_result(id2, &res) && res.status == Status::kUr, "UR");
		complete(dev, 77, kCplSc, 4, 0, {1});
		check(dev.h.stats().unexpected_completions == 1, "unexpected completion not counted");
	});

	run("m_cc back-pressure knob", [] {
		HostConfig c = base_cfg();
		c.cc_ready_percent = 30;
		c.seed = 7;
		Device dev(c);
		unsigned high = 0;
		for (int i = 0; i < 10000; i++) {
			high += dev.h.outputs().cc_ready;
			dev.tick();
		}
		check(high > 2500 && high < 3500, "ready %u of 10000 cycles", high);
	});

	std::printf("1..%d\n", g_test);
	return g_failed ? 1 : 0;
}
