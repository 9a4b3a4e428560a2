#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "docket/person.h"
#include "docket/policy.h"

/* PostgreSQL (DOCKET_TEST_ENGINE=postgres): the server of the ctest
 * fixture pg_server, at DOCKET_TEST_PGHOST. Each fixture is a database of
 * its own, copied from a template that the first test to need it builds
 * with every migration (under an advisory lock: tests run side by side). */
static const char *pg_host(void)
{
	const char *e = getenv("DOCKET_TEST_ENGINE");

	if (e == NULL || strcmp(e, "postgres") != 0)
		return NULL;
	if (getenv("DOCKET_TEST_PGHOST") == NULL || !*getenv("DOCKET_TEST_PGHOST"))
		fail_msg("DOCKET_TEST_ENGINE=postgres needs DOCKET_TEST_PGHOST (the ctest fixture "
		         "pg_server sets it)");
	return getenv("DOCKET_TEST_PGHOST");
}

static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *pg_admin(const char *host)
{
	char conninfo[600];
	PGconn *c;

	snprintf(conninfo, sizeof conninfo, "host=%s user=docket dbname=postgres", host);
	c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot reach the test server at %s: %s", host, PQerrorMessage(c));
	PQsetNoticeProcessor(c, pg_quiet, NULL);
	return c;
}

static void pg_run(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

static void pg_url(char *out, size_t n, const char *host, const char *name)
{
	snprintf(out, n, "postgresql:///%s?host=%s&user=docket", name, host);
}

static void pg_template(PGconn *c, const char *host)
{
	PGresult *r;
	int have;

	pg_run(c, "SELECT pg_advisory_lock(4242)");
	r = PQexec(c, "SELECT 1 FROM pg_database WHERE datname = 'docket_unit_template'");
	have = PQntuples(r) > 0;
	PQclear(r);
	if (!have) {
		struct dk_db *db = NULL;
		struct dk_error err = {0};
		char url[400];

		pg_run(c, "DROP DATABASE IF EXISTS docket_unit_template_build");
		pg_run(c, "CREATE DATABASE docket_unit_template_build");
		pg_url(url, sizeof url, host, "docket_unit_template_build");
		if (dk_store_open(url, DK_OPEN_CREATE, "tester", &db, &err) != DK_OK)
			fail_msg("cannot create %s: %s", url, err.msg);
		dk_db_close(db);
		pg_run(c, "ALTER DATABASE docket_unit_template_build RENAME TO docket_unit_template");
	}
	pg_run(c, "SELECT pg_advisory_unlock(4242)");
}

static void pg_create(struct fixture *f, const char *host)
{
	static unsigned n;
	PGconn *c = pg_admin(host);
	char sql[200];

	pg_template(c, host);
	snprintf(f->pgname, sizeof f->pgname, "unit_%ld_%u", (long)getpid(), n++);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE docket_unit_template", f->pgname);
	pg_run(c, sql);
	PQfinish(c);
	pg_url(f->path, sizeof f->path, host, f->pgname);
}

static void pg_drop(struct fixture *f, const char *host)
{
	PGconn *c = pg_admin(host);
	char sql[200];

	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", f->pgname);
	pg_run(c, sql);
	PQfinish(c);
}

int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct dk_error err = {0};
	const char *host = pg_host();

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "%s/docket-test-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	if (host != NULL) {
		pg_create(f, host);
		if (dk_store_open(f->path, 0, "tester", &f->db, &err) != DK_OK)
			fail_msg("cannot open %s: %s", f->path, err.msg);
	} else {
		snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
		if (dk_store_open(f->path, DK_OPEN_CREATE, "tester", &f->db, &err) != DK_OK)
			fail_msg("cannot create %s: %s", f->path, err.msg);
	}
	*state = f;
	return 0;
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	const char *host = pg_host();
	char cmd[400];

	dk_db_close(f->db);
	if (host != NULL)
		pg_drop(f, host);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(f);
	return 0;
}

int fixture_on_pg(const struct fixture *f) { return f->pgname[0] != '\0'; }

void fixture_drop_trigger(struct fixture *f, const char *name)
{
	struct dk_stmt *s = NULL;
	struct dk_error err = {0};
	char sql[300];

	if (!fixture_on_pg(f)) {
		snprintf(sql, sizeof sql, "DROP TRIGGER %s", name);
		fixture_exec(f, sql);
		return;
	}
	if (dk_stmt_prepare_text(f->db, &s, "SELECT CAST(tgrelid::regclass AS text) FROM pg_trigger "
	                         "WHERE tgname = :name AND NOT tgisinternal", &err) != DK_OK)
		fail_msg("trigger %s: %s", name, err.msg);
	dk_bind_text(s, ":name", name);
	if (dk_stmt_step(s, &err) != DK_ROW)
		fail_msg("no trigger %s: %s", name, err.msg);
	snprintf(sql, sizeof sql, "DROP TRIGGER %s ON %s", name, dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	fixture_exec(f, sql);
}

static int64_t one_int(struct fixture *f, const char *sql, int cached)
{
	struct dk_stmt *s = NULL;
	struct dk_error err = {0};
	int64_t v = 0;
	int found = 0;

	if ((cached ? dk_stmt_prepare(f->db, &s, sql, &err) : dk_stmt_prepare_text(f->db, &s, sql, &err)) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
	if (dk_stmt_one_int(s, &v, &found, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
	dk_stmt_finalize(&s);
	return v;
}

int64_t fixture_int(struct fixture *f, const char *sql) { return one_int(f, sql, 1); }

int64_t fixture_int_text(struct fixture *f, const char *sql) { return one_int(f, sql, 0); }

void fixture_exec(struct fixture *f, const char *sql)
{
	struct dk_error err = {0};

	if (dk_db_exec(f->db, sql, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
}

int64_t fixture_person(struct fixture *f, const char *handle, const char *team)
{
	struct dk_person p = {.handle = handle, .name = "Test Person", .team = team};
	struct dk_error err = {0};
	int64_t id = 0;

	if (dk_person_add(f->db, &p, &id, &err) != DK_OK)
		fail_msg("person %s: %s", handle, err.msg);
	return id;
}

void fixture_policy(struct fixture *f, const char *team, const char *escalate_to)
{
	struct dk_policy_in in = {.team = team, .appetite = "9", .grace_days = "7",
		.acceptance_days = "90", .default_due_days = "30", .escalate_to = escalate_to};
	struct dk_error err = {0};

	if (dk_policy_set(f->db, &in, &err) != DK_OK)
		fail_msg("policy %s: %s", team, err.msg);
}

int64_t fixture_owner(struct fixture *f, const char *handle, const char *team)
{
	int64_t id = fixture_person(f, handle, team);

	fixture_policy(f, team, handle);
	return id;
}
