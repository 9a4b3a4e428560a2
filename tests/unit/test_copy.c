/* test_copy.c: dk_copy between real SQLite files, the loads it runs
 * (dk_db_load_begin/end), and every refusal leaving the destination as it
 * was. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/audit.h"
#include "docket/copy.h"
#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/hash.h"
#include "docket/person.h"
#include "docket/review.h"
#include "docket/risk.h"
#include "docket/schema.h"
#include "docket/withdraw.h"

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

static int64_t add_decision(struct fixture *f, const char *title, int64_t review)
{
	struct dk_option_in opts[2] = {{"MLflow", NULL, 0, NULL, 0}, {"W&B", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_error err = {0};
	int64_t id = 0;

	in.title = title;
	in.area = "packaging";
	in.problem = "we need a model registry";
	in.options = opts;
	in.n_options = 2;
	in.chosen = "MLflow";
	in.rationale = "cheaper to run";
	in.review_id = review;
	if (dk_decision_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("decision: %s", err.msg);
	return id;
}

/* A register with a bit of everything a copy must keep: a generated column
 * (risk.score), a decision that supersedes a later one, a real that needs
 * 17 digits, a withdrawn review with its attendees (its rule refuses
 * them if it ran again), a deleted record, and the search indexes. */
static void populate(struct fixture *f)
{
	struct dk_review_in rv = {"2026-11-20", 0, "ana,bo", "reviewed the registry plan", NULL};
	struct dk_evidence_in ev = {"benchmark", "registry load test", "https://example.org/b", NULL,
	                            NULL, "2026-11-20", NULL, NULL, NULL};
	struct dk_error err = {0};
	int64_t review = 0, evidence = 0, gone = 0, r1, r2;

	fixture_owner(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	fixture_person(f, "cy", "ml");
	if (dk_review_add(f->db, &rv, &review, &err) != DK_OK ||
	    dk_evidence_add(f->db, &ev, &evidence, &err) != DK_OK)
		fail_msg("review or evidence: %s", err.msg);
	add_decision(f, "Registry on MLflow", review);
	add_decision(f, "Registry on W&B", 0);
	/* decision 1 names decision 2, a later row of its own table */
	fixture_exec(f, "UPDATE decision SET supersedes_id = 2 WHERE id = 1");
	r1 = add_risk(f, "registry outage blocks promotion");
	r2 = add_risk(f, "throwaway risk");
	assert_int_equal(r1, 1);
	assert_int_equal(r2, 2);
	fixture_exec(f, "INSERT INTO verification_step (uuid, risk_id, ordinal, check_text, metric,"
	                " op, threshold, created_at, created_by) VALUES (docket_uuid(), 1, 1,"
	                " 'outage minutes', 'outage_minutes', '<=', 0.1 + 0.2, docket_now(), 'tester')");
	fixture_exec(f, "INSERT INTO verification_result (uuid, step_id, value, result, recorded_on,"
	                " created_at, created_by) VALUES (docket_uuid(), 1, 0.1, 'pass', '2026-11-22',"
	                " docket_now(), 'tester')");
	/* a withdrawn review keeps its attendees, which its rule refuses to add */
	if (dk_review_add(f->db, &rv, &gone, &err) != DK_OK ||
	    dk_withdraw(f->db, DK_WITHDRAW_REVIEW, gone, "recorded twice", NULL, &err) != DK_OK)
		fail_msg("withdraw: %s", err.msg);
	fixture_exec(f, "DELETE FROM risk WHERE id = 2");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM verification_result"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review_attendee WHERE review_id = 2"), 2);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review WHERE withdrawn_at IS NOT NULL"), 1);
}

static void dest_path(struct fixture *f, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", f->dir, name);
}

static struct dk_db *open_db(const char *path)
{
	struct dk_db *db = NULL;
	struct dk_error err = {0};

	if (dk_store_open(path, 0, "tester", &db, &err) != DK_OK)
		fail_msg("open %s: %s", path, err.msg);
	return db;
}

