`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_ctrl_regs.vh"
`include "vionic_memory_map_regs.vh"

// vionic_ctrl: the device control CSRs (regs/ctrl.toml) at memory-map region
// CTRL, the firmware's side of the virtio transport (docs/transport.md).
//
// CPU side: peripheral-port slave, one response the cycle after each request.
// Offsets that are no register (and PCI_STATE of a function that does not
// exist) answer with an error; writes to read-only registers are ignored and
// reads of write-only registers return 0.
// Transport side: the head of the event queue (EVT_INFO/EVT_DATA) and its
// count come from vionic_virtio_regs, which takes evt_pop, gen_bump_* and
// isr_set_*; IRQ_SEND also requests MSI-X vector irq_req_vector of vionic_msix.
// Counters take one-cycle pulses. pci_* are the endpoint's per-function state.
// Outputs: irq (event queue not empty and IRQ_ENABLE.EVENT) to the core and
// fw_ready (FW_STATUS.READY) to the endpoint.
// State: IRQ_ENABLE, FW_STATUS, counters, last doorbell.
module vionic_ctrl #(
    // PCIe functions
    parameter NUM_FUNCS = 1,
    // queue contexts per function
    parameter QUEUES_PER_FUNC = 32,
    // MSI-X vectors per function
    parameter MSIX_VECTORS = 32
) (
    input  wire                   clk,
    input  wire                   rst,

    input  wire                   req_valid,
    output wire                   req_ready,
    input  wire [31:0]            req_addr,
    input  wire                   req_write,
    input  wire [3:0]             req_strb,
    input  wire [31:0]            req_wdata,
    output reg                    rsp_valid,
    output reg  [31:0]            rsp_rdata,
    output reg                    rsp_error,

    output reg                    irq,
    output wire                   fw_ready,

    // event queue head (vionic_virtio_regs)
    input  wire                   evt_valid,
    input  wire [7:0]             evt_func,
    input  wire [2:0]             evt_source,
    input  wire [3:0]             evt_be,
    input  wire [11:0]            evt_offset,
    input  wire [31:0]            evt_data,
    input  wire [15:0]            evt_pending,
    output reg                    evt_pop,

    output reg                    gen_bump_valid,
    output reg  [7:0]             gen_bump_func,

    // IRQ_SEND: ISR bits to vionic_virtio_regs, the vector to vionic_msix
    output reg                    isr_set_valid,
    output reg  [7:0]             isr_set_func,
    output reg  [1:0]             isr_set_bits,
    output reg                    irq_req_valid,
    input  wire                   irq_req_ready,
    output reg  [7:0]             irq_req_func,
    output reg  [15:0]            irq_req_vector,

    // counter pulses
    input  wire                   read_timeout,
    input  wire                   bad_access,
    input  wire                   evt_dropped,
    input  wire                   msix_sent,
    input  wire                   doorbell_valid,
    input  wire [7:0]             doorbell_func,
    input  wire [15:0]            doorbell_queue,
    input  wire [31:0]            doorbell_data,

    input  wire                   link_up,

    input  wire [NUM_FUNCS-1:0]   func_mem_enable,
    input  wire [NUM_FUNCS-1:0]   func_bus_master,
    input  wire [NUM_FUNCS-1:0]   func_msix_enable,
    input  wire [NUM_FUNCS-1:0]   func_msix_mask,
    input  wire [2*NUM_FUNCS-1:0] func_power_state,
    input  wire [3*NUM_FUNCS-1:0] func_max_payload,
    input  wire [3*NUM_FUNCS-1:0] func_max_read_request
);

