#include "docket/dryrun.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/blueprint.h"
#include "docket/cond.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/text.h"
#include "docket/file.h"

#include "dialect.h"

static const char SQL_GATES[] =
	"SELECT s.id, s.name, g.id, g.metric, g.op, g.threshold "
	"FROM stage s LEFT JOIN gate g ON g.stage_id = s.id "
	"WHERE s.blueprint_id = :bp ORDER BY s.ordinal, g.id";

/* The plan's rollback texts, in order. SQLite's json_each also takes a
 * lone text for a list of one, which PostgreSQL's array walk is given as
 * one. */
static const struct dk_sql SQL_ROLLBACK = {
	.sqlite = "SELECT j.value FROM blueprint b, json_each(b.body_json, '$.rollout.rollback') j "
	          "WHERE b.id = :bp AND j.type = 'text' ORDER BY j.key",
	.postgres = "SELECT j.value #>> '{}' FROM blueprint b, LATERAL (SELECT b.body_json::jsonb"
	            "  #> '{rollout,rollback}' AS r) x,"
	            "  jsonb_array_elements(CASE jsonb_typeof(x.r) WHEN 'array' THEN x.r"
	            "    WHEN 'string' THEN jsonb_build_array(x.r) END) WITH ORDINALITY j(value, n) "
	            "WHERE b.id = :bp AND jsonb_typeof(j.value) = 'string' ORDER BY j.n",
};

int dk_gate_passes(const char *op, double t, double v)
{
	if (strcmp(op, "<=") == 0)
		return v <= t;
	if (strcmp(op, "<") == 0)
		return v < t;
	if (strcmp(op, ">=") == 0)
		return v >= t;
	if (strcmp(op, ">") == 0)
		return v > t;
	if (strcmp(op, "==") == 0)
		return v == t;
	if (strcmp(op, "!=") == 0)
		return v != t;
	return 0;
}

/* ---- the metrics file ----------------------------------------------- */

struct mreader {
	const char *path;
	int line;
	int fields;               /* fields in the current record */
	char cell[2][80];
	int too_long;
	struct dk_metric *m;
	size_t n;
	int header_seen;
	int rc;
	struct dk_error *err;
};

static void m_field(void *s, size_t len, void *data)
{
	struct mreader *r = data;

	if (r->fields < 2) {
		if (len >= sizeof r->cell[0])
			r->too_long = 1;
		else {
			memcpy(r->cell[r->fields], s ? s : "", s ? len : 0);
			r->cell[r->fields][s ? len : 0] = '\0';
		}
	}
	r->fields++;
}

static void m_record(int c, void *data)
{
	struct mreader *r = data;
	const char *name = r->cell[0];
	struct dk_metric *grown;
	char opt[300];
	double v;

	(void)c;
	if (r->rc != DK_OK)
		goto out;
	if (!r->header_seen) {
		r->header_seen = 1;
		if (r->fields != 2 || strcmp(r->cell[0], "metric") != 0 || strcmp(r->cell[1], "value") != 0)
			r->rc = dk_fail(r->err, DK_EINPUT, "%s:%d: the header must be 'metric,value'", r->path, r->line);
		goto out;
	}
	if (r->fields != 2 || r->too_long) {
		r->rc = dk_fail(r->err, DK_EINPUT, "%s:%d: a row is a metric and a value", r->path, r->line);
		goto out;
	}
	if (*name == '\0' || strlen(name) > 64 ||
	    name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")]) {
		r->rc = dk_fail(r->err, DK_EINPUT, "%s:%d: '%.64s' is not a metric name (letters, digits, "
		                "'_', '.')", r->path, r->line, name);
		goto out;
	}
	snprintf(opt, sizeof opt, "%s:%d: %s", r->path, r->line, name);
	if ((r->rc = dk_parse_real(opt, r->cell[1], -1e300, 1e300, &v, r->err)) != DK_OK)
		goto out;
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->m[i].name, name) == 0) {
			r->rc = dk_fail(r->err, DK_EINPUT, "%s:%d: metric '%s' is given twice", r->path, r->line, name);
			goto out;
		}
	if ((grown = realloc(r->m, (r->n + 1) * sizeof *grown)) == NULL) {
		r->rc = dk_fail(r->err, DK_EDB, "out of memory");
		goto out;
	}
	r->m = grown;
	{
		size_t len = strnlen(name, sizeof r->m[r->n].name - 1);
		memcpy(r->m[r->n].name, name, len);
		r->m[r->n].name[len] = '\0';
	}
	r->m[r->n++].value = v;
