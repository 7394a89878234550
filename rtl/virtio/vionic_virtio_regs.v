`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_bar0_map_regs.vh"
`include "vionic_ctrl_events_regs.vh"
`include "vionic_pcie_config_regs.vh"
`include "vionic_virtio_common_cfg_regs.vh"

// vionic_virtio_regs: BAR0 register side of every function (docs/transport.md,
// regs/bar0_map.toml).
//
// Register port (from vionic_pcie_endpoint): one DW access at a time; the
// request is accepted (reg_req_ready) only when the previous one is done, and
// every read gets exactly one reg_rsp_valid, in order. Per region:
//   COMMON   reads from the shadow RAM (read port shadow_rd_*) with byte 0x15
//            replaced by the function's config_generation; a read waits while
//            the function has events queued that can change what it reads, at
//            most READ_WAIT_CYCLES (then it is answered and read_timeout
//            pulses). Writes queue an event. A read of the device part (bytes
//            0x00-0x15: features, msix_config, num_queues, device_status,
//            config_generation) waits only for the function's device-part
//            writes and function events; any other read waits for all its
//            events (docs/transport.md, "Reads see every earlier write"). A
//            read of device_status alone does not wait for a reset (a byte
//            write of 0 to device_status): it returns the status as it is
//            while the reset runs, non-zero, and 0 once the firmware
//            published the reset (VIRTIO 1.3 4.1.4.3.2: the driver polls).
//   ISR      a read returns the ISR byte and clears it (virtio 1.3 §4.1.4.5).
//   DEVICE   reads from the device-config store (devcfg_rd_*); writes queue an event.
//   MSIX_*   forwarded to vionic_msix (msix_req_* / msix_rsp_*).
//   NOTIFY   a write of the first DW of page q < QUEUES_PER_FUNC is a doorbell
//            on doorbell_* (valid/ready: the queue scheduler takes one per
//            cycle, so the register port waits at most a few cycles).
//   STATS    (vionic vendor extension) reads the function's data-path counters
//            through stats_rd_*; writes are bad accesses.
//   other    reads 0, writes dropped; bad_access pulses (also for writes to
//            ISR/PBA, accesses beyond a region's size, functions that do not exist).
// Event queue: EVENT_DEPTH entries {func, source, be, offset, data}; the head is
// shown on evt_* and removed by evt_pop. A host write meeting a full queue waits
// up to EVENT_FULL_WAIT_CYCLES, then it is dropped (evt_dropped pulses).
// ISR bit 0 is set by isr_queue_* (queue interrupts of the data path), bits
// by isr_set_* (ctrl IRQ_SEND).
// Function events (FLR of func_flr, link change of link_up) are kept as pending
// bits until the queue has room, so they are never lost.
// config_generation: one 8-bit counter per function, incremented by
// gen_bump_a_* (device-config store writes) and gen_bump_b_* (ctrl.GEN_BUMP).
// State: request registers, wait counter, ISR bytes, generations, the event
// FIFO and per-function queued-event counters, pending function events.
module vionic_virtio_regs #(
    // PCIe functions
    parameter NUM_FUNCS = 1,
    // queues (notify pages) per function
    parameter QUEUES_PER_FUNC = 32,
    // MSI-X vectors per function
    parameter MSIX_VECTORS = 32,
    // log2 of the BAR0 size in bytes
    parameter BAR0_SIZE_LOG2 = 18,
    // event queue entries (a power of two)
    parameter EVENT_DEPTH = 32,
    // longest wait of a common-config read for the function's events
    parameter READ_WAIT_CYCLES = 65536,
    // longest wait of a host write for room in the event queue
    parameter EVENT_FULL_WAIT_CYCLES = 65536
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire                    reg_req_valid,
    output wire                    reg_req_ready,
    input  wire                    reg_req_write,
    input  wire [7:0]              reg_req_func,
    input  wire [BAR0_SIZE_LOG2-3:0] reg_req_addr,
    input  wire [3:0]              reg_req_be,
    input  wire [31:0]             reg_req_wdata,
    output reg                     reg_rsp_valid,
    output reg  [31:0]             reg_rsp_rdata,

    output wire [$clog2(NUM_FUNCS * 16)-1:0] shadow_rd_addr,
    input  wire [31:0]             shadow_rd_data,
    output wire [$clog2(NUM_FUNCS * 64)-1:0] devcfg_rd_addr,
    input  wire [31:0]             devcfg_rd_data,

    output reg                     msix_req_valid,
    input  wire                    msix_req_ready,
    output wire                    msix_req_write,
    output wire [7:0]              msix_req_func,
    output wire                    msix_req_pba,
    output wire [15:0]             msix_req_dw,
    output wire [3:0]              msix_req_be,
    output wire [31:0]             msix_req_wdata,
    input  wire                    msix_rsp_valid,
    input  wire [31:0]             msix_rsp_rdata,

    input  wire                    gen_bump_a_valid,
    input  wire [7:0]              gen_bump_a_func,
    input  wire                    gen_bump_b_valid,
    input  wire [7:0]              gen_bump_b_func,

    input  wire                    isr_set_valid,
    input  wire [7:0]              isr_set_func,
    input  wire [1:0]              isr_set_bits,
    // a queue interrupt of the data path: sets ISR bit 0 (§4.1.4.5)
    input  wire                    isr_queue_valid,
    input  wire [7:0]              isr_queue_func,

    input  wire [NUM_FUNCS-1:0]    func_flr,
    input  wire                    link_up,

    output wire                    evt_valid,
    output wire [7:0]              evt_func,
    output wire [2:0]              evt_source,
    output wire [3:0]              evt_be,
    output wire [11:0]             evt_offset,
    output wire [31:0]             evt_data,
    output wire [15:0]             evt_pending,
    input  wire                    evt_pop,

    output reg                     doorbell_valid,
    input  wire                    doorbell_ready,
    output reg  [7:0]              doorbell_func,
    output reg  [15:0]             doorbell_queue,
    output reg  [31:0]             doorbell_data,

    // BAR0 STATS page (vendor extension): one-cycle read of the function's
    // counters (vionic_dp_csr), index = DW of regs/stats.toml
    output wire [7:0]              stats_rd_func,
    output wire [3:0]              stats_rd_index,
    input  wire [31:0]             stats_rd_data,

    output reg                     read_timeout,
    output reg                     bad_access,
    output reg                     evt_dropped
);

