`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_ram_dp: 32-bit RAM, one read/write port and one read-only port.
//
// Port A reads and writes (byte enables), port B only reads; both read
// synchronously (data the cycle after the address), so synthesis maps the
// array to block or distributed RAM. A read of an address written on the same
// cycle returns the old data. State: the array only (no reset).
module vionic_ram_dp #(
    // words in the RAM
    parameter WORDS = 64,
    // address width (at least $clog2(WORDS))
    parameter ADDR_WIDTH = 6
) (
    input  wire                  clk,

    input  wire                  a_en,
    input  wire [3:0]            a_we,
    input  wire [ADDR_WIDTH-1:0] a_addr,
    input  wire [31:0]           a_wdata,
    output reg  [31:0]           a_rdata,

    input  wire                  b_en,
    input  wire [ADDR_WIDTH-1:0] b_addr,
    output reg  [31:0]           b_rdata
);

initial begin
    if (WORDS < 1 || WORDS > (1 << ADDR_WIDTH)) begin
        $error("vionic_ram_dp: WORDS must be 1..2**ADDR_WIDTH");
        $finish;
    end
end

reg [31:0] mem [0:WORDS-1];

integer lane;

always @(posedge clk) begin
    if (a_en) begin
        for (lane = 0; lane < 4; lane = lane + 1) begin
            if (a_we[lane]) mem[a_addr][lane*8 +: 8] <= a_wdata[lane*8 +: 8];
        end
        a_rdata <= mem[a_addr];
    end
end

always @(posedge clk) begin
    if (b_en) begin
        b_rdata <= mem[b_addr];
    end
end

endmodule

`resetall
