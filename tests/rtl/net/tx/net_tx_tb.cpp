// Block test of vionic_net_tx (TAP output).
// A host memory model answers the DMA read port in request order after a
// latency (~125 cycles) with random gaps; random back-pressure on m_eth_tx and
// tx_used. Every output frame is compared byte for byte with a C++ reference
// (header removal, checksum offload per the Linux convention), the used stream,
// the stat events and the errors are checked, and IP checksums of offloaded
// frames are verified independently (pseudo-header + segment sums to 0xffff).
// Environment: TB_SEED (default 12345) seeds the run; the stimulus (frames,
// layouts, memory) and the timing noise (latency jitter, gaps, back-pressure)
// come from separate generators, so the stimulus does not depend on the
// design's timing. TB_LOG=<file> writes every transaction stream (requests,
// frames, used entries, stats, errors) of every run in order, for comparing
// two versions of the RTL (their timing may differ, the streams must not).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vvionic_net_tx.h"
#include "verilated.h"
#include "vionic/dp_consts_regs.h"
#include "vionic/virtio_net_regs.h"
#include "vionic/virtio_pci_regs.h"

#ifndef TB_DATA_WIDTH
#define TB_DATA_WIDTH 512
#endif
#ifndef TB_NUM_FUNCS
#define TB_NUM_FUNCS 1
#endif
#ifndef TB_QUEUES_PER_FUNC
#define TB_QUEUES_PER_FUNC 32
#endif
#ifndef TB_MAX_FRAME
#define TB_MAX_FRAME 1518
#endif

static const int BPB = TB_DATA_WIDTH / 8;
static const int HDR = VIONIC_VIRTIO_NET_HDR_BYTES;
static const int MAX_FRAME = TB_MAX_FRAME;

static std::mt19937_64 rng(12345);      // stimulus
static std::mt19937_64 rng_bp(54321);   // timing noise inside run()
static uint32_t rnd(uint32_t n) { return (uint32_t)(rng() % n); }
static bool chance(int pct) { return (int)rnd(100) < pct; }
static uint32_t rnd_bp(uint32_t n) { return (uint32_t)(rng_bp() % n); }
static bool chance_bp(int pct) { return (int)rnd_bp(100) < pct; }
static FILE *tx_log = nullptr;

// ---------------------------------------------------------------- host memory
static const uint64_t MEM_BASE = 0x123400000000ull;
static const uint64_t MEM_SIZE = 32u << 20;
static const uint64_t ERR_BASE = 0xdead00000000ull;   // reads here fail
static std::vector<uint8_t> mem(MEM_SIZE);
static uint64_t mem_next = 0;

static uint64_t alloc_buf(uint32_t len) {
    uint64_t off = mem_next + rnd(64);
    if (off + len + 64 > MEM_SIZE) off = rnd(64);
    mem_next = off + len;
    return MEM_BASE + off;
}
static uint8_t mem_rd(uint64_t a) {
    if (a >= MEM_BASE && a < MEM_BASE + MEM_SIZE) return mem[a - MEM_BASE];
    return 0xee;
}

// ---------------------------------------------------------------- chains
struct Desc { uint64_t addr; uint32_t len; };
struct Chain {
    int qid = 0;
    uint16_t id = 0, count = 1;
    std::vector<Desc> descs;
    bool drop = false, err = false;
    std::vector<uint8_t> expect;   // expected frame on the wire
    int flen = 0;
    int l4_check = 0;              // 1: verify IPv4 L4 checksum, 2: IPv6
};

struct Stat { int kind; int func; int bytes; };
struct Used { int qid, id, count; uint32_t len; };

static int func_of(int qid) { return qid / TB_QUEUES_PER_FUNC; }
static uint64_t features[TB_NUM_FUNCS];

static int fold_csum(uint64_t s) {
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return (int)s;
}
static uint64_t sum16(const uint8_t *p, int n) {
    uint64_t s = 0;
    for (int i = 0; i < n; i++) s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
    return s;
}

