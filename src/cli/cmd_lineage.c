/* cmd_lineage.c: docket lineage KEY, as a tree, a Graphviz graph, or rows. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docket/lineage.h"
#include "docket/text.h"

struct draw {
	struct ctx *c;
	const char *dir; /* the direction of the last row, to print headings */
};

static const char *cell(const struct dk_cell *cells, int i)
{
	return cells[i].text ? cells[i].text : "";
}

static void dot_quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* Columns: direction, depth, key, kind, label, relation, via, detail. */
static int draw_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct draw *d = arg;
	FILE *f = stdout;
	const char *dir = cell(cells, 0), *key = cell(cells, 2), *label = cell(cells, 4);
	const char *rel = cell(cells, 5), *via = cell(cells, 6), *detail = cell(cells, 7);
	long depth = strtol(cell(cells, 1), NULL, 10);

	(void)ncol;
	(void)err;
	if (d->c->fmt == FMT_DOT) {
		char node[256];
		snprintf(node, sizeof node, "%s\n%.120s", key, label);
		fputs("  ", f);
		dot_quote(f, key);
		fputs(" [label=", f);
		dot_quote(f, node);
		fputs(strcmp(dir, "root") == 0 ? ", style=bold];\n" : "];\n", f);
		if (strcmp(dir, "root") != 0) {
			/* an edge always points from a record to what it rests on */
			int up = strcmp(dir, "up") == 0;
			fputs("  ", f);
			dot_quote(f, up ? via : key);
			fputs(" -> ", f);
			dot_quote(f, up ? key : via);
			fputs(" [label=", f);
			dot_quote(f, rel);
			fputs("];\n", f);
		}
		return DK_OK;
	}
	if (strcmp(dir, d->dir) != 0) {
		if (strcmp(dir, "up") == 0)
			fputs("up: what it rests on\n", f);
		else if (strcmp(dir, "down") == 0)
			fputs("down: what rests on it\n", f);
		d->dir = strcmp(dir, "up") == 0 ? "up" : strcmp(dir, "down") == 0 ? "down" : "root";
	}
	if (depth > 40) /* keep deep chains on the screen: show the depth instead */
		fprintf(f, "%*s[%ld] ", 80, "", depth);
	else
		fprintf(f, "%*s", (int)depth * 2, "");
	if (depth > 0)
		fprintf(f, "%s %s: ", strcmp(dir, "up") == 0 ? "<-" : "->", rel);
	fprintf(f, "%s  %s", key, label);
	if (*detail)
		fprintf(f, "  [%s]", detail);
	fputc('\n', f);
	return DK_OK;
}

static int run_lineage(struct ctx *c, struct args *a)
{
	struct dk_lineage_query q = {a->pos[0], DK_LINEAGE_BOTH, DK_LINEAGE_DEFAULT_DEPTH,
	                             DK_LINEAGE_DEFAULT_NODES};
	struct dk_lineage_summary sum;
	struct draw d = {c, "root"};
	int up = arg_flag(a, "up"), down = arg_flag(a, "down"), both = arg_flag(a, "both"), rc;

	if (up + down + both > 1)
		return fail(c, DK_EINPUT, "give one of --up, --down or --both");
	q.dir = up ? DK_LINEAGE_UP : down ? DK_LINEAGE_DOWN : DK_LINEAGE_BOTH;
	if (arg_get(a, "depth") &&
	    (rc = dk_parse_int("--depth", arg_get(a, "depth"), 1, DK_LINEAGE_MAX_DEPTH, &q.depth, &c->err)))
		return rc;
	if (arg_get(a, "max-nodes") &&
	    (rc = dk_parse_int("--max-nodes", arg_get(a, "max-nodes"), 1, DK_LINEAGE_MAX_NODES,
	                       &q.max_nodes, &c->err)))
		return rc;
	if (c->fmt == FMT_TREE || c->fmt == FMT_DOT) {
		if (c->fmt == FMT_DOT)
			fputs("digraph lineage {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n", stdout);
		rc = dk_lineage(c->db, &q, draw_row, &d, &sum, &c->err);
		if (c->fmt == FMT_DOT)
			fputs("}\n", stdout);
	} else {
		out_list(c->out, NULL);
		rc = dk_lineage(c->db, &q, out_row, c->out, &sum, &c->err);
		out_end(c->out);
	}
	if (rc != DK_OK)
		return rc;
	if (sum.found > sum.shown) {
		/* on stderr for machine formats, so that their output stays parsable */
		FILE *f = c->fmt == FMT_TREE || c->fmt == FMT_TABLE ? stdout : stderr;
		fprintf(f, "lineage: --max-nodes %lld cut %lld of %lld nodes (raise it to see them)\n",
		        (long long)q.max_nodes, (long long)(sum.found - sum.shown), (long long)sum.found);
	}
	if (sum.deepest >= q.depth && c->fmt == FMT_TREE)
		printf("lineage: stopped at --depth %lld; there may be more beyond\n", (long long)q.depth);
	return DK_OK;
}

static const struct opt lineage_opts[] = {
	{"up", NULL, 0, "only its inputs"},
	{"down", NULL, 0, "only what rests on it"},
	{"both", NULL, 0, "inputs and what rests on it (the default)"},
	{"depth", "N", 0, "how many links to follow (default 6, at most 100000)"},
	{"max-nodes", "N", 0, "how many records to show (default 200, at most 100000)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_lineage[] = {
	{NULL, "KEY", 1, 1, "where a record came from and what rests on it (tree, dot, csv, json)",
	 lineage_opts, CMD_GRAPH, run_lineage},
	{0},
};
