// pcie_endpoint_tb: self-checking block test of vionic_pcie_endpoint (TAP output).
//
// A request driver on s_cq, a completion monitor on m_cc and a register-port model
// (BAR0 memory per function, in-order read responses after random delays) surround the
// DUT; every stream gets random idle/back-pressure cycles. Each test drives requests
// through the helpers below and checks completions and the exact register traffic.
// Constants come from the generated headers (regs/*.toml), never hand-copied.

#include <cstdint>
#include <cstdio>
#include <cstdarg>
#include <deque>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "Vvionic_pcie_endpoint.h"
#include "verilated.h"

#include "vionic/bar0_map_regs.h"
#include "vionic/pcie_config_regs.h"
#include "vionic/virtio_pci_regs.h"

#ifndef TB_NUM_FUNCS
#define TB_NUM_FUNCS VIONIC_PCIE_CONFIG_NUM_FUNCS
#endif

static const int NUM_FUNCS = TB_NUM_FUNCS;
static const int BAR_LOG2 = VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2;
static const uint64_t BAR_SIZE = 1ull << BAR_LOG2;
static const uint32_t BAR_DWS = (uint32_t)(BAR_SIZE / 4);
static const int READ_MAX_DW = VIONIC_PCIE_CONFIG_COMPLETER_MAX_READ_DW;

enum { TLP_MEM_RD = VIONIC_PCIE_CONFIG_TLP_MEM_RD, TLP_MEM_WR = VIONIC_PCIE_CONFIG_TLP_MEM_WR,
       TLP_CFG_RD = VIONIC_PCIE_CONFIG_TLP_CFG_RD, TLP_CFG_WR = VIONIC_PCIE_CONFIG_TLP_CFG_WR };
enum { CPL_SC = VIONIC_PCIE_CONFIG_CPL_SC, CPL_UR = VIONIC_PCIE_CONFIG_CPL_UR,
       CPL_CRS = VIONIC_PCIE_CONFIG_CPL_CRS, CPL_CA = VIONIC_PCIE_CONFIG_CPL_CA };

struct Req {
    int type = 0;
    int func = 0;
    uint64_t addr = 0;
    int len = 1;
    int first_be = 0xf;
    int last_be = 0;
    int tag = 0;
    int requester_id = 0;
    std::vector<uint32_t> data;
};

struct Cpl {
    int func = 0, requester_id = 0, tag = 0, status = 0, byte_count = 0, lower_addr = 0, len = 0;
    std::vector<uint32_t> data;
};

struct RegAccess {
    bool write;
    int func;
    uint32_t addr;
    int be;
    uint32_t data;
};

// ------------------------------------------------------------------ test bookkeeping

static int test_count = 0;
static int test_failures = 0;
static int total_failed_tests = 0;

