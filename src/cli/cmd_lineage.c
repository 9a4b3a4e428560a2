/* cmd_lineage.c: docket lineage KEY, as a tree, a Graphviz graph, or rows. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docket/lineage.h"
#include "docket/text.h"

/* A set of strings (open addressing), for what has been drawn once. */
struct seen {
	char **slot;
	size_t cap, n;
};

static size_t seen_hash(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* Adds s; returns 1 when it was there already. */
static int seen_add(struct seen *t, const char *s)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct seen g = {calloc(t->cap ? 2 * t->cap : 256, sizeof(char *)), t->cap ? 2 * t->cap : 256, 0};
		if (g.slot == NULL)
			abort();
		for (size_t k = 0; k < t->cap; k++)
			if (t->slot[k]) {
				for (i = seen_hash(t->slot[k]) & (g.cap - 1); g.slot[i]; i = (i + 1) & (g.cap - 1))
					;
				g.slot[i] = t->slot[k];
				g.n++;
			}
		free(t->slot);
		*t = g;
	}
	for (i = seen_hash(s) & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->slot[i], s) == 0)
			return 1;
	if ((t->slot[i] = strdup(s)) == NULL)
		abort();
	t->n++;
	return 0;
}

static void seen_free(struct seen *t)
{
	for (size_t k = 0; k < t->cap; k++)
		free(t->slot[k]);
	free(t->slot);
}

struct draw {
	struct ctx *c;
	const char *dir; /* the direction of the last row, to print headings */
	struct seen seen; /* dot: nodes and edges drawn; tree: nodes whose subtree was drawn */
	long skip;        /* tree: the depth of a repeated node whose subtree is skipped, or -1 */
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
		struct dk_buf id = {0};
		int up = strcmp(dir, "up") == 0, again;

		/* each node and each edge once, however many paths reach it */
		dk_buf_addf(&id, "n %s", key);
		again = seen_add(&d->seen, dk_buf_str(&id));
		snprintf(node, sizeof node, "%s\n%.120s", key, label);
		if (!again) {
			fputs("  ", f);
			dot_quote(f, key);
			fputs(" [label=", f);
			dot_quote(f, node);
			fputs(strcmp(dir, "root") == 0 ? ", style=bold];\n" : "];\n", f);
		}
		id.len = 0;
		dk_buf_addf(&id, "e %s %s %s", up ? via : key, up ? key : via, rel);
		again = strcmp(dir, "root") == 0 || seen_add(&d->seen, dk_buf_str(&id));
		dk_buf_free(&id);
		if (!again) {
			/* an edge always points from a record to what it rests on */
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
	if (d->skip >= 0 && depth > d->skip && strcmp(dir, d->dir) == 0)
		return DK_OK; /* under a repeated node: drawn above */
	d->skip = -1;
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
	if (depth > 0) {
		struct dk_buf id = {0};
		dk_buf_addf(&id, "%s %s", d->dir, key);
		if (seen_add(&d->seen, dk_buf_str(&id))) {
			fputs("  (see above)", f);
			d->skip = depth;
		}
		dk_buf_free(&id);
	}
	fputc('\n', f);
	return DK_OK;
}

static int run_lineage(struct ctx *c, struct args *a)
{
	struct dk_lineage_query q = {a->pos[0], DK_LINEAGE_BOTH, DK_LINEAGE_DEFAULT_DEPTH,
	                             DK_LINEAGE_DEFAULT_NODES};
	struct dk_lineage_summary sum;
	struct draw d = {c, "root", {NULL, 0, 0}, -1};
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
		seen_free(&d.seen);
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
