/*
 * rv32i_jump: jal and jalr. Link value (pc+4), forward and backward targets,
 * rd = x0 (no link), jalr immediate offsets (positive, negative, +-2047/-2048),
 * bit 0 of the jalr target cleared (odd base, odd immediate, both odd),
 * rd == rs1 (target from the old value, link written after), the link register
 * used right at the target, instructions after a jump not executed,
 * auipc+jalr (call) and ret.
 */
#include "isa_test.h"

TEST_START

    /* ---- jal: forward, link = pc + 4 ---- */
test_1:
    li TESTNUM, 1
    li ra, 0
    jal ra, 1f
jal1_link:
    j fail
1:  TEST_ASSERT_ADDR(ra, jal1_link)

    /* jal with another rd, backward target */
test_2:
    li TESTNUM, 2
    j 2f
1:  mv a4, t0                   /* link used in the first target instruction */
    j 3f
2:  jal t0, 1b
jal2_link:
    j fail
3:  TEST_ASSERT_ADDR(a4, jal2_link)

    /* jal x0 (j): no link written anywhere, following code skipped */
    TEST_CASE(3, a4, 7, li a4, 7; j 1f; li a4, 8; 1: nop)

    /* ---- jalr ---- */
test_4:
    li TESTNUM, 4
    la t0, 1f
    jalr ra, 0(t0)
jalr4_link:
    j fail
1:  TEST_ASSERT_ADDR(ra, jalr4_link)

    /* positive immediate */
test_5:
    li TESTNUM, 5
    la t0, 1f
    jalr ra, 8(t0)
jalr5_link:
    j fail
1:  j fail
    j fail
    TEST_ASSERT_ADDR(ra, jalr5_link)     /* 1f + 8 lands here */

    /* negative immediate, backward */
test_6:
    li TESTNUM, 6
    j 2f
1:  j 3f
2:  la t0, 1b + 16
    jalr a3, -16(t0)
jalr6_link:
    j fail
3:  TEST_ASSERT_ADDR(a3, jalr6_link)

    /* bit 0 of the target is cleared: odd base */
test_7:
    li TESTNUM, 7
    la t0, 1f
    addi t0, t0, 1
    jalr ra, 0(t0)
    j fail
1:  nop
    /* odd immediate */
test_8:
    li TESTNUM, 8
    la t0, 1f
    jalr ra, 1(t0)
    j fail
1:  nop
    /* both odd: (1f + 1) + 3 = 1f + 4, already even */
test_9:
    li TESTNUM, 9
    la t0, 1f
    addi t0, t0, 1
    jalr ra, 3(t0)              /* (1f + 4) & ~1 = 1f + 4 */
    j fail
1:  j fail
    nop
    /* largest immediates, 2047 (odd: bit 0 cleared) and -2048 */
test_10:
    li TESTNUM, 10
    la t0, 1f - 2046
    jalr ra, 2047(t0)           /* (1f + 1) & ~1 = 1f */
    j fail
1:  la t0, 2f + 2048
    jalr ra, -2048(t0)
    j fail
2:  nop

    /* ---- rd == rs1: target from the old value, link written afterwards ---- */
test_11:
    li TESTNUM, 11
    la t0, 1f
    jalr t0, 0(t0)
jalr11_link:
    j fail
1:  TEST_ASSERT_ADDR(t0, jalr11_link)
test_12:
    li TESTNUM, 12
    la ra, 1f
    jalr ra                     /* jalr ra, 0(ra) */
jalr12_link:
    j fail
1:  TEST_ASSERT_ADDR(ra, jalr12_link)

    /* ---- rd = x0: jalr x0 (jr / ret) links nowhere ---- */
test_13:
    li TESTNUM, 13
    la t0, 1f
    jr t0
    j fail
1:  mv a4, x0
    TEST_ASSERT(a4, 0)

    /* ---- call / ret (auipc + jalr, jalr x0, 0(ra)) ---- */
test_14:
    li TESTNUM, 14
    li a4, 0
    call jump_subroutine        /* a4 += 5 */
    call jump_subroutine
    TEST_ASSERT(a4, 10)

    /* ---- jump as the first instruction of a target (jump chains) ---- */
test_15:
    li TESTNUM, 15
    li a4, 0
    j 1f
2:  addi a4, a4, 2
    j 3f
1:  j 2b
3:  TEST_ASSERT(a4, 2)

    /* ---- a taken jump right after a load whose register it uses ---- */
test_16:
    li TESTNUM, 16
    la t1, jump_target_word
    lw t0, 0(t1)
    jalr ra, 0(t0)              /* load-use into the jump target */
jalr16_link:
    j fail
jump_target_ok:
    TEST_ASSERT_ADDR(ra, jalr16_link)

    /* link register is x0-safe: jal x0 with a following read of x0 */
    TEST_CASE(17, a4, 0, jal x0, 1f; 1: mv a4, x0)

    TEST_END

jump_subroutine:
    addi a4, a4, 5
    ret

TEST_DATA_BEGIN
jump_target_word:
    .word jump_target_ok
