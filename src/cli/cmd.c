/* cmd.c: the command groups, in the order help lists them. */
#include "cli.h"

extern const struct cmd cmds_init[], cmds_migrate[], cmds_person[], cmds_context[],
	cmds_audit[];
extern const struct cmd cmds_risk[], cmds_policy[], cmds_report[];

const struct group groups[] = {
	{"init", "create a database", cmds_init},
	{"migrate", "upgrade a database", cmds_migrate},
	{"person", "people who own, approve and are escalated to", cmds_person},
	{"context", "what an ML system must meet, kept as revisions", cmds_context},
	{"risk", "residual risks: owners, due dates, verification, acceptance", cmds_risk},
	{"policy", "each team's risk appetite, grace days and escalation", cmds_policy},
	{"report", "the weekly risk report", cmds_report},
	{"audit", "the tamper-evident change trail", cmds_audit},
	{NULL, NULL, NULL},
};
