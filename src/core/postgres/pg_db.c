/* pg_db.c: the PostgreSQL backend's connections (libpq). A docket database
 * on a server is the schema `docket` in a database the team's DBA made;
 * every connection works in it (search_path). Write transactions take one
 * transaction-level advisory lock first, as SQLite's BEGIN IMMEDIATE takes
 * the write lock: writers queue on the server in order, each sees every
 * earlier commit, and the audit chain grows one writer at a time. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_backend.h"
#include "pg_conn.h"

int dk_pg_is_url(const char *where)
{
	return where != NULL &&
	       (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0);
}

void pg_keep_error(struct pg_db *q, const PGresult *res)
{
	const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t n;

	snprintf(q->sqlstate, sizeof q->sqlstate, "%s", state != NULL ? state : "");
	free(q->msg);
	q->msg = strdup(msg != NULL ? msg : PQerrorMessage(q->c));
	/* libpq's own messages end in a newline */
	if (q->msg != NULL && (n = strlen(q->msg)) > 0 && q->msg[n - 1] == '\n')
		q->msg[n - 1] = '\0';
}

/* Runs sql (no parameters, maybe several statements); res_out, when not
 * NULL, gets the last result (the caller clears it). */
static int run(struct pg_db *q, const char *sql, PGresult **res_out, struct dk_error *err)
{
	PGresult *res = PQexec(q->c, sql);
	ExecStatusType st = PQresultStatus(res);

	if (res_out != NULL)
		*res_out = NULL;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		pg_keep_error(q, res);
		PQclear(res);
		return dk_db_error(&q->base, "query", err);
	}
	if (res_out != NULL)
		*res_out = res;
	else
		PQclear(res);
	return DK_OK;
}

/* The first value of a one-row query, as an integer. */
static int run_int(struct pg_db *q, const char *sql, int64_t *v, struct dk_error *err)
{
	PGresult *res;
	int rc = run(q, sql, &res, err);

	*v = 0;
	if (rc != DK_OK)
		return rc;
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return DK_OK;
}

int pg_sync_session(struct pg_db *q, struct dk_error *err)
{
	struct dk_db *db = &q->base;
	const char *vals[2];
	char ms[24];
	PGresult *res;

	if (q->sent_actor != NULL && strcmp(q->sent_actor, db->actor) == 0 &&
	    q->sent_lock_ms == db->busy_ms)
		return DK_OK;
	/* lock_timeout 0 would wait for ever: docket's 0 is "do not wait" */
	snprintf(ms, sizeof ms, "%dms", db->busy_ms > 0 ? db->busy_ms : 1);
	vals[0] = db->actor;
	vals[1] = ms;
	res = PQexecParams(q->c,
	                   "SELECT set_config('docket.actor', $1, false),"
	                   " set_config('lock_timeout', $2, false)",
	                   2, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_keep_error(q, res);
		PQclear(res);
		return dk_db_error(db, "setting the session", err);
	}
	PQclear(res);
	free(q->sent_actor);
	q->sent_actor = strdup(db->actor);
	q->sent_lock_ms = db->busy_ms;
	return DK_OK;
}

static int pg_error(struct dk_db *db, const char *what, struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	const char *msg = q->msg != NULL ? q->msg : PQerrorMessage(q->c);

	if (PQstatus(q->c) == CONNECTION_BAD)
		return dk_fail(err, DK_EDB, "the connection to the server was lost: %s", msg);
	if (strncmp(q->sqlstate, "23", 2) == 0)
		return dk_fail(err, DK_EINPUT, "the database refused the %s: %s", what, msg);
	if (strcmp(q->sqlstate, "55P03") == 0 || strcmp(q->sqlstate, "40P01") == 0 ||
	    strcmp(q->sqlstate, "40001") == 0)
		return dk_fail(err, DK_EDB,
		               "database is locked: another process held it for longer than "
		               "the busy timeout (%d ms; DOCKET_BUSY_TIMEOUT sets it)",
		               db->busy_ms);
	return dk_fail(err, DK_EDB, "%s: %s", what, msg);
}

static int pg_exec(struct dk_db *db, const char *sql, struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	int rc;

	if ((rc = pg_sync_session(q, err)) != DK_OK)
		return rc;
	return run(q, sql, NULL, err);
}

static void pg_setup(void) {}

