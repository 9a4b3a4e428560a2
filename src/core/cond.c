/* cond.c: the condition language's fields and its parser (docket/cond.h). */
#include "docket/cond.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_tree.h"
#include "docket/context.h"
#include "docket/text.h"
#include "docket/vocab.h"

const struct dk_field_info dk_fields[DK_FIELD_COUNT] = {
	[DK_F_PROBLEM] = {"problem", DK_T_TEXT, dk_context_problems, 0, 0, 0},
	[DK_F_MODEL_KIND] = {"model_kind", DK_T_TEXT, dk_context_model_kinds, 0, 0, 0},
	[DK_F_DEPLOY_TARGET] = {"deploy_target", DK_T_TEXT, dk_context_deploy_targets, 0, 0, 0},
	[DK_F_LATENCY_P95_MS] = {"latency_p95_ms", DK_T_NUM, NULL, 1, 3600000, 1},
	[DK_F_THROUGHPUT_RPS] = {"throughput_rps", DK_T_NUM, NULL, 0, 1e7, 0},
	[DK_F_AVAILABILITY_PCT] = {"availability_pct", DK_T_NUM, NULL, 50, 99.9999, 0},
	[DK_F_DATA_GB] = {"data_gb", DK_T_NUM, NULL, 0, 1e9, 0},
	[DK_F_VELOCITY_GB_DAY] = {"velocity_gb_day", DK_T_NUM, NULL, 0, 1e12, 0},
	[DK_F_LABEL_DELAY_DAYS] = {"label_delay_days", DK_T_NUM, NULL, 0, 3650, 1},
	[DK_F_TEAM_SIZE] = {"team_size", DK_T_NUM, NULL, 1, 100000, 1},
	[DK_F_PIPELINES] = {"pipelines", DK_T_NUM, NULL, 1, 100000, 1},
	[DK_F_STACK] = {"stack", DK_T_LIST, NULL, 0, 0, 0},
	[DK_F_CLOUD] = {"cloud", DK_T_TEXT, dk_context_clouds, 0, 0, 0},
	[DK_F_ON_PREM] = {"on_prem", DK_T_BOOL, NULL, 0, 0, 0},
	[DK_F_AIR_GAPPED] = {"air_gapped", DK_T_BOOL, NULL, 0, 0, 0},
	[DK_F_GPU] = {"gpu", DK_T_BOOL, NULL, 0, 0, 0},
	[DK_F_RETRIEVAL] = {"retrieval", DK_T_BOOL, NULL, 0, 0, 0},
	[DK_F_COMPLIANCE] = {"compliance", DK_T_LIST, NULL, 0, 0, 0},
	[DK_F_BUDGET_USD_MONTH] = {"budget_usd_month", DK_T_NUM, NULL, 0, 1e9, 0},
	[DK_F_SHARED_FEATURES] = {"shared_features", DK_T_BOOL, NULL, 0, 0, 0},
	[DK_F_RETRAIN] = {"retrain", DK_T_LIST, dk_context_retrains, 0, 0, 0},
	[DK_F_SYSTEM] = {"system", DK_T_TEXT, NULL, 0, 0, 0},
	[DK_F_OWNER] = {"owner", DK_T_TEXT, NULL, 0, 0, 0},
};

static const char *const type_names[] = {"null", "a number", "a text", "a list", "a boolean",
                                         "unknown"};

struct parser {
	const char *src;           /* the whole expression */
	const char *s;             /* the next unread byte */
	const struct dk_vocab *vocab; /* tools `stack has` may name, or NULL */
	struct dk_cond_error *e;
	int failed;
	int depth;                 /* nesting of (), calls, not and unary - */
	int nodes;                 /* tree nodes made so far */
};

/* Nesting deeper than any real condition would overflow the stack. */
#define MAX_DEPTH 100
/* Evaluating and freeing recurse too, down chains like a and b and c ... */
#define MAX_NODES 2000

static size_t char_pos(const struct parser *p, const char *at)
{
	size_t n = 1;

	for (const char *q = p->src; q < at; q++)
		n += ((unsigned char)*q & 0xc0) != 0x80;
	return n;
}

static struct dk_cond *perr(struct parser *p, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct dk_cond *perr(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = 1;
	p->e->pos = char_pos(p, at);
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof p->e->msg, fmt, ap);
	va_end(ap);
	return NULL;
}

