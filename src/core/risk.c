#include "docket/risk.h"

#include <stdio.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/key.h"
#include "docket/person.h"
#include "docket/policy.h"
#include "docket/search.h"
#include "docket/text.h"

#include "dialect.h"
#include "risk_rows.h"

const char *const dk_risk_categories[] = {"data", "model", "ops", "security", "compliance", "cost", NULL};
const char *const dk_risk_treatments[] = {"mitigate", "accept", "transfer", "avoid", NULL};
const char *const dk_risk_statuses[] = {"open", "mitigating", "accepted", "closed", NULL};
const char *const dk_step_ops[] = {"<=", "<", ">=", ">", "==", "!=", NULL};
static const char *const update_statuses[] = {"open", "mitigating", NULL};

#define NUM_LIMIT 1e15 /* thresholds and values: finite, and exact as text */

/* What an acceptance's hash covers, and the test that it no longer matches. */
#define CANON(r) DK_RISK_CANON_SQL(r)
#define STALE(r) DK_RISK_STALE_SQL(r)
/* A REAL shown without a trailing .0 when it is whole (BIGINT: values go
 * to 1e15, past PostgreSQL's INTEGER; SQLite reads both as INTEGER). */
#define NUM(x) \
	"(CASE WHEN " x " = CAST(" x " AS BIGINT) THEN CAST(CAST(" x " AS BIGINT) AS TEXT) " \
	"ELSE CAST(" x " AS TEXT) END)"
#define LATEST(s) "(SELECT v.result FROM verification_result v WHERE v.step_id = " s ".id " \
	"ORDER BY v.id DESC LIMIT 1)"

static const char SQL_INSERT[] =
	"INSERT INTO risk (uuid, title, description, category, likelihood, impact, treatment, "
	"                  owner_id, due_on, decision_id, blueprint_id, created_at, created_by) "
	"VALUES (coalesce(:uuid, docket_uuid()), :title, :description, coalesce(:category, 'ops'), :likelihood, "
	"        :impact, coalesce(:treatment, 'mitigate'), :owner, :due, :decision, :blueprint, "
	"        docket_now(), docket_actor()) RETURNING id";
static const char SQL_UPDATE[] =
	"UPDATE risk SET title = coalesce(:title, title), "
	"  description = coalesce(:description, description), "
	"  category = coalesce(:category, category), treatment = coalesce(:treatment, treatment), "
	"  owner_id = coalesce(:owner, owner_id), due_on = coalesce(:due, due_on), "
	"  likelihood = coalesce(:likelihood, likelihood), impact = coalesce(:impact, impact), "
	"  asked_by = CASE WHEN :status IS NULL THEN asked_by END, "
	"  approved_by = CASE WHEN :status IS NULL THEN approved_by END, "
	"  accepted_on = CASE WHEN :status IS NULL THEN accepted_on END, "
	"  accepted_until = CASE WHEN :status IS NULL THEN accepted_until END, "
	"  accepted_hash = CASE WHEN :status IS NULL THEN accepted_hash END, "
	"  accept_reason = CASE WHEN :status IS NULL THEN accept_reason END, "
	"  status = coalesce(:status, status) "
	"WHERE id = :id";
static const char SQL_STATUS[] =
	"SELECT r.status, p.team FROM risk r JOIN person p ON p.id = r.owner_id WHERE r.id = :id";
static const char SQL_OWNER_TEAM[] = "SELECT team FROM person WHERE id = :id";
static const char SQL_DECISION_EXISTS[] = "SELECT 1 FROM decision WHERE id = :id";
static const char SQL_BLUEPRINT_EXISTS[] = "SELECT 1 FROM blueprint WHERE id = :id";
static const char SQL_EVIDENCE_EXISTS[] = "SELECT 1 FROM evidence WHERE id = :id";

#define SQL_LIST_TEXT(D) \
	"SELECT 'R-' || r.id AS key, r.title, r.status, p.handle AS owner, p.team, r.likelihood, " \
	"       r.impact, r.score, r.due_on AS due, r.category, r.treatment, " \
	"       (SELECT count(*) FROM verification_step s WHERE s.risk_id = r.id) AS steps, " \
	"       (SELECT count(*) FROM verification_step s WHERE s.risk_id = r.id " \
	"        AND " LATEST("s") " = 'pass') AS passed " \
	"FROM risk r JOIN person p ON p.id = r.owner_id " \
	"WHERE (CASE WHEN :status IS NULL THEN r.status NOT IN ('closed', 'withdrawn') " \
	"            WHEN :status = 'all' THEN TRUE ELSE r.status = :status END) " \
	"  AND (:owner IS NULL OR r.owner_id = :owner) AND (:team IS NULL OR p.team = :team) " \
	"  AND (:category IS NULL OR r.category = :category) " \
	"  AND (:min_score IS NULL OR r.score >= :min_score) " \
	"  AND (:due_before IS NULL OR r.due_on < :due_before) " \
	"  AND (:due_after IS NULL OR r.due_on > :due_after) " \
	"  AND (:decision = 0 OR r.decision_id = :decision) " \
	"  AND (:blueprint = 0 OR r.blueprint_id = :blueprint) " \
	"  AND (:search IS NULL OR r.id IN (" D##_FTS_IDS("risk_fts", ":search") ")) " \
	"ORDER BY CASE WHEN :sort = 'score' THEN -r.score END, " \
	"         CASE WHEN :sort = 'owner' THEN p.handle END, r.due_on, r.score DESC, r.id"
