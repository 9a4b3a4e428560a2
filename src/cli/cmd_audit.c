/* cmd_audit.c: docket audit log | verify. */
#include <stdio.h>
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

/* Findings are a list; the first one is also the error message. */
struct verify_out {
	struct out *out;
	int64_t n;
	char first[400];
};

static int verify_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct verify_out *v = arg;

	if (v->n++ == 0) {
		out_list(v->out, NULL);
		if (strcmp(cells[0].text, "chain") == 0)
			snprintf(v->first, sizeof v->first, "audit chain broken at sequence %s: %s",
			         cells[1].text, cells[3].text);
		else
			snprintf(v->first, sizeof v->first, "%s: %s", cells[2].text, cells[3].text);
	}
	return out_row(v->out, ncol, cells, err);
}

static int run_verify(struct ctx *c, struct args *a)
{
	struct dk_audit_result r;
	struct verify_out v = {c->out, 0, ""};
	const char *anchor = arg_get(a, "head");
	char rows[32], seq[32];
	int rc;

	if (anchor && (strlen(anchor) != 64 || strspn(anchor, "0123456789abcdef") != 64))
		return fail(c, DK_EINPUT, "--head '%.70s' is not a SHA-256 (64 lower-case hex digits)", anchor);
	if ((rc = dk_audit_check(c->db, verify_row, &v, &r, &c->err)) != DK_OK)
		return rc;
	if (anchor && (rc = dk_audit_has_hash(c->db, anchor, &c->err)) != DK_OK) {
		if (rc != DK_EFAIL)
			return rc;
		r.findings++;
		if ((rc = verify_row(&v, 4, (struct dk_cell[]){
			    {"check", "head", DK_CELL_TEXT}, {"seq", NULL, DK_CELL_NULL},
			    {"subject", anchor, DK_CELL_TEXT},
			    {"finding", "the anchored head is not in the chain: rows were removed or the "
			                "chain was rewritten", DK_CELL_TEXT}}, &c->err)) != DK_OK)
			return rc;
	}
	if (r.findings > 0) {
		snprintf(rows, sizeof rows, "%lld", (long long)r.findings - 1);
		return fail(c, DK_EFAIL, "%s%s%s%s", v.first, r.findings > 1 ? " (and " : "",
		            r.findings > 1 ? rows : "",
		            r.findings > 2 ? " other findings)" : r.findings > 1 ? " other finding)" : "");
	}
	snprintf(rows, sizeof rows, "%lld", (long long)r.rows);
	snprintf(seq, sizeof seq, "%lld", (long long)r.head_seq);
	out_record(c->out, NULL);
	out_row(c->out, 4, (struct dk_cell[]){{"status", "intact", DK_CELL_TEXT},
	                                      {"rows", rows, DK_CELL_INT},
	                                      {"head_seq", r.head_seq ? seq : NULL,
	                                       r.head_seq ? DK_CELL_INT : DK_CELL_NULL},
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
	{"verify", NULL, 0, 0, "check the trail and the records against it; exit 1 listing what does not hold",
	 verify_opts, 0, run_verify},
	{0},
};
