/* test_cond.c: the catalog's condition language. */
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "docket/cond.h"
#include "docket/text.h"
#include "docket/vocab.h"

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
	assert_true(holds("not (compliance has system)"));
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
	/* arithmetic no context can make good is named where it is written */
	refused("1/0", DK_T_NUM, 1, "division by zero in '1/0'");
	refused("2 * (3 / (1 - 1))", DK_T_NUM, 6, "division by zero in '3 / (1 - 1)'");
	refused("latency_p95_ms / (0 * 5) > 1", DK_T_BOOL, 1, "division by zero in 'latency_p95_ms / (0 * 5)'");
	refused("1e300 * 1e300", DK_T_NUM, 1, "'1e300 * 1e300' overflows");
	refused("ceil(-1e308 - 1e308)", DK_T_NUM, 6, "overflows");
	assert_true(number("latency_p95_ms / 2") == 25);
	assert_true(number("8 / (1 - 0.5)") == 16);
}

/* The new fields, lists with values, folding, functions. */
static void test_fields_and_functions(void **state)
{
	(void)state;
	assert_true(holds("compliance has 'GDPR' and compliance has 'g-d-p-r'")); /* case and punctuation fold */
	assert_true(holds("count(retrain) == 0 and not retrain has 'weekly'"));
	assert_true(holds("model_kind == null and deploy_target == null and not gpu and not air_gapped"));
	assert_true(holds("availability_pct == null and pipelines == null and velocity_gb_day == null"));
	assert_true(number("ceil(2.1) + floor(2.9) + round(2.5)") == 3 + 2 + 3);
	assert_true(number("min(latency_p95_ms, 10) + max(latency_p95_ms, 10)") == 60);
	assert_true(number("max(1, ceil(1000 / (throughput_rps * 0.05 * 60)))") == 1);
	assert_true(number("ceil(1000 / (1 * 0.05 * 60))") == 334);
	/* null flows through the functions */
	assert_false(holds("min(data_gb, 1) < 5"));
	refused("retrain == 'weekly'", DK_T_BOOL, 9, "retrain is a list: write retrain has 'x'");
	refused("retrain has 'fortnightly'", DK_T_BOOL, 13, "'fortnightly' is not a value of retrain");
	refused("model_kind == 'genai'", DK_T_BOOL, 12, "not a value of model_kind (classical, deep, llm)");
	refused("deploy_target == 'mobile'", DK_T_BOOL, 15, "not a value of deploy_target (server, edge)");
	refused("min(1) > 0", DK_T_BOOL, 6, "expected ',' and a second number");
	refused("ceil('x') > 0", DK_T_BOOL, 6, "a number function needs a number");
	refused("ceil > 0", DK_T_BOOL, 6, "'ceil' needs '(' and a number");
	refused("tool(orchestrator) == null", DK_T_BOOL, 6, "tool needs a kind in quotes");
	refused("tool('orchestrater') == null", DK_T_BOOL, 6, "'orchestrater' is not a kind of tool");
	refused("compliance has kind 'orchestrator'", DK_T_BOOL, 12, "'has kind' needs the stack on its left");
	refused("stack has kind 'stores'", DK_T_BOOL, 16, "'stores' is not a kind of tool");
}

