/*
 * trap_misaligned: address-misaligned exceptions.
 *  - loads (lh/lhu at odd addresses, lw at addr % 4 != 0): mcause 4,
 *    mtval = the effective address, rd unchanged;
 *  - stores (sh at odd, sw at addr % 4 != 0): mcause 6, mtval = address,
 *    memory unchanged;
 *  - taken jumps/branches to a target that is not 4-byte aligned (jalr to
 *    x+2, jal/beq/bne with a +-2 mod 4 offset): mcause 0, mtval = target,
 *    mepc = the jump's own pc, no link written;
 *  - a not-taken branch with a misaligned target and byte accesses at any
 *    address do not trap; halfword accesses at addr % 4 == 2 do not trap.
 * The handler returns to mepc + 4; the instruction after the faulting one runs
 * exactly once, after the handler.
 */
#include "isa_test.h"

#define A1 11
#define A2 12
#define A4 14

/* a1 -> ms_data, a2 = store data, a4 = rd sentinel, a7 = witness counter */
#define PREP \
    la a1, ms_data; \
    li a2, 0x11223344; \
    li a4, 0x5a5a5a5a; \
    li a7, 0

/* After the faulting instruction at label (followed by addi a7, a7, 1):
 * n+4 rd unchanged, n+5 next instruction not run before the trap, n+6 run once
 * after it; n..n+3 cause/epc/tval (a5 = expected mtval). */
#define EXPECT_TRAP(n, cause, label) \
    li TESTNUM, (n) + 4; \
    TEST_ASSERT(a4, 0x5a5a5a5a); \
    li TESTNUM, (n) + 5; \
    TEST_ASSERT(TRAP_WITNESS, 0); \
    li TESTNUM, (n) + 6; \
    TEST_ASSERT(a7, 1); \
    TEST_TRAP_VALREG(n, cause, label, a5)

#define LOAD_MIS(n, inst, off) \
test_ ## n: \
    li TESTNUM, n; \
    PREP; \
    addi a5, a1, off; \
