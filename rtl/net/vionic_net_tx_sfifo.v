`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_tx_sfifo: small synchronous show-ahead FIFO for the metadata of
// vionic_net_tx (requests, chains, frames).
//
// Interfaces: wr_en/wr_data (the writer checks `full` or guarantees room),
// rd_en pops the head shown on rd_data when `empty` is 0 (no read latency:
// the array is small and read combinationally), `count` entries held.
// State: entry array, read and write pointers (one extra wrap bit).
module vionic_net_tx_sfifo #(
    parameter WIDTH = 8,
    // log2 of the number of entries
    parameter DEPTH_LOG2 = 4
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  wr_en,
    input  wire [WIDTH-1:0]      wr_data,
    input  wire                  rd_en,
    output wire [WIDTH-1:0]      rd_data,
    output wire                  empty,
    output wire                  full,
    output wire [DEPTH_LOG2:0]   count
);
    localparam DEPTH = 1 << DEPTH_LOG2;

    reg [WIDTH-1:0]      mem [0:DEPTH-1];
    reg [DEPTH_LOG2:0]   wr_ptr;
    reg [DEPTH_LOG2:0]   rd_ptr;

    assign count   = wr_ptr - rd_ptr;
    assign empty   = (wr_ptr == rd_ptr);
    assign full    = (count == DEPTH[DEPTH_LOG2:0]);
    assign rd_data = mem[rd_ptr[DEPTH_LOG2-1:0]];

    always @(posedge clk) begin
        if (wr_en)
            mem[wr_ptr[DEPTH_LOG2-1:0]] <= wr_data;
        if (rst) begin
            wr_ptr <= {(DEPTH_LOG2+1){1'b0}};
            rd_ptr <= {(DEPTH_LOG2+1){1'b0}};
        end else begin
            if (wr_en)
                wr_ptr <= wr_ptr + 1'b1;
            if (rd_en)
                rd_ptr <= rd_ptr + 1'b1;
        end
    end
endmodule

`resetall
