/* bp_plan.c: a context revision as facts, and the plan the rule catalog
 * draws from them (dk_blueprint_plan). Pure: no database writes. */
#include "docket/blueprint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/context.h"
#include "docket/text.h"
#include "docket/vocab.h"

/* ---- the context as facts ------------------------------------------- */

struct load {
	struct dk_bp_context *c;
	int gpu_null;           /* the gpu cell was null: not stated */
	int rc;
};

static int set_num(struct dk_facts *f, int field, const struct dk_cell *cell)
{
	if (cell->type == DK_CELL_NULL) {
		f->v[field].type = DK_T_NULL;
		return DK_OK;
	}
	f->v[field].type = DK_T_NUM;
	f->v[field].num = strtod(cell->text, NULL);
	return DK_OK;
}

static int on_context(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct load *l = arg;
	struct dk_bp_context *c = l->c;
	struct dk_facts *f = &c->facts;
	int rc = DK_OK;

	for (int i = 0; i < ncol && rc == DK_OK; i++) {
		const struct dk_cell *x = &cells[i];
		const char *n = x->name, *t = x->type == DK_CELL_NULL ? NULL : x->text;
		int field = -1;

		for (int k = 0; k < DK_FIELD_COUNT; k++)
			if (strcmp(dk_fields[k].name, n) == 0)
				field = k;
		if (field == DK_F_GPU)
			l->gpu_null = t == NULL;
		if (field >= 0) {
			switch (dk_fields[field].type) {
			case DK_T_NUM: rc = set_num(f, field, x); break;
			case DK_T_TEXT: rc = dk_facts_set_text(f, field, t, err); break;
			case DK_T_LIST: rc = dk_facts_set_list(f, field, t ? t : "[]", err); break;
			case DK_T_BOOL:
				f->v[field].type = DK_T_BOOL;
				f->v[field].b = t && strcmp(t, "0") != 0;
				break;
			}
		} else if (strcmp(n, "revision") == 0) {
			c->revision = t ? strtoll(t, NULL, 10) : 0;
		} else if (strcmp(n, "velocity") == 0 && t) {
			if ((c->velocity = strdup(t)) == NULL)
				rc = dk_fail(err, DK_EDB, "out of memory");
		} else if (strcmp(n, "assumptions") == 0) {
			if (dk_json_strings(t ? t : "[]", &c->assumptions, &c->n_assumptions) != 0)
				rc = dk_fail(err, DK_EDB, "assumptions are not a JSON list");
		} else if (strcmp(n, "out_of_scope") == 0) {
			if (dk_json_strings(t ? t : "[]", &c->out_of_scope, &c->n_out_of_scope) != 0)
				rc = dk_fail(err, DK_EDB, "out-of-scope items are not a JSON list");
		}
	}
	l->rc = rc;
	return rc;
}

int dk_bp_context_load(struct dk_db *db, int64_t context_id, struct dk_bp_context *out,
                       struct dk_error *err)
{
	struct load l = {out, 0, DK_OK};
	struct dk_facts *f = &out->facts;
	int rc;

	memset(out, 0, sizeof *out);
	out->id = context_id;
	if ((rc = dk_context_get(db, context_id, on_context, &l, err)) != DK_OK)
		return rc;
	/* an LLM needs a GPU unless the context says otherwise */
	out->gpu_stated = !l.gpu_null;
	if (l.gpu_null)
		dk_facts_set_bool(f, DK_F_GPU, f->v[DK_F_MODEL_KIND].type == DK_T_TEXT &&
		                  strcmp(f->v[DK_F_MODEL_KIND].text, "llm") == 0);
	return DK_OK;
}

void dk_bp_context_free(struct dk_bp_context *c)
{
	dk_facts_free(&c->facts);
	free(c->velocity);
	dk_strings_free(c->assumptions, c->n_assumptions);
	dk_strings_free(c->out_of_scope, c->n_out_of_scope);
	memset(c, 0, sizeof *c);
}

/* ---- the plan ---------------------------------------------------------- */

struct pool {
	char **v;
	size_t n;
	int failed;
};

static const char *keep(struct dk_plan *p, char *s)
{
	struct pool *pool = p->pool;
	char **grown;

	if (s == NULL || (grown = realloc(pool->v, (pool->n + 1) * sizeof *grown)) == NULL) {
		free(s);
		pool->failed = 1;
		return "";
	}
	pool->v = grown;
	pool->v[pool->n++] = s;
	return s;
}

