#include "docket/catalog.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/text.h"

const char *const dk_catalog_files[] = {
	"components.csv", "deferred.csv", "stages.csv", "gates.csv",
	"monitoring.csv", "rollout.csv", "first_steps.csv", NULL,
};
const char *const dk_areas[] = {"data", "training", "packaging", "serving", "monitoring",
                                "governance", NULL};
const char *const dk_area_titles[] = {
	"data and feature pipelines", "training and experiment tracking",
	"packaging and registry", "deployment and serving",
	"monitoring and observability", "governance, security and cost", NULL,
};
const char *const dk_stage_names[] = {"ingest", "validate", "train", "evaluate", "package",
                                      "promote", "deploy", "monitor", NULL};
const char *const dk_flag_names[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "deps_pinned", "seed_fixed", "env_captured", "data_versioned",
};
const char *const dk_flag_words[DK_FLAG_COUNT] = {
	"idempotent", "retryable", "dependencies pinned", "seed fixed", "environment captured",
	"data versioned",
};
const char *const dk_gate_ops[] = {"<=", "<", ">=", ">", "==", "!=", NULL};
static const char *const rollout_kinds[] = {"rollout", "rollback", "retraining", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

#define CELL_MAX 1000 /* characters in one cell */
#define FILE_MAX (1 << 20)

/* ---- templates ------------------------------------------------------ */

static void template_free(struct dk_template *t)
{
	for (size_t i = 0; t->lit && i <= t->n; i++)
		free(t->lit[i]);
	for (size_t i = 0; t->expr && i < t->n; i++)
		dk_cond_free(t->expr[i]);
	free(t->lit);
	free(t->expr);
	memset(t, 0, sizeof *t);
}

/* Parses s into t; on failure fills e (pos within s) and frees what it made. */
static int template_parse(const char *s, struct dk_template *t, struct dk_cond_error *e)
{
	const char *p = s;

	memset(t, 0, sizeof *t);
	for (;;) {
		const char *open = strchr(p, '{'), *close;
		char **lit = realloc(t->lit, (t->n + 2) * sizeof *lit);
		struct dk_cond **expr;
		char *src;

		if (lit == NULL)
			goto oom;
		t->lit = lit;
		t->lit[t->n] = t->lit[t->n + 1] = NULL;
		if (open == NULL) {
			if (strchr(p, '}') != NULL) {
				e->pos = dk_utf8_len(s) - dk_utf8_len(strchr(p, '}')) + 1;
				snprintf(e->msg, sizeof e->msg, "a '}' without a '{'");
				goto fail;
			}
			if ((t->lit[t->n] = strdup(p)) == NULL)
				goto oom;
			return 0;
		}
		close = strchr(open, '}');
		if (close == NULL) {
			e->pos = dk_utf8_len(s) - dk_utf8_len(open) + 1;
			snprintf(e->msg, sizeof e->msg, "a '{' is not closed");
			goto fail;
		}
		if ((t->lit[t->n] = strndup(p, (size_t)(open - p))) == NULL)
			goto oom;
		if ((expr = realloc(t->expr, (t->n + 1) * sizeof *expr)) == NULL)
			goto oom;
		t->expr = expr;
		if ((src = strndup(open + 1, (size_t)(close - open - 1))) == NULL)
			goto oom;
		t->expr[t->n] = dk_cond_parse(src, DK_T_NULL, e);
		free(src);
		if (t->expr[t->n] == NULL) {
			e->pos += dk_utf8_len(s) - dk_utf8_len(open) + 1;
			t->n++;
			goto fail;
		}
		t->n++;
		p = close + 1;
	}
oom:
	e->pos = 1;
	snprintf(e->msg, sizeof e->msg, "out of memory");
fail:
	/* lit has n + 1 slots, some maybe NULL; expr has n, the last maybe NULL */
	template_free(t);
	return -1;
}

int dk_template_expand(const struct dk_template *t, const struct dk_facts *f,
                       struct dk_buf *out)
{
	for (size_t i = 0; i < t->n; i++) {
		struct dk_value v;
		char num[32];

		dk_buf_adds(out, t->lit[i]);
		dk_cond_eval(t->expr[i], f, &v);
		switch (v.type) {
		case DK_T_NULL: return DK_EINPUT;
		case DK_T_NUM:
			dk_num_format(v.num, num);
			dk_buf_adds(out, num);
			break;
		case DK_T_BOOL: dk_buf_adds(out, v.b ? "yes" : "no"); break;
		case DK_T_TEXT: dk_buf_adds(out, v.text); break;
		case DK_T_LIST:
			for (size_t j = 0; j < v.n; j++) {
				if (j)
					dk_buf_adds(out, ", ");
				dk_buf_adds(out, v.list[j]);
			}
			if (v.n == 0)
				dk_buf_adds(out, "none");
			break;
		}
	}
	dk_buf_adds(out, t->lit[t->n]);
	return DK_OK;
}

/* ---- reading CSV ---------------------------------------------------- */

struct rec {
	int line;
	size_t n;
	char **cells;
};

struct reader {
	const char *file;       /* for messages: where/name */
	int line;               /* the line being fed */
	struct rec *recs;
	size_t nrecs;
	struct rec cur;         /* the record being read */
	int bad_line;           /* a line where a cell spans lines or is too long */
	int oom;
};

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof *r);
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	char **cells = realloc(r->cur.cells, (r->cur.n + 1) * sizeof *cells);

	if (cells == NULL) {
		r->oom = 1;
		return;
	}
	r->cur.cells = cells;
	cells[r->cur.n] = strndup(s ? s : "", s ? len : 0);
	if (cells[r->cur.n] == NULL) {
		r->oom = 1;
		return;
	}
	r->cur.n++;
	if (s && (memchr(s, '\n', len) || memchr(s, '\r', len) || memchr(s, '\0', len)) && !r->bad_line)
		r->bad_line = r->line;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	struct rec *recs;

	(void)c;
	r->cur.line = r->line;
	if ((recs = realloc(r->recs, (r->nrecs + 1) * sizeof *recs)) == NULL) {
		r->oom = 1;
		rec_free(&r->cur);
		return;
	}
	r->recs = recs;
	r->recs[r->nrecs++] = r->cur;
	memset(&r->cur, 0, sizeof r->cur);
}

