/* audit_state.c: dk_audit_check, what the file proves about itself beyond
 * its hash chain: the schema's triggers and views, every record against
 * the state its audit rows give it, and the derived search index. */
#include "docket/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "docket/db.h"
#include "docket/schema.h"
#include "docket/text.h"

struct check {
	struct dk_db *db;
	dk_row_fn fn;
	void *ctx;
	struct dk_audit_result *res;
	struct dk_error *err;
	int rc; /* the first status a callback returned */
};

static int finding(struct check *k, const char *check, int64_t seq, const char *subject,
                   const char *what)
{
	char s[32];

	k->res->findings++;
	snprintf(s, sizeof s, "%lld", (long long)seq);
	if (k->rc != DK_OK || k->fn == NULL)
		return k->rc;
	{
		const struct dk_cell cells[] = {
			{"check", check, DK_CELL_TEXT},
			{"seq", seq > 0 ? s : NULL, seq > 0 ? DK_CELL_INT : DK_CELL_NULL},
			{"subject", subject, DK_CELL_TEXT},
			{"finding", what, DK_CELL_TEXT},
		};
		k->rc = k->fn(k->ctx, 4, cells, k->err);
	}
	return k->rc;
}

static void schema_finding(void *ctx, const struct dk_schema_object *o, const char *problem)
{
	char what[200];

	if (strcmp(problem, "missing") == 0)
		snprintf(what, sizeof what, "the %s is missing%s%s", o->type,
		         strcmp(o->type, "trigger") == 0 ? " (it fires on " : "",
		         strcmp(o->type, "trigger") == 0 ? o->table : "");
	else if (strcmp(problem, "altered") == 0)
		snprintf(what, sizeof what, "the %s's SQL is not the SQL this docket expects", o->type);
	else if (strcmp(problem, "disabled") == 0)
		snprintf(what, sizeof what, "the %s is disabled: it does not fire", o->type);
	else if (strcmp(o->type, "function") == 0)
		snprintf(what, sizeof what, "this docket does not know the function");
	else
		snprintf(what, sizeof what, "this docket does not know the %s (on %s)", o->type,
		         o->table);
	if (strcmp(problem, "missing") == 0 && strcmp(o->type, "trigger") == 0)
		strncat(what, ")", sizeof what - strlen(what) - 1);
	finding(ctx, "schema", 0, o->name, what);
}

/* A table's columns as the engine declares them. */
#define MAX_COLUMNS 64
struct columns {
	int n;
	char name[MAX_COLUMNS][64];
	char *dflt[MAX_COLUMNS]; /* the SQL of its default; NULL: none */
};

static int add_column(void *ctx, const char *name, const char *dflt, int generated,
                      struct dk_error *err)
{
	struct columns *c = ctx;

	(void)generated; /* the trail holds generated columns too (risk.score) */
	if (c->n >= MAX_COLUMNS)
		return dk_fail(err, DK_EDB, "a table has more than %d columns", MAX_COLUMNS);
	snprintf(c->name[c->n], sizeof c->name[c->n], "%s", name);
	c->dflt[c->n] = dflt != NULL ? strdup(dflt) : NULL;
	if (dflt != NULL && c->dflt[c->n] == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	c->n++;
	return DK_OK;
}

static void columns_free(struct columns *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->dflt[i]);
	c->n = 0;
}

/* SQL quoting, the same in both engines: 'it''s' and "a ""b""". */
static void add_quoted(struct dk_buf *b, char q, const char *s)
{
	dk_buf_add(b, &q, 1);
	for (; *s; s++) {
		if (*s == q)
			dk_buf_add(b, &q, 1);
		dk_buf_add(b, s, 1);
	}
	dk_buf_add(b, &q, 1);
}

/* The record r's canonical text, as the audit triggers build it. SQLite:
 * docket_canon_object over its columns in table order, 'a', "a", 'b', "b",
 * ..., with a BLOB (which the triggers cannot write) shown as hex so that
 * reading it is no error. PostgreSQL: docket_canon_row(r), which is what
 * its triggers call with the row itself (columns of declared types). */
