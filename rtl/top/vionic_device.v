`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_pcie_config_regs.vh"

// vionic_device: the portable vionic device (docs/transport.md,
// docs/pcie-interface.md): PCIe endpoint, virtio transport registers, MSI-X,
// the control processor with its CSRs and stores.
//
// Interfaces: the four vendor-neutral PCIe streams (s_cq/m_cc completer,
// m_rq/s_rc requester), the Ethernet link indication eth_link_up
// (asynchronous; two-flop synchronized here), and the simulation-control
// outputs of vionic_simctrl (console, halt).
// The data path (vionic_datapath, docs/datapath.md) owns m_rq/s_rc (DMA and,
// merged in order, the MSI-X messages of vionic_msix) and the Ethernet
// AXI-stream ports m_eth_tx / s_eth_rx.
// Firmware images: ITCM_INIT_FILE / DTCM_INIT_FILE for synthesis; simulation
// loads them with the +itcm= / +dtcm= plusargs (vionic_tcm).
module vionic_device #(
    // PCIe functions (PF + VFs)
    parameter NUM_FUNCS = `VIONIC_PCIE_CONFIG_NUM_FUNCS,
    // queue contexts (and notify pages) per function
    parameter QUEUES_PER_FUNC = `VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC,
    // MSI-X vectors per function
    parameter MSIX_VECTORS = `VIONIC_PCIE_CONFIG_MSIX_VECTORS,
    // log2 of the BAR0 size in bytes
    parameter BAR0_SIZE_LOG2 = `VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2,
    // data path width (m_rq / s_rc / Ethernet streams)
    parameter DATA_WIDTH = 512,
    // hardware queue pairs per function (docs/datapath.md)
    parameter NUM_QP = 4,
    // largest Ethernet frame without FCS (MTU 1500 + header + VLAN tag)
    parameter MAX_FRAME = 1518,
    // host-event queue entries
    parameter EVENT_DEPTH = 32,
    // longest wait of a common-config read for the firmware (cycles)
    parameter READ_WAIT_CYCLES = 65536,
    // longest wait of a host write for room in the event queue (cycles)
    parameter EVENT_FULL_WAIT_CYCLES = 65536,
    // firmware images for synthesis ("" = none)
    parameter ITCM_INIT_FILE = "",
    parameter DTCM_INIT_FILE = ""
) (
    input  wire                     clk,
    input  wire                     rst,
    input  wire                     eth_link_up,

    input  wire                     s_cq_valid,
    output wire                     s_cq_ready,
    input  wire [1:0]               s_cq_type,
    input  wire [7:0]               s_cq_func,
    input  wire [63:0]              s_cq_addr,
    input  wire [10:0]              s_cq_len_dw,
    input  wire [3:0]               s_cq_first_be,
    input  wire [3:0]               s_cq_last_be,
    input  wire [9:0]               s_cq_tag,
    input  wire [15:0]              s_cq_requester_id,
    input  wire [31:0]              s_cq_data,
    input  wire                     s_cq_last,

    output wire                     m_cc_valid,
    input  wire                     m_cc_ready,
    output wire [7:0]               m_cc_func,
    output wire [15:0]              m_cc_requester_id,
    output wire [9:0]               m_cc_tag,
    output wire [2:0]               m_cc_status,
    output wire [12:0]              m_cc_byte_count,
    output wire [6:0]               m_cc_lower_addr,
    output wire [10:0]              m_cc_len_dw,
    output wire [31:0]              m_cc_data,
    output wire                     m_cc_last,

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

    output wire                     console_valid,
    output wire [7:0]               console_char,
    output wire                     halt_valid,
    output wire [31:0]              halt_code
);

// ------------------------------------------------------------------ link

wire link_up;

vionic_sync_bit link_sync_inst (
    .clk(clk),
    .in_async(eth_link_up),
    .out(link_up)
);

// ------------------------------------------------------------------ PCIe endpoint

wire                      fw_ready;
wire                      reg_req_valid;
wire                      reg_req_ready;
wire                      reg_req_write;
wire [7:0]                reg_req_func;
wire [BAR0_SIZE_LOG2-3:0] reg_req_addr;
wire [3:0]                reg_req_be;
wire [31:0]               reg_req_wdata;
wire                      reg_rsp_valid;
wire [31:0]               reg_rsp_rdata;
wire [NUM_FUNCS-1:0]      func_mem_enable;
wire [NUM_FUNCS-1:0]      func_bus_master;
wire [NUM_FUNCS-1:0]      func_msix_enable;
wire [NUM_FUNCS-1:0]      func_msix_mask;
wire [2*NUM_FUNCS-1:0]    func_power_state;
wire [3*NUM_FUNCS-1:0]    func_max_payload;
wire [3*NUM_FUNCS-1:0]    func_max_read_request;
wire [NUM_FUNCS-1:0]      func_ext_tag;
wire [NUM_FUNCS-1:0]      func_flr;

vionic_pcie_endpoint #(
    .NUM_FUNCS(NUM_FUNCS),
    .BAR0_SIZE_LOG2(BAR0_SIZE_LOG2),
    .MSIX_VECTORS(MSIX_VECTORS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .READ_MAX_DW(`VIONIC_PCIE_CONFIG_COMPLETER_MAX_READ_DW)
) endpoint_inst (
    .clk(clk),
    .rst(rst),
    .fw_ready(fw_ready),
    .s_cq_valid(s_cq_valid),
    .s_cq_ready(s_cq_ready),
    .s_cq_type(s_cq_type),
    .s_cq_func(s_cq_func),
    .s_cq_addr(s_cq_addr),
    .s_cq_len_dw(s_cq_len_dw),
    .s_cq_first_be(s_cq_first_be),
    .s_cq_last_be(s_cq_last_be),
    .s_cq_tag(s_cq_tag),
    .s_cq_requester_id(s_cq_requester_id),
    .s_cq_data(s_cq_data),
    .s_cq_last(s_cq_last),
    .m_cc_valid(m_cc_valid),
    .m_cc_ready(m_cc_ready),
    .m_cc_func(m_cc_func),
    .m_cc_requester_id(m_cc_requester_id),
    .m_cc_tag(m_cc_tag),
    .m_cc_status(m_cc_status),
    .m_cc_byte_count(m_cc_byte_count),
    .m_cc_lower_addr(m_cc_lower_addr),
    .m_cc_len_dw(m_cc_len_dw),
    .m_cc_data(m_cc_data),
    .m_cc_last(m_cc_last),
    .reg_req_valid(reg_req_valid),
    .reg_req_ready(reg_req_ready),
    .reg_req_write(reg_req_write),
    .reg_req_func(reg_req_func),
    .reg_req_addr(reg_req_addr),
    .reg_req_be(reg_req_be),
    .reg_req_wdata(reg_req_wdata),
    .reg_rsp_valid(reg_rsp_valid),
    .reg_rsp_rdata(reg_rsp_rdata),
    .func_mem_enable(func_mem_enable),
    .func_bus_master(func_bus_master),
    .func_msix_enable(func_msix_enable),
    .func_msix_mask(func_msix_mask),
    .func_power_state(func_power_state),
    .func_max_payload(func_max_payload),
    .func_max_read_request(func_max_read_request),
    .func_ext_tag(func_ext_tag),
    .func_flr(func_flr)
);

