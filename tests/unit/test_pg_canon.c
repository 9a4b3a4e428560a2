/* PostgreSQL's docket_canon_value, docket_canon_row and docket_canon_array
 * (in migrations/postgres/0001_data_model.sql) against dk_canon (src/core/canon.c), byte for byte: the
 * reals of test_canon and every power of two, subnormals, the fixed/exponent
 * thresholds and 200,000 doubles of any bit pattern; every integer edge;
 * every byte below 0x80 and every valid UTF-8 sequence; whole rows of
 * bigint, text, double precision and NULL columns. PostgreSQL refuses a NUL
 * and invalid UTF-8 in a text (SQLSTATE 22021), so canon's rules for those
 * bytes have no PostgreSQL side; the test checks the refusal instead.
 *
 * Needs a running server: DOCKET_TEST_PGHOST is its socket directory (the
 * ctest fixture pg_server sets it), superuser docket, trust auth. The test
 * makes a database of its own, loads the functions' SQL (the file named by
 * DOCKET_PG_CANON_SQL, from the environment or else the build) and drops
 * the database at the end. */
#include "support.h"

#include <float.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/canon.h"

#ifndef DOCKET_PG_CANON_SQL
#error "DOCKET_PG_CANON_SQL must name migrations/postgres/0001_data_model.sql"
#endif

static PGconn *pg;     /* the test's own database, search_path docket */
static char dbname[64]; /* its name */

/* ---- libpq helpers ---------------------------------------------------- */

static PGconn *connect_to(const char *db)
{
	const char *host = getenv("DOCKET_TEST_PGHOST");
	const char *keys[] = {"host", "user", "dbname", NULL};
	const char *vals[] = {host, "docket", db, NULL};
	PGconn *c;

	if (host == NULL || *host == '\0')
		fail_msg("DOCKET_TEST_PGHOST is not set (the ctest fixture pg_server sets it to the "
		         "server's socket directory)");
	c = PQconnectdbParams(keys, vals, 0);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot connect to %s on %s: %s", db, host, PQerrorMessage(c));
	return c;
}

static void exec_ok(const char *sql)
{
	PGresult *r = PQexec(pg, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(pg));
	PQclear(r);
}

/* The rows of sql with n text parameters (NULL for an SQL NULL). */
static PGresult *rows(const char *sql, int n, const char *const *params)
{
	PGresult *r = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(pg));
	return r;
}

/* The one value of sql, which must not be NULL; the caller frees it. */
static char *one(const char *sql, int n, const char *const *params)
{
	PGresult *r = rows(sql, n, params);
	char *s;

	assert_int_equal(PQntuples(r), 1);
	assert_false(PQgetisnull(r, 0, 0));
	s = malloc((size_t)PQgetlength(r, 0, 0) + 1);
	assert_non_null(s);
	memcpy(s, PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0) + 1);
	PQclear(r);
	return s;
}

/* sql must fail with SQLSTATE state and, when msg is not NULL, that primary
 * message. params may be binary (formats NULL means all text). */
static void expect_error(const char *sql, int n, const char *const *params, const int *lengths,
                         const int *formats, const char *state, const char *msg)
{
	PGresult *r = PQexecParams(pg, sql, n, NULL, params, lengths, formats, 0);
	const char *got = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	if (PQresultStatus(r) != PGRES_FATAL_ERROR)
		fail_msg("%s: succeeded, expected SQLSTATE %s", sql, state);
	assert_non_null(got);
	assert_string_equal(got, state);
	if (msg != NULL)
		assert_string_equal(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), msg);
	PQclear(r);
}

/* ---- the C side ------------------------------------------------------- */

static void finish_ok(struct dk_canon *c)
{
	struct dk_error err = {0};

	if (dk_canon_finish(c, &err) != DK_OK)
		fail_msg("%s", err.msg);
}

static void c_text(struct dk_buf *b, const char *s, size_t n)
{
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_text(&c, s, n);
	finish_ok(&c);
}

static void c_int(struct dk_buf *b, int64_t v)
{
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_int(&c, v);
	finish_ok(&c);
}

/* Compares PostgreSQL's text (len bytes) with the C builder's. */
static void same(const char *what, const char *got, size_t len, const struct dk_buf *want)
{
	if (len != want->len || memcmp(got, want->p, len) != 0)
		fail_msg("%s: PostgreSQL wrote %.*s, canon.c %s", what, (int)len, got, dk_buf_str(want));
}

