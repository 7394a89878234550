`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_simctrl_regs.vh"

// vionic_simctrl: simulation control registers (regs/simctrl.toml).
//
// Console characters, halt with a pass/fail code, and an external-interrupt
// line that tests can raise now or after a delay. It is plain synthesizable
// logic: the outputs go to the simulation harness, or on a board to a UART or
// LEDs. Requests outside its window, or to unmapped offsets, get a bus error.
module vionic_simctrl #(
    // base address and window size of the block
    parameter [31:0] BASE = 32'h40000000,
    parameter [31:0] WINDOW = 32'h00001000
) (
    input  wire        clk,
    input  wire        rst,

    input  wire        req_valid,
    output wire        req_ready,
    input  wire [31:0] req_addr,
    input  wire        req_write,
    input  wire [3:0]  req_strb,
    input  wire [31:0] req_wdata,
    output reg         rsp_valid,
    output reg  [31:0] rsp_rdata,
    output reg         rsp_error,

    output reg         console_valid,
    output reg  [7:0]  console_char,
    output reg         halt_valid,
    output reg  [31:0] halt_code,
    output wire        irq_external
);

reg [31:0] scratch_reg = 32'b0;
reg        irq_level_reg = 1'b0;
reg [31:0] irq_delay_reg = 32'b0;

assign req_ready = 1'b1;
assign irq_external = irq_level_reg;

wire [31:0] offset = req_addr - BASE;
integer lane;
wire in_window = offset < WINDOW;

always @(posedge clk) begin
    console_valid <= 1'b0;
    halt_valid <= 1'b0;
    rsp_valid <= req_valid;
    rsp_rdata <= 32'b0;
    rsp_error <= 1'b0;

    if (irq_delay_reg != 32'd0) begin
        irq_delay_reg <= irq_delay_reg - 32'd1;
        if (irq_delay_reg == 32'd1) begin
            irq_level_reg <= 1'b1;
        end
    end

    if (req_valid) begin
        if (!in_window) begin
            rsp_error <= 1'b1;
        end else begin
            // registers are decoded by word: a byte or halfword load reads its lanes
            case ({offset[11:2], 2'b00})
                `VIONIC_SIMCTRL_CONSOLE_OFFSET: begin
                    if (req_write) begin
                        // a byte store lands in any lane: take the written one
                        console_valid <= 1'b1;
                        console_char <= req_strb[0] ? req_wdata[7:0]
                            : req_strb[1] ? req_wdata[15:8]
                            : req_strb[2] ? req_wdata[23:16]
                            : req_strb[3] ? req_wdata[31:24] : 8'h00;
                    end
                end
                `VIONIC_SIMCTRL_HALT_OFFSET: begin
                    if (req_write) begin
                        halt_valid <= 1'b1;
                        halt_code <= req_wdata;
                    end
                end
                `VIONIC_SIMCTRL_SCRATCH_OFFSET: begin
                    rsp_rdata <= scratch_reg;
                    if (req_write) begin
                        for (lane = 0; lane < 4; lane = lane + 1) begin
                            if (req_strb[lane]) scratch_reg[lane*8 +: 8] <= req_wdata[lane*8 +: 8];
                        end
                    end
                end
                `VIONIC_SIMCTRL_ID_OFFSET: begin
                    rsp_rdata <= `VIONIC_SIMCTRL_ID_MAGIC_RESET;
                end
                `VIONIC_SIMCTRL_IRQ_OFFSET: begin
                    rsp_rdata <= {31'b0, irq_level_reg};
                    if (req_write) irq_level_reg <= req_wdata[`VIONIC_SIMCTRL_IRQ_LEVEL_LSB];
                end
                `VIONIC_SIMCTRL_IRQ_DELAY_OFFSET: begin
                    rsp_rdata <= irq_delay_reg;
                    if (req_write) irq_delay_reg <= req_wdata;
                end
                default: rsp_error <= 1'b1;
            endcase
        end
    end

    if (rst) begin
        rsp_valid <= 1'b0;
        console_valid <= 1'b0;
        halt_valid <= 1'b0;
        scratch_reg <= 32'b0;
        irq_level_reg <= 1'b0;
        irq_delay_reg <= 32'b0;
    end
end

endmodule

`resetall
