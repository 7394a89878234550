/*
 * irq_external: the machine external interrupt (SIMCTRL.IRQ line).
 *  - taken with mcause 0x8000000b, mtval 0, MIE -> MPIE, MIE cleared;
 *    mret restores MIE; the handler lowers the line by writing IRQ = 0;
 *  - gating: pending with mstatus.MIE = 0 or mie.MEIE = 0 -> no trap, mip.MEIP
 *    shows it; setting the missing enable takes it right after that CSR write
 *    (mepc = the next instruction); an mret that re-enables MIE takes it before
 *    the instruction at mepc;
 *  - IRQ_DELAY sweeps: the line rises after N = 1, 2, 3, ... cycles, landing
 *    on every cycle of a divide/multiply sequence, a load/store sequence
 *    (TCM and peripheral), a branch/jump loop, and a sequence of synchronous
 *    exceptions; each time the interrupted code must complete with the right
 *    results, exactly one interrupt and each exception exactly once.
 */
#include "isa_test.h"

/* Spin until TRAP_COUNT != 0 (at most ~2000 iterations) else fail; then a
 * little longer, so that a second (spurious) interrupt would be counted. */
#define WAIT_FOR_IRQ \
    li s2, 2000; \
81: bnez TRAP_COUNT, 82f; \
    addi s2, s2, -1; \
    bnez s2, 81b; \
    j fail; \
82: li s2, 20; \
83: addi s2, s2, -1; \
    bnez s2, 83b

/* check: n = exactly one external interrupt, n+1 mcause, n+2 mtval 0 */
#define CHECK_ONE_IRQ(n) \
    li TESTNUM, n; \
    TEST_ASSERT(TRAP_COUNT, 1); \
    li TESTNUM, (n) + 1; \
    TEST_ASSERT(TRAP_CAUSE, CAUSE_IRQ_EXTERNAL); \
    li TESTNUM, (n) + 2; \
    TEST_ASSERT(TRAP_VAL, 0)

TEST_START
    IRQ_RECORD_INSTALL

    /* ---- basic: enabled, raised, taken ---- */
test_1:
    li TESTNUM, 1
    li a1, MIE_MEIE
    csrw CSR_MIE, a1
    csrsi CSR_MSTATUS, MSTATUS_MIE
    IRQ_RAISE(a1)
irq1_after:
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
irq1_end:
    WAIT_FOR_IRQ
    CHECK_ONE_IRQ(2)
    /* in the handler: MIE cleared, MPIE = old MIE (1), MPP = 3 */
    li TESTNUM, 5
    TEST_ASSERT(TRAP_STATUS, MSTATUS_MPP | MSTATUS_MPIE)
    /* after mret: MIE back on */
    li TESTNUM, 6
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
    /* taken soon after the store that raised the line */
    li TESTNUM, 7
    la a1, irq1_after
    bltu TRAP_EPC, a1, fail
    la a1, irq1_end
    bgtu TRAP_EPC, a1, fail
    /* the handler lowered the line */
    li TESTNUM, 8
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)
    li TESTNUM, 9
    MMIO_READ(a4, SIMCTRL_BASE, SIMCTRL_IRQ)
    TEST_ASSERT(a4, 0)
    TRAP_CLEAR

    /* ---- gating by mstatus.MIE ---- */
test_20:
    li TESTNUM, 20
    csrw CSR_MSTATUS, x0
    li a1, MIE_MEIE
    csrw CSR_MIE, a1
    IRQ_RAISE(a1)
    WAIT_FOR_MIP(MIP_MEIP, 200)      /* pending in mip ... */
    nop
    nop
    nop
    nop
    TEST_NO_TRAP(21)            /* ... but not taken */
    li TESTNUM, 22
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, MIP_MEIP)
    /* setting MIE takes it before the next instruction */
test_23:
    li TESTNUM, 23
    li a7, 0
    csrsi CSR_MSTATUS, MSTATUS_MIE
irq23_next:
    addi a7, a7, 1
    CHECK_ONE_IRQ(24)
    li TESTNUM, 27
    TEST_ASSERT_ADDR(TRAP_EPC, irq23_next)
    li TESTNUM, 28
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 29
    TEST_ASSERT(a7, 1)
    TRAP_CLEAR

    /* ---- gating by mie.MEIE ---- */
test_30:
    li TESTNUM, 30
    csrw CSR_MIE, x0
    csrsi CSR_MSTATUS, MSTATUS_MIE
    IRQ_RAISE(a1)
    WAIT_FOR_MIP(MIP_MEIP, 200)
    nop
    nop
    nop
    nop
    TEST_NO_TRAP(31)
    /* other enables do not help */
    li a1, MIE_MSIE | MIE_MTIE
    csrw CSR_MIE, a1
    nop
    nop
    TEST_NO_TRAP(32)
    /* setting MEIE takes it before the next instruction */
test_33:
    li TESTNUM, 33
    li a7, 0
    li a1, MIE_MEIE
    csrs CSR_MIE, a1
