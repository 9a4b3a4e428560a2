/* docket/blueprint.h: MLOps blueprints drawn from a context by the rule
 * catalog, and stored with their lineage.
 *
 * Generation is split in two so that it can be tested without a database
 * and so that other modules can use the result:
 *   dk_bp_context_load  reads one context revision into a struct dk_bp_context;
 *   dk_blueprint_plan   applies a catalog to it and builds a struct dk_plan:
 *                       components, deferred components, stages with gates,
 *                       monitoring, rollout, first steps, the proposed
 *                       decisions and residual risks, and the Markdown and
 *                       JSON bodies. It is a pure function: the same context
 *                       and catalog give byte-identical bodies.
 *   dk_blueprint_insert stores a plan (blueprint, items, stages, gates)
 *                       inside the caller's transaction.
 *
 * The JSON body (blueprint show --format json) is one object: generator,
 * catalog_sha256, context (every field), components [{area, component,
 * choice, alternative, tradeoff}], deferred [{area, component, add_when}],
 * stages [{name, order, inputs, outputs, idempotent, retryable,
 * deps_pinned, seed_fixed, env_captured, data_versioned, gates [{metric,
 * op, threshold}]}], monitoring [{signal, threshold, alert, action}],
 * rollout {rollout [], rollback [], retraining []}, first_steps [],
 * proposed_decisions [{title, area, component, options [{name, chosen}],
 * rationale}] and proposed_risks [{title, category, likelihood, impact,
 * area, component, source, rationale}].
 *
 * Proposed decisions and residual risks are in the plan (decisions[],
 * risks[]) and its JSON body. dk_blueprint_generate registers them in the
 * transaction that stores the blueprint: one proposed decision per
 * plan->decisions[i] (dk_decision_insert; options: the choice, chosen, and
 * the alternative; rationale: the trade-off; linked to the blueprint and
 * context) and one open risk per plan->risks[i] (dk_risk_insert; owner: the
 * context's owner; due: today plus the owner's team policy's
 * default_due_days; linked to the blueprint and to the decision of the same
 * component when there is one).
 *
 * Ownership: a struct dk_bp_context is filled by dk_bp_context_load and
 * released by dk_bp_context_free (also after a failed load). A struct
 * dk_plan is allocated by dk_blueprint_plan and released by dk_plan_free
 * (NULL is safe); the strings it points to belong to it or to the catalog
 * it was planned from (names, gate metrics, stage inputs), so the catalog
 * must outlive the plan. Rows go to a callback and are not kept. */
#ifndef DOCKET_BLUEPRINT_H
#define DOCKET_BLUEPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "docket/catalog.h"
#include "docket/cond.h"
#include "docket/hash.h"
#include "docket/rows.h"

struct dk_buf;
struct dk_db;

/* SQL: the blueprint a new blueprint of context :context supersedes: the
 * latest of the same system that nothing supersedes yet (NULL for the
 * first). Shared by generate and import. */
#define DK_BLUEPRINT_PREVIOUS_SQL \
	"(SELECT max(b.id) FROM blueprint b JOIN context c ON c.id = b.context_id" \
	"  WHERE c.system = (SELECT system FROM context WHERE id = :context)" \
	"    AND NOT EXISTS (SELECT 1 FROM blueprint n WHERE n.supersedes_id = b.id))"

/* One context revision as the generator sees it. */
struct dk_bp_context {
	struct dk_facts facts;   /* the fields conditions refer to (gpu: stated or implied) */
	int64_t id;
	int64_t revision;
	int gpu_stated;          /* --gpu was given (else an llm implies one) */
	char *velocity;          /* NULL when not given */
	char **assumptions;
	size_t n_assumptions;
	char **out_of_scope;
	size_t n_out_of_scope;
};

int dk_bp_context_load(struct dk_db *db, int64_t context_id, struct dk_bp_context *out,
                       struct dk_error *err);
void dk_bp_context_free(struct dk_bp_context *c);

struct dk_bp_component {
	const char *area, *component, *choice, *alternative, *tradeoff;
	const char *file;   /* the rule that chose it: catalog file and line */
	int line;
	int weight;         /* 1 light .. 5 heavy */
	int tool;           /* the stack tool it reuses (vocabulary index), or -1 */
	const char *kind;   /* the kind it reuses that tool as, or NULL */
};

struct dk_bp_deferred {
	const char *area, *component, *add_when;
	const char *file;
	int line;
};

struct dk_bp_gate {
	const char *metric;
	const char *op;     /* <= < >= > == != */
	double threshold;   /* computed from the context, rounded to 10 digits */
};

