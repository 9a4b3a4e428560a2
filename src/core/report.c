#include "docket/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/risk.h"
#include "docket/text.h"

#include "dialect.h"

/* A team filter, and its absence: two statements rather than one with
 * ":team IS NULL OR", which keeps SQLite from driving a team's query by
 * the owner index (and the whole report's by a covering one). */
#define ALL_(r) ""
#define TEAM_(r) " AND " r ".owner_id IN (SELECT id FROM person WHERE team = :team)"
#define BOTH(Q) {Q(ALL_), Q(TEAM_)}
/* The team filter where a date or status index should drive the query
 * (a week's new or closed risks, the overdue ones) rather than the owner
 * index, which would fetch every one of the team's risks from the table. */
#define TEAM_BY_DATE_(r) " AND +" r ".owner_id IN (SELECT id FROM person WHERE team = :team)"
#define BOTH_BY_DATE(Q) {Q(ALL_), Q(TEAM_BY_DATE_)}
#define PENDING_STEPS(r) "(SELECT count(*) FROM verification_step s WHERE s.risk_id = " r ".id " \
	"AND NOT EXISTS (SELECT 1 FROM verification_result v WHERE v.step_id = s.id))"

/* Headline counts; :d is the day judged, :before the day after it, :from
 * the week's first day. Each is [team given]. */
/* created before: all but those created since (a few, by the created_at
 * index; the rest are counted in the owner index alone) */
#define CREATED_BEFORE(T) \
	"SELECT (SELECT count(*) FROM risk r WHERE r.status <> 'withdrawn'" T("r") ") - " \
	"(SELECT count(*) FROM risk r WHERE r.created_at >= :before AND r.status <> 'withdrawn'" \
	TEAM_BY_DATE(T) ")"
/* T's variant that lets a date index drive: ALL_BY_DATE_ or TEAM_BY_DATE_ */
#define TEAM_BY_DATE(T) T##BY_DATE_("r")
#define ALL_BY_DATE_(r) ""
/* S: for one team, "closed" (a risk has a closed_on exactly when it is
 * closed, a CHECK), so that the owner index finds only its closed risks;
 * for every team the closed_on index covers the query */
#define CLOSED_BY(T, S) \
	"SELECT count(*) FROM risk r WHERE " S "r.closed_on <= :d AND r.created_at < :before" T("r")
#define NEW(T) \
	"SELECT count(*) FROM risk r WHERE r.created_at >= :from AND r.created_at < :before" \
	" AND r.status <> 'withdrawn'" T("r")
#define CLOSED_IN(T) "SELECT count(*) FROM risk r WHERE r.closed_on BETWEEN :from AND :d" T("r")
/* Overdue on :d: not closed by then, and either past due without a
 * standing acceptance, or accepted with an expired or stale acceptance
 * (the same rule as dk_risk_overdue, which it equals when :d is today). */
#define OVERDUE_DUE(T) \
	"SELECT (SELECT count(*) FROM risk r " \
	"        WHERE r.status IN ('open', 'mitigating', 'accepted') AND r.due_on < :d " \
	"          AND r.created_at < :before AND NOT (r.status = 'accepted' AND r.accepted_on <= :d)" \
	T("r") ") + " \
	"       (SELECT count(*) FROM risk r " /* closed since: still open on :d */ \
	"        WHERE r.closed_on > :d AND r.due_on < :d AND r.created_at < :before" T("r") ")"
#define OVERDUE_ACCEPTED(T) \
	"SELECT count(*) FROM risk r " \
	"WHERE r.status = 'accepted' AND r.accepted_on <= :d " \
	"  AND (r.accepted_until < :d OR " DK_RISK_STALE_SQL("r.") ") " \
	"  AND r.created_at < :before" T("r")
static const char *const sql_created_before[] = BOTH(CREATED_BEFORE);
static const char *const sql_closed_by[] = {CLOSED_BY(ALL_, ""),
                                            CLOSED_BY(TEAM_, "r.status = 'closed' AND ")};
