/* The canonical text docket hashes: the number rules, and texts, integers
 * and NULL byte for byte as SQLite's json_array and json_object write them
 * (what the audit triggers wrote before, whose hashes must still hold). */
#include "support.h"

#include <float.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/canon.h"
#include "sqlite/sqlite_canon.h"

static void expect_real(double v, const char *want)
{
	char t[DK_CANON_REAL_MAX];

	assert_int_equal(dk_canon_real_text(v, t), (int)strlen(want));
	assert_string_equal(t, want);
}

static void test_reals(void **state)
{
	(void)state;
	expect_real(0.1 + 0.2, "0.30000000000000004");
	expect_real(0.1, "0.1");
	expect_real(0.3, "0.3");
	expect_real(1e20, "1e+20");
	expect_real(5.0, "5.0");
	expect_real(-0.0, "-0.0");
	expect_real(0.0, "0.0");
	expect_real(1e-7, "1e-07");
	expect_real(DBL_MAX, "1.7976931348623157e+308");
	expect_real(-DBL_MAX, "-1.7976931348623157e+308");
	expect_real(DBL_MIN, "2.2250738585072014e-308");
	expect_real(5e-324, "5e-324"); /* the smallest subnormal */
	expect_real(100.0, "100.0");
	expect_real(-1.5, "-1.5");
	expect_real(99.9999, "99.9999");
	expect_real(1.0 / 3, "0.3333333333333333");
	expect_real(0.0001, "0.0001");
	expect_real(0.00012345, "0.00012345");
	expect_real(0.00001, "1e-05");
	expect_real(123456789012345.0, "123456789012345.0");
	expect_real(123456789012345.6, "123456789012345.6");
	expect_real(999999999999999.0, "999999999999999.0");
	expect_real(1e15, "1e+15");
	expect_real(9007199254740992.0, "9.007199254740992e+15");
	expect_real(9.5, "9.5");
	expect_real(0.95, "0.95");
	expect_real(1e300, "1e+300");
	expect_real((double)INT64_MAX, "9.223372036854776e+18");
	/* just above a power of two: shorter than any correctly rounded %.{p}g
	 * that reads back (that would be 7.1202363472230444e-307) */
	expect_real(ldexp(1, -1017), "7.120236347223045e-307");
	expect_real(ldexp(1, -1007), "7.291122019556398e-304");
	expect_real(ldexp(1, 1023), "8.98846567431158e+307");
}

static void test_non_finite(void **state)
{
	struct dk_buf b = {0};
	struct dk_canon c;
	struct dk_error err = {0};
	char t[DK_CANON_REAL_MAX] = "x";

	(void)state;
	assert_int_equal(dk_canon_real_text(INFINITY, t), -1);
	assert_string_equal(t, "");
	assert_int_equal(dk_canon_real_text(-INFINITY, t), -1);
	assert_int_equal(dk_canon_real_text(NAN, t), -1);
	dk_canon_init(&c, &b);
	dk_canon_array_open(&c);
	dk_canon_int(&c, 1);
	dk_canon_real(&c, INFINITY);
	dk_canon_int(&c, 2);
	dk_canon_array_close(&c);
	assert_int_equal(dk_canon_finish(&c, &err), DK_EINPUT);
	assert_string_equal(err.msg, "canonical text: a real that is infinite or not a number");
	assert_string_equal(dk_buf_str(&b), "[1"); /* nothing after the problem */
	dk_buf_free(&b);
}

/* No decimal of n significant digits reads back as v: not the correctly
 * rounded one, nor either of its neighbours (the nearest two on each side). */
static int no_shorter(double v, int n)
{
	char e[40], t[48];
	unsigned long long m = 0;
	int x;

	snprintf(e, sizeof e, "%.*e", n - 1, fabs(v));
	for (const char *q = e; *q != 'e'; q++)
		if (*q != '.')
			m = m * 10 + (unsigned long long)(*q - '0');
	x = atoi(strchr(e, 'e') + 1);
	for (int k = -1; k <= 1; k++) {
		snprintf(t, sizeof t, "%llue%d", m + (unsigned long long)k, x - n + 1);
		if (m + (unsigned long long)k != 0 && strtod(t, NULL) == fabs(v))
			return 0;
	}
	return 1;
}

