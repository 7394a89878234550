`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_pcie_config_regs.vh"

// vionic_msix: MSI-X table and pending bit array of every function, and the
// message sender (PCIe Base §6.1.4, §7.7.2).
//
// Register side (from vionic_virtio_regs): one DW access at a time,
// reg_req_pba selects the PBA (else the table), reg_req_dw is the DW index in
// the region (checked by vionic_virtio_regs). Table DWs 0..2 (address low,
// address high, data) live in a RAM, DW 3 (vector control, bit 0 mask, reset
// 1) in flip-flops. A read answers with reg_rsp_valid two cycles after it is
// accepted; writes have no response. PBA writes never arrive here.
// Interrupt requests irq_a_* (ctrl IRQ_SEND) and irq_b_* (data path, issue 4)
// are always accepted: a vector >= MSIX_VECTORS (0xffff = none) is ignored, a
// request of a function with MSI-X disabled is dropped, any other sets the
// vector's pending bit.
// Sender: a scan pointer visits one (function, vector) per cycle; a pending
// vector that is deliverable (MSI-X enabled, function and vector unmasked, Bus
// Master Enable) is read from the table and sent as a single-DW memory write on
// m_rq; its pending bit clears when the write is accepted (§6.1.4.5), and
// msix_sent pulses. Deliverability is checked again just before m_rq_valid
// rises; once raised, valid is held until m_rq_ready.
// FLR of a function (func_flr pulse): its vector masks set, its PBA cleared.
// State: table RAM, masks, PBA, scan pointer, sender registers.
module vionic_msix #(
    // PCIe functions
    parameter NUM_FUNCS = 1,
    // MSI-X vectors per function
    parameter MSIX_VECTORS = 32,
    // width of the requester data path (m_rq_data)
    parameter DATA_WIDTH = 512
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire                    reg_req_valid,
    output wire                    reg_req_ready,
    input  wire                    reg_req_write,
    input  wire [7:0]              reg_req_func,
    input  wire                    reg_req_pba,
    input  wire [15:0]             reg_req_dw,
    input  wire [3:0]              reg_req_be,
    input  wire [31:0]             reg_req_wdata,
    output reg                     reg_rsp_valid,
    output reg  [31:0]             reg_rsp_rdata,

    input  wire                    irq_a_valid,
    output wire                    irq_a_ready,
    input  wire [7:0]              irq_a_func,
    input  wire [15:0]             irq_a_vector,
    input  wire                    irq_b_valid,
    output wire                    irq_b_ready,
    input  wire [7:0]              irq_b_func,
    input  wire [15:0]             irq_b_vector,

    input  wire [NUM_FUNCS-1:0]    func_bus_master,
    input  wire [NUM_FUNCS-1:0]    func_msix_enable,
    input  wire [NUM_FUNCS-1:0]    func_msix_mask,
    input  wire [NUM_FUNCS-1:0]    func_flr,

    output reg                     m_rq_valid,
    input  wire                    m_rq_ready,
    output wire [1:0]              m_rq_type,
    output wire [7:0]              m_rq_func,
    output wire [63:0]             m_rq_addr,
    output wire [10:0]             m_rq_len_dw,
    output wire [3:0]              m_rq_first_be,
    output wire [3:0]              m_rq_last_be,
    output wire [9:0]              m_rq_tag,
    output wire [DATA_WIDTH-1:0]   m_rq_data,
    output wire [DATA_WIDTH/32-1:0] m_rq_keep,
    output wire                    m_rq_last,

    output reg                     msix_sent
);

// function and vector index widths; entries are padded to powers of two so an
// entry index is {function, vector}
localparam FW = NUM_FUNCS > 1 ? $clog2(NUM_FUNCS) : 1;
localparam VW = MSIX_VECTORS > 1 ? $clog2(MSIX_VECTORS) : 1;
localparam EW = FW + VW;
localparam ENTRIES = 1 << EW;
localparam FUNCS_PAD = 1 << FW;
localparam VECS_PAD = 1 << VW;
localparam [31:0] TLP_MEM_WR = `VIONIC_PCIE_CONFIG_TLP_MEM_WR;

initial begin
    if (NUM_FUNCS < 1 || NUM_FUNCS > 256 || MSIX_VECTORS < 1 || MSIX_VECTORS > 2048
            || DATA_WIDTH < 32 || DATA_WIDTH % 32 != 0) begin
        $error("vionic_msix: parameter out of range");
        $finish;
    end
end

