/* main.c: global options, dispatch through the command table (help.c
 * prints help, lookup.c finds names), and the one place where a status
 * becomes an exit code. */
#include <errno.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "complete.h"
#include "config.h"
#include "docket/db.h"
#include "docket/store.h"
#include "docket/key.h"
#include "docket/migrate.h"
#include "docket/person.h"
#include "docket/suggest.h"
#include "docket/text.h"
#include "term.h"

const struct opt global_opts[] = {
	{"db", "PATH", 0, "the database file (DOCKET_DB; default ./docket.db here or above)"},
	{"actor", "NAME", 0, "who is acting: a handle or login name (DOCKET_ACTOR, config, login name)"},
	{"today", "DATE", 0, "fix today's date, for reproducible reports (DOCKET_TODAY)"},
	{"format", "FMT", 0, "output format: table, md, csv or json (default table)"},
	{"color", "WHEN", 0, "colour tables: never, auto or always (default auto)"},
	{"no-pager", NULL, 0, "do not page long output on a terminal"},
	{"help", NULL, 0, "show help for the command"},
	{NULL, NULL, 0, NULL},
};

int fail(struct ctx *c, int status, const char *fmt, ...)
{
	va_list ap;

	c->err.status = status;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
	va_end(ap);
	return status;
}

int date_opt(struct ctx *c, const char *opt, const char *in, char out[DK_DATE_LEN])
{
	struct dk_error e;

	if (dk_date_parse(in, c->today, out, &e) != DK_OK)
		return fail(c, DK_EINPUT, "%s %s", opt, e.msg);
	return DK_OK;
}

int key_opt(struct ctx *c, const char *opt, const char *in, const char *prefix,
            const char *what, long long *id)
{
	struct dk_error e;
	int64_t v;

	if (dk_key_parse(in, prefix, what, &v, &e) != DK_OK)
		return opt ? fail(c, DK_EINPUT, "%s: %s", opt, e.msg) : fail(c, DK_EINPUT, "%s", e.msg);
	*id = (long long)v;
	return DK_OK;
}

/* Parses argv[from..] against the command's options and the global ones. */
static int parse_args(struct ctx *c, const char *group, int argc, char **argv, int from,
                      struct args *a)
{
	char see[96], why[700];
	int only_pos = 0;

	for (int i = from; i < argc; i++) {
		const char *s = argv[i], *eq, *value = NULL;
		const struct opt *o;
		size_t len;

		if (only_pos || s[0] != '-' || s[1] != '-' || s[2] == '\0') {
			if (!only_pos && strcmp(s, "--") == 0) {
				only_pos = 1;
				continue;
			}
			if (s[0] == '-' && s[1] == 'h' && s[2] == '\0') {
				a->val[a->nval].name = "help";
				a->val[a->nval++].value = NULL;
				continue;
			}
			if (a->npos >= ARGS_MAX)
				return fail(c, DK_EINPUT, "too many arguments");
			a->pos[a->npos++] = s;
			continue;
		}
		eq = strchr(s + 2, '=');
		len = eq ? (size_t)(eq - s - 2) : strlen(s + 2);
		snprintf(see, sizeof see, "docket %s%s%s%s--help", group, c->cmd->name ? " " : "",
		         c->cmd->name ? c->cmd->name : "", group[0] ? " " : "");
		if ((o = match_opt(c->cmd->opts, global_opts, s + 2, len, see, why, sizeof why)) == NULL)
			return fail(c, DK_EINPUT, "%s", why);
		if (o->arg == NULL && eq)
			return fail(c, DK_EINPUT, "--%s takes no value", o->name);
		if (o->arg != NULL) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return fail(c, DK_EINPUT, "--%s needs a value (%s)", o->name, o->arg);
		}
		if (a->nval >= ARGS_MAX)
			return fail(c, DK_EINPUT, "too many options");
		/* global options too: before and after the command, or twice */
		if (!(o->flags & OPT_MULTI) && o->arg && arg_get(a, o->name) != NULL)
			return fail(c, DK_EINPUT, "--%s is given twice", o->name);
		a->val[a->nval].name = o->name;
		a->val[a->nval++].value = value;
	}
	return DK_OK;
}

/* Every missing required argument at once: "--owner, --likelihood and
 * --impact are required". */