/* ---- setup ------------------------------------------------------------ */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static int setup(void **state)
{
	const char *path = getenv("DOCKET_PG_CANON_SQL") ? getenv("DOCKET_PG_CANON_SQL")
	                                                  : DOCKET_PG_CANON_SQL;
	PGconn *admin = connect_to("postgres");
	char sql[160];
	char *text;
	PGresult *r;

	(void)state;
	snprintf(dbname, sizeof dbname, "docket_test_pg_canon_%ld", (long)getpid());
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", dbname);
	PQclear(PQexec(admin, sql));
	snprintf(sql, sizeof sql, "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0", dbname);
	r = PQexec(admin, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(admin));
	PQclear(r);
	PQfinish(admin);
	pg = connect_to(dbname);
	exec_ok("CREATE SCHEMA docket");
	exec_ok("SET search_path = docket");
	/* the file as docket's migrations run: one simple-query script */
	text = read_file(path);
	exec_ok(text);
	free(text);
	return 0;
}

static int teardown(void **state)
{
	PGconn *admin;
	char sql[120];

	(void)state;
	PQfinish(pg);
	admin = connect_to("postgres");
	snprintf(sql, sizeof sql, "DROP DATABASE %s", dbname);
	PQclear(PQexec(admin, sql));
	PQfinish(admin);
	return 0;
}

/* ---- reals ------------------------------------------------------------ */

static uint64_t xorshift(uint64_t *x)
{
	*x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
	return *x;
}

/* Sends v[0..n) as float8 text of 17 digits (exact), checks each arrived
 * as the same bits, and compares docket_canon_value with dk_canon_real. */
static void check_reals(const double *v, size_t n)
{
	static const char sql[] =
		"SELECT encode(float8send(u.v), 'hex'), docket_canon_value(u.v) "
		"FROM unnest($1::float8[]) WITH ORDINALITY AS u(v, n) ORDER BY u.n";
	struct dk_buf arr = {0};
	const char *params[1];
	PGresult *r;

	dk_buf_add(&arr, "{", 1);
	for (size_t i = 0; i < n; i++)
		dk_buf_addf(&arr, "%s%.17g", i ? "," : "", v[i]);
	dk_buf_add(&arr, "}", 1);
	assert_true(dk_buf_ok(&arr));
	params[0] = arr.p;
	r = rows(sql, 1, params);
	assert_int_equal(PQntuples(r), (int)n);
	for (size_t i = 0; i < n; i++) {
		char want[DK_CANON_REAL_MAX], bits[17];
		uint64_t u;
		struct dk_buf b = {0};

		memcpy(&u, &v[i], sizeof u);
		snprintf(bits, sizeof bits, "%016llx", (unsigned long long)u);
		assert_string_equal(PQgetvalue(r, (int)i, 0), bits);
		assert_true(dk_canon_real_text(v[i], want) > 0);
		dk_buf_adds(&b, want);
		same("docket_canon_value(float8)", PQgetvalue(r, (int)i, 1),
		     (size_t)PQgetlength(r, (int)i, 1), &b);
		dk_buf_free(&b);
	}
	PQclear(r);
	dk_buf_free(&arr);
}

/* test_canon's reals, 0 and -0, every power of two, subnormals, the values
 * on both sides of the fixed/exponent thresholds, and doubles whose
 * shortest text is a boundary (see docket_canon_real_boundary). */
static size_t edge_reals(double *v)
{
	static const double listed[] = {
		0.1 + 0.2, 0.1, 0.3, 1e20, 5.0, -0.0, 0.0, 1e-7, DBL_MAX, -DBL_MAX, DBL_MIN, 5e-324,
		100.0, -1.5, 99.9999, 1.0 / 3, 0.0001, 0.00012345, 0.00001, 123456789012345.0,
		123456789012345.6, 999999999999999.0, 1e15, 9007199254740992.0, 9.5, 0.95, 1e300,
		(double)INT64_MAX, 1500.25, -2.5, 1e-5, 1e-4, 1e14, 1e16, 999999999999999.9,
		99999999999999.99, 0.000099999999999999999, 1e21, 1e22, 1e23, -1e-300, 1e-320,
		DBL_MIN - 5e-324, 2.2250738585072009e-308, 4.9406564584124654e-324,
		/* half-way to a neighbour, read back by round-half-even: shorter
		 * than PostgreSQL's float8 text (9.999999999999999e+22) */
		1e23, -1e23, 2e23, 5e22, 7e22, 1.4e23, 1.6e24, 6.4e24, 9.5e21, 8.4e22,
		3.1722300588172752e16, -2.9831702524198912e16};
	static const double thresholds[] = {1e15, 1e-5, 1e-4, 1e14, 1e16, 1.0, 10.0, 0.1};
	size_t n = 0;

	for (size_t i = 0; i < sizeof listed / sizeof *listed; i++)
		v[n++] = listed[i];
	for (int k = -1074; k <= 1023; k++) {
		v[n++] = ldexp(1, k);
		v[n++] = -ldexp(1, k);
	}
	for (int k = 1; k < 1 << 20; k = k * 3 + 1) /* subnormals: k * 2^-1074 */
		v[n++] = ldexp(k, -1074);
	for (size_t i = 0; i < sizeof thresholds / sizeof *thresholds; i++) {
		double t = thresholds[i], lo = t, hi = t;

		for (int s = 0; s < 4; s++) {
			lo = nextafter(lo, 0);
			hi = nextafter(hi, INFINITY);
			v[n++] = lo;
			v[n++] = hi;
			v[n++] = -hi;
		}
	}
	return n;
}

