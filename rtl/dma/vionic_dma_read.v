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
//  - A request is accepted when the engine is not splitting another one, the
//    request queue (RQ_DEPTH) has room and the reorder buffer has room for the
//    request's beats. Bus Master Enable 0, a function that does not
//    exist, or a length of 0 or > 4096 fail the request without a TLP.
//  - The request is split at min(Max_Read_Request_Size, MAX_TLP_BYTES) boundaries
//    (which also keeps every TLP within a 4 KiB page, PCIe Base §2.2.7), one TLP a
//    cycle, each with the lowest free tag (free bitmap of NUM_TAGS). Without
//    Extended Tag Field Enable a function's requests use tags 0..31 only (a
//    5-bit Tag, PCIe Base §2.2.6.2); with it, all NUM_TAGS (up to 256).
//  - Completions are written, already realigned so request byte 0 is in lane 0,
//    into the request's area of a circular reorder buffer (BUF_WORDS beats in an
//    even and an odd bank, so an unaligned beat is one write to each bank). The
//    byte position comes from the tag's request offset and the completion's byte
//    count (PCIe Base §2.3.1.1: byte count = bytes remaining incl. this one).
//  - The head request is streamed out when all its TLPs finished (or failed).
//  - Completion timeout (PCIe Base §2.8): a scanner checks one tag a cycle; a tag
//    older than CPL_TIMEOUT_CYCLES fails its request and is quarantined until a
//    final completion (request_done, or a UR/CA) arrives for it.
// State: request queue, tag table, free bitmap, reorder buffer, response register.
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
localparam DWPB = DATA_WIDTH / 32;
localparam BPB_LOG = $clog2(BPB);
localparam TAG_W = (NUM_TAGS > 1) ? $clog2(NUM_TAGS) : 1;
localparam RQ_W = $clog2(RQ_DEPTH);
localparam BUF_AW = $clog2(BUF_WORDS);
localparam BANK_AW = BUF_AW - 1;
localparam MAX_WORDS = 4096 / BPB;
localparam TLP_LOG = $clog2(MAX_TLP_BYTES);
localparam TO_W = $clog2(CPL_TIMEOUT_CYCLES) + 2;
localparam CNT_W = 8;
localparam FUNC_W = (NUM_FUNCS > 1) ? $clog2(NUM_FUNCS) : 1;
localparam [31:0] BPB32 = DATA_WIDTH / 8;
localparam [13:0] BPB14_M1 = BPB32[13:0] - 14'd1;
localparam [15:0] BPB16 = BPB32[15:0];
localparam [3:0] TLP_LOG4 = TLP_LOG[3:0];

initial begin
    if (BUF_WORDS < 2 * MAX_WORDS || (1 << BUF_AW) != BUF_WORDS || (1 << RQ_W) != RQ_DEPTH ||
        MAX_TLP_BYTES < 128 || MAX_TLP_BYTES > 4096 || (1 << TLP_LOG) != MAX_TLP_BYTES ||
        NUM_TAGS > 256 || DATA_WIDTH < 256) begin
        $error("vionic_dma_read: bad parameters");
        $finish;
    end
end

// ---------------------------------------------------------------- request queue
reg [7:0]        rq_id    [0:RQ_DEPTH-1];
reg [12:0]       rq_len   [0:RQ_DEPTH-1];
reg [BUF_AW-1:0] rq_base  [0:RQ_DEPTH-1];
reg [7:0]        rq_words [0:RQ_DEPTH-1];
reg [RQ_DEPTH-1:0] rq_err;
reg [RQ_DEPTH-1:0] rq_issued;
reg [CNT_W*RQ_DEPTH-1:0] rq_cnt;   // TLPs of each request in flight
reg [RQ_W:0]     rq_wr, rq_rd;
reg [BUF_AW:0]   buf_alloc, buf_free;

wire [RQ_W:0]   rq_count = rq_wr - rq_rd;
wire            rq_full = rq_count[RQ_W];
wire [BUF_AW:0] buf_used = buf_alloc - buf_free;

// current request being split
reg         cur_valid;
reg [63:0]  cur_addr;
reg [12:0]  cur_rem;
reg [12:0]  cur_off;
reg [RQ_W-1:0] cur_rq;
reg [7:0]   cur_func;
reg [3:0]   cur_lim_log;   // log2 of the TLP size limit
reg         cur_ext;       // the function may use tags beyond 31