static void fail(const char *file, int line, const char *fmt, ...) {
    test_failures++;
    if (test_failures > 8) return;
    printf("# FAIL %s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

#define CHECK(cond, ...) do { if (!(cond)) fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)
#define CHECK_EQ(a, b, what) do { uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b); \
    if (a_ != b_) fail(__FILE__, __LINE__, "%s: got 0x%llx expected 0x%llx", what, \
                       (unsigned long long)a_, (unsigned long long)b_); } while (0)

// expected byte count and lower address of a single-completion memory read (PCIe Base §2.3.1.1)
static void expected_read_fields(uint64_t addr, int len, int first_be, int last_be, int &bc, int &la) {
    if (first_be == 0) {
        bc = 1;
        la = addr & 0x7f;
        return;
    }
    int first = __builtin_ctz(first_be);
    int last;
    if (len == 1) {
        last = 31 - __builtin_clz(first_be);
    } else {
        last = (len - 1) * 4 + 31 - __builtin_clz(last_be);
    }
    bc = last - first + 1;
    la = (addr + first) & 0x7f;
}

// ------------------------------------------------------------------ environment

class Env {
public:
    VerilatedContext *ctx;
    Vvionic_pcie_endpoint *dut;
    std::mt19937 rng{12345};
    uint64_t cycle = 0;

    // knobs (percent of cycles)
    int cq_idle_pct = 20;
    int cc_stall_pct = 30;
    int reg_stall_pct = 30;
    int rsp_delay_max = 6;

    std::deque<Req> reqs;
    size_t beat = 0;
    std::deque<Cpl> cpls;
    Cpl cur;
    int cur_beats = 0;
    bool in_cpl = false;
    std::vector<RegAccess> reg_log;
    std::vector<std::vector<uint32_t>> mem;
    struct Rsp { uint64_t due; uint32_t data; };
    std::deque<Rsp> rsps;
    std::vector<int> flr_pulses;
    int tag_counter = 0;
    bool timed_out = false;

    Env(int argc, char **argv) {
        ctx = new VerilatedContext;
        ctx->commandArgs(argc, argv);
        dut = new Vvionic_pcie_endpoint{ctx};
        // +seed=N picks another random sequence (default fixed for reproducible runs)
        for (int i = 1; i < argc; i++)
            if (std::string(argv[i]).rfind("+seed=", 0) == 0) rng.seed(std::stoul(std::string(argv[i]).substr(6)));
        mem.assign(NUM_FUNCS, std::vector<uint32_t>(BAR_DWS));
        for (auto &m : mem)
            for (auto &w : m) w = rng();
        flr_pulses.assign(NUM_FUNCS, 0);
        dut->fw_ready = 1;
        dut->rst = 1;
        for (int i = 0; i < 5; i++) step();
        dut->rst = 0;
        step();
    }

    ~Env() {
        dut->final();
        delete dut;
        delete ctx;
    }

    bool chance(int pct) { return (int)(rng() % 100) < pct; }

    static int beats_of(const Req &r) { return r.type == TLP_MEM_WR ? r.len : 1; }

    void step() {
        // drive inputs
        bool cq_valid = !reqs.empty() && !chance(cq_idle_pct);
        dut->s_cq_valid = cq_valid;
        if (cq_valid) {
            const Req &r = reqs.front();
            dut->s_cq_type = r.type;
            dut->s_cq_func = r.func;
            dut->s_cq_addr = r.addr;
            dut->s_cq_len_dw = r.len;
            dut->s_cq_first_be = r.first_be;
            dut->s_cq_last_be = r.last_be;
            dut->s_cq_tag = r.tag;
            dut->s_cq_requester_id = r.requester_id;
            dut->s_cq_data = beat < r.data.size() ? r.data[beat] : rng();
            dut->s_cq_last = (int)beat == beats_of(r) - 1;
        } else {
            // garbage while idle: the DUT must not look at it
            dut->s_cq_type = rng() & 3;
            dut->s_cq_addr = ((uint64_t)rng() << 32) | rng();
            dut->s_cq_data = rng();
            dut->s_cq_last = rng() & 1;
        }
        dut->m_cc_ready = !chance(cc_stall_pct);
        dut->reg_req_ready = !chance(reg_stall_pct);
        bool rsp_valid = !rsps.empty() && rsps.front().due <= cycle;
        dut->reg_rsp_valid = rsp_valid;
        dut->reg_rsp_rdata = rsp_valid ? rsps.front().data : rng();
        dut->clk = 0;
        dut->eval();

        // sample handshakes
        bool cq_hs = dut->s_cq_valid && dut->s_cq_ready;
        if (dut->m_cc_valid && dut->m_cc_ready) capture_cc();
        if (dut->reg_req_valid && dut->reg_req_ready) {
            RegAccess a{(bool)dut->reg_req_write, dut->reg_req_func, dut->reg_req_addr, dut->reg_req_be,
                        dut->reg_req_wdata};
            reg_log.push_back(a);
            if (a.func >= NUM_FUNCS || a.addr >= BAR_DWS) {
                fail(__FILE__, __LINE__, "register access out of range func %d addr 0x%x", a.func, a.addr);
            } else if (a.write) {
                uint32_t &w = mem[a.func][a.addr];
                for (int i = 0; i < 4; i++)
                    if (a.be >> i & 1) w = (w & ~(0xffu << (8 * i))) | (a.data & (0xffu << (8 * i)));
            } else {
                uint64_t due = cycle + 1 + rng() % (rsp_delay_max + 1);
                if (!rsps.empty() && due <= rsps.back().due) due = rsps.back().due + 1;
                rsps.push_back({due, mem[a.func][a.addr]});
            }
        }
        if (rsp_valid) rsps.pop_front();
        for (int f = 0; f < NUM_FUNCS; f++)
            if (dut->func_flr >> f & 1) flr_pulses[f]++;

        dut->clk = 1;
        dut->eval();
        cycle++;

        if (cq_hs) {
            beat++;
            if ((int)beat == beats_of(reqs.front())) {
                reqs.pop_front();
                beat = 0;
            }
        }
    }

    void capture_cc() {
        if (!in_cpl) {
            cur = Cpl();
            cur.func = dut->m_cc_func;
            cur.requester_id = dut->m_cc_requester_id;
            cur.tag = dut->m_cc_tag;
            cur.status = dut->m_cc_status;
            cur.byte_count = dut->m_cc_byte_count;
            cur.lower_addr = dut->m_cc_lower_addr;
            cur.len = dut->m_cc_len_dw;
            cur_beats = 0;
            in_cpl = true;
        } else {
            CHECK(cur.func == dut->m_cc_func && cur.tag == dut->m_cc_tag && cur.len == dut->m_cc_len_dw &&
                  cur.byte_count == dut->m_cc_byte_count && cur.status == dut->m_cc_status,
                  "completion header changed between beats");
        }
        if (cur.len > 0) cur.data.push_back(dut->m_cc_data);
        cur_beats++;
        if (dut->m_cc_last) {
            CHECK_EQ(cur_beats, cur.len > 0 ? cur.len : 1, "completion beats");
            cpls.push_back(cur);
            in_cpl = false;
        }
    }

    void run(int cycles) {
        for (int i = 0; i < cycles; i++) step();
    }

    // run until a completion arrives
    Cpl wait_cpl() {
        for (int i = 0; i < 20000 && cpls.empty(); i++) step();
        if (cpls.empty()) {
            fail(__FILE__, __LINE__, "timeout waiting for a completion");
            timed_out = true;
            return Cpl();
        }
        Cpl c = cpls.front();
        cpls.pop_front();
        return c;
    }

    // send a non-posted request and check the routing fields of its completion
    Cpl transact(Req r) {
        r.tag = tag_counter++ & 0x3ff;
        r.requester_id = rng() & 0xffff;
        reqs.push_back(r);
        Cpl c = wait_cpl();
        CHECK_EQ(c.tag, r.tag, "completion tag");
        CHECK_EQ(c.requester_id, r.requester_id, "completion requester id");
        if (r.type == TLP_CFG_RD || r.type == TLP_CFG_WR) {
            // PCIe Base §2.2.9: byte count 4 for completions other than memory reads
            CHECK(c.byte_count == 4 && c.lower_addr == 0, "config completion bc %d la %d", c.byte_count,
                  c.lower_addr);
        } else {
            int bc, la;
            expected_read_fields(r.addr, r.len, r.first_be, r.last_be, bc, la);
            CHECK(c.byte_count == bc && c.lower_addr == la, "read len %d fbe %x lbe %x addr %llx: bc %d/%d la %d/%d",
                  r.len, r.first_be, r.last_be, (unsigned long long)r.addr, c.byte_count, bc, c.lower_addr, la);
        }
        return c;
    }

    // send a posted write and let the register port drain
    void post(Req r) {
        reqs.push_back(r);
        for (int i = 0; i < 20000 && !reqs.empty(); i++) step();
        CHECK(reqs.empty(), "posted write not accepted");
        for (int i = 0; i < 20000 && dut->reg_req_valid; i++) step();
        run(20);
        CHECK(cpls.empty(), "completion for a posted write");
        cpls.clear();
    }

    // configuration access helpers
    Cpl cfg_rd(int func, uint32_t off) {
        Req r;
        r.type = TLP_CFG_RD;
        r.func = func;
        r.addr = off & ~3u;
        return transact(r);
    }

    Cpl cfg_wr(int func, uint32_t off, int be, uint32_t data) {
        Req r;
        r.type = TLP_CFG_WR;
        r.func = func;
        r.addr = off & ~3u;
        r.first_be = be;
        r.data = {data};
        return transact(r);
    }

    uint32_t cfg32(int func, uint32_t off) {
        Cpl c = cfg_rd(func, off);
        CHECK(c.status == CPL_SC && c.len == 1 && c.byte_count == 4 && c.lower_addr == 0 && c.func == func,
              "config read at 0x%x: status %d len %d bc %d la %d func %d", off, c.status, c.len, c.byte_count,
              c.lower_addr, c.func);
        return c.data.empty() ? 0 : c.data[0];
    }

    uint32_t cfg8(int func, uint32_t off) { return cfg32(func, off & ~3u) >> (8 * (off & 3)) & 0xff; }
    uint32_t cfg16(int func, uint32_t off) { return cfg32(func, off & ~3u) >> (8 * (off & 2)) & 0xffff; }

    void cfg_write(int func, uint32_t off, int be, uint32_t data) {
        Cpl c = cfg_wr(func, off, be, data);
        CHECK(c.status == CPL_SC && c.len == 0 && c.func == func, "config write at 0x%x: status %d len %d", off,
              c.status, c.len);
    }

    // memory helpers
    Cpl mem_rd(uint64_t addr, int len, int first_be, int last_be) {
        Req r;
        r.type = TLP_MEM_RD;
        r.func = rng() & 0xff;  // ignored for memory requests
        r.addr = addr;
        r.len = len;
        r.first_be = first_be;
        r.last_be = last_be;
        return transact(r);
    }

    void mem_wr(uint64_t addr, const std::vector<uint32_t> &data, int first_be, int last_be) {
        Req r;
        r.type = TLP_MEM_WR;
        r.func = rng() & 0xff;
        r.addr = addr;
        r.len = (int)data.size();
        r.first_be = first_be;
        r.last_be = last_be;
        r.data = data;
        post(r);
    }

    // program BAR0 and the command register
    void setup_func(int func, uint64_t bar, uint32_t command) {
        cfg_write(func, 0x10, 0xf, (uint32_t)bar);
        cfg_write(func, 0x14, 0xf, (uint32_t)(bar >> 32));
        cfg_write(func, 0x04, 0x3, command);
    }
};

static uint64_t func_bar(int func) { return 0x0000001234000000ull + (uint64_t)func * 0x100000ull; }

static Env *env;

static void run_test(const char *name, const std::function<void()> &body) {
    test_failures = 0;
    env->reg_log.clear();
    body();
    test_count++;
    if (test_failures == 0) {
        printf("ok %d - %s\n", test_count, name);
    } else {
        printf("not ok %d - %s\n", test_count, name);
        total_failed_tests++;
    }
    fflush(stdout);
}

// ------------------------------------------------------------------ tests

static const uint32_t CAP_OFFSETS[] = {VIONIC_PCIE_CONFIG_CAP_PCIE, VIONIC_PCIE_CONFIG_CAP_PM,
                                       VIONIC_PCIE_CONFIG_CAP_MSIX, VIONIC_PCIE_CONFIG_CAP_VIRTIO_COMMON,
                                       VIONIC_PCIE_CONFIG_CAP_VIRTIO_NOTIFY, VIONIC_PCIE_CONFIG_CAP_VIRTIO_ISR,
                                       VIONIC_PCIE_CONFIG_CAP_VIRTIO_DEVICE, VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG};
static const uint32_t CAP_IDS[] = {0x10, 0x01, 0x11, VIONIC_VIRTIO_PCI_CAP_ID_VENDOR,
                                   VIONIC_VIRTIO_PCI_CAP_ID_VENDOR, VIONIC_VIRTIO_PCI_CAP_ID_VENDOR,
                                   VIONIC_VIRTIO_PCI_CAP_ID_VENDOR, VIONIC_VIRTIO_PCI_CAP_ID_VENDOR};
static const uint32_t PCI_CFG = VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG;

static void test_crs() {
    Env &e = *env;
    e.dut->fw_ready = 0;
    for (int f = 0; f < NUM_FUNCS + 1; f++) {
        Cpl c = e.cfg_rd(f, 0);
        CHECK(c.status == CPL_CRS && c.len == 0, "config read func %d: status %d len %d", f, c.status, c.len);
        c = e.cfg_wr(f, 0x04, 0x3, 0x6);
        CHECK(c.status == CPL_CRS && c.len == 0, "config write func %d: status %d", f, c.status);
    }
    e.dut->fw_ready = 1;
    for (int f = 0; f < NUM_FUNCS; f++) CHECK_EQ(e.cfg32(f, 0x04) & 0xffff, 0, "command after CRS write");
    CHECK(e.reg_log.empty(), "register traffic");
}

static void test_ur_absent() {
    Env &e = *env;
    for (int f : {NUM_FUNCS, NUM_FUNCS + 1, 255}) {
        if (f > 255) continue;
        Cpl c = e.cfg_rd(f, 0);
        CHECK(c.status == CPL_UR && c.len == 0 && c.func == f, "read func %d: status %d len %d func %d", f, c.status,
              c.len, c.func);
        c = e.cfg_wr(f, 0x04, 0xf, 0x6);
        CHECK(c.status == CPL_UR && c.len == 0, "write func %d: status %d", f, c.status);
    }
}

static void test_header() {
    Env &e = *env;
    for (int f = 0; f < NUM_FUNCS; f++) {
        CHECK_EQ(e.cfg32(f, 0x00), (VIONIC_PCIE_CONFIG_DEVICE_ID_NET << 16) | VIONIC_PCIE_CONFIG_VENDOR_ID, "ids");
        CHECK_EQ(e.cfg32(f, 0x04), 0x00100000, "status/command");
        CHECK_EQ(e.cfg32(f, 0x08), (VIONIC_PCIE_CONFIG_CLASS_CODE << 8) | VIONIC_PCIE_CONFIG_REVISION_ID, "class/rev");
        CHECK_EQ(e.cfg32(f, 0x0c), 0, "bist/header type/latency/cache line");
        CHECK_EQ(e.cfg32(f, 0x10), 0x4, "BAR0 type");
        for (uint32_t off = 0x14; off <= 0x28; off += 4) CHECK_EQ(e.cfg32(f, off), 0, "BAR1..5/cardbus");
        CHECK_EQ(e.cfg32(f, 0x2c), (VIONIC_PCIE_CONFIG_SUBSYSTEM_ID << 16) | VIONIC_PCIE_CONFIG_SUBSYSTEM_VENDOR_ID,
                 "subsystem");
        CHECK_EQ(e.cfg32(f, 0x30), 0, "expansion ROM");
        CHECK_EQ(e.cfg32(f, 0x34), VIONIC_PCIE_CONFIG_CAP_PCIE, "capability pointer");
        CHECK_EQ(e.cfg32(f, 0x38), 0, "reserved");
        CHECK_EQ(e.cfg32(f, 0x3c), 0, "interrupt pin/line");
        // writable: cache line size, interrupt line; command bits 1, 2, 6, 8, 10
        e.cfg_write(f, 0x0c, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, 0x0c), 0xff, "cache line size rw, rest ro");
        e.cfg_write(f, 0x3c, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, 0x3c), 0xff, "interrupt line rw, pin 0");
        e.cfg_write(f, 0x04, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, 0x04), 0x00100546, "command writable bits, status unchanged");
        CHECK_EQ(e.dut->func_mem_enable >> f & 1, 1, "func_mem_enable");
        CHECK_EQ(e.dut->func_bus_master >> f & 1, 1, "func_bus_master");
        e.cfg_write(f, 0x04, 0x2, 0);
        CHECK_EQ(e.cfg32(f, 0x04), 0x00100046, "command byte enables");
        e.cfg_write(f, 0x04, 0xf, 0);
        e.cfg_write(f, 0x0c, 0x1, 0);
        e.cfg_write(f, 0x3c, 0x1, 0);
        // read-only fields ignore writes
        for (uint32_t off : {0x00u, 0x08u, 0x18u, 0x1cu, 0x20u, 0x24u, 0x28u, 0x2cu, 0x30u, 0x34u})
            e.cfg_write(f, off, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, 0x00), (VIONIC_PCIE_CONFIG_DEVICE_ID_NET << 16) | VIONIC_PCIE_CONFIG_VENDOR_ID, "ids ro");
        CHECK_EQ(e.cfg32(f, 0x18), 0, "BAR2 ro");
        CHECK_EQ(e.cfg32(f, 0x24), 0, "BAR5 ro");
        CHECK_EQ(e.cfg32(f, 0x34), VIONIC_PCIE_CONFIG_CAP_PCIE, "cap ptr ro");
    }
}

