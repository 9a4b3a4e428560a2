/* risk_watch.c: watching the register: risks past their due date or
 * acceptance (risk overdue) and the findings each team's policy escalates
 * (risk escalations), and the rows that count days overdue. */
#include "docket/risk.h"

#include <stdio.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/key.h"
#include "docket/person.h"
#include "docket/policy.h"
#include "docket/text.h"

#include "dialect.h"
#include "risk_rows.h"

/* What an acceptance's hash covers no longer matches. */
#define STALE(r) DK_RISK_STALE_SQL(r)
#define PENDING_STEPS(r) "(SELECT count(*) FROM verification_step s WHERE s.risk_id = " r ".id " \
	"AND NOT EXISTS (SELECT 1 FROM verification_result v WHERE v.step_id = s.id))"

/* The overdue query, index-driven on risk(status, due_on) and
 * risk(status, accepted_until). Kept identical to tests/bench/overdue.sql. */
static const char SQL_OVERDUE[] =
	"SELECT 'R-' || r.id AS key, r.title, p.handle AS owner, p.team, r.due_on AS due, "
	"       r.due_on AS _since, r.score, r.status, 'due date passed' AS why, "
	"       " PENDING_STEPS("r") " AS steps_pending, r.id AS _id "
	"FROM risk r JOIN person p ON p.id = r.owner_id "
	"WHERE r.status IN ('open', 'mitigating') AND r.due_on < :as_of "
	"  AND (:owner IS NULL OR r.owner_id = :owner) AND (:team IS NULL OR p.team = :team) "
	"UNION ALL "
	"SELECT 'R-' || r.id, r.title, p.handle, p.team, r.due_on, "
	"       CASE WHEN r.accepted_until < :as_of THEN r.accepted_until "
	"            WHEN r.due_on < :as_of THEN r.due_on ELSE :as_of END, r.score, r.status, "
	"       CASE WHEN r.accepted_until < :as_of THEN 'acceptance expired ' || r.accepted_until "
	"            ELSE 'acceptance stale (changed since approval)' END, "
	"       " PENDING_STEPS("r") ", r.id "
	"FROM risk r JOIN person p ON p.id = r.owner_id "
	"WHERE r.status = 'accepted' AND (r.accepted_until < :as_of OR " STALE("r.") ") "
	"  AND (:owner IS NULL OR r.owner_id = :owner) AND (:team IS NULL OR p.team = :team) "
	"ORDER BY _since, score DESC, _id";

/* Escalation rules, one FROM .. WHERE each, shared by the statement that
 * lists a rule's findings and the one that counts them (so a count cannot
 * drift from its list). B(r) cuts to risks created before :before, T(r)
 * to one team's risks, J the joins that only the listing needs (each
 * finds exactly one row or, LEFT, at most one: they never filter). B and
 * T each have a variant without: an ":x IS NULL OR" in the SQL would keep
 * SQLite from driving the query by the index that fits. */
#define ALL_(x) ""
#define BEFORE_(r) " AND " r ".created_at < :before"
#define TEAM_(r) " AND " r ".owner_id IN (SELECT id FROM person WHERE team = :team)"
#define NOJOIN ""
/* S(D, col): the status column as a rule reads it; STATUS_NOINDEX_ where
 * the query must not be driven by a status index (see SINCE). */
#define STATUS_(D, col) col
#define STATUS_NOINDEX_(D, col) D##_NOINDEX(col)
#define ESC_APPETITE(D, B, T, J) \
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team " J \
	"WHERE r.status = 'accepted' AND r.score > pol.appetite" B("r") T("r")
#define J_APPETITE "JOIN person e ON e.id = pol.escalate_to "
/* late = as_of - due (a due date is a whole day) */
#define ESC_GRACE(D, B, T, J) \
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team " J \
	"WHERE r.status IN ('open', 'mitigating') AND r.due_on < :as_of " \
	"  AND " D##_DAYS(":as_of", "r.due_on") " > pol.grace_days" B("r") T("r")
