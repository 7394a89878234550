`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_vq_used_rr: round-robin pick among N request bits (combinational).
// Returns the lowest requesting index above `last` (the previous pick), else
// the lowest requesting index. No state: the user keeps `last`.
module vionic_vq_used_rr #(
    parameter N = 8,
    parameter W = 3
) (
    input  wire [N-1:0] req,
    input  wire [W-1:0] last,
    output reg          any,
    output reg  [W-1:0] idx
);

wire [N-1:0] above;

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

integer i;
always @* begin
    any = 1'b0;
    idx = {W{1'b0}};
    for (i = N - 1; i >= 0; i = i - 1) begin
        if (req[i]) begin
            any = 1'b1;
            idx = i[W-1:0];
        end
    end
    if (req_hi != {N{1'b0}}) begin
        for (i = N - 1; i >= 0; i = i - 1) begin
            if (req_hi[i]) idx = i[W-1:0];
        end
    end
end

endmodule

`resetall
