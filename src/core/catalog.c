#include "docket/catalog.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/suggest.h"
#include "docket/text.h"

const char *const dk_catalog_files[] = {
	"stack.csv", "components.csv", "deferred.csv", "stages.csv", "gates.csv",
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
	const char *file;          /* the name rows keep: "components.csv" or "DIR/components.csv" */
	const char *const *cols;   /* the columns this file must have, NULL-terminated */
	int at[16];                /* header index of each column */
	const struct rec *row;     /* the row being checked */
	unsigned char *skip;       /* per record: the same as an earlier row, so left out */
	const struct dk_vocab *vocab; /* what conditions may name */
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
	return dk_fail(t->err, DK_EINPUT, "%s:%d:%d (%s): %s", t->file, t->row->line,
	               t->at[col] + 1, t->cols[col], msg);
}

static int open_table(struct table *t, const struct dk_catalog_file *f, const char *file,
                      const char *const *cols, struct dk_error *err)
{
	const struct rec *h;
	int rc;

	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->err = err;
	t->file = file;
	if ((rc = read_csv(file, f->data, f->len, &t->r, err)) != DK_OK)
		return rc;
	t->r.file = file;
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
	if ((t->skip = calloc(t->r.nrecs, 1)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	return DK_OK;
}

static void close_table(struct table *t)
{
	reader_free(&t->r);
	free(t->skip);
	t->skip = NULL;
}

/* The cell of column c in the current row ("" when the row is short). */
static const char *cell(struct table *t, int c)
{
	size_t i = (size_t)t->at[c];

	return i < t->row->n ? t->row->cells[i] : "";
}

/* Rows of the file's tables, first to last, that are not the same in every
 * cell as a row before them (an overlay's copy of a shipped row counts once). */
static int mark_repeats(struct table *tables, int n, struct dk_error *err)
{
	struct dk_buf *keys = NULL;
	size_t nkeys = 0;
	int rc = DK_OK;

	for (int k = 0; k < n && rc == DK_OK; k++) {
		struct table *t = &tables[k];
		for (size_t i = 1; i < t->r.nrecs && rc == DK_OK; i++) {
			struct dk_buf key = {0}, *grown;
			t->row = &t->r.recs[i];
			for (int col = 0; t->cols[col]; col++) {
				dk_buf_adds(&key, cell(t, col));
				dk_buf_add(&key, "\x1f", 1);
			}
			for (size_t j = 0; j < nkeys && !t->skip[i]; j++)
				t->skip[i] = strcmp(dk_buf_str(&keys[j]), dk_buf_str(&key)) == 0;
			if (t->skip[i] || !dk_buf_ok(&key) ||
			    (grown = realloc(keys, (nkeys + 1) * sizeof *keys)) == NULL) {
				if (!t->skip[i])
					rc = dk_fail(err, DK_EDB, "out of memory");
				dk_buf_free(&key);
				continue;
			}
			keys = grown;
			keys[nkeys++] = key;
		}
	}
	for (size_t j = 0; j < nkeys; j++)
		dk_buf_free(&keys[j]);
	free(keys);
	return rc;
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
	char list[200] = "", near[160];
	size_t used = 0;

	for (int i = 0; allowed[i]; i++) {
		if (strcmp(s, allowed[i]) == 0) {
			*index = i;
			return DK_OK;
		}
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
	}
	dk_suggest_tail(s, allowed, near, sizeof near);
	return cfail(t, c, "'%.40s' is not one of: %s%s", s, list, near);
}

/* An optional kind of tool. */
static int kind_cell(struct table *t, int c, char **out)
{
	const char *s = cell(t, c);

	*out = NULL;
	if (*s == '\0')
		return DK_OK;
	if (!dk_tool_kind_known(s))
		return cfail(t, c, "'%.40s' is not a kind of tool (the kinds are listed in "
		             "share/catalog/README.md)", s);
	if ((*out = strdup(s)) == NULL)
		return dk_fail(t->err, DK_EDB, "out of memory");
	return DK_OK;
}

static int cond_cell(struct table *t, int c, int want, struct dk_cond **out)
{
	struct dk_cond_error e = {0};
	const char *s = cell(t, c), *why;

	if ((why = dk_text_problem(s, CELL_MAX, 0)) != NULL)
		return cfail(t, c, "%s", why);
	if ((*out = dk_cond_parse_vocab(s, want, t->vocab, &e)) == NULL)
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
	if (dk_template_parse(s, t->vocab, out, &e) != 0)
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

/* Each record of t after the header that is not a repeat, as t->row. */
#define EACH_ROW(t, i) \
	for (size_t i = 1; i < (t)->r.nrecs; i++) \
		if (((t)->row = &(t)->r.recs[i]), !(t)->skip[i])

static const char *const stack_cols[] = {"name", "title", "aliases", "kinds", "cloud", NULL};
static const char *const component_cols[] = {"area", "component", "condition", "choice", "alternative",
	"tradeoff", "weight", "reuses", "risk_title", "risk_category", "likelihood", "impact", NULL};
static const char *const deferred_cols[] = {"area", "component", "condition", "kind", "add_when",
	"risk_title", "risk_category", "likelihood", "impact", NULL};
static const char *const stage_cols[] = {"stage", "condition", "inputs", "outputs", "idempotent",
	"retryable", "deps_pinned", "seed_fixed", "env_captured", "data_versioned", NULL};
static const char *const gate_cols[] = {"stage", "condition", "metric", "op", "threshold", NULL};
static const char *const monitor_cols[] = {"condition", "signal", "threshold", "alert", "action", NULL};
static const char *const rollout_cols[] = {"kind", "condition", "text", NULL};
static const char *const step_cols[] = {"condition", "step", NULL};

/* behind: these are the shipped rows behind an overlay's. */
static int load_stack(struct dk_catalog *cat, struct table *t, int behind, struct dk_error *err)
{
	int rc;

	EACH_ROW(t, i) {
		struct dk_error e = {0};
		const char *why;

		for (int k = 0; k < 5; k++)
			if ((why = dk_text_problem(cell(t, k), CELL_MAX, 0)) != NULL)
				return cfail(t, k, "%s", why);
		rc = dk_vocab_add(&cat->vocab, t->file, t->row->line, cell(t, 0), cell(t, 1), cell(t, 2),
		                  cell(t, 3), cell(t, 4), behind, &e);
		if (rc == DK_EDB)
			return dk_fail(err, DK_EDB, "%s", e.msg);
		if (rc != DK_OK)
			return dk_fail(err, DK_EINPUT, "%s:%d: %s", t->file, t->row->line, e.msg);
	}
	return DK_OK;
}

static int load_components(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, area;

	EACH_ROW(t, i) {
		struct dk_cat_component *c;

		NEXT(cat->components, cat->n_components);
		c = &cat->components[cat->n_components - 1];
		c->file = t->file;
		c->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_areas, &area)) || (rc = text_cell(t, 1, 1, &c->component)) ||
		    (rc = cond_cell(t, 2, DK_T_BOOL, &c->cond)) || (rc = template_cell(t, 3, &c->choice)) ||
		    (rc = template_cell(t, 4, &c->alternative)) || (rc = template_cell(t, 5, &c->tradeoff)) ||
		    (rc = int_cell(t, 6, 1, 5, &c->weight)) || (rc = kind_cell(t, 7, &c->reuses)) ||
		    (rc = risk_cells(t, 8, &c->risk)))
			return rc;
		if ((c->area = strdup(dk_areas[area])) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		for (size_t j = 0; j + 1 < cat->n_components; j++)
			if (strcmp(cat->components[j].component, c->component) == 0 &&
			    strcmp(cat->components[j].area, c->area) != 0)
				return cfail(t, 0, "component '%.40s' is in area %s on %s:%d", c->component,
				             cat->components[j].area, cat->components[j].file,
				             cat->components[j].line);
	}
	return DK_OK;
}

/* A failed guard must never land on something heavier: each component's
 * first unconditional rule, its fallback, is its lightest choice. */
static int check_weights(const struct dk_catalog *cat, struct dk_error *err)
{
	for (size_t i = 0; i < cat->n_components; i++) {
		const struct dk_cat_component *u = &cat->components[i];

		if (!dk_cond_is_true(u->cond))
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct dk_cat_component *r = &cat->components[j];
			if (strcmp(r->component, u->component) != 0 || dk_cond_is_true(r->cond))
				continue;
			if (r->weight < u->weight)
				return dk_fail(err, DK_EINPUT, "%s:%d: '%s' falls back to this rule (weight %d), "
				               "which is heavier than %s:%d (weight %d): a component's "
				               "unconditional rule must be its lightest choice", u->file,
				               u->line, u->component, u->weight, r->file, r->line, r->weight);
		}
	}
	return DK_OK;
}