mis_ ## n: \
    inst a4, off(a1); \
    addi a7, a7, 1; \
    EXPECT_TRAP(n, CAUSE_LOAD_MISALIGNED, mis_ ## n)

#define STORE_MIS(n, inst, off) \
test_ ## n: \
    li TESTNUM, n; \
    PREP; \
    addi a5, a1, off; \
mis_ ## n: \
    inst a2, off(a1); \
    addi a7, a7, 1; \
    EXPECT_TRAP(n, CAUSE_STORE_MISALIGNED, mis_ ## n); \
    li TESTNUM, (n) + 7; \
    lw a4, 0(a1); \
    TEST_ASSERT(a4, 0xa0b0c0d0); \
    li TESTNUM, (n) + 8; \
    lw a4, 4(a1); \
    TEST_ASSERT(a4, 0xe0f00010)

TEST_START
    TRAP_RECORD_INSTALL

    /* ---- misaligned loads ---- */
    LOAD_MIS(10, lh, 1)
    LOAD_MIS(20, lh, 3)
    LOAD_MIS(30, lhu, 1)
    LOAD_MIS(40, lhu, 5)
    LOAD_MIS(50, lw, 1)
    LOAD_MIS(60, lw, 2)
    LOAD_MIS(70, lw, 3)
    LOAD_MIS(80, lw, 6)

    /* misaligned through the base register, offset 0 */
test_90:
    li TESTNUM, 90
    PREP
    addi a1, a1, 2
    mv a5, a1
mis_90:
    lw a4, 0(a1)
    addi a7, a7, 1
    EXPECT_TRAP(90, CAUSE_LOAD_MISALIGNED, mis_90)

    /* rd == rs1: the base register must survive */
test_100:
    li TESTNUM, 100
    PREP
    addi a4, a1, 1
    mv a5, a4
    mv a6, a4
mis_100:
    lh a4, 0(a4)
    addi a7, a7, 1
    li TESTNUM, 104
    TEST_ASSERT_REG(a4, a6)
    li a4, 0x5a5a5a5a
    EXPECT_TRAP(100, CAUSE_LOAD_MISALIGNED, mis_100)

    /* ---- misaligned stores: memory unchanged ---- */
    STORE_MIS(110, sh, 1)
    STORE_MIS(120, sh, 3)
    STORE_MIS(130, sh, 7)
    STORE_MIS(140, sw, 1)
    STORE_MIS(150, sw, 2)
    STORE_MIS(160, sw, 3)
    STORE_MIS(170, sw, 5)

    /* ---- aligned enough: no trap ---- */
test_200:
    li TESTNUM, 200
    PREP
    lb a3, 1(a1)
    lbu a3, 3(a1)
    lh a3, 2(a1)
    lhu a3, 6(a1)
    sb a2, 9(a1)
    sb a2, 11(a1)
    sh a2, 10(a1)
    TEST_NO_TRAP(201)
    li TESTNUM, 202
    lw a4, 8(a1)
    TEST_ASSERT(a4, 0x33444400)

    /* ---- jalr to x + 2 ---- */
test_300:
    li TESTNUM, 300
    PREP
    la a3, jump_pad
    addi a3, a3, 2
    mv a5, a3
mis_300:
    jalr a4, 0(a3)
    addi a7, a7, 1
    EXPECT_TRAP(300, CAUSE_INSN_MISALIGNED, mis_300)

    /* through the immediate */
test_310:
    li TESTNUM, 310
    PREP
    la a3, jump_pad
    addi a5, a3, 6
mis_310:
    jalr a4, 6(a3)
    addi a7, a7, 1
    EXPECT_TRAP(310, CAUSE_INSN_MISALIGNED, mis_310)

    /* odd target: bit 0 is cleared first, bit 1 still set -> misaligned */
test_320:
    li TESTNUM, 320
    PREP
    la a3, jump_pad
    addi a5, a3, 2
mis_320:
    jalr a4, 3(a3)
    addi a7, a7, 1
    EXPECT_TRAP(320, CAUSE_INSN_MISALIGNED, mis_320)

    /* rd == rs1: the base register must survive */
test_330:
    li TESTNUM, 330
    PREP
    la a4, jump_pad
    addi a4, a4, 2
    mv a5, a4
    mv a6, a4
mis_330:
    jalr a4, 0(a4)
    addi a7, a7, 1
    li TESTNUM, 334
    TEST_ASSERT_REG(a4, a6)
    li a4, 0x5a5a5a5a
    EXPECT_TRAP(330, CAUSE_INSN_MISALIGNED, mis_330)

    /* ---- jal with an offset of +6 and -2 ---- */
test_340:
    li TESTNUM, 340
    PREP
    la a5, mis_340 + 6
mis_340:
    .word ENC_J(6, A4)          /* jal a4, .+6 */
    addi a7, a7, 1
    EXPECT_TRAP(340, CAUSE_INSN_MISALIGNED, mis_340)

test_350:
    li TESTNUM, 350
    PREP
    la a5, mis_350 - 2
mis_350:
    .word ENC_J(-2, A4)         /* jal a4, .-2 */
    addi a7, a7, 1
    EXPECT_TRAP(350, CAUSE_INSN_MISALIGNED, mis_350)

    /* ---- taken branches with a +6 / -2 / +2046 offset ---- */
test_360:
    li TESTNUM, 360
    PREP
    mv a3, a1
    la a5, mis_360 + 6
mis_360:
    .word ENC_B(6, 13, A1, 0)   /* beq a1, a3, .+6 (taken) */
    addi a7, a7, 1
    EXPECT_TRAP(360, CAUSE_INSN_MISALIGNED, mis_360)

test_370:
    li TESTNUM, 370
    PREP
    la a5, mis_370 - 2
mis_370:
    .word ENC_B(-2, A2, A1, 1)  /* bne a1, a2, .-2 (taken) */
    addi a7, a7, 1
    EXPECT_TRAP(370, CAUSE_INSN_MISALIGNED, mis_370)

test_380:
    li TESTNUM, 380
    PREP
    la a5, mis_380 + 2046
mis_380:
    .word ENC_B(2046, A1, 0, 6) /* bltu x0, a1, .+2046 (taken) */
    addi a7, a7, 1
    EXPECT_TRAP(380, CAUSE_INSN_MISALIGNED, mis_380)

    /* ---- not taken: a misaligned target is irrelevant ---- */
test_390:
    li TESTNUM, 390
    PREP
    .word ENC_B(6, A2, A1, 0)   /* beq a1, a2, .+6 (not taken) */
    .word ENC_B(-2, A1, A1, 1)  /* bne a1, a1, .-2 (not taken) */
    .word ENC_B(2, A1, A2, 4)   /* blt a2, a1, .+2 (0x11223344 > &ms_data: not taken) */
    TEST_NO_TRAP(391)

    TRAP_DEFAULT_INSTALL
    TEST_END

    /* never reached by a correct core: the misaligned targets point in here */
jump_pad:
    j fail
    j fail
    j fail
    j fail

TEST_DATA_BEGIN
ms_data:
    .word 0xa0b0c0d0
    .word 0xe0f00010
    .word 0x00000000
