// SPDX-License-Identifier: MIT
//
// vionic_sim.cpp - the C API of sim/include/vionic_sim.h: one Verilator model of
// vionic_device per struct vsim, clocked against a HostModel (host_model.h), which
// holds all the protocol logic. This file only copies signals and waits.

#include "vionic_sim.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "Vvionic_device.h"
#include "eth_model.h"
#include "host_model.h"
#include "verilated.h"
#include "verilated_fst_c.h"
#include "vionic/pcie_config_regs.h"

namespace {

constexpr unsigned kResetCycles = 10;
// A request still queued this long after the device last accepted a request beat
// means s_cq is stuck; the caller gets VSIM_ETIMEDOUT rather than a hang.
constexpr uint64_t kStallSlack = 16;

// Bytes per beat of the Ethernet streams (DATA_WIDTH / 8), from the Verilated port type:
// an integer type up to 64 bits, VlWide<N> (N 32-bit words) above.
constexpr unsigned kEthBeatBytes = static_cast<unsigned>(
	sizeof(std::remove_reference_t<decltype(std::declval<Vvionic_device &>().m_eth_tx_tdata)>));
static_assert(kEthBeatBytes <= vsim_eth::kMaxBeatBytes, "DATA_WIDTH too wide for the Ethernet model");

// Byte lanes <-> Verilated signals: byte i is bits 8i+7:8i, keep bit i is lane i.
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
void put_bytes(T &sig, const uint8_t *b)
{
	T v = 0;
	for (unsigned i = 0; i < sizeof(T); i++)
		v |= static_cast<T>(static_cast<T>(b[i]) << (8 * i));
	sig = v;
}
template <std::size_t N>
void put_bytes(VlWide<N> &w, const uint8_t *b)
{
	for (std::size_t i = 0; i < N; i++)
		w[i] = b[4 * i] | b[4 * i + 1] << 8 | b[4 * i + 2] << 16 |
		       static_cast<uint32_t>(b[4 * i + 3]) << 24;
}
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
void get_bytes(const T &sig, uint8_t *b)
{
	for (unsigned i = 0; i < sizeof(T); i++)
		b[i] = static_cast<uint8_t>(sig >> (8 * i));
}
template <std::size_t N>
void get_bytes(const VlWide<N> &w, uint8_t *b)
{
	for (std::size_t i = 0; i < 4 * N; i++)
		b[i] = static_cast<uint8_t>(w[i / 4] >> (8 * (i % 4)));
}
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
void put_lanes(T &sig, const bool *lane, unsigned n)
{
	T v = 0;
	for (unsigned i = 0; i < n; i++)
		if (lane[i])
			v |= static_cast<T>(static_cast<T>(1) << i);
	sig = v;
}
template <std::size_t N>
void put_lanes(VlWide<N> &w, const bool *lane, unsigned n)
{
	for (std::size_t i = 0; i < N; i++)
		w[i] = 0;
	for (unsigned i = 0; i < n; i++)
		if (lane[i])
			w[i / 32] |= 1u << (i % 32);
}
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
void get_lanes(const T &sig, bool *lane, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		lane[i] = (sig >> i) & 1;
}
template <std::size_t N>
void get_lanes(const VlWide<N> &w, bool *lane, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		lane[i] = (w[i / 32] >> (i % 32)) & 1;
}

}  // namespace

struct vsim {
	vsim_config cfg{};
	std::string itcm, dtcm, fst_path;  // the config's strings, owned here
	std::unique_ptr<VerilatedContext> ctx;
	std::unique_ptr<Vvionic_device> top;
	std::unique_ptr<VerilatedFstC> fst;
	std::unique_ptr<vsim_host::HostModel> host;
	std::unique_ptr<vsim_eth::EthModel> eth;
	// vsim_last_error: whichever model reported a violation last
	uint64_t host_errors_seen = 0, eth_errors_seen = 0;
	bool eth_error_last = false;
	std::string console;
	bool halted = false;
	uint32_t halt_code = 0;
	bool link_up = true;
	uint64_t alloc_next = 0;
};

