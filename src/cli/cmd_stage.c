/* cmd_stage.c: docket stage list | set | update. */
#include "cli.h"
#include "docket/key.h"
#include "docket/stage.h"
#include "update.h"

static int run_list(struct ctx *c, struct args *a)
{
	long long bp;
	int rc;

	if ((rc = key_opt(c, "--blueprint", arg_get(a, "blueprint"), "BP", "blueprint", &bp)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	return dk_stage_list(c->db, bp, out_row, c->out, &c->err);
}

static int run_set(struct ctx *c, struct args *a)
{
	struct dk_stage_flags f;
	char key[DK_KEY_LEN], what[256] = "";
	size_t used = 0;
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "ST", "stage", &id)) != DK_OK)
		return rc;
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		f.v[k] = arg_get(a, dk_stage_flag_opts[k]);
	if ((rc = dk_stage_set(c->db, id, &f, &c->err)) != DK_OK)
		return rc;
	dk_key_format("ST", id, key);
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		if (f.v[k] != NULL)
			used += (size_t)snprintf(what + used, used < sizeof what ? sizeof what - used : 0,
			                         "%s%s %s", used ? ", " : "", dk_stage_flag_opts[k], f.v[k]);
	out_done(c->out, key, "set: %s", what);
	return DK_OK;
}

static int run_update(struct ctx *c, struct args *a)
{
	const char *inputs[ARGS_MAX], *outputs[ARGS_MAX];
	struct dk_stage_update in = {0};
	struct dk_changes ch;
	char key[DK_KEY_LEN];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "ST", "stage", &id)) != DK_OK)
		return rc;
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		in.flags.v[k] = arg_get(a, dk_stage_flag_opts[k]);
	in.n_inputs = (size_t)arg_all(a, "input", inputs, ARGS_MAX);
	in.inputs = inputs;
	in.n_outputs = (size_t)arg_all(a, "output", outputs, ARGS_MAX);
	in.outputs = outputs;
	if ((rc = dk_stage_update(c->db, id, &in, &ch, &c->err)) != DK_OK)
		return rc;
	dk_key_format("ST", id, key);
	return update_confirm(c, key, &ch);
}

static const struct opt list_opts[] = {
	{"blueprint", "KEY", OPT_REQUIRED, "the blueprint whose stage contract to list"},
	{NULL, NULL, 0, NULL},
};

static const struct opt set_opts[] = {
	{"deps-pinned", "yes|no", 0, "dependencies are pinned (lock file, image digest)"},
	{"seed-fixed", "yes|no", 0, "random seeds are fixed and recorded"},
	{"env-captured", "yes|no", 0, "the environment is captured with each run"},
	{"data-versioned", "yes|no", 0, "inputs are versioned data"},
	{"idempotent", "yes|no", 0, "running it twice gives the same result"},
	{"retryable", "yes|no", 0, "it can be retried safely after a failure"},
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	{"input", "NAME", OPT_MULTI, "replaces the stage's inputs"},
	{"output", "NAME", OPT_MULTI, "replaces the stage's outputs"},
	{"deps-pinned", "yes|no", 0, "dependencies are pinned (lock file, image digest)"},
	{"seed-fixed", "yes|no", 0, "random seeds are fixed and recorded"},
	{"env-captured", "yes|no", 0, "the environment is captured with each run"},
	{"data-versioned", "yes|no", 0, "inputs are versioned data"},
	{"idempotent", "yes|no", 0, "running it twice gives the same result"},
	{"retryable", "yes|no", 0, "it can be retried safely after a failure"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_stage[] = {
	{"list", NULL, 0, 0, "list a blueprint's pipeline stages and their contract", list_opts, 0, run_list},
	{"set", "KEY", 1, 1, "set a stage's reproducibility flags", set_opts, 0, run_set},
	{"update", "KEY", 1, 1, "correct a stage's inputs, outputs or flags (plan not approved)",
	 update_opts, 0, run_update},
	{0},
};
