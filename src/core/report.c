#include "docket/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/risk.h"
#include "docket/text.h"

/* A team filter that needs no join when no team is given. */
#define TEAM(r) "(:team IS NULL OR " r ".owner_id IN (SELECT id FROM person WHERE team = :team))"
#define PENDING_STEPS(r) "(SELECT count(*) FROM verification_step s WHERE s.risk_id = " r ".id " \
	"AND NOT EXISTS (SELECT 1 FROM verification_result v WHERE v.step_id = s.id))"

/* Headline counts; :d is the day judged, :before the day after it, :from
 * the week's first day. */
static const char SQL_CREATED_BEFORE[] =
	"SELECT count(*) FROM risk r WHERE r.created_at < :before AND r.status <> 'withdrawn' AND "
	TEAM("r");
static const char SQL_CLOSED_BY[] =
	"SELECT count(*) FROM risk r WHERE r.closed_on <= :d AND r.created_at < :before AND " TEAM("r");
static const char SQL_NEW[] =
	"SELECT count(*) FROM risk r WHERE r.created_at >= :from AND r.created_at < :before "
	"AND r.status <> 'withdrawn' "
	"AND " TEAM("r");
static const char SQL_CLOSED_IN[] =
	"SELECT count(*) FROM risk r WHERE r.closed_on BETWEEN :from AND :d AND " TEAM("r");
/* Overdue on :d: not closed by then, and either past due without a
 * standing acceptance, or accepted with an expired or stale acceptance
 * (the same rule as dk_risk_overdue, which it equals when :d is today). */
static const char SQL_OVERDUE_DUE[] =
	"SELECT (SELECT count(*) FROM risk r "
	"        WHERE r.status IN ('open', 'mitigating', 'accepted') AND r.due_on < :d "
	"          AND r.created_at < :before AND NOT (r.status = 'accepted' AND r.accepted_on <= :d) "
	"          AND " TEAM("r") ") + "
	"       (SELECT count(*) FROM risk r " /* closed since: still open on :d */
	"        WHERE r.closed_on > :d AND r.due_on < :d AND r.created_at < :before "
	"          AND " TEAM("r") ")";
static const char SQL_OVERDUE_ACCEPTED[] =
	"SELECT count(*) FROM risk r "
	"WHERE r.status = 'accepted' AND r.accepted_on <= :d "
	"  AND (r.accepted_until < :d OR " DK_RISK_STALE_SQL("r.") ") "
	"  AND r.created_at < :before AND " TEAM("r");

static const char SQL_DUE_SOON[] =
	"SELECT 'R-' || r.id AS key, r.title, p.handle AS owner, r.due_on AS due, r.score, "
	"       " PENDING_STEPS("r") " AS steps_pending "
	"FROM risk r JOIN person p ON p.id = r.owner_id "
	"WHERE r.status IN ('open', 'mitigating') AND r.due_on BETWEEN :d AND :until "
	"  AND " TEAM("r") " ORDER BY r.due_on, r.score DESC, r.id";
static const char SQL_DECISIONS_TAKEN[] =
	"SELECT 'D-' || id AS key, title, area, status, decided_on FROM decision "
	"WHERE status <> 'withdrawn' AND decided_on BETWEEN :from AND :d ORDER BY decided_on, id";
static const char SQL_DECISIONS_REVIEW[] =
	"SELECT 'D-' || id AS key, title, area, review_by FROM decision "
	"WHERE status = 'accepted' AND review_by < :d ORDER BY review_by, id";
static const char SQL_CLOSED[] =
	"SELECT 'R-' || r.id AS key, r.title, p.handle AS owner, r.closed_on, "
	"       r.closed_reason AS reason "
	"FROM risk r JOIN person p ON p.id = r.owner_id "
	"WHERE r.closed_on BETWEEN :from AND :d AND " TEAM("r") " ORDER BY r.closed_on, r.id";
static const char SQL_HEATMAP[] =
	"SELECT r.likelihood, r.impact, count(*) FROM risk r "
	"WHERE r.status IN ('open', 'mitigating') AND " TEAM("r") " GROUP BY r.likelihood, r.impact";

#define TOP_KEYS 8 /* risks named per owner in overdue_by_owner */

