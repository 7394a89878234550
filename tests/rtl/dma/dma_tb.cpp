// Block test of the DMA layer (vionic_dma_tb_top: rd/wr arbiters, vionic_dma_read,
// vionic_dma_write, vionic_rq_mux, vionic_fw_dma) against a C++ host-memory model.
// Prints TAP. Host model: completions split at the 64-byte RCB (1..4 RCB chunks),
// random latency, tags interleaved, random m_rq back-pressure, UR for a forbidden
// range, a withheld (late) completion for a "timeout" page. TB_SEED=<n> in the
// environment picks another random run.
#include "Vvionic_dma_tb_top.h"
#include "verilated.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "vionic/memory_map_regs.h"
#include "vionic/fw_dma_regs.h"

#ifndef TB_DW
#define TB_DW 512
#endif
static const int DW = TB_DW;
static const int BPB = DW / 8;
static const int DWPB = DW / 32;
static const int TIMEOUT = 2000;      // CPL_TIMEOUT_CYCLES of the wrapper
static const int LATE = 7000;         // delay of a withheld completion
static const uint64_t HBASE = 0x100000000ULL;
static const uint64_t MEM_SIZE = 1 << 20;
static const uint64_t RD_LO = 0, RD_HI = 0x80000;       // read-only region
static const uint64_t WR_LO = 0x80000, WR_HI = 0xD0000;  // client writes
static const uint64_t FW_LO = 0xD0000;                  // fw_dma region (0xD0000..0xE0000)
static const uint64_t TO_LO = 0xE0000, TO_HI = 0xE1000; // completions withheld
static const uint64_t UR_LO = 0xF0000, UR_HI = 0x100000; // Unsupported Request
static const uint64_t MSIX_ADDR = 0xFEE00000ULL;

static Vvionic_dma_tb_top* top;
static std::mt19937_64 rng(12345);
static uint64_t cyc = 0;
static std::vector<uint8_t> mem(MEM_SIZE), shadow(MEM_SIZE);

static uint32_t rnd(uint32_t n) { return n ? (uint32_t)(rng() % n) : 0; }
static bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

template <class T> static uint32_t getw(const T& w, int i) { return w[i]; }
template <class T> static uint8_t getb(const T& w, int i) { return (w[i / 4] >> (8 * (i % 4))) & 0xff; }
template <class T> static void setw(T& w, int i, uint32_t v) { w[i] = v; }

// ------------------------------------------------------------------ checks
struct Check { std::string name; int fails = 0; int count = 0; };
static std::map<std::string, Check> checks;
static std::vector<std::string> order;
static void check(const std::string& name, bool ok, const std::string& msg = "") {
    if (!checks.count(name)) { checks[name].name = name; order.push_back(name); }
    Check& c = checks[name];
    c.count++;
    if (!ok) {
        if (c.fails < 5) printf("# FAIL %s @%llu: %s\n", name.c_str(), (unsigned long long)cyc, msg.c_str());
        c.fails++;
    }
}

// ------------------------------------------------------------------ config
static int mrrs[2] = {2, 2}, mps[2] = {1, 1};
static int bm = 0x1;               // function 1 has Bus Master Enable 0
static double rq_ready_p = 0.8, rsp_ready_p = 0.8, wdata_p = 0.8, rc_gap_p = 0.1;
static int lat_base = 100, lat_jit = 60;

// ------------------------------------------------------------------ host model
struct Cpl { int tag, status, bc, la, len_dw; bool done; std::vector<uint32_t> dws; uint64_t due; };
static std::map<int, std::deque<Cpl>> pend;
static std::set<int> tag_out;
static bool rc_active = false; static Cpl rc_cur; static int rc_beat = 0;
static int ur_tlps = 0, late_tlps = 0, late_delivered = 0, rd_tlps = 0;

struct WrTlp { bool active = false; int func; uint64_t addr; int len_dw, fbe, lbe; std::vector<uint32_t> dws; };
static WrTlp wt;
struct Range { int func; uint64_t addr; int len; };
static std::deque<Range> dirty_expect;
static int msix_seen = 0;
static std::deque<uint32_t> msix_expect;

static int be_lo(int be) { for (int i = 0; i < 4; i++) if (be >> i & 1) return i; return 4; }
static int be_hi(int be) { for (int i = 3; i >= 0; i--) if (be >> i & 1) return i; return -1; }
static bool be_contig(int be) { int lo = be_lo(be), hi = be_hi(be); return be && (((0xf << lo) & (0xf >> (3 - hi)) & 0xf) == be); }

// Extended Tag Field Enable per function (bit f): tags 32..63 allowed only with it
static int ext_tag = 0;
static int max_tag_seen = 0;

