/* docket/risk.h: the residual-risk register: risks with an owner, a due
 * date and a score, their verification steps and recorded results, their
 * acceptance, and the overdue and escalation rules that watch them.
 *
 * Rules kept here (not in the CLI) so imports and blueprint generation get
 * them too:
 * - score = likelihood x impact (a generated column);
 * - a step's pass or fail follows from its criterion and the value, never
 *   from the caller (the database re-checks it with a trigger); a step's
 *   state is its latest result, or pending;
 * - a risk closes only when it has steps and every one has passed;
 * - an acceptance is asked by a known acting person (see person.h) and names
 *   an approver who is a known person other than the acting person and the
 *   risk's owner (compared as people: handles folded, login names resolved);
 *   it keeps docket_sha256(docket_canon_array(title, description,
 *   likelihood, impact)) as approved (docket/canon.h: the same bytes
 *   json_array gave, so acceptances made before stay valid), and is stale
 *   when that no longer matches;
 * - a due date is a whole day: due on D, overdue from D + 1; an acceptance
 *   until D is valid through D.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback and
 * are not kept. Functions that write run in their own transaction unless
 * their name ends in _insert, which run inside the caller's. On any failure
 * nothing is written (a caller's transaction is left for it to roll back).
 * Dates are YYYY-MM-DD; "today" and "as of" dates are given by the caller. */
#ifndef DOCKET_RISK_H
#define DOCKET_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "docket/date.h"
#include "docket/rows.h"

struct dk_db;

/* SQL: what an acceptance's hash covers, and the test that a risk (alias r,
 * given with its dot: "r.") no longer matches the hash it was approved with.
 * Shared with the report so both judge staleness the same way. */
#define DK_RISK_CANON_SQL(r) "docket_canon_array(" r "title, " r "description, " r "likelihood, " r "impact)"
#define DK_RISK_STALE_SQL(r) \
	"(" r "accepted_hash IS DISTINCT FROM docket_sha256(" DK_RISK_CANON_SQL(r) "))"

extern const char *const dk_risk_categories[]; /* data, model, ops, security, ... */
extern const char *const dk_risk_treatments[]; /* mitigate, accept, transfer, avoid */
extern const char *const dk_risk_statuses[];   /* open, mitigating, accepted, closed */
extern const char *const dk_step_ops[];        /* <=, <, >=, >, ==, != */

/* Values arrive as text (options or CSV cells) and are validated here. A
 * NULL means "not given": for add, the default; for update, unchanged. */
struct dk_risk_in {
	const char *title;       /* 1..200 characters, one line */
	const char *description; /* at most 100000 characters */
	const char *category;    /* data | model | ops | security | compliance | cost */
	const char *treatment;   /* mitigate | accept | transfer | avoid */
	const char *owner;       /* a person's handle */
	const char *due;         /* a date form (YYYY-MM-DD, +3d, ...); add: defaults to
	                            today + the owner's team policy's default due days */
	const char *likelihood;  /* 1..5 */
	const char *impact;      /* 1..5 */
	const char *decision;    /* add only: D-n or n, must exist */
	const char *blueprint;   /* add only: BP-n or n, must exist */
	const char *status;      /* update only: open | mitigating */
	const char *uuid;        /* add only: kept as the record's UUID (imports); NULL: a new one */
};

/* 1..25, or 0 when either factor is out of range. */
int dk_risk_score(int likelihood, int impact);
/* Whole days from due to as_of: positive when overdue (due 2026-12-01 is
 * 1 day overdue on 2026-12-02), 0 on the due date, negative before. */
long dk_risk_days_late(const char *due, const char *as_of);
/* 1 when an acceptance until `until` has expired on as_of (until < as_of). */
int dk_acceptance_expired(const char *until, const char *as_of);

/* Checks every given value that needs no lookup; for add, also that title,
 * owner, likelihood and impact are there. */
int dk_risk_check(const struct dk_risk_in *in, int is_add, const char *today,
                  struct dk_error *err);
