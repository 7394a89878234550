`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_tcm: tightly coupled memory, one port, 32-bit words with byte writes.
//
// Synchronous read (one cycle, read-first on a simultaneous write): infers block
// RAM. The initial contents come from a $readmemh file named by the plusarg
// +<INIT_PLUSARG>=FILE in simulation (so a new program needs no rebuild of the
// model), or from INIT_FILE in synthesis (the bitstream carries the firmware).
module vionic_tcm #(
    // size in bytes (a multiple of 4)
    parameter SIZE_BYTES = 65536,
    // name of the simulation plusarg that gives the image file
    parameter INIT_PLUSARG = "tcm",
    // image file for synthesis ("" = none)
    parameter INIT_FILE = "",
    // derived
    parameter WORDS = SIZE_BYTES / 4,
    parameter ADDR_WIDTH = $clog2(WORDS)
) (
    input  wire                  clk,
    input  wire                  en,
    input  wire [ADDR_WIDTH-1:0] addr,      // word address
    input  wire [3:0]            wstrb,
    input  wire [31:0]           wdata,
    output reg  [31:0]           rdata
);

initial begin
    if (SIZE_BYTES % 4 != 0 || SIZE_BYTES < 8) begin
        $error("vionic_tcm: SIZE_BYTES must be a multiple of 4 and at least 8");
        $finish;
    end
end

reg [31:0] mem [0:WORDS-1];

`ifndef SYNTHESIS
reg [1023:0] init_path;
integer i;
initial begin
    for (i = 0; i < WORDS; i = i + 1) begin
        mem[i] = 32'b0;
    end
    if ($value$plusargs({INIT_PLUSARG, "=%s"}, init_path)) begin
        $readmemh(init_path, mem);
    end else if (INIT_FILE != "") begin
        $readmemh(INIT_FILE, mem);
    end
end
`else
initial begin
    if (INIT_FILE != "") begin
        $readmemh(INIT_FILE, mem);
    end
end
`endif

integer lane;
always @(posedge clk) begin
    if (en) begin
        for (lane = 0; lane < 4; lane = lane + 1) begin
            if (wstrb[lane]) begin
                mem[addr][lane*8 +: 8] <= wdata[lane*8 +: 8];
            end
        end
        rdata <= mem[addr];
    end
end

endmodule

`resetall
