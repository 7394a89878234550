// SPDX-License-Identifier: MIT
//
// eth_model_test.cpp - unit test of the Ethernet model (eth_model.h) without
// Verilator: this file plays the device side of s_eth_rx / m_eth_tx cycle by cycle.
// TAP output; exit status 1 if any check fails.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "eth_model.h"

using namespace vsim_eth;

namespace {

int g_test = 0;
int g_failed = 0;

void ok(bool cond, const char *name)
{
	g_test++;
	if (!cond)
		g_failed++;
	std::printf("%sok %d - %s\n", cond ? "" : "not ", g_test, name);
}

uint32_t g_rng = 7;
uint32_t rnd()
{
	g_rng ^= g_rng << 13;
	g_rng ^= g_rng >> 17;
	g_rng ^= g_rng << 5;
	return g_rng;
}

std::vector<uint8_t> frame(size_t n)
{
	std::vector<uint8_t> f(n);
	for (auto &b : f)
		b = static_cast<uint8_t>(rnd());
	return f;
}

EthConfig cfg(unsigned beat = 64, unsigned ready = 100)
{
	EthConfig c;
	c.beat_bytes = beat;
	c.tx_ready_percent = ready;
	return c;
}

// Device side that takes every receive beat (or with ready_pct %), reassembles
// frames and records the cycle of each first beat; checks the stream rules.
struct RxSink {
	explicit RxSink(unsigned b) : beat(b) {}
	unsigned beat;
	unsigned ready_pct = 100;
	std::vector<std::vector<uint8_t>> frames;
	std::vector<bool> bad;
	std::vector<uint64_t> starts;
	std::vector<uint8_t> cur;
	bool violation = false;
	bool held = false;	   // a beat was refused last cycle
	EthDrive last{};

	void cycle(EthModel &m)
	{
		const EthDrive &o = m.begin_cycle();
		EthSample s;
		s.rx_tready = ready_pct >= 100 || rnd() % 100 < ready_pct;
		if (held && (!o.rx_tvalid || std::memcmp(o.rx_tdata, last.rx_tdata, beat) ||
			     o.rx_tlast != last.rx_tlast))
			violation = true;  // AXI-S: a refused beat stays until taken
		held = o.rx_tvalid && !s.rx_tready;
		last = o;
		if (o.rx_tvalid && s.rx_tready) {
			if (cur.empty())
				starts.push_back(m.cycle());
			unsigned n = 0;
			while (n < beat && o.rx_tkeep[n])
				n++;
			for (unsigned i = n; i < beat; i++)
				violation |= o.rx_tkeep[i];
			violation |= n == 0 || (!o.rx_tlast && n != beat) || (o.rx_tuser && !o.rx_tlast);
			cur.insert(cur.end(), o.rx_tdata, o.rx_tdata + n);
			if (o.rx_tlast) {
				frames.push_back(cur);
				bad.push_back(o.rx_tuser);
				cur.clear();
			}
		}
		m.clock(s);
	}
};

// Sends one frame on m_eth_tx (beats of `beat` bytes) while running the model.
void send_tx(EthModel &m, const std::vector<uint8_t> &f, unsigned beat, bool user = false,
	     uint64_t *ready_cycles = nullptr, uint64_t *cycles = nullptr)
{
	size_t off = 0;
	while (off < f.size()) {
		const EthDrive &o = m.begin_cycle();
		EthSample s;
		s.rx_tready = true;
		s.tx_tvalid = true;
		const size_t n = std::min<size_t>(beat, f.size() - off);
		for (unsigned i = 0; i < beat; i++) {
			s.tx_tkeep[i] = i < n;
			s.tx_tdata[i] = i < n ? f[off + i] : 0;
		}
		s.tx_tlast = off + n == f.size();
		s.tx_tuser = s.tx_tlast && user;
		if (o.tx_tready) {
			off += n;
			if (ready_cycles)
				++*ready_cycles;
		}
		if (cycles)
			++*cycles;
		m.clock(s);
	}
}

void idle(EthModel &m, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		m.begin_cycle();
		EthSample s;
		s.rx_tready = true;
		m.clock(s);
	}
}

uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

}  // namespace

