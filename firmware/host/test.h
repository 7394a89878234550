/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * A tiny unit-test framework for host builds. Each test program lists its
 * tests and calls test_main(), which prints TAP:
 *   1..N
 *   ok 1 - name
 *   not ok 2 - name
 *   # file.c:42: CHECK_EQ(timer_now(), 0x100000005) failed: got 0x5 (5)
 *   <suite>: 1 passed, 1 failed
 * and exits non-zero if any test failed. A test stops at its first failed
 * check or register-mock mismatch. The mock is reset before each test and
 * must be fully consumed after it.
 */
#ifndef VIONIC_HOST_TEST_H
#define VIONIC_HOST_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

struct test_case {
	const char *name;
	void (*run)(void);
};

#define TEST_CASE(function) { #function, function }

int test_main(const char *suite, const struct test_case *cases, size_t count);

/* Fails the running test with a message; does not return. */
noreturn void test_fail(const char *message);

void test_check(bool ok, const char *expression, const char *file, int line);
void test_check_u64(uint64_t actual, uint64_t expected, const char *expression,
		    const char *file, int line);
void test_check_i64(int64_t actual, int64_t expected, const char *expression,
		    const char *file, int line);
void test_check_str(const char *actual, const char *expected, const char *expression,
		    const char *file, int line);

#define CHECK(condition) test_check((condition), #condition, __FILE__, __LINE__)
#define CHECK_EQ_U64(actual, expected) \
	test_check_u64((actual), (expected), #actual " == " #expected, __FILE__, __LINE__)
#define CHECK_EQ_INT(actual, expected) \
	test_check_i64((actual), (expected), #actual " == " #expected, __FILE__, __LINE__)
#define CHECK_EQ_STR(actual, expected) \
	test_check_str((actual), (expected), #actual " == " #expected, __FILE__, __LINE__)

/*
 * Runs body() expecting it to fail (a check or a mock mismatch); returns
 * true if it did, with the failure message in message[]. For testing the
 * mock and the framework themselves.
 */
bool test_expect_failure(void (*body)(void), char *message, size_t size);

#endif /* VIONIC_HOST_TEST_H */
