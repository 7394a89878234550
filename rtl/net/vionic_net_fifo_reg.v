`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_fifo_reg: record FIFO of the network pipelines with registered outputs
// (vionic_net_tx: descriptors, requests, chains, frames; vionic_net_rx: frame records,
// write done pulses).
//
// Same contract as vionic_net_fifo (push when not full, pop when not empty,
// show-ahead head, DEPTH records at most) but every output is a flip-flop: the
// head record sits in a register, `empty` and `full` are registered flags. So
// whoever looks at the head or the flags starts its logic from a register (with
// vionic_net_fifo the head was a distributed-RAM read and `full` a subtract and
// compare: 2-4 LUT levels before any use, on the deepest paths of net_tx).
// A record pushed into an empty FIFO is in the head register the next cycle
// (as with vionic_net_fifo); one push and one pop per cycle keep flowing.
// State: distributed RAM of the records (each is written there, the head
// too), its pointers, the head register and its valid flag, the record count
// with the full and almost-full flags, the flag of records in the RAM behind
// the head.
module vionic_net_fifo_reg #(
    // record bits
    parameter WIDTH = 8,
    // records held at most (head included); a power of 2, >= 2
    parameter DEPTH = 16
) (
    input  wire              clk,
    input  wire              rst,
    input  wire              wr_en,
    input  wire [WIDTH-1:0]  wr_data,
    input  wire              rd_en,
    output reg  [WIDTH-1:0]  rd_data,
    output wire              empty,
    output reg               full
);
    localparam AW = $clog2(DEPTH);
    localparam [31:0] DEPTH_M2_32 = DEPTH - 2;
    localparam [AW:0] DEPTH_M2 = DEPTH_M2_32[AW:0];

    initial begin
        if (DEPTH < 2 || (1 << AW) != DEPTH) begin
            $error("vionic_net_fifo_reg: DEPTH must be a power of 2, >= 2");
            $finish;
        end
    end

    // distributed RAM: block RAM would take the read pointer into the RAM's
    // address register, putting the pointer's next-value logic (behind the pop)
    // on the path into the RAM
    (* ram_style = "distributed" *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];
    reg [AW:0]      wp;
    reg [AW:0]      rp;
    reg             head_valid;
    reg [AW:0]      level;          // records held, head included
    reg             almost;         // level == DEPTH - 1

    wire push    = wr_en && !full;
    wire pop     = rd_en && head_valid;
    // every record is written into the RAM (the write does not wait for the
    // pop); the head register takes a record when it is free or popped: the
    // oldest one in the RAM, or (none there) the one pushed now, straight from
    // the input; the read pointer then steps past it.
    // mem_ne (wp != rp: records in the RAM behind the head) is a flag that
    // follows the count like `almost`: the head is loaded whenever a record is
    // there, so head_valid is level >= 1 and mem_ne is level >= 2. (The
    // pointer compare was in front of the head load and the choice of the
    // head's source, in the deepest paths of vionic_net_rx: push -> head load
    // -> head register.)
    reg          mem_ne;
    wire         head_ld = (!head_valid || pop) && (mem_ne || push);

    assign empty = !head_valid;

    always @(posedge clk) begin
        if (push)
            mem[wp[AW-1:0]] <= wr_data;
        if (head_ld)
            rd_data <= mem_ne ? mem[rp[AW-1:0]] : wr_data;
        if (rst) begin
            wp         <= {(AW+1){1'b0}};
            rp         <= {(AW+1){1'b0}};
            head_valid <= 1'b0;
            mem_ne     <= 1'b0;
            level      <= {(AW+1){1'b0}};
            almost     <= 1'b0;
            full       <= 1'b0;
        end else begin
            if (push)
                wp <= wp + 1'b1;
            if (head_ld)
                rp <= rp + 1'b1;
            if (!head_valid || pop)
                head_valid <= mem_ne || push;
            // the flags follow the count without an adder behind push/pop:
            // each is the next flag down (or up) when the count moves
            case ({push, pop})
                2'b10: begin
                    level  <= level + 1'b1;
                    full   <= almost;
                    almost <= (level == DEPTH_M2);
                    mem_ne <= head_valid;
                end
                2'b01: begin
                    level  <= level - 1'b1;
                    full   <= 1'b0;
                    almost <= full;
                    mem_ne <= (level >= 3);
                end
                default: ;
            endcase
        end
    end
endmodule

`resetall
