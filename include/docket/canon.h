/* docket/canon.h: the canonical text that docket hashes: an audit row's
 * content and the fields a risk acceptance approved. Every storage engine
 * builds that text through these rules, so that two engines given the same
 * values write the same bytes and the same hashes.
 *
 * The text is JSON without any space, written value by value:
 *   - NULL is null.
 *   - An integer (64-bit) is its decimal digits, with a '-' only when
 *     negative: 0, 42, -9223372036854775808.
 *   - A real (a finite double) is its shortest round-trip form: the
 *     decimal with the fewest significant digits that strtod reads back
 *     as the same double, the nearest to it when two of that length do
 *     (the digits of Ryu, of PostgreSQL's float8 output and of Python's
 *     repr; usually, not always, the shortest correctly rounded %.{p}g:
 *     just above a power of two it can be one digit shorter). With X the
 *     exponent of its first digit (d.ddd x 10^X), it is written in fixed
 *     notation with no trailing zeros when -4 <= X < 15
 *     (0.30000000000000004, 123456789012345, 0.0001) and otherwise as
 *     d[.ddd]e, a sign and at least two exponent digits (1e+20,
 *     1.7976931348623157e+308, 1e-05). Then ".0" is appended when the
 *     text has neither '.' nor 'e' (5.0, -0.0: the sign of a zero is
 *     kept), so a real never reads as an integer. The fixed/exponent
 *     threshold is %.15g's, which SQLite's json and PostgreSQL's float8
 *     output use too: for a real of 15 or fewer significant digits in
 *     fixed notation this is the text SQLite's json_object wrote, and a
 *     real's text is PostgreSQL's float8 text (extra_float_digits at its
 *     default, 1) plus the ".0" rule, but for some doubles of 2^53 or more,
 *     where the shortest digits lie exactly half-way between two doubles
 *     and Ryu writes one digit more (1e+23 here, 9.999999999999999e+22
 *     there; migrations/postgres/0001's docket_canon_real_boundary writes
 *     these digits on the server).
 *   - A real that is infinite or NaN has no canonical text: the builder
 *     fails. Every REAL column docket audits is bounded by a CHECK or
 *     written only from a number dk_parse_real read within bounds (it
 *     refuses inf and nan), so only a bug reaches this, and it must not
 *     write engine-specific text (Inf, Infinity, 9.0e+999) into a hashed
 *     row.
 *   - A text is a JSON string with the exact escaping of SQLite's
 *     json_quote and json_object: '"' and '\' get a backslash; the bytes
 *     0x08, 0x09, 0x0a, 0x0c, 0x0d are \b \t \n \f \r; every other byte
 *     below 0x20 (NUL included) is \u00xx with lower-case hex digits; every
 *     other byte (0x7f, '/', and all bytes of UTF-8 or of invalid UTF-8) is
 *     copied as it is. So texts and integers give the bytes the SQLite
 *     triggers gave before this module existed, and old hashes still hold.
 *   - An array is [v,v,...]; an object is {"key":v,"key":v,...} with its
 *     keys escaped as texts, in the order given (no sorting, duplicates
 *     kept); empty ones are [] and {}.
 *
 * Ownership: struct dk_canon borrows the buffer it writes to (its caller
 * owns and frees it) and holds no memory of its own. A misuse (a value in
 * an object without its key, a close that does not match, nesting deeper
 * than DK_CANON_DEPTH) or a non-finite real marks the builder failed: later
 * calls write nothing and dk_canon_finish reports the first problem. */
#ifndef DOCKET_CANON_H
#define DOCKET_CANON_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"
#include "docket/text.h"

#define DK_CANON_DEPTH 16   /* how deep arrays and objects may nest */
#define DK_CANON_REAL_MAX 32 /* room for any real's text and its NUL */

struct dk_canon {
	struct dk_buf *out;                 /* where the text goes (borrowed) */
	int depth;                          /* containers open */
	char open[DK_CANON_DEPTH];          /* '[' or '{' for each of them */
	unsigned char empty[DK_CANON_DEPTH]; /* nothing written in it yet */
	int keyed;                          /* in an object: a key waits for its value */
	int whole;                          /* a value was completed at the top level */
	const char *problem;                /* the first misuse (static), NULL when none */
};

/* Starts a text appended to out (which may already hold bytes). */
void dk_canon_init(struct dk_canon *c, struct dk_buf *out);

void dk_canon_array_open(struct dk_canon *c);
void dk_canon_array_close(struct dk_canon *c);
void dk_canon_object_open(struct dk_canon *c);
void dk_canon_object_close(struct dk_canon *c);
/* The next member's key, in an open object; s holds n bytes. */
void dk_canon_key(struct dk_canon *c, const char *s, size_t n);

void dk_canon_null(struct dk_canon *c);
void dk_canon_int(struct dk_canon *c, int64_t v);
void dk_canon_real(struct dk_canon *c, double v);
/* s holds n bytes, any bytes (a NUL is written as \u0000). */
void dk_canon_text(struct dk_canon *c, const char *s, size_t n);

/* DK_OK when a whole value was written, every container closed and the
 * buffer's memory held; else DK_EINPUT (a misuse or non-finite real) or
 * DK_EDB (out of memory) with err saying which. out keeps what was written
 * either way. */
int dk_canon_finish(struct dk_canon *c, struct dk_error *err);

/* A real's canonical text into out. Returns its length, or -1 when v is
 * infinite or NaN (out is then ""). */
int dk_canon_real_text(double v, char out[DK_CANON_REAL_MAX]);

#endif