#define J_GRACE J_APPETITE
#define ESC_EXPIRED(D, B, T, J) \
	"FROM risk r " J "WHERE r.status = 'accepted' AND r.accepted_until < :as_of" B("r") T("r")
#define J_ACCEPTED \
	"JOIN person p ON p.id = r.owner_id JOIN person a ON a.id = r.approved_by " \
	"LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to "
#define STALE_S(D, B, T, J, S) \
	"FROM risk r " J "WHERE " S(D, "r.status") " = 'accepted' AND " STALE("r.") B("r") T("r")
#define ESC_STALE(D, B, T, J) STALE_S(D, B, T, J, STATUS_)
#define NOSTEP_S(D, B, T, J, S) \
	"FROM risk r " J "WHERE " S(D, "r.status") " IN ('open', 'mitigating') " \
	"  AND NOT EXISTS (SELECT 1 FROM verification_step s WHERE s.risk_id = r.id)" B("r") T("r")
#define ESC_NOSTEP(D, B, T, J) NOSTEP_S(D, B, T, J, STATUS_)
#define J_NOSTEP \
	"JOIN person p ON p.id = r.owner_id " \
	"LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to "
#define ESC_NOPOLICY(D, B, T, J) \
	"FROM person p CROSS JOIN risk r " /* people first: a few hundred, then their risks */ \
	"WHERE r.owner_id = p.id AND r.status IN ('open', 'mitigating', 'accepted') " \
	"  AND (p.team IS NULL OR NOT EXISTS (SELECT 1 FROM policy pol WHERE pol.team = p.team))" \
	B("r") T("r") " GROUP BY p.team, CASE WHEN p.team IS NULL THEN p.handle END"

/* The listing: columns id, title, owner, team, escalate_to, then the
 * rule's inputs; LIMIT :limit (INT64_MAX: every row). risk-verification's,
 * in id order, reads the table in that order (not by the status index,
 * then sorting every finding) and stops at the limit. */
#define LIST_APPETITE(D, T) \
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.score, pol.appetite " \
	ESC_APPETITE(D, ALL_, T, J_APPETITE) " ORDER BY r.score DESC, r.id LIMIT :limit"
#define LIST_GRACE(D, T) \
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.due_on, pol.grace_days " \
	ESC_GRACE(D, ALL_, T, J_GRACE) " ORDER BY r.due_on, r.score DESC, r.id LIMIT :limit"
#define LIST_EXPIRED(D, T) \
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.accepted_until, a.handle " \
	ESC_EXPIRED(D, ALL_, T, J_ACCEPTED) " ORDER BY r.accepted_until, r.id LIMIT :limit"
#define LIST_STALE(D, T) \
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.accepted_on, a.handle " \
	ESC_STALE(D, ALL_, T, J_ACCEPTED) " ORDER BY r.id LIMIT :limit"
#define LIST_NOSTEP(D, T) \
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.status, r.created_at " \
	NOSTEP_S(D, ALL_, T, J_NOSTEP, STATUS_NOINDEX_) " ORDER BY r.id LIMIT :limit"
#define LIST_NOPOLICY(D, T) \
	"SELECT p.team, CASE WHEN p.team IS NULL THEN p.handle END, count(*) " \
	ESC_NOPOLICY(D, ALL_, T, NOJOIN) " ORDER BY 1, 2 LIMIT :limit"
#define LIST(M, T) {.sqlite = M(DK_SQLITE, T), .postgres = M(DK_PG, T)}

/* [team given] */
static const struct dk_sql sql_list[][2] = {
	{LIST(LIST_APPETITE, ALL_), LIST(LIST_APPETITE, TEAM_)},
	{LIST(LIST_GRACE, ALL_), LIST(LIST_GRACE, TEAM_)},
	{LIST(LIST_EXPIRED, ALL_), LIST(LIST_EXPIRED, TEAM_)},
	{LIST(LIST_STALE, ALL_), LIST(LIST_STALE, TEAM_)},
	{LIST(LIST_NOSTEP, ALL_), LIST(LIST_NOSTEP, TEAM_)},
	{LIST(LIST_NOPOLICY, ALL_), LIST(LIST_NOPOLICY, TEAM_)},
};
#define COUNT_OF(W, B, T) \
	{.sqlite = "SELECT count(*) " W(DK_SQLITE, B, T, NOJOIN), \
	 .postgres = "SELECT count(*) " W(DK_PG, B, T, NOJOIN)}
