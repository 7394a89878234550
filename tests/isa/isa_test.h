/*
 * isa_test.h: assembler framework for the vionic ISA tests (see README.md).
 *
 * A test is one .S file:
 *
 *     #include "isa_test.h"
 *     TEST_START
 *         TEST_RR_OP(1, add, 3, 1, 2)
 *         ...
 *     TEST_END
 *     TEST_DATA_BEGIN
 *         ...words the test loads/stores...
 *
 * Conventions (registers the framework owns):
 *   gp (x3)   TESTNUM: number of the check being run (reported on failure).
 *   t6 (x31)  scratch of every check macro (clobbered); t5 (x30) is clobbered
 *             on the failure path and by TEST_LOG_*.
 *   sp        valid stack (DTCM top); vionic_irq_record pushes on it.
 *   a1 a2 a4 a6  operands/results of the TEST_* instruction macros (clobbered).
 *   s5..s11   trap record, only while a recording handler is installed
 *             (TRAP_RECORD_INSTALL, IRQ_RECORD_INSTALL): see TRAP_* below.
 *
 * Outcome: PASS writes 0 to SIMCTRL.HALT; a failed check prints
 * "FAIL test <n> ..." on SIMCTRL.CONSOLE and writes <n> (nonzero) to HALT; an
 * unexpected trap (the default mtvec handler) prints
 * "FAIL test <n>: unexpected trap mcause=... mepc=... mtval=..." and halts with
 * code 0xBAD00000 | (mcause & 0xff) | (interrupt ? 0x100 : 0).
 * After the HALT store the program spins; the harness stops at the halt.
 *
 * Addresses and CSR numbers come from the generated headers only.
 */
#ifndef VIONIC_ISA_TEST_H
#define VIONIC_ISA_TEST_H

#include "vionic/memory_map_regs.h"
#include "vionic/simctrl_regs.h"
#include "vionic/riscv_regs.h"
#include "vionic/timer_regs.h"

/* gp must stay the test number: never let the linker turn la into gp-relative. */
.option norelax

/* ---------------------------------------------------------------- names */

#define SIMCTRL_BASE        VIONIC_MAP_SIMCTRL_BASE
#define SIMCTRL_CONSOLE     VIONIC_SIMCTRL_CONSOLE_OFFSET
#define SIMCTRL_HALT        VIONIC_SIMCTRL_HALT_OFFSET
#define SIMCTRL_SCRATCH     VIONIC_SIMCTRL_SCRATCH_OFFSET
#define SIMCTRL_ID          VIONIC_SIMCTRL_ID_OFFSET
#define SIMCTRL_IRQ         VIONIC_SIMCTRL_IRQ_OFFSET
#define SIMCTRL_IRQ_DELAY   VIONIC_SIMCTRL_IRQ_DELAY_OFFSET
#define SIMCTRL_IRQ_LEVEL   VIONIC_SIMCTRL_IRQ_LEVEL_MASK

#define TIMER_BASE          VIONIC_MAP_TIMER_BASE
#define TIMER_MTIME_LO      VIONIC_TIMER_MTIME_LO_OFFSET
#define TIMER_MTIME_HI      VIONIC_TIMER_MTIME_HI_OFFSET
#define TIMER_MTIMECMP_LO   VIONIC_TIMER_MTIMECMP_LO_OFFSET
#define TIMER_MTIMECMP_HI   VIONIC_TIMER_MTIMECMP_HI_OFFSET
#define TIMER_MSIP          VIONIC_TIMER_MSIP_OFFSET

