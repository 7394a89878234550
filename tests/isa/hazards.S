/*
 * hazards: data dependences at pipeline distance 0..2 across every producer
 * (ALU, lui/auipc, load, mul, div, csr read, jal/jalr link) and consumer
 * (ALU, shift amount, branch, store data, store address, load address, jalr
 * target, csr write, mul/div operand), write-after-write (the newest value
 * wins), and x0 never being forwarded.
 */
#include "isa_test.h"

TEST_START

    /* ---- ALU chains ---- */
    TEST_CASE(1, a4, 1024, li a4, 1; add a4, a4, a4; add a4, a4, a4; add a4, a4, a4; \
              add a4, a4, a4; add a4, a4, a4; add a4, a4, a4; add a4, a4, a4; \
              add a4, a4, a4; add a4, a4, a4; add a4, a4, a4)
    TEST_CASE(2, a4, 0x0000000c, li a1, 5; addi a2, a1, 1; slli a3, a2, 2; xori a4, a3, 0x14; \
              srli a4, a4, 1; addi a4, a4, 6)     /* 6 -> 24 -> 12 -> 6 -> 12 */
    /* two operands from different distances */
    TEST_CASE(3, a4, 30, li a1, 10; li a2, 20; add a4, a1, a2)
    TEST_CASE(4, a4, 30, li a1, 10; li a2, 20; nop; add a4, a2, a1)
    TEST_CASE(5, a4, 0xfffffff6, li a1, 10; li a2, 20; sub a3, a1, a2; sub a4, a3, x0)
    /* lui / auipc results used at once */
    TEST_CASE(6, a4, 0x12345679, lui a1, 0x12345; addi a1, a1, 0x679; mv a4, a1)
    TEST_CASE(7, a4, 8, auipc a1, 0; auipc a2, 0; sub a4, a2, a1; addi a4, a4, 4)

    /* ---- shift amount produced by the previous instruction / a load ---- */
    TEST_CASE(10, a4, 0x00000100, li a1, 1; li a2, 8; sll a4, a1, a2)
    TEST_CASE(11, a4, 0x00010000, li a1, 1; la a3, hz_data; lw a2, 8(a3); sll a4, a1, a2)

    /* ---- load-use into every kind of consumer ---- */
    TEST_CASE(20, a4, 0x11111112, la a1, hz_data; lw a2, 0(a1); addi a4, a2, 1)
test_21:
    li TESTNUM, 21
    la a1, hz_data
    lw a2, 0(a1)
    beqz a2, fail               /* branch on a just-loaded value */
    lw a2, 4(a1)
    bnez a2, fail
test_22:
    li TESTNUM, 22
    la a1, hz_data
    lw a2, 0(a1)
    sw a2, 16(a1)               /* store data */
    lw a4, 16(a1)
    TEST_ASSERT(a4, 0x11111111)
test_23:
    li TESTNUM, 23
    la a1, hz_data
    lw a2, 12(a1)               /* = &hz_data */
    lw a4, 0(a2)                /* load address */
    TEST_ASSERT(a4, 0x11111111)
test_24:
    li TESTNUM, 24
    la a1, hz_data
    lw a2, 12(a1)
    li a3, 0x77
    sw a3, 20(a2)               /* store address */
    lw a4, 20(a1)
    TEST_ASSERT(a4, 0x77)
test_25:
    li TESTNUM, 25
    la a1, hz_ptr
    lw a2, 0(a1)
    jalr ra, 0(a2)              /* jalr target */
    j fail
hz_jump_ok:
    li TESTNUM, 26
    la a1, hz_data
    lw a2, 0(a1)
    csrw CSR_MSCRATCH, a2       /* csr write */
    csrr a4, CSR_MSCRATCH
    TEST_ASSERT(a4, 0x11111111)
    TEST_CASE(27, a4, 0x22222222, la a1, hz_data; lw a2, 0(a1); li a3, 2; mul a4, a2, a3)
    TEST_CASE(28, a4, 0x05b05b05, la a1, hz_data; lw a2, 0(a1); li a3, 3; divu a4, a2, a3)
    TEST_CASE(29, a4, 0x00000003, la a1, hz_data; li a2, 0x33333333; lw a3, 0(a1); \
              divu a4, a2, a3)  /* divisor loaded */

    /* ---- store right after loading the same register, several sizes ---- */
test_30:
    li TESTNUM, 30
    la a1, hz_data
    lw a2, 0(a1)
    sw a2, 24(a1)
    lb a2, 0(a1)
    sb a2, 25(a1)
    lh a2, 0(a1)
    sh a2, 26(a1)
    lw a4, 24(a1)
    TEST_ASSERT(a4, 0x11111111)
    /* back-to-back loads feeding one instruction */
    TEST_CASE(31, a4, 0x11111111, la a1, hz_data; lw a2, 0(a1); lw a3, 4(a1); or a4, a2, a3)

    /* ---- multiply / divide results used at once ---- */
    TEST_CASE(40, a4, 43, li a1, 6; li a2, 7; mul a3, a1, a2; addi a4, a3, 1)
    TEST_CASE(41, a4, 6, li a1, 6; li a2, 7; mul a3, a1, a2; div a4, a3, a2)
    TEST_CASE(42, a4, 1, li a1, 6; li a2, 7; mul a3, a1, a2; rem a4, a3, a1; addi a4, a4, 1)
