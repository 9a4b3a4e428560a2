/* catalog_lint.c: what loading a catalog cannot see (dk_catalog_lint):
 * rules no context can reach, rules that claim to reuse a stack tool when
 * the stack may have none, and template cells or thresholds that a context
 * the row applies to leaves without a value.
 *
 * Each question is a search for a witness context. The fields a question
 * reads get candidate values: every enumerated value, yes and no, null,
 * and for numbers the points where a comparison that reads only that field
 * changes its value (found by bisection) with a step either side; lists
 * get their small subsets of the items conditions name, and the stack
 * one tool for each combination of the kinds that matter. Fields are
 * assigned one at a time and the conditions evaluated with the rest
 * unknown, so a branch stops as soon as it cannot succeed. A witness is a
 * whole context and is checked with the real evaluator; "no witness" is
 * only claimed when the search ran to its end (a search that runs out of
 * steps claims nothing). */
#include "docket/catalog.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/text.h"
#include "docket/vocab.h"

#define MAX_CANDIDATES 64   /* values tried per scalar field */
#define MAX_ITEMS 48        /* list items considered */
#define MAX_KINDS 48        /* kinds of tool one question names */
#define MAX_SUBSETS 1600    /* list values tried */
#define MAX_STEPS 400000    /* assignments per question */
#define MAX_LITS 96

/* A question: every lits[i] must have the value want[i]; then last, if set,
 * must hold for the whole context. */
struct question {
	const struct dk_cond *lits[MAX_LITS];
	int want[MAX_LITS];
	int n;
	const struct dk_cond *null_expr;  /* a witness makes this null */
	const char *no_kind;              /* a witness has no stack tool of this kind */
};

struct listval {
	const char *items[3];
	int tool[3];   /* stack: vocabulary indexes */
	size_t n;
};

struct search {
	const struct dk_catalog *cat;
	const struct question *q;
	unsigned char used[DK_FIELD_COUNT];
	int order[DK_FIELD_COUNT], n_order;
	double num[DK_FIELD_COUNT][MAX_CANDIDATES];
	int n_num[DK_FIELD_COUNT];           /* candidates; a NaN stands for null */
	struct listval lists[3][MAX_SUBSETS]; /* stack, compliance, retrain */
	int n_list[3];
	const char *texts[DK_FIELD_COUNT][8];
	int n_text[DK_FIELD_COUNT];
	struct dk_facts f;
	unsigned char known[DK_FIELD_COUNT];
	long steps;
	int out_of_steps;
	int truncated;      /* a candidate set was cut short: "no witness" proves nothing */
	const struct dk_cond *constraints[4]; /* what every real context obeys */
	int n_constraints;
};

static int list_slot(int field)
{
	return field == DK_F_STACK ? 0 : field == DK_F_COMPLIANCE ? 1 : 2;
}

/* ---- candidates --------------------------------------------------------- */

static void add_num(struct search *s, int field, double x)
{
	const struct dk_field_info *fi = &dk_fields[field];

	if (!isnan(x)) {
		if (x < fi->min || x > fi->max)
			return;
		if (fi->whole)
			x = floor(x);
	}
	for (int i = 0; i < s->n_num[field]; i++)
		if ((isnan(x) && isnan(s->num[field][i])) || s->num[field][i] == x)
			return;
	if (s->n_num[field] < MAX_CANDIDATES)
		s->num[field][s->n_num[field]++] = x;
	else
		s->truncated = 1;
}

/* The value of boolean c with only field set to x (others as in s->f). */
static int holds_at(struct search *s, const struct dk_cond *c, int field, double x)
{
	struct dk_value v;

	dk_facts_set_num(&s->f, field, x);
	dk_cond_eval(c, &s->f, &v);
	return v.type == DK_T_BOOL && v.b;
}

struct visit {
	struct search *s;
};

