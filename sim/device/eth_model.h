// SPDX-License-Identifier: MIT
//
// eth_model.h - the simulated Ethernet side of one device (docs/simulator.md,
// "Ethernet"): drives the device's s_eth_rx AXI stream from a queue of frames paced at
// a line rate, collects the m_eth_tx stream into frames, checks its protocol, and
// routes transmitted frames (capture queue, loopback into its own receive side, or
// the receive side of a peer model). Writes a pcap of both directions.
//
// Like HostModel it knows nothing of Verilator: each cycle the adapter calls
// begin_cycle() to get the values to drive (a function of the model's state only),
// evaluates the device, and passes the device's outputs to clock(), which takes that
// cycle's handshakes and advances one cycle. eth_model_test.cpp plays the device.
#ifndef VIONIC_SIM_ETH_MODEL_H
#define VIONIC_SIM_ETH_MODEL_H

#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>
#include <vector>

namespace vsim_eth {

constexpr unsigned kMaxBeatBytes = 128;	 // DATA_WIDTH up to 1024
constexpr size_t kMaxFrame = 16384;	 // longest frame queued or collected

enum class Mode { kCapture = 0, kLoopback = 1, kPeer = 2 };

struct EthConfig {
	double clock_mhz = 250.0;
	double gbps = 100.0;		   // line rate pacing the receive port
	unsigned overhead_bytes = 24;	   // per-frame wire overhead counted by the pacing
	unsigned tx_ready_percent = 100;   // chance per cycle m_eth_tx_tready is high, 1..100
	uint32_t seed = 1;
	unsigned beat_bytes = 64;	   // DATA_WIDTH / 8, 1..kMaxBeatBytes
};

// What the model drives (s_eth_rx_* and m_eth_tx_tready).
struct EthDrive {
	bool rx_tvalid = false;
	uint8_t rx_tdata[kMaxBeatBytes] = {};
	bool rx_tkeep[kMaxBeatBytes] = {};
	bool rx_tlast = false;
	bool rx_tuser = false;
	bool tx_tready = true;
};

// What the device drives (m_eth_tx_* and s_eth_rx_tready).
struct EthSample {
	bool rx_tready = false;
	bool tx_tvalid = false;
	uint8_t tx_tdata[kMaxBeatBytes] = {};
	bool tx_tkeep[kMaxBeatBytes] = {};
	bool tx_tlast = false;
	bool tx_tuser = false;
};

struct EthStats {
	uint64_t tx_frames = 0, tx_bytes = 0;
	uint64_t rx_frames = 0, rx_bytes = 0;
	uint64_t rx_bad = 0;
	uint64_t rx_not_ready_cycles = 0;
	uint64_t tx_first_cycle = 0, tx_last_cycle = 0;
	uint64_t tx_protocol_errors = 0;
	uint64_t tx_aborted = 0;	// frames ended with tuser = 1: dropped
};

struct Frame {
	std::vector<uint8_t> data;
	bool bad = false;
	uint64_t earliest = 0;	// receive side: first cycle it may start
	uint64_t cycle = 0;	// transmit side: cycle of its last beat
};

class EthModel {
public:
	explicit EthModel(const EthConfig &cfg);
	~EthModel();
	EthModel(const EthModel &) = delete;
	EthModel &operator=(const EthModel &) = delete;

	// Per cycle: begin_cycle() (drive), then clock(device outputs).
	const EthDrive &begin_cycle();
	void clock(const EthSample &d);
	uint64_t cycle() const { return cycle_; }

	// Receive side (frames into the device). false if len is 0 or > kMaxFrame.
	bool enqueue(const uint8_t *data, size_t len, bool bad, uint64_t earliest = 0);
	unsigned rx_queued() const { return static_cast<unsigned>(rxq_.size()); }

	// Transmitted frames kept in CAPTURE mode, oldest first.
	std::deque<Frame> &captured() { return captured_; }

	Mode mode() const { return mode_; }
	// CAPTURE or LOOPBACK; a connected model is disconnected first (its peer goes
	// back to CAPTURE).
	void set_mode(Mode m);
	static void connect(EthModel *a, EthModel *b);
	void disconnect();

	// pcap of both directions; an empty path closes. nanosecond: magic 0xa1b23c4d
	// instead of 0xa1b2c3d4 (microseconds). false if the file cannot be opened.
	bool open_pcap(const std::string &path, bool nanosecond = false);
	void close_pcap();

	const EthStats &stats() const { return stats_; }
	const std::string &last_error() const { return last_error_; }

private:
	void start_next();
	void tx_frame_done(bool aborted);
	void proto_error(const std::string &msg);
	void pcap_record(const std::vector<uint8_t> &data);
	bool random_ready();

	EthConfig cfg_;
	double cycles_per_byte_;
	uint64_t cycle_ = 0;
	Mode mode_ = Mode::kCapture;
	EthModel *peer_ = nullptr;

	// receive side
	std::deque<Frame> rxq_;
	bool rx_active_ = false;	// rxq_.front() is being transferred
	size_t rx_off_ = 0;		// next byte of the front frame
	double rx_free_at_ = 0;		// line free at (fractional cycle)
	EthDrive drive_;

	// transmit side
	std::vector<uint8_t> tx_cur_;
	bool tx_overflow_ = false;
	std::deque<Frame> captured_;
	uint32_t rng_;

	FILE *pcap_ = nullptr;
	bool pcap_ns_ = false;

	EthStats stats_;
	std::string last_error_;
};

}  // namespace vsim_eth

#endif  // VIONIC_SIM_ETH_MODEL_H
