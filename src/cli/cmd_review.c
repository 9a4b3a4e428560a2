/* cmd_review.c: docket review add | update | list | show | withdraw. */
#include "cli.h"
#include "docket/key.h"
#include "docket/review.h"
#include "update.h"
#include "withdraw_cli.h"

static int run_add(struct ctx *c, struct args *a)
{
	struct dk_review_in in = {NULL, 0, arg_get(a, "attendees"), arg_get(a, "notes"),
	                          arg_get(a, "notes-file")};
	char on[DK_DATE_LEN], key[DK_KEY_LEN];
	long long bp;
	int64_t id;
	int rc;

	if ((rc = date_opt(c, "--on", arg_get(a, "on"), on)) != DK_OK)
		return rc;
	in.held_on = on;
	if (arg_get(a, "blueprint")) {
		if ((rc = key_opt(c, "--blueprint", arg_get(a, "blueprint"), "BP", "blueprint", &bp)))
			return rc;
		in.blueprint_id = bp;
	}
	if ((rc = dk_review_add(c->db, &in, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("RV", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_update(struct ctx *c, struct args *a)
{
	struct dk_review_update in = {NULL, 0, arg_get(a, "attendees"), arg_get(a, "notes"),
	                              arg_get(a, "notes-file")};
	struct dk_changes ch;
	char on[DK_DATE_LEN], key[DK_KEY_LEN];
	long long id, bp;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "RV", "review", &id)) != DK_OK)
		return rc;
	if (arg_get(a, "on")) {
		if ((rc = date_opt(c, "--on", arg_get(a, "on"), on)) != DK_OK)
			return rc;
		in.held_on = on;
	}
	if (arg_get(a, "blueprint")) {
		if ((rc = key_opt(c, "--blueprint", arg_get(a, "blueprint"), "BP", "blueprint", &bp)))
			return rc;
		in.blueprint_id = bp;
	}
	if ((rc = dk_review_update(c->db, id, &in, &ch, &c->err)) != DK_OK)
		return rc;
	dk_key_format("RV", id, key);
	return update_confirm(c, key, &ch);
}

static int run_list(struct ctx *c, struct args *a)
{
	if (arg_flag(a, "withdrawn")) {
		if (arg_get(a, "search"))
			return fail(c, DK_EINPUT, "--search does not apply to the withdrawn list");
		return withdraw_list(c, DK_WITHDRAW_REVIEW);
	}
	out_list(c->out, NULL);
	return dk_review_list(c->db, arg_get(a, "search"), out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "RV", "review", &id)) != DK_OK)
		return rc;
	if ((rc = dk_review_exists(c->db, id, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "review");
	if ((rc = dk_review_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	if ((rc = withdraw_section(c, DK_WITHDRAW_REVIEW, id)) != DK_OK)
		return rc;
	out_list(c->out, "decisions");
	if ((rc = dk_review_decisions(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "evidence");
	return dk_review_evidence(c->db, id, out_row, c->out, &c->err);
}

static int run_withdraw(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "RV", "review", &id)) != DK_OK)
		return rc;
	return withdraw_record(c, a, DK_WITHDRAW_REVIEW, id);
}

static const struct opt list_opts[] = {
	{"search", "TEXT", 0, "words in the notes"},
	{"withdrawn", NULL, 0, "only the withdrawn reviews, with who, when and why"},
	{NULL, NULL, 0, NULL},
};

static const struct opt add_opts[] = {
	{"on", "DATE", OPT_REQUIRED, "when the review was held"},
	{"blueprint", "KEY", 0, "the blueprint (plan) under review"},
	{"attendees", "H1,H2", OPT_REQUIRED, "who attended: person handles, comma-separated"},
	{"notes", "TEXT", 0, "what was said"},
	{"notes-file", "PATH", 0, "read the notes from a file instead"},
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	{"on", "DATE", 0, "when the review was held"},
	{"blueprint", "KEY", 0, "the blueprint (plan) under review"},
	{"attendees", "H1,H2", 0, "who attended (replaces the list): person handles"},
	{"notes", "TEXT", 0, "what was said ('' clears)"},
	{"notes-file", "PATH", 0, "read the notes from a file instead"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_review[] = {
	{"add", NULL, 0, 0, "record a design review meeting", add_opts, 0, run_add},
	{"update", "KEY", 1, 1, "correct a review's date, blueprint, attendees or notes",
	 update_opts, 0, run_update},
	{"list", NULL, 0, 0, "list reviews, newest first", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "show a review, its decisions and the evidence they rest on", NULL, 0,
	 run_show},
	{"withdraw", "KEY", 1, 1, "withdraw a review recorded by mistake (kept, with the reason)",
	 withdraw_opts, 0, run_withdraw},
	{0},
};
