`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_rq_mux: merges read TLPs (vionic_dma_read), write TLPs (vionic_dma_write)
// and MSI-X messages (vionic_msix) onto the device's m_rq stream
// (docs/pcie-interface.md "Requester request").
//
// Combinational pass-through of the chosen source. The choice is round robin
// (read, write, MSI-X) at TLP boundaries and is held from the first cycle a beat
// is offered until the TLP's last beat moves, so a multi-beat write is never
// interleaved and m_rq holds stable while it waits for ready. Every source keeps
// its own order, so an MSI-X message requested after a write's wr_done follows
// that write on the link (PCIe Base §2.4.1 posted ordering).
// State: hold flag, held source, last granted source.
module vionic_rq_mux #(
    parameter DATA_WIDTH = 512
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire                      rtlp_valid,
    output wire                      rtlp_ready,
    input  wire [7:0]                rtlp_func,
    input  wire [63:0]               rtlp_addr,
    input  wire [10:0]               rtlp_len_dw,
    input  wire [3:0]                rtlp_first_be,
    input  wire [3:0]                rtlp_last_be,
    input  wire [9:0]                rtlp_tag,

    input  wire                      wtlp_valid,
    output wire                      wtlp_ready,
    input  wire [7:0]                wtlp_func,
    input  wire [63:0]               wtlp_addr,
    input  wire [10:0]               wtlp_len_dw,
    input  wire [3:0]                wtlp_first_be,
    input  wire [3:0]                wtlp_last_be,
    input  wire [DATA_WIDTH-1:0]     wtlp_data,
    input  wire [DATA_WIDTH/32-1:0]  wtlp_keep,
    input  wire                      wtlp_last,

    input  wire                      msix_valid,
    output wire                      msix_ready,
    input  wire [1:0]                msix_type,
    input  wire [7:0]                msix_func,
    input  wire [63:0]               msix_addr,
    input  wire [10:0]               msix_len_dw,
    input  wire [3:0]                msix_first_be,
    input  wire [3:0]                msix_last_be,
    input  wire [9:0]                msix_tag,
    input  wire [DATA_WIDTH-1:0]     msix_data,
    input  wire [DATA_WIDTH/32-1:0]  msix_keep,
    input  wire                      msix_last,

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
    output wire                      m_rq_last
);

`include "vionic_pcie_config_regs.vh"

localparam [31:0] TLP_RD32 = `VIONIC_PCIE_CONFIG_TLP_MEM_RD;
localparam [31:0] TLP_WR32 = `VIONIC_PCIE_CONFIG_TLP_MEM_WR;
localparam [1:0] SRC_RD = 2'd0;
localparam [1:0] SRC_WR = 2'd1;
localparam [1:0] SRC_MSIX = 2'd2;

reg       hold;
reg [1:0] held;
reg [1:0] last;
reg [1:0] pick;

always @* begin
    pick = SRC_RD;
    case (last)
        SRC_RD:  pick = wtlp_valid ? SRC_WR : msix_valid ? SRC_MSIX : SRC_RD;
        SRC_WR:  pick = msix_valid ? SRC_MSIX : rtlp_valid ? SRC_RD : SRC_WR;
        default: pick = rtlp_valid ? SRC_RD : wtlp_valid ? SRC_WR : SRC_MSIX;
    endcase
end

wire [1:0] sel = hold ? held : pick;
wire sel_rd = sel == SRC_RD;
wire sel_wr = sel == SRC_WR;
wire sel_ms = sel == SRC_MSIX;

assign m_rq_valid = sel_rd ? rtlp_valid : sel_wr ? wtlp_valid : msix_valid;
assign rtlp_ready = sel_rd && m_rq_ready;
assign wtlp_ready = sel_wr && m_rq_ready;
assign msix_ready = sel_ms && m_rq_ready;
assign m_rq_type = sel_rd ? TLP_RD32[1:0] : sel_wr ? TLP_WR32[1:0] : msix_type;
assign m_rq_func = sel_rd ? rtlp_func : sel_wr ? wtlp_func : msix_func;
assign m_rq_addr = sel_rd ? rtlp_addr : sel_wr ? wtlp_addr : msix_addr;
assign m_rq_len_dw = sel_rd ? rtlp_len_dw : sel_wr ? wtlp_len_dw : msix_len_dw;
assign m_rq_first_be = sel_rd ? rtlp_first_be : sel_wr ? wtlp_first_be : msix_first_be;
assign m_rq_last_be = sel_rd ? rtlp_last_be : sel_wr ? wtlp_last_be : msix_last_be;
assign m_rq_tag = sel_rd ? rtlp_tag : sel_wr ? 10'd0 : msix_tag;
assign m_rq_data = sel_wr ? wtlp_data : sel_ms ? msix_data : {DATA_WIDTH{1'b0}};
assign m_rq_keep = sel_wr ? wtlp_keep : sel_ms ? msix_keep : {(DATA_WIDTH/32){1'b0}};
assign m_rq_last = sel_rd ? 1'b1 : sel_wr ? wtlp_last : msix_last;

always @(posedge clk) begin
    if (m_rq_valid) begin
        if (m_rq_ready && m_rq_last) begin
            hold <= 1'b0;
            last <= sel;
        end else begin
            hold <= 1'b1;
            held <= sel;
        end
    end
    if (rst) begin
        hold <= 1'b0;
        held <= SRC_RD;
        last <= SRC_MSIX;
    end
end

endmodule

`resetall
