/* cmd_dryrun.c: docket dryrun, walking a blueprint's stage contract. */
#include "cli.h"
#include "docket/dryrun.h"
#include "docket/key.h"

static int run_dryrun(struct ctx *c, struct args *a)
{
	const char *file = arg_get(a, "metrics");
	struct dk_dryrun_summary sum;
	struct dk_metric *m = NULL;
	char key[DK_KEY_LEN];
	size_t n = 0;
	int64_t ev;
	long long bp;
	int linked, rc;

	if ((rc = key_opt(c, "--blueprint", arg_get(a, "blueprint"), "BP", "blueprint", &bp)) != DK_OK)
		return rc;
	if (file && (rc = dk_metrics_read(file, &m, &n, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	rc = dk_dryrun_record(c->db, bp, file ? m : NULL, n, file, c->today, out_row, c->out, &sum,
	                      &ev, &linked, &c->err);
	dk_metrics_free(m);
	if (rc != DK_OK)
		return rc;
	out_note(c->out, "%s", sum.text);
	dk_key_format("EV", ev, key);
	out_note(c->out, "recorded as %s (dryrun), %s %d decision%s of BP-%lld", key,
	         sum.passed ? "supporting" : "contradicting", linked,
	         linked == 1 ? "" : "s", bp);
	if (sum.failed)
		return fail(c, DK_EFAIL, "%d branch%s did not end as it must", sum.failed,
		            sum.failed == 1 ? "" : "es");
	if (file && sum.blocked)
		return fail(c, DK_EFAIL, "promotion is blocked");
	return DK_OK;
}

static const struct opt dryrun_opts[] = {
	{"blueprint", "KEY", OPT_REQUIRED, "the blueprint whose stage contract to walk"},
	{"metrics", "FILE.csv", 0, "metric values (CSV: metric,value); without it every branch is walked"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_dryrun[] = {
	{NULL, NULL, 0, 0, "walk the stage contract's gates: promoted, or blocked with a rollback "
	 "path; recorded as dryrun evidence of the blueprint's decisions",
	 dryrun_opts, 0, run_dryrun},
	{0},
};
