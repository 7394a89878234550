/*
 * trap_nested: traps taken inside a trap handler.
 *  1. ebreak in the program; its handler saves mepc/mcause/mstatus/mtval on
 *     the stack and executes ecall (second trap), whose handler executes an
 *     illegal instruction (third trap). Each level sees its own mepc/mcause/
 *     mtval/mstatus; after an inner trap returns, mepc/mcause/mtval hold the
 *     inner values (the privileged spec: a nested trap overwrites them);
 *     each level restores what it saved and returns to its mepc + 4.
 *     Run with mstatus.MIE = 0 and = 1 in the program (mie = 0): the saved
 *     mstatus brings back the right MIE/MPIE.
 *  2. An exception handler that enables interrupts gets an external interrupt
 *     nested in it, with mepc inside the handler; it then restores its state
 *     and returns to the program.
 */
#include "isa_test.h"

#define LOG_WORDS 4         /* per entry: mcause, mepc, mstatus, mtval */

/* Test n: log entry idx field f (0 mcause, 1 mepc, 2 mstatus, 3 mtval). */
#define TEST_NEST_LOG(n, idx, f, expected) \
    li TESTNUM, n; \
    la t5, nest_log; \
    lw t5, 4 + ((idx) * LOG_WORDS + (f)) * 4(t5); \
    TEST_ASSERT(t5, expected)

#define TEST_NEST_LOG_ADDR(n, idx, f, label) \
    li TESTNUM, n; \
    la t5, nest_log; \
    lw t5, 4 + ((idx) * LOG_WORDS + (f)) * 4(t5); \
    TEST_ASSERT_ADDR(t5, label)

TEST_START
    la t0, nest_handler
    csrw CSR_MTVEC, t0
    csrw CSR_MIE, x0

    /* ---- 1a: three levels, program runs with MIE = 0 ---- */
test_1:
    li TESTNUM, 1
    li s0, 0                    /* depth */
    la t0, nest_log
    sw x0, 0(t0)
    csrw CSR_MSTATUS, x0
    li a7, 0
nest_outer_ebreak:
    ebreak
    addi a7, a7, 1
    TEST_CHECK(2, a7, 1)        /* returned once, to ebreak + 4 */
    TEST_CHECK(3, s0, 0)
    li TESTNUM, 4
    la t0, nest_log
    lw a4, 0(t0)
    TEST_ASSERT(a4, 3)          /* three traps */
    /* level 1: the ebreak */
    TEST_NEST_LOG(10, 0, 0, CAUSE_BREAKPOINT)
    TEST_NEST_LOG_ADDR(11, 0, 1, nest_outer_ebreak)
    TEST_NEST_LOG(12, 0, 2, MSTATUS_MPP)                /* MIE 0 -> MPIE 0 */
    TEST_NEST_LOG(13, 0, 3, 0)
    /* level 2: the ecall in the level-1 handler */
    TEST_NEST_LOG(20, 1, 0, CAUSE_ECALL_M)
    TEST_NEST_LOG_ADDR(21, 1, 1, nest_inner_ecall)
    TEST_NEST_LOG(22, 1, 2, MSTATUS_MPP)
    TEST_NEST_LOG(23, 1, 3, 0)
    /* level 3: the illegal instruction in the level-2 handler */
    TEST_NEST_LOG(30, 2, 0, CAUSE_ILLEGAL_INSN)
    TEST_NEST_LOG_ADDR(31, 2, 1, nest_inner_illegal)
    TEST_NEST_LOG(32, 2, 2, MSTATUS_MPP)
    TEST_NEST_LOG(33, 2, 3, 0xffffffff)
    /* what each outer level saw right after its inner trap returned */
    TEST_CHECK(40, s1, CAUSE_ECALL_M)                   /* level 1: mcause overwritten */
    TEST_CHECK_ADDR(41, s2, nest_inner_ecall + 4)       /* mepc: inner handler's return */
    TEST_CHECK(42, s3, 0)                               /* mtval from the ecall */
    TEST_CHECK(43, s4, CAUSE_ILLEGAL_INSN)              /* level 2 */
    TEST_CHECK_ADDR(44, s6, nest_inner_illegal + 4)
    TEST_CHECK(45, s8, 0xffffffff)
    /* the program's MIE is back to 0 (mret sets MPIE to 1) */
    li TESTNUM, 46
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE)

    /* ---- 1b: the same with MIE = 1 in the program (mie = 0) ---- */
test_50:
    li TESTNUM, 50
    li s0, 0
    la t0, nest_log
    sw x0, 0(t0)
    li t0, MSTATUS_MIE
    csrw CSR_MSTATUS, t0
    li a7, 0
nest_outer_ebreak2:
    ebreak
    addi a7, a7, 1
    TEST_CHECK(51, a7, 1)
    li TESTNUM, 52
    la t0, nest_log
    lw a4, 0(t0)
    TEST_ASSERT(a4, 3)
    TEST_NEST_LOG_ADDR(53, 0, 1, nest_outer_ebreak2)
    TEST_NEST_LOG(54, 0, 2, MSTATUS_MPP | MSTATUS_MPIE)  /* MIE 1 saved in MPIE */
    TEST_NEST_LOG(55, 1, 2, MSTATUS_MPP)                 /* handler ran with MIE 0 */
    TEST_NEST_LOG(56, 2, 2, MSTATUS_MPP)
    li TESTNUM, 57
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
    csrw CSR_MSTATUS, x0

    /* ---- 2: an interrupt nested in an exception handler ---- */
