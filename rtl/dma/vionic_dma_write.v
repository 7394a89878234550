`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_write: the DMA write engine (docs/datapath.md "vionic_dma_write").
//
// Client side: one "DMA write client" port (wr_req_*, wr_data_*, wr_done_*),
// usually behind vionic_dma_wr_arb. Link side: memory-write TLPs on wtlp_* (to
// vionic_rq_mux), and the dirty-page tap (one dirty_valid pulse per TLP, with the
// exact byte range it writes). It is the one point every device write passes.
//
// Flow: the input side takes a request (its first data beat may come in the same
// cycle), then its data beats (until wr_data_last)
// into a circular buffer of BUF_WORDS beats (even/odd banks); a request of a
// function with Bus Master Enable 0 (or that does not exist) or with a length of
// 0 or > 4096 has its data consumed and dropped and gets wr_done_error. Finished
// requests go through a small FIFO to the output side, which cuts them at the
// function's Max_Payload_Size (Device Control, 128 << n bytes; MPS <= 4 KiB so
// 4 KiB pages are never crossed, PCIe Base §2.2.7), and reads each TLP beat from
// two neighbouring buffer words, shifted so that DW 0 of the TLP (the DW that
// holds the first byte) is in bits 31:0 (PCIe Base §2.2.5 byte enables: first/
// last BE, last BE 0 for a 1-DW TLP). wr_done pulses (in request order) when the
// request's last beat is handed to wtlp.
// State: input FSM, data buffer, request FIFO, output TLP splitter, output regs.
module vionic_dma_write #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    // data buffer beats (power of 2, >= 2 * 4096 / (DATA_WIDTH / 8))
    parameter BUF_WORDS = 2 * 4096 / (DATA_WIDTH / 8)
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire [NUM_FUNCS-1:0]      func_bus_master,
    input  wire [3*NUM_FUNCS-1:0]    func_max_payload,

    input  wire                      wr_req_valid,
    output wire                      wr_req_ready,
    input  wire [7:0]                wr_req_func,
    input  wire [63:0]               wr_req_addr,
    input  wire [12:0]               wr_req_len,
    input  wire [7:0]                wr_req_id,
    input  wire                      wr_data_valid,
    output wire                      wr_data_ready,
    input  wire [DATA_WIDTH-1:0]     wr_data,
    input  wire                      wr_data_last,
    output reg                       wr_done_valid,
    output reg  [7:0]                wr_done_id,
    output reg                       wr_done_error,

    output reg                       wtlp_valid,
    input  wire                      wtlp_ready,
    output reg  [7:0]                wtlp_func,
    output reg  [63:0]               wtlp_addr,
    output reg  [10:0]               wtlp_len_dw,
    output reg  [3:0]                wtlp_first_be,
    output reg  [3:0]                wtlp_last_be,
    output wire [DATA_WIDTH-1:0]     wtlp_data,
    output reg  [DATA_WIDTH/32-1:0]  wtlp_keep,
    output reg                       wtlp_last,

    output reg                       dirty_valid,
    output reg  [7:0]                dirty_func,
    output reg  [63:0]               dirty_addr,
    output reg  [12:0]               dirty_len
);

localparam BPB = DATA_WIDTH / 8;
localparam DWPB = DATA_WIDTH / 32;
localparam BPB_LOG = $clog2(BPB);
localparam DWPB_LOG = $clog2(DWPB);
localparam BUF_AW = $clog2(BUF_WORDS);
localparam FUNC_W = (NUM_FUNCS > 1) ? $clog2(NUM_FUNCS) : 1;
localparam FIFO_DEPTH = 4;
localparam [31:0] BPB32 = DATA_WIDTH / 8;
localparam [15:0] BPB16 = BPB32[15:0];

initial begin
    if (BUF_WORDS < 2 * 4096 / BPB || (1 << BUF_AW) != BUF_WORDS || DATA_WIDTH < 256) begin
        $error("vionic_dma_write: bad parameters");
        $finish;
    end
end

// ---------------------------------------------------------------- input side
reg              in_data;      // 1 = taking the data of in_* request
reg [63:0]       in_addr;
reg [12:0]       in_len;
reg [7:0]        in_func;
reg [7:0]        in_id;
reg              in_err;
reg [BUF_AW-1:0] in_base;
reg [BUF_AW:0]   wptr, fptr;

// request FIFO (input -> output)
reg [63:0]       f_addr [0:FIFO_DEPTH-1];
reg [12:0]       f_len  [0:FIFO_DEPTH-1];
reg [7:0]        f_func [0:FIFO_DEPTH-1];
reg [7:0]        f_id   [0:FIFO_DEPTH-1];
reg              f_err  [0:FIFO_DEPTH-1];
reg [BUF_AW-1:0] f_base [0:FIFO_DEPTH-1];
reg [BUF_AW:0]   f_words [0:FIFO_DEPTH-1];
reg [2:0]        f_wr, f_rd;
wire [2:0]       f_count = f_wr - f_rd;
wire             f_full = f_count[2];
wire             f_empty = f_count == 3'd0;

wire [FUNC_W-1:0] req_fidx = wr_req_func[FUNC_W-1:0];
wire req_bm = ({24'b0, wr_req_func} < NUM_FUNCS) && func_bus_master[req_fidx];
wire req_bad = !req_bm || wr_req_len == 13'd0 || wr_req_len > 13'd4096;

// The request whose data is being taken: the registered one, or, in the cycle a
// request is accepted, the request itself (its first beat may come with it, so
// a request of N beats takes N cycles).
wire              c_err = in_data ? in_err : req_bad;
wire [BUF_AW-1:0] c_base = in_data ? in_base : wptr[BUF_AW-1:0];

wire [BUF_AW:0] buf_used = wptr - fptr;
// beats of the request (< BUF_WORDS), counting the one being taken
wire [BUF_AW-1:0] in_words = wptr[BUF_AW-1:0] + {{(BUF_AW-1){1'b0}}, !c_err} - c_base;
wire            buf_room = !buf_used[BUF_AW];

assign wr_req_ready = !in_data && !f_full;
assign wr_data_ready = in_data ? (in_err || buf_room)
                               : (wr_req_valid && !f_full && (req_bad || buf_room));
wire req_acc = wr_req_valid && wr_req_ready;
wire dat_acc = wr_data_valid && wr_data_ready;

reg [DATA_WIDTH-1:0] bank_even [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] bank_odd  [0:BUF_WORDS/2-1];

always @(posedge clk) begin
    if (dat_acc && !c_err) begin
        if (wptr[0]) bank_odd[wptr[BUF_AW-1:1]] <= wr_data;
        else bank_even[wptr[BUF_AW-1:1]] <= wr_data;
    end
end

// ---------------------------------------------------------------- output side
reg              g_valid;
reg [63:0]       g_addr;
reg [12:0]       g_rem;
reg [12:0]       g_off;
reg [BUF_AW-1:0] g_base;
reg [BUF_AW:0]   g_words;
reg [7:0]        g_func;
reg [7:0]        g_id;
reg [3:0]        g_lim_log;
reg [6:0]        g_m;          // beat within the TLP

wire [FUNC_W-1:0] pop_fidx = f_func[f_rd[1:0]][FUNC_W-1:0];
wire [2:0] pop_mps = func_max_payload[3*pop_fidx +: 3];
// Device Control Max_Payload_Size: 128 << n bytes (PCIe Base §7.5.3.4); 6/7 reserved -> 4096
wire [3:0] pop_lim_log = (pop_mps > 3'd5) ? 4'd12 : 4'd7 + {1'b0, pop_mps};
wire pop_err = !f_empty && f_err[f_rd[1:0]];
wire g_finish;
wire pop_ok = (!g_valid || g_finish) && !f_empty && !f_err[f_rd[1:0]];
// an error entry is retired when no beat is in the output register, so its done
// pulse cannot collide with (and stays ordered behind) the previous request's
wire pop_drop = !g_valid && pop_err && !wtlp_valid;

wire [12:0] lim = 13'd1 << g_lim_log;
wire [12:0] to_bound = lim - (g_addr[12:0] & (lim - 13'd1));
wire [12:0] chunk = (g_rem < to_bound) ? g_rem : to_bound;
wire [1:0]  a0 = g_addr[1:0];
wire [13:0] end_off = {12'b0, a0} + {1'b0, chunk};
wire [13:0] len_dw_full = (end_off + 14'd3) >> 2;
wire [10:0] len_dw = len_dw_full[10:0];
wire [10:0] len_dw_m1 = len_dw - 11'd1;
wire [10:0] nbeats_m1 = len_dw_m1 >> DWPB_LOG;
wire [1:0]  end_lo = end_off[1:0];
wire [3:0]  be_first = 4'hf << a0;
wire [3:0]  be_last = (end_lo == 2'd0) ? 4'hf : ~(4'hf << end_lo);
wire        tlp_last_beat = {4'b0, g_m} == nbeats_m1;
wire        last_chunk = chunk == g_rem;
// buffer byte offset of DW 0 of the TLP, biased by BPB (never negative)
wire [15:0] d = {3'b0, g_off} + BPB16 - {14'b0, a0};
wire [15:0] d_w = d >> BPB_LOG;
wire [15:0] g_m16 = {9'b0, g_m};
wire [BUF_AW-1:0] w_lo = g_base + d_w[BUF_AW-1:0] - 1'b1 + g_m16[BUF_AW-1:0];
wire [BUF_AW-1:0] w_hi = w_lo + 1'b1;
wire [BPB_LOG-1:0] shift = d[BPB_LOG-1:0];
wire [DWPB_LOG-1:0] keep_last = len_dw_m1[DWPB_LOG-1:0];

wire advance = !wtlp_valid || wtlp_ready;
wire beat_go = g_valid && advance;
assign g_finish = beat_go && tlp_last_beat && last_chunk;

reg [DATA_WIDTH-1:0] q_even, q_odd;
reg                  q_sel;
reg [BPB_LOG-1:0]    q_shift;
reg                  o_req_last;
reg [7:0]            o_id;
reg [63:0]           o_baddr;
reg [12:0]           o_bytes;

always @(posedge clk) begin
    if (beat_go) begin
        q_even <= bank_even[w_hi[BUF_AW-1:1]];
        q_odd <= bank_odd[w_lo[BUF_AW-1:1]];
        q_sel <= w_lo[0];
        q_shift <= shift;
    end
end

wire [DATA_WIDTH-1:0] q_lo = q_sel ? q_odd : q_even;
wire [DATA_WIDTH-1:0] q_hi = q_sel ? q_even : q_odd;
wire [2*DATA_WIDTH-1:0] q_cat = {q_hi, q_lo} >> {q_shift, 3'b000};
assign wtlp_data = q_cat[DATA_WIDTH-1:0];

integer k;
reg [DWPB-1:0] keep_mask;
always @* begin
    for (k = 0; k < DWPB; k = k + 1)
        keep_mask[k] = !tlp_last_beat || (k[DWPB_LOG-1:0] <= keep_last);
end

always @(posedge clk) begin
    // input side
    if (req_acc) begin
        in_data <= 1'b1;
        in_addr <= wr_req_addr;
        in_len <= wr_req_len;
        in_func <= wr_req_func;
        in_id <= wr_req_id;
        in_err <= req_bad;
        in_base <= wptr[BUF_AW-1:0];
    end
    if (dat_acc) begin
        if (!c_err) wptr <= wptr + 1'b1;
        if (wr_data_last) begin
            in_data <= 1'b0;
            f_addr[f_wr[1:0]] <= in_data ? in_addr : wr_req_addr;
            f_len[f_wr[1:0]] <= in_data ? in_len : wr_req_len;
            f_func[f_wr[1:0]] <= in_data ? in_func : wr_req_func;
            f_id[f_wr[1:0]] <= in_data ? in_id : wr_req_id;
            f_err[f_wr[1:0]] <= c_err;
            f_base[f_wr[1:0]] <= c_base;
            f_words[f_wr[1:0]] <= {1'b0, in_words};
            f_wr <= f_wr + 1'b1;
        end
    end

    // output side
    wr_done_valid <= 1'b0;
    dirty_valid <= 1'b0;
    if (pop_drop) begin
        wr_done_valid <= 1'b1;
        wr_done_id <= f_id[f_rd[1:0]];
        wr_done_error <= 1'b1;
        f_rd <= f_rd + 1'b1;
    end

    if (wtlp_valid && wtlp_ready && wtlp_last) begin
        dirty_valid <= 1'b1;
        dirty_func <= wtlp_func;
        dirty_addr <= o_baddr;
        dirty_len <= o_bytes;
        if (o_req_last) begin
            wr_done_valid <= 1'b1;
            wr_done_id <= o_id;
            wr_done_error <= 1'b0;
        end
    end

    if (wtlp_ready) wtlp_valid <= 1'b0;
    if (beat_go) begin
        wtlp_valid <= 1'b1;
        wtlp_func <= g_func;
        wtlp_addr <= {g_addr[63:2], 2'b00};
        wtlp_len_dw <= len_dw;
        wtlp_first_be <= (len_dw == 11'd1) ? (be_first & be_last) : be_first;
        wtlp_last_be <= (len_dw == 11'd1) ? 4'h0 : be_last;
        wtlp_keep <= keep_mask;
        wtlp_last <= tlp_last_beat;
        o_req_last <= tlp_last_beat && last_chunk;
        o_id <= g_id;
        o_baddr <= g_addr;
        o_bytes <= chunk;
        g_m <= g_m + 7'd1;
        if (tlp_last_beat) begin
            g_m <= 7'd0;
            g_addr <= g_addr + {51'b0, chunk};
            g_rem <= g_rem - chunk;
            g_off <= g_off + chunk;
            if (last_chunk) begin
                g_valid <= 1'b0;
                fptr <= fptr + g_words;
            end
        end
    end

    // next request (may overlap the last beat of the current one)
    if (pop_ok) begin
        g_valid <= 1'b1;
        g_addr <= f_addr[f_rd[1:0]];
        g_rem <= f_len[f_rd[1:0]];
        g_off <= 13'd0;
        g_base <= f_base[f_rd[1:0]];
        g_words <= f_words[f_rd[1:0]];
        g_func <= f_func[f_rd[1:0]];
        g_id <= f_id[f_rd[1:0]];
        g_lim_log <= pop_lim_log;
        g_m <= 7'd0;
        f_rd <= f_rd + 1'b1;
    end

    if (rst) begin
        in_data <= 1'b0;
        wptr <= {(BUF_AW+1){1'b0}};
        fptr <= {(BUF_AW+1){1'b0}};
        f_wr <= 3'd0;
        f_rd <= 3'd0;
        g_valid <= 1'b0;
        wtlp_valid <= 1'b0;
        wr_done_valid <= 1'b0;
        wr_done_error <= 1'b0;
        dirty_valid <= 1'b0;
    end
end

wire unused_wr = &{1'b0, len_dw_full[13:11], d_w, w_hi[0], nbeats_m1[10:7], g_m16, q_cat[2*DATA_WIDTH-1:DATA_WIDTH]};

endmodule

`resetall
