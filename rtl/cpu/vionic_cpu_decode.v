`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_cpu_alu_ops.vh"

// vionic_cpu_decode: RV32IM instruction decoder (combinational).
//
// Turns one instruction word into the control signals of the X stage. Every
// encoding that RV32IM (plus Zicsr, mret and wfi) does not define raises
// `illegal`; CSR-number legality is checked by vionic_cpu_csr.
module vionic_cpu_decode #(
    // 1: decode the M extension; 0: M opcodes are illegal
    parameter ENABLE_M = 1
) (
    input  wire [31:0] instr,

    output wire [4:0]  rs1,
    output wire [4:0]  rs2,
    output wire [4:0]  rd,
    output reg         uses_rs1,
    output reg         uses_rs2,
    output wire        writes_rd,       // writes a register other than x0
    output reg  [31:0] imm,

    output reg  [3:0]  alu_op,          // `VIONIC_ALU_* (vionic_cpu_alu_ops.vh)
    output reg         alu_a_is_pc,     // auipc
    output reg         alu_a_is_zero,   // lui
    output reg         alu_b_is_imm,

    output reg         is_branch,
    output reg         is_jal,
    output reg         is_jalr,
    output reg         is_load,
    output reg         is_store,
    output wire [2:0]  funct3,          // branch condition, memory size/sign, csr op, muldiv op
    output reg         is_muldiv,
    output reg         is_csr,
    output wire [11:0] csr_addr,
    output reg         is_ecall,
    output reg         is_ebreak,
    output reg         is_mret,
    output reg         is_wfi,
    output reg         illegal
);

localparam [6:0]
    OPC_LUI      = 7'b0110111,
    OPC_AUIPC    = 7'b0010111,
    OPC_JAL      = 7'b1101111,
    OPC_JALR     = 7'b1100111,
    OPC_BRANCH   = 7'b1100011,
    OPC_LOAD     = 7'b0000011,
    OPC_STORE    = 7'b0100011,
    OPC_OP_IMM   = 7'b0010011,
    OPC_OP       = 7'b0110011,
    OPC_MISC_MEM = 7'b0001111,
    OPC_SYSTEM   = 7'b1110011;

wire [6:0] opcode = instr[6:0];
wire [6:0] funct7 = instr[31:25];

assign rs1      = instr[19:15];
assign rs2      = instr[24:20];
assign rd       = instr[11:7];
assign funct3   = instr[14:12];
assign csr_addr = instr[31:20];

