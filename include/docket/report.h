/* docket/report.h: the weekly risk report's content, section by section.
 *
 * Core computes every number and row; the caller decides how it looks
 * (Markdown, HTML, JSON). A week is the 7 days ending on the as-of date;
 * "last week" the 7 days before it. Headline figures for last week are
 * computed from dates (created_at, closed_on, due, acceptance) as they
 * stand now, not from a stored snapshot.
 *
 * Ownership: sink and its context are the caller's; section ids and titles
 * are static; cells are valid only during the row callback. */
#ifndef DOCKET_REPORT_H
#define DOCKET_REPORT_H

#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

struct dk_report_sink {
	/* Called before each section's rows. id is stable (headline,
	 * overdue_by_owner, due_soon, escalations, decisions_taken,
	 * decisions_review_due, closed, heatmap); title is for people. A
	 * non-zero return stops the report with that status. */
	int (*section)(void *ctx, const char *id, const char *title, struct dk_error *err);
	dk_row_fn row;
	void *ctx;
	/* Called after the rows of each listed section (every one but the
	 * headline and the heat map): shown rows were passed to row, total
	 * is how many the section has (counted, not listed). May be NULL. */
	int (*more)(void *ctx, const char *id, int64_t shown, int64_t total, struct dk_error *err);
};

/* Sections, in order:
 * - headline: measure, this_week, last_week, change (open, new, closed,
 *   overdue, escalations);
 * - overdue_by_owner: owner, team, overdue, most_days, top_score, risks
 *   (the worst first, at most 8 keys then "+N");
 * - due_soon: open or mitigating risks due from as_of to as_of + 7: key,
 *   title, owner, due, score, steps_pending;
 * - escalations: as dk_risk_escalations (rule names as docket check's);
 * - decisions_taken: decided on in the week: key, title, area, status,
 *   decided_on (decisions have no team; not filtered by team);
 * - decisions_review_due: accepted decisions whose review_by < as_of: key,
 *   title, area, review_by, days_past;
 * - closed: risks closed in the week: key, title, owner, closed_on, reason;
 * - heatmap: open and mitigating risks, five rows (likelihood 5 down to 1):
 *   likelihood, impact_1 .. impact_5 (counts).
 * team may be NULL (every team). A listed section shows its first limit
 * rows (limit 0: every row), then sink->more says how many there are; the
 * escalations shown are the first of dk_risk_escalations, in its order.
 * Last week's figures are counted, never listed. */
int dk_report_weekly(struct dk_db *db, const char *as_of, const char *team, int64_t limit,
                     const struct dk_report_sink *sink, struct dk_error *err);

#endif
