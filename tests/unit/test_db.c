/* Opening, creating and versioning the database file. */
#include "support.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/audit.h"
#include "docket/migrate.h"

static int count_row(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	int *n = ctx;

	(void)err;
	assert_int_equal(ncol, 5);
	assert_string_equal(cells[4].text, "same");
	assert_int_equal(strlen(cells[2].text), 64);
	(*n)++;
	return DK_OK;
}

static void test_created_state(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	int version = 0, rows = 0;
	struct dk_error err = {0};

	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(dk_db_user_version(f->db, &version, &err), DK_OK);
	assert_int_equal(version, dk_migrate_latest());
	assert_int_equal(fixture_int(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(dk_db_busy_timeout(f->db), DK_DB_BUSY_TIMEOUT_MS);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(dk_migrate_status(f->db, count_row, &rows, &err), DK_OK);
	assert_int_equal(rows, dk_migration_count);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

static void test_create_refuses_existing(void **state)
{
	struct fixture *f = *state;
	struct dk_db *db = NULL;
	struct dk_error err = {0};

	assert_int_equal(dk_db_open(f->path, DK_OPEN_CREATE, "x", &db, &err), DK_EINPUT);
	assert_null(db);
	assert_non_null(strstr(err.msg, "File exists"));
}

static void test_missing_and_foreign_files(void **state)
{
	struct fixture *f = *state;
	struct dk_db *db = NULL;
	struct dk_error err = {0};
	char path[400];
	FILE *fp;

	snprintf(path, sizeof path, "%s/nope.db", f->dir);
	assert_int_equal(dk_db_open(path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "docket init"));
	assert_int_equal(access(path, F_OK), -1); /* not created by accident */

	snprintf(path, sizeof path, "%s/text.db", f->dir);
	fp = fopen(path, "w");
	fputs("this is not a database, just some text that is long enough to be a header.....\n", fp);
	fclose(fp);
	assert_int_equal(dk_db_open(path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "not a docket database"));
}

static void set_version(struct fixture *f, int v)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	fixture_exec(f, sql);
}

static void test_version_checks(void **state)
{
	struct fixture *f = *state;
	struct dk_db *db = NULL;
	struct dk_error err = {0};
	int latest = dk_migrate_latest();

	set_version(f, latest + 1);
	assert_int_equal(dk_db_open(f->path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "newer than this docket"));
	assert_int_equal(dk_db_open(f->path, DK_OPEN_ANY_VERSION, "x", &db, &err), DK_EDB);
	assert_null(db);

	set_version(f, latest - 1);
	assert_int_equal(dk_db_open(f->path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "run 'docket migrate'"));
	assert_int_equal(dk_db_open(f->path, DK_OPEN_ANY_VERSION, "x", &db, &err), DK_OK);
	dk_db_close(db);
	set_version(f, latest);
	assert_int_equal(dk_db_open(f->path, 0, "x", &db, &err), DK_OK);
	dk_db_close(db);
}

static void test_migrate_with_backup(void **state)
{
	struct fixture *f = *state;
	struct dk_db *db = NULL, *bk = NULL;
	struct dk_error err = {0};
	struct dk_audit_result res;
	char path[400], backup[420];
	int applied = -1, version = 0, latest = dk_migrate_latest();
	struct stat st;

	snprintf(path, sizeof path, "%s/old.db", f->dir);
	snprintf(backup, sizeof backup, "%s.bak", path);
	assert_int_equal(dk_db_create_at(path, 1, "x", &db, &err), DK_OK);
	/* a person as a docket of schema 1 wrote it (today's code writes today's columns) */
	assert_int_equal(sqlite3_exec(dk_db_sqlite(db),
	                              "INSERT INTO person (uuid, handle, name, team, created_at, created_by) "
	                              "VALUES (docket_uuid(), 'ana', 'Ana', 'ml', '2026-01-01T00:00:00Z', 'x')",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(dk_migrate_up(db, backup, &applied, &err), DK_OK);
	assert_int_equal(applied, dk_migration_count - 1);
	assert_int_equal(dk_db_user_version(db, &version, &err), DK_OK);
	assert_int_equal(version, latest);
	assert_int_equal(dk_audit_verify(db, &res, &err), DK_OK);
	assert_int_equal(res.broken_seq, 0);
	assert_int_equal(res.rows, 1);
	dk_db_close(db);
	if (latest == 1) {
		/* nothing to apply: no backup is written */
		assert_int_equal(access(backup, F_OK), -1);
		return;
	}
	assert_int_equal(stat(backup, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(dk_db_open(backup, DK_OPEN_ANY_VERSION, "x", &bk, &err), DK_OK);
	assert_int_equal(dk_db_user_version(bk, &version, &err), DK_OK);
	assert_int_equal(version, 1);
	dk_db_close(bk);
	/* a second run has nothing to do */
	assert_int_equal(dk_db_open(path, 0, "x", &db, &err), DK_OK);
	assert_int_equal(dk_migrate_up(db, backup, &applied, &err), DK_OK);
	assert_int_equal(applied, 0);
	dk_db_close(db);
}

static void test_transactions(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};

	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	fixture_exec(f, "INSERT INTO person (uuid, handle, name, created_at, created_by) VALUES "
	                "(docket_uuid(), 'temp', 'T', strftime('%Y-%m-%dT%H:%M:%SZ','now'), docket_actor())");
	dk_db_rollback(f->db);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 0);
	dk_db_rollback(f->db); /* safe outside a transaction */
	/* the database itself refuses a bad row, whoever writes it */
	assert_int_equal(dk_db_exec(f->db, "INSERT INTO person (uuid, handle, name, created_at, created_by) "
	                                   "VALUES (docket_uuid(), 'BAD HANDLE', 'T', '2026-01-01T00:00:00Z', 'x')",
	                            &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "CHECK constraint failed"));
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A second writer waits out its busy timeout, then fails saying so, and
 * gets the lock once the first writer has committed. */
static void test_busy_timeout(void **state)
{
	struct fixture *f = *state;
	struct dk_db *other = NULL;
	struct dk_error err = {0};
	int64_t start, waited;

	assert_int_equal(dk_db_open(f->path, 0, "other", &other, &err), DK_OK);
	dk_db_set_busy_timeout(other, 200);
	assert_int_equal(dk_db_busy_timeout(other), 200);
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	start = now_ms();
	assert_int_equal(dk_db_begin(other, &err), DK_EDB);
	waited = now_ms() - start;
	assert_true(waited >= 200);
	assert_true(waited < 5000);
	assert_non_null(strstr(err.msg, "database is locked"));
	assert_non_null(strstr(err.msg, "busy timeout (200 ms; DOCKET_BUSY_TIMEOUT sets it)"));
	/* a timeout of 0 does not wait at all */
	dk_db_set_busy_timeout(other, 0);
	start = now_ms();
	assert_int_equal(dk_db_begin(other, &err), DK_EDB);
	assert_true(now_ms() - start < 100);
	assert_int_equal(dk_db_commit(f->db, &err), DK_OK);
	assert_int_equal(dk_db_begin(other, &err), DK_OK);
	assert_int_equal(dk_db_commit(other, &err), DK_OK);
	dk_db_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_created_state, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_existing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_foreign_files, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_version_checks, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_with_backup, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_transactions, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_busy_timeout, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