static int pg_about(char *engine, size_t n, char *notes, size_t m, struct dk_error *err)
{
	int v = PQlibVersion();

	(void)err;
	snprintf(engine, n, "PostgreSQL client libpq %d.%d", v / 10000, v % 10000);
	snprintf(notes, m, "%s", "");
	return DK_OK;
}

/* Server notices (CREATE ... IF NOT EXISTS and the like) are not the user's. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A password on the command line is seen by every user of the machine (ps)
 * and kept in shell histories: libpq's own means keep it instead. */
static int refuse_password(const char *where, struct dk_error *err)
{
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(where, &msg);
	int found = 0;

	if (opts == NULL) {
		int rc = dk_fail(err, DK_EINPUT, "'%s' is not a PostgreSQL connection URL: %s", where,
		                 msg != NULL ? msg : "out of memory");
		PQfreemem(msg);
		return rc;
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL && o->val[0] != '\0')
			found = 1;
	PQconninfoFree(opts);
	if (found)
		return dk_fail(err, DK_EINPUT,
		               "the database URL holds a password: docket refuses it (anyone on "
		               "this machine can read a command line); keep it in ~/.pgpass, "
		               "PGPASSFILE or a service file (PGSERVICE) instead");
	return DK_OK;
}

static const char SQL_IDENTIFY[] =
	"SELECT n.oid IS NOT NULL,"
	"       to_regclass('docket.schema_migration') IS NOT NULL,"
	"       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid)"
	" FROM (SELECT (SELECT oid FROM pg_namespace WHERE nspname = 'docket') AS oid) n";

struct ident {
	int schema, docket, relations;
};

static int identify(struct pg_db *q, struct ident *id, struct dk_error *err)
{
	PGresult *res;
	int rc = run(q, SQL_IDENTIFY, &res, err);

	if (rc != DK_OK)
		return rc;
	id->schema = PQgetvalue(res, 0, 0)[0] == 't';
	id->docket = PQgetvalue(res, 0, 1)[0] == 't';
	id->relations = (int)strtol(PQgetvalue(res, 0, 2), NULL, 10);
	PQclear(res);
	return DK_OK;
}

static void pg_close(struct dk_db *db)
{
	struct pg_db *q = pg_db(db);

	dk_pg_cache_free(db);
	if (q->c != NULL)
		PQfinish(q->c);
	free(q->msg);
	free(q->sent_actor);
	dk_db_fini(db);
	free(q);
}