namespace {

void drive(vsim *s, const vsim_host::HostPorts &o)
{
	Vvionic_device &t = *s->top;
	t.eth_link_up = s->link_up;
	t.s_cq_valid = o.cq_valid;
	t.s_cq_type = o.cq_type;
	t.s_cq_func = o.cq_func;
	t.s_cq_addr = o.cq_addr;
	t.s_cq_len_dw = o.cq_len_dw;
	t.s_cq_first_be = o.cq_first_be;
	t.s_cq_last_be = o.cq_last_be;
	t.s_cq_tag = o.cq_tag;
	t.s_cq_requester_id = o.cq_requester_id;
	t.s_cq_data = o.cq_data;
	t.s_cq_last = o.cq_last;
	t.m_cc_ready = o.cc_ready;
	t.m_rq_ready = o.rq_ready;
	t.m_rqr_ready = o.rqr_ready;
	t.s_rc_valid = o.rc_valid;
	t.s_rc_tag = o.rc_tag;
	t.s_rc_status = o.rc_status;
	t.s_rc_byte_count = o.rc_byte_count;
	t.s_rc_lower_addr = o.rc_lower_addr;
	t.s_rc_len_dw = o.rc_len_dw;
	t.s_rc_request_done = o.rc_request_done;
	for (unsigned i = 0; i < vsim_host::kBeatDw; i++)
		t.s_rc_data[i] = o.rc_data[i];
	t.s_rc_keep = o.rc_keep;
	t.s_rc_last = o.rc_last;
}

void drive_eth(vsim *s, const vsim_eth::EthDrive &e)
{
	Vvionic_device &t = *s->top;
	t.s_eth_rx_tvalid = e.rx_tvalid;
	put_bytes(t.s_eth_rx_tdata, e.rx_tdata);
	put_lanes(t.s_eth_rx_tkeep, e.rx_tkeep, kEthBeatBytes);
	t.s_eth_rx_tlast = e.rx_tlast;
	t.s_eth_rx_tuser = e.rx_tuser;
	t.m_eth_tx_tready = e.tx_tready;
}

void sample_eth(const vsim *s, vsim_eth::EthSample *d)
{
	const Vvionic_device &t = *s->top;
	d->rx_tready = t.s_eth_rx_tready;
	d->tx_tvalid = t.m_eth_tx_tvalid;
	get_bytes(t.m_eth_tx_tdata, d->tx_tdata);
	get_lanes(t.m_eth_tx_tkeep, d->tx_tkeep, kEthBeatBytes);
	d->tx_tlast = t.m_eth_tx_tlast;
	d->tx_tuser = t.m_eth_tx_tuser;
}

void sample(const vsim *s, vsim_host::DevicePorts *d)
{
	const Vvionic_device &t = *s->top;
	d->cq_ready = t.s_cq_ready;
	d->cc_valid = t.m_cc_valid;
	d->cc_func = t.m_cc_func;
	d->cc_requester_id = t.m_cc_requester_id;
	d->cc_tag = t.m_cc_tag;
	d->cc_status = t.m_cc_status;
	d->cc_byte_count = t.m_cc_byte_count;
	d->cc_lower_addr = t.m_cc_lower_addr;
	d->cc_len_dw = t.m_cc_len_dw;
	d->cc_data = t.m_cc_data;
	d->cc_last = t.m_cc_last;
	d->rq_valid = t.m_rq_valid;
	d->rq_type = t.m_rq_type;
	d->rq_func = t.m_rq_func;
	d->rq_addr = t.m_rq_addr;
	d->rq_len_dw = t.m_rq_len_dw;
	d->rq_first_be = t.m_rq_first_be;
	d->rq_last_be = t.m_rq_last_be;
	d->rq_tag = t.m_rq_tag;
	for (unsigned i = 0; i < vsim_host::kBeatDw; i++)
		d->rq_data[i] = t.m_rq_data[i];
	d->rq_keep = t.m_rq_keep;
	d->rq_last = t.m_rq_last;
	d->rqr_valid = t.m_rqr_valid;
	d->rqr_func = t.m_rqr_func;
	d->rqr_addr = t.m_rqr_addr;
	d->rqr_len_dw = t.m_rqr_len_dw;
	d->rqr_first_be = t.m_rqr_first_be;
	d->rqr_last_be = t.m_rqr_last_be;
	d->rqr_tag = t.m_rqr_tag;
	d->rc_ready = t.s_rc_ready;
}

// Several models may live in one process (two devices as link partners): Verilator's
// runtime ($value$plusargs for the +itcm=/+dtcm= images, $display, $finish) looks at
// the thread's current context, so make it this model's before evaluating.
void enter(vsim *s) { Verilated::threadContextp(s->ctx.get()); }

// One device clock: the host's outputs settle against the device's combinational
// outputs with the clock low, handshakes are taken, then the rising edge.
void step(vsim *s)
{
	Vvionic_device &t = *s->top;
	vsim_host::DevicePorts d;
	vsim_eth::EthSample e;
	drive(s, s->host->outputs());
	drive_eth(s, s->eth->begin_cycle());
	t.clk = 0;
	t.eval();
	sample(s, &d);
	if (s->host->settle(d)) {
		drive(s, s->host->outputs());
		t.eval();
		sample(s, &d);
	}
	sample_eth(s, &e);
	if (s->fst)
		s->fst->dump(s->ctx->time());
	s->ctx->timeInc(1);

	if (t.console_valid) {
		const char c = static_cast<char>(t.console_char);
		s->console.push_back(c);
		if (!s->cfg.quiet)
			std::fputc(c, stderr);
	}
	if (t.halt_valid && !s->halted) {
		s->halted = true;
		s->halt_code = t.halt_code;
	}
	s->host->clock(d);
	s->eth->clock(e);
	if (s->host->stats().protocol_errors != s->host_errors_seen) {
		s->host_errors_seen = s->host->stats().protocol_errors;
		s->eth_error_last = false;
	}
	if (s->eth->stats().tx_protocol_errors != s->eth_errors_seen) {
		s->eth_errors_seen = s->eth->stats().tx_protocol_errors;
		s->eth_error_last = true;
	}

	t.clk = 1;
	t.eval();
	if (s->fst)
		s->fst->dump(s->ctx->time());
	s->ctx->timeInc(1);
}

int status_error(vsim_host::Status st)
{
	switch (st) {
	case vsim_host::Status::kOk: return VSIM_OK;
	case vsim_host::Status::kUr: return VSIM_EUR;
	case vsim_host::Status::kCa: return VSIM_ECA;
	case vsim_host::Status::kCrs: return VSIM_ECRS;
	case vsim_host::Status::kTimeout: return VSIM_ETIMEDOUT;
	case vsim_host::Status::kProto: return VSIM_EPROTO;
	case vsim_host::Status::kPending: break;
	}
	return VSIM_EPROTO;
}

// Runs the clock until the non-posted request `id` completes (or times out).
int wait_result(vsim *s, uint64_t id, vsim_host::Result *res)
{
	enter(s);
	while (!s->host->take_result(id, res)) {
		step(s);
		if (s->host->cycle() - s->host->cq_progress_cycle() >
		    s->cfg.completion_timeout_cycles + kStallSlack) {
			// Never even sent: the device stopped accepting requests.
			s->host->cancel(id);
			return VSIM_ETIMEDOUT;
		}
	}
	return status_error(res->status);
}

int request(vsim *s, uint8_t type, unsigned func, uint64_t addr, unsigned len_dw,
	    unsigned first_be, unsigned last_be, const uint32_t *data, vsim_host::Result *res)
{
	const uint64_t id = s->host->submit(type, func, addr, len_dw, first_be, last_be, data);
	return wait_result(s, id, res);
}

int config_request(vsim *s, uint8_t type, unsigned func, unsigned offset, unsigned size,
		   uint32_t wdata, uint32_t *value)
{
	if (!s || func > 0xff || (size != 1 && size != 2 && size != 4) || offset % size ||
	    offset >= 4096)
		return VSIM_EINVAL;
	const unsigned shift = 8 * (offset & 3);
	const unsigned be = ((1u << size) - 1) << (offset & 3);
	const uint32_t dw = wdata << shift;
	const uint64_t start = s->host->cycle();
	for (;;) {
		vsim_host::Result res;
		int err = request(s, type, func, offset & ~3u, 1, be, 0, &dw, &res);
		// CRS: the firmware has not published the function yet; a root complex
		// re-issues (PCIe Base §2.3.2). A halted firmware never will.
		if (err == VSIM_ECRS && !s->halted && s->host->cycle() - start < s->cfg.crs_retry_cycles)
			continue;
		if (err == 0 && value) {
			const uint32_t mask = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
			*value = (res.data[0] >> shift) & mask;
		}
		return err;
	}
}

bool readable(const char *path)
{
	FILE *f = path ? std::fopen(path, "r") : nullptr;
	if (!f)
		return false;
	std::fclose(f);
	return true;
}

}  // namespace

