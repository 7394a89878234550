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
// Built flat for a short path: "above the reference" is a registered mask, and both
// candidate sets (above it, all) are priority-encoded side by side (in groups of
// four bits), the choice between them made last.
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

localparam NG = (N + 3) / 4;      // groups of 4 request bits
localparam NP = 4 * NG;

wire [NP-1:0] r = {{NP-N{1'b0}}, req & ~onehot};   // the held pick is not picked again
wire [NP-1:0] r_hi = r & {{NP-N{1'b0}}, above};

// Lowest set bit of r_hi (else of r): each group of 4 bits gives "any" and the
// 2-bit index of its lowest bit (functions of 4 request bits: one LUT level
// after the masks), then the lowest group wins, then the "above" set if it has
// any request. No chain through the bits.
wire [NG-1:0]   g_any_hi;
wire [NG-1:0]   g_any_lo;
wire [2*NG-1:0] g_idx_hi;
wire [2*NG-1:0] g_idx_lo;
genvar k;
generate
    for (k = 0; k < NG; k = k + 1) begin : g_grp
        wire [3:0] h = r_hi[4*k +: 4];
        wire [3:0] l = r[4*k +: 4];
        assign g_any_hi[k] = h != 4'd0;
        assign g_any_lo[k] = l != 4'd0;
        assign g_idx_hi[2*k +: 2] = {!h[0] && !h[1], !h[0] && (h[1] || !h[2])};
        assign g_idx_lo[2*k +: 2] = {!l[0] && !l[1], !l[0] && (l[1] || !l[2])};
    end
endgenerate

reg  [31:0]  idx_hi32;
reg  [31:0]  idx_lo32;
integer i;
always @* begin
    idx_hi32 = 32'd0;
    idx_lo32 = 32'd0;
    // lowest group with a request (the last assignment wins)
    for (i = NG - 1; i >= 0; i = i - 1) begin
        if (g_any_hi[i])
            idx_hi32 = 4 * i + {30'd0, g_idx_hi[2*i +: 2]};
        if (g_any_lo[i])
            idx_lo32 = 4 * i + {30'd0, g_idx_lo[2*i +: 2]};
    end
end
wire         any_hi = g_any_hi != {NG{1'b0}};
wire         any = g_any_lo != {NG{1'b0}};
wire [W-1:0] idx_new = any_hi ? idx_hi32[W-1:0] : idx_lo32[W-1:0];
// the new pick as a one-hot vector, and the indexes above it
wire [N-1:0] first;
wire [N-1:0] above_new;

genvar g;
generate
    for (g = 0; g < N; g = g + 1) begin : g_dec
        localparam [31:0] GV32 = g;
        localparam [W-1:0] GV = GV32[W-1:0];
        assign first[g] = any && (idx_new == GV);
        if (g == 0) begin : g_zero
            assign above_new[g] = 1'b0;
        end else begin : g_pos
            assign above_new[g] = GV > idx_new;
        end
    end
endgenerate

wire unused_idx = &{1'b0, idx_hi32, idx_lo32};

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
