/* Opening, creating and versioning the database file. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/audit.h"
#include "docket/migrate.h"
#include "docket/person.h"
#include "sqlite/sqlite_backend.h"

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
	assert_int_equal(dk_db_schema_version(f->db, &version, &err), DK_OK);
	assert_int_equal(version, dk_migrate_latest());
	assert_int_equal(fixture_int(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(dk_db_busy_timeout(f->db), DK_DB_BUSY_TIMEOUT_MS);
	assert_int_equal(fixture_int(f, dk_db_wal_reset_fixed(sqlite3_libversion_number())
	                                        ? "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"
	                                        : "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"),
	                 1);
	assert_int_equal(dk_migrate_status(f->db, count_row, &rows, &err), DK_OK);
	assert_int_equal(rows, dk_migration_count);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

static void test_create_refuses_existing(void **state)
{
	struct fixture *f = *state;
	struct dk_db *db = NULL;
	struct dk_error err = {0};

	assert_int_equal(dk_store_open(f->path, DK_OPEN_CREATE, "x", &db, &err), DK_EINPUT);
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
	assert_int_equal(dk_store_open(path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "docket init"));
	assert_int_equal(access(path, F_OK), -1); /* not created by accident */

	snprintf(path, sizeof path, "%s/text.db", f->dir);
	fp = fopen(path, "w");
	fputs("this is not a database, just some text that is long enough to be a header.....\n", fp);
	fclose(fp);
	assert_int_equal(dk_store_open(path, 0, "x", &db, &err), DK_EDB);
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
	assert_int_equal(dk_store_open(f->path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "newer than this docket"));
	assert_int_equal(dk_store_open(f->path, DK_OPEN_ANY_VERSION, "x", &db, &err), DK_EDB);
	assert_null(db);

	set_version(f, latest - 1);
	assert_int_equal(dk_store_open(f->path, 0, "x", &db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "run 'docket migrate'"));
	assert_int_equal(dk_store_open(f->path, DK_OPEN_ANY_VERSION, "x", &db, &err), DK_OK);
	dk_db_close(db);
	set_version(f, latest);
	assert_int_equal(dk_store_open(f->path, 0, "x", &db, &err), DK_OK);
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
	assert_int_equal(dk_store_create_at(path, 1, "x", &db, &err), DK_OK);
	/* a person as a docket of schema 1 wrote it (today's code writes today's columns) */
	assert_int_equal(sqlite3_exec(dk_sqlite_handle(db),
	                              "INSERT INTO person (uuid, handle, name, team, created_at, created_by) "
	                              "VALUES (docket_uuid(), 'ana', 'Ana', 'ml', '2026-01-01T00:00:00Z', 'x')",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(dk_migrate_up(db, backup, &applied, &err), DK_OK);
	assert_int_equal(applied, dk_migration_count - 1);
	assert_int_equal(dk_db_schema_version(db, &version, &err), DK_OK);
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
	assert_int_equal(dk_store_open(backup, DK_OPEN_ANY_VERSION, "x", &bk, &err), DK_OK);
	assert_int_equal(dk_db_schema_version(bk, &version, &err), DK_OK);
	assert_int_equal(version, 1);
	dk_db_close(bk);
	/* a second run has nothing to do */
	assert_int_equal(dk_store_open(path, 0, "x", &db, &err), DK_OK);
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

	assert_int_equal(dk_store_open(f->path, 0, "other", &other, &err), DK_OK);
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

static void expect_mode(int version, const char *env, enum dk_journal want, const char *why_has)
{
	enum dk_journal mode = want == DK_JOURNAL_WAL ? DK_JOURNAL_ROLLBACK : DK_JOURNAL_WAL;
	char why[128] = "";
	struct dk_error err = {0};

	assert_int_equal(dk_db_journal_choose(version, env, &mode, why, sizeof why, &err), DK_OK);
	if (mode != want)
		fail_msg("version %d, env %s: got %s (%s)", version, env ? env : "(none)",
		         mode == DK_JOURNAL_WAL ? "wal" : "rollback", why);
	if (strstr(why, why_has) == NULL)
		fail_msg("version %d: '%s' does not say '%s'", version, why, why_has);
}

/* WAL only where SQLite has the WAL-reset fix: 3.51.3 on, and the 3.44.6
 * and 3.50.7 backports in their own lines. */
static void test_journal_choice(void **state)
{
	enum dk_journal mode = DK_JOURNAL_WAL;
	char why[128];
	struct dk_error err = {0};

	(void)state;
	expect_mode(3040001, NULL, DK_JOURNAL_ROLLBACK, "SQLite 3.40.1 lacks the WAL-reset fix of 3.51.3");
	expect_mode(3007000, NULL, DK_JOURNAL_ROLLBACK, "3.7.0 lacks");
	expect_mode(3044005, NULL, DK_JOURNAL_ROLLBACK, "3.44.5 lacks");
	expect_mode(3044006, NULL, DK_JOURNAL_WAL, "3.44.6 has the WAL-reset fix");
	expect_mode(3044009, NULL, DK_JOURNAL_WAL, "has");
	expect_mode(3045000, NULL, DK_JOURNAL_ROLLBACK, "3.45.0 lacks");
	expect_mode(3050006, NULL, DK_JOURNAL_ROLLBACK, "lacks");
	expect_mode(3050007, NULL, DK_JOURNAL_WAL, "has");
	expect_mode(3051000, NULL, DK_JOURNAL_ROLLBACK, "lacks");
	expect_mode(3051002, NULL, DK_JOURNAL_ROLLBACK, "3.51.2 lacks");
	expect_mode(3051003, NULL, DK_JOURNAL_WAL, "3.51.3 has");
	expect_mode(3052000, NULL, DK_JOURNAL_WAL, "has");
	expect_mode(3100000, NULL, DK_JOURNAL_WAL, "3.100.0 has");
	/* the override, for tests */
	expect_mode(3040001, "", DK_JOURNAL_ROLLBACK, "lacks");
	expect_mode(3040001, "wal", DK_JOURNAL_WAL, "DOCKET_JOURNAL=wal; checkpoints only under the write lock");
	expect_mode(3052000, "wal", DK_JOURNAL_WAL, "DOCKET_JOURNAL=wal");
	expect_mode(3052000, "rollback", DK_JOURNAL_ROLLBACK, "DOCKET_JOURNAL=rollback");
	assert_int_equal(dk_db_journal_choose(3052000, "WAL", &mode, why, sizeof why, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "DOCKET_JOURNAL 'WAL' is not one of: wal, rollback"));
	assert_int_equal(mode, DK_JOURNAL_WAL); /* unset */
}

/* What the database file holds on its own, ignoring any WAL beside it. */
static int64_t file_alone(const char *path, const char *sql)
{
	char uri[400];
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	snprintf(uri, sizeof uri, "file:%s?immutable=1", path);
	assert_int_equal(sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void reopen(struct fixture *f, const char *journal)
{
	struct dk_error err = {0};

	dk_db_close(f->db);
	f->db = NULL;
	setenv("DOCKET_JOURNAL", journal, 1);
	if (dk_store_open(f->path, 0, "tester", &f->db, &err) != DK_OK)
		fail_msg("reopen with DOCKET_JOURNAL=%s: %s", journal, err.msg);
}

static void add_person(struct dk_db *db, const char *handle)
{
	struct dk_person p = {handle, "P", NULL, "ml", NULL, NULL};
	struct dk_error err = {0};

	if (dk_person_add(db, &p, NULL, &err) != DK_OK)
		fail_msg("person add %s: %s", handle, err.msg);
}

/* In WAL mode a checkpoint copies the WAL into the file without waiting;
 * on a SQLite without the WAL-reset fix it runs only under the write lock
 * and does nothing while another writer holds it. */
static void test_checkpoint(void **state)
{
	struct fixture *f = *state;
	struct dk_db *other = NULL;
	struct dk_error err = {0};
	int left = 99, fixed = dk_db_wal_reset_fixed(sqlite3_libversion_number());

	reopen(f, "wal");
	assert_true(dk_db_journal_is_wal(f->db));
	assert_int_equal(fixture_int(f, "PRAGMA wal_autocheckpoint"), fixed ? 1000 : 0);
	assert_int_equal(dk_db_checkpoint(f->db, &left, &err), DK_OK);
	assert_int_equal(left, 0);
	add_person(f->db, "ana");
	assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 0); /* in the WAL */
	assert_int_equal(dk_db_checkpoint(f->db, &left, &err), DK_OK);
	assert_int_equal(left, 0);
	assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 1);

	/* another writer holds the lock: no wait, and without the fix no copy */
	add_person(f->db, "bo");
	assert_int_equal(dk_store_open(f->path, 0, "other", &other, &err), DK_OK);
	assert_int_equal(dk_db_begin(other, &err), DK_OK);
	assert_int_equal(dk_db_checkpoint(f->db, &left, &err), DK_OK);
	if (fixed) {
		assert_true(left >= 0); /* a passive checkpoint copied what it could */
	} else {
		assert_int_equal(left, -1);
		assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 1);
	}
	dk_db_rollback(other);
	dk_db_close(other);
	assert_int_equal(dk_db_checkpoint(f->db, &left, &err), DK_OK);
	assert_int_equal(left, 0);
	assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 2);

	/* closing after a write checkpoints */
	add_person(f->db, "cy");
	dk_db_close(f->db);
	f->db = NULL;
	assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 3);
	reopen(f, "wal");
	unsetenv("DOCKET_JOURNAL");
}