static int check_args(struct ctx *c, const struct args *a)
{
	const struct cmd *cmd = c->cmd;
	const char *missing[ARGS_MAX];
	char list[sizeof c->err.msg - 16] = "", v[48];
	size_t used = 0;
	int n = 0;

	int form = (cmd->flags & CMD_FORM) && (arg_flag(a, "edit") || arg_flag(a, "from"));

	if (a->npos < cmd->pos_min)
		missing[n++] = cmd->pos ? cmd->pos : "an argument";
	/* a form (--edit, --from) names its own missing fields */
	for (const struct opt *o = cmd->opts; o && o->name && n < ARGS_MAX && !form; o++)
		if ((o->flags & OPT_REQUIRED) && !arg_flag(a, o->name))
			missing[n++] = o->name;
	for (int k = 0; k < n && used < sizeof list; k++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s%s",
		                         k == 0 ? "" : k == n - 1 ? " and " : ", ",
		                         k == 0 && a->npos < cmd->pos_min ? "" : "--", missing[k]);
	if (n > 0)
		return fail(c, DK_EINPUT, "%s %s required", list, n == 1 ? "is" : "are");
	if (a->npos > cmd->pos_max)
		return fail(c, DK_EINPUT, "unexpected argument '%s'", dk_text_shown(a->pos[cmd->pos_max], v));
	return DK_OK;
}

/* The actor is text like any other, named by where it came from; '|'
 * separates the fields the audit hash covers. */
static int check_actor(struct ctx *c, const char *from)
{
	size_t n = strspn(c->actor, " ");
	int rc = dk_check_text(from, c->actor, 64, 0, &c->err);

	if (rc != DK_OK)
		return rc;
	if (c->actor[n] == '\0')
		return fail(c, DK_EINPUT, "%s is blank (give a person's handle or login name)", from);
	if (strchr(c->actor, '|') != NULL)
		return fail(c, DK_EINPUT, "%s '%.64s' has a '|' (it separates the fields of the audit trail)",
		            from, c->actor);
	return DK_OK;
}

static int set_format(struct ctx *c, const char *f)
{
	static const char *const names[] = {"table", "md", "csv", "json", "tree", "dot"};
	int graph = (c->cmd->flags & CMD_GRAPH) != 0;

	for (int i = 0; i < (graph ? 6 : 4); i++)
		if (strcmp(f, names[i]) == 0) {
			c->fmt = (enum fmt)i;
			return DK_OK;
		}
	static const char *const graph_names[] = {"tree", "dot", "table", "md", "csv", "json", NULL};
	static const char *const plain_names[] = {"table", "md", "csv", "json", NULL};
	char near[160], v[48];

	dk_suggest_tail(f, graph ? graph_names : plain_names, near, sizeof near);
	return fail(c, DK_EINPUT, "--format '%s' is not one of: %s%s", dk_text_shown(f, v),
	            graph ? "tree, dot, table, md, csv, json" : "table, md, csv, json", near);
}

static void say_waiting(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "docket: %s\n", msg);
}

static int exit_code(int status) { return status >= 0 && status <= 3 ? status : 3; }

/* Help and --version print to stdout too: a full disk or a closed pipe is
 * exit 3 there as for a command, not silence. */
static int printed(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "docket: cannot write output: %s\n", strerror(errno));
		return 3;
	}
	return status;
}

/* stdout is held here while a command runs, so a command that fails
 * after it began to print leaves nothing on stdout (its error is on
 * stderr). Output past this size streams: the commands that write that much
 * (exports, long listings) check their input before their first row. */
#define OUT_HELD (1 << 20)

