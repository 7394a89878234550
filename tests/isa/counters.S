/*
 * counters: mcycle/minstret (and the cycle/instret shadows).
 *  - mcycle advances at least one per instruction (single issue);
 *  - minstret counts retired instructions exactly: a csrr of minstret sees
 *    every earlier instruction and not itself, so two reads around N
 *    instructions differ by N + 1; taken branches, loads, mul/div count once,
 *    instructions skipped by a jump do not count; an instruction that traps
 *    (ecall, illegal) does not retire (RISC-V unprivileged spec, Zicntr),
 *    the handler's instructions and mret do;
 *  - writes: the value written by csrw minstret is the value the next
 *    instruction reads (Zicsr: "the write is done instead of the increment");
 *    csrrw returns the old value; mcycle continues from the value written;
 *  - 64-bit: low word wrapping carries into minstreth/mcycleh (and the
 *    instreth/cycleh shadows).
 */
#include "isa_test.h"

TEST_START
    la t0, cnt_handler
    csrw CSR_MTVEC, t0

    /* ---- mcycle advances ---- */
test_1:
    li TESTNUM, 1
    csrr a1, CSR_MCYCLE
    csrr a2, CSR_MCYCLE
    sub a4, a2, a1
    beqz a4, fail
test_2:
    li TESTNUM, 2
    csrr a1, CSR_MCYCLE
    .rept 50
    nop
    .endr
    csrr a2, CSR_MCYCLE
    sub a4, a2, a1
    li a5, 51
    bltu a4, a5, fail           /* at least one cycle per instruction */

    /* ---- minstret: exact counts ---- */
    TEST_CASE(10, a4, 1, csrr a1, CSR_MINSTRET; csrr a2, CSR_MINSTRET; sub a4, a2, a1)
    TEST_CASE(11, a4, 11, csrr a1, CSR_MINSTRET; TEST_NOPS(10); csrr a2, CSR_MINSTRET; \
              sub a4, a2, a1)
    TEST_CASE(12, a4, 101, csrr a1, CSR_MINSTRET; TEST_NOPS(100); csrr a2, CSR_MINSTRET; \
              sub a4, a2, a1)
    /* the shadow agrees */
    TEST_CASE(13, a4, 4, csrr a1, CSR_MINSTRET; nop; nop; nop; csrr a2, CSR_INSTRET; \
              sub a4, a2, a1)
test_14:
    /* mixed: csrr, lw, add, mul, div, j (taken, skips 2), beq (not taken),
     * lw + load-use add, a loop of 3 x (addi, bnez): 1 + 8 + 6 = 15 */
    li TESTNUM, 14
    la a3, cnt_data
    li a5, 3
    csrr a1, CSR_MINSTRET
    lw a6, 0(a3)
    add a6, a6, a6
    mul a6, a6, a6
    div a6, a6, a5
    j 1f
    nop
    nop
1:  beq a6, x0, fail
    lw a7, 0(a3)
    add a7, a7, a7
2:  addi a5, a5, -1
    bnez a5, 2b
    csrr a2, CSR_MINSTRET
    sub a4, a2, a1
    TEST_ASSERT(a4, 15)

    /* ---- trapping instructions do not retire; handler and mret do ----
     * cnt_handler is 4 instructions (csrr, addi, csrw, mret). */
    TEST_CASE(20, a4, 5, csrr a1, CSR_MINSTRET; ecall; csrr a2, CSR_MINSTRET; sub a4, a2, a1)
    TEST_CASE(21, a4, 5, csrr a1, CSR_MINSTRET; ebreak; csrr a2, CSR_MINSTRET; sub a4, a2, a1)
    TEST_CASE(22, a4, 5, csrr a1, CSR_MINSTRET; .word 0; csrr a2, CSR_MINSTRET; sub a4, a2, a1)
    /* a faulting load: not retired either */
    TEST_CASE(23, a4, 6, li a3, VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_WINDOW; \
              csrr a1, CSR_MINSTRET; lw a5, 0(a3); nop; csrr a2, CSR_MINSTRET; sub a4, a2, a1)

    /* ---- writes ---- */
    TEST_CASE(30, a4, 0x1000, li a1, 0x1000; csrw CSR_MINSTRET, a1; csrr a4, CSR_MINSTRET)
    TEST_CASE(31, a4, 0x2003, li a1, 0x2000; csrw CSR_MINSTRET, a1; nop; nop; nop; \
              csrr a4, CSR_MINSTRET)
    TEST_CASE(32, a4, 0x12345678, li a1, 0x12345678; csrw CSR_MINSTRET, a1; csrr a4, CSR_INSTRET)
    /* csrrw returns the value before the write (and before its own retirement) */
