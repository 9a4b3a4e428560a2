/* cmd_audit.c: docket audit log | verify | keygen | anchor. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "docket/anchor.h"
#include "docket/audit.h"
#include "docket/store.h"
#include "docket/text.h"

static int run_log(struct ctx *c, struct args *a)
{
	struct dk_audit_filter f = {arg_get(a, "entity"), NULL, 0, arg_get(a, "key")};
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

/* --head: SEQ:HASH pins a position; a bare HASH (the old form) only says
 * that the hash occurs somewhere in the chain. */
struct head_pin {
	const char *arg;          /* the option's value, NULL when not given */
	int64_t seq;              /* 0 for a bare hash */
	char hash[DK_SHA256_HEX];
};

static int parse_head(struct ctx *c, const char *v, struct head_pin *p)
{
	const char *colon = v ? strchr(v, ':') : NULL, *h = colon ? colon + 1 : v;
	int64_t seq = 0;
	char num[24];

	memset(p, 0, sizeof *p);
	p->arg = v;
	if (v == NULL)
		return DK_OK;
	if (colon) {
		size_t n = (size_t)(colon - v);
		if (n == 0 || n >= sizeof num || v[0] == '0' || strspn(v, "0123456789") != n)
			return fail(c, DK_EINPUT, "--head '%.90s' is not SEQ:HASH (a sequence number from 1, "
			            "':', and 64 lower-case hex digits, as audit verify prints in 'pin')", v);
		memcpy(num, v, n);
		num[n] = '\0';
		if (dk_parse_int("--head SEQ", num, 1, INT64_MAX, &seq, &c->err) != DK_OK)
			return fail(c, DK_EINPUT, "--head '%.90s': the sequence number is too large", v);
	}
	if (strlen(h) != 64 || strspn(h, "0123456789abcdef") != 64)
		return fail(c, DK_EINPUT, "--head '%.90s' is not %s (64 lower-case hex digits)", v,
		            colon ? "SEQ:HASH: the hash is not a SHA-256" : "SEQ:HASH or a SHA-256");
	p->seq = seq;
	memcpy(p->hash, h, DK_SHA256_HEX);
	return DK_OK;
}

/* Findings are a list; the first one is also the error message. */
struct verify_out {
	struct out *out;
	int64_t n;
	char first[400];
	const char *anchors; /* the anchor file, for anchor findings */
	const char *cmdname;
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

static int finding(struct verify_out *v, const char *check, int64_t seq, const char *subject,
                   const char *what)
{
	char s[32];

	snprintf(s, sizeof s, "%" PRId64, seq);
	return verify_row(v, 4, (struct dk_cell[]){{"check", check, DK_CELL_TEXT},
	                                           {"seq", seq > 0 ? s : NULL,
	                                            seq > 0 ? DK_CELL_INT : DK_CELL_NULL},
	                                           {"subject", subject, DK_CELL_TEXT},
	                                           {"finding", what, DK_CELL_TEXT}}, NULL);
}

/* Adds a finding to v when the pinned head does not hold; returns a status
 * only when the chain cannot be read. */
static int check_head(struct ctx *c, const struct head_pin *p, const struct dk_audit_result *r,
                      struct verify_out *v, int64_t *findings)
{
	char hash[DK_SHA256_HEX], at[DK_AUDIT_AT_LEN], what[300];
	int found, rc;

