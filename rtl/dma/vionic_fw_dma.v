`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_fw_dma: the firmware DMA engine (regs/fw_dma.toml, docs/datapath.md
// "vionic_fw_dma"): one transfer at a time between the 4 KiB FW_DMA_BUF RAM and
// host memory, through a DMA read client and a DMA write client like any other.
//
// CPU side: the peripheral-port protocol of vionic_cpu_subsystem (as vionic_store):
// one response per request, the cycle after. Two regions of the memory map
// (regs/memory_map.toml): FW_DMA (the registers) and FW_DMA_BUF (the buffer, byte
// strobes honoured). Anything else, or an undefined register, answers rsp_error.
// req_ready drops only in the cycles a read response beat is written to the buffer.
// Transfers: CTRL.START (ignored while BUSY) checks 1 <= LEN <= 4096 and
// BUF_OFFSET + LEN <= 4096 (else STATUS.ERROR, no DMA). A read (host -> buffer)
// puts response byte i at buffer byte BUF_OFFSET + i (shifted, two buffer words
// per beat); BUSY ends with the last response beat, ERROR = rd_rsp_error. A write
// (buffer -> host) sends LEN bytes from BUF_OFFSET, one beat every two cycles;
// BUSY ends with wr_done, ERROR = wr_done_error.
// State: registers, the buffer (even/odd banks of DATA_WIDTH-bit words), FSM.
module vionic_fw_dma #(
    parameter DATA_WIDTH = 512
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire                      req_valid,
    output wire                      req_ready,
    input  wire [31:0]               req_addr,
    input  wire                      req_write,
    input  wire [3:0]                req_strb,
    input  wire [31:0]               req_wdata,
    output reg                       rsp_valid,
    output reg  [31:0]               rsp_rdata,
    output reg                       rsp_error,

    output reg                       rd_req_valid,
    input  wire                      rd_req_ready,
    output wire [7:0]                rd_req_func,
    output wire [63:0]               rd_req_addr,
    output wire [12:0]               rd_req_len,
    output wire [7:0]                rd_req_id,
    input  wire                      rd_rsp_valid,
    output wire                      rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]     rd_rsp_data,
    input  wire [7:0]                rd_rsp_id,
    input  wire                      rd_rsp_last,
    input  wire                      rd_rsp_error,

    output reg                       wr_req_valid,
    input  wire                      wr_req_ready,
    output wire [7:0]                wr_req_func,
    output wire [63:0]               wr_req_addr,
    output wire [12:0]               wr_req_len,
    output wire [7:0]                wr_req_id,
    output reg                       wr_data_valid,
    input  wire                      wr_data_ready,
    output wire [DATA_WIDTH-1:0]     wr_data,
    output wire                      wr_data_last,
    input  wire                      wr_done_valid,
    input  wire [7:0]                wr_done_id,
    input  wire                      wr_done_error
);

`include "vionic_memory_map_regs.vh"
`include "vionic_fw_dma_regs.vh"

localparam BPB = DATA_WIDTH / 8;
localparam DWPB = DATA_WIDTH / 32;
localparam BPB_LOG = $clog2(BPB);
localparam DWPB_LOG = $clog2(DWPB);
localparam NW = 4096 / BPB;                // buffer words
localparam WA = $clog2(NW);
localparam [31:0] CSR_BASE = `VIONIC_MAP_FW_DMA_BASE;
localparam [31:0] CSR_SIZE = `VIONIC_MAP_FW_DMA_SIZE;
localparam [31:0] BUF_BASE = `VIONIC_MAP_FW_DMA_BUF_BASE;
localparam [31:0] BUF_SIZE = `VIONIC_MAP_FW_DMA_BUF_SIZE;
localparam [11:0] R_ADDR_LO = `VIONIC_FW_DMA_ADDR_LO_OFFSET;
localparam [11:0] R_ADDR_HI = `VIONIC_FW_DMA_ADDR_HI_OFFSET;
localparam [11:0] R_LEN = `VIONIC_FW_DMA_LEN_OFFSET;
localparam [11:0] R_BUF_OFFSET = `VIONIC_FW_DMA_BUF_OFFSET_OFFSET;
localparam [11:0] R_FUNC = `VIONIC_FW_DMA_FUNC_OFFSET;
localparam [11:0] R_CTRL = `VIONIC_FW_DMA_CTRL_OFFSET;
localparam [11:0] R_STATUS = `VIONIC_FW_DMA_STATUS_OFFSET;

