`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_pcie_config_regs.vh"

// vionic_pcie_completer: answers host requests (s_cq) with completions (m_cc).
//
// One request at a time, strictly in order (a later read never passes an earlier
// write, PCIe Base §2.4.1):
//   - configuration reads/writes go to the addressed function's configuration space;
//     absent functions get UR, and every configuration request gets CRS while
//     fw_ready is 0 (PCIe Base §2.3.1);
//   - an access to pci_cfg_data of the virtio PCI-config-access capability becomes a
//     BAR0 access of cap.length bytes at cap.offset on the register port
//     (virtio 1.3 §4.1.4.9);
//   - memory requests are decoded against every function's BAR0 (memory space enable
//     and D0 required), split into DW accesses on the register port, and reads are
//     gathered into one completion; unclaimed reads get UR, reads longer than
//     READ_MAX_DW get CA, unclaimed writes are dropped.
// The register port carries one DW access at a time: a read is issued only when the
// previous read has been answered. The only things waited on are m_cc_ready,
// reg_req_ready and reg_rsp_valid.
module vionic_pcie_completer #(
    // number of functions
    parameter NUM_FUNCS = `VIONIC_PCIE_CONFIG_NUM_FUNCS,
    // BAR0 size is 2^BAR0_SIZE_LOG2 bytes
    parameter BAR0_SIZE_LOG2 = `VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2,
    // longest memory read answered (DWs)
    parameter READ_MAX_DW = `VIONIC_PCIE_CONFIG_COMPLETER_MAX_READ_DW
) (
    input  wire                         clk,
    input  wire                         rst,

    input  wire                         fw_ready,

    // completer request
    input  wire                         s_cq_valid,
    output wire                         s_cq_ready,
    input  wire [1:0]                   s_cq_type,
    input  wire [7:0]                   s_cq_func,
    input  wire [63:0]                  s_cq_addr,
    input  wire [10:0]                  s_cq_len_dw,
    input  wire [3:0]                   s_cq_first_be,
    input  wire [3:0]                   s_cq_last_be,
    input  wire [9:0]                   s_cq_tag,
    input  wire [15:0]                  s_cq_requester_id,
    input  wire [31:0]                  s_cq_data,
    input  wire                         s_cq_last,

    // completer completion
    output wire                         m_cc_valid,
    input  wire                         m_cc_ready,
    output wire [7:0]                   m_cc_func,
    output wire [15:0]                  m_cc_requester_id,
    output wire [9:0]                   m_cc_tag,
    output wire [2:0]                   m_cc_status,
    output wire [12:0]                  m_cc_byte_count,
    output wire [6:0]                   m_cc_lower_addr,
    output wire [10:0]                  m_cc_len_dw,
    output wire [31:0]                  m_cc_data,
    output wire                         m_cc_last,

    // register port
    output wire                         reg_req_valid,
    input  wire                         reg_req_ready,
    output wire                         reg_req_write,
    output wire [7:0]                   reg_req_func,
    output wire [BAR0_SIZE_LOG2-3:0]    reg_req_addr,
    output wire [3:0]                   reg_req_be,
    output wire [31:0]                  reg_req_wdata,
    input  wire                         reg_rsp_valid,
    input  wire [31:0]                  reg_rsp_rdata,

    // configuration spaces (field f belongs to function f)
    // the DW address of the configuration access of the next cycle (the request's,
    // req_addr_next: the configuration spaces register its decode, so their read data
    // and writes in STATE_DECODE / STATE_DISPATCH start from flip-flops)
    output wire [9:0]                   cfg_addr_next,
    output wire [NUM_FUNCS-1:0]         cfg_wr_en,
    output wire [3:0]                   cfg_wr_be,
    output wire [31:0]                  cfg_wr_data,
    input  wire [32*NUM_FUNCS-1:0]      cfg_rd_data,
    output wire [NUM_FUNCS-1:0]         pci_cfg_load_en,
    output wire [31:0]                  pci_cfg_load_data,
    input  wire [NUM_FUNCS-1:0]         func_mem_enable,
    input  wire [2*NUM_FUNCS-1:0]       func_power_state,
    input  wire [64*NUM_FUNCS-1:0]      func_bar0_base,
    input  wire [8*NUM_FUNCS-1:0]       func_pci_cfg_bar,
    input  wire [32*NUM_FUNCS-1:0]      func_pci_cfg_offset,
    input  wire [32*NUM_FUNCS-1:0]      func_pci_cfg_length,
    input  wire [32*NUM_FUNCS-1:0]      func_pci_cfg_data
);

