/* cmd_config.c: docket config get | set | unset | list, and docket whoami. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "docket/db.h"
#include "docket/store.h"
#include "docket/candidates.h"

/* A setting in effect: its value (NULL: none), where it came from. */
struct setting {
	const char *value;
	enum config_origin origin;
	const char *source; /* "--db", "DOCKET_DB", "<file>:3", ... */
};

/* The value in effect for key k, as a command given these arguments would
 * use it. Only the database can be missing: then DK_EDB, and err says
 * what was tried. */
static int effective(struct args *a, enum config_key k, struct setting *s,
                     struct dk_error *err)
{
	static char where[4200];
	const char *v = config_value(k, NULL), *e;
	int line, rc = DK_OK;

	s->value = NULL;
	s->origin = ORIGIN_NONE;
	s->source = "";
	switch (k) {
	case CONFIG_DB:
		if ((rc = config_db(arg_get(a, "db"), 0, &s->value, &s->origin, &s->source, err)) != DK_OK)
			s->source = "no database found";
		return rc;
	case CONFIG_ACTOR:
		s->value = config_actor(arg_get(a, "actor"), &s->origin, &s->source);
		break;
	case CONFIG_COLOR:
		/* NO_COLOR (no-color.org) turns colour off, whatever its value */
		if ((e = arg_get(a, "color")) != NULL)
			*s = (struct setting){e, ORIGIN_OPTION, "--color"};
		else if ((e = getenv("NO_COLOR")) != NULL && *e)
			*s = (struct setting){"never", ORIGIN_ENV, "NO_COLOR"};
		else if (v != NULL)
			*s = (struct setting){v, ORIGIN_CONFIG, config_path()};
		else
			*s = (struct setting){"auto", ORIGIN_DEFAULT, ""};
		break;
	case CONFIG_PAGER:
		/* as git does: the config's pager is above PAGER, which every program reads */
		if (arg_flag(a, "no-pager"))
			*s = (struct setting){"", ORIGIN_OPTION, "--no-pager"};
		else if (v != NULL)
			*s = (struct setting){v, ORIGIN_CONFIG, config_path()};
		else if ((e = getenv("PAGER")) != NULL && *e)
			*s = (struct setting){e, ORIGIN_ENV, "PAGER"};
		else
			*s = (struct setting){"less -FRX", ORIGIN_DEFAULT, ""};
		break;
	default:
		break;
	}
	if (s->origin == ORIGIN_CONFIG && config_value(k, &line) != NULL) {
		snprintf(where, sizeof where, "%s:%d", config_path(), line);
		s->source = where;
	}
	return rc;
}

static int find_key(struct ctx *c, const char *name, enum config_key *k)
{
	int i = config_key_find(name);

	if (i < 0)
		return fail(c, DK_EINPUT, "'%.40s' is not a config key (keys: db, actor, color, pager)",
		            name);
	*k = (enum config_key)i;
	return DK_OK;
}

static int run_get(struct ctx *c, struct args *a)
{
	struct setting s;
	enum config_key k = CONFIG_DB;
	int rc;

	if ((rc = find_key(c, a->pos[0], &k)) != DK_OK || (rc = config_load(&c->err)) != DK_OK)
		return rc;
	if ((rc = effective(a, k, &s, &c->err)) != DK_OK)
		return rc;
	out_value(c->out, config_key_name(k), s.value);
	return DK_OK;
}

