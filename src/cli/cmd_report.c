/* cmd_report.c: docket report weekly (Markdown, HTML or JSON). */
#include <string.h>

#include "cli.h"
#include "docket/report.h"
#include "docket/text.h"
#include "report_html.h"

static int md_section(void *arg, const char *id, const char *title, struct dk_error *err)
{
	(void)id;
	(void)err;
	out_list(arg, title);
	return DK_OK;
}

static int json_section(void *arg, const char *id, const char *title, struct dk_error *err)
{
	(void)title;
	(void)err;
	out_list(arg, id);
	return DK_OK;
}

static int run_weekly(struct ctx *c, struct args *a)
{
	static const char *const formats[] = {"md", "html", "json", NULL};
	const char *fmt = arg_get(a, "format") ? arg_get(a, "format") : "md";
	const char *team = arg_get(a, "team");
	char date[DK_DATE_LEN], from[DK_DATE_LEN];
	struct dk_report_sink sink;
	struct out *o;
	int rc;

	if (dk_check_enum("--format", fmt, formats, &c->err) != DK_OK)
		return DK_EINPUT;
	if (arg_get(a, "as-of") == NULL)
		memcpy(date, c->today, DK_DATE_LEN);
	else if ((rc = date_opt(c, "--as-of", arg_get(a, "as-of"), date)) != DK_OK)
		return rc;
	dk_date_from_days(dk_date_days(date) - 6, from);
	if (strcmp(fmt, "html") == 0)
		return report_html(c->db, date, from, team, stdout, &c->err);
	if ((o = out_new(strcmp(fmt, "md") == 0 ? FMT_MD : FMT_JSON, stdout)) == NULL)
		return fail(c, DK_EDB, "out of memory");
	if (strcmp(fmt, "md") == 0) {
		out_note(o, "# Weekly risk report%s%s\n\nWeek %s to %s (as of %s).\n", team ? ": " : "",
		         team ? team : "", from, date, date);
		sink = (struct dk_report_sink){md_section, out_row, o};
	} else {
		struct dk_cell cells[3] = {{"as_of", date, DK_CELL_TEXT}, {"week_from", from, DK_CELL_TEXT},
		                           {"team", team, team ? DK_CELL_TEXT : DK_CELL_NULL}};
		out_record(o, "report");
		out_row(o, 3, cells, &c->err);
		sink = (struct dk_report_sink){json_section, out_row, o};
	}
	rc = dk_report_weekly(c->db, date, team, &sink, &c->err);
	out_finish(o);
	out_free(o);
	return rc;
}

static const struct opt weekly_opts[] = {
	{"as-of", "DATE", 0, "the last day of the week reported (default today)"},
	{"team", "TEAM", 0, "only this team's risks"},
	{"format", "FMT", 0, "md (default), html (one self-contained page) or json"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_report[] = {
	{"weekly", NULL, 0, 0, "the weekly risk report: overdue, escalations, heat map", weekly_opts,
	 0, run_weekly},
	{0},
};
