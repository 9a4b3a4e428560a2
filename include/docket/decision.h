/* docket/decision.h: what was decided, what else was considered, why, and on
 * what evidence.
 *
 * A decision's status follows one state machine, enforced here (with a
 * message that names the rule) and again by triggers in the schema:
 *   proposed -> accepted | rejected;  accepted -> superseded | deprecated.
 * A decision is accepted only while it has supporting evidence.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback and are
 * not kept. A struct dk_option_spec owns the copy it parses and is released
 * with dk_option_spec_free. Every write validates all of its input before it
 * writes; on failure nothing is written (the _insert variants leave the
 * caller's transaction to be rolled back). */
#ifndef DOCKET_DECISION_H
#define DOCKET_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "docket/changes.h"
#include "docket/rows.h"

struct dk_db;
struct dk_adr;

#define DK_OPTION_MAX_ITEMS 32 /* pros plus cons of one option */

/* One considered option. */
struct dk_option_in {
	const char *name;          /* one line, at most 200; unique in its decision */
	const char *const *pros;   /* one line each, at most 500 */
	size_t n_pros;
	const char *const *cons;
	size_t n_cons;
};

/* An option written as 'NAME|pro: TEXT|con: TEXT|...' (the --option form). */
struct dk_option_spec {
	char *buf;                                  /* owned, split copy of the spec */
	const char *pros[DK_OPTION_MAX_ITEMS];
	const char *cons[DK_OPTION_MAX_ITEMS];
	struct dk_option_in opt;                    /* points into buf and the arrays */
};

/* Parses spec into out (which the caller frees with dk_option_spec_free,
 * also after a failure). Segments after the name must start "pro:" or
 * "con:"; blanks around '|' are ignored. */
int dk_option_parse(const char *spec, struct dk_option_spec *out, struct dk_error *err);
void dk_option_spec_free(struct dk_option_spec *s);

enum dk_decision_origin {
	DK_DECISION_NEW,      /* decision add: proposed, options required, makers are handles */
	DK_DECISION_IMPORTED, /* an ADR: status and dates as written, people as free text */
};

struct dk_decision_in {
	int origin;                         /* enum dk_decision_origin */
	const char *title;                  /* one line, at most 200 */
	const char *area;                   /* one of dk_decision_areas */
	const char *problem;                /* multi-line, at most 100000 */
	const char *const *drivers;         /* one line each, at most 500 */
	size_t n_drivers;
	const struct dk_option_in *options; /* NEW: at least one */
	size_t n_options;
	const char *chosen;                 /* the name of one option (NEW: required) */
	const char *rationale;              /* multi-line; NEW: required */
	const char *consequences;           /* optional, multi-line */
	const char *confirmation;           /* optional, multi-line: how compliance is checked */
	const char *makers;                 /* comma-separated; NEW: known person handles */
	const char *consulted;              /* comma-separated names */
	const char *informed;               /* comma-separated names */
	const char *const *tags;            /* [a-z0-9._-] each, at most 64 */
	size_t n_tags;
	const char *review_by;              /* YYYY-MM-DD or NULL */
	int64_t blueprint_id;               /* 0 for none; must exist */
	int64_t context_id;                 /* 0 for none; must exist */
	int64_t review_id;                  /* 0 for none; must exist */
	/* IMPORTED only (NULL / 0 for NEW): */
	const char *status;                 /* one of dk_decision_statuses; NULL is proposed */
	const char *decided_on;             /* YYYY-MM-DD; required unless proposed or rejected */
	const char *status_reason;          /* why it was rejected or deprecated */
	int64_t adr_number;                 /* the ADR's number, unique; 0 for none */
	const char *uuid;                   /* kept as the record's UUID (CSV imports); NULL: new */
};

extern const char *const dk_decision_areas[];
extern const char *const dk_decision_statuses[];

/* Checks every field without looking anything up. */
int dk_decision_check(const struct dk_decision_in *in, struct dk_error *err);
/* Inserts the decision and its options inside the caller's transaction:
 * checks, then looks up makers (NEW), blueprint, context and review. */
int dk_decision_insert(struct dk_db *db, const struct dk_decision_in *in, int64_t *id,
                       struct dk_error *err);
/* The same in its own transaction. */
int dk_decision_add(struct dk_db *db, const struct dk_decision_in *in, int64_t *id,
                    struct dk_error *err);
/* Replaces an imported decision's fields and options (in the caller's
 * transaction) with in, as an edited ADR file says; the status moves only as
 * the state machine allows. */
int dk_decision_replace(struct dk_db *db, int64_t id, const struct dk_decision_in *in,
                        struct dk_error *err);
/* DK_EINPUT naming the key when id is not a decision. */
int dk_decision_exists(struct dk_db *db, int64_t id, struct dk_error *err);

/* Copies id's status into status. */
int dk_decision_status(struct dk_db *db, int64_t id, char status[16], struct dk_error *err);

/* 1 when the state machine allows from -> to. */
int dk_decision_transition_allowed(const char *from, const char *to);