int main()
{
	// ---- pacing, 512-bit beats
	{
		EthModel m(cfg());
		RxSink sink{64};
		std::vector<std::vector<uint8_t>> sent;
		for (int i = 0; i < 1000; i++) {
			sent.push_back(frame(60));
			m.enqueue(sent.back().data(), 60, false);
		}
		for (int i = 0; i < 3000 && sink.frames.size() < 1000; i++)
			sink.cycle(m);
		ok(sink.frames == sent && !sink.violation, "1000 60-byte frames arrive intact, legal beats");
		const double per = (sink.starts.back() - sink.starts.front()) / 999.0;
		bool each = true;
		for (size_t i = 1; i < sink.starts.size(); i++)
			each &= sink.starts[i] - sink.starts[i - 1] <= 2 && sink.starts[i] - sink.starts[i - 1] >= 1;
		std::printf("# 60-byte frames: %.4f cycles apart\n", per);
		ok(std::fabs(per - 1.68) < 0.002 && each, "100 Gb/s: 84 wire bytes = 1.68 cycles per frame, gaps 1..2");
		ok(m.stats().rx_frames == 1000 && m.stats().rx_bytes == 60000 && m.rx_queued() == 0, "rx statistics");
	}
	// ---- long frames: beats, not the line, limit when the line is faster than the bus
	{
		EthConfig c = cfg();
		c.gbps = 400;	// 200 bytes per cycle > 64
		EthModel m(c);
		RxSink sink{64};
		auto f = frame(1000);  // 16 beats
		m.enqueue(f.data(), f.size(), false);
		m.enqueue(f.data(), f.size(), false);
		for (int i = 0; i < 100; i++)
			sink.cycle(m);
		ok(sink.frames.size() == 2 && sink.starts[1] - sink.starts[0] == 16, "back to back when the line is faster");
	}
	// ---- 256-bit beats, bad flag, random tready, earliest cycle
	{
		EthModel m(cfg(32));
		RxSink sink{32};
		sink.ready_pct = 40;
		std::vector<std::vector<uint8_t>> sent;
		for (int i = 0; i < 100; i++) {
			sent.push_back(frame(14 + rnd() % 1505));
			m.enqueue(sent.back().data(), sent.back().size(), i % 7 == 3, i == 0 ? 500 : 0);
		}
		for (int i = 0; i < 499; i++)
			sink.cycle(m);
		ok(sink.frames.empty(), "nothing before the first frame's earliest cycle (and none overtakes)");
		for (int i = 0; i < 40000 && sink.frames.size() < 100; i++)
			sink.cycle(m);
		bool bad_ok = true;
		for (size_t i = 0; i < sink.bad.size(); i++)
			bad_ok &= sink.bad[i] == (i % 7 == 3);
		ok(sink.frames == sent && !sink.violation, "DATA_WIDTH 256: frames intact, beats held while not ready");
		ok(bad_ok && m.stats().rx_bad == 14, "tuser on the last beat of bad frames only");
		ok(m.stats().rx_not_ready_cycles > 0, "not-ready cycles counted");
	}
	// ---- transmit: collection, back-pressure, capture
	{
		EthModel m(cfg(64, 30));
		uint64_t ready = 0, cycles = 0;
		std::vector<std::vector<uint8_t>> sent;
		for (int i = 0; i < 50; i++) {
			sent.push_back(frame(14 + rnd() % 2000));
			send_tx(m, sent.back(), 64, false, &ready, &cycles);
		}
		bool same = m.captured().size() == 50;
		for (size_t i = 0; same && i < 50; i++)
			same &= m.captured()[i].data == sent[i];
		ok(same && m.stats().tx_frames == 50 && m.stats().tx_protocol_errors == 0, "transmitted frames captured");
		const double frac = static_cast<double>(ready) / cycles;
		std::printf("# tready 30 %%: %.3f of cycles\n", frac);
		ok(frac > 0.27 && frac < 0.33, "m_eth_tx_tready high about 30 % of cycles");
		ok(m.stats().tx_last_cycle == m.captured().back().cycle && m.stats().tx_first_cycle == m.captured()[0].cycle,
		   "first/last transmit cycles");
	}
	// ---- protocol errors and aborts
	{
		EthModel m(cfg());
		auto beat = [&](uint64_t keep, bool last, bool user = false) {
			m.begin_cycle();
			EthSample s;
			s.tx_tvalid = true;
			for (unsigned i = 0; i < 64; i++) {
				s.tx_tkeep[i] = (keep >> i) & 1;
				s.tx_tdata[i] = static_cast<uint8_t>(i);
			}
			s.tx_tlast = last;
			s.tx_tuser = user;
			m.clock(s);
		};
		beat(0x5, true);
		ok(m.stats().tx_protocol_errors == 1 && m.last_error().find("contiguous") != std::string::npos,
		   "non-contiguous keep");
		beat(0, true);
		ok(m.stats().tx_protocol_errors == 2 && m.last_error().find("empty") != std::string::npos, "empty beat");
		beat(0xff, false);
		beat(0xff, true);
		ok(m.stats().tx_protocol_errors == 3 && m.last_error().find("partial") != std::string::npos,
		   "partial beat before tlast");
		beat(~0ull, false);
		beat(0xf, true, true);
		ok(m.stats().tx_aborted == 1 && m.stats().tx_frames == 2, "tuser aborts (drops) the frame");
	}
	// ---- loopback and peers
	{
		EthModel m(cfg());
		m.set_mode(Mode::kLoopback);
		auto f = frame(200);
		send_tx(m, f, 64);
		ok(m.rx_queued() == 1 && m.captured().empty(), "loopback: transmitted frame queued for receive");
		RxSink sink{64};
		for (int i = 0; i < 10; i++)
			sink.cycle(m);
		ok(sink.frames.size() == 1 && sink.frames[0] == f, "loopback: it comes back in");

		auto a = std::make_unique<EthModel>(cfg());
		auto b = std::make_unique<EthModel>(cfg());
		EthModel::connect(a.get(), b.get());
		ok(a->mode() == Mode::kPeer && b->mode() == Mode::kPeer, "connected");
		idle(*a, 100);
		send_tx(*a, f, 64);	// last beat at cycle 103
		ok(b->rx_queued() == 1 && a->captured().empty(), "peer: frame queued at the other side");
		RxSink bs{64};
		while (b->cycle() < 104)
			bs.cycle(*b);
		ok(bs.frames.empty(), "peer: not taken before the sending cycle has passed");
		for (int i = 0; i < 10; i++)
			bs.cycle(*b);
		ok(bs.frames.size() == 1 && bs.starts[0] == 104 && bs.frames[0] == f, "peer: starts the cycle after");
		b.reset();
		ok(a->mode() == Mode::kCapture, "destroying the peer disconnects");
		send_tx(*a, f, 64);
		ok(a->captured().size() == 1, "then captures");
	}
	// ---- pcap
	{
		char path[] = "/tmp/eth_model_test.XXXXXX";
		const int fd = mkstemp(path);
		if (fd >= 0)
			close(fd);
		EthModel m(cfg());
		ok(fd >= 0 && m.open_pcap(path, true), "pcap opened");
		m.set_mode(Mode::kLoopback);
		idle(m, 10);
		auto f = frame(100);
		send_tx(m, f, 64);	// last beat in cycle 11
		RxSink sink{64};
		for (int i = 0; i < 10; i++)
			sink.cycle(m);	// received: beats in cycles 12, 13
		m.close_pcap();
		std::vector<uint8_t> b(4096);
		FILE *pf = std::fopen(path, "rb");
		const size_t n = pf ? std::fread(b.data(), 1, b.size(), pf) : 0;
		if (pf)
			std::fclose(pf);
		std::remove(path);
		ok(n == 24 + 2 * (16 + 100) && rd32(&b[0]) == 0xa1b23c4du && rd32(&b[20]) == 1,
		   "pcap: header, two records");
		ok(rd32(&b[24]) == 0 && rd32(&b[28]) == 44 && rd32(&b[32]) == 100 && rd32(&b[36]) == 100 &&
			   std::memcmp(&b[40], f.data(), 100) == 0,
		   "pcap: transmit record at 11 x 4 ns");
		ok(rd32(&b[140]) == 0 && rd32(&b[144]) == 52 && std::memcmp(&b[156], f.data(), 100) == 0,
		   "pcap: receive record at 13 x 4 ns");
	}
	std::printf("1..%d\n", g_test);
	return g_failed ? 1 : 0;
}