/* Where a comparison that reads one number field changes its value. */
static void compare_points(void *ctx, const struct dk_cond *c)
{
	struct search *s = ((struct visit *)ctx)->s;
	unsigned char used[DK_FIELD_COUNT] = {0};
	static const double ladder[] = {0, 0.001, 0.01, 0.1, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3,
		2e3, 5e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12};
	double grid[40];
	int field = -1, n = 0, count = 0;

	if (dk_cond_node(c) != DK_C_COMPARE)
		return;
	dk_cond_fields(c, used);
	for (int i = 0; i < DK_FIELD_COUNT; i++)
		if (used[i]) {
			field = i;
			count++;
		}
	if (count != 1 || dk_fields[field].type != DK_T_NUM)
		return;
	grid[n++] = dk_fields[field].min;
	for (size_t i = 0; i < sizeof ladder / sizeof ladder[0]; i++)
		if (ladder[i] > dk_fields[field].min && ladder[i] < dk_fields[field].max)
			grid[n++] = ladder[i];
	grid[n++] = dk_fields[field].max;
	for (int i = 0; i + 1 < n; i++) {
		double lo = grid[i], hi = grid[i + 1];
		int a = holds_at(s, c, field, lo), b = holds_at(s, c, field, hi);

		add_num(s, field, lo);
		if (a == b)
			continue;
		for (int k = 0; k < 60 && hi - lo > 1e-9 * (fabs(lo) + 1); k++) {
			double mid = (lo + hi) / 2;
			if (holds_at(s, c, field, mid) == a)
				lo = mid;
			else
				hi = mid;
		}
		/* both sides of the edge, and for whole numbers the integers around it */
		add_num(s, field, lo);
		add_num(s, field, hi);
		if (dk_fields[field].whole) {
			add_num(s, field, floor(lo));
			add_num(s, field, ceil(hi));
		}
	}
	s->f.v[field].type = DK_T_NULL;
}

struct items {
	const char *v[MAX_ITEMS];
	int n;
	int truncated;
};

static void add_item(struct items *it, const char *x)
{
	for (int i = 0; i < it->n; i++)
		if (strcmp(it->v[i], x) == 0)
			return;
	if (it->n < MAX_ITEMS)
		it->v[it->n++] = x;
	else
		it->truncated = 1;
}

struct named {
	struct search *s;
	struct items lists[3];        /* texts 'has' names, per list */
	const char *kinds[MAX_KINDS]; /* kinds 'has kind' and tool() name */
	int n_kinds;
	int truncated;
};

static void collect_named(void *ctx, const struct dk_cond *c)
{
	struct named *nm = ctx;
	int node = dk_cond_node(c);

	if (node == DK_C_HAS) {
		const struct dk_cond *list = dk_cond_operand(c, 0);
		const char *text = dk_cond_text(c);
		int field = dk_cond_field(list);
		if (text && field >= 0)
			add_item(&nm->lists[list_slot(field)], text);
	} else if (node == DK_C_HAS_KIND || node == DK_C_TOOL) {
		for (int i = 0; i < nm->n_kinds; i++)
			if (strcmp(nm->kinds[i], dk_cond_text(c)) == 0)
				return;
		if (nm->n_kinds < MAX_KINDS)
			nm->kinds[nm->n_kinds++] = dk_cond_text(c);
		else
			nm->truncated = 1;
	}
}

/* Two tools no condition of the question can tell apart: the same named
 * kinds, each the first kind of both or of neither, and both or neither a
 * managed platform (tool() ranks by those). */
static int alike(const struct dk_tool *x, const struct dk_tool *y, const struct named *nm)
{
	if (dk_tool_has_kind(x, "managed-platform") != dk_tool_has_kind(y, "managed-platform"))
		return 0;
	for (int k = 0; k < nm->n_kinds; k++)
		if (dk_tool_has_kind(x, nm->kinds[k]) != dk_tool_has_kind(y, nm->kinds[k]) ||
		    (strcmp(x->kinds[0].kind, nm->kinds[k]) == 0) != (strcmp(y->kinds[0].kind, nm->kinds[k]) == 0))
			return 0;
	return 1;
}

