#include "docket/check.h"

#include <string.h>

#include "docket/blueprint.h"
#include "docket/date.h"
#include "docket/db.h"
#include "docket/person.h"
#include "docket/risk.h"

#include "dialect.h"

/* The piece of the check that differs by engine: the length of a plan's
 * rollback list, which SQLite gives as 0 for what is not a list and
 * PostgreSQL would refuse. */
#define ROLLBACKS_DK_SQLITE(b) "json_array_length(" b ".body_json, '$.rollout.rollback')"
#define ROLLBACKS_DK_PG(b) \
	"(SELECT CASE WHEN json_typeof(x.l) = 'array' THEN json_array_length(x.l) ELSE 0 END" \
	" FROM (SELECT (" b ".body_json)::json #> '{rollout,rollback}' AS l) x)"

#define SQL_CHECK_TEXT(D) \
	"WITH bp AS (SELECT * FROM blueprint WHERE (:bp = 0 OR id = :bp) AND status <> 'superseded')," \
	" dc AS (SELECT * FROM decision WHERE :all <> 0 AND (:bp = 0 OR blueprint_id = :bp))," \
	" rk AS (SELECT r.*, coalesce(r.blueprint_id, d.blueprint_id) AS b, p.handle AS owner," \
	"    p.team, pol.appetite, pol.grace_days, e.handle AS escalate_to," \
	"    " D##_WHOLE_DAYS(":as_of", "r.due_on") " AS late," \
	"    CASE WHEN " DK_RISK_STALE_SQL("r.") " THEN 1 ELSE 0 END AS stale" \
	"  FROM risk r JOIN person p ON p.id = r.owner_id" \
	"  LEFT JOIN decision d ON d.id = r.decision_id" \
	"  LEFT JOIN policy pol ON pol.team = p.team LEFT JOIN person e ON e.id = pol.escalate_to" \
	"  WHERE :all <> 0 AND r.status <> 'withdrawn'" \
	"    AND (:bp = 0 OR r.blueprint_id = :bp OR d.blueprint_id = :bp))," \
	" f AS (" \
	"  SELECT 1 AS o, 'STOP' AS severity, 'reproducible-stage' AS rule, 'ST-' || s.id AS record," \
	"    s.blueprint_id AS b, s.ordinal AS ord," \
	"    s.name || ' is not reproducible: ' || rtrim(" \
	"      CASE WHEN s.deps_pinned <> 0 THEN '' ELSE 'dependencies not pinned, ' END ||" \
	"      CASE WHEN s.seed_fixed <> 0 THEN '' ELSE 'seed not fixed, ' END ||" \
	"      CASE WHEN s.env_captured <> 0 THEN '' ELSE 'environment not captured, ' END ||" \
	"      CASE WHEN s.data_versioned <> 0 THEN '' ELSE 'data not versioned, ' END, ', ') AS finding," \
	"    'make it so, then: docket stage set ST-' || s.id ||" \
	"      CASE WHEN s.deps_pinned <> 0 THEN '' ELSE ' --deps-pinned yes' END ||" \
	"      CASE WHEN s.seed_fixed <> 0 THEN '' ELSE ' --seed-fixed yes' END ||" \
	"      CASE WHEN s.env_captured <> 0 THEN '' ELSE ' --env-captured yes' END ||" \
	"      CASE WHEN s.data_versioned <> 0 THEN '' ELSE ' --data-versioned yes' END AS fix" \
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id" \
	"  WHERE NOT (s.deps_pinned <> 0 AND s.seed_fixed <> 0 AND s.env_captured <> 0" \
	"    AND s.data_versioned <> 0)" \
	"  UNION ALL" \
	"  SELECT 1, 'STOP', 'promotion-gates', 'ST-' || s.id, s.blueprint_id, s.ordinal," \
	"    'promote has no gate: a model can be promoted on nothing measured'," \
	"    'docket gate add --stage ST-' || s.id || ' --metric approvals --op >= --threshold 1'" \
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id" \
	"  WHERE s.name = 'promote' AND NOT EXISTS (SELECT 1 FROM gate g WHERE g.stage_id = s.id)" \
	"  UNION ALL" \
	"  SELECT 1, 'STOP', 'promotion-gates', 'BP-' || bp.id, bp.id, 0," \
	"    'the plan deploys without a promote stage', 'draw the plan with a gated promote stage'" \
	"  FROM bp WHERE EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'deploy')" \
	"    AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'promote')" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'rollout-criteria', 'ST-' || s.id, s.blueprint_id, s.ordinal," \
	"    'deploy has no gate: nothing decides whether a rollout goes on or rolls back'," \
	"    'docket gate add --stage ST-' || s.id || ' --metric error_rate --op <= --threshold 0.01'" \
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id" \
	"  WHERE s.name = 'deploy' AND NOT EXISTS (SELECT 1 FROM gate g WHERE g.stage_id = s.id)" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'rollback-criteria', 'BP-' || bp.id, bp.id, 0," \
	"    'the plan reaches production but names no rollback path'," \
	"    'state how to roll back (section 5 of the plan) and import or regenerate it'" \
	"  FROM bp WHERE EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'deploy')" \
	"    AND coalesce(" ROLLBACKS_##D("bp") ", 0) = 0" \
	"  UNION ALL" \
	"  SELECT 3, 'WARN', 'context-scope', 'CTX-' || c.id, bp.id, 0," \
	"    'BP-' || bp.id || '''s context does not state ' || rtrim(" \
	"      CASE WHEN c.throughput_rps IS NULL AND c.data_gb IS NULL" \
	"        THEN 'its scale (throughput or data volume), ' ELSE '' END ||" \
	"      CASE WHEN c.problem <> 'batch' AND c.latency_p95_ms IS NULL" \
	"        THEN 'its latency budget, ' ELSE '' END ||" \
	"      CASE WHEN c.cloud IS NULL AND c.on_prem = 0" \
	"        THEN 'its constraints (cloud or on premises), ' ELSE '' END ||" \
	"      CASE WHEN " D##_JSON_LENGTH("c.assumptions") " = 0 THEN 'its assumptions, ' ELSE '' END, ', ')," \
	"    'docket context revise CTX-' || c.id || ' with the missing values, then regenerate'" \
	"  FROM bp JOIN context c ON c.id = bp.context_id" \
	"  WHERE (c.throughput_rps IS NULL AND c.data_gb IS NULL)" \
	"     OR (c.problem <> 'batch' AND c.latency_p95_ms IS NULL)" \
	"     OR (c.cloud IS NULL AND c.on_prem = 0) OR " D##_JSON_LENGTH("c.assumptions") " = 0" \
	"  UNION ALL" \
	"  SELECT 3, 'WARN', 'context-revised', 'BP-' || bp.id, bp.id, 0," \
	"    'approved for CTX-' || c.id || ' (revision ' || c.revision || '), but revision ' ||" \
	"      n.revision || ' (CTX-' || n.id || ') is newer'," \
	"    'docket blueprint generate --context CTX-' || n.id || ', then review the diff'" \
	"  FROM bp JOIN context c ON c.id = bp.context_id" \
	"  JOIN context n ON n.system = c.system" \
	"    AND n.revision = (SELECT max(revision) FROM context WHERE system = c.system)" \
	"  WHERE bp.status = 'approved' AND n.revision > c.revision" \
	"  UNION ALL" \
	/* the register: decisions and risks in scope, judged on :as_of */ \
	"  SELECT 2, 'ESCALATE', 'decision-evidence', 'D-' || d.id, d.blueprint_id, d.id," \
	"    'accepted' || coalesce(' on ' || d.decided_on, '') || ' without supporting evidence'," \
	"    'docket evidence add --kind KIND --title TEXT, then docket decision link D-' || d.id ||" \
	"      ' --evidence EV-n'" \
	"  FROM dc d WHERE d.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM decision_evidence e" \
	"    WHERE e.decision_id = d.id AND e.stance = 'supports')" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'risk-verification', 'R-' || r.id, r.b, r.id," \
	"    r.status || ' with no verification step: nothing measurable says when it is resolved'," \
	"    'docket risk step add R-' || r.id || ' --check TEXT --metric NAME --op OP --threshold NUMBER'" \
	"  FROM rk r WHERE r.status IN ('open', 'mitigating')" \
	"    AND NOT EXISTS (SELECT 1 FROM verification_step s WHERE s.risk_id = r.id)" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'risk-policy', 'R-' || r.id, r.b, r.id," \
	"    CASE WHEN r.team IS NULL THEN 'its owner ' || r.owner || ' has no team'" \
	"      ELSE 'team ' || r.team || ' of its owner ' || r.owner || ' has no policy' END ||" \
	"      ': no appetite, grace days or escalation judges it'," \
	"    CASE WHEN r.team IS NULL THEN 'give it an owner whose team has a policy: docket risk update R-' ||" \
	"      r.id || ' --owner HANDLE' ELSE 'docket policy set ' || r.team || ' --appetite N --grace-days N'" \
	"      || ' --acceptance-days N --default-due-days N --escalate-to HANDLE' END" \
	"  FROM rk r WHERE r.status <> 'closed' AND r.appetite IS NULL" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'risk-appetite', 'R-' || r.id, r.b, r.id," \
	"    'accepted at score ' || r.score || ', above the appetite of team ' || r.team || ' ('" \
	"      || r.appetite || ')'," \
	"    'escalate to ' || r.escalate_to || ', then mitigate it (docket risk update R-' || r.id ||" \
	"      ' --status mitigating) or lower its likelihood or impact'" \
	"  FROM rk r WHERE r.status = 'accepted' AND r.score > r.appetite" \
	"  UNION ALL" \
	"  SELECT CASE WHEN r.late > coalesce(r.grace_days, 0) THEN 2 ELSE 3 END," \
	"    CASE WHEN r.late > coalesce(r.grace_days, 0) THEN 'ESCALATE' ELSE 'WARN' END," \
	"    'risk-overdue', 'R-' || r.id, r.b, r.id," \
	"    'due ' || r.due_on || ', ' || r.late || ' day' || CASE WHEN r.late = 1 THEN '' ELSE 's' END" \
	"      || ' overdue' ||" \
	"      CASE WHEN r.grace_days IS NULL THEN ' (no policy gives grace days)'" \
	"        ELSE CASE WHEN r.late > r.grace_days THEN ', past' ELSE ', within' END || ' the ' ||" \
	"        r.grace_days || ' grace day' || CASE WHEN r.grace_days = 1 THEN '' ELSE 's' END ||" \
	"        ' of team ' || r.team END," \
	"    CASE WHEN r.late > coalesce(r.grace_days, 0) AND r.escalate_to IS NOT NULL" \
	"      THEN 'escalate to ' || r.escalate_to || '; ' ELSE '' END ||" \
	"      'pass its steps (docket risk step record) and close it, or docket risk update R-' ||" \
	"      r.id || ' --due DATE'" \
	"  FROM rk r WHERE r.status IN ('open', 'mitigating') AND r.late > 0" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'acceptance-expired', 'R-' || r.id, r.b, r.id," \
	"    'accepted until ' || r.accepted_until || ', which has passed'," \
	"    're-accept it (docket risk accept R-' || r.id || ' --approver HANDLE) or reopen it'" \
	"      || ' (docket risk update R-' || r.id || ' --status open)'" \
	"  FROM rk r WHERE r.status = 'accepted' AND r.accepted_until < :as_of" \
	"  UNION ALL" \
	"  SELECT 2, 'ESCALATE', 'acceptance-stale', 'R-' || r.id, r.b, r.id," \
	"    'accepted on ' || r.accepted_on || ', then changed (title, description, likelihood or'" \
	"      || ' impact)'," \
	"    're-accept it as it is now: docket risk accept R-' || r.id || ' --approver HANDLE'" \
	"  FROM rk r WHERE r.status = 'accepted' AND r.stale <> 0" \
	"  UNION ALL" \
	"  SELECT 3, 'WARN', 'decision-review', 'D-' || d.id, d.blueprint_id, d.id," \
	"    'accepted, to be reviewed by ' || d.review_by," \
	"    'review it: keep it, or replace it (docket decision supersede D-' || d.id ||" \
	"      ' --by D-n) or retire it (docket decision deprecate D-' || d.id || ' --reason TEXT)'" \
	"  FROM dc d WHERE d.status = 'accepted' AND d.review_by < :as_of)" \
	"SELECT severity, rule, record, 'BP-' || b AS blueprint, finding, fix FROM f " \
	"ORDER BY o, b, ord, record, rule"
static const struct dk_sql SQL_CHECK = DK_SQL_BOTH(SQL_CHECK_TEXT);

struct counting {
	dk_row_fn fn;
	void *ctx;
	struct dk_check_counts *counts;
};

static int count_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct counting *c = arg;

	if (c->counts && ncol > 0 && cells[0].text) {
		if (strcmp(cells[0].text, "STOP") == 0)
			c->counts->stop++;
		else if (strcmp(cells[0].text, "ESCALATE") == 0)
			c->counts->escalate++;
		else
			c->counts->warn++;
	}
	return c->fn(c->ctx, ncol, cells, err);
}

static int run_check(struct dk_db *db, int64_t blueprint_id, const char *as_of, dk_row_fn fn,
                     void *ctx, struct dk_check_counts *counts, struct dk_error *err)
{
	struct counting c = {fn, ctx, counts};
	struct dk_stmt *s = NULL;
	int rc;

	if (blueprint_id && (rc = dk_blueprint_exists(db, blueprint_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_CHECK), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":bp", blueprint_id);
	dk_bind_int(s, ":all", as_of != NULL);
	dk_bind_text(s, ":as_of", as_of);
	rc = dk_rows_emit(s, count_row, &c, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_check_blueprints(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                        struct dk_check_counts *counts, struct dk_error *err)
{
	return run_check(db, blueprint_id, NULL, fn, ctx, counts, err);
}

int dk_check(struct dk_db *db, int64_t blueprint_id, const char *as_of, dk_row_fn fn, void *ctx,
             struct dk_check_counts *counts, struct dk_error *err)
{
	if (as_of == NULL || !dk_date_valid(as_of))
		return dk_fail(err, DK_EINPUT, "the date to judge '%.40s' is not a date (YYYY-MM-DD)",
		               as_of ? as_of : "");
	return run_check(db, blueprint_id, as_of, fn, ctx, counts, err);
}

/* ---- approval: a blueprint is approved only while check finds no STOP ------ */

static const char SQL_STATUS[] =
	"SELECT CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END "
	"FROM blueprint WHERE id = :id";
static const char SQL_APPROVE[] =
	"UPDATE blueprint SET status = 'approved', approved_at = docket_now(),"
	"  approved_by = docket_actor() WHERE id = :id";
/* An approved plan replaces the older approved plans of its system. */
static const char SQL_SUPERSEDE_OLDER[] =
	"UPDATE blueprint SET status = 'superseded' "
	"WHERE status = 'approved' AND id < :id AND context_id IN (SELECT c.id FROM context c"
	"  WHERE c.system = (SELECT x.system FROM blueprint b JOIN context x ON x.id = b.context_id"
	"    WHERE b.id = :id))";

static int ignore_row(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ctx;
	(void)ncol;
	(void)cells;
	(void)err;
	return DK_OK;
}

int dk_blueprint_approve(struct dk_db *db, int64_t id, struct dk_error *err)
{
	struct dk_check_counts n = {0, 0, 0};
	struct dk_stmt *s = NULL;
	int64_t status = 0, approver;
	int found = 0, rc;

	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_blueprint_exists(db, id, err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STATUS, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &status, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto fail;
	if (status != 0) {
		rc = dk_fail(err, DK_EINPUT, "BP-%lld is %s", (long long)id,
		             status == 1 ? "already approved" : "superseded: approve its successor");
		goto fail;
	}
	if ((rc = dk_person_acting(db, &approver, err)) != DK_OK)
		goto fail;
	if ((rc = dk_check_blueprints(db, id, ignore_row, NULL, &n, err)) != DK_OK)
		goto fail;
	if (n.stop > 0) {
		rc = dk_fail(err, DK_EFAIL, "BP-%lld has %lld STOP finding%s: not approved (see 'docket "
		             "check --blueprint BP-%lld')", (long long)id, (long long)n.stop,
		             n.stop == 1 ? "" : "s", (long long)id);
		goto fail;
	}
	if ((rc = dk_db_exec_id(db, SQL_APPROVE, id, err)) != DK_OK ||
	    (rc = dk_db_exec_id(db, SQL_SUPERSEDE_OLDER, id, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}
