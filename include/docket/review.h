/* docket/review.h: design review meetings: when, on which plan, who came,
 * and what was noted. Decisions name the review they were taken in.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback and
 * are not kept. On failure nothing is written. */
#ifndef DOCKET_REVIEW_H
#define DOCKET_REVIEW_H

#include <stdint.h>

#include "docket/changes.h"
#include "docket/rows.h"

struct dk_db;

struct dk_review_in {
	const char *held_on;    /* YYYY-MM-DD, required */
	int64_t blueprint_id;   /* 0 for none; must exist */
	const char *attendees;  /* comma-separated person handles, at least one */
	const char *notes;      /* multi-line, at most 100000; or NULL */
	const char *notes_file; /* a file to read the notes from instead; or NULL */
};

/* Checks every field (and reads the notes file) without looking anything up. */
int dk_review_check(const struct dk_review_in *in, struct dk_error *err);
/* Inserts the review and its attendees inside the caller's transaction. */
int dk_review_insert(struct dk_db *db, const struct dk_review_in *in, int64_t *id,
                     struct dk_error *err);
/* The same in its own transaction. */
int dk_review_add(struct dk_db *db, const struct dk_review_in *in, int64_t *id,
                  struct dk_error *err);
/* DK_EINPUT naming the key when id is not a review. */
int dk_review_exists(struct dk_db *db, int64_t id, struct dk_error *err);

/* Reads --notes-file path into *out (malloc; the caller frees it): refused
 * when it cannot be read or holds a NUL byte; trailing newlines dropped.
 * The length is checked by the caller (dk_check_text). */
int dk_review_read_notes(const char *path, char **out, struct dk_error *err);

/* review update (src/core/review_update.c): NULL (0) keeps a field. */
struct dk_review_update {
	const char *held_on;    /* YYYY-MM-DD */
	int64_t blueprint_id;   /* must exist */
	const char *attendees;  /* replace the attendees: person handles, at least one */
	const char *notes;      /* multi-line; "" clears */
	const char *notes_file; /* read the notes from this file instead */
};
/* Changes the given fields in its own transaction; *changed names what
 * changed (held_on, blueprint, notes, attendees); nothing is written when
 * nothing differs. */
int dk_review_update(struct dk_db *db, int64_t id, const struct dk_review_update *in,
                     struct dk_changes *changed, struct dk_error *err);

/* Rows: key, held_on, blueprint, attendees, decisions; newest first. With
 * search (or NULL), only reviews whose notes hold every word
 * (docket/search.h). Withdrawn reviews are left out (dk_withdrawn_list
 * lists them). */
int dk_review_list(struct dk_db *db, const char *search, dk_row_fn fn, void *ctx,
                   struct dk_error *err);
/* One row: key, held_on, blueprint, attendees, notes, uuid, created_at, created_by. */
int dk_review_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);
/* Rows: key, title, area, status, chosen; the decisions taken in review id. */
int dk_review_decisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err);
/* Rows: decision, evidence, kind, title, stance, sha256; what those decisions rest on. */
int dk_review_evidence(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                       struct dk_error *err);

#endif
