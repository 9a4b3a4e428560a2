/* cond_eval.c: evaluating a parsed condition over facts, in full or with
 * some fields unknown (the lint), explaining its value in words, and
 * looking inside the tree (docket/cond.h). */
#include "docket/cond.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cond_tree.h"
#include "docket/text.h"
#include "docket/vocab.h"

static int equal(const struct dk_value *x, const struct dk_value *y)
{
	if (x->type == DK_T_NULL || y->type == DK_T_NULL)
		return x->type == y->type;
	switch (x->type) {
	case DK_T_NUM: return x->num == y->num;
	case DK_T_BOOL: return x->b == y->b;
	case DK_T_TEXT: return strcmp(x->text, y->text) == 0;
	case DK_T_LIST:
		if (x->n != y->n)
			return 0;
		for (size_t i = 0; i < x->n; i++)
			if (strcmp(x->list[i], y->list[i]) != 0)
				return 0;
		return 1;
	}
	return 0;
}

static void set_bool(struct dk_value *out, int b)
{
	memset(out, 0, sizeof *out);
	out->type = DK_T_BOOL;
	out->b = b != 0;
}

static void set_unknown(struct dk_value *out)
{
	memset(out, 0, sizeof *out);
	out->type = DK_T_UNKNOWN;
}

/* list has item, for N_HAS node c. */
static int has(const struct dk_cond *c, const struct dk_facts *f, const struct dk_value *list,
               const struct dk_value *item)
{
	char want[256], got[256];
	int tool = c->tool;

	if (item->type != DK_T_TEXT)
		return 0; /* a text field that was not given is null: no list has it */
	if (c->a->op == N_FIELD && c->a->field == DK_F_STACK && f->vocab) {
		if (tool < 0)
			tool = dk_vocab_find(f->vocab, item->text);
		for (size_t i = 0; tool >= 0 && i < f->n_tool; i++)
			if (f->tool[i] == tool)
				return 1;
		if (tool >= 0)
			return 0;
	}
	if (c->text)
		snprintf(want, sizeof want, "%s", c->text);
	else
		dk_fold(item->text, want, sizeof want);
	for (size_t i = 0; i < list->n; i++) {
		dk_fold(list->list[i], got, sizeof got);
		if (strcmp(got, want) == 0)
			return 1;
	}
	return 0;
}

static int has_kind(const struct dk_facts *f, const char *kind)
{
	for (size_t i = 0; f->vocab && i < f->n_tool; i++)
		if (f->tool[i] >= 0 && dk_tool_has_kind(&f->vocab->tools[f->tool[i]], kind))
			return 1;
	return 0;
}

static int unknown(const unsigned char *known, int field)
{
	return known && !known[field];
}

static void eval(const struct dk_cond *c, const struct dk_facts *f, const unsigned char *known,
                 struct dk_value *out)
{
	struct dk_value x, y;

	memset(out, 0, sizeof *out);
	switch (c->op) {
	case N_NUM:
		out->type = DK_T_NUM;
		out->num = c->num;
		return;
	case N_TEXT:
		out->type = DK_T_TEXT;
		out->text = c->text;
		return;
	case N_BOOL: set_bool(out, c->num != 0); return;
	case N_NULL: return;
	case N_FIELD:
		if (unknown(known, c->field)) {
			set_unknown(out);
			return;
		}
		*out = f->v[c->field];
		/* booleans are never null: a flag not given is false */
		if (dk_fields[c->field].type == DK_T_BOOL && out->type != DK_T_BOOL)
			set_bool(out, 0);
		if (dk_fields[c->field].type == DK_T_LIST && out->type != DK_T_LIST) {
			out->type = DK_T_LIST;
			out->n = 0;
		}
		return;
	case N_HAS_KIND:
		if (unknown(known, DK_F_STACK))
			set_unknown(out);
		else
			set_bool(out, has_kind(f, c->text));
		return;
	case N_TOOL: {
		int t;
		if (unknown(known, DK_F_STACK)) {
			set_unknown(out);
			return;
		}
		if ((t = dk_facts_tool(f, c->text)) >= 0) {
			out->type = DK_T_TEXT;
			out->text = dk_tool_product(&f->vocab->tools[t], c->text);
		}
		return;
	}
	case N_NOT:
		eval(c->a, f, known, &x);
		if (x.type == DK_T_UNKNOWN)
			set_unknown(out);
		else
			set_bool(out, !x.b);
		return;
	case N_AND:
	case N_OR: {
		int decisive = c->op == N_OR; /* the value that decides the whole */
		eval(c->a, f, known, &x);
		if (x.type == DK_T_BOOL && x.b == decisive) {
			set_bool(out, decisive);
			return;
		}
		eval(c->b, f, known, &y);
		if (y.type == DK_T_BOOL && y.b == decisive)
			set_bool(out, decisive);
		else if (x.type == DK_T_UNKNOWN || y.type == DK_T_UNKNOWN)
			set_unknown(out);
		else
			set_bool(out, !decisive);
		return;
	}
	case N_COUNT:
		eval(c->a, f, known, &x);
		if (x.type == DK_T_UNKNOWN) {
			set_unknown(out);
			return;
		}
		out->type = DK_T_NUM;
		out->num = (double)x.n;
		return;
	case N_NEG:
	case N_CEIL:
	case N_FLOOR:
	case N_ROUND:
		eval(c->a, f, known, &x);
		if (x.type == DK_T_UNKNOWN) {
			set_unknown(out);
			return;
		}
		if (x.type != DK_T_NUM)
			return;
		out->type = DK_T_NUM;
		out->num = c->op == N_NEG ? -x.num : c->op == N_CEIL ? ceil(x.num)
		         : c->op == N_FLOOR ? floor(x.num) : round(x.num);
		return;
	default:
		break;
	}
	eval(c->a, f, known, &x);
	eval(c->b, f, known, &y);
	if (x.type == DK_T_UNKNOWN || y.type == DK_T_UNKNOWN) {
		set_unknown(out);
		return;
	}
	switch (c->op) {
	case N_EQ: set_bool(out, equal(&x, &y)); return;
	case N_NE: set_bool(out, !equal(&x, &y)); return;
	case N_HAS: set_bool(out, has(c, f, &x, &y)); return;
	default:
		break;
	}
	if (x.type != DK_T_NUM || y.type != DK_T_NUM) {
		if (c->type == DK_T_BOOL)
			set_bool(out, 0);
		return; /* null arithmetic stays null */
	}
	switch (c->op) {
	case N_LT: set_bool(out, x.num < y.num); return;
	case N_LE: set_bool(out, x.num <= y.num); return;
	case N_GT: set_bool(out, x.num > y.num); return;
	case N_GE: set_bool(out, x.num >= y.num); return;
	case N_ADD: out->num = x.num + y.num; break;
	case N_SUB: out->num = x.num - y.num; break;
	case N_MUL: out->num = x.num * y.num; break;
	case N_MIN: out->num = x.num < y.num ? x.num : y.num; break;
	case N_MAX: out->num = x.num > y.num ? x.num : y.num; break;
	case N_DIV:
		if (y.num == 0)
			return;
		out->num = x.num / y.num;
		break;
	}
	out->type = isfinite(out->num) ? DK_T_NUM : DK_T_NULL;
}

