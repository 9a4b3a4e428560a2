/* docket/check.h: the quality gates of DESIGN.md ('docket check').
 *
 * Rules (severity, rule name):
 *   STOP      reproducible-stage   a stage without pinned dependencies, a
 *                                  fixed seed, a captured environment and
 *                                  versioned data
 *   STOP      promotion-gates      a promote stage without gates, or a plan
 *                                  that deploys without a promote stage
 *   ESCALATE  rollout-criteria     a deploy stage (the plan reaches
 *                                  production) without a gate
 *   ESCALATE  rollback-criteria    a plan that deploys without a rollback path
 *   ESCALATE  decision-evidence    an accepted decision without supporting
 *                                  evidence (an imported ADR, say)
 *   ESCALATE  risk-verification    an open or mitigating risk without a
 *                                  verification step (owner and due date are
 *                                  required by the schema itself)
 *   ESCALATE  risk-policy          a risk whose owner has no team, or whose
 *                                  team has no policy
 *   ESCALATE  risk-appetite        an accepted risk scoring above its team's
 *                                  appetite
 *   ESCALATE  risk-overdue         an open or mitigating risk overdue past its
 *                                  team's grace days (any day late without a
 *                                  policy)
 *   ESCALATE  acceptance-expired   an acceptance past its end date
 *   ESCALATE  acceptance-stale     an accepted risk changed since approval
 *   WARN      risk-overdue         overdue, still within the grace days
 *   WARN      context-scope        the blueprint's context does not state its
 *                                  scale, latency budget (online, streaming),
 *                                  constraints or assumptions
 *   WARN      context-revised      an approved blueprint whose context has a
 *                                  newer revision
 *   WARN      decision-review      an accepted decision past its review-by date
 * Superseded blueprints are not checked; their decisions and risks are.
 * With a blueprint, only its decisions and the risks it (or one of its
 * decisions) left are judged.
 *
 * Ownership: rows go to a callback; counts are the caller's. */
#ifndef DOCKET_CHECK_H
#define DOCKET_CHECK_H

#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

struct dk_check_counts {
	int64_t stop, escalate, warn;
};

/* Every rule, judged on as_of (YYYY-MM-DD). Rows: severity, rule, record,
 * blueprint (NULL for a record of none), finding, fix; STOP first, then
 * ESCALATE, then WARN. blueprint_id 0 checks everything. counts (may be
 * NULL) are added to. Writes nothing. */
int dk_check(struct dk_db *db, int64_t blueprint_id, const char *as_of, dk_row_fn fn, void *ctx,
             struct dk_check_counts *counts, struct dk_error *err);
/* The blueprint and stage contract rules alone (what approval looks at). */
int dk_check_blueprints(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                        struct dk_check_counts *counts, struct dk_error *err);

/* Approves a draft or in-review blueprint (approved_by: the actor, who must
 * resolve to a known person, else DK_EINPUT); older
 * approved blueprints of the same system become superseded. While
 * 'docket check' finds a STOP in it, it is refused with DK_EFAIL and
 * nothing is written. It lives here, beside the rules it applies, so that
 * check calls blueprint and never the reverse. */
int dk_blueprint_approve(struct dk_db *db, int64_t id, struct dk_error *err);

#endif
