`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_pcie_config_regs.vh"

// vionic_pcie_endpoint: the completer side of vionic's PCIe functions.
//
// One vionic_pcie_completer in front of NUM_FUNCS vionic_pcie_config_space instances
// (function f is instance f). Host requests arrive on s_cq and are answered on m_cc
// (docs/pcie-interface.md); BAR0 traffic, including accesses through the virtio
// PCI-config-access window, leaves on the register port towards vionic_virtio_regs
// (docs/transport.md). Per-function state (memory/bus-master enable, MSI-X, power
// state, MPS, MRRS) and a one-cycle FLR pulse are exported, bit/field f for function f.
module vionic_pcie_endpoint #(
    // functions (PF = 0, later VFs)
    parameter NUM_FUNCS = `VIONIC_PCIE_CONFIG_NUM_FUNCS,
    // BAR0 size is 2^BAR0_SIZE_LOG2 bytes
    parameter BAR0_SIZE_LOG2 = `VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2,
    // MSI-X table entries per function
    parameter MSIX_VECTORS = `VIONIC_PCIE_CONFIG_MSIX_VECTORS,
    // queues per function (sizes the virtio notify capability)
    parameter QUEUES_PER_FUNC = `VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC,
    // longest memory read answered (DWs); longer reads get Completer Abort
    parameter READ_MAX_DW = `VIONIC_PCIE_CONFIG_COMPLETER_MAX_READ_DW
) (
    input  wire                         clk,
    input  wire                         rst,

    // 0: every configuration request completes with CRS
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

    // register port to vionic_virtio_regs: one DW access at a time, in order
    output wire                         reg_req_valid,
    input  wire                         reg_req_ready,
    output wire                         reg_req_write,
    output wire [7:0]                   reg_req_func,
    output wire [BAR0_SIZE_LOG2-3:0]    reg_req_addr,      // DW address within BAR0
    output wire [3:0]                   reg_req_be,
    output wire [31:0]                  reg_req_wdata,
    input  wire                         reg_rsp_valid,
    input  wire [31:0]                  reg_rsp_rdata,

    // per-function state (bit f / field f belongs to function f)
    output wire [NUM_FUNCS-1:0]         func_mem_enable,
    output wire [NUM_FUNCS-1:0]         func_bus_master,
    output wire [NUM_FUNCS-1:0]         func_msix_enable,
    output wire [NUM_FUNCS-1:0]         func_msix_mask,
    output wire [2*NUM_FUNCS-1:0]       func_power_state,
    output wire [3*NUM_FUNCS-1:0]       func_max_payload,
    output wire [3*NUM_FUNCS-1:0]       func_max_read_request,
    output wire [NUM_FUNCS-1:0]         func_ext_tag,
    output wire [NUM_FUNCS-1:0]         func_flr
);

wire [9:0]              cfg_addr_next;
wire [NUM_FUNCS-1:0]    cfg_wr_en;
wire [3:0]              cfg_wr_be;
wire [31:0]             cfg_wr_data;
wire [32*NUM_FUNCS-1:0] cfg_rd_data;
wire [NUM_FUNCS-1:0]    pci_cfg_load_en;
wire [31:0]             pci_cfg_load_data;
wire [64*NUM_FUNCS-1:0] func_bar0_base;
wire [8*NUM_FUNCS-1:0]  func_pci_cfg_bar;
wire [32*NUM_FUNCS-1:0] func_pci_cfg_offset;
wire [32*NUM_FUNCS-1:0] func_pci_cfg_length;
wire [32*NUM_FUNCS-1:0] func_pci_cfg_data;

