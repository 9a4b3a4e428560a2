/* The terminal table layout (src/cli/fit.c, compiled into this test):
 * display widths, word wrap, which columns a narrow terminal keeps, and
 * the colours a cell gets. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "fit.h"

/* The lines of s wrapped at width, joined with '|'. */
static const char *wrapped(const char *s, size_t width, int whole)
{
	static char out[512];
	struct fit_span sp[32];
	size_t n = fit_wrap(s, width, whole, sp, 32), k = 0;

	assert_true(n <= 32);
	for (size_t i = 0; i < n; i++) {
		k += (size_t)snprintf(out + k, sizeof out - k, "%s%.*s", i ? "|" : "", (int)sp[i].len,
		                      s + sp[i].off);
		if (!whole)
			assert_true(sp[i].cols <= width);
	}
	out[k] = '\0';
	return out;
}

static void test_width(void **state)
{
	size_t line, word;

	(void)state;
	assert_int_equal(fit_width(""), 0);
	assert_int_equal(fit_width("R-12"), 4);
	assert_int_equal(fit_width("caf\xc3\xa9 \xe2\x80\xa6"), 6);        /* é and … are one column */
	assert_int_equal(fit_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);        /* 漢字: wide */
	assert_int_equal(fit_width("e\xcc\x81"), 1);                       /* e and a combining acute */
	assert_int_equal(fit_width("\xff" "a"), 2);                        /* an invalid byte is one */
	assert_int_equal(fit_width("\xf0\x9f\x98\x80"), 2);                /* an emoji */
	fit_measure("ab cde\nfghij klmnopq", &line, &word);
	assert_int_equal(line, 13);
	assert_int_equal(word, 7);
	fit_measure("", &line, &word);
	assert_int_equal(line, 0);
	assert_int_equal(word, 0);
}

static void test_wrap(void **state)
{
	struct fit_span sp[2];

	(void)state;
	assert_string_equal(wrapped("the quick brown fox", 10, 0), "the quick|brown fox");
	assert_string_equal(wrapped("the quick brown fox", 9, 0), "the quick|brown fox");
	assert_string_equal(wrapped("the quick brown fox", 8, 0), "the|quick|brown|fox");
	assert_string_equal(wrapped("the quick brown fox", 40, 0), "the quick brown fox");
	/* spaces at a break go; spaces inside a line and at its start stay */
	assert_string_equal(wrapped("a  b     c", 4, 0), "a  b|c");
	assert_string_equal(wrapped("  indented", 20, 0), "  indented");
	/* a word longer than the line is cut, unless the column is whole */
	assert_string_equal(wrapped("abcdefghij", 4, 0), "abcd|efgh|ij");
	assert_string_equal(wrapped("see abcdefghij now", 4, 0), "see|abcd|efgh|ij|now");
	assert_string_equal(wrapped("see abcdefghij now", 4, 1), "see|abcdefghij|now");
	assert_string_equal(wrapped("docket risk step add R-10 --check TEXT", 16, 1),
	                    "docket risk step|add R-10 --check|TEXT");
	/* a long word breaks after punctuation where it can: a key in JSON stays whole */
	assert_string_equal(wrapped("{\"a\":1,\"key\":\"BP-1\"}", 10, 0), "{\"a\":1,|\"key\":|\"BP-1\"}");
	assert_string_equal(wrapped("/srv/data/runs/r1.csv", 12, 0), "/srv/data/|runs/r1.csv");
	/* newlines end lines; an empty text is one empty line */
	assert_string_equal(wrapped("one\ntwo three", 5, 0), "one|two|three");
	assert_string_equal(wrapped("a\n\nb", 5, 0), "a||b");
	assert_string_equal(wrapped("", 5, 0), "");
	assert_int_equal(fit_wrap("", 5, 0, sp, 2), 1);
	assert_int_equal(sp[0].len, 0);
	/* wide characters take two columns; a multi-byte character is never split */
	assert_string_equal(wrapped("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 5, 0),
	                    "\xe6\xbc\xa2\xe5\xad\x97|\xe6\xbc\xa2");
	assert_string_equal(wrapped("caf\xc3\xa9\xc3\xa9\xc3\xa9", 4, 0), "caf\xc3\xa9|\xc3\xa9\xc3\xa9");
	/* more lines than room: the count, and the first ones stored */
	assert_int_equal(fit_wrap("a b c d", 1, 0, sp, 2), 4);
	assert_int_equal(sp[1].off, 2);
	assert_int_equal(sp[1].cols, 1);
}

/* Every word of a long text survives wrapping at any width, in order. */
static void test_wrap_keeps_words(void **state)
{
	const char *s = "due 2026-11-10, 13 days overdue, past the 7 grace days of team "
	                "ml-platform; docket risk update R-9 --due DATE";
	struct fit_span sp[64];

	(void)state;
	for (size_t width = 12; width < 90; width++) {
		char joined[256] = "";
		size_t n = fit_wrap(s, width, 0, sp, 64);
		for (size_t i = 0; i < n; i++) {
			assert_true(sp[i].cols <= width);
			strncat(joined, i ? " " : "", sizeof joined - strlen(joined) - 1);
			strncat(joined, s + sp[i].off, sp[i].len < sizeof joined - strlen(joined) - 1
			                                   ? sp[i].len
			                                   : sizeof joined - strlen(joined) - 1);
		}
		assert_string_equal(joined, s);
	}
}

static void test_rules(void **state)
{
	int rank, whole;

	(void)state;
	fit_rule("key", &rank, &whole);
	assert_int_equal(rank, 9);
	assert_true(whole);
	fit_rule("fix", &rank, &whole);
	assert_int_equal(rank, 9);
	assert_true(whole);
	fit_rule("title", &rank, &whole);
	assert_int_equal(rank, 9);
	assert_false(whole);
	fit_rule("created_at", &rank, &whole);
	assert_int_equal(rank, 1);
	fit_rule("at", &rank, &whole); /* "*_at" is a suffix, not the name itself */
	assert_int_equal(rank, 8); /* who and when outrank what changed */
	fit_rule("uuid", &rank, &whole);
	assert_int_equal(rank, 1);
	fit_rule("sha256", &rank, &whole);
	assert_true(whole);
	fit_rule("no_such_column", &rank, &whole);
	assert_int_equal(rank, 5);
	assert_false(whole);
}

static size_t grid_width(int n, const size_t *w)
{
	size_t t = 0;
	int shown = 0;

	for (int i = 0; i < n; i++)
		if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL) {
			t += w[i];
			shown++;
		}
	return t + (size_t)(shown - 1) * FIT_GAP;
}

