/* search.c: the FTS5 query every --search builds, and `docket search`
 * across the kinds of record (docket/search.h). */
#include "docket/search.h"

#include <ctype.h>
#include <string.h>

#include "docket/db.h"

#include "dialect.h"

const char *const dk_search_kinds[] = {"decision", "risk", "evidence", "review", "context", NULL};

/* Which fields of an index row hold a match: highlight() marks each
 * matched phrase with char(1), so a field whose highlight holds one
 * matched. */
#define HIT(table, col, name) \
	"iif(instr(highlight(" table ", " #col ", char(1), ''), char(1)), '" name " ', '')"
/* One kind's best rows: the index alone, so FTS5 sorts by rank and stops
 * at the limit, before the record is joined for its title. Withdrawn
 * records are left out before the limit (a partial index lists them). */
#define BEST_WHERE(table, kind, fields, where) \
	"SELECT rowid AS id, rtrim(" fields ") AS field," \
	"  snippet(" table ", -1, '[', ']', '...', 12) AS match, rank AS score" \
	" FROM " table " WHERE " table " MATCH :q AND (:kind IS NULL OR :kind = '" kind "')" \
	where " ORDER BY rank LIMIT :limit"
#define BEST(table, kind, fields) \
	BEST_WHERE(table, kind, fields, \
	           " AND rowid NOT IN (SELECT id FROM " kind " WHERE withdrawn_at IS NOT NULL)")

#define SQL_SEARCH_SQLITE \
	"SELECT kind, key, title, field, match FROM (" \
	"SELECT 'decision' AS kind, 1 AS ord, h.id, 'D-' || h.id AS key, d.title, h.field, h.match," \
	"  h.score FROM (" BEST("decision_fts", "decision", \
	                        HIT("decision_fts", 0, "title") " || " HIT("decision_fts", 1, "problem") \
	                        " || " HIT("decision_fts", 2, "drivers") " || " \
	                        HIT("decision_fts", 3, "options") " || " \
	                        HIT("decision_fts", 4, "rationale")) ") h" \
	"  JOIN decision d ON d.id = h.id " \
	"UNION ALL " \
	"SELECT 'risk', 2, h.id, 'R-' || h.id, r.title, h.field, h.match, h.score" \
	"  FROM (" BEST("risk_fts", "risk", \
	                HIT("risk_fts", 0, "title") " || " HIT("risk_fts", 1, "description") " || " \
	                HIT("risk_fts", 2, "reasons")) ") h" \
	"  JOIN risk r ON r.id = h.id " \
	"UNION ALL " \
	"SELECT 'evidence', 3, h.id, 'EV-' || h.id, e.title, h.field, h.match, h.score" \
	"  FROM (" BEST("evidence_fts", "evidence", \
	                HIT("evidence_fts", 0, "title") " || " HIT("evidence_fts", 1, "summary") " || " \
	                HIT("evidence_fts", 2, "uri")) ") h" \
	"  JOIN evidence e ON e.id = h.id " \
	"UNION ALL " \
	"SELECT 'review', 4, h.id, 'RV-' || h.id," \
	"  'review on ' || v.held_on || coalesce(' of BP-' || v.blueprint_id, ''), h.field, h.match," \
	"  h.score FROM (" BEST("review_fts", "review", HIT("review_fts", 0, "notes")) ") h" \
	"  JOIN review v ON v.id = h.id " \
	"UNION ALL " \
	"SELECT 'context', 5, h.id, 'CTX-' || h.id, c.system || ' revision ' || c.revision, h.field," \
	"  h.match, h.score" \
	"  FROM (" BEST_WHERE("context_fts", "context", \
	                HIT("context_fts", 0, "system") " || " HIT("context_fts", 1, "velocity") " || " \
	                HIT("context_fts", 2, "stack") " || " HIT("context_fts", 3, "compliance") \
	                " || " HIT("context_fts", 4, "assumptions") " || " \
	                HIT("context_fts", 5, "out_of_scope"), "") ") h" \
	"  JOIN context c ON c.id = h.id" \
	") ORDER BY score, ord, id LIMIT :limit"

/* PostgreSQL: each X_fts is a table kept by triggers as the FTS5 table is
 * (see DK_PG_FTS_IDS: rowid, the same text columns, doc a tsvector of
 * to_tsvector('simple', the columns joined by spaces)); :q is
 * dk_search_query_for's to_tsquery text. A field holds a match when
 * ts_headline marks a word of it, as highlight() does in SQLite; the
 * snippet is ts_headline's over the columns; the score is -ts_rank, so
 * that the best comes first as FTS5's rank does. */
#define PG_Q "to_tsquery('simple', :q)"
#define PG_HIT(col, name) \
	"CASE WHEN strpos(ts_headline('simple', coalesce(" col ", ''), " PG_Q ", " \
	"'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)), chr(1)) > 0 " \
	"THEN '" name " ' ELSE '' END"
#define PG_BEST_WHERE(table, kind, cols, fields, where) \
	"SELECT rowid AS id, rtrim(" fields ") AS field," \
	"  ts_headline('simple', concat_ws(' ', " cols "), " PG_Q ", " \
	"  'StartSel=[, StopSel=], MaxWords=12, MinWords=3, MaxFragments=1, FragmentDelimiter=...')" \
	"  AS match, -ts_rank(doc, " PG_Q ") AS score" \
	" FROM " table " WHERE doc @@ " PG_Q " AND (:kind IS NULL OR :kind = '" kind "')" \
	where " ORDER BY score LIMIT :limit"
#define PG_BEST(table, kind, cols, fields) \
	PG_BEST_WHERE(table, kind, cols, fields, \
	              " AND rowid NOT IN (SELECT id FROM " kind " WHERE withdrawn_at IS NOT NULL)")