static void reader_free(struct reader *r)
{
	for (size_t i = 0; i < r->nrecs; i++)
		rec_free(&r->recs[i]);
	free(r->recs);
	rec_free(&r->cur);
}

static int read_csv(const char *file, const char *data, size_t len, struct reader *r,
                    struct dk_error *err)
{
	struct csv_parser p;
	const char *line = data, *end = data + len;
	int rc = DK_OK;

	memset(r, 0, sizeof *r);
	r->file = file;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return dk_fail(err, DK_EDB, "out of memory");
	/* a spreadsheet's byte order mark is not part of the first column's name */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);

		r->line++;
		if (line[0] != '#' && csv_parse(&p, line, n, on_field, on_record, r) != n) {
			rc = dk_fail(err, DK_EINPUT, "%s:%d: %s", file, r->line, csv_strerror(csv_error(&p)));
			goto out;
		}
		line += n;
	}
	if (csv_fini(&p, on_field, on_record, r) != 0) {
		rc = dk_fail(err, DK_EINPUT, "%s:%d: %s", file, r->line, csv_strerror(csv_error(&p)));
		goto out;
	}
	if (r->oom)
		rc = dk_fail(err, DK_EDB, "out of memory");
	else if (r->bad_line)
		rc = dk_fail(err, DK_EINPUT, "%s:%d: a cell spans lines (a cell is one line of text)",
		             file, r->bad_line);
	else if (r->nrecs == 0)
		rc = dk_fail(err, DK_EINPUT, "%s:1: there is no header row", file);
out:
	csv_free(&p);
	return rc;
}

/* ---- rows ------------------------------------------------------------ */

