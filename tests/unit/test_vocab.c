/* test_vocab.c: the stack vocabulary: folding, aliases, vendor words, what
 * a tool supplies, near misses, and what is refused when a tool is added. */
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "docket/vocab.h"

static void add(struct dk_vocab *v, const char *name, const char *title, const char *aliases,
                const char *kinds, const char *cloud)
{
	struct dk_error err = {0};

	if (dk_vocab_add(v, "stack.csv", (int)v->n + 2, name, title, aliases, kinds, cloud, 0, &err) != DK_OK)
		fail_msg("%s: %s", name, err.msg);
}

static void sample(struct dk_vocab *v)
{
	memset(v, 0, sizeof *v);
	add(v, "kubernetes", "Kubernetes", "k8s;kube", "kubernetes", "");
	add(v, "sagemaker", "Amazon SageMaker AI", "sagemaker-ai", "managed-platform;serving=SageMaker real-time endpoints;orchestrator=SageMaker Pipelines", "aws");
	add(v, "airflow", "Apache Airflow", "", "orchestrator", "");
	add(v, "secrets-manager", "AWS Secrets Manager", "aws-secret-manager", "secrets", "aws");
}

static void test_fold(void **state)
{
	char out[64];

	(void)state;
	dk_fold("AWS SageMaker", out, sizeof out);
	assert_string_equal(out, "awssagemaker");
	dk_fold("Weights & Biases", out, sizeof out);
	assert_string_equal(out, "weightsbiases");
	dk_fold("--", out, sizeof out);
	assert_string_equal(out, "");
	dk_fold("caf\xc3\xa9", out, sizeof out); /* bytes that are not ASCII letters are dropped */
	assert_string_equal(out, "caf");
	dk_fold("abcdef", out, 4);
	assert_string_equal(out, "abc");
}

static void test_find(void **state)
{
	struct dk_vocab v;

	(void)state;
	sample(&v);
	assert_int_equal(dk_vocab_find(&v, "K8S"), 0);
	assert_int_equal(dk_vocab_find(&v, "kube"), 0);
	assert_int_equal(dk_vocab_find(&v, "Amazon SageMaker"), 1); /* a vendor word before the name */
	assert_int_equal(dk_vocab_find(&v, "aws_sagemaker_ai"), 1);
	assert_int_equal(dk_vocab_find(&v, "apache-airflow"), 2);
	/* the exact spelling first: an alias that starts with a vendor word */
	assert_int_equal(dk_vocab_find(&v, "AWS Secret Manager"), 3);
	assert_int_equal(dk_vocab_find(&v, "airflowx"), -1);
	assert_int_equal(dk_vocab_find(&v, ""), -1);
	assert_int_equal(dk_vocab_find(NULL, "k8s"), -1);
	assert_int_equal(dk_vocab_named(&v, "airflow"), 2);
	assert_int_equal(dk_vocab_named(&v, "Airflow"), -1);
	/* near misses: two edits at most, and a third of the word */
	assert_int_equal(dk_vocab_nearest(&v, "kubernets"), 0);
	assert_int_equal(dk_vocab_nearest(&v, "airflw"), 2);
	assert_int_equal(dk_vocab_nearest(&v, "k9s"), 0);  /* one edit of three letters */
	assert_int_equal(dk_vocab_nearest(&v, "k9z"), -1); /* two of three is another word */
	assert_int_equal(dk_vocab_nearest(&v, "postgresql"), -1);
	dk_vocab_free(&v);
}

static void test_kinds(void **state)
{
	struct dk_vocab v;
	const struct dk_tool *sm;

	(void)state;
	sample(&v);
	sm = &v.tools[1];
	assert_true(dk_tool_has_kind(sm, "serving"));
	assert_false(dk_tool_has_kind(sm, "tracker"));
	assert_string_equal(dk_tool_product(sm, "orchestrator"), "SageMaker Pipelines");
	assert_string_equal(dk_tool_product(sm, "managed-platform"), "Amazon SageMaker AI");
	assert_null(dk_tool_product(sm, "tracker"));
	assert_string_equal(sm->kinds[0].kind, "managed-platform"); /* the first kind is its main job */
	assert_true(dk_tool_kind_known("edge-runtime"));
	assert_false(dk_tool_kind_known("edge runtime"));
	/* a tool is named in a text as a whole word, by title or name */
	assert_true(dk_tool_named_in(&v.tools[2], "the existing Apache Airflow deployment"));
	assert_true(dk_tool_named_in(&v.tools[2], "AIRFLOW, then cron"));
	assert_false(dk_tool_named_in(&v.tools[2], "airflows"));
	assert_false(dk_tool_named_in(&v.tools[0], "no cluster"));
	dk_vocab_free(&v);
}

static void refused(const char *name, const char *title, const char *aliases, const char *kinds,
                    const char *cloud, const char *want)
{
	struct dk_vocab v;
	struct dk_error err = {0};
	size_t n;

	sample(&v);
	n = v.n;
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 9, name, title, aliases, kinds, cloud, 0, &err), DK_EINPUT);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s' does not say '%s'", err.msg, want);
	assert_int_equal(v.n, n); /* nothing added */
	dk_vocab_free(&v);
}

static void test_refused(void **state)
{
	(void)state;
	refused("Dagster", "Dagster", "", "orchestrator", "", "name 'Dagster' is not a tool name");
	refused("", "Dagster", "", "orchestrator", "", "is not a tool name");
	refused("dagster", "", "", "orchestrator", "", "title '' is empty");
	refused("dagster", "Dagster", "", "", "", "kinds is empty");
	refused("dagster", "Dagster", "", "orchestrators", "", "'orchestrators' is not a kind");
	refused("dagster", "Dagster", "", "orchestrator=", "", "the product name '' is empty");
	refused("dagster", "Dagster", "", "orchestrator;orchestrator=x", "", "kind orchestrator is given twice");
	refused("dagster", "Dagster", "", "orchestrator", "mars", "cloud 'mars' is not aws, gcp, azure or empty");
	refused("dagster", "Dagster", "k8s", "orchestrator", "", "alias 'k8s' is already kubernetes (stack.csv:2)");
	refused("airflow", "Airflow again", "", "orchestrator", "", "name 'airflow' is already airflow");
	refused("dagster", "Dagster", "a;;b", "orchestrator", "", "aliases has an empty item");
	refused("dagster", "Dagster", "-", "orchestrator", "", "alias '-' has no letter or digit");
}

/* Behind an overlay a taken name leaves the tool out and a taken alias
 * stays with its owner. */
static void test_behind(void **state)
{
	struct dk_vocab v;
	struct dk_error err = {0};

	(void)state;
	sample(&v);
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 9, "airflow", "Shipped Airflow", "", "orchestrator", "", 1, &err), DK_OK);
	assert_int_equal(v.n, 4);
	assert_string_equal(v.tools[2].title, "Apache Airflow");
	assert_int_equal(dk_vocab_add(&v, "stack.csv", 10, "mwaa", "MWAA", "k8s;managed-airflow", "orchestrator", "aws", 1, &err), DK_OK);
	assert_int_equal(v.n, 5);
	assert_int_equal(dk_vocab_find(&v, "k8s"), 0);
	assert_int_equal(dk_vocab_find(&v, "managed airflow"), 4);
	dk_vocab_free(&v);
	dk_vocab_free(&v); /* safe twice: freeing leaves it empty */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_behind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
