#include "docket/export.h"

#include <string.h>

#include "docket/context.h"
#include "docket/db.h"

#include "dialect.h"

/* Scope predicates. :since/:until bound a record's creation day (UTC);
 * :team keeps what concerns one team: its people and policy, the contexts
 * its people own and everything drawn from them, the risks its people own.
 * Each is cast where it is first tested for NULL, which tells PostgreSQL
 * no type for it. */
#define IN_WINDOW(col) \
	"(CAST(:since AS TEXT) IS NULL OR substr(" col ", 1, 10) >= :since) AND " \
	"(CAST(:until AS TEXT) IS NULL OR substr(" col ", 1, 10) <= :until)"
#define TEAM_PERSON(col) \
	"(CAST(:team AS TEXT) IS NULL OR " col " IN (SELECT id FROM person WHERE team = :team))"
#define TEAM_CONTEXT(col) \
	"(CAST(:team AS TEXT) IS NULL OR " col " IN (SELECT c.id FROM context c JOIN person p ON p.id = c.owner_id " \
	"WHERE p.team = :team))"
#define TEAM_BLUEPRINT(col) \
	"(CAST(:team AS TEXT) IS NULL OR " col " IN (SELECT b.id FROM blueprint b" \
	" JOIN context c ON c.id = b.context_id JOIN person p ON p.id = c.owner_id WHERE p.team = :team))"
#define TEAM_DECISION(col) \
	"(CAST(:team AS TEXT) IS NULL OR " col " IN (SELECT d.id FROM decision d WHERE " \
	TEAM_BLUEPRINT("d.blueprint_id") " OR " TEAM_CONTEXT("d.context_id") \
	" OR d.id IN (SELECT decision_id FROM risk WHERE " TEAM_PERSON("owner_id") ")))"
/* The items of a JSON list joined by sep, in dialect D. */
#define JOINED(D, col, sep) "(SELECT " D##_STRAGG("j.value", sep) " FROM " D##_JSON_EACH(col, "j") ")"
/* One item a line. */
#define LIST(D, col) JOINED(D, col, D##_CHR("10"))

/* An option in the form --option takes, NAME|pro: TEXT|con: TEXT, so that
 * decisions.csv re-imports with its pros and cons. */
#define OPTION_SPEC(D, o) \
	"(" o ".name || coalesce((SELECT " D##_STRAGG("'|pro: ' || j.value", "''") \
	" FROM " D##_JSON_EACH(o ".pros", "j") "), '')" \
	" || coalesce((SELECT " D##_STRAGG("'|con: ' || j.value", "''") \
	" FROM " D##_JSON_EACH(o ".cons", "j") "), ''))"


static const char SQL_PEOPLE[] =
	"SELECT handle, name, email, team, login, uuid, created_at, created_by FROM person "
	"WHERE " IN_WINDOW("created_at") " AND (CAST(:team AS TEXT) IS NULL OR team = :team) ORDER BY id";

static const char SQL_POLICIES[] =
	"SELECT p.team, p.appetite, p.grace_days AS \"grace-days\", p.acceptance_days AS \"acceptance-days\","
	"  p.default_due_days AS \"default-due-days\", e.handle AS \"escalate-to\", p.uuid, p.created_at, p.created_by "
	"FROM policy p JOIN person e ON e.id = p.escalate_to "
	"WHERE " IN_WINDOW("p.created_at") " AND (CAST(:team AS TEXT) IS NULL OR p.team = :team) ORDER BY p.id";

#define SQL_CONTEXTS_TEXT(D) \
	"SELECT 'CTX-' || c.id AS key, c.system, c.revision, 'CTX-' || c.supersedes_id AS supersedes," \
	"  o.handle AS owner, c.problem, c.model_kind AS \"model-kind\"," \
	"  c.deploy_target AS \"deploy-target\", c.latency_p95_ms AS \"latency-p95-ms\"," \
	"  c.throughput_rps AS \"throughput-rps\", c.availability_pct AS availability," \
	"  c.data_gb AS \"data-gb\", c.velocity," \
	"  c.label_delay_days AS \"label-delay-days\", c.team_size AS \"team-size\", c.pipelines," \
	"  " JOINED(D, "c.stack", "','") " AS stack, c.cloud," \
	"  c.on_prem AS \"on-prem\", c.air_gapped AS \"air-gapped\"," \
	"  CASE c.gpu WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS gpu, c.retrieval," \
	"  " JOINED(D, "c.compliance", "','") " AS compliance," \
	"  c.budget_usd_month AS \"budget-usd-month\", c.shared_features AS \"shared-features\"," \
	"  " JOINED(D, DK_CONTEXT_RETRAIN_SQL_D(D, "c"), "','") " AS retrain," \
	"  " LIST(D, "c.assumptions") " AS assumption, " LIST(D, "c.out_of_scope") " AS \"out-of-scope\"," \
	"  c.uuid, c.created_at, c.created_by " \
	"FROM context c JOIN person o ON o.id = c.owner_id " \
	"WHERE " IN_WINDOW("c.created_at") " AND " TEAM_CONTEXT("c.id") " ORDER BY c.system, c.revision"
