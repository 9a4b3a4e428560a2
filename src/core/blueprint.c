#include "docket/blueprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/check.h"
#include "docket/context.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/key.h"
#include "docket/risk.h"
#include "docket/text.h"

/* ---- the context as facts ------------------------------------------- */

struct load {
	struct dk_bp_context *c;
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
	struct load l = {out, DK_OK};

	memset(out, 0, sizeof *out);
	out->id = context_id;
	return dk_context_get(db, context_id, on_context, &l, err);
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
				if ((rc = expand(p, &r->choice, f, "components.csv", r->line, &c->choice, err)) ||
				    (rc = expand(p, &r->alternative, f, "components.csv", r->line, &c->alternative, err)) ||
				    (rc = expand(p, &r->tradeoff, f, "components.csv", r->line, &c->tradeoff, err)))
					return rc;
				if (r->risk.title) {
					struct dk_bp_risk *k = add(&p->risks, &p->n_risks, sizeof *k, p);
					if (k == NULL)
						return dk_fail(err, DK_EDB, "out of memory");
					k->title = r->risk.title;
					k->category = r->risk.category;
					k->likelihood = r->risk.likelihood;
					k->impact = r->risk.impact;
					k->area = c->area;
					k->component = c->component;
					k->source = "trade-off";
					k->rationale = c->tradeoff;
				}
				break;
			}
		}
	return DK_OK;
}