static void row_text(struct dk_db *db, const struct columns *c, struct dk_buf *b)
{
	if (dk_db_dialect(db) == DK_DIALECT_POSTGRES) {
		dk_buf_adds(b, "docket_canon_row(r)");
		return;
	}
	dk_buf_adds(b, "docket_canon_object(");
	for (int i = 0; i < c->n; i++) {
		if (i)
			dk_buf_adds(b, ", ");
		add_quoted(b, '\'', c->name[i]);
		dk_buf_adds(b, ", CASE WHEN typeof(");
		add_quoted(b, '"', c->name[i]);
		dk_buf_adds(b, ") = 'blob' THEN 'x''' || hex(");
		add_quoted(b, '"', c->name[i]);
		dk_buf_adds(b, ") || '''' ELSE ");
		add_quoted(b, '"', c->name[i]);
		dk_buf_adds(b, " END");
	}
	dk_buf_adds(b, ")");
}

/* Whether column i of v (the record's value) is what a column's declared
 * default gives (NULL when it declares none): what an ALTER TABLE ... ADD
 * COLUMN in a migration leaves in records written before it, whose audit
 * rows cannot name the column. */
static int is_default(struct dk_db *db, struct dk_stmt *v, int i, const char *dflt)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	enum dk_col_type t = dk_col_type(v, i);
	int same = 0;

	if (dflt == NULL)
		return t == DK_COL_NULL;
	dk_buf_addf(&q, "SELECT CASE WHEN :v IS NOT DISTINCT FROM (%s) THEN 1 ELSE 0 END", dflt);
	if (dk_buf_ok(&q) && dk_stmt_prepare_text(db, &s, dk_buf_str(&q), NULL) == DK_OK) {
		if (t == DK_COL_INT)
			dk_bind_int(s, ":v", dk_col_int(v, i));
		else if (t == DK_COL_REAL)
			dk_bind_double(s, ":v", dk_col_double(v, i));
		else
			dk_bind_text(s, ":v", t == DK_COL_NULL ? NULL : dk_col_text(v, i));
		same = dk_stmt_step(s, NULL) == DK_ROW && dk_col_int(s, 0);
	}
	dk_stmt_finalize(&s);
	dk_buf_free(&q);
	return same;
}

static const char *default_of(const struct columns *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return c->dflt[i];
	return NULL;
}

/* The keys whose values differ between an audit row (:a) and the
 * record's current text (:b): key, whether the audit row lacks it, the
 * record's value. A row written before migration 0014 (:legacy) holds its
 * reals as json_object wrote them, with at most 15 significant digits: a
 * real that reads the same at 15 digits is no difference there. No
 * PostgreSQL database predates 0014; there the keys come in jsonb's order. */
static const struct dk_sql SQL_DIFF = {
	.sqlite =
		"SELECT coalesce(x.key, y.key), x.key IS NULL, y.value"
		" FROM json_each(:a) x FULL JOIN json_each(:b) y ON x.key = y.key"
		" WHERE x.key IS NULL OR y.key IS NULL OR x.type <> y.type OR (x.value IS NOT y.value"
		"   AND NOT (:legacy AND x.type = 'real' AND x.value = CAST(printf('%!.15g', y.value) AS REAL)))"
		" ORDER BY coalesce(x.id, 1e9), y.id",
	.postgres =
		"SELECT coalesce(x.key, y.key), CASE WHEN x.key IS NULL THEN 1 ELSE 0 END,"
		"       y.value #>> '{}'"
		" FROM jsonb_each((:a)::jsonb) x FULL JOIN jsonb_each((:b)::jsonb) y ON x.key = y.key"
		" WHERE x.key IS NULL OR y.key IS NULL OR x.value IS DISTINCT FROM y.value"
		" ORDER BY coalesce(x.key, y.key)",
};

/* The keys whose values differ between an audit row and the record's
 * current text, comma-separated; a column the audit row does not name is
 * no difference while the record holds its default. */
