`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_memory_map_regs.vh"
`include "vionic_pcie_config_regs.vh"

// vionic_virtio_transport: the virtio transport between the PCIe endpoint and
// the control processor (docs/transport.md): the BAR0 register side
// (vionic_virtio_regs), MSI-X, the ctrl CSRs, the common-config shadow, the
// device-config store, the queue-context RAM, simctrl and the decoder of the
// core's peripheral port.
//
// Interfaces: the register port and per-function state of
// vionic_pcie_endpoint, the core's peripheral port and event interrupt, the
// requester stream for MSI-X messages, the (synchronous) link indication, and
// the simulation-control outputs. vionic_device instantiates it; the block test
// (tests/rtl/virtio) drives it directly, playing host, firmware and config space.
module vionic_virtio_transport #(
    // PCIe functions (PF + VFs)
    parameter NUM_FUNCS = `VIONIC_PCIE_CONFIG_NUM_FUNCS,
    // queue contexts (and notify pages) per function
    parameter QUEUES_PER_FUNC = `VIONIC_PCIE_CONFIG_QUEUES_PER_FUNC,
    // MSI-X vectors per function
    parameter MSIX_VECTORS = `VIONIC_PCIE_CONFIG_MSIX_VECTORS,
    // log2 of the BAR0 size in bytes
    parameter BAR0_SIZE_LOG2 = `VIONIC_PCIE_CONFIG_BAR0_SIZE_LOG2,
    // requester data path width (m_rq)
    parameter DATA_WIDTH = 512,
    // host-event queue entries
    parameter EVENT_DEPTH = 32,
    // longest wait of a common-config read for the firmware (cycles)
    parameter READ_WAIT_CYCLES = 65536,
    // longest wait of a host write for room in the event queue (cycles)
    parameter EVENT_FULL_WAIT_CYCLES = 65536
) (
    input  wire                     clk,
    input  wire                     rst,
    input  wire                     link_up,

    input  wire                     reg_req_valid,
    output wire                     reg_req_ready,
    input  wire                     reg_req_write,
    input  wire [7:0]               reg_req_func,
    input  wire [BAR0_SIZE_LOG2-3:0] reg_req_addr,
    input  wire [3:0]               reg_req_be,
    input  wire [31:0]              reg_req_wdata,
    output wire                     reg_rsp_valid,
    output wire [31:0]              reg_rsp_rdata,

    input  wire [NUM_FUNCS-1:0]     func_mem_enable,
    input  wire [NUM_FUNCS-1:0]     func_bus_master,
    input  wire [NUM_FUNCS-1:0]     func_msix_enable,
    input  wire [NUM_FUNCS-1:0]     func_msix_mask,
    input  wire [2*NUM_FUNCS-1:0]   func_power_state,
    input  wire [3*NUM_FUNCS-1:0]   func_max_payload,
    input  wire [3*NUM_FUNCS-1:0]   func_max_read_request,
    input  wire [NUM_FUNCS-1:0]     func_flr,
    output wire                     fw_ready,

    input  wire                     periph_req_valid,
    output wire                     periph_req_ready,
    input  wire [31:0]              periph_req_addr,
    input  wire                     periph_req_write,
    input  wire [3:0]               periph_req_strb,
    input  wire [31:0]              periph_req_wdata,
    output wire                     periph_rsp_valid,
    output wire [31:0]              periph_rsp_rdata,
    output wire                     periph_rsp_error,
    output wire                     irq_external,

    output wire                     m_rq_valid,
    input  wire                     m_rq_ready,
    output wire [1:0]               m_rq_type,
    output wire [7:0]               m_rq_func,
    output wire [63:0]              m_rq_addr,
    output wire [10:0]              m_rq_len_dw,
    output wire [3:0]               m_rq_first_be,
    output wire [3:0]               m_rq_last_be,
    output wire [9:0]               m_rq_tag,
    output wire [DATA_WIDTH-1:0]    m_rq_data,
    output wire [DATA_WIDTH/32-1:0] m_rq_keep,
    output wire                     m_rq_last,

    // data path (docs/datapath.md): doorbells, queue interrupts, the
    // queue-context read port, the BAR0 STATS read port, and the CPU's
    // peripheral window of the data-path blocks (DP, FW_DMA, FW_DMA_BUF; the
    // request's address/write/strobes/data are periph_req_*)
    output wire                     db_valid,
    input  wire                     db_ready,
    output wire [7:0]               db_func,
    output wire [15:0]              db_queue,
    output wire [31:0]              db_data,
    input  wire                     qirq_valid,
    output wire                     qirq_ready,
    input  wire [7:0]               qirq_func,
    input  wire [15:0]              qirq_vector,
    input  wire [$clog2(NUM_FUNCS * QUEUES_PER_FUNC * 16)-1:0] qctx_rd_addr,
    output wire [31:0]              qctx_rd_data,
    output wire [7:0]               stats_rd_func,
    output wire [3:0]               stats_rd_index,
    input  wire [31:0]              stats_rd_data,
    output wire                     dp_req_valid,
    input  wire                     dp_req_ready,
    input  wire                     dp_rsp_valid,
    input  wire [31:0]              dp_rsp_rdata,
    input  wire                     dp_rsp_error,
    input  wire                     dp_irq,

    output wire                     console_valid,
    output wire [7:0]               console_char,
    output wire                     halt_valid,
    output wire [31:0]              halt_code
);

