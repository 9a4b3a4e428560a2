/* docket/export.h: every record kind as rows for the audit export.
 *
 * Column names and order are part of the export contract (documented in
 * docket(1)); where a kind can be imported, its columns carry the long
 * option names of the matching add command, so an export re-imports.
 * Lists are newline-separated within a cell. The audit log is exported
 * whole (within --since/--until): its chain can only be checked whole.
 *
 * Ownership: the table of kinds is static; rows go to a callback and are
 * not kept, so an export of any size runs in flat memory. */
#ifndef DOCKET_EXPORT_H
#define DOCKET_EXPORT_H

#include "docket/rows.h"

struct dk_db;

struct dk_export_kind {
	const char *file; /* file name, e.g. "risks.csv" */
	const char *sql;  /* the query (binds :since, :until, :team) */
};

extern const struct dk_export_kind dk_export_kinds[];
extern const int dk_export_kind_count;

struct dk_export_filter {
	const char *since; /* YYYY-MM-DD: records created (changes made) on or after, or NULL */
	const char *until; /* YYYY-MM-DD: on or before, or NULL */
	const char *team;  /* only what concerns this team, or NULL */
};

/* Streams every row of kind i (0 .. dk_export_kind_count - 1). */
int dk_export_rows(struct dk_db *db, int i, const struct dk_export_filter *f, dk_row_fn fn,
                   void *ctx, struct dk_error *err);

/* 1 when kind i's column holds a value of a closed set the schema checks
 * (status, kind, operator, ...), written as it is; 0 for free text, which
 * the CSV writer guards against formula injection. */
int dk_export_verbatim(int i, const char *column);

/* Calls fn once with kind i's column names (as both names and text). */
int dk_export_header(struct dk_db *db, int i, dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
