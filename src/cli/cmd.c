/* cmd.c: the command groups, in the order help lists them: the workflow
 * from people and contexts through plans, decisions and risks to reports,
 * lineage and the trail. */
#include "cli.h"

extern const struct cmd cmds_init[], cmds_migrate[], cmds_backup[], cmds_copy[], cmds_person[], cmds_context[],
	cmds_blueprint[], cmds_stage[], cmds_gate[], cmds_evidence[], cmds_review[],
	cmds_decision[], cmds_check[], cmds_dryrun[], cmds_lineage[], cmds_audit[],
	cmds_risk[], cmds_policy[], cmds_report[], cmds_export[], cmds_import[], cmds_catalog[],
cmds_search[], cmds_config[], cmds_whoami[];

const struct group groups[] = {
	{"init", "create a database", cmds_init},
	{"migrate", "upgrade a database", cmds_migrate},
	{"backup", "a consistent copy of the database", cmds_backup},
	{"copy", "every record and the whole trail into a new database, verified", cmds_copy},
	{"config", "settings: the database, the actor, colour and pager", cmds_config},
	{"whoami", "who is acting, and as which person", cmds_whoami},
	{"person", "people who own, approve and are escalated to", cmds_person},
	{"context", "what an ML system must meet, kept as revisions", cmds_context},
	{"blueprint", "MLOps plans drawn from a context by the rule catalog", cmds_blueprint},
	{"catalog", "the rule catalog blueprints are drawn from, and its stack vocabulary", cmds_catalog},
	{"stage", "a blueprint's pipeline stage contract", cmds_stage},
	{"gate", "promotion gates on pipeline stages", cmds_gate},
	{"evidence", "what decisions rest on, with file hashes", cmds_evidence},
	{"review", "design review meetings", cmds_review},
	{"decision", "what was decided, why, and on what evidence", cmds_decision},
	{"risk", "residual risks: owners, due dates, verification, acceptance", cmds_risk},
	{"policy", "each team's risk appetite, grace days and escalation", cmds_policy},
	{"report", "the weekly risk report", cmds_report},
	{"check", "the quality gates, for CI", cmds_check},
	{"dryrun", "walk a blueprint's promotion gates", cmds_dryrun},
	{"search", "find records of every kind by the words in them", cmds_search},
	{"lineage", "where a record came from and what rests on it", cmds_lineage},
	{"audit", "the tamper-evident change trail", cmds_audit},
	{"export", "files for auditors", cmds_export},
	{"import", "records written elsewhere: CSV registers, ADR directories", cmds_import},
	{NULL, NULL, NULL},
};