localparam SHADOW_AW = $clog2(NUM_FUNCS * 16);
localparam DEVCFG_AW = $clog2(NUM_FUNCS * 64);

wire ctrl_irq;
wire simctrl_irq;
assign irq_external = ctrl_irq || simctrl_irq || dp_irq;

// ------------------------------------------------------------------ transport

wire [SHADOW_AW-1:0] shadow_rd_addr;
wire [31:0]          shadow_rd_data;
wire [DEVCFG_AW-1:0] devcfg_rd_addr;
wire [31:0]          devcfg_rd_data;
wire                 devcfg_write_valid;
wire [7:0]           devcfg_write_func;

wire        msix_req_valid;
wire        msix_req_ready;
wire        msix_req_write;
wire [7:0]  msix_req_func;
wire        msix_req_pba;
wire [15:0] msix_req_dw;
wire [3:0]  msix_req_be;
wire [31:0] msix_req_wdata;
wire        msix_rsp_valid;
wire [31:0] msix_rsp_rdata;

wire        gen_bump_valid;
wire [7:0]  gen_bump_func;
wire        isr_set_valid;
wire [7:0]  isr_set_func;
wire [1:0]  isr_set_bits;
wire        irq_req_valid;
wire        irq_req_ready;
wire [7:0]  irq_req_func;
wire [15:0] irq_req_vector;

wire        evt_valid;
wire [7:0]  evt_func;
wire [2:0]  evt_source;
wire [3:0]  evt_be;
wire [11:0] evt_offset;
wire [31:0] evt_data;
wire [15:0] evt_pending;
wire        evt_pop;

// a doorbell the queue scheduler took (counted in ctrl DOORBELL_*)
wire        doorbell_valid = db_valid && db_ready;
wire        read_timeout;
wire        bad_access;
wire        evt_dropped;
wire        msix_sent;

vionic_virtio_regs #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .MSIX_VECTORS(MSIX_VECTORS),
    .BAR0_SIZE_LOG2(BAR0_SIZE_LOG2),
    .EVENT_DEPTH(EVENT_DEPTH),
    .READ_WAIT_CYCLES(READ_WAIT_CYCLES),
    .EVENT_FULL_WAIT_CYCLES(EVENT_FULL_WAIT_CYCLES)
) regs_inst (
    .clk(clk),
    .rst(rst),
    .reg_req_valid(reg_req_valid),
    .reg_req_ready(reg_req_ready),
    .reg_req_write(reg_req_write),
    .reg_req_func(reg_req_func),
    .reg_req_addr(reg_req_addr),
    .reg_req_be(reg_req_be),
    .reg_req_wdata(reg_req_wdata),
    .reg_rsp_valid(reg_rsp_valid),
    .reg_rsp_rdata(reg_rsp_rdata),
    .shadow_rd_addr(shadow_rd_addr),
    .shadow_rd_data(shadow_rd_data),
    .devcfg_rd_addr(devcfg_rd_addr),
    .devcfg_rd_data(devcfg_rd_data),
    .msix_req_valid(msix_req_valid),
    .msix_req_ready(msix_req_ready),
    .msix_req_write(msix_req_write),
    .msix_req_func(msix_req_func),
    .msix_req_pba(msix_req_pba),
    .msix_req_dw(msix_req_dw),
    .msix_req_be(msix_req_be),
    .msix_req_wdata(msix_req_wdata),
    .msix_rsp_valid(msix_rsp_valid),
    .msix_rsp_rdata(msix_rsp_rdata),
    .gen_bump_a_valid(devcfg_write_valid),
    .gen_bump_a_func(devcfg_write_func),
    .gen_bump_b_valid(gen_bump_valid),
    .gen_bump_b_func(gen_bump_func),
    .isr_set_valid(isr_set_valid),
    .isr_set_func(isr_set_func),
    .isr_set_bits(isr_set_bits),
    .isr_queue_valid(qirq_valid && qirq_ready),
    .isr_queue_func(qirq_func),
    .func_flr(func_flr),
    .link_up(link_up),
    .evt_valid(evt_valid),
    .evt_func(evt_func),
    .evt_source(evt_source),
    .evt_be(evt_be),
    .evt_offset(evt_offset),
    .evt_data(evt_data),
    .evt_pending(evt_pending),
    .evt_pop(evt_pop),
    .doorbell_valid(db_valid),
    .doorbell_ready(db_ready),
    .doorbell_func(db_func),
    .doorbell_queue(db_queue),
    .doorbell_data(db_data),
    .stats_rd_func(stats_rd_func),
    .stats_rd_index(stats_rd_index),
    .stats_rd_data(stats_rd_data),
    .read_timeout(read_timeout),
    .bad_access(bad_access),
    .evt_dropped(evt_dropped)
);