out:
	r->fields = 0;
	r->too_long = 0;
	r->cell[0][0] = r->cell[1][0] = '\0';
}

int dk_metrics_read(const char *path, struct dk_metric **out, size_t *n, struct dk_error *err)
{
	struct mreader r = {.path = path, .rc = DK_OK, .err = err};
	struct csv_parser p;
	char line[4096];
	const char *why;
	FILE *f = dk_file_open(path, &why);

	*out = NULL;
	*n = 0;
	if (f == NULL)
		return dk_fail(err, DK_EINPUT, "--metrics '%.200s': %s", path, why);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fclose(f);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	while (r.rc == DK_OK && fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		r.line++;
		if (len == sizeof line - 1 && line[len - 1] != '\n')
			r.rc = dk_fail(err, DK_EINPUT, "%s:%d: the line is too long", path, r.line);
		else if (csv_parse(&p, line, len, m_field, m_record, &r) != len)
			r.rc = dk_fail(err, DK_EINPUT, "%s:%d: %s", path, r.line, csv_strerror(csv_error(&p)));
	}
	if (r.rc == DK_OK && csv_fini(&p, m_field, m_record, &r) != 0)
		r.rc = dk_fail(err, DK_EINPUT, "%s:%d: %s", path, r.line, csv_strerror(csv_error(&p)));
	if (r.rc == DK_OK && ferror(f))
		r.rc = dk_fail(err, DK_EINPUT, "--metrics '%.200s': cannot be read", path);
	if (r.rc == DK_OK && !r.header_seen)
		r.rc = dk_fail(err, DK_EINPUT, "%s: is empty (the header must be 'metric,value')", path);
	csv_free(&p);
	fclose(f);
	if (r.rc != DK_OK) {
		free(r.m);
		return r.rc;
	}
	*out = r.m;
	*n = r.n;
	return DK_OK;
}

void dk_metrics_free(struct dk_metric *m) { free(m); }

/* ---- walking the contract ------------------------------------------------ */

struct gate {
	int64_t stage_id;
	char stage[16];     /* the stage's name */
	int64_t id;         /* 0: a stage without gates */
	char metric[65];
	char op[3];
	double t;
};

struct contract {
	struct gate *g;
	size_t n;
	struct dk_buf rollback; /* the plan's rollback patterns, "; "-joined */
};

static int load(struct dk_db *db, int64_t bp, struct contract *c, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = dk_stmt_prepare(db, &s, SQL_GATES, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":bp", bp);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		struct gate *grown = realloc(c->g, (c->n + 1) * sizeof *grown), *g;
		if (grown == NULL) {
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		c->g = grown;
		g = &c->g[c->n++];
		memset(g, 0, sizeof *g);
		g->stage_id = dk_col_int(s, 0);
		snprintf(g->stage, sizeof g->stage, "%s", dk_col_text(s, 1));
		if (!dk_col_is_null(s, 2)) {
			g->id = dk_col_int(s, 2);
			snprintf(g->metric, sizeof g->metric, "%s", dk_col_text(s, 3));
			snprintf(g->op, sizeof g->op, "%s", dk_col_text(s, 4));
			g->t = dk_col_double(s, 5);
		}
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_ROLLBACK), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":bp", bp);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		if (c->rollback.len)
			dk_buf_adds(&c->rollback, "; ");
		dk_buf_adds(&c->rollback, dk_col_text(s, 0));
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	return dk_buf_ok(&c->rollback) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

