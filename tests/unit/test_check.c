/* test_check.c: the quality gates: blueprint and stage rules, and the
 * decision and risk register rules. */
#include <string.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/check.h"
#include "docket/context.h"
#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/risk.h"
#include "docket/stage.h"
#include "docket/text.h"

/* Collects "SEVERITY rule record" lines. */
static int collect(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct dk_buf *b = arg;

	(void)err;
	assert_int_equal(ncol, 6);
	dk_buf_addf(b, "%s %s %s %s|", cells[0].text, cells[1].text, cells[2].text,
	            cells[3].text ? cells[3].text : "-");
	return DK_OK;
}

static int64_t generated(struct fixture *f, struct dk_context_in *in)
{
	struct dk_error err = {0};
	struct dk_catalog *cat;
	int64_t ctx, bp;

	if (fixture_int(f, "SELECT count(*) FROM person") == 0)
		fixture_owner(f, "ana", "ml");
	/* approving needs a known acting person */
	assert_int_equal(dk_db_set_actor(f->db, "ana", &err), DK_OK);
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
	                                "AND approved_by = 'ana' AND approved_at IS NOT NULL"), 1);
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
	fixture_exec(f, fixture_on_pg(f)
		? "UPDATE blueprint SET body_json = jsonb_set(CAST(body_json AS jsonb), '{rollout,rollback}', '[]')"
		: "UPDATE blueprint SET body_json = json_set(body_json, '$.rollout.rollback', json('[]'))");
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

/* Every rule, judged on as_of. */
static const char *all_findings(struct fixture *f, int64_t bp, const char *as_of,
                                struct dk_check_counts *n, struct dk_buf *b)
{
	struct dk_error err = {0};

	memset(n, 0, sizeof *n);
	dk_buf_free(b);
	if (dk_check(f->db, bp, as_of, collect, b, n, &err) != DK_OK)
		fail_msg("%s", err.msg);
	return dk_buf_str(b);
}

#define assert_finding(b, s) \
	do { \
		if (strstr(dk_buf_str(b), s) == NULL) \
			fail_msg("no finding '%s' in %s", s, dk_buf_str(b)); \
	} while (0)
#define assert_no_finding(b, s) \
	do { \
		if (strstr(dk_buf_str(b), s) != NULL) \
			fail_msg("finding '%s' in %s", s, dk_buf_str(b)); \
	} while (0)

static int64_t risk(struct fixture *f, const char *title, const char *owner, const char *l,
                    const char *i, const char *due, const char *bp, int with_step)
{
	struct dk_risk_in in = {.title = title, .owner = owner, .likelihood = l, .impact = i,
		.due = due, .blueprint = bp};
	struct dk_step_in st = {"measured", "m", "<=", "1", NULL};
	struct dk_error err = {0};
	int64_t id, step;

	if (dk_risk_add(f->db, &in, "2026-11-23", &id, &err) != DK_OK)
		fail_msg("%s: %s", title, err.msg);
	if (with_step && dk_step_add(f->db, id, &st, &step, &err) != DK_OK)
		fail_msg("%s: %s", title, err.msg);
	return id;
}

static void accept(struct fixture *f, int64_t id, const char *until)
{
	struct dk_accept_in a = {.approver = "bo", .expires = until};
	struct dk_error err = {0};

	/* the owner asks, bo approves */
	if (dk_db_set_actor(f->db, "ana", &err) != DK_OK)
		fail_msg("%s", err.msg);

	if (dk_risk_accept(f->db, id, &a, "2026-11-23", &err) != DK_OK)
		fail_msg("accept R-%lld: %s", (long long)id, err.msg);
}

/* Generated risks have no step yet: one risk-verification each, and only
 * in the scope of their blueprint. */
static void test_risk_verification(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "a", .problem = "batch", .data_gb = "5", .cloud = "aws",
		.assumptions = assumption, .n_assumptions = 1, .has_assumptions = 1};
	struct dk_step_in st = {"measured", "m", "<=", "1", NULL};
	struct dk_check_counts n;
	struct dk_buf b = {0};
	struct dk_error err = {0};
	int64_t risks, step;

	generated(f, &in);
	risks = fixture_int(f, "SELECT count(*) FROM risk WHERE blueprint_id = 1");
	assert_true(risks > 0);
	all_findings(f, 1, "2026-11-23", &n, &b);
	assert_finding(&b, "ESCALATE risk-verification R-1 BP-1|");
	assert_int_equal(n.escalate, risks);
	assert_int_equal(n.stop + n.warn, 0);
	/* approval looks at the blueprint rules only */
	findings(f, 1, &n, &b);
	assert_string_equal(dk_buf_str(&b), "");
	for (int64_t r = 1; r <= risks; r++)
		assert_int_equal(dk_step_add(f->db, r, &st, &step, &err), DK_OK);
	assert_string_equal(all_findings(f, 0, "2026-11-23", &n, &b), "");
	assert_int_equal(dk_check(f->db, 0, "2026-13-01", collect, &b, &n, &err), DK_EINPUT);
	dk_buf_free(&b);
}

