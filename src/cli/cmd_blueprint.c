/* cmd_blueprint.c: docket blueprint generate | list | show | diff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docket/blueprint.h"
#include "docket/catalog.h"
#include "docket/key.h"

static int run_generate(struct ctx *c, struct args *a)
{
	const char *dir = arg_get(a, "catalog");
	struct dk_catalog *cat = NULL;
	struct dk_plan *plan = NULL;
	char key[DK_KEY_LEN];
	long long ctx_id;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, "--context", arg_get(a, "context"), "CTX", "context", &ctx_id)) != DK_OK)
		return rc;
	rc = dir ? dk_catalog_load_dir(dir, &cat, &c->err) : dk_catalog_load_embedded(&cat, &c->err);
	if (rc != DK_OK)
		return rc;
	rc = dk_blueprint_generate(c->db, ctx_id, cat, c->today, &id, &plan, &c->err);
	if (rc != DK_OK) {
		dk_catalog_free(cat);
		return rc;
	}
	dk_key_format("BP", id, key);
	/* the key stays the first line, for scripts that take it with head -1 */
	out_value(c->out, "key", key);
	out_note(c->out, "proposed %zu decision%s and %zu residual risk%s", plan->n_decisions,
	         plan->n_decisions == 1 ? "" : "s", plan->n_risks, plan->n_risks == 1 ? "" : "s");
	dk_plan_free(plan);
	dk_catalog_free(cat);
	return DK_OK;
}

static int run_list(struct ctx *c, struct args *a)
{
	(void)a;
	out_list(c->out, NULL);
	return dk_blueprint_list(c->db, out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	long long id;
	char *body = NULL;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &id)) != DK_OK)
		return rc;
	if (c->fmt == FMT_MD || c->fmt == FMT_JSON) {
		/* the stored body, byte for byte */
		if ((rc = dk_blueprint_body(c->db, id, c->fmt == FMT_JSON, &body, &c->err)) != DK_OK)
			return rc;
		fputs(body, stdout);
		free(body);
		return DK_OK;
	}
	out_record(c->out, "blueprint");
	if ((rc = dk_blueprint_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "items");
	return dk_blueprint_items(c->db, id, out_row, c->out, &c->err);
}

static int run_diff(struct ctx *c, struct args *a)
{
	long long x, y;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &x)) != DK_OK ||
	    (rc = key_opt(c, NULL, a->pos[1], "BP", "blueprint", &y)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	return dk_blueprint_diff(c->db, x, y, out_row, c->out, &c->err);
}

static int run_import(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	long long ctx_id;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, "--context", arg_get(a, "context"), "CTX", "context", &ctx_id)) != DK_OK)
		return rc;
	if ((rc = dk_blueprint_import(c->db, ctx_id, a->pos[0], c->today, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("BP", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_approve(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &id)) != DK_OK)
		return rc;
	return dk_blueprint_approve(c->db, id, &c->err);
}

static const struct opt import_opts[] = {
	{"context", "KEY", OPT_REQUIRED, "the context revision the plan was drawn for"},
	{NULL, NULL, 0, NULL},
};

static const struct opt generate_opts[] = {
	{"context", "KEY", OPT_REQUIRED, "the context revision to draw the blueprint for"},
	{"catalog", "DIR", 0, "a rule catalog directory instead of the embedded one"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_blueprint[] = {
	{"generate", NULL, 0, 0, "draw the smallest blueprint that meets a context, and propose its "
	 "decisions and residual risks (the owner's team needs a policy)", generate_opts, 0,
	 run_generate},
	{"list", NULL, 0, 0, "list blueprints", NULL, 0, run_list},
	{"show", "KEY", 1, 1, "show a blueprint (--format md or json: its body)", NULL, 0, run_show},
	{"diff", "KEY1 KEY2", 2, 2, "components added, removed and changed from KEY1 to KEY2", NULL, 0,
	 run_diff},
	{"import", "FILE", 1, 1, "import a plan written elsewhere (FILE.md or FILE.json)", import_opts, 0,
	 run_import},
	{"approve", "KEY", 1, 1, "approve a blueprint (refused while 'docket check' finds a STOP)", NULL, 0,
	 run_approve},
	{0},
};
