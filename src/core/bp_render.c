/* bp_render.c: a plan's Markdown and JSON bodies (dk_blueprint_render).
 * The bytes are part of the blueprint's hash: any change here changes the
 * body of every new blueprint, so keep it deterministic. */
#include "docket/blueprint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/text.h"
#include "docket/vocab.h"

/* ---- rendering ---------------------------------------------------------- */


/* A table cell: '|' escaped and HTML's <, > and & as entities, so a
 * catalog's text cannot carry markup into a rendered plan (bp_import.c
 * reads both back). */
static void md_cell(struct dk_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			dk_buf_adds(b, "\\|");
		else if (*s == '<')
			dk_buf_adds(b, "&lt;");
		else if (*s == '>')
			dk_buf_adds(b, "&gt;");
		else if (*s == '&')
			dk_buf_adds(b, "&amp;");
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

static const char *text_or(const struct dk_value *v, const char *none)
{
	return v->type == DK_T_TEXT ? v->text : none;
}

/* 1 when the plan uses tool index t: a component reuses it, or a choice
 * names it. */
static int used(const struct dk_plan *p, int t)
{
	for (size_t k = 0; k < p->n_components; k++)
		if (p->components[k].tool == t || dk_tool_named_in(&p->vocab->tools[t], p->components[k].choice))
			return 1;
	return 0;
}

/* One line per stack tool the plan reuses, naming the components it
 * supplies; the tools the site cannot use, and why; then the recognised
 * tools no part of the plan names. */
static void md_reused(struct dk_buf *b, const struct dk_facts *f, const struct dk_plan *p)
{
	const struct dk_value *stack = &f->v[DK_F_STACK];
	int unused = 0, unusable = 0;

	for (size_t i = 0; i < f->n_tool; i++) {
		int n = 0, dup = 0;

		if (f->tool[i] < 0)
			continue;
		for (size_t j = 0; j < i; j++)
			dup |= f->tool[j] == f->tool[i];
		for (size_t k = 0; k < p->n_components && !dup; k++) {
			if (p->components[k].tool != f->tool[i])
				continue;
			if (n++ == 0) {
				const char *title = p->vocab->tools[f->tool[i]].title;
				dk_buf_addf(b, "- From the stack, %s", stack->list[i]);
				if (strcasecmp(title, stack->list[i]) != 0)
					dk_buf_addf(b, " (%s)", title);
				dk_buf_adds(b, " supplies: ");
			} else {
				dk_buf_adds(b, ", ");
			}
			dk_buf_adds(b, p->components[k].component);
		}
		if (n)
			dk_buf_adds(b, "\n");
	}
	for (size_t i = 0; i < p->n_words; i++) {
		if (p->word_why[i] == NULL)
			continue;
		dk_buf_adds(b, unusable++ ? "; " : "- In the stack, not usable here: ");
		dk_buf_addf(b, "%s (%s)", stack->list[i], p->word_why[i]);
	}
	if (unusable)
		dk_buf_adds(b, "\n");
	for (size_t i = 0; i < f->n_tool; i++) {
		int dup = 0;

		if (f->tool[i] < 0)
			continue;
		for (size_t j = 0; j < i; j++)
			dup |= f->tool[j] == f->tool[i];
		if (dup || used(p, f->tool[i]))
			continue;
		dk_buf_adds(b, unused++ ? ", " : "- In the stack, not named by this plan: ");
		dk_buf_adds(b, stack->list[i]);
	}
	if (unused)
		dk_buf_adds(b, "\n");
}

/* "a, b (c?)": the words, each with the name it was likely meant to be. */
static void md_words(struct dk_buf *b, const char *const *v, const char *const *near, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dk_buf_addf(b, "%s%s", i ? ", " : "", v[i]);
		if (near[i])
			dk_buf_addf(b, " (%s?)", near[i]);
	}
}

