/* test_risk.c: scoring, step evaluation, closing, acceptance staleness and
 * expiry, and the overdue and escalation rules at their day boundaries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/person.h"
#include "docket/policy.h"
#include "docket/risk.h"
#include "support.h"

#define TODAY "2026-11-23"

/* Collects one column's values, joined by ",". */
struct collect {
	const char *col;
	char buf[4096];
	int rows;
};

static int collect_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct collect *k = arg;

	(void)err;
	for (int i = 0; i < ncol; i++)
		if (strcmp(cells[i].name, k->col) == 0) {
			size_t n = strlen(k->buf);
			snprintf(k->buf + n, sizeof k->buf - n, "%s%s", k->rows ? "," : "",
			         cells[i].text ? cells[i].text : "NULL");
		}
	k->rows++;
	return DK_OK;
}

static int64_t add_risk(struct fixture *f, const char *owner, const char *l, const char *i,
                        const char *due)
{
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t id = 0;

	in.title = "a risk";
	in.owner = owner;
	in.likelihood = l;
	in.impact = i;
	in.due = due;
	if (dk_risk_add(f->db, &in, TODAY, &id, &err) != DK_OK)
		fail_msg("risk add: %s", err.msg);
	return id;
}

static void set_policy(struct fixture *f, const char *team, const char *grace, const char *appetite)
{
	struct dk_policy_in p = {team, appetite, grace, "30", "14", "lead"};
	struct dk_error err = {0};

	if (dk_policy_set(f->db, &p, &err) != DK_OK)
		fail_msg("policy: %s", err.msg);
}

static void overdue(struct fixture *f, const char *as_of, const char *col, struct collect *k)
{
	struct dk_error err = {0};

	memset(k, 0, sizeof *k);
	k->col = col;
	if (dk_risk_overdue(f->db, as_of, NULL, NULL, collect_row, k, &err) != DK_OK)
		fail_msg("overdue: %s", err.msg);
}

static void escalations(struct fixture *f, const char *as_of, struct collect *k)
{
	struct dk_error err = {0};

	memset(k, 0, sizeof *k);
	k->col = "rule";
	if (dk_risk_escalations(f->db, as_of, NULL, collect_row, k, &err) != DK_OK)
		fail_msg("escalations: %s", err.msg);
}

static void test_score_and_days(void **state)
{
	(void)state;
	assert_int_equal(dk_risk_score(1, 1), 1);
	assert_int_equal(dk_risk_score(4, 5), 20);
	assert_int_equal(dk_risk_score(5, 5), 25);
	assert_int_equal(dk_risk_score(0, 3), 0);
	assert_int_equal(dk_risk_score(3, 6), 0);
	/* a due date is a whole day */
	assert_int_equal(dk_risk_days_late("2026-12-01", "2026-12-01"), 0);
	assert_int_equal(dk_risk_days_late("2026-12-01", "2026-12-02"), 1);
	assert_int_equal(dk_risk_days_late("2026-12-31", "2027-01-01"), 1);
	assert_int_equal(dk_risk_days_late("2028-02-28", "2028-03-01"), 2);
	assert_int_equal(dk_acceptance_expired("2026-12-01", "2026-12-01"), 0);
	assert_int_equal(dk_acceptance_expired("2026-12-01", "2026-12-02"), 1);
}

static void test_score_column(void **state)
{
	struct fixture *f = *state;
	int64_t id;
	char sql[128];

	fixture_person(f, "ana", "ml");
	id = add_risk(f, "ana", "4", "3", "2026-12-01");
	snprintf(sql, sizeof sql, "SELECT score FROM risk WHERE id = %lld", (long long)id);
	assert_int_equal(fixture_int_text(f, sql), 12);
}