// reference model: expected outcome of a chain from its bytes
static void reference(Chain &c, const std::vector<uint8_t> &bytes, bool err) {
    int total = (int)bytes.size();
    c.err = err;
    int flen = total - HDR;
    if (flen < 0) flen = 0;
    uint8_t h[HDR] = {0};
    for (int i = 0; i < HDR && i < total; i++) h[i] = bytes[i];
    int flags = h[VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET];
    int gso = h[VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET];
    int cs = h[VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET] | h[VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET + 1] << 8;
    int co = h[VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET] | h[VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET + 1] << 8;
    bool needs = flags & VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM;
    bool feat = (features[func_of(c.qid)] >> VIONIC_VIRTIO_PCI_F_NET_CSUM) & 1;
    c.flen = flen;
    c.drop = err || flen < 14 || flen > MAX_FRAME || gso != VIONIC_VIRTIO_NET_HDR_GSO_NONE ||
             (needs && !feat) || (needs && cs + co + 2 > flen);
    if (c.drop) return;
    c.expect.assign(bytes.begin() + HDR, bytes.end());
    if (needs) {
        int v = (~fold_csum(sum16(&c.expect[cs], flen - cs))) & 0xffff;
        if (v == 0) v = 0xffff;
        c.expect[cs + co] = v >> 8;
        c.expect[cs + co + 1] = v & 0xff;
    }
}

// layout: 0 header alone, 1 header shares, 2 random splits (1..4 descriptors)
// returns true when a failing descriptor is placed where it is read (the device
// reads a chain only up to HDR + MAX_FRAME + 1 bytes)
static bool place(Chain &c, const std::vector<uint8_t> &bytes, int layout, bool err_desc) {
    bool err_read = false;
    std::vector<int> cuts;
    int total = (int)bytes.size();
    if (layout == 0 && total > HDR) cuts.push_back(HDR);
    if (layout == 2 && total > 1) {
        int nd = 1 + rnd(4);
        for (int i = 1; i < nd; i++) cuts.push_back(1 + rnd(total - 1));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    }
    cuts.push_back(total);
    int prev = 0;
    int errd = err_desc ? (int)rnd(cuts.size()) : -1;
    for (size_t i = 0; i < cuts.size(); i++) {
        int len = cuts[i] - prev;
        Desc d;
        d.len = len;
        if ((int)i == errd) {
            d.addr = ERR_BASE + rnd(4096);
            err_read = prev < HDR + MAX_FRAME + 1;
        } else {
            d.addr = alloc_buf(len);
            memcpy(&mem[d.addr - MEM_BASE], &bytes[prev], len);
        }
        c.descs.push_back(d);
        prev = cuts[i];
    }
    return err_read;
}

static uint16_t next_id = 0;
static Chain make_chain(int qid, const std::vector<uint8_t> &bytes, int layout, bool err_desc = false) {
    Chain c;
    c.qid = qid;
    c.id = next_id++;
    c.count = 1 + rnd(4);
    bool err = place(c, bytes, layout, err_desc);
    if (c.count < c.descs.size()) c.count = (uint16_t)c.descs.size();
    reference(c, bytes, err);
    return c;
}

static std::vector<uint8_t> hdr_bytes(int flags, int gso, int cs, int co) {
    std::vector<uint8_t> h(HDR, 0);
    h[VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET] = flags;
    h[VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET] = gso;
    h[VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET] = cs & 0xff;
    h[VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET + 1] = cs >> 8;
    h[VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET] = co & 0xff;
    h[VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET + 1] = co >> 8;
    return h;
}
static std::vector<uint8_t> rand_frame(int n) {
    std::vector<uint8_t> f(n);
    for (auto &b : f) b = (uint8_t)rng();
    return f;
}

