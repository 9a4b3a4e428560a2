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

/* SQLite's json_quote escaping (json.c, jsonAppendString), byte for byte:
 * 0 for a byte copied as it is, else the letter after its backslash ('u'
 * for \u00XX). Most text has no byte to escape and is added in one run. */
static const char escape[256] = {
	['"'] = '"', ['\\'] = '\\', [0x08] = 'b', [0x09] = 't', [0x0a] = 'n', [0x0c] = 'f',
	[0x0d] = 'r', [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u', [0x0f] = 'u',
	[0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u', [0x14] = 'u', [0x15] = 'u',
	[0x16] = 'u', [0x17] = 'u', [0x18] = 'u', [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u',
	[0x1c] = 'u', [0x1d] = 'u', [0x1e] = 'u', [0x1f] = 'u',
};

/* Writes s quoted and escaped straight into b, which first makes room for
 * the worst case (every byte a \u00XX). */
static void put_string(struct dk_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *o;

	if (n > (SIZE_MAX - 3) / 6 || !dk_buf_reserve(b, 6 * n + 2)) {
		b->failed = 1;
		return;
	}
	o = b->p + b->len;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char e = escape[ch];

		if (e == 0) {
			*o++ = (char)ch;
			continue;
		}
		*o++ = '\\';
		*o++ = e;
		if (e == 'u') {
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[ch >> 4];
			*o++ = hex[ch & 0xf];
		}
	}
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->p);
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
	{
		/* Digits from the right; INT64_MIN's magnitude is taken unsigned. */
		char t[24];
		size_t i = sizeof t;
		uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

		do
			t[--i] = (char)('0' + m % 10);
		while ((m /= 10) != 0);
		if (v < 0)
			t[--i] = '-';
		dk_buf_add(c->out, t + i, sizeof t - i);
	}
	after_value(c);
}

/* Writes the digits of the shortest decimal that reads back as a (finite
 * and positive), without trailing zeros, and sets *exp10 to the exponent
 * of its first digit. For each length p the candidates are the correctly rounded p digits and
 * their two neighbours: the rounded ones are the nearest, but just above a
 * power of two the interval that reads back is narrower below the double
 * than above it, and there the neighbour above may read back when the
 * nearest does not (2^-1017: 7120236347223045, not 71202363472230444). At
 * most one of a failed nearest's neighbours can read back (the interval
 * is contiguous), and 17 rounded digits always do. */
static void shortest_digits(double a, char digits[24], int *exp10)
{
	char e[DK_CANON_REAL_MAX], t[48];

	for (int p = 1; p <= 17; p++) {
		unsigned long long m = 0, cand[3];
		int x;

		snprintf(e, sizeof e, "%.*e", p - 1, a);
		for (const char *q = e; *q != 'e'; q++)
			if (*q != '.')
				m = m * 10 + (unsigned long long)(*q - '0');
		x = atoi(strchr(e, 'e') + 1);
		cand[0] = m;
		cand[1] = m - 1;
		cand[2] = m + 1;
		for (int k = 0; k < 3; k++) {
			size_t n;

			if (cand[k] == 0)
				continue;
			snprintf(t, sizeof t, "%llue%d", cand[k], x - p + 1);
			if (strtod(t, NULL) != a)
				continue;
			n = (size_t)snprintf(digits, 24, "%llu", cand[k]);
			*exp10 = x - p + 1 + (int)n - 1;
			while (n > 1 && digits[n - 1] == '0')
				digits[--n] = '\0';
			return;
		}
	}
	snprintf(digits, 24, "0"); /* not reached */
	*exp10 = 0;
}

int dk_canon_real_text(double v, char out[DK_CANON_REAL_MAX])
{
	char d[24];
	int x = 0, n = 0, len;

	out[0] = '\0';
	if (!isfinite(v))
		return -1;
	if (v == 0)
		snprintf(d, sizeof d, "0");
	else
		shortest_digits(fabs(v), d, &x);
	len = (int)strlen(d);
	if (signbit(v))
		out[n++] = '-';
	if (x >= -4 && x < 15) {
		if (x < 0) /* 0.000ddd */
			n += snprintf(out + n, DK_CANON_REAL_MAX - n, "0.%.*s%s", -x - 1, "000", d);
		else if (len <= x + 1) /* ddd000 */
			n += snprintf(out + n, DK_CANON_REAL_MAX - n, "%s%.*s", d, x + 1 - len,
			              "00000000000000");
		else /* ddd.ddd */
			n += snprintf(out + n, DK_CANON_REAL_MAX - n, "%.*s.%s", x + 1, d, d + x + 1);
	} else {
		n += snprintf(out + n, DK_CANON_REAL_MAX - n, "%c%s%se%c%02d", d[0], len > 1 ? "." : "",
		              d + 1, x < 0 ? '-' : '+', x < 0 ? -x : x);
	}
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