struct dates {
	char d[DK_DATE_LEN], before[DK_DATE_LEN], from[DK_DATE_LEN], until[DK_DATE_LEN];
};

/* The week ending on day. created_at is the real clock while as-of dates
 * may be fixed (--today), so the current week counts every record that
 * exists (before = a date after any), and only earlier weeks cut on it. */
static void week_of(long day, int current, struct dates *w)
{
	dk_date_from_days(day, w->d);
	if (current)
		memcpy(w->before, "9999-12-31", DK_DATE_LEN);
	else
		dk_date_from_days(day + 1, w->before);
	dk_date_from_days(day - 6, w->from);
	dk_date_from_days(day + 7, w->until);
}

/* Prepares sql and binds whichever of :d, :before, :from, :until, :team it
 * uses (a name it does not use is skipped: sqlite3 reports index 0). */
static int prepare(struct dk_db *db, struct dk_stmt *s, const char *sql, const struct dates *w,
                   const char *team, struct dk_error *err)
{
	static const char *const names[] = {":d", ":before", ":from", ":until"};
	const char *vals[] = {w->d, w->before, w->from, w->until};
	int rc;

	if ((rc = dk_stmt_prepare(db, s, sql, err)) != DK_OK)
		return rc;
	for (int i = 0; i < 4; i++)
		if (sqlite3_bind_parameter_index(s->st, names[i]) > 0)
			dk_bind_text(s, names[i], vals[i]);
	if (sqlite3_bind_parameter_index(s->st, ":team") > 0)
		dk_bind_text(s, ":team", team);
	return DK_OK;
}

static int count(struct dk_db *db, const char *sql, const struct dates *w, const char *team,
                 int64_t *n, struct dk_error *err)
{
	struct dk_stmt s;
	int found, rc;

	if ((rc = prepare(db, &s, sql, w, team, err)) != DK_OK)
		return rc;
	rc = dk_stmt_one_int(&s, n, &found, err);
	dk_stmt_finalize(&s);
	return rc;
}

static int count_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ncol;
	(void)cells;
	(void)err;
	++*(int64_t *)arg;
	return DK_OK;
}

/* Rows kept in memory: the escalations are listed after the headline that
 * counts them, and are computed once for both. */
struct kept {
	int ncol;
	char *names[16];
	char **cells; /* n x ncol; NULL for a null cell */
	size_t n, cap;
};

static int keep_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct kept *k = arg;

	if (k->n == 0 && k->ncol == 0) {
		k->ncol = ncol > 16 ? 16 : ncol;
		for (int i = 0; i < k->ncol; i++)
			if ((k->names[i] = strdup(cells[i].name)) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
	}
	if ((k->n + 1) * (size_t)k->ncol > k->cap) {
		size_t cap = k->cap ? k->cap * 2 : (size_t)k->ncol * 64;
		char **p = realloc(k->cells, cap * sizeof *p);
		if (p == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		k->cells = p;
		k->cap = cap;
	}
	for (int i = 0; i < k->ncol; i++) {
		const char *v = i < ncol ? cells[i].text : NULL;
		char **slot = &k->cells[k->n * (size_t)k->ncol + (size_t)i];
		if ((*slot = v ? strdup(v) : NULL) == NULL && v != NULL)
			return dk_fail(err, DK_EDB, "out of memory");
	}
	k->n++;
	return DK_OK;
}

static int replay(const struct kept *k, const struct dk_report_sink *sink, struct dk_error *err)
{
	struct dk_cell cells[16];
	int rc;

	for (size_t r = 0; r < k->n; r++) {
		for (int i = 0; i < k->ncol; i++) {
			const char *v = k->cells[r * (size_t)k->ncol + (size_t)i];
			cells[i] = (struct dk_cell){k->names[i], v, v ? DK_CELL_TEXT : DK_CELL_NULL};
		}
		if ((rc = sink->row(sink->ctx, k->ncol, cells, err)) != DK_OK)
			return rc;
	}
	return DK_OK;
}

static void kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->n * (size_t)k->ncol; i++)
		free(k->cells[i]);
	for (int i = 0; i < k->ncol; i++)
		free(k->names[i]);
	free(k->cells);
	memset(k, 0, sizeof *k);
}