static int named_kinds(const struct dk_tool *t, const struct named *nm)
{
	int n = 0;

	for (int k = 0; k < nm->n_kinds; k++)
		n += dk_tool_has_kind(t, nm->kinds[k]);
	return n;
}

/* The empty list, every item alone, every pair and, for a few items, every
 * three. */
static void add_subsets(struct search *s, int slot, const char *const *items, const int *tools,
                        int n)
{
	struct listval *out = s->lists[slot];
	int m = 0;

	out[m++] = (struct listval){{0}, {0}, 0};
	for (int a = 0; a < n; a++)
		for (int b = a; b < n; b++)
			for (int c = b; c < n; c++) {
				int size = a == b ? 1 : b == c ? 2 : 3;
				int idx[3] = {a, b, c};

				/* each subset once: a alone, a < b (with c == b), a < b < c */
				if ((a == b && b != c) || (size == 3 && n > 8))
					continue;
				if (m == MAX_SUBSETS) {
					s->truncated = 1;
					continue;
				}
				out[m] = (struct listval){{0}, {0}, (size_t)size};
				for (int k = 0; k < size; k++) {
					int at = size == 2 && k == 1 ? idx[2] : idx[k];
					out[m].items[k] = items[at];
					out[m].tool[k] = tools ? tools[at] : -1;
				}
				m++;
			}
	s->n_list[slot] = m;
}

static void candidates(struct search *s, const struct dk_cond *const *conds, int n)
{
	struct named nm;
	struct visit v = {s};

	memset(&nm, 0, sizeof nm);
	nm.s = s;
	if (s->q->no_kind)
		nm.kinds[nm.n_kinds++] = s->q->no_kind;
	for (int i = 0; i < n; i++) {
		dk_cond_fields(conds[i], s->used);
		dk_cond_visit(conds[i], collect_named, &nm);
	}
	/* the fields the last check reads first: a value it needs decides a
	 * branch at once, instead of after every other field */
	{
		unsigned char early[DK_FIELD_COUNT] = {0};
		if (s->q->null_expr)
			dk_cond_fields(s->q->null_expr, early);
		if (s->q->no_kind)
			early[DK_F_STACK] = 1;
		for (int pass = 0; pass < 2; pass++)
			for (int field = 0; field < DK_FIELD_COUNT; field++)
				if (s->used[field] && early[field] == (pass == 0))
					s->order[s->n_order++] = field;
	}
	for (int field = 0; field < DK_FIELD_COUNT; field++) {
		const struct dk_field_info *fi = &dk_fields[field];

		if (!s->used[field])
			continue;
		if (fi->type == DK_T_NUM) {
			add_num(s, field, NAN);
		} else if (fi->type == DK_T_TEXT) {
			/* problem, model_kind, deploy_target, system and owner always have a value */
			if (field != DK_F_PROBLEM && field != DK_F_MODEL_KIND && field != DK_F_DEPLOY_TARGET &&
			    field != DK_F_SYSTEM && field != DK_F_OWNER)
				s->texts[field][s->n_text[field]++] = NULL;
			for (int k = 0; fi->values && fi->values[k] && s->n_text[field] < 8; k++)
				s->texts[field][s->n_text[field]++] = fi->values[k];
			if (fi->values == NULL)
				s->texts[field][s->n_text[field]++] = "x";
		}
	}
	for (int i = 0; i < n; i++)
		dk_cond_visit(conds[i], compare_points, &v);
	/* the stack: each named tool, and one tool for each way the named kinds
	 * can combine in one */
	if (s->used[DK_F_STACK]) {
		const char *items[MAX_ITEMS];
		int tools[MAX_ITEMS], m = 0;

		for (int i = 0; i < nm.lists[0].n; i++) {
			int t = dk_vocab_find(&s->cat->vocab, nm.lists[0].v[i]);
			if (t >= 0 && m < MAX_ITEMS) {
				tools[m] = t;
				items[m++] = s->cat->vocab.tools[t].name;
			}
		}
		int named = m;
		for (size_t t = 0; t < s->cat->vocab.n; t++) {
			const struct dk_tool *x = &s->cat->vocab.tools[t];
			int dup = named_kinds(x, &nm) == 0;
			/* a named tool stands for itself, not for the tools like it */
			for (int k = 0; k < m && !dup; k++)
				dup = tools[k] == (int)t || (k >= named && alike(&s->cat->vocab.tools[tools[k]], x, &nm));
			if (dup)
				continue;
			if (m == MAX_ITEMS) {
				s->truncated = 1;
				break;
			}
			tools[m] = (int)t;
			items[m++] = x->name;
		}
		add_subsets(s, 0, items, tools, m);
	}
	for (int slot = 1; slot < 3; slot++) {
		int field = slot == 1 ? DK_F_COMPLIANCE : DK_F_RETRAIN;
		if (!s->used[field])
			continue;
		if (slot == 1)
			add_item(&nm.lists[1], "other-regime"); /* count(compliance) > 0 without a named one */
		add_subsets(s, slot, nm.lists[slot].v, NULL, nm.lists[slot].n);
	}
	s->truncated |= nm.truncated || nm.lists[0].truncated || nm.lists[1].truncated ||
	                nm.lists[2].truncated;
}

