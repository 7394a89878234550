/*
 * trap_illegal: illegal-instruction exceptions (mcause 2, mtval = the
 * instruction word, mepc = its address). All-zero and all-ones words, unknown
 * or unimplemented CSRs, writes to read-only CSRs (including csrrs/csrrc with
 * an rs1 other than x0 holding 0, and csrrwi with uimm 0), opcodes of
 * extensions the core lacks (A, F, RV64, custom, V, 48/64-bit prefixes),
 * reserved funct3/funct7 values of OP, OP-IMM shifts, LOAD, STORE, BRANCH,
 * JALR, MISC-MEM and SYSTEM, S-mode/U-mode returns. For every case: no
 * architectural effect (rd unchanged, memory unchanged, the next instruction
 * not executed before the trap) and mret to mepc + 4 continues after it.
 * Also: an illegal word in the shadow of a taken jump is never executed.
 */
#include "isa_test.h"

/* a4 = rd of the encoded instructions; a1 -> ill_mem; a2 = 0x77; a3 = 0 */
#define ILLEGAL_CASE(n, insn) \
test_ ## n: \
    li TESTNUM, n; \
    la a1, ill_mem; \
    li a2, 0x77; \
    li a3, 0; \
    li a4, 0x5a5a5a5a; \
    li a7, 0; \
