/*
 * rv32i_load: lb lh lw lbu lhu. Every byte/halfword lane, sign extension
 * (lb/lh) vs zero extension (lbu/lhu), positive/negative/extreme offsets,
 * rd == rs1, rd = x0 (discarded), load-use at distance 0..2, the address
 * register forwarded, pointer chasing, and word loads from a peripheral
 * register (SIMCTRL.ID) and the timer (sub-word MMIO: mmio_subword.S).
 */
#include "isa_test.h"

TEST_START

    /* ---- lb: sign-extended byte ---- */
    TEST_LD(1, lb, 0xffffffff, 0, ld_bytes)
    TEST_LD(2, lb, 0x00000000, 1, ld_bytes)
    TEST_LD(3, lb, 0xfffffff0, 2, ld_bytes)
    TEST_LD(4, lb, 0x0000000f, 3, ld_bytes)
    TEST_LD(5, lb, 0xffffff80, 4, ld_bytes)
    TEST_LD(6, lb, 0x0000007f, 5, ld_bytes)
    TEST_LD(7, lb, 0xffffff80, -4, ld_bytes_end)
    TEST_LD(8, lb, 0x0000000f, -1, ld_bytes + 4)
    TEST_LD(9, lb, 0x00000000, -7, ld_bytes + 8)

    /* ---- lbu: zero-extended byte ---- */
    TEST_LD(10, lbu, 0x000000ff, 0, ld_bytes)
    TEST_LD(11, lbu, 0x00000000, 1, ld_bytes)
    TEST_LD(12, lbu, 0x000000f0, 2, ld_bytes)
    TEST_LD(13, lbu, 0x0000000f, 3, ld_bytes)
    TEST_LD(14, lbu, 0x00000080, 4, ld_bytes)
    TEST_LD(15, lbu, 0x0000007f, 5, ld_bytes)
    TEST_LD(16, lbu, 0x000000ff, -8, ld_bytes_end)
    TEST_LD(17, lbu, 0x000000f0, -2, ld_bytes + 4)

    /* ---- lh: sign-extended halfword ---- */
    TEST_LD(20, lh, 0x000000ff, 0, ld_halves)
    TEST_LD(21, lh, 0xffffff00, 2, ld_halves)
    TEST_LD(22, lh, 0x00000ff0, 4, ld_halves)
    TEST_LD(23, lh, 0xfffff00f, 6, ld_halves)
    TEST_LD(24, lh, 0xffff8000, 8, ld_halves)
    TEST_LD(25, lh, 0x00007fff, 10, ld_halves)
    TEST_LD(26, lh, 0x000000ff, -6, ld_halves + 6)
    TEST_LD(27, lh, 0xfffff00f, -2, ld_halves + 8)

    /* ---- lhu: zero-extended halfword ---- */
    TEST_LD(30, lhu, 0x000000ff, 0, ld_halves)
    TEST_LD(31, lhu, 0x0000ff00, 2, ld_halves)
    TEST_LD(32, lhu, 0x00000ff0, 4, ld_halves)
    TEST_LD(33, lhu, 0x0000f00f, 6, ld_halves)
    TEST_LD(34, lhu, 0x00008000, 8, ld_halves)
    TEST_LD(35, lhu, 0x00007fff, 10, ld_halves)
    TEST_LD(36, lhu, 0x0000ff00, -4, ld_halves + 6)

    /* ---- lw ---- */
    TEST_LD(40, lw, 0x00ff00ff, 0, ld_words)
    TEST_LD(41, lw, 0xff00ff00, 4, ld_words)
    TEST_LD(42, lw, 0x0ff00ff0, 8, ld_words)
    TEST_LD(43, lw, 0xf00ff00f, 12, ld_words)
    TEST_LD(44, lw, 0x00ff00ff, -12, ld_words + 12)
    TEST_LD(45, lw, 0xff00ff00, -8, ld_words + 12)
    TEST_LD(46, lw, 0x0ff00ff0, -4, ld_words + 12)
    /* extreme offsets */
    TEST_LD(47, lw, 0x0ff00ff0, 2047, ld_words + 8 - 2047 + 0)  /* base odd, sum aligned */
    TEST_LD(48, lw, 0xf00ff00f, -2048, ld_words + 12 + 2048)
    TEST_LD(49, lbu, 0x000000f0, 2047, ld_bytes + 2 - 2047)

    /* ---- rd == rs1 ---- */
    TEST_CASE(50, a1, 0xff00ff00, la a1, ld_words + 4; lw a1, 0(a1))
    TEST_CASE(51, a1, 0xfffffff0, la a1, ld_bytes; lb a1, 2(a1))

    /* ---- rd = x0: the loaded value is discarded ---- */
    TEST_CASE(52, a4, 0, la a1, ld_words; lw x0, 4(a1); mv a4, x0)
    TEST_CASE(53, a4, 0, la a1, ld_words; lbu x0, 1(a1); addi a4, x0, 0)

    /* ---- load-use: loaded value consumed at distance 0, 1, 2 ---- */
    TEST_LD_DEST_BYPASS(60, 0, lw, 0x0ff00ff0, 8, ld_words)
    TEST_LD_DEST_BYPASS(61, 1, lw, 0xf00ff00f, 12, ld_words)
    TEST_LD_DEST_BYPASS(62, 2, lw, 0xff00ff00, 4, ld_words)
    TEST_LD_DEST_BYPASS(63, 0, lb, 0xfffffff0, 2, ld_bytes)
    TEST_LD_DEST_BYPASS(64, 0, lbu, 0x000000f0, 2, ld_bytes)
    TEST_LD_DEST_BYPASS(65, 0, lh, 0xfffff00f, 6, ld_halves)
    TEST_LD_DEST_BYPASS(66, 0, lhu, 0x0000f00f, 6, ld_halves)
    TEST_LD_DEST_BYPASS(67, 1, lh, 0xffffff00, 2, ld_halves)
    /* both operands of the consumer loaded */
    TEST_CASE(68, a4, 0xffffffff, la a1, ld_words; lw a2, 0(a1); lw a3, 4(a1); add a4, a2, a3)
    TEST_CASE(69, a4, 0xffffffff, la a1, ld_words; lw a3, 4(a1); lw a2, 0(a1); xor a4, a2, a3)

    /* ---- address register forwarded into the load ---- */
    TEST_LD_SRC1_BYPASS(70, 0, lw, 0x0ff00ff0, 8, ld_words)
    TEST_LD_SRC1_BYPASS(71, 1, lh, 0xfffff00f, 6, ld_halves)
    TEST_LD_SRC1_BYPASS(72, 2, lbu, 0x0000000f, 3, ld_bytes)

    /* ---- pointer chasing: each loaded value is the next address ---- */
    TEST_CASE(73, a4, 0x600dcafe, la a1, ld_chain; lw a1, 0(a1); lw a1, 0(a1); lw a1, 0(a1); \
              lw a4, 4(a1))

    /* ---- load from a peripheral register: SIMCTRL.ID = 'VIOS' ---- */
    TEST_CASE(80, a4, VIONIC_SIMCTRL_ID_MAGIC_RESET, li a1, SIMCTRL_BASE; lw a4, SIMCTRL_ID(a1))
    /* peripheral load-use */
    TEST_CASE(87, a4, VIONIC_SIMCTRL_ID_MAGIC_RESET + 1, li a1, SIMCTRL_BASE; \
              lw a2, SIMCTRL_ID(a1); addi a4, a2, 1)
    TEST_CASE(88, a4, 0xffffffff, li a1, TIMER_BASE; lw a4, TIMER_MTIMECMP_HI(a1))  /* reset value */
    /* mixed: TCM load right after a peripheral load */
    TEST_CASE(91, a4, 0x56494f53 ^ 0x0ff00ff0, li a1, SIMCTRL_BASE; la a2, ld_words; \
              lw a3, SIMCTRL_ID(a1); lw a5, 8(a2); xor a4, a3, a5)

    TEST_END

TEST_DATA_BEGIN
ld_bytes:
    .byte 0xff, 0x00, 0xf0, 0x0f, 0x80, 0x7f, 0x00, 0x00
ld_bytes_end:
ld_halves:
    .half 0x00ff, 0xff00, 0x0ff0, 0xf00f, 0x8000, 0x7fff
    .balign 4
ld_words:
    .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f
ld_chain:
    .word ld_chain_1
ld_chain_1:
    .word ld_chain_2
ld_chain_2:
    .word ld_chain_3
ld_chain_3:
    .word 0x11111111, 0x600dcafe
