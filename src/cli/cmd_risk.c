/* cmd_risk.c: docket risk add | list | show | update | step | close | accept |
 * overdue | escalations | withdraw. */
#include <string.h>

#include "cli.h"
#include "docket/history.h"
#include "form.h"
#include "docket/key.h"
#include "docket/risk.h"
#include "withdraw_cli.h"

static void risk_in(struct args *a, struct dk_risk_in *in)
{
	memset(in, 0, sizeof *in);
	in->title = arg_get(a, "title");
	in->description = arg_get(a, "description");
	in->category = arg_get(a, "category");
	in->treatment = arg_get(a, "treatment");
	in->owner = arg_get(a, "owner");
	in->due = arg_get(a, "due");
	in->likelihood = arg_get(a, "likelihood");
	in->impact = arg_get(a, "impact");
	in->decision = arg_get(a, "decision");
	in->blueprint = arg_get(a, "blueprint");
	in->status = arg_get(a, "status");
}

static int risk_key(struct ctx *c, const char *in, int64_t *id)
{
	long long v;
	int rc = key_opt(c, NULL, in, "R", "risk", &v);

	*id = (int64_t)v;
	return rc;
}

static int show_key(struct ctx *c, const char *prefix, int64_t id)
{
	char key[DK_KEY_LEN];

	dk_key_format(prefix, id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

/* "R-1 updated: title, due": the fields the update was given. */
static int changed(struct ctx *c, struct args *a, int64_t id)
{
	static const char *const fields[] = {"title", "owner", "due", "likelihood", "impact",
	                                     "category", "treatment", "description", "status", NULL};
	char key[DK_KEY_LEN], what[160] = "";
	size_t used = 0;

	for (const char *const *f = fields; *f; f++)
		if (arg_get(a, *f) != NULL && used < sizeof what)
			used += (size_t)snprintf(what + used, sizeof what - used, "%s%s", used ? ", " : "", *f);
	dk_key_format("R", id, key);
	out_done(c->out, key, "updated%s%s", used ? ": " : "", what);
	return DK_OK;
}

static int add(struct ctx *c, struct args *a)
{
	struct dk_risk_in in;
	int64_t id;
	int rc;

	risk_in(a, &in);
	if ((rc = dk_risk_add(c->db, &in, c->today, &id, &c->err)) != DK_OK)
		return rc;
	return show_key(c, "R", id);
}

/* The form of risk add --edit and --from: one-line fields first. */
static const struct dk_form_field add_form[] = {
	{"Title", "title", DK_FORM_LINE, 0, NULL},
	{"Owner", "owner", DK_FORM_LINE, 0, NULL},
	{"Due", "due", DK_FORM_LINE, 0, NULL},
	{"Likelihood", "likelihood", DK_FORM_LINE, 0, NULL},
	{"Impact", "impact", DK_FORM_LINE, 0, NULL},
	{"Category", "category", DK_FORM_LINE, 0, NULL},
	{"Treatment", "treatment", DK_FORM_LINE, 0, NULL},
	{"Decision", "decision", DK_FORM_LINE, 0, NULL},
	{"Blueprint", "blueprint", DK_FORM_LINE, 0, NULL},
	{"Description", "description", DK_FORM_TEXT, 0, NULL},
	{NULL, NULL, 0, 0, NULL},
};

static int run_add(struct ctx *c, struct args *a)
{
	struct form f;
	int rc = form_open(c, a, add_form, &f);

	return rc != DK_OK ? rc : form_close(c, &f, add(c, a));
}

static int run_update(struct ctx *c, struct args *a)
{
	struct dk_risk_in in;
	int64_t id;
	int rc;

	if ((rc = risk_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	risk_in(a, &in);
	if ((rc = dk_risk_update(c->db, id, &in, c->today, &c->err)) != DK_OK)
		return rc;
	return changed(c, a, id);
}

static int run_list(struct ctx *c, struct args *a)
{
	struct dk_risk_filter f = {0};
	char before[DK_DATE_LEN], after[DK_DATE_LEN];
	long long id;
	int rc;

	f.status = arg_get(a, "status");
	f.owner = arg_get(a, "owner");
	f.team = arg_get(a, "team");
	f.category = arg_get(a, "category");
	f.min_score = arg_get(a, "min-score");
	f.sort = arg_get(a, "sort");
	f.search = arg_get(a, "search");
	if (arg_get(a, "due-before")) {
		if ((rc = date_opt(c, "--due-before", arg_get(a, "due-before"), before)) != DK_OK)
			return rc;
		f.due_before = before;
	}
	if (arg_get(a, "due-after")) {
		if ((rc = date_opt(c, "--due-after", arg_get(a, "due-after"), after)) != DK_OK)
			return rc;
		f.due_after = after;
	}
	if (arg_get(a, "decision")) {
		if ((rc = key_opt(c, "--decision", arg_get(a, "decision"), "D", "decision", &id)) != DK_OK)
			return rc;
		f.decision = id;
	}
	if (arg_get(a, "blueprint")) {
		if ((rc = key_opt(c, "--blueprint", arg_get(a, "blueprint"), "BP", "blueprint", &id)) != DK_OK)
			return rc;
		f.blueprint = id;
	}
	out_list(c->out, NULL);
	return dk_risk_list(c->db, &f, out_row, c->out, &c->err);
}

/* Counts rows on their way to the output (--exit-code, "moved N times"). */
struct counter {
	struct out *out;
	long rows;
	const char *field; /* count only rows whose "change" cell equals this */
};

static int count_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct counter *k = arg;

	if (k->field == NULL)
		k->rows++;
	else
		for (int i = 0; i < ncol; i++)
			if (strcmp(cells[i].name, "change") == 0 && cells[i].text &&
			    strcmp(cells[i].text, k->field) == 0)
				k->rows++;
	return out_row(k->out, ncol, cells, err);
}

static int run_show(struct ctx *c, struct args *a)
{
	struct counter moves = {c->out, 0, "due"}, accepted = {c->out, 0, NULL};
	int64_t id;
	int rc;

	if ((rc = risk_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	if ((rc = dk_risk_exists(c->db, id, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "risk");
	if ((rc = dk_risk_get(c->db, id, c->today, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	if ((rc = withdraw_section(c, DK_WITHDRAW_RISK, id)) != DK_OK)
		return rc;
	out_list(c->out, "steps");
	if ((rc = dk_step_list(c->db, id, 0, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "acceptance");
	if ((rc = dk_risk_acceptance(c->db, id, c->today, count_row, &accepted, &c->err)) != DK_OK)
		return rc;
	if (accepted.rows == 0 && c->fmt == FMT_TABLE)
		out_note(c->out, "  (none)");
	out_list(c->out, "history");
	if ((rc = dk_history_risk(c->db, id, count_row, &moves, &c->err)) != DK_OK)
		return rc;
	out_note(c->out, "\ndue date moved %ld time%s", moves.rows, moves.rows == 1 ? "" : "s");
	return DK_OK;
}

/* risk step add RISK | record STEP | show STEP: the action is the first
 * argument, and options that belong to another action are refused. */
static int run_step(struct ctx *c, struct args *a)
{
	static const char *const add_only[] = {"check", "metric", "op", "threshold", "method", NULL};
	static const char *const record_only[] = {"value", "evidence", NULL};
	static const char *const actions[] = {"add", "record", "show"};
	/* a unique prefix or the nearest names, as for subcommands */
	const char *action;
	const char *const *foreign[2] = {NULL, NULL};
	char why[300];
	long long id;
	int rc;

	if ((action = find_word(a->pos[0], actions, 3, "a step action (add, record or show)",
	                        "docket risk step --help", why, sizeof why)) == NULL)
		return fail(c, DK_EINPUT, "%s", why);
	if (strcmp(action, "add") == 0) {
		foreign[0] = record_only;
	} else if (strcmp(action, "record") == 0) {
		foreign[0] = add_only;
	} else if (strcmp(action, "show") == 0) {
		foreign[0] = add_only;
		foreign[1] = record_only;
	}
	for (int f = 0; f < 2 && foreign[f]; f++)
		for (const char *const *o = foreign[f]; *o; o++)
			if (arg_flag(a, *o))
				return fail(c, DK_EINPUT, "--%s does not apply to 'risk step %s'", *o, action);
	if (strcmp(action, "add") == 0) {
		struct dk_step_in in = {arg_get(a, "check"), arg_get(a, "metric"), arg_get(a, "op"),
		                        arg_get(a, "threshold"), arg_get(a, "method")};
		int64_t sid;

		if ((rc = key_opt(c, NULL, a->pos[1], "R", "risk", &id)) != DK_OK)
			return rc;
		if ((rc = dk_step_add(c->db, id, &in, &sid, &c->err)) != DK_OK)
			return rc;
		return show_key(c, "VS", sid);
	}
	if ((rc = key_opt(c, NULL, a->pos[1], "VS", "verification step", &id)) != DK_OK)
		return rc;
	if (strcmp(action, "record") == 0) {
		char key[DK_KEY_LEN];
		int passed;
		if ((rc = dk_step_record(c->db, id, arg_get(a, "value"), arg_get(a, "evidence"),
		                         c->today, &passed, &c->err)) != DK_OK)
			return rc;
		dk_key_format("VS", id, key);
		if (c->fmt == FMT_TABLE || c->fmt == FMT_MD) {
			out_done(c->out, key, "recorded %s: %s", arg_get(a, "value"), passed ? "pass" : "fail");
			return DK_OK;
		}
		out_record(c->out, NULL);
		out_row(c->out, 2, (struct dk_cell[]){{"key", key, DK_CELL_TEXT},
		                                      {"result", passed ? "pass" : "fail", DK_CELL_TEXT}},
		        NULL);
		out_end(c->out);
		return DK_OK;
	}
	if ((rc = dk_step_exists(c->db, id, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "step");
	if ((rc = dk_step_list(c->db, 0, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "results");
	return dk_step_results(c->db, id, out_row, c->out, &c->err);
}

static int run_close(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	int64_t id;
	int rc;

	if ((rc = risk_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	if ((rc = dk_risk_close(c->db, id, arg_get(a, "reason"), c->today, &c->err)) != DK_OK)
		return rc;
	dk_key_format("R", id, key);
	out_done(c->out, key, "closed");
	return DK_OK;
}

static int run_accept(struct ctx *c, struct args *a)
{
	struct dk_accept_in in = {arg_get(a, "approver"), arg_get(a, "expires"), arg_get(a, "reason")};
	char key[DK_KEY_LEN];
	int64_t id;
	int rc;

	if ((rc = risk_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	if ((rc = dk_risk_accept(c->db, id, &in, c->today, &c->err)) != DK_OK)
		return rc;
	dk_key_format("R", id, key);
	out_done(c->out, key, "accepted, approved by %s", in.approver);
	return DK_OK;
}

static int as_of(struct ctx *c, struct args *a, char out[DK_DATE_LEN])
{
	if (arg_get(a, "as-of") == NULL) {
		memcpy(out, c->today, DK_DATE_LEN);
		return DK_OK;
	}
	return date_opt(c, "--as-of", arg_get(a, "as-of"), out);
}

/* --exit-code: exit 1 (with nothing on stderr) when anything was listed. */
static int found_status(struct args *a, const struct counter *k)
{
	return arg_flag(a, "exit-code") && k->rows > 0 ? DK_EFAIL : DK_OK;
}

static int run_overdue(struct ctx *c, struct args *a)
{
	struct counter k = {c->out, 0, NULL};
	char date[DK_DATE_LEN];
	int rc;

	if ((rc = as_of(c, a, date)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	if ((rc = dk_risk_overdue(c->db, date, arg_get(a, "owner"), arg_get(a, "team"), count_row,
	                          &k, &c->err)) != DK_OK)
		return rc;
	return found_status(a, &k);
}

static int run_escalations(struct ctx *c, struct args *a)
{
	struct counter k = {c->out, 0, NULL};
	char date[DK_DATE_LEN];
	int rc;

	if ((rc = as_of(c, a, date)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	if ((rc = dk_risk_escalations(c->db, date, arg_get(a, "team"), count_row, &k, &c->err)) != DK_OK)
		return rc;
	return found_status(a, &k);
}

static int run_withdraw(struct ctx *c, struct args *a)
{
	int64_t id;
	int rc;

	if ((rc = risk_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	return withdraw_record(c, a, DK_WITHDRAW_RISK, id);
}

#define RISK_FIELDS(req) \
	{"title", "TEXT", req, "what could go wrong, in one line"}, \
	{"owner", "HANDLE", req, "who carries the risk"}, \
	{"due", "DATE", 0, "when it must be mitigated (default: the owner's team policy)"}, \
	{"likelihood", "1-5", req, "how likely (1 rare .. 5 almost certain)"}, \
	{"impact", "1-5", req, "how bad (1 minor .. 5 severe)"}, \
	{"category", "NAME", 0, "data, model, ops, security, compliance or cost"}, \
	{"treatment", "NAME", 0, "mitigate, accept, transfer or avoid"}, \
	{"description", "TEXT", 0, "details"}

static const struct opt add_opts[] = {
	RISK_FIELDS(OPT_REQUIRED),
	{"decision", "KEY", 0, "the decision that left it (D-n)"},
	{"blueprint", "KEY", 0, "the blueprint that left it (BP-n)"},
	FORM_OPTS,
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	RISK_FIELDS(0),
	{"status", "STATUS", 0, "open or mitigating (withdraws an acceptance)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"status", "STATUS", 0, "open, mitigating, accepted, closed, withdrawn or all (default: "
	 "not closed or withdrawn)"},
	{"owner", "HANDLE", 0, "owned by this person"},
	{"team", "TEAM", 0, "owned by this team"},
	{"category", "NAME", 0, "in this category"},
	{"min-score", "N", 0, "score at least N (1..25)"},
	{"due-before", "DATE", 0, "due before this date"},
	{"due-after", "DATE", 0, "due after this date"},
	{"decision", "KEY", 0, "left by this decision"},
	{"blueprint", "KEY", 0, "left by this blueprint"},
	{"sort", "KEY", 0, "due (default), score or owner"},
	{"search", "TEXT", 0, "words in the title, description or reasons"},
	{NULL, NULL, 0, NULL},
};

static const struct opt step_opts[] = {
	{"check", "TEXT", 0, "add: what is checked"},
	{"metric", "NAME", 0, "add: the metric measured (p95_latency_ms)"},
	{"op", "OP", 0, "add: <=, <, >=, >, == or !="},
	{"threshold", "NUMBER", 0, "add: the value the metric is compared with"},
	{"method", "TEXT", 0, "add: how it is measured"},
	{"value", "NUMBER", 0, "record: the observed value"},
	{"evidence", "KEY", 0, "record: the evidence that shows it (EV-n)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt close_opts[] = {
	{"reason", "TEXT", OPT_REQUIRED, "why it is closed"},
	{NULL, NULL, 0, NULL},
};

static const struct opt accept_opts[] = {
	{"approver", "HANDLE", OPT_REQUIRED, "who approves (a known person, not --actor)"},
	{"expires", "DATE", 0, "until when (default: the team policy's acceptance days)"},
	{"reason", "TEXT", 0, "why the risk is accepted"},
	{NULL, NULL, 0, NULL},
};

static const struct opt overdue_opts[] = {
	{"as-of", "DATE", 0, "the day to judge (default today)"},
	{"owner", "HANDLE", 0, "only this owner's risks"},
	{"team", "TEAM", 0, "only this team's risks"},
	{"exit-code", NULL, 0, "exit 1 when anything is listed"},
	{NULL, NULL, 0, NULL},
};

static const struct opt escalation_opts[] = {
	{"as-of", "DATE", 0, "the day to judge (default today)"},
	{"team", "TEAM", 0, "only this team's risks"},
	{"exit-code", NULL, 0, "exit 1 when anything is listed"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_risk[] = {
	{"add", NULL, 0, 0, "record a residual risk", add_opts, CMD_FORM, run_add},
	{"list", NULL, 0, 0, "list risks", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "a risk with its steps, acceptance and history", NULL, 0, run_show},
	{"update", "KEY", 1, 1, "change a risk", update_opts, 0, run_update},
	{"step", "add RISK|record STEP|show STEP", 2, 2, "add, record or show a verification step",
	 step_opts, 0, run_step},
	{"close", "KEY", 1, 1, "close a risk whose steps have all passed", close_opts, 0, run_close},
	{"accept", "KEY", 1, 1, "accept a risk, approved by a second person", accept_opts, 0, run_accept},
	{"overdue", NULL, 0, 0, "risks past their due date or acceptance", overdue_opts, 0, run_overdue},
	{"escalations", NULL, 0, 0, "findings to escalate under each team's policy", escalation_opts, 0,
	 run_escalations},
	{"withdraw", "KEY", 1, 1, "withdraw a risk recorded by mistake (kept, with the reason)",
	 withdraw_opts, 0, run_withdraw},
	{0},
};
