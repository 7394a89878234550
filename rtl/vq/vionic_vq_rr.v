`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_vq_rr: round-robin pick among N request bits (combinational): the queue
// scheduler of vionic_vq_avail uses it directly, vionic_vq_used_pick registers it.
// Picks the first requesting index at or after `start`, wrapping: the user keeps
// `start` as a one-hot register (the index after its previous pick, mod N; so the
// lowest requesting index above the previous pick, else the lowest) and loads it
// from `next_start` when it takes the pick.
// Built on the carry chain for a short path: the first candidate at or after
// start, wrapping, is the lowest set bit of c & ~(c - start) over the doubled
// vector c = {req, req}: the borrow runs from start up to the first candidate, so
// only carry cells lie between the requests and the pick (built from LUTs, "no
// candidate below" became a chain of ORs once the tool merged it with the rest of
// a block). The upper copy gives the wrap to the lowest. Users select with the
// one-hot vector (AND-OR); `idx` (vionic_onehot_index) is for where the number is
// needed. N >= 2.
module vionic_vq_rr #(
    parameter N = 8,
    parameter W = 3
) (
    input  wire [N-1:0] req,
    input  wire [N-1:0] start,        // one-hot: the first index that may be picked
    output wire         any,
    output wire [N-1:0] onehot,       // the pick (0 if none)
    output wire [W-1:0] idx,
    output wire [N-1:0] next_start    // the index after the pick, one-hot
);

wire [2*N-1:0] c = {req, req};
wire [2*N-1:0] c_first = c & ~(c - {{N{1'b0}}, start});

assign onehot = c_first[N-1:0] | c_first[2*N-1:N];
assign next_start = {onehot[N-2:0], onehot[N-1]};
assign any = req != {N{1'b0}};
vionic_onehot_index #(.N(N), .W(W)) u_idx (.onehot(onehot), .idx(idx));

endmodule

`resetall