static void host_read(int func, uint64_t addr, int len_dw, int fbe, int lbe, int tag) {
    rd_tlps++;
    bool ok = true; char m[200];
    snprintf(m, sizeof m, "rd addr=%llx len_dw=%d fbe=%x lbe=%x tag=%d func=%d", (unsigned long long)addr, len_dw, fbe, lbe, tag, func);
    ok &= (addr & 3) == 0 && len_dw >= 1;
    ok &= len_dw * 4 <= (128 << mrrs[func & 1]);
    ok &= (addr & 0xfff) + (uint64_t)len_dw * 4 <= 4096;
    ok &= func < 2 && (bm >> func & 1);
    if (len_dw == 1) ok &= lbe == 0 && be_contig(fbe);
    else ok &= be_contig(fbe) && be_contig(lbe) && (fbe & 8) && (lbe & 1);
    check("read TLPs obey MRRS, 4 KiB, byte-enable and Bus Master rules", ok, m);
    check("no tag reused while outstanding, tags >= 32 only with Extended Tag Field Enable",
          tag < ((ext_tag >> (func & 1) & 1) ? 64 : 32) && !tag_out.count(tag), m);
    if (tag > max_tag_seen) max_tag_seen = tag;
    tag_out.insert(tag);
    uint64_t start = addr + be_lo(fbe);
    uint64_t end = len_dw == 1 ? addr + be_hi(fbe) + 1 : addr + 4 * (len_dw - 1) + be_hi(lbe) + 1;
    uint64_t off = start - HBASE;
    uint64_t due = cyc + lat_base + rnd(lat_jit + 1);
    if (off >= UR_LO && off < UR_HI) {
        ur_tlps++;
        pend[tag].push_back(Cpl{tag, 1, (int)(end - start), (int)(start & 0x7f), 0, true, {}, due});
        return;
    }
    if (off >= TO_LO && off < TO_HI) { late_tlps++; due = cyc + LATE; }
    uint64_t cur = start;
    while (cur < end) {
        uint64_t nxt = std::min<uint64_t>(end, (cur & ~63ULL) + 64 * (1 + rnd(4)));
        Cpl c{tag, 0, (int)(end - cur), (int)(cur & 0x7f), 0, nxt == end, {}, due};
        for (uint64_t a = cur & ~3ULL; a < nxt; a += 4) {
            uint32_t v = 0;
            for (int b = 0; b < 4; b++) v |= (uint32_t)mem[(a + b - HBASE) & (MEM_SIZE - 1)] << (8 * b);
            c.dws.push_back(v);
        }
        c.len_dw = c.dws.size();
        pend[tag].push_back(c);
        cur = nxt;
    }
}

static void host_write_done() {
    bool ok = true; char m[200];
    snprintf(m, sizeof m, "wr addr=%llx len_dw=%d fbe=%x lbe=%x func=%d got_dw=%zu", (unsigned long long)wt.addr, wt.len_dw, wt.fbe, wt.lbe, wt.func, wt.dws.size());
    ok &= (int)wt.dws.size() == wt.len_dw;
    if (wt.addr == MSIX_ADDR) {
        check("MSI-X messages pass the mux whole and in order", ok && wt.len_dw == 1 && !msix_expect.empty() && msix_expect.front() == wt.dws[0], m);
        if (!msix_expect.empty()) msix_expect.pop_front();
        msix_seen++;
        return;
    }
    ok &= (wt.addr & 3) == 0;
    ok &= wt.len_dw * 4 <= (128 << mps[wt.func & 1]);
    ok &= (wt.addr & 0xfff) + (uint64_t)wt.len_dw * 4 <= 4096;
    ok &= wt.func < 2 && (bm >> wt.func & 1);
    if (wt.len_dw == 1) ok &= wt.lbe == 0 && be_contig(wt.fbe);
    else ok &= be_contig(wt.fbe) && be_contig(wt.lbe) && (wt.fbe & 8) && (wt.lbe & 1);
    check("write TLPs obey MPS, 4 KiB, byte-enable and Bus Master rules", ok, m);
    if (!ok) return;
    uint64_t start = wt.addr + be_lo(wt.fbe);
    int n = 0;
    for (int i = 0; i < wt.len_dw; i++) {
        int be = i == 0 ? wt.fbe : i == wt.len_dw - 1 ? wt.lbe : 0xf;
        for (int b = 0; b < 4; b++)
            if (be >> b & 1) { mem[(wt.addr + 4 * i + b - HBASE) & (MEM_SIZE - 1)] = wt.dws[i] >> (8 * b); n++; }
    }
    dirty_expect.push_back(Range{wt.func, start, n});
}

// ------------------------------------------------------------------ read clients
struct RdExp { int id; uint64_t addr; int len; bool err; };
struct RdClient {
    std::deque<RdExp> exp;
    bool req = false; RdExp cur; int func = 0;
    int next_id = 0, beat = 0, issued = 0, done = 0, errs = 0;
};
static RdClient rc[2];
static int rd_budget[2] = {0, 0};
static int rd_max_out = 24;
static int rd_mode = 0;  // 0 random, 1 fixed 64 B, 2 fixed 1500 B, 3 timeout page (client 0 once)
static uint64_t rsp_beats = 0;