localparam [2:0] S_IDLE = 3'd0;
localparam [2:0] S_RREQ = 3'd1;
localparam [2:0] S_RDATA = 3'd2;
localparam [2:0] S_WREQ = 3'd3;
localparam [2:0] S_WFETCH = 3'd4;
localparam [2:0] S_WSEND = 3'd5;
localparam [2:0] S_WDONE = 3'd6;

initial begin
    if (BUF_SIZE != 32'd4096 || CSR_SIZE < 32'h20 || DATA_WIDTH < 256) begin
        $error("vionic_fw_dma: bad parameters");
        $finish;
    end
end

reg [63:0] r_addr;
reg [12:0] r_len;
reg [11:0] r_off;
reg [7:0]  r_func;
reg        busy;
reg        error;
reg [2:0]  state;
reg [7:0]  beat;           // response / data beat of the transfer

reg [DATA_WIDTH-1:0] bank_even [0:NW/2-1];
reg [DATA_WIDTH-1:0] bank_odd  [0:NW/2-1];

// ------------------------------------------------------------ CPU decode
wire [31:0] csr_off = req_addr - CSR_BASE;
wire [31:0] buf_off = req_addr - BUF_BASE;
wire csr_hit = csr_off < CSR_SIZE;
wire buf_hit = buf_off < BUF_SIZE;
wire [11:0] reg_off = csr_off[11:0];
wire reg_known = reg_off == R_ADDR_LO || reg_off == R_ADDR_HI || reg_off == R_LEN ||
                 reg_off == R_BUF_OFFSET || reg_off == R_FUNC || reg_off == R_CTRL || reg_off == R_STATUS;
wire rsp_beat = rd_rsp_valid && state == S_RDATA;
assign req_ready = !rsp_beat;
wire cpu = req_valid && req_ready;
wire cpu_buf = cpu && buf_hit;
wire cpu_csr_wr = cpu && csr_hit && req_write && reg_known;