ill_ ## n: \
    .word insn; \
    addi a7, a7, 1; \
    li TESTNUM, (n) + 4; \
    TEST_ASSERT(a4, 0x5a5a5a5a); \
    li TESTNUM, (n) + 5; \
    TEST_ASSERT(TRAP_WITNESS, 0); \
    li TESTNUM, (n) + 6; \
    TEST_ASSERT(a7, 1); \
    TEST_TRAP(n, CAUSE_ILLEGAL_INSN, ill_ ## n, insn)

/* Register numbers for the encodings. */
#define X0 0
#define A1 11
#define A2 12
#define A3 13
#define A4 14

TEST_START
    TRAP_RECORD_INSTALL

    /* ---- the classic ones ---- */
    ILLEGAL_CASE(10, 0x00000000)
    ILLEGAL_CASE(20, 0xffffffff)

    /* ---- CSRs that do not exist ---- */
    ILLEGAL_CASE(30, ENC_CSR(0x7c0, X0, 2, A4))         /* csrr a4, 0x7c0 */
    ILLEGAL_CASE(40, ENC_CSR(0x7c0, A2, 1, X0))         /* csrw 0x7c0, a2 */
    ILLEGAL_CASE(50, ENC_CSR(0x3a0, X0, 2, A4))         /* pmpcfg0: no PMP */
    ILLEGAL_CASE(60, ENC_CSR(0x180, X0, 2, A4))         /* satp: no S-mode */
    ILLEGAL_CASE(70, ENC_CSR(0x001, X0, 2, A4))         /* fflags: no F */
    ILLEGAL_CASE(80, ENC_CSR(0x800, X0, 6, A4))         /* custom user CSR, csrrsi 0 */

    /* ---- writes to read-only CSRs ---- */
    ILLEGAL_CASE(90, ENC_CSR(CSR_MVENDORID, A2, 1, A4)) /* csrrw a4, mvendorid, a2 */
    ILLEGAL_CASE(100, ENC_CSR(CSR_MHARTID, A2, 1, X0))  /* csrw mhartid, a2 */
    ILLEGAL_CASE(110, ENC_CSR(CSR_MHARTID, A3, 2, A4))  /* csrrs, rs1 != x0 holding 0 */
    ILLEGAL_CASE(120, ENC_CSR(CSR_MARCHID, A3, 3, A4))  /* csrrc, rs1 != x0 holding 0 */
    ILLEGAL_CASE(130, ENC_CSR(CSR_MIMPID, 1, 6, A4))    /* csrrsi uimm = 1 */
    ILLEGAL_CASE(140, ENC_CSR(CSR_CYCLE, 4, 7, A4))     /* csrrci uimm = 4 */
    ILLEGAL_CASE(150, ENC_CSR(CSR_TIME, 0, 5, X0))      /* csrrwi x0, time, 0: still a write */
    ILLEGAL_CASE(160, ENC_CSR(CSR_INSTRETH, A2, 1, A4))
    ILLEGAL_CASE(170, ENC_CSR(CSR_CYCLEH, A2, 2, A4))

    /* ---- opcodes of extensions the core does not have ---- */
    ILLEGAL_CASE(180, ENC_R(0x00, A2, A1, 2, A4, 0x2f)) /* amoadd.w a4, a2, (a1) */
    ILLEGAL_CASE(190, ENC_R(0x08, X0, A1, 2, A4, 0x2f)) /* lr.w a4, (a1) */
    ILLEGAL_CASE(200, ENC_I(0, A1, 2, A4, 0x07))        /* flw fa4, 0(a1) */
    ILLEGAL_CASE(210, ENC_R(0x00, A2, A1, 2, 0, 0x27))  /* fsw fa2, 0(a1) */
    ILLEGAL_CASE(220, ENC_R(0x00, A2, A1, 0, A4, 0x53)) /* fadd.s */
    ILLEGAL_CASE(230, ENC_R(0x00, A2, A1, 0, A4, 0x3b)) /* addw (RV64) */
    ILLEGAL_CASE(240, ENC_I(1, A1, 0, A4, 0x1b))        /* addiw (RV64) */
    ILLEGAL_CASE(250, ENC_I(0, A1, 3, A4, 0x03))        /* ld (RV64) */
    ILLEGAL_CASE(260, ENC_I(0, A1, 6, A4, 0x03))        /* lwu (RV64) */
    ILLEGAL_CASE(270, ENC_I(0, A1, 7, A4, 0x03))        /* load funct3 7 */
    ILLEGAL_CASE(280, ENC_R(0x00, A2, A1, 3, 0, 0x23))  /* sd (RV64) */
    ILLEGAL_CASE(290, ENC_R(0x00, A2, A1, 4, 0, 0x23))  /* store funct3 4 */
    ILLEGAL_CASE(300, ENC_R(0x00, A2, A1, 7, 0, 0x23))  /* store funct3 7 */
    ILLEGAL_CASE(310, ENC_I(0, A1, 0, A4, 0x0b))        /* custom-0 */
    ILLEGAL_CASE(320, ENC_I(0, A1, 0, A4, 0x2b))        /* custom-1 */
    ILLEGAL_CASE(330, ENC_I(0, A1, 0, A4, 0x5b))        /* custom-2 */
    ILLEGAL_CASE(340, ENC_I(0, A1, 0, A4, 0x7b))        /* custom-3 */
    ILLEGAL_CASE(350, ENC_R(0x00, A2, A1, 0, A4, 0x57)) /* OP-V */
    ILLEGAL_CASE(360, ENC_I(0, A1, 0, A4, 0x6b))        /* reserved opcode */
    ILLEGAL_CASE(370, 0x0000001f)                       /* 48-bit prefix */
    ILLEGAL_CASE(380, 0x0000003f)                       /* 64-bit prefix */
    ILLEGAL_CASE(390, 0x0000007f)                       /* >= 80-bit prefix */

    /* ---- reserved funct fields of base opcodes ---- */
    ILLEGAL_CASE(400, ENC_R(0x10, A2, A1, 0, A4, 0x33)) /* add with funct7 0x10 */
    ILLEGAL_CASE(410, ENC_R(0x02, A2, A1, 0, A4, 0x33)) /* add with funct7 0x02 */
    ILLEGAL_CASE(420, ENC_R(0x40, A2, A1, 0, A4, 0x33)) /* add with funct7 0x40 */
    ILLEGAL_CASE(430, ENC_R(0x20, A2, A1, 1, A4, 0x33)) /* sll with funct7 0x20 */
    ILLEGAL_CASE(440, ENC_R(0x20, A2, A1, 7, A4, 0x33)) /* and with funct7 0x20 (andn: no Zbb) */
    ILLEGAL_CASE(450, ENC_R(0x21, A2, A1, 4, A4, 0x33)) /* div with an extra funct7 bit */
    ILLEGAL_CASE(460, ENC_I(0x403, A1, 1, A4, 0x13))    /* slli with imm[11:5] = 0x20 */
    ILLEGAL_CASE(470, ENC_I(0x023, A1, 5, A4, 0x13))    /* srli with shamt[5] set (RV64 only) */
    ILLEGAL_CASE(480, ENC_I(0x423, A1, 5, A4, 0x13))    /* srai with shamt[5] set */
    ILLEGAL_CASE(490, ENC_I(0x203, A1, 1, A4, 0x13))    /* slli with imm[11:5] = 0x10 */
    ILLEGAL_CASE(500, ENC_B(8, A2, A1, 2))              /* branch funct3 2 */
    ILLEGAL_CASE(510, ENC_B(8, A2, A1, 3))              /* branch funct3 3 */
    ILLEGAL_CASE(520, ENC_I(8, A1, 1, A4, 0x67))        /* jalr funct3 1 */
    ILLEGAL_CASE(530, ENC_I(0, X0, 2, X0, 0x0f))        /* MISC-MEM funct3 2 (cbo.*: no Zicbom) */
    ILLEGAL_CASE(540, ENC_I(0, A1, 4, A4, 0x73))        /* SYSTEM funct3 4 (hlv: no H) */
    ILLEGAL_CASE(550, 0x10200073)                       /* sret: no S-mode */
    ILLEGAL_CASE(560, 0x00200073)                       /* uret: no U-mode traps */
    ILLEGAL_CASE(570, 0x12000073)                       /* sfence.vma: no S-mode */
    ILLEGAL_CASE(580, 0x7b200073)                       /* dret outside debug mode */

    /* nothing executed as a store: memory unchanged */
    TEST_CASE(600, a4, 0x600dd00d, la a1, ill_mem; lw a4, 0(a1))

    /* ---- a 16-bit (C) encoding: the core has no C extension ---- */
test_610:
    li TESTNUM, 610
ill_610:
    .word 0x45014501            /* c.li a0, 0; c.li a0, 0 */
    TEST_ASSERT(TRAP_COUNT, 1)
    li TESTNUM, 611
    TEST_ASSERT(TRAP_CAUSE, CAUSE_ILLEGAL_INSN)
    li TESTNUM, 612
    TEST_ASSERT_ADDR(TRAP_EPC, ill_610)
    TRAP_CLEAR

    /* ---- illegal words after a taken jump/branch are never executed ---- */
test_620:
    li TESTNUM, 620
    j 1f
    .word 0x00000000
    .word 0xffffffff
1:  li a1, 1
    bnez a1, 2f
    .word 0x00000000
2:  TEST_NO_TRAP(621)

    /* ---- two illegal instructions back to back: two traps, in order ---- */
test_630:
    li TESTNUM, 630
ill_630:
    .word 0x00000000
ill_631:
    .word 0xffffffff
    TEST_ASSERT(TRAP_COUNT, 2)
    li TESTNUM, 631
    TEST_ASSERT_ADDR(TRAP_EPC, ill_631)      /* the record keeps the last one */
    li TESTNUM, 632
    TEST_ASSERT(TRAP_VAL, 0xffffffff)
    TRAP_CLEAR

    TRAP_DEFAULT_INSTALL
    TEST_END

TEST_DATA_BEGIN
ill_mem:
    .word 0x600dd00d
    .word 0x600dd00d