static void test_layout(void **state)
{
	/* risk list as demo.sh leaves it */
	static const char *const risk[] = {"key", "title", "status", "owner", "team", "likelihood",
	                                   "impact", "score", "due", "category", "treatment",
	                                   "steps", "passed"};
	static const size_t rnat[] = {4, 60, 8, 5, 11, 10, 6, 5, 10, 10, 9, 5, 6};
	static const size_t rword[] = {4, 14, 8, 5, 11, 10, 6, 5, 10, 10, 9, 5, 6};
	/* check: a FIX of 105 columns */
	static const char *const check[] = {"severity", "rule", "record", "blueprint", "finding", "fix"};
	static const size_t cnat[] = {8, 17, 6, 9, 74, 105};
	static const size_t cword[] = {8, 17, 6, 9, 11, 12};
	size_t w[16];

	(void)state;
	/* wide enough: every column at its natural width */
	fit_layout(13, risk, rnat, rword, 200, w);
	for (int i = 0; i < 13; i++)
		assert_int_equal(w[i], rnat[i]);
	/* 80 columns: counts and the parts of the score go, the title wraps */
	fit_layout(13, risk, rnat, rword, 80, w);
	assert_true(grid_width(13, w) <= 80);
	assert_int_equal(w[0], 4);                /* key, whole */
	assert_true(w[1] >= 30 && w[1] < 60);     /* title, narrowed */
	assert_int_equal(w[2], 8);                /* status */
	assert_int_equal(w[8], 10);               /* due */
	assert_int_equal(w[5], FIT_DROPPED);      /* likelihood */
	assert_int_equal(w[12], FIT_DROPPED);     /* passed */
	/* check at 80: the blueprint goes, the FIX moves under the row whole */
	fit_layout(6, check, cnat, cword, 80, w);
	assert_int_equal(w[3], FIT_DROPPED);
	assert_int_equal(w[5], FIT_DETAIL);
	assert_int_equal(w[0], 8);
	assert_int_equal(w[1], 17);
	assert_int_equal(w[2], 6);
	assert_int_equal(grid_width(6, w), 80);   /* the finding takes the rest */
	/* far too narrow: what is never dropped stays, wider than asked */
	fit_layout(6, check, cnat, cword, 20, w);
	assert_int_equal(w[0], 8);
	assert_int_equal(w[2], 6);
	assert_true(w[4] >= 7 && w[4] != FIT_DETAIL); /* never below its header */
}

static void test_colours(void **state)
{
	(void)state;
	assert_string_equal(fit_colour("severity", "STOP", NULL, NULL), "\033[1;31m");
	assert_string_equal(fit_colour("severity", "ESCALATE", NULL, NULL), "\033[1;35m");
	assert_string_equal(fit_colour("severity", "WARN", NULL, NULL), "\033[33m");
	assert_string_equal(fit_colour("result", "failed", NULL, NULL), "\033[31m");
	assert_string_equal(fit_colour("result", "passed", NULL, NULL), "\033[32m");
	assert_null(fit_colour("result", "pending", NULL, NULL));
	assert_string_equal(fit_colour("due", "2026-11-10", "open", "2026-11-23"), "\033[31m");
	assert_string_equal(fit_colour("due_on", "2026-11-10", "open", "2026-11-23"), "\033[31m");
	assert_null(fit_colour("due", "2026-11-23", "open", "2026-11-23")); /* due today: not yet */
	assert_null(fit_colour("due", "2026-11-10", "closed", "2026-11-23"));
	assert_null(fit_colour("due", "2026-11-10", "open", NULL));
	assert_null(fit_colour("due", "soon", "open", "2026-11-23"));
	assert_string_equal(fit_colour("days_overdue", "13", NULL, NULL), "\033[31m");
	assert_null(fit_colour("days_overdue", "0", NULL, NULL));
	assert_null(fit_colour("title", "a STOP sign", NULL, NULL));
	assert_null(fit_colour("title", "", NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_keeps_words),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_colours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