test_60:
    li TESTNUM, 60
    la t0, nest_irq_handler
    csrw CSR_MTVEC, t0
    li s5, 0                    /* interrupts seen */
    li a4, 0x1234
    li a7, 0
nest_irq_ecall:
    ecall
    addi a7, a7, 1
    TEST_CHECK(61, a7, 1)
    TEST_CHECK(62, s5, 1)
    TEST_CHECK(63, a4, 0x1234)
    /* the interrupt's mepc is inside the exception handler */
    li TESTNUM, 64
    la t0, nest_irq_window
    bltu s6, t0, fail
    la t0, nest_irq_window_end
    bgtu s6, t0, fail
    TEST_CHECK(65, s7, CAUSE_IRQ_EXTERNAL)
    /* and after it returned, the exception handler saw its mepc/mcause */
    TEST_CHECK_REG(66, s2, s6)
    TEST_CHECK(67, s1, CAUSE_IRQ_EXTERNAL)
    /* the interrupt handler ran with MIE 0, MPIE 1 (the handler had MIE 1) */
    TEST_CHECK(68, s8, MSTATUS_MPP | MSTATUS_MPIE)
    li TESTNUM, 69
    csrr a4, CSR_MSTATUS
    TEST_ASSERT(a4, MSTATUS_MPP | MSTATUS_MPIE)    /* MIE 0 again */
    li TESTNUM, 70
    csrr a4, CSR_MIP
    TEST_ASSERT(a4, 0)

    csrw CSR_MIE, x0
    TRAP_DEFAULT_INSTALL
    TEST_END

/* Exception handler, re-entrant: saves mepc/mcause/mstatus/mtval on the
 * stack, logs them, and at depth 1 runs ecall, at depth 2 an illegal
 * instruction; restores, returns to the saved mepc + 4. Uses t0-t3. */
    .balign 4
nest_handler:
    addi sp, sp, -16
    csrr t0, CSR_MEPC
    sw t0, 0(sp)
    csrr t0, CSR_MCAUSE
    sw t0, 4(sp)
    csrr t0, CSR_MSTATUS
    sw t0, 8(sp)
    csrr t0, CSR_MTVAL
    sw t0, 12(sp)
    lw t0, 4(sp)
    bltz t0, vionic_trap_unexpected     /* (never an interrupt here) */
    la t1, nest_log
    lw t2, 0(t1)
    li t3, 8
    bgeu t2, t3, vionic_trap_unexpected /* runaway */
    slli t3, t2, 4
    add t3, t3, t1
    lw t0, 4(sp)
    sw t0, 4(t3)
    lw t0, 0(sp)
    sw t0, 8(t3)
    lw t0, 8(sp)
    sw t0, 12(t3)
    lw t0, 12(sp)
    sw t0, 16(t3)
    addi t2, t2, 1
    sw t2, 0(t1)
    addi s0, s0, 1
    li t0, 1
    beq s0, t0, 1f
    li t0, 2
    beq s0, t0, 2f
    j 3f
1:
nest_inner_ecall:
    ecall
    csrr s1, CSR_MCAUSE
    csrr s2, CSR_MEPC
    csrr s3, CSR_MTVAL
    j 3f
2:
nest_inner_illegal:
    .word 0xffffffff
    csrr s4, CSR_MCAUSE
    csrr s6, CSR_MEPC
    csrr s8, CSR_MTVAL
3:  addi s0, s0, -1
    lw t0, 8(sp)
    csrw CSR_MSTATUS, t0
    lw t0, 12(sp)
    csrw CSR_MTVAL, t0
    lw t0, 4(sp)
    csrw CSR_MCAUSE, t0
    lw t0, 0(sp)
    addi t0, t0, 4
    csrw CSR_MEPC, t0
    addi sp, sp, 16
    mret

/* Exception handler that lets an external interrupt in (scenario 2). */
    .balign 4
nest_irq_handler:
    csrr t0, CSR_MCAUSE
    bltz t0, 5f
    /* the ecall: save state, raise the line, enable, wait for the interrupt */
    addi sp, sp, -8
    csrr t0, CSR_MEPC
    sw t0, 0(sp)
    csrr t0, CSR_MSTATUS
    sw t0, 4(sp)
    li t0, MIE_MEIE
    csrw CSR_MIE, t0
    IRQ_RAISE(t0)
    li t1, 1000
    csrsi CSR_MSTATUS, MSTATUS_MIE
nest_irq_window:
4:  bnez s5, 6f
    addi t1, t1, -1
    bnez t1, 4b
nest_irq_window_end:
    j fail
6:  csrci CSR_MSTATUS, MSTATUS_MIE
    csrw CSR_MIE, x0
    csrr s1, CSR_MCAUSE
    csrr s2, CSR_MEPC
    lw t0, 4(sp)
    csrw CSR_MSTATUS, t0
    lw t0, 0(sp)
    addi t0, t0, 4
    csrw CSR_MEPC, t0
    addi sp, sp, 8
    mret
    /* the interrupt: record, lower the line, wait for mip to drop */
5:  addi s5, s5, 1
    csrr s6, CSR_MEPC
    csrr s7, CSR_MCAUSE
    csrr s8, CSR_MSTATUS
    li t0, SIMCTRL_BASE
    sw x0, SIMCTRL_IRQ(t0)
    li t0, MIP_MEIP
    li t2, 100
7:  csrr t3, CSR_MIP
    and t3, t3, t0
    beqz t3, 8f
    addi t2, t2, -1
    bnez t2, 7b
    j fail
8:  mret

TEST_DATA_BEGIN
nest_log:
    .word 0                     /* count, then entries */
    .fill 8 * LOG_WORDS, 4, 0
