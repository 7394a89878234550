`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_cpu_muldiv: RV32M multiply (2 cycles) and divide (radix-2, 34 cycles).
//
// `start` latches the operands; `done` is high for one cycle with `result`.
// Multiply: the operands are registered in the start cycle and the 33x33 signed
// product is formed in the next, so the DSP sees registered inputs.
// Divide: restoring division of the magnitudes, one quotient bit per cycle,
// then the sign fix-up. Special results follow RISC-V M exactly (ISA §M.2):
// x/0 = -1 (all ones), x%0 = x, and -2^31 / -1 = -2^31 with remainder 0 (which
// the magnitude algorithm produces by itself).
module vionic_cpu_muldiv (
    input  wire        clk,
    input  wire        rst,

    input  wire        start,
    input  wire [2:0]  op,      // funct3: mul mulh mulhsu mulhu div divu rem remu
    input  wire [31:0] a,
    input  wire [31:0] b,

    output wire        busy,    // an operation is in progress (after its start cycle)
    output reg         done,
    output reg  [31:0] result
);

// funct3 encodings; mulhu (3) and remu (7) need no special case
localparam [2:0]
    OP_MUL    = 3'd0,
    OP_MULH   = 3'd1,
    OP_MULHSU = 3'd2,
    OP_DIV    = 3'd4,
    OP_DIVU   = 3'd5,
    OP_REM    = 3'd6;

localparam [1:0]
    STATE_IDLE = 2'd0,
    STATE_MUL = 2'd1,
    STATE_DIV = 2'd2,
    STATE_DIV_FIX = 2'd3;

reg [1:0] state_reg = STATE_IDLE;
reg [2:0] op_reg;

// multiply operands: sign- or zero-extended to 33 bits
reg signed [32:0] mul_a_reg;
reg signed [32:0] mul_b_reg;
wire signed [65:0] product = mul_a_reg * mul_b_reg;
wire [1:0] unused_product_high = product[65:64];  // 33x33 bits: the top two are sign copies

// divide state
reg [31:0] quotient_reg;     // dividend shifts out, quotient bits shift in
reg [31:0] remainder_reg;
reg [31:0] divisor_reg;
reg [5:0]  count_reg;
reg        negate_quotient_reg;
reg        negate_remainder_reg;

wire a_signed = (op == OP_MULH) || (op == OP_MULHSU) || (op == OP_DIV) || (op == OP_REM);
wire b_signed = (op == OP_MULH) || (op == OP_DIV) || (op == OP_REM);
wire a_negative = a_signed && a[31];
wire b_negative = b_signed && b[31];
wire [31:0] a_magnitude = a_negative ? (~a + 32'd1) : a;
wire [31:0] b_magnitude = b_negative ? (~b + 32'd1) : b;

wire [32:0] trial = {remainder_reg, quotient_reg[31]} - {1'b0, divisor_reg};

assign busy = (state_reg != STATE_IDLE);

always @* begin
    done = 1'b0;
    result = 32'b0;
    case (state_reg)
        STATE_MUL: begin
            done = 1'b1;
            result = (op_reg == OP_MUL) ? product[31:0] : product[63:32];
        end
        STATE_DIV_FIX: begin
            done = 1'b1;
            if (op_reg == OP_DIV || op_reg == OP_DIVU) begin
                result = negate_quotient_reg ? (~quotient_reg + 32'd1) : quotient_reg;
            end else begin
                result = negate_remainder_reg ? (~remainder_reg + 32'd1) : remainder_reg;
            end
        end
        default: ;
    endcase
end

always @(posedge clk) begin
    case (state_reg)
        STATE_IDLE: begin
            if (start) begin
                op_reg <= op;
                if (!op[2]) begin
                    mul_a_reg <= {a_signed && a[31], a};
                    mul_b_reg <= {b_signed && b[31], b};
                    state_reg <= STATE_MUL;
                end else if (b == 32'd0) begin
                    // division by zero: quotient all ones, remainder = dividend
                    quotient_reg <= 32'hFFFFFFFF;
                    remainder_reg <= a;
                    negate_quotient_reg <= 1'b0;
                    negate_remainder_reg <= 1'b0;
                    state_reg <= STATE_DIV_FIX;
                end else begin
                    quotient_reg <= a_magnitude;
                    remainder_reg <= 32'd0;
                    divisor_reg <= b_magnitude;
                    count_reg <= 6'd32;
                    negate_quotient_reg <= a_negative != b_negative;
                    negate_remainder_reg <= a_negative;
                    state_reg <= STATE_DIV;
                end
            end
        end
        STATE_MUL: begin
            state_reg <= STATE_IDLE;
        end
        STATE_DIV: begin
            if (trial[32]) begin
                remainder_reg <= {remainder_reg[30:0], quotient_reg[31]};
                quotient_reg <= {quotient_reg[30:0], 1'b0};
            end else begin
                remainder_reg <= trial[31:0];
                quotient_reg <= {quotient_reg[30:0], 1'b1};
            end
            count_reg <= count_reg - 6'd1;
            if (count_reg == 6'd1) begin
                state_reg <= STATE_DIV_FIX;
            end
        end
        default: begin
            state_reg <= STATE_IDLE;
        end
    endcase

    if (rst) begin
        state_reg <= STATE_IDLE;
    end
end

endmodule

`resetall
