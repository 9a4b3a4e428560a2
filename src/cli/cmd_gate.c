/* cmd_gate.c: docket gate add | update | list | remove. */
#include "cli.h"
#include "docket/key.h"
#include "docket/stage.h"
#include "update.h"

static int run_add(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	long long stage;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, "--stage", arg_get(a, "stage"), "ST", "stage", &stage)) != DK_OK)
		return rc;
	if ((rc = dk_gate_add(c->db, stage, arg_get(a, "metric"), arg_get(a, "op"),
	                      arg_get(a, "threshold"), c->today, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("G", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_update(struct ctx *c, struct args *a)
{
	struct dk_changes ch;
	char key[DK_KEY_LEN];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "G", "gate", &id)) != DK_OK)
		return rc;
	if ((rc = dk_gate_update(c->db, id, arg_get(a, "metric"), arg_get(a, "op"),
	                         arg_get(a, "threshold"), c->today, &ch, &c->err)) != DK_OK)
		return rc;
	dk_key_format("G", id, key);
	return update_confirm(c, key, &ch);
}

static int run_list(struct ctx *c, struct args *a)
{
	const char *st = arg_get(a, "stage"), *bp = arg_get(a, "blueprint");
	long long stage = 0, blueprint = 0;
	int rc;

	if (st && (rc = key_opt(c, "--stage", st, "ST", "stage", &stage)) != DK_OK)
		return rc;
	if (bp && (rc = key_opt(c, "--blueprint", bp, "BP", "blueprint", &blueprint)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	return dk_gate_list(c->db, stage, blueprint, out_row, c->out, &c->err);
}

static int run_remove(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "G", "gate", &id)) != DK_OK)
		return rc;
	if ((rc = dk_gate_remove(c->db, id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("G", id, key);
	out_done(c->out, key, "removed");
	return DK_OK;
}

static const struct opt add_opts[] = {
	{"stage", "KEY", OPT_REQUIRED, "the stage the gate guards"},
	{"metric", "NAME", OPT_REQUIRED, "the metric compared (letters, digits, '_', '.')"},
	{"op", "OP", OPT_REQUIRED, "<=, <, >=, >, == or !="},
	{"threshold", "NUMBER", OPT_REQUIRED, "the value the metric is compared with"},
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	{"metric", "NAME", 0, "the metric compared (letters, digits, '_', '.')"},
	{"op", "OP", 0, "<=, <, >=, >, == or !="},
	{"threshold", "NUMBER", 0, "the value the metric is compared with"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"stage", "KEY", 0, "only this stage's gates"},
	{"blueprint", "KEY", 0, "only this blueprint's gates"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_gate[] = {
	{"add", NULL, 0, 0, "add a promotion gate to a stage", add_opts, 0, run_add},
	{"update", "KEY", 1, 1, "change a gate's metric, op or threshold (plan not approved)",
	 update_opts, 0, run_update},
	{"list", NULL, 0, 0, "list gates, in stage order", list_opts, 0, run_list},
	{"remove", "KEY", 1, 1, "remove a gate", NULL, 0, run_remove},
	{0},
};
