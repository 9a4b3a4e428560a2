#include "docket/lineage.h"

#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/key.h"

#include "dialect.h"

/* The walk, in one statement per direction, built from one text. The edges
 * are materialised once per statement (an automatic index then serves every
 * step); a join through the view itself would rebuild it at every step.
 * The recursive step's ORDER BY depth DESC makes the queue a stack:
 * depth-first order, so a tree can be drawn as rows arrive. The depth bound
 * ends any walk, even over a graph edited into a cycle.
 *
 * PostgreSQL takes no ORDER BY in a recursive step: its SEARCH DEPTH FIRST
 * clause gives the same order, siblings by kind and id, as a path that the
 * rows are sorted by. The path makes every row distinct, so a node reached
 * twice at one depth would bring its subtree twice; SQLite's UNION keeps
 * each row once, where it came first, and so does the DISTINCT ON. The
 * first row's columns carry the types the recursion keeps, so they are
 * cast. */
#define SEED_DK_SQLITE "SELECT :kind, :id, 0, NULL, NULL, NULL"
#define SEED_DK_PG "SELECT CAST(:kind AS text), CAST(:id AS bigint), 0, NULL::text, NULL::bigint, NULL::text"
#define STEP_ORDER_DK_SQLITE "  ORDER BY 3 DESC"
#define STEP_ORDER_DK_PG ""
#define SEARCH_DK_SQLITE ""
#define SEARCH_DK_PG " SEARCH DEPTH FIRST BY kind, id SET ord"
#define ROWS_DK_SQLITE "walk w"
#define ROWS_DK_PG \
	"(SELECT DISTINCT ON (kind, id, depth, via_kind, via_id, relation)" \
	" kind, id, depth, via_kind, via_id, relation, ord FROM walk" \
	" ORDER BY kind, id, depth, via_kind, via_id, relation, ord) w ORDER BY w.ord"
#define PREFIX(kind) \
	"CASE " kind " WHEN 'context' THEN 'CTX-' WHEN 'blueprint' THEN 'BP-' WHEN 'decision' THEN 'D-'" \
	" WHEN 'evidence' THEN 'EV-' WHEN 'risk' THEN 'R-' WHEN 'verification_step' THEN 'VS-'" \
	" WHEN 'review' THEN 'RV-' END"
#define WALK(D, NEAR, FAR, DIR) \
	"WITH RECURSIVE e AS MATERIALIZED (SELECT * FROM lineage_edge)," \
	"walk(kind, id, depth, via_kind, via_id, relation) AS (" \
	"  " SEED_##D \
	"  UNION" \
	"  SELECT e." FAR "_kind, e." FAR "_id, w.depth + 1, w.kind, w.id, e.relation" \
	"  FROM walk w JOIN e ON e." NEAR "_kind = w.kind AND e." NEAR "_id = w.id" \
	"  WHERE w.depth < :depth" \
	STEP_ORDER_##D \
	")" SEARCH_##D " " \
	"SELECT CASE WHEN w.depth = 0 THEN 'root' ELSE '" DIR "' END AS direction, w.depth," \
	"  " PREFIX("w.kind") " || w.id AS key, w.kind," \
	"  CASE w.kind" \
	"    WHEN 'context' THEN (SELECT system || ' revision ' || revision FROM context WHERE id = w.id)" \
	"    WHEN 'blueprint' THEN (SELECT 'blueprint, ' || source || ', ' || status FROM blueprint WHERE id = w.id)" \
	"    WHEN 'decision' THEN (SELECT title || ' (' || status || ')' FROM decision WHERE id = w.id)" \
	"    WHEN 'evidence' THEN (SELECT title || ' (' || kind || ')' FROM evidence WHERE id = w.id)" \
	"    WHEN 'risk' THEN (SELECT title || ' (' || status || ', score ' || score || ')' FROM risk WHERE id = w.id)" \
	"    WHEN 'verification_step' THEN (SELECT check_text FROM verification_step WHERE id = w.id)" \
	"    WHEN 'review' THEN (SELECT 'design review on ' || held_on FROM review WHERE id = w.id)" \
	"  END AS label," \
	"  w.relation, " PREFIX("w.via_kind") " || w.via_id AS via," \
	"  CASE w.kind" \
	"    WHEN 'blueprint' THEN (SELECT 'catalog ' || coalesce(catalog_sha256, 'none (imported)') ||" \
	"      ', docket ' || generator_version || ', body ' || body_sha256 FROM blueprint WHERE id = w.id)" \
	"    WHEN 'evidence' THEN (SELECT trim(coalesce('sha256 ' || sha256, '') || coalesce(' ' || uri, ''))" \
	"      FROM evidence WHERE id = w.id)" \
	"    WHEN 'context' THEN (SELECT problem || ', owner ' || p.handle FROM context c" \
	"      JOIN person p ON p.id = c.owner_id WHERE c.id = w.id)" \
	"  END AS detail " \
	"FROM " ROWS_##D

