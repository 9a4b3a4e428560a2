/* test_blueprint.c: blueprints drawn from contexts by the embedded catalog.
 * Scenario tests: one context each, with what the plan must and must not
 * hold; plus determinism, storage and refusals. */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/check.h"
#include "docket/context.h"

static struct dk_catalog *cat;

static int group_setup(void **state)
{
	struct dk_error err = {0};

	(void)state;
	if (dk_catalog_load_embedded(&cat, &err) != DK_OK)
		fail_msg("catalog: %s", err.msg);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	dk_catalog_free(cat);
	return 0;
}

/* Adds the context, generates its blueprint and returns the plan. */
static struct dk_plan *generate(struct fixture *f, struct dk_context_in *in, int64_t *bp)
{
	struct dk_error err = {0};
	struct dk_plan *plan = NULL;
	int64_t ctx, id;

	if (fixture_int(f, "SELECT count(*) FROM person WHERE handle = 'ana'") == 0)
		fixture_owner(f, "ana", "ml");
	in->owner = "ana";
	if (dk_context_add(f->db, in, &ctx, &err) != DK_OK)
		fail_msg("context: %s", err.msg);
	if (dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &id, &plan, &err) != DK_OK)
		fail_msg("generate: %s", err.msg);
	if (bp)
		*bp = id;
	return plan;
}

static const char *choice(const struct dk_plan *p, const char *component)
{
	for (size_t i = 0; i < p->n_components; i++)
		if (strcmp(p->components[i].component, component) == 0)
			return p->components[i].choice;
	return NULL;
}

static const char *choice_tradeoff(const struct dk_plan *p, const char *component)
{
	for (size_t i = 0; i < p->n_components; i++)
		if (strcmp(p->components[i].component, component) == 0)
			return p->components[i].tradeoff;
	fail_msg("no component '%s'", component);
	return NULL;
}

static const char *deferred(const struct dk_plan *p, const char *component)
{
	for (size_t i = 0; i < p->n_deferred; i++)
		if (strcmp(p->deferred[i].component, component) == 0)
			return p->deferred[i].add_when;
	return NULL;
}

static void has_choice(const struct dk_plan *p, const char *component, const char *want)
{
	const char *c = choice(p, component);

	if (c == NULL)
		fail_msg("no component '%s'", component);
	if (strcasestr(c, want) == NULL)
		fail_msg("%s is '%s', expected it to mention '%s'", component, c, want);
}

/* No chosen component mentions word (deferred ones may). */
static void no_choice_mentions(const struct dk_plan *p, const char *word)
{
	for (size_t i = 0; i < p->n_components; i++)
		if (strcasestr(p->components[i].choice, word))
			fail_msg("%s is '%s', which mentions '%s'", p->components[i].component,
			         p->components[i].choice, word);
}

static const struct dk_bp_stage *stage(const struct dk_plan *p, const char *name)
{
	for (size_t i = 0; i < p->n_stages; i++)
		if (strcmp(p->stages[i].name, name) == 0)
			return &p->stages[i];
	fail_msg("no stage %s", name);
	return NULL;
}

static double gate(const struct dk_plan *p, const char *stage_name, const char *metric,
                   const char *op)
{
	const struct dk_bp_stage *s = stage(p, stage_name);

	for (size_t i = 0; i < s->n_gates; i++)
		if (strcmp(s->gates[i].metric, metric) == 0) {
			assert_string_equal(s->gates[i].op, op);
			return s->gates[i].threshold;
		}
	fail_msg("stage %s has no gate on %s", stage_name, metric);
	return 0;
}

static const struct dk_bp_monitor *monitor(const struct dk_plan *p, const char *signal)
{
	for (size_t i = 0; i < p->n_monitoring; i++)
		if (strcmp(p->monitoring[i].signal, signal) == 0)
			return &p->monitoring[i];
	return NULL;
}

static const char *rollout(const struct dk_plan *p, const char *kind, const char *word)
{
	for (size_t i = 0; i < p->n_rollout; i++)
		if (strcmp(p->rollout[i].kind, kind) == 0 && strcasestr(p->rollout[i].text, word))
			return p->rollout[i].text;
	return NULL;
}

