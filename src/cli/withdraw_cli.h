/* withdraw_cli.h: what the risk, decision, evidence and review commands
 * share to withdraw a record and to show that one was (docket/withdraw.h). */
#ifndef DOCKET_WITHDRAW_CLI_H
#define DOCKET_WITHDRAW_CLI_H

#include <stdint.h>

#include "cli.h"
#include "docket/withdraw.h"

/* --reason, required. */
extern const struct opt withdraw_opts[];

/* Withdraws record id with --reason and prints the one-line confirmation. */
int withdraw_record(struct ctx *c, struct args *a, enum dk_withdraw_kind kind, int64_t id);
/* A "withdrawn" section (at, by, reason) when record id is withdrawn;
 * nothing when it is not. */
int withdraw_section(struct ctx *c, enum dk_withdraw_kind kind, int64_t id);
/* The withdrawn records of kind, as a listing. */
int withdraw_list(struct ctx *c, enum dk_withdraw_kind kind);

#endif
