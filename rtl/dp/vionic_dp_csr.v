`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"
`include "vionic_dp_regs.vh"
`include "vionic_dp_consts_regs.vh"
`include "vionic_stats_regs.vh"

// vionic_dp_csr: the firmware's data-path registers (regs/dp.toml, memory-map
// region DP; docs/datapath.md "vionic_dp_csr").
//
// Interfaces:
// - CPU peripheral slave (protocol of vionic_store): one response per request,
//   the cycle after it is accepted; addresses outside the DP window, or offsets
//   that are no register, answer with an error.
// - Queue commands to vionic_vq_ctl (cmd_*; a QUEUE_CMD write while cmd_busy
//   is ignored), its error FIFO (err_*), queue-state readout (qstate_*).
// - Firmware-queue kicks from vionic_vq_avail (kick_*) -> KICK_PENDING.
// - Per-function configuration out (features, MAC, RX mode, MAC table), flat.
// - Statistics events from the pipelines (tx_stat_*, rx_stat_*) -> counters
//   (regs/stats.toml), readable by the firmware (STATS_BASE + offset, function
//   FUNC_SEL) and by the host's BAR0 STATS page (stats_rd_*, one-cycle read).
// - irq: IRQ_ENABLE.ERROR && error present, or IRQ_ENABLE.KICK && a kick.
// State: the registers above; counters are flip-flops (fine for a few
// functions; a RAM when SR-IOV brings many).
module vionic_dp_csr #(
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    parameter MAC_TABLE_ENTRIES = 16,
    parameter DATA_WIDTH = 512,
    parameter MAX_CHAIN = 16
) (
    input  wire                                   clk,
    input  wire                                   rst,

    input  wire                                   req_valid,
    output wire                                   req_ready,
    input  wire [31:0]                            req_addr,
    input  wire                                   req_write,
    input  wire [3:0]                             req_strb,
    input  wire [31:0]                            req_wdata,
    output reg                                    rsp_valid,
    output reg  [31:0]                            rsp_rdata,
    output reg                                    rsp_error,

    output reg                                    cmd_valid,
    input  wire                                   cmd_ready,
    output reg  [15:0]                            cmd_qid,
    output reg  [1:0]                             cmd_op,
    input  wire                                   cmd_busy,

    input  wire                                   err_valid,
    output wire                                   err_pop,
    input  wire [15:0]                            err_qid,
    input  wire [7:0]                             err_code,
    input  wire                                   err_overflow,

    output reg  [15:0]                            qstate_sel,
    input  wire [31:0]                            qstate_ring,
    input  wire [31:0]                            qstate_status,

    input  wire                                   kick_valid,
    input  wire [7:0]                             kick_func,
    input  wire [31:0]                            kick_data,

    output reg  [64*NUM_FUNCS-1:0]                func_features,
    output reg  [48*NUM_FUNCS-1:0]                func_mac,
    output reg  [NUM_FUNCS-1:0]                   func_promisc,
    output reg  [NUM_FUNCS-1:0]                   func_allmulti,
    output reg  [NUM_FUNCS-1:0]                   func_rx_enable,
    output reg  [8*NUM_FUNCS-1:0]                 func_queue_pairs,
    output reg  [48*MAC_TABLE_ENTRIES*NUM_FUNCS-1:0] mac_table,
    output reg  [MAC_TABLE_ENTRIES*NUM_FUNCS-1:0] mac_table_valid,

    input  wire                                   tx_stat_valid,
    input  wire [7:0]                             tx_stat_func,
    input  wire [2:0]                             tx_stat_kind,
    input  wire [15:0]                            tx_stat_bytes,
    input  wire                                   rx_stat_valid,
    input  wire [7:0]                             rx_stat_func,
    input  wire [2:0]                             rx_stat_kind,
    input  wire [15:0]                            rx_stat_bytes,

    input  wire [7:0]                             stats_rd_func,
    input  wire [3:0]                             stats_rd_index,
    output reg  [31:0]                            stats_rd_data,

    output wire                                   irq
);

localparam E = MAC_TABLE_ENTRIES;
localparam EW = E > 1 ? $clog2(E) : 1;
localparam FW = NUM_FUNCS > 1 ? $clog2(NUM_FUNCS) : 1;
localparam NSTAT = 11;   // words of regs/stats.toml

initial begin
    if (NUM_FUNCS > 32 || NUM_QP < 1 || NUM_QP > 255 || E < 1 || E > 255) begin
        $error("vionic_dp_csr: parameters out of range");
        $finish;
    end
end

assign req_ready = 1'b1;

wire [31:0] off = req_addr - `VIONIC_MAP_DP_BASE;
wire in_window = off < `VIONIC_MAP_DP_WINDOW;
wire [11:0] reg_off = off[11:0];