static int has_risk(const struct dk_plan *p, const char *title_part)
{
	for (size_t i = 0; i < p->n_risks; i++)
		if (strstr(p->risks[i].title, title_part))
			return 1;
	return 0;
}

/* 1. A team of two scoring weekly in batch on 5 GB with cron and PostgreSQL. */
static void test_small_batch(void **state)
{
	struct dk_context_in in = {.system = "churn", .problem = "batch", .data_gb = "5",
		.team_size = "2", .stack = "cron,postgresql", .cloud = "aws", .retrain = "weekly",
		.label_delay_days = "7", .on_prem = -1, .shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "serving", "batch scoring job");
	has_choice(p, "serving", "PostgreSQL");
	has_choice(p, "orchestration", "cron");
	no_choice_mentions(p, "Kubernetes");
	no_choice_mentions(p, "KServe");
	no_choice_mentions(p, "Airflow");
	no_choice_mentions(p, "Feast");
	no_choice_mentions(p, "Kafka");
	assert_null(choice(p, "feature store"));
	assert_non_null(strstr(deferred(p, "feature store"), "shared"));
	assert_non_null(strstr(deferred(p, "Airflow-class orchestrator"), "pipelines"));
	/* serving infrastructure is not deferred for a batch job: it never needs it */
	assert_null(deferred(p, "Kubernetes model serving (KServe)"));
	assert_non_null(deferred(p, "event stream"));
	assert_non_null(rollout(p, "rollout", "shadow run"));
	assert_non_null(rollout(p, "retraining", "scheduled weekly"));
	assert_int_equal(gate(p, "promote", "approvals", ">="), 1);
	assert_null(monitor(p, "p95 latency"));
	assert_non_null(monitor(p, "scoring job status and duration"));
	/* one proposed decision per chosen component, options choice and alternative */
	assert_int_equal(p->n_decisions, p->n_components);
	assert_string_equal(p->decisions[0].options[0], p->components[0].choice);
	assert_string_equal(p->decisions[0].options[1], p->components[0].alternative);
	assert_string_equal(p->decisions[0].rationale, p->components[0].tradeoff);
	assert_true(has_risk(p, "silent failure of a scheduled job"));
	dk_plan_free(p);
}

/* 2. Online, 50 ms p95 at 2,000 requests per second on Kubernetes. */
static void test_online_fast_kubernetes(void **state)
{
	struct dk_context_in in = {.system = "ranker", .problem = "online", .latency_p95_ms = "50",
		.throughput_rps = "2000", .data_gb = "200", .team_size = "6",
		.stack = "kubernetes,prometheus,postgresql", .cloud = "gcp", .on_prem = -1,
		.shared_features = -1, .retrain = "daily", .label_delay_days = "1"};
	struct dk_plan *p = generate(*state, &in, NULL);
	const struct dk_bp_monitor *m;

	has_choice(p, "serving", "KServe");
	has_choice(p, "release strategy", "canary");
	has_choice(p, "model format", "ONNX");
	assert_null(deferred(p, "Kubernetes model serving (KServe)"));
	assert_non_null(rollout(p, "rollout", "canary"));
	assert_null(rollout(p, "rollout", "blue-green"));
	assert_non_null(rollout(p, "rollback", "previous version"));
	m = monitor(p, "p95 latency");
	assert_non_null(m);
	assert_non_null(strstr(m->threshold, "above 60 ms")); /* 1.2x the 50 ms budget */
	assert_true(gate(p, "deploy", "canary_p95_latency_ms", "<=") == 50);
	assert_true(gate(p, "evaluate", "offline_p95_latency_ms", "<=") == 40);
	assert_true(gate(p, "evaluate", "onnx_parity_max_abs_diff", "<=") == 0.0001);
	assert_non_null(strstr(monitor(p, "request rate")->threshold, "3000"));
	/* online without shared features: the feature store is deferred, skew is a risk */
	assert_non_null(deferred(p, "feature store"));
	assert_true(has_risk(p, "training/serving skew"));
	dk_plan_free(p);
}