static void skip_ws(struct parser *p)
{
	while (*p->s == ' ' || *p->s == '\t')
		p->s++;
}

/* 1 when the next token is the word w (not a prefix of a longer name). */
static int word(struct parser *p, const char *w)
{
	size_t n = strlen(w);

	skip_ws(p);
	if (strncmp(p->s, w, n) != 0 || isalnum((unsigned char)p->s[n]) || p->s[n] == '_')
		return 0;
	p->s += n;
	return 1;
}

static int punct(struct parser *p, const char *t)
{
	size_t n = strlen(t);

	skip_ws(p);
	if (strncmp(p->s, t, n) != 0)
		return 0;
	p->s += n;
	return 1;
}

static struct dk_cond *node(struct parser *p, int op, int type, struct dk_cond *a,
                            struct dk_cond *b)
{
	struct dk_cond *c = NULL;

	if (++p->nodes <= MAX_NODES)
		c = calloc(1, sizeof *c);
	if (c == NULL) {
		dk_cond_free(a);
		dk_cond_free(b);
		if (p->nodes > MAX_NODES)
			return perr(p, p->s, "the expression has more than %d parts", MAX_NODES);
		return perr(p, p->s, "out of memory");
	}
	c->op = op;
	c->type = type;
	c->tool = -1;
	c->a = a;
	c->b = b;
	return c;
}

/* Keeps the text of c, from start to where the parser is, for explanations. */
static struct dk_cond *spanned(struct parser *p, struct dk_cond *c, const char *start)
{
	const char *end = p->s;

	if (c == NULL || c->src != NULL)
		return c;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if ((c->src = strndup(start, (size_t)(end - start))) == NULL) {
		dk_cond_free(c);
		return perr(p, start, "out of memory");
	}
	return c;
}

static struct dk_cond *parse_or(struct parser *p);

/* Enters one level of nesting at at; 0 (with the error set) when too deep. */
static int deeper(struct parser *p, const char *at)
{
	if (++p->depth <= MAX_DEPTH)
		return 1;
	perr(p, at, "the expression is nested more than %d deep", MAX_DEPTH);
	return 0;
}

static struct dk_cond *need(struct parser *p, struct dk_cond *c, const char *at, int type,
                            const char *what)
{
	int got;

	if (c == NULL || c->type == type)
		return c;
	got = c->type;
	dk_cond_free(c);
	return perr(p, at, "%s needs %s, not %s", what, type_names[type], type_names[got]);
}

/* A kind named in 'has kind' or tool(): one of the vocabulary's kinds. */
static int known_kind(struct parser *p, const struct dk_cond *t, const char *at)
{
	if (dk_tool_kind_known(t->text))
		return 1;
	perr(p, at, "'%.40s' is not a kind of tool (the kinds are listed in "
	     "share/catalog/README.md)", t->text);
	return 0;
}

static struct dk_cond *parse_text(struct parser *p)
{
	const char *at = p->s, *end;
	struct dk_cond *c;
	char q = *p->s++;

	if ((end = strchr(p->s, q)) == NULL)
		return perr(p, at, "a text is not closed (missing %c)", q);
	if ((c = node(p, N_TEXT, DK_T_TEXT, NULL, NULL)) == NULL)
		return NULL;
	if ((c->text = strndup(p->s, (size_t)(end - p->s))) == NULL) {
		dk_cond_free(c);
		return perr(p, at, "out of memory");
	}
	p->s = end + 1;
	return c;
}

/* name "(" args ")" after name; the calls that take numbers. */
static struct dk_cond *parse_call(struct parser *p, const char *at, const char *name, int op,
                                  int nargs)
{
	struct dk_cond *a = NULL, *b = NULL;
	const char *in;

	if (!punct(p, "("))
		return perr(p, p->s, "'%s' needs '(' and %s", name, nargs == 1 ? "a number" : "two numbers");
	if (!deeper(p, at))
		return NULL;
	skip_ws(p);
	in = p->s;
	a = need(p, parse_or(p), in, DK_T_NUM, "a number function");
	if (a && nargs == 2) {
		if (!punct(p, ",")) {
			dk_cond_free(a);
			p->depth--;
			return perr(p, p->s, "expected ',' and a second number here");
		}
		skip_ws(p);
		in = p->s;
		if ((b = need(p, parse_or(p), in, DK_T_NUM, "a number function")) == NULL) {
			dk_cond_free(a);
			a = NULL;
		}
	}
	p->depth--;
	if (a == NULL)
		return NULL;
	if (!punct(p, ")")) {
		dk_cond_free(a);
		dk_cond_free(b);
		return perr(p, p->s, "expected ')' here");
	}
	return node(p, op, DK_T_NUM, a, b);
}