static void test_capability_chain() {
    Env &e = *env;
    for (int f = 0; f < NUM_FUNCS; f++) {
        // walk like the kernel's pci_find_capability (48 steps at most, low 2 bits masked)
        std::vector<std::pair<uint32_t, uint32_t>> caps;
        uint32_t ptr = e.cfg8(f, 0x34) & ~3u;
        for (int ttl = 48; ptr >= 0x40 && ttl > 0; ttl--) {
            uint32_t header = e.cfg16(f, ptr);
            caps.push_back({ptr, header & 0xff});
            ptr = (header >> 8) & ~3u;
        }
        CHECK_EQ(caps.size(), 8, "capability count");
        for (size_t i = 0; i < caps.size() && i < 8; i++) {
            CHECK_EQ(caps[i].first, CAP_OFFSETS[i], "capability offset");
            CHECK_EQ(caps[i].second, CAP_IDS[i], "capability id");
        }
        // virtio capabilities (virtio 1.3 §4.1.4)
        struct VirtioCap { uint32_t off, cfg_type, cap_len, offset, length; };
        const VirtioCap vcaps[] = {
            {VIONIC_PCIE_CONFIG_CAP_VIRTIO_COMMON, VIONIC_VIRTIO_PCI_CFG_TYPE_COMMON, 16, VIONIC_BAR0_MAP_COMMON_BASE,
             VIONIC_BAR0_MAP_COMMON_SIZE},
            {VIONIC_PCIE_CONFIG_CAP_VIRTIO_NOTIFY, VIONIC_VIRTIO_PCI_CFG_TYPE_NOTIFY, 20, VIONIC_BAR0_MAP_NOTIFY_BASE,
             VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC * VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER},
            {VIONIC_PCIE_CONFIG_CAP_VIRTIO_ISR, VIONIC_VIRTIO_PCI_CFG_TYPE_ISR, 16, VIONIC_BAR0_MAP_ISR_BASE,
             VIONIC_BAR0_MAP_ISR_SIZE},
            {VIONIC_PCIE_CONFIG_CAP_VIRTIO_DEVICE, VIONIC_VIRTIO_PCI_CFG_TYPE_DEVICE, 16, VIONIC_BAR0_MAP_DEVICE_BASE,
             VIONIC_BAR0_MAP_DEVICE_SIZE},
            {VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG, VIONIC_VIRTIO_PCI_CFG_TYPE_PCI, 20, 0, 0},
        };
        for (const VirtioCap &v : vcaps) {
            CHECK_EQ(e.cfg8(f, v.off + 2), v.cap_len, "virtio cap_len");
            CHECK_EQ(e.cfg8(f, v.off + 3), v.cfg_type, "virtio cfg_type");
            CHECK_EQ(e.cfg32(f, v.off + 4), 0, "virtio bar/id/padding");
            CHECK_EQ(e.cfg32(f, v.off + 8), v.offset, "virtio offset");
            CHECK_EQ(e.cfg32(f, v.off + 12), v.length, "virtio length");
        }
        CHECK_EQ(e.cfg32(f, VIONIC_PCIE_CONFIG_CAP_VIRTIO_NOTIFY + 16), VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER,
                 "notify_off_multiplier");
        CHECK_EQ(e.cfg32(f, PCI_CFG + 16), 0, "pci_cfg_data reset");
        // extended capabilities: DSN only
        uint32_t dsn = VIONIC_PCIE_CONFIG_EXT_CAP_DSN;
        CHECK_EQ(e.cfg32(f, dsn), 0x00010003, "DSN header (id 3, version 1, last)");
        CHECK_EQ(e.cfg32(f, dsn + 4), (uint32_t)f, "DSN low DW (function number)");
        CHECK_EQ(e.cfg32(f, dsn + 8),
                 (VIONIC_PCIE_CONFIG_SUBSYSTEM_VENDOR_ID << 16) | VIONIC_PCIE_CONFIG_SUBSYSTEM_ID, "DSN high DW");
    }
}

