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

/* Escalation rules, one statement each; the inputs text is built in C. */
static const char SQL_ESC_APPETITE[] =
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.score, pol.appetite, r.approved_by "
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team "
	"JOIN person e ON e.id = pol.escalate_to "
	"WHERE r.status = 'accepted' AND r.score > pol.appetite "
	"  AND (:before IS NULL OR r.created_at < :before) AND (:team IS NULL OR p.team = :team) "
	"ORDER BY r.score DESC, r.id";
static const char SQL_ESC_GRACE[] =
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.due_on, pol.grace_days "
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN policy pol ON pol.team = p.team "
	"JOIN person e ON e.id = pol.escalate_to "
	"WHERE r.status IN ('open', 'mitigating') AND r.due_on < :as_of "
	"  AND (:before IS NULL OR r.created_at < :before) "
	"  AND (:team IS NULL OR p.team = :team) "
	"ORDER BY r.due_on, r.score DESC, r.id";
static const char SQL_ESC_EXPIRED[] =
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.accepted_until, a.handle "
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN person a ON a.id = r.approved_by "
	"LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to "
	"WHERE r.status = 'accepted' AND r.accepted_until < :as_of AND (:before IS NULL OR r.created_at < :before) "
	"  AND (:team IS NULL OR p.team = :team) "
	"ORDER BY r.accepted_until, r.id";
static const char SQL_ESC_STALE[] =
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.accepted_on, a.handle "
	"FROM risk r JOIN person p ON p.id = r.owner_id JOIN person a ON a.id = r.approved_by "
	"LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to "
	"WHERE r.status = 'accepted' AND " STALE("r.") " "
	"  AND (:before IS NULL OR r.created_at < :before) AND (:team IS NULL OR p.team = :team) "
	"ORDER BY r.id";
static const char SQL_ESC_NOSTEP[] =
	"SELECT r.id, r.title, p.handle, p.team, e.handle, r.status, r.created_at "
	"FROM risk r JOIN person p ON p.id = r.owner_id "
	"LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to "
	"WHERE r.status IN ('open', 'mitigating') AND (:before IS NULL OR r.created_at < :before) "
	"  AND NOT EXISTS (SELECT 1 FROM verification_step s WHERE s.risk_id = r.id) "
	"  AND (:team IS NULL OR p.team = :team) "
	"ORDER BY r.id";
static const char SQL_ESC_NOPOLICY[] =
	"SELECT p.team, CASE WHEN p.team IS NULL THEN p.handle END, count(*) "
	"FROM person p CROSS JOIN risk r " /* people first: a few hundred, then their risks */
	"WHERE r.owner_id = p.id AND r.status IN ('open', 'mitigating', 'accepted') "
	"  AND (:before IS NULL OR r.created_at < :before) "
	"  AND (p.team IS NULL OR NOT EXISTS (SELECT 1 FROM policy pol WHERE pol.team = p.team)) "
	"  AND (:team IS NULL OR p.team = :team) "
	"GROUP BY p.team, CASE WHEN p.team IS NULL THEN p.handle END ORDER BY 1, 2";

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
	struct dk_stmt s;
	int64_t owner_id = 0;
	int rc;

	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	if (owner && (rc = dk_person_find(db, "--owner", owner, &owner_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_OVERDUE, err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":as_of", as_of);
	if (owner_id)
		dk_bind_int(&s, ":owner", owner_id);
	else
		dk_bind_null(&s, ":owner");
	dk_bind_text(&s, ":team", team);
	rc = dk_rows_emit(&s, dk_late_row, &w, err);
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

static int run_rule(struct dk_db *db, enum rule r, const char *as_of, const char *before,
                    const char *team, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	static const char *const sql[] = {SQL_ESC_APPETITE, SQL_ESC_GRACE, SQL_ESC_EXPIRED,
	                                  SQL_ESC_STALE, SQL_ESC_NOSTEP, SQL_ESC_NOPOLICY};
	static const char *const names[] = {"accepted_over_appetite", "overdue_past_grace",
	                                    "acceptance_expired", "acceptance_stale",
	                                    "no_verification_step", "no_policy"};
	struct dk_stmt s;
	struct finding f;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql[r], err)) != DK_OK)
		return rc;
	if (r == R_GRACE || r == R_EXPIRED)
		dk_bind_text(&s, ":as_of", as_of);
	dk_bind_text(&s, ":before", before);
	dk_bind_text(&s, ":team", team);
	while ((rc = dk_stmt_step(&s, err)) == DK_ROW) {
		memset(&f, 0, sizeof f);
		f.rule = names[r];
		if (r == R_NOPOLICY) {
			const char *t = col(&s, 0), *who = col(&s, 1);
			long long n = (long long)dk_col_int(&s, 2);
			f.team = t;
			f.owner = who;
			if (t != NULL) {
				snprintf(f.key, sizeof f.key, "team %s", t);
				snprintf(f.inputs, sizeof f.inputs, "%lld open risk%s; team '%s' has no policy",
				         n, n == 1 ? "" : "s", t);
			} else {
				snprintf(f.key, sizeof f.key, "owner %s", who ? who : "?");
				snprintf(f.inputs, sizeof f.inputs, "%lld open risk%s; owner '%s' has no team",
				         n, n == 1 ? "" : "s", who ? who : "?");
			}
			if ((rc = emit_finding(fn, ctx, &f, err)) != DK_OK)
				break;
			continue;
		}
		dk_key_format("R", dk_col_int(&s, 0), f.key);
		f.title = col(&s, 1);
		f.owner = col(&s, 2);
		f.team = col(&s, 3);
		f.escalate_to = col(&s, 4);
		switch (r) {
		case R_APPETITE:
			snprintf(f.inputs, sizeof f.inputs, "score %lld > appetite %lld",
			         (long long)dk_col_int(&s, 5), (long long)dk_col_int(&s, 6));
			break;
		case R_GRACE: {
			long late = dk_risk_days_late(dk_col_text(&s, 5), as_of);
			long grace = (long)dk_col_int(&s, 6);
			if (late <= grace)
				continue;
			snprintf(f.inputs, sizeof f.inputs, "due %s, %ld days overdue > grace %ld days",
			         dk_col_text(&s, 5), late, grace);
			break;
		}
		case R_EXPIRED:
			snprintf(f.inputs, sizeof f.inputs, "accepted until %s by %s, expired %ld days ago",
			         dk_col_text(&s, 5), dk_col_text(&s, 6),
			         dk_risk_days_late(dk_col_text(&s, 5), as_of));
			break;
		case R_STALE:
			snprintf(f.inputs, sizeof f.inputs, "approved by %s on %s; risk changed since",
			         dk_col_text(&s, 6), dk_col_text(&s, 5));
			break;
		case R_NOSTEP:
			snprintf(f.inputs, sizeof f.inputs, "%s since %.10s, 0 verification steps",
			         dk_col_text(&s, 5), dk_col_text(&s, 6));
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

int dk_risk_escalations(struct dk_db *db, const char *as_of, const char *team, dk_row_fn fn,
                        void *ctx, struct dk_error *err)
{
	return dk_risk_escalations_before(db, as_of, NULL, team, fn, ctx, err);
}

int dk_risk_escalations_before(struct dk_db *db, const char *as_of, const char *before,
                               const char *team, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc;

	if (team && (rc = dk_check_ident("--team", team, 64, 0, err)) != DK_OK)
		return rc;
	for (int r = 0; r < R_COUNT; r++)
		if ((rc = run_rule(db, (enum rule)r, as_of, before, team, fn, ctx, err)) != DK_OK)
			return rc;
	return DK_OK;
}