/* A WAL database opened alone where WAL is not wanted is switched to a
 * rollback journal; with another connection open it stays in WAL, with
 * automatic checkpoints off where the fix is missing. */
static void test_switch_from_wal(void **state)
{
	struct fixture *f = *state;
	struct dk_db *other = NULL, *db = NULL;
	struct dk_error err = {0};
	char wal[320];

	reopen(f, "wal");
	add_person(f->db, "ana");
	assert_int_equal(dk_store_open(f->path, 0, "other", &other, &err), DK_OK);
	dk_db_close(f->db);
	f->db = NULL;
	setenv("DOCKET_JOURNAL", "rollback", 1);
	assert_int_equal(dk_store_open(f->path, 0, "tester", &db, &err), DK_OK);
	assert_true(dk_db_journal_is_wal(db)); /* other holds it in WAL */
	if (!dk_db_wal_reset_fixed(sqlite3_libversion_number())) {
		f->db = db;
		assert_int_equal(fixture_int(f, "PRAGMA wal_autocheckpoint"), 0);
		f->db = NULL;
	}
	add_person(db, "bo");
	dk_db_close(db);
	dk_db_close(other);
	reopen(f, "rollback");
	assert_false(dk_db_journal_is_wal(f->db));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), 1);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_int_equal(access(wal, F_OK), -1);
	assert_int_equal(file_alone(f->path, "SELECT count(*) FROM person"), 2);
	unsetenv("DOCKET_JOURNAL");
}