wire [31:0] imm_i = {{21{instr[31]}}, instr[30:20]};
wire [31:0] imm_s = {{21{instr[31]}}, instr[30:25], instr[11:7]};
wire [31:0] imm_b = {{20{instr[31]}}, instr[7], instr[30:25], instr[11:8], 1'b0};
wire [31:0] imm_u = {instr[31:12], 12'b0};
wire [31:0] imm_j = {{12{instr[31]}}, instr[19:12], instr[20], instr[30:21], 1'b0};

reg has_rd;
assign writes_rd = has_rd && (rd != 5'd0) && !illegal;

// funct3 -> ALU op for OP and OP-IMM (bit 30 selects SUB/SRA where legal)
reg [3:0] alu_op_funct;
always @* begin
    case (funct3)
        3'b000: alu_op_funct = `VIONIC_ALU_ADD;
        3'b001: alu_op_funct = `VIONIC_ALU_SLL;
        3'b010: alu_op_funct = `VIONIC_ALU_SLT;
        3'b011: alu_op_funct = `VIONIC_ALU_SLTU;
        3'b100: alu_op_funct = `VIONIC_ALU_XOR;
        3'b101: alu_op_funct = funct7[5] ? `VIONIC_ALU_SRA : `VIONIC_ALU_SRL;
        3'b110: alu_op_funct = `VIONIC_ALU_OR;
        default: alu_op_funct = `VIONIC_ALU_AND;
    endcase
end

always @* begin
    uses_rs1      = 1'b0;
    uses_rs2      = 1'b0;
    has_rd        = 1'b0;
    imm           = imm_i;
    alu_op        = `VIONIC_ALU_ADD;
    alu_a_is_pc   = 1'b0;
    alu_a_is_zero = 1'b0;
    alu_b_is_imm  = 1'b1;
    is_branch     = 1'b0;
    is_jal        = 1'b0;
    is_jalr       = 1'b0;
    is_load       = 1'b0;
    is_store      = 1'b0;
    is_muldiv     = 1'b0;
    is_csr        = 1'b0;
    is_ecall      = 1'b0;
    is_ebreak     = 1'b0;
    is_mret       = 1'b0;
    is_wfi        = 1'b0;
    illegal       = 1'b0;

    if (instr[1:0] != 2'b11) begin
        // 16-bit (compressed) encodings, including the all-zero word: no C extension
        illegal = 1'b1;
    end else begin
        case (opcode)
            OPC_LUI: begin
                has_rd = 1'b1;
                imm = imm_u;
                alu_a_is_zero = 1'b1;
            end
            OPC_AUIPC: begin
                has_rd = 1'b1;
                imm = imm_u;
                alu_a_is_pc = 1'b1;
            end
            OPC_JAL: begin
                has_rd = 1'b1;
                imm = imm_j;
                is_jal = 1'b1;
            end
            OPC_JALR: begin
                has_rd = 1'b1;
                uses_rs1 = 1'b1;
                is_jalr = 1'b1;
                illegal = (funct3 != 3'b000);
            end
            OPC_BRANCH: begin
                uses_rs1 = 1'b1;
                uses_rs2 = 1'b1;
                imm = imm_b;
                is_branch = 1'b1;
                illegal = (funct3 == 3'b010) || (funct3 == 3'b011);
            end
            OPC_LOAD: begin
                has_rd = 1'b1;
                uses_rs1 = 1'b1;
                is_load = 1'b1;
                illegal = (funct3 == 3'b011) || (funct3 == 3'b110) || (funct3 == 3'b111);
            end
            OPC_STORE: begin
                uses_rs1 = 1'b1;
                uses_rs2 = 1'b1;
                imm = imm_s;
                is_store = 1'b1;
                illegal = (funct3[2] == 1'b1) || (funct3 == 3'b011);
            end
            OPC_OP_IMM: begin
                has_rd = 1'b1;
                uses_rs1 = 1'b1;
                alu_op = alu_op_funct;
                if (funct3 == 3'b001) begin
                    illegal = (funct7 != 7'b0000000);
                end else if (funct3 == 3'b101) begin
                    illegal = (funct7 != 7'b0000000) && (funct7 != 7'b0100000);
                end else if (funct3 == 3'b000) begin
                    alu_op = `VIONIC_ALU_ADD;   // addi never subtracts, whatever bit 30 is
                end
            end
            OPC_OP: begin
                has_rd = 1'b1;
                uses_rs1 = 1'b1;
                uses_rs2 = 1'b1;
                alu_b_is_imm = 1'b0;
                alu_op = alu_op_funct;
                if (funct7 == 7'b0000001) begin
                    is_muldiv = (ENABLE_M != 0);
                    illegal = (ENABLE_M == 0);
                end else if (funct7 == 7'b0100000) begin
                    if (funct3 == 3'b000) begin
                        alu_op = `VIONIC_ALU_SUB;
                    end else if (funct3 != 3'b101) begin
                        illegal = 1'b1;
                    end
                end else if (funct7 != 7'b0000000) begin
                    illegal = 1'b1;
                end
            end
            OPC_MISC_MEM: begin
                // fence and fence.i: no caches, no write buffers -> no-ops
                illegal = (funct3 != 3'b000) && (funct3 != 3'b001);
            end
            OPC_SYSTEM: begin
                if (funct3 == 3'b000) begin
                    case (instr)
                        32'h00000073: is_ecall = 1'b1;
                        32'h00100073: is_ebreak = 1'b1;
                        32'h30200073: is_mret = 1'b1;
                        32'h10500073: is_wfi = 1'b1;
                        default: illegal = 1'b1;
                    endcase
                end else if (funct3 == 3'b100) begin
                    illegal = 1'b1;
                end else begin
                    is_csr = 1'b1;
                    has_rd = 1'b1;
                    uses_rs1 = !funct3[2];
                end
            end
            default: illegal = 1'b1;
        endcase
    end
end

endmodule

`resetall
