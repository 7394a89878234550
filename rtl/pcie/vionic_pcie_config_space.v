`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_pcie_config_regs.vh"
`include "vionic_bar0_map_regs.vh"
`include "vionic_virtio_pci_regs.vh"

// vionic_pcie_config_space: the 4 KiB type-0 configuration space of one PCIe function.
//
// Registers, not a RAM: a combinational read mux over the DW index and a handful of
// writable fields. The DW index comes a cycle ahead (cfg_addr_next) and is decoded
// into a one-hot register (dw_sel) that the read mux and the writes use, so both
// start from flip-flops. Layout (offsets from regs/pcie_config.toml):
//   0x000 type-0 header, one 64-bit non-prefetchable memory BAR (BAR0/BAR1)
//   CAP_PCIE           PCI Express capability v2, endpoint, FLR capable, MPS <= 512 B
//   CAP_PM             power management v3: D0 and D3hot only, No_Soft_Reset = 1
//   CAP_MSIX           MSI-X, table and PBA in BAR0 (regs/bar0_map.toml)
//   CAP_VIRTIO_*       virtio common, notify, ISR, device and PCI-config-access
//                      capabilities (virtio 1.3 §4.1.4)
//   EXT_CAP_DSN        Device Serial Number: {SUBSYSTEM_VENDOR_ID, SUBSYSTEM_ID,
//                      24'h0, FUNC_NUM} (a fixed placeholder until boards carry an ID)
// Everything else reads 0 and ignores writes; every byte enable is honoured.
// The PCI-config-access window (pci_cfg_data) is only stored here: the completer turns
// accesses to it into BAR0 accesses and loads read results through pci_cfg_load_*.
// Initiate FLR (PCIe Base §6.6.2) returns every writable field to its reset value and
// pulses flr for one cycle.
module vionic_pcie_config_space #(
    // function number (Device Serial Number low byte)
    parameter FUNC_NUM = 0,
    // BAR0 size is 2^BAR0_SIZE_LOG2 bytes
    parameter BAR0_SIZE_LOG2 = `VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2,
    // MSI-X table entries
    parameter MSIX_VECTORS = `VIONIC_PCIE_CONFIG_MSIX_VECTORS,
    // queues of the function (sizes the notify capability's length)
    parameter QUEUES_PER_FUNC = `VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC
) (
    input  wire        clk,
    input  wire        rst,

    // access port: DW index 0..1023, given a cycle ahead (cfg_addr_next: the address
    // of the next cycle's read data and write; it is decoded into a register, dw_sel).
    // The read data is combinational from that register and the fields.
    input  wire [9:0]  cfg_addr_next,
    output wire [31:0] cfg_rd_data,
    input  wire        cfg_wr_en,
    input  wire [3:0]  cfg_wr_be,
    input  wire [31:0] cfg_wr_data,

    // result of a PCI-config-access read (virtio 1.3 §4.1.4.9)
    input  wire        pci_cfg_load_en,
    input  wire [31:0] pci_cfg_load_data,

    // function state
    output wire        mem_enable,
    output wire        bus_master,
    output wire        msix_enable,
    output wire        msix_mask,
    output wire [1:0]  power_state,
    output wire [2:0]  max_payload,
    output wire [2:0]  max_read_request,
    output wire        ext_tag,
    output wire [63:0] bar0_base,
    output wire        flr,

    // PCI-config-access capability fields
    output wire [7:0]  pci_cfg_bar,
    output wire [31:0] pci_cfg_offset,
    output wire [31:0] pci_cfg_length,
    output wire [31:0] pci_cfg_data
);

