/* test_withdraw.c: withdrawing records made by mistake, the records that
 * keep one from being withdrawn, and what the schema does afterwards. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/audit.h"
#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/review.h"
#include "docket/risk.h"
#include "docket/withdraw.h"
#include "sqlite/sqlite_backend.h"

static int64_t add_risk(struct fixture *f, const char *title)
{
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t id = 0;

	in.title = title;
	in.owner = "ana";
	in.likelihood = "2";
	in.impact = "3";
	in.due = "2026-12-01";
	if (dk_risk_add(f->db, &in, "2026-11-23", &id, &err) != DK_OK)
		fail_msg("risk: %s", err.msg);
	return id;
}

static int64_t add_decision(struct fixture *f, int64_t review)
{
	struct dk_option_in opts[1] = {{"MLflow", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_error err = {0};
	int64_t id = 0;

	in.title = "Registry";
	in.area = "packaging";
	in.problem = "we need a model registry";
	in.options = opts;
	in.n_options = 1;
	in.chosen = "MLflow";
	in.rationale = "cheaper";
	in.review_id = review;
	if (dk_decision_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("decision: %s", err.msg);
	return id;
}

static int64_t add_evidence(struct fixture *f)
{
	struct dk_evidence_in in = {"benchmark", "bench", "https://example.org/b", NULL, NULL,
	                            "2026-11-20", NULL, NULL, NULL};
	struct dk_error err = {0};
	int64_t id = 0;

	if (dk_evidence_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("evidence: %s", err.msg);
	return id;
}

static int64_t add_review(struct fixture *f)
{
	struct dk_review_in in = {"2026-11-20", 0, "ana", NULL, NULL};
	struct dk_error err = {0};
	int64_t id = 0;

	if (dk_review_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("review: %s", err.msg);
	return id;
}

/* The chain and every record still verify. */
static void assert_trail_intact(struct fixture *f)
{
	struct dk_audit_result res;
	struct dk_error err = {0};

	assert_int_equal(dk_audit_check(f->db, NULL, NULL, &res, &err), DK_OK);
	assert_int_equal(res.findings, 0);
	assert_int_equal(res.broken_seq, 0);
}

static void withdraws_each_kind(void **state)
{
	struct fixture *f = *state;
	struct dk_withdrawal w;
	struct dk_error err = {0};
	int withdrawn = 1;
	int64_t r, d, ev, rv;

	fixture_person(f, "ana", NULL);
	r = add_risk(f, "mistake");
	rv = add_review(f);
	d = add_decision(f, 0);
	ev = add_evidence(f);
	assert_int_equal(dk_withdrawn(f->db, DK_WITHDRAW_RISK, r, &withdrawn, &w, &err), DK_OK);
	assert_int_equal(withdrawn, 0);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, r, "typed twice", &w, &err), DK_OK);
	assert_string_equal(w.key, "R-1");
	assert_string_equal(w.by, "tester");
	assert_string_equal(w.reason, "typed twice");
	assert_int_equal(strlen(w.at), 20);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d, "wrong system", NULL, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_EVIDENCE, ev, "wrong file", NULL, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_REVIEW, rv, "never held", NULL, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE status = 'withdrawn'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision WHERE status = 'withdrawn' "
	                                "AND withdrawn_reason = 'wrong system'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE withdrawn_by = 'tester'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review WHERE withdrawn_at IS NOT NULL"), 1);
	/* the audit rows carry the withdrawal */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
	                                "json_extract(row, '$.withdrawn_reason') IS NOT NULL"), 4);
	assert_int_equal(dk_withdrawn(f->db, DK_WITHDRAW_REVIEW, rv, &withdrawn, &w, &err), DK_OK);
	assert_int_equal(withdrawn, 1);
	assert_string_equal(w.reason, "never held");
	assert_trail_intact(f);
}

static void refuses_twice_and_bad_input(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t seq;

	fixture_person(f, "ana", NULL);
	add_risk(f, "mistake");
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 1, NULL, NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--reason is required"));
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 1, "", NULL, &err), DK_EINPUT);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 9, "x", NULL, &err), DK_EINPUT);
	assert_string_equal(err.msg, "R-9 is not a known risk (see 'docket risk list')");
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_EVIDENCE, 9, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "EV-9 is not a known evidence item"));
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 1, "first", NULL, &err), DK_OK);
	seq = fixture_int(f, "SELECT max(seq) FROM audit_log");
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 1, "second", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "R-1 is already withdrawn"));
	assert_non_null(strstr(err.msg, "by tester: first"));
	assert_int_equal(fixture_int(f, "SELECT max(seq) FROM audit_log"), seq);
}

