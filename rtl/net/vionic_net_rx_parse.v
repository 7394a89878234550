`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_rx_parse: header parser of vionic_net_rx (combinational).
// Input: the first HCAP_BYTES bytes of a frame (byte i in bits 8i+7:8i), the frame
// length and the 32-bit sum of the frame's big-endian 16-bit words from byte 14
// (the L3 header) to the end (odd tail padded with zero).
// Outputs:
//  - flow_hash: XOR-fold of the IPv4/IPv6 source and destination addresses and, for
//    TCP/UDP (IPv4 not fragmented, IPv6 without extension headers), the two ports;
//    is_ip = 0 for other frames (they go to receiveq 0).
//  - csum_ok: the frame is IPv4 (any IHL) or IPv6 (next header TCP/UDP) carrying a
//    whole TCP/UDP segment whose checksum (RFC 793/768/8200 §8.1, pseudo header
//    included) is correct; UDP with checksum 0 (not computed) is not reported as
//    valid. Bytes after the IP payload (Ethernet padding) are removed from the sum
//    when they lie in the first HCAP_BYTES bytes; a longer frame with trailing bytes
//    is not reported as valid. Used for VIRTIO_NET_HDR_F_DATA_VALID (VIRTIO 1.3
//    §5.1.6.4.1).
// State: none.
module vionic_net_rx_parse #(
    parameter HCAP_BYTES = 128
) (
    input  wire [8*HCAP_BYTES-1:0] hdr,
    input  wire [13:0]             len,
    input  wire [31:0]             sum,
    output wire [7:0]              flow_hash,
    output wire                    is_ip,
    output wire                    csum_ok
);

function [7:0] hb;
    input [8*HCAP_BYTES-1:0] h;
    input integer i;
    begin
        hb = h[8*i +: 8];
    end
endfunction

function [15:0] fold;
    input [31:0] x;
    reg [16:0] t;
    begin
        t = {1'b0, x[15:0]} + {1'b0, x[31:16]};
        fold = t[15:0] + {15'd0, t[16]};
    end
endfunction

wire [15:0] ethertype = {hb(hdr, 12), hb(hdr, 13)};
wire [7:0]  vihl = hb(hdr, 14);
wire        v4 = (ethertype == 16'h0800) && (vihl[7:4] == 4'd4) && (vihl[3:0] >= 4'd5);
wire        v6 = (ethertype == 16'h86dd) && (vihl[7:4] == 4'd6);
wire [6:0]  ihl4 = {1'b0, vihl[3:0], 2'b00};
wire [15:0] totlen = {hb(hdr, 16), hb(hdr, 17)};
wire [15:0] plen6 = {hb(hdr, 18), hb(hdr, 19)};
wire [7:0]  b20 = hb(hdr, 20);
// IPv4 MF flag or fragment offset: a fragment has no (or no whole) L4 header
wire        frag = b20[5] || ({b20[4:0], hb(hdr, 21)} != 13'd0);
wire [7:0]  proto = v4 ? hb(hdr, 23) : hb(hdr, 20);
wire        tcp = (proto == 8'd6);
wire        udp = (proto == 8'd17);
wire        l4 = (v4 && !frag || v6) && (tcp || udp);
wire [6:0]  l4s = v4 ? 7'd14 + ihl4 : 7'd54;
wire [16:0] l4len = v4 ? ({1'b0, totlen} - {10'd0, ihl4}) : {1'b0, plen6};
wire [17:0] l4end = {11'd0, l4s} + {1'b0, l4len};
wire [16:0] l4min = tcp ? 17'd20 : 17'd8;
wire        len_ok = (v4 ? ({1'b0, totlen} >= {10'd0, ihl4} + l4min) : (l4len >= l4min))
    && (l4end <= {4'd0, len}) && (len <= HCAP_BYTES || l4end == {4'd0, len});

// the L4 header at l4s (ports, UDP checksum)
wire [8*HCAP_BYTES-1:0] l4h_all = hdr >> {l4s, 3'b000};
wire [63:0] l4h = l4h_all[63:0];
wire unused_l4h = &{1'b0, b20[7:6], l4h[47:32], l4h_all[8*HCAP_BYTES-1:64]};
wire [31:0] ports = {l4h[7:0], l4h[15:8], l4h[23:16], l4h[31:24]};
wire [15:0] udp_csum = {l4h[55:48], l4h[63:56]};

// addresses
wire [31:0] a4s = {hb(hdr, 26), hb(hdr, 27), hb(hdr, 28), hb(hdr, 29)};
wire [31:0] a4d = {hb(hdr, 30), hb(hdr, 31), hb(hdr, 32), hb(hdr, 33)};
reg [31:0] hx;
reg [31:0] psum;
reg [31:0] esum;
integer i;
always @* begin
    hx = 32'd0;
    psum = 32'd0;
    if (v4) begin
        hx = a4s ^ a4d;
        psum = {16'd0, a4s[31:16]} + {16'd0, a4s[15:0]} + {16'd0, a4d[31:16]} + {16'd0, a4d[15:0]};
    end else if (v6) begin
        for (i = 0; i < 8; i = i + 1) begin
            hx = hx ^ {hb(hdr, 22 + 4*i), hb(hdr, 23 + 4*i), hb(hdr, 24 + 4*i), hb(hdr, 25 + 4*i)};
        end
        for (i = 0; i < 16; i = i + 1) begin
            psum = psum + {16'd0, hb(hdr, 22 + 2*i), hb(hdr, 23 + 2*i)};
        end
    end
    if (l4) begin
        hx = hx ^ ports;
    end
    psum = psum + {24'd0, proto} + {15'd0, l4len};
    // bytes of the sum that are not part of the segment: the IP header (14..l4s-1)
    // and trailing bytes (l4end..len-1) within the capture
    esum = 32'd0;
    for (i = 7; i < HCAP_BYTES / 2; i = i + 1) begin
        esum = esum
            + {16'd0, ((i*2 < l4s) || (i*2 >= l4end && i*2 < len)) ? hb(hdr, 2*i) : 8'd0,
                      ((i*2+1 < l4s) || (i*2+1 >= l4end && i*2+1 < len)) ? hb(hdr, 2*i+1) : 8'd0};
    end
end

wire [15:0] hx16 = hx[31:16] ^ hx[15:0];
assign flow_hash = hx16[15:8] ^ hx16[7:0];
assign is_ip = v4 || v6;

wire [15:0] s_all = fold(sum);
wire [15:0] s_ex = fold(esum);
wire [31:0] total = {16'd0, s_all} + {16'd0, ~s_ex} + psum;
assign csum_ok = l4 && len_ok && (fold(total) == 16'hffff) && !(udp && udp_csum == 16'd0);

endmodule

`resetall
