/* docket/candidates.h: cheap read-only lookups for the shell completions and
 * for `docket whoami`: record keys, person handles, teams and tags that
 * start with what has been typed, and the person an actor names.
 *
 * Every lookup runs indexed range queries with a LIMIT, so that it costs
 * the same on ten records and on a million: a completion runs on every
 * Tab. They read only, and need nothing newer than the first schema but
 * the person's login (dk_candidates_person).
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback, as
 * everywhere (docket/rows.h). */
#ifndef DOCKET_CANDIDATES_H
#define DOCKET_CANDIDATES_H

#include "docket/rows.h"

struct dk_db;

/* Rows (key, label) of records whose key starts with prefix, at most
 * limit. kind is a record kind ("risk", "decision", "context", "blueprint",
 * "evidence", "review", "stage", "gate", "step") or "key" for every kind.
 * prefix is what was typed: "R-12", "r-12", "12", "R-", "R" or "" (a
 * prefix with no number gives the newest records; one with a number gives
 * the shortest keys first: R-1, R-10..R-19, R-100..). The label is the
 * title, or what names the record (a context's system and revision). An
 * unknown kind is DK_EINPUT; a prefix that can start no key of the kind
 * gives no rows. */
int dk_candidates_keys(struct dk_db *db, const char *kind, const char *prefix, int limit,
                   dk_row_fn fn, void *ctx, struct dk_error *err);
/* Rows (handle, label: name and team) of people whose handle starts with
 * prefix (any case), by handle, at most limit. */
int dk_candidates_handles(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                      struct dk_error *err);
/* Rows (team, label: how many people, and whether it has a policy) of the
 * teams people belong to or policies name, starting with prefix, by name. */
int dk_candidates_teams(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                    struct dk_error *err);
/* Rows (tag, label: how many decisions) of decision tags starting with
 * prefix, by name. */
int dk_candidates_tags(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                   struct dk_error *err);
/* The person who (a handle or a login name, trimmed, any case) names, as
 * dk_person_resolve finds them: one row (handle, name, email, team, login,
 * matched_by: "handle" or "login"), or no row when who names nobody. */
int dk_candidates_person(struct dk_db *db, const char *who, dk_row_fn fn, void *ctx,
                     struct dk_error *err);

#endif