static void test_pcie_capability() {
    Env &e = *env;
    const uint32_t cap = VIONIC_PCIE_CONFIG_CAP_PCIE;
    for (int f = 0; f < NUM_FUNCS; f++) {
        uint32_t h = e.cfg32(f, cap);
        CHECK_EQ(h >> 16 & 0xf, 2, "capability version");
        CHECK_EQ(h >> 20 & 0xf, 0, "device/port type endpoint");
        uint32_t devcap = e.cfg32(f, cap + 4);
        CHECK_EQ(devcap & 7, 2, "MPS supported 512");
        CHECK_EQ(devcap >> 5 & 1, 1, "extended tag supported");
        CHECK_EQ(devcap >> 15 & 1, 1, "role-based error reporting");
        CHECK_EQ(devcap >> 28 & 1, 1, "FLR capable");
        CHECK_EQ(e.cfg32(f, cap + 8), 0x2810, "device control reset / status");
        uint32_t lnkcap = e.cfg32(f, cap + 0xc);
        CHECK_EQ(lnkcap & 0xf, 3, "max link speed");
        CHECK_EQ(lnkcap >> 4 & 0x3f, 16, "max link width");
        uint32_t lnk = e.cfg32(f, cap + 0x10);
        CHECK_EQ(lnk >> 16 & 0xf, 3, "current link speed");
        CHECK_EQ(lnk >> 20 & 0x3f, 16, "negotiated width");
        CHECK_EQ(e.cfg32(f, cap + 0x24) >> 4 & 1, 1, "completion timeout disable supported");
        CHECK_EQ(e.cfg32(f, cap + 0x2c), 0xe, "supported link speeds vector");
        for (uint32_t o : {0x14u, 0x18u, 0x1cu, 0x20u, 0x34u, 0x38u}) CHECK_EQ(e.cfg32(f, cap + o), 0, "zero regs");
        // Device Control: MPS 256 B, MRRS 4096 B, all enables, no FLR
        e.cfg_write(f, cap + 8, 0x3, 0x7fff);
        CHECK_EQ(e.cfg32(f, cap + 8), 0x79ff, "device control writable bits");
        CHECK_EQ(e.dut->func_max_payload >> (3 * f) & 7, 7, "func_max_payload");
        CHECK_EQ(e.dut->func_max_read_request >> (3 * f) & 7, 7, "func_max_read_request");
        CHECK_EQ(e.dut->func_ext_tag >> f & 1, 1, "func_ext_tag (Extended Tag Field Enable, bit 8)");
        e.cfg_write(f, cap + 8, 0x1, 0x0020);
        CHECK_EQ(e.cfg32(f, cap + 8), 0x7920, "device control low byte only");
        e.cfg_write(f, cap + 8, 0x2, 0x5000);
        CHECK_EQ(e.cfg32(f, cap + 8), 0x5020, "device control high byte only");
        CHECK_EQ(e.dut->func_max_payload >> (3 * f) & 7, 1, "func_max_payload 256");
        CHECK_EQ(e.dut->func_max_read_request >> (3 * f) & 7, 5, "func_max_read_request 4096");
        CHECK_EQ(e.dut->func_ext_tag >> f & 1, 0, "func_ext_tag follows bit 8 off");
        for (int g = 0; g < NUM_FUNCS; g++)
            if (g != f) CHECK_EQ(e.dut->func_max_read_request >> (3 * g) & 7, 2, "other function untouched");
        e.cfg_write(f, cap + 8, 0x3, 0x2810);
        // Device Control 2: completion timeout disable
        e.cfg_write(f, cap + 0x28, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, cap + 0x28), 0x10, "device control 2");
        e.cfg_write(f, cap + 0x28, 0xf, 0);
        CHECK(e.dut->func_flr == 0 && e.flr_pulses[f] == 0, "no FLR");
    }
}