/* Inserts a new open risk in its own transaction; *id is its id. */
int dk_risk_add(struct dk_db *db, const struct dk_risk_in *in, const char *today, int64_t *id,
                struct dk_error *err);
/* The owner's team ("" when none) and the due date that team's policy
 * gives a new risk of theirs on today ("" when the owner has no team or the
 * team no policy): what dk_risk_insert uses when no due date is given. */
int dk_risk_policy_due(struct dk_db *db, const char *owner, const char *today, char *team,
                       size_t team_len, char due[DK_DATE_LEN], struct dk_error *err);
/* The same inside the caller's transaction (imports, blueprint generation). */
int dk_risk_insert(struct dk_db *db, const struct dk_risk_in *in, const char *today,
                   int64_t *id, struct dk_error *err);
/* Changes the given fields. A closed risk is refused. --status open or
 * mitigating on an accepted risk withdraws the acceptance. */
int dk_risk_update(struct dk_db *db, int64_t id, const struct dk_risk_in *in, const char *today,
                   struct dk_error *err);
/* DK_EINPUT naming the key when id is not a risk. */
int dk_risk_exists(struct dk_db *db, int64_t id, struct dk_error *err);

struct dk_risk_filter {
	const char *status;     /* one status (or "withdrawn"), or NULL for all but closed and
	                           withdrawn ("all": every one) */
	const char *owner;      /* handle */
	const char *team;
	const char *category;
	const char *min_score;  /* 1..25 */
	const char *due_before; /* YYYY-MM-DD: due_on < it */
	const char *due_after;  /* YYYY-MM-DD: due_on > it */
	int64_t decision;       /* 0: any */
	int64_t blueprint;      /* 0: any */
	const char *sort;       /* due (default) | score | owner */
	const char *search;     /* words (or their beginnings), all of which must appear in
	                           the title, description or reasons (docket/search.h); or NULL */
};
/* Rows: key, title, status, owner, team, likelihood, impact, score, due,
 * category, treatment, steps, passed. */
int dk_risk_list(struct dk_db *db, const struct dk_risk_filter *f, dk_row_fn fn, void *ctx,
                 struct dk_error *err);
/* One row with every field, as of the date given (for days_overdue and the
 * acceptance state): key, title, description, category, likelihood, impact,
 * score, status, treatment, owner, team, due, days_overdue, due_moved, decision,
 * blueprint, closed_on, closed_reason, created_at, created_by, uuid. */
int dk_risk_get(struct dk_db *db, int64_t id, const char *as_of, dk_row_fn fn, void *ctx,
                struct dk_error *err);
/* The acceptance, if the risk has one (no row otherwise): state (valid,
 * expired, stale), asked_by, approved_by, accepted_on, accepted_until,
 * reason, hash, current_hash. */
int dk_risk_acceptance(struct dk_db *db, int64_t id, const char *as_of, dk_row_fn fn, void *ctx,
                       struct dk_error *err);
/* The history of a risk is dk_history_risk (docket/history.h). */

/* Verification steps. */
struct dk_step_in {
	const char *check;     /* what is checked, 1..1000 characters */
	const char *metric;    /* [A-Za-z0-9_.], 1..64 */
	const char *op;        /* <= < >= > == != */
	const char *threshold; /* a finite number */
	const char *method;    /* how it is measured, optional */
};
/* 1 when value meets "metric op threshold", else 0 (an unknown op is 0). */
int dk_step_passes(const char *op, double threshold, double value);
int dk_step_check(const struct dk_step_in *in, struct dk_error *err);
/* Adds a step to an open, mitigating or accepted risk; *id is its id. */
int dk_step_add(struct dk_db *db, int64_t risk, const struct dk_step_in *in, int64_t *id,
                struct dk_error *err);
int dk_step_insert(struct dk_db *db, int64_t risk, const struct dk_step_in *in, int64_t *id,
                   struct dk_error *err);
/* Records an observed value (text, a finite number) on today, with an
 * optional evidence key (EV-n or n, must exist). *passed is the computed
 * result. Every record is kept. */
int dk_step_record(struct dk_db *db, int64_t step, const char *value, const char *evidence,
                   const char *today, int *passed, struct dk_error *err);
