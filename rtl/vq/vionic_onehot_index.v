`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_onehot_index: the index of the set bit of a one-hot vector, as an OR of the
// one-hot bits per index bit (one wide OR each; a "last match wins" loop synthesizes
// into a chain of N muxes). A vector with no bit set gives 0; with several set, the
// OR of their indexes. Combinational; no state.
module vionic_onehot_index #(
    // vector bits
    parameter N = 8,
    // index width
    parameter W = 3
) (
    input  wire [N-1:0] onehot,
    output wire [W-1:0] idx
);

genvar b, g;
generate
    for (b = 0; b < W; b = b + 1) begin : g_idx
        wire [N-1:0] has_b;          // the indexes with bit b set
        for (g = 0; g < N; g = g + 1) begin : g_bit
            localparam [31:0] GV = g;
            assign has_b[g] = GV[b];
        end
        assign idx[b] = (onehot & has_b) != {N{1'b0}};
    end
endgenerate

endmodule

`resetall
