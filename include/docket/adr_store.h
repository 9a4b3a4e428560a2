/* docket/adr_store.h: the database side of ADR interop: the file each
 * imported decision came from (adr_source), the typed links between
 * decisions (decision_link), a decision's fingerprint, ADR-N keys, and a
 * decision loaded as a struct dk_adr for writing.
 *
 * Ownership: results are written to caller-owned structs; rows go to a
 * callback. Writes run in the caller's transaction. */
#ifndef DOCKET_ADR_STORE_H
#define DOCKET_ADR_STORE_H

#include <stdint.h>

#include "docket/adr.h"
#include "docket/rows.h"

struct dk_db;

struct dk_adr_source {
	int64_t decision_id;
	char collection[65];      /* '' unless the import named one (--collection) */
	char file[1001];          /* path under the imported directory */
	int64_t number;           /* DK_ADR_NO_NUMBER when the name has none */
	char file_sha256[65];     /* the file's bytes when last imported */
	char record_sha256[65];   /* the decision's fingerprint that import left */
};

/* The source of file in collection, of the first file in collection whose
 * bytes hash to sha, or of decision id; *found says whether there is one. */
int dk_adr_source_by_file(struct dk_db *db, const char *collection, const char *file,
                          struct dk_adr_source *out, int *found, struct dk_error *err);
int dk_adr_source_by_sha(struct dk_db *db, const char *collection, const char *sha,
                         struct dk_adr_source *out, int *found, struct dk_error *err);
int dk_adr_source_by_decision(struct dk_db *db, int64_t id, struct dk_adr_source *out,
                              int *found, struct dk_error *err);
/* Records (or updates) where s->decision_id came from. */
int dk_adr_source_put(struct dk_db *db, const struct dk_adr_source *s, struct dk_error *err);

/* SHA-256 (hex) over what an import writes of decision id: its fields,
 * options, supersession and typed links. Equal before and after means
 * nothing was changed in docket. */
int dk_adr_fingerprint(struct dk_db *db, int64_t id, char out[65], struct dk_error *err);

/* The decision with ADR number n (imported files first, then CSV imports'
 * adr-number); DK_EINPUT naming both files when two have it. */
int dk_adr_find_number(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err);
/* The decision of the one file in collection with ADR number n. */
int dk_adr_find_number_in(struct dk_db *db, const char *collection, int64_t n, int64_t *id,
                          int *found, struct dk_error *err);
/* A decision key as users write it: D-12, 12, or ADR-15 (the ADR number). */
int dk_adr_key(struct dk_db *db, const char *key, int64_t *id, struct dk_error *err);
/* A decision with ADR number n that no file is recorded for (imported by an
 * older docket, which identified ADRs by number). */
int dk_adr_unsourced(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err);

/* Replaces the typed links src states with labels[i] -> dst[i], in order. */
int dk_adr_links_set(struct dk_db *db, int64_t src, const char *const *labels,
                     const int64_t *dst, size_t n, struct dk_error *err);
/* Adds one typed link src -> dst (in the caller's transaction). */
int dk_adr_link_add(struct dk_db *db, int64_t src, int64_t dst, const char *label,
                    int64_t ordinal, struct dk_error *err);
/* Rows: direction (from, to), label, key, adr, title, status: the typed
 * links of id, both ways. */
int dk_adr_links(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);

/* Fills a from decision id for writing to dir: its file name (kept from its
 * import, else NNNN-slug), number (the ADR number, else the id), links
 * (with targets relative to its file), and with_record, the docket record
 * section (evidence with SHA-256, review, residual risks). */
int dk_adr_load(struct dk_db *db, int64_t id, int with_record, struct dk_adr *a,
                struct dk_error *err);

#endif
