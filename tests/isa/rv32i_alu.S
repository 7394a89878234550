/*
 * rv32i_alu: add sub addi slt sltu slti sltiu xor xori or ori and andi.
 * Overflow wrap-around, sign handling of slt/slti vs sltu/sltiu (negative
 * immediates are sign-extended, then compared unsigned by sltiu), writes to
 * x0, rd == rs1/rs2, x0 as a source, and results/operands forwarded at
 * distance 0..2.
 */
#include "isa_test.h"

TEST_START

    /* ---- add ---- */
    TEST_RR_OP(1, add, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(2, add, 0x00000002, 0x00000001, 0x00000001)
    TEST_RR_OP(3, add, 0x0000000a, 0x00000003, 0x00000007)
    TEST_RR_OP(4, add, 0xffff8000, 0x00000000, 0xffff8000)
    TEST_RR_OP(5, add, 0x80000000, 0x80000000, 0x00000000)
    TEST_RR_OP(6, add, 0x7fff8000, 0x80000000, 0xffff8000)
    TEST_RR_OP(7, add, 0x80007ffe, 0x7fffffff, 0x00007fff)
    TEST_RR_OP(8, add, 0x80000000, 0x7fffffff, 0x00000001)    /* signed overflow wraps */
    TEST_RR_OP(9, add, 0x7fffffff, 0x80000000, 0xffffffff)
    TEST_RR_OP(10, add, 0x00000000, 0xffffffff, 0x00000001)   /* carry out dropped */
    TEST_RR_OP(11, add, 0xfffffffe, 0xffffffff, 0xffffffff)
    TEST_RR_SRC1_EQ_DEST(12, add, 24, 13, 11)
    TEST_RR_SRC2_EQ_DEST(13, add, 25, 14, 11)
    TEST_RR_SRC12_EQ_DEST(14, add, 26, 13)
    TEST_RR_ZEROSRC1(15, add, 15, 15)
    TEST_RR_ZEROSRC2(16, add, 32, 32)
    TEST_RR_ZEROSRC12(17, add, 0)
    TEST_RR_ZERODEST(18, add, 16, 30)
    TEST_RR_DEST_BYPASS(19, 0, add, 24, 13, 11)
    TEST_RR_DEST_BYPASS(20, 1, add, 25, 14, 11)
    TEST_RR_DEST_BYPASS(21, 2, add, 26, 15, 11)
    TEST_RR_SRC12_BYPASS(22, 0, 0, add, 24, 13, 11)
    TEST_RR_SRC12_BYPASS(23, 1, 0, add, 25, 14, 11)
    TEST_RR_SRC12_BYPASS(24, 0, 1, add, 26, 15, 11)
    TEST_RR_SRC12_BYPASS(25, 2, 0, add, 24, 13, 11)
    TEST_RR_SRC21_BYPASS(26, 0, 0, add, 24, 13, 11)
    TEST_RR_SRC21_BYPASS(27, 1, 1, add, 25, 14, 11)

    /* ---- sub ---- */
    TEST_RR_OP(30, sub, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(31, sub, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR_OP(32, sub, 0xfffffffc, 0x00000003, 0x00000007)
    TEST_RR_OP(33, sub, 0x00008000, 0x00000000, 0xffff8000)
    TEST_RR_OP(34, sub, 0x80000000, 0x80000000, 0x00000000)
    TEST_RR_OP(35, sub, 0x80008000, 0x80000000, 0xffff8000)
    TEST_RR_OP(36, sub, 0x7fffffff, 0x80000000, 0x00000001)   /* signed overflow wraps */
    TEST_RR_OP(37, sub, 0x80000001, 0x00000000, 0x7fffffff)
    TEST_RR_OP(38, sub, 0x80000000, 0x7fffffff, 0xffffffff)
    TEST_RR_OP(39, sub, 0xffffffff, 0x00000000, 0x00000001)
    TEST_RR_OP(40, sub, 0x00000002, 0x00000001, 0xffffffff)
    TEST_RR_SRC1_EQ_DEST(41, sub, 2, 13, 11)
    TEST_RR_SRC2_EQ_DEST(42, sub, 3, 14, 11)
    TEST_RR_SRC12_EQ_DEST(43, sub, 0, 13)
    TEST_RR_ZEROSRC1(44, sub, 0xfffffff1, 15)
    TEST_RR_ZEROSRC2(45, sub, 32, 32)
    TEST_RR_ZERODEST(46, sub, 16, 30)
    TEST_RR_DEST_BYPASS(47, 0, sub, 2, 13, 11)
    TEST_RR_SRC12_BYPASS(48, 0, 0, sub, 2, 13, 11)
    TEST_RR_SRC21_BYPASS(49, 0, 0, sub, 4, 15, 11)

    /* ---- addi (immediate sign-extended) ---- */
    TEST_IMM_OP(50, addi, 0x00000000, 0x00000000, 0)
    TEST_IMM_OP(51, addi, 0x00000002, 0x00000001, 1)
    TEST_IMM_OP(52, addi, 0x0000000a, 0x00000003, 7)
    TEST_IMM_OP(53, addi, 0xfffff800, 0x00000000, -2048)
    TEST_IMM_OP(54, addi, 0x000007ff, 0x00000000, 2047)
    TEST_IMM_OP(55, addi, 0x7ffff800, 0x80000000, -2048)
    TEST_IMM_OP(56, addi, 0x800007fe, 0x7fffffff, 2047)
    TEST_IMM_OP(57, addi, 0x80000000, 0x7fffffff, 1)
    TEST_IMM_OP(58, addi, 0x7fffffff, 0x80000000, -1)
    TEST_IMM_OP(59, addi, 0x00000000, 0xffffffff, 1)
    TEST_IMM_OP(60, addi, 0xfffffffe, 0xffffffff, -1)
    TEST_IMM_SRC1_EQ_DEST(61, addi, 24, 13, 11)
    TEST_IMM_ZEROSRC1(62, addi, 0xffffffe0, -32)
    TEST_IMM_ZERODEST(63, addi, 33, 50)
    TEST_IMM_DEST_BYPASS(64, 0, addi, 24, 13, 11)
    TEST_IMM_DEST_BYPASS(65, 1, addi, 23, 13, 10)
    TEST_IMM_DEST_BYPASS(66, 2, addi, 22, 13, 9)
    TEST_IMM_SRC1_BYPASS(67, 0, addi, 24, 13, 11)
    TEST_IMM_SRC1_BYPASS(68, 1, addi, 23, 13, 10)
    TEST_IMM_SRC1_BYPASS(69, 2, addi, 22, 13, 9)

    /* ---- slt / sltu ---- */
    TEST_RR_OP(70, slt, 0, 0x00000000, 0x00000000)
    TEST_RR_OP(71, slt, 0, 0x00000001, 0x00000001)
    TEST_RR_OP(72, slt, 1, 0x00000003, 0x00000007)
    TEST_RR_OP(73, slt, 0, 0x00000007, 0x00000003)
    TEST_RR_OP(74, slt, 0, 0x00000000, 0xffff8000)
    TEST_RR_OP(75, slt, 1, 0x80000000, 0x00000000)
    TEST_RR_OP(76, slt, 1, 0x80000000, 0x7fffffff)
    TEST_RR_OP(77, slt, 0, 0x7fffffff, 0x80000000)
    TEST_RR_OP(78, slt, 1, 0xffffffff, 0x00000000)            /* -1 < 0 */
    TEST_RR_OP(79, slt, 0, 0x00000000, 0xffffffff)
    TEST_RR_OP(80, slt, 1, 0xfffffffe, 0xffffffff)            /* -2 < -1 */
    TEST_RR_SRC12_EQ_DEST(81, slt, 0, 13)
    TEST_RR_ZEROSRC1(82, slt, 0, -1)
    TEST_RR_ZEROSRC2(83, slt, 1, -1)
    TEST_RR_ZERODEST(84, slt, 1, 2)
    TEST_RR_DEST_BYPASS(85, 0, slt, 1, 11, 13)
    TEST_RR_SRC12_BYPASS(86, 0, 0, slt, 1, 0x80000000, 1)

    TEST_RR_OP(90, sltu, 0, 0x00000000, 0x00000000)
    TEST_RR_OP(91, sltu, 0, 0x00000001, 0x00000001)
    TEST_RR_OP(92, sltu, 1, 0x00000003, 0x00000007)
    TEST_RR_OP(93, sltu, 0, 0x00000007, 0x00000003)
    TEST_RR_OP(94, sltu, 1, 0x00000000, 0xffff8000)
    TEST_RR_OP(95, sltu, 0, 0x80000000, 0x00000000)
    TEST_RR_OP(96, sltu, 0, 0x80000000, 0x7fffffff)
    TEST_RR_OP(97, sltu, 1, 0x7fffffff, 0x80000000)
    TEST_RR_OP(98, sltu, 0, 0xffffffff, 0x00000000)
    TEST_RR_OP(99, sltu, 1, 0x00000000, 0xffffffff)
    TEST_RR_OP(100, sltu, 1, 0xfffffffe, 0xffffffff)
    TEST_RR_ZEROSRC1(101, sltu, 1, 5)                         /* snez */
    TEST_RR_ZEROSRC1(102, sltu, 0, 0)
    TEST_RR_ZEROSRC2(103, sltu, 0, -1)
    TEST_RR_ZERODEST(104, sltu, 1, 2)
    TEST_RR_SRC21_BYPASS(105, 0, 0, sltu, 1, 1, 0xffffffff)

    /* ---- slti / sltiu: the immediate is sign-extended in both ---- */
    TEST_IMM_OP(110, slti, 0, 0x00000000, 0)
    TEST_IMM_OP(111, slti, 0, 0x00000001, 1)
    TEST_IMM_OP(112, slti, 1, 0x00000003, 7)
    TEST_IMM_OP(113, slti, 0, 0x00000007, 3)
    TEST_IMM_OP(114, slti, 0, 0x00000000, -2048)
    TEST_IMM_OP(115, slti, 1, 0x80000000, 0)
    TEST_IMM_OP(116, slti, 1, 0x80000000, 2047)
    TEST_IMM_OP(117, slti, 0, 0x7fffffff, -2048)
    TEST_IMM_OP(118, slti, 1, 0xffffffff, 0)                  /* -1 < 0 */
    TEST_IMM_OP(119, slti, 0, 0x00000000, -1)
    TEST_IMM_OP(120, slti, 1, 0xfffffffe, -1)                 /* -2 < -1 */
    TEST_IMM_OP(121, slti, 0, 0xffffffff, -1)
    TEST_IMM_OP(122, slti, 1, 0xfffff7ff, -2048)              /* -2049 < -2048 */
    TEST_IMM_ZEROSRC1(123, slti, 0, -1)
    TEST_IMM_ZERODEST(124, slti, 0, 1)
    TEST_IMM_DEST_BYPASS(125, 0, slti, 1, 0xffffff00, -1)

    TEST_IMM_OP(130, sltiu, 0, 0x00000000, 0)
    TEST_IMM_OP(131, sltiu, 0, 0x00000001, 1)
    TEST_IMM_OP(132, sltiu, 1, 0x00000003, 7)
    TEST_IMM_OP(133, sltiu, 0, 0x00000007, 3)
    TEST_IMM_OP(134, sltiu, 1, 0x00000000, -2048)             /* 0 < 0xfffff800 */
    TEST_IMM_OP(135, sltiu, 0, 0x80000000, 2047)
    TEST_IMM_OP(136, sltiu, 1, 0x80000000, -2048)             /* 0x80000000 < 0xfffff800 */
    TEST_IMM_OP(137, sltiu, 0, 0xfffff800, -2048)
    TEST_IMM_OP(138, sltiu, 1, 0x00000000, -1)                /* < 0xffffffff */
    TEST_IMM_OP(139, sltiu, 1, 0xfffffffe, -1)                /* < 0xffffffff */
    TEST_IMM_OP(140, sltiu, 0, 0xffffffff, -1)                /* not < itself */
    TEST_IMM_OP(141, sltiu, 1, 0x00000000, 1)                 /* seqz */
    TEST_IMM_OP(142, sltiu, 0, 0x00000005, 1)
    TEST_IMM_ZEROSRC1(143, sltiu, 1, -1)
    TEST_IMM_ZERODEST(144, sltiu, 0, 1)
    TEST_IMM_SRC1_BYPASS(145, 0, sltiu, 1, 0x7ffff000, -1)

    /* ---- xor / xori ---- */
    TEST_RR_OP(150, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR_OP(151, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
    TEST_RR_OP(152, xor, 0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f)
    TEST_RR_OP(153, xor, 0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0)
    TEST_RR_SRC12_EQ_DEST(154, xor, 0, 0xff00ff00)
    TEST_RR_ZEROSRC1(155, xor, 0xff00ff00, 0xff00ff00)
    TEST_RR_ZERODEST(156, xor, 0x11111111, 0x22222222)
    TEST_RR_DEST_BYPASS(157, 0, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(160, xori, 0xff00f00f, 0x00ff0f00, -241)      /* imm 0xf0f -> 0xffffff0f */
    TEST_IMM_OP(161, xori, 0x0ff00f00, 0x0ff00ff0, 0x0f0)
    TEST_IMM_OP(162, xori, 0x00ff0ff0, 0x00ff08ff, 0x70f)
    TEST_IMM_OP(163, xori, 0xf00ff0ff, 0xf00ff00f, 0x0f0)
    TEST_IMM_OP(164, xori, 0xedcba987, 0x12345678, -1)        /* not */
    TEST_IMM_ZEROSRC1(165, xori, 0xfffff800, -2048)
    TEST_IMM_ZERODEST(166, xori, 0x12345678, 0x555)
    TEST_IMM_SRC1_BYPASS(167, 0, xori, 0xff00f00f, 0x00ff0f00, -241)

    /* ---- or / ori ---- */
    TEST_RR_OP(170, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR_OP(171, or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0)
    TEST_RR_OP(172, or, 0x0fff0fff, 0x00ff00ff, 0x0f0f0f0f)
    TEST_RR_OP(173, or, 0xf0fff0ff, 0xf00ff00f, 0xf0f0f0f0)
    TEST_RR_SRC12_EQ_DEST(174, or, 0xff00ff00, 0xff00ff00)
    TEST_RR_ZEROSRC2(175, or, 0xff00ff00, 0xff00ff00)
    TEST_RR_ZERODEST(176, or, 0x11111111, 0x22222222)
    TEST_RR_SRC12_BYPASS(177, 1, 1, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(180, ori, 0xffffff0f, 0xff00ff00, -241)
    TEST_IMM_OP(181, ori, 0x0ff00ff0, 0x0ff00ff0, 0x0f0)
    TEST_IMM_OP(182, ori, 0x00ff07ff, 0x00ff00ff, 0x70f)
    TEST_IMM_OP(183, ori, 0xf00ff0ff, 0xf00ff00f, 0x0f0)
    TEST_IMM_ZEROSRC1(184, ori, 0x000007ff, 0x7ff)
    TEST_IMM_ZERODEST(185, ori, 0x12345678, 0x555)
    TEST_IMM_DEST_BYPASS(186, 1, ori, 0xffffff0f, 0xff00ff00, -241)

    /* ---- and / andi ---- */
    TEST_RR_OP(190, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
    TEST_RR_OP(191, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0)
    TEST_RR_OP(192, and, 0x000f000f, 0x00ff00ff, 0x0f0f0f0f)
    TEST_RR_OP(193, and, 0xf000f000, 0xf00ff00f, 0xf0f0f0f0)
    TEST_RR_SRC12_EQ_DEST(194, and, 0xff00ff00, 0xff00ff00)
    TEST_RR_ZEROSRC1(195, and, 0, 0xff00ff00)
    TEST_RR_ZERODEST(196, and, 0x11111111, 0x11111111)
    TEST_RR_SRC21_BYPASS(197, 2, 0, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(200, andi, 0xff00ff00, 0xff00ff00, -241)      /* imm 0xffffff0f */
    TEST_IMM_OP(201, andi, 0x000000f0, 0x0ff00ff0, 0x0f0)
    TEST_IMM_OP(202, andi, 0x0000000f, 0x00ff00ff, 0x70f)
    TEST_IMM_OP(203, andi, 0x00000000, 0xf00ff00f, 0x0f0)
    TEST_IMM_OP(204, andi, 0x12345000, 0x123456ff, -2048)     /* imm 0xfffff800 */
    TEST_IMM_ZEROSRC1(205, andi, 0, -1)
    TEST_IMM_ZERODEST(206, andi, 0x12345678, -1)
    TEST_IMM_DEST_BYPASS(207, 2, andi, 0x000000f0, 0x0ff00ff0, 0x0f0)

    /* ---- x0 is hard-wired: every kind of write to it is discarded ---- */
    TEST_CASE(210, a4, 0, li a1, 0x1234; addi x0, a1, 1; add a4, x0, x0)
    TEST_CASE(211, a4, 5, addi x0, x0, 5; addi a4, x0, 5)     /* read of x0 right after a write */
    TEST_CASE(212, a4, 0, lui x0, 0x12345; mv a4, x0)
    TEST_CASE(213, a4, 0, auipc x0, 0x12345; mv a4, x0)

    TEST_END