/* 3. HIPAA brings PII handling, access control and audit. */
static void test_hipaa(void **state)
{
	struct dk_context_in in = {.system = "triage", .problem = "batch", .data_gb = "50",
		.team_size = "4", .compliance = "hipaa", .cloud = "aws", .on_prem = -1,
		.shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "PII handling", "HIPAA");
	has_choice(p, "access control", "least-privilege");
	has_choice(p, "access control", "audit logs");
	has_choice(p, "model documentation", "model card");
	assert_null(deferred(p, "PII handling"));
	assert_true(gate(p, "promote", "approvals", ">=") == 2);
	assert_non_null(monitor(p, "access to personal data"));
	assert_true(has_risk(p, "re-identification"));
	dk_plan_free(p);
}

/* 4. GDPR, online, on a budget. */
static void test_gdpr(void **state)
{
	struct dk_context_in in = {.system = "offers", .problem = "online", .latency_p95_ms = "300",
		.throughput_rps = "20", .compliance = "gdpr", .cloud = "azure",
		.budget_usd_month = "2000", .on_prem = -1, .shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "PII handling", "GDPR");
	has_choice(p, "PII handling", "erasure");
	has_choice(p, "access control", "least-privilege");
	has_choice(p, "serving", "FastAPI");
	/* 20 requests/s: a 5% step sees 1,800 requests in 30 minutes, enough for a canary */
	has_choice(p, "release strategy", "canary");
	assert_non_null(strstr(choice_tradeoff(p, "release strategy"), "1800 requests in 30 minutes"));
	has_choice(p, "secrets", "Azure Key Vault");
	assert_non_null(rollout(p, "rollout", "canary: 5% of traffic for 30 minutes (1800 requests"));
	assert_true(gate(p, "deploy", "canary_requests_per_step", ">=") == 1000);
	has_choice(p, "cost tracking", "2000 USD/month");
	assert_non_null(strstr(monitor(p, "monthly cost")->threshold, "above 1600 USD"));
	assert_non_null(strstr(monitor(p, "p95 latency")->threshold, "above 360 ms"));
	dk_plan_free(p);
}

