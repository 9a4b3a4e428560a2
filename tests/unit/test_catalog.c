/* test_catalog.c: loading the rule catalog, and refusing a bad one with
 * file, line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "docket/catalog.h"
#include "docket/text.h"

/* A small valid catalog; a test replaces one file to break it. */
static const char *minimal[7][2] = {
	{"components.csv",
	 "# a comment\n"
	 "area,component,condition,choice,alternative,tradeoff,risk_title,risk_category,likelihood,impact\n"
	 "serving,serving,problem == 'online',FastAPI,BentoML,simple,capacity,ops,2,3\n"
	 "serving,serving,true,batch job,FastAPI,\"cheap, stale\",,,,\n"},
	{"deferred.csv", "area,component,condition,add_when,risk_title,risk_category,likelihood,impact\n"
	                 "data,feature store,true,features are shared,,,,\n"},
	{"stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	               "train,true,data;config,model,yes,yes,yes,yes,yes,no\n"},
	{"gates.csv", "stage,condition,metric,op,threshold\ntrain,latency_p95_ms != null,p95_ms,<=,1.2 * latency_p95_ms\n"},
	{"monitoring.csv", "condition,signal,threshold,alert,action\ntrue,latency,above {latency_p95_ms} ms,{owner},roll back\n"},
	{"rollout.csv", "kind,condition,text\nrollback,true,move the alias back\n"},
	{"first_steps.csv", "condition,step\ntrue,pin the environment\n"},
};

/* Loads minimal with file name replaced by data; returns the status. */
static int load_with(const char *name, const char *data, struct dk_catalog **cat,
                     struct dk_error *err)
{
	struct dk_catalog_file files[7];
	int n = 0;

	for (int i = 0; i < 7; i++) {
		if (name && strcmp(minimal[i][0], name) == 0 && data == NULL)
			continue; /* the file is missing */
		files[n].name = minimal[i][0];
		files[n].data = name && strcmp(minimal[i][0], name) == 0 ? data : minimal[i][1];
		files[n].len = strlen(files[n].data);
		n++;
	}
	return dk_catalog_load_files(files, (size_t)n, "cat", cat, err);
}

static void refused(const char *name, const char *data, const char *want)
{
	struct dk_catalog *cat = (struct dk_catalog *)1;
	struct dk_error err = {0};
	int rc = load_with(name, data, &cat, &err);

	if (rc != DK_EINPUT)
		fail_msg("%s was not refused (status %d): %s", name, rc, err.msg);
	assert_null(cat);
	if (strstr(err.msg, want) == NULL)
		fail_msg("message '%s' does not say '%s'", err.msg, want);
}

static void test_minimal(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};

	(void)state;
	if (load_with(NULL, NULL, &cat, &err) != DK_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(cat->n_components, 2);
	assert_int_equal(cat->components[0].line, 3); /* the comment and header come first */
	assert_string_equal(cat->components[0].risk.title, "capacity");
	assert_int_equal(cat->components[0].risk.impact, 3);
	assert_null(cat->components[1].risk.title);
	assert_int_equal(cat->n_stages, 1);
	assert_int_equal(cat->stages[0].n_inputs, 2);
	assert_string_equal(cat->stages[0].inputs[1], "config");
	assert_int_equal(cat->stages[0].flags[DK_FLAG_DATA_VERSIONED], 0);
	assert_int_equal(cat->stages[0].flags[DK_FLAG_SEED_FIXED], 1);
	assert_int_equal(strlen(cat->sha256), 64);
	assert_string_equal(cat->origin, "cat");
	dk_catalog_free(cat);
}

static void test_bom_and_crlf(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(load_with("first_steps.csv", "\xef\xbb\xbf" "condition,step\r\ntrue,\"pin it, now\"\r\n", &cat, &err), DK_OK);
	assert_int_equal(cat->n_first_steps, 1);
	assert_string_equal(cat->first_steps[0].text.lit[0], "pin it, now");
	dk_catalog_free(cat);
}

static void test_template(void **state)
{
	struct dk_catalog *cat;
	struct dk_error err = {0};
	struct dk_facts f;
	struct dk_buf b = {0};

	(void)state;
	assert_int_equal(load_with(NULL, NULL, &cat, &err), DK_OK);
	memset(&f, 0, sizeof f);
	/* a null value is refused, never printed */
	assert_int_equal(dk_template_expand(&cat->monitoring[0].threshold, &f, &b), DK_EINPUT);
	dk_buf_free(&b);
	f.v[DK_F_LATENCY_P95_MS] = (struct dk_value){.type = DK_T_NUM, .num = 120};
	assert_int_equal(dk_template_expand(&cat->monitoring[0].threshold, &f, &b), DK_OK);
	assert_string_equal(dk_buf_str(&b), "above 120 ms");
	dk_buf_free(&b);
	dk_catalog_free(cat);
}

static void test_sha_changes_with_content(void **state)
{
	struct dk_catalog *a, *b;
	struct dk_error err = {0};
	char other[400];

	(void)state;
	snprintf(other, sizeof other, "%s", minimal[6][1]);
	other[strlen(other) - 2] = 'X';
	assert_int_equal(load_with(NULL, NULL, &a, &err), DK_OK);
	assert_int_equal(load_with("first_steps.csv", other, &b, &err), DK_OK);
	assert_string_not_equal(a->sha256, b->sha256);
	dk_catalog_free(a);
	dk_catalog_free(b);
	assert_int_equal(load_with(NULL, NULL, &a, &err), DK_OK);
	assert_int_equal(load_with(NULL, NULL, &b, &err), DK_OK);
	assert_string_equal(a->sha256, b->sha256);
	dk_catalog_free(a);
	dk_catalog_free(b);
}

static const char comp_header[] =
	"area,component,condition,choice,alternative,tradeoff,risk_title,risk_category,likelihood,impact\n";

static void test_bad_condition(void **state)
{
	char buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,,,,\nserving,serving,latncy_p95_ms < 5,a,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "cat/components.csv:3:3 (condition): character 1 of 'latncy_p95_ms < 5': unknown field 'latncy_p95_ms' (fields: problem, latency_p95_ms");
	snprintf(buf, sizeof buf, "%sserving,serving,problem == 'online' and (team_size > 2,a,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:3 (condition): character 25 of 'problem == 'online' and (team_size > 2': a '(' is not closed");
	/* the column is counted in the file's own order */
	snprintf(buf, sizeof buf, "condition,area,component,choice,alternative,tradeoff,risk_title,risk_category,likelihood,impact\n"
	         "problem == 'batchy',serving,serving,a,b,c,,,,\n");
	refused("components.csv", buf, "components.csv:2:1 (condition): character 9 of 'problem == 'batchy'': 'batchy' is not a value of problem (batch, online, streaming)");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,m,<=,problem == 'batch'\n",
	        "gates.csv:2:5 (threshold): character 1 of 'problem == 'batch'': the expression is a boolean, it must be a number");
	refused("monitoring.csv", "condition,signal,threshold,alert,action\ntrue,s,above {latency_p95 * 2} ms,a,b\n",
	        "monitoring.csv:2:3 (threshold): character 8 of 'above {latency_p95 * 2} ms': unknown field 'latency_p95'");
	refused("monitoring.csv", "condition,signal,threshold,alert,action\ntrue,s,above {latency_p95_ms ms,a,b\n",
	        "monitoring.csv:2:3 (threshold): character 7 of 'above {latency_p95_ms ms': a '{' is not closed");
	refused("first_steps.csv", "condition,step\n,do it\n", "first_steps.csv:2:1 (condition): character 1 of '': the expression is empty");
}