#define CSR_MSTATUS         VIONIC_RISCV_CSR_MSTATUS
#define CSR_MISA            VIONIC_RISCV_CSR_MISA
#define CSR_MIE             VIONIC_RISCV_CSR_MIE
#define CSR_MTVEC           VIONIC_RISCV_CSR_MTVEC
#define CSR_MSCRATCH        VIONIC_RISCV_CSR_MSCRATCH
#define CSR_MEPC            VIONIC_RISCV_CSR_MEPC
#define CSR_MCAUSE          VIONIC_RISCV_CSR_MCAUSE
#define CSR_MTVAL           VIONIC_RISCV_CSR_MTVAL
#define CSR_MIP             VIONIC_RISCV_CSR_MIP
#define CSR_MCYCLE          VIONIC_RISCV_CSR_MCYCLE
#define CSR_MINSTRET        VIONIC_RISCV_CSR_MINSTRET
#define CSR_MCYCLEH         VIONIC_RISCV_CSR_MCYCLEH
#define CSR_MINSTRETH       VIONIC_RISCV_CSR_MINSTRETH
#define CSR_CYCLE           VIONIC_RISCV_CSR_CYCLE
#define CSR_TIME            VIONIC_RISCV_CSR_TIME
#define CSR_INSTRET         VIONIC_RISCV_CSR_INSTRET
#define CSR_CYCLEH          VIONIC_RISCV_CSR_CYCLEH
#define CSR_TIMEH           VIONIC_RISCV_CSR_TIMEH
#define CSR_INSTRETH        VIONIC_RISCV_CSR_INSTRETH
#define CSR_MVENDORID       VIONIC_RISCV_CSR_MVENDORID
#define CSR_MARCHID         VIONIC_RISCV_CSR_MARCHID
#define CSR_MIMPID          VIONIC_RISCV_CSR_MIMPID
#define CSR_MHARTID         VIONIC_RISCV_CSR_MHARTID

#define MSTATUS_MIE         VIONIC_RISCV_MSTATUS_MIE
#define MSTATUS_MPIE        VIONIC_RISCV_MSTATUS_MPIE
#define MSTATUS_MPP         VIONIC_RISCV_MSTATUS_MPP
#define MIP_MSIP            VIONIC_RISCV_MIP_MSIP
#define MIP_MTIP            VIONIC_RISCV_MIP_MTIP
#define MIP_MEIP            VIONIC_RISCV_MIP_MEIP
/* mie uses the same bit positions as mip */
#define MIE_MSIE            VIONIC_RISCV_MIP_MSIP
#define MIE_MTIE            VIONIC_RISCV_MIP_MTIP
#define MIE_MEIE            VIONIC_RISCV_MIP_MEIP

#define CAUSE_INSN_MISALIGNED     VIONIC_RISCV_CAUSE_INSN_MISALIGNED
#define CAUSE_INSN_ACCESS_FAULT   VIONIC_RISCV_CAUSE_INSN_ACCESS_FAULT
#define CAUSE_ILLEGAL_INSN        VIONIC_RISCV_CAUSE_ILLEGAL_INSN
#define CAUSE_BREAKPOINT          VIONIC_RISCV_CAUSE_BREAKPOINT
#define CAUSE_LOAD_MISALIGNED     VIONIC_RISCV_CAUSE_LOAD_MISALIGNED
#define CAUSE_LOAD_ACCESS_FAULT   VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT
#define CAUSE_STORE_MISALIGNED    VIONIC_RISCV_CAUSE_STORE_MISALIGNED
#define CAUSE_STORE_ACCESS_FAULT  VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT
#define CAUSE_ECALL_M             VIONIC_RISCV_CAUSE_ECALL_M
#define CAUSE_IRQ_SOFTWARE  (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_SOFTWARE)
#define CAUSE_IRQ_TIMER     (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_TIMER)
#define CAUSE_IRQ_EXTERNAL  (VIONIC_RISCV_CAUSE_INTERRUPT | VIONIC_RISCV_CAUSE_IRQ_EXTERNAL)

/* Failure code of an unexpected trap (the default handler). */
#define TRAP_FAIL_CODE_BASE 0xBAD00000

/* ------------------------------------------------------- registers */

#define TESTNUM       gp
/* Trap record kept by vionic_trap_record (installed by TRAP_RECORD_INSTALL). */
#define TRAP_STATUS   s5   /* mstatus at handler entry */
#define TRAP_WITNESS  s6   /* copy of a7 at handler entry */
#define TRAP_RESUME   s7   /* 0: return to mepc+4; else return there (one shot) */
#define TRAP_COUNT    s8   /* traps taken since the last TRAP_CLEAR */
#define TRAP_CAUSE    s9   /* mcause */
#define TRAP_EPC      s10  /* mepc */
#define TRAP_VAL      s11  /* mtval */
#define TRAP_SENTINEL 0xDEADBEEF

/* Instruction words for hand-encoded instructions (.word). */
#define ENC_R(f7, rs2, rs1, f3, rd, op) \
    ((((f7) & 0x7f) << 25) | (((rs2) & 31) << 20) | (((rs1) & 31) << 15) | \
     (((f3) & 7) << 12) | (((rd) & 31) << 7) | ((op) & 0x7f))
