`resetall
`timescale 1ns / 1ps
`default_nettype none

// Test top of the vq_avail block test: vionic_vq_ctl and vionic_vq_avail
// wired as in the device; the C++ testbench plays the queue-context RAM, host
// memory (DMA read client), net_tx (txd), net_rx (rxb), vq_used (retire,
// used_busy, device event area writes, error sources 1..3) and the firmware
// (commands, error FIFO).
module vq_avail_tb_top #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    parameter MAX_CHAIN = 16,
    parameter RX_CACHE = 16
) (
    input  wire                   clk,
    input  wire                   rst,
    input  wire                   cmd_valid,
    output wire                   cmd_ready,
    input  wire [15:0]            cmd_qid,
    input  wire [1:0]             cmd_op,
    output wire                   cmd_busy,
    output wire                   err_out_valid,
    input  wire                   err_out_pop,
    output wire [15:0]            err_out_qid,
    output wire [7:0]             err_out_code,
    output wire                   err_out_overflow,
    input  wire [15:0]            qstate_sel,
    output wire [31:0]            qstate_ring,
    output wire [31:0]            qstate_status,
    output wire [QCTX_AW-1:0]     qctx_rd_addr,
    input  wire [31:0]            qctx_rd_data,
    output wire [HQ-1:0]          q_running,
    input  wire                   db_valid,
    output wire                   db_ready,
    input  wire [7:0]             db_func,
    input  wire [15:0]            db_queue,
    input  wire [31:0]            db_data,
    output wire                   kick_valid,
    output wire [7:0]             kick_func,
    output wire [31:0]            kick_data,
    input  wire [64*NUM_FUNCS-1:0] func_features,
    output wire [HQ-1:0]          issue_mask,
    output wire [HQ-1:0]          avail_busy,
    input  wire                   retire_valid,
    input  wire [HQW-1:0]         retire_hq,
    input  wire [15:0]            retire_id,
    output wire                   dev_ev_valid,
    output wire [HQW-1:0]         dev_ev_hq,
    output wire [31:0]            dev_ev_data,
    output wire                   dev_ev_wake,
    output wire [3:0]             dev_ev_seq,
    input  wire                   dev_ev_done_valid,
    input  wire [HQW-1:0]         dev_ev_done_hq,
    input  wire [3:0]             dev_ev_done_seq,
    output wire [64*HQ-1:0]       q_device_addr,
    input  wire [HQ-1:0]          used_busy,
    input  wire [16*HQ-1:0]       used_ring,
    output wire                   rd_req_valid,
    input  wire                   rd_req_ready,
    output wire [7:0]             rd_req_func,
    output wire [63:0]            rd_req_addr,
    output wire [12:0]            rd_req_len,
    output wire [7:0]             rd_req_id,
    input  wire                   rd_rsp_valid,
    output wire                   rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]  rd_rsp_data,
    input  wire [7:0]             rd_rsp_id,
    input  wire                   rd_rsp_last,
    input  wire                   rd_rsp_error,
    output wire                   txd_valid,
    input  wire                   txd_ready,
    output wire [QID_W-1:0]       txd_qid,
    output wire [63:0]            txd_addr,
    output wire [31:0]            txd_len,
    output wire                   txd_last,
    output wire [15:0]            txd_id,
    output wire [15:0]            txd_count,
    input  wire                   rxb_req_valid,
    output wire                   rxb_req_ready,
    input  wire [QID_W-1:0]       rxb_req_qid,
    output wire                   rxb_valid,
    input  wire                   rxb_ready,
    output wire [63:0]            rxb_addr,
    output wire [31:0]            rxb_len,
    output wire                   rxb_last,
    output wire [15:0]            rxb_id,
    output wire [15:0]            rxb_count,
    output wire                   rxb_empty,
    input  wire [2:0]             xerr_valid,
    output wire [2:0]             xerr_ready,
    input  wire [3*QID_W-1:0]     xerr_qid,
    input  wire [23:0]            xerr_code
);

localparam HQ = NUM_FUNCS * 2 * NUM_QP;
localparam HQW = (HQ > 1) ? $clog2(HQ) : 1;
localparam NQ = NUM_FUNCS * QUEUES_PER_FUNC;
localparam QID_W = (NQ > 1) ? $clog2(NQ) : 1;
localparam QCTX_AW = $clog2(NQ * 16);

wire [16*HQ-1:0] q_size, q_vector;
wire [64*HQ-1:0] q_desc_addr, q_driver_addr;
wire             start_valid;
wire [HQW-1:0]   start_hq;
wire [31:0]      start_ring;
wire [16*HQ-1:0] avail_ring;
wire             a_err_valid, a_err_ready;
wire [QID_W-1:0] a_err_qid;
wire [7:0]       a_err_code;
wire [3:0]       err_ready_all;
assign a_err_ready = err_ready_all[0];
assign xerr_ready = err_ready_all[3:1];

vionic_vq_ctl #(.NUM_FUNCS(NUM_FUNCS), .QUEUES_PER_FUNC(QUEUES_PER_FUNC), .NUM_QP(NUM_QP)) u_ctl (
    .clk(clk), .rst(rst),
    .cmd_valid(cmd_valid), .cmd_ready(cmd_ready), .cmd_qid(cmd_qid), .cmd_op(cmd_op), .cmd_busy(cmd_busy),
    .err_out_valid(err_out_valid), .err_out_pop(err_out_pop), .err_out_qid(err_out_qid),
    .err_out_code(err_out_code), .err_out_overflow(err_out_overflow),
    .qstate_sel(qstate_sel), .qstate_ring(qstate_ring), .qstate_status(qstate_status),
    .qctx_rd_addr(qctx_rd_addr), .qctx_rd_data(qctx_rd_data),
    .q_running(q_running), .q_size(q_size), .q_vector(q_vector), .q_desc_addr(q_desc_addr),
    .q_driver_addr(q_driver_addr), .q_device_addr(q_device_addr),
    .start_valid(start_valid), .start_hq(start_hq), .start_ring(start_ring),
    .issue_mask(issue_mask), .retire_valid(retire_valid), .retire_hq(retire_hq),
    .avail_busy(avail_busy), .used_busy(used_busy), .avail_ring(avail_ring), .used_ring(used_ring),
    .err_in_valid({xerr_valid, a_err_valid}), .err_in_ready(err_ready_all),
    .err_in_qid({xerr_qid, a_err_qid}), .err_in_code({xerr_code, a_err_code})
);

vionic_vq_avail #(.DATA_WIDTH(DATA_WIDTH), .NUM_FUNCS(NUM_FUNCS), .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP), .MAX_CHAIN(MAX_CHAIN), .RX_CACHE(RX_CACHE)) u_avail (
    .clk(clk), .rst(rst),
    .db_valid(db_valid), .db_ready(db_ready), .db_func(db_func), .db_queue(db_queue), .db_data(db_data),
    .kick_valid(kick_valid), .kick_func(kick_func), .kick_data(kick_data),
    .func_features(func_features),
    .q_running(q_running), .q_size(q_size), .q_desc_addr(q_desc_addr),
    .start_valid(start_valid), .start_hq(start_hq), .start_ring(start_ring),
    .issue_mask(issue_mask), .avail_busy(avail_busy), .avail_ring(avail_ring),
    .retire_valid(retire_valid), .retire_hq(retire_hq), .retire_id(retire_id),
    .dev_ev_valid(dev_ev_valid), .dev_ev_hq(dev_ev_hq), .dev_ev_data(dev_ev_data), .dev_ev_wake(dev_ev_wake),
    .dev_ev_seq(dev_ev_seq), .dev_ev_done_valid(dev_ev_done_valid), .dev_ev_done_hq(dev_ev_done_hq),
    .dev_ev_done_seq(dev_ev_done_seq),
    .rd_req_valid(rd_req_valid), .rd_req_ready(rd_req_ready), .rd_req_func(rd_req_func),
    .rd_req_addr(rd_req_addr), .rd_req_len(rd_req_len), .rd_req_id(rd_req_id),
    .rd_rsp_valid(rd_rsp_valid), .rd_rsp_ready(rd_rsp_ready), .rd_rsp_data(rd_rsp_data),
    .rd_rsp_id(rd_rsp_id), .rd_rsp_last(rd_rsp_last), .rd_rsp_error(rd_rsp_error),
    .txd_valid(txd_valid), .txd_ready(txd_ready), .txd_qid(txd_qid), .txd_addr(txd_addr),
    .txd_len(txd_len), .txd_last(txd_last), .txd_id(txd_id), .txd_count(txd_count),
    .rxb_req_valid(rxb_req_valid), .rxb_req_ready(rxb_req_ready), .rxb_req_qid(rxb_req_qid),
    .rxb_valid(rxb_valid), .rxb_ready(rxb_ready), .rxb_addr(rxb_addr), .rxb_len(rxb_len),
    .rxb_last(rxb_last), .rxb_id(rxb_id), .rxb_count(rxb_count), .rxb_empty(rxb_empty),
    .err_valid(a_err_valid), .err_ready(a_err_ready), .err_qid(a_err_qid), .err_code(a_err_code)
);

wire unused_top = &{1'b0, q_vector, q_driver_addr};

endmodule

`resetall
