`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_riscv_regs.vh"

// vionic_cpu: the vionic control processor, RV32IM machine mode, 3-stage pipeline.
//
//   F  fetch_pc -> instruction memory (synchronous read)
//   X  decode, register read with forwarding from W, ALU/branch/CSR/mul-div,
//      data-bus request; all traps and interrupts are taken here
//   W  register write; waits for the data-bus response; load/store access faults
//
// See docs/cpu.md for the timing of each instruction class and the bus protocol.
module vionic_cpu #(
    // address of the first instruction after reset
    parameter [31:0] RESET_VECTOR = 32'h00000000,
    // 1: RV32IM; 0: RV32I (M opcodes are illegal)
    parameter ENABLE_M = 1
) (
    input  wire        clk,
    input  wire        rst,

    // instruction memory: the word at imem_addr arrives the cycle after imem_en
    output wire [31:0] imem_addr,
    output wire        imem_en,
    input  wire [31:0] imem_rdata,
    input  wire        imem_fault,      // the fetch was outside instruction memory

    // data bus: one response per accepted request, in order
    output wire        dbus_req_valid,
    input  wire        dbus_req_ready,
    output wire [31:0] dbus_req_addr,
    output wire        dbus_req_write,
    output wire [3:0]  dbus_req_strb,
    output wire [31:0] dbus_req_wdata,
    input  wire        dbus_rsp_valid,
    input  wire [31:0] dbus_rsp_rdata,
    input  wire        dbus_rsp_error,

    // machine time, for the time/timeh CSRs
    input  wire [63:0] mtime,

    // interrupt lines (level, synchronous to clk)
    input  wire        irq_external,
    input  wire        irq_timer,
    input  wire        irq_software
);

// ------------------------------------------------------------------ state

// F
reg [31:0] fetch_pc_reg = RESET_VECTOR;

// X: the instruction word is the instruction memory's output register
reg        x_valid_reg = 1'b0;
reg [31:0] x_pc_reg;
wire [31:0] x_instr = imem_rdata;
wire        x_fetch_fault = imem_fault;     // tagged by the memory, in step with the word

// W
reg        w_valid_reg = 1'b0;
reg [31:0] w_pc_reg;
reg        w_writes_rd_reg;
reg [4:0]  w_rd_reg;
reg [31:0] w_result_reg;          // ALU/CSR/link/mul-div result, or the address of a memory access
reg        w_mem_reg;             // waits for a data-bus response
reg        w_load_reg;
reg        w_store_reg;
reg [2:0]  w_funct3_reg;

// ------------------------------------------------------------------ decode (X)

wire [4:0]  dec_rs1, dec_rs2, dec_rd;
wire        dec_uses_rs1, dec_uses_rs2, dec_writes_rd;
wire [31:0] dec_imm;
wire [3:0]  dec_alu_op;
wire        dec_alu_a_is_pc, dec_alu_a_is_zero, dec_alu_b_is_imm;
wire        dec_branch, dec_jal, dec_jalr, dec_load, dec_store, dec_muldiv, dec_csr;
wire [2:0]  dec_funct3;
wire [11:0] dec_csr_addr;
wire        dec_ecall, dec_ebreak, dec_mret, dec_wfi, dec_illegal;

vionic_cpu_decode #(
    .ENABLE_M(ENABLE_M)
) decode_inst (
    .instr(x_instr),
    .rs1(dec_rs1),
    .rs2(dec_rs2),
    .rd(dec_rd),
    .uses_rs1(dec_uses_rs1),
    .uses_rs2(dec_uses_rs2),
    .writes_rd(dec_writes_rd),
    .imm(dec_imm),
    .alu_op(dec_alu_op),
    .alu_a_is_pc(dec_alu_a_is_pc),
    .alu_a_is_zero(dec_alu_a_is_zero),
    .alu_b_is_imm(dec_alu_b_is_imm),
    .is_branch(dec_branch),
    .is_jal(dec_jal),
    .is_jalr(dec_jalr),
    .is_load(dec_load),
    .is_store(dec_store),
    .funct3(dec_funct3),
    .is_muldiv(dec_muldiv),
    .is_csr(dec_csr),
    .csr_addr(dec_csr_addr),
    .is_ecall(dec_ecall),
    .is_ebreak(dec_ebreak),
    .is_mret(dec_mret),
    .is_wfi(dec_wfi),
    .illegal(dec_illegal)
);

// ------------------------------------------------------------------ register read + forwarding

wire [31:0] rf_rdata1, rf_rdata2;
wire        rf_wen;
wire [31:0] rf_wdata;

vionic_cpu_regfile regfile_inst (
    .clk(clk),
    .raddr1(dec_rs1),
    .rdata1(rf_rdata1),
    .raddr2(dec_rs2),
    .rdata2(rf_rdata2),
    .wen(rf_wen),
    .waddr(w_rd_reg),
    .wdata(rf_wdata)
);

// W's result is forwarded unless W is a load, whose data arrives only now:
// a consumer of a load waits one cycle instead (load-use stall).
wire w_forwardable = w_valid_reg && w_writes_rd_reg && !w_load_reg;
wire [31:0] rs1_value = (w_forwardable && w_rd_reg == dec_rs1) ? w_result_reg : rf_rdata1;
wire [31:0] rs2_value = (w_forwardable && w_rd_reg == dec_rs2) ? w_result_reg : rf_rdata2;
wire load_use = w_valid_reg && w_load_reg && w_writes_rd_reg
    && ((dec_uses_rs1 && dec_rs1 == w_rd_reg) || (dec_uses_rs2 && dec_rs2 == w_rd_reg));

// ------------------------------------------------------------------ execute (X)

wire [31:0] alu_a = dec_alu_a_is_zero ? 32'b0 : (dec_alu_a_is_pc ? x_pc_reg : rs1_value);
wire [31:0] alu_b = dec_alu_b_is_imm ? dec_imm : rs2_value;
wire [31:0] alu_result;

vionic_cpu_alu alu_inst (
    .op(dec_alu_op),
    .a(alu_a),
    .b(alu_b),
    .result(alu_result)
);

// branches (funct3: 0 beq, 1 bne, 4 blt, 5 bge, 6 bltu, 7 bgeu)
wire rs_equal = (rs1_value == rs2_value);
wire rs_less_signed = $signed(rs1_value) < $signed(rs2_value);
wire rs_less_unsigned = rs1_value < rs2_value;
reg  branch_condition;
always @* begin
    case (dec_funct3)
        3'b000: branch_condition = rs_equal;
        3'b001: branch_condition = !rs_equal;
        3'b100: branch_condition = rs_less_signed;
        3'b101: branch_condition = !rs_less_signed;
        3'b110: branch_condition = rs_less_unsigned;
        default: branch_condition = !rs_less_unsigned;
    endcase
end

wire [31:0] pc_plus_4 = x_pc_reg + 32'd4;
wire [31:0] pc_relative_target = x_pc_reg + dec_imm;
wire [31:0] jalr_target = (rs1_value + dec_imm) & 32'hFFFFFFFE;
wire        jump_taken = dec_jal || dec_jalr || (dec_branch && branch_condition);
wire [31:0] jump_target = dec_jalr ? jalr_target : pc_relative_target;
// no C extension: a taken jump to a target that is not 4-byte aligned traps on the jump
wire        jump_misaligned = jump_taken && (jump_target[1:0] != 2'b00);

// loads and stores: address, alignment, byte lanes
wire [31:0] mem_addr = rs1_value + dec_imm;
wire [1:0]  mem_size = dec_funct3[1:0];   // 0 byte, 1 half, 2 word
wire        mem_misaligned = (mem_size == 2'd1 && mem_addr[0])
    || (mem_size == 2'd2 && mem_addr[1:0] != 2'b00);
reg  [3:0]  store_strb;
reg  [31:0] store_data;
always @* begin
    case (mem_size)
        2'd0: begin
            store_strb = 4'b0001 << mem_addr[1:0];
            store_data = {4{rs2_value[7:0]}};
        end
        2'd1: begin
            store_strb = mem_addr[1] ? 4'b1100 : 4'b0011;
            store_data = {2{rs2_value[15:0]}};
        end
        default: begin
            store_strb = 4'b1111;
            store_data = rs2_value;
        end
    endcase
end

// CSRs, traps, interrupts
wire [31:0] csr_rdata;
wire        csr_illegal;
wire [31:0] mtvec, mepc;
wire        irq_take, irq_wake;
wire [31:0] irq_cause;

// mul/div
wire        muldiv_busy, muldiv_done;
wire [31:0] muldiv_result;

// ------------------------------------------------------------------ pipeline control

// W: waiting for a response, or a response with an error (precise access fault)
wire w_wait = w_valid_reg && w_mem_reg && !dbus_rsp_valid;
wire w_fault = w_valid_reg && w_mem_reg && dbus_rsp_valid && dbus_rsp_error;
wire w_retire = w_valid_reg && !w_wait && !w_fault;

// X may act when it holds an instruction and W neither holds nor faults
wire x_active = x_valid_reg && !w_wait && !w_fault;

// exceptions that depend only on the instruction word ...
wire x_exc_static = x_fetch_fault || dec_illegal || (dec_csr && csr_illegal)
    || dec_ecall || dec_ebreak;
// ... and those that depend on operand values (not valid during a load-use stall)
wire x_exc_operand = jump_misaligned || ((dec_load || dec_store) && mem_misaligned);
// Interrupts are not taken in the middle of a mul/div, nor on a wfi: the trap
// after a wfi belongs to the next instruction (Privileged 1.12 §3.3.3).
wire x_irq = irq_take && !muldiv_busy && !dec_wfi;
wire x_trap = x_active && (x_irq || x_exc_static || (x_exc_operand && !load_use));

reg [31:0] x_trap_cause;
reg [31:0] x_trap_tval;
always @* begin
    x_trap_tval = 32'b0;
    if (x_irq) begin
        x_trap_cause = irq_cause;
    end else if (x_fetch_fault) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_INSN_ACCESS_FAULT;
        x_trap_tval = x_pc_reg;
    end else if (dec_illegal || (dec_csr && csr_illegal)) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_ILLEGAL_INSN;
        x_trap_tval = x_instr;
    end else if (dec_ecall) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_ECALL_M;
    end else if (dec_ebreak) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_BREAKPOINT;
    end else if (jump_misaligned) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_INSN_MISALIGNED;
        x_trap_tval = jump_target;
    end else if (dec_store) begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_STORE_MISALIGNED;
        x_trap_tval = mem_addr;
    end else begin
        x_trap_cause = `VIONIC_RISCV_CAUSE_LOAD_MISALIGNED;
        x_trap_tval = mem_addr;
    end