/* The columns of one file and where each is in the header. */
struct table {
	struct reader r;
	const char *const *cols;   /* the columns this file must have, NULL-terminated */
	int at[16];                /* header index of each column */
	const struct rec *row;     /* the row being checked */
	struct dk_error *err;
};

static int cfail(struct table *t, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "file:line:column (name): message" */
static int cfail(struct table *t, int col, const char *fmt, ...)
{
	char msg[800];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dk_fail(t->err, DK_EINPUT, "%s:%d:%d (%s): %s", t->r.file, t->row->line,
	               t->at[col] + 1, t->cols[col], msg);
}

static int open_table(struct table *t, const struct dk_catalog_file *f, const char *where,
                      const char *const *cols, struct dk_error *err)
{
	char file[400];
	const struct rec *h;
	int rc;

	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->err = err;
	snprintf(file, sizeof file, "%s%s%s", where ? where : "", where ? "/" : "", f->name);
	if ((rc = read_csv(file, f->data, f->len, &t->r, err)) != DK_OK)
		return rc;
	/* keep the name for messages past this frame */
	t->r.file = f->name;
	h = &t->r.recs[0];
	for (int c = 0; cols[c]; c++) {
		t->at[c] = -1;
		for (size_t i = 0; i < h->n; i++)
			if (strcmp(h->cells[i], cols[c]) == 0)
				t->at[c] = (int)i;
		if (t->at[c] < 0)
			return dk_fail(err, DK_EINPUT, "%s:%d: missing column '%s'", file, h->line, cols[c]);
	}
	for (size_t i = 0; i < h->n; i++) {
		int known = 0;
		for (int c = 0; cols[c]; c++)
			known |= strcmp(h->cells[i], cols[c]) == 0;
		if (!known)
			return dk_fail(err, DK_EINPUT, "%s:%d:%zu: unknown column '%.40s'", file, h->line,
			               i + 1, h->cells[i]);
	}
	return DK_OK;
}

/* The cell of column c in the current row ("" when the row is short). */
static const char *cell(struct table *t, int c)
{
	size_t i = (size_t)t->at[c];

	return i < t->row->n ? t->row->cells[i] : "";
}

static int text_cell(struct table *t, int c, int required, char **out)
{
	const char *s = cell(t, c), *why;

	*out = NULL;
	if (*s == '\0')
		return required ? cfail(t, c, "is empty") : DK_OK;
	if ((why = dk_text_problem(s, CELL_MAX, 0)) != NULL)
		return cfail(t, c, "'%.40s' %s", s, why);
	if ((*out = strdup(s)) == NULL)
		return dk_fail(t->err, DK_EDB, "out of memory");
	return DK_OK;
}

static int enum_cell(struct table *t, int c, const char *const *allowed, int *index)
{
	const char *s = cell(t, c);
	char list[200] = "";
	size_t used = 0;

	for (int i = 0; allowed[i]; i++) {
		if (strcmp(s, allowed[i]) == 0) {
			*index = i;
			return DK_OK;
		}
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
	}
	return cfail(t, c, "'%.40s' is not one of: %s", s, list);
}

static int cond_cell(struct table *t, int c, int want, struct dk_cond **out)
{
	struct dk_cond_error e = {0};
	const char *s = cell(t, c), *why;

	if ((why = dk_text_problem(s, CELL_MAX, 0)) != NULL)
		return cfail(t, c, "%s", why);
	if ((*out = dk_cond_parse(s, want, &e)) == NULL)
		return cfail(t, c, "character %zu of '%.60s': %s", e.pos, s, e.msg);
	return DK_OK;
}

static int template_cell(struct table *t, int c, struct dk_template *out)
{
	struct dk_cond_error e = {0};
	const char *s = cell(t, c), *why;

	if (*s == '\0')
		return cfail(t, c, "is empty");
	if ((why = dk_text_problem(s, CELL_MAX, 0)) != NULL)
		return cfail(t, c, "'%.40s' %s", s, why);
	if (template_parse(s, out, &e) != 0)
		return cfail(t, c, "character %zu of '%.60s': %s", e.pos, s, e.msg);
	return DK_OK;
}

static int int_cell(struct table *t, int c, int min, int max, int *out)
{
	const char *s = cell(t, c);
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < min || v > max)
		return cfail(t, c, "'%.40s' is not a whole number from %d to %d", s, min, max);
	*out = (int)v;
	return DK_OK;
}

