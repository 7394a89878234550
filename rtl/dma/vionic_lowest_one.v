`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_lowest_one: the index of the lowest set bit of a vector, as a balanced
// tree of 2:1 choices (log2(WIDTH) levels), not the priority chain a "last match
// wins" loop synthesizes into (one level per bit: 18 LUT levels for the 64 tags of
// vionic_dma_read, its longest path).
// any = 0: no bit set (index 0).
// Combinational; no state.
module vionic_lowest_one #(
    parameter WIDTH = 64,
    // derived; do not override
    parameter IW = (WIDTH > 1) ? $clog2(WIDTH) : 1
) (
    input  wire [WIDTH-1:0] in,
    output wire             any,
    output wire [IW-1:0]    index
);

localparam LEVELS = (WIDTH > 1) ? $clog2(WIDTH) : 1;
localparam LEAVES = 1 << LEVELS;

// level l has LEAVES >> l nodes; node j covers bits j << l .. ((j + 1) << l) - 1
genvar gl, gj;
generate
    for (gl = 0; gl <= LEVELS; gl = gl + 1) begin : g_lvl
        localparam N = LEAVES >> gl;
        wire [N-1:0]    v;
        wire [N*IW-1:0] x;
        for (gj = 0; gj < N; gj = gj + 1) begin : g_node
            if (gl == 0) begin : g_leaf
                localparam [31:0] LI = gj;
                if (gj < WIDTH) begin : g_bit
                    assign v[gj] = in[gj];
                end else begin : g_pad
                    assign v[gj] = 1'b0;
                end
                assign x[gj*IW +: IW] = LI[IW-1:0];
            end else begin : g_join
                // the lower half wins
                assign v[gj] = g_lvl[gl-1].v[2*gj] | g_lvl[gl-1].v[2*gj+1];
                assign x[gj*IW +: IW] = g_lvl[gl-1].v[2*gj] ? g_lvl[gl-1].x[2*gj*IW +: IW]
                                                             : g_lvl[gl-1].x[(2*gj+1)*IW +: IW];
            end
        end
    end
endgenerate

assign any = g_lvl[LEVELS].v[0];
assign index = g_lvl[LEVELS].x[IW-1:0];

endmodule

`resetall
