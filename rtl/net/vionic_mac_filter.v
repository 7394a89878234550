`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_mac_filter: receive address filter of one function (VIRTIO 1.3 §5.1.6.5.1,
// VIRTIO_NET_CTRL_RX / VIRTIO_NET_CTRL_MAC). Two pipeline stages: the outputs are for
// the inputs of two cycles before (all inputs are sampled in the same cycle).
// A frame is accepted when the function is promiscuous, the destination is the
// function's own MAC, the broadcast address, one of the valid MAC table entries, or
// a multicast address (I/G bit = bit 0 of the first byte on the wire) with ALLMULTI.
// MAC byte 0 (first on the wire) is in bits 7:0 of every 48-bit address.
// Timing: the first stage registers each address byte's compare (per table entry, the
// own MAC and broadcast), the second ANDs a rule's six bytes, and the matches are ORed
// at the output. (Compare and OR of all 16 entries in one cycle were vionic_net_rx's
// deepest path, 10 LUT levels; with the 48-bit compare of each entry in one stage,
// Yosys/ABC mapped the 97-input cone as a chain of 7 LUTs.)
// State: the registered byte matches, matches and configuration bits.
module vionic_mac_filter #(
    parameter MAC_TABLE_ENTRIES = 16
) (
    input  wire                           clk,
    input  wire [47:0]                    dst_mac,
    input  wire [47:0]                    own_mac,
    input  wire                           promisc,
    input  wire                           allmulti,
    input  wire [48*MAC_TABLE_ENTRIES-1:0] mac_table,
    input  wire [MAC_TABLE_ENTRIES-1:0]   mac_table_valid,
    output wire                           accept,
    // which rule matched (for debug / statistics)
    output wire                           is_multicast,
    output wire                           is_broadcast
);

// stage 1: byte compares
reg [6*MAC_TABLE_ENTRIES-1:0] table_byte_reg;
reg [MAC_TABLE_ENTRIES-1:0] table_valid_reg;
reg [5:0] own_byte_reg;
reg [5:0] broadcast_byte_reg;
reg multicast1_reg;
reg promisc1_reg;
reg allmulti1_reg;
// stage 2: matches
reg [MAC_TABLE_ENTRIES-1:0] table_hit_reg;
reg own_reg;
reg broadcast_reg;
reg multicast_reg;
reg promisc_reg;
reg allmulti_reg;
integer i;
integer k;
always @(posedge clk) begin
    for (i = 0; i < MAC_TABLE_ENTRIES; i = i + 1) begin
        for (k = 0; k < 6; k = k + 1) begin
            table_byte_reg[6*i+k] <= (mac_table[48*i+8*k +: 8] == dst_mac[8*k +: 8]);
        end
    end
    table_valid_reg <= mac_table_valid;
    for (k = 0; k < 6; k = k + 1) begin
        own_byte_reg[k] <= (dst_mac[8*k +: 8] == own_mac[8*k +: 8]);
        broadcast_byte_reg[k] <= (dst_mac[8*k +: 8] == 8'hff);
    end
    multicast1_reg <= dst_mac[0];
    promisc1_reg <= promisc;
    allmulti1_reg <= allmulti;

    for (i = 0; i < MAC_TABLE_ENTRIES; i = i + 1) begin
        table_hit_reg[i] <= table_valid_reg[i] && (&table_byte_reg[6*i +: 6]);
    end
    own_reg <= &own_byte_reg;
    broadcast_reg <= &broadcast_byte_reg;
    multicast_reg <= multicast1_reg;
    promisc_reg <= promisc1_reg;
    allmulti_reg <= allmulti1_reg;
end

assign is_broadcast = broadcast_reg;
assign is_multicast = multicast_reg;
assign accept = promisc_reg || own_reg || broadcast_reg || (|table_hit_reg)
    || (multicast_reg && allmulti_reg);

endmodule

`resetall
