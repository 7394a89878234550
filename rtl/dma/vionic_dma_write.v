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
//
// Timing (aim: 250 MHz on UltraScale+, about 6 LUT levels a cycle):
//  - A request's split values (first TLP boundary and DW count, ...) are worked
//    out as it enters the FIFO, with the function's Max_Payload_Size of that time.
//  - The splitter (g_*) always holds the next TLP of the current request, with its
//    "last TLP" flag already decided, and steps one TLP a cycle (each TLP's values
//    from registers). A TLP's first beat goes from the splitter to wtlp_*; its
//    other beats are counted out by the beat stage (t_*). The FIFO's next request
//    enters the splitter as the current one's last TLP leaves it, so a request's
//    first beat can go in the cycle after it leaves the FIFO, as before.
//  - The output data is a lane select of the two buffer words (lanes >= shift from
//    the lower one) and a lane rotation (vionic_byte_rotate); the select and the
//    rotation by shift[1:0] come before the read registers, the rest after them.
// State: input FSM, data buffer, request FIFO, splitter, beat stage, output regs.
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
// beats of a TLP - 1 (a TLP has at most 1024 DWs)
localparam BL_W = 11 - DWPB_LOG;

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

wire [FUNC_W-1:0] req_fidx = wr_req_func[FUNC_W-1:0];
wire req_bm = ({24'b0, wr_req_func} < NUM_FUNCS) && func_bus_master[req_fidx];
wire req_bad = !req_bm || wr_req_len == 13'd0 || wr_req_len > 13'd4096;

// The request whose data is being taken: the registered one, or, in the cycle a
// request is accepted, the request itself (its first beat may come with it, so
// a request of N beats takes N cycles).
wire              c_err = in_data ? in_err : req_bad;
wire [BUF_AW-1:0] c_base = in_data ? in_base : wptr[BUF_AW-1:0];
wire [63:0]       c_addr = in_data ? in_addr : wr_req_addr;
wire [12:0]       c_len = in_data ? in_len : wr_req_len;
wire [7:0]        c_func = in_data ? in_func : wr_req_func;
wire [7:0]        c_id = in_data ? in_id : wr_req_id;

wire [BUF_AW:0] buf_used = wptr - fptr;
// beats of the request (< BUF_WORDS), counting the one being taken
wire [BUF_AW-1:0] in_words = wptr[BUF_AW-1:0] + {{(BUF_AW-1){1'b0}}, !c_err} - c_base;
wire            buf_room = !buf_used[BUF_AW];

// request FIFO (input -> output)
reg [2:0]        f_wr, f_rd;
wire [2:0]       f_count = f_wr - f_rd;
wire             f_full = f_count[2];
wire             f_empty = f_count == 3'd0;

assign wr_req_ready = !in_data && !f_full;
assign wr_data_ready = in_data ? (in_err || buf_room)
                               : (wr_req_valid && !f_full && (req_bad || buf_room));
wire req_acc = wr_req_valid && wr_req_ready;
wire dat_acc = wr_data_valid && wr_data_ready;
wire push = dat_acc && wr_data_last;

reg [DATA_WIDTH-1:0] bank_even [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] bank_odd  [0:BUF_WORDS/2-1];

always @(posedge clk) begin
    if (dat_acc && !c_err) begin
        if (wptr[0]) bank_odd[wptr[BUF_AW-1:1]] <= wr_data;
        else bank_even[wptr[BUF_AW-1:1]] <= wr_data;
    end
end

// ---------------------------------------------------------------- split values of a request
// Worked out as the request enters the FIFO (vionic_tlp_split_plan); the TLP limit L
// is the function's Max_Payload_Size.
wire [FUNC_W-1:0] c_fidx = c_func[FUNC_W-1:0];
wire [3:0]  c_lim_log;
wire [12:0] c_lim, c_bound, c_bnd;
wire [11:0] c_edw;
wire [13:0] c_total_dw_full;        // DWs of the whole request
vionic_tlp_split_plan u_split (
    .size_code(func_max_payload[3*c_fidx +: 3]),
    .addr(c_addr[12:0]), .len(c_len),
    .lim_log(c_lim_log), .lim(c_lim), .bound(c_bound), .edw(c_edw),
    .total_dw(c_total_dw_full), .bnd(c_bnd)
);
wire [1:0]  c_a0 = c_addr[1:0];
// beat 0 of the first TLP starts with the DW holding byte 0: request offset -a0,
// in the request's beat -1 (a0 > 0) or 0
wire [BUF_AW-1:0] c_word0 = c_base - {{(BUF_AW-1){1'b0}}, c_a0 != 2'd0};

reg [63:0]       f_addr [0:FIFO_DEPTH-1];
reg [12:0]       f_len  [0:FIFO_DEPTH-1];
reg [7:0]        f_func [0:FIFO_DEPTH-1];
reg [7:0]        f_id   [0:FIFO_DEPTH-1];
reg              f_err  [0:FIFO_DEPTH-1];
reg [BUF_AW-1:0] f_base [0:FIFO_DEPTH-1];
reg [BUF_AW:0]   f_words [0:FIFO_DEPTH-1];
reg [3:0]        f_lim_log [0:FIFO_DEPTH-1];
reg [12:0]       f_bound [0:FIFO_DEPTH-1];
reg [11:0]       f_edw [0:FIFO_DEPTH-1];
reg [10:0]       f_total_dw [0:FIFO_DEPTH-1];
reg [12:0]       f_bnd [0:FIFO_DEPTH-1];
reg [BUF_AW-1:0] f_word0 [0:FIFO_DEPTH-1];

// ---------------------------------------------------------------- splitter
// Holds the next TLP of the current request. Its values are registers; g_last (this
// is the request's last TLP: len <= cand) is decided one TLP ahead from g_rem.
reg              g_valid;
reg              g_first;
reg              g_last;
reg [63:0]       g_a;          // byte address of the first request byte (first TLP)
reg [51:0]       g_page, g_page_p1;
reg [12:0]       g_lo;         // page offset of this TLP (bit 12: next page; TLPs after the first)
reg [12:0]       g_bnd;        // page offset of the next boundary
reg [12:0]       g_rem;        // len - cand: bytes after the next boundary
reg [12:0]       g_lim;
reg [10:0]       g_lim_dw;
reg [11:0]       g_edw;        // cand in DWs from the request's first DW
reg [10:0]       g_total_dw;
reg [10:0]       g_dw_last;    // this TLP's DWs if it is the last ...
reg [10:0]       g_dw_next;    // ... and if it is not
reg [12:0]       g_bytes_last; // this TLP's bytes if it is the last ...
reg [12:0]       g_bytes_next; // ... and if it is not
reg [BUF_AW-1:0] g_word;       // buffer beat holding lane 0 of the TLP's beat 0
reg [BUF_AW-1:0] g_candw;      // ... and of the next TLP's
reg [BPB_LOG-1:0] g_shift;     // lane of the TLP's first DW in that beat
reg [BPB_LOG-1:0] g_shift_rest; // ... for the TLPs after the first (cand mod BPB)
reg [BPB-1:0]    g_lo_lanes;   // lanes >= g_shift (taken from the lower buffer beat) ...
reg [BPB-1:0]    g_lo_lanes_rest; // ... and >= g_shift_rest
reg [BUF_AW:0]   g_words;
reg [7:0]        g_func;
reg [7:0]        g_id;
reg [3:0]        g_be_end;     // last BE of the last TLP

wire [10:0] g_dw = g_last ? g_dw_last : g_dw_next;
wire        g_dw1 = g_last ? (g_dw_last == 11'd1) : (g_dw_next == 11'd1);
wire [3:0]  g_fbe = g_first ? (4'hf << g_a[1:0]) : 4'hf;
wire [3:0]  g_lbe = g_last ? g_be_end : 4'hf;
wire [10:0] g_dw_m1 = g_dw - 11'd1;
wire [63:0] g_addr = g_first ? g_a : {g_lo[12] ? g_page_p1 : g_page, g_lo[11:0]};   // the TLP's first byte

// ---------------------------------------------------------------- beat stage
// the beats of the TLP in wtlp after its first one
reg              t_valid;
reg              t_last_beat;  // the next beat is the TLP's last
reg              t_req_last;   // the TLP is the request's last
reg [BL_W-1:0]   t_beats_left; // beats after the next one
reg [DWPB-1:0]   t_keep_last;
reg [BUF_AW-1:0] t_word;
reg [BPB_LOG-1:0] t_shift;
reg [BPB-1:0]    t_lo_lanes;   // lanes taken from the lower buffer beat (>= shift)
reg [BUF_AW:0]   t_words;

wire advance = !wtlp_valid || wtlp_ready;
wire beat_t = t_valid && advance;                 // a later beat of the TLP in wtlp
wire beat_g = !t_valid && g_valid && advance;     // the first beat of the splitter's TLP
wire g_one_beat = g_dw_m1[10:DWPB_LOG] == {BL_W{1'b0}};

wire pop_err = !f_empty && f_err[f_rd[1:0]];
wire pop_ok = !f_empty && !f_err[f_rd[1:0]] && (!g_valid || (beat_g && g_last));
// an error entry is retired when no beat is in the output stages, so its done pulse
// cannot collide with (and stays ordered behind) the previous request's
wire pop_drop = pop_err && !g_valid && !t_valid && !wtlp_valid;

wire [1:0]  p_a0 = f_addr[f_rd[1:0]][1:0];
wire [12:0] p_lim = 13'd1 << f_lim_log[f_rd[1:0]];
wire [12:0] p_len = f_len[f_rd[1:0]];
wire [12:0] p_bound = f_bound[f_rd[1:0]];

wire [BPB_LOG-1:0] p_shift = -{{(BPB_LOG-2){1'b0}}, p_a0};

reg [DWPB-1:0] keep_therm;
reg [BPB-1:0]  p_lo_first, p_lo_rest;
integer k;
always @* begin
    for (k = 0; k < DWPB; k = k + 1)
        keep_therm[k] = k[DWPB_LOG-1:0] <= g_dw_m1[DWPB_LOG-1:0];
    for (k = 0; k < BPB; k = k + 1) begin
        p_lo_first[k] = k[BPB_LOG-1:0] >= p_shift;
        p_lo_rest[k] = k[BPB_LOG-1:0] >= p_bound[BPB_LOG-1:0];
    end
end

// ---------------------------------------------------------------- output data
// TLP lane j = byte (lane j + shift) of the lower buffer beat (r_word) if that is
// < BPB, else of the upper one: take each lane L from the lower beat if L >= shift,
// then rotate down by shift (by shift[1:0] before the read register, the rest after).
reg [DATA_WIDTH-1:0] q_data;       // lanes picked, rotated by shift[1:0]
reg [BPB_LOG-1:0]    q_shift;
reg                  o_req_last;
reg [7:0]            o_id;
reg [63:0]           o_baddr;
reg [12:0]           o_bytes;

// the buffer beat holding lane 0 of the next TLP beat (the lower one of the two read)
wire [BUF_AW-1:0]  r_word = t_valid ? t_word : g_word;
wire [BUF_AW-1:0]  r_word_p1 = r_word + 1'b1;
wire [BUF_AW-1:0]  g_word_p1 = g_word + 1'b1;
wire [BPB_LOG-1:0] r_shift = t_valid ? t_shift : g_shift;
wire [BPB-1:0]     r_lo_lanes = t_valid ? t_lo_lanes : g_lo_lanes;
// even and odd buffer beats (the lower one is odd if r_word is)
wire [DATA_WIDTH-1:0] r_even = bank_even[r_word_p1[BUF_AW-1:1]];
wire [DATA_WIDTH-1:0] r_odd = bank_odd[r_word[BUF_AW-1:1]];
wire [DATA_WIDTH-1:0] r_pick;
genvar gl;
generate
    for (gl = 0; gl < BPB; gl = gl + 1) begin : g_pick
        assign r_pick[gl*8 +: 8] = (r_lo_lanes[gl] ^ r_word[0]) ? r_even[gl*8 +: 8] : r_odd[gl*8 +: 8];
    end
endgenerate
wire [DATA_WIDTH-1:0] r_rot_lo;
vionic_byte_rotate #(.LANES(BPB), .LANE_W(8), .UP(0)) u_rot_lo (
    .in(r_pick), .shift({{(BPB_LOG-2){1'b0}}, r_shift[1:0]}), .out(r_rot_lo)
);

always @(posedge clk) begin
    if (beat_t || beat_g) begin
        q_data <= r_rot_lo;
        q_shift <= r_shift;
    end
end

vionic_byte_rotate #(.LANES(BPB), .LANE_W(8), .UP(0)) u_rot_hi (
    .in(q_data), .shift({q_shift[BPB_LOG-1:2], 2'b00}), .out(wtlp_data)
);

// ---------------------------------------------------------------- sequential
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
        if (wr_data_last) in_data <= 1'b0;
    end
    if (push) begin
        f_addr[f_wr[1:0]] <= c_addr;
        f_len[f_wr[1:0]] <= c_len;
        f_func[f_wr[1:0]] <= c_func;
        f_id[f_wr[1:0]] <= c_id;
        f_err[f_wr[1:0]] <= c_err;
        f_base[f_wr[1:0]] <= c_base;
        f_words[f_wr[1:0]] <= {1'b0, in_words};
        f_lim_log[f_wr[1:0]] <= c_lim_log;
        f_bound[f_wr[1:0]] <= c_bound;
        f_edw[f_wr[1:0]] <= c_edw;
        f_total_dw[f_wr[1:0]] <= c_total_dw_full[10:0];
        f_bnd[f_wr[1:0]] <= c_bnd;
        f_word0[f_wr[1:0]] <= c_word0;
        f_wr <= f_wr + 1'b1;
    end

    // output side: done pulses and the dirty tap
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

    // one beat to wtlp: a later beat of its TLP ...
    if (wtlp_ready) wtlp_valid <= 1'b0;
    if (beat_t) begin
        wtlp_valid <= 1'b1;
        wtlp_keep <= t_last_beat ? t_keep_last : {DWPB{1'b1}};
        wtlp_last <= t_last_beat;
        o_req_last <= t_last_beat && t_req_last;
        t_word <= t_word + 1'b1;
        t_beats_left <= t_beats_left - 1'b1;
        t_last_beat <= t_beats_left == {{(BL_W-1){1'b0}}, 1'b1};
        if (t_last_beat) begin
            t_valid <= 1'b0;
            // the request's buffer beats are free once its last beat is read
            if (t_req_last) fptr <= fptr + t_words;
        end
    end

    // ... or the first beat of the splitter's TLP
    if (beat_g) begin
        wtlp_valid <= 1'b1;
        wtlp_func <= g_func;
        wtlp_addr <= {g_addr[63:2], 2'b00};
        wtlp_len_dw <= g_dw;
        // PCIe Base §2.2.5: a 1-DW request has last BE 0
        wtlp_first_be <= g_dw1 ? (g_fbe & g_lbe) : g_fbe;
        wtlp_last_be <= g_dw1 ? 4'h0 : g_lbe;
        wtlp_keep <= g_one_beat ? keep_therm : {DWPB{1'b1}};
        wtlp_last <= g_one_beat;
        o_req_last <= g_one_beat && g_last;
        o_id <= g_id;
        o_baddr <= g_addr;
        o_bytes <= g_last ? g_bytes_last : g_bytes_next;
        if (g_one_beat) begin
            if (g_last) fptr <= fptr + g_words;
        end else begin
            t_valid <= 1'b1;
            t_req_last <= g_last;
            t_beats_left <= g_dw_m1[10:DWPB_LOG] - 1'b1;
            t_last_beat <= g_dw_m1[10:DWPB_LOG] == {{(BL_W-1){1'b0}}, 1'b1};
            t_keep_last <= keep_therm;
            t_word <= g_word_p1;
            t_shift <= g_shift;
            t_lo_lanes <= g_lo_lanes;
            t_words <= g_words;
        end
        // step the splitter to the next TLP (all TLPs after the first start on an L boundary)
        g_first <= 1'b0;
        g_last <= g_rem <= g_lim;
        g_rem <= g_rem - g_lim;
        g_lo <= g_bnd;
        g_bnd <= g_bnd + g_lim;
        g_edw <= g_edw + {1'b0, g_lim_dw};
        g_dw_last <= g_total_dw - g_edw[10:0];
        g_dw_next <= g_lim_dw;
        g_bytes_last <= g_rem;
        g_bytes_next <= g_lim;
        g_word <= g_candw;
        g_candw <= g_candw + g_lim[12:BPB_LOG];
        g_shift <= g_shift_rest;
        g_lo_lanes <= g_lo_lanes_rest;
        if (g_last) g_valid <= 1'b0;
    end
    g_page_p1 <= g_page + 52'd1;

    // the next request to the splitter
    if (pop_ok) begin
        g_valid <= 1'b1;
        g_first <= 1'b1;
        g_last <= p_len <= p_bound;
        g_a <= f_addr[f_rd[1:0]];
        g_page <= f_addr[f_rd[1:0]][63:12];
        g_rem <= p_len - p_bound;
        g_bnd <= f_bnd[f_rd[1:0]];
        g_lim <= p_lim;
        g_lim_dw <= p_lim[12:2];
        g_edw <= f_edw[f_rd[1:0]];
        g_total_dw <= f_total_dw[f_rd[1:0]];
        g_dw_last <= f_total_dw[f_rd[1:0]];
        g_dw_next <= f_edw[f_rd[1:0]][10:0];
        g_bytes_last <= p_len;
        g_bytes_next <= p_bound;
        g_word <= f_word0[f_rd[1:0]];
        g_candw <= f_base[f_rd[1:0]] + p_bound[12:BPB_LOG];
        g_shift <= p_shift;
        g_shift_rest <= p_bound[BPB_LOG-1:0];
        g_lo_lanes <= p_lo_first;
        g_lo_lanes_rest <= p_lo_rest;
        g_words <= f_words[f_rd[1:0]];
        g_func <= f_func[f_rd[1:0]];
        g_id <= f_id[f_rd[1:0]];
        g_be_end <= (p_a0 + p_len[1:0] == 2'd0) ? 4'hf : ~(4'hf << (p_a0 + p_len[1:0]));
        f_rd <= f_rd + 1'b1;
    end

    if (rst) begin
        in_data <= 1'b0;
        wptr <= {(BUF_AW+1){1'b0}};
        fptr <= {(BUF_AW+1){1'b0}};
        f_wr <= 3'd0;
        f_rd <= 3'd0;
        g_valid <= 1'b0;
        t_valid <= 1'b0;
        wtlp_valid <= 1'b0;
        wr_done_valid <= 1'b0;
        wr_done_error <= 1'b0;
        dirty_valid <= 1'b0;
    end
end

wire unused_wr = &{1'b0, c_lim, c_total_dw_full[13:11], r_word_p1[0], p_lim[BPB_LOG-1:0], q_shift[1:0]};

endmodule

`resetall
