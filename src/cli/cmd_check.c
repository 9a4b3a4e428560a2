/* cmd_check.c: docket check, the quality gates judged on today (exit 1 on STOP or ESCALATE). */
#include "cli.h"
#include "docket/check.h"
#include "docket/key.h"

static int run_check(struct ctx *c, struct args *a)
{
	const char *bp = arg_get(a, "blueprint");
	struct dk_check_counts n = {0, 0, 0};
	long long id = 0;
	int rc;

	if (bp && (rc = key_opt(c, "--blueprint", bp, "BP", "blueprint", &id)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	if ((rc = dk_check(c->db, id, c->today, out_row, c->out, &n, &c->err)) != DK_OK)
		return rc;
	if (n.stop + n.escalate > 0)
		return fail(c, DK_EFAIL, "findings: %lld STOP, %lld ESCALATE, %lld WARN", (long long)n.stop,
		            (long long)n.escalate, (long long)n.warn);
	return DK_OK;
}

static const struct opt check_opts[] = {
	{"blueprint", "KEY", 0, "check only this blueprint, its decisions and the risks it left"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_check[] = {
	{NULL, NULL, 0, 0, "the quality gates (blueprints, stages, decisions, risks): one row per "
	 "finding with its fix; exit 1 on STOP or ESCALATE", check_opts, 0, run_check},
	{0},
};