localparam [31:0] NUM_FUNCS_W = NUM_FUNCS;
localparam [31:0] READ_MAX_DW_W = READ_MAX_DW;
localparam [31:0] CAP_PCI_CFG = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG;
// DW index of pci_cfg_data (offset 16 of struct virtio_pci_cfg_cap)
localparam [9:0] PCI_CFG_DATA_DW = CAP_PCI_CFG[11:2] + 10'd4;

localparam [31:0] TLP_MEM_RD = `VIONIC_PCIE_CONFIG_TLP_MEM_RD;
localparam [31:0] TLP_MEM_WR = `VIONIC_PCIE_CONFIG_TLP_MEM_WR;
localparam [31:0] TLP_CFG_RD = `VIONIC_PCIE_CONFIG_TLP_CFG_RD;
localparam [31:0] TLP_CFG_WR = `VIONIC_PCIE_CONFIG_TLP_CFG_WR;
localparam [31:0] CPL_SC = `VIONIC_PCIE_CONFIG_CPL_SC;
localparam [31:0] CPL_UR = `VIONIC_PCIE_CONFIG_CPL_UR;
localparam [31:0] CPL_CRS = `VIONIC_PCIE_CONFIG_CPL_CRS;
localparam [31:0] CPL_CA = `VIONIC_PCIE_CONFIG_CPL_CA;

// read buffer index width
localparam BUF_INDEX_WIDTH = READ_MAX_DW > 1 ? $clog2(READ_MAX_DW) : 1;
// DW address width within BAR0, plus one bit to detect running past its end
localparam BAR_DW_WIDTH = BAR0_SIZE_LOG2 - 2;

initial begin
    if (NUM_FUNCS < 1 || NUM_FUNCS > 256) begin
        $error("vionic_pcie_completer: NUM_FUNCS must be 1..256");
        $finish;
    end
    if (READ_MAX_DW < 1 || READ_MAX_DW > 1024) begin
        $error("vionic_pcie_completer: READ_MAX_DW must be 1..1024");
        $finish;
    end
    if (BAR0_SIZE_LOG2 < 13 || BAR0_SIZE_LOG2 > 31) begin
        $error("vionic_pcie_completer: BAR0_SIZE_LOG2 must be 13..31");
        $finish;
    end
end

localparam [3:0]
    STATE_IDLE = 4'd0,
    STATE_DISPATCH = 4'd1,
    STATE_DECODE = 4'd9,
    STATE_MEM_WR = 4'd2,
    STATE_MEM_RD = 4'd3,
    STATE_PCI_CFG_WR = 4'd4,
    STATE_PCI_CFG_RD = 4'd5,
    STATE_PCI_CFG_RD_DONE = 4'd6,
    STATE_CPL = 4'd7,
    STATE_DRAIN = 4'd8;

reg [3:0] state_reg = STATE_IDLE, state_next;

// the request being served (first beat; data/last follow the beats of a write)
reg [1:0]  req_type_reg = 2'd0, req_type_next;
reg [7:0]  req_func_reg = 8'd0, req_func_next;
reg [63:0] req_addr_reg = 64'd0, req_addr_next;
reg [10:0] req_len_reg = 11'd0, req_len_next;
reg [3:0]  req_first_be_reg = 4'd0, req_first_be_next;
reg [3:0]  req_last_be_reg = 4'd0, req_last_be_next;
reg [9:0]  req_tag_reg = 10'd0, req_tag_next;
reg [15:0] req_requester_id_reg = 16'd0, req_requester_id_next;
reg [31:0] req_data_reg = 32'd0, req_data_next;
reg        req_last_reg = 1'b0, req_last_next;
reg        beat_pending_reg = 1'b0, beat_pending_next;
reg [7:0]  target_func_reg = 8'd0, target_func_next;

// DW counters: reads issued and answered (writes: mem_* below)
reg [10:0] rd_issued_reg = 11'd0, rd_issued_next;
reg [10:0] rd_answered_reg = 11'd0, rd_answered_next;