static void check_round_trip(double v)
{
	char t[DK_CANON_REAL_MAX], sig[DK_CANON_REAL_MAX];
	double back;
	size_t n = 0;
	const char *p;

	assert_true(dk_canon_real_text(v, t) > 0);
	back = strtod(t, NULL);
	assert_memory_equal(&back, &v, sizeof v);
	assert_true(strchr(t, '.') != NULL || strchr(t, 'e') != NULL);
	/* the significant digits: the mantissa's, without zeros at either end */
	for (p = t; *p && *p != 'e'; p++)
		if ((*p >= '1' && *p <= '9') || (*p == '0' && n > 0))
			sig[n++] = *p;
	while (n > 0 && sig[n - 1] == '0')
		n--;
	if (n > 1)
		assert_true(no_shorter(v, (int)n - 1));
}

/* Every finite real reads back as itself, bit for bit, never as an integer,
 * and no decimal of fewer digits would read back (it is the shortest):
 * every power of two and 200,000 doubles of any bit pattern. */
static void test_reals_round_trip(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15u;

	(void)state;
	for (int k = -1074; k <= 1023; k++)
		check_round_trip(ldexp(1, k));
	for (int i = 0; i < 200000; i++) {
		double v;
		uint64_t bits;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		bits = x;
		memcpy(&v, &bits, sizeof v);
		if (isfinite(v) && v != 0)
			check_round_trip(v);
	}
}

/* What SQLite's json function fn makes of one bound value. */
static char *sqlite_json(sqlite3 *h, const char *sql, int type, const void *p, int n,
                         int64_t i)
{
	sqlite3_stmt *st;
	char *out;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (type == SQLITE_TEXT)
		sqlite3_bind_text(st, 1, p, n, SQLITE_STATIC);
	else if (type == SQLITE_INTEGER)
		sqlite3_bind_int64(st, 1, i);
	else
		sqlite3_bind_null(st, 1);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void canon_text_array(struct dk_buf *b, const char *s, size_t n)
{
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_array_open(&c);
	dk_canon_text(&c, s, n);
	dk_canon_array_close(&c);
	assert_int_equal(dk_canon_finish(&c, NULL), DK_OK);
}

static void canon_text_object(struct dk_buf *b, const char *s, size_t n)
{
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_object_open(&c);
	dk_canon_key(&c, s, n);
	dk_canon_text(&c, s, n);
	dk_canon_object_close(&c);
	assert_int_equal(dk_canon_finish(&c, NULL), DK_OK);
}

static void test_text_like_sqlite(void **state)
{
	sqlite3 *h;
	char all[128 + 128 + 8];
	size_t n = 0;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	/* every byte below 0x80 alone and between two letters, as an array
	 * element and as an object's key and value */
	for (int ch = 0; ch < 0x80; ch++) {
		const char one[3] = {'a', (char)ch, 'b'};
		for (int wide = 0; wide < 2; wide++) {
			const char *s = wide ? one : one + 1;
			size_t len = wide ? 3 : 1;
			struct dk_buf b = {0};
			char *want = sqlite_json(h, "SELECT json_array(?1)", SQLITE_TEXT, s, (int)len, 0);

			canon_text_array(&b, s, len);
			assert_string_equal(dk_buf_str(&b), want);
			free(want);
			dk_buf_free(&b);
			want = sqlite_json(h, "SELECT json_object(?1, ?1)", SQLITE_TEXT, s, (int)len, 0);
			canon_text_object(&b, s, len);
			assert_string_equal(dk_buf_str(&b), want);
			free(want);
			dk_buf_free(&b);
		}
		all[n++] = (char)ch;
	}
	/* then all of them in one text, with every byte above 0x7f (UTF-8 or
	 * not) after them: copied as they are */
	for (int ch = 0x80; ch < 0x100; ch++)
		all[n++] = (char)ch;
	memcpy(all + n, "\xc3\xa9\xe2\x82\xac", 5);
	n += 5;
	{
		struct dk_buf b = {0};
		char *want = sqlite_json(h, "SELECT json_array(?1)", SQLITE_TEXT, all, (int)n, 0);

		canon_text_array(&b, all, n);
		assert_int_equal(b.len, strlen(want));
		assert_memory_equal(b.p, want, b.len);
		free(want);
		dk_buf_free(&b);
	}
	/* the escapes themselves, spelled out: lower-case hex, 0x7f raw */
	{
		struct dk_buf b = {0};

		canon_text_array(&b, "\"\\/\b\f\n\r\t\x01\x1f\x7f", 11);
		assert_string_equal(dk_buf_str(&b), "[\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"]");
		dk_buf_free(&b);
		canon_text_array(&b, "a\0b", 3);
		assert_string_equal(dk_buf_str(&b), "[\"a\\u0000b\"]");
		dk_buf_free(&b);
	}
	sqlite3_close(h);
}

static void test_integers_like_sqlite(void **state)
{
	static const int64_t values[] = {0, 1, -1, 42, 1000000, INT64_MAX, INT64_MIN, INT64_MIN + 1};
	sqlite3 *h;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
		struct dk_buf b = {0};
		struct dk_canon c;
		char *want = sqlite_json(h, "SELECT json_array(?1)", SQLITE_INTEGER, NULL, 0, values[k]);

		dk_canon_init(&c, &b);
		dk_canon_array_open(&c);
		dk_canon_int(&c, values[k]);
		dk_canon_array_close(&c);
		assert_int_equal(dk_canon_finish(&c, NULL), DK_OK);
		assert_string_equal(dk_buf_str(&b), want);
		free(want);
		dk_buf_free(&b);
	}
	{
		struct dk_buf b = {0};
		char *want = sqlite_json(h, "SELECT json_array(?1)", SQLITE_NULL, NULL, 0, 0);

		canon_text_array(&b, "", 0);
		assert_string_equal(dk_buf_str(&b), "[\"\"]");
		dk_buf_free(&b);
		assert_string_equal(want, "[null]");
		free(want);
	}
	sqlite3_close(h);
}

