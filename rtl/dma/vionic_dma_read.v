`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_read: the DMA read engine (docs/datapath.md "vionic_dma_read").
//
// Client side: one "DMA read client" port (rd_req_* / rd_rsp_*), usually behind
// vionic_dma_rd_arb. Link side: memory-read TLPs on rtlp_* (to vionic_rq_mux),
// completions on s_rc_* (always ready: room is reserved before a read is issued).
//
// Flow:
//  - A request is taken when the engine is not splitting another one, and started
//    (with its first TLP) when the request queue (RQ_DEPTH) has room and the reorder
//    buffer has room for the request's beats. Bus Master Enable 0, a function that
//    does not exist, or a length of 0 or > 4096 (checked as the request is taken)
//    fail the request without a TLP.
//  - The request is split at min(Max_Read_Request_Size, MAX_TLP_BYTES) boundaries
//    (which also keeps every TLP within a 4 KiB page, PCIe Base §2.2.7), one TLP a
//    cycle, each with a free tag. Without Extended Tag Field Enable a function's
//    requests use tags 0..31 only (a 5-bit Tag, PCIe Base §2.2.6.2); with it, all
//    NUM_TAGS (up to 256), tags 0..31 first.
//  - Completions are written, already realigned so request byte 0 is in lane 0,
//    into the request's area of a circular reorder buffer (BUF_WORDS beats in an
//    even and an odd bank, so an unaligned beat is one write to each bank). The
//    byte position comes from the end of the tag's TLP in the request and the
//    completion's byte count (PCIe Base §2.3.1.1: byte count = bytes remaining incl.
//    this one).
//  - The head request is streamed out when all its TLPs finished (or failed).
//  - Completion timeout (PCIe Base §2.8): a scanner checks one tag a cycle; a tag
//    older than CPL_TIMEOUT_CYCLES fails its request and is quarantined until a
//    final completion (request_done, or a UR/CA) arrives for it.
//
// Timing (aim: 250 MHz on UltraScale+, about 6 LUT levels a cycle). The work of one
// cycle of the first version is spread so that no decision feeds a wide update in
// the same cycle, without adding a cycle anywhere:
//  - rd_req_ready is a register, so the client's arbiter is not in series with
//    this block's queue and buffer checks; the request's first TLP boundary is
//    computed as it is taken, each later one from registers (one TLP a cycle).
//  - The next tag to use is always in a register (vionic_dma_tag_pool, two pools:
//    tags 0..31 and 32..NUM_TAGS-1), not searched for in the issue cycle.
//  - A completion's tag table entry, tag state and position arithmetic are looked up
//    as the beat enters (port -> s1 registers); the s1 cycle then only rotates the
//    data and forms byte enables from registered bounds.
//  - Per request, "ready" (all TLPs issued and finished) is a register updated with
//    the counts, and the timeout scanner takes two cycles.
// State: splitter (cur_*), tag pools, tag table and state, request queue, reorder
// buffer, response registers, timeout scanner.
module vionic_dma_read #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter NUM_TAGS = 32,
    parameter CPL_TIMEOUT_CYCLES = 65536,
    // largest read TLP issued (a power of 2, 128..4096); splitting below MRRS is allowed
    parameter MAX_TLP_BYTES = 512,
    // requests in flight (power of 2)
    parameter RQ_DEPTH = 32,
    // reorder buffer beats (power of 2, >= 2 * 4096 / (DATA_WIDTH / 8))
    parameter BUF_WORDS = 16384 / (DATA_WIDTH / 8)
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire [NUM_FUNCS-1:0]      func_bus_master,
    input  wire [3*NUM_FUNCS-1:0]    func_max_read_request,
    input  wire [NUM_FUNCS-1:0]      func_ext_tag,

    input  wire                      rd_req_valid,
    output wire                      rd_req_ready,
    input  wire [7:0]                rd_req_func,
    input  wire [63:0]               rd_req_addr,
    input  wire [12:0]               rd_req_len,
    input  wire [7:0]                rd_req_id,
    output reg                       rd_rsp_valid,
    input  wire                      rd_rsp_ready,
    output wire [DATA_WIDTH-1:0]     rd_rsp_data,
    output reg  [7:0]                rd_rsp_id,
    output reg                       rd_rsp_last,
    output reg                       rd_rsp_error,

    output reg                       rtlp_valid,
    input  wire                      rtlp_ready,
    output reg  [7:0]                rtlp_func,
    output reg  [63:0]               rtlp_addr,
    output reg  [10:0]               rtlp_len_dw,
    output reg  [3:0]                rtlp_first_be,
    output reg  [3:0]                rtlp_last_be,
    output reg  [9:0]                rtlp_tag,

    input  wire                      s_rc_valid,
    output wire                      s_rc_ready,
    input  wire [9:0]                s_rc_tag,
    input  wire [2:0]                s_rc_status,
    input  wire [12:0]               s_rc_byte_count,
    input  wire [6:0]                s_rc_lower_addr,
    input  wire [10:0]               s_rc_len_dw,
    input  wire                      s_rc_request_done,
    input  wire [DATA_WIDTH-1:0]     s_rc_data,
    input  wire [DATA_WIDTH/32-1:0]  s_rc_keep,
    input  wire                      s_rc_last
);

`include "vionic_pcie_config_regs.vh"

