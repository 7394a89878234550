`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_cpu_alu: RV32I integer ALU (combinational). Op codes match vionic_cpu_decode.
module vionic_cpu_alu (
    input  wire [3:0]  op,
    input  wire [31:0] a,
    input  wire [31:0] b,
    output reg  [31:0] result
);

localparam [3:0]
    ALU_ADD  = 4'd0,
    ALU_SUB  = 4'd1,
    ALU_SLL  = 4'd2,
    ALU_SLT  = 4'd3,
    ALU_SLTU = 4'd4,
    ALU_XOR  = 4'd5,
    ALU_SRL  = 4'd6,
    ALU_SRA  = 4'd7,
    ALU_OR   = 4'd8,
    ALU_AND  = 4'd9;

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

wire        shift_left = (op == ALU_SLL);
wire        shift_arithmetic = (op == ALU_SRA) && a[31];
wire [31:0] shift_in = shift_left ? reverse_bits(a) : a;
wire [32:0] shift_wide = $signed({shift_arithmetic, shift_in}) >>> shamt;
wire [31:0] shift_right = shift_wide[31:0];
wire        unused_shift_sign = shift_wide[32];
wire [31:0] shift_out = shift_left ? reverse_bits(shift_right) : shift_right;

always @* begin
    case (op)
        ALU_ADD:  result = a + b;
        ALU_SUB:  result = difference[31:0];
        ALU_SLL:  result = shift_out;
        ALU_SLT:  result = {31'b0, less_signed};
        ALU_SLTU: result = {31'b0, less_unsigned};
        ALU_XOR:  result = a ^ b;
        ALU_SRL:  result = shift_out;
        ALU_SRA:  result = shift_out;
        ALU_OR:   result = a | b;
        ALU_AND:  result = a & b;
        default:  result = 32'b0;
    endcase
end

endmodule

`resetall
