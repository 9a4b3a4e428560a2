/* cmd_person.c: docket person add | edit | update | list (update is edit's
 * other name, as every record has an update). */
#include "cli.h"
#include "docket/person.h"

static int run_add(struct ctx *c, struct args *a)
{
	struct dk_person p = {.handle = a->pos[0], .name = arg_get(a, "name"),
	                     .email = arg_get(a, "email"), .team = arg_get(a, "team"),
	                     .login = arg_get(a, "login")};
	int64_t id;
	int rc = dk_person_add(c->db, &p, &id, &c->err);

	if (rc == DK_OK)
		out_value(c->out, "handle", p.handle);
	return rc;
}

static int run_edit(struct ctx *c, struct args *a)
{
	int rc = dk_person_set_login(c->db, a->pos[0], arg_get(a, "login"), &c->err);

	if (rc == DK_OK && arg_get(a, "login")[0])
		out_done(c->out, a->pos[0], "login set to %s", arg_get(a, "login"));
	else if (rc == DK_OK)
		out_done(c->out, a->pos[0], "login cleared");
	return rc;
}

static int run_list(struct ctx *c, struct args *a)
{
	out_list(c->out, NULL);
	return dk_person_list(c->db, arg_get(a, "team"), out_row, c->out, &c->err);
}

static const struct opt add_opts[] = {
	{"name", "TEXT", OPT_REQUIRED, "full name"},
	{"email", "ADDR", 0, "email address"},
	{"team", "TEAM", 0, "team (its policy governs the person's risks)"},
	{"login", "NAME", 0, "login name, so that the person acts under it (one word)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt edit_opts[] = {
	{"login", "NAME", OPT_REQUIRED, "login name, so that the person acts under it ('' clears it)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"team", "TEAM", 0, "only this team"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_person[] = {
	{"add", "HANDLE", 1, 1, "record a person", add_opts, 0, run_add},
	{"edit", "HANDLE", 1, 1, "change what is recorded of a person", edit_opts, 0, run_edit},
	{"update", "HANDLE", 1, 1, "the same as person edit", edit_opts, 0, run_edit},
	{"list", NULL, 0, 0, "list people", list_opts, 0, run_list},
	{0},
};