static struct dk_cond *parse_word(struct parser *p)
{
	static const struct { const char *name; int op, nargs; } calls[] = {
		{"ceil", N_CEIL, 1}, {"floor", N_FLOOR, 1}, {"round", N_ROUND, 1},
		{"min", N_MIN, 2}, {"max", N_MAX, 2},
	};
	const char *at = p->s;
	struct dk_cond *c;
	size_t n = 0;

	while (isalnum((unsigned char)p->s[n]) || p->s[n] == '_')
		n++;
	if (n == 4 && strncmp(p->s, "true", 4) == 0) {
		p->s += 4;
		if ((c = node(p, N_BOOL, DK_T_BOOL, NULL, NULL)) != NULL)
			c->num = 1;
		return c;
	}
	if (n == 5 && strncmp(p->s, "false", 5) == 0) {
		p->s += 5;
		return node(p, N_BOOL, DK_T_BOOL, NULL, NULL);
	}
	if (n == 4 && strncmp(p->s, "null", 4) == 0) {
		p->s += 4;
		return node(p, N_NULL, DK_T_NULL, NULL, NULL);
	}
	if (n == 5 && strncmp(p->s, "count", 5) == 0) {
		const char *in;
		p->s += 5;
		if (!punct(p, "("))
			return perr(p, p->s, "count needs '(' and a list");
		skip_ws(p);
		in = p->s;
		if (!deeper(p, in))
			return NULL;
		c = parse_or(p);
		p->depth--;
		if (c == NULL)
			return NULL;
		if (c->type != DK_T_LIST) {
			dk_cond_free(c);
			return perr(p, in, "count needs a list (stack, compliance or retrain)");
		}
		if (!punct(p, ")")) {
			dk_cond_free(c);
			return perr(p, p->s, "expected ')' here");
		}
		return node(p, N_COUNT, DK_T_NUM, c, NULL);
	}
	if (n == 4 && strncmp(p->s, "tool", 4) == 0) {
		const char *in;
		p->s += 4;
		if (!punct(p, "("))
			return perr(p, p->s, "tool needs '(' and a kind ('orchestrator')");
		skip_ws(p);
		in = p->s;
		if (*p->s != '\'' && *p->s != '"')
			return perr(p, in, "tool needs a kind in quotes ('orchestrator')");
		if ((c = parse_text(p)) == NULL)
			return NULL;
		if (!known_kind(p, c, in)) {
			dk_cond_free(c);
			return NULL;
		}
		if (!punct(p, ")")) {
			dk_cond_free(c);
			return perr(p, p->s, "expected ')' here");
		}
		c->op = N_TOOL;
		return c;
	}
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (strlen(calls[i].name) == n && strncmp(p->s, calls[i].name, n) == 0) {
			p->s += n;
			return parse_call(p, at, calls[i].name, calls[i].op, calls[i].nargs);
		}
	for (int f = 0; f < DK_FIELD_COUNT; f++)
		if (strlen(dk_fields[f].name) == n && strncmp(p->s, dk_fields[f].name, n) == 0) {
			p->s += n;
			if ((c = node(p, N_FIELD, dk_fields[f].type, NULL, NULL)) != NULL)
				c->field = f;
			return c;
		}
	{
		char list[600] = "";
		size_t used = 0;
		for (int f = 0; f < DK_FIELD_COUNT; f++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
			                         f ? ", " : "", dk_fields[f].name);
		return perr(p, at, "unknown field '%.*s' (fields: %s)", (int)(n > 40 ? 40 : n), at, list);
	}
}

static struct dk_cond *parse_atom(struct parser *p)
{
	struct dk_cond *c;
	const char *at;

