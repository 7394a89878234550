/*
 * rv32i_fence: fence and fence.i execute as no-ops (docs/cpu.md: no caches,
 * no write buffers). Every pred/succ combination used in practice, fence.tso,
 * fence.i, back to back and between dependent memory accesses; registers and
 * memory are as if the fences were not there; nothing traps. Also the other
 * no-op encodings (nop, HINTs writing x0).
 */
#include "isa_test.h"

TEST_START
    TRAP_RECORD_INSTALL

test_1:
    li TESTNUM, 1
    li a1, 0x1234
    la a2, fe_data
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, r
    fence w, w
    fence r, rw
    fence rw, w
    fence i, o
    fence o, i
    fence.tso
    fence.i
    fence.i
    TEST_ASSERT(a1, 0x1234)
    TEST_NO_TRAP(2)

    /* store, fence, load: the value is there */
    TEST_CASE(3, a4, 0xfeedf00d, la a2, fe_data; li a3, 0xfeedf00d; sw a3, 0(a2); fence w, r; \
              lw a4, 0(a2))
    TEST_CASE(4, a4, 0x600d, la a2, fe_data; li a3, 0x600d; sh a3, 4(a2); fence.i; lhu a4, 4(a2))
    /* a fence between a load and its use */
    TEST_CASE(5, a4, 0xfeedf00e, la a2, fe_data; lw a3, 0(a2); fence; addi a4, a3, 1)
    /* peripheral store, fence, peripheral load */
    TEST_CASE(6, a4, 0xabcdef01, li a2, SIMCTRL_BASE; li a3, 0xabcdef01; \
              sw a3, SIMCTRL_SCRATCH(a2); fence o, i; lw a4, SIMCTRL_SCRATCH(a2))
    /* fences after a taken branch / as a branch target */
    TEST_CASE(7, a4, 2, li a4, 1; j 1f; fence; 1: fence.i; addi a4, a4, 1)

    /* ---- other no-op encodings ---- */
    TEST_CASE(10, a4, 0x5a5a5a5a, li a4, 0x5a5a5a5a; nop; addi x0, a4, 1; add x0, a4, a4; \
              slli x0, a4, 3; lui x0, 1; fence; mv a4, a4)

    TEST_NO_TRAP(20)
    TRAP_DEFAULT_INSTALL
    TEST_END

TEST_DATA_BEGIN
fe_data:
    .word 0, 0
