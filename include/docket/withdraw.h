/* docket/withdraw.h: withdrawing a risk, decision, evidence item or review
 * that was recorded by mistake.
 *
 * Nothing is deleted: the audit trail is append-only, so a withdrawn record
 * stays, with who withdrew it, when and why (a risk or decision also gets
 * the status 'withdrawn'), and the commands that list, check and report
 * leave it out. Withdrawn is final (the schema refuses any later change, and
 * any new record that would rest on it).
 *
 * A record is not withdrawn while other records rest on it:
 *   risk      a verification result was recorded for one of its steps, or
 *             it is accepted (an approver signed it);
 *   decision  it supersedes or is superseded by another decision, a risk it
 *             left is still open, mitigating or accepted, a decision that is
 *             not withdrawn links to it, or it was imported from an ADR file
 *             (the file is its record: change the status there);
 *   evidence  a decision that is not withdrawn cites it, or a verification
 *             result was recorded with it;
 *   review    a decision that is not withdrawn was taken in it.
 *
 * Ownership: inputs are borrowed for the call; struct dk_withdrawal is the
 * caller's. On any failure nothing is written. */
#ifndef DOCKET_WITHDRAW_H
#define DOCKET_WITHDRAW_H

#include <stdint.h>

#include "docket/error.h"
#include "docket/key.h"
#include "docket/rows.h"

struct dk_db;

enum dk_withdraw_kind {
	DK_WITHDRAW_RISK,
	DK_WITHDRAW_DECISION,
	DK_WITHDRAW_EVIDENCE,
	DK_WITHDRAW_REVIEW,
};

/* Who withdrew a record, when and why. */
struct dk_withdrawal {
	char key[DK_KEY_LEN]; /* R-3, D-4, EV-5 or RV-6 */
	char at[40];          /* when, as the record keeps it (UTC, YYYY-MM-DDTHH:MM:SSZ) */
	char by[201];         /* the acting person (the audit trail's actor) */
	char reason[10001];   /* why, as given */
};

/* Withdraws record id of kind with reason (required, at most 10000
 * characters), in its own transaction, and fills *w (may be NULL). Refused
 * (DK_EINPUT, nothing written) when id is not such a record, is withdrawn
 * already, or records rest on it: the message names them. */
int dk_withdraw(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id, const char *reason,
                struct dk_withdrawal *w, struct dk_error *err);

/* Whether record id of kind is withdrawn (*withdrawn), and if so by whom,
 * when and why (*w). DK_EINPUT when there is no such record. */
int dk_withdrawn(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id, int *withdrawn,
                 struct dk_withdrawal *w, struct dk_error *err);

/* DK_OK when record id of kind is not withdrawn; else DK_EINPUT, the
 * message naming who withdrew it and when ("RV-2 is withdrawn (...) and is
 * not changed"), for commands that change records to refuse with. */
int dk_withdrawn_refuse(struct dk_db *db, enum dk_withdraw_kind kind, int64_t id,
                        struct dk_error *err);

/* Rows: key, title, withdrawn_at, withdrawn_by, reason; every withdrawn
 * record of kind, in the order they were withdrawn (a review's title is
 * "design review on DATE"). */
int dk_withdrawn_list(struct dk_db *db, enum dk_withdraw_kind kind, dk_row_fn fn, void *ctx,
                      struct dk_error *err);

#endif
