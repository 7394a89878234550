// Block test of the virtio transport (vionic_virtio_regs, vionic_msix, vionic_ctrl,
// the stores and vionic_periph_decode) through rtl/virtio/vionic_virtio_transport.v (test parameters in virtio.mk).
//
// The testbench plays three parts at once: the host (BAR0 accesses on the register
// port, as vionic_pcie_endpoint issues them), the firmware (loads and stores on the
// peripheral port) and the config space (func_* inputs). m_rq_ready is randomly
// deasserted on every cycle. Output: TAP ("ok N - name", "1..N"); exit status 1 on
// any failure. Parameters: RTL_UNIT_VIRTIO_PARAMS in virtio.mk (as TB_<name> macros).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "Vvionic_virtio_transport.h"
#include "verilated.h"

#include "vionic/bar0_map_regs.h"
#include "vionic/ctrl_events_regs.h"
#include "vionic/ctrl_regs.h"
#include "vionic/memory_map_regs.h"
#include "vionic/pcie_config_regs.h"
#include "vionic/virtio_common_cfg_regs.h"

namespace {

constexpr unsigned NUM_FUNCS = TB_NUM_FUNCS;
constexpr unsigned QUEUES_PER_FUNC = TB_QUEUES_PER_FUNC;
constexpr unsigned MSIX_VECTORS = TB_MSIX_VECTORS;
constexpr unsigned EVENT_DEPTH = TB_EVENT_DEPTH;
constexpr unsigned READ_WAIT_CYCLES = TB_READ_WAIT_CYCLES;
constexpr unsigned EVENT_FULL_WAIT_CYCLES = TB_EVENT_FULL_WAIT_CYCLES;
constexpr uint64_t TIMEOUT = 100000;  // cycles: any wait longer than this is a hang

struct HostReq {
    bool write;
    unsigned func;
    uint32_t offset;  // byte offset in BAR0 (DW aligned)
    unsigned be;
    uint32_t data;
};

struct RqBeat {
    unsigned type, func, len_dw, first_be, last_be, keep_low, last;
    uint64_t addr;
    uint32_t data;
};

class Bench {
public:
    std::unique_ptr<Vvionic_virtio_transport> top;
    uint64_t cycle = 0;
    std::deque<HostReq> host_queue;         // host requests not yet accepted
    std::deque<uint32_t> host_rsp;          // read responses, in order
    std::vector<uint64_t> host_rsp_cycle;   // cycle of each response
    std::deque<RqBeat> rq;                  // accepted m_rq beats
    bool rq_protocol_error = false;
    unsigned rq_ready_percent = 60;
    // periph port
    bool cpu_busy = false;
    bool cpu_rsp = false;
    uint32_t cpu_rdata = 0;
    bool cpu_error = false;
    // m_rq stability check
    bool rq_prev_valid = false;
    bool dp_taken = false;  // the data-path window took a request last cycle
    bool rq_prev_ready = false;
    uint64_t rq_prev_addr = 0;
    uint32_t rq_prev_data = 0;

    Bench() : top(new Vvionic_virtio_transport) {
        top->clk = 0;
        top->rst = 1;
        top->link_up = 0;
        top->reg_req_valid = 0;
        top->periph_req_valid = 0;
        top->m_rq_ready = 0;
        top->func_mem_enable = 0;
        top->func_bus_master = 0;
        top->func_msix_enable = 0;
        top->func_msix_mask = 0;
        top->func_power_state = 0;
        top->func_max_payload = 0;
        top->func_max_read_request = 0;
        top->func_flr = 0;
        for (int i = 0; i < 5; i++) tick();
        top->rst = 0;
        tick();
    }

    void drive_host() {
        if (host_queue.empty()) {
            top->reg_req_valid = 0;
            return;
        }
        const HostReq &r = host_queue.front();
        top->reg_req_valid = 1;
        top->reg_req_write = r.write;
        top->reg_req_func = r.func;
        top->reg_req_addr = r.offset >> 2;
        top->reg_req_be = r.be;
        top->reg_req_wdata = r.data;
    }

    void tick() {
        drive_host();
        top->m_rq_ready = (unsigned)(rand() % 100) < rq_ready_percent;
        // the data-path side of the transport: the queue scheduler takes every
        // doorbell, no queue interrupts, the data-path window is absent (an
        // access is answered with an error the cycle after it was taken)
        top->db_ready = 1;
        top->qirq_valid = 0;
        top->dp_req_ready = 1;
        top->dp_rsp_valid = dp_taken;
        top->dp_rsp_error = 1;
        top->clk = 0;
        top->eval();
        // sample handshakes before the edge
        bool host_accept = top->reg_req_valid && top->reg_req_ready;
        bool rsp = top->reg_rsp_valid;
        uint32_t rsp_data = top->reg_rsp_rdata;
        bool periph_accept = top->periph_req_valid && top->periph_req_ready;
        bool periph_rsp = top->periph_rsp_valid;
        uint32_t periph_rdata = top->periph_rsp_rdata;
        bool periph_err = top->periph_rsp_error;
        if (top->m_rq_valid) {
            uint32_t data0 = top->m_rq_data[0];
            // AXI-stream rule: once valid, hold it and its payload until ready
            if (rq_prev_valid && !rq_prev_ready && (top->m_rq_addr != rq_prev_addr || data0 != rq_prev_data))
                rq_protocol_error = true;
            rq_prev_addr = top->m_rq_addr;
            rq_prev_data = data0;
            if (top->m_rq_ready) {
                rq.push_back(RqBeat{top->m_rq_type, top->m_rq_func, top->m_rq_len_dw, top->m_rq_first_be,
                                    top->m_rq_last_be, (unsigned)top->m_rq_keep, top->m_rq_last,
                                    top->m_rq_addr, data0});
            }
        } else if (rq_prev_valid && !rq_prev_ready) {
            rq_protocol_error = true;  // valid dropped without a handshake
        }
        rq_prev_valid = top->m_rq_valid;
        rq_prev_ready = top->m_rq_ready;
        dp_taken = top->dp_req_valid && top->dp_req_ready;
        top->clk = 1;
        top->eval();
        cycle++;
        if (host_accept) host_queue.pop_front();
        if (rsp) {
            host_rsp.push_back(rsp_data);
            host_rsp_cycle.push_back(cycle);
        }
        if (periph_accept) {
            top->periph_req_valid = 0;
        }
        if (periph_rsp) {
            cpu_rsp = true;
            cpu_rdata = periph_rdata;
            cpu_error = periph_err;
            cpu_busy = false;
        }
    }