// constants from the generated headers, as 32-bit vectors so fields can be sliced
localparam [31:0] VENDOR_ID = `VIONIC_PCIE_CONFIG_VENDOR_ID;
localparam [31:0] DEVICE_ID = `VIONIC_PCIE_CONFIG_DEVICE_ID_NET;
localparam [31:0] REVISION_ID = `VIONIC_PCIE_CONFIG_REVISION_ID;
localparam [31:0] CLASS_CODE = `VIONIC_PCIE_CONFIG_CLASS_CODE;
localparam [31:0] SUBSYSTEM_VENDOR_ID = `VIONIC_PCIE_CONFIG_SUBSYSTEM_VENDOR_ID;
localparam [31:0] SUBSYSTEM_ID = `VIONIC_PCIE_CONFIG_SUBSYSTEM_ID;
localparam [31:0] CAP_PCIE = `VIONIC_PCIE_CONFIG_CAP_PCIE;
localparam [31:0] CAP_PM = `VIONIC_PCIE_CONFIG_CAP_PM;
localparam [31:0] CAP_MSIX = `VIONIC_PCIE_CONFIG_CAP_MSIX;
localparam [31:0] CAP_COMMON = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_COMMON;
localparam [31:0] CAP_NOTIFY = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_NOTIFY;
localparam [31:0] CAP_ISR = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_ISR;
localparam [31:0] CAP_DEVICE = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_DEVICE;
localparam [31:0] CAP_PCI_CFG = `VIONIC_PCIE_CONFIG_CAP_VIRTIO_PCI_CFG;
localparam [31:0] EXT_CAP_DSN = `VIONIC_PCIE_CONFIG_EXT_CAP_DSN;
localparam [31:0] NOTIFY_OFF_MULTIPLIER = `VIONIC_PCIE_CONFIG_NOTIFY_OFF_MULTIPLIER;
localparam [31:0] COMMON_BASE = `VIONIC_BAR0_MAP_COMMON_BASE;
localparam [31:0] COMMON_SIZE = `VIONIC_BAR0_MAP_COMMON_SIZE;
localparam [31:0] ISR_BASE = `VIONIC_BAR0_MAP_ISR_BASE;
localparam [31:0] ISR_SIZE = `VIONIC_BAR0_MAP_ISR_SIZE;
localparam [31:0] DEVICE_BASE = `VIONIC_BAR0_MAP_DEVICE_BASE;
localparam [31:0] DEVICE_SIZE = `VIONIC_BAR0_MAP_DEVICE_SIZE;
localparam [31:0] NOTIFY_BASE = `VIONIC_BAR0_MAP_NOTIFY_BASE;
localparam [31:0] NOTIFY_SIZE = `VIONIC_BAR0_MAP_NOTIFY_SIZE;
localparam [31:0] MSIX_TABLE_BASE = `VIONIC_BAR0_MAP_MSIX_TABLE_BASE;
localparam [31:0] MSIX_PBA_BASE = `VIONIC_BAR0_MAP_MSIX_PBA_BASE;
localparam [31:0] MSIX_TABLE_SIZE = `VIONIC_BAR0_MAP_MSIX_TABLE_SIZE;
localparam [31:0] CAP_ID_VENDOR = `VIONIC_VIRTIO_PCI_CAP_ID_VENDOR;
localparam [31:0] CFG_TYPE_COMMON = `VIONIC_VIRTIO_PCI_CFG_TYPE_COMMON;
localparam [31:0] CFG_TYPE_NOTIFY = `VIONIC_VIRTIO_PCI_CFG_TYPE_NOTIFY;
localparam [31:0] CFG_TYPE_ISR = `VIONIC_VIRTIO_PCI_CFG_TYPE_ISR;
localparam [31:0] CFG_TYPE_DEVICE = `VIONIC_VIRTIO_PCI_CFG_TYPE_DEVICE;
localparam [31:0] CFG_TYPE_PCI = `VIONIC_VIRTIO_PCI_CFG_TYPE_PCI;
localparam [31:0] FUNC_NUM_W = FUNC_NUM;
localparam [31:0] MSIX_TABLE_SIZE_FIELD = MSIX_VECTORS - 1;
localparam [31:0] NOTIFY_LENGTH = QUEUES_PER_FUNC * NOTIFY_OFF_MULTIPLIER;

// PCI capability IDs (PCI Local Bus 3.0 / PCIe Base §7.5) and extended capability ID
localparam [7:0] CAP_ID_PM = 8'h01;
localparam [7:0] CAP_ID_PCIE = 8'h10;
localparam [7:0] CAP_ID_MSIX = 8'h11;
localparam [15:0] EXT_CAP_ID_DSN = 16'h0003;

// virtio capability lengths (virtio 1.3 §4.1.4: struct virtio_pci_cap is 16 bytes,
// notify adds notify_off_multiplier, pci_cfg adds pci_cfg_data)
localparam [7:0] VIRTIO_CAP_LEN = 8'd16;
localparam [7:0] VIRTIO_CAP_LEN_EXT = 8'd20;

// PCI Express capability contents (PCIe Base §7.5.3)
localparam [15:0] PCIE_CAP_REG = 16'h0002;          // version 2, PCI Express Endpoint
localparam [31:0] PCIE_DEV_CAP = 32'h1000_8022;     // FLR(28), role-based ER(15), ext tag(5), MPS 512 B
localparam [31:0] PCIE_LINK_CAP = 32'h0000_0103;    // x16, max speed vector bit 3 (8 GT/s)
localparam [15:0] PCIE_LINK_STATUS = 16'h0103;      // negotiated x16 at speed 3
localparam [31:0] PCIE_DEV_CAP2 = 32'h0000_0010;    // completion timeout disable supported
localparam [31:0] PCIE_LINK_CAP2 = 32'h0000_000e;   // supported speeds 2.5, 5, 8 GT/s
localparam [15:0] PCIE_LINK_CONTROL2 = 16'h0003;    // target link speed 8 GT/s (read only)
localparam [15:0] DEVCTL_RESET = 16'h2810;          // MRRS 512 B, no snoop, relaxed ordering

// power management capability (PCI PM 1.2): version 3, no PME, no D1/D2
localparam [15:0] PM_CAP_REG = 16'h0003;
localparam [1:0] POWER_D0 = 2'd0;
localparam [1:0] POWER_D3HOT = 2'd3;

// DW indices of the structures
localparam [9:0] DW_PCIE = CAP_PCIE[11:2];
localparam [9:0] DW_PM = CAP_PM[11:2];
localparam [9:0] DW_MSIX = CAP_MSIX[11:2];
localparam [9:0] DW_COMMON = CAP_COMMON[11:2];
localparam [9:0] DW_NOTIFY = CAP_NOTIFY[11:2];
localparam [9:0] DW_ISR = CAP_ISR[11:2];
localparam [9:0] DW_DEVICE = CAP_DEVICE[11:2];
localparam [9:0] DW_PCI_CFG = CAP_PCI_CFG[11:2];
localparam [9:0] DW_DSN = EXT_CAP_DSN[11:2];

// BAR0 address bits that software can write
localparam [31:0] BAR0_LOW_MASK = ~((32'd1 << BAR0_SIZE_LOG2) - 32'd1);
// BAR type bits: memory, 64-bit (10b), non-prefetchable (PCI Local Bus 3.0 §6.2.5.1)
localparam [31:0] BAR0_TYPE = 32'h0000_0004;

initial begin
    if (BAR0_SIZE_LOG2 > 31 || (64'd1 << BAR0_SIZE_LOG2) < {32'd0, NOTIFY_BASE} + {32'd0, NOTIFY_SIZE}) begin
        $error("vionic_pcie_config_space: BAR0_SIZE_LOG2 must cover the BAR0 map and be at most 31");
        $finish;
    end
    if (MSIX_VECTORS < 1 || MSIX_VECTORS * 16 > MSIX_TABLE_SIZE) begin
        $error("vionic_pcie_config_space: MSIX_VECTORS does not fit the MSI-X table region");
        $finish;
    end
    if (NOTIFY_LENGTH > NOTIFY_SIZE) begin
        $error("vionic_pcie_config_space: QUEUES_PER_FUNC notify pages exceed the notify region");
        $finish;
    end
    // the read mux ORs the entries of every DW index (below): the header (0x00..0x0f)
    // and the structures must not overlap
    if (DW_PCIE < 10'h010 || DW_PM < DW_PCIE + 10'd13 || DW_MSIX < DW_PM + 10'd2 ||
            DW_COMMON < DW_MSIX + 10'd3 || DW_NOTIFY < DW_COMMON + 10'd4 ||
            DW_ISR < DW_NOTIFY + 10'd5 || DW_DEVICE < DW_ISR + 10'd4 ||
            DW_PCI_CFG < DW_DEVICE + 10'd4 || DW_DSN < DW_PCI_CFG + 10'd5) begin
        $error("vionic_pcie_config_space: capability structures overlap");
        $finish;
    end
    if (FUNC_NUM > 255) begin
        $error("vionic_pcie_config_space: FUNC_NUM must fit 8 bits");
        $finish;
    end
end

// writable state
reg        cmd_mem_reg = 1'b0, cmd_mem_next;
reg        cmd_bus_master_reg = 1'b0, cmd_bus_master_next;
reg        cmd_parity_reg = 1'b0, cmd_parity_next;
reg        cmd_serr_reg = 1'b0, cmd_serr_next;
reg        cmd_intx_disable_reg = 1'b0, cmd_intx_disable_next;
reg [7:0]  cache_line_reg = 8'd0, cache_line_next;
reg [31:0] bar0_reg = 32'd0, bar0_next;
reg [31:0] bar1_reg = 32'd0, bar1_next;
reg [7:0]  int_line_reg = 8'd0, int_line_next;
reg [15:0] devctl_reg = DEVCTL_RESET, devctl_next;
reg        devctl2_cto_disable_reg = 1'b0, devctl2_cto_disable_next;
reg [1:0]  power_state_reg = POWER_D0, power_state_next;
reg        msix_enable_reg = 1'b0, msix_enable_next;
reg        msix_mask_reg = 1'b0, msix_mask_next;
reg [7:0]  pci_cfg_bar_reg = 8'd0, pci_cfg_bar_next;
reg [31:0] pci_cfg_offset_reg = 32'd0, pci_cfg_offset_next;
reg [31:0] pci_cfg_length_reg = 32'd0, pci_cfg_length_next;
reg [31:0] pci_cfg_data_reg = 32'd0, pci_cfg_data_next;
reg        flr_reg = 1'b0, flr_next;

reg [31:0] rd_data;

assign cfg_rd_data = rd_data;
assign mem_enable = cmd_mem_reg;
assign bus_master = cmd_bus_master_reg;
assign msix_enable = msix_enable_reg;
assign msix_mask = msix_mask_reg;
assign power_state = power_state_reg;
assign max_payload = devctl_reg[7:5];
assign max_read_request = devctl_reg[14:12];
assign ext_tag = devctl_reg[8];     // Extended Tag Field Enable (PCIe Base §7.5.3.4)
assign bar0_base = {bar1_reg, bar0_reg & BAR0_LOW_MASK};
assign flr = flr_reg;
assign pci_cfg_bar = pci_cfg_bar_reg;
assign pci_cfg_offset = pci_cfg_offset_reg;
assign pci_cfg_length = pci_cfg_length_reg;
assign pci_cfg_data = pci_cfg_data_reg;

// byte-enable merge of a 32-bit register
function [31:0] merge_be(input [31:0] old_value, input [31:0] new_value, input [3:0] be);
    integer i;
    begin
        for (i = 0; i < 4; i = i + 1) begin
            merge_be[i*8 +: 8] = be[i] ? new_value[i*8 +: 8] : old_value[i*8 +: 8];
        end
    end
endfunction

// first DW of a virtio capability (virtio 1.3 §4.1.4: cap_vndr, cap_next, cap_len, cfg_type)
function [31:0] virtio_cap_header(input [7:0] next_ptr, input [7:0] cap_len, input [7:0] cfg_type);
    virtio_cap_header = {cfg_type, cap_len, next_ptr, CAP_ID_VENDOR[7:0]};
endfunction

// ------------------------------------------------------------------ read mux
// The read data is an OR of two parts with the same data as one case over the DW
// index would give (every DW index below is a different address; the initial block
// above checks that the structures do not overlap):
//  - rd_const: the constant bits, an OR of address decodes;
//  - rd_regs: each register-valued field ANDed with the decode of its address.
// Timing: the completer registers this data in its decode cycle (dec_cfg_rd_all).
// Written as one case over its 10-bit address register, mixing constants and
// registers, synthesis built a chain of 7 LUT levels; as a constant function of that
// address ORed with an AND-OR it was 8 (abc9 restructures the address compares
// freely). With the decodes registered a cycle ahead (dw_sel, from cfg_addr_next)
// each data bit is an OR of flip-flops (the constant bits) and of a few flip-flop
// pairs (decode AND field): the data and its cycle are unchanged. Unused addresses
// read 0.

// dw_sel[i] = (cfg_addr == i): a register loaded from cfg_addr_next, so the read mux
// is an AND-OR of flip-flops. It starts as the decode of 0, as cfg_addr does (the
// completer's address register starts at 0 and is not reset). Only the bits of DW
// indices with data are read; synthesis drops the others.
reg [1023:0] dw_sel = {{1023{1'b0}}, 1'b1};
always @(posedge clk) begin
    dw_sel <= {{1023{1'b0}}, 1'b1} << cfg_addr_next;
end

// constant bits: PCI header, capabilities, DSN; the constant bits of DWs that also
// hold register fields (status, BAR0 type, PMCSR No_Soft_Reset, MSI-X message control)
wire [31:0] rd_const =
    // type-0 header (PCI Local Bus 3.0 §6.1)
    ({32{dw_sel[10'h000]}} & {DEVICE_ID[15:0], VENDOR_ID[15:0]}) |
    // status: capabilities list (bit 4)
    ({32{dw_sel[10'h001]}} & {16'h0010, 16'd0}) |
    ({32{dw_sel[10'h002]}} & {CLASS_CODE[23:0], REVISION_ID[7:0]}) |
    ({32{dw_sel[10'h004]}} & BAR0_TYPE) |
    ({32{dw_sel[10'h00b]}} & {SUBSYSTEM_ID[15:0], SUBSYSTEM_VENDOR_ID[15:0]}) |
    ({32{dw_sel[10'h00d]}} & {24'd0, CAP_PCIE[7:0]}) |
    // PCI Express capability (PCIe Base §7.5.3)
    ({32{dw_sel[DW_PCIE + 10'd0]}} & {PCIE_CAP_REG, CAP_PM[7:0], CAP_ID_PCIE}) |
    ({32{dw_sel[DW_PCIE + 10'd1]}} & PCIE_DEV_CAP) |
    ({32{dw_sel[DW_PCIE + 10'd3]}} & PCIE_LINK_CAP) |
    ({32{dw_sel[DW_PCIE + 10'd4]}} & {PCIE_LINK_STATUS, 16'd0}) |
    ({32{dw_sel[DW_PCIE + 10'd9]}} & PCIE_DEV_CAP2) |
    ({32{dw_sel[DW_PCIE + 10'd11]}} & PCIE_LINK_CAP2) |
    ({32{dw_sel[DW_PCIE + 10'd12]}} & {16'd0, PCIE_LINK_CONTROL2}) |
    // power management: PMCSR with No_Soft_Reset (bit 3) set
    ({32{dw_sel[DW_PM + 10'd0]}} & {PM_CAP_REG, CAP_MSIX[7:0], CAP_ID_PM}) |
    ({32{dw_sel[DW_PM + 10'd1]}} & {28'd0, 1'b1, 3'd0}) |
    // MSI-X (PCIe Base §7.7.2): table size is N-1, BIR 0
    ({32{dw_sel[DW_MSIX + 10'd0]}} & {5'd0, MSIX_TABLE_SIZE_FIELD[10:0], CAP_COMMON[7:0], CAP_ID_MSIX}) |
    ({32{dw_sel[DW_MSIX + 10'd1]}} & {MSIX_TABLE_BASE[31:3], 3'd0}) |
    ({32{dw_sel[DW_MSIX + 10'd2]}} & {MSIX_PBA_BASE[31:3], 3'd0}) |
    // virtio capabilities (virtio 1.3 §4.1.4): bar 0, id 0
    ({32{dw_sel[DW_COMMON + 10'd0]}} & virtio_cap_header(CAP_NOTIFY[7:0], VIRTIO_CAP_LEN, CFG_TYPE_COMMON[7:0])) |
    ({32{dw_sel[DW_COMMON + 10'd2]}} & COMMON_BASE) |
    ({32{dw_sel[DW_COMMON + 10'd3]}} & COMMON_SIZE) |
    ({32{dw_sel[DW_NOTIFY + 10'd0]}} & virtio_cap_header(CAP_ISR[7:0], VIRTIO_CAP_LEN_EXT, CFG_TYPE_NOTIFY[7:0])) |
    ({32{dw_sel[DW_NOTIFY + 10'd2]}} & NOTIFY_BASE) |
    ({32{dw_sel[DW_NOTIFY + 10'd3]}} & NOTIFY_LENGTH) |
    ({32{dw_sel[DW_NOTIFY + 10'd4]}} & NOTIFY_OFF_MULTIPLIER) |
    ({32{dw_sel[DW_ISR + 10'd0]}} & virtio_cap_header(CAP_DEVICE[7:0], VIRTIO_CAP_LEN, CFG_TYPE_ISR[7:0])) |
    ({32{dw_sel[DW_ISR + 10'd2]}} & ISR_BASE) |
    ({32{dw_sel[DW_ISR + 10'd3]}} & ISR_SIZE) |
    ({32{dw_sel[DW_DEVICE + 10'd0]}} & virtio_cap_header(CAP_PCI_CFG[7:0], VIRTIO_CAP_LEN, CFG_TYPE_DEVICE[7:0])) |
    ({32{dw_sel[DW_DEVICE + 10'd2]}} & DEVICE_BASE) |
    ({32{dw_sel[DW_DEVICE + 10'd3]}} & DEVICE_SIZE) |
    // PCI-config-access capability (virtio 1.3 §4.1.4.9)
    ({32{dw_sel[DW_PCI_CFG + 10'd0]}} & virtio_cap_header(8'd0, VIRTIO_CAP_LEN_EXT, CFG_TYPE_PCI[7:0])) |
    // Device Serial Number extended capability (PCIe Base §7.9.3), version 1, last
    ({32{dw_sel[DW_DSN + 10'd0]}} & {12'd0, 4'd1, EXT_CAP_ID_DSN}) |
    ({32{dw_sel[DW_DSN + 10'd1]}} & {24'd0, FUNC_NUM_W[7:0]}) |
    ({32{dw_sel[DW_DSN + 10'd2]}} & {SUBSYSTEM_VENDOR_ID[15:0], SUBSYSTEM_ID[15:0]});

// register-valued fields
wire [31:0] rd_regs =
    // command
    ({32{dw_sel[10'h001]}} & {21'd0, cmd_intx_disable_reg, 1'b0, cmd_serr_reg, 1'b0,
                                    cmd_parity_reg, 3'd0, cmd_bus_master_reg, cmd_mem_reg, 1'b0}) |
    // BIST 0, header type 0x00, latency timer 0, cache line size
    ({32{dw_sel[10'h003]}} & {24'd0, cache_line_reg}) |
    ({32{dw_sel[10'h004]}} & (bar0_reg & BAR0_LOW_MASK)) |
    ({32{dw_sel[10'h005]}} & bar1_reg) |
    // max_lat 0, min_gnt 0, interrupt pin 0 (no INTx), interrupt line
    ({32{dw_sel[10'h00f]}} & {24'd0, int_line_reg}) |
    // Device Control (Initiate FLR reads 0), Device Control 2
    ({32{dw_sel[DW_PCIE + 10'd2]}} & {16'd0, 1'b0, devctl_reg[14:0]}) |
    ({32{dw_sel[DW_PCIE + 10'd10]}} & {27'd0, devctl2_cto_disable_reg, 4'd0}) |
    ({32{dw_sel[DW_PM + 10'd1]}} & {30'd0, power_state_reg}) |
    ({32{dw_sel[DW_MSIX + 10'd0]}} & {msix_enable_reg, msix_mask_reg, 30'd0}) |
    // PCI-config-access capability: bar, offset, length, data writable
    ({32{dw_sel[DW_PCI_CFG + 10'd1]}} & {24'd0, pci_cfg_bar_reg}) |
    ({32{dw_sel[DW_PCI_CFG + 10'd2]}} & pci_cfg_offset_reg) |
    ({32{dw_sel[DW_PCI_CFG + 10'd3]}} & pci_cfg_length_reg) |
    ({32{dw_sel[DW_PCI_CFG + 10'd4]}} & pci_cfg_data_reg);

always @* begin
    rd_data = rd_const | rd_regs;
end

// ------------------------------------------------------------------ writes

always @* begin
    cmd_mem_next = cmd_mem_reg;
    cmd_bus_master_next = cmd_bus_master_reg;
    cmd_parity_next = cmd_parity_reg;
    cmd_serr_next = cmd_serr_reg;
    cmd_intx_disable_next = cmd_intx_disable_reg;
    cache_line_next = cache_line_reg;
    bar0_next = bar0_reg;
    bar1_next = bar1_reg;
    int_line_next = int_line_reg;
    devctl_next = devctl_reg;
    devctl2_cto_disable_next = devctl2_cto_disable_reg;
    power_state_next = power_state_reg;
    msix_enable_next = msix_enable_reg;
    msix_mask_next = msix_mask_reg;
    pci_cfg_bar_next = pci_cfg_bar_reg;
    pci_cfg_offset_next = pci_cfg_offset_reg;
    pci_cfg_length_next = pci_cfg_length_reg;
    pci_cfg_data_next = pci_cfg_data_reg;
    flr_next = 1'b0;

    if (cfg_wr_en) begin
        // one-hot: at most one dw_sel bit is set (timing: decodes from flip-flops)
        case (1'b1)
            dw_sel[10'h001]: begin
                if (cfg_wr_be[0]) begin
                    cmd_mem_next = cfg_wr_data[1];
                    cmd_bus_master_next = cfg_wr_data[2];
                    cmd_parity_next = cfg_wr_data[6];
                end
                if (cfg_wr_be[1]) begin
                    cmd_serr_next = cfg_wr_data[8];
                    cmd_intx_disable_next = cfg_wr_data[10];
                end
            end
            dw_sel[10'h003]: if (cfg_wr_be[0]) cache_line_next = cfg_wr_data[7:0];
            dw_sel[10'h004]: bar0_next = merge_be(bar0_reg, cfg_wr_data, cfg_wr_be) & BAR0_LOW_MASK;
            dw_sel[10'h005]: bar1_next = merge_be(bar1_reg, cfg_wr_data, cfg_wr_be);
            dw_sel[10'h00f]: if (cfg_wr_be[0]) int_line_next = cfg_wr_data[7:0];
            dw_sel[DW_PCIE + 10'd2]: begin
                // Device Control: error enables, relaxed ordering, MPS, extended tag,
                // no snoop, MRRS writable; phantom functions and aux power read 0
                if (cfg_wr_be[0]) devctl_next[7:0] = cfg_wr_data[7:0];
                if (cfg_wr_be[1]) begin
                    devctl_next[8] = cfg_wr_data[8];
                    devctl_next[11] = cfg_wr_data[11];
                    devctl_next[14:12] = cfg_wr_data[14:12];
                    flr_next = cfg_wr_data[15];
                end
            end
            dw_sel[DW_PCIE + 10'd10]: if (cfg_wr_be[0]) devctl2_cto_disable_next = cfg_wr_data[4];
            dw_sel[DW_PM + 10'd1]: begin
                // PCI PM 1.2 §5.4: D1/D2 are not supported, writes of them are ignored
                if (cfg_wr_be[0] && (cfg_wr_data[1:0] == POWER_D0 || cfg_wr_data[1:0] == POWER_D3HOT)) begin
                    power_state_next = cfg_wr_data[1:0];
                end
            end
            dw_sel[DW_MSIX + 10'd0]: begin
                if (cfg_wr_be[3]) begin
                    msix_mask_next = cfg_wr_data[30];
                    msix_enable_next = cfg_wr_data[31];
                end
            end
            dw_sel[DW_PCI_CFG + 10'd1]: if (cfg_wr_be[0]) pci_cfg_bar_next = cfg_wr_data[7:0];
            dw_sel[DW_PCI_CFG + 10'd2]: pci_cfg_offset_next = merge_be(pci_cfg_offset_reg, cfg_wr_data, cfg_wr_be);
            dw_sel[DW_PCI_CFG + 10'd3]: pci_cfg_length_next = merge_be(pci_cfg_length_reg, cfg_wr_data, cfg_wr_be);
            dw_sel[DW_PCI_CFG + 10'd4]: pci_cfg_data_next = merge_be(pci_cfg_data_reg, cfg_wr_data, cfg_wr_be);
            default: begin
                // read-only or unimplemented: writes are ignored
            end
        endcase
    end

    if (pci_cfg_load_en) begin
        pci_cfg_data_next = pci_cfg_load_data;
    end

    if (flr_next) begin
        // PCIe Base §6.6.2: FLR returns the function's configuration to its reset state
        cmd_mem_next = 1'b0;
        cmd_bus_master_next = 1'b0;
        cmd_parity_next = 1'b0;
        cmd_serr_next = 1'b0;
        cmd_intx_disable_next = 1'b0;
        cache_line_next = 8'd0;
        bar0_next = 32'd0;
        bar1_next = 32'd0;
        int_line_next = 8'd0;
        devctl_next = DEVCTL_RESET;
        devctl2_cto_disable_next = 1'b0;
        power_state_next = POWER_D0;
        msix_enable_next = 1'b0;
        msix_mask_next = 1'b0;
        pci_cfg_bar_next = 8'd0;
        pci_cfg_offset_next = 32'd0;
        pci_cfg_length_next = 32'd0;
        pci_cfg_data_next = 32'd0;
    end
end

always @(posedge clk) begin
    cmd_mem_reg <= cmd_mem_next;
    cmd_bus_master_reg <= cmd_bus_master_next;
    cmd_parity_reg <= cmd_parity_next;
    cmd_serr_reg <= cmd_serr_next;
    cmd_intx_disable_reg <= cmd_intx_disable_next;
    cache_line_reg <= cache_line_next;
    bar0_reg <= bar0_next;
    bar1_reg <= bar1_next;
    int_line_reg <= int_line_next;
    devctl_reg <= devctl_next;
    devctl2_cto_disable_reg <= devctl2_cto_disable_next;
    power_state_reg <= power_state_next;
    msix_enable_reg <= msix_enable_next;
    msix_mask_reg <= msix_mask_next;
    pci_cfg_bar_reg <= pci_cfg_bar_next;
    pci_cfg_offset_reg <= pci_cfg_offset_next;
    pci_cfg_length_reg <= pci_cfg_length_next;
    pci_cfg_data_reg <= pci_cfg_data_next;
    flr_reg <= flr_next;

    if (rst) begin
        cmd_mem_reg <= 1'b0;
        cmd_bus_master_reg <= 1'b0;
        cmd_parity_reg <= 1'b0;
        cmd_serr_reg <= 1'b0;
        cmd_intx_disable_reg <= 1'b0;
        cache_line_reg <= 8'd0;
        bar0_reg <= 32'd0;
        bar1_reg <= 32'd0;
        int_line_reg <= 8'd0;
        devctl_reg <= DEVCTL_RESET;
        devctl2_cto_disable_reg <= 1'b0;
        power_state_reg <= POWER_D0;
        msix_enable_reg <= 1'b0;
        msix_mask_reg <= 1'b0;
        pci_cfg_bar_reg <= 8'd0;
        pci_cfg_offset_reg <= 32'd0;
        pci_cfg_length_reg <= 32'd0;
        pci_cfg_data_reg <= 32'd0;
        flr_reg <= 1'b0;
    end
end

// DW indices without data
wire unused_dw_sel = &{1'b0, dw_sel};

endmodule

`resetall
