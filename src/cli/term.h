/* term.h: what docket knows of the terminal on its stdout, decided once
 * for the whole run: its size, whether tables are coloured, and the pager.
 *
 * The settings come from the config file first (its code calls the
 * setters before the command runs), then from the command line (main
 * calls them again for --color and --no-pager, so the command line wins).
 * Nothing here is used when stdout is not a terminal, except colour under
 * --color always. Strings passed in are copied. */
#ifndef DOCKET_TERM_H
#define DOCKET_TERM_H

#include "docket/error.h"

/* mode: "never", "auto" (a terminal, unless NO_COLOR is set and not
 * empty; the default) or "always" (pipes too, for less -R). from names
 * the setting in a message ("--color"). On a bad mode returns DK_EINPUT
 * with err filled ("--color 'x' is not one of: never, auto, always") and
 * changes nothing. */
int term_set_color(const char *mode, const char *from, struct dk_error *err);
/* The pager: a shell command, run when stdout is a terminal and the
 * output does not fit above the prompt. NULL: $PAGER, else "less -FRX";
 * "" or "cat": none (--no-pager). */
void term_set_pager(const char *cmd);
/* Today's date ("YYYY-MM-DD", as --today gives it), for overdue colours. */
void term_set_today(const char *date);
const char *term_today(void);

/* Whether stdout is a terminal, as it was when first asked. */
int term_is_tty(void);
/* Its width: $COLUMNS if set to a number from 20, else the terminal's, else 80. */
int term_columns(void);
/* Its height: $LINES if set to a number from 2, else the terminal's, else 24. */
int term_lines(void);
/* Whether table cells on stdout are coloured. */
int term_color(void);

/* Before the command runs: if paging may apply, stdout becomes a stream
 * held in memory (up to 1 MiB; past that it goes out as it comes, through
 * the pager). Returns 0, or -1 if stdout is left as it was. */
int term_page_start(void);
/* After the command: with keep set, the held output goes through the pager
 * when it is taller than the terminal, else straight to it; without, it is
 * dropped. stdout is itself again. Returns 0, or -1 with errno set when the
 * output could not be written (a user quitting the pager is no error).
 * Does nothing when term_page_start did not take stdout. */
int term_page_end(int keep);

#endif
