`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_riscv_regs.vh"
`include "vionic_memory_map_regs.vh"

// vionic_cpu_csr: machine-mode CSRs, trap entry/exit and interrupt selection.
//
// CSR numbers and bit positions come from regs/riscv.toml (the single source).
// Machine mode only, so mstatus.MPP is hardwired to 3 and mtvec supports the
// direct mode only (RISC-V Privileged 1.12 §3.1.7: mode bits are WARL).
module vionic_cpu_csr (
    input  wire        clk,
    input  wire        rst,

    // CSR instruction in X: read is combinational; the write happens when `csr_write_en`
    input  wire [11:0] csr_addr,
    input  wire [1:0]  csr_op,          // funct3[1:0]: 1 rw, 2 rs, 3 rc (the immediate forms likewise)
    input  wire [31:0] csr_operand,     // rs1 value or zero-extended uimm
    input  wire        csr_operand_zero,// rs1 field is x0 / uimm is 0: csrrs/csrrc do not write
    input  wire        csr_write_en,    // the CSR instruction completes this cycle
    output reg  [31:0] csr_rdata,
    output wire        csr_illegal,     // unknown CSR, or a write to a read-only one

    // trap entry (exception or interrupt) and mret
    input  wire        trap_en,
    input  wire [31:0] trap_cause,
    input  wire [31:0] trap_epc,
    input  wire [31:0] trap_tval,
    input  wire        mret_en,
    output wire [31:0] mtvec,
    output wire [31:0] mepc,

    // counters
    input  wire        instret_inc,     // an instruction left X without trapping
    input  wire        instret_dec,     // ... but then faulted in W after all
    input  wire [63:0] mtime,

    // interrupts (level, synchronous)
    input  wire        irq_external,
    input  wire        irq_software,
    input  wire        irq_timer,
    output wire        irq_take,        // an enabled interrupt is pending and mstatus.MIE is set
    output reg  [31:0] irq_cause,
    output wire        irq_wake         // an interrupt is pending and enabled in mie (wfi wakes)
);

localparam [31:0] MSTATUS_MIE = `VIONIC_RISCV_MSTATUS_MIE;
localparam [31:0] MSTATUS_MPIE = `VIONIC_RISCV_MSTATUS_MPIE;
localparam [31:0] MSTATUS_MPP = `VIONIC_RISCV_MSTATUS_MPP;
localparam [31:0] MIP_MSIP = `VIONIC_RISCV_MIP_MSIP;
localparam [31:0] MIP_MTIP = `VIONIC_RISCV_MIP_MTIP;
localparam [31:0] MIP_MEIP = `VIONIC_RISCV_MIP_MEIP;
localparam [31:0] MIP_ALL = MIP_MSIP | MIP_MTIP | MIP_MEIP;

reg        mstatus_mie_reg = 1'b0;
reg        mstatus_mpie_reg = 1'b0;
reg [31:0] mie_reg = 32'b0;
reg [31:0] mtvec_reg = 32'b0;
reg [31:0] mscratch_reg;
reg [31:0] mepc_reg;
reg [31:0] mcause_reg;
reg [31:0] mtval_reg;
reg [63:0] mcycle_reg = 64'b0;
reg [63:0] minstret_reg = 64'b0;