// IP frames with the pseudo-header sum in the checksum field (Linux CHECKSUM_PARTIAL)
// kind 0: IPv4 TCP, 1: IPv4 UDP, 2: IPv6 UDP. Returns hdr+frame; sets cs/co.
static std::vector<uint8_t> ip_frame(int kind, int payload) {
    std::vector<uint8_t> f;
    auto put16 = [&](int v) { f.push_back(v >> 8); f.push_back(v & 0xff); };
    for (int i = 0; i < 12; i++) f.push_back((uint8_t)rng());
    bool v6 = kind == 2;
    bool tcp = kind == 0;
    put16(v6 ? 0x86dd : 0x0800);
    int l4len = (tcp ? 20 : 8) + payload;
    int ipoff = 14;
    uint64_t ps = 0;
    if (!v6) {
        f.push_back(0x45); f.push_back(0); put16(20 + l4len); put16(rnd(65536)); put16(0x4000);
        f.push_back(64); f.push_back(tcp ? 6 : 17); put16(0);
        for (int i = 0; i < 8; i++) f.push_back((uint8_t)rng());
        uint64_t s = sum16(&f[ipoff], 20);
        int hc = (~fold_csum(s)) & 0xffff;
        f[ipoff + 10] = hc >> 8; f[ipoff + 11] = hc & 0xff;
        ps = sum16(&f[ipoff + 12], 8) + (tcp ? 6 : 17) + l4len;
    } else {
        f.push_back(0x60); f.push_back(0); put16(0); put16(l4len); f.push_back(17); f.push_back(64);
        for (int i = 0; i < 32; i++) f.push_back((uint8_t)rng());
        ps = sum16(&f[ipoff + 8], 32) + 17 + l4len;
    }
    int l4 = (int)f.size();
    put16(rnd(65536)); put16(rnd(65536));
    if (tcp) {
        for (int i = 0; i < 8; i++) f.push_back((uint8_t)rng());
        f.push_back(0x50); f.push_back(0x18); put16(rnd(65536)); put16(0); put16(0);
    } else {
        put16(l4len); put16(0);
    }
    for (int i = 0; i < payload; i++) f.push_back((uint8_t)rng());
    int co = tcp ? 16 : 6;
    int pv = fold_csum(ps);   // not complemented: csum_tcpudp_magic's partial
    f[l4 + co] = pv >> 8; f[l4 + co + 1] = pv & 0xff;
    std::vector<uint8_t> b = hdr_bytes(VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM, 0, l4, co);
    b.insert(b.end(), f.begin(), f.end());
    return b;
}

// independent IP checksum verification of an output frame
static bool verify_l4(const std::vector<uint8_t> &f) {
    if (f.size() < 14) return false;
    int et = f[12] << 8 | f[13];
    uint64_t s = 0;
    int l4, l4len, proto;
    if (et == 0x0800) {
        if (fold_csum(sum16(&f[14], 20)) != 0xffff) return false;
        proto = f[14 + 9];
        l4 = 34;
        l4len = (f[16] << 8 | f[17]) - 20;
        s = sum16(&f[26], 8) + proto + l4len;
    } else {
        proto = f[14 + 6];
        l4 = 54;
        l4len = f[18] << 8 | f[19];
        s = sum16(&f[22], 32) + proto + l4len;
    }
    if (l4 + l4len != (int)f.size()) return false;
    s += sum16(&f[l4], l4len);
    int ck = proto == 6 ? (f[l4 + 16] << 8 | f[l4 + 17]) : (f[l4 + 6] << 8 | f[l4 + 7]);
    if (proto == 17 && ck == 0) return false;   // offloaded UDP never sends 0
    return fold_csum(s) == 0xffff;
}

// ---------------------------------------------------------------- simulation
static std::unique_ptr<Vvionic_net_tx> top;
static uint64_t cycle = 0;

struct Req { uint64_t addr; uint32_t len; int id; uint64_t at; bool err; };
struct Cfg {
    int latency = 125, lat_jitter = 8;
    int rsp_gap_pct = 20, req_stall_pct = 10, tready_pct = 70, used_ready_pct = 70,
        txd_gap_pct = 30;
};
static Cfg cfg;
static std::deque<Req> reqs;
static uint32_t rsp_beat = 0;
static bool rsp_hold = false;
static int rsp_stall = 0;
static int protocol_errors = 0;
static std::string first_protocol_error;

static void perr(const std::string &s) {
    if (protocol_errors++ == 0) first_protocol_error = s;
}

struct Result {
    std::vector<std::vector<uint8_t>> frames;
    std::vector<Used> used;
    std::vector<int> errs;
    std::vector<Stat> stats;
    uint64_t cycles = 0;
    bool timeout = false;
    std::vector<int> frames_at_used;   // frames out when each used entry arrived
    std::vector<Req> reqs;             // requests in issue order (for TB_LOG)
};