test_33:
    li TESTNUM, 33
    li a1, 0x500
    csrw CSR_MINSTRET, a1
    nop
    li a2, 0x9000
    csrrw a4, CSR_MINSTRET, a2  /* sees 0x500 + nop + li */
    csrr a5, CSR_MINSTRET
    TEST_ASSERT(a4, 0x502)
    li TESTNUM, 34
    TEST_ASSERT(a5, 0x9000)
    /* mcycle continues from the written value */
test_35:
    li TESTNUM, 35
    li a1, 0x40000
    csrw CSR_MCYCLE, a1
    csrr a4, CSR_MCYCLE
    sub a4, a4, a1
    li a5, 4
    bgeu a4, a5, fail
    li TESTNUM, 36
    csrw CSR_MCYCLE, x0
    csrr a4, CSR_CYCLE
    li a5, 4
    bgeu a4, a5, fail

    /* ---- 64-bit carry ---- */
test_40:
    li TESTNUM, 40
    li a1, 5
    li a2, -16
    csrw CSR_MINSTRETH, a1
    csrw CSR_MINSTRET, a2       /* {5, 0xfffffff0} */
    TEST_NOPS(20)               /* -> {6, 0x00000004} */
    csrr a4, CSR_MINSTRETH
    csrr a5, CSR_MINSTRET
    TEST_ASSERT(a4, 6)
    li TESTNUM, 41
    TEST_ASSERT(a5, 5)
    li TESTNUM, 42
    csrr a4, CSR_INSTRETH
    TEST_ASSERT(a4, 6)
    /* the high word written alone keeps the low word counting */
test_43:
    li TESTNUM, 43
    csrw CSR_MINSTRETH, x0
    csrr a4, CSR_MINSTRETH
    TEST_ASSERT(a4, 0)
test_50:
    li TESTNUM, 50
    li a1, 7
    li a2, -16
    csrw CSR_MCYCLEH, a1
    csrw CSR_MCYCLE, a2         /* {7, 0xfffffff0} */
    TEST_NOPS(30)               /* >= 30 cycles later: wrapped */
    csrr a4, CSR_MCYCLEH
    csrr a5, CSR_MCYCLE
    TEST_ASSERT(a4, 8)
    li TESTNUM, 51
    li a6, 100
    bgeu a5, a6, fail           /* low word small again */
    li TESTNUM, 52
    csrr a4, CSR_CYCLEH
    TEST_ASSERT(a4, 8)
    /* no carry without a wrap */
test_53:
    li TESTNUM, 53
    li a1, 0x7ffffff0
    csrw CSR_MCYCLEH, x0
    csrw CSR_MCYCLE, a1
    TEST_NOPS(30)
    csrr a4, CSR_MCYCLEH
    TEST_ASSERT(a4, 0)
test_54:
    li TESTNUM, 54
    csrw CSR_MINSTRETH, x0
    li a1, 0x7ffffff0
    csrw CSR_MINSTRET, a1
    TEST_NOPS(30)
    csrr a5, CSR_MINSTRET
    csrr a4, CSR_MINSTRETH
    TEST_ASSERT(a4, 0)
    li TESTNUM, 55
    TEST_ASSERT(a5, 0x7ffffff0 + 30)

    TRAP_DEFAULT_INSTALL
    TEST_END

/* Exception handler: return to mepc + 4. Exactly 4 instructions. */
    .balign 4
cnt_handler:
    csrr t0, CSR_MEPC
    addi t0, t0, 4
    csrw CSR_MEPC, t0
    mret

TEST_DATA_BEGIN
cnt_data:
    .word 6