static const struct dk_metric *find(const struct dk_metric *m, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0)
			return &m[i];
	return NULL;
}

/* The first gate that does not pass, or -1 when every gate passes. */
static long walk(const struct contract *c, const struct dk_metric *m, size_t n)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct dk_metric *v;
		if (c->g[i].id == 0)
			continue;
		v = find(m, n, c->g[i].metric);
		if (v == NULL || !dk_gate_passes(c->g[i].op, c->g[i].t, v->value))
			return (long)i;
	}
	return -1;
}

static int before_deploy(const char *stage)
{
	static const char *const early[] = {"ingest", "validate", "train", "evaluate", "package",
	                                    "promote", NULL};
	for (int i = 0; early[i]; i++)
		if (strcmp(stage, early[i]) == 0)
			return 1;
	return 0;
}

struct out {
	dk_row_fn fn;
	void *ctx;
	struct dk_error *err;
	int branch;
};

static int emit(struct out *o, const char *scenario, const char *result, const char *stage,
                const char *gate, const char *detail, const char *rollback)
{
	char b[16];
	struct dk_cell cells[7] = {
		{"branch", b, DK_CELL_INT},
		{"scenario", scenario, DK_CELL_TEXT},
		{"result", result, DK_CELL_TEXT},
		{"stage", stage, stage ? DK_CELL_TEXT : DK_CELL_NULL},
		{"gate", gate, gate ? DK_CELL_TEXT : DK_CELL_NULL},
		{"detail", detail, detail ? DK_CELL_TEXT : DK_CELL_NULL},
		{"rollback", rollback, rollback ? DK_CELL_TEXT : DK_CELL_NULL},
	};

	snprintf(b, sizeof b, "%d", ++o->branch);
	return o->fn(o->ctx, 7, cells, o->err);
}

/* Walks one branch and reports it. must: 0 any end, 1 promoted, 2 blocked. */
static int branch(struct out *o, const struct contract *c, const struct dk_metric *m, size_t n,
                  const char *scenario, int must, struct dk_dryrun_summary *sum)
{
	long at = walk(c, m, n);
	char stage[48], gate[120], detail[160], t[32], v[32];
	const struct gate *g;
	const struct dk_metric *val;
	const char *rollback;
	int ok;

	sum->branches++;
	if (at < 0) {
		ok = must != 2;
		sum->promoted += ok;
		sum->failed += !ok;
		return emit(o, scenario, ok ? "promoted" : "FAILED", NULL, NULL,
		            ok ? "every gate passed" : "every gate passed: this gate cannot block promotion",
		            NULL);
	}
	g = &c->g[at];
	snprintf(stage, sizeof stage, "ST-%lld %s", (long long)g->stage_id, g->stage);
	dk_num_format(g->t, t);
	snprintf(gate, sizeof gate, "G-%lld %s %s %s", (long long)g->id, g->metric, g->op, t);
	val = find(m, n, g->metric);
	if (val) {
		dk_num_format(val->value, v);
		snprintf(detail, sizeof detail, "%s = %s", g->metric, v);
	} else {
		snprintf(detail, sizeof detail, "no value for %s", g->metric);
	}
	rollback = before_deploy(g->stage) ? "nothing is promoted: the current champion keeps serving"
	                                   : dk_buf_str(&c->rollback);
	ok = must != 1 && *rollback != '\0';
	if (*rollback == '\0')
		snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "; the plan names no rollback");
	sum->blocked += ok;
	sum->failed += !ok;
	return emit(o, scenario, ok ? "blocked" : "FAILED", stage, gate, detail,
	            *rollback ? rollback : NULL);
}

