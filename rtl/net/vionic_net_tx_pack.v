`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_virtio_net_regs.vh"

// vionic_net_tx_pack: byte-shifting packer of vionic_net_tx.
//
// Input: the bytes of one chain as a sequence of beats (the DMA read responses
// of the chain's requests), each with BPB valid bytes from lane 0 (in_full) or
// else in_nbytes (0..BPB; the pieces of a chain have arbitrary byte lengths;
// bytes above are ignored), in_end on the chain's last beat (a beat with 0
// bytes and in_end is allowed). in_nbytes should come from a register: the
// fill arithmetic is done on it, in_full only selects at the end. in_err and
// in_csum_ok are chain attributes (a read error, CSUM negotiated by the
// queue's function).
// The first HDR_BYTES (12) bytes of a chain are the virtio_net_hdr
// (VIRTIO 1.3 §5.1.6, VERSION_1: always 12 bytes; it may be split across
// descriptors or share one with the frame): they are taken off into out_hdr.
// The rest, the frame, is packed into contiguous beats from lane 0: every
// output beat is full except the chain's last (out_last, out_nbytes valid
// bytes, 0..BPB; bytes above out_nbytes are zero). out_hdr is the chain's whole
// header on every output beat (the header bytes come before any frame byte;
// a chain shorter than the header leaves the missing bytes 0); out_err (read
// error in any beat of the chain) and out_csum_ok are final on the last beat.
// No output back-pressure (the frame FIFO room is reserved). in_ready is low
// only for the one cycle in which a chain's remainder is flushed (the chain's
// last input beat completed a full beat and left more bytes).
//
// How the header comes off without a shifter of its own: the chain's bytes are
// packed as if BPB - HDR_BYTES bytes of padding came first (the fill starts at
// BPB - HDR_BYTES, not 0). The first packed beat is then padding plus the
// header, its top HDR_BYTES bytes; it goes into out_hdr and not out, and every
// later packed beat is a frame beat aligned to lane 0. Frame beats leave in the
// same cycles as with a separate header stage (the packed fill is the frame's
// fill): only the header beat is extra, and it never needs the output (when a
// chain's last input beat both completes the header and carries frame bytes,
// the frame bytes leave at once, from the overflow half).
//
// Two stages (for timing):
//   1. control: the fill (bytes held, mod BPB; with BPB - fill kept beside it
//      so that "fills the beat exactly" is a compare of registers) and
//      everything decided from it (full beat, flush, what the merge does,
//      output length and last flag), the masks of the beat's bytes at their
//      packed positions, and the input beat rotated up by the fill (a log
//      rotator) are registered;
//   2. merge: residual bytes OR the rotated beat under the masks gives the
//      packed beat (lanes below BPB) and the overflow (lanes wrapped past
//      BPB); output and residual are one LUT per bit.
// State: 1: fill and BPB - fill, header-beat-passed flag, flush flag, chain
// error flag, the registered rotation, masks and decisions; 2: residual bytes,
// header, output registers.
module vionic_net_tx_pack #(
    parameter DATA_WIDTH = 512
) (
    input  wire                   clk,
    input  wire                   rst,
    input  wire                   in_valid,
    output wire                   in_ready,
    input  wire [DATA_WIDTH-1:0]  in_data,
    input  wire                   in_full,
    input  wire [BPB_W:0]         in_nbytes,
    input  wire                   in_end,
    input  wire                   in_err,
    input  wire                   in_csum_ok,
    output reg                    out_valid,
    output reg  [DATA_WIDTH-1:0]  out_data,
    output reg  [BPB_W:0]         out_nbytes,
    output reg                    out_last,
    output reg  [95:0]            out_hdr,
    output reg                    out_err,
    output reg                    out_csum_ok
);
    localparam BPB   = DATA_WIDTH / 8;
    localparam BPB_W = $clog2(BPB);
    localparam HDR   = `VIONIC_VIRTIO_NET_HDR_BYTES;
    localparam [31:0] BPB32 = BPB;
    localparam [31:0] START32 = BPB - HDR;
    localparam [BPB_W-1:0] FILL_START = START32[BPB_W-1:0];
    localparam [BPB_W:0] BPB_N = BPB32[BPB_W:0];
    localparam [31:0] HDR32 = HDR;
    localparam [BPB_W:0] HDR_N = HDR32[BPB_W:0];

    // merge selections (stage 2)
    localparam [1:0] R_HOLD  = 2'd0;    // residual: keep
    localparam [1:0] R_LOWER = 2'd1;    //   the packed beat (it was not full)
    localparam [1:0] R_UPPER = 2'd2;    //   the overflow
    localparam [1:0] R_ZERO  = 2'd3;    //   empty (chain done: the next header lands in it)
    localparam [1:0] O_ZERO  = 2'd0;    // output: zero (a chain without frame bytes)
    localparam [1:0] O_LOWER = 2'd1;    //   the packed beat
    localparam [1:0] O_UPPER = 2'd2;    //   the overflow (header beat and end at once)
    localparam [1:0] O_RESID = 2'd3;    //   the residual (flush)

    initial begin
        if (BPB <= HDR || (1 << BPB_W) != BPB) begin
            $error("vionic_net_tx_pack: DATA_WIDTH must be a power of 2 above 8 x HDR_BYTES");
            $finish;
        end
    end

    // ------------------------------------------------------------------
    // stage 1: control and rotation
    // ------------------------------------------------------------------
    reg [BPB_W-1:0] fill;       // bytes held (packed position of the next byte), mod BPB
    reg [BPB_W:0]   room;       // BPB - fill (1..BPB): a short beat of `room` bytes fills exactly
    reg             hdr_done;   // the header beat of this chain is behind
    reg             flush;      // this cycle: send the chain's remainder
    reg             err_acc;    // read error in the chain so far
    reg             csum_ok_q;  // chain attribute, kept for the flush beat

    assign in_ready = !flush;
    wire take = in_valid && !flush;

    // fill + bytes of the beat: a full beat leaves the fill as it is (and
    // completes a packed beat); the sum is only needed for a short beat
    wire [BPB_W+1:0] total_s = {2'b00, fill} + {1'b0, in_nbytes};
    wire             full_s  = total_s[BPB_W];
    wire             full    = in_full || full_s;           // a packed beat completes
    wire [BPB_W-1:0] t_low   = in_full ? fill : total_s[BPB_W-1:0];    // bytes held after
    // the packed beat completes with no byte over: a compare of registers
    // (not a test of the sum), the decisions below wait for it
    wire             exact   = in_full ? room[BPB_W] : (in_nbytes == room);
    wire [BPB_W:0]   room_s  = BPB_N - {1'b0, total_s[BPB_W-1:0]};
    wire             err_now = err_acc || in_err;

    // input byte i goes to packed position fill + i: lanes fill.. of this beat
    // (lower) and, past BPB, lanes 0.. of the next one (upper, the overflow).
    // rot: the input rotated up by `fill` bytes, a log rotator (one 2:1 stage
    // per fill bit; a BPB:1 byte mux per lane would cost far more LUTs). It
    // starts at the rd_rsp port and ends in a register: abc9 maps it to one
    // LUT3 per stage (6 levels at DATA_WIDTH 512), writing it as 4:1 stages
    // maps the same.
    reg [DATA_WIDTH-1:0] rot;
    integer s;
    always @(*) begin
        rot = in_data;
        for (s = 0; s < BPB_W; s = s + 1)
            if (fill[s])
                rot = (rot << (8 << s)) | (rot >> (DATA_WIDTH - (8 << s)));
    end

    // lanes of the beat's bytes in the packed beat and in the overflow: from
    // the fill up to fill + bytes (a full beat: from the fill on, and below it
    // in the overflow)
    reg [BPB-1:0] lmask_n;
    reg [BPB-1:0] umask_n;
    reg           ge_fill;
    reg           lt_sum;
    integer p;
    always @(*) begin
        for (p = 0; p < BPB; p = p + 1) begin
            ge_fill = (p >= {{(32-BPB_W){1'b0}}, fill});
            lt_sum  = (p < {{(32-BPB_W){1'b0}}, total_s[BPB_W-1:0]});
            lmask_n[p] = in_full ? ge_fill : (ge_fill && (full_s || lt_sum));
            umask_n[p] = in_full ? !ge_fill : (full_s && lt_sum);
        end
    end

    // registered for stage 2
    reg                  m_valid;   // stage 2 has work (a beat or a flush)
    reg [DATA_WIDTH-1:0] m_rot;
    reg [BPB-1:0]        m_lmask;
    reg [BPB-1:0]        m_umask;
    reg [1:0]            m_rsel;
    reg [1:0]            m_osel;
    reg                  m_out;     // stage 2 sends a beat
    reg [BPB_W:0]        m_nbytes;
    reg                  m_last;
    reg                  m_hdr;     // stage 2 takes the header from the packed beat
    reg                  m_err;
    reg                  m_csum_ok;

    always @(posedge clk) begin
        m_rot     <= rot;
        m_lmask   <= lmask_n;
        m_umask   <= umask_n;
        m_rsel    <= R_HOLD;
        m_osel    <= O_RESID;
        m_out     <= 1'b0;
        m_nbytes  <= {1'b0, t_low};
        m_last    <= 1'b0;
        m_hdr     <= 1'b0;
        m_err     <= err_now;
        m_csum_ok <= in_csum_ok;
        if (flush) begin
            // the remainder of a chain whose last beat overflowed
            m_rsel    <= R_ZERO;
            m_osel    <= O_RESID;
            m_out     <= 1'b1;
            m_nbytes  <= {1'b0, fill};
            m_last    <= 1'b1;
            m_err     <= err_acc;
            m_csum_ok <= csum_ok_q;
        end else if (take) begin
            if (!full) begin
                m_rsel   <= in_end ? R_ZERO : R_LOWER;
                m_hdr    <= in_end && !hdr_done;    // chain shorter than the header
                m_out    <= in_end;
                m_osel   <= hdr_done ? O_LOWER : O_ZERO;
                m_nbytes <= hdr_done ? {1'b0, t_low} : {(BPB_W+1){1'b0}};
                m_last   <= 1'b1;
            end else if (!hdr_done) begin
                // the header beat: into out_hdr; the overflow is frame
                m_rsel   <= in_end ? R_ZERO : R_UPPER;
                m_hdr    <= 1'b1;
                m_out    <= in_end;
                m_osel   <= O_UPPER;
                m_nbytes <= {1'b0, t_low};
                m_last   <= 1'b1;
            end else begin
                m_rsel   <= R_UPPER;
                m_out    <= 1'b1;
                m_osel   <= O_LOWER;
                m_nbytes <= BPB_N;
                m_last   <= in_end && exact;
            end
        end
        if (rst) begin
            fill     <= FILL_START;
            room     <= HDR_N;
            hdr_done <= 1'b0;
            flush    <= 1'b0;
            err_acc  <= 1'b0;
            m_valid  <= 1'b0;
        end else begin
            m_valid <= flush || take;
            if (flush) begin
                flush    <= 1'b0;
                fill     <= FILL_START;
                room     <= HDR_N;
                hdr_done <= 1'b0;
                err_acc  <= 1'b0;
            end else if (take) begin
                csum_ok_q <= in_csum_ok;
                if (in_end && !(full && hdr_done && !exact)) begin
                    // chain done: the next one starts with the header padding
                    fill     <= FILL_START;
                    room     <= HDR_N;
                    hdr_done <= 1'b0;
                    err_acc  <= 1'b0;
                end else begin
                    fill     <= t_low;
                    if (!in_full)
                        room <= room_s;
                    hdr_done <= hdr_done || full;
                    err_acc  <= err_now;
                    flush    <= in_end;
                end
            end
        end
    end

    // ------------------------------------------------------------------
    // stage 2: merge
    // ------------------------------------------------------------------
    reg [DATA_WIDTH-1:0] resid;     // residual bytes (lanes below the fill)
    reg [DATA_WIDTH-1:0] lower;
    reg [DATA_WIDTH-1:0] upper;
    reg [DATA_WIDTH-1:0] merged;
    integer b;
    always @(*) begin
        for (b = 0; b < BPB; b = b + 1) begin
            lower[b*8 +: 8] = resid[b*8 +: 8] | (m_lmask[b] ? m_rot[b*8 +: 8] : 8'h00);
            upper[b*8 +: 8] = m_umask[b] ? m_rot[b*8 +: 8] : 8'h00;
        end
        case (m_osel)
            O_LOWER: merged = lower;
            O_UPPER: merged = upper;
            O_RESID: merged = resid;
            default: merged = {DATA_WIDTH{1'b0}};
        endcase
    end

    always @(posedge clk) begin
        if (m_valid) begin
            case (m_rsel)
                R_LOWER: resid <= lower;
                R_UPPER: resid <= upper;
                R_ZERO:  resid <= {DATA_WIDTH{1'b0}};
                default: ;
            endcase
            if (m_hdr)
                out_hdr <= lower[(BPB-HDR)*8 +: HDR*8];
        end
        if (m_valid && m_out) begin
            out_data    <= merged;
            out_nbytes  <= m_nbytes;
            out_last    <= m_last;
            out_err     <= m_err;
            out_csum_ok <= m_csum_ok;
        end
        if (rst) begin
            out_valid <= 1'b0;
            resid     <= {DATA_WIDTH{1'b0}};
        end else begin
            out_valid <= m_valid && m_out;
        end
    end
endmodule

`resetall
