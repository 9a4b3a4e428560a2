/* bp_import.c: blueprints written elsewhere, imported with their hash and
 * lineage (docket/blueprint.h: dk_blueprint_import). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/db.h"
#include "docket/stage.h"
#include "docket/suggest.h"
#include "docket/text.h"
#include "docket/file.h"

#include "dialect.h"

#define IMPORT_MAX (10 * 1024 * 1024)
/* A numeric macro as SQL text. */
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- Markdown ----------------------------------------------------------- */

struct md {
	const char *file;
	int line;
	int section;       /* "## N." */
	int area;          /* section 3: index in dk_areas, -1 elsewhere */
	int sub5;          /* section 5: 0 rollout, 1 rollback, 2 retraining, 3 monitoring, -1 */
	struct dk_buf comps, defs, stages, mon, roll[3], steps;
	int nstages;
	struct dk_error *err;
};

static void arr_item(struct dk_buf *b)
{
	dk_buf_adds(b, b->len ? "," : "");
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Splits a table row "| a | b \| c |" into at most max cells, unescaping
 * "\|" and the entities bp_render.c writes (&lt; &gt; &amp;). */
static int cells(char *line, char **out, int max)
{
	int n = 0;
	char *p = line, *w;

	if (*p != '|')
		return 0;
	p++;
	while (*p && n < max) {
		char *start = p;
		w = p;
		while (*p && *p != '|') {
			if (*p == '\\' && p[1] == '|')
				p++;
			else if (strncmp(p, "&lt;", 4) == 0 || strncmp(p, "&gt;", 4) == 0) {
				*w++ = p[1] == 'l' ? '<' : '>';
				p += 4;
				continue;
			} else if (strncmp(p, "&amp;", 5) == 0) {
				*w++ = '&';
				p += 5;
				continue;
			}
			*w++ = *p++;
		}
		if (*p != '|')
			break; /* text after the last '|' is not a cell */
		p++;
		*w = '\0';
		out[n++] = trim(start);
	}
	return n;
}

static int mdfail(struct md *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int mdfail(struct md *m, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dk_fail(m->err, DK_EINPUT, "%s:%d: %s", m->file, m->line, msg);
}

static void json_list_of(struct dk_buf *b, char *text, const char *sep)
{
	int n = 0;
	size_t seplen = strlen(sep);

	dk_buf_adds(b, "[");
	while (*text) {
		char *end = strstr(text, sep), *item;
		if (end)
			*end = '\0';
		item = trim(text);
		if (*item && strcmp(item, "none") != 0) {
			dk_buf_adds(b, n++ ? "," : "");
			dk_buf_json_string(b, item);
		}
		if (!end)
			break;
		text = end + seplen;
	}
	dk_buf_adds(b, "]");
}

static int stage_row(struct md *m, char **c)
{
	struct dk_buf *b = &m->stages;
	int known = 0, ng = 0;
	char *g, near[160];

	for (int i = 0; dk_stage_names[i]; i++)
		known |= strcmp(c[1], dk_stage_names[i]) == 0;
	if (!known) {
		dk_suggest_tail(c[1], dk_stage_names, near, sizeof near);
		return mdfail(m, "stage '%.40s' is not one of: ingest, validate, train, evaluate, package, "
		              "promote, deploy, monitor%s", c[1], near);
	}
	arr_item(b);
	dk_buf_adds(b, "{\"name\":");
	dk_buf_json_string(b, c[1]);
	dk_buf_adds(b, ",\"inputs\":");
	json_list_of(b, c[2], "; ");
	dk_buf_adds(b, ",\"outputs\":");
	json_list_of(b, c[3], "; ");
	for (int k = 0; k < DK_FLAG_COUNT; k++)
		dk_buf_addf(b, ",\"%s\":%s", dk_flag_names[k], strstr(c[4], dk_flag_words[k]) ? "true" : "false");
	dk_buf_adds(b, ",\"gates\":[");
	for (g = strchr(c[5], '`'); g; g = strchr(g, '`')) {
		char *end = strchr(g + 1, '`'), metric[80], op[4], num[64];
		struct dk_error e;
		double t;
		if (end == NULL)
			return mdfail(m, "a gate is not closed with '`' in '%.60s'", g);
		*end = '\0';
		if (sscanf(g + 1, "%79s %3s %63s", metric, op, num) != 3 ||
		    dk_parse_real("threshold", num, -DK_GATE_THRESHOLD_MAX, DK_GATE_THRESHOLD_MAX, &t,
		                  &e) != DK_OK)
			return mdfail(m, "'%.60s' is not a gate (`metric op threshold`, the threshold a "
			              "number within %g either way)", g + 1, DK_GATE_THRESHOLD_MAX);
		dk_buf_adds(b, ng++ ? ",{\"metric\":" : "{\"metric\":");
		dk_buf_json_string(b, metric);
		dk_buf_adds(b, ",\"op\":");
		dk_buf_json_string(b, op);
		dk_buf_addf(b, ",\"threshold\":%.17g}", t);
		g = end + 1;
	}
	dk_buf_adds(b, "]}");
	m->nstages++;
	return DK_OK;
}

static int md_line(struct md *m, char *line)
{
	char *c[8];
	int n;

	if (strncmp(line, "## ", 3) == 0) {
		m->section = atoi(line + 3);
		m->area = -1;
		m->sub5 = -1;
		return DK_OK;
	}
	if (strncmp(line, "### ", 4) == 0) {
		const char *h = line + 4;
		m->area = -1;
		m->sub5 = -1;
		if (m->section == 3 && strncmp(h, "3.", 2) == 0) {
			const char *title = strchr(h, ' ');
			for (int a = 0; dk_areas[a] && title; a++)
				if (strcasecmp(trim((char *)title), dk_area_titles[a]) == 0)
					m->area = a;
			if (m->area < 0 && h[2] >= '1' && h[2] <= '6')
				m->area = h[2] - '1';
		} else if (m->section == 5) {
			m->sub5 = strncasecmp(h, "Rollout", 7) == 0 ? 0 : strncasecmp(h, "Rollback", 8) == 0 ? 1
			        : strncasecmp(h, "Retraining", 10) == 0 ? 2 : strncasecmp(h, "Monitoring", 10) == 0 ? 3 : -1;
		}
		return DK_OK;
	}
	if (m->section == 3 && m->area >= 0) {
		if ((n = cells(line, c, 8)) == 4 && strcmp(c[0], "Component") != 0 && strncmp(c[0], "---", 3) != 0) {
			arr_item(&m->comps);
			dk_buf_addf(&m->comps, "{\"area\":\"%s\",\"component\":", dk_areas[m->area]);
			dk_buf_json_string(&m->comps, c[0]);
			dk_buf_adds(&m->comps, ",\"choice\":");
			dk_buf_json_string(&m->comps, c[1]);
			dk_buf_adds(&m->comps, ",\"alternative\":");
			dk_buf_json_string(&m->comps, c[2]);
			dk_buf_adds(&m->comps, ",\"tradeoff\":");
			dk_buf_json_string(&m->comps, c[3]);
			dk_buf_adds(&m->comps, "}");
		} else if (strncmp(line, "- ", 2) == 0 && strstr(line, ": add when ")) {
			char *sep = strstr(line, ": add when ");
			*sep = '\0';
			arr_item(&m->defs);
			dk_buf_addf(&m->defs, "{\"area\":\"%s\",\"component\":", dk_areas[m->area]);
			dk_buf_json_string(&m->defs, trim(line + 2));
			dk_buf_adds(&m->defs, ",\"add_when\":");
			dk_buf_json_string(&m->defs, trim(sep + 11));
			dk_buf_adds(&m->defs, "}");
		}
		return DK_OK;
	}
	if (m->section == 4) {
		if ((n = cells(line, c, 8)) == 6 && strcmp(c[0], "#") != 0 && strncmp(c[0], "---", 3) != 0)
			return stage_row(m, c);
		return DK_OK;
	}
	if (m->section == 5 && m->sub5 >= 0 && m->sub5 < 3 && strncmp(line, "- ", 2) == 0) {
		arr_item(&m->roll[m->sub5]);
		dk_buf_json_string(&m->roll[m->sub5], trim(line + 2));
		return DK_OK;
	}
	if (m->section == 5 && m->sub5 == 3 && (n = cells(line, c, 8)) == 4 &&
	    strcmp(c[0], "Signal") != 0 && strncmp(c[0], "---", 3) != 0) {
		arr_item(&m->mon);
		dk_buf_adds(&m->mon, "{\"signal\":");
		dk_buf_json_string(&m->mon, c[0]);
		dk_buf_adds(&m->mon, ",\"threshold\":");
		dk_buf_json_string(&m->mon, c[1]);
		dk_buf_adds(&m->mon, ",\"alert\":");
		dk_buf_json_string(&m->mon, c[2]);
		dk_buf_adds(&m->mon, ",\"action\":");
		dk_buf_json_string(&m->mon, c[3]);
		dk_buf_adds(&m->mon, "}");
		return DK_OK;
	}
	if (m->section == 6) {
		char *p = line;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p > line && p[0] == '.' && p[1] == ' ') {
			arr_item(&m->steps);
			dk_buf_json_string(&m->steps, trim(p + 2));
		}
	}
	return DK_OK;
}

int dk_blueprint_md_to_json(const char *file, const char *md, struct dk_buf *json,
                            struct dk_error *err)
{
	struct md m;
	char *copy = strdup(md), *line, *next;
	int rc = DK_OK, fence = 0;

	if (copy == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	memset(&m, 0, sizeof m);
	m.file = file;
	m.area = m.sub5 = -1;
	m.err = err;
	for (line = copy; line && rc == DK_OK; line = next) {
		size_t len;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		m.line++;
		if (strncmp(line, "```", 3) == 0) {
			fence = !fence;
			continue;
		}
		if (!fence)
			rc = md_line(&m, line);
	}
	if (rc == DK_OK) {
		dk_buf_adds(json, "{\"source\":\"markdown\",\"components\":[");
		dk_buf_adds(json, dk_buf_str(&m.comps));
		dk_buf_adds(json, "],\"deferred\":[");
		dk_buf_adds(json, dk_buf_str(&m.defs));
		dk_buf_adds(json, "],\"stages\":[");
		dk_buf_adds(json, dk_buf_str(&m.stages));
		dk_buf_adds(json, "],\"monitoring\":[");
		dk_buf_adds(json, dk_buf_str(&m.mon));
		dk_buf_adds(json, "],\"rollout\":{\"rollout\":[");
		dk_buf_adds(json, dk_buf_str(&m.roll[0]));
		dk_buf_adds(json, "],\"rollback\":[");
		dk_buf_adds(json, dk_buf_str(&m.roll[1]));
		dk_buf_adds(json, "],\"retraining\":[");
		dk_buf_adds(json, dk_buf_str(&m.roll[2]));
		dk_buf_adds(json, "]},\"first_steps\":[");
		dk_buf_adds(json, dk_buf_str(&m.steps));
		dk_buf_adds(json, "]}\n");
		if (!dk_buf_ok(json) || !dk_buf_ok(&m.comps) || !dk_buf_ok(&m.stages))
			rc = dk_fail(err, DK_EDB, "out of memory");
	}
	dk_buf_free(&m.comps);
	dk_buf_free(&m.defs);
	dk_buf_free(&m.stages);
	dk_buf_free(&m.mon);
	for (int i = 0; i < 3; i++)
		dk_buf_free(&m.roll[i]);
	dk_buf_free(&m.steps);
	free(copy);
	return rc;
}

/* ---- storing ------------------------------------------------------------- */

/* Whether the body is JSON at all. PostgreSQL 15 has no test that does not
 * raise (IS JSON came in 16): there a body that is not JSON fails the cast
 * with the engine's own error. */
static const struct dk_sql SQL_JSON_VALID = {
	.sqlite = "SELECT json_valid(:json)",
	/* docket_json_valid (migrations/postgres/0001) is false, not an error */
	.postgres = "SELECT CASE WHEN docket_json_valid(CAST(:json AS TEXT)) THEN 1 ELSE 0 END",
};

/* The first problem in a blueprint's JSON body, or no row. SQLite's
 * json_type names integer, real, text, true and false where PostgreSQL's
 * jsonb_typeof names number, string and boolean; PostgreSQL refuses to
 * take the elements of what is not an array, so each list it walks is
 * NULL (no rows) unless it is one, which the first branch reports. */
static const struct dk_sql SQL_VALIDATE = {
	.sqlite =
	"SELECT msg FROM ("
	" SELECT 0 AS o, 0 AS k, CASE WHEN json_type(:json) IS NOT 'object' THEN 'the body is not a JSON object'"
	"   WHEN coalesce(json_type(:json, '$.components'), 'array') <> 'array' THEN 'components is not a list'"
	"   WHEN coalesce(json_type(:json, '$.deferred'), 'array') <> 'array' THEN 'deferred is not a list'"
	"   WHEN coalesce(json_type(:json, '$.stages'), 'array') <> 'array' THEN 'stages is not a list'"
	"   WHEN coalesce(json_array_length(:json, '$.components'), 0) + coalesce(json_array_length(:json, '$.deferred'), 0)"
	"      + coalesce(json_array_length(:json, '$.stages'), 0) = 0"
	"     THEN 'has no components, deferred components or stages docket can read' END AS msg"
	" UNION ALL"
	" SELECT 1, c.key, 'components[' || c.key || ']: ' || CASE"
	"   WHEN json_type(c.value) IS NOT 'object' THEN 'is not an object'"
	"   WHEN json_type(c.value, '$.area') IS NOT 'text' OR json_extract(c.value, '$.area') NOT IN"
	"     ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')"
	"     THEN 'area is not one of: data, training, packaging, serving, monitoring, governance'"
	"   WHEN json_type(c.value, '$.component') IS NOT 'text' OR length(json_extract(c.value, '$.component')) NOT BETWEEN 1 AND 200"
	"     THEN 'component is not a text of 1 to 200 characters'"
	"   WHEN json_type(c.value, '$.choice') IS NOT 'text' OR json_extract(c.value, '$.choice') = '' THEN 'choice is not a text'"
	"   WHEN coalesce(json_type(c.value, '$.alternative'), 'text') <> 'text' THEN 'alternative is not a text'"
	"   WHEN coalesce(json_type(c.value, '$.tradeoff'), 'text') <> 'text' THEN 'tradeoff is not a text' END"
	" FROM json_each(:json, '$.components') c WHERE json_type(:json) = 'object'"
	" UNION ALL"
	" SELECT 2, d.key, 'deferred[' || d.key || ']: ' || CASE"
	"   WHEN json_type(d.value) IS NOT 'object' THEN 'is not an object'"
	"   WHEN json_type(d.value, '$.area') IS NOT 'text' OR json_extract(d.value, '$.area') NOT IN"
	"     ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')"
	"     THEN 'area is not one of: data, training, packaging, serving, monitoring, governance'"
	"   WHEN json_type(d.value, '$.component') IS NOT 'text' OR length(json_extract(d.value, '$.component')) NOT BETWEEN 1 AND 200"
	"     THEN 'component is not a text of 1 to 200 characters'"
	"   WHEN json_type(d.value, '$.add_when') IS NOT 'text' OR json_extract(d.value, '$.add_when') = ''"
	"     THEN 'add_when is not a text' END"
	" FROM json_each(:json, '$.deferred') d WHERE json_type(:json) = 'object'"
	" UNION ALL"
	" SELECT 3, s.key, 'stages[' || s.key || ']: ' || CASE"
	"   WHEN json_type(s.value) IS NOT 'object' THEN 'is not an object'"
	"   WHEN json_type(s.value, '$.name') IS NOT 'text' OR json_extract(s.value, '$.name') NOT IN"
	"     ('ingest', 'validate', 'train', 'evaluate', 'package', 'promote', 'deploy', 'monitor')"
	"     THEN 'name is not one of: ingest, validate, train, evaluate, package, promote, deploy, monitor'"
	"   WHEN (SELECT count(*) FROM json_each(:json, '$.stages') o"
	"         WHERE json_extract(o.value, '$.name') = json_extract(s.value, '$.name')) > 1"
	"     THEN json_extract(s.value, '$.name') || ' appears twice'"
	"   WHEN coalesce(json_type(s.value, '$.inputs'), 'array') <> 'array'"
	"     OR coalesce(json_type(s.value, '$.outputs'), 'array') <> 'array'"
	"     OR EXISTS (SELECT 1 FROM json_each(s.value, '$.inputs') i WHERE i.type <> 'text')"
	"     OR EXISTS (SELECT 1 FROM json_each(s.value, '$.outputs') i WHERE i.type <> 'text')"
	"     THEN 'inputs and outputs are lists of texts'"
	"   WHEN EXISTS (SELECT 1 FROM json_each(s.value) f WHERE f.key IN ('idempotent', 'retryable',"
	"     'deps_pinned', 'seed_fixed', 'env_captured', 'data_versioned') AND f.type NOT IN ('true', 'false'))"
	"     THEN 'reproducibility flags are true or false'"
	"   WHEN coalesce(json_type(s.value, '$.gates'), 'array') <> 'array' THEN 'gates is not a list'"
	"   WHEN EXISTS (SELECT 1 FROM json_each(s.value, '$.gates') g WHERE json_type(g.value, '$.metric') IS NOT 'text'"
	"     OR length(json_extract(g.value, '$.metric')) NOT BETWEEN 1 AND 64"
	"     OR json_extract(g.value, '$.metric') GLOB '*[^A-Za-z0-9_.]*'"
	"     OR coalesce(json_extract(g.value, '$.op'), '') NOT IN ('<=', '<', '>=', '>', '==', '!=')"
	"     OR json_type(g.value, '$.threshold') NOT IN ('integer', 'real')"
	"     OR abs(json_extract(g.value, '$.threshold')) > " STR(DK_GATE_THRESHOLD_MAX) ")"
	"     THEN 'a gate needs a metric (letters, digits, _ and .), an op (<= < >= > == !=) and a numeric"
	"  threshold within " STR(DK_GATE_THRESHOLD_MAX) " either way' END"
	" FROM json_each(:json, '$.stages') s WHERE json_type(:json) = 'object'"
	") m WHERE msg IS NOT NULL ORDER BY o, k LIMIT 1",
	.postgres =
	"WITH b AS (SELECT (:json)::jsonb AS j) "
	"SELECT msg FROM ("
	" SELECT 0 AS o, 0::bigint AS k,"
	"   CASE WHEN jsonb_typeof(b.j) IS DISTINCT FROM 'object' THEN 'the body is not a JSON object'"
	"   WHEN coalesce(jsonb_typeof(b.j -> 'components'), 'array') <> 'array' THEN 'components is not a list'"
	"   WHEN coalesce(jsonb_typeof(b.j -> 'deferred'), 'array') <> 'array' THEN 'deferred is not a list'"
	"   WHEN coalesce(jsonb_typeof(b.j -> 'stages'), 'array') <> 'array' THEN 'stages is not a list'"
	"   WHEN coalesce(jsonb_array_length(b.j -> 'components'), 0) + coalesce(jsonb_array_length(b.j -> 'deferred'), 0)"
	"      + coalesce(jsonb_array_length(b.j -> 'stages'), 0) = 0"
	"     THEN 'has no components, deferred components or stages docket can read' END AS msg"
	" FROM b"
	" UNION ALL"
	" SELECT 1, c.n - 1, 'components[' || (c.n - 1) || ']: ' || CASE"
	"   WHEN jsonb_typeof(c.value) IS DISTINCT FROM 'object' THEN 'is not an object'"
	"   WHEN jsonb_typeof(c.value -> 'area') IS DISTINCT FROM 'string' OR (c.value ->> 'area') NOT IN"
	"     ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')"
	"     THEN 'area is not one of: data, training, packaging, serving, monitoring, governance'"
	"   WHEN jsonb_typeof(c.value -> 'component') IS DISTINCT FROM 'string'"
	"     OR length(c.value ->> 'component') NOT BETWEEN 1 AND 200"
	"     THEN 'component is not a text of 1 to 200 characters'"
	"   WHEN jsonb_typeof(c.value -> 'choice') IS DISTINCT FROM 'string' OR (c.value ->> 'choice') = ''"
	"     THEN 'choice is not a text'"
	"   WHEN coalesce(jsonb_typeof(c.value -> 'alternative'), 'string') <> 'string' THEN 'alternative is not a text'"
	"   WHEN coalesce(jsonb_typeof(c.value -> 'tradeoff'), 'string') <> 'string' THEN 'tradeoff is not a text' END"
	" FROM b, jsonb_array_elements(CASE WHEN jsonb_typeof(b.j -> 'components') = 'array'"
	"   THEN b.j -> 'components' END) WITH ORDINALITY c(value, n)"
	" WHERE jsonb_typeof(b.j) = 'object'"
	" UNION ALL"
	" SELECT 2, d.n - 1, 'deferred[' || (d.n - 1) || ']: ' || CASE"
	"   WHEN jsonb_typeof(d.value) IS DISTINCT FROM 'object' THEN 'is not an object'"
	"   WHEN jsonb_typeof(d.value -> 'area') IS DISTINCT FROM 'string' OR (d.value ->> 'area') NOT IN"
	"     ('data', 'training', 'packaging', 'serving', 'monitoring', 'governance')"
	"     THEN 'area is not one of: data, training, packaging, serving, monitoring, governance'"
	"   WHEN jsonb_typeof(d.value -> 'component') IS DISTINCT FROM 'string'"
	"     OR length(d.value ->> 'component') NOT BETWEEN 1 AND 200"
	"     THEN 'component is not a text of 1 to 200 characters'"
	"   WHEN jsonb_typeof(d.value -> 'add_when') IS DISTINCT FROM 'string' OR (d.value ->> 'add_when') = ''"
	"     THEN 'add_when is not a text' END"
	" FROM b, jsonb_array_elements(CASE WHEN jsonb_typeof(b.j -> 'deferred') = 'array'"
	"   THEN b.j -> 'deferred' END) WITH ORDINALITY d(value, n)"
	" WHERE jsonb_typeof(b.j) = 'object'"
	" UNION ALL"
	" SELECT 3, s.n - 1, 'stages[' || (s.n - 1) || ']: ' || CASE"
	"   WHEN jsonb_typeof(s.value) IS DISTINCT FROM 'object' THEN 'is not an object'"
	"   WHEN jsonb_typeof(s.value -> 'name') IS DISTINCT FROM 'string' OR (s.value ->> 'name') NOT IN"
	"     ('ingest', 'validate', 'train', 'evaluate', 'package', 'promote', 'deploy', 'monitor')"
	"     THEN 'name is not one of: ingest, validate, train, evaluate, package, promote, deploy, monitor'"
	"   WHEN (SELECT count(*) FROM jsonb_array_elements(b.j -> 'stages') o"
	"         WHERE (o.value ->> 'name') = (s.value ->> 'name')) > 1"
	"     THEN (s.value ->> 'name') || ' appears twice'"
	"   WHEN coalesce(jsonb_typeof(s.value -> 'inputs'), 'array') <> 'array'"
	"     OR coalesce(jsonb_typeof(s.value -> 'outputs'), 'array') <> 'array'"
	"     OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.value -> 'inputs') = 'array'"
	"       THEN s.value -> 'inputs' END) i WHERE jsonb_typeof(i.value) <> 'string')"
	"     OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.value -> 'outputs') = 'array'"
	"       THEN s.value -> 'outputs' END) i WHERE jsonb_typeof(i.value) <> 'string')"
	"     THEN 'inputs and outputs are lists of texts'"
	"   WHEN EXISTS (SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(s.value) = 'object' THEN s.value END) f"
	"     WHERE f.key IN ('idempotent', 'retryable', 'deps_pinned', 'seed_fixed', 'env_captured',"
	"     'data_versioned') AND jsonb_typeof(f.value) <> 'boolean')"
	"     THEN 'reproducibility flags are true or false'"
	"   WHEN coalesce(jsonb_typeof(s.value -> 'gates'), 'array') <> 'array' THEN 'gates is not a list'"
	"   WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.value -> 'gates') = 'array'"
	"       THEN s.value -> 'gates' END) g"
	"     WHERE jsonb_typeof(g.value -> 'metric') IS DISTINCT FROM 'string'"
	"     OR length(g.value ->> 'metric') NOT BETWEEN 1 AND 64"
	"     OR (g.value ->> 'metric') ~ '[^A-Za-z0-9_.]'"
	"     OR coalesce(g.value ->> 'op', '') NOT IN ('<=', '<', '>=', '>', '==', '!=')"
	"     OR jsonb_typeof(g.value -> 'threshold') <> 'number'"
	"     OR abs(CASE WHEN jsonb_typeof(g.value -> 'threshold') = 'number'"
	"       THEN (g.value ->> 'threshold')::numeric END) > " STR(DK_GATE_THRESHOLD_MAX) ")"
	"     THEN 'a gate needs a metric (letters, digits, _ and .), an op (<= < >= > == !=) and a numeric"
	"  threshold within " STR(DK_GATE_THRESHOLD_MAX) " either way' END"
	" FROM b, jsonb_array_elements(CASE WHEN jsonb_typeof(b.j -> 'stages') = 'array'"
	"   THEN b.j -> 'stages' END) WITH ORDINALITY s(value, n)"
	" WHERE jsonb_typeof(b.j) = 'object'"
	") m WHERE msg IS NOT NULL ORDER BY o, k LIMIT 1",
};

static const char SQL_INSERT[] =
	"INSERT INTO blueprint (uuid, context_id, source, generator_version, catalog_sha256,"
	"  body_md, body_json, body_sha256, status, supersedes_id, created_at, created_by) "
	"VALUES (docket_uuid(), :context, 'imported', :version, NULL, :md, :json, :sha, 'draft',"
	"  " DK_BLUEPRINT_PREVIOUS_SQL ", docket_now(), docket_actor()) RETURNING id";

/* The body's lists become rows. PostgreSQL numbers an array's elements
 * from 1 (WITH ORDINALITY) where SQLite's json_each keys them from 0. A
 * stage's inputs and outputs are stored as the body spells them (json, not
 * jsonb, which would respace them), where SQLite stores them minified: the
 * same text for the bodies docket writes. */
static const struct dk_sql SQL_ITEMS = {
	.sqlite =
	"INSERT INTO blueprint_item (uuid, blueprint_id, ordinal, area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, created_at, created_by) "
	"SELECT docket_uuid(), :bp, row_number() OVER (ORDER BY grp, k), area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, docket_now(), docket_actor() "
	"FROM (SELECT 0 AS grp, c.key AS k, json_extract(c.value, '$.area') AS area,"
	"        json_extract(c.value, '$.component') AS component, json_extract(c.value, '$.choice') AS choice,"
	"        json_extract(c.value, '$.alternative') AS alternative, json_extract(c.value, '$.tradeoff') AS tradeoff,"
	"        0 AS deferred, NULL AS add_when"
	"      FROM json_each(:json, '$.components') c"
	"      UNION ALL"
	"      SELECT 1, d.key, json_extract(d.value, '$.area'), json_extract(d.value, '$.component'),"
	"        NULL, NULL, NULL, 1, json_extract(d.value, '$.add_when')"
	"      FROM json_each(:json, '$.deferred') d) "
	"ORDER BY grp, k",
	.postgres =
	"INSERT INTO blueprint_item (uuid, blueprint_id, ordinal, area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, created_at, created_by) "
	"SELECT docket_uuid(), :bp, row_number() OVER (ORDER BY grp, k), area, component, choice,"
	"  alternative, tradeoff, deferred, add_when, docket_now(), docket_actor() "
	"FROM (SELECT 0 AS grp, c.n AS k, c.value ->> 'area' AS area,"
	"        c.value ->> 'component' AS component, c.value ->> 'choice' AS choice,"
	"        c.value ->> 'alternative' AS alternative, c.value ->> 'tradeoff' AS tradeoff,"
	"        0 AS deferred, NULL AS add_when"
	"      FROM jsonb_array_elements((:json)::jsonb -> 'components') WITH ORDINALITY c(value, n)"
	"      UNION ALL"
	"      SELECT 1, d.n, d.value ->> 'area', d.value ->> 'component',"
	"        NULL, NULL, NULL, 1, d.value ->> 'add_when'"
	"      FROM jsonb_array_elements((:json)::jsonb -> 'deferred') WITH ORDINALITY d(value, n)) x "
	"ORDER BY grp, k",
};

static const struct dk_sql SQL_STAGES = {
	.sqlite =
	"INSERT INTO stage (uuid, blueprint_id, ordinal, name, inputs, outputs, idempotent, retryable,"
	"  deps_pinned, seed_fixed, env_captured, data_versioned, created_at, created_by) "
	"SELECT docket_uuid(), :bp, s.key + 1, json_extract(s.value, '$.name'),"
	"  coalesce(json_extract(s.value, '$.inputs'), '[]'), coalesce(json_extract(s.value, '$.outputs'), '[]'),"
	"  coalesce(json_extract(s.value, '$.idempotent'), 0), coalesce(json_extract(s.value, '$.retryable'), 0),"
	"  coalesce(json_extract(s.value, '$.deps_pinned'), 0), coalesce(json_extract(s.value, '$.seed_fixed'), 0),"
	"  coalesce(json_extract(s.value, '$.env_captured'), 0),"
	"  coalesce(json_extract(s.value, '$.data_versioned'), 0),"
	"  docket_now(), docket_actor() "
	"FROM json_each(:json, '$.stages') s ORDER BY s.key",
	.postgres =
	"INSERT INTO stage (uuid, blueprint_id, ordinal, name, inputs, outputs, idempotent, retryable,"
	"  deps_pinned, seed_fixed, env_captured, data_versioned, created_at, created_by) "
	"SELECT docket_uuid(), :bp, s.n, s.value ->> 'name',"
	"  coalesce((s.value -> 'inputs')::text, '[]'), coalesce((s.value -> 'outputs')::text, '[]'),"
	"  coalesce((s.value ->> 'idempotent')::boolean::int, 0), coalesce((s.value ->> 'retryable')::boolean::int, 0),"
	"  coalesce((s.value ->> 'deps_pinned')::boolean::int, 0), coalesce((s.value ->> 'seed_fixed')::boolean::int, 0),"
	"  coalesce((s.value ->> 'env_captured')::boolean::int, 0),"
	"  coalesce((s.value ->> 'data_versioned')::boolean::int, 0),"
	"  docket_now(), docket_actor() "
	"FROM json_array_elements((:json)::json -> 'stages') WITH ORDINALITY s(value, n) ORDER BY s.n",
};

static const struct dk_sql SQL_GATES = {
	.sqlite =
	"INSERT INTO gate (uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) "
	"SELECT docket_uuid(), st.id, json_extract(g.value, '$.metric'), json_extract(g.value, '$.op'),"
	"  json_extract(g.value, '$.threshold'), :today, docket_now(), docket_actor() "
	"FROM json_each(:json, '$.stages') s JOIN stage st ON st.blueprint_id = :bp AND st.ordinal = s.key + 1,"
	"  json_each(s.value, '$.gates') g "
	"ORDER BY s.key, g.key",
	.postgres =
	"INSERT INTO gate (uuid, stage_id, metric, op, threshold, defined_on, created_at, created_by) "
	"SELECT docket_uuid(), st.id, g.value ->> 'metric', g.value ->> 'op',"
	"  (g.value ->> 'threshold')::double precision, :today, docket_now(), docket_actor() "
	"FROM jsonb_array_elements((:json)::jsonb -> 'stages') WITH ORDINALITY s(value, n)"
	"  JOIN stage st ON st.blueprint_id = :bp AND st.ordinal = s.n"
	"  CROSS JOIN jsonb_array_elements(s.value -> 'gates') WITH ORDINALITY g(value, n) "
	"ORDER BY s.n, g.n",
};

static int read_all(const char *path, char **out, size_t *len, struct dk_error *err)
{
	const char *why;
	FILE *f = dk_file_open(path, &why);
	char *buf;
	size_t got;

	*out = NULL;
	if (f == NULL)
		return dk_fail(err, DK_EINPUT, "cannot read '%.200s': %s", path, why);
	if ((buf = malloc(IMPORT_MAX + 1)) == NULL) {
		fclose(f);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	got = fread(buf, 1, IMPORT_MAX + 1, f);
	if (ferror(f) || got > IMPORT_MAX) {
		fclose(f);
		free(buf);
		return dk_fail(err, DK_EINPUT, "'%.200s' %s", path, got > IMPORT_MAX ? "is larger than 10 MB"
		                                                                    : "cannot be read");
	}
	fclose(f);
	buf[got] = '\0';
	if (memchr(buf, '\0', got) || dk_text_problem(buf, IMPORT_MAX, 1) != NULL) {
		free(buf);
		return dk_fail(err, DK_EINPUT, "'%.200s' is not UTF-8 text", path);
	}
	*out = buf;
	*len = got;
	return DK_OK;
}

static int exec_bp(struct dk_db *db, const struct dk_sql *sql, int64_t bp, const char *json,
                   const char *today, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, sql), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":bp", bp);
	dk_bind_text(s, ":json", json);
	if (today)
		dk_bind_text(s, ":today", today);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_blueprint_import(struct dk_db *db, int64_t context_id, const char *path,
                        const char *today, int64_t *id, struct dk_error *err)
{
	const char *dot = strrchr(path, '.'), *name = strrchr(path, '/');
	struct dk_buf md = {0}, json = {0};
	struct dk_stmt *s = NULL;
	char *text = NULL, sha[DK_SHA256_HEX];
	size_t len = 0;
	int rc, is_json;

	name = name ? name + 1 : path;
	if (dot && strcasecmp(dot, ".json") == 0)
		is_json = 1;
	else if (dot && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0))
		is_json = 0;
	else
		return dk_fail(err, DK_EINPUT, "'%.200s' is neither FILE.md nor FILE.json", path);
	if ((rc = read_all(path, &text, &len, err)) != DK_OK)
		return rc;
	dk_sha256_hex(text, len, sha);
	if (is_json) {
		dk_buf_adds(&json, text);
		dk_buf_addf(&md, "# Imported blueprint\n\nImported from %s (JSON, SHA-256 %s); the plan is "
		            "its JSON body.\n", name, sha);
	} else {
		dk_buf_adds(&md, text);
		rc = dk_blueprint_md_to_json(name, text, &json, err);
	}
	if (rc == DK_OK && (!dk_buf_ok(&md) || !dk_buf_ok(&json)))
		rc = dk_fail(err, DK_EDB, "out of memory");
	if (rc != DK_OK)
		goto out;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	if ((rc = dk_context_exists(db, context_id, err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_JSON_VALID), err)) != DK_OK)
		goto fail;
	dk_bind_text(s, ":json", dk_buf_str(&json));
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW && dk_col_int(s, 0) == 0)
		rc = dk_fail(err, DK_EINPUT, "%s is not valid JSON", name);
	dk_stmt_finalize(&s);
	if (rc != DK_ROW)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_VALIDATE), err)) != DK_OK)
		goto fail;
	dk_bind_text(s, ":json", dk_buf_str(&json));
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "%s: %s", name, dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":context", context_id);
	dk_bind_text(s, ":version", DOCKET_VERSION);
	dk_bind_text(s, ":md", dk_buf_str(&md));
	dk_bind_text(s, ":json", dk_buf_str(&json));
	dk_bind_text(s, ":sha", sha);
	rc = dk_stmt_insert(s, id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto fail;
	if ((rc = exec_bp(db, &SQL_ITEMS, *id, dk_buf_str(&json), NULL, err)) != DK_OK ||
	    (rc = exec_bp(db, &SQL_STAGES, *id, dk_buf_str(&json), NULL, err)) != DK_OK ||
	    (rc = exec_bp(db, &SQL_GATES, *id, dk_buf_str(&json), today, err)) != DK_OK)
		goto fail;
	rc = dk_db_commit(db, err);
	goto out;
fail:
	dk_db_rollback(db);
out:
	free(text);
	dk_buf_free(&md);
	dk_buf_free(&json);
	return rc;
}