static double pass_value(const struct gate *g)
{
	if (strcmp(g->op, "<") == 0)
		return g->t - 1;
	if (strcmp(g->op, ">") == 0 || strcmp(g->op, "!=") == 0)
		return g->t + 1;
	return g->t;
}

static double fail_value(const struct gate *g)
{
	if (strcmp(g->op, "<=") == 0 || strcmp(g->op, "==") == 0)
		return g->t + 1;
	if (strcmp(g->op, ">=") == 0)
		return g->t - 1;
	return g->t; /* <, > and != fail at the threshold itself */
}

/* One value per metric passing all its gates; *conflict names a metric
 * none passes. */
static int passing_set(const struct contract *c, struct dk_metric **out, size_t *n,
                       const char **conflict)
{
	*out = NULL;
	*n = 0;
	*conflict = NULL;
	for (size_t i = 0; i < c->n; i++) {
		const struct gate *g = &c->g[i];
		struct dk_metric *grown;
		int found = 0;

		if (g->id == 0 || find(*out, *n, g->metric))
			continue;
		if ((grown = realloc(*out, (*n + 1) * sizeof *grown)) == NULL)
			return -1;
		*out = grown;
		snprintf(grown[*n].name, sizeof grown[*n].name, "%s", g->metric);
		for (size_t j = i; j < c->n && !found; j++) {
			int all = 1;
			if (c->g[j].id == 0 || strcmp(c->g[j].metric, g->metric) != 0)
				continue;
			grown[*n].value = pass_value(&c->g[j]);
			for (size_t k = i; k < c->n && all; k++)
				if (c->g[k].id && strcmp(c->g[k].metric, g->metric) == 0)
					all = dk_gate_passes(c->g[k].op, c->g[k].t, grown[*n].value);
			found = all;
		}
		if (!found && *conflict == NULL)
			*conflict = g->metric;
		(*n)++;
	}
	return 0;
}

int dk_dryrun(struct dk_db *db, int64_t blueprint_id, const struct dk_metric *metrics,
              size_t n_metrics, dk_row_fn fn, void *ctx, struct dk_dryrun_summary *sum,
              struct dk_error *err)
{
	struct out o = {fn, ctx, err, 0};
	struct contract c;
	struct dk_metric *pass = NULL;
	size_t npass = 0;
	const char *conflict;
	int rc;

	memset(sum, 0, sizeof *sum);
	if ((rc = dk_blueprint_exists(db, blueprint_id, err)) != DK_OK)
		return rc;
	if ((rc = load(db, blueprint_id, &c, err)) != DK_OK)
		goto out;
	if (c.n == 0) {
		rc = dk_fail(err, DK_EINPUT, "BP-%lld has no stages to walk", (long long)blueprint_id);
		goto out;
	}
	if (metrics) {
		rc = branch(&o, &c, metrics, n_metrics, "the metrics given", 0, sum);
		goto summary;
	}
	if (passing_set(&c, &pass, &npass, &conflict) != 0) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto out;
	}
	if (conflict) {
		char detail[160];
		snprintf(detail, sizeof detail, "no value of %s passes every gate on it", conflict);
		sum->branches++;
		sum->failed++;
		rc = emit(&o, "every gate passes", "FAILED", NULL, NULL, detail, NULL);
	} else {
		rc = branch(&o, &c, pass, npass, "every gate passes", 1, sum);
	}
	for (size_t i = 0; i < c.n && rc == DK_OK; i++) {
		const struct gate *g = &c.g[i];
		struct dk_metric *m;
		char scenario[200], v[32];
		double keep;

		if (g->id == 0 || (m = (struct dk_metric *)find(pass, npass, g->metric)) == NULL)
			continue;
		keep = m->value;
		m->value = fail_value(g);
		dk_num_format(m->value, v);
		snprintf(scenario, sizeof scenario, "G-%lld fails: %s = %s", (long long)g->id, g->metric, v);
		rc = branch(&o, &c, pass, npass, scenario, 2, sum);
		m->value = keep;
	}
