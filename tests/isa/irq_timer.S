/*
 * irq_timer: the machine timer (TIMER block: mtime, mtimecmp) and its
 * interrupt (mip.MTIP, mcause 0x80000007).
 *  - mtime counts up, its 64-bit carry from low to high, the time/timeh CSRs
 *    shadow it;
 *  - MTIP is pending exactly while mtime >= mtimecmp (not early: mtime read
 *    in the handler is >= mtimecmp); gated by mie.MTIE and mstatus.MIE,
 *    taken right after the enabling CSR write;
 *  - an interrupt during a running loop: taken once, loop results intact;
 *  - rewriting mtimecmp (the handler sets MTIMECMP_HI to all ones) clears it.
 */
#include "isa_test.h"

/* mtimecmp = {hi, lo} without a spurious intermediate match (hi first to all
 * ones, then lo, then hi). Clobbers t6 and tmp. */
#define SET_MTIMECMP(hireg, loreg, tmp) \
    li t6, TIMER_BASE; \
    li tmp, -1; \
    sw tmp, TIMER_MTIMECMP_HI(t6); \
    sw loreg, TIMER_MTIMECMP_LO(t6); \
    sw hireg, TIMER_MTIMECMP_HI(t6)

/* mtimecmp = mtime + delta (mtime assumed < 2^32 - delta: tested below).
 * Leaves the deadline in cmpreg. */
#define ARM_TIMER(delta, cmpreg, tmp) \
    li t6, TIMER_BASE; \
    lw cmpreg, TIMER_MTIME_LO(t6); \
    addi cmpreg, cmpreg, delta; \
    SET_MTIMECMP(x0, cmpreg, tmp)

TEST_START
    IRQ_RECORD_INSTALL

    /* ---- mtime counts ---- */
test_1:
    li TESTNUM, 1
    li a1, TIMER_BASE
    lw a2, TIMER_MTIME_LO(a1)
    nop
    nop
    lw a3, TIMER_MTIME_LO(a1)
    sub a4, a3, a2
    beqz a4, fail
    li a5, 100
    bgeu a4, a5, fail           /* and not absurdly fast */
    /* mtime starts near 0 after reset */
    TEST_CASE(2, a4, 0, li a1, TIMER_BASE; lw a4, TIMER_MTIME_HI(a1))
    /* the time CSR follows mtime */
test_3:
    li TESTNUM, 3
    li a1, TIMER_BASE
    lw a2, TIMER_MTIME_LO(a1)
    csrr a3, CSR_TIME
    sub a4, a3, a2
    bltz a4, fail
    li a5, 20
    bgeu a4, a5, fail

    /* ---- write mtime; 64-bit carry; timeh ---- */
test_10:
    li TESTNUM, 10
    li a1, TIMER_BASE
    li a2, 7
    sw a2, TIMER_MTIME_HI(a1)
    li a2, -40                  /* 40 cycles before the low word wraps */
    sw a2, TIMER_MTIME_LO(a1)
    li a3, 30
1:  addi a3, a3, -1
    bnez a3, 1b
    lw a4, TIMER_MTIME_HI(a1)
    TEST_ASSERT(a4, 8)          /* carried */
    li TESTNUM, 11
    csrr a4, CSR_TIMEH
    TEST_ASSERT(a4, 8)
    li TESTNUM, 12
    lw a4, TIMER_MTIME_LO(a1)
    li a5, 200
    bgeu a4, a5, fail           /* low word wrapped to a small value */
    /* back to a small mtime for the rest */
    sw x0, TIMER_MTIME_LO(a1)
    sw x0, TIMER_MTIME_HI(a1)
    TEST_CASE(13, a4, 0, csrr a4, CSR_TIMEH)

    /* ---- mtimecmp reads back; nothing pending while mtime < mtimecmp ---- */
test_20:
    li TESTNUM, 20
    li a1, TIMER_BASE
    li a2, 0x12345678
    sw a2, TIMER_MTIMECMP_LO(a1)
    lw a4, TIMER_MTIMECMP_LO(a1)
    TEST_ASSERT(a4, 0x12345678)
    li TESTNUM, 21
    lw a4, TIMER_MTIMECMP_HI(a1)
    TEST_ASSERT(a4, 0xffffffff)
    li TESTNUM, 22
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)

    /* ---- pending at the deadline, not before; gated by MTIE / MIE ---- */