/* The stack through a vocabulary: aliases, vendor words, kinds and tool(). */
static void test_vocabulary(void **state)
{
	struct dk_vocab v = {0};
	struct dk_error err = {0};
	struct dk_cond_error e = {0};
	struct dk_facts f;
	struct dk_value val;
	struct dk_cond *c;
	static const struct { const char *src; int want; } cases[] = {
		{"stack has 'sagemaker'", 1},
		{"stack has 'aws-sagemaker'", 1},
		{"stack has kind 'managed-platform'", 1},
		{"stack has kind 'orchestrator'", 1},
		{"stack has kind 'stream'", 1},
		{"stack has 'kafka'", 1},
		{"stack has 'airflow'", 0},
		{"stack has kind 'tracker'", 0},
		{"count(stack) == 3", 1},
	};

	(void)state;
	memset(&f, 0, sizeof f);
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 2, "airflow", "Apache Airflow", "", "orchestrator", "", 0, &err), DK_OK);
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 3, "sagemaker", "Amazon SageMaker", "sm",
	                              "managed-platform;orchestrator=SageMaker Pipelines", "aws", 0, &err), DK_OK);
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 4, "kafka", "Apache Kafka", "", "stream", "", 0, &err), DK_OK);
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 5, "mwaa", "MWAA", "airflow", "orchestrator", "aws", 0, &err), DK_EINPUT);
	assert_string_equal(err.msg, "alias 'airflow' is already airflow (stack.csv:2)");
	/* behind an overlay: a taken name is left to its owner */
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 6, "kafka", "Kafka again", "", "stream", "", 1, &err), DK_OK);
	assert_int_equal(v.n, 3);
	assert_int_equal(dk_vocab_find(&v, "Apache-Kafka"), 2);  /* a vendor word */
	assert_int_equal(dk_vocab_find(&v, "AWS SM"), 1);
	assert_int_equal(dk_vocab_find(&v, "SageMaker!"), 1);
	assert_int_equal(dk_vocab_find(&v, "sage"), -1);
	assert_int_equal(dk_vocab_named(&v, "kafka"), 2);
	assert_int_equal(dk_facts_set_list(&f, DK_F_STACK, "[\"AWS-SageMaker\",\"Apache Kafka\",\"foo\"]", &err), DK_OK);
	assert_int_equal(dk_facts_resolve(&f, &v, &err), DK_OK);
	assert_int_equal(f.tool[0], 1);
	assert_int_equal(f.tool[2], -1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if ((c = dk_cond_parse_vocab(cases[i].src, DK_T_BOOL, &v, &e)) == NULL)
			fail_msg("'%s': %s", cases[i].src, e.msg);
		if (dk_cond_holds(c, &f) != cases[i].want)
			fail_msg("'%s' is not %d", cases[i].src, cases[i].want);
		dk_cond_free(c);
	}
	/* tool(): a dedicated tool before a platform */
	c = dk_cond_parse_vocab("tool('orchestrator')", DK_T_TEXT, &v, &e);
	dk_cond_eval(c, &f, &val);
	assert_string_equal(val.text, "SageMaker Pipelines");
	assert_int_equal(dk_facts_set_list(&f, DK_F_STACK, "[\"sm\",\"airflow\"]", &err), DK_OK);
	assert_int_equal(dk_facts_resolve(&f, &v, &err), DK_OK);
	dk_cond_eval(c, &f, &val);
	assert_string_equal(val.text, "Apache Airflow");
	dk_cond_free(c);
	c = dk_cond_parse_vocab("tool('stream')", DK_T_TEXT, &v, &e);
	dk_cond_eval(c, &f, &val);
	assert_int_equal(val.type, DK_T_NULL);
	dk_cond_free(c);
	assert_null(dk_cond_parse_vocab("stack has 'kafk'", DK_T_BOOL, &v, &e));
	assert_string_equal(e.msg, "'kafk' is not a tool in the stack vocabulary (stack.csv)");
	assert_int_equal(e.pos, 11);
	dk_facts_free(&f);
	dk_vocab_free(&v);
}

/* Why a condition has its value, in the words of the catalog. */
static void test_explain(void **state)
{
	static const struct { const char *src, *want; } cases[] = {
		{"problem == 'online' and latency_p95_ms <= 20",
		 "latency_p95_ms <= 20 is false (latency_p95_ms is 50)"},
		{"problem == 'online' and latency_p95_ms <= 80",
		 "problem == 'online' is true (problem is online); latency_p95_ms <= 80 is true (latency_p95_ms is 50)"},
		{"data_gb >= 1000 or cloud == 'aws'",
		 "data_gb >= 1000 is false (data_gb is not given); cloud == 'aws' is false (cloud is not given)"},
		{"not on_prem", "not on_prem is true (on_prem is no)"},
		{"not (team_size >= 8 or stack has 'airflow')",
		 "team_size >= 8 is false (team_size is not given); stack has 'airflow' is false (stack is Kubernetes, postgresql)"},
		{"true", "unconditional (true)"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dk_cond_error e = {0};
		struct dk_cond *c = dk_cond_parse(cases[i].src, DK_T_BOOL, &e);
		struct dk_buf b = {0};
		struct dk_facts f;

		facts(&f);
		dk_cond_explain(c, &f, &b);
		assert_string_equal(dk_buf_str(&b), cases[i].want);
		dk_buf_free(&b);
		dk_cond_free(c);
		dk_facts_free(&f);
	}
}

/* With fields unknown: decided where the known part decides it. */
static void test_partial(void **state)
{
	static const struct { const char *src; int known; int want; } cases[] = {
		/* known: problem only (0 = false, 1 = true, 2 = unknown) */
		{"problem == 'batch' and team_size > 3", 1, 0},
		{"problem == 'online' and team_size > 3", 1, 2},
		{"problem == 'online' or team_size > 3", 1, 1},
		{"not (team_size > 3)", 1, 2},
		{"count(stack) > 1", 1, 2},
		{"stack has kind 'orchestrator'", 1, 2},
		{"team_size > 3", 0, 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char known[DK_FIELD_COUNT] = {0};
		struct dk_cond_error e = {0};
		struct dk_cond *c = dk_cond_parse(cases[i].src, DK_T_BOOL, &e);
		struct dk_value v;
		struct dk_facts f;
		int got;

		facts(&f);
		known[DK_F_PROBLEM] = (unsigned char)cases[i].known;
		dk_cond_eval_partial(c, &f, known, &v);
		got = v.type == DK_T_UNKNOWN ? 2 : v.type == DK_T_BOOL ? v.b : -1;
		if (got != cases[i].want)
			fail_msg("'%s': %d, expected %d", cases[i].src, got, cases[i].want);
		dk_cond_free(c);
		dk_facts_free(&f);
	}
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
	dk_num_format(0.000077, out);
	assert_string_equal(out, "0.000077");
	dk_num_format(1.5e-7, out);
	assert_string_equal(out, "0.00000015");
	dk_num_format(3e12, out);
	assert_string_equal(out, "3000000000000");
	dk_num_format(1e300, out);
	assert_string_equal(out, "1e+300");
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
		cmocka_unit_test(test_fields_and_functions),
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_num_format),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