localparam BPB = DATA_WIDTH / 8;
localparam BPB_LOG = $clog2(BPB);
localparam TAG_W = $clog2(NUM_TAGS);
localparam RQ_W = $clog2(RQ_DEPTH);
localparam BUF_AW = $clog2(BUF_WORDS);
localparam BANK_AW = BUF_AW - 1;
localparam MAX_WORDS = 4096 / BPB;
localparam TLP_LOG = $clog2(MAX_TLP_BYTES);
localparam TO_W = $clog2(CPL_TIMEOUT_CYCLES) + 2;
// TLPs of one request in flight: at most 4096 / 128 + 1 = 33
localparam CNT_W = 6;
// signed beat positions of a completion (see "completion input stage")
localparam R_W = (BUF_AW + 1 > 12) ? BUF_AW + 1 : 12;
localparam FUNC_W = (NUM_FUNCS > 1) ? $clog2(NUM_FUNCS) : 1;
// tags 0..31 may be used by every function, 32.. only with Extended Tag Field Enable
localparam LO_TAGS = (NUM_TAGS < 32) ? NUM_TAGS : 32;
localparam HI_TAGS = NUM_TAGS - LO_TAGS;
localparam [31:0] BPB32 = DATA_WIDTH / 8;
localparam [13:0] BPB14_M1 = BPB32[13:0] - 14'd1;
localparam [3:0] TLP_LOG4 = TLP_LOG[3:0];
localparam [31:0] BUF_WORDS32 = BUF_WORDS;

initial begin
    if (BUF_WORDS < 2 * MAX_WORDS || (1 << BUF_AW) != BUF_WORDS || (1 << RQ_W) != RQ_DEPTH ||
        MAX_TLP_BYTES < 128 || MAX_TLP_BYTES > 4096 || (1 << TLP_LOG) != MAX_TLP_BYTES ||
        NUM_TAGS < 2 || NUM_TAGS > 256 || DATA_WIDTH < 256 || BUF_AW < 8) begin
        $error("vionic_dma_read: bad parameters");
        $finish;
    end
end

