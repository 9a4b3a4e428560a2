/* withdraw.c: withdrawing a record made by mistake (docket/withdraw.h).
 * The rules about what rests on what follow the foreign keys and the
 * lineage edges (migrations/0005's lineage_edge view); the schema
 * (migrations/0011) keeps a withdrawn record as it is. */
#include "docket/withdraw.h"

#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/text.h"

#define MAX_NAMED 8 /* blockers named in a refusal; the rest are counted */

static const char SQL_RISK_STATE[] =
	"SELECT withdrawn_at, withdrawn_by, withdrawn_reason FROM risk WHERE id = :id";
static const char SQL_DECISION_STATE[] =
	"SELECT withdrawn_at, withdrawn_by, withdrawn_reason FROM decision WHERE id = :id";
static const char SQL_EVIDENCE_STATE[] =
	"SELECT withdrawn_at, withdrawn_by, withdrawn_reason FROM evidence WHERE id = :id";
static const char SQL_REVIEW_STATE[] =
	"SELECT withdrawn_at, withdrawn_by, withdrawn_reason FROM review WHERE id = :id";

/* One row per record that rests on :id, saying how. */
static const char SQL_RISK_BLOCKERS[] =
	"SELECT 'VS-' || s.id || ' has ' || count(*) || ' recorded result' ||"
	" CASE WHEN count(*) = 1 THEN '' ELSE 's' END"
	" FROM verification_step s JOIN verification_result v ON v.step_id = s.id"
	" WHERE s.risk_id = :id GROUP BY s.id "
	"UNION ALL "
	"SELECT 'it is accepted (approved by ' || coalesce(p.handle, '?') || ' until ' ||"
	"  r.accepted_until || ')' FROM risk r LEFT JOIN person p ON p.id = r.approved_by"
	" WHERE r.id = :id AND r.status = 'accepted'";
static const char SQL_DECISION_BLOCKERS[] =
	"SELECT 'D-' || n.id || ' supersedes it' FROM decision n WHERE n.supersedes_id = :id "
	"UNION ALL "
	"SELECT 'it supersedes D-' || d.supersedes_id FROM decision d"
	" WHERE d.id = :id AND d.supersedes_id IS NOT NULL "
	"UNION ALL "
	"SELECT 'R-' || r.id || ' (' || r.status || ') was left by it' FROM risk r"
	" WHERE r.decision_id = :id AND r.status IN ('open', 'mitigating', 'accepted') "
	"UNION ALL "
	"SELECT 'D-' || l.src_id || ' links to it (' || l.label || ')' FROM decision_link l"
	" JOIN decision s ON s.id = l.src_id WHERE l.dst_id = :id AND s.status <> 'withdrawn' "
	"UNION ALL "
	"SELECT 'it was imported from ' || file || ' (change its status there and import again)'"
	" FROM adr_source WHERE decision_id = :id";
static const char SQL_EVIDENCE_BLOCKERS[] =
	"SELECT 'D-' || d.id || ' (' || d.status || ') cites it (docket decision unlink D-' || d.id ||"
	"  ' --evidence EV-' || de.evidence_id || ')'"
	" FROM decision_evidence de JOIN decision d ON d.id = de.decision_id"
	" WHERE de.evidence_id = :id AND d.status <> 'withdrawn' "
	"UNION ALL "
	"SELECT 'VS-' || s.id || ' of R-' || s.risk_id || ' recorded a result with it'"
	" FROM verification_result v JOIN verification_step s ON s.id = v.step_id"
	" WHERE v.evidence_id = :id GROUP BY s.id";
static const char SQL_REVIEW_BLOCKERS[] =
	"SELECT 'D-' || d.id || ' (' || d.status || ') was taken in it' FROM decision d"
	" WHERE d.review_id = :id AND d.status <> 'withdrawn'";

#define WITHDRAWN_COLUMNS \
	"withdrawn_at, withdrawn_by, withdrawn_reason AS reason "
static const char SQL_RISK_LIST[] =
	"SELECT 'R-' || id AS key, title, " WITHDRAWN_COLUMNS
	"FROM risk WHERE status = 'withdrawn' ORDER BY withdrawn_at, id";
