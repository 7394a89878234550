`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_fifo: small synchronous show-ahead FIFO of the network pipelines
// (vionic_net_rx: frame records, descriptors, jobs, used entries, statistics;
// vionic_net_tx: requests, chains, frames).
// Interface: push (wr_en, wr_data; the writer checks `count`/`full` first, a push
// when full is ignored), pop (rd_en when not empty), head in rd_data
// (combinational read of the register array), occupancy in count.
// State: the register array, read/write pointers.
module vionic_net_fifo #(
    parameter WIDTH = 8,
    // a power of 2, >= 2
    parameter DEPTH = 16
) (
    input  wire              clk,
    input  wire              rst,
    input  wire              wr_en,
    input  wire [WIDTH-1:0]  wr_data,
    input  wire              rd_en,
    output wire [WIDTH-1:0]  rd_data,
    output wire              empty,
    output wire              full,
    output wire [AW:0]       count
);

localparam AW = $clog2(DEPTH);

reg [WIDTH-1:0] mem [0:DEPTH-1];
reg [AW:0] wp;
reg [AW:0] rp;

wire do_wr = wr_en && !full;
wire do_rd = rd_en && !empty;

assign count = wp - rp;
assign empty = (wp == rp);
assign full = (count == DEPTH[AW:0]);
assign rd_data = mem[rp[AW-1:0]];

always @(posedge clk) begin
    if (do_wr) begin
        mem[wp[AW-1:0]] <= wr_data;
    end
    if (rst) begin
        wp <= {(AW+1){1'b0}};
        rp <= {(AW+1){1'b0}};
    end else begin
        if (do_wr) begin
            wp <= wp + 1'b1;
        end
        if (do_rd) begin
            rp <= rp + 1'b1;
        end
    end
end

endmodule

`resetall