enum { H_OPEN, H_NEW, H_CLOSED, H_OVERDUE, H_ESCALATIONS, H_COUNT };

/* esc: this week's escalations, already computed; NULL to count them here. */
static int headline_week(struct dk_db *db, const struct dates *w, const char *team,
                         const struct kept *esc, int64_t v[H_COUNT], struct dk_error *err)
{
	int64_t created, closed, a, b;
	int rc;

	memset(v, 0, sizeof(int64_t) * H_COUNT);
	if ((rc = count(db, SQL_CREATED_BEFORE, w, team, &created, err)) != DK_OK ||
	    (rc = count(db, SQL_CLOSED_BY, w, team, &closed, err)) != DK_OK ||
	    (rc = count(db, SQL_NEW, w, team, &v[H_NEW], err)) != DK_OK ||
	    (rc = count(db, SQL_CLOSED_IN, w, team, &v[H_CLOSED], err)) != DK_OK ||
	    (rc = count(db, SQL_OVERDUE_DUE, w, team, &a, err)) != DK_OK ||
	    (rc = count(db, SQL_OVERDUE_ACCEPTED, w, team, &b, err)) != DK_OK)
		return rc;
	v[H_OPEN] = created - closed;
	v[H_OVERDUE] = a + b;
	if (esc != NULL) {
		v[H_ESCALATIONS] = (int64_t)esc->n;
		return DK_OK;
	}
	return dk_risk_escalations_before(db, w->d, w->before, team, count_row, &v[H_ESCALATIONS], err);
}

static int headline(struct dk_db *db, long day, const char *team, const struct kept *esc,
                    const struct dk_report_sink *k, struct dk_error *err)
{
	static const char *const measures[] = {"open", "new", "closed", "overdue", "escalations"};
	static const char *const names[] = {"measure", "this_week", "last_week", "change"};
	int64_t now[H_COUNT], then[H_COUNT];
	struct dates w;
	int rc;

	week_of(day, 1, &w);
	if ((rc = headline_week(db, &w, team, esc, now, err)) != DK_OK)
		return rc;
	week_of(day - 7, 0, &w);
	if ((rc = headline_week(db, &w, team, NULL, then, err)) != DK_OK)
		return rc;
	for (int i = 0; i < H_COUNT; i++) {
		char a[24], b[24], c[24];
		struct dk_cell cells[4];
		const char *v[] = {measures[i], a, b, c};

		snprintf(a, sizeof a, "%lld", (long long)now[i]);
		snprintf(b, sizeof b, "%lld", (long long)then[i]);
		snprintf(c, sizeof c, "%+lld", (long long)(now[i] - then[i]));
		if (now[i] == then[i])
			snprintf(c, sizeof c, "0");
		for (int j = 0; j < 4; j++)
			cells[j] = (struct dk_cell){names[j], v[j], j == 1 || j == 2 ? DK_CELL_INT : DK_CELL_TEXT};
		if ((rc = k->row(k->ctx, 4, cells, err)) != DK_OK)
			return rc;
	}
	return DK_OK;
}

/* Overdue risks grouped by owner, from dk_risk_overdue's rows (worst first). */
struct owner_group {
	char owner[40], team[72];
	int64_t n, most_days, top_score;
	struct dk_buf keys;
};

struct groups {
	struct owner_group *g;
	size_t n, cap;
	size_t *slot; /* open-addressing hash of owner -> index + 1 */
	size_t nslot;
	int oom;
};

