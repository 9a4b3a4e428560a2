/* cmd_evidence.c: docket evidence add | update | list | show | check | withdraw. */
#include "cli.h"
#include "docket/evidence.h"
#include "docket/key.h"
#include "update.h"
#include "withdraw_cli.h"

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

static int run_update(struct ctx *c, struct args *a)
{
	struct dk_evidence_update in = {arg_get(a, "title"), arg_get(a, "summary"), arg_get(a, "uri")};
	struct dk_changes ch;
	char key[DK_KEY_LEN];
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "EV", "evidence", &id)) != DK_OK)
		return rc;
	if ((rc = dk_evidence_update(c->db, id, &in, &ch, &c->err)) != DK_OK)
		return rc;
	dk_key_format("EV", id, key);
	return update_confirm(c, key, &ch);
}

static int run_list(struct ctx *c, struct args *a)
{
	if (arg_flag(a, "withdrawn")) {
		if (arg_get(a, "kind") || arg_get(a, "search"))
			return fail(c, DK_EINPUT, "--%s does not apply to the withdrawn list",
			            arg_get(a, "kind") ? "kind" : "search");
		return withdraw_list(c, DK_WITHDRAW_EVIDENCE);
	}
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
	if ((rc = withdraw_section(c, DK_WITHDRAW_EVIDENCE, id)) != DK_OK)
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

static int run_withdraw(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "EV", "evidence", &id)) != DK_OK)
		return rc;
	return withdraw_record(c, a, DK_WITHDRAW_EVIDENCE, id);
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

static const struct opt update_opts[] = {
	{"title", "TEXT", 0, "what it is"},
	{"summary", "TEXT", 0, "what it shows ('' clears)"},
	{"uri", "URI", 0, "where it lives now ('' clears); hash unchanged"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"kind", "KIND", 0, "only this kind"},
	{"withdrawn", NULL, 0, "only the withdrawn items, with who, when and why"},
	{"search", "TEXT", 0, "words in the title, summary or URI"},
	{NULL, NULL, 0, NULL},
};

static const struct opt check_opts[] = {
	{"file", "PATH", 0, "hash this copy instead of the recorded local path"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_evidence[] = {
	{"add", NULL, 0, 0, "record an item of evidence (hashing a file if given)", add_opts, 0, run_add},
	{"update", "KEY", 1, 1, "correct an item's title, summary or URI (never its hash)",
	 update_opts, 0, run_update},
	{"list", NULL, 0, 0, "list evidence, newest first", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "show an item of evidence and the decisions that cite it", NULL, 0, run_show},
	{"check", "KEY", 1, 1, "re-hash a file-backed item; exit 1 when it no longer matches",
	 check_opts, 0, run_check},
	{"withdraw", "KEY", 1, 1, "withdraw an item recorded by mistake (kept, with the reason)",
	 withdraw_opts, 0, run_withdraw},
	{0},
};