// strobe-merged write data for a register whose current value is `cur`
function [31:0] merge(input [31:0] cur, input [31:0] wdata, input [3:0] strb);
    integer b;
    begin
        merge = cur;
        for (b = 0; b < 4; b = b + 1) begin
            if (strb[b]) begin
                merge[8*b +: 8] = wdata[8*b +: 8];
            end
        end
    end
endfunction

reg [1:0]  irq_enable_reg = 2'b00;
reg [31:0] kick_pending_reg = 32'b0;
reg [31:0] kick_data_reg = 32'b0;
reg [7:0]  func_sel_reg = 8'b0;
reg [7:0]  entry_sel_reg = 8'b0;

wire func_sel_ok = {24'b0, func_sel_reg} < NUM_FUNCS;
wire entry_sel_ok = {24'b0, entry_sel_reg} < E;
wire [FW-1:0] fsel = func_sel_reg[FW-1:0];
wire [EW-1:0] esel = entry_sel_reg[EW-1:0];
wire [31:0] tidx = {{(32 - FW){1'b0}}, fsel} * E + {{(32 - EW){1'b0}}, esel};

assign irq = (irq_enable_reg[0] && err_valid) || (irq_enable_reg[1] && kick_pending_reg != 32'b0);

// ------------------------------------------------------------------ counters

// per function: TX_PACKETS, TX_BYTES (64), TX_DROPS, RX_PACKETS, RX_BYTES (64),
// RX_DROP_NO_BUFFER, RX_DROP_FILTERED, RX_DROP_ERROR, QUEUE_ERRORS
reg [31:0] tx_packets_reg [0:NUM_FUNCS-1];
reg [63:0] tx_bytes_reg [0:NUM_FUNCS-1];
reg [31:0] tx_drops_reg [0:NUM_FUNCS-1];
reg [31:0] rx_packets_reg [0:NUM_FUNCS-1];
reg [63:0] rx_bytes_reg [0:NUM_FUNCS-1];
reg [31:0] rx_nobuf_reg [0:NUM_FUNCS-1];
reg [31:0] rx_filtered_reg [0:NUM_FUNCS-1];
reg [31:0] rx_error_reg [0:NUM_FUNCS-1];
reg [31:0] queue_errors_reg [0:NUM_FUNCS-1];

function [31:0] stat_word(input [FW-1:0] fn, input [3:0] idx);
    begin
        case (idx)
            4'd0: stat_word = tx_packets_reg[fn];
            4'd1: stat_word = tx_bytes_reg[fn][31:0];
            4'd2: stat_word = tx_bytes_reg[fn][63:32];
            4'd3: stat_word = tx_drops_reg[fn];
            4'd4: stat_word = rx_packets_reg[fn];
            4'd5: stat_word = rx_bytes_reg[fn][31:0];
            4'd6: stat_word = rx_bytes_reg[fn][63:32];
            4'd7: stat_word = rx_nobuf_reg[fn];
            4'd8: stat_word = rx_filtered_reg[fn];
            4'd9: stat_word = rx_error_reg[fn];
            4'd10: stat_word = queue_errors_reg[fn];
            default: stat_word = 32'b0;
        endcase
    end
endfunction

integer f;

always @(posedge clk) begin
    stats_rd_data <= 32'b0;
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (stats_rd_func == f[7:0]) begin
            stats_rd_data <= stat_word(f[FW-1:0], stats_rd_index);
        end
    end
end

wire err_pop_req = req_valid && in_window && req_write && reg_off == `VIONIC_DP_ERR_POP_OFFSET
    && req_strb[0] && req_wdata[0];
assign err_pop = err_pop_req && err_valid;

always @(posedge clk) begin
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (tx_stat_valid && tx_stat_func == f[7:0]) begin
            if ({29'b0, tx_stat_kind} == `VIONIC_DP_CONSTS_STAT_TX_PACKET) begin
                tx_packets_reg[f] <= tx_packets_reg[f] + 32'd1;
                tx_bytes_reg[f] <= tx_bytes_reg[f] + {48'b0, tx_stat_bytes};
            end else begin
                tx_drops_reg[f] <= tx_drops_reg[f] + 32'd1;
            end
        end
        if (rx_stat_valid && rx_stat_func == f[7:0]) begin
            case ({29'b0, rx_stat_kind})
                `VIONIC_DP_CONSTS_STAT_RX_PACKET: begin
                    rx_packets_reg[f] <= rx_packets_reg[f] + 32'd1;
                    rx_bytes_reg[f] <= rx_bytes_reg[f] + {48'b0, rx_stat_bytes};
                end
                `VIONIC_DP_CONSTS_STAT_RX_DROP_NO_BUFFER: rx_nobuf_reg[f] <= rx_nobuf_reg[f] + 32'd1;
                `VIONIC_DP_CONSTS_STAT_RX_DROP_FILTERED: rx_filtered_reg[f] <= rx_filtered_reg[f] + 32'd1;
                default: rx_error_reg[f] <= rx_error_reg[f] + 32'd1;
            endcase
        end
        // counted when the firmware takes the error (it pops every one)
        if (err_pop && {16'b0, err_qid} / QUEUES_PER_FUNC == f) begin
            queue_errors_reg[f] <= queue_errors_reg[f] + 32'd1;
        end
        if (rst) begin
            tx_packets_reg[f] <= 32'b0;
            tx_bytes_reg[f] <= 64'b0;
            tx_drops_reg[f] <= 32'b0;
            rx_packets_reg[f] <= 32'b0;
            rx_bytes_reg[f] <= 64'b0;
            rx_nobuf_reg[f] <= 32'b0;
            rx_filtered_reg[f] <= 32'b0;
            rx_error_reg[f] <= 32'b0;
            queue_errors_reg[f] <= 32'b0;
        end
    end
end

// ------------------------------------------------------------------ register access

reg [31:0] rdata;
reg        rerror;
reg [31:0] sel_stat;

always @* begin
    sel_stat = 32'b0;
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if (fsel == f[FW-1:0]) begin
            sel_stat = stat_word(f[FW-1:0], reg_off[5:2]);
        end
    end
end

always @* begin
    rdata = 32'b0;
    rerror = 1'b0;
    case (reg_off)
        `VIONIC_DP_ID_OFFSET: rdata = `VIONIC_DP_ID_MAGIC_RESET;
        `VIONIC_DP_PARAMS_OFFSET: rdata = {MAX_CHAIN[7:0], DATA_WIDTH[10:3], E[7:0], NUM_QP[7:0]};
        `VIONIC_DP_IRQ_ENABLE_OFFSET: rdata = {30'b0, irq_enable_reg};
        `VIONIC_DP_QUEUE_CMD_OFFSET: rdata = 32'b0;
        `VIONIC_DP_QUEUE_CMD_STATUS_OFFSET: rdata = {31'b0, cmd_busy || cmd_valid};
        `VIONIC_DP_ERR_INFO_OFFSET: rdata = {err_valid, err_overflow, 6'b0, err_code, err_qid};
        `VIONIC_DP_ERR_POP_OFFSET: rdata = 32'b0;
        `VIONIC_DP_KICK_PENDING_OFFSET: rdata = kick_pending_reg;
        `VIONIC_DP_KICK_DATA_OFFSET: rdata = kick_data_reg;
        `VIONIC_DP_QSTATE_SEL_OFFSET: rdata = {16'b0, qstate_sel};
        `VIONIC_DP_QSTATE_RING_OFFSET: rdata = qstate_ring;
        `VIONIC_DP_QSTATE_STATUS_OFFSET: rdata = qstate_status;
        `VIONIC_DP_FUNC_SEL_OFFSET: rdata = {24'b0, func_sel_reg};
        `VIONIC_DP_FUNC_FEATURES_LO_OFFSET: rdata = func_features[64*fsel +: 32];
        `VIONIC_DP_FUNC_FEATURES_HI_OFFSET: rdata = func_features[64*fsel + 32 +: 32];
        `VIONIC_DP_FUNC_MAC_LO_OFFSET: rdata = func_mac[48*fsel +: 32];
        `VIONIC_DP_FUNC_MAC_HI_OFFSET: rdata = {16'b0, func_mac[48*fsel + 32 +: 16]};
        `VIONIC_DP_FUNC_RX_MODE_OFFSET: rdata = {8'b0, func_queue_pairs[8*fsel +: 8], 8'b0,
            func_rx_enable[fsel], 5'b0, func_allmulti[fsel], func_promisc[fsel]};
        `VIONIC_DP_MAC_TABLE_SEL_OFFSET: rdata = {24'b0, entry_sel_reg};
        `VIONIC_DP_MAC_TABLE_LO_OFFSET: rdata = mac_table[48*tidx +: 32];
        `VIONIC_DP_MAC_TABLE_HI_OFFSET: rdata = {mac_table_valid[tidx], 15'b0, mac_table[48*tidx + 32 +: 16]};
        default: begin
            if (reg_off >= `VIONIC_DP_STATS_BASE_OFFSET && reg_off < `VIONIC_DP_STATS_BASE_OFFSET + 4 * NSTAT) begin
                rdata = sel_stat;
            end else begin
                rerror = 1'b1;
            end
        end
    endcase
    // per-function registers of a function that does not exist
    if (!func_sel_ok && (reg_off >= `VIONIC_DP_FUNC_FEATURES_LO_OFFSET)
            && reg_off != `VIONIC_DP_MAC_TABLE_SEL_OFFSET) begin
        rerror = 1'b1;
    end
    if ((reg_off == `VIONIC_DP_MAC_TABLE_LO_OFFSET || reg_off == `VIONIC_DP_MAC_TABLE_HI_OFFSET)
            && !entry_sel_ok) begin
        rerror = 1'b1;
    end
    if (!in_window) begin
        rerror = 1'b1;
    end
end

wire wr = req_valid && req_write && !rerror;
// the addressed register's value with the written bytes replaced
wire [31:0] wm = merge(rdata, req_wdata, req_strb);

always @(posedge clk) begin
    rsp_valid <= req_valid;
    rsp_rdata <= req_write ? 32'b0 : rdata;
    rsp_error <= req_valid && rerror;

    if (cmd_valid && cmd_ready) begin
        cmd_valid <= 1'b0;
    end

    if (kick_valid && {24'b0, kick_func} < 32) begin
        kick_pending_reg[kick_func[4:0]] <= 1'b1;
        kick_data_reg <= kick_data;
    end

    if (wr) begin
        case (reg_off)
            `VIONIC_DP_IRQ_ENABLE_OFFSET: irq_enable_reg <= wm[1:0];
            `VIONIC_DP_QUEUE_CMD_OFFSET: begin
                if (!cmd_busy && !cmd_valid) begin
                    cmd_valid <= 1'b1;
                    cmd_qid <= req_wdata[15:0];
                    cmd_op <= req_wdata[17:16];
                end
            end
            `VIONIC_DP_KICK_PENDING_OFFSET: begin
                // write 1 to clear; a kick in the same cycle stays pending
                kick_pending_reg <= (kick_pending_reg & ~(req_wdata & {{8{req_strb[3]}}, {8{req_strb[2]}},
                    {8{req_strb[1]}}, {8{req_strb[0]}}}))
                    | ((kick_valid && {24'b0, kick_func} < 32) ? (32'b1 << kick_func[4:0]) : 32'b0);
            end
            `VIONIC_DP_QSTATE_SEL_OFFSET: qstate_sel <= wm[15:0];
            `VIONIC_DP_FUNC_SEL_OFFSET: func_sel_reg <= wm[7:0];
            `VIONIC_DP_FUNC_FEATURES_LO_OFFSET: func_features[64*fsel +: 32] <= wm;
            `VIONIC_DP_FUNC_FEATURES_HI_OFFSET: func_features[64*fsel + 32 +: 32] <= wm;
            `VIONIC_DP_FUNC_MAC_LO_OFFSET: func_mac[48*fsel +: 32] <= wm;
            `VIONIC_DP_FUNC_MAC_HI_OFFSET: func_mac[48*fsel + 32 +: 16] <= wm[15:0];
            `VIONIC_DP_FUNC_RX_MODE_OFFSET: begin
                if (req_strb[0]) begin
                    func_promisc[fsel] <= req_wdata[0];
                    func_allmulti[fsel] <= req_wdata[1];
                    func_rx_enable[fsel] <= req_wdata[7];
                end
                if (req_strb[2]) begin
                    func_queue_pairs[8*fsel +: 8] <= req_wdata[23:16];
                end
            end
            `VIONIC_DP_MAC_TABLE_SEL_OFFSET: entry_sel_reg <= wm[7:0];
            `VIONIC_DP_MAC_TABLE_LO_OFFSET: mac_table[48*tidx +: 32] <= wm;
            `VIONIC_DP_MAC_TABLE_HI_OFFSET: begin
                mac_table[48*tidx + 32 +: 16] <= wm[15:0];
                if (req_strb[3]) begin
                    mac_table_valid[tidx] <= req_wdata[31];
                end
            end
            default: ;
        endcase
    end

    if (rst) begin
        rsp_valid <= 1'b0;
        rsp_error <= 1'b0;
        cmd_valid <= 1'b0;
        cmd_qid <= 16'b0;
        cmd_op <= 2'b0;
        irq_enable_reg <= 2'b00;
        kick_pending_reg <= 32'b0;
        kick_data_reg <= 32'b0;
        qstate_sel <= 16'b0;
        func_sel_reg <= 8'b0;
        entry_sel_reg <= 8'b0;
        func_features <= {64*NUM_FUNCS{1'b0}};
        func_mac <= {48*NUM_FUNCS{1'b0}};
        func_promisc <= {NUM_FUNCS{1'b0}};
        func_allmulti <= {NUM_FUNCS{1'b0}};
        func_rx_enable <= {NUM_FUNCS{1'b0}};
        for (f = 0; f < NUM_FUNCS; f = f + 1) begin
            func_queue_pairs[8*f +: 8] <= 8'd1;
        end
        mac_table <= {48*E*NUM_FUNCS{1'b0}};
        mac_table_valid <= {E*NUM_FUNCS{1'b0}};
    end
end

endmodule

`resetall
