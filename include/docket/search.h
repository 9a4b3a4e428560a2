/* docket/search.h: full-text search over what people typed, the same
 * rules everywhere: `decision list --search`, `risk list --search`, the
 * other lists' --search and `docket search` across kinds.
 *
 * The indexes are FTS5 tables kept in step with their records by triggers
 * (migrations 0002 and 0012): decision_fts, risk_fts, evidence_fts,
 * review_fts and context_fts, each with rowid = the record's id.
 *
 * Ownership: the query goes into a caller-owned struct dk_buf, which the
 * caller frees whatever the status; rows go to a callback and are not
 * kept. */
#ifndef DOCKET_SEARCH_H
#define DOCKET_SEARCH_H

#include <stdint.h>

#include "docket/error.h"
#include "docket/rows.h"
#include "docket/text.h"

struct dk_db;

/* The kinds `docket search` looks in, in the order it lists ties:
 * decision, risk, evidence, review, context; NULL-terminated. */
extern const char *const dk_search_kinds[];

/* Turns what a person typed into an FTS5 query that no text can turn
 * into query syntax: every word (a run of characters between spaces or
 * tabs that has a letter or digit) becomes a quoted prefix phrase
 * ("regis"* finds "registry"), a '"' inside a word is doubled, and all
 * words must match. opt names the input in messages ("--search"). On
 * DK_EINPUT (too long, not one line, no words) q holds nothing useful. */
int dk_search_query(const char *opt, const char *text, struct dk_buf *q, struct dk_error *err);

/* The same words as the query db's engine reads: dk_search_query's FTS5
 * text on SQLite, a to_tsquery text on PostgreSQL (every word a prefix,
 * all must match). What the --search filters and dk_search bind. */
int dk_search_query_for(const struct dk_db *db, const char *opt, const char *text,
                        struct dk_buf *q, struct dk_error *err);

struct dk_search_filter {
	const char *text;  /* what to look for (dk_search_query's rules) */
	const char *kind;  /* one of dk_search_kinds, or NULL for every kind */
	int64_t limit;     /* at most this many rows (1..1000) */
};

/* Rows: kind, key, title, field (the fields that matched, space
 * separated), match (a snippet of the best field with the match in [ ]),
 * best first by bm25 across kinds (ties: the order of dk_search_kinds,
 * then by key). A context is shown by system and revision, a review by
 * the day it was held. DK_EINPUT for a bad kind, limit or text. */
int dk_search(struct dk_db *db, const struct dk_search_filter *f, dk_row_fn fn, void *ctx,
              struct dk_error *err);

#endif