static int run_list(struct ctx *c, struct args *a)
{
	int rc;

	if ((rc = config_load(&c->err)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	for (int k = 0; k < CONFIG_NKEYS; k++) {
		struct setting s;
		struct dk_error e;
		effective(a, (enum config_key)k, &s, &e);
		struct dk_cell cells[] = {
			{"key", config_key_name((enum config_key)k), DK_CELL_TEXT},
			{"value", s.value, s.value ? DK_CELL_TEXT : DK_CELL_NULL},
			{"origin", config_origin_name(s.origin), DK_CELL_TEXT},
			{"source", s.source, DK_CELL_TEXT},
		};
		if ((rc = out_row(c->out, 4, cells, &c->err)) != DK_OK)
			return rc;
	}
	out_end(c->out);
	out_note(c->out, "config file: %s%s", *config_path() ? config_path() : "(no home directory)",
	         *config_path() && access(config_path(), F_OK) != 0 ? " (not there yet)" : "");
	return DK_OK;
}

static int run_set(struct ctx *c, struct args *a)
{
	const char *value = a->pos[1];
	char abs[PATH_MAX + 8], checked[4200], cwd[PATH_MAX];
	enum config_key k = CONFIG_DB;
	int changed, rc;

	if ((rc = find_key(c, a->pos[0], &k)) != DK_OK)
		return rc;
	/* a relative database path means the file here, wherever docket runs later */
	if (k == CONFIG_DB && value[0] != '/' && !(value[0] == '~' && value[1] == '/') && *value) {
		if (realpath(value, abs) == NULL) {
			if (getcwd(cwd, sizeof cwd) == NULL)
				return fail(c, DK_EDB, "cannot tell the current directory to make '%.60s' "
				            "absolute", value);
			if ((size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, value) >= sizeof abs)
				return fail(c, DK_EINPUT, "db '%.60s' is too long", value);
		}
		value = abs;
	}
	if ((rc = config_check(k, config_key_name(k), value, checked, sizeof checked, &c->err)) !=
	    DK_OK)
		return rc;
	if ((rc = config_write(k, value, &changed, &c->err)) != DK_OK)
		return rc;
	out_note(c->out, "set %s = %s in %s", config_key_name(k), value, config_path());
	if (c->fmt == FMT_CSV || c->fmt == FMT_JSON)
		out_value(c->out, config_key_name(k), value);
	return DK_OK;
}

static int run_unset(struct ctx *c, struct args *a)
{
	enum config_key k = CONFIG_DB;
	int changed, rc;

	if ((rc = find_key(c, a->pos[0], &k)) != DK_OK)
		return rc;
	if ((rc = config_write(k, NULL, &changed, &c->err)) != DK_OK)
		return rc;
	if (changed)
		out_note(c->out, "removed %s from %s", config_key_name(k), config_path());
	else
		out_note(c->out, "%s is not set in %s: nothing to remove", config_key_name(k),
		         config_path());
	return DK_OK;
}

/* The person the actor names, copied out of the lookup's row. */
struct person_row {
	int found;
	char handle[64], name[256], team[128], matched[16];
};

static void copy_cell(char *out, size_t n, const struct dk_cell *c)
{
	snprintf(out, n, "%s", c->text ? c->text : "");
}

static int take_person(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct person_row *p = arg;

	(void)err;
	for (int i = 0; i < ncol; i++) {
		if (strcmp(cells[i].name, "handle") == 0)
			copy_cell(p->handle, sizeof p->handle, &cells[i]);
		else if (strcmp(cells[i].name, "name") == 0)
			copy_cell(p->name, sizeof p->name, &cells[i]);
		else if (strcmp(cells[i].name, "team") == 0)
			copy_cell(p->team, sizeof p->team, &cells[i]);
		else if (strcmp(cells[i].name, "matched_by") == 0)
			copy_cell(p->matched, sizeof p->matched, &cells[i]);
	}
	p->found = 1;
	return DK_OK;
}

static int run_whoami(struct ctx *c, struct args *a)
{
	struct person_row p = {0};
	const char *path = NULL, *from;
	struct dk_error nodb;
	int rc;

	config_actor(arg_get(a, "actor"), NULL, &from);
	if (config_db(arg_get(a, "db"), 0, &path, NULL, NULL, &nodb) != DK_OK)
		path = NULL;
	/* main closes it */
	if (path != NULL &&
	    (rc = dk_store_open(path, DK_OPEN_READONLY, c->actor, &c->db, &c->err)) != DK_OK)
		return rc;
	if (c->db != NULL &&
	    (rc = dk_candidates_person(c->db, c->actor, take_person, &p, &c->err)) != DK_OK)
		return rc;
	{
		struct dk_cell cells[] = {
			{"actor", c->actor, DK_CELL_TEXT},
			{"from", from, DK_CELL_TEXT},
			{"person", p.handle, p.found ? DK_CELL_TEXT : DK_CELL_NULL},
			{"name", p.name, p.found ? DK_CELL_TEXT : DK_CELL_NULL},
			{"team", p.team, p.found && *p.team ? DK_CELL_TEXT : DK_CELL_NULL},
			{"matched_by", p.matched, p.found ? DK_CELL_TEXT : DK_CELL_NULL},
			{"database", path, path ? DK_CELL_TEXT : DK_CELL_NULL},
		};
		out_record(c->out, NULL);
		if ((rc = out_row(c->out, 7, cells, &c->err)) != DK_OK)
			return rc;
		out_end(c->out);
	}
	if (path == NULL)
		out_note(c->out, "\n%s, so '%s' maps to no person", nodb.msg, c->actor);
	else if (!p.found)
		out_note(c->out, "\n'%s' maps to no person in %s: link it with 'docket person edit "
		         "HANDLE --login %s', or act as a handle (--actor, DOCKET_ACTOR or 'docket "
		         "config set actor HANDLE')", c->actor, path, c->actor);
	return DK_OK;
}

const struct cmd cmds_config[] = {
	{"get", "KEY", 1, 1, "print the value in effect for KEY", NULL,
	 CMD_NODB | CMD_OWNCONFIG, run_get},
	{"set", "KEY VALUE", 2, 2, "set KEY in the config file",
	 NULL, CMD_NODB | CMD_OWNCONFIG, run_set},
	{"unset", "KEY", 1, 1, "remove KEY from the config file", NULL, CMD_NODB | CMD_OWNCONFIG,
	 run_unset},
	{"list", NULL, 0, 0, "each setting, its value and where it came from", NULL,
	 CMD_NODB | CMD_OWNCONFIG, run_list},
	{0},
};

const struct cmd cmds_whoami[] = {
	{NULL, NULL, 0, 0, "who is acting, and the person it maps to", NULL,
	 CMD_NODB, run_whoami},
	{0},
};
