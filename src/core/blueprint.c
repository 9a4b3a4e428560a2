#include "docket/blueprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/context.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/key.h"
#include "docket/risk.h"
#include "docket/text.h"

/* ---- storage --------------------------------------------------------------- */

static const char SQL_INSERT[] =
	"INSERT INTO blueprint (uuid, context_id, source, generator_version, catalog_sha256,"
	"  body_md, body_json, body_sha256, status, supersedes_id, created_at, created_by) "
	"VALUES (docket_uuid(), :context, 'generated', :version, :catalog, :md, :json, :sha,"
	"  'draft', " DK_BLUEPRINT_PREVIOUS_SQL ", docket_now(), docket_actor()) RETURNING id";

static const char SQL_ITEM[] =
	"INSERT INTO blueprint_item (uuid, blueprint_id, ordinal, area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, created_at, created_by) "
	"VALUES (docket_uuid(), :bp, :ordinal, :area, :component, :choice, :alternative,"
	"  :tradeoff, :deferred, :add_when, docket_now(), docket_actor())";

static const char SQL_STAGE[] =
	"INSERT INTO stage (uuid, blueprint_id, ordinal, name, inputs, outputs, idempotent,"
	"  retryable, deps_pinned, seed_fixed, env_captured, data_versioned, created_at, created_by) "
	"VALUES (docket_uuid(), :bp, :ordinal, :name, :inputs, :outputs, :idempotent, :retryable,"
	"  :deps_pinned, :seed_fixed, :env_captured, :data_versioned,"
	"  docket_now(), docket_actor()) RETURNING id";

static const char SQL_GATE[] =
	"INSERT INTO gate (uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) "
	"VALUES (docket_uuid(), :stage, :metric, :op, :threshold, :today,"
	"  docket_now(), docket_actor())";

static const char SQL_EXISTS[] = "SELECT id FROM blueprint WHERE id = :id";
static const char SQL_LIST[] =
	"SELECT 'BP-' || b.id AS key, 'CTX-' || b.context_id AS context, c.system, c.revision,"
	"  b.source, b.status,"
	"  (SELECT count(*) FROM blueprint_item i WHERE i.blueprint_id = b.id AND i.deferred = 0) AS components,"
	"  (SELECT count(*) FROM blueprint_item i WHERE i.blueprint_id = b.id AND i.deferred <> 0) AS deferred,"
	"  (SELECT count(*) FROM stage s WHERE s.blueprint_id = b.id) AS stages,"
	"  substr(b.catalog_sha256, 1, 12) AS catalog, b.created_at "
	"FROM blueprint b JOIN context c ON c.id = b.context_id ORDER BY b.id";

static const char SQL_GET[] =
	"SELECT 'BP-' || b.id AS key, 'CTX-' || b.context_id AS context, c.system, c.revision,"
	"  b.source, b.status, b.generator_version, b.catalog_sha256, b.body_sha256,"
	"  'BP-' || b.supersedes_id AS supersedes, b.approved_at, b.approved_by, b.created_at,"
	"  b.created_by, b.uuid "
	"FROM blueprint b JOIN context c ON c.id = b.context_id WHERE b.id = :id";

static const char SQL_ITEMS[] =
	"SELECT ordinal, area, component, choice, alternative, tradeoff, deferred, add_when "
	"FROM blueprint_item WHERE blueprint_id = :id ORDER BY ordinal";

static const char SQL_BODY[] =
	"SELECT CASE WHEN :json <> 0 THEN body_json ELSE body_md END FROM blueprint WHERE id = :id";

/* Items keyed by component; "before" and "after" say what each blueprint has. */
static const char SQL_DIFF[] =
	"WITH a AS (SELECT * FROM blueprint_item WHERE blueprint_id = :a),"
	"     b AS (SELECT * FROM blueprint_item WHERE blueprint_id = :b),"
	"     d AS ("
	"  SELECT 'removed' AS change, a.area, a.component, a.deferred AS ad, a.choice AS ac,"
	"         a.add_when AS aw, NULL AS bd, NULL AS bc, NULL AS bw, a.ordinal AS ord "
	"  FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.component = a.component)"
	"  UNION ALL"
	"  SELECT 'added', b.area, b.component, NULL, NULL, NULL, b.deferred, b.choice, b.add_when,"
	"         b.ordinal "
	"  FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.component = b.component)"
	"  UNION ALL"
	"  SELECT 'changed', b.area, b.component, a.deferred, a.choice, a.add_when, b.deferred,"
	"         b.choice, b.add_when, b.ordinal "
	"  FROM a JOIN b ON b.component = a.component"
	"  WHERE a.deferred <> b.deferred OR a.choice IS DISTINCT FROM b.choice"
	"     OR a.alternative IS DISTINCT FROM b.alternative"
	"     OR a.tradeoff IS DISTINCT FROM b.tradeoff OR a.add_when IS DISTINCT FROM b.add_when)"
	"SELECT change, area, component,"
	"  CASE WHEN ad IS NULL THEN NULL WHEN ad <> 0 THEN 'left out (add when ' || aw || ')' ELSE ac END AS before,"
	"  CASE WHEN bd IS NULL THEN NULL WHEN bd <> 0 THEN 'left out (add when ' || bw || ')' ELSE bc END AS after "
	"FROM d ORDER BY CASE area WHEN 'data' THEN 1 WHEN 'training' THEN 2 WHEN 'packaging' THEN 3"
	"  WHEN 'serving' THEN 4 WHEN 'monitoring' THEN 5 ELSE 6 END, component";