/* DK_EINPUT naming the key when id is not a verification step. */
int dk_step_exists(struct dk_db *db, int64_t id, struct dk_error *err);
/* Steps of a risk (or the one step when step != 0): key, risk, check,
 * criterion, method, result (pending, pass, fail), value, recorded_on,
 * evidence, records. */
int dk_step_list(struct dk_db *db, int64_t risk, int64_t step, dk_row_fn fn, void *ctx,
                 struct dk_error *err);
/* Every result of a step, oldest first: recorded_on, value, result,
 * evidence, created_at, created_by. */
int dk_step_results(struct dk_db *db, int64_t step, dk_row_fn fn, void *ctx,
                    struct dk_error *err);

/* Closes the risk on today with reason. Refused (DK_EINPUT, the message
 * lists the steps in the way) when it has no step or any step's latest
 * result is not pass. */
int dk_risk_close(struct dk_db *db, int64_t id, const char *reason, const char *today,
                  struct dk_error *err);

struct dk_accept_in {
	const char *approver; /* a known person (handle or login name) other than
	                         the acting person and the risk's owner */
	const char *expires;  /* a date form, on or after today; NULL: today + the
	                         owner's team policy's acceptance days */
	const char *reason;   /* optional, at most 10000 characters */
};
/* Accepts (or re-accepts) an open, mitigating or accepted risk. */
int dk_risk_accept(struct dk_db *db, int64_t id, const struct dk_accept_in *in,
                   const char *today, struct dk_error *err);

/* Open and mitigating risks due before as_of, and accepted risks whose
 * acceptance expired or went stale; by days late (most first), then
 * score. owner is a handle, team a team; both may be NULL. Rows: key,
 * title, owner, team, due, days_overdue, score, status, why, steps_pending. */
int dk_risk_overdue(struct dk_db *db, const char *as_of, const char *owner, const char *team,
                    dk_row_fn fn, void *ctx, struct dk_error *err);
/* The overdue query's SQL, for the query-plan test and the benchmark
 * (binds :as_of, :owner (a person id or NULL), :team). */
const char *dk_risk_overdue_sql(void);

/* The escalation rules, in the order they are listed, NULL-terminated:
 * risk-appetite (accepted above the team's appetite), risk-overdue (open
 * or mitigating, overdue past the team's grace days), acceptance-expired,
 * acceptance-stale, risk-verification (open or mitigating without a
 * verification step), risk-policy (one per team without a policy, or per
 * owner without a team, with open risks). docket check uses the same
 * names for the same rules. */
extern const char *const dk_escalation_rules[];
/* One row per finding: key (a risk, or "team T" / "owner H" for
 * risk-policy), title, rule, inputs (the values that fired it), owner,
 * team, escalate_to; rule by rule in the order above. */
int dk_risk_escalations(struct dk_db *db, const char *as_of, const char *team, dk_row_fn fn,
                        void *ctx, struct dk_error *err);
#define DK_ESCALATION_RULES 6
struct dk_escalation_counts {
	int64_t rule[DK_ESCALATION_RULES]; /* findings per rule, in dk_escalation_rules' order */
	int64_t total;
};
/* The first limit rows of dk_risk_escalations (limit <= 0: every row);
 * counts gets the number of findings in all, counted, not listed. */
int dk_risk_escalations_top(struct dk_db *db, const char *as_of, const char *team, int64_t limit,
                            dk_row_fn fn, void *ctx, struct dk_escalation_counts *counts,
                            struct dk_error *err);
/* *n: the number of findings on as_of among the risks created before the
 * date `before` (NULL: every risk), counted with the listing's own
 * predicates; for reports that look back at an earlier week. now (may be
 * NULL) is dk_risk_escalations_top's counts for the same team on any day:
 * the rules that do not depend on the day are then not counted again. */
int dk_risk_escalations_count(struct dk_db *db, const char *as_of, const char *before,
                              const char *team, const struct dk_escalation_counts *now, int64_t *n,
                              struct dk_error *err);

#endif
