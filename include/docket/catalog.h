/* docket/catalog.h: the blueprint rule catalog (share/catalog).
 *
 * The catalog is a set of CSV files (RFC 4180, read with libcsv; a header
 * row names the columns in any order; lines starting with '#' are
 * comments; a cell is one line). The files and their columns:
 *
 *   stack.csv       name, title, aliases, kinds, cloud
 *       The stack vocabulary (docket/vocab.h): what each tool a team names
 *       is, so that rules can test kinds and reuse what the team runs.
 *   components.csv  area, component, condition, choice, alternative,
 *                   tradeoff, weight, reuses, risk_title, risk_category,
 *                   likelihood, impact
 *       Rows naming the same component are its rules, in order: the first
 *       whose condition holds is chosen. weight says how heavy the choice
 *       is to run (1 light .. 5 heavy); a component's first unconditional
 *       rule (condition true) is its fallback and must be its lightest
 *       choice, so that a failed guard never lands on something heavier.
 *       reuses names the kind of stack tool the rule puts to use (empty
 *       when it adds something new). The risk_* cells (all or none)
 *       describe the residual risk the trade-off leaves.
 *   deferred.csv    area, component, condition, kind, add_when, risk_title,
 *                   risk_category, likelihood, impact
 *       A component deliberately left out when its condition holds and no
 *       rule chose a component of that name, with the trigger to add it;
 *       never when the stack already has a tool of kind (if given).
 *   stages.csv      stage, condition, inputs, outputs, idempotent, retryable,
 *                   deps_pinned, seed_fixed, env_captured, data_versioned
 *       Rows for one stage are rules, first match wins; the stages appear
 *       in pipeline order (ingest ... monitor). Lists are ';'-separated;
 *       flags are yes or no.
 *   gates.csv       stage, condition, metric, op, threshold
 *       Promotion gates of a stage; threshold is a numeric expression
 *       (1.2 * latency_p95_ms).
 *   monitoring.csv  condition, signal, threshold, alert, action
 *   rollout.csv     kind (rollout, rollback or retraining), condition, text
 *   first_steps.csv condition, step
 *
 * Conditions are docket/cond.h expressions of type boolean, parsed with the
 * vocabulary. Text cells are templates: "{expr}" is replaced by the
 * expression's value over the context. Everything is parsed and checked
 * when the catalog is loaded; a problem is refused naming file, line and
 * column.
 *
 * A team's directory (--catalog DIR) is an overlay: it may hold any of the
 * files, and its rows come before the shipped ones (its tools shadow
 * shipped tools of the same name; rows equal to a shipped row in every
 * cell count once). A file whose first line is "# docket: replace" takes
 * the shipped file's place instead. A file byte-identical to the shipped
 * one adds nothing.
 *
 * The catalog's SHA-256 is computed over the shipped files in the order of
 * dk_catalog_files, each contributing its name, a NUL, its length in
 * decimal, a newline and its bytes, followed by each overlay file the same
 * way under the name "overlay/NAME" (and "replace/NAME" for a file that
 * replaces). Without an overlay it is the shipped catalog's hash.
 *
 * Ownership: dk_catalog_load_* hand the caller a catalog released with
 * dk_catalog_free (NULL is safe); on failure *out is NULL and nothing is
 * left allocated. Everything in the structs belongs to the catalog. */
#ifndef DOCKET_CATALOG_H
#define DOCKET_CATALOG_H

#include <stddef.h>

#include "docket/cond.h"
#include "docket/error.h"
#include "docket/hash.h"
#include "docket/rows.h"
#include "docket/vocab.h"

struct dk_buf;

/* One file's bytes (the embedded copy, or one read from a directory). */
struct dk_catalog_file {
	const char *name; /* "components.csv" */
	const char *data; /* NUL-terminated */
	size_t len;       /* bytes, without the NUL */
};
/* The catalog embedded at build time from share/catalog (src/embed_catalog.cmake). */
extern const struct dk_catalog_file dk_catalog_embedded[];
extern const int dk_catalog_embedded_count;
/* The files a catalog is made of, in hashing order, NULL-terminated. */
extern const char *const dk_catalog_files[];

/* A text with {expr} parts. */
struct dk_template {
	char *src;            /* the cell as written */
	size_t n;             /* parts */
	char **lit;           /* literal text before each expression (n + 1 of them) */
	struct dk_cond **expr; /* n expressions */
};
/* Parses s into t, its expressions with vocab (may be NULL). On failure
 * fills e (pos within s) and leaves t empty. */
int dk_template_parse(const char *s, const struct dk_vocab *vocab, struct dk_template *t,
                      struct dk_cond_error *e);
void dk_template_free(struct dk_template *t);
/* Appends t's text over f to out. Returns DK_OK, or DK_EINPUT when an
 * expression's value is null (a context field the row needs was not given). */
int dk_template_expand(const struct dk_template *t, const struct dk_facts *f,
                       struct dk_buf *out);

