/* test_cond.c: the catalog's condition language. */
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "docket/cond.h"

/* A context: online, 50 ms, 2000 rps, stack [Kubernetes, postgresql], gdpr, on_prem no. */
static void facts(struct dk_facts *f)
{
	struct dk_error err;

	memset(f, 0, sizeof *f);
	assert_int_equal(dk_facts_set_text(f, DK_F_PROBLEM, "online", &err), DK_OK);
	f->v[DK_F_LATENCY_P95_MS] = (struct dk_value){.type = DK_T_NUM, .num = 50};
	f->v[DK_F_THROUGHPUT_RPS] = (struct dk_value){.type = DK_T_NUM, .num = 2000};
	f->v[DK_F_ON_PREM] = (struct dk_value){.type = DK_T_BOOL, .b = 0};
	f->v[DK_F_SHARED_FEATURES] = (struct dk_value){.type = DK_T_BOOL, .b = 1};
	assert_int_equal(dk_facts_set_list(f, DK_F_STACK, "[\"Kubernetes\",\"postgresql\"]", &err), DK_OK);
	assert_int_equal(dk_facts_set_list(f, DK_F_COMPLIANCE, "[\"gdpr\"]", &err), DK_OK);
	/* data_gb, cloud, retrain, label_delay_days stay null */
}

static int holds(const char *src)
{
	struct dk_cond_error e = {0};
	struct dk_facts f;
	struct dk_cond *c = dk_cond_parse(src, DK_T_BOOL, &e);
	int r;

	if (c == NULL)
		fail_msg("'%s' did not parse: %s at %zu", src, e.msg, e.pos);
	facts(&f);
	r = dk_cond_holds(c, &f);
	dk_cond_free(c);
	dk_facts_free(&f);
	return r;
}

static double number(const char *src)
{
	struct dk_cond_error e = {0};
	struct dk_facts f;
	struct dk_value v;
	struct dk_cond *c = dk_cond_parse(src, DK_T_NUM, &e);
	double x;

	if (c == NULL)
		fail_msg("'%s' did not parse: %s", src, e.msg);
	facts(&f);
	dk_cond_eval(c, &f, &v);
	assert_int_equal(v.type, DK_T_NUM);
	x = v.num;
	dk_cond_free(c);
	dk_facts_free(&f);
	return x;
}

/* The expression is refused at character pos with a message containing want. */
static void refused(const char *src, int type, size_t pos, const char *want)
{
	struct dk_cond_error e = {0};
	struct dk_cond *c = dk_cond_parse(src, type, &e);

	if (c != NULL) {
		dk_cond_free(c);
		fail_msg("'%s' parsed but should not", src);
	}
	if (strstr(e.msg, want) == NULL)
		fail_msg("'%s': message '%s' does not say '%s'", src, e.msg, want);
	if (e.pos != pos)
		fail_msg("'%s': position %zu, expected %zu (%s)", src, e.pos, pos, e.msg);
}

static void test_comparisons(void **state)
{
	(void)state;
	assert_true(holds("problem == 'online'"));
	assert_false(holds("problem == 'batch'"));
	assert_true(holds("problem != \"batch\""));
	assert_true(holds("latency_p95_ms <= 50"));
	assert_false(holds("latency_p95_ms < 50"));
	assert_true(holds("throughput_rps >= 2000 and throughput_rps > 1999.5"));
	assert_true(holds("latency_p95_ms * 1.2 == 60"));
	assert_true(holds("true"));
	assert_false(holds("false"));
}

static void test_lists_and_logic(void **state)
{
	(void)state;
	assert_true(holds("stack has 'kubernetes'")); /* case-insensitive */
	assert_false(holds("stack has 'airflow'"));
	assert_true(holds("compliance has 'gdpr' and not compliance has 'hipaa'"));
	assert_true(holds("count(compliance) == 1 and count(stack) > 1"));
	assert_true(holds("problem == 'batch' or stack has 'postgresql'"));
	assert_false(holds("not (problem == 'online' and shared_features)"));
	assert_true(holds("not on_prem"));
	/* and binds tighter than or */
	assert_true(holds("true or false and false"));
	assert_false(holds("(true or false) and false"));
}

static void test_null(void **state)
{
	(void)state;
	assert_true(holds("data_gb == null"));
	assert_false(holds("latency_p95_ms == null"));
	assert_false(holds("data_gb < 1000"));
	assert_false(holds("data_gb >= 1000"));
	assert_true(holds("data_gb < 1000 or data_gb == null"));
	assert_false(holds("cloud == 'aws'"));
	assert_true(holds("cloud != 'aws'"));
	assert_false(holds("data_gb * 2 > 0"));
	/* a text field that was not given is in no list (it crashed) */
	assert_false(holds("stack has cloud"));
	assert_true(holds("not (compliance has retrain)"));
}

static void test_arithmetic(void **state)
{
	(void)state;
	assert_true(number("1.2 * latency_p95_ms") > 59.999 && number("1.2 * latency_p95_ms") < 60.001);
	assert_true(number("-latency_p95_ms + 2 * 3") == -44);
	assert_true(number("(1 + 2) * 3 - 8 / 4") == 7);
	assert_true(number("count(stack)") == 2);
}

