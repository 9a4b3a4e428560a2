/* cmd_evidence.c: docket evidence add | list | show | check. */
#include "cli.h"
#include "docket/evidence.h"
#include "docket/key.h"

static int run_add(struct ctx *c, struct args *a)
{
	struct dk_evidence_in in = {.kind = arg_get(a, "kind"), .title = arg_get(a, "title"),
	                            .uri = arg_get(a, "uri"), .file = arg_get(a, "file"),
	                            .summary = arg_get(a, "summary"), .collected = c->today};
	char collected[DK_DATE_LEN], key[DK_KEY_LEN];
	int64_t id;
	int rc;

	if (arg_get(a, "collected")) {
		if ((rc = date_opt(c, "--collected", arg_get(a, "collected"), collected)) != DK_OK)
			return rc;
		in.collected = collected;
	}
	if ((rc = dk_evidence_add(c->db, &in, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("EV", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_list(struct ctx *c, struct args *a)
{
	out_list(c->out, NULL);
	return dk_evidence_list(c->db, arg_get(a, "kind"), arg_get(a, "search"), out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "EV", "evidence", &id)) != DK_OK)
		return rc;
	if ((rc = dk_evidence_exists(c->db, id, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "evidence");
	if ((rc = dk_evidence_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "decisions");
	return dk_evidence_decisions(c->db, id, out_row, c->out, &c->err);
}

static int run_check(struct ctx *c, struct args *a)
{
	static const char *const states[] = {"match", "changed", "missing"};
	struct dk_evidence_verdict r;
	char key[DK_KEY_LEN], rsize[24], csize[24];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "EV", "evidence", &id)) != DK_OK)
		return rc;
	if ((rc = dk_evidence_verify(c->db, id, arg_get(a, "file"), &r, &c->err)) != DK_OK)
		return rc;
	dk_key_format("EV", id, key);
	snprintf(rsize, sizeof rsize, "%lld", (long long)r.recorded_size);
	snprintf(csize, sizeof csize, "%lld", (long long)r.current_size);
	{
		struct dk_cell cells[7] = {
			{"key", key, DK_CELL_TEXT},
			{"result", states[r.state], DK_CELL_TEXT},
			{"path", r.path, DK_CELL_TEXT},
			{"recorded_sha256", r.recorded, DK_CELL_TEXT},
			{"current_sha256", r.state == DK_EVIDENCE_MISSING ? NULL : r.current,
			 r.state == DK_EVIDENCE_MISSING ? DK_CELL_NULL : DK_CELL_TEXT},
			{"recorded_size", rsize, DK_CELL_INT},
			{"current_size", r.state == DK_EVIDENCE_MISSING ? NULL : csize,
			 r.state == DK_EVIDENCE_MISSING ? DK_CELL_NULL : DK_CELL_INT},
		};
		out_record(c->out, NULL);
		out_row(c->out, 7, cells, &c->err);
	}
	if (r.state == DK_EVIDENCE_MATCH)
		return DK_OK;
	return fail(c, DK_EFAIL, "%s: the artifact %s", key,
	            r.state == DK_EVIDENCE_MISSING ? "cannot be read" : "no longer matches its recorded hash");
}

static const struct opt add_opts[] = {
	{"kind", "KIND", OPT_REQUIRED,
	 "benchmark, metric, document, link, experiment, incident, review or dryrun"},
	{"title", "TEXT", OPT_REQUIRED, "what it is"},
	{"uri", "URI", 0, "where it lives"},
	{"file", "PATH", 0, "a local artifact: its SHA-256 and size are recorded (not the file)"},
	{"summary", "TEXT", 0, "what it shows"},
	{"collected", "DATE", 0, "when it was collected (default today)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"kind", "KIND", 0, "only this kind"},
	{"search", "TEXT", 0, "words in the title, summary or URI"},
	{NULL, NULL, 0, NULL},
};

static const struct opt check_opts[] = {
	{"file", "PATH", 0, "hash this copy instead of the recorded local path"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_evidence[] = {
	{"add", NULL, 0, 0, "record an item of evidence (hashing a file if given)", add_opts, 0, run_add},
	{"list", NULL, 0, 0, "list evidence, newest first", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "show an item of evidence and the decisions that cite it", NULL, 0, run_show},
	{"check", "KEY", 1, 1, "re-hash a file-backed item; exit 1 when it no longer matches",
	 check_opts, 0, run_check},
	{0},
};
