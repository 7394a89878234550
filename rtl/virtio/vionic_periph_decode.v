`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"

// vionic_periph_decode: routes the control processor's peripheral port to the
// device's CPU-side blocks by the memory map (regs/memory_map.toml).
//
// Upstream: the periph_* port of vionic_cpu_subsystem. Downstream: one request
// valid/ready and response per target (index TARGET_*); address, write, strobes
// and write data are shared by all targets (wired outside). One request is
// outstanding at a time: the next is accepted after the response of the
// previous one. An address in no target's window is answered with an error the
// cycle after it is accepted (the core takes an access fault).
// State: busy flag and the target of the outstanding request.
module vionic_periph_decode (
    input  wire         clk,
    input  wire         rst,

    input  wire         s_req_valid,
    output wire         s_req_ready,
    input  wire [31:0]  s_req_addr,
    output reg          s_rsp_valid,
    output reg  [31:0]  s_rsp_rdata,
    output reg          s_rsp_error,

    // per target: 0 SIMCTRL, 1 CTRL, 2 COMMON_SHADOW, 3 DEVCFG_STORE, 4 QCTX,
    // 5 the data path (regions DP, FW_DMA and FW_DMA_BUF, decoded there)
    output wire [5:0]   m_req_valid,
    input  wire [5:0]   m_req_ready,
    input  wire [5:0]   m_rsp_valid,
    input  wire [191:0] m_rsp_rdata,
    input  wire [5:0]   m_rsp_error
);

localparam TARGETS = 6;
localparam [31:0] DP_WINDOW = `VIONIC_MAP_FW_DMA_BUF_BASE + `VIONIC_MAP_FW_DMA_BUF_WINDOW - `VIONIC_MAP_DP_BASE;

wire [31:0] off_simctrl = s_req_addr - `VIONIC_MAP_SIMCTRL_BASE;
wire [31:0] off_ctrl = s_req_addr - `VIONIC_MAP_CTRL_BASE;
wire [31:0] off_shadow = s_req_addr - `VIONIC_MAP_COMMON_SHADOW_BASE;
wire [31:0] off_devcfg = s_req_addr - `VIONIC_MAP_DEVCFG_STORE_BASE;
wire [31:0] off_qctx = s_req_addr - `VIONIC_MAP_QCTX_BASE;
wire [31:0] off_dp = s_req_addr - `VIONIC_MAP_DP_BASE;

wire [TARGETS-1:0] hit = {
    off_dp < DP_WINDOW,
    off_qctx < `VIONIC_MAP_QCTX_WINDOW,
    off_devcfg < `VIONIC_MAP_DEVCFG_STORE_WINDOW,
    off_shadow < `VIONIC_MAP_COMMON_SHADOW_WINDOW,
    off_ctrl < `VIONIC_MAP_CTRL_WINDOW,
    off_simctrl < `VIONIC_MAP_SIMCTRL_WINDOW
};

reg                busy_reg = 1'b0;
reg [TARGETS-1:0]  target_reg = {TARGETS{1'b0}};   // zero: unmapped, answer an error

assign s_req_ready = !busy_reg && (hit == {TARGETS{1'b0}} || (hit & m_req_ready) != {TARGETS{1'b0}});
assign m_req_valid = (s_req_valid && !busy_reg) ? hit : {TARGETS{1'b0}};

integer t;

always @* begin
    s_rsp_valid = 1'b0;
    s_rsp_rdata = 32'b0;
    s_rsp_error = 1'b0;
    if (busy_reg) begin
        if (target_reg == {TARGETS{1'b0}}) begin
            s_rsp_valid = 1'b1;
            s_rsp_error = 1'b1;
        end else begin
            for (t = 0; t < TARGETS; t = t + 1) begin
                if (target_reg[t]) begin
                    s_rsp_valid = m_rsp_valid[t];
                    s_rsp_rdata = m_rsp_rdata[t*32 +: 32];
                    s_rsp_error = m_rsp_error[t];
                end
            end
        end
    end
end

always @(posedge clk) begin
    if (s_req_valid && s_req_ready) begin
        busy_reg <= 1'b1;
        target_reg <= hit;
    end else if (s_rsp_valid) begin
        busy_reg <= 1'b0;
    end

    if (rst) begin
        busy_reg <= 1'b0;
        target_reg <= {TARGETS{1'b0}};
    end
end

endmodule

`resetall
