`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_tx_fifo: the frame FIFO of vionic_net_tx (store and forward).
//
// Write side: wr_en writes one beat at the write pointer; `commit` (with or
// after the frame's last write) makes everything written so far visible to the
// read side; `rollback` discards the beats written since the last commit (a
// dropped frame). The writer never overflows it: vionic_net_tx reserves room
// before it requests the bytes from host memory.
// Read side: show-ahead stream rd_valid/rd_ready/rd_data of committed beats.
// The RAM is read synchronously (block RAM) into a two-entry output buffer,
// so one beat per cycle flows while rd_ready is held high.
// State: beat RAM, write / commit / read pointers, RAM read register and the
// output buffer.
module vionic_net_tx_fifo #(
    parameter WIDTH = 512,
    parameter DEPTH_LOG2 = 8
) (
    input  wire              clk,
    input  wire              rst,
    input  wire              wr_en,
    input  wire [WIDTH-1:0]  wr_data,
    input  wire              commit,
    input  wire              rollback,
    output wire              rd_valid,
    input  wire              rd_ready,
    output wire [WIDTH-1:0]  rd_data
);
    localparam DEPTH = 1 << DEPTH_LOG2;

    reg [WIDTH-1:0]      mem [0:DEPTH-1];
    reg [DEPTH_LOG2:0]   wr_ptr;
    reg [DEPTH_LOG2:0]   commit_ptr;
    reg [DEPTH_LOG2:0]   rd_ptr;
    reg [WIDTH-1:0]      ram_q;
    reg                  ram_q_valid;
    reg [WIDTH-1:0]      buf0;
    reg [WIDTH-1:0]      buf1;
    reg [1:0]            buf_cnt;

    wire [DEPTH_LOG2:0] wr_ptr_inc = wr_ptr + {{DEPTH_LOG2{1'b0}}, wr_en};
    wire pop   = rd_valid && rd_ready;
    wire avail = (rd_ptr != commit_ptr);
    // at most two beats between the RAM read and the output buffer
    wire [1:0] held  = buf_cnt + {1'b0, ram_q_valid};
    wire issue = avail && (held <= {1'b0, pop} + 2'd1);

    assign rd_valid = (buf_cnt != 2'd0);
    assign rd_data  = buf0;

    always @(posedge clk) begin
        if (wr_en)
            mem[wr_ptr[DEPTH_LOG2-1:0]] <= wr_data;
        if (issue)
            ram_q <= mem[rd_ptr[DEPTH_LOG2-1:0]];
        // output buffer: drop the head on pop, append the RAM beat
        case ({pop, ram_q_valid})
            2'b10: buf0 <= buf1;
            2'b01: begin
                if (buf_cnt == 2'd0) buf0 <= ram_q;
                else buf1 <= ram_q;
            end
            2'b11: begin
                if (buf_cnt == 2'd1) buf0 <= ram_q;
                else begin
                    buf0 <= buf1;
                    buf1 <= ram_q;
                end
            end
            default: ;
        endcase
        if (rst) begin
            wr_ptr      <= {(DEPTH_LOG2+1){1'b0}};
            commit_ptr  <= {(DEPTH_LOG2+1){1'b0}};
            rd_ptr      <= {(DEPTH_LOG2+1){1'b0}};
            ram_q_valid <= 1'b0;
            buf_cnt     <= 2'd0;
        end else begin
            if (rollback)
                wr_ptr <= commit_ptr;
            else
                wr_ptr <= wr_ptr_inc;
            if (commit)
                commit_ptr <= wr_ptr_inc;
            if (issue)
                rd_ptr <= rd_ptr + 1'b1;
            ram_q_valid <= issue;
            buf_cnt <= buf_cnt + {1'b0, ram_q_valid} - {1'b0, pop};
        end
    end
endmodule

`resetall