vionic_msix #(
    .NUM_FUNCS(NUM_FUNCS),
    .MSIX_VECTORS(MSIX_VECTORS),
    .DATA_WIDTH(DATA_WIDTH)
) msix_inst (
    .clk(clk),
    .rst(rst),
    .reg_req_valid(msix_req_valid),
    .reg_req_ready(msix_req_ready),
    .reg_req_write(msix_req_write),
    .reg_req_func(msix_req_func),
    .reg_req_pba(msix_req_pba),
    .reg_req_dw(msix_req_dw),
    .reg_req_be(msix_req_be),
    .reg_req_wdata(msix_req_wdata),
    .reg_rsp_valid(msix_rsp_valid),
    .reg_rsp_rdata(msix_rsp_rdata),
    .irq_a_valid(irq_req_valid),
    .irq_a_ready(irq_req_ready),
    .irq_a_func(irq_req_func),
    .irq_a_vector(irq_req_vector),
    .irq_b_valid(qirq_valid),
    .irq_b_ready(qirq_ready),
    .irq_b_func(qirq_func),
    .irq_b_vector(qirq_vector),
    .func_bus_master(func_bus_master),
    .func_msix_enable(func_msix_enable),
    .func_msix_mask(func_msix_mask),
    .func_flr(func_flr),
    .m_rq_valid(m_rq_valid),
    .m_rq_ready(m_rq_ready),
    .m_rq_type(m_rq_type),
    .m_rq_func(m_rq_func),
    .m_rq_addr(m_rq_addr),
    .m_rq_len_dw(m_rq_len_dw),
    .m_rq_first_be(m_rq_first_be),
    .m_rq_last_be(m_rq_last_be),
    .m_rq_tag(m_rq_tag),
    .m_rq_data(m_rq_data),
    .m_rq_keep(m_rq_keep),
    .m_rq_last(m_rq_last),
    .msix_sent(msix_sent)
);

// ------------------------------------------------------------------ CPU side

// targets of vionic_periph_decode
localparam T_SIMCTRL = 0, T_CTRL = 1, T_SHADOW = 2, T_DEVCFG = 3, T_QCTX = 4, T_DP = 5;

wire [5:0]   t_req_valid;
wire [5:0]   t_req_ready;
wire [5:0]   t_rsp_valid;
wire [191:0] t_rsp_rdata;
wire [5:0]   t_rsp_error;

assign dp_req_valid = t_req_valid[T_DP];
assign t_req_ready[T_DP] = dp_req_ready;
assign t_rsp_valid[T_DP] = dp_rsp_valid;
assign t_rsp_rdata[T_DP*32 +: 32] = dp_rsp_rdata;
assign t_rsp_error[T_DP] = dp_rsp_error;

vionic_periph_decode decode_inst (
    .clk(clk),
    .rst(rst),
    .s_req_valid(periph_req_valid),
    .s_req_ready(periph_req_ready),
    .s_req_addr(periph_req_addr),
    .s_rsp_valid(periph_rsp_valid),
    .s_rsp_rdata(periph_rsp_rdata),
    .s_rsp_error(periph_rsp_error),
    .m_req_valid(t_req_valid),
    .m_req_ready(t_req_ready),
    .m_rsp_valid(t_rsp_valid),
    .m_rsp_rdata(t_rsp_rdata),
    .m_rsp_error(t_rsp_error)
);

vionic_simctrl #(
    .BASE(`VIONIC_MAP_SIMCTRL_BASE),
    .WINDOW(`VIONIC_MAP_SIMCTRL_WINDOW)
) simctrl_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(t_req_valid[T_SIMCTRL]),
    .req_ready(t_req_ready[T_SIMCTRL]),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(t_rsp_valid[T_SIMCTRL]),
    .rsp_rdata(t_rsp_rdata[T_SIMCTRL*32 +: 32]),
    .rsp_error(t_rsp_error[T_SIMCTRL]),
    .console_valid(console_valid),
    .console_char(console_char),
    .halt_valid(halt_valid),
    .halt_code(halt_code),
    .irq_external(simctrl_irq)
);

