/* audit_state.c: dk_audit_check, what the file proves about itself beyond
 * its hash chain: the schema's triggers and views, every record against
 * the state its audit rows give it, and the derived search index. */
#include "docket/audit.h"

#include <stdio.h>
#include <string.h>

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
	else
		snprintf(what, sizeof what, "this docket does not know the %s (on %s)", o->type,
		         o->table);
	if (strcmp(problem, "missing") == 0 && strcmp(o->type, "trigger") == 0)
		strncat(what, ")", sizeof what - strlen(what) - 1);
	finding(ctx, "schema", 0, o->name, what);
}

/* The names of a table's columns, quoted, as docket_canon_object arguments
 * in table order: 'a', "a", 'b', "b", ... A BLOB, which the triggers cannot
 * write, is shown as hex so that reading it is no error. */
static int json_args(struct dk_db *db, const char *table, struct dk_buf *b, struct dk_error *err)
{
	sqlite3_stmt *st;
	int n = 0;

	static const char sql[] =
		"SELECT name FROM pragma_table_xinfo(?1) WHERE hidden <> 1 ORDER BY cid";

	if (sqlite3_prepare_v2(dk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return dk_db_error(db, "reading the columns", err);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		char *q = sqlite3_mprintf("%s'%q', CASE WHEN typeof(\"%w\") = 'blob' THEN 'x''' || "
		                          "hex(\"%w\") || '''' ELSE \"%w\" END",
		                          n++ ? ", " : "", c, c, c, c);
		if (q == NULL) {
			sqlite3_finalize(st);
			return dk_fail(err, DK_EDB, "out of memory");
		}
		dk_buf_adds(b, q);
		sqlite3_free(q);
	}
	sqlite3_finalize(st);
	return n > 0 ? DK_OK : DK_EFAIL; /* no columns: the table is gone */
}

/* Whether value is what a column's declared default gives (NULL when it
 * declares none): what an ALTER TABLE ... ADD COLUMN in a migration leaves
 * in records written before it, whose audit rows cannot name the column. */
static int is_default(struct dk_db *db, sqlite3_value *value, const char *dflt)
{
	sqlite3_stmt *st;
	char *sql;
	int same = 0;

	if (dflt == NULL)
		return sqlite3_value_type(value) == SQLITE_NULL;
	if ((sql = sqlite3_mprintf("SELECT ?1 IS (%s)", dflt)) == NULL)
		return 0;
	if (sqlite3_prepare_v2(dk_db_sqlite(db), sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_value(st, 1, value);
		same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return same;
}

/* The keys whose values differ between an audit row and the record's
 * current JSON, comma-separated; a column the audit row does not name is
 * no difference while the record holds its default. A row written before
 * migration 0014 (legacy) holds its reals as json_object wrote them, with
 * at most 15 significant digits: a real that reads the same at 15 digits
 * is no difference there. */
static void diff_keys(struct dk_db *db, const char *table, const char *audited,
                      const char *now, int legacy, char *out, size_t size)
{
	static const char sql[] =
		"SELECT coalesce(x.key, y.key), x.key IS NULL, y.value,"
		"       (SELECT dflt_value FROM pragma_table_xinfo(?3) WHERE name = y.key)"
		" FROM json_each(?1) x FULL JOIN json_each(?2) y ON x.key = y.key"
		" WHERE x.key IS NULL OR y.key IS NULL OR x.type <> y.type OR (x.value IS NOT y.value"
		"   AND NOT (?4 AND x.type = 'real' AND x.value = CAST(printf('%!.15g', y.value) AS REAL)))"
		" ORDER BY coalesce(x.id, 1e9), y.id";
	sqlite3_stmt *st;
	size_t used = 0;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(dk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(out, size, "(cannot compare: %s)", sqlite3_errmsg(dk_db_sqlite(db)));
		return;
	}
	sqlite3_bind_text(st, 1, audited, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, table, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, legacy);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && used + 1 < size) {
		int w;

		if (sqlite3_column_int(st, 1) &&
		    is_default(db, sqlite3_column_value(st, 2), (const char *)sqlite3_column_text(st, 3)))
			continue;
		w = snprintf(out + used, size - used, "%s%s", used ? ", " : "",
		             (const char *)sqlite3_column_text(st, 0));
		if (w < 0 || (size_t)w >= size - used) {
			snprintf(out + (size > 4 ? size - 4 : 0), size > 4 ? 4 : size, "...");
			break;
		}
		used += (size_t)w;
	}
	/* An audit row that is not JSON (edited, then re-hashed) is itself
	 * the difference. */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		snprintf(out, size, "every column (its audit row is not valid JSON)");
	sqlite3_finalize(st);
}

static int table_exists(struct dk_db *db, const char *table)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(dk_db_sqlite(db),
	                       "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", -1,
	                       &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Each record against its latest audit row: the row must exist, not be a
 * delete, and give the record's every column its current value. */
static int check_records(struct check *k, const char *table, struct dk_error *err)
{
	struct dk_buf q = {0}, args = {0};
	sqlite3_stmt *st = NULL;
	char subject[96], what[400], keys[200];
	int rc;

	if (!table_exists(k->db, table)) {
		snprintf(what, sizeof what, "the table is missing");
		return finding(k, "record", 0, table, what);
	}
	if ((rc = json_args(k->db, table, &args, err)) != DK_OK) {
		dk_buf_free(&args);
		return rc == DK_EFAIL ? DK_OK : rc;
	}
	dk_buf_addf(&q,
	            "SELECT t.id, a.seq, a.action, a.row, t.j,"
	            "       a.at <= (SELECT applied_at FROM schema_migration WHERE version = 14) FROM ("
	            "  SELECT id, docket_canon_object(%s) AS j,"
	            "         (SELECT max(seq) FROM audit_log WHERE entity = '%s' AND entity_id = r.id) AS last"
	            "  FROM \"%s\" r) t"
	            " LEFT JOIN audit_log a ON a.seq = t.last"
	            " WHERE a.seq IS NULL OR a.action = 'delete' OR a.row <> t.j"
	            " ORDER BY t.id",
	            dk_buf_str(&args), table, table);
	dk_buf_free(&args);
	if (sqlite3_prepare_v2(dk_db_sqlite(k->db), dk_buf_str(&q), -1, &st, NULL) != SQLITE_OK) {
		rc = dk_db_error(k->db, "checking the records", err);
		goto out;
	}
	while (k->rc == DK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), seq = sqlite3_column_int64(st, 1);
		const char *action = (const char *)sqlite3_column_text(st, 2);

		snprintf(subject, sizeof subject, "%s %lld", table, (long long)id);
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			finding(k, "record", 0, subject, "no audit row: written outside the trail");
			continue;
		}
		if (strcmp(action, "delete") == 0) {
			finding(k, "record", seq, subject, "exists, but the trail says it was deleted");
			continue;
		}
		diff_keys(k->db, table, (const char *)sqlite3_column_text(st, 3),
		          (const char *)sqlite3_column_text(st, 4), sqlite3_column_int(st, 5), keys,
		          sizeof keys);
		if (keys[0] == '\0')
			continue; /* the same values, in another order or newer columns */
		snprintf(what, sizeof what, "changed outside the trail: %s", keys);
		finding(k, "record", seq, subject, what);
	}
	if (k->rc == DK_OK && rc != SQLITE_DONE) {
		rc = dk_db_error(k->db, "checking the records", err);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;

	/* And the other way: what the trail says exists must. */
	dk_buf_free(&q);
	dk_buf_addf(&q,
	            "SELECT m.entity_id, m.seq FROM ("
	            "  SELECT entity_id, max(seq) AS seq FROM audit_log WHERE entity = '%s'"
	            "  GROUP BY entity_id) m JOIN audit_log a ON a.seq = m.seq"
	            " WHERE a.action <> 'delete' AND NOT EXISTS (SELECT 1 FROM \"%s\" WHERE id = m.entity_id)"
	            " ORDER BY m.entity_id",
	            table, table);
	if (sqlite3_prepare_v2(dk_db_sqlite(k->db), dk_buf_str(&q), -1, &st, NULL) != SQLITE_OK) {
		rc = dk_db_error(k->db, "checking the records", err);
		goto out;
	}
	while (k->rc == DK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(subject, sizeof subject, "%s %lld", table, (long long)sqlite3_column_int64(st, 0));
		finding(k, "record", sqlite3_column_int64(st, 1), subject,
		        "deleted outside the trail (the trail says it exists)");
	}
	rc = k->rc != DK_OK || rc == SQLITE_DONE ? DK_OK : dk_db_error(k->db, "checking the records", err);
out:
	sqlite3_finalize(st);
	dk_buf_free(&q);
	return rc;
}

static int check_entities(struct check *k, struct dk_error *err)
{
	const char *const *t = dk_schema_audited_tables();
	struct dk_buf q = {0};
	sqlite3_stmt *st;
	char what[160];
	int rc;

	dk_buf_adds(&q, "SELECT min(seq), entity, count(*) FROM audit_log WHERE entity NOT IN (");
	for (int i = 0; t[i]; i++)
		dk_buf_addf(&q, "%s'%s'", i ? ", " : "", t[i]);
	dk_buf_adds(&q, ") GROUP BY entity ORDER BY 1");
	if (sqlite3_prepare_v2(dk_db_sqlite(k->db), dk_buf_str(&q), -1, &st, NULL) != SQLITE_OK) {
		dk_buf_free(&q);
		return dk_db_error(k->db, "checking the trail", err);
	}
	dk_buf_free(&q);
	while (k->rc == DK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(what, sizeof what, "%lld audit rows name a table the trail does not cover",
		         (long long)sqlite3_column_int64(st, 2));
		finding(k, "record", sqlite3_column_int64(st, 0),
		        (const char *)sqlite3_column_text(st, 1), what);
	}
	sqlite3_finalize(st);
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

/* A client that writes an index directly makes searches lie: its content
 * must equal the view it is built from, both ways. */
static int check_index(struct check *k, const struct search_index *x)
{
	struct dk_buf q = {0};
	sqlite3_stmt *st = NULL;
	char subject[64], what[160];
	int rc = SQLITE_DONE;

	if (!table_exists(k->db, x->fts))
		return finding(k, "search", 0, x->fts, "the search index is missing");
	dk_buf_addf(&q,
	            "SELECT id, 'holds text no %s has' FROM ("
	            "  SELECT rowid AS id, %s FROM %s EXCEPT SELECT id, %s FROM %s)"
	            " UNION ALL "
	            "SELECT id, 'is missing or stale for it' FROM ("
	            "  SELECT id, %s FROM %s EXCEPT SELECT rowid, %s FROM %s)"
	            " ORDER BY 1",
	            x->entity, x->cols, x->fts, x->cols, x->source, x->cols, x->source, x->cols,
	            x->fts);
	if (!dk_buf_ok(&q) ||
	    sqlite3_prepare_v2(dk_db_sqlite(k->db), dk_buf_str(&q), -1, &st, NULL) != SQLITE_OK) {
		dk_buf_free(&q);
		return finding(k, "search", 0, x->fts, "the search index cannot be read");
	}
	dk_buf_free(&q);
	while (k->rc == DK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(subject, sizeof subject, "%s %lld", x->entity,
		         (long long)sqlite3_column_int64(st, 0));
		snprintf(what, sizeof what, "the search index %s", sqlite3_column_text(st, 1));
		finding(k, "search", 0, subject, what);
	}
	if (k->rc == DK_OK && rc != SQLITE_DONE)
		finding(k, "search", 0, x->fts, "the search index cannot be read");
	sqlite3_finalize(st);
	return k->rc;
}

static int check_search(struct check *k, struct dk_error *err)
{
	for (size_t i = 0; i < sizeof search_indexes / sizeof *search_indexes && k->rc == DK_OK; i++)
		check_index(k, &search_indexes[i]);
	(void)err;
	return DK_OK;
}

int dk_audit_check(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_audit_result *res,
                   struct dk_error *err)
{
	struct check k = {db, fn, ctx, res, err, DK_OK};
	int problems = 0, rc;
	struct dk_audit_result chain;

	if ((rc = dk_db_read_begin(db, err)) != DK_OK)
		return rc;
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
	dk_db_read_end(db);
	return rc == DK_OK ? k.rc : rc;
}
