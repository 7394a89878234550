`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"

// vionic_datapath: the hardware data path (docs/datapath.md): doorbells to
// descriptor fetch (vionic_vq_avail), transmit and receive pipelines
// (vionic_net_tx, vionic_net_rx), used write-back and queue interrupts
// (vionic_vq_used), the queue table (vionic_vq_ctl), the DMA layer (client
// arbiters, read and write engines, requester mux with the MSI-X messages),
// the firmware DMA engine and the firmware's data-path registers.
//
// DMA read clients: 0 vq_avail, 1 vq_used, 2 net_tx, 3 fw_dma.
// DMA write clients: 0 vq_used, 1 net_rx, 2 fw_dma.
// Error sources of vq_ctl: 0 vq_avail, 1 vq_used, 2 net_tx, 3 net_rx.
// Interfaces: see the port comments; state lives in the sub-blocks.
module vionic_datapath #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    parameter MAX_CHAIN = 16,
    parameter RX_CACHE = 64,
    // DMA read tags; tags 32 and up only for functions with Extended Tag Field Enable
    parameter NUM_TAGS = 64,
    parameter MAC_TABLE_ENTRIES = 16,
    parameter MAX_FRAME = 1518
) (
    input  wire                     clk,
    input  wire                     rst,

    // per-function PCI state (vionic_pcie_endpoint)
    input  wire [NUM_FUNCS-1:0]     func_bus_master,
    input  wire [3*NUM_FUNCS-1:0]   func_max_payload,
    input  wire [3*NUM_FUNCS-1:0]   func_max_read_request,
    input  wire [NUM_FUNCS-1:0]     func_ext_tag,

    // transport: doorbells, queue interrupts, queue contexts, BAR0 STATS
    input  wire                     db_valid,
    output wire                     db_ready,
    input  wire [7:0]               db_func,
    input  wire [15:0]              db_queue,
    input  wire [31:0]              db_data,
    output wire                     qirq_valid,
    input  wire                     qirq_ready,
    output wire [7:0]               qirq_func,
    output wire [15:0]              qirq_vector,
    output wire [$clog2(NUM_FUNCS * QUEUES_PER_FUNC * 16)-1:0] qctx_rd_addr,
    input  wire [31:0]              qctx_rd_data,
    input  wire [7:0]               stats_rd_func,
    input  wire [3:0]               stats_rd_index,
    output wire [31:0]              stats_rd_data,

    // CPU peripheral window (DP, FW_DMA, FW_DMA_BUF) and interrupt
    input  wire                     periph_req_valid,
    output wire                     periph_req_ready,
    input  wire [31:0]              periph_req_addr,
    input  wire                     periph_req_write,
    input  wire [3:0]               periph_req_strb,
    input  wire [31:0]              periph_req_wdata,
    output wire                     periph_rsp_valid,
    output wire [31:0]              periph_rsp_rdata,
    output wire                     periph_rsp_error,
    output wire                     irq,

    // MSI-X messages (vionic_msix) merged onto m_rq
    input  wire                     msix_valid,
    output wire                     msix_ready,
    input  wire [1:0]               msix_type,
    input  wire [7:0]               msix_func,
    input  wire [63:0]              msix_addr,
    input  wire [10:0]              msix_len_dw,
    input  wire [3:0]               msix_first_be,
    input  wire [3:0]               msix_last_be,
    input  wire [9:0]               msix_tag,
    input  wire [DATA_WIDTH-1:0]    msix_data,
    input  wire [DATA_WIDTH/32-1:0] msix_keep,
    input  wire                     msix_last,

    output wire                     m_rq_valid,
    input  wire                     m_rq_ready,
    output wire [1:0]               m_rq_type,
    output wire [7:0]               m_rq_func,
    output wire [63:0]              m_rq_addr,
    output wire [10:0]              m_rq_len_dw,
    output wire [3:0]               m_rq_first_be,
    output wire [3:0]               m_rq_last_be,
    output wire [9:0]               m_rq_tag,
    output wire [DATA_WIDTH-1:0]    m_rq_data,
    output wire [DATA_WIDTH/32-1:0] m_rq_keep,
    output wire                     m_rq_last,

    // Memory read requests (vionic_dma_read), beside m_rq so that a read can go in
    // the same cycle as a write beat (docs/pcie-interface.md "Requester read request")
    output wire                     m_rqr_valid,
    input  wire                     m_rqr_ready,
    output wire [7:0]               m_rqr_func,
    output wire [63:0]              m_rqr_addr,
    output wire [10:0]              m_rqr_len_dw,
    output wire [3:0]               m_rqr_first_be,
    output wire [3:0]               m_rqr_last_be,
    output wire [9:0]               m_rqr_tag,

    input  wire                     s_rc_valid,
    output wire                     s_rc_ready,
    input  wire [9:0]               s_rc_tag,
    input  wire [2:0]               s_rc_status,
    input  wire [12:0]              s_rc_byte_count,
    input  wire [6:0]               s_rc_lower_addr,
    input  wire [10:0]              s_rc_len_dw,
    input  wire                     s_rc_request_done,
    input  wire [DATA_WIDTH-1:0]    s_rc_data,
    input  wire [DATA_WIDTH/32-1:0] s_rc_keep,
    input  wire                     s_rc_last,

    output wire                     m_eth_tx_tvalid,
    input  wire                     m_eth_tx_tready,
    output wire [DATA_WIDTH-1:0]    m_eth_tx_tdata,
    output wire [DATA_WIDTH/8-1:0]  m_eth_tx_tkeep,
    output wire                     m_eth_tx_tlast,
    output wire                     m_eth_tx_tuser,

    input  wire                     s_eth_rx_tvalid,
    output wire                     s_eth_rx_tready,
    input  wire [DATA_WIDTH-1:0]    s_eth_rx_tdata,
    input  wire [DATA_WIDTH/8-1:0]  s_eth_rx_tkeep,
    input  wire                     s_eth_rx_tlast,
    input  wire                     s_eth_rx_tuser,

    // every device write, one pulse per TLP (dirty-page logging, issue 6)
    output wire                     dirty_valid,
    output wire [7:0]               dirty_func,
    output wire [63:0]              dirty_addr,
    output wire [12:0]              dirty_len
);

localparam DW = DATA_WIDTH;
localparam NQ = NUM_FUNCS * QUEUES_PER_FUNC;
localparam QID_W = NQ > 1 ? $clog2(NQ) : 1;
localparam HQ = NUM_FUNCS * 2 * NUM_QP;
localparam HQW = HQ > 1 ? $clog2(HQ) : 1;
localparam E = MAC_TABLE_ENTRIES;
localparam RDC = 4;
localparam WRC = 3;

// ------------------------------------------------------------------ CPU window

wire periph_to_dp = (periph_req_addr - `VIONIC_MAP_DP_BASE) < `VIONIC_MAP_DP_WINDOW;
wire csr_req_ready;
wire csr_rsp_valid;
wire [31:0] csr_rsp_rdata;
wire csr_rsp_error;
wire fwd_req_ready;
wire fwd_rsp_valid;
wire [31:0] fwd_rsp_rdata;
wire fwd_rsp_error;

assign periph_req_ready = periph_to_dp ? csr_req_ready : fwd_req_ready;
assign periph_rsp_valid = csr_rsp_valid || fwd_rsp_valid;
assign periph_rsp_rdata = csr_rsp_valid ? csr_rsp_rdata : fwd_rsp_rdata;
assign periph_rsp_error = csr_rsp_valid ? csr_rsp_error : fwd_rsp_error;

// ------------------------------------------------------------------ wires

// per-function configuration
wire [64*NUM_FUNCS-1:0] func_features;
wire [48*NUM_FUNCS-1:0] func_mac;
wire [NUM_FUNCS-1:0]    func_promisc;
wire [NUM_FUNCS-1:0]    func_allmulti;
wire [NUM_FUNCS-1:0]    func_rx_enable;
wire [8*NUM_FUNCS-1:0]  func_queue_pairs;
wire [48*E*NUM_FUNCS-1:0] mac_table;
wire [E*NUM_FUNCS-1:0]  mac_table_valid;

// vq_ctl
wire        cmd_valid;
wire        cmd_ready;
wire [15:0] cmd_qid;
wire [1:0]  cmd_op;
wire        cmd_busy;
wire        err_out_valid;
wire        err_out_pop;
wire [15:0] err_out_qid;
wire [7:0]  err_out_code;
wire        err_out_overflow;
wire [15:0] qstate_sel;
wire [31:0] qstate_ring;
wire [31:0] qstate_status;
wire [HQ-1:0]    q_running;
wire [16*HQ-1:0] q_size;
wire [16*HQ-1:0] q_vector;
wire [64*HQ-1:0] q_desc_addr;
wire [64*HQ-1:0] q_driver_addr;
wire [64*HQ-1:0] q_device_addr;
wire             start_valid;
wire [HQW-1:0]   start_hq;
wire [31:0]      start_ring;
wire [HQ-1:0]    issue_mask;
wire             retire_valid;
wire [HQW-1:0]   retire_hq;
wire [15:0]      retire_id;
wire [HQ-1:0]    avail_busy;
wire [HQ-1:0]    used_busy;
wire [16*HQ-1:0] avail_ring;
wire [16*HQ-1:0] used_ring;
wire [3:0]       err_in_valid;
wire [3:0]       err_in_ready;
wire [4*QID_W-1:0] err_in_qid;
wire [31:0]      err_in_code;

wire        kick_valid;
wire [7:0]  kick_func;
wire [31:0] kick_data;

// txd / rxb / used
wire             txd_valid;
wire             txd_ready;
wire [QID_W-1:0] txd_qid;
wire [63:0]      txd_addr;
wire [31:0]      txd_len;
wire             txd_last;
wire [15:0]      txd_id;
wire [15:0]      txd_count;
wire             rxb_req_valid;
wire             rxb_req_ready;
wire [QID_W-1:0] rxb_req_qid;
wire             rxb_valid;
wire             rxb_ready;
wire [63:0]      rxb_addr;
wire [31:0]      rxb_len;
wire             rxb_last;
wire [15:0]      rxb_id;
wire [15:0]      rxb_count;
wire             rxb_empty;
wire             tx_used_valid;
wire             tx_used_ready;
wire [QID_W-1:0] tx_used_qid;
wire [15:0]      tx_used_id;
wire [31:0]      tx_used_len;
wire [15:0]      tx_used_count;
wire             rx_used_valid;
wire             rx_used_ready;
wire [QID_W-1:0] rx_used_qid;
wire [15:0]      rx_used_id;
wire [31:0]      rx_used_len;
wire [15:0]      rx_used_count;

// statistics
wire        tx_stat_valid;
wire [7:0]  tx_stat_func;
wire [2:0]  tx_stat_kind;
wire [15:0] tx_stat_bytes;
wire        rx_stat_valid;
wire [7:0]  rx_stat_func;
wire [2:0]  rx_stat_kind;
wire [15:0] rx_stat_bytes;

// DMA read clients (flat, client c at slice c)
wire [RDC-1:0]    crd_req_valid;
wire [RDC-1:0]    crd_req_ready;
wire [8*RDC-1:0]  crd_req_func;
wire [64*RDC-1:0] crd_req_addr;
wire [13*RDC-1:0] crd_req_len;
wire [8*RDC-1:0]  crd_req_id;
wire [RDC-1:0]    crd_rsp_valid;
wire [RDC-1:0]    crd_rsp_ready;
wire [DW-1:0]     crd_rsp_data;
wire [7:0]        crd_rsp_id;
wire              crd_rsp_last;
wire              crd_rsp_error;

// DMA write clients
wire [WRC-1:0]    cwr_req_valid;
wire [WRC-1:0]    cwr_req_ready;
wire [8*WRC-1:0]  cwr_req_func;
wire [64*WRC-1:0] cwr_req_addr;
wire [13*WRC-1:0] cwr_req_len;
wire [8*WRC-1:0]  cwr_req_id;
wire [WRC-1:0]    cwr_data_valid;
wire [WRC-1:0]    cwr_data_ready;
wire [DW*WRC-1:0] cwr_data;
wire [WRC-1:0]    cwr_data_last;
wire [WRC-1:0]    cwr_done_valid;
wire [7:0]        cwr_done_id;
wire              cwr_done_error;

// ------------------------------------------------------------------ firmware registers

vionic_dp_csr #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP),
    .MAC_TABLE_ENTRIES(E),
    .DATA_WIDTH(DATA_WIDTH),
    .MAX_CHAIN(MAX_CHAIN)
) csr_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(periph_req_valid && periph_to_dp),
    .req_ready(csr_req_ready),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(csr_rsp_valid),
    .rsp_rdata(csr_rsp_rdata),
    .rsp_error(csr_rsp_error),
    .cmd_valid(cmd_valid),
    .cmd_ready(cmd_ready),
    .cmd_qid(cmd_qid),
    .cmd_op(cmd_op),
    .cmd_busy(cmd_busy),
    .err_valid(err_out_valid),
    .err_pop(err_out_pop),
    .err_qid(err_out_qid),
    .err_code(err_out_code),
    .err_overflow(err_out_overflow),
    .qstate_sel(qstate_sel),
    .qstate_ring(qstate_ring),
    .qstate_status(qstate_status),
    .kick_valid(kick_valid),
    .kick_func(kick_func),
    .kick_data(kick_data),
    .func_features(func_features),
    .func_mac(func_mac),
    .func_promisc(func_promisc),
    .func_allmulti(func_allmulti),
    .func_rx_enable(func_rx_enable),
    .func_queue_pairs(func_queue_pairs),
    .mac_table(mac_table),
    .mac_table_valid(mac_table_valid),
    .tx_stat_valid(tx_stat_valid),
    .tx_stat_func(tx_stat_func),
    .tx_stat_kind(tx_stat_kind),
    .tx_stat_bytes(tx_stat_bytes),
    .rx_stat_valid(rx_stat_valid),
    .rx_stat_func(rx_stat_func),
    .rx_stat_kind(rx_stat_kind),
    .rx_stat_bytes(rx_stat_bytes),
    .stats_rd_func(stats_rd_func),
    .stats_rd_index(stats_rd_index),
    .stats_rd_data(stats_rd_data),
    .irq(irq)
);

vionic_fw_dma #(
    .DATA_WIDTH(DATA_WIDTH)
) fw_dma_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(periph_req_valid && !periph_to_dp),
    .req_ready(fwd_req_ready),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(fwd_rsp_valid),
    .rsp_rdata(fwd_rsp_rdata),
    .rsp_error(fwd_rsp_error),
    .rd_req_valid(crd_req_valid[3]),
    .rd_req_ready(crd_req_ready[3]),
    .rd_req_func(crd_req_func[8*3 +: 8]),
    .rd_req_addr(crd_req_addr[64*3 +: 64]),
    .rd_req_len(crd_req_len[13*3 +: 13]),
    .rd_req_id(crd_req_id[8*3 +: 8]),
    .rd_rsp_valid(crd_rsp_valid[3]),
    .rd_rsp_ready(crd_rsp_ready[3]),
    .rd_rsp_data(crd_rsp_data),
    .rd_rsp_id(crd_rsp_id),
    .rd_rsp_last(crd_rsp_last),
    .rd_rsp_error(crd_rsp_error),
    .wr_req_valid(cwr_req_valid[2]),
    .wr_req_ready(cwr_req_ready[2]),
    .wr_req_func(cwr_req_func[8*2 +: 8]),
    .wr_req_addr(cwr_req_addr[64*2 +: 64]),
    .wr_req_len(cwr_req_len[13*2 +: 13]),
    .wr_req_id(cwr_req_id[8*2 +: 8]),
    .wr_data_valid(cwr_data_valid[2]),
    .wr_data_ready(cwr_data_ready[2]),
    .wr_data(cwr_data[DW*2 +: DW]),
    .wr_data_last(cwr_data_last[2]),
    .wr_done_valid(cwr_done_valid[2]),
    .wr_done_id(cwr_done_id),
    .wr_done_error(cwr_done_error)
);

// ------------------------------------------------------------------ queues

vionic_vq_ctl #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP)
) vq_ctl_inst (
    .clk(clk),
    .rst(rst),
    .cmd_valid(cmd_valid),
    .cmd_ready(cmd_ready),
    .cmd_qid(cmd_qid),
    .cmd_op(cmd_op),
    .cmd_busy(cmd_busy),
    .err_out_valid(err_out_valid),
    .err_out_pop(err_out_pop),
    .err_out_qid(err_out_qid),
    .err_out_code(err_out_code),
    .err_out_overflow(err_out_overflow),
    .qstate_sel(qstate_sel),
    .qstate_ring(qstate_ring),
    .qstate_status(qstate_status),
    .qctx_rd_addr(qctx_rd_addr),
    .qctx_rd_data(qctx_rd_data),
    .q_running(q_running),
    .q_size(q_size),
    .q_vector(q_vector),
    .q_desc_addr(q_desc_addr),
    .q_driver_addr(q_driver_addr),
    .q_device_addr(q_device_addr),
    .start_valid(start_valid),
    .start_hq(start_hq),
    .start_ring(start_ring),
    .issue_mask(issue_mask),
    .retire_valid(retire_valid),
    .retire_hq(retire_hq),
    .avail_busy(avail_busy),
    .used_busy(used_busy),
    .avail_ring(avail_ring),
    .used_ring(used_ring),
    .err_in_valid(err_in_valid),
    .err_in_ready(err_in_ready),
    .err_in_qid(err_in_qid),
    .err_in_code(err_in_code)
);

// device event suppression: vq_avail decides what the device area holds,
// vq_used writes it and reports the done of re-enabling writes back
wire             dev_ev_valid;
wire [HQW-1:0]   dev_ev_hq;
wire [31:0]      dev_ev_data;
wire             dev_ev_wake;
wire [3:0]       dev_ev_seq;
wire [3:0]       dev_ev_done_seq;
wire             dev_ev_done_valid;
wire [HQW-1:0]   dev_ev_done_hq;

vionic_vq_avail #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP),
    .MAX_CHAIN(MAX_CHAIN),
    .RX_CACHE(RX_CACHE)
) vq_avail_inst (
    .clk(clk),
    .rst(rst),
    .db_valid(db_valid),
    .db_ready(db_ready),
    .db_func(db_func),
    .db_queue(db_queue),
    .db_data(db_data),
    .kick_valid(kick_valid),
    .kick_func(kick_func),
    .kick_data(kick_data),
    .func_features(func_features),
    .q_running(q_running),
    .q_size(q_size),
    .q_desc_addr(q_desc_addr),
    .start_valid(start_valid),
    .start_hq(start_hq),
    .start_ring(start_ring),
    .issue_mask(issue_mask),
    .avail_busy(avail_busy),
    .avail_ring(avail_ring),
    .retire_valid(retire_valid),
    .retire_hq(retire_hq),
    .retire_id(retire_id),
    .dev_ev_valid(dev_ev_valid),
    .dev_ev_hq(dev_ev_hq),
    .dev_ev_data(dev_ev_data),
    .dev_ev_wake(dev_ev_wake),
    .dev_ev_seq(dev_ev_seq),
    .dev_ev_done_valid(dev_ev_done_valid),
    .dev_ev_done_hq(dev_ev_done_hq),
    .dev_ev_done_seq(dev_ev_done_seq),
    .rd_req_valid(crd_req_valid[0]),
    .rd_req_ready(crd_req_ready[0]),
    .rd_req_func(crd_req_func[0 +: 8]),
    .rd_req_addr(crd_req_addr[0 +: 64]),
    .rd_req_len(crd_req_len[0 +: 13]),
    .rd_req_id(crd_req_id[0 +: 8]),
    .rd_rsp_valid(crd_rsp_valid[0]),
    .rd_rsp_ready(crd_rsp_ready[0]),
    .rd_rsp_data(crd_rsp_data),
    .rd_rsp_id(crd_rsp_id),
    .rd_rsp_last(crd_rsp_last),
    .rd_rsp_error(crd_rsp_error),
    .txd_valid(txd_valid),
    .txd_ready(txd_ready),
    .txd_qid(txd_qid),
    .txd_addr(txd_addr),
    .txd_len(txd_len),
    .txd_last(txd_last),
    .txd_id(txd_id),
    .txd_count(txd_count),
    .rxb_req_valid(rxb_req_valid),
    .rxb_req_ready(rxb_req_ready),
    .rxb_req_qid(rxb_req_qid),
    .rxb_valid(rxb_valid),
    .rxb_ready(rxb_ready),
    .rxb_addr(rxb_addr),
    .rxb_len(rxb_len),
    .rxb_last(rxb_last),
    .rxb_id(rxb_id),
    .rxb_count(rxb_count),
    .rxb_empty(rxb_empty),
    .err_valid(err_in_valid[0]),
    .err_ready(err_in_ready[0]),
    .err_qid(err_in_qid[0 +: QID_W]),
    .err_code(err_in_code[0 +: 8])
);

vionic_vq_used #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP),
    .MAX_CHAIN(MAX_CHAIN)
) vq_used_inst (
    .clk(clk),
    .rst(rst),
    .func_features(func_features),
    .q_running(q_running),
    .q_size(q_size),
    .q_vector(q_vector),
    .q_desc_addr(q_desc_addr),
    .q_driver_addr(q_driver_addr),
    .q_device_addr(q_device_addr),
    .start_valid(start_valid),
    .start_hq(start_hq),
    .start_ring(start_ring),
    .issue_mask(issue_mask),
    .dev_ev_valid(dev_ev_valid),
    .dev_ev_hq(dev_ev_hq),
    .dev_ev_data(dev_ev_data),
    .dev_ev_wake(dev_ev_wake),
    .dev_ev_seq(dev_ev_seq),
    .dev_ev_done_valid(dev_ev_done_valid),
    .dev_ev_done_hq(dev_ev_done_hq),
    .dev_ev_done_seq(dev_ev_done_seq),
    .tx_used_valid(tx_used_valid),
    .tx_used_ready(tx_used_ready),
    .tx_used_qid(tx_used_qid),
    .tx_used_id(tx_used_id),
    .tx_used_len(tx_used_len),
    .tx_used_count(tx_used_count),
    .rx_used_valid(rx_used_valid),
    .rx_used_ready(rx_used_ready),
    .rx_used_qid(rx_used_qid),
    .rx_used_id(rx_used_id),
    .rx_used_len(rx_used_len),
    .rx_used_count(rx_used_count),
    .retire_valid(retire_valid),
    .retire_hq(retire_hq),
    .retire_id(retire_id),
    .used_busy(used_busy),
    .used_ring(used_ring),
    .rd_req_valid(crd_req_valid[1]),
    .rd_req_ready(crd_req_ready[1]),
    .rd_req_func(crd_req_func[8 +: 8]),
    .rd_req_addr(crd_req_addr[64 +: 64]),
    .rd_req_len(crd_req_len[13 +: 13]),
    .rd_req_id(crd_req_id[8 +: 8]),
    .rd_rsp_valid(crd_rsp_valid[1]),
    .rd_rsp_ready(crd_rsp_ready[1]),
    .rd_rsp_data(crd_rsp_data),
    .rd_rsp_id(crd_rsp_id),
    .rd_rsp_last(crd_rsp_last),
    .rd_rsp_error(crd_rsp_error),
    .wr_req_valid(cwr_req_valid[0]),
    .wr_req_ready(cwr_req_ready[0]),
    .wr_req_func(cwr_req_func[0 +: 8]),
    .wr_req_addr(cwr_req_addr[0 +: 64]),
    .wr_req_len(cwr_req_len[0 +: 13]),
    .wr_req_id(cwr_req_id[0 +: 8]),
    .wr_data_valid(cwr_data_valid[0]),
    .wr_data_ready(cwr_data_ready[0]),
    .wr_data(cwr_data[0 +: DW]),
    .wr_data_last(cwr_data_last[0]),
    .wr_done_valid(cwr_done_valid[0]),
    .wr_done_id(cwr_done_id),
    .wr_done_error(cwr_done_error),
    .irq_valid(qirq_valid),
    .irq_ready(qirq_ready),
    .irq_func(qirq_func),
    .irq_vector(qirq_vector),
    .err_valid(err_in_valid[1]),
    .err_ready(err_in_ready[1]),
    .err_qid(err_in_qid[QID_W +: QID_W]),
    .err_code(err_in_code[8 +: 8])
);

// ------------------------------------------------------------------ network pipelines

vionic_net_tx #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .MAX_FRAME(MAX_FRAME)
) net_tx_inst (
    .clk(clk),
    .rst(rst),
    .func_features(func_features),
    .txd_valid(txd_valid),
    .txd_ready(txd_ready),
    .txd_qid(txd_qid),
    .txd_addr(txd_addr),
    .txd_len(txd_len),
    .txd_last(txd_last),
    .txd_id(txd_id),
    .txd_count(txd_count),
    .rd_req_valid(crd_req_valid[2]),
    .rd_req_ready(crd_req_ready[2]),
    .rd_req_func(crd_req_func[16 +: 8]),
    .rd_req_addr(crd_req_addr[128 +: 64]),
    .rd_req_len(crd_req_len[26 +: 13]),
    .rd_req_id(crd_req_id[16 +: 8]),
    .rd_rsp_valid(crd_rsp_valid[2]),
    .rd_rsp_ready(crd_rsp_ready[2]),
    .rd_rsp_data(crd_rsp_data),
    .rd_rsp_id(crd_rsp_id),
    .rd_rsp_last(crd_rsp_last),
    .rd_rsp_error(crd_rsp_error),
    .m_eth_tx_tvalid(m_eth_tx_tvalid),
    .m_eth_tx_tready(m_eth_tx_tready),
    .m_eth_tx_tdata(m_eth_tx_tdata),
    .m_eth_tx_tkeep(m_eth_tx_tkeep),
    .m_eth_tx_tlast(m_eth_tx_tlast),
    .m_eth_tx_tuser(m_eth_tx_tuser),
    .tx_used_valid(tx_used_valid),
    .tx_used_ready(tx_used_ready),
    .tx_used_qid(tx_used_qid),
    .tx_used_id(tx_used_id),
    .tx_used_len(tx_used_len),
    .tx_used_count(tx_used_count),
    .err_valid(err_in_valid[2]),
    .err_ready(err_in_ready[2]),
    .err_qid(err_in_qid[2*QID_W +: QID_W]),
    .err_code(err_in_code[16 +: 8]),
    .stat_valid(tx_stat_valid),
    .stat_func(tx_stat_func),
    .stat_kind(tx_stat_kind),
    .stat_bytes(tx_stat_bytes)
);

vionic_net_rx #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP),
    .MAC_TABLE_ENTRIES(E),
    .MAX_FRAME(MAX_FRAME)
) net_rx_inst (
    .clk(clk),
    .rst(rst),
    .s_eth_rx_tvalid(s_eth_rx_tvalid),
    .s_eth_rx_tready(s_eth_rx_tready),
    .s_eth_rx_tdata(s_eth_rx_tdata),
    .s_eth_rx_tkeep(s_eth_rx_tkeep),
    .s_eth_rx_tlast(s_eth_rx_tlast),
    .s_eth_rx_tuser(s_eth_rx_tuser),
    .func_features(func_features),
    .func_mac(func_mac),
    .func_promisc(func_promisc),
    .func_allmulti(func_allmulti),
    .func_rx_enable(func_rx_enable),
    .func_queue_pairs(func_queue_pairs),
    .mac_table(mac_table),
    .mac_table_valid(mac_table_valid),
    .rxb_req_valid(rxb_req_valid),
    .rxb_req_ready(rxb_req_ready),
    .rxb_req_qid(rxb_req_qid),
    .rxb_valid(rxb_valid),
    .rxb_ready(rxb_ready),
    .rxb_addr(rxb_addr),
    .rxb_len(rxb_len),
    .rxb_last(rxb_last),
    .rxb_id(rxb_id),
    .rxb_count(rxb_count),
    .rxb_empty(rxb_empty),
    .wr_req_valid(cwr_req_valid[1]),
    .wr_req_ready(cwr_req_ready[1]),
    .wr_req_func(cwr_req_func[8 +: 8]),
    .wr_req_addr(cwr_req_addr[64 +: 64]),
    .wr_req_len(cwr_req_len[13 +: 13]),
    .wr_req_id(cwr_req_id[8 +: 8]),
    .wr_data_valid(cwr_data_valid[1]),
    .wr_data_ready(cwr_data_ready[1]),
    .wr_data(cwr_data[DW +: DW]),
    .wr_data_last(cwr_data_last[1]),
    .wr_done_valid(cwr_done_valid[1]),
    .wr_done_id(cwr_done_id),
    .wr_done_error(cwr_done_error),
    .rx_used_valid(rx_used_valid),
    .rx_used_ready(rx_used_ready),
    .rx_used_qid(rx_used_qid),
    .rx_used_id(rx_used_id),
    .rx_used_len(rx_used_len),
    .rx_used_count(rx_used_count),
    .err_valid(err_in_valid[3]),
    .err_ready(err_in_ready[3]),
    .err_qid(err_in_qid[3*QID_W +: QID_W]),
    .err_code(err_in_code[24 +: 8]),
    .stat_valid(rx_stat_valid),
    .stat_func(rx_stat_func),
    .stat_kind(rx_stat_kind),
    .stat_bytes(rx_stat_bytes)
);

// ------------------------------------------------------------------ DMA

wire          m_rd_req_valid;
wire          m_rd_req_ready;
wire [7:0]    m_rd_req_func;
wire [63:0]   m_rd_req_addr;
wire [12:0]   m_rd_req_len;
wire [7:0]    m_rd_req_id;
wire          m_rd_rsp_valid;
wire          m_rd_rsp_ready;
wire [DW-1:0] m_rd_rsp_data;
wire [7:0]    m_rd_rsp_id;
wire          m_rd_rsp_last;
wire          m_rd_rsp_error;

vionic_dma_rd_arb #(
    .DATA_WIDTH(DATA_WIDTH),
    .CLIENTS(RDC),
    .DEPTH(2 * NUM_TAGS)
) rd_arb_inst (
    .clk(clk),
    .rst(rst),
    .s_rd_req_valid(crd_req_valid),
    .s_rd_req_ready(crd_req_ready),
    .s_rd_req_func(crd_req_func),
    .s_rd_req_addr(crd_req_addr),
    .s_rd_req_len(crd_req_len),
    .s_rd_req_id(crd_req_id),
    .s_rd_rsp_valid(crd_rsp_valid),
    .s_rd_rsp_ready(crd_rsp_ready),
    .s_rd_rsp_data(crd_rsp_data),
    .s_rd_rsp_id(crd_rsp_id),
    .s_rd_rsp_last(crd_rsp_last),
    .s_rd_rsp_error(crd_rsp_error),
    .m_rd_req_valid(m_rd_req_valid),
    .m_rd_req_ready(m_rd_req_ready),
    .m_rd_req_func(m_rd_req_func),
    .m_rd_req_addr(m_rd_req_addr),
    .m_rd_req_len(m_rd_req_len),
    .m_rd_req_id(m_rd_req_id),
    .m_rd_rsp_valid(m_rd_rsp_valid),
    .m_rd_rsp_ready(m_rd_rsp_ready),
    .m_rd_rsp_data(m_rd_rsp_data),
    .m_rd_rsp_id(m_rd_rsp_id),
    .m_rd_rsp_last(m_rd_rsp_last),
    .m_rd_rsp_error(m_rd_rsp_error)
);

vionic_dma_read #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .NUM_TAGS(NUM_TAGS),
    .RQ_DEPTH(NUM_TAGS)
) read_inst (
    .clk(clk),
    .rst(rst),
    .func_bus_master(func_bus_master),
    .func_max_read_request(func_max_read_request),
    .func_ext_tag(func_ext_tag),
    .rd_req_valid(m_rd_req_valid),
    .rd_req_ready(m_rd_req_ready),
    .rd_req_func(m_rd_req_func),
    .rd_req_addr(m_rd_req_addr),
    .rd_req_len(m_rd_req_len),
    .rd_req_id(m_rd_req_id),
    .rd_rsp_valid(m_rd_rsp_valid),
    .rd_rsp_ready(m_rd_rsp_ready),
    .rd_rsp_data(m_rd_rsp_data),
    .rd_rsp_id(m_rd_rsp_id),
    .rd_rsp_last(m_rd_rsp_last),
    .rd_rsp_error(m_rd_rsp_error),
    .rtlp_valid(m_rqr_valid),
    .rtlp_ready(m_rqr_ready),
    .rtlp_func(m_rqr_func),
    .rtlp_addr(m_rqr_addr),
    .rtlp_len_dw(m_rqr_len_dw),
    .rtlp_first_be(m_rqr_first_be),
    .rtlp_last_be(m_rqr_last_be),
    .rtlp_tag(m_rqr_tag),
    .s_rc_valid(s_rc_valid),
    .s_rc_ready(s_rc_ready),
    .s_rc_tag(s_rc_tag),
    .s_rc_status(s_rc_status),
    .s_rc_byte_count(s_rc_byte_count),
    .s_rc_lower_addr(s_rc_lower_addr),
    .s_rc_len_dw(s_rc_len_dw),
    .s_rc_request_done(s_rc_request_done),
    .s_rc_data(s_rc_data),
    .s_rc_keep(s_rc_keep),
    .s_rc_last(s_rc_last)
);

wire          m_wr_req_valid;
wire          m_wr_req_ready;
wire [7:0]    m_wr_req_func;
wire [63:0]   m_wr_req_addr;
wire [12:0]   m_wr_req_len;
wire [7:0]    m_wr_req_id;
wire          m_wr_data_valid;
wire          m_wr_data_ready;
wire [DW-1:0] m_wr_data;
wire          m_wr_data_last;
wire          m_wr_done_valid;
wire [7:0]    m_wr_done_id;
wire          m_wr_done_error;

vionic_dma_wr_arb #(
    .DATA_WIDTH(DATA_WIDTH),
    .CLIENTS(WRC),
    .DEPTH(64)
) wr_arb_inst (
    .clk(clk),
    .rst(rst),
    .s_wr_req_valid(cwr_req_valid),
    .s_wr_req_ready(cwr_req_ready),
    .s_wr_req_func(cwr_req_func),
    .s_wr_req_addr(cwr_req_addr),
    .s_wr_req_len(cwr_req_len),
    .s_wr_req_id(cwr_req_id),
    .s_wr_data_valid(cwr_data_valid),
    .s_wr_data_ready(cwr_data_ready),
    .s_wr_data(cwr_data),
    .s_wr_data_last(cwr_data_last),
    .s_wr_done_valid(cwr_done_valid),
    .s_wr_done_id(cwr_done_id),
    .s_wr_done_error(cwr_done_error),
    .m_wr_req_valid(m_wr_req_valid),
    .m_wr_req_ready(m_wr_req_ready),
    .m_wr_req_func(m_wr_req_func),
    .m_wr_req_addr(m_wr_req_addr),
    .m_wr_req_len(m_wr_req_len),
    .m_wr_req_id(m_wr_req_id),
    .m_wr_data_valid(m_wr_data_valid),
    .m_wr_data_ready(m_wr_data_ready),
    .m_wr_data(m_wr_data),
    .m_wr_data_last(m_wr_data_last),
    .m_wr_done_valid(m_wr_done_valid),
    .m_wr_done_id(m_wr_done_id),
    .m_wr_done_error(m_wr_done_error)
);

wire                 wtlp_valid;
wire                 wtlp_ready;
wire [7:0]           wtlp_func;
wire [63:0]          wtlp_addr;
wire [10:0]          wtlp_len_dw;
wire [3:0]           wtlp_first_be;
wire [3:0]           wtlp_last_be;
wire [DW-1:0]        wtlp_data;
wire [DW/32-1:0]     wtlp_keep;
wire                 wtlp_last;

vionic_dma_write #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS)
) write_inst (
    .clk(clk),
    .rst(rst),
    .func_bus_master(func_bus_master),
    .func_max_payload(func_max_payload),
    .wr_req_valid(m_wr_req_valid),
    .wr_req_ready(m_wr_req_ready),
    .wr_req_func(m_wr_req_func),
    .wr_req_addr(m_wr_req_addr),
    .wr_req_len(m_wr_req_len),
    .wr_req_id(m_wr_req_id),
    .wr_data_valid(m_wr_data_valid),
    .wr_data_ready(m_wr_data_ready),
    .wr_data(m_wr_data),
    .wr_data_last(m_wr_data_last),
    .wr_done_valid(m_wr_done_valid),
    .wr_done_id(m_wr_done_id),
    .wr_done_error(m_wr_done_error),
    .wtlp_valid(wtlp_valid),
    .wtlp_ready(wtlp_ready),
    .wtlp_func(wtlp_func),
    .wtlp_addr(wtlp_addr),
    .wtlp_len_dw(wtlp_len_dw),
    .wtlp_first_be(wtlp_first_be),
    .wtlp_last_be(wtlp_last_be),
    .wtlp_data(wtlp_data),
    .wtlp_keep(wtlp_keep),
    .wtlp_last(wtlp_last),
    .dirty_valid(dirty_valid),
    .dirty_func(dirty_func),
    .dirty_addr(dirty_addr),
    .dirty_len(dirty_len)
);

// Reads leave on m_rqr, not through the mux: the mux's read input is tied off here
// (the DMA block test, tests/rtl/dma, still merges all three kinds on one stream).
wire unused_rq_mux_rtlp_ready;

vionic_rq_mux #(
    .DATA_WIDTH(DATA_WIDTH)
) rq_mux_inst (
    .clk(clk),
    .rst(rst),
    .rtlp_valid(1'b0),
    .rtlp_ready(unused_rq_mux_rtlp_ready),
    .rtlp_func(8'd0),
    .rtlp_addr(64'd0),
    .rtlp_len_dw(11'd0),
    .rtlp_first_be(4'd0),
    .rtlp_last_be(4'd0),
    .rtlp_tag(10'd0),
    .wtlp_valid(wtlp_valid),
    .wtlp_ready(wtlp_ready),
    .wtlp_func(wtlp_func),
    .wtlp_addr(wtlp_addr),
    .wtlp_len_dw(wtlp_len_dw),
    .wtlp_first_be(wtlp_first_be),
    .wtlp_last_be(wtlp_last_be),
    .wtlp_data(wtlp_data),
    .wtlp_keep(wtlp_keep),
    .wtlp_last(wtlp_last),
    .msix_valid(msix_valid),
    .msix_ready(msix_ready),
    .msix_type(msix_type),
    .msix_func(msix_func),
    .msix_addr(msix_addr),
    .msix_len_dw(msix_len_dw),
    .msix_first_be(msix_first_be),
    .msix_last_be(msix_last_be),
    .msix_tag(msix_tag),
    .msix_data(msix_data),
    .msix_keep(msix_keep),
    .msix_last(msix_last),
    .m_rq_valid(m_rq_valid),
    .m_rq_ready(m_rq_ready),
    .m_rq_type(m_rq_type),
    .m_rq_func(m_rq_func),
    .m_rq_addr(m_rq_addr),
    .m_rq_len_dw(m_rq_len_dw),
    .m_rq_first_be(m_rq_first_be),
    .m_rq_last_be(m_rq_last_be),
    .m_rq_tag(m_rq_tag),
    .m_rq_data(m_rq_data),
    .m_rq_keep(m_rq_keep),
    .m_rq_last(m_rq_last)
);

endmodule

`resetall
