/* dk_audit_check and the schema guard: what the file proves beyond its
 * chain, and the writer that refuses a database whose triggers were
 * dropped. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/audit.h"
#include "docket/db.h"
#include "docket/schema.h"

struct seen {
	int n;
	char checks[16][16];
	char subjects[16][96];
	char findings[16][256];
};

static int collect(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct seen *s = ctx;

	(void)err;
	assert_int_equal(ncol, 4);
	if (s->n < 16) {
		snprintf(s->checks[s->n], sizeof s->checks[0], "%s", cells[0].text);
		snprintf(s->subjects[s->n], sizeof s->subjects[0], "%s", cells[2].text);
		snprintf(s->findings[s->n], sizeof s->findings[0], "%s", cells[3].text);
	}
	s->n++;
	return DK_OK;
}

static int found(const struct seen *s, const char *check, const char *subject, const char *words)
{
	for (int i = 0; i < s->n && i < 16; i++)
		if (strcmp(s->checks[i], check) == 0 && strcmp(s->subjects[i], subject) == 0 &&
		    strstr(s->findings[i], words) != NULL)
			return 1;
	return 0;
}

static struct seen check(struct fixture *f)
{
	struct dk_audit_result r;
	struct dk_error err = {0};
	struct seen s = {0};

	assert_int_equal(dk_audit_check(f->db, collect, &s, &r, &err), DK_OK);
	assert_int_equal(r.findings, s.n);
	return s;
}

static void test_expected_schema(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int problems = -1, audited = 0;

	(void)f;
	/* sorted, as the one-pass comparison needs */
	for (int i = 1; i < dk_expected_object_count; i++)
		assert_true(strcmp(dk_expected_objects[i - 1].name, dk_expected_objects[i].name) < 0);
	for (const char *const *t = dk_schema_audited_tables(); *t; t++)
		audited += strcmp(*t, "risk") == 0 || strcmp(*t, "audit_log") == 0 ? 1 : 0;
	assert_int_equal(audited, 1); /* risk is audited, the trail itself is not */
	assert_int_equal(dk_schema_check(f->db, NULL, NULL, &problems, &err), DK_OK);
	assert_int_equal(problems, 0);
}

static void test_intact(void **state)
{
	struct fixture *f = *state;
	struct seen s;

	fixture_person(f, "ana", "ml");
	fixture_exec(f, "UPDATE person SET name = 'Ana L' WHERE handle = 'ana'");
	s = check(f);
	assert_int_equal(s.n, 0);
}

static void test_edit_behind_a_dropped_trigger(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct seen s;

	fixture_person(f, "ana", "ml");
	fixture_drop_trigger(f, "person_audit_update");
	fixture_exec(f, "UPDATE person SET team = 'x' WHERE id = 1");
	s = check(f);
	assert_true(found(&s, "schema", "person_audit_update", "missing"));
	assert_true(found(&s, "record", "person 1", "outside the trail: team"));
	/* and the next write is refused before it writes anything */
	assert_int_equal(dk_db_begin(f->db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "trigger person_audit_update is missing"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE team = 'x'"), 1);
}

static void test_missing_and_deleted_records(void **state)
{
	struct fixture *f = *state;
	struct seen s;

	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	fixture_drop_trigger(f, "person_audit_delete");
	fixture_exec(f, "DELETE FROM person WHERE id = 2");
	fixture_drop_trigger(f, "person_audit_insert");
	fixture_exec(f, "INSERT INTO person (id, handle, name, uuid, created_at, created_by) VALUES (5, 'cy', 'Cy', "
	                "'00000000-0000-4000-8000-000000000000', '2026-01-01T00:00:00Z', 'x')");
	s = check(f);
	assert_true(found(&s, "record", "person 2", "deleted outside the trail"));
	assert_true(found(&s, "record", "person 5", "no audit row"));
	assert_false(found(&s, "record", "person 1", ""));
}

static void test_time_goes_backwards(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_result r;
	struct dk_error err = {0};

	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	fixture_drop_trigger(f, "audit_log_no_update");
	fixture_exec(f, "UPDATE audit_log SET at = '2001-01-01T00:00:00.000Z' WHERE seq = 2");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	/* the hash breaks first: the forger did not re-hash */
	assert_int_equal(r.broken_seq, 2);
	fixture_exec(f, "UPDATE audit_log SET hash = docket_sha256(seq || '|' || prev_hash || '|' || at "
	                "|| '|' || actor || '|' || action || '|' || entity || '|' || entity_id || '|' || row) "
	                "WHERE seq = 2");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 2);
	assert_non_null(strstr(r.reason, "earlier than row 1"));
}

static void test_audit_row_not_json(void **state)
{
	struct fixture *f = *state;
	struct seen s;

	fixture_person(f, "ana", "ml");
	fixture_drop_trigger(f, "audit_log_no_update");
	fixture_exec(f, "UPDATE audit_log SET row = '{not json' WHERE seq = 1");
	s = check(f);
	assert_true(found(&s, "record", "person 1", "not valid JSON"));
}

static void test_search_index(void **state)
{
	struct fixture *f = *state;
	struct seen s;

	fixture_exec(f, "INSERT INTO decision_fts (rowid, title, problem, drivers, options, rationale) "
	                "VALUES (7, 'ghost', '', '', '', '')");
	s = check(f);
	assert_true(found(&s, "search", "decision 7", "holds text no decision has"));
}

/* Every index: risks, evidence, reviews and contexts (migration 0012). */
static void test_every_search_index(void **state)
{
	struct fixture *f = *state;
	struct seen s;

	fixture_person(f, "ana", "ml");
	fixture_exec(f, "INSERT INTO evidence (uuid, kind, title, summary, collected_on, created_at, created_by) "
	                "VALUES (docket_uuid(), 'metric', 'p95', 'under budget', '2026-11-01', "
	                "'2026-11-01T00:00:00Z', 't')");
	s = check(f);
	assert_int_equal(s.n, 0);
	fixture_exec(f, "INSERT INTO risk_fts (rowid, title) VALUES (3, 'ghost');"
	                "UPDATE evidence_fts SET summary = 'over budget' WHERE rowid = 1;"
	                "INSERT INTO review_fts (rowid, notes) VALUES (2, 'ghost');"
	                "INSERT INTO context_fts (rowid, system) VALUES (4, 'ghost')");
	s = check(f);
	assert_true(found(&s, "search", "risk 3", "holds text no risk has"));
	assert_true(found(&s, "search", "evidence 1", "holds text no evidence has"));
	assert_true(found(&s, "search", "evidence 1", "is missing or stale for it"));
	assert_true(found(&s, "search", "review 2", "holds text no review has"));
	assert_true(found(&s, "search", "context 4", "holds text no context has"));
	assert_int_equal(s.n, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_expected_schema, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_intact, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_edit_behind_a_dropped_trigger, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_deleted_records, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_time_goes_backwards, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_audit_row_not_json, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_search_index, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_every_search_index, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
