/* docket/check.h: the quality gates of DESIGN.md that concern blueprints
 * and their stage contracts.
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
 *   WARN      context-scope        the blueprint's context does not state its
 *                                  scale, latency budget (online, streaming),
 *                                  constraints or assumptions
 *   WARN      context-revised      an approved blueprint whose context has a
 *                                  newer revision
 * Superseded blueprints are not checked. Other modules (decisions, risks)
 * add their own rules to 'docket check'.
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

/* Rows: severity, rule, record, blueprint, finding, fix; STOP first, then
 * ESCALATE, then WARN. blueprint_id 0 checks every blueprint. counts (may
 * be NULL) are added to. */
int dk_check_blueprints(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                        struct dk_check_counts *counts, struct dk_error *err);

#endif