static void test_step_passes(void **state)
{
	(void)state;
	assert_true(dk_step_passes("<=", 120, 120));
	assert_false(dk_step_passes("<", 120, 120));
	assert_true(dk_step_passes("<", 120, 119.999));
	assert_true(dk_step_passes(">=", 0.9, 0.9));
	assert_false(dk_step_passes(">", 0.9, 0.9));
	assert_true(dk_step_passes("==", 3, 3));
	assert_false(dk_step_passes("==", 3, 3.0001));
	assert_true(dk_step_passes("!=", 3, 4));
	assert_false(dk_step_passes("!=", 3, 3));
	assert_false(dk_step_passes("~", 3, 3));
}

static void test_record_and_close(void **state)
{
	struct fixture *f = *state;
	struct dk_step_in s = {"p95 within budget", "p95_latency_ms", "<=", "120", NULL};
	struct dk_error err = {0};
	int64_t risk, step;
	int passed = -1;

	fixture_person(f, "ana", "ml");
	risk = add_risk(f, "ana", "3", "3", "2026-12-01");
	/* no step: refused */
	assert_int_equal(dk_risk_close(f->db, risk, "done", TODAY, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "no verification step"));
	assert_int_equal(dk_step_add(f->db, risk, &s, &step, &err), DK_OK);
	/* pending: refused, naming the step */
	assert_int_equal(dk_risk_close(f->db, risk, "done", TODAY, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is pending"));
	assert_int_equal(dk_step_record(f->db, step, "130", NULL, TODAY, &passed, &err), DK_OK);
	assert_int_equal(passed, 0);
	assert_int_equal(dk_risk_close(f->db, risk, "done", TODAY, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "failed with 130"));
	assert_int_equal(dk_step_record(f->db, step, "120", NULL, TODAY, &passed, &err), DK_OK);
	assert_int_equal(passed, 1);
	/* every record is kept */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM verification_result"), 2);
	assert_int_equal(dk_risk_close(f->db, risk, "verified", TODAY, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE status = 'closed' "
	                                "AND closed_on = '2026-11-23'"), 1);
	/* a latest failure after a pass blocks again (on another risk) */
	risk = add_risk(f, "ana", "3", "3", "2026-12-01");
	assert_int_equal(dk_step_add(f->db, risk, &s, &step, &err), DK_OK);
	assert_int_equal(dk_step_record(f->db, step, "100", NULL, TODAY, &passed, &err), DK_OK);
	assert_int_equal(dk_step_record(f->db, step, "121", NULL, TODAY, &passed, &err), DK_OK);
	assert_int_equal(dk_risk_close(f->db, risk, "done", TODAY, &err), DK_EINPUT);
}

static void test_result_cannot_be_typed(void **state)
{
	struct fixture *f = *state;
	struct dk_step_in s = {"accuracy", "acc", ">=", "0.9", NULL};
	struct dk_error err = {0};
	int64_t risk, step;
	char sql[256];

	fixture_person(f, "ana", "ml");
	risk = add_risk(f, "ana", "3", "3", "2026-12-01");
	assert_int_equal(dk_step_add(f->db, risk, &s, &step, &err), DK_OK);
	snprintf(sql, sizeof sql,
	         "INSERT INTO verification_result (uuid, step_id, value, result, recorded_on, "
	         "created_at, created_by) VALUES (docket_uuid(), %lld, 0.5, 'pass', '2026-11-23', "
	         "'2026-11-23T00:00:00Z', 'x')", (long long)step);
	assert_int_not_equal(dk_db_exec(f->db, sql, &err), DK_OK);
}

static void test_acceptance(void **state)
{
	struct fixture *f = *state;
	struct dk_accept_in self = {"tester", "2026-12-31", NULL};
	struct dk_accept_in ok = {"lead", "2026-12-01", "cost of mitigation too high"};
	struct dk_risk_in change = {0};
	struct dk_error err = {0};
	struct collect k;
	int64_t risk;

	fixture_person(f, "tester", "ml");
	fixture_person(f, "lead", "ml");
	risk = add_risk(f, "tester", "2", "2", "2027-03-01");
	/* the actor cannot approve their own request */
	assert_int_equal(dk_risk_accept(f->db, risk, &self, TODAY, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "second person"));
	/* no policy and no --expires */
	ok.expires = NULL;
	assert_int_equal(dk_risk_accept(f->db, risk, &ok, TODAY, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--expires is required"));
	ok.expires = "2026-12-01";
	assert_int_equal(dk_risk_accept(f->db, risk, &ok, TODAY, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE status = 'accepted' AND "
	                                "asked_by = 'tester' AND accepted_until = '2026-12-01' AND "
	                                "length(accepted_hash) = 64"), 1);
	/* valid through its last day, expired the day after */
	overdue(f, "2026-12-01", "key", &k);
	assert_int_equal(k.rows, 0);
	overdue(f, "2026-12-02", "why", &k);
	assert_string_equal(k.buf, "acceptance expired 2026-12-01");
	escalations(f, "2026-12-01", &k);
	assert_null(strstr(k.buf, "acceptance-expired"));
	escalations(f, "2026-12-02", &k);
	assert_non_null(strstr(k.buf, "acceptance-expired"));
	/* a change to the category does not make it stale; to the impact does */
	change.category = "cost";
	assert_int_equal(dk_risk_update(f->db, risk, &change, TODAY, &err), DK_OK);
	overdue(f, TODAY, "key", &k);
	assert_int_equal(k.rows, 0);
	memset(&change, 0, sizeof change);
	change.impact = "3";
	assert_int_equal(dk_risk_update(f->db, risk, &change, TODAY, &err), DK_OK);
	overdue(f, TODAY, "why", &k);
	assert_string_equal(k.buf, "acceptance stale (changed since approval)");
	escalations(f, TODAY, &k);
	assert_non_null(strstr(k.buf, "acceptance-stale"));
	/* changing it back matches the approved hash again */
	change.impact = "2";
	assert_int_equal(dk_risk_update(f->db, risk, &change, TODAY, &err), DK_OK);
	overdue(f, TODAY, "key", &k);
	assert_int_equal(k.rows, 0);
	/* the title and description are covered too */
	memset(&change, 0, sizeof change);
	change.description = "now with details";
	assert_int_equal(dk_risk_update(f->db, risk, &change, TODAY, &err), DK_OK);
	overdue(f, TODAY, "key", &k);
	assert_int_equal(k.rows, 1);
}

/* Four eyes compares people: the acting person must be known, and the
 * approver is neither the acting person nor the owner, however either is
 * spelled (case, white space, login name). A refusal writes nothing. */
static void test_four_eyes(void **state)
{
	static const struct {
		const char *actor, *approver, *msg;
	} refused[] = {
		{"ghost", "lead", "the acting person 'ghost' is not a known person"},
		{"Ana Lima", "lead", "the acting person 'Ana Lima' is not a known person"},
		{"ANA", "ana", "--approver 'ana' is the person asking (the actor is 'ANA')"},
		{"ana ", "ana", "is the person asking"},
		{"alima", "ana", "is the person asking"},
		{"ana", "ALIMA", "is the person asking"},
		{"ana", " Ana ", "is the person asking"},
		{"ana", "owner", "--approver 'owner' owns R-1; an acceptance is approved by someone other than the owner"},
		{"lead", "OWNER", "--approver 'owner' owns R-1"},
		{"lead", "Ana Lima", "--approver 'Ana Lima' is not a known person"},
	};
	struct fixture *f = *state;
	struct dk_person ana = {.handle = "ana", .name = "Ana Lima", .login = "alima"};
	struct dk_accept_in in = {NULL, "2026-12-31", NULL};
	struct dk_error err = {0};
	int64_t risk, rows;

	assert_int_equal(dk_person_add(f->db, &ana, NULL, &err), DK_OK);
	fixture_person(f, "lead", NULL);
	fixture_person(f, "owner", NULL);
	risk = add_risk(f, "owner", "2", "2", "2027-03-01");
	rows = fixture_int(f, "SELECT count(*) FROM audit_log");
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		assert_int_equal(dk_db_set_actor(f->db, refused[i].actor, &err), DK_OK);
		in.approver = refused[i].approver;
		if (dk_risk_accept(f->db, risk, &in, TODAY, &err) != DK_EINPUT)
			fail_msg("case %zu: %s approving for %s was accepted", i, in.approver, refused[i].actor);
		if (strstr(err.msg, refused[i].msg) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, refused[i].msg);
	}
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), rows);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE status = 'accepted'"), 0);
	/* the owner may ask; a second person approves, named by login */
	assert_int_equal(dk_db_set_actor(f->db, "owner", &err), DK_OK);
	in.approver = "ALIMA";
	assert_int_equal(dk_risk_accept(f->db, risk, &in, TODAY, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk r JOIN person p ON p.id = r.approved_by "
	                                "WHERE r.status = 'accepted' AND r.asked_by = 'owner' AND p.handle = 'ana'"), 1);
}

static void test_acceptance_default_expiry(void **state)
{
	struct fixture *f = *state;
	struct dk_accept_in in = {"lead", NULL, NULL};
	struct dk_error err = {0};
	int64_t risk;

	fixture_person(f, "tester", "ml");
	fixture_person(f, "lead", "ml");
	set_policy(f, "ml", "7", "9");
	risk = add_risk(f, "tester", "2", "2", NULL);
	/* default due: today + 14 (the policy's default due days) */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE due_on = '2026-12-07'"), 1);
	assert_int_equal(dk_risk_accept(f->db, risk, &in, TODAY, &err), DK_OK);
	/* default expiry: today + 30 (the policy's acceptance days) */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE accepted_until = '2026-12-23'"), 1);
}

/* The due date a policy gives, as generate asks for it: none without a
 * team or without a policy. */
static void test_policy_due(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	char team[80], due[DK_DATE_LEN];

	fixture_person(f, "solo", NULL);
	fixture_person(f, "ana", "ml");
	fixture_person(f, "lead", "ml");
	assert_int_equal(dk_risk_policy_due(f->db, "solo", TODAY, team, sizeof team, due, &err), DK_OK);
	assert_string_equal(team, "");
	assert_string_equal(due, "");
	assert_int_equal(dk_risk_policy_due(f->db, "ana", TODAY, team, sizeof team, due, &err), DK_OK);
	assert_string_equal(team, "ml");
	assert_string_equal(due, "");
	set_policy(f, "ml", "7", "9");
	assert_int_equal(dk_risk_policy_due(f->db, "ana", TODAY, team, sizeof team, due, &err), DK_OK);
	assert_string_equal(due, "2026-12-07"); /* today + the policy's 14 default due days */
	assert_int_equal(dk_risk_policy_due(f->db, "nobody", TODAY, team, sizeof team, due, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "nobody"));
}

static void test_overdue_boundary(void **state)
{
	struct fixture *f = *state;
	struct collect k;

	fixture_person(f, "ana", "ml");
	add_risk(f, "ana", "2", "2", "2026-12-01");
	add_risk(f, "ana", "5", "5", "2026-12-01");
	add_risk(f, "ana", "1", "1", "2026-11-20");
	overdue(f, "2026-12-01", "key", &k);
	assert_string_equal(k.buf, "R-3");
	overdue(f, "2026-12-02", "key", &k);
	/* most days first, then score */
	assert_string_equal(k.buf, "R-3,R-2,R-1");
	overdue(f, "2026-12-02", "days_overdue", &k);
	assert_string_equal(k.buf, "12,1,1");
}

static void test_escalation_rules(void **state)
{
	struct fixture *f = *state;
	struct dk_step_in s = {"drift", "psi", "<", "0.2", NULL};
	struct dk_accept_in acc = {"lead", "2027-06-01", NULL};
	struct dk_error err = {0};
	struct collect k;
	int64_t r1, r2, r3, step;

	fixture_person(f, "tester", "ml");
	fixture_person(f, "lead", "ml");
	fixture_person(f, "solo", NULL);
	set_policy(f, "ml", "7", "9");
	r1 = add_risk(f, "tester", "2", "2", "2026-11-24"); /* due tomorrow */
	assert_int_equal(dk_step_add(f->db, r1, &s, &step, &err), DK_OK);
	r2 = add_risk(f, "tester", "4", "3", "2027-01-01"); /* 12 > appetite 9 */
	assert_int_equal(dk_step_add(f->db, r2, &s, &step, &err), DK_OK);
	assert_int_equal(dk_risk_accept(f->db, r2, &acc, TODAY, &err), DK_OK);
	r3 = add_risk(f, "solo", "1", "1", "2027-01-01"); /* no step, no team */
	(void)r3;
	escalations(f, TODAY, &k);
	assert_string_equal(k.buf, "risk-appetite,risk-verification,risk-policy");
	/* due 2026-11-24, grace 7: overdue from 11-25, escalated after 7 days late */
	escalations(f, "2026-12-01", &k);
	assert_null(strstr(k.buf, "risk-overdue"));
	escalations(f, "2026-12-02", &k);
	assert_non_null(strstr(k.buf, "risk-overdue"));
	/* counted, not listed: the count equals the listing, and looking
	 * back, risks created after a date are not judged */
	{
		struct dk_escalation_counts now;
		int64_t n;
		escalations(f, "2026-12-02", &k);
		assert_int_equal(dk_risk_escalations_count(f->db, "2026-12-02", NULL, NULL, NULL, &n, &err), DK_OK);
		assert_int_equal(n, k.rows);
		assert_int_equal(dk_risk_escalations_count(f->db, "2026-12-02", "9999-12-31", NULL, NULL, &n,
		                                           &err), DK_OK);
		assert_int_equal(n, k.rows);
		assert_int_equal(dk_risk_escalations_count(f->db, TODAY, "2000-01-01", NULL, NULL, &n, &err), DK_OK);
		assert_int_equal(n, 0);
		assert_int_equal(dk_risk_escalations_count(f->db, "2026-12-02", NULL, "ml", NULL, &n, &err), DK_OK);
		assert_int_equal(n, 2); /* solo's risk, and solo without a team, are not ml's */
		/* the first two, in the same order, and the total */
		memset(&k, 0, sizeof k);
		k.col = "rule";
		assert_int_equal(dk_risk_escalations_top(f->db, "2026-12-02", NULL, 2, collect_row, &k, &now,
		                                         &err), DK_OK);
		assert_string_equal(k.buf, "risk-appetite,risk-overdue");
		assert_int_equal(now.total, 4);
		assert_int_equal(now.rule[4], 1); /* risk-verification */
		/* looking back with today's counts: the same as counting afresh */
		assert_int_equal(dk_risk_escalations_count(f->db, "2026-11-25", "2000-01-01", NULL, &now, &n,
		                                           &err), DK_OK);
		assert_int_equal(n, 0);
		assert_int_equal(dk_risk_escalations_count(f->db, "2026-11-25", "9999-12-31", NULL, &now, &n,
		                                           &err), DK_OK);
		assert_int_equal(n, 3); /* appetite, no step, no team: r1 is not yet past its grace */
	}
}

static void test_refusals_leave_nothing(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t id;
	int64_t before;

	fixture_person(f, "ana", NULL);
	before = fixture_int(f, "SELECT count(*) FROM audit_log");
	in.title = "t";
	in.owner = "ana";
	in.likelihood = "6";
	in.impact = "1";
	in.due = "2026-12-01";
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--likelihood '6' is not a whole number from 1 to 5");
	in.likelihood = "1";
	in.owner = "nobody";
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "not a known person"));
	in.owner = "ana";
	in.due = "2026-13-01";
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--due '2026-13-01' is not a date"));
	in.due = NULL; /* no team, no policy */
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--due is required"));
	in.due = "2026-12-01";
	in.decision = "D-4";
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--decision D-4 is not a known decision");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), before);
}

