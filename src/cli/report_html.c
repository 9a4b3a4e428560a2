/* report_html.c: the weekly report as one self-contained HTML page (inline
 * CSS, an inline-SVG heat map, no external assets) that reads on screen,
 * in a mail client and on paper. Sections are collected first, then laid
 * out, because the headline and heat map are drawn rather than listed. */
#include "report_html.h"

#include <stdlib.h>
#include <string.h>

#include "docket/report.h"
#include "docket/text.h"

#define MAX_COLS 16

struct section {
	const char *id, *title;
	int ncol;
	char *names[MAX_COLS];
	char **cells; /* rows x ncol, NULL for a null cell */
	size_t nrows, cap;
	int64_t total; /* rows the section has, shown or not (listed sections) */
};

struct doc {
	struct section secs[16];
	int n;
	int oom;
};

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int on_section(void *arg, const char *id, const char *title, struct dk_error *err)
{
	struct doc *d = arg;

	if (d->n == 16)
		return dk_fail(err, DK_EDB, "too many report sections");
	memset(&d->secs[d->n], 0, sizeof d->secs[d->n]);
	d->secs[d->n].id = id;
	d->secs[d->n].title = title;
	d->n++;
	return DK_OK;
}

static int on_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct doc *d = arg;
	struct section *s = &d->secs[d->n - 1];

	if (ncol > MAX_COLS)
		ncol = MAX_COLS;
	if (s->nrows == 0 && s->ncol == 0) {
		s->ncol = ncol;
		for (int i = 0; i < ncol; i++)
			s->names[i] = strdup(cells[i].name);
	}
	if ((s->nrows + 1) * (size_t)s->ncol > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : (size_t)s->ncol * 16;
		char **p = realloc(s->cells, cap * sizeof *p);
		if (p == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		s->cells = p;
		s->cap = cap;
	}
	for (int i = 0; i < s->ncol; i++)
		s->cells[s->nrows * (size_t)s->ncol + (size_t)i] = i < ncol ? dup_or_null(cells[i].text) : NULL;
	s->nrows++;
	return DK_OK;
}

static int on_more(void *arg, const char *id, int64_t shown, int64_t total, struct dk_error *err)
{
	struct doc *d = arg;

	(void)id;
	(void)shown;
	(void)err;
	d->secs[d->n - 1].total = total;
	return DK_OK;
}

static void doc_free(struct doc *d)
{
	for (int k = 0; k < d->n; k++) {
		struct section *s = &d->secs[k];
		for (size_t i = 0; i < s->nrows * (size_t)s->ncol; i++)
			free(s->cells[i]);
		for (int i = 0; i < s->ncol; i++)
			free(s->names[i]);
		free(s->cells);
	}
}

static const struct section *find(const struct doc *d, const char *id)
{
	for (int k = 0; k < d->n; k++)
		if (strcmp(d->secs[k].id, id) == 0)
			return &d->secs[k];
	return NULL;
}

static const char *at(const struct section *s, size_t row, int col)
{
	const char *v = s->cells[row * (size_t)s->ncol + (size_t)col];
	return v ? v : "";
}

static int col_of(const struct section *s, const char *name)
{
	for (int i = 0; i < s->ncol; i++)
		if (strcmp(s->names[i], name) == 0)
			return i;
	return -1;
}

static const char *d_as_of, *d_team; /* the report's, for the commands that list the rest */

static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