struct dk_cat_risk {
	char *title;      /* NULL when the row leaves no exposure */
	char *category;   /* data, model, ops, security, compliance or cost */
	int likelihood;   /* 1..5 */
	int impact;       /* 1..5 */
};

/* Every row knows where it came from: file is "components.csv" for a
 * shipped row, "DIR/components.csv" for an overlay's. */
struct dk_cat_component {
	const char *file;
	int line;
	char *area;
	char *component;
	struct dk_cond *cond;
	struct dk_template choice, alternative, tradeoff;
	int weight;        /* 1 light .. 5 heavy */
	char *reuses;      /* the kind of stack tool the rule uses, or NULL */
	struct dk_cat_risk risk;
};

struct dk_cat_deferred {
	const char *file;
	int line;
	char *area;
	char *component;
	struct dk_cond *cond;
	char *kind;        /* not deferred when the stack has a tool of this kind; or NULL */
	struct dk_template add_when;
	struct dk_cat_risk risk;
};

enum { DK_FLAG_IDEMPOTENT, DK_FLAG_RETRYABLE, DK_FLAG_DEPS_PINNED, DK_FLAG_SEED_FIXED,
       DK_FLAG_ENV_CAPTURED, DK_FLAG_DATA_VERSIONED, DK_FLAG_COUNT };
/* The flags as stage columns ("deps_pinned") and as words ("dependencies pinned"). */
extern const char *const dk_flag_names[DK_FLAG_COUNT];
extern const char *const dk_flag_words[DK_FLAG_COUNT];

struct dk_cat_stage {
	const char *file;
	int line;
	int order;          /* index in dk_stage_names */
	struct dk_cond *cond;
	char **inputs;
	size_t n_inputs;
	char **outputs;
	size_t n_outputs;
	int flags[DK_FLAG_COUNT];
};

struct dk_cat_gate {
	const char *file;
	int line;
	int order;          /* the stage's index in dk_stage_names */
	struct dk_cond *cond;
	char *metric;
	char *op;
	struct dk_cond *threshold; /* numeric */
};

struct dk_cat_monitor {
	const char *file;
	int line;
	struct dk_cond *cond;
	struct dk_template signal, threshold, alert, action;
};

struct dk_cat_text {
	const char *file;
	int line;
	char *kind;         /* rollout.csv: rollout, rollback or retraining; else NULL */
	struct dk_cond *cond;
	struct dk_template text;
};

struct dk_catalog {
	char sha256[DK_SHA256_HEX];
	char origin[256];   /* "embedded", or the overlay's directory */
	struct dk_vocab vocab;
	char *names[16];    /* the file names rows point to: DIR/NAME and NAME of each file */
	char **regimes;     /* the compliance regimes rules name (folded, docket/vocab.h) */
	size_t n_regimes;
	struct dk_cat_component *components;
	size_t n_components;
	struct dk_cat_deferred *deferred;
	size_t n_deferred;
	struct dk_cat_stage *stages;
	size_t n_stages;
	struct dk_cat_gate *gates;
	size_t n_gates;
	struct dk_cat_monitor *monitoring;
	size_t n_monitoring;
	struct dk_cat_text *rollout;
	size_t n_rollout;
	struct dk_cat_text *first_steps;
	size_t n_first_steps;
};

extern const char *const dk_areas[];        /* the six areas, in blueprint order */
extern const char *const dk_area_titles[];  /* "data and feature pipelines", ... */
extern const char *const dk_stage_names[];  /* ingest ... monitor, NULL-terminated */
extern const char *const dk_risk_categories[]; /* defined by the risk module (risk.h) */
extern const char *const dk_gate_ops[];     /* <= < >= > == != */

/* Loads the given files (each name in dk_catalog_files must be there;
 * others are ignored), with overlay files (any of them, n_overlay may be 0)
 * in front. where prefixes the overlay's file names in messages. */
int dk_catalog_load_files(const struct dk_catalog_file *files, size_t n,
                          const struct dk_catalog_file *overlay, size_t n_overlay,
                          const char *where, struct dk_catalog **out, struct dk_error *err);
int dk_catalog_load_embedded(struct dk_catalog **out, struct dk_error *err);
/* The embedded catalog with dir's files as an overlay. dir must hold at
 * least one catalog file, and no other *.csv file; each must be a regular
 * file of at most 1 MB. */
int dk_catalog_load_dir(const char *dir, struct dk_catalog **out, struct dk_error *err);
void dk_catalog_free(struct dk_catalog *c);

/* The lint: what loading cannot see. Rows (rule FILE:LINE, check, finding)
 * for every rule or deferral no context reaches ("unreachable"), every rule
 * that reuses a kind of stack tool yet can be chosen without one
 * ("reuses-nothing"), and every template or threshold that a context the
 * row applies to leaves without a value ("needs-a-field"); the weights and
 * every field and kind were checked when the catalog was loaded. *findings
 * counts the rows; *undecided the questions whose search ran out of steps
 * (they claim nothing). */
int dk_catalog_lint(const struct dk_catalog *cat, dk_row_fn fn, void *ctx, size_t *findings,
                    size_t *undecided, struct dk_error *err);

#endif