static void md_summary(struct dk_buf *b, const struct dk_bp_context *c, const struct dk_facts *f,
                       const struct dk_plan *p)
{
	const struct dk_value *v;

	dk_buf_adds(b, "## 1. Context summary\n\n");
	dk_buf_addf(b, "- Problem type: %s; model: %s; runs on %s\n", fv(c, DK_F_PROBLEM)->text,
	            text_or(fv(c, DK_F_MODEL_KIND), "classical"),
	            strcmp(text_or(fv(c, DK_F_DEPLOY_TARGET), "server"), "edge") == 0 ? "edge devices"
	                                                                              : "servers");
	dk_buf_adds(b, "- Latency and scale: p95 budget ");
	md_num_or(b, fv(c, DK_F_LATENCY_P95_MS), " ms", "not stated");
	if (fv(c, DK_F_LATENCY_P95_MS)->type == DK_T_NUM && fv(c, DK_F_MODEL_KIND)->type == DK_T_TEXT &&
	    strcmp(fv(c, DK_F_MODEL_KIND)->text, "llm") == 0)
		dk_buf_adds(b, " (to the first token)");
	dk_buf_adds(b, "; throughput ");
	md_num_or(b, fv(c, DK_F_THROUGHPUT_RPS), " per second", "not stated");
	dk_buf_adds(b, "; availability ");
	md_num_or(b, fv(c, DK_F_AVAILABILITY_PCT), "%", "not stated");
	dk_buf_adds(b, "; data ");
	md_num_or(b, fv(c, DK_F_DATA_GB), " GB", "volume not stated");
	if (c->velocity) {
		dk_buf_addf(b, ", arriving %s", c->velocity);
		if (fv(c, DK_F_VELOCITY_GB_DAY)->type == DK_T_NUM) {
			double gb = fv(c, DK_F_VELOCITY_GB_DAY)->num;
			/* as much precision as the rate's size deserves */
			dk_buf_adds(b, " (");
			num(b, gb >= 100 ? round(gb) : round(gb * 1000) / 1000);
			dk_buf_adds(b, " GB a day)");
		}
	}
	v = fv(c, DK_F_LABEL_DELAY_DAYS);
	if (v->type == DK_T_NUM) {
		dk_buf_adds(b, "; labels arrive after ");
		num(b, v->num);
		dk_buf_adds(b, v->num == 1 ? " day\n" : " days\n");
	} else {
		dk_buf_adds(b, "; label delay not stated\n");
	}
	dk_buf_adds(b, "- Team: ");
	md_num_or(b, fv(c, DK_F_TEAM_SIZE),
	          fv(c, DK_F_TEAM_SIZE)->type == DK_T_NUM && fv(c, DK_F_TEAM_SIZE)->num == 1 ? " person" : " people",
	          "size not stated");
	dk_buf_addf(b, "; owner %s; pipelines ", fv(c, DK_F_OWNER)->text);
	md_num_or(b, fv(c, DK_F_PIPELINES), "", "not stated");
	dk_buf_adds(b, "\n- Constraints: cloud ");
	if (p->cloud_from)
		dk_buf_addf(b, "%s (not given: read from the stack's %s)", f->v[DK_F_CLOUD].text,
		            p->cloud_from);
	else
		dk_buf_adds(b, text_or(fv(c, DK_F_CLOUD), "not stated"));
	dk_buf_addf(b, "; on premises %s; air-gapped %s; GPU %s; compliance ",
	            fv(c, DK_F_ON_PREM)->b ? "yes" : "no", fv(c, DK_F_AIR_GAPPED)->b ? "yes" : "no",
	            !fv(c, DK_F_GPU)->b ? (c->gpu_stated ? "no" : "not needed (not stated)")
	            : c->gpu_stated ? "yes" : "not stated, so taken as needed for an LLM the team serves");
	v = fv(c, DK_F_COMPLIANCE);
	md_list(b, v->list, v->n, "none");
	dk_buf_adds(b, "; budget ");
	md_num_or(b, fv(c, DK_F_BUDGET_USD_MONTH), " USD/month", "not stated");
	dk_buf_adds(b, "\n- Existing stack: ");
	v = fv(c, DK_F_STACK);
	md_list(b, v->list, v->n, "none stated");
	if (p->n_unknown) {
		dk_buf_adds(b, "; not recognised (they change nothing in this plan): ");
		md_words(b, p->unknown, p->unknown_near, p->n_unknown);
	}
	dk_buf_adds(b, "\n");
	md_reused(b, f, p);
	dk_buf_addf(b, "- Features shared across models or online and offline: %s; retraining: ",
	            fv(c, DK_F_SHARED_FEATURES)->b ? "yes" : "no");
	v = fv(c, DK_F_RETRAIN);
	md_list(b, v->list, v->type == DK_T_LIST ? v->n : 0, "not stated");
	dk_buf_adds(b, "\n");
	if (p->n_regimes) {
		dk_buf_adds(b, "- Compliance regimes no catalog rule names (only the generic controls apply): ");
		md_words(b, p->regimes, p->regimes_near, p->n_regimes);
		dk_buf_adds(b, "\n");
	}
	for (size_t i = 0; i < p->n_notes; i++)
		dk_buf_addf(b, "- Note: %s\n", p->notes[i]);
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
				dk_buf_addf(b, "%s%s", n++ ? ", " : "", dk_flag_words[f]);
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

static void render_md(struct dk_buf *b, const struct dk_bp_context *c, const struct dk_facts *f,
                      const struct dk_plan *p)
{
	dk_buf_addf(b, "# Blueprint: %s (CTX-%lld, revision %lld)\n\n", fv(c, DK_F_SYSTEM)->text,
	            (long long)c->id, (long long)c->revision);
	dk_buf_addf(b, "Generated by docket %s from rule catalog %.12s. The same context and catalog "
	            "give the same bytes.\n\n", DOCKET_VERSION, p->catalog_sha256);
	md_summary(b, c, f, p);
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

static void jrule(struct dk_buf *b, int *first, const char *file, int line)
{
	char rule[600];

	snprintf(rule, sizeof rule, "%s:%d", file, line);
	jstr(b, first, "rule", rule);
}

/* The stack as the plan read it: each word, the tool it names (or null)
 * and that tool's kinds; the cloud read from it; what the catalog does not
 * know; what does not agree. */
static void json_stack(struct dk_buf *b, int *first, const struct dk_facts *f,
                       const struct dk_plan *p)
{
	const struct dk_value *stack = &f->v[DK_F_STACK];
	int g = 1;

	jkey(b, first, "stack");
	dk_buf_adds(b, "{");
	jkey(b, &g, "tools");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_words; i++) {
		const struct dk_tool *t = p->word_tool[i] >= 0 ? &p->vocab->tools[p->word_tool[i]] : NULL;
		int h = 1;

		dk_buf_adds(b, i ? ",{" : "{");
		jstr(b, &h, "word", stack->list[i]);
		jstr(b, &h, "tool", t ? t->name : NULL);
		jkey(b, &h, "usable");
		dk_buf_adds(b, t && !p->word_why[i] ? "true" : "false");
		jstr(b, &h, "not_usable_because", p->word_why[i]);
		jkey(b, &h, "named");
		dk_buf_adds(b, t && !p->word_why[i] && used(p, p->word_tool[i]) ? "true" : "false");
		jkey(b, &h, "kinds");
		dk_buf_adds(b, "[");
		for (size_t k = 0; t && k < t->n_kinds; k++) {
			dk_buf_adds(b, k ? "," : "");
			dk_buf_json_string(b, t->kinds[k].kind);
		}
		dk_buf_adds(b, "]");
		jkey(b, &h, "supplies");
		dk_buf_adds(b, "[");
		for (size_t k = 0, n = 0; t && f->tool[i] >= 0 && k < p->n_components; k++)
			if (p->components[k].tool == f->tool[i]) {
				dk_buf_adds(b, n++ ? "," : "");
				dk_buf_json_string(b, p->components[k].component);
			}
		dk_buf_adds(b, "]}");
	}
	dk_buf_adds(b, "]");
	jkey(b, &g, "unknown");
	jstrs(b, p->unknown, p->n_unknown);
	jkey(b, &g, "unknown_meant");
	dk_buf_adds(b, "[");
	for (size_t i = 0; i < p->n_unknown; i++) {
		dk_buf_adds(b, i ? "," : "");
		if (p->unknown_near[i])
			dk_buf_json_string(b, p->unknown_near[i]);
		else
			dk_buf_adds(b, "null");
	}
	dk_buf_adds(b, "]");
	jstr(b, &g, "cloud", f->v[DK_F_CLOUD].type == DK_T_TEXT ? f->v[DK_F_CLOUD].text : NULL);
	jstr(b, &g, "cloud_from", p->cloud_from);
	dk_buf_adds(b, "}");
	jkey(b, first, "regimes_without_rules");
	jstrs(b, p->regimes, p->n_regimes);
	jkey(b, first, "notes");
	jstrs(b, p->notes, p->n_notes);
}

static void render_json(struct dk_buf *b, const struct dk_bp_context *c, const struct dk_facts *ff,
                        const struct dk_plan *p)
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
	json_stack(b, &f, ff, p);

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
		jkey(b, &g, "weight");
		dk_buf_addf(b, "%d", x->weight);
		jstr(b, &g, "reuses", x->tool >= 0 ? p->vocab->tools[x->tool].name : NULL);
		jrule(b, &g, x->file, x->line);
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
		jrule(b, &g, p->deferred[i].file, p->deferred[i].line);
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
			jkey(b, &g, dk_flag_names[k]);
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


int dk_blueprint_render(const struct dk_bp_context *ctx, const struct dk_facts *f,
                        struct dk_plan *p, struct dk_error *err)
{
	struct dk_buf md = {0}, json = {0}, both = {0};

	render_md(&md, ctx, f, p);
	render_json(&json, ctx, f, p);
	dk_buf_add(&both, md.p ? md.p : "", md.len);
	dk_buf_add(&both, json.p ? json.p : "", json.len);
	if (!dk_buf_ok(&md) || !dk_buf_ok(&json) || !dk_buf_ok(&both)) {
		dk_buf_free(&md);
		dk_buf_free(&json);
		dk_buf_free(&both);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	dk_sha256_hex(both.p, both.len, p->body_sha256);
	dk_buf_free(&both);
	p->md = md.p;
	p->json = json.p;
	return DK_OK;
}