#define SQL_WALK_UP_TEXT(D) WALK(D, "src", "dst", "up")
#define SQL_WALK_DOWN_TEXT(D) WALK(D, "dst", "src", "down")
static const struct dk_sql SQL_WALK_UP = DK_SQL_BOTH(SQL_WALK_UP_TEXT);
static const struct dk_sql SQL_WALK_DOWN = DK_SQL_BOTH(SQL_WALK_DOWN_TEXT);

static const char SQL_EXISTS_CONTEXT[] = "SELECT count(*) FROM context WHERE id = :id";
static const char SQL_EXISTS_BLUEPRINT[] = "SELECT count(*) FROM blueprint WHERE id = :id";
static const char SQL_EXISTS_DECISION[] = "SELECT count(*) FROM decision WHERE id = :id";
static const char SQL_EXISTS_EVIDENCE[] = "SELECT count(*) FROM evidence WHERE id = :id";
static const char SQL_EXISTS_RISK[] = "SELECT count(*) FROM risk WHERE id = :id";
static const char SQL_EXISTS_STEP[] = "SELECT count(*) FROM verification_step WHERE id = :id";
static const char SQL_EXISTS_REVIEW[] = "SELECT count(*) FROM review WHERE id = :id";

static const struct {
	const char *prefix;  /* key prefix */
	const char *kind;    /* lineage kind (table) */
	const char *exists;  /* counts the row */
} kinds[] = {
	{"CTX", "context", SQL_EXISTS_CONTEXT}, {"BP", "blueprint", SQL_EXISTS_BLUEPRINT},
	{"D", "decision", SQL_EXISTS_DECISION}, {"EV", "evidence", SQL_EXISTS_EVIDENCE},
	{"R", "risk", SQL_EXISTS_RISK}, {"VS", "verification_step", SQL_EXISTS_STEP},
	{"RV", "review", SQL_EXISTS_REVIEW},
};

/* Passes rows on while the node budget lasts, counting every row: the walk
 * is computed whole, so what --max-nodes cut can be said. */
struct pass {
	dk_row_fn fn;
	void *ctx;
	int skip_root;     /* the root was shown by the walk up */
	int64_t budget;    /* rows that may still be shown */
	struct dk_lineage_summary *sum;
};

static int pass_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct pass *p = arg;
	int64_t depth = strtoll(cells[1].text, NULL, 10);
	int root = strcmp(cells[0].text, "root") == 0;

	if (root && p->skip_root)
		return DK_OK;
	p->sum->found++;
	if (depth > p->sum->deepest)
		p->sum->deepest = depth;
	if (p->budget <= 0)
		return DK_OK;
	p->budget--;
	p->sum->shown++;
	return p->fn(p->ctx, ncol, cells, err);
}

static int walk(struct dk_db *db, const char *kind, int64_t id, const char *dir,
                int64_t depth, struct pass *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, strcmp(dir, "up") == 0 ? &SQL_WALK_UP : &SQL_WALK_DOWN),
	                          err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":kind", kind);
	dk_bind_int(s, ":id", id);
	dk_bind_int(s, ":depth", depth);
	rc = dk_rows_emit(s, pass_row, p, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_lineage(struct dk_db *db, const struct dk_lineage_query *q, dk_row_fn fn, void *ctx,
               struct dk_lineage_summary *sum, struct dk_error *err)
{
	const char *prefix, *what, *kind = NULL, *exists = NULL;
	struct pass p = {fn, ctx, 0, q->max_nodes + 1, sum};
	struct dk_stmt *s = NULL;
	int64_t id, n = 0;
	int found = 0, rc;

	memset(sum, 0, sizeof *sum);
	if (q->depth < 1 || q->depth > DK_LINEAGE_MAX_DEPTH)
		return dk_fail(err, DK_EINPUT, "--depth %lld is out of range (1 to %d)",
		               (long long)q->depth, DK_LINEAGE_MAX_DEPTH);
	if (q->max_nodes < 1 || q->max_nodes > DK_LINEAGE_MAX_NODES)
		return dk_fail(err, DK_EINPUT, "--max-nodes %lld is out of range (1 to %d)",
		               (long long)q->max_nodes, DK_LINEAGE_MAX_NODES);
	if ((rc = dk_key_parse_any(q->key, &prefix, &what, &id, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].prefix, prefix) == 0) {
			kind = kinds[i].kind;
			exists = kinds[i].exists;
		}
	if (kind == NULL)
		return dk_fail(err, DK_EINPUT, "a %s has no lineage of its own (give a context, "
		               "blueprint, decision, evidence item, risk, verification step or review)", what);
	if ((rc = dk_stmt_prepare(db, &s, exists, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &n, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (n == 0)
		return dk_fail(err, DK_EINPUT, "there is no %s %s-%lld", what, prefix, (long long)id);
	if ((q->dir & DK_LINEAGE_UP) && (rc = walk(db, kind, id, "up", q->depth, &p, err)) != DK_OK)
		return rc;
	p.skip_root = (q->dir & DK_LINEAGE_UP) != 0;
	if (q->dir & DK_LINEAGE_DOWN)
		rc = walk(db, kind, id, "down", q->depth, &p, err);
	return rc;
}
