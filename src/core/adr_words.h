/* adr_words.h: what the ADR reader and writer share inside the core
 * (adr_words.c): trimmed copies in a record's arena, file-name shapes, and
 * inline Markdown reduced to its text. */
#ifndef DOCKET_ADR_WORDS_H
#define DOCKET_ADR_WORDS_H

#include <stddef.h>

#include "docket/adr.h"

/* s (n bytes) without surrounding blanks, copied into a's arena. */
const char *adr_trimmed(struct dk_adr *a, const char *s, size_t n);
/* 1 when s starts YYYYMMDD- with a real date (log4brains' ids). */
int adr_date_prefix(const char *s);
/* 1 when s ends in .md (any case). */
int adr_ends_md(const char *s);
/* s with link and image syntax reduced to their text, emphasis, code marks
 * and Markdown escapes removed, blanks collapsed; appended to out. */
void adr_plain(const char *s, struct dk_buf *out);
/* adr_plain, lower case, without surrounding quotes or trailing
 * punctuation: the form names are matched in. */
void adr_normal(const char *s, struct dk_buf *out);

/* s in double quotes, '"' and '\\' escaped with '\\' (as YAML, DOT and the
 * Chosen option sentence read them); appended to b. */
void adr_quoted(struct dk_buf *b, const char *s);

#endif