int main(int argc, char **argv)
{
	static char held[OUT_HELD];
	static struct args a; /* large; keep it off the stack */
	struct ctx c;
	const struct group *g;
	const char *gname, *sub = NULL, *v, *actor_from;
	char name[96], what[104];
	int i = 1, rc = DK_OK;
	int64_t busy_ms = DK_DB_BUSY_TIMEOUT_MS, actor_id = 0;
	unsigned oflags = 0;

	setvbuf(stdout, held, _IOFBF, sizeof held);
	memset(&c, 0, sizeof c);
	dk_store_setup_library();
	c.fmt = FMT_TABLE;
	c.today_fixed = getenv("DOCKET_TODAY") && *getenv("DOCKET_TODAY") ? getenv("DOCKET_TODAY") : NULL;

	/* Global options may come before the command, too. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			char engine[64], notes[192];
			struct dk_error e;

			if (dk_store_about(engine, sizeof engine, notes, sizeof notes, &e) != DK_OK) {
				fprintf(stderr, "docket: %s\n", e.msg);
				return 2;
			}
			printf("docket %s (schema %d, %s)\n", DOCKET_VERSION, dk_migrate_latest(), engine);
			if (notes[0])
				printf("%s\n", notes);
			return printed(0);
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help_all(stdout);
			return printed(0);
		}
		break;
	}
	if (i >= argc) {
		help_all(stderr);
		return 2;
	}
	if (argv[i][0] == '-') {
		/* global options first: parse them with an empty command */
		static const struct cmd none = {NULL, NULL, 0, 0, "", NULL, CMD_NODB, NULL};
		const struct opt *o;
		int j = i;
		c.cmd = &none;
		/* argv[j] + 2 only past "--": "-" has no third byte */
		while (j < argc && argv[j][0] == '-')
			j += argv[j][1] == '-' &&
			     (o = match_opt(NULL, global_opts, argv[j] + 2, strcspn(argv[j] + 2, "="), "",
			                    c.err.msg, sizeof c.err.msg)) &&
			     o->arg && !strchr(argv[j], '=') ? 2 : 1;
		if (j > argc)
			j = argc;
		if ((rc = parse_args(&c, "", j, argv, i, &a)) != DK_OK) {
			fprintf(stderr, "docket: %s\n", c.err.msg);
			return 2;
		}
		/* "-x" before the command is no option (they are long), nor an argument */
		if (a.npos > 0) {
			char typed[48];

			fprintf(stderr, "docket: '%s' is not an option (see 'docket --help')\n",
			        dk_text_shown(a.pos[0], typed));
			return 2;
		}
		/* --help asked for help (docket --db x --help), even with no command */
		if (arg_flag(&a, "help")) {
			help_all(stdout);
			return printed(0);
		}
		if (j >= argc) {
			help_all(stderr);
			return 2;
		}
		i = j;
	}
	gname = argv[i++];
	if (strcmp(gname, "synopsis") == 0) { /* undocumented: for the man page test */
		help_synopsis(stdout);
		return printed(0);
	}
	if (strcmp(gname, "__complete") == 0) /* undocumented: for the shell completions */
		return complete_main(arg_get(&a, "db"), argc - i, argv + i);
	/* a unique prefix names a command too ('docket dec ls') */
	if ((gname = find_command(gname, c.err.msg, sizeof c.err.msg)) == NULL) {
		fprintf(stderr, "docket: %s\n", c.err.msg);
		return 2;
	}
	if (strcmp(gname, "help") == 0)
		return printed(help_command(argc - i, argv + i));
	g = find_group(gname);
	if (g->cmds[0].name != NULL) {
		if (i >= argc || argv[i][0] == '-') {
			/* --help, or a prefix of it ('--he'), as after a subcommand */
			int help = i < argc && (!strcmp(argv[i], "-h") ||
			                        (strlen(argv[i]) > 2 && strlen(argv[i]) <= 6 &&
			                         strncmp(argv[i], "--help", strlen(argv[i])) == 0));
			group_help(help ? stdout : stderr, g);
			return help ? printed(0) : 2;
		}
		if ((c.cmd = find_cmd(g, argv[i++], c.err.msg, sizeof c.err.msg)) == NULL) {
			fprintf(stderr, "docket: %s: %s\n", g->name, c.err.msg);
			return 2;
		}
		sub = c.cmd->name;
	} else {
		c.cmd = &g->cmds[0];
	}
	snprintf(name, sizeof name, "%s%s%s", g->name, sub ? " " : "", sub ? sub : "");
	c.cmdname = name;
	if ((rc = parse_args(&c, g->name, argc, argv, i, &a)) != DK_OK)
		goto done;
	if (arg_flag(&a, "help")) {
		usage(stdout, g->name, c.cmd);
		return printed(0);
	}
	/* a config file that does not load stops every command but config's */
	if ((rc = config_load(&c.err)) != DK_OK && !(c.cmd->flags & CMD_OWNCONFIG))
		goto done;
	c.actor = config_actor(arg_get(&a, "actor"), NULL, &actor_from);
	/* the config's colour is below NO_COLOR; its pager is above PAGER, as git's core.pager */
	if (config_color() != NULL && !(getenv("NO_COLOR") && *getenv("NO_COLOR")) &&
	    (rc = term_set_color(config_color(), "the config file's color", &c.err)) != DK_OK)
		goto done;
	if (config_pager() != NULL)
		term_set_pager(config_pager());
	if ((v = arg_get(&a, "today")) != NULL)
		c.today_fixed = v;
	if (c.cmd->flags & CMD_GRAPH)
		c.fmt = FMT_TREE;
	/* A command with its own --format (report weekly: md, html, json) reads it itself. */
	if ((v = arg_get(&a, "format")) != NULL && find_opt(c.cmd->opts, "format", 6) == NULL &&
	    (rc = set_format(&c, v)) != DK_OK)
		goto done;
	if ((rc = check_actor(&c, actor_from)) != DK_OK)
		goto done;
	if ((rc = dk_date_today(c.today_fixed, c.today, &c.err)) != DK_OK)
		goto done;
	if ((rc = check_args(&c, &a)) != DK_OK)
		goto done;
	/* after the config file's settings, so that the command line wins */
	if ((v = arg_get(&a, "color")) != NULL && (rc = term_set_color(v, "--color", &c.err)) != DK_OK)
		goto done;
	if (arg_flag(&a, "no-pager"))
		term_set_pager("");
	term_set_today(c.today);
	if ((v = getenv("DOCKET_BUSY_TIMEOUT")) != NULL && *v &&
	    (rc = dk_parse_int("DOCKET_BUSY_TIMEOUT (milliseconds)", v, 0, 86400000, &busy_ms,
	                       &c.err)) != DK_OK)
		goto done;
	/* opening reads the file, and may wait for a writer already (a
	 * command that opens its own databases, as copy, waits the same) */
	snprintf(what, sizeof what, "docket %s", name);
	dk_db_set_defaults((int)busy_ms, what, say_waiting, NULL);
	if (!(c.cmd->flags & CMD_NODB)) {
		if ((rc = config_db(arg_get(&a, "db"), c.cmd->flags & CMD_CREATE, &c.db_path, NULL,
		                    NULL, &c.err)) != DK_OK)
			goto done;
		if (c.cmd->flags & CMD_CREATE)
			oflags |= DK_OPEN_CREATE;
		if (c.cmd->flags & CMD_ANYVERSION)
			oflags |= DK_OPEN_ANY_VERSION;
		if ((rc = dk_store_open(c.db_path, oflags, c.actor, &c.db, &c.err)) != DK_OK)
			goto done;
		/* the audit trail names a known person by handle, whatever was typed */
		if ((rc = dk_person_adopt_actor(c.db, &actor_id, &c.err)) != DK_OK)
			goto done;
	}
	/* on a terminal, output is held whole, to be paged if it is taller */
	term_page_start();
	c.out = out_new(c.fmt, stdout);
	if (c.out == NULL) {
		rc = fail(&c, DK_EDB, "out of memory");
		goto done;
	}
	rc = c.cmd->run(&c, &a);
	if (rc == DK_OK || rc == DK_EFAIL)
		out_finish(c.out);
done:
	out_free(c.out);
	dk_db_close(c.db);
	/* an error: drop what the command printed and is still held */
	if (rc != DK_OK && rc != DK_EFAIL)
		__fpurge(stdout);
	/* A full disk or a closed pipe is an error, not silence. */
	if (term_page_end(rc == DK_OK || rc == DK_EFAIL) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == DK_OK || rc == DK_EFAIL)
			fprintf(stderr, "docket: %s: cannot write output: %s\n", name, strerror(errno));
		return 3;
	}
	if (rc != DK_OK && rc != DK_EFAIL)
		fprintf(stderr, "docket: %s: %s\n", c.cmdname ? c.cmdname : gname, c.err.msg);
	else if (rc == DK_EFAIL && c.err.msg[0])
		fprintf(stderr, "docket: %s: %s\n", c.cmdname, c.err.msg);
	return exit_code(rc);
}