#define ENC_I(imm, rs1, f3, rd, op) \
    ((((imm) & 0xfff) << 20) | (((rs1) & 31) << 15) | (((f3) & 7) << 12) | \
     (((rd) & 31) << 7) | ((op) & 0x7f))
#define ENC_CSR(csr, rs1, f3, rd)  ENC_I(csr, rs1, f3, rd, 0x73)
/* B-type; off must be even, in [-4096, 4094] */
#define ENC_B(off, rs2, rs1, f3) \
    (((((off) >> 12) & 1) << 31) | ((((off) >> 5) & 0x3f) << 25) | \
     (((rs2) & 31) << 20) | (((rs1) & 31) << 15) | (((f3) & 7) << 12) | \
     ((((off) >> 1) & 0xf) << 8) | ((((off) >> 11) & 1) << 7) | 0x63)
/* J-type (jal); off must be even */
#define ENC_J(off, rd) \
    (((((off) >> 20) & 1) << 31) | ((((off) >> 1) & 0x3ff) << 21) | \
     ((((off) >> 11) & 1) << 20) | ((((off) >> 12) & 0xff) << 12) | \
     (((rd) & 31) << 7) | 0x6f)

/* ------------------------------------------------------- framework code */

/* Runaway guard of the recording handlers: more traps than this in one case fails. */
#define TRAP_RECORD_LIMIT 64
/* Entries of vionic_irq_log (a power of two). */
#define VIONIC_IRQ_LOG_LEN 16

.macro VIONIC_TEST_START
    .section .text.start, "ax"
    .balign 4
    .globl _start
_start:
    /* Registers are not reset by the ISA: start from a known state. */
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li x\r, 0
    .endr
    csrw CSR_MIE, x0
    csrw CSR_MSTATUS, x0
    la t0, vionic_trap_unexpected
    csrw CSR_MTVEC, t0
    la sp, __stack_top
    j vionic_test_body

/* ---- pass / fail / unexpected trap (terminal: clobber anything) ---- */

    .balign 4
    .globl pass
pass:
vionic_pass:
    la a0, vionic_str_pass
    jal ra, vionic_puts
    li t0, SIMCTRL_BASE
    sw x0, SIMCTRL_HALT(t0)
1:  j 1b

/* A check found a wrong value: t5 = value, t6 = expected. */
vionic_fail_value:
    la a0, vionic_str_fail
    jal ra, vionic_puts
    mv a0, TESTNUM
    jal ra, vionic_putdec
    la a0, vionic_str_got
    jal ra, vionic_puts
    mv a0, t5
    jal ra, vionic_puthex
    la a0, vionic_str_expected
    jal ra, vionic_puts
    mv a0, t6
    jal ra, vionic_puthex
    j vionic_fail_halt

/* A check failed (wrong path taken, wrong trap count, ...). */
    .globl fail
fail:
vionic_fail:
    la a0, vionic_str_fail
    jal ra, vionic_puts
    mv a0, TESTNUM
    jal ra, vionic_putdec
vionic_fail_halt:
    la a0, vionic_str_nl
    jal ra, vionic_puts
    mv a1, TESTNUM
    bnez a1, 1f
    li a1, -1                   /* never halt with 0 on a failure */
1:  li t0, SIMCTRL_BASE
    sw a1, SIMCTRL_HALT(t0)
2:  j 2b

/* Default trap handler: any trap a test did not ask for fails the test. */
    .balign 4
    .globl vionic_trap_unexpected
vionic_trap_unexpected:
    csrr a1, CSR_MCAUSE
    csrr a2, CSR_MEPC
    csrr a3, CSR_MTVAL
    la a0, vionic_str_fail
    jal ra, vionic_puts
    mv a0, TESTNUM
    jal ra, vionic_putdec
    la a0, vionic_str_trap
    jal ra, vionic_puts
    mv a0, a1
    jal ra, vionic_puthex
    la a0, vionic_str_mepc
    jal ra, vionic_puts
    mv a0, a2
    jal ra, vionic_puthex
    la a0, vionic_str_mtval
    jal ra, vionic_puts
    mv a0, a3
    jal ra, vionic_puthex
    la a0, vionic_str_nl
    jal ra, vionic_puts
    andi a4, a1, 0xff
    bgez a1, 1f
    ori a4, a4, 0x100
