`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_cpu_alu_ops.vh"

// vionic_cpu_alu: RV32I integer ALU (combinational). Op codes: vionic_cpu_alu_ops.vh.
module vionic_cpu_alu (
    input  wire [3:0]  op,
    input  wire [31:0] a,
    input  wire [31:0] b,
    output reg  [31:0] result
);

// One subtractor serves SUB, SLT and SLTU: a - b with a 33-bit borrow.
wire [32:0] difference = {1'b0, a} - {1'b0, b};
wire less_unsigned = difference[32];
wire less_signed = (a[31] != b[31]) ? a[31] : difference[31];
wire [4:0] shamt = b[4:0];  // only the low five bits count (RV32I)

// One right shifter serves all three shifts: a left shift is a right shift of
// the bit-reversed operand, reversed back. Saves two barrel shifters.
function [31:0] reverse_bits(input [31:0] value);
    integer k;
    begin
        for (k = 0; k < 32; k = k + 1) begin
            reverse_bits[k] = value[31-k];
        end
    end
endfunction

wire        shift_left = (op == `VIONIC_ALU_SLL);
wire        shift_arithmetic = (op == `VIONIC_ALU_SRA) && a[31];
wire [31:0] shift_in = shift_left ? reverse_bits(a) : a;
wire [32:0] shift_wide = $signed({shift_arithmetic, shift_in}) >>> shamt;
wire [31:0] shift_right = shift_wide[31:0];
wire        unused_shift_sign = shift_wide[32];
wire [31:0] shift_out = shift_left ? reverse_bits(shift_right) : shift_right;

always @* begin
    case (op)
        `VIONIC_ALU_ADD:  result = a + b;
        `VIONIC_ALU_SUB:  result = difference[31:0];
        `VIONIC_ALU_SLL:  result = shift_out;
        `VIONIC_ALU_SLT:  result = {31'b0, less_signed};
        `VIONIC_ALU_SLTU: result = {31'b0, less_unsigned};
        `VIONIC_ALU_XOR:  result = a ^ b;
        `VIONIC_ALU_SRL:  result = shift_out;
        `VIONIC_ALU_SRA:  result = shift_out;
        `VIONIC_ALU_OR:   result = a | b;
        `VIONIC_ALU_AND:  result = a & b;
        default:  result = 32'b0;
    endcase
end

endmodule

`resetall
