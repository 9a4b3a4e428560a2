/* Text and number checks shared by every command and import. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/text.h"

static void test_text_problems(void **state)
{
	(void)state;
	assert_null(dk_text_problem("plain text", 10, 0));
	assert_null(dk_text_problem("caf\xc3\xa9 \xe2\x82\xac", 6, 0));
	assert_string_equal(dk_text_problem("caf\xc3\xa9 \xe2\x82\xac", 5, 0), "is too long");
	assert_string_equal(dk_text_problem("a\nb", 10, 0), "has a control character");
	assert_null(dk_text_problem("a\nb\tc", 10, 1));
	assert_string_equal(dk_text_problem("a\x1b[31m", 10, 1), "has a control character");
	assert_string_equal(dk_text_problem("\xff", 10, 0), "is not valid UTF-8");
	assert_string_equal(dk_text_problem("\xc0\xaf", 10, 0), "is not valid UTF-8");       /* overlong */
	assert_string_equal(dk_text_problem("\xed\xa0\x80", 10, 0), "is not valid UTF-8");   /* surrogate */
	assert_string_equal(dk_text_problem("\xf4\x90\x80\x80", 10, 0), "is not valid UTF-8");
	assert_string_equal(dk_text_problem("\xe2\x82", 10, 0), "is not valid UTF-8");       /* cut */
	/* bidirectional controls in one-line text: U+202A..U+202E, U+2066..U+2069, LRM, RLM, ALM */
	static const char *const bidi[] = {"\xe2\x80\xaa", "\xe2\x80\xae", "\xe2\x81\xa6",
	                                   "\xe2\x81\xa9", "\xe2\x80\x8e", "\xe2\x80\x8f",
	                                   "\xd8\x9c"};
	char t[32];
	for (size_t k = 0; k < sizeof bidi / sizeof *bidi; k++) {
		snprintf(t, sizeof t, "a%sb", bidi[k]);
		assert_string_equal(dk_text_problem(t, 10, 0), "has a bidirectional control character");
		assert_null(dk_text_problem(t, 10, 1));
	}
	assert_null(dk_text_problem("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", 10, 0)); /* neighbours */
	assert_null(dk_text_problem("\xd8\x9b \xd7\x90", 10, 0)); /* Arabic semicolon, Hebrew alef */
}

