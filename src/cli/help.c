/* help.c: usage lines, option lists and 'docket help' (its topics are in
 * help_topics.c), generated from the command table, wrapped at 80 columns.
 *
 * Wrapped lines keep the first line of each option as it was, "  --name ARG"
 * padded to column 29 and the description from column 30, which
 * share/completions/generate.sh reads; a longer description goes on under
 * column 30. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docket/text.h"

#define WIDTH 80
#define OPT_COL 29    /* where an option's description starts */
#define NBSP '\001'   /* a space wrapping may not break at */
#define NBSP_S "\001"

/* Characters (code points) of s[0..n). */
static size_t cols(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Writes text from column col (what the line already holds), breaking at
 * spaces so that no line passes WIDTH; later lines start at column indent.
 * A word longer than a line stays whole. Ends the line. */
void help_wrap(FILE *f, const char *text, size_t col, size_t indent)
{
	const char *p = text;
	int first = 1;

	while (*p) {
		size_t n = strcspn(p, " "), w = cols(p, n);

		if (n == 0) {
			p++;
			continue;
		}
		if (!first && col + 1 + w > WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		for (size_t i = 0; i < n; i++)
			fputc(p[i] == NBSP ? ' ' : p[i], f);
		col += w;
		first = 0;
		p += n;
	}
	fputc('\n', f);
}

/* The synopsis as words: the command, its positional arguments (a
 * bracketed group is one word) and one word per option. */
static void synopsis_words(struct dk_buf *b, const char *group, const struct cmd *cmd)
{
	dk_buf_addf(b, "docket" NBSP_S "%s%s%s", group, cmd->name ? NBSP_S : "",
	            cmd->name ? cmd->name : "");
	if (cmd->pos) {
		int depth = 0;

		dk_buf_adds(b, " ");
		for (const char *p = cmd->pos; *p; p++) {
			depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
			dk_buf_add(b, *p == ' ' && depth > 0 ? NBSP_S : p, 1);
		}
	}
	for (const struct opt *o = cmd->opts; o && o->name; o++) {
		const char *l = o->flags & OPT_REQUIRED ? "" : "[";
		const char *r = o->flags & OPT_REQUIRED ? "" : "]";

		dk_buf_addf(b, " %s--%s%s%s%s%s", l, o->name, o->arg ? NBSP_S : "", o->arg ? o->arg : "",
		            r, o->flags & OPT_MULTI ? "..." : "");
	}
}

static void synopsis(FILE *f, const char *group, const struct cmd *cmd)
{
	struct dk_buf b = {0};

	synopsis_words(&b, group, cmd);
	for (const char *p = dk_buf_str(&b); *p; p++)
		fputc(*p == NBSP ? ' ' : *p, f);
	fputc('\n', f);
	dk_buf_free(&b);
}

/* "usage: " and the synopsis, later lines under its first argument (or
 * under column 8 when the command's name is long). */
static void usage_line(FILE *f, const char *words)
{
	size_t head = strcspn(words, " "), indent = 7 + cols(words, head) + 1;

	if (indent > 40)
		indent = 8;
	fputs("usage: ", f);
	help_wrap(f, words, 7, indent);
}

static void opt_lines(FILE *f, const struct opt *opts)
{
	for (const struct opt *o = opts; o && o->name; o++) {
		char left[64], help[512];
		int n;

		snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		snprintf(help, sizeof help, "%s%s", o->help, o->flags & OPT_MULTI ? " (repeatable)" : "");
		n = fprintf(f, "  %-26s ", left);
		help_wrap(f, help, n > 0 ? (size_t)n : OPT_COL, OPT_COL);
	}
}

void usage(FILE *f, const char *group, const struct cmd *cmd)
{
	struct dk_buf b = {0};

	synopsis_words(&b, group, cmd);
	usage_line(f, dk_buf_str(&b));
	dk_buf_free(&b);
	fputc('\n', f);
	help_wrap(f, cmd->summary, 0, 0);
	if (cmd->opts && cmd->opts->name) {
		fputs("\noptions:\n", f);
		opt_lines(f, cmd->opts);
	}
	fputs("\nglobal options:\n", f);
	opt_lines(f, global_opts);
}

void help_all(FILE *f)
{
	struct dk_buf b = {0};

	dk_buf_adds(&b, "docket");
	for (const struct opt *o = global_opts; o->name; o++)
		if (strcmp(o->name, "help") != 0)
			dk_buf_addf(&b, " [--%s%s%s]", o->name, o->arg ? NBSP_S : "", o->arg ? o->arg : "");
	dk_buf_adds(&b, " COMMAND" NBSP_S "...");
	usage_line(f, dk_buf_str(&b));
	dk_buf_free(&b);
	fputs("\nA decision log and risk register for machine-learning systems, over one SQLite\n"
	      "file.\n\ncommands:\n", f);
	for (const struct group *g = groups; g->name; g++)
		for (const struct cmd *c = g->cmds; c->run; c++) {
			char name[64];
			int n;

			snprintf(name, sizeof name, "%s%s%s", g->name, c->name ? " " : "", c->name ? c->name : "");
			n = fprintf(f, "  %-22s ", name);
			help_wrap(f, c->summary, n > 0 ? (size_t)n : 25, 25);
		}
	fputs("\nCommands, subcommands and long options may be shortened to a unique prefix\n"
	      "('docket ris ls --st open'); a mistyped name gets the nearest ones.\n"
	      "'docket help COMMAND' or 'docket COMMAND --help' shows a command's options.\n"
	      "\nhelp topics ('docket help TOPIC'):\n", f);
	for (const struct topic *t = topics; t->name; t++) {
		int n = fprintf(f, "  %-13s ", t->name);

		help_wrap(f, t->summary, n > 0 ? (size_t)n : 16, 16);
	}
}

void help_synopsis(FILE *f)
{
	for (const struct group *g = groups; g->name; g++)
		for (const struct cmd *c = g->cmds; c->run; c++)
			synopsis(f, g->name, c);
}

void group_help(FILE *f, const struct group *g)
{
	fprintf(f, "usage: docket %s SUBCOMMAND ...\n\n", g->name);
	help_wrap(f, g->summary, 0, 0);
	fputs("\nsubcommands:\n", f);
	for (const struct cmd *c = g->cmds; c->run; c++) {
		int n = fprintf(f, "  %-12s ", c->name);

		help_wrap(f, c->summary, n > 0 ? (size_t)n : 15, 15);
	}
}

/* The names 'docket help' takes: topics, then commands (check is both). */
static int help_names(const char **names, int max)
{
	int n = 0;

	for (const struct topic *t = topics; t->name && n < max; t++)
		names[n++] = t->name;
	for (const struct group *g = groups; g->name && n < max; g++)
		if (find_topic(g->name) == NULL)
			names[n++] = g->name;
	return n;
}

const struct topic *find_topic(const char *name)
{
	for (const struct topic *t = topics; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

int help_command(int argc, char **argv)
{
	const char *names[96], *name;
	const struct group *g;
	const struct cmd *cmd;
	const struct topic *t;
	char why[700];
	int n, most;

	/* 'docket help --help' as 'git help --help': help about help is all of it */
	if (argc == 0 ||
	    (argc == 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0))) {
		help_all(stdout);
		return 0;
	}
	n = help_names(names, (int)(sizeof names / sizeof names[0]));
	if ((name = find_word(argv[0], names, n, "a command or help topic", "docket help", why,
	                      sizeof why)) == NULL) {
		fprintf(stderr, "docket: help: %s\n", why);
		return 2;
	}
	t = find_topic(name);
	g = find_group(name);
	most = t == NULL && g->cmds[0].name ? 2 : 1;
	if (argc > most) {
		char v[48];

		fprintf(stderr, "docket: help: unexpected argument '%s'\n", dk_text_shown(argv[most], v));
		return 2;
	}
	if (t != NULL) {
		t->print(stdout);
		return 0;
	}
	if (g->cmds[0].name == NULL) {
		usage(stdout, g->name, &g->cmds[0]);
		return 0;
	}
	if (argc == 1) {
		group_help(stdout, g);
		return 0;
	}
	if ((cmd = find_cmd(g, argv[1], why, sizeof why)) == NULL) {
		fprintf(stderr, "docket: help: %s: %s\n", g->name, why);
		return 2;
	}
	usage(stdout, g->name, cmd);
	return 0;
}
