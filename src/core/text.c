#include "docket/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/suggest.h"

static void grow(struct dk_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 64;
	char *p;

	if (b->failed || b->len + need + 1 <= b->cap)
		return;
	while (cap < b->len + need + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->failed = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

int dk_buf_reserve(struct dk_buf *b, size_t n)
{
	grow(b, n);
	return !b->failed;
}

void dk_buf_add(struct dk_buf *b, const char *s, size_t n)
{
	grow(b, n);
	if (b->failed)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void dk_buf_adds(struct dk_buf *b, const char *s) { dk_buf_add(b, s, strlen(s)); }

void dk_buf_addf(struct dk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	if (b->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void dk_buf_json_string(struct dk_buf *b, const char *s)
{
	dk_buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': dk_buf_add(b, "\\\"", 2); break;
		case '\\': dk_buf_add(b, "\\\\", 2); break;
		case '\n': dk_buf_add(b, "\\n", 2); break;
		case '\r': dk_buf_add(b, "\\r", 2); break;
		case '\t': dk_buf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20)
				dk_buf_addf(b, "\\u%04x", *p);
			else
				dk_buf_add(b, (const char *)p, 1);
		}
	}
	dk_buf_add(b, "\"", 1);
}

const char *dk_buf_str(const struct dk_buf *b) { return b->p && !b->failed ? b->p : ""; }
int dk_buf_ok(const struct dk_buf *b) { return !b->failed; }

void dk_buf_clip(struct dk_buf *b, size_t max)
{
	size_t n = 0, chars = 0;

	if (b->p == NULL || b->failed || dk_utf8_len(b->p) <= max)
		return;
	while (b->p[n] && chars < max - 3) {
		n++;
		while (((unsigned char)b->p[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	b->p[n] = '\0';
	b->len = n;
	dk_buf_adds(b, "...");
}

void dk_buf_free(struct dk_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

/* Length of the UTF-8 sequence at p, or 0 when it is not valid (overlong
 * forms, surrogates and code points past U+10FFFF are not). */
static size_t utf8_seq(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f))
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

size_t dk_utf8_len(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}

/* The code point of the valid n-byte sequence at p when it is a
 * bidirectional control (embeddings, overrides, isolates, the marks), else
 * 0: such a character reorders how the text around it is shown, so a title
 * could read differently from what it holds (Trojan Source). */
static unsigned bidi_control(const unsigned char *p, size_t n)
{
	unsigned cp;

	if (n == 2)
		cp = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	else if (n == 3)
		cp = (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	else
		return 0;
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return cp;
	return 0;
}

const char *dk_text_problem(const char *s, size_t max, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, n;

	while (*p) {
		if (*p < 0x20 || *p == 0x7f) {
			if (!(multiline && (*p == '\n' || *p == '\t' || *p == '\r')))
				return "has a control character";
		}
		if ((n = utf8_seq(p)) == 0)
			return "is not valid UTF-8";
		if (!multiline && bidi_control(p, n) != 0)
			return "has a bidirectional control character";
		p += n;
		chars++;
	}
	if (chars > max)
		return "is too long";
	return NULL;
}

/* The first bidirectional control in s (valid UTF-8), or 0. */
static unsigned first_bidi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	unsigned cp;

	for (; *p; p += n ? n : 1)
		if ((n = utf8_seq(p)) != 0 && (cp = bidi_control(p, n)) != 0)
			return cp;
	return 0;
}

/* Quotes a value for a message: at most 40 bytes, control bytes and
 * bidirectional controls shown as '?'. */
static const char *shown(const char *s, char out[48])
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	for (; *p && i < 40; p++) {
		if ((n = utf8_seq(p)) > 1 && bidi_control(p, n) != 0) {
			out[i++] = '?';
			p += n - 1;
			continue;
		}
		out[i++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
	}
	if (*p) {
		/* keep a valid UTF-8 tail: back off a split sequence */
		while (i > 0 && ((unsigned char)out[i - 1] & 0xc0) == 0x80)
			i--;
		if (i > 0 && (unsigned char)out[i - 1] >= 0xc0)
			i--;
		memcpy(out + i, "...", 4);
	} else {
		out[i] = '\0';
	}
	return out;
}

const char *dk_text_shown(const char *s, char out[48]) { return shown(s, out); }

int dk_check_text(const char *opt, const char *s, size_t max, int multiline,
                  struct dk_error *err)
{
	char v[48];
	const char *why = dk_text_problem(s, max, multiline);

	if (why == NULL && *s == '\0')
		why = "is empty";
	if (why == NULL)
		return DK_OK;
	if (strcmp(why, "is too long") == 0)
		return dk_fail(err, DK_EINPUT, "%s '%s' is too long (%zu characters, at most %zu)",
		               opt, shown(s, v), dk_utf8_len(s), max);
	if (strcmp(why, "is not valid UTF-8") == 0)
		return dk_fail(err, DK_EINPUT, "%s is not valid UTF-8", opt);
	if (strcmp(why, "has a bidirectional control character") == 0)
		return dk_fail(err, DK_EINPUT, "%s '%s' has a bidirectional control character "
		               "(U+%04X), which reorders how text is shown", opt, shown(s, v),
		               first_bidi(s));
	return dk_fail(err, DK_EINPUT, "%s '%s' %s%s", opt, shown(s, v), why,
	               *s ? (multiline ? " (only newlines and tabs are allowed)"
	                               : " (one line of printable text)")
	                  : " (give some text)");
}

int dk_check_ident(const char *opt, const char *s, size_t max, int upper,
                   struct dk_error *err)
{
	char v[48];
	size_t n = strlen(s);
	int ok = n >= 1 && n <= max && isalnum((unsigned char)s[0]);

	for (size_t i = 0; ok && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		ok = islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-' ||
		     (upper && isupper(c));
	}
	if (ok)
		return DK_OK;
	return dk_fail(err, DK_EINPUT, "%s '%s' is not allowed (1 to %zu of %s, digits, '.', "
	               "'_', '-', starting with a letter or digit)",
	               opt, shown(s, v), max, upper ? "letters" : "lower-case letters");
}

int dk_parse_int(const char *opt, const char *s, int64_t min, int64_t max, int64_t *out,
                 struct dk_error *err)
{
	char v[48], *end;
	long long x;

	errno = 0;
	x = strtoll(s, &end, 10);
	if (*s == '\0' || isspace((unsigned char)*s) || *end != '\0' || errno == ERANGE ||
	    x < min || x > max)
		return dk_fail(err, DK_EINPUT, "%s '%s' is not a whole number from %lld to %lld",
		               opt, shown(s, v), (long long)min, (long long)max);
	*out = x;
	return DK_OK;
}

int dk_parse_real(const char *opt, const char *s, double min, double max, double *out,
                  struct dk_error *err)
{
	char v[48], *end;
	double x;

	errno = 0;
	x = strtod(s, &end);
	/* decimal only: strtod would also take 0x10, inf and nan */
	if (*s == '\0' || s[strspn(s, "0123456789+-.eE")] != '\0' || *end != '\0' ||
	    errno == ERANGE || !isfinite(x) || x < min || x > max)
		return dk_fail(err, DK_EINPUT, "%s '%s' is not a number from %g to %g", opt,
		               shown(s, v), min, max);
	*out = x;
	return DK_OK;
}

int dk_check_enum(const char *opt, const char *s, const char *const *allowed,
                  struct dk_error *err)
{
	char v[48], list[256] = "", near[160];
	size_t used = 0;

	for (const char *const *a = allowed; *a; a++) {
		if (strcmp(s, *a) == 0)
			return DK_OK;
		used += (size_t)snprintf(list + used, used < sizeof list ? sizeof list - used : 0,
		                         "%s%s", a == allowed ? "" : ", ", *a);
	}
	dk_suggest_tail(s, allowed, near, sizeof near);
	return dk_fail(err, DK_EINPUT, "%s '%s' is not one of: %s%s", opt, shown(s, v), list, near);
}

static int add_item(const char *opt, const char *item, size_t n, size_t item_max,
                    int first, struct dk_buf *out, struct dk_error *err)
{
	char tmp[1024];
	int rc;

	while (n > 0 && isspace((unsigned char)*item)) {
		item++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)item[n - 1]))
		n--;
	if (n == 0)
		return dk_fail(err, DK_EINPUT, "%s has an empty item (separate items with commas)", opt);
	if (n >= sizeof tmp)
		return dk_fail(err, DK_EINPUT, "%s has an item longer than %zu characters", opt, item_max);
	memcpy(tmp, item, n);
	tmp[n] = '\0';
	if ((rc = dk_check_text(opt, tmp, item_max, 0, err)) != DK_OK)
		return rc;
	if (!first)
		dk_buf_add(out, ",", 1);
	dk_buf_json_string(out, tmp);
	return DK_OK;
}

int dk_list_to_json(const char *opt, const char *list, size_t item_max, size_t max_items,
                    struct dk_buf *out, struct dk_error *err)
{
	const char *p = list, *comma;
	size_t count = 0;
	int rc;

	dk_buf_add(out, "[", 1);
	while (*list != '\0') {
		comma = strchr(p, ',');
		if (++count > max_items)
			return dk_fail(err, DK_EINPUT, "%s has more than %zu items", opt, max_items);
		rc = add_item(opt, p, comma ? (size_t)(comma - p) : strlen(p), item_max,
		              count == 1, out, err);
		if (rc != DK_OK)
			return rc;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	dk_buf_add(out, "]", 1);
	return dk_buf_ok(out) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

int dk_items_to_json(const char *opt, const char *const *items, size_t n, size_t item_max,
                     struct dk_buf *out, struct dk_error *err)
{
	int rc;

	dk_buf_add(out, "[", 1);
	for (size_t i = 0; i < n; i++) {
		if (strlen(items[i]) > 4 * item_max)
			return dk_fail(err, DK_EINPUT, "%s is too long (at most %zu characters)", opt, item_max);
		if ((rc = dk_check_text(opt, items[i], item_max, 0, err)) != DK_OK)
			return rc;
		if (i > 0)
			dk_buf_add(out, ",", 1);
		dk_buf_json_string(out, items[i]);
	}
	dk_buf_add(out, "]", 1);
	return dk_buf_ok(out) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

int dk_check_uuid(const char *opt, const char *s, struct dk_error *err)
{
	char v[48];
	int ok = strlen(s) == 36;

	for (int i = 0; ok && i < 36; i++)
		ok = (i == 8 || i == 13 || i == 18 || i == 23) ? s[i] == '-'
		     : (isdigit((unsigned char)s[i]) || (s[i] >= 'a' && s[i] <= 'f'));
	if (ok)
		return DK_OK;
	return dk_fail(err, DK_EINPUT, "%s '%s' is not a UUID (8-4-4-4-12 lower-case hex digits)",
	               opt, shown(s, v));
}

int dk_csv_needs_mark(const char *s)
{
	while (*s == '\'')
		s++;
	return *s != '\0' && strchr("=+-@\t\r\n", *s) != NULL;
}

const char *dk_csv_unmark(const char *s)
{
	return s[0] == '\'' && dk_csv_needs_mark(s + 1) ? s + 1 : s;
}

size_t dk_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b), row[65], prev, cur;

	if (strlen(a) > 64 || n > 64)
		return (size_t)-1;
	for (size_t j = 0; j <= n; j++)
		row[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t del = row[j] + 1, ins = row[j - 1] + 1, sub = prev + (a[i - 1] != b[j - 1]);
			cur = row[j];
			row[j] = del < ins ? del : ins;
			if (sub < row[j])
				row[j] = sub;
			prev = cur;
		}
	}
	return row[n];
}
