`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_cpu_regfile: 31 x 32-bit integer registers (x0 reads zero).
//
// Two asynchronous read ports and one synchronous write port: maps to
// distributed RAM (LUTRAM) on FPGAs. A read in the cycle of a write to the same
// register returns the old value; the pipeline forwards around that.
module vionic_cpu_regfile (
    input  wire        clk,

    input  wire [4:0]  raddr1,
    output wire [31:0] rdata1,
    input  wire [4:0]  raddr2,
    output wire [31:0] rdata2,

    input  wire        wen,
    input  wire [4:0]  waddr,
    input  wire [31:0] wdata
);

reg [31:0] regs [0:31];

// Simulation starts with zeroed registers so runs are reproducible; hardware
// leaves them undefined, as the ISA allows.
integer i;
initial begin
    for (i = 0; i < 32; i = i + 1) begin
        regs[i] = 32'b0;
    end
end

always @(posedge clk) begin
    if (wen && waddr != 5'd0) begin
        regs[waddr] <= wdata;
    end
end

assign rdata1 = (raddr1 == 5'd0) ? 32'b0 : regs[raddr1];
assign rdata2 = (raddr2 == 5'd0) ? 32'b0 : regs[raddr2];

endmodule

`resetall
