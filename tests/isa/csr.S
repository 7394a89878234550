/*
 * csr: csrrw csrrs csrrc csrrwi csrrsi csrrci. Old value returned and new
 * value written (mscratch), rs1 = x0 / uimm = 0 forms do not write (legal on
 * read-only CSRs), rd = x0 forms, rd == rs1 swap, 5-bit zero-extended uimm,
 * a CSR read/written and used back to back; the ID CSRs (misa 0x40001100,
 * mvendorid/marchid/mhartid 0, mimpid), WARL behaviour of mtvec/mepc
 * (bits 1:0 read 0), mstatus (MPP reads 3, MIE/MPIE writable), mie (only
 * MSIE/MTIE/MEIE), mcause/mtval, mip reading 0 with nothing pending.
 */
#include "isa_test.h"

TEST_START

    /* ---- csrrw: returns the old value, writes rs1 ---- */
    TEST_CASE(1, a4, 0, csrw CSR_MSCRATCH, x0; csrr a4, CSR_MSCRATCH)
    TEST_CASE(2, a4, 0x12345678, li a1, 0x12345678; csrw CSR_MSCRATCH, a1; csrr a4, CSR_MSCRATCH)
    TEST_CASE(3, a4, 0x12345678, li a1, 0xcafebabe; csrrw a4, CSR_MSCRATCH, a1)
    TEST_CASE(4, a4, 0xcafebabe, csrr a4, CSR_MSCRATCH)
    /* rd == rs1: a swap */
    TEST_CASE(5, a1, 0xcafebabe, li a1, 0x0f0f0f0f; csrrw a1, CSR_MSCRATCH, a1)
    TEST_CASE(6, a4, 0x0f0f0f0f, csrr a4, CSR_MSCRATCH)
    /* rd = x0: write only */
    TEST_CASE(7, a4, 0x00000001, li a1, 1; csrrw x0, CSR_MSCRATCH, a1; csrr a4, CSR_MSCRATCH)

    /* ---- csrrs: returns the old value, sets the bits of rs1 ---- */
    TEST_CASE(10, a4, 0x00000001, li a1, 0xf0000000; csrrs a4, CSR_MSCRATCH, a1)
    TEST_CASE(11, a4, 0xf0000001, csrr a4, CSR_MSCRATCH)
    TEST_CASE(12, a4, 0xf0000001, csrrs a4, CSR_MSCRATCH, x0)  /* rs1 = x0: no write */
    TEST_CASE(13, a4, 0xf0000001, li a1, 0x00000001; csrrs a4, CSR_MSCRATCH, a1)  /* already set */
    TEST_CASE(14, a4, 0xf0000001, csrr a4, CSR_MSCRATCH)

    /* ---- csrrc: returns the old value, clears the bits of rs1 ---- */
    TEST_CASE(20, a4, 0xf0000001, li a1, 0x30000001; csrrc a4, CSR_MSCRATCH, a1)
    TEST_CASE(21, a4, 0xc0000000, csrr a4, CSR_MSCRATCH)
    TEST_CASE(22, a4, 0xc0000000, csrrc a4, CSR_MSCRATCH, x0)  /* rs1 = x0: no write */
    TEST_CASE(23, a4, 0xc0000000, csrr a4, CSR_MSCRATCH)
    TEST_CASE(24, a4, 0x00000000, li a1, -1; csrc CSR_MSCRATCH, a1; csrr a4, CSR_MSCRATCH)

    /* ---- immediate forms: uimm is 5 bits, zero-extended ---- */
    TEST_CASE(30, a4, 0x00000000, csrrwi a4, CSR_MSCRATCH, 31)
    TEST_CASE(31, a4, 0x0000001f, csrr a4, CSR_MSCRATCH)
    TEST_CASE(32, a4, 0x0000001f, csrrci a4, CSR_MSCRATCH, 0x15)
    TEST_CASE(33, a4, 0x0000000a, csrr a4, CSR_MSCRATCH)
    TEST_CASE(34, a4, 0x0000000a, csrrsi a4, CSR_MSCRATCH, 0x11)
    TEST_CASE(35, a4, 0x0000001b, csrr a4, CSR_MSCRATCH)
    TEST_CASE(36, a4, 0x0000001b, csrrsi a4, CSR_MSCRATCH, 0)   /* uimm = 0: no write */
    TEST_CASE(37, a4, 0x0000001b, csrrci a4, CSR_MSCRATCH, 0)
    TEST_CASE(38, a4, 0x0000001b, csrrwi a4, CSR_MSCRATCH, 0)   /* csrrwi 0 does write */
    TEST_CASE(39, a4, 0x00000000, csrr a4, CSR_MSCRATCH)
    TEST_CASE(40, a4, 0x00000010, li a1, 0xffffffff; csrw CSR_MSCRATCH, a1; \
              csrci CSR_MSCRATCH, 0x1f; csrr a4, CSR_MSCRATCH; srli a4, a4, 28; addi a4, a4, 1)
    /* (0xffffffe0 >> 28) + 1 = 0x10: the uimm is not sign-extended */

    /* ---- back to back: write then read, read then use ---- */
    TEST_CASE(50, a4, 0x11111112, li a1, 0x11111111; csrw CSR_MSCRATCH, a1; \
              csrr a2, CSR_MSCRATCH; addi a4, a2, 1)
    TEST_CASE(51, a4, 0x22222222, li a1, 0x22222222; csrrw a2, CSR_MSCRATCH, a1; \
              csrrw a4, CSR_MSCRATCH, a2)       /* a2 = 0x11111111 goes back in */
    TEST_CASE(52, a4, 0x11111111, csrr a4, CSR_MSCRATCH)
    TEST_CASE(53, a4, 0x33333333, li a1, 0x11111111; csrr a2, CSR_MSCRATCH; add a3, a2, a1; \
              csrw CSR_MSCRATCH, a3; csrr a4, CSR_MSCRATCH; add a4, a4, a1)
    /* rs1 forwarded from the previous instruction */
    TEST_CASE(54, a4, 0x00000abc, li a1, 0xabc; csrw CSR_MSCRATCH, a1; csrr a4, CSR_MSCRATCH)
    /* rs1 from a load (load-use into a CSR write) */
    TEST_CASE(55, a4, 0x5a5aa5a5, la a1, csr_data; lw a2, 0(a1); csrw CSR_MSCRATCH, a2; \
              csrr a4, CSR_MSCRATCH)
    /* rd = x0 read of a CSR leaves x0 zero */
    TEST_CASE(56, a4, 0, csrrs x0, CSR_MSCRATCH, x0; mv a4, x0)

    /* ---- identification ---- */
    TEST_CASE(60, a4, VIONIC_RISCV_MISA_VALUE, csrr a4, CSR_MISA)
    TEST_CASE(61, a4, 0x40001100, csrr a4, CSR_MISA)            /* RV32 (MXL=1), I, M */
    TEST_CASE(62, a4, 0, li a4, -1; csrr a4, CSR_MVENDORID)
    TEST_CASE(63, a4, 0, li a4, -1; csrr a4, CSR_MARCHID)
    TEST_CASE(64, a4, VIONIC_RISCV_MIMPID_VALUE, csrr a4, CSR_MIMPID)
    TEST_CASE(65, a4, 0, li a4, -1; csrr a4, CSR_MHARTID)
    /* read-only CSRs accept the non-writing forms */
    TEST_CASE(66, a4, 0, li a4, -1; csrrsi a4, CSR_MHARTID, 0)
    TEST_CASE(67, a4, 0, li a4, -1; csrrci a4, CSR_MVENDORID, 0)
    TEST_CASE(68, a4, 0, li a4, -1; csrrc a4, CSR_MARCHID, x0)
    TEST_CASE(69, a4, VIONIC_RISCV_MISA_VALUE, csrrs a4, CSR_MISA, x0)

    /* ---- mtvec: direct mode only, bits 1:0 read 0 ---- */
