`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_virtio_net_regs.vh"

// vionic_net_tx_pack: byte-shifting packer of vionic_net_tx.
//
// Input: the bytes of one chain as a sequence of beats (the DMA read responses
// of the chain's requests), each with in_nbytes valid bytes from lane 0 (the
// pieces of a chain have arbitrary byte lengths), in_end on the chain's last
// beat (a beat with 0 bytes and in_end is allowed). in_err and in_csum_ok are
// chain attributes (a read error, CSUM negotiated by the queue's function).
// The first HDR_BYTES (12) bytes of a chain are the virtio_net_hdr
// (VIRTIO 1.3 §5.1.6, VERSION_1: always 12 bytes; it may be split across
// descriptors or share one with the frame): they are taken off into out_hdr.
// The rest, the frame, is packed into contiguous beats from lane 0: every
// output beat is full except the chain's last (out_last, out_nbytes valid
// bytes, 0..BPB; bytes above out_nbytes are zero). out_hdr, out_err and
// out_csum_ok come with every beat (final on the last one).
// No output back-pressure (the frame FIFO room is reserved). in_ready is low
// only for the one cycle in which a chain's remainder is flushed (the chain's
// last input beat completed a full beat and left more bytes).
// Two stages (for timing): A takes the header bytes off and shifts the frame
// bytes of the beat to lane 0; B shifts them up behind the residual bytes.
// State: A: beat register, header bytes and count, the chain's error flag;
// B: residual bytes (< BPB) and their count, flush flag, output registers.
module vionic_net_tx_pack #(
    parameter DATA_WIDTH = 512
) (
    input  wire                   clk,
    input  wire                   rst,
    input  wire                   in_valid,
    output wire                   in_ready,
    input  wire [DATA_WIDTH-1:0]  in_data,
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
    localparam [BPB_W+1:0] BPB_T = BPB32[BPB_W+1:0];

    // stage A: header bytes off, frame bytes to lane 0
    reg                  a_valid;
    reg [DATA_WIDTH-1:0] a_data;      // frame bytes of the beat from lane 0, zero above
    reg [BPB_W:0]        a_nbytes;
    reg                  a_end;
    reg                  a_err;       // chain error so far (with this beat)
    reg                  a_csum_ok;
    reg [95:0]           a_hdr;       // header bytes so far (with this beat)
    reg [95:0]           hdr;
    reg [3:0]            hdr_cnt;     // header bytes taken of this chain
    reg                  err_acc;
    // stage B: residual bytes and flush
    reg [DATA_WIDTH-1:0] resid;       // residual bytes, zero above `fill`
    reg [BPB_W-1:0]      fill;
    reg                  flush;       // remainder of the chain to send

    wire b_take = a_valid && !flush;
    assign in_ready = !a_valid || b_take;
    wire take = in_valid && in_ready;

    // mask the input to its valid bytes
    reg [DATA_WIDTH-1:0] din;
    integer i;
    always @(*) begin
        for (i = 0; i < BPB; i = i + 1)
            din[i*8 +: 8] = (i < in_nbytes) ? in_data[i*8 +: 8] : 8'h00;
    end

    // header bytes of this beat
    wire [3:0]     hdr_left = HDR[3:0] - hdr_cnt;
    wire [BPB_W:0] skip = ({{(BPB_W-3){1'b0}}, hdr_left} < in_nbytes) ?
                          {{(BPB_W-3){1'b0}}, hdr_left} : in_nbytes;
    reg [95:0] hdr_next;
    integer j;
    integer hc;
    integer hs;
    always @(*) begin
        hdr_next = hdr;
        hc = {28'd0, hdr_cnt};
        hs = {{(31-BPB_W){1'b0}}, skip};
        for (j = 0; j < HDR; j = j + 1)
            if (j >= hc && j < hc + hs)
                hdr_next[j*8 +: 8] = din[(j - hc)*8 +: 8];
    end
    wire       err_now = err_acc || in_err;
    wire [3:0] hdr_cnt_next = hdr_cnt + skip[3:0];

    always @(posedge clk) begin
        if (rst) begin
            a_valid <= 1'b0;
            hdr     <= 96'd0;
            hdr_cnt <= 4'd0;
            err_acc <= 1'b0;
        end else if (in_ready) begin
            a_valid <= in_valid;
            if (take) begin
                a_data    <= din >> {skip, 3'b000};
                a_nbytes  <= in_nbytes - skip;
                a_end     <= in_end;
                a_err     <= err_now;
                a_csum_ok <= in_csum_ok;
                a_hdr     <= hdr_next;
                hdr     <= in_end ? 96'd0 : hdr_next;
                hdr_cnt <= in_end ? 4'd0 : hdr_cnt_next;
                err_acc <= in_end ? 1'b0 : err_now;
            end
        end
    end

    // stage B: frame bytes of this beat appended to the residual
    wire [2*DATA_WIDTH-1:0] comb = {{DATA_WIDTH{1'b0}}, resid} |
                                   ({{DATA_WIDTH{1'b0}}, a_data} << {fill, 3'b000});
    wire [BPB_W+1:0]        total = {2'b00, fill} + {1'b0, a_nbytes};
    wire                    full_beat = (total >= BPB_T);

    always @(posedge clk) begin
        if (rst) begin
            out_valid <= 1'b0;
            resid     <= {DATA_WIDTH{1'b0}};
            fill      <= {BPB_W{1'b0}};
            flush     <= 1'b0;
            out_last  <= 1'b0;
        end else if (flush) begin
            out_valid   <= 1'b1;
            out_data    <= resid;
            out_nbytes  <= {1'b0, fill};
            out_last    <= 1'b1;
            resid       <= {DATA_WIDTH{1'b0}};
            fill        <= {BPB_W{1'b0}};
            flush       <= 1'b0;
        end else if (b_take) begin
            out_hdr     <= a_hdr;
            out_err     <= a_err;
            out_csum_ok <= a_csum_ok;
            if (full_beat) begin
                out_valid  <= 1'b1;
                out_data   <= comb[DATA_WIDTH-1:0];
                out_nbytes <= BPB_T[BPB_W:0];
                out_last   <= a_end && (total == BPB_T);
                resid      <= comb[2*DATA_WIDTH-1:DATA_WIDTH];
                fill       <= total[BPB_W-1:0];
                flush      <= a_end && (total != BPB_T);
            end else if (a_end) begin
                out_valid  <= 1'b1;
                out_data   <= comb[DATA_WIDTH-1:0];
                out_nbytes <= total[BPB_W:0];
                out_last   <= 1'b1;
                resid      <= {DATA_WIDTH{1'b0}};
                fill       <= {BPB_W{1'b0}};
            end else begin
                out_valid  <= 1'b0;
                resid      <= comb[DATA_WIDTH-1:0];
                fill       <= total[BPB_W-1:0];
            end
        end else begin
            out_valid <= 1'b0;
        end
    end
endmodule

`resetall