/* 5. On premises: no managed cloud service, even at scale. */
static void test_on_prem(void **state)
{
	struct dk_context_in in = {.system = "plant", .problem = "online", .latency_p95_ms = "80",
		.throughput_rps = "800", .data_gb = "3000", .team_size = "10", .on_prem = 1,
		.cloud = "none", .stack = "kubernetes", .shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	no_choice_mentions(p, "managed");
	no_choice_mentions(p, "SageMaker");
	no_choice_mentions(p, "Vertex");
	no_choice_mentions(p, "MSK");
	no_choice_mentions(p, "CloudWatch");
	no_choice_mentions(p, "cloud's");
	has_choice(p, "orchestration", "self-hosted");
	has_choice(p, "experiment tracking", "self-hosted");
	has_choice(p, "secrets", "Vault");
	has_choice(p, "serving", "KServe");
	assert_non_null(strstr(deferred(p, "managed ML platform"), "on premises"));
	dk_plan_free(p);
}

/* 6. Features shared online and offline bring a feature store. */
static void test_shared_features(void **state)
{
	struct dk_context_in in = {.system = "fraud", .problem = "online", .latency_p95_ms = "150",
		.throughput_rps = "300", .shared_features = 1, .cloud = "aws", .on_prem = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "feature store", "Feast");
	assert_null(deferred(p, "feature store"));
	assert_true(has_risk(p, "materialisation lag"));
	assert_false(has_risk(p, "training/serving skew"));
	dk_plan_free(p);
}

/* 7. Labels arriving after 30 days: delayed-label monitoring, drift-based
 * retraining behind a human gate. */
static void test_delayed_labels(void **state)
{
	struct dk_context_in in = {.system = "credit", .problem = "batch", .data_gb = "40",
		.label_delay_days = "30", .team_size = "3", .retrain = "on-drift", .on_prem = -1,
		.shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);
	const struct dk_bp_monitor *m = monitor(p, "delayed-label quality");
	const char *r = rollout(p, "retraining", "drift-triggered");

	has_choice(p, "drift and quality monitoring", "delayed-label quality");
	has_choice(p, "drift and quality monitoring", "30 days");
	assert_non_null(m);
	assert_non_null(strstr(m->threshold, "after 30 days"));
	assert_null(monitor(p, "quality on fresh labels"));
	assert_non_null(r);
	assert_non_null(strstr(r, "human approval"));
	assert_true(gate(p, "promote", "approvals", ">=") >= 1);
	assert_true(has_risk(p, "quality degradation undetected"));
	dk_plan_free(p);
}

/* 8. Streaming on an existing Kafka cluster. */
static void test_streaming(void **state)
{
	struct dk_context_in in = {.system = "clicks", .problem = "streaming", .latency_p95_ms = "500",
		.throughput_rps = "5000", .stack = "kafka", .cloud = "aws", .on_prem = -1,
		.shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "ingestion", "sink connector from Apache Kafka");
	has_choice(p, "event stream", "Apache Kafka (already in the stack)");
	has_choice(p, "stream processing", "Flink");
	has_choice(p, "serving", "streaming consumer");
	has_choice(p, "orchestration", "Prefect");
	assert_null(deferred(p, "event stream"));
	assert_non_null(monitor(p, "consumer lag"));
	/* the lag a 500 ms budget allows, not a fixed minute */
	assert_true(gate(p, "deploy", "consumer_lag_seconds", "<=") == 0.5);
	assert_non_null(strstr(monitor(p, "consumer lag")->threshold, "above 1 seconds"));
	assert_non_null(rollout(p, "rollback", "replay"));
	assert_non_null(strstr(stage(p, "ingest")->inputs[0], "event stream"));
	dk_plan_free(p);
}

/* 9. Large scale on a cloud: an Airflow-class orchestrator, managed. */
static void test_large_cloud(void **state)
{
	struct dk_context_in in = {.system = "forecast", .problem = "batch", .data_gb = "5000",
		.team_size = "12", .cloud = "aws", .on_prem = -1, .shared_features = -1};
	struct dk_plan *p = generate(*state, &in, NULL);

	has_choice(p, "orchestration", "managed Airflow (Amazon MWAA)");
	has_choice(p, "operational monitoring", "Amazon CloudWatch");
	has_choice(p, "dataset versioning", "lakehouse");
	has_choice(p, "training compute", "managed training jobs");
	assert_null(deferred(p, "Airflow-class orchestrator"));
	assert_null(deferred(p, "managed ML platform"));
	dk_plan_free(p);
}

/* A managed service only when the budget allows it. */
static void test_budget(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in rich = {.system = "rich", .problem = "online", .latency_p95_ms = "80",
		.throughput_rps = "1000", .cloud = "aws", .on_prem = -1, .shared_features = -1};
	struct dk_context_in lean = rich;
	struct dk_plan *p = generate(f, &rich, NULL);

	has_choice(p, "serving", "SageMaker real-time endpoint");
	dk_plan_free(p);
	lean.system = "lean";
	lean.budget_usd_month = "500";
	p = generate(f, &lean, NULL);
	has_choice(p, "serving", "FastAPI");
	no_choice_mentions(p, "SageMaker");
	/* 1,000 requests/s without Kubernetes: KServe is not deferred as if it fit */
	assert_null(deferred(p, "Kubernetes model serving (KServe)"));
	dk_plan_free(p);
}

/* Every problem type with nothing but the required fields, and with
 * everything at its extreme, can be planned: no catalog row needs a field
 * it does not guard. */
static void test_minimal_and_extreme_contexts(void **state)
{
	struct fixture *f = *state;
	static const char *const problems[] = {"batch", "online", "streaming"};
	struct dk_error err = {0};
	char name[32];
	int64_t ctx, bp;

	fixture_owner(f, "ana", "ml");
	for (int i = 0; i < 3; i++)
		for (int full = 0; full < 2; full++) {
			struct dk_context_in in = {.system = name, .owner = "ana", .problem = problems[i],
				.on_prem = full, .shared_features = full};
			struct dk_plan *p = NULL;
			if (full) {
				in.latency_p95_ms = "1";
				in.throughput_rps = "10000000";
				in.data_gb = "1000000000";
				in.label_delay_days = "3650";
				in.team_size = "100000";
				in.stack = "kubernetes,airflow,kafka,wandb,prometheus,spark,databricks,postgresql,cron,docker";
				in.cloud = "other";
				in.compliance = "gdpr,hipaa,soc2";
				in.budget_usd_month = "0";
				in.retrain = "hourly,on-drift";
				in.model_kind = i == 1 ? "llm" : "deep";
				in.deploy_target = i == 2 ? "server" : "server";
				in.availability_pct = "99.9999";
				in.pipelines = "100000";
				in.velocity = "1 PB/day";
				in.gpu = "yes";
			}
			snprintf(name, sizeof name, "%s-%d", problems[i], full);
			assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
			if (dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, &p, &err) != DK_OK)
				fail_msg("%s: %s", name, err.msg);
			/* every area is either served or says why not */
			assert_true(p->n_components >= 12);
			assert_int_equal(p->n_stages, 8);
			assert_true(p->n_first_steps >= 5);
			dk_plan_free(p);
		}
}

