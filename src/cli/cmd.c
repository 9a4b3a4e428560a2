/* cmd.c: the command groups, in the order help lists them. */
#include "cli.h"

extern const struct cmd cmds_init[], cmds_migrate[], cmds_person[], cmds_context[],
	cmds_audit[];
extern const struct cmd cmds_evidence[], cmds_review[], cmds_decision[], cmds_import[];

const struct group groups[] = {
	{"init", "create a database", cmds_init},
	{"migrate", "upgrade a database", cmds_migrate},
	{"person", "people who own, approve and are escalated to", cmds_person},
	{"context", "what an ML system must meet, kept as revisions", cmds_context},
	{"evidence", "what decisions rest on, with file hashes", cmds_evidence},
	{"review", "design review meetings", cmds_review},
	{"decision", "what was decided, why, and on what evidence", cmds_decision},
	{"import", "records written elsewhere (adr)", cmds_import},
	{"audit", "the tamper-evident change trail", cmds_audit},
	{NULL, NULL, NULL},
};
