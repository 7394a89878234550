/*
 * rv32i_shift: sll srl sra slli srli srai.
 * Shifts by 0, 1, 7, 14, 20, 31; register shift amounts use only rs2[4:0]
 * (32 -> 0, 33 -> 1, -1 -> 31, 0xffffffe0 -> 0); logical vs arithmetic right
 * shifts of negative and positive values; x0, rd == rs and forwarding.
 */
#include "isa_test.h"

TEST_START

    /* ---- sll ---- */
    TEST_RR_OP(1, sll, 0x00000001, 0x00000001, 0)
    TEST_RR_OP(2, sll, 0x00000002, 0x00000001, 1)
    TEST_RR_OP(3, sll, 0x00000080, 0x00000001, 7)
    TEST_RR_OP(4, sll, 0x00004000, 0x00000001, 14)
    TEST_RR_OP(5, sll, 0x80000000, 0x00000001, 31)
    TEST_RR_OP(6, sll, 0xffffffff, 0xffffffff, 0)
    TEST_RR_OP(7, sll, 0xfffffffe, 0xffffffff, 1)
    TEST_RR_OP(8, sll, 0xffffff80, 0xffffffff, 7)
    TEST_RR_OP(9, sll, 0xffffc000, 0xffffffff, 14)
    TEST_RR_OP(10, sll, 0x80000000, 0xffffffff, 31)
    TEST_RR_OP(11, sll, 0x21212121, 0x21212121, 0)
    TEST_RR_OP(12, sll, 0x90909080, 0x21212121, 7)
    TEST_RR_OP(13, sll, 0x48484000, 0x21212121, 14)
    TEST_RR_OP(14, sll, 0x80000000, 0x21212121, 31)
    /* only rs2[4:0] counts */
    TEST_RR_OP(15, sll, 0x21212121, 0x21212121, 0xffffffe0)   /* 0 */
    TEST_RR_OP(16, sll, 0x42424242, 0x21212121, 0xffffffe1)   /* 1 */
    TEST_RR_OP(17, sll, 0x90909080, 0x21212121, 0xffffffe7)   /* 7 */
    TEST_RR_OP(18, sll, 0x80000000, 0x21212121, 0xffffffff)   /* 31 */
    TEST_RR_OP(19, sll, 0x21212121, 0x21212121, 32)           /* 0 */
    TEST_RR_OP(20, sll, 0x42424242, 0x21212121, 33)           /* 1 */
    TEST_RR_SRC1_EQ_DEST(21, sll, 0x00000080, 0x00000001, 7)
    TEST_RR_SRC2_EQ_DEST(22, sll, 0x00004000, 0x00000001, 14)
    TEST_RR_SRC12_EQ_DEST(23, sll, 24, 3)
    TEST_RR_ZEROSRC1(24, sll, 0, 15)
    TEST_RR_ZEROSRC2(25, sll, 32, 32)
    TEST_RR_ZERODEST(26, sll, 16, 3)
    TEST_RR_DEST_BYPASS(27, 0, sll, 0x00000080, 0x00000001, 7)
    TEST_RR_DEST_BYPASS(28, 1, sll, 0x00004000, 0x00000001, 14)
    TEST_RR_SRC12_BYPASS(29, 0, 0, sll, 0x80000000, 0x00000001, 31)
    TEST_RR_SRC21_BYPASS(30, 0, 0, sll, 0x80000000, 0x00000001, 31)

    /* ---- srl ---- */
    TEST_RR_OP(40, srl, 0x80000000, 0x80000000, 0)
    TEST_RR_OP(41, srl, 0x40000000, 0x80000000, 1)
    TEST_RR_OP(42, srl, 0x01000000, 0x80000000, 7)
    TEST_RR_OP(43, srl, 0x00020000, 0x80000000, 14)
    TEST_RR_OP(44, srl, 0x00000001, 0x80000001, 31)
    TEST_RR_OP(45, srl, 0xffffffff, 0xffffffff, 0)
    TEST_RR_OP(46, srl, 0x7fffffff, 0xffffffff, 1)            /* logical: zero fill */
    TEST_RR_OP(47, srl, 0x01ffffff, 0xffffffff, 7)
    TEST_RR_OP(48, srl, 0x0003ffff, 0xffffffff, 14)
    TEST_RR_OP(49, srl, 0x00000001, 0xffffffff, 31)
    TEST_RR_OP(50, srl, 0x21212121, 0x21212121, 0)
    TEST_RR_OP(51, srl, 0x10909090, 0x21212121, 1)
    TEST_RR_OP(52, srl, 0x00424242, 0x21212121, 7)
    TEST_RR_OP(53, srl, 0x00008484, 0x21212121, 14)
    TEST_RR_OP(54, srl, 0x00000000, 0x21212121, 31)
    TEST_RR_OP(55, srl, 0x21212121, 0x21212121, 0xffffffe0)
    TEST_RR_OP(56, srl, 0x10909090, 0x21212121, 0xffffffe1)
    TEST_RR_OP(57, srl, 0x00000001, 0xffffffff, 0xffffffff)
    TEST_RR_OP(58, srl, 0x00000001, 0x80000000, 63)
    TEST_RR_SRC1_EQ_DEST(59, srl, 0x01000000, 0x80000000, 7)
    TEST_RR_SRC2_EQ_DEST(60, srl, 0x00020000, 0x80000000, 14)
    TEST_RR_SRC12_EQ_DEST(61, srl, 0, 7)
    TEST_RR_ZEROSRC1(62, srl, 0, 15)
    TEST_RR_ZEROSRC2(63, srl, 32, 32)
    TEST_RR_ZERODEST(64, srl, 16, 3)
    TEST_RR_DEST_BYPASS(65, 0, srl, 0x01000000, 0x80000000, 7)
    TEST_RR_SRC12_BYPASS(66, 1, 0, srl, 0x00000001, 0x80000000, 31)

    /* ---- sra ---- */
    TEST_RR_OP(70, sra, 0x80000000, 0x80000000, 0)
    TEST_RR_OP(71, sra, 0xc0000000, 0x80000000, 1)            /* arithmetic: sign fill */
    TEST_RR_OP(72, sra, 0xff000000, 0x80000000, 7)
    TEST_RR_OP(73, sra, 0xfffe0000, 0x80000000, 14)
    TEST_RR_OP(74, sra, 0xffffffff, 0x80000001, 31)
    TEST_RR_OP(75, sra, 0x7fffffff, 0x7fffffff, 0)
    TEST_RR_OP(76, sra, 0x3fffffff, 0x7fffffff, 1)            /* positive: zero fill */
    TEST_RR_OP(77, sra, 0x00ffffff, 0x7fffffff, 7)
    TEST_RR_OP(78, sra, 0x0001ffff, 0x7fffffff, 14)
    TEST_RR_OP(79, sra, 0x00000000, 0x7fffffff, 31)
    TEST_RR_OP(80, sra, 0x81818181, 0x81818181, 0)
    TEST_RR_OP(81, sra, 0xc0c0c0c0, 0x81818181, 1)
    TEST_RR_OP(82, sra, 0xff030303, 0x81818181, 7)
    TEST_RR_OP(83, sra, 0xfffe0606, 0x81818181, 14)
    TEST_RR_OP(84, sra, 0xffffffff, 0x81818181, 31)
    TEST_RR_OP(85, sra, 0xffffffff, 0xffffffff, 17)           /* -1 stays -1 */
    TEST_RR_OP(86, sra, 0x81818181, 0x81818181, 0xffffffc0)   /* 0 */
    TEST_RR_OP(87, sra, 0xc0c0c0c0, 0x81818181, 0xffffffc1)   /* 1 */
    TEST_RR_OP(88, sra, 0xff030303, 0x81818181, 0xffffffc7)   /* 7 */
    TEST_RR_OP(89, sra, 0xffffffff, 0x81818181, 0xffffffff)   /* 31 */
    TEST_RR_OP(90, sra, 0x81818181, 0x81818181, 32)           /* 0 */
    TEST_RR_SRC1_EQ_DEST(91, sra, 0xff000000, 0x80000000, 7)
    TEST_RR_SRC2_EQ_DEST(92, sra, 0xfffe0000, 0x80000000, 14)
    TEST_RR_SRC12_EQ_DEST(93, sra, 0, 7)
    TEST_RR_ZEROSRC1(94, sra, 0, 15)
    TEST_RR_ZEROSRC2(95, sra, 0x80000000, 0x80000000)
    TEST_RR_ZERODEST(96, sra, 16, 3)
    TEST_RR_DEST_BYPASS(97, 0, sra, 0xff000000, 0x80000000, 7)
    TEST_RR_SRC21_BYPASS(98, 0, 1, sra, 0xffffffff, 0x80000000, 31)

    /* ---- slli / srli / srai ---- */
    TEST_IMM_OP(110, slli, 0x00000001, 0x00000001, 0)
    TEST_IMM_OP(111, slli, 0x00000002, 0x00000001, 1)
    TEST_IMM_OP(112, slli, 0x00000080, 0x00000001, 7)
    TEST_IMM_OP(113, slli, 0x00004000, 0x00000001, 14)
    TEST_IMM_OP(114, slli, 0x80000000, 0x00000001, 31)
    TEST_IMM_OP(115, slli, 0xffffff80, 0xffffffff, 7)
    TEST_IMM_OP(116, slli, 0x80000000, 0xffffffff, 31)
    TEST_IMM_OP(117, slli, 0x12121000, 0x21212121, 12)
    TEST_IMM_OP(118, slli, 0x80000000, 0x21212121, 31)
    TEST_IMM_SRC1_EQ_DEST(119, slli, 0x00000080, 0x00000001, 7)
    TEST_IMM_ZEROSRC1(120, slli, 0, 31)
    TEST_IMM_ZERODEST(121, slli, 33, 20)
    TEST_IMM_DEST_BYPASS(122, 0, slli, 0x00000080, 0x00000001, 7)
    TEST_IMM_SRC1_BYPASS(123, 0, slli, 0x80000000, 0x00000001, 31)

    TEST_IMM_OP(130, srli, 0x80000000, 0x80000000, 0)
    TEST_IMM_OP(131, srli, 0x40000000, 0x80000000, 1)
    TEST_IMM_OP(132, srli, 0x01000000, 0x80000000, 7)
    TEST_IMM_OP(133, srli, 0x00020000, 0x80000000, 14)
    TEST_IMM_OP(134, srli, 0x00000001, 0x80000001, 31)
    TEST_IMM_OP(135, srli, 0x7fffffff, 0xffffffff, 1)
    TEST_IMM_OP(136, srli, 0x00000fff, 0xffffffff, 20)
    TEST_IMM_OP(137, srli, 0x00000001, 0xffffffff, 31)
    TEST_IMM_OP(138, srli, 0x00000000, 0x21212121, 31)
    TEST_IMM_SRC1_EQ_DEST(139, srli, 0x01000000, 0x80000000, 7)
    TEST_IMM_ZEROSRC1(140, srli, 0, 4)
    TEST_IMM_ZERODEST(141, srli, 33, 20)
    TEST_IMM_DEST_BYPASS(142, 1, srli, 0x01000000, 0x80000000, 7)
    TEST_IMM_SRC1_BYPASS(143, 1, srli, 0x00020000, 0x80000000, 14)

    TEST_IMM_OP(150, srai, 0x80000000, 0x80000000, 0)
    TEST_IMM_OP(151, srai, 0xc0000000, 0x80000000, 1)
    TEST_IMM_OP(152, srai, 0xff000000, 0x80000000, 7)
    TEST_IMM_OP(153, srai, 0xfffe0000, 0x80000000, 14)
    TEST_IMM_OP(154, srai, 0xffffffff, 0x80000001, 31)
    TEST_IMM_OP(155, srai, 0x3fffffff, 0x7fffffff, 1)
    TEST_IMM_OP(156, srai, 0x00000000, 0x7fffffff, 31)
    TEST_IMM_OP(157, srai, 0xfffff818, 0x81818181, 20)
    TEST_IMM_OP(158, srai, 0xffffffff, 0xffffffff, 31)
    TEST_IMM_OP(159, srai, 0x00000101, 0x01010101, 16)
    TEST_IMM_SRC1_EQ_DEST(160, srai, 0xff000000, 0x80000000, 7)
    TEST_IMM_ZEROSRC1(161, srai, 0, 4)
    TEST_IMM_ZERODEST(162, srai, 0x80000000, 20)
    TEST_IMM_DEST_BYPASS(163, 2, srai, 0xff000000, 0x80000000, 7)
    TEST_IMM_SRC1_BYPASS(164, 2, srai, 0xfffe0000, 0x80000000, 14)

    /* same operand, logical vs arithmetic, back to back */
    TEST_CASE(170, a6, 0xfffffff0, li a1, 0xf0000000; srli a4, a1, 28; srai a5, a1, 28; \
              xor a6, a4, a5)       /* 0x0000000f ^ 0xffffffff */

    TEST_END