wire [12:0] cpu_word_full = {1'b0, buf_off[11:0]} >> BPB_LOG;
wire [WA-1:0] cpu_word = cpu_word_full[WA-1:0];
wire [DWPB_LOG-1:0] cpu_lane = buf_off[BPB_LOG-1:2];
wire [DATA_WIDTH-1:0] cpu_wdata = {DWPB{req_wdata}};
wire [BPB-1:0] cpu_be = (cpu_buf && req_write) ? ({{(BPB-4){1'b0}}, req_strb} << {cpu_lane, 2'b00}) : {BPB{1'b0}};

// ------------------------------------------------------------ transfer
wire [13:0] end_byte = {2'b0, r_off} + {1'b0, r_len};
wire start = cpu_csr_wr && reg_off == R_CTRL && req_strb[0] && req_wdata[`VIONIC_FW_DMA_CTRL_START_LSB] && !busy;
wire start_write = req_wdata[`VIONIC_FW_DMA_CTRL_WRITE_LSB];
wire bad = r_len == 13'd0 || r_len > 13'd4096 || end_byte > 14'd4096;

// buffer byte position of beat `beat`: BUF_OFFSET + beat * BPB
wire [15:0] d = {4'b0, r_off} + ({8'b0, beat} << BPB_LOG);
wire [15:0] d_w = d >> BPB_LOG;
wire [WA-1:0] w_lo = d_w[WA-1:0];
wire [WA-1:0] w_hi = w_lo + 1'b1;
wire [BPB_LOG-1:0] shift = d[BPB_LOG-1:0];
wire [15:0] beat_byte = {8'b0, beat} << BPB_LOG;

// read: rotate the response beat into two words
reg [BPB-1:0] rsp_be;
integer bi;
always @* begin
    for (bi = 0; bi < BPB; bi = bi + 1)
        rsp_be[bi] = rsp_beat && !rd_rsp_error && (beat_byte + bi[15:0] < {3'b0, r_len});
end
wire [2*DATA_WIDTH-1:0] rot_data = {{DATA_WIDTH{1'b0}}, rd_rsp_data} << {shift, 3'b000};
wire [2*BPB-1:0] rot_be = {{BPB{1'b0}}, rsp_be} << shift;
wire [DATA_WIDTH-1:0] d_even = w_lo[0] ? rot_data[2*DATA_WIDTH-1:DATA_WIDTH] : rot_data[DATA_WIDTH-1:0];
wire [DATA_WIDTH-1:0] d_odd  = w_lo[0] ? rot_data[DATA_WIDTH-1:0] : rot_data[2*DATA_WIDTH-1:DATA_WIDTH];
wire [BPB-1:0] be_even = w_lo[0] ? rot_be[2*BPB-1:BPB] : rot_be[BPB-1:0];
wire [BPB-1:0] be_odd  = w_lo[0] ? rot_be[BPB-1:0] : rot_be[2*BPB-1:BPB];
wire [WA-2:0] a_even = w_lo[0] ? w_hi[WA-1:1] : w_lo[WA-1:1];
wire [WA-2:0] a_odd  = w_lo[WA-1:1];

// write: the two words of the beat, rotated down
reg [DATA_WIDTH-1:0] q_even, q_odd;
reg                  q_sel;
reg [BPB_LOG-1:0]    q_shift;
wire [DATA_WIDTH-1:0] q_lo = q_sel ? q_odd : q_even;
wire [DATA_WIDTH-1:0] q_hi = q_sel ? q_even : q_odd;
wire [2*DATA_WIDTH-1:0] q_cat = {q_hi, q_lo} >> {q_shift, 3'b000};
assign wr_data = q_cat[DATA_WIDTH-1:0];
localparam [31:0] BPB32 = DATA_WIDTH / 8;
wire [13:0] beats_full = ({1'b0, r_len} + (BPB32[13:0] - 14'd1)) >> BPB_LOG;
wire [7:0] beats_m1 = beats_full[7:0] - 8'd1;
assign wr_data_last = beat == beats_m1;

assign rd_req_func = r_func;
assign rd_req_addr = r_addr;
assign rd_req_len = r_len;
assign rd_req_id = 8'd0;
assign rd_rsp_ready = 1'b1;
assign wr_req_func = r_func;
assign wr_req_addr = r_addr;
assign wr_req_len = r_len;
assign wr_req_id = 8'd0;

reg [31:0] csr_rdata;
always @* begin
    csr_rdata = 32'd0;
    case (reg_off)
        R_ADDR_LO: csr_rdata = r_addr[31:0];
        R_ADDR_HI: csr_rdata = r_addr[63:32];
        R_LEN: csr_rdata = {19'b0, r_len};
        R_BUF_OFFSET: csr_rdata = {20'b0, r_off};
        R_FUNC: csr_rdata = {24'b0, r_func};
        R_STATUS: csr_rdata = {30'b0, error, busy};
        default: csr_rdata = 32'd0;
    endcase
end

function [31:0] merge;
    input [31:0] old;
    input [31:0] wdata;
    input [3:0]  strb;
    integer b;
    begin
        for (b = 0; b < 4; b = b + 1)
            merge[b*8 +: 8] = strb[b] ? wdata[b*8 +: 8] : old[b*8 +: 8];
    end
endfunction

wire [31:0] merged = merge(csr_rdata, req_wdata, req_strb);
reg [DATA_WIDTH-1:0] cpu_rd_word;
reg                  buf_rd;
reg [DWPB_LOG-1:0]   buf_lane;
reg [31:0]           csr_q;

always @(posedge clk) begin
    // buffer writes: DMA read data, or the CPU (never in the same cycle); the
    // outer conditions are implied by the byte enables and only spare the
    // simulator the byte loops on idle cycles
    if (rsp_beat) begin
        for (bi = 0; bi < BPB; bi = bi + 1) begin
            if (be_even[bi]) bank_even[a_even][bi*8 +: 8] <= d_even[bi*8 +: 8];
            if (be_odd[bi]) bank_odd[a_odd][bi*8 +: 8] <= d_odd[bi*8 +: 8];
        end
    end
    if (cpu_buf && req_write) begin
        for (bi = 0; bi < BPB; bi = bi + 1) begin
            if (cpu_be[bi] && !cpu_word[0]) bank_even[cpu_word[WA-1:1]][bi*8 +: 8] <= cpu_wdata[bi*8 +: 8];
            if (cpu_be[bi] && cpu_word[0]) bank_odd[cpu_word[WA-1:1]][bi*8 +: 8] <= cpu_wdata[bi*8 +: 8];
        end
    end
    if (cpu_buf)
        cpu_rd_word <= cpu_word[0] ? bank_odd[cpu_word[WA-1:1]] : bank_even[cpu_word[WA-1:1]];
    if (state == S_WFETCH) begin
        q_even <= bank_even[a_even];
        q_odd <= bank_odd[a_odd];
        q_sel <= w_lo[0];
        q_shift <= shift;
    end
end

always @* begin
    rsp_rdata = buf_rd ? cpu_rd_word[{buf_lane, 5'b0} +: 32] : csr_q;
end

always @(posedge clk) begin
    rsp_valid <= cpu;
    rsp_error <= cpu && !buf_hit && !(csr_hit && reg_known);
    buf_rd <= cpu_buf;
    buf_lane <= cpu_lane;
    csr_q <= (csr_hit && reg_known) ? csr_rdata : 32'd0;

    if (cpu_csr_wr) begin
        case (reg_off)
            R_ADDR_LO: r_addr[31:0] <= merged;
            R_ADDR_HI: r_addr[63:32] <= merged;
            R_LEN: r_len <= merged[12:0];
            R_BUF_OFFSET: r_off <= merged[11:0];
            R_FUNC: r_func <= merged[7:0];
            default: ;
        endcase
    end
    if (start) begin
        beat <= 8'd0;
        if (bad) begin
            error <= 1'b1;
        end else begin
            error <= 1'b0;
            busy <= 1'b1;
            if (start_write) begin
                state <= S_WREQ;
                wr_req_valid <= 1'b1;
            end else begin
                state <= S_RREQ;
                rd_req_valid <= 1'b1;
            end
        end
    end

    case (state)
        S_RREQ: if (rd_req_ready) begin
            rd_req_valid <= 1'b0;
            state <= S_RDATA;
        end
        S_RDATA: if (rd_rsp_valid) begin
            beat <= beat + 8'd1;
            if (rd_rsp_error) error <= 1'b1;
            if (rd_rsp_last) begin
                busy <= 1'b0;
                state <= S_IDLE;
            end
        end
        S_WREQ: if (wr_req_ready) begin
            wr_req_valid <= 1'b0;
            state <= S_WFETCH;
        end
        S_WFETCH: begin
            wr_data_valid <= 1'b1;
            state <= S_WSEND;
        end
        S_WSEND: if (wr_data_ready) begin
            wr_data_valid <= 1'b0;
            beat <= beat + 8'd1;
            state <= wr_data_last ? S_WDONE : S_WFETCH;
        end
        S_WDONE: if (wr_done_valid) begin
            error <= wr_done_error;
            busy <= 1'b0;
            state <= S_IDLE;
        end
        default: ;
    endcase

    if (rst) begin
        rsp_valid <= 1'b0;
        rsp_error <= 1'b0;
        r_addr <= 64'd0;
        r_len <= 13'd0;
        r_off <= 12'd0;
        r_func <= 8'd0;
        busy <= 1'b0;
        error <= 1'b0;
        state <= S_IDLE;
        beat <= 8'd0;
        rd_req_valid <= 1'b0;
        wr_req_valid <= 1'b0;
        wr_data_valid <= 1'b0;
    end
end

wire unused_fw = &{1'b0, rd_rsp_id, wr_done_id, csr_off[31:12], buf_off[31:12], d_w, w_hi[0],
                   merged[31:13], cpu_word_full[12:WA], beats_full[13:8], q_cat[2*DATA_WIDTH-1:DATA_WIDTH]};

endmodule

`resetall
