/* cmd_report.c: docket report weekly (Markdown, HTML or JSON). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docket/report.h"
#include "docket/text.h"
#include "report_html.h"

static const char *const section_ids[] = {"overdue_by_owner", "due_soon", "escalations",
                                          "decisions_taken", "decisions_review_due", "closed",
                                          "headline", "heatmap", NULL};

void report_more_command(const char *id, const char *as_of, const char *team, char *buf,
                         size_t size)
{
	if (strcmp(id, "escalations") == 0)
		snprintf(buf, size, "docket risk escalations --as-of %s%s%s", as_of, team ? " --team " : "",
		         team ? team : "");
	else
		snprintf(buf, size, "docket report weekly --as-of %s%s%s --section %s --limit 0", as_of,
		         team ? " --team " : "", team ? team : "", id);
}

/* What the Markdown and JSON sinks share: the output, the section asked
 * for (NULL: all), whether the open section is shown, and each listed
 * section's counts for JSON's closing "sections" list. */
struct weekly {
	struct out *o;
	int md;
	const char *only, *as_of, *team;
	int showing;
	const char *id; /* the open section */
	struct section_count {
		const char *id;
		int64_t shown, total;
	} counts[8];
	int n;
};

static int on_section(void *arg, const char *id, const char *title, struct dk_error *err)
{
	struct weekly *w = arg;

	(void)err;
	w->id = id;
	w->showing = w->only == NULL || strcmp(w->only, id) == 0;
	if (w->showing)
		out_list(w->o, w->md ? title : id);
	return DK_OK;
}

static int on_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct weekly *w = arg;
	struct dk_cell c[16];

	if (!w->showing)
		return DK_OK;
	if (!w->md || strcmp(w->id, "headline") != 0 || ncol < 1 || ncol > 16)
		return out_row(w->o, ncol, cells, err);
	/* the headline says what it counts, in the HTML's words */
	memcpy(c, cells, sizeof c[0] * (size_t)ncol);
	c[0].text = report_measure_label(cells[0].text);
	return out_row(w->o, ncol, c, err);
}

static int on_more(void *arg, const char *id, int64_t shown, int64_t total, struct dk_error *err)
{
	struct weekly *w = arg;
	char cmd[256];

	(void)err;
	if (!w->showing)
		return DK_OK;
	if (w->n < 8)
		w->counts[w->n++] = (struct section_count){id, shown, total};
	if (w->md && total > shown) {
		report_more_command(id, w->as_of, w->team, cmd, sizeof cmd);
		out_note(w->o, "\nand %lld more (`%s`)", (long long)(total - shown), cmd);
	}
	return DK_OK;
}

/* JSON: how much of each listed section was shown, and the command that lists the rest. */
static void json_counts(struct weekly *w, struct dk_error *err)
{
	static const char *const names[] = {"id", "shown", "total", "more", "command"};

	out_list(w->o, "sections");
	for (int i = 0; i < w->n; i++) {
		char shown[24], total[24], more[24], cmd[256];
		const char *v[5] = {w->counts[i].id, shown, total, more, cmd};
		struct dk_cell cells[5];

		snprintf(shown, sizeof shown, "%lld", (long long)w->counts[i].shown);
		snprintf(total, sizeof total, "%lld", (long long)w->counts[i].total);
		snprintf(more, sizeof more, "%lld", (long long)(w->counts[i].total - w->counts[i].shown));
		report_more_command(w->counts[i].id, w->as_of, w->team, cmd, sizeof cmd);
		for (int j = 0; j < 5; j++)
			cells[j] = (struct dk_cell){names[j], v[j], j >= 1 && j <= 3 ? DK_CELL_INT : DK_CELL_TEXT};
		if (w->counts[i].total == w->counts[i].shown)
			cells[4] = (struct dk_cell){"command", NULL, DK_CELL_NULL};
		out_row(w->o, 5, cells, err);
	}
}

static int run_weekly(struct ctx *c, struct args *a)
{
	static const char *const formats[] = {"md", "html", "json", NULL};
	const char *fmt = arg_get(a, "format") ? arg_get(a, "format") : "md";
	const char *team = arg_get(a, "team"), *only = arg_get(a, "section");
	char date[DK_DATE_LEN], from[DK_DATE_LEN], limit_text[24];
	struct weekly w = {0};
	struct dk_report_sink sink = {on_section, on_row, &w, on_more};
	int64_t limit = 20;
	int rc;

	if (dk_check_enum("--format", fmt, formats, &c->err) != DK_OK)
		return DK_EINPUT;
	if (arg_get(a, "limit") &&
	    (rc = dk_parse_int("--limit", arg_get(a, "limit"), 0, 1000000000, &limit, &c->err)) != DK_OK)
		return rc;
	if (only && dk_check_enum("--section", only, section_ids, &c->err) != DK_OK)
		return DK_EINPUT;
	if (only && strcmp(fmt, "html") == 0)
		return fail(c, DK_EINPUT, "--section needs --format md or json (the HTML page is drawn whole)");
	if (arg_get(a, "as-of") == NULL)
		memcpy(date, c->today, DK_DATE_LEN);
	else if ((rc = date_opt(c, "--as-of", arg_get(a, "as-of"), date)) != DK_OK)
		return rc;
	dk_date_from_days(dk_date_days(date) - 6, from);
	if (strcmp(fmt, "html") == 0)
		return report_html(c->db, date, from, team, limit, stdout, &c->err);
	w = (struct weekly){.md = strcmp(fmt, "md") == 0, .only = only, .as_of = date, .team = team};
	if ((w.o = out_new(w.md ? FMT_MD : FMT_JSON, stdout)) == NULL)
		return fail(c, DK_EDB, "out of memory");
	snprintf(limit_text, sizeof limit_text, "%lld", (long long)limit);
	if (w.md) {
		out_note(w.o, "# Weekly risk report%s%s\n\nWeek %s to %s (as of %s).\n", team ? ": " : "",
		         team ? team : "", from, date, date);
	} else {
		struct dk_cell cells[5] = {{"as_of", date, DK_CELL_TEXT}, {"week_from", from, DK_CELL_TEXT},
		                           {"team", team, team ? DK_CELL_TEXT : DK_CELL_NULL},
		                           {"limit", limit_text, DK_CELL_INT},
		                           {"section", only, only ? DK_CELL_TEXT : DK_CELL_NULL}};
		out_record(w.o, "report");
		out_row(w.o, 5, cells, &c->err);
	}
	rc = dk_report_weekly(c->db, date, team, limit, &sink, &c->err);
	if (rc == DK_OK && !w.md)
		json_counts(&w, &c->err);
	out_finish(w.o);
	out_free(w.o);
	return rc;
}

static const struct opt weekly_opts[] = {
	{"as-of", "DATE", 0, "the last day of the week reported (default today)"},
	{"team", "TEAM", 0, "only this team's risks"},
	{"format", "FMT", 0, "md (default), html (one self-contained page) or json"},
	{"limit", "N", 0, "rows shown per section (default 20; 0: every row)"},
	{"section", "ID", 0, "only this section (md, json): overdue_by_owner, due_soon, escalations, "
	 "decisions_taken, decisions_review_due, closed, headline or heatmap"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_report[] = {
	{"weekly", NULL, 0, 0, "the weekly risk report: overdue, escalations, heat map", weekly_opts,
	 0, run_weekly},
	{0},
};