static void gen_read(int c) {
    RdClient& r = rc[c];
    RdExp e; e.id = r.next_id++ & 0xff; e.err = false; r.func = 0;
    int len = chance(0.5) ? 1 + rnd(128) : 1 + rnd(4096);
    if (rd_mode == 1) len = 64;
    if (rd_mode == 2) len = 1500;
    uint64_t off = RD_LO + rnd(RD_HI - RD_LO - 4096);
    if (rd_mode == 1 || rd_mode == 2) off &= ~63ULL;
    if (rd_mode == 0) {
        int k = rnd(100);
        if (k < 3) { off = UR_LO + rnd(UR_HI - UR_LO - 4096); e.err = true; }
        else if (k < 5) { r.func = 1; e.err = true; }
        else if (k < 6) { len = chance(0.5) ? 0 : 4097 + rnd(4095); e.err = true; }
    }
    if (rd_mode == 3 && c == 0) { off = TO_LO + rnd(0x100); len = 1 + rnd(0x800); e.err = true; }
    if (!(bm >> r.func & 1)) e.err = true;
    e.addr = HBASE + off; e.len = len;
    r.cur = e; r.req = true;
}

static void check_rsp(int c, bool last, bool err, int id) {
    RdClient& r = rc[c];
    rsp_beats++;
    if (r.exp.empty()) { check("read responses in order with the right id, length and data", false, "unexpected response"); return; }
    RdExp& e = r.exp.front();
    int beats = e.len == 0 ? 1 : (e.len + BPB - 1) / BPB;
    bool ok = id == e.id && err == e.err && last == (r.beat == beats - 1);
    char m[200];
    snprintf(m, sizeof m, "client %d id=%d/%d err=%d/%d last=%d beat=%d/%d len=%d addr=%llx", c, id, e.id, err, e.err, last, r.beat, beats, e.len, (unsigned long long)e.addr);
    if (ok && !err) {
        for (int i = 0; i < BPB; i++) {
            int o = r.beat * BPB + i;
            if (o >= e.len) break;
            if (getb(top->c_rd_rsp_data, i) != mem[(e.addr + o - HBASE) & (MEM_SIZE - 1)]) { ok = false; snprintf(m + strlen(m), 40, " data byte %d", o); break; }
        }
    }
    if (ok && err) for (int i = 0; i < DWPB; i++) ok &= getw(top->c_rd_rsp_data, i) == 0;
    check("read responses in order with the right id, length and data", ok, m);
    r.beat++;
    if (last || r.beat >= beats) { if (e.err) r.errs++; r.exp.pop_front(); r.beat = 0; r.done++; }
}

// ------------------------------------------------------------------ write client
struct WrExp { int id; bool err; };
static std::deque<WrExp> wexp;
static bool w_req = false, w_data = false;
static int w_func, w_len, w_id, w_beat, w_beats, w_next_id = 0, w_done = 0, w_issued = 0, w_budget = 0, w_errs = 0;
static uint64_t w_addr;
static int w_fixed = 0;   // fixed write length (throughput runs), 0 = random
static uint64_t w_in_beats = 0;
static std::vector<uint8_t> w_bytes;

static void gen_write() {
    w_func = 0; w_len = chance(0.3) ? 1 + rnd(96) : 1 + rnd(4096);
    bool err = false;
    int k = w_fixed ? 100 : rnd(100);
    if (w_fixed) w_len = w_fixed;
    if (k < 2) { w_func = 1; err = true; }
    else if (k < 3) { w_len = chance(0.5) ? 0 : 4097 + rnd(4095); err = true; }
    if (!(bm >> w_func & 1)) err = true;
    w_addr = HBASE + WR_LO + rnd(WR_HI - WR_LO - 8192);
    w_id = w_next_id++ & 0xff;
    w_bytes.resize(std::max(w_len, 1));
    for (auto& b : w_bytes) b = rng();
    if (!err) for (int i = 0; i < w_len; i++) shadow[w_addr - HBASE + i] = w_bytes[i];
    w_beats = w_len == 0 ? 1 : (w_len + BPB - 1) / BPB;
    w_beat = 0;
    wexp.push_back(WrExp{w_id, err});
    if (getenv("TB_DEBUG")) printf("# write id=%d addr=%llx len=%d func=%d err=%d @%llu\n", w_id, (unsigned long long)w_addr, w_len, w_func, err, (unsigned long long)cyc);
    w_req = true; w_issued++;
}

// ------------------------------------------------------------------ CPU (fw_dma) port
static bool cpu_req = false, cpu_wr = false; static uint32_t cpu_addr, cpu_wdata; static int cpu_strb;
static bool cpu_got = false; static uint32_t cpu_rdata; static bool cpu_err;