// TB_LOG: the run's transaction streams, each in its own order
static void log_run(const Result &r) {
    static int run_no = 0;
    if (!tx_log) return;
    fprintf(tx_log, "run %d\n", run_no++);
    for (const Req &q : r.reqs)
        fprintf(tx_log, "req %llx %u %d\n", (unsigned long long)q.addr, q.len, q.id);
    for (const auto &f : r.frames) {
        fprintf(tx_log, "frame %zu ", f.size());
        for (uint8_t b : f) fprintf(tx_log, "%02x", b);
        fprintf(tx_log, "\n");
    }
    for (const Used &u : r.used) fprintf(tx_log, "used %d %d %d %u\n", u.qid, u.id, u.count, u.len);
    for (const Stat &st : r.stats) fprintf(tx_log, "stat %d %d %d\n", st.kind, st.func, st.bytes);
    for (int q : r.errs) fprintf(tx_log, "err %d\n", q);
}

static void set_wide(uint32_t *w, int words, uint64_t addr, int n, bool zero) {
    for (int i = 0; i < words; i++) w[i] = 0;
    for (int i = 0; i < n; i++) {
        uint8_t b = zero ? 0 : mem_rd(addr + i);
        w[i / 4] |= (uint32_t)b << (8 * (i % 4));
    }
    // garbage above the valid bytes (must be ignored)
    for (int i = n; i < BPB; i++) w[i / 4] |= (uint32_t)0x5a << (8 * (i % 4));
}

static Result run(const std::vector<Chain> &chains, uint64_t max_cycles = 3000000) {
    Result r;
    size_t ci = 0, di = 0;
    bool txd_hold = false;
    std::vector<uint8_t> cur;
    size_t expect_used = chains.size();
    uint64_t start = cycle;
    for (int f = 0; f < TB_NUM_FUNCS; f++) top->func_features[f * 2] = (uint32_t)features[f],
                                        top->func_features[f * 2 + 1] = (uint32_t)(features[f] >> 32);
    int drain = 0;
    uint64_t done_at = 0;
    // run until every chain is used, then some more cycles (late errors, extras)
    while (drain < 200) {
        if (r.used.size() >= expect_used) {
            if (drain++ == 0) done_at = cycle;
        }
        if (cycle - start > max_cycles) { r.timeout = true; break; }
        // --- drive inputs
        if (ci < chains.size()) {
            if (!txd_hold && !chance_bp(cfg.txd_gap_pct)) txd_hold = true;
        }
        top->txd_valid = txd_hold;
        if (txd_hold) {
            const Chain &c = chains[ci];
            top->txd_qid = c.qid;
            top->txd_addr = c.descs[di].addr;
            top->txd_len = c.descs[di].len;
            top->txd_last = di + 1 == c.descs.size();
            top->txd_id = top->txd_last ? c.id : 0xffff;
            top->txd_count = top->txd_last ? c.count : 0xffff;
        }
        top->rd_req_ready = !chance_bp(cfg.req_stall_pct);
        if (!rsp_hold && !reqs.empty() && reqs.front().at <= cycle && !chance_bp(cfg.rsp_gap_pct))
            rsp_hold = true;
        top->rd_rsp_valid = rsp_hold;
        if (rsp_hold) {
            const Req &q = reqs.front();
            uint32_t nbeats = (q.len + BPB - 1) / BPB;
            int n = std::min<uint32_t>(BPB, q.len - rsp_beat * BPB);
            set_wide(&top->rd_rsp_data[0], TB_DATA_WIDTH / 32, q.addr + rsp_beat * BPB, n, q.err);
            top->rd_rsp_id = q.id;
            top->rd_rsp_last = rsp_beat + 1 == nbeats;
            top->rd_rsp_error = q.err;
        }
        top->m_eth_tx_tready = chance_bp(cfg.tready_pct);
        top->tx_used_ready = chance_bp(cfg.used_ready_pct);
        top->err_ready = chance_bp(50);
        top->clk = 0;
        top->eval();
        // --- sample handshakes
        bool txd_go = top->txd_valid && top->txd_ready;
        bool req_go = top->rd_req_valid && top->rd_req_ready;
        bool rsp_go = top->rd_rsp_valid && top->rd_rsp_ready;
        bool eth_go = top->m_eth_tx_tvalid && top->m_eth_tx_tready;
        bool used_go = top->tx_used_valid && top->tx_used_ready;
        bool err_go = top->err_valid && top->err_ready;
        if (req_go) {
            Req q;
            q.addr = top->rd_req_addr;
            q.len = top->rd_req_len;
            q.id = top->rd_req_id;
            q.at = cycle + cfg.latency + (cfg.lat_jitter ? rnd_bp(cfg.lat_jitter) : 0);
            if (!reqs.empty() && q.at < reqs.back().at) q.at = reqs.back().at;
            q.err = q.addr >= ERR_BASE && q.addr < ERR_BASE + (1ull << 32);
            if (q.len < 1 || q.len > 4096) perr("rd_req_len out of range");
            if (top->rd_req_func >= TB_NUM_FUNCS) perr("rd_req_func");
            reqs.push_back(q);
            if (tx_log) r.reqs.push_back(q);
        }
        if (eth_go) {
            uint64_t keep = top->m_eth_tx_tkeep;
            int n = 0;
            while (n < BPB && ((keep >> n) & 1)) n++;
            for (int i = n; i < BPB; i++)
                if ((keep >> i) & 1) perr("tkeep not contiguous");
            if (!top->m_eth_tx_tlast && n != BPB) perr("partial beat before tlast");
            if (top->m_eth_tx_tuser) perr("tuser set");
            for (int i = 0; i < n; i++) cur.push_back((uint8_t)(top->m_eth_tx_tdata[i / 4] >> (8 * (i % 4))));
            if (top->m_eth_tx_tlast) { r.frames.push_back(cur); cur.clear(); }
        }
        if (used_go) {
            r.used.push_back({(int)top->tx_used_qid, (int)top->tx_used_id, (int)top->tx_used_count,
                              top->tx_used_len});
            r.frames_at_used.push_back((int)r.frames.size());
        }
        if (err_go) {
            r.errs.push_back((int)top->err_qid);
            if (top->err_code != VIONIC_DP_CONSTS_ERR_DMA_READ) perr("err_code");
        }
        if (top->stat_valid)
            r.stats.push_back({(int)top->stat_kind, (int)top->stat_func, (int)top->stat_bytes});
        // responses must be taken without waiting for anything else (a packer
        // flush may hold one cycle)
        if (rsp_hold && !rsp_go) {
            if (++rsp_stall > 2) { perr("rd_rsp not accepted"); rsp_stall = 0; }
        } else {
            rsp_stall = 0;
        }
        top->clk = 1;
        top->eval();
        cycle++;
        // --- advance models
        if (txd_go) {
            txd_hold = false;
            if (++di == chains[ci].descs.size()) { di = 0; ci++; }
        }
        if (rsp_go) {
            rsp_hold = false;
            const Req &q = reqs.front();
            if (++rsp_beat * (uint32_t)BPB >= q.len) { rsp_beat = 0; reqs.pop_front(); }
        }
    }
    top->txd_valid = 0;
    r.cycles = done_at - start;
    log_run(r);
    // drain a few cycles so nothing more comes out
    return r;
}

