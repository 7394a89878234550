`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_store: a per-function RAM region of the control processor's memory map
// (COMMON_SHADOW, DEVCFG_STORE, QCTX; regs/memory_map.toml).
//
// CPU side: the peripheral-port protocol of vionic_cpu_subsystem (req_valid/
// ready, byte address, strobes; exactly one rsp a cycle after each request).
// Byte strobes are honoured; an access at or beyond BYTES (what exists for the
// elaborated NUM_FUNCS) answers with rsp_error. Every accepted write pulses
// write_valid with the function it landed in (offset >> FUNC_SHIFT), which the
// device-config store uses to bump config_generation.
// Hardware side: one synchronous read port (rd_addr is a word address).
// State: the RAM and the response registers.
module vionic_store #(
    // byte address of the region in the memory map
    parameter [31:0] BASE = 32'h0,
    // bytes that exist (a multiple of 4)
    parameter BYTES = 64,
    // word address width of the RAM (>= $clog2(BYTES / 4))
    parameter ADDR_WIDTH = 4,
    // log2 of the bytes per function (for write_func)
    parameter FUNC_SHIFT = 6
) (
    input  wire                  clk,
    input  wire                  rst,

    input  wire                  req_valid,
    output wire                  req_ready,
    input  wire [31:0]           req_addr,
    input  wire                  req_write,
    input  wire [3:0]            req_strb,
    input  wire [31:0]           req_wdata,
    output reg                   rsp_valid,
    output wire [31:0]           rsp_rdata,
    output reg                   rsp_error,

    output reg                   write_valid,
    output reg  [7:0]            write_func,

    input  wire [ADDR_WIDTH-1:0] rd_addr,
    output wire [31:0]           rd_data
);

initial begin
    if (BYTES % 4 != 0 || (BYTES / 4) > (1 << ADDR_WIDTH) || FUNC_SHIFT < 2 || FUNC_SHIFT > 24) begin
        $error("vionic_store: bad BYTES/ADDR_WIDTH/FUNC_SHIFT");
        $finish;
    end
end

wire [31:0] offset = req_addr - BASE;
wire        in_range = offset < BYTES;
wire        accept = req_valid && in_range;
wire [31:0] ram_rdata;

assign req_ready = 1'b1;
assign rsp_rdata = rsp_error ? 32'b0 : ram_rdata;

vionic_ram_dp #(
    .WORDS(BYTES / 4),
    .ADDR_WIDTH(ADDR_WIDTH)
) ram_inst (
    .clk(clk),
    .a_en(accept),
    .a_we(req_write ? req_strb : 4'b0000),
    .a_addr(offset[ADDR_WIDTH+1:2]),
    .a_wdata(req_wdata),
    .a_rdata(ram_rdata),
    .b_en(1'b1),
    .b_addr(rd_addr),
    .b_rdata(rd_data)
);

always @(posedge clk) begin
    rsp_valid <= req_valid;
    rsp_error <= req_valid && !in_range;
    write_valid <= accept && req_write;
    write_func <= offset[FUNC_SHIFT +: 8];

    if (rst) begin
        rsp_valid <= 1'b0;
        rsp_error <= 1'b0;
        write_valid <= 1'b0;
    end
end

endmodule

`resetall
