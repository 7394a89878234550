/*
 * trap_access_fault: access-fault exceptions.
 *  - load access fault (mcause 5, mtval = the byte address): outside every
 *    region, a data load from ITCM, beyond the DTCM/TIMER sizes inside their
 *    windows, unmapped peripheral addresses (the harness answers with a bus
 *    error), above the peripheral window;
 *  - store access fault (mcause 7): the same, plus stores into ITCM (the code
 *    stored over is executed afterwards to prove it is unchanged);
 *  - instruction access fault (mcause 1, mtval = mepc = the target): jumps and
 *    mret to DTCM, beyond the ITCM size, outside every region, the peripheral
 *    window; the jump itself completes (its link register is written).
 * Precision: rd unchanged, the instruction after the fault is not executed
 * before the trap (a following store/load is skipped with TRAP_RESUME and
 * must have had no effect), and a good access right after works.
 */
#include "isa_test.h"

/* Addresses built from the generated memory map. */
#define HOLE_ADDR       (VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_WINDOW)  /* no region */
#define DTCM_END        (VIONIC_MAP_DTCM_BASE + VIONIC_MAP_DTCM_SIZE)
#define TIMER_END       (VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_SIZE)
#define ITCM_END        (VIONIC_MAP_ITCM_BASE + VIONIC_MAP_ITCM_SIZE)
#define SIMCTRL_HOLE    (VIONIC_MAP_SIMCTRL_BASE + 0x800)     /* unmapped SIMCTRL offset */
#define PERIPH_UNMAPPED (VIONIC_MAP_SIMCTRL_BASE + VIONIC_MAP_SIMCTRL_WINDOW)
#define PERIPH_END      (VIONIC_MAP_PERIPH_BASE + VIONIC_MAP_PERIPH_SIZE)

#define PREP \
    li a2, 0x11223344; \
    li a4, 0x5a5a5a5a; \
    li a7, 0

/* n..n+3 trap record (a5 = expected mtval), n+4 rd unchanged, n+5 the next
 * instruction did not run before the trap, n+6 it ran once after. */
#define EXPECT_TRAP(n, cause, label) \
    li TESTNUM, (n) + 4; \
    TEST_ASSERT(a4, 0x5a5a5a5a); \
    li TESTNUM, (n) + 5; \
    TEST_ASSERT(TRAP_WITNESS, 0); \
    li TESTNUM, (n) + 6; \
    TEST_ASSERT(a7, 1); \
    TEST_TRAP_VALREG(n, cause, label, a5)

/* load from (address expression addr) + off */
#define LOAD_FAULT(n, inst, addr, off) \
test_ ## n: \
    li TESTNUM, n; \
    PREP; \
    li a1, addr; \
    li a5, (addr) + (off); \