irq33_next:
    addi a7, a7, 1
    CHECK_ONE_IRQ(34)
    li TESTNUM, 37
    TEST_ASSERT_ADDR(TRAP_EPC, irq33_next)
    li TESTNUM, 38
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 39
    TEST_ASSERT(a7, 1)
    TRAP_CLEAR
    li a1, MIE_MEIE
    csrw CSR_MIE, a1

    /* ---- an mret that sets MIE (MPIE = 1) takes the pending interrupt
     *      before the instruction at mepc ---- */
test_40:
    li TESTNUM, 40
    csrw CSR_MSTATUS, x0
    IRQ_RAISE(a1)
    WAIT_FOR_MIP(MIP_MEIP, 200)
    TEST_NO_TRAP(41)
    li TESTNUM, 42
    la a1, irq40_target
    csrw CSR_MEPC, a1
    li a1, MSTATUS_MPIE
    csrw CSR_MSTATUS, a1
    li a7, 0
    mret
    j fail
irq40_target:
    addi a7, a7, 1
    CHECK_ONE_IRQ(43)
    li TESTNUM, 46
    TEST_ASSERT_ADDR(TRAP_EPC, irq40_target)
    li TESTNUM, 47
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 48
    TEST_ASSERT(a7, 1)
    TRAP_CLEAR

    /* ---- IRQ_DELAY counts down and raises the line; reads back 0 after ---- */
test_50:
    li TESTNUM, 50
    csrw CSR_MSTATUS, x0
    li a1, 40
    IRQ_DELAY_SET(a1)
    MMIO_READ(a4, SIMCTRL_BASE, SIMCTRL_IRQ_DELAY)
    beqz a4, fail               /* still counting */
    li a1, 40
    bgeu a4, a1, fail
    WAIT_FOR_MIP(MIP_MEIP, 200)
    li TESTNUM, 51
    MMIO_READ(a4, SIMCTRL_BASE, SIMCTRL_IRQ_DELAY)
    TEST_ASSERT(a4, 0)
    TEST_NO_TRAP(52)
    li TESTNUM, 53
    csrsi CSR_MSTATUS, MSTATUS_MIE
    nop
    TEST_ASSERT(TRAP_COUNT, 1)
    TRAP_CLEAR

    /* ---- sweep 1: the line rises on every cycle of a divide sequence ---- */
test_100:
    li TESTNUM, 100
    li s0, 1                    /* N: delay in cycles */
irq_div_loop:
    TRAP_CLEAR
    li a1, 1000003
    li a2, 7
    li a3, -13
    li t2, 0
    IRQ_DELAY_SET(s0)
    div a4, a1, a2              /* 142857 */
    rem a5, a1, a2              /* 4 */
    divu a6, a3, a2             /* 0xfffffff3 / 7 = 0x24924922 */
    rem a0, a3, a2              /* -6 */
    div t0, a4, a2              /* 20408 */
    mul t1, t0, a2              /* 142856 */
    add t2, t1, a5              /* 142860 */
    remu t3, a4, a2             /* 1 */
    div t4, a1, x0              /* -1 */
    mulh a7, a3, a1             /* -1 (high word of -13 * 1000003) */
    WAIT_FOR_IRQ
    CHECK_ONE_IRQ(101)
    TEST_CHECK(104, a4, 142857)
    TEST_CHECK(105, a5, 4)
    TEST_CHECK(106, a6, 0x24924922)
    TEST_CHECK(107, a0, 0xfffffffa)
    TEST_CHECK(108, t0, 20408)
    TEST_CHECK(109, t1, 142856)
    TEST_CHECK(110, t2, 142860)
    TEST_CHECK(111, t3, 1)
    TEST_CHECK(112, t4, 0xffffffff)
    TEST_CHECK(113, a7, 0xffffffff)
    addi s0, s0, 1
    li s1, 300
    bltu s0, s1, irq_div_loop

    /* ---- sweep 2: loads and stores, TCM and peripheral ---- */
test_200:
    li TESTNUM, 200
    li s0, 1
