// SPDX-License-Identifier: MIT
//
// Stand-in for rtl/top/vionic_device.v with the same ports, used only to test the
// simulator's Verilator adapter (sim/device/vionic_sim.cpp) without the real device
// (target sim-device-stub-test). Behaviour:
//   - config reads answer CRS for the first CRS_CYCLES cycles, then offset 0 returns
//     0x10411af4 and offset 4 returns word 0 of the +itcm= image (checks that each
//     model sees its own plusargs); config writes complete SC.
//   - memory reads return DW i = addr + 4*i; a memory write to 0x1000 with data N makes
//     the stub DMA-read N DWs from 0x100000, write them to 0x100800, then send an MSI
//     (0xfee00000, data 0x55).
//   - prints "stub up\n" on the console after reset.
//   - Ethernet echo: every frame received on s_eth_rx is stored in a 256-beat
//     (16 KiB) packet FIFO and, once complete, sent back unchanged on m_eth_tx (store
//     and forward, one beat per cycle when m_eth_tx_tready). Frames ending with tuser
//     (bad FCS) are discarded and counted. Nothing is dropped: s_eth_rx_tready goes low
//     while the FIFO is full (unlike the real device, which holds it high and drops);
//     frames must be at most 256 beats (16384 bytes, what the simulator can send).
//     A 1-DW memory read of 0x3000 returns the number of bad frames, of 0x3004 the
//     number of good frames received. A memory write to 0x4000 makes the stub send one
//     malformed beat (tkeep 0x5, tlast) between frames (tests the protocol checker).
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNUSEDPARAM */
module vionic_device #(
    parameter CRS_CYCLES = 200
) (
    input  wire         clk,
    input  wire         rst,
    input  wire         eth_link_up,
    input  wire         s_cq_valid,
    output wire         s_cq_ready,
    input  wire [1:0]   s_cq_type,
    input  wire [7:0]   s_cq_func,
    input  wire [63:0]  s_cq_addr,
    input  wire [10:0]  s_cq_len_dw,
    input  wire [3:0]   s_cq_first_be,
    input  wire [3:0]   s_cq_last_be,
    input  wire [9:0]   s_cq_tag,
    input  wire [15:0]  s_cq_requester_id,
    input  wire [31:0]  s_cq_data,
    input  wire         s_cq_last,
    output reg          m_cc_valid,
    input  wire         m_cc_ready,
    output reg  [7:0]   m_cc_func,
    output reg  [15:0]  m_cc_requester_id,
    output reg  [9:0]   m_cc_tag,
    output reg  [2:0]   m_cc_status,
    output reg  [12:0]  m_cc_byte_count,
    output reg  [6:0]   m_cc_lower_addr,
    output reg  [10:0]  m_cc_len_dw,
    output reg  [31:0]  m_cc_data,
    output reg          m_cc_last,
    output reg          m_rq_valid,
    input  wire         m_rq_ready,
    output reg  [1:0]   m_rq_type,
    output wire [7:0]   m_rq_func,
    output reg  [63:0]  m_rq_addr,
    output reg  [10:0]  m_rq_len_dw,
    output wire [3:0]   m_rq_first_be,
    output reg  [3:0]   m_rq_last_be,
    output wire [9:0]   m_rq_tag,
    output reg  [511:0] m_rq_data,
    output reg  [15:0]  m_rq_keep,
    output wire         m_rq_last,
    output wire         m_rqr_valid,
    input  wire         m_rqr_ready,
    output wire [7:0]   m_rqr_func,
    output wire [63:0]  m_rqr_addr,
    output wire [10:0]  m_rqr_len_dw,
    output wire [3:0]   m_rqr_first_be,
    output wire [3:0]   m_rqr_last_be,
    output wire [9:0]   m_rqr_tag,
    input  wire         s_rc_valid,
    output wire         s_rc_ready,
    input  wire [9:0]   s_rc_tag,
    input  wire [2:0]   s_rc_status,
    input  wire [12:0]  s_rc_byte_count,
    input  wire [6:0]   s_rc_lower_addr,
    input  wire [10:0]  s_rc_len_dw,
    input  wire         s_rc_request_done,
    input  wire [511:0] s_rc_data,
    input  wire [15:0]  s_rc_keep,
    input  wire         s_rc_last,
    output wire         m_eth_tx_tvalid,
    input  wire         m_eth_tx_tready,
    output wire [511:0] m_eth_tx_tdata,
    output wire [63:0]  m_eth_tx_tkeep,
    output wire         m_eth_tx_tlast,
    output wire         m_eth_tx_tuser,
    input  wire         s_eth_rx_tvalid,
    output wire         s_eth_rx_tready,
    input  wire [511:0] s_eth_rx_tdata,
    input  wire [63:0]  s_eth_rx_tkeep,
    input  wire         s_eth_rx_tlast,
    input  wire         s_eth_rx_tuser,
    output reg          console_valid,
    output reg  [7:0]   console_char,
    output wire         halt_valid,
    output wire [31:0]  halt_code
);
    reg [31:0] itcm [0:0];
    reg [1023:0] path;
    initial begin
        itcm[0] = 32'hffffffff;
        if ($value$plusargs("itcm=%s", path)) $readmemh(path, itcm);
    end

    // PCIe byte count / first byte of a 1-DW request (what the real completer does)
    function [1:0] fbo(input [3:0] be);
        fbo = be[0] ? 2'd0 : be[1] ? 2'd1 : be[2] ? 2'd2 : be[3] ? 2'd3 : 2'd0;
    endfunction
    function [2:0] span(input [3:0] be);
        span = be == 4'h0 ? 3'd1 : (be[3] ? 3'd4 : be[2] ? 3'd3 : be[1] ? 3'd2 : 3'd1) - {1'b0, fbo(be)};
    endfunction

    reg [31:0] cycles;
    reg [31:0] eth_bad, eth_good;
    always @(posedge clk) cycles <= rst ? 0 : cycles + 1;

    // ---- completer: one request at a time
    reg busy;
    reg [10:0] rd_left;
    reg [63:0] rd_addr;
    assign s_cq_ready = !busy;
    always @(posedge clk) begin
        if (rst) begin
            busy <= 0;
            m_cc_valid <= 0;
        end else if (!busy && s_cq_valid && s_cq_last && s_cq_type != 2'd1) begin
            busy <= 1;
            m_cc_valid <= 1;
            m_cc_func <= s_cq_func;
            m_cc_requester_id <= s_cq_requester_id;
            m_cc_tag <= s_cq_tag;
            m_cc_lower_addr <= 0;
            m_cc_status <= 0;
            m_cc_len_dw <= 0;
            m_cc_byte_count <= 4;
            m_cc_last <= 1;
            m_cc_data <= 0;
            if (s_cq_type[1] && cycles < CRS_CYCLES) begin
                m_cc_status <= 3'd2;
            end else if (s_cq_type == 2'd2) begin
                m_cc_len_dw <= 1;
                m_cc_data <= s_cq_addr[11:0] == 0 ? 32'h10411af4 :
                             s_cq_addr[11:0] == 4 ? itcm[0] : 32'h0;
            end else if (s_cq_type == 2'd0) begin
                m_cc_len_dw <= s_cq_len_dw;
                m_cc_byte_count <= s_cq_len_dw == 1 ? {10'd0, span(s_cq_first_be)}
                                                    : {s_cq_len_dw, 2'b00};
                m_cc_lower_addr <= {s_cq_addr[6:2], fbo(s_cq_first_be)};
                m_cc_data <= s_cq_addr[31:0] == 32'h3000 ? eth_bad :
                             s_cq_addr[31:0] == 32'h3004 ? eth_good : s_cq_addr[31:0];
                m_cc_last <= s_cq_len_dw == 1;
                rd_left <= s_cq_len_dw - 1;
                rd_addr <= s_cq_addr + 4;
            end
        end else if (m_cc_valid && m_cc_ready) begin
            if (m_cc_last) begin
                m_cc_valid <= 0;
                busy <= 0;
            end else begin
                m_cc_data <= rd_addr[31:0];
                rd_addr <= rd_addr + 4;
                rd_left <= rd_left - 1;
                m_cc_last <= rd_left == 1;
            end
        end
    end

    // ---- DMA: read N DW, write them back elsewhere, then an MSI
    localparam IDLE = 0, RD = 1, WAITC = 2, WR = 3, MSI = 4;
    reg [2:0] st;
    reg [10:0] n;
    reg [511:0] buf0;
    assign m_rq_func = 8'd0;
    // The stub sends its reads on m_rq (the host takes reads on either stream).
    assign m_rqr_valid = 1'b0;
    assign m_rqr_func = 8'd0;
    assign m_rqr_addr = 64'd0;
    assign m_rqr_len_dw = 11'd0;
    assign m_rqr_first_be = 4'd0;
    assign m_rqr_last_be = 4'd0;
    assign m_rqr_tag = 10'd0;
    assign m_rq_first_be = 4'hf;
    assign m_rq_tag = 10'd9;
    assign m_rq_last = 1'b1;
    assign s_rc_ready = 1'b1;
    assign halt_valid = 1'b0;
    assign halt_code = 32'd0;
    always @(posedge clk) begin
        if (rst) begin
            st <= IDLE;
            m_rq_valid <= 0;
        end else case (st)
            IDLE: if (s_cq_valid && s_cq_ready && s_cq_type == 2'd1 && s_cq_addr == 64'h1000) begin
                n <= s_cq_data[10:0];
                st <= RD;
                m_rq_valid <= 1;
                m_rq_type <= 0;
                m_rq_addr <= 64'h100000;
                m_rq_len_dw <= s_cq_data[10:0];
                m_rq_last_be <= s_cq_data[10:0] == 1 ? 4'h0 : 4'hf;
                m_rq_keep <= 0;
            end
            RD: if (m_rq_ready) begin
                m_rq_valid <= 0;
                st <= WAITC;
                buf0 <= 0;
            end
            WAITC: if (s_rc_valid) begin
                // N <= 16 DW from a 64-byte aligned address: one completion, one beat
                buf0 <= s_rc_data;
                if (s_rc_request_done && s_rc_last) begin
                    st <= WR;
                end
            end
            WR: begin
                m_rq_valid <= 1;
                m_rq_type <= 1;
                m_rq_addr <= 64'h100800;
                m_rq_data <= buf0;
                m_rq_keep <= (16'h1 << n) - 1;
                if (m_rq_valid && m_rq_ready) begin
                    st <= MSI;
                    m_rq_addr <= 64'hfee00000;
                    m_rq_len_dw <= 1;
                    m_rq_last_be <= 0;
                    m_rq_data <= {480'd0, 32'h55};
                    m_rq_keep <= 16'h1;
                end
            end
            MSI: if (m_rq_ready) begin
                m_rq_valid <= 0;
                st <= IDLE;
            end
            default: st <= IDLE;
        endcase
    end

    // ---- Ethernet echo: packet FIFO, pointers one bit wider than the index
    reg [511:0] e_data [0:255];
    reg [63:0]  e_keep [0:255];
    reg         e_last [0:255];
    reg [8:0]   e_wr, e_start, e_rd, e_frames;
    reg         e_mid, e_inj;
    wire        e_full = (e_wr - e_rd) == 9'd256;
    wire        e_sel_inj = e_inj && !e_mid;
    wire        e_rx = s_eth_rx_tvalid && s_eth_rx_tready;
    wire        e_tx = m_eth_tx_tvalid && m_eth_tx_tready;
    wire        e_tx_fifo = e_tx && !e_sel_inj;
    assign s_eth_rx_tready = !e_full;
    assign m_eth_tx_tvalid = e_sel_inj || e_frames != 0;
    assign m_eth_tx_tdata = e_sel_inj ? 512'd0 : e_data[e_rd[7:0]];
    assign m_eth_tx_tkeep = e_sel_inj ? 64'h5 : e_keep[e_rd[7:0]];
    assign m_eth_tx_tlast = e_sel_inj ? 1'b1 : e_last[e_rd[7:0]];
    assign m_eth_tx_tuser = 1'b0;
    wire        e_commit = e_rx && s_eth_rx_tlast && !s_eth_rx_tuser;
    wire        e_sent = e_tx_fifo && m_eth_tx_tlast;
    always @(posedge clk) begin
        if (e_rx) begin
            e_data[e_wr[7:0]] <= s_eth_rx_tdata;
            e_keep[e_wr[7:0]] <= s_eth_rx_tkeep;
            e_last[e_wr[7:0]] <= s_eth_rx_tlast;
        end
        if (rst) begin
            e_wr <= 0;
            e_start <= 0;
            e_rd <= 0;
            e_frames <= 0;
            e_mid <= 0;
            e_inj <= 0;
            eth_bad <= 0;
            eth_good <= 0;
        end else begin
            if (e_rx) begin
                if (s_eth_rx_tlast && s_eth_rx_tuser) begin
                    e_wr <= e_start;
                    eth_bad <= eth_bad + 1;
                end else begin
                    e_wr <= e_wr + 1;
                    if (s_eth_rx_tlast) begin
                        e_start <= e_wr + 1;
                        eth_good <= eth_good + 1;
                    end
                end
            end
            e_frames <= e_frames + {8'd0, e_commit} - {8'd0, e_sent};
            if (e_tx_fifo) begin
                e_rd <= e_rd + 1;
                e_mid <= !m_eth_tx_tlast;
            end
            if (e_tx && e_sel_inj)
                e_inj <= 0;
            else if (s_cq_valid && s_cq_ready && s_cq_type == 2'd1 && s_cq_addr == 64'h4000)
                e_inj <= 1;
        end
    end

    // ---- console
    reg [63:0] msg = "stub up\n";
    reg [3:0] ci;
    always @(posedge clk) begin
        if (rst) begin
            ci <= 0;
            console_valid <= 0;
        end else begin
            console_valid <= ci < 8;
            console_char <= msg[63 - ci*8 -: 8];
            if (ci < 8) ci <= ci + 1;
        end
    end
endmodule
