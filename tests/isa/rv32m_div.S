/*
 * rv32m_div: div divu rem remu. All sign combinations (quotient truncated
 * toward zero, remainder takes the dividend's sign), division by zero
 * (div -> -1, divu -> 0xffffffff, rem/remu -> dividend), signed overflow
 * (-2^31 / -1 = -2^31, rem 0), unsigned views of negative operands; rd == rs,
 * x0, and the result used by the very next instruction, dependent divide
 * chains, a divide right after a load of its divisor.
 */
#include "isa_test.h"

TEST_START

    /* ---- div ---- */
    TEST_RR_OP(1, div, 0x00000003, 0x00000014, 0x00000006)
    TEST_RR_OP(2, div, 0xfffffffd, 0xffffffec, 0x00000006)
    TEST_RR_OP(3, div, 0xfffffffd, 0x00000014, 0xfffffffa)
    TEST_RR_OP(4, div, 0x00000003, 0xffffffec, 0xfffffffa)
    TEST_RR_OP(5, div, 0x80000000, 0x80000000, 0x00000001)
    TEST_RR_OP(6, div, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(7, div, 0xffffffff, 0x80000000, 0x00000000)
    TEST_RR_OP(8, div, 0xffffffff, 0x00000001, 0x00000000)
    TEST_RR_OP(9, div, 0xffffffff, 0x00000000, 0x00000000)
    TEST_RR_OP(10, div, 0xffffffff, 0xffffffff, 0x00000000)
    TEST_RR_OP(11, div, 0x00000000, 0x00000000, 0x00000005)
    TEST_RR_OP(12, div, 0x00000001, 0x00000007, 0x00000007)
    TEST_RR_OP(13, div, 0xffffffff, 0xfffffff9, 0x00000007)
    TEST_RR_OP(14, div, 0x00000000, 0x00000005, 0x0000000a)
    TEST_RR_OP(15, div, 0x00000000, 0xfffffffb, 0x0000000a)
    TEST_RR_OP(16, div, 0x00000000, 0xffffffff, 0x00000002)
    TEST_RR_OP(17, div, 0x80000001, 0x7fffffff, 0xffffffff)
    TEST_RR_OP(18, div, 0x00000000, 0x7fffffff, 0x80000000)
    TEST_RR_OP(19, div, 0x00000001, 0x80000000, 0x80000000)
    TEST_RR_OP(20, div, 0x00bc614e, 0x00bc614e, 0x00000001)
    TEST_RR_OP(21, div, 0x00000001, 0xffffffff, 0xffffffff)
    TEST_RR_OP(22, div, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR_OP(23, div, 0x00010004, 0x12345678, 0x00001234)
    TEST_RR_OP(24, div, 0xfffdd7aa, 0xfedcba98, 0x00000087)
    TEST_RR_OP(25, div, 0x00000000, 0x00000001, 0x80000000)
    TEST_RR_OP(26, div, 0xc0000000, 0x80000000, 0x00000002)
    TEST_RR_OP(27, div, 0x3fffffff, 0x7fffffff, 0x00000002)
    TEST_RR_OP(28, div, 0x00000000, 0x00000064, 0x7fffffff)

    /* ---- divu ---- */
    TEST_RR_OP(40, divu, 0x00000003, 0x00000014, 0x00000006)
    TEST_RR_OP(41, divu, 0x2aaaaaa7, 0xffffffec, 0x00000006)
    TEST_RR_OP(42, divu, 0x00000000, 0x00000014, 0xfffffffa)
    TEST_RR_OP(43, divu, 0x00000000, 0xffffffec, 0xfffffffa)
    TEST_RR_OP(44, divu, 0x80000000, 0x80000000, 0x00000001)
    TEST_RR_OP(45, divu, 0x00000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(46, divu, 0xffffffff, 0x80000000, 0x00000000)
    TEST_RR_OP(47, divu, 0xffffffff, 0x00000001, 0x00000000)
    TEST_RR_OP(48, divu, 0xffffffff, 0x00000000, 0x00000000)
    TEST_RR_OP(49, divu, 0xffffffff, 0xffffffff, 0x00000000)
    TEST_RR_OP(50, divu, 0x00000000, 0x00000000, 0x00000005)
    TEST_RR_OP(51, divu, 0x00000001, 0x00000007, 0x00000007)
    TEST_RR_OP(52, divu, 0x24924923, 0xfffffff9, 0x00000007)
    TEST_RR_OP(53, divu, 0x00000000, 0x00000005, 0x0000000a)
    TEST_RR_OP(54, divu, 0x19999999, 0xfffffffb, 0x0000000a)
    TEST_RR_OP(55, divu, 0x7fffffff, 0xffffffff, 0x00000002)
    TEST_RR_OP(56, divu, 0x00000000, 0x7fffffff, 0xffffffff)
    TEST_RR_OP(57, divu, 0x00000000, 0x7fffffff, 0x80000000)
    TEST_RR_OP(58, divu, 0x00000001, 0x80000000, 0x80000000)
    TEST_RR_OP(59, divu, 0x00bc614e, 0x00bc614e, 0x00000001)
    TEST_RR_OP(60, divu, 0x00000001, 0xffffffff, 0xffffffff)
    TEST_RR_OP(61, divu, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR_OP(62, divu, 0x00010004, 0x12345678, 0x00001234)
    TEST_RR_OP(63, divu, 0x01e34b56, 0xfedcba98, 0x00000087)
    TEST_RR_OP(64, divu, 0x00000000, 0x00000001, 0x80000000)
    TEST_RR_OP(65, divu, 0x40000000, 0x80000000, 0x00000002)
    TEST_RR_OP(66, divu, 0x3fffffff, 0x7fffffff, 0x00000002)
    TEST_RR_OP(67, divu, 0x00000000, 0x00000064, 0x7fffffff)

    /* ---- rem ---- */
    TEST_RR_OP(80, rem, 0x00000002, 0x00000014, 0x00000006)
    TEST_RR_OP(81, rem, 0xfffffffe, 0xffffffec, 0x00000006)
    TEST_RR_OP(82, rem, 0x00000002, 0x00000014, 0xfffffffa)
    TEST_RR_OP(83, rem, 0xfffffffe, 0xffffffec, 0xfffffffa)
    TEST_RR_OP(84, rem, 0x00000000, 0x80000000, 0x00000001)
    TEST_RR_OP(85, rem, 0x00000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(86, rem, 0x80000000, 0x80000000, 0x00000000)
    TEST_RR_OP(87, rem, 0x00000001, 0x00000001, 0x00000000)
    TEST_RR_OP(88, rem, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(89, rem, 0xffffffff, 0xffffffff, 0x00000000)
    TEST_RR_OP(90, rem, 0x00000000, 0x00000000, 0x00000005)
    TEST_RR_OP(91, rem, 0x00000000, 0x00000007, 0x00000007)
    TEST_RR_OP(92, rem, 0x00000000, 0xfffffff9, 0x00000007)
    TEST_RR_OP(93, rem, 0x00000005, 0x00000005, 0x0000000a)
    TEST_RR_OP(94, rem, 0xfffffffb, 0xfffffffb, 0x0000000a)
    TEST_RR_OP(95, rem, 0xffffffff, 0xffffffff, 0x00000002)
    TEST_RR_OP(96, rem, 0x00000000, 0x7fffffff, 0xffffffff)
    TEST_RR_OP(97, rem, 0x7fffffff, 0x7fffffff, 0x80000000)
    TEST_RR_OP(98, rem, 0x00000000, 0x80000000, 0x80000000)
    TEST_RR_OP(99, rem, 0x00000000, 0x00bc614e, 0x00000001)
    TEST_RR_OP(100, rem, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_RR_OP(101, rem, 0x00000000, 0xffffffff, 0x00000001)
    TEST_RR_OP(102, rem, 0x00000da8, 0x12345678, 0x00001234)
    TEST_RR_OP(103, rem, 0xfffffff2, 0xfedcba98, 0x00000087)
    TEST_RR_OP(104, rem, 0x00000001, 0x00000001, 0x80000000)
    TEST_RR_OP(105, rem, 0x00000000, 0x80000000, 0x00000002)
    TEST_RR_OP(106, rem, 0x00000001, 0x7fffffff, 0x00000002)
    TEST_RR_OP(107, rem, 0x00000064, 0x00000064, 0x7fffffff)

    /* ---- remu ---- */
    TEST_RR_OP(120, remu, 0x00000002, 0x00000014, 0x00000006)
    TEST_RR_OP(121, remu, 0x00000002, 0xffffffec, 0x00000006)
    TEST_RR_OP(122, remu, 0x00000014, 0x00000014, 0xfffffffa)
    TEST_RR_OP(123, remu, 0xffffffec, 0xffffffec, 0xfffffffa)
    TEST_RR_OP(124, remu, 0x00000000, 0x80000000, 0x00000001)
    TEST_RR_OP(125, remu, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(126, remu, 0x80000000, 0x80000000, 0x00000000)
    TEST_RR_OP(127, remu, 0x00000001, 0x00000001, 0x00000000)
    TEST_RR_OP(128, remu, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(129, remu, 0xffffffff, 0xffffffff, 0x00000000)
    TEST_RR_OP(130, remu, 0x00000000, 0x00000000, 0x00000005)
    TEST_RR_OP(131, remu, 0x00000000, 0x00000007, 0x00000007)
    TEST_RR_OP(132, remu, 0x00000004, 0xfffffff9, 0x00000007)
    TEST_RR_OP(133, remu, 0x00000005, 0x00000005, 0x0000000a)
    TEST_RR_OP(134, remu, 0x00000001, 0xfffffffb, 0x0000000a)
    TEST_RR_OP(135, remu, 0x00000001, 0xffffffff, 0x00000002)
    TEST_RR_OP(136, remu, 0x7fffffff, 0x7fffffff, 0xffffffff)
    TEST_RR_OP(137, remu, 0x7fffffff, 0x7fffffff, 0x80000000)
    TEST_RR_OP(138, remu, 0x00000000, 0x80000000, 0x80000000)
    TEST_RR_OP(139, remu, 0x00000000, 0x00bc614e, 0x00000001)
    TEST_RR_OP(140, remu, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_RR_OP(141, remu, 0x00000000, 0xffffffff, 0x00000001)
    TEST_RR_OP(142, remu, 0x00000da8, 0x12345678, 0x00001234)
    TEST_RR_OP(143, remu, 0x0000003e, 0xfedcba98, 0x00000087)
    TEST_RR_OP(144, remu, 0x00000001, 0x00000001, 0x80000000)
    TEST_RR_OP(145, remu, 0x00000000, 0x80000000, 0x00000002)
    TEST_RR_OP(146, remu, 0x00000001, 0x7fffffff, 0x00000002)
    TEST_RR_OP(147, remu, 0x00000064, 0x00000064, 0x7fffffff)

    /* ---- register aliasing and x0 ---- */
    TEST_RR_SRC1_EQ_DEST(160, div, 3, 20, 6)
    TEST_RR_SRC2_EQ_DEST(161, divu, 0x2aaaaaa7, -20, 6)
    TEST_RR_SRC12_EQ_DEST(162, rem, 0, -13)
    TEST_RR_SRC12_EQ_DEST(163, div, 1, -13)
    TEST_RR_SRC12_EQ_DEST(164, divu, 0xffffffff, 0)   /* 0 / 0 */
    TEST_RR_SRC12_EQ_DEST(165, remu, 0, 0)
    TEST_RR_ZEROSRC1(166, div, 0, 31)
    TEST_RR_ZEROSRC2(167, div, 0xffffffff, 31)        /* by x0 */
    TEST_RR_ZEROSRC2(168, rem, 31, 31)
    TEST_RR_ZEROSRC2(169, remu, 0xfffffff0, -16)
    TEST_RR_ZEROSRC12(170, divu, 0xffffffff)
    TEST_RR_ZERODEST(171, div, 33, 3)
    TEST_RR_ZERODEST(172, remu, 33, 0)

    /* ---- result used at distance 0..2, operands forwarded ---- */
    TEST_RR_DEST_BYPASS(180, 0, div, 3, 20, 6)
    TEST_RR_DEST_BYPASS(181, 1, divu, 3, 20, 6)
    TEST_RR_DEST_BYPASS(182, 2, rem, 2, 20, 6)
    TEST_RR_DEST_BYPASS(183, 0, remu, 2, 20, 6)
    TEST_RR_DEST_BYPASS(184, 0, div, 0xffffffff, 20, 0)      /* fast zero-divisor path */
    TEST_RR_DEST_BYPASS(185, 0, rem, 20, 20, 0)
    TEST_RR_DEST_BYPASS(186, 0, div, 0x80000000, 0x80000000, -1)
    TEST_RR_DEST_BYPASS(187, 0, rem, 0, 0x80000000, -1)
    TEST_RR_SRC12_BYPASS(188, 0, 0, div, 0xfffffffd, -20, 6)
    TEST_RR_SRC12_BYPASS(189, 1, 0, rem, 0xfffffffe, -20, 6)
    TEST_RR_SRC21_BYPASS(190, 0, 0, divu, 0x2aaaaaa7, -20, 6)
    TEST_RR_SRC21_BYPASS(191, 0, 1, remu, 2, 20, 6)

    /* dependent chain: 1000000 / 10 / 10 / 10 = 1000; 1000 % 7 = 6 */
    TEST_CASE(192, a4, 6, li a1, 1000000; li a2, 10; li a5, 7; div a3, a1, a2; \
              div a3, a3, a2; divu a3, a3, a2; rem a4, a3, a5)
    /* quotient and remainder of the same operands back to back (q * d + r == n) */
    TEST_CASE(193, a4, 0xfedcba98, li a1, 0xfedcba98; li a2, 0x87; div a3, a1, a2; \
              rem a5, a1, a2; mul a3, a3, a2; add a4, a3, a5)
    TEST_CASE(194, a4, 0xfedcba98, li a1, 0xfedcba98; li a2, 0x87; divu a3, a1, a2; \
              remu a5, a1, a2; mul a3, a3, a2; add a4, a3, a5)
    /* WAW: the later write of the same register wins */
    TEST_CASE(195, a4, 2, li a1, 20; li a2, 6; div a4, a1, a2; rem a4, a1, a2)
    TEST_CASE(196, a4, 7, li a1, 20; li a2, 6; div a4, a1, a2; li a4, 7)
    /* divisor loaded right before the divide (load-use into the divider) */
    TEST_CASE(197, a4, 0xfffffff9, la a1, div_data; li a2, 100; lw a3, 0(a1); div a4, a2, a3)
    TEST_CASE(198, a4, 2, la a1, div_data; li a2, 100; lw a3, 0(a1); rem a4, a2, a3)
    /* zero divisor loaded from memory */
    TEST_CASE(199, a4, 0xffffffff, la a1, div_data; li a2, 100; lw a3, 4(a1); divu a4, a2, a3)
    /* product of a multiply divided right away */
    TEST_CASE(200, a4, 0x12345, li a1, 0x12345; li a2, 0x777; mul a3, a1, a2; divu a4, a3, a2)
    /* quotient as a branch operand and as store data */
test_201:
    li TESTNUM, 201
    li a1, 49
    li a2, 7
    li a3, 7
    div a4, a1, a2
    bne a4, a3, fail
    rem a4, a1, a2
    bnez a4, fail
test_202:
    li TESTNUM, 202
    la a1, div_data
    li a2, -81
    li a3, 9
    div a4, a2, a3
    sw a4, 8(a1)
    lw a5, 8(a1)
    TEST_ASSERT(a5, 0xfffffff7)

    TEST_END

TEST_DATA_BEGIN
div_data:
    .word -14               /* 100 / -14 = -7, 100 % -14 = 2 */
    .word 0
    .word 0
