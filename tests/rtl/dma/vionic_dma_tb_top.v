`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_tb_top: test wrapper of the DMA layer (tests/rtl/dma). Two read
// clients and one write client driven by the C++ test, plus vionic_fw_dma (read
// client 2, write client 1), behind vionic_dma_rd_arb / vionic_dma_wr_arb,
// vionic_dma_read, vionic_dma_write and vionic_rq_mux (with an MSI-X input driven
// by the test). m_rq / s_rc go to the C++ host-memory model.
module vionic_dma_tb_top #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 2,
    parameter CPL_TIMEOUT_CYCLES = 2000
) (
    input  wire                      clk,
    input  wire                      rst,
    input  wire [NUM_FUNCS-1:0]      func_bus_master,
    input  wire [3*NUM_FUNCS-1:0]    func_max_read_request,
    input  wire [NUM_FUNCS-1:0]      func_ext_tag,
    input  wire [3*NUM_FUNCS-1:0]    func_max_payload,

    input  wire [1:0]                c_rd_req_valid,
    output wire [1:0]                c_rd_req_ready,
    input  wire [15:0]               c_rd_req_func,
    input  wire [127:0]              c_rd_req_addr,
    input  wire [25:0]               c_rd_req_len,
    input  wire [15:0]               c_rd_req_id,
    output wire [1:0]                c_rd_rsp_valid,
    input  wire [1:0]                c_rd_rsp_ready,
    output wire [DATA_WIDTH-1:0]     c_rd_rsp_data,
    output wire [7:0]                c_rd_rsp_id,
    output wire                      c_rd_rsp_last,
    output wire                      c_rd_rsp_error,

    input  wire                      c_wr_req_valid,
    output wire                      c_wr_req_ready,
    input  wire [7:0]                c_wr_req_func,
    input  wire [63:0]               c_wr_req_addr,
    input  wire [12:0]               c_wr_req_len,
    input  wire [7:0]                c_wr_req_id,
    input  wire                      c_wr_data_valid,
    output wire                      c_wr_data_ready,
    input  wire [DATA_WIDTH-1:0]     c_wr_data,
    input  wire                      c_wr_data_last,
    output wire                      c_wr_done_valid,
    output wire [7:0]                c_wr_done_id,
    output wire                      c_wr_done_error,

    input  wire                      cpu_req_valid,
    output wire                      cpu_req_ready,
    input  wire [31:0]               cpu_req_addr,
    input  wire                      cpu_req_write,
    input  wire [3:0]                cpu_req_strb,
    input  wire [31:0]               cpu_req_wdata,
    output wire                      cpu_rsp_valid,
    output wire [31:0]               cpu_rsp_rdata,
    output wire                      cpu_rsp_error,

    input  wire                      msix_valid,
    output wire                      msix_ready,
    input  wire [7:0]                msix_func,
    input  wire [63:0]               msix_addr,
    input  wire [31:0]               msix_dw,

    output wire                      dirty_valid,
    output wire [7:0]                dirty_func,
    output wire [63:0]               dirty_addr,
    output wire [12:0]               dirty_len,

    output wire                      m_rq_valid,
    input  wire                      m_rq_ready,
    output wire [1:0]                m_rq_type,
    output wire [7:0]                m_rq_func,
    output wire [63:0]               m_rq_addr,
    output wire [10:0]               m_rq_len_dw,
    output wire [3:0]                m_rq_first_be,
    output wire [3:0]                m_rq_last_be,
    output wire [9:0]                m_rq_tag,
    output wire [DATA_WIDTH-1:0]     m_rq_data,
    output wire [DATA_WIDTH/32-1:0]  m_rq_keep,
    output wire                      m_rq_last,

    input  wire                      s_rc_valid,
    output wire                      s_rc_ready,
    input  wire [9:0]                s_rc_tag,
    input  wire [2:0]                s_rc_status,
    input  wire [12:0]               s_rc_byte_count,
    input  wire [6:0]                s_rc_lower_addr,
    input  wire [10:0]               s_rc_len_dw,
    input  wire                      s_rc_request_done,
    input  wire [DATA_WIDTH-1:0]     s_rc_data,
    input  wire [DATA_WIDTH/32-1:0]  s_rc_keep,
    input  wire                      s_rc_last
);

// fw_dma client ports
wire fw_rd_req_valid, fw_rd_req_ready, fw_rd_rsp_valid, fw_rd_rsp_ready;
wire [7:0] fw_rd_req_func, fw_rd_req_id;
wire [63:0] fw_rd_req_addr;
wire [12:0] fw_rd_req_len;
wire fw_wr_req_valid, fw_wr_req_ready, fw_wr_data_valid, fw_wr_data_ready, fw_wr_data_last, fw_wr_done_valid;
wire [7:0] fw_wr_req_func, fw_wr_req_id;
wire [63:0] fw_wr_req_addr;
wire [12:0] fw_wr_req_len;
wire [DATA_WIDTH-1:0] fw_wr_data;
wire [2:0] rsp_valid_all;
wire [1:0] done_valid_all;
wire [DATA_WIDTH-1:0] rsp_data;
wire [7:0] rsp_id, done_id;
wire rsp_last, rsp_error, done_error;

// read arbiter <-> engine
wire rd_req_valid, rd_req_ready, rd_rsp_valid, rd_rsp_ready, rd_rsp_last, rd_rsp_error;
wire [7:0] rd_req_func, rd_req_id, rd_rsp_id;
wire [63:0] rd_req_addr;
wire [12:0] rd_req_len;
wire [DATA_WIDTH-1:0] rd_rsp_data;
// write arbiter <-> engine
wire wr_req_valid, wr_req_ready, wr_data_valid, wr_data_ready, wr_data_last, wr_done_valid, wr_done_error;
wire [7:0] wr_req_func, wr_req_id, wr_done_id;
wire [63:0] wr_req_addr;
wire [12:0] wr_req_len;
wire [DATA_WIDTH-1:0] wr_data;
// engines <-> mux
wire rtlp_valid, rtlp_ready, wtlp_valid, wtlp_ready, wtlp_last;
wire [7:0] rtlp_func, wtlp_func;
wire [63:0] rtlp_addr, wtlp_addr;
wire [10:0] rtlp_len_dw, wtlp_len_dw;
wire [3:0] rtlp_first_be, rtlp_last_be, wtlp_first_be, wtlp_last_be;
wire [9:0] rtlp_tag;
wire [DATA_WIDTH-1:0] wtlp_data;
wire [DATA_WIDTH/32-1:0] wtlp_keep;

assign c_rd_rsp_valid = rsp_valid_all[1:0];
assign fw_rd_rsp_valid = rsp_valid_all[2];
assign c_rd_rsp_data = rsp_data;
assign c_rd_rsp_id = rsp_id;
assign c_rd_rsp_last = rsp_last;
assign c_rd_rsp_error = rsp_error;
assign c_wr_done_valid = done_valid_all[0];
assign fw_wr_done_valid = done_valid_all[1];
assign c_wr_done_id = done_id;
assign c_wr_done_error = done_error;
wire [2:0] rd_ready_all;
assign c_rd_req_ready = rd_ready_all[1:0];
assign fw_rd_req_ready = rd_ready_all[2];
wire [1:0] wr_ready_all, wd_ready_all;
assign c_wr_req_ready = wr_ready_all[0];
assign fw_wr_req_ready = wr_ready_all[1];
assign c_wr_data_ready = wd_ready_all[0];
assign fw_wr_data_ready = wd_ready_all[1];

vionic_dma_rd_arb #(.DATA_WIDTH(DATA_WIDTH), .CLIENTS(3), .DEPTH(64)) rd_arb (
    .clk(clk), .rst(rst),
    .s_rd_req_valid({fw_rd_req_valid, c_rd_req_valid}),
    .s_rd_req_ready(rd_ready_all),
    .s_rd_req_func({fw_rd_req_func, c_rd_req_func}),
    .s_rd_req_addr({fw_rd_req_addr, c_rd_req_addr}),
    .s_rd_req_len({fw_rd_req_len, c_rd_req_len}),
    .s_rd_req_id({fw_rd_req_id, c_rd_req_id}),
    .s_rd_rsp_valid(rsp_valid_all),
    .s_rd_rsp_ready({fw_rd_rsp_ready, c_rd_rsp_ready}),
    .s_rd_rsp_data(rsp_data), .s_rd_rsp_id(rsp_id), .s_rd_rsp_last(rsp_last), .s_rd_rsp_error(rsp_error),
    .m_rd_req_valid(rd_req_valid), .m_rd_req_ready(rd_req_ready), .m_rd_req_func(rd_req_func),
    .m_rd_req_addr(rd_req_addr), .m_rd_req_len(rd_req_len), .m_rd_req_id(rd_req_id),
    .m_rd_rsp_valid(rd_rsp_valid), .m_rd_rsp_ready(rd_rsp_ready), .m_rd_rsp_data(rd_rsp_data),
    .m_rd_rsp_id(rd_rsp_id), .m_rd_rsp_last(rd_rsp_last), .m_rd_rsp_error(rd_rsp_error)
);

vionic_dma_wr_arb #(.DATA_WIDTH(DATA_WIDTH), .CLIENTS(2), .DEPTH(64)) wr_arb (
    .clk(clk), .rst(rst),
    .s_wr_req_valid({fw_wr_req_valid, c_wr_req_valid}),
    .s_wr_req_ready(wr_ready_all),
    .s_wr_req_func({fw_wr_req_func, c_wr_req_func}),
    .s_wr_req_addr({fw_wr_req_addr, c_wr_req_addr}),
    .s_wr_req_len({fw_wr_req_len, c_wr_req_len}),
    .s_wr_req_id({fw_wr_req_id, c_wr_req_id}),
    .s_wr_data_valid({fw_wr_data_valid, c_wr_data_valid}),
    .s_wr_data_ready(wd_ready_all),
    .s_wr_data({fw_wr_data, c_wr_data}),
    .s_wr_data_last({fw_wr_data_last, c_wr_data_last}),
    .s_wr_done_valid(done_valid_all), .s_wr_done_id(done_id), .s_wr_done_error(done_error),
    .m_wr_req_valid(wr_req_valid), .m_wr_req_ready(wr_req_ready), .m_wr_req_func(wr_req_func),
    .m_wr_req_addr(wr_req_addr), .m_wr_req_len(wr_req_len), .m_wr_req_id(wr_req_id),
    .m_wr_data_valid(wr_data_valid), .m_wr_data_ready(wr_data_ready), .m_wr_data(wr_data),
    .m_wr_data_last(wr_data_last),
    .m_wr_done_valid(wr_done_valid), .m_wr_done_id(wr_done_id), .m_wr_done_error(wr_done_error)
);

vionic_dma_read #(.DATA_WIDTH(DATA_WIDTH), .NUM_FUNCS(NUM_FUNCS), .NUM_TAGS(64), .RQ_DEPTH(64),
                  .CPL_TIMEOUT_CYCLES(CPL_TIMEOUT_CYCLES)) rd (
    .clk(clk), .rst(rst),
    .func_bus_master(func_bus_master), .func_max_read_request(func_max_read_request),
    .func_ext_tag(func_ext_tag),
    .rd_req_valid(rd_req_valid), .rd_req_ready(rd_req_ready), .rd_req_func(rd_req_func),
    .rd_req_addr(rd_req_addr), .rd_req_len(rd_req_len), .rd_req_id(rd_req_id),
    .rd_rsp_valid(rd_rsp_valid), .rd_rsp_ready(rd_rsp_ready), .rd_rsp_data(rd_rsp_data),
    .rd_rsp_id(rd_rsp_id), .rd_rsp_last(rd_rsp_last), .rd_rsp_error(rd_rsp_error),
    .rtlp_valid(rtlp_valid), .rtlp_ready(rtlp_ready), .rtlp_func(rtlp_func), .rtlp_addr(rtlp_addr),
    .rtlp_len_dw(rtlp_len_dw), .rtlp_first_be(rtlp_first_be), .rtlp_last_be(rtlp_last_be), .rtlp_tag(rtlp_tag),
    .s_rc_valid(s_rc_valid), .s_rc_ready(s_rc_ready), .s_rc_tag(s_rc_tag), .s_rc_status(s_rc_status),
    .s_rc_byte_count(s_rc_byte_count), .s_rc_lower_addr(s_rc_lower_addr), .s_rc_len_dw(s_rc_len_dw),
    .s_rc_request_done(s_rc_request_done), .s_rc_data(s_rc_data), .s_rc_keep(s_rc_keep), .s_rc_last(s_rc_last)
);

vionic_dma_write #(.DATA_WIDTH(DATA_WIDTH), .NUM_FUNCS(NUM_FUNCS)) wr (
    .clk(clk), .rst(rst),
    .func_bus_master(func_bus_master), .func_max_payload(func_max_payload),
    .wr_req_valid(wr_req_valid), .wr_req_ready(wr_req_ready), .wr_req_func(wr_req_func),
    .wr_req_addr(wr_req_addr), .wr_req_len(wr_req_len), .wr_req_id(wr_req_id),
    .wr_data_valid(wr_data_valid), .wr_data_ready(wr_data_ready), .wr_data(wr_data), .wr_data_last(wr_data_last),
    .wr_done_valid(wr_done_valid), .wr_done_id(wr_done_id), .wr_done_error(wr_done_error),
    .wtlp_valid(wtlp_valid), .wtlp_ready(wtlp_ready), .wtlp_func(wtlp_func), .wtlp_addr(wtlp_addr),
    .wtlp_len_dw(wtlp_len_dw), .wtlp_first_be(wtlp_first_be), .wtlp_last_be(wtlp_last_be),
    .wtlp_data(wtlp_data), .wtlp_keep(wtlp_keep), .wtlp_last(wtlp_last),
    .dirty_valid(dirty_valid), .dirty_func(dirty_func), .dirty_addr(dirty_addr), .dirty_len(dirty_len)
);

vionic_rq_mux #(.DATA_WIDTH(DATA_WIDTH)) mux (
    .clk(clk), .rst(rst),
    .rtlp_valid(rtlp_valid), .rtlp_ready(rtlp_ready), .rtlp_func(rtlp_func), .rtlp_addr(rtlp_addr),
    .rtlp_len_dw(rtlp_len_dw), .rtlp_first_be(rtlp_first_be), .rtlp_last_be(rtlp_last_be), .rtlp_tag(rtlp_tag),
    .wtlp_valid(wtlp_valid), .wtlp_ready(wtlp_ready), .wtlp_func(wtlp_func), .wtlp_addr(wtlp_addr),
    .wtlp_len_dw(wtlp_len_dw), .wtlp_first_be(wtlp_first_be), .wtlp_last_be(wtlp_last_be),
    .wtlp_data(wtlp_data), .wtlp_keep(wtlp_keep), .wtlp_last(wtlp_last),
    .msix_valid(msix_valid), .msix_ready(msix_ready), .msix_type(2'd1), .msix_func(msix_func),
    .msix_addr(msix_addr), .msix_len_dw(11'd1), .msix_first_be(4'hf), .msix_last_be(4'h0), .msix_tag(10'd0),
    .msix_data({{(DATA_WIDTH-32){1'b0}}, msix_dw}), .msix_keep({{(DATA_WIDTH/32-1){1'b0}}, 1'b1}), .msix_last(1'b1),
    .m_rq_valid(m_rq_valid), .m_rq_ready(m_rq_ready), .m_rq_type(m_rq_type), .m_rq_func(m_rq_func),
    .m_rq_addr(m_rq_addr), .m_rq_len_dw(m_rq_len_dw), .m_rq_first_be(m_rq_first_be), .m_rq_last_be(m_rq_last_be),
    .m_rq_tag(m_rq_tag), .m_rq_data(m_rq_data), .m_rq_keep(m_rq_keep), .m_rq_last(m_rq_last)
);

vionic_fw_dma #(.DATA_WIDTH(DATA_WIDTH)) fw (
    .clk(clk), .rst(rst),
    .req_valid(cpu_req_valid), .req_ready(cpu_req_ready), .req_addr(cpu_req_addr), .req_write(cpu_req_write),
    .req_strb(cpu_req_strb), .req_wdata(cpu_req_wdata),
    .rsp_valid(cpu_rsp_valid), .rsp_rdata(cpu_rsp_rdata), .rsp_error(cpu_rsp_error),
    .rd_req_valid(fw_rd_req_valid), .rd_req_ready(fw_rd_req_ready), .rd_req_func(fw_rd_req_func),
    .rd_req_addr(fw_rd_req_addr), .rd_req_len(fw_rd_req_len), .rd_req_id(fw_rd_req_id),
    .rd_rsp_valid(fw_rd_rsp_valid), .rd_rsp_ready(fw_rd_rsp_ready), .rd_rsp_data(rsp_data),
    .rd_rsp_id(rsp_id), .rd_rsp_last(rsp_last), .rd_rsp_error(rsp_error),
    .wr_req_valid(fw_wr_req_valid), .wr_req_ready(fw_wr_req_ready), .wr_req_func(fw_wr_req_func),
    .wr_req_addr(fw_wr_req_addr), .wr_req_len(fw_wr_req_len), .wr_req_id(fw_wr_req_id),
    .wr_data_valid(fw_wr_data_valid), .wr_data_ready(fw_wr_data_ready), .wr_data(fw_wr_data),
    .wr_data_last(fw_wr_data_last),
    .wr_done_valid(fw_wr_done_valid), .wr_done_id(done_id), .wr_done_error(done_error)
);

endmodule

`resetall