void dk_cond_eval(const struct dk_cond *c, const struct dk_facts *f, struct dk_value *out)
{
	eval(c, f, NULL, out);
}

void dk_cond_eval_partial(const struct dk_cond *c, const struct dk_facts *f,
                          const unsigned char *known, struct dk_value *out)
{
	eval(c, f, known, out);
}

int dk_cond_holds(const struct dk_cond *c, const struct dk_facts *f)
{
	struct dk_value v;

	eval(c, f, NULL, &v);
	return v.type == DK_T_BOOL && v.b;
}

int dk_cond_type(const struct dk_cond *c) { return c->type; }

int dk_cond_is_true(const struct dk_cond *c) { return c->op == N_BOOL && c->num != 0; }

/* ---- explanations ---------------------------------------------------- */

static void value_words(struct dk_buf *b, const struct dk_value *v)
{
	char n[32];

	switch (v->type) {
	case DK_T_NULL: dk_buf_adds(b, "not given"); break;
	case DK_T_NUM:
		dk_num_format(v->num, n);
		dk_buf_adds(b, n);
		break;
	case DK_T_BOOL: dk_buf_adds(b, v->b ? "yes" : "no"); break;
	case DK_T_TEXT: dk_buf_adds(b, v->text); break;
	case DK_T_LIST:
		for (size_t i = 0; i < v->n; i++)
			dk_buf_addf(b, "%s%s", i ? ", " : "", v->list[i]);
		if (v->n == 0)
			dk_buf_adds(b, "empty");
		break;
	}
}

struct seen {
	unsigned char field[DK_FIELD_COUNT];
	const struct dk_cond *kinds[16]; /* has kind and tool() nodes */
	int n_kinds;
};

static void collect(void *ctx, const struct dk_cond *c)
{
	struct seen *s = ctx;

	if (c->op == N_FIELD)
		s->field[c->field] = 1;
	if ((c->op == N_HAS_KIND || c->op == N_TOOL) && s->n_kinds < 16)
		s->kinds[s->n_kinds++] = c;
}

/* "(team_size is 2; stack: postgresql, cron)" for the fields leaf reads. */
static void leaf_facts(struct dk_buf *b, const struct dk_cond *leaf, const struct dk_facts *f)
{
	struct seen s;
	int n = 0;

	memset(&s, 0, sizeof s);
	dk_cond_visit(leaf, collect, &s);
	for (int i = 0; i < DK_FIELD_COUNT; i++) {
		struct dk_value v;
		struct dk_cond field = {.op = N_FIELD, .type = dk_fields[i].type, .field = i};

		if (!s.field[i] && !(i == DK_F_STACK && s.n_kinds > 0))
			continue;
		eval(&field, f, NULL, &v);
		dk_buf_adds(b, n++ ? "; " : " (");
		dk_buf_addf(b, "%s is ", dk_fields[i].name);
		value_words(b, &v);
	}
	for (int k = 0; k < s.n_kinds; k++) {
		int t = dk_facts_tool(f, s.kinds[k]->text);
		dk_buf_adds(b, n++ ? "; " : " (");
		if (t >= 0)
			dk_buf_addf(b, "%s supplies %s: %s", f->vocab->tools[t].name, s.kinds[k]->text,
			            dk_tool_product(&f->vocab->tools[t], s.kinds[k]->text));
		else
			dk_buf_addf(b, "no stack tool is of kind %s", s.kinds[k]->text);
	}
	if (n)
		dk_buf_adds(b, ")");
}

