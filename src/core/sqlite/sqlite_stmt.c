/* sqlite_stmt.c: prepared statements of the SQLite backend, with a cache
 * keyed by the address of their static SQL. */
#include <stdlib.h>
#include <string.h>

#include "sqlite_backend.h"
#include "sqlite_conn.h"

int dk_sqlite_prepare(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
                      struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	struct sq_stmt *s;
	int free_slot = -1;

	*out = NULL;
	for (int i = 0; cache && i < SQ_STMT_CACHE; i++) {
		if (q->cache[i].sql == NULL) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (!q->cache[i].in_use && q->cache[i].sql == sql &&
		    strcmp(sqlite3_sql(q->cache[i].st), sql) == 0) {
			q->cache[i].in_use = 1;
			*out = &q->cache[i].base;
			return DK_OK;
		}
	}
	s = free_slot >= 0 ? &q->cache[free_slot] : calloc(1, sizeof *s);
	if (s == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	s->base.db = db;
	if (sqlite3_prepare_v3(q->h, sql, -1, free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0,
	                       &s->st, NULL) != SQLITE_OK) {
		int rc = dk_db_error(db, "query", err);
		if (free_slot < 0)
			free(s);
		else
			s->st = NULL;
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

int dk_sqlite_step(struct dk_stmt *s, struct dk_error *err)
{
	int rc = sqlite3_step(sq_stmt(s)->st);

	if (rc == SQLITE_ROW)
		return DK_ROW;
	if (rc == SQLITE_DONE)
		return DK_DONE;
	return dk_db_error(s->db, "write", err);
}

int dk_sqlite_col_count(struct dk_stmt *s) { return sqlite3_column_count(sq_stmt(s)->st); }

const char *dk_sqlite_col_name(struct dk_stmt *s, int i)
{
	return sqlite3_column_name(sq_stmt(s)->st, i);
}

enum dk_col_type dk_sqlite_col_type(struct dk_stmt *s, int i)
{
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
	return (const char *)sqlite3_column_text(sq_stmt(s)->st, i);
}

int64_t dk_sqlite_col_int(struct dk_stmt *s, int i)
{
	return sqlite3_column_int64(sq_stmt(s)->st, i);
}

double dk_sqlite_col_double(struct dk_stmt *s, int i)
{
	return sqlite3_column_double(sq_stmt(s)->st, i);
}
