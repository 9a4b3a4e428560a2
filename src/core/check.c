#include "docket/check.h"

#include <string.h>

#include "docket/blueprint.h"
#include "docket/db.h"

static const char SQL_CHECK[] =
	"WITH bp AS (SELECT * FROM blueprint WHERE (:bp = 0 OR id = :bp) AND status <> 'superseded'),"
	" f AS ("
	"  SELECT 1 AS o, 'STOP' AS severity, 'reproducible-stage' AS rule, 'ST-' || s.id AS record,"
	"    s.blueprint_id AS b, s.ordinal AS ord,"
	"    s.name || ' is not reproducible: ' || rtrim("
	"      iif(s.deps_pinned, '', 'dependencies not pinned, ') ||"
	"      iif(s.seed_fixed, '', 'seed not fixed, ') ||"
	"      iif(s.env_captured, '', 'environment not captured, ') ||"
	"      iif(s.data_versioned, '', 'data not versioned, '), ', ') AS finding,"
	"    'make it so, then: docket stage set ST-' || s.id ||"
	"      iif(s.deps_pinned, '', ' --deps-pinned yes') || iif(s.seed_fixed, '', ' --seed-fixed yes') ||"
	"      iif(s.env_captured, '', ' --env-captured yes') || iif(s.data_versioned, '', ' --data-versioned yes') AS fix"
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id"
	"  WHERE NOT (s.deps_pinned AND s.seed_fixed AND s.env_captured AND s.data_versioned)"
	"  UNION ALL"
	"  SELECT 1, 'STOP', 'promotion-gates', 'ST-' || s.id, s.blueprint_id, s.ordinal,"
	"    'promote has no gate: a model can be promoted on nothing measured',"
	"    'docket gate add --stage ST-' || s.id || ' --metric approvals --op >= --threshold 1'"
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id"
	"  WHERE s.name = 'promote' AND NOT EXISTS (SELECT 1 FROM gate g WHERE g.stage_id = s.id)"
	"  UNION ALL"
	"  SELECT 1, 'STOP', 'promotion-gates', 'BP-' || bp.id, bp.id, 0,"
	"    'the plan deploys without a promote stage', 'draw the plan with a gated promote stage'"
	"  FROM bp WHERE EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'deploy')"
	"    AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'promote')"
	"  UNION ALL"
	"  SELECT 2, 'ESCALATE', 'rollout-criteria', 'ST-' || s.id, s.blueprint_id, s.ordinal,"
	"    'deploy has no gate: nothing decides whether a rollout goes on or rolls back',"
	"    'docket gate add --stage ST-' || s.id || ' --metric error_rate --op <= --threshold 0.01'"
	"  FROM stage s JOIN bp ON bp.id = s.blueprint_id"
	"  WHERE s.name = 'deploy' AND NOT EXISTS (SELECT 1 FROM gate g WHERE g.stage_id = s.id)"
	"  UNION ALL"
	"  SELECT 2, 'ESCALATE', 'rollback-criteria', 'BP-' || bp.id, bp.id, 0,"
	"    'the plan reaches production but names no rollback path',"
	"    'state how to roll back (section 5 of the plan) and import or regenerate it'"
	"  FROM bp WHERE EXISTS (SELECT 1 FROM stage s WHERE s.blueprint_id = bp.id AND s.name = 'deploy')"
	"    AND coalesce(json_array_length(bp.body_json, '$.rollout.rollback'), 0) = 0"
	"  UNION ALL"
	"  SELECT 3, 'WARN', 'context-scope', 'CTX-' || c.id, bp.id, 0,"
	"    'BP-' || bp.id || '''s context does not state ' || rtrim("
	"      iif(c.throughput_rps IS NULL AND c.data_gb IS NULL, 'its scale (throughput or data volume), ', '') ||"
	"      iif(c.problem <> 'batch' AND c.latency_p95_ms IS NULL, 'its latency budget, ', '') ||"
	"      iif(c.cloud IS NULL AND NOT c.on_prem, 'its constraints (cloud or on premises), ', '') ||"
	"      iif(json_array_length(c.assumptions) = 0, 'its assumptions, ', ''), ', '),"
	"    'docket context revise CTX-' || c.id || ' with the missing values, then regenerate'"
	"  FROM bp JOIN context c ON c.id = bp.context_id"
	"  WHERE (c.throughput_rps IS NULL AND c.data_gb IS NULL)"
	"     OR (c.problem <> 'batch' AND c.latency_p95_ms IS NULL)"
	"     OR (c.cloud IS NULL AND NOT c.on_prem) OR json_array_length(c.assumptions) = 0"
	"  UNION ALL"
	"  SELECT 3, 'WARN', 'context-revised', 'BP-' || bp.id, bp.id, 0,"
	"    'approved for CTX-' || c.id || ' (revision ' || c.revision || '), but revision ' ||"
	"      n.revision || ' (CTX-' || n.id || ') is newer',"
	"    'docket blueprint generate --context CTX-' || n.id || ', then review the diff'"
	"  FROM bp JOIN context c ON c.id = bp.context_id"
	"  JOIN context n ON n.system = c.system"
	"    AND n.revision = (SELECT max(revision) FROM context WHERE system = c.system)"
	"  WHERE bp.status = 'approved' AND n.revision > c.revision)"
	"SELECT severity, rule, record, 'BP-' || b AS blueprint, finding, fix FROM f "
	"ORDER BY o, b, ord, record";

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

int dk_check_blueprints(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                        struct dk_check_counts *counts, struct dk_error *err)
{
	struct counting c = {fn, ctx, counts};
	struct dk_stmt s;
	int rc;

	if (blueprint_id && (rc = dk_blueprint_exists(db, blueprint_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_CHECK, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":bp", blueprint_id);
	rc = dk_rows_emit(&s, count_row, &c, err);
	dk_stmt_finalize(&s);
	return rc;
}
