/* docket/evidence.h: what a decision rests on: benchmarks, metrics,
 * documents, links, experiments, incidents, reviews and dry-runs.
 *
 * A file given as evidence is hashed (SHA-256 and size), never copied: the
 * record proves which bytes were looked at, and `evidence check` says
 * whether the artifact still holds them.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback and
 * are not kept. On failure nothing is written. */
#ifndef DOCKET_EVIDENCE_H
#define DOCKET_EVIDENCE_H

#include <stdint.h>

#include "docket/changes.h"
#include "docket/hash.h"
#include "docket/rows.h"

struct dk_db;

struct dk_evidence_in {
	const char *kind;      /* one of dk_evidence_kinds */
	const char *title;     /* required, one line, at most 200 */
	const char *uri;       /* optional, one line, at most 2048 */
	const char *file;      /* optional path: hashed; its absolute path becomes the
	                          uri when no uri is given */
	const char *summary;   /* optional, multi-line, at most 100000 */
	const char *collected; /* YYYY-MM-DD, required (the CLI defaults it to today) */
	/* Imports only (NULL otherwise): */
	const char *sha256;    /* the artifact's recorded SHA-256 (64 lower-case hex), with size;
	                          not together with file */
	const char *size;      /* its size in bytes, with sha256 */
	const char *uuid;      /* kept as the record's UUID; NULL: a new one */
};

extern const char *const dk_evidence_kinds[];

/* Checks every field and hashes the file (so a missing file is refused
 * before anything is written). Does not look anything up. */
int dk_evidence_check(const struct dk_evidence_in *in, struct dk_error *err);
/* Inserts in the caller's transaction; *id is the new EV id. */
int dk_evidence_insert(struct dk_db *db, const struct dk_evidence_in *in, int64_t *id,
                       struct dk_error *err);
/* The same in its own transaction. */
int dk_evidence_add(struct dk_db *db, const struct dk_evidence_in *in, int64_t *id,
                    struct dk_error *err);
/* DK_EINPUT naming the key when id is not evidence. */
int dk_evidence_exists(struct dk_db *db, int64_t id, struct dk_error *err);

/* evidence update (src/core/evidence_update.c): NULL keeps a field. The
 * hash and size are not fields of it: they never change. */
struct dk_evidence_update {
	const char *title;   /* one line, at most 200 */
	const char *summary; /* multi-line; "" clears */
	const char *uri;     /* one line, at most 2048; "" clears (evidence check then
	                        needs --file) */
};
/* Changes the given fields in its own transaction; *changed names what
 * changed (nothing is written when nothing differs). */
int dk_evidence_update(struct dk_db *db, int64_t id, const struct dk_evidence_update *in,
                       struct dk_changes *changed, struct dk_error *err);

/* Rows: key, kind, title, collected_on, sha256, size_bytes, uri, decisions
 * (how many link to it); newest first. kind may be NULL; search (or
 * NULL): only items whose title, summary or URI hold every word
 * (docket/search.h). Withdrawn items are left out (dk_withdrawn_list
 * lists them). */
int dk_evidence_list(struct dk_db *db, const char *kind, const char *search, dk_row_fn fn,
                     void *ctx, struct dk_error *err);
/* One row with every field. */
int dk_evidence_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);
/* Rows: decision, title, status, stance; the decisions that cite id. */
int dk_evidence_decisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                          struct dk_error *err);

enum dk_evidence_state {
	DK_EVIDENCE_MATCH,   /* the file holds the recorded bytes */
	DK_EVIDENCE_CHANGED, /* it can be read but its hash or size differs */
	DK_EVIDENCE_MISSING, /* it cannot be read */
};

struct dk_evidence_verdict {
	int state;                   /* enum dk_evidence_state */
	char path[4096];             /* the file that was hashed */
	char recorded[DK_SHA256_HEX];
	int64_t recorded_size;
	char current[DK_SHA256_HEX]; /* "" when missing */
	int64_t current_size;        /* -1 when missing */
};

/* Re-hashes the artifact of id: path when it is not NULL, else the local
 * path in its uri. Evidence without a hash, or whose uri is not a local
 * path when no path is given, is DK_EINPUT. DK_OK whatever the state. */
int dk_evidence_verify(struct dk_db *db, int64_t id, const char *path,
                       struct dk_evidence_verdict *res, struct dk_error *err);

#endif