wire [31:0] mstatus = MSTATUS_MPP
    | (mstatus_mie_reg ? MSTATUS_MIE : 32'b0)
    | (mstatus_mpie_reg ? MSTATUS_MPIE : 32'b0);
wire [31:0] mip = (irq_software ? MIP_MSIP : 32'b0)
    | (irq_timer ? MIP_MTIP : 32'b0)
    | (irq_external ? MIP_MEIP : 32'b0);

assign mtvec = mtvec_reg;
assign mepc = mepc_reg;

// read mux and legality
reg csr_exists;
always @* begin
    csr_exists = 1'b1;
    case (csr_addr)
        `VIONIC_RISCV_CSR_MSTATUS:   csr_rdata = mstatus;
        `VIONIC_RISCV_CSR_MISA:      csr_rdata = `VIONIC_RISCV_MISA_VALUE;
        `VIONIC_RISCV_CSR_MIE:       csr_rdata = mie_reg;
        `VIONIC_RISCV_CSR_MTVEC:     csr_rdata = mtvec_reg;
        `VIONIC_RISCV_CSR_MSCRATCH:  csr_rdata = mscratch_reg;
        `VIONIC_RISCV_CSR_MEPC:      csr_rdata = mepc_reg;
        `VIONIC_RISCV_CSR_MCAUSE:    csr_rdata = mcause_reg;
        `VIONIC_RISCV_CSR_MTVAL:     csr_rdata = mtval_reg;
        `VIONIC_RISCV_CSR_MIP:       csr_rdata = mip;
        `VIONIC_RISCV_CSR_MCYCLE,
        `VIONIC_RISCV_CSR_CYCLE:     csr_rdata = mcycle_reg[31:0];
        `VIONIC_RISCV_CSR_MCYCLEH,
        `VIONIC_RISCV_CSR_CYCLEH:    csr_rdata = mcycle_reg[63:32];
        `VIONIC_RISCV_CSR_MINSTRET,
        `VIONIC_RISCV_CSR_INSTRET:   csr_rdata = minstret_reg[31:0];
        `VIONIC_RISCV_CSR_MINSTRETH,
        `VIONIC_RISCV_CSR_INSTRETH:  csr_rdata = minstret_reg[63:32];
        `VIONIC_RISCV_CSR_TIME:      csr_rdata = mtime[31:0];
        `VIONIC_RISCV_CSR_TIMEH:     csr_rdata = mtime[63:32];
        `VIONIC_RISCV_CSR_MVENDORID,
        `VIONIC_RISCV_CSR_MARCHID,
        `VIONIC_RISCV_CSR_MHARTID:   csr_rdata = 32'b0;
        `VIONIC_RISCV_CSR_MIMPID:    csr_rdata = `VIONIC_RISCV_MIMPID_VALUE;
        default: begin
            csr_rdata = 32'b0;
            csr_exists = 1'b0;
        end
    endcase
end

// csrrw/csrrwi always write; csrrs/csrrc (and the immediate forms) write only
// when the operand field is nonzero (Privileged 1.12 §2.1 / Zicsr).
wire csr_writes = (csr_op == 2'b01) || !csr_operand_zero;
// CSR numbers with bits 11:10 == 2'b11 are read-only (Zicsr §2.1)
wire csr_read_only = (csr_addr[11:10] == 2'b11);
assign csr_illegal = !csr_exists || (csr_writes && csr_read_only);

reg [31:0] csr_wdata;
always @* begin
    case (csr_op)
        2'b01:   csr_wdata = csr_operand;
        2'b10:   csr_wdata = csr_rdata | csr_operand;
        default: csr_wdata = csr_rdata & ~csr_operand;
    endcase
end
wire csr_wen = csr_write_en && csr_writes && !csr_illegal;

// interrupts: external > software > timer (Privileged 1.12 §3.1.9)
wire [31:0] irq_pending = mip & mie_reg & MIP_ALL;
assign irq_wake = |irq_pending;
assign irq_take = irq_wake && mstatus_mie_reg;
always @* begin
    if (|(irq_pending & MIP_MEIP)) begin
        irq_cause = `VIONIC_RISCV_CAUSE_INTERRUPT | `VIONIC_RISCV_CAUSE_IRQ_EXTERNAL;
    end else if (|(irq_pending & MIP_MSIP)) begin
        irq_cause = `VIONIC_RISCV_CAUSE_INTERRUPT | `VIONIC_RISCV_CAUSE_IRQ_SOFTWARE;
    end else begin
        irq_cause = `VIONIC_RISCV_CAUSE_INTERRUPT | `VIONIC_RISCV_CAUSE_IRQ_TIMER;
    end
end

always @(posedge clk) begin
    // counters first, so an explicit write in the same cycle wins
    mcycle_reg <= mcycle_reg + 64'd1;
    if (instret_inc || instret_dec) begin
        // one adder: +1, or -1 (all ones) when a counted instruction faulted in W
        minstret_reg <= minstret_reg + {{63{instret_dec}}, 1'b1};
    end

    if (trap_en) begin
        mepc_reg <= trap_epc & 32'hFFFFFFFC;
        mcause_reg <= trap_cause;
        mtval_reg <= trap_tval;
        mstatus_mpie_reg <= mstatus_mie_reg;
        mstatus_mie_reg <= 1'b0;
    end else if (mret_en) begin
        mstatus_mie_reg <= mstatus_mpie_reg;
        mstatus_mpie_reg <= 1'b1;
    end else if (csr_wen) begin
        case (csr_addr)
            `VIONIC_RISCV_CSR_MSTATUS: begin
                mstatus_mie_reg <= |(csr_wdata & MSTATUS_MIE);
                mstatus_mpie_reg <= |(csr_wdata & MSTATUS_MPIE);
            end
            `VIONIC_RISCV_CSR_MIE:       mie_reg <= csr_wdata & MIP_ALL;
            `VIONIC_RISCV_CSR_MTVEC:     mtvec_reg <= {csr_wdata[31:2], 2'b00};
            `VIONIC_RISCV_CSR_MSCRATCH:  mscratch_reg <= csr_wdata;
            `VIONIC_RISCV_CSR_MEPC:      mepc_reg <= {csr_wdata[31:2], 2'b00};
            `VIONIC_RISCV_CSR_MCAUSE:    mcause_reg <= csr_wdata;
            `VIONIC_RISCV_CSR_MTVAL:     mtval_reg <= csr_wdata;
            `VIONIC_RISCV_CSR_MCYCLE:    mcycle_reg[31:0] <= csr_wdata;
            `VIONIC_RISCV_CSR_MCYCLEH:   mcycle_reg[63:32] <= csr_wdata;
            `VIONIC_RISCV_CSR_MINSTRET:  minstret_reg[31:0] <= csr_wdata;
            `VIONIC_RISCV_CSR_MINSTRETH: minstret_reg[63:32] <= csr_wdata;
            default: ;  // misa and mip: writable numbers whose bits are read-only (WARL)
        endcase
    end

    if (rst) begin
        mstatus_mie_reg <= 1'b0;
        mstatus_mpie_reg <= 1'b0;
        mie_reg <= 32'b0;
        mtvec_reg <= `VIONIC_MAP_RESET_VECTOR;
        mcycle_reg <= 64'b0;
        minstret_reg <= 64'b0;
    end
end

endmodule

`resetall