localparam PTR_WIDTH = $clog2(EVENT_DEPTH);
localparam CNT_WIDTH = PTR_WIDTH + 1;
localparam WAIT_MAX = READ_WAIT_CYCLES > EVENT_FULL_WAIT_CYCLES ? READ_WAIT_CYCLES : EVENT_FULL_WAIT_CYCLES;
localparam WAIT_WIDTH = $clog2(WAIT_MAX + 1);
localparam SHADOW_AW = $clog2(NUM_FUNCS * 16);
localparam DEVCFG_AW = $clog2(NUM_FUNCS * 64);
// PBA DWs that exist: whole QWs (PCIe Base §7.7.2.8)
localparam PBA_DWS = 2 * ((MSIX_VECTORS + 63) / 64);
localparam EVT_WIDTH = 8 + 3 + 4 + 12 + 32;
localparam GEN_DW = `VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET / 4;
localparam GEN_LANE = `VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET % 4;
localparam [31:0] SOURCE_COMMON = `VIONIC_CTRL_EVENTS_EVT_SOURCE_COMMON;
localparam [31:0] SOURCE_DEVICE = `VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE;
localparam [31:0] SOURCE_FUNCTION = `VIONIC_CTRL_EVENTS_EVT_SOURCE_FUNCTION;
localparam [31:0] FUNC_EVENT_FLR = `VIONIC_CTRL_EVENTS_FUNC_EVENT_FLR;
localparam [31:0] FUNC_EVENT_LINK = `VIONIC_CTRL_EVENTS_FUNC_EVENT_LINK;
// the device part of the common configuration ends where queue_select starts
localparam [31:0] QUEUE_PART = {20'b0, `VIONIC_VIRTIO_COMMON_CFG_QUEUE_SELECT_OFFSET};
localparam [31:0] STATUS_OFF = {20'b0, `VIONIC_VIRTIO_COMMON_CFG_DEVICE_STATUS_OFFSET};

initial begin
    if (NUM_FUNCS < 1 || NUM_FUNCS > 256 || QUEUES_PER_FUNC < 1
            || EVENT_DEPTH < 2 || (1 << PTR_WIDTH) != EVENT_DEPTH || EVENT_DEPTH > 32768
            || BAR0_SIZE_LOG2 < 18 || BAR0_SIZE_LOG2 > 31
            || `VIONIC_BAR0_MAP_NOTIFY_BASE + `VIONIC_BAR0_MAP_NOTIFY_SIZE > (1 << BAR0_SIZE_LOG2)
            || QUEUES_PER_FUNC * `VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER > `VIONIC_BAR0_MAP_NOTIFY_SIZE
            || MSIX_VECTORS * 16 > `VIONIC_BAR0_MAP_MSIX_TABLE_WINDOW
            || PBA_DWS * 4 > `VIONIC_BAR0_MAP_MSIX_PBA_WINDOW
            || `VIONIC_BAR0_MAP_COMMON_SIZE != 64 || `VIONIC_BAR0_MAP_DEVICE_SIZE != 256
            || READ_WAIT_CYCLES < 1 || EVENT_FULL_WAIT_CYCLES < 1) begin
        $error("vionic_virtio_regs: parameter out of range");
        $finish;
    end
end

// ------------------------------------------------------------------ request

localparam [2:0]
    STATE_IDLE = 3'd0,       // accepting a request
    STATE_FETCH = 3'd1,      // RAM addresses from the request registers
    STATE_EXEC = 3'd2,       // decode, wait, answer
    STATE_MSIX_REQ = 3'd3,   // forwarding to vionic_msix
    STATE_MSIX_RSP = 3'd4;   // waiting for vionic_msix's read data

reg [2:0]  state_reg = STATE_IDLE;
reg        write_reg;
reg [7:0]  func_reg;
reg [BAR0_SIZE_LOG2-3:0] addr_reg;
reg [3:0]  be_reg;
reg [31:0] wdata_reg;
reg [WAIT_WIDTH-1:0] wait_reg;

assign reg_req_ready = state_reg == STATE_IDLE;

wire [31:0] offset = {{(32 - BAR0_SIZE_LOG2){1'b0}}, addr_reg, 2'b00};
wire [31:0] off_common = offset - `VIONIC_BAR0_MAP_COMMON_BASE;
wire [31:0] off_isr = offset - `VIONIC_BAR0_MAP_ISR_BASE;
wire [31:0] off_device = offset - `VIONIC_BAR0_MAP_DEVICE_BASE;
wire [31:0] off_table = offset - `VIONIC_BAR0_MAP_MSIX_TABLE_BASE;
wire [31:0] off_pba = offset - `VIONIC_BAR0_MAP_MSIX_PBA_BASE;
wire [31:0] off_notify = offset - `VIONIC_BAR0_MAP_NOTIFY_BASE;
wire [31:0] off_stats = offset - `VIONIC_BAR0_MAP_STATS_BASE;
wire [31:0] notify_queue = off_notify / `VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER;
wire [31:0] notify_in_page = off_notify % `VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER;

wire func_ok = {24'b0, func_reg} < NUM_FUNCS;
wire in_common = off_common < `VIONIC_BAR0_MAP_COMMON_SIZE;
wire in_isr = off_isr < 4;   // the ISR byte's DW
wire in_device = off_device < `VIONIC_BAR0_MAP_DEVICE_SIZE;
wire in_table = off_table < MSIX_VECTORS * 16;
wire in_pba = off_pba < PBA_DWS * 4;
wire in_notify = off_notify < `VIONIC_BAR0_MAP_NOTIFY_SIZE;
wire in_stats = off_stats < `VIONIC_BAR0_MAP_STATS_SIZE;
wire notify_ok = in_notify && notify_in_page == 0 && notify_queue < QUEUES_PER_FUNC;

// RAM read addresses follow the request registers, so a waiting read sees
// the firmware's latest store the cycle after it lands
// (func * 16 + DW, func * 64 + DW; the high bits are zero for a function that exists)
wire [12:0] shadow_addr_full = {1'b0, func_reg, off_common[5:2]};
wire [14:0] devcfg_addr_full = {1'b0, func_reg, off_device[7:2]};
assign shadow_rd_addr = shadow_addr_full[SHADOW_AW-1:0];
assign devcfg_rd_addr = devcfg_addr_full[DEVCFG_AW-1:0];
wire unused_addr_high = |{shadow_addr_full[12:SHADOW_AW], devcfg_addr_full[14:DEVCFG_AW]};
assign stats_rd_func = func_reg;
assign stats_rd_index = off_stats[5:2];

assign msix_req_write = write_reg;
assign msix_req_func = func_reg;
assign msix_req_pba = !in_table;
assign msix_req_dw = in_table ? off_table[17:2] : off_pba[17:2];
assign msix_req_be = be_reg;
assign msix_req_wdata = wdata_reg;

// ------------------------------------------------------------------ per-function state

reg [2*NUM_FUNCS-1:0]         isr_reg = {2*NUM_FUNCS{1'b0}};
reg [8*NUM_FUNCS-1:0]         gen_reg = {8*NUM_FUNCS{1'b0}};
reg [CNT_WIDTH*NUM_FUNCS-1:0] queued_reg = {CNT_WIDTH*NUM_FUNCS{1'b0}};
// of those, the events that can change the device part (see parts() below),
// and of these the resets (is_reset() below)
reg [CNT_WIDTH*NUM_FUNCS-1:0] queued_dev_reg = {CNT_WIDTH*NUM_FUNCS{1'b0}};
reg [CNT_WIDTH*NUM_FUNCS-1:0] queued_rst_reg = {CNT_WIDTH*NUM_FUNCS{1'b0}};
reg [NUM_FUNCS-1:0]           flr_pending_reg = {NUM_FUNCS{1'b0}};
reg                           link_reg = 1'b0;
reg                           link_pending_reg = 1'b0;

reg [1:0]           func_isr;
reg [7:0]           func_gen;
reg [CNT_WIDTH-1:0] func_queued;
reg [CNT_WIDTH-1:0] func_queued_dev;
reg [CNT_WIDTH-1:0] func_queued_rst;
integer f;

always @* begin
    func_isr = 2'b0;
    func_gen = 8'b0;
    func_queued = {CNT_WIDTH{1'b0}};
    func_queued_dev = {CNT_WIDTH{1'b0}};
    func_queued_rst = {CNT_WIDTH{1'b0}};
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (func_reg == f[7:0]) begin
            func_isr = isr_reg[2*f +: 2];
            func_gen = gen_reg[8*f +: 8];
            func_queued = queued_reg[CNT_WIDTH*f +: CNT_WIDTH];
            func_queued_dev = queued_dev_reg[CNT_WIDTH*f +: CNT_WIDTH];
            func_queued_rst = queued_rst_reg[CNT_WIDTH*f +: CNT_WIDTH];
        end
    end
end

// ------------------------------------------------------------------ event FIFO

// The parts of the common configuration an access of (dw, be) touches: bit 0
// the device part (bytes below queue_select), bit 1 the queue part. The device
// part's values never depend on the queue part (§4.1.4.3: the queue fields are
// state of the queue queue_select names), so a read of only the device part may
// be answered once the function's device-part writes are handled, without
// waiting for its queue setup writes: that read returns what it would after
// them. (A queue write the firmware refuses may set DEVICE_NEEDS_RESET, which a
// device may do at any time, §2.1.2.)
function [1:0] parts;
    input [9:0] dw;
    input [3:0] be;
    integer b;
    begin
        parts = 2'b00;
        for (b = 0; b < 4; b = b + 1)
            if (be[b]) begin
                if ({20'b0, dw, 2'b00} + b < QUEUE_PART)
                    parts[0] = 1'b1;
                else
                    parts[1] = 1'b1;
            end
    end
endfunction

// A device reset: a write of exactly the device_status byte, 0 (any other
// write of that DW the firmware refuses or handles as no reset)
function is_reset;
    input [9:0] dw;
    input [3:0] be;
    input [7:0] status;     // the device_status byte of the write data
    begin
        is_reset = {20'b0, dw, 2'b00} == (STATUS_OFF & ~32'd3)
            && be == (4'b0001 << STATUS_OFF[1:0])
            && status == 8'd0;
    end
endfunction

// Is a read only of device_status (and the hardware's config_generation)?
function status_only;
    input [9:0] dw;
    input [3:0] be;
    integer b;
    begin
        status_only = be != 4'b0000;
        for (b = 0; b < 4; b = b + 1)
            if (be[b] && {20'b0, dw, 2'b00} + b != STATUS_OFF
                    && {20'b0, dw, 2'b00} + b != {20'b0, `VIONIC_VIRTIO_COMMON_CFG_CONFIG_GENERATION_OFFSET})
                status_only = 1'b0;
    end
endfunction

reg [EVT_WIDTH-1:0] evt_mem [0:EVENT_DEPTH-1];
reg [PTR_WIDTH-1:0] wr_ptr_reg = {PTR_WIDTH{1'b0}};
reg [PTR_WIDTH-1:0] rd_ptr_reg = {PTR_WIDTH{1'b0}};
reg [CNT_WIDTH-1:0] count_reg = {CNT_WIDTH{1'b0}};

wire full = {{(32 - CNT_WIDTH){1'b0}}, count_reg} == EVENT_DEPTH;
wire [EVT_WIDTH-1:0] head = evt_mem[rd_ptr_reg];
wire pop = evt_pop && count_reg != 0;
// the head event counts against device-part reads: a device-part write or a
// function event (FLR resets every field; a link change, conservatively)
wire [1:0] head_parts = parts(evt_offset[11:2], evt_be);
wire unused_head_queue_part = head_parts[1];   // every event counts in queued_reg
wire head_dev = evt_source == SOURCE_FUNCTION[2:0]
    || (evt_source == SOURCE_COMMON[2:0] && head_parts[0]);
wire head_rst = evt_source == SOURCE_COMMON[2:0] && is_reset(evt_offset[11:2], evt_be, evt_data[8*STATUS_OFF[1:0] +: 8]);

assign evt_valid = count_reg != 0;
assign {evt_func, evt_source, evt_be, evt_offset, evt_data} = head;
assign evt_pending = {{(16 - CNT_WIDTH){1'b0}}, count_reg};

// function events first (lowest function's FLR, then link); they are rare
reg        fevt_valid;
reg [7:0]  fevt_func;
reg [11:0] fevt_code;
always @* begin
    fevt_valid = 1'b0;
    fevt_func = 8'b0;
    fevt_code = FUNC_EVENT_LINK[11:0];
    if (link_pending_reg) begin
        fevt_valid = 1'b1;
    end
    for (f = NUM_FUNCS - 1; f >= 0; f = f - 1) begin
        if (flr_pending_reg[f]) begin
            fevt_valid = 1'b1;
            fevt_func = f[7:0];
            fevt_code = FUNC_EVENT_FLR[11:0];
        end
    end
end

wire fevt_push = fevt_valid && !full;

// host write events (COMMON, DEVICE)
wire host_evt = state_reg == STATE_EXEC && write_reg && func_ok && (in_common || in_device);
wire host_push = host_evt && !full && !fevt_push;

reg                 push;
reg [EVT_WIDTH-1:0] push_data;
always @* begin
    push = fevt_push || host_push;
    if (fevt_push) begin
        push_data = {fevt_func, SOURCE_FUNCTION[2:0], 4'b0000, fevt_code, 32'b0};
    end else begin
        push_data = {func_reg,
                     in_common ? SOURCE_COMMON[2:0] : SOURCE_DEVICE[2:0],
                     be_reg,
                     in_common ? off_common[11:0] : off_device[11:0],
                     wdata_reg};
    end
end

always @(posedge clk) begin
    if (push) begin
        evt_mem[wr_ptr_reg] <= push_data;
    end
end

// the parts of the common configuration the request touches
wire [1:0] req_parts = parts(off_common[11:2], be_reg);
wire push_dev = fevt_push || (host_push && in_common && req_parts[0]);
wire push_rst = host_push && in_common && is_reset(off_common[11:2], be_reg, wdata_reg[8*STATUS_OFF[1:0] +: 8]);

// ------------------------------------------------------------------ main process

// a device-part read (every enabled byte below queue_select) waits for the
// device-part events only, a read of device_status alone not for resets; any
// other read for all of the function's events
wire read_blocked = req_parts[1] ? func_queued != 0
    : status_only(off_common[11:2], be_reg) ? func_queued_dev != func_queued_rst
    : func_queued_dev != 0;

reg [31:0] common_data;
always @* begin
    common_data = shadow_rd_data;
    if ({28'b0, off_common[5:2]} == GEN_DW) begin
        common_data[GEN_LANE*8 +: 8] = func_gen;
    end
end

always @(posedge clk) begin
    reg_rsp_valid <= 1'b0;
    read_timeout <= 1'b0;
    bad_access <= 1'b0;
    evt_dropped <= 1'b0;
    if (doorbell_ready) begin
        doorbell_valid <= 1'b0;
    end

    case (state_reg)
        STATE_IDLE: begin
            if (reg_req_valid) begin
                write_reg <= reg_req_write;
                func_reg <= reg_req_func;
                addr_reg <= reg_req_addr;
                be_reg <= reg_req_be;
                wdata_reg <= reg_req_wdata;
                state_reg <= STATE_FETCH;
            end
        end
        STATE_FETCH: begin
            wait_reg <= {WAIT_WIDTH{1'b0}};
            state_reg <= STATE_EXEC;
        end
        STATE_EXEC: begin
            state_reg <= STATE_IDLE;
            reg_rsp_rdata <= 32'b0;
            if (!func_ok) begin
                reg_rsp_valid <= !write_reg;
                bad_access <= 1'b1;
            end else if (in_common || in_device) begin
                if (write_reg) begin
                    if (!host_push) begin
                        if (wait_reg >= EVENT_FULL_WAIT_CYCLES[WAIT_WIDTH-1:0]) begin
                            evt_dropped <= 1'b1;
                        end else begin
                            wait_reg <= wait_reg + 1'b1;
                            state_reg <= STATE_EXEC;
                        end
                    end
                end else if (in_device) begin
                    reg_rsp_valid <= 1'b1;
                    reg_rsp_rdata <= devcfg_rd_data;
                end else if (read_blocked && wait_reg < READ_WAIT_CYCLES[WAIT_WIDTH-1:0]) begin
                    // PCIe Base §2.4.1: a read may not pass the function's
                    // earlier writes, which are events until the firmware pops
                    wait_reg <= wait_reg + 1'b1;
                    state_reg <= STATE_EXEC;
                end else begin
                    reg_rsp_valid <= 1'b1;
                    reg_rsp_rdata <= common_data;
                    read_timeout <= read_blocked;
                end
            end else if (in_isr) begin
                if (write_reg) begin
                    bad_access <= 1'b1;
                end else begin
                    reg_rsp_valid <= 1'b1;
                    reg_rsp_rdata <= {30'b0, func_isr};
                end
            end else if (in_table || (in_pba && !write_reg)) begin
                state_reg <= STATE_MSIX_REQ;
            end else if (in_stats) begin
                if (write_reg) begin
                    bad_access <= 1'b1;
                end else begin
                    reg_rsp_valid <= 1'b1;
                    reg_rsp_rdata <= stats_rd_data;
                end
            end else if (notify_ok) begin
                if (write_reg && doorbell_valid && !doorbell_ready) begin
                    // the previous doorbell is still waiting for the queue scheduler
                    state_reg <= STATE_EXEC;
                end else if (write_reg) begin
                    doorbell_valid <= 1'b1;
                    doorbell_func <= func_reg;
                    doorbell_queue <= notify_queue[15:0];
                    doorbell_data <= wdata_reg & {{8{be_reg[3]}}, {8{be_reg[2]}}, {8{be_reg[1]}}, {8{be_reg[0]}}};
                end else begin
                    reg_rsp_valid <= 1'b1;
                end
            end else begin
                reg_rsp_valid <= !write_reg;
                bad_access <= 1'b1;
            end
        end
        STATE_MSIX_REQ: begin
            if (msix_req_ready) begin
                state_reg <= write_reg ? STATE_IDLE : STATE_MSIX_RSP;
            end
        end
        STATE_MSIX_RSP: begin
            if (msix_rsp_valid) begin
                reg_rsp_valid <= 1'b1;
                reg_rsp_rdata <= msix_rsp_rdata;
                state_reg <= STATE_IDLE;
            end
        end
        default: state_reg <= STATE_IDLE;
    endcase

    // event FIFO pointers and per-function queued counts
    if (push) begin
        wr_ptr_reg <= wr_ptr_reg + 1'b1;
    end
    if (pop) begin
        rd_ptr_reg <= rd_ptr_reg + 1'b1;
    end
    count_reg <= count_reg + {{(CNT_WIDTH - 1){1'b0}}, push} - {{(CNT_WIDTH - 1){1'b0}}, pop};
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        queued_reg[CNT_WIDTH*f +: CNT_WIDTH] <= queued_reg[CNT_WIDTH*f +: CNT_WIDTH]
            + {{(CNT_WIDTH - 1){1'b0}}, push && push_data[EVT_WIDTH-1 -: 8] == f[7:0]}
            - {{(CNT_WIDTH - 1){1'b0}}, pop && evt_func == f[7:0]};
        queued_dev_reg[CNT_WIDTH*f +: CNT_WIDTH] <= queued_dev_reg[CNT_WIDTH*f +: CNT_WIDTH]
            + {{(CNT_WIDTH - 1){1'b0}}, push_dev && push_data[EVT_WIDTH-1 -: 8] == f[7:0]}
            - {{(CNT_WIDTH - 1){1'b0}}, pop && head_dev && evt_func == f[7:0]};
        queued_rst_reg[CNT_WIDTH*f +: CNT_WIDTH] <= queued_rst_reg[CNT_WIDTH*f +: CNT_WIDTH]
            + {{(CNT_WIDTH - 1){1'b0}}, push_rst && push_data[EVT_WIDTH-1 -: 8] == f[7:0]}
            - {{(CNT_WIDTH - 1){1'b0}}, pop && head_rst && evt_func == f[7:0]};
    end

    // function events
    link_reg <= link_up;
    if (link_up != link_reg) begin
        link_pending_reg <= 1'b1;
    end else if (fevt_push && fevt_code == FUNC_EVENT_LINK[11:0]) begin
        link_pending_reg <= 1'b0;
    end
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (func_flr[f]) begin
            flr_pending_reg[f] <= 1'b1;
        end else if (fevt_push && fevt_code == FUNC_EVENT_FLR[11:0] && fevt_func == f[7:0]) begin
            flr_pending_reg[f] <= 1'b0;
        end
    end

    // ISR: a read of the ISR byte clears it (virtio 1.3 §4.1.4.5); FLR clears
    // it (PCIe Base §6.6.2); IRQ_SEND sets bits, after any clear
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (func_flr[f] || (state_reg == STATE_EXEC && func_reg == f[7:0] && in_isr && !write_reg && be_reg[0])) begin
            isr_reg[2*f +: 2] <= 2'b00;
        end
        if ((isr_set_valid && isr_set_func == f[7:0]) || (isr_queue_valid && isr_queue_func == f[7:0])) begin
            isr_reg[2*f +: 2] <= (func_flr[f] ? 2'b00 : isr_reg[2*f +: 2])
                | ((isr_set_valid && isr_set_func == f[7:0]) ? isr_set_bits : 2'b00)
                | {1'b0, isr_queue_valid && isr_queue_func == f[7:0]};
        end
    end

    // config_generation (virtio 1.3 §2.5.1)
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        gen_reg[8*f +: 8] <= gen_reg[8*f +: 8]
            + ((gen_bump_a_valid && gen_bump_a_func == f[7:0]) ? 8'd1 : 8'd0)
            + ((gen_bump_b_valid && gen_bump_b_func == f[7:0]) ? 8'd1 : 8'd0);
    end

    if (rst) begin
        state_reg <= STATE_IDLE;
        reg_rsp_valid <= 1'b0;
        read_timeout <= 1'b0;
        bad_access <= 1'b0;
        evt_dropped <= 1'b0;
        doorbell_valid <= 1'b0;
        wr_ptr_reg <= {PTR_WIDTH{1'b0}};
        rd_ptr_reg <= {PTR_WIDTH{1'b0}};
        count_reg <= {CNT_WIDTH{1'b0}};
        queued_reg <= {CNT_WIDTH*NUM_FUNCS{1'b0}};
        queued_dev_reg <= {CNT_WIDTH*NUM_FUNCS{1'b0}};
        queued_rst_reg <= {CNT_WIDTH*NUM_FUNCS{1'b0}};
        isr_reg <= {2*NUM_FUNCS{1'b0}};
        gen_reg <= {8*NUM_FUNCS{1'b0}};
        flr_pending_reg <= {NUM_FUNCS{1'b0}};
        link_reg <= 1'b0;
        link_pending_reg <= 1'b0;
    end
end

always @* begin
    msix_req_valid = state_reg == STATE_MSIX_REQ;
end

endmodule

`resetall
