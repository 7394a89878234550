`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_timer_regs.vh"

// vionic_cpu_timer: machine timer (mtime/mtimecmp) and software-interrupt bit.
//
// Register layout from regs/timer.toml. mtime counts core clock cycles. The
// timer interrupt is pending while mtime >= mtimecmp (Privileged 1.12 §3.2.1);
// mtimecmp resets to all ones so nothing is pending after reset.
module vionic_cpu_timer (
    input  wire        clk,
    input  wire        rst,

    // register access: accepted every cycle, answered the next cycle
    input  wire        req_valid,
    input  wire [11:2] req_word,        // word offset within the block
    input  wire        req_write,
    input  wire [3:0]  req_strb,        // only whole-word writes are accepted
    input  wire [31:0] req_wdata,
    output reg         rsp_valid,
    output reg  [31:0] rsp_rdata,
    output reg         rsp_error,

    output wire [63:0] mtime,
    output wire        irq_timer,
    output wire        irq_software
);

reg [63:0] mtime_reg = 64'b0;
reg [63:0] mtimecmp_reg = {`VIONIC_TIMER_MTIMECMP_HI_VALUE_RESET, `VIONIC_TIMER_MTIMECMP_LO_VALUE_RESET};
reg        msip_reg = 1'b0;

assign mtime = mtime_reg;
assign irq_timer = (mtime_reg >= mtimecmp_reg);
assign irq_software = msip_reg;

always @(posedge clk) begin
    mtime_reg <= mtime_reg + 64'd1;
    rsp_valid <= req_valid;
    rsp_error <= 1'b0;
    rsp_rdata <= 32'b0;

    if (req_valid && req_write && req_strb != 4'b1111) begin
        rsp_error <= 1'b1;    // a partial write to a 32-bit timer register is refused
    end else if (req_valid) begin
        // decoded by word: a byte or halfword load reads its lanes of the register
        case ({req_word, 2'b00})
            `VIONIC_TIMER_MTIME_LO_OFFSET: begin
                rsp_rdata <= mtime_reg[31:0];
                if (req_write) mtime_reg[31:0] <= req_wdata;
            end
            `VIONIC_TIMER_MTIME_HI_OFFSET: begin
                rsp_rdata <= mtime_reg[63:32];
                if (req_write) mtime_reg[63:32] <= req_wdata;
            end
            `VIONIC_TIMER_MTIMECMP_LO_OFFSET: begin
                rsp_rdata <= mtimecmp_reg[31:0];
                if (req_write) mtimecmp_reg[31:0] <= req_wdata;
            end
            `VIONIC_TIMER_MTIMECMP_HI_OFFSET: begin
                rsp_rdata <= mtimecmp_reg[63:32];
                if (req_write) mtimecmp_reg[63:32] <= req_wdata;
            end
            `VIONIC_TIMER_MSIP_OFFSET: begin
                rsp_rdata <= {31'b0, msip_reg};
                if (req_write) msip_reg <= req_wdata[`VIONIC_TIMER_MSIP_MSIP_LSB];
            end
            default: rsp_error <= 1'b1;
        endcase
    end

    if (rst) begin
        mtime_reg <= 64'b0;
        mtimecmp_reg <= {`VIONIC_TIMER_MTIMECMP_HI_VALUE_RESET, `VIONIC_TIMER_MTIMECMP_LO_VALUE_RESET};
        msip_reg <= 1'b0;
        rsp_valid <= 1'b0;
    end
end

endmodule

`resetall