static int test_no = 0, failures = 0;
static void ok(bool cond, const std::string &name, const std::string &why = "") {
    test_no++;
    if (!cond) failures++;
    printf("%s %d - %s%s%s\n", cond ? "ok" : "not ok", test_no, name.c_str(), cond || why.empty() ? "" : ": ",
           cond ? "" : why.c_str());
    fflush(stdout);
}

// compare a run with the chains' expectations; returns "" or the first mismatch
static std::string check(const std::vector<Chain> &chains, const Result &r) {
    char buf[256];
    if (r.timeout) return "timeout (" + std::to_string(r.used.size()) + " of " + std::to_string(chains.size()) + " used)";
    if (protocol_errors) return "protocol: " + first_protocol_error;
    if (r.used.size() != chains.size()) return "used count";
    size_t fi = 0;
    size_t nerr = 0, nstat = 0;
    for (size_t i = 0; i < chains.size(); i++) {
        const Chain &c = chains[i];
        const Used &u = r.used[i];
        if (u.qid != c.qid || u.id != c.id || u.count != c.count || u.len != 0) {
            snprintf(buf, sizeof buf, "used %zu: got q%d id%d cnt%d len%u want q%d id%d cnt%d", i, u.qid, u.id,
                     u.count, u.len, c.qid, c.id, c.count);
            return buf;
        }
        if (!c.drop) {
            if (fi >= r.frames.size()) return "missing frame for chain " + std::to_string(i);
            const auto &f = r.frames[fi];
            if (f != c.expect) {
                size_t k = 0;
                while (k < f.size() && k < c.expect.size() && f[k] == c.expect[k]) k++;
                snprintf(buf, sizeof buf, "frame %zu (chain %zu, %zu descs): len %zu want %zu, first diff at %zu"
                         " (got %02x want %02x)", fi, i, c.descs.size(), f.size(), c.expect.size(), k,
                         k < f.size() ? f[k] : 0, k < c.expect.size() ? c.expect[k] : 0);
                return buf;
            }
            if (c.l4_check && !verify_l4(f)) return "L4 checksum invalid in frame " + std::to_string(fi);
            fi++;
        }
        if (r.frames_at_used[i] < (int)fi) return "used before its frame left, chain " + std::to_string(i);
        if (c.err) {
            if (nerr >= r.errs.size() || r.errs[nerr] != c.qid) return "missing/wrong err for chain " + std::to_string(i);
            nerr++;
        }
        if (nstat >= r.stats.size()) return "missing stat";
        const Stat &s = r.stats[nstat++];
        int kind = c.drop ? VIONIC_DP_CONSTS_STAT_TX_DROP : VIONIC_DP_CONSTS_STAT_TX_PACKET;
        if (s.kind != kind || s.func != func_of(c.qid) || (!c.drop && s.bytes != c.flen)) {
            snprintf(buf, sizeof buf, "stat %zu: kind %d func %d bytes %d want %d %d %d", i, s.kind, s.func, s.bytes,
                     kind, func_of(c.qid), c.flen);
            return buf;
        }
    }
    if (fi != r.frames.size()) return "extra frames";
    if (nerr != r.errs.size()) return "extra errors";
    if (nstat != r.stats.size()) return "extra stats";
    return "";
}

