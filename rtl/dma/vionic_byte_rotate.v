`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_byte_rotate: rotates a vector of LANES lanes by `shift` lanes, as stages of
// 4:1 choices (shift bits 1:0, then 3:2, ...; a 2:1 stage for an odd top bit).
// UP = 1: out lane L = in lane (L - shift) mod LANES (lane 0 moves up to lane shift);
// UP = 0: out lane L = in lane (L + shift) mod LANES (lane shift moves down to 0).
// Why stages: written as one wide shift, synthesis (Yosys abc9) maps a 64-lane
// rotation to six levels of 2:1 muxes; one LUT6 is a 4:1 mux, so three stages do.
// Combinational; no state.
module vionic_byte_rotate #(
    // lanes (a power of 2)
    parameter LANES = 64,
    // bits per lane
    parameter LANE_W = 8,
    // 1: rotate towards higher lanes, 0: towards lower lanes
    parameter UP = 1,
    // derived; do not override
    parameter SHIFT_W = (LANES > 1) ? $clog2(LANES) : 1
) (
    input  wire [LANES*LANE_W-1:0] in,
    input  wire [SHIFT_W-1:0]      shift,
    output wire [LANES*LANE_W-1:0] out
);

localparam STAGES = (SHIFT_W + 1) / 2;

initial begin
    if (LANES < 2 || (1 << SHIFT_W) != LANES) begin
        $error("vionic_byte_rotate: LANES must be a power of 2 (>= 2)");
        $finish;
    end
end

// stage k rotates by shift[2k+1:2k] * 4^k lanes
genvar gk, gl;
generate
    for (gk = 0; gk <= STAGES; gk = gk + 1) begin : g_st
        wire [LANES*LANE_W-1:0] v;
        if (gk == 0) begin : g_in
            assign v = in;
        end else begin : g_rot
            localparam K = gk - 1;
            localparam STEP = 1 << (2 * K);
            for (gl = 0; gl < LANES; gl = gl + 1) begin : g_lane
                // source lane of digit d: L -/+ d * STEP (mod LANES)
                localparam S1 = (UP != 0) ? (gl + LANES - 1 * STEP % LANES) % LANES : (gl + 1 * STEP) % LANES;
                wire [LANE_W-1:0] d0 = g_st[gk-1].v[gl*LANE_W +: LANE_W];
                wire [LANE_W-1:0] d1 = g_st[gk-1].v[S1*LANE_W +: LANE_W];
                if (2 * K + 1 < SHIFT_W) begin : g_4
                    localparam S2 = (UP != 0) ? (gl + LANES - 2 * STEP % LANES) % LANES : (gl + 2 * STEP) % LANES;
                    localparam S3 = (UP != 0) ? (gl + LANES - 3 * STEP % LANES) % LANES : (gl + 3 * STEP) % LANES;
                    wire [LANE_W-1:0] d2 = g_st[gk-1].v[S2*LANE_W +: LANE_W];
                    wire [LANE_W-1:0] d3 = g_st[gk-1].v[S3*LANE_W +: LANE_W];
                    wire [1:0] digit = shift[2*K +: 2];
                    assign v[gl*LANE_W +: LANE_W] = digit[1] ? (digit[0] ? d3 : d2) : (digit[0] ? d1 : d0);
                end else begin : g_2
                    assign v[gl*LANE_W +: LANE_W] = shift[2*K] ? d1 : d0;
                end
            end
        end
    end
endgenerate

assign out = g_st[STAGES].v;

endmodule

`resetall
