`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_virtio_ring_regs.vh"
`include "vionic_virtio_pci_regs.vh"
`include "vionic_dp_consts_regs.vh"

// vionic_vq_used: used descriptor write-back, driver event suppression and
// interrupts of the hardware queues (packed virtqueues, VIRTIO 1.3 §2.8).
//
// Interfaces: tx_used_* / rx_used_* entries (docs/datapath.md "Used entries"),
// the queue table of vionic_vq_ctl (q_*, start_*), retire pulses (to vq_avail
// and vq_ctl), one DMA write client (used descriptors), one DMA read client
// (driver event suppression area), irq_* to vionic_msix, err_* to vq_ctl,
// used_busy / used_ring per hardware queue (hq = func*2*NUM_QP + queue).
//
// Pipeline:
//  1. Entry register: tx/rx entries round-robin, one per cycle. An entry of a
//     queue that is not RUNNING (or not a hardware queue) is retired without a
//     write and does not move the used position. Otherwise it is retired, its
//     used descriptor {addr 0, len, id, flags AVAIL = USED = wrap} (§2.8.9
//     "Writing used descriptors") goes into the open batch at its slot, and the
//     queue's used position advances by `count` modulo the queue size (any
//     size), the wrap counter flipping at the end (§2.8.1).
//  2. Batch: consecutive entries of one queue whose slots are consecutive (each
//     previous entry had count 1), up to MAX_CHAIN, never across the ring end:
//     one DMA write covering exactly the filled 16-byte slots. The batch closes
//     when the write issuer takes it (so batches grow while writes are busy); an
//     entry that joins a batch keeps the issuer from taking it in that cycle.
//     IN_ORDER transmit queues (§2.8 "In-order use of descriptors"): any
//     consecutive entries of the queue, up to MAX_CHAIN, whatever their counts
//     and across the ring end, make one batch of which only one used descriptor
//     is written: at the batch's first slot, with the last entry's id and len
//     and the first slot's wrap; the driver takes the skipped buffers as used
//     completely (true of transmit buffers: each is read whole, len 0). Receive
//     queues write every descriptor (each has its own length).
//     Holding (adaptive coalescing): while more entries of the batch's queue
//     are on their way (`issue_mask` counted chains handed to net_tx / net_rx
//     that have not come back as entries: `pend`), the issuer leaves a batch
//     of fewer than HOLD_N entries open for up to HOLD_MAX cycles, so under
//     load one write carries a whole beat of used descriptors instead of one
//     16-byte slot per TLP (receive at 256 B is limited by upstream bytes per
//     frame). A batch is never held while an entry it cannot take waits (another
//     queue, the ring end), nor when nothing more of its queue is pending, so
//     a lone completion is written at once (no added latency at low load).
//  3. Write issuer: request and data presented together; a record {hq, new
//     position, slots advanced} goes into the outstanding FIFO (OUT_DEPTH
//     writes in flight). wr_done pops it (done comes in request order).
//  4. Event coalescing (from a register of the done and its outstanding record,
//     a cycle after wr_done): a done (no error) of a running queue with a vector adds
//     its slots to the queue's pending event range. One 4-byte read of the
//     driver event suppression area (q_driver_addr) per queue at a time covers
//     every write done before it was issued; writes done meanwhile wait for the
//     next read. The read is issued after the writes' done, so it is ordered
//     after them on the link (PCIe: reads do not pass posted writes) and the
//     decision sees the driver's latest flags (§2.8.10, §2.8.21.3).
//  5. Decision (§2.8.10, §2.8.14), a cycle after the response (registered):
//     flags ENABLE -> interrupt, DISABLE -> none,
//     DESC with EVENT_IDX -> interrupt iff the event position {off, wrap} is a
//     slot of the range written (Linux vring_need_event with the wrap
//     adjustment of the packed ring); a range longer than the ring always
//     interrupts. DESC without EVENT_IDX (and the reserved value 3) = ENABLE.
//  6. Device event suppression area writes (§2.8.10), requested by
//     vq_avail (vionic_vq_avail_notify) on dev_ev_*: the latest request of a
//     queue waits in a per-queue register (a newer one replaces it) and is
//     written (4 bytes at q_device_addr) through the same write issuer, ahead
//     of used batches (they are rare: about two per busy period of a queue).
//     The done of a write that re-enables notifications (dev_ev_wake) is
//     reported on dev_ev_done_* with the request's number (dev_ev_seq) so
//     vq_avail re-checks the ring after it.
//     A queue that is not RUNNING drops its request.
//  7. Interrupt and error flags per queue (coalescing, never full) sent
//     round-robin on irq_* (vector NO_VECTOR sends nothing) and err_*
//     (ERR_DMA_WRITE for a failed used or event-area write, ERR_DMA_READ for a
//     failed event read). The irq follows the response of a read issued after
//     the write's done, so the MSI-X message is ordered after the used
//     descriptor.
// The round-robin picks among queues (event area writes, event reads, interrupts,
// errors) are registered a cycle ahead (vionic_vq_used_pick).
// used_busy[hq]: a batch, write, event-area write or event read of the queue
// is not finished, or its interrupt is not yet handed to vionic_msix (so no
// interrupt of a queue follows the completion of its STOP).
// Each used descriptor is one aligned 16-byte slot written whole (address
// field 0), inside one write request, so id, len and flags land together.
// The device uses the buffers of every queue in the order they were made
// available (net_tx and net_rx return chains in ring order, also when they
// drop a frame), which IN_ORDER requires.
// State: entry register, per-queue position / batch count / event range /
// flags, open batch buffer, write buffer, outstanding write FIFO, read FIFO.
// Requires DATA_WIDTH >= 128 and a power of 2, OUT_DEPTH a power of 2.
module vionic_vq_used #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    parameter MAX_CHAIN = 16,
    // used writes in flight (power of 2)
    parameter OUT_DEPTH = 16,
    // event area reads in flight
    parameter RD_DEPTH = 4,
    // holding: a batch of fewer than HOLD_N entries whose queue has more entries
    // pending waits up to HOLD_MAX cycles for them (HOLD_N <= 1: never held);
    // the default fills one data beat (DATA_WIDTH / 128 slots)
    parameter HOLD_N = DATA_WIDTH / 128,
    parameter HOLD_MAX = 32,
    // derived, do not set
    parameter HQ = NUM_FUNCS * 2 * NUM_QP,
    parameter HQW = (HQ > 1) ? $clog2(HQ) : 1,
    parameter QID_W = (NUM_FUNCS * QUEUES_PER_FUNC > 1) ? $clog2(NUM_FUNCS * QUEUES_PER_FUNC) : 1
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire [64*NUM_FUNCS-1:0] func_features,

    input  wire [HQ-1:0]           q_running,
    input  wire [16*HQ-1:0]        q_size,
    input  wire [16*HQ-1:0]        q_vector,
    input  wire [64*HQ-1:0]        q_desc_addr,
    input  wire [64*HQ-1:0]        q_driver_addr,
    input  wire [64*HQ-1:0]        q_device_addr,
    input  wire                    start_valid,
    input  wire [HQW-1:0]          start_hq,
    input  wire [31:0]             start_ring,
    // a chain of the queue was handed to net_tx / net_rx (vionic_vq_avail
    // issue_mask): its entry will follow (holding, above)
    input  wire [HQ-1:0]           issue_mask,

    input  wire                    tx_used_valid,
    output wire                    tx_used_ready,
    input  wire [QID_W-1:0]        tx_used_qid,
    input  wire [15:0]             tx_used_id,
    input  wire [31:0]             tx_used_len,
    input  wire [15:0]             tx_used_count,
    input  wire                    rx_used_valid,
    output wire                    rx_used_ready,
    input  wire [QID_W-1:0]        rx_used_qid,
    input  wire [15:0]             rx_used_id,
    input  wire [31:0]             rx_used_len,
    input  wire [15:0]             rx_used_count,

    input  wire                    dev_ev_valid,
    input  wire [HQW-1:0]          dev_ev_hq,
    input  wire [31:0]             dev_ev_data,
    input  wire                    dev_ev_wake,
    input  wire [3:0]              dev_ev_seq,
    output reg                     dev_ev_done_valid,
    output reg  [HQW-1:0]          dev_ev_done_hq,
    output reg  [3:0]              dev_ev_done_seq,

    output reg                     retire_valid,
    output reg  [HQW-1:0]          retire_hq,
    output reg  [15:0]             retire_id,

    output wire [HQ-1:0]           used_busy,
    output wire [16*HQ-1:0]        used_ring,

    output reg                     rd_req_valid,
    input  wire                    rd_req_ready,
    output reg  [7:0]              rd_req_func,
    output reg  [63:0]             rd_req_addr,
    output wire [12:0]             rd_req_len,
    output reg  [7:0]              rd_req_id,
    input  wire                    rd_rsp_valid,
    output wire                    rd_rsp_ready,
    input  wire [DATA_WIDTH-1:0]   rd_rsp_data,
    input  wire [7:0]              rd_rsp_id,
    input  wire                    rd_rsp_last,
    input  wire                    rd_rsp_error,

    output reg                     wr_req_valid,
    input  wire                    wr_req_ready,
    output reg  [7:0]              wr_req_func,
    output reg  [63:0]             wr_req_addr,
    output reg  [12:0]             wr_req_len,
    output reg  [7:0]              wr_req_id,
    output reg                     wr_data_valid,
    input  wire                    wr_data_ready,
    output wire [DATA_WIDTH-1:0]   wr_data,
    output wire                    wr_data_last,
    input  wire                    wr_done_valid,
    input  wire [7:0]              wr_done_id,
    input  wire                    wr_done_error,

    output reg                     irq_valid,
    input  wire                    irq_ready,
    output reg  [7:0]              irq_func,
    output reg  [15:0]             irq_vector,

    output reg                     err_valid,
    input  wire                    err_ready,
    output reg  [QID_W-1:0]        err_qid,
    output reg  [7:0]              err_code
);

localparam QPG = 2 * NUM_QP;                          // hardware queues per function
localparam LOG_QPF = $clog2(QUEUES_PER_FUNC);
localparam SPB = DATA_WIDTH / 128;                    // 16-byte slots per beat
localparam LOG_SPB = $clog2(SPB);
localparam BEATS_MAX = (MAX_CHAIN + SPB - 1) / SPB;
localparam BUF_W = BEATS_MAX * DATA_WIDTH;
localparam NW = $clog2(MAX_CHAIN + 1);                // entries in a batch
localparam BW = $clog2(BEATS_MAX + 1);                // beats of a write
localparam OW = (OUT_DEPTH > 1) ? $clog2(OUT_DEPTH) : 1;
localparam RDW = $clog2(RD_DEPTH + 1);
localparam RPW = (RD_DEPTH > 1) ? $clog2(RD_DEPTH) : 1;
localparam CW = $clog2(OUT_DEPTH + 3);                // batches of a queue in flight
localparam AG = 7;                                    // groups of 6 address bits, 19..60
localparam HAW = $clog2(HOLD_MAX + 1);                // age of a held batch
localparam [31:0] NO_VECTOR_32 = `VIONIC_VIRTIO_PCI_NO_VECTOR;
localparam [31:0] EV_DISABLE_32 = `VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE;
localparam [31:0] EV_DESC_32 = `VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC;
localparam [31:0] ERR_RD_32 = `VIONIC_DP_CONSTS_ERR_DMA_READ;
localparam [31:0] ERR_WR_32 = `VIONIC_DP_CONSTS_ERR_DMA_WRITE;
localparam [31:0] MAX_N_32 = MAX_CHAIN;
localparam [31:0] QPG_32 = QPG;
localparam [31:0] QPF_M1_32 = QUEUES_PER_FUNC - 1;
localparam [31:0] NUM_FUNCS_32 = NUM_FUNCS;
localparam [31:0] SPB_32 = SPB;
localparam [31:0] RD_DEPTH_32 = RD_DEPTH;
localparam [31:0] RD_LAST_32 = RD_DEPTH - 1;
localparam [15:0] NO_VECTOR = NO_VECTOR_32[15:0];
localparam [15:0] EV_DISABLE = EV_DISABLE_32[15:0];
localparam [15:0] EV_DESC = EV_DESC_32[15:0];
localparam [7:0] ERR_RD = ERR_RD_32[7:0];
localparam [7:0] ERR_WR = ERR_WR_32[7:0];
localparam [NW-1:0] MAX_N = MAX_N_32[NW-1:0];
localparam [16:0] SLOTS_SAT = 17'h10000;
localparam [QID_W+HQW:0] QPG_X = QPG_32[QID_W+HQW:0];
localparam [QID_W-1:0] QPG_Q = QPG_32[QID_W-1:0];
localparam [QID_W-1:0] QPF_M1 = QPF_M1_32[QID_W-1:0];
localparam [QID_W-1:0] NUM_FUNCS_Q = NUM_FUNCS_32[QID_W-1:0];
localparam [NW:0] SPB_N = SPB_32[NW:0];
localparam [RDW-1:0] RD_DEPTH_N = RD_DEPTH_32[RDW-1:0];
localparam [RPW-1:0] RD_LAST = RD_LAST_32[RPW-1:0];
localparam [31:0] HOLD_N_32 = HOLD_N;
localparam [31:0] HOLD_MAX_32 = HOLD_MAX;
localparam [HAW-1:0] HOLD_AGE_MAX = HOLD_MAX_32[HAW-1:0];
localparam [HAW-1:0] HOLD_AGE_LAST = HOLD_AGE_MAX - 1'b1;

