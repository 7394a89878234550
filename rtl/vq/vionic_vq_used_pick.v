`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_vq_used_pick: registered round-robin pick among N request bits, for the
// per-queue schedulers of vionic_vq_used (device event area writes, event reads,
// interrupts, errors).
// The pick is registered (valid, idx and the same as a one-hot vector) so the
// user's take decision and what follows it (clearing the queue's pending bit,
// loading output registers) start from flip-flops. The pick held in the register
// is the next one: it stays until `take`. In the cycle it is taken the next pick is
// made from the other requests: the lowest requesting index above it, else the
// lowest (round robin as vionic_vq_rr with last = the pick being taken); with no
// pick held, the lowest above the last pick taken, else the lowest. So a pick per
// cycle is possible; a request that appears while a pick is held waits for it.
// The user must keep a picked request set until taken, or check it when taking
// (the register does not see requests that go away).
// Built flat for a short path: "above the reference" is a registered mask, both
// candidate sets (above it, all) are worked out side by side (the lowest bit as a
// one-hot vector, from "a candidate below" in groups of four bits), the choice
// between them made last.
// State: pick valid, index and one-hot; mask of the indexes above the reference
// (the held pick, or the last pick taken).
module vionic_vq_used_pick #(
    // request bits
    parameter N = 8,
    // index width
    parameter W = 3
) (
    input  wire         clk,
    input  wire         rst,
    input  wire [N-1:0] req,
    input  wire         take,     // the pick is used this cycle (only with valid)
    output reg          valid,
    output reg  [W-1:0] idx,
    output reg  [N-1:0] onehot    // the pick as a one-hot vector (0 when not valid)
);

reg  [N-1:0] above;               // indexes above the reference

wire [N-1:0] r = req & ~onehot;  // the held pick is not picked again
wire [N-1:0] r_hi = r & above;
// lower*[g]: a candidate below g, as "a group of four below has one, or a bit below
// in g's group has one" (two shallow ORs side by side, no chain through the bits)
localparam NG = (N + 3) / 4;
wire [NG-1:0] g_any_hi;
wire [NG-1:0] g_any_lo;
wire [N-1:0]  lower_hi;
wire [N-1:0]  lower_lo;
genvar g, k;
generate
    for (k = 0; k < NG; k = k + 1) begin : g_grp
        localparam HI = (4 * k + 4 > N) ? N : 4 * k + 4;
        assign g_any_hi[k] = r_hi[HI-1:4*k] != {HI-4*k{1'b0}};
        assign g_any_lo[k] = r[HI-1:4*k] != {HI-4*k{1'b0}};
    end
    for (g = 0; g < N; g = g + 1) begin : g_lower
        localparam K = g / 4;
        localparam J = g % 4;
        wire below_grp_hi;
        wire below_grp_lo;
        wire below_in_hi;
        wire below_in_lo;
        if (K == 0) begin : g_k0
            assign below_grp_hi = 1'b0;
            assign below_grp_lo = 1'b0;
        end else begin : g_kn
            assign below_grp_hi = g_any_hi[K-1:0] != {K{1'b0}};
            assign below_grp_lo = g_any_lo[K-1:0] != {K{1'b0}};
        end
        if (J == 0) begin : g_j0
            assign below_in_hi = 1'b0;
            assign below_in_lo = 1'b0;
        end else begin : g_jn
            assign below_in_hi = r_hi[g-1:4*K] != {J{1'b0}};
            assign below_in_lo = r[g-1:4*K] != {J{1'b0}};
        end
        assign lower_hi[g] = below_grp_hi || below_in_hi;
        assign lower_lo[g] = below_grp_lo || below_in_lo;
    end
endgenerate
wire         any = g_any_lo != {NG{1'b0}};
wire         any_hi = g_any_hi != {NG{1'b0}};
// the new pick (the lowest candidate above the reference, else the lowest) as a
// one-hot vector, its index, and the indexes above it (those with a candidate below)
wire [N-1:0] first = any_hi ? (r_hi & ~lower_hi) : (r & ~lower_lo);
wire [N-1:0] above_new = any_hi ? lower_hi : lower_lo;
wire [W-1:0] idx_new;
vionic_onehot_index #(.N(N), .W(W)) u_idx (.onehot(first), .idx(idx_new));

always @(posedge clk) begin
    if (!valid || take) begin
        valid <= any;
        idx <= idx_new;
        onehot <= first;
        // with no new pick the reference stays: the pick just taken (as now)
        if (any)
            above <= above_new;
    end
    if (rst) begin
        valid <= 1'b0;
        idx <= {W{1'b0}};
        onehot <= {N{1'b0}};
        above <= {{N-1{1'b1}}, 1'b0};   // above index 0, as vionic_vq_rr with last = 0
    end
end

endmodule

`resetall
