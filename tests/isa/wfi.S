/*
 * wfi: wait for interrupt (docs/cpu.md: stalls until an interrupt is pending
 * and enabled in mie, whatever mstatus.MIE says).
 *  - MIE = 0, mie.MEIE = 1, IRQ_DELAY: wfi resumes when the line rises, no
 *    trap, after roughly the delay (mcycle), with mip.MEIP set;
 *  - MIE = 1: the interrupt is taken with mepc = wfi's pc + 4;
 *  - already pending and enabled: wfi does not wait;
 *  - a pending interrupt that mie does not enable does not end the wait: the
 *    enabled timer does.
 */
#include "isa_test.h"

#define DELAY 300

TEST_START
    IRQ_RECORD_INSTALL
    csrw CSR_MSTATUS, x0

    /* ---- MIE = 0: resume without a trap ---- */
test_1:
    li TESTNUM, 1
    li a1, MIE_MEIE
    csrw CSR_MIE, a1
    li a2, DELAY
    csrr s0, CSR_MCYCLE
    IRQ_DELAY_SET(a2)
    wfi
    csrr s1, CSR_MCYCLE
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, MIP_MEIP)   /* resumed because the line is up */
    TEST_NO_TRAP(2)
    li TESTNUM, 3
    sub a4, s1, s0
    li a5, DELAY - 20
    bltu a4, a5, fail           /* it really waited */
    li a5, DELAY + 200
    bgeu a4, a5, fail           /* and woke up promptly */
    IRQ_CLEAR
    nop
    nop
    TEST_CASE(4, a4, 0, csrr a4, CSR_MIP)

    /* ---- MIE = 1: trap taken, mepc = wfi + 4 ---- */
test_10:
    li TESTNUM, 10
    li a2, DELAY
    csrr s0, CSR_MCYCLE
    IRQ_DELAY_SET(a2)
    csrsi CSR_MSTATUS, MSTATUS_MIE
wfi_10:
    wfi
    csrr s1, CSR_MCYCLE
    csrci CSR_MSTATUS, MSTATUS_MIE
    TEST_CHECK(11, TRAP_COUNT, 1)
    TEST_CHECK(12, TRAP_CAUSE, CAUSE_IRQ_EXTERNAL)
    TEST_CHECK_ADDR(13, TRAP_EPC, wfi_10 + 4)
    li TESTNUM, 14
    sub a4, s1, s0
    li a5, DELAY - 20
    bltu a4, a5, fail
    TRAP_CLEAR

    /* ---- already pending and enabled (MIE = 0): no wait ---- */
test_20:
    li TESTNUM, 20
    IRQ_RAISE(a1)
    li s2, 100
1:  csrr a4, CSR_MIP            /* until it shows in mip */
    bnez a4, 2f
    addi s2, s2, -1
    bnez s2, 1b
    j fail
2:  csrr s0, CSR_MCYCLE
    wfi
    csrr s1, CSR_MCYCLE
    sub a4, s1, s0
    li a5, 30
    bgeu a4, a5, fail
    TEST_NO_TRAP(21)
    IRQ_CLEAR

    /* ---- pending but not enabled in mie: keeps waiting for the timer ---- */
test_30:
    li TESTNUM, 30
    MMIO_WRITEI(TIMER_BASE, TIMER_MSIP, 1, a1)   /* MSIP pending, MSIE = 0 */
    li a1, MIE_MTIE
    csrw CSR_MIE, a1
    li t6, TIMER_BASE
    lw s0, TIMER_MTIME_LO(t6)
    addi s3, s0, DELAY          /* deadline */
    li a1, -1
    sw a1, TIMER_MTIMECMP_HI(t6)
    sw s3, TIMER_MTIMECMP_LO(t6)
    sw x0, TIMER_MTIMECMP_HI(t6)
    wfi
    li t6, TIMER_BASE
    lw s1, TIMER_MTIME_LO(t6)
    bltu s1, s3, fail           /* woke up no earlier than the deadline */
    li TESTNUM, 31
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, MIP_MSIP | MIP_MTIP)
    TEST_NO_TRAP(32)
    /* the interrupt with MIE = 1 after all: timer only (MSIE still 0) */
    IRQ_LOG_CLEAR
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    csrci CSR_MSTATUS, MSTATUS_MIE
    TEST_LOG_COUNT(33, 1)
    TEST_LOG_ENTRY(34, 0, CAUSE_IRQ_TIMER)
    MMIO_WRITE(TIMER_BASE, TIMER_MSIP, x0)
    TRAP_CLEAR

    /* ---- wfi in a loop, woken by the timer each time (MIE = 1) ---- */
test_40:
    li TESTNUM, 40
    IRQ_LOG_CLEAR
    li a1, MIE_MTIE
    csrw CSR_MIE, a1
    csrsi CSR_MSTATUS, MSTATUS_MIE
    li s4, 3
1:  li t6, TIMER_BASE
    lw a2, TIMER_MTIME_LO(t6)
    addi a2, a2, 100
    li a1, -1
    sw a1, TIMER_MTIMECMP_HI(t6)
    sw a2, TIMER_MTIMECMP_LO(t6)
    sw x0, TIMER_MTIMECMP_HI(t6)
    wfi
    addi s4, s4, -1
    bnez s4, 1b
    csrci CSR_MSTATUS, MSTATUS_MIE
    TEST_LOG_COUNT(41, 3)
    TEST_CHECK(42, TRAP_COUNT, 3)

    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END
