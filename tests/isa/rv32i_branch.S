/*
 * rv32i_branch: beq bne blt bge bltu bgeu, taken and not taken, each with a
 * forward and a backward target; signed vs unsigned comparisons at the
 * extremes; x0 and rs1 == rs2 operands; operands forwarded at distance 0..2;
 * the largest forward (+4092) and backward (-4096) offsets; a counted loop.
 */
#include "isa_test.h"

TEST_START

    /* ---- beq ---- */
    TEST_BR2_OP_TAKEN(1, beq, 0, 0)
    TEST_BR2_OP_TAKEN(2, beq, 1, 1)
    TEST_BR2_OP_TAKEN(3, beq, -1, -1)
    TEST_BR2_OP_TAKEN(4, beq, 0x80000000, 0x80000000)
    TEST_BR2_OP_NOTTAKEN(5, beq, 0, 1)
    TEST_BR2_OP_NOTTAKEN(6, beq, 1, 0)
    TEST_BR2_OP_NOTTAKEN(7, beq, -1, 1)
    TEST_BR2_OP_NOTTAKEN(8, beq, 0x80000000, 0x00000000)     /* only the sign bit differs */
    TEST_BR2_OP_NOTTAKEN(9, beq, 0x00000001, 0x00000003)

    /* ---- bne ---- */
    TEST_BR2_OP_TAKEN(10, bne, 0, 1)
    TEST_BR2_OP_TAKEN(11, bne, 1, 0)
    TEST_BR2_OP_TAKEN(12, bne, -1, 1)
    TEST_BR2_OP_TAKEN(13, bne, 0x80000000, 0)
    TEST_BR2_OP_NOTTAKEN(14, bne, 0, 0)
    TEST_BR2_OP_NOTTAKEN(15, bne, 1, 1)
    TEST_BR2_OP_NOTTAKEN(16, bne, -1, -1)

    /* ---- blt (signed) ---- */
    TEST_BR2_OP_TAKEN(20, blt, 0, 1)
    TEST_BR2_OP_TAKEN(21, blt, -1, 1)
    TEST_BR2_OP_TAKEN(22, blt, -2, -1)
    TEST_BR2_OP_TAKEN(23, blt, 0x80000000, 0x7fffffff)
    TEST_BR2_OP_TAKEN(24, blt, 0x80000000, 0xffffffff)
    TEST_BR2_OP_NOTTAKEN(25, blt, 1, 0)
    TEST_BR2_OP_NOTTAKEN(26, blt, 1, -1)
    TEST_BR2_OP_NOTTAKEN(27, blt, -1, -2)
    TEST_BR2_OP_NOTTAKEN(28, blt, 0x7fffffff, 0x80000000)
    TEST_BR2_OP_NOTTAKEN(29, blt, 5, 5)                     /* equal: not less */
    TEST_BR2_OP_NOTTAKEN(30, blt, 0x80000000, 0x80000000)

    /* ---- bge (signed) ---- */
    TEST_BR2_OP_TAKEN(35, bge, 0, 0)
    TEST_BR2_OP_TAKEN(36, bge, 1, 1)
    TEST_BR2_OP_TAKEN(37, bge, -1, -1)
    TEST_BR2_OP_TAKEN(38, bge, 1, 0)
    TEST_BR2_OP_TAKEN(39, bge, 1, -1)
    TEST_BR2_OP_TAKEN(40, bge, -1, -2)
    TEST_BR2_OP_TAKEN(41, bge, 0x7fffffff, 0x80000000)
    TEST_BR2_OP_NOTTAKEN(42, bge, 0, 1)
    TEST_BR2_OP_NOTTAKEN(43, bge, -1, 1)
    TEST_BR2_OP_NOTTAKEN(44, bge, -2, -1)
    TEST_BR2_OP_NOTTAKEN(45, bge, 0x80000000, 0x7fffffff)

    /* ---- bltu (unsigned) ---- */
    TEST_BR2_OP_TAKEN(50, bltu, 0, 1)
    TEST_BR2_OP_TAKEN(51, bltu, 0xfffffffe, 0xffffffff)
    TEST_BR2_OP_TAKEN(52, bltu, 0, 0xffffffff)
    TEST_BR2_OP_TAKEN(53, bltu, 0x7fffffff, 0x80000000)
    TEST_BR2_OP_NOTTAKEN(54, bltu, 1, 0)
    TEST_BR2_OP_NOTTAKEN(55, bltu, 0xffffffff, 0xfffffffe)
    TEST_BR2_OP_NOTTAKEN(56, bltu, 0xffffffff, 0)           /* -1 is the largest */
    TEST_BR2_OP_NOTTAKEN(57, bltu, 0x80000000, 0x7fffffff)
    TEST_BR2_OP_NOTTAKEN(58, bltu, 7, 7)

    /* ---- bgeu (unsigned) ---- */
    TEST_BR2_OP_TAKEN(60, bgeu, 0, 0)
    TEST_BR2_OP_TAKEN(61, bgeu, 1, 1)
    TEST_BR2_OP_TAKEN(62, bgeu, 0xffffffff, 0xffffffff)
    TEST_BR2_OP_TAKEN(63, bgeu, 1, 0)
    TEST_BR2_OP_TAKEN(64, bgeu, 0xffffffff, 0xfffffffe)
    TEST_BR2_OP_TAKEN(65, bgeu, 0xffffffff, 0)
    TEST_BR2_OP_TAKEN(66, bgeu, 0x80000000, 0x7fffffff)
    TEST_BR2_OP_NOTTAKEN(67, bgeu, 0, 1)
    TEST_BR2_OP_NOTTAKEN(68, bgeu, 0xfffffffe, 0xffffffff)
    TEST_BR2_OP_NOTTAKEN(69, bgeu, 0, 0xffffffff)
    TEST_BR2_OP_NOTTAKEN(70, bgeu, 0x7fffffff, 0x80000000)

    /* ---- forwarded operands ---- */
    TEST_BR2_SRC12_BYPASS_TAKEN(80, 0, 0, beq, 7, 7)
    TEST_BR2_SRC12_BYPASS_TAKEN(81, 0, 1, bne, 7, 8)
    TEST_BR2_SRC12_BYPASS_TAKEN(82, 1, 0, blt, -8, 7)
    TEST_BR2_SRC12_BYPASS_TAKEN(83, 2, 0, bge, 8, -7)
    TEST_BR2_SRC12_BYPASS_TAKEN(84, 0, 2, bltu, 7, -8)
    TEST_BR2_SRC12_BYPASS_TAKEN(85, 1, 1, bgeu, -7, 8)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(86, 0, 0, beq, 7, 8)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(87, 0, 1, bne, 7, 7)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(88, 1, 0, blt, 7, -8)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(89, 2, 0, bge, -8, 7)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(90, 0, 2, bltu, -8, 7)
    TEST_BR2_SRC12_BYPASS_NOTTAKEN(91, 1, 1, bgeu, 7, -8)

    /* ---- x0 and rs1 == rs2 ---- */