static void test_reals(void **state)
{
	double *v = malloc(8000 * sizeof *v);
	size_t n;

	(void)state;
	assert_non_null(v);
	n = edge_reals(v);
	assert_true(n < 8000);
	/* a session's extra_float_digits changes nothing: the functions pin it */
	exec_ok("SET extra_float_digits = 1");
	check_reals(v, n);
	exec_ok("SET extra_float_digits = 0");
	check_reals(v, n);
	exec_ok("SET extra_float_digits = -15");
	check_reals(v, n);
	exec_ok("SET extra_float_digits = 3");
	check_reals(v, n);
	exec_ok("RESET extra_float_digits");
	free(v);
}

/* 200,000 doubles of any bit pattern, test_canon's seed, in batches. */
static void test_reals_random(void **state)
{
	enum { BATCH = 4000 };
	uint64_t x = 0x9e3779b97f4a7c15u;
	double *v = malloc(BATCH * sizeof *v);
	size_t n = 0;

	(void)state;
	assert_non_null(v);
	for (int i = 0; i < 200000; i++) {
		uint64_t bits = xorshift(&x);
		double d;

		memcpy(&d, &bits, sizeof d);
		if (!isfinite(d))
			continue;
		v[n++] = d;
		if (n == BATCH || i == 199999) {
			check_reals(v, n);
			n = 0;
		}
	}
	if (n > 0)
		check_reals(v, n);
	free(v);
}

/* real (float4) and numeric are the double C would read; NULL is null;
 * a non-finite real of any of the three types is an error. */
static void test_other_reals(void **state)
{
	static const char *const numerics[] = {"0.1",   "123.456", "1e20",        "1e-7", "5",
	                                       "99.9999", "-2.5",  "1e15",        "0",
	                                       "12345678901234567890123456789.0123456789"};
	static const char *const nonfinite[] = {
		"SELECT docket_canon_value('NaN'::float8)",
		"SELECT docket_canon_value('Infinity'::float8)",
		"SELECT docket_canon_value('-Infinity'::float8)",
		"SELECT docket_canon_value('NaN'::real)",
		"SELECT docket_canon_value('-Infinity'::real)",
		"SELECT docket_canon_value('NaN'::numeric)",
		"SELECT docket_canon_value('Infinity'::numeric)",
	};
	uint64_t x = 12345;
	char *got;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		uint32_t bits = (uint32_t)xorshift(&x);
		float f;
		char s[40], want[DK_CANON_REAL_MAX];
		const char *p[1] = {s};
		struct dk_buf b = {0};

		memcpy(&f, &bits, sizeof f);
		if (!isfinite(f))
			continue;
		snprintf(s, sizeof s, "%.9g", (double)f);
		got = one("SELECT docket_canon_value($1::real)", 1, p);
		assert_true(dk_canon_real_text((double)f, want) > 0);
		dk_buf_adds(&b, want);
		same("docket_canon_value(real)", got, strlen(got), &b);
		free(got);
		dk_buf_free(&b);
	}
	for (size_t i = 0; i < sizeof numerics / sizeof *numerics; i++) {
		char want[DK_CANON_REAL_MAX];
		struct dk_buf b = {0};

		got = one("SELECT docket_canon_value($1::numeric)", 1, &numerics[i]);
		assert_true(dk_canon_real_text(strtod(numerics[i], NULL), want) > 0);
		dk_buf_adds(&b, want);
		same("docket_canon_value(numeric)", got, strlen(got), &b);
		free(got);
		dk_buf_free(&b);
	}
	for (size_t i = 0; i < sizeof nonfinite / sizeof *nonfinite; i++)
		expect_error(nonfinite[i], 0, NULL, NULL, NULL, "22000",
		             "canonical text: a real that is infinite or not a number");
	got = one("SELECT docket_canon_value(NULL::float8) || docket_canon_value(NULL::real)"
	          " || docket_canon_value(NULL::numeric)",
	          0, NULL);
	assert_string_equal(got, "nullnullnull");
	free(got);
}

