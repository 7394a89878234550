/*
 * rv32i_lui_auipc: lui (low 12 bits cleared, top values, x0) and auipc
 * (pc-relative, positive and negative immediates, compared with link-time
 * addresses), and the lui/auipc + addi/jalr pairs the toolchain emits.
 */
#include "isa_test.h"

TEST_START

    /* ---- lui ---- */
    TEST_CASE(1, a4, 0x00000000, li a4, -1; lui a4, 0x00000)
    TEST_CASE(2, a4, 0x00001000, lui a4, 0x00001)
    TEST_CASE(3, a4, 0x7ffff000, lui a4, 0x7ffff)
    TEST_CASE(4, a4, 0x80000000, lui a4, 0x80000)
    TEST_CASE(5, a4, 0xfffff000, lui a4, 0xfffff)
    TEST_CASE(6, a4, 0x12345000, li a4, 0xfff; lui a4, 0x12345)    /* low bits cleared, not kept */
    TEST_CASE(7, a4, 0xfffff800, lui a1, 0xfffff; srai a4, a1, 1)   /* forwarded */
    TEST_CASE(8, a4, 0x12345678, lui a1, 0x12345; addi a4, a1, 0x678)
    TEST_CASE(9, a4, 0x12344fff, lui a1, 0x12345; addi a4, a1, -1)  /* the li split */
    TEST_CASE(10, a4, 0, lui x0, 0x80000; mv a4, x0)

    /* ---- auipc: rd = pc + (imm << 12) ---- */
test_20:
    li TESTNUM, 20
auipc_0:
    auipc a4, 0
    TEST_ASSERT_ADDR(a4, auipc_0)
test_21:
    li TESTNUM, 21
auipc_1:
    auipc a4, 1
    la a5, auipc_1 + 0x1000
    TEST_ASSERT_REG(a4, a5)
test_22:
    li TESTNUM, 22
auipc_2:
    auipc a4, 0xfffff           /* pc - 4096 */
    la a5, auipc_2
    sub a4, a5, a4
    TEST_ASSERT(a4, 0x1000)
test_23:
    li TESTNUM, 23
auipc_3:
    auipc a4, 0x80000           /* pc + 0x80000000 (wraps modulo 2^32) */
    la a5, auipc_3
    sub a4, a4, a5
    TEST_ASSERT(a4, 0x80000000)
test_24:
    li TESTNUM, 24
auipc_4:
    auipc a4, 0x12345
    la a5, auipc_4
    sub a4, a4, a5
    TEST_ASSERT(a4, 0x12345000)
    /* two auipc one instruction apart differ by 4 */
test_25:
    li TESTNUM, 25
    auipc a1, 0
    auipc a2, 0
    sub a4, a2, a1
    TEST_ASSERT(a4, 4)
    /* auipc + addi with %pcrel (what la expands to) */
test_26:
    li TESTNUM, 26
1:  auipc a1, %pcrel_hi(auipc_data)
    addi a1, a1, %pcrel_lo(1b)
    lw a4, 0(a1)
    TEST_ASSERT(a4, 0x600d600d)
    /* auipc + jalr (a far call) */
test_27:
    li TESTNUM, 27
    li a4, 0
2:  auipc t0, %pcrel_hi(auipc_sub)
    jalr ra, %pcrel_lo(2b)(t0)
    TEST_ASSERT(a4, 0x55)
    /* auipc x0 */
    TEST_CASE(28, a4, 0, auipc x0, 1; mv a4, x0)

    TEST_END

auipc_sub:
    li a4, 0x55
    ret

TEST_DATA_BEGIN
auipc_data:
    .word 0x600d600d