// ------------------------------------------------------------------ transport

wire                      msix_valid;
wire                      msix_ready;
wire [1:0]                msix_type;
wire [7:0]                msix_func;
wire [63:0]               msix_addr;
wire [10:0]               msix_len_dw;
wire [3:0]                msix_first_be;
wire [3:0]                msix_last_be;
wire [9:0]                msix_tag;
wire [DATA_WIDTH-1:0]     msix_data;
wire [DATA_WIDTH/32-1:0]  msix_keep;
wire                      msix_last;
wire                      db_valid;
wire                      db_ready;
wire [7:0]                db_func;
wire [15:0]               db_queue;
wire [31:0]               db_data;
wire                      qirq_valid;
wire                      qirq_ready;
wire [7:0]                qirq_func;
wire [15:0]               qirq_vector;
wire [$clog2(NUM_FUNCS * QUEUES_PER_FUNC * 16)-1:0] qctx_rd_addr;
wire [31:0]               qctx_rd_data;
wire [7:0]                stats_rd_func;
wire [3:0]                stats_rd_index;
wire [31:0]               stats_rd_data;
wire                      dp_req_valid;
wire                      dp_req_ready;
wire                      dp_rsp_valid;
wire [31:0]               dp_rsp_rdata;
wire                      dp_rsp_error;
wire                      dp_irq;
wire                      dirty_valid;
wire [7:0]                dirty_func;
wire [63:0]               dirty_addr;
wire [12:0]               dirty_len;