/* ---- integers, NULL and other types ----------------------------------- */

static void test_integers(void **state)
{
	static const int64_t values[] = {0,        1,         -1,        42,        1000000,
	                                 INT64_MAX, INT64_MIN, INT64_MIN + 1, INT32_MAX, INT32_MIN,
	                                 INT16_MAX, INT16_MIN, 9007199254740993};
	static const char *const casts[] = {"bigint", "integer", "smallint"};
	char *got;

	(void)state;
	for (size_t k = 0; k < sizeof values / sizeof *values; k++)
		for (size_t t = 0; t < 3; t++) {
			char s[32], sql[80];
			const char *p[1] = {s};
			struct dk_buf b = {0};

			if ((t == 1 && (values[k] > INT32_MAX || values[k] < INT32_MIN)) ||
			    (t == 2 && (values[k] > INT16_MAX || values[k] < INT16_MIN)))
				continue;
			snprintf(s, sizeof s, "%lld", (long long)values[k]);
			snprintf(sql, sizeof sql, "SELECT docket_canon_value($1::%s)", casts[t]);
			got = one(sql, 1, p);
			c_int(&b, values[k]);
			same(sql, got, strlen(got), &b);
			free(got);
			dk_buf_free(&b);
		}
	got = one("SELECT docket_canon_value(NULL::bigint) || docket_canon_value(NULL::integer)"
	          " || docket_canon_value(NULL::text)",
	          0, NULL);
	assert_string_equal(got, "nullnullnull");
	free(got);
	expect_error("SELECT docket_canon_value(true)", 0, NULL, NULL, NULL, "22000",
	             "canonical text: type boolean has no canonical text");
	expect_error("SELECT docket_canon_value(now())", 0, NULL, NULL, NULL, "22000",
	             "canonical text: type timestamp with time zone has no canonical text");
}

/* ---- texts ------------------------------------------------------------ */

/* docket_canon_value of s as text and as varchar, and as the title and
 * description of docket_canon_array, against the C builder. */
