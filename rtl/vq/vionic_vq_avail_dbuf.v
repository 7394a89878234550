`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_vq_avail_dbuf: vionic_vq_avail's descriptor buffer, a ring of DEPTH 16-byte
// packed-ring descriptors between the descriptor-read responses and the processor.
//
// Write side: a response beat carries up to DPB descriptors; descriptor k of the beat
// (k < wr_cnt) goes to entry wr_ptr + k. Entries k >= DPB of a beat (a request's last
// beat that ended short) and every entry of an errored beat are marked in error.
// Read side: rd_data is entry rd_ptr, combinational (the caller registers it); an entry
// in error reads as {1'b1, 128'd0}.
//
// Storage is DPB banks of DEPTH/DPB entries, entry e in bank e % DPB at e / DPB. The
// descriptors of one beat go to consecutive entries, so to DPB different banks, and
// each bank has one write port: the banks are simple dual-port RAMs with an
// asynchronous read (distributed RAM on an FPGA, a memory cell for the generic flow),
// not DEPTH x 129 flip-flops with a DEPTH-way read mux. Only the error mark is a
// flip-flop per entry, as one errored beat marks up to MAX_CHAIN entries at once.
//
// State: the banks (no reset; an entry is read only after it is written) and the
// error marks.
module vionic_vq_avail_dbuf #(
    // entries; a power of 2, a multiple of DPB
    parameter DEPTH = 128,
    // descriptors per response beat (banks); a power of 2
    parameter DPB = 4,
    // width of wr_cnt
    parameter CNT_W = 5
) (
    input  wire                     clk,

    input  wire                     wr_valid,
    input  wire                     wr_error,
    input  wire [$clog2(DEPTH)-1:0] wr_ptr,
    input  wire [CNT_W-1:0]         wr_cnt,
    input  wire [128*DPB-1:0]       wr_data,

    input  wire [$clog2(DEPTH)-1:0] rd_ptr,
    output wire [128:0]             rd_data
);

localparam PW = $clog2(DEPTH);
localparam BW = (DPB > 1) ? $clog2(DPB) : 1;       // bank index width
localparam BANK_DEPTH = DEPTH / DPB;
localparam AW = (BANK_DEPTH > 1) ? $clog2(BANK_DEPTH) : 1;

initial begin
    if ((DEPTH & (DEPTH - 1)) != 0 || (DPB & (DPB - 1)) != 0 || DEPTH < 2 * DPB) begin
        $error("vionic_vq_avail_dbuf: DEPTH and DPB must be powers of 2, DEPTH >= 2*DPB");
        $finish;
    end
end

// ---------------------------------------------------------------- banks
wire [127:0] bank_rd [0:DPB-1];
wire [AW-1:0] rd_addr = rd_ptr[PW-1 -: AW];
wire [BW-1:0] rd_bank;
wire [BW-1:0] wr_first;             // bank of wr_ptr (descriptor 0 of the beat)
wire [AW-1:0] wr_row = wr_ptr[PW-1 -: AW];
generate
    if (DPB > 1) begin : g_bsel
        assign rd_bank = rd_ptr[BW-1:0];
        assign wr_first = wr_ptr[BW-1:0];
    end else begin : g_bsel1
        assign rd_bank = 1'b0;
        assign wr_first = 1'b0;
    end
endgenerate

genvar gb;
generate
    for (gb = 0; gb < DPB; gb = gb + 1) begin : g_bank
        localparam [BW-1:0] B = gb[BW-1:0];
        // the descriptor of the beat that falls in this bank: k = (B - wr_first) mod DPB;
        // its row is wr_row, or the next one for banks before wr_ptr's
        wire          wraps;            // B < wr_first: the borrow of B - wr_first
        wire [BW-1:0] k;
        assign {wraps, k} = {1'b0, B} - {1'b0, wr_first};
        wire [AW-1:0] row = wr_row + {{(AW-1){1'b0}}, wraps};
        wire          we = wr_valid && !wr_error &&
                           {{(32-BW){1'b0}}, k} < {{(32-CNT_W){1'b0}}, wr_cnt};
        reg  [127:0]  mem [0:BANK_DEPTH-1];
        always @(posedge clk) begin
            if (we)
                mem[row] <= wr_data[128*k +: 128];
        end
        assign bank_rd[gb] = mem[rd_addr];
    end
endgenerate

// ---------------------------------------------------------------- error marks
reg [DEPTH-1:0] err;
genvar ge;
generate
    for (ge = 0; ge < DEPTH; ge = ge + 1) begin : g_err
        wire [PW-1:0] off = ge[PW-1:0] - wr_ptr;
        always @(posedge clk) begin
            if (wr_valid && {{(32-PW){1'b0}}, off} < {{(32-CNT_W){1'b0}}, wr_cnt})
                err[ge] <= wr_error || {{(32-PW){1'b0}}, off} >= DPB;
        end
    end
endgenerate

wire rd_err = err[rd_ptr];
assign rd_data = {rd_err, rd_err ? 128'd0 : bank_rd[rd_bank]};

endmodule

`resetall
