// SPDX-License-Identifier: MIT
//
// eth_model.cpp - see eth_model.h and docs/simulator.md ("Ethernet side").

#include "eth_model.h"

#include <algorithm>
#include <cmath>

namespace vsim_eth {

EthModel::EthModel(const EthConfig &cfg) : cfg_(cfg), rng_(cfg.seed ? cfg.seed : 1)
{
	if (cfg_.beat_bytes == 0 || cfg_.beat_bytes > kMaxBeatBytes)
		cfg_.beat_bytes = 64;
	if (cfg_.tx_ready_percent == 0 || cfg_.tx_ready_percent > 100)
		cfg_.tx_ready_percent = 100;
	// bytes -> cycles: bits / Gb/s = ns; ns * MHz / 1000 = cycles
	cycles_per_byte_ = 8.0 / cfg_.gbps * cfg_.clock_mhz / 1000.0;
	tx_cur_.reserve(kMaxFrame);
}

EthModel::~EthModel()
{
	disconnect();
	close_pcap();
}

bool EthModel::random_ready()
{
	if (cfg_.tx_ready_percent >= 100)
		return true;
	rng_ ^= rng_ << 13;
	rng_ ^= rng_ >> 17;
	rng_ ^= rng_ << 5;
	return rng_ % 100 < cfg_.tx_ready_percent;
}

// A frame may start once the previous one has finished its beats, its earliest cycle
// has come and the line is free within this cycle. The line's free time is kept
// fractional, so the long-run rate is exact although starts fall on whole cycles.
void EthModel::start_next()
{
	if (rx_active_ || rxq_.empty())
		return;
	const Frame &f = rxq_.front();
	if (f.earliest > cycle_ || rx_free_at_ >= static_cast<double>(cycle_ + 1))
		return;
	rx_active_ = true;
	rx_off_ = 0;
	rx_free_at_ = std::max(rx_free_at_, static_cast<double>(cycle_)) +
		      (f.data.size() + cfg_.overhead_bytes) * cycles_per_byte_;
}

const EthDrive &EthModel::begin_cycle()
{
	start_next();
	EthDrive &o = drive_;
	o.rx_tvalid = rx_active_;
	if (rx_active_) {
		const Frame &f = rxq_.front();
		const size_t n = std::min<size_t>(cfg_.beat_bytes, f.data.size() - rx_off_);
		for (unsigned i = 0; i < cfg_.beat_bytes; i++) {
			o.rx_tkeep[i] = i < n;
			o.rx_tdata[i] = i < n ? f.data[rx_off_ + i] : 0;
		}
		o.rx_tlast = rx_off_ + n == f.data.size();
		o.rx_tuser = o.rx_tlast && f.bad;
	} else {
		std::fill(o.rx_tkeep, o.rx_tkeep + kMaxBeatBytes, false);
		std::fill(o.rx_tdata, o.rx_tdata + kMaxBeatBytes, 0);
		o.rx_tlast = false;
		o.rx_tuser = false;
	}
	o.tx_tready = random_ready();
	return o;
}

void EthModel::proto_error(const std::string &msg)
{
	stats_.tx_protocol_errors++;
	last_error_ = "cycle " + std::to_string(cycle_) + ": m_eth_tx: " + msg;
}

void EthModel::clock(const EthSample &d)
{
	// ---- receive port
	if (drive_.rx_tvalid) {
		if (d.rx_tready) {
			Frame &f = rxq_.front();
			rx_off_ += std::min<size_t>(cfg_.beat_bytes, f.data.size() - rx_off_);
			if (drive_.rx_tlast) {
				stats_.rx_frames++;
				stats_.rx_bytes += f.data.size();
				if (f.bad)
					stats_.rx_bad++;
				pcap_record(f.data);
				rxq_.pop_front();
				rx_active_ = false;
			}
		} else {
			stats_.rx_not_ready_cycles++;
		}
	}

	// ---- transmit port
	if (d.tx_tvalid && drive_.tx_tready) {
		unsigned n = 0;
		while (n < cfg_.beat_bytes && d.tx_tkeep[n])
			n++;
		bool contiguous = true;
		for (unsigned i = n; i < cfg_.beat_bytes; i++)
			contiguous &= !d.tx_tkeep[i];
		if (!contiguous)
			proto_error("tkeep not contiguous from lane 0");
		else if (n == 0)
			proto_error("empty beat (tkeep 0)");
		else if (!d.tx_tlast && n != cfg_.beat_bytes)
			proto_error("partial beat before tlast");
		for (unsigned i = 0; i < cfg_.beat_bytes; i++) {
			if (!d.tx_tkeep[i])
				continue;
			if (tx_cur_.size() >= kMaxFrame) {
				if (!tx_overflow_)
					proto_error("frame longer than " + std::to_string(kMaxFrame) +
						    " bytes");
				tx_overflow_ = true;
				break;
			}
			tx_cur_.push_back(d.tx_tdata[i]);
		}
		if (d.tx_tlast)
			tx_frame_done(d.tx_tuser);
	}
	cycle_++;
}

void EthModel::tx_frame_done(bool aborted)
{
	std::vector<uint8_t> data;
	data.swap(tx_cur_);
	tx_cur_.reserve(kMaxFrame);
	const bool overflow = tx_overflow_;
	tx_overflow_ = false;
	if (data.empty())
		return;	 // only empty beats: already a protocol error
	if (aborted || overflow) {
		stats_.tx_aborted++;
		return;
	}
	stats_.tx_frames++;
	stats_.tx_bytes += data.size();
	if (stats_.tx_frames == 1)
		stats_.tx_first_cycle = cycle_;
	stats_.tx_last_cycle = cycle_;
	pcap_record(data);
	// The frame has left at the end of this cycle: it may enter a receive port from
	// the next one (of that port's clock).
	switch (mode_) {
	case Mode::kCapture: {
		Frame f;
		f.data = std::move(data);
		f.cycle = cycle_;
		captured_.push_back(std::move(f));
		break;
	}
	case Mode::kLoopback:
		enqueue(data.data(), data.size(), false, cycle_ + 1);
		break;
	case Mode::kPeer:
		if (peer_)
			peer_->enqueue(data.data(), data.size(), false, cycle_ + 1);
		break;
	}
}

bool EthModel::enqueue(const uint8_t *data, size_t len, bool bad, uint64_t earliest)
{
	if (len == 0 || len > kMaxFrame)
		return false;
	Frame f;
	f.data.assign(data, data + len);
	f.bad = bad;
	f.earliest = earliest;
	rxq_.push_back(std::move(f));
	return true;
}

void EthModel::set_mode(Mode m)
{
	disconnect();
	mode_ = m == Mode::kPeer ? Mode::kCapture : m;
}

void EthModel::connect(EthModel *a, EthModel *b)
{
	a->disconnect();
	b->disconnect();
	a->peer_ = b;
	b->peer_ = a;
	a->mode_ = b->mode_ = Mode::kPeer;
}

void EthModel::disconnect()
{
	if (peer_) {
		peer_->peer_ = nullptr;
		peer_->mode_ = Mode::kCapture;
		peer_ = nullptr;
	}
	if (mode_ == Mode::kPeer)
		mode_ = Mode::kCapture;
}

// Classic pcap (https://wiki.wireshark.org/Development/LibpcapFileFormat), written
// in host byte order (the magic tells readers which).
bool EthModel::open_pcap(const std::string &path, bool nanosecond)
{
	close_pcap();
	if (path.empty())
		return true;
	pcap_ = std::fopen(path.c_str(), "wb");
	if (!pcap_)
		return false;
	pcap_ns_ = nanosecond;
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t thiszone;
		uint32_t sigfigs, snaplen, network;
	} h = {nanosecond ? 0xa1b23c4du : 0xa1b2c3d4u, 2, 4, 0, 0, 65535, 1};
	static_assert(sizeof h == 24, "pcap header");
	std::fwrite(&h, sizeof h, 1, pcap_);
	return true;
}

void EthModel::close_pcap()
{
	if (pcap_)
		std::fclose(pcap_);
	pcap_ = nullptr;
}

// One record per frame, stamped with the simulated time of the cycle of its last
// beat, written as that beat moves, so both directions are in time order.
void EthModel::pcap_record(const std::vector<uint8_t> &data)
{
	if (!pcap_)
		return;
	const uint64_t ns = static_cast<uint64_t>(std::llround(cycle_ * 1000.0 / cfg_.clock_mhz));
	const uint32_t len = static_cast<uint32_t>(data.size());
	const uint32_t rec[4] = {static_cast<uint32_t>(ns / 1000000000u),
				 static_cast<uint32_t>(pcap_ns_ ? ns % 1000000000u : ns % 1000000000u / 1000u),
				 std::min<uint32_t>(len, 65535), len};
	std::fwrite(rec, sizeof rec, 1, pcap_);
	std::fwrite(data.data(), 1, rec[2], pcap_);
}

}  // namespace vsim_eth