/* ---- searching ------------------------------------------------------------ */

static void set_list(struct search *s, int field, const struct listval *v)
{
	s->f.v[field].type = DK_T_LIST;
	s->f.v[field].list = v->items;
	s->f.v[field].n = v->n;
	if (field == DK_F_STACK) {
		s->f.tool = (int *)v->tool;
		s->f.n_tool = v->n;
	}
}

/* 0: some literal fails; 1: all hold; 2: not decided yet. A constraint
 * that reads a field the question does not is left to that field's
 * default, which obeys it. */
static int status(struct search *s)
{
	int open = 0;

	for (int i = 0; i < s->n_constraints + s->q->n; i++) {
		int constraint = i < s->n_constraints;
		const struct dk_cond *c = constraint ? s->constraints[i] : s->q->lits[i - s->n_constraints];
		int want = constraint ? 1 : s->q->want[i - s->n_constraints];
		struct dk_value v;

		dk_cond_eval_partial(c, &s->f, s->known, &v);
		if (v.type == DK_T_UNKNOWN)
			open |= !constraint;
		else if ((v.type == DK_T_BOOL && v.b) != want)
			return 0;
	}
	return open ? 2 : 1;
}

/* With the conditions met: 1 this is a witness, 0 no completion is, 2 it
 * depends on fields not yet assigned. */
static int witness(struct search *s)
{
	struct dk_value v;

	if (s->q->no_kind) {
		if (!s->known[DK_F_STACK])
			return 2;
		if (dk_facts_tool(&s->f, s->q->no_kind) >= 0)
			return 0;
	}
	if (s->q->null_expr) {
		dk_cond_eval_partial(s->q->null_expr, &s->f, s->known, &v);
		return v.type == DK_T_NULL ? 1 : v.type == DK_T_UNKNOWN ? 2 : 0;
	}
	return 1;
}