static int64_t count_in(struct dk_db *db, const char *sql)
{
	struct dk_stmt *s = NULL;
	struct dk_error err = {0};
	int64_t v = -1;
	int found;

	if (dk_stmt_prepare_text(db, &s, sql, &err) != DK_OK ||
	    dk_stmt_one_int(s, &v, &found, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
	dk_stmt_finalize(&s);
	return v;
}

/* Every row of table equal in both, column by column, type and value
 * (generated columns too). */
static void assert_same_table(struct dk_db *a, struct dk_db *b, const char *table)
{
	struct dk_stmt *x = NULL, *y = NULL;
	struct dk_error err = {0};
	char sql[128];
	int rx, ry, rows = 0;

	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1", table);
	assert_int_equal(dk_stmt_prepare_text(a, &x, sql, &err), DK_OK);
	assert_int_equal(dk_stmt_prepare_text(b, &y, sql, &err), DK_OK);
	assert_int_equal(dk_col_count(x), dk_col_count(y));
	while ((rx = dk_stmt_step(x, &err)) == DK_ROW) {
		ry = dk_stmt_step(y, &err);
		assert_int_equal(ry, DK_ROW);
		for (int i = 0; i < dk_col_count(x); i++) {
			assert_int_equal(dk_col_type(x, i), dk_col_type(y, i));
			if (dk_col_type(x, i) == DK_COL_REAL)
				assert_true(dk_col_double(x, i) == dk_col_double(y, i));
			else if (dk_col_type(x, i) != DK_COL_NULL)
				assert_string_equal(dk_col_text(x, i), dk_col_text(y, i));
		}
		rows++;
	}
	assert_int_equal(rx, DK_DONE);
	assert_int_equal(dk_stmt_step(y, &err), DK_DONE);
	dk_stmt_finalize(&x);
	dk_stmt_finalize(&y);
}

static void assert_verifies(struct dk_db *db)
{
	struct dk_audit_result r;
	struct dk_error err = {0};

	assert_int_equal(dk_audit_check(db, NULL, NULL, &r, &err), DK_OK);
	assert_int_equal(r.findings, 0);
}

/* The file's bytes, hashed: a refused copy must not change them. */
static void file_hash(const char *path, char out[DK_SHA256_HEX])
{
	struct dk_error err = {0};
	int64_t size;

	if (dk_sha256_file(path, out, &size, &err) != DK_OK)
		fail_msg("%s", err.msg);
}

/* Every table the trail covers is copied, audit_log last, each after the
 * tables its foreign keys name. */
static void test_tables(void **state)
{
	struct fixture *f = *state;
	const char *const *t = dk_copy_tables();
	int n = 0, covered = 0;

	for (; t[n]; n++) {
		struct dk_stmt *s = NULL;
		struct dk_error err = {0};

		assert_int_equal(dk_stmt_prepare(f->db, &s,
		                                 "SELECT \"table\" FROM pragma_foreign_key_list(:t)", &err),
		                 DK_OK);
		dk_bind_text(s, ":t", t[n]);
		while (dk_stmt_step(s, &err) == DK_ROW) {
			int before = 0;
			for (int j = 0; j <= n; j++)
				before |= strcmp(t[j], dk_col_text(s, 0)) == 0;
			if (!before)
				fail_msg("%s is copied before %s, which it names", t[n], dk_col_text(s, 0));
		}
		dk_stmt_finalize(&s);
	}
	assert_string_equal(t[n - 1], "audit_log");
	assert_true(n <= DK_COPY_MAX_TABLES);
	for (const char *const *a = dk_schema_audited_tables(); *a; a++, covered++) {
		int in = 0;
		for (int j = 0; j < n; j++)
			in |= strcmp(t[j], *a) == 0;
		if (!in)
			fail_msg("the trail covers %s and a copy leaves it out", *a);
	}
	assert_int_equal(covered + 1, n); /* and nothing else */
}

static void test_copy(void **state)
{
	struct fixture *f = *state;
	struct dk_copy_result r;
	struct dk_audit_result want;
	struct dk_error err = {0};
	struct dk_person p = {.handle = "dee", .name = "Dee Ng"};
	struct dk_db *dst;
	char to[320];
	int64_t id = 0, seen = 0;

	populate(f);
	assert_int_equal(dk_audit_check(f->db, NULL, NULL, &want, &err), DK_OK);
	assert_int_equal(want.findings, 0);
	dest_path(f, "copy.db", to, sizeof to);
	assert_int_equal(dk_copy(f->path, to, "tester", &r, &err), DK_OK);

	assert_int_equal(r.audit_rows, fixture_int(f, "SELECT count(*) FROM audit_log"));
	assert_int_equal(r.head_seq, want.head_seq);
	assert_string_equal(r.head, want.head);
	assert_int_equal(r.ntables, 19);
	dst = open_db(to);
	for (int i = 0; i < r.ntables; i++) {
		char sql[128];

		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", r.tables[i].table);
		assert_int_equal(r.tables[i].rows, count_in(dst, sql));
		assert_int_equal(r.tables[i].rows, count_in(f->db, sql));
		if (strcmp(r.tables[i].table, "audit_log") != 0)
			seen += r.tables[i].rows;
		assert_same_table(f->db, dst, r.tables[i].table);
	}
	assert_int_equal(seen, r.records);
	assert_int_equal(count_in(dst, "SELECT score FROM risk WHERE id = 1"), 6);
	assert_int_equal(count_in(dst, "SELECT supersedes_id FROM decision WHERE id = 1"), 2);
	/* the triggers came back as they were, and the search finds what was copied */
	assert_verifies(dst);
	assert_int_equal(count_in(dst, "SELECT count(*) FROM risk_fts WHERE risk_fts MATCH 'outage'"), 1);
	assert_int_equal(count_in(dst, "SELECT count(*) FROM decision_fts WHERE decision_fts MATCH 'mlflow'"), 2);
	assert_int_equal(count_in(dst, "SELECT count(*) FROM review_fts WHERE review_fts MATCH 'registry'"), 2);
	assert_int_equal(count_in(dst, "SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH 'load'"), 1);
	/* and fire: the next write is audited after the copied head, with a new id */
	assert_int_equal(dk_person_add(dst, &p, &id, &err), DK_OK);
	assert_int_equal(id, fixture_int(f, "SELECT max(id) FROM person") + 1);
	assert_int_equal(count_in(dst, "SELECT max(seq) FROM audit_log"), want.head_seq + 1);
	assert_verifies(dst);
	/* the source was only read */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), want.rows);
	dk_db_close(dst);
}