static void check_text(const char *s, size_t n)
{
	const char *p[1] = {s};
	struct dk_buf b = {0};
	struct dk_canon c;
	char *got;

	assert_true(strlen(s) == n);
	c_text(&b, s, n);
	got = one("SELECT docket_canon_value($1::text)", 1, p);
	same("docket_canon_value(text)", got, strlen(got), &b);
	free(got);
	got = one("SELECT docket_canon_value($1::varchar)", 1, p);
	same("docket_canon_value(varchar)", got, strlen(got), &b);
	free(got);
	dk_buf_free(&b);
	dk_canon_init(&c, &b);
	dk_canon_array_open(&c);
	dk_canon_text(&c, s, n);
	dk_canon_text(&c, s, n);
	dk_canon_int(&c, 3);
	dk_canon_int(&c, 5);
	dk_canon_array_close(&c);
	finish_ok(&c);
	got = one("SELECT docket_canon_array($1, $1, 3, 5)", 1, p);
	same("docket_canon_array", got, strlen(got), &b);
	free(got);
	dk_buf_free(&b);
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Every byte 0x01..0x7f alone and between two letters; all of them in one
 * text; then every valid UTF-8 sequence (every code point but the
 * surrogates, which UTF-8 cannot hold), 64Ki code points a text, which
 * uses every byte 0x80..0xf4 valid UTF-8 has. */
static void test_texts(void **state)
{
	char all[0x80];
	char *big = malloc(4 * 0x10000 + 1);

	(void)state;
	assert_non_null(big);
	for (int ch = 1; ch < 0x80; ch++) {
		const char alone[2] = {(char)ch, 0};
		const char wide[4] = {'a', (char)ch, 'b', 0};

		check_text(alone, 1);
		check_text(wide, 3);
		all[ch - 1] = (char)ch;
	}
	all[0x7f] = '\0';
	check_text(all, 0x7f);
	check_text("", 0);
	check_text("\"\\/\b\f\n\r\t\x01\x1f\x7f", 11);
	check_text("[1]", 3); /* a text that holds JSON stays a string */
	for (uint32_t from = 0x80; from < 0x110000; from = (from + 0x10000) & ~0xffffu) {
		size_t n = 0;

		for (uint32_t cp = from; cp < ((from + 0x10000) & ~0xffffu) && cp < 0x110000; cp++)
			if (cp < 0xd800 || cp > 0xdfff)
				n += put_utf8(big + n, cp);
		big[n] = '\0';
		check_text(big, n);
	}
	free(big);
}

/* PostgreSQL holds no NUL and no invalid UTF-8 in a text: canon.c's rules
 * for those (\u0000, bytes copied as they are) cannot be reached from it. */
static void test_texts_refused(void **state)
{
	static const char *const invalid[] = {"\xff", "a\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80",
	                                      "\xf4\x90\x80\x80", "\xe2\x82"};
	static const char nul[3] = {'a', 0, 'b'};
	const char *p[1] = {nul};
	const int len[1] = {3}, binary[1] = {1};

	(void)state;
	for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
		expect_error("SELECT docket_canon_value($1::text)", 1, &invalid[i], NULL, NULL, "22021",
		             NULL);
	expect_error("SELECT docket_canon_value($1::text)", 1, p, len, binary, "22021", NULL);
}

/* ---- docket_canon_array ---------------------------------------------- */

static void test_array(void **state)
{
	static const struct {
		const char *title, *description, *likelihood, *impact;
	} cases[] = {
		{"Vendor lock-in", "We \"depend\" on one\ncloud", "3", "4"},
		{"t", NULL, "1", "5"},
		{"", "", NULL, NULL},
		{NULL, NULL, "-9223372036854775808", "9223372036854775807"},
		{"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\x7f\x01/", "0", "-1"},
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *p[4] = {cases[i].title, cases[i].description, cases[i].likelihood,
		                    cases[i].impact};
		struct dk_buf b = {0};
		struct dk_canon c;

		dk_canon_init(&c, &b);
		dk_canon_array_open(&c);
		for (int k = 0; k < 2; k++)
			if (p[k] == NULL)
				dk_canon_null(&c);
			else
				dk_canon_text(&c, p[k], strlen(p[k]));
		for (int k = 2; k < 4; k++)
			if (p[k] == NULL)
				dk_canon_null(&c);
			else
				dk_canon_int(&c, strtoll(p[k], NULL, 10));
		dk_canon_array_close(&c);
		finish_ok(&c);
		got = one("SELECT docket_canon_array($1, $2, $3::bigint, $4::bigint)", 4, p);
		same("docket_canon_array", got, strlen(got), &b);
		free(got);
		dk_buf_free(&b);
	}
	/* as DK_RISK_CANON_SQL calls it: untyped literals and integer columns */
	got = one("SELECT docket_canon_array('a', NULL, 1, 2)", 0, NULL);
	assert_string_equal(got, "[\"a\",null,1,2]");
	free(got);
}

/* ---- rows ------------------------------------------------------------- */

/* One column's value on both sides: its text parameter and canon's call. */
enum kind { K_NULL, K_INT, K_REAL, K_TEXT };
struct cell {
	enum kind kind;
	int64_t i;
	double d;
	const char *s;
};

#define NUL_ {K_NULL, 0, 0, NULL}
#define INT_(v) {K_INT, (v), 0, NULL}
#define REAL_(v) {K_REAL, 0, (v), NULL}
#define TEXT_(v) {K_TEXT, 0, 0, (v)}

/* The text parameter for c (NULL for NULL), in buf. */
static const char *param(const struct cell *c, char buf[40])
{
	switch (c->kind) {
	case K_INT:
		snprintf(buf, 40, "%lld", (long long)c->i);
		return buf;
	case K_REAL:
		snprintf(buf, 40, "%.17g", c->d);
		return buf;
	case K_TEXT:
		return c->s;
	default:
		return NULL;
	}
}

/* canon.c's object of n cells under keys. */
static void c_object(struct dk_buf *b, const char *const *keys, const struct cell *cells, int n)
{
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_object_open(&c);
	for (int k = 0; k < n; k++) {
		dk_canon_key(&c, keys[k], strlen(keys[k]));
		if (cells[k].kind == K_INT)
			dk_canon_int(&c, cells[k].i);
		else if (cells[k].kind == K_REAL)
			dk_canon_real(&c, cells[k].d);
		else if (cells[k].kind == K_TEXT)
			dk_canon_text(&c, cells[k].s, strlen(cells[k].s));
		else
			dk_canon_null(&c);
	}
	dk_canon_object_close(&c);
	finish_ok(&c);
}

/* Inserts rows (ncol cells each) into table with the INSERT insert, then
 * compares docket_canon_row of each (ordered by the first column, an
 * increasing bigint) with canon.c's object of the first nkey cells under
 * keys (the columns the table has at that point). */
static void check_rows(const char *select, const char *const *keys, int nkey,
                       const struct cell *cells, int ncol, int nrow)
{
	PGresult *r = rows(select, 0, NULL);

	assert_int_equal(PQntuples(r), nrow);
	for (int i = 0; i < nrow; i++) {
		struct dk_buf b = {0};

		c_object(&b, keys, cells + i * ncol, nkey);
		same(select, PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0), &b);
		dk_buf_free(&b);
	}
	PQclear(r);
}

