/* bp_explain.c: why a generated blueprint looks the way it does
 * (dk_blueprint_explain): its context re-planned with the catalog it was
 * drawn from, rule by rule. */
#include "docket/blueprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/db.h"
#include "docket/text.h"
#include "docket/vocab.h"

static const char SQL_SOURCE[] =
	"SELECT context_id, source, catalog_sha256, body_sha256 FROM blueprint WHERE id = :id";

struct explain {
	const struct dk_catalog *cat;
	const struct dk_plan *plan;
	const struct dk_facts *f;
	const char *only;       /* one component, or NULL */
	int matched;            /* rows for it were emitted */
	dk_row_fn fn;
	void *ctx;
	struct dk_error *err;
};

static int emit(struct explain *x, const char *area, const char *component, const char *file,
                int line, const char *verdict, const char *text, const char *why)
{
	char rule[600];
	struct dk_cell cells[6] = {
		{"area", area, DK_CELL_TEXT}, {"component", component, DK_CELL_TEXT},
		{"rule", rule, DK_CELL_TEXT}, {"verdict", verdict, DK_CELL_TEXT},
		{"choice", text, text ? DK_CELL_TEXT : DK_CELL_NULL}, {"why", why, DK_CELL_TEXT},
	};

	if (file)
		snprintf(rule, sizeof rule, "%s:%d", file, line);
	else
		snprintf(rule, sizeof rule, "%s", "");
	x->matched = 1;
	return x->fn(x->ctx, 6, cells, x->err);
}

/* t over the facts, or as written when a field it needs is not given. */
static void expanded(const struct dk_template *t, const struct dk_facts *f, struct dk_buf *b)
{
	struct dk_buf e = {0};

	if (dk_template_expand(t, f, &e) == DK_OK)
		dk_buf_adds(b, dk_buf_str(&e));
	else
		dk_buf_adds(b, t->src);
	dk_buf_free(&e);
}

static int why_cond(struct explain *x, const struct dk_cond *c, struct dk_buf *why)
{
	dk_cond_explain(c, x->f, why);
	return dk_buf_ok(why) ? DK_OK : dk_fail(x->err, DK_EDB, "out of memory");
}

/* The stack words and what the vocabulary made of them. */
static int explain_stack(struct explain *x)
{
	const struct dk_value *stack = &x->f->v[DK_F_STACK];
	int rc = DK_OK;

	for (size_t i = 0; i < x->plan->n_words && rc == DK_OK; i++) {
		struct dk_buf what = {0}, why = {0};
		int at = x->plan->word_tool[i];
		const struct dk_tool *t = at >= 0 ? &x->cat->vocab.tools[at] : NULL;
		const char *verdict = t == NULL ? "not recognised" : x->plan->word_why[i] ? "not usable" : "recognised";

		if (t) {
			dk_buf_addf(&what, "%s (%s)", t->name, t->title);
			if (x->plan->word_why[i])
				dk_buf_addf(&why, "%s: the rules do not see it; ", x->plan->word_why[i]);
			dk_buf_adds(&why, "kinds: ");
			for (size_t k = 0; k < t->n_kinds; k++)
				dk_buf_addf(&why, "%s%s", k ? ", " : "", t->kinds[k].kind);
			if (t->cloud)
				dk_buf_addf(&why, "; runs on %s", t->cloud);
		} else {
			int near = dk_vocab_nearest(&x->cat->vocab, stack->list[i]);
			dk_buf_adds(&why, "the vocabulary does not know it: it changes nothing in the plan");
			if (near >= 0)
				dk_buf_addf(&why, " (did you mean %s?)", x->cat->vocab.tools[near].name);
			dk_buf_adds(&why, "; a team can add it to stack.csv with --catalog DIR");
		}
		if (!dk_buf_ok(&what) || !dk_buf_ok(&why))
			rc = dk_fail(x->err, DK_EDB, "out of memory");
		else
			rc = emit(x, "context", stack->list[i], t ? t->file : NULL, t ? t->line : 0, verdict,
			          t ? dk_buf_str(&what) : NULL, dk_buf_str(&why));
		dk_buf_free(&what);
		dk_buf_free(&why);
	}
	if (rc == DK_OK && x->plan->cloud_from)
		rc = emit(x, "context", "cloud", NULL, 0, "from the stack", x->f->v[DK_F_CLOUD].text,
		          "the context gives no cloud and no site; the stack's cloud services all run there");
	for (size_t i = 0; i < x->plan->n_notes && rc == DK_OK; i++)
		rc = emit(x, "context", "note", NULL, 0, "does not agree", NULL, x->plan->notes[i]);
	return rc;
}

