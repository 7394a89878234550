`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "vionic_virtio_ring_regs.vh"
`include "vionic_virtio_pci_regs.vh"

// vionic_vq_avail_notify: what the device writes into the device event
// suppression area of each hardware queue (VIRTIO 1.3 §2.8.10, §2.8.14), so
// the driver rings a doorbell only when the device would otherwise not look
// at the ring (docs/datapath.md "Device event suppression").
//
// Inputs from the vq_avail processor, at most one per cycle:
//  - idle_*: a fetch of the queue found the descriptor at the ring position
//    `idle_pos` ({wrap, index}) not available: the queue goes idle and needs
//    a doorbell for the next chain.
//  - busy_*: a fetch found every descriptor of its batch available: the
//    queue keeps fetching without doorbells.
// What the area holds, per queue (`mode`, as last requested):
//  UNKNOWN  after START: whatever the driver or an earlier run left
//  ON       ENABLE
//  OFF      DISABLE
//  AT       DESC with off_wrap = `at` (only with EVENT_IDX)
// Rules:
//  - idle at P: the area must make the driver notify when it makes P
//    available. ON and AT(P) do; anything else is rewritten: DESC(P) with
//    EVENT_IDX (the driver notifies once, when its batch covers P: Linux
//    vring_need_event), ENABLE without. The write is followed by a re-check
//    of the ring (vq_avail sets the queue pending when vq_used reports the
//    write done), because the driver may have made P available before the
//    write and read the old value: the device's write-then-read and the
//    driver's write-then-read (§2.8.21.3) leave one of the two seeing the
//    other. PCIe keeps the re-check read behind the posted write.
//  - busy in mode ON: DISABLE (the queue is fetched without doorbells until
//    it goes idle again). AT needs nothing: the driver has passed `at` and
//    stays quiet. UNKNOWN stays unknown until the next idle.
// Requests leave on ev_* (registered, one per cycle, never refused: vq_used
// keeps the latest per queue); the data is the area's 32-bit word,
// {flags, off_wrap} in the layout of virtio_ring.toml.
// State: mode and `at` per hardware queue.
module vionic_vq_avail_notify #(
    parameter NUM_FUNCS = 1,
    parameter NUM_QP = 4,
    // derived, do not set
    parameter HQ = NUM_FUNCS * 2 * NUM_QP,
    parameter HQW = (HQ > 1) ? $clog2(HQ) : 1
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire [64*NUM_FUNCS-1:0] func_features,

    input  wire                    start_valid,
    input  wire [HQW-1:0]          start_hq,

    input  wire                    idle_valid,
    input  wire [HQW-1:0]          idle_hq,
    input  wire [15:0]             idle_pos,
    input  wire                    busy_valid,
    input  wire [HQW-1:0]          busy_hq,

    output reg                     ev_valid,
    output reg  [HQW-1:0]          ev_hq,
    output reg  [31:0]             ev_data,
    output reg                     ev_wake       // the request re-enables notifications
);

localparam QPH = 2 * NUM_QP;
localparam [1:0] M_UNKNOWN = 2'd0;
localparam [1:0] M_ON = 2'd1;
localparam [1:0] M_OFF = 2'd2;
localparam [1:0] M_AT = 2'd3;
localparam [31:0] F_ENABLE_32 = `VIONIC_VIRTIO_RING_EVENT_FLAGS_ENABLE;
localparam [31:0] F_DISABLE_32 = `VIONIC_VIRTIO_RING_EVENT_FLAGS_DISABLE;
localparam [31:0] F_DESC_32 = `VIONIC_VIRTIO_RING_EVENT_FLAGS_DESC;
localparam [15:0] F_ENABLE = F_ENABLE_32[15:0];
localparam [15:0] F_DISABLE = F_DISABLE_32[15:0];
localparam [15:0] F_DESC = F_DESC_32[15:0];

reg [1:0]  mode [0:HQ-1];
// `at` is a register per queue, not a RAM: whether the area already says DESC at
// idle_pos is worked out for every queue in parallel and then picked by idle_hq, so the
// 16-bit compare is not behind a RAM read and a queue mux (the path into `mode` and
// ev_* was vq_avail's deepest, 7 LUT levels with the compare after a LUTRAM read)
reg [16*HQ-1:0] at;                 // a flat vector: flip-flops, not a memory

// EVENT_IDX of the function of each hardware queue (function = hq / QPH)
wire [HQ-1:0] hq_evidx;
genvar g;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_evidx
        assign hq_evidx[g] = func_features[64*(g/QPH) + `VIONIC_VIRTIO_PCI_F_EVENT_IDX];
    end
endgenerate
wire        idle_evidx = hq_evidx[idle_hq];
// per queue: an idle at idle_pos needs a write (not ON, and not AT idle_pos already)
wire [HQ-1:0] need_at_pos;
generate
    for (g = 0; g < HQ; g = g + 1) begin : g_need
        assign need_at_pos[g] = !(mode[g] == M_ON || (mode[g] == M_AT && at[16*g +: 16] == idle_pos));
    end
endgenerate
wire        idle_need = need_at_pos[idle_hq];
wire        busy_need = mode[busy_hq] == M_ON;

// the 32-bit word of the area
function [31:0] area(input [15:0] flags, input [15:0] off_wrap);
    area = 32'd0;
    area[`VIONIC_VIRTIO_RING_EVENT_FLAGS_OFFSET*8 +: 16] = flags;
    area[`VIONIC_VIRTIO_RING_EVENT_OFF_WRAP_OFFSET*8 +: 16] = off_wrap;
endfunction

integer i;
always @(posedge clk) begin
    ev_valid <= 1'b0;
    if (idle_valid && idle_need) begin
        ev_valid <= 1'b1;
        ev_hq <= idle_hq;
        ev_wake <= 1'b1;
        if (idle_evidx) begin
            ev_data <= area(F_DESC, idle_pos);
            mode[idle_hq] <= M_AT;
            at[16*idle_hq +: 16] <= idle_pos;
        end else begin
            ev_data <= area(F_ENABLE, 16'd0);
            mode[idle_hq] <= M_ON;
        end
    end else if (busy_valid && busy_need) begin
        ev_valid <= 1'b1;
        ev_hq <= busy_hq;
        ev_wake <= 1'b0;
        ev_data <= area(F_DISABLE, 16'd0);
        mode[busy_hq] <= M_OFF;
    end
    // a START in the same cycle wins: the new run knows nothing of the area
    if (start_valid)
        mode[start_hq] <= M_UNKNOWN;
    if (rst) begin
        ev_valid <= 1'b0;
        for (i = 0; i < HQ; i = i + 1)
            mode[i] <= M_UNKNOWN;
    end
end

// only the EVENT_IDX bits of func_features are used
wire unused_notify = &{1'b0, func_features};

endmodule

`resetall
