/* canon.c: the canonical text docket hashes (the rules are in
 * docket/canon.h). Pure C: the storage engines call it, it calls none. */
#include "docket/canon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dk_canon_init(struct dk_canon *c, struct dk_buf *out)
{
	memset(c, 0, sizeof *c);
	c->out = out;
}

static void fail(struct dk_canon *c, const char *problem)
{
	if (c->problem == NULL)
		c->problem = problem;
}

/* Writes what goes before a value (or a key) in the current container and
 * says whether the value may be written. */
static int before_value(struct dk_canon *c)
{
	if (c->problem != NULL)
		return 0;
	if (c->depth == 0) {
		if (c->whole) {
			fail(c, "a second value after the whole text");
			return 0;
		}
		return 1;
	}
	if (c->open[c->depth - 1] == '{') {
		if (!c->keyed) {
			fail(c, "a value in an object without its key");
			return 0;
		}
		c->keyed = 0;
		return 1;
	}
	if (!c->empty[c->depth - 1])
		dk_buf_add(c->out, ",", 1);
	c->empty[c->depth - 1] = 0;
	return 1;
}

/* After a scalar or a closed container: at the top level, the text is done. */
static void after_value(struct dk_canon *c)
{
	if (c->depth == 0)
		c->whole = 1;
}

static void open_container(struct dk_canon *c, char kind)
{
	if (!before_value(c))
		return;
	if (c->depth == DK_CANON_DEPTH) {
		fail(c, "arrays and objects nested too deep");
		return;
	}
	c->open[c->depth] = kind;
	c->empty[c->depth] = 1;
	c->depth++;
	dk_buf_add(c->out, &kind, 1);
}

static void close_container(struct dk_canon *c, char kind)
{
	if (c->problem != NULL)
		return;
	if (c->depth == 0 || c->open[c->depth - 1] != kind) {
		fail(c, "a close that does not match what is open");
		return;
	}
	if (c->keyed) {
		fail(c, "an object's last key has no value");
		return;
	}
	c->depth--;
	dk_buf_add(c->out, kind == '[' ? "]" : "}", 1);
	after_value(c);
}

void dk_canon_array_open(struct dk_canon *c) { open_container(c, '['); }
void dk_canon_array_close(struct dk_canon *c) { close_container(c, '['); }
void dk_canon_object_open(struct dk_canon *c) { open_container(c, '{'); }
void dk_canon_object_close(struct dk_canon *c) { close_container(c, '{'); }

/* SQLite's json_quote escaping (json.c, jsonAppendString), byte for byte. */
static void put_string(struct dk_buf *b, const char *s, size_t n)
{
	static const char special[0x20] = {
		[0x08] = 'b', [0x09] = 't', [0x0a] = 'n', [0x0c] = 'f', [0x0d] = 'r',
	};
	static const char hex[] = "0123456789abcdef";
	size_t run = 0; /* bytes copied as they are, waiting to be added */

	dk_buf_add(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char esc[6] = {'\\', 0, 0, 0, 0, 0};
		size_t len = 2;

		if (ch == '"' || ch == '\\')
			esc[1] = (char)ch;
		else if (ch < 0x20 && special[ch])
			esc[1] = special[ch];
		else if (ch < 0x20) {
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 0xf];
			len = 6;
		} else {
			run++;
			continue;
		}
		if (run > 0)
			dk_buf_add(b, s + i - run, run);
		run = 0;
		dk_buf_add(b, esc, len);
	}
	if (run > 0)
		dk_buf_add(b, s + n - run, run);
	dk_buf_add(b, "\"", 1);
}

void dk_canon_key(struct dk_canon *c, const char *s, size_t n)
{
	if (c->problem != NULL)
		return;
	if (c->depth == 0 || c->open[c->depth - 1] != '{') {
		fail(c, "a key outside an object");
		return;
	}
	if (c->keyed) {
		fail(c, "a key where its previous key's value belongs");
		return;
	}
	if (!c->empty[c->depth - 1])
		dk_buf_add(c->out, ",", 1);
	c->empty[c->depth - 1] = 0;
	put_string(c->out, s, n);
	dk_buf_add(c->out, ":", 1);
	c->keyed = 1;
}

void dk_canon_null(struct dk_canon *c)
{
	if (!before_value(c))
		return;
	dk_buf_add(c->out, "null", 4);
	after_value(c);
}

void dk_canon_int(struct dk_canon *c, int64_t v)
{
	if (!before_value(c))
		return;
	dk_buf_addf(c->out, "%lld", (long long)v);
	after_value(c);
}

int dk_canon_real_text(double v, char out[DK_CANON_REAL_MAX])
{
	char e[DK_CANON_REAL_MAX];
	int p, x, n;

	out[0] = '\0';
	if (!isfinite(v))
		return -1;
	/* The fewest digits that read back; 17 always do. The %e form's
	 * exponent is the rounded value's, so a carry (9.99... to 10) is
	 * already in it. */
	for (p = 1; p < 17; p++) {
		snprintf(e, sizeof e, "%.*e", p - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	if (p == 17)
		snprintf(e, sizeof e, "%.16e", v);
	x = atoi(strchr(e, 'e') + 1);
	/* %.*f rounds at the same decimal place as the p digits did, so it
	 * writes the same digits; below 1e15 an integer-valued double is
	 * exact, so %.0f adds no digits of its own. */
	if (x >= -4 && x < 15)
		n = snprintf(out, DK_CANON_REAL_MAX, "%.*f", p - 1 - x > 0 ? p - 1 - x : 0, v);
	else
		n = snprintf(out, DK_CANON_REAL_MAX, "%s", e);
	if (strchr(out, '.') == NULL && strchr(out, 'e') == NULL) {
		memcpy(out + n, ".0", 3);
		n += 2;
	}
	return n;
}

void dk_canon_real(struct dk_canon *c, double v)
{
	char t[DK_CANON_REAL_MAX];
	int n;

	if (c->problem != NULL)
		return;
	if ((n = dk_canon_real_text(v, t)) < 0) {
		fail(c, "a real that is infinite or not a number");
		return;
	}
	if (!before_value(c))
		return;
	dk_buf_add(c->out, t, (size_t)n);
	after_value(c);
}

void dk_canon_text(struct dk_canon *c, const char *s, size_t n)
{
	if (!before_value(c))
		return;
	put_string(c->out, s, n);
	after_value(c);
}

int dk_canon_finish(struct dk_canon *c, struct dk_error *err)
{
	if (c->problem == NULL && (c->depth > 0 || !c->whole))
		fail(c, c->depth > 0 ? "an array or object left open" : "no value");
	if (c->problem != NULL)
		return dk_fail(err, DK_EINPUT, "canonical text: %s", c->problem);
	if (!dk_buf_ok(c->out))
		return dk_fail(err, DK_EDB, "out of memory");
	return DK_OK;
}