static void test_insert_in_callers_transaction(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t id;

	fixture_person(f, "ana", NULL);
	in.title = "from a blueprint";
	in.owner = "ana";
	in.likelihood = "2";
	in.impact = "3";
	in.due = "+2w";
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_risk_insert(f->db, &in, TODAY, &id, &err), DK_OK);
	dk_db_rollback(f->db);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk"), 0);
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_risk_insert(f->db, &in, TODAY, &id, &err), DK_OK);
	assert_int_equal(dk_db_commit(f->db, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE due_on = '2026-12-07'"), 1);
}

static void test_decision_link_and_list_filter(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_filter filter = {0};
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	struct collect k = {0};
	int64_t id;

	fixture_person(f, "ana", NULL);
	fixture_exec(f, "INSERT INTO decision (uuid, title, area, problem, rationale, created_at, "
	                "created_by) VALUES (docket_uuid(), 'Use Feast', 'data', 'p', 'r', "
	                "'2026-11-20T10:00:00Z', 't')");
	in.title = "feature skew";
	in.owner = "ana";
	in.likelihood = "3";
	in.impact = "3";
	in.due = "2026-12-01";
	in.decision = "D-1";
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_OK);
	in.decision = NULL;
	assert_int_equal(dk_risk_add(f->db, &in, TODAY, &id, &err), DK_OK);
	filter.decision = 1;
	k.col = "key";
	assert_int_equal(dk_risk_list(f->db, &filter, collect_row, &k, &err), DK_OK);
	assert_string_equal(k.buf, "R-1");
	/* a decision is fixed once the risk exists */
	memset(&in, 0, sizeof in);
	in.decision = "D-1";
	assert_int_equal(dk_risk_update(f->db, id, &in, TODAY, &err), DK_EINPUT);
}