1:  li a5, TRAP_FAIL_CODE_BASE
    or a4, a4, a5
    li t0, SIMCTRL_BASE
    sw a4, SIMCTRL_HALT(t0)
2:  j 2b

/* Recording trap handler (TRAP_RECORD_INSTALL): keeps mcause/mepc/mtval/
 * mstatus/a7 in the TRAP_* registers, counts, and returns to mepc+4 (or to
 * TRAP_RESUME once if that is nonzero). Preserves every other register. */
    .balign 4
    .globl vionic_trap_record
vionic_trap_record:
    csrr TRAP_CAUSE, CSR_MCAUSE
    csrr TRAP_EPC, CSR_MEPC
    csrr TRAP_VAL, CSR_MTVAL
    csrr TRAP_STATUS, CSR_MSTATUS
    mv TRAP_WITNESS, a7
    addi TRAP_COUNT, TRAP_COUNT, 1
    csrw CSR_MSCRATCH, t6
    li t6, TRAP_RECORD_LIMIT
    bgeu TRAP_COUNT, t6, vionic_trap_unexpected
    addi t6, TRAP_EPC, 4
    beqz TRAP_RESUME, 1f
    mv t6, TRAP_RESUME
    li TRAP_RESUME, 0
1:  csrw CSR_MEPC, t6
    csrr t6, CSR_MSCRATCH
    mret

/* Interrupt-aware recording handler (IRQ_RECORD_INSTALL). Records like
 * vionic_trap_record, appends mcause to vionic_irq_log, stores mtime[31:0] at
 * entry in vionic_irq_mtime, and then:
 *  - exception: returns to mepc + 4 (or TRAP_RESUME once);
 *  - interrupt: silences the source (external: SIMCTRL.IRQ = 0; timer:
 *    MTIMECMP_HI = all ones; software: MSIP = 0), waits (bounded) until its
 *    mip bit drops, and returns to mepc.
 * Preserves every register but the TRAP_* ones (saves its temporaries on the
 * stack: sp must be valid). */
    .balign 4
    .globl vionic_irq_record
vionic_irq_record:
    addi sp, sp, -16
    sw t4, 0(sp)
    sw t5, 4(sp)
    sw t6, 8(sp)
    li t6, TIMER_BASE
    lw t5, TIMER_MTIME_LO(t6)
    la t6, vionic_irq_mtime
    sw t5, 0(t6)
    csrr TRAP_CAUSE, CSR_MCAUSE
    csrr TRAP_EPC, CSR_MEPC
    csrr TRAP_VAL, CSR_MTVAL
    csrr TRAP_STATUS, CSR_MSTATUS
    mv TRAP_WITNESS, a7
    addi TRAP_COUNT, TRAP_COUNT, 1
    li t6, TRAP_RECORD_LIMIT
    bgeu TRAP_COUNT, t6, vionic_trap_unexpected
    /* log[n % 16] = mcause; n++ */
    la t4, vionic_irq_log
    lw t5, VIONIC_IRQ_LOG_LEN * 4(t4)
    andi t6, t5, VIONIC_IRQ_LOG_LEN - 1
    slli t6, t6, 2
    add t6, t6, t4
    sw TRAP_CAUSE, 0(t6)
    addi t5, t5, 1
    sw t5, VIONIC_IRQ_LOG_LEN * 4(t4)
    bltz TRAP_CAUSE, 3f
    /* exception */
    addi t6, TRAP_EPC, 4
    beqz TRAP_RESUME, 1f
    mv t6, TRAP_RESUME
    li TRAP_RESUME, 0
1:  csrw CSR_MEPC, t6
    j 9f
    /* interrupt: t5 = code */
3:  slli t5, TRAP_CAUSE, 1
    srli t5, t5, 1
    li t6, VIONIC_RISCV_CAUSE_IRQ_EXTERNAL
    bne t5, t6, 4f
    li t6, SIMCTRL_BASE
    sw x0, SIMCTRL_IRQ(t6)
    li t4, MIP_MEIP
    j 6f
4:  li t6, VIONIC_RISCV_CAUSE_IRQ_TIMER
    bne t5, t6, 5f
    li t6, TIMER_BASE
    li t4, -1
    sw t4, TIMER_MTIMECMP_HI(t6)
    li t4, MIP_MTIP
    j 6f
