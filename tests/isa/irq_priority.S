/*
 * irq_priority: several interrupts pending at once are taken in the order
 * external > software > timer (RISC-V Privileged 1.12, 3.1.9; docs/cpu.md),
 * one per trap, each at the same mepc, and only those enabled in mie.
 */
#include "isa_test.h"

/* Raise the lines selected by the flags (MIE=0 meanwhile). */
#define RAISE_EXTERNAL  IRQ_RAISE(a2)
#define RAISE_SOFTWARE  MMIO_WRITEI(TIMER_BASE, TIMER_MSIP, 1, a2)
#define RAISE_TIMER \
    li t6, TIMER_BASE; \
    sw x0, TIMER_MTIMECMP_LO(t6); \
    sw x0, TIMER_MTIMECMP_HI(t6)        /* mtimecmp = 0 <= mtime */

TEST_START
    IRQ_RECORD_INSTALL
    csrw CSR_MSTATUS, x0

    /* ---- all three ---- */
test_1:
    li TESTNUM, 1
    RAISE_TIMER
    RAISE_SOFTWARE
    RAISE_EXTERNAL
    WAIT_FOR_MIP(MIP_MEIP | MIP_MSIP | MIP_MTIP, 200)
    li a1, MIE_MEIE | MIE_MSIE | MIE_MTIE
    csrw CSR_MIE, a1
    TEST_NO_TRAP(2)
    IRQ_LOG_CLEAR
    csrsi CSR_MSTATUS, MSTATUS_MIE
prio_1_next:
    nop
    TEST_LOG_COUNT(3, 3)
    TEST_LOG_ENTRY(4, 0, CAUSE_IRQ_EXTERNAL)
    TEST_LOG_ENTRY(5, 1, CAUSE_IRQ_SOFTWARE)
    TEST_LOG_ENTRY(6, 2, CAUSE_IRQ_TIMER)
    TEST_CHECK_ADDR(7, TRAP_EPC, prio_1_next)   /* the last one, same place */
    TEST_CHECK(8, TRAP_COUNT, 3)
    li TESTNUM, 9
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)
    TRAP_CLEAR
    csrw CSR_MSTATUS, x0

    /* ---- software and timer ---- */
test_10:
    li TESTNUM, 10
    RAISE_TIMER
    RAISE_SOFTWARE
    WAIT_FOR_MIP(MIP_MSIP | MIP_MTIP, 200)
    IRQ_LOG_CLEAR
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    TEST_LOG_COUNT(11, 2)
    TEST_LOG_ENTRY(12, 0, CAUSE_IRQ_SOFTWARE)
    TEST_LOG_ENTRY(13, 1, CAUSE_IRQ_TIMER)
    TRAP_CLEAR
    csrw CSR_MSTATUS, x0

    /* ---- external and timer ---- */
test_20:
    li TESTNUM, 20
    RAISE_TIMER
    RAISE_EXTERNAL
    WAIT_FOR_MIP(MIP_MEIP | MIP_MTIP, 200)
    IRQ_LOG_CLEAR
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    TEST_LOG_COUNT(21, 2)
    TEST_LOG_ENTRY(22, 0, CAUSE_IRQ_EXTERNAL)
    TEST_LOG_ENTRY(23, 1, CAUSE_IRQ_TIMER)
    TRAP_CLEAR
    csrw CSR_MSTATUS, x0

    /* ---- only what mie enables: timer only, the others stay pending ---- */
test_30:
    li TESTNUM, 30
    RAISE_TIMER
    RAISE_SOFTWARE
    RAISE_EXTERNAL
    WAIT_FOR_MIP(MIP_MEIP | MIP_MSIP | MIP_MTIP, 200)
    li a1, MIE_MTIE
    csrw CSR_MIE, a1
    IRQ_LOG_CLEAR
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    nop
    TEST_LOG_COUNT(31, 1)
    TEST_LOG_ENTRY(32, 0, CAUSE_IRQ_TIMER)
    li TESTNUM, 33
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, MIP_MEIP | MIP_MSIP)
    /* then software only */
    li TESTNUM, 34
    li a1, MIE_MSIE
    csrw CSR_MIE, a1
    nop
    TEST_LOG_COUNT(35, 2)
    TEST_LOG_ENTRY(36, 1, CAUSE_IRQ_SOFTWARE)
    /* then external */
    li a1, MIE_MEIE
    csrw CSR_MIE, a1
    nop
    TEST_LOG_COUNT(37, 3)
    TEST_LOG_ENTRY(38, 2, CAUSE_IRQ_EXTERNAL)
    li TESTNUM, 39
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)
    TRAP_CLEAR

    /* ---- an exception and a pending-but-disabled interrupt: the exception
     *      is taken, the interrupt waits ---- */
test_40:
    li TESTNUM, 40
    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    RAISE_EXTERNAL
    WAIT_FOR_MIP(MIP_MEIP, 200)
    IRQ_LOG_CLEAR
    li a1, MIE_MEIE
    csrw CSR_MIE, a1
    ecall                       /* MIE = 0: only the ecall traps */
    TEST_LOG_COUNT(41, 1)
    TEST_LOG_ENTRY(42, 0, CAUSE_ECALL_M)
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    TEST_LOG_COUNT(43, 2)
    TEST_LOG_ENTRY(44, 1, CAUSE_IRQ_EXTERNAL)
    TRAP_CLEAR

    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END
