/* cmd_copy.c: docket copy --from DB --to DB. */
#include <inttypes.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cli.h"
#include "docket/copy.h"

/* Two spellings of one file (./a.db and a.db, a link) are one database:
 * copying it into itself is refused before either is opened. Names that
 * are no file here (a new file, a server's URL) are left to the core. */
static int same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int run_copy(struct ctx *c, struct args *a)
{
	const char *from = arg_get(a, "from"), *to = arg_get(a, "to");
	struct dk_copy_result r;
	char records[32], audit[32], pin[96], rows[32];
	int rc;

	if (arg_get(a, "db") != NULL)
		return fail(c, DK_EINPUT, "--db is not used by copy: it reads --from and writes --to");
	if (*from != '\0' && *to != '\0' && same_file(from, to))
		return fail(c, DK_EINPUT, "--from '%s' and --to '%s' are the same file: a copy goes "
		            "into another database", from, to);
	if ((rc = dk_copy(from, to, c->actor, &r, &c->err)) != DK_OK)
		return rc;
	snprintf(records, sizeof records, "%" PRId64, r.records);
	snprintf(audit, sizeof audit, "%" PRId64, r.audit_rows);
	snprintf(pin, sizeof pin, "%" PRId64 ":%s", r.head_seq, r.head);
	out_note(c->out, "copied %s records and %s audit rows from %s to %s; both verify", records,
	         audit, from, to);
	out_record(c->out, "copy");
	out_row(c->out, 5,
	        (struct dk_cell[]){{"from", from, DK_CELL_TEXT},
	                           {"to", to, DK_CELL_TEXT},
	                           {"records", records, DK_CELL_INT},
	                           {"audit_rows", audit, DK_CELL_INT},
	                           {"pin", r.head[0] ? pin : NULL, r.head[0] ? DK_CELL_TEXT : DK_CELL_NULL}},
	        NULL);
	out_list(c->out, "tables");
	for (int i = 0; i < r.ntables; i++) {
		snprintf(rows, sizeof rows, "%" PRId64, r.tables[i].rows);
		out_row(c->out, 2, (struct dk_cell[]){{"table", r.tables[i].table, DK_CELL_TEXT},
		                                      {"rows", rows, DK_CELL_INT}}, NULL);
	}
	return DK_OK;
}

static const struct opt copy_opts[] = {
	{"from", "DB", OPT_REQUIRED, "the database to copy (read only; at this docket's schema version)"},
	{"to", "DB", OPT_REQUIRED, "a new database, or an empty one at this version, to copy into"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_copy[] = {
	{NULL, NULL, 0, 0,
	 "copy every record and the whole audit trail, unchanged, into a new database; both "
	 "verified", copy_opts, CMD_NODB, run_copy},
	{0},
};
