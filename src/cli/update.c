/* update.c: the one-line confirmation of the update commands. An update
 * that changes nothing succeeds (exit 0, as `git config` setting a value
 * it already has) and says so; nothing was written. */
#include "update.h"

#include "cli.h"
#include "docket/text.h"

int update_confirm(struct ctx *c, const char *key, const struct dk_changes *ch)
{
	struct dk_buf b = {0};
	int rc = DK_OK;

	for (int i = 0; i < ch->n; i++)
		dk_buf_addf(&b, "%s%s", i ? ", " : "", ch->field[i]);
	if (c->fmt == FMT_TABLE || c->fmt == FMT_MD) {
		if (ch->n)
			out_note(c->out, "%s updated: %s", key, dk_buf_str(&b));
		else
			out_note(c->out, "%s: no change (every value given is the current one)", key);
	} else {
		struct dk_cell cells[2] = {{"key", key, DK_CELL_TEXT},
		                           {"changed", dk_buf_str(&b), DK_CELL_TEXT}};
		out_record(c->out, NULL);
		rc = out_row(c->out, 2, cells, &c->err);
		out_end(c->out);
	}
	dk_buf_free(&b);
	return rc;
}
