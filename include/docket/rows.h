/* docket/rows.h: how core hands query results to its caller without
 * knowing how they will be shown.
 *
 * Ownership: cells and their text belong to core and are valid only during
 * the callback; copy what you keep. A callback returns DK_OK to go on or a
 * status to stop, which the core function then returns. */
#ifndef DOCKET_ROWS_H
#define DOCKET_ROWS_H

#include "docket/error.h"

struct dk_stmt;

enum dk_cell_type {
	DK_CELL_NULL,
	DK_CELL_INT,
	DK_CELL_REAL,
	DK_CELL_TEXT,
	DK_CELL_JSON, /* text that is already JSON (a list); shown joined by ", " */
};

struct dk_cell {
	const char *name; /* column name, stable: part of the output contract */
	const char *text; /* the value as text; NULL for DK_CELL_NULL */
	int type;         /* enum dk_cell_type */
};

typedef int (*dk_row_fn)(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err);

/* Steps s to the end, calling fn once per row. A column whose name ends in
 * ":json" is passed as DK_CELL_JSON under the name without the suffix. */
int dk_rows_emit(struct dk_stmt *s, dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