test_43:
    li TESTNUM, 43
    li a1, 6
    li a2, 7
    li a5, 42
    mul a3, a1, a2
    bne a3, a5, fail            /* branch on a product */
    div a3, a5, a1
    bne a3, a2, fail            /* branch on a quotient */
test_44:
    li TESTNUM, 44
    la a1, hz_data
    li a2, 4
    li a3, 3
    mul a5, a2, a3              /* 12: used as the load offset base */
    add a5, a5, a1
    lw a4, 0(a5)                /* hz_data[3] = &hz_data */
    TEST_ASSERT_ADDR(a4, hz_data)
test_45:
    li TESTNUM, 45
    la a1, hz_data
    li a2, 40
    li a3, 10
    divu a5, a2, a3             /* 4 */
    add a5, a5, a1
    lw a4, 0(a5)                /* hz_data[1] = 0 */
    TEST_ASSERT(a4, 0)
    TEST_CASE(46, a4, 0x1c, la a1, hz_data; li a2, 4; li a3, 7; mul a5, a2, a3; sw a5, 28(a1); \
              lw a4, 28(a1))    /* product as store data */
    TEST_CASE(47, a4, 0x00000036, li a1, 6; li a2, 3; mul a3, a1, a2; mul a4, a3, a2)
    TEST_CASE(48, a4, 2, li a1, 100; li a2, 7; div a3, a1, a2; div a4, a3, a2)  /* 14 / 7 */
    TEST_CASE(49, a4, 0x0000001c, li a1, 100; li a2, 7; div a3, a1, a2; slli a4, a3, 1)

    /* ---- csr read used at once; link register used at once ---- */
    TEST_CASE(50, a4, 0x00000abd, li a1, 0xabc; csrw CSR_MSCRATCH, a1; csrr a2, CSR_MSCRATCH; \
              addi a4, a2, 1)
test_51:
    li TESTNUM, 51
    jal a2, 1f
hz_link:
    j fail
1:  addi a4, a2, 0
    TEST_ASSERT_ADDR(a4, hz_link)
test_52:
    li TESTNUM, 52
    la a1, hz_sub
    jalr ra, 0(a1)              /* hz_sub returns with jr ra */
    TEST_ASSERT(a4, 0x99)

    /* ---- write after write: the newest value wins ---- */
    TEST_CASE(60, a4, 6, la a1, hz_data; lw a4, 0(a1); li a4, 5; addi a4, a4, 1)
    TEST_CASE(61, a4, 0x11111112, la a1, hz_data; li a4, 5; lw a4, 0(a1); addi a4, a4, 1)
    TEST_CASE(62, a4, 8, li a1, 6; li a2, 7; mul a4, a1, a2; li a4, 7; addi a4, a4, 1)
    TEST_CASE(63, a4, 43, li a1, 6; li a2, 7; li a4, 7; mul a4, a1, a2; addi a4, a4, 1)
    TEST_CASE(64, a4, 3, li a1, 6; li a2, 2; div a4, a1, a2; rem a4, a1, a2; addi a4, a4, 3)
    TEST_CASE(65, a4, 2, li a4, 1; li a4, 2; nop; mv a4, a4)

    /* ---- x0 is never forwarded ---- */
    TEST_CASE(70, a4, 0, la a1, hz_data; lw x0, 0(a1); add a4, x0, x0)
    TEST_CASE(71, a4, 0, li a1, 6; li a2, 7; mul x0, a1, a2; add a4, x0, x0)
    TEST_CASE(72, a4, 0, li a1, 6; li a2, 7; div x0, a1, a2; or a4, x0, x0)
    TEST_CASE(73, a4, 0, csrr x0, CSR_MSCRATCH; add a4, x0, x0)
    TEST_CASE(74, a4, 0, jal x0, 1f; 1: add a4, x0, x0)
    TEST_CASE(75, a4, 5, addi x0, x0, 9; addi a4, x0, 5)
test_76:
    li TESTNUM, 76
    la a1, hz_data
    lw x0, 0(a1)
    bnez x0, fail               /* branch on x0 after a load into x0 */
    addi x0, x0, 1
    sw x0, 32(a1)               /* store x0 right after writing it */
    lw a4, 32(a1)
    TEST_ASSERT(a4, 0)

    TEST_END

hz_jump_target:
    j hz_jump_ok

hz_sub:
    li a4, 0x99
    jr ra

TEST_DATA_BEGIN
hz_data:
    .word 0x11111111            /* 0 */
    .word 0                     /* 4 */
    .word 16                    /* 8 */
    .word hz_data               /* 12 */
    .word 0                     /* 16 */
    .word 0                     /* 20 */
    .word 0                     /* 24 */
    .word 0                     /* 28 */
    .word 0x55555555            /* 32 */
hz_ptr:
    .word hz_jump_target
