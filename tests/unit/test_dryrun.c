/* test_dryrun.c: gate evaluation, the metrics file and the branches of a dry-run. */
#include <stdio.h>
#include <string.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/dryrun.h"
#include "docket/stage.h"
#include "docket/text.h"

static void test_gate_passes(void **state)
{
	(void)state;
	assert_true(dk_gate_passes("<=", 50, 50));
	assert_false(dk_gate_passes("<=", 50, 50.001));
	assert_false(dk_gate_passes("<", 50, 50));
	assert_true(dk_gate_passes("<", 50, 49));
	assert_true(dk_gate_passes(">=", 0.8, 0.8));
	assert_false(dk_gate_passes(">", 0.8, 0.8));
	assert_true(dk_gate_passes("==", 0, 0));
	assert_false(dk_gate_passes("==", 0, 1));
	assert_true(dk_gate_passes("!=", 0, 1));
	assert_false(dk_gate_passes("!=", 0, 0));
	assert_false(dk_gate_passes("=<", 0, 0));
}

static int write_file(struct fixture *f, const char *name, const char *text, char *path, size_t n)
{
	FILE *fp;

	snprintf(path, n, "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	return fclose(fp);
}

static void metrics_refused(struct fixture *f, const char *text, const char *want)
{
	struct dk_error err = {0};
	struct dk_metric *m = (struct dk_metric *)1;
	char path[400];
	size_t n = 7;

	write_file(f, "m.csv", text, path, sizeof path);
	assert_int_equal(dk_metrics_read(path, &m, &n, &err), DK_EINPUT);
	assert_null(m);
	assert_int_equal(n, 0);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s' does not say '%s'", err.msg, want);
}

static void test_metrics_file(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_metric *m;
	char path[400];
	size_t n;

	write_file(f, "m.csv", "metric,value\r\nauc,0.81\r\n\"p95_ms\",\"42\"\r\n", path, sizeof path);
	assert_int_equal(dk_metrics_read(path, &m, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	assert_string_equal(m[1].name, "p95_ms");
	assert_true(m[0].value == 0.81 && m[1].value == 42);
	dk_metrics_free(m);
	metrics_refused(f, "", "is empty (the header must be 'metric,value')");
	metrics_refused(f, "name,value\n", "m.csv:1: the header must be 'metric,value'");
	metrics_refused(f, "metric,value\nauc,high\n", "m.csv:2: auc 'high' is not a number");
	metrics_refused(f, "metric,value\nauc,1\nauc,2\n", "m.csv:3: metric 'auc' is given twice");
	metrics_refused(f, "metric,value\nauc,1,2\n", "m.csv:2: a row is a metric and a value");
	metrics_refused(f, "metric,value\np95 ms,1\n", "m.csv:2: 'p95 ms' is not a metric name");
	metrics_refused(f, "metric,value\n\"auc,1\n", "m.csv:2:");
	assert_int_equal(dk_metrics_read("/nonexistent/m.csv", &m, &n, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--metrics '/nonexistent/m.csv': No such file"));
}

static int collect(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct dk_buf *b = arg;

	(void)err;
	assert_int_equal(ncol, 7);
	dk_buf_addf(b, "%s %s %s|", cells[2].text, cells[4].text ? cells[4].text : "-",
	            cells[6].text ? "rollback" : "none");
	return DK_OK;
}

/* An online blueprint: its gates, then the branches. */
static void test_branches(void **state)
{
	struct fixture *f = *state;
	/* 100 requests/s: a 5% canary step gets 9,000 requests in 30 minutes */
	struct dk_context_in in = {.system = "r", .owner = "ana", .problem = "online",
		.latency_p95_ms = "200", .throughput_rps = "100", .on_prem = -1, .shared_features = -1};
	struct dk_error err = {0};
	struct dk_dryrun_summary sum;
	struct dk_catalog *cat;
	struct dk_buf b = {0};
	struct dk_metric good[] = {{"schema_violations", 0}, {"null_fraction_max", 0}, {"row_count_change_pct", 1},
		{"primary_metric_delta", 0.1}, {"slice_metric_drop_max", 0}, {"offline_p95_latency_ms", 100},
		{"signature_check_failures", 0}, {"critical_cves", 0}, {"approvals", 1},
		{"canary_p95_latency_ms", 250}, {"canary_error_rate", 0.001}, {"canary_requests_per_step", 9000}};
	int64_t ctx, bp, g;

	fixture_owner(f, "ana", "ml");
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	assert_int_equal(dk_catalog_load_embedded(&cat, &err), DK_OK);
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err), DK_OK);
	dk_catalog_free(cat);

	/* the metrics given: blocked at deploy by the latency gate, with the plan's rollback */
	assert_int_equal(dk_dryrun(f->db, bp, good, 12, collect, &b, &sum, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "blocked G-10 canary_p95_latency_ms <= 200 rollback|");
	assert_int_equal(sum.blocked, 1);
	good[9].value = 200;
	dk_buf_free(&b);
	assert_int_equal(dk_dryrun(f->db, bp, good, 12, collect, &b, &sum, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "promoted - none|");
	/* a missing value fails its gate */
	dk_buf_free(&b);
	assert_int_equal(dk_dryrun(f->db, bp, good, 3, collect, &b, &sum, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "blocked G-4 primary_metric_delta >= -0.005 rollback|");

	/* every branch: one promoted, one blocked per gate (12 gates) */
	dk_buf_free(&b);
	assert_int_equal(dk_dryrun(f->db, bp, NULL, 0, collect, &b, &sum, &err), DK_OK);
	assert_int_equal(sum.branches, 13);
	assert_int_equal(sum.promoted, 1);
	assert_int_equal(sum.blocked, 12);
	assert_int_equal(sum.failed, 0);
	assert_string_equal(sum.text, "dry-run of BP-1 over every branch: 13 branches, 1 promoted, "
	                              "12 blocked with a rollback path, 0 failed");

	/* two gates no value can pass together */
	assert_int_equal(dk_gate_add(f->db, 4, "primary_metric_delta", "<", "-1", "2026-11-23", &g, &err), DK_OK);
	assert_int_equal(dk_dryrun(f->db, bp, NULL, 0, collect, &b, &sum, &err), DK_OK);
	assert_true(sum.failed >= 1);
	assert_int_equal(dk_gate_remove(f->db, g, &err), DK_OK);

	/* a plan that deploys with no rollback path fails its deploy branches */
	fixture_exec(f, fixture_on_pg(f)
		? "UPDATE blueprint SET body_json = jsonb_set(CAST(body_json AS jsonb), '{rollout,rollback}', '[]')"
		: "UPDATE blueprint SET body_json = json_set(body_json, '$.rollout.rollback', json('[]'))");
	dk_buf_free(&b);
	assert_int_equal(dk_dryrun(f->db, bp, NULL, 0, collect, &b, &sum, &err), DK_OK);
	assert_int_equal(sum.failed, 3); /* the three deploy gates */
	assert_non_null(strstr(dk_buf_str(&b), "FAILED G-10 canary_p95_latency_ms <= 200 none|"));

	assert_int_equal(dk_dryrun(f->db, 9, NULL, 0, collect, &b, &sum, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-9");
	dk_buf_free(&b);
}

static int ignore(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)arg;
	(void)ncol;
	(void)cells;
	(void)err;
	return DK_OK;
}

/* The result is recorded as dryrun evidence linked to the blueprint's live
 * decisions: supporting when it passed, contradicting when it did not. */
static void test_recorded(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "r", .owner = "ana", .problem = "batch", .data_gb = "5",
		.on_prem = -1, .shared_features = -1};
	struct dk_metric none[] = {{"schema_violations", 3}};
	struct dk_error err = {0};
	struct dk_dryrun_summary sum;
	struct dk_catalog *cat;
	int64_t ctx, bp, ev, decisions, audit, g;
	int linked;

	fixture_owner(f, "ana", "ml");
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	assert_int_equal(dk_catalog_load_embedded(&cat, &err), DK_OK);
	assert_int_equal(dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err), DK_OK);
	dk_catalog_free(cat);
	fixture_exec(f, "UPDATE decision SET status = 'rejected' WHERE id = 1");
	decisions = fixture_int(f, "SELECT count(*) FROM decision WHERE blueprint_id = 1 AND status = 'proposed'");
	assert_true(decisions > 1);

	/* every branch as it must be: supports */
	assert_int_equal(dk_dryrun_record(f->db, bp, NULL, 0, NULL, "2026-11-24", ignore, NULL, &sum,
	                                  &ev, &linked, &err), DK_OK);
	assert_int_equal(ev, 1);
	assert_int_equal(linked, decisions);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE id = 1 AND kind = 'dryrun' "
	                                "AND collected_on = '2026-11-24' AND sha256 IS NULL AND title = "
	                                "'dry-run of BP-1 over every branch: passed' AND summary LIKE "
	                                "'dry-run of BP-1 over every branch: % 0 failed\n"
	                                "1. every gate passes: promoted%'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_evidence WHERE evidence_id = 1 "
	                                "AND stance = 'supports'"), decisions);
	/* the rejected decision is left alone */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_evidence WHERE decision_id = 1"), 0);

	/* blocked by the metrics given: contradicts */
	assert_int_equal(dk_dryrun_record(f->db, bp, none, 1, NULL, "2026-11-24", ignore, NULL, &sum,
	                                  &ev, &linked, &err), DK_OK);
	assert_int_equal(sum.blocked, 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_evidence WHERE evidence_id = 2 "
	                                "AND stance = 'contradicts'"), decisions);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE id = 2 AND title = "
	                                "'dry-run of BP-1 with the metrics given: blocked'"), 1);

	/* a branch that fails: contradicts */
	assert_int_equal(dk_gate_add(f->db, 4, "primary_metric_delta", "<", "-1", "2026-11-23", &g, &err), DK_OK);
	assert_int_equal(dk_dryrun_record(f->db, bp, NULL, 0, NULL, "2026-11-24", ignore, NULL, &sum,
	                                  &ev, &linked, &err), DK_OK);
	assert_true(sum.failed >= 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_evidence WHERE evidence_id = 3 "
	                                "AND stance = 'contradicts'"), decisions);

	/* a blueprint that is not there: nothing written */
	audit = fixture_int(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(dk_dryrun_record(f->db, 9, NULL, 0, NULL, "2026-11-24", ignore, NULL, &sum,
	                                  &ev, &linked, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-9");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(ev, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gate_passes),
		cmocka_unit_test_setup_teardown(test_metrics_file, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_branches, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_recorded, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