/* risk_title, risk_category, likelihood, impact at columns c..c+3: all or none. */
static int risk_cells(struct table *t, int c, struct dk_cat_risk *r)
{
	int given = 0, cat, rc;

	for (int i = 0; i < 4; i++)
		given += *cell(t, c + i) != '\0';
	if (given == 0)
		return DK_OK;
	for (int i = 0; i < 4; i++)
		if (*cell(t, c + i) == '\0')
			return cfail(t, c + i, "is empty (a residual risk needs a title, category, "
			             "likelihood and impact, or none of them)");
	if ((rc = text_cell(t, c, 1, &r->title)) || (rc = enum_cell(t, c + 1, dk_risk_categories, &cat)) ||
	    (rc = int_cell(t, c + 2, 1, 5, &r->likelihood)) || (rc = int_cell(t, c + 3, 1, 5, &r->impact)))
		return rc;
	if ((r->category = strdup(dk_risk_categories[cat])) == NULL)
		return dk_fail(t->err, DK_EDB, "out of memory");
	return DK_OK;
}

/* A ';'-separated list; items are trimmed and must not be empty. */
static int list_cell(struct table *t, int c, char ***items, size_t *n)
{
	const char *s = cell(t, c), *p = s, *why;

	*items = NULL;
	*n = 0;
	if ((why = dk_text_problem(s, CELL_MAX, 0)) != NULL)
		return cfail(t, c, "'%.40s' %s", s, why);
	while (*s) {
		const char *semi = strchr(p, ';'), *a = p, *b = semi ? semi : p + strlen(p);
		char **grown;

		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if (a == b)
			return cfail(t, c, "has an empty item (separate items with ';')");
		if ((grown = realloc(*items, (*n + 1) * sizeof *grown)) == NULL ||
		    ((*items = grown), (grown[*n] = strndup(a, (size_t)(b - a))) == NULL))
			return dk_fail(t->err, DK_EDB, "out of memory");
		(*n)++;
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	return DK_OK;
}

static void *grow(void *p, size_t n, size_t size)
{
	return realloc(p, (n + 1) * size);
}

#define NEXT(arr, n) \
	do { \
		void *g_ = grow((arr), (n), sizeof *(arr)); \
		if (g_ == NULL) \
			return dk_fail(err, DK_EDB, "out of memory"); \
		(arr) = g_; \
		memset(&(arr)[(n)], 0, sizeof *(arr)); \
		(n)++; \
	} while (0)

static const char *const component_cols[] = {"area", "component", "condition", "choice", "alternative",
	"tradeoff", "risk_title", "risk_category", "likelihood", "impact", NULL};
static const char *const deferred_cols[] = {"area", "component", "condition", "add_when", "risk_title",
	"risk_category", "likelihood", "impact", NULL};
static const char *const stage_cols[] = {"stage", "condition", "inputs", "outputs", "idempotent",
	"retryable", "deps_pinned", "seed_fixed", "env_captured", "data_versioned", NULL};
static const char *const gate_cols[] = {"stage", "condition", "metric", "op", "threshold", NULL};
static const char *const monitor_cols[] = {"condition", "signal", "threshold", "alert", "action", NULL};
static const char *const rollout_cols[] = {"kind", "condition", "text", NULL};
static const char *const step_cols[] = {"condition", "step", NULL};

static int load_components(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, area;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_component *c;

		t->row = &t->r.recs[i];
		NEXT(cat->components, cat->n_components);
		c = &cat->components[cat->n_components - 1];
		c->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_areas, &area)) || (rc = text_cell(t, 1, 1, &c->component)) ||
		    (rc = cond_cell(t, 2, DK_T_BOOL, &c->cond)) || (rc = template_cell(t, 3, &c->choice)) ||
		    (rc = template_cell(t, 4, &c->alternative)) || (rc = template_cell(t, 5, &c->tradeoff)) ||
		    (rc = risk_cells(t, 6, &c->risk)))
			return rc;
		if ((c->area = strdup(dk_areas[area])) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		for (size_t j = 0; j + 1 < cat->n_components; j++)
			if (strcmp(cat->components[j].component, c->component) == 0 &&
			    strcmp(cat->components[j].area, c->area) != 0)
				return cfail(t, 0, "component '%.40s' is in area %s on line %d",
				             c->component, cat->components[j].area, cat->components[j].line);
	}
	return DK_OK;
}

