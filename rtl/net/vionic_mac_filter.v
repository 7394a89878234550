`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_mac_filter: receive address filter of one function (VIRTIO 1.3 §5.1.6.5.1,
// VIRTIO_NET_CTRL_RX / VIRTIO_NET_CTRL_MAC). One pipeline stage: the outputs are for
// the inputs of the cycle before.
// A frame is accepted when the function is promiscuous, the destination is the
// function's own MAC, the broadcast address, one of the valid MAC table entries, or
// a multicast address (I/G bit = bit 0 of the first byte on the wire) with ALLMULTI.
// MAC byte 0 (first on the wire) is in bits 7:0 of every 48-bit address.
// Timing: each rule's match (a 48-bit compare per table entry) is registered and the
// matches are ORed the next cycle (compare and OR of all 16 entries in one cycle were
// vionic_net_rx's deepest path, 10 LUT levels).
// State: the registered matches and configuration bits.
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

reg [MAC_TABLE_ENTRIES-1:0] table_hit_reg;
reg own_reg;
reg broadcast_reg;
reg multicast_reg;
reg promisc_reg;
reg allmulti_reg;
integer i;
always @(posedge clk) begin
    for (i = 0; i < MAC_TABLE_ENTRIES; i = i + 1) begin
        table_hit_reg[i] <= mac_table_valid[i] && (mac_table[48*i +: 48] == dst_mac);
    end
    own_reg <= (dst_mac == own_mac);
    broadcast_reg <= (dst_mac == 48'hffff_ffff_ffff);
    multicast_reg <= dst_mac[0];
    promisc_reg <= promisc;
    allmulti_reg <= allmulti;
end

assign is_broadcast = broadcast_reg;
assign is_multicast = multicast_reg;
assign accept = promisc_reg || own_reg || broadcast_reg || (|table_hit_reg)
    || (multicast_reg && allmulti_reg);

endmodule

`resetall