static const struct dk_sql SQL_LIST = DK_SQL_BOTH(SQL_LIST_TEXT);

#define SQL_GET_TEXT(D) \
	"SELECT 'R-' || r.id AS key, r.title, r.description, r.category, r.likelihood, r.impact, " \
	"       r.score, r.status, r.treatment, p.handle AS owner, p.team, r.due_on AS due, " \
	"       CASE WHEN r.status IN ('open', 'mitigating') THEN r.due_on END AS _since, " \
	"       (SELECT count(*) FROM (SELECT a.action, " D##_JSON_TEXT("a.row", "due_on") " AS d, " \
	"               LAG(" D##_JSON_TEXT("a.row", "due_on") ") OVER (ORDER BY a.seq) AS pd " \
	"               FROM audit_log a WHERE a.entity = 'risk' AND a.entity_id = r.id) h " \
	"        WHERE h.action = 'update' AND h.d IS DISTINCT FROM h.pd) AS due_moved, " \
	"       CASE WHEN r.decision_id IS NOT NULL THEN 'D-' || r.decision_id END AS decision, " \
	"       CASE WHEN r.blueprint_id IS NOT NULL THEN 'BP-' || r.blueprint_id END AS blueprint, " \
	"       r.closed_on, r.closed_reason, r.created_at, r.created_by, r.uuid " \
	"FROM risk r JOIN person p ON p.id = r.owner_id WHERE r.id = :id"
static const struct dk_sql SQL_GET = DK_SQL_BOTH(SQL_GET_TEXT);

static const char SQL_ACCEPTANCE[] =
	"SELECT CASE WHEN r.accepted_until < :as_of AND " STALE("r.") " THEN 'expired, stale' "
	"            WHEN r.accepted_until < :as_of THEN 'expired' "
	"            WHEN " STALE("r.") " THEN 'stale' ELSE 'valid' END AS state, "
	"       r.asked_by, a.handle AS approved_by, r.accepted_on, r.accepted_until, "
	"       r.accept_reason AS reason, r.accepted_hash AS hash, "
	"       docket_sha256(" CANON("r.") ") AS current_hash "
	"FROM risk r JOIN person a ON a.id = r.approved_by "
	"WHERE r.id = :id AND r.status = 'accepted'";

#define STEP_COLUMNS \
	"SELECT 'VS-' || s.id AS key, 'R-' || s.risk_id AS risk, s.check_text AS \"check\", " \
	"       s.metric || ' ' || s.op || ' ' || " NUM("s.threshold") " AS criterion, s.method, " \
	"       coalesce(v.result, 'pending') AS result, " NUM("v.value") " AS value, " \
	"       v.recorded_on, CASE WHEN v.evidence_id IS NOT NULL THEN 'EV-' || v.evidence_id END " \
	"       AS evidence, (SELECT count(*) FROM verification_result x WHERE x.step_id = s.id) AS records " \
	"FROM verification_step s LEFT JOIN verification_result v ON v.id = " \
	"     (SELECT max(x.id) FROM verification_result x WHERE x.step_id = s.id) "
static const char SQL_STEPS_OF_RISK[] = STEP_COLUMNS "WHERE s.risk_id = :risk ORDER BY s.ordinal";
static const char SQL_STEP_ONE[] = STEP_COLUMNS "WHERE s.id = :step";
static const char SQL_STEP_RESULTS[] =
	"SELECT v.recorded_on, " NUM("v.value") " AS value, v.result, "
	"       CASE WHEN v.evidence_id IS NOT NULL THEN 'EV-' || v.evidence_id END AS evidence, "
	"       v.created_at, v.created_by "
	"FROM verification_result v WHERE v.step_id = :step ORDER BY v.id";
static const char SQL_STEP_INSERT[] =
	"INSERT INTO verification_step (uuid, risk_id, ordinal, check_text, metric, op, threshold, "
	"                               method, created_at, created_by) "
	"VALUES (docket_uuid(), :risk, "
	"        (SELECT coalesce(max(ordinal), 0) + 1 FROM verification_step WHERE risk_id = :risk), "
	"        :check, :metric, :op, :threshold, :method, "
	"        docket_now(), docket_actor()) RETURNING id";
