/* docket/key.h: typed record keys (CTX-3, BP-7, D-12, EV-40, R-19, VS-5,
 * ST-2, RV-1, G-4) shown everywhere and accepted wherever a record is
 * named, as is the bare number.
 *
 * Ownership: outputs are caller-owned buffers; prefixes are static. */
#ifndef DOCKET_KEY_H
#define DOCKET_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"

#define DK_KEY_LEN 32

/* Parses "PREFIX-N" (prefix in any case) or "N" into *id >= 1. Another
 * kind's key is refused by name ("R-3 is a risk, not a context").
 * what names the record kind for the message ("context"). */
int dk_key_parse(const char *in, const char *prefix, const char *what, int64_t *id,
                 struct dk_error *err);
/* Parses a typed key of any kind; *prefix and *what point at static
 * strings ("CTX", "context"). A bare number is refused: it names no kind. */
int dk_key_parse_any(const char *in, const char **prefix, const char **what, int64_t *id,
                     struct dk_error *err);
void dk_key_format(const char *prefix, int64_t id, char out[DK_KEY_LEN]);
/* The i-th kind of key, from 0: its prefix ("CTX"), and in *what the
 * record kind ("context"); NULL past the last. */
const char *dk_key_kind(size_t i, const char **what);
/* The table a key prefix names ("R": "risk"), and the prefix of a table's
 * keys ("risk": "R"); NULL for anything else. */
const char *dk_key_table(const char *prefix);
const char *dk_key_prefix_of(const char *table);

#endif