end

wire x_proceed = x_active && !x_trap;   // no trap; may still have to hold
wire x_mem = dec_load || dec_store;
wire muldiv_start = x_proceed && dec_muldiv && !load_use && !muldiv_busy;
wire x_hold = x_proceed && (load_use
    || (dec_muldiv && !muldiv_done)
    || (dec_wfi && !irq_wake)
    || (x_mem && !dbus_req_ready));
wire x_fire = x_proceed && !x_hold;     // the instruction completes X this cycle

assign dbus_req_valid = x_proceed && x_mem && !load_use;
assign dbus_req_addr = mem_addr;
assign dbus_req_write = dec_store;
assign dbus_req_strb = dec_store ? store_strb : 4'b0000;
assign dbus_req_wdata = store_data;

// redirect the fetch: trap (W first: it is the older instruction), mret, jumps
wire trap_en = w_fault || x_trap;
wire redirect = trap_en || (x_fire && (dec_mret || jump_taken));
wire [31:0] redirect_pc = trap_en ? mtvec : (dec_mret ? mepc : jump_target);

wire [31:0] trap_cause = w_fault
    ? (w_store_reg ? `VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT : `VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT)
    : x_trap_cause;
wire [31:0] trap_epc = w_fault ? w_pc_reg : x_pc_reg;
wire [31:0] trap_tval = w_fault ? w_result_reg : x_trap_tval;