test_30:
    li TESTNUM, 30
    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    ARM_TIMER(400, s0, a1)
    csrr a4, CSR_MIP            /* not yet */
    TEST_ASSERT(a4, 0)
    li TESTNUM, 31
    WAIT_FOR_MIP(MIP_MTIP, 2000)
    li a1, TIMER_BASE
    lw a4, TIMER_MTIME_LO(a1)
    bltu a4, s0, fail           /* pending, so mtime >= mtimecmp */
    li TESTNUM, 32
    sub a4, a4, s0
    li a5, 100
    bgeu a4, a5, fail           /* and it became pending close to the deadline */
    TEST_NO_TRAP(33)
    /* MIE set, MTIE clear: still nothing */
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    nop
    TEST_NO_TRAP(34)
    /* MTIE set: taken right after the write */
test_35:
    li TESTNUM, 35
    li a7, 0
    li a1, MIE_MTIE
    csrs CSR_MIE, a1
irq35_next:
    addi a7, a7, 1
    TEST_CHECK(36, TRAP_COUNT, 1)
    TEST_CHECK(37, TRAP_CAUSE, CAUSE_IRQ_TIMER)
    TEST_CHECK(38, TRAP_VAL, 0)
    TEST_CHECK_ADDR(39, TRAP_EPC, irq35_next)
    TEST_CHECK(40, TRAP_WITNESS, 0)
    TEST_CHECK(41, a7, 1)
    TEST_CHECK(42, TRAP_STATUS, MSTATUS_MPP | MSTATUS_MPIE)
    /* the handler moved mtimecmp away: not pending any more */
    li TESTNUM, 43
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)
    TRAP_CLEAR

    /* ---- interrupt while a loop runs ---- */
test_50:
    li TESTNUM, 50
    li a1, MIE_MTIE
    csrw CSR_MIE, a1
    csrsi CSR_MSTATUS, MSTATUS_MIE
    li a4, 0
    li a5, 0
    li a6, 200
    ARM_TIMER(300, s0, a1)
1:  add a4, a4, a6              /* sum 1..200 = 20100 */
    mul a2, a6, a6
    add a5, a5, a2              /* sum of squares = 2686700 */
    addi a6, a6, -1
    bnez a6, 1b
    TEST_CHECK(51, TRAP_COUNT, 1)
    TEST_CHECK(52, TRAP_CAUSE, CAUSE_IRQ_TIMER)
    TEST_CHECK(53, a4, 20100)
    TEST_CHECK(54, a5, 2686700)
    /* not early: mtime at handler entry >= mtimecmp */
    li TESTNUM, 55
    lw a1, vionic_irq_mtime
    bltu a1, s0, fail
    TRAP_CLEAR

    /* ---- mtimecmp in the past: pending at once ---- */
test_60:
    li TESTNUM, 60
    li a7, 0
    li a1, 1
    SET_MTIMECMP(x0, a1, a2)    /* mtimecmp = 1 <= mtime */
    nop                         /* (taken within a few instructions) */
    nop
    nop
    nop
    addi a7, a7, 1
    TEST_CHECK(61, TRAP_COUNT, 1)
    TEST_CHECK(62, TRAP_CAUSE, CAUSE_IRQ_TIMER)
    TEST_CHECK(63, a7, 1)
    TRAP_CLEAR

    /* ---- the high word matters: mtimecmp = {1, 0} is far away ---- */
test_70:
    li TESTNUM, 70
    li a1, 1
    SET_MTIMECMP(a1, x0, a2)
    li a3, 50
1:  addi a3, a3, -1
    bnez a3, 1b
    TEST_NO_TRAP(71)
    li TESTNUM, 72
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)
    /* ... until mtime's high word reaches it */
test_73:
    li TESTNUM, 73
    li a1, TIMER_BASE
    li a2, -100
    sw a2, TIMER_MTIME_LO(a1)   /* mtime = {0, 2^32 - 100} */
    li a3, 200
1:  addi a3, a3, -1
    bnez a3, 1b
    TEST_CHECK(74, TRAP_COUNT, 1)
    TEST_CHECK(75, TRAP_CAUSE, CAUSE_IRQ_TIMER)
    TRAP_CLEAR
    li a1, TIMER_BASE
    sw x0, TIMER_MTIME_LO(a1)
    sw x0, TIMER_MTIME_HI(a1)

    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END