static int load_deferred(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, area;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_deferred *d;

		t->row = &t->r.recs[i];
		NEXT(cat->deferred, cat->n_deferred);
		d = &cat->deferred[cat->n_deferred - 1];
		d->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_areas, &area)) || (rc = text_cell(t, 1, 1, &d->component)) ||
		    (rc = cond_cell(t, 2, DK_T_BOOL, &d->cond)) || (rc = template_cell(t, 3, &d->add_when)) ||
		    (rc = risk_cells(t, 4, &d->risk)))
			return rc;
		if ((d->area = strdup(dk_areas[area])) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
	}
	return DK_OK;
}

static int load_stages(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, yn;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_stage *s;

		t->row = &t->r.recs[i];
		NEXT(cat->stages, cat->n_stages);
		s = &cat->stages[cat->n_stages - 1];
		s->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_stage_names, &s->order)) ||
		    (rc = cond_cell(t, 1, DK_T_BOOL, &s->cond)) ||
		    (rc = list_cell(t, 2, &s->inputs, &s->n_inputs)) ||
		    (rc = list_cell(t, 3, &s->outputs, &s->n_outputs)))
			return rc;
		for (int f = 0; f < DK_FLAG_COUNT; f++) {
			if ((rc = enum_cell(t, 4 + f, yes_no, &yn)) != DK_OK)
				return rc;
			s->flags[f] = yn == 0;
		}
	}
	return DK_OK;
}