static const char *const sql_new[] = BOTH_BY_DATE(NEW);
static const char *const sql_closed_in[] = BOTH_BY_DATE(CLOSED_IN);
static const char *const sql_overdue_due[] = BOTH_BY_DATE(OVERDUE_DUE);
static const char *const sql_overdue_accepted[] = BOTH(OVERDUE_ACCEPTED);

/* Listed sections: the FROM .. WHERE shared by the list (LIMIT :limit,
 * INT64_MAX for every row) and its count; J, the join to the owner, only the
 * list needs (exactly one row: it never filters). */
#define OWNER_J "JOIN person p ON p.id = r.owner_id "
#define DUE_SOON(T, J) \
	"FROM risk r " J "WHERE r.status IN ('open', 'mitigating') AND r.due_on BETWEEN :d AND :until" \
	T("r")
#define LIST_DUE_SOON(T) \
	"SELECT 'R-' || r.id AS key, r.title, p.handle AS owner, r.due_on AS due, r.score, " \
	"       " PENDING_STEPS("r") " AS steps_pending " \
	DUE_SOON(T, OWNER_J) " ORDER BY r.due_on, r.score DESC, r.id LIMIT :limit"
#define COUNT_DUE_SOON(T) "SELECT count(*) " DUE_SOON(T, "")
#define CLOSED(T, J) "FROM risk r " J "WHERE r.closed_on BETWEEN :from AND :d" T("r")
#define LIST_CLOSED(T) \
	"SELECT 'R-' || r.id AS key, r.title, p.handle AS owner, r.closed_on, " \
	"       r.closed_reason AS reason " CLOSED(T, OWNER_J) " ORDER BY r.closed_on, r.id LIMIT :limit"
#define COUNT_CLOSED(T) "SELECT count(*) " CLOSED(T, "")
/* decisions have no team: the same statement either way */
#define DECISIONS_TAKEN(T) \
	"FROM decision WHERE status <> 'withdrawn' AND decided_on BETWEEN :from AND :d"
#define LIST_DECISIONS_TAKEN(T) \
	"SELECT 'D-' || id AS key, title, area, status, decided_on " DECISIONS_TAKEN(T) \
	" ORDER BY decided_on, id LIMIT :limit"
#define COUNT_DECISIONS_TAKEN(T) "SELECT count(*) " DECISIONS_TAKEN(T)
#define DECISIONS_REVIEW(T) "FROM decision WHERE status = 'accepted' AND review_by < :d"
#define LIST_DECISIONS_REVIEW(T) \
	"SELECT 'D-' || id AS key, title, area, review_by " DECISIONS_REVIEW(T) \
	" ORDER BY review_by, id LIMIT :limit"
#define COUNT_DECISIONS_REVIEW(T) "SELECT count(*) " DECISIONS_REVIEW(T)

struct listed {
	const char *list[2], *count[2]; /* [team given] */
};
static const struct listed q_due_soon = {BOTH(LIST_DUE_SOON), BOTH(COUNT_DUE_SOON)};
static const struct listed q_closed = {BOTH(LIST_CLOSED), BOTH(COUNT_CLOSED)};
static const struct listed q_decisions_taken = {BOTH(LIST_DECISIONS_TAKEN),
                                              BOTH(COUNT_DECISIONS_TAKEN)};
static const struct listed q_decisions_review = {BOTH(LIST_DECISIONS_REVIEW),
                                               BOTH(COUNT_DECISIONS_REVIEW)};

#define HEATMAP(T) \
	"SELECT r.likelihood, r.impact, count(*) FROM risk r " \
	"WHERE r.status IN ('open', 'mitigating')" T("r") " GROUP BY r.likelihood, r.impact"
static const char *const sql_heatmap[] = BOTH(HEATMAP);

#define TOP_KEYS 8 /* risks named per owner in overdue_by_owner (TOP_KEYS_TEXT) */

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
 * uses (a name it does not use is skipped). */
