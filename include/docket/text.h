/* docket/text.h: a growable string, JSON string escaping, and the checks
 * every piece of user text and every number passes before it is written.
 *
 * Ownership: a struct dk_buf owns its bytes; dk_buf_free releases them
 * (safe on a zeroed or already freed buffer). After an allocation failure
 * the buffer is marked failed, further appends do nothing and dk_buf_ok()
 * is 0, so callers check once at the end. */
#ifndef DOCKET_TEXT_H
#define DOCKET_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"

struct dk_buf {
	char *p;     /* NUL-terminated when len > 0 */
	size_t len;  /* bytes used, without the NUL */
	size_t cap;  /* bytes allocated */
	int failed;  /* an allocation failed */
};

void dk_buf_add(struct dk_buf *b, const char *s, size_t n);
/* Makes room for n more bytes (and the NUL) after len, so a writer can
 * fill b->p + b->len directly; 0 when it cannot (b is marked failed). */
int dk_buf_reserve(struct dk_buf *b, size_t n);
void dk_buf_adds(struct dk_buf *b, const char *s);
void dk_buf_addf(struct dk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void dk_buf_json_string(struct dk_buf *b, const char *s);
const char *dk_buf_str(const struct dk_buf *b); /* "" when empty */
/* Cuts b to at most max characters (code points; max >= 3): a longer text
 * keeps its first max - 3 characters and ends with "...". */
void dk_buf_clip(struct dk_buf *b, size_t max);
int dk_buf_ok(const struct dk_buf *b);
void dk_buf_free(struct dk_buf *b);

/* Text rules. A one-line text has no control characters and no
 * bidirectional controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
 * U+061C); a multi-line text may also hold newlines, tabs and those. Both must be valid UTF-8 and at most max
 * characters (code points). Returns NULL when s passes, else a static
 * reason ("has a control character", "is not valid UTF-8", ...). */
const char *dk_text_problem(const char *s, size_t max, int multiline);
size_t dk_utf8_len(const char *s);
/* A typed value quoted in a message: at most 40 bytes (then "..."), whole
 * UTF-8 sequences, control bytes and bidirectional controls as '?', so a
 * message never carries a terminal escape. Returns out. */
const char *dk_text_shown(const char *s, char out[48]);

/* Checks a text field named by its option name (e.g. "--title") and fills
 * err in the house form "--title '...' is too long (at most 200 characters)". */
int dk_check_text(const char *opt, const char *s, size_t max, int multiline,
                  struct dk_error *err);
/* An identifier: 1..max of [a-z0-9._-] (upper case too when upper is set),
 * starting with a letter or digit. */
int dk_check_ident(const char *opt, const char *s, size_t max, int upper,
                   struct dk_error *err);
int dk_parse_int(const char *opt, const char *s, int64_t min, int64_t max, int64_t *out,
                 struct dk_error *err);
/* A decimal number in [min, max]: not hexadecimal, inf or nan. */
int dk_parse_real(const char *opt, const char *s, double min, double max, double *out,
                  struct dk_error *err);
/* Spreadsheet formula injection (OWASP): a CSV text cell that would start
 * with = + - @ tab CR or LF is written with a leading apostrophe. To keep
 * the escape reversible, a cell that is apostrophes followed by such a
 * character gets one more. dk_csv_needs_mark says whether s gets the
 * mark; dk_csv_unmark returns s without the mark the export added. */
int dk_csv_needs_mark(const char *s);
const char *dk_csv_unmark(const char *s);
/* A UUID in its canonical form: 8-4-4-4-12 lower-case hex digits. */
int dk_check_uuid(const char *opt, const char *s, struct dk_error *err);
/* The Levenshtein distance between a and b (each at most 64 bytes, else
 * (size_t)-1): how a misspelling is matched with what was meant. */
size_t dk_edit_distance(const char *a, const char *b);
/* s must equal one of the NULL-terminated allowed words. */
int dk_check_enum(const char *opt, const char *s, const char *const *allowed,
                  struct dk_error *err);

/* Splits a comma-separated list, trims each item, checks it with
 * dk_check_text (one line, item_max characters) and appends the items as a
 * JSON array to out. Empty items are refused; "" gives []. At most max_items. */
int dk_list_to_json(const char *opt, const char *list, size_t item_max, size_t max_items,
                    struct dk_buf *out, struct dk_error *err);
/* The same for items already split (repeated options). */
int dk_items_to_json(const char *opt, const char *const *items, size_t n, size_t item_max,
                     struct dk_buf *out, struct dk_error *err);

#endif
