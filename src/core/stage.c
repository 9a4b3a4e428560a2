#include "docket/stage.h"

#include <stdio.h>
#include <string.h>

#include "docket/blueprint.h"
#include "docket/db.h"
#include "docket/text.h"

#include "dialect.h"

const char *const dk_stage_flag_opts[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "deps-pinned", "seed-fixed", "env-captured", "data-versioned",
};
static const char *const yes_no[] = {"yes", "no", NULL};

static const char SQL_STAGE_EXISTS[] = "SELECT id FROM stage WHERE id = :id";
static const char SQL_GATE_EXISTS[] = "SELECT id FROM gate WHERE id = :id";

/* The blueprint of this stage (or gate) when it is approved, or superseded
 * (it was approved): its id and status. */
static const char SQL_STAGE_FROZEN[] =
	"SELECT b.id, b.status FROM stage s JOIN blueprint b ON b.id = s.blueprint_id "
	"WHERE s.id = :id AND b.status IN ('approved', 'superseded')";
static const char SQL_GATE_FROZEN[] =
	"SELECT b.id, b.status FROM gate g JOIN stage s ON s.id = g.stage_id "
	"JOIN blueprint b ON b.id = s.blueprint_id "
	"WHERE g.id = :id AND b.status IN ('approved', 'superseded')";

static const char SQL_LIST[] =
	"SELECT 'ST-' || s.id AS key, s.ordinal, s.name, s.inputs AS \"inputs:json\","
	"  s.outputs AS \"outputs:json\", s.deps_pinned, s.seed_fixed, s.env_captured,"
	"  s.data_versioned, s.idempotent, s.retryable,"
	"  CASE WHEN s.deps_pinned <> 0 AND s.seed_fixed <> 0 AND s.env_captured <> 0"
	"    AND s.data_versioned <> 0 THEN 1 ELSE 0 END AS reproducible,"
	"  (SELECT count(*) FROM gate g WHERE g.stage_id = s.id) AS gates "
	"FROM stage s WHERE s.blueprint_id = :bp ORDER BY s.ordinal";

static const char SQL_SET[] =
	"UPDATE stage SET idempotent = coalesce(:idempotent, idempotent),"
	"  retryable = coalesce(:retryable, retryable),"
	"  deps_pinned = coalesce(:deps_pinned, deps_pinned),"
	"  seed_fixed = coalesce(:seed_fixed, seed_fixed),"
	"  env_captured = coalesce(:env_captured, env_captured),"
	"  data_versioned = coalesce(:data_versioned, data_versioned) "
	"WHERE id = :id";

static const char SQL_GATE_ADD[] =
	"INSERT INTO gate (uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) "
	"VALUES (docket_uuid(), :stage, :metric, :op, :threshold, :today,"
	"  docket_now(), docket_actor()) RETURNING id";

/* A whole threshold is shown without a fraction. SQLite gives it as an
 * integer; a PostgreSQL column has one type for every row, and numeric
 * shows 1 as 1 and 0.95 as 0.95 (from float8's 15 digits, as SQLite
 * prints a real). */
#define SQL_GATE_LIST_TEXT(D) \
	"SELECT 'G-' || g.id AS key, 'BP-' || s.blueprint_id AS blueprint, 'ST-' || s.id AS stage," \
	"  s.name AS stage_name, g.metric, g.op, " THRESHOLD_##D("g.threshold") " AS threshold," \
	"  g.defined_on " \
	"FROM gate g JOIN stage s ON s.id = g.stage_id " \
	"WHERE (:stage = 0 OR s.id = :stage) AND (:bp = 0 OR s.blueprint_id = :bp) " \
	"ORDER BY s.blueprint_id, s.ordinal, g.id"
#define THRESHOLD_DK_SQLITE(t) \
	"CASE WHEN " t " = CAST(" t " AS INTEGER) THEN CAST(" t " AS INTEGER) ELSE " t " END"
#define THRESHOLD_DK_PG(t) "CAST(" t " AS numeric)"
static const struct dk_sql SQL_GATE_LIST = DK_SQL_BOTH(SQL_GATE_LIST_TEXT);

static const char SQL_GATE_REMOVE[] = "DELETE FROM gate WHERE id = :id";

static const char *const bind_names[DK_FLAG_COUNT] = {
	":idempotent", ":retryable", ":deps_pinned", ":seed_fixed", ":env_captured", ":data_versioned",
};

static int one(struct dk_db *db, const char *sql, int64_t id, int *found, int64_t *v,
               struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, v, found, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_stage_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	int64_t v;
	int found = 0, rc = one(db, SQL_STAGE_EXISTS, id, &found, &v, err);

	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no stage ST-%lld", (long long)id);
	return rc;
}

