`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_dp_consts_regs.vh"
`include "vionic_queue_context_regs.vh"

// vionic_vq_ctl: the queue table of the hardware queues (docs/datapath.md
// vionic_vq_ctl). Hardware queue hq = func * 2 * NUM_QP + q, q < 2 * NUM_QP.
//
// Commands (cmd_*, one at a time, cmd_busy while one runs): START reads the
// queue's context (CONFIG, DESC, DRIVER, DEVICE, RING_STATE) through the
// context RAM's data-path port (qctx_rd_*, 1-cycle synchronous read), sets the
// queue RUNNING with in-flight count 0 and pulses start_* with RING_STATE for
// vq_avail / vq_used. STOP takes the queue out of RUNNING (STOPPING, or stays
// ERROR) and completes (queue IDLE), at the earliest 3 cycles after the command, when
// its in-flight count is 0, no issue_mask bit of it is pending and neither
// avail_busy nor used_busy is set for it: after that no DMA of the queue
// follows (VIRTIO 1.3 §2.1.2 / §4.1.4.3.1 queue_reset). A command for a qid
// that is not a hardware queue completes at once and does nothing.
// In-flight count: +1 per issue_mask bit, -1 per retire_* pulse.
// Errors (err_in_*: 0 vq_avail, 1 vq_used, 2 net_tx, 3 net_rx) are taken one
// per cycle round robin; the first error of a queue sets it to ERROR
// (q_running 0) with the code and queues {qid, code} in an 8-entry FIFO for the
// firmware (err_out_*, popped by err_out_pop); errors of a queue already in
// ERROR are only consumed. A full FIFO drops the entry and sets the sticky
// err_out_overflow until the next pop.
// qstate_*: combinational readout of the queue selected by qstate_sel (dp
// QSTATE_RING / QSTATE_STATUS layouts), 0 for a qid that is not a hardware queue.
// State: per queue state, error code, in-flight count, size, vector, ring
// addresses; command FSM; error FIFO.
module vionic_vq_ctl #(
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4
) (
    input  wire                 clk,
    input  wire                 rst,

    input  wire                 cmd_valid,
    output wire                 cmd_ready,
    input  wire [15:0]          cmd_qid,
    input  wire [1:0]           cmd_op,
    output wire                 cmd_busy,

    output wire                 err_out_valid,
    input  wire                 err_out_pop,
    output wire [15:0]          err_out_qid,
    output wire [7:0]           err_out_code,
    output reg                  err_out_overflow,

    input  wire [15:0]          qstate_sel,
    output wire [31:0]          qstate_ring,
    output wire [31:0]          qstate_status,

    output wire [QCTX_AW-1:0]   qctx_rd_addr,
    input  wire [31:0]          qctx_rd_data,

    output wire [HQ-1:0]        q_running,
    output wire [16*HQ-1:0]     q_size,
    output wire [16*HQ-1:0]     q_vector,
    output wire [64*HQ-1:0]     q_desc_addr,
    output wire [64*HQ-1:0]     q_driver_addr,
    output wire [64*HQ-1:0]     q_device_addr,

    output reg                  start_valid,
    output reg  [HQW-1:0]       start_hq,
    output reg  [31:0]          start_ring,

    input  wire [HQ-1:0]        issue_mask,
    input  wire                 retire_valid,
    input  wire [HQW-1:0]       retire_hq,

    input  wire [HQ-1:0]        avail_busy,
    input  wire [HQ-1:0]        used_busy,
    input  wire [16*HQ-1:0]     avail_ring,
    input  wire [16*HQ-1:0]     used_ring,

    input  wire [3:0]           err_in_valid,
    output wire [3:0]           err_in_ready,
    input  wire [4*QID_W-1:0]   err_in_qid,
    input  wire [31:0]          err_in_code
);

