/* sqlite_load.c: the SQLite backend's loads (dk_db_load_begin and
 * dk_db_load_end, docket/db.h): the schema's triggers dropped for the
 * load and re-created from their own text after it, in one transaction,
 * and the full-text indexes they keep filled again from their views. */
#include <stdlib.h>
#include <string.h>

#include "sqlite_backend.h"
#include "sqlite_conn.h"

/* Every trigger in the order SQLite fires them: it keeps a table's
 * triggers in the order of their creation, and re-creating them in
 * rowid order keeps it. */
static const char SQL_TRIGGERS[] =
	"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid";
static const char SQL_FTS_TABLES[] =
	"SELECT name FROM sqlite_schema WHERE type = 'table'"
	" AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%' ORDER BY rowid";
static const char SQL_HAS_VIEW[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = ?1 || '_source'";
static const char SQL_FTS_COLUMNS[] = "SELECT name FROM pragma_table_info(?1) ORDER BY cid";

/* A list of strings the load keeps, caller frees with list_free. */
struct list {
	int n, cap;
	char **v;
};

static int list_add(struct list *l, const char *s)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);
		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(s != NULL ? s : "")) == NULL)
		return -1;
	l->n++;
	return 0;
}

static void list_free(struct list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void dk_sqlite_load_free(struct dk_db *db)
{
	struct sq_db *q = sq_db(db);
	struct list l = {q->load_n, q->load_n, q->load_sql};

	list_free(&l);
	q->load_sql = NULL;
	q->load_n = 0;
}

/* Runs a statement that takes the text arg as ?1 (NULL: none) and adds
 * column col of every row to out. */
static int read_list(struct sq_db *q, const char *sql, const char *arg, int col, struct list *out,
                     const char *what, struct dk_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(q->h, sql, -1, &st, NULL) != SQLITE_OK)
		return dk_db_error(&q->base, what, err);
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (list_add(out, (const char *)sqlite3_column_text(st, col)) != 0) {
			sqlite3_finalize(st);
			return dk_fail(err, DK_EDB, "out of memory");
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dk_db_error(&q->base, what, err);
	return DK_OK;
}

/* Runs SQL built with sqlite3_str (NULL when it ran out of memory), then
 * frees it. */
static int exec_built(struct sq_db *q, sqlite3_str *b, const char *what, struct dk_error *err)
{
	char *sql = sqlite3_str_finish(b);
	int rc = DK_OK;

	if (sql == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	if (sqlite3_exec(q->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		rc = dk_db_error(&q->base, what, err);
	sqlite3_free(sql);
	return rc;
}

int dk_sqlite_load_begin(struct dk_db *db, struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	struct list names = {0}, sqls = {0};
	int rc;

	if ((rc = read_list(q, SQL_TRIGGERS, NULL, 0, &names, "reading the triggers", err)) != DK_OK ||
	    (rc = read_list(q, SQL_TRIGGERS, NULL, 1, &sqls, "reading the triggers", err)) != DK_OK)
		goto out;
	for (int i = 0; i < names.n; i++) {
		sqlite3_str *b = sqlite3_str_new(q->h);

		sqlite3_str_appendf(b, "DROP TRIGGER \"%w\"", names.v[i]);
		if ((rc = exec_built(q, b, "dropping a trigger for the load", err)) != DK_OK)
			goto out;
	}
	/* a row may name a later row of its own table (a decision that
	 * supersedes a newer one): foreign keys hold at commit */
	if (sqlite3_exec(q->h, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
		rc = dk_db_error(db, "deferring foreign keys", err);
		goto out;
	}
	q->load_sql = sqls.v;
	q->load_n = sqls.n;
	memset(&sqls, 0, sizeof sqls);
out:
	list_free(&names);
	list_free(&sqls);
	return rc;
}

/* Fills the fts5 table t from its view t_source, as its triggers would
 * have row by row: rowid the record's id, then its columns by name. */
static int rebuild_fts(struct sq_db *q, const char *t, struct dk_error *err)
{
	struct list cols = {0};
	sqlite3_stmt *st = NULL;
	sqlite3_str *b;
	int views = 0, rc;

	if (sqlite3_prepare_v2(q->h, SQL_HAS_VIEW, -1, &st, NULL) != SQLITE_OK)
		return dk_db_error(&q->base, "reading the views", err);
	sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		views = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (views != 1)
		return dk_fail(err, DK_EDB, "cannot rebuild the search index %s: there is no view "
		               "%s_source to build it from", t, t);
	if ((rc = read_list(q, SQL_FTS_COLUMNS, t, 0, &cols, "reading a search index", err)) != DK_OK)
		goto out;
	b = sqlite3_str_new(q->h);
	sqlite3_str_appendf(b, "DELETE FROM \"%w\"; INSERT INTO \"%w\" (rowid", t, t);
	for (int i = 0; i < cols.n; i++)
		sqlite3_str_appendf(b, ", \"%w\"", cols.v[i]);
	sqlite3_str_appendf(b, ") SELECT id");
	for (int i = 0; i < cols.n; i++)
		sqlite3_str_appendf(b, ", \"%w\"", cols.v[i]);
	sqlite3_str_appendf(b, " FROM \"%w_source\"", t);
	rc = exec_built(q, b, "rebuilding a search index", err);
out:
	list_free(&cols);
	return rc;
}

int dk_sqlite_load_end(struct dk_db *db, struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	struct list fts = {0};
	int rc;

	if ((rc = read_list(q, SQL_FTS_TABLES, NULL, 0, &fts, "reading the search indexes", err)) !=
	    DK_OK)
		goto out;
	for (int i = 0; i < fts.n; i++)
		if ((rc = rebuild_fts(q, fts.v[i], err)) != DK_OK)
			goto out;
	/* sqlite_schema keeps a trigger's text as it was given: the same text
	 * gives the same entry, which the schema check compares */
	for (int i = 0; i < q->load_n; i++)
		if (sqlite3_exec(q->h, q->load_sql[i], NULL, NULL, NULL) != SQLITE_OK) {
			rc = dk_db_error(db, "re-creating a trigger after the load", err);
			goto out;
		}
	dk_sqlite_load_free(db);
out:
	list_free(&fts);
	return rc;
}