static void test_bad_columns(void **state)
{
	(void)state;
	refused("components.csv", "area,component,condition,choice,alternative,risk_title,risk_category,likelihood,impact\n",
	        "cat/components.csv:1: missing column 'tradeoff'");
	refused("rollout.csv", "kind,condition,text,colour\n", "rollout.csv:1:4: unknown column 'colour'");
	refused("stages.csv", "", "stages.csv:1: there is no header row");
	refused("deferred.csv", NULL, "cat/deferred.csv is missing");
}

static void test_bad_cells(void **state)
{
	char buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "%sdatabase,serving,true,a,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:1 (area): 'database' is not one of: data, training");
	snprintf(buf, sizeof buf, "%sserving,serving,true,,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:4 (choice): is empty");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,capacity,ops,,3\n", comp_header);
	refused("components.csv", buf, "components.csv:2:9 (likelihood): is empty");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,capacity,ops,6,3\n", comp_header);
	refused("components.csv", buf, "components.csv:2:9 (likelihood): '6' is not a whole number from 1 to 5");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,capacity,weather,2,3\n", comp_header);
	refused("components.csv", buf, "(risk_category): 'weather' is not one of");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a,b,c,,,,\ndata,serving,true,a,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3:1 (area): component 'serving' is in area serving on line 2");
	snprintf(buf, sizeof buf, "%sserving,serving,true,\"a\nb\",b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:3: a cell spans lines");
	snprintf(buf, sizeof buf, "%sserving,serving,true,a \"quoted\" b,b,c,,,,\n", comp_header);
	refused("components.csv", buf, "components.csv:2:");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "training,true,a,b,yes,yes,yes,yes,yes,yes\n", "stages.csv:2:1 (stage): 'training' is not one of: ingest");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "train,true,a;;b,b,yes,yes,yes,yes,yes,yes\n", "stages.csv:2:3 (inputs): has an empty item");
	refused("stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"
	        "train,true,a,b,yes,maybe,yes,yes,yes,yes\n", "stages.csv:2:6 (retryable): 'maybe' is not one of: yes, no");
	refused("gates.csv", "stage,condition,metric,op,threshold\ndeploy,true,m,<=,1\n",
	        "gates.csv:2:1 (stage): stage 'deploy' has no row in stages.csv");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,p95 ms,<=,1\n",
	        "gates.csv:2:3 (metric): 'p95 ms' is not a metric name");
	refused("gates.csv", "stage,condition,metric,op,threshold\ntrain,true,m,=<,1\n",
	        "gates.csv:2:4 (op): '=<' is not one of: <=, <, >=, >, ==, !=");
	refused("rollout.csv", "kind,condition,text\nroll-forward,true,x\n",
	        "rollout.csv:2:1 (kind): 'roll-forward' is not one of: rollout, rollback, retraining");
	refused("components.csv", comp_header, "components.csv has no rules");
}

