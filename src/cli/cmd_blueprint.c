/* cmd_blueprint.c: docket blueprint generate | explain | list | show | diff | import | approve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "term.h"
#include "docket/blueprint.h"
#include "docket/catalog.h"
#include "docket/check.h"
#include "docket/key.h"
#include "docket/text.h"

static int load_catalog(struct ctx *c, struct args *a, struct dk_catalog **cat)
{
	const char *dir = arg_get(a, "catalog");

	return dir ? dk_catalog_load_dir(dir, cat, &c->err) : dk_catalog_load_embedded(cat, &c->err);
}

/* What the plan could not use or found contradictory, on stderr: the
 * output stays the key and the counts. */
static void say_notes(const struct ctx *c, const struct dk_plan *p)
{
	if (p->n_unknown) {
		fprintf(stderr, "docket: %s: the stack vocabulary does not know ", c->cmdname);
		for (size_t i = 0; i < p->n_unknown; i++) {
			fprintf(stderr, "%s'%s'", i ? (i + 1 == p->n_unknown ? " and " : ", ") : "", p->unknown[i]);
			if (p->unknown_near[i])
				fprintf(stderr, " (did you mean %s?)", p->unknown_near[i]);
		}
		fprintf(stderr, ": %s nothing in the plan (docket catalog tools lists the known ones)\n",
		        p->n_unknown == 1 ? "it changes" : "they change");
	}
	if (p->n_regimes) {
		fprintf(stderr, "docket: %s: no catalog rule names the compliance regime%s ", c->cmdname,
		        p->n_regimes == 1 ? "" : "s");
		for (size_t i = 0; i < p->n_regimes; i++) {
			fprintf(stderr, "%s'%s'", i ? ", " : "", p->regimes[i]);
			if (p->regimes_near[i])
				fprintf(stderr, " (did you mean %s?)", p->regimes_near[i]);
		}
		fputs(": only the generic controls apply\n", stderr);
	}
	for (size_t i = 0; i < p->n_notes; i++)
		fprintf(stderr, "docket: %s: note: %s\n", c->cmdname, p->notes[i]);
}

static int run_generate(struct ctx *c, struct args *a)
{
	struct dk_catalog *cat = NULL;
	struct dk_plan *plan = NULL;
	char key[DK_KEY_LEN];
	long long ctx_id;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, "--context", arg_get(a, "context"), "CTX", "context", &ctx_id)) != DK_OK)
		return rc;
	if ((rc = load_catalog(c, a, &cat)) != DK_OK)
		return rc;
	rc = dk_blueprint_generate(c->db, ctx_id, cat, c->today, &id, &plan, &c->err);
	if (rc != DK_OK) {
		dk_catalog_free(cat);
		return rc;
	}
	dk_key_format("BP", id, key);
	say_notes(c, plan);
	/* the key stays the first line, for scripts that take it with head -1 */
	out_value(c->out, "key", key);
	out_note(c->out, "proposed %zu decision%s and %zu residual risk%s", plan->n_decisions,
	         plan->n_decisions == 1 ? "" : "s", plan->n_risks, plan->n_risks == 1 ? "" : "s");
	dk_plan_free(plan);
	dk_catalog_free(cat);
	return DK_OK;
}

/* The rows of an explanation as text, component by component. */
struct explain_text {
	char last[400];   /* "area / component" of the rows shown so far */
	int width;        /* the terminal's columns, or 0 in a pipe (lines are not wrapped) */
	char header[320]; /* printed before the first row, so that an error comes alone */
};

/* A terminal's width, or 0 when stdout is not one: a pipe gets stable bytes. */
static int term_width(void) { return term_is_tty() ? term_columns() : 0; }

/* Prints head then text, wrapped at width (0: not at all) with later lines
 * indented to head's width. A word longer than a line stands on its own. */
