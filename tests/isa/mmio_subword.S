/*
 * mmio_subword: byte and halfword loads/stores over the peripheral port.
 * The bus reads whole words (docs/cpu.md: "loads read the whole word") and
 * stores carry byte strobes, so lb/lbu/lh/lhu at every lane of a peripheral
 * register return that lane, and sb/sh into a read/write register change only
 * the strobed bytes. Uses SIMCTRL.ID (read-only magic), SIMCTRL.SCRATCH (r/w)
 * and TIMER.MTIMECMP (reset value all ones; read only here, the timer refuses
 * partial writes by design).
 */
#include "isa_test.h"

TEST_START

    /* ---- loads from SIMCTRL.ID = 0x56494f53 ('VIOS') ---- */
    TEST_CASE(1, a4, 0x53, li a1, SIMCTRL_BASE; lbu a4, SIMCTRL_ID + 0(a1))
    TEST_CASE(2, a4, 0x4f, li a1, SIMCTRL_BASE; lbu a4, SIMCTRL_ID + 1(a1))
    TEST_CASE(3, a4, 0x49, li a1, SIMCTRL_BASE; lb a4, SIMCTRL_ID + 2(a1))
    TEST_CASE(4, a4, 0x56, li a1, SIMCTRL_BASE; lb a4, SIMCTRL_ID + 3(a1))
    TEST_CASE(5, a4, 0x4f53, li a1, SIMCTRL_BASE; lhu a4, SIMCTRL_ID + 0(a1))
    TEST_CASE(6, a4, 0x5649, li a1, SIMCTRL_BASE; lh a4, SIMCTRL_ID + 2(a1))

    /* ---- loads from TIMER.MTIMECMP (0xffffffff after reset): sign extension ---- */
    TEST_CASE(10, a4, 0xffffffff, li a1, TIMER_BASE; lh a4, TIMER_MTIMECMP_HI + 2(a1))
    TEST_CASE(11, a4, 0x0000ffff, li a1, TIMER_BASE; lhu a4, TIMER_MTIMECMP_HI + 2(a1))
    TEST_CASE(12, a4, 0x000000ff, li a1, TIMER_BASE; lbu a4, TIMER_MTIMECMP_LO + 1(a1))
    TEST_CASE(13, a4, 0xffffffff, li a1, TIMER_BASE; lb a4, TIMER_MTIMECMP_LO + 3(a1))

    /* ---- stores into SIMCTRL.SCRATCH: only the strobed bytes change ---- */
test_20:
    li TESTNUM, 20
    li a1, SIMCTRL_BASE
    li a2, 0x11223344
    sw a2, SIMCTRL_SCRATCH(a1)
    li a3, 0xaa
    sb a3, SIMCTRL_SCRATCH + 2(a1)
    lw a4, SIMCTRL_SCRATCH(a1)
    TEST_ASSERT(a4, 0x11aa3344)
    li TESTNUM, 21
    li a3, 0xbbcc
    sh a3, SIMCTRL_SCRATCH(a1)
    lw a4, SIMCTRL_SCRATCH(a1)
    TEST_ASSERT(a4, 0x11aabbcc)
    li TESTNUM, 22
    li a3, 0xdd
    sb a3, SIMCTRL_SCRATCH + 0(a1)
    lw a4, SIMCTRL_SCRATCH(a1)
    TEST_ASSERT(a4, 0x11aabbdd)
    li TESTNUM, 23
    li a3, 0x12345678
    sh a3, SIMCTRL_SCRATCH + 2(a1)
    lw a4, SIMCTRL_SCRATCH(a1)
    TEST_ASSERT(a4, 0x5678bbdd)
    li TESTNUM, 24
    lbu a4, SIMCTRL_SCRATCH + 3(a1)
    TEST_ASSERT(a4, 0x56)

    TEST_END