static int pg_connect(const char *where, unsigned flags, const char *actor, struct dk_db **out,
                      int *created, struct dk_error *err)
{
	const char *keys[] = {"dbname", "fallback_application_name", NULL};
	const char *vals[] = {where, NULL, NULL};
	struct ident id;
	struct pg_db *q;
	int rc;

	*out = NULL;
	*created = 0;
	if ((rc = refuse_password(where, err)) != DK_OK)
		return rc;
	if ((q = calloc(1, sizeof *q)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	q->sent_lock_ms = -1;
	if ((rc = dk_db_init(&q->base, &dk_pg_backend, where, actor, err)) != DK_OK)
		goto fail;
	/* what the server shows in pg_stat_activity: the command, for those
	 * who wait for its lock */
	vals[1] = q->base.command[0] ? q->base.command : "docket";
	q->c = PQconnectdbParams(keys, vals, 1);
	if (q->c == NULL || PQstatus(q->c) != CONNECTION_OK) {
		const char *msg = q->c != NULL ? PQerrorMessage(q->c) : "out of memory";
		size_t n = strlen(msg);
		rc = dk_fail(err, DK_EDB, "cannot connect to '%s': %.*s", where,
		             (int)(n > 0 && msg[n - 1] == '\n' ? n - 1 : n), msg);
		goto fail;
	}
	PQsetNoticeProcessor(q->c, quiet, NULL);
	/* UTC and the float text docket's canonical rows expect (canon.h) */
	if ((rc = run(q, "SET search_path = docket; SET client_min_messages = warning;"
	                 " SET TIME ZONE 'UTC'; SET extra_float_digits = 1;"
	                 " SET client_encoding = 'UTF8'",
	              NULL, err)) != DK_OK ||
	    (rc = pg_sync_session(q, err)) != DK_OK || (rc = identify(q, &id, err)) != DK_OK)
		goto fail;
	if (flags & DK_OPEN_CREATE) {
		if (id.relations > 0) {
			rc = dk_fail(err, DK_EINPUT,
			             "cannot create a docket database in '%s': its schema 'docket' "
			             "already holds %d relation%s (init makes a new one only)",
			             where, id.relations, id.relations == 1 ? "" : "s");
			goto fail;
		}
		if (!id.schema) {
			if ((rc = run(q, "CREATE SCHEMA docket", NULL, err)) != DK_OK)
				goto fail;
			*created = q->created = 1;
		}
	}
	*out = &q->base;
	return DK_OK;
fail:
	pg_close(&q->base);
	return rc;
}

static int pg_settle(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	(void)db;
	(void)flags;
	(void)err;
	return DK_OK;
}

/* Drops the schema an init created and could not finish. */
static void pg_discard(const char *where)
{
	const char *keys[] = {"dbname", NULL};
	const char *vals[] = {where, NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	if (c != NULL && PQstatus(c) == CONNECTION_OK) {
		PQsetNoticeProcessor(c, quiet, NULL);
		PQclear(PQexec(c, "DROP SCHEMA IF EXISTS docket CASCADE"));
	}
	PQfinish(c);
}

static int pg_schema_version(struct dk_db *db, int *version, struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	struct ident id;
	int64_t v = 0;
	int rc;

	*version = 0;
	if ((rc = identify(q, &id, err)) != DK_OK || !id.docket)
		return rc;
	rc = run_int(q, "SELECT coalesce(max(version), 0) FROM docket.schema_migration", &v, err);
	*version = (int)v;
	return rc;
}

static int pg_identify(struct dk_db *db, struct dk_db_ident *out, struct dk_error *err)
{
	struct ident id;
	int rc;

	if ((rc = identify(pg_db(db), &id, err)) != DK_OK)
		return rc;
	out->docket = id.docket;
	out->empty = id.relations == 0;
	out->version = 0;
	return id.docket ? pg_schema_version(db, &out->version, err) : DK_OK;
}

/* The version is the last migration schema_migration records, which the
 * migration's own transaction wrote: nothing more to keep. */
static int pg_set_schema_version(struct dk_db *db, int version, struct dk_error *err)
{
	int now = 0, rc;

	if ((rc = pg_schema_version(db, &now, err)) != DK_OK)
		return rc;
	if (now != version)
		return dk_fail(err, DK_EDB, "schema_migration says version %d, not %d", now, version);
	return DK_OK;
}

/* Changes whenever a trigger, a view, a function or a table of the schema
 * does: every catalog row has a new xmin when it is written, and one that
 * goes takes its term with it. The functions are the schema's and those
 * its triggers execute (wherever they are); the columns those an UPDATE
 * OF names (a renamed one changes only pg_attribute). Never negative, so
 * never the -1 that means "not checked yet". */
static const char SQL_COOKIE[] =
	"WITH trig AS (SELECT t.oid, t.xmin, t.tgenabled, t.tgfoid, t.tgrelid, t.tgattr"
	"              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
	"              WHERE c.relnamespace = 'docket'::regnamespace)"
	"SELECT ((SELECT coalesce(sum(hashtext(t.oid::text || ':' || t.xmin::text || ':'"
	"                                      || t.tgenabled::text)), 0) FROM trig t)"
	"      + (SELECT coalesce(sum(hashtext(p.oid::text || ':' || p.xmin::text)), 0) FROM pg_proc p"
	"         WHERE p.pronamespace = 'docket'::regnamespace"
	"            OR p.oid IN (SELECT t.tgfoid FROM trig t))"
	"      + (SELECT coalesce(sum(hashtext(c.oid::text || ':' || c.xmin::text)), 0) FROM pg_class c"
	"         WHERE c.relnamespace = 'docket'::regnamespace)"
	"      + (SELECT coalesce(sum(hashtext(a.attrelid::text || ':' || a.attnum::text || ':'"
	"                                      || a.xmin::text)), 0)"
	"         FROM trig t JOIN pg_attribute a"
	"           ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::int2[])))"
	"     & 9223372036854775807";

static int pg_schema_cookie(struct dk_db *db, int64_t *cookie, struct dk_error *err)
{
	return run_int(pg_db(db), SQL_COOKIE, cookie, err);
}

static int pg_table_columns(struct dk_db *db, const char *table, dk_db_column_fn fn, void *ctx,
                            int *n, struct dk_error *err)
{
	static const char sql[] =
		"SELECT a.attname::text, pg_get_expr(d.adbin, d.adrelid), a.attgenerated <> ''"
		" FROM pg_attribute a"
		" LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
		" WHERE a.attrelid = to_regclass('docket.' || quote_ident(CAST(:t AS TEXT)))"
		"   AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
	struct dk_stmt *s = NULL;
	int rc;

	*n = 0;
	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":t", table);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		int generated = dk_col_int(s, 2) != 0;
		(*n)++;
		/* a generated column's expression is no default */
		if ((rc = fn(ctx, dk_col_text(s, 0),
		             generated || dk_col_is_null(s, 1) ? NULL : dk_col_text(s, 1), generated,
		             err)) != DK_OK)
			break;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* A load (docket/db.h): the schema's own triggers off on every table (the
 * foreign keys' stay, checked at commit: they are DEFERRABLE), so that
 * rows go in as another database stored them. ALTER TABLE needs the
 * tables' owner: a load is the owner's, as init and migrate are. */
static const char SQL_LOAD_BEGIN[] =
	"DO $$ DECLARE t record; BEGIN"
	"  FOR t IN SELECT c.relname FROM pg_class c"
	"           WHERE c.relnamespace = 'docket'::regnamespace AND c.relkind = 'r' LOOP"
	"    EXECUTE format('ALTER TABLE docket.%I DISABLE TRIGGER USER', t.relname);"
	"  END LOOP;"
	"END $$;"
	"SET CONSTRAINTS ALL DEFERRED";

/* Then what the triggers would have kept: each X_fts filled from its view
 * X_fts_source (id, then X_fts's own columns but the generated document),
 * and the triggers on again. (Ids need nothing: docket_next_id draws one
 * past the largest.) */
static const char SQL_LOAD_END[] =
	"DO $$ DECLARE f record; t record; cols text; BEGIN"
	"  FOR f IN SELECT c.relname::text AS fts FROM pg_class c"
	"           WHERE c.relnamespace = 'docket'::regnamespace AND c.relkind = 'r'"
	"             AND c.relname LIKE '%\\_fts'"
	"             AND to_regclass('docket.' || quote_ident(c.relname || '_source')) IS NOT NULL"
	"  LOOP"
	"    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols"
	"      FROM pg_attribute a"
	"     WHERE a.attrelid = to_regclass('docket.' || quote_ident(f.fts)) AND a.attnum > 0"
	"       AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname <> 'rowid';"
	"    EXECUTE format('DELETE FROM docket.%I', f.fts);"
	"    EXECUTE format('INSERT INTO docket.%I (rowid, %s) SELECT id, %s FROM docket.%I',"
	"                   f.fts, cols, cols, f.fts || '_source');"
	"  END LOOP;"
	/* the deferred foreign keys are checked now: ALTER TABLE refuses a
	 * table with checks still pending */
	"  SET CONSTRAINTS ALL IMMEDIATE;"
	"  FOR t IN SELECT c.relname FROM pg_class c"
	"           WHERE c.relnamespace = 'docket'::regnamespace AND c.relkind = 'r' LOOP"
	"    EXECUTE format('ALTER TABLE docket.%I ENABLE TRIGGER USER', t.relname);"
	"  END LOOP;"
	"END $$";

static int pg_load_begin(struct dk_db *db, struct dk_error *err)
{
	return run(pg_db(db), SQL_LOAD_BEGIN, NULL, err);
}

static int pg_load_end(struct dk_db *db, struct dk_error *err)
{
	return run(pg_db(db), SQL_LOAD_END, NULL, err);
}

/* Takes the write lock, saying once what it waits for when that takes
 * longer than DK_DB_WAIT_NOTICE_MS. The server queues waiters in order and
 * gives up after lock_timeout (the busy timeout). */
static int take_write_lock(struct pg_db *q, struct dk_error *err)
{
	struct dk_db *db = &q->base;
	PGresult *res, *bad = NULL;
	int said = 0;

	if (!PQsendQuery(q->c, "SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")")) {
		pg_keep_error(q, NULL);
		return dk_db_error(db, "taking the write lock", err);
	}
	while (PQisBusy(q->c)) {
		struct pollfd p = {PQsocket(q->c), POLLIN, 0};
		int r = poll(&p, 1, said ? -1 : DK_DB_WAIT_NOTICE_MS);

		if (r == 0 && !said) {
			char msg[300];
			said = 1;
			snprintf(msg, sizeof msg,
			         "waiting for the write lock held by another writer of '%s' "
			         "(pg_stat_activity shows who)", db->path);
			if (db->notice != NULL)
				db->notice(db->notice_ctx, msg);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (!PQconsumeInput(q->c))
			break;
	}
	while ((res = PQgetResult(q->c)) != NULL) {
		if (PQresultStatus(res) != PGRES_TUPLES_OK && bad == NULL)
			bad = res;
		else
			PQclear(res);
	}
	if (bad != NULL || PQstatus(q->c) == CONNECTION_BAD) {
		pg_keep_error(q, bad);
		PQclear(bad);
		return dk_db_error(db, "taking the write lock", err);
	}
	return DK_OK;
}

static void pg_rollback(struct dk_db *db)
{
	struct pg_db *q = pg_db(db);

	if (q->c != NULL && PQtransactionStatus(q->c) != PQTRANS_IDLE &&
	    PQtransactionStatus(q->c) != PQTRANS_UNKNOWN)
		PQclear(PQexec(q->c, "ROLLBACK"));
	/* a session setting made inside the transaction went with it */
	free(q->sent_actor);
	q->sent_actor = NULL;
}

/* Writes read committed under the lock: every statement sees every commit
 * before the lock was granted, and no other docket writer runs. Reads see
 * one snapshot until they end. */
static int pg_begin(struct dk_db *db, int write, struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	int rc;

	if ((rc = pg_sync_session(q, err)) != DK_OK)
		return rc;
	if (!write)
		return run(q, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL, err);
	if ((rc = run(q, "BEGIN ISOLATION LEVEL READ COMMITTED", NULL, err)) != DK_OK)
		return rc;
	if ((rc = take_write_lock(q, err)) != DK_OK)
		pg_rollback(db);
	return rc;
}

static int pg_commit(struct dk_db *db, struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	PGresult *res;
	int rc;

	if ((rc = run(q, "COMMIT", &res, err)) != DK_OK)
		return rc;
	/* COMMIT of a transaction an error ended says ROLLBACK and succeeds */
	if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		PQclear(res);
		return dk_fail(err, DK_EDB, "the server rolled the transaction back: nothing was "
		               "written");
	}
	PQclear(res);
	return DK_OK;
}

static int pg_backup(struct dk_db *db, const char *path, struct dk_error *err)
{
	(void)path;
	return dk_fail(err, DK_EINPUT,
	               "'%s' is a PostgreSQL database: back it up on the server (pg_dump), or copy "
	               "it to a file with 'docket copy --from %s --to FILE'",
	               db->path, db->path);
}

/* The server writes its own log: nothing waits to be copied in. */
static int pg_checkpoint(struct dk_db *db, int *left, struct dk_error *err)
{
	(void)db;
	(void)err;
	*left = 0;
	return DK_OK;
}

/* The server keeps its own caches; a long run of writes needs nothing. */
static void pg_tune_bulk(struct dk_db *db, int on)
{
	(void)db;
	(void)on;
}

const struct dk_backend dk_pg_backend = {
	.name = "PostgreSQL",
	.dialect = DK_DIALECT_POSTGRES,
	.setup = pg_setup,
	.about = pg_about,
	.connect = pg_connect,
	.settle = pg_settle,
	.close = pg_close,
	.discard = pg_discard,
	.identify = pg_identify,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.schema_cookie = pg_schema_cookie,
	.table_columns = pg_table_columns,
	.load_begin = pg_load_begin,
	.load_end = pg_load_end,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec = pg_exec,
	.backup = pg_backup,
	.checkpoint = pg_checkpoint,
	.tune_bulk = pg_tune_bulk,
	.error = pg_error,
	.prepare = dk_pg_prepare,
	.finalize = dk_pg_finalize,
	.reset = dk_pg_reset,
	.param = dk_pg_param,
	.bind_text = dk_pg_bind_text,
	.bind_int = dk_pg_bind_int,
	.bind_double = dk_pg_bind_double,
	.bind_null = dk_pg_bind_null,
	.step = dk_pg_step,
	.col_count = dk_pg_col_count,
	.col_name = dk_pg_col_name,
	.col_type = dk_pg_col_type,
	.col_text = dk_pg_col_text,
	.col_int = dk_pg_col_int,
	.col_double = dk_pg_col_double,
};
