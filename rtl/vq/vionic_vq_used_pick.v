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
// lowest (vionic_vq_rr from the index after the pick being taken); with no
// pick held, the lowest above the last pick taken, else the lowest. So a pick per
// cycle is possible; a request that appears while a pick is held waits for it.
// The user must keep a picked request set until taken, or check it when taking
// (the register does not see requests that go away).
// The pick itself is vionic_vq_rr's (on the carry chain), with the reference held
// as its one-hot "start" vector (the index after it, mod N).
// State: pick valid, index and one-hot; one-hot start (the index after the held
// pick, or after the last pick taken). N >= 2.
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

reg  [N-1:0] start;               // one-hot: the index after the reference, mod N

wire [N-1:0]   r = req & ~onehot;  // the held pick is not picked again
wire           any;
wire [N-1:0]   first;
wire [N-1:0]   start_new;
wire [W-1:0]   idx_new;
vionic_vq_rr #(.N(N), .W(W)) u_rr (
    .req(r), .start(start), .any(any), .onehot(first), .idx(idx_new), .next_start(start_new)
);

always @(posedge clk) begin
    if (!valid || take) begin
        valid <= any;
        idx <= idx_new;
        onehot <= first;
        // with no new pick the reference stays: the pick just taken (as now)
        if (any)
            start <= start_new;
    end
    if (rst) begin
        valid <= 1'b0;
        idx <= {W{1'b0}};
        onehot <= {N{1'b0}};
        start <= {{(N-1){1'b0}}, 1'b1} << 1;  // after index 0: lowest above 0, else 0
    end
end

endmodule

`resetall