// ------------------------------------------------------------------ MSI-X
static bool msix_req = false; static uint32_t msix_val = 0; static int msix_sent = 0; static bool msix_on = false;

// ------------------------------------------------------------------ clock
static void tick() {
    // drive
    top->func_bus_master = bm;
    top->func_max_read_request = mrrs[0] | mrrs[1] << 3;
    top->func_ext_tag = ext_tag;
    top->func_max_payload = mps[0] | mps[1] << 3;
    top->m_rq_ready = chance(rq_ready_p);
    // read clients
    int rv = 0; int rr = 0;
    for (int c = 0; c < 2; c++) {
        if (!rc[c].req && rd_budget[c] > 0 && (int)rc[c].exp.size() < rd_max_out) { gen_read(c); rd_budget[c]--; }
        if (rc[c].req) rv |= 1 << c;
        if (chance(rsp_ready_p)) rr |= 1 << c;
    }
    top->c_rd_req_valid = rv;
    top->c_rd_rsp_ready = rr;
    top->c_rd_req_func = rc[0].func | rc[1].func << 8;
    top->c_rd_req_addr[0] = rc[0].cur.addr; top->c_rd_req_addr[1] = rc[0].cur.addr >> 32;
    top->c_rd_req_addr[2] = rc[1].cur.addr; top->c_rd_req_addr[3] = rc[1].cur.addr >> 32;
    top->c_rd_req_len = (rc[0].cur.len & 0x1fff) | (rc[1].cur.len & 0x1fff) << 13;
    top->c_rd_req_id = rc[0].cur.id | rc[1].cur.id << 8;
    // write client
    // like the data-path clients, present the first beat together with the request
    if (!w_req && !w_data && w_budget > 0 && wexp.size() < 32) { gen_write(); w_budget--; w_data = true; }
    top->c_wr_req_valid = w_req;
    top->c_wr_req_func = w_func; top->c_wr_req_addr = w_addr; top->c_wr_req_len = w_len & 0x1fff; top->c_wr_req_id = w_id;
    bool wdv = w_data && chance(wdata_p);
    top->c_wr_data_valid = wdv;
    for (int i = 0; i < DWPB; i++) {
        uint32_t v = 0;
        for (int b = 0; b < 4; b++) { size_t o = (size_t)w_beat * BPB + 4 * i + b; v |= (o < w_bytes.size() ? (uint32_t)w_bytes[o] : 0xa5u) << (8 * b); }
        setw(top->c_wr_data, i, v);
    }
    top->c_wr_data_last = w_beat == w_beats - 1;
    // cpu
    top->cpu_req_valid = cpu_req; top->cpu_req_addr = cpu_addr; top->cpu_req_write = cpu_wr;
    top->cpu_req_strb = cpu_strb; top->cpu_req_wdata = cpu_wdata;
    // msix
    if (!msix_req && msix_on && chance(0.01)) { msix_req = true; msix_val = 0x1000 + msix_sent; msix_expect.push_back(msix_val); }
    top->msix_valid = msix_req; top->msix_func = 0; top->msix_addr = MSIX_ADDR; top->msix_dw = msix_val;
    // completions
    if (!rc_active) {
        std::vector<int> ready;
        for (auto& p : pend) if (!p.second.empty() && p.second.front().due <= cyc) ready.push_back(p.first);
        if (!ready.empty() && !chance(rc_gap_p)) {
            int t = ready[rnd(ready.size())];
            rc_cur = pend[t].front(); pend[t].pop_front(); rc_active = true; rc_beat = 0;
        }
    }
    int rc_beats = rc_active ? std::max(1, (rc_cur.len_dw + DWPB - 1) / DWPB) : 0;
    top->s_rc_valid = rc_active;
    if (rc_active) {
        top->s_rc_tag = rc_cur.tag; top->s_rc_status = rc_cur.status; top->s_rc_byte_count = rc_cur.bc & 0x1fff;
        top->s_rc_lower_addr = rc_cur.la; top->s_rc_len_dw = rc_cur.len_dw; top->s_rc_request_done = rc_cur.done;
        int keep = 0;
        for (int i = 0; i < DWPB; i++) {
            size_t k = (size_t)rc_beat * DWPB + i;
            setw(top->s_rc_data, i, k < rc_cur.dws.size() ? rc_cur.dws[k] : 0xdeadbeef);
            if (k < rc_cur.dws.size()) keep |= 1 << i;
        }
        top->s_rc_keep = keep;
        top->s_rc_last = rc_beat == rc_beats - 1;
    }

    top->clk = 0;
    top->eval();

    // sample handshakes
    bool rq_hs = top->m_rq_valid && top->m_rq_ready;
    if (rq_hs) {
        if (top->m_rq_type == 0) {
            check("m_rq beats well formed (no read inside a write TLP)", !wt.active && top->m_rq_last);
            host_read(top->m_rq_func, top->m_rq_addr, top->m_rq_len_dw, top->m_rq_first_be, top->m_rq_last_be, top->m_rq_tag);
        } else {
            if (!wt.active) {
                wt.active = true; wt.func = top->m_rq_func; wt.addr = top->m_rq_addr; wt.len_dw = top->m_rq_len_dw;
                wt.fbe = top->m_rq_first_be; wt.lbe = top->m_rq_last_be; wt.dws.clear();
            } else {
                check("m_rq beats well formed (no read inside a write TLP)",
                      wt.addr == top->m_rq_addr && wt.len_dw == top->m_rq_len_dw && wt.func == top->m_rq_func);
            }
            int keep = top->m_rq_keep; bool contig = true; bool gap = false;
            for (int i = 0; i < DWPB; i++) {
                if (keep >> i & 1) { if (gap) contig = false; wt.dws.push_back(getw(top->m_rq_data, i)); } else gap = true;
            }
            check("m_rq beats well formed (no read inside a write TLP)", contig && (top->m_rq_last || keep == (int)((1ULL << DWPB) - 1)));
            if (top->m_rq_last) { host_write_done(); wt.active = false; }
        }
    }
    bool rc_hs = top->s_rc_valid && top->s_rc_ready;
    bool rdreq_hs[2], rdrsp_hs[2];
    for (int c = 0; c < 2; c++) {
        rdreq_hs[c] = (top->c_rd_req_valid >> c & 1) && (top->c_rd_req_ready >> c & 1);
        rdrsp_hs[c] = (top->c_rd_rsp_valid >> c & 1) && (top->c_rd_rsp_ready >> c & 1);
        if (rdrsp_hs[c]) check_rsp(c, top->c_rd_rsp_last, top->c_rd_rsp_error, top->c_rd_rsp_id);
    }
    check("read responses go to one client at a time", (top->c_rd_rsp_valid & 3) != 3);
    bool wreq_hs = top->c_wr_req_valid && top->c_wr_req_ready;
    bool wdat_hs = top->c_wr_data_valid && top->c_wr_data_ready;
    if (top->c_wr_done_valid) {
        bool ok = !wexp.empty() && wexp.front().id == top->c_wr_done_id && wexp.front().err == top->c_wr_done_error;
        char m[100]; snprintf(m, sizeof m, "id=%d err=%d", top->c_wr_done_id, top->c_wr_done_error);
        check("wr_done in request order with the right id and error", ok, m);
        if (!wexp.empty()) { if (wexp.front().err) w_errs++; wexp.pop_front(); }
        w_done++;
    }
    if (top->dirty_valid) {
        bool ok = !dirty_expect.empty();
        char m[120]; snprintf(m, sizeof m, "dirty %llx+%d", (unsigned long long)top->dirty_addr, top->dirty_len);
        if (ok) { Range r = dirty_expect.front(); dirty_expect.pop_front(); ok = r.addr == top->dirty_addr && r.len == top->dirty_len && r.func == top->dirty_func; }
        check("dirty tap: one pulse per write TLP with its byte range", ok, m);
    }
    bool cpu_hs = top->cpu_req_valid && top->cpu_req_ready;
    if (top->cpu_rsp_valid) { cpu_got = true; cpu_rdata = top->cpu_rsp_rdata; cpu_err = top->cpu_rsp_error; }
    bool msix_hs = top->msix_valid && top->msix_ready;

    top->clk = 1;
    top->eval();
    cyc++;

    // update
    if (rc_hs) {
        rc_beat++;
        if (rc_beat == rc_beats) {
            rc_active = false;
            if (rc_cur.done) tag_out.erase(rc_cur.tag);
        }
    }
    for (int c = 0; c < 2; c++) if (rdreq_hs[c]) { rc[c].exp.push_back(rc[c].cur); rc[c].req = false; rc[c].issued++; }
    check("no data beat before its request", !wdat_hs || !w_req || wreq_hs);
    if (wreq_hs) { w_req = false; w_data = true; }
    if (wdat_hs) { w_in_beats++; w_beat++; if (w_beat == w_beats) w_data = false; }
    if (cpu_hs) cpu_req = false;
    if (msix_hs) { msix_req = false; msix_sent++; }
}

