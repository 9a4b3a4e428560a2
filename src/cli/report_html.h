/* report_html.h: the weekly report laid out as one self-contained HTML page.
 *
 * Ownership: writes to the caller's stream; keeps nothing after returning. */
#ifndef DOCKET_REPORT_HTML_H
#define DOCKET_REPORT_HTML_H

#include <stdio.h>

#include "docket/error.h"

struct dk_db;

/* Runs dk_report_weekly and writes the page to f. On failure nothing is
 * written and err says why. */
int report_html(struct dk_db *db, const char *as_of, const char *from, const char *team, FILE *f,
                struct dk_error *err);

#endif
