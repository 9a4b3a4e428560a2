/* store.c: docket/store.h. The layer above db, migrate and schema that
 * ties them together, so that none of them needs the others: db knows
 * nothing of migrations, migrate nothing of engines. */
#include "docket/store.h"

#include <stdio.h>
#include <string.h>

#include "db_backend.h"
#include "docket/migrate.h"
#include "docket/schema.h"
#include "postgres/pg_backend.h"
#include "sqlite/sqlite_backend.h"

/* The engine a database is opened with, by the form of its name: a
 * postgresql:// or postgres:// URL is a server, anything else a file. */
static const struct dk_backend *backend_for(const char *path)
{
	return dk_pg_is_url(path) ? &dk_pg_backend : &dk_sqlite_backend;
}

int dk_store_is_server(const char *where) { return dk_pg_is_url(where); }

void dk_store_setup_library(void)
{
	dk_sqlite_backend.setup();
	dk_pg_backend.setup();
}

/* The file engine, with its notes; then the server client, on the line of
 * the notes. */
int dk_store_about(char *engine, size_t n, char *notes, size_t m, struct dk_error *err)
{
	char pg[64], unused[8];
	size_t k;
	int rc;

	if ((rc = dk_sqlite_backend.about(engine, n, notes, m, err)) != DK_OK ||
	    (rc = dk_pg_backend.about(pg, sizeof pg, unused, sizeof unused, err)) != DK_OK)
		return rc;
	k = strlen(notes);
	snprintf(notes + k, m - k, "%sservers: %s", k > 0 ? "\n" : "", pg);
	return DK_OK;
}

static void first_problem(void *ctx, const struct dk_schema_object *o, const char *problem)
{
	char *msg = ctx;

	if (msg[0] == '\0')
		snprintf(msg, 160, "%s %s is %s", o->type, o->name, problem);
}

/* Refuses to write into a database whose triggers were dropped or changed
 * behind docket's back: the write would not be audited, or the trail would
 * not be guarded. dk_db_begin runs it under the write lock, once per
 * schema change. */
static int guard_schema(struct dk_db *db, struct dk_error *err)
{
	char what[160] = "";
	int problems = 0, rc;

	if ((rc = dk_schema_check(db, first_problem, what, &problems, err)) != DK_OK)
		return rc;
	if (problems > 0)
		return dk_fail(err, DK_EDB,
		               "'%s' was altered outside docket: %s%s; a write now would not be "
		               "audited as it must, so nothing was written (run 'docket audit verify', "
		               "and restore from a backup)",
		               dk_db_path(db), what, problems > 1 ? " (and more)" : "");
	return DK_OK;
}

static int open_at(const char *path, unsigned flags, int upto, const char *actor,
                   struct dk_db **out, struct dk_error *err)
{
	struct dk_db *db;
	int rc, created, version = 0;

	*out = NULL;
	if ((rc = dk_db_connect(backend_for(path), path, flags, actor, &db, &created, err)) != DK_OK)
		return rc;
	/* Check what the database is before changing anything in it. */
	if (!(flags & DK_OPEN_CREATE) && (rc = dk_migrate_check(db, flags, err)) != DK_OK)
		goto fail;
	if ((rc = dk_db_settle(db, flags, err)) != DK_OK)
		goto fail;
	if ((flags & DK_OPEN_CREATE) && (rc = dk_migrate_to(db, upto, err)) != DK_OK)
		goto fail;
	/* A database at an older version has older triggers; migrate writes
	 * them. Every other writer checks them first. */
	if (dk_db_schema_version(db, &version, NULL) == DK_OK && version == dk_migrate_latest())
		dk_db_set_guard(db, guard_schema);
	*out = db;
	return DK_OK;
fail:
	if (created)
		dk_db_discard(db);
	else
		dk_db_close(db);
	return rc;
}

int dk_store_open(const char *path, unsigned flags, const char *actor, struct dk_db **out,
                  struct dk_error *err)
{
	return open_at(path, flags, dk_migrate_latest(), actor, out, err);
}

int dk_store_create_at(const char *path, int upto, const char *actor, struct dk_db **out,
                       struct dk_error *err)
{
	return open_at(path, DK_OPEN_CREATE, upto, actor, out, err);
}
