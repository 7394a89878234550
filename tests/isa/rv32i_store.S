/*
 * rv32i_store: sb sh sw. Sub-word stores into every byte/halfword lane read
 * back as words (neighbour bytes untouched), only the low bits of rs2 stored,
 * positive/negative/extreme offsets, x0 as data, store right after a load of
 * the stored register, store-to-load of the same address, operands forwarded,
 * and a word store to a peripheral register (SIMCTRL.SCRATCH; sub-word MMIO
 * is in mmio_subword.S).
 */
#include "isa_test.h"

TEST_START

    /* ---- store and load back ---- */
    TEST_ST(1, lw, sw, 0x00aa00aa, 0, st_words)
    TEST_ST(2, lw, sw, 0xaa00aa00, 4, st_words)
    TEST_ST(3, lw, sw, 0x0aa00aa0, 8, st_words)
    TEST_ST(4, lw, sw, 0xa00aa00a, 12, st_words)
    TEST_ST(5, lw, sw, 0x12345678, -4, st_words + 16)
    TEST_ST(6, lw, sw, 0x9abcdef0, 2044, st_words + 8 - 2044)
    TEST_ST(7, lw, sw, 0x0fedcba9, -2048, st_words + 4 + 2048)
    TEST_ST(8, lh, sh, 0x000000aa, 0, st_words)
    TEST_ST(9, lh, sh, 0xffffaa00, 2, st_words)
    TEST_ST(10, lhu, sh, 0x0000beef, 6, st_words)
    TEST_ST(11, lb, sb, 0xffffffaa, 1, st_words)
    TEST_ST(12, lb, sb, 0x00000000, 2, st_words)
    TEST_ST(13, lbu, sb, 0x000000a0, 3, st_words)
    TEST_ST(14, lbu, sb, 0x0000000a, -1, st_words + 8)

    /* ---- sb into each lane of a known word; read the whole word back ---- */
test_20:
    li TESTNUM, 20
    la a1, st_lanes
    li a2, 0xdeadbeef
    sw a2, 0(a1)
    li a3, 0x12345611           /* only the low byte is stored */
    sb a3, 0(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0xdeadbe11)
    li TESTNUM, 21
    li a3, 0xffffff22
    sb a3, 1(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0xdead2211)
    li TESTNUM, 22
    li a3, 0x33
    sb a3, 2(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0xde332211)
    li TESTNUM, 23
    li a3, 0x80000044
    sb a3, 3(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0x44332211)
    /* the neighbouring words are untouched */
    li TESTNUM, 24
    lw a4, -4(a1)
    TEST_ASSERT(a4, 0x01010101)
    li TESTNUM, 25
    lw a4, 4(a1)
    TEST_ASSERT(a4, 0x02020202)

    /* ---- sh into both halves ---- */
test_26:
    li TESTNUM, 26
    li a2, 0xcafef00d
    sw a2, 0(a1)
    li a3, 0xabcd5566           /* only the low half is stored */
    sh a3, 0(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0xcafe5566)
    li TESTNUM, 27
    li a3, 0x7788
    sh a3, 2(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0x77885566)
    li TESTNUM, 28
    lw a4, -4(a1)
    TEST_ASSERT(a4, 0x01010101)
    li TESTNUM, 29
    lw a4, 4(a1)
    TEST_ASSERT(a4, 0x02020202)

    /* ---- all four byte lanes, then read back as halves and bytes ---- */
test_30:
    li TESTNUM, 30
    sw x0, 0(a1)                /* x0 as store data */
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0)
    li TESTNUM, 31
    li a3, 0x81
    sb a3, 0(a1)
    li a3, 0x82
    sb a3, 1(a1)
    li a3, 0x83
    sb a3, 2(a1)
    li a3, 0x84
    sb a3, 3(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0x84838281)
    li TESTNUM, 32
    lh a4, 2(a1)
    TEST_ASSERT(a4, 0xffff8483)
    li TESTNUM, 33
    lhu a4, 0(a1)
    TEST_ASSERT(a4, 0x8281)
    li TESTNUM, 34
    sb x0, 1(a1)
    sh x0, 2(a1)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0x00000081)

    /* ---- forwarded data/address ---- */
    TEST_ST_SRC12_BYPASS(40, 0, 0, lw, sw, 0xaabbccdd, 0, st_words)
    TEST_ST_SRC12_BYPASS(41, 0, 1, lh, sh, 0xffffddcc, 4, st_words)
    TEST_ST_SRC12_BYPASS(42, 1, 0, lb, sb, 0xffffffbb, 9, st_words)
    TEST_ST_SRC12_BYPASS(43, 2, 0, lw, sw, 0x00112233, 12, st_words)
    TEST_ST_SRC21_BYPASS(44, 0, 0, lw, sw, 0x12233445, 0, st_words)
    TEST_ST_SRC21_BYPASS(45, 0, 1, lhu, sh, 0x00002334, 2, st_words)
    TEST_ST_SRC21_BYPASS(46, 1, 0, lbu, sb, 0x00000045, 7, st_words)

    /* ---- store right after a load of the same register ---- */
test_50:
    li TESTNUM, 50
    la a1, st_src
    la a2, st_words
    lw a3, 0(a1)
    sw a3, 0(a2)                /* store data = just-loaded register */
    lw a4, 0(a2)
    TEST_ASSERT(a4, 0x5eed5eed)
    li TESTNUM, 51
    lw a3, 4(a1)                /* loaded value is the store address */
    sw a1, 0(a3)
    lw a4, 0(a3)
    TEST_ASSERT_ADDR(a4, st_src)
    li TESTNUM, 52
    lh a3, 0(a1)                /* sub-word load, then sb of it */
    sb a3, 1(a2)
    lw a4, 0(a2)
    TEST_ASSERT(a4, 0x5eededed)         /* byte 1 replaced by 0xed */
    /* load / store / load of the same address back to back */
    li TESTNUM, 53
    li a3, 0x0badf00d
    lw a5, 8(a2)
    sw a3, 8(a2)
    lw a4, 8(a2)
    TEST_ASSERT(a4, 0x0badf00d)
    li TESTNUM, 54
    sb a3, 9(a2)                /* 0x0d into byte 1 */
    lbu a4, 9(a2)
    TEST_ASSERT(a4, 0x0d)
    li TESTNUM, 55
    lw a4, 8(a2)
    TEST_ASSERT(a4, 0x0bad0d0d)

    /* ---- a peripheral register (SIMCTRL.SCRATCH) ---- */
test_60:
    li TESTNUM, 60
    li a1, SIMCTRL_BASE
    li a2, 0x11223344
    sw a2, SIMCTRL_SCRATCH(a1)
    lw a4, SIMCTRL_SCRATCH(a1)
    TEST_ASSERT(a4, 0x11223344)

    TEST_END

TEST_DATA_BEGIN
st_words:
    .word 0, 0, 0, 0, 0
    .word 0x01010101
st_lanes:
    .word 0
    .word 0x02020202
st_src:
    .word 0x5eed5eed
    .word st_spare
st_spare:
    .word 0