static size_t hash_str(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int groups_grow(struct groups *gs)
{
	size_t nslot = gs->nslot ? gs->nslot * 2 : 256;
	size_t *slot = calloc(nslot, sizeof *slot);

	if (slot == NULL)
		return -1;
	for (size_t i = 0; i < gs->n; i++) {
		size_t h = hash_str(gs->g[i].owner) & (nslot - 1);
		while (slot[h])
			h = (h + 1) & (nslot - 1);
		slot[h] = i + 1;
	}
	free(gs->slot);
	gs->slot = slot;
	gs->nslot = nslot;
	return 0;
}

static struct owner_group *group_of(struct groups *gs, const char *owner, const char *team)
{
	size_t h;

	if ((gs->n + 1) * 2 > gs->nslot && groups_grow(gs) != 0)
		return NULL;
	h = hash_str(owner) & (gs->nslot - 1);
	while (gs->slot[h]) {
		struct owner_group *g = &gs->g[gs->slot[h] - 1];
		if (strcmp(g->owner, owner) == 0)
			return g;
		h = (h + 1) & (gs->nslot - 1);
	}
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 64;
		struct owner_group *g = realloc(gs->g, cap * sizeof *g);
		if (g == NULL)
			return NULL;
		gs->g = g;
		gs->cap = cap;
	}
	memset(&gs->g[gs->n], 0, sizeof gs->g[gs->n]);
	snprintf(gs->g[gs->n].owner, sizeof gs->g[gs->n].owner, "%s", owner);
	snprintf(gs->g[gs->n].team, sizeof gs->g[gs->n].team, "%s", team ? team : "");
	gs->slot[h] = ++gs->n;
	return &gs->g[gs->n - 1];
}

static const char *cell(int ncol, const struct dk_cell *cells, const char *name)
{
	for (int i = 0; i < ncol; i++)
		if (strcmp(cells[i].name, name) == 0)
			return cells[i].text;
	return NULL;
}

static int group_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct groups *gs = arg;
	const char *owner = cell(ncol, cells, "owner"), *days = cell(ncol, cells, "days_overdue");
	const char *score = cell(ncol, cells, "score");
	struct owner_group *g = group_of(gs, owner ? owner : "?", cell(ncol, cells, "team"));

	if (g == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	g->n++;
	if (days && atoll(days) > g->most_days)
		g->most_days = atoll(days);
	if (score && atoll(score) > g->top_score)
		g->top_score = atoll(score);
	if (g->n <= TOP_KEYS)
		dk_buf_addf(&g->keys, "%s%s", g->n > 1 ? ", " : "", cell(ncol, cells, "key"));
	return DK_OK;
}

static int by_size(const void *a, const void *b)
{
	const struct owner_group *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->most_days != y->most_days)
		return x->most_days > y->most_days ? -1 : 1;
	return strcmp(x->owner, y->owner);
}

static int overdue_by_owner(struct dk_db *db, const char *as_of, const char *team,
                            const struct dk_report_sink *k, struct dk_error *err)
{
	static const char *const names[] = {"owner", "team", "overdue", "most_days", "top_score", "risks"};
	struct groups gs = {0};
	int rc = dk_risk_overdue(db, as_of, NULL, team, group_row, &gs, err);

	if (rc == DK_OK && gs.n > 1)
		qsort(gs.g, gs.n, sizeof *gs.g, by_size);
	for (size_t i = 0; rc == DK_OK && i < gs.n; i++) {
		struct owner_group *g = &gs.g[i];
		char n[24], days[24], score[24];
		struct dk_cell cells[6];
		const char *v[6];

		snprintf(n, sizeof n, "%lld", (long long)g->n);
		snprintf(days, sizeof days, "%lld", (long long)g->most_days);
		snprintf(score, sizeof score, "%lld", (long long)g->top_score);
		if (g->n > TOP_KEYS)
			dk_buf_addf(&g->keys, " +%lld", (long long)(g->n - TOP_KEYS));
		v[0] = g->owner;
		v[1] = g->team[0] ? g->team : NULL;
		v[2] = n;
		v[3] = days;
		v[4] = score;
		v[5] = dk_buf_ok(&g->keys) ? dk_buf_str(&g->keys) : "";
		for (int j = 0; j < 6; j++)
			cells[j] = (struct dk_cell){names[j], v[j],
			                            v[j] == NULL ? DK_CELL_NULL : j >= 2 && j <= 4 ? DK_CELL_INT : DK_CELL_TEXT};
		rc = k->row(k->ctx, 6, cells, err);
	}
	for (size_t i = 0; i < gs.n; i++)
		dk_buf_free(&gs.g[i].keys);
	free(gs.g);
	free(gs.slot);
	return rc;
}

/* Rows with "days_past" (as_of - review_by) added after review_by. */
struct past_rows {
	const struct dk_report_sink *k;
	const char *as_of;
};