static const char *keep_copy(struct dk_plan *p, const char *s) { return keep(p, strdup(s)); }

static void *add(void *arr, size_t *n, size_t size, struct dk_plan *p)
{
	char *grown = realloc(*(void **)arr, (*n + 1) * size);

	if (grown == NULL) {
		((struct pool *)p->pool)->failed = 1;
		return NULL;
	}
	*(void **)arr = grown;
	memset(grown + *n * size, 0, size);
	return grown + (*n)++ * size;
}

void dk_plan_free(struct dk_plan *p)
{
	struct pool *pool;

	if (p == NULL)
		return;
	pool = p->pool;
	if (pool) {
		for (size_t i = 0; i < pool->n; i++)
			free(pool->v[i]);
		free(pool->v);
		free(pool);
	}
	for (size_t i = 0; i < p->n_stages; i++)
		free(p->stages[i].gates);
	free(p->components);
	free(p->deferred);
	free(p->stages);
	free(p->monitoring);
	free(p->rollout);
	free(p->first_steps);
	free(p->decisions);
	free(p->risks);
	free(p->unknown);
	free(p->unknown_near);
	free(p->regimes);
	free(p->regimes_near);
	free(p->notes);
	free(p->word_tool);
	free(p->word_why);
	free(p->md);
	free(p->json);
	free(p);
}

