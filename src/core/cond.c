#include "docket/cond.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/context.h"
#include "docket/text.h"

const struct dk_field_info dk_fields[DK_FIELD_COUNT] = {
	[DK_F_PROBLEM] = {"problem", DK_T_TEXT, dk_context_problems},
	[DK_F_LATENCY_P95_MS] = {"latency_p95_ms", DK_T_NUM, NULL},
	[DK_F_THROUGHPUT_RPS] = {"throughput_rps", DK_T_NUM, NULL},
	[DK_F_DATA_GB] = {"data_gb", DK_T_NUM, NULL},
	[DK_F_LABEL_DELAY_DAYS] = {"label_delay_days", DK_T_NUM, NULL},
	[DK_F_TEAM_SIZE] = {"team_size", DK_T_NUM, NULL},
	[DK_F_STACK] = {"stack", DK_T_LIST, NULL},
	[DK_F_CLOUD] = {"cloud", DK_T_TEXT, dk_context_clouds},
	[DK_F_ON_PREM] = {"on_prem", DK_T_BOOL, NULL},
	[DK_F_COMPLIANCE] = {"compliance", DK_T_LIST, NULL},
	[DK_F_BUDGET_USD_MONTH] = {"budget_usd_month", DK_T_NUM, NULL},
	[DK_F_SHARED_FEATURES] = {"shared_features", DK_T_BOOL, NULL},
	[DK_F_RETRAIN] = {"retrain", DK_T_TEXT, dk_context_retrains},
	[DK_F_SYSTEM] = {"system", DK_T_TEXT, NULL},
	[DK_F_OWNER] = {"owner", DK_T_TEXT, NULL},
};

static const char *const type_names[] = {"null", "a number", "a text", "a list", "a boolean"};

enum node {
	N_NUM, N_TEXT, N_FIELD, N_BOOL, N_NULL, N_NOT, N_AND, N_OR,
	N_LT, N_LE, N_GT, N_GE, N_EQ, N_NE, N_HAS, N_ADD, N_SUB, N_MUL, N_DIV, N_NEG, N_COUNT,
};

struct dk_cond {
	int op;            /* enum node */
	int type;          /* enum dk_type of the result */
	double num;        /* N_NUM; N_BOOL's value */
	char *text;        /* N_TEXT */
	int field;         /* N_FIELD */
	struct dk_cond *a; /* operands */
	struct dk_cond *b;
};

/* ---- facts ---------------------------------------------------------- */

void dk_facts_free(struct dk_facts *f)
{
	for (size_t i = 0; i < sizeof f->texts / sizeof f->texts[0]; i++)
		free(f->texts[i]);
	for (int i = 0; i < 2; i++)
		dk_strings_free(f->lists[i], f->list_n[i]);
	memset(f, 0, sizeof *f);
}

int dk_facts_set_text(struct dk_facts *f, int field, const char *s, struct dk_error *err)
{
	size_t i = 0;

	f->v[field].type = DK_T_NULL;
	if (s == NULL)
		return DK_OK;
	while (i < sizeof f->texts / sizeof f->texts[0] && f->texts[i])
		i++;
	if (i == sizeof f->texts / sizeof f->texts[0] || (f->texts[i] = strdup(s)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	f->v[field].type = DK_T_TEXT;
	f->v[field].text = f->texts[i];
	return DK_OK;
}

/* Reads one JSON string at *p (after the opening quote) into b. */
static int json_str(const char **p, struct dk_buf *b)
{
	const char *s = *p;

	for (; *s && *s != '"'; s++) {
		if (*s != '\\') {
			dk_buf_add(b, s, 1);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': dk_buf_adds(b, "\n"); break;
		case 't': dk_buf_adds(b, "\t"); break;
		case 'r': dk_buf_adds(b, "\r"); break;
		case 'b': dk_buf_adds(b, "\b"); break;
		case 'f': dk_buf_adds(b, "\f"); break;
		case 'u': {
			unsigned cp = 0;
			for (int k = 1; k <= 4; k++) {
				if (!isxdigit((unsigned char)s[k]))
					return -1;
				cp = cp * 16 + (unsigned)(isdigit((unsigned char)s[k]) ? s[k] - '0'
				                          : tolower((unsigned char)s[k]) - 'a' + 10);
			}
			s += 4;
			/* surrogates never occur here: docket writes UTF-8 as it is */
			if (cp < 0x80) {
				char c = (char)cp;
				dk_buf_add(b, &c, 1);
			} else if (cp < 0x800) {
				char c[2] = {(char)(0xc0 | (cp >> 6)), (char)(0x80 | (cp & 0x3f))};
				dk_buf_add(b, c, 2);
			} else {
				char c[3] = {(char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3f)),
				             (char)(0x80 | (cp & 0x3f))};
				dk_buf_add(b, c, 3);
			}
			break;
		}
		case '\0': return -1;
		default: dk_buf_add(b, s, 1);
		}
	}
	if (*s != '"')
		return -1;
	*p = s + 1;
	return 0;
}

void dk_strings_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int dk_json_strings(const char *json, char ***out, size_t *out_n)
{
	const char *p = json;
	char **items = NULL;
	size_t n = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != '[')
		goto bad;
	for (;;) {
		struct dk_buf b = {0};
		char **grown;

		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (*p++ != '"' || json_str(&p, &b) != 0 || !dk_buf_ok(&b) ||
		    (grown = realloc(items, (n + 1) * sizeof *items)) == NULL) {
			dk_buf_free(&b);
			goto bad;
		}
		items = grown;
		items[n] = strdup(dk_buf_str(&b));
		dk_buf_free(&b);
		if (items[n++] == NULL)
			goto bad;
	}
	*out = items;
	*out_n = n;
	return 0;
bad:
	dk_strings_free(items, n);
	return -1;
}

