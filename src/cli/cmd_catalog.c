/* cmd_catalog.c: docket catalog lint | tools: the rule catalog itself. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "docket/catalog.h"
#include "docket/vocab.h"

static int load(struct ctx *c, struct args *a, struct dk_catalog **cat)
{
	const char *dir = arg_get(a, "catalog");

	return dir ? dk_catalog_load_dir(dir, cat, &c->err) : dk_catalog_load_embedded(cat, &c->err);
}

static int run_lint(struct ctx *c, struct args *a)
{
	const char *dir = arg_get(a, "catalog");
	struct dk_catalog *cat = NULL;
	size_t findings = 0, undecided = 0;
	struct stat st;
	int rc;

	/* a directory that is not there is bad usage; a catalog that does not
	 * load is what the lint is for */
	if (dir && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		return fail(c, DK_EINPUT, "--catalog '%s' is not a directory%s%s", dir,
		            errno ? ": " : "", errno ? strerror(errno) : "");
	out_list(c->out, NULL);
	if ((rc = load(c, a, &cat)) != DK_OK) {
		/* the message moves out of c->err, which fail() writes again */
		char why[sizeof c->err.msg];
		struct dk_cell cells[3] = {{"rule", "", DK_CELL_TEXT}, {"check", "load", DK_CELL_TEXT},
		                           {"finding", why, DK_CELL_TEXT}};
		if (rc != DK_EINPUT)
			return rc;
		snprintf(why, sizeof why, "%s", c->err.msg);
		if ((rc = out_row(c->out, 3, cells, &c->err)) != DK_OK)
			return rc;
		out_end(c->out);
		return fail(c, DK_EFAIL, "the catalog does not load: %s", why);
	}
	rc = dk_catalog_lint(cat, out_row, c->out, &findings, &undecided, &c->err);
	if (rc == DK_OK) {
		out_note(c->out, "catalog %.12s (%s): %zu rules, %zu deferrals, %zu tools; %zu finding%s%s",
		         cat->sha256, cat->origin, cat->n_components, cat->n_deferred, cat->vocab.n,
		         findings, findings == 1 ? "" : "s",
		         undecided ? " (some questions were too large to decide)" : "");
		if (undecided)
			fprintf(stderr, "docket: %s: %zu question%s ran out of search steps and claim nothing\n",
			        c->cmdname, undecided, undecided == 1 ? "" : "s");
		if (findings)
			rc = fail(c, DK_EFAIL, "%zu finding%s", findings, findings == 1 ? "" : "s");
	}
	dk_catalog_free(cat);
	return rc;
}

static int run_tools(struct ctx *c, struct args *a)
{
	const char *kind = arg_get(a, "kind");
	struct dk_catalog *cat = NULL;
	int rc;

	if (kind && !dk_tool_kind_known(kind))
		return fail(c, DK_EINPUT, "--kind '%s' is not a kind of tool (the kinds are listed in "
		            "share/catalog/README.md and by 'docket catalog tools')", kind);
	if ((rc = load(c, a, &cat)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	for (size_t i = 0; i < cat->vocab.n && rc == DK_OK; i++) {
		const struct dk_tool *t = &cat->vocab.tools[i];
		char kinds[2048] = "", rule[600];
		size_t used = 0;
		struct dk_cell cells[5];

		if (kind && !dk_tool_has_kind(t, kind))
			continue;
		for (size_t k = 0; k < t->n_kinds; k++)
			used += (size_t)snprintf(kinds + used, used < sizeof kinds ? sizeof kinds - used : 0,
			                         "%s%s", k ? ", " : "", t->kinds[k].kind);
		snprintf(rule, sizeof rule, "%s:%d", t->file, t->line);
		cells[0] = (struct dk_cell){"name", t->name, DK_CELL_TEXT};
		cells[1] = (struct dk_cell){"title", t->title, DK_CELL_TEXT};
		cells[2] = (struct dk_cell){"kinds", kinds, DK_CELL_TEXT};
		cells[3] = (struct dk_cell){"cloud", t->cloud, t->cloud ? DK_CELL_TEXT : DK_CELL_NULL};
		cells[4] = (struct dk_cell){"rule", rule, DK_CELL_TEXT};
		rc = out_row(c->out, 5, cells, &c->err);
	}
	dk_catalog_free(cat);
	return rc;
}

static const struct opt lint_opts[] = {
	{"catalog", "DIR", 0, "a team's catalog files, overlaid on the shipped catalog"},
	{NULL, NULL, 0, NULL},
};

static const struct opt tools_opts[] = {
	{"kind", "KIND", 0, "only the tools of this kind (orchestrator, serving, ...)"},
	{"catalog", "DIR", 0, "a team's catalog files, overlaid on the shipped catalog"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_catalog[] = {
	{"lint", NULL, 0, 0, "check the rule catalog: unreachable rules, reuse without a tool, "
	 "templates a context leaves empty (exit 1 on a finding)", lint_opts, CMD_NODB, run_lint},
	{"tools", NULL, 0, 0, "the stack vocabulary: every tool --stack may name, with its kinds",
	 tools_opts, CMD_NODB, run_tools},
	{0},
};