test_95:
    li TESTNUM, 95
    li a1, 3
    beq x0, x0, 1f              /* always taken */
    j fail
1:  bne x0, x0, fail            /* never taken */
    bne a1, a1, fail
    blt a1, a1, fail
    bltu a1, a1, fail
    bge a1, a1, 2f
    j fail
2:  bgeu a1, a1, 3f
    j fail
3:  li a1, -3
    bltz a1, 4f                 /* blt a1, x0 */
    j fail
4:  bgez a1, fail               /* bge a1, x0 */
    bltu x0, a1, 5f             /* 0 <u 0xfffffffd */
    j fail
5:  bgtz a1, fail               /* blt x0, a1 */

    /* ---- a branch has no side effect on registers ---- */
    TEST_CASE(96, a4, 0x5a5a5a5a, li a4, 0x5a5a5a5a; li a1, 1; beq a1, a1, 1f; nop; 1: nop)

    /* ---- the instructions after a taken branch are not executed ---- */
    TEST_CASE(97, a4, 1, li a4, 1; j 1f; addi a4, a4, 1; addi a4, a4, 1; 1: nop)
    TEST_CASE(98, a4, 2, li a4, 1; li a1, 0; beqz a1, 1f; addi a4, a4, 10; addi a4, a4, 10; \
              1: addi a4, a4, 1)

    /* ---- counted loop (backward taken, final not taken) ---- */
    TEST_CASE(99, a4, 55, li a4, 0; li a1, 10; 1: add a4, a4, a1; addi a1, a1, -1; bnez a1, 1b)

    /* ---- largest offsets: +4092 forward, -4096 backward ----
     * Hand-encoded so the assembler cannot relax them; the padding is
     * all-zero words (illegal instructions: landing there fails the test). */
test_100:
    li TESTNUM, 100
    li a1, 1
    li a2, 1
far_fwd_br:
    .word ENC_B(4092, 12, 11, 0)        /* beq a1, a2, .+4092 */
    .fill 1022, 4, 0
far_fwd_dst:
    li TESTNUM, 101
    j far_bwd_br
far_bwd_dst:
    j far_done
    .fill 1023, 4, 0
far_bwd_br:
    .word ENC_B(-4096, 12, 11, 7)       /* bgeu a1, a2, .-4096 */
    j fail
far_done:

    /* not taken with far targets: falls through */
test_102:
    li TESTNUM, 102
    li a1, 1
    li a2, 2
not_fwd_br:
    .word ENC_B(4092, 12, 11, 0)        /* beq a1, a2, .+4092: not taken */
    .word ENC_B(-4096, 11, 12, 4)       /* blt a2, a1, .-4096: not taken */

    TEST_END
