/* sqlite_stmt.c: prepared statements of the SQLite backend, with a cache
 * keyed by the address of their static SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_backend.h"
#include "sqlite_conn.h"

/* SQLite runs RETURNING by filling an ephemeral table on every execution:
 * about 1.2 us a row here (3.40), a tenth of an import's time per record.
 * A one-row INSERT ending in RETURNING id is therefore prepared without
 * the clause, and its row is made from sqlite3_last_insert_rowid once the
 * insert is done, which is the same id (a trigger's own inserts do not
 * change it once the trigger ends). The core's SQL stays portable. Not an
 * upsert (ON CONFLICT ... DO UPDATE leaves last_insert_rowid alone), and
 * an insert that writes more than one row is refused rather than given
 * one id. */
static const char RETURNING_ID[] = " RETURNING id";

/* The length of sql without its RETURNING id when it is such an INSERT
 * (and no upsert), else 0. */
static size_t returning_id_at(const char *sql)
{
	size_t n = strlen(sql), k = sizeof RETURNING_ID - 1;
	const char *p = sql;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (strncmp(p, "INSERT ", 7) == 0 && n > k && strcmp(sql + n - k, RETURNING_ID) == 0 &&
	    strstr(sql, "DO UPDATE") == NULL)
		return n - k;
	return 0;
}

/* The text SQLite holds for s is the one sql asks for. */
static int same_sql(const struct sq_stmt *s, const char *sql)
{
	const char *held = sqlite3_sql(s->st);
	size_t n;

	if (!s->ret)
		return strcmp(held, sql) == 0;
	n = strlen(held);
	return strncmp(held, sql, n) == 0 && strcmp(sql + n, RETURNING_ID) == 0;
}

int dk_sqlite_prepare(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
                      struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	struct sq_stmt *s;
	int free_slot = -1;
	size_t len;

	*out = NULL;
	for (int i = 0; cache && i < SQ_STMT_CACHE; i++) {
		if (q->cache[i].sql == NULL) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (!q->cache[i].in_use && q->cache[i].sql == sql && same_sql(&q->cache[i], sql)) {
			q->cache[i].in_use = 1;
			*out = &q->cache[i].base;
			return DK_OK;
		}
	}
	s = free_slot >= 0 ? &q->cache[free_slot] : calloc(1, sizeof *s);
	if (s == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	s->base.db = db;
	len = returning_id_at(sql);
	s->ret = len > 0;
	if (sqlite3_prepare_v3(q->h, sql, len > 0 ? (int)len : -1,
	                       free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, &s->st,
	                       NULL) != SQLITE_OK) {
		int rc = dk_db_error(db, "query", err);
		if (free_slot < 0)
			free(s);
		else
			s->st = NULL, s->ret = 0;
		return rc;
	}
	if (free_slot >= 0) {
		s->sql = sql;
		s->in_use = 1;
	}
	*out = &s->base;
	return DK_OK;
}

void dk_sqlite_finalize(struct dk_stmt *stmt)
{
	struct sq_stmt *s = sq_stmt(stmt);

	if (s->ret)
		s->ret = 1;
	if (s->sql != NULL) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		s->in_use = 0;
		return;
	}
	sqlite3_finalize(s->st);
	free(s);
}

void dk_sqlite_cache_free(struct dk_db *db)
{
	struct sq_db *q = sq_db(db);

	for (int i = 0; i < SQ_STMT_CACHE; i++)
		if (q->cache[i].st != NULL) {
			sqlite3_finalize(q->cache[i].st);
			q->cache[i].st = NULL;
			q->cache[i].sql = NULL;
		}
}

void dk_sqlite_reset(struct dk_stmt *s)
{
	if (sq_stmt(s)->ret)
		sq_stmt(s)->ret = 1;
	sqlite3_reset(sq_stmt(s)->st);
	sqlite3_clear_bindings(sq_stmt(s)->st);
}

int dk_sqlite_param(struct dk_stmt *s, const char *name)
{
	return sqlite3_bind_parameter_index(sq_stmt(s)->st, name);
}

void dk_sqlite_bind_text(struct dk_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(sq_stmt(s)->st, i, v, -1, SQLITE_TRANSIENT);
}