// ---------------------------------------------------------------- per-hq constants
wire [8*HQ-1:0]     hq_func;
wire [QID_W*HQ-1:0] hq_qid;
genvar g, ga;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_const
        localparam [31:0] GF32 = g / QPG;
        localparam [31:0] GQ32 = (g / QPG) * QUEUES_PER_FUNC + (g % QPG);
        localparam [7:0] GF = GF32[7:0];
        localparam [QID_W-1:0] GQ = GQ32[QID_W-1:0];
        assign hq_func[8*g +: 8] = GF;
        assign hq_qid[QID_W*g +: QID_W] = GQ;
    end
endgenerate

// IN_ORDER of the function of each hardware queue, for transmit queues only
wire [HQ-1:0] hq_tx_inorder;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_inorder
        if (g % 2 == 1) begin : g_tx
            assign hq_tx_inorder[g] = func_features[64*(g/QPG) + `VIONIC_VIRTIO_PCI_F_IN_ORDER];
        end else begin : g_rx
            assign hq_tx_inorder[g] = 1'b0;
        end
    end
endgenerate

// per queue: running with a vector (registered per queue as d_ev_ok when a write is
// done, and picked there by the done's queue)
wire [HQ-1:0]    q_ev_ok;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_evok
        assign q_ev_ok[g] = q_running[g] && (q_vector[16*g +: 16] != NO_VECTOR);
    end
endgenerate

// per queue: the groups of six ring address bits from bit 19 that are all 1 (for the
// entry's slot address, e_grp)
wire [AG*HQ-1:0] q_addr_grp;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_ag
        for (ga = 0; ga < AG; ga = ga + 1) begin : g_grp
            assign q_addr_grp[AG*g + ga] = &q_desc_addr[64*g + 19 + 6*ga +: 6];
        end
    end
endgenerate

// ---------------------------------------------------------------- entry register
reg              e_valid;
reg              e_hw;        // a hardware queue
reg  [HQ-1:0]    e_hw_oh;     // e_hq one-hot when e_hw, else 0 (timing: e_run without a mux)
reg  [HQW-1:0]   e_hq;
reg  [7:0]       e_func;
reg  [15:0]      e_id;
reg  [31:0]      e_len;
reg  [15:0]      e_count;
reg              e_one;       // e_count == 1 (worked out as the entry is loaded: timing)
reg              prefer_rx;

wire             sel_rx = rx_used_valid && (!tx_used_valid || prefer_rx);
// Each source's queue (qid -> hardware queue index, function, "is a hardware queue")
// is worked out from its own qid, and the entry's from them by sel_rx last (timing:
// rx_used_valid, a compare in net_rx, is then one mux away from the entry
// register instead of in front of the index arithmetic and the per-queue muxes
// by it; see also s_pos below). Index 0: tx_used, 1: rx_used.
wire [2*QID_W-1:0] s_qid = {rx_used_qid, tx_used_qid};
wire [1:0]       s_hw;
wire [2*HQW-1:0] s_hq;
wire [15:0]      s_func;
generate
    for (g = 0; g < 2; g = g + 1) begin : g_src
        wire [QID_W-1:0]   qid = s_qid[QID_W*g +: QID_W];
        wire [QID_W-1:0]   q_full = qid & QPF_M1;
        wire [QID_W-1:0]   f_full = qid >> LOG_QPF;
        wire [QID_W+HQW:0] hq_full = {{HQW+1{1'b0}}, f_full} * QPG_X + {{HQW+1{1'b0}}, q_full};
        wire [QID_W+7:0]   func_full = {8'b0, f_full};
        assign s_hw[g] = (q_full < QPG_Q) && (f_full < NUM_FUNCS_Q);
        assign s_hq[HQW*g +: HQW] = hq_full[HQW-1:0];
        assign s_func[8*g +: 8] = func_full[7:0];
        wire unused_src = &{1'b0, hq_full, func_full};
    end
endgenerate
wire             in_hw = s_hw[sel_rx];
wire [HQW-1:0]   in_hq = s_hq[HQW*sel_rx +: HQW];   // e_hq when the entry is loaded
wire [7:0]       in_func = s_func[8*sel_rx +: 8];
wire             e_take;
wire             e_load = !e_valid || e_take;
assign tx_used_ready = e_load && !sel_rx;
assign rx_used_ready = e_load && sel_rx;
wire             in_fire = e_load && (tx_used_valid || rx_used_valid);

// per-queue state, flattened
wire [16*HQ-1:0] pos_flat;
wire [16*HQ-1:0] ev_new_flat;
wire [17*HQ-1:0] ev_slots_flat;
wire [HQ-1:0]    ev_pend;
wire [HQ-1:0]    ev_rd;
wire [HQ-1:0]    irq_pend;
wire [HQ-1:0]    err_wr_pend;
wire [HQ-1:0]    err_rd_pend;
wire [HQ-1:0]    dv_pend;
wire [32*HQ-1:0] dv_data_flat;
wire [HQ-1:0]    dv_wake_flat;
wire [4*HQ-1:0]  dv_seq_flat;
wire [HQ-1:0]    pend_nz;     // entries of the queue pending (chains handed out, not back)
wire [HQ-1:0]    pend_gt1;    // more than one

// The entry's queue's used position, size and descriptor ring address are
// registers loaded with the entry (timing: the per-queue mux by e_hq is no longer
// in front of the new-position and slot-address arithmetic). The position is the
// queue's after this cycle's updates (a START of the queue, or the write of the
// entry leaving now when it is of the same queue: e_npos); a START of the entry's
// queue while it waits loads them anew. An entry is written only while its queue
// runs, when size and address stay fixed.
reg  [15:0]      e_pos;
reg  [15:0]      e_size;
reg  [63:0]      e_base;
reg  [AG-1:0]    e_grp;       // e_grp[j]: base bits 19+6j..24+6j all 1
// new position: pos + count, less the size when that reaches it. The sum and the
// difference pos + count - size are two carry chains side by side (the three
// operands of the difference reduced to two by a carry-save step first), the
// sign of the difference choosing between them; no chain feeds another.
wire [16:0]      e_sum = {2'b0, e_pos[14:0]} + {1'b0, e_count};
wire [17:0]      e_da = {3'b0, e_pos[14:0]};
wire [17:0]      e_db = {2'b0, e_count};
wire [17:0]      e_dc = ~{2'b0, e_size};
wire [17:0]      e_dx = e_da ^ e_db ^ e_dc;
wire [17:0]      e_dy = {(e_da[16:0] & e_db[16:0]) | (e_da[16:0] & e_dc[16:0]) |
                         (e_db[16:0] & e_dc[16:0]), 1'b1};     // carries, and the +1 of -size
wire [17:0]      e_dif = e_dx + e_dy;                           // pos + count - size
wire             e_over = !e_dif[17];                           // pos + count >= size
wire [14:0]      e_nsum = e_over ? e_dif[14:0] : e_sum[14:0];
wire [15:0]      e_npos = {e_pos[15] ^ e_over, e_nsum};
// e_npos[14:0] == 0 without waiting for the sums: pos + count == x (mod 2^15) holds
// iff every bit of pos ^ count ^ x equals the carry into it that the sum would have,
// a function of the three bits below (carry-free equality); x = size when pos +
// count reaches the size, else 0.
wire [14:0]      e_ea = e_pos[14:0];
wire [14:0]      e_eb = e_count[14:0];
wire [14:0]      e_ec = e_size[14:0];
wire [14:0]      e_eq_size_k = {(e_ea[13:0] & e_eb[13:0]) | ((e_ea[13:0] | e_eb[13:0]) & ~e_ec[13:0]), 1'b0};
wire [14:0]      e_eq_zero_k = {(e_ea[13:0] & e_eb[13:0]) | (e_ea[13:0] | e_eb[13:0]), 1'b0};
wire             e_eq_size = (e_ea ^ e_eb ^ e_ec) == e_eq_size_k;
wire             e_eq_zero = (e_ea ^ e_eb) == e_eq_zero_k;
wire             e_nz = !(e_over ? e_eq_size : e_eq_zero);   // e_npos[14:0] != 0
// the address of the entry's slot, for a batch it opens: q_desc_addr + 16 * pos. The
// offset has 19 bits: a 15-bit carry chain for bits 4..18, its carry into the bits
// above added as "flip every bit up to the first 0" (wide ANDs, no 64-bit chain).
// The ANDs are over groups of six base bits: "the groups below all 1" come from
// e_grp (loaded with e_base, from per-queue group ANDs: timing, no 45-bit prefix
// AND behind the entry register), the bits below in the own group from e_base.
wire [15:0]      e_lo = {1'b0, e_base[18:4]} + {1'b0, e_pos[14:0]};
wire [63:19]     e_ones;      // e_ones[i]: base bits 19..i-1 all 1
wire [63:0]      e_addr;
generate
    for (g = 19; g < 64; g = g + 1) begin : g_addr
        localparam K = (g - 19) / 6;      // group of bit g
        localparam J = (g - 19) % 6;      // bit g within it
        wire grp_below;
        wire in_grp;
        if (K == 0) begin : g_k0
            assign grp_below = 1'b1;
        end else begin : g_kn
            assign grp_below = &e_grp[K-1:0];
        end
        if (J == 0) begin : g_j0
            assign in_grp = 1'b1;
        end else begin : g_jn
            assign in_grp = &e_base[g-1:19+6*K];
        end
        assign e_ones[g] = grp_below && in_grp;
        assign e_addr[g] = e_base[g] ^ (e_lo[15] && e_ones[g]);
    end
endgenerate
assign e_addr[18:0] = {e_lo[14:0], e_base[3:0]};
wire             e_run = (e_hw_oh & q_running) != {HQ{1'b0}};   // e_hw && q_running[e_hq]

wire             e_io = hq_tx_inorder[e_hq];

// ---------------------------------------------------------------- open batches
// Two open batches: one for receive queues (hq[0] = 0), one for transmit
// queues (hq[0] = 1), so interleaved tx_used / rx_used entries still batch.
wire [1:0]         bv;
wire [2*HQW-1:0]   b_hq_f;
wire [16-1:0]      b_func_f;
wire [32-1:0]      b_pos_f;
wire [128-1:0]     b_addr_f;
wire [32-1:0]      b_npos_f;
wire [2*NW-1:0]    b_n_f;
wire [34-1:0]      b_slots_f;
wire [1:0]         b_io_f;
wire [2*BUF_W-1:0] b_buf_f;

// The entry register and the write issuer decide in the same cycle without waiting
// for each other:
// - an entry that joins a batch (g_b[g].joins, from the entry and batch registers)
//   keeps the issuer from taking that batch this cycle (the batch grows instead);
// - the issuer takes a batch the entry does not join when the write port is free
//   (w_free: this cycle's last beat and request handshakes);
// - an entry opens a new batch in place of a valid one only when the issuer takes
//   it for sure, as the registers say (g_b[g].sure: port empty, room, no device
//   event area write, round robin): when the port only frees up this cycle, the
//   entry waits a cycle and opens the batch then.
reg                w_rr;      // prefer batch 1 when both are ready
wire [1:0]         b_cand;    // valid and not joined by the entry
wire               w_sel = b_cand[1] && (!b_cand[0] || w_rr);
wire               w_load;
wire               w_free;
wire               w_empty;
wire               w_room;
wire               dv_pv;
wire               e_b = e_hq[0];
// Each batch works out on its own registers whether the entry joins it or opens it
// anew (no mux by e_b in front): g_b[g].joins / g_b[g].opens.
wire [1:0]         b_join_e;
wire [1:0]         b_open_e;
wire               e_join = b_join_e != 2'b00;
wire               e_new = b_open_e != 2'b00;
assign e_take = e_valid && (!e_run || e_join || e_new);
wire               e_write = e_take && e_run;

// The entry register's queue state (e_pos, e_size, e_base, e_grp) is loaded on
// e_load, else reloaded by a START of e_hq, else kept. e_run (q_running of the
// entry's queue, an input port, through an AND-OR over the queues) is in front of
// both e_load (via e_take) and the forwarding of e_npos into e_pos; the next values
// are worked out for either value of e_run and picked by it last (timing: a Shannon
// split, so e_run is one mux from the registers instead of in front of e_load's mux
// and the forwarding):
//  - e_run: e_load is e_load_run (below); e_npos is forwarded to an entry of the
//    same queue;
//  - !e_run: an entry leaves (e_take), so e_load is 1; nothing is written, no
//    forwarding.
wire             e_load_run = !e_valid || e_join || e_new;   // e_load when e_run
wire             e_start_e = start_valid && start_hq == e_hq;
wire [15:0]      e_pos_stay = e_start_e ? start_ring[31:16] : e_pos;
wire [15:0]      e_size_stay = e_start_e ? q_size[16*e_hq +: 16] : e_size;
wire [63:0]      e_base_stay = e_start_e ? q_desc_addr[64*e_hq +: 64] : e_base;
wire [AG-1:0]    e_grp_stay = e_start_e ? q_addr_grp[AG*e_hq +: AG] : e_grp;
// e_pos as loaded with an entry of each source (index 0 tx_used, 1 rx_used): the
// queue's position after this cycle's updates (START of the queue, else the write of
// the entry leaving now when it is of the same queue: e_npos, else the queue's
// register), with e_run (s_pos_run) and without (s_pos_stop), worked out for both
// sources side by side from their own queue index and picked by sel_rx at the
// register (timing: sel_rx and the index mux by it are not in front of the
// compares and per-queue muxes).
wire [31:0]      s_pos_run;
wire [31:0]      s_pos_stop;
generate
    for (g = 0; g < 2; g = g + 1) begin : g_spos
        wire [HQW-1:0] hq = s_hq[HQW*g +: HQW];
        wire           start_s = start_valid && start_hq == hq;
        assign s_pos_stop[16*g +: 16] = start_s ? start_ring[31:16] : pos_flat[16*hq +: 16];
        assign s_pos_run[16*g +: 16] = (!start_s && e_valid && e_hq == hq) ? e_npos :
                                       s_pos_stop[16*g +: 16];
    end
endgenerate
wire               b_open = e_write && !e_join;
wire               eb_wrap = b_pos_f[16*e_b + 15];
// the used descriptor: {addr 0, len, id, AVAIL = USED = the wrap of its slot}
wire               e_wrap = (e_join && b_io_f[e_b]) ? eb_wrap : e_pos[15];
reg  [127:0]     e_desc;
always @* begin
    e_desc = 128'b0;
    e_desc[`VIONIC_VIRTIO_RING_DESC_LEN_OFFSET*8 +: 32] = e_len;
    e_desc[`VIONIC_VIRTIO_RING_DESC_ID_OFFSET*8 +: 16] = e_id;
    e_desc[`VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET*8 + `VIONIC_VIRTIO_RING_DESC_F_AVAIL] = e_wrap;
    e_desc[`VIONIC_VIRTIO_RING_DESC_FLAGS_OFFSET*8 + `VIONIC_VIRTIO_RING_DESC_F_USED] = e_wrap;
end

// the batch the issuer takes
wire [HQW-1:0]     b_hq = b_hq_f[HQW*w_sel +: HQW];
wire [7:0]         b_func = b_func_f[8*w_sel +: 8];
wire [63:0]        b_addr = b_addr_f[64*w_sel +: 64];
wire [15:0]        b_npos = b_npos_f[16*w_sel +: 16];
wire [NW-1:0]      b_n = b_n_f[NW*w_sel +: NW];
wire               b_io = b_io_f[w_sel];
wire [16:0]        b_slots = b_slots_f[17*w_sel +: 17];
wire [BUF_W-1:0]   b_buf = b_buf_f[BUF_W*w_sel +: BUF_W];

generate
    for (g = 0; g < 2; g = g + 1) begin : g_b
        reg             v;
        reg [HQW-1:0]   hq;
        reg [7:0]       func;
        reg [15:0]      pos;      // position of the first entry
        reg [63:0]      addr;     // address of its slot
        reg [15:0]      npos;     // position after the last entry
        reg [NW-1:0]    n;
        reg [16:0]      slots;
        reg             io;       // in-order batch: one descriptor, at slot 0
        reg [BUF_W-1:0] data;
        // holding (pipeline step 2), from registers only (timing: nothing waits for
        // this cycle's join / open decision, `here`):
        // - in the cycle after the batch opened (opened), hold iff more entries of
        //   its queue were pending when it opened (more: pend_gt1 of the entry's
        //   queue, taken every cycle; the opening entry itself is still counted in
        //   pend then, hence "more than one");
        // - later, hold (hold_r, worked out a cycle ahead from this cycle's
        //   registers) iff fewer than HOLD_N entries, entries of its queue pending and
        //   younger than HOLD_MAX. A join or the last pending entry is seen a cycle
        //   late: the batch is taken a cycle later than it could be (it may grow by
        //   one more entry meanwhile), never held longer than HOLD_MAX.
        reg             hold_r;
        reg             opened;   // the batch opened in the previous cycle
        reg             more;     // pend_gt1[e_hq] in the previous cycle
        reg             below;    // n < HOLD_N
        reg             nlow;     // n + 1 < HOLD_N
        reg [HAW-1:0]   age;      // cycles since the batch opened (saturating)
        wire            age_ok = opened || (age < HOLD_AGE_LAST);   // below HOLD_MAX next cycle
        wire            hold = opened ? (more && (HOLD_N_32 > 1) && (HOLD_MAX_32 > 1)) : hold_r;
        wire [31:0]     n32 = {{32-NW{1'b0}}, n};
        wire            taken = w_load && (w_sel == g[0]);
        // taken this cycle unless the entry joins it, known from registers
        wire            sure = w_empty && w_room && !dv_pv &&
                               ((g == 1) ? (!bv[0] || w_rr) : !(bv[1] && w_rr));
        // The next entry of the queue would be at npos (the queue's used position:
        // this batch made the last change to it; START of a queue clears jn, below),
        // so "the entry's slot is not the ring's first" (nz: npos[14:0] != 0) is kept
        // here as a flag, inside can_join.
        // in-order batches (io) take any next entry of their queue; others only the next
        // slot: joins = e_valid && e_b == g && v && hq == e_hq && !full && (io || (jn && nz)),
        // here from registers worked out a cycle ahead (timing: neither the compare of
        // e_hq with hq nor the batch's flags are in front of the entry decision):
        // same_q is e_hq == hq (a valid batch g holds a queue with hq[0] == g, so this
        // also says e_b == g), can_join is v && !full && (io || (jn && nz)) (full:
        // n == MAX_CHAIN; jn: the last entry had count 1, cleared by START) and can_io
        // v && !full && io
        reg             same_q;
        reg             can_join;
        reg             can_io;
        wire            joins = e_valid && same_q && can_join;
        wire            opens = (e_b == g[0]) && (!v || sure);
        // here = e_write && e_b == g, from this batch's joins / opens alone (the other
        // batch neither joins nor opens for an entry of this side): fewer terms
        wire            here = e_valid && e_run && (joins || opens);
        wire            open_here = e_valid && e_run && opens && !joins;   // here && !joins
        // the entry's slot: n when it joins a batch of one descriptor per entry, else 0
        wire [NW-1:0]   slot = (joins && !io) ? n : {NW{1'b0}};
        wire            start_q = start_valid && start_hq == hq;
        // full and io after the entry joins or opens the batch (as set below)
        wire            full_h = joins ? (n == MAX_N - 1'b1) : (MAX_N == {{NW-1{1'b0}}, 1'b1});
        wire            io_h = joins ? io : e_io;
        // can_join and can_io after this cycle: when the entry joins or opens the batch
        // (here), from the entry's values (nz from its position arithmetic, the deepest
        // input, last); else as they were unless the batch is taken or, for can_join,
        // its queue restarted (its used position is then no longer npos: jn cleared)
        wire            cj_here = !full_h && (io_h || (e_one && !start_q && e_nz));
        wire            cj_keep = !taken && (start_q ? can_io : can_join);
        always @(posedge clk) begin
            can_join <= here ? cj_here : cj_keep;
            can_io <= here ? (!full_h && io_h) : (can_io && !taken);
            // hq takes e_hq when the entry opens the batch (e_load is then 1), e_hq
            // takes in_hq on e_load
            if (open_here)
                same_q <= in_hq == e_hq;
            else if (e_load)
                same_q <= in_hq == hq;
            if (here) begin
                data[128*slot +: 128] <= e_desc;
                npos <= e_npos;
                if (joins) begin
                    n <= n + 1'b1;
                    slots <= slots + {1'b0, e_count};
                    below <= nlow;
                    nlow <= n32 + 32'd2 < HOLD_N_32;
                end else begin
                    v <= 1'b1;
                    hq <= e_hq;
                    func <= e_func;
                    pos <= e_pos;
                    addr <= e_addr;
                    n <= {{NW-1{1'b0}}, 1'b1};
                    slots <= {1'b0, e_count};
                    io <= e_io;
                    below <= 32'd1 < HOLD_N_32;
                    nlow <= 32'd2 < HOLD_N_32;
                end
            end else if (taken) begin
                v <= 1'b0;
            end
            opened <= open_here;
            more <= pend_gt1[e_hq];
            hold_r <= v && below && pend_nz[hq] && age_ok;
            if (opened)
                age <= {{HAW-1{1'b0}}, 1'b1};
            else if (age != HOLD_AGE_MAX)
                age <= age + 1'b1;
            if (rst) begin
                v <= 1'b0;
                can_join <= 1'b0;
                can_io <= 1'b0;
                opened <= 1'b0;
                hold_r <= 1'b0;
            end
        end
        assign bv[g] = v;
        assign b_join_e[g] = joins;
        // a held batch is still taken when an entry of its side waits that does not
        // join it (it could not open its own batch otherwise)
        assign b_cand[g] = v && !joins && (!hold || (e_valid && e_b == g[0]));
        assign b_open_e[g] = opens;
        assign b_hq_f[HQW*g +: HQW] = hq;
        assign b_func_f[8*g +: 8] = func;
        assign b_pos_f[16*g +: 16] = pos;
        assign b_addr_f[64*g +: 64] = addr;
        assign b_npos_f[16*g +: 16] = npos;
        assign b_n_f[NW*g +: NW] = n;
        assign b_slots_f[17*g +: 17] = slots;
        assign b_io_f[g] = io;
        assign b_buf_f[BUF_W*g +: BUF_W] = data;
    end
endgenerate

// ---------------------------------------------------------------- write issuer
reg  [BUF_W-1:0] w_buf;
reg  [BW-1:0]    w_beats;
reg  [OW:0]      o_cnt;
reg  [OW-1:0]    o_wp;
reg  [OW-1:0]    o_rp;
reg  [HQW-1:0]   o_hq [0:OUT_DEPTH-1];
reg  [15:0]      o_npos [0:OUT_DEPTH-1];
reg  [16:0]      o_slots [0:OUT_DEPTH-1];
reg              o_dv [0:OUT_DEPTH-1];       // a device event area write
reg              o_wake [0:OUT_DEPTH-1];     // ... that re-enables notifications
reg  [3:0]       o_seq [0:OUT_DEPTH-1];      // ... and its request number

reg              w_last;      // w_beats == 1 (wr_data_last from a register)
// the port takes a new write this cycle: the previous one's request and last beat go
assign w_free = (!wr_req_valid || wr_req_ready) && (!wr_data_valid || (wr_data_ready && w_last));
assign w_empty = !wr_req_valid && !wr_data_valid;
// (o_cnt is never above OUT_DEPTH, a power of 2: its top bit says full)
assign w_room = !o_cnt[OW];
// device event area writes first (round robin among queues, pick registered)
wire [HQW-1:0]   dv_sel;
wire [HQ-1:0]    dv_oh;
wire             dv_pick = dv_pv && w_free && w_room;
vionic_vq_used_pick #(.N(HQ), .W(HQW)) u_pick_dv (
    .clk(clk), .rst(rst), .req(dv_pend), .take(dv_pick), .valid(dv_pv), .idx(dv_sel),
    .onehot(dv_oh));
// the picked request may have gone meanwhile (queue stopped): then nothing is
// written; not running: dropped
wire             dv_issue = dv_pick && dv_pend[dv_sel] && q_running[dv_sel];
assign w_load = (b_cand != 2'b00) && w_free && w_room && !dv_pick;
// slots written: n, or 1 for an in-order batch
wire [NW-1:0]    b_wn = b_io ? {{NW-1{1'b0}}, 1'b1} : b_n;
wire [NW:0]      b_beats_full = ({1'b0, b_wn} + SPB_N - 1'b1) >> LOG_SPB;
wire [NW+12:0]   b_len_full = {13'b0, b_wn} << 4;
assign wr_data = w_buf[DATA_WIDTH-1:0];
assign wr_data_last = w_last;

// done: wr_done pops the outstanding FIFO into a register (d_*), with the decision
// "adds to the queue's event range" taken then (from q_running / q_vector of that
// cycle, as before this register); the queue's state (write count, event range,
// error flag) is updated from the register in the next cycle
wire [HQW-1:0]   o_head_hq = o_hq[o_rp];
reg              d_pop;
reg  [HQW-1:0]   d_hq;
reg  [HQ-1:0]    d_oh;        // d_hq one-hot
reg  [15:0]      d_npos;
reg  [16:0]      d_slots;
reg              d_dv;
reg              d_wake;
reg  [3:0]       d_seq;
reg              d_error;
// q_ev_ok of the cycle of wr_done, per queue: with d_oh it says whether the done adds to
// its queue's event range (a done of a used write, no error, the queue running with a
// vector), as d_ev did (a register of q_ev_ok[o_head_hq]: timing, the head read and
// then the mux by it were one path)
reg  [HQ-1:0]    d_ev_ok;

// ---------------------------------------------------------------- event reads
reg  [RDW-1:0]   r_cnt;
reg  [RPW-1:0]   r_wp;
reg  [RPW-1:0]   r_rp;
reg  [HQW-1:0]   r_hq [0:RD_DEPTH-1];
reg  [15:0]      r_new [0:RD_DEPTH-1];
reg  [16:0]      r_slots [0:RD_DEPTH-1];
reg  [15:0]      r_size [0:RD_DEPTH-1];   // q_size (fixed while the queue runs)

// the queue to read for (round robin, pick registered; a picked queue's range stays
// pending, with no read in flight, until taken)
wire             rd_pv;
wire [HQW-1:0]   rd_sel;
wire [HQ-1:0]    rd_oh;
wire             rd_slot = (!rd_req_valid || rd_req_ready) && (r_cnt != RD_DEPTH_N);
wire             rd_pick = rd_pv && rd_slot;             // clears the pending range
vionic_vq_used_pick #(.N(HQ), .W(HQW)) u_pick_rd (
    .clk(clk), .rst(rst), .req(ev_pend & ~ev_rd), .take(rd_pick), .valid(rd_pv), .idx(rd_sel),
    .onehot(rd_oh));
wire             rd_issue = rd_pick && q_running[rd_sel]; // not running: dropped

assign rd_req_len = 13'd4;
assign rd_rsp_ready = 1'b1;
wire             p_pop = rd_rsp_valid && rd_rsp_last;
wire [HQW-1:0]   p_hq = r_hq[r_rp];
// The response is registered with what the decision needs from this cycle
// (pr_*: the distance below, the flags decoded, EVENT_IDX, range longer than the
// ring); the decision and the queue's flags follow in the next cycle.
wire [15:0]      p_new = r_new[r_rp];
wire [16:0]      p_slots = r_slots[r_rp];
wire [15:0]      p_size = r_size[r_rp];
wire [7:0]       p_func = hq_func[8*p_hq +: 8];
wire [15:0]      p_off_wrap = rd_rsp_data[`VIONIC_VIRTIO_RING_EVENT_OFF_WRAP_OFFSET*8 +: 16];
wire [15:0]      p_flags = rd_rsp_data[`VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET*8 +: 16];
wire             p_evidx = func_features[64*p_func + `VIONIC_VIRTIO_PCI_F_EVENT_IDX];
// §2.8.14 / Linux vring_need_event(event, new, old) on ring indexes: the event
// slot lies in [old, new) iff (u16)(new - event - 1) < (u16)(new - old), with
// the event moved one ring back when its wrap differs from the new wrap.
// Here (new - event - 1) = new + ~off + (wrap differs ? size : 0), three operands
// reduced to two by a carry-save step, one carry chain.
wire [15:0]      p_da = {1'b0, p_new[14:0]};
wire [15:0]      p_db = ~{1'b0, p_off_wrap[14:0]};
wire [15:0]      p_dc = (p_off_wrap[15] != p_new[15]) ? p_size : 16'd0;
wire [15:0]      p_dx = p_da ^ p_db ^ p_dc;
wire [15:0]      p_dy = {(p_da[14:0] & p_db[14:0]) | (p_da[14:0] & p_dc[14:0]) |
                         (p_db[14:0] & p_dc[14:0]), 1'b0};
wire [15:0]      p_dist = p_dx + p_dy;
reg              pr_pop;
reg  [HQ-1:0]    pr_oh;       // the queue, one-hot
reg              pr_error;
reg              pr_desc;     // flags DESC
reg              pr_enable;   // flags not DISABLE
reg              pr_evidx;
reg              pr_big;      // range longer than the ring
reg  [15:0]      pr_dist;
reg  [15:0]      pr_slots;
wire             p_hit = pr_big || (pr_dist < pr_slots);
wire             p_irq = !pr_error && (pr_desc ? (!pr_evidx || p_hit) : pr_enable);
wire             p_irq_set = pr_pop && p_irq;
wire             p_err_set = pr_pop && pr_error;

// ---------------------------------------------------------------- irq / err output
// (round robin, picks registered; a picked flag stays set until taken)
wire             irq_pv;
wire [HQW-1:0]   irq_sel;
wire [HQ-1:0]    irq_oh;
wire             irq_pick = irq_pv && (!irq_valid || irq_ready);
vionic_vq_used_pick #(.N(HQ), .W(HQW)) u_pick_irq (
    .clk(clk), .rst(rst), .req(irq_pend), .take(irq_pick), .valid(irq_pv), .idx(irq_sel),
    .onehot(irq_oh));
wire [15:0]      irq_sel_vec = q_vector[16*irq_sel +: 16];

wire             err_pv;
wire [HQW-1:0]   err_sel;
wire [HQ-1:0]    err_oh;
wire             err_pick = err_pv && (!err_valid || err_ready);
vionic_vq_used_pick #(.N(HQ), .W(HQW)) u_pick_err (
    .clk(clk), .rst(rst), .req(err_wr_pend | err_rd_pend), .take(err_pick), .valid(err_pv),
    .idx(err_sel), .onehot(err_oh));
wire             err_sel_wr = err_wr_pend[err_sel];

// ---------------------------------------------------------------- per-queue state
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_q
        localparam [HQW-1:0] GH = g;
        reg [15:0]   pos;
        reg [CW-1:0] wcnt;
        reg          evp;
        reg          evr;
        reg [15:0]   ev_new;
        reg [16:0]   ev_slots;
        reg          irqp;
        reg          errw;
        reg          errr;
        reg          dvp;
        reg [31:0]   dvd;
        reg          dvw;
        reg [3:0]    dvs;
        // chains handed out whose entries have not been taken: pend_r - pend_dec. An
        // entry taken (p_out) is subtracted from pend_r a cycle later (timing: the
        // entry decision is not in front of the 16-bit count); pend_dec says it is
        // still to be subtracted, so pend_nz / pend_gt1 are the count's every cycle
        // (as when it was one register, never below 0)
        reg [15:0]   pend_r;
        reg          pend_dec;
        wire         p_nz = (pend_r[15:1] != 15'd0) || (pend_r[0] && !pend_dec);
        wire         p_gt1 = (pend_r[15:2] != 14'd0) || (pend_r[1] && (pend_r[0] || !pend_dec));
        wire         p_in = issue_mask[g];
        wire         p_out = e_take && e_hw_oh[g];     // e_hw && e_hq == g
        wire         inc = b_open && e_hw_oh[g];           // (e_write: e_hw)
        wire         inc_dv = dv_issue && dv_oh[g];
        wire         dec = d_pop && d_oh[g];
        wire         pick = rd_pick && rd_oh[g];
        wire         done_ev = d_pop && !d_dv && !d_error && d_oh[g] && d_ev_ok[g];
        wire [17:0]  sum = {1'b0, ev_slots} + {1'b0, d_slots};
        // sum > SLOTS_SAT (0x10000) without a compare after the sum: bit 17, or bit 16
        // with low bits not all 0; "low 16 bits of the sum 0" tested carry-free (each
        // bit of a ^ b equals the carry into it, a | b of the bit below)
        wire [15:0]  sum_a = ev_slots[15:0];
        wire [15:0]  sum_b = d_slots[15:0];
        wire         sum_lo0 = (sum_a ^ sum_b) == {sum_a[14:0] | sum_b[14:0], 1'b0};
        wire         sum_sat = sum[17] || (sum[16] && !sum_lo0);
        always @(posedge clk) begin
            if (start_valid && start_hq == GH)
                pos <= start_ring[31:16];
            else if (e_write && e_hw_oh[g])
                pos <= e_npos;
            wcnt <= wcnt + {{CW-1{1'b0}}, inc} + {{CW-1{1'b0}}, inc_dv} - {{CW-1{1'b0}}, dec};
            // (never below 0; cleared at START, when the queue has nothing in flight:
            // a count gone wrong costs at most HOLD_MAX cycles per write until then)
            if (start_valid && start_hq == GH) begin
                pend_r <= {15'd0, p_in};
                pend_dec <= 1'b0;
            end else begin
                if (p_in && !pend_dec)
                    pend_r <= pend_r + 16'd1;
                else if (pend_dec && !p_in)
                    pend_r <= pend_r - 16'd1;
                // with an entry coming in at the same time, or a count above 0
                pend_dec <= p_out && (p_in || p_nz);
            end
            if (dev_ev_valid && dev_ev_hq == GH) begin
                dvp <= 1'b1;
                dvd <= dev_ev_data;
                dvw <= dev_ev_wake;
                dvs <= dev_ev_seq;
            end else if (dv_pick && dv_oh[g]) begin
                dvp <= 1'b0;
            end
            if (!q_running[g])
                dvp <= 1'b0;
            if (done_ev) begin
                ev_new <= d_npos;
                if (evp && !pick)
                    ev_slots <= sum_sat ? SLOTS_SAT : sum[16:0];
                else
                    ev_slots <= d_slots;
            end
            if (done_ev)
                evp <= 1'b1;
            else if (pick)
                evp <= 1'b0;
            if (rd_issue && rd_oh[g])
                evr <= 1'b1;
            else if (pr_pop && pr_oh[g])
                evr <= 1'b0;
            irqp <= (irqp && !(irq_pick && irq_oh[g])) || (p_irq_set && pr_oh[g]);
            errw <= (errw && !(err_pick && err_oh[g])) ||
                    (d_pop && d_error && d_oh[g]);
            errr <= (errr && !(err_pick && err_oh[g] && !err_sel_wr)) ||
                    (p_err_set && pr_oh[g]);
            if (rst) begin
                pos <= 16'd0;
                wcnt <= {CW{1'b0}};
                pend_r <= 16'd0;
                pend_dec <= 1'b0;
                evp <= 1'b0;
                evr <= 1'b0;
                ev_new <= 16'd0;
                ev_slots <= 17'd0;
                irqp <= 1'b0;
                errw <= 1'b0;
                errr <= 1'b0;
                dvp <= 1'b0;
            end
        end
        assign pos_flat[16*g +: 16] = pos;
        assign ev_new_flat[16*g +: 16] = ev_new;
        assign ev_slots_flat[17*g +: 17] = ev_slots;
        assign ev_pend[g] = evp;
        assign ev_rd[g] = evr;
        assign irq_pend[g] = irqp;
        assign err_wr_pend[g] = errw;
        assign err_rd_pend[g] = errr;
        assign dv_pend[g] = dvp;
        assign dv_data_flat[32*g +: 32] = dvd;
        assign dv_wake_flat[g] = dvw;
        assign dv_seq_flat[4*g +: 4] = dvs;
        assign pend_nz[g] = p_nz;
        assign pend_gt1[g] = p_gt1;
        assign used_busy[g] = (wcnt != {CW{1'b0}}) || evp || evr || irqp || dvp;
    end
endgenerate

assign used_ring = pos_flat;

// ---------------------------------------------------------------- sequential
always @(posedge clk) begin
    // entry register
    if (e_load) begin
        e_valid <= tx_used_valid || rx_used_valid;
        e_hw <= in_hw;
        e_hw_oh <= in_hw ? ({{HQ-1{1'b0}}, 1'b1} << in_hq) : {HQ{1'b0}};
        e_hq <= in_hq;
        e_func <= in_func;
        e_id <= sel_rx ? rx_used_id : tx_used_id;
        e_len <= sel_rx ? rx_used_len : tx_used_len;
        e_count <= sel_rx ? rx_used_count : tx_used_count;
        e_one <= (sel_rx ? rx_used_count : tx_used_count) == 16'd1;
    end
    if (in_fire)
        prefer_rx <= !sel_rx;
    // (with the entry leaving now, e_write is e_run)
    // (as "if (e_load) load, else if START of e_hq reload, else hold", split on
    // e_run: see e_load_run)
    e_pos <= e_run ? (e_load_run ? s_pos_run[16*sel_rx +: 16] : e_pos_stay) :
                     s_pos_stop[16*sel_rx +: 16];
    e_size <= (e_run && !e_load_run) ? e_size_stay : q_size[16*in_hq +: 16];
    e_base <= (e_run && !e_load_run) ? e_base_stay : q_desc_addr[64*in_hq +: 64];
    e_grp <= (e_run && !e_load_run) ? e_grp_stay : q_addr_grp[AG*in_hq +: AG];

    retire_valid <= e_take && e_hw;
    retire_hq <= e_hq;
    retire_id <= e_id;

    // write issuer
    if (dv_issue) begin
        wr_req_valid <= 1'b1;
        wr_req_func <= hq_func[8*dv_sel +: 8];
        wr_req_addr <= q_device_addr[64*dv_sel +: 64];
        wr_req_len <= 13'd4;
        wr_req_id <= {{8-OW{1'b0}}, o_wp};
        wr_data_valid <= 1'b1;
        w_buf <= {{BUF_W-32{1'b0}}, dv_data_flat[32*dv_sel +: 32]};
        w_beats <= {{BW-1{1'b0}}, 1'b1};
        w_last <= 1'b1;
        o_hq[o_wp] <= dv_sel;
        o_npos[o_wp] <= 16'd0;
        o_slots[o_wp] <= 17'd0;
        o_dv[o_wp] <= 1'b1;
        o_wake[o_wp] <= dv_wake_flat[dv_sel];
        o_seq[o_wp] <= dv_seq_flat[4*dv_sel +: 4];
        o_wp <= o_wp + 1'b1;
    end else if (w_load) begin
        w_rr <= !w_sel;
        wr_req_valid <= 1'b1;
        wr_req_func <= b_func;
        wr_req_addr <= b_addr;
        wr_req_len <= b_len_full[12:0];
        wr_req_id <= {{8-OW{1'b0}}, o_wp};
        wr_data_valid <= 1'b1;
        w_buf <= b_buf;
        w_beats <= b_beats_full[BW-1:0];
        w_last <= b_beats_full == 1;
        o_hq[o_wp] <= b_hq;
        o_npos[o_wp] <= b_npos;
        o_slots[o_wp] <= b_slots;
        o_dv[o_wp] <= 1'b0;
        o_wake[o_wp] <= 1'b0;
        o_wp <= o_wp + 1'b1;
    end else begin
        if (wr_req_ready)
            wr_req_valid <= 1'b0;
        if (wr_data_valid && wr_data_ready) begin
            if (w_last)
                wr_data_valid <= 1'b0;
            w_beats <= w_beats - 1'b1;
            w_last <= w_beats == 2;
            w_buf <= w_buf >> DATA_WIDTH;
        end
    end
    if (wr_done_valid)
        o_rp <= o_rp + 1'b1;
    o_cnt <= o_cnt + {{OW{1'b0}}, w_load || dv_issue} - {{OW{1'b0}}, wr_done_valid};
    d_pop <= wr_done_valid;
    d_hq <= o_head_hq;
    d_oh <= {{HQ-1{1'b0}}, 1'b1} << o_head_hq;
    d_ev_ok <= q_ev_ok;
    d_npos <= o_npos[o_rp];
    d_slots <= o_slots[o_rp];
    d_dv <= o_dv[o_rp];
    d_wake <= o_wake[o_rp];
    d_seq <= o_seq[o_rp];
    d_error <= wr_done_error;
    dev_ev_done_valid <= d_pop && d_dv && d_wake && !d_error;
    dev_ev_done_hq <= d_hq;
    dev_ev_done_seq <= d_seq;

    // event reads
    if (rd_req_ready)
        rd_req_valid <= 1'b0;
    if (rd_issue) begin
        rd_req_valid <= 1'b1;
        rd_req_func <= hq_func[8*rd_sel +: 8];
        rd_req_addr <= q_driver_addr[64*rd_sel +: 64];
        rd_req_id <= {{8-RPW{1'b0}}, r_wp};
        r_hq[r_wp] <= rd_sel;
        r_new[r_wp] <= ev_new_flat[16*rd_sel +: 16];
        r_slots[r_wp] <= ev_slots_flat[17*rd_sel +: 17];
        r_size[r_wp] <= q_size[16*rd_sel +: 16];
        r_wp <= (r_wp == RD_LAST) ? {RPW{1'b0}} : r_wp + 1'b1;
    end
    if (p_pop)
        r_rp <= (r_rp == RD_LAST) ? {RPW{1'b0}} : r_rp + 1'b1;
    pr_pop <= p_pop;
    pr_oh <= {{HQ-1{1'b0}}, 1'b1} << p_hq;
    pr_error <= rd_rsp_error;
    pr_desc <= p_flags == EV_DESC;
    pr_enable <= p_flags != EV_DISABLE;
    pr_evidx <= p_evidx;
    pr_big <= p_slots > {1'b0, p_size};
    pr_dist <= p_dist;
    pr_slots <= p_slots[15:0];
    r_cnt <= r_cnt + {{RDW-1{1'b0}}, rd_issue} - {{RDW-1{1'b0}}, p_pop};

    // interrupts: vector NO_VECTOR sends nothing
    if (irq_ready)
        irq_valid <= 1'b0;
    if (irq_pick) begin
        irq_valid <= irq_sel_vec != NO_VECTOR;
        irq_func <= hq_func[8*irq_sel +: 8];
        irq_vector <= irq_sel_vec;
    end

    // errors
    if (err_ready)
        err_valid <= 1'b0;
    if (err_pick) begin
        err_valid <= 1'b1;
        err_qid <= hq_qid[QID_W*err_sel +: QID_W];
        err_code <= err_sel_wr ? ERR_WR : ERR_RD;
    end

    if (rst) begin
        e_valid <= 1'b0;
        prefer_rx <= 1'b0;
        retire_valid <= 1'b0;
        w_rr <= 1'b0;
        dev_ev_done_valid <= 1'b0;
        d_pop <= 1'b0;
        wr_req_valid <= 1'b0;
        wr_data_valid <= 1'b0;
        w_beats <= {BW{1'b0}};
        w_last <= 1'b0;
        o_cnt <= {OW+1{1'b0}};
        o_wp <= {OW{1'b0}};
        o_rp <= {OW{1'b0}};
        rd_req_valid <= 1'b0;
        r_cnt <= {RDW{1'b0}};
        r_wp <= {RPW{1'b0}};
        r_rp <= {RPW{1'b0}};
        pr_pop <= 1'b0;
        irq_valid <= 1'b0;
        err_valid <= 1'b0;
    end
end

wire unused_x = &{1'b0, rd_rsp_id, wr_done_id, rd_rsp_data,
                 start_ring[15:0], e_sum[16:15], e_dif[16:15],
                 b_pos_f, b_beats_full, b_len_full};

endmodule

`resetall