static const struct dk_bp_component *chosen_by(const struct dk_plan *p, const char *component)
{
	for (size_t i = 0; i < p->n_components; i++)
		if (strcmp(p->components[i].component, component) == 0)
			return &p->components[i];
	return NULL;
}

static int explain_deferrals(struct explain *x, const char *area, const char *component)
{
	int rc = DK_OK;

	for (size_t i = 0; i < x->cat->n_deferred && rc == DK_OK; i++) {
		const struct dk_cat_deferred *r = &x->cat->deferred[i];
		const struct dk_bp_component *c;
		struct dk_buf why = {0}, text = {0};
		const char *verdict = "not deferred";
		int t;

		if (strcmp(r->component, component) != 0)
			continue;
		expanded(&r->add_when, x->f, &text);
		switch (dk_blueprint_deferral(x->plan, r, x->f)) {
		case DK_DEFER_YES:
			verdict = "deferred";
			dk_buf_adds(&why, "listed: ");
			rc = why_cond(x, r->cond, &why);
			break;
		case DK_DEFER_CHOSEN:
			c = chosen_by(x->plan, component);
			dk_buf_addf(&why, "the plan chose %s (%s:%d)", c->choice, c->file, c->line);
			break;
		case DK_DEFER_IN_STACK:
			t = dk_facts_tool(x->f, r->kind);
			dk_buf_addf(&why, "the stack already has %s, a tool of kind %s",
			            x->cat->vocab.tools[t].name, r->kind);
			break;
		case DK_DEFER_LISTED:
			dk_buf_adds(&why, "an earlier row of this component is listed");
			break;
		default:
			rc = why_cond(x, r->cond, &why);
			break;
		}
		if (rc == DK_OK && (!dk_buf_ok(&why) || !dk_buf_ok(&text)))
			rc = dk_fail(x->err, DK_EDB, "out of memory");
		if (rc == DK_OK)
			rc = emit(x, area, component, r->file, r->line, verdict, dk_buf_str(&text),
			          dk_buf_str(&why));
		dk_buf_free(&why);
		dk_buf_free(&text);
	}
	return rc;
}

/* A component's rules up to the one that holds, each with why. */
static int explain_component(struct explain *x, const char *area, const char *component)
{
	const struct dk_bp_component *c = chosen_by(x->plan, component);
	int rc = DK_OK;

	for (size_t i = 0; i < x->cat->n_components && rc == DK_OK; i++) {
		const struct dk_cat_component *r = &x->cat->components[i];
		struct dk_buf why = {0}, text = {0};
		int holds;

		if (strcmp(r->component, component) != 0)
			continue;
		holds = c && r->line == c->line && strcmp(r->file, c->file) == 0;
		expanded(&r->choice, x->f, &text);
		rc = why_cond(x, r->cond, &why);
		if (rc == DK_OK && holds && c->tool >= 0)
			dk_buf_addf(&why, "; reuses %s from the stack as %s", x->cat->vocab.tools[c->tool].name,
			            c->kind);
		if (rc == DK_OK && !dk_buf_ok(&text))
			rc = dk_fail(x->err, DK_EDB, "out of memory");
		if (rc == DK_OK)
			rc = emit(x, area, component, r->file, r->line, holds ? "chosen" : "did not hold",
			          dk_buf_str(&text), dk_buf_str(&why));
		dk_buf_free(&why);
		dk_buf_free(&text);
		if (holds)
			break;
	}
	if (rc == DK_OK && c == NULL)
		rc = emit(x, area, component, NULL, 0, "left out", NULL, "no rule of this component holds");
	return rc == DK_OK ? explain_deferrals(x, area, component) : rc;
}