static void diff_keys(struct dk_db *db, const struct columns *c, const char *audited,
                      const char *now, int legacy, char *out, size_t size)
{
	struct dk_error e;
	struct dk_stmt *s = NULL;
	size_t used = 0;
	/* On PostgreSQL a failed statement ends the whole transaction, and the
	 * comparison fails on a row that is not JSON: it runs under a savepoint
	 * there, so that the check goes on to the next record. */
	int pg = dk_db_dialect(db) == DK_DIALECT_POSTGRES;
	int rc;

	out[0] = '\0';
	if (pg && dk_db_exec(db, "SAVEPOINT audit_diff", &e) != DK_OK) {
		snprintf(out, size, "(cannot compare: %.150s)", e.msg);
		return;
	}
	if (dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_DIFF), &e) != DK_OK) {
		snprintf(out, size, "(cannot compare: %.150s)", e.msg);
		if (pg && dk_db_exec(db, "ROLLBACK TO audit_diff", &e) == DK_OK)
			dk_db_exec(db, "RELEASE audit_diff", &e);
		return;
	}
	dk_bind_text(s, ":a", audited);
	dk_bind_text(s, ":b", now);
	if (dk_stmt_has_param(s, ":legacy"))
		dk_bind_int(s, ":legacy", legacy);
	while ((rc = dk_stmt_step(s, NULL)) == DK_ROW && used + 1 < size) {
		int w;

		if (dk_col_int(s, 1) && is_default(db, s, 2, default_of(c, dk_col_text(s, 0))))
			continue;
		w = snprintf(out + used, size - used, "%s%s", used ? ", " : "", dk_col_text(s, 0));
		if (w < 0 || (size_t)w >= size - used) {
			snprintf(out + (size > 4 ? size - 4 : 0), size > 4 ? 4 : size, "...");
			break;
		}
		used += (size_t)w;
	}
	/* An audit row that is not JSON (edited, then re-hashed) is itself
	 * the difference. */
	if (rc != DK_ROW && rc != DK_DONE)
		snprintf(out, size, "every column (its audit row is not valid JSON)");
	dk_stmt_finalize(&s);
	if (pg && (rc == DK_ROW || rc == DK_DONE || dk_db_exec(db, "ROLLBACK TO audit_diff", &e) == DK_OK))
		dk_db_exec(db, "RELEASE audit_diff", &e);
}

/* Prepares SQL composed here (never from input); a failure is the
 * connection's error, named by what. */
static int prepare_built(struct dk_db *db, struct dk_stmt **s, const struct dk_buf *q,
                         const char *what, struct dk_error *err)
{
	if (!dk_buf_ok(q))
		return dk_fail(err, DK_EDB, "out of memory");
	if (dk_stmt_prepare_text(db, s, dk_buf_str(q), NULL) != DK_OK)
		return dk_db_error(db, what, err);
	return DK_OK;
}

/* Each record against its latest audit row: the row must exist, not be a
 * delete, and give the record's every column its current value. */
