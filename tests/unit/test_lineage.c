/* Lineage: the edge view and the walk's bounds. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/lineage.h"

#define NOW "'2026-11-23T09:00:00Z'"

/* CTX-1 <- CTX-2 <- BP-1 <- D-1 -> EV-1; D-1 <- R-1 <- VS-1 -> EV-2; RV-1 -> BP-1 */
static void graph(struct fixture *f)
{
	fixture_person(f, "ana", "ml");
	fixture_exec(f, "INSERT INTO context (uuid, system, revision, owner_id, problem, created_at, created_by) "
	                "VALUES (docket_uuid(), 'fraud', 1, 1, 'online', " NOW ", 't')");
	fixture_exec(f, "INSERT INTO context (uuid, system, revision, supersedes_id, owner_id, problem, created_at, created_by) "
	                "VALUES (docket_uuid(), 'fraud', 2, 1, 1, 'online', " NOW ", 't')");
	fixture_exec(f, "INSERT INTO blueprint (uuid, context_id, source, generator_version, catalog_sha256, body_md, "
	                "body_json, body_sha256, created_at, created_by) VALUES (docket_uuid(), 2, 'generated', '0.1.0', "
	                "docket_sha256('catalog'), '# plan', '{}', docket_sha256('# plan'), " NOW ", 't')");
	fixture_exec(f, "INSERT INTO review (uuid, held_on, blueprint_id, created_at, created_by) "
	                "VALUES (docket_uuid(), '2026-11-20', 1, " NOW ", 't')");
	fixture_exec(f, "INSERT INTO decision (uuid, title, area, problem, rationale, blueprint_id, review_id, created_at, created_by) "
	                "VALUES (docket_uuid(), 'Track with MLflow', 'training', 'tracking', 'self-hosted', 1, 1, " NOW ", 't')");
	fixture_exec(f, "INSERT INTO evidence (uuid, kind, title, uri, sha256, size_bytes, collected_on, created_at, created_by) "
	                "VALUES (docket_uuid(), 'benchmark', 'load test', 'file:///b.json', docket_sha256('b'), 1, '2026-11-19', " NOW ", 't')");
	fixture_exec(f, "INSERT INTO evidence (uuid, kind, title, collected_on, created_at, created_by) "
	                "VALUES (docket_uuid(), 'metric', 'p95 dashboard', '2026-11-19', " NOW ", 't')");
	fixture_exec(f, "INSERT INTO decision_evidence (uuid, decision_id, evidence_id, stance, created_at, created_by) "
	                "VALUES (docket_uuid(), 1, 1, 'supports', " NOW ", 't')");
	fixture_exec(f, "INSERT INTO risk (uuid, title, likelihood, impact, owner_id, due_on, decision_id, created_at, created_by) "
	                "VALUES (docket_uuid(), 'tracking server down', 2, 3, 1, '2026-12-01', 1, " NOW ", 't')");
	fixture_exec(f, "INSERT INTO verification_step (uuid, risk_id, ordinal, check_text, metric, op, threshold, created_at, created_by) "
	                "VALUES (docket_uuid(), 1, 1, 'uptime over a month', 'uptime', '>=', 0.99, " NOW ", 't')");
	fixture_exec(f, "INSERT INTO verification_result (uuid, step_id, value, result, evidence_id, recorded_on, created_at, created_by) "
	                "VALUES (docket_uuid(), 1, 0.995, 'pass', 2, '2026-11-21', " NOW ", 't')");
}

struct seen {
	int n;
	char keys[64][32];
	char dirs[64][8];
	long depth[64];
	char detail[64][200];
};

static int collect(void *ctx, int ncol, const struct dk_cell *c, struct dk_error *err)
{
	struct seen *s = ctx;

	(void)err;
	assert_int_equal(ncol, 8);
	assert_true(s->n < 64);
	snprintf(s->keys[s->n], 32, "%s", c[2].text);
	snprintf(s->dirs[s->n], 8, "%s", c[0].text);
	s->depth[s->n] = strtol(c[1].text, NULL, 10);
	snprintf(s->detail[s->n], 200, "%s", c[7].text ? c[7].text : "");
	s->n++;
	return DK_OK;
}

static int has(const struct seen *s, const char *dir, const char *key, long depth)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->keys[i], key) && !strcmp(s->dirs[i], dir) && s->depth[i] == depth)
			return 1;
	return 0;
}

