/* fit.h: a table laid out in a terminal's width, and its colours.
 *
 * Pure functions over text the caller owns: nothing here prints, reads the
 * terminal or allocates (term.h knows the terminal; out.c prints). What the
 * layout knows of a column comes from its name, in one table in fit.c:
 * how long it is kept when the table is too wide (rank), whether it may be
 * wrapped (keys, commands, paths and hashes may not), and its colours. */
#ifndef DOCKET_FIT_H
#define DOCKET_FIT_H

#include <stddef.h>

#define FIT_GAP 2        /* spaces between two columns */
#define FIT_MAX_COLS 64  /* columns laid out; more are not shown (as in a pipe) */

/* Display columns of s: UTF-8 code points, East Asian wide ones as two,
 * combining marks as none; a newline or tab counts as one. */
size_t fit_width(const char *s);

/* The widest line of s (lines end at newlines) and its longest word
 * (words end at spaces), in display columns. */
void fit_measure(const char *s, size_t *line, size_t *word);

/* One line of wrapped text: bytes [off, off + len) of the text, cols wide. */
struct fit_span {
	size_t off, len, cols;
};

/* Breaks s into lines of at most width columns, at spaces; a newline in s
 * ends a line. A word longer than width is split at width unless whole is
 * set, when it stands on a line of its own, wider than width. Fills up to
 * max spans and returns how many lines there are (more than max: the rest
 * were not stored). An empty s is one empty line. */
size_t fit_wrap(const char *s, size_t width, int whole, struct fit_span *lines, size_t max);

/* The name's rule: rank 1 (dropped first) to 9 (never dropped), and
 * whether its cells are kept whole. */
void fit_rule(const char *name, int *rank, int *whole);

/* Where a column goes: its width in the grid, or one of these. */
#define FIT_DROPPED 0      /* not shown */
#define FIT_DETAIL ((size_t)-1) /* on lines of its own under each row */

/* Lays out ncol columns named names[] whose widest cells (header
 * included) are nat[] columns and longest words are word[], in width
 * columns. When they do not fit as they are: the columns of rank 4 and
 * below are dropped (the rightmost of the lowest rank first) until text
 * columns can have 30 columns; then text columns may go down to their
 * header's width or, up to 24 columns, their longest word; then whole
 * columns wider than half the width move under the row; then columns of
 * rank 5 to 8 are dropped; then whole columns wider than 24. What is left
 * over widens the text columns that need it most. Fills w[] (a width,
 * FIT_DROPPED or FIT_DETAIL). The grid may still be wider than width when
 * what is never dropped does not fit at its narrowest. */
void fit_layout(int ncol, const char *const *names, const size_t *nat, const size_t *word,
                size_t width, size_t *w);

/* The SGR escape that colours a cell of column name holding value, or
 * NULL: severities, failed and passed verification results, overdue dates.
 * status is the row's status cell (NULL if none), today "YYYY-MM-DD" (or
 * NULL): a due date before today is overdue while the row is not closed. */
const char *fit_colour(const char *name, const char *value, const char *status,
                       const char *today);
#define FIT_RESET "\033[0m"

#endif
