/* withdraw_cli.c: the withdraw subcommand of risk, decision, evidence and
 * review, and the withdrawn section of their show commands. */
#include "withdraw_cli.h"

const struct opt withdraw_opts[] = {
	{"reason", "TEXT", OPT_REQUIRED, "why it was a mistake (kept with the record)"},
	{NULL, NULL, 0, NULL},
};

static int emit(struct ctx *c, const struct dk_withdrawal *w)
{
	const struct dk_cell cells[] = {
		{"key", w->key, DK_CELL_TEXT},
		{"withdrawn_at", w->at, DK_CELL_TEXT},
		{"withdrawn_by", w->by, DK_CELL_TEXT},
		{"reason", w->reason, DK_CELL_TEXT},
	};

	return out_row(c->out, 4, cells, &c->err);
}

int withdraw_record(struct ctx *c, struct args *a, enum dk_withdraw_kind kind, int64_t id)
{
	struct dk_withdrawal w;
	int rc;

	if ((rc = dk_withdraw(c->db, kind, id, arg_get(a, "reason"), &w, &c->err)) != DK_OK)
		return rc;
	if (c->fmt == FMT_TABLE || c->fmt == FMT_MD) {
		out_note(c->out, "%s withdrawn (by %s at %s)", w.key, w.by, w.at);
		return DK_OK;
	}
	out_record(c->out, NULL);
	return emit(c, &w);
}

int withdraw_section(struct ctx *c, enum dk_withdraw_kind kind, int64_t id)
{
	struct dk_withdrawal w;
	int withdrawn, rc;

	if ((rc = dk_withdrawn(c->db, kind, id, &withdrawn, &w, &c->err)) != DK_OK || !withdrawn)
		return rc;
	out_record(c->out, "withdrawn");
	return emit(c, &w);
}

int withdraw_list(struct ctx *c, enum dk_withdraw_kind kind)
{
	out_list(c->out, NULL);
	return dk_withdrawn_list(c->db, kind, out_row, c->out, &c->err);
}
