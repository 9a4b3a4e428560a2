/* cmd_import.c: docket import KIND: records written elsewhere. Each kind is
 * one row; 'adr' reads a directory of Architecture Decision Records. */
#include "cli.h"
#include "docket/adr.h"

static int run_adr(struct ctx *c, struct args *a)
{
	out_list(c->out, NULL);
	return dk_adr_import(c->db, a->pos[0], arg_get(a, "area"), out_row, c->out, &c->err);
}

static const struct opt adr_opts[] = {
	{"area", "AREA", 0, "area for records that name none (default governance)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_import[] = {
	{"adr", "DIR", 1, 1, "import adr-tools (Nygard) or MADR files; importing again changes nothing",
	 adr_opts, 0, run_adr},
	{0},
};