int dk_facts_set_list(struct dk_facts *f, int field, const char *json, struct dk_error *err)
{
	int slot = field == DK_F_STACK ? 0 : 1;
	char **items;
	size_t n;

	if (dk_json_strings(json, &items, &n) != 0)
		return dk_fail(err, DK_EDB, "%s is not a JSON list of texts", dk_fields[field].name);
	dk_strings_free(f->lists[slot], f->list_n[slot]);
	f->lists[slot] = items;
	f->list_n[slot] = n;
	f->v[field].type = DK_T_LIST;
	f->v[field].list = (const char *const *)items;
	f->v[field].n = n;
	return DK_OK;
}

/* ---- parsing -------------------------------------------------------- */

struct parser {
	const char *src;           /* the whole expression */
	const char *s;             /* the next unread byte */
	struct dk_cond_error *e;
	int failed;
	int depth;                 /* nesting of (), count(), not and unary - */
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
	c->a = a;
	c->b = b;
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
	if (*p->s == '\'' || *p->s == '"') {
		char q = *p->s++;
		const char *end = strchr(p->s, q);
		if (end == NULL)
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
	if (isalpha((unsigned char)*p->s) || *p->s == '_') {
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
				return perr(p, in, "count needs a list (stack or compliance)");
			}
			if (!punct(p, ")")) {
				dk_cond_free(c);
				return perr(p, p->s, "expected ')' here");
			}
			return node(p, N_COUNT, DK_T_NUM, c, NULL);
		}
		if (n == 4 && strncmp(p->s, "null", 4) == 0) {
			p->s += 4;
			return node(p, N_NULL, DK_T_NULL, NULL, NULL);
		}
		for (int f = 0; f < DK_FIELD_COUNT; f++)
			if (strlen(dk_fields[f].name) == n && strncmp(p->s, dk_fields[f].name, n) == 0) {
				p->s += n;
				if ((c = node(p, N_FIELD, dk_fields[f].type, NULL, NULL)) != NULL)
					c->field = f;
				return c;
			}
		{
			char list[400] = "";
			size_t used = 0;
			for (int f = 0; f < DK_FIELD_COUNT; f++)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
				                         f ? ", " : "", dk_fields[f].name);
			return perr(p, at, "unknown field '%.*s' (fields: %s)", (int)(n > 40 ? 40 : n), at, list);
		}
	}
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