static const struct dk_sql SQL_CONTEXTS = DK_SQL_BOTH(SQL_CONTEXTS_TEXT);

static const char SQL_BLUEPRINTS[] =
	"SELECT 'BP-' || b.id AS key, 'CTX-' || b.context_id AS context, b.source, b.generator_version,"
	"  b.catalog_sha256, b.body_sha256, b.status, 'BP-' || b.supersedes_id AS supersedes, b.approved_at,"
	"  b.approved_by, b.uuid, b.created_at, b.created_by "
	"FROM blueprint b WHERE " IN_WINDOW("b.created_at") " AND " TEAM_BLUEPRINT("b.id") " ORDER BY b.id";

static const char SQL_ITEMS[] =
	"SELECT 'BP-' || i.blueprint_id AS blueprint, i.ordinal, i.area, i.component, i.choice,"
	"  i.alternative, i.tradeoff, i.deferred, i.add_when, i.uuid, i.created_at, i.created_by "
	"FROM blueprint_item i WHERE " IN_WINDOW("i.created_at") " AND " TEAM_BLUEPRINT("i.blueprint_id")
	" ORDER BY i.blueprint_id, i.ordinal";

#define SQL_STAGES_TEXT(D) \
	"SELECT 'ST-' || s.id AS key, 'BP-' || s.blueprint_id AS blueprint, s.ordinal, s.name," \
	"  " LIST(D, "s.inputs") " AS inputs, " LIST(D, "s.outputs") " AS outputs, s.idempotent, s.retryable," \
	"  s.deps_pinned, s.seed_fixed, s.env_captured, s.data_versioned, s.uuid, s.created_at, s.created_by " \
	"FROM stage s WHERE " IN_WINDOW("s.created_at") " AND " TEAM_BLUEPRINT("s.blueprint_id") \
	" ORDER BY s.blueprint_id, s.ordinal"
static const struct dk_sql SQL_STAGES = DK_SQL_BOTH(SQL_STAGES_TEXT);

static const char SQL_GATES[] =
	"SELECT 'G-' || g.id AS key, 'ST-' || g.stage_id AS stage, g.metric, g.op, g.threshold,"
	"  g.defined_on, g.uuid, g.created_at, g.created_by "
	"FROM gate g JOIN stage s ON s.id = g.stage_id "
	"WHERE " IN_WINDOW("g.created_at") " AND " TEAM_BLUEPRINT("s.blueprint_id") " ORDER BY g.id";

#define SQL_REVIEWS_TEXT(D) \
	"SELECT 'RV-' || r.id AS key, r.held_on AS \"on\", 'BP-' || r.blueprint_id AS blueprint," \
	"  (SELECT " D##_STRAGG("p.handle", "','") " FROM review_attendee a JOIN person p ON p.id = a.person_id" \
	"   WHERE a.review_id = r.id) AS attendees, r.notes, r.uuid, r.created_at, r.created_by " \
	"FROM review r WHERE " IN_WINDOW("r.created_at") " AND (CAST(:team AS TEXT) IS NULL OR " TEAM_BLUEPRINT("r.blueprint_id") \
	"  OR r.id IN (SELECT review_id FROM review_attendee WHERE " TEAM_PERSON("person_id") ")) ORDER BY r.id"
static const struct dk_sql SQL_REVIEWS = DK_SQL_BOTH(SQL_REVIEWS_TEXT);