static void test_copy_empty(void **state)
{
	struct fixture *f = *state;
	struct dk_copy_result r;
	struct dk_error err = {0};
	char to[320];

	dest_path(f, "empty.db", to, sizeof to);
	assert_int_equal(dk_copy(f->path, to, "tester", &r, &err), DK_OK);
	assert_int_equal(r.records, 0);
	assert_int_equal(r.audit_rows, 0);
	assert_string_equal(r.head, "");
	assert_int_equal(access(to, F_OK), 0);
}

/* Into a docket database that holds no record yet (docket init made it):
 * allowed; once it holds one, refused and left as it was. */
static void test_into_existing(void **state)
{
	struct fixture *f = *state;
	struct dk_copy_result r;
	struct dk_error err = {0};
	struct dk_db *db = NULL;
	char to[320], before[DK_SHA256_HEX], after[DK_SHA256_HEX];

	populate(f);
	dest_path(f, "init.db", to, sizeof to);
	assert_int_equal(dk_store_open(to, DK_OPEN_CREATE, "tester", &db, &err), DK_OK);
	dk_db_close(db);
	assert_int_equal(dk_copy(f->path, to, "tester", &r, &err), DK_OK);
	assert_true(r.records > 0);
	file_hash(to, before);
	assert_int_equal(dk_copy(f->path, to, "tester", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "already holds records (3 in person)"));
	file_hash(to, after);
	assert_string_equal(before, after);
	assert_int_equal(r.ntables, 0);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct dk_copy_result r;
	struct dk_error err = {0};
	struct dk_db *old = NULL;
	char to[320], old_path[320], text[320], before[DK_SHA256_HEX], after[DK_SHA256_HEX];
	FILE *t;

	populate(f);
	dest_path(f, "never.db", to, sizeof to);
	assert_int_equal(dk_copy(f->path, f->path, "tester", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "are the same"));
	assert_int_equal(dk_copy("", to, "tester", &r, &err), DK_EINPUT);
	assert_int_equal(dk_copy(f->path, NULL, "tester", &r, &err), DK_EINPUT);

	/* not a docket database: its bytes stay */
	dest_path(f, "notes.txt", text, sizeof text);
	assert_non_null(t = fopen(text, "w"));
	fputs("meeting notes\n", t);
	fclose(t);
	file_hash(text, before);
	assert_int_equal(dk_copy(f->path, text, "tester", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is not an empty docket database"));
	file_hash(text, after);
	assert_string_equal(before, after);

	/* an older source: migrate it first */
	dest_path(f, "old.db", old_path, sizeof old_path);
	assert_int_equal(dk_store_create_at(old_path, 13, "tester", &old, &err), DK_OK);
	dk_db_close(old);
	assert_int_equal(dk_copy(old_path, to, "tester", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is at schema version 13"));
	assert_non_null(strstr(err.msg, "migrate it first"));
	assert_int_equal(access(to, F_OK), -1);

	/* a source that does not verify: a record changed behind the trail */
	fixture_drop_trigger(f, "person_audit_update");
	fixture_exec(f, "UPDATE person SET name = 'Someone Else' WHERE handle = 'bo'");
	assert_int_equal(dk_copy(f->path, to, "tester", &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "does not verify (2 findings; the first: schema: "
	                                "person_audit_update: the trigger is missing"));
	assert_int_equal(access(to, F_OK), -1);
	assert_int_equal(r.ntables, 0);
}

/* The load itself: no trigger fires between begin and end, they are all
 * back after it, and a rollback or a commit that skips the end undoes it. */
static void test_load(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int problems = -1;

	fixture_person(f, "ana", "ml");
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_EDB); /* no transaction */
	assert_int_equal(dk_db_load_end(f->db, &err), DK_EDB);

	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_EDB); /* no nesting */
	fixture_exec(f, "INSERT INTO person (id, uuid, handle, name, created_at, created_by) VALUES"
	                " (7, docket_uuid(), 'zed', 'Zed', '2026-01-01T00:00:00Z', 'x')");
	fixture_exec(f, "UPDATE person SET name = 'Ana L' WHERE handle = 'ana'");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 0);
	assert_int_equal(dk_db_load_end(f->db, &err), DK_OK);
	assert_int_equal(dk_schema_check(f->db, NULL, NULL, &problems, &err), DK_OK);
	assert_int_equal(problems, 0);
	dk_db_rollback(f->db);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 1);

	/* a rollback in the middle brings the triggers back */
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_OK);
	dk_db_rollback(f->db);
	assert_int_equal(dk_schema_check(f->db, NULL, NULL, &problems, &err), DK_OK);
	assert_int_equal(problems, 0);

	/* a commit before the end is refused and rolls back */
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_OK);
	fixture_exec(f, "INSERT INTO person (id, uuid, handle, name, created_at, created_by) VALUES"
	                " (8, docket_uuid(), 'yan', 'Yan', '2026-01-01T00:00:00Z', 'x')");
	assert_int_equal(dk_db_commit(f->db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "not ended"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 1);
	assert_int_equal(dk_schema_check(f->db, NULL, NULL, &problems, &err), DK_OK);
	assert_int_equal(problems, 0);
	assert_verifies(f->db);

	/* an end that fails rolls the transaction back: no trigger stays dropped */
	fixture_exec(f, "CREATE VIRTUAL TABLE stray_fts USING fts5(words)");
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_end(f->db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "no view stray_fts_source"));
	assert_int_equal(dk_db_commit(f->db, &err), DK_EDB); /* nothing left to commit */
	assert_int_equal(dk_schema_check(f->db, NULL, NULL, &problems, &err), DK_OK);
	assert_int_equal(problems, 0);
	fixture_exec(f, "DROP TABLE stray_fts");

	/* a load's foreign keys hold at the commit */
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_int_equal(dk_db_load_begin(f->db, &err), DK_OK);
	fixture_exec(f, "INSERT INTO policy (uuid, team, appetite, grace_days, acceptance_days,"
	                " default_due_days, escalate_to, created_at, created_by) VALUES (docket_uuid(),"
	                " 'ml', 9, 7, 90, 30, 99, '2026-01-01T00:00:00Z', 'x')");
	assert_int_equal(dk_db_load_end(f->db, &err), DK_OK);
	assert_int_not_equal(dk_db_commit(f->db, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM policy"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tables, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_copy, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_copy_empty, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_into_existing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_load, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