	skip_ws(p);
	at = p->s;
	if (*p->s == '(') {
		if (!deeper(p, at))
			return NULL;
		p->s++;
		c = parse_or(p);
		p->depth--;
		if (c && !punct(p, ")")) {
			dk_cond_free(c);
			return *p->s ? perr(p, p->s, "expected ')' here") : perr(p, at, "a '(' is not closed");
		}
		return c;
	}
	if (*p->s == '\'' || *p->s == '"')
		return parse_text(p);
	if (isdigit((unsigned char)*p->s) || (*p->s == '.' && isdigit((unsigned char)p->s[1]))) {
		char *end;
		double x = strtod(p->s, &end);
		if (isalpha((unsigned char)*end) || *end == '_' || !isfinite(x))
			return perr(p, at, "'%.*s' is not a number", (int)strcspn(at, " \t()"), at);
		p->s = end;
		if ((c = node(p, N_NUM, DK_T_NUM, NULL, NULL)) != NULL)
			c->num = x;
		return c;
	}
	if (isalpha((unsigned char)*p->s) || *p->s == '_')
		return parse_word(p);
	if (*p->s == '\0')
		return perr(p, at, "the expression ends too early");
	return perr(p, at, "unexpected '%c'", *p->s);
}

static struct dk_cond *parse_unary(struct parser *p)
{
	const char *at;

	skip_ws(p);
	at = p->s;
	if (punct(p, "-")) {
		struct dk_cond *a;
		if (!deeper(p, at))
			return NULL;
		a = need(p, parse_unary(p), at, DK_T_NUM, "'-'");
		p->depth--;
		return a ? node(p, N_NEG, DK_T_NUM, a, NULL) : NULL;
	}
	return parse_atom(p);
}

/* 1 with the value in *v when the numeric tree c reads no field: its
 * arithmetic can be checked where it is written. */
static int constant(const struct dk_cond *c, double *v)
{
	double x, y = 0;

	if (c->op == N_NUM) {
		*v = c->num;
		return 1;
	}
	if (c->type != DK_T_NUM || c->a == NULL || !constant(c->a, &x) ||
	    (c->b != NULL && !constant(c->b, &y)))
		return 0;
	switch (c->op) {
	case N_NEG: *v = -x; return 1;
	case N_CEIL: *v = ceil(x); return 1;
	case N_FLOOR: *v = floor(x); return 1;
	case N_ROUND: *v = round(x); return 1;
	case N_ADD: *v = x + y; return 1;
	case N_SUB: *v = x - y; return 1;
	case N_MUL: *v = x * y; return 1;
	case N_DIV: *v = x / y; return 1;
	case N_MIN: *v = x < y ? x : y; return 1;
	case N_MAX: *v = x > y ? x : y; return 1;
	default: return 0;
	}
}

/* Names an arithmetic error in the operation c (written from start to
 * where the parser is) that no context can avoid: at run time it would
 * only be a null value, reported as a missing field. */
static struct dk_cond *checked(struct parser *p, struct dk_cond *c, const char *start)
{
	const char *end = p->s;
	double v;
	int n;

	if (c == NULL)
		return NULL;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = end - start > 60 ? 60 : (int)(end - start);
	if (c->op == N_DIV && constant(c->b, &v) && v == 0) {
		dk_cond_free(c);
		return perr(p, start, "division by zero in '%.*s'", n, start);
	}
	if (constant(c, &v) && !isfinite(v)) {
		dk_cond_free(c);
		return perr(p, start, "'%.*s' overflows (a number beyond 1.8e308)", n, start);
	}
	return c;
}

static struct dk_cond *parse_binary_num(struct parser *p, struct dk_cond *(*sub)(struct parser *),
                                        const char *ops, const int *codes)
{
	struct dk_cond *a, *b;
	const char *at, *start;

	skip_ws(p);
	start = at = p->s;
	if ((a = sub(p)) == NULL)
		return NULL;
	for (;;) {
		const char *o;
		skip_ws(p);
		if (*p->s == '\0' || (o = strchr(ops, *p->s)) == NULL)
			return a;
		if ((a = need(p, a, at, DK_T_NUM, "arithmetic")) == NULL)
			return NULL;
		p->s++;
		skip_ws(p);
		at = p->s;
		if ((b = need(p, sub(p), at, DK_T_NUM, "arithmetic")) == NULL) {
			dk_cond_free(a);
			return NULL;
		}
		if ((a = checked(p, node(p, codes[o - ops], DK_T_NUM, a, b), start)) == NULL)
			return NULL;
	}
}

