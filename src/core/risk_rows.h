/* risk_rows.h: the rows risk.c and risk_watch.c share (private to core). */
#ifndef DOCKET_RISK_ROWS_H
#define DOCKET_RISK_ROWS_H

#include "docket/rows.h"

/* Rows whose columns named "_since" become days_overdue (as of a date) and
 * whose other "_" columns are hidden: dk_late_row is a dk_row_fn over a
 * struct dk_late_rows. */
struct dk_late_rows {
	dk_row_fn fn;
	void *ctx;
	const char *as_of;
	long rows;
};

int dk_late_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err);

#endif
