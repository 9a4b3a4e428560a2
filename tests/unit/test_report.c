/* test_report.c: the weekly report's sections, headline arithmetic and the
 * decision sections that read the decision table. */
#include <stdio.h>
#include <string.h>

#include "docket/report.h"
#include "docket/risk.h"
#include "support.h"

struct capture {
	char section[32];
	char want_section[32];
	char want_col[32];
	char buf[4096];
	int rows;
	int sections;
	char more[256]; /* id=shown/total of each listed section */
};

static int on_more(void *arg, const char *id, int64_t shown, int64_t total, struct dk_error *err)
{
	struct capture *k = arg;
	size_t n = strlen(k->more);

	(void)err;
	snprintf(k->more + n, sizeof k->more - n, "%s%s=%lld/%lld", n ? "," : "", id, (long long)shown,
	         (long long)total);
	return DK_OK;
}

static int on_section(void *arg, const char *id, const char *title, struct dk_error *err)
{
	struct capture *k = arg;

	(void)title;
	(void)err;
	snprintf(k->section, sizeof k->section, "%s", id);
	k->sections++;
	return DK_OK;
}

static int on_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct capture *k = arg;

	(void)err;
	if (strcmp(k->section, k->want_section) != 0)
		return DK_OK;
	for (int i = 0; i < ncol; i++) {
		size_t n = strlen(k->buf);
		if (k->want_col[0] && strcmp(cells[i].name, k->want_col) != 0)
			continue;
		snprintf(k->buf + n, sizeof k->buf - n, "%s%s", n ? "," : "", cells[i].text ? cells[i].text : "-");
	}
	k->rows++;
	return DK_OK;
}

static const char *report_of(struct fixture *f, const char *as_of, const char *team, int64_t limit,
                             const char *section, const char *col, struct capture *k)
{
	struct dk_report_sink sink = {on_section, on_row, k, on_more};
	struct dk_error err = {0};

	memset(k, 0, sizeof *k);
	snprintf(k->want_section, sizeof k->want_section, "%s", section);
	snprintf(k->want_col, sizeof k->want_col, "%s", col ? col : "");
	if (dk_report_weekly(f->db, as_of, team, limit, &sink, &err) != DK_OK)
		fail_msg("report: %s", err.msg);
	return k->buf;
}

static const char *report(struct fixture *f, const char *as_of, const char *section,
                          const char *col, struct capture *k)
{
	return report_of(f, as_of, NULL, 0, section, col, k);
}

static int64_t risk(struct fixture *f, const char *owner, const char *l, const char *i, const char *due)
{
	struct dk_risk_in in = {0};
	struct dk_error err = {0};
	int64_t id;

	in.title = "r";
	in.owner = owner;
	in.likelihood = l;
	in.impact = i;
	in.due = due;
	if (dk_risk_add(f->db, &in, "2026-11-23", &id, &err) != DK_OK)
		fail_msg("risk: %s", err.msg);
	return id;
}

static void test_sections_in_order(void **state)
{
	struct fixture *f = *state;
	struct capture k;

	report(f, "2026-11-23", "headline", "measure", &k);
	assert_int_equal(k.sections, 8);
	assert_string_equal(k.buf, "open,new,closed,overdue,escalations");
	/* the heat map always has five rows, likelihood 5 first */
	report(f, "2026-11-23", "heatmap", "likelihood", &k);
	assert_string_equal(k.buf, "5,4,3,2,1");
}

