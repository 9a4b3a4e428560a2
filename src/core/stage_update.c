/* stage_update.c: correcting a stage's contract (docket stage update) and a
 * gate (docket gate update) while their blueprint is not approved. Only
 * the values that differ are written; nothing is written when none does. */
#include "docket/stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/text.h"

#define MAX_ITEMS 64

/* The plan a stage (or gate) belongs to, and its status. */
static const char SQL_STAGE_PLAN[] =
	"SELECT b.id, b.status FROM stage s JOIN blueprint b ON b.id = s.blueprint_id WHERE s.id = :id";
static const char SQL_GATE_PLAN[] =
	"SELECT b.id, b.status FROM gate g JOIN stage s ON s.id = g.stage_id "
	"JOIN blueprint b ON b.id = s.blueprint_id WHERE g.id = :id";
static const char SQL_STAGE_CURRENT[] =
	"SELECT inputs, outputs, idempotent, retryable, deps_pinned, seed_fixed, env_captured,"
	"  data_versioned FROM stage WHERE id = :id";
static const char SQL_STAGE_UPDATE[] =
	"UPDATE stage SET inputs = :inputs, outputs = :outputs, idempotent = :idempotent,"
	"  retryable = :retryable, deps_pinned = :deps_pinned, seed_fixed = :seed_fixed,"
	"  env_captured = :env_captured, data_versioned = :data_versioned "
	"WHERE id = :id";
static const char SQL_GATE_CURRENT[] =
	"SELECT metric, op, threshold, defined_on FROM gate WHERE id = :id";
static const char SQL_GATE_UPDATE[] =
	"UPDATE gate SET metric = :metric, op = :op, threshold = :threshold, defined_on = :today "
	"WHERE id = :id";

/* Flag columns 2.. of SQL_STAGE_CURRENT, in DK_FLAG_* order. */
static const char *const flag_binds[DK_FLAG_COUNT] = {
	":idempotent", ":retryable", ":deps_pinned", ":seed_fixed", ":env_captured", ":data_versioned",
};
static const char *const flag_fields[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "deps_pinned", "seed_fixed", "env_captured", "data_versioned",
};
static const char *const yes_no[] = {"yes", "no", NULL};

/* DK_EINPUT when the key is unknown ("there is no stage ST-n") or its
 * plan is approved or superseded. */
static int editable(struct dk_db *db, const char *sql, int64_t id, const char *what,
                    const char *prefix, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	if (rc == DK_DONE)
		rc = dk_fail(err, DK_EINPUT, "there is no %s %s-%lld", what, prefix, (long long)id);
	/* a superseded plan was approved: its contract is history */
	else if (rc == DK_ROW && (strcmp(dk_col_text(s, 1), "approved") == 0 ||
	                          strcmp(dk_col_text(s, 1), "superseded") == 0))
		rc = dk_fail(err, DK_EINPUT, "%s-%lld belongs to BP-%lld, which is %s: its stage "
		             "contract is frozen (generate a new blueprint to change it)", prefix,
		             (long long)id, (long long)dk_col_int(s, 0), dk_col_text(s, 1));
	else if (rc == DK_ROW)
		rc = DK_OK;
	dk_stmt_finalize(&s);
	return rc;
}

static int commit_or_not(struct dk_db *db, int rc, struct dk_changes *ch, struct dk_error *err)
{
	if (rc != DK_OK || ch->n == 0) {
		dk_db_rollback(db);
		ch->n = 0;
		return rc;
	}
	if ((rc = dk_db_commit(db, err)) != DK_OK)
		ch->n = 0;
	return rc;
}

static int stage_apply(struct dk_db *db, int64_t id, const struct dk_stage_update *in,
                       const struct dk_buf *inputs, const struct dk_buf *outputs,
                       struct dk_changes *ch, struct dk_error *err)
{
	char *cur_in = NULL, *cur_out = NULL;
	int64_t flags[DK_FLAG_COUNT], next[DK_FLAG_COUNT];
	const char *nin, *nout;
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = editable(db, SQL_STAGE_PLAN, id, "stage", "ST", err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STAGE_CURRENT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		cur_in = strdup(dk_col_text(s, 0));
		cur_out = strdup(dk_col_text(s, 1));
		for (int k = 0; k < DK_FLAG_COUNT; k++)
			flags[k] = dk_col_int(s, 2 + k);
		rc = cur_in && cur_out ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto out;
	nin = in->n_inputs ? dk_buf_str(inputs) : cur_in;
	nout = in->n_outputs ? dk_buf_str(outputs) : cur_out;
	if (strcmp(nin, cur_in) != 0)
		dk_changes_add(ch, "inputs");
	if (strcmp(nout, cur_out) != 0)
		dk_changes_add(ch, "outputs");
	for (int k = 0; k < DK_FLAG_COUNT; k++) {
		next[k] = in->flags.v[k] ? strcmp(in->flags.v[k], "yes") == 0 : flags[k];
		if (next[k] != flags[k])
			dk_changes_add(ch, flag_fields[k]);
	}
	if (ch->n == 0)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STAGE_UPDATE, err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":inputs", nin);
	dk_bind_text(s, ":outputs", nout);
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		dk_bind_int(s, flag_binds[k], next[k]);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	rc = rc == DK_DONE ? DK_OK : rc;
out:
	free(cur_in);
	free(cur_out);
	return rc;
}

