#include "docket/lineage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/key.h"

#include "dialect.h"

/* The walk, in one statement per direction, built from one text.
 *
 * SQLite: the edges are materialised once per statement (an automatic
 * index then serves every step); a join through the view itself would
 * rebuild it at every step. The recursive step's ORDER BY depth DESC makes
 * the queue a stack: depth-first order, siblings by kind and id, so a tree
 * can be drawn as rows arrive. The depth bound ends any walk, even over a
 * graph edited into a cycle.
 *
 * PostgreSQL takes no ORDER BY in a recursive step, and neither of its own
 * ways serves: a materialised CTE has no index (every step scans every
 * edge), and SEARCH DEPTH FIRST keeps a path array in every row (a
 * 10,000-deep chain took minutes and gigabytes). Each step looks its edges
 * up through LATERAL instead, where the condition reaches each branch of
 * the view and its index; the rows come level by level, each once (UNION,
 * as in SQLite), and dfs_order() below puts them in SQLite's order. The
 * first row's columns carry the types the recursion keeps, so they are
 * cast. */
#define SEED_DK_SQLITE "SELECT :kind, :id, 0, NULL, NULL, NULL"
#define SEED_DK_PG "SELECT CAST(:kind AS text), CAST(:id AS bigint), 0, NULL::text, NULL::bigint, NULL::text"
#define STEP_ORDER_DK_SQLITE "  ORDER BY 3 DESC"
#define STEP_ORDER_DK_PG ""
#define EDGES_DK_SQLITE " e AS MATERIALIZED (SELECT * FROM lineage_edge),"
#define EDGES_DK_PG ""
#define STEP_FROM_DK_SQLITE(NEAR) \
	"  FROM walk w JOIN e ON e." NEAR "_kind = w.kind AND e." NEAR "_id = w.id"
#define STEP_FROM_DK_PG(NEAR) \
	"  FROM walk w CROSS JOIN LATERAL (SELECT * FROM lineage_edge x" \
	"    WHERE x." NEAR "_kind = w.kind AND x." NEAR "_id = w.id OFFSET 0) e"
#define PREFIX(kind) \
	"CASE " kind " WHEN 'context' THEN 'CTX-' WHEN 'blueprint' THEN 'BP-' WHEN 'decision' THEN 'D-'" \
	" WHEN 'evidence' THEN 'EV-' WHEN 'risk' THEN 'R-' WHEN 'verification_step' THEN 'VS-'" \
	" WHEN 'review' THEN 'RV-' END"
#define WALK(D, NEAR, FAR, DIR) \
	"WITH RECURSIVE" EDGES_##D \
	" walk(kind, id, depth, via_kind, via_id, relation) AS (" \
	"  " SEED_##D \
	"  UNION" \
	"  SELECT e." FAR "_kind, e." FAR "_id, w.depth + 1, w.kind, w.id, e.relation" \
	STEP_FROM_##D(NEAR) \
	"  WHERE w.depth < :depth" \
	STEP_ORDER_##D \
	") " \
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
	"FROM walk w"

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

/* ---- PostgreSQL: the rows of a walk put in depth-first order ---- */

enum { COL_DEPTH = 1, COL_KEY = 2, COL_KIND = 3, COL_RELATION = 5, COL_VIA = 6, WALK_COLS = 8 };

struct walk_row {
	struct dk_cell cell[WALK_COLS]; /* texts owned */
	int64_t depth, id;               /* the depth, and the id in the key */
	int shown;
};

struct walk_rows {
	struct walk_row *r;
	size_t n, cap;
	const char *names[WALK_COLS]; /* the statement's, copied */
	char name_buf[WALK_COLS][32];
};

static int keep_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct walk_rows *w = arg;
	struct walk_row *r;
	const char *dash;

	if (ncol != WALK_COLS)
		return dk_fail(err, DK_EDB, "lineage: %d columns from the walk, not %d", ncol, WALK_COLS);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct walk_row *g = realloc(w->r, cap * sizeof *g);
		if (g == NULL)
			return dk_fail(err, DK_EDB, "lineage: out of memory");
		w->r = g;
		w->cap = cap;
	}
	r = &w->r[w->n];
	memset(r, 0, sizeof *r);
	for (int i = 0; i < WALK_COLS; i++) {
		if (w->n == 0) {
			snprintf(w->name_buf[i], sizeof w->name_buf[i], "%s", cells[i].name);
			w->names[i] = w->name_buf[i];
		}
		r->cell[i].name = w->names[i];
		r->cell[i].type = cells[i].type;
		if (cells[i].text != NULL && (r->cell[i].text = strdup(cells[i].text)) == NULL) {
			w->n++; /* freed with the rest */
			return dk_fail(err, DK_EDB, "lineage: out of memory");
		}
	}
	w->n++;
	if (r->cell[COL_KEY].text == NULL || r->cell[COL_DEPTH].text == NULL ||
	    (dash = strrchr(r->cell[COL_KEY].text, '-')) == NULL)
		return dk_fail(err, DK_EDB, "lineage: a walk row without its key or depth");
	r->depth = strtoll(r->cell[COL_DEPTH].text, NULL, 10);
	r->id = strtoll(dash + 1, NULL, 10);
	return DK_OK;
}

