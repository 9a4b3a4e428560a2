/* docket/context.h: what an ML system must meet, kept as revisions.
 *
 * A revision is never changed: revising inserts a new row that supersedes
 * the latest one, so blueprints and decisions keep pointing at what they
 * were drawn from. Values arrive as text (from options or CSV cells) and
 * are validated here, so every caller applies the same rules.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback. */
#ifndef DOCKET_CONTEXT_H
#define DOCKET_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

/* A NULL text or a negative flag means "not given": for add, the default;
 * for revise, keep the previous revision's value. Lists are comma-separated
 * text; "" gives an empty list. */
struct dk_context_in {
	const char *system;           /* add only: [A-Za-z0-9._-], at most 64 */
	const char *owner;            /* a person's handle */
	const char *problem;          /* batch | online | streaming */
	const char *model_kind;       /* classical | deep | llm (default classical) */
	const char *deploy_target;    /* server | edge (default server) */
	const char *latency_p95_ms;   /* 1..3600000 */
	const char *throughput_rps;   /* 0..1e7 */
	const char *availability_pct; /* 50..99.9999, e.g. 99.9 */
	const char *data_gb;          /* 0..1e9 */
	const char *velocity;         /* a data rate, at most 200 ("20 GB/day"), also kept as GB a day */
	const char *label_delay_days; /* 0..3650 */
	const char *team_size;        /* 1..100000 */
	const char *pipelines;        /* 1..100000 */
	const char *stack;            /* list of tools already in use */
	const char *cloud;            /* aws | gcp | azure | other | none */
	int on_prem;                  /* -1, 0 or 1 */
	int air_gapped;               /* -1, 0 or 1; 1 implies on premises */
	const char *gpu;              /* yes | no; not given: an llm needs one, others do not */
	int retrieval;                /* -1, 0 or 1: an llm answers from retrieved documents */
	const char *compliance;       /* list of regimes, [a-z0-9._-] each */
	const char *budget_usd_month; /* 0..1e9 */
	int shared_features;          /* -1, 0 or 1 */
	const char *retrain;          /* list of triggers: none | manual | hourly | daily | ... | on-drift */
	const char *const *assumptions;  /* repeated --assumption */
	size_t n_assumptions;
	int has_assumptions;             /* the option was given (maybe to clear) */
	const char *const *out_of_scope; /* repeated --out-of-scope */
	size_t n_out_of_scope;
	int has_out_of_scope;
	const char *uuid; /* kept when moving between databases; NULL draws a new one */
	int exact;        /* revise: a value not given is empty, not kept (imports) */
};

extern const char *const dk_context_problems[];
extern const char *const dk_context_clouds[];
extern const char *const dk_context_retrains[];
extern const char *const dk_context_model_kinds[];
extern const char *const dk_context_deploy_targets[];

/* SQL: context row x's retraining triggers as a JSON list (rows written
 * before migration 0006 kept one cadence in retrain), in the dialect D of
 * src/core/dialect.h (DK_SQLITE or DK_PG), for a statement written as a
 * macro of the dialect. */
#define DK_CONTEXT_RETRAIN_SQL_D(D, x) \
	"coalesce(" x ".retraining, CASE WHEN " x ".retrain IS NULL THEN '[]' ELSE " \
	D##_JSON_ARRAY1(x ".retrain") " END)"

/* Reads a data rate ("20 GB/day", "500 MB/hour", "2 TB/week") as GB a day.
 * Units B, KB, MB, GB, TB, PB (powers of 1000) and KiB ... PiB; periods
 * second, minute, hour, day, week, month (30 days), year (365 days), each
 * also as s/sec, min, h/hr, d, wk, mo, yr and plurals; "per" may stand for
 * "/". DK_EINPUT naming opt when s is not one. */
int dk_velocity_gb_day(const char *opt, const char *s, double *gb_day, struct dk_error *err);

/* Checks every given value; for add also that system, owner and problem
 * are there, and that on premises (or air-gapped) and a public cloud are
 * not both given. Does not look anything up: a revision's values are
 * checked against the revision it supersedes when it is inserted. */
int dk_context_check(const struct dk_context_in *in, int is_add, struct dk_error *err);
/* Inserts revision 1 of a new system in its own transaction. A system that
 * already exists is refused (revise it instead). */
int dk_context_add(struct dk_db *db, const struct dk_context_in *in, int64_t *id,
                   struct dk_error *err);
/* The same inside the caller's transaction (for imports). */
int dk_context_insert(struct dk_db *db, const struct dk_context_in *in, int64_t *id,
                      struct dk_error *err);
/* Inserts a new revision superseding id, which must be its system's latest. */
int dk_context_revise(struct dk_db *db, int64_t id, const struct dk_context_in *in,
                      int64_t *new_id, struct dk_error *err);
/* The same inside the caller's transaction (for imports). */
int dk_context_revise_in_tx(struct dk_db *db, int64_t id, const struct dk_context_in *in,
                            int64_t *new_id, struct dk_error *err);
/* DK_EINPUT naming the key when id is not a context. */
int dk_context_exists(struct dk_db *db, int64_t id, struct dk_error *err);

/* One row with every field. */
int dk_context_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);
/* Every revision of id's system, oldest first: key, revision, supersedes,
 * created_at, created_by, current. */
int dk_context_revisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                         struct dk_error *err);
/* Latest revisions (or every revision when all is set), by system; with
 * search (or NULL), only those whose system, velocity, stack, compliance,
 * assumptions or out-of-scope items hold every word (docket/search.h). */
int dk_context_list(struct dk_db *db, int all, const char *search, dk_row_fn fn, void *ctx,
                    struct dk_error *err);

#endif