static void test_check_messages(void **state)
{
	struct dk_error err = {0};
	static const char *const kinds[] = {"batch", "online", NULL};
	int64_t i;
	double d;

	(void)state;
	assert_int_equal(dk_check_text("--title", "", 10, 0, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--title"));
	assert_int_equal(dk_check_text("--title", "abcdefghijk", 10, 0, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "11 characters, at most 10"));
	/* the message names the code point and does not carry the control itself */
	assert_int_equal(dk_check_text("--title", "evil\xe2\x80\xaetxt.exe", 200, 0, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--title 'evil?txt.exe' has a bidirectional control character "
	                             "(U+202E), which reorders how text is shown");
	assert_int_equal(dk_check_text("--title", "x\xd8\x9c", 200, 0, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "(U+061C)"));
	assert_int_equal(dk_check_enum("--problem", "realtime", kinds, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--problem 'realtime' is not one of: batch, online");
	assert_int_equal(dk_parse_int("--n", "12", 1, 20, &i, &err), DK_OK);
	assert_int_equal(i, 12);
	assert_int_equal(dk_parse_int("--n", "21", 1, 20, &i, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--n '21' is not a whole number from 1 to 20");
	assert_int_equal(dk_parse_int("--n", "1.5", 1, 20, &i, &err), DK_EINPUT);
	assert_int_equal(dk_parse_int("--n", " 5", 1, 20, &i, &err), DK_EINPUT);
	assert_int_equal(dk_parse_int("--n", "99999999999999999999999", 1, 20, &i, &err), DK_EINPUT);
	assert_int_equal(dk_parse_real("--x", "2.5", 0, 10, &d, &err), DK_OK);
	assert_true(d == 2.5);
	assert_int_equal(dk_parse_real("--x", "nan", 0, 10, &d, &err), DK_EINPUT);
	assert_int_equal(dk_parse_real("--x", "inf", 0, 1e308, &d, &err), DK_EINPUT);
	assert_int_equal(dk_parse_real("--x", "-1", 0, 10, &d, &err), DK_EINPUT);
	assert_int_equal(dk_check_ident("--team", "ml-platform", 64, 0, &err), DK_OK);
	assert_int_equal(dk_check_ident("--team", "ML", 64, 0, &err), DK_EINPUT);
	assert_int_equal(dk_check_ident("SYSTEM", "Fraud.v2", 64, 1, &err), DK_OK);
	assert_int_equal(dk_check_ident("--team", "-x", 64, 0, &err), DK_EINPUT);
}

static void test_lists(void **state)
{
	struct dk_buf b = {0};
	struct dk_error err = {0};
	const char *items[] = {"one \"quoted\"", "two\\"};

	(void)state;
	assert_int_equal(dk_list_to_json("--stack", " postgresql , kubernetes,dbt", 64, 8, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "[\"postgresql\",\"kubernetes\",\"dbt\"]");
	dk_buf_free(&b);
	assert_int_equal(dk_list_to_json("--stack", "", 64, 8, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "[]");
	dk_buf_free(&b);
	assert_int_equal(dk_list_to_json("--stack", "a,,b", 64, 8, &b, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "empty item"));
	dk_buf_free(&b);
	assert_int_equal(dk_list_to_json("--stack", "a,b,c", 64, 2, &b, &err), DK_EINPUT);
	dk_buf_free(&b);
	assert_int_equal(dk_items_to_json("--assumption", items, 2, 100, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "[\"one \\\"quoted\\\"\",\"two\\\\\"]");
	dk_buf_free(&b);
	dk_buf_free(&b); /* safe twice */
}

static void test_buf(void **state)
{
	struct dk_buf b = {0};

	(void)state;
	assert_string_equal(dk_buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		dk_buf_addf(&b, "%d,", i);
	assert_true(dk_buf_ok(&b));
	assert_int_equal(strncmp(dk_buf_str(&b), "0,1,2,", 6), 0);
	dk_buf_json_string(&b, "\x01\n");
	assert_non_null(strstr(dk_buf_str(&b), "\"\\u0001\\n\""));
	dk_buf_free(&b);
}

/* Clipping counts characters, not bytes, and never splits one. */
static void test_buf_clip(void **state)
{
	struct dk_buf b = {0};

	(void)state;
	dk_buf_clip(&b, 5); /* empty: nothing to cut */
	assert_string_equal(dk_buf_str(&b), "");
	dk_buf_adds(&b, "h\xc3\xa9llo");
	dk_buf_clip(&b, 5); /* exactly 5 characters in 6 bytes: kept */
	assert_string_equal(dk_buf_str(&b), "h\xc3\xa9llo");
	dk_buf_adds(&b, " w\xc3\xb6rld");
	dk_buf_clip(&b, 5);
	assert_string_equal(dk_buf_str(&b), "h\xc3\xa9...");
	assert_int_equal(dk_utf8_len(dk_buf_str(&b)), 5);
	assert_int_equal(b.len, strlen(b.p));
	dk_buf_free(&b);
}

static void test_formula_marks(void **state)
{
	static const char *const values[] = {"=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", "\nx", "'=x",
	                                     "''+x", "'plain", "plain", "", "'", NULL};
	char marked[64];

	(void)state;
	assert_true(dk_csv_needs_mark("=1"));
	assert_true(dk_csv_needs_mark("'=1"));
	assert_false(dk_csv_needs_mark("'a"));
	assert_false(dk_csv_needs_mark("a=1"));
	assert_false(dk_csv_needs_mark(""));
	/* marking then unmarking gives every value back */
	for (const char *const *v = values; *v; v++) {
		snprintf(marked, sizeof marked, "%s%s", dk_csv_needs_mark(*v) ? "'" : "", *v);
		assert_string_equal(dk_csv_unmark(marked), *v);
		if (dk_csv_needs_mark(*v))
			assert_int_equal(marked[0], '\'');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_problems),
		cmocka_unit_test(test_check_messages),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_buf_clip),
		cmocka_unit_test(test_formula_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