test_70:
    li TESTNUM, 70
    la a1, vionic_trap_unexpected
    ori a2, a1, 3
    csrw CSR_MTVEC, a2
    csrr a4, CSR_MTVEC
    TEST_ASSERT_REG(a4, a1)
    li TESTNUM, 71
    ori a2, a1, 1                /* vectored-mode request: not supported */
    csrrw a4, CSR_MTVEC, a2
    TEST_ASSERT_REG(a4, a1)
    li TESTNUM, 72
    csrr a4, CSR_MTVEC
    TEST_ASSERT_REG(a4, a1)
    li TESTNUM, 73
    ori a2, a1, 2
    csrw CSR_MTVEC, a2
    csrr a4, CSR_MTVEC
    TEST_ASSERT_REG(a4, a1)
    csrw CSR_MTVEC, a1

    /* ---- mepc: bits 1:0 read 0 ---- */
test_80:
    li TESTNUM, 80
    la a1, csr_label
    ori a2, a1, 3
    csrw CSR_MEPC, a2
    csrr a4, CSR_MEPC
    TEST_ASSERT_REG(a4, a1)
    TEST_CASE(81, a4, 0x10000004, li a1, 0x10000006; csrw CSR_MEPC, a1; csrr a4, CSR_MEPC)
    TEST_CASE(82, a4, 0xfffffffc, li a1, -1; csrw CSR_MEPC, a1; csrr a4, CSR_MEPC)
    TEST_CASE(83, a4, 0x00000100, csrwi CSR_MEPC, 0x1; csrsi CSR_MEPC, 0x2; li a4, 0x100; \
              csrs CSR_MEPC, a4; csrr a4, CSR_MEPC)

    /* ---- mcause / mtval hold what is written (legal values) ---- */
    TEST_CASE(90, a4, CAUSE_IRQ_EXTERNAL, li a1, CAUSE_IRQ_EXTERNAL; csrw CSR_MCAUSE, a1; \
              csrr a4, CSR_MCAUSE)
    TEST_CASE(91, a4, CAUSE_ILLEGAL_INSN, li a1, CAUSE_ILLEGAL_INSN; csrw CSR_MCAUSE, a1; \
              csrr a4, CSR_MCAUSE)
    TEST_CASE(92, a4, 0x9abcdef1, li a1, 0x9abcdef1; csrw CSR_MTVAL, a1; csrr a4, CSR_MTVAL)
    TEST_CASE(93, a4, 0, csrw CSR_MTVAL, x0; csrr a4, CSR_MTVAL)

    /* ---- mstatus: MPP reads 3 (M only), MIE/MPIE read back ---- */
    TEST_CASE(100, a4, MSTATUS_MPP, csrw CSR_MSTATUS, x0; csrr a4, CSR_MSTATUS)
    TEST_CASE(101, a4, MSTATUS_MPP | MSTATUS_MPIE, li a1, MSTATUS_MPIE; csrw CSR_MSTATUS, a1; \
              csrr a4, CSR_MSTATUS)
    /* MIE with mie = 0: nothing can be taken */
    TEST_CASE(102, a4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, csrsi CSR_MSTATUS, MSTATUS_MIE; \
              csrr a4, CSR_MSTATUS)
    TEST_CASE(103, a4, MSTATUS_MPP | MSTATUS_MIE, li a1, MSTATUS_MPIE; csrc CSR_MSTATUS, a1; \
              csrr a4, CSR_MSTATUS)
    TEST_CASE(104, a4, MSTATUS_MPP, li a1, MSTATUS_MPP | MSTATUS_MIE; csrc CSR_MSTATUS, a1; \
              csrr a4, CSR_MSTATUS)             /* clearing MPP: still 3 */
    TEST_CASE(105, a4, MSTATUS_MPP | MSTATUS_MPIE, li a1, MSTATUS_MPIE | MSTATUS_MPP; \
              csrrs x0, CSR_MSTATUS, a1; csrr a4, CSR_MSTATUS)
    csrw CSR_MSTATUS, x0

    /* ---- mie: only MSIE, MTIE, MEIE are implemented ---- */
    TEST_CASE(110, a4, 0, csrr a4, CSR_MIE)
    TEST_CASE(111, a4, MIE_MSIE | MIE_MTIE | MIE_MEIE, li a1, -1; csrw CSR_MIE, a1; \
              csrr a4, CSR_MIE)
    TEST_CASE(112, a4, MIE_MSIE | MIE_MEIE, li a1, MIE_MTIE; csrc CSR_MIE, a1; csrr a4, CSR_MIE)
    TEST_CASE(113, a4, MIE_MTIE, li a1, MIE_MTIE; csrw CSR_MIE, a1; csrr a4, CSR_MIE)
    csrw CSR_MIE, x0

    /* ---- mip: nothing pending after reset (mtimecmp all ones, no msip, no irq) ---- */
    TEST_CASE(120, a4, 0, li a4, -1; csrr a4, CSR_MIP)

    /* ---- counters readable through every alias ---- */
test_130:
    li TESTNUM, 130
    csrr a1, CSR_MCYCLE
    csrr a2, CSR_CYCLE
    sub a4, a2, a1
    beqz a4, fail               /* cycle advanced */
    li TESTNUM, 131
    csrr a1, CSR_MINSTRET
    csrr a2, CSR_INSTRET
    sub a4, a2, a1
    TEST_ASSERT(a4, 1)
    li TESTNUM, 132
    csrr a1, CSR_MCYCLEH
    csrr a2, CSR_CYCLEH
    TEST_ASSERT_REG(a2, a1)
    li TESTNUM, 133
    csrr a1, CSR_MINSTRETH
    csrr a2, CSR_INSTRETH
    TEST_ASSERT_REG(a2, a1)
    li TESTNUM, 134
    csrr a1, CSR_TIME
    csrr a2, CSR_TIME
    sub a4, a2, a1
    beqz a4, fail               /* time advanced */
    li TESTNUM, 135
    csrr a4, CSR_TIMEH
    TEST_ASSERT(a4, 0)          /* far from 2^32 cycles */

    TEST_END

csr_label:
    nop

TEST_DATA_BEGIN
csr_data:
    .word 0x5a5aa5a5
