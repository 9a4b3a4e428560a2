/* report_html.h: the weekly report laid out as one self-contained HTML page.
 *
 * Ownership: writes to the caller's stream; keeps nothing after returning. */
#ifndef DOCKET_REPORT_HTML_H
#define DOCKET_REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "docket/error.h"

struct dk_db;

/* Runs dk_report_weekly and writes the page to f. On failure nothing is
 * written and err says why. */
int report_html(struct dk_db *db, const char *as_of, const char *from, const char *team,
                int64_t limit, FILE *f, struct dk_error *err);
/* A headline measure's label ("open" -> "Open (incl. mitigating,
 * accepted)"), as the page and the Markdown report show it. */
const char *report_measure_label(const char *measure);
/* The command that lists every row of a report section (cmd_report.c). */
void report_more_command(const char *id, const char *as_of, const char *team, char *buf,
                         size_t size);

#endif
