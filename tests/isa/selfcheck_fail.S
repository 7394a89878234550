/*
 * selfcheck_fail: proves the framework can fail. Test 1 passes, test 2 checks
 * a deliberately wrong value, so the run must halt with code 2 and print
 * "FAIL test 2: got 0x00000003 expected 0x00000004" (selfcheck_fail.expect).
 */
#include "isa_test.h"

TEST_START
    TEST_RR_OP(1, add, 3, 1, 2)
    TEST_RR_OP(2, add, 4, 1, 2)     /* wrong on purpose: 1 + 2 != 4 */
    TEST_END