int dk_stage_update(struct dk_db *db, int64_t id, const struct dk_stage_update *in,
                    struct dk_changes *changed, struct dk_error *err)
{
	struct dk_buf inputs = {0}, outputs = {0};
	int rc = DK_OK, given = in->n_inputs || in->n_outputs;
	char opt[40];

	memset(changed, 0, sizeof *changed);
	for (int k = 0; k < DK_FLAG_COUNT && rc == DK_OK; k++) {
		if (in->flags.v[k] == NULL)
			continue;
		given = 1;
		snprintf(opt, sizeof opt, "--%s", dk_stage_flag_opts[k]);
		rc = dk_check_enum(opt, in->flags.v[k], yes_no, err);
	}
	if (rc != DK_OK)
		return rc;
	if (!given)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: --input, --output, "
		               "--deps-pinned, --seed-fixed, --env-captured, --data-versioned, "
		               "--idempotent, --retryable");
	if (in->n_inputs > MAX_ITEMS || in->n_outputs > MAX_ITEMS)
		return dk_fail(err, DK_EINPUT, "--input or --output is given more than %d times",
		               MAX_ITEMS);
	if ((in->n_inputs &&
	     (rc = dk_items_to_json("--input", in->inputs, in->n_inputs, 200, &inputs, err))) ||
	    (in->n_outputs &&
	     (rc = dk_items_to_json("--output", in->outputs, in->n_outputs, 200, &outputs, err))))
		goto out;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	rc = commit_or_not(db, stage_apply(db, id, in, &inputs, &outputs, changed, err), changed, err);
out:
	dk_buf_free(&inputs);
	dk_buf_free(&outputs);
	return rc;
}

static int gate_apply(struct dk_db *db, int64_t id, const char *metric, const char *op,
                      const double *threshold, const char *today, struct dk_changes *ch,
                      struct dk_error *err)
{
	char cur_metric[80], cur_op[8];
	double cur_t = 0, next_t;
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = editable(db, SQL_GATE_PLAN, id, "gate", "G", err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_GATE_CURRENT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		snprintf(cur_metric, sizeof cur_metric, "%s", dk_col_text(s, 0));
		snprintf(cur_op, sizeof cur_op, "%s", dk_col_text(s, 1));
		cur_t = dk_col_double(s, 2);
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	metric = metric ? metric : cur_metric;
	op = op ? op : cur_op;
	next_t = threshold ? *threshold : cur_t;
	if (strcmp(metric, cur_metric) != 0)
		dk_changes_add(ch, "metric");
	if (strcmp(op, cur_op) != 0)
		dk_changes_add(ch, "op");
	if (next_t != cur_t)
		dk_changes_add(ch, "threshold");
	if (ch->n == 0)
		return DK_OK;
	if ((rc = dk_stmt_prepare(db, &s, SQL_GATE_UPDATE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":metric", metric);
	dk_bind_text(s, ":op", op);
	dk_bind_double(s, ":threshold", next_t);
	dk_bind_text(s, ":today", today);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_gate_update(struct dk_db *db, int64_t id, const char *metric, const char *op,
                   const char *threshold, const char *today, struct dk_changes *changed,
                   struct dk_error *err)
{
	double t;
	int rc;

	memset(changed, 0, sizeof *changed);
	if (!metric && !op && !threshold)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: --metric, --op, "
		               "--threshold");
	if (metric && (strlen(metric) < 1 || strlen(metric) > 64 ||
	               metric[strspn(metric, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                     "0123456789_.")]))
		return dk_fail(err, DK_EINPUT, "--metric '%.64s' is not a metric name (1 to 64 of "
		               "letters, digits, '_', '.')", metric);
	if (op && (rc = dk_check_enum("--op", op, dk_gate_ops, err)) != DK_OK)
		return rc;
	if (threshold && (rc = dk_parse_real("--threshold", threshold, -DK_GATE_THRESHOLD_MAX,
	                                     DK_GATE_THRESHOLD_MAX, &t, err)) != DK_OK)
		return rc;
	if (today == NULL || !dk_date_valid(today))
		return dk_fail(err, DK_EINPUT, "today's date is not valid");
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	return commit_or_not(db, gate_apply(db, id, metric, op, threshold ? &t : NULL, today,
	                                    changed, err), changed, err);
}
