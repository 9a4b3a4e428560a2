/* test_check.c: the blueprint and stage quality gates. */
#include <string.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/check.h"
#include "docket/context.h"
#include "docket/stage.h"
#include "docket/text.h"

/* Collects "SEVERITY rule record" lines. */
static int collect(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct dk_buf *b = arg;

	(void)err;
	assert_int_equal(ncol, 6);
	dk_buf_addf(b, "%s %s %s %s|", cells[0].text, cells[1].text, cells[2].text, cells[3].text);
	return DK_OK;
}

static int64_t generated(struct fixture *f, struct dk_context_in *in)
{
	struct dk_error err = {0};
	struct dk_catalog *cat;
	int64_t ctx, bp;

	if (fixture_int(f, "SELECT count(*) FROM person") == 0)
		fixture_owner(f, "ana", "ml");
	in->owner = "ana";
	in->on_prem = in->on_prem ? in->on_prem : -1;
	in->shared_features = -1;
	assert_int_equal(dk_context_add(f->db, in, &ctx, &err), DK_OK);
	assert_int_equal(dk_catalog_load_embedded(&cat, &err), DK_OK);
	if (dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err) != DK_OK)
		fail_msg("%s", err.msg);
	dk_catalog_free(cat);
	return bp;
}

static const char *findings(struct fixture *f, int64_t bp, struct dk_check_counts *n,
                            struct dk_buf *b)
{
	struct dk_error err = {0};

	memset(n, 0, sizeof *n);
	dk_buf_free(b);
	if (dk_check_blueprints(f->db, bp, collect, b, n, &err) != DK_OK)
		fail_msg("%s", err.msg);
	return dk_buf_str(b);
}

static const char *const assumption[] = {"weekly scores are fresh enough"};

/* A generated blueprint from a complete context passes every gate. */
static void test_clean(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "a", .problem = "batch", .data_gb = "5", .cloud = "aws",
		.assumptions = assumption, .n_assumptions = 1, .has_assumptions = 1};
	struct dk_check_counts n;
	struct dk_buf b = {0};
	struct dk_error err = {0};

	assert_int_equal(generated(f, &in), 1);
	assert_string_equal(findings(f, 1, &n, &b), "");
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE status = 'approved' "
	                                "AND approved_by = 'tester' AND approved_at IS NOT NULL"), 1);
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_EINPUT);
	assert_string_equal(err.msg, "BP-1 is already approved");
	dk_buf_free(&b);
}

static void test_stop_rules(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "a", .problem = "batch", .data_gb = "5", .cloud = "aws",
		.assumptions = assumption, .n_assumptions = 1, .has_assumptions = 1};
	struct dk_stage_flags fl = {{0}};
	struct dk_check_counts n;
	struct dk_buf b = {0};
	struct dk_error err = {0};
	int64_t audit;

	generated(f, &in);
	fl.v[DK_FLAG_SEED_FIXED] = "no";
	fl.v[DK_FLAG_DATA_VERSIONED] = "no";
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_OK);
	/* promote is ST-6; its one gate removed */
	fixture_exec(f, "DELETE FROM gate WHERE stage_id = 6");
	findings(f, 1, &n, &b);
	assert_string_equal(dk_buf_str(&b), "STOP reproducible-stage ST-3 BP-1|STOP promotion-gates ST-6 BP-1|");
	assert_int_equal(n.stop, 2);
	assert_int_equal(n.escalate, 0);
	audit = fixture_int(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_EFAIL);
	assert_string_equal(err.msg, "BP-1 has 2 STOP findings: not approved (see 'docket check --blueprint BP-1')");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint WHERE status = 'draft'"), 1);
	dk_buf_free(&b);
}

static void test_escalate_and_warn(void **state)
{
	struct fixture *f = *state;
	/* online without latency budget, scale, constraints or assumptions */
	struct dk_context_in in = {.system = "b", .problem = "online"};
	struct dk_context_in rev = {.latency_p95_ms = "100", .on_prem = -1, .shared_features = -1};
	struct dk_check_counts n;
	struct dk_buf b = {0};
	struct dk_error err = {0};
	int64_t ctx2;

	generated(f, &in);
	fixture_exec(f, "DELETE FROM gate WHERE stage_id = 7");
	fixture_exec(f, "UPDATE blueprint SET body_json = json_set(body_json, '$.rollout.rollback', json('[]'))");
	findings(f, 1, &n, &b);
	assert_string_equal(dk_buf_str(&b), "ESCALATE rollback-criteria BP-1 BP-1|ESCALATE rollout-criteria ST-7 BP-1|"
	                                    "WARN context-scope CTX-1 BP-1|");
	assert_int_equal(n.escalate, 2);
	assert_int_equal(n.warn, 1);
	/* ESCALATE does not block approval; a newer context revision then warns */
	assert_int_equal(dk_blueprint_approve(f->db, 1, &err), DK_OK);
	assert_int_equal(dk_context_revise(f->db, 1, &rev, &ctx2, &err), DK_OK);
	findings(f, 1, &n, &b);
	assert_non_null(strstr(dk_buf_str(&b), "WARN context-revised BP-1 BP-1|"));
	assert_int_equal(n.warn, 2);
	/* superseded blueprints are not checked */
	fixture_exec(f, "UPDATE blueprint SET status = 'superseded'");
	assert_string_equal(findings(f, 0, &n, &b), "");
	assert_int_equal(dk_check_blueprints(f->db, 9, collect, &b, &n, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-9");
	dk_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_stop_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_escalate_and_warn, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