static void insert_rows(const char *insert, const struct cell *cells, int ncol, int nrow)
{
	for (int i = 0; i < nrow; i++) {
		char bufs[8][40];
		const char *p[8];
		PGresult *r;

		assert_true(ncol <= 8);
		for (int k = 0; k < ncol; k++)
			p[k] = param(&cells[i * ncol + k], bufs[k]);
		r = PQexecParams(pg, insert, ncol, NULL, p, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			fail_msg("%s: %s", insert, PQerrorMessage(pg));
		PQclear(r);
	}
}

/* A table of bigint, text, double precision and NULL columns, one of them
 * with a key that needs escaping; then a column dropped and one added, as
 * docket's migrations do; under any session extra_float_digits. */
static void test_rows(void **state)
{
	static const char *const keys[] = {"id", "title", "x", "odd \"key\"\\/\x01", "n", "y"};
	static const char *const keys2[] = {"id", "title", "x", "odd \"key\"\\/\x01", "y", "z"};
	static const char *const settings[] = {"1", "0", "-15", "3"};
	static const struct cell cells[] = {
		INT_(1), TEXT_("Vendor \"lock-in\"\n"), REAL_(5.0), TEXT_("caf\xc3\xa9"), INT_(42), NUL_,
		INT_(2), TEXT_(""), REAL_(0.1 + 0.2), NUL_, INT_(INT64_MIN), REAL_(1e20),
		INT_(3), NUL_, NUL_, NUL_, NUL_, NUL_,
		INT_(4), TEXT_("\x7f\x1f\t"), REAL_(-0.0), TEXT_("x"), INT_(INT64_MAX), REAL_(1e-5),
		INT_(5), TEXT_("[1]"), REAL_(1e15), TEXT_("{}"), INT_(-1), REAL_(999999999999999.0),
		INT_(6), TEXT_("a"), REAL_(5e-324), NUL_, INT_(0), REAL_(DBL_MAX),
		INT_(7), TEXT_("b"), NUL_, TEXT_("only a text"), NUL_, NUL_,
		INT_(8), TEXT_("c"), REAL_(123456789012345.6), NUL_, NUL_, REAL_(0.0001),
	};
	enum { NCOL = 6, NROW = sizeof cells / sizeof *cells / NCOL };
	struct cell cells2[NROW * NCOL];
	PGresult *r;
	int n;

	(void)state;
	exec_ok("CREATE TABLE canon_mix (id bigint, title text, x double precision,"
	        " \"odd \"\"key\"\"\\/\x01\" text, n bigint, y double precision)");
	insert_rows("INSERT INTO canon_mix VALUES ($1, $2, $3, $4, $5, $6)", cells, NCOL, NROW);
	for (size_t k = 0; k < sizeof settings / sizeof *settings; k++) {
		char sql[80];
		char *got;

		snprintf(sql, sizeof sql, "SET extra_float_digits = %s", settings[k]);
		exec_ok(sql);
		check_rows("SELECT docket_canon_row(t) FROM canon_mix t ORDER BY id", keys, NCOL, cells,
		           NCOL, NROW);
		got = one("SHOW extra_float_digits", 0, NULL);
		assert_string_equal(got, settings[k]); /* left as the session set it */
		free(got);
	}
	exec_ok("RESET extra_float_digits");
	/* n dropped, z added: the row is the columns the table has, in order */
	exec_ok("ALTER TABLE canon_mix DROP COLUMN n");
	exec_ok("ALTER TABLE canon_mix ADD COLUMN z double precision");
	exec_ok("UPDATE canon_mix SET z = id * 0.5");
	for (int i = 0; i < NROW; i++) {
		memcpy(&cells2[i * NCOL], &cells[i * NCOL], 4 * sizeof *cells);
		cells2[i * NCOL + 4] = cells[i * NCOL + 5];
		cells2[i * NCOL + 5] = (struct cell)REAL_((double)cells[i * NCOL].i * 0.5);
	}
	check_rows("SELECT docket_canon_row(t) FROM canon_mix t ORDER BY id", keys2, NCOL, cells2,
	           NCOL, NROW);
	/* a NULL row is NULL (the functions are strict) */
	r = rows("SELECT 1 WHERE docket_canon_row(NULL::canon_mix) IS NULL", 0, NULL);
	n = PQntuples(r);
	PQclear(r);
	assert_int_equal(n, 1);
}

/* The per-column path finds each real by its key: a real first, keys that
 * are prefixes and suffixes of each other, a key with JSON escapes, a text
 * that looks like members, and real (float4) and numeric columns. */
static void test_rows_keys(void **state)
{
	static const char *const keys[] = {"x", "xx", "ax", "t", "\"x\":", "r", "n"};
	static const char *const tricky = ",\"x\":5,\"ax\":7}{\"x\":1";
	const struct cell cells[] = {
		REAL_(5.0), INT_(6), REAL_(7.0), TEXT_(tricky), REAL_(8.0), REAL_((double)0.1f),
		REAL_(2.0),
		REAL_(1e23), INT_(1), REAL_(-0.0), TEXT_("x"), REAL_(1e15), REAL_((double)16777216.0f),
		REAL_(1e-7),
		NUL_, NUL_, REAL_(1.5), NUL_, NUL_, NUL_, NUL_,
	};
	const char *params[][7] = {
		{"5", "6", "7", tricky, "8", "0.1", "2"},
		{"1e23", "1", "-0", "x", "1e15", "16777216", "0.0000001"},
		{NULL, NULL, "1.5", NULL, NULL, NULL, NULL},
	};
	PGresult *r;

	(void)state;
	exec_ok("CREATE TABLE canon_keys (x double precision, xx bigint, ax double precision,"
	        " t text, \"\"\"x\"\":\" double precision, r real, n numeric)");
	for (int i = 0; i < 3; i++) {
		r = PQexecParams(pg, "INSERT INTO canon_keys VALUES ($1, $2, $3, $4, $5, $6, $7)", 7,
		                 NULL, params[i], NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			fail_msg("INSERT INTO canon_keys: %s", PQerrorMessage(pg));
		PQclear(r);
	}
	check_rows("SELECT docket_canon_row(k) FROM canon_keys k ORDER BY xx DESC NULLS LAST", keys, 7,
	           cells, 7, 3);
}

/* 20,000 of the random doubles in rows of (bigint, double precision, text). */
static void test_rows_random(void **state)
{
	static const char *const keys[] = {"n", "x", "s"};
	enum { N = 20000 };
	uint64_t x = 0x9e3779b97f4a7c15u;
	struct cell *cells = malloc(3 * N * sizeof *cells);
	struct dk_buf arr = {0};
	const char *p[1];
	int n = 0;

	(void)state;
	assert_non_null(cells);
	dk_buf_add(&arr, "{", 1);
	while (n < N) {
		uint64_t bits = xorshift(&x);
		double d;

		memcpy(&d, &bits, sizeof d);
		if (!isfinite(d))
			continue;
		cells[3 * n] = (struct cell)INT_(n + 1);
		cells[3 * n + 1] = (struct cell)REAL_(d);
		cells[3 * n + 2] = n % 3 ? (struct cell)NUL_ : (struct cell)TEXT_("t");
		dk_buf_addf(&arr, "%s%.17g", n ? "," : "", d);
		n++;
	}
	dk_buf_add(&arr, "}", 1);
	assert_true(dk_buf_ok(&arr));
	p[0] = arr.p;
	exec_ok("CREATE TABLE canon_random (n bigint, x double precision, s text)");
	PQclear(rows("INSERT INTO canon_random SELECT u.n, u.x, CASE WHEN u.n % 3 = 1 THEN 't' END"
	             " FROM unnest($1::float8[]) WITH ORDINALITY AS u(x, n) RETURNING 1",
	             1, p));
	check_rows("SELECT docket_canon_row(t) FROM canon_random t ORDER BY n", keys, 3, cells, 3, N);
	dk_buf_free(&arr);
	free(cells);
}

/* A row with no real that is not NULL is row_to_json's text (the fast
 * path) and the per-column path gives the same bytes; so does a row that
 * only looks as if it had a real (an integer whose binary form holds a
 * real's type tag, rows 2-4, which take the per-column path); row 5 holds
 * a near miss. */
static void test_rows_paths(void **state)
{
	static const char *const keys[] = {"id", "uuid", "title", "description", "likelihood",
	                                   "accepted_hash", "x"};
	static const struct cell cells[] = {
		INT_(1), TEXT_("6f1c2a9e-3b7d-4c1a-9e0f-2d5b8a7c6e41"), TEXT_("Risk"),
		TEXT_("A \"description\"\nwith \\ and \x01"), INT_(3), NUL_, NUL_,
		INT_(2), TEXT_("u"), TEXT_("\xe2\x82\xac"), NUL_, INT_(0x000002bd00000008), NUL_, NUL_,
		INT_(3), TEXT_("u"), TEXT_("t"), NUL_, INT_(0x000002bc00000004), NUL_, NUL_,
		INT_(4), TEXT_("u"), TEXT_("t"), NUL_, INT_(0x000006a400000000), TEXT_("h"), NUL_,
		INT_(5), TEXT_("u"), TEXT_("t"), NUL_, INT_(0x000002bd00000007), NUL_, NUL_,
	};
	enum { NCOL = 7, NROW = sizeof cells / sizeof *cells / NCOL };
	PGresult *r;

	(void)state;
	exec_ok("CREATE TABLE canon_plain (id bigint, uuid text, title text, description text,"
	        " likelihood bigint, accepted_hash text, x double precision)");
	insert_rows("INSERT INTO canon_plain VALUES ($1, $2, $3, $4, $5, $6, $7)", cells, NCOL, NROW);
	check_rows("SELECT docket_canon_row(t) FROM canon_plain t ORDER BY id", keys, NCOL, cells,
	           NCOL, NROW);
	check_rows("SELECT docket_canon_row_by_column(t) FROM canon_plain t ORDER BY id", keys, NCOL,
	           cells, NCOL, NROW);
	r = rows("SELECT id FROM canon_plain t WHERE docket_canon_row(t) = row_to_json(t)::text",
	         0, NULL);
	assert_int_equal(PQntuples(r), NROW);
	PQclear(r);
	/* a table without any real column */
	exec_ok("CREATE TABLE canon_ints (id bigint, s text, n integer, m smallint)");
	exec_ok("INSERT INTO canon_ints VALUES (1, E'a\\u0001\"', 2147483647, -32768), "
	        "(2, NULL, NULL, NULL)");
	r = rows("SELECT docket_canon_row(t) FROM canon_ints t ORDER BY id", 0, NULL);
	assert_int_equal(PQntuples(r), 2);
	assert_string_equal(PQgetvalue(r, 0, 0),
	                    "{\"id\":1,\"s\":\"a\\u0001\\\"\",\"n\":2147483647,\"m\":-32768}");
	assert_string_equal(PQgetvalue(r, 1, 0), "{\"id\":2,\"s\":null,\"n\":null,\"m\":null}");
	PQclear(r);
}

static void test_rows_errors(void **state)
{
	static const char msg[] = "canonical text: a real that is infinite or not a number";

	(void)state;
	exec_ok("CREATE TABLE canon_bad (id bigint, x double precision)");
	exec_ok("INSERT INTO canon_bad VALUES (1, 'Infinity'), (2, '-Infinity'), (3, 'NaN')");
	expect_error("SELECT docket_canon_row(t) FROM canon_bad t WHERE id = 1", 0, NULL, NULL, NULL,
	             "22000", msg);
	expect_error("SELECT docket_canon_row(t) FROM canon_bad t WHERE id = 2", 0, NULL, NULL, NULL,
	             "22000", msg);
	expect_error("SELECT docket_canon_row(t) FROM canon_bad t WHERE id = 3", 0, NULL, NULL, NULL,
	             "22000", msg);
	/* an anonymous row with a real: no catalog says which column is one */
	expect_error("SELECT docket_canon_row(ROW(1::bigint, 2::float8))", 0, NULL, NULL, NULL,
	             "22000", "canonical text: record is not a table's row type");
	exec_ok("CREATE TABLE canon_bool (id bigint, b boolean, x double precision)");
	exec_ok("INSERT INTO canon_bool VALUES (1, true, 1.5)");
	expect_error("SELECT docket_canon_row(t) FROM canon_bool t", 0, NULL, NULL, NULL, "22000",
	             "canonical text: type boolean has no canonical text");
	/* an audited write fails with it */
	exec_ok("CREATE TABLE canon_sink (t text)");
	exec_ok("CREATE FUNCTION canon_bad_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
	        " BEGIN INSERT INTO canon_sink VALUES (docket_canon_row(NEW)); RETURN NULL; END $$");
	exec_ok("CREATE TRIGGER canon_bad_audit AFTER INSERT ON canon_bad"
	        " FOR EACH ROW EXECUTE FUNCTION canon_bad_audit()");
	expect_error("INSERT INTO canon_bad VALUES (4, 'NaN')", 0, NULL, NULL, NULL, "22000", msg);
	exec_ok("INSERT INTO canon_bad VALUES (5, 2)");
	{
		char *got = one("SELECT string_agg(t, ';') FROM canon_sink", 0, NULL);

		assert_string_equal(got, "{\"id\":5,\"x\":2.0}");
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_reals_random),
		cmocka_unit_test(test_other_reals),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_texts_refused),
		cmocka_unit_test(test_array),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_rows_keys),
		cmocka_unit_test(test_rows_random),
		cmocka_unit_test(test_rows_paths),
		cmocka_unit_test(test_rows_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