static void test_pm_capability() {
    Env &e = *env;
    const uint32_t cap = VIONIC_PCIE_CONFIG_CAP_PM;
    for (int f = 0; f < NUM_FUNCS; f++) {
        uint32_t h = e.cfg32(f, cap);
        CHECK_EQ(h >> 16, 3, "PMC: version 3, no PME, no D1/D2");
        CHECK_EQ(e.cfg32(f, cap + 4), 0x8, "PMCSR: D0, No_Soft_Reset");
        e.cfg_write(f, cap + 4, 0xf, 0xffff0003);
        CHECK_EQ(e.cfg32(f, cap + 4), 0xb, "D3hot");
        CHECK_EQ(e.dut->func_power_state >> (2 * f) & 3, 3, "func_power_state D3hot");
        e.cfg_write(f, cap + 4, 0xf, 1);
        CHECK_EQ(e.cfg32(f, cap + 4), 0xb, "D1 ignored");
        e.cfg_write(f, cap + 4, 0xf, 2);
        CHECK_EQ(e.cfg32(f, cap + 4), 0xb, "D2 ignored");
        e.cfg_write(f, cap + 4, 0xe, 0);
        CHECK_EQ(e.cfg32(f, cap + 4), 0xb, "byte 0 disabled");
        e.cfg_write(f, cap + 4, 0x1, 0);
        CHECK_EQ(e.cfg32(f, cap + 4), 0x8, "back to D0");
        CHECK_EQ(e.dut->func_power_state >> (2 * f) & 3, 0, "func_power_state D0");
    }
}

static void test_msix_capability() {
    Env &e = *env;
    const uint32_t cap = VIONIC_PCIE_CONFIG_CAP_MSIX;
    for (int f = 0; f < NUM_FUNCS; f++) {
        uint32_t h = e.cfg32(f, cap);
        CHECK_EQ(h >> 16, VIONIC_PCIE_CONFIG_MSIX_VECTORS - 1, "message control");
        CHECK_EQ(e.cfg32(f, cap + 4), VIONIC_BAR0_MAP_MSIX_TABLE_BASE, "table offset/BIR 0");
        CHECK_EQ(e.cfg32(f, cap + 8), VIONIC_BAR0_MAP_MSIX_PBA_BASE, "PBA offset/BIR 0");
        e.cfg_write(f, cap, 0x4, 0xffffffff);
        CHECK_EQ(e.cfg32(f, cap) >> 16, VIONIC_PCIE_CONFIG_MSIX_VECTORS - 1, "byte 2 read only");
        e.cfg_write(f, cap, 0x8, 0xffffffff);
        CHECK_EQ(e.cfg32(f, cap) >> 16, 0xc000 | (VIONIC_PCIE_CONFIG_MSIX_VECTORS - 1), "enable + mask");
        CHECK(e.dut->func_msix_enable >> f & 1 && e.dut->func_msix_mask >> f & 1, "msix outputs set");
        e.cfg_write(f, cap, 0x8, 0x80000000);
        CHECK(e.dut->func_msix_enable >> f & 1 && !(e.dut->func_msix_mask >> f & 1), "mask cleared");
        e.cfg_write(f, cap + 4, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg32(f, cap + 4), VIONIC_BAR0_MAP_MSIX_TABLE_BASE, "table offset ro");
        e.cfg_write(f, cap, 0xf, 0);
        CHECK(!(e.dut->func_msix_enable >> f & 1), "msix disabled");
    }
}

static void test_unimplemented() {
    Env &e = *env;
    for (int f = 0; f < NUM_FUNCS; f++) {
        // every DW of the extended space past the DSN, and the gaps of the legacy space
        int bad = 0;
        for (uint32_t off = VIONIC_PCIE_CONFIG_EXT_CAP_DSN + 12; off < VIONIC_PCIE_CONFIG_CONFIG_SPACE_SIZE; off += 4) {
            if (f == 0 || off % 64 == 12) {
                e.cfg_write(f, off, 0xf, 0xffffffff);
                if (e.cfg32(f, off) != 0) bad++;
            }
        }
        CHECK_EQ(bad, 0, "non-zero DWs in extended space");
        for (uint32_t off = 0xec; off < 0x100; off += 4) CHECK_EQ(e.cfg32(f, off), 0, "legacy space after caps");
        // capability headers are read only
        for (uint32_t off : CAP_OFFSETS) e.cfg_write(f, off, 0x3, 0xffffffff);
        e.cfg_write(f, VIONIC_PCIE_CONFIG_EXT_CAP_DSN, 0xf, 0xffffffff);
        CHECK_EQ(e.cfg8(f, 0x34), VIONIC_PCIE_CONFIG_CAP_PCIE, "cap ptr");
        CHECK_EQ(e.cfg16(f, VIONIC_PCIE_CONFIG_CAP_PCIE), (VIONIC_PCIE_CONFIG_CAP_PM << 8) | 0x10, "pcie cap header");
        CHECK_EQ(e.cfg32(f, VIONIC_PCIE_CONFIG_EXT_CAP_DSN), 0x00010003, "DSN header ro");
    }
    CHECK(e.reg_log.empty(), "register traffic");
}

static void test_bar_sizing() {
    Env &e = *env;
    for (int f = 0; f < NUM_FUNCS; f++) {
        e.cfg_write(f, 0x10, 0xf, 0xffffffff);
        e.cfg_write(f, 0x14, 0xf, 0xffffffff);
        uint32_t lo = e.cfg32(f, 0x10), hi = e.cfg32(f, 0x14);
        CHECK_EQ(lo, (uint32_t)(~(BAR_SIZE - 1)) | 0x4, "BAR0 size mask");
        CHECK_EQ(hi, 0xffffffff, "BAR1 upper");
        uint64_t size = ~(((uint64_t)hi << 32) | (lo & ~0xfu)) + 1;
        CHECK_EQ(size, BAR_SIZE, "decoded BAR size");
        e.cfg_write(f, 0x10, 0x4, 0x00120000);  // byte 2 only
        CHECK_EQ(e.cfg32(f, 0x10), 0xff000000 | (0x00120000 & (uint32_t)~(BAR_SIZE - 1)) | 0x4, "BAR0 byte enable");
        e.cfg_write(f, 0x10, 0xf, 0);
        e.cfg_write(f, 0x14, 0xf, 0);
        CHECK_EQ(e.cfg32(f, 0x10), 0x4, "BAR0 cleared");
    }
}