/* The same context and catalog give byte-identical bodies; what is stored
 * is what was planned. */
static void test_deterministic(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "det", .problem = "online", .latency_p95_ms = "50",
		.throughput_rps = "2000", .stack = "kubernetes", .compliance = "gdpr,hipaa",
		.on_prem = -1, .shared_features = 1, .label_delay_days = "30"};
	struct dk_error err = {0};
	struct dk_plan *a, *b = NULL;
	struct dk_bp_context ctx;
	int64_t bp1, bp2;
	char *md, *json;

	a = generate(f, &in, &bp1);
	assert_int_equal(dk_blueprint_generate(f->db, 1, cat, "2026-11-24", &bp2, &b, &err), DK_OK);
	assert_string_equal(a->body_sha256, b->body_sha256);
	assert_string_equal(a->md, b->md);
	assert_string_equal(a->json, b->json);
	dk_plan_free(b);
	/* planning alone, without the database write */
	assert_int_equal(dk_bp_context_load(f->db, 1, &ctx, &err), DK_OK);
	assert_int_equal(dk_blueprint_plan(&ctx, cat, &b, &err), DK_OK);
	dk_bp_context_free(&ctx);
	assert_string_equal(a->body_sha256, b->body_sha256);
	dk_plan_free(b);
	assert_int_equal(dk_blueprint_body(f->db, bp2, 0, &md, &err), DK_OK);
	assert_int_equal(dk_blueprint_body(f->db, bp2, 1, &json, &err), DK_OK);
	assert_string_equal(md, a->md);
	assert_string_equal(json, a->json);
	free(md);
	free(json);
	/* the six numbered sections */
	assert_non_null(strstr(a->md, "\n## 1. Context summary\n"));
	assert_non_null(strstr(a->md, "\n## 2. Reference architecture\n"));
	assert_non_null(strstr(a->md, "\n## 3. Decisions and trade-offs\n"));
	assert_non_null(strstr(a->md, "\n## 4. Pipeline stage contract\n"));
	assert_non_null(strstr(a->md, "\n## 5. Rollout, rollback, retraining and monitoring\n"));
	assert_non_null(strstr(a->md, "\n## 6. First steps\n"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE body_sha256 = "
	                                "(SELECT body_sha256 FROM blueprint WHERE id = 1)"), 2);
	dk_plan_free(a);
}