#define COUNT(W) \
	{{COUNT_OF(W, ALL_, ALL_), COUNT_OF(W, ALL_, TEAM_)}, \
	 {COUNT_OF(W, BEFORE_, ALL_), COUNT_OF(W, BEFORE_, TEAM_)}}
/* Rules that do not depend on the day judged, but scan every open or
 * accepted risk: those created before a date are those of today less
 * those created since, found by the created_at index (the status index
 * would read every row's created_at from the table). */
#define SINCE_(r) " AND " r ".created_at >= :before"
#define SINCE_OF(W, B, T, S) \
	{.sqlite = "SELECT count(*) " W(DK_SQLITE, B, T, NOJOIN, S), \
	 .postgres = "SELECT count(*) " W(DK_PG, B, T, NOJOIN, S)}
#define SINCE(W) \
	{{SINCE_OF(W, ALL_, ALL_, STATUS_), SINCE_OF(W, ALL_, TEAM_, STATUS_)}, \
	 {SINCE_OF(W, SINCE_, ALL_, STATUS_NOINDEX_), SINCE_OF(W, SINCE_, TEAM_, STATUS_NOINDEX_)}}
#define GROUPS_OF(B, T) \
	{.sqlite = "SELECT count(*) FROM (SELECT 1 " ESC_NOPOLICY(DK_SQLITE, B, T, NOJOIN) ") g", \
	 .postgres = "SELECT count(*) FROM (SELECT 1 " ESC_NOPOLICY(DK_PG, B, T, NOJOIN) ") g"}
/* [before given][team given]; risk-policy counts its groups */
static const struct dk_sql sql_count[][2][2] = {
	COUNT(ESC_APPETITE), COUNT(ESC_GRACE), COUNT(ESC_EXPIRED), SINCE(STALE_S), SINCE(NOSTEP_S),
	{{GROUPS_OF(ALL_, ALL_), GROUPS_OF(ALL_, TEAM_)},
	 {GROUPS_OF(BEFORE_, ALL_), GROUPS_OF(BEFORE_, TEAM_)}},
};

/* The rule names, as docket check names the same rules. */
const char *const dk_escalation_rules[] = {"risk-appetite", "risk-overdue", "acceptance-expired",
                                           "acceptance-stale", "risk-verification", "risk-policy",
                                           NULL};

int dk_late_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct dk_late_rows *w = arg;
	struct dk_cell out[64];
	char days[24];
	int n = 0;

	for (int i = 0; i < ncol && n < 64; i++) {
		if (cells[i].name[0] != '_') {
			out[n++] = cells[i];
		} else if (strcmp(cells[i].name, "_since") == 0) {
			long d = cells[i].type == DK_CELL_NULL ? 0 : dk_risk_days_late(cells[i].text, w->as_of);
			snprintf(days, sizeof days, "%ld", d > 0 ? d : 0);
			out[n].name = "days_overdue";
			out[n].text = cells[i].type == DK_CELL_NULL ? NULL : days;
			out[n++].type = cells[i].type == DK_CELL_NULL ? DK_CELL_NULL : DK_CELL_INT;
		}
	}
	w->rows++;
	return w->fn(w->ctx, n, out, err);
}

/* Watching. */

const char *dk_risk_overdue_sql(void) { return SQL_OVERDUE; }