static const char SQL_DECISION_LIST[] =
	"SELECT 'D-' || id AS key, title, " WITHDRAWN_COLUMNS
	"FROM decision WHERE status = 'withdrawn' ORDER BY withdrawn_at, id";
static const char SQL_EVIDENCE_LIST[] =
	"SELECT 'EV-' || id AS key, title, " WITHDRAWN_COLUMNS
	"FROM evidence WHERE withdrawn_at IS NOT NULL ORDER BY withdrawn_at, id";
static const char SQL_REVIEW_LIST[] =
	"SELECT 'RV-' || id AS key, 'design review on ' || held_on AS title, " WITHDRAWN_COLUMNS
	"FROM review WHERE withdrawn_at IS NOT NULL ORDER BY withdrawn_at, id";

#define WITHDRAW_SET \
	"withdrawn_at = docket_now(), withdrawn_by = docket_actor(), " \
	"withdrawn_reason = :reason"
static const char SQL_RISK_WITHDRAW[] =
	"UPDATE risk SET status = 'withdrawn', " WITHDRAW_SET " WHERE id = :id";
static const char SQL_DECISION_WITHDRAW[] =
	"UPDATE decision SET status = 'withdrawn', " WITHDRAW_SET " WHERE id = :id";
static const char SQL_EVIDENCE_WITHDRAW[] = "UPDATE evidence SET " WITHDRAW_SET " WHERE id = :id";
static const char SQL_REVIEW_WITHDRAW[] = "UPDATE review SET " WITHDRAW_SET " WHERE id = :id";

static const struct kind {
	const char *prefix;   /* key prefix */
	const char *what;     /* for messages */
	const char *list;     /* the command that lists them */
	const char *state;    /* withdrawn_at, withdrawn_by, withdrawn_reason of :id */
	const char *blockers; /* what rests on :id */
	const char *withdraw; /* the write */
	const char *listing;  /* the withdrawn ones */
	const char *hint;     /* what to do instead, after a refusal... */
	const char *hint_key; /* ...and, when not NULL, the key then this */
} kinds[] = {
	[DK_WITHDRAW_RISK] = {"R", "risk", "docket risk list", SQL_RISK_STATE, SQL_RISK_BLOCKERS,
	                      SQL_RISK_WITHDRAW, SQL_RISK_LIST,
	                      "recorded results stay on the record: close the risk once its steps "
	                      "pass; an acceptance is taken back with 'docket risk update ",
	                      " --status open'"},
	[DK_WITHDRAW_DECISION] = {"D", "decision", "docket decision list", SQL_DECISION_STATE,
	                          SQL_DECISION_BLOCKERS, SQL_DECISION_WITHDRAW, SQL_DECISION_LIST,
	                          "a risk it left is withdrawn or closed first; a decision in a "
	                          "supersession chain is deprecated, not withdrawn", NULL},
	[DK_WITHDRAW_EVIDENCE] = {"EV", "evidence item", "docket evidence list", SQL_EVIDENCE_STATE,
	                          SQL_EVIDENCE_BLOCKERS, SQL_EVIDENCE_WITHDRAW, SQL_EVIDENCE_LIST,
	                          "unlink it from those decisions first; a recorded result keeps "
	                          "its evidence", NULL},
	[DK_WITHDRAW_REVIEW] = {"RV", "review", "docket review list", SQL_REVIEW_STATE,
	                        SQL_REVIEW_BLOCKERS, SQL_REVIEW_WITHDRAW, SQL_REVIEW_LIST,
	                        "withdraw those decisions first", NULL},
};

static const struct kind *kind_of(enum dk_withdraw_kind k)
{
	return (unsigned)k < sizeof kinds / sizeof kinds[0] ? &kinds[k] : NULL;
}

static void copy(char *dst, size_t n, struct dk_stmt *s, int col)
{
	snprintf(dst, n, "%s", dk_col_is_null(s, col) ? "" : dk_col_text(s, col));
}

/* Reads the record's withdrawn columns; DK_EINPUT naming the key when there
 * is no such record. */
