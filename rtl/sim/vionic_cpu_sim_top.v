`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"

// vionic_cpu_sim_top: the control-processor subsystem with the simulation
// control block on its peripheral port; the top of sim/cpu's Verilator model.
module vionic_cpu_sim_top (
    input  wire        clk,
    input  wire        rst,

    output wire        console_valid,
    output wire [7:0]  console_char,
    output wire        halt_valid,
    output wire [31:0] halt_code
);

wire        periph_req_valid;
wire        periph_req_ready;
wire [31:0] periph_req_addr;
wire        periph_req_write;
wire [3:0]  periph_req_strb;
wire [31:0] periph_req_wdata;
wire        periph_rsp_valid;
wire [31:0] periph_rsp_rdata;
wire        periph_rsp_error;
wire        irq_external;

vionic_cpu_subsystem subsystem_inst (
    .clk(clk),
    .rst(rst),
    .periph_req_valid(periph_req_valid),
    .periph_req_ready(periph_req_ready),
    .periph_req_addr(periph_req_addr),
    .periph_req_write(periph_req_write),
    .periph_req_strb(periph_req_strb),
    .periph_req_wdata(periph_req_wdata),
    .periph_rsp_valid(periph_rsp_valid),
    .periph_rsp_rdata(periph_rsp_rdata),
    .periph_rsp_error(periph_rsp_error),
    .irq_external(irq_external)
);

vionic_simctrl #(
    .BASE(`VIONIC_MAP_SIMCTRL_BASE),
    .WINDOW(`VIONIC_MAP_SIMCTRL_WINDOW)
) simctrl_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(periph_req_valid),
    .req_ready(periph_req_ready),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(periph_rsp_valid),
    .rsp_rdata(periph_rsp_rdata),
    .rsp_error(periph_rsp_error),
    .console_valid(console_valid),
    .console_char(console_char),
    .halt_valid(halt_valid),
    .halt_code(halt_code),
    .irq_external(irq_external)
);

endmodule

`resetall