int dk_risk_overdue(struct dk_db *db, const char *as_of, const char *owner, const char *team,
                    dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_late_rows w = {fn, ctx, as_of, 0};
	struct dk_stmt *s = NULL;
	int64_t owner_id = 0;
	int rc;

	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	if (owner && (rc = dk_person_find(db, "--owner", owner, &owner_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_OVERDUE, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":as_of", as_of);
	if (owner_id)
		dk_bind_int(s, ":owner", owner_id);
	else
		dk_bind_null(s, ":owner");
	dk_bind_text(s, ":team", team);
	rc = dk_rows_emit(s, dk_late_row, &w, err);
	dk_stmt_finalize(&s);
	return rc;
}

struct finding {
	char key[DK_KEY_LEN + 80];
	const char *title, *rule, *owner, *team, *escalate_to;
	char inputs[512];
};

static int emit_finding(dk_row_fn fn, void *ctx, const struct finding *f, struct dk_error *err)
{
	const char *v[] = {f->key, f->title, f->rule, f->inputs, f->owner, f->team, f->escalate_to};
	static const char *const names[] = {"key", "title", "rule", "inputs", "owner", "team", "escalate_to"};
	struct dk_cell cells[7];

	for (int i = 0; i < 7; i++) {
		cells[i].name = names[i];
		cells[i].text = v[i];
		cells[i].type = v[i] ? DK_CELL_TEXT : DK_CELL_NULL;
	}
	return fn(ctx, 7, cells, err);
}

static const char *col(struct dk_stmt *s, int i) { return dk_col_is_null(s, i) ? NULL : dk_col_text(s, i); }

enum rule { R_APPETITE, R_GRACE, R_EXPIRED, R_STALE, R_NOSTEP, R_NOPOLICY, R_COUNT };
_Static_assert(R_COUNT == DK_ESCALATION_RULES, "one count per rule");

/* Emits at most limit (-1: every) findings of rule r; *n is how many. */
static int run_rule(struct dk_db *db, enum rule r, const char *as_of, const char *team,
                    int64_t limit, dk_row_fn fn, void *ctx, int64_t *n, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	struct finding f;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &sql_list[r][team != NULL]), err)) != DK_OK)
		return rc;
	if (r == R_GRACE || r == R_EXPIRED)
		dk_bind_text(s, ":as_of", as_of);
	if (team)
		dk_bind_text(s, ":team", team);
	dk_bind_int(s, ":limit", limit < 0 ? INT64_MAX : limit);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		memset(&f, 0, sizeof f);
		f.rule = dk_escalation_rules[r];
		++*n;
		if (r == R_NOPOLICY) {
			const char *t = col(s, 0), *who = col(s, 1);
			long long k = (long long)dk_col_int(s, 2);
			f.team = t;
			f.owner = who;
			if (t != NULL) {
				snprintf(f.key, sizeof f.key, "team %s", t);
				snprintf(f.inputs, sizeof f.inputs, "%lld open risk%s; team '%s' has no policy",
				         k, k == 1 ? "" : "s", t);
			} else {
				snprintf(f.key, sizeof f.key, "owner %s", who ? who : "?");
				snprintf(f.inputs, sizeof f.inputs, "%lld open risk%s; owner '%s' has no team",
				         k, k == 1 ? "" : "s", who ? who : "?");
			}
			if ((rc = emit_finding(fn, ctx, &f, err)) != DK_OK)
				break;
			continue;
		}
		dk_key_format("R", dk_col_int(s, 0), f.key);
		f.title = col(s, 1);
		f.owner = col(s, 2);
		f.team = col(s, 3);
		f.escalate_to = col(s, 4);
		switch (r) {
		case R_APPETITE:
			snprintf(f.inputs, sizeof f.inputs, "score %lld > appetite %lld",
			         (long long)dk_col_int(s, 5), (long long)dk_col_int(s, 6));
			break;
		case R_GRACE:
			snprintf(f.inputs, sizeof f.inputs, "due %s, %ld days overdue > grace %ld days",
			         dk_col_text(s, 5), dk_risk_days_late(dk_col_text(s, 5), as_of),
			         (long)dk_col_int(s, 6));
			break;
		case R_EXPIRED:
			snprintf(f.inputs, sizeof f.inputs, "accepted until %s by %s, expired %ld days ago",
			         dk_col_text(s, 5), dk_col_text(s, 6),
			         dk_risk_days_late(dk_col_text(s, 5), as_of));
			break;
		case R_STALE:
			snprintf(f.inputs, sizeof f.inputs, "approved by %s on %s; risk changed since",
			         dk_col_text(s, 6), dk_col_text(s, 5));
			break;
		case R_NOSTEP:
			snprintf(f.inputs, sizeof f.inputs, "%s since %.10s, 0 verification steps",
			         dk_col_text(s, 5), dk_col_text(s, 6));
			break;
		default:
			break;
		}
		if ((rc = emit_finding(fn, ctx, &f, err)) != DK_OK)
			break;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* The rules counted as today's less those created since (SINCE). */