static int load_gates(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, op;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_gate *g;
		const char *m;
		int stage_known = 0;

		t->row = &t->r.recs[i];
		NEXT(cat->gates, cat->n_gates);
		g = &cat->gates[cat->n_gates - 1];
		g->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_stage_names, &g->order)) ||
		    (rc = cond_cell(t, 1, DK_T_BOOL, &g->cond)))
			return rc;
		for (size_t j = 0; j < cat->n_stages; j++)
			stage_known |= cat->stages[j].order == g->order;
		if (!stage_known)
			return cfail(t, 0, "stage '%s' has no row in stages.csv", dk_stage_names[g->order]);
		m = cell(t, 2);
		if (*m == '\0' || strlen(m) > 64 || m[strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")])
			return cfail(t, 2, "'%.40s' is not a metric name (1 to 64 of letters, digits, '_', '.')", m);
		if ((g->metric = strdup(m)) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		if ((rc = enum_cell(t, 3, dk_gate_ops, &op)) || (rc = cond_cell(t, 4, DK_T_NUM, &g->threshold)))
			return rc;
		if ((g->op = strdup(dk_gate_ops[op])) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
	}
	return DK_OK;
}

static int load_monitoring(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_monitor *m;

		t->row = &t->r.recs[i];
		NEXT(cat->monitoring, cat->n_monitoring);
		m = &cat->monitoring[cat->n_monitoring - 1];
		m->line = t->row->line;
		if ((rc = cond_cell(t, 0, DK_T_BOOL, &m->cond)) || (rc = template_cell(t, 1, &m->signal)) ||
		    (rc = template_cell(t, 2, &m->threshold)) || (rc = template_cell(t, 3, &m->alert)) ||
		    (rc = template_cell(t, 4, &m->action)))
			return rc;
	}
	return DK_OK;
}

static int load_texts(struct dk_catalog *cat, struct table *t, int rollout, struct dk_error *err)
{
	struct dk_cat_text **arr = rollout ? &cat->rollout : &cat->first_steps;
	size_t *n = rollout ? &cat->n_rollout : &cat->n_first_steps;
	int rc, kind, c = rollout ? 1 : 0;

	for (size_t i = 1; i < t->r.nrecs; i++) {
		struct dk_cat_text *x;

		t->row = &t->r.recs[i];
		NEXT(*arr, *n);
		x = &(*arr)[*n - 1];
		x->line = t->row->line;
		if (rollout) {
			if ((rc = enum_cell(t, 0, rollout_kinds, &kind)) != DK_OK)
				return rc;
			if ((x->kind = strdup(rollout_kinds[kind])) == NULL)
				return dk_fail(err, DK_EDB, "out of memory");
		}
		if ((rc = cond_cell(t, c, DK_T_BOOL, &x->cond)) || (rc = template_cell(t, c + 1, &x->text)))
			return rc;
	}
	return DK_OK;
}

static void risk_free(struct dk_cat_risk *r)
{
	free(r->title);
	free(r->category);
}

static void strs_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void dk_catalog_free(struct dk_catalog *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_components; i++) {
		struct dk_cat_component *x = &c->components[i];
		free(x->area);
		free(x->component);
		dk_cond_free(x->cond);
		template_free(&x->choice);
		template_free(&x->alternative);
		template_free(&x->tradeoff);
		risk_free(&x->risk);
	}
	for (size_t i = 0; i < c->n_deferred; i++) {
		struct dk_cat_deferred *x = &c->deferred[i];
		free(x->area);
		free(x->component);
		dk_cond_free(x->cond);
		template_free(&x->add_when);
		risk_free(&x->risk);
	}
	for (size_t i = 0; i < c->n_stages; i++) {
		dk_cond_free(c->stages[i].cond);
		strs_free(c->stages[i].inputs, c->stages[i].n_inputs);
		strs_free(c->stages[i].outputs, c->stages[i].n_outputs);
	}
	for (size_t i = 0; i < c->n_gates; i++) {
		dk_cond_free(c->gates[i].cond);
		dk_cond_free(c->gates[i].threshold);
		free(c->gates[i].metric);
		free(c->gates[i].op);
	}
	for (size_t i = 0; i < c->n_monitoring; i++) {
		struct dk_cat_monitor *x = &c->monitoring[i];
		dk_cond_free(x->cond);
		template_free(&x->signal);
		template_free(&x->threshold);
		template_free(&x->alert);
		template_free(&x->action);
	}
	for (size_t i = 0; i < c->n_rollout; i++) {
		free(c->rollout[i].kind);
		dk_cond_free(c->rollout[i].cond);
		template_free(&c->rollout[i].text);
	}
	for (size_t i = 0; i < c->n_first_steps; i++) {
		dk_cond_free(c->first_steps[i].cond);
		template_free(&c->first_steps[i].text);
	}
	free(c->components);
	free(c->deferred);
	free(c->stages);
	free(c->gates);
	free(c->monitoring);
	free(c->rollout);
	free(c->first_steps);
	free(c);
}

static const struct dk_catalog_file *find_file(const struct dk_catalog_file *files, size_t n,
                                               const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].name, name) == 0)
			return &files[i];
	return NULL;
}

int dk_catalog_load_files(const struct dk_catalog_file *files, size_t n, const char *where,
                          struct dk_catalog **out, struct dk_error *err)
{
	static const char *const *const cols[] = {component_cols, deferred_cols, stage_cols,
		gate_cols, monitor_cols, rollout_cols, step_cols};
	struct dk_catalog *cat = calloc(1, sizeof *cat);
	struct dk_buf all = {0};
	int rc = DK_OK;