static void test_stored(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "st", .problem = "online", .latency_p95_ms = "50",
		.throughput_rps = "2000", .on_prem = -1, .shared_features = -1};
	int64_t bp;
	struct dk_plan *p = generate(f, &in, &bp);
	char sql[400];
	size_t gates = 0;

	for (size_t i = 0; i < p->n_stages; i++)
		gates += p->stages[i].n_gates;
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint_item WHERE deferred = 0"), p->n_components);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint_item WHERE deferred <> 0 AND add_when <> ''"),
	                 p->n_deferred);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM stage"), 8);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate"), (int64_t)gates);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate WHERE defined_on = '2026-11-23'"), (int64_t)gates);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate WHERE metric = 'canary_p95_latency_ms' AND threshold = 60"), 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate WHERE metric = 'canary_p95_latency_ms' AND threshold = 50"), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM blueprint WHERE id = %lld AND source = 'generated' "
	         "AND status = 'draft' AND catalog_sha256 = '%s' AND body_sha256 = '%s' AND %s",
	         (long long)bp, cat->sha256, p->body_sha256,
	         fixture_on_pg(f) ? "CAST(body_json AS json) IS NOT NULL" : "json_valid(body_json)");
	assert_int_equal(fixture_int_text(f, sql), 1);
	assert_int_equal(fixture_int(f, fixture_on_pg(f)
		? "SELECT count(*) FROM blueprint WHERE json_array_length(CAST(body_json AS json) -> 'components') = "
		  "(SELECT count(*) FROM blueprint_item WHERE deferred = 0)"
		: "SELECT count(*) FROM blueprint WHERE json_array_length(body_json, '$.components') = "
		  "(SELECT count(*) FROM blueprint_item WHERE deferred = 0)"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE entity IN ('blueprint', 'blueprint_item', 'stage', 'gate')"),
	                 (int64_t)(1 + p->n_components + p->n_deferred + 8 + gates));
	dk_plan_free(p);
}

/* A catalog row that needs a field the context lacks is refused, naming
 * the row, and nothing is written. */