// per-function inputs padded to FUNCS_PAD
reg [FUNCS_PAD-1:0] bus_master_pad;
reg [FUNCS_PAD-1:0] enable_pad;
reg [FUNCS_PAD-1:0] fmask_pad;
reg [FUNCS_PAD-1:0] flr_pad;
always @* begin
    bus_master_pad = {FUNCS_PAD{1'b0}};
    enable_pad = {FUNCS_PAD{1'b0}};
    fmask_pad = {FUNCS_PAD{1'b1}};
    flr_pad = {FUNCS_PAD{1'b0}};
    bus_master_pad[NUM_FUNCS-1:0] = func_bus_master;
    enable_pad[NUM_FUNCS-1:0] = func_msix_enable;
    fmask_pad[NUM_FUNCS-1:0] = func_msix_mask;
    flr_pad[NUM_FUNCS-1:0] = func_flr;
end

reg [ENTRIES-1:0] pba_reg = {ENTRIES{1'b0}};
reg [ENTRIES-1:0] mask_reg = {ENTRIES{1'b1}};

function deliverable(input [EW-1:0] e);
    deliverable = pba_reg[e] && !mask_reg[e] && enable_pad[e[EW-1:VW]] && !fmask_pad[e[EW-1:VW]]
        && bus_master_pad[e[EW-1:VW]];
endfunction

// ------------------------------------------------------------------ requests

wire          a_ok = irq_a_valid && {24'b0, irq_a_func} < NUM_FUNCS && {16'b0, irq_a_vector} < MSIX_VECTORS;
wire          b_ok = irq_b_valid && {24'b0, irq_b_func} < NUM_FUNCS && {16'b0, irq_b_vector} < MSIX_VECTORS;
wire [EW-1:0] a_entry = {irq_a_func[FW-1:0], irq_a_vector[VW-1:0]};
wire [EW-1:0] b_entry = {irq_b_func[FW-1:0], irq_b_vector[VW-1:0]};

assign irq_a_ready = 1'b1;
assign irq_b_ready = 1'b1;

// ------------------------------------------------------------------ table RAM

localparam [2:0]
    STATE_IDLE = 3'd0,
    STATE_HOST_READ = 3'd1,   // table RAM read in flight
    STATE_READ_LO = 3'd2,     // sender: address low arriving
    STATE_READ_HI = 3'd3,
    STATE_READ_DATA = 3'd4,
    STATE_CHECK = 3'd5,
    STATE_SEND = 3'd6;

reg [2:0]     state_reg = STATE_IDLE;
reg [EW-1:0]  scan_reg = {EW{1'b0}};
reg [EW-1:0]  host_entry_reg;
reg [1:0]     host_dw_reg;
reg           host_pba_reg;
reg [15:0]    host_pba_dw_reg;
reg [FW-1:0]  host_func_reg;
reg [31:2]    addr_lo_reg;
reg [31:0]    addr_hi_reg;
reg [31:0]    data_reg;

wire          host_accept = reg_req_valid && reg_req_ready;
wire [EW-1:0] host_entry = {reg_req_func[FW-1:0], reg_req_dw[VW+1:2]};
wire [EW+1:0] host_ram_addr = {host_entry, reg_req_dw[1:0]};
wire          host_ram_write = host_accept && reg_req_write && !reg_req_pba && reg_req_dw[1:0] != 2'd3;
wire [31:0]   table_rdata;
wire [31:0]   send_rdata;
reg  [1:0]    send_dw;

assign reg_req_ready = state_reg == STATE_IDLE;

// vionic_virtio_regs checks function and DW index ranges; the high bits are
// zero for every access that reaches this block
wire unused_req_high = |{reg_req_func[7:FW], reg_req_dw[15:VW+2]};

vionic_ram_dp #(
    .WORDS(ENTRIES * 4),
    .ADDR_WIDTH(EW + 2)
) table_inst (
    .clk(clk),
    .a_en(host_accept && !reg_req_pba),
    .a_we(host_ram_write ? reg_req_be : 4'b0000),
    .a_addr(host_ram_addr),
    // Message Address bits 1:0 are zero (DW aligned, §7.7.2.2)
    .a_wdata(reg_req_dw[1:0] == 2'd0 ? {reg_req_wdata[31:2], 2'b00} : reg_req_wdata),
    .a_rdata(table_rdata),
    .b_en(1'b1),
    .b_addr({scan_reg, send_dw}),
    .b_rdata(send_rdata)
);

// the function's pending bits, for PBA reads
localparam PBA_W = VECS_PAD < 32 ? 32 : VECS_PAD;
reg [PBA_W-1:0] func_pba;
reg [31:0]      pba_word;
integer pf;
always @* begin
    func_pba = {PBA_W{1'b0}};
    for (pf = 0; pf < FUNCS_PAD; pf = pf + 1) begin
        if ({{(32 - FW){1'b0}}, host_func_reg} == pf) begin
            func_pba[VECS_PAD-1:0] = pba_reg[pf*VECS_PAD +: VECS_PAD];
        end
    end
    pba_word = 32'b0;
    for (pf = 0; pf < PBA_W / 32; pf = pf + 1) begin
        if ({16'b0, host_pba_dw_reg} == pf) begin
            pba_word = func_pba[pf*32 +: 32];
        end
    end
end

always @* begin
    case (state_reg)
        STATE_IDLE: send_dw = 2'd0;
        STATE_READ_LO: send_dw = 2'd1;
        default: send_dw = 2'd2;
    endcase
end

// ------------------------------------------------------------------ m_rq

assign m_rq_type = TLP_MEM_WR[1:0];
assign m_rq_func = {{(8 - FW){1'b0}}, scan_reg[EW-1:VW]};
assign m_rq_addr = {addr_hi_reg, addr_lo_reg, 2'b00};
assign m_rq_len_dw = 11'd1;
assign m_rq_first_be = 4'hf;
assign m_rq_last_be = 4'h0;
assign m_rq_tag = 10'd0;
assign m_rq_data = {{(DATA_WIDTH - 32){1'b0}}, data_reg};
assign m_rq_keep = {{(DATA_WIDTH / 32 - 1){1'b0}}, 1'b1};
assign m_rq_last = 1'b1;

// ------------------------------------------------------------------ control

integer e;

always @(posedge clk) begin
    reg_rsp_valid <= 1'b0;
    msix_sent <= 1'b0;

    case (state_reg)
        STATE_IDLE: begin
            if (reg_req_valid) begin
                // host accesses first; the scan resumes after them
                host_entry_reg <= host_entry;
                host_dw_reg <= reg_req_dw[1:0];
                host_pba_reg <= reg_req_pba;
                host_pba_dw_reg <= reg_req_dw;
                host_func_reg <= reg_req_func[FW-1:0];
                if (!reg_req_write) begin
                    state_reg <= STATE_HOST_READ;
                end
            end else if (deliverable(scan_reg)) begin
                state_reg <= STATE_READ_LO;
            end else begin
                scan_reg <= scan_reg + 1'b1;
            end
        end
        STATE_HOST_READ: begin
            reg_rsp_valid <= 1'b1;
            if (host_pba_reg) begin
                reg_rsp_rdata <= pba_word;
            end else if (host_dw_reg == 2'd3) begin
                reg_rsp_rdata <= {31'b0, mask_reg[host_entry_reg]};
            end else begin
                reg_rsp_rdata <= table_rdata;
            end
            state_reg <= STATE_IDLE;
        end
        STATE_READ_LO: begin
            addr_lo_reg <= send_rdata[31:2];
            state_reg <= STATE_READ_HI;
        end
        STATE_READ_HI: begin
            addr_hi_reg <= send_rdata;
            state_reg <= STATE_READ_DATA;
        end
        STATE_READ_DATA: begin
            data_reg <= send_rdata;
            state_reg <= STATE_CHECK;
        end
        STATE_CHECK: begin
            if (deliverable(scan_reg)) begin
                m_rq_valid <= 1'b1;
                state_reg <= STATE_SEND;
            end else begin
                state_reg <= STATE_IDLE;
            end
        end
        STATE_SEND: begin
            if (m_rq_ready) begin
                m_rq_valid <= 1'b0;
                msix_sent <= 1'b1;
                scan_reg <= scan_reg + 1'b1;
                state_reg <= STATE_IDLE;
            end
        end
        default: state_reg <= STATE_IDLE;
    endcase

    // vector control writes (DW 3, bit 0)
    if (host_accept && reg_req_write && !reg_req_pba && reg_req_dw[1:0] == 2'd3 && reg_req_be[0]) begin
        mask_reg[host_entry] <= reg_req_wdata[0];
    end

    // pending bits: cleared when the message is accepted, set by requests after that
    if (state_reg == STATE_SEND && m_rq_ready) begin
        pba_reg[scan_reg] <= 1'b0;
    end
    if (a_ok && enable_pad[irq_a_func[FW-1:0]]) begin
        pba_reg[a_entry] <= 1'b1;
    end
    if (b_ok && enable_pad[irq_b_func[FW-1:0]]) begin
        pba_reg[b_entry] <= 1'b1;
    end

    // FLR: masks set, pending bits cleared (PCIe Base §6.6.2, §7.7.2.3)
    for (e = 0; e < ENTRIES; e = e + 1) begin
        if (flr_pad[e / VECS_PAD]) begin
            mask_reg[e] <= 1'b1;
            pba_reg[e] <= 1'b0;
        end
    end

    if (rst) begin
        state_reg <= STATE_IDLE;
        scan_reg <= {EW{1'b0}};
        reg_rsp_valid <= 1'b0;
        msix_sent <= 1'b0;
        m_rq_valid <= 1'b0;
        pba_reg <= {ENTRIES{1'b0}};
        mask_reg <= {ENTRIES{1'b1}};
    end
end

endmodule

`resetall