// ---------------------------------------------------------------- taking a request
// rd_req_ready is a register (!cur_valid): the arbiter in front is not in series with
// the queue and buffer checks, which come one cycle later. A request is taken
// straight into the splitter's registers, its first TLP's boundary already worked
// out from the port (in_*: a few LUTs and one carry chain). Its request-queue slot
// and reorder-buffer beats are allocated in the cycle its first TLP is issued
// ("start"; a failing request starts without a TLP), so taking a request and issuing
// its first TLP are two cycles, as before.
// A request is taken only when the splitter is empty, so starts are at least 2
// cycles apart, and the start checks use flags registered in the cycle before,
// corrected by what the output side did in that cycle (retire_q, freed_q).
wire [FUNC_W-1:0] in_fidx = rd_req_func[FUNC_W-1:0];
wire in_func_ok = {24'b0, rd_req_func} < NUM_FUNCS;
// checked as the request is taken, as before
wire in_bad = rd_req_len == 13'd0 || rd_req_len > 13'd4096 || !in_func_ok || !func_bus_master[in_fidx];
wire [13:0] in_words_full = ({1'b0, rd_req_len} + BPB14_M1) >> BPB_LOG;   // reorder-buffer beats
wire [12:0] in_len_m1 = rd_req_len - 13'd1;
wire [12:0] in_beats_m1_full = in_len_m1 >> BPB_LOG;
// The TLP split (limit: Device Control Max_Read_Request_Size, at most TLP_LOG)
wire [3:0]  in_lim_log;
wire [12:0] in_lim, in_bound, in_bnd;
wire [11:0] in_edw;
wire [13:0] in_total_dw_full;       // DWs of the whole request
vionic_tlp_split_plan #(.CAP_LOG(TLP_LOG4)) u_split (
    .size_code(func_max_read_request[3*in_fidx +: 3]),
    .addr(rd_req_addr[12:0]), .len(rd_req_len),
    .lim_log(in_lim_log), .lim(in_lim), .bound(in_bound), .edw(in_edw),
    .total_dw(in_total_dw_full), .bnd(in_bnd)
);
wire [1:0]  in_a0 = rd_req_addr[1:0];
wire [1:0]  in_end_lo = in_a0 + rd_req_len[1:0];
wire [3:0]  in_be_end = (in_end_lo == 2'd0) ? 4'hf : ~(4'hf << in_end_lo);

// ---------------------------------------------------------------- request queue
reg [7:0]          rq_id       [0:RQ_DEPTH-1];
reg [7:0]          rq_beats_m1 [0:RQ_DEPTH-1];   // response beats - 1
reg                rq_good     [0:RQ_DEPTH-1];   // has reorder-buffer beats (not failed at start)
reg [RQ_DEPTH-1:0] rq_err;
reg [RQ_DEPTH-1:0] rq_issued;                    // all its TLPs issued (or none needed)
reg [RQ_DEPTH-1:0] rq_ready;                     // issued and all TLPs finished: may stream out
reg [CNT_W*RQ_DEPTH-1:0] rq_cnt;                 // TLPs of each request in flight
reg [RQ_W:0]       rq_wr, rq_rd;
reg [RQ_DEPTH-1:0] rq_wr_oh;                     // 1 << rq_wr
reg [BUF_AW:0]     buf_alloc;                    // reorder-buffer beats allocated ...
reg [BUF_AW:0]     out_word;                     // ... and streamed out (= freed)
// registered in the cycle before (see "taking a request")
reg                rq_full_q, rq_empty_q, rq_one_q;
reg                start_q, retire_q, freed_q;
reg [BUF_AW:0]     buf_space_q;

// ---------------------------------------------------------------- splitter (one TLP a cycle)
reg         cur_valid;
reg         cur_started;       // its request-queue slot is allocated
reg         cur_bad;           // fails without a TLP
reg [7:0]   cur_id;
reg [7:0]   cur_words;         // reorder-buffer beats (if not failing)
reg [7:0]   cur_beats_m1;      // response beats - 1 (ceil(len / BPB) - 1; 0 for length 0)
reg         cur_first;
reg [RQ_W-1:0] cur_rq;
reg [RQ_DEPTH-1:0] cur_rq_oh;
reg [BUF_AW-1:0] cur_base;     // the request's first reorder-buffer beat
reg [7:0]   cur_func;
reg         cur_ext;           // the function may use tags beyond 31
reg [12:0]  cur_len;
reg [12:0]  cur_cand;          // request offset of the next L boundary (the TLP's end unless last)
reg [12:0]  cur_lim;
reg [10:0]  cur_lim_dw;
reg [11:0]  cur_edw;           // cur_cand in DWs from the request's first DW
reg [10:0]  cur_total_dw;
reg [10:0]  cur_dw_last;       // this TLP's DWs if it is the last ...
reg [10:0]  cur_dw_next;       // ... and if it is not
reg [3:0]   cur_fbe0;          // first BE of the first TLP
reg [3:0]   cur_be_end;        // last BE of the last TLP
reg [51:0]  cur_page;
reg [51:0]  cur_page_p1;       // cur_page + 1, one cycle after cur_page (the first TLP never needs it)
reg [12:0]  cur_lo;            // page offset of this TLP (bit 12: in the next page)
reg [12:0]  cur_bnd;           // page offset of cur_cand

assign rd_req_ready = !cur_valid;
wire take = rd_req_valid && !cur_valid;

wire        cur_last = cur_len <= cur_cand;
wire [10:0] cur_dw = cur_last ? cur_dw_last : cur_dw_next;
wire        cur_dw1 = cur_last ? (cur_dw_last == 11'd1) : (cur_dw_next == 11'd1);
wire [3:0]  cur_be_first = cur_first ? cur_fbe0 : 4'hf;
wire [3:0]  cur_be_last = cur_last ? cur_be_end : 4'hf;
wire [12:0] cur_tlp_end = cur_last ? cur_len : cur_cand;

// start checks: room now = buf_space_q + the beat freed in the cycle before (no start
// then); full now = full in the cycle before and no retire then. A slot freed by the
// head is reusable in the next cycle (64-byte reads need that: the request queue,
// not the tags, bounds them).
wire [31:0] space32 = {{(31-BUF_AW){1'b0}}, buf_space_q};
wire cur_room = freed_q ? {24'b0, cur_beats_m1} <= space32 : {24'b0, cur_beats_m1} < space32;
wire rq_full = rq_full_q && !retire_q;
wire start_ok = !rq_full && (cur_bad || cur_room);
// before the start, the request's slot and base are the next free ones
wire [RQ_W-1:0]     cur_rq_now = cur_started ? cur_rq : rq_wr[RQ_W-1:0];
wire [RQ_DEPTH-1:0] cur_rq_oh_now = cur_started ? cur_rq_oh : rq_wr_oh;
wire [BUF_AW-1:0]   cur_base_now = cur_started ? cur_base : buf_alloc[BUF_AW-1:0];

// ---------------------------------------------------------------- tags
reg [NUM_TAGS-1:0] tag_busy;   // a read TLP with this tag is outstanding
reg [NUM_TAGS-1:0] tag_quar;   // timed out, final completion not seen yet
reg [RQ_W-1:0]   tag_rq   [0:NUM_TAGS-1];
reg [BUF_AW-1:0] tag_base [0:NUM_TAGS-1];
reg [12:0]       tag_end  [0:NUM_TAGS-1];   // request offset of the end of the TLP
reg [TO_W-1:0]   tag_time [0:NUM_TAGS-1];
reg [TO_W-1:0]   now;

wire             lo_avail, hi_avail;
wire [TAG_W-1:0] lo_tag, hi_tag;
wire tag_avail = lo_avail || (cur_ext && hi_avail);
wire issue = cur_valid && !cur_bad && tag_avail && (!rtlp_valid || rtlp_ready) && (cur_started || start_ok);
wire start = cur_valid && !cur_started && (cur_bad ? !rq_full : issue);
wire [TAG_W-1:0] issue_tag = lo_avail ? lo_tag : hi_tag;

// a completion's tag is handed back here (s1 stage)
wire             s1_done;
reg [TAG_W-1:0]  s1_tag;

vionic_dma_tag_pool #(.FIRST(0), .COUNT(LO_TAGS), .TAG_W(TAG_W)) u_lo_tags (
    .clk(clk), .rst(rst),
    .avail(lo_avail), .tag(lo_tag), .take(issue && lo_avail),
    .give(s1_done && {{(32-TAG_W){1'b0}}, s1_tag} < LO_TAGS), .give_tag(s1_tag)
);

generate
    if (HI_TAGS > 0) begin : g_hi_tags
        vionic_dma_tag_pool #(.FIRST(LO_TAGS), .COUNT(HI_TAGS), .TAG_W(TAG_W)) u_hi_tags (
            .clk(clk), .rst(rst),
            .avail(hi_avail), .tag(hi_tag), .take(issue && !lo_avail),
            .give(s1_done && {{(32-TAG_W){1'b0}}, s1_tag} >= LO_TAGS), .give_tag(s1_tag)
        );
    end else begin : g_no_hi_tags
        assign hi_avail = 1'b0;
        assign hi_tag = {TAG_W{1'b0}};
    end
endgenerate

// ---------------------------------------------------------------- completion input stage
// Everything per completion that needs the tag table is done as the beat enters,
// so s1 works from registers only. Positions are request byte offsets:
//   o0 = end of the TLP - byte_count - lower_addr[1:0] is the offset of lane 0 of
//   beat 0 (the completion's first byte is byte_count bytes before the TLP's end,
//   PCIe Base §2.3.1.1, and sits in lane lower_addr[1:0]; o0 < 0 only for the first
//   completion of a request that does not start on a DW).
// Beat k covers offsets o0 + k*BPB ..: its lanes land in the request's beats
//   r = floor(o0 / BPB) + k ("lo", lanes >= shift) and r + 1 ("hi", lanes < shift),
//   shift = o0 mod BPB. Bytes at offsets >= the TLP's end (tag_end = Eh*BPB + El) are
//   not written: with m = Eh - r (m0 = ceil((byte_count + lower_addr - El) / BPB)),
//   lo is whole for m >= 1 and holds lanes < El for m = 0; hi likewise for m >= 2
//   and m = 1. Offsets < 0 (r < 0 for lo, r < -1 for hi) are not written either.
// r and m come from the header on a completion's first beat and step by one beat.
// s_rc_keep is not needed: a completion's bytes end either at the TLP's end (the
// bound above) or at an RCB boundary inside it, and what a beat carries past an RCB
// boundary is rewritten by the tag's next completion, which comes later (completions
// of one read arrive in address order, PCIe Base §2.3.1.1); a request is read out
// only after all of them.
reg                   s1_valid;
reg [2:0]             s1_status;
reg                   s1_busy;
reg                   s1_quar;
reg                   s1_final;
reg [DATA_WIDTH-1:0]  s1_data;
reg [RQ_W-1:0]        s1_rq;
reg [BUF_AW-1:0]      s1_base, s1_base_p1;
reg [BPB_LOG-1:0]     s1_shift;
reg [BPB_LOG-1:0]     s1_end_lo;
reg [R_W-1:0]         s1_r;
reg [R_W-1:0]         s1_m;
reg                   rc_mid;      // the next beat continues a completion

assign s_rc_ready = 1'b1;

localparam [31:0] CPL_SC32 = `VIONIC_PCIE_CONFIG_CPL_SC;
localparam [2:0] CPL_SC = CPL_SC32[2:0];

wire [TAG_W-1:0]  rc_t = s_rc_tag[TAG_W-1:0];
wire              rc_tag_ok = {22'b0, s_rc_tag} < NUM_TAGS;
wire [12:0]       rc_end = tag_end[rc_t];
wire [1:0]        rc_la = s_rc_lower_addr[1:0];
wire [14:0]       rc_o0 = {2'b0, rc_end} - {2'b0, s_rc_byte_count} - {13'b0, rc_la};
wire [R_W-1:0]    rc_r0 = {{(R_W-15+BPB_LOG){rc_o0[14]}}, rc_o0[14:BPB_LOG]};
wire [BPB_LOG:0]  rc_la_el = {{(BPB_LOG-1){1'b0}}, rc_la} + {1'b0, ~rc_end[BPB_LOG-1:0]};
wire [13:0]       rc_m0_full = ({1'b0, s_rc_byte_count} + {{(13-BPB_LOG){1'b0}}, rc_la_el}) >> BPB_LOG;
// the tag's state as s1 will see it: a final completion in s1 now frees the tag, a
// timeout now quarantines it (forwarded: the completion then finds the tag quarantined)
wire rc_dup = s1_done && s1_tag == rc_t;
wire rc_late;
wire rc_busy = rc_tag_ok && tag_busy[rc_t] && !rc_dup && !rc_late;
wire rc_quar = rc_tag_ok && (tag_quar[rc_t] || rc_late) && !rc_dup;

// ---------------------------------------------------------------- s1: reorder-buffer write
wire s1_bad_status = s1_status != CPL_SC;
wire s1_write = s1_valid && s1_busy && !s1_bad_status;
assign s1_done = s1_valid && s1_final && (s1_busy || s1_quar);   // the tag is free again
wire s1_cdec = s1_valid && s1_final && s1_busy;                  // a TLP of s1_rq finished
wire s1_cerr = s1_valid && s1_busy && s1_bad_status;             // ... and failed

wire s1_lo_in = !s1_r[R_W-1];                      // r >= 0
wire s1_hi_in = !s1_r[R_W-1] || (&s1_r);           // r >= -1
wire s1_m_pos = !s1_m[R_W-1] && s1_m != {R_W{1'b0}};
wire s1_lo_full = s1_m_pos;                        // m >= 1
wire s1_lo_part = s1_m == {R_W{1'b0}};
wire s1_hi_full = s1_m_pos && s1_m != {{(R_W-1){1'b0}}, 1'b1};
wire s1_hi_part = s1_m == {{(R_W-1){1'b0}}, 1'b1};
wire s1_lo_w = s1_write && s1_lo_in;
wire s1_hi_w = s1_write && s1_hi_in;

// the beat rotated by shift: lane L holds beat lane (L - shift) mod BPB
wire [2*DATA_WIDTH-1:0] s1_rot2 = {s1_data, s1_data} << {s1_shift, 3'b000};
wire [DATA_WIDTH-1:0]   wr_data = s1_rot2[2*DATA_WIDTH-1:DATA_WIDTH];

reg [BPB-1:0] s1_be_lo, s1_be_hi;
integer bi;
always @* begin
    for (bi = 0; bi < BPB; bi = bi + 1) begin
        s1_be_lo[bi] = s1_lo_w && (bi[BPB_LOG-1:0] >= s1_shift) &&
                       (s1_lo_full || (s1_lo_part && bi[BPB_LOG-1:0] < s1_end_lo));
        s1_be_hi[bi] = s1_hi_w && (bi[BPB_LOG-1:0] < s1_shift) &&
                       (s1_hi_full || (s1_hi_part && bi[BPB_LOG-1:0] < s1_end_lo));
    end
end
// beats r (lo) and r + 1 (hi) of the request: one is in each bank
wire [BUF_AW-1:0]  s1_w_lo = s1_base + s1_r[BUF_AW-1:0];
wire [BUF_AW-1:0]  s1_w_hi = s1_base_p1 + s1_r[BUF_AW-1:0];
wire [BPB-1:0]     wr_even_be = s1_w_lo[0] ? s1_be_hi : s1_be_lo;
wire [BPB-1:0]     wr_odd_be  = s1_w_lo[0] ? s1_be_lo : s1_be_hi;
wire [BANK_AW-1:0] wr_even_addr = s1_w_hi[BUF_AW-1:1];
wire [BANK_AW-1:0] wr_odd_addr  = s1_w_lo[BUF_AW-1:1];

// ---------------------------------------------------------------- timeout scanner
// Stage 1 reads one tag's age; stage 2 applies a hit to the tag, unless the tag's
// final completion is in s1 then (it is not late). A completion entering then sees
// the tag quarantined (rc_late). The request's count and error follow one cycle
// later (to_v).
reg [TAG_W-1:0] scan;
reg             sc_v;          // stage 2: sc_tag is busy and too old
reg [TAG_W-1:0] sc_tag;
reg [RQ_W-1:0]  sc_rq;
reg             sc_eq;         // the beat now in s1 has tag sc_tag
reg             to_v;
reg [RQ_W-1:0]  to_rq;
wire [TO_W-1:0] scan_age = now - tag_time[scan];
wire scan_old = tag_busy[scan] && scan_age >= CPL_TIMEOUT_CYCLES && !(s1_done && s1_tag == scan);
wire to_hit = sc_v && !(s1_done && sc_eq);
assign rc_late = to_hit && sc_tag == rc_t;

// ---------------------------------------------------------------- reorder buffer
reg [DATA_WIDTH-1:0] bank_even [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] bank_odd  [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] q_even, q_odd;
reg                  q_sel;

always @(posedge clk) begin
    for (bi = 0; bi < BPB; bi = bi + 1) begin
        if (wr_even_be[bi]) bank_even[wr_even_addr][bi*8 +: 8] <= wr_data[bi*8 +: 8];
        if (wr_odd_be[bi])  bank_odd[wr_odd_addr][bi*8 +: 8] <= wr_data[bi*8 +: 8];
    end
end

// ---------------------------------------------------------------- response output
wire [RQ_W-1:0] head = rq_rd[RQ_W-1:0];
// not empty: the count of the cycle before (0, 1 or more) plus its start minus its retire
wire rq_nonempty = !((rq_empty_q && !start_q) || (rq_one_q && !start_q && retire_q));
reg  [7:0]  ob;
wire advance = !rd_rsp_valid || rd_rsp_ready;
wire out_go = advance && rq_nonempty && rq_ready[head];
wire out_last = ob == rq_beats_m1[head];

always @(posedge clk) begin
    if (out_go) begin
        q_even <= bank_even[out_word[BUF_AW-1:1]];
        q_odd <= bank_odd[out_word[BUF_AW-1:1]];
        q_sel <= out_word[0];
    end
end

assign rd_rsp_data = rd_rsp_error ? {DATA_WIDTH{1'b0}} : (q_sel ? q_odd : q_even);

// ---------------------------------------------------------------- sequential
wire [RQ_W:0] rq_count = rq_wr - rq_rd;
wire [BUF_AW:0] buf_used = buf_alloc - out_word;

always @(posedge clk) begin
    now <= now + 1'b1;
    scan <= ({{(31-TAG_W){1'b0}}, scan} == NUM_TAGS - 1) ? {TAG_W{1'b0}} : scan + 1'b1;
    buf_space_q <= BUF_WORDS32[BUF_AW:0] - buf_used;
    rq_full_q <= rq_count[RQ_W];
    rq_empty_q <= rq_count == {(RQ_W+1){1'b0}};
    rq_one_q <= rq_count == {{RQ_W{1'b0}}, 1'b1};
    start_q <= start;
    retire_q <= out_go && out_last;
    freed_q <= out_go && rq_good[head];

    // take a request
    cur_page_p1 <= cur_page + 52'd1;
    if (take) begin
        cur_valid <= 1'b1;
        cur_started <= 1'b0;
        cur_bad <= in_bad;
        cur_id <= rd_req_id;
        cur_words <= in_words_full[7:0];
        cur_beats_m1 <= (rd_req_len == 13'd0) ? 8'd0 : in_beats_m1_full[7:0];
        cur_first <= 1'b1;
        cur_func <= rd_req_func;
        cur_ext <= in_func_ok && func_ext_tag[in_fidx];
        cur_len <= rd_req_len;
        cur_cand <= in_bound;
        cur_lim <= in_lim;
        cur_lim_dw <= in_lim[12:2];
        cur_edw <= in_edw;
        cur_total_dw <= in_total_dw_full[10:0];
        cur_dw_last <= in_total_dw_full[10:0];
        cur_dw_next <= in_edw[10:0];
        cur_fbe0 <= 4'hf << in_a0;
        cur_be_end <= in_be_end;
        cur_page <= rd_req_addr[63:12];
        cur_lo <= {1'b0, rd_req_addr[11:2], 2'b00};
        cur_bnd <= in_bnd;
    end

    // start it: allocate its request-queue slot and reorder-buffer beats
    if (start) begin
        rq_id[rq_wr[RQ_W-1:0]] <= cur_id;
        rq_beats_m1[rq_wr[RQ_W-1:0]] <= cur_beats_m1;
        rq_good[rq_wr[RQ_W-1:0]] <= !cur_bad;
        rq_wr <= rq_wr + 1'b1;
        rq_wr_oh <= {rq_wr_oh[RQ_DEPTH-2:0], rq_wr_oh[RQ_DEPTH-1]};
        if (!cur_bad) buf_alloc <= buf_alloc + {{(BUF_AW-7){1'b0}}, cur_words};
        if (cur_bad) cur_valid <= 1'b0;
        cur_started <= 1'b1;
        cur_rq <= rq_wr[RQ_W-1:0];
        cur_rq_oh <= rq_wr_oh;
        cur_base <= buf_alloc[BUF_AW-1:0];
    end

    // issue one read TLP
    if (rtlp_ready) rtlp_valid <= 1'b0;
    if (issue) begin
        rtlp_valid <= 1'b1;
        rtlp_func <= cur_func;
        rtlp_addr <= {cur_lo[12] ? cur_page_p1 : cur_page, cur_lo[11:2], 2'b00};
        rtlp_len_dw <= cur_dw;
        // PCIe Base §2.2.5: a 1-DW request has last BE 0
        rtlp_first_be <= cur_dw1 ? (cur_be_first & cur_be_last) : cur_be_first;
        rtlp_last_be <= cur_dw1 ? 4'h0 : cur_be_last;
        rtlp_tag <= {{(10-TAG_W){1'b0}}, issue_tag};
        tag_rq[issue_tag] <= cur_rq_now;
        tag_base[issue_tag] <= cur_base_now;
        tag_end[issue_tag] <= cur_tlp_end;
        tag_time[issue_tag] <= now;
        cur_first <= 1'b0;
        cur_cand <= cur_cand + cur_lim;
        cur_edw <= cur_edw + {1'b0, cur_lim_dw};
        cur_dw_last <= cur_total_dw - cur_edw[10:0];
        cur_dw_next <= cur_lim_dw;
        cur_lo <= cur_bnd;
        cur_bnd <= cur_bnd + cur_lim;
        if (cur_last) cur_valid <= 1'b0;
    end

    // completion input stage
    s1_valid <= s_rc_valid;
    if (s_rc_valid) begin
        s1_tag <= rc_t;
        s1_status <= s_rc_status;
        s1_busy <= rc_busy;
        s1_quar <= rc_quar;
        // a UR/CA completion ends the request (PCIe Base §2.3.2)
        s1_final <= s_rc_last && (s_rc_request_done || s_rc_status != CPL_SC);
        s1_data <= s_rc_data;
        s1_rq <= tag_rq[rc_t];
        s1_base <= tag_base[rc_t];
        s1_base_p1 <= tag_base[rc_t] + 1'b1;
        s1_shift <= rc_o0[BPB_LOG-1:0];
        s1_end_lo <= rc_end[BPB_LOG-1:0];
        s1_r <= rc_mid ? s1_r + 1'b1 : rc_r0;
        s1_m <= rc_mid ? s1_m - 1'b1 : {{(R_W-14+BPB_LOG){1'b0}}, rc_m0_full[13-BPB_LOG:0]};
        rc_mid <= !s_rc_last;
    end

    // timeout scanner
    sc_v <= scan_old;
    sc_tag <= scan;
    sc_rq <= tag_rq[scan];
    sc_eq <= s_rc_valid && s_rc_tag == {{(10-TAG_W){1'b0}}, scan};
    to_v <= to_hit;
    to_rq <= sc_rq;

    // response output
    if (advance) rd_rsp_valid <= 1'b0;
    if (out_go) begin
        rd_rsp_valid <= 1'b1;
        rd_rsp_id <= rq_id[head];
        rd_rsp_last <= out_last;
        rd_rsp_error <= rq_err[head];
        ob <= out_last ? 8'd0 : ob + 8'd1;
        // a beat read out is free again; a failed-at-start request has no beats
        if (rq_good[head]) out_word <= out_word + 1'b1;
        if (out_last) rq_rd <= rq_rd + 1'b1;
    end

    if (rst) begin
        now <= {TO_W{1'b0}};
        scan <= {TAG_W{1'b0}};
        sc_v <= 1'b0;
        to_v <= 1'b0;
        s1_valid <= 1'b0;
        rc_mid <= 1'b0;
        rq_wr <= {(RQ_W+1){1'b0}};
        rq_wr_oh <= {{(RQ_DEPTH-1){1'b0}}, 1'b1};
        rq_full_q <= 1'b0;
        rq_empty_q <= 1'b1;
        rq_one_q <= 1'b0;
        start_q <= 1'b0;
        retire_q <= 1'b0;
        freed_q <= 1'b0;
        rq_rd <= {(RQ_W+1){1'b0}};
        buf_alloc <= {(BUF_AW+1){1'b0}};
        out_word <= {(BUF_AW+1){1'b0}};
        buf_space_q <= {(BUF_AW+1){1'b0}};
        cur_valid <= 1'b0;
        rtlp_valid <= 1'b0;
        rd_rsp_valid <= 1'b0;
        rd_rsp_error <= 1'b0;
        ob <= 8'd0;
    end
end

// ---------------------------------------------------------------- per-tag state
genvar gi;
generate
    for (gi = 0; gi < NUM_TAGS; gi = gi + 1) begin : g_tag
        localparam [TAG_W-1:0] T = gi;
        wire alloc = issue && issue_tag == T;
        wire done = s1_done && s1_tag == T;
        wire late = to_hit && sc_tag == T;
        always @(posedge clk) begin
            if (alloc) tag_busy[gi] <= 1'b1;
            else if (done || late) tag_busy[gi] <= 1'b0;
            if (late) tag_quar[gi] <= 1'b1;
            else if (done) tag_quar[gi] <= 1'b0;
            if (rst) begin
                tag_busy[gi] <= 1'b0;
                tag_quar[gi] <= 1'b0;
            end
        end
    end
endgenerate

// ---------------------------------------------------------------- per-request state
// TLPs in flight count up at issue and down when a TLP's final completion leaves s1
// (or it times out); "ready" is the count reaching 0 after the last issue, evaluated
// with this cycle's decrements (no TLP is issued for a request once rq_issued is
// set, so there is no increment to add).
generate
    for (gi = 0; gi < RQ_DEPTH; gi = gi + 1) begin : g_rq
        localparam [RQ_W-1:0] Q = gi;
        wire begin_ = start && rq_wr_oh[gi];
        wire inc = issue && cur_rq_oh_now[gi];
        wire dc = s1_cdec && s1_rq == Q;
        wire dt = to_v && to_rq == Q;
        wire fail = (s1_cerr && s1_rq == Q) || dt;
        wire [CNT_W-1:0] cnt = rq_cnt[CNT_W*gi +: CNT_W];
        wire zero_next = (cnt == 6'd0 && !dc && !dt) || (cnt == 6'd1 && (dc ^ dt)) ||
                         (cnt == 6'd2 && dc && dt);
        always @(posedge clk) begin
            // a start is its first TLP's issue, or it fails without a TLP
            if (begin_) begin
                rq_cnt[CNT_W*gi +: CNT_W] <= {{(CNT_W-1){1'b0}}, inc};
                rq_err[gi] <= cur_bad;
                rq_issued[gi] <= cur_bad || (inc && cur_last);
                rq_ready[gi] <= cur_bad;
            end else begin
                rq_cnt[CNT_W*gi +: CNT_W] <= cnt + {{(CNT_W-1){1'b0}}, inc}
                                           - {{(CNT_W-1){1'b0}}, dc} - {{(CNT_W-1){1'b0}}, dt};
                if (inc && cur_last) rq_issued[gi] <= 1'b1;
                if (fail) rq_err[gi] <= 1'b1;
                rq_ready[gi] <= rq_issued[gi] && zero_next;
            end
            if (rst) begin
                rq_err[gi] <= 1'b0;
                rq_issued[gi] <= 1'b0;
                rq_ready[gi] <= 1'b0;
            end
        end
    end
endgenerate

wire unused_rd = &{1'b0, in_lim_log, s_rc_lower_addr[6:2], s_rc_len_dw, in_words_full[13:8],
                   in_beats_m1_full[12:8], in_total_dw_full[13:11], rc_m0_full[13:14-BPB_LOG], s1_w_hi[0], cur_lo[1:0],
                   s1_rot2[DATA_WIDTH-1:0], s_rc_keep};

endmodule

`resetall