wire        periph_req_valid;
wire        periph_req_ready;
wire [31:0] periph_req_addr;
wire        periph_req_write;
wire [3:0]  periph_req_strb;
wire [31:0] periph_req_wdata;
wire        periph_rsp_valid;
wire [31:0] periph_rsp_rdata;
wire        periph_rsp_error;
wire        event_irq;

vionic_virtio_transport #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .MSIX_VECTORS(MSIX_VECTORS),
    .BAR0_SIZE_LOG2(BAR0_SIZE_LOG2),
    .DATA_WIDTH(DATA_WIDTH),
    .EVENT_DEPTH(EVENT_DEPTH),
    .READ_WAIT_CYCLES(READ_WAIT_CYCLES),
    .EVENT_FULL_WAIT_CYCLES(EVENT_FULL_WAIT_CYCLES)
) transport_inst (
    .clk(clk),
    .rst(rst),
    .link_up(link_up),
    .reg_req_valid(reg_req_valid),
    .reg_req_ready(reg_req_ready),
    .reg_req_write(reg_req_write),
    .reg_req_func(reg_req_func),
    .reg_req_addr(reg_req_addr),
    .reg_req_be(reg_req_be),
    .reg_req_wdata(reg_req_wdata),
    .reg_rsp_valid(reg_rsp_valid),
    .reg_rsp_rdata(reg_rsp_rdata),
    .func_mem_enable(func_mem_enable),
    .func_bus_master(func_bus_master),
    .func_msix_enable(func_msix_enable),
    .func_msix_mask(func_msix_mask),
    .func_power_state(func_power_state),
    .func_max_payload(func_max_payload),
    .func_max_read_request(func_max_read_request),
    .func_flr(func_flr),
    .fw_ready(fw_ready),
    .periph_req_valid(periph_req_valid),
    .periph_req_ready(periph_req_ready),
    .periph_req_addr(periph_req_addr),
    .periph_req_write(periph_req_write),
    .periph_req_strb(periph_req_strb),
    .periph_req_wdata(periph_req_wdata),
    .periph_rsp_valid(periph_rsp_valid),
    .periph_rsp_rdata(periph_rsp_rdata),
    .periph_rsp_error(periph_rsp_error),
    .irq_external(event_irq),
    .m_rq_valid(msix_valid),
    .m_rq_ready(msix_ready),
    .m_rq_type(msix_type),
    .m_rq_func(msix_func),
    .m_rq_addr(msix_addr),
    .m_rq_len_dw(msix_len_dw),
    .m_rq_first_be(msix_first_be),
    .m_rq_last_be(msix_last_be),
    .m_rq_tag(msix_tag),
    .m_rq_data(msix_data),
    .m_rq_keep(msix_keep),
    .m_rq_last(msix_last),
    .db_valid(db_valid),
    .db_ready(db_ready),
    .db_func(db_func),
    .db_queue(db_queue),
    .db_data(db_data),
    .qirq_valid(qirq_valid),
    .qirq_ready(qirq_ready),
    .qirq_func(qirq_func),
    .qirq_vector(qirq_vector),
    .qctx_rd_addr(qctx_rd_addr),
    .qctx_rd_data(qctx_rd_data),
    .stats_rd_func(stats_rd_func),
    .stats_rd_index(stats_rd_index),
    .stats_rd_data(stats_rd_data),
    .dp_req_valid(dp_req_valid),
    .dp_req_ready(dp_req_ready),
    .dp_rsp_valid(dp_rsp_valid),
    .dp_rsp_rdata(dp_rsp_rdata),
    .dp_rsp_error(dp_rsp_error),
    .dp_irq(dp_irq),
    .console_valid(console_valid),
    .console_char(console_char),
    .halt_valid(halt_valid),
    .halt_code(halt_code)
);