static int step_done(struct dk_stmt *s, struct dk_error *err)
{
	int rc = dk_stmt_step(s, err);

	return rc == DK_DONE ? DK_OK : rc;
}

static int insert_item(struct dk_stmt *s, int64_t bp, int ordinal, const char *area,
                       const char *component, const char *choice, const char *alternative,
                       const char *tradeoff, const char *add_when, struct dk_error *err)
{
	dk_stmt_reset(s);
	dk_bind_int(s, ":bp", bp);
	dk_bind_int(s, ":ordinal", ordinal);
	dk_bind_text(s, ":area", area);
	dk_bind_text(s, ":component", component);
	dk_bind_text(s, ":choice", choice);
	dk_bind_text(s, ":alternative", alternative);
	dk_bind_text(s, ":tradeoff", tradeoff);
	dk_bind_int(s, ":deferred", add_when != NULL);
	dk_bind_text(s, ":add_when", add_when);
	return step_done(s, err);
}

static char *json_list(const char *const *v, size_t n)
{
	struct dk_buf b = {0};

	dk_buf_adds(&b, "[");
	for (size_t i = 0; i < n; i++) {
		dk_buf_adds(&b, i ? "," : "");
		dk_buf_json_string(&b, v[i]);
	}
	dk_buf_adds(&b, "]");
	if (!dk_buf_ok(&b)) {
		dk_buf_free(&b);
		return NULL;
	}
	return b.p;
}

int dk_blueprint_insert(struct dk_db *db, int64_t context_id, const struct dk_plan *plan,
                        const char *today, int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL, *g = NULL;
	int rc, ordinal = 0;

	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":context", context_id);
	dk_bind_text(s, ":version", DOCKET_VERSION);
	dk_bind_text(s, ":catalog", plan->catalog_sha256);
	dk_bind_text(s, ":md", plan->md);
	dk_bind_text(s, ":json", plan->json);
	dk_bind_text(s, ":sha", plan->body_sha256);
	rc = dk_stmt_insert(s, id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_ITEM, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < plan->n_components && rc == DK_OK; i++) {
		const struct dk_bp_component *c = &plan->components[i];
		rc = insert_item(s, *id, ++ordinal, c->area, c->component, c->choice, c->alternative,
		                 c->tradeoff, NULL, err);
	}
	for (size_t i = 0; i < plan->n_deferred && rc == DK_OK; i++) {
		const struct dk_bp_deferred *d = &plan->deferred[i];
		rc = insert_item(s, *id, ++ordinal, d->area, d->component, NULL, NULL, NULL,
		                 d->add_when, err);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_STAGE, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &g, SQL_GATE, err)) != DK_OK) {
		dk_stmt_finalize(&s);
		return rc;
	}
	for (size_t i = 0; i < plan->n_stages && rc == DK_OK; i++) {
		const struct dk_bp_stage *st = &plan->stages[i];
		char *in = json_list(st->inputs, st->n_inputs), *out = json_list(st->outputs, st->n_outputs);
		int64_t stage_id;

		if (in == NULL || out == NULL) {
			free(in);
			free(out);
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		dk_stmt_reset(s);
		dk_bind_int(s, ":bp", *id);
		dk_bind_int(s, ":ordinal", (int64_t)i + 1);
		dk_bind_text(s, ":name", st->name);
		dk_bind_text(s, ":inputs", in);
		dk_bind_text(s, ":outputs", out);
		for (int k = 0; k < DK_FLAG_COUNT; k++) {
			char name[32];
			snprintf(name, sizeof name, ":%s", dk_flag_names[k]);
			dk_bind_int(s, name, st->flags[k]);
		}
		rc = dk_stmt_insert(s, &stage_id, err);
		free(in);
		free(out);
		for (size_t k = 0; k < st->n_gates && rc == DK_OK; k++) {
			dk_stmt_reset(g);
			dk_bind_int(g, ":stage", stage_id);
			dk_bind_text(g, ":metric", st->gates[k].metric);
			dk_bind_text(g, ":op", st->gates[k].op);
			dk_bind_double(g, ":threshold", st->gates[k].threshold);
			dk_bind_text(g, ":today", today);
			rc = step_done(g, err);
		}
	}
	dk_stmt_finalize(&s);
	dk_stmt_finalize(&g);
	return rc;
}