#define SQL_DECISIONS_TEXT(D) \
	"SELECT 'D-' || d.id AS key, d.title, d.area, d.status, d.problem, " LIST(D, "d.drivers") " AS driver," \
	"  (SELECT " D##_STRAGG("x.spec", D##_CHR("10") D##_AGG_ORDER("x.ordinal")) " FROM" \
	"    (SELECT " OPTION_SPEC(D, "o") " AS spec, o.ordinal" \
	"     FROM decision_option o WHERE o.decision_id = d.id ORDER BY o.ordinal) x) AS option," \
	"  (SELECT name FROM decision_option WHERE decision_id = d.id AND chosen = 1) AS chosen," \
	"  d.rationale, d.consequences, d.confirmation," \
	"  " JOINED(D, "d.makers", "','") " AS makers," \
	"  " JOINED(D, "d.consulted", "','") " AS consulted," \
	"  " JOINED(D, "d.informed", "','") " AS informed," \
	"  d.decided_on AS \"decided-on\", d.review_by AS \"review-by\", 'BP-' || d.blueprint_id AS blueprint," \
	"  'CTX-' || d.context_id AS context, 'RV-' || d.review_id AS review, 'D-' || d.supersedes_id AS supersedes," \
	"  " LIST(D, "d.tags") " AS tag, d.status_reason AS reason, d.adr_number AS \"adr-number\"," \
	"  (SELECT " D##_STRAGG("l.label || '|D-' || l.dst_id", D##_CHR("10") D##_AGG_ORDER("l.ordinal")) \
	"   FROM (SELECT * FROM decision_link WHERE src_id = d.id ORDER BY ordinal) l) AS link," \
	"  d.uuid, d.created_at, d.created_by " \
	"FROM decision d WHERE " IN_WINDOW("d.created_at") " AND " TEAM_DECISION("d.id") " ORDER BY d.id"
static const struct dk_sql SQL_DECISIONS = DK_SQL_BOTH(SQL_DECISIONS_TEXT);

#define SQL_OPTIONS_TEXT(D) \
	"SELECT 'D-' || o.decision_id AS decision, o.ordinal, o.name, " LIST(D, "o.pros") " AS pros," \
	"  " LIST(D, "o.cons") " AS cons, o.chosen, o.uuid, o.created_at, o.created_by " \
	"FROM decision_option o WHERE " IN_WINDOW("o.created_at") " AND " TEAM_DECISION("o.decision_id") \
	" ORDER BY o.decision_id, o.ordinal"
static const struct dk_sql SQL_OPTIONS = DK_SQL_BOTH(SQL_OPTIONS_TEXT);

static const char SQL_EVIDENCE[] =
	"SELECT 'EV-' || e.id AS key, e.kind, e.title, e.uri, e.sha256, e.size_bytes AS size, e.summary,"
	"  e.collected_on AS collected, e.uuid, e.created_at, e.created_by "
	"FROM evidence e WHERE " IN_WINDOW("e.created_at") " AND (CAST(:team AS TEXT) IS NULL"
	"  OR e.id IN (SELECT evidence_id FROM decision_evidence WHERE " TEAM_DECISION("decision_id") ")"
	"  OR e.id IN (SELECT r.evidence_id FROM verification_result r JOIN verification_step s ON s.id = r.step_id"
	"    JOIN risk k ON k.id = s.risk_id WHERE " TEAM_PERSON("k.owner_id") ")) ORDER BY e.id";

static const char SQL_LINKS[] =
	"SELECT 'D-' || l.decision_id AS decision, 'EV-' || l.evidence_id AS evidence, l.stance,"
	"  l.uuid, l.created_at, l.created_by "
	"FROM decision_evidence l WHERE " IN_WINDOW("l.created_at") " AND " TEAM_DECISION("l.decision_id")
	" ORDER BY l.id";

static const char SQL_DECISION_LINKS[] =
	"SELECT 'D-' || l.src_id AS decision, l.label, 'D-' || l.dst_id AS target, l.ordinal,"
	"  l.uuid, l.created_at, l.created_by "
	"FROM decision_link l WHERE " IN_WINDOW("l.created_at") " AND " TEAM_DECISION("l.src_id")
	" ORDER BY l.src_id, l.ordinal";

static const char SQL_ADR_SOURCES[] =
	"SELECT 'D-' || s.decision_id AS decision, s.file, s.number, s.file_sha256, s.record_sha256,"
	"  s.uuid, s.created_at, s.created_by "
	"FROM adr_source s WHERE " IN_WINDOW("s.created_at") " AND " TEAM_DECISION("s.decision_id")
	" ORDER BY s.decision_id";