static int plan_deferred(struct dk_plan *p, const struct dk_catalog *cat,
                         const struct dk_facts *f, struct dk_error *err)
{
	int rc;

	for (int a = 0; dk_areas[a]; a++)
		for (size_t i = 0; i < cat->n_deferred; i++) {
			const struct dk_cat_deferred *r = &cat->deferred[i];
			struct dk_bp_deferred *d;
			int dup = 0;

			if (area_index(r->area) != a || chosen(p, r->component) || !dk_cond_holds(r->cond, f))
				continue;
			for (size_t j = 0; j < p->n_deferred && !dup; j++)
				dup = strcmp(p->deferred[j].component, r->component) == 0;
			if (dup)
				continue;
			if ((d = add(&p->deferred, &p->n_deferred, sizeof *d, p)) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
			d->area = dk_areas[a];
			d->component = r->component;
			if ((rc = expand(p, &r->add_when, f, "deferred.csv", r->line, &d->add_when, err)))
				return rc;
			if (r->risk.title) {
				struct dk_bp_risk *k = add(&p->risks, &p->n_risks, sizeof *k, p);
				if (k == NULL)
					return dk_fail(err, DK_EDB, "out of memory");
				k->title = r->risk.title;
				k->category = r->risk.category;
				k->likelihood = r->risk.likelihood;
				k->impact = r->risk.impact;
				k->area = d->area;
				k->component = d->component;
				k->source = "deferral";
				k->rationale = d->add_when;
			}
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
				return dk_fail(err, DK_EINPUT, "catalog gates.csv:%d: the threshold of %s needs a "
				               "context field this context does not give (guard the row's "
				               "condition with 'field != null')", g->line, g->metric);
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
		if ((rc = expand(p, &r->signal, f, "monitoring.csv", r->line, &m->signal, err)) ||
		    (rc = expand(p, &r->threshold, f, "monitoring.csv", r->line, &m->threshold, err)) ||
		    (rc = expand(p, &r->alert, f, "monitoring.csv", r->line, &m->alert, err)) ||
		    (rc = expand(p, &r->action, f, "monitoring.csv", r->line, &m->action, err)))
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
		if ((rc = expand(p, &r->text, f, "rollout.csv", r->line, &t->text, err)))
			return rc;
	}
	for (size_t i = 0; i < cat->n_first_steps; i++) {
		const struct dk_cat_text *r = &cat->first_steps[i];
		struct dk_bp_text *t;

		if (!dk_cond_holds(r->cond, f))
			continue;
		if ((t = add(&p->first_steps, &p->n_first_steps, sizeof *t, p)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		if ((rc = expand(p, &r->text, f, "first_steps.csv", r->line, &t->text, err)))
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

/* ---- rendering ---------------------------------------------------------- */

static const char *const flag_names[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "deps_pinned", "seed_fixed", "env_captured", "data_versioned",
};
static const char *const flag_words[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "dependencies pinned", "seed fixed", "environment captured",
	"data versioned",
};

static void md_cell(struct dk_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			dk_buf_adds(b, "\\|");
		else
			dk_buf_add(b, s, 1);
}

static void num(struct dk_buf *b, double x)
{
	char n[32];

	dk_num_format(x, n);
	dk_buf_adds(b, n);
}

static const struct dk_value *fv(const struct dk_bp_context *c, int field)
{
	return &c->facts.v[field];
}

static void md_list(struct dk_buf *b, const char *const *v, size_t n, const char *none)
{
	if (n == 0)
		dk_buf_adds(b, none);
	for (size_t i = 0; i < n; i++) {
		dk_buf_adds(b, i ? ", " : "");
		dk_buf_adds(b, v[i]);
	}
}

static void md_num_or(struct dk_buf *b, const struct dk_value *v, const char *unit,
                      const char *none)
{
	if (v->type != DK_T_NUM) {
		dk_buf_adds(b, none);
		return;
	}
	num(b, v->num);
	dk_buf_adds(b, unit);
}

static void md_summary(struct dk_buf *b, const struct dk_bp_context *c)
{
	const struct dk_value *v;

	dk_buf_adds(b, "## 1. Context summary\n\n");
	dk_buf_addf(b, "- Problem type: %s\n", fv(c, DK_F_PROBLEM)->text);
	dk_buf_adds(b, "- Latency and scale: p95 budget ");
	md_num_or(b, fv(c, DK_F_LATENCY_P95_MS), " ms", "not stated");
	dk_buf_adds(b, "; throughput ");
	md_num_or(b, fv(c, DK_F_THROUGHPUT_RPS), " per second", "not stated");
	dk_buf_adds(b, "; data ");
	md_num_or(b, fv(c, DK_F_DATA_GB), " GB", "volume not stated");
	if (c->velocity)
		dk_buf_addf(b, ", arriving %s", c->velocity);
	dk_buf_adds(b, "; labels ");
	v = fv(c, DK_F_LABEL_DELAY_DAYS);
	if (v->type == DK_T_NUM) {
		dk_buf_adds(b, "arrive after ");
		num(b, v->num);
		dk_buf_adds(b, " days\n");
	} else {
		dk_buf_adds(b, "delay not stated\n");
	}
	dk_buf_adds(b, "- Team: ");
	md_num_or(b, fv(c, DK_F_TEAM_SIZE), " people", "size not stated");
	dk_buf_addf(b, "; owner %s\n", fv(c, DK_F_OWNER)->text);
	dk_buf_addf(b, "- Constraints: cloud %s; on premises %s; compliance ",
	            fv(c, DK_F_CLOUD)->type == DK_T_TEXT ? fv(c, DK_F_CLOUD)->text : "not stated",
	            fv(c, DK_F_ON_PREM)->b ? "yes" : "no");
	v = fv(c, DK_F_COMPLIANCE);
	md_list(b, v->list, v->n, "none");
	dk_buf_adds(b, "; budget ");
	md_num_or(b, fv(c, DK_F_BUDGET_USD_MONTH), " USD/month", "not stated");
	dk_buf_adds(b, "\n- Existing stack: ");
	v = fv(c, DK_F_STACK);
	md_list(b, v->list, v->n, "none stated");
	dk_buf_addf(b, "\n- Features shared across models or online and offline: %s; retraining: %s\n",
	            fv(c, DK_F_SHARED_FEATURES)->b ? "yes" : "no",
	            fv(c, DK_F_RETRAIN)->type == DK_T_TEXT ? fv(c, DK_F_RETRAIN)->text : "not stated");
	dk_buf_adds(b, "- Assumptions: ");
	md_list(b, (const char *const *)c->assumptions, c->n_assumptions, "none stated");
	dk_buf_adds(b, "\n- Out of scope: ");
	md_list(b, (const char *const *)c->out_of_scope, c->n_out_of_scope, "none stated");
	dk_buf_adds(b, "\n\n");
}

static void pad(struct dk_buf *b, const char *s, size_t width)
{
	size_t n = dk_utf8_len(s);

	dk_buf_adds(b, s);
	dk_buf_adds(b, " ");
	for (; n < width; n++)
		dk_buf_adds(b, ".");
	dk_buf_adds(b, " ");
}

static void md_diagram(struct dk_buf *b, const struct dk_plan *p)
{
	size_t w = 0;

	for (size_t i = 0; i < p->n_components; i++)
		if (dk_utf8_len(p->components[i].component) > w)
			w = dk_utf8_len(p->components[i].component);
	dk_buf_adds(b, "## 2. Reference architecture\n\n```text\n");
	dk_buf_adds(b, "sources\n");
	for (int a = 0; dk_areas[a]; a++) {
		int any = 0;
		for (size_t i = 0; i < p->n_components; i++)
			any |= strcmp(p->components[i].area, dk_areas[a]) == 0;
		if (!any)
			continue;
		dk_buf_adds(b, "   |\n   v\n");
		dk_buf_addf(b, "+-- %d. %s\n", a + 1, dk_area_titles[a]);
		for (size_t i = 0; i < p->n_components; i++) {
			const struct dk_bp_component *c = &p->components[i];
			if (strcmp(c->area, dk_areas[a]) != 0)
				continue;
			dk_buf_adds(b, "|   ");
			pad(b, c->component, w + 2);
			dk_buf_addf(b, "%s\n|   %*s alt: %s\n", c->choice, (int)w + 3, "", c->alternative);
		}
		dk_buf_adds(b, "+--\n");
	}
	dk_buf_adds(b, "```\n\n");
}

static void md_decisions(struct dk_buf *b, const struct dk_plan *p)
{
	dk_buf_adds(b, "## 3. Decisions and trade-offs\n\n");
	for (int a = 0; dk_areas[a]; a++) {
		int any = 0, anyd = 0;

		dk_buf_addf(b, "### 3.%d %c%s\n\n", a + 1, dk_area_titles[a][0] - 32, dk_area_titles[a] + 1);
		for (size_t i = 0; i < p->n_components; i++) {
			const struct dk_bp_component *c = &p->components[i];
			if (strcmp(c->area, dk_areas[a]) != 0)
				continue;
			if (!any++)
				dk_buf_adds(b, "| Component | Choice | Alternative | Trade-off |\n| --- | --- | --- | --- |\n");
			dk_buf_adds(b, "| ");
			md_cell(b, c->component);
			dk_buf_adds(b, " | ");
			md_cell(b, c->choice);
			dk_buf_adds(b, " | ");
			md_cell(b, c->alternative);
			dk_buf_adds(b, " | ");
			md_cell(b, c->tradeoff);
			dk_buf_adds(b, " |\n");
		}
		if (!any)
			dk_buf_adds(b, "No component is needed in this area.\n");
		for (size_t i = 0; i < p->n_deferred; i++) {
			const struct dk_bp_deferred *d = &p->deferred[i];
			if (strcmp(d->area, dk_areas[a]) != 0)
				continue;
			if (!anyd++)
				dk_buf_adds(b, "\nDeliberately left out:\n\n");
			dk_buf_addf(b, "- %s: add when %s\n", d->component, d->add_when);
		}
		dk_buf_adds(b, "\n");
	}
	dk_buf_adds(b, "### Residual risks this plan leaves\n\n");
	if (p->n_risks == 0)
		dk_buf_adds(b, "None from the catalog.\n\n");
	else
		dk_buf_adds(b, "| Risk | Category | Likelihood | Impact | From |\n| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < p->n_risks; i++) {
		const struct dk_bp_risk *r = &p->risks[i];
		dk_buf_adds(b, "| ");
		md_cell(b, r->title);
		dk_buf_addf(b, " | %s | %d | %d | %s of %s |\n", r->category, r->likelihood, r->impact,
		            r->source, r->component);
	}
	if (p->n_risks)
		dk_buf_adds(b, "\n");
}

static void md_stages(struct dk_buf *b, const struct dk_plan *p)
{
	dk_buf_adds(b, "## 4. Pipeline stage contract\n\n"
	               "| # | Stage | Inputs | Outputs | Reproducibility | Gates |\n"
	               "| --- | --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < p->n_stages; i++) {
		const struct dk_bp_stage *s = &p->stages[i];
		int n = 0;

		dk_buf_addf(b, "| %zu | %s | ", i + 1, s->name);
		for (size_t k = 0; k < s->n_inputs; k++) {
			dk_buf_adds(b, k ? "; " : "");
			md_cell(b, s->inputs[k]);
		}
		dk_buf_adds(b, " | ");
		for (size_t k = 0; k < s->n_outputs; k++) {
			dk_buf_adds(b, k ? "; " : "");
			md_cell(b, s->outputs[k]);
		}
		dk_buf_adds(b, " | ");
		for (int k = 0; k < DK_FLAG_COUNT; k++) {
			/* order: the four reproducibility flags, then idempotent, retryable */
			int f = (k + 2) % DK_FLAG_COUNT;
			if (s->flags[f])
				dk_buf_addf(b, "%s%s", n++ ? ", " : "", flag_words[f]);
		}
		if (n == 0)
			dk_buf_adds(b, "none");
		dk_buf_adds(b, " | ");
		for (size_t k = 0; k < s->n_gates; k++) {
			dk_buf_addf(b, "%s`%s %s ", k ? ", " : "", s->gates[k].metric, s->gates[k].op);
			num(b, s->gates[k].threshold);
			dk_buf_adds(b, "`");
		}
		if (s->n_gates == 0)
			dk_buf_adds(b, "none");
		dk_buf_adds(b, " |\n");
	}
	dk_buf_adds(b, "\n");
}

static void md_plan(struct dk_buf *b, const struct dk_plan *p)
{
	static const char *const kinds[] = {"rollout", "rollback", "retraining"};
	static const char *const titles[] = {"Rollout", "Rollback", "Retraining (human gate)"};

	dk_buf_adds(b, "## 5. Rollout, rollback, retraining and monitoring\n\n");
	for (int k = 0; k < 3; k++) {
		dk_buf_addf(b, "### %s\n\n", titles[k]);
		for (size_t i = 0; i < p->n_rollout; i++)
			if (strcmp(p->rollout[i].kind, kinds[k]) == 0)
				dk_buf_addf(b, "- %s\n", p->rollout[i].text);
		dk_buf_adds(b, "\n");
	}
	dk_buf_adds(b, "### Monitoring\n\n| Signal | Threshold | Alert | Action |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < p->n_monitoring; i++) {
		const struct dk_bp_monitor *m = &p->monitoring[i];
		dk_buf_adds(b, "| ");
		md_cell(b, m->signal);
		dk_buf_adds(b, " | ");
		md_cell(b, m->threshold);
		dk_buf_adds(b, " | ");
		md_cell(b, m->alert);
		dk_buf_adds(b, " | ");
		md_cell(b, m->action);
		dk_buf_adds(b, " |\n");
	}
	dk_buf_adds(b, "\n## 6. First steps\n\n");
	for (size_t i = 0; i < p->n_first_steps; i++)
		dk_buf_addf(b, "%zu. %s\n", i + 1, p->first_steps[i].text);
}

static void render_md(struct dk_buf *b, const struct dk_bp_context *c, const struct dk_plan *p)
{
	dk_buf_addf(b, "# Blueprint: %s (CTX-%lld, revision %lld)\n\n", fv(c, DK_F_SYSTEM)->text,
	            (long long)c->id, (long long)c->revision);
	dk_buf_addf(b, "Generated by docket %s from rule catalog %.12s. The same context and catalog "
	            "give the same bytes.\n\n", DOCKET_VERSION, p->catalog_sha256);
	md_summary(b, c);
	md_diagram(b, p);
	md_decisions(b, p);
	md_stages(b, p);
	md_plan(b, p);
}

/* ---- JSON ---------------------------------------------------------------- */

static void jkey(struct dk_buf *b, int *first, const char *k)
{
	dk_buf_adds(b, *first ? "" : ",");
	*first = 0;
	dk_buf_json_string(b, k);
	dk_buf_adds(b, ":");
}

static void jstr(struct dk_buf *b, int *first, const char *k, const char *v)
{
	jkey(b, first, k);
	if (v)
		dk_buf_json_string(b, v);
	else
		dk_buf_adds(b, "null");
}

static void jstrs(struct dk_buf *b, const char *const *v, size_t n)
{
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < n; i++) {
		dk_buf_adds(b, i ? "," : "");
		dk_buf_json_string(b, v[i]);
	}
	dk_buf_adds(b, "]");
}

static void jvalue(struct dk_buf *b, const struct dk_value *v)
{
	switch (v->type) {
	case DK_T_NULL: dk_buf_adds(b, "null"); break;
	case DK_T_NUM: num(b, v->num); break;
	case DK_T_BOOL: dk_buf_adds(b, v->b ? "true" : "false"); break;
	case DK_T_TEXT: dk_buf_json_string(b, v->text); break;
	case DK_T_LIST: jstrs(b, v->list, v->n); break;
	}
}

static void render_json(struct dk_buf *b, const struct dk_bp_context *c, const struct dk_plan *p)
{
	static const char *const kinds[] = {"rollout", "rollback", "retraining"};
	int f = 1, g;
	char key[32];

	dk_buf_adds(b, "{");
	jstr(b, &f, "generator", "docket " DOCKET_VERSION);
	jstr(b, &f, "catalog_sha256", p->catalog_sha256);
	jkey(b, &f, "context");
	g = 1;
	dk_buf_adds(b, "{");
	snprintf(key, sizeof key, "CTX-%lld", (long long)c->id);
	jstr(b, &g, "key", key);
	jkey(b, &g, "revision");
	dk_buf_addf(b, "%lld", (long long)c->revision);
	for (int k = 0; k < DK_FIELD_COUNT; k++) {
		jkey(b, &g, dk_fields[k].name);
		jvalue(b, fv(c, k));
	}
	jstr(b, &g, "velocity", c->velocity);
	jkey(b, &g, "assumptions");
	jstrs(b, (const char *const *)c->assumptions, c->n_assumptions);
	jkey(b, &g, "out_of_scope");
	jstrs(b, (const char *const *)c->out_of_scope, c->n_out_of_scope);
	dk_buf_adds(b, "}");

	jkey(b, &f, "components");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_components; i++) {
		const struct dk_bp_component *x = &p->components[i];
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "area", x->area);
		jstr(b, &g, "component", x->component);
		jstr(b, &g, "choice", x->choice);
		jstr(b, &g, "alternative", x->alternative);
		jstr(b, &g, "tradeoff", x->tradeoff);
		dk_buf_adds(b, "}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "deferred");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_deferred; i++) {
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "area", p->deferred[i].area);
		jstr(b, &g, "component", p->deferred[i].component);
		jstr(b, &g, "add_when", p->deferred[i].add_when);
		dk_buf_adds(b, "}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "stages");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_stages; i++) {
		const struct dk_bp_stage *s = &p->stages[i];
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "name", s->name);
		jkey(b, &g, "order");
		dk_buf_addf(b, "%zu", i + 1);
		jkey(b, &g, "inputs");
		jstrs(b, s->inputs, s->n_inputs);
		jkey(b, &g, "outputs");
		jstrs(b, s->outputs, s->n_outputs);
		for (int k = 0; k < DK_FLAG_COUNT; k++) {
			jkey(b, &g, flag_names[k]);
			dk_buf_adds(b, s->flags[k] ? "true" : "false");
		}
		jkey(b, &g, "gates");
		dk_buf_adds(b, "[");
		for (size_t k = 0; k < s->n_gates; k++) {
			int h = 1;
			dk_buf_adds(b, k ? ",{" : "{");
			jstr(b, &h, "metric", s->gates[k].metric);
			jstr(b, &h, "op", s->gates[k].op);
			jkey(b, &h, "threshold");
			num(b, s->gates[k].threshold);
			dk_buf_adds(b, "}");
		}
		dk_buf_adds(b, "]}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "monitoring");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_monitoring; i++) {
		const struct dk_bp_monitor *m = &p->monitoring[i];
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "signal", m->signal);
		jstr(b, &g, "threshold", m->threshold);
		jstr(b, &g, "alert", m->alert);
		jstr(b, &g, "action", m->action);
		dk_buf_adds(b, "}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "rollout");
	dk_buf_adds(b, "{");
	g = 1;
	for (int k = 0; k < 3; k++) {
		int n = 0;
		jkey(b, &g, kinds[k]);
		dk_buf_adds(b, "[");
		for (size_t i = 0; i < p->n_rollout; i++)
			if (strcmp(p->rollout[i].kind, kinds[k]) == 0) {
				dk_buf_adds(b, n++ ? "," : "");
				dk_buf_json_string(b, p->rollout[i].text);
			}
		dk_buf_adds(b, "]");
	}
	dk_buf_adds(b, "}");
	jkey(b, &f, "first_steps");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_first_steps; i++) {
		dk_buf_adds(b, i ? ",\n" : "\n");
		dk_buf_json_string(b, p->first_steps[i].text);
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "proposed_decisions");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_decisions; i++) {
		const struct dk_bp_decision *d = &p->decisions[i];
		int h = 1;
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "title", d->title);
		jstr(b, &g, "area", d->area);
		jstr(b, &g, "component", d->component);
		jkey(b, &g, "options");
		dk_buf_adds(b, "[{");
		jstr(b, &h, "name", d->options[0]);
		dk_buf_adds(b, ",\"chosen\":true},{");
		h = 1;
		jstr(b, &h, "name", d->options[1]);
		dk_buf_adds(b, ",\"chosen\":false}]");
		jstr(b, &g, "rationale", d->rationale);
		dk_buf_adds(b, "}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &f, "proposed_risks");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_risks; i++) {
		const struct dk_bp_risk *r = &p->risks[i];
		g = 1;
		dk_buf_adds(b, i ? ",\n{" : "\n{");
		jstr(b, &g, "title", r->title);
		jstr(b, &g, "category", r->category);
		jkey(b, &g, "likelihood");
		dk_buf_addf(b, "%d", r->likelihood);
		jkey(b, &g, "impact");
		dk_buf_addf(b, "%d", r->impact);
		jstr(b, &g, "area", r->area);
		jstr(b, &g, "component", r->component);
		jstr(b, &g, "source", r->source);
		jstr(b, &g, "rationale", r->rationale);
		dk_buf_adds(b, "}");
	}
	dk_buf_adds(b, "]}\n");
}

int dk_blueprint_plan(const struct dk_bp_context *ctx, const struct dk_catalog *cat,
                      struct dk_plan **out, struct dk_error *err)
{
	struct dk_plan *p = calloc(1, sizeof *p);
	struct dk_buf md = {0}, json = {0}, both = {0};
	const struct dk_facts *f = &ctx->facts;
	int rc;

	*out = NULL;
	if (p == NULL || (p->pool = calloc(1, sizeof(struct pool))) == NULL) {
		free(p);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	memcpy(p->catalog_sha256, cat->sha256, sizeof p->catalog_sha256);
	if ((rc = plan_components(p, cat, f, err)) || (rc = plan_deferred(p, cat, f, err)) ||
	    (rc = plan_stages(p, cat, f, err)) || (rc = plan_texts(p, cat, f, err)) ||
	    (rc = plan_decisions(p, err)))
		goto fail;
	if (((struct pool *)p->pool)->failed) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	render_md(&md, ctx, p);
	render_json(&json, ctx, p);
	dk_buf_add(&both, md.p ? md.p : "", md.len);
	dk_buf_add(&both, json.p ? json.p : "", json.len);
	if (!dk_buf_ok(&md) || !dk_buf_ok(&json) || !dk_buf_ok(&both)) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	dk_sha256_hex(both.p, both.len, p->body_sha256);
	dk_buf_free(&both);
	p->md = md.p;
	p->json = json.p;
	*out = p;
	return DK_OK;
fail:
	dk_buf_free(&md);
	dk_buf_free(&json);
	dk_buf_free(&both);
	dk_plan_free(p);
	return rc;
}

/* ---- storage --------------------------------------------------------------- */

static const char SQL_INSERT[] =
	"INSERT INTO blueprint (uuid, context_id, source, generator_version, catalog_sha256,"
	"  body_md, body_json, body_sha256, status, supersedes_id, created_at, created_by) "
	"VALUES (docket_uuid(), :context, 'generated', :version, :catalog, :md, :json, :sha,"
	"  'draft', " DK_BLUEPRINT_PREVIOUS_SQL ", strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor())";

static const char SQL_ITEM[] =
	"INSERT INTO blueprint_item (uuid, blueprint_id, ordinal, area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, created_at, created_by) "
	"VALUES (docket_uuid(), :bp, :ordinal, :area, :component, :choice, :alternative,"
	"  :tradeoff, :deferred, :add_when, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor())";

static const char SQL_STAGE[] =
	"INSERT INTO stage (uuid, blueprint_id, ordinal, name, inputs, outputs, idempotent,"
	"  retryable, deps_pinned, seed_fixed, env_captured, data_versioned, created_at, created_by) "
	"VALUES (docket_uuid(), :bp, :ordinal, :name, :inputs, :outputs, :idempotent, :retryable,"
	"  :deps_pinned, :seed_fixed, :env_captured, :data_versioned,"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor())";

static const char SQL_GATE[] =
	"INSERT INTO gate (uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) "
	"VALUES (docket_uuid(), :stage, :metric, :op, :threshold, :today,"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor())";

static const char SQL_EXISTS[] = "SELECT id FROM blueprint WHERE id = :id";
static const char SQL_STATUS[] =
	"SELECT CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END "
	"FROM blueprint WHERE id = :id";
static const char SQL_APPROVE[] =
	"UPDATE blueprint SET status = 'approved', approved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	"  approved_by = docket_actor() WHERE id = :id";
/* An approved plan replaces the older approved plans of its system. */
static const char SQL_SUPERSEDE_OLDER[] =
	"UPDATE blueprint SET status = 'superseded' "
	"WHERE status = 'approved' AND id < :id AND context_id IN (SELECT c.id FROM context c"
	"  WHERE c.system = (SELECT x.system FROM blueprint b JOIN context x ON x.id = b.context_id"
	"    WHERE b.id = :id))";

static const char SQL_LIST[] =
	"SELECT 'BP-' || b.id AS key, 'CTX-' || b.context_id AS context, c.system, c.revision,"
	"  b.source, b.status,"
	"  (SELECT count(*) FROM blueprint_item i WHERE i.blueprint_id = b.id AND NOT i.deferred) AS components,"
	"  (SELECT count(*) FROM blueprint_item i WHERE i.blueprint_id = b.id AND i.deferred) AS deferred,"
	"  (SELECT count(*) FROM stage s WHERE s.blueprint_id = b.id) AS stages,"
	"  substr(b.catalog_sha256, 1, 12) AS catalog, b.created_at "
	"FROM blueprint b JOIN context c ON c.id = b.context_id ORDER BY b.id";

static const char SQL_GET[] =
	"SELECT 'BP-' || b.id AS key, 'CTX-' || b.context_id AS context, c.system, c.revision,"
	"  b.source, b.status, b.generator_version, b.catalog_sha256, b.body_sha256,"
	"  'BP-' || b.supersedes_id AS supersedes, b.approved_at, b.approved_by, b.created_at,"
	"  b.created_by, b.uuid "
	"FROM blueprint b JOIN context c ON c.id = b.context_id WHERE b.id = :id";

static const char SQL_ITEMS[] =
	"SELECT ordinal, area, component, choice, alternative, tradeoff, deferred, add_when "
	"FROM blueprint_item WHERE blueprint_id = :id ORDER BY ordinal";

static const char SQL_BODY[] =
	"SELECT iif(:json, body_json, body_md) FROM blueprint WHERE id = :id";

/* Items keyed by component; "before" and "after" say what each blueprint has. */
static const char SQL_DIFF[] =
	"WITH a AS (SELECT * FROM blueprint_item WHERE blueprint_id = :a),"
	"     b AS (SELECT * FROM blueprint_item WHERE blueprint_id = :b),"
	"     d AS ("
	"  SELECT 'removed' AS change, a.area, a.component, a.deferred AS ad, a.choice AS ac,"
	"         a.add_when AS aw, NULL AS bd, NULL AS bc, NULL AS bw, a.ordinal AS ord "
	"  FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.component = a.component)"
	"  UNION ALL"
	"  SELECT 'added', b.area, b.component, NULL, NULL, NULL, b.deferred, b.choice, b.add_when,"
	"         b.ordinal "
	"  FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.component = b.component)"
	"  UNION ALL"
	"  SELECT 'changed', b.area, b.component, a.deferred, a.choice, a.add_when, b.deferred,"
	"         b.choice, b.add_when, b.ordinal "
	"  FROM a JOIN b ON b.component = a.component"
	"  WHERE a.deferred <> b.deferred OR a.choice IS NOT b.choice OR a.alternative IS NOT b.alternative"
	"     OR a.tradeoff IS NOT b.tradeoff OR a.add_when IS NOT b.add_when)"
	"SELECT change, area, component,"
	"  CASE WHEN ad IS NULL THEN NULL WHEN ad THEN 'left out (add when ' || aw || ')' ELSE ac END AS before,"
	"  CASE WHEN bd IS NULL THEN NULL WHEN bd THEN 'left out (add when ' || bw || ')' ELSE bc END AS after "
	"FROM d ORDER BY CASE area WHEN 'data' THEN 1 WHEN 'training' THEN 2 WHEN 'packaging' THEN 3"
	"  WHEN 'serving' THEN 4 WHEN 'monitoring' THEN 5 ELSE 6 END, component";

static int step_done(struct dk_stmt *s, struct dk_error *err)
{
	int rc = dk_stmt_step(s, err);

	return rc == DK_DONE ? DK_OK : rc;
}

static int insert_item(struct dk_stmt *s, int64_t bp, int ordinal, const char *area,
                       const char *component, const char *choice, const char *alternative,
                       const char *tradeoff, const char *add_when, struct dk_error *err)
{
	dk_stmt_reset(s);
	dk_bind_int(s, ":bp", bp);
	dk_bind_int(s, ":ordinal", ordinal);
	dk_bind_text(s, ":area", area);
	dk_bind_text(s, ":component", component);
	dk_bind_text(s, ":choice", choice);
	dk_bind_text(s, ":alternative", alternative);
	dk_bind_text(s, ":tradeoff", tradeoff);
	dk_bind_int(s, ":deferred", add_when != NULL);
	dk_bind_text(s, ":add_when", add_when);
	return step_done(s, err);
}

static char *json_list(const char *const *v, size_t n)
{
	struct dk_buf b = {0};

	jstrs(&b, v, n);
	if (!dk_buf_ok(&b)) {
		dk_buf_free(&b);
		return NULL;
	}
	return b.p;
}

int dk_blueprint_insert(struct dk_db *db, int64_t context_id, const struct dk_plan *plan,
                        const char *today, int64_t *id, struct dk_error *err)
{
	struct dk_stmt s = {0}, g = {0};
	int rc, ordinal = 0;

	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":context", context_id);
	dk_bind_text(&s, ":version", DOCKET_VERSION);
	dk_bind_text(&s, ":catalog", plan->catalog_sha256);
	dk_bind_text(&s, ":md", plan->md);
	dk_bind_text(&s, ":json", plan->json);
	dk_bind_text(&s, ":sha", plan->body_sha256);
	rc = step_done(&s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(dk_db_sqlite(db));

	if ((rc = dk_stmt_prepare(db, &s, SQL_ITEM, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < plan->n_components && rc == DK_OK; i++) {
		const struct dk_bp_component *c = &plan->components[i];
		rc = insert_item(&s, *id, ++ordinal, c->area, c->component, c->choice, c->alternative,
		                 c->tradeoff, NULL, err);
	}
	for (size_t i = 0; i < plan->n_deferred && rc == DK_OK; i++) {
		const struct dk_bp_deferred *d = &plan->deferred[i];
		rc = insert_item(&s, *id, ++ordinal, d->area, d->component, NULL, NULL, NULL,
		                 d->add_when, err);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_STAGE, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &g, SQL_GATE, err)) != DK_OK) {
		dk_stmt_finalize(&s);
		return rc;
	}
	for (size_t i = 0; i < plan->n_stages && rc == DK_OK; i++) {
		const struct dk_bp_stage *st = &plan->stages[i];
		char *in = json_list(st->inputs, st->n_inputs), *out = json_list(st->outputs, st->n_outputs);
		int64_t stage_id;

		if (in == NULL || out == NULL) {
			free(in);
			free(out);
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		dk_stmt_reset(&s);
		dk_bind_int(&s, ":bp", *id);
		dk_bind_int(&s, ":ordinal", (int64_t)i + 1);
		dk_bind_text(&s, ":name", st->name);
		dk_bind_text(&s, ":inputs", in);
		dk_bind_text(&s, ":outputs", out);
		for (int k = 0; k < DK_FLAG_COUNT; k++) {
			char name[32];
			snprintf(name, sizeof name, ":%s", flag_names[k]);
			dk_bind_int(&s, name, st->flags[k]);
		}
		rc = step_done(&s, err);
		free(in);
		free(out);
		stage_id = sqlite3_last_insert_rowid(dk_db_sqlite(db));
		for (size_t k = 0; k < st->n_gates && rc == DK_OK; k++) {
			dk_stmt_reset(&g);
			dk_bind_int(&g, ":stage", stage_id);
			dk_bind_text(&g, ":metric", st->gates[k].metric);
			dk_bind_text(&g, ":op", st->gates[k].op);
			dk_bind_double(&g, ":threshold", st->gates[k].threshold);
			dk_bind_text(&g, ":today", today);
			rc = step_done(&g, err);
		}
	}
	dk_stmt_finalize(&s);
	dk_stmt_finalize(&g);
	return rc;
}

/* The due date of the plan's residual risks, from the owner's team policy,
 * which must exist. */
static int owner_due(struct dk_db *db, const struct dk_bp_context *ctx, size_t n_risks,
                     const char *today, char due[DK_DATE_LEN], struct dk_error *err)
{
	const char *owner = ctx->facts.v[DK_F_OWNER].text;
	char team[80];
	int rc;

	if ((rc = dk_risk_policy_due(db, owner, today, team, sizeof team, due, err)) != DK_OK)
		return rc;
	if (team[0] == '\0')
		return dk_fail(err, DK_EINPUT, "CTX-%lld's owner '%s' has no team, so no policy dates "
		               "the plan's %zu residual risk%s: add the owner with --team and give the "
		               "team a policy (docket policy set)", (long long)ctx->id, owner, n_risks,
		               n_risks == 1 ? "" : "s");
	if (due[0] == '\0')
		return dk_fail(err, DK_EINPUT, "team '%s' (CTX-%lld's owner '%s') has no policy to date "
		               "the plan's %zu residual risk%s: set one first (docket policy set %s "
		               "--appetite N --grace-days N --acceptance-days N --default-due-days N "
		               "--escalate-to HANDLE)", team, (long long)ctx->id, owner, n_risks,
		               n_risks == 1 ? "" : "s", team);
	return DK_OK;
}

/* Registers the plan's proposed decisions and residual risks, linked to
 * blueprint bp, inside the caller's transaction. */
static int propose(struct dk_db *db, const struct dk_bp_context *ctx, const struct dk_plan *plan,
                   int64_t bp, const char *today, const char *due, struct dk_error *err)
{
	int64_t *decision = calloc(plan->n_decisions + 1, sizeof *decision);
	char bp_key[DK_KEY_LEN], d_key[DK_KEY_LEN];
	int rc = DK_OK;

	if (decision == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	dk_key_format("BP", bp, bp_key);
	for (size_t i = 0; i < plan->n_decisions && rc == DK_OK; i++) {
		const struct dk_bp_decision *d = &plan->decisions[i];
		struct dk_option_in opts[2] = {{0}};
		struct dk_decision_in in = {0};
		struct dk_buf problem = {0}, name[2] = {{0}, {0}};

		/* option names are at most 200 characters */
		dk_buf_adds(&name[0], d->options[0]);
		dk_buf_adds(&name[1], d->options[1] ? d->options[1] : "");
		dk_buf_clip(&name[0], 200);
		dk_buf_clip(&name[1], 200);
		opts[0].name = dk_buf_str(&name[0]);
		opts[1].name = dk_buf_str(&name[1]);
		dk_buf_addf(&problem, "Which %s should %s use? %s (drawn for CTX-%lld) proposes %s, "
		            "with %s as the alternative.", d->component, ctx->facts.v[DK_F_SYSTEM].text,
		            bp_key, (long long)ctx->id, d->options[0],
		            d->options[1] && *d->options[1] ? d->options[1] : "no alternative");
		if (!dk_buf_ok(&problem) || !dk_buf_ok(&name[0]) || !dk_buf_ok(&name[1]))
			rc = dk_fail(err, DK_EDB, "out of memory");
		in.origin = DK_DECISION_NEW;
		in.title = d->title;
		in.area = d->area;
		in.problem = problem.p;
		in.options = opts;
		/* an alternative that is missing or the choice itself is no option */
		in.n_options = *opts[1].name && strcmp(opts[0].name, opts[1].name) != 0 ? 2 : 1;
		in.chosen = opts[0].name;
		in.rationale = d->rationale && *d->rationale ? d->rationale : d->title;
		in.blueprint_id = bp;
		in.context_id = ctx->id;
		if (rc == DK_OK)
			rc = dk_decision_insert(db, &in, &decision[i], err);
		dk_buf_free(&problem);
		dk_buf_free(&name[0]);
		dk_buf_free(&name[1]);
	}
	for (size_t i = 0; i < plan->n_risks && rc == DK_OK; i++) {
		const struct dk_bp_risk *k = &plan->risks[i];
		struct dk_risk_in in = {0};
		struct dk_buf desc = {0};
		char l[8], m[8];

		snprintf(l, sizeof l, "%d", k->likelihood);
		snprintf(m, sizeof m, "%d", k->impact);
		if (strcmp(k->source, "deferral") == 0)
			dk_buf_addf(&desc, "Left by %s, which leaves out %s (%s): add it when %s%s", bp_key,
			            k->component, k->area, k->rationale,
			            *k->rationale && k->rationale[strlen(k->rationale) - 1] == '.' ? "" : ".");
		else
			dk_buf_addf(&desc, "Left by the trade-off of %s (%s) in %s: %s", k->component,
			            k->area, bp_key, k->rationale);
		if (!dk_buf_ok(&desc)) {
			dk_buf_free(&desc);
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		in.title = k->title;
		in.description = desc.p;
		in.category = k->category;
		in.owner = ctx->facts.v[DK_F_OWNER].text;
		in.due = due;
		in.likelihood = l;
		in.impact = m;
		in.blueprint = bp_key;
		/* the decision of the same component, when the plan chose it */
		for (size_t j = 0; j < plan->n_decisions; j++)
			if (strcmp(plan->decisions[j].component, k->component) == 0) {
				dk_key_format("D", decision[j], d_key);
				in.decision = d_key;
			}
		rc = dk_risk_insert(db, &in, today, NULL, err);
		dk_buf_free(&desc);
	}
	free(decision);
	return rc;
}

int dk_blueprint_generate(struct dk_db *db, int64_t context_id, const struct dk_catalog *cat,
                          const char *today, int64_t *id, struct dk_plan **plan_out,
                          struct dk_error *err)
{
	struct dk_bp_context ctx;
	struct dk_plan *plan = NULL;
	char due[DK_DATE_LEN] = "";
	int rc;

	if (plan_out)
		*plan_out = NULL;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	rc = dk_context_exists(db, context_id, err);
	if (rc == DK_OK)
		rc = dk_bp_context_load(db, context_id, &ctx, err);
	else
		memset(&ctx, 0, sizeof ctx);
	if (rc == DK_OK)
		rc = dk_blueprint_plan(&ctx, cat, &plan, err);
	if (rc == DK_OK && plan->n_risks > 0)
		rc = owner_due(db, &ctx, plan->n_risks, today, due, err);
	if (rc == DK_OK)
		rc = dk_blueprint_insert(db, context_id, plan, today, id, err);
	if (rc == DK_OK)
		rc = propose(db, &ctx, plan, *id, today, due, err);
	dk_bp_context_free(&ctx);
	if (rc != DK_OK) {
		dk_db_rollback(db);
		dk_plan_free(plan);
		return rc;
	}
	if ((rc = dk_db_commit(db, err)) != DK_OK) {
		dk_plan_free(plan);
		return rc;
	}
	if (plan_out)
		*plan_out = plan;
	else
		dk_plan_free(plan);
	return DK_OK;
}

/* ---- reading ---------------------------------------------------------------- */

static int run_rows(struct dk_db *db, const char *sql, int64_t id, dk_row_fn fn, void *ctx,
                    struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (id)
		dk_bind_int(&s, ":id", id);
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_blueprint_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	struct dk_stmt s;
	int64_t x;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_EXISTS, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":id", id);
	rc = dk_stmt_one_int(&s, &x, &found, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no blueprint BP-%lld", (long long)id);
	return rc;
}

int dk_blueprint_list(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	return run_rows(db, SQL_LIST, 0, fn, ctx, err);
}

int dk_blueprint_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_blueprint_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, SQL_GET, id, fn, ctx, err);
}

int dk_blueprint_items(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                       struct dk_error *err)
{
	int rc = dk_blueprint_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, SQL_ITEMS, id, fn, ctx, err);
}

int dk_blueprint_body(struct dk_db *db, int64_t id, int json, char **out, struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	*out = NULL;
	if ((rc = dk_blueprint_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_BODY, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":id", id);
	dk_bind_int(&s, ":json", json != 0);
	rc = dk_stmt_step(&s, err);
	if (rc == DK_ROW) {
		const char *t = dk_col_text(&s, 0);
		*out = strdup(t ? t : "");
		rc = *out ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "there is no blueprint BP-%lld", (long long)id);
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_blueprint_diff(struct dk_db *db, int64_t a, int64_t b, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_blueprint_exists(db, a, err)) != DK_OK ||
	    (rc = dk_blueprint_exists(db, b, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_DIFF, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":a", a);
	dk_bind_int(&s, ":b", b);
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

static int ignore_row(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ctx;
	(void)ncol;
	(void)cells;
	(void)err;
	return DK_OK;
}

int dk_blueprint_approve(struct dk_db *db, int64_t id, struct dk_error *err)
{
	struct dk_check_counts n = {0, 0, 0};
	struct dk_stmt s;
	int64_t status = 0;
	int found = 0, rc;

	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_blueprint_exists(db, id, err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STATUS, err)) != DK_OK)
		goto fail;
	dk_bind_int(&s, ":id", id);
	rc = dk_stmt_one_int(&s, &status, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto fail;
	if (status != 0) {
		rc = dk_fail(err, DK_EINPUT, "BP-%lld is %s", (long long)id,
		             status == 1 ? "already approved" : "superseded: approve its successor");
		goto fail;
	}
	if ((rc = dk_check_blueprints(db, id, ignore_row, NULL, &n, err)) != DK_OK)
		goto fail;
	if (n.stop > 0) {
		rc = dk_fail(err, DK_EFAIL, "BP-%lld has %lld STOP finding%s: not approved (see 'docket "
		             "check --blueprint BP-%lld')", (long long)id, (long long)n.stop,
		             n.stop == 1 ? "" : "s", (long long)id);
		goto fail;
	}
	if ((rc = dk_db_exec_id(db, SQL_APPROVE, id, err)) != DK_OK ||
	    (rc = dk_db_exec_id(db, SQL_SUPERSEDE_OLDER, id, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}
