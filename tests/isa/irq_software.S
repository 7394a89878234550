/*
 * irq_software: the machine software interrupt (TIMER.MSIP -> mip.MSIP,
 * mcause 0x80000003). MSIP reads back; pending but gated by mie.MSIE and
 * mstatus.MIE; taken right after the enabling write (mepc = next
 * instruction); raised with everything enabled it is taken within a few
 * instructions of the store; cleared by writing MSIP = 0.
 */
#include "isa_test.h"

TEST_START
    IRQ_RECORD_INSTALL

    /* ---- MSIP register and mip.MSIP ---- */
    TEST_CASE(1, a4, 0, li a1, TIMER_BASE; lw a4, TIMER_MSIP(a1))
test_2:
    li TESTNUM, 2
    li a1, TIMER_BASE
    li a2, 1
    sw a2, TIMER_MSIP(a1)
    lw a4, TIMER_MSIP(a1)
    TEST_ASSERT(a4, 1)
    li TESTNUM, 3
    WAIT_FOR_MIP(MIP_MSIP, 200)
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, MIP_MSIP)
    TEST_NO_TRAP(4)
    /* cleared by writing 0 */
test_5:
    li TESTNUM, 5
    sw x0, TIMER_MSIP(a1)
    nop
    nop
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)

    /* ---- gating ---- */
test_10:
    li TESTNUM, 10
    li a2, 1
    sw a2, TIMER_MSIP(a1)
    WAIT_FOR_MIP(MIP_MSIP, 200)
    li a2, MIE_MEIE | MIE_MTIE
    csrw CSR_MIE, a2
    csrsi CSR_MSTATUS, MSTATUS_MIE      /* MIE on, MSIE off */
    nop
    nop
    TEST_NO_TRAP(11)
    csrci CSR_MSTATUS, MSTATUS_MIE
    li a2, MIE_MSIE
    csrw CSR_MIE, a2                    /* MSIE on, MIE off */
    nop
    nop
    TEST_NO_TRAP(12)
test_13:
    li TESTNUM, 13
    li a7, 0
    csrsi CSR_MSTATUS, MSTATUS_MIE      /* both: taken now */
irq13_next:
    addi a7, a7, 1
    TEST_CHECK(14, TRAP_COUNT, 1)
    TEST_CHECK(15, TRAP_CAUSE, CAUSE_IRQ_SOFTWARE)
    TEST_CHECK(16, TRAP_VAL, 0)
    TEST_CHECK_ADDR(17, TRAP_EPC, irq13_next)
    TEST_CHECK(18, TRAP_WITNESS, 0)
    TEST_CHECK(19, a7, 1)
    TEST_CHECK(20, TRAP_STATUS, MSTATUS_MPP | MSTATUS_MPIE)
    li TESTNUM, 21
    lw a4, TIMER_MSIP(a1)       /* the handler cleared it */
    TEST_ASSERT(a4, 0)
    li TESTNUM, 22
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
    TRAP_CLEAR

    /* ---- raised while enabled: taken within a few instructions ---- */
test_30:
    li TESTNUM, 30
    li a2, 1
    sw a2, TIMER_MSIP(a1)
irq30_after:
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
irq30_end:
    TEST_CHECK(31, TRAP_COUNT, 1)
    TEST_CHECK(32, TRAP_CAUSE, CAUSE_IRQ_SOFTWARE)
    li TESTNUM, 33
    la a2, irq30_after
    bltu TRAP_EPC, a2, fail
    la a2, irq30_end
    bgtu TRAP_EPC, a2, fail
    TRAP_CLEAR

    /* ---- a software interrupt while dividing ---- */
test_40:
    li TESTNUM, 40
    li a3, 1
    li a4, 0x7fffffff
    li a5, 3
    sw a3, TIMER_MSIP(a1)
    divu a6, a4, a5             /* 0x2aaaaaaa */
    remu a7, a4, a5             /* 1 */
    nop
    TEST_CHECK(41, TRAP_COUNT, 1)
    TEST_CHECK(42, TRAP_CAUSE, CAUSE_IRQ_SOFTWARE)
    TEST_CHECK(43, a6, 0x2aaaaaaa)
    TEST_CHECK(44, a7, 1)
    TRAP_CLEAR

    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END