static int cmp_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* By parent (via, then depth), then as siblings go: kind, id, relation. */
static int cmp_child(const void *pa, const void *pb)
{
	const struct walk_row *a = *(struct walk_row *const *)pa, *b = *(struct walk_row *const *)pb;
	int c;

	if ((c = cmp_text(a->cell[COL_VIA].text, b->cell[COL_VIA].text)) != 0)
		return c;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	if ((c = cmp_text(a->cell[COL_KIND].text, b->cell[COL_KIND].text)) != 0)
		return c;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return cmp_text(a->cell[COL_RELATION].text, b->cell[COL_RELATION].text);
}

/* The first of by[0..n) whose parent is (key, depth) or after. */
static size_t first_child(struct walk_row **by, size_t n, const char *key, int64_t depth)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_text(by[mid]->cell[COL_VIA].text, key);
		if (c < 0 || (c == 0 && by[mid]->depth < depth))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_child(const struct walk_row *c, const struct walk_row *parent)
{
	return c->cell[COL_VIA].text != NULL && strcmp(c->cell[COL_VIA].text, parent->cell[COL_KEY].text) == 0 &&
	       c->depth == parent->depth + 1;
}

/* Depth-first from the root, children in sibling order, each row once:
 * a node reached twice at one depth has its subtree under the first. The
 * stack is explicit, as a walk may be 100,000 deep. */
static int dfs_order(struct walk_rows *w, struct pass *p, struct dk_error *err)
{
	struct walk_row **by = NULL, *root = NULL;
	struct { struct walk_row *row; size_t next; } *stack = NULL;
	size_t top = 0;
	int rc = DK_OK;

	for (size_t i = 0; i < w->n; i++)
		if (w->r[i].depth == 0)
			root = &w->r[i];
	if (root == NULL)
		return w->n == 0 ? DK_OK : dk_fail(err, DK_EDB, "lineage: a walk without its root");
	if ((by = malloc(w->n * sizeof *by)) == NULL || (stack = malloc((w->n + 1) * sizeof *stack)) == NULL) {
		free(by);
		return dk_fail(err, DK_EDB, "lineage: out of memory");
	}
	for (size_t i = 0; i < w->n; i++)
		by[i] = &w->r[i];
	qsort(by, w->n, sizeof *by, cmp_child);
	root->shown = 1;
	rc = pass_row(p, WALK_COLS, root->cell, err);
	stack[top].row = root;
	stack[top++].next = first_child(by, w->n, root->cell[COL_KEY].text, 1);
	while (rc == DK_OK && top > 0) {
		struct walk_row *parent = stack[top - 1].row, *c;
		size_t i = stack[top - 1].next;

		while (i < w->n && is_child(by[i], parent) && by[i]->shown)
			i++;
		if (i >= w->n || !is_child(by[i], parent)) {
			top--;
			continue;
		}
		stack[top - 1].next = i + 1;
		c = by[i];
		c->shown = 1;
		rc = pass_row(p, WALK_COLS, c->cell, err);
		/* each row is shown once, so the stack holds at most every row */
		stack[top].row = c;
		stack[top++].next = first_child(by, w->n, c->cell[COL_KEY].text, c->depth + 1);
	}
	free(stack);
	free(by);
	return rc;
}

static void free_rows(struct walk_rows *w)
{
	for (size_t i = 0; i < w->n; i++)
		for (int c = 0; c < WALK_COLS; c++)
			free((char *)w->r[i].cell[c].text);
	free(w->r);
}

static int walk(struct dk_db *db, const char *kind, int64_t id, const char *dir,
                int64_t depth, struct pass *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	struct walk_rows rows = {0};
	int pg = dk_db_dialect(db) == DK_DIALECT_POSTGRES;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, strcmp(dir, "up") == 0 ? &SQL_WALK_UP : &SQL_WALK_DOWN),
	                          err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":kind", kind);
	dk_bind_int(s, ":id", id);
	dk_bind_int(s, ":depth", depth);
	if (!pg) {
		rc = dk_rows_emit(s, pass_row, p, err);
		dk_stmt_finalize(&s);
		return rc;
	}
	rc = dk_rows_emit(s, keep_row, &rows, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK)
		rc = dfs_order(&rows, p, err);
	free_rows(&rows);
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