	*out = NULL;
	if (cat == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	snprintf(cat->origin, sizeof cat->origin, "%s", where ? where : "embedded");
	for (int i = 0; dk_catalog_files[i]; i++) {
		const struct dk_catalog_file *f = find_file(files, n, dk_catalog_files[i]);
		struct table t;

		if (f == NULL) {
			rc = dk_fail(err, DK_EINPUT, "%s%s%s is missing", where ? where : "", where ? "/" : "",
			             dk_catalog_files[i]);
			break;
		}
		dk_buf_addf(&all, "%s%c%zu\n", f->name, '\0', f->len);
		dk_buf_add(&all, f->data, f->len);
		rc = open_table(&t, f, where, cols[i], err);
		if (rc == DK_OK) {
			/* messages name the file as the user knows it */
			char file[400];
			snprintf(file, sizeof file, "%s%s%s", where ? where : "", where ? "/" : "", f->name);
			t.r.file = file;
			switch (i) {
			case 0: rc = load_components(cat, &t, err); break;
			case 1: rc = load_deferred(cat, &t, err); break;
			case 2: rc = load_stages(cat, &t, err); break;
			case 3: rc = load_gates(cat, &t, err); break;
			case 4: rc = load_monitoring(cat, &t, err); break;
			case 5: rc = load_texts(cat, &t, 1, err); break;
			case 6: rc = load_texts(cat, &t, 0, err); break;
			}
		}
		reader_free(&t.r);
		if (rc != DK_OK)
			break;
	}
	if (rc == DK_OK && !dk_buf_ok(&all))
		rc = dk_fail(err, DK_EDB, "out of memory");
	if (rc == DK_OK && cat->n_components == 0)
		rc = dk_fail(err, DK_EINPUT, "%s%scomponents.csv has no rules", where ? where : "", where ? "/" : "");
	if (rc != DK_OK) {
		dk_buf_free(&all);
		dk_catalog_free(cat);
		return rc;
	}
	dk_sha256_hex(all.p, all.len, cat->sha256);
	dk_buf_free(&all);
	*out = cat;
	return DK_OK;
}

int dk_catalog_load_embedded(struct dk_catalog **out, struct dk_error *err)
{
	return dk_catalog_load_files(dk_catalog_embedded, (size_t)dk_catalog_embedded_count, NULL,
	                             out, err);
}

int dk_catalog_load_dir(const char *dir, struct dk_catalog **out, struct dk_error *err)
{
	struct dk_catalog_file files[8];
	char *data[8] = {0};
	size_t n = 0;
	int rc = DK_OK;

	*out = NULL;
	for (; dk_catalog_files[n]; n++) {
		char path[4200];
		FILE *f;
		size_t got;

		snprintf(path, sizeof path, "%s/%s", dir, dk_catalog_files[n]);
		if ((f = fopen(path, "rb")) == NULL) {
			rc = dk_fail(err, DK_EINPUT, "--catalog '%.200s': cannot read %s: %s", dir,
			             dk_catalog_files[n], strerror(errno));
			break;
		}
		if ((data[n] = malloc(FILE_MAX + 1)) == NULL) {
			fclose(f);
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		got = fread(data[n], 1, FILE_MAX + 1, f);
		if (ferror(f) || got > FILE_MAX) {
			fclose(f);
			rc = dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s %s", dir, dk_catalog_files[n],
			             got > FILE_MAX ? "is larger than 1 MB" : "cannot be read");
			break;
		}
		fclose(f);
		data[n][got] = '\0';
		if (memchr(data[n], '\0', got) != NULL) {
			rc = dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s is not text", dir,
			             dk_catalog_files[n]);
			break;
		}
		files[n].name = dk_catalog_files[n];
		files[n].data = data[n];
		files[n].len = got;
	}
	if (rc == DK_OK)
		rc = dk_catalog_load_files(files, n, dir, out, err);
	for (size_t i = 0; i < 8; i++)
		free(data[i]);
	return rc;
}
