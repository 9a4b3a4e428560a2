/* docket/catalog.h: the blueprint rule catalog (share/catalog).
 *
 * The catalog is a set of CSV files (RFC 4180, read with libcsv; a header
 * row names the columns in any order; lines starting with '#' are
 * comments; a cell is one line). The files and their columns:
 *
 *   components.csv  area, component, condition, choice, alternative,
 *                   tradeoff, risk_title, risk_category, likelihood, impact
 *       Rows naming the same component are its rules, in order: the first
 *       whose condition holds is chosen. The risk_* cells (all or none)
 *       describe the residual risk the trade-off leaves.
 *   deferred.csv    area, component, condition, add_when, risk_title,
 *                   risk_category, likelihood, impact
 *       A component deliberately left out when its condition holds and no
 *       rule chose a component of that name, with the trigger to add it.
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
 * Conditions are docket/cond.h expressions of type boolean. Text cells are
 * templates: "{expr}" is replaced by the expression's value over the
 * context. Everything is parsed and checked when the catalog is loaded; a
 * problem is refused naming file, line and column.
 *
 * The catalog's SHA-256 is computed over the seven files in the order
 * above, each contributing its name, a NUL, its length in decimal, a
 * newline and its bytes.
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
	size_t n;             /* parts */
	char **lit;           /* literal text before each expression (n + 1 of them) */
	struct dk_cond **expr; /* n expressions */
};
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

struct dk_cat_component {
	int line;
	char *area;
	char *component;
	struct dk_cond *cond;
	struct dk_template choice, alternative, tradeoff;
	struct dk_cat_risk risk;
};

struct dk_cat_deferred {
	int line;
	char *area;
	char *component;
	struct dk_cond *cond;
	struct dk_template add_when;
	struct dk_cat_risk risk;
};

enum { DK_FLAG_IDEMPOTENT, DK_FLAG_RETRYABLE, DK_FLAG_DEPS_PINNED, DK_FLAG_SEED_FIXED,
       DK_FLAG_ENV_CAPTURED, DK_FLAG_DATA_VERSIONED, DK_FLAG_COUNT };
/* The flags as stage columns ("deps_pinned") and as words ("dependencies pinned"). */
extern const char *const dk_flag_names[DK_FLAG_COUNT];
extern const char *const dk_flag_words[DK_FLAG_COUNT];

struct dk_cat_stage {
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
	int line;
	int order;          /* the stage's index in dk_stage_names */
	struct dk_cond *cond;
	char *metric;
	char *op;
	struct dk_cond *threshold; /* numeric */
};

struct dk_cat_monitor {
	int line;
	struct dk_cond *cond;
	struct dk_template signal, threshold, alert, action;
};

struct dk_cat_text {
	int line;
	char *kind;         /* rollout.csv: rollout, rollback or retraining; else NULL */
	struct dk_cond *cond;
	struct dk_template text;
};

struct dk_catalog {
	char sha256[DK_SHA256_HEX];
	char origin[256];   /* "embedded" or the directory */
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
 * others are ignored). where prefixes file names in messages. */
int dk_catalog_load_files(const struct dk_catalog_file *files, size_t n, const char *where,
                          struct dk_catalog **out, struct dk_error *err);
int dk_catalog_load_embedded(struct dk_catalog **out, struct dk_error *err);
/* Reads dk_catalog_files from dir. A missing file is DK_EINPUT. */
int dk_catalog_load_dir(const char *dir, struct dk_catalog **out, struct dk_error *err);
void dk_catalog_free(struct dk_catalog *c);

#endif