static void refuses_a_risk_others_rest_on(void **state)
{
	struct fixture *f = *state;
	struct dk_step_in step = {"latency", "p95_ms", "<=", "120", NULL};
	struct dk_accept_in acc = {"bo", "2027-01-01", NULL};
	struct dk_error err = {0};
	int64_t r1, r2, vs;
	int passed;

	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	fixture_person(f, "tester", NULL);
	r1 = add_risk(f, "measured");
	r2 = add_risk(f, "accepted");
	assert_int_equal(dk_step_add(f->db, r1, &step, &vs, &err), DK_OK);
	/* a step alone is part of the risk */
	assert_int_equal(dk_step_record(f->db, vs, "150", NULL, "2026-11-23", &passed, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, r1, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "R-1 cannot be withdrawn: VS-1 has 1 recorded result"));
	assert_int_equal(dk_risk_accept(f->db, r2, &acc, "2026-11-23", &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, r2, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "it is accepted (approved by bo until 2027-01-01)"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE status = 'withdrawn'"), 0);
}

static void refuses_a_decision_others_rest_on(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t d1, d2, ev, r;
	char key[8];

	fixture_person(f, "ana", NULL);
	d1 = add_decision(f, 0);
	d2 = add_decision(f, 0);
	ev = add_evidence(f);
	assert_int_equal(dk_decision_link(f->db, d1, ev, 0, &err), DK_OK);
	assert_int_equal(dk_decision_link(f->db, d2, ev, 0, &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, d1, 0, "2026-11-20", &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, d2, 0, "2026-11-21", &err), DK_OK);
	assert_int_equal(dk_decision_supersede(f->db, d1, d2, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d1, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "D-1 cannot be withdrawn: D-2 supersedes it"));
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d2, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "it supersedes D-1"));
	/* an open risk it left */
	d1 = add_decision(f, 0);
	snprintf(key, sizeof key, "D-%lld", (long long)d1);
	in.title = "left";
	in.owner = "ana";
	in.likelihood = "1";
	in.impact = "1";
	in.due = "2026-12-01";
	in.decision = key;
	assert_int_equal(dk_risk_add(f->db, &in, "2026-11-23", &r, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d1, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "R-1 (open) was left by it"));
	/* once the risk is withdrawn, the decision may be */
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, r, "x", NULL, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d1, "x", NULL, &err), DK_OK);
	/* and nothing new rests on it */
	assert_int_equal(dk_risk_add(f->db, &in, "2026-11-23", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "withdrawn decision"));
	assert_int_equal(dk_decision_link(f->db, d1, ev, 0, &err), DK_EINPUT);
	assert_int_equal(dk_decision_accept(f->db, d1, 0, "2026-11-23", &err), DK_EINPUT);
	assert_trail_intact(f);
}

static void refuses_evidence_and_reviews_others_rest_on(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t d, ev, rv;

	fixture_person(f, "ana", NULL);
	rv = add_review(f);
	d = add_decision(f, rv);
	ev = add_evidence(f);
	assert_int_equal(dk_decision_link(f->db, d, ev, 0, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_EVIDENCE, ev, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "EV-1 cannot be withdrawn: D-1 (proposed) cites it"));
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_REVIEW, rv, "x", NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "RV-1 cannot be withdrawn: D-1 (proposed) was taken in it"));
	/* a withdrawn decision holds neither */
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_DECISION, d, "x", NULL, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_EVIDENCE, ev, "x", NULL, &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_REVIEW, rv, "x", NULL, &err), DK_OK);
	/* a withdrawn record is not changed, even from outside docket's commands */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE withdrawn_at IS NOT NULL"), 1);
	assert_int_equal(sqlite3_exec(dk_sqlite_handle(f->db), "UPDATE evidence SET title = 'x'", NULL, NULL,
	                              NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(dk_sqlite_handle(f->db), "UPDATE review SET notes = 'x'", NULL, NULL,
	                              NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_trail_intact(f);
}

static int count_rows(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)err;
	assert_int_equal(ncol, 5);
	assert_string_equal(cells[0].name, "key");
	assert_string_equal(cells[4].name, "reason");
	(*(int *)ctx)++;
	return DK_OK;
}

static void lists_the_withdrawn(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int n = 0;

	fixture_person(f, "ana", NULL);
	add_risk(f, "kept");
	add_risk(f, "mistake");
	add_evidence(f);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, 2, "typed twice", NULL, &err), DK_OK);
	assert_int_equal(dk_withdrawn_list(f->db, DK_WITHDRAW_RISK, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(dk_withdrawn_list(f->db, DK_WITHDRAW_EVIDENCE, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(withdraws_each_kind, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_twice_and_bad_input, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_a_risk_others_rest_on, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_a_decision_others_rest_on, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_evidence_and_reviews_others_rest_on, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(lists_the_withdrawn, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