static const char SQL_STEP_CRITERION[] =
	"SELECT s.op, s.threshold, r.status, 'R-' || r.id FROM verification_step s "
	"JOIN risk r ON r.id = s.risk_id WHERE s.id = :step";
static const char SQL_RESULT_INSERT[] =
	"INSERT INTO verification_result (uuid, step_id, value, result, evidence_id, recorded_on, "
	"                                 created_at, created_by) "
	"VALUES (docket_uuid(), :step, :value, :result, :evidence, :today, "
	"        docket_now(), docket_actor())";
static const char SQL_CLOSE_STEPS[] =
	"SELECT 'VS-' || s.id, s.metric || ' ' || s.op || ' ' || " NUM("s.threshold") ", "
	"       coalesce(v.result, 'pending'), " NUM("v.value") " "
	"FROM verification_step s LEFT JOIN verification_result v ON v.id = "
	"     (SELECT max(x.id) FROM verification_result x WHERE x.step_id = s.id) "
	"WHERE s.risk_id = :id ORDER BY s.ordinal";
static const char SQL_CLOSE[] =
	"UPDATE risk SET status = 'closed', closed_on = :today, closed_reason = :reason WHERE id = :id";
static const char SQL_OWNER[] = "SELECT owner_id FROM risk WHERE id = :id";
static const char SQL_ACCEPT[] =
	"UPDATE risk SET status = 'accepted', treatment = 'accept', asked_by = docket_actor(), "
	"  approved_by = :approver, accepted_on = :today, accepted_until = :until, "
	"  accept_reason = :reason, accepted_hash = docket_sha256(" CANON("") ") "
	"WHERE id = :id";

int dk_risk_score(int likelihood, int impact)
{
	if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5)
		return 0;
	return likelihood * impact;
}

long dk_risk_days_late(const char *due, const char *as_of)
{
	return dk_date_days(as_of) - dk_date_days(due);
}

int dk_acceptance_expired(const char *until, const char *as_of)
{
	return dk_date_days(until) < dk_date_days(as_of);
}

int dk_step_passes(const char *op, double threshold, double value)
{
	if (strcmp(op, "<=") == 0)
		return value <= threshold;
	if (strcmp(op, "<") == 0)
		return value < threshold;
	if (strcmp(op, ">=") == 0)
		return value >= threshold;
	if (strcmp(op, ">") == 0)
		return value > threshold;
	if (strcmp(op, "==") == 0)
		return value == threshold;
	if (strcmp(op, "!=") == 0)
		return value != threshold;
	return 0;
}