	if (p->arg == NULL)
		return DK_OK;
	if (p->seq == 0) {
		fprintf(stderr, "docket: %s: note: a bare --head HASH only checks that the hash is "
		        "somewhere in the chain; --head SEQ:HASH (the 'pin' field) checks its position\n",
		        c->cmdname);
		if ((rc = dk_audit_has_hash(c->db, p->hash, &c->err)) != DK_EFAIL)
			return rc;
		(*findings)++;
		return finding(v, "head", 0, "pinned head", "the hash is not in the chain: rows were removed "
		               "or the chain was rewritten");
	}
	if (p->seq > r->rows) {
		snprintf(what, sizeof what, "the chain ends at row %" PRId64 ", before the pinned row: "
		         "rows were removed (truncated)", r->rows);
		(*findings)++;
		return finding(v, "head", p->seq, "pinned head", what);
	}
	if ((rc = dk_audit_row_at(c->db, p->seq, hash, at, &found, &c->err)) != DK_OK)
		return rc;
	if (!found || strcmp(hash, p->hash) != 0) {
		snprintf(what, sizeof what, "row %" PRId64 " has hash %.12s..., not %.12s...: the chain "
		         "was rewritten at or before it", p->seq, found ? hash : "(none)", p->hash);
		(*findings)++;
		return finding(v, "head", p->seq, "pinned head", what);
	}
	return DK_OK;
}

/* --anchors FILE --pubkey FILE: what the anchor check needs and found. */
struct anchor_run {
	const char *path;           /* NULL when anchors are not checked */
	struct dk_anchor_key *pub;
	struct dk_anchor_summary sum;
	const char *cmdname;        /* for the findings on stderr */
	char first[512];            /* the first finding, for the record */
};

static int load_anchor_opts(struct ctx *c, struct args *a, struct anchor_run *an)
{
	const char *path = arg_get(a, "anchors"), *pub = arg_get(a, "pubkey");
	struct stat st;

	memset(an, 0, sizeof *an);
	an->cmdname = c->cmdname;
	if ((path == NULL) != (pub == NULL))
		return fail(c, DK_EINPUT, "--anchors and --pubkey go together: the anchors are checked "
		            "with the public key that signed them");
	if (path == NULL)
		return DK_OK;
	if (*path == '\0')
		return fail(c, DK_EINPUT, "--anchors '' is not a file name");
	if (stat(path, &st) != 0)
		return fail(c, DK_EINPUT, "--anchors '%s': cannot read it: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(c, DK_EINPUT, "--anchors '%s' is not a regular file", path);
	an->path = path;
	return dk_anchor_key_load(pub, DK_ANCHOR_PUBLIC, "--pubkey", &an->pub, &c->err);
}

static int print_finding(void *ctx, const struct dk_anchor_finding *f)
{
	struct anchor_run *an = ctx;
	char where[64] = "";

	if (f->seq > 0)
		snprintf(where, sizeof where, " seq %" PRId64 ":", f->seq);
	fprintf(stderr, "docket: %s: %s:%" PRId64 ":%s %s\n", an->cmdname, an->path, f->line, where,
	        f->what);
	if (an->first[0] == '\0')
		snprintf(an->first, sizeof an->first, "line %" PRId64 ":%s %s", f->line, where, f->what);
	return 0;
}

/* An anchor finding goes to the list and, whole, to stderr: a cron job
 * that checks anchors mails what it says there. */
static int anchor_row(void *ctx, const struct dk_anchor_finding *f)
{
	struct verify_out *v = ctx;
	char where[300], seq[40] = "";

	if (f->seq > 0)
		snprintf(seq, sizeof seq, " seq %" PRId64 ":", f->seq);
	fprintf(stderr, "docket: %s: %s:%" PRId64 ":%s %s\n", v->cmdname, v->anchors, f->line, seq,
	        f->what);
	snprintf(where, sizeof where, "%.280s:%" PRId64, v->anchors, f->line);
	return finding(v, "anchor", f->seq, where, f->what);
}

static int run_verify(struct ctx *c, struct args *a)
{
	struct dk_audit_result r;
	struct verify_out v = {c->out, 0, "", NULL, c->cmdname};
	struct head_pin pin;
	struct anchor_run an;
	char rows[32], seq[32], pinned[96], nanch[32], aseq[32], after[32];
	int rc;

	memset(&an, 0, sizeof an);
	if ((rc = parse_head(c, arg_get(a, "head"), &pin)) != DK_OK ||
	    (rc = load_anchor_opts(c, a, &an)) != DK_OK)
		goto out;
	if ((rc = dk_audit_check(c->db, verify_row, &v, &r, &c->err)) != DK_OK ||
	    (rc = check_head(c, &pin, &r, &v, &r.findings)) != DK_OK)
		goto out;
	if (an.path != NULL) {
		v.anchors = an.path;
		if ((rc = dk_anchor_verify_file(c->db, an.pub, an.path, r.rows, anchor_row, &v, &an.sum,
		                                &c->err)) != DK_OK)
			goto out;
		r.findings += an.sum.findings;
	}
	if (r.findings > 0) {
		snprintf(rows, sizeof rows, "%" PRId64, r.findings - 1);
		rc = fail(c, DK_EFAIL, "%s%s%s%s", v.first, r.findings > 1 ? " (and " : "",
		          r.findings > 1 ? rows : "",
		          r.findings > 2 ? " other findings)" : r.findings > 1 ? " other finding)" : "");
		goto out;
	}
	snprintf(rows, sizeof rows, "%" PRId64, r.rows);
	snprintf(seq, sizeof seq, "%" PRId64, r.head_seq);
	snprintf(pinned, sizeof pinned, "%" PRId64 ":%s", r.head_seq, r.head);
	snprintf(nanch, sizeof nanch, "%" PRId64, an.sum.lines);
	snprintf(aseq, sizeof aseq, "%" PRId64, an.sum.last_seq);
	snprintf(after, sizeof after, "%" PRId64, r.rows - an.sum.last_seq);
	out_record(c->out, NULL);
	out_row(c->out, an.path ? 8 : 5,
	        (struct dk_cell[]){{"status", "intact", DK_CELL_TEXT},
	                           {"rows", rows, DK_CELL_INT},
	                           {"head_seq", r.head[0] ? seq : NULL, r.head[0] ? DK_CELL_INT : DK_CELL_NULL},
	                           {"head", r.head[0] ? r.head : NULL, r.head[0] ? DK_CELL_TEXT : DK_CELL_NULL},
	                           {"pin", r.head[0] ? pinned : NULL, r.head[0] ? DK_CELL_TEXT : DK_CELL_NULL},
	                           {"anchors", nanch, DK_CELL_INT},
	                           {"anchored_seq", aseq, DK_CELL_INT},
	                           {"unanchored_rows", after, DK_CELL_INT}}, NULL);
out:
	dk_anchor_key_free(an.pub);
	return rc;
}

static int run_keygen(struct ctx *c, struct args *a)
{
	const char *priv = arg_get(a, "out");
	char fpr[DK_SHA256_HEX], *pub;
	int rc;

	if (*priv == '\0')
		return fail(c, DK_EINPUT, "--out '' is not a file name");
	if ((pub = malloc(strlen(priv) + 5)) == NULL)
		return fail(c, DK_EDB, "out of memory");
	strcpy(pub, priv);
	strcat(pub, ".pub");
	if ((rc = dk_anchor_keygen(priv, pub, fpr, &c->err)) == DK_OK) {
		out_record(c->out, NULL);
		out_row(c->out, 3, (struct dk_cell[]){{"private", priv, DK_CELL_TEXT},
		                                      {"public", pub, DK_CELL_TEXT},
		                                      {"key", fpr, DK_CELL_TEXT}}, NULL);
	} else {
		char why[sizeof c->err.msg];
		snprintf(why, sizeof why, "%s", c->err.msg);
		fail(c, rc, "--out: %s", why);
	}
	free(pub);
	return rc;
}

/* The default anchor file: beside the database, named after it. Fine for
 * a first try; an anchor file proves most where the database's writers
 * cannot change it. */
static int default_anchors(struct ctx *c, char *out, size_t cap)
{
	if (dk_store_is_server(c->db_path))
		return fail(c, DK_EINPUT, "a database on a server has no directory to keep its "
		            "anchors beside: give --anchors FILE (somewhere its writers cannot change)");
	if ((size_t)snprintf(out, cap, "%s.anchors", c->db_path) >= cap)
		return fail(c, DK_EINPUT, "the database path is too long for a default --anchors");
	return DK_OK;
}

static int run_anchor(struct ctx *c, struct args *a)
{
	struct dk_audit_result r;
	struct dk_anchor_key *key = NULL;
	struct anchor_run an;
	struct dk_anchor anc = {0};
	char line[DK_ANCHOR_LINE_MAX], path[4200], seq[32], at[DK_AUDIT_AT_LEN], head[DK_SHA256_HEX];
	struct stat st;
	int found, fd = -1, rc;

	memset(&an, 0, sizeof an);
	an.cmdname = c->cmdname;
	if (arg_get(a, "anchors") != NULL)
		snprintf(path, sizeof path, "%s", arg_get(a, "anchors"));
	else if ((rc = default_anchors(c, path, sizeof path)) != DK_OK)
		return rc;
	if (*path == '\0')
		return fail(c, DK_EINPUT, "--anchors '' is not a file name");
	if ((rc = dk_anchor_key_load(arg_get(a, "key"), DK_ANCHOR_PRIVATE, "--key", &key, &c->err)) != DK_OK)
		return rc;
	if ((rc = dk_audit_row_at(c->db, 1, anc.db, at, &found, &c->err)) != DK_OK)
		goto out;
	if (!found) {
		rc = fail(c, DK_EFAIL, "refusing to anchor: the trail is empty");
		goto out;
	}
	/* verified, checked and appended under the file's lock: two runs at
	 * once append in order */
	if ((rc = dk_anchor_open(path, &fd, &c->err)) != DK_OK)
		goto out;
	if ((rc = dk_audit_verify(c->db, &r, &c->err)) != DK_OK)
		goto out;
	if (r.broken_seq != 0) {
		rc = fail(c, DK_EFAIL, "refusing to anchor: audit chain broken at sequence %lld: %s",
		          (long long)r.broken_seq, r.reason);
		goto out;
	}
	/* the anchors already made must hold, or a rewritten chain would be signed */
	an.path = path;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		if ((rc = dk_anchor_verify_file(c->db, key, path, r.rows, print_finding, &an, &an.sum,
		                                &c->err)) != DK_OK)
			goto out;
		if (an.sum.findings > 0) {
			rc = fail(c, DK_EFAIL, "refusing to anchor: %" PRId64 " finding%s in %s",
			          an.sum.findings, an.sum.findings == 1 ? "" : "s", path);
			goto out;
		}
	}
	anc.seq = r.rows;
	memcpy(anc.hash, r.head, sizeof anc.hash);
	dk_anchor_now(anc.at);
	if ((rc = dk_audit_row_at(c->db, r.rows, head, at, &found, &c->err)) != DK_OK)
		goto out;
	/* a clock that went back would sign an anchor that can never verify */
	if (strcmp(at, anc.at) > 0 || strcmp(an.sum.last_at, anc.at) > 0) {
		rc = fail(c, DK_EDB, "refusing to anchor: the clock (%s) is behind the %s (%s)", anc.at,
		          strcmp(at, anc.at) > 0 ? "head row" : "last anchor",
		          strcmp(at, anc.at) > 0 ? at : an.sum.last_at);
		goto out;
	}
	if ((rc = dk_anchor_sign(key, &anc, line, &c->err)) != DK_OK ||
	    (rc = dk_anchor_append(fd, path, line, &c->err)) != DK_OK)
		goto out;
	snprintf(seq, sizeof seq, "%" PRId64, anc.seq);
	out_record(c->out, NULL);
	out_row(c->out, 5, (struct dk_cell[]){{"anchors", path, DK_CELL_TEXT},
	                                      {"seq", seq, DK_CELL_INT},
	                                      {"head", anc.hash, DK_CELL_TEXT},
	                                      {"at", anc.at, DK_CELL_TEXT},
	                                      {"key", anc.key, DK_CELL_TEXT}}, NULL);
out:
	dk_anchor_close(fd);
	dk_anchor_key_free(key);
	return rc;
}

static const struct opt log_opts[] = {
	{"entity", "KIND", 0, "only this record kind (person, context, risk, ...)"},
	{"since", "DATE", 0, "only changes on or after this date (UTC)"},
	{"limit", "N", 0, "only the newest N changes"},
	{"key", "KEY", 0, "only this record's changes (R-10, D-3, EV-2, ...)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt verify_opts[] = {
	{"head", "SEQ:HASH", 0, "a head kept outside the database (the 'pin' field); fail unless row SEQ has HASH"},
	{"anchors", "FILE", 0, "check every signed anchor in FILE against the chain (with --pubkey)"},
	{"pubkey", "FILE", 0, "the public key that signed the anchors (with --anchors)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt keygen_opts[] = {
	{"out", "FILE", OPT_REQUIRED, "write the private key to FILE (0600) and the public key to FILE.pub"},
	{NULL, NULL, 0, NULL},
};

static const struct opt anchor_opts[] = {
	{"key", "FILE", OPT_REQUIRED, "the private key (from audit keygen) that signs the head"},
	{"anchors", "FILE", 0, "append the anchor to FILE (default: the database path with .anchors)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_audit[] = {
	{"log", NULL, 0, 0, "list changes, oldest first", log_opts, 0, run_log},
	{"verify", NULL, 0, 0, "check the trail and the records against it; exit 1 listing what does not hold",
	 verify_opts, 0, run_verify},
	{"keygen", NULL, 0, 0, "make an Ed25519 key pair for signing anchors (needs no database)",
	 keygen_opts, CMD_NODB, run_keygen},
	{"anchor", NULL, 0, 0, "sign the verified head and append it to an anchor file kept elsewhere",
	 anchor_opts, 0, run_anchor},
	{0},
};
