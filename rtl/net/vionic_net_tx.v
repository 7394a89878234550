`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_dp_consts_regs.vh"
`include "vionic_virtio_net_regs.vh"
`include "vionic_virtio_pci_regs.vh"

// vionic_net_tx: the transmit pipeline (docs/datapath.md, vionic_net_tx).
//
// Interfaces: txd_ (descriptor chains from vq_avail, one beat per descriptor),
// rd_ (DMA read client), m_eth_tx_ (frames out, AXI-Stream), tx_used_ (chains
// back to vq_used), err_ (queue errors to vq_ctl), stat_ (counter events).
//
// Stages:
// 1. Issue: every descriptor is read with requests of at most 4096 bytes
//    (rd_req_len limit). A chain is read only up to HDR_BYTES + MAX_FRAME + 1
//    bytes (more means "too long": the rest is never read). Before a request
//    is issued its bytes (plus BPB for the first request of a chain: rounding
//    of the frame's last beat) are reserved in the frame FIFO, so responses
//    are always accepted (datapath.md, DMA read client). Up to REQ_DEPTH
//    requests and CHAIN_DEPTH chains are outstanding, so the reads of many
//    chains are in flight at once. A per-request record (length, last of
//    chain, CSUM negotiated) goes into a FIFO for the response side; a chain
//    record (qid, id, count, reservation) into the chain FIFO. A chain whose
//    last descriptor issues no read (capped) gets a marker record.
// 2. Responses -> vionic_net_tx_pack: takes the 12-byte virtio_net_hdr off the
//    front of the chain (VIRTIO 1.3 §5.1.6; VERSION_1 is mandatory for a
//    modern device, so the header is always 12 bytes, §5.1.6.1) and packs the
//    frame bytes of all pieces into contiguous beats.
// 3. Writer: frame beats go into the frame FIFO (vionic_net_tx_fifo) while
//    the 16-bit one's-complement sum from csum_start to the end is
//    accumulated (the sum of a beat is registered, then accumulated). At
//    the frame's end the checks are made; a dropped frame is rolled back, a
//    good one committed. A frame record (drop, error, length,
//    checksum position and value) is queued.
// 4. Output: frames in chain order on m_eth_tx; with checksum offload the
//    folded, complemented sum is written big-endian at csum_start +
//    csum_offset on the way out (§5.1.6.2: the driver put the pseudo-header
//    sum there; a result of 0 is sent as 0xffff like Linux
//    skb_checksum_help). After the last beat (or for a drop) the chain goes
//    to tx_used (len 0), a stat event is sent (TX_PACKET with the frame
//    length, or TX_DROP), a read error is reported on err_ (ERR_DMA_READ),
//    and the chain's reservation is released.
// Drops: frame < ETH_MIN_FRAME or > MAX_FRAME bytes, gso_type != GSO_NONE,
// NEEDS_CSUM without CSUM negotiated (§5.1.6.2.2: the driver must not set it)
// or with csum_start + csum_offset + 2 > frame length, a read error.
// FIFO_BYTES must be at least MAX_FRAME + 13 + 2*BPB.
// State: issue position in the descriptor and chain, reservation counter,
// request/chain/frame record FIFOs, response byte counter, packer, writer
// length and sum, frame FIFO, output beat counter, used/err/stat registers.
module vionic_net_tx #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter MAX_FRAME = 1518,
    parameter FIFO_BYTES = 16384,
    parameter QID_W = (NUM_FUNCS * QUEUES_PER_FUNC > 1) ?
                      $clog2(NUM_FUNCS * QUEUES_PER_FUNC) : 1
) (
    input  wire                     clk,
    input  wire                     rst,

    input  wire [64*NUM_FUNCS-1:0]  func_features,

    input  wire                     txd_valid,
    output wire                     txd_ready,
    input  wire [QID_W-1:0]         txd_qid,
    input  wire [63:0]              txd_addr,
    input  wire [31:0]              txd_len,
    input  wire                     txd_last,
    input  wire [15:0]              txd_id,
    input  wire [15:0]              txd_count,

    output reg                      rd_req_valid,
    input  wire                     rd_req_ready,
    output reg  [7:0]               rd_req_func,
    output reg  [63:0]              rd_req_addr,
    output reg  [12:0]              rd_req_len,
    output reg  [7:0]               rd_req_id,
    input  wire                     rd_rsp_valid,
    output wire                     rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]    rd_rsp_data,
    input  wire [7:0]               rd_rsp_id,
    input  wire                     rd_rsp_last,
    input  wire                     rd_rsp_error,

    output wire                     m_eth_tx_tvalid,
    input  wire                     m_eth_tx_tready,
    output reg  [DATA_WIDTH-1:0]    m_eth_tx_tdata,
    output reg  [DATA_WIDTH/8-1:0]  m_eth_tx_tkeep,
    output wire                     m_eth_tx_tlast,
    output wire                     m_eth_tx_tuser,

    output reg                      tx_used_valid,
    input  wire                     tx_used_ready,
    output reg  [QID_W-1:0]         tx_used_qid,
    output reg  [15:0]              tx_used_id,
    output wire [31:0]              tx_used_len,
    output reg  [15:0]              tx_used_count,

    output reg                      err_valid,
    input  wire                     err_ready,
    output reg  [QID_W-1:0]         err_qid,
    output reg  [7:0]               err_code,

    output reg                      stat_valid,
    output reg  [7:0]               stat_func,
    output reg  [2:0]               stat_kind,
    output reg  [15:0]              stat_bytes
);
    localparam BPB        = DATA_WIDTH / 8;
    localparam BPB_W      = $clog2(BPB);
    localparam QPF_LOG2   = $clog2(QUEUES_PER_FUNC);
    localparam HDR        = `VIONIC_VIRTIO_NET_HDR_BYTES;
    localparam CAP        = HDR + MAX_FRAME + 1;      // bytes read of a chain at most
    localparam FIFO_LOG2  = $clog2(FIFO_BYTES / BPB);
    localparam RES_W      = $clog2(FIFO_BYTES) + 2;
    localparam REQ_LOG2   = 7;                        // request records
    localparam CHAIN_LOG2 = 7;                        // chain / frame records
    localparam [31:0] NEEDS_CSUM32 = `VIONIC_VIRTIO_NET_HDR_F_NEEDS_CSUM;
    localparam [7:0] NEEDS_CSUM = NEEDS_CSUM32[7:0];
    localparam [31:0] MIN_FRAME32 = `VIONIC_VIRTIO_NET_ETH_MIN_FRAME;
    localparam [15:0] MIN_FRAME16 = MIN_FRAME32[15:0];
    localparam [31:0] MAX_FRAME32 = MAX_FRAME;
    localparam [15:0] MAX_FRAME16 = MAX_FRAME32[15:0];
    localparam [31:0] GSO_NONE32 = `VIONIC_VIRTIO_NET_HDR_GSO_NONE;
    localparam [7:0] GSO_NONE = GSO_NONE32[7:0];
    localparam [31:0] STAT_DROP32 = `VIONIC_DP_CONSTS_STAT_TX_DROP;
    localparam [31:0] STAT_PKT32 = `VIONIC_DP_CONSTS_STAT_TX_PACKET;
    localparam [31:0] ERR_RD32 = `VIONIC_DP_CONSTS_ERR_DMA_READ;
    localparam CSUM_BIT   = `VIONIC_VIRTIO_PCI_F_NET_CSUM;
    localparam [31:0] CAP32 = CAP;
    localparam [15:0] CAP16 = CAP32[15:0];
    localparam [31:0] FIFO32 = FIFO_BYTES;
    localparam [RES_W-1:0] FIFO_RES = FIFO32[RES_W-1:0];
    localparam [31:0] BPB32 = BPB;
    localparam [RES_W-1:0] BPB_RES = BPB32[RES_W-1:0];
    localparam [12:0] BPB13 = BPB32[12:0];

    // ------------------------------------------------------------------
    // function of a queue, CSUM feature per function
    // ------------------------------------------------------------------
    wire [7:0] txd_func_w;
    wire [QID_W+7:0] txd_qid_wide = {8'd0, txd_qid};
    wire [QID_W+7:0] txd_func_wide = txd_qid_wide >> QPF_LOG2;
    assign txd_func_w = txd_func_wide[7:0];
    reg [NUM_FUNCS-1:0] csum_feat;
    integer f;
    always @(*) begin
        for (f = 0; f < NUM_FUNCS; f = f + 1)
            csum_feat[f] = func_features[f*64 + CSUM_BIT];
    end
    wire [NUM_FUNCS-1:0] csum_feat_sh = csum_feat >> txd_func_w;
    wire txd_csum_ok = csum_feat_sh[0];

    // ------------------------------------------------------------------
    // 1. issue
    // ------------------------------------------------------------------
    reg [31:0]      d_off;      // bytes of the current descriptor done
    reg [15:0]      c_bytes;    // bytes of the chain requested (<= CAP)
    reg [RES_W-1:0] c_res;      // reservation of the chain so far
    reg [RES_W-1:0] reserved;   // frame FIFO bytes reserved
    reg [7:0]       req_seq;

    wire [31:0] d_rem    = txd_len - d_off;
    wire [15:0] cap_left = CAP16 - c_bytes;
    wire [12:0] len_4k   = (d_rem > 32'd4096) ? 13'd4096 : d_rem[12:0];
    wire [12:0] req_len  = (cap_left < {3'b000, len_4k}) ? cap_left[12:0] : len_4k;
    wire        has_req  = (req_len != 13'd0);
    wire [RES_W-1:0] need = {{(RES_W-13){1'b0}}, req_len} +
                            ((c_res == {RES_W{1'b0}}) ? BPB_RES : {RES_W{1'b0}});
    wire        room     = (reserved + need <= FIFO_RES);
    wire        rq_slot  = !rd_req_valid || rd_req_ready;
    wire        desc_done = ({19'd0, req_len} == d_rem) || ({3'b000, req_len} == cap_left);
    wire        chain_end = txd_last && desc_done;

    wire reqm_full, chain_full;
    wire issue_fire = txd_valid && !reqm_full && !chain_full &&
                      (has_req ? (rq_slot && room) : 1'b1);
    assign txd_ready = issue_fire && desc_done;

    wire [RES_W-1:0] res_add = (issue_fire && has_req) ? need : {RES_W{1'b0}};
    wire [RES_W-1:0] res_rel;

    // request records: {marker, csum_ok, chain_last, len}
    localparam RQM_W = 16;
    wire             reqm_push = issue_fire && (has_req || txd_last);
    wire [RQM_W-1:0] reqm_wdata = {!has_req, txd_csum_ok, chain_end, req_len};
    wire [RQM_W-1:0] reqm_head;
    wire             reqm_empty;
    wire             reqm_pop;
    wire [REQ_LOG2:0] reqm_count;

    vionic_net_fifo #(.WIDTH(RQM_W), .DEPTH(1 << REQ_LOG2)) u_reqm (
        .clk(clk), .rst(rst),
        .wr_en(reqm_push), .wr_data(reqm_wdata),
        .rd_en(reqm_pop), .rd_data(reqm_head),
        .empty(reqm_empty), .full(reqm_full), .count(reqm_count)
    );

    // chain records: {res, count, id, qid}
    localparam CM_W = RES_W + 32 + QID_W;
    wire            cm_push = issue_fire && chain_end;
    wire [CM_W-1:0] cm_wdata = {c_res + res_add, txd_count, txd_id, txd_qid};
    wire [CM_W-1:0] cm_head;
    wire            cm_empty;
    wire            cm_pop;
    wire [CHAIN_LOG2:0] cm_count;

    vionic_net_fifo #(.WIDTH(CM_W), .DEPTH(1 << CHAIN_LOG2)) u_chain (
        .clk(clk), .rst(rst),
        .wr_en(cm_push), .wr_data(cm_wdata),
        .rd_en(cm_pop), .rd_data(cm_head),
        .empty(cm_empty), .full(chain_full), .count(cm_count)
    );

    always @(posedge clk) begin
        if (rst) begin
            rd_req_valid <= 1'b0;
            d_off    <= 32'd0;
            c_bytes  <= 16'd0;
            c_res    <= {RES_W{1'b0}};
            reserved <= {RES_W{1'b0}};
            req_seq  <= 8'd0;
        end else begin
            if (rd_req_ready)
                rd_req_valid <= 1'b0;
            reserved <= reserved + res_add - res_rel;
            if (issue_fire) begin
                if (has_req) begin
                    rd_req_valid <= 1'b1;
                    rd_req_func  <= txd_func_w;
                    rd_req_addr  <= txd_addr + {32'd0, d_off};
                    rd_req_len   <= req_len;
                    rd_req_id    <= req_seq;
                    req_seq      <= req_seq + 8'd1;
                end
                if (desc_done)
                    d_off <= 32'd0;
                else
                    d_off <= d_off + {19'd0, req_len};
                if (chain_end) begin
                    c_bytes <= 16'd0;
                    c_res   <= {RES_W{1'b0}};
                end else begin
                    c_bytes <= c_bytes + {3'b000, req_len};
                    c_res   <= c_res + res_add;
                end
            end
        end
    end

    // ------------------------------------------------------------------
    // 2. responses -> packer
    // ------------------------------------------------------------------
    wire        hd_marker     = reqm_head[15];
    wire        hd_csum_ok    = reqm_head[14];
    wire        hd_chain_last = reqm_head[13];
    wire [12:0] hd_len        = reqm_head[12:0];
    reg         rsp_first;
    reg  [12:0] rsp_rem;
    wire [12:0] cur_rem = rsp_first ? hd_len : rsp_rem;
    wire [BPB_W:0] beat_bytes = (cur_rem > BPB13) ? BPB[BPB_W:0] : cur_rem[BPB_W:0];

    wire pk_in_ready;
    wire pk_in_valid = !reqm_empty && (hd_marker || rd_rsp_valid);
    assign rd_rsp_ready = !reqm_empty && !hd_marker && pk_in_ready;
    wire rsp_take = rd_rsp_valid && rd_rsp_ready;
    assign reqm_pop = (!reqm_empty && hd_marker && pk_in_ready) || (rsp_take && rd_rsp_last);

    always @(posedge clk) begin
        if (rst) begin
            rsp_first <= 1'b1;
            rsp_rem   <= 13'd0;
        end else if (rsp_take) begin
            rsp_first <= rd_rsp_last;
            rsp_rem   <= (cur_rem > BPB13) ? cur_rem - BPB13 : 13'd0;
        end
    end

    wire                  pk_valid;
    wire [DATA_WIDTH-1:0] pk_data;
    wire [BPB_W:0]        pk_nbytes;
    wire                  pk_last;
    wire [95:0]           pk_hdr;
    wire                  pk_err;
    wire                  pk_csum_ok;

    vionic_net_tx_pack #(.DATA_WIDTH(DATA_WIDTH)) u_pack (
        .clk(clk), .rst(rst),
        .in_valid(pk_in_valid), .in_ready(pk_in_ready),
        .in_data(hd_marker ? {DATA_WIDTH{1'b0}} : rd_rsp_data),
        .in_nbytes(hd_marker ? {(BPB_W+1){1'b0}} : beat_bytes),
        .in_end(hd_marker || (rd_rsp_last && hd_chain_last)),
        .in_err(!hd_marker && rd_rsp_error),
        .in_csum_ok(hd_csum_ok),
        .out_valid(pk_valid), .out_data(pk_data), .out_nbytes(pk_nbytes),
        .out_last(pk_last), .out_hdr(pk_hdr), .out_err(pk_err),
        .out_csum_ok(pk_csum_ok)
    );

    // ------------------------------------------------------------------
    // 3. writer: frame FIFO, checksum, checks
    // ------------------------------------------------------------------
    // 3a: sum of the beat (registered)
    wire [15:0] p_cstart = pk_hdr[`VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET*8 +: 16];
    reg  [15:0] w_base;     // frame bytes before the packer's beat

    // 16-bit big-endian words of this beat from csum_start on
    reg [31:0] beat_sum;
    integer k;
    integer wb;
    integer cs;
    integer nb;
    reg [7:0] b_hi, b_lo;
    always @(*) begin
        beat_sum = 32'd0;
        wb = {16'd0, w_base};
        cs = {16'd0, p_cstart};
        nb = {{(31-BPB_W){1'b0}}, pk_nbytes};
        for (k = 0; k < BPB / 2; k = k + 1) begin
            b_hi = ((wb + 2*k >= cs) && (2*k < nb)) ? pk_data[(2*k)*8 +: 8] : 8'h00;
            b_lo = ((wb + 2*k + 1 >= cs) && (2*k + 1 < nb)) ? pk_data[(2*k+1)*8 +: 8] : 8'h00;
            beat_sum = beat_sum + {16'd0, b_hi, b_lo};
        end
    end

    reg                  s_valid;
    reg                  s_last;
    reg                  s_write;   // the beat has frame bytes
    reg [DATA_WIDTH-1:0] s_data;
    reg [15:0]           s_flen;    // frame bytes up to the end of this beat
    reg [31:0]           s_sum;
    reg [7:0]            h_flags;
    reg [7:0]            h_gso;
    reg [15:0]           h_cstart;
    reg [15:0]           h_coff;
    reg                  s_err;
    reg                  s_csum_ok;

    always @(posedge clk) begin
        if (rst) begin
            w_base  <= 16'd0;
            s_valid <= 1'b0;
        end else begin
            s_valid <= pk_valid;
            if (pk_valid)
                w_base <= pk_last ? 16'd0 : w_base + BPB32[15:0];
        end
        s_last    <= pk_last;
        s_write   <= pk_nbytes != {(BPB_W+1){1'b0}};
        s_data    <= pk_data;
        s_flen    <= w_base + {{(15-BPB_W){1'b0}}, pk_nbytes};
        s_sum     <= beat_sum;
        h_flags   <= pk_hdr[`VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET*8 +: 8];
        h_gso     <= pk_hdr[`VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET*8 +: 8];
        h_cstart  <= p_cstart;
        h_coff    <= pk_hdr[`VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET*8 +: 16];
        s_err     <= pk_err;
        s_csum_ok <= pk_csum_ok;
    end

    // 3b: accumulate, check, write
    wire        h_needs = (h_flags & NEEDS_CSUM) != 8'd0;
    reg  [31:0] w_sum;      // one's-complement sum so far (unfolded)
    wire [15:0] w_flen = s_flen;
    wire [31:0] sum_all = w_sum + s_sum;
    wire [16:0] fold1 = {1'b0, sum_all[15:0]} + {1'b0, sum_all[31:16]};
    wire [16:0] fold2 = {1'b0, fold1[15:0]} + {16'd0, fold1[16]};
    // words are formed from csum_start on (Linux csum_partial from there); the
    // sum above uses frame-offset alignment, which for an odd csum_start is the
    // byte-swapped one's-complement sum (RFC 1071 §2(B))
    wire [15:0] fold_al = h_cstart[0] ? {fold2[7:0], fold2[15:8]} : fold2[15:0];
    wire [15:0] csum_inv = ~fold_al;
    wire [15:0] csum_val = (csum_inv == 16'd0) ? 16'hffff : csum_inv;

    wire [17:0] csum_end = {2'b00, h_cstart} + {2'b00, h_coff} + 18'd2;
    wire drop_now = (w_flen < MIN_FRAME16) ||
                    (w_flen > MAX_FRAME16) ||
                    (h_gso != GSO_NONE) ||
                    (h_needs && !s_csum_ok) ||
                    (h_needs && csum_end > {2'b00, w_flen}) ||
                    s_err;
    wire frame_end = s_valid && s_last;

    // frame records: {drop, err, csum_en, csum, pos, len}
    localparam FI_W = 3 + 48;
    wire [FI_W-1:0] fi_wdata = {drop_now, s_err, h_needs && s_csum_ok, csum_val,
                                h_cstart + h_coff, w_flen};
    wire [FI_W-1:0] fi_head;
    wire            fi_empty;
    wire            fi_full;
    wire            fi_pop;
    wire [CHAIN_LOG2:0] fi_count;

    vionic_net_fifo #(.WIDTH(FI_W), .DEPTH(1 << CHAIN_LOG2)) u_finfo (
        .clk(clk), .rst(rst),
        .wr_en(frame_end), .wr_data(fi_wdata),
        .rd_en(fi_pop), .rd_data(fi_head),
        .empty(fi_empty), .full(fi_full), .count(fi_count)
    );

    wire                  fb_valid;
    wire                  fb_ready;
    wire [DATA_WIDTH-1:0] fb_data;

    vionic_net_tx_fifo #(.WIDTH(DATA_WIDTH), .DEPTH_LOG2(FIFO_LOG2)) u_frames (
        .clk(clk), .rst(rst),
        .wr_en(s_valid && s_write),
        .wr_data(s_data),
        .commit(frame_end && !drop_now),
        .rollback(frame_end && drop_now),
        .rd_valid(fb_valid), .rd_ready(fb_ready), .rd_data(fb_data)
    );

    always @(posedge clk) begin
        if (rst)
            w_sum <= 32'd0;
        else if (s_valid)
            w_sum <= s_last ? 32'd0 : sum_all;
    end

    // ------------------------------------------------------------------
    // 4. output
    // ------------------------------------------------------------------
    wire        fi_drop    = fi_head[50];
    wire        fi_err     = fi_head[49];
    wire        fi_csum_en = fi_head[48];
    wire [15:0] fi_csum    = fi_head[47:32];
    wire [15:0] fi_pos     = fi_head[31:16];
    wire [15:0] fi_len     = fi_head[15:0];
    wire [QID_W-1:0] cm_qid   = cm_head[QID_W-1:0];
    wire [15:0]      cm_id    = cm_head[QID_W +: 16];
    wire [15:0]      cm_cnt   = cm_head[QID_W+16 +: 16];
    wire [RES_W-1:0] cm_res   = cm_head[QID_W+32 +: RES_W];
    wire [QID_W+7:0] cm_qid_wide = {8'd0, cm_qid};
    wire [QID_W+7:0] cm_func_wide = cm_qid_wide >> QPF_LOG2;

    reg  [15:0] o_beat;     // beat index within the frame
    wire [15:0] o_last_beat = (fi_len - 16'd1) >> BPB_W;
    wire        o_is_last   = (o_beat == o_last_beat);
    wire        used_free   = !tx_used_valid || tx_used_ready;
    wire        err_free    = !err_valid || err_ready;
    wire        have_frame  = !fi_empty;

    wire drop_done = have_frame && fi_drop && used_free && (!fi_err || err_free);
    assign m_eth_tx_tvalid = have_frame && !fi_drop && fb_valid && (!o_is_last || used_free);
    assign fb_ready = have_frame && !fi_drop && m_eth_tx_tready && (!o_is_last || used_free);
    wire beat_go = m_eth_tx_tvalid && m_eth_tx_tready;
    wire send_done = beat_go && o_is_last;
    wire frame_done = drop_done || send_done;
    assign fi_pop = frame_done;
    assign cm_pop = frame_done;
    assign res_rel = frame_done ? cm_res : {RES_W{1'b0}};
    assign m_eth_tx_tlast = o_is_last;
    assign m_eth_tx_tuser = 1'b0;
    assign tx_used_len = 32'd0;

    // checksum patch and keep
    wire [15:0] pos_lo = fi_pos + 16'd1;
    wire [15:0] last_bytes = fi_len - (o_last_beat << BPB_W);
    integer l;
    integer lane_hi;
    integer lane_lo;
    always @(*) begin
        m_eth_tx_tdata = fb_data;
        lane_hi = {{(32-BPB_W){1'b0}}, fi_pos[BPB_W-1:0]};
        lane_lo = {{(32-BPB_W){1'b0}}, pos_lo[BPB_W-1:0]};
        for (l = 0; l < BPB; l = l + 1) begin
            if (fi_csum_en && (o_beat == (fi_pos >> BPB_W)) && (l == lane_hi))
                m_eth_tx_tdata[l*8 +: 8] = fi_csum[15:8];
            if (fi_csum_en && (o_beat == (pos_lo >> BPB_W)) && (l == lane_lo))
                m_eth_tx_tdata[l*8 +: 8] = fi_csum[7:0];
            m_eth_tx_tkeep[l] = !o_is_last || (l < last_bytes);
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            o_beat        <= 16'd0;
            tx_used_valid <= 1'b0;
            err_valid     <= 1'b0;
            stat_valid    <= 1'b0;
        end else begin
            if (tx_used_ready)
                tx_used_valid <= 1'b0;
            if (err_ready)
                err_valid <= 1'b0;
            stat_valid <= 1'b0;
            if (frame_done)
                o_beat <= 16'd0;
            else if (beat_go)
                o_beat <= o_beat + 16'd1;
            if (frame_done) begin
                tx_used_valid <= 1'b1;
                tx_used_qid   <= cm_qid;
                tx_used_id    <= cm_id;
                tx_used_count <= cm_cnt;
                stat_valid    <= 1'b1;
                stat_func     <= cm_func_wide[7:0];
                stat_kind     <= fi_drop ? STAT_DROP32[2:0] : STAT_PKT32[2:0];
                stat_bytes    <= fi_len;
                if (fi_drop && fi_err) begin
                    err_valid <= 1'b1;
                    err_qid   <= cm_qid;
                    err_code  <= ERR_RD32[7:0];
                end
            end
        end
    end

    wire unused_tx = &{1'b0, rd_rsp_id, reqm_count, cm_count, cm_empty, fi_full, fi_count,
                       cm_func_wide[QID_W+7:8], txd_func_wide[QID_W+7:8],
                       pk_hdr[95:80], pk_hdr[47:16], fold2[16], csum_feat_sh};
endmodule

`resetall
