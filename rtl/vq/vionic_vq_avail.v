`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_dp_consts_regs.vh"
`include "vionic_virtio_ring_regs.vh"
`include "vionic_virtio_pci_regs.vh"
`include "vionic_pcie_config_regs.vh"

// vionic_vq_avail: the driver side of the hardware packed virtqueues
// (docs/datapath.md vionic_vq_avail; VIRTIO 1.3 §2.8).
//
// Doorbells (db_*, always accepted): a doorbell of a running hardware queue
// (queue < 2*NUM_QP of a function < NUM_FUNCS) sets its pending bit; any
// other doorbell (the control queue, or a queue that is not running) pulses
// kick_* for the firmware.
// With NOTIFICATION_DATA the data word carries {next_wrap, next_off, vqn}
// (§4.1.5.2): where the driver will put its next descriptor, so everything
// from the ring position up to there is available. When the queue is quiet
// (no batch outstanding, not streaming) and the hint is plausible (1..size
// descriptors ahead of the ring position) and smaller than a batch, the next
// fetch reads only those descriptors; a hint-sized batch found whole ends the
// queue's work like a descriptor found not available ("idle" at the hint:
// no speculative fetch beyond it). The descriptor flags stay authoritative
// (§2.8.1): a hint that promises too much just meets a descriptor that is not
// available; one that is implausible is ignored (full batch). A re-check
// after a device event area write never uses a hint.
//
// Device event suppression (§2.8.10): vionic_vq_avail_notify decides, from
// what the processor finds (a whole batch available: busy; a descriptor not
// available: idle), what the device event suppression area must hold and
// requests the write on dev_ev_* (vq_used writes it). vq_used reports the
// done of each write that re-enables notifications (dev_ev_wake) on
// dev_ev_done_*; the queue then becomes pending again and that fetch
// re-checks the ring, closing the race with a driver that read the old value.
// Until the done of the latest such write (ev_wait; requests are numbered,
// dev_ev_seq, because vq_used may merge them and dones of older ones arrive
// first) a receive queue with an empty cache is not "known empty": an rxb
// request waits for the re-check instead of dropping the frame.
//
// Scheduler: round robin over the queues with work, receive and transmit queues
// taking turns when both have work. A transmit queue has work
// when it is pending (doorbell, or START) or "streaming" (its last fetch
// found every descriptor available, so there may be more); up to TX_OUTST
// batches of one transmit queue may be outstanding (the later ones are
// speculative: if one stops short, the next starts at a position that is no
// longer the ring position and is discarded). A receive queue has work when
// pending or
// streaming, no batch of it is outstanding and its cache has room for
// RX_LOW descriptors (the whole limit after a chain was cut by the batch end).
// A batch is min(MAX_CHAIN, size) descriptors (receive: also <= room in the
// cache), read from the fetch position in one DMA read, or two when it crosses
// the ring end: the expected wrap counter flips there (§2.8.1), so an exact
// full-ring wrap and chains crossing the ring end work. Before a fetch is
// issued, room for all its descriptors is reserved in the descriptor buffer
// (DF_DEPTH entries), so DMA responses are always accepted (rd_rsp_ready = 1).
//
// Processor: one descriptor per cycle from the descriptor buffer, through three
// registers (H: the raw descriptor and its place in the batch; F: with its id's chunk
// of the in-flight bitmap; A: the checks that can be made ahead, with forwarding from
// the decision; see "processor stages" below). The first
// descriptor of a batch is accepted only if the queue runs, is not in error
// and the batch starts at the queue's ring position (else the batch is stale
// or the queue stopped: it is consumed and discarded). Per descriptor:
// available iff flags.AVAIL == wrap && flags.USED != wrap (§2.8.1); checks:
// no INDIRECT, direction (transmit read-only, receive WRITE), len >= 1, chain
// length <= min(MAX_CHAIN, size) (receive: also <= RX_CACHE); on the last
// descriptor (no NEXT, §2.8.6) id < size and id not in flight (a bitmap per
// queue of QUEUE_SIZE_MAX ids, set here, cleared by retire_*, cleared at
// START). Descriptors are written tentatively into the transmit FIFO or the
// queue's receive cache and committed when the chain is complete (ring
// position advances, issue_mask[hq] pulses for a transmit chain); a non-available
// descriptor, a chain cut by the batch end, an error or a stop rolls the
// tentative chain back and resets the fetch position to the ring position.
// A failed check puts the queue in local error (no more buffers handed out)
// and reports err_* once (cleared by START).
//
// Transmit: committed chains leave on txd_* in ring order (TXF_DEPTH FIFO).
// Receive: rxb_req_* requests are served one at a time from the queue's cache
// (RX_CACHE descriptors); the answer is empty when the queue is not a running
// hardware receive queue, is in error, or its cache is empty and it is known
// empty (last fetch found nothing available, no doorbell since, no fetch
// outstanding); otherwise the answer waits for the fetch. issue_mask[hq] pulses
// when the last descriptor of a receive chain is handed to the rxb output register
// (a bit per queue: a transmit commit and a receive hand-out in the same cycle are
// two bits, of a transmit and a receive queue, so neither waits for the other).
// A queue whose q_running falls loses its pending bits and its cache.
// avail_busy[hq]: a batch of hq is outstanding (read or being processed) or a
// receive chain of hq is half handed out.
// State: per queue position, fetch position, pending/streaming bits, batch
// counts, id bitmap, receive cache; request-info FIFO, descriptor buffer,
// transmit FIFO, rxb answer register, error bits.
module vionic_vq_avail #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    // longest chain followed, and the fetch batch
    parameter MAX_CHAIN = 16,
    // prefetched descriptors per receive queue
    parameter RX_CACHE = 16
) (
    input  wire                         clk,
    input  wire                         rst,

    input  wire                         db_valid,
    output wire                         db_ready,
    input  wire [7:0]                   db_func,
    input  wire [15:0]                  db_queue,
    input  wire [31:0]                  db_data,

    output reg                          kick_valid,
    output reg  [7:0]                   kick_func,
    output reg  [31:0]                  kick_data,

    input  wire [64*NUM_FUNCS-1:0]      func_features,

    input  wire [HQ-1:0]                q_running,
    input  wire [16*HQ-1:0]             q_size,
    input  wire [64*HQ-1:0]             q_desc_addr,
    input  wire                         start_valid,
    input  wire [HQW-1:0]               start_hq,
    input  wire [31:0]                  start_ring,

    output reg  [HQ-1:0]                issue_mask,
    output wire [HQ-1:0]                avail_busy,
    output wire [16*HQ-1:0]             avail_ring,

    input  wire                         retire_valid,
    input  wire [HQW-1:0]               retire_hq,
    input  wire [15:0]                  retire_id,

    output wire                         dev_ev_valid,
    output wire [HQW-1:0]               dev_ev_hq,
    output wire [31:0]                  dev_ev_data,
    output wire                         dev_ev_wake,
    output wire [3:0]                   dev_ev_seq,
    input  wire                         dev_ev_done_valid,
    input  wire [HQW-1:0]               dev_ev_done_hq,
    input  wire [3:0]                   dev_ev_done_seq,

    output wire                         rd_req_valid,
    input  wire                         rd_req_ready,
    output wire [7:0]                   rd_req_func,
    output wire [63:0]                  rd_req_addr,
    output wire [12:0]                  rd_req_len,
    output wire [7:0]                   rd_req_id,
    input  wire                         rd_rsp_valid,
    output wire                         rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]        rd_rsp_data,
    input  wire [7:0]                   rd_rsp_id,
    input  wire                         rd_rsp_last,
    input  wire                         rd_rsp_error,

    output wire                         txd_valid,
    input  wire                         txd_ready,
    output wire [QID_W-1:0]             txd_qid,
    output wire [63:0]                  txd_addr,
    output wire [31:0]                  txd_len,
    output wire                         txd_last,
    output wire [15:0]                  txd_id,
    output wire [15:0]                  txd_count,

    input  wire                         rxb_req_valid,
    output wire                         rxb_req_ready,
    input  wire [QID_W-1:0]             rxb_req_qid,
    output reg                          rxb_valid,
    input  wire                         rxb_ready,
    output reg  [63:0]                  rxb_addr,
    output reg  [31:0]                  rxb_len,
    output reg                          rxb_last,
    output reg  [15:0]                  rxb_id,
    output reg  [15:0]                  rxb_count,
    output reg                          rxb_empty,

    output wire                         err_valid,
    input  wire                         err_ready,
    output wire [QID_W-1:0]             err_qid,
    output wire [7:0]                   err_code
);