static int dfs(struct search *s, int depth)
{
	int st, field, n;

	if (++s->steps > MAX_STEPS) {
		s->out_of_steps = 1;
		return 0;
	}
	if ((st = status(s)) == 0)
		return 0;
	if (st == 1 && (st = witness(s)) != 2)
		return st;
	if (depth == s->n_order)
		return 0;
	field = s->order[depth];
	n = dk_fields[field].type == DK_T_NUM ? s->n_num[field]
	  : dk_fields[field].type == DK_T_TEXT ? s->n_text[field]
	  : dk_fields[field].type == DK_T_BOOL ? 2 : s->n_list[list_slot(field)];
	s->known[field] = 1;
	for (int i = 0; i < n && !s->out_of_steps; i++) {
		switch (dk_fields[field].type) {
		case DK_T_NUM:
			if (isnan(s->num[field][i]))
				s->f.v[field].type = DK_T_NULL;
			else
				dk_facts_set_num(&s->f, field, s->num[field][i]);
			break;
		case DK_T_TEXT:
			s->f.v[field].type = s->texts[field][i] ? DK_T_TEXT : DK_T_NULL;
			s->f.v[field].text = s->texts[field][i];
			break;
		case DK_T_BOOL: dk_facts_set_bool(&s->f, field, i); break;
		default: set_list(s, field, &s->lists[list_slot(field)][i]); break;
		}
		if (dfs(s, depth + 1))
			return 1;
	}
	s->known[field] = 0;
	return 0;
}

/* 1: a witness exists; 0: none does; -1: the search ran out of steps. */
static int solve(const struct dk_catalog *cat, const struct question *q,
                 const struct dk_cond *const *constraints, int n_constraints)
{
	const struct dk_cond *all[MAX_LITS + 8];
	struct search *s = calloc(1, sizeof *s);
	int n = 0, found;

	if (s == NULL)
		return -1;
	s->cat = cat;
	s->q = q;
	s->f.vocab = &cat->vocab;
	for (int i = 0; i < q->n; i++)
		all[n++] = q->lits[i];
	if (q->null_expr)
		all[n++] = q->null_expr;
	for (int i = 0; i < n_constraints; i++)
		s->constraints[s->n_constraints++] = constraints[i];
	if (q->no_kind)
		s->used[DK_F_STACK] = 1;
	candidates(s, all, n);
	/* a constraint is only checked on fields the question reads */
	found = dfs(s, 0);
	found = found ? 1 : s->out_of_steps || s->truncated ? -1 : 0;
	free(s);
	return found;
}

/* ---- the checks ------------------------------------------------------------ */

struct lint {
	const struct dk_catalog *cat;
	const struct dk_cond *constraints[4];
	int n_constraints;
	dk_row_fn fn;
	void *ctx;
	size_t findings, undecided;
	struct dk_error *err;
};