// ------------------------------------------------------------------ data path

vionic_datapath #(
    .DATA_WIDTH(DATA_WIDTH),
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .NUM_QP(NUM_QP),
    .MAX_FRAME(MAX_FRAME)
) datapath_inst (
    .clk(clk),
    .rst(rst),
    .func_bus_master(func_bus_master),
    .func_max_payload(func_max_payload),
    .func_max_read_request(func_max_read_request),
    .func_ext_tag(func_ext_tag),
    .db_valid(db_valid),
    .db_ready(db_ready),
    .db_func(db_func),
    .db_queue(db_queue),
    .db_data(db_data),
    .qirq_valid(qirq_valid),
    .qirq_ready(qirq_ready),
    .qirq_func(qirq_func),
    .qirq_vector(qirq_vector),
    .qctx_rd_addr(qctx_rd_addr),
    .qctx_rd_data(qctx_rd_data),
    .stats_rd_func(stats_rd_func),
    .stats_rd_index(stats_rd_index),
    .stats_rd_data(stats_rd_data),
    .periph_req_valid(dp_req_valid),
    .periph_req_ready(dp_req_ready),
    .periph_req_addr(periph_req_addr),
    .periph_req_write(periph_req_write),
    .periph_req_strb(periph_req_strb),
    .periph_req_wdata(periph_req_wdata),
    .periph_rsp_valid(dp_rsp_valid),
    .periph_rsp_rdata(dp_rsp_rdata),
    .periph_rsp_error(dp_rsp_error),
    .irq(dp_irq),
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
    .m_rq_last(m_rq_last),
    .m_rqr_valid(m_rqr_valid),
    .m_rqr_ready(m_rqr_ready),
    .m_rqr_func(m_rqr_func),
    .m_rqr_addr(m_rqr_addr),
    .m_rqr_len_dw(m_rqr_len_dw),
    .m_rqr_first_be(m_rqr_first_be),
    .m_rqr_last_be(m_rqr_last_be),
    .m_rqr_tag(m_rqr_tag),
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
    .s_rc_last(s_rc_last),
    .m_eth_tx_tvalid(m_eth_tx_tvalid),
    .m_eth_tx_tready(m_eth_tx_tready),
    .m_eth_tx_tdata(m_eth_tx_tdata),
    .m_eth_tx_tkeep(m_eth_tx_tkeep),
    .m_eth_tx_tlast(m_eth_tx_tlast),
    .m_eth_tx_tuser(m_eth_tx_tuser),
    .s_eth_rx_tvalid(s_eth_rx_tvalid),
    .s_eth_rx_tready(s_eth_rx_tready),
    .s_eth_rx_tdata(s_eth_rx_tdata),
    .s_eth_rx_tkeep(s_eth_rx_tkeep),
    .s_eth_rx_tlast(s_eth_rx_tlast),
    .s_eth_rx_tuser(s_eth_rx_tuser),
    .dirty_valid(dirty_valid),
    .dirty_func(dirty_func),
    .dirty_addr(dirty_addr),
    .dirty_len(dirty_len)
);

// dirty-page logging consumes these in issue 6
wire unused_dirty = &{1'b0, dirty_valid, dirty_func, dirty_addr, dirty_len};

// ------------------------------------------------------------------ control processor

vionic_cpu_subsystem #(
    .ITCM_INIT_FILE(ITCM_INIT_FILE),
    .DTCM_INIT_FILE(DTCM_INIT_FILE)
) subsystem_inst (
    .clk(clk),
    .rst(rst),
    .periph_req_valid(periph_req_valid),
    .periph_req_ready(periph_req_ready),
    .periph_req_addr(periph_req_addr),
    .periph_req_write(periph_req_write),
    .periph_req_strb(periph_req_strb),
    .periph_req_wdata(periph_req_wdata),
    .periph_rsp_valid(periph_rsp_valid),
    .periph_rsp_rdata(periph_rsp_rdata),
    .periph_rsp_error(periph_rsp_error),
    .irq_external(event_irq)
);

endmodule

`resetall