/* The due date of the plan's residual risks, from the owner's team policy,
 * which must exist. */
static int owner_due(struct dk_db *db, const struct dk_bp_context *ctx, size_t n_risks,
                     const char *today, char due[DK_DATE_LEN], struct dk_error *err)
{
	const char *owner = ctx->facts.v[DK_F_OWNER].text;
	char team[80];
	int rc;

	if ((rc = dk_risk_policy_due(db, owner, today, team, sizeof team, due, err)) != DK_OK)
		return rc;
	if (team[0] == '\0')
		return dk_fail(err, DK_EINPUT, "CTX-%lld's owner '%s' has no team, so no policy dates "
		               "the plan's %zu residual risk%s: add the owner with --team and give the "
		               "team a policy (docket policy set)", (long long)ctx->id, owner, n_risks,
		               n_risks == 1 ? "" : "s");
	if (due[0] == '\0')
		return dk_fail(err, DK_EINPUT, "team '%s' (CTX-%lld's owner '%s') has no policy to date "
		               "the plan's %zu residual risk%s: set one first (docket policy set %s "
		               "--appetite N --grace-days N --acceptance-days N --default-due-days N "
		               "--escalate-to HANDLE)", team, (long long)ctx->id, owner, n_risks,
		               n_risks == 1 ? "" : "s", team);
	return DK_OK;
}

/* Registers the plan's proposed decisions and residual risks, linked to
 * blueprint bp, inside the caller's transaction. */