static void reset() {
    top->rst = 1;
    for (int i = 0; i < 10; i++) tick();
    top->rst = 0;
}

static bool idle() {
    return !rc[0].req && !rc[1].req && rc[0].exp.empty() && rc[1].exp.empty() && !w_req && !w_data && wexp.empty() &&
           rd_budget[0] == 0 && rd_budget[1] == 0 && w_budget == 0 && !msix_req;
}
static bool run_until_idle(uint64_t limit) {
    uint64_t end = cyc + limit;
    while (cyc < end) { tick(); if (idle()) return true; }
    return false;
}

static uint32_t cpu(uint32_t addr, bool wr, uint32_t wdata = 0, int strb = 0xf, bool* err = nullptr) {
    cpu_req = true; cpu_wr = wr; cpu_addr = addr; cpu_wdata = wdata; cpu_strb = strb; cpu_got = false;
    for (int i = 0; i < 1000 && !cpu_got; i++) tick();
    if (err) *err = cpu_err;
    return cpu_rdata;
}
static const uint32_t CSR = VIONIC_MAP_FW_DMA_BASE, BUF = VIONIC_MAP_FW_DMA_BUF_BASE;
static uint32_t fw_xfer(bool write, uint64_t addr, uint32_t len, uint32_t off, int func) {
    cpu(CSR + VIONIC_FW_DMA_ADDR_LO_OFFSET, true, (uint32_t)addr);
    cpu(CSR + VIONIC_FW_DMA_ADDR_HI_OFFSET, true, (uint32_t)(addr >> 32));
    cpu(CSR + VIONIC_FW_DMA_LEN_OFFSET, true, len);
    cpu(CSR + VIONIC_FW_DMA_BUF_OFFSET_OFFSET, true, off);
    cpu(CSR + VIONIC_FW_DMA_FUNC_OFFSET, true, func);
    cpu(CSR + VIONIC_FW_DMA_CTRL_OFFSET, true, 1 | (write ? 2 : 0));
    uint32_t st = 1;
    for (int i = 0; i < 2000 && (st & 1); i++) st = cpu(CSR + VIONIC_FW_DMA_STATUS_OFFSET, false);
    return st;
}

