`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_rx_parse: header parser of vionic_net_rx, pipelined: the results for the
// inputs presented with in_valid appear with out_valid two cycles later (one result
// per cycle, in order).
// Input: with in_valid, the first HCAP_BYTES bytes of a frame (byte i in bits
// 8i+7:8i) and the frame length; one cycle later (vionic_net_rx sums the frame in two
// steps), the 32-bit sum of the frame's big-endian 16-bit words from byte 14 (the L3
// header) to the end (odd tail padded with zero).
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
// Stages (why: done in one cycle this was the device's longest path, 126 gate levels
// in Yosys' generic flow, from the captured header through the checksum to the info
// FIFO of vionic_net_rx):
//  A. decode the IP and L4 headers; mask the header words that are not part of the
//     segment (IP header, trailing bytes); pick the pseudo-header address words.
//  B. the two sums (masked words, pseudo header), and the frame sum (arriving now)
//     folded.
//  C. (combinational, at the output) fold, add, compare.
// State: the two stage registers.
module vionic_net_rx_parse #(
    parameter HCAP_BYTES = 128
) (
    input  wire                    clk,
    input  wire                    rst,
    input  wire                    in_valid,
    input  wire [8*HCAP_BYTES-1:0] hdr,
    input  wire [13:0]             len,
    input  wire [31:0]             sum,
    output wire                    out_valid,
    output wire [7:0]              flow_hash,
    output wire                    is_ip,
    output wire                    csum_ok
);

localparam NW = HCAP_BYTES / 2;     // 16-bit words in the capture
localparam EW0 = 7;                 // first word of the L3 header (byte 14)

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

// ---------------------------------------------------------------------------
// A. decode
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

// addresses: the flow hash, and the words of the pseudo header (§8.1 of RFC 8200
// for IPv6; IPv4 uses the first four)
wire [31:0] a4s = {hb(hdr, 26), hb(hdr, 27), hb(hdr, 28), hb(hdr, 29)};
wire [31:0] a4d = {hb(hdr, 30), hb(hdr, 31), hb(hdr, 32), hb(hdr, 33)};
reg [31:0] hx;
reg [16*16-1:0] aw;         // up to 16 address words, 0 where unused
// the words that are not part of the segment: the IP header (14..l4s-1) and
// trailing bytes (l4end..len-1) within the capture; byte-wise, 0 where excluded not
reg [16*NW-1:0] xw;
integer i;
always @* begin
    hx = 32'd0;
    aw = {(16*16){1'b0}};
    if (v4) begin
        hx = a4s ^ a4d;
        aw[63:0] = {a4d[15:0], a4d[31:16], a4s[15:0], a4s[31:16]};
    end else if (v6) begin
        for (i = 0; i < 8; i = i + 1) begin
            hx = hx ^ {hb(hdr, 22 + 4*i), hb(hdr, 23 + 4*i), hb(hdr, 24 + 4*i), hb(hdr, 25 + 4*i)};
        end
        for (i = 0; i < 16; i = i + 1) begin
            aw[16*i +: 16] = {hb(hdr, 22 + 2*i), hb(hdr, 23 + 2*i)};
        end
    end
    if (l4) begin
        hx = hx ^ ports;
    end
    xw = {(16*NW){1'b0}};
    for (i = EW0; i < NW; i = i + 1) begin
        xw[16*i +: 16] = {((i*2 < l4s) || (i*2 >= l4end && i*2 < len)) ? hb(hdr, 2*i) : 8'd0,
                          ((i*2+1 < l4s) || (i*2+1 >= l4end && i*2+1 < len)) ? hb(hdr, 2*i+1) : 8'd0};
    end
end
wire [15:0] hx16 = hx[31:16] ^ hx[15:0];

reg             a_valid;
reg [7:0]       a_hash;
reg             a_ip;
reg             a_ok;       // a whole TCP/UDP segment whose checksum is to be checked
reg [16*16-1:0] a_aw;
reg [7:0]       a_proto;
reg [16:0]      a_l4len;
reg [16*NW-1:0] a_xw;
always @(posedge clk) begin
    a_valid <= in_valid;
    a_hash <= hx16[15:8] ^ hx16[7:0];
    a_ip <= v4 || v6;
    a_ok <= l4 && len_ok && !(udp && udp_csum == 16'd0);
    a_aw <= aw;
    a_proto <= proto;
    a_l4len <= l4len;
    a_xw <= xw;
    if (rst) begin
        a_valid <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// B. sums
reg [31:0] psum;
reg [31:0] esum;
always @* begin
    psum = {24'd0, a_proto} + {15'd0, a_l4len};
    for (i = 0; i < 16; i = i + 1) begin
        psum = psum + {16'd0, a_aw[16*i +: 16]};
    end
    esum = 32'd0;
    for (i = EW0; i < NW; i = i + 1) begin
        esum = esum + {16'd0, a_xw[16*i +: 16]};
    end
end

reg        b_valid;
reg [7:0]  b_hash;
reg        b_ip;
reg        b_ok;
reg [31:0] b_psum;
reg [15:0] b_s_all;
reg [15:0] b_s_ex;
always @(posedge clk) begin
    b_valid <= a_valid;
    b_hash <= a_hash;
    b_ip <= a_ip;
    b_ok <= a_ok;
    b_psum <= psum;
    b_s_all <= fold(sum);
    b_s_ex <= fold(esum);
    if (rst) begin
        b_valid <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// C. the segment's sum: frame sum - excluded words + pseudo header
wire [31:0] total = {16'd0, b_s_all} + {16'd0, ~b_s_ex} + b_psum;
assign out_valid = b_valid;
assign flow_hash = b_hash;
assign is_ip = b_ip;
assign csum_ok = b_ok && (fold(total) == 16'hffff);

endmodule

`resetall
