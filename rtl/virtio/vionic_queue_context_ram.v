`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"

// vionic_queue_context_ram: the queue contexts (regs/queue_context.toml), one
// 64-byte entry per (function, queue) at ((func * QUEUES_PER_FUNC) + queue) * 64
// of memory-map region QCTX.
//
// CPU side: peripheral-port slave (see vionic_store): byte strobes honoured,
// accesses beyond NUM_FUNCS * QUEUES_PER_FUNC entries answer with an error.
// Data-path side: a synchronous read port, dp_rd_addr = entry * 16 + word
// (reserved for the queue engines of issue 4; vionic_device ties it off).
// State: the RAM.
module vionic_queue_context_ram #(
    // PCIe functions
    parameter NUM_FUNCS = 1,
    // queue contexts per function
    parameter QUEUES_PER_FUNC = 32
) (
    input  wire        clk,
    input  wire        rst,

    input  wire        req_valid,
    output wire        req_ready,
    input  wire [31:0] req_addr,
    input  wire        req_write,
    input  wire [3:0]  req_strb,
    input  wire [31:0] req_wdata,
    output wire        rsp_valid,
    output wire [31:0] rsp_rdata,
    output wire        rsp_error,

    input  wire [$clog2(NUM_FUNCS * QUEUES_PER_FUNC * 16)-1:0] dp_rd_addr,
    output wire [31:0] dp_rd_data
);

localparam ENTRY_BYTES = 64;
localparam BYTES = NUM_FUNCS * QUEUES_PER_FUNC * ENTRY_BYTES;

initial begin
    if (BYTES > `VIONIC_MAP_QCTX_WINDOW) begin
        $error("vionic_queue_context_ram: NUM_FUNCS * QUEUES_PER_FUNC entries exceed the QCTX window");
        $finish;
    end
end

// write_* tell the function of a store; queue contexts need no notice of it
wire       unused_write_valid;
wire [7:0] unused_write_func;

vionic_store #(
    .BASE(`VIONIC_MAP_QCTX_BASE),
    .BYTES(BYTES),
    .ADDR_WIDTH($clog2(NUM_FUNCS * QUEUES_PER_FUNC * 16)),
    .FUNC_SHIFT(6)
) store_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(req_valid),
    .req_ready(req_ready),
    .req_addr(req_addr),
    .req_write(req_write),
    .req_strb(req_strb),
    .req_wdata(req_wdata),
    .rsp_valid(rsp_valid),
    .rsp_rdata(rsp_rdata),
    .rsp_error(rsp_error),
    .write_valid(unused_write_valid),
    .write_func(unused_write_func),
    .rd_addr(dp_rd_addr),
    .rd_data(dp_rd_data)
);

endmodule

`resetall