/* Each component of area a once, in catalog order: those with rules, then
 * those that are only ever deferred. */
static int explain_area(struct explain *x, const char *area)
{
	int rc = DK_OK;

	for (size_t i = 0; i < x->cat->n_components && rc == DK_OK; i++) {
		const struct dk_cat_component *r = &x->cat->components[i];
		int seen = 0;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(x->cat->components[j].component, r->component) == 0;
		if (seen || strcmp(r->area, area) != 0 || (x->only && strcasecmp(x->only, r->component)))
			continue;
		rc = explain_component(x, area, r->component);
	}
	for (size_t i = 0; i < x->cat->n_deferred && rc == DK_OK; i++) {
		const struct dk_cat_deferred *r = &x->cat->deferred[i];
		int seen = 0;

		for (size_t j = 0; j < x->cat->n_components && !seen; j++)
			seen = strcmp(x->cat->components[j].component, r->component) == 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(x->cat->deferred[j].component, r->component) == 0;
		if (seen || strcmp(r->area, area) != 0 || (x->only && strcasecmp(x->only, r->component)))
			continue;
		rc = explain_deferrals(x, area, r->component);
	}
	return rc;
}

int dk_blueprint_explain(struct dk_db *db, int64_t id, const struct dk_catalog *cat,
                         const char *component, int *same_body, dk_row_fn fn, void *ctx,
                         struct dk_error *err)
{
	struct explain x = {cat, NULL, NULL, component, 0, fn, ctx, err};
	struct dk_bp_context c;
	struct dk_plan *plan = NULL;
	struct dk_facts f;
	struct dk_stmt *s = NULL;
	char sha[DK_SHA256_HEX] = "", body[DK_SHA256_HEX] = "", source[16] = "";
	int64_t ctx_id = 0;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&f, 0, sizeof f);
	*same_body = 0;
	if ((rc = dk_blueprint_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SOURCE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		ctx_id = dk_col_int(s, 0);
		snprintf(source, sizeof source, "%s", dk_col_text(s, 1));
		if (!dk_col_is_null(s, 2))
			snprintf(sha, sizeof sha, "%s", dk_col_text(s, 2));
		snprintf(body, sizeof body, "%s", dk_col_text(s, 3));
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (strcmp(source, "generated") != 0)
		return dk_fail(err, DK_EINPUT, "BP-%lld was imported, not drawn from the rule catalog: "
		               "there are no rules to explain", (long long)id);
	if (strcmp(sha, cat->sha256) != 0)
		return dk_fail(err, DK_EINPUT, "BP-%lld was drawn from catalog %.12s, and this one is "
		               "%.12s (%s): pass the --catalog DIR it was drawn with", (long long)id, sha,
		               cat->sha256, cat->origin);
	if ((rc = dk_bp_context_load(db, ctx_id, &c, err)) != DK_OK ||
	    (rc = dk_blueprint_plan(&c, cat, &plan, err)) != DK_OK ||
	    (rc = dk_blueprint_facts(&c, cat, &f, err)) != DK_OK)
		goto out;
	*same_body = strcmp(plan->body_sha256, body) == 0;
	x.plan = plan;
	x.f = &f;
	if (component == NULL)
		rc = explain_stack(&x);
	for (int a = 0; dk_areas[a] && rc == DK_OK; a++)
		rc = explain_area(&x, dk_areas[a]);
	if (rc == DK_OK && component && !x.matched)
		rc = dk_fail(err, DK_EINPUT, "the catalog has no component '%.60s' (docket blueprint "
		             "explain BP-%lld lists them all)", component, (long long)id);
out:
	dk_blueprint_facts_free(&f);
	dk_plan_free(plan);
	dk_bp_context_free(&c);
	return rc;
}
