/* cmd_policy.c: docket policy set | update | list. */
#include "cli.h"
#include "docket/policy.h"
#include "update.h"

static int run_set(struct ctx *c, struct args *a)
{
	struct dk_policy_in in = {a->pos[0], arg_get(a, "appetite"), arg_get(a, "grace-days"),
	                          arg_get(a, "acceptance-days"), arg_get(a, "default-due-days"),
	                          arg_get(a, "escalate-to")};
	int rc = dk_policy_set(c->db, &in, &c->err);

	if (rc == DK_OK)
		out_value(c->out, "team", in.team);
	return rc;
}

static int run_update(struct ctx *c, struct args *a)
{
	struct dk_policy_in in = {a->pos[0], arg_get(a, "appetite"), arg_get(a, "grace-days"),
	                          arg_get(a, "acceptance-days"), arg_get(a, "default-due-days"),
	                          arg_get(a, "escalate-to")};
	struct dk_changes ch;
	int rc = dk_policy_update(c->db, &in, &ch, &c->err);

	return rc != DK_OK ? rc : update_confirm(c, in.team, &ch);
}

static int run_list(struct ctx *c, struct args *a)
{
	(void)a;
	out_list(c->out, NULL);
	return dk_policy_list(c->db, out_row, c->out, &c->err);
}

static const struct opt set_opts[] = {
	{"appetite", "1-25", OPT_REQUIRED, "highest score that may be accepted without escalation"},
	{"grace-days", "N", OPT_REQUIRED, "days past a due date before escalation (0..365)"},
	{"acceptance-days", "N", OPT_REQUIRED, "default lifetime of an acceptance (1..3650)"},
	{"default-due-days", "N", OPT_REQUIRED, "due date of a new risk without --due (1..3650)"},
	{"escalate-to", "HANDLE", OPT_REQUIRED, "who is told about escalations"},
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	{"appetite", "1-25", 0, "highest score accepted without escalation"},
	{"grace-days", "N", 0, "days past a due date before escalation (0..365)"},
	{"acceptance-days", "N", 0, "default lifetime of an acceptance (1..3650)"},
	{"default-due-days", "N", 0, "due date of a new risk without --due (1..3650)"},
	{"escalate-to", "HANDLE", 0, "who is told about escalations"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_policy[] = {
	{"set", "TEAM", 1, 1, "create or replace a team's risk policy", set_opts, 0, run_set},
	{"update", "TEAM", 1, 1, "change some values of a team's existing policy", update_opts, 0,
	 run_update},
	{"list", NULL, 0, 0, "list team policies", NULL, 0, run_list},
	{0},
};