static int check_records(struct check *k, const char *table, struct dk_error *err)
{
	struct dk_buf q = {0}, args = {0};
	struct columns cols = {0};
	struct dk_stmt *s = NULL;
	char subject[96], what[400], keys[200];
	int rc, n = 0;

	if ((rc = dk_db_table_columns(k->db, table, add_column, &cols, &n, err)) != DK_OK)
		goto out;
	if (n == 0) {
		snprintf(what, sizeof what, "the table is missing");
		rc = finding(k, "record", 0, table, what);
		goto out;
	}
	row_text(k->db, &cols, &args);
	dk_buf_addf(&q,
	            "SELECT t.id, a.seq, a.action, a.row, t.j,"
	            "       CASE WHEN a.at <= (SELECT applied_at FROM schema_migration WHERE version = 14)"
	            "            THEN 1 ELSE 0 END FROM ("
	            "  SELECT id, %s AS j,"
	            "         (SELECT max(seq) FROM audit_log WHERE entity = '%s' AND entity_id = r.id) AS last"
	            "  FROM \"%s\" r) t"
	            " LEFT JOIN audit_log a ON a.seq = t.last"
	            " WHERE a.seq IS NULL OR a.action = 'delete' OR a.row <> t.j"
	            " ORDER BY t.id",
	            dk_buf_str(&args), table, table);
	if ((rc = prepare_built(k->db, &s, &q, "checking the records", err)) != DK_OK)
		goto out;
	while (k->rc == DK_OK && (rc = dk_stmt_step(s, NULL)) == DK_ROW) {
		int64_t id = dk_col_int(s, 0), seq = dk_col_int(s, 1);
		const char *action = dk_col_text(s, 2);

		snprintf(subject, sizeof subject, "%s %lld", table, (long long)id);
		if (dk_col_is_null(s, 1)) {
			finding(k, "record", 0, subject, "no audit row: written outside the trail");
			continue;
		}
		if (strcmp(action, "delete") == 0) {
			finding(k, "record", seq, subject, "exists, but the trail says it was deleted");
			continue;
		}
		diff_keys(k->db, &cols, dk_col_text(s, 3), dk_col_text(s, 4), (int)dk_col_int(s, 5),
		          keys, sizeof keys);
		if (keys[0] == '\0')
			continue; /* the same values, in another order or newer columns */
		snprintf(what, sizeof what, "changed outside the trail: %s", keys);
		finding(k, "record", seq, subject, what);
	}
	if (k->rc == DK_OK && rc != DK_DONE) {
		rc = dk_db_error(k->db, "checking the records", err);
		goto out;
	}
	dk_stmt_finalize(&s);

	/* And the other way: what the trail says exists must. */
	dk_buf_free(&q);
	dk_buf_addf(&q,
	            "SELECT m.entity_id, m.seq FROM ("
	            "  SELECT entity_id, max(seq) AS seq FROM audit_log WHERE entity = '%s'"
	            "  GROUP BY entity_id) m JOIN audit_log a ON a.seq = m.seq"
	            " WHERE a.action <> 'delete' AND NOT EXISTS (SELECT 1 FROM \"%s\" WHERE id = m.entity_id)"
	            " ORDER BY m.entity_id",
	            table, table);
	if ((rc = prepare_built(k->db, &s, &q, "checking the records", err)) != DK_OK)
		goto out;
	while (k->rc == DK_OK && (rc = dk_stmt_step(s, NULL)) == DK_ROW) {
		snprintf(subject, sizeof subject, "%s %lld", table, (long long)dk_col_int(s, 0));
		finding(k, "record", dk_col_int(s, 1), subject,
		        "deleted outside the trail (the trail says it exists)");
	}
	rc = k->rc != DK_OK || rc == DK_DONE ? DK_OK : dk_db_error(k->db, "checking the records", err);
out:
	dk_stmt_finalize(&s);
	dk_buf_free(&q);
	dk_buf_free(&args);
	columns_free(&cols);
	return rc;
}

static int check_entities(struct check *k, struct dk_error *err)
{
	const char *const *t = dk_schema_audited_tables();
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	char what[160];
	int rc;

	dk_buf_adds(&q, "SELECT min(seq), entity, count(*) FROM audit_log WHERE entity NOT IN (");
	for (int i = 0; t[i]; i++)
		dk_buf_addf(&q, "%s'%s'", i ? ", " : "", t[i]);
	dk_buf_adds(&q, ") GROUP BY entity ORDER BY 1");
	rc = prepare_built(k->db, &s, &q, "checking the trail", err);
	dk_buf_free(&q);
	if (rc != DK_OK)
		return rc;
	while (k->rc == DK_OK && dk_stmt_step(s, NULL) == DK_ROW) {
		snprintf(what, sizeof what, "%lld audit rows name a table the trail does not cover",
		         (long long)dk_col_int(s, 2));
		finding(k, "record", dk_col_int(s, 0), dk_col_text(s, 1), what);
	}
	dk_stmt_finalize(&s);
	return DK_OK;
}

/* The search indexes, each derived from its records by triggers through
 * a view (migrations 0002 and 0012). */
static const struct search_index {
	const char *entity; /* the record's table, as findings name it */
	const char *fts;
	const char *source; /* the view the index is built from */
	const char *cols;   /* its columns after the id */
} search_indexes[] = {
	{"decision", "decision_fts", "decision_fts_source", "title, problem, drivers, options, rationale"},
	{"risk", "risk_fts", "risk_fts_source", "title, description, reasons"},
	{"evidence", "evidence_fts", "evidence_fts_source", "title, summary, uri"},
	{"review", "review_fts", "review_fts_source", "notes"},
	{"context", "context_fts", "context_fts_source",
	 "system, velocity, stack, compliance, assumptions, out_of_scope"},
};

