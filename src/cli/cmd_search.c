/* cmd_search.c: docket search TEXT..., every kind of record at once. */
#include "cli.h"
#include "docket/search.h"
#include "docket/text.h"

static int run_search(struct ctx *c, struct args *a)
{
	struct dk_search_filter f = {NULL, arg_get(a, "kind"), 20};
	struct dk_buf text = {0};
	int rc;

	if (arg_get(a, "limit") &&
	    (rc = dk_parse_int("--limit", arg_get(a, "limit"), 1, 1000, &f.limit, &c->err)) != DK_OK)
		return rc;
	/* the words may come quoted or not: 'docket search kserve canary' */
	for (int i = 0; i < a->npos; i++) {
		if (i)
			dk_buf_adds(&text, " ");
		dk_buf_adds(&text, a->pos[i]);
	}
	if (!dk_buf_ok(&text)) {
		dk_buf_free(&text);
		return fail(c, DK_EDB, "out of memory");
	}
	f.text = dk_buf_str(&text);
	out_list(c->out, NULL);
	rc = dk_search(c->db, &f, out_row, c->out, &c->err);
	dk_buf_free(&text);
	return rc;
}

static const struct opt search_opts[] = {
	{"kind", "KIND", 0, "decision, risk, evidence, review or context"},
	{"limit", "N", 0, "at most N rows, best first (1..1000, default 20)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_search[] = {
	{NULL, "TEXT...", 1, ARGS_MAX, "records of every kind by their words, best first",
	 search_opts, 0, run_search},
	{0},
};
