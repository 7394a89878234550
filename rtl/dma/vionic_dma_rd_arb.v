`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_rd_arb: shares one DMA read client port (docs/datapath.md "DMA read
// client") among CLIENTS clients.
//
// Requests: round robin over the clients with a valid request; the choice is held
// while the granted request waits for ready (the master sees stable fields). The
// client number of every accepted request is pushed into a FIFO (DEPTH entries; no
// request is accepted while it is full). Responses come back in request order, so
// the FIFO head names the client of the current response; it is popped on the
// response's last beat.
// State: held choice, last grant, client-number FIFO.
module vionic_dma_rd_arb #(
    parameter DATA_WIDTH = 512,
    parameter CLIENTS = 4,
    parameter DEPTH = 64
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire [CLIENTS-1:0]        s_rd_req_valid,
    output wire [CLIENTS-1:0]        s_rd_req_ready,
    input  wire [8*CLIENTS-1:0]      s_rd_req_func,
    input  wire [64*CLIENTS-1:0]     s_rd_req_addr,
    input  wire [13*CLIENTS-1:0]     s_rd_req_len,
    input  wire [8*CLIENTS-1:0]      s_rd_req_id,
    output wire [CLIENTS-1:0]        s_rd_rsp_valid,
    input  wire [CLIENTS-1:0]        s_rd_rsp_ready,
    output wire [DATA_WIDTH-1:0]     s_rd_rsp_data,
    output wire [7:0]                s_rd_rsp_id,
    output wire                      s_rd_rsp_last,
    output wire                      s_rd_rsp_error,

    output wire                      m_rd_req_valid,
    input  wire                      m_rd_req_ready,
    output wire [7:0]                m_rd_req_func,
    output wire [63:0]               m_rd_req_addr,
    output wire [12:0]               m_rd_req_len,
    output wire [7:0]                m_rd_req_id,
    input  wire                      m_rd_rsp_valid,
    output wire                      m_rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]     m_rd_rsp_data,
    input  wire [7:0]                m_rd_rsp_id,
    input  wire                      m_rd_rsp_last,
    input  wire                      m_rd_rsp_error
);

localparam CW = (CLIENTS > 1) ? $clog2(CLIENTS) : 1;
localparam AW = $clog2(DEPTH);

reg          hold;
reg [CW-1:0] held;
reg [CW-1:0] last;
reg [CW-1:0] pick;
reg          found;
integer o;
reg [31:0] idx;
always @* begin
    pick = {CW{1'b0}};
    found = 1'b0;
    idx = 32'd0;
    for (o = 1; o <= CLIENTS; o = o + 1) begin
        idx = ({{(32-CW){1'b0}}, last} + o) % CLIENTS;
        if (!found && s_rd_req_valid[idx]) begin
            found = 1'b1;
            pick = idx[CW-1:0];
        end
    end
end
wire [CW-1:0] sel = hold ? held : pick;
wire unused_idx = &{1'b0, idx};

reg [CW-1:0] fifo [0:DEPTH-1];
reg [AW:0]   f_wr, f_rd;
wire [AW:0]  f_count = f_wr - f_rd;
wire         f_full = f_count[AW];
wire         f_empty = f_count == {(AW+1){1'b0}};
wire [CW-1:0] head = fifo[f_rd[AW-1:0]];

assign m_rd_req_valid = s_rd_req_valid[sel] && !f_full;
assign s_rd_req_ready = (m_rd_req_ready && !f_full) ? ({{(CLIENTS-1){1'b0}}, 1'b1} << sel) : {CLIENTS{1'b0}};
assign m_rd_req_func = s_rd_req_func[8*sel +: 8];
assign m_rd_req_addr = s_rd_req_addr[64*sel +: 64];
assign m_rd_req_len = s_rd_req_len[13*sel +: 13];
assign m_rd_req_id = s_rd_req_id[8*sel +: 8];
wire req_acc = m_rd_req_valid && m_rd_req_ready;

assign s_rd_rsp_valid = (m_rd_rsp_valid && !f_empty) ? ({{(CLIENTS-1){1'b0}}, 1'b1} << head) : {CLIENTS{1'b0}};
assign m_rd_rsp_ready = !f_empty && s_rd_rsp_ready[head];
assign s_rd_rsp_data = m_rd_rsp_data;
assign s_rd_rsp_id = m_rd_rsp_id;
assign s_rd_rsp_last = m_rd_rsp_last;
assign s_rd_rsp_error = m_rd_rsp_error;

always @(posedge clk) begin
    if (m_rd_req_valid) begin
        if (m_rd_req_ready) begin
            hold <= 1'b0;
            last <= sel;
        end else begin
            hold <= 1'b1;
            held <= sel;
        end
    end
    if (req_acc) begin
        fifo[f_wr[AW-1:0]] <= sel;
        f_wr <= f_wr + 1'b1;
    end
    if (m_rd_rsp_valid && m_rd_rsp_ready && m_rd_rsp_last) f_rd <= f_rd + 1'b1;
    if (rst) begin
        hold <= 1'b0;
        held <= {CW{1'b0}};
        last <= {CW{1'b0}};
        f_wr <= {(AW+1){1'b0}};
        f_rd <= {(AW+1){1'b0}};
    end
end

endmodule

`resetall