/* Runs a lookup that binds :id and returns a row or none. */
static int row_exists(struct dk_db *db, const char *sql, int64_t id, int *found,
                      struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t v;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &v, found, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* A key option: parses it and checks the row exists. */
static int key_ref(struct dk_db *db, const char *opt, const char *in, const char *prefix,
                   const char *what, const char *sql, int64_t *id, struct dk_error *err)
{
	struct dk_error e;
	int found, rc;

	if (dk_key_parse(in, prefix, what, id, &e) != DK_OK)
		return dk_fail(err, DK_EINPUT, "%s: %s", opt, e.msg);
	if (db == NULL)
		return DK_OK;
	if ((rc = row_exists(db, sql, *id, &found, err)) != DK_OK)
		return rc;
	if (!found)
		return dk_fail(err, DK_EINPUT, "%s %s-%lld is not a known %s", opt, prefix,
		               (long long)*id, what);
	return DK_OK;
}

struct parsed {
	int64_t likelihood, impact, decision, blueprint;
	char due[DK_DATE_LEN];
};

/* Checks in; with db, also looks up the decision and blueprint. */
static int parse_in(struct dk_db *db, const struct dk_risk_in *in, int is_add, const char *today,
                    struct parsed *p, struct dk_error *err)
{
	struct dk_error e;
	int rc;

	memset(p, 0, sizeof *p);
	if (is_add && in->title == NULL)
		return dk_fail(err, DK_EINPUT, "--title is required");
	if (in->title && (rc = dk_check_text("--title", in->title, 200, 0, err)) != DK_OK)
		return rc;
	if (in->description &&
	    (rc = dk_check_text("--description", in->description, 100000, 1, err)) != DK_OK)
		return rc;
	if (in->category && (rc = dk_check_enum("--category", in->category, dk_risk_categories, err)) != DK_OK)
		return rc;
	if (in->treatment &&
	    (rc = dk_check_enum("--treatment", in->treatment, dk_risk_treatments, err)) != DK_OK)
		return rc;
	if (is_add && in->owner == NULL)
		return dk_fail(err, DK_EINPUT, "--owner is required");
	if (in->owner && (rc = dk_check_ident("--owner", in->owner, 32, 0, err)) != DK_OK)
		return rc;
	if (in->due && dk_date_parse(in->due, today, p->due, &e) != DK_OK)
		return dk_fail(err, DK_EINPUT, "--due %s", e.msg);
	if (is_add && in->likelihood == NULL)
		return dk_fail(err, DK_EINPUT, "--likelihood is required");
	if (in->likelihood &&
	    (rc = dk_parse_int("--likelihood", in->likelihood, 1, 5, &p->likelihood, err)) != DK_OK)
		return rc;
	if (is_add && in->impact == NULL)
		return dk_fail(err, DK_EINPUT, "--impact is required");
	if (in->impact && (rc = dk_parse_int("--impact", in->impact, 1, 5, &p->impact, err)) != DK_OK)
		return rc;
	if (!is_add && (in->decision || in->blueprint))
		return dk_fail(err, DK_EINPUT, "--%s cannot be changed once a risk exists",
		               in->decision ? "decision" : "blueprint");
	if (in->decision && (rc = key_ref(db, "--decision", in->decision, "D", "decision",
	                                  SQL_DECISION_EXISTS, &p->decision, err)) != DK_OK)
		return rc;
	if (in->blueprint && (rc = key_ref(db, "--blueprint", in->blueprint, "BP", "blueprint",
	                                   SQL_BLUEPRINT_EXISTS, &p->blueprint, err)) != DK_OK)
		return rc;
	if (is_add && in->status)
		return dk_fail(err, DK_EINPUT, "a new risk is always open (--status is for update)");
	if (!is_add && in->uuid)
		return dk_fail(err, DK_EINPUT, "uuid cannot be changed once a risk exists");
	if (in->uuid && (rc = dk_check_uuid("uuid", in->uuid, err)) != DK_OK)
		return rc;
	if (in->status && (rc = dk_check_enum("--status", in->status, update_statuses, err)) != DK_OK)
		return rc;
	if (!is_add && !in->title && !in->description && !in->category && !in->treatment &&
	    !in->owner && !in->due && !in->likelihood && !in->impact && !in->status)
		return dk_fail(err, DK_EINPUT, "nothing to change (give --owner, --due, --likelihood, "
		               "--impact, --title, --description, --category, --treatment or --status)");
	return DK_OK;
}

int dk_risk_check(const struct dk_risk_in *in, int is_add, const char *today,
                  struct dk_error *err)
{
	struct parsed p;

	return parse_in(NULL, in, is_add, today, &p, err);
}

/* The team of a person, copied into team ("" when none). */
static int person_team(struct dk_db *db, int64_t person, char *team, size_t len,
                       struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	team[0] = '\0';
	if ((rc = dk_stmt_prepare(db, &s, SQL_OWNER_TEAM, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", person);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW && !dk_col_is_null(s, 0))
		snprintf(team, len, "%s", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	return rc == DK_ROW || rc == DK_DONE ? DK_OK : rc;
}

/* today + the days team's policy gives (acceptance picks the field) in
 * out; "" when team is "" or has no policy. */
static int team_date(struct dk_db *db, const char *team, int acceptance, const char *today,
                     char out[DK_DATE_LEN], struct dk_error *err)
{
	struct dk_policy pol;
	int found = 0, rc;

	out[0] = '\0';
	if (team[0] != '\0' && (rc = dk_policy_get(db, team, &pol, &found, err)) != DK_OK)
		return rc;
	if (found)
		dk_date_from_days(dk_date_days(today) + (acceptance ? pol.acceptance_days
		                                                    : pol.default_due_days), out);
	return DK_OK;
}

/* team_date, refused naming opt when there is no policy to give it. */
static int policy_date(struct dk_db *db, const char *team, const char *opt, int acceptance,
                       const char *today, char out[DK_DATE_LEN], struct dk_error *err)
{
	int rc;

	if (team[0] == '\0')
		return dk_fail(err, DK_EINPUT, "%s is required: the owner has no team, so no policy "
		               "gives a default", opt);
	if ((rc = team_date(db, team, acceptance, today, out, err)) != DK_OK)
		return rc;
	if (out[0] == '\0')
		return dk_fail(err, DK_EINPUT, "%s is required: team '%s' has no policy "
		               "(see 'docket policy set')", opt, team);
	return DK_OK;
}

int dk_risk_policy_due(struct dk_db *db, const char *owner, const char *today, char *team,
                       size_t team_len, char due[DK_DATE_LEN], struct dk_error *err)
{
	int64_t id;
	int rc;

	due[0] = '\0';
	if ((rc = dk_person_find(db, "--owner", owner, &id, err)) != DK_OK ||
	    (rc = person_team(db, id, team, team_len, err)) != DK_OK)
		return rc;
	return team_date(db, team, 0, today, due, err);
}

int dk_risk_insert(struct dk_db *db, const struct dk_risk_in *in, const char *today,
                   int64_t *id, struct dk_error *err)
{
	struct parsed p;
	struct dk_stmt *s = NULL;
	int64_t new_id = 0;
	char team[80];
	int64_t owner;
	int rc;

	if ((rc = parse_in(db, in, 1, today, &p, err)) != DK_OK)
		return rc;
	if ((rc = dk_person_find(db, "--owner", in->owner, &owner, err)) != DK_OK)
		return rc;
	if (in->due == NULL) {
		if ((rc = person_team(db, owner, team, sizeof team, err)) != DK_OK)
			return rc;
		if ((rc = policy_date(db, team, "--due", 0, today, p.due, err)) != DK_OK)
			return rc;
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":uuid", in->uuid);
	dk_bind_text(s, ":title", in->title);
	dk_bind_text(s, ":description", in->description);
	dk_bind_text(s, ":category", in->category);
	dk_bind_int(s, ":likelihood", p.likelihood);
	dk_bind_int(s, ":impact", p.impact);
	dk_bind_text(s, ":treatment", in->treatment);
	dk_bind_int(s, ":owner", owner);
	dk_bind_text(s, ":due", p.due);
	if (p.decision)
		dk_bind_int(s, ":decision", p.decision);
	else
		dk_bind_null(s, ":decision");
	if (p.blueprint)
		dk_bind_int(s, ":blueprint", p.blueprint);
	else
		dk_bind_null(s, ":blueprint");
	rc = dk_stmt_insert(s, &new_id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (id != NULL)
		*id = new_id;
	return DK_OK;
}

/* Runs fn(db, ...) in its own transaction; rolls back on failure. */
#define IN_TRANSACTION(db, err, call) \
	do { \
		int rc_ = dk_db_begin(db, err); \
		if (rc_ != DK_OK) \
			return rc_; \
		if ((rc_ = (call)) != DK_OK) { \
			dk_db_rollback(db); \
			return rc_; \
		} \
		return dk_db_commit(db, err); \
	} while (0)

int dk_risk_add(struct dk_db *db, const struct dk_risk_in *in, const char *today, int64_t *id,
                struct dk_error *err)
{
	int rc;

	if ((rc = dk_risk_check(in, 1, today, err)) != DK_OK)
		return rc;
	IN_TRANSACTION(db, err, dk_risk_insert(db, in, today, id, err));
}

/* The risk's status and its owner's team; DK_EINPUT when it is not a risk. */
static int risk_state(struct dk_db *db, int64_t id, char status[16], char team[80],
                      struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_STATUS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		snprintf(status, 16, "%s", dk_col_text(s, 0));
		snprintf(team, 80, "%s", dk_col_is_null(s, 1) ? "" : dk_col_text(s, 1));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "R-%lld is not a known risk (see 'docket risk list')",
		             (long long)id);
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_risk_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	char status[16], team[80];

	return risk_state(db, id, status, team, err);
}

static int risk_update(struct dk_db *db, int64_t id, const struct dk_risk_in *in,
                       const char *today, struct dk_error *err)
{
	char status[16], team[80];
	struct parsed p;
	struct dk_stmt *s = NULL;
	int64_t owner = 0;
	int rc;

	if ((rc = parse_in(db, in, 0, today, &p, err)) != DK_OK)
		return rc;
	if ((rc = risk_state(db, id, status, team, err)) != DK_OK)
		return rc;
	if (strcmp(status, "closed") == 0 || strcmp(status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is %s; a %s risk is not changed",
		               (long long)id, status, status);
	if (in->owner && (rc = dk_person_find(db, "--owner", in->owner, &owner, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UPDATE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":title", in->title);
	dk_bind_text(s, ":description", in->description);
	dk_bind_text(s, ":category", in->category);
	dk_bind_text(s, ":treatment", in->treatment);
	if (owner)
		dk_bind_int(s, ":owner", owner);
	else
		dk_bind_null(s, ":owner");
	dk_bind_text(s, ":due", in->due ? p.due : NULL);
	if (in->likelihood)
		dk_bind_int(s, ":likelihood", p.likelihood);
	else
		dk_bind_null(s, ":likelihood");
	if (in->impact)
		dk_bind_int(s, ":impact", p.impact);
	else
		dk_bind_null(s, ":impact");
	dk_bind_text(s, ":status", in->status);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_risk_update(struct dk_db *db, int64_t id, const struct dk_risk_in *in, const char *today,
                   struct dk_error *err)
{
	int rc;

	if ((rc = dk_risk_check(in, 0, today, err)) != DK_OK)
		return rc;
	IN_TRANSACTION(db, err, risk_update(db, id, in, today, err));
}

int dk_risk_list(struct dk_db *db, const struct dk_risk_filter *f, dk_row_fn fn, void *ctx,
                 struct dk_error *err)
{
	static const char *const list_statuses[] = {"open", "mitigating", "accepted", "closed",
	                                            "withdrawn", "all", NULL};
	static const char *const sorts[] = {"due", "score", "owner", NULL};
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int64_t owner = 0, min = 0;
	int rc;

	if (f->status && (rc = dk_check_enum("--status", f->status, list_statuses, err)) != DK_OK)
		return rc;
	if (f->team && (rc = dk_check_ident("--team", f->team, 64, 0, err)) != DK_OK)
		return rc;
	if (f->category && (rc = dk_check_enum("--category", f->category, dk_risk_categories, err)) != DK_OK)
		return rc;
	if (f->min_score && (rc = dk_parse_int("--min-score", f->min_score, 1, 25, &min, err)) != DK_OK)
		return rc;
	if (f->sort && (rc = dk_check_enum("--sort", f->sort, sorts, err)) != DK_OK)
		return rc;
	if (f->owner && (rc = dk_person_find(db, "--owner", f->owner, &owner, err)) != DK_OK)
		return rc;
	if (f->search && (rc = dk_search_query_for(db, "--search", f->search, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_LIST), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":status", f->status);
	if (owner)
		dk_bind_int(s, ":owner", owner);
	else
		dk_bind_null(s, ":owner");
	dk_bind_text(s, ":team", f->team);
	dk_bind_text(s, ":category", f->category);
	if (min)
		dk_bind_int(s, ":min_score", min);
	else
		dk_bind_null(s, ":min_score");
	dk_bind_text(s, ":due_before", f->due_before);
	dk_bind_text(s, ":due_after", f->due_after);
	dk_bind_int(s, ":decision", f->decision);
	dk_bind_int(s, ":blueprint", f->blueprint);
	dk_bind_text(s, ":sort", f->sort ? f->sort : "due");
	dk_bind_text(s, ":search", f->search ? dk_buf_str(&q) : NULL);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}

/* Runs a statement binding :id (and :as_of when given) through fn. */
static int rows_by_id(struct dk_db *db, const char *sql, const char *bind, int64_t id,
                      const char *as_of, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_late_rows w = {fn, ctx, as_of, 0};
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, bind, id);
	if (as_of)
		dk_bind_text(s, ":as_of", as_of);
	rc = as_of ? dk_rows_emit(s, dk_late_row, &w, err) : dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_risk_get(struct dk_db *db, int64_t id, const char *as_of, dk_row_fn fn, void *ctx,
                struct dk_error *err)
{
	struct dk_late_rows w = {fn, ctx, as_of, 0};
	struct dk_stmt *s = NULL;
	int rc;

	/* SQL_GET has no :as_of; days_overdue comes from _since in C. */
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_GET), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_rows_emit(s, dk_late_row, &w, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && w.rows == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is not a known risk (see 'docket risk list')",
		               (long long)id);
	return rc;
}

int dk_risk_acceptance(struct dk_db *db, int64_t id, const char *as_of, dk_row_fn fn, void *ctx,
                       struct dk_error *err)
{
	return rows_by_id(db, SQL_ACCEPTANCE, ":id", id, as_of, fn, ctx, err);
}

/* Steps. */

static int check_metric(const char *m, struct dk_error *err)
{
	size_t n = strlen(m);

	if (n == 0 || n > 64 || strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                  "0123456789_.") != n)
		return dk_fail(err, DK_EINPUT, "--metric '%.64s' is not a metric name (letters, digits, "
		               "'_' and '.', at most 64)", m);
	return DK_OK;
}

static int parse_step(const struct dk_step_in *in, double *threshold, struct dk_error *err)
{
	int rc;

	if (in->check == NULL)
		return dk_fail(err, DK_EINPUT, "--check is required");
	if ((rc = dk_check_text("--check", in->check, 1000, 0, err)) != DK_OK)
		return rc;
	if (in->metric == NULL)
		return dk_fail(err, DK_EINPUT, "--metric is required");
	if ((rc = check_metric(in->metric, err)) != DK_OK)
		return rc;
	if (in->op == NULL)
		return dk_fail(err, DK_EINPUT, "--op is required");
	if ((rc = dk_check_enum("--op", in->op, dk_step_ops, err)) != DK_OK)
		return rc;
	if (in->threshold == NULL)
		return dk_fail(err, DK_EINPUT, "--threshold is required");
	if ((rc = dk_parse_real("--threshold", in->threshold, -NUM_LIMIT, NUM_LIMIT, threshold, err)) != DK_OK)
		return rc;
	if (in->method && (rc = dk_check_text("--method", in->method, 1000, 0, err)) != DK_OK)
		return rc;
	return DK_OK;
}

int dk_step_check(const struct dk_step_in *in, struct dk_error *err)
{
	double t;

	return parse_step(in, &t, err);
}

int dk_step_insert(struct dk_db *db, int64_t risk, const struct dk_step_in *in, int64_t *id,
                   struct dk_error *err)
{
	char status[16], team[80];
	struct dk_stmt *s = NULL;
	int64_t new_id = 0;
	double threshold;
	int rc;

	if ((rc = parse_step(in, &threshold, err)) != DK_OK)
		return rc;
	if ((rc = risk_state(db, risk, status, team, err)) != DK_OK)
		return rc;
	if (strcmp(status, "closed") == 0 || strcmp(status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is %s; steps cannot be added", (long long)risk,
		               status);
	if ((rc = dk_stmt_prepare(db, &s, SQL_STEP_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":risk", risk);
	dk_bind_text(s, ":check", in->check);
	dk_bind_text(s, ":metric", in->metric);
	dk_bind_text(s, ":op", in->op);
	dk_bind_double(s, ":threshold", threshold);
	dk_bind_text(s, ":method", in->method);
	rc = dk_stmt_insert(s, &new_id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (id != NULL)
		*id = new_id;
	return DK_OK;
}

int dk_step_add(struct dk_db *db, int64_t risk, const struct dk_step_in *in, int64_t *id,
                struct dk_error *err)
{
	int rc;

	if ((rc = dk_step_check(in, err)) != DK_OK)
		return rc;
	IN_TRANSACTION(db, err, dk_step_insert(db, risk, in, id, err));
}

static int step_record(struct dk_db *db, int64_t step, const char *value, const char *evidence,
                       const char *today, int *passed, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	char op[4] = "", status[16] = "", risk[DK_KEY_LEN] = "";
	double v, threshold = 0;
	int64_t ev = 0;
	int rc;

	if (value == NULL)
		return dk_fail(err, DK_EINPUT, "--value is required");
	if ((rc = dk_parse_real("--value", value, -NUM_LIMIT, NUM_LIMIT, &v, err)) != DK_OK)
		return rc;
	if (evidence && (rc = key_ref(db, "--evidence", evidence, "EV", "evidence item",
	                              SQL_EVIDENCE_EXISTS, &ev, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STEP_CRITERION, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":step", step);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		snprintf(op, sizeof op, "%s", dk_col_text(s, 0));
		threshold = dk_col_double(s, 1);
		snprintf(status, sizeof status, "%s", dk_col_text(s, 2));
		snprintf(risk, sizeof risk, "%s", dk_col_text(s, 3));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "VS-%lld is not a known verification step", (long long)step);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (strcmp(status, "closed") == 0 || strcmp(status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "%s is %s; its steps are not recorded any more", risk,
		               status);
	*passed = dk_step_passes(op, threshold, v);
	if ((rc = dk_stmt_prepare(db, &s, SQL_RESULT_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":step", step);
	dk_bind_double(s, ":value", v);
	dk_bind_text(s, ":result", *passed ? "pass" : "fail");
	if (ev)
		dk_bind_int(s, ":evidence", ev);
	else
		dk_bind_null(s, ":evidence");
	dk_bind_text(s, ":today", today);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_step_record(struct dk_db *db, int64_t step, const char *value, const char *evidence,
                   const char *today, int *passed, struct dk_error *err)
{
	IN_TRANSACTION(db, err, step_record(db, step, value, evidence, today, passed, err));
}

int dk_step_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	int found, rc;

	if ((rc = row_exists(db, "SELECT 1 FROM verification_step WHERE id = :id", id, &found, err)) != DK_OK)
		return rc;
	if (!found)
		return dk_fail(err, DK_EINPUT, "VS-%lld is not a known verification step", (long long)id);
	return DK_OK;
}

int dk_step_list(struct dk_db *db, int64_t risk, int64_t step, dk_row_fn fn, void *ctx,
                 struct dk_error *err)
{
	if (step)
		return rows_by_id(db, SQL_STEP_ONE, ":step", step, NULL, fn, ctx, err);
	return rows_by_id(db, SQL_STEPS_OF_RISK, ":risk", risk, NULL, fn, ctx, err);
}

int dk_step_results(struct dk_db *db, int64_t step, dk_row_fn fn, void *ctx,
                    struct dk_error *err)
{
	return rows_by_id(db, SQL_STEP_RESULTS, ":step", step, NULL, fn, ctx, err);
}

/* Close and accept. */

static int risk_close(struct dk_db *db, int64_t id, const char *reason, const char *today,
                      struct dk_error *err)
{
	char status[16], team[80];
	struct dk_buf in_way = {0};
	struct dk_stmt *s = NULL;
	int steps = 0, blocked = 0, rc;

	if ((rc = risk_state(db, id, status, team, err)) != DK_OK)
		return rc;
	if (strcmp(status, "closed") == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is already closed", (long long)id);
	if (strcmp(status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is withdrawn; a withdrawn risk is not closed",
		               (long long)id);
	if ((rc = dk_stmt_prepare(db, &s, SQL_CLOSE_STEPS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *result = dk_col_text(s, 2);

		steps++;
		if (strcmp(result, "pass") == 0)
			continue;
		dk_buf_addf(&in_way, "%s%s (%s) %s", blocked ? "; " : "", dk_col_text(s, 0),
		            dk_col_text(s, 1), strcmp(result, "pending") == 0 ? "is pending" : "failed");
		if (!dk_col_is_null(s, 3))
			dk_buf_addf(&in_way, " with %s", dk_col_text(s, 3));
		blocked++;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE) {
		dk_buf_free(&in_way);
		return rc;
	}
	if (steps == 0)
		rc = dk_fail(err, DK_EINPUT, "R-%lld cannot be closed: it has no verification step "
		             "(add one with 'docket risk step add R-%lld')", (long long)id, (long long)id);
	else if (blocked)
		rc = dk_fail(err, DK_EINPUT, "R-%lld cannot be closed: %s", (long long)id,
		             dk_buf_ok(&in_way) ? dk_buf_str(&in_way) : "steps have not passed");
	dk_buf_free(&in_way);
	if (rc != DK_DONE)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_CLOSE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":today", today);
	dk_bind_text(s, ":reason", reason);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_risk_close(struct dk_db *db, int64_t id, const char *reason, const char *today,
                  struct dk_error *err)
{
	int rc;

	if (reason == NULL)
		return dk_fail(err, DK_EINPUT, "--reason is required");
	if ((rc = dk_check_text("--reason", reason, 10000, 1, err)) != DK_OK)
		return rc;
	IN_TRANSACTION(db, err, risk_close(db, id, reason, today, err));
}

static int risk_owner(struct dk_db *db, int64_t id, int64_t *owner, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_OWNER, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, owner, &found, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* Four eyes: the approver is a known person other than the acting person
 * (who must be known) and the risk's owner, compared as people, not names. */
static int risk_accept(struct dk_db *db, int64_t id, const struct dk_accept_in *in,
                       const char *today, struct dk_error *err)
{
	char status[16], team[80], until[DK_DATE_LEN], handle[DK_HANDLE_LEN];
	struct dk_stmt *s = NULL;
	struct dk_error e;
	int64_t approver, asking, owner;
	int rc;

	if (in->approver == NULL)
		return dk_fail(err, DK_EINPUT, "--approver is required");
	if ((rc = dk_check_text("--approver", in->approver, 64, 0, err)) != DK_OK)
		return rc;
	if (in->expires) {
		if (dk_date_parse(in->expires, today, until, &e) != DK_OK)
			return dk_fail(err, DK_EINPUT, "--expires %s", e.msg);
		if (strcmp(until, today) < 0)
			return dk_fail(err, DK_EINPUT, "--expires '%s' is in the past (today is %s)",
			               in->expires, today);
	}
	if (in->reason && (rc = dk_check_text("--reason", in->reason, 10000, 1, err)) != DK_OK)
		return rc;
	if ((rc = risk_state(db, id, status, team, err)) != DK_OK)
		return rc;
	if (strcmp(status, "closed") == 0 || strcmp(status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "R-%lld is %s; there is nothing to accept", (long long)id,
		               status);
	if ((rc = dk_person_resolve(db, "--approver", in->approver, &approver, handle, err)) != DK_OK)
		return rc;
	if ((rc = dk_person_acting(db, &asking, err)) != DK_OK)
		return rc;
	if (approver == asking)
		return dk_fail(err, DK_EINPUT, "--approver '%s' is the person asking (the actor is '%s'); "
		               "an acceptance needs a second person", handle, dk_db_actor(db));
	if ((rc = risk_owner(db, id, &owner, err)) != DK_OK)
		return rc;
	if (approver == owner)
		return dk_fail(err, DK_EINPUT, "--approver '%s' owns R-%lld; an acceptance is approved "
		               "by someone other than the owner", handle, (long long)id);
	if (in->expires == NULL &&
	    (rc = policy_date(db, team, "--expires", 1, today, until, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_ACCEPT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_int(s, ":approver", approver);
	dk_bind_text(s, ":today", today);
	dk_bind_text(s, ":until", until);
	dk_bind_text(s, ":reason", in->reason);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_risk_accept(struct dk_db *db, int64_t id, const struct dk_accept_in *in,
                   const char *today, struct dk_error *err)
{
	IN_TRANSACTION(db, err, risk_accept(db, id, in, today, err));
}