static void test_mem_enable_gating() {
    Env &e = *env;
    for (int f = 0; f < NUM_FUNCS; f++) e.setup_func(f, func_bar(f), 0);
    for (int f = 0; f < NUM_FUNCS; f++) {
        Cpl c = e.mem_rd(func_bar(f) + 0x10, 1, 0xf, 0);
        CHECK(c.status == CPL_UR && c.len == 0, "read with MSE=0: status %d", c.status);
        e.mem_wr(func_bar(f) + 0x10, {0x1234}, 0xf, 0);
    }
    CHECK(e.reg_log.empty(), "no register traffic while MSE=0");
    for (int f = 0; f < NUM_FUNCS; f++) e.cfg_write(f, 0x04, 0x1, 0x2);
    for (int f = 0; f < NUM_FUNCS; f++) {
        Cpl c = e.mem_rd(func_bar(f) + 0x10, 1, 0xf, 0);
        CHECK(c.status == CPL_SC && c.len == 1 && c.func == f, "read with MSE=1: status %d func %d", c.status,
              c.func);
        CHECK(c.data.size() == 1 && c.data[0] == e.mem[f][4], "read data");
        // just outside the BAR on both sides
        c = e.mem_rd(func_bar(f) + BAR_SIZE, 1, 0xf, 0);
        CHECK(c.status == CPL_UR, "read above BAR: status %d", c.status);
        c = e.mem_rd(func_bar(f) - 4, 1, 0xf, 0);
        CHECK(c.status == CPL_UR, "read below BAR: status %d", c.status);
        c = e.mem_rd(func_bar(f) ^ (1ull << 40), 1, 0xf, 0);
        CHECK(c.status == CPL_UR, "read with other upper bits: status %d", c.status);
    }
    CHECK_EQ(e.reg_log.size(), NUM_FUNCS, "one register read per claimed request");
    for (size_t i = 0; i < e.reg_log.size(); i++) {
        CHECK(!e.reg_log[i].write && e.reg_log[i].func == (int)i && e.reg_log[i].addr == 4 && e.reg_log[i].be == 0xf,
              "register read %zu", i);
    }
}

static void test_mem_reads() {
    Env &e = *env;
    int cases = 0;
    for (int len = 1; len <= READ_MAX_DW; len++) {
        for (int k = 0; k < 12; k++) {
            int f = e.rng() % NUM_FUNCS;
            int fbe = 1 + e.rng() % 15, lbe = len > 1 ? 1 + e.rng() % 15 : 0;
            if (k == 0) { fbe = 0xf; lbe = len > 1 ? 0xf : 0; }
            uint32_t dw = e.rng() % (BAR_DWS - len + 1);
            uint64_t addr = func_bar(f) + 4ull * dw;
            std::vector<uint32_t> expect(e.mem[f].begin() + dw, e.mem[f].begin() + dw + len);
            e.reg_log.clear();
            Cpl c = e.mem_rd(addr, len, fbe, lbe);
            int bc, la;
            expected_read_fields(addr, len, fbe, lbe, bc, la);
            CHECK(c.status == CPL_SC && c.len == len && c.func == f, "len %d: status %d len %d", len, c.status, c.len);
            CHECK(c.byte_count == bc && c.lower_addr == la, "len %d fbe %x lbe %x addr %llx: bc %d/%d la %d/%d", len,
                  fbe, lbe, (unsigned long long)addr, c.byte_count, bc, c.lower_addr, la);
            CHECK(c.data == expect, "len %d: data mismatch", len);
            CHECK_EQ(e.reg_log.size(), len, "register reads");
            for (int i = 0; i < (int)e.reg_log.size(); i++) {
                int be = i == 0 ? fbe : i == len - 1 ? lbe : 0xf;
                const RegAccess &a = e.reg_log[i];
                CHECK(!a.write && a.func == f && a.addr == dw + i && a.be == be, "read %d of %d: addr %x be %x", i, len,
                      a.addr, a.be);
            }
            cases++;
        }
    }
    CHECK(cases > 0, "cases");
}

static void test_mem_read_ca() {
    Env &e = *env;
    for (int len : {READ_MAX_DW + 1, 32, 1024}) {
        Cpl c = e.mem_rd(func_bar(0), len, 0xf, 0xf);
        CHECK(c.status == CPL_CA && c.len == 0 && c.func == 0, "len %d: status %d len %d", len, c.status, c.len);
    }
    CHECK(e.reg_log.empty(), "no register traffic for CA");
}

static void test_zero_length_read() {
    Env &e = *env;
    for (uint32_t off : {0x0u, 0x44u, 0x1ffcu}) {
        Cpl c = e.mem_rd(func_bar(0) + off, 1, 0, 0);
        CHECK(c.status == CPL_SC && c.len == 1 && c.byte_count == 1 && c.lower_addr == (int)(off & 0x7f),
              "zero-length read: status %d len %d bc %d la %d", c.status, c.len, c.byte_count, c.lower_addr);
    }
    CHECK(e.reg_log.empty(), "no register access for a zero-length read");
}

static void test_mem_writes() {
    Env &e = *env;
    for (int n = 0; n < 150; n++) {
        int f = e.rng() % NUM_FUNCS;
        int len = 1 + e.rng() % 24;
        int fbe = e.rng() % 16, lbe = len > 1 ? 1 + e.rng() % 15 : 0;
        if (len > 1 && fbe == 0) fbe = 0x8;
        uint32_t dw = e.rng() % (BAR_DWS - len + 1);
        std::vector<uint32_t> data(len);
        for (auto &d : data) d = e.rng();
        e.reg_log.clear();
        e.mem_wr(func_bar(f) + 4ull * dw, data, fbe, lbe);
        std::vector<RegAccess> expect;
        for (int i = 0; i < len; i++) {
            int be = i == 0 ? fbe : i == len - 1 ? lbe : 0xf;
            if (be) expect.push_back({true, f, dw + i, be, data[i]});
        }
        CHECK_EQ(e.reg_log.size(), expect.size(), "register writes");
        for (size_t i = 0; i < expect.size() && i < e.reg_log.size(); i++) {
            const RegAccess &a = e.reg_log[i], &x = expect[i];
            CHECK(a.write && a.func == x.func && a.addr == x.addr && a.be == x.be && a.data == x.data,
                  "write %zu: addr %x/%x be %x/%x data %x/%x", i, a.addr, x.addr, a.be, x.be, a.data, x.data);
        }
    }
}