5:  li t6, VIONIC_RISCV_CAUSE_IRQ_SOFTWARE
    bne t5, t6, vionic_trap_unexpected
    li t6, TIMER_BASE
    sw x0, TIMER_MSIP(t6)
    li t4, MIP_MSIP
6:  li t5, 100
7:  csrr t6, CSR_MIP
    and t6, t6, t4
    beqz t6, 9f
    addi t5, t5, -1
    bnez t5, 7b
    j vionic_trap_unexpected    /* the source did not go away */
9:  lw t4, 0(sp)
    lw t5, 4(sp)
    lw t6, 8(sp)
    addi sp, sp, 16
    mret

/* ---- console output (no stack; use t0-t4, a0; return with ra) ---- */

/* a0 = NUL-terminated string */
vionic_puts:
    li t0, SIMCTRL_BASE
1:  lbu t1, 0(a0)
    beqz t1, 2f
    sw t1, SIMCTRL_CONSOLE(t0)
    addi a0, a0, 1
    j 1b
2:  ret

/* a0 = value, printed as 0x%08x */
vionic_puthex:
    li t0, SIMCTRL_BASE
    li t1, 48                   /* '0' */
    sw t1, SIMCTRL_CONSOLE(t0)
    li t1, 120                  /* 'x' */
    sw t1, SIMCTRL_CONSOLE(t0)
    li t2, 8
    li t3, 58                   /* '9' + 1 */
1:  srli t1, a0, 28
    slli a0, a0, 4
    addi t1, t1, 48
    blt t1, t3, 2f
    addi t1, t1, 39             /* 'a' - ('9' + 1) */
2:  sw t1, SIMCTRL_CONSOLE(t0)
    addi t2, t2, -1
    bnez t2, 1b
    ret

/* a0 = unsigned value, printed in decimal (repeated subtraction: no mul/div).
 * Also uses a5 (digit-printed flag). */
vionic_putdec:
    li t0, SIMCTRL_BASE
    la t2, vionic_pow10
    li a5, 0
1:  lw t3, 0(t2)
    addi t2, t2, 4
    li t1, 48                   /* '0' */
2:  bltu a0, t3, 3f
    sub a0, a0, t3
    addi t1, t1, 1
    j 2b
3:  li t4, 1
    beq t3, t4, 4f              /* last digit: always printed */
    bnez a5, 4f
    li t4, 48
    beq t1, t4, 5f              /* leading zero: skipped */
4:  sw t1, SIMCTRL_CONSOLE(t0)
    li a5, 1
5:  li t4, 1
    bne t3, t4, 1b
    ret

    .section .rodata
    .balign 4
vionic_pow10:
    .word 1000000000, 100000000, 10000000, 1000000, 100000
    .word 10000, 1000, 100, 10, 1
vionic_str_pass:     .asciz "PASS\n"
vionic_str_fail:     .asciz "FAIL test "
vionic_str_got:      .asciz ": got "
vionic_str_expected: .asciz " expected "
vionic_str_trap:     .asciz ": unexpected trap mcause="
vionic_str_mepc:     .asciz " mepc="
vionic_str_mtval:    .asciz " mtval="
vionic_str_nl:       .asciz "\n"
    .section .data
    .balign 4
    .globl vionic_irq_log, vionic_irq_mtime
vionic_irq_log:      .fill VIONIC_IRQ_LOG_LEN + 1, 4, 0    /* entries, then the count */
vionic_irq_mtime:    .word 0
    .section .text.start, "ax"
    .balign 4
vionic_test_body:
.endm

#define TEST_START      VIONIC_TEST_START
#define TEST_END        j vionic_pass
#define TEST_DATA_BEGIN .section .data; .balign 4

/* ------------------------------------------------------- check macros */

/* n consecutive nops (pipeline spacing for the bypass variants) */
#define TEST_NOPS(n)    .rept n; nop; .endr

/* Fail with test number TESTNUM unless reg == expected (t6 clobbered). */
#define TEST_ASSERT(reg, expected) \
    li t6, expected; \
    beq reg, t6, 97f; \
    mv t5, reg; \
    j vionic_fail_value; \
97:

/* Fail unless reg == other register. */
#define TEST_ASSERT_REG(reg, other) \
    mv t6, other; \
    beq reg, t6, 97f; \
    mv t5, reg; \
    j vionic_fail_value; \
97:

