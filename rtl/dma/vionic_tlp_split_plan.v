`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_tlp_split_plan: where a DMA request of len bytes at addr splits into TLPs,
// shared by the read engine (limit: Max_Read_Request_Size) and the write engine
// (limit: Max_Payload_Size).
// The TLP size limit L is 128 << size_code bytes (Device Control, PCIe Base §7.5.3.4;
// the reserved codes 6 and 7 read as 4096), and at most 1 << CAP_LOG. The first TLP
// ends at the first L boundary after addr (or at the end of the request), every later
// one L further on: the boundaries are request offsets bound, bound + L, ...; in DWs
// from the DW holding byte 0, edw, edw + L/4, ... A request never crosses a 4 KiB
// page (the engines refuse it), so every boundary is also a page offset: the first is
// bnd. Combinational; no state.
module vionic_tlp_split_plan #(
    // largest TLP the engine itself issues, log2 bytes (7..12)
    parameter [3:0] CAP_LOG = 4'd12
) (
    input  wire [2:0]  size_code,   // the function's Device Control MPS or MRRS field
    input  wire [12:0] addr,        // the request's address, low bits
    input  wire [12:0] len,         // the request's length in bytes, 1..4096
    output wire [3:0]  lim_log,     // log2 L
    output wire [12:0] lim,         // L
    output wire [12:0] bound,       // request offset of the first boundary
    output wire [11:0] edw,         // the same in DWs from the DW holding byte 0
    output wire [13:0] total_dw,    // DWs the whole request touches
    output wire [12:0] bnd          // page offset of the first boundary (4096: none)
);

initial begin
    if (CAP_LOG < 4'd7 || CAP_LOG > 4'd12) begin
        $display("vionic_tlp_split_plan: CAP_LOG %0d outside 7..12", CAP_LOG);
        $finish;
    end
end

wire [3:0]  code_log = (size_code > 3'd5) ? 4'd12 : 4'd7 + {1'b0, size_code};
assign lim_log = (code_log > CAP_LOG) ? CAP_LOG : code_log;
assign lim = 13'd1 << lim_log;
wire [12:0] lim_mask = ~(13'h1fff << lim_log);              // L - 1
wire [12:0] amod = addr & lim_mask;                          // addr within its L block
assign bound = lim - amod;
assign edw = {1'b0, lim[12:2]} - {1'b0, amod[12:2]};
wire [2:0]  a0p3 = {1'b0, addr[1:0]} + 3'd3;
assign total_dw = ({1'b0, len} + {11'b0, a0p3}) >> 2;
assign bnd = {1'b0, addr[11:0] | lim_mask[11:0]} + 13'd1;

wire unused_ok = &{1'b0, lim_mask[12]};

endmodule

`resetall