// F holds while X holds its instruction (the memory output register keeps it)
wire f_hold = w_wait || x_hold;
assign imem_addr = fetch_pc_reg;
assign imem_en = !f_hold;   // a redirect never coincides with a hold

// ------------------------------------------------------------------ CSR and mul/div units

vionic_cpu_csr csr_inst (
    .clk(clk),
    .rst(rst),
    .csr_addr(dec_csr_addr),
    .csr_op(dec_funct3[1:0]),
    .csr_operand(dec_funct3[2] ? {27'b0, dec_rs1} : rs1_value),
    .csr_operand_zero(dec_rs1 == 5'd0),
    .csr_write_en(x_fire && dec_csr),
    .csr_rdata(csr_rdata),
    .csr_illegal(csr_illegal),
    .trap_en(trap_en),
    .trap_cause(trap_cause),
    .trap_epc(trap_epc),
    .trap_tval(trap_tval),
    .mret_en(x_fire && dec_mret),
    .mtvec(mtvec),
    .mepc(mepc),
    .instret_inc(x_fire),
    .instret_dec(w_fault),
    .mtime(mtime),
    .irq_external(irq_external),
    .irq_software(irq_software),
    .irq_timer(irq_timer),
    .irq_take(irq_take),
    .irq_cause(irq_cause),
    .irq_wake(irq_wake)
);

vionic_cpu_muldiv muldiv_inst (
    .clk(clk),
    .rst(rst),
    .start(muldiv_start),
    .op(dec_funct3),
    .a(rs1_value),
    .b(rs2_value),
    .busy(muldiv_busy),
    .done(muldiv_done),
    .result(muldiv_result)
);

// ------------------------------------------------------------------ X result

reg [31:0] x_result;
always @* begin
    if (dec_jal || dec_jalr) begin
        x_result = pc_plus_4;
    end else if (dec_csr) begin
        x_result = csr_rdata;
    end else if (dec_muldiv) begin
        x_result = muldiv_result;
    end else if (x_mem) begin
        x_result = mem_addr;    // kept for the access-fault mtval and the load alignment
    end else begin
        x_result = alu_result;
    end
end

// ------------------------------------------------------------------ W: load alignment, register write

reg [31:0] load_value;
wire [31:0] load_shifted = dbus_rsp_rdata >> {w_result_reg[1:0], 3'b000};
always @* begin
    case (w_funct3_reg)
        3'b000: load_value = {{24{load_shifted[7]}}, load_shifted[7:0]};     // lb
        3'b001: load_value = {{16{load_shifted[15]}}, load_shifted[15:0]};   // lh
        3'b100: load_value = {24'b0, load_shifted[7:0]};                     // lbu
        3'b101: load_value = {16'b0, load_shifted[15:0]};                    // lhu
        default: load_value = load_shifted;                                  // lw
    endcase
end

assign rf_wen = w_retire && w_writes_rd_reg;
assign rf_wdata = w_load_reg ? load_value : w_result_reg;

// ------------------------------------------------------------------ registers

always @(posedge clk) begin
    // F/X boundary
    if (redirect) begin
        fetch_pc_reg <= redirect_pc;
        x_valid_reg <= 1'b0;
    end else if (!f_hold) begin
        fetch_pc_reg <= fetch_pc_reg + 32'd4;
        x_valid_reg <= 1'b1;
        x_pc_reg <= fetch_pc_reg;
    end

    // X/W boundary
    if (!w_wait) begin
        w_valid_reg <= x_fire;
        w_pc_reg <= x_pc_reg;
        w_writes_rd_reg <= dec_writes_rd;
        w_rd_reg <= dec_rd;
        w_result_reg <= x_result;
        w_mem_reg <= x_mem;
        w_load_reg <= dec_load;
        w_store_reg <= dec_store;
        w_funct3_reg <= dec_funct3;
    end

    if (rst) begin
        fetch_pc_reg <= RESET_VECTOR;
        x_valid_reg <= 1'b0;
        w_valid_reg <= 1'b0;
    end
end

endmodule

`resetall