static void explain(const struct dk_cond *c, const struct dk_facts *f, struct dk_buf *b,
                    int *first);

/* The parts of an and/or chain, left to right. */
static void chain_parts(const struct dk_cond *c, int op, const struct dk_cond **parts, int *n,
                        int max)
{
	if (c->op == op) {
		chain_parts(c->a, op, parts, n, max);
		chain_parts(c->b, op, parts, n, max);
	} else if (*n < max) {
		parts[(*n)++] = c;
	}
}

static void explain(const struct dk_cond *c, const struct dk_facts *f, struct dk_buf *b,
                    int *first)
{
	struct dk_value v;

	eval(c, f, NULL, &v);
	if (c->op == N_AND || c->op == N_OR) {
		const struct dk_cond *parts[64];
		int n = 0, decisive = c->op == N_OR;

		chain_parts(c, c->op, parts, &n, 64);
		for (int i = 0; i < n; i++) {
			struct dk_value p;
			eval(parts[i], f, NULL, &p);
			/* a deciding part explains the whole; otherwise every part does */
			if (v.b == decisive && p.b != decisive)
				continue;
			explain(parts[i], f, b, first);
			if (v.b == decisive)
				return;
		}
		return;
	}
	if (c->op == N_NOT && (c->a->op == N_AND || c->a->op == N_OR || c->a->op == N_NOT)) {
		explain(c->a, f, b, first);
		return;
	}
	dk_buf_adds(b, *first ? "" : "; ");
	*first = 0;
	if (c->op == N_BOOL) {
		dk_buf_adds(b, c->num ? "unconditional (true)" : "never (false)");
		return;
	}
	dk_buf_addf(b, "%s is %s", c->src ? c->src : "the condition",
	            v.type == DK_T_BOOL && v.b ? "true" : "false");
	leaf_facts(b, c, f);
}

void dk_cond_explain(const struct dk_cond *c, const struct dk_facts *f, struct dk_buf *out)
{
	int first = 1;

	explain(c, f, out, &first);
}

/* ---- looking inside ------------------------------------------------- */

int dk_cond_node(const struct dk_cond *c)
{
	switch (c->op) {
	case N_FIELD: return DK_C_FIELD;
	case N_NUM: return DK_C_NUMBER;
	case N_TEXT: return DK_C_TEXT;
	case N_LT: case N_LE: case N_GT: case N_GE: case N_EQ: case N_NE: return DK_C_COMPARE;
	case N_HAS: return DK_C_HAS;
	case N_HAS_KIND: return DK_C_HAS_KIND;
	case N_TOOL: return DK_C_TOOL;
	default: return DK_C_OTHER;
	}
}

const struct dk_cond *dk_cond_operand(const struct dk_cond *c, int i)
{
	return i == 0 ? c->a : i == 1 ? c->b : NULL;
}

const char *dk_cond_text(const struct dk_cond *c)
{
	return c->op == N_HAS ? (c->b->op == N_TEXT ? c->b->text : NULL) : c->text;
}

int dk_cond_field(const struct dk_cond *c) { return c->op == N_FIELD ? c->field : -1; }

void dk_cond_visit(const struct dk_cond *c, void (*fn)(void *ctx, const struct dk_cond *node),
                   void *ctx)
{
	if (c == NULL)
		return;
	fn(ctx, c);
	dk_cond_visit(c->a, fn, ctx);
	dk_cond_visit(c->b, fn, ctx);
}

static void mark_field(void *ctx, const struct dk_cond *c)
{
	unsigned char *used = ctx;

	if (c->op == N_FIELD)
		used[c->field] = 1;
	if (c->op == N_HAS_KIND || c->op == N_TOOL)
		used[DK_F_STACK] = 1;
}

void dk_cond_fields(const struct dk_cond *c, unsigned char used[DK_FIELD_COUNT])
{
	dk_cond_visit(c, mark_field, used);
}

void dk_num_format(double x, char out[32])
{
	double a = fabs(x);

	if (x == 0)
		x = 0; /* no "-0" */
	snprintf(out, 32, "%.10g", x);
	/* small and large ordinary numbers without an exponent: 0.000077, not 7.7e-05 */
	if (strchr(out, 'e') && a >= 1e-9 && a < 1e15) {
		int digits = a < 1 ? 9 - (int)floor(log10(a)) : 0;
		char *end;
		snprintf(out, 32, "%.*f", digits > 20 ? 20 : digits, x);
		if (strchr(out, '.')) {
			for (end = out + strlen(out) - 1; *end == '0'; end--)
				*end = '\0';
			if (*end == '.')
				*end = '\0';
		}
	}
}