struct dk_bp_stage {
	const char *name;         /* ingest ... monitor */
	const char *const *inputs;
	size_t n_inputs;
	const char *const *outputs;
	size_t n_outputs;
	int flags[DK_FLAG_COUNT]; /* DK_FLAG_IDEMPOTENT ... DK_FLAG_DATA_VERSIONED */
	struct dk_bp_gate *gates;
	size_t n_gates;
};

struct dk_bp_monitor {
	const char *signal, *threshold, *alert, *action;
};

struct dk_bp_text {
	const char *kind; /* rollout.csv's kind, or NULL for a first step */
	const char *text;
};

/* What wiring to the decision register needs: one per chosen component. */
struct dk_bp_decision {
	const char *title;      /* "<component>: <choice>" */
	const char *area;
	const char *component;
	const char *options[2]; /* the choice (chosen) and its alternative */
	const char *rationale;  /* the trade-off */
};

/* What wiring to the risk register needs: one per trade-off or deferral
 * that leaves exposure (catalog columns risk_*). The owner is the context's
 * owner; the due date comes from the owner's team policy. */
struct dk_bp_risk {
	const char *title;
	const char *category;   /* data, model, ops, security, compliance, cost */
	int likelihood, impact; /* 1..5 */
	const char *area;
	const char *component;
	const char *source;     /* "trade-off" or "deferral" */
	const char *rationale;  /* the trade-off or the add-when trigger */
};

struct dk_plan {
	const struct dk_vocab *vocab;    /* the catalog's, which tool indexes point into */
	int *word_tool;                  /* per stack word: the tool it names, or -1 */
	const char **word_why;           /* per stack word: why the site cannot use it, or NULL */
	size_t n_words;
	const char **unknown;            /* stack words the vocabulary does not know */
	size_t n_unknown;
	const char **unknown_near;       /* per unknown word: the tool it was likely meant to name, or NULL */
	size_t n_unknown_near;
	const char **regimes;            /* compliance regimes no catalog rule names */
	size_t n_regimes;
	const char **regimes_near;       /* per such regime: the one it was likely meant to be, or NULL */
	size_t n_regimes_near;
	const char *cloud_from;          /* the stack tool the cloud was read from, when not given */
	const char **notes;              /* what the context says that does not agree */
	size_t n_notes;
	struct dk_bp_component *components;
	size_t n_components;
	struct dk_bp_deferred *deferred;
	size_t n_deferred;
	struct dk_bp_stage *stages;
	size_t n_stages;
	struct dk_bp_monitor *monitoring;
	size_t n_monitoring;
	struct dk_bp_text *rollout;      /* kinds rollout, rollback, retraining, in catalog order */
	size_t n_rollout;
	struct dk_bp_text *first_steps;
	size_t n_first_steps;
	struct dk_bp_decision *decisions;
	size_t n_decisions;
	struct dk_bp_risk *risks;
	size_t n_risks;
	char *md;                        /* the Markdown body */
	char *json;                      /* the JSON body */
	char body_sha256[DK_SHA256_HEX]; /* SHA-256 of md followed by json */
	char catalog_sha256[DK_SHA256_HEX];
	void *pool;                      /* owned strings */
};

/* Applies cat to ctx. Fails with DK_EINPUT naming the catalog file and
 * line when a row that applies needs a field the context does not give. */
int dk_blueprint_plan(const struct dk_bp_context *ctx, const struct dk_catalog *cat,
                      struct dk_plan **out, struct dk_error *err);
void dk_plan_free(struct dk_plan *p);
/* Whether deferred.csv row r is listed in plan p (planned over f) and, if
 * not, why (for blueprint explain). */
enum { DK_DEFER_YES, DK_DEFER_CHOSEN, DK_DEFER_IN_STACK, DK_DEFER_NOT_HELD, DK_DEFER_LISTED };
int dk_blueprint_deferral(const struct dk_plan *p, const struct dk_cat_deferred *r,
                          const struct dk_facts *f);

/* Why a site cannot use stack tool t (a hosted service on an air-gapped
 * site, a public cloud's service on premises), or NULL: such a tool is in
 * the plan's summary but not in its facts. f are the context's facts. */
const char *dk_blueprint_unusable(const struct dk_tool *t, const struct dk_facts *f);

/* ctx's facts as the plan reads them: the stack resolved against the
 * catalog's vocabulary (what the site cannot use left out: see
 * dk_blueprint_unusable) and, when the context gives no cloud and no site,
 * the cloud its cloud-bound stack tools agree on. out shares ctx's texts
 * and lists and owns only its tool indexes: release it with
 * dk_blueprint_facts_free, before ctx. */
int dk_blueprint_facts(const struct dk_bp_context *ctx, const struct dk_catalog *cat,
                       struct dk_facts *out, struct dk_error *err);