static int load_deferred(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, area;

	EACH_ROW(t, i) {
		struct dk_cat_deferred *d;

		NEXT(cat->deferred, cat->n_deferred);
		d = &cat->deferred[cat->n_deferred - 1];
		d->file = t->file;
		d->line = t->row->line;
		if ((rc = enum_cell(t, 0, dk_areas, &area)) || (rc = text_cell(t, 1, 1, &d->component)) ||
		    (rc = cond_cell(t, 2, DK_T_BOOL, &d->cond)) || (rc = kind_cell(t, 3, &d->kind)) ||
		    (rc = template_cell(t, 4, &d->add_when)) || (rc = risk_cells(t, 5, &d->risk)))
			return rc;
		if ((d->area = strdup(dk_areas[area])) == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
	}
	return DK_OK;
}

static int load_stages(struct dk_catalog *cat, struct table *t, struct dk_error *err)
{
	int rc, yn;

	EACH_ROW(t, i) {
		struct dk_cat_stage *s;

		NEXT(cat->stages, cat->n_stages);
		s = &cat->stages[cat->n_stages - 1];
		s->file = t->file;
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

	EACH_ROW(t, i) {
		struct dk_cat_gate *g;
		const char *m;
		int stage_known = 0;

		NEXT(cat->gates, cat->n_gates);
		g = &cat->gates[cat->n_gates - 1];
		g->file = t->file;
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

	EACH_ROW(t, i) {
		struct dk_cat_monitor *m;

		NEXT(cat->monitoring, cat->n_monitoring);
		m = &cat->monitoring[cat->n_monitoring - 1];
		m->file = t->file;
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

	EACH_ROW(t, i) {
		struct dk_cat_text *x;

		NEXT(*arr, *n);
		x = &(*arr)[*n - 1];
		x->file = t->file;
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
		free(x->reuses);
		dk_cond_free(x->cond);
		dk_template_free(&x->choice);
		dk_template_free(&x->alternative);
		dk_template_free(&x->tradeoff);
		risk_free(&x->risk);
	}
	for (size_t i = 0; i < c->n_deferred; i++) {
		struct dk_cat_deferred *x = &c->deferred[i];
		free(x->area);
		free(x->component);
		free(x->kind);
		dk_cond_free(x->cond);
		dk_template_free(&x->add_when);
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
		dk_template_free(&x->signal);
		dk_template_free(&x->threshold);
		dk_template_free(&x->alert);
		dk_template_free(&x->action);
	}
	for (size_t i = 0; i < c->n_rollout; i++) {
		free(c->rollout[i].kind);
		dk_cond_free(c->rollout[i].cond);
		dk_template_free(&c->rollout[i].text);
	}
	for (size_t i = 0; i < c->n_first_steps; i++) {
		dk_cond_free(c->first_steps[i].cond);
		dk_template_free(&c->first_steps[i].text);
	}
	free(c->components);
	free(c->deferred);
	free(c->stages);
	free(c->gates);
	free(c->monitoring);
	free(c->rollout);
	free(c->first_steps);
	dk_vocab_free(&c->vocab);
	for (size_t i = 0; i < c->n_regimes; i++)
		free(c->regimes[i]);
	free(c->regimes);
	for (size_t i = 0; i < sizeof c->names / sizeof c->names[0]; i++)
		free(c->names[i]);
	free(c);
}

static const struct dk_catalog_file *find_file(const struct dk_catalog_file *files, size_t n,
                                               const char *name)
{
	for (size_t i = 0; files && i < n; i++)
		if (strcmp(files[i].name, name) == 0)
			return &files[i];
	return NULL;
}

static int replaces(const struct dk_catalog_file *f)
{
	static const char mark[] = "# docket: replace";
	size_t n = sizeof mark - 1;

	return f->len >= n && memcmp(f->data, mark, n) == 0 &&
	       (f->len == n || f->data[n] == '\n' || f->data[n] == '\r');
}

static void hash_file(struct dk_buf *all, const char *prefix, const struct dk_catalog_file *f)
{
	dk_buf_addf(all, "%s%s%c%zu\n", prefix, f->name, '\0', f->len);
	dk_buf_add(all, f->data, f->len);
}

/* Loads file i's tables (the overlay's, then the shipped one's) into cat. */
static int load_one(struct dk_catalog *cat, int i, const struct dk_catalog_file *shipped,
                    const struct dk_catalog_file *over, const char *where, struct dk_error *err)
{
	static const char *const *const cols[] = {stack_cols, component_cols, deferred_cols, stage_cols,
		gate_cols, monitor_cols, rollout_cols, step_cols};
	struct table t[2];
	int n = 0, rc = DK_OK;

	memset(t, 0, sizeof t);
	/* the names rows keep: the shipped file's, and DIR/NAME for the overlay's */
	if (over && (cat->names[2 * i] = malloc(strlen(where) + strlen(over->name) + 2)) != NULL)
		sprintf(cat->names[2 * i], "%s/%s", where, over->name);
	if ((cat->names[2 * i + 1] = strdup(shipped->name)) == NULL || (over && cat->names[2 * i] == NULL))
		return dk_fail(err, DK_EDB, "out of memory");
	if (over)
		rc = open_table(&t[n++], over, cat->names[2 * i], cols[i], err);
	if (rc == DK_OK && !(over && replaces(over)))
		rc = open_table(&t[n++], shipped, cat->names[2 * i + 1], cols[i], err);
	/* repeats matter where an overlay copied shipped rows */
	if (rc == DK_OK && n > 1)
		rc = mark_repeats(t, n, err);
	for (int k = 0; k < n && rc == DK_OK; k++) {
		t[k].vocab = &cat->vocab;
		switch (i) {
		case 0: rc = load_stack(cat, &t[k], over != NULL && k == 1, err); break;
		case 1: rc = load_components(cat, &t[k], err); break;
		case 2: rc = load_deferred(cat, &t[k], err); break;
		case 3: rc = load_stages(cat, &t[k], err); break;
		case 4: rc = load_gates(cat, &t[k], err); break;
		case 5: rc = load_monitoring(cat, &t[k], err); break;
		case 6: rc = load_texts(cat, &t[k], 1, err); break;
		case 7: rc = load_texts(cat, &t[k], 0, err); break;
		}
	}
	for (int k = 0; k < 2; k++)
		close_table(&t[k]);
	return rc;
}

struct regimes {
	struct dk_catalog *cat;
	int failed;
};

static void add_regime(void *ctx, const struct dk_cond *c)
{
	struct regimes *r = ctx;
	const struct dk_cond *list = dk_cond_node(c) == DK_C_HAS ? dk_cond_operand(c, 0) : NULL;
	const char *text = list ? dk_cond_text(c) : NULL;
	char folded[256], **grown;

	if (text == NULL || dk_cond_field(list) != DK_F_COMPLIANCE)
		return;
	dk_fold(text, folded, sizeof folded);
	for (size_t i = 0; i < r->cat->n_regimes; i++)
		if (strcmp(r->cat->regimes[i], folded) == 0)
			return;
	if ((grown = realloc(r->cat->regimes, (r->cat->n_regimes + 1) * sizeof *grown)) == NULL ||
	    ((r->cat->regimes = grown), (grown[r->cat->n_regimes] = strdup(folded)) == NULL)) {
		r->failed = 1;
		return;
	}
	r->cat->n_regimes++;
}

/* The regimes rules name, so that a plan can say which ones none does. */
static int collect_regimes(struct dk_catalog *cat, struct dk_error *err)
{
	struct regimes r = {cat, 0};

	for (size_t i = 0; i < cat->n_components; i++)
		dk_cond_visit(cat->components[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_deferred; i++)
		dk_cond_visit(cat->deferred[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_stages; i++)
		dk_cond_visit(cat->stages[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_gates; i++)
		dk_cond_visit(cat->gates[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_monitoring; i++)
		dk_cond_visit(cat->monitoring[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_rollout; i++)
		dk_cond_visit(cat->rollout[i].cond, add_regime, &r);
	for (size_t i = 0; i < cat->n_first_steps; i++)
		dk_cond_visit(cat->first_steps[i].cond, add_regime, &r);
	return r.failed ? dk_fail(err, DK_EDB, "out of memory") : DK_OK;
}

int dk_catalog_load_files(const struct dk_catalog_file *files, size_t n,
                          const struct dk_catalog_file *overlay, size_t n_overlay,
                          const char *where, struct dk_catalog **out, struct dk_error *err)
{
	struct dk_catalog *cat = calloc(1, sizeof *cat);
	struct dk_buf all = {0};
	int rc = DK_OK;

	*out = NULL;
	if (cat == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	snprintf(cat->origin, sizeof cat->origin, "%s", n_overlay && where ? where : "embedded");
	for (int i = 0; dk_catalog_files[i] && rc == DK_OK; i++) {
		const struct dk_catalog_file *f = find_file(files, n, dk_catalog_files[i]);
		if (f == NULL)
			rc = dk_fail(err, DK_EINPUT, "the shipped catalog has no %s", dk_catalog_files[i]);
		else
			hash_file(&all, "", f);
	}
	for (int i = 0; dk_catalog_files[i] && rc == DK_OK; i++) {
		const struct dk_catalog_file *f = find_file(files, n, dk_catalog_files[i]);
		const struct dk_catalog_file *o = find_file(overlay, n_overlay, dk_catalog_files[i]);

		/* a copy of the shipped file is no overlay */
		if (o && o->len == f->len && memcmp(o->data, f->data, f->len) == 0)
			o = NULL;
		if (o)
			hash_file(&all, replaces(o) ? "replace/" : "overlay/", o);
		rc = load_one(cat, i, f, o, where ? where : ".", err);
		if (rc == DK_OK && i == 1)
			rc = check_weights(cat, err);
	}
	if (rc == DK_OK && !dk_buf_ok(&all))
		rc = dk_fail(err, DK_EDB, "out of memory");
	if (rc == DK_OK && cat->n_components == 0)
		rc = dk_fail(err, DK_EINPUT, "the catalog has no rules in components.csv");
	if (rc == DK_OK)
		rc = collect_regimes(cat, err);
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