static void test_missing_field_refused(void **state)
{
	struct fixture *f = *state;
	static const char *files[8][2] = {
		{"stack.csv", "name,title,aliases,kinds,cloud\nairflow,Apache Airflow,,orchestrator,\n"},
		{"components.csv", "area,component,condition,choice,alternative,tradeoff,weight,reuses,risk_title,risk_category,likelihood,impact\n"
		                   "serving,serving,true,endpoint at {latency_p95_ms} ms,batch,t,1,,,,,\n"},
		{"deferred.csv", "area,component,condition,kind,add_when,risk_title,risk_category,likelihood,impact\n"},
		{"stages.csv", "stage,condition,inputs,outputs,idempotent,retryable,deps_pinned,seed_fixed,env_captured,data_versioned\n"},
		{"gates.csv", "stage,condition,metric,op,threshold\n"},
		{"monitoring.csv", "condition,signal,threshold,alert,action\n"},
		{"rollout.csv", "kind,condition,text\n"},
		{"first_steps.csv", "condition,step\n"},
	};
	struct dk_catalog_file cf[8];
	struct dk_catalog *c;
	struct dk_context_in in = {.system = "nolat", .problem = "batch", .owner = "bo", .on_prem = -1,
		.shared_features = -1};
	struct dk_error err = {0};
	int64_t ctx, bp = 0;

	for (int i = 0; i < 8; i++)
		cf[i] = (struct dk_catalog_file){files[i][0], files[i][1], strlen(files[i][1])};
	assert_int_equal(dk_catalog_load_files(cf, 8, NULL, 0, NULL, &c, &err), DK_OK);
	fixture_person(f, "bo", NULL);
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	assert_int_equal(dk_blueprint_generate(f->db, ctx, c, "2026-11-23", &bp, NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "catalog components.csv:2 needs a context field"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint"), 0);
	assert_int_equal(dk_blueprint_generate(f->db, 99, c, "2026-11-23", &bp, NULL, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no context CTX-99");
	dk_catalog_free(c);
}

/* generate registers one proposed decision per component and one risk per
 * exposure, linked to the blueprint; without the owner's team policy it
 * writes nothing. Blueprints of a system supersede one another. */
static void test_registered(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "churn", .owner = "bo", .problem = "batch",
		.data_gb = "5", .stack = "cron,postgresql", .cloud = "aws", .on_prem = -1,
		.shared_features = -1};
	struct dk_error err = {0};
	struct dk_plan *p = NULL;
	int64_t ctx, bp = 0, audit;

	fixture_person(f, "bo", NULL);
	fixture_person(f, "cy", "data");
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	audit = fixture_int(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "CTX-1's owner 'bo' has no team, so no policy dates the plan's"));
	assert_non_null(strstr(err.msg, "docket policy set"));
	in.owner = "cy";
	in.system = "scores";
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	audit = fixture_int(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "team 'data' (CTX-2's owner 'cy') has no policy"));
	assert_non_null(strstr(err.msg, "docket policy set data"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint"), 0);

	fixture_policy(f, "data", "cy");
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, &p, &err), DK_OK);
	assert_true(p->n_risks > 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision WHERE status = 'proposed' "
	                                "AND blueprint_id = 1 AND context_id = 2"), (int64_t)p->n_decisions);
	/* options: the choice (chosen) and its alternative; rationale: the trade-off */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision d JOIN blueprint_item i "
	                                "ON i.blueprint_id = 1 AND d.title = i.component || ': ' || i.choice "
	                                "AND d.rationale = i.tradeoff AND d.area = i.area "
	                                "JOIN decision_option o ON o.decision_id = d.id AND o.chosen <> 0 "
	                                "AND o.name = i.choice JOIN decision_option a ON a.decision_id = d.id "
	                                "AND a.chosen = 0 AND a.name = i.alternative"),
	                 (int64_t)p->n_decisions);
	/* risks: the context's owner, due in the policy's 30 days, linked */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk r JOIN person o ON o.id = r.owner_id "
	                                "WHERE o.handle = 'cy' AND r.due_on = '2026-12-23' AND "
	                                "r.blueprint_id = 1 AND r.status = 'open'"), (int64_t)p->n_risks);
	/* a trade-off's risk names the decision of its component; a deferral's none */
	/* the component is the decision's title up to its ':' (instr on SQLite, strpos on PostgreSQL) */
	assert_int_equal(fixture_int(f, fixture_on_pg(f)
		? "SELECT count(*) FROM risk r JOIN decision d ON d.id = r.decision_id WHERE d.blueprint_id = 1 "
		  "AND r.description LIKE 'Left by the trade-off of ' || substr(d.title, 1, strpos(d.title, ':') - 1) || ' %'"
		: "SELECT count(*) FROM risk r JOIN decision d ON d.id = r.decision_id WHERE d.blueprint_id = 1 "
		  "AND r.description LIKE 'Left by the trade-off of ' || substr(d.title, 1, instr(d.title, ':') - 1) || ' %'"),
	                 fixture_int(f, "SELECT count(*) FROM risk WHERE description LIKE 'Left by the trade-off%'"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE description LIKE 'Left by BP-1, which leaves out%' "
	                                "AND decision_id IS NULL"),
	                 fixture_int(f, "SELECT count(*) FROM risk WHERE description NOT LIKE 'Left by the trade-off%'"));
	assert_true(fixture_int(f, "SELECT count(*) FROM risk WHERE decision_id IS NOT NULL") > 0);
	assert_int_equal(fixture_int(f, "SELECT supersedes_id IS NULL FROM blueprint WHERE id = 1"), 1);
	dk_plan_free(p);

	/* the next plan of the system supersedes it; approving it supersedes the older approval */
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "the acting person 'tester' is not a known person"));
	assert_int_equal(dk_db_set_actor(f->db, "cy", &err), DK_OK);
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE approved_by = 'cy'"), 1);
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-24", &bp, NULL, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT supersedes_id FROM blueprint WHERE id = 2"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE due_on = '2026-12-24' AND blueprint_id = 2"),
	                 fixture_int(f, "SELECT count(*) FROM risk WHERE blueprint_id = 1"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE status = 'approved'"), 1);
	assert_int_equal(dk_blueprint_approve(f->db, 2, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE id = 1 AND status = 'superseded'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE id = 2 AND status = 'approved'"), 1);
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_EINPUT);
	assert_string_equal(err.msg, "BP-1 is superseded: approve its successor");
}

/* Rows of an explanation, kept as "component|verdict|why". */
struct rows {
	char v[64][700];
	int n;
};

static int keep_row(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct rows *r = ctx;

	(void)err;
	assert_int_equal(ncol, 6);
	assert_string_equal(cells[0].name, "area");
	assert_string_equal(cells[5].name, "why");
	if (r->n < 64)
		snprintf(r->v[r->n], sizeof r->v[0], "%s|%s|%s", cells[1].text, cells[3].text, cells[5].text);
	r->n++;
	return DK_OK;
}

static int has_row(const struct rows *r, const char *want)
{
	for (int i = 0; i < r->n && i < 64; i++)
		if (strstr(r->v[i], want))
			return 1;
	return 0;
}

/* Why a plan looks the way it does: the rule that fired, the ones before
 * it, the deferrals; only with the catalog it was drawn from. */
static void test_explain(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "churn", .problem = "batch", .data_gb = "5",
		.team_size = "2", .stack = "cron,acme-flow", .retrain = "weekly", .on_prem = -1,
		.shared_features = -1};
	struct dk_catalog_file files[8];
	struct dk_catalog *other;
	struct dk_error err = {0};
	struct rows r;
	int64_t bp;
	int same = 0;
	struct dk_plan *p = generate(f, &in, &bp);

	dk_plan_free(p);
	memset(&r, 0, sizeof r);
	assert_int_equal(dk_blueprint_explain(f->db, bp, cat, "orchestration", &same, keep_row, &r, &err), DK_OK);
	assert_true(same);
	assert_true(has_row(&r, "orchestration|did not hold|stack has kind 'orchestrator' is false"));
	assert_true(has_row(&r, "orchestration|chosen|stack has kind 'scheduler' is true (stack is cron, acme-flow; cron supplies scheduler: cron); reuses cron from the stack as scheduler"));
	/* rules after the chosen one are not shown */
	assert_false(has_row(&r, "orchestration|did not hold|unconditional"));
	memset(&r, 0, sizeof r);
	assert_int_equal(dk_blueprint_explain(f->db, bp, cat, NULL, &same, keep_row, &r, &err), DK_OK);
	assert_true(has_row(&r, "acme-flow|not recognised|the vocabulary does not know it"));
	assert_true(has_row(&r, "Airflow-class orchestrator|deferred|listed: "));
	assert_true(has_row(&r, "event stream|left out|no rule of this component holds"));
	assert_true(has_row(&r, "event stream|deferred|listed: problem != 'streaming' is true (problem is batch)"));
	assert_int_equal(dk_blueprint_explain(f->db, bp, cat, "servng", &same, keep_row, &r, &err), DK_EINPUT);
	assert_string_equal(err.msg, "the catalog has no component 'servng' (docket blueprint explain BP-1 lists them all)");
	/* another catalog cannot explain it */
	for (int i = 0; i < dk_catalog_embedded_count; i++) {
		files[i] = dk_catalog_embedded[i];
		if (strcmp(files[i].name, "first_steps.csv") == 0) {
			files[i].data = "condition,step\ntrue,pin it\n";
			files[i].len = strlen(files[i].data);
		}
	}
	assert_int_equal(dk_catalog_load_files(files, 8, NULL, 0, NULL, &other, &err), DK_OK);
	assert_int_equal(dk_blueprint_explain(f->db, bp, other, NULL, &same, keep_row, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "BP-1 was drawn from catalog"));
	assert_non_null(strstr(err.msg, "pass the --catalog DIR it was drawn with"));
	dk_catalog_free(other);
	assert_int_equal(dk_blueprint_explain(f->db, 9, cat, NULL, &same, keep_row, &r, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_small_batch, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_online_fast_kubernetes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_hipaa, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_gdpr, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_on_prem, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_shared_features, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_delayed_labels, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_streaming, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_large_cloud, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_budget, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_minimal_and_extreme_contexts, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_stored, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_missing_field_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_registered, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_explain, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
