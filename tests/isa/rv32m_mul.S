/*
 * rv32m_mul: mul mulh mulhsu mulhu. Zero, one, -1, 0x80000000, 0x7fffffff,
 * mixed signs and the signed x unsigned interpretation of mulhsu (rs1 signed,
 * rs2 unsigned); rd == rs1/rs2, x0, and the product used by the very next
 * instruction (ALU, branch, store data, load address, another multiply).
 */
#include "isa_test.h"

TEST_START

    /* ---- mul ---- */
    TEST_RR_OP(1, mul, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(2, mul, 0x00000001, 0x00000001, 0x00000001)
    TEST_RR_OP(3, mul, 0x00000015, 0x00000003, 0x00000007)
    TEST_RR_OP(4, mul, 0x00000000, 0x00000000, 0xffff8000)
    TEST_RR_OP(5, mul, 0x00000000, 0x80000000, 0x00000000)
    TEST_RR_OP(6, mul, 0x00000000, 0x80000000, 0xffff8000)
    TEST_RR_OP(7, mul, 0x0000ff7f, 0xaaaaaaab, 0x0002fe7d)
    TEST_RR_OP(8, mul, 0x0000ff7f, 0x0002fe7d, 0xaaaaaaab)
    TEST_RR_OP(9, mul, 0x00000000, 0xff000000, 0xff000000)
    TEST_RR_OP(10, mul, 0x00000001, 0xffffffff, 0xffffffff)
    TEST_RR_OP(11, mul, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR_OP(12, mul, 0xffffffff, 0x00000001, 0xffffffff)
    TEST_RR_OP(13, mul, 0x00000001, 0x7fffffff, 0x7fffffff)
    TEST_RR_OP(14, mul, 0x00000000, 0x80000000, 0x80000000)
    TEST_RR_OP(15, mul, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(16, mul, 0x80000000, 0x80000000, 0x7fffffff)
    TEST_RR_OP(17, mul, 0x242d2080, 0x12345678, 0x9abcdef0)
    TEST_RR_OP(18, mul, 0x00000002, 0xffffffff, 0xfffffffe)
    TEST_RR_OP(19, mul, 0xfffffffa, 0xfffffffe, 0x00000003)
    TEST_RR_OP(20, mul, 0x00000001, 0x80000001, 0x80000001)

    /* ---- mulh ---- */
    TEST_RR_OP(30, mulh, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(31, mulh, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR_OP(32, mulh, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR_OP(33, mulh, 0x00000000, 0x00000000, 0xffff8000)
    TEST_RR_OP(34, mulh, 0x00000000, 0x80000000, 0x00000000)
    TEST_RR_OP(35, mulh, 0x00004000, 0x80000000, 0xffff8000)
    TEST_RR_OP(36, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
    TEST_RR_OP(37, mulh, 0xffff0081, 0x0002fe7d, 0xaaaaaaab)
    TEST_RR_OP(38, mulh, 0x00010000, 0xff000000, 0xff000000)
    TEST_RR_OP(39, mulh, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_RR_OP(40, mulh, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR_OP(41, mulh, 0xffffffff, 0x00000001, 0xffffffff)
    TEST_RR_OP(42, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR_OP(43, mulh, 0x40000000, 0x80000000, 0x80000000)
    TEST_RR_OP(44, mulh, 0x00000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(45, mulh, 0xc0000000, 0x80000000, 0x7fffffff)
    TEST_RR_OP(46, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0)
    TEST_RR_OP(47, mulh, 0x00000000, 0xffffffff, 0xfffffffe)
    TEST_RR_OP(48, mulh, 0xffffffff, 0xfffffffe, 0x00000003)
    TEST_RR_OP(49, mulh, 0x3fffffff, 0x80000001, 0x80000001)

    /* ---- mulhsu ---- */
    TEST_RR_OP(60, mulhsu, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(61, mulhsu, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR_OP(62, mulhsu, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR_OP(63, mulhsu, 0x00000000, 0x00000000, 0xffff8000)
    TEST_RR_OP(64, mulhsu, 0x00000000, 0x80000000, 0x00000000)
    TEST_RR_OP(65, mulhsu, 0x80004000, 0x80000000, 0xffff8000)
    TEST_RR_OP(66, mulhsu, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
    TEST_RR_OP(67, mulhsu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab)
    TEST_RR_OP(68, mulhsu, 0xff010000, 0xff000000, 0xff000000)
    TEST_RR_OP(69, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
    TEST_RR_OP(70, mulhsu, 0xffffffff, 0xffffffff, 0x00000001)
    TEST_RR_OP(71, mulhsu, 0x00000000, 0x00000001, 0xffffffff)
    TEST_RR_OP(72, mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR_OP(73, mulhsu, 0xc0000000, 0x80000000, 0x80000000)
    TEST_RR_OP(74, mulhsu, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR_OP(75, mulhsu, 0xc0000000, 0x80000000, 0x7fffffff)
    TEST_RR_OP(76, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
    TEST_RR_OP(77, mulhsu, 0xffffffff, 0xffffffff, 0xfffffffe)
    TEST_RR_OP(78, mulhsu, 0xffffffff, 0xfffffffe, 0x00000003)
    TEST_RR_OP(79, mulhsu, 0xc0000000, 0x80000001, 0x80000001)

    /* ---- mulhu ---- */
    TEST_RR_OP(90, mulhu, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(91, mulhu, 0x00000000, 0x00000001, 0x00000001)
    TEST_RR_OP(92, mulhu, 0x00000000, 0x00000003, 0x00000007)
    TEST_RR_OP(93, mulhu, 0x00000000, 0x00000000, 0xffff8000)
    TEST_RR_OP(94, mulhu, 0x00000000, 0x80000000, 0x00000000)
    TEST_RR_OP(95, mulhu, 0x7fffc000, 0x80000000, 0xffff8000)
    TEST_RR_OP(96, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d)
    TEST_RR_OP(97, mulhu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab)
    TEST_RR_OP(98, mulhu, 0xfe010000, 0xff000000, 0xff000000)
    TEST_RR_OP(99, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
    TEST_RR_OP(100, mulhu, 0x00000000, 0xffffffff, 0x00000001)
    TEST_RR_OP(101, mulhu, 0x00000000, 0x00000001, 0xffffffff)
    TEST_RR_OP(102, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR_OP(103, mulhu, 0x40000000, 0x80000000, 0x80000000)
    TEST_RR_OP(104, mulhu, 0x7fffffff, 0x80000000, 0xffffffff)
    TEST_RR_OP(105, mulhu, 0x3fffffff, 0x80000000, 0x7fffffff)
    TEST_RR_OP(106, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
    TEST_RR_OP(107, mulhu, 0xfffffffd, 0xffffffff, 0xfffffffe)
    TEST_RR_OP(108, mulhu, 0x00000002, 0xfffffffe, 0x00000003)
    TEST_RR_OP(109, mulhu, 0x40000001, 0x80000001, 0x80000001)

    /* ---- register aliasing and x0 ---- */
    TEST_RR_SRC1_EQ_DEST(120, mul, 143, 13, 11)
    TEST_RR_SRC2_EQ_DEST(121, mul, 154, 14, 11)
    TEST_RR_SRC12_EQ_DEST(122, mul, 169, 13)
    TEST_RR_SRC12_EQ_DEST(123, mulh, 0x40000000, 0x80000000)
    TEST_RR_SRC12_EQ_DEST(124, mulhsu, 0xffffffff, 0xffffffff)
    TEST_RR_SRC12_EQ_DEST(125, mulhu, 0xfffffffe, 0xffffffff)
    TEST_RR_ZEROSRC1(126, mul, 0, 31)
    TEST_RR_ZEROSRC2(127, mulh, 0, -32)
    TEST_RR_ZEROSRC12(128, mulhu, 0)
    TEST_RR_ZERODEST(129, mul, 33, 34)
    TEST_RR_ZERODEST(130, mulhu, -1, -1)

    /* ---- product used at distance 0..2, operands forwarded ---- */
    TEST_RR_DEST_BYPASS(140, 0, mul, 143, 13, 11)
    TEST_RR_DEST_BYPASS(141, 1, mul, 154, 14, 11)
    TEST_RR_DEST_BYPASS(142, 2, mul, 165, 15, 11)
    TEST_RR_DEST_BYPASS(143, 0, mulh, 0xffffffff, -2, 3)
    TEST_RR_DEST_BYPASS(144, 0, mulhsu, 0x80000000, 0x80000000, 0xffffffff)
    TEST_RR_DEST_BYPASS(145, 0, mulhu, 0xfffffffd, 0xffffffff, 0xfffffffe)
    TEST_RR_SRC12_BYPASS(146, 0, 0, mul, 143, 13, 11)
    TEST_RR_SRC12_BYPASS(147, 1, 0, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
    TEST_RR_SRC12_BYPASS(148, 0, 1, mulhsu, 0xc0000000, 0x80000000, 0x7fffffff)
    TEST_RR_SRC21_BYPASS(149, 0, 0, mulhu, 0x7fffc000, 0x80000000, 0xffff8000)

    /* chain: each product feeds the next multiply: 3^8 */
    TEST_CASE(150, a4, 6561, li a1, 3; mul a2, a1, a1; mul a2, a2, a2; mul a4, a2, a2)
    /* high and low halves of the same operands back to back */
    TEST_CASE(151, a4, 0x0b00ea4e ^ 0x242d2080, li a1, 0x12345678; li a2, 0x9abcdef0; \
              mulhu a3, a1, a2; mul a5, a1, a2; xor a4, a3, a5)
    TEST_CASE(152, a4, 0xf8cc93d6, li a1, 0x12345678; li a2, 0x9abcdef0; \
              mul a4, a1, a2; mulh a4, a1, a2)          /* WAW: the second write wins */
    /* product as a branch operand */
test_153:
    li TESTNUM, 153
    li a1, 6
    li a2, 7
    li a3, 42
    mul a4, a1, a2
    bne a4, a3, fail
    mulh a4, a1, a2
    bnez a4, fail
    /* product as store data and as a load address */
test_154:
    li TESTNUM, 154
    la a1, mul_buf
    li a2, 0x1111
    li a3, 0x10001
    mul a4, a2, a3              /* 0x11111111 */
    sw a4, 0(a1)
    lw a5, 0(a1)
    TEST_ASSERT(a5, 0x11111111)
    li TESTNUM, 155
    la a1, mul_buf
    li a2, 1
    mul a3, a1, a2              /* a3 = &mul_buf */
    lw a4, 4(a3)
    TEST_ASSERT(a4, 0xc0ffee00)
    /* a multiply right after a load of its operand */
    TEST_CASE(156, a4, 0xc0ffedfe, la a1, mul_buf; lw a2, 4(a1); li a3, -2; \
              mulhu a4, a2, a3)
    TEST_END

TEST_DATA_BEGIN
mul_buf:
    .word 0
    .word 0xc0ffee00