irq_ld_loop:
    TRAP_CLEAR
    la a1, irq_mem
    li a3, SIMCTRL_BASE
    sw x0, 12(a1)
    sw x0, SIMCTRL_SCRATCH(a3)
    IRQ_DELAY_SET(s0)
    lw a4, 0(a1)                /* 0x100 */
    lw a5, 4(a1)                /* 0x23 */
    add a6, a4, a5              /* 0x123: load-use */
    lw t0, 8(a1)                /* &irq_mem[4] */
    lw t1, 0(t0)                /* 0xabc: loaded address */
    sw a6, 12(a1)
    lw t2, 12(a1)               /* 0x123: store -> load */
    lw t3, SIMCTRL_ID(a3)       /* peripheral load */
    sw t1, SIMCTRL_SCRATCH(a3)  /* peripheral store */
    lw t4, SIMCTRL_SCRATCH(a3)  /* 0xabc */
    lb a0, 1(a1)                /* 0x01 */
    lhu a2, 4(a1)               /* 0x23 */
    add a2, a2, t4              /* 0xadf */
    sw a2, 16(a1)
    lw a7, 16(a1)               /* 0xadf */
    WAIT_FOR_IRQ
    CHECK_ONE_IRQ(201)
    TEST_CHECK(204, a4, 0x100)
    TEST_CHECK(205, a5, 0x23)
    TEST_CHECK(206, a6, 0x123)
    TEST_CHECK(207, t1, 0xabc)
    TEST_CHECK(208, t2, 0x123)
    TEST_CHECK(209, t3, VIONIC_SIMCTRL_ID_MAGIC_RESET)
    TEST_CHECK(210, t4, 0xabc)
    TEST_CHECK(211, a0, 1)
    TEST_CHECK(212, a2, 0xadf)
    TEST_CHECK(213, a7, 0xadf)
    li TESTNUM, 214
    lw a4, 16(a1)
    TEST_ASSERT(a4, 0xadf)
    addi s0, s0, 1
    li s1, 60
    bltu s0, s1, irq_ld_loop

    /* ---- sweep 3: taken branches, jal, jalr, multiplies in a loop ---- */
test_300:
    li TESTNUM, 300
    li s0, 1
irq_br_loop:
    TRAP_CLEAR
    li a4, 0
    li a5, 10
    li a6, 0
    li t2, 0
    la a0, irq_sub
    IRQ_DELAY_SET(s0)
1:  add a4, a4, a5              /* sum 10..1 = 55 */
    jal ra, 2f
    j fail
2:  jalr t0, 0(a0)              /* a6 += 3 */
    mul t1, a5, a5
    add t2, t2, t1              /* sum of squares = 385 */
    addi a5, a5, -1
    bnez a5, 1b
    WAIT_FOR_IRQ
    CHECK_ONE_IRQ(301)
    TEST_CHECK(304, a4, 55)
    TEST_CHECK(305, a6, 30)
    TEST_CHECK(306, t2, 385)
    addi s0, s0, 1
    li s1, 200
    bltu s0, s1, irq_br_loop

    /* ---- sweep 4: the line rises around synchronous exceptions (ecall,
     *      load access fault, illegal instruction, misaligned store,
     *      ebreak): each exception is taken once, the interrupt once ---- */
test_400:
    li TESTNUM, 400
    li s0, 1
irq_exc_loop:
    TRAP_CLEAR
    IRQ_LOG_CLEAR
    la a1, irq_mem
    li a3, VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_WINDOW   /* no region there */
    li a4, 0x5a5a5a5a
    li a5, 0
    IRQ_DELAY_SET(s0)
    addi a5, a5, 1
    ecall
    addi a5, a5, 1
    lw a4, 0(a3)                /* load access fault: a4 unchanged */
    addi a5, a5, 1
    .word 0xffffffff            /* illegal */
    addi a5, a5, 1
    sw a5, 1(a1)                /* misaligned store */
    addi a5, a5, 1
    ebreak
    addi a5, a5, 1
    li s2, 2000                 /* wait for the interrupt if not taken yet */
1:  li s3, 6
    bgeu TRAP_COUNT, s3, 2f
    addi s2, s2, -1
    bnez s2, 1b
2:  TEST_CHECK(401, TRAP_COUNT, 6)
    TEST_LOG_COUNT(402, 6)
    TEST_CHECK(403, a5, 6)
    TEST_CHECK(404, a4, 0x5a5a5a5a)
    li TESTNUM, 405
    lw a6, 0(a1)
    TEST_ASSERT(a6, 0x100)      /* irq_mem[0] untouched by the misaligned store */
    /* the log: the five exceptions in program order, one interrupt anywhere */
    li TESTNUM, 406
    la t0, vionic_irq_log
    la t1, irq_exc_causes
    li t2, 6                    /* entries to scan */
    li s3, 0                    /* interrupts seen */
    li s4, CAUSE_IRQ_EXTERNAL
3:  lw a0, 0(t0)
    addi t0, t0, 4
    bne a0, s4, 4f
    addi s3, s3, 1
    j 5f
4:  lw a2, 0(t1)
    addi t1, t1, 4
    bne a0, a2, fail
5:  addi t2, t2, -1
    bnez t2, 3b
    TEST_CHECK(407, s3, 1)
    addi s0, s0, 1
    li s1, 120
    bltu s0, s1, irq_exc_loop

    csrw CSR_MSTATUS, x0
    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END

irq_sub:
    addi a6, a6, 3
    jr t0

TEST_DATA_BEGIN
irq_exc_causes:
    .word CAUSE_ECALL_M, CAUSE_LOAD_ACCESS_FAULT, CAUSE_ILLEGAL_INSN
    .word CAUSE_STORE_MISALIGNED, CAUSE_BREAKPOINT
irq_mem:
    .word 0x100
    .word 0x23
    .word irq_mem + 20
    .word 0
    .word 0
    .word 0xabc
