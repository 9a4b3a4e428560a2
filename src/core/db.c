/* db.c: docket/db.h over a struct dk_backend. What every engine shares
 * (path, actor, the lock-wait settings, the write guard) is kept here; the
 * rest is handed to the backend's table. */
#include "db_backend.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What dk_db_set_defaults gave, for every connection opened after it. */
static struct {
	int busy_ms;
	char command[DK_DB_COMMAND_LEN];
	dk_db_notice_fn notice;
	void *notice_ctx;
} defaults = {DK_DB_BUSY_TIMEOUT_MS, "", NULL, NULL};

void dk_db_set_defaults(int busy_ms, const char *command, dk_db_notice_fn fn, void *ctx)
{
	defaults.busy_ms = busy_ms < 0 ? 0 : busy_ms;
	snprintf(defaults.command, sizeof defaults.command, "%s", command != NULL ? command : "");
	defaults.notice = fn;
	defaults.notice_ctx = ctx;
}

int dk_db_init(struct dk_db *db, const struct dk_backend *be, const char *path,
               const char *actor, struct dk_error *err)
{
	db->be = be;
	db->path = strdup(path);
	db->actor = strdup(actor != NULL && *actor ? actor : "unknown");
	db->busy_ms = defaults.busy_ms;
	memcpy(db->command, defaults.command, sizeof db->command);
	db->notice = defaults.notice;
	db->notice_ctx = defaults.notice_ctx;
	db->guard_cookie = -1;
	if (db->path == NULL || db->actor == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	return DK_OK;
}

void dk_db_fini(struct dk_db *db)
{
	free(db->path);
	free(db->actor);
	db->path = db->actor = NULL;
}

int dk_db_connect(const struct dk_backend *be, const char *where, unsigned flags,
                  const char *actor, struct dk_db **out, int *created, struct dk_error *err)
{
	*out = NULL;
	*created = 0;
	return be->connect(where, flags, actor, out, created, err);
}

int dk_db_settle(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	return db->be->settle(db, flags, err);
}

void dk_db_discard(struct dk_db *db)
{
	const struct dk_backend *be = db->be;
	char *where = strdup(db->path);

	be->close(db);
	if (where != NULL)
		be->discard(where);
	free(where);
}

void dk_db_close(struct dk_db *db)
{
	if (db != NULL)
		db->be->close(db);
}

enum dk_dialect dk_db_dialect(const struct dk_db *db) { return db->be->dialect; }
const char *dk_db_path(const struct dk_db *db) { return db->path; }
const char *dk_db_actor(const struct dk_db *db) { return db->actor; }

int dk_db_set_actor(struct dk_db *db, const char *actor, struct dk_error *err)
{
	char *copy = strdup(actor);

	if (copy == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	free(db->actor);
	db->actor = copy;
	return DK_OK;
}

void dk_db_set_busy_timeout(struct dk_db *db, int ms) { db->busy_ms = ms < 0 ? 0 : ms; }
int dk_db_busy_timeout(const struct dk_db *db) { return db->busy_ms; }

void dk_db_set_command(struct dk_db *db, const char *what)
{
	snprintf(db->command, sizeof db->command, "%s", what != NULL ? what : "");
}

void dk_db_set_notice(struct dk_db *db, dk_db_notice_fn fn, void *ctx)
{
	db->notice = fn;
	db->notice_ctx = ctx;
}

void dk_db_set_guard(struct dk_db *db, dk_db_guard_fn fn)
{
	db->guard = fn;
	db->guard_cookie = -1;
}

int dk_db_identify(struct dk_db *db, struct dk_db_ident *id, struct dk_error *err)
{
	return db->be->identify(db, id, err);
}

int dk_db_schema_version(struct dk_db *db, int *version, struct dk_error *err)
{
	return db->be->schema_version(db, version, err);
}

int dk_db_set_schema_version(struct dk_db *db, int version, struct dk_error *err)
{
	return db->be->set_schema_version(db, version, err);
}

int dk_db_table_columns(struct dk_db *db, const char *table, dk_db_column_fn fn, void *ctx,
                        int *n, struct dk_error *err)
{
	return db->be->table_columns(db, table, fn, ctx, n, err);
}

int dk_db_backup(struct dk_db *db, const char *path, struct dk_error *err)
{
	return db->be->backup(db, path, err);
}

int dk_db_checkpoint(struct dk_db *db, int *left, struct dk_error *err)
{
	return db->be->checkpoint(db, left, err);
}

void dk_db_tune_bulk(struct dk_db *db, int on) { db->be->tune_bulk(db, on); }

int dk_db_error(struct dk_db *db, const char *what, struct dk_error *err)
{
	return db->be->error(db, what, err);
}

int dk_db_exec(struct dk_db *db, const char *sql, struct dk_error *err)
{
	return db->be->exec(db, sql, err);
}

int dk_db_exec_id(struct dk_db *db, const char *sql, int64_t id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* The guard runs under the write lock, once per schema change: a schema
 * altered behind docket's back is caught before the first write after it. */
static int guard_schema(struct dk_db *db, struct dk_error *err)
{
	int64_t cookie = 0;
	int rc;

	if ((rc = db->be->schema_cookie(db, &cookie, err)) != DK_OK)
		return rc;
	if (cookie == db->guard_cookie)
		return DK_OK;
	if ((rc = db->guard(db, err)) != DK_OK)
		return rc;
	db->guard_cookie = cookie;
	return DK_OK;
}

int dk_db_begin(struct dk_db *db, struct dk_error *err)
{
	int rc = db->be->begin(db, 1, err);

	if (rc != DK_OK)
		return rc;
	db->in_tx = 1;
	if (db->guard != NULL && (rc = guard_schema(db, err)) != DK_OK)
		dk_db_rollback(db);
	return rc;
}

int dk_db_commit(struct dk_db *db, struct dk_error *err)
{
	int rc;

	/* a load not ended has its triggers off: committing would keep them so */
	if (db->loading) {
		dk_db_rollback(db);
		return dk_fail(err, DK_EDB, "a load was not ended: rolled back");
	}
	if ((rc = db->be->commit(db, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	return DK_OK;
}

void dk_db_rollback(struct dk_db *db)
{
	if (db == NULL)
		return;
	db->be->rollback(db);
	db->in_tx = 0;
	db->loading = 0;
}

int dk_db_load_begin(struct dk_db *db, struct dk_error *err)
{
	int rc;

	if (!db->in_tx)
		return dk_fail(err, DK_EDB, "a load runs inside a write transaction");
	if (db->loading)
		return dk_fail(err, DK_EDB, "a load is already running");
	/* a half-done begin or end may have dropped some triggers: nothing
	 * of it may be committed */
	if ((rc = db->be->load_begin(db, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	db->loading = 1;
	return DK_OK;
}

int dk_db_load_end(struct dk_db *db, struct dk_error *err)
{
	int rc;

	if (!db->in_tx || !db->loading)
		return dk_fail(err, DK_EDB, "no load is running");
	if ((rc = db->be->load_end(db, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	db->loading = 0;
	return DK_OK;
}

int dk_db_read_begin(struct dk_db *db, struct dk_error *err)
{
	return db->be->begin(db, 0, err);
}

void dk_db_read_end(struct dk_db *db) { dk_db_rollback(db); }

int dk_stmt_prepare(struct dk_db *db, struct dk_stmt **s, const char *sql,
                    struct dk_error *err)
{
	*s = NULL;
	return db->be->prepare(db, s, sql, 1, err);
}

int dk_stmt_prepare_text(struct dk_db *db, struct dk_stmt **s, const char *sql,
                         struct dk_error *err)
{
	*s = NULL;
	return db->be->prepare(db, s, sql, 0, err);
}

void dk_stmt_finalize(struct dk_stmt **s)
{
	if (*s == NULL)
		return;
	(*s)->db->be->finalize(*s);
	*s = NULL;
}

void dk_stmt_reset(struct dk_stmt *s) { s->db->be->reset(s); }

int dk_stmt_has_param(struct dk_stmt *s, const char *name)
{
	return s->db->be->param(s, name) > 0;
}

static int param(struct dk_stmt *s, const char *name)
{
	int i = s->db->be->param(s, name);

	assert(i > 0 && "unknown bind parameter");
	return i;
}

void dk_bind_text(struct dk_stmt *s, const char *name, const char *v)
{
	if (v == NULL)
		s->db->be->bind_null(s, param(s, name));
	else
		s->db->be->bind_text(s, param(s, name), v);
}

void dk_bind_int(struct dk_stmt *s, const char *name, int64_t v)
{
	s->db->be->bind_int(s, param(s, name), v);
}

void dk_bind_double(struct dk_stmt *s, const char *name, double v)
{
	s->db->be->bind_double(s, param(s, name), v);
}

void dk_bind_null(struct dk_stmt *s, const char *name)
{
	s->db->be->bind_null(s, param(s, name));
}

int dk_stmt_step(struct dk_stmt *s, struct dk_error *err) { return s->db->be->step(s, err); }
int dk_col_count(struct dk_stmt *s) { return s->db->be->col_count(s); }
const char *dk_col_name(struct dk_stmt *s, int i) { return s->db->be->col_name(s, i); }
enum dk_col_type dk_col_type(struct dk_stmt *s, int i) { return s->db->be->col_type(s, i); }
const char *dk_col_text(struct dk_stmt *s, int i) { return s->db->be->col_text(s, i); }
int64_t dk_col_int(struct dk_stmt *s, int i) { return s->db->be->col_int(s, i); }
double dk_col_double(struct dk_stmt *s, int i) { return s->db->be->col_double(s, i); }
int dk_col_is_null(struct dk_stmt *s, int i) { return dk_col_type(s, i) == DK_COL_NULL; }

int dk_stmt_one_int(struct dk_stmt *s, int64_t *v, int *found, struct dk_error *err)
{
	int rc = dk_stmt_step(s, err);

	*found = 0;
	if (rc == DK_ROW) {
		*v = dk_col_int(s, 0);
		*found = 1;
		return DK_OK;
	}
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_stmt_insert(struct dk_stmt *s, int64_t *id, struct dk_error *err)
{
	int found, rc = dk_stmt_one_int(s, id, &found, err);

	if (rc == DK_OK && !found)
		return dk_fail(err, DK_EDB, "the insert returned no id");
	return rc;
}
