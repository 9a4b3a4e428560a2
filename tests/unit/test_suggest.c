/* "did you mean": the distance and which words are offered. */
#include "support.h"

#include <string.h>

#include "docket/suggest.h"
#include "docket/text.h"

static void test_distance(void **state)
{
	char long_word[80];

	(void)state;
	assert_int_equal(dk_damerau_distance("", ""), 0);
	assert_int_equal(dk_damerau_distance("risk", "risk"), 0);
	assert_int_equal(dk_damerau_distance("", "abc"), 3);
	assert_int_equal(dk_damerau_distance("abc", ""), 3);
	assert_int_equal(dk_damerau_distance("rsk", "risk"), 1);        /* insertion */
	assert_int_equal(dk_damerau_distance("riskk", "risk"), 1);      /* deletion */
	assert_int_equal(dk_damerau_distance("rask", "risk"), 1);       /* substitution */
	assert_int_equal(dk_damerau_distance("lsit", "list"), 1);       /* transposition */
	assert_int_equal(dk_damerau_distance("opne", "open"), 1);
	assert_int_equal(dk_damerau_distance("scroe", "score"), 1);
	assert_int_equal(dk_damerau_distance("tabel", "table"), 1);
	assert_int_equal(dk_damerau_distance("decison", "decision"), 1);
	/* Levenshtein counts a swap as 2 */
	assert_int_equal(dk_edit_distance("lsit", "list"), 2);
	/* optimal string alignment: a swapped pair is not edited again */
	assert_int_equal(dk_damerau_distance("ca", "abc"), 3);
	assert_int_equal(dk_damerau_distance("ab", "ba"), 1);
	assert_int_equal(dk_damerau_distance("abcdef", "badcfe"), 3);
	assert_int_equal(dk_damerau_distance("kitten", "sitting"), 3);
	assert_int_equal(dk_damerau_distance("Risk", "risk"), 1); /* case counts here */
	memset(long_word, 'a', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	assert_true(dk_damerau_distance(long_word, "a") == (size_t)-1);
	long_word[64] = '\0';
	assert_int_equal(dk_damerau_distance(long_word, "a"), 63);
}

static int offered(const char *typed, const char *const *words, char *buf, size_t size)
{
	struct dk_suggest s;

	dk_suggest_init(&s, typed);
	for (const char *const *w = words; *w; w++)
		dk_suggest_add(&s, *w);
	return dk_suggest_phrase(&s, "", buf, size);
}

static void test_suggest(void **state)
{
	static const char *const groups[] = {"init", "decision", "risk", "report", "review",
	                                     "policy", "check", NULL};
	static const char *const statuses[] = {"open", "mitigating", "accepted", "closed", "all", NULL};
	static const char *const ties[] = {"cat", "bat", "hat", "mat", "rat", NULL};
	static const char *const dup[] = {"format", "format", NULL};
	char buf[200];
	struct dk_suggest s;

	(void)state;
	assert_int_equal(offered("decison", groups, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'decision'?");
	assert_int_equal(offered("rsk", groups, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'risk'?");
	/* len / 3: "reviw" (5) is 1 from review, 2 from report */
	assert_int_equal(offered("reviw", groups, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'review'?");
	/* nothing near: a 6-letter word may be 2 away, not 3 */
	assert_int_equal(offered("frobnicate", groups, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(offered("polcy", groups, buf, sizeof buf), 1);
	assert_int_equal(offered("plcy", groups, buf, sizeof buf), 0); /* 4 letters: at most 1 */
	/* a short word may still be 1 away */
	assert_int_equal(offered("al", statuses, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'all'?");
	assert_int_equal(offered("opne", statuses, buf, sizeof buf), 1);
	/* case is folded for suggesting */
	assert_int_equal(offered("OPEN", statuses, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'open'?");
	/* ties: the first three in the order given */
	assert_int_equal(offered("xat", ties, buf, sizeof buf), 3);
	assert_string_equal(buf, "did you mean 'cat', 'bat' or 'hat'?");
	/* a nearer word replaces farther ones */
	static const char *const near[] = {"cut", "cast", "cat", NULL};
	assert_int_equal(offered("cat", near, buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean 'cat'?");
	/* two ties, and a word given twice is named once */
	static const char *const two[] = {"rate", "report", "rite", NULL};
	assert_int_equal(offered("rte", two, buf, sizeof buf), 2);
	assert_string_equal(buf, "did you mean 'rate' or 'rite'?");
	assert_int_equal(offered("fromat", dup, buf, sizeof buf), 1);
	/* a lead is written before each word */
	dk_suggest_init(&s, "ownr");
	dk_suggest_add(&s, "owner");
	dk_suggest_add(&s, "title");
	assert_int_equal(dk_suggest_phrase(&s, "--", buf, sizeof buf), 1);
	assert_string_equal(buf, "did you mean '--owner'?");
	/* a small buffer is cut, never overrun */
	assert_int_equal(dk_suggest_phrase(&s, "--", buf, 8), 1);
	assert_int_equal(strlen(buf), 7);
	/* the tail that ends an "is not one of" message */
	assert_int_equal(dk_suggest_tail("clsoed", statuses, buf, sizeof buf), 1);
	assert_string_equal(buf, "; did you mean 'closed'?");
	assert_int_equal(dk_suggest_tail("zzz", statuses, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	/* nothing typed: no suggestion, though '' is 1 from a one-letter word */
	static const char *const ops[] = {"<=", "<", ">=", ">", "==", "!=", NULL};
	assert_int_equal(offered("", ops, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(dk_suggest_tail("", ops, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(offered("=", ops, buf, sizeof buf), 3);
}

static void test_enum_message(void **state)
{
	static const char *const sorts[] = {"score", "due", "owner", NULL};
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_check_enum("--sort", "scroe", sorts, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--sort 'scroe' is not one of: score, due, owner; did you mean 'score'?");
	assert_int_equal(dk_check_enum("--sort", "size", sorts, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--sort 'size' is not one of: score, due, owner");
	assert_int_equal(dk_check_enum("--sort", "due", sorts, &err), DK_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_enum_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