/* A backup is a new 0600 file holding everything, in rollback mode. */
static void test_backup(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	char path[400], link[420];
	unsigned char hdr[100];
	struct stat st;
	FILE *fp;

	reopen(f, "wal");
	add_person(f->db, "ana");
	add_person(f->db, "bo");
	snprintf(path, sizeof path, "%s/copy.db", f->dir);
	assert_int_equal(dk_db_backup(f->db, path, &err), DK_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(file_alone(path, "SELECT count(*) FROM person"), 2);
	/* the header's read and write versions: 1 is a rollback journal, 2 WAL */
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(hdr, 1, sizeof hdr, fp), sizeof hdr);
	fclose(fp);
	assert_int_equal(hdr[18], 1);
	assert_int_equal(hdr[19], 1);
	snprintf(link, sizeof link, "%s-wal", path);
	assert_int_equal(access(link, F_OK), -1);
	assert_int_equal(dk_db_backup(f->db, path, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "it exists"));
	assert_int_equal(dk_db_backup(f->db, "", &err), DK_EINPUT);
	snprintf(link, sizeof link, "%s/link.db", f->dir);
	assert_int_equal(symlink("nowhere.db", link), 0);
	assert_int_equal(dk_db_backup(f->db, link, &err), DK_EINPUT);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	snprintf(path, sizeof path, "%s/no/such/dir.db", f->dir);
	assert_int_equal(dk_db_backup(f->db, path, &err), DK_EINPUT);
	unsetenv("DOCKET_JOURNAL");
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
		cmocka_unit_test(test_journal_choice),
		cmocka_unit_test_setup_teardown(test_checkpoint, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_switch_from_wal, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_backup, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