static struct dk_cond *parse_binary_num(struct parser *p, struct dk_cond *(*sub)(struct parser *),
                                        const char *ops, const int *codes)
{
	struct dk_cond *a, *b;
	const char *at;

	skip_ws(p);
	at = p->s;
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
		if ((a = node(p, codes[o - ops], DK_T_NUM, a, b)) == NULL)
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

/* A text literal compared with an enumerated field must be one of its values. */
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
		op = N_HAS;
	if (op < 0)
		return a;
	skip_ws(p);
	if ((b = parse_sum(p)) == NULL) {
		dk_cond_free(a);
		return NULL;
	}
	if (op == N_HAS) {
		if (a->type != DK_T_LIST) {
			dk_cond_free(a);
			dk_cond_free(b);
			return perr(p, at, "'has' needs a list on its left (stack or compliance)");
		}
		if (b->type != DK_T_TEXT) {
			dk_cond_free(a);
			dk_cond_free(b);
			return perr(p, opat, "'has' needs a text on its right ('kubernetes')");
		}
	} else if (op == N_EQ || op == N_NE) {
		if (a->type != b->type && a->type != DK_T_NULL && b->type != DK_T_NULL) {
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
	return node(p, op, DK_T_BOOL, a, b);
}

static struct dk_cond *parse_not(struct parser *p)
{
	if (word(p, "not")) {
		const char *at;
		struct dk_cond *a;

		skip_ws(p);
		at = p->s;
		if (!deeper(p, at))
			return NULL;
		a = need(p, parse_not(p), at, DK_T_BOOL, "'not'");
		p->depth--;
		return a ? node(p, N_NOT, DK_T_BOOL, a, NULL) : NULL;
	}
	return parse_cmp(p);
}

static struct dk_cond *parse_and(struct parser *p)
{
	struct dk_cond *a, *b;
	const char *at;

	skip_ws(p);
	at = p->s;
	if ((a = parse_not(p)) == NULL)
		return NULL;
	while (word(p, "and")) {
		if ((a = need(p, a, at, DK_T_BOOL, "'and'")) == NULL)
			return NULL;
		skip_ws(p);
		at = p->s;
		if ((b = need(p, parse_not(p), at, DK_T_BOOL, "'and'")) == NULL) {
			dk_cond_free(a);
			return NULL;
		}
		if ((a = node(p, N_AND, DK_T_BOOL, a, b)) == NULL)
			return NULL;
	}
	return a;
}

static struct dk_cond *parse_or(struct parser *p)
{
	struct dk_cond *a, *b;
	const char *at;

	skip_ws(p);
	at = p->s;
	if ((a = parse_and(p)) == NULL)
		return NULL;
	while (word(p, "or")) {
		if ((a = need(p, a, at, DK_T_BOOL, "'or'")) == NULL)
			return NULL;
		skip_ws(p);
		at = p->s;
		if ((b = need(p, parse_and(p), at, DK_T_BOOL, "'or'")) == NULL) {
			dk_cond_free(a);
			return NULL;
		}
		if ((a = node(p, N_OR, DK_T_BOOL, a, b)) == NULL)
			return NULL;
	}
	return a;
}

struct dk_cond *dk_cond_parse(const char *src, int want, struct dk_cond_error *e)
{
	struct parser p = {src, src, e, 0, 0, 0};
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

void dk_cond_free(struct dk_cond *c)
{
	if (c == NULL)
		return;
	dk_cond_free(c->a);
	dk_cond_free(c->b);
	free(c->text);
	free(c);
}

int dk_cond_type(const struct dk_cond *c) { return c->type; }

/* ---- evaluation ----------------------------------------------------- */

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

void dk_cond_eval(const struct dk_cond *c, const struct dk_facts *f, struct dk_value *out)
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
		*out = f->v[c->field];
		/* booleans are never null: a flag not given is false */
		if (dk_fields[c->field].type == DK_T_BOOL && out->type != DK_T_BOOL)
			set_bool(out, 0);
		if (dk_fields[c->field].type == DK_T_LIST && out->type != DK_T_LIST) {
			out->type = DK_T_LIST;
			out->n = 0;
		}
		return;
	case N_NOT:
		dk_cond_eval(c->a, f, &x);
		set_bool(out, !x.b);
		return;
	case N_AND:
		dk_cond_eval(c->a, f, &x);
		if (!x.b) {
			set_bool(out, 0);
			return;
		}
		dk_cond_eval(c->b, f, &y);
		set_bool(out, y.b);
		return;
	case N_OR:
		dk_cond_eval(c->a, f, &x);
		if (x.b) {
			set_bool(out, 1);
			return;
		}
		dk_cond_eval(c->b, f, &y);
		set_bool(out, y.b);
		return;
	case N_COUNT:
		dk_cond_eval(c->a, f, &x);
		out->type = DK_T_NUM;
		out->num = (double)x.n;
		return;
	case N_NEG:
		dk_cond_eval(c->a, f, &x);
		if (x.type == DK_T_NUM) {
			out->type = DK_T_NUM;
			out->num = -x.num;
		}
		return;
	default:
		break;
	}
	dk_cond_eval(c->a, f, &x);
	dk_cond_eval(c->b, f, &y);
	switch (c->op) {
	case N_EQ: set_bool(out, equal(&x, &y)); return;
	case N_NE: set_bool(out, !equal(&x, &y)); return;
	case N_HAS: {
		int found = 0;
		/* a text field that was not given is null: no list has it */
		for (size_t i = 0; y.type == DK_T_TEXT && i < x.n && !found; i++)
			found = strcasecmp(x.list[i], y.text) == 0;
		set_bool(out, found);
		return;
	}
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
	case N_DIV:
		if (y.num == 0)
			return;
		out->num = x.num / y.num;
		break;
	}
	out->type = isfinite(out->num) ? DK_T_NUM : DK_T_NULL;
}

int dk_cond_holds(const struct dk_cond *c, const struct dk_facts *f)
{
	struct dk_value v;

	dk_cond_eval(c, f, &v);
	return v.type == DK_T_BOOL && v.b;
}

void dk_num_format(double x, char out[32])
{
	if (x == 0)
		x = 0; /* no "-0" */
	snprintf(out, 32, "%.10g", x);
}
