`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_dp_consts_regs.vh"
`include "vionic_virtio_pci_regs.vh"
`include "vionic_virtio_net_regs.vh"

// vionic_net_rx: the receive data path (docs/datapath.md "vionic_net_rx", VIRTIO 1.3
// §5.1.6.3-§5.1.6.4).
//
// Pipeline (each stage in order, frames never overtake each other):
//  1. Ingress: s_eth_rx (tready always 1) is written beat by beat into a
//     store-and-forward RAM of FIFO_BYTES (every frame starts at a new beat). On the
//     last beat the frame is committed, or dropped by rewinding the write pointer:
//     tuser set or length outside 14..MAX_FRAME -> STAT_RX_DROP_ERROR, no room in the
//     RAM or the frame-record FIFO -> STAT_RX_DROP_NO_BUFFER. While the frame streams
//     in, the first 128 bytes are captured and the 16-bit one's-complement words from
//     byte 14 on are summed.
//  2. Classify (one cycle after the last beat): vionic_mac_filter (two stages) with the
//     receiving function's (rx_func, function 0 until the SR-IOV switch) configuration, and
//     vionic_net_rx_parse (flow hash, TCP/UDP checksum; pipelined, CLS_STAGES cycles),
//     then the queue choice receiveq (hash * QUEUE_PAIRS) >> 8 (non-IP frames:
//     receiveq 0). The record goes into the info FIFO.
//  3. Resolver: an issuer takes the records in order: filtered frames
//     (STAT_RX_DROP_FILTERED) and frames of a function without rx enable
//     (STAT_RX_DROP_NO_BUFFER) pass as skip entries, the others request their first
//     chain on rxb_req right away (several requests outstanding: buffer requests run
//     ahead of the data writes). The answer part consumes the answers in request
//     order, puts the descriptors into the descriptor FIFO and pushes the frame's job
//     (length, flags, queue, num_buffers) once the chains hold the 12-byte
//     virtio_net_hdr and the frame. First chain empty: drop (NO_BUFFER). Without
//     MRG_RXBUF a chain too small: ERR_BUFFER_TOO_SMALL on the queue,
//     STAT_RX_DROP_ERROR, chain back with len 0 (§5.1.6.3.1). With MRG_RXBUF the answer
//     part asks for further chains itself (the issuer waits behind such a frame until it
//     is resolved); an empty answer is retried every 64 cycles for RX_WAIT_CYCLES, then
//     the frame is dropped (NO_BUFFER) and its chains go back with len 0. A frame that
//     would need more than DESC_DEPTH - MAX_CHAIN descriptors is dropped
//     (STAT_RX_DROP_ERROR, chains back with len 0).
//  4. Writer: a planner cuts the virtual stream header ++ frame into pieces (one per
//     descriptor, split at 4096 bytes; one DMA write each) and queues one used entry
//     per chain (len = bytes written into it) and a frame record (writes, chains,
//     error); a two-stage streamer reads the frame RAM (two copies, synchronous
//     reads) and sends the beats realigned to lane 0; a piece's wr_req goes out
//     together with its first beat (at most MAX_OUT writes without wr_done), so the
//     write port is never held waiting for data. The header carries flags
//     (DATA_VALID with GUEST_CSUM and a good TCP/UDP checksum), gso_type NONE and
//     num_buffers (§5.1.6.4); it is written with the data of the first piece.
//  5. Completion: waits for wr_done of all the frame's writes (in request order), then
//     emits err (ERR_DMA_WRITE on a failed write, or the resolver's error) and the
//     frame's used entries consecutively (docs/datapath.md: used after data, PCIe
//     posted ordering) and STAT_RX_PACKET.
// Statistics of the three sources are queued in small FIFOs and leave one per cycle
// (ingress events are lost when its FIFO is full, i.e. after a long burst of drops).
// Throughput: a frame every 2 cycles when it fits 2 beats with its header (60-byte
// frames at DATA_WIDTH 512), line rate for long frames.
// State: frame RAM (2 copies) and pointers, header capture and sum, info/pending/
// rxb answer/descriptor/job/piece/used/record/done/stat FIFOs, resolver/planner/streamer/
// completion state machines.
module vionic_net_rx #(
    parameter DATA_WIDTH = 512,
    parameter NUM_FUNCS = 1,
    parameter QUEUES_PER_FUNC = 32,
    parameter NUM_QP = 4,
    parameter MAC_TABLE_ENTRIES = 16,
    parameter MAX_FRAME = 1518,
    parameter FIFO_BYTES = 32768,
    parameter RX_WAIT_CYCLES = 65536,
    // longest chain vq_avail hands out (descriptors per rxb answer)
    parameter MAX_CHAIN = 16,
    // derived (global queue id width, docs/datapath.md); do not override
    parameter QID_W = (NUM_FUNCS * QUEUES_PER_FUNC) > 1 ? $clog2(NUM_FUNCS * QUEUES_PER_FUNC) : 1
) (
    input  wire                         clk,
    input  wire                         rst,

    input  wire                         s_eth_rx_tvalid,
    output wire                         s_eth_rx_tready,
    input  wire [DATA_WIDTH-1:0]        s_eth_rx_tdata,
    input  wire [DATA_WIDTH/8-1:0]      s_eth_rx_tkeep,
    input  wire                         s_eth_rx_tlast,
    input  wire                         s_eth_rx_tuser,

    input  wire [64*NUM_FUNCS-1:0]      func_features,
    input  wire [48*NUM_FUNCS-1:0]      func_mac,
    input  wire [NUM_FUNCS-1:0]         func_promisc,
    input  wire [NUM_FUNCS-1:0]         func_allmulti,
    input  wire [NUM_FUNCS-1:0]         func_rx_enable,
    input  wire [8*NUM_FUNCS-1:0]       func_queue_pairs,
    input  wire [48*MAC_TABLE_ENTRIES*NUM_FUNCS-1:0] mac_table,
    input  wire [MAC_TABLE_ENTRIES*NUM_FUNCS-1:0]    mac_table_valid,

    output wire                         rxb_req_valid,
    input  wire                         rxb_req_ready,
    output wire [QID_W-1:0]             rxb_req_qid,
    input  wire                         rxb_valid,
    output wire                         rxb_ready,
    input  wire [63:0]                  rxb_addr,
    input  wire [31:0]                  rxb_len,
    input  wire                         rxb_last,
    input  wire [15:0]                  rxb_id,
    input  wire [15:0]                  rxb_count,
    input  wire                         rxb_empty,

    output wire                         wr_req_valid,
    input  wire                         wr_req_ready,
    output wire [7:0]                   wr_req_func,
    output wire [63:0]                  wr_req_addr,
    output wire [12:0]                  wr_req_len,
    output wire [7:0]                   wr_req_id,
    output wire                         wr_data_valid,
    input  wire                         wr_data_ready,
    output wire [DATA_WIDTH-1:0]        wr_data,
    output wire                         wr_data_last,
    input  wire                         wr_done_valid,
    input  wire [7:0]                   wr_done_id,
    input  wire                         wr_done_error,

    output wire                         rx_used_valid,
    input  wire                         rx_used_ready,
    output wire [QID_W-1:0]             rx_used_qid,
    output wire [15:0]                  rx_used_id,
    output wire [31:0]                  rx_used_len,
    output wire [15:0]                  rx_used_count,

    output wire                         err_valid,
    input  wire                         err_ready,
    output wire [QID_W-1:0]             err_qid,
    output wire [7:0]                   err_code,

    output reg                          stat_valid,
    output reg  [7:0]                   stat_func,
    output reg  [2:0]                   stat_kind,
    output reg  [15:0]                  stat_bytes
);

localparam DW = DATA_WIDTH;
localparam BPB = DW / 8;
localparam BW = $clog2(BPB);
localparam DEPTH = FIFO_BYTES / BPB;
localparam AW = $clog2(DEPTH);
localparam PW = AW + 1;
localparam HCAP = 128;
localparam HBEATS = HCAP / BPB;
localparam HBW = HBEATS > 1 ? $clog2(HBEATS) : 1;
localparam LW = 14;
localparam [31:0] MAXF32 = MAX_FRAME;
localparam [LW:0] MAXF = MAXF32[LW:0];
localparam FW = NUM_FUNCS > 1 ? $clog2(NUM_FUNCS) : 1;
localparam [31:0] HDR = `VIONIC_VIRTIO_NET_HDR_BYTES;
localparam [15:0] HDR16 = HDR[15:0];
localparam INFO_DEPTH = 64;
localparam DESC_DEPTH = 64;
localparam JOB_DEPTH = 16;
localparam USED_DEPTH = 64;
localparam REC_DEPTH = 32;
localparam DONE_DEPTH = 64;
localparam MAX_OUT = 32;
localparam STAT_DEPTH = 16;
localparam RETRY_CYCLES = 64;
localparam CLS_STAGES = 4;      // vionic_net_rx_parse's latency
localparam [31:0] ST_PACKET_C = `VIONIC_DP_CONSTS_STAT_RX_PACKET;
localparam [2:0] ST_PACKET = ST_PACKET_C[2:0];
localparam [31:0] ST_NO_BUF_C = `VIONIC_DP_CONSTS_STAT_RX_DROP_NO_BUFFER;
localparam [2:0] ST_NO_BUF = ST_NO_BUF_C[2:0];
localparam [31:0] ST_FILTERED_C = `VIONIC_DP_CONSTS_STAT_RX_DROP_FILTERED;
localparam [2:0] ST_FILTERED = ST_FILTERED_C[2:0];
localparam [31:0] ST_ERROR_C = `VIONIC_DP_CONSTS_STAT_RX_DROP_ERROR;
localparam [2:0] ST_ERROR = ST_ERROR_C[2:0];
localparam [31:0] E_TOO_SMALL_C = `VIONIC_DP_CONSTS_ERR_BUFFER_TOO_SMALL;
localparam [7:0] E_TOO_SMALL = E_TOO_SMALL_C[7:0];
localparam [31:0] E_DMA_WRITE_C = `VIONIC_DP_CONSTS_ERR_DMA_WRITE;
localparam [7:0] E_DMA_WRITE = E_DMA_WRITE_C[7:0];
localparam [31:0] F_DATA_VALID_C = `VIONIC_VIRTIO_NET_HDR_F_DATA_VALID;
localparam [7:0] F_DATA_VALID = F_DATA_VALID_C[7:0];
localparam [31:0] GSO_NONE_C = `VIONIC_VIRTIO_NET_HDR_GSO_NONE;
localparam [7:0] GSO_NONE = GSO_NONE_C[7:0];
localparam F_MRG = `VIONIC_VIRTIO_PCI_F_NET_MRG_RXBUF;
localparam F_GCSUM = `VIONIC_VIRTIO_PCI_F_NET_GUEST_CSUM;