void dk_blueprint_facts_free(struct dk_facts *f);
/* Renders p's Markdown and JSON bodies from ctx and its facts f and sets
 * p->md, p->json and p->body_sha256 (dk_blueprint_plan calls it). On failure
 * p is unchanged. */
int dk_blueprint_render(const struct dk_bp_context *ctx, const struct dk_facts *f,
                        struct dk_plan *p, struct dk_error *err);

/* Stores plan as a generated draft blueprint of context_id with its items,
 * stages and gates (gates defined on today), inside the caller's
 * transaction. */
int dk_blueprint_insert(struct dk_db *db, int64_t context_id, const struct dk_plan *plan,
                        const char *today, int64_t *id, struct dk_error *err);
/* Loads the context, plans with cat, inserts the blueprint (superseding the
 * latest blueprint of the same system that nothing supersedes yet) and
 * registers its proposed decisions and residual risks, in one transaction.
 * A plan that leaves risks while the owner has no team or the team no
 * policy is refused with DK_EINPUT naming 'docket policy set'. On failure
 * nothing is written. If plan_out is not NULL the plan is handed to the
 * caller (n_decisions and n_risks are what was registered). */
int dk_blueprint_generate(struct dk_db *db, int64_t context_id, const struct dk_catalog *cat,
                          const char *today, int64_t *id, struct dk_plan **plan_out,
                          struct dk_error *err);

/* Imports a plan written elsewhere (FILE.md or FILE.json) as a draft
 * blueprint of context_id, with the file's SHA-256 as its body hash. A
 * JSON plan has the generated body's shape (components, deferred, stages
 * with gates, rollout, ...); a Markdown plan is read section by section
 * as docket writes them (section 3's component tables and "- X: add when
 * Y" lines, section 4's stage table with `metric op threshold` gates,
 * section 5's rollout, rollback, retraining and monitoring, section 6's
 * steps) into that shape, which becomes its JSON body. The sections it has
 * become items, stages and gates (defined on today). A plan with none of
 * them, or a malformed one, is refused naming the element or line; nothing
 * is written. Like a generated one, it supersedes the latest blueprint of
 * its system (DK_BLUEPRINT_PREVIOUS_SQL). */
int dk_blueprint_import(struct dk_db *db, int64_t context_id, const char *path,
                        const char *today, int64_t *id, struct dk_error *err);
/* The Markdown reader alone: appends md's JSON shape to json. */
int dk_blueprint_md_to_json(const char *file, const char *md, struct dk_buf *json,
                            struct dk_error *err);

/* Why generated blueprint id looks the way it does. Its context revision is
 * planned again with cat, which must be the catalog it was drawn from (its
 * SHA-256 is checked: DK_EINPUT naming both otherwise, and for an imported
 * blueprint). Rows: area, component, rule (FILE:LINE), verdict, choice,
 * why. First the stack words (area "context": recognised or not
 * recognised, and the cloud read from the stack and notes); then, area by
 * area, each component's rules in order up to the one chosen ("did not
 * hold" with the parts that failed and the values they read, then "chosen"
 * with the parts that held), or "left out", followed by its deferred.csv
 * rows ("deferred", or "not deferred" and why). component, when not NULL,
 * keeps that component's rows only (DK_EINPUT when the catalog has none).
 * *same_body says whether the plan is byte for byte the stored body (a
 * newer docket may plan the same rules differently). */
int dk_blueprint_explain(struct dk_db *db, int64_t id, const struct dk_catalog *cat,
                         const char *component, int *same_body, dk_row_fn fn, void *ctx,
                         struct dk_error *err);

int dk_blueprint_exists(struct dk_db *db, int64_t id, struct dk_error *err);
/* Rows: key, context, system, revision, source, status, components,
 * deferred, stages, catalog (first 12 hex digits), created_at; oldest first. */
int dk_blueprint_list(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err);
/* One row: key, context, system, revision, source, status, generator_version,
 * catalog_sha256, body_sha256, supersedes, approved_at, approved_by,
 * created_at, created_by, uuid. */
int dk_blueprint_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);
/* Rows: ordinal, area, component, choice, alternative, tradeoff, deferred, add_when. */
int dk_blueprint_items(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                       struct dk_error *err);
/* The stored body, Markdown (json 0) or JSON (json 1); caller frees *out. */
int dk_blueprint_body(struct dk_db *db, int64_t id, int json, char **out, struct dk_error *err);
/* Components added, removed and changed from a to b, by area and component.
 * Rows: change (added, removed, changed), area, component, before, after. */
int dk_blueprint_diff(struct dk_db *db, int64_t a, int64_t b, dk_row_fn fn, void *ctx,
                      struct dk_error *err);

#endif
