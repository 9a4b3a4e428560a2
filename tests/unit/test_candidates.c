/* Completion lookups: keys by what was typed, handles, teams, tags, and
 * the person an actor names. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/candidates.h"
#include "docket/person.h"

/* The first cells of the rows, comma-separated; labels of the first row. */
struct got {
	char keys[8192];
	char label[256];
	int rows;
};

static int collect(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct got *g = arg;
	size_t n = strlen(g->keys);

	(void)err;
	snprintf(g->keys + n, sizeof g->keys - n, "%s%s", n ? "," : "", cells[0].text);
	if (g->rows++ == 0 && ncol > 1)
		snprintf(g->label, sizeof g->label, "%s", cells[1].text ? cells[1].text : "");
	return DK_OK;
}

static struct got keys(struct fixture *f, const char *kind, const char *prefix, int limit)
{
	struct got g = {{0}, {0}, 0};
	struct dk_error err = {0};

	if (dk_candidates_keys(f->db, kind, prefix, limit, collect, &g, &err) != DK_OK)
		fail_msg("lookup %s '%s': %s", kind, prefix, err.msg);
	return g;
}

/* 150 risks: R-1 .. R-150, titled "risk N". */
static void add_risks(struct fixture *f)
{
	fixture_person(f, "ana", "ml");
	fixture_exec(f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
	                "INSERT INTO risk (uuid, title, likelihood, impact, owner_id, due_on, created_at, "
	                "created_by) SELECT docket_uuid(), 'risk ' || i, 1, 1, 1, '2026-12-01', "
	                "'2026-11-23T00:00:00Z', 'tester' FROM n");
}

static void test_keys(void **state)
{
	struct fixture *f = *state;
	struct got g;
	struct dk_error err = {0};

	add_risks(f);
	/* the number itself, then the ten after it, then the hundred (newest first in each) */
	g = keys(f, "risk", "R-1", 5);
	assert_string_equal(g.keys, "R-1,R-19,R-18,R-17,R-16");
	assert_string_equal(g.label, "risk 1");
	g = keys(f, "risk", "1", 200);
	assert_int_equal(g.rows, 1 + 10 + 51);
	g = keys(f, "risk", "r-15", 200);
	assert_string_equal(g.keys, "R-15,R-150");
	g = keys(f, "risk", "150", 200);
	assert_string_equal(g.keys, "R-150");
	/* nothing typed, or only the kind: the newest */
	g = keys(f, "risk", "", 3);
	assert_string_equal(g.keys, "R-150,R-149,R-148");
	g = keys(f, "risk", "R-", 2);
	assert_string_equal(g.keys, "R-150,R-149");
	g = keys(f, "risk", "r", 1);
	assert_string_equal(g.keys, "R-150");
	/* what can start no risk key */
	static const char *const none[] = {"RV-1", "D-1", "0",  "R-01", "R-1x",
	                                   "x",    "-1",  "R--1", "R-99999999999999999999"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		g = keys(f, "risk", none[i], 200);
		if (g.rows != 0)
			fail_msg("'%s' gave %s", none[i], g.keys);
	}
	/* another kind's table */
	g = keys(f, "decision", "", 200);
	assert_int_equal(g.rows, 0);
	/* any kind: R and RV both start with R; nothing typed shares the limit */
	fixture_exec(f, "INSERT INTO review (uuid, held_on, created_at, created_by) VALUES "
	                "(docket_uuid(), '2026-11-20', '2026-11-23T00:00:00Z', 'tester')");
	g = keys(f, "key", "R", 3);
	assert_string_equal(g.keys, "R-150,R-149,R-148");
	g = keys(f, "key", "RV", 200);
	assert_string_equal(g.keys, "RV-1");
	assert_string_equal(g.label, "held 2026-11-20");
	g = keys(f, "key", "", 18);
	assert_non_null(strstr(g.keys, "RV-1"));
	assert_int_equal(g.rows, 3);
	g = keys(f, "key", "12", 200);
	assert_int_equal(g.rows, 0);
	assert_int_equal(dk_candidates_keys(f->db, "rsk", "", 10, collect, &g, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'rsk' is not a kind of record"));
}

static void test_people_teams_tags(void **state)
{
	struct fixture *f = *state;
	struct got g = {{0}, {0}, 0};
	struct dk_error err = {0};

	fixture_person(f, "ana", "ml");
	fixture_person(f, "amy", "ml");
	fixture_person(f, "bo", "ops");
	fixture_person(f, "cy", NULL);
	fixture_policy(f, "data", "ana");
	assert_int_equal(dk_candidates_handles(f->db, "A", 200, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "amy,ana");
	assert_string_equal(g.label, "Test Person, ml");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_handles(f->db, "", 2, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "amy,ana");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_teams(f->db, "", 200, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "data,ml,ops");
	assert_string_equal(g.label, "0 people, policy");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_teams(f->db, "m", 200, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "ml");
	assert_string_equal(g.label, "2 people");
	fixture_exec(f, "INSERT INTO decision (uuid, title, area, problem, rationale, tags, created_at, "
	                "created_by) VALUES "
	                "(docket_uuid(), 'a', 'data', 'p', 'r', '[\"infra\",\"serving\"]', "
	                " '2026-11-23T00:00:00Z', 't'), "
	                "(docket_uuid(), 'b', 'data', 'p', 'r', '[\"serving\"]', '2026-11-23T00:00:00Z', 't'), "
	                "(docket_uuid(), 'c', 'data', 'p', 'r', '[]', '2026-11-23T00:00:00Z', 't')");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_tags(f->db, "", 200, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "infra,serving");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_tags(f->db, "se", 200, collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "serving");
	assert_string_equal(g.label, "2 decisions");
}

static void test_person(void **state)
{
	struct fixture *f = *state;
	struct dk_person ana = {.handle = "ana", .name = "Ana Lima", .team = "ml", .login = "alima"};
	struct got g = {{0}, {0}, 0};
	struct dk_error err = {0};

	assert_int_equal(dk_person_add(f->db, &ana, NULL, &err), DK_OK);
	assert_int_equal(dk_candidates_person(f->db, " ANA ", collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "ana");
	assert_string_equal(g.label, "Ana Lima");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_person(f->db, "ALima", collect, &g, &err), DK_OK);
	assert_string_equal(g.keys, "ana");
	memset(&g, 0, sizeof g);
	assert_int_equal(dk_candidates_person(f->db, "root", collect, &g, &err), DK_OK);
	assert_int_equal(g.rows, 0);
}

/* matched_by says whether the handle or the login matched. */
static int matched(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)err;
	for (int i = 0; i < ncol; i++)
		if (strcmp(cells[i].name, "matched_by") == 0)
			snprintf(arg, 16, "%s", cells[i].text);
	return DK_OK;
}

static void test_matched_by(void **state)
{
	struct fixture *f = *state;
	struct dk_person ana = {.handle = "ana", .name = "Ana Lima", .login = "alima"};
	struct dk_error err = {0};
	char by[16] = "";

	assert_int_equal(dk_person_add(f->db, &ana, NULL, &err), DK_OK);
	assert_int_equal(dk_candidates_person(f->db, "Ana", matched, by, &err), DK_OK);
	assert_string_equal(by, "handle");
	assert_int_equal(dk_candidates_person(f->db, "ALIMA", matched, by, &err), DK_OK);
	assert_string_equal(by, "login");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_keys, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_people_teams_tags, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_person, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_matched_by, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