static int state(struct dk_db *db, const struct kind *k, int64_t id, int *withdrawn,
                 struct dk_withdrawal *w, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	memset(w, 0, sizeof *w);
	dk_key_format(k->prefix, id, w->key);
	*withdrawn = 0;
	if ((rc = dk_stmt_prepare(db, &s, k->state, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		*withdrawn = !dk_col_is_null(s, 0);
		copy(w->at, sizeof w->at, s, 0);
		copy(w->by, sizeof w->by, s, 1);
		copy(w->reason, sizeof w->reason, s, 2);
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "%s is not a known %s (see '%s')", w->key, k->what, k->list);
	}
	dk_stmt_finalize(&s);
	return rc;
}

/* Fills err with the refusal when anything rests on id; DK_OK when not. */
static int blockers(struct dk_db *db, const struct kind *k, int64_t id, const char *key,
                    struct dk_error *err)
{
	struct dk_buf b = {0};
	struct dk_stmt *s = NULL;
	int n = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, k->blockers, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW)
		if (n++ < MAX_NAMED)
			dk_buf_addf(&b, "%s%s", n > 1 ? "; " : "", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE) {
		dk_buf_free(&b);
		return rc;
	}
	if (n > MAX_NAMED)
		dk_buf_addf(&b, "; and %d more", n - MAX_NAMED);
	rc = n == 0 ? DK_OK
	     : dk_fail(err, DK_EINPUT, "%s cannot be withdrawn: %s (%s%s%s)", key,
	               dk_buf_ok(&b) ? dk_buf_str(&b) : "other records rest on it", k->hint,
	               k->hint_key ? key : "", k->hint_key ? k->hint_key : "");
	dk_buf_free(&b);
	return rc;
}

static int withdraw(struct dk_db *db, const struct kind *k, int64_t id, const char *reason,
                    struct dk_withdrawal *w, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int withdrawn, rc;

	if ((rc = state(db, k, id, &withdrawn, w, err)) != DK_OK)
		return rc;
	if (withdrawn)
		return dk_fail(err, DK_EINPUT, "%s is already withdrawn (on %s by %s: %.200s)", w->key,
		               w->at, w->by, w->reason);
	if ((rc = blockers(db, k, id, w->key, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, k->withdraw, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":reason", reason);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	return state(db, k, id, &withdrawn, w, err);
}

int dk_withdraw(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id, const char *reason,
                struct dk_withdrawal *w, struct dk_error *err)
{
	const struct kind *k = kind_of(kind);
	struct dk_withdrawal local;
	int rc;

	if (k == NULL)
		return dk_fail(err, DK_EINPUT, "not a kind of record that can be withdrawn");
	if (reason == NULL)
		return dk_fail(err, DK_EINPUT, "--reason is required: say why the %s is withdrawn",
		               k->what);
	if ((rc = dk_check_text("--reason", reason, 10000, 1, err)) != DK_OK)
		return rc;
	if (w == NULL)
		w = &local;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = withdraw(db, k, id, reason, w, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_withdrawn(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id, int *withdrawn,
                 struct dk_withdrawal *w, struct dk_error *err)
{
	const struct kind *k = kind_of(kind);

	*withdrawn = 0;
	if (k == NULL)
		return dk_fail(err, DK_EINPUT, "not a kind of record that can be withdrawn");
	return state(db, k, id, withdrawn, w, err);
}

int dk_withdrawn_list(struct dk_db *db, enum dk_withdraw_kind kind, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	const struct kind *k = kind_of(kind);
	struct dk_stmt *s = NULL;
	int rc;

	if (k == NULL)
		return dk_fail(err, DK_EINPUT, "not a kind of record that can be withdrawn");
	if ((rc = dk_stmt_prepare(db, &s, k->listing, err)) != DK_OK)
		return rc;
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_withdrawn_refuse(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id,
                        struct dk_error *err)
{
	struct dk_withdrawal w;
	int withdrawn, rc = dk_withdrawn(db, kind, id, &withdrawn, &w, err);

	if (rc != DK_OK || !withdrawn)
		return rc;
	return dk_fail(err, DK_EINPUT, "%s is withdrawn (on %s by %.64s) and is not changed", w.key,
	               w.at, w.by);
}
