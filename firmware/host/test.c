// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* The host unit-test framework; see test.h. */
#include "host/test.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "host/mock.h"

static jmp_buf *failure_target;
/* The running test's failure, printed as TAP diagnostics after "not ok". */
static char failure_message[2048];
/* Non-NULL while test_expect_failure() runs: the failure goes there instead. */
static char *captured;
static size_t captured_size;

noreturn void test_fail(const char *message)
{
	if (captured)
		snprintf(captured, captured_size, "%s", message);
	else
		snprintf(failure_message, sizeof(failure_message), "%s", message);
	longjmp(*failure_target, 1);
}

/* Every line of the message behind a '#'. */
static void print_diagnostics(const char *message)
{
	const char *line = message;

	while (*line) {
		const char *end = strchr(line, '\n');
		int length = end ? (int)(end - line) : (int)strlen(line);

		printf("# %.*s\n", length, line);
		line += length + (end != NULL);
	}
}

void test_check(bool ok, const char *expression, const char *file, int line)
{
	char message[512];

	if (ok)
		return;
	snprintf(message, sizeof(message), "%s:%d: CHECK(%s) failed", file, line, expression);
	test_fail(message);
}

void test_check_u64(uint64_t actual, uint64_t expected, const char *expression,
		    const char *file, int line)
{
	char message[512];

	if (actual == expected)
		return;
	snprintf(message, sizeof(message),
		 "%s:%d: %s failed\n  got      0x%" PRIx64 " (%" PRIu64 ")\n  expected 0x%" PRIx64
		 " (%" PRIu64 ")", file, line, expression, actual, actual, expected, expected);
	test_fail(message);
}

void test_check_i64(int64_t actual, int64_t expected, const char *expression,
		    const char *file, int line)
{
	char message[512];

	if (actual == expected)
		return;
	snprintf(message, sizeof(message), "%s:%d: %s failed\n  got      %" PRId64
		 "\n  expected %" PRId64, file, line, expression, actual, expected);
	test_fail(message);
}

void test_check_str(const char *actual, const char *expected, const char *expression,
		    const char *file, int line)
{
	char message[1024];

	if (actual && expected && strcmp(actual, expected) == 0)
		return;
	snprintf(message, sizeof(message), "%s:%d: %s failed\n  got      \"%s\"\n  expected \"%s\"",
		 file, line, expression, actual ? actual : "(null)", expected ? expected : "(null)");
	test_fail(message);
}

bool test_expect_failure(void (*body)(void), char *message, size_t size)
{
	jmp_buf *outer = failure_target;
	jmp_buf inner;
	bool failed = true;

	captured = message;
	captured_size = size;
	message[0] = '\0';
	failure_target = &inner;
	if (setjmp(inner) == 0) {
		body();
		failed = false;
	}
	failure_target = outer;
	captured = NULL;
	return failed;
}

static bool run_one(const struct test_case *test)
{
	jmp_buf target;

	failure_target = &target;
	failure_message[0] = '\0';
	mock_reset();
	if (setjmp(target) != 0)
		return false;
	test->run();
	mock_expect_done();
	return true;
}

int test_main(const char *suite, const struct test_case *cases, size_t count)
{
	unsigned int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	mock_set_failure_hook(test_fail);
	printf("1..%zu\n", count);
	for (size_t i = 0; i < count; i++) {
		bool ok = run_one(&cases[i]);

		printf("%sok %zu - %s\n", ok ? "" : "not ", i + 1, cases[i].name);
		if (ok) {
			passed++;
		} else {
			print_diagnostics(failure_message);
			failed++;
		}
	}
	printf("%s: %u passed, %u failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}