initial begin
    if (DW < 128 || DW > 1024 || (DW & (DW - 1)) != 0 || FIFO_BYTES % BPB != 0
            || (DEPTH & (DEPTH - 1)) != 0 || DEPTH < 4 || MAX_FRAME < 14 || MAX_FRAME > 16000
            || NUM_QP < 1 || NUM_QP > 255 || 2 * NUM_QP + 1 > QUEUES_PER_FUNC
            || MAX_CHAIN < 1 || MAX_CHAIN * 2 > DESC_DEPTH || NUM_FUNCS > 256) begin
        $error("vionic_net_rx: parameter out of range");
        $finish;
    end
end

// ---------------------------------------------------------------------------
// receiving function (SR-IOV switch later) and its configuration
wire [FW-1:0] rx_func = {FW{1'b0}};
wire [7:0] rx_func8 = {{(8-FW){1'b0}}, rx_func};
wire [63:0] cfg_features = func_features[64*rx_func +: 64];
wire [47:0] cfg_mac = func_mac[48*rx_func +: 48];
wire cfg_promisc = func_promisc[rx_func];
wire cfg_allmulti = func_allmulti[rx_func];
wire cfg_rx_enable = func_rx_enable[rx_func];
wire [7:0] cfg_qp_raw = func_queue_pairs[8*rx_func +: 8];
wire [47:0] zero48 = 48'd0;
wire [7:0] cfg_qp = (cfg_qp_raw == 8'd0) ? 8'd1 : (cfg_qp_raw > NUM_QP[7:0]) ? NUM_QP[7:0] : cfg_qp_raw;
wire [48*MAC_TABLE_ENTRIES-1:0] cfg_table = mac_table[48*MAC_TABLE_ENTRIES*rx_func +: 48*MAC_TABLE_ENTRIES];
wire [MAC_TABLE_ENTRIES-1:0] cfg_table_valid = mac_table_valid[MAC_TABLE_ENTRIES*rx_func +: MAC_TABLE_ENTRIES];
wire cfg_mrg = cfg_features[F_MRG];
wire cfg_gcsum = cfg_features[F_GCSUM];

// ---------------------------------------------------------------------------
// frame RAM, two identical copies (one write port, one synchronous read port each:
// the streamer reads two consecutive beats per cycle)
reg [DW-1:0] ram [0:DEPTH-1];
reg [DW-1:0] ram_b [0:DEPTH-1];
reg [PW-1:0] free_ptr;      // first beat still in use (advanced by the writer)

// ---------------------------------------------------------------------------
// 1. ingress
assign s_eth_rx_tready = 1'b1;

// The port's beat is registered twice (the port has no backpressure): stage E0 takes
// it with the byte counts of its 16-byte groups, stage EI with the beat's byte count
// (the sum of the group counts, a balanced tree). The count's adder tree is then
// neither on one path with the length checks and the commit decision, nor one tree
// from the port (the 64-input count from the port was the block's deepest path). (With
// 8-byte groups summed one after the other, the count and the length checks of the
// beat, registered as it enters EI, were a 7-level path.)
localparam KG = BPB / 16;
reg           e0_valid;
reg [DW-1:0]  e0_data;
reg [BPB-1:0] e0_keep;
reg           e0_last;
reg           e0_user;
reg [5*KG-1:0] e0_kpart;
reg           ei_valid;
reg [DW-1:0]  ei_data;
// the beat as the checksum sees it: bytes outside tkeep, and on a frame's first
// beat the 14 bytes of the Ethernet header, are zeroed as the port's beat is
// registered (masking at the group sums put the beat counter's compare and the mask
// in front of their adder trees)
reg [DW-1:0]  ei_sdata;
reg           port_first;       // the beat in E0 starts a frame
reg           ei_last;
reg           ei_user;
reg [7:0]     ei_kcnt;

reg [PW-1:0] in_wptr;
reg [PW-1:0] in_fstart;
reg          in_nobuf;
reg [LW:0]   in_len;
reg [7:0]    in_beat;
reg [31:0]   in_sum;
reg [8*HCAP-1:0] in_hdr;

function [4:0] popcnt16;
    input [15:0] k;
    integer j;
    begin
        popcnt16 = 5'd0;
        for (j = 0; j < 16; j = j + 1) begin
            popcnt16 = popcnt16 + {4'd0, k[j]};
        end
    end
endfunction

// the group counts as a balanced tree of adders (heap order)
reg [7:0] e0_kcnt;
reg [7:0] kt [0:2*KG-2];
integer kg;
always @* begin
    for (kg = 0; kg < KG; kg = kg + 1) begin
        kt[kg] = {3'd0, e0_kpart[5*kg +: 5]};
    end
    for (kg = 0; kg < KG - 1; kg = kg + 1) begin
        kt[KG + kg] = kt[2*kg] + kt[2*kg + 1];
    end
    e0_kcnt = kt[2*KG - 2];
end

// The one's-complement sum of the frame from byte 14, in two steps so that no path
// adds all BPB/2 words of a beat and the running sum at once: each beat's words are
// summed in SUM_GROUPS groups (registered, stage P), and the next cycle adds the
// groups to the running sum. fin_sum is therefore ready one cycle after fin_valid,
// which is when vionic_net_rx_parse takes it.
localparam SUM_GROUPS = 4;
localparam GWORDS = BPB / 2 / SUM_GROUPS;
// (each group's words as a balanced tree of adders, heap order: a linear sum was the
// block's longest path by delay)
reg [31:0] beat_part [0:SUM_GROUPS-1];
reg [31:0] bt [0:2*GWORDS-2];
integer bj;
integer bg;
always @* begin
    for (bg = 0; bg < SUM_GROUPS; bg = bg + 1) begin
        for (bj = 0; bj < GWORDS; bj = bj + 1) begin
            bt[bj] = {16'd0, ei_sdata[16*(bg*GWORDS+bj) +: 8],
                ei_sdata[16*(bg*GWORDS+bj)+8 +: 8]};
        end
        for (bj = 0; bj < GWORDS - 1; bj = bj + 1) begin
            bt[GWORDS + bj] = bt[2*bj] + bt[2*bj + 1];
        end
        beat_part[bg] = bt[2*GWORDS - 2];
    end
end

reg [DW-1:0] port_sdata;
integer pk;
always @* begin
    for (pk = 0; pk < BPB; pk = pk + 1) begin
        port_sdata[8*pk +: 8] = (e0_keep[pk] && (!port_first || pk >= 14))
            ? e0_data[8*pk +: 8] : 8'd0;
    end
end

reg [31:0] p_part [0:SUM_GROUPS-1];
reg        p_valid;
reg        p_last;
// (the groups as a balanced pair of pairs, then the running sum: the linear sum of
// four groups and the running sum was the ingress' longest path by delay)
wire [31:0] p_beat_sum = (p_part[0] + p_part[1]) + (p_part[2] + p_part[3]);

wire [LW:0] in_len_sum = in_len + {7'd0, ei_kcnt};
wire [LW:0] in_len_next = (in_len > MAXF) ? in_len : in_len_sum;
// in_wptr - free_ptr == DEPTH from flags and one bit (the 20-input pointer compare was
// in front of in_commit and in_wptr: free_ptr -> compare -> in_commit -> in_wptr, 7
// levels). The distance grows by one beat a cycle at most; a free moves free_ptr on by
// a frame (at least one beat), a dropped frame's end takes in_wptr back to in_fstart
// (a move when one of its beats was written): either makes it shrink. So with the
// distance DEPTH - 1 or more a cycle before (in_ram_near) and neither of these then
// (in_free_q, in_back_q, registered events), it is DEPTH - 1 or DEPTH, and DEPTH when
// even; otherwise it is below DEPTH.
reg in_ram_near;
reg in_free_q;
reg in_back_q;
reg in_wrote;           // a beat of the frame in EI has been written (in_wptr != in_fstart)
wire in_ram_full = in_ram_near && !in_free_q && !in_back_q && (in_wptr[0] == free_ptr[0]);
// The length checks compare the beat's count with registers kept beside in_len, not
// the sum in_len + ei_kcnt with the limits (an adder, then a compare, in front of
// in_commit): in_left = MAXF - in_len while in_len <= MAXF (in_over set beyond),
// in_need = 14 - in_len while in_len < 14 (0 beyond). So in_len_next > MAXF is
// in_over || ei_kcnt > in_left, and in_len_sum < 14 is ei_kcnt < in_need (in_len_sum
// cannot wrap: in_len stays below MAXF + BPB, and MAX_FRAME + 2 * BPB < 2^15).
// (in_near: in_left < 128, kept beside it; a beat has at most BPB <= 128 bytes, so
// only then can it pass the limit, and the compare needs in_left's low 7 bits only)
reg [LW:0] in_left;
reg        in_over;
reg        in_near;
reg [3:0]  in_need;
localparam MAXF_NEAR = (MAX_FRAME < 128) ? 1'b1 : 1'b0;
// The two checks of the beat in EI are registered as it enters EI (ei_too_long,
// ei_short), from the registers' next values and the beat's count in E0: the compares
// were in front of in_commit and in_wptr (in_left -> compare -> in_commit -> in_wptr).
reg ei_too_long;
reg ei_short;
wire in_too_long = ei_too_long;     // in_over || (in_near && ei_kcnt > in_left[6:0])
wire in_short = ei_short;           // ei_kcnt < in_need
wire [LW:0] in_left_next = in_left - {7'd0, ei_kcnt};
// the length registers after this cycle (as updated below)
// (in_left's low 7 bits: only they are compared, under in_near)
wire [6:0] in_left_nx = rst ? MAXF[6:0] : !ei_valid ? in_left[6:0] : ei_last ? MAXF[6:0]
    : in_left_next[6:0];
wire in_over_nx = rst ? 1'b0 : !ei_valid ? in_over : ei_last ? 1'b0 : in_too_long;
wire in_near_nx = rst ? MAXF_NEAR : !ei_valid ? in_near : ei_last ? MAXF_NEAR
    : (in_left_next < 15'd128);
wire [3:0] in_need_nx = rst ? 4'd14 : !ei_valid ? in_need : ei_last ? 4'd14
    : in_short ? in_need - ei_kcnt[3:0] : 4'd0;
wire in_write = ei_valid && !in_nobuf && !in_ram_full && !in_too_long;

reg [8*HCAP-1:0] in_hdr_next;
always @* begin
    in_hdr_next = in_hdr;
    if ({24'd0, in_beat} < HBEATS) begin
        in_hdr_next[DW*in_beat[HBW-1:0] +: DW] = ei_data;
    end
end

// Room for this frame and the CLS_STAGES + 1 that may be ahead of it in classify:
// info_level >= INFO_DEPTH - 2 - CLS_STAGES, a flag kept beside info_level (below).
reg in_info_full;
// (in_len_next < 14 needs in_len <= MAXF, so in_len_next = in_len_sum there)
wire in_bad = ei_user || in_short || in_too_long;
wire in_drop_nb = in_nobuf || in_ram_full || in_info_full;
wire in_commit = ei_valid && ei_last && !in_bad && !in_drop_nb;

wire       in_stat_push = ei_valid && ei_last && !in_commit;
wire [2:0] in_stat_kind = in_bad ? ST_ERROR : ST_NO_BUF;
wire [15:0] in_stat_bytes = {1'b0, in_len_next};

// classify stage registers
reg              fin_valid;
reg [8*HCAP-1:0] fin_hdr;
reg [LW-1:0]     fin_len;
reg [31:0]       fin_sum;     // valid one cycle after fin_valid (above)
reg [PW-1:0]     fin_fstart;
reg [PW-1:0]     fin_nbeats;

always @(posedge clk) begin
    e0_valid <= s_eth_rx_tvalid;
    e0_data <= s_eth_rx_tdata;
    e0_keep <= s_eth_rx_tkeep;
    e0_last <= s_eth_rx_tlast;
    e0_user <= s_eth_rx_tuser;
    for (kg = 0; kg < KG; kg = kg + 1) begin
        e0_kpart[5*kg +: 5] <= popcnt16(s_eth_rx_tkeep[16*kg +: 16]);
    end
    ei_valid <= e0_valid;
    ei_data <= e0_data;
    ei_sdata <= port_sdata;
    if (e0_valid) begin
        port_first <= e0_last;
    end
    ei_last <= e0_last;
    ei_user <= e0_user;
    ei_kcnt <= e0_kcnt;
    ei_too_long <= in_over_nx || (in_near_nx && (e0_kcnt > {1'b0, in_left_nx}));
    ei_short <= (e0_kcnt < {4'd0, in_need_nx});
    if (in_write) begin
        ram[in_wptr[AW-1:0]] <= ei_data;
        ram_b[in_wptr[AW-1:0]] <= ei_data;
    end
    fin_valid <= 1'b0;
    // stage P of the sum: this beat's group sums; then the running sum, and at a
    // frame's last beat the frame's sum (a cycle after fin_valid)
    p_valid <= ei_valid;
    p_last <= ei_last;
    for (bg = 0; bg < SUM_GROUPS; bg = bg + 1) begin
        p_part[bg] <= beat_part[bg];
    end
    if (p_valid) begin
        if (p_last) begin
            in_sum <= 32'd0;
            fin_sum <= in_sum + p_beat_sum;
        end else begin
            in_sum <= in_sum + p_beat_sum;
        end
    end
    if (ei_valid) begin
        in_hdr <= in_hdr_next;
        if (ei_last) begin
            in_wrote <= 1'b0;
            in_len <= {(LW+1){1'b0}};
            in_left <= MAXF;
            in_over <= 1'b0;
            in_near <= MAXF_NEAR;
            in_need <= 4'd14;
            in_beat <= 8'd0;
            in_nobuf <= 1'b0;
            fin_hdr <= in_hdr_next;
            fin_len <= in_len_next[LW-1:0];
            fin_fstart <= in_fstart;
            fin_nbeats <= in_wptr + 1'b1 - in_fstart;
            if (in_commit) begin
                fin_valid <= 1'b1;
                in_wptr <= in_wptr + 1'b1;
                in_fstart <= in_wptr + 1'b1;
            end else begin
                in_wptr <= in_fstart;
            end
        end else begin
            in_len <= in_len_next;
            // (in_left is of no use once in_over is set)
            in_left <= in_left_next;
            in_over <= in_too_long;
            in_near <= in_near_nx;
            in_need <= in_need_nx;
            in_beat <= (in_beat == 8'hff) ? in_beat : in_beat + 8'd1;
            if (in_ram_full) begin
                in_nobuf <= 1'b1;
            end
            if (in_write) begin
                in_wptr <= in_wptr + 1'b1;
                in_wrote <= 1'b1;
            end
        end
    end
    if (rst) begin
        e0_valid <= 1'b0;
        ei_valid <= 1'b0;
        port_first <= 1'b1;
        in_wptr <= {PW{1'b0}};
        in_wrote <= 1'b0;
        in_fstart <= {PW{1'b0}};
        in_nobuf <= 1'b0;
        in_len <= {(LW+1){1'b0}};
        in_left <= MAXF;
        in_over <= 1'b0;
        in_near <= MAXF_NEAR;
        in_need <= 4'd14;
        in_beat <= 8'd0;
        in_sum <= 32'd0;
        p_valid <= 1'b0;
        in_hdr <= {(8*HCAP){1'b0}};
        fin_valid <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// 2. classify
wire fl_accept;
wire fl_mc;
wire fl_bc;
vionic_mac_filter #(
    .MAC_TABLE_ENTRIES(MAC_TABLE_ENTRIES)
) u_filter (
    .clk(clk),
    .dst_mac(fin_hdr[47:0]),
    .own_mac(cfg_mac),
    .promisc(cfg_promisc),
    .allmulti(cfg_allmulti),
    .mac_table(cfg_table),
    .mac_table_valid(cfg_table_valid),
    .accept(fl_accept),
    .is_multicast(fl_mc),
    .is_broadcast(fl_bc)
);

// The parser takes CLS_STAGES cycles; the rest of the record travels alongside. The
// filter's answer (two cycles after fin_hdr, vionic_mac_filter is two stages) joins it
// in the third stage.
wire pr_valid;
wire [7:0] pr_hash;
wire pr_ip;
wire [3:0] pr_csum_p;
vionic_net_rx_parse #(
    .HCAP_BYTES(HCAP)
) u_parse (
    .clk(clk),
    .rst(rst),
    .in_valid(fin_valid),
    .hdr(fin_hdr),
    .len(fin_len),
    .sum(fin_sum),
    .out_valid(pr_valid),
    .flow_hash(pr_hash),
    .is_ip(pr_ip),
    .csum_ok_p(pr_csum_p)
);

localparam CLS_W = 1 + LW + PW + PW;
reg [CLS_W-1:0] cls_pipe [0:CLS_STAGES-1];
integer ci;
always @(posedge clk) begin
    cls_pipe[0] <= {1'b0, fin_len, fin_nbeats, fin_fstart};
    cls_pipe[1] <= cls_pipe[0];
    cls_pipe[2] <= {fl_accept, cls_pipe[1][CLS_W-2:0]};
    for (ci = 3; ci < CLS_STAGES; ci = ci + 1) begin
        cls_pipe[ci] <= cls_pipe[ci-1];
    end
end
wire [CLS_W-1:0] cls_out = cls_pipe[CLS_STAGES-1];

// The queue pair of a hashed frame: hash x queue pairs / 256. The number of queue pairs
// is a register (the clamp of the function's setting, a cycle late: it changes only with
// VQ_PAIRS_SET, which the firmware acknowledges through the control queue many cycles
// after writing it, so no frame the driver can attribute to the new setting is
// classified with the old one), and the product is a shift-add over its QPW bits (at
// most NUM_QP) rather than a '*': Yosys put the multiply into a DSP48E2 whose
// combinational delay, after the clamp of the input port, was net_rx's slowest path
// (4.5 ns estimated).
localparam QPW = $clog2(NUM_QP + 1);
reg  [QPW-1:0] cfg_qp_r;          // loaded every cycle (no reset needed)
always @(posedge clk)
    cfg_qp_r <= cfg_qp[QPW-1:0];
reg  [15:0] qsel_prod;
always @* begin : qsel_mul
    integer qb;
    qsel_prod = 16'd0;
    for (qb = 0; qb < QPW; qb = qb + 1)
        if (cfg_qp_r[qb])
            qsel_prod = qsel_prod + ({8'd0, pr_hash} << qb);
end
wire [7:0] qsel = pr_ip ? qsel_prod[15:8] : 8'd0;

// info record: {accept, csum_ok terms, qsel, len, nbeats, fstart} (the parser's checksum
// check goes in as its four terms, joined after the FIFO's head register: see
// vionic_net_rx_parse)
localparam INFO_W = 1 + 4 + 8 + LW + PW + PW;
wire [INFO_W-1:0] info_in = {cls_out[CLS_W-1], pr_csum_p, qsel, cls_out[CLS_W-2:0]};
wire [INFO_W-1:0] info_out;
wire info_empty;
wire info_full;
reg info_pop;
// (registered head and flags: the issuer's decisions start from flip-flops, not from
// a RAM read and a pointer compare; the occupancy for the ingress check is counted
// here, exactly as the FIFO's)
vionic_net_fifo_reg #(.WIDTH(INFO_W), .DEPTH(INFO_DEPTH)) u_info (
    .clk(clk), .rst(rst),
    .wr_en(pr_valid), .wr_data(info_in),
    .rd_en(info_pop), .rd_data(info_out),
    .empty(info_empty), .full(info_full)
);
reg [6:0] info_level;
localparam [6:0] INFO_LIM = INFO_DEPTH - 2 - CLS_STAGES;
always @(posedge clk) begin
    // in_info_full follows info_level (info_level >= INFO_LIM), from compares of the
    // register beside the count's adders: the compare of the count was in front of
    // in_commit
    case ({pr_valid && !info_full, info_pop && !info_empty})
    2'b10: begin
        info_level <= info_level + 7'd1;
        in_info_full <= (info_level >= INFO_LIM - 7'd1);
    end
    2'b01: begin
        info_level <= info_level - 7'd1;
        in_info_full <= (info_level >= INFO_LIM + 7'd1);
    end
    default: ;
    endcase
    if (rst) begin
        info_level <= 7'd0;
        in_info_full <= 1'b0;
    end
end
wire [PW-1:0] i_fstart = info_out[PW-1:0];
wire [PW-1:0] i_nbeats = info_out[2*PW-1:PW];
wire [LW-1:0] i_len = info_out[2*PW +: LW];
wire [LW:0] i_need = {1'b0, i_len} + HDR[LW:0];   // stream bytes: header + frame
wire [7:0] i_qsel = info_out[2*PW+LW +: 8];
wire [3:0] i_csum_p = info_out[2*PW+LW+8 +: 4];
wire i_csum_ok = (i_csum_p[3] && i_csum_p[2]) || (i_csum_p[1] && i_csum_p[0]);
wire i_accept = info_out[2*PW+LW+12];

// ---------------------------------------------------------------------------
// 3. resolver, in two parts:
//  issuer:  takes frame records from the info FIFO; dropped ones (filtered, rx not
//           enabled) pass as skip entries, the others request their first chain on
//           rxb_req (several requests outstanding, answers come in order). After a
//           frame of a function with MRG_RXBUF it waits until that frame is resolved,
//           since only then may it need further chains (asked by the answer part).
//  answer:  consumes the answers in order for the head of the pending FIFO, puts the
//           descriptors into the descriptor FIFO and pushes the frame's job.
localparam DESC_W = 64 + 32 + 1 + 16 + 16;
// job: {skip, nowrite, err, flags, qid, nbuf, len, nbeats, fstart}
localparam JOB_W = 1 + 1 + 8 + 8 + QID_W + 16 + LW + PW + PW;
// pending: {skip, kind, mrg, flags, qid, len, nbeats, fstart}
localparam PD_W = 1 + 3 + 1 + 8 + QID_W + LW + PW + PW + LW + 1;
localparam PD_DEPTH = 8;

// (one-hot: the answer part's decisions test one bit, a_state[0] for A_RSP; the
// compare of a 2-bit state was one more input in front of r_take and job_push)
localparam [2:0] A_RSP = 3'b001, A_REQ = 3'b010, A_WAIT = 3'b100;
reg [2:0] a_state;
reg a_block;            // issuer waits for an MRG_RXBUF frame to be resolved
// the answer part's decisions start from flags kept beside the counts (they were
// compares of r_nbuf, r_waited and the capacity sum, in front of job_push and the
// pending FIFO's pop):
reg r_nodesc;           // no descriptor of the head frame taken yet
reg r_enough;           // its descriptors taken hold the header and the frame
reg [LW:0] r_short;     // bytes they lack (r_need - capacity) while neither flag is set
reg [15:0] r_nbuf;
reg r_nbuf0;            // r_nbuf == 0
reg r_gave_up;          // r_waited >= RX_WAIT_CYCLES (exact in A_RSP: r_waited last
                        // moved at least a cycle before, in A_WAIT)
reg [7:0] r_ndesc;
reg r_dover;            // r_ndesc + 1 + MAX_CHAIN > DESC_DEPTH, kept beside r_ndesc
reg [31:0] r_waited;
reg [6:0] r_timer;

wire desc_empty;
wire desc_full;
wire [DESC_W:0] desc_out;
reg desc_pop;
wire [4:0] job_count;
wire job_empty;
wire job_full;
wire [JOB_W-1:0] job_out;
reg job_pop;
wire job_push;
reg [JOB_W-1:0] job_in;
wire [4:0] rst_count;
reg [2:0] r_stat_kind;
reg [15:0] r_stat_bytes;

reg pd_empty;
wire pd_full;
reg [PD_W-1:0] pd_out;
reg pd_push;
reg [PD_W-1:0] pd_in;
reg pd_pop;

// receiveq k of the function is queue 2k
wire [31:0] r_qid32 = {{(32-FW){1'b0}}, rx_func} * QUEUES_PER_FUNC + {23'd0, i_qsel, 1'b0};
wire [QID_W-1:0] r_qid_new = r_qid32[QID_W-1:0];

// issuer
wire i_ok = !info_empty && !pd_full && !a_block;
wire i_skip = !cfg_rx_enable || !i_accept;
wire i_req = i_ok && !i_skip;
wire [7:0] i_flags = (cfg_gcsum && i_csum_ok) ? F_DATA_VALID : 8'd0;
wire a_req = a_state[1];
assign rxb_req_valid = a_req || i_req;
// pending record: {skip, kind, mrg, flags, qid, len, nbeats, fstart, need}
wire [LW:0] r_need = pd_out[0 +: LW+1];         // HDR + len, added by the issuer
wire [PW-1:0] r_fstart = pd_out[LW+1 +: PW];
wire [PW-1:0] r_nbeats = pd_out[LW+1+PW +: PW];
wire [LW-1:0] r_len = pd_out[LW+1+2*PW +: LW];
wire [QID_W-1:0] r_qid = pd_out[LW+1+2*PW+LW +: QID_W];
wire [7:0] r_flags = pd_out[LW+1+2*PW+LW+QID_W +: 8];
wire r_mrg = pd_out[PD_W-5];
wire [2:0] r_kind = pd_out[PD_W-2 -: 3];
wire r_skip = pd_out[PD_W-1];
assign rxb_req_qid = a_req ? r_qid : r_qid_new;

always @* begin
    info_pop = 1'b0;
    pd_push = 1'b0;
    // (the record is chosen by i_skip alone, it is used with pd_push only: i_ok is
    // not in front of the pending FIFO's head register)
    pd_in = {1'b0, ST_NO_BUF, cfg_mrg, i_flags, r_qid_new, i_len, i_nbeats, i_fstart, i_need};
    if (i_skip) begin
        pd_in = {1'b1, !cfg_rx_enable ? ST_NO_BUF : ST_FILTERED, 1'b0, 8'd0, r_qid_new, i_len,
            i_nbeats, i_fstart, i_need};
    end
    if (i_ok && i_skip) begin
        info_pop = 1'b1;
        pd_push = 1'b1;
    end
    if (i_req && !a_req && rxb_req_ready) begin
        info_pop = 1'b1;
        pd_push = 1'b1;
    end
end

// answer part
// The rxb answer is taken into a 2-record FIFO with registered head and flags
// (u_rxa) before the answer part looks at it, with its length saturated to LW+1 bits
// for the fit compares: the answer part's decisions start from flip-flops, and rxb_ready is the
// FIFO's registered `full` (port rxb_len -> fit compare -> job_push -> the pending
// FIFO's head load was the block's deepest path). It costs a cycle per answer.
localparam RA_W = LW + 1 + 1 + 1 + DESC_W;
wire [RA_W-1:0] ra_out;
wire ra_empty_q;
wire ra_full;
wire ra_pop;
wire ra_valid = !ra_empty_q;
wire [LW:0] ra_lsat = ra_out[RA_W-1 -: LW+1];   // min(len, 2^(LW+1) - 1)
wire ra_empty = ra_out[DESC_W];
wire ra_le4k = ra_out[DESC_W+1];                 // len <= 4096 (for the planner)
wire [15:0] ra_count = ra_out[128:113];
wire [15:0] ra_id = ra_out[112:97];
wire ra_last = ra_out[96];
wire [31:0] ra_len = ra_out[95:64];
wire [63:0] ra_addr = ra_out[63:0];
assign rxb_ready = !ra_full;
vionic_net_fifo_reg #(.WIDTH(RA_W), .DEPTH(2)) u_rxa (
    .clk(clk), .rst(rst),
    .wr_en(rxb_valid),
    .wr_data({(rxb_len[31:LW+1] != {(32-LW-1){1'b0}}) ? {(LW+1){1'b1}} : rxb_len[LW:0],
        rxb_len <= 32'd4096, rxb_empty,
        rxb_count, rxb_id, rxb_last, rxb_len, rxb_addr}),
    .rd_en(ra_pop), .rd_data(ra_out),
    .empty(ra_empty_q), .full(ra_full)
);

// the chains taken so far plus this descriptor hold the header and the frame
// (capacity + ra_len >= r_need), from the flags and r_short: two compares side by
// side, then a choice; the saturated length decides as the full one (r_need and
// r_short are below 2^(LW+1) - 1)
wire r_fit_first = (ra_lsat >= r_need);
wire r_fit_more = (ra_lsat >= r_short);
wire r_fit = r_nodesc ? r_fit_first : (r_enough || r_fit_more);
// room for a job and a statistics event, registered: from the counts a cycle before,
// two slots earlier (at most one push each per cycle, and the pushes reach the FIFOs
// a cycle after the decision, below), so ra_ready starts from a flag
reg a_room;
wire a_rsp_head = a_state[0] && !pd_empty && a_room;
wire ra_ready = a_rsp_head && !r_skip && !desc_full;
wire r_take = ra_valid && ra_ready;
// job_push (below) as a choice by r_fit between two terms of registers: r_fit is the
// late input (a wide decision after it was the deepest path, answer -> fit -> job_push
// -> the pending FIFO's head load)
wire a_push_fit = ra_empty ? (r_nbuf0 || r_gave_up) : ra_last;
wire a_push_nofit = ra_empty ? (r_nbuf0 || r_gave_up) : (ra_last && (!r_mrg || r_dover));
wire a_take_ok = ra_valid && !desc_full;
wire a_job_push_fit = a_rsp_head && (r_skip || (a_take_ok && a_push_fit));
wire a_job_push_nofit = a_rsp_head && (r_skip || (a_take_ok && a_push_nofit));
wire a_job_push = r_fit ? a_job_push_fit : a_job_push_nofit;
assign ra_pop = r_take;

// Pending records: a FIFO with registered head and flags (u_pend; with a plain FIFO
// the empty compare of its pointers began the block's deepest path, pointers -> empty
// -> rxb_ready -> job_push -> pop), then two registers: the head in use (pd_out, valid
// !pd_empty) and the next record (pd_nx). The FIFO is read only into an empty pd_nx
// (or straight into a free head), from registers, so the pop (job_push, late in the
// cycle) reaches only the two registers' choice, not the FIFO's head load (fit compare
// -> job_push -> u_pend's head load was the deepest path). A record pushed into an
// empty path is in pd_out two cycles later (one before); pops keep one per cycle.
// pd_therm counts all records (FIFO and both registers) so that, as before, at most
// PD_DEPTH are pending: pd_full is its registered flag.
wire pq_empty;
wire pq_full;
wire [PD_W-1:0] pq_out;
reg [PD_W-1:0] pd_nx;
reg pd_nx_valid;
// (the count as a thermometer, pd_therm[k]: more than k records, so pd_full is its top
// bit and each bit's next value a choice by push and pop between itself and its
// neighbours: a binary count put the late pd_pop in front of an adder)
reg [PD_DEPTH-1:0] pd_therm;
assign pd_full = pd_therm[PD_DEPTH-1];
wire pq_pop = !pd_nx_valid && !pq_empty;
wire pd_free = pd_empty || pd_pop;
vionic_net_fifo_reg #(.WIDTH(PD_W), .DEPTH(PD_DEPTH)) u_pend (
    .clk(clk), .rst(rst),
    .wr_en(pd_push), .wr_data(pd_in),
    .rd_en(pq_pop), .rd_data(pq_out),
    .empty(pq_empty), .full(pq_full)
);
always @(posedge clk) begin
    if (pd_free) begin
        pd_out <= pd_nx_valid ? pd_nx : pq_out;
        pd_empty <= !pd_nx_valid && pq_empty;
    end
    // (pd_nx takes the FIFO's head whenever it is free, the late pd_free decides only
    // whether it counts: with pd_free the record went straight into pd_out)
    if (!pd_nx_valid) begin
        pd_nx <= pq_out;
    end
    pd_nx_valid <= !pd_free && (pd_nx_valid || !pq_empty);
    // (pd_push implies !pd_full: both of the issuer's pushes need i_ok)
    case ({pd_push, pd_pop})
    2'b10: pd_therm <= {pd_therm[PD_DEPTH-2:0], 1'b1};
    2'b01: pd_therm <= {1'b0, pd_therm[PD_DEPTH-1:1]};
    default: ;
    endcase
    if (rst) begin
        pd_empty <= 1'b1;
        pd_nx_valid <= 1'b0;
        pd_therm <= {PD_DEPTH{1'b0}};
    end
end

// (registered head and flags: the planner's piece decision starts from the head
// register, not from a distributed-RAM read, which began the block's deepest path)
// Beside each descriptor its len <= 4096 (worked out as the answer was taken into
// u_rxa): the planner's piece decision starts from that flag, not from a 32-bit compare.
vionic_net_fifo_reg #(.WIDTH(DESC_W + 1), .DEPTH(DESC_DEPTH)) u_desc (
    .clk(clk), .rst(rst),
    .wr_en(r_take && !ra_empty),
    .wr_data({ra_le4k, ra_count, ra_id, ra_last, ra_len, ra_addr}),
    .rd_en(desc_pop), .rd_data(desc_out),
    .empty(desc_empty), .full(desc_full)
);

// The job record and the statistics event are looked at only with their pushes, so
// they are chosen by the case alone (a skipped frame, an empty answer, a last
// descriptor without fit), not by r_take and the room checks, which were in front of
// every bit of job_in_reg and r_stat_in_reg (pd_empty -> r_take -> job_in, 7 levels).
// With a push: r_skip, or r_take with an empty answer (first chain empty: r_nbuf is 0;
// or given up), or with a last descriptor (no fit: without MRG_RXBUF too small, else
// too many descriptors).
wire r_nofit = !r_skip && !ra_empty && !r_fit;
// A job comes with a statistics event exactly when it writes nothing (skipped, no
// buffer, given up, too small, too many descriptors: job_in's nowrite), so the event's
// push is job_push_reg && that bit of job_in_reg (below), not a decision of its own
// beside job_push (the two shared their logic and lengthened each other's paths).
always @* begin
    r_stat_kind = r_skip ? r_kind : ra_empty ? ST_NO_BUF : ST_ERROR;
    r_stat_bytes = {2'd0, r_len};
    job_in = {r_skip || (ra_empty && r_nbuf0), r_skip || ra_empty || !r_fit,
        (r_nofit && !r_mrg) ? E_TOO_SMALL : 8'd0, r_skip ? 8'd0 : r_flags, r_qid,
        r_skip ? 16'd0 : ra_empty ? r_nbuf : r_nbuf + 16'd1, r_len, r_nbeats, r_fstart};
    pd_pop = job_push;
end
assign job_push = a_job_push;

always @(posedge clk) begin
    if (i_req && !a_req && rxb_req_ready && cfg_mrg) begin
        a_block <= 1'b1;
    end
    case (a_state)
    A_RSP: begin
        if (r_take) begin
            if (ra_empty) begin
                if (!job_push) begin
                    a_state <= A_WAIT;
                    r_timer <= RETRY_CYCLES - 1;
                end
            end else begin
                r_nodesc <= 1'b0;
                r_enough <= r_fit;
                // (exact whenever it matters: without r_fit, ra_len < the lack)
                r_short <= (r_nodesc ? r_need : r_short) - ra_len[LW:0];
                r_ndesc <= r_ndesc + 8'd1;
                if ({1'b0, r_ndesc} + 9'd2 + MAX_CHAIN > DESC_DEPTH) begin
                    r_dover <= 1'b1;
                end
                if (ra_last) begin
                    r_nbuf <= r_nbuf + 16'd1;
                    r_nbuf0 <= 1'b0;
                    if (!job_push) begin
                        a_state <= A_REQ;
                    end
                end
            end
        end
    end
    A_REQ: begin
        if (rxb_req_ready) begin
            a_state <= A_RSP;
        end
    end
    default: begin
        r_timer <= r_timer - 7'd1;
        r_waited <= r_waited + 32'd1;
        if (r_timer == 7'd0) begin
            a_state <= A_REQ;
        end
    end
    endcase
    r_gave_up <= (r_waited >= RX_WAIT_CYCLES);
    if (job_push) begin
        r_gave_up <= 1'b0;
        r_nodesc <= 1'b1;
        r_enough <= 1'b0;
        r_nbuf <= 16'd0;
        r_nbuf0 <= 1'b1;
        r_ndesc <= 8'd0;
        r_dover <= 1'b0;
        r_waited <= 32'd0;
        if (r_mrg) begin
            a_block <= 1'b0;
        end
    end
    a_room <= (job_count < JOB_DEPTH - 2) && (rst_count < STAT_DEPTH - 3);
    if (rst) begin
        a_room <= 1'b0;
        a_state <= A_RSP;
        a_block <= 1'b0;
        r_nodesc <= 1'b1;
        r_enough <= 1'b0;
        r_nbuf <= 16'd0;
        r_nbuf0 <= 1'b1;
        r_gave_up <= 1'b0;
        r_ndesc <= 8'd0;
        r_dover <= 1'b0;
        r_timer <= 7'd0;
        r_waited <= 32'd0;
    end
end

// The job and statistics pushes are registered and reach their FIFOs a cycle later
// (the job decision then does not run on into the FIFOs' write logic); a_room above
// counts the push still in the register.
reg job_push_reg;
reg [JOB_W-1:0] job_in_reg;
reg [18:0] r_stat_in_reg;
wire r_stat_push_reg = job_push_reg && job_in_reg[JOB_W-2];
always @(posedge clk) begin
    job_push_reg <= job_push;
    job_in_reg <= job_in;
    r_stat_in_reg <= {r_stat_kind, r_stat_bytes};
    if (rst) begin
        job_push_reg <= 1'b0;
    end
end

vionic_net_fifo #(.WIDTH(JOB_W), .DEPTH(JOB_DEPTH)) u_job (
    .clk(clk), .rst(rst),
    .wr_en(job_push_reg), .wr_data(job_in_reg),
    .rd_en(job_pop), .rd_data(job_out),
    .empty(job_empty), .full(job_full), .count(job_count)
);

// ---------------------------------------------------------------------------
// 4. writer, in two decoupled parts:
//  planner:  walks the job's descriptors, cuts pieces (<= 4096 bytes, one DMA write
//            each) into the piece FIFO, queues one used entry per chain and the
//            frame record;
//  streamer: sends the data beats of the head piece, realigned from the frame RAM,
//            with the piece's wr_req presented alongside its first beat, and frees
//            the frame's RAM after its last piece (a marker entry frees the RAM of
//            a frame that writes nothing).
localparam [1:0] P_JOB = 2'd0, P_DESC = 2'd1;
reg [1:0] p_state;
reg p_nowrite;
reg [7:0] p_err;
reg [7:0] p_flags;
reg [QID_W-1:0] p_qid;
reg [15:0] p_nbuf;
reg [LW-1:0] p_len;
reg [PW-1:0] p_fstart;
reg [PW-1:0] p_fend;
reg [15:0] p_chains;
reg p_chain_last;      // p_chains + 1 == p_nbuf, kept beside them (no adder on the push path)
reg [15:0] p_nwrites;
reg [15:0] p_srem;     // stream bytes left to plan
reg [15:0] p_pos;      // stream position of the next piece
// bytes planned into the current chain: p_cacc + p_cadd, the last piece added a cycle
// later (timing: the piece decision was in front of a 32-bit carry chain)
reg [31:0] p_cacc;
reg [12:0] p_cadd;
reg p_have;            // a partly used descriptor is held in p_d*
// flags kept beside p_srem and p_drem (their compares were in front of the piece
// decision, on the planner's deepest paths p_srem -> p_desc_done -> rec_push ->
// p_state and descriptor -> piece -> p_cadd):
reg p_data;            // !p_nowrite && p_srem != 0
reg p_s_le_4k;         // p_srem <= 4096
reg p_drem_le4k;       // p_drem <= 4096
reg [63:0] p_daddr;
reg [31:0] p_drem;
reg p_dlast;
reg [15:0] p_did;
reg [15:0] p_dcount;
reg [7:0] w_out;       // writes outstanding (issued, done not yet taken)
reg [7:0] w_wid;
reg [7:0] s_beat;

wire j_skip = job_out[JOB_W-1];
wire j_nowrite = job_out[JOB_W-2];
wire [7:0] j_err = job_out[JOB_W-3 -: 8];
wire [7:0] j_flags = job_out[JOB_W-11 -: 8];
wire [QID_W-1:0] j_qid = job_out[JOB_W-19 -: QID_W];
wire [15:0] j_nbuf = job_out[2*PW+LW +: 16];
wire [LW-1:0] j_len = job_out[2*PW +: LW];
wire [PW-1:0] j_nbeats = job_out[PW +: PW];
wire [PW-1:0] j_fstart = job_out[0 +: PW];

wire [63:0] d_addr = desc_out[63:0];
wire [31:0] d_len = desc_out[95:64];
wire d_last = desc_out[96];
wire [15:0] d_id = desc_out[112:97];
wire [15:0] d_count = desc_out[128:113];
wire d_le4k = desc_out[DESC_W];

wire [6:0] used_count;
wire used_empty;
wire used_full;
reg used_push;
reg [QID_W+64-1:0] used_in;      // its len field: the chain's bytes before this piece
reg [12:0] used_in_add;          // ... and this piece's (added after used_in_reg)
wire [QID_W+64-1:0] used_out;
reg used_pop;
wire rec_empty;
wire rec_full;
reg rec_push;
localparam REC_W = 1 + 16 + 16 + 8 + QID_W + LW;
wire [REC_W-1:0] rec_out;
reg rec_pop;
reg done_take;

// piece: {marker, frame_end, fend, fstart, nbuf, flags, pos, len, addr}
localparam PC_W = 1 + 1 + PW + PW + 16 + 8 + 16 + 13 + 64;
localparam PC_DEPTH = 8;
wire pc_empty, pc_full;
wire [3:0] pc_count;
reg pc_push;
reg [PC_W-1:0] pc_in;
wire [PC_W-1:0] pc_out;
wire pc_pop;

// planner
wire [63:0] c_addr = p_have ? p_daddr : d_addr;
wire [31:0] c_rem = p_have ? p_drem : d_len;
wire c_last = p_have ? p_dlast : d_last;
wire [15:0] c_id = p_have ? p_did : d_id;
wire [15:0] c_count = p_have ? p_dcount : d_count;
wire [31:0] p_srem32 = {16'd0, p_srem};
// piece = min(c_rem, p_srem, 4096), from comparisons made side by side (each against
// both descriptor sources, p_d* and the FIFO head), not one after the other: this was
// on the planner's longest path (descriptor FIFO -> min -> 4 KiB cap -> piece ==)
wire p_r_le_s = p_have ? (p_drem <= p_srem32) : (d_len <= p_srem32);
wire p_r_le_4k = p_have ? p_drem_le4k : d_le4k;
wire p_s_le_r = p_have ? (p_srem32 <= p_drem) : (p_srem32 <= d_len);
wire p_piece_is_r = p_r_le_s && p_r_le_4k;                 // piece == c_rem
wire p_piece_is_s = p_s_le_r && p_s_le_4k;                 // piece == p_srem
wire [12:0] p_piece = p_piece_is_r ? c_rem[12:0] : p_piece_is_s ? p_srem[12:0] : 13'd4096;
// the piece ends the descriptor (or the frame's data): min(c_rem, p_srem) <= 4096,
// i.e. p_piece_is_r || p_piece_is_s, without the compare of c_rem with p_srem (that
// compare was on the planner's deepest path, through the frame's last piece into
// the record push and p_state)
wire p_desc_done = !p_data || p_r_le_4k || p_s_le_4k;
wire p_frame_last = p_desc_done && c_last && p_chain_last;
// The planner's pushes into the piece, used and record FIFOs are registered
// (*_push_reg, *_in_reg) and reach the FIFOs one cycle later: the piece decision
// (descriptor head -> compare -> piece done) no longer runs on into the FIFOs' write
// and head-load logic (that was the block's deepest path, 11 LUT levels). So the
// room checks count the push still in the register: a FIFO is busy when full, or
// when it has one slot left and a push is pending. The record FIFO takes at most one
// push per frame and the planner spends a cycle in P_JOB after it, so a pending
// record push never meets a p_go; it is checked anyway. Records and used entries are
// delayed alike (the used entries of a frame are in u_used when its record is seen),
// and a frame's record still lands long before the first done pulse of the next
// frame (which must first be planned, streamed and written), so the completion's
// done accounting (done pulses taken while no record is queued belong to the next
// record) is unchanged.
reg pc_push_reg;
reg [PC_W-1:0] pc_in_reg;
reg used_push_reg;
reg [QID_W+64-1:0] used_in_reg;
reg [12:0] used_in_add_reg;
reg rec_push_reg;
reg [REC_W-1:0] rec_in_reg;
// The piece and used FIFOs' busy flags are registers, from the counts a cycle before
// and two slots early (a push in the register and one decided in that cycle may land
// before the next decision's): the count's pointer subtract and compare were in front
// of p_go (u_used's pointers -> busy -> p_go -> the descriptor FIFO's head load).
// Each FIFO so keeps one slot unused.
reg pc_busy;
reg p_busy;             // pc_busy || used_busy, one flag for p_go
always @(posedge clk) begin
    pc_busy <= ({28'd0, pc_count} >= PC_DEPTH - 2);
    p_busy <= ({28'd0, pc_count} >= PC_DEPTH - 2) || ({25'd0, used_count} >= USED_DEPTH - 2);
    if (rst) begin
        pc_busy <= 1'b1;
        p_busy <= 1'b1;
    end
end
wire rec_busy = rec_full || rec_push_reg;
wire p_go = (p_state == P_DESC) && (p_have || !desc_empty) && !p_busy && !rec_busy;
wire p_job_go = (p_state == P_JOB) && !job_empty && !pc_busy;
wire [31:0] p_clen = p_cacc + {19'd0, p_cadd};          // from registers only
// p_clen_next = p_clen + p_add; p_add is the piece without the choice by p_data: a
// frame without data (p_nowrite) has p_srem 0, and with p_srem 0 the piece is 0
// (p_piece_is_s, or c_rem 0)
wire [12:0] p_add = p_piece;
wire [15:0] p_nwrites_next = p_nwrites + (p_data ? 16'd1 : 16'd0);

always @* begin
    job_pop = p_job_go;
    desc_pop = p_go && !p_have;
    // the piece entry is chosen by the state and p_nowrite alone, its push by the
    // go conditions (the entry did depend on p_go, which put the piece decision
    // in front of the entry's mux): P_JOB pushes only the marker of a skipped frame,
    // P_DESC a data piece, or for a frame without writes its marker with the last
    // descriptor
    pc_push = (p_job_go && j_skip) || (p_go && (p_data || (p_nowrite && p_frame_last)));
    if (p_state == P_JOB) begin
        pc_in = {1'b1, 1'b1, j_fstart + j_nbeats, j_fstart, 16'd0, 8'd0, 16'd0, 13'd0, 64'd0};
    end else if (p_nowrite) begin
        pc_in = {1'b1, 1'b1, p_fend, p_fstart, 16'd0, 8'd0, 16'd0, 13'd0, 64'd0};
    end else begin
        pc_in = {1'b0, p_piece_is_s, p_fend, p_fstart, p_nbuf, p_flags, p_pos, p_piece, c_addr};
    end
    used_push = p_go && p_desc_done && c_last;
    used_in = {p_qid, c_count, c_id, p_nowrite ? 32'd0 : p_clen};
    used_in_add = p_add;
    rec_push = p_go && p_frame_last;
end

always @(posedge clk) begin
    case (p_state)
    P_JOB: begin
        if (p_job_go) begin
            if (!j_skip) begin
                p_state <= P_DESC;
            end
            p_nowrite <= j_nowrite;
            p_err <= j_err;
            p_flags <= j_flags;
            p_qid <= j_qid;
            p_nbuf <= j_nbuf;
            p_len <= j_len;
            p_fstart <= j_fstart;
            p_fend <= j_fstart + j_nbeats;
            p_chains <= 16'd0;
            p_chain_last <= (j_nbuf == 16'd1);
            p_nwrites <= 16'd0;
            p_srem <= j_nowrite ? 16'd0 : {2'd0, j_len} + HDR16;
            // (the stream bytes, header and frame, are never 0)
            p_data <= !j_nowrite;
            p_s_le_4k <= j_nowrite || ({2'd0, j_len} + HDR16 <= 16'd4096);
            p_pos <= 16'd0;
            p_cacc <= 32'd0;
            p_cadd <= 13'd0;
            p_have <= 1'b0;
        end
    end
    default: begin
        if (p_go) begin
            if (p_data) begin
                p_pos <= p_pos + {3'd0, p_piece};
                p_srem <= p_srem - {3'd0, p_piece};
                p_nwrites <= p_nwrites_next;
                // the flags of p_srem - p_piece, from compares beside the piece's:
                // the piece is p_srem (nothing left), c_rem (<= 4096, below p_srem),
                // or 4096 (p_srem > 4096 then)
                p_data <= !p_piece_is_s;
                p_s_le_4k <= p_piece_is_s || (p_piece_is_r ? (p_srem - c_rem[15:0] <= 16'd4096)
                    : (p_srem <= 16'd8192));
            end
            if (p_desc_done) begin
                p_have <= 1'b0;
                if (c_last) begin
                    p_chains <= p_chains + 16'd1;
                    p_chain_last <= (p_chains + 16'd2 == p_nbuf);
                    p_cacc <= 32'd0;
                    p_cadd <= 13'd0;
                    if (p_frame_last) begin
                        p_state <= P_JOB;
                    end
                end else begin
                    p_cacc <= p_clen;
                    p_cadd <= p_add;
                end
            end else begin
                // the descriptor goes on after this piece only when the piece is a
                // whole 4096 (neither c_rem nor p_srem within 4096): the constant,
                // not p_piece, is added (timing: the piece decision was in front of
                // a 64-bit carry chain, the block's longest path by delay)
                p_have <= 1'b1;
                p_daddr <= c_addr + 64'd4096;
                p_drem <= c_rem - 32'd4096;
                p_drem_le4k <= p_have ? (p_drem <= 32'd8192) : (d_len <= 32'd8192);
                p_dlast <= c_last;
                p_did <= c_id;
                p_dcount <= c_count;
                p_cacc <= p_clen;
                p_cadd <= p_add;
            end
        end
    end
    endcase
    if (rst) begin
        p_state <= P_JOB;
        p_have <= 1'b0;
        p_nbuf <= 16'd0;
        p_chains <= 16'd0;
    end
end

always @(posedge clk) begin
    pc_push_reg <= pc_push;
    pc_in_reg <= pc_in;
    used_push_reg <= used_push;
    used_in_reg <= used_in;
    used_in_add_reg <= used_in_add;
    rec_push_reg <= rec_push;
    rec_in_reg <= {p_err != 8'd0, p_nwrites_next, p_nbuf, p_err, p_qid, p_len};
    if (rst) begin
        pc_push_reg <= 1'b0;
        used_push_reg <= 1'b0;
        rec_push_reg <= 1'b0;
    end
end

// beside each piece, its beat count less one (8 bits, wrapping as s_beat does),
// worked out on the way into the FIFO: the streamer's last-beat test compares it with
// s_beat (timing: FIFO read -> length -> beats -> increment compare -> pop was the
// block's deepest path)
wire [31:0] pc_nb32_in = ({19'd0, pc_in_reg[76:64]} + BPB - 1) >> BW;
wire [7:0] pc_nbm1_in = pc_nb32_in[7:0] - 8'd1;
wire [7:0] s_nbm1;
vionic_net_fifo #(.WIDTH(8 + PC_W), .DEPTH(PC_DEPTH)) u_piece (
    .clk(clk), .rst(rst),
    .wr_en(pc_push_reg), .wr_data({pc_nbm1_in, pc_in_reg}),
    .rd_en(pc_pop), .rd_data({s_nbm1, pc_out}),
    .empty(pc_empty), .full(pc_full), .count(pc_count)
);

// streamer, two stages (fed by the piece FIFO directly: a piece's write request goes
// out with its first beat, so the write engine and its arbiter are never held by a
// request whose data is still being read from the frame RAM; that cost 2 idle
// write-port cycles per 64-byte frame): S0 walks the beats of the head piece and reads the two frame
// RAM beats that hold them (synchronous reads, one per RAM copy); S1 holds the beat
// and presents it, shifted to lane 0, on wr_data. Stream byte s is header byte s
// (s < 12) or frame byte s - 12.
wire s_marker = pc_out[PC_W-1];
wire s_fend_flag = pc_out[PC_W-2];
wire [PW-1:0] s_fend = pc_out[PC_W-3 -: PW];
wire [PW-1:0] s_fstart = pc_out[PC_W-3-PW -: PW];
wire [15:0] s_nbuf = pc_out[8+16+13+64 +: 16];
wire [7:0] s_flags = pc_out[16+13+64 +: 8];
wire [15:0] s_ppos = pc_out[13+64 +: 16];
wire [12:0] s_len = pc_out[76:64];
wire [31:0] s_boff = {24'd0, s_beat} << BW;
wire [15:0] s_pos = s_ppos + s_boff[15:0];
wire [15:0] w_q = s_pos - HDR16;
wire [15:0] w_lo = {{BW{w_q[15]}}, w_q[15:BW]};
wire [PW-1:0] w_idx_lo = s_fstart + w_lo[PW-1:0];
wire [PW-1:0] w_idx_hi = w_idx_lo + 1'b1;
wire s_last = (s_beat == s_nbm1);     // s_beat + 1 == the piece's beats

reg s1_valid;
reg s1_last;
reg s1_use_hdr;
reg [BW-1:0] s1_sh;
reg [15:0] s1_nbuf;
reg [7:0] s1_flags;
reg [DW-1:0] s1_lo;
reg [DW-1:0] s1_hi;
reg s1_first;          // the beat is the first of its piece: it goes with the request
reg s1_reqd;           // ... whose request was taken already (the beat was not)
reg [63:0] s1_addr;
reg [12:0] s1_len;
// issuer: the request of the piece whose first beat is in S1 (at most MAX_OUT
// writes without wr_done); the beat is offered with it and may move in the same
// cycle (docs/datapath.md "DMA write client")
assign wr_req_valid = s1_valid && s1_first && !s1_reqd && (w_out < MAX_OUT);
assign wr_req_func = rx_func8;
assign wr_req_addr = s1_addr;
assign wr_req_len = s1_len;
assign wr_req_id = w_wid;
wire w_req_go = wr_req_valid && wr_req_ready;
wire w_beat_go = wr_data_valid && wr_data_ready;
wire s_adv = !s1_valid || w_beat_go;
wire s0_beat = s_adv && !pc_empty && !s_marker;

always @(posedge clk) begin
    if (s0_beat) begin
        s1_lo <= ram[w_idx_lo[AW-1:0]];
        s1_hi <= ram_b[w_idx_hi[AW-1:0]];
    end
end

// virtio_net_hdr (§5.1.6.1) in the top 12 lanes of the virtual beat -1:
// flags, gso_type NONE, hdr_len/gso_size/csum_start/csum_offset 0, num_buffers (LE,
// §5.1.6.4: 1 without MRG_RXBUF)
wire [8*HDR-1:0] w_hdr = {s1_nbuf, 64'd0, GSO_NONE, s1_flags};
wire [DW-1:0] w_hdr_beat = {w_hdr, {(DW - 8*HDR){1'b0}}};
wire [DW-1:0] w_beat_lo = s1_use_hdr ? w_hdr_beat : s1_lo;
wire [2*DW-1:0] w_shifted = {s1_hi, w_beat_lo} >> {s1_sh, 3'b000};

assign wr_data_valid = s1_valid && (!s1_first || s1_reqd || wr_req_valid);
assign wr_data = w_shifted[DW-1:0];
assign wr_data_last = s1_last;
assign pc_pop = (s0_beat && s_last) || (!pc_empty && s_marker);

always @(posedge clk) begin
    if (s_adv) begin
        s1_valid <= s0_beat;
    end
    if (w_req_go && !w_beat_go) begin
        s1_reqd <= 1'b1;
    end
    if (w_beat_go) begin
        s1_reqd <= 1'b0;
    end
    if (s0_beat) begin
        s1_first <= (s_beat == 8'd0);
        s1_addr <= pc_out[63:0];
        s1_len <= s_len;
        s1_last <= s_last;
        s1_use_hdr <= (w_lo == 16'hffff);
        s1_sh <= w_q[BW-1:0];
        s1_nbuf <= s_nbuf;
        s1_flags <= s_flags;
        s_beat <= s_last ? 8'd0 : s_beat + 8'd1;
    end
    // the RAM beats of the frame have been read: free them
    if (pc_pop && s_fend_flag) begin
        free_ptr <= s_fend;
    end
    // (in_ram_near, in_free_q, in_back_q: see in_ram_full, ingress)
    in_ram_near <= ((in_wptr - free_ptr) >= DEPTH[PW-1:0] - 1'b1);
    in_free_q <= pc_pop && s_fend_flag;
    in_back_q <= ei_valid && ei_last && !in_commit && in_wrote;
    if (w_req_go) begin
        w_wid <= w_wid + 8'd1;
    end
    if (w_req_go && !done_take) begin
        w_out <= w_out + 8'd1;
    end else if (!w_req_go && done_take) begin
        w_out <= w_out - 8'd1;
    end
    if (rst) begin
        free_ptr <= {PW{1'b0}};
        in_ram_near <= 1'b0;
        in_free_q <= 1'b0;
        in_back_q <= 1'b0;
        w_out <= 8'd0;
        w_wid <= 8'd0;
        s_beat <= 8'd0;
        s1_valid <= 1'b0;
        s1_reqd <= 1'b0;
    end
end

vionic_net_fifo #(.WIDTH(QID_W + 64), .DEPTH(USED_DEPTH)) u_used (
    .clk(clk), .rst(rst),
    .wr_en(used_push_reg),
    .wr_data({used_in_reg[QID_W+63:32], used_in_reg[31:0] + {19'd0, used_in_add_reg}}),
    .rd_en(used_pop), .rd_data(used_out),
    .empty(used_empty), .full(used_full), .count(used_count)
);

// frame record: {err != 0, nwrites, nchains, err, qid, len}
// (registered head and flags: the completion decision starts from flip-flops, not
// from a RAM read and a pointer compare, which were on the block's deepest path)
// Two flags go into the FIFO beside it, worked out from rec_in_reg on the way in:
// nwrites == 0 and nwrites == 1 (low CMP_W bits, below): the completion's
// all-done test of a new head record, whose count of taken done pulses is 0, is
// then a flip-flop (see c_fresh).
localparam CMP_W = 7;
localparam [CMP_W-1:0] CMP_ONE = 1;
wire [15:0] rec_in_nw = rec_in_reg[REC_W-2 -: 16];
wire [1:0] rec_out_nw01;
vionic_net_fifo_reg #(.WIDTH(REC_W + 2), .DEPTH(REC_DEPTH)) u_rec (
    .clk(clk), .rst(rst),
    .wr_en(rec_push_reg),
    .wr_data({rec_in_nw[CMP_W-1:0] == CMP_ONE, rec_in_nw[CMP_W-1:0] == {CMP_W{1'b0}}, rec_in_reg}),
    .rd_en(rec_pop), .rd_data({rec_out_nw01, rec_out}),
    .empty(rec_empty), .full(rec_full)
);

// ---------------------------------------------------------------------------
// 5. completion
wire done_empty;
wire done_full;
wire done_out;
// (registered head and flags, like u_rec)
vionic_net_fifo_reg #(.WIDTH(1), .DEPTH(DONE_DEPTH)) u_done (
    .clk(clk), .rst(rst),
    .wr_en(wr_done_valid), .wr_data(wr_done_error),
    .rd_en(done_take), .rd_data(done_out),
    .empty(done_empty), .full(done_full)
);

wire c_rec_err_nz = rec_out[REC_W-1];
wire [15:0] c_nwrites = rec_out[REC_W-2 -: 16];
wire [15:0] c_nchains = rec_out[REC_W-18 -: 16];
wire [7:0] c_rec_err = rec_out[REC_W-34 -: 8];
wire [QID_W-1:0] c_qid = rec_out[LW +: QID_W];
wire [LW-1:0] c_len = rec_out[LW-1:0];

localparam [1:0] C_DONE = 2'd0, C_ERR = 2'd1, C_USED = 2'd2;
reg [1:0] c_state;
reg [15:0] c_cnt;
reg [15:0] c_cnt1;     // c_cnt + 1, kept beside it (no adder behind done_take/used_pop)
reg c_dma_err;
wire [5:0] cst_count;
reg c_stat_room;       // the completion's statistics FIFO has room (registered, below)
reg c_stat_push;
reg [2:0] c_stat_kind;
wire c_err_now = c_dma_err || (done_take && done_out);
wire [7:0] c_code = c_dma_err ? E_DMA_WRITE : c_rec_err;
// The counts are compared on their low CMP_W = 7 bits (a 16-bit compare was 3 LUT levels
// on the completion's deepest paths): a frame has at most DESC_DEPTH descriptors, so at most
// DESC_DEPTH chains and DESC_DEPTH + MAX_FRAME / 4096 + 1 writes (checked below), and
// c_cnt counts up to one of them.
initial begin
    if (DESC_DEPTH + MAX_FRAME / 4096 + 2 >= (1 << CMP_W)) begin
        $error("vionic_net_rx: completion counts need more than CMP_W bits");
        $finish;
    end
end
// The head frame has all its done pulses (c_all: c_cnt == c_nwrites), or all but one
// (c_all_but_one: c_cnt + 1 == c_nwrites). Both are flip-flops: the compares of c_cnt
// with the record were in front of done_take, the done FIFO's head load and c_go, the
// block's deepest paths (rec_out -> compare -> done_take -> u_done / c_cnt, 7 LUT
// levels). c_e0/c_e1 are the compares for the next cycle, worked out from registers
// beside the decision and chosen by done_take (c_cnt moves by one at most): with the
// head record (x_k: c_cnt + k == c_nwrites), or, while no record is queued, with the
// record being pushed (it is the head the next cycle). Right after a record's pop
// c_cnt is 0 and the new head has not been seen yet: c_fresh then takes the flags
// the record brought along (nwrites == 0, nwrites == 1).
reg c_fresh;
reg c_e0;
reg c_e1;
reg c_lastc;           // c_cnt1 == c_nchains (low CMP_W bits), valid in C_ERR and C_USED
wire [CMP_W-1:0] c_cnt2 = c_cnt1[CMP_W-1:0] + 1'b1;
// (the record the flags are for next: the head, or with none queued the one pushed)
wire [CMP_W-1:0] c_nw_next = rec_empty ? rec_in_nw[CMP_W-1:0] : c_nwrites[CMP_W-1:0];
wire c_x0 = (c_cnt[CMP_W-1:0] == c_nw_next);
wire c_x1 = (c_cnt1[CMP_W-1:0] == c_nw_next);
wire c_x2 = (c_cnt2 == c_nw_next);
wire c_all = c_fresh ? rec_out_nw01[0] : c_e0;
wire c_all_but_one = c_fresh ? rec_out_nw01[1] : c_e1;
// (the statistics FIFO's room was a pointer subtract and compare in front of c_go)
wire c_go = (c_state == C_DONE) && !rec_empty && (c_all || (c_all_but_one && !done_empty))
    && c_stat_room;

assign err_valid = (c_state == C_ERR);
assign err_qid = c_qid;
assign err_code = c_code;
assign rx_used_valid = (c_state == C_USED);
assign rx_used_qid = used_out[QID_W+63:64];
assign rx_used_count = used_out[63:48];
assign rx_used_id = used_out[47:32];
assign rx_used_len = used_out[31:0];

always @* begin
    // with no frame record queued the done pulses belong to the frame still being
    // planned (a frame may have more writes than MAX_OUT): take them already
    done_take = (c_state == C_DONE) && (rec_empty || !c_all) && !done_empty;
    used_pop = rx_used_valid && rx_used_ready;
    rec_pop = used_pop && c_lastc;
    c_stat_kind = ST_PACKET;
    // a frame that was written without error counts as received (c_code == 0 and
    // c_nwrites != 0, from flags: E_DMA_WRITE is not 0)
    c_stat_push = rec_pop && !c_dma_err && !c_rec_err_nz && !rec_out_nw01[0];
end

always @(posedge clk) begin
    case (c_state)
    C_DONE: begin
        // c_cnt + done_take without an adder: c_cnt1 is c_cnt + 1
        c_cnt <= done_take ? c_cnt1 : c_cnt;
        c_cnt1 <= done_take ? c_cnt1 + 16'd1 : c_cnt1;
        c_dma_err <= c_err_now;
        c_fresh <= 1'b0;
        c_e0 <= done_take ? c_x1 : c_x0;
        c_e1 <= done_take ? c_x2 : c_x1;
        c_lastc <= (c_nchains[CMP_W-1:0] == CMP_ONE);
        if (c_go) begin
            c_cnt <= 16'd0;
            c_cnt1 <= 16'd1;
            c_state <= (c_err_now || c_rec_err_nz) ? C_ERR : C_USED;
        end
    end
    C_ERR: begin
        if (err_ready) begin
            c_state <= C_USED;
        end
    end
    default: begin
        if (used_pop) begin
            c_cnt <= c_cnt1;
            c_cnt1 <= c_cnt1 + 16'd1;
            c_lastc <= (c_cnt2 == c_nchains[CMP_W-1:0]);
        end
        if (rec_pop) begin
            c_cnt <= 16'd0;
            c_cnt1 <= 16'd1;
            c_dma_err <= 1'b0;
            c_fresh <= 1'b1;
            c_state <= C_DONE;
        end
    end
    endcase
    // The completion pushes at most one event per cycle and u_cst gives one away every
    // cycle it holds one, so it never holds more than one: registered from the count
    // a cycle before and one slot early, the room check (cst_count < STAT_DEPTH - 1
    // before) is the same.
    c_stat_room <= (cst_count < STAT_DEPTH - 2);
    if (rst) begin
        c_state <= C_DONE;
        c_cnt <= 16'd0;
        c_cnt1 <= 16'd1;
        c_dma_err <= 1'b0;
        c_fresh <= 1'b1;
        c_stat_room <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// statistics: three sources, one event per cycle out
wire [4:0] ist_count;
wire ist_empty, rst_empty, cst_empty;
wire ist_full, rst_full, cst_full;
wire [18:0] ist_out, rst_out, cst_out;
wire ist_pop, rst_pop, cst_pop;
assign cst_pop = !cst_empty;
assign rst_pop = cst_empty && !rst_empty;
assign ist_pop = cst_empty && rst_empty && !ist_empty;

vionic_net_fifo #(.WIDTH(19), .DEPTH(STAT_DEPTH)) u_ist (
    .clk(clk), .rst(rst),
    .wr_en(in_stat_push), .wr_data({in_stat_kind, in_stat_bytes}),
    .rd_en(ist_pop), .rd_data(ist_out),
    .empty(ist_empty), .full(ist_full), .count(ist_count)
);
vionic_net_fifo #(.WIDTH(19), .DEPTH(STAT_DEPTH)) u_rst (
    .clk(clk), .rst(rst),
    .wr_en(r_stat_push_reg), .wr_data(r_stat_in_reg),
    .rd_en(rst_pop), .rd_data(rst_out),
    .empty(rst_empty), .full(rst_full), .count(rst_count)
);
vionic_net_fifo #(.WIDTH(19), .DEPTH(STAT_DEPTH)) u_cst (
    .clk(clk), .rst(rst),
    .wr_en(c_stat_push), .wr_data({c_stat_kind, 2'd0, c_len}),
    .rd_en(cst_pop), .rd_data(cst_out),
    .empty(cst_empty), .full(cst_full), .count(cst_count[4:0])
);
assign cst_count[5] = 1'b0;

always @(posedge clk) begin
    stat_valid <= !cst_empty || !rst_empty || !ist_empty;
    stat_func <= rx_func8;
    {stat_kind, stat_bytes} <= !cst_empty ? cst_out : !rst_empty ? rst_out : ist_out;
    if (rst) begin
        stat_valid <= 1'b0;
    end
end

wire unused_x = &{1'b0, wr_done_id, fl_mc, fl_bc, info_full, job_full,
    done_full, ist_count, ist_full, rst_full, cst_full,
    zero48, used_empty, qsel_prod[7:0], cfg_qp, i_qsel, r_qid32, pc_nb32_in[31:8], w_idx_hi[AW],
    w_shifted[2*DW-1:DW], s_boff[31:16], pc_full, used_full,
    c_nchains[15:CMP_W], c_nwrites[15:CMP_W], rec_in_nw[15:CMP_W], pq_full};

endmodule

`resetall
