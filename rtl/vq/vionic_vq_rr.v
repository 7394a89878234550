`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_vq_rr: round-robin pick among N request bits (combinational), for the
// queue scheduler of vionic_vq_avail (descriptor fetch; vionic_vq_used uses the
// registered vionic_vq_used_pick).
// Returns the lowest requesting index above `last` (the previous pick), else the
// lowest requesting index. No state: the user keeps `last`.
// Built flat for a short path: the requests above `last` or, if none, all of them;
// then the lowest of those as a one-hot vector (each bit with no lower one set: one
// wide AND per bit, no chain through the bits), then its index (vionic_onehot_index).
module vionic_vq_rr #(
    parameter N = 8,
    parameter W = 3
) (
    input  wire [N-1:0] req,
    input  wire [W-1:0] last,
    output wire         any,
    output wire [W-1:0] idx
);

wire [N-1:0] above;
wire [N-1:0] first;

genvar g;
generate
    for (g = 0; g < N; g = g + 1) begin : g_above
        if (g == 0) begin : g_zero
            assign above[g] = 1'b0;
        end else begin : g_pos
            localparam [31:0] GV32 = g;
            localparam [W-1:0] GV = GV32[W-1:0];
            assign above[g] = GV > last;
        end
    end
endgenerate

wire [N-1:0] req_hi = req & above;
wire [N-1:0] cand = (req_hi != {N{1'b0}}) ? req_hi : req;

generate
    for (g = 0; g < N; g = g + 1) begin : g_first
        if (g == 0) begin : g_zero
            assign first[g] = cand[0];
        end else begin : g_pos
            assign first[g] = cand[g] && (cand[g-1:0] == {g{1'b0}});
        end
    end
endgenerate
vionic_onehot_index #(.N(N), .W(W)) u_idx (.onehot(first), .idx(idx));

assign any = req != {N{1'b0}};

endmodule

`resetall