static const char SQL_RISKS[] =
	"SELECT 'R-' || r.id AS key, r.title, o.handle AS owner, r.due_on AS due, r.likelihood, r.impact,"
	"  r.score, r.category, r.treatment, r.status, 'D-' || r.decision_id AS decision,"
	"  'BP-' || r.blueprint_id AS blueprint, r.description, r.asked_by AS \"asked-by\","
	"  a.handle AS approver, r.accepted_on AS \"accepted-on\", r.accepted_until AS expires,"
	"  r.accepted_hash AS \"accepted-hash\", r.accept_reason AS \"accept-reason\","
	"  r.closed_on AS \"closed-on\", r.closed_reason AS reason, o.team, r.uuid, r.created_at, r.created_by "
	"FROM risk r JOIN person o ON o.id = r.owner_id LEFT JOIN person a ON a.id = r.approved_by "
	"WHERE " IN_WINDOW("r.created_at") " AND (CAST(:team AS TEXT) IS NULL OR o.team = :team) ORDER BY r.id";

static const char SQL_STEPS[] =
	"SELECT 'VS-' || s.id AS key, 'R-' || s.risk_id AS risk, s.ordinal, s.check_text AS \"check\","
	"  s.metric, s.op, s.threshold, s.method, s.uuid, s.created_at, s.created_by "
	"FROM verification_step s JOIN risk r ON r.id = s.risk_id "
	"WHERE " IN_WINDOW("s.created_at") " AND " TEAM_PERSON("r.owner_id") " ORDER BY s.id";

static const char SQL_RESULTS[] =
	"SELECT 'VS-' || v.step_id AS step, v.value, v.result, 'EV-' || v.evidence_id AS evidence,"
	"  v.recorded_on, v.uuid, v.created_at, v.created_by "
	"FROM verification_result v JOIN verification_step s ON s.id = v.step_id JOIN risk r ON r.id = s.risk_id "
	"WHERE " IN_WINDOW("v.created_at") " AND " TEAM_PERSON("r.owner_id") " ORDER BY v.id";

#define KEY_OF(kind, id) \
	"CASE " kind " WHEN 'context' THEN 'CTX-' WHEN 'blueprint' THEN 'BP-' WHEN 'decision' THEN 'D-'" \
	" WHEN 'evidence' THEN 'EV-' WHEN 'risk' THEN 'R-' WHEN 'verification_step' THEN 'VS-'" \
	" WHEN 'review' THEN 'RV-' END || " id

static const char SQL_EDGES[] =
	"SELECT " KEY_OF("src_kind", "src_id") " AS \"from\", relation, " KEY_OF("dst_kind", "dst_id") " AS \"to\","
	"  src_kind AS from_kind, dst_kind AS to_kind FROM lineage_edge "
	"WHERE CAST(:team AS TEXT) IS NULL OR (src_kind = 'risk' AND " TEAM_PERSON("(SELECT owner_id FROM risk WHERE id = src_id)") ")"
	"  OR (src_kind = 'verification_step' AND " TEAM_PERSON("(SELECT owner_id FROM risk WHERE id ="
	"      (SELECT risk_id FROM verification_step WHERE id = src_id))") ")"
	"  OR (src_kind = 'context' AND " TEAM_CONTEXT("src_id") ")"
	"  OR (src_kind = 'blueprint' AND " TEAM_BLUEPRINT("src_id") ")"
	"  OR (src_kind = 'decision' AND " TEAM_DECISION("src_id") ")"
	"  OR (src_kind = 'review' AND " TEAM_BLUEPRINT("(SELECT blueprint_id FROM review WHERE id = src_id)") ")"
	/* an order of its own: the view's is each engine's */
	" ORDER BY src_kind, src_id, dst_kind, dst_id, relation";

/* The whole trail, whatever the team: the chain can only be checked whole. */
static const char SQL_AUDIT[] =
	"SELECT seq, at, actor, action, entity, entity_id, row, prev_hash, hash FROM audit_log "
	"WHERE " IN_WINDOW("at") " ORDER BY seq";

/* Each kind's query: the portable text, or for the kinds with a dialect
 * variant its SQLite spelling, the one dk_export_rows does not use (it asks
 * variants, below, for the spelling of the engine it is given). */