static int propose(struct dk_db *db, const struct dk_bp_context *ctx, const struct dk_plan *plan,
                   int64_t bp, const char *today, const char *due, struct dk_error *err)
{
	int64_t *decision = calloc(plan->n_decisions + 1, sizeof *decision);
	char bp_key[DK_KEY_LEN], d_key[DK_KEY_LEN];
	int rc = DK_OK;

	if (decision == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	dk_key_format("BP", bp, bp_key);
	for (size_t i = 0; i < plan->n_decisions && rc == DK_OK; i++) {
		const struct dk_bp_decision *d = &plan->decisions[i];
		struct dk_option_in opts[2] = {{0}};
		struct dk_decision_in in = {0};
		struct dk_buf problem = {0}, name[2] = {{0}, {0}};

		/* option names are at most 200 characters */
		dk_buf_adds(&name[0], d->options[0]);
		dk_buf_adds(&name[1], d->options[1] ? d->options[1] : "");
		dk_buf_clip(&name[0], 200);
		dk_buf_clip(&name[1], 200);
		opts[0].name = dk_buf_str(&name[0]);
		opts[1].name = dk_buf_str(&name[1]);
		dk_buf_addf(&problem, "Which %s should %s use? %s (drawn for CTX-%lld) proposes %s, "
		            "with %s as the alternative.", d->component, ctx->facts.v[DK_F_SYSTEM].text,
		            bp_key, (long long)ctx->id, d->options[0],
		            d->options[1] && *d->options[1] ? d->options[1] : "no alternative");
		if (!dk_buf_ok(&problem) || !dk_buf_ok(&name[0]) || !dk_buf_ok(&name[1]))
			rc = dk_fail(err, DK_EDB, "out of memory");
		in.origin = DK_DECISION_NEW;
		in.title = d->title;
		in.area = d->area;
		in.problem = problem.p;
		in.options = opts;
		/* an alternative that is missing or the choice itself is no option */
		in.n_options = *opts[1].name && strcmp(opts[0].name, opts[1].name) != 0 ? 2 : 1;
		in.chosen = opts[0].name;
		in.rationale = d->rationale && *d->rationale ? d->rationale : d->title;
		in.blueprint_id = bp;
		in.context_id = ctx->id;
		if (rc == DK_OK)
			rc = dk_decision_insert(db, &in, &decision[i], err);
		dk_buf_free(&problem);
		dk_buf_free(&name[0]);
		dk_buf_free(&name[1]);
	}
	for (size_t i = 0; i < plan->n_risks && rc == DK_OK; i++) {
		const struct dk_bp_risk *k = &plan->risks[i];
		struct dk_risk_in in = {0};
		struct dk_buf desc = {0};
		char l[8], m[8];

		snprintf(l, sizeof l, "%d", k->likelihood);
		snprintf(m, sizeof m, "%d", k->impact);
		if (strcmp(k->source, "deferral") == 0)
			dk_buf_addf(&desc, "Left by %s, which leaves out %s (%s): add it when %s%s", bp_key,
			            k->component, k->area, k->rationale,
			            *k->rationale && k->rationale[strlen(k->rationale) - 1] == '.' ? "" : ".");
		else
			dk_buf_addf(&desc, "Left by the trade-off of %s (%s) in %s: %s", k->component,
			            k->area, bp_key, k->rationale);
		if (!dk_buf_ok(&desc)) {
			dk_buf_free(&desc);
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		in.title = k->title;
		in.description = desc.p;
		in.category = k->category;
		in.owner = ctx->facts.v[DK_F_OWNER].text;
		in.due = due;
		in.likelihood = l;
		in.impact = m;
		in.blueprint = bp_key;
		/* the decision of the same component, when the plan chose it */
		for (size_t j = 0; j < plan->n_decisions; j++)
			if (strcmp(plan->decisions[j].component, k->component) == 0) {
				dk_key_format("D", decision[j], d_key);
				in.decision = d_key;
			}
		rc = dk_risk_insert(db, &in, today, NULL, err);
		dk_buf_free(&desc);
	}
	free(decision);
	return rc;
}

int dk_blueprint_generate(struct dk_db *db, int64_t context_id, const struct dk_catalog *cat,
                          const char *today, int64_t *id, struct dk_plan **plan_out,
                          struct dk_error *err)
{
	struct dk_bp_context ctx;
	struct dk_plan *plan = NULL;
	char due[DK_DATE_LEN] = "";
	int rc;

	if (plan_out)
		*plan_out = NULL;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	rc = dk_context_exists(db, context_id, err);
	if (rc == DK_OK)
		rc = dk_bp_context_load(db, context_id, &ctx, err);
	else
		memset(&ctx, 0, sizeof ctx);
	if (rc == DK_OK)
		rc = dk_blueprint_plan(&ctx, cat, &plan, err);
	if (rc == DK_OK && plan->n_risks > 0)
		rc = owner_due(db, &ctx, plan->n_risks, today, due, err);
	if (rc == DK_OK)
		rc = dk_blueprint_insert(db, context_id, plan, today, id, err);
	if (rc == DK_OK)
		rc = propose(db, &ctx, plan, *id, today, due, err);
	dk_bp_context_free(&ctx);
	if (rc != DK_OK) {
		dk_db_rollback(db);
		dk_plan_free(plan);
		return rc;
	}
	if ((rc = dk_db_commit(db, err)) != DK_OK) {
		dk_plan_free(plan);
		return rc;
	}
	if (plan_out)
		*plan_out = plan;
	else
		dk_plan_free(plan);
	return DK_OK;
}

/* ---- reading ---------------------------------------------------------------- */

static int run_rows(struct dk_db *db, const char *sql, int64_t id, dk_row_fn fn, void *ctx,
                    struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (id)
		dk_bind_int(s, ":id", id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_blueprint_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t x;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_EXISTS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &x, &found, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no blueprint BP-%lld", (long long)id);
	return rc;
}

int dk_blueprint_list(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	return run_rows(db, SQL_LIST, 0, fn, ctx, err);
}

int dk_blueprint_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_blueprint_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, SQL_GET, id, fn, ctx, err);
}

int dk_blueprint_items(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                       struct dk_error *err)
{
	int rc = dk_blueprint_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, SQL_ITEMS, id, fn, ctx, err);
}

int dk_blueprint_body(struct dk_db *db, int64_t id, int json, char **out, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*out = NULL;
	if ((rc = dk_blueprint_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_BODY, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_int(s, ":json", json != 0);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		const char *t = dk_col_text(s, 0);
		*out = strdup(t ? t : "");
		rc = *out ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "there is no blueprint BP-%lld", (long long)id);
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_blueprint_diff(struct dk_db *db, int64_t a, int64_t b, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_blueprint_exists(db, a, err)) != DK_OK ||
	    (rc = dk_blueprint_exists(db, b, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_DIFF, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":a", a);
	dk_bind_int(s, ":b", b);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}