static const char CSS[] =
	"*{box-sizing:border-box}"
	"body{font:14px/1.45 -apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;"
	"color:#1f2933;background:#f4f5f7;margin:0;padding:24px}"
	".page{max-width:1100px;margin:0 auto;background:#fff;border:1px solid #e1e4e8;"
	"border-radius:8px;padding:28px 32px}"
	"header{display:flex;justify-content:space-between;align-items:flex-end;"
	"border-bottom:3px solid #1f3a5f;padding-bottom:12px;margin-bottom:20px}"
	"h1{font-size:24px;margin:0;color:#1f3a5f}"
	".sub{color:#52606d;font-size:13px;margin-top:4px}"
	".stamp{color:#7b8794;font-size:12px;text-align:right}"
	"h2{font-size:16px;color:#1f3a5f;margin:26px 0 8px;padding-bottom:4px;"
	"border-bottom:1px solid #e1e4e8}"
	".cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}"
	".card{border:1px solid #e1e4e8;border-radius:6px;padding:10px 12px;background:#fafbfc}"
	".card .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#52606d}"
	".card .num{font-size:30px;font-weight:700;margin:2px 0}"
	".card .delta{font-size:12px;color:#52606d}"
	".bad{color:#b42318!important}.good{color:#067647!important}"
	".card.alert{border-color:#f4b4ad;background:#fff6f5}"
	".grid2{display:grid;grid-template-columns:360px 1fr;gap:24px;align-items:start}"
	"table{border-collapse:collapse;width:100%;font-size:13px}"
	"th{text-align:left;background:#f0f2f5;color:#323f4b;font-weight:600;padding:6px 8px;"
	"border-bottom:1px solid #cbd2d9}"
	"td{padding:5px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"td.nw,th.nw{white-space:nowrap}"
	"tr:nth-child(even) td{background:#fafbfc}"
	".none{color:#7b8794;font-style:italic;margin:4px 0 0}"
	".more{color:#52606d;font-size:12px;margin:6px 0 0}"
	"code{font:12px/1.4 'DejaVu Sans Mono',Menlo,Consolas,monospace;background:#f0f2f5;"
	"padding:1px 4px;border-radius:3px}"
	".pill{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;"
	"background:#eef0f3;color:#323f4b;white-space:nowrap}"
	".pill.hot{background:#fde2df;color:#9b1c1c}.pill.warm{background:#feecd2;color:#8a4b08}"
	".legend{font-size:12px;color:#52606d;margin-top:6px}"
	".legend span{display:inline-block;width:12px;height:12px;border-radius:2px;"
	"vertical-align:-2px;margin:0 4px 0 10px}"
	"footer{margin-top:28px;color:#7b8794;font-size:12px;border-top:1px solid #e1e4e8;padding-top:8px}"
	"@media print{body{background:#fff;padding:0}.page{border:0;padding:0;max-width:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h2{break-after:avoid}tr,.card,svg{break-inside:avoid}}"
	"@page{size:A4;margin:14mm}";

static int as_int(const char *s) { return s ? atoi(s) : 0; }

/* For each headline measure: its label, and is a rise bad (1), good (-1)
 * or neither (0)? "open" counts every risk not closed. */
static const struct {
	const char *measure, *label;
	int rise;
} m[] = {{"open", "Open (incl. mitigating, accepted)", 0}, {"new", "New this week", 0},
         {"closed", "Closed this week", -1}, {"overdue", "Overdue", 1},
         {"escalations", "Escalations", 1}};

const char *report_measure_label(const char *measure)
{
	for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
		if (strcmp(m[k].measure, measure) == 0)
			return m[k].label;
	return measure;
}

static void cards(FILE *f, const struct section *s)
{
	fputs("<div class=\"cards\">", f);
	for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
		for (size_t r = 0; s && r < s->nrows; r++) {
			int now, then, diff;
			const char *cls = "";
			if (strcmp(at(s, r, 0), m[k].measure) != 0)
				continue;
			now = as_int(at(s, r, 1));
			then = as_int(at(s, r, 2));
			diff = now - then;
			if (diff != 0 && m[k].rise != 0)
				cls = (diff > 0) == (m[k].rise > 0) ? " bad" : " good";
			fprintf(f, "<div class=\"card%s\"><div class=\"label\">%s</div>"
			        "<div class=\"num%s\">%d</div><div class=\"delta%s\">%s%+d since last week (%d)</div></div>",
			        m[k].rise > 0 && now > 0 ? " alert" : "", m[k].label,
			        m[k].rise > 0 && now > 0 ? " bad" : "", now, cls,
			        diff > 0 ? "&#9650; " : diff < 0 ? "&#9660; " : "", diff, then);
		}
	fputs("</div>", f);
}

/* Score bands, as most risk matrices colour them. */
static const char *band_fill(int score)
{
	return score >= 15 ? "#e8685d" : score >= 10 ? "#f4a261" : score >= 5 ? "#f6d365" : "#8fcf9f";
}