/* Whether a table (or virtual table) exists: it has columns. */
static int count_column(void *ctx, const char *name, const char *dflt, int generated,
                        struct dk_error *err)
{
	(void)ctx;
	(void)name;
	(void)dflt;
	(void)generated;
	(void)err;
	return DK_OK;
}

static int table_exists(struct dk_db *db, const char *table)
{
	int n = 0;

	return dk_db_table_columns(db, table, count_column, NULL, &n, NULL) == DK_OK && n > 0;
}

/* A client that writes an index directly makes searches lie: its content
 * must equal the view it is built from, both ways. On SQLite the indexes
 * are FTS5 tables (rowid is theirs); on PostgreSQL, tables with a rowid
 * column whose tsvector is generated from the same text columns, so the
 * same comparison serves. */
static int check_index(struct check *k, const struct search_index *x)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	char subject[64], what[160];
	int rc = DK_DONE;

	if (!table_exists(k->db, x->fts))
		return finding(k, "search", 0, x->fts, "the search index is missing");
	dk_buf_addf(&q,
	            "SELECT id, 'holds text no %s has' FROM ("
	            "  SELECT rowid AS id, %s FROM %s EXCEPT SELECT id, %s FROM %s) i"
	            " UNION ALL "
	            "SELECT id, 'is missing or stale for it' FROM ("
	            "  SELECT id, %s FROM %s EXCEPT SELECT rowid, %s FROM %s) m"
	            " ORDER BY 1",
	            x->entity, x->cols, x->fts, x->cols, x->source, x->cols, x->source, x->cols,
	            x->fts);
	if (!dk_buf_ok(&q) || dk_stmt_prepare_text(k->db, &s, dk_buf_str(&q), NULL) != DK_OK) {
		dk_buf_free(&q);
		return finding(k, "search", 0, x->fts, "the search index cannot be read");
	}
	dk_buf_free(&q);
	while (k->rc == DK_OK && (rc = dk_stmt_step(s, NULL)) == DK_ROW) {
		snprintf(subject, sizeof subject, "%s %lld", x->entity, (long long)dk_col_int(s, 0));
		snprintf(what, sizeof what, "the search index %s", dk_col_text(s, 1));
		finding(k, "search", 0, subject, what);
	}
	if (k->rc == DK_OK && rc != DK_DONE)
		finding(k, "search", 0, x->fts, "the search index cannot be read");
	dk_stmt_finalize(&s);
	return k->rc;
}

static int check_search(struct check *k, struct dk_error *err)
{
	(void)err;
	for (size_t i = 0; i < sizeof search_indexes / sizeof *search_indexes && k->rc == DK_OK; i++)
		check_index(k, &search_indexes[i]);
	return DK_OK;
}

int dk_audit_check(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_audit_result *res,
                   struct dk_error *err)
{
	int rc;

	if ((rc = dk_db_read_begin(db, err)) != DK_OK)
		return rc;
	rc = dk_audit_check_tx(db, fn, ctx, res, err);
	dk_db_read_end(db);
	return rc;
}

int dk_audit_check_tx(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_audit_result *res,
                      struct dk_error *err)
{
	struct check k = {db, fn, ctx, res, err, DK_OK};
	int problems = 0, rc;
	struct dk_audit_result chain;

	rc = dk_audit_verify(db, &chain, err);
	if (rc == DK_OK) {
		*res = chain;
		res->findings = 0;
		rc = dk_schema_check(db, schema_finding, &k, &problems, err);
	}
	if (rc == DK_OK && chain.broken_seq != 0) {
		char s[32];
		snprintf(s, sizeof s, "audit_log %lld", (long long)chain.broken_seq);
		finding(&k, "chain", chain.broken_seq, s, chain.reason);
	}
	for (const char *const *t = dk_schema_audited_tables(); rc == DK_OK && k.rc == DK_OK && *t; t++)
		rc = check_records(&k, *t, err);
	if (rc == DK_OK && k.rc == DK_OK)
		rc = check_entities(&k, err);
	if (rc == DK_OK && k.rc == DK_OK)
		rc = check_search(&k, err);
	return rc == DK_OK ? k.rc : rc;
}