static struct dk_cond *parse_prod(struct parser *p)
{
	static const int codes[] = {N_MUL, N_DIV};
	return parse_binary_num(p, parse_unary, "*/", codes);
}

static struct dk_cond *parse_sum(struct parser *p)
{
	static const int codes[] = {N_ADD, N_SUB};
	return parse_binary_num(p, parse_prod, "+-", codes);
}

/* A text literal compared with (or looked for in) an enumerated field must
 * be one of its values. */
static int check_enum(struct parser *p, const struct dk_cond *f, const struct dk_cond *t,
                      const char *at)
{
	const char *const *v;
	char list[200] = "";
	size_t used = 0;

	if (f->op != N_FIELD || t->op != N_TEXT || dk_fields[f->field].values == NULL)
		return 0;
	for (v = dk_fields[f->field].values; *v; v++) {
		if (strcmp(*v, t->text) == 0)
			return 0;
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", v == dk_fields[f->field].values ? "" : ", ", *v);
	}
	perr(p, at, "'%.40s' is not a value of %s (%s)", t->text, dk_fields[f->field].name, list);
	return -1;
}

/* The right side of 'has': a text, or 'kind' and a text for the stack. */
static struct dk_cond *parse_has(struct parser *p, struct dk_cond *a, const char *at,
                                 const char *opat)
{
	struct dk_cond *b;
	const char *bat;
	int kind;

	if (a->type != DK_T_LIST) {
		dk_cond_free(a);
		return perr(p, at, "'has' needs a list on its left (stack, compliance or retrain)");
	}
	kind = word(p, "kind");
	skip_ws(p);
	bat = p->s;
	if ((b = parse_sum(p)) == NULL) {
		dk_cond_free(a);
		return NULL;
	}
	if (b->type != DK_T_TEXT) {
		dk_cond_free(a);
		dk_cond_free(b);
		return perr(p, opat, "'has' needs a text on its right ('kubernetes')");
	}
	if (kind) {
		if (a->op != N_FIELD || a->field != DK_F_STACK || b->op != N_TEXT) {
			dk_cond_free(a);
			dk_cond_free(b);
			return perr(p, opat, "'has kind' needs the stack on its left and a kind in quotes "
			            "on its right (stack has kind 'orchestrator')");
		}
		if (!known_kind(p, b, bat)) {
			dk_cond_free(a);
			dk_cond_free(b);
			return NULL;
		}
		dk_cond_free(a);
		b->op = N_HAS_KIND;
		b->type = DK_T_BOOL;
		return b;
	}
	if (check_enum(p, a, b, bat)) {
		dk_cond_free(a);
		dk_cond_free(b);
		return NULL;
	}
	if ((a = node(p, N_HAS, DK_T_BOOL, a, b)) == NULL)
		return NULL;
	if (b->op == N_TEXT) {
		char folded[256];
		dk_fold(b->text, folded, sizeof folded);
		if ((a->text = strdup(folded)) == NULL) {
			dk_cond_free(a);
			return perr(p, bat, "out of memory");
		}
		if (a->a->op == N_FIELD && a->a->field == DK_F_STACK && p->vocab &&
		    (a->tool = dk_vocab_find(p->vocab, b->text)) < 0) {
			perr(p, bat, "'%.40s' is not a tool in the stack vocabulary (stack.csv)", b->text);
			dk_cond_free(a); /* and b with it */
			return NULL;
		}
	}
	return a;
}

static struct dk_cond *parse_cmp(struct parser *p)
{
	static const struct { const char *tok; int op; } ops[] = {
		{"<=", N_LE}, {">=", N_GE}, {"==", N_EQ}, {"!=", N_NE}, {"<", N_LT}, {">", N_GT},
	};
	struct dk_cond *a, *b;
	const char *at, *opat;
	int op = -1;