extern "C" {

void vsim_config_default(struct vsim_config *cfg)
{
	std::memset(cfg, 0, sizeof *cfg);
	cfg->clock_mhz = 250.0;
	cfg->host_read_latency_ns = 500.0;
	cfg->link_gbps = 126.03;
	cfg->tlp_overhead_bytes = 24;
	cfg->max_read_tags = 64;
	cfg->rcb_bytes = 64;
	cfg->mps_bytes = 256;
	cfg->rq_tlps_per_beat = 2;
	cfg->host_mem_base = 0x100000;
	cfg->host_mem_size = 64ull << 20;
	cfg->completion_timeout_cycles = 1000000;
	cfg->crs_retry_cycles = 2000000;
	cfg->cc_ready_percent = 100;
	cfg->seed = 1;
	cfg->eth_link_up = 1;
	cfg->eth_gbps = 100.0;
	cfg->eth_overhead_bytes = 24;
	cfg->eth_tx_ready_percent = 0;
	cfg->msi_base = VSIM_MSI_BASE;
	cfg->msi_size = VSIM_MSI_END - VSIM_MSI_BASE;
}

struct vsim *vsim_create(const struct vsim_config *cfg)
{
	if (!cfg) {
		std::fprintf(stderr, "vsim_create: no configuration\n");
		return nullptr;
	}
	for (const char *path : {cfg->itcm_hex, cfg->dtcm_hex}) {
		if (!readable(path)) {
			std::fprintf(stderr, "vsim_create: cannot read firmware image %s: %s\n",
				     path ? path : "(null)", path ? std::strerror(errno) : "not given");
			return nullptr;
		}
	}
	const bool pow2 = cfg->rcb_bytes && !(cfg->rcb_bytes & (cfg->rcb_bytes - 1));
	if (!(cfg->clock_mhz > 0) || !(cfg->link_gbps > 0) || cfg->host_read_latency_ns < 0 ||
	    !pow2 || cfg->rcb_bytes < 64 || cfg->mps_bytes < cfg->rcb_bytes || cfg->mps_bytes > 4096 ||
	    cfg->mps_bytes % cfg->rcb_bytes || cfg->max_read_tags == 0 || cfg->max_read_tags > 1024 ||
	    cfg->host_mem_size == 0 || cfg->host_mem_base % 4096 || cfg->completion_timeout_cycles == 0 ||
	    cfg->cc_ready_percent > 100 || !(cfg->eth_gbps > 0) || cfg->eth_tx_ready_percent > 100 ||
	    cfg->msi_size == 0 || cfg->msi_base + cfg->msi_size < cfg->msi_base ||
	    cfg->rq_tlps_per_beat < 1 || cfg->rq_tlps_per_beat > 2) {
		std::fprintf(stderr, "vsim_create: invalid configuration (see vionic_sim.h)\n");
		return nullptr;
	}

	auto s = std::make_unique<vsim>();
	s->cfg = *cfg;
	s->itcm = cfg->itcm_hex;
	s->dtcm = cfg->dtcm_hex;
	s->cfg.itcm_hex = s->itcm.c_str();
	s->cfg.dtcm_hex = s->dtcm.c_str();
	if (cfg->fst_path) {
		s->fst_path = cfg->fst_path;
		s->cfg.fst_path = s->fst_path.c_str();
	}
	if (s->cfg.cc_ready_percent == 0)
		s->cfg.cc_ready_percent = 100;
	s->link_up = cfg->eth_link_up != 0;
	s->alloc_next = cfg->host_mem_base;

	vsim_host::HostConfig hc;
	hc.clock_mhz = cfg->clock_mhz;
	hc.host_read_latency_ns = cfg->host_read_latency_ns;
	hc.link_gbps = cfg->link_gbps;
	hc.tlp_overhead_bytes = cfg->tlp_overhead_bytes;
	hc.max_read_tags = cfg->max_read_tags;
	hc.rcb_bytes = cfg->rcb_bytes;
	hc.mps_bytes = cfg->mps_bytes;
	hc.rq_tlps_per_beat = cfg->rq_tlps_per_beat;
	hc.host_mem_base = cfg->host_mem_base;
	hc.host_mem_size = cfg->host_mem_size;
	hc.completion_timeout_cycles = cfg->completion_timeout_cycles;
	hc.cc_ready_percent = s->cfg.cc_ready_percent;
	hc.seed = cfg->seed;
	hc.msi_base = cfg->msi_base;
	hc.msi_size = cfg->msi_size;
	vsim_eth::EthConfig ec;
	ec.clock_mhz = cfg->clock_mhz;
	ec.gbps = cfg->eth_gbps;
	ec.overhead_bytes = cfg->eth_overhead_bytes;
	ec.tx_ready_percent = cfg->eth_tx_ready_percent ? cfg->eth_tx_ready_percent : 100;
	// its own generator, so Ethernet back-pressure does not change the PCIe sequence
	ec.seed = cfg->seed * 2654435761u + 0x9e3779b9u;
	ec.beat_bytes = kEthBeatBytes;
	s->eth = std::make_unique<vsim_eth::EthModel>(ec);
	try {
		s->host = std::make_unique<vsim_host::HostModel>(hc);
	} catch (const std::bad_alloc &) {
		std::fprintf(stderr, "vsim_create: cannot allocate %llu bytes of host memory\n",
			     static_cast<unsigned long long>(cfg->host_mem_size));
		return nullptr;
	}

	// The TCMs read their images with $value$plusargs at elaboration
	// (rtl/cpu/vionic_tcm.v): give each model its own context and arguments.
	s->ctx = std::make_unique<VerilatedContext>();
	const std::string itcm_arg = "+itcm=" + s->itcm, dtcm_arg = "+dtcm=" + s->dtcm;
	const char *argv[] = {"vionic_sim", itcm_arg.c_str(), dtcm_arg.c_str()};
	s->ctx->commandArgs(3, argv);
	if (s->cfg.fst_path)
		s->ctx->traceEverOn(true);
	s->top = std::make_unique<Vvionic_device>(s->ctx.get(), "vionic_device");
	if (s->cfg.fst_path) {
		s->fst = std::make_unique<VerilatedFstC>();
		s->top->trace(s->fst.get(), 99);
		s->fst->open(s->cfg.fst_path);
		if (!s->fst->isOpen()) {
			std::fprintf(stderr, "vsim_create: cannot open %s\n", s->cfg.fst_path);
			s->top->final();
			return nullptr;
		}
	}

	enter(s.get());
	s->top->rst = 1;
	for (unsigned i = 0; i < kResetCycles; i++)
		step(s.get());
	s->top->rst = 0;
	return s.release();
}

void vsim_destroy(struct vsim *sim)
{
	if (!sim)
		return;
	enter(sim);
	sim->eth->disconnect();	 // the peer goes back to CAPTURE
	sim->top->final();
	if (sim->fst)
		sim->fst->close();
	delete sim;
	// Do not leave Verilator pointing at the freed context; the next create or clock
	// loop of another model sets its own.
	Verilated::threadContextp(nullptr);
}

void vsim_set_link(struct vsim *sim, int up) { sim->link_up = up != 0; }

void vsim_run(struct vsim *sim, uint64_t cycles)
{
	enter(sim);
	for (uint64_t i = 0; i < cycles; i++)
		step(sim);
}

uint64_t vsim_cycles(const struct vsim *sim) { return sim->host->cycle(); }

double vsim_ns(const struct vsim *sim) { return sim->host->cycle() * 1000.0 / sim->cfg.clock_mhz; }

int vsim_cfg_read(struct vsim *sim, unsigned int func, unsigned int offset, unsigned int size,
		  uint32_t *value)
{
	if (!value)
		return VSIM_EINVAL;
	return config_request(sim, VIONIC_PCIE_CONFIG_TLP_CFG_RD, func, offset, size, 0, value);
}

int vsim_cfg_write(struct vsim *sim, unsigned int func, unsigned int offset, unsigned int size,
		   uint32_t value)
{
	return config_request(sim, VIONIC_PCIE_CONFIG_TLP_CFG_WR, func, offset, size, value, nullptr);
}

int vsim_mmio_read(struct vsim *sim, uint64_t addr, unsigned int size, uint64_t *value)
{
	if (!sim || !value || (size != 1 && size != 2 && size != 4 && size != 8) || addr % size)
		return VSIM_EINVAL;
	const unsigned len = size == 8 ? 2 : 1;
	const unsigned fbe = size == 8 ? 0xf : ((1u << size) - 1) << (addr & 3);
	vsim_host::Result res;
	const int err = request(sim, VIONIC_PCIE_CONFIG_TLP_MEM_RD, 0, addr & ~3ull, len, fbe,
				size == 8 ? 0xf : 0, nullptr, &res);
	if (err)
		return err;
	if (size == 8) {
		*value = res.data[0] | static_cast<uint64_t>(res.data[1]) << 32;
	} else {
		const uint32_t mask = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
		*value = (res.data[0] >> (8 * (addr & 3))) & mask;
	}
	return 0;
}

int vsim_mmio_write(struct vsim *sim, uint64_t addr, unsigned int size, uint64_t value)
{
	if (!sim || (size != 1 && size != 2 && size != 4 && size != 8) || addr % size)
		return VSIM_EINVAL;
	uint32_t data[2];
	if (size == 8) {
		data[0] = static_cast<uint32_t>(value);
		data[1] = static_cast<uint32_t>(value >> 32);
		sim->host->submit(VIONIC_PCIE_CONFIG_TLP_MEM_WR, 0, addr, 2, 0xf, 0xf, data);
	} else {
		const uint64_t mask = (1ull << (8 * size)) - 1;
		data[0] = static_cast<uint32_t>((value & mask) << (8 * (addr & 3)));
		sim->host->submit(VIONIC_PCIE_CONFIG_TLP_MEM_WR, 0, addr & ~3ull, 1,
				  ((1u << size) - 1) << (addr & 3), 0, data);
	}
	return 0;
}

int vsim_mem_read_raw(struct vsim *sim, uint64_t addr, unsigned int len_dw, unsigned int first_be,
		      unsigned int last_be, uint32_t *data)
{
	if (!sim || !data || addr % 4 || len_dw < 1 || len_dw > 1024 || first_be > 0xf || last_be > 0xf)
		return VSIM_EINVAL;
	vsim_host::Result res;
	const int err = request(sim, VIONIC_PCIE_CONFIG_TLP_MEM_RD, 0, addr, len_dw, first_be,
				last_be, nullptr, &res);
	if (err)
		return err;
	std::copy(res.data.begin(), res.data.begin() + len_dw, data);
	return 0;
}

int vsim_mem_write_raw(struct vsim *sim, uint64_t addr, unsigned int len_dw, unsigned int first_be,
		       unsigned int last_be, const uint32_t *data)
{
	if (!sim || !data || addr % 4 || len_dw < 1 || len_dw > 1024 || first_be > 0xf || last_be > 0xf)
		return VSIM_EINVAL;
	sim->host->submit(VIONIC_PCIE_CONFIG_TLP_MEM_WR, 0, addr, len_dw, first_be, last_be, data);
	return 0;
}

int vsim_flush_writes(struct vsim *sim)
{
	enter(sim);
	while (!sim->host->idle_down()) {
		step(sim);
		if (sim->host->cycle() - sim->host->cq_progress_cycle() >
		    sim->cfg.completion_timeout_cycles + kStallSlack)
			return VSIM_ETIMEDOUT;
	}
	return 0;
}

uint64_t vsim_mem_alloc(struct vsim *sim, size_t size, size_t align)
{
	if (align == 0)
		align = 1;
	if (align & (align - 1))
		return 0;
	const uint64_t addr = (sim->alloc_next + align - 1) & ~static_cast<uint64_t>(align - 1);
	const uint64_t end = sim->cfg.host_mem_base + sim->cfg.host_mem_size;
	if (addr > end || size > end - addr)
		return 0;
	sim->alloc_next = addr + size;
	return addr;
}

void vsim_mem_reset_alloc(struct vsim *sim) { sim->alloc_next = sim->cfg.host_mem_base; }

int vsim_mem_read(struct vsim *sim, uint64_t addr, void *buf, size_t len)
{
	if (!buf || !sim->host->mem_in_range(addr, len))
		return VSIM_EINVAL;
	if (len)
		std::memcpy(buf, sim->host->mem_ptr(addr), len);
	return 0;
}

int vsim_mem_write(struct vsim *sim, uint64_t addr, const void *buf, size_t len)
{
	if (!buf || !sim->host->mem_in_range(addr, len))
		return VSIM_EINVAL;
	if (len)
		std::memcpy(sim->host->mem_ptr(addr), buf, len);
	return 0;
}

int vsim_mem_attach(struct vsim *sim, const struct vsim_mem_region *regions, unsigned int n)
{
	if (n > VSIM_MEM_REGIONS || (n && !regions))
		return VSIM_EINVAL;
	std::vector<vsim_host::MemRegion> v;
	for (unsigned i = 0; i < n; i++) {
		const vsim_mem_region &r = regions[i];
		if (!r.ptr || r.size == 0 || r.addr + r.size < r.addr)
			return VSIM_EINVAL;
		v.push_back(vsim_host::MemRegion{r.addr, r.size, static_cast<uint8_t *>(r.ptr)});
	}
	sim->host->attach(v);
	return 0;
}

int vsim_wait_msi(struct vsim *sim, uint64_t timeout_cycles, struct vsim_msi *msi)
{
	enter(sim);
	auto &q = sim->host->msis();
	for (uint64_t i = 0; q.empty() && i < timeout_cycles; i++)
		step(sim);
	if (q.empty())
		return sim->halted ? VSIM_EHALTED : VSIM_ETIMEDOUT;
	if (msi) {
		msi->addr = q.front().addr;
		msi->data = q.front().data;
		msi->func = q.front().func;
		msi->cycle = q.front().cycle;
	}
	q.pop_front();
	return 0;
}

unsigned int vsim_msi_pending(const struct vsim *sim)
{
	return static_cast<unsigned>(sim->host->msis().size());
}

int vsim_halted(const struct vsim *sim, uint32_t *code)
{
	if (sim->halted && code)
		*code = sim->halt_code;
	return sim->halted ? 1 : 0;
}

const char *vsim_console(const struct vsim *sim) { return sim->console.c_str(); }

int vsim_mem_set_class(struct vsim *sim, uint64_t addr, uint64_t len, unsigned int cls)
{
	if (!sim || cls == VSIM_CLASS_MSI || cls >= VSIM_CLASSES)
		return VSIM_EINVAL;
	sim->host->set_class(addr, len, cls);
	return VSIM_OK;
}

void vsim_get_stats(const struct vsim *sim, struct vsim_stats *stats)
{
	const vsim_host::HostStats &h = sim->host->stats();
	std::memset(stats, 0, sizeof *stats);
	stats->down.tlps = h.down.tlps;
	stats->down.payload_bytes = h.down.payload_bytes;
	stats->down.wire_bytes = h.down.wire_bytes;
	stats->up.tlps = h.up.tlps;
	stats->up.payload_bytes = h.up.payload_bytes;
	stats->up.wire_bytes = h.up.wire_bytes;
	for (unsigned c = 0; c < VSIM_CLASSES && c < vsim_host::kClasses; c++) {
		const vsim_host::LinkStats *from[3] = {&h.cls[c].rd_req, &h.cls[c].cpl, &h.cls[c].wr};
		struct vsim_link_stats *to[3] = {&stats->cls[c].rd_req, &stats->cls[c].cpl, &stats->cls[c].wr};
		for (unsigned k = 0; k < 3; k++) {
			to[k]->tlps = from[k]->tlps;
			to[k]->payload_bytes = from[k]->payload_bytes;
			to[k]->wire_bytes = from[k]->wire_bytes;
		}
	}
	stats->dma_reads = h.dma_reads;
	stats->dma_writes = h.dma_writes;
	stats->dma_errors = h.dma_errors;
	stats->msi_count = h.msi_count;
	stats->max_outstanding_reads = h.max_outstanding_reads;
	stats->completion_timeouts = h.completion_timeouts;
	stats->unexpected_completions = h.unexpected_completions;
	stats->protocol_errors = h.protocol_errors;
	stats->rq_beats = h.rq_beats;
	stats->rqr_requests = h.rqr_requests;
	stats->rq_slots = h.rq_slots;
	stats->rc_beats = h.rc_beats;
}

const char *vsim_strerror(int err)
{
	switch (err) {
	case VSIM_OK: return "success";
	case VSIM_EINVAL: return "invalid argument";
	case VSIM_ETIMEDOUT: return "timed out";
	case VSIM_EUR: return "Unsupported Request completion";
	case VSIM_ECA: return "Completer Abort completion";
	case VSIM_ECRS: return "Configuration Request Retry Status";
	case VSIM_EHALTED: return "firmware halted";
	case VSIM_ENOMEM: return "host memory exhausted";
	case VSIM_EPROTO: return "device protocol violation";
	default: return "unknown error";
	}
}

const char *vsim_last_error(const struct vsim *sim)
{
	return sim->eth_error_last ? sim->eth->last_error().c_str() : sim->host->last_error().c_str();
}

int vsim_eth_set_mode(struct vsim *sim, enum vsim_eth_mode mode)
{
	if (!sim || (mode != VSIM_ETH_CAPTURE && mode != VSIM_ETH_LOOPBACK))
		return VSIM_EINVAL;
	sim->eth->set_mode(mode == VSIM_ETH_LOOPBACK ? vsim_eth::Mode::kLoopback
						     : vsim_eth::Mode::kCapture);
	return 0;
}

int vsim_eth_connect(struct vsim *a, struct vsim *b)
{
	if (!a || !b || a == b)
		return VSIM_EINVAL;
	vsim_eth::EthModel::connect(a->eth.get(), b->eth.get());
	return 0;
}

int vsim_eth_send(struct vsim *sim, const void *frame, size_t len, int bad)
{
	if (!sim || !frame || len == 0 || len > vsim_eth::kMaxFrame)
		return VSIM_EINVAL;
	sim->eth->enqueue(static_cast<const uint8_t *>(frame), len, bad != 0, sim->eth->cycle());
	return 0;
}

unsigned int vsim_eth_send_queued(const struct vsim *sim) { return sim->eth->rx_queued(); }

int vsim_eth_recv(struct vsim *sim, void *buf, size_t max, size_t *len)
{
	if (!sim)
		return VSIM_EINVAL;
	auto &q = sim->eth->captured();
	if (q.empty())
		return VSIM_EAGAIN;
	const std::vector<uint8_t> &f = q.front().data;
	if (len)
		*len = f.size();
	if (!buf || max < f.size())
		return VSIM_EINVAL;
	std::memcpy(buf, f.data(), f.size());
	q.pop_front();
	return 0;
}

unsigned int vsim_eth_recv_queued(const struct vsim *sim)
{
	return static_cast<unsigned>(sim->eth->captured().size());
}

static int eth_pcap(struct vsim *sim, const char *path, bool ns)
{
	if (!sim)
		return VSIM_EINVAL;
	if (!path) {
		sim->eth->close_pcap();
		return 0;
	}
	if (!*path || !sim->eth->open_pcap(path, ns)) {
		std::fprintf(stderr, "vsim_eth_pcap: cannot open %s: %s\n", path, std::strerror(errno));
		return VSIM_EINVAL;
	}
	return 0;
}

int vsim_eth_pcap(struct vsim *sim, const char *path) { return eth_pcap(sim, path, false); }
int vsim_eth_pcap_ns(struct vsim *sim, const char *path) { return eth_pcap(sim, path, true); }

void vsim_eth_get_stats(const struct vsim *sim, struct vsim_eth_stats *stats)
{
	const vsim_eth::EthStats &e = sim->eth->stats();
	std::memset(stats, 0, sizeof *stats);
	stats->tx_frames = e.tx_frames;
	stats->tx_bytes = e.tx_bytes;
	stats->rx_frames = e.rx_frames;
	stats->rx_bytes = e.rx_bytes;
	stats->rx_bad = e.rx_bad;
	stats->rx_not_ready_cycles = e.rx_not_ready_cycles;
	stats->tx_first_cycle = e.tx_first_cycle;
	stats->tx_last_cycle = e.tx_last_cycle;
	stats->tx_protocol_errors = e.tx_protocol_errors;
}

}  // extern "C"