vionic_ctrl #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC),
    .MSIX_VECTORS(MSIX_VECTORS)
) ctrl_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(t_req_valid[T_CTRL]),
    .req_ready(t_req_ready[T_CTRL]),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(t_rsp_valid[T_CTRL]),
    .rsp_rdata(t_rsp_rdata[T_CTRL*32 +: 32]),
    .rsp_error(t_rsp_error[T_CTRL]),
    .irq(ctrl_irq),
    .fw_ready(fw_ready),
    .evt_valid(evt_valid),
    .evt_func(evt_func),
    .evt_source(evt_source),
    .evt_be(evt_be),
    .evt_offset(evt_offset),
    .evt_data(evt_data),
    .evt_pending(evt_pending),
    .evt_pop(evt_pop),
    .gen_bump_valid(gen_bump_valid),
    .gen_bump_func(gen_bump_func),
    .isr_set_valid(isr_set_valid),
    .isr_set_func(isr_set_func),
    .isr_set_bits(isr_set_bits),
    .irq_req_valid(irq_req_valid),
    .irq_req_ready(irq_req_ready),
    .irq_req_func(irq_req_func),
    .irq_req_vector(irq_req_vector),
    .read_timeout(read_timeout),
    .bad_access(bad_access),
    .evt_dropped(evt_dropped),
    .msix_sent(msix_sent),
    .doorbell_valid(doorbell_valid),
    .doorbell_func(db_func),
    .doorbell_queue(db_queue),
    .doorbell_data(db_data),
    .link_up(link_up),
    .func_mem_enable(func_mem_enable),
    .func_bus_master(func_bus_master),
    .func_msix_enable(func_msix_enable),
    .func_msix_mask(func_msix_mask),
    .func_power_state(func_power_state),
    .func_max_payload(func_max_payload),
    .func_max_read_request(func_max_read_request)
);

vionic_store #(
    .BASE(`VIONIC_MAP_COMMON_SHADOW_BASE),
    .BYTES(NUM_FUNCS * 64),
    .ADDR_WIDTH(SHADOW_AW),
    .FUNC_SHIFT(6)
) shadow_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(t_req_valid[T_SHADOW]),
    .req_ready(t_req_ready[T_SHADOW]),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(t_rsp_valid[T_SHADOW]),
    .rsp_rdata(t_rsp_rdata[T_SHADOW*32 +: 32]),
    .rsp_error(t_rsp_error[T_SHADOW]),
    .write_valid(unused_shadow_write_valid),
    .write_func(unused_shadow_write_func),
    .rd_addr(shadow_rd_addr),
    .rd_data(shadow_rd_data)
);

// the shadow's stores need no notice (config_generation follows the device config)
wire       unused_shadow_write_valid;
wire [7:0] unused_shadow_write_func;

vionic_store #(
    .BASE(`VIONIC_MAP_DEVCFG_STORE_BASE),
    .BYTES(NUM_FUNCS * 256),
    .ADDR_WIDTH(DEVCFG_AW),
    .FUNC_SHIFT(8)
) devcfg_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(t_req_valid[T_DEVCFG]),
    .req_ready(t_req_ready[T_DEVCFG]),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(t_rsp_valid[T_DEVCFG]),
    .rsp_rdata(t_rsp_rdata[T_DEVCFG*32 +: 32]),
    .rsp_error(t_rsp_error[T_DEVCFG]),
    .write_valid(devcfg_write_valid),
    .write_func(devcfg_write_func),
    .rd_addr(devcfg_rd_addr),
    .rd_data(devcfg_rd_data)
);

vionic_queue_context_ram #(
    .NUM_FUNCS(NUM_FUNCS),
    .QUEUES_PER_FUNC(QUEUES_PER_FUNC)
) qctx_inst (
    .clk(clk),
    .rst(rst),
    .req_valid(t_req_valid[T_QCTX]),
    .req_ready(t_req_ready[T_QCTX]),
    .req_addr(periph_req_addr),
    .req_write(periph_req_write),
    .req_strb(periph_req_strb),
    .req_wdata(periph_req_wdata),
    .rsp_valid(t_rsp_valid[T_QCTX]),
    .rsp_rdata(t_rsp_rdata[T_QCTX*32 +: 32]),
    .rsp_error(t_rsp_error[T_QCTX]),
    .dp_rd_addr(qctx_rd_addr),
    .dp_rd_data(qctx_rd_data)
);

endmodule

`resetall