static void test_headline_and_heatmap(void **state)
{
	struct fixture *f = *state;
	struct dk_step_in s = {"c", "m", "<", "1", NULL};
	struct dk_error err = {0};
	struct capture k;
	int64_t id, step;
	int passed;

	fixture_person(f, "ana", "ml");
	risk(f, "ana", "5", "5", "2026-11-10");
	risk(f, "ana", "5", "5", "2026-11-30");
	id = risk(f, "ana", "1", "2", "2026-11-30");
	assert_int_equal(dk_step_add(f->db, id, &s, &step, &err), DK_OK);
	assert_int_equal(dk_step_record(f->db, step, "0", NULL, "2026-11-23", &passed, &err), DK_OK);
	/* closed a week ago: counts as closed last week, not this week */
	assert_int_equal(dk_risk_close(f->db, id, "done", "2026-11-16", &err), DK_OK);
	report(f, "2026-11-23", "headline", "this_week", &k);
	assert_string_equal(k.buf, "2,3,0,1,3"); /* escalations: no policy, 2 without steps */
	report(f, "2026-11-23", "headline", "last_week", &k);
	/* the week before, every risk's created_at (today's clock) is later */
	assert_string_equal(k.buf, "0,0,1,0,0");
	report(f, "2026-11-23", "heatmap", "impact_5", &k);
	assert_string_equal(k.buf, "2,0,0,0,0");
	report(f, "2026-11-23", "heatmap", "impact_2", &k);
	assert_string_equal(k.buf, "0,0,0,0,0"); /* closed risks are not drawn */
	/* the overdue headline equals the overdue list */
	report(f, "2026-12-01", "overdue_by_owner", "overdue", &k);
	assert_string_equal(k.buf, "2");
	report(f, "2026-12-01", "headline", "this_week", &k);
	assert_non_null(strstr(k.buf, ",2,")); /* overdue */
}

static void test_decision_sections(void **state)
{
	struct fixture *f = *state;
	struct capture k;

	fixture_exec(f,
		"INSERT INTO decision (uuid, title, area, status, problem, rationale, decided_on, review_by, "
		"created_at, created_by) VALUES "
		"(docket_uuid(), 'Use Feast', 'data', 'accepted', 'p', 'r', '2026-11-20', '2027-05-01', '2026-11-20T10:00:00Z', 't'),"
		"(docket_uuid(), 'Use Triton', 'serving', 'accepted', 'p', 'r', '2026-03-01', '2026-11-01', '2026-03-01T10:00:00Z', 't'),"
		"(docket_uuid(), 'Old', 'serving', 'accepted', 'p', 'r', '2026-11-16', '2026-11-23', '2026-03-01T10:00:00Z', 't')");
	report(f, "2026-11-23", "decisions_taken", "key", &k);
	assert_string_equal(k.buf, "D-1"); /* D-3 was decided 2026-11-16, the week before */
	report(f, "2026-11-23", "decisions_review_due", NULL, &k);
	/* review_by 2026-11-23 is not past on 2026-11-23 */
	assert_string_equal(k.buf, "D-2,Use Triton,serving,2026-11-01,22");
	report(f, "2026-11-24", "decisions_review_due", "key", &k);
	assert_string_equal(k.buf, "D-2,D-3");
}

/* Each listed section shows at most the limit and says how many it has;
 * the escalations shown are the first of the full list, and the headline
 * counts them all, this week and last. */