static void test_pci_cfg_window() {
    Env &e = *env;
    const uint32_t cap = PCI_CFG;
    for (int f = 0; f < NUM_FUNCS; f++) {
        e.cfg_write(f, 0x04, 0x1, 0);  // the window works without memory space enable
        struct Win { uint32_t offset; int length; };
        // writes of 1/2/4 bytes
        for (Win w : {Win{0x2000, 4}, Win{0x2006, 2}, Win{0x2003, 1}, Win{0x2011, 1}, Win{0x20000, 4}}) {
            e.cfg_write(f, cap + 4, 0x1, 0);
            e.cfg_write(f, cap + 8, 0xf, w.offset);
            e.cfg_write(f, cap + 12, 0xf, w.length);
            CHECK_EQ(e.cfg32(f, cap + 8), w.offset, "cap.offset rw");
            CHECK_EQ(e.cfg32(f, cap + 12), (uint32_t)w.length, "cap.length rw");
            uint32_t value = e.rng();
            e.reg_log.clear();
            e.cfg_write(f, cap + 16, 0xf, value);
            e.run(10);
            int shift = w.offset & 3;
            uint32_t mask = w.length == 4 ? 0xffffffffu : (1u << (8 * w.length)) - 1;
            CHECK_EQ(e.reg_log.size(), 1, "one BAR write");
            if (e.reg_log.size() == 1) {
                const RegAccess &a = e.reg_log[0];
                CHECK(a.write && a.func == f && a.addr == w.offset / 4 && a.be == (((1 << w.length) - 1) << shift) &&
                      (a.data & (mask << (8 * shift))) == ((value & mask) << (8 * shift)),
                      "window write off %x len %d: addr %x be %x data %x", w.offset, w.length, a.addr, a.be, a.data);
            }
            // read back through the window: result in the first length bytes, rest kept
            e.cfg_write(f, cap + 12, 0xf, 3);         // invalid length: storing data does nothing
            e.reg_log.clear();
            e.cfg_write(f, cap + 16, 0xf, 0x11223344);
            e.run(20);
            CHECK(e.reg_log.empty(), "invalid window write must not access BAR0");
            e.cfg_write(f, cap + 12, 0xf, w.length);
            uint32_t bar_dw = e.mem[f][w.offset / 4];
            uint32_t got = e.cfg32(f, cap + 16);
            uint32_t expect = (0x11223344 & ~mask) | ((bar_dw >> (8 * shift)) & mask);
            CHECK_EQ(got, expect, "window read");
            CHECK_EQ(e.reg_log.size(), 1, "one BAR read");
            if (e.reg_log.size() == 1)
                CHECK(!e.reg_log[0].write && e.reg_log[0].addr == w.offset / 4 &&
                      e.reg_log[0].be == (((1 << w.length) - 1) << shift), "window read access");
            CHECK_EQ(e.cfg32(f, cap + 16), expect, "stored in pci_cfg_data");
        }
        // partial config write of pci_cfg_data (byte 0 only, length 1)
        e.cfg_write(f, cap + 8, 0xf, 0x2010);
        e.cfg_write(f, cap + 12, 0xf, 1);
        e.reg_log.clear();
        e.cfg_write(f, cap + 16, 0x1, 0xa5);
        e.run(20);  // the BAR write may leave after the completion
        CHECK(e.reg_log.size() == 1 && e.reg_log[0].be == 1 && (e.reg_log[0].data & 0xff) == 0xa5, "byte write");
        // invalid windows: nothing accessed, reads return 0
        struct Bad { int bar; uint32_t offset; uint32_t length; };
        for (Bad b : {Bad{0, 0x2000, 3}, Bad{0, 0x2001, 2}, Bad{0, 0x2002, 4}, Bad{1, 0x2000, 4}, Bad{0, 0x2000, 0},
                      Bad{0, 0x2000, 8}, Bad{0, (uint32_t)BAR_SIZE, 4}, Bad{0, 0x80000000u, 1}, Bad{5, 0, 1}}) {
            e.cfg_write(f, cap + 4, 0x1, b.bar);
            e.cfg_write(f, cap + 8, 0xf, b.offset);
            e.cfg_write(f, cap + 12, 0xf, b.length);
            e.reg_log.clear();
            e.cfg_write(f, cap + 16, 0xf, 0xdeadbeef);
            e.run(20);
            CHECK_EQ(e.cfg32(f, cap + 16), 0, "invalid window read");
            CHECK(e.reg_log.empty(), "invalid window bar %d off %x len %u accessed BAR0", b.bar, b.offset, b.length);
        }
        CHECK_EQ(e.cfg32(f, cap + 4), 5, "cap.bar rw");
        // a config read with no byte enabled does not access BAR0
        e.cfg_write(f, cap + 4, 0x1, 0);
        e.cfg_write(f, cap + 8, 0xf, 0x0);
        e.cfg_write(f, cap + 12, 0xf, 4);
        e.reg_log.clear();
        e.cfg_write(f, cap + 16, 0x0, 0);
        e.run(20);
        CHECK(e.reg_log.empty(), "BE 0 write accessed BAR0");
        e.cfg_write(f, cap + 12, 0xf, 0);
        e.cfg_write(f, 0x04, 0x1, 0x2);
    }
}

static void test_flr() {
    Env &e = *env;
    const uint32_t pcie = VIONIC_PCIE_CONFIG_CAP_PCIE;
    for (int f = 0; f < NUM_FUNCS; f++) {
        for (int g = 0; g < NUM_FUNCS; g++) e.setup_func(g, func_bar(g), 0x6);
        e.cfg_write(f, 0x0c, 0x1, 0x40);
        e.cfg_write(f, pcie + 8, 0x3, 0x0030);
        e.cfg_write(f, VIONIC_PCIE_CONFIG_CAP_MSIX, 0x8, 0xc0000000);
        e.cfg_write(f, PCI_CFG + 12, 0xf, 4);
        std::vector<int> before = e.flr_pulses;
        e.cfg_write(f, pcie + 8, 0x2, 0x8000);
        e.run(5);
        for (int g = 0; g < NUM_FUNCS; g++)
            CHECK_EQ(e.flr_pulses[g] - before[g], g == f ? 1 : 0, "func_flr pulses");
        CHECK_EQ(e.cfg32(f, 0x04), 0x00100000, "command reset");
        CHECK_EQ(e.cfg32(f, 0x0c), 0, "cache line reset");
        CHECK_EQ(e.cfg32(f, 0x10), 0x4, "BAR0 reset");
        CHECK_EQ(e.cfg32(f, 0x14), 0, "BAR1 reset");
        CHECK_EQ(e.cfg32(f, pcie + 8), 0x2810, "device control reset, FLR bit reads 0");
        CHECK_EQ(e.cfg32(f, VIONIC_PCIE_CONFIG_CAP_MSIX) >> 30, 0, "MSI-X reset");
        CHECK_EQ(e.cfg32(f, PCI_CFG + 12), 0, "pci_cfg length reset");
        CHECK(!(e.dut->func_mem_enable >> f & 1) && !(e.dut->func_bus_master >> f & 1), "outputs reset");
        Cpl c = e.mem_rd(func_bar(f), 1, 0xf, 0);
        CHECK_EQ(c.status, CPL_UR, "memory read after FLR");
        for (int g = 0; g < NUM_FUNCS; g++)
            if (g != f) CHECK_EQ(e.cfg32(g, 0x04) & 0x6, 0x6, "other function keeps its command");
    }
}