static int prepare(struct dk_db *db, struct dk_stmt **sp, const char *sql, const struct dates *w,
                   const char *team, struct dk_error *err)
{
	static const char *const names[] = {":d", ":before", ":from", ":until"};
	const char *vals[] = {w->d, w->before, w->from, w->until};
	struct dk_stmt *s;
	int rc;

	if ((rc = dk_stmt_prepare(db, sp, sql, err)) != DK_OK)
		return rc;
	s = *sp;
	for (int i = 0; i < 4; i++)
		if (dk_stmt_has_param(s, names[i]))
			dk_bind_text(s, names[i], vals[i]);
	if (dk_stmt_has_param(s, ":team"))
		dk_bind_text(s, ":team", team);
	return DK_OK;
}

static int count(struct dk_db *db, const char *sql, const struct dates *w, const char *team,
                 int64_t *n, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int found, rc;

	if ((rc = prepare(db, &s, sql, w, team, err)) != DK_OK)
		return rc;
	rc = dk_stmt_one_int(s, n, &found, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* Counts rows on their way to fn. */
struct row_count {
	dk_row_fn fn;
	void *ctx;
	int64_t rows;
};

static int counted_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct row_count *n = arg;

	n->rows++;
	return n->fn(n->ctx, ncol, cells, err);
}

/* Rows kept in memory: the escalations shown (at most the limit) are
 * listed after the headline that counts them, and are computed once for
 * both. */
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

/* esc: this week's escalations, already counted; last: whether w is last
 * week (counted here, sparing what esc already counted). */
static int headline_week(struct dk_db *db, const struct dates *w, const char *team,
                         const struct dk_escalation_counts *esc, int last, int64_t v[H_COUNT],
                         struct dk_error *err)
{
	int t = team != NULL;
	int64_t created, closed, a, b;
	int rc;

	memset(v, 0, sizeof(int64_t) * H_COUNT);
	if ((rc = count(db, sql_created_before[t], w, team, &created, err)) != DK_OK ||
	    (rc = count(db, sql_closed_by[t], w, team, &closed, err)) != DK_OK ||
	    (rc = count(db, sql_new[t], w, team, &v[H_NEW], err)) != DK_OK ||
	    (rc = count(db, sql_closed_in[t], w, team, &v[H_CLOSED], err)) != DK_OK ||
	    (rc = count(db, sql_overdue_due[t], w, team, &a, err)) != DK_OK ||
	    (rc = count(db, sql_overdue_accepted[t], w, team, &b, err)) != DK_OK)
		return rc;
	v[H_OPEN] = created - closed;
	v[H_OVERDUE] = a + b;
	if (!last) {
		v[H_ESCALATIONS] = esc->total;
		return DK_OK;
	}
	return dk_risk_escalations_count(db, w->d, w->before, team, esc, &v[H_ESCALATIONS], err);
}

static int headline(struct dk_db *db, long day, const char *team,
                    const struct dk_escalation_counts *esc, const struct dk_report_sink *k,
                    struct dk_error *err)
{
	static const char *const measures[] = {"open", "new", "closed", "overdue", "escalations"};
	static const char *const names[] = {"measure", "this_week", "last_week", "change"};
	int64_t now[H_COUNT], then[H_COUNT];
	struct dates w;
	int rc;

	week_of(day, 1, &w);
	if ((rc = headline_week(db, &w, team, esc, 0, now, err)) != DK_OK)
		return rc;
	week_of(day - 7, 0, &w);
	if ((rc = headline_week(db, &w, team, esc, 1, then, err)) != DK_OK)
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

/* Overdue risks grouped by owner: the rows of dk_risk_overdue (risk
 * overdue), each with the day it has been late since, counted in SQL. */
/* D: the dialect; X: a further condition; S: the status column
 * (D##_NOINDEX("r.status") keeps SQLite from driving one owner's query by
 * a status index). */
#define OVERDUE(D, T, X, S) \
	"WITH o AS (" \
	"  SELECT r.owner_id, r.id, r.score, r.due_on AS since FROM risk r " \
	"  WHERE " S " IN ('open', 'mitigating') AND r.due_on < :d" T("r") X \
	"  UNION ALL " \
	"  SELECT r.owner_id, r.id, r.score, CASE WHEN r.accepted_until < :d THEN r.accepted_until " \
	"         WHEN r.due_on < :d THEN r.due_on ELSE :d END FROM risk r " \
	"  WHERE " S " = 'accepted' AND (r.accepted_until < :d OR " DK_RISK_STALE_SQL("r.") ")" \
	T("r") X ") "
#define BY_OWNER(D, T) \
	OVERDUE(D, T, "", "r.status") "SELECT p.id, p.handle, p.team, count(*) AS n, " \
	"  CAST(" D##_DAYS(":d", "min(o.since)") " AS INTEGER) AS most_days, max(o.score) " \
	"FROM o JOIN person p ON p.id = o.owner_id GROUP BY p.id " \
	"ORDER BY n DESC, most_days DESC, p.handle"
/* one owner's worst first, as risk overdue orders them */
#define OWNER_KEYS(D, T) \
	OVERDUE(D, T, " AND r.owner_id = :owner", D##_NOINDEX("r.status")) \
	"SELECT 'R-' || o.id FROM o ORDER BY o.since, o.score DESC, o.id LIMIT " TOP_KEYS_TEXT
#define TOP_KEYS_TEXT "8"
#define DIALECTS(Q, T) {.sqlite = Q(DK_SQLITE, T), .postgres = Q(DK_PG, T)}
static const struct dk_sql sql_by_owner[] = {DIALECTS(BY_OWNER, ALL_), DIALECTS(BY_OWNER, TEAM_)};
static const struct dk_sql sql_owner_keys[] = {DIALECTS(OWNER_KEYS, ALL_),
                                               DIALECTS(OWNER_KEYS, TEAM_)};

static int owner_keys(struct dk_db *db, const struct dates *w, const char *team, int64_t owner,
                      int64_t n, struct dk_buf *keys, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, i = 0;

	if ((rc = prepare(db, &s, dk_sql_for(db, &sql_owner_keys[team != NULL]), w, team, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":owner", owner);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW)
		dk_buf_addf(keys, "%s%s", i++ ? ", " : "", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if (n > TOP_KEYS)
		dk_buf_addf(keys, " +%lld", (long long)(n - TOP_KEYS));
	return dk_buf_ok(keys) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

/* The first limit owners (limit <= 0: every one), the most overdue risks
 * first; *total is how many owners have any. */
static int overdue_by_owner(struct dk_db *db, const struct dates *w, const char *team,
                            int64_t limit, const struct dk_report_sink *k, int64_t *total,
                            struct dk_error *err)
{
	static const char *const names[] = {"owner", "team", "overdue", "most_days", "top_score", "risks"};
	struct dk_stmt *s = NULL;
	int rc;

	*total = 0;
	if ((rc = prepare(db, &s, dk_sql_for(db, &sql_by_owner[team != NULL]), w, team, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		struct dk_buf keys = {0};
		struct dk_cell cells[6];
		const char *v[6];

		if (limit > 0 && *total >= limit) {
			++*total; /* counted, not shown */
			continue;
		}
		++*total;
		if ((rc = owner_keys(db, w, team, dk_col_int(s, 0), dk_col_int(s, 3), &keys, err)) != DK_OK) {
			dk_buf_free(&keys);
			break;
		}
		for (int j = 0; j < 5; j++)
			v[j] = dk_col_is_null(s, j + 1) ? NULL : dk_col_text(s, j + 1);
		v[5] = dk_buf_str(&keys);
		for (int j = 0; j < 6; j++)
			cells[j] = (struct dk_cell){names[j], v[j],
			                            v[j] == NULL ? DK_CELL_NULL : j >= 2 && j <= 4 ? DK_CELL_INT : DK_CELL_TEXT};
		rc = k->row(k->ctx, 6, cells, err);
		dk_buf_free(&keys);
		if (rc != DK_OK)
			break;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
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

/* The first limit rows of a listed section (limit <= 0: every row), and
 * their number in all: counted only when the limit cut the list. */
static int listed(struct dk_db *db, const struct listed *q, const struct dates *w,
                  const char *team, int64_t limit, dk_row_fn fn, void *ctx, int64_t *total,
                  struct dk_error *err)
{
	struct row_count n = {fn, ctx, 0};
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = prepare(db, &s, q->list[team != NULL], w, team, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":limit", limit > 0 ? limit : INT64_MAX);
	rc = dk_rows_emit(s, counted_row, &n, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	*total = n.rows;
	if (limit > 0 && n.rows == limit)
		return count(db, q->count[team != NULL], w, team, total, err);
	return DK_OK;
}

static int heatmap(struct dk_db *db, const struct dates *w, const char *team,
                   const struct dk_report_sink *k, struct dk_error *err)
{
	static const char *const names[] = {"likelihood", "impact_1", "impact_2", "impact_3",
	                                    "impact_4", "impact_5"};
	int64_t grid[6][6] = {{0}};
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = prepare(db, &s, sql_heatmap[team != NULL], w, team, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		int64_t l = dk_col_int(s, 0), i = dk_col_int(s, 1);
		if (l >= 1 && l <= 5 && i >= 1 && i <= 5)
			grid[l][i] = dk_col_int(s, 2);
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

static int more(const struct dk_report_sink *k, const char *id, int64_t shown, int64_t total,
                struct dk_error *err)
{
	return k->more ? k->more(k->ctx, id, shown, total, err) : DK_OK;
}

static int64_t shown(int64_t limit, int64_t total) { return limit > 0 && total > limit ? limit : total; }

int dk_report_weekly(struct dk_db *db, const char *as_of, const char *team, int64_t limit,
                     const struct dk_report_sink *k, struct dk_error *err)
{
	struct past_rows past = {k, as_of};
	struct kept esc = {0};
	struct dk_escalation_counts n_esc;
	int64_t n;
	struct dates w;
	long day;
	int rc;

	if (!dk_date_valid(as_of))
		return dk_fail(err, DK_EINPUT, "--as-of '%.20s' is not a date (YYYY-MM-DD)", as_of);
	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	if (limit < 0)
		return dk_fail(err, DK_EINPUT, "--limit %lld is not allowed (0 for every row, or more)",
		               (long long)limit);
	day = dk_date_days(as_of);
	week_of(day, 1, &w);
	/* Reads see one snapshot even while others write. */
	if ((rc = dk_db_read_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_risk_escalations_top(db, as_of, team, limit, keep_row, &esc, &n_esc, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "headline", "Headline", err)) != DK_OK ||
	    (rc = headline(db, day, team, &n_esc, k, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "overdue_by_owner", "Overdue risks by owner", err)) != DK_OK ||
	    (rc = overdue_by_owner(db, &w, team, limit, k, &n, err)) != DK_OK ||
	    (rc = more(k, "overdue_by_owner", shown(limit, n), n, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "due_soon", "Due in the next 7 days", err)) != DK_OK ||
	    (rc = listed(db, &q_due_soon, &w, team, limit, k->row, k->ctx, &n, err)) != DK_OK ||
	    (rc = more(k, "due_soon", shown(limit, n), n, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "escalations", "Escalations", err)) != DK_OK ||
	    (rc = replay(&esc, k, err)) != DK_OK ||
	    (rc = more(k, "escalations", (int64_t)esc.n, n_esc.total, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "decisions_taken", "Decisions taken this week", err)) != DK_OK ||
	    (rc = listed(db, &q_decisions_taken, &w, NULL, limit, k->row, k->ctx, &n, err)) != DK_OK ||
	    (rc = more(k, "decisions_taken", shown(limit, n), n, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "decisions_review_due", "Decisions past their review-by date", err)) != DK_OK ||
	    (rc = listed(db, &q_decisions_review, &w, NULL, limit, past_row, &past, &n, err)) != DK_OK ||
	    (rc = more(k, "decisions_review_due", shown(limit, n), n, err)) != DK_OK ||
	    (rc = k->section(k->ctx, "closed", "Risks closed this week", err)) != DK_OK ||
	    (rc = listed(db, &q_closed, &w, team, limit, k->row, k->ctx, &n, err)) != DK_OK ||
	    (rc = more(k, "closed", shown(limit, n), n, err)) != DK_OK ||
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
