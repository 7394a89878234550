`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"

// vionic_cpu_subsystem: the control processor with its memories and timer.
//
// Decodes the core's data bus by the memory map (regs/memory_map.toml):
// DTCM and the timer answer in one cycle, the peripheral window is forwarded on
// the periph_* port (same protocol as the core's data bus), and everything else
// -- including data accesses to the ITCM -- is answered with a bus error, which
// the core turns into a precise load/store access fault.
module vionic_cpu_subsystem #(
    // instruction memory size in bytes
    parameter ITCM_SIZE = `VIONIC_MAP_ITCM_SIZE,
    // data memory size in bytes
    parameter DTCM_SIZE = `VIONIC_MAP_DTCM_SIZE,
    // 1: RV32IM; 0: RV32I
    parameter ENABLE_M = 1,
    // firmware images for synthesis ("" = none; simulation uses +itcm= / +dtcm=)
    parameter ITCM_INIT_FILE = "",
    parameter DTCM_INIT_FILE = ""
) (
    input  wire        clk,
    input  wire        rst,

    // peripheral window
    output wire        periph_req_valid,
    input  wire        periph_req_ready,
    output wire [31:0] periph_req_addr,
    output wire        periph_req_write,
    output wire [3:0]  periph_req_strb,
    output wire [31:0] periph_req_wdata,
    input  wire        periph_rsp_valid,
    input  wire [31:0] periph_rsp_rdata,
    input  wire        periph_rsp_error,

    // the device's event line
    input  wire        irq_external
);

localparam ITCM_WORDS_WIDTH = $clog2(ITCM_SIZE / 4);
localparam DTCM_WORDS_WIDTH = $clog2(DTCM_SIZE / 4);

initial begin
    if (ITCM_SIZE > `VIONIC_MAP_ITCM_WINDOW || DTCM_SIZE > `VIONIC_MAP_DTCM_WINDOW) begin
        $error("vionic_cpu_subsystem: a TCM is larger than its address window");
        $finish;
    end
end

// ------------------------------------------------------------------ core

wire [31:0] imem_addr;
wire        imem_en;
wire [31:0] imem_rdata;
reg         imem_fault_reg = 1'b0;

wire        dbus_req_valid;
wire        dbus_req_ready;
wire [31:0] dbus_req_addr;
wire        dbus_req_write;
wire [3:0]  dbus_req_strb;
wire [31:0] dbus_req_wdata;
reg         dbus_rsp_valid;
reg  [31:0] dbus_rsp_rdata;
reg         dbus_rsp_error;

wire [63:0] mtime;
wire        irq_timer;
wire        irq_software;

vionic_cpu #(
    .RESET_VECTOR(`VIONIC_MAP_RESET_VECTOR),
    .ENABLE_M(ENABLE_M)
) cpu_inst (
    .clk(clk),
    .rst(rst),
    .imem_addr(imem_addr),
    .imem_en(imem_en),
    .imem_rdata(imem_rdata),
    .imem_fault(imem_fault_reg),
    .dbus_req_valid(dbus_req_valid),
    .dbus_req_ready(dbus_req_ready),
    .dbus_req_addr(dbus_req_addr),
    .dbus_req_write(dbus_req_write),
    .dbus_req_strb(dbus_req_strb),
    .dbus_req_wdata(dbus_req_wdata),
    .dbus_rsp_valid(dbus_rsp_valid),
    .dbus_rsp_rdata(dbus_rsp_rdata),
    .dbus_rsp_error(dbus_rsp_error),
    .mtime(mtime),
    .irq_external(irq_external),
    .irq_timer(irq_timer),
    .irq_software(irq_software)
);

// ------------------------------------------------------------------ instruction memory