static void test_errors(void **state)
{
	(void)state;
	refused("latncy_p95_ms < 5", DK_T_BOOL, 1, "unknown field 'latncy_p95_ms'");
	refused("problem == 'online' and team < 3", DK_T_BOOL, 25, "unknown field 'team'");
	refused("problem == 'onlin'", DK_T_BOOL, 9, "'onlin' is not a value of problem");
	refused("cloud == 'amazon'", DK_T_BOOL, 7, "not a value of cloud");
	refused("problem = 'online'", DK_T_BOOL, 9, "write ==");
	refused("(problem == 'online'", DK_T_BOOL, 1, "'(' is not closed");
	refused("(problem == 'online' true)", DK_T_BOOL, 22, "expected ')' here");
	refused("problem == 'online", DK_T_BOOL, 12, "not closed");
	refused("stack > 3", DK_T_BOOL, 7, "two numbers");
	refused("problem has 'x'", DK_T_BOOL, 1, "needs a list");
	refused("stack has 3", DK_T_BOOL, 7, "needs a text");
	refused("problem == 3", DK_T_BOOL, 9, "cannot compare");
	refused("latency_p95_ms and true", DK_T_BOOL, 1, "'and' needs a boolean");
	refused("not latency_p95_ms", DK_T_BOOL, 5, "'not' needs a boolean");
	refused("latency_p95_ms", DK_T_BOOL, 1, "must be a boolean");
	refused("latency_p95_ms > 3", DK_T_NUM, 1, "must be a number");
	refused("", DK_T_BOOL, 1, "empty");
	refused("true true", DK_T_BOOL, 6, "unexpected 'true'");
	refused("latency_p95_ms > ", DK_T_BOOL, 18, "ends too early");
	refused("3abc > 1", DK_T_BOOL, 1, "not a number");
	refused("problem == 'online' && true", DK_T_BOOL, 21, "unexpected '&&");
	refused("count(problem) > 1", DK_T_BOOL, 7, "count needs a list");
}

/* Limits that keep parsing, evaluation and freeing off the end of the stack. */
static void test_limits(void **state)
{
	char deep[400], chain[20000];
	size_t n = 0;

	(void)state;
	memset(deep, '(', 101);
	strcpy(deep + 101, "true");
	refused(deep, DK_T_BOOL, 101, "nested more than 100 deep");
	memset(deep, '-', 150);
	strcpy(deep + 150, "1 > 0");
	refused(deep, DK_T_BOOL, 101, "nested more than 100 deep");
	for (int i = 0; i < 2100; i++)
		n += (size_t)snprintf(chain + n, sizeof chain - n, "%s1", i ? "+" : "");
	strcpy(chain + n, " > 0");
	refused(chain, DK_T_BOOL, 2002, "more than 2000 parts");
	memset(deep, '(', 100);
	strcpy(deep + 100, "true");
	memset(deep + 104, ')', 100);
	deep[204] = '\0';
	assert_true(holds(deep));
}

static void test_num_format(void **state)
{
	char out[32];

	(void)state;
	dk_num_format(1.2 * 50, out);
	assert_string_equal(out, "60");
	dk_num_format(0.05, out);
	assert_string_equal(out, "0.05");
	dk_num_format(2400, out);
	assert_string_equal(out, "2400");
	dk_num_format(-0.0, out);
	assert_string_equal(out, "0");
}

static void test_json_strings(void **state)
{
	char **v;
	size_t n;

	(void)state;
	assert_int_equal(dk_json_strings("[\"a\", \"b\\\"c\", \"\\u00e9\"]", &v, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[1], "b\"c");
	assert_string_equal(v[2], "\xc3\xa9");
	dk_strings_free(v, n);
	assert_int_equal(dk_json_strings("[]", &v, &n), 0);
	assert_int_equal(n, 0);
	dk_strings_free(v, n);
	assert_int_equal(dk_json_strings("[\"open", &v, &n), -1);
	assert_int_equal(dk_json_strings("{}", &v, &n), -1);
}

/* Random token soup: every string either parses to the type asked for or
 * is refused with a position inside it (run under the sanitizers). */
static void test_random(void **state)
{
	static const char *const tok[] = {"problem", "latency_p95_ms", "stack", "on_prem", "count(",
		"(", ")", "and", "or", "not", "has", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
		"1", "2.5", "'online'", "'kubernetes'", "\"x", "null", "true", "{", "=", " ", "\xc3\xa9", "compliance"};
	unsigned seed = 12345;
	struct dk_facts f;

	(void)state;
	facts(&f);
	for (int i = 0; i < 20000; i++) {
		char src[256] = "";
		int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 9;
		struct dk_cond_error e = {0};
		struct dk_cond *c;

		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(src, tok[(seed >> 16) % (sizeof tok / sizeof tok[0])]);
			strcat(src, (seed >> 8) % 2 ? " " : "");
		}
		c = dk_cond_parse(src, i % 2 ? DK_T_BOOL : DK_T_NULL, &e);
		if (c) {
			struct dk_value v;
			dk_cond_eval(c, &f, &v);
			if (i % 2)
				assert_true(v.type == DK_T_BOOL);
			dk_cond_free(c);
		} else {
			assert_true(e.pos >= 1 && e.pos <= strlen(src) + 1);
			assert_true(e.msg[0] != '\0');
		}
	}
	dk_facts_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_lists_and_logic),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_num_format),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