static int rand_qid() { return rnd(TB_NUM_FUNCS) * TB_QUEUES_PER_FUNC + 2 * rnd(TB_QUEUES_PER_FUNC / 2) + 1; }
static int count_drops(const std::vector<Chain> &v) {
    int n = 0;
    for (auto &c : v) n += c.drop;
    return n;
}

static void tick_idle(int n) {
    for (int i = 0; i < n; i++) {
        top->clk = 0; top->eval(); top->clk = 1; top->eval(); cycle++;
    }
}

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    uint64_t seed = 12345;
    if (const char *e = getenv("TB_SEED")) seed = strtoull(e, nullptr, 0);
    rng.seed(seed);
    rng_bp.seed(seed ^ 0x9e3779b97f4a7c15ull);
    if (const char *e = getenv("TB_LOG")) tx_log = fopen(e, "w");
    top.reset(new Vvionic_net_tx);
    printf("1..13\n");
    printf("# seed %llu\n", (unsigned long long)seed);
    for (int f = 0; f < TB_NUM_FUNCS; f++) features[f] = 1ull << VIONIC_VIRTIO_PCI_F_NET_CSUM;
    top->rst = 1;
    top->txd_valid = 0;
    top->rd_rsp_valid = 0;
    tick_idle(5);
    top->rst = 0;
    tick_idle(2);

    // 1. random frames, every layout, no offload
    {
        std::vector<Chain> v;
        for (int i = 0; i < 1500; i++) {
            int n = chance(30) ? 14 + rnd(100) : 14 + rnd(MAX_FRAME - 13);
            std::vector<uint8_t> b = hdr_bytes(0, 0, 0, 0);
            auto fr = rand_frame(n);
            b.insert(b.end(), fr.begin(), fr.end());
            v.push_back(make_chain(rand_qid(), b, rnd(3)));
        }
        Result r = run(v);
        std::string e = check(v, r);
        ok(e.empty() && count_drops(v) == 0, "random frames 14..1518 bytes, header alone/shared/split, 1..4 descriptors", e);
    }
    // 2. checksum offload on IPv4 TCP/UDP and IPv6 UDP
    {
        std::vector<Chain> v;
        for (int i = 0; i < 600; i++) {
            int kind = rnd(3);
            int maxpay = MAX_FRAME - 14 - (kind == 2 ? 40 : 20) - (kind == 0 ? 20 : 8);
            int pay = chance(20) ? rnd(3) : rnd(maxpay + 1);
            auto b = ip_frame(kind, pay);
            Chain c = make_chain(rand_qid(), b, rnd(3));
            c.l4_check = 1;
            v.push_back(c);
        }
        Result r = run(v);
        std::string e = check(v, r);
        ok(e.empty() && count_drops(v) == 0, "checksum offload: IPv4 TCP, IPv4 UDP, IPv6 UDP (verified independently)", e);
    }
    // 3. generic checksum positions (odd start, field across a beat boundary, at the end)
    {
        std::vector<Chain> v;
        for (int i = 0; i < 600; i++) {
            int n = 14 + rnd(MAX_FRAME - 13);
            int cs = rnd(n - 1);
            int co = rnd(n - cs - 1);
            if (i % 4 == 0) { co = 0; cs = n - 2; }
            if (i % 4 == 1 && n > BPB + 2) { cs = rnd(BPB); co = BPB - 1 - cs; }
            auto fr = rand_frame(n);
            if (i % 8 == 2) {
                // the sum comes out as 0xffff: the complement 0 is sent as 0xffff
                co &= ~1;
                fr[cs + co] = fr[cs + co + 1] = 0;
                int v = (~fold_csum(sum16(&fr[cs], n - cs))) & 0xffff;
                fr[cs + co] = v >> 8;
                fr[cs + co + 1] = v & 0xff;
            }
            auto b = hdr_bytes(VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM, 0, cs, co);
            b.insert(b.end(), fr.begin(), fr.end());
            v.push_back(make_chain(rand_qid(), b, rnd(3)));
        }
        Result r = run(v);
        std::string e = check(v, r);
        ok(e.empty() && count_drops(v) == 0, "checksum offload at random/odd/beat-crossing positions", e);
    }
    // 4..8 drop reasons, mixed with good frames
    auto drop_test = [&](const std::string &name, std::function<std::vector<uint8_t>(int)> gen, int n) {
        std::vector<Chain> v;
        int want = 0;
        for (int i = 0; i < n; i++) {
            bool bad = i % 2 == 0;
            std::vector<uint8_t> b;
            if (bad) b = gen(i);
            else {
                b = hdr_bytes(0, 0, 0, 0);
                auto fr = rand_frame(14 + rnd(200));
                b.insert(b.end(), fr.begin(), fr.end());
            }
            Chain c = make_chain(rand_qid(), b, rnd(3));
            want += bad;
            v.push_back(c);
        }
        Result r = run(v);
        std::string e = check(v, r);
        if (e.empty() && count_drops(v) != want) e = "reference did not drop";
        ok(e.empty(), name, e);
    };
    drop_test("drop: frame shorter than 14 bytes (0..13, header split)", [&](int) {
        auto b = hdr_bytes(0, 0, 0, 0);
        auto fr = rand_frame(rnd(14));
        b.insert(b.end(), fr.begin(), fr.end());
        if (chance(20)) b.resize(1 + rnd(HDR));   // chain shorter than the header
        return b;
    }, 200);
    drop_test("drop: frame longer than MAX_FRAME (up to 70000 bytes)", [&](int i) {
        auto b = hdr_bytes(0, 0, 0, 0);
        int n = MAX_FRAME + 1 + (i % 10 == 0 ? rnd(61000) : rnd(600));
        auto fr = rand_frame(n);
        b.insert(b.end(), fr.begin(), fr.end());
        return b;
    }, 120);
    drop_test("drop: gso_type != NONE", [&](int) {
        auto b = hdr_bytes(chance(50) ? VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM : 0, 1 + rnd(255), 14, 2);
        auto fr = rand_frame(60 + rnd(1000));
        b.insert(b.end(), fr.begin(), fr.end());
        return b;
    }, 200);
    drop_test("drop: checksum position outside the frame", [&](int) {
        int n = 14 + rnd(1000);
        int cs = rnd(n + 100), co = rnd(200);
        if (cs + co + 2 <= n) co = n - cs - 1;
        auto b = hdr_bytes(VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM, 0, cs, co);
        auto fr = rand_frame(n);
        b.insert(b.end(), fr.begin(), fr.end());
        return b;
    }, 200);
    {
        // NEEDS_CSUM on a function without CSUM negotiated
        features[0] = 0;
        std::vector<Chain> v;
        for (int i = 0; i < 200; i++) {
            int n = 40 + rnd(500);
            auto b = hdr_bytes(chance(70) ? VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM : 0, 0, 14, 4);
            auto fr = rand_frame(n);
            b.insert(b.end(), fr.begin(), fr.end());
            v.push_back(make_chain(rand_qid(), b, rnd(3)));
        }
        Result r = run(v);
        std::string e = check(v, r);
        int d0 = 0;
        for (auto &c : v) d0 += c.drop && func_of(c.qid) == 0;
        if (e.empty() && d0 == 0) e = "no drops generated";
        ok(e.empty(), "drop: NEEDS_CSUM without CSUM negotiated (per function)", e);
        features[0] = 1ull << VIONIC_VIRTIO_PCI_F_NET_CSUM;
    }
    // 9. read errors
    {
        std::vector<Chain> v;
        int nerr = 0;
        for (int i = 0; i < 300; i++) {
            bool bad = chance(25);
            auto b = hdr_bytes(0, 0, 0, 0);
            auto fr = rand_frame(14 + rnd(1400));
            b.insert(b.end(), fr.begin(), fr.end());
            v.push_back(make_chain(rand_qid(), b, rnd(3), bad));
            nerr += v.back().err;
        }
        Result r = run(v);
        std::string e = check(v, r);
        if (e.empty() && (int)r.errs.size() != nerr) e = "error count";
        ok(e.empty(), "read error: chain dropped, ERR_DMA_READ for its queue, chain still used", e);
    }
    // 10. mixed everything, heavy back-pressure
    {
        Cfg save = cfg;
        cfg.tready_pct = 20; cfg.used_ready_pct = 20; cfg.rsp_gap_pct = 50; cfg.req_stall_pct = 50;
        cfg.latency = 300;
        std::vector<Chain> v;
        for (int i = 0; i < 500; i++) {
            std::vector<uint8_t> b;
            int k = rnd(4);
            if (k == 0) b = ip_frame(rnd(3), rnd(1000));
            else {
                b = hdr_bytes(0, k == 1 ? 1 : 0, 0, 0);
                auto fr = rand_frame(rnd(1600));
                b.insert(b.end(), fr.begin(), fr.end());
            }
            v.push_back(make_chain(rand_qid(), b, rnd(3), chance(5)));
        }
        Result r = run(v);
        std::string e = check(v, r);
        ok(e.empty(), "mixed good/dropped/error chains under heavy back-pressure", e);
        cfg = save;
    }
    // 11..13 throughput: 125-cycle latency, no back-pressure, one response beat per cycle
    {
        Cfg save = cfg;
        cfg = Cfg();
        cfg.lat_jitter = 0; cfg.rsp_gap_pct = 0; cfg.req_stall_pct = 0; cfg.tready_pct = 100;
        cfg.used_ready_pct = 100; cfg.txd_gap_pct = 0;
        struct P { const char *name; int flen; int layout; };
        P ps[] = {{"60-byte frames, header shares the descriptor", 60, 1},
                  {"60-byte frames, header in its own descriptor", 60, 0},
                  {"1514-byte frames, header in its own descriptor", 1514, 0}};
        for (auto &p : ps) {
            std::vector<Chain> v;
            int n = p.flen < 100 ? 4000 : 400;
            for (int i = 0; i < n; i++) {
                auto b = hdr_bytes(0, 0, 0, 0);
                auto fr = rand_frame(p.flen);
                b.insert(b.end(), fr.begin(), fr.end());
                v.push_back(make_chain(1, b, p.layout));
            }
            Result r = run(v);
            std::string e = check(v, r);
            double fpc = (double)n / r.cycles, bpc = fpc * p.flen;
            printf("# throughput %s: %d frames in %llu cycles: %.3f frames/cycle (%.2f cycles/frame), %.1f bytes/cycle"
                   " (%.1f Mpps, %.1f Gb/s at 250 MHz)\n",
                   p.name, n, (unsigned long long)r.cycles, fpc, 1.0 / fpc, bpc, fpc * 250, bpc * 8 * 0.25);
            ok(e.empty() && r.cycles > 0, std::string("throughput run: ") + p.name, e);
        }
        cfg = save;
    }
    top->final();
    top.reset();
    if (tx_log) fclose(tx_log);
    return failures ? 1 : 0;
}
