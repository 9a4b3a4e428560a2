/* docket/policy.h: each team's rules for its risks (appetite, grace days,
 * acceptance lifetime, default due days, whom to escalate to).
 *
 * A team has at most one policy; setting it again replaces it (the audit
 * trail keeps the old values). Values arrive as text and are checked here.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback;
 * struct dk_policy is filled into caller-owned memory. */
#ifndef DOCKET_POLICY_H
#define DOCKET_POLICY_H

#include <stdint.h>

#include "docket/changes.h"
#include "docket/rows.h"

struct dk_db;

struct dk_policy_in {
	const char *team;             /* [a-z0-9._-], at most 64 */
	const char *appetite;         /* 1..25: highest score accepted without escalation */
	const char *grace_days;       /* 0..365 days after the due date before escalation */
	const char *acceptance_days;  /* 1..3650: default lifetime of an acceptance */
	const char *default_due_days; /* 1..3650: due date of a new risk without --due */
	const char *escalate_to;      /* a person's handle */
};

struct dk_policy {
	int64_t appetite, grace_days, acceptance_days, default_due_days;
	int64_t escalate_to; /* person id */
};

/* Checks every value (all are required); does not look anything up. */
int dk_policy_check(const struct dk_policy_in *in, struct dk_error *err);
/* Creates or replaces the team's policy in its own transaction. On failure
 * nothing is written. */
int dk_policy_set(struct dk_db *db, const struct dk_policy_in *in, struct dk_error *err);
/* The same inside the caller's transaction (for imports). */
int dk_policy_upsert(struct dk_db *db, const struct dk_policy_in *in, struct dk_error *err);
/* policy update (src/core/policy_update.c): changes the values given (NULL
 * keeps one) of the team's existing policy in its own transaction; a team
 * without a policy is DK_EINPUT naming the teams that have one. *changed
 * names what changed; nothing is written when nothing differs. */
int dk_policy_update(struct dk_db *db, const struct dk_policy_in *in, struct dk_changes *changed,
                     struct dk_error *err);
/* Reads team's policy; *found says whether it has one (team may be NULL:
 * not found). */
int dk_policy_get(struct dk_db *db, const char *team, struct dk_policy *out, int *found,
                  struct dk_error *err);
/* Rows: team, appetite, grace_days, acceptance_days, default_due_days,
 * escalate_to, people (in the team), open_risks; by team. */
int dk_policy_list(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