summary:
	sum->passed = sum->failed == 0 && (metrics == NULL || sum->blocked == 0);
	if (rc == DK_OK)
		snprintf(sum->text, sizeof sum->text, "dry-run of BP-%lld%s: %d branch%s, %d promoted, "
		         "%d blocked with a rollback path, %d failed", (long long)blueprint_id,
		         metrics ? " with the metrics given" : " over every branch", sum->branches,
		         sum->branches == 1 ? "" : "es", sum->promoted, sum->blocked, sum->failed);
out:
	free(pass);
	free(c.g);
	dk_buf_free(&c.rollback);
	return rc;
}

/* ---- the result as evidence ------------------------------------------------ */

static const char SQL_DECISIONS[] =
	"SELECT id FROM decision WHERE blueprint_id = :bp AND status IN ('proposed', 'accepted') "
	"ORDER BY id";

struct recording {
	dk_row_fn fn;
	void *ctx;
	struct dk_buf lines; /* one line per branch, for the evidence summary */
};

static const char *cell(const struct dk_cell *c) { return c->type == DK_CELL_NULL ? NULL : c->text; }

static int record_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct recording *r = arg;

	if (ncol == 7) {
		dk_buf_addf(&r->lines, "\n%s. %s: %s", cells[0].text, cells[1].text, cells[2].text);
		if (cell(&cells[3]))
			dk_buf_addf(&r->lines, " at %s by %s", cells[3].text, cell(&cells[4]) ? cells[4].text : "?");
		if (cell(&cells[5]))
			dk_buf_addf(&r->lines, " (%s)", cells[5].text);
		if (cell(&cells[6]))
			dk_buf_addf(&r->lines, "; rollback: %s", cells[6].text);
	}
	return r->fn(r->ctx, ncol, cells, err);
}

int dk_dryrun_record(struct dk_db *db, int64_t blueprint_id, const struct dk_metric *metrics,
                     size_t n_metrics, const char *metrics_file, const char *today,
                     dk_row_fn fn, void *ctx, struct dk_dryrun_summary *sum, int64_t *evidence,
                     int *linked, struct dk_error *err)
{
	struct recording r = {fn, ctx, {0}};
	struct dk_evidence_in ev = {0};
	struct dk_buf summary = {0};
	struct dk_stmt *s = NULL;
	char title[200];
	int passed, rc;

	*evidence = 0;
	*linked = 0;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_dryrun(db, blueprint_id, metrics, n_metrics, record_row, &r, sum, err)) != DK_OK)
		goto fail;
	passed = sum->passed;
	snprintf(title, sizeof title, "dry-run of BP-%lld%s: %s", (long long)blueprint_id,
	         metrics ? " with the metrics given" : " over every branch",
	         passed ? (metrics ? "promoted" : "passed")
	                : (metrics ? "blocked" : "failed"));
	dk_buf_adds(&summary, sum->text);
	dk_buf_adds(&summary, dk_buf_str(&r.lines));
	if (!dk_buf_ok(&summary) || !dk_buf_ok(&r.lines)) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	dk_buf_clip(&summary, 100000); /* an evidence summary holds 100000 characters */
	ev.kind = "dryrun";
	ev.title = title;
	ev.file = metrics_file;
	ev.summary = dk_buf_str(&summary);
	ev.collected = today;
	if ((rc = dk_evidence_insert(db, &ev, evidence, err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_DECISIONS, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":bp", blueprint_id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		if ((rc = dk_decision_link_insert(db, dk_col_int(s, 0), *evidence, !passed, err)) != DK_OK)
			break;
		++*linked;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		goto fail;
	dk_buf_free(&summary);
	dk_buf_free(&r.lines);
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	dk_buf_free(&summary);
	dk_buf_free(&r.lines);
	*evidence = 0;
	*linked = 0;
	return rc;
}
