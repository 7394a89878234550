`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_wr_arb: shares one DMA write client port (docs/datapath.md "DMA
// write client") among CLIENTS clients.
//
// Requests: round robin over the clients with a valid request (choice held while
// it waits for ready). After a request is accepted, its client owns the data
// channel until the beat with wr_data_last moves; no other request is granted
// meanwhile. The client number of every accepted request goes into a FIFO
// (DEPTH entries; no request is accepted while it is full); wr_done pulses come
// back in request order and go to the FIFO head's client.
// State: held choice, last grant, data owner, client-number FIFO.
module vionic_dma_wr_arb #(
    parameter DATA_WIDTH = 512,
    parameter CLIENTS = 3,
    parameter DEPTH = 64
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire [CLIENTS-1:0]        s_wr_req_valid,
    output wire [CLIENTS-1:0]        s_wr_req_ready,
    input  wire [8*CLIENTS-1:0]      s_wr_req_func,
    input  wire [64*CLIENTS-1:0]     s_wr_req_addr,
    input  wire [13*CLIENTS-1:0]     s_wr_req_len,
    input  wire [8*CLIENTS-1:0]      s_wr_req_id,
    input  wire [CLIENTS-1:0]        s_wr_data_valid,
    output wire [CLIENTS-1:0]        s_wr_data_ready,
    input  wire [DATA_WIDTH*CLIENTS-1:0] s_wr_data,
    input  wire [CLIENTS-1:0]        s_wr_data_last,
    output wire [CLIENTS-1:0]        s_wr_done_valid,
    output wire [7:0]                s_wr_done_id,
    output wire                      s_wr_done_error,

    output wire                      m_wr_req_valid,
    input  wire                      m_wr_req_ready,
    output wire [7:0]                m_wr_req_func,
    output wire [63:0]               m_wr_req_addr,
    output wire [12:0]               m_wr_req_len,
    output wire [7:0]                m_wr_req_id,
    output wire                      m_wr_data_valid,
    input  wire                      m_wr_data_ready,
    output wire [DATA_WIDTH-1:0]     m_wr_data,
    output wire                      m_wr_data_last,
    input  wire                      m_wr_done_valid,
    input  wire [7:0]                m_wr_done_id,
    input  wire                      m_wr_done_error
);

localparam CW = (CLIENTS > 1) ? $clog2(CLIENTS) : 1;
localparam AW = $clog2(DEPTH);

reg          hold;
reg [CW-1:0] held;
reg [CW-1:0] last;
reg          busy;     // data phase of owner
reg [CW-1:0] owner;
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
        if (!found && s_wr_req_valid[idx]) begin
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
wire [CW-1:0] head = fifo[f_rd[AW-1:0]];

wire can_req = !busy && !f_full;
assign m_wr_req_valid = s_wr_req_valid[sel] && can_req;
assign s_wr_req_ready = (m_wr_req_ready && can_req) ? ({{(CLIENTS-1){1'b0}}, 1'b1} << sel) : {CLIENTS{1'b0}};
assign m_wr_req_func = s_wr_req_func[8*sel +: 8];
assign m_wr_req_addr = s_wr_req_addr[64*sel +: 64];
assign m_wr_req_len = s_wr_req_len[13*sel +: 13];
assign m_wr_req_id = s_wr_req_id[8*sel +: 8];
wire req_acc = m_wr_req_valid && m_wr_req_ready;

// data: the owner's during its data phase; in the cycle a request goes, the
// requester's first beat may go with it (the engine takes it only together
// with the request), so a write of N beats costs N cycles
wire [CW-1:0] dsel = busy ? owner : sel;
wire          d_open = busy || m_wr_req_valid;
assign m_wr_data_valid = d_open && s_wr_data_valid[dsel];
assign s_wr_data_ready = (d_open && m_wr_data_ready) ? ({{(CLIENTS-1){1'b0}}, 1'b1} << dsel) : {CLIENTS{1'b0}};
assign m_wr_data = s_wr_data[DATA_WIDTH*dsel +: DATA_WIDTH];
assign m_wr_data_last = s_wr_data_last[dsel];

assign s_wr_done_valid = m_wr_done_valid ? ({{(CLIENTS-1){1'b0}}, 1'b1} << head) : {CLIENTS{1'b0}};
assign s_wr_done_id = m_wr_done_id;
assign s_wr_done_error = m_wr_done_error;

always @(posedge clk) begin
    if (m_wr_req_valid) begin
        if (m_wr_req_ready) begin
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
        busy <= 1'b1;
        owner <= sel;
    end
    // (a one-beat write whose beat went with its request leaves busy 0 below)
    if (m_wr_data_valid && m_wr_data_ready && m_wr_data_last) busy <= 1'b0;
    if (m_wr_done_valid) f_rd <= f_rd + 1'b1;
    if (rst) begin
        hold <= 1'b0;
        held <= {CW{1'b0}};
        last <= {CW{1'b0}};
        busy <= 1'b0;
        owner <= {CW{1'b0}};
        f_wr <= {(AW+1){1'b0}};
        f_rd <= {(AW+1){1'b0}};
    end
end

endmodule

`resetall