	skip_ws(p);
	at = p->s;
	if ((a = parse_sum(p)) == NULL)
		return NULL;
	skip_ws(p);
	opat = p->s;
	if (*p->s == '=' && p->s[1] != '=') {
		dk_cond_free(a);
		return perr(p, opat, "'=' is not an operator (write ==)");
	}
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (punct(p, ops[i].tok)) {
			op = ops[i].op;
			break;
		}
	if (op < 0 && word(p, "has"))
		return spanned(p, parse_has(p, a, at, opat), at);
	if (op < 0)
		return spanned(p, a, at);
	skip_ws(p);
	if ((b = parse_sum(p)) == NULL) {
		dk_cond_free(a);
		return NULL;
	}
	if (op == N_EQ || op == N_NE) {
		if (a->type != b->type && a->type != DK_T_NULL && b->type != DK_T_NULL) {
			const struct dk_cond *list = a->type == DK_T_LIST ? a : b->type == DK_T_LIST ? b : NULL;
			if (list && list->op == N_FIELD)
				perr(p, opat, "cannot compare %s with %s (%s is a list: write %s has 'x')",
				     type_names[a->type], type_names[b->type], dk_fields[list->field].name,
				     dk_fields[list->field].name);
			else
				perr(p, opat, "cannot compare %s with %s", type_names[a->type], type_names[b->type]);
			dk_cond_free(a);
			dk_cond_free(b);
			return NULL;
		}
		if (check_enum(p, a, b, opat) || check_enum(p, b, a, opat)) {
			dk_cond_free(a);
			dk_cond_free(b);
			return NULL;
		}
	} else if (a->type != DK_T_NUM || b->type != DK_T_NUM) {
		perr(p, opat, "an ordering comparison needs two numbers, not %s and %s",
		     type_names[a->type], type_names[b->type]);
		dk_cond_free(a);
		dk_cond_free(b);
		return NULL;
	}
	return spanned(p, node(p, op, DK_T_BOOL, a, b), at);
}

static struct dk_cond *parse_not(struct parser *p)
{
	const char *start;

	skip_ws(p);
	start = p->s;
	if (word(p, "not")) {
		const char *at;
		struct dk_cond *a;

		skip_ws(p);
		at = p->s;
		if (!deeper(p, at))
			return NULL;
		a = need(p, parse_not(p), at, DK_T_BOOL, "'not'");
		p->depth--;
		return a ? spanned(p, node(p, N_NOT, DK_T_BOOL, a, NULL), start) : NULL;
	}
	return parse_cmp(p);
}

/* a { word a }: the and and or chains. */
static struct dk_cond *parse_chain(struct parser *p, const char *w, int op,
                                   struct dk_cond *(*sub)(struct parser *), const char *what)
{
	struct dk_cond *a, *b;
	const char *at, *start;

	skip_ws(p);
	start = at = p->s;
	if ((a = sub(p)) == NULL)
		return NULL;
	while (word(p, w)) {
		if ((a = need(p, a, at, DK_T_BOOL, what)) == NULL)
			return NULL;
		skip_ws(p);
		at = p->s;
		if ((b = need(p, sub(p), at, DK_T_BOOL, what)) == NULL) {
			dk_cond_free(a);
			return NULL;
		}
		if ((a = spanned(p, node(p, op, DK_T_BOOL, a, b), start)) == NULL)
			return NULL;
	}
	return a;
}

static struct dk_cond *parse_and(struct parser *p)
{
	return parse_chain(p, "and", N_AND, parse_not, "'and'");
}

static struct dk_cond *parse_or(struct parser *p)
{
	return parse_chain(p, "or", N_OR, parse_and, "'or'");
}

struct dk_cond *dk_cond_parse_vocab(const char *src, int want, const struct dk_vocab *vocab,
                                    struct dk_cond_error *e)
{
	struct parser p = {src, src, vocab, e, 0, 0, 0};
	struct dk_cond *c;

	skip_ws(&p);
	if (*p.s == '\0')
		return perr(&p, p.s, "the expression is empty");
	if ((c = parse_or(&p)) == NULL)
		return NULL;
	skip_ws(&p);
	if (*p.s != '\0') {
		dk_cond_free(c);
		return perr(&p, p.s, "unexpected '%.20s' after the expression", p.s);
	}
	if (want != DK_T_NULL && c->type != want) {
		int got = c->type;
		dk_cond_free(c);
		return perr(&p, src, "the expression is %s, it must be %s", type_names[got],
		            type_names[want]);
	}
	return c;
}

struct dk_cond *dk_cond_parse(const char *src, int want, struct dk_cond_error *e)
{
	return dk_cond_parse_vocab(src, want, NULL, e);
}

void dk_cond_free(struct dk_cond *c)
{
	if (c == NULL)
		return;
	dk_cond_free(c->a);
	dk_cond_free(c->b);
	free(c->text);
	free(c->src);
	free(c);
}