/* Fail unless reg holds the address of label. */
#define TEST_ASSERT_ADDR(reg, label) \
    la t6, label; \
    beq reg, t6, 97f; \
    mv t5, reg; \
    j vionic_fail_value; \
97:

/* Test n: run code, then check reg == expected. */
#define TEST_CASE(n, reg, expected, code...) \
test_ ## n: \
    li TESTNUM, n; \
    code; \
    TEST_ASSERT(reg, expected)

/* Test n: plain check of a register already computed. */
#define TEST_CHECK(n, reg, expected) \
    li TESTNUM, n; \
    TEST_ASSERT(reg, expected)

#define TEST_CHECK_REG(n, reg, other) \
    li TESTNUM, n; \
    TEST_ASSERT_REG(reg, other)

#define TEST_CHECK_ADDR(n, reg, label) \
    li TESTNUM, n; \
    TEST_ASSERT_ADDR(reg, label)

/* ---- register-register ops: a4 = a1 op a2 ---- */

#define TEST_RR_OP(n, inst, result, val1, val2) \
    TEST_CASE(n, a4, result, li a1, val1; li a2, val2; inst a4, a1, a2)

#define TEST_RR_SRC1_EQ_DEST(n, inst, result, val1, val2) \
    TEST_CASE(n, a1, result, li a1, val1; li a2, val2; inst a1, a1, a2)

#define TEST_RR_SRC2_EQ_DEST(n, inst, result, val1, val2) \
    TEST_CASE(n, a2, result, li a1, val1; li a2, val2; inst a2, a1, a2)

#define TEST_RR_SRC12_EQ_DEST(n, inst, result, val1) \
    TEST_CASE(n, a1, result, li a1, val1; inst a1, a1, a1)

#define TEST_RR_ZEROSRC1(n, inst, result, val) \
    TEST_CASE(n, a4, result, li a2, val; inst a4, x0, a2)

#define TEST_RR_ZEROSRC2(n, inst, result, val) \
    TEST_CASE(n, a4, result, li a1, val; inst a4, a1, x0)

#define TEST_RR_ZEROSRC12(n, inst, result) \
    TEST_CASE(n, a4, result, li a4, 0x5a5a5a5a; inst a4, x0, x0)

/* The result written to x0 is discarded: x0 still reads 0 right after. */
#define TEST_RR_ZERODEST(n, inst, val1, val2) \
    TEST_CASE(n, a4, 0, li a1, val1; li a2, val2; inst x0, a1, a2; mv a4, x0)

/* Result consumed after `nops` instructions. */
#define TEST_RR_DEST_BYPASS(n, nops, inst, result, val1, val2) \
    TEST_CASE(n, a6, result, li a1, val1; li a2, val2; inst a4, a1, a2; \
              TEST_NOPS(nops); addi a6, a4, 0)

/* Operands produced `n1`/`n2` instructions before use. */
#define TEST_RR_SRC12_BYPASS(n, n1, n2, inst, result, val1, val2) \
    TEST_CASE(n, a4, result, li a1, val1; TEST_NOPS(n1); li a2, val2; \
              TEST_NOPS(n2); inst a4, a1, a2)

#define TEST_RR_SRC21_BYPASS(n, n1, n2, inst, result, val1, val2) \
    TEST_CASE(n, a4, result, li a2, val2; TEST_NOPS(n1); li a1, val1; \
              TEST_NOPS(n2); inst a4, a1, a2)

/* ---- register-immediate ops: a4 = a1 op imm ---- */

#define TEST_IMM_OP(n, inst, result, val1, imm) \
    TEST_CASE(n, a4, result, li a1, val1; inst a4, a1, imm)

#define TEST_IMM_SRC1_EQ_DEST(n, inst, result, val1, imm) \
    TEST_CASE(n, a1, result, li a1, val1; inst a1, a1, imm)

#define TEST_IMM_ZEROSRC1(n, inst, result, imm) \
    TEST_CASE(n, a4, result, inst a4, x0, imm)

#define TEST_IMM_ZERODEST(n, inst, val1, imm) \
    TEST_CASE(n, a4, 0, li a1, val1; inst x0, a1, imm; mv a4, x0)

#define TEST_IMM_DEST_BYPASS(n, nops, inst, result, val1, imm) \
    TEST_CASE(n, a6, result, li a1, val1; inst a4, a1, imm; \
              TEST_NOPS(nops); addi a6, a4, 0)