/* The embedded catalog is share/catalog as built, and loads. */
static void test_embedded_matches_source(void **state)
{
	struct dk_catalog *emb, *dir;
	struct dk_error err = {0};
	char path[1024];
	const char *src = getenv("DOCKET_SOURCE_DIR");

	(void)state;
	if (dk_catalog_load_embedded(&emb, &err) != DK_OK)
		fail_msg("embedded: %s", err.msg);
	assert_true(emb->n_components > 20);
	assert_true(emb->n_deferred >= 5);
	assert_string_equal(emb->origin, "embedded");
	assert_non_null(src);
	snprintf(path, sizeof path, "%s/share/catalog", src);
	if (dk_catalog_load_dir(path, &dir, &err) != DK_OK)
		fail_msg("%s: %s", path, err.msg);
	assert_string_equal(emb->sha256, dir->sha256);
	dk_catalog_free(emb);
	dk_catalog_free(dir);
	assert_int_equal(dk_catalog_load_dir("/nonexistent-docket", &dir, &err), DK_EINPUT);
	assert_null(dir);
	assert_non_null(strstr(err.msg, "--catalog '/nonexistent-docket': cannot read components.csv"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_sha_changes_with_content),
		cmocka_unit_test(test_bad_condition),
		cmocka_unit_test(test_bad_columns),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_embedded_matches_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