static int gate_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	int64_t v;
	int found = 0, rc = one(db, SQL_GATE_EXISTS, id, &found, &v, err);

	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no gate G-%lld", (long long)id);
	return rc;
}

static int not_frozen(struct dk_db *db, const char *sql, int64_t id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "BP-%lld is %s: its stage contract is frozen "
		             "(generate a new blueprint to change it)", (long long)dk_col_int(s, 0),
		             dk_col_text(s, 1));
	else if (rc == DK_DONE)
		rc = DK_OK;
	dk_stmt_finalize(&s);
	return rc;
}

int dk_stage_list(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                  struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_blueprint_exists(db, blueprint_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_LIST, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":bp", blueprint_id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_stage_set(struct dk_db *db, int64_t stage_id, const struct dk_stage_flags *f,
                 struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, given = 0;
	char opt[40];

	for (int k = 0; k < DK_FLAG_COUNT; k++) {
		if (f->v[k] == NULL)
			continue;
		given++;
		snprintf(opt, sizeof opt, "--%s", dk_stage_flag_opts[k]);
		if ((rc = dk_check_enum(opt, f->v[k], yes_no, err)) != DK_OK)
			return rc;
	}
	if (!given)
		return dk_fail(err, DK_EINPUT, "nothing to set: give at least one of --deps-pinned, "
		               "--seed-fixed, --env-captured, --data-versioned, --idempotent, --retryable");
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_stage_exists(db, stage_id, err)) != DK_OK ||
	    (rc = not_frozen(db, SQL_STAGE_FROZEN, stage_id, err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SET, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":id", stage_id);
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		if (f->v[k])
			dk_bind_int(s, bind_names[k], strcmp(f->v[k], "yes") == 0);
		else
			dk_bind_null(s, bind_names[k]);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}

static int gate_check(const char *metric, const char *op, const char *threshold, double *t,
                      struct dk_error *err)
{
	int rc;

	if (strlen(metric) < 1 || strlen(metric) > 64 ||
	    metric[strspn(metric, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")])
		return dk_fail(err, DK_EINPUT, "--metric '%.64s' is not a metric name (1 to 64 of "
		               "letters, digits, '_', '.')", metric);
	if ((rc = dk_check_enum("--op", op, dk_gate_ops, err)) != DK_OK)
		return rc;
	return dk_parse_real("--threshold", threshold, -DK_GATE_THRESHOLD_MAX, DK_GATE_THRESHOLD_MAX,
	                     t, err);
}

int dk_gate_insert(struct dk_db *db, int64_t stage_id, const char *metric, const char *op,
                   const char *threshold, const char *today, int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	double t;
	int rc;

	if ((rc = gate_check(metric, op, threshold, &t, err)) != DK_OK)
		return rc;
	if ((rc = dk_stage_exists(db, stage_id, err)) != DK_OK ||
	    (rc = not_frozen(db, SQL_STAGE_FROZEN, stage_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_GATE_ADD, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":stage", stage_id);
	dk_bind_text(s, ":metric", metric);
	dk_bind_text(s, ":op", op);
	dk_bind_double(s, ":threshold", t);
	dk_bind_text(s, ":today", today);
	rc = dk_stmt_insert(s, id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	return DK_OK;
}

int dk_gate_add(struct dk_db *db, int64_t stage_id, const char *metric, const char *op,
                const char *threshold, const char *today, int64_t *id, struct dk_error *err)
{
	double t;
	int rc;

	if ((rc = gate_check(metric, op, threshold, &t, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_gate_insert(db, stage_id, metric, op, threshold, today, id, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_gate_list(struct dk_db *db, int64_t stage_id, int64_t blueprint_id, dk_row_fn fn,
                 void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if (stage_id && (rc = dk_stage_exists(db, stage_id, err)) != DK_OK)
		return rc;
	if (blueprint_id && (rc = dk_blueprint_exists(db, blueprint_id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_GATE_LIST), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":stage", stage_id);
	dk_bind_int(s, ":bp", blueprint_id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_gate_remove(struct dk_db *db, int64_t gate_id, struct dk_error *err)
{
	int rc;

	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = gate_exists(db, gate_id, err)) != DK_OK ||
	    (rc = not_frozen(db, SQL_GATE_FROZEN, gate_id, err)) != DK_OK)
		goto fail;
	if ((rc = dk_db_exec_id(db, SQL_GATE_REMOVE, gate_id, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}
