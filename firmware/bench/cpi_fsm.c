// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * CPI of branchy control code: a tokenizer state machine (words, numbers,
 * strings with escapes, comments, punctuation) over a configuration-like
 * text, the kind of parsing and dispatch the control path does. Most
 * branches are data dependent, and the core predicts every branch not taken.
 */
#include <stdbool.h>
#include <stdint.h>

#include "lib/console.h"
#include "lib/perf.h"

#define PASSES 4

static const char text[] =
	"# vionic queue configuration\n"
	"queue rx0 { size = 256; vector = 1; features = \"packed,event_idx\"; }\n"
	"queue tx0 { size = 256; vector = 2; features = \"packed\"; }\n"
	"queue ctrl { size = 64; vector = 0; }  # the control queue\n"
	"mac = \"52:54:00:12:34:56\";\n"
	"mtu = 1500; max_pairs = 4; rss_key = \"6d5a56da255b0ec24167253d43a38fb0\";\n"
	"name = \"vionic \\\"net\\\" 0\";\n"
	"# end\n";

/* Counts per token kind; the expected values come from the same rules applied offline. */
struct token_counts {
	uint32_t words, numbers, strings, comments, punctuation;
};

enum state { BETWEEN, WORD, NUMBER, STRING, ESCAPE, COMMENT };

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static void __attribute__((noinline)) tokenize(const char *s, struct token_counts *counts)
{
	enum state state = BETWEEN;

	while (*s) {
		char c = *s;

		switch (state) {
		case WORD:
			if (is_letter(c) || is_digit(c)) {
				s++;
				continue;
			}
			state = BETWEEN;
			continue;	/* c starts whatever comes next */
		case NUMBER:
			if (is_digit(c)) {
				s++;
				continue;
			}
			state = BETWEEN;
			continue;
		case STRING:
			if (c == '\\')
				state = ESCAPE;
			else if (c == '"')
				state = BETWEEN;
			break;
		case ESCAPE:
			state = STRING;
			break;
		case COMMENT:
			if (c == '\n')
				state = BETWEEN;
			break;
		case BETWEEN:
			if (is_letter(c)) {
				counts->words++;
				state = WORD;
			} else if (is_digit(c)) {
				counts->numbers++;
				state = NUMBER;
			} else if (c == '"') {
				counts->strings++;
				state = STRING;
			} else if (c == '#') {
				counts->comments++;
				state = COMMENT;
			} else if (!is_space(c)) {
				counts->punctuation++;
			}
			break;
		}
		s++;
	}
}

int main(void)
{
	struct token_counts counts = { 0 };
	struct perf_window window;

	perf_begin(&window);
	for (int pass = 0; pass < PASSES; pass++)
		tokenize(text, &counts);
	perf_end(&window);

	if (counts.words != PASSES * 19 || counts.numbers != PASSES * 8 ||
	    counts.strings != PASSES * 5 || counts.comments != PASSES * 3 ||
	    counts.punctuation != PASSES * 32) {
		console_printf("cpi_fsm: FAIL: words %u numbers %u strings %u comments %u punctuation %u\n",
			       (unsigned int)counts.words, (unsigned int)counts.numbers,
			       (unsigned int)counts.strings, (unsigned int)counts.comments,
			       (unsigned int)counts.punctuation);
		return 1;
	}
	perf_report_cpi("cpi_fsm", &window);
	return 0;
}