static int past_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct past_rows *p = arg;
	struct dk_cell out[16];
	char days[24];
	int n = 0;

	for (int i = 0; i < ncol && n < 15; i++) {
		out[n++] = cells[i];
		if (strcmp(cells[i].name, "review_by") == 0 && cells[i].text) {
			snprintf(days, sizeof days, "%ld", dk_risk_days_late(cells[i].text, p->as_of));
			out[n++] = (struct dk_cell){"days_past", days, DK_CELL_INT};
		}
	}
	return p->k->row(p->k->ctx, n, out, err);
}

static int rows(struct dk_db *db, const char *sql, const struct dates *w, const char *team,
                dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = prepare(db, &s, sql, w, team, err)) != DK_OK)
		return rc;
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

static int heatmap(struct dk_db *db, const struct dates *w, const char *team,
                   const struct dk_report_sink *k, struct dk_error *err)
{
	static const char *const names[] = {"likelihood", "impact_1", "impact_2", "impact_3",
	                                    "impact_4", "impact_5"};
	int64_t grid[6][6] = {{0}};
	struct dk_stmt s;
	int rc;

	if ((rc = prepare(db, &s, SQL_HEATMAP, w, team, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(&s, err)) == DK_ROW) {
		int64_t l = dk_col_int(&s, 0), i = dk_col_int(&s, 1);
		if (l >= 1 && l <= 5 && i >= 1 && i <= 5)
			grid[l][i] = dk_col_int(&s, 2);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	for (int l = 5; l >= 1; l--) {
		char v[6][24];
		struct dk_cell cells[6];

		for (int i = 0; i < 6; i++) {
			snprintf(v[i], sizeof v[i], "%lld", (long long)(i == 0 ? l : grid[l][i]));
			cells[i] = (struct dk_cell){names[i], v[i], DK_CELL_INT};
		}
		if ((rc = k->row(k->ctx, 6, cells, err)) != DK_OK)
			return rc;
	}
	return DK_OK;
}

int dk_report_weekly(struct dk_db *db, const char *as_of, const char *team,
                     const struct dk_report_sink *k, struct dk_error *err)
{
	struct past_rows past = {k, as_of};
	struct kept esc = {0};
	struct dates w;
	long day;
	int rc;

	if (!dk_date_valid(as_of))
		return dk_fail(err, DK_EINPUT, "--as-of '%.20s' is not a date (YYYY-MM-DD)", as_of);
	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	day = dk_date_days(as_of);
	week_of(day, 1, &w);
	/* Reads see one snapshot even while others write. */
	if ((rc = dk_db_exec(db, "BEGIN", err)) != DK_OK)
		return rc;
	if ((rc = dk_risk_escalations(db, as_of, team, keep_row, &esc, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "headline", "Headline", err)) != DK_OK ||
	    (rc = headline(db, day, team, &esc, k, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "overdue_by_owner", "Overdue risks by owner", err)) != DK_OK ||
	    (rc = overdue_by_owner(db, as_of, team, k, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "due_soon", "Due in the next 7 days", err)) != DK_OK ||
	    (rc = rows(db, SQL_DUE_SOON, &w, team, k->row, k->ctx, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "escalations", "Escalations", err)) != DK_OK ||
	    (rc = replay(&esc, k, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "decisions_taken", "Decisions taken this week", err)) != DK_OK ||
	    (rc = rows(db, SQL_DECISIONS_TAKEN, &w, team, k->row, k->ctx, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "decisions_review_due", "Decisions past their review-by date", err)) != DK_OK ||
	    (rc = rows(db, SQL_DECISIONS_REVIEW, &w, team, past_row, &past, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "closed", "Risks closed this week", err)) != DK_OK ||
	    (rc = rows(db, SQL_CLOSED, &w, team, k->row, k->ctx, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "heatmap", "Heat map of open risks (likelihood x impact)", err)) != DK_OK ||
	    (rc = heatmap(db, &w, team, k, err)) != DK_OK) {
		dk_db_rollback(db);
		kept_free(&esc);
		return rc;
	}
	dk_db_rollback(db); /* nothing was written */
	kept_free(&esc);
	return DK_OK;
}
