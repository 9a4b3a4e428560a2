/* docket/import.h: loading CSV registers in bulk, every row validated by
 * the same rules as the commands, all rows in one transaction.
 *
 * Columns are mapped by header name, and the names are the long option
 * names of the matching add command, so a user who knows the command knows
 * the file; the export writes the same names, so an export re-imports.
 * A repeated option is one cell with one item a line (a decision's options
 * each in the --option form NAME|pro: TEXT|con: TEXT); a uuid column keeps
 * the record's UUID. Each row goes through the kind's core insert, so the
 * rules are the commands' own.
 *
 * Ownership: struct dk_import_result is caller-owned and must be released
 * with dk_import_result_free (safe on a zeroed one). On any bad row
 * nothing is written and the result lists the errors. */
#ifndef DOCKET_IMPORT_H
#define DOCKET_IMPORT_H

#include <stdint.h>

#include "docket/rows.h"
#include "docket/text.h"

struct dk_db;

#define DK_IMPORT_MAX_MESSAGES 20

struct dk_import_result {
	int64_t rows;         /* data rows read */
	int64_t written;      /* rows written (0 on a dry run or any error) */
	int64_t errors;       /* problems found, all counted */
	struct dk_buf messages; /* "file:line: column: reason" lines, the first DK_IMPORT_MAX_MESSAGES */
};

void dk_import_result_free(struct dk_import_result *r);

/* Names of the kinds that can be imported, NULL-terminated. */
extern const char *const dk_import_kind_names[];

/* Reads path as RFC 4180 CSV (a UTF-8 byte-order mark and CRLF line ends
 * are accepted; a NUL byte, invalid UTF-8 or broken quoting is refused
 * with its line) and imports its rows as kind. Relative dates in the file
 * (due +30d, collected today, a risk's default due date) are taken from
 * today (YYYY-MM-DD; NULL: the current UTC date). Returns DK_OK when every
 * row was valid (and written, unless dry_run), DK_EINPUT when anything was
 * refused (nothing written; r->messages says what), DK_EDB otherwise. */
int dk_import_csv(struct dk_db *db, const char *kind, const char *path, const char *today,
                  int dry_run, struct dk_import_result *r, struct dk_error *err);

/* Rows: kind, column, required (yes/no), meaning; for help and docs. */
int dk_import_columns(dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