static int since_rule(enum rule r) { return r == R_STALE || r == R_NOSTEP; }

/* *n: rule r's findings on as_of among risks created before `before`
 * (NULL: all). now, when not NULL, holds every rule's count on any day
 * (a SINCE rule does not depend on the day). */
static int count_rule(struct dk_db *db, enum rule r, const char *as_of, const char *before,
                      const char *team, const int64_t *now, int64_t *n, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int found, rc;
	int64_t all = 0;

	if (before && since_rule(r) && now)
		all = now[r];
	else if (before && since_rule(r) &&
	         (rc = count_rule(db, r, as_of, NULL, team, NULL, &all, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &sql_count[r][before != NULL][team != NULL]),
	                          err)) != DK_OK)
		return rc;
	if (r == R_GRACE || r == R_EXPIRED)
		dk_bind_text(s, ":as_of", as_of);
	if (before)
		dk_bind_text(s, ":before", before);
	if (team)
		dk_bind_text(s, ":team", team);
	rc = dk_stmt_one_int(s, n, &found, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && before && since_rule(r))
		*n = all - *n; /* created before = all less those created since */
	return rc;
}

int dk_risk_escalations(struct dk_db *db, const char *as_of, const char *team, dk_row_fn fn,
                        void *ctx, struct dk_error *err)
{
	struct dk_escalation_counts n;

	return dk_risk_escalations_top(db, as_of, team, 0, fn, ctx, &n, err);
}

int dk_risk_escalations_top(struct dk_db *db, const char *as_of, const char *team, int64_t limit,
                            dk_row_fn fn, void *ctx, struct dk_escalation_counts *counts,
                            struct dk_error *err)
{
	int64_t *total = &counts->total;
	int rc;

	memset(counts, 0, sizeof *counts);
	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	for (int r = 0; r < R_COUNT; r++) {
		int64_t shown = 0, n;
		/* the rules are listed one after another: each gets what the
		 * rules before it left of the limit, and the rest is counted */
		int64_t room = limit <= 0 ? -1 : limit > *total ? limit - *total : 0;
		if (room != 0 &&
		    (rc = run_rule(db, (enum rule)r, as_of, team, room, fn, ctx, &shown, err)) != DK_OK)
			return rc;
		if (room < 0 || shown < room)
			n = shown; /* every finding of the rule was listed */
		else if ((rc = count_rule(db, (enum rule)r, as_of, NULL, team, NULL, &n, err)) != DK_OK)
			return rc;
		counts->rule[r] = n;
		*total += n;
	}
	return DK_OK;
}

int dk_risk_escalations_count(struct dk_db *db, const char *as_of, const char *before,
                              const char *team, const struct dk_escalation_counts *now, int64_t *n,
                              struct dk_error *err)
{
	int rc;

	*n = 0;
	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	for (int r = 0; r < R_COUNT; r++) {
		int64_t k;
		if ((rc = count_rule(db, (enum rule)r, as_of, before, team, now ? now->rule : NULL, &k,
		                     err)) != DK_OK)
			return rc;
		*n += k;
	}
	return DK_OK;
}