static void test_nesting(void **state)
{
	struct dk_buf b = {0};
	struct dk_canon c;
	struct dk_error err = {0};

	(void)state;
	dk_canon_init(&c, &b);
	dk_canon_array_open(&c);
	dk_canon_array_close(&c);
	assert_int_equal(dk_canon_finish(&c, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "[]");
	dk_buf_free(&b);

	dk_canon_init(&c, &b);
	dk_canon_object_open(&c);
	dk_canon_object_close(&c);
	assert_int_equal(dk_canon_finish(&c, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "{}");
	dk_buf_free(&b);

	dk_canon_init(&c, &b);
	dk_canon_object_open(&c);
	dk_canon_key(&c, "a", 1);
	dk_canon_array_open(&c);
	dk_canon_array_open(&c);
	dk_canon_array_close(&c);
	dk_canon_object_open(&c);
	dk_canon_object_close(&c);
	dk_canon_null(&c);
	dk_canon_real(&c, 2.5);
	dk_canon_array_close(&c);
	dk_canon_key(&c, "b", 1);
	dk_canon_object_open(&c);
	dk_canon_key(&c, "c", 1);
	dk_canon_int(&c, -7);
	dk_canon_key(&c, "c", 1); /* kept, in order */
	dk_canon_text(&c, "x", 1);
	dk_canon_object_close(&c);
	dk_canon_object_close(&c);
	assert_int_equal(dk_canon_finish(&c, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "{\"a\":[[],{},null,2.5],\"b\":{\"c\":-7,\"c\":\"x\"}}");
	dk_buf_free(&b);
}

static void expect_misuse(void (*build)(struct dk_canon *), const char *problem)
{
	struct dk_buf b = {0};
	struct dk_canon c;
	struct dk_error err = {0};
	char want[200];

	dk_canon_init(&c, &b);
	build(&c);
	assert_int_equal(dk_canon_finish(&c, &err), DK_EINPUT);
	snprintf(want, sizeof want, "canonical text: %s", problem);
	assert_string_equal(err.msg, want);
	dk_buf_free(&b);
}

static void value_without_key(struct dk_canon *c)
{
	dk_canon_object_open(c);
	dk_canon_int(c, 1);
}
static void key_in_array(struct dk_canon *c)
{
	dk_canon_array_open(c);
	dk_canon_key(c, "k", 1);
}
static void key_without_value(struct dk_canon *c)
{
	dk_canon_object_open(c);
	dk_canon_key(c, "k", 1);
	dk_canon_object_close(c);
}
static void wrong_close(struct dk_canon *c)
{
	dk_canon_array_open(c);
	dk_canon_object_close(c);
}
static void left_open(struct dk_canon *c) { dk_canon_array_open(c); }
static void nothing(struct dk_canon *c) { (void)c; }
static void two_values(struct dk_canon *c)
{
	dk_canon_int(c, 1);
	dk_canon_int(c, 2);
}
static void too_deep(struct dk_canon *c)
{
	for (int i = 0; i <= DK_CANON_DEPTH; i++)
		dk_canon_array_open(c);
}

static void test_misuse(void **state)
{
	(void)state;
	expect_misuse(value_without_key, "a value in an object without its key");
	expect_misuse(key_in_array, "a key outside an object");
	expect_misuse(key_without_value, "an object's last key has no value");
	expect_misuse(wrong_close, "a close that does not match what is open");
	expect_misuse(left_open, "an array or object left open");
	expect_misuse(nothing, "no value");
	expect_misuse(two_values, "a second value after the whole text");
	expect_misuse(too_deep, "arrays and objects nested too deep");
}

/* One SQL expression's text, or its error message with a leading "!". */
static char *eval(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	char *out;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out = strdup((const char *)sqlite3_column_text(st, 0));
	} else {
		out = malloc(strlen(sqlite3_errmsg(h)) + 2);
		sprintf(out, "!%s", sqlite3_errmsg(h));
	}
	sqlite3_finalize(st);
	return out;
}

static void expect_sql(sqlite3 *h, const char *sql, const char *want)
{
	char *got = eval(h, sql);

	assert_string_equal(got, want);
	free(got);
}

/* The SQL functions: the same text as json_array and json_object for what
 * the triggers write, the number rules for reals, errors for the rest. */
static void test_sql_functions(void **state)
{
	sqlite3 *h;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(dk_sqlite_canon_register(h), SQLITE_OK);
	expect_sql(h, "SELECT docket_canon_array() = json_array()", "1");
	expect_sql(h, "SELECT docket_canon_object() = json_object()", "1");
	expect_sql(h,
	           "SELECT docket_canon_array(1, NULL, 'a\"b', -9223372036854775808, char(10, 127), '') "
	           "     = json_array(1, NULL, 'a\"b', -9223372036854775808, char(10, 127), '')",
	           "1");
	expect_sql(h,
	           "SELECT docket_canon_object('id', 7, 'name', 'Ana \"A\" Lima', 'team', NULL) "
	           "     = json_object('id', 7, 'name', 'Ana \"A\" Lima', 'team', NULL)",
	           "1");
	/* a text that holds JSON stays a string (json_array would nest json()) */
	expect_sql(h, "SELECT docket_canon_array('[1]', json('[1]'))", "[\"[1]\",\"[1]\"]");
	expect_sql(h, "SELECT docket_canon_array(0.1 + 0.2, 1e20, 5.0, 1e-7, 1500.25)",
	           "[0.30000000000000004,1e+20,5.0,1e-07,1500.25]");
	/* a real of at most 15 digits in fixed notation: json_array's text too */
	expect_sql(h,
	           "SELECT docket_canon_array(0.3, 1500.25, 99.9999, 0.0001, 5.0, -2.5, 123456789012345.0)"
	           "     = json_array(0.3, 1500.25, 99.9999, 0.0001, 5.0, -2.5, 123456789012345.0)",
	           "1");
	expect_sql(h, "SELECT docket_canon_object('throughput_rps', 0.1 + 0.2)",
	           "{\"throughput_rps\":0.30000000000000004}");
	expect_sql(h, "SELECT docket_canon_array(x'00')",
	           "!docket_canon_array() cannot hold BLOB values");
	expect_sql(h, "SELECT docket_canon_object('a', x'00')",
	           "!docket_canon_object() cannot hold BLOB values");
	expect_sql(h, "SELECT docket_canon_object('a')",
	           "!docket_canon_object() requires an even number of arguments");
	expect_sql(h, "SELECT docket_canon_object(1, 2)", "!docket_canon_object() labels must be TEXT");
	expect_sql(h, "SELECT docket_canon_array(1e999)",
	           "!docket_canon_array(): canonical text: a real that is infinite or not a number");
	sqlite3_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_non_finite),
		cmocka_unit_test(test_reals_round_trip),
		cmocka_unit_test(test_text_like_sqlite),
		cmocka_unit_test(test_integers_like_sqlite),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_sql_functions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