localparam [31:0] PCI_STATE_BASE = {20'b0, `VIONIC_CTRL_PCI_STATE_OFFSET};

initial begin
    if (NUM_FUNCS < 1 || NUM_FUNCS > 256 || QUEUES_PER_FUNC < 1 || QUEUES_PER_FUNC > 255
            || MSIX_VECTORS < 1 || MSIX_VECTORS > 2047
            || PCI_STATE_BASE + 4 * NUM_FUNCS > `VIONIC_MAP_CTRL_WINDOW) begin
        $error("vionic_ctrl: parameter out of range of the PARAMS/PCI_STATE fields");
        $finish;
    end
end

reg        irq_enable_reg = 1'b0;
reg        fw_ready_reg = 1'b0;
reg [31:0] read_timeouts_reg = 32'b0;
reg [31:0] bad_access_reg = 32'b0;
reg [15:0] dropped_reg = 16'b0;
reg [31:0] doorbell_count_reg = 32'b0;
reg [15:0] doorbell_queue_reg = 16'b0;
reg [7:0]  doorbell_func_reg = 8'b0;
reg [31:0] doorbell_data_reg = 32'b0;
reg [31:0] msix_sent_reg = 32'b0;

assign req_ready = 1'b1;
assign fw_ready = fw_ready_reg;

wire [31:0] offset = req_addr - `VIONIC_MAP_CTRL_BASE;
wire        in_window = offset < `VIONIC_MAP_CTRL_WINDOW;
// PCI_STATE: one word per function from 0x100
wire [31:0] pci_offset = offset - PCI_STATE_BASE;
wire        pci_hit = offset >= PCI_STATE_BASE && pci_offset < 4 * NUM_FUNCS;
wire        do_write = req_valid && req_write && in_window;

// byte-enabled view of the write data: a partial store only sets its lanes
wire [31:0] wmask = {{8{req_strb[3]}}, {8{req_strb[2]}}, {8{req_strb[1]}}, {8{req_strb[0]}}};
wire [31:0] wdata_masked = req_wdata & wmask;
// reserved bits of the write-only registers are ignored
wire        unused_wdata_masked = ^wdata_masked;

reg [31:0] pci_state;
reg [31:0] read_value;
reg        read_error;
integer f;

always @* begin
    pci_state = 32'b0;
    for (f = 0; f < NUM_FUNCS; f = f + 1) begin
        if ({2'b0, pci_offset[31:2]} == f) begin
            pci_state[`VIONIC_CTRL_PCI_STATE_MEM_ENABLE_LSB] = func_mem_enable[f];
            pci_state[`VIONIC_CTRL_PCI_STATE_BUS_MASTER_LSB] = func_bus_master[f];
            pci_state[`VIONIC_CTRL_PCI_STATE_MSIX_ENABLE_LSB] = func_msix_enable[f];
            pci_state[`VIONIC_CTRL_PCI_STATE_MSIX_MASK_LSB] = func_msix_mask[f];
            pci_state[`VIONIC_CTRL_PCI_STATE_POWER_STATE_MSB:`VIONIC_CTRL_PCI_STATE_POWER_STATE_LSB] = func_power_state[2*f +: 2];
            pci_state[`VIONIC_CTRL_PCI_STATE_MAX_PAYLOAD_MSB:`VIONIC_CTRL_PCI_STATE_MAX_PAYLOAD_LSB] = func_max_payload[3*f +: 3];
            pci_state[`VIONIC_CTRL_PCI_STATE_MAX_READ_REQUEST_MSB:`VIONIC_CTRL_PCI_STATE_MAX_READ_REQUEST_LSB] = func_max_read_request[3*f +: 3];
        end
    end

    read_value = 32'b0;
    read_error = 1'b0;
    case ({offset[11:2], 2'b00})
        `VIONIC_CTRL_ID_OFFSET: read_value = `VIONIC_CTRL_ID_MAGIC_RESET;
        `VIONIC_CTRL_PARAMS_OFFSET: begin
            read_value[`VIONIC_CTRL_PARAMS_NUM_FUNCS_MSB:`VIONIC_CTRL_PARAMS_NUM_FUNCS_LSB] = NUM_FUNCS[7:0];
            read_value[`VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC_MSB:`VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC_LSB] = QUEUES_PER_FUNC[7:0];
            read_value[`VIONIC_CTRL_PARAMS_MSIX_VECTORS_MSB:`VIONIC_CTRL_PARAMS_MSIX_VECTORS_LSB] = MSIX_VECTORS[11:0];
        end
        `VIONIC_CTRL_IRQ_ENABLE_OFFSET: read_value[`VIONIC_CTRL_IRQ_ENABLE_EVENT_LSB] = irq_enable_reg;
        `VIONIC_CTRL_FW_STATUS_OFFSET: read_value[`VIONIC_CTRL_FW_STATUS_READY_LSB] = fw_ready_reg;
        `VIONIC_CTRL_EVT_INFO_OFFSET: begin
            if (evt_valid) begin
                read_value[`VIONIC_CTRL_EVT_INFO_FUNC_MSB:`VIONIC_CTRL_EVT_INFO_FUNC_LSB] = evt_func;
                read_value[`VIONIC_CTRL_EVT_INFO_SOURCE_MSB:`VIONIC_CTRL_EVT_INFO_SOURCE_LSB] = evt_source;
                read_value[`VIONIC_CTRL_EVT_INFO_BE_MSB:`VIONIC_CTRL_EVT_INFO_BE_LSB] = evt_be;
                read_value[`VIONIC_CTRL_EVT_INFO_OFFSET_MSB:`VIONIC_CTRL_EVT_INFO_OFFSET_LSB] = evt_offset;
                read_value[`VIONIC_CTRL_EVT_INFO_VALID_LSB] = 1'b1;
            end
        end
        `VIONIC_CTRL_EVT_DATA_OFFSET: read_value = evt_valid ? evt_data : 32'b0;
        `VIONIC_CTRL_EVT_POP_OFFSET: read_value = 32'b0;
        `VIONIC_CTRL_EVT_COUNT_OFFSET: begin
            read_value[`VIONIC_CTRL_EVT_COUNT_PENDING_MSB:`VIONIC_CTRL_EVT_COUNT_PENDING_LSB] = evt_pending;
            read_value[`VIONIC_CTRL_EVT_COUNT_DROPPED_MSB:`VIONIC_CTRL_EVT_COUNT_DROPPED_LSB] = dropped_reg;
        end
        `VIONIC_CTRL_GEN_BUMP_OFFSET: read_value = 32'b0;
        `VIONIC_CTRL_IRQ_SEND_OFFSET: read_value = 32'b0;
        `VIONIC_CTRL_READ_TIMEOUTS_OFFSET: read_value = read_timeouts_reg;
        `VIONIC_CTRL_BAD_ACCESS_COUNT_OFFSET: read_value = bad_access_reg;
        `VIONIC_CTRL_DOORBELL_COUNT_OFFSET: read_value = doorbell_count_reg;
        `VIONIC_CTRL_DOORBELL_LAST_OFFSET: begin
            read_value[`VIONIC_CTRL_DOORBELL_LAST_QUEUE_MSB:`VIONIC_CTRL_DOORBELL_LAST_QUEUE_LSB] = doorbell_queue_reg;
            read_value[`VIONIC_CTRL_DOORBELL_LAST_FUNC_MSB:`VIONIC_CTRL_DOORBELL_LAST_FUNC_LSB] = doorbell_func_reg;
        end
        `VIONIC_CTRL_DOORBELL_LAST_DATA_OFFSET: read_value = doorbell_data_reg;
        `VIONIC_CTRL_MSIX_SENT_OFFSET: read_value = msix_sent_reg;
        `VIONIC_CTRL_LINK_OFFSET: read_value[`VIONIC_CTRL_LINK_UP_LSB] = link_up;
        default: begin
            if (pci_hit) begin
                read_value = pci_state;
            end else begin
                read_error = 1'b1;
            end
        end
    endcase
    if (!in_window) begin
        read_error = 1'b1;
    end
end

wire reg_write = do_write && !read_error;
wire [11:0] write_offset = {offset[11:2], 2'b00};

always @(posedge clk) begin
    rsp_valid <= req_valid;
    rsp_rdata <= read_error ? 32'b0 : read_value;
    rsp_error <= req_valid && read_error;

    evt_pop <= 1'b0;
    gen_bump_valid <= 1'b0;
    isr_set_valid <= 1'b0;
    if (irq_req_ready) begin
        irq_req_valid <= 1'b0;
    end
    irq <= evt_valid && irq_enable_reg;

    if (reg_write) begin
        case (write_offset)
            `VIONIC_CTRL_IRQ_ENABLE_OFFSET: begin
                if (req_strb[0]) irq_enable_reg <= req_wdata[`VIONIC_CTRL_IRQ_ENABLE_EVENT_LSB];
            end
            `VIONIC_CTRL_FW_STATUS_OFFSET: begin
                if (req_strb[0]) fw_ready_reg <= req_wdata[`VIONIC_CTRL_FW_STATUS_READY_LSB];
            end
            `VIONIC_CTRL_EVT_POP_OFFSET: begin
                evt_pop <= wdata_masked[`VIONIC_CTRL_EVT_POP_POP_LSB] && evt_valid;
            end
            `VIONIC_CTRL_GEN_BUMP_OFFSET: begin
                gen_bump_valid <= {24'b0, wdata_masked[`VIONIC_CTRL_GEN_BUMP_FUNC_MSB:`VIONIC_CTRL_GEN_BUMP_FUNC_LSB]} < NUM_FUNCS;
                gen_bump_func <= wdata_masked[`VIONIC_CTRL_GEN_BUMP_FUNC_MSB:`VIONIC_CTRL_GEN_BUMP_FUNC_LSB];
            end
            `VIONIC_CTRL_IRQ_SEND_OFFSET: begin
                // ISR bits first (virtio 1.3 §4.1.4.5), then the message;
                // a function that does not exist is ignored
                if ({24'b0, wdata_masked[`VIONIC_CTRL_IRQ_SEND_FUNC_MSB:`VIONIC_CTRL_IRQ_SEND_FUNC_LSB]} < NUM_FUNCS) begin
                    isr_set_valid <= 1'b1;
                    isr_set_func <= wdata_masked[`VIONIC_CTRL_IRQ_SEND_FUNC_MSB:`VIONIC_CTRL_IRQ_SEND_FUNC_LSB];
                    isr_set_bits <= wdata_masked[`VIONIC_CTRL_IRQ_SEND_ISR_MSB:`VIONIC_CTRL_IRQ_SEND_ISR_LSB];
                    irq_req_valid <= 1'b1;
                    irq_req_func <= wdata_masked[`VIONIC_CTRL_IRQ_SEND_FUNC_MSB:`VIONIC_CTRL_IRQ_SEND_FUNC_LSB];
                    irq_req_vector <= wdata_masked[`VIONIC_CTRL_IRQ_SEND_VECTOR_MSB:`VIONIC_CTRL_IRQ_SEND_VECTOR_LSB];
                end
            end
            default: begin
                // read-only register: the write is ignored
            end
        endcase
    end

    if (read_timeout && read_timeouts_reg != 32'hffffffff) begin
        read_timeouts_reg <= read_timeouts_reg + 32'd1;
    end
    if (bad_access && bad_access_reg != 32'hffffffff) begin
        bad_access_reg <= bad_access_reg + 32'd1;
    end
    if (evt_dropped && dropped_reg != 16'hffff) begin
        dropped_reg <= dropped_reg + 16'd1;
    end
    if (msix_sent) begin
        msix_sent_reg <= msix_sent_reg + 32'd1;
    end
    if (doorbell_valid) begin
        doorbell_count_reg <= doorbell_count_reg + 32'd1;
        doorbell_queue_reg <= doorbell_queue;
        doorbell_func_reg <= doorbell_func;
        doorbell_data_reg <= doorbell_data;
    end

    if (rst) begin
        rsp_valid <= 1'b0;
        rsp_error <= 1'b0;
        irq <= 1'b0;
        evt_pop <= 1'b0;
        gen_bump_valid <= 1'b0;
        isr_set_valid <= 1'b0;
        irq_req_valid <= 1'b0;
        irq_enable_reg <= 1'b0;
        fw_ready_reg <= 1'b0;
        read_timeouts_reg <= 32'b0;
        bad_access_reg <= 32'b0;
        dropped_reg <= 16'b0;
        doorbell_count_reg <= 32'b0;
        doorbell_queue_reg <= 16'b0;
        doorbell_func_reg <= 8'b0;
        doorbell_data_reg <= 32'b0;
        msix_sent_reg <= 32'b0;
    end
end

endmodule

`resetall
