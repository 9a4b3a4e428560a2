/* cmd_import.c: docket import KIND: registers in bulk from CSV (each row
 * validated, all or nothing), the columns each kind takes, and 'adr', a
 * directory of Architecture Decision Records. */
#include "cli.h"
#include "docket/adr.h"
#include "docket/date.h"
#include "docket/import.h"

static int import_kind(struct ctx *c, struct args *a, const char *kind)
{
	struct dk_import_result r;
	int dry = arg_flag(a, "dry-run");
	int rc = dk_import_csv(c->db, kind, a->pos[0], c->today, dry, &r, &c->err);

	if (r.messages.len > 0)
		fputs(dk_buf_str(&r.messages), stderr);
	if (rc == DK_OK) {
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)(dry ? r.rows : r.written));
		out_record(c->out, NULL);
		out_row(c->out, 3, (struct dk_cell[]){{"kind", kind, DK_CELL_TEXT},
		                                      {dry ? "valid_rows" : "imported", n, DK_CELL_INT},
		                                      {"dry_run", dry ? "yes" : "no", DK_CELL_TEXT}}, NULL);
	}
	dk_import_result_free(&r);
	return rc;
}

static int run_people(struct ctx *c, struct args *a) { return import_kind(c, a, "people"); }
static int run_contexts(struct ctx *c, struct args *a) { return import_kind(c, a, "contexts"); }
static int run_risks(struct ctx *c, struct args *a) { return import_kind(c, a, "risks"); }
static int run_decisions(struct ctx *c, struct args *a) { return import_kind(c, a, "decisions"); }
static int run_evidence(struct ctx *c, struct args *a) { return import_kind(c, a, "evidence"); }

/* Rows start the list only when the import has a result to show, so a
 * refused directory prints nothing on stdout before its error. */
struct lazy {
	struct out *out;
	int started;
};

static int lazy_row(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct lazy *l = ctx;

	if (!l->started++)
		out_list(l->out, NULL);
	return out_row(l->out, ncol, cells, err);
}

static int run_adr(struct ctx *c, struct args *a)
{
	struct lazy rows = {c->out, 0};
	struct dk_adr_import_opts o = {0};
	const char *pairs[64];
	char date[DK_DATE_LEN];
	struct dk_buf problems = {0};
	int n = arg_all(a, "status-map", pairs, 64), rc;

	if (n >= 64)
		return fail(c, DK_EINPUT, "--status-map is given more than 63 times");
	o.area = arg_get(a, "area");
	o.collection = arg_get(a, "collection");
	o.recursive = arg_flag(a, "recursive");
	o.strict = arg_flag(a, "strict");
	o.dry_run = arg_flag(a, "dry-run");
	o.prefer_file = arg_flag(a, "prefer-file");
	o.default_status = arg_get(a, "default-status");
	o.map.pairs = pairs;
	o.map.n = (size_t)n;
	if (arg_get(a, "default-date")) {
		if ((rc = date_opt(c, "--default-date", arg_get(a, "default-date"), date)) != DK_OK)
			return rc;
		o.default_date = date;
	}
	rc = dk_adr_import(c->db, a->pos[0], &o, lazy_row, &rows, &problems, &c->err);
	if ((rc == DK_OK || rc == DK_EFAIL) && !rows.started)
		out_list(c->out, NULL);
	/* each refusal on stderr, after the rows */
	out_end(c->out);
	fflush(stdout);
	fputs(dk_buf_str(&problems), stderr);
	dk_buf_free(&problems);
	return rc;
}

static const struct opt adr_opts[] = {
	{"area", "AREA", 0, "area for records that name none (default governance)"},
	{"recursive", NULL, 0, "also read the subdirectories"},
	{"collection", "NAME", 0, "the ADR directory's name in a database that holds several "
	 "([a-z0-9._-]; files are known by collection and path)"},
	{"strict", NULL, 0, "any refused file refuses the whole directory (exit 2, nothing written)"},
	{"dry-run", NULL, 0, "show what each file would give; write nothing"},
	{"prefer-file", NULL, 0, "a file and a decision both changed since the last import: take the file"},
	{"default-status", "S", 0, "status of a record that states none (default accepted, as MADR implies)"},
	{"default-date", "DATE", 0, "date of a record that states none (default: the file's modification date)"},
	{"status-map", "WORD=S", OPT_MULTI, "read the status WORD as S (proposed, accepted, rejected, "
	 "superseded or deprecated)"},
	{NULL, NULL, 0, NULL},
};

static int run_columns(struct ctx *c, struct args *a)
{
	(void)a;
	out_list(c->out, NULL);
	return dk_import_columns(out_row, c->out, &c->err);
}

static const struct opt import_opts[] = {
	{"dry-run", NULL, 0, "validate every row and report; write nothing"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_import[] = {
	{"people", "FILE.csv", 1, 1,
	 "import people; columns: handle, name, email, team, uuid", import_opts, 0, run_people},
	{"contexts", "FILE.csv", 1, 1,
	 "import contexts; columns: the long options of 'context add', with system, "
	 "assumption and out-of-scope one a line", import_opts, 0, run_contexts},
	{"risks", "FILE.csv", 1, 1,
	 "import risks; columns: the long options of 'risk add' (title, owner, likelihood, impact "
	 "required) and uuid", import_opts, 0, run_risks},
	{"decisions", "FILE.csv", 1, 1,
	 "import decisions; columns: the long options of 'decision add' (title, area, problem "
	 "required), option one a line as NAME|pro: ..|con: .., driver and tag one a line, "
	 "status, decided-on, reason, adr-number, uuid", import_opts, 0, run_decisions},
	{"evidence", "FILE.csv", 1, 1,
	 "import evidence; columns: the long options of 'evidence add' (kind, title required), "
	 "sha256 and size kept as given, uuid", import_opts, 0, run_evidence},
	{"adr", "DIR", 1, 1, "import ADR files (adr-tools, MADR 2-4, log4brains, free form): one row a "
	 "file; an edited file updates its decision; exit 1 when some were refused", adr_opts, 0,
	 run_adr},
	{"columns", NULL, 0, 0, "list the CSV columns each kind of import takes", NULL, CMD_NODB,
	 run_columns},
	{0},
};
