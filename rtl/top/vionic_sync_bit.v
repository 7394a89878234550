`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_sync_bit: two-flop synchronizer for a level from another clock domain.
//
// in_async is sampled by the first flop, out is the second. The only place an
// asynchronous level enters the device; a board's constraints set a max delay
// (or false path) on the first stage, named *sync_stage1_reg*.
module vionic_sync_bit (
    input  wire clk,
    input  wire in_async,
    output wire out
);

(* ASYNC_REG = "TRUE" *) reg sync_stage1_reg = 1'b0;
(* ASYNC_REG = "TRUE" *) reg sync_stage2_reg = 1'b0;

assign out = sync_stage2_reg;

always @(posedge clk) begin
    sync_stage1_reg <= in_async;
    sync_stage2_reg <= sync_stage1_reg;
end

endmodule

`resetall