localparam HQ = NUM_FUNCS * 2 * NUM_QP;
localparam HQW = (HQ > 1) ? $clog2(HQ) : 1;
localparam NQ = NUM_FUNCS * QUEUES_PER_FUNC;
localparam QID_W = (NQ > 1) ? $clog2(NQ) : 1;
localparam QPF_W = $clog2(QUEUES_PER_FUNC);
localparam QPH = 2 * NUM_QP;                       // hardware queues per function
localparam BPB = DATA_WIDTH / 8;
localparam DPB = BPB / 16;                         // descriptors per beat
localparam [31:0] QSZ_MAX32 = `VIONIC_PCIE_CONFIG_QUEUE_SIZE_MAX;
localparam QSZ_MAX = QSZ_MAX32;
localparam [15:0] QSZ_MAX16 = QSZ_MAX32[15:0];
localparam NRX = HQ / 2;
localparam NW = 16;                                // width of descriptor counts
// descriptor buffer (vionic_vq_avail_dbuf): room for RI_DEPTH (8) whole batches in
// flight. With 64 (4 batches) a receive and a transmit queue busy together got 2
// fetches each, 32 descriptors per ~150-cycle read round trip: loopback stopped at
// 48.5 Mpps at 64 B.
localparam DF_DEPTH = 1 << $clog2((8 * MAX_CHAIN > 128) ? 8 * MAX_CHAIN : 128);
// batches of one transmit queue outstanding: 4 batches (64 descriptors at MAX_CHAIN 16)
// cover a 500 ns host read latency (125 cycles at 250 MHz) at the ~0.35 chains per cycle
// the transmit pipeline takes; 2 limited one queue to 49.5 Mpps at 64 bytes
// (docs/bench.md). One queue may then reserve the whole descriptor buffer: the others
// get the next free batch through the round robin (the busy queue was served last).
localparam [2:0] TX_OUTST = 3'd4;
localparam [2:0] RX_OUTST = 3'd4;                   // receive-cache fetches in flight
localparam DFW = $clog2(DF_DEPTH);
localparam CLW = $clog2(MAX_CHAIN + 1);            // width of a chain length
// width of the scheduler's batch arithmetic: the cache room (<= RX_CACHE), the batches
// in flight (<= RX_OUTST x MAX_CHAIN) plus a threshold (<= MAX_CHAIN), batch sizes and
// hints (<= MAX_CHAIN); narrower than NW, so the E stage's carry chains are short
localparam BW = $clog2(((RX_CACHE > 5 * MAX_CHAIN) ? RX_CACHE : 5 * MAX_CHAIN) + 1);
localparam RI_DEPTH = 8;                           // request-info FIFO
localparam RIW = 3;
localparam TXF_DEPTH = 1 << $clog2(2 * MAX_CHAIN); // transmit FIFO
localparam TXW = $clog2(TXF_DEPTH);
localparam RCW = $clog2(RX_CACHE + 1);
localparam NRXW = (NRX > 1) ? $clog2(NRX) : 1;
localparam SLW = (NRX * RX_CACHE > 1) ? $clog2(NRX * RX_CACHE) : 1;
localparam RX_LOW = (RX_CACHE / 2 > 0) ? RX_CACHE / 2 : 1;
localparam [31:0] MAX_CHAIN_32 = MAX_CHAIN;
localparam [31:0] RX_CACHE_32 = RX_CACHE;
localparam [31:0] RX_LOW_32 = RX_LOW;
localparam [NW-1:0] MAX_CHAIN_N = MAX_CHAIN_32[NW-1:0];
localparam [NW-1:0] RX_CACHE_N = RX_CACHE_32[NW-1:0];
localparam [BW-1:0] RX_CACHE_B = RX_CACHE_32[BW-1:0];
localparam [NW-1:0] RX_LOW_N = RX_LOW_32[NW-1:0];
localparam F_NEXT = `VIONIC_VIRTIO_RING_DESC_F_NEXT;
localparam F_WRITE = `VIONIC_VIRTIO_RING_DESC_F_WRITE;
localparam F_INDIRECT = `VIONIC_VIRTIO_RING_DESC_F_INDIRECT;
localparam F_AVAIL = `VIONIC_VIRTIO_RING_DESC_F_AVAIL;
localparam F_USED = `VIONIC_VIRTIO_RING_DESC_F_USED;
localparam [31:0] E_DMA_32 = `VIONIC_DP_CONSTS_ERR_DMA_READ;
localparam [7:0] E_DMA = E_DMA_32[7:0];
localparam [31:0] E_DIR_32 = `VIONIC_DP_CONSTS_ERR_DESC_DIRECTION;
localparam [7:0] E_DIR = E_DIR_32[7:0];
localparam [31:0] E_LONG_32 = `VIONIC_DP_CONSTS_ERR_CHAIN_TOO_LONG;
localparam [7:0] E_LONG = E_LONG_32[7:0];
localparam [31:0] E_ZERO_32 = `VIONIC_DP_CONSTS_ERR_ZERO_LENGTH;
localparam [7:0] E_ZERO = E_ZERO_32[7:0];
localparam [31:0] E_INUSE_32 = `VIONIC_DP_CONSTS_ERR_ID_IN_USE;
localparam [7:0] E_INUSE = E_INUSE_32[7:0];
localparam [31:0] E_RANGE_32 = `VIONIC_DP_CONSTS_ERR_ID_RANGE;
localparam [7:0] E_RANGE = E_RANGE_32[7:0];
localparam [31:0] E_IND_32 = `VIONIC_DP_CONSTS_ERR_INDIRECT;
localparam [7:0] E_IND = E_IND_32[7:0];

function [NW-1:0] min16(input [NW-1:0] a, input [NW-1:0] b);
    min16 = (a < b) ? a : b;
endfunction

// ring position after pos (wrap flips at the ring end, §2.8.1)
function [15:0] pos_next(input [15:0] p, input [15:0] sz);
    pos_next = ({1'b0, p[14:0]} + 16'd1 >= sz) ? {~p[15], 15'd0}
                                                : {p[15], p[14:0] + 15'd1};
endfunction

assign db_ready = 1'b1;
assign rd_rsp_ready = 1'b1;

// the in-flight bitmap and its 64-bit chunks index ids with 10 bits
initial begin
    if (BW > 14) begin
        $error("vionic_vq_avail: RX_CACHE / MAX_CHAIN too large for the BW-bit batch arithmetic");
        $finish;
    end
    if (QSZ_MAX != 1024) begin
        $error("vionic_vq_avail: QUEUE_SIZE_MAX must be 1024 (ids are 10 bits here)");
        $finish;
    end
end

// ---------------------------------------------------------------- per queue
reg [15:0]    pos [0:HQ-1];        // ring position of the next chain
reg [15:0]    fpos [0:HQ-1];       // where the next fetch starts
// size - index of pos and of fpos, kept beside them (written where they are), so the
// issue's split at the ring end starts from a register rather than a subtraction
reg [15:0]    prem [0:HQ-1];
reg [15:0]    frem [0:HQ-1];
reg [HQ-1:0]  pending;
reg [HQ-1:0]  stream;
reg [HQ-1:0]  qerr;
reg [HQ-1:0]  wait_full;
reg [HQ-1:0]  ev_wait;            // a notification re-enable is being written: re-check after
reg [3:0]     ev_seq [0:HQ-1];    // number of the queue's latest re-enable request
reg [HQ-1:0]  hint_v;             // NOTIFICATION_DATA: the next fetch is sized by hint_n
reg [BW-1:0]  hint_n [0:HQ-1];    // descriptors available at the ring position (1..MAX_CHAIN)
reg [2:0]     outst [0:HQ-1];      // batches outstanding
reg [1:0]     epoch [0:HQ-1];      // +1 at every ring stop: batches issued before are stale
reg [HQ-1:0]  err_pend;
reg [7:0]     err_cd [0:HQ-1];
// in-flight buffer ids: one QSZ_MAX-bit word per hardware queue, written by
// the per-queue logic below (set when a chain is handed out, cleared when
// vq_used retires it, cleared whole at START and reset)
reg [QSZ_MAX-1:0] inuse [0:HQ-1];

// receive caches (index = hq / 2)
reg [RCW-1:0] rc_head [0:NRX-1];
reg [RCW-1:0] rc_cnt [0:NRX-1];
reg [RCW-1:0] rc_tail [0:NRX-1];   // (rc_head + rc_cnt) mod RX_CACHE, kept beside them
reg [63:0]    rc_addr [0:NRX*RX_CACHE-1];
reg [31:0]    rc_len [0:NRX*RX_CACHE-1];
reg           rc_last [0:NRX*RX_CACHE-1];
reg [15:0]    rc_id [0:NRX*RX_CACHE-1];
reg [15:0]    rc_count [0:NRX*RX_CACHE-1];

genvar gi;
wire [QID_W-1:0] hq2qid [0:HQ-1];
wire [HQW-1:0]   hqi [0:HQ-1];
wire [7:0]       hq2func [0:HQ-1];
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_map
        localparam [31:0] QV = (gi / QPH) * QUEUES_PER_FUNC + gi % QPH;
        localparam [31:0] FV = gi / QPH;
        assign hq2qid[gi] = QV[QID_W-1:0];
        localparam [31:0] HV = gi;
        assign hq2func[gi] = FV[7:0];
        assign hqi[gi] = HV[HQW-1:0];
    end
endgenerate
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_out
        assign avail_ring[16*gi +: 16] = pos[gi];
    end
endgenerate

function [15:0] qsize(input [HQW-1:0] h);
    qsize = q_size[16*h +: 16];
endfunction

// ---------------------------------------------------------------- request info FIFO
reg [HQW-1:0] ri_hq [0:RI_DEPTH-1];
reg [15:0]    ri_start [0:RI_DEPTH-1];
reg [NW-1:0]  ri_n [0:RI_DEPTH-1];
reg           ri_first [0:RI_DEPTH-1];
reg           ri_lastseg [0:RI_DEPTH-1];
reg [1:0]     ri_ep [0:RI_DEPTH-1];
reg           ri_hint [0:RI_DEPTH-1];     // the batch is exactly what the hint promised
reg [RIW:0]   ri_wr, ri_rsp, ri_rd;

// descriptor buffer (vionic_vq_avail_dbuf below: banked RAM, read combinationally)
wire [128:0]  df_head;            // the entry at df_rd
reg [DFW:0]   df_wr, df_rd;
reg [DFW+1:0] df_used;            // reserved + present

// ---------------------------------------------------------------- transmit FIFO
reg [HQW-1:0] tf_hq [0:TXF_DEPTH-1];
reg [63:0]    tf_addr [0:TXF_DEPTH-1];
reg [31:0]    tf_len [0:TXF_DEPTH-1];
reg           tf_last [0:TXF_DEPTH-1];
reg [15:0]    tf_id [0:TXF_DEPTH-1];
reg [15:0]    tf_count [0:TXF_DEPTH-1];
reg [TXW:0]   tf_wr, tf_cm, tf_rd;

assign txd_valid = (tf_cm != tf_rd);
assign txd_qid   = hq2qid[tf_hq[tf_rd[TXW-1:0]]];
assign txd_addr  = tf_addr[tf_rd[TXW-1:0]];
assign txd_len   = tf_len[tf_rd[TXW-1:0]];
assign txd_last  = tf_last[tf_rd[TXW-1:0]];
assign txd_id    = tf_id[tf_rd[TXW-1:0]];
assign txd_count = tf_count[tf_rd[TXW-1:0]];

// ---------------------------------------------------------------- doorbell decode
wire          db_hw = ({24'd0, db_func} < NUM_FUNCS) && ({16'd0, db_queue} < QPH);
wire [31:0]   db_hq32 = {24'd0, db_func} * QPH + {16'd0, db_queue};
wire [HQW-1:0] db_hq = db_hq32[HQW-1:0];
// The doorbell is registered with its decode (dr_*) before anything uses it: its
// queue's state lookups and the hint's arithmetic then start from flip-flops. A
// doorbell takes effect a cycle later, as if it had arrived a cycle later.
reg           dr_valid, dr_hw;
reg [7:0]     dr_func;
reg [31:0]    dr_data;
reg [HQW-1:0] dr_hq;
always @(posedge clk) begin
    dr_valid <= db_valid;
    dr_hw <= db_hw;
    dr_func <= db_func;
    dr_data <= db_data;
    dr_hq <= db_hq;
    if (rst)
        dr_valid <= 1'b0;
end

// ---------------------------------------------------------------- rxb engine (comb part)
reg           eb_busy;            // a request is being answered
reg [HQW-1:0] eb_hq;
reg [HQ-1:0]  eb_oh;              // eb_hq one-hot (none for a queue not in hardware)
reg           eb_chain;           // in the middle of a chain
wire [HQW-1:0] eb_rx_t = eb_hq >> 1;
wire [NRXW-1:0] eb_rx_w = eb_rx_t[NRXW-1:0];

reg           eb_load;            // load the output register this cycle
reg           eb_data;            // ... with a cache entry
reg           eb_empty;           // ... with the empty answer
wire          eb_room = !rxb_valid || rxb_ready;
// The answer is decided from per-queue flags worked out from registers and picked
// with the one-hot eb_oh (AND-OR), not from per-queue state looked up by eb_hq.
wire [HQ-1:0] q_known_empty;      // nothing to fetch and nothing on its way
wire [NRX-1:0] rc_nz;             // the receive cache holds entries
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_known_empty
        assign q_known_empty[gi] = !pending[gi] && !stream[gi] && !ev_wait[gi] &&
                                   outst[gi] == 3'd0;
    end
    for (gi = 0; gi < NRX; gi = gi + 1) begin : g_rc_nz
        assign rc_nz[gi] = rc_cnt[gi] != {RCW{1'b0}};
    end
endgenerate
wire [NRX-1:0] eb_rx_oh;          // eb_oh's receive queue (the even queues)
generate
    for (gi = 0; gi < NRX; gi = gi + 1) begin : g_eb_rx
        assign eb_rx_oh[gi] = eb_oh[2*gi];
    end
endgenerate
wire          eb_run = |(eb_oh & q_running & ~qerr);     // (none if not in hardware)
wire          eb_cnt_nz = |(eb_rx_oh & rc_nz);
wire [31:0]   eb_slot32 = {{(32-NRXW){1'b0}}, eb_rx_w} * RX_CACHE + {{(32-RCW){1'b0}}, rc_head[eb_rx_w]};
wire [SLW-1:0] eb_slot = eb_slot32[SLW-1:0];
// (a doorbell of the queue in dr_ is as good as pending: it sets pending next cycle)
wire          eb_known_empty = |(eb_oh & q_known_empty) && !(dr_valid && dr_hw && dr_hq == eb_hq);

always @* begin
    eb_load = 1'b0;
    eb_data = 1'b0;
    eb_empty = 1'b0;
    if (eb_busy && eb_room) begin
        if (eb_chain && eb_cnt_nz) begin
            eb_load = 1'b1;
            eb_data = 1'b1;
        end else if (eb_chain) begin
            eb_load = 1'b0;   // cannot happen: a chain is committed whole
        end else if (!eb_run) begin
            eb_load = 1'b1;
            eb_empty = 1'b1;
        end else if (eb_cnt_nz) begin
            eb_load = 1'b1;
            eb_data = 1'b1;
        end else if (eb_known_empty) begin
            eb_load = 1'b1;
            eb_empty = 1'b1;
        end
    end
end

assign rxb_req_ready = !eb_busy;

// ---------------------------------------------------------------- retire
// A retire takes effect one cycle after it arrives (rt_*): A folds the arriving one
// into its in-flight bit a cycle ahead, so the decision compares no id. (The driver
// can reuse an id only after the used entry reached host memory and a new descriptor
// came back through the ring: hundreds of cycles, not one.)
reg           rt_valid;
reg [HQW-1:0] rt_hq;
reg [15:0]    rt_id;
always @(posedge clk) begin
    rt_valid <= retire_valid && !rst;
    rt_hq <= retire_hq;
    rt_id <= retire_id;
end

// ---------------------------------------------------------------- processor (comb part)
// The processor sees each descriptor through three registers, so that the read of the
// descriptor buffer (a banked RAM written up to DPB entries at a time), the in-flight id
// lookup (a 1024-bit word per queue) and the decision with the state updates it drives
// are not one path:
//  H  the descriptor at the buffer's head, raw, with its place in the batch (queue,
//     ring position, first / batch end): none of it depends on state the processor
//     changes, so H needs no forwarding;
//  F  H's descriptor with the 64-bit chunk of its queue's in-flight bitmap that holds
//     its id (forwarded from the decision's commit and the retires);
//  A  the figures that can be worked out ahead of the decision: availability (the
//     position's wrap is known, §2.8.1), the state-free checks (INDIRECT, direction,
//     zero length, id range), the chain limit, the next position, whether the queue
//     runs without error, and those that depend on processor state:
//       a_start_ok  the batch starts at the ring position (the decision on A's
//                   previous descriptor may commit a chain of the same queue: both
//                   comparisons are made, and that decision picks the one registered);
//       a_ep_ok     the batch is of the queue's current epoch (likewise with a ring
//                   stop; a START makes it stale);
//       a_inuse     the id is in flight (a commit sets it, a retire clears it, a
//                   START clears the word; retires take effect a cycle after they
//                   arrive, and A folds each in as it arrives: see "retire").
// A descriptor still leaves A in the cycle it is decided: one per cycle.
reg           f_valid;
reg  [128:0]  f_d;
reg  [HQW-1:0] f_hq;
reg  [15:0]   f_pos;              // ring position of the descriptor
reg  [15:0]   f_start;            // its batch's start (compared for the first one)
reg  [1:0]    f_ep;
reg           f_first, f_batch_end, f_hint;
reg           a_valid;
reg  [HQW-1:0] a_hq;
reg  [HQ-1:0] a_oh;               // a_hq, one-hot
reg  [63:0]   a_addr;
reg  [31:0]   a_len;
reg  [15:0]   a_id;
reg           a_next, a_err, a_avail, a_range, a_inuse;
reg  [7:0]    a_pre;              // E_IND / E_DIR / E_ZERO (in that order) or 0
reg  [CLW:0]  a_lim;              // the chain limit (<= MAX_CHAIN)
reg           a_lim1;             // ... is 1 (or less)
reg  [15:0]   a_pos_next;         // ring position after the descriptor
reg  [15:0]   a_prem_next;        // ... size - its index
reg           a_first, a_batch_end, a_hint;
reg           a_run;              // the queue runs without error (see a_run below)
reg           a_cok;              // no INDIRECT / direction / zero length / id range fault
reg           a_sok;              // ... and no DMA error, and available
// the batch-start and epoch checks: two comparisons each (against the state before and
// after the decision made in the cycle F moves to A), that decision picking the one A
// registers. (Until 2026-11-23 both were registered with the decision, and batch_ok
// chose between them: 11 inputs in front of every action instead of 6.)
reg           a_start_ok;                // start == pos[hq] after that decision
reg           a_ep_eq_ok;                // batch epoch == epoch[hq] after that decision
reg           a_stale;                   // a START of the queue since F took it
wire          a_ep_ok = !a_stale && a_ep_eq_ok;
reg  [NW-1:0] l_cnt;              // F's loader: index in the segment at ri_rd
wire          p_have = a_valid;
wire [HQW-1:0] p_hq = a_hq;
wire          p_is_rx = !p_hq[0];
reg  [NW-1:0] c_len;              // descriptors of the open chain before this one
reg           b_ok;               // batch accepted and not stopped
wire          p_first = a_first;
wire [NW-1:0] cur_clen = p_first ? {NW{1'b0}} : c_len;
wire          batch_ok = a_run && (p_first ? (a_start_ok && a_ep_ok) : b_ok);
wire          d_err = a_err;
wire [63:0]   d_addr = a_addr;
wire [31:0]   d_len = a_len;
wire [15:0]   d_id = a_id;
wire          d_avail = a_avail;
wire          d_next = a_next;
wire [HQW-1:0] p_rx_t = p_hq >> 1;
wire [NRXW-1:0] p_rx_w = p_rx_t[NRXW-1:0];
// the descriptor's slot: the cache's tail (a register: no three-way sum) plus the chain
wire [RCW-1:0] p_rc_tail = rc_tail[p_rx_w];
wire [31:0]   p_slot_raw = {{(32-RCW){1'b0}}, p_rc_tail} + {16'd0, cur_clen};
wire [31:0]   p_slot_w = (p_slot_raw >= RX_CACHE) ? p_slot_raw - RX_CACHE : p_slot_raw;
wire [31:0]   p_slot32 = {{(32-NRXW){1'b0}}, p_rx_w} * RX_CACHE + p_slot_w;
wire [SLW-1:0] p_slot = p_slot32[SLW-1:0];
wire          id_inuse = a_inuse;
// the open chain reaches the limit with this descriptor (cur_clen + 1 >= limit): for a
// batch's first descriptor from A (a_lim1: the limit is 1), else from cl_long, worked
// out when c_len was last written (a chain continues only within its batch, so with
// the same queue's limit). On CLW bits: a chain is never longer than the limit, at
// most MAX_CHAIN.
reg           cl_long;
wire [CLW:0]  clen_s = {1'b0, cur_clen[CLW-1:0]};
wire          c_long = p_first ? a_lim1 : cl_long;
reg  [7:0]    p_code;
always @* begin
    p_code = 8'd0;
    if (a_pre != 8'd0)
        p_code = a_pre;
    else if (d_next && c_long)
        p_code = E_LONG;
    else if (a_range)
        p_code = E_RANGE;
    else if (!d_next && id_inuse)
        p_code = E_INUSE;
end
// Room in the transmit FIFO for this cycle's write, as a register (the decision reads
// it; a count and compare there would sit on the decision's path). Worked out in the
// cycle before from registers only, never optimistic: it counts that cycle's write as
// happening whenever A held a transmit descriptor and there was room (a discard or a
// rollback frees entries a cycle later than it could), and it does not count that
// cycle's read. A full FIFO that a read empties by one is seen a cycle late, which
// costs nothing while the reader is the bottleneck. A stalled descriptor does not
// count as a write, so all TXF_DEPTH (2 x MAX_CHAIN) entries stay usable by one chain.
reg           tf_space;
wire          tf_push_may = a_valid && !p_is_rx && tf_space;
wire [TXW:0]  tf_fill = tf_wr - tf_rd;
// actions. Each is written as batch_ok AND a term of A's registers (q_*), worked out
// beside batch_ok rather than after it, so the decision is about 3 LUT levels deep
// and its users (per-queue state, the FIFOs, A's forwarded flags) start from there;
// written as a chain (stall -> consume -> batch end -> cut -> stop) it was 11.
// tools/check_vq_avail_decision.py checks every action against its plain definition
// (in the comments) for every input A's registers can hold, and that p_stop, p_err,
// p_write, p_commit and p_disc imply p_consume (so their users need not AND it in).
// p_good and p_cerr without the priority of p_code (which only names the error)
wire          p_dyn_ok = !(d_next && c_long) && !(!d_next && id_inuse);
wire          q_good = p_have && a_sok && p_dyn_ok;        // writes if the batch is accepted
wire          q_room = p_is_rx || tf_space;
wire          q_derr = p_have && d_err;
wire          q_navail = p_have && !d_err && !d_avail;
wire          q_cerr = p_have && !d_err && d_avail && !(a_cok && p_dyn_ok);
wire          q_cut = q_good && q_room && a_batch_end && d_next;
wire          q_stall = q_good && !q_room;
wire          q_write = q_good && q_room;                  // written if accepted
wire          q_commit = q_good && q_room && !d_next;      // ... and it ends a chain
wire          q_hint_end = q_good && q_room && a_batch_end && !d_next && a_hint;
// q_navail || q_cerr || q_derr || q_cut in one term: the descriptor is not good (a_sok
// is loaded as a_cok and no DMA error and available), or it is cut by the batch end
wire          q_stop = p_have && (!(a_sok && p_dyn_ok) || (q_room && a_batch_end && d_next));
wire          p_disc = p_have && !batch_ok;                          // discard
wire          p_derr = batch_ok && q_derr;                           // DMA error
wire          p_navail = batch_ok && q_navail;                       // not available
wire          p_stall = batch_ok && q_stall;                         // good, no FIFO room
wire          p_write = batch_ok && q_write;                         // good and not stalled
wire          p_commit = batch_ok && q_commit;                       // write of a chain's end
wire          p_consume = p_have && !p_stall;                        // A's descriptor is done
wire          p_batch_end = p_consume && a_batch_end;
wire          p_cut = batch_ok && q_cut;     // batch end, write, NEXT: chain cut by the batch end
// ring stop (reset the fetch position): not available, a check or DMA error, or a cut
wire          p_stop = batch_ok && q_stop;
// a hint-sized batch found whole: the queue is idle at the hint (no stream)
wire          p_hint_end = batch_ok && q_hint_end;
wire          p_err = batch_ok && (q_cerr || q_derr);
// a ring stop without an error (consumed): not available, or a cut
wire          p_stop_ok = batch_ok && (q_navail || q_cut) && !q_stall && !q_cerr && !q_derr;

// ---------------------------------------------------------------- device event suppression
assign dev_ev_seq = ev_seq[dev_ev_hq] + 4'd1;
// The decision's idle / busy reach the notifier through a register (and START with
// them, so the notifier sees them in their order): the notifier's comparisons of the
// position with what the area holds are not in series with the decision. Its write
// requests leave a cycle later; the re-check that follows each still follows it.
reg           nt_start_valid, nt_idle_valid, nt_busy_valid;
reg [HQW-1:0] nt_start_hq, nt_hq;
reg [15:0]    nt_idle_pos;
always @(posedge clk) begin
    nt_start_valid <= start_valid;
    nt_start_hq <= start_hq;
    nt_idle_valid <= p_navail || p_hint_end;
    nt_busy_valid <= p_batch_end && p_write && !p_hint_end;
    nt_hq <= p_hq;
    nt_idle_pos <= p_navail ? pos[p_hq] : a_pos_next;
    if (rst) begin
        nt_start_valid <= 1'b0;
        nt_idle_valid <= 1'b0;
        nt_busy_valid <= 1'b0;
    end
end
vionic_vq_avail_notify #(.NUM_FUNCS(NUM_FUNCS), .NUM_QP(NUM_QP)) u_notify (
    .clk(clk), .rst(rst),
    .func_features(func_features),
    .start_valid(nt_start_valid), .start_hq(nt_start_hq),
    .idle_valid(nt_idle_valid), .idle_hq(nt_hq), .idle_pos(nt_idle_pos),
    .busy_valid(nt_busy_valid), .busy_hq(nt_hq),
    .ev_valid(dev_ev_valid), .ev_hq(dev_ev_hq), .ev_data(dev_ev_data), .ev_wake(dev_ev_wake)
);

// ---------------------------------------------------------------- scheduler (comb part)
// Per-queue batch limits from the queue size, registered (q_size changes only while the
// queue is stopped, long before its START): min(MAX_CHAIN, size), for a receive queue
// also <= RX_CACHE; three times that; and, for a receive queue with o = 0..3 batches
// in flight, what the eligibility compares the cache room with: o x the limit plus the
// refill threshold (min(limit, RX_LOW)).
// (BW bits: the limit is at most MAX_CHAIN, the multiples fit as well)
reg [BW-1:0]  q_lim [0:HQ-1];
reg [BW-1:0]  q_lim3 [0:HQ-1];
reg [BW-1:0]  q_need [0:4*HQ-1];
// size's bits 15:BW minus one (the issue's new size - index, see g_split)
reg [15:BW]   q_szhi_m1 [0:HQ-1];
always @(posedge clk) begin : lim_regs
    integer li;
    reg [NW-1:0] l;
    reg [BW-1:0] t;
    for (li = 0; li < HQ; li = li + 1) begin
        l = (li % 2 == 0) ? min16(min16(MAX_CHAIN_N, RX_CACHE_N), q_size[16*li +: 16])
                          : min16(MAX_CHAIN_N, q_size[16*li +: 16]);
        t = (l < RX_LOW_N) ? l[BW-1:0] : RX_LOW_N[BW-1:0];
        q_lim[li] <= l[BW-1:0];
        q_lim3[li] <= l[BW-1:0] + (l[BW-1:0] << 1);
        q_need[4*li] <= t;
        q_need[4*li+1] <= l[BW-1:0] + t;
        q_need[4*li+2] <= (l[BW-1:0] << 1) + t;
        q_need[4*li+3] <= l[BW-1:0] + (l[BW-1:0] << 1) + t;
        q_szhi_m1[li] <= q_size[16*li+BW +: 16-BW] - 1'b1;
    end
end
// Room in the descriptor buffer is checked for a whole MAX_CHAIN batch, whatever the
// queue's own batch: a queue with smaller batches (a short ring, a receive cache
// almost full) would otherwise take every gap of a few entries, and a queue that
// needs MAX_CHAIN could wait for ever (the round robin only orders queues that are
// eligible). One compare for all queues, off the per-queue arithmetic.
wire          df_room_max = {{(32-DFW-2){1'b0}}, df_used} + MAX_CHAIN <= DF_DEPTH;
// A transmit batch starts only while 4 batches' room is free (with DF_DEPTH 128:
// transmit queues hold at most about half the buffer): streaming transmit queues
// with speculative batches, and the data reads behind them, would otherwise delay
// the busy receive queue's fetches until its cache runs dry (tb net_loopback_mq:
// frames dropped with only three batches' room kept free).
wire          df_room_tx = {{(32-DFW-2){1'b0}}, df_used} + 4 * MAX_CHAIN <= DF_DEPTH;
reg [HQ-1:0]  elig;
reg [BW-1:0]  s_n [0:HQ-1];      // batch size allowed by the ring, cache and buffer
reg [BW-1:0]  s_nh [0:HQ-1];     // the fetch: s_n, or the hint when it is smaller
reg [HQ-1:0]  s_byh;             // ... the fetch is sized by the hint
integer       si;
always @* begin
    for (si = 0; si < HQ; si = si + 1) begin : elig_loop
        reg [BW-1:0] room, lim, infl, infl_up, need;
        lim = q_lim[si];
        room = RX_CACHE_B - {{(BW-RCW){1'b0}}, rc_cnt[si / 2]};
        // up to RX_OUTST fetches in flight, each counted at its largest (lim) against
        // the cache room, so responses always fit (outst x lim without a multiplier);
        // infl_up = infl + lim and need = infl + threshold, from registered multiples
        // (not eligible with RX_OUTST = 4 or more in flight: then they do not matter)
        case (outst[si])
            3'd0: begin infl = {BW{1'b0}}; infl_up = lim; need = q_need[4*si]; end
            3'd1: begin infl = lim; infl_up = lim << 1; need = q_need[4*si+1]; end
            3'd2: begin infl = lim << 1; infl_up = q_lim3[si]; need = q_need[4*si+2]; end
            3'd3: begin infl = q_lim3[si]; infl_up = lim << 2; need = q_need[4*si+3]; end
            default: begin infl = lim << 2; infl_up = {BW{1'b1}}; need = {BW{1'b1}}; end
        endcase
        // the NOTIFICATION_DATA hint shrinks the fetch (s_nh) but not the eligibility
        // checks (kept off the scheduler's longest path; s_n >= s_nh is conservative).
        // s_byh is hint_n <= s_n, compared with s_n's terms side by side rather than
        // with s_n (a hint is never 0; a queue with s_n 0 is not eligible)
        if (si % 2 == 0) begin
            // after a chain was cut off, one fetch with room for a whole chain
            if (wait_full[si]) begin
                s_n[si] = (lim < room) ? lim : room;
                elig[si] = (outst[si] == 3'd0) && room >= lim;
                s_byh[si] = hint_v[si] && hint_n[si] <= lim && hint_n[si] <= room;
            end else begin
                // min(lim, room - infl), with lim < room - infl as room > infl + lim
                s_n[si] = (room <= infl) ? {BW{1'b0}} :
                          (room > infl_up) ? lim : room - infl;
                elig[si] = (outst[si] < RX_OUTST) && room >= need;
                s_byh[si] = hint_v[si] && room > infl && hint_n[si] <= lim &&
                            hint_n[si] + infl <= room;
            end
        end else begin
            s_n[si] = lim;
            elig[si] = (outst[si] < TX_OUTST) && df_room_tx;
            s_byh[si] = hint_v[si] && hint_n[si] <= lim;
        end
        s_nh[si] = s_byh[si] ? hint_n[si] : s_n[si];
        elig[si] = elig[si] && q_running[si] && !qerr[si] && (pending[si] || stream[si])
                   && q_size[16*si +: 16] != 16'd0 && s_n[si] != {BW{1'b0}}
                   && df_room_max;
    end
end

// The scheduler is three stages, so that neither the per-queue arithmetic above nor
// the descriptor processor's outcome is on one path with the pick and the request:
//  E  the eligibility and batch size of every queue, registered (one cycle old);
//  P  a round-robin pick among them, registered in pk_*;
//  I  the picked queue's request: fetch position, split at the ring end, request and
//     request-info registers, per-queue updates.
// Only one pick is in flight, and none is made in the cycle after an issue, so P
// never sees E figures that predate the last issue: everything else E depends on
// can only grow the room between E and I (batches finish, the cache drains, the
// buffer empties). A ring stop of the processor in the P or I cycle is harmless:
// I reads the queue's fetch position and epoch live, and a batch issued before the
// stop's epoch change is stale and discarded like any speculative one (the stop's
// fpos write takes precedence over the issue's, and a stop in the issue's cycle
// leaves the queue pending: the lost batch may have been a re-check). A doorbell or
// a re-check request (event area write done) for the picked queue that E's snapshot
// does not include (from the cycle before the pick on) keeps the queue pending after
// the issue (the pick may be sized by an older hint that does not cover what the
// doorbell announced); the issue always drops the hint, which describes the ring
// only as seen from the quiet position.
reg [HQ-1:0]  e_elig;
reg [BW-1:0]  e_nh [0:HQ-1];
reg [HQ-1:0]  e_byh;
always @(posedge clk) begin : e_stage
    integer ei;
    for (ei = 0; ei < HQ; ei = ei + 1) begin
        e_elig[ei] <= elig[ei];
        e_nh[ei] <= s_nh[ei];
        e_byh[ei] <= s_byh[ei];
    end
    if (rst)
        e_elig <= {HQ{1'b0}};
end

// P picks among E's eligible queues without masking them by the live q_running / error
// bits (they would lengthen the pick): I checks them, and a pick of a queue that
// stopped or failed since E is dropped there (the round robin moves on all the same).
// Receive and transmit take turns: when queues of both kinds are eligible, a pick of
// one kind is followed by a pick of the other (within a kind, the round robin).
// Transmit batches that wait for room in the transmit FIFO hold the descriptor
// buffer's head, and a receive batch behind them waits too; with several transmit
// queues streaming, a plain round robin over queues gave the one busy receive queue a
// third or less of the batches, its cache ran dry and frames were dropped at the port
// (loopback 1518 B, 4 pairs: 84 % of line rate, 288 of 2000 dropped; docs/datapath.md
// "Scheduler"). Taking turns (rather than receive always first) keeps either kind
// from starving the other, and so one function's queues (a driver ringing receive
// doorbells without end) from starving another function's transmit queues.
localparam [HQ-1:0] RX_HQ = {(HQ/2){2'b01}};       // the even (receive) queues
reg           last_rx;            // the last pick was a receive queue
wire          e_rx_any = |(e_elig & RX_HQ);
wire          e_tx_any = |(e_elig & ~RX_HQ);
wire          s_rx_turn = e_rx_any && (!e_tx_any || !last_rx);
reg [HQ-1:0]  rr_start;           // one-hot: the queue after the last one served
// the round robin of each kind side by side, the turn choosing between them (rather
// than the turn masking the requests in front of the one round robin): the same pick
wire          s_pick_rx, s_pick_tx;
wire [HQ-1:0] s_oh_rx, s_oh_tx;
wire [HQW-1:0] s_hq_rx, s_hq_tx;
wire [HQ-1:0] s_next_rx, s_next_tx;
vionic_vq_rr #(.N(HQ), .W(HQW)) u_pick_rx (
    .req(e_elig & RX_HQ), .start(rr_start), .any(s_pick_rx), .onehot(s_oh_rx),
    .idx(s_hq_rx), .next_start(s_next_rx)
);
vionic_vq_rr #(.N(HQ), .W(HQW)) u_pick_tx (
    .req(e_elig & ~RX_HQ), .start(rr_start), .any(s_pick_tx), .onehot(s_oh_tx),
    .idx(s_hq_tx), .next_start(s_next_tx)
);
wire          s_pick = s_rx_turn ? s_pick_rx : s_pick_tx;
wire [HQ-1:0] s_oh = s_rx_turn ? s_oh_rx : s_oh_tx;      // the pick, one-hot
wire [HQW-1:0] s_hq = s_rx_turn ? s_hq_rx : s_hq_tx;
wire [HQ-1:0] s_next = s_rx_turn ? s_next_rx : s_next_tx;

// request registers
reg           r_valid;
reg [63:0]    r_addr;
reg [12:0]    r_len;
reg [7:0]     r_func;
reg           r2_valid;
reg [12:0]    r2_len;
reg [63:0]    r2_addr;
reg [7:0]     r_seq;
assign rd_req_valid = r_valid;
assign rd_req_addr = r_addr;
assign rd_req_len = r_len;
assign rd_req_func = r_func;
assign rd_req_id = r_seq;

// (the difference at the pointers' own width: it wraps with them)
wire [RIW:0]  ri_cnt = ri_wr - ri_rd;
wire          ri_free2 = ri_cnt <= RI_DEPTH - 2;
// P: the pick (r_valid and ri_free2 cannot change against I before the issue)
reg           pk_valid;
reg [HQW-1:0] pk_hq;
reg [HQ-1:0]  pk_oh;              // pk_hq, one-hot
reg [63:0]    pk_base;            // its descriptor ring address
reg [63:19]   pk_base_hi1;        // ... its bits 63:19 plus one
// The ring address's upper bits plus one, per queue, registered (q_desc_addr changes
// only while the queue is stopped): the request's address is the ring address plus
// fetch position x 16 (< 2^19), added at 19 bits with the upper bits picked by the carry.
reg [63:19]   q_base_hi1 [0:HQ-1];
always @(posedge clk) begin : base_hi1_regs
    integer bi;
    for (bi = 0; bi < HQ; bi = bi + 1)
        q_base_hi1[bi] <= q_desc_addr[64*bi+19 +: 45] + 45'd1;
end
reg [BW-1:0]  pk_nh;
wire [31:0]   pk_nh32 = {{(32-BW){1'b0}}, pk_nh};
reg           pk_byh;
reg           pk_db;              // pk_hq got a doorbell or a re-check after E's snapshot
reg [HQ-1:0]  wk_last;            // queues with a doorbell or re-check last cycle (not in E)
wire [HQ-1:0] wk_now = ((dr_valid && dr_hw) ? ({{(HQ-1){1'b0}}, 1'b1} << dr_hq) : {HQ{1'b0}}) |
                       (dev_ev_done_valid ? ({{(HQ-1){1'b0}}, 1'b1} << dev_ev_done_hq) : {HQ{1'b0}});
// the picked queue's figures, selected with the one-hot pick of each kind (AND-OR),
// then by the turn
reg [BW-1:0]  s_sel_nh, s_nh_rx, s_nh_tx;
reg           s_sel_byh, s_sel_db;
reg [63:0]    s_sel_base, s_base_rx, s_base_tx;
reg [63:19]   s_sel_base_hi1, s_hi1_rx, s_hi1_tx;
always @* begin : s_select
    integer k;
    s_nh_rx = {BW{1'b0}};
    s_nh_tx = {BW{1'b0}};
    s_base_rx = 64'd0;
    s_base_tx = 64'd0;
    s_hi1_rx = 45'd0;
    s_hi1_tx = 45'd0;
    for (k = 0; k < HQ; k = k + 1) begin
        s_nh_rx = s_nh_rx | (e_nh[k] & {BW{s_oh_rx[k]}});
        s_nh_tx = s_nh_tx | (e_nh[k] & {BW{s_oh_tx[k]}});
        s_base_rx = s_base_rx | (q_desc_addr[64*k +: 64] & {64{s_oh_rx[k]}});
        s_base_tx = s_base_tx | (q_desc_addr[64*k +: 64] & {64{s_oh_tx[k]}});
        s_hi1_rx = s_hi1_rx | (q_base_hi1[k] & {45{s_oh_rx[k]}});
        s_hi1_tx = s_hi1_tx | (q_base_hi1[k] & {45{s_oh_tx[k]}});
    end
    s_sel_nh = s_rx_turn ? s_nh_rx : s_nh_tx;
    s_sel_base = s_rx_turn ? s_base_rx : s_base_tx;
    s_sel_base_hi1 = s_rx_turn ? s_hi1_rx : s_hi1_tx;
    s_sel_byh = s_rx_turn ? |(s_oh_rx & e_byh) : |(s_oh_tx & e_byh);
    s_sel_db = s_rx_turn ? |(s_oh_rx & (wk_now | wk_last)) : |(s_oh_tx & (wk_now | wk_last));
end
reg           i_go_d;             // an issue in the last cycle: E is one issue behind
wire          s_go = s_pick && !pk_valid && !i_go_d && !r_valid && ri_free2;
// I: the issue
wire          i_go = pk_valid && |(pk_oh & q_running & ~qerr);
// The split at the ring end is worked out for every queue side by side, from its live
// fetch position and the picked batch size pk_nh; the picked queue's figures are then
// selected with the one-hot pk_oh. The ring base was selected at the pick (P): it
// changes only while a queue is stopped, and I checks q_running live.
wire [HQ-1:0] iq_split;           // queue i's batch would cross the ring end
wire [NW-1:0] iq_n1 [0:HQ-1];     // ... descriptors up to the ring end
wire [NW-1:0] iq_n2 [0:HQ-1];     // ... and from the ring start
wire [15:0]   iq_fp_next [0:HQ-1];
wire [15:0]   iq_frem_next [0:HQ-1];
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_split
        wire [15:0] fp = fpos[gi];
        wire [15:0] rem = frem[gi];                      // size - fp's index
        // pk_nh < 2^BW: only a rem below that can be reached by the batch
        wire        rem_small = rem[15:BW] == {(16-BW){1'b0}};
        wire        split = rem_small && rem[BW-1:0] < pk_nh;
        wire        to_end = rem_small && rem[BW-1:0] <= pk_nh;  // the batch reaches the end
        wire [BW-1:0] n1 = split ? rem[BW-1:0] : pk_nh;
        wire [BW-1:0] n2 = split ? pk_nh - rem[BW-1:0] : {BW{1'b0}};
        assign iq_split[gi] = split;
        assign iq_n1[gi] = {{(NW-BW){1'b0}}, n1};
        assign iq_n2[gi] = {{(NW-BW){1'b0}}, n2};
        // the sums below at BW bits, their upper bits +-1 worked out beside them and
        // picked by the carry (the batch size has BW bits)
        wire [BW:0] fp_lo = {1'b0, fp[BW-1:0]} + {1'b0, pk_nh};
        wire [14:BW] fp_hi1 = fp[14:BW] + 1'b1;
        wire [BW:0] sz_lo = {1'b0, q_size[16*gi +: BW]} - {1'b0, n2};
        wire [BW:0] rem_lo = {1'b0, rem[BW-1:0]} - {1'b0, pk_nh};
        wire [15:BW] rem_hi_m1 = rem[15:BW] - 1'b1;
        assign iq_fp_next[gi] = to_end ? {~fp[15], {(15-BW){1'b0}}, n2}
                                       : {fp[15], fp_lo[BW] ? fp_hi1 : fp[14:BW], fp_lo[BW-1:0]};
        // to_end: size - n2; else rem - pk_nh
        assign iq_frem_next[gi] = to_end ? {sz_lo[BW] ? q_szhi_m1[gi] : q_size[16*gi+BW +: 16-BW],
                                            sz_lo[BW-1:0]}
                                         : {rem_lo[BW] ? rem_hi_m1 : rem[15:BW], rem_lo[BW-1:0]};
    end
endgenerate
reg [15:0]    s_fp;
reg [NW-1:0]  s_n1, s_n2;
reg [1:0]     s_ep;
always @* begin : i_select
    integer k;
    s_fp = 16'd0;
    s_n1 = {NW{1'b0}};
    s_n2 = {NW{1'b0}};
    s_ep = 2'd0;
    for (k = 0; k < HQ; k = k + 1) begin
        s_fp = s_fp | (fpos[k] & {16{pk_oh[k]}});
        s_n1 = s_n1 | (iq_n1[k] & {NW{pk_oh[k]}});
        s_n2 = s_n2 | (iq_n2[k] & {NW{pk_oh[k]}});
        s_ep = s_ep | (epoch[k] & {2{pk_oh[k]}});
    end
end
wire          s_split = |(pk_oh & iq_split);
wire [19:0]   i_addr_lo = {1'b0, pk_base[18:0]} + {1'b0, s_fp[14:0], 4'd0};
wire          s_by_hint = pk_byh;

// ---------------------------------------------------------------- response unpacker
// The descriptors of the current request still to come are a register (u_rem), so
// neither a subtraction nor the request-info lookup is in front of the beat's count and
// the descriptor buffer's write enables. Between requests (no beat of one written yet,
// !u_mid) it is reloaded every cycle from ri_n, and as a request's last beat arrives,
// from the next entry: an entry written by an issue is read a cycle later at the
// latest, and a response cannot come before the cycle after its request left (r_valid
// is set the cycle after the issue), so the first beat of a request always finds its
// count loaded.
wire [RIW-1:0] u_ri = ri_rsp[RIW-1:0];
reg  [CLW-1:0] u_rem;             // descriptors of the current request not yet written
reg           u_mid;              // some of them are written
localparam [31:0] U_DPB_32 = (DPB < MAX_CHAIN) ? DPB : MAX_CHAIN;
localparam [CLW-1:0] U_DPB = U_DPB_32[CLW-1:0];
wire [CLW-1:0] u_cnt = (rd_rsp_last || u_rem < U_DPB) ? u_rem : U_DPB;

// ---------------------------------------------------------------- fetch position, epoch
wire [15:0]   start_rem = qsize(start_hq) - {1'b0, start_ring[14:0]};
// Each queue's fetch position and epoch are written in one place: reset, then START,
// then a ring stop of the decision, then an issue (I) (the epoch: a ring stop). The ring
// stop is the latest signal of the cycle: here it is one select of a queue's own
// next value, not the write logic of arrays written in several places, one of them
// indexed by the decision's queue.
always @(posedge clk) begin : fetch_pos_regs
    integer q;
    reg stop_q;
    for (q = 0; q < HQ; q = q + 1) begin
        stop_q = p_stop && a_oh[q];             // (p_stop implies p_consume)
        if (stop_q)
            epoch[q] <= epoch[q] + 2'd1;
        if (start_valid && start_hq == hqi[q]) begin
            fpos[q] <= start_ring[15:0];
            frem[q] <= start_rem;
        end else if (stop_q) begin
            fpos[q] <= pos[q];    // the head of the open chain (nothing of it committed)
            frem[q] <= prem[q];
        end else if (i_go && pk_oh[q]) begin
            fpos[q] <= iq_fp_next[q];
            frem[q] <= iq_frem_next[q];
        end
        if (rst) begin
            fpos[q] <= 16'd0;
            frem[q] <= q_size[16*q +: 16];
            epoch[q] <= 2'd0;
        end
    end
end

// ---------------------------------------------------------------- error output
reg [HQW-1:0] e_hq;
always @* begin : epick
    integer k;
    e_hq = {HQW{1'b0}};
    for (k = HQ - 1; k >= 0; k = k - 1)
        if (err_pend[k])
            e_hq = k[HQW-1:0];
end
assign err_valid = |err_pend;
assign err_qid = hq2qid[e_hq];
assign err_code = err_cd[e_hq];

generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_busy
        assign avail_busy[gi] = (outst[gi] != 3'd0) || (eb_busy && eb_chain && eb_oh[gi]);
    end
endgenerate

// NOTIFICATION_DATA hint (§4.1.5.2): descriptors from the ring position to
// {next_wrap, next_off}; plausible iff 1..size. Worked out for every queue side by
// side from the registered doorbell: nothing is looked up by dr_hq in front of the
// arithmetic, and each queue's hint register takes its own result (dr_hq only
// selects which one is written). The position, its distance to the ring end and the
// size are taken a cycle ahead (hp_*), so the arithmetic starts from registers. They
// are used only if the queue was quiet in that cycle as well (hp_quiet: no batch
// outstanding, no START): a position changes only by a commit, which comes from a
// batch outstanding until it ends, or by a START; so then hp_pos equals pos.
reg [15:0]    hp_pos [0:HQ-1];
reg [16:0]    hp_sz [0:HQ-1];
reg [16:0]    hp_rem [0:HQ-1];         // size - position index
reg [HQ-1:0]  hp_quiet;
always @(posedge clk) begin : hint_pre
    integer q;
    for (q = 0; q < HQ; q = q + 1) begin
        hp_pos[q] <= pos[q];
        hp_sz[q] <= {1'b0, q_size[16*q +: 16]};
        hp_rem[q] <= {1'b0, q_size[16*q +: 16]} - {2'b0, pos[q][14:0]};
        hp_quiet[q] <= outst[q] == 3'd0 && !(start_valid && start_hq == hqi[q]);
    end
end
wire [HQ-1:0] qh_hint;                 // the doorbell would give queue i a valid hint
wire [BW-1:0] qh_n [0:HQ-1];           // ... of this many descriptors
wire [16:0]   db_off = {2'b0, dr_data[30:16]};
generate
    for (gi = 0; gi < HQ; gi = gi + 1) begin : g_hint
        wire [15:0] rpos = hp_pos[gi];
        wire [16:0] sz = hp_sz[gi];
        wire [16:0] idx = {2'b0, rpos[14:0]};
        wire [16:0] ahead = (dr_data[31] == rpos[15]) ? db_off - idx : hp_rem[gi] + db_off;
        wire        plaus = db_off < sz && ahead != 17'd0 && ahead <= sz;
        // (a hint of more than a batch changes nothing: a whole batch is read anyway)
        localparam ND_BIT = 64 * (gi / QPH) + `VIONIC_VIRTIO_PCI_F_NOTIFICATION_DATA;
        assign qh_hint[gi] = func_features[ND_BIT] && plaus && hp_quiet[gi] &&
                             ahead <= {1'b0, MAX_CHAIN_N} && outst[gi] == 3'd0 &&
                             !stream[gi] && !(pk_valid && pk_oh[gi]);
        assign qh_n[gi] = ahead[BW-1:0];     // (used only with qh_hint: <= MAX_CHAIN)
    end
endgenerate

// rxb request decode
wire [31:0]   rq_qid32 = {{(32-QID_W){1'b0}}, rxb_req_qid};
wire [31:0]   rq_func = rq_qid32 >> QPF_W;
wire [31:0]   rq_q = rq_qid32 & (QUEUES_PER_FUNC - 1);
wire          rq_hw = (rq_func < NUM_FUNCS) && (rq_q < QPH) && !rq_q[0];
wire [31:0]   rq_hq32 = rq_func * QPH + rq_q;

// ---------------------------------------------------------------- processor stages H, F and A
wire          df_have = (df_rd != df_wr);
// each stage moves when the next one is empty or moves; written out flat (p_consume
// ORed with register terms), so the moves are one level after the decision
wire          a_take = f_valid && (!a_valid || p_consume);
wire          f_take = h_valid && (!f_valid || !a_valid || p_consume);
wire          h_take = df_have && (!h_valid || !f_valid || !a_valid || p_consume);
// H's loader: where the head of the buffer sits in its batch (a segment never crosses
// the ring end, so its positions are the start plus the index, with the start's wrap)
wire [RIW-1:0] l_ri = ri_rd[RIW-1:0];
wire [15:0]   l_start = ri_start[l_ri];
wire [15:0]   l_pos = {l_start[15], l_start[14:0] + l_cnt[14:0]};
wire          l_seg_end = (l_cnt + 16'd1 == ri_n[l_ri]);
wire [HQW-1:0] l_hq = ri_hq[l_ri];
// A's figures from F
wire [15:0]   f_flags = f_d[127:112];
wire [15:0]   f_id = f_d[111:96];
wire          f_next = f_flags[F_NEXT];
wire [15:0]   f_sz = qsize(f_hq);
wire          f_is_rx = !f_hq[0];
reg           f_stale;            // a START of F's queue since H took the descriptor
reg  [63:0]   f_chunk;            // the 64 in-flight bits around F's id (see H)
// this cycle's decision on A's descriptor, where it changes what F's figures depend on
wire          x_commit = p_commit && a_hq == f_hq;             // a chain of F's queue
wire          x_set = x_commit && a_id[9:0] == f_id[9:0];      // the id goes in flight
wire          x_rt = rt_valid && rt_id < QSZ_MAX16 && rt_hq == f_hq && rt_id[9:0] == f_id[9:0];
wire          x_ret = retire_valid && retire_id < QSZ_MAX16 && retire_hq == f_hq &&
                      retire_id[9:0] == f_id[9:0];
wire          x_start = start_valid && start_hq == f_hq;
wire          f_avail = (f_flags[F_AVAIL] == f_pos[15]) && (f_flags[F_USED] != f_pos[15]);
wire          f_range = !f_next && (f_id >= f_sz || f_id >= QSZ_MAX16);
wire [7:0]    f_pre = f_flags[F_INDIRECT] ? E_IND :
                      (f_flags[F_WRITE] != f_is_rx) ? E_DIR :
                      (f_d[95:64] == 32'd0) ? E_ZERO : 8'd0;
// H (ahead of F): the descriptor at the buffer's head and its place in the batch;
// F takes from it the in-flight bitmap chunk of the id (the whole bitmap lookup from
// F's id into A was the block's deepest path once the decision was short)
reg           h_valid;
reg  [128:0]  h_d;
reg  [HQW-1:0] h_hq;
reg  [15:0]   h_pos, h_start;
reg  [1:0]    h_ep;
reg           h_first, h_batch_end, h_hint, h_stale;
wire [3:0]    h_ck = h_d[105:102];  // id[9:6]: the chunk of the id (QUEUE_SIZE_MAX 1024)
wire [QSZ_MAX-1:0] h_word = inuse[h_hq];
reg  [63:0]   h_chunk_next;
always @* begin
    h_chunk_next = h_word[64*h_ck +: 64];
    if (rt_valid && rt_id < QSZ_MAX16 && rt_hq == h_hq && rt_id[9:6] == h_ck)
        h_chunk_next[rt_id[5:0]] = 1'b0;
    if (p_commit && a_hq == h_hq && a_id[9:6] == h_ck)
        h_chunk_next[a_id[5:0]] = 1'b1;
end
always @(posedge clk) begin : fa_stages
    // H: the buffer's head, raw, with its place in the batch
    if (h_take) begin
        h_valid <= 1'b1;
        h_d <= df_head;
        h_hq <= l_hq;
        h_pos <= l_pos;
        h_start <= l_start;
        h_ep <= ri_ep[l_ri];
        h_first <= (l_cnt == {NW{1'b0}}) && ri_first[l_ri];
        h_batch_end <= l_seg_end && ri_lastseg[l_ri];
        h_hint <= ri_hint[l_ri];
        h_stale <= start_valid && start_hq == l_hq;
        df_rd <= df_rd + 1'b1;
        if (l_seg_end) begin
            l_cnt <= {NW{1'b0}};
            ri_rd <= ri_rd + 1'b1;
        end else begin
            l_cnt <= l_cnt + 1'b1;
        end
    end else begin
        if (f_take)
            h_valid <= 1'b0;
        if (start_valid && start_hq == h_hq)
            h_stale <= 1'b1;
    end
    // F: H's descriptor and the 64-bit chunk of its queue's in-flight bitmap that
    // holds its id, as the bitmap will be after this cycle (the registered retire
    // clears, the decision's commit sets); while F waits, retires keep clearing it
    // (no commit happens while F waits: A waits too)
    if (f_take) begin
        f_valid <= 1'b1;
        f_d <= h_d;
        f_hq <= h_hq;
        f_pos <= h_pos;
        f_start <= h_start;
        f_ep <= h_ep;
        f_first <= h_first;
        f_batch_end <= h_batch_end;
        f_hint <= h_hint;
        f_stale <= h_stale || (start_valid && start_hq == h_hq);
        f_chunk <= h_chunk_next;
    end else begin
        if (a_take)
            f_valid <= 1'b0;
        if (start_valid && start_hq == f_hq)
            f_stale <= 1'b1;
        if (rt_valid && rt_id < QSZ_MAX16 && rt_hq == f_hq && rt_id[9:6] == f_id[9:6])
            f_chunk[rt_id[5:0]] <= 1'b0;
    end
    if (a_take) begin
        a_valid <= 1'b1;
        a_hq <= f_hq;
        a_oh <= {{(HQ-1){1'b0}}, 1'b1} << f_hq;
        a_addr <= f_d[63:0];
        a_len <= f_d[95:64];
        a_id <= f_id;
        a_err <= f_d[128];
        a_next <= f_next;
        a_avail <= f_avail;
        a_pre <= f_pre;
        a_range <= f_range;
        a_lim <= q_lim[f_hq][CLW:0];
        a_lim1 <= q_lim[f_hq] <= {{(BW-1){1'b0}}, 1'b1};
        a_pos_next <= pos_next(f_pos, f_sz);
        a_prem_next <= ({1'b0, f_pos[14:0]} + 16'd1 >= f_sz) ? f_sz
                                                              : f_sz - {1'b0, f_pos[14:0]} - 16'd1;
        a_first <= f_first;
        a_batch_end <= f_batch_end;
        a_hint <= f_hint;
        a_start_ok <= (a_valid && a_hq == f_hq && p_commit) ? (f_start == a_pos_next)
                                                            : (f_start == pos[f_hq]);
        a_ep_eq_ok <= (a_valid && a_hq == f_hq && p_stop) ? (f_ep == epoch[f_hq] + 2'd1)
                                                          : (f_ep == epoch[f_hq]);
        a_stale <= f_stale || x_start;
        // qerr as this cycle's decision leaves it; q_running as it is now (A's figure
        // is a cycle old when the decision uses it: a STOP reaches the processor a
        // cycle later than the rest of the block, harmless since STOP waits for the
        // queue's batches, avail_busy, anyway)
        a_run <= q_running[f_hq] && !qerr[f_hq] && !(p_err && a_hq == f_hq);
        a_cok <= f_pre == 8'd0 && !f_range;
        a_sok <= !f_d[128] && f_avail && f_pre == 8'd0 && !f_range;
        // the bit as the bitmap will hold it after this cycle and the next: this
        // cycle's registered retire, this cycle's commit, the retire registered now
        a_inuse <= !x_start && !x_ret && (x_set || (!x_rt && f_chunk[f_id[5:0]]));
    end else begin
        if (p_consume)
            a_valid <= 1'b0;
        // A waits (no commit or stop while it does): a START makes it stale, a retire
        // of its id takes the id out of flight
        a_run <= q_running[a_hq] && !qerr[a_hq];
        if (start_valid && start_hq == a_hq) begin
            a_stale <= 1'b1;
            a_inuse <= 1'b0;
        end
        if (retire_valid && retire_id < QSZ_MAX16 && retire_hq == a_hq &&
            retire_id[9:0] == a_id[9:0])
            a_inuse <= 1'b0;
    end
    if (rst) begin
        h_valid <= 1'b0;
        f_valid <= 1'b0;
        a_valid <= 1'b0;
        l_cnt <= {NW{1'b0}};
        ri_rd <= {(RIW+1){1'b0}};
        df_rd <= {(DFW+1){1'b0}};
    end
end

// ---------------------------------------------------------------- pending bits
// Written as set / clear terms side by side, not as the chain of prioritized
// assignments the other per-queue bits use. Priority, lowest first: the issue clears it
// (unless a doorbell or re-check came after E's snapshot); a doorbell or a re-check
// (event area write done) of a running queue, or a ring stop with later batches
// outstanding (or one issued in the stop's cycle: it may be the re-check) sets it; an
// error or a stopped queue clears it; START sets it.
// The decision comes late in its cycle, so its two terms act a cycle later: the ring
// stop through st_set (per queue, worked out in the stop's cycle), the error through
// qerr (which the decision sets). A queue is eligible only when pending and without
// error (elig), so the cycle's lag only delays its next fetch by a cycle.
reg [HQ-1:0] st_set;
always @(posedge clk) begin : pending_bits
    integer pi;
    reg set_b, clr_b, kill_b;
    for (pi = 0; pi < HQ; pi = pi + 1) begin
        st_set[pi] <= p_stop_ok && a_oh[pi] &&
                      (outst[pi] > 3'd1 || (i_go && pk_oh[pi]));
        clr_b = i_go && pk_oh[pi] && !pk_db;
        set_b = (dr_valid && dr_hw && dr_hq == hqi[pi] && q_running[pi]) ||
                (dev_ev_done_valid && dev_ev_done_hq == hqi[pi] && q_running[pi]) ||
                st_set[pi];
        kill_b = qerr[pi] || !q_running[pi];
        pending[pi] <= (start_valid && start_hq == hqi[pi]) ||
                       (!kill_b && (set_b || (pending[pi] && !clr_b)));
    end
    if (rst) begin
        pending <= {HQ{1'b0}};
        st_set <= {HQ{1'b0}};
    end
end

// ---------------------------------------------------------------- in-flight ids
wire id_set = p_consume && p_commit;
genvar gq;
generate
    for (gq = 0; gq < HQ; gq = gq + 1) begin : g_inuse
        always @(posedge clk) begin
            if (rt_valid && rt_id < QSZ_MAX16 && rt_hq == gq)
                inuse[gq][rt_id[9:0]] <= 1'b0;
            if (id_set && a_oh[gq])
                inuse[gq][d_id[9:0]] <= 1'b1;
            if ((start_valid && start_hq == gq) || rst)
                inuse[gq] <= {QSZ_MAX{1'b0}};
        end
    end
endgenerate

// ---------------------------------------------------------------- sequential
wire [DFW+1:0] df_used_in = df_used + (i_go ? pk_nh32[DFW+1:0] : {(DFW+2){1'b0}});
integer i;
always @(posedge clk) begin
    kick_valid <= 1'b0;
    issue_mask <= {HQ{1'b0}};

    // scheduler / request issue
    if (r_valid && rd_req_ready) begin
        r_seq <= r_seq + 8'd1;
        if (r2_valid) begin
            r2_valid <= 1'b0;
            r_addr <= r2_addr;
            r_len <= r2_len;
        end else begin
            r_valid <= 1'b0;
        end
    end
    // P
    i_go_d <= i_go;
    if (pk_valid)
        pk_valid <= 1'b0;
    if (s_go) begin
        rr_start <= s_next;
        last_rx <= s_rx_turn;
        pk_valid <= 1'b1;
        pk_hq <= s_hq;
        pk_oh <= s_oh;
        pk_base <= s_sel_base;
        pk_base_hi1 <= s_sel_base_hi1;
        pk_nh <= s_sel_nh;
        pk_byh <= s_sel_byh;
        pk_db <= s_sel_db;
    end
    wk_last <= wk_now;
    // I (before the doorbells below: a doorbell in this cycle sets pending again)
    if (i_go) begin
        for (i = 0; i < HQ; i = i + 1)
            if (pk_oh[i]) begin
                hint_v[i] <= 1'b0;        // a hint sizes only the fetch from the quiet ring
                wait_full[i] <= 1'b0;
            end
        r_valid <= 1'b1;
        r_func <= hq2func[pk_hq];
        r_addr <= {i_addr_lo[19] ? pk_base_hi1 : pk_base[63:19], i_addr_lo[18:0]};
        r_len <= {s_n1[8:0], 4'd0};
        r2_valid <= s_split;
        r2_addr <= pk_base;
        r2_len <= {s_n2[8:0], 4'd0};
        // The second entry is written whether or not the batch is split (the pick
        // had room for two, ri_free2), so its write does not wait for the split;
        // ri_wr moves past it only if it is used.
        ri_hq[ri_wr[RIW-1:0]] <= pk_hq;
        ri_start[ri_wr[RIW-1:0]] <= s_fp;
        ri_n[ri_wr[RIW-1:0]] <= s_n1;
        ri_first[ri_wr[RIW-1:0]] <= 1'b1;
        ri_lastseg[ri_wr[RIW-1:0]] <= !s_split;
        ri_ep[ri_wr[RIW-1:0]] <= s_ep;
        ri_hint[ri_wr[RIW-1:0]] <= s_by_hint;
        ri_hq[ri_wr[RIW-1:0] + 1'b1] <= pk_hq;
        ri_start[ri_wr[RIW-1:0] + 1'b1] <= {~s_fp[15], 15'd0};
        ri_n[ri_wr[RIW-1:0] + 1'b1] <= s_n2;
        ri_first[ri_wr[RIW-1:0] + 1'b1] <= 1'b0;
        ri_lastseg[ri_wr[RIW-1:0] + 1'b1] <= 1'b1;
        ri_ep[ri_wr[RIW-1:0] + 1'b1] <= s_ep;
        ri_hint[ri_wr[RIW-1:0] + 1'b1] <= s_by_hint;
        ri_wr <= ri_wr + (s_split ? {{(RIW-1){1'b0}}, 2'd2} : {{RIW{1'b0}}, 1'b1});
    end

    // doorbells
    if (dr_valid) begin
        for (i = 0; i < HQ; i = i + 1)
            if (dr_hw && dr_hq == hqi[i] && q_running[i]) begin
                hint_v[i] <= qh_hint[i];
                hint_n[i] <= qh_n[i];
            end
        // a hardware queue's doorbell sets pending and the hint (above); any other
        // goes to the firmware
        if (!(dr_hw && q_running[dr_hq]) && {24'd0, dr_func} < NUM_FUNCS) begin
            // not served by the hardware: the control queue (queue 2 x NUM_QP
            // with MQ, but queue 2 without MQ, VIRTIO 1.3 §5.1.2, which is
            // then a hardware queue the firmware never starts) or a doorbell
            // for a queue that is not running, which the firmware ignores
            kick_valid <= 1'b1;
            kick_func <= dr_func;
            kick_data <= dr_data;
        end
    end
    // a device event area write that re-enabled notifications is done: re-check
    // the ring (every such done, even if a later request is still on its way)
    if (dev_ev_done_valid) begin
        hint_v[dev_ev_done_hq] <= 1'b0;     // a re-check reads a whole batch
        if (dev_ev_done_seq == ev_seq[dev_ev_done_hq])
            ev_wait[dev_ev_done_hq] <= 1'b0;    // the latest one: the area is as requested
    end
    if (dev_ev_valid) begin
        ev_wait[dev_ev_hq] <= dev_ev_wake;
        if (dev_ev_wake)
            ev_seq[dev_ev_hq] <= dev_ev_seq;
    end


    // the decision picks between two sums worked out beside it
    df_used <= p_consume ? df_used_in - {{(DFW+1){1'b0}}, 1'b1} : df_used_in;

    // response unpacker: descriptor k of the beat goes to entry df_wr + k, k < u_cnt
    // (<= MAX_CHAIN <= DF_DEPTH), written by vionic_vq_avail_dbuf
    if (rd_rsp_valid) begin
        df_wr <= df_wr + {{(DFW+1-CLW){1'b0}}, u_cnt};
        if (rd_rsp_last) begin
            u_mid <= 1'b0;
            u_rem <= ri_n[u_ri + 1'b1][CLW-1:0];
            ri_rsp <= ri_rsp + 1'b1;
        end else begin
            u_mid <= 1'b1;
            u_rem <= u_rem - u_cnt;
        end
    end else if (!u_mid) begin
        u_rem <= ri_n[u_ri][CLW-1:0];
    end

    // processor
    if (p_consume) begin
        if (p_first)
            b_ok <= batch_ok;
        if (p_stop || p_disc)
            b_ok <= 1'b0;
        if (p_write) begin
            if (!p_is_rx) begin
                tf_hq[tf_wr[TXW-1:0]] <= p_hq;
                tf_addr[tf_wr[TXW-1:0]] <= d_addr;
                tf_len[tf_wr[TXW-1:0]] <= d_len;
                tf_last[tf_wr[TXW-1:0]] <= !d_next;
                tf_id[tf_wr[TXW-1:0]] <= d_id;
                tf_count[tf_wr[TXW-1:0]] <= cur_clen + 16'd1;
            end else begin
                rc_addr[p_slot] <= d_addr;
                rc_len[p_slot] <= d_len;
                rc_last[p_slot] <= !d_next;
                rc_id[p_slot] <= d_id;
                rc_count[p_slot] <= cur_clen + 16'd1;
            end
            c_len <= d_next ? cur_clen + 16'd1 : {NW{1'b0}};
            cl_long <= d_next ? (clen_s + {{(CLW-1){1'b0}}, 2'd2} >= a_lim) : a_lim1;
        end else begin
            c_len <= {NW{1'b0}};
            cl_long <= a_lim1;
        end
        // per queue, with A's queue as a one-hot register (a_oh) rather than decoded
        for (i = 0; i < HQ; i = i + 1)
            if (a_oh[i]) begin
                if (p_commit) begin
                    pos[i] <= a_pos_next;
                    prem[i] <= a_prem_next;
                    if (!p_is_rx) begin
                        issue_mask[i] <= 1'b1;
                    end
                end
                if (p_batch_end && p_write && !p_hint_end)
                    stream[i] <= 1'b1;    // every descriptor was available: there may be more
                if (p_stop) begin
                    // fpos and epoch: fetch_pos_regs below
                    // later batches of the queue are stale: refetch (a batch issued in this
                    // very cycle too: it may be the re-check after an event area write)
                    if (p_navail)
                        stream[i] <= 1'b0;
                    if (p_cut && p_is_rx)
                        wait_full[i] <= 1'b1;
                end
                if (p_err) begin
                    qerr[i] <= 1'b1;
                    stream[i] <= 1'b0;
                    err_pend[i] <= 1'b1;
                    err_cd[i] <= p_derr ? E_DMA : p_code;
                end
            end
    end
    // transmit FIFO pointers
    if (p_write && !p_is_rx)
        tf_wr <= tf_wr + 1'b1;
    if (p_commit && !p_is_rx)
        tf_cm <= tf_wr + 1'b1;
    if ((p_stop || p_disc) && !p_commit)
        tf_wr <= tf_cm;                   // roll back the open transmit chain
    if (txd_valid && txd_ready)
        tf_rd <= tf_rd + 1'b1;
    tf_space <= tf_push_may ? (tf_fill < TXF_DEPTH[TXW:0] - 1'b1) : (tf_fill != TXF_DEPTH[TXW:0]);

    // rxb engine
    if (rxb_valid && rxb_ready)
        rxb_valid <= 1'b0;
    if (rxb_req_valid && !eb_busy) begin
        eb_busy <= 1'b1;
        eb_hq <= rq_hw ? rq_hq32[HQW-1:0] : {HQW{1'b0}};
        eb_oh <= rq_hw ? {{(HQ-1){1'b0}}, 1'b1} << rq_hq32[HQW-1:0] : {HQ{1'b0}};
        eb_chain <= 1'b0;
    end
    if (eb_load) begin
        rxb_valid <= 1'b1;
        rxb_empty <= eb_empty;
        if (eb_empty) begin
            rxb_addr <= 64'd0;
            rxb_len <= 32'd0;
            rxb_last <= 1'b1;
            rxb_id <= 16'd0;
            rxb_count <= 16'd0;
            eb_busy <= 1'b0;
        end else begin
            rxb_addr <= rc_addr[eb_slot];
            rxb_len <= rc_len[eb_slot];
            rxb_last <= rc_last[eb_slot];
            rxb_id <= rc_id[eb_slot];
            rxb_count <= rc_count[eb_slot];
            eb_chain <= !rc_last[eb_slot];
            if (rc_last[eb_slot]) begin
                eb_busy <= 1'b0;
                for (i = 0; i < HQ; i = i + 1)
                    if (eb_oh[i])
                        issue_mask[i] <= 1'b1;
            end
        end
    end

    // receive cache counts: the hand-out and the decision (both late in the cycle)
    // pick one of four counts worked out beside them
    for (i = 0; i < NRX; i = i + 1) begin : rc_loop
        reg [RCW-1:0] c, h, t;
        reg [RCW:0]   t1;
        reg           c_out, c_in;
        c_out = eb_load && eb_data && eb_rx_w == i[NRXW-1:0];
        c_in = p_commit && p_is_rx && p_rx_w == i[NRXW-1:0];
        case ({c_in, c_out})
            2'b11: c = rc_cnt[i] + cur_clen[RCW-1:0];
            2'b10: c = rc_cnt[i] + cur_clen[RCW-1:0] + 1'b1;
            2'b01: c = rc_cnt[i] - 1'b1;
            default: c = rc_cnt[i];
        endcase
        h = rc_head[i];
        if (c_out)
            h = (h + 1'b1 == RX_CACHE[RCW-1:0]) ? {RCW{1'b0}} : h + 1'b1;
        // the tail moves by a committed chain (a hand-out moves head and count alike);
        // tail + chain < 2 x RX_CACHE (a receive chain is at most RX_CACHE long)
        t1 = {1'b0, rc_tail[i]} + {1'b0, cur_clen[RCW-1:0]} + 1'b1;
        t = rc_tail[i];
        if (c_in)
            t = (t1 >= RX_CACHE[RCW:0]) ? t1[RCW-1:0] - RX_CACHE[RCW-1:0] : t1[RCW-1:0];
        if (!q_running[2*i] && !(eb_busy && eb_chain && eb_oh[2*i])) begin
            c = {RCW{1'b0}};
            h = {RCW{1'b0}};
            t = {RCW{1'b0}};
        end
        rc_cnt[i] <= c;
        rc_head[i] <= h;
        rc_tail[i] <= t;
    end

    // batch completion, stopped queues, START
    for (i = 0; i < HQ; i = i + 1) begin
        if (p_batch_end && a_oh[i])
            outst[i] <= outst[i] - (i_go && pk_oh[i] ? 3'd0 : 3'd1);
        else if (i_go && pk_oh[i])
            outst[i] <= outst[i] + 3'd1;
        if (!q_running[i]) begin
            stream[i] <= 1'b0;
            wait_full[i] <= 1'b0;
            ev_wait[i] <= 1'b0;
            hint_v[i] <= 1'b0;
        end
    end
    if (err_valid && err_ready)
        err_pend[e_hq] <= 1'b0;
    if (start_valid) begin
        pos[start_hq] <= start_ring[15:0];
        prem[start_hq] <= start_rem;
        stream[start_hq] <= 1'b0;
        qerr[start_hq] <= 1'b0;
        wait_full[start_hq] <= 1'b0;
        ev_wait[start_hq] <= 1'b0;
        hint_v[start_hq] <= 1'b0;
        err_pend[start_hq] <= 1'b0;
    end

    if (rst) begin
        kick_valid <= 1'b0;
        issue_mask <= {HQ{1'b0}};
        stream <= {HQ{1'b0}};
        qerr <= {HQ{1'b0}};
        wait_full <= {HQ{1'b0}};
        ev_wait <= {HQ{1'b0}};
        hint_v <= {HQ{1'b0}};
        err_pend <= {HQ{1'b0}};
        for (i = 0; i < HQ; i = i + 1) begin
            outst[i] <= 3'd0;
            ev_seq[i] <= 4'd0;
            pos[i] <= 16'd0;
            prem[i] <= q_size[16*i +: 16];
        end
        for (i = 0; i < NRX; i = i + 1) begin
            rc_cnt[i] <= {RCW{1'b0}};
            rc_head[i] <= {RCW{1'b0}};
            rc_tail[i] <= {RCW{1'b0}};
        end
        ri_wr <= {(RIW+1){1'b0}};
        ri_rsp <= {(RIW+1){1'b0}};
        df_wr <= {(DFW+1){1'b0}};
        df_used <= {(DFW+2){1'b0}};
        tf_wr <= {(TXW+1){1'b0}};
        tf_cm <= {(TXW+1){1'b0}};
        tf_space <= 1'b1;
        tf_rd <= {(TXW+1){1'b0}};
        u_mid <= 1'b0;
        c_len <= {NW{1'b0}};
        cl_long <= 1'b0;
        b_ok <= 1'b0;
        r_valid <= 1'b0;
        r2_valid <= 1'b0;
        r_seq <= 8'd0;
        rr_start <= {{(HQ-1){1'b0}}, 1'b1} << 1;   // after queue 0
        last_rx <= 1'b0;
        pk_valid <= 1'b0;
        pk_db <= 1'b0;
        i_go_d <= 1'b0;
        wk_last <= {HQ{1'b0}};
        eb_busy <= 1'b0;
        eb_chain <= 1'b0;
        rxb_valid <= 1'b0;
    end
end

wire unused_avail = &{1'b0, pk_nh32, rd_rsp_id, start_ring[31:16], eb_rx_t, p_rx_t,
                      eb_slot32, p_slot32, db_hq32, rq_hq32};

// ---------------------------------------------------------------- descriptor buffer
vionic_vq_avail_dbuf #(
    .DEPTH(DF_DEPTH),
    .DPB(DPB),
    .CNT_W(CLW)
) u_dbuf (
    .clk(clk),
    .wr_valid(rd_rsp_valid),
    .wr_error(rd_rsp_error),
    .wr_ptr(df_wr[DFW-1:0]),
    .wr_cnt(u_cnt),
    .wr_data(rd_rsp_data[128*DPB-1:0]),
    .rd_ptr(df_rd[DFW-1:0]),
    .rd_data(df_head)
);

endmodule

`resetall