static void test_d3hot_gating() {
    Env &e = *env;
    const uint32_t pm = VIONIC_PCIE_CONFIG_CAP_PM;
    for (int f = 0; f < NUM_FUNCS; f++) e.setup_func(f, func_bar(f), 0x2);
    for (int f = 0; f < NUM_FUNCS; f++) {
        e.cfg_write(f, pm + 4, 0x1, 3);
        e.reg_log.clear();
        Cpl c = e.mem_rd(func_bar(f) + 8, 1, 0xf, 0);
        CHECK_EQ(c.status, CPL_UR, "read in D3hot");
        e.mem_wr(func_bar(f) + 8, {1}, 0xf, 0);
        CHECK(e.reg_log.empty(), "no register traffic in D3hot");
        CHECK_EQ(e.cfg32(f, 0x00) & 0xffff, VIONIC_PCIE_CONFIG_VENDOR_ID, "config works in D3hot");
        e.cfg_write(f, pm + 4, 0x1, 0);
        CHECK_EQ(e.cfg32(f, 0x04) & 0x2, 0x2, "No_Soft_Reset: command kept");
        c = e.mem_rd(func_bar(f) + 8, 1, 0xf, 0);
        CHECK_EQ(c.status, CPL_SC, "read in D0");
    }
}

static void test_pipelined_requests() {
    Env &e = *env;
    // many requests queued back to back: completions come in order
    std::vector<Req> sent;
    for (int i = 0; i < 60; i++) {
        Req r;
        int f = e.rng() % NUM_FUNCS;
        switch (e.rng() % 3) {
        case 0: r.type = TLP_CFG_RD; r.func = f; r.addr = 0; break;
        case 1: r.type = TLP_MEM_RD; r.addr = func_bar(f) + 4 * (e.rng() % 64); r.len = 1 + e.rng() % 4;
                r.last_be = r.len > 1 ? 0xf : 0; break;
        default: r.type = TLP_MEM_WR; r.addr = func_bar(f) + 4 * (e.rng() % 64); r.len = 1 + e.rng() % 4;
                 r.last_be = r.len > 1 ? 0xf : 0; r.data.assign(r.len, e.rng()); break;
        }
        r.tag = e.tag_counter++ & 0x3ff;
        if (r.type != TLP_MEM_WR) sent.push_back(r);
        e.reqs.push_back(r);
    }
    for (const Req &r : sent) {
        Cpl c = e.wait_cpl();
        CHECK(c.tag == r.tag && c.status == CPL_SC, "completion order: tag %d/%d status %d", c.tag, r.tag, c.status);
    }
    e.run(50);
    CHECK(e.cpls.empty() && e.reqs.empty(), "leftovers");
}

static void test_random_traffic() {
    Env &e = *env;
    // shadow of BAR0 contents as the host expects them (reads must see earlier writes)
    std::vector<std::vector<uint32_t>> shadow = e.mem;
    const uint32_t window = 256;  // DWs, so reads hit recent writes often
    for (int n = 0; n < 3000; n++) {
        e.cq_idle_pct = e.rng() % 60;
        e.cc_stall_pct = e.rng() % 80;
        e.reg_stall_pct = e.rng() % 80;
        e.rsp_delay_max = e.rng() % 20;
        int f = e.rng() % NUM_FUNCS;
        int len = 1 + e.rng() % READ_MAX_DW;
        uint32_t dw = e.rng() % (window - len);
        uint64_t addr = func_bar(f) + 4ull * dw;
        int fbe = 1 + e.rng() % 15, lbe = len > 1 ? 1 + e.rng() % 15 : 0;
        if (e.rng() & 1) {
            std::vector<uint32_t> data(len);
            for (auto &d : data) d = e.rng();
            Req r;
            r.type = TLP_MEM_WR;
            r.addr = addr;
            r.len = len;
            r.first_be = fbe;
            r.last_be = lbe;
            r.data = data;
            e.reqs.push_back(r);  // posted: do not wait, the next read must still see it
            for (int i = 0; i < len; i++) {
                int be = i == 0 ? fbe : i == len - 1 ? lbe : 0xf;
                uint32_t &w = shadow[f][dw + i];
                for (int b = 0; b < 4; b++)
                    if (be >> b & 1) w = (w & ~(0xffu << (8 * b))) | (data[i] & (0xffu << (8 * b)));
            }
        } else {
            Cpl c = e.mem_rd(addr, len, fbe, lbe);
            bool ok = c.status == CPL_SC && (int)c.data.size() == len;
            for (int i = 0; ok && i < len; i++) {
                int be = i == 0 ? fbe : i == len - 1 ? lbe : 0xf;
                uint32_t m = 0;
                for (int b = 0; b < 4; b++)
                    if (be >> b & 1) m |= 0xffu << (8 * b);
                ok = (c.data[i] & m) == (shadow[f][dw + i] & m);
            }
            CHECK(ok, "random read %d mismatch (len %d)", n, len);
        }
        if (e.timed_out) break;
    }
    for (int i = 0; i < 20000 && !e.reqs.empty(); i++) e.step();
    e.run(100);
    CHECK(e.reqs.empty() && e.cpls.empty(), "leftovers");
    e.cq_idle_pct = 20;
    e.cc_stall_pct = 30;
    e.reg_stall_pct = 30;
    e.rsp_delay_max = 6;
}

int main(int argc, char **argv) {
    env = new Env(argc, argv);
    run_test("CRS while fw_ready is 0, no effect", test_crs);
    run_test("UR for absent functions", test_ur_absent);
    run_test("type-0 header fields and writable bits", test_header);
    run_test("capability chain, virtio capabilities, DSN", test_capability_chain);
    run_test("PCI Express capability and Device Control", test_pcie_capability);
    run_test("power management capability", test_pm_capability);
    run_test("MSI-X capability", test_msix_capability);
    run_test("unimplemented registers read 0, read-only fields ignore writes", test_unimplemented);
    run_test("BAR0/BAR1 64-bit sizing", test_bar_sizing);
    run_test("memory space enable gating and BAR decode", test_mem_enable_gating);
    run_test("memory reads 1..READ_MAX_DW with byte enables", test_mem_reads);
    run_test("completer abort for long reads", test_mem_read_ca);
    run_test("zero-length read", test_zero_length_read);
    run_test("memory writes with byte enables reach the register port exactly", test_mem_writes);
    run_test("virtio PCI-config-access window", test_pci_cfg_window);
    run_test("function level reset", test_flr);
    run_test("D3hot gating", test_d3hot_gating);
    run_test("pipelined requests complete in order", test_pipelined_requests);
    run_test("random traffic with back-pressure, reads see earlier writes", test_random_traffic);
    printf("1..%d\n", test_count);
    delete env;
    return total_failed_tests == 0 ? 0 : 1;
}