void dk_sqlite_bind_int(struct dk_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(sq_stmt(s)->st, i, v);
}

void dk_sqlite_bind_double(struct dk_stmt *s, int i, double v)
{
	sqlite3_bind_double(sq_stmt(s)->st, i, v);
}

void dk_sqlite_bind_null(struct dk_stmt *s, int i) { sqlite3_bind_null(sq_stmt(s)->st, i); }

/* The INSERT of an INSERT ... RETURNING id, then the id's row. */
static int step_returning_id(struct sq_stmt *s, struct dk_error *err)
{
	sqlite3 *h = sqlite3_db_handle(s->st);
	int rc;

	if (s->ret > 1) {
		s->ret = 3;
		return DK_DONE;
	}
	if ((rc = sqlite3_step(s->st)) != SQLITE_DONE)
		return rc == SQLITE_ROW ? DK_ROW : dk_db_error(s->base.db, "write", err);
	if (sqlite3_changes64(h) == 0) {
		s->ret = 3;
		return DK_DONE;
	}
	if (sqlite3_changes64(h) > 1) {
		s->ret = 3;
		return dk_fail(err, DK_EDB, "an INSERT ... RETURNING id wrote %lld rows: the "
		               "SQLite backend gives the id of one-row inserts only",
		               (long long)sqlite3_changes64(h));
	}
	s->ret = 2;
	s->ret_id = sqlite3_last_insert_rowid(h);
	snprintf(s->ret_text, sizeof s->ret_text, "%lld", (long long)s->ret_id);
	return DK_ROW;
}

/* Whether s stands on the id's row of step_returning_id. */
static int on_id(struct dk_stmt *s) { return sq_stmt(s)->ret == 2; }

int dk_sqlite_step(struct dk_stmt *s, struct dk_error *err)
{
	int rc;

	if (sq_stmt(s)->ret)
		return step_returning_id(sq_stmt(s), err);
	rc = sqlite3_step(sq_stmt(s)->st);

	if (rc == SQLITE_ROW)
		return DK_ROW;
	if (rc == SQLITE_DONE)
		return DK_DONE;
	return dk_db_error(s->db, "write", err);
}

int dk_sqlite_col_count(struct dk_stmt *s)
{
	return sq_stmt(s)->ret ? 1 : sqlite3_column_count(sq_stmt(s)->st);
}

const char *dk_sqlite_col_name(struct dk_stmt *s, int i)
{
	return sq_stmt(s)->ret ? (i == 0 ? "id" : NULL) : sqlite3_column_name(sq_stmt(s)->st, i);
}

enum dk_col_type dk_sqlite_col_type(struct dk_stmt *s, int i)
{
	if (sq_stmt(s)->ret)
		return on_id(s) && i == 0 ? DK_COL_INT : DK_COL_NULL;
	switch (sqlite3_column_type(sq_stmt(s)->st, i)) {
	case SQLITE_INTEGER:
		return DK_COL_INT;
	case SQLITE_FLOAT:
		return DK_COL_REAL;
	case SQLITE_TEXT:
		return DK_COL_TEXT;
	case SQLITE_BLOB:
		return DK_COL_BLOB;
	default:
		return DK_COL_NULL;
	}
}

const char *dk_sqlite_col_text(struct dk_stmt *s, int i)
{
	if (sq_stmt(s)->ret)
		return on_id(s) && i == 0 ? sq_stmt(s)->ret_text : NULL;
	return (const char *)sqlite3_column_text(sq_stmt(s)->st, i);
}

int64_t dk_sqlite_col_int(struct dk_stmt *s, int i)
{
	if (sq_stmt(s)->ret)
		return on_id(s) && i == 0 ? sq_stmt(s)->ret_id : 0;
	return sqlite3_column_int64(sq_stmt(s)->st, i);
}

double dk_sqlite_col_double(struct dk_stmt *s, int i)
{
	if (sq_stmt(s)->ret)
		return on_id(s) && i == 0 ? (double)sq_stmt(s)->ret_id : 0;
	return sqlite3_column_double(sq_stmt(s)->st, i);
}