#define TEST_IMM_SRC1_BYPASS(n, nops, inst, result, val1, imm) \
    TEST_CASE(n, a4, result, li a1, val1; TEST_NOPS(nops); inst a4, a1, imm)

/* ---- loads: a4 = [base + offset] ---- */

#define TEST_LD(n, inst, result, offset, base) \
    TEST_CASE(n, a4, result, la a1, base; inst a4, offset(a1))

/* Loaded value consumed `nops` instructions later (0 = load-use). */
#define TEST_LD_DEST_BYPASS(n, nops, inst, result, offset, base) \
    TEST_CASE(n, a6, result, la a1, base; inst a4, offset(a1); \
              TEST_NOPS(nops); addi a6, a4, 0)

/* Address register produced `nops` instructions before the load. */
#define TEST_LD_SRC1_BYPASS(n, nops, inst, result, offset, base) \
    TEST_CASE(n, a4, result, la a1, base; TEST_NOPS(nops); inst a4, offset(a1))

/* ---- stores: store val at [base + offset], load it back ---- */

#define TEST_ST(n, load_inst, store_inst, result, offset, base) \
    TEST_CASE(n, a4, result, la a1, base; li a2, result; \
              store_inst a2, offset(a1); load_inst a4, offset(a1))

/* Data produced n1 before the address, address n2 before the store. */
#define TEST_ST_SRC12_BYPASS(n, n1, n2, load_inst, store_inst, result, offset, base) \
    TEST_CASE(n, a4, result, li a2, result; TEST_NOPS(n1); la a1, base; \
              TEST_NOPS(n2); store_inst a2, offset(a1); load_inst a4, offset(a1))

#define TEST_ST_SRC21_BYPASS(n, n1, n2, load_inst, store_inst, result, offset, base) \
    TEST_CASE(n, a4, result, la a1, base; TEST_NOPS(n1); li a2, result; \
              TEST_NOPS(n2); store_inst a2, offset(a1); load_inst a4, offset(a1))

/* ---- branches on a1, a2 ---- */

/* Taken both forward and backward. */
#define TEST_BR2_OP_TAKEN(n, inst, val1, val2) \
test_ ## n: \
    li TESTNUM, n; \
    li a1, val1; \
    li a2, val2; \
    inst a1, a2, 92f; \
    j fail; \
91: j 93f; \
92: inst a1, a2, 91b; \
    j fail; \
93:

/* Not taken, with a forward and a backward target. */
#define TEST_BR2_OP_NOTTAKEN(n, inst, val1, val2) \
test_ ## n: \
    li TESTNUM, n; \
    li a1, val1; \
    li a2, val2; \
    inst a1, a2, 91f; \
    j 92f; \
91: j fail; \
92: inst a1, a2, 91b

/* Operands produced n1/n2 instructions before a taken branch. */
#define TEST_BR2_SRC12_BYPASS_TAKEN(n, n1, n2, inst, val1, val2) \
test_ ## n: \
    li TESTNUM, n; \
    li a1, val1; \
    TEST_NOPS(n1); \
    li a2, val2; \
    TEST_NOPS(n2); \
    inst a1, a2, 91f; \
    j fail; \
91:

/* Operands produced n1/n2 instructions before a not-taken branch. */
#define TEST_BR2_SRC12_BYPASS_NOTTAKEN(n, n1, n2, inst, val1, val2) \
test_ ## n: \
    li TESTNUM, n; \
    li a1, val1; \
    TEST_NOPS(n1); \
    li a2, val2; \
    TEST_NOPS(n2); \
    inst a1, a2, fail

/* ---- traps ---- */

/* Install the recording handler and clear the record. */
#define TRAP_RECORD_INSTALL \
    la t6, vionic_trap_record; \
    csrw CSR_MTVEC, t6; \
    TRAP_CLEAR

/* Install the interrupt-aware recording handler; clear the record and log. */
#define IRQ_RECORD_INSTALL \
    la t6, vionic_irq_record; \
    csrw CSR_MTVEC, t6; \
    TRAP_CLEAR; \
    IRQ_LOG_CLEAR

#define IRQ_LOG_CLEAR \
    la t6, vionic_irq_log; \
    sw x0, VIONIC_IRQ_LOG_LEN * 4(t6)