static void test_risk_overdue_and_policy(void **state)
{
	struct fixture *f = *state;
	struct dk_check_counts n;
	struct dk_buf b = {0};
	int64_t in_grace, past, nopol, noteam;

	fixture_owner(f, "ana", "ml");
	fixture_person(f, "cy", "data");
	fixture_person(f, "dee", NULL);
	in_grace = risk(f, "in grace", "ana", "2", "2", "2026-11-20", NULL, 1);
	past = risk(f, "past grace", "ana", "2", "2", "2026-11-10", NULL, 1);
	nopol = risk(f, "no policy", "cy", "1", "1", "2026-12-31", NULL, 1);
	noteam = risk(f, "no team", "dee", "1", "1", "2026-11-22", NULL, 1);
	assert_int_equal(in_grace + past + nopol + noteam, 10);
	all_findings(f, 0, "2026-11-23", &n, &b);
	/* grace 7 days: 3 days late warns, 13 escalate; without a policy any day escalates */
	assert_string_equal(dk_buf_str(&b), "ESCALATE risk-overdue R-2 -|ESCALATE risk-policy R-3 -|"
	                    "ESCALATE risk-overdue R-4 -|ESCALATE risk-policy R-4 -|"
	                    "WARN risk-overdue R-1 -|");
	assert_int_equal(n.escalate, 4);
	assert_int_equal(n.warn, 1);
	/* on the due date a risk is not late yet */
	all_findings(f, 0, "2026-11-20", &n, &b);
	assert_no_finding(&b, "risk-overdue R-1");
	all_findings(f, 0, "2026-11-21", &n, &b);
	assert_finding(&b, "WARN risk-overdue R-1 -|");
	/* closed risks are not judged */
	fixture_exec(f, "UPDATE risk SET status = 'closed', closed_on = '2026-11-23', closed_reason = 'x'");
	assert_string_equal(all_findings(f, 0, "2026-11-23", &n, &b), "");
	dk_buf_free(&b);
}

static void test_acceptances(void **state)
{
	struct fixture *f = *state;
	struct dk_check_counts n;
	struct dk_buf b = {0};
	int64_t big, small, stale;

	fixture_owner(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	big = risk(f, "big", "ana", "5", "4", "2026-12-31", NULL, 1);
	small = risk(f, "small", "ana", "3", "3", "2026-12-31", NULL, 1);
	stale = risk(f, "stale", "ana", "1", "2", "2026-12-31", NULL, 1);
	accept(f, big, "2027-01-31");
	accept(f, small, "2026-11-30");
	accept(f, stale, "2027-01-31");
	assert_int_equal(big + small + stale, 6);
	/* score 20 > appetite 9; score 9 is within it */
	all_findings(f, 0, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "ESCALATE risk-appetite R-1 -|");
	fixture_exec(f, "UPDATE risk SET likelihood = 2 WHERE id = 3");
	all_findings(f, 0, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "ESCALATE risk-appetite R-1 -|ESCALATE acceptance-stale R-3 -|");
	/* valid through its last day, expired the day after */
	all_findings(f, 0, "2026-11-30", &n, &b);
	assert_no_finding(&b, "acceptance-expired");
	all_findings(f, 0, "2026-12-01", &n, &b);
	assert_finding(&b, "ESCALATE acceptance-expired R-2 -|");
	assert_int_equal(n.escalate, 3);
	dk_buf_free(&b);
}

static void test_decisions(void **state)
{
	struct fixture *f = *state;
	struct dk_decision_in in = {.origin = DK_DECISION_IMPORTED, .title = "use ONNX",
		.area = "packaging", .problem = "p", .rationale = "r", .status = "accepted",
		.decided_on = "2026-01-10"};
	struct dk_evidence_in ev = {.kind = "document", .title = "a note", .collected = "2026-01-10"};
	struct dk_context_in cx = {.system = "a", .problem = "batch", .data_gb = "5", .cloud = "aws",
		.assumptions = assumption, .n_assumptions = 1, .has_assumptions = 1};
	struct dk_check_counts n;
	struct dk_buf b = {0};
	struct dk_error err = {0};
	int64_t d, e, bp;

	fixture_owner(f, "ana", "ml");
	assert_int_equal(dk_decision_add(f->db, &in, &d, &err), DK_OK);
	all_findings(f, 0, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "ESCALATE decision-evidence D-1 -|");
	assert_int_equal(dk_evidence_add(f->db, &ev, &e, &err), DK_OK);
	assert_int_equal(dk_decision_link(f->db, d, e, 1, &err), DK_OK);
	all_findings(f, 0, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "ESCALATE decision-evidence D-1 -|");
	assert_int_equal(dk_decision_link(f->db, d, e, 0, &err), DK_OK);
	assert_string_equal(all_findings(f, 0, "2026-11-23", &n, &b), "");
	/* past its review-by date */
	fixture_exec(f, "UPDATE decision SET review_by = '2026-11-22' WHERE id = 1");
	all_findings(f, 0, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "WARN decision-review D-1 -|");
	assert_int_equal(n.warn, 1);
	assert_string_equal(all_findings(f, 0, "2026-11-22", &n, &b), "");
	/* with a blueprint, only its own decisions */
	bp = generated(f, &cx);
	fixture_exec(f, "INSERT INTO verification_step (uuid, risk_id, ordinal, check_text, metric, op,"
	             " threshold, created_at, created_by) SELECT docket_uuid(), id, 1, 'c', 'm', '<=', 1,"
	             " '2026-11-23T00:00:00Z', 't' FROM risk");
	assert_string_equal(all_findings(f, bp, "2026-11-23", &n, &b), "");
	fixture_exec(f, "UPDATE decision SET blueprint_id = 1 WHERE id = 1");
	all_findings(f, bp, "2026-11-23", &n, &b);
	assert_string_equal(dk_buf_str(&b), "WARN decision-review D-1 BP-1|");
	dk_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_stop_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_escalate_and_warn, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_risk_verification, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_risk_overdue_and_policy, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_acceptances, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_decisions, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
