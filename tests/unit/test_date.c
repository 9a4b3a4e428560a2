/* Dates: validation, arithmetic and the words users type. */
#include "support.h"

#include <string.h>

#include "docket/date.h"

static void parse_ok(const char *in, const char *today, const char *want)
{
	char out[DK_DATE_LEN];
	struct dk_error err = {0};

	if (dk_date_parse(in, today, out, &err) != DK_OK)
		fail_msg("'%s' (today %s): %s", in, today, err.msg);
	assert_string_equal(out, want);
}

static void parse_bad(const char *in)
{
	char out[DK_DATE_LEN] = "untouched";
	struct dk_error err = {0};

	assert_int_equal(dk_date_parse(in, "2026-11-23", out, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is not a date"));
	assert_string_equal(out, "untouched");
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(dk_date_valid("2026-11-23"));
	assert_true(dk_date_valid("2024-02-29"));
	assert_true(dk_date_valid("2000-02-29"));
	assert_false(dk_date_valid("1900-02-29"));
	assert_false(dk_date_valid("2026-02-29"));
	assert_false(dk_date_valid("2026-13-01"));
	assert_false(dk_date_valid("2026-00-10"));
	assert_false(dk_date_valid("2026-04-31"));
	assert_false(dk_date_valid("2026-1-01"));
	assert_false(dk_date_valid("2026-01-01x"));
	assert_false(dk_date_valid(" 2026-01-01"));
	assert_false(dk_date_valid(""));
	assert_false(dk_date_valid(NULL));
}

static void test_days_round_trip(void **state)
{
	char out[DK_DATE_LEN];

	(void)state;
	assert_int_equal(dk_date_days("1970-01-01"), 0);
	assert_int_equal(dk_date_days("2026-12-02") - dk_date_days("2026-12-01"), 1);
	assert_int_equal(dk_date_days("2025-01-01") - dk_date_days("2024-01-01"), 366);
	for (long d = dk_date_days("1999-12-25"); d < dk_date_days("2001-03-05"); d++) {
		dk_date_from_days(d, out);
		assert_true(dk_date_valid(out));
		assert_int_equal(dk_date_days(out), d);
	}
}

static void test_words(void **state)
{
	(void)state;
	parse_ok("2026-12-01", "2026-11-23", "2026-12-01");
	parse_ok("today", "2026-11-23", "2026-11-23");
	parse_ok("tomorrow", "2026-12-31", "2027-01-01");
	parse_ok("yesterday", "2026-03-01", "2026-02-28");
	parse_ok("+3d", "2026-11-29", "2026-12-02");
	parse_ok("-1d", "2024-03-01", "2024-02-29");
	parse_ok("+2w", "2026-11-23", "2026-12-07");
	parse_ok("+0d", "2026-11-23", "2026-11-23");
	/* 2026-11-23 is a Monday; the ISO week ends on Sunday 2026-11-29 */
	parse_ok("eow", "2026-11-23", "2026-11-29");
	parse_ok("eow", "2026-11-29", "2026-11-29");
	parse_ok("eow", "2026-11-30", "2026-12-06");
	parse_ok("eom", "2026-11-23", "2026-11-30");
	parse_ok("eom", "2024-02-10", "2024-02-29");
	parse_ok("eom", "2026-12-31", "2026-12-31");
}

static void test_bad(void **state)
{
	(void)state;
	parse_bad("2026-13-01");
	parse_bad("next week");
	parse_bad("+3");
	parse_bad("+d");
	parse_bad("3d");
	parse_bad("+3x");
	parse_bad("+3dd");
	parse_bad("");
	parse_bad("TODAY");
	parse_bad("2026/11/23");
}

static void test_range_and_today(void **state)
{
	char out[DK_DATE_LEN];
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_date_parse("-99999w", "2026-11-23", out, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "out of range"));
	/* past 9999-12-31 is refused, not wrapped to 9999-01-01 */
	static const char *const past[] = {"tomorrow", "+1d", "+1w", "eow", "+99999w"};
	for (size_t i = 0; i < sizeof past / sizeof *past; i++) {
		strcpy(out, "untouched");
		assert_int_equal(dk_date_parse(past[i], "9999-12-31", out, &err), DK_EINPUT);
		assert_non_null(strstr(err.msg, "out of range (1900-01-01 to 9999-12-31)"));
		assert_string_equal(out, "untouched");
	}
	assert_int_equal(dk_date_parse("yesterday", "1900-01-01", out, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(dk_date_parse("eom", "9999-12-31", out, &err), DK_OK);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(dk_date_parse("today", "1900-01-01", out, &err), DK_OK);
	assert_string_equal(out, "1900-01-01");
	/* arithmetic that is not parsed saturates the whole date */
	dk_date_from_days(dk_date_days("9999-12-31") + 1, out);
	assert_string_equal(out, "9999-12-31");
	dk_date_from_days(dk_date_days("1900-01-01") - 400, out);
	assert_string_equal(out, "1900-01-01");
	assert_int_equal(dk_date_today("2026-02-30", out, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--today"));
	assert_int_equal(dk_date_today("2026-02-28", out, &err), DK_OK);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(dk_date_today(NULL, out, &err), DK_OK);
	assert_true(dk_date_valid(out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_range_and_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
