/*
 * trap_ecall_ebreak: ecall (mcause 11) and ebreak (mcause 3), mepc = the
 * instruction's pc, mtval = 0; mret to mepc + 4 when the handler advances it.
 * mstatus through trap and mret (MIE -> MPIE, MIE cleared, MPP = 3; mret:
 * MIE <- MPIE, MPIE <- 1), mret as a plain jump to mepc, mtvec switched to
 * another handler, the instructions before the trap completing (load, store,
 * multiply, divide right before ecall) and those in a branch shadow not
 * trapping.
 */
#include "isa_test.h"

TEST_START
    TRAP_RECORD_INSTALL

    /* ---- ecall ---- */
test_10:
    li TESTNUM, 10
    li a4, 0x5a5a5a5a
    li a7, 0
ecall_10:
    ecall
    addi a7, a7, 1
    li TESTNUM, 14
    TEST_ASSERT(a4, 0x5a5a5a5a)
    li TESTNUM, 15
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 16
    TEST_ASSERT(a7, 1)
    TEST_TRAP(10, CAUSE_ECALL_M, ecall_10, 0)

    /* ---- ebreak ---- */
test_20:
    li TESTNUM, 20
    li a7, 0
ebreak_20:
    ebreak
    addi a7, a7, 1
    li TESTNUM, 25
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 26
    TEST_ASSERT(a7, 1)
    TEST_TRAP(20, CAUSE_BREAKPOINT, ebreak_20, 0)

    /* mtval is written (to 0) by the trap, not left over */
test_30:
    li TESTNUM, 30
    li a1, 0x12345678
    csrw CSR_MTVAL, a1
ecall_30:
    ecall
    TEST_TRAP(30, CAUSE_ECALL_M, ecall_30, 0)

    /* ---- mstatus through a trap, MIE = 0 before ---- */
test_40:
    li TESTNUM, 40
    csrw CSR_MSTATUS, x0
ecall_40:
    ecall
    li TESTNUM, 44
    TEST_ASSERT(TRAP_STATUS, MSTATUS_MPP)                  /* in the handler */
    li TESTNUM, 45
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE)            /* after mret */
    TEST_TRAP(40, CAUSE_ECALL_M, ecall_40, 0)

    /* ---- MIE = 1 before (mie = 0: no interrupt can be taken) ---- */
test_50:
    li TESTNUM, 50
    csrw CSR_MIE, x0
    csrw CSR_MSTATUS, MSTATUS_MIE
ebreak_50:
    ebreak
    li TESTNUM, 54
    TEST_ASSERT(TRAP_STATUS, MSTATUS_MPP | MSTATUS_MPIE)   /* MIE saved, cleared */
    li TESTNUM, 55
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
    TEST_TRAP(50, CAUSE_BREAKPOINT, ebreak_50, 0)
    csrw CSR_MSTATUS, x0

    /* ---- mret without a trap: a jump to mepc, MIE <- MPIE, MPIE <- 1 ---- */
test_60:
    li TESTNUM, 60
    la a1, 1f
    csrw CSR_MEPC, a1
    li a1, MSTATUS_MPIE
    csrw CSR_MSTATUS, a1
    mret
    j fail
    j fail
1:  csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
test_61:
    li TESTNUM, 61
    la a1, 2f
    csrw CSR_MEPC, a1
    csrw CSR_MSTATUS, MSTATUS_MIE  /* MPIE = 0 */
    mret
    j fail
2:  csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE)
    li TESTNUM, 62
    TEST_ASSERT(TRAP_COUNT, 0)
    csrw CSR_MSTATUS, x0
    /* mret uses the mepc written right before it */
test_63:
    li TESTNUM, 63
    la a1, 4f
    la a2, 3f
    csrw CSR_MEPC, a1
    csrw CSR_MEPC, a2
    mret
4:  j fail
3:  nop

    /* ---- the handler is at mtvec: switch to another one ---- */
test_70:
    li TESTNUM, 70
    la a1, other_handler
    csrw CSR_MTVEC, a1
    li a6, 0
ecall_70:
    ecall
    TEST_ASSERT(a6, 0x0e)       /* set by other_handler */
    li TESTNUM, 71
    TEST_ASSERT(TRAP_COUNT, 0)  /* not by the recording one */
    TRAP_RECORD_INSTALL

    /* ---- instructions before the trap complete ---- */
test_80:
    li TESTNUM, 80
    la a1, ee_data
    li a2, 0x77
    li a3, 6
    li a4, 7
    lw a5, 0(a1)                /* load, immediately followed by ecall */
ecall_80:
    ecall
    TEST_ASSERT(a5, 0x13579bdf)
    TEST_TRAP(81, CAUSE_ECALL_M, ecall_80, 0)
test_90:
    li TESTNUM, 90
    sw a2, 4(a1)                /* store, then ecall */
    ebreak
    lw a5, 4(a1)
    TEST_ASSERT(a5, 0x77)
test_91:
    li TESTNUM, 91
    mul a5, a3, a4              /* multiply, then ecall */
    ecall
    TEST_ASSERT(a5, 42)
test_92:
    li TESTNUM, 92
    li a5, 100
    divu a5, a5, a4             /* divide, then ecall */
    ecall
    TEST_ASSERT(a5, 14)
test_93:
    li TESTNUM, 93
    li a1, MIE_MTIE             /* nothing pending, MIE = 0: harmless */
    csrw CSR_MIE, a1            /* CSR write, then ecall */
    ecall
    csrr a5, CSR_MIE
    TEST_ASSERT(a5, MIE_MTIE)
    csrw CSR_MIE, x0
    li TESTNUM, 94
    TEST_ASSERT(TRAP_COUNT, 4)
    TRAP_CLEAR

    /* ---- ecall/ebreak in a branch shadow: no trap ---- */
test_100:
    li TESTNUM, 100
    j 1f
    ecall
    ebreak
1:  li a1, 1
    bnez a1, 2f
    ecall
2:  TEST_NO_TRAP(101)

    /* ---- back to back traps ---- */
test_110:
    li TESTNUM, 110
    ecall
ebreak_111:
    ebreak
    TEST_ASSERT(TRAP_COUNT, 2)
    li TESTNUM, 111
    TEST_ASSERT(TRAP_CAUSE, CAUSE_BREAKPOINT)
    li TESTNUM, 112
    TEST_ASSERT_ADDR(TRAP_EPC, ebreak_111)
    TRAP_CLEAR

    TRAP_DEFAULT_INSTALL
    TEST_END

/* A second handler: checks it was entered for the ecall at ecall_70 */
    .balign 4
other_handler:
    csrr t0, CSR_MCAUSE
    li t1, CAUSE_ECALL_M
    bne t0, t1, fail
    csrr t0, CSR_MEPC
    la t1, ecall_70
    bne t0, t1, fail
    li a6, 0x0e
    addi t0, t0, 4
    csrw CSR_MEPC, t0
    mret

TEST_DATA_BEGIN
ee_data:
    .word 0x13579bdf
    .word 0