/* Test n: the log holds exactly `count` entries. */
#define TEST_LOG_COUNT(n, count) \
    li TESTNUM, n; \
    la t5, vionic_irq_log; \
    lw t5, VIONIC_IRQ_LOG_LEN * 4(t5); \
    TEST_ASSERT(t5, count)

/* Test n: log entry idx (0 = first trap since IRQ_LOG_CLEAR) is mcause. */
#define TEST_LOG_ENTRY(n, idx, cause) \
    li TESTNUM, n; \
    la t5, vionic_irq_log; \
    lw t5, (idx) * 4(t5); \
    TEST_ASSERT(t5, cause)

/* Put the default (failing) handler back. */
#define TRAP_DEFAULT_INSTALL \
    la t6, vionic_trap_unexpected; \
    csrw CSR_MTVEC, t6

#define TRAP_CLEAR \
    li TRAP_COUNT, 0; \
    li TRAP_RESUME, 0; \
    li TRAP_CAUSE, TRAP_SENTINEL; \
    li TRAP_EPC, TRAP_SENTINEL; \
    li TRAP_VAL, TRAP_SENTINEL; \
    li TRAP_STATUS, TRAP_SENTINEL; \
    li TRAP_WITNESS, TRAP_SENTINEL

/* Exactly one trap since TRAP_CLEAR, with this cause, at epc_label, with
 * this mtval. Test numbers n..n+3 (count, cause, epc, tval). Clears the record. */
#define TEST_TRAP(n, cause, epc_label, tval) \
    li TESTNUM, n; \
    TEST_ASSERT(TRAP_COUNT, 1); \
    li TESTNUM, (n) + 1; \
    TEST_ASSERT(TRAP_CAUSE, cause); \
    li TESTNUM, (n) + 2; \
    TEST_ASSERT_ADDR(TRAP_EPC, epc_label); \
    li TESTNUM, (n) + 3; \
    TEST_ASSERT(TRAP_VAL, tval); \
    TRAP_CLEAR

/* As TEST_TRAP, but mtval must equal a register (e.g. a computed address). */
#define TEST_TRAP_VALREG(n, cause, epc_label, tvalreg) \
    li TESTNUM, n; \
    TEST_ASSERT(TRAP_COUNT, 1); \
    li TESTNUM, (n) + 1; \
    TEST_ASSERT(TRAP_CAUSE, cause); \
    li TESTNUM, (n) + 2; \
    TEST_ASSERT_ADDR(TRAP_EPC, epc_label); \
    li TESTNUM, (n) + 3; \
    TEST_ASSERT_REG(TRAP_VAL, tvalreg); \
    TRAP_CLEAR

/* No trap happened since TRAP_CLEAR. */
#define TEST_NO_TRAP(n) \
    li TESTNUM, n; \
    TEST_ASSERT(TRAP_COUNT, 0)

/* Spin until every bit of `mask` is set in mip, at most `bound` polls, else
 * fail. Clobbers s2, s3, s4. */
#define WAIT_FOR_MIP(mask, bound) \
    li s2, bound; \
    li s3, mask; \
84: csrr s4, CSR_MIP; \
    and s4, s4, s3; \
    beq s4, s3, 85f; \
    addi s2, s2, -1; \
    bnez s2, 84b; \
    j fail; \
85:

/* ---- memory-mapped helpers (clobber t6 and the given temp) ---- */

/* *(base + off) = value, where value is a register */
#define MMIO_WRITE(base, off, valreg) \
    li t6, base; \
    sw valreg, off(t6)

#define MMIO_WRITEI(base, off, imm, tmp) \
    li t6, base; \
    li tmp, imm; \
    sw tmp, off(t6)

#define MMIO_READ(dest, base, off) \
    li t6, base; \
    lw dest, off(t6)

/* Raise / clear the external interrupt line (SIMCTRL.IRQ). */
#define IRQ_RAISE(tmp)       MMIO_WRITEI(SIMCTRL_BASE, SIMCTRL_IRQ, SIMCTRL_IRQ_LEVEL, tmp)
#define IRQ_CLEAR            MMIO_WRITE(SIMCTRL_BASE, SIMCTRL_IRQ, x0)
#define IRQ_DELAY_SET(reg)   MMIO_WRITE(SIMCTRL_BASE, SIMCTRL_IRQ_DELAY, reg)

#endif /* VIONIC_ISA_TEST_H */