static void wrapped(const char *head, const char *text, int width)
{
	size_t indent = dk_utf8_len(head), col = indent;
	const char *p = text;

	if (width <= 0) {
		printf("%s%s\n", head, text);
		return;
	}
	fputs(head, stdout);
	while (*p) {
		size_t n = strcspn(p, " "), chars = 0;

		for (size_t i = 0; i < n; i++)
			chars += ((unsigned char)p[i] & 0xc0) != 0x80;
		if (col > indent && col + 1 + chars > (size_t)width) {
			printf("\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, n, stdout);
		col += chars;
		p += n;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

static int explain_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct explain_text *t = arg;
	const char *area = cells[0].text, *component = cells[1].text, *rule = cells[2].text,
	           *verdict = cells[3].text, *choice = cells[4].text, *why = cells[5].text;
	char head[400];
	struct dk_buf line = {0};

	(void)ncol;
	if (strcmp(area, "context") == 0)
		snprintf(head, sizeof head, "the stack and the context");
	else
		snprintf(head, sizeof head, "%s / %s", area, component);
	if (t->header[0]) {
		printf("%s\n\n", t->header);
		t->header[0] = '\0';
	}
	if (strcmp(head, t->last) != 0) {
		printf("%s%s\n", t->last[0] ? "\n" : "", head);
		snprintf(t->last, sizeof t->last, "%s", head);
	}
	snprintf(head, sizeof head, "  %-16s ", verdict);
	if (!*rule && !choice && strcmp(area, "context") != 0) {
		wrapped(head, why, t->width); /* "left out": the reason is all there is */
		return DK_OK;
	}
	if (strcmp(area, "context") == 0)
		dk_buf_addf(&line, "%s%s%s%s%s", component, choice ? ": " : "", choice ? choice : "",
		            *rule ? "  " : "", rule);
	else
		dk_buf_addf(&line, "%s%s%s", rule, choice && *rule ? "  " : "", choice ? choice : "");
	if (!dk_buf_ok(&line)) {
		dk_buf_free(&line);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	wrapped(head, dk_buf_str(&line), t->width);
	wrapped("                   ", why, t->width);
	dk_buf_free(&line);
	return DK_OK;
}

static int run_explain(struct ctx *c, struct args *a)
{
	struct explain_text text = {"", term_width(), ""};
	struct dk_catalog *cat = NULL;
	long long id;
	int same = 1, rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &id)) != DK_OK)
		return rc;
	if ((rc = load_catalog(c, a, &cat)) != DK_OK)
		return rc;
	if (c->fmt == FMT_TABLE || c->fmt == FMT_MD) {
		snprintf(text.header, sizeof text.header, "BP-%lld explained with catalog %.12s (%s)", id,
		         cat->sha256, cat->origin);
		rc = dk_blueprint_explain(c->db, id, cat, a->npos > 1 ? a->pos[1] : NULL, &same,
		                          explain_row, &text, &c->err);
	} else {
		out_list(c->out, NULL);
		rc = dk_blueprint_explain(c->db, id, cat, a->npos > 1 ? a->pos[1] : NULL, &same, out_row,
		                          c->out, &c->err);
	}
	if (rc == DK_OK && !same)
		fprintf(stderr, "docket: %s: note: this docket plans BP-%lld's context into a different "
		        "body than the one stored (it was drawn by another docket version); the rules "
		        "shown are this version's\n", c->cmdname, id);
	dk_catalog_free(cat);
	return rc;
}

static int run_list(struct ctx *c, struct args *a)
{
	(void)a;
	out_list(c->out, NULL);
	return dk_blueprint_list(c->db, out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	long long id;
	char *body = NULL;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &id)) != DK_OK)
		return rc;
	if (c->fmt == FMT_MD || c->fmt == FMT_JSON) {
		/* the stored body, byte for byte */
		if ((rc = dk_blueprint_body(c->db, id, c->fmt == FMT_JSON, &body, &c->err)) != DK_OK)
			return rc;
		fputs(body, stdout);
		free(body);
		return DK_OK;
	}
	out_record(c->out, "blueprint");
	if ((rc = dk_blueprint_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "items");
	return dk_blueprint_items(c->db, id, out_row, c->out, &c->err);
}

static int run_diff(struct ctx *c, struct args *a)
{
	long long x, y;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &x)) != DK_OK ||
	    (rc = key_opt(c, NULL, a->pos[1], "BP", "blueprint", &y)) != DK_OK)
		return rc;
	out_list(c->out, NULL);
	return dk_blueprint_diff(c->db, x, y, out_row, c->out, &c->err);
}

static int run_import(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	long long ctx_id;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, "--context", arg_get(a, "context"), "CTX", "context", &ctx_id)) != DK_OK)
		return rc;
	if ((rc = dk_blueprint_import(c->db, ctx_id, a->pos[0], c->today, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("BP", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_approve(struct ctx *c, struct args *a)
{
	char key[DK_KEY_LEN];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "BP", "blueprint", &id)) != DK_OK)
		return rc;
	if ((rc = dk_blueprint_approve(c->db, id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("BP", id, key);
	out_done(c->out, key, "approved");
	return DK_OK;
}

static const struct opt import_opts[] = {
	{"context", "KEY", OPT_REQUIRED, "the context revision the plan was drawn for"},
	{NULL, NULL, 0, NULL},
};

static const struct opt generate_opts[] = {
	{"context", "KEY", OPT_REQUIRED, "the context revision to draw the blueprint for"},
	{"catalog", "DIR", 0, "a team's catalog files, overlaid on the shipped catalog"},
	{NULL, NULL, 0, NULL},
};

static const struct opt explain_opts[] = {
	{"catalog", "DIR", 0, "the overlay the blueprint was drawn with"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_blueprint[] = {
	{"generate", NULL, 0, 0, "draw the smallest blueprint that meets a context, and propose its "
	 "decisions and residual risks (the owner's team needs a policy)", generate_opts, 0,
	 run_generate},
	{"explain", "KEY [COMPONENT]", 1, 2, "why each component was chosen or left out: the rule "
	 "that fired, the ones before it, and why", explain_opts, 0, run_explain},
	{"list", NULL, 0, 0, "list blueprints", NULL, 0, run_list},
	{"show", "KEY", 1, 1, "show a blueprint (--format md or json: its body)", NULL, 0, run_show},
	{"diff", "KEY1 KEY2", 2, 2, "components added, removed and changed from KEY1 to KEY2", NULL, 0,
	 run_diff},
	{"import", "FILE", 1, 1, "import a plan written elsewhere (FILE.md or FILE.json)", import_opts, 0,
	 run_import},
	{"approve", "KEY", 1, 1, "approve a blueprint (refused while 'docket check' finds a STOP)", NULL, 0,
	 run_approve},
	{0},
};