// room for this request's beats (ready depends on the request's length; an
// arbiter holds its request stable while it waits)
wire buf_room = ({{(31-BUF_AW){1'b0}}, buf_used} + {24'b0, req_words}) <= BUF_WORDS;
assign rd_req_ready = !cur_valid && !rq_full && buf_room;
wire accept = rd_req_valid && rd_req_ready;

wire [FUNC_W-1:0] req_fidx = rd_req_func[FUNC_W-1:0];
wire func_exists = {24'b0, rd_req_func} < NUM_FUNCS;
wire req_bm = func_exists && func_bus_master[req_fidx];
wire [2:0] req_mrrs = func_max_read_request[3*req_fidx +: 3];
wire req_bad = !req_bm || rd_req_len == 13'd0 || rd_req_len > 13'd4096;
wire [13:0] req_words_full = ({1'b0, rd_req_len} + BPB14_M1) >> BPB_LOG;
wire [7:0] req_words = req_bad ? 8'd0 : req_words_full[7:0];
// Device Control Max_Read_Request_Size: 128 << n bytes (PCIe Base §7.5.3.4); 6/7 reserved -> 4096
wire [3:0] req_mrrs_log = (req_mrrs > 3'd5) ? 4'd12 : 4'd7 + {1'b0, req_mrrs};
wire [3:0] req_lim_log = (req_mrrs_log > TLP_LOG4) ? TLP_LOG4 : req_mrrs_log;

// ---------------------------------------------------------------- tag table
reg [NUM_TAGS-1:0] tag_free;
reg [NUM_TAGS-1:0] tag_busy;
reg [NUM_TAGS-1:0] tag_quar;
reg [RQ_W-1:0]  tag_rq    [0:NUM_TAGS-1];
reg [12:0]      tag_off   [0:NUM_TAGS-1];
reg [12:0]      tag_bytes [0:NUM_TAGS-1];
reg [TO_W-1:0]  tag_time  [0:NUM_TAGS-1];
reg [TO_W-1:0]  now;

// tags the current request may take: 0..31 without Extended Tag Field Enable
localparam [31:0] BASE_TAGS = (NUM_TAGS < 32) ? NUM_TAGS : 32;
wire [NUM_TAGS-1:0] base_tags = {NUM_TAGS{1'b1}} >> (NUM_TAGS - BASE_TAGS);
wire [NUM_TAGS-1:0] tag_usable = tag_free & (cur_ext ? {NUM_TAGS{1'b1}} : base_tags);
// the lowest usable tag (a log-depth tree: a priority chain over 64 tags was the
// block's longest path)
wire [TAG_W-1:0] free_idx;
wire            free_any;
vionic_lowest_one #(.WIDTH(NUM_TAGS)) u_free (
    .in(tag_usable), .any(free_any), .index(free_idx)
);

// TLP split of the current request
wire [12:0] lim = 13'd1 << cur_lim_log;
wire [12:0] addr_in_lim = cur_addr[12:0] & (lim - 13'd1);
wire [12:0] to_bound = lim - addr_in_lim;
wire [12:0] chunk = (cur_rem < to_bound) ? cur_rem : to_bound;
wire [1:0]  a0 = cur_addr[1:0];
wire [13:0] end_off = {12'b0, a0} + {1'b0, chunk};       // bytes from the DW-aligned start
wire [13:0] chunk_dw_full = (end_off + 14'd3) >> 2;
wire [10:0] chunk_dw = chunk_dw_full[10:0];
wire [1:0]  end_lo = end_off[1:0];
wire [3:0]  be_first = 4'hf << a0;
wire [3:0]  be_last = (end_lo == 2'd0) ? 4'hf : ~(4'hf << end_lo);
wire        last_chunk = chunk == cur_rem;

wire issue = cur_valid && free_any && (!rtlp_valid || rtlp_ready);

// ---------------------------------------------------------------- completion stage 1
reg                   s1_valid;
reg [TAG_W-1:0]       s1_tag;
reg                   s1_tag_ok;
reg [2:0]             s1_status;
reg [12:0]            s1_bc;
reg [1:0]             s1_la;
reg                   s1_final;
reg [DATA_WIDTH-1:0]  s1_data;
reg [DWPB-1:0]        s1_keep;
reg [10:0]            s1_k;
reg [10:0]            rc_k;

assign s_rc_ready = 1'b1;

wire s1_busy = tag_busy[s1_tag] && s1_tag_ok;
wire s1_quar = tag_quar[s1_tag] && s1_tag_ok;
localparam [31:0] CPL_SC32 = `VIONIC_PCIE_CONFIG_CPL_SC;
localparam [2:0] CPL_SC = CPL_SC32[2:0];
wire s1_bad_status = s1_status != CPL_SC;
wire s1_done_tag = s1_valid && s1_final && (s1_busy || s1_quar);
wire [RQ_W-1:0] s1_rq = tag_rq[s1_tag];
wire [12:0] s1_consumed = tag_bytes[s1_tag] - s1_bc;
// request byte offset of data lane 0 of beat 0, biased by BPB (never negative)
wire [15:0] s1_d = {3'b0, tag_off[s1_tag]} + {3'b0, s1_consumed} + BPB16 - {14'b0, s1_la};
wire [15:0] s1_beat_d = s1_d + ({5'b0, s1_k} << BPB_LOG);
wire [15:0] s1_lenb = {3'b0, rq_len[s1_rq]} + BPB16;
wire [15:0] s1_beat_w = s1_beat_d >> BPB_LOG;
wire [BUF_AW-1:0] s1_wlo = rq_base[s1_rq] + s1_beat_w[BUF_AW-1:0] - 1'b1;
wire [BUF_AW-1:0] s1_whi = s1_wlo + 1'b1;
wire [BPB_LOG-1:0] s1_shift = s1_d[BPB_LOG-1:0];
wire s1_write = s1_valid && s1_busy && !s1_bad_status;

reg [BPB-1:0] s1_be;
integer bi;
always @* begin
    for (bi = 0; bi < BPB; bi = bi + 1)
        s1_be[bi] = s1_keep[bi / 4] && (s1_beat_d + bi[15:0] >= BPB16) && (s1_beat_d + bi[15:0] < s1_lenb);
end
wire [2*DATA_WIDTH-1:0] s1_rot_data = {{DATA_WIDTH{1'b0}}, s1_data} << {s1_shift, 3'b000};
wire [2*BPB-1:0]        s1_rot_be = {{BPB{1'b0}}, s1_be} << s1_shift;
wire [DATA_WIDTH-1:0] wr_even_data = s1_wlo[0] ? s1_rot_data[2*DATA_WIDTH-1:DATA_WIDTH] : s1_rot_data[DATA_WIDTH-1:0];
wire [DATA_WIDTH-1:0] wr_odd_data  = s1_wlo[0] ? s1_rot_data[DATA_WIDTH-1:0] : s1_rot_data[2*DATA_WIDTH-1:DATA_WIDTH];
wire [BPB-1:0] wr_even_be = !s1_write ? {BPB{1'b0}} : s1_wlo[0] ? s1_rot_be[2*BPB-1:BPB] : s1_rot_be[BPB-1:0];
wire [BPB-1:0] wr_odd_be  = !s1_write ? {BPB{1'b0}} : s1_wlo[0] ? s1_rot_be[BPB-1:0] : s1_rot_be[2*BPB-1:BPB];
wire [BANK_AW-1:0] wr_even_addr = s1_wlo[0] ? s1_whi[BUF_AW-1:1] : s1_wlo[BUF_AW-1:1];
wire [BANK_AW-1:0] wr_odd_addr  = s1_wlo[0] ? s1_wlo[BUF_AW-1:1] : s1_whi[BUF_AW-1:1];

// ---------------------------------------------------------------- timeout scanner
reg [TAG_W-1:0] scan;
wire [TO_W-1:0] scan_age = now - tag_time[scan];
wire scan_hit = tag_busy[scan] && scan_age >= CPL_TIMEOUT_CYCLES &&
                !(s1_valid && s1_final && s1_tag == scan);
wire [RQ_W-1:0] scan_rq = tag_rq[scan];

// ---------------------------------------------------------------- reorder buffer
reg [DATA_WIDTH-1:0] bank_even [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] bank_odd  [0:BUF_WORDS/2-1];
reg [DATA_WIDTH-1:0] q_even, q_odd;
reg                  q_sel;

always @(posedge clk) begin
    for (bi = 0; bi < BPB; bi = bi + 1) begin
        if (wr_even_be[bi]) bank_even[wr_even_addr][bi*8 +: 8] <= wr_even_data[bi*8 +: 8];
        if (wr_odd_be[bi])  bank_odd[wr_odd_addr][bi*8 +: 8] <= wr_odd_data[bi*8 +: 8];
    end
end

// ---------------------------------------------------------------- response output
wire [RQ_W-1:0] head = rq_rd[RQ_W-1:0];
wire [12:0] head_len = rq_len[head];
wire [13:0] head_beats_full = ({1'b0, head_len} + BPB14_M1) >> BPB_LOG;
wire [7:0]  head_beats = (head_len == 13'd0) ? 8'd1 : head_beats_full[7:0];
wire head_ready = (rq_count != 0) && rq_issued[head] && rq_cnt[CNT_W*head +: CNT_W] == {CNT_W{1'b0}};
reg  [7:0]  ob;
wire advance = !rd_rsp_valid || rd_rsp_ready;
wire out_go = advance && head_ready;
wire out_last = (ob + 8'd1) >= head_beats;
wire [15:0] ob16 = {8'b0, ob};
wire [BUF_AW-1:0] out_word = rq_base[head] + ob16[BUF_AW-1:0];

always @(posedge clk) begin
    if (out_go) begin
        q_even <= bank_even[out_word[BUF_AW-1:1]];
        q_odd <= bank_odd[out_word[BUF_AW-1:1]];
        q_sel <= out_word[0];
    end
end

assign rd_rsp_data = rd_rsp_error ? {DATA_WIDTH{1'b0}} : (q_sel ? q_odd : q_even);

// one-hot selects of the per-request and per-tag updates
wire [RQ_DEPTH-1:0] oh_acc  = accept ? ({{(RQ_DEPTH-1){1'b0}}, 1'b1} << rq_wr[RQ_W-1:0]) : {RQ_DEPTH{1'b0}};
wire [RQ_DEPTH-1:0] oh_iss  = issue ? ({{(RQ_DEPTH-1){1'b0}}, 1'b1} << cur_rq) : {RQ_DEPTH{1'b0}};
wire [RQ_DEPTH-1:0] oh_isl  = (issue && last_chunk) ? oh_iss : {RQ_DEPTH{1'b0}};
wire [RQ_DEPTH-1:0] oh_cdec = (s1_valid && s1_final && s1_busy) ? ({{(RQ_DEPTH-1){1'b0}}, 1'b1} << s1_rq) : {RQ_DEPTH{1'b0}};
wire [RQ_DEPTH-1:0] oh_cerr = (s1_valid && s1_busy && s1_bad_status) ? ({{(RQ_DEPTH-1){1'b0}}, 1'b1} << s1_rq) : {RQ_DEPTH{1'b0}};
wire [RQ_DEPTH-1:0] oh_tdec = scan_hit ? ({{(RQ_DEPTH-1){1'b0}}, 1'b1} << scan_rq) : {RQ_DEPTH{1'b0}};
wire [NUM_TAGS-1:0] oh_talloc = issue ? ({{(NUM_TAGS-1){1'b0}}, 1'b1} << free_idx) : {NUM_TAGS{1'b0}};
wire [NUM_TAGS-1:0] oh_tdone = s1_done_tag ? ({{(NUM_TAGS-1){1'b0}}, 1'b1} << s1_tag) : {NUM_TAGS{1'b0}};
wire [NUM_TAGS-1:0] oh_tto = scan_hit ? ({{(NUM_TAGS-1){1'b0}}, 1'b1} << scan) : {NUM_TAGS{1'b0}};

// ---------------------------------------------------------------- sequential
integer i;
always @(posedge clk) begin
    now <= now + 1'b1;
    scan <= ({{(31-TAG_W){1'b0}}, scan} == NUM_TAGS - 1) ? {TAG_W{1'b0}} : scan + 1'b1;

    // completion pipeline register
    s1_valid <= s_rc_valid;
    if (s_rc_valid) begin
        s1_tag <= s_rc_tag[TAG_W-1:0];
        s1_tag_ok <= {22'b0, s_rc_tag} < NUM_TAGS;
        s1_status <= s_rc_status;
        s1_bc <= s_rc_byte_count;
        s1_la <= s_rc_lower_addr[1:0];
        // a UR/CA completion ends the request (PCIe Base §2.3.2)
        s1_final <= s_rc_last && (s_rc_request_done || s_rc_status != CPL_SC);
        s1_data <= s_rc_data;
        s1_keep <= s_rc_keep;
        s1_k <= rc_k;
        rc_k <= s_rc_last ? 11'd0 : rc_k + 1'b1;
    end

    // accept a client request
    if (accept) begin
        rq_id[rq_wr[RQ_W-1:0]] <= rd_req_id;
        rq_len[rq_wr[RQ_W-1:0]] <= rd_req_len;
        rq_base[rq_wr[RQ_W-1:0]] <= buf_alloc[BUF_AW-1:0];
        rq_words[rq_wr[RQ_W-1:0]] <= req_words;
        rq_wr <= rq_wr + 1'b1;
        buf_alloc <= buf_alloc + {{(BUF_AW-7){1'b0}}, req_words};
        cur_valid <= !req_bad;
        cur_addr <= rd_req_addr;
        cur_rem <= rd_req_len;
        cur_off <= 13'd0;
        cur_rq <= rq_wr[RQ_W-1:0];
        cur_func <= rd_req_func;
        cur_lim_log <= req_lim_log;
        cur_ext <= func_exists && func_ext_tag[req_fidx];
    end

    // issue one read TLP
    if (rtlp_ready) rtlp_valid <= 1'b0;
    if (issue) begin
        rtlp_valid <= 1'b1;
        rtlp_func <= cur_func;
        rtlp_addr <= {cur_addr[63:2], 2'b00};
        rtlp_len_dw <= chunk_dw;
        // PCIe Base §2.2.5: a 1-DW request has last BE 0
        rtlp_first_be <= (chunk_dw == 11'd1) ? (be_first & be_last) : be_first;
        rtlp_last_be <= (chunk_dw == 11'd1) ? 4'h0 : be_last;
        rtlp_tag <= {{(10-TAG_W){1'b0}}, free_idx};
        tag_rq[free_idx] <= cur_rq;
        tag_off[free_idx] <= cur_off;
        tag_bytes[free_idx] <= chunk;
        tag_time[free_idx] <= now;
        cur_addr <= cur_addr + {51'b0, chunk};
        cur_rem <= cur_rem - chunk;
        cur_off <= cur_off + chunk;
        if (last_chunk) cur_valid <= 1'b0;
    end

    // per-request state
    for (i = 0; i < RQ_DEPTH; i = i + 1) begin
        if (oh_acc[i]) begin
            rq_err[i] <= req_bad;
            rq_issued[i] <= req_bad;
            rq_cnt[CNT_W*i +: CNT_W] <= {CNT_W{1'b0}};
        end else begin
            rq_cnt[CNT_W*i +: CNT_W] <= rq_cnt[CNT_W*i +: CNT_W] + {{(CNT_W-1){1'b0}}, oh_iss[i]}
                                   - {{(CNT_W-1){1'b0}}, oh_cdec[i]} - {{(CNT_W-1){1'b0}}, oh_tdec[i]};
            if (oh_isl[i]) rq_issued[i] <= 1'b1;
            if (oh_cerr[i] || oh_tdec[i]) rq_err[i] <= 1'b1;
        end
    end

    // per-tag state
    for (i = 0; i < NUM_TAGS; i = i + 1) begin
        if (oh_talloc[i]) begin
            tag_free[i] <= 1'b0;
            tag_busy[i] <= 1'b1;
        end else if (oh_tdone[i]) begin
            tag_free[i] <= 1'b1;
            tag_busy[i] <= 1'b0;
            tag_quar[i] <= 1'b0;
        end else if (oh_tto[i]) begin
            tag_busy[i] <= 1'b0;
            tag_quar[i] <= 1'b1;
        end
    end

    // response output
    if (advance) rd_rsp_valid <= 1'b0;
    if (out_go) begin
        rd_rsp_valid <= 1'b1;
        rd_rsp_id <= rq_id[head];
        rd_rsp_last <= out_last;
        rd_rsp_error <= rq_err[head];
        ob <= out_last ? 8'd0 : ob + 8'd1;
        if (out_last) begin
            rq_rd <= rq_rd + 1'b1;
            buf_free <= buf_free + {{(BUF_AW-7){1'b0}}, rq_words[head]};
        end
    end

    if (rst) begin
        now <= {TO_W{1'b0}};
        scan <= {TAG_W{1'b0}};
        s1_valid <= 1'b0;
        rc_k <= 11'd0;
        rq_wr <= {(RQ_W+1){1'b0}};
        rq_rd <= {(RQ_W+1){1'b0}};
        buf_alloc <= {(BUF_AW+1){1'b0}};
        buf_free <= {(BUF_AW+1){1'b0}};
        cur_valid <= 1'b0;
        rtlp_valid <= 1'b0;
        rd_rsp_valid <= 1'b0;
        rd_rsp_error <= 1'b0;
        ob <= 8'd0;
        tag_free <= {NUM_TAGS{1'b1}};
        tag_busy <= {NUM_TAGS{1'b0}};
        tag_quar <= {NUM_TAGS{1'b0}};
        rq_issued <= {RQ_DEPTH{1'b0}};
        rq_err <= {RQ_DEPTH{1'b0}};
    end
end

wire unused_rd = &{1'b0, s_rc_lower_addr[6:2], s_rc_len_dw, req_words_full[13:8], chunk_dw_full[13:11],
                   s1_beat_w, s1_whi[0], head_beats_full[13:8], ob16};

endmodule

`resetall