const struct dk_export_kind dk_export_kinds[] = {
	{"people.csv", SQL_PEOPLE},
	{"policies.csv", SQL_POLICIES},
	{"contexts.csv", SQL_CONTEXTS_TEXT(DK_SQLITE)},
	{"blueprints.csv", SQL_BLUEPRINTS},
	{"blueprint_items.csv", SQL_ITEMS},
	{"stages.csv", SQL_STAGES_TEXT(DK_SQLITE)},
	{"gates.csv", SQL_GATES},
	{"reviews.csv", SQL_REVIEWS_TEXT(DK_SQLITE)},
	{"decisions.csv", SQL_DECISIONS_TEXT(DK_SQLITE)},
	{"decision_options.csv", SQL_OPTIONS_TEXT(DK_SQLITE)},
	{"evidence.csv", SQL_EVIDENCE},
	{"decision_evidence.csv", SQL_LINKS},
	{"decision_links.csv", SQL_DECISION_LINKS},
	{"adr_sources.csv", SQL_ADR_SOURCES},
	{"risks.csv", SQL_RISKS},
	{"verification_steps.csv", SQL_STEPS},
	{"verification_results.csv", SQL_RESULTS},
	{"lineage_edges.csv", SQL_EDGES},
	{"audit_log.csv", SQL_AUDIT},
};
const int dk_export_kind_count = sizeof dk_export_kinds / sizeof dk_export_kinds[0];

/* The kinds whose query has a spelling per engine, by index in
 * dk_export_kinds (NULL: its one text serves both). */
static const struct dk_sql *const variants[] = {
	[2] = &SQL_CONTEXTS, [5] = &SQL_STAGES, [7] = &SQL_REVIEWS, [8] = &SQL_DECISIONS,
	[9] = &SQL_OPTIONS, [18] = NULL,
};
_Static_assert(sizeof variants / sizeof variants[0] == sizeof dk_export_kinds / sizeof dk_export_kinds[0],
               "one entry in variants for each export kind");

/* Kind i's query as db's engine takes it. */
static const char *kind_sql(const struct dk_db *db, int i)
{
	return variants[i] ? dk_sql_for(db, variants[i]) : dk_export_kinds[i].sql;
}

/* Columns whose values come from a closed set the schema checks (status,
 * kind, operator, ...): a spreadsheet may read '==' as a formula, but it is
 * no one's input, and a mark would change the value. Free text is marked. */
static const char *const ENUM_COLUMNS[] = {
	"op", "status", "kind", "area", "stance", "action", "entity", "category", "treatment",
	"problem", "result", "source", "relation", "from_kind", "to_kind", "model-kind",
	"deploy-target", "cloud", "retrain", NULL,
};

int dk_export_verbatim(int i, const char *column)
{
	/* contexts.csv's problem is the problem type; decisions.csv's is text */
	if (i < 0 || i >= dk_export_kind_count || column == NULL ||
	    (strcmp(column, "problem") == 0 && strcmp(dk_export_kinds[i].file, "contexts.csv") != 0))
		return 0;
	for (const char *const *c = ENUM_COLUMNS; *c; c++)
		if (strcmp(*c, column) == 0)
			return 1;
	return 0;
}

int dk_export_rows(struct dk_db *db, int i, const struct dk_export_filter *f, dk_row_fn fn,
                   void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if (i < 0 || i >= dk_export_kind_count)
		return dk_fail(err, DK_EINPUT, "no export kind %d", i);
	if ((rc = dk_stmt_prepare(db, &s, kind_sql(db, i), err)) != DK_OK)
		return rc;
	if (dk_stmt_has_param(s, ":since"))
		dk_bind_text(s, ":since", f->since);
	if (dk_stmt_has_param(s, ":until"))
		dk_bind_text(s, ":until", f->until);
	if (dk_stmt_has_param(s, ":team"))
		dk_bind_text(s, ":team", f->team);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_export_header(struct dk_db *db, int i, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_cell cells[64];
	struct dk_stmt *s = NULL;
	int n, rc;

	if (i < 0 || i >= dk_export_kind_count)
		return dk_fail(err, DK_EINPUT, "no export kind %d", i);
	if ((rc = dk_stmt_prepare(db, &s, kind_sql(db, i), err)) != DK_OK)
		return rc;
	n = dk_col_count(s);
	for (int c = 0; c < n && c < 64; c++) {
		cells[c].name = dk_col_name(s, c);
		cells[c].text = cells[c].name;
		cells[c].type = DK_CELL_TEXT;
	}
	rc = fn(ctx, n < 64 ? n : 64, cells, err);
	dk_stmt_finalize(&s);
	return rc;
}