af_ ## n: \
    inst a4, off(a1); \
    addi a7, a7, 1; \
    EXPECT_TRAP(n, CAUSE_LOAD_ACCESS_FAULT, af_ ## n)

#define STORE_FAULT(n, inst, addr, off) \
test_ ## n: \
    li TESTNUM, n; \
    PREP; \
    li a1, addr; \
    li a5, (addr) + (off); \
af_ ## n: \
    inst a2, off(a1); \
    addi a7, a7, 1; \
    EXPECT_TRAP(n, CAUSE_STORE_ACCESS_FAULT, af_ ## n)

/* jump (jalr a6) to addr: the fetch there faults; resume after the check */
#define FETCH_FAULT(n, addr) \
test_ ## n: \
    li TESTNUM, n; \
    li a6, 0; \
    li a5, addr; \
    la TRAP_RESUME, 1f; \
af_jump_ ## n: \
    jalr a6, 0(a5); \
    j fail; \
1:  li TESTNUM, (n) + 4; \
    TEST_ASSERT_ADDR(a6, af_jump_ ## n + 4); \
    li TESTNUM, n; \
    TEST_ASSERT(TRAP_COUNT, 1); \
    li TESTNUM, (n) + 1; \
    TEST_ASSERT(TRAP_CAUSE, CAUSE_INSN_ACCESS_FAULT); \
    li TESTNUM, (n) + 2; \
    TEST_ASSERT_REG(TRAP_EPC, a5); \
    li TESTNUM, (n) + 3; \
    TEST_ASSERT_REG(TRAP_VAL, a5); \
    TRAP_CLEAR

TEST_START
    TRAP_RECORD_INSTALL

    /* ---- loads ---- */
    LOAD_FAULT(10, lw, HOLE_ADDR, 0)
    LOAD_FAULT(20, lb, HOLE_ADDR, 1)            /* mtval is the byte address */
    LOAD_FAULT(30, lhu, HOLE_ADDR, 0x7fe)
    LOAD_FAULT(40, lw, DTCM_END, 0)
    LOAD_FAULT(50, lw, DTCM_END, 0x7fc)         /* further beyond the DTCM */
    LOAD_FAULT(60, lw, TIMER_END, 0)
    LOAD_FAULT(70, lw, SIMCTRL_HOLE, 0)         /* peripheral bus error */
    LOAD_FAULT(80, lbu, SIMCTRL_HOLE, 4)
    LOAD_FAULT(90, lw, PERIPH_UNMAPPED, 0)      /* peripheral bus error */
    LOAD_FAULT(100, lw, PERIPH_END, 0)          /* above the peripheral window */
    LOAD_FAULT(110, lh, PERIPH_END, -2)         /* last halfword of the window */

    /* data loads from ITCM (fetch-only) */
test_120:
    li TESTNUM, 120
    PREP
    la a1, itcm_victim
    mv a5, a1
af_120:
    lw a4, 0(a1)
    addi a7, a7, 1
    EXPECT_TRAP(120, CAUSE_LOAD_ACCESS_FAULT, af_120)
test_130:
    li TESTNUM, 130
    PREP
    la a1, itcm_victim
    addi a5, a1, 3
af_130:
    lbu a4, 3(a1)
    addi a7, a7, 1
    EXPECT_TRAP(130, CAUSE_LOAD_ACCESS_FAULT, af_130)
    LOAD_FAULT(140, lw, VIONIC_MAP_ITCM_BASE, 0)    /* the reset vector */

    /* rd == rs1: the base register must survive */
test_150:
    li TESTNUM, 150
    PREP
    li a4, HOLE_ADDR
    mv a5, a4
af_150:
    lw a4, 0(a4)
    addi a7, a7, 1
    li TESTNUM, 154
    TEST_ASSERT(a4, HOLE_ADDR)
    li a4, 0x5a5a5a5a
    EXPECT_TRAP(150, CAUSE_LOAD_ACCESS_FAULT, af_150)

    /* a dependent instruction and a load right after the fault: skipped via
     * TRAP_RESUME, they must have had no effect */
test_160:
    li TESTNUM, 160
    PREP
    li a1, HOLE_ADDR
    la a3, af_word
    la TRAP_RESUME, 1f
    lw a4, 0(a1)
    add a7, a4, a4              /* load-use of the faulting load */
    lw a6, 0(a3)
1:  TEST_ASSERT(a7, 0)
    li TESTNUM, 161
    TEST_ASSERT(TRAP_WITNESS, 0)
    li TESTNUM, 162
    TEST_ASSERT(a4, 0x5a5a5a5a)
    li TESTNUM, 163
    TEST_ASSERT(TRAP_COUNT, 1)
    TRAP_CLEAR
    /* the bus works normally after an error */
    TEST_CASE(164, a4, VIONIC_SIMCTRL_ID_MAGIC_RESET, li a1, SIMCTRL_BASE; \
              lw a4, SIMCTRL_ID(a1))
    TEST_CASE(165, a4, 0x0dd0cafe, la a1, af_word; lw a4, 0(a1))

    /* ---- stores ---- */
    STORE_FAULT(200, sw, HOLE_ADDR, 0)
    STORE_FAULT(210, sb, HOLE_ADDR, 3)
    STORE_FAULT(220, sh, HOLE_ADDR, 2)
    STORE_FAULT(230, sw, DTCM_END, 0)
    STORE_FAULT(240, sw, TIMER_END, 0)
    STORE_FAULT(250, sw, SIMCTRL_HOLE, 0)       /* peripheral bus error */
    STORE_FAULT(260, sb, SIMCTRL_HOLE, 1)
    STORE_FAULT(270, sw, PERIPH_UNMAPPED, 0)    /* peripheral bus error */
    STORE_FAULT(280, sw, PERIPH_END, 0)
    STORE_FAULT(290, sw, VIONIC_MAP_ITCM_BASE, 0)   /* over the reset vector */
    /* the timer takes whole-word writes only (regs/timer.toml): a partial write faults ... */
    STORE_FAULT(292, sb, VIONIC_MAP_TIMER_BASE + VIONIC_TIMER_MTIMECMP_HI_OFFSET, 1)
    STORE_FAULT(294, sh, VIONIC_MAP_TIMER_BASE + VIONIC_TIMER_MTIMECMP_HI_OFFSET, 2)
    /* ... and leaves the register as it was (all ones after reset) */
    TEST_CASE(296, a4, 0xffffffff, li a1, VIONIC_MAP_TIMER_BASE; \
              lw a4, VIONIC_TIMER_MTIMECMP_HI_OFFSET(a1))

    /* stores into ITCM over code that runs afterwards */
test_300:
    li TESTNUM, 300
    PREP
    la a1, itcm_victim
    mv a5, a1
af_300:
    sw x0, 0(a1)
    addi a7, a7, 1
    EXPECT_TRAP(300, CAUSE_STORE_ACCESS_FAULT, af_300)
test_310:
    li TESTNUM, 310
    PREP
    la a1, itcm_victim
    addi a5, a1, 6
af_310:
    sh a2, 6(a1)
    addi a7, a7, 1
    EXPECT_TRAP(310, CAUSE_STORE_ACCESS_FAULT, af_310)
test_320:
    li TESTNUM, 320
    PREP
    la a1, itcm_victim
    addi a5, a1, 1
af_320:
    sb a2, 1(a1)
    addi a7, a7, 1
    EXPECT_TRAP(320, CAUSE_STORE_ACCESS_FAULT, af_320)
    /* the victim code is intact */
    TEST_CASE(330, a3, 0x1234, li a3, 0; call itcm_victim)

    /* a store right after a faulting store is not performed before the trap
     * (skipped with TRAP_RESUME: the word must be unchanged) */
test_340:
    li TESTNUM, 340
    PREP
    li a1, HOLE_ADDR
    la a3, af_word
    la TRAP_RESUME, 1f
    sw a2, 0(a1)
    sw a2, 0(a3)
    addi a7, a7, 1
1:  lw a4, 0(a3)
    TEST_ASSERT(a4, 0x0dd0cafe)
    li TESTNUM, 341
    TEST_ASSERT(a7, 0)
    li TESTNUM, 342
    TEST_ASSERT(TRAP_COUNT, 1)
    li TESTNUM, 343
    TEST_ASSERT(TRAP_CAUSE, CAUSE_STORE_ACCESS_FAULT)
    TRAP_CLEAR
    /* and a faulting store after a good one: the good one is done */
test_350:
    li TESTNUM, 350
    li a1, HOLE_ADDR
    la a3, af_word
    li a2, 0x600d0001
    sw a2, 4(a3)
    sw a2, 0(a1)
    lw a4, 4(a3)
    TEST_ASSERT(a4, 0x600d0001)
    li TESTNUM, 351
    TEST_ASSERT(TRAP_COUNT, 1)
    TRAP_CLEAR

    /* ---- instruction fetch outside ITCM ---- */
    FETCH_FAULT(400, VIONIC_MAP_DTCM_BASE)
    FETCH_FAULT(410, VIONIC_MAP_DTCM_BASE + 0x100)
    FETCH_FAULT(420, ITCM_END)
    FETCH_FAULT(430, ITCM_END + 0x1000)
    FETCH_FAULT(440, HOLE_ADDR)
    FETCH_FAULT(450, VIONIC_MAP_TIMER_BASE)
    FETCH_FAULT(460, VIONIC_MAP_SIMCTRL_BASE)
    FETCH_FAULT(470, PERIPH_END)
    FETCH_FAULT(480, 0xfffffffc)

    /* mret to a DTCM address: the fetch there faults */
test_500:
    li TESTNUM, 500
    li a5, VIONIC_MAP_DTCM_BASE + 0x40
    csrw CSR_MEPC, a5
    la TRAP_RESUME, 1f
    mret
    j fail
1:  TEST_ASSERT(TRAP_COUNT, 1)
    li TESTNUM, 501
    TEST_ASSERT(TRAP_CAUSE, CAUSE_INSN_ACCESS_FAULT)
    li TESTNUM, 502
    TEST_ASSERT_REG(TRAP_EPC, a5)
    li TESTNUM, 503
    TEST_ASSERT_REG(TRAP_VAL, a5)
    TRAP_CLEAR

    /* a jal within ITCM after all that still works */
    TEST_CASE(510, a3, 0x1234, li a3, 0; call itcm_victim)

    TRAP_DEFAULT_INSTALL
    TEST_END

    .balign 4
itcm_victim:
    li a3, 0x1234
    ret
    nop

TEST_DATA_BEGIN
af_word:
    .word 0x0dd0cafe
    .word 0
