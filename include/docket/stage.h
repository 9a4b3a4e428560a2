/* docket/stage.h: a blueprint's pipeline stage contract and its promotion
 * gates.
 *
 * Stages are created with their blueprint (docket/blueprint.h); here they
 * are listed and their reproducibility flags set, and gates are added,
 * listed and removed. The contract of an approved blueprint is frozen:
 * changing it is refused (generate a new blueprint instead).
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback. */
#ifndef DOCKET_STAGE_H
#define DOCKET_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "docket/catalog.h"
#include "docket/changes.h"
#include "docket/rows.h"

struct dk_db;

/* Each flag is "yes", "no" or NULL (keep). Indexed by DK_FLAG_*. */
struct dk_stage_flags {
	const char *v[DK_FLAG_COUNT];
};
/* The option names of the flags, indexed by DK_FLAG_* ("idempotent", ...,
 * "deps-pinned", "seed-fixed", "env-captured", "data-versioned"). */
extern const char *const dk_stage_flag_opts[DK_FLAG_COUNT];

int dk_stage_exists(struct dk_db *db, int64_t id, struct dk_error *err);
/* Rows: key, ordinal, name, inputs (JSON), outputs (JSON), deps_pinned,
 * seed_fixed, env_captured, data_versioned, idempotent, retryable,
 * reproducible (the first four together), gates (how many); in order. */
int dk_stage_list(struct dk_db *db, int64_t blueprint_id, dk_row_fn fn, void *ctx,
                  struct dk_error *err);
/* Sets the given flags; at least one must be given. */
int dk_stage_set(struct dk_db *db, int64_t stage_id, const struct dk_stage_flags *f,
                 struct dk_error *err);

/* stage update (src/core/stage_update.c): NULL flags and a count of 0 keep
 * a value; inputs and outputs given replace the lists. */
struct dk_stage_update {
	struct dk_stage_flags flags;
	const char *const *inputs;  /* one line each, at most 200 */
	size_t n_inputs;
	const char *const *outputs;
	size_t n_outputs;
};
/* Changes the given values in its own transaction, refused when the stage's
 * blueprint is approved; *changed names what changed (nothing is written
 * when nothing differs). */
int dk_stage_update(struct dk_db *db, int64_t stage_id, const struct dk_stage_update *in,
                    struct dk_changes *changed, struct dk_error *err);

/* A gate's threshold is a decimal number from -DK_GATE_THRESHOLD_MAX to
 * DK_GATE_THRESHOLD_MAX, however the gate arrives (gate add, an import). */
#define DK_GATE_THRESHOLD_MAX 1e15

/* Adds a gate metric op threshold (text, checked here) to a stage, defined
 * on today, in its own transaction. */
int dk_gate_add(struct dk_db *db, int64_t stage_id, const char *metric, const char *op,
                const char *threshold, const char *today, int64_t *id, struct dk_error *err);
/* The same inside the caller's transaction (for imports). */
int dk_gate_insert(struct dk_db *db, int64_t stage_id, const char *metric, const char *op,
                   const char *threshold, const char *today, int64_t *id, struct dk_error *err);
/* Rows: key, blueprint, stage, stage_name, metric, op, threshold, defined_on;
 * by blueprint, stage order and gate. stage_id or blueprint_id may be 0 (all). */
int dk_gate_list(struct dk_db *db, int64_t stage_id, int64_t blueprint_id, dk_row_fn fn,
                 void *ctx, struct dk_error *err);
int dk_gate_remove(struct dk_db *db, int64_t gate_id, struct dk_error *err);
/* gate update: changes the metric, op or threshold given (NULL keeps one),
 * in its own transaction; a changed gate is defined on today. Refused when
 * the blueprint is approved. */
int dk_gate_update(struct dk_db *db, int64_t gate_id, const char *metric, const char *op,
                   const char *threshold, const char *today, struct dk_changes *changed,
                   struct dk_error *err);

#endif