#define SQL_SEARCH_PG \
	"SELECT kind, key, title, field, match FROM (" \
	"SELECT 'decision' AS kind, 1 AS ord, h.id, 'D-' || h.id AS key, d.title, h.field, h.match," \
	"  h.score FROM (" PG_BEST("decision_fts", "decision", \
	                           "title, problem, drivers, options, rationale", \
	                           PG_HIT("title", "title") " || " PG_HIT("problem", "problem") \
	                           " || " PG_HIT("drivers", "drivers") " || " \
	                           PG_HIT("options", "options") " || " \
	                           PG_HIT("rationale", "rationale")) ") h" \
	"  JOIN decision d ON d.id = h.id " \
	"UNION ALL " \
	"SELECT 'risk', 2, h.id, 'R-' || h.id, r.title, h.field, h.match, h.score" \
	"  FROM (" PG_BEST("risk_fts", "risk", "title, description, reasons", \
	                   PG_HIT("title", "title") " || " PG_HIT("description", "description") \
	                   " || " PG_HIT("reasons", "reasons")) ") h" \
	"  JOIN risk r ON r.id = h.id " \
	"UNION ALL " \
	"SELECT 'evidence', 3, h.id, 'EV-' || h.id, e.title, h.field, h.match, h.score" \
	"  FROM (" PG_BEST("evidence_fts", "evidence", "title, summary, uri", \
	                   PG_HIT("title", "title") " || " PG_HIT("summary", "summary") " || " \
	                   PG_HIT("uri", "uri")) ") h" \
	"  JOIN evidence e ON e.id = h.id " \
	"UNION ALL " \
	"SELECT 'review', 4, h.id, 'RV-' || h.id," \
	"  'review on ' || v.held_on || coalesce(' of BP-' || v.blueprint_id, ''), h.field, h.match," \
	"  h.score FROM (" PG_BEST("review_fts", "review", "notes", PG_HIT("notes", "notes")) ") h" \
	"  JOIN review v ON v.id = h.id " \
	"UNION ALL " \
	"SELECT 'context', 5, h.id, 'CTX-' || h.id, c.system || ' revision ' || c.revision, h.field," \
	"  h.match, h.score" \
	"  FROM (" PG_BEST_WHERE("context_fts", "context", \
	                         "system, velocity, stack, compliance, assumptions, out_of_scope", \
	                         PG_HIT("system", "system") " || " PG_HIT("velocity", "velocity") \
	                         " || " PG_HIT("stack", "stack") " || " \
	                         PG_HIT("compliance", "compliance") " || " \
	                         PG_HIT("assumptions", "assumptions") " || " \
	                         PG_HIT("out_of_scope", "out_of_scope"), "") ") h" \
	"  JOIN context c ON c.id = h.id" \
	") AS hits ORDER BY score, ord, id LIMIT :limit"

static const struct dk_sql SQL_SEARCH = {.sqlite = SQL_SEARCH_SQLITE, .postgres = SQL_SEARCH_PG};

/* A letter or digit among n bytes (any non-ASCII byte counts). */
static int has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* The words of text as a query: FTS5's ("regis"* "model"*, a '"' doubled)
 * or, pg, to_tsquery's ('regis':* & 'model':*, a quote or backslash
 * escaped with a backslash or quote before it). */
static int build_query(const char *opt, const char *text, int pg, struct dk_buf *q,
                       struct dk_error *err)
{
	int rc = dk_check_text(opt, text, 500, 0, err), words = 0;

	if (rc != DK_OK)
		return rc;
	for (const char *p = text; *p;) {
		size_t n;
		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (n == 0)
			break;
		if (!has_letter(p, n)) { /* punctuation alone would match nothing */
			p += n;
			continue;
		}
		if (pg)
			dk_buf_adds(q, words++ ? " & '" : "'");
		else
			dk_buf_adds(q, words++ ? " \"" : "\"");
		for (size_t i = 0; i < n; i++) {
			if (pg && (p[i] == '\'' || p[i] == '\\'))
				dk_buf_add(q, p[i] == '\'' ? "'" : "\\", 1);
			if (pg || p[i] != '"')
				dk_buf_add(q, p + i, 1);
			else
				dk_buf_add(q, "\"\"", 2);
		}
		dk_buf_adds(q, pg ? "':*" : "\"*");
		p += n;
	}
	if (words == 0)
		return dk_fail(err, DK_EINPUT, "%s '%.60s' has no words (letters or digits)", opt, text);
	return dk_buf_ok(q) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

int dk_search_query(const char *opt, const char *text, struct dk_buf *q, struct dk_error *err)
{
	return build_query(opt, text, 0, q, err);
}

int dk_search_query_for(const struct dk_db *db, const char *opt, const char *text,
                        struct dk_buf *q, struct dk_error *err)
{
	return build_query(opt, text, dk_db_dialect(db) == DK_DIALECT_POSTGRES, q, err);
}

int dk_search(struct dk_db *db, const struct dk_search_filter *f, dk_row_fn fn, void *ctx,
              struct dk_error *err)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if (f->kind && (rc = dk_check_enum("--kind", f->kind, dk_search_kinds, err)) != DK_OK)
		return rc;
	if (f->limit < 1 || f->limit > 1000)
		return dk_fail(err, DK_EINPUT, "--limit %lld is out of range (1..1000)",
		               (long long)f->limit);
	if ((rc = dk_search_query_for(db, "search", f->text, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_SEARCH), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":q", dk_buf_str(&q));
	dk_bind_text(s, ":kind", f->kind);
	dk_bind_int(s, ":limit", f->limit);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}