static int finding(struct lint *l, const char *file, int line, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int finding(struct lint *l, const char *file, int line, const char *check, const char *fmt, ...)
{
	char msg[800], where[600];
	va_list ap;
	struct dk_cell cells[3] = {{"rule", where, DK_CELL_TEXT}, {"check", check, DK_CELL_TEXT},
	                           {"finding", msg, DK_CELL_TEXT}};

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(where, sizeof where, "%s:%d", file, line);
	l->findings++;
	return l->fn(l->ctx, 3, cells, l->err);
}

static int ask(struct lint *l, const struct question *q)
{
	int r = solve(l->cat, q, l->constraints, l->n_constraints);

	if (r < 0)
		l->undecided++;
	return r;
}

/* The question "rule i of a first-match list is reached": its condition
 * holds and no earlier rule of the same name does. */
static void reached(struct question *q, const struct dk_cond *cond,
                    const struct dk_cond *const *earlier, int n_earlier)
{
	memset(q, 0, sizeof *q);
	q->lits[q->n] = cond;
	q->want[q->n++] = 1;
	for (int i = 0; i < n_earlier && q->n < MAX_LITS; i++) {
		q->lits[q->n] = earlier[i];
		q->want[q->n++] = 0;
	}
}

static int check_templates(struct lint *l, const struct question *reach, const char *file,
                           int line, const struct dk_template *const *t, int nt)
{
	int rc = DK_OK;

	for (int k = 0; k < nt && rc == DK_OK; k++)
		for (size_t e = 0; e < t[k]->n && rc == DK_OK; e++) {
			struct question q = *reach;
			q.null_expr = t[k]->expr[e];
			if (ask(l, &q) == 1)
				rc = finding(l, file, line, "needs-a-field", "'%.200s' can be left without a "
				             "value where the row applies (generate then refuses the context): "
				             "guard the condition so that what it reads has a value ('field != "
				             "null', and '> 0' for a divisor)", t[k]->src);
		}
	return rc;
}

static int lint_components(struct lint *l)
{
	const struct dk_catalog *cat = l->cat;
	const struct dk_cond **earlier = malloc((cat->n_components + 1) * sizeof *earlier);
	int rc = DK_OK;

	if (earlier == NULL)
		return dk_fail(l->err, DK_EDB, "out of memory");
	for (size_t i = 0; i < cat->n_components && rc == DK_OK; i++) {
		const struct dk_cat_component *r = &cat->components[i];
		const struct dk_template *t[3] = {&r->choice, &r->alternative, &r->tradeoff};
		struct question q;
		int n = 0, r1;

		for (size_t j = 0; j < i; j++)
			if (strcmp(cat->components[j].component, r->component) == 0)
				earlier[n++] = cat->components[j].cond;
		reached(&q, r->cond, earlier, n > MAX_LITS - 1 ? MAX_LITS - 1 : n);
		if ((r1 = ask(l, &q)) == 0) {
			rc = finding(l, r->file, r->line, "unreachable", "no context reaches this rule of "
			             "'%s': an earlier rule of it holds wherever this one does", r->component);
			continue;
		}
		if (r1 < 0)
			continue;
		if (r->reuses) {
			struct question k = q;
			k.no_kind = r->reuses;
			if (ask(l, &k) == 1 &&
			    (rc = finding(l, r->file, r->line, "reuses-nothing", "reuses a stack tool of kind "
			                  "%s, but it can be chosen when the stack has none (test 'stack has kind "
			                  "'%s'' in the condition)", r->reuses, r->reuses)) != DK_OK)
				break;
		}
		rc = check_templates(l, &q, r->file, r->line, t, 3);
	}
	free(earlier);
	return rc;
}

static int lint_deferred(struct lint *l)
{
	const struct dk_catalog *cat = l->cat;
	int rc = DK_OK;

	for (size_t i = 0; i < cat->n_deferred && rc == DK_OK; i++) {
		const struct dk_cat_deferred *r = &cat->deferred[i];
		const struct dk_template *t[1] = {&r->add_when};
		const struct dk_cond *rules[MAX_LITS];
		struct question q;
		int n = 0;

		for (size_t j = 0; j < cat->n_components && n < MAX_LITS - 1; j++)
			if (strcmp(cat->components[j].component, r->component) == 0)
				rules[n++] = cat->components[j].cond;
		for (size_t j = 0; j < i && n < MAX_LITS - 1; j++)
			if (strcmp(cat->deferred[j].component, r->component) == 0)
				rules[n++] = cat->deferred[j].cond;
		reached(&q, r->cond, rules, n);
		q.no_kind = r->kind;
		if (ask(l, &q) == 0)
			rc = finding(l, r->file, r->line, "unreachable", "no context lists this deferral of "
			             "'%s': wherever its condition holds, a rule chooses the component%s or an "
			             "earlier deferral of it is listed", r->component,
			             r->kind ? ", the stack has its kind" : "");
		else
			rc = check_templates(l, &q, r->file, r->line, t, 1);
	}
	return rc;
}

static int lint_stages(struct lint *l)
{
	const struct dk_catalog *cat = l->cat;
	int rc = DK_OK;

	for (size_t i = 0; i < cat->n_stages && rc == DK_OK; i++) {
		const struct dk_cond *earlier[MAX_LITS];
		struct question q;
		int n = 0;

		for (size_t j = 0; j < i && n < MAX_LITS - 1; j++)
			if (cat->stages[j].order == cat->stages[i].order)
				earlier[n++] = cat->stages[j].cond;
		reached(&q, cat->stages[i].cond, earlier, n);
		if (ask(l, &q) == 0)
			rc = finding(l, cat->stages[i].file, cat->stages[i].line, "unreachable", "no context "
			             "reaches this rule of stage %s: an earlier one holds wherever it does",
			             dk_stage_names[cat->stages[i].order]);
	}
	return rc;
}

/* Rows every one of which applies when its condition holds. */
static int lint_row(struct lint *l, const char *file, int line, const struct dk_cond *cond,
                    const struct dk_template *const *t, int nt, const struct dk_cond *threshold,
                    const char *what)
{
	struct question q;
	int r;

	reached(&q, cond, NULL, 0);
	if ((r = ask(l, &q)) == 0)
		return finding(l, file, line, "unreachable", "no context meets this %s's condition", what);
	if (r < 0)
		return DK_OK;
	if (threshold) {
		struct question n = q;
		n.null_expr = threshold;
		if (ask(l, &n) == 1)
			return finding(l, file, line, "needs-a-field", "the threshold can be left without a "
			               "value where the gate applies (generate then refuses the context): "
			               "guard the condition so that what it reads has a value ('field != "
			               "null', and '> 0' for a divisor)");
	}
	return check_templates(l, &q, file, line, t, nt);
}

static int lint_rows(struct lint *l)
{
	const struct dk_catalog *cat = l->cat;
	int rc = DK_OK;

	for (size_t i = 0; i < cat->n_gates && rc == DK_OK; i++)
		rc = lint_row(l, cat->gates[i].file, cat->gates[i].line, cat->gates[i].cond, NULL, 0,
		              cat->gates[i].threshold, "gate");
	for (size_t i = 0; i < cat->n_monitoring && rc == DK_OK; i++) {
		const struct dk_cat_monitor *m = &cat->monitoring[i];
		const struct dk_template *t[4] = {&m->signal, &m->threshold, &m->alert, &m->action};
		rc = lint_row(l, m->file, m->line, m->cond, t, 4, NULL, "signal");
	}
	for (size_t i = 0; i < cat->n_rollout && rc == DK_OK; i++) {
		const struct dk_template *t[1] = {&cat->rollout[i].text};
		rc = lint_row(l, cat->rollout[i].file, cat->rollout[i].line, cat->rollout[i].cond, t, 1,
		              NULL, "pattern");
	}
	for (size_t i = 0; i < cat->n_first_steps && rc == DK_OK; i++) {
		const struct dk_template *t[1] = {&cat->first_steps[i].text};
		rc = lint_row(l, cat->first_steps[i].file, cat->first_steps[i].line,
		              cat->first_steps[i].cond, t, 1, NULL, "step");
	}
	return rc;
}

int dk_catalog_lint(const struct dk_catalog *cat, dk_row_fn fn, void *ctx, size_t *findings,
                    size_t *undecided, struct dk_error *err)
{
	/* what every context docket stores obeys (the context module's checks) */
	static const char *const rules[] = {
		"not (on_prem and (cloud == 'aws' or cloud == 'gcp' or cloud == 'azure'))",
		"not air_gapped or on_prem",
		"not retrieval or model_kind == 'llm'",
	};
	struct lint l = {cat, {0}, 0, fn, ctx, 0, 0, err};
	struct dk_cond_error e;
	int rc;

	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if ((l.constraints[l.n_constraints++] = dk_cond_parse(rules[i], DK_T_BOOL, &e)) == NULL) {
			rc = dk_fail(err, DK_EDB, "lint constraint: %s", e.msg);
			goto out;
		}
	if ((rc = lint_components(&l)) == DK_OK && (rc = lint_deferred(&l)) == DK_OK &&
	    (rc = lint_stages(&l)) == DK_OK)
		rc = lint_rows(&l);
	*findings = l.findings;
	*undecided = l.undecided;
out:
	for (int i = 0; i < l.n_constraints; i++)
		dk_cond_free((struct dk_cond *)l.constraints[i]);
	return rc;
}
