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
// 1. Issue: descriptors go through a 2-entry input FIFO (registered
//    txd_ready; the lengths' tests are made on the way in) into the issue
//    register, which reads the descriptor with requests of at most 4096
//    bytes (rd_req_len limit). A chain is read only up to HDR_BYTES +
//    MAX_FRAME + 1 bytes (more means "too long": the rest is never read): the
//    bytes a descriptor is read for, min(length, what the chain may still
//    read), are fixed when it enters the issue register, and so are the first
//    request's length and reservation. Before a request is issued its bytes
//    (plus BPB for the first request of a chain: rounding of the frame's last
//    beat) are reserved in the frame FIFO, so responses are always accepted
//    (datapath.md, DMA read client). Up to REQ_DEPTH requests and CHAIN_DEPTH
//    chains are outstanding, so the reads of many chains are in flight at
//    once. A per-request record (bytes of its last beat, last of chain, CSUM
//    negotiated) goes into a FIFO for the response side; a chain record (qid,
//    id, count, reservation) into the chain FIFO. A chain whose last
//    descriptor issues no read (capped) gets a marker record.
// 2. Responses -> vionic_net_tx_pack: takes the 12-byte virtio_net_hdr off the
//    front of the chain (VIRTIO 1.3 §5.1.6; VERSION_1 is mandatory for a
//    modern device, so the header is always 12 bytes, §5.1.6.1) and packs the
//    frame bytes of all pieces into contiguous beats. A response beat holds
//    BPB bytes, the request's last one the rest (the DMA read engine answers
//    a request with ceil(len / BPB) beats).
// 3. Writer, two stages: the first registers the packer's beat with the
//    frame length so far, the byte mask of the checksummed bytes (from
//    csum_start on) and the header's sums; the second makes the frame's checks
//    (registered) and the beat goes into the frame FIFO (vionic_net_tx_fifo) in
//    the cycle after: at the frame's end a dropped frame is rolled back, a good
//    one committed. The 16-bit one's-complement sum runs in
//    vionic_net_tx_csum (pipelined); the frame's record (drop, error, length,
//    checksum position and value, and the output's beat positions) is queued
//    when the sum is out, the frame's check results travel alongside.
// 4. Output: frames in chain order on m_eth_tx; with checksum offload the
//    folded, complemented sum is written big-endian at csum_start +
//    csum_offset on the way out (§5.1.6.2: the driver put the pseudo-header
//    sum there; a result of 0 is sent as 0xffff like Linux
//    skb_checksum_help). After the last beat (or for a drop) the chain goes
//    to tx_used (len 0), a stat event is sent (TX_PACKET with the frame
//    length, or TX_DROP), a read error is reported on err_ (ERR_DMA_READ),
//    and the chain's reservation is released (a cycle later).
// Drops: frame < ETH_MIN_FRAME or > MAX_FRAME bytes, gso_type != GSO_NONE,
// NEEDS_CSUM without CSUM negotiated (§5.1.6.2.2: the driver must not set it)
// or with csum_start + csum_offset + 2 > frame length, a read error.
// FIFO_BYTES must be at least MAX_FRAME + 13 + 2*BPB.
// Timing: the record FIFOs have registered heads and flags, every decision
// that gates a handshake is taken from registers, the checksum adder tree is
// pipelined: about 6 LUT levels between registers (synth/synth_report.py).
// State: input FIFO, issue register (descriptor, bytes left, next request's
// length and reservation), chain read limit and first-request flag, free
// frame FIFO bytes, request/chain/frame record FIFOs, packer, writer stages,
// checksum pipeline and the frame checks beside it, frame FIFO, output beat
// counter and flags, used/err/stat registers.

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
    localparam BEAT_W     = 16 - BPB_W;               // beat index in a frame
    // a descriptor may need several requests only if a chain may read > 4096 bytes
    localparam MULTI      = (CAP > 4096) ? 1 : 0;
    // latency of vionic_net_tx_csum: the frame's record waits as long
    localparam SUM_DELAY  = 6;
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
    localparam [31:0] CAP_PB32 = CAP + DATA_WIDTH / 8;
    localparam [12:0] CAP_PB13 = CAP_PB32[12:0];
    localparam [31:0] FIFO32 = FIFO_BYTES;
    localparam [RES_W-1:0] FIFO_RES = FIFO32[RES_W-1:0];
    localparam [31:0] BPB32 = BPB;
    localparam [RES_W-1:0] BPB_RES = BPB32[RES_W-1:0];
    localparam [12:0] BPB13 = BPB32[12:0];
    localparam [BPB_W:0] BPB_N = BPB32[BPB_W:0];
    localparam [31:0] K4_32 = 4096;
    localparam [RES_W-1:0] K4_RES = K4_32[RES_W-1:0];
    localparam [RES_W-1:0] K4_PB_RES = K4_RES + BPB_RES;

    initial begin
        if (CAP > 65535 || FIFO_BYTES < MAX_FRAME + 13 + 2 * BPB || RES_W < 14) begin
            $error("vionic_net_tx: MAX_FRAME or FIFO_BYTES out of range");
            $finish;
        end
    end

    // ------------------------------------------------------------------
    // 1. issue
    // ------------------------------------------------------------------
    // 1a. input FIFO; what the issue register needs of a descriptor's length
    // is worked out on the way in: the length saturated to 16 bits (a chain
    // reads at most CAP < 2^16 bytes, so more cannot matter), > 4096, 0, and
    // + BPB (13 bits: only used for lengths up to 4096)
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

    wire [15:0] txd_len16  = (txd_len[31:16] != 16'd0) ? 16'hffff : txd_len[15:0];
    wire [12:0] txd_len_pb = txd_len[12:0] + BPB13;
    wire        txd_gt_4k  = (txd_len > 32'd4096);
    wire        txd_zero   = (txd_len == 32'd0);

    localparam D_W = 64 + 16 + 13 + 3 + 32 + QID_W + 8 + 1;
    wire [D_W-1:0] d_wdata = {txd_addr, txd_len16, txd_len_pb, txd_gt_4k, txd_zero, txd_last,
                              txd_count, txd_id, txd_qid, txd_func_w, txd_csum_ok};
    wire [D_W-1:0] d_head;
    wire           d_empty;
    wire           d_full;
    wire           d_pop;
    assign txd_ready = !d_full;

    vionic_net_fifo_reg #(.WIDTH(D_W), .DEPTH(2)) u_desc (
        .clk(clk), .rst(rst),
        .wr_en(txd_valid), .wr_data(d_wdata),
        .rd_en(d_pop), .rd_data(d_head),
        .empty(d_empty), .full(d_full)
    );

    wire             d_valid   = !d_empty;
    wire             d_csum_ok = d_head[0];
    wire [7:0]       d_func    = d_head[8:1];
    wire [QID_W-1:0] d_qid     = d_head[9 +: QID_W];
    wire [15:0]      d_id      = d_head[9+QID_W +: 16];
    wire [15:0]      d_count   = d_head[25+QID_W +: 16];
    wire             d_last    = d_head[41+QID_W];
    wire             d_zero    = d_head[42+QID_W];
    wire             d_gt_4k   = d_head[43+QID_W];
    wire [12:0]      d_len_pb  = d_head[44+QID_W +: 13];
    wire [15:0]      d_len16   = d_head[57+QID_W +: 16];
    wire [63:0]      d_addr    = d_head[73+QID_W +: 64];

    // 1b. issue register: one descriptor, its next request decided
    reg             e_valid;
    reg [63:0]      e_addr;     // next request's address
    reg [15:0]      e_rem;      // bytes of the descriptor still to read (capped)
    reg [12:0]      e_req;      // next request's length (0: no read, e_zero)
    reg [RES_W-1:0] e_need;     // next request's reservation (length, + BPB if the chain's first)
    reg             e_gt_4k;    // more than this request left (e_rem > 4096; only with MULTI)
    reg             e_zero;     // the descriptor is read for 0 bytes
    reg             e_last;
    reg [15:0]      e_id;
    reg [15:0]      e_count;
    reg [QID_W-1:0] e_qid;
    reg [7:0]       e_func;
    reg             e_csum_ok;
    // chain state
    reg [15:0]      cap_left;   // bytes the chain may still read (CAP - requested)
    reg [12:0]      cap_pb;     // cap_left + BPB (13 bits: used while cap_left <= 4096)
    reg             c_first;    // no request of the chain issued yet
    reg [RES_W-1:0] c_res;      // reservation of the chain so far
    // frame FIFO room
    reg [RES_W-1:0] free;       // FIFO_BYTES - reserved
    reg [RES_W-1:0] rel_q;      // reservation released last cycle
    reg [7:0]       req_seq;

    wire reqm_full, chain_full;
    wire e_has_req = !e_zero;
    // this request ends the descriptor (always without MULTI: the constant
    // lets synthesis drop the piece logic, e_gt_4k has no reset to prove it 0)
    wire e_done    = (MULTI == 0) || !e_gt_4k;
    wire e_chain_end = e_last && e_done;
    wire rq_slot   = !rd_req_valid || rd_req_ready;
    wire room      = (e_need <= free);
    wire e_fire    = e_valid && !reqm_full && !chain_full && (e_zero || (rq_slot && room));
    wire e_load    = d_valid && (!e_valid || (e_fire && e_done));
    assign d_pop   = e_load;

    // entering descriptor: bytes = min(length, cap_left); the first request's
    // reservation adds BPB if no request of its chain has been issued (this
    // register's descriptor, being done now, is the chain's last one or issued
    // none). The request is at most 4096 bytes unless l_gt_4k, so its
    // reservation comes from 13-bit sums made beforehand (d_len_pb, cap_pb).
    wire        cap_gt_4k  = (cap_left > 16'd4096);
    wire        cap_zero   = (cap_left == 16'd0);
    wire [16:0] cap_sub    = {1'b0, cap_left} - {1'b0, d_len16};
    wire        l_capped   = cap_sub[16];               // length > cap_left
    wire [15:0] l_rem      = l_capped ? cap_left : d_len16;
    wire        l_gt_4k    = (MULTI != 0) && d_gt_4k && cap_gt_4k;
    wire        l_first    = e_valid ? (e_last || (c_first && e_zero)) : c_first;
    wire [12:0] l_rem_pb   = l_capped ? cap_pb : d_len_pb;
    wire [RES_W-1:0] l_need = l_gt_4k ? (l_first ? K4_PB_RES : K4_RES) :
                              l_first ? {{(RES_W-13){1'b0}}, l_rem_pb} :
                                        {{(RES_W-13){1'b0}}, l_rem[12:0]};
    wire [12:0] cap_pb_sub = cap_pb - d_len16[12:0];

    // the next 4096-byte piece of a long descriptor (only with MULTI)
    wire        a_gt_4k    = (e_rem > 16'd8192);
    wire [15:0] a_rem      = e_rem - 16'd4096;

    wire [RES_W-1:0] res_add = e_has_req ? e_need : {RES_W{1'b0}};
    wire [RES_W-1:0] free_rel = free + rel_q;

    // request records: {marker, csum_ok, chain_last, bytes of the last beat
    // (0 for a marker: its one beat to the packer has no bytes)}
    localparam RQM_W = BPB_W + 4;
    wire [BPB_W-1:0] e_req_low  = e_req[BPB_W-1:0];
    wire [BPB_W:0]   e_last_bytes = e_zero ? {(BPB_W+1){1'b0}} :
                                    (e_req_low == {BPB_W{1'b0}}) ? BPB_N : {1'b0, e_req_low};
    wire             reqm_push  = e_fire && (e_has_req || e_last);
    wire [RQM_W-1:0] reqm_wdata = {e_zero, e_csum_ok, e_chain_end, e_last_bytes};
    wire [RQM_W-1:0] reqm_head;
    wire             reqm_empty;
    wire             reqm_pop;

    vionic_net_fifo_reg #(.WIDTH(RQM_W), .DEPTH(1 << REQ_LOG2)) u_reqm (
        .clk(clk), .rst(rst),
        .wr_en(reqm_push), .wr_data(reqm_wdata),
        .rd_en(reqm_pop), .rd_data(reqm_head),
        .empty(reqm_empty), .full(reqm_full)
    );

    // chain records: {res, count, id, qid}
    localparam CM_W = RES_W + 32 + QID_W;
    wire            cm_push = e_fire && e_chain_end;
    wire [CM_W-1:0] cm_wdata = {c_res + res_add, e_count, e_id, e_qid};
    wire [CM_W-1:0] cm_head;
    wire            cm_empty;
    wire            cm_pop;

    vionic_net_fifo_reg #(.WIDTH(CM_W), .DEPTH(1 << CHAIN_LOG2)) u_chain (
        .clk(clk), .rst(rst),
        .wr_en(cm_push), .wr_data(cm_wdata),
        .rd_en(cm_pop), .rd_data(cm_head),
        .empty(cm_empty), .full(chain_full)
    );

    wire frame_done;
    wire [RES_W-1:0] cm_res = cm_head[QID_W+32 +: RES_W];

    always @(posedge clk) begin
        if (e_load) begin
            e_addr    <= d_addr;
            e_rem     <= l_rem;
            e_req     <= l_gt_4k ? 13'd4096 : l_rem[12:0];
            e_need    <= l_need;
            e_gt_4k   <= l_gt_4k;
            e_zero    <= d_zero || cap_zero;
            e_last    <= d_last;
            e_id      <= d_id;
            e_count   <= d_count;
            e_qid     <= d_qid;
            e_func    <= d_func;
            e_csum_ok <= d_csum_ok;
            if (d_last) begin
                cap_left <= CAP16;
                cap_pb   <= CAP_PB13;
            end else begin
                cap_left <= l_capped ? 16'd0 : cap_sub[15:0];
                cap_pb   <= l_capped ? BPB13 : cap_pb_sub;
            end
        end else if (e_fire && !e_done) begin
            // a 4096-byte piece went: the next one (not the chain's first request)
            e_addr  <= e_addr + 64'd4096;
            e_rem   <= a_rem;
            e_req   <= a_gt_4k ? 13'd4096 : a_rem[12:0];
            e_need  <= a_gt_4k ? K4_RES : {{(RES_W-13){1'b0}}, a_rem[12:0]};
            e_gt_4k <= a_gt_4k;
        end
        if (e_fire && e_has_req) begin
            rd_req_func <= e_func;
            rd_req_addr <= e_addr;
            rd_req_len  <= e_req;
            rd_req_id   <= req_seq;
        end
        rel_q <= frame_done ? cm_res : {RES_W{1'b0}};
        if (rst) begin
            e_valid      <= 1'b0;
            rd_req_valid <= 1'b0;
            cap_left     <= CAP16;
            cap_pb       <= CAP_PB13;
            c_first      <= 1'b1;
            c_res        <= {RES_W{1'b0}};
            free         <= FIFO_RES;
            rel_q        <= {RES_W{1'b0}};
            req_seq      <= 8'd0;
        end else begin
            if (e_load)
                e_valid <= 1'b1;
            else if (e_fire && e_done)
                e_valid <= 1'b0;
            if (rd_req_ready)
                rd_req_valid <= 1'b0;
            if (e_fire && e_has_req) begin
                rd_req_valid <= 1'b1;
                req_seq      <= req_seq + 8'd1;
            end
            // free = FIFO_BYTES - reserved: the release of a chain counts a
            // cycle after its frame is done (registered), the reservation at once
            free <= (e_fire && e_has_req) ? free_rel - e_need : free_rel;
            if (e_fire) begin
                if (e_chain_end) begin
                    c_first <= 1'b1;
                    c_res   <= {RES_W{1'b0}};
                end else begin
                    if (e_has_req)
                        c_first <= 1'b0;
                    c_res <= c_res + res_add;
                end
            end
        end
    end

    // ------------------------------------------------------------------
    // 2. responses -> packer
    // ------------------------------------------------------------------
    wire           hd_valid      = !reqm_empty;
    wire           hd_marker     = reqm_head[BPB_W+3];
    wire           hd_csum_ok    = reqm_head[BPB_W+2];
    wire           hd_chain_last = reqm_head[BPB_W+1];
    wire [BPB_W:0] hd_last_bytes = reqm_head[BPB_W:0];

    wire pk_in_ready;
    wire pk_in_valid = hd_valid && (hd_marker || rd_rsp_valid);
    assign rd_rsp_ready = hd_valid && !hd_marker && pk_in_ready;
    wire rsp_take = rd_rsp_valid && rd_rsp_ready;
    assign reqm_pop = (hd_valid && hd_marker && pk_in_ready) || (rsp_take && rd_rsp_last);

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
        .in_data(rd_rsp_data),
        .in_full(!hd_marker && !rd_rsp_last),
        .in_nbytes(hd_last_bytes),
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
    // 3a: the beat with its frame length, checksum byte mask, header sums
    wire [15:0] p_cstart = pk_hdr[`VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET*8 +: 16];
    wire [15:0] p_coff   = pk_hdr[`VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET*8 +: 16];
    wire [7:0]  p_flags  = pk_hdr[`VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET*8 +: 8];
    wire [7:0]  p_gso    = pk_hdr[`VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET*8 +: 8];
    reg  [15:0] w_base;     // frame bytes before the packer's beat (a multiple of BPB)

    // bytes from csum_start on are summed (frame offset w_base + i >=
    // csum_start): all of a beat after csum_start's beat, lanes from its lane
    // in that beat. The header is the same on every beat of a frame, so for
    // all but the first beat the beat comparisons are registered with the
    // beat before; the first beat (w_first) only asks whether that is beat 0.
    reg               w_first;      // the packer's beat is the frame's first
    reg               cs_after_q;   // the beat is after csum_start's beat
    reg               cs_here_q;    // the beat is csum_start's beat
    wire [BEAT_W-1:0] w_beat   = w_base[15:BPB_W];
    wire [BEAT_W-1:0] cs_beat  = p_cstart[15:BPB_W];
    wire [BPB_W-1:0]  cs_lane  = p_cstart[BPB_W-1:0];
    wire              cs_beat0 = (cs_beat == {BEAT_W{1'b0}});
    reg  [BEAT_W-1:0] w_beat_inc;   // w_beat + 1
    reg [BPB-1:0] sum_keep;
    reg           lane_ge;
    integer k;
    always @(*) begin
        for (k = 0; k < BPB; k = k + 1) begin
            lane_ge = (k >= {{(32-BPB_W){1'b0}}, cs_lane});
            sum_keep[k] = w_first ? (cs_beat0 && lane_ge) : (cs_after_q || (cs_here_q && lane_ge));
        end
    end

    reg                  s_valid;
    reg                  s_last;
    reg                  s_write;   // the beat has frame bytes
    reg [DATA_WIDTH-1:0] s_data;
    reg [BPB-1:0]        s_keep;    // bytes of the checksum
    reg [15:0]           s_flen;    // frame bytes up to the end of this beat
    reg [17:0]           s_cend;    // csum_start + csum_offset + 2
    reg [15:0]           s_pos;     // csum_start + csum_offset
    reg                  s_needs;
    reg                  s_gso_bad;
    reg                  s_err;
    reg                  s_csum_ok;
    reg                  s_cs_odd;  // csum_start odd

    always @(posedge clk) begin
        if (pk_valid) begin
            cs_after_q <= (w_beat >= cs_beat);
            cs_here_q  <= (w_beat_inc == cs_beat);
        end
        if (rst) begin
            w_base     <= 16'd0;
            w_beat_inc <= {{(BEAT_W-1){1'b0}}, 1'b1};
            w_first    <= 1'b1;
            s_valid    <= 1'b0;
        end else begin
            s_valid <= pk_valid;
            if (pk_valid) begin
                w_base     <= pk_last ? 16'd0 : w_base + BPB32[15:0];
                w_beat_inc <= pk_last ? {{(BEAT_W-1){1'b0}}, 1'b1} : w_beat_inc + 1'b1;
                w_first    <= pk_last;
            end
        end
        s_last    <= pk_last;
        s_write   <= pk_nbytes != {(BPB_W+1){1'b0}};
        s_data    <= pk_data;
        s_keep    <= sum_keep;
        s_flen    <= w_base + {{(15-BPB_W){1'b0}}, pk_nbytes};
        s_cend    <= {2'b00, p_cstart} + {2'b00, p_coff} + 18'd2;
        s_pos     <= p_cstart + p_coff;
        s_needs   <= (p_flags & NEEDS_CSUM) != 8'd0;
        s_gso_bad <= p_gso != GSO_NONE;
        s_err     <= pk_err;
        s_csum_ok <= pk_csum_ok;
        s_cs_odd  <= p_cstart[0];
    end

    // 3b: checks (registered), then the beat goes into the frame FIFO
    wire drop_now = (s_flen < MIN_FRAME16) ||
                    (s_flen > MAX_FRAME16) ||
                    s_gso_bad ||
                    (s_needs && !s_csum_ok) ||
                    (s_needs && s_cend > {2'b00, s_flen}) ||
                    s_err;

    reg                  t_valid;
    reg                  t_last;
    reg                  t_write;
    reg [DATA_WIDTH-1:0] t_data;
    reg                  t_drop;

    always @(posedge clk) begin
        if (rst)
            t_valid <= 1'b0;
        else
            t_valid <= s_valid;
        t_last  <= s_last;
        t_write <= s_write;
        t_data  <= s_data;
        t_drop  <= drop_now;
    end

    wire                  fb_valid;
    wire                  fb_ready;
    wire [DATA_WIDTH-1:0] fb_data;
    wire                  t_end = t_valid && t_last;

    vionic_net_tx_fifo #(.WIDTH(DATA_WIDTH), .DEPTH_LOG2(FIFO_LOG2)) u_frames (
        .clk(clk), .rst(rst),
        .wr_en(t_valid && t_write),
        .wr_data(t_data),
        .commit(t_end && !t_drop),
        .rollback(t_end && t_drop),
        .rd_valid(fb_valid), .rd_ready(fb_ready), .rd_data(fb_data)
    );

    // 3c: checksum (pipelined), the frame's record waits beside it
    wire        sum_valid;
    wire [15:0] sum_fold;
    wire        sum_ones;

    vionic_net_tx_csum #(.DATA_WIDTH(DATA_WIDTH)) u_csum (
        .clk(clk), .rst(rst),
        .in_valid(s_valid), .in_last(s_last), .in_data(s_data), .in_keep(s_keep),
        .out_valid(sum_valid), .out_sum(sum_fold), .out_ones(sum_ones)
    );

    // the frame's record fields, taken with its last beat and delayed as long
    // as its sum (a shift register), with what the output needs of the frame
    // worked out here, off the output's path: last beat index and the bytes in
    // it, the checksum's beat and lane
    wire [15:0] s_flen_m1 = s_flen - 16'd1;
    localparam FR_W = 3 + 1 + BPB_W + 16 + BEAT_W + 1 + BPB_W + BEAT_W + 1;
    wire [FR_W-1:0] fr_in = {drop_now, s_err, s_needs && s_csum_ok, s_cs_odd, s_pos[BPB_W-1:0], s_flen,
                             s_flen_m1[15:BPB_W], s_flen_m1[15:BPB_W] == {BEAT_W{1'b0}},
                             s_flen_m1[BPB_W-1:0],
                             s_pos[15:BPB_W], s_pos[15:BPB_W] == {BEAT_W{1'b0}}};
    reg [FR_W-1:0] fr_dly [0:SUM_DELAY-1];
    integer dl;
    always @(posedge clk) begin
        fr_dly[0] <= fr_in;
        for (dl = 1; dl < SUM_DELAY; dl = dl + 1)
            fr_dly[dl] <= fr_dly[dl-1];
    end
    wire [FR_W-1:0] fr = fr_dly[SUM_DELAY-1];

    // final checksum: words were formed from csum_start on (Linux csum_partial
    // from there); the sum above uses frame-offset alignment, which for an odd
    // csum_start is the byte-swapped one's-complement sum (RFC 1071 §2(B))
    // (the complement is 0 when the sum is 0xffff, which the checksum
    // pipeline flags from a register)
    wire        fr_cs_odd = fr[FR_W-4];
    wire [15:0] fold_al   = fr_cs_odd ? {sum_fold[7:0], sum_fold[15:8]} : sum_fold;
    wire [15:0] csum_val  = sum_ones ? 16'hffff : ~fold_al;

    // frame records: {drop, err, csum_en, csum, csum lane, len, last beat,
    // last beat is 0, (len - 1) mod BPB, csum beat, csum beat is 0}
    localparam FI_W = FR_W - 1 + 16;
    wire [FI_W-1:0] fi_wdata = {fr[FR_W-1 -: 3], csum_val, fr[FR_W-5:0]};
    wire [FI_W-1:0] fi_head;
    wire            fi_empty;
    wire            fi_full;
    wire            fi_pop;

    vionic_net_fifo_reg #(.WIDTH(FI_W), .DEPTH(1 << CHAIN_LOG2)) u_finfo (
        .clk(clk), .rst(rst),
        .wr_en(sum_valid), .wr_data(fi_wdata),
        .rd_en(fi_pop), .rd_data(fi_head),
        .empty(fi_empty), .full(fi_full)
    );

    // ------------------------------------------------------------------
    // 4. output
    // ------------------------------------------------------------------
    localparam FO_POS_IS0 = 0;
    localparam FO_POS_BEAT = 1;
    localparam FO_LASTM1 = FO_POS_BEAT + BEAT_W;
    localparam FO_LAST_IS0 = FO_LASTM1 + BPB_W;
    localparam FO_LAST_BEAT = FO_LAST_IS0 + 1;
    localparam FO_LEN = FO_LAST_BEAT + BEAT_W;
    localparam FO_POS = FO_LEN + 16;
    localparam FO_CSUM = FO_POS + BPB_W;
    wire              fi_drop      = fi_head[FI_W-1];
    wire              fi_err       = fi_head[FI_W-2];
    wire              fi_csum_en   = fi_head[FI_W-3];
    wire [15:0]       fi_csum      = fi_head[FO_CSUM +: 16];
    wire [BPB_W-1:0]  fi_pos_lane  = fi_head[FO_POS +: BPB_W];
    wire [15:0]       fi_len       = fi_head[FO_LEN +: 16];
    wire [BEAT_W-1:0] fi_last_beat = fi_head[FO_LAST_BEAT +: BEAT_W];
    wire              fi_last_is0  = fi_head[FO_LAST_IS0];
    wire [BPB_W-1:0]  fi_lastm1    = fi_head[FO_LASTM1 +: BPB_W];
    wire [BEAT_W-1:0] fi_pos_beat  = fi_head[FO_POS_BEAT +: BEAT_W];
    wire              fi_pos_is0   = fi_head[FO_POS_IS0];
    wire [QID_W-1:0] cm_qid   = cm_head[QID_W-1:0];
    wire [15:0]      cm_id    = cm_head[QID_W +: 16];
    wire [15:0]      cm_cnt   = cm_head[QID_W+16 +: 16];
    wire [QID_W+7:0] cm_qid_wide = {8'd0, cm_qid};
    wire [QID_W+7:0] cm_func_wide = cm_qid_wide >> QPF_LOG2;

    // beat position in the head frame: o_first at its first beat, else the
    // flags registered when the beat before went (is last, has the checksum's
    // high byte, the beat before had it)
    reg              o_first;
    reg [BEAT_W-1:0] o_beat;
    reg              o_last_q;
    reg              o_hi_q;
    reg              o_hi_prev;
    wire [BEAT_W-1:0] o_beat_inc = o_beat + 1'b1;
    wire        o_is_last  = o_first ? fi_last_is0 : o_last_q;
    wire        o_hi       = o_first ? fi_pos_is0 : o_hi_q;
    // the low byte is in the same beat, or the next one's lane 0
    wire        pos_lane_top = (fi_pos_lane == {BPB_W{1'b1}});
    wire        o_lo       = pos_lane_top ? (!o_first && o_hi_prev) : o_hi;
    wire        used_free  = !tx_used_valid || tx_used_ready;
    wire        err_free   = !err_valid || err_ready;
    wire        have_frame = !fi_empty;

    wire drop_done = have_frame && fi_drop && used_free && (!fi_err || err_free);
    assign m_eth_tx_tvalid = have_frame && !fi_drop && fb_valid && (!o_is_last || used_free);
    assign fb_ready = have_frame && !fi_drop && m_eth_tx_tready && (!o_is_last || used_free);
    wire beat_go = m_eth_tx_tvalid && m_eth_tx_tready;
    wire send_done = beat_go && o_is_last;
    assign frame_done = drop_done || send_done;
    assign fi_pop = frame_done;
    assign cm_pop = frame_done;
    assign m_eth_tx_tlast = o_is_last;
    assign m_eth_tx_tuser = 1'b0;
    assign tx_used_len = 32'd0;

    // checksum patch and keep
    wire [BPB_W-1:0] lane_hi = fi_pos_lane;
    wire [BPB_W-1:0] lane_lo = lane_hi + 1'b1;
    integer l;
    always @(*) begin
        m_eth_tx_tdata = fb_data;
        for (l = 0; l < BPB; l = l + 1) begin
            if (fi_csum_en && o_hi && (l == {{(32-BPB_W){1'b0}}, lane_hi}))
                m_eth_tx_tdata[l*8 +: 8] = fi_csum[15:8];
            if (fi_csum_en && o_lo && (l == {{(32-BPB_W){1'b0}}, lane_lo}))
                m_eth_tx_tdata[l*8 +: 8] = fi_csum[7:0];
            m_eth_tx_tkeep[l] = !o_is_last || (l <= {{(32-BPB_W){1'b0}}, fi_lastm1});
        end
    end

    always @(posedge clk) begin
        if (beat_go) begin
            o_last_q  <= (o_beat_inc == fi_last_beat);
            o_hi_q    <= (o_beat_inc == fi_pos_beat);
            o_hi_prev <= o_hi;
        end
        if (rst) begin
            o_first       <= 1'b1;
            o_beat        <= {BEAT_W{1'b0}};
            tx_used_valid <= 1'b0;
            err_valid     <= 1'b0;
            stat_valid    <= 1'b0;
        end else begin
            if (tx_used_ready)
                tx_used_valid <= 1'b0;
            if (err_ready)
                err_valid <= 1'b0;
            stat_valid <= 1'b0;
            if (frame_done) begin
                o_first <= 1'b1;
                o_beat  <= {BEAT_W{1'b0}};
            end else if (beat_go) begin
                o_first <= 1'b0;
                o_beat  <= o_beat_inc;
            end
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

    wire unused_tx = &{1'b0, rd_rsp_id, cm_empty, fi_full,
                       cm_func_wide[QID_W+7:8], txd_func_wide[QID_W+7:8],
                       pk_hdr[95:80], pk_hdr[47:16], csum_feat_sh};
endmodule

`resetall