wire [31:0] imem_offset = imem_addr - `VIONIC_MAP_ITCM_BASE;
wire        imem_in_range = imem_offset < ITCM_SIZE;

always @(posedge clk) begin
    if (imem_en) begin
        imem_fault_reg <= !imem_in_range;
    end
end

vionic_tcm #(
    .SIZE_BYTES(ITCM_SIZE),
    .INIT_PLUSARG("itcm"),
    .INIT_FILE(ITCM_INIT_FILE)
) itcm_inst (
    .clk(clk),
    .en(imem_en && imem_in_range),
    .addr(imem_offset[ITCM_WORDS_WIDTH+1:2]),
    .wstrb(4'b0000),
    .wdata(32'b0),
    .rdata(imem_rdata)
);

// ------------------------------------------------------------------ data bus decode

wire [31:0] dtcm_offset = dbus_req_addr - `VIONIC_MAP_DTCM_BASE;
wire [31:0] timer_offset = dbus_req_addr - `VIONIC_MAP_TIMER_BASE;
wire [31:0] periph_offset = dbus_req_addr - `VIONIC_MAP_PERIPH_BASE;
wire sel_dtcm = dtcm_offset < DTCM_SIZE;
wire sel_timer = timer_offset < `VIONIC_MAP_TIMER_SIZE;
wire sel_periph = periph_offset < `VIONIC_MAP_PERIPH_SIZE;

localparam [1:0]
    SOURCE_LOCAL = 2'd0,    // DTCM, timer or decode error: answered next cycle
    SOURCE_PERIPH = 2'd1;

reg        pending_reg = 1'b0;
reg [1:0]  source_reg;
reg        dtcm_read_reg;
reg        timer_read_reg;
reg        decode_error_reg;

assign dbus_req_ready = sel_periph ? periph_req_ready : 1'b1;
wire   dbus_accept = dbus_req_valid && dbus_req_ready;

assign periph_req_valid = dbus_req_valid && sel_periph;
assign periph_req_addr = dbus_req_addr;
assign periph_req_write = dbus_req_write;
assign periph_req_strb = dbus_req_strb;
assign periph_req_wdata = dbus_req_wdata;

wire [31:0] dtcm_rdata;

vionic_tcm #(
    .SIZE_BYTES(DTCM_SIZE),
    .INIT_PLUSARG("dtcm"),
    .INIT_FILE(DTCM_INIT_FILE)
) dtcm_inst (
    .clk(clk),
    .en(dbus_accept && sel_dtcm),
    .addr(dtcm_offset[DTCM_WORDS_WIDTH+1:2]),
    .wstrb(dbus_req_write ? dbus_req_strb : 4'b0000),
    .wdata(dbus_req_wdata),
    .rdata(dtcm_rdata)
);

wire        timer_rsp_valid;
wire [31:0] timer_rsp_rdata;
wire        timer_rsp_error;

vionic_cpu_timer timer_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(dbus_accept && sel_timer),
    .req_word(timer_offset[11:2]),
    .req_write(dbus_req_write),
    .req_strb(dbus_req_strb),
    .req_wdata(dbus_req_wdata),
    .rsp_valid(timer_rsp_valid),
    .rsp_rdata(timer_rsp_rdata),
    .rsp_error(timer_rsp_error),
    .mtime(mtime),
    .irq_timer(irq_timer),
    .irq_software(irq_software)
);

// The core keeps at most one request outstanding; remember where it went.
always @(posedge clk) begin
    if (dbus_accept) begin
        pending_reg <= 1'b1;
        source_reg <= sel_periph ? SOURCE_PERIPH : SOURCE_LOCAL;
        dtcm_read_reg <= sel_dtcm;
        timer_read_reg <= sel_timer;
        decode_error_reg <= !(sel_dtcm || sel_timer || sel_periph);
    end else if (dbus_rsp_valid) begin
        pending_reg <= 1'b0;
    end
    if (rst) begin
        pending_reg <= 1'b0;
    end
end

always @* begin
    dbus_rsp_valid = 1'b0;
    dbus_rsp_rdata = 32'b0;
    dbus_rsp_error = 1'b0;
    if (pending_reg) begin
        if (source_reg == SOURCE_PERIPH) begin
            dbus_rsp_valid = periph_rsp_valid;
            dbus_rsp_rdata = periph_rsp_rdata;
            dbus_rsp_error = periph_rsp_error;
        end else begin
            dbus_rsp_valid = 1'b1;
            if (dtcm_read_reg) begin
                dbus_rsp_rdata = dtcm_rdata;
            end else if (timer_read_reg) begin
                dbus_rsp_valid = timer_rsp_valid;
                dbus_rsp_rdata = timer_rsp_rdata;
                dbus_rsp_error = timer_rsp_error;
            end else begin
                dbus_rsp_error = decode_error_reg;
            end
        end
    end
end

endmodule

`resetall