static void heat_svg(FILE *f, const struct section *s)
{
	const int cell = 56, left = 58, top = 14, size = 5 * cell;
	int total = 0;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"likelihood by impact heat map\" "
	        "font-family=\"DejaVu Sans, Arial, sans-serif\">",
	        left + size + 12, top + size + 52, left + size + 12, top + size + 52);
	for (size_t r = 0; s && r < s->nrows && r < 5; r++) {
		int l = as_int(at(s, r, 0));
		int y = top + (5 - l) * cell;
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#323f4b\" "
		        "text-anchor=\"end\">%d</text>", left - 8, y + cell / 2 + 5, l);
		for (int i = 1; i <= 5 && i < s->ncol; i++) {
			int n = as_int(at(s, r, i)), x = left + (i - 1) * cell;
			total += n;
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" "
			        "fill-opacity=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\"/>",
			        x, y, cell, cell, band_fill(l * i), n ? "1" : "0.35");
			if (n)
				fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"18\" font-weight=\"700\" "
				        "fill=\"#1f2933\" text-anchor=\"middle\">%d</text>",
				        x + cell / 2, y + cell / 2 + 6, n);
		}
	}
	for (int i = 1; i <= 5; i++)
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#323f4b\" "
		        "text-anchor=\"middle\">%d</text>", left + (i - 1) * cell + cell / 2, top + size + 18, i);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#52606d\" text-anchor=\"middle\">"
	        "impact &#8594;</text>", left + size / 2, top + size + 40);
	fprintf(f, "<text x=\"14\" y=\"%d\" font-size=\"12\" fill=\"#52606d\" text-anchor=\"middle\" "
	        "transform=\"rotate(-90 14 %d)\">likelihood &#8594;</text>", top + size / 2, top + size / 2);
	fputs("</svg>", f);
	fprintf(f, "<div class=\"legend\">%d open or mitigating risk%s<br>Score:"
	        "<span style=\"background:#8fcf9f\"></span>1&#8211;4"
	        "<span style=\"background:#f6d365\"></span>5&#8211;9"
	        "<span style=\"background:#f4a261\"></span>10&#8211;14"
	        "<span style=\"background:#e8685d\"></span>15&#8211;25</div>",
	        total, total == 1 ? "" : "s");
}

static int numeric(const char *name)
{
	static const char *const n[] = {"score", "days_overdue", "overdue", "most_days", "top_score",
	                                "steps_pending", "days_past", "likelihood", NULL};
	for (int i = 0; n[i]; i++)
		if (strcmp(name, n[i]) == 0)
			return 1;
	return 0;
}

/* Short values that read badly when wrapped (keys, handles, teams, dates). */
static int nowrap(const char *name)
{
	static const char *const n[] = {"key", "owner", "team", "due", "escalate_to", "closed_on",
	                                "decided_on", "review_by", "rule", "status", NULL};
	for (int i = 0; n[i]; i++)
		if (strcmp(name, n[i]) == 0)
			return 1;
	return 0;
}

static void header_name(FILE *f, const char *name)
{
	for (const char *p = name; *p; p++)
		fputc(p == name && *p >= 'a' && *p <= 'z' ? *p - 32 : *p == '_' ? ' ' : *p, f);
}