// completion
reg [2:0]  cpl_status_reg = 3'd0, cpl_status_next;
reg [12:0] cpl_byte_count_reg = 13'd0, cpl_byte_count_next;
reg [6:0]  cpl_lower_addr_reg = 7'd0, cpl_lower_addr_next;
reg [10:0] cpl_len_reg = 11'd0, cpl_len_next;
reg [10:0] cpl_index_reg = 11'd0, cpl_index_next;

// register port request
reg                      reg_req_valid_reg = 1'b0, reg_req_valid_next;
reg                      reg_req_write_reg = 1'b0, reg_req_write_next;
reg [7:0]                reg_req_func_reg = 8'd0, reg_req_func_next;
reg [BAR_DW_WIDTH-1:0]   reg_req_addr_reg = {BAR_DW_WIDTH{1'b0}}, reg_req_addr_next;
reg [3:0]                reg_req_be_reg = 4'd0, reg_req_be_next;
reg [31:0]               reg_req_wdata_reg = 32'd0, reg_req_wdata_next;

// read data buffer (datapath, single write port)
reg [31:0] buf_reg [0:READ_MAX_DW-1];
reg                       buf_we;
reg [BUF_INDEX_WIDTH-1:0] buf_windex;
reg [31:0]                buf_wdata;

reg s_cq_ready_int;
reg [NUM_FUNCS-1:0] cfg_wr_en_int;
reg [NUM_FUNCS-1:0] pci_cfg_load_en_int;
reg [31:0] pci_cfg_load_data_int;

assign s_cq_ready = s_cq_ready_int;

assign m_cc_valid = state_reg == STATE_CPL;
assign m_cc_func = target_func_reg;
assign m_cc_requester_id = req_requester_id_reg;
assign m_cc_tag = req_tag_reg;
assign m_cc_status = cpl_status_reg;
assign m_cc_byte_count = cpl_byte_count_reg;
assign m_cc_lower_addr = cpl_lower_addr_reg;
assign m_cc_len_dw = cpl_len_reg;
assign m_cc_data = cpl_len_reg != 11'd0 ? buf_reg[cpl_index_reg[BUF_INDEX_WIDTH-1:0]] : 32'd0;
assign m_cc_last = cpl_len_reg == 11'd0 || cpl_index_reg == cpl_len_reg - 11'd1;

assign reg_req_valid = reg_req_valid_reg;
assign reg_req_write = reg_req_write_reg;
assign reg_req_func = reg_req_func_reg;
assign reg_req_addr = reg_req_addr_reg;
assign reg_req_be = reg_req_be_reg;
assign reg_req_wdata = reg_req_wdata_reg;

wire [9:0] cfg_addr = req_addr_reg[11:2];
assign cfg_addr_next = req_addr_next[11:2];
assign cfg_wr_en = cfg_wr_en_int;
assign cfg_wr_be = req_first_be_reg;
assign cfg_wr_data = req_data_reg;
assign pci_cfg_load_en = pci_cfg_load_en_int;
assign pci_cfg_load_data = pci_cfg_load_data_int;

// configuration addresses are 12 bits; the rest of a config request's address is unused
wire unused_cfg_addr = &{1'b0, req_addr_reg[1:0], req_addr_next[1:0]};

// ------------------------------------------------------------------ decode

// every function's configuration read data at cfg_addr, registered in STATE_DECODE
reg [32*NUM_FUNCS-1:0] dec_cfg_rd_all = {(32*NUM_FUNCS){1'b0}};
// selected function's configuration fields (by the request's function number)
reg        func_present;
reg [31:0] func_cfg_rd_data;
reg [7:0]  func_pci_cfg_bar_sel;
reg [31:0] func_pci_cfg_offset_sel;
reg [31:0] func_pci_cfg_length_sel;
reg [31:0] func_pci_cfg_data_sel;
// BAR0 decode of the request's address against every function
reg        bar_hit;
reg [7:0]  bar_hit_func;

integer f;

always @* begin
    func_present = {24'd0, req_func_reg} < NUM_FUNCS_W;
    func_cfg_rd_data = 32'd0;
    func_pci_cfg_bar_sel = 8'd0;
    func_pci_cfg_offset_sel = 32'd0;
    func_pci_cfg_length_sel = 32'd0;
    func_pci_cfg_data_sel = 32'd0;
    bar_hit = 1'b0;
    bar_hit_func = 8'd0;
    for (f = NUM_FUNCS - 1; f >= 0; f = f - 1) begin
        if (req_func_reg == f[7:0]) begin
            func_cfg_rd_data = dec_cfg_rd_all[32*f +: 32];
            func_pci_cfg_bar_sel = func_pci_cfg_bar[8*f +: 8];
            func_pci_cfg_offset_sel = func_pci_cfg_offset[32*f +: 32];
            func_pci_cfg_length_sel = func_pci_cfg_length[32*f +: 32];
            func_pci_cfg_data_sel = func_pci_cfg_data[32*f +: 32];
        end
        // PCIe Base §7.5.1.1.1: memory space enable gates the BAR; PCI PM 1.2 §5.6:
        // a function in D3hot answers configuration requests only
        if (func_mem_enable[f] && func_power_state[2*f +: 2] == 2'd0 &&
                req_addr_reg[63:BAR0_SIZE_LOG2] == func_bar0_base[64*f + BAR0_SIZE_LOG2 +: 64 - BAR0_SIZE_LOG2]) begin
            bar_hit = 1'b1;
            bar_hit_func = f[7:0];
        end
    end
end

// the BAR0 base bits below the size are zero by construction
wire unused_bar0_base = &{1'b0, func_bar0_base};

// The decode is registered: a request spends one cycle in STATE_DECODE (its fields
// are in req_*), and STATE_DISPATCH decides from these registers (the function's
// configuration mux, the BAR compares and the virtio window checks stay off the
// state logic's path). Nothing they depend on can change in between: the
// configuration registers change only by configuration writes, which this block
// performs itself in STATE_DISPATCH, one request at a time. The window checks are
// used again in STATE_PCI_CFG_WR/RD: a write there went to pci_cfg_data only, which
// they do not depend on. Data (pci_cfg_data, the offset) is not registered.
reg        dec_func_present = 1'b0;
reg        dec_bar_hit = 1'b0;
reg [7:0]  dec_bar_hit_func = 8'd0;
reg        dec_pci_cfg_valid = 1'b0;
reg        dec_cfg_is_pci_cfg_data = 1'b0;

// PCI-config-access window (virtio 1.3 §4.1.4.9): only BAR0, length 1, 2 or 4,
// offset aligned to the length and inside BAR0 is performed
wire pci_cfg_length_ok = func_pci_cfg_length_sel == 32'd1 ||
                         (func_pci_cfg_length_sel == 32'd2 && func_pci_cfg_offset_sel[0] == 1'b0) ||
                         (func_pci_cfg_length_sel == 32'd4 && func_pci_cfg_offset_sel[1:0] == 2'b00);
wire pci_cfg_valid = func_pci_cfg_bar_sel == 8'd0 && pci_cfg_length_ok &&
                     func_pci_cfg_offset_sel[31:BAR0_SIZE_LOG2] == {(32 - BAR0_SIZE_LOG2){1'b0}};
wire [1:0] pci_cfg_shift = func_pci_cfg_offset_sel[1:0];
wire [3:0] pci_cfg_lanes = func_pci_cfg_length_sel == 32'd1 ? 4'b0001 :
                           func_pci_cfg_length_sel == 32'd2 ? 4'b0011 : 4'b1111;
wire [3:0] pci_cfg_be = pci_cfg_lanes << pci_cfg_shift;
wire [31:0] pci_cfg_lane_mask = {{8{pci_cfg_lanes[3]}}, {8{pci_cfg_lanes[2]}},
                                 {8{pci_cfg_lanes[1]}}, {8{pci_cfg_lanes[0]}}};
// a write uses the first cap.length bytes of pci_cfg_data, placed at the offset's lanes
wire [31:0] pci_cfg_wdata = func_pci_cfg_data_sel << {pci_cfg_shift, 3'b000};
// a read stores its result in the first cap.length bytes of pci_cfg_data
wire [31:0] pci_cfg_rdata_shifted = buf_reg[0] >> {pci_cfg_shift, 3'b000};
wire [31:0] pci_cfg_rdata_merged = (func_pci_cfg_data_sel & ~pci_cfg_lane_mask) |
                                   (pci_cfg_rdata_shifted & pci_cfg_lane_mask);

always @(posedge clk) begin
    dec_func_present <= func_present;
    dec_cfg_rd_all <= cfg_rd_data;
    dec_bar_hit <= bar_hit;
    dec_bar_hit_func <= bar_hit_func;
    dec_pci_cfg_valid <= pci_cfg_valid;
    dec_cfg_is_pci_cfg_data <= cfg_addr == PCI_CFG_DATA_DW && req_first_be_reg != 4'd0;
end

// The memory DW being processed (write beat index in STATE_MEM_WR, next read to
// issue in STATE_MEM_RD) is tracked by registers set in STATE_DISPATCH and advanced
// with that index, so no adder or compare sits in front of the register port:
// its BAR0 DW address (top bit: past the end of BAR0), whether it is the first DW,
// and how many DWs of the request are left from it.
reg [BAR_DW_WIDTH:0] mem_dw_addr = {(BAR_DW_WIDTH + 1){1'b0}}, mem_dw_addr_next;
reg                  mem_first = 1'b0, mem_first_next;
reg [10:0]           mem_left = 11'd0, mem_left_next;
// a request running past the end of BAR0 does nothing beyond it
wire mem_past_end = mem_dw_addr[BAR_DW_WIDTH];
wire mem_last = mem_left == 11'd1;
wire [3:0] mem_be = mem_first ? req_first_be_reg : mem_last ? req_last_be_reg : 4'hf;

// PCIe Base §2.3.1.1: byte count of a read completed in one completion is the
// request's length in bytes as given by the first/last byte enables
// (last_be[0] never matters: the last DW's gap is counted from the top)
function [12:0] read_byte_count(input [10:0] len, input [3:0] first_be, input [3:1] last_be);
    reg [12:0] first_gap;
    reg [12:0] last_gap;
    begin
        if (len == 11'd1) begin
            casez (first_be)
                4'b1??1: read_byte_count = 13'd4;
                4'b01?1: read_byte_count = 13'd3;
                4'b1?10: read_byte_count = 13'd3;
                4'b0011: read_byte_count = 13'd2;
                4'b0110: read_byte_count = 13'd2;
                4'b1100: read_byte_count = 13'd2;
                default: read_byte_count = 13'd1;
            endcase
        end else begin
            first_gap = first_be[0] ? 13'd0 : first_be[1] ? 13'd1 : first_be[2] ? 13'd2 : 13'd3;
            last_gap = last_be[3] ? 13'd0 : last_be[2] ? 13'd1 : last_be[1] ? 13'd2 : 13'd3;
            read_byte_count = {len, 2'b00} - first_gap - last_gap;
        end
    end
endfunction

// PCIe Base §2.3.1.1: lower address is the address of the first enabled byte
function [1:0] first_byte_offset(input [3:0] first_be);
    first_byte_offset = first_be[0] ? 2'd0 : first_be[1] ? 2'd1 : first_be[2] ? 2'd2 :
                        first_be[3] ? 2'd3 : 2'd0;
endfunction

wire [12:0] mem_rd_byte_count = read_byte_count(req_len_reg, req_first_be_reg, req_last_be_reg[3:1]);
wire [6:0] mem_rd_lower_addr = {req_addr_reg[6:2], first_byte_offset(req_first_be_reg)};

// ------------------------------------------------------------------ control

reg        cpl_start;
reg [2:0]  cpl_start_status;
reg [10:0] cpl_start_len;
reg [12:0] cpl_start_byte_count;
reg [6:0]  cpl_start_lower_addr;

wire reg_req_free = !reg_req_valid_reg || reg_req_ready;
wire rd_outstanding = rd_answered_reg != rd_issued_reg;

always @* begin
    state_next = state_reg;

    req_type_next = req_type_reg;
    req_func_next = req_func_reg;
    req_addr_next = req_addr_reg;
    req_len_next = req_len_reg;
    req_first_be_next = req_first_be_reg;
    req_last_be_next = req_last_be_reg;
    req_tag_next = req_tag_reg;
    req_requester_id_next = req_requester_id_reg;
    req_data_next = req_data_reg;
    req_last_next = req_last_reg;
    beat_pending_next = beat_pending_reg;
    target_func_next = target_func_reg;

    rd_issued_next = rd_issued_reg;
    rd_answered_next = rd_answered_reg;
    mem_dw_addr_next = mem_dw_addr;
    mem_first_next = mem_first;
    mem_left_next = mem_left;

    cpl_status_next = cpl_status_reg;
    cpl_byte_count_next = cpl_byte_count_reg;
    cpl_lower_addr_next = cpl_lower_addr_reg;
    cpl_len_next = cpl_len_reg;
    cpl_index_next = cpl_index_reg;

    reg_req_valid_next = reg_req_valid_reg && !reg_req_ready;
    reg_req_write_next = reg_req_write_reg;
    reg_req_func_next = reg_req_func_reg;
    reg_req_addr_next = reg_req_addr_reg;
    reg_req_be_next = reg_req_be_reg;
    reg_req_wdata_next = reg_req_wdata_reg;

    buf_we = 1'b0;
    buf_windex = {BUF_INDEX_WIDTH{1'b0}};
    buf_wdata = 32'd0;

    s_cq_ready_int = 1'b0;
    cfg_wr_en_int = {NUM_FUNCS{1'b0}};
    pci_cfg_load_en_int = {NUM_FUNCS{1'b0}};
    pci_cfg_load_data_int = pci_cfg_rdata_merged;

    cpl_start = 1'b0;
    cpl_start_status = CPL_SC[2:0];
    cpl_start_len = 11'd0;
    // PCIe Base §2.2.9: completions other than memory read completions carry
    // Byte Count 4 and lower address 0
    cpl_start_byte_count = 13'd4;
    cpl_start_lower_addr = 7'd0;

    // register read responses, in order, into the read buffer
    if (reg_rsp_valid && rd_outstanding) begin
        buf_we = 1'b1;
        buf_windex = rd_answered_reg[BUF_INDEX_WIDTH-1:0];
        buf_wdata = reg_rsp_rdata;
        rd_answered_next = rd_answered_reg + 11'd1;
    end

    case (state_reg)
        STATE_IDLE: begin
            s_cq_ready_int = 1'b1;
            if (s_cq_valid) begin
                req_type_next = s_cq_type;
                req_func_next = s_cq_func;
                req_addr_next = s_cq_addr;
                req_len_next = s_cq_len_dw;
                req_first_be_next = s_cq_first_be;
                req_last_be_next = s_cq_last_be;
                req_tag_next = s_cq_tag;
                req_requester_id_next = s_cq_requester_id;
                req_data_next = s_cq_data;
                req_last_next = s_cq_last;
                state_next = STATE_DECODE;
            end
        end
        STATE_DECODE: begin
            state_next = STATE_DISPATCH;
        end
        STATE_DISPATCH: begin
            // no read is outstanding here: every read finishes before its completion
            rd_issued_next = 11'd0;
            rd_answered_next = 11'd0;
            mem_dw_addr_next = {1'b0, req_addr_reg[BAR0_SIZE_LOG2-1:2]};
            mem_first_next = 1'b1;
            mem_left_next = req_len_reg;
            if (req_type_reg == TLP_CFG_RD[1:0] || req_type_reg == TLP_CFG_WR[1:0]) begin
                target_func_next = req_func_reg;
                if (!fw_ready) begin
                    // PCIe Base §2.3.1: Configuration Request Retry Status, no effect
                    cpl_start = 1'b1;
                    cpl_start_status = CPL_CRS[2:0];
                end else if (!dec_func_present) begin
                    cpl_start = 1'b1;
                    cpl_start_status = CPL_UR[2:0];
                end else if (req_type_reg == TLP_CFG_WR[1:0]) begin
                    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
                        cfg_wr_en_int[f] = req_func_reg == f[7:0];
                    end
                    if (dec_cfg_is_pci_cfg_data) begin
                        // the write lands in pci_cfg_data first, then goes to BAR0
                        state_next = STATE_PCI_CFG_WR;
                    end else begin
                        cpl_start = 1'b1;
                    end
                end else begin
                    if (dec_cfg_is_pci_cfg_data) begin
                        if (dec_pci_cfg_valid) begin
                            state_next = STATE_PCI_CFG_RD;
                        end else begin
                            // invalid window: nothing is accessed, the read returns 0
                            buf_we = 1'b1;
                            buf_wdata = 32'd0;
                            cpl_start = 1'b1;
                            cpl_start_len = 11'd1;
                        end
                    end else begin
                        buf_we = 1'b1;
                        buf_wdata = func_cfg_rd_data;
                        cpl_start = 1'b1;
                        cpl_start_len = 11'd1;
                    end
                end
            end else if (req_type_reg == TLP_MEM_WR[1:0]) begin
                target_func_next = dec_bar_hit_func;
                if (dec_bar_hit) begin
                    beat_pending_next = 1'b1;
                    state_next = STATE_MEM_WR;
                end else begin
                    // unclaimed posted write: dropped
                    state_next = req_last_reg ? STATE_IDLE : STATE_DRAIN;
                end
            end else if (req_type_reg == TLP_MEM_RD[1:0]) begin
                target_func_next = dec_bar_hit_func;
                // an unsuccessful completion ends the request: it reports the whole
                // request's byte count (PCIe Base §2.3.1.1)
                cpl_start_byte_count = mem_rd_byte_count;
                cpl_start_lower_addr = mem_rd_lower_addr;
                if (!dec_bar_hit) begin
                    cpl_start = 1'b1;
                    cpl_start_status = CPL_UR[2:0];
                end else if (req_len_reg == 11'd0 || {21'd0, req_len_reg} > READ_MAX_DW_W) begin
                    cpl_start = 1'b1;
                    cpl_start_status = CPL_CA[2:0];
                end else if (req_len_reg == 11'd1 && req_first_be_reg == 4'd0) begin
                    // PCIe Base §2.2.5: zero-length read, one DW of undefined data
                    // (0 here), byte count 1, no register access
                    buf_we = 1'b1;
                    buf_wdata = 32'd0;
                    cpl_start = 1'b1;
                    cpl_start_len = 11'd1;
                    cpl_start_byte_count = 13'd1;
                    cpl_start_lower_addr = req_addr_reg[6:0];
                end else begin
                    state_next = STATE_MEM_RD;
                end
            end
        end
        STATE_MEM_WR: begin
            if (beat_pending_reg) begin
                // one register write per DW, skipping DWs without enabled bytes
                if (mem_be == 4'd0 || mem_past_end || reg_req_free) begin
                    if (mem_be != 4'd0 && !mem_past_end) begin
                        reg_req_valid_next = 1'b1;
                        reg_req_write_next = 1'b1;
                        reg_req_func_next = target_func_reg;
                        reg_req_addr_next = mem_dw_addr[BAR_DW_WIDTH-1:0];
                        reg_req_be_next = mem_be;
                        reg_req_wdata_next = req_data_reg;
                    end
                    beat_pending_next = 1'b0;
                    mem_dw_addr_next = mem_dw_addr + 1'b1;
                    mem_first_next = 1'b0;
                    mem_left_next = mem_left - 11'd1;
                    if (req_last_reg) begin
                        state_next = STATE_IDLE;
                    end else if (mem_last) begin
                        // more beats than the header's length: drop them
                        state_next = STATE_DRAIN;
                    end
                end
            end else begin
                s_cq_ready_int = 1'b1;
                if (s_cq_valid) begin
                    req_data_next = s_cq_data;
                    req_last_next = s_cq_last;
                    beat_pending_next = 1'b1;
                end
            end
        end
        STATE_MEM_RD: begin
            // one read outstanding at a time
            if (!rd_outstanding) begin
                if (rd_issued_reg == req_len_reg) begin
                    cpl_start = 1'b1;
                    cpl_start_len = req_len_reg;
                    cpl_start_byte_count = mem_rd_byte_count;
                    cpl_start_lower_addr = mem_rd_lower_addr;
                end else if (mem_be == 4'd0 || mem_past_end) begin
                    buf_we = 1'b1;
                    buf_windex = rd_issued_reg[BUF_INDEX_WIDTH-1:0];
                    buf_wdata = 32'd0;
                    rd_issued_next = rd_issued_reg + 11'd1;
                    rd_answered_next = rd_answered_reg + 11'd1;
                    mem_dw_addr_next = mem_dw_addr + 1'b1;
                    mem_first_next = 1'b0;
                    mem_left_next = mem_left - 11'd1;
                end else if (reg_req_free) begin
                    reg_req_valid_next = 1'b1;
                    reg_req_write_next = 1'b0;
                    reg_req_func_next = target_func_reg;
                    reg_req_addr_next = mem_dw_addr[BAR_DW_WIDTH-1:0];
                    reg_req_be_next = mem_be;
                    reg_req_wdata_next = 32'd0;
                    rd_issued_next = rd_issued_reg + 11'd1;
                    mem_dw_addr_next = mem_dw_addr + 1'b1;
                    mem_first_next = 1'b0;
                    mem_left_next = mem_left - 11'd1;
                end
            end
        end
        STATE_PCI_CFG_WR: begin
            // virtio 1.3 §4.1.4.9: write cap.length bytes of pci_cfg_data at cap.offset
            if (!dec_pci_cfg_valid) begin
                cpl_start = 1'b1;
            end else if (reg_req_free) begin
                reg_req_valid_next = 1'b1;
                reg_req_write_next = 1'b1;
                reg_req_func_next = target_func_reg;
                reg_req_addr_next = func_pci_cfg_offset_sel[BAR0_SIZE_LOG2-1:2];
                reg_req_be_next = pci_cfg_be;
                reg_req_wdata_next = pci_cfg_wdata;
                cpl_start = 1'b1;
            end
        end
        STATE_PCI_CFG_RD: begin
            if (rd_issued_reg == 11'd0) begin
                if (reg_req_free) begin
                    reg_req_valid_next = 1'b1;
                    reg_req_write_next = 1'b0;
                    reg_req_func_next = target_func_reg;
                    reg_req_addr_next = func_pci_cfg_offset_sel[BAR0_SIZE_LOG2-1:2];
                    reg_req_be_next = pci_cfg_be;
                    reg_req_wdata_next = 32'd0;
                    rd_issued_next = 11'd1;
                end
            end else if (!rd_outstanding) begin
                state_next = STATE_PCI_CFG_RD_DONE;
            end
        end
        STATE_PCI_CFG_RD_DONE: begin
            // store the result in pci_cfg_data and return it
            for (f = 0; f < NUM_FUNCS; f = f + 1) begin
                pci_cfg_load_en_int[f] = req_func_reg == f[7:0];
            end
            buf_we = 1'b1;
            buf_wdata = pci_cfg_rdata_merged;
            cpl_start = 1'b1;
            cpl_start_len = 11'd1;
        end
        STATE_CPL: begin
            if (m_cc_ready) begin
                cpl_index_next = cpl_index_reg + 11'd1;
                if (m_cc_last) begin
                    state_next = req_last_reg ? STATE_IDLE : STATE_DRAIN;
                end
            end
        end
        STATE_DRAIN: begin
            // beats beyond what the request needs (malformed lengths)
            s_cq_ready_int = 1'b1;
            if (s_cq_valid && s_cq_last) begin
                state_next = STATE_IDLE;
            end
        end
        default: begin
            state_next = STATE_IDLE;
        end
    endcase

    if (cpl_start) begin
        state_next = STATE_CPL;
        cpl_status_next = cpl_start_status;
        cpl_len_next = cpl_start_len;
        cpl_byte_count_next = cpl_start_byte_count;
        cpl_lower_addr_next = cpl_start_lower_addr;
        cpl_index_next = 11'd0;
    end
end

always @(posedge clk) begin
    state_reg <= state_next;

    req_type_reg <= req_type_next;
    req_func_reg <= req_func_next;
    req_addr_reg <= req_addr_next;
    req_len_reg <= req_len_next;
    req_first_be_reg <= req_first_be_next;
    req_last_be_reg <= req_last_be_next;
    req_tag_reg <= req_tag_next;
    req_requester_id_reg <= req_requester_id_next;
    req_data_reg <= req_data_next;
    req_last_reg <= req_last_next;
    beat_pending_reg <= beat_pending_next;
    target_func_reg <= target_func_next;

    rd_issued_reg <= rd_issued_next;
    rd_answered_reg <= rd_answered_next;
    mem_dw_addr <= mem_dw_addr_next;
    mem_first <= mem_first_next;
    mem_left <= mem_left_next;

    cpl_status_reg <= cpl_status_next;
    cpl_byte_count_reg <= cpl_byte_count_next;
    cpl_lower_addr_reg <= cpl_lower_addr_next;
    cpl_len_reg <= cpl_len_next;
    cpl_index_reg <= cpl_index_next;

    reg_req_valid_reg <= reg_req_valid_next;
    reg_req_write_reg <= reg_req_write_next;
    reg_req_func_reg <= reg_req_func_next;
    reg_req_addr_reg <= reg_req_addr_next;
    reg_req_be_reg <= reg_req_be_next;
    reg_req_wdata_reg <= reg_req_wdata_next;

    if (buf_we) begin
        buf_reg[buf_windex] <= buf_wdata;
    end

    if (rst) begin
        state_reg <= STATE_IDLE;
        beat_pending_reg <= 1'b0;
        rd_issued_reg <= 11'd0;
        rd_answered_reg <= 11'd0;
        reg_req_valid_reg <= 1'b0;
    end
end

endmodule

`resetall
