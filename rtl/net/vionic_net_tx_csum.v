`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_tx_csum: pipelined 16-bit one's-complement sum of the frames of
// vionic_net_tx (RFC 1071), for checksum offload.
//
// Input: one beat per cycle at most (in_valid), in_last on the frame's last
// beat; in_data holds big-endian 16-bit words from lane 0 (lanes 2k, 2k+1),
// in_keep says which bytes count (the others are taken as 0).
// Output: 6 cycles after the frame's last beat came in, out_valid pulses
// with out_sum, the folded sum of the frame (RFC 1071 §2: the 32-bit integer
// sum of all words, its halves added, the carry of that added back), the
// value the single-stage adder of earlier versions gave; out_ones says it is
// 0xffff (its complement, the checksum, would be 0).
// Stages (each ends in a register; two adder levels at most between
// registers, and the adders stay narrow):
//   1. masked words summed in pairs and pairs of pairs (WORDS/4 sums, 18 bits)
//   2. groups of four of those (GROUPS sums, 20 bits)
//   3. one 32-bit accumulator per group; the frame's last beat leaves the
//      accumulators' final values and clears them
//   4. the groups' totals added (the frame's 32-bit sum)
//   5. fold: low half + high half (17 bits)
//   6. fold: + the carry of 5 (16 bits)
// 32 bits do not overflow: a frame of at most 65535 bytes sums to less than
// 2^31.
// State: the stage registers, the accumulators, valid/last flags per stage.
module vionic_net_tx_csum #(
    parameter DATA_WIDTH = 512
) (
    input  wire                     clk,
    input  wire                     rst,
    input  wire                     in_valid,
    input  wire                     in_last,
    input  wire [DATA_WIDTH-1:0]    in_data,
    input  wire [DATA_WIDTH/8-1:0]  in_keep,
    output reg                      out_valid,
    output reg  [15:0]              out_sum,
    output reg                      out_ones
);
    localparam BPB    = DATA_WIDTH / 8;
    localparam WORDS  = BPB / 2;
    localparam QUADS  = WORDS / 4;              // sums of stage 1
    localparam GROUPS = (QUADS + 3) / 4;        // sums of stage 2

    initial begin
        if (WORDS < 4 || (WORDS & (WORDS - 1)) != 0) begin
            $error("vionic_net_tx_csum: DATA_WIDTH must be a power of 2, >= 64");
            $finish;
        end
    end

    // ------------------------------------------------------------------
    // 1. words (masked) -> pairs -> quads
    // ------------------------------------------------------------------
    reg [15:0] word [0:WORDS-1];
    reg [18*QUADS-1:0] quad_n;
    integer k;
    always @(*) begin
        for (k = 0; k < WORDS; k = k + 1)
            word[k] = {in_keep[2*k]     ? in_data[(2*k)*8 +: 8]   : 8'h00,
                       in_keep[2*k + 1] ? in_data[(2*k+1)*8 +: 8] : 8'h00};
        for (k = 0; k < QUADS; k = k + 1)
            quad_n[18*k +: 18] = ({2'b00, word[4*k]}     + {2'b00, word[4*k + 1]}) +
                                 ({2'b00, word[4*k + 2]} + {2'b00, word[4*k + 3]});
    end

    reg                s1_valid;
    reg                s1_last;
    reg [18*QUADS-1:0] s1_quad;

    // ------------------------------------------------------------------
    // 2. quads -> groups of four (missing quads of a short group are 0)
    // ------------------------------------------------------------------
    reg [20*GROUPS-1:0] group_n;
    reg [17:0] qd [0:4*GROUPS-1];
    integer g;
    always @(*) begin
        for (g = 0; g < 4 * GROUPS; g = g + 1)
            qd[g] = (g < QUADS) ? s1_quad[18*g +: 18] : 18'd0;
        for (g = 0; g < GROUPS; g = g + 1)
            group_n[20*g +: 20] = ({2'b00, qd[4*g]}     + {2'b00, qd[4*g + 1]}) +
                                  ({2'b00, qd[4*g + 2]} + {2'b00, qd[4*g + 3]});
    end

    reg                 s2_valid;
    reg                 s2_last;
    reg [20*GROUPS-1:0] s2_group;

    // ------------------------------------------------------------------
    // 3. accumulate per group
    // ------------------------------------------------------------------
    reg [32*GROUPS-1:0] acc;
    reg [32*GROUPS-1:0] acc_n;
    always @(*) begin
        for (g = 0; g < GROUPS; g = g + 1)
            acc_n[32*g +: 32] = acc[32*g +: 32] + {12'd0, s2_group[20*g +: 20]};
    end

    reg                 s3_valid;   // the frame's last beat was accumulated
    reg [32*GROUPS-1:0] s3_final;

    // ------------------------------------------------------------------
    // 4. total, 5. and 6. fold
    // ------------------------------------------------------------------
    reg [31:0] total_n;
    always @(*) begin
        total_n = 32'd0;
        for (g = 0; g < GROUPS; g = g + 1)
            total_n = total_n + s3_final[32*g +: 32];
    end

    reg        s4_valid;
    reg [31:0] s4_total;
    reg        s5_valid;
    reg [16:0] s5_fold;

    always @(posedge clk) begin
        s1_quad  <= quad_n;
        s1_last  <= in_last;
        s2_group <= group_n;
        s2_last  <= s1_last;
        if (s2_valid)
            acc <= s2_last ? {(32*GROUPS){1'b0}} : acc_n;
        s3_final <= acc_n;
        s4_total <= total_n;
        s5_fold  <= {1'b0, s4_total[15:0]} + {1'b0, s4_total[31:16]};
        out_sum  <= s5_fold[15:0] + {15'd0, s5_fold[16]};
        out_ones <= (s5_fold == 17'h0ffff) || (s5_fold == 17'h1fffe);
        if (rst) begin
            s1_valid  <= 1'b0;
            s2_valid  <= 1'b0;
            s3_valid  <= 1'b0;
            s4_valid  <= 1'b0;
            s5_valid  <= 1'b0;
            out_valid <= 1'b0;
            acc       <= {(32*GROUPS){1'b0}};
        end else begin
            s1_valid  <= in_valid;
            s2_valid  <= s1_valid;
            s3_valid  <= s2_valid && s2_last;
            s4_valid  <= s3_valid;
            s5_valid  <= s4_valid;
            out_valid <= s5_valid;
        end
    end
endmodule

`resetall
