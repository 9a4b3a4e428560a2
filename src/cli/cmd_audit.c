/* cmd_audit.c: docket audit log | verify. */
#include <string.h>

#include "cli.h"
#include "docket/audit.h"
#include "docket/text.h"

static int run_log(struct ctx *c, struct args *a)
{
	struct dk_audit_filter f = {arg_get(a, "entity"), NULL, 0};
	char since[DK_DATE_LEN];
	int64_t limit = 0;
	int rc;

	if (arg_get(a, "since")) {
		if ((rc = date_opt(c, "--since", arg_get(a, "since"), since)) != DK_OK)
			return rc;
		f.since = since;
	}
	if (arg_get(a, "limit") &&
	    (rc = dk_parse_int("--limit", arg_get(a, "limit"), 1, 1000000000, &limit, &c->err)) != DK_OK)
		return rc;
	f.limit = limit;
	out_list(c->out, NULL);
	return dk_audit_log(c->db, &f, out_row, c->out, &c->err);
}

static int run_verify(struct ctx *c, struct args *a)
{
	struct dk_audit_result r;
	const char *anchor = arg_get(a, "head");
	char rows[32], seq[32];
	int rc;

	if (anchor && (strlen(anchor) != 64 || strspn(anchor, "0123456789abcdef") != 64))
		return fail(c, DK_EINPUT, "--head '%.70s' is not a SHA-256 (64 lower-case hex digits)", anchor);
	if ((rc = dk_audit_verify(c->db, &r, &c->err)) != DK_OK)
		return rc;
	snprintf(rows, sizeof rows, "%lld", (long long)r.rows);
	if (r.broken_seq != 0) {
		snprintf(seq, sizeof seq, "%lld", (long long)r.broken_seq);
		fail(c, DK_EFAIL, "audit chain broken at sequence %s: %s", seq, r.reason);
		out_record(c->out, NULL);
		out_row(c->out, 3, (struct dk_cell[]){{"status", "broken", DK_CELL_TEXT},
		                                      {"broken_seq", seq, DK_CELL_INT},
		                                      {"reason", r.reason, DK_CELL_TEXT}}, NULL);
		return DK_EFAIL;
	}
	if (anchor && (rc = dk_audit_has_hash(c->db, anchor, &c->err)) != DK_OK) {
		if (rc == DK_EFAIL)
			fail(c, DK_EFAIL, "the anchored head %.12s... is not in the chain: rows were removed "
			     "or the chain was rewritten", anchor);
		return rc;
	}
	out_record(c->out, NULL);
	out_row(c->out, 3, (struct dk_cell[]){{"status", "intact", DK_CELL_TEXT},
	                                      {"rows", rows, DK_CELL_INT},
	                                      {"head", r.head[0] ? r.head : NULL,
	                                       r.head[0] ? DK_CELL_TEXT : DK_CELL_NULL}}, NULL);
	return DK_OK;
}

static const struct opt log_opts[] = {
	{"entity", "KIND", 0, "only this record kind (person, context, risk, ...)"},
	{"since", "DATE", 0, "only changes on or after this date (UTC)"},
	{"limit", "N", 0, "only the newest N changes"},
	{NULL, NULL, 0, NULL},
};

static const struct opt verify_opts[] = {
	{"head", "SHA256", 0, "a head hash kept outside the database; fail if it is not in the chain"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_audit[] = {
	{"log", NULL, 0, 0, "list changes, oldest first", log_opts, 0, run_log},
	{"verify", NULL, 0, 0, "recompute the hash chain; exit 1 at the first broken link",
	 verify_opts, 0, run_verify},
	{0},
};