static void table(FILE *f, const struct section *s, const char *none)
{
	int score = s ? col_of(s, "score") : -1, rule = s ? col_of(s, "rule") : -1;

	if (s == NULL || s->nrows == 0) {
		fprintf(f, "<p class=\"none\">%s</p>", none);
		return;
	}
	fputs("<table><thead><tr>", f);
	for (int i = 0; i < s->ncol; i++) {
		fprintf(f, "<th%s>", numeric(s->names[i]) ? " class=\"n\"" : nowrap(s->names[i]) ? " class=\"nw\"" : "");
		header_name(f, s->names[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead><tbody>", f);
	for (size_t r = 0; r < s->nrows; r++) {
		fputs("<tr>", f);
		for (int i = 0; i < s->ncol; i++) {
			const char *v = at(s, r, i);
			fprintf(f, "<td%s>", numeric(s->names[i]) ? " class=\"n\"" : nowrap(s->names[i]) ? " class=\"nw\"" : "");
			if (i == score) {
				int sc = as_int(v);
				fprintf(f, "<span class=\"pill%s\">", sc >= 15 ? " hot" : sc >= 10 ? " warm" : "");
				esc(f, v);
				fputs("</span>", f);
			} else if (i == rule) {
				fputs("<span class=\"pill warm\">", f);
				esc(f, v);
				fputs("</span>", f);
			} else {
				esc(f, v);
			}
			fputs("</td>", f);
		}
		fputs("</tr>", f);
	}
	fputs("</tbody></table>", f);
	if (s->total > (int64_t)s->nrows) {
		char cmd[256];
		report_more_command(s->id, d_as_of, d_team, cmd, sizeof cmd);
		fprintf(f, "<p class=\"more\">and %lld more (<code>", (long long)(s->total - (int64_t)s->nrows));
		esc(f, cmd);
		fputs("</code>)</p>", f);
	}
}

static void h2(FILE *f, const struct section *s, const char *fallback)
{
	fputs("<h2>", f);
	esc(f, s ? s->title : fallback);
	if (s && s->nrows && strcmp(s->id, "heatmap") != 0)
		fprintf(f, " <span class=\"pill\">%lld</span>",
		        (long long)(s->total > (int64_t)s->nrows ? s->total : (int64_t)s->nrows));
	fputs("</h2>", f);
}

int report_html(struct dk_db *db, const char *as_of, const char *from, const char *team,
                int64_t limit, FILE *f, struct dk_error *err)
{
	static struct doc d; /* large; kept off the stack */
	struct dk_report_sink sink = {on_section, on_row, &d, on_more};
	const struct section *s;
	int rc;

	memset(&d, 0, sizeof d);
	d_as_of = as_of;
	d_team = team;
	if ((rc = dk_report_weekly(db, as_of, team, limit, &sink, err)) != DK_OK) {
		doc_free(&d);
		return rc;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>", f);
	fprintf(f, "Weekly risk report %s", as_of);
	fprintf(f, "</title><style>%s</style></head>\n<body><div class=\"page\">", CSS);
	fputs("<header><div><h1>Weekly risk report", f);
	if (team) {
		fputs(" &#8212; ", f);
		esc(f, team);
	}
	fprintf(f, "</h1><div class=\"sub\">Week %s to %s &#183; %s</div></div>", from, as_of,
	        team ? "one team" : "all teams");
	fprintf(f, "<div class=\"stamp\">as of %s<br>docket</div></header>\n", as_of);

	cards(f, find(&d, "headline"));

	fputs("<div class=\"grid2\"><div>", f);
	s = find(&d, "heatmap");
	h2(f, NULL, "Heat map of open risks");
	heat_svg(f, s);
	fputs("</div><div>", f);
	s = find(&d, "overdue_by_owner");
	h2(f, s, "Overdue risks by owner");
	table(f, s, "Nothing is overdue.");
	fputs("</div></div>\n", f);

	s = find(&d, "escalations");
	h2(f, s, "Escalations");
	table(f, s, "No findings to escalate.");
	s = find(&d, "due_soon");
	h2(f, s, "Due in the next 7 days");
	table(f, s, "Nothing falls due in the next 7 days.");
	s = find(&d, "closed");
	h2(f, s, "Risks closed this week");
	table(f, s, "No risk was closed this week.");
	s = find(&d, "decisions_taken");
	h2(f, s, "Decisions taken this week");
	table(f, s, "No decision was taken this week.");
	s = find(&d, "decisions_review_due");
	h2(f, s, "Decisions past their review-by date");
	table(f, s, "No decision is past its review-by date.");

	fprintf(f, "\n<footer>Overdue: open or mitigating risks past their due date (a due date is a "
	        "whole day), and accepted risks whose acceptance expired or changed since approval. "
	        "Last week's figures are computed from today's records. Generated by docket for the "
	        "week ending %s.</footer>", as_of);
	fputs("</div></body></html>\n", f);
	doc_free(&d);
	return DK_OK;
}