static void test_up_from_risk(void **state)
{
	struct fixture *f = *state;
	struct dk_lineage_query q = {"R-1", DK_LINEAGE_UP, 6, 200};
	struct dk_lineage_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};

	graph(f);
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	assert_true(has(&s, "root", "R-1", 0));
	assert_true(has(&s, "up", "D-1", 1));
	assert_true(has(&s, "up", "BP-1", 2));
	assert_true(has(&s, "up", "RV-1", 2));
	assert_true(has(&s, "up", "EV-1", 2));
	assert_true(has(&s, "up", "CTX-2", 3));
	assert_true(has(&s, "up", "CTX-1", 4));
	assert_false(has(&s, "up", "VS-1", 1)); /* below it, not above */
	assert_int_equal(sum.shown, s.n);
	assert_int_equal(sum.found, s.n);
	/* depth first: a node's children come right after it */
	for (int i = 0; i < s.n; i++)
		if (!strcmp(s.keys[i], "CTX-2"))
			assert_string_equal(s.keys[i + 1], "CTX-1");
	/* hashes and versions ride along */
	for (int i = 0; i < s.n; i++) {
		if (!strcmp(s.keys[i], "BP-1"))
			assert_non_null(strstr(s.detail[i], "docket 0.1.0"));
		if (!strcmp(s.keys[i], "EV-1"))
			assert_non_null(strstr(s.detail[i], "file:///b.json"));
	}
}

static void test_down_from_evidence(void **state)
{
	struct fixture *f = *state;
	struct dk_lineage_query q = {"EV-2", DK_LINEAGE_DOWN, 6, 200};
	struct dk_lineage_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};

	graph(f);
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	assert_true(has(&s, "down", "VS-1", 1));
	assert_int_equal(s.n, 2); /* the step rests on it; nothing rests on the step */
	memset(&s, 0, sizeof s);
	q.key = "CTX-1";
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	assert_true(has(&s, "down", "CTX-2", 1));
	assert_true(has(&s, "down", "BP-1", 2));
	assert_true(has(&s, "down", "D-1", 3));
	assert_true(has(&s, "down", "R-1", 4));
	assert_true(has(&s, "down", "VS-1", 5));
}

static void test_bounds(void **state)
{
	struct fixture *f = *state;
	struct dk_lineage_query q = {"CTX-1", DK_LINEAGE_BOTH, 2, 200};
	struct dk_lineage_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};

	graph(f);
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	for (int i = 0; i < s.n; i++)
		assert_true(s.depth[i] <= 2);
	assert_int_equal(sum.deepest, 2);
	memset(&s, 0, sizeof s);
	q.depth = 6;
	q.max_nodes = 2;
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	assert_int_equal(s.n, 3); /* the root and two more */
	assert_true(sum.found > sum.shown);
	q.max_nodes = 0;
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_EINPUT);
	q.max_nodes = 10;
	q.depth = DK_LINEAGE_MAX_DEPTH + 1;
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--depth"));
}

static void test_refused_keys(void **state)
{
	struct fixture *f = *state;
	struct dk_lineage_query q = {"R-9", DK_LINEAGE_UP, 6, 200};
	struct dk_lineage_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};

	graph(f);
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no risk R-9");
	q.key = "7";
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is not a typed key"));
	q.key = "ST-1";
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "has no lineage of its own"));
	assert_int_equal(s.n, 0);
}

static void test_no_cycles(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};

	graph(f);
	/* a revision must supersede an older row, so a cycle cannot be written */
	assert_int_equal(dk_db_exec(f->db, "UPDATE context SET supersedes_id = 2 WHERE id = 1", &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, fixture_on_pg(f) ? "violates check constraint" : "CHECK constraint failed"));
}

static void test_walk_ends_on_a_forged_cycle(void **state)
{
	struct fixture *f = *state;
	struct dk_lineage_query q = {"D-1", DK_LINEAGE_UP, 50, 1000};
	struct dk_lineage_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};

	graph(f);
	/* decisions may supersede either way; forge a loop D-1 <-> D-2 */
	fixture_exec(f, "INSERT INTO decision (uuid, title, area, problem, rationale, supersedes_id, created_at, created_by) "
	                "VALUES (docket_uuid(), 'B', 'data', 'p', 'r', 1, " NOW ", 't')");
	fixture_exec(f, "UPDATE decision SET supersedes_id = 2 WHERE id = 1");
	q.max_nodes = 60;
	assert_int_equal(dk_lineage(f->db, &q, collect, &s, &sum, &err), DK_OK);
	assert_true(sum.deepest <= 50); /* bounded by the depth, and it ended */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_up_from_risk, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_down_from_evidence, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bounds, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refused_keys, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_no_cycles, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_walk_ends_on_a_forged_cycle, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