    void ticks(unsigned n) {
        for (unsigned i = 0; i < n; i++) tick();
    }

    // ---- firmware side
    bool cpu_access(bool write, uint32_t addr, uint32_t wdata, unsigned strb, uint32_t *rdata) {
        top->periph_req_valid = 1;
        top->periph_req_addr = addr;
        top->periph_req_write = write;
        top->periph_req_strb = strb;
        top->periph_req_wdata = wdata;
        cpu_busy = true;
        cpu_rsp = false;
        uint64_t start = cycle;
        while (!cpu_rsp) {
            tick();
            if (cycle - start > TIMEOUT) {
                printf("# periph request to 0x%08x never answered\n", addr);
                exit(1);
            }
        }
        if (rdata) *rdata = cpu_rdata;
        return !cpu_error;
    }
    void cpu_write(uint32_t addr, uint32_t data, unsigned strb = 0xf) {
        if (!cpu_access(true, addr, data, strb, nullptr)) printf("# unexpected bus error writing 0x%08x\n", addr);
    }
    uint32_t cpu_read(uint32_t addr) {
        uint32_t v = 0;
        if (!cpu_access(false, addr, 0, 0xf, &v)) printf("# unexpected bus error reading 0x%08x\n", addr);
        return v;
    }
    uint32_t ctrl(uint32_t off) { return cpu_read(VIONIC_MAP_CTRL_BASE + off); }
    void ctrl_write(uint32_t off, uint32_t v) { cpu_write(VIONIC_MAP_CTRL_BASE + off, v); }

    // ---- host side
    void host_write(unsigned func, uint32_t offset, uint32_t data, unsigned be = 0xf) {
        host_queue.push_back(HostReq{true, func, offset, be, data});
    }
    void host_read_start(unsigned func, uint32_t offset, unsigned be = 0xf) {
        host_queue.push_back(HostReq{false, func, offset, be, 0});
    }
    // wait until the host queue is drained and n responses are present
    bool host_wait(size_t n, uint64_t limit = TIMEOUT) {
        uint64_t start = cycle;
        while (!host_queue.empty() || host_rsp.size() < n) {
            tick();
            if (cycle - start > limit) return false;
        }
        ticks(4);  // let posted writes take effect
        return true;
    }
    uint32_t host_read(unsigned func, uint32_t offset, unsigned be = 0xf) {
        host_rsp.clear();
        host_rsp_cycle.clear();
        host_read_start(func, offset, be);
        if (!host_wait(1)) {
            printf("# host read of 0x%05x never answered\n", offset);
            exit(1);
        }
        uint32_t v = host_rsp.front();
        host_rsp.clear();
        host_rsp_cycle.clear();
        return v;
    }
    void host_flush() { host_wait(host_rsp.size()); }