localparam HQ = NUM_FUNCS * 2 * NUM_QP;
localparam HQW = (HQ > 1) ? $clog2(HQ) : 1;
localparam NQ = NUM_FUNCS * QUEUES_PER_FUNC;
localparam QID_W = (NQ > 1) ? $clog2(NQ) : 1;
localparam QCTX_AW = $clog2(NQ * 16);
localparam QPF_W = $clog2(QUEUES_PER_FUNC);
localparam QPH = 2 * NUM_QP;
localparam [31:0] OP_START_32 = `VIONIC_DP_CONSTS_QUEUE_OP_START;
localparam [31:0] OP_STOP_32 = `VIONIC_DP_CONSTS_QUEUE_OP_STOP;
localparam [31:0] ST_IDLE_32 = `VIONIC_DP_CONSTS_QSTATE_IDLE;
localparam [31:0] ST_RUN_32 = `VIONIC_DP_CONSTS_QSTATE_RUNNING;
localparam [31:0] ST_STOP_32 = `VIONIC_DP_CONSTS_QSTATE_STOPPING;
localparam [31:0] ST_ERR_32 = `VIONIC_DP_CONSTS_QSTATE_ERROR;
localparam [1:0] OP_START = OP_START_32[1:0];
localparam [1:0] OP_STOP = OP_STOP_32[1:0];
localparam [1:0] ST_IDLE = ST_IDLE_32[1:0];
localparam [1:0] ST_RUN = ST_RUN_32[1:0];
localparam [1:0] ST_STOP = ST_STOP_32[1:0];
localparam [1:0] ST_ERR = ST_ERR_32[1:0];
// context words loaded at START, in load order
localparam [11:0] W_CONFIG_OFF = `VIONIC_QUEUE_CONTEXT_CONFIG_OFFSET;
localparam [31:0] W_CONFIG = {20'd0, W_CONFIG_OFF} / 4;
localparam [11:0] W_DESC_LO_OFF = `VIONIC_QUEUE_CONTEXT_DESC_LO_OFFSET;
localparam [31:0] W_DESC_LO = {20'd0, W_DESC_LO_OFF} / 4;
localparam [11:0] W_DESC_HI_OFF = `VIONIC_QUEUE_CONTEXT_DESC_HI_OFFSET;
localparam [31:0] W_DESC_HI = {20'd0, W_DESC_HI_OFF} / 4;
localparam [11:0] W_DRV_LO_OFF = `VIONIC_QUEUE_CONTEXT_DRIVER_LO_OFFSET;
localparam [31:0] W_DRV_LO = {20'd0, W_DRV_LO_OFF} / 4;
localparam [11:0] W_DRV_HI_OFF = `VIONIC_QUEUE_CONTEXT_DRIVER_HI_OFFSET;
localparam [31:0] W_DRV_HI = {20'd0, W_DRV_HI_OFF} / 4;
localparam [11:0] W_DEV_LO_OFF = `VIONIC_QUEUE_CONTEXT_DEVICE_LO_OFFSET;
localparam [31:0] W_DEV_LO = {20'd0, W_DEV_LO_OFF} / 4;
localparam [11:0] W_DEV_HI_OFF = `VIONIC_QUEUE_CONTEXT_DEVICE_HI_OFFSET;
localparam [31:0] W_DEV_HI = {20'd0, W_DEV_HI_OFF} / 4;
localparam [11:0] W_RING_OFF = `VIONIC_QUEUE_CONTEXT_RING_STATE_OFFSET;
localparam [31:0] W_RING = {20'd0, W_RING_OFF} / 4;

// ---------------------------------------------------------------- queue table
reg [1:0]   st [0:HQ-1];
reg [7:0]   ecode [0:HQ-1];
reg [15:0]  infl [0:HQ-1];
reg [15:0]  size_r [0:HQ-1];
reg [15:0]  vec_r [0:HQ-1];
reg [63:0]  desc_r [0:HQ-1];
reg [63:0]  drv_r [0:HQ-1];
reg [63:0]  dev_r [0:HQ-1];

genvar gi;
wire [HQW-1:0] hqi [0:HQ-1];
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_tab
        localparam [31:0] HV = gi;
        assign hqi[gi] = HV[HQW-1:0];
        assign q_running[gi] = (st[gi] == ST_RUN);
        assign q_size[16*gi +: 16] = size_r[gi];
        assign q_vector[16*gi +: 16] = vec_r[gi];
        assign q_desc_addr[64*gi +: 64] = desc_r[gi];
        assign q_driver_addr[64*gi +: 64] = drv_r[gi];
        assign q_device_addr[64*gi +: 64] = dev_r[gi];
    end
endgenerate

// qid -> hardware queue
function hw_of(input [31:0] qid);
    reg [31:0] f, q;
    begin
        f = qid >> QPF_W;
        q = qid & (QUEUES_PER_FUNC - 1);
        hw_of = (f < NUM_FUNCS) && (q < QPH);
    end
endfunction

function [31:0] hq_of(input [31:0] qid);
    hq_of = (qid >> QPF_W) * QPH + (qid & (QUEUES_PER_FUNC - 1));
endfunction

// ---------------------------------------------------------------- qstate readout
wire          qs_hw = hw_of({16'd0, qstate_sel});
wire [31:0] qs_hq32 = hq_of({16'd0, qstate_sel});
wire [HQW-1:0] qs_hq = qs_hq32[HQW-1:0];
assign qstate_ring = qs_hw ? {used_ring[16*qs_hq +: 16], avail_ring[16*qs_hq +: 16]} : 32'd0;
assign qstate_status = qs_hw ? {infl[qs_hq], ecode[qs_hq], 6'd0, st[qs_hq]} : 32'd0;

// ---------------------------------------------------------------- commands
localparam C_IDLE = 2'd0, C_LOAD = 2'd1, C_STOP = 2'd2;
reg [1:0]     c_state;
reg [HQW-1:0] c_hq;
reg [15:0]    c_qid;
reg [3:0]     c_cnt;              // load step: address of word c_cnt, data of word c_cnt-1;
                                  // STOP: cycles since the command, up to 2
assign cmd_ready = (c_state == C_IDLE);
assign cmd_busy = (c_state != C_IDLE);

reg [31:0] c_word;
always @* begin
    case (c_cnt)
        4'd0: c_word = W_CONFIG;
        4'd1: c_word = W_DESC_LO;
        4'd2: c_word = W_DESC_HI;
        4'd3: c_word = W_DRV_LO;
        4'd4: c_word = W_DRV_HI;
        4'd5: c_word = W_DEV_LO;
        4'd6: c_word = W_DEV_HI;
        default: c_word = W_RING;
    endcase
end
wire [31:0] c_addr32 = {16'd0, c_qid} * 16 + c_word;
assign qctx_rd_addr = c_addr32[QCTX_AW-1:0];

// ---------------------------------------------------------------- error intake
reg [1:0]     e_rr;
reg [1:0]     e_sel;
reg           e_any;
always @* begin : e_pick
    integer k;
    e_any = 1'b0;
    e_sel = 2'd0;
    for (k = 4; k >= 1; k = k - 1)
        if (err_in_valid[e_rr + k[1:0]]) begin
            e_any = 1'b1;
            e_sel = e_rr + k[1:0];
        end
end
assign err_in_ready = e_any ? (4'b0001 << e_sel) : 4'b0000;
wire [QID_W-1:0] e_qid = err_in_qid[QID_W*e_sel +: QID_W];
wire [7:0]       e_code = err_in_code[8*e_sel +: 8];
wire             e_hw = hw_of({{(32-QID_W){1'b0}}, e_qid});
wire [31:0] e_hq32 = hq_of({{(32-QID_W){1'b0}}, e_qid});
wire [HQW-1:0] e_hq = e_hq32[HQW-1:0];
wire             e_new = e_any && (!e_hw || st[e_hq] != ST_ERR);

// error FIFO (8 entries)
reg [15:0]  f_qid [0:7];
reg [7:0]   f_code [0:7];
reg [3:0]   f_wr, f_rd;
wire        f_full = (f_wr - f_rd) == 4'd8;
assign err_out_valid = (f_wr != f_rd);
assign err_out_qid = f_qid[f_rd[2:0]];
assign err_out_code = f_code[f_rd[2:0]];
wire        f_pop = err_out_pop && err_out_valid;

// ---------------------------------------------------------------- sequential
wire        cmd_hw = hw_of({16'd0, cmd_qid});
wire [31:0] cmd_hq32 = hq_of({16'd0, cmd_qid});
wire [HQW-1:0] cmd_hq = cmd_hq32[HQW-1:0];
integer i;
always @(posedge clk) begin
    start_valid <= 1'b0;

    // in-flight counts
    for (i = 0; i < HQ; i = i + 1)
        infl[i] <= infl[i] + (issue_mask[i] ? 16'd1 : 16'd0)
                           - ((retire_valid && retire_hq == hqi[i]) ? 16'd1 : 16'd0);

    case (c_state)
    C_IDLE: if (cmd_valid) begin
        c_hq <= cmd_hq;
        c_qid <= cmd_qid;
        c_cnt <= 4'd0;
        if (cmd_hw && cmd_op == OP_START) begin
            c_state <= C_LOAD;
            st[cmd_hq] <= ST_IDLE;
        end else if (cmd_hw && cmd_op == OP_STOP) begin
            c_state <= C_STOP;
            if (st[cmd_hq] == ST_RUN)
                st[cmd_hq] <= ST_STOP;
        end
    end
    C_LOAD: begin
        c_cnt <= c_cnt + 4'd1;
        case (c_cnt)
            4'd1: begin
                size_r[c_hq] <= qctx_rd_data[`VIONIC_QUEUE_CONTEXT_CONFIG_SIZE_MSB:`VIONIC_QUEUE_CONTEXT_CONFIG_SIZE_LSB];
                vec_r[c_hq] <= qctx_rd_data[`VIONIC_QUEUE_CONTEXT_CONFIG_MSIX_VECTOR_MSB:`VIONIC_QUEUE_CONTEXT_CONFIG_MSIX_VECTOR_LSB];
            end
            4'd2: desc_r[c_hq][31:0] <= qctx_rd_data;
            4'd3: desc_r[c_hq][63:32] <= qctx_rd_data;
            4'd4: drv_r[c_hq][31:0] <= qctx_rd_data;
            4'd5: drv_r[c_hq][63:32] <= qctx_rd_data;
            4'd6: dev_r[c_hq][31:0] <= qctx_rd_data;
            4'd7: dev_r[c_hq][63:32] <= qctx_rd_data;
            4'd8: begin
                start_valid <= 1'b1;
                start_hq <= c_hq;
                start_ring <= qctx_rd_data;
                st[c_hq] <= ST_RUN;
                ecode[c_hq] <= 8'd0;
                infl[c_hq] <= 16'd0;
            end
            4'd9: c_state <= C_IDLE;      // vq_avail / vq_used have taken start_*
            default: ;
        endcase
    end
    // STOP completes no earlier than the third cycle after q_running fell: vq_avail may
    // still hand out a chain in the cycle before it fell (its issue_mask bit is a
    // register, counted in infl a cycle later) and commit a transmit chain in the cycle
    // it fell (its running flag is a register of q_running); both are in infl by then.
    // The pending issue_mask bit is checked too.
    C_STOP: begin
        if (c_cnt != 4'd2)
            c_cnt <= c_cnt + 4'd1;
        if (c_cnt == 4'd2 && st[c_hq] != ST_RUN && infl[c_hq] == 16'd0 && !issue_mask[c_hq] &&
                !avail_busy[c_hq] && !used_busy[c_hq]) begin
            st[c_hq] <= ST_IDLE;
            c_state <= C_IDLE;
        end
    end
    default: c_state <= C_IDLE;
    endcase

    // errors (after the command FSM: an error wins over a state change in the same cycle)
    if (e_any)
        e_rr <= e_sel;
    if (e_new) begin
        if (e_hw) begin
            st[e_hq] <= ST_ERR;
            ecode[e_hq] <= e_code;
        end
        if (!f_full || f_pop) begin
            f_qid[f_wr[2:0]] <= {{(16-QID_W){1'b0}}, e_qid};
            f_code[f_wr[2:0]] <= e_code;
            f_wr <= f_wr + 4'd1;
        end else begin
            err_out_overflow <= 1'b1;
        end
    end
    if (f_pop) begin
        f_rd <= f_rd + 4'd1;
        err_out_overflow <= 1'b0;
    end

    if (rst) begin
        start_valid <= 1'b0;
        c_state <= C_IDLE;
        c_cnt <= 4'd0;
        e_rr <= 2'd0;
        f_wr <= 4'd0;
        f_rd <= 4'd0;
        err_out_overflow <= 1'b0;
        for (i = 0; i < HQ; i = i + 1) begin
            st[i] <= ST_IDLE;
            ecode[i] <= 8'd0;
            infl[i] <= 16'd0;
            size_r[i] <= 16'd0;
            vec_r[i] <= 16'hffff;
            desc_r[i] <= 64'd0;
            drv_r[i] <= 64'd0;
            dev_r[i] <= 64'd0;
        end
    end
end

wire unused_ctl = &{1'b0, c_addr32, qs_hq32, e_hq32, cmd_hq32};

endmodule

`resetall