/* Expands t; a null value is refused naming the catalog row. */
static int expand(struct dk_plan *p, const struct dk_template *t, const struct dk_facts *f,
                  const char *file, int line, const char **out, struct dk_error *err)
{
	struct dk_buf b = {0};

	if (dk_template_expand(t, f, &b) != DK_OK) {
		dk_buf_free(&b);
		return dk_fail(err, DK_EINPUT, "catalog %s:%d needs a context field this context does "
		               "not give (guard the row's condition with 'field != null')", file, line);
	}
	if (!dk_buf_ok(&b)) {
		dk_buf_free(&b);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	*out = b.p ? keep(p, b.p) : keep_copy(p, "");
	return DK_OK;
}

static int area_index(const char *area)
{
	for (int i = 0; dk_areas[i]; i++)
		if (strcmp(dk_areas[i], area) == 0)
			return i;
	return 0;
}

static int chosen(const struct dk_plan *p, const char *component)
{
	for (size_t i = 0; i < p->n_components; i++)
		if (strcmp(p->components[i].component, component) == 0)
			return 1;
	return 0;
}

/* The residual risk a catalog row leaves, if it leaves one. */
static int add_risk(struct dk_plan *p, const struct dk_cat_risk *r, const char *area,
                    const char *component, const char *source, const char *rationale,
                    struct dk_error *err)
{
	struct dk_bp_risk *k;

	if (r->title == NULL)
		return DK_OK;
	if ((k = add(&p->risks, &p->n_risks, sizeof *k, p)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	k->title = r->title;
	k->category = r->category;
	k->likelihood = r->likelihood;
	k->impact = r->impact;
	k->area = area;
	k->component = component;
	k->source = source;
	k->rationale = rationale;
	return DK_OK;
}

static int plan_components(struct dk_plan *p, const struct dk_catalog *cat,
                           const struct dk_facts *f, struct dk_error *err)
{
	int rc;

	/* area by area, each component decided by the first of its rules that holds */
	for (int a = 0; dk_areas[a]; a++)
		for (size_t i = 0; i < cat->n_components; i++) {
			const struct dk_cat_component *r = &cat->components[i];
			struct dk_bp_component *c;
			int first = 1;

			if (area_index(r->area) != a)
				continue;
			for (size_t j = 0; j < i && first; j++)
				first = strcmp(cat->components[j].component, r->component) != 0;
			if (!first)
				continue;
			for (size_t j = i; j < cat->n_components; j++) {
				r = &cat->components[j];
				if (strcmp(r->component, cat->components[i].component) != 0 ||
				    !dk_cond_holds(r->cond, f))
					continue;
				if ((c = add(&p->components, &p->n_components, sizeof *c, p)) == NULL)
					return dk_fail(err, DK_EDB, "out of memory");
				c->area = dk_areas[a];
				c->component = r->component;
				c->file = r->file;
				c->line = r->line;
				c->weight = r->weight;
				c->tool = r->reuses ? dk_facts_tool(f, r->reuses) : -1;
				c->kind = c->tool >= 0 ? r->reuses : NULL;
				if ((rc = expand(p, &r->choice, f, r->file, r->line, &c->choice, err)) ||
				    (rc = expand(p, &r->alternative, f, r->file, r->line, &c->alternative, err)) ||
				    (rc = expand(p, &r->tradeoff, f, r->file, r->line, &c->tradeoff, err)))
					return rc;
				/* the tool the stack has is no alternative to itself */
				if (c->tool >= 0 && dk_tool_named_in(&f->vocab->tools[c->tool], c->alternative)) {
					struct dk_buf alt = {0};
					dk_buf_addf(&alt, "a %s other than %s", c->kind, f->vocab->tools[c->tool].title);
					if (!dk_buf_ok(&alt)) {
						dk_buf_free(&alt);
						return dk_fail(err, DK_EDB, "out of memory");
					}
					c->alternative = keep(p, alt.p);
				}
				if ((rc = add_risk(p, &r->risk, c->area, c->component, "trade-off", c->tradeoff, err)))
					return rc;
				break;
			}
		}
	return DK_OK;
}

int dk_blueprint_deferral(const struct dk_plan *p, const struct dk_cat_deferred *r,
                          const struct dk_facts *f)
{
	if (chosen(p, r->component))
		return DK_DEFER_CHOSEN;
	if (r->kind && dk_facts_tool(f, r->kind) >= 0)
		return DK_DEFER_IN_STACK;
	if (!dk_cond_holds(r->cond, f))
		return DK_DEFER_NOT_HELD;
	/* one deferral per component: the first row that holds */
	for (size_t j = 0; j < p->n_deferred; j++)
		if (strcmp(p->deferred[j].component, r->component) == 0)
			return p->deferred[j].line == r->line && strcmp(p->deferred[j].file, r->file) == 0
			       ? DK_DEFER_YES : DK_DEFER_LISTED;
	return DK_DEFER_YES;
}

static int plan_deferred(struct dk_plan *p, const struct dk_catalog *cat,
                         const struct dk_facts *f, struct dk_error *err)
{
	int rc;

	for (int a = 0; dk_areas[a]; a++)
		for (size_t i = 0; i < cat->n_deferred; i++) {
			const struct dk_cat_deferred *r = &cat->deferred[i];
			struct dk_bp_deferred *d;

			if (area_index(r->area) != a || dk_blueprint_deferral(p, r, f) != DK_DEFER_YES)
				continue;
			if ((d = add(&p->deferred, &p->n_deferred, sizeof *d, p)) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
			d->area = dk_areas[a];
			d->component = r->component;
			d->file = r->file;
			d->line = r->line;
			if ((rc = expand(p, &r->add_when, f, r->file, r->line, &d->add_when, err)))
				return rc;
			if ((rc = add_risk(p, &r->risk, d->area, d->component, "deferral", d->add_when, err)))
				return rc;
		}
	return DK_OK;
}

static int plan_stages(struct dk_plan *p, const struct dk_catalog *cat, const struct dk_facts *f,
                       struct dk_error *err)
{
	for (int k = 0; dk_stage_names[k]; k++) {
		const struct dk_cat_stage *r = NULL;
		struct dk_bp_stage *s;

		for (size_t i = 0; i < cat->n_stages && r == NULL; i++)
			if (cat->stages[i].order == k && dk_cond_holds(cat->stages[i].cond, f))
				r = &cat->stages[i];
		if (r == NULL)
			continue;
		if ((s = add(&p->stages, &p->n_stages, sizeof *s, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		s->name = dk_stage_names[k];
		s->inputs = (const char *const *)r->inputs;
		s->n_inputs = r->n_inputs;
		s->outputs = (const char *const *)r->outputs;
		s->n_outputs = r->n_outputs;
		memcpy(s->flags, r->flags, sizeof s->flags);
		for (size_t i = 0; i < cat->n_gates; i++) {
			const struct dk_cat_gate *g = &cat->gates[i];
			struct dk_bp_gate *x;
			struct dk_value v;
			char num[32];

			if (g->order != k || !dk_cond_holds(g->cond, f))
				continue;
			dk_cond_eval(g->threshold, f, &v);
			if (v.type != DK_T_NUM)
				return dk_fail(err, DK_EINPUT, "catalog %s:%d: the threshold of %s needs a "
				               "context field this context does not give (guard the row's "
				               "condition with 'field != null')", g->file, g->line, g->metric);
			if ((x = add(&s->gates, &s->n_gates, sizeof *x, p)) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
			x->metric = g->metric;
			x->op = g->op;
			dk_num_format(v.num, num);
			x->threshold = strtod(num, NULL); /* what is shown is what is stored */
		}
	}
	return DK_OK;
}

static int plan_texts(struct dk_plan *p, const struct dk_catalog *cat, const struct dk_facts *f,
                      struct dk_error *err)
{
	int rc;

	for (size_t i = 0; i < cat->n_monitoring; i++) {
		const struct dk_cat_monitor *r = &cat->monitoring[i];
		struct dk_bp_monitor *m;

		if (!dk_cond_holds(r->cond, f))
			continue;
		if ((m = add(&p->monitoring, &p->n_monitoring, sizeof *m, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		if ((rc = expand(p, &r->signal, f, r->file, r->line, &m->signal, err)) ||
		    (rc = expand(p, &r->threshold, f, r->file, r->line, &m->threshold, err)) ||
		    (rc = expand(p, &r->alert, f, r->file, r->line, &m->alert, err)) ||
		    (rc = expand(p, &r->action, f, r->file, r->line, &m->action, err)))
			return rc;
	}
	for (size_t i = 0; i < cat->n_rollout; i++) {
		const struct dk_cat_text *r = &cat->rollout[i];
		struct dk_bp_text *t;

		if (!dk_cond_holds(r->cond, f))
			continue;
		if ((t = add(&p->rollout, &p->n_rollout, sizeof *t, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		t->kind = r->kind;
		if ((rc = expand(p, &r->text, f, r->file, r->line, &t->text, err)))
			return rc;
	}
	for (size_t i = 0; i < cat->n_first_steps; i++) {
		const struct dk_cat_text *r = &cat->first_steps[i];
		struct dk_bp_text *t;

		if (!dk_cond_holds(r->cond, f))
			continue;
		if ((t = add(&p->first_steps, &p->n_first_steps, sizeof *t, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		if ((rc = expand(p, &r->text, f, r->file, r->line, &t->text, err)))
			return rc;
	}
	return DK_OK;
}

static int plan_decisions(struct dk_plan *p, struct dk_error *err)
{
	for (size_t i = 0; i < p->n_components; i++) {
		const struct dk_bp_component *c = &p->components[i];
		struct dk_bp_decision *d = add(&p->decisions, &p->n_decisions, sizeof *d, p);
		struct dk_buf b = {0};

		if (d == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		dk_buf_addf(&b, "%s: %s", c->component, c->choice);
		dk_buf_clip(&b, 200); /* decision titles are at most 200 characters */
		if (!dk_buf_ok(&b)) {
			dk_buf_free(&b);
			return dk_fail(err, DK_EDB, "out of memory");
		}
		d->title = keep(p, b.p);
		d->area = c->area;
		d->component = c->component;
		d->options[0] = c->choice;
		d->options[1] = c->alternative;
		d->rationale = c->tradeoff;
	}
	return DK_OK;
}

/* ---- the stack --------------------------------------------------------- */

const char *dk_blueprint_unusable(const struct dk_tool *t, const struct dk_facts *f)
{
	if (f->v[DK_F_AIR_GAPPED].b && (t->cloud || dk_tool_has_kind(t, "saas")))
		return "a hosted service, and the site is air-gapped";
	if (f->v[DK_F_ON_PREM].b && t->cloud)
		return "a public cloud's service, and the system runs on premises";
	return NULL;
}

int dk_blueprint_facts(const struct dk_bp_context *ctx, const struct dk_catalog *cat,
                       struct dk_facts *out, struct dk_error *err)
{
	const struct dk_facts *f = &ctx->facts;
	const char *cloud = NULL;
	int rc, agree = 1;

	*out = *f;
	/* the copy owns nothing of ctx's */
	memset(out->texts, 0, sizeof out->texts);
	memset(out->lists, 0, sizeof out->lists);
	memset(out->list_n, 0, sizeof out->list_n);
	out->tool = NULL;
	out->n_tool = 0;
	if ((rc = dk_facts_resolve(out, &cat->vocab, err)) != DK_OK)
		return rc;
	/* what the site cannot use is not there for the rules */
	for (size_t i = 0; i < out->n_tool; i++)
		if (out->tool[i] >= 0 && dk_blueprint_unusable(&cat->vocab.tools[out->tool[i]], f))
			out->tool[i] = -1;
	if (f->v[DK_F_CLOUD].type == DK_T_TEXT || f->v[DK_F_ON_PREM].b)
		return DK_OK;
	/* no cloud given: the one the stack's cloud services agree on */
	for (size_t i = 0; i < out->n_tool; i++) {
		const struct dk_tool *t = out->tool[i] >= 0 ? &cat->vocab.tools[out->tool[i]] : NULL;
		if (t == NULL || t->cloud == NULL)
			continue;
		if (cloud && strcmp(cloud, t->cloud) != 0)
			agree = 0;
		cloud = t->cloud;
	}
	if (cloud && agree) {
		out->v[DK_F_CLOUD].type = DK_T_TEXT;
		out->v[DK_F_CLOUD].text = cloud;
	}
	return DK_OK;
}

void dk_blueprint_facts_free(struct dk_facts *f)
{
	free(f->tool);
	f->tool = NULL;
	f->n_tool = 0;
}

static int note(struct dk_plan *p, struct dk_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int note(struct dk_plan *p, struct dk_error *err, const char *fmt, ...)
{
	struct dk_buf b = {0};
	const char **n;
	va_list ap;
	char line[600];

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	dk_buf_adds(&b, line);
	if ((n = add(&p->notes, &p->n_notes, sizeof *n, p)) == NULL || !dk_buf_ok(&b)) {
		dk_buf_free(&b);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	*n = keep(p, b.p);
	return DK_OK;
}

/* What the plan says about the stack and the regimes before any rule: the
 * words the vocabulary does not know, the cloud read from the stack, the
 * regimes no rule names, and what does not agree. */
/* The regime a misspelt one was meant to be, or NULL. */
static const char *nearest_regime(const struct dk_catalog *cat, const char *folded)
{
	size_t best = (size_t)-1, len = strlen(folded);
	const char *at = NULL;

	for (size_t k = 0; k < cat->n_regimes; k++) {
		size_t d = dk_edit_distance(folded, cat->regimes[k]);
		if (d < best) {
			best = d;
			at = cat->regimes[k];
		}
	}
	return best <= 2 && best * 3 <= len ? at : NULL;
}

/* What the plan says about the stack and the regimes before any rule: what
 * each word names and whether the site can use it, the words the
 * vocabulary does not know (with the tool meant, when one is near), the
 * cloud read from the stack, the regimes no rule names, and what does not
 * agree. */
static int plan_context(struct dk_plan *p, const struct dk_catalog *cat,
                        const struct dk_bp_context *ctx, const struct dk_facts *f,
                        struct dk_error *err)
{
	const struct dk_value *stack = &f->v[DK_F_STACK], *reg = &f->v[DK_F_COMPLIANCE];
	const char *given = ctx->facts.v[DK_F_CLOUD].type == DK_T_TEXT ? ctx->facts.v[DK_F_CLOUD].text : NULL;
	const char *clouds[3] = {0}, *cloud_word[3] = {0};
	int rc, n_clouds = 0;

	p->n_words = f->n_tool;
	if (f->n_tool && ((p->word_tool = calloc(f->n_tool, sizeof *p->word_tool)) == NULL ||
	                  (p->word_why = calloc(f->n_tool, sizeof *p->word_why)) == NULL))
		return dk_fail(err, DK_EDB, "out of memory");
	for (size_t i = 0; i < f->n_tool; i++) {
		int at = dk_vocab_find(&cat->vocab, stack->list[i]);
		const struct dk_tool *t = at >= 0 ? &cat->vocab.tools[at] : NULL;
		const char **w;
		int seen = 0;

		p->word_tool[i] = at;
		if (t == NULL) {
			int near = dk_vocab_nearest(&cat->vocab, stack->list[i]);
			if ((w = add(&p->unknown, &p->n_unknown, sizeof *w, p)) == NULL ||
			    (w = add(&p->unknown_near, &p->n_unknown_near, sizeof *w, p)) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
			p->unknown[p->n_unknown - 1] = keep_copy(p, stack->list[i]);
			*w = near >= 0 ? cat->vocab.tools[near].name : NULL;
			continue;
		}
		if ((p->word_why[i] = dk_blueprint_unusable(t, &ctx->facts)) != NULL) {
			if ((rc = note(p, err, "the stack names %s (%s), %s: the plan does not use it",
			               stack->list[i], t->title, p->word_why[i])))
				return rc;
			continue;
		}
		if (t->cloud && given && strcmp(given, t->cloud) != 0 && strcmp(given, "other") != 0 &&
		    (rc = note(p, err, "the stack names %s (%s), which runs on %s, but --cloud is %s",
		               stack->list[i], t->title, t->cloud, given)))
			return rc;
		if (given == NULL && f->v[DK_F_CLOUD].type == DK_T_TEXT && t->cloud && p->cloud_from == NULL)
			p->cloud_from = keep_copy(p, stack->list[i]);
		for (int k = 0; t->cloud && k < n_clouds; k++)
			seen |= strcmp(clouds[k], t->cloud) == 0;
		if (t->cloud && !seen && n_clouds < 3) {
			clouds[n_clouds] = t->cloud;
			cloud_word[n_clouds++] = stack->list[i];
		}
		/* two tools for one job: the plan uses the first, and says so */
		for (size_t j = 0; j < i; j++) {
			const struct dk_tool *u = p->word_tool[j] >= 0 && !p->word_why[j]
			                          ? &cat->vocab.tools[p->word_tool[j]] : NULL;
			if (u && u != t && !dk_tool_has_kind(t, "managed-platform") &&
			    !dk_tool_has_kind(u, "managed-platform") &&
			    strcmp(u->kinds[0].kind, t->kinds[0].kind) == 0 &&
			    (rc = note(p, err, "the stack names two tools of kind %s, %s and %s: where the plan "
			               "reuses one it is %s", t->kinds[0].kind, stack->list[j], stack->list[i],
			               stack->list[j])))
				return rc;
		}
	}
	if (given == NULL && !f->v[DK_F_ON_PREM].b && n_clouds > 1 &&
	    (rc = note(p, err, "the stack names services of %s (%s) and %s (%s) and --cloud is not "
	               "given: rules for one cloud do not apply until it is", clouds[0], cloud_word[0],
	               clouds[1], cloud_word[1])))
		return rc;
	for (size_t i = 0; reg->type == DK_T_LIST && i < reg->n; i++) {
		char folded[256];
		int known = 0;
		const char **w;

		dk_fold(reg->list[i], folded, sizeof folded);
		for (size_t k = 0; k < cat->n_regimes && !known; k++)
			known = strcmp(cat->regimes[k], folded) == 0;
		if (known)
			continue;
		if ((w = add(&p->regimes, &p->n_regimes, sizeof *w, p)) == NULL ||
		    (w = add(&p->regimes_near, &p->n_regimes_near, sizeof *w, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		p->regimes[p->n_regimes - 1] = keep_copy(p, reg->list[i]);
		*w = nearest_regime(cat, folded);
	}
	return DK_OK;
}

int dk_blueprint_plan(const struct dk_bp_context *ctx, const struct dk_catalog *cat,
                      struct dk_plan **out, struct dk_error *err)
{
	struct dk_plan *p = calloc(1, sizeof *p);
	struct dk_facts f;
	int rc;

	*out = NULL;
	if (p == NULL || (p->pool = calloc(1, sizeof(struct pool))) == NULL) {
		free(p);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	p->vocab = &cat->vocab;
	memcpy(p->catalog_sha256, cat->sha256, sizeof p->catalog_sha256);
	if ((rc = dk_blueprint_facts(ctx, cat, &f, err)) != DK_OK) {
		dk_plan_free(p);
		return rc;
	}
	if ((rc = plan_context(p, cat, ctx, &f, err)) || (rc = plan_components(p, cat, &f, err)) ||
	    (rc = plan_deferred(p, cat, &f, err)) || (rc = plan_stages(p, cat, &f, err)) ||
	    (rc = plan_texts(p, cat, &f, err)) || (rc = plan_decisions(p, err)))
		goto fail;
	if (((struct pool *)p->pool)->failed) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	if ((rc = dk_blueprint_render(ctx, &f, p, err)) != DK_OK)
		goto fail;
	dk_blueprint_facts_free(&f);
	*out = p;
	return DK_OK;
fail:
	dk_blueprint_facts_free(&f);
	dk_plan_free(p);
	return rc;
}