vionic_pcie_completer #(
    .NUM_FUNCS(NUM_FUNCS),
    .BAR0_SIZE_LOG2(BAR0_SIZE_LOG2),
    .READ_MAX_DW(READ_MAX_DW)
) completer_inst (
    .clk(clk),
    .rst(rst),
    .fw_ready(fw_ready),
    .s_cq_valid(s_cq_valid),
    .s_cq_ready(s_cq_ready),
    .s_cq_type(s_cq_type),
    .s_cq_func(s_cq_func),
    .s_cq_addr(s_cq_addr),
    .s_cq_len_dw(s_cq_len_dw),
    .s_cq_first_be(s_cq_first_be),
    .s_cq_last_be(s_cq_last_be),
    .s_cq_tag(s_cq_tag),
    .s_cq_requester_id(s_cq_requester_id),
    .s_cq_data(s_cq_data),
    .s_cq_last(s_cq_last),
    .m_cc_valid(m_cc_valid),
    .m_cc_ready(m_cc_ready),
    .m_cc_func(m_cc_func),
    .m_cc_requester_id(m_cc_requester_id),
    .m_cc_tag(m_cc_tag),
    .m_cc_status(m_cc_status),
    .m_cc_byte_count(m_cc_byte_count),
    .m_cc_lower_addr(m_cc_lower_addr),
    .m_cc_len_dw(m_cc_len_dw),
    .m_cc_data(m_cc_data),
    .m_cc_last(m_cc_last),
    .reg_req_valid(reg_req_valid),
    .reg_req_ready(reg_req_ready),
    .reg_req_write(reg_req_write),
    .reg_req_func(reg_req_func),
    .reg_req_addr(reg_req_addr),
    .reg_req_be(reg_req_be),
    .reg_req_wdata(reg_req_wdata),
    .reg_rsp_valid(reg_rsp_valid),
    .reg_rsp_rdata(reg_rsp_rdata),
    .cfg_addr_next(cfg_addr_next),
    .cfg_wr_en(cfg_wr_en),
    .cfg_wr_be(cfg_wr_be),
    .cfg_wr_data(cfg_wr_data),
    .cfg_rd_data(cfg_rd_data),
    .pci_cfg_load_en(pci_cfg_load_en),
    .pci_cfg_load_data(pci_cfg_load_data),
    .func_mem_enable(func_mem_enable),
    .func_power_state(func_power_state),
    .func_bar0_base(func_bar0_base),
    .func_pci_cfg_bar(func_pci_cfg_bar),
    .func_pci_cfg_offset(func_pci_cfg_offset),
    .func_pci_cfg_length(func_pci_cfg_length),
    .func_pci_cfg_data(func_pci_cfg_data)
);

genvar n;

generate
    for (n = 0; n < NUM_FUNCS; n = n + 1) begin : func
        vionic_pcie_config_space #(
            .FUNC_NUM(n),
            .BAR0_SIZE_LOG2(BAR0_SIZE_LOG2),
            .MSIX_VECTORS(MSIX_VECTORS),
            .QUEUES_PER_FUNC(QUEUES_PER_FUNC)
        ) config_space_inst (
            .clk(clk),
            .rst(rst),
            .cfg_addr_next(cfg_addr_next),
            .cfg_rd_data(cfg_rd_data[32*n +: 32]),
            .cfg_wr_en(cfg_wr_en[n]),
            .cfg_wr_be(cfg_wr_be),
            .cfg_wr_data(cfg_wr_data),
            .pci_cfg_load_en(pci_cfg_load_en[n]),
            .pci_cfg_load_data(pci_cfg_load_data),
            .mem_enable(func_mem_enable[n]),
            .bus_master(func_bus_master[n]),
            .msix_enable(func_msix_enable[n]),
            .msix_mask(func_msix_mask[n]),
            .power_state(func_power_state[2*n +: 2]),
            .max_payload(func_max_payload[3*n +: 3]),
            .max_read_request(func_max_read_request[3*n +: 3]),
            .ext_tag(func_ext_tag[n]),
            .bar0_base(func_bar0_base[64*n +: 64]),
            .flr(func_flr[n]),
            .pci_cfg_bar(func_pci_cfg_bar[8*n +: 8]),
            .pci_cfg_offset(func_pci_cfg_offset[32*n +: 32]),
            .pci_cfg_length(func_pci_cfg_length[32*n +: 32]),
            .pci_cfg_data(func_pci_cfg_data[32*n +: 32])
        );
    end
endgenerate

endmodule

`resetall
