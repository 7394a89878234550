`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_dma_tag_pool: a free list of the read tags FIRST .. FIRST+COUNT-1 for
// vionic_dma_read, with the next tag to hand out already in a register.
//
// Why a list and not "the lowest free bit" of a bitmap: finding the lowest free tag
// among 64 is a 6-level tree, and its result went on through the issue decision into
// every tag's state in the same cycle (16 LUT levels). Here the tag for the next read
// TLP is a register (`tag`, `avail`): issuing costs no search, and the search is
// replaced by a FIFO of the tags given back.
//
// Order: after reset the tags come out in ascending order (`fresh`, no memory
// initialisation needed); tags given back come out again in the order they were given
// back. A tag given back while the list is empty and the head register is free (or
// being taken) goes straight into the head register, so it can be taken in the next
// cycle: a freed tag is as quickly reusable as with the bitmap.
// Contract: `take` only while `avail`; `give` only tags of this pool that were taken
// and not yet given back (at most one a cycle).
// State: head register, fresh counter, FIFO memory (distributed RAM) and pointers.
module vionic_dma_tag_pool #(
    // first tag of the pool
    parameter FIRST = 0,
    // tags in the pool (>= 1)
    parameter COUNT = 32,
    // width of a tag
    parameter TAG_W = 6
) (
    input  wire             clk,
    input  wire             rst,

    output reg              avail,
    output reg  [TAG_W-1:0] tag,
    input  wire             take,

    input  wire             give,
    input  wire [TAG_W-1:0] give_tag
);

localparam AW = (COUNT > 1) ? $clog2(COUNT) : 1;
localparam DEPTH = 1 << AW;
localparam [31:0] FIRST32 = FIRST;
localparam [31:0] LAST32 = FIRST + COUNT - 1;
localparam [TAG_W:0] LAST_TAG = LAST32[TAG_W:0];

initial begin
    if (COUNT < 1 || FIRST + COUNT > (1 << TAG_W)) begin
        $error("vionic_dma_tag_pool: bad parameters");
        $finish;
    end
end

reg [TAG_W-1:0] mem [0:DEPTH-1];
reg [AW:0]      wr, rd;
reg [TAG_W:0]   fresh;         // next never-used tag; LAST_TAG + 1 once all were used

wire fresh_left = fresh <= LAST_TAG;
wire stored = wr != rd;
// the head register is (re)loaded when it is empty or taken
wire refill = take || !avail;
wire from_fresh = refill && fresh_left;
wire from_mem = refill && !fresh_left && stored;
wire from_give = refill && !fresh_left && !stored && give;
wire to_mem = give && !from_give;

always @(posedge clk) begin
    if (to_mem) begin
        mem[wr[AW-1:0]] <= give_tag;
        wr <= wr + 1'b1;
    end
    if (refill) begin
        avail <= fresh_left || stored || give;
        tag <= fresh_left ? fresh[TAG_W-1:0] : stored ? mem[rd[AW-1:0]] : give_tag;
    end
    if (from_fresh) fresh <= fresh + 1'b1;
    if (from_mem) rd <= rd + 1'b1;

    if (rst) begin
        wr <= {(AW+1){1'b0}};
        rd <= {(AW+1){1'b0}};
        fresh <= FIRST32[TAG_W:0];
        avail <= 1'b0;
    end
end

endmodule

`resetall