    void pop_all_events() {
        for (int i = 0; i < 64 && (ctrl(VIONIC_CTRL_EVT_INFO_OFFSET) & VIONIC_CTRL_EVT_INFO_VALID_MASK); i++)
            ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
    }
    // wait for m_rq beats (bounded)
    bool wait_rq(size_t n, unsigned limit = 2000) {
        for (unsigned i = 0; i < limit && rq.size() < n; i++) tick();
        return rq.size() >= n;
    }
};

int failures = 0;
int test_number = 0;

void check(bool ok, const std::string &name) {
    test_number++;
    printf("%sok %d - %s\n", ok ? "" : "not ", test_number, name.c_str());
    if (!ok) failures++;
}

uint32_t field(uint32_t v, uint32_t mask, unsigned shift) { return (v & mask) >> shift; }

constexpr uint32_t TABLE = VIONIC_BAR0_MAP_MSIX_TABLE_BASE;
constexpr uint32_t PBA = VIONIC_BAR0_MAP_MSIX_PBA_BASE;

uint32_t irq_send(unsigned func, unsigned isr, unsigned vector) {
    return (func << VIONIC_CTRL_IRQ_SEND_FUNC_SHIFT) | (isr << VIONIC_CTRL_IRQ_SEND_ISR_SHIFT) |
           (vector << VIONIC_CTRL_IRQ_SEND_VECTOR_SHIFT);
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    srand(12345);
    Bench b;

    // ---------------------------------------------------------------- ctrl identity and params
    check(b.ctrl(VIONIC_CTRL_ID_OFFSET) == VIONIC_CTRL_ID_MAGIC_RESET, "ctrl ID magic");
    {
        uint32_t p = b.ctrl(VIONIC_CTRL_PARAMS_OFFSET);
        check(field(p, VIONIC_CTRL_PARAMS_NUM_FUNCS_MASK, VIONIC_CTRL_PARAMS_NUM_FUNCS_SHIFT) == NUM_FUNCS &&
                  field(p, VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC_MASK, VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC_SHIFT) ==
                      QUEUES_PER_FUNC &&
                  field(p, VIONIC_CTRL_PARAMS_MSIX_VECTORS_MASK, VIONIC_CTRL_PARAMS_MSIX_VECTORS_SHIFT) ==
                      MSIX_VECTORS,
              "ctrl PARAMS reflect the parameters");
    }

    // ---------------------------------------------------------------- periph decode errors
    {
        uint32_t v;
        bool ok = true;
        ok &= !b.cpu_access(false, VIONIC_MAP_CTRL_BASE - 0x1000, 0, 0xf, &v);  // unmapped gap
        ok &= !b.cpu_access(true, 0x50000000, 0, 0xf, nullptr);                 // far outside
        ok &= !b.cpu_access(false, VIONIC_MAP_CTRL_BASE + 0x44, 0, 0xf, &v);    // ctrl hole
        ok &= !b.cpu_access(false, VIONIC_MAP_CTRL_BASE + VIONIC_CTRL_PCI_STATE_OFFSET + 4 * NUM_FUNCS, 0, 0xf, &v);
        ok &= !b.cpu_access(false, VIONIC_MAP_COMMON_SHADOW_BASE + 64 * NUM_FUNCS, 0, 0xf, &v);
        ok &= !b.cpu_access(true, VIONIC_MAP_DEVCFG_STORE_BASE + 256 * NUM_FUNCS, 0, 0xf, nullptr);
        ok &= !b.cpu_access(false, VIONIC_MAP_QCTX_BASE + 64 * NUM_FUNCS * QUEUES_PER_FUNC, 0, 0xf, &v);
        ok &= !b.cpu_access(false, VIONIC_MAP_SIMCTRL_BASE + 0xffc, 0, 0xf, &v);  // simctrl unmapped offset
        // and mapped ones still work afterwards
        ok &= b.cpu_access(false, VIONIC_MAP_CTRL_BASE, 0, 0xf, &v) && v == VIONIC_CTRL_ID_MAGIC_RESET;
        check(ok, "periph decode: unmapped addresses and missing store entries answer with an error");
    }

    // ---------------------------------------------------------------- stores and byte strobes
    {
        uint32_t a = VIONIC_MAP_QCTX_BASE + 64 * (QUEUES_PER_FUNC + 3) + 8;  // func 1 queue 3 DESC_LO
        b.cpu_write(a, 0x11223344);
        b.cpu_write(a, 0xaabbccdd, 0x6);  // bytes 1 and 2
        check(b.cpu_read(a) == 0x11bbcc44, "QCTX store honours byte strobes");
    }

    // ---------------------------------------------------------------- common reads from the shadow
    {
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned dw = 0; dw < 16; dw++)
                b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 64 * f + 4 * dw, 0x10000000u * (f + 1) + dw * 0x0101);
        bool ok = true;
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned dw = 0; dw < 16; dw++) {
                uint32_t v = b.host_read(f, VIONIC_BAR0_MAP_COMMON_BASE + 4 * dw);
                uint32_t want = 0x10000000u * (f + 1) + dw * 0x0101;
                if (dw == VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET / 4) {
                    unsigned lane = VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET % 4;
                    want &= ~(0xffu << (8 * lane));  // generation 0
                }
                if (v != want) {
                    printf("# func %u dw %u: 0x%08x want 0x%08x\n", f, dw, v, want);
                    ok = false;
                }
            }
        check(ok, "COMMON reads come from the shadow (generation byte overlaid)");
        b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 4, 0xffffffff, 0x8);
        check(b.cpu_read(VIONIC_MAP_COMMON_SHADOW_BASE + 4) == 0xff000101 && b.host_read(0, 4) == 0xff000101,
              "shadow byte-strobe store seen by host reads");
    }

    // ---------------------------------------------------------------- generation
    {
        unsigned gen_off = VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET;
        auto gen = [&](unsigned f) { return (b.host_read(f, gen_off & ~3u) >> (8 * (gen_off % 4))) & 0xff; };
        unsigned g0 = gen(0), g1 = gen(1);
        b.cpu_write(VIONIC_MAP_DEVCFG_STORE_BASE + 256 * 1 + 8, 0x01020304);
        b.cpu_write(VIONIC_MAP_DEVCFG_STORE_BASE + 256 * 1 + 12, 0x05060708, 0x1);
        check(gen(1) == ((g1 + 2) & 0xff) && gen(0) == g0, "device-config store writes bump that function's generation");
        b.ctrl_write(VIONIC_CTRL_GEN_BUMP_OFFSET, 0);
        check(gen(0) == ((g0 + 1) & 0xff) && gen(1) == ((g1 + 2) & 0xff), "GEN_BUMP bumps the named function");
        b.ctrl_write(VIONIC_CTRL_GEN_BUMP_OFFSET, NUM_FUNCS);  // no such function: ignored
        check(gen(0) == ((g0 + 1) & 0xff), "GEN_BUMP of a missing function is ignored");
        check(b.host_read(1, VIONIC_BAR0_MAP_DEVICE_BASE + 8) == 0x01020304 &&
                  (b.host_read(1, VIONIC_BAR0_MAP_DEVICE_BASE + 12) & 0xff) == 0x08,
              "DEVICE reads come from the device-config store");
    }

    // ---------------------------------------------------------------- write events
    {
        b.host_write(1, VIONIC_BAR0_MAP_COMMON_BASE + 0x14, 0xdeadbeef, 0x1);
        b.host_flush();
        uint32_t info = b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET);
        uint32_t data = b.ctrl(VIONIC_CTRL_EVT_DATA_OFFSET);
        uint32_t count = b.ctrl(VIONIC_CTRL_EVT_COUNT_OFFSET);
        check((info & VIONIC_CTRL_EVT_INFO_VALID_MASK) &&
                  field(info, VIONIC_CTRL_EVT_INFO_FUNC_MASK, VIONIC_CTRL_EVT_INFO_FUNC_SHIFT) == 1 &&
                  field(info, VIONIC_CTRL_EVT_INFO_SOURCE_MASK, VIONIC_CTRL_EVT_INFO_SOURCE_SHIFT) ==
                      VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON &&
                  field(info, VIONIC_CTRL_EVT_INFO_BE_MASK, VIONIC_CTRL_EVT_INFO_BE_SHIFT) == 0x1 &&
                  field(info, VIONIC_CTRL_EVT_INFO_OFFSET_MASK, VIONIC_CTRL_EVT_INFO_OFFSET_SHIFT) == 0x14 &&
                  data == 0xdeadbeef &&
                  field(count, VIONIC_CTRL_EVT_COUNT_PENDING_MASK, VIONIC_CTRL_EVT_COUNT_PENDING_SHIFT) == 1,
              "COMMON write queues an event with func, source, be, offset, data");
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        b.host_write(0, VIONIC_BAR0_MAP_DEVICE_BASE + 0x20, 0x12345678, 0xc);
        b.host_flush();
        info = b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET);
        check((info & VIONIC_CTRL_EVT_INFO_VALID_MASK) &&
                  field(info, VIONIC_CTRL_EVT_INFO_FUNC_MASK, VIONIC_CTRL_EVT_INFO_FUNC_SHIFT) == 0 &&
                  field(info, VIONIC_CTRL_EVT_INFO_SOURCE_MASK, VIONIC_CTRL_EVT_INFO_SOURCE_SHIFT) ==
                      VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE &&
                  field(info, VIONIC_CTRL_EVT_INFO_BE_MASK, VIONIC_CTRL_EVT_INFO_BE_SHIFT) == 0xc &&
                  field(info, VIONIC_CTRL_EVT_INFO_OFFSET_MASK, VIONIC_CTRL_EVT_INFO_OFFSET_SHIFT) == 0x20 &&
                  b.ctrl(VIONIC_CTRL_EVT_DATA_OFFSET) == 0x12345678,
              "DEVICE write queues an event with SOURCE device");
        // irq: event queue non-empty AND IRQ_ENABLE.EVENT
        bool irq_off = !b.top->irq_external;
        b.ctrl_write(VIONIC_CTRL_IRQ_ENABLE_OFFSET, 1);
        b.ticks(2);
        bool irq_on = b.top->irq_external;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        b.ticks(2);
        bool irq_gone = !b.top->irq_external;
        uint32_t info_after = b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET);
        check(irq_off && irq_on && irq_gone && !(info_after & VIONIC_CTRL_EVT_INFO_VALID_MASK),
              "irq follows event queue and IRQ_ENABLE; EVT_POP empties");
        b.ctrl_write(VIONIC_CTRL_IRQ_ENABLE_OFFSET, 0);
    }

    // ---------------------------------------------------------------- read wait released by EVT_POP
    {
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        b.host_write(0, VIONIC_BAR0_MAP_COMMON_BASE + 0x14, 0x1, 0x1);    // an event of func 0
        b.host_read_start(1, VIONIC_BAR0_MAP_COMMON_BASE + 0x0);          // func 1: no wait
        b.host_read_start(0, VIONIC_BAR0_MAP_COMMON_BASE + 0x8);          // func 0: waits
        b.ticks(60);
        bool one_answered = b.host_rsp.size() == 1;
        // firmware publishes the effect, then pops
        b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 0x8, 0xcafef00d);
        bool still_waiting = b.host_rsp.size() == 1;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        bool ok = b.host_wait(2, 50);
        check(one_answered && still_waiting && ok && b.host_rsp.size() == 2 && b.host_rsp[1] == 0xcafef00d &&
                  b.ctrl(VIONIC_CTRL_READ_TIMEOUTS_OFFSET) == 0,
              "COMMON read waits for the function's events, released by EVT_POP with the new shadow");
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
    }

    // ---------------------------------------------------------------- device-part reads skip queue-part events
    {
        const uint32_t common = VIONIC_BAR0_MAP_COMMON_BASE;
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 0x14, 0x0000000f);
        b.host_write(0, common + 0x20, 0x1000);                 // queue_desc_lo: queue part
        b.host_write(0, common + 0x1c, 0x1, 0x3);               // queue_enable: queue part
        b.host_read_start(0, common + 0x14, 0x1);               // device_status: device part
        b.host_read_start(0, common + 0x00);                    // device_feature_select
        bool dev_reads = b.host_wait(2, 40);
        bool dev_values = dev_reads && (b.host_rsp[0] & 0xff) == 0x0f;
        b.host_read_start(0, common + 0x14, 0xc);               // queue_select: queue part
        b.host_read_start(0, common + 0x14, 0xf);               // both parts
        b.ticks(60);
        bool queue_reads_wait = b.host_rsp.size() == 2;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        b.ticks(20);
        bool still_one_left = b.host_rsp.size() == 2;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        bool released = b.host_wait(4, 50);
        check(dev_reads && dev_values && queue_reads_wait && still_one_left && released &&
                  b.ctrl(VIONIC_CTRL_READ_TIMEOUTS_OFFSET) == 0,
              "a device-part read passes queued queue-part writes; a read of queue_select waits for them");
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();

        // a device-part write ahead of queue-part writes: a device-part read waits for
        // that one pop only
        b.host_write(0, common + 0x14, 0x1, 0x1);               // device_status
        b.host_write(0, common + 0x24, 0x0);                    // queue_desc_hi
        b.host_read_start(0, common + 0x14, 0x1);
        b.ticks(60);
        bool waits_for_status = b.host_rsp.empty();
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        bool answered = b.host_wait(1, 30);
        uint32_t pending = b.ctrl(VIONIC_CTRL_EVT_COUNT_OFFSET) & VIONIC_CTRL_EVT_COUNT_PENDING_MASK;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        check(waits_for_status && answered && pending == 1 && b.ctrl(VIONIC_CTRL_READ_TIMEOUTS_OFFSET) == 0,
              "a device-part read waits for the device-part write before it, not for later queue writes");
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        b.pop_all_events();

        // a reset (device_status byte 0) in progress: a read of device_status alone is
        // answered at once with the status as it still is (§4.1.4.3.2: the driver polls
        // for 0); other device-part reads wait for the reset
        b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 0x14, 0x0000000f);
        b.host_write(0, common + 0x14, 0x0, 0x1);
        b.host_read_start(0, common + 0x14, 0x1);
        bool status_now = b.host_wait(1, 40) && (b.host_rsp[0] & 0xff) == 0x0f;
        b.host_read_start(0, common + 0x00);
        b.ticks(60);
        bool feature_waits = b.host_rsp.size() == 1;
        b.cpu_write(VIONIC_MAP_COMMON_SHADOW_BASE + 0x14, 0x00000000);  // reset published
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        bool released_after_reset = b.host_wait(2, 50);
        b.host_read_start(0, common + 0x14, 0x1);
        bool zero_after = b.host_wait(3, 40) && (b.host_rsp[2] & 0xff) == 0x00;
        // a 32-bit write of the DW (device_status with queue_select) is no reset: waited for
        b.host_write(0, common + 0x14, 0x0, 0xf);
        b.host_read_start(0, common + 0x14, 0x1);
        b.ticks(60);
        bool dword_write_waited = b.host_rsp.size() == 3;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        bool answered_after = b.host_wait(4, 50);
        check(status_now && feature_waits && released_after_reset && zero_after && dword_write_waited &&
                  answered_after && b.ctrl(VIONIC_CTRL_READ_TIMEOUTS_OFFSET) == 0,
              "a device_status read during a reset answers at once (non-zero until the reset is published)");
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        b.pop_all_events();
    }

    // ---------------------------------------------------------------- read wait timeout
    {
        b.host_write(0, VIONIC_BAR0_MAP_COMMON_BASE + 0x14, 0x2, 0x1);
        b.host_flush();
        uint64_t start = b.cycle;
        b.host_read_start(0, VIONIC_BAR0_MAP_COMMON_BASE + 0x8);
        bool ok = b.host_wait(1, 10 * READ_WAIT_CYCLES);
        uint64_t waited = ok ? b.host_rsp_cycle[0] - start : 0;
        check(ok && waited >= READ_WAIT_CYCLES && waited < READ_WAIT_CYCLES + 20 && b.host_rsp[0] == 0xcafef00d &&
                  b.ctrl(VIONIC_CTRL_READ_TIMEOUTS_OFFSET) == 1,
              "COMMON read answered after READ_WAIT_CYCLES, READ_TIMEOUTS counts it");
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        b.pop_all_events();
    }

    // ---------------------------------------------------------------- event queue full
    {
        for (unsigned i = 0; i < EVENT_DEPTH; i++) b.host_write(1, VIONIC_BAR0_MAP_DEVICE_BASE + 4 * i, i);
        b.host_flush();
        bool full = field(b.ctrl(VIONIC_CTRL_EVT_COUNT_OFFSET), VIONIC_CTRL_EVT_COUNT_PENDING_MASK,
                          VIONIC_CTRL_EVT_COUNT_PENDING_SHIFT) == EVENT_DEPTH;
        // one more: waits, then is dropped
        uint64_t start = b.cycle;
        b.host_write(1, VIONIC_BAR0_MAP_DEVICE_BASE + 0x40, 0x99);
        b.host_read_start(1, VIONIC_BAR0_MAP_DEVICE_BASE + 0x0);  // behind it
        bool done = b.host_wait(1, 10 * EVENT_FULL_WAIT_CYCLES);
        uint64_t waited = done ? b.host_rsp_cycle[0] - start : 0;
        b.host_rsp.clear();
        b.host_rsp_cycle.clear();
        uint32_t count = b.ctrl(VIONIC_CTRL_EVT_COUNT_OFFSET);
        check(full && done && waited >= EVENT_FULL_WAIT_CYCLES && waited < EVENT_FULL_WAIT_CYCLES + 30 &&
                  field(count, VIONIC_CTRL_EVT_COUNT_DROPPED_MASK, VIONIC_CTRL_EVT_COUNT_DROPPED_SHIFT) == 1 &&
                  field(count, VIONIC_CTRL_EVT_COUNT_PENDING_MASK, VIONIC_CTRL_EVT_COUNT_PENDING_SHIFT) ==
                      EVENT_DEPTH,
              "full event queue: write waits EVENT_FULL_WAIT_CYCLES, then dropped and counted");
        // a waiting write gets in when the firmware pops in time
        b.host_write(1, VIONIC_BAR0_MAP_DEVICE_BASE + 0x44, 0x77);
        b.ticks(50);
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        b.host_flush();
        count = b.ctrl(VIONIC_CTRL_EVT_COUNT_OFFSET);
        bool in = field(count, VIONIC_CTRL_EVT_COUNT_DROPPED_MASK, VIONIC_CTRL_EVT_COUNT_DROPPED_SHIFT) == 1 &&
                  field(count, VIONIC_CTRL_EVT_COUNT_PENDING_MASK, VIONIC_CTRL_EVT_COUNT_PENDING_SHIFT) ==
                      EVENT_DEPTH;
        // FIFO order: events 1..7, then 0x44
        bool order = true;
        for (unsigned i = 1; i < EVENT_DEPTH; i++) {
            order &= b.ctrl(VIONIC_CTRL_EVT_DATA_OFFSET) == i;
            b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        }
        order &= b.ctrl(VIONIC_CTRL_EVT_DATA_OFFSET) == 0x77;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        check(in && order, "waiting write enters when the firmware pops; events come out in order");
    }

    // ---------------------------------------------------------------- ISR
    {
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(1, 2, 0xffff));
        uint32_t v1 = b.host_read(1, VIONIC_BAR0_MAP_ISR_BASE, 0x1);
        uint32_t v2 = b.host_read(1, VIONIC_BAR0_MAP_ISR_BASE, 0x1);
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 1, 0xffff));
        uint32_t w0 = b.host_read(0, VIONIC_BAR0_MAP_ISR_BASE, 0x2);  // byte 0 not read: no clear
        uint32_t w1 = b.host_read(0, VIONIC_BAR0_MAP_ISR_BASE, 0x1);
        uint32_t w2 = b.host_read(0, VIONIC_BAR0_MAP_ISR_BASE, 0x1);
        check((v1 & 0xff) == 2 && (v2 & 0xff) == 0 && (w0 & 0xff) == 1 && (w1 & 0xff) == 1 && (w2 & 0xff) == 0 &&
                  b.rq.empty() && b.ctrl(VIONIC_CTRL_MSIX_SENT_OFFSET) == 0,
              "ISR: IRQ_SEND sets bits, a read of byte 0 returns and clears them");
    }

    // ---------------------------------------------------------------- notify and bad accesses
    {
        uint32_t bad0 = b.ctrl(VIONIC_CTRL_BAD_ACCESS_COUNT_OFFSET);
        b.host_write(1, VIONIC_BAR0_MAP_NOTIFY_BASE + 3 * VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER, 0x00050003, 0x3);
        b.host_flush();
        uint32_t count = b.ctrl(VIONIC_CTRL_DOORBELL_COUNT_OFFSET);
        uint32_t last = b.ctrl(VIONIC_CTRL_DOORBELL_LAST_OFFSET);
        uint32_t data = b.ctrl(VIONIC_CTRL_DOORBELL_LAST_DATA_OFFSET);
        check(count == 1 &&
                  field(last, VIONIC_CTRL_DOORBELL_LAST_QUEUE_MASK, VIONIC_CTRL_DOORBELL_LAST_QUEUE_SHIFT) == 3 &&
                  field(last, VIONIC_CTRL_DOORBELL_LAST_FUNC_MASK, VIONIC_CTRL_DOORBELL_LAST_FUNC_SHIFT) == 1 &&
                  data == 0x0003 && b.ctrl(VIONIC_CTRL_BAD_ACCESS_COUNT_OFFSET) == bad0,
              "notify write is a doorbell {func, queue, data}");
        check(b.host_read(0, VIONIC_BAR0_MAP_NOTIFY_BASE) == 0 && b.ctrl(VIONIC_CTRL_BAD_ACCESS_COUNT_OFFSET) == bad0,
              "notify reads return 0");
        b.host_write(0, VIONIC_BAR0_MAP_NOTIFY_BASE + QUEUES_PER_FUNC * VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER, 1);
        b.host_write(0, VIONIC_BAR0_MAP_NOTIFY_BASE + 4, 1);              // not the doorbell DW
        b.host_write(0, VIONIC_BAR0_MAP_ISR_BASE, 0xff);                   // ISR is read-only
        b.host_write(0, PBA, 0xffffffff);                             // PBA is read-only
        b.host_write(0, VIONIC_BAR0_MAP_COMMON_BASE + VIONIC_BAR0_MAP_COMMON_SIZE, 1);  // beyond COMMON
        b.host_flush();
        uint32_t g1 = b.host_read(0, 0x5000);                         // gap
        uint32_t g2 = b.host_read(0, VIONIC_BAR0_MAP_DEVICE_BASE + VIONIC_BAR0_MAP_DEVICE_SIZE);  // beyond DEVICE
        uint32_t g3 = b.host_read(0, TABLE + 16 * MSIX_VECTORS);      // beyond the table
        uint32_t g4 = b.host_read(NUM_FUNCS, VIONIC_BAR0_MAP_COMMON_BASE); // no such function
        check(g1 == 0 && g2 == 0 && g3 == 0 && g4 == 0 && b.ctrl(VIONIC_CTRL_DOORBELL_COUNT_OFFSET) == 1 &&
                  b.ctrl(VIONIC_CTRL_BAD_ACCESS_COUNT_OFFSET) == bad0 + 9 &&
                  !(b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET) & VIONIC_CTRL_EVT_INFO_VALID_MASK),
              "gaps, beyond-region and read-only writes read 0 / drop, counted in BAD_ACCESS_COUNT");
    }

    // ---------------------------------------------------------------- MSI-X table
    {
        bool ok = true;
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned v = 0; v < MSIX_VECTORS; v++)
                ok &= b.host_read(f, TABLE + 16 * v + 12) == 1;
        check(ok, "MSI-X vector control resets masked");
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned v = 0; v < MSIX_VECTORS; v++) {
                b.host_write(f, TABLE + 16 * v + 0, 0xfee00003u + 0x100 * v + 0x10000 * f);
                b.host_write(f, TABLE + 16 * v + 4, 0x1000u * f + v);
                b.host_write(f, TABLE + 16 * v + 8, 0xd0000000u + 0x100 * f + v);
            }
        b.host_write(0, TABLE + 16 * 5 + 8, 0xffffffff, 0x4);  // byte enables
        b.host_flush();
        ok = true;
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned v = 0; v < MSIX_VECTORS; v++) {
                uint32_t data = 0xd0000000u + 0x100 * f + v;
                if (f == 0 && v == 5) data |= 0x00ff0000;
                ok &= b.host_read(f, TABLE + 16 * v + 0) == 0xfee00000u + 0x100 * v + 0x10000 * f;
                ok &= b.host_read(f, TABLE + 16 * v + 4) == 0x1000u * f + v;
                ok &= b.host_read(f, TABLE + 16 * v + 8) == data;
            }
        check(ok, "MSI-X table entries read back (address DW aligned, byte enables)");
    }

    // ---------------------------------------------------------------- MSI-X delivery
    b.top->func_msix_enable = 0x3;
    b.top->func_bus_master = 0x3;
    b.top->func_msix_mask = 0;
    {
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 0, 2));  // vector 2 is masked
        b.ticks(100);
        uint32_t pba = b.host_read(0, PBA);
        check(b.rq.empty() && pba == (1u << 2) && b.host_read(1, PBA) == 0,
              "masked vector: no message, PBA bit set");
        b.host_write(0, TABLE + 16 * 2 + 12, 0);  // unmask
        bool sent = b.wait_rq(1);
        b.ticks(20);
        RqBeat m = sent ? b.rq.front() : RqBeat{};
        check(sent && b.rq.size() == 1 && m.type == VIONIC_PCIE_CONFIG_TLP_MEM_WR && m.func == 0 &&
                  m.addr == ((uint64_t)2 << 32 | 0xfee00200u) && m.data == 0xd0000002 && m.len_dw == 1 &&
                  m.first_be == 0xf && m.last_be == 0 && m.keep_low == 1 && m.last == 1 &&
                  b.host_read(0, PBA) == 0 && b.ctrl(VIONIC_CTRL_MSIX_SENT_OFFSET) == 1,
              "unmask sends the pending message on m_rq and clears the PBA bit");
        b.rq.clear();
    }
    {
        // function mask holds pending
        b.host_write(1, TABLE + 16 * 7 + 12, 0);
        b.host_flush();
        b.top->func_msix_mask = 0x2;
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(1, 0, 7));
        b.ticks(100);
        bool held = b.rq.empty() && b.host_read(1, PBA) == (1u << 7);
        b.top->func_msix_mask = 0;
        bool sent = b.wait_rq(1);
        b.ticks(10);
        check(held && sent && b.rq.size() == 1 && b.rq.front().func == 1 &&
                  b.rq.front().addr == ((uint64_t)0x1007 << 32 | 0xfee10700u) && b.rq.front().data == 0xd0000107 &&
                  b.host_read(1, PBA) == 0,
              "function mask holds the message pending; clearing it sends");
        b.rq.clear();
    }
    {
        // bus master off holds pending
        b.top->func_bus_master = 0x2;
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 0, 2));
        b.ticks(100);
        bool held = b.rq.empty() && b.host_read(0, PBA) == (1u << 2);
        b.top->func_bus_master = 0x3;
        bool sent = b.wait_rq(1);
        b.ticks(10);
        check(held && sent && b.rq.size() == 1 && b.rq.front().data == 0xd0000002 && b.host_read(0, PBA) == 0,
              "Bus Master Enable 0 holds the message pending; setting it sends");
        b.rq.clear();
    }
    {
        // MSI-X disabled: dropped; vector out of range / 0xffff: ignored
        b.top->func_msix_enable = 0x2;
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 0, 2));
        b.ticks(50);
        b.top->func_msix_enable = 0x3;
        b.ticks(50);
        bool dropped = b.rq.empty() && b.host_read(0, PBA) == 0;
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 0, MSIX_VECTORS));
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 0, 0xffff));
        b.ticks(100);
        check(dropped && b.rq.empty() && b.host_read(0, PBA) == 0 && b.host_read(0, PBA + 4) == 0,
              "MSI-X disabled drops the request; vectors >= MSIX_VECTORS and 0xffff are ignored");
    }
    {
        // burst: every vector of both functions, unmasked, under back-pressure
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned v = 0; v < MSIX_VECTORS; v++) b.host_write(f, TABLE + 16 * v + 12, 0);
        b.host_flush();
        b.rq_ready_percent = 30;
        for (unsigned f = 0; f < NUM_FUNCS; f++)
            for (unsigned v = 0; v < MSIX_VECTORS; v++) b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(f, 0, v));
        bool all = b.wait_rq(NUM_FUNCS * MSIX_VECTORS, 20000);
        b.ticks(200);
        std::vector<int> seen(NUM_FUNCS * MSIX_VECTORS, 0);
        bool fields_ok = true;
        for (const RqBeat &m : b.rq) {
            unsigned v = m.data & 0xff;
            unsigned f = m.func;
            if (f >= NUM_FUNCS || v >= MSIX_VECTORS || m.data != 0xd0000000u + 0x100 * f + v + (f == 0 && v == 5 ? 0xff0000 : 0)) {
                fields_ok = false;
                continue;
            }
            seen[f * MSIX_VECTORS + v]++;
            fields_ok &= m.addr == ((uint64_t)(0x1000u * f + v) << 32 | (0xfee00000u + 0x100 * v + 0x10000 * f));
        }
        bool once = true;
        for (int s : seen) once &= s == 1;
        check(all && fields_ok && once && b.rq.size() == NUM_FUNCS * MSIX_VECTORS && !b.rq_protocol_error &&
                  b.ctrl(VIONIC_CTRL_MSIX_SENT_OFFSET) == 3 + NUM_FUNCS * MSIX_VECTORS,
              "burst of every vector under m_rq back-pressure: each sent once, stream rules kept");
        b.rq.clear();
        b.rq_ready_percent = 60;
    }

    // ---------------------------------------------------------------- FLR
    {
        b.pop_all_events();
        b.top->func_msix_mask = 0x1;  // hold func 0's message pending
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(0, 3, 4));
        b.ticks(50);
        bool pre = b.host_read(0, PBA) == (1u << 4) && b.host_read(0, TABLE + 16 * 4 + 12) == 0;
        b.ctrl_write(VIONIC_CTRL_IRQ_SEND_OFFSET, irq_send(1, 1, 0xffff));
        b.top->func_flr = 0x1;
        b.tick();
        b.top->func_flr = 0;
        b.top->func_msix_mask = 0;
        b.ticks(100);
        bool masks = true;
        for (unsigned v = 0; v < MSIX_VECTORS; v++) masks &= b.host_read(0, TABLE + 16 * v + 12) == 1;
        bool other = b.host_read(1, TABLE + 16 * 4 + 12) == 0;
        uint32_t info = b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET);
        bool evt = (info & VIONIC_CTRL_EVT_INFO_VALID_MASK) &&
                   field(info, VIONIC_CTRL_EVT_INFO_FUNC_MASK, VIONIC_CTRL_EVT_INFO_FUNC_SHIFT) == 0 &&
                   field(info, VIONIC_CTRL_EVT_INFO_SOURCE_MASK, VIONIC_CTRL_EVT_INFO_SOURCE_SHIFT) ==
                       VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION &&
                   field(info, VIONIC_CTRL_EVT_INFO_OFFSET_MASK, VIONIC_CTRL_EVT_INFO_OFFSET_SHIFT) ==
                       VIONIC_CTRL_EVENTS_FUNC_EVENT_FLR;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        check(pre && masks && other && b.rq.empty() && b.host_read(0, PBA) == 0 &&
                  (b.host_read(0, VIONIC_BAR0_MAP_ISR_BASE, 1) & 0xff) == 0 &&
                  (b.host_read(1, VIONIC_BAR0_MAP_ISR_BASE, 1) & 0xff) == 1 && evt,
              "FLR: ISR and PBA cleared, vectors masked, FLR event queued; other function untouched");
    }

    // ---------------------------------------------------------------- link
    {
        bool down = b.ctrl(VIONIC_CTRL_LINK_OFFSET) == 0;
        b.top->link_up = 1;
        b.ticks(10);
        uint32_t info = b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET);
        bool evt = (info & VIONIC_CTRL_EVT_INFO_VALID_MASK) &&
                   field(info, VIONIC_CTRL_EVT_INFO_FUNC_MASK, VIONIC_CTRL_EVT_INFO_FUNC_SHIFT) == 0 &&
                   field(info, VIONIC_CTRL_EVT_INFO_SOURCE_MASK, VIONIC_CTRL_EVT_INFO_SOURCE_SHIFT) ==
                       VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION &&
                   field(info, VIONIC_CTRL_EVT_INFO_OFFSET_MASK, VIONIC_CTRL_EVT_INFO_OFFSET_SHIFT) ==
                       VIONIC_CTRL_EVENTS_FUNC_EVENT_LINK;
        b.ctrl_write(VIONIC_CTRL_EVT_POP_OFFSET, 1);
        check(down && evt && b.ctrl(VIONIC_CTRL_LINK_OFFSET) == 1 &&
                  !(b.ctrl(VIONIC_CTRL_EVT_INFO_OFFSET) & VIONIC_CTRL_EVT_INFO_VALID_MASK),
              "link change queues FUNC_EVENT_LINK (FUNC 0), LINK.UP follows");
    }

    // ---------------------------------------------------------------- PCI_STATE, FW_STATUS
    {
        b.top->func_mem_enable = 0x2;
        b.top->func_bus_master = 0x1;
        b.top->func_msix_enable = 0x2;
        b.top->func_msix_mask = 0x2;
        b.top->func_power_state = 0x3 << 2;
        b.top->func_max_payload = (1 << 0) | (2 << 3);
        b.top->func_max_read_request = (5 << 0) | (2 << 3);
        uint32_t s0 = b.ctrl(VIONIC_CTRL_PCI_STATE_OFFSET);
        uint32_t s1 = b.ctrl(VIONIC_CTRL_PCI_STATE_OFFSET + 4);
        uint32_t want0 = VIONIC_CTRL_PCI_STATE_BUS_MASTER_MASK | (1u << VIONIC_CTRL_PCI_STATE_MAX_PAYLOAD_SHIFT) |
                         (5u << VIONIC_CTRL_PCI_STATE_MAX_READ_REQUEST_SHIFT);
        uint32_t want1 = VIONIC_CTRL_PCI_STATE_MEM_ENABLE_MASK | VIONIC_CTRL_PCI_STATE_MSIX_ENABLE_MASK |
                         VIONIC_CTRL_PCI_STATE_MSIX_MASK_MASK | (3u << VIONIC_CTRL_PCI_STATE_POWER_STATE_SHIFT) |
                         (2u << VIONIC_CTRL_PCI_STATE_MAX_PAYLOAD_SHIFT) |
                         (2u << VIONIC_CTRL_PCI_STATE_MAX_READ_REQUEST_SHIFT);
        check(s0 == want0 && s1 == want1, "PCI_STATE reflects each function's config-space state");
        bool before = !b.top->fw_ready;
        b.ctrl_write(VIONIC_CTRL_FW_STATUS_OFFSET, 1);
        check(before && b.top->fw_ready && b.ctrl(VIONIC_CTRL_FW_STATUS_OFFSET) == 1, "FW_STATUS.READY drives fw_ready");
    }

    check(!b.rq_protocol_error, "m_rq valid/payload held until ready throughout");

    printf("1..%d\n", test_number);
    b.top->final();
    return failures ? 1 : 0;
}