int main(int argc, char** argv) {
    setvbuf(stdout, nullptr, _IOLBF, 0);
    Verilated::commandArgs(argc, argv);
    // TB_SEED: another random run (the default seed is the one the figures were taken with)
    if (const char* seed = getenv("TB_SEED")) {
        rng.seed(strtoull(seed, nullptr, 0));
        printf("# TB_SEED=%s\n", seed);
    }
    top = new Vvionic_dma_tb_top;
    for (auto& b : mem) b = rng();
    shadow = mem;
    reset();

    // phase 1: random reads on two clients + random writes + MSI-X, three MRRS/MPS settings
    int cfg[3][2] = {{2, 1}, {0, 0}, {5, 5}};
    int rd_n[3] = {1500, 400, 400}, wr_n[3] = {1200, 300, 300};
    bool all_idle = true;
    int rd_err_total = 0;
    for (int p = 0; p < 3; p++) {
        mrrs[0] = cfg[p][0]; mps[0] = cfg[p][1];
        rd_budget[0] = rd_budget[1] = rd_n[p]; w_budget = wr_n[p]; msix_on = true;
        bool ok = run_until_idle(2000000);
        msix_on = false;
        ok &= run_until_idle(10000);
        check("random phase completes (no hang)", ok, "phase " + std::to_string(p));
        all_idle &= ok;
    }
    for (int i = 0; i < 300; i++) tick();
    rd_err_total = rc[0].errs + rc[1].errs;
    {
        bool same = true; size_t bad = 0;
        for (uint64_t a = WR_LO; a < WR_HI; a++) if (mem[a] != shadow[a]) { same = false; bad = a; break; }
        char m[80]; snprintf(m, sizeof m, "first mismatch at %llx", (unsigned long long)bad);
        check("host memory after random writes equals the expected image", same, m);
        check("write errors (Bus Master off, bad length) reported, others done", w_errs > 0 && w_done == w_issued,
              std::to_string(w_errs) + " errors, " + std::to_string(w_done) + "/" + std::to_string(w_issued));
        check("read errors (UR, Bus Master off, bad length) reported while others succeed",
              rd_err_total > 0 && ur_tlps > 0 && rc[0].done + rc[1].done > rd_err_total * 5, std::to_string(rd_err_total));
        check("MSI-X messages delivered", msix_seen == msix_sent && msix_sent > 0 && msix_expect.empty(),
              std::to_string(msix_seen) + "/" + std::to_string(msix_sent));
        check("dirty tap: one pulse per write TLP with its byte range", dirty_expect.empty(), "leftover");
    }

    // phase 2: completion timeout; client 1 keeps reading meanwhile
    {
        mrrs[0] = 2; mps[0] = 1;
        int e0 = rc[0].errs, d1 = rc[1].done, e1 = rc[1].errs;
        rd_mode = 3; rd_budget[0] = 1; rd_budget[1] = 200;
        bool ok = run_until_idle(100000);
        rd_mode = 0;
        check("completion timeout fails the request", ok && rc[0].errs == e0 + 1 && late_tlps > 0);
        check("other requests succeed during a timeout", rc[1].done - d1 == 200 && rc[1].errs == e1);
        // the late completion arrives; its tag must not have been reused meanwhile (checked by the host)
        rd_budget[0] = rd_budget[1] = 300;
        ok = run_until_idle(200000);
        for (int i = 0; i < LATE; i++) tick();
        rd_budget[0] = rd_budget[1] = 100;
        ok &= run_until_idle(100000);
        bool pend_empty = true;
        for (auto& q : pend) pend_empty &= q.second.empty();
        // a wrongly matched late completion would corrupt data or ids (checked on every response)
        check("late completion ignored (tag quarantined until it came), reads after it succeed",
              ok && tag_out.empty() && pend_empty && late_tlps > 0 && !rc_active,
              std::to_string(tag_out.size()) + " tags outstanding");
    }

    // phase 3: fw_dma
    {
        rq_ready_p = 0.7;
        bool err;
        cpu(CSR + VIONIC_FW_DMA_ADDR_LO_OFFSET, true, 0x12345678);
        uint32_t v = cpu(CSR + VIONIC_FW_DMA_ADDR_LO_OFFSET, false);
        cpu(BUF + 0x100, true, 0xaabbccdd);
        cpu(BUF + 0x100, true, 0x11223344, 0x5);
        uint32_t b = cpu(BUF + 0x100, false);
        check("fw_dma CSR and buffer read back (byte strobes)", v == 0x12345678 && b == 0xaa22cc44);
        cpu(CSR + 0x40, false, 0, 0xf, &err);
        bool e1 = err;
        cpu(0x40000000, false, 0, 0xf, &err);
        check("fw_dma: unknown addresses answer rsp_error", e1 && err);
        int okw = 0, okr = 0;
        for (int t = 0; t < 12; t++) {
            uint32_t len = t < 4 ? 1 + rnd(16) : 1 + rnd(4096);
            uint32_t off = rnd(4096 - len + 1);
            uint64_t haddr = HBASE + FW_LO + rnd(0x10000 - 4096);
            std::vector<uint8_t> data(len);
            for (auto& x : data) x = rng();
            // fill the buffer through the CPU port (byte writes for the odd edges)
            for (uint32_t i = 0; i < len; i++) cpu(BUF + ((off + i) & ~3u), true, (uint32_t)data[i] << (8 * ((off + i) & 3)), 1 << ((off + i) & 3));
            uint32_t st = fw_xfer(true, haddr, len, off, 0);
            run_until_idle(1000);
            bool ok = st == 0;
            for (uint32_t i = 0; i < len && ok; i++) ok = mem[haddr - HBASE + i] == data[i];
            okw += ok;
            // read it back to another offset
            uint32_t off2 = rnd(4096 - len + 1);
            st = fw_xfer(false, haddr, len, off2, 0);
            ok = st == 0;
            for (uint32_t i = 0; i < len && ok; i++) {
                uint32_t w = cpu(BUF + ((off2 + i) & ~3u), false);
                ok = ((w >> (8 * ((off2 + i) & 3))) & 0xff) == data[i];
            }
            okr += ok;
        }
        check("fw_dma: buffer -> host writes (any offset/length)", okw == 12, std::to_string(okw));
        check("fw_dma: host -> buffer reads (any offset/length)", okr == 12, std::to_string(okr));
        uint32_t s1 = fw_xfer(false, HBASE, 0, 0, 0);
        uint32_t s2 = fw_xfer(true, HBASE, 100, 4000, 0);
        uint32_t s3 = fw_xfer(false, HBASE, 4097, 0, 0);
        check("fw_dma: bad LEN/offset -> STATUS.ERROR", s1 == 2 && s2 == 2 && s3 == 2);
        uint32_t s4 = fw_xfer(false, HBASE + 0x100, 64, 0, 1);
        uint32_t s5 = fw_xfer(true, HBASE + FW_LO, 64, 0, 1);
        uint32_t s6 = fw_xfer(false, HBASE + UR_LO, 64, 0, 0);
        uint32_t s7 = fw_xfer(false, HBASE + 0x100, 64, 0, 0);
        check("fw_dma: Bus Master off / UR -> STATUS.ERROR, then success clears it", s4 == 2 && s5 == 2 && s6 == 2 && s7 == 0,
              std::to_string(s4) + std::to_string(s5) + std::to_string(s6) + std::to_string(s7));
        rq_ready_p = 0.8;
    }

    // phase 4: throughput, 128-cycle latency, no back-pressure
    {
        rq_ready_p = 1.0; rsp_ready_p = 1.0; rc_gap_p = 0.0; lat_base = 128; lat_jit = 0; mrrs[0] = 2;
        rd_max_out = 64;
        for (int mode = 1; mode <= 2; mode++) {
            rd_mode = mode;
            int n = mode == 1 ? 3000 : 600;
            uint64_t b0 = rsp_beats, c0 = cyc;
            int d0 = rc[0].done + rc[1].done;
            rd_budget[0] = rd_budget[1] = n / 2;
            bool ok = run_until_idle(1000000);
            double cycles = cyc - c0;
            double bpc = (rsp_beats - b0) / cycles, rpc = (rc[0].done + rc[1].done - d0) / cycles;
            printf("# read throughput %s B reads, 128-cycle latency: %.3f beats/cycle, %.3f requests/cycle (%.1f M/s at 250 MHz)\n",
                   mode == 1 ? "64" : "1500", bpc, rpc, rpc * 250);
            if (mode == 1) check("64-byte reads, 128-cycle latency: >= 0.235 requests/cycle (NUM_TAGS = 32 bound)", ok && rpc >= 0.235, std::to_string(rpc));
            else check("1500-byte reads sustain >= 0.8 beats/cycle", ok && bpc >= 0.8, std::to_string(bpc));
        }
        // the host model's ~125-cycle latency: 60 M/s of 64-byte reads with 32 tags, and
        // twice that with Extended Tag Field Enable on both functions (64 tags)
        lat_base = 124;
        rd_mode = 1;
        for (int ext = 0; ext <= 1; ext++) {
            ext_tag = ext ? 3 : 0;
            max_tag_seen = 0;
            uint64_t c0 = cyc;
            int d0 = rc[0].done + rc[1].done;
            rd_budget[0] = rd_budget[1] = 3000;
            bool ok = run_until_idle(1000000);
            double rpc = (rc[0].done + rc[1].done - d0) / (double)(cyc - c0);
            printf("# read throughput 64 B reads, 124-cycle latency, %d tags: %.3f requests/cycle (%.1f M/s at "
                   "250 MHz), highest tag %d\n", ext ? 64 : 32, rpc, rpc * 250, max_tag_seen);
            if (!ext)
                check("64-byte reads at 60 M/s (250 MHz) with 124-cycle latency", ok && rpc >= 0.24, std::to_string(rpc));
            else
                check("Extended Tag Field Enable: 64 tags, 64-byte reads >= 0.45 requests/cycle", ok && rpc >= 0.45 &&
                      max_tag_seen >= 32, std::to_string(rpc));
        }
        ext_tag = 0;
        // writes: long (4096 B) and small (16 B used descriptors, 76 B frames)
        wdata_p = 1.0;
        int wl[3] = {4096, 16, 76}, wn[3] = {200, 1000, 1000};
        for (int t = 0; t < 3; t++) {
            w_fixed = wl[t];
            uint64_t c0 = cyc, b0 = w_in_beats;
            int d0 = w_done;
            w_budget = wn[t];
            bool ok = run_until_idle(1000000);
            double cycles = cyc - c0;
            printf("# write throughput %d B writes (MPS 256): %.3f data beats/cycle, %.2f cycles/write\n",
                   wl[t], (w_in_beats - b0) / cycles, cycles / (w_done - d0));
            if (t == 0) check("4096-byte writes sustain >= 0.9 data beats/cycle", ok && (w_in_beats - b0) / cycles >= 0.9);
            else check("small writes take <= 1.2 + beats cycles each", ok && cycles / (w_done - d0) <= 1.2 + (wl[t] + BPB - 1) / BPB);
        }
        w_fixed = 0; wdata_p = 0.8;
        lat_base = 100; lat_jit = 60; rc_gap_p = 0.1;
        rd_mode = 0;
    }

    // bus master off for function 0 at the end: reads and writes fail, no TLP
    {
        bm = 0; rq_ready_p = 0.8; rsp_ready_p = 0.8;
        int tl = rd_tlps;
        int e0 = rc[0].errs + rc[1].errs;
        RdClient& r = rc[0];
        (void)r;
        rd_budget[0] = 20; w_budget = 0;
        bool ok = run_until_idle(100000);
        // every read in random mode hits an error now
        check("Bus Master Enable 0: reads fail without a TLP", ok && rd_tlps == tl && rc[0].errs + rc[1].errs - e0 == 20);
        int we = w_errs;
        w_budget = 10;
        ok = run_until_idle(100000);
        check("Bus Master Enable 0: writes dropped with wr_done_error", ok && w_errs - we == 10);
        bm = 1;
    }

    printf("# %d read requests (%d failed as expected), %d read TLPs (%d UR, %d withheld), %d writes (%d dropped), %d MSI-X, %llu cycles\n",
           rc[0].done + rc[1].done, rc[0].errs + rc[1].errs, rd_tlps, ur_tlps, late_tlps, w_done, w_errs, msix_seen,
           (unsigned long long)cyc);
    int n = 0, failed = 0;
    printf("1..%zu\n", order.size());
    for (auto& name : order) {
        Check& c = checks[name];
        n++;
        printf("%s %d - %s (%d checks)\n", c.fails ? "not ok" : "ok", n, name.c_str(), c.count);
        if (c.fails) failed++;
    }
    (void)all_idle;
    delete top;
    return failed ? 1 : 0;
}