/* Every line of the overdue query's plan that touches risk uses an index. */
static void test_overdue_plan_uses_indexes(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_stmt *s = NULL;
	char sql[8192];
	int risk_lines = 0;

	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", dk_risk_overdue_sql());
	assert_int_equal(dk_stmt_prepare(f->db, &s, sql, &err), DK_OK);
	while (dk_stmt_step(s, &err) == DK_ROW) {
		const char *detail = dk_col_text(s, 3);
		if (strstr(detail, " r ") == NULL && strcmp(detail + strlen(detail) - 2, " r") != 0)
			continue;
		risk_lines++;
		if (strncmp(detail, "SCAN", 4) == 0 && strstr(detail, "INDEX") == NULL)
			fail_msg("full scan of risk: %s", detail);
		assert_non_null(strstr(detail, "INDEX"));
	}
	dk_stmt_finalize(&s);
	assert_true(risk_lines >= 2);
}

/* The benchmark runs the same SQL in the sqlite3 shell. */
static void test_bench_sql_is_the_same(void **state)
{
	char path[512], buf[8192];
	const char *src = getenv("DOCKET_SOURCE_DIR");
	FILE *fp;
	size_t n;

	(void)state;
	if (src == NULL)
		skip();
	snprintf(path, sizeof path, "%s/tests/bench/overdue.sql", src);
	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ';'))
		buf[--n] = '\0';
	assert_string_equal(buf, dk_risk_overdue_sql());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score_and_days),
		cmocka_unit_test(test_step_passes),
		cmocka_unit_test_setup_teardown(test_score_column, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_policy_due, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_record_and_close, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_result_cannot_be_typed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_acceptance, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_four_eyes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_acceptance_default_expiry, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_boundary, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_escalation_rules, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refusals_leave_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_insert_in_callers_transaction, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_decision_link_and_list_filter, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_plan_uses_indexes, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_bench_sql_is_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
