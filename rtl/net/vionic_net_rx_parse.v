`resetall
`timescale 1ns / 1ps
`default_nettype none

// vionic_net_rx_parse: header parser of vionic_net_rx, pipelined: the results for the
// inputs presented with in_valid appear with out_valid four cycles later (one result
// per cycle, in order).
// Input: with in_valid, the first HCAP_BYTES bytes of a frame (byte i in bits
// 8i+7:8i) and the frame length; one cycle later (vionic_net_rx sums the frame in two
// steps), the 32-bit sum of the frame's big-endian 16-bit words from byte 14 (the L3
// header) to the end (odd tail padded with zero).
// Outputs:
//  - flow_hash: XOR-fold of the IPv4/IPv6 source and destination addresses and, for
//    TCP/UDP (IPv4 not fragmented, IPv6 without extension headers), the two ports;
//    is_ip = 0 for other frames (they go to receiveq 0).
//  - csum_ok (given as four terms, csum_ok_p): the frame is IPv4 (any IHL) or IPv6 (next header TCP/UDP) carrying a
//    whole TCP/UDP segment whose checksum (RFC 793/768/8200 §8.1, pseudo header
//    included) is correct; UDP with checksum 0 (not computed) is not reported as
//    valid. Bytes after the IP payload (Ethernet padding) are removed from the sum
//    when they lie in the first HCAP_BYTES bytes; a longer frame with trailing bytes
//    is not reported as valid. Used for VIRTIO_NET_HDR_F_DATA_VALID (VIRTIO 1.3
//    §5.1.6.4.1).
// Stages (why: done in one cycle this was the device's longest path, 126 gate levels
// in Yosys' generic flow, from the captured header through the checksum to the info
// FIFO of vionic_net_rx):
//  A1. decode the IP and L4 headers (versions, protocol, lengths, where the L4 header
//      starts and the segment ends) and take the ports out of the L4 header;
//  A2. mask the header words that are not part of the segment (IP header, trailing
//      bytes); pick the pseudo-header address words; the flow hash. (A in one cycle
//      was vionic_net_rx's longest path: 29 LUT levels in the UltraScale+ flow, from
//      the captured header through the segment end into the word masks.)
//  B1. the masked words summed in groups of 16, the pseudo header in two groups, the
//      frame sum (arrived in A2) folded;
//  B2. the groups summed (a balanced tree) and folded; the frame sum and the pseudo
//      header summed and folded;
//  C. (combinational, at the output) the two folded sums compared (no adder).
// State: the four stage registers (A1 holds the header).
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
    // csum_ok = csum_ok_p[3] && csum_ok_p[2] || csum_ok_p[1] && csum_ok_p[0]: the
    // check's terms, each of 17 inputs, joined by the user (below)
    output wire [3:0]              csum_ok_p
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

// fold(x) with the end-around carry chosen, not added: t = lo + hi and t + 1 side by
// side, t[16] picks (t[15:0] <= 0xfffe when t[16] is set, so t + 1 does not wrap).
// The same value as fold; used where the fold ends a stage's adder tree (the second
// carry chain after the first was on the block's longest path by delay).
function [15:0] fold_sel;
    input [31:0] x;
    reg [16:0] t;
    reg [15:0] u;
    begin
        t = {1'b0, x[15:0]} + {1'b0, x[31:16]};
        u = x[15:0] + x[31:16] + 16'd1;
        fold_sel = t[16] ? u : t[15:0];
    end
endfunction

// ---------------------------------------------------------------------------
// A1. decode
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
// TCP/UDP compared at both protocol-field positions, then chosen by v4 (compare after
// the choice put the IP decode in front of the compare)
wire        udp = v4 ? (hb(hdr, 23) == 8'd17) : (hb(hdr, 20) == 8'd17);
wire [6:0]  l4s = v4 ? 7'd14 + ihl4 : 7'd54;
wire [16:0] l4len = v4 ? ({1'b0, totlen} - {10'd0, ihl4}) : {1'b0, plen6};
// The segment end l4s + l4len is 14 + totlen (IPv4; the IHL cancels) or 54 + plen6,
// each added straight from the header and then chosen by v4 (the sum of the chosen
// start and length was a long path). It differs from l4s + l4len only for IPv4 with
// totlen < IHL*4, which fails the length check below (d_ok = 0), and is used only
// for the checksum, which d_ok gates.
wire [17:0] l4end = v4 ? ({2'd0, totlen} + 18'd14) : ({2'd0, plen6} + 18'd54);
// l4end >= HCAP_BYTES (the segment ends beyond the capture), from the same fields
localparam [15:0] END4_OUT = HCAP_BYTES - 14;
localparam [15:0] END6_OUT = HCAP_BYTES - 54;
wire        end_out = v4 ? (totlen >= END4_OUT) : (plen6 >= END6_OUT);
// the segment holds its L4 header: the TCP (20) and UDP (8) minimum for both IP
// versions side by side, then chosen (not a chosen minimum added and compared)
wire        tot_ge_tcp = {1'b0, totlen} >= {10'd0, ihl4} + 17'd20;
wire        tot_ge_udp = {1'b0, totlen} >= {10'd0, ihl4} + 17'd8;
wire        plen6_ge_tcp = plen6 >= 16'd20;
wire        plen6_ge_udp = plen6 >= 16'd8;
// (per IP version, from its own protocol field, registered; chosen by v4 in A2: the
// choice after the decode of v4 and the protocol was the parser's deepest path)
wire        hdr_len_ok4 = (hb(hdr, 23) == 8'd6) ? tot_ge_tcp : tot_ge_udp;
wire        hdr_len_ok6 = (hb(hdr, 20) == 8'd6) ? plen6_ge_tcp : plen6_ge_udp;
// (the segment end against the frame length is checked in A2, from d_l4end)

// the L4 header (ports, UDP checksum): IPv4's at 14 + IHL*4, a shift by the IHL field
// alone (a shift by l4s put the decode of v4 in front of the shifter), IPv6's at 54
wire [8*HCAP_BYTES-1:0] l4h4_all = (hdr >> 112) >> {vihl[3:0], 5'b00000};
wire [63:0] l4h = v4 ? l4h4_all[63:0] : hdr[8*54 +: 64];
wire unused_l4h = &{1'b0, b20[7:6], l4h[63:32], l4h4_all[8*HCAP_BYTES-1:64]};
wire [31:0] ports = {l4h[7:0], l4h[15:8], l4h[23:16], l4h[31:24]};
// UDP checksum 0, per IP version: IPv4's tested at each IHL position (registered, then
// picked by the IHL field in A2: the shifted header and a compare after it, then the
// pick in A1, were the parser's deepest path), IPv6's at 60; chosen by v4 in A2
reg [15:0] csum0_at;
integer ck;
always @* begin
    for (ck = 0; ck < 16; ck = ck + 1) begin
        csum0_at[ck] = (hb(hdr, 20 + 4*ck) == 8'd0) && (hb(hdr, 21 + 4*ck) == 8'd0);
    end
end

reg                    d_valid;
reg [8*HCAP_BYTES-1:0] d_hdr;
reg [13:0]             d_len;
reg                    d_v4;
reg                    d_v6;
// a TCP/UDP segment (not a fragment), per IP version: each from its own protocol
// field, joined in A2 (the protocol chosen by v4, then compared and combined with the
// fragment and version checks, was the parser's deepest path)
reg                    d_l4_4;
reg                    d_l4_6;
reg [6:0]              d_l4s;
reg [17:0]             d_l4end;
reg [16:0]             d_l4len;
reg [7:0]              d_proto;
reg                    d_len_ok4;
reg                    d_len_ok6;
reg                    d_udp;
reg [15:0]             d_udp_csum0_at;  // IPv4: checksum 0 at IHL = index
reg [3:0]              d_ihl;
reg                    d_udp_csum0_6;
reg                    d_end_out;   // d_l4end >= HCAP_BYTES
reg                    d_len_out;   // d_len >= HCAP_BYTES
reg [31:0]             d_ports;
always @(posedge clk) begin
    d_valid <= in_valid;
    d_hdr <= hdr;
    d_len <= len;
    d_v4 <= v4;
    d_v6 <= v6;
    d_l4_4 <= v4 && !frag && (hb(hdr, 23) == 8'd6 || hb(hdr, 23) == 8'd17);
    d_l4_6 <= v6 && (hb(hdr, 20) == 8'd6 || hb(hdr, 20) == 8'd17);
    d_l4s <= l4s;
    d_l4end <= l4end;
    d_l4len <= l4len;
    d_proto <= proto;
    // (UDP checksum 0 is checked in A2 from these two)
    d_len_ok4 <= hdr_len_ok4;
    d_len_ok6 <= hdr_len_ok6;
    d_udp <= udp;
    d_udp_csum0_at <= csum0_at;
    d_ihl <= vihl[3:0];
    d_udp_csum0_6 <= (hb(hdr, 60) == 8'd0) && (hb(hdr, 61) == 8'd0);
    d_end_out <= end_out;
    d_len_out <= ({4'd0, len} >= HCAP_BYTES);
    d_ports <= ports;
    if (rst) begin
        d_valid <= 1'b0;
    end
end

// a TCP/UDP segment; one that holds its L4 header
wire d_l4 = d_l4_4 || d_l4_6;
wire d_ok = (d_l4_4 && d_len_ok4) || (d_l4_6 && d_len_ok6);
wire d_udp_csum0 = d_v4 ? d_udp_csum0_at[d_ihl] : d_udp_csum0_6;

// ---------------------------------------------------------------------------
// A2. addresses: the flow hash, and the words of the pseudo header (§8.1 of RFC 8200
// for IPv6; IPv4 uses the first four)
wire [31:0] a4s = {hb(d_hdr, 26), hb(d_hdr, 27), hb(d_hdr, 28), hb(d_hdr, 29)};
wire [31:0] a4d = {hb(d_hdr, 30), hb(d_hdr, 31), hb(d_hdr, 32), hb(d_hdr, 33)};
// bytes b with b < l4s or l4end <= b < len, from thermometer codes (b >= x for every b
// at once: a shifter of all-ones, a few LUT levels; 57 word-wise comparisons of the
// 18-bit segment end took 22)
localparam HBW = $clog2(HCAP_BYTES);
wire [HCAP_BYTES-1:0] x_ones = {HCAP_BYTES{1'b1}};
wire [HCAP_BYTES-1:0] x_ge_l4s = x_ones << d_l4s;
wire [HCAP_BYTES-1:0] x_ge_end = d_end_out ? {HCAP_BYTES{1'b0}} : x_ones << d_l4end[HBW-1:0];
wire [HCAP_BYTES-1:0] x_ge_len = d_len_out ? {HCAP_BYTES{1'b0}} : x_ones << d_len[HBW-1:0];
wire [HCAP_BYTES-1:0] x_keep = ~x_ge_l4s | (x_ge_end & ~x_ge_len);
reg [31:0] hx;
reg [16*16-1:0] aw;         // up to 16 address words, 0 where unused
// the words that are not part of the segment: the IP header (14..l4s-1) and
// trailing bytes (l4end..len-1) within the capture; byte-wise, 0 where excluded not
reg [16*NW-1:0] xw;
integer i;
always @* begin
    hx = 32'd0;
    aw = {(16*16){1'b0}};
    if (d_v4) begin
        hx = a4s ^ a4d;
        aw[63:0] = {a4d[15:0], a4d[31:16], a4s[15:0], a4s[31:16]};
    end else if (d_v6) begin
        for (i = 0; i < 8; i = i + 1) begin
            hx = hx ^ {hb(d_hdr, 22 + 4*i), hb(d_hdr, 23 + 4*i), hb(d_hdr, 24 + 4*i), hb(d_hdr, 25 + 4*i)};
        end
        for (i = 0; i < 16; i = i + 1) begin
            aw[16*i +: 16] = {hb(d_hdr, 22 + 2*i), hb(d_hdr, 23 + 2*i)};
        end
    end
    if (d_l4) begin
        hx = hx ^ d_ports;
    end
    xw = {(16*NW){1'b0}};
    for (i = EW0; i < NW; i = i + 1) begin
        xw[16*i +: 16] = {x_keep[2*i] ? hb(d_hdr, 2*i) : 8'd0, x_keep[2*i+1] ? hb(d_hdr, 2*i+1) : 8'd0};
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
reg [31:0]      a_sum;      // the frame sum (arrives one cycle after in_valid)
always @(posedge clk) begin
    a_valid <= d_valid;
    a_hash <= hx16[15:8] ^ hx16[7:0];
    a_ip <= d_v4 || d_v6;
    // the segment ends within the frame, and exactly at its end when the frame is
    // longer than the capture (trailing bytes beyond it cannot be removed)
    a_ok <= d_ok && !(d_udp && d_udp_csum0) && (d_l4end <= {4'd0, d_len})
        && (d_len <= HCAP_BYTES || d_l4end == {4'd0, d_len});
    a_aw <= aw;
    a_proto <= d_proto;
    a_l4len <= d_l4len;
    a_xw <= xw;
    a_sum <= sum;
    if (rst) begin
        a_valid <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// B1/B2. sums, as balanced trees of 2-input adders over two stages (the linear sum of
// the 57 masked words was the block's longest path by delay: one carry chain after
// another): B1 sums groups of 16 words (4 adder levels), B2 sums the 4 groups (2
// levels) and folds (one adder and a choice, fold_sel). (Groups of 8 left 3 adder levels
// and a fold of two in B2, the block's longest path by delay, which Yosys/ABC then
// let the LUT-only paths grow to.)
localparam NG = NW / 16;           // groups of 16 masked words (HCAP_BYTES: a multiple of 32)
function [18:0] sum8;              // ((w0 + w1) + (w2 + w3)) + ((w4 + w5) + (w6 + w7))
    input [127:0] w;
    reg [16:0] s0, s1, s2, s3;
    begin
        s0 = {1'b0, w[15:0]} + {1'b0, w[31:16]};
        s1 = {1'b0, w[47:32]} + {1'b0, w[63:48]};
        s2 = {1'b0, w[79:64]} + {1'b0, w[95:80]};
        s3 = {1'b0, w[111:96]} + {1'b0, w[127:112]};
        sum8 = ({2'b0, s0} + {2'b0, s1}) + ({2'b0, s2} + {2'b0, s3});
    end
endfunction

reg             b1_valid;
reg [7:0]       b1_hash;
reg             b1_ip;
reg             b1_ok;
reg [19:0]      b1_xg [0:NG-1];    // group sums of the masked words
reg [18:0]      b1_pg0, b1_pg1;    // pseudo header: address words 0-7, 8-15
reg [17:0]      b1_pl;             // pseudo header: protocol + L4 length
reg [15:0]      b1_s_all;
integer g;
always @(posedge clk) begin
    b1_valid <= a_valid;
    b1_hash <= a_hash;
    b1_ip <= a_ip;
    b1_ok <= a_ok;
    for (g = 0; g < NG; g = g + 1) begin
        b1_xg[g] <= {1'b0, sum8(a_xw[256*g +: 128])} + {1'b0, sum8(a_xw[256*g+128 +: 128])};
    end
    b1_pg0 <= sum8(a_aw[127:0]);
    b1_pg1 <= sum8(a_aw[255:128]);
    b1_pl <= {10'd0, a_proto} + {1'b0, a_l4len};
    b1_s_all <= fold(a_sum);
    if (rst) begin
        b1_valid <= 1'b0;
    end
end

// the group sums as a balanced tree (padded with zeros to a power of 2)
localparam NGP = (NG > 1) ? (1 << $clog2(NG)) : 1;
reg [31:0] esum;
reg [31:0] et [0:2*NGP-2];
integer e;
always @* begin
    for (e = 0; e < NGP; e = e + 1) begin
        et[e] = (e < NG) ? {12'd0, b1_xg[e]} : 32'd0;
    end
    for (e = 0; e < NGP - 1; e = e + 1) begin
        et[NGP + e] = et[2*e] + et[2*e + 1];
    end
    esum = et[2*NGP - 2];
end

reg        b_valid;
reg [7:0]  b_hash;
reg        b_ip;
reg        b_ok;
reg [15:0] b_s_in;     // frame sum + pseudo header, folded
reg [15:0] b_s_ex;
always @(posedge clk) begin
    b_valid <= b1_valid;
    b_hash <= b1_hash;
    b_ip <= b1_ip;
    b_ok <= b1_ok;
    b_s_in <= fold_sel(({16'd0, b1_s_all} + {14'd0, b1_pl}) + ({13'd0, b1_pg0} + {13'd0, b1_pg1}));
    b_s_ex <= fold_sel(esum);
    if (rst) begin
        b_valid <= 1'b0;
    end
end

// ---------------------------------------------------------------------------
// C. the segment's sum: frame sum - excluded words + pseudo header, which must be
// 0xffff in one's complement: fold(b_s_in + ~b_s_ex) == 0xffff. Without the adders
// (timing: a 32-bit sum and two folds in front of the compare were the block's
// deepest path): with A = b_s_in and X = b_s_ex, each in 0..0xffff and the same
// modulo 0xffff as what they fold, the sum A + 0xffff - X is a nonzero multiple of
// 0xffff iff A == X, or A == 0xffff and X == 0 (A == 0 and X == 0xffff, the one
// other multiple, is a sum of 0: the frame sum and pseudo header both 0).
assign out_valid = b_valid;
assign flow_hash = b_hash;
assign is_ip = b_ip;
// The check is handed out as four terms of half the sums each, joined by the user
// after it has registered them: the 33-input compare was in front of the info FIFO's
// head register in vionic_net_rx (7 LUT levels as Yosys/ABC chained it).
assign csum_ok_p = {b_ok && (b_s_in[15:8] == b_s_ex[15:8]), b_s_in[7:0] == b_s_ex[7:0],
    b_ok && (b_s_in[15:8] == 8'hff) && (b_s_ex[15:8] == 8'h00),
    (b_s_in[7:0] == 8'hff) && (b_s_ex[7:0] == 8'h00)};

endmodule

`resetall