/* Links evidence as supporting (or contradicting); relinking changes the
 * stance, and relinking with the same stance writes nothing. An accepted
 * decision's only supporting item cannot be turned to contradicting. */
int dk_decision_link(struct dk_db *db, int64_t decision, int64_t evidence, int contradicts,
                     struct dk_error *err);
/* The same inside the caller's transaction (for imports and generators). */
int dk_decision_link_insert(struct dk_db *db, int64_t decision, int64_t evidence,
                            int contradicts, struct dk_error *err);
/* Removes a link. An accepted decision keeps at least one supporting item. */
int dk_decision_unlink(struct dk_db *db, int64_t decision, int64_t evidence,
                       struct dk_error *err);

/* Status changes, each in its own transaction; today (YYYY-MM-DD) becomes
 * decided_on. review_id 0 keeps the decision's review. */
int dk_decision_accept(struct dk_db *db, int64_t id, int64_t review_id, const char *today,
                       struct dk_error *err);
int dk_decision_reject(struct dk_db *db, int64_t id, const char *reason, const char *today,
                       struct dk_error *err);
int dk_decision_deprecate(struct dk_db *db, int64_t id, const char *reason, const char *today,
                          struct dk_error *err);
/* old (accepted) becomes superseded and by (accepted, superseding nothing
 * yet) records that it supersedes old, in one transaction. */
int dk_decision_supersede(struct dk_db *db, int64_t old, int64_t by, struct dk_error *err);

/* decision update (src/core/decision_update.c). NULL (or a count of 0)
 * keeps a field. The content (title to informed) changes only while the
 * decision is proposed; tags, review-by and makers change at any status. */
struct dk_decision_update {
	const char *title;                  /* one line, at most 200 */
	const char *area;                   /* one of dk_decision_areas */
	const char *problem;                /* multi-line */
	const char *const *drivers;         /* replace the drivers */
	size_t n_drivers;
	const struct dk_option_in *options; /* replace the options (chosen is kept by name) */
	size_t n_options;
	const char *chosen;                 /* the name of one option */
	const char *rationale;              /* multi-line */
	const char *consequences;           /* multi-line; "" clears */
	const char *confirmation;           /* multi-line; "" clears */
	const char *consulted;              /* comma-separated names; "" clears */
	const char *informed;               /* comma-separated names; "" clears */
	const char *makers;                 /* comma-separated known handles; "" clears */
	const char *const *tags;            /* replace the tags */
	size_t n_tags;
	const char *const *add_tags;        /* add these (not with tags) */
	size_t n_add_tags;
	const char *const *remove_tags;     /* remove these (not with tags) */
	size_t n_remove_tags;
	const char *review_by;              /* YYYY-MM-DD; "" clears */
};
/* Changes the given fields of decision id in its own transaction and names
 * what changed in *changed (nothing written when nothing differs). No field
 * given, or content given for a decision that is no longer proposed, is
 * DK_EINPUT. */
int dk_decision_update(struct dk_db *db, int64_t id, const struct dk_decision_update *in,
                       struct dk_changes *changed, struct dk_error *err);

struct dk_decision_filter {
	const char *status;       /* a status, "withdrawn" or "all"; NULL: all but withdrawn */
	const char *area;         /* or NULL */
	int64_t blueprint_id;     /* 0 for any */
	const char *tag;          /* or NULL */
	const char *maker;        /* or NULL */
	const char *since;        /* YYYY-MM-DD: decided (or created) on or after */
	const char *until;        /* YYYY-MM-DD: decided (or created) on or before */
	const char *search;       /* words (or their beginnings), all of which must appear
	                             in the title, problem, drivers, options or rationale
	                             (FTS5); or NULL */
	int review_overdue;       /* accepted and review_by before today */
	const char *today;        /* YYYY-MM-DD, for review_overdue */
};

/* Rows: key, title, area, status, decided_on, review_by, makers, evidence
 * (supporting items); by id. */
int dk_decision_list(struct dk_db *db, const struct dk_decision_filter *f, dk_row_fn fn,
                     void *ctx, struct dk_error *err);
/* One row with every field. */
int dk_decision_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);
/* Rows: option, chosen, pros, cons; in the order given. */
int dk_decision_options(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err);
/* Rows: key, kind, title, stance, sha256, size_bytes, uri, collected_on. */
int dk_decision_evidence(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                         struct dk_error *err);
/* The supersession chain through id, oldest first: key, title, status,
 * decided_on, relation (supersedes id's ..., this, superseded by ...). */
int dk_decision_chain(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                      struct dk_error *err);
/* Rows: key, title, status, score, owner, due_on; the risks that name id. */
int dk_decision_risks(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                      struct dk_error *err);

/* For ADR interop. */
/* Finds the decision imported as ADR number; *found says whether one is. */
int dk_decision_find_adr(struct dk_db *db, int64_t number, int64_t *id, int *found,
                         struct dk_error *err);
/* In the caller's transaction: records that by supersedes old (no status change). */
int dk_decision_set_supersedes(struct dk_db *db, int64_t by, int64_t old, struct dk_error *err);
/* Every decision id but the withdrawn ones, in order; fn gets one column "id". */
int dk_decision_ids(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