static void test_limit(void **state)
{
	struct fixture *f = *state;
	struct capture k;
	char all[4096];

	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	fixture_person(f, "cy", "data");
	for (int i = 0; i < 3; i++) {
		risk(f, "ana", "3", "3", "2026-11-10");
		risk(f, "bo", "2", "2", "2026-11-25");
		risk(f, "cy", "4", "4", "2026-11-12");
	}
	/* created over the two weeks: three before last week ended */
	fixture_exec(f, "UPDATE risk SET created_at = '2026-11-01T10:00:00Z' WHERE id <= 3");
	report(f, "2026-11-23", "escalations", "key", &k);
	snprintf(all, sizeof all, "%s", k.buf);
	assert_int_equal(k.rows, 11); /* 9 without a step, 2 teams without a policy */
	assert_non_null(strstr(k.more, "escalations=11/11"));
	report_of(f, "2026-11-23", NULL, 4, "escalations", "key", &k);
	assert_int_equal(k.rows, 4);
	assert_int_equal(strncmp(all, k.buf, strlen(k.buf)), 0);
	assert_string_equal(k.more, "overdue_by_owner=2/2,due_soon=3/3,escalations=4/11,"
	                            "decisions_taken=0/0,decisions_review_due=0/0,closed=0/0");
	report_of(f, "2026-11-23", NULL, 1, "overdue_by_owner", "owner", &k);
	assert_int_equal(k.rows, 1);
	assert_non_null(strstr(k.more, "overdue_by_owner=1/2,due_soon=1/3,escalations=1/11"));
	/* the headline is the same whatever the limit */
	report_of(f, "2026-11-23", NULL, 1, "headline", "this_week", &k);
	assert_string_equal(k.buf, "9,6,0,6,11");
	report_of(f, "2026-11-23", NULL, 1, "headline", "last_week", &k);
	/* the three risks of 2026-11-01: no step (3) and no policy (2 teams) */
	assert_string_equal(k.buf, "3,0,0,2,5");
	/* one team: the whole report's rows of that team, in the same order */
	report_of(f, "2026-11-23", "data", 0, "escalations", "key", &k);
	assert_string_equal(k.buf, "R-3,R-6,R-9,team data");
	report_of(f, "2026-11-23", "data", 2, "headline", "this_week", &k);
	assert_string_equal(k.buf, "3,2,0,3,4");
	assert_non_null(strstr(k.more, "escalations=2/4"));
}

/* Overdue by owner, counted in SQL, groups the rows of risk overdue:
 * expired or stale acceptances too, each owner's worst first. */
static void test_overdue_by_owner(void **state)
{
	struct fixture *f = *state;
	struct capture k;

	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	risk(f, "ana", "2", "2", "2026-11-20"); /* 3 days */
	risk(f, "ana", "1", "1", "2026-11-10"); /* 13 days */
	risk(f, "bo", "3", "3", "2026-11-22");  /* 1 day */
	risk(f, "bo", "5", "4", "2026-12-30");  /* accepted, expired 2026-11-15: 8 days */
	risk(f, "bo", "1", "1", "2026-12-30");  /* not overdue */
	fixture_exec(f, "UPDATE risk SET status = 'accepted', approved_by = 1, accepted_on = '2026-11-01', "
	                "accepted_until = '2026-11-15', accepted_hash = "
	                "'0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 4");
	report(f, "2026-11-23", "overdue_by_owner", "owner", &k);
	assert_string_equal(k.buf, "ana,bo"); /* two each; ana's worst is later */
	report(f, "2026-11-23", "overdue_by_owner", "risks", &k);
	assert_string_equal(k.buf, "R-2, R-1,R-4, R-3");
	report(f, "2026-11-23", "overdue_by_owner", "most_days", &k);
	assert_string_equal(k.buf, "13,8");
	report(f, "2026-11-23", "overdue_by_owner", "top_score", &k);
	assert_string_equal(k.buf, "4,20");
	/* the same as the headline's overdue */
	report(f, "2026-11-23", "headline", "this_week", &k);
	assert_string_equal(k.buf, "5,5,0,4,7");
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	struct capture k = {0};
	struct dk_report_sink sink = {on_section, on_row, &k, on_more};
	struct dk_error err = {0};

	assert_int_equal(dk_report_weekly(f->db, "2026-02-30", NULL, 20, &sink, &err), DK_EINPUT);
	assert_int_equal(dk_report_weekly(f->db, "2026-11-23", "Bad Team", 20, &sink, &err), DK_EINPUT);
	assert_int_equal(dk_report_weekly(f->db, "2026-11-23", NULL, -1, &sink, &err), DK_EINPUT);
	assert_int_equal(k.sections, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sections_in_order, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_headline_and_heatmap, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_decision_sections, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_limit, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_by_owner, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
