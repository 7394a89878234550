`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_mac_filter: receive address filter of one function (VIRTIO 1.3 §5.1.6.5.1,
// VIRTIO_NET_CTRL_RX / VIRTIO_NET_CTRL_MAC). Combinational.
// A frame is accepted when the function is promiscuous, the destination is the
// function's own MAC, the broadcast address, one of the valid MAC table entries, or
// a multicast address (I/G bit = bit 0 of the first byte on the wire) with ALLMULTI.
// MAC byte 0 (first on the wire) is in bits 7:0 of every 48-bit address.
// State: none.
module vionic_mac_filter #(
    parameter MAC_TABLE_ENTRIES = 16
) (
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

reg table_hit;
integer i;
always @* begin
    table_hit = 1'b0;
    for (i = 0; i < MAC_TABLE_ENTRIES; i = i + 1) begin
        if (mac_table_valid[i] && mac_table[48*i +: 48] == dst_mac) begin
            table_hit = 1'b1;
        end
    end
end

assign is_broadcast = (dst_mac == 48'hffff_ffff_ffff);
assign is_multicast = dst_mac[0];
assign accept = promisc || (dst_mac == own_mac) || is_broadcast || table_hit
    || (is_multicast && allmulti);

endmodule

`resetall
