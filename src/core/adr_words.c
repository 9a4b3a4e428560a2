/* adr_words.c: the words of ADR files: a record's arena, what a file name
 * says (an ADR, its number, a template or an index), inline Markdown reduced
 * to its text, and statuses as people write them mapped to docket's. */
#include "adr_words.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/date.h"

/* ---- arena ------------------------------------------------------------ */

void dk_adr_init(struct dk_adr *a)
{
	memset(a, 0, sizeof *a);
	a->number = DK_ADR_NO_NUMBER;
}

void dk_adr_free(struct dk_adr *a)
{
	for (size_t i = 0; i < a->n_mem; i++)
		free(a->mem[i]);
	free(a->mem);
	dk_adr_init(a);
}

/* Grows the arena's newest block to size bytes. */
static const char *realloc_last(struct dk_adr *a, size_t size)
{
	char *p = realloc(a->mem[a->n_mem - 1], size);

	if (p != NULL)
		a->mem[a->n_mem - 1] = p;
	else
		a->oom = 1;
	return p;
}

const char *dk_adr_strndup(struct dk_adr *a, const char *s, size_t n)
{
	char *p;

	if (a->n_mem == a->cap_mem) {
		size_t cap = a->cap_mem ? a->cap_mem * 2 : 32;
		char **m = realloc(a->mem, cap * sizeof *m);
		if (m == NULL) {
			a->oom = 1;
			return NULL;
		}
		a->mem = m;
		a->cap_mem = cap;
	}
	if ((p = malloc(n + 1)) == NULL) {
		a->oom = 1;
		return NULL;
	}
	memcpy(p, s, n);
	p[n] = '\0';
	a->mem[a->n_mem++] = p;
	return p;
}

struct dk_adr_option *dk_adr_add_option(struct dk_adr *a)
{
	if (a->n_options == DK_ADR_MAX_ITEMS)
		return NULL;
	if (a->n_options == a->cap_options) {
		/* a bigger block from the arena; the old one stays there until the
		 * record is freed */
		size_t cap = a->cap_options ? a->cap_options * 2 : 4;
		const char *block;
		if (cap > DK_ADR_MAX_ITEMS)
			cap = DK_ADR_MAX_ITEMS;
		block = dk_adr_strndup(a, a->options ? (const char *)a->options : "",
		                       a->n_options * sizeof *a->options);
		if (block == NULL)
			return NULL;
		if ((block = realloc_last(a, cap * sizeof *a->options)) == NULL)
			return NULL;
		a->options = (struct dk_adr_option *)(void *)block;
		a->cap_options = cap;
	}
	memset(&a->options[a->n_options], 0, sizeof *a->options);
	return &a->options[a->n_options++];
}

const char *adr_trimmed(struct dk_adr *a, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return dk_adr_strndup(a, s, n);
}

/* ---- file names ------------------------------------------------------- */

/* Digits at s (at least min), then '-' or '_': their count, else 0. */
static size_t number_prefix(const char *s, size_t min)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	return n >= min && n <= 12 && (s[n] == '-' || s[n] == '_') ? n : 0;
}

/* YYYYMMDD- with a real date: log4brains' ids. */
int adr_date_prefix(const char *s)
{
	char d[DK_DATE_LEN];

	if (number_prefix(s, 8) != 8)
		return 0;
	snprintf(d, sizeof d, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	return dk_date_valid(d);
}

int adr_ends_md(const char *s)
{
	size_t n = strlen(s);

	return n > 3 && (strcasecmp(s + n - 3, ".md") == 0);
}

int64_t dk_adr_name_number(const char *base)
{
	size_t n;

	if (adr_date_prefix(base))
		return DK_ADR_NO_NUMBER;
	if ((n = number_prefix(base, 3)) > 0)
		return strtoll(base, NULL, 10);
	if (strncasecmp(base, "adr", 3) == 0 && (base[3] == '-' || base[3] == '_') &&
	    number_prefix(base + 4, 1) > 0)
		return strtoll(base + 4, NULL, 10);
	return DK_ADR_NO_NUMBER;
}

int dk_adr_name_kind(const char *base)
{
	static const char *const index[] = {"readme.md", "index.md", "toc.md", "contents.md",
	                                    "summary.md", "changelog.md", "_sidebar.md", NULL};
	char low[256];
	size_t n = strlen(base);

	if (base[0] == '.' || !adr_ends_md(base))
		return DK_ADR_NAME_IGNORED;
	for (size_t i = 0; i < n && i < sizeof low - 1; i++)
		low[i] = (char)tolower((unsigned char)base[i]);
	low[n < sizeof low - 1 ? n : sizeof low - 1] = '\0';
	for (int i = 0; index[i]; i++)
		if (strcmp(low, index[i]) == 0)
			return DK_ADR_NAME_INDEX;
	if (strstr(low, "template") != NULL)
		return DK_ADR_NAME_TEMPLATE;
	if (adr_date_prefix(base) || dk_adr_name_number(base) != DK_ADR_NO_NUMBER)
		return DK_ADR_NAME_ADR;
	return DK_ADR_NAME_OTHER;
}

/* ---- inline Markdown -------------------------------------------------- */

/* The text of s with link and image syntax reduced to their text, emphasis
 * and code marks removed, and blanks collapsed. */
void adr_plain(const char *s, struct dk_buf *out)
{
	int space = 0;

	while (*s) {
		const char *t = s[0] == '[' ? s + 1 : s[0] == '!' && s[1] == '[' ? s + 2 : NULL;
		const char *close = t ? strchr(t, ']') : NULL;

		if (close) {
			const char *after = close + 1;
			if (*after == '(' && strchr(after, ')'))
				after = strchr(after, ')') + 1;
			if (space && out->len)
				dk_buf_adds(out, " ");
			space = 0;
			{
				/* the text of a link, reduced the same way */
				char *inner = malloc((size_t)(close - t) + 1);
				if (inner) {
					memcpy(inner, t, (size_t)(close - t));
					inner[close - t] = '\0';
					adr_plain(inner, out);
					free(inner);
				}
			}
			s = after;
			continue;
		}
		if (*s == '\\' && ispunct((unsigned char)s[1])) {
			s++; /* a Markdown escape: \( \[ */
		} else if (*s == '*' || *s == '`' ||
		    (*s == '_' && (s[1] == '_' || !isalnum((unsigned char)s[1])))) {
			s++;
			continue;
		}
		if (isspace((unsigned char)*s)) {
			space = 1;
			s++;
			continue;
		}
		if (space && out->len)
			dk_buf_adds(out, " ");
		space = 0;
		dk_buf_add(out, s, 1);
		s++;
	}
}

/* lower-case, plain, quotes and trailing punctuation gone: for matching. */
void adr_normal(const char *s, struct dk_buf *out)
{
	struct dk_buf b = {0};
	const char *p;
	size_t n;

	adr_plain(s, &b);
	p = dk_buf_str(&b);
	n = strlen(p);
	while (n > 0 && (*p == '"' || *p == '\'' || *p == ' ')) {
		p++;
		n--;
	}
	while (n > 0 && strchr("\"'.:;, ", p[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++)
		dk_buf_addf(out, "%c", (char)tolower((unsigned char)p[i]));
	dk_buf_free(&b);
}

/* ---- statuses --------------------------------------------------------- */

static const struct {
	const char *words;   /* lower case, as written */
	const char *status;
	int keep;            /* the words become the status reason */
} statuses[] = {
	{"proposed", "proposed", 0}, {"accepted", "accepted", 0}, {"rejected", "rejected", 0},
	{"superseded", "superseded", 0}, {"deprecated", "deprecated", 0},
	{"draft", "proposed", 0}, {"pending", "proposed", 0}, {"in review", "proposed", 0},
	{"under review", "proposed", 0}, {"in progress", "proposed", 0}, {"proposal", "proposed", 0},
	{"open", "proposed", 0}, {"wip", "proposed", 0}, {"work in progress", "proposed", 0},
	{"on hold", "proposed", 1}, {"deferred", "proposed", 1}, {"postponed", "proposed", 1},
	{"approved", "accepted", 0}, {"done", "accepted", 0}, {"adopted", "accepted", 0},
	{"implemented", "accepted", 0}, {"agreed", "accepted", 0}, {"decided", "accepted", 0},
	{"active", "accepted", 0}, {"amended", "accepted", 0},
	{"partly superseded", "accepted", 1}, {"partially superseded", "accepted", 1},
	{"declined", "rejected", 0}, {"withdrawn", "rejected", 1}, {"abandoned", "rejected", 1},
	{"obsolete", "deprecated", 0}, {"retired", "deprecated", 0}, {"replaced", "superseded", 0},
};

static const char *const known[] = {"proposed", "accepted", "rejected", "superseded", "deprecated",
                                    NULL};

static const char *canonical(const char *s)
{
	for (int i = 0; known[i]; i++)
		if (strcmp(s, known[i]) == 0)
			return known[i];
	return NULL;
}

int dk_adr_status_map_check(const char *pair, struct dk_error *err)
{
	const char *eq = strchr(pair, '=');

	if (eq == NULL || eq == pair || eq - pair > 40)
		return dk_fail(err, DK_EINPUT, "--status-map '%.60s' is not WORD=STATUS", pair);
	if (canonical(eq + 1) == NULL)
		return dk_fail(err, DK_EINPUT, "--status-map '%.60s': '%.20s' is not one of: proposed, "
		               "accepted, rejected, superseded, deprecated", pair, eq + 1);
	return DK_OK;
}

/* 1 when words (normalised) starts with phrase w as whole words. */
static int starts_words(const char *words, const char *w)
{
	size_t n = strlen(w);

	return strncmp(words, w, n) == 0 && !isalpha((unsigned char)words[n]);
}

static int map_words(const char *words, const struct dk_adr_status_map *map, const char **status,
                     int *keep)
{
	size_t best = 0;

	for (size_t i = 0; map && i < map->n; i++) {
		const char *eq = strchr(map->pairs[i], '=');
		char w[48];
		size_t n = (size_t)(eq - map->pairs[i]);
		if (n >= sizeof w)
			continue;
		for (size_t k = 0; k < n; k++)
			w[k] = (char)tolower((unsigned char)map->pairs[i][k]);
		w[n] = '\0';
		if (starts_words(words, w) && n > best) {
			best = n;
			*status = canonical(eq + 1);
			*keep = 0;
		}
	}
	if (best)
		return 1;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		size_t n = strlen(statuses[i].words);
		if (starts_words(words, statuses[i].words) && n > best) {
			best = n;
			*status = statuses[i].status;
			*keep = statuses[i].keep;
		}
	}
	return best > 0;
}

/* The words a shields.io badge URL carries: .../badge/LABEL-MESSAGE-COLOR */
static int badge_words(const char *url, size_t n, const struct dk_adr_status_map *map,
                       const char **status, int *keep)
{
	const char *b = NULL;
	char part[64];

	for (size_t i = 0; i + 6 <= n; i++)
		if (strncmp(url + i, "badge/", 6) == 0)
			b = url + i + 6;
	if (b == NULL) {
		for (size_t i = n; i > 0; i--)
			if (url[i - 1] == '/') {
				b = url + i;
				break;
			}
		if (b == NULL)
			b = url;
	}
	for (const char *p = b; p < url + n;) {
		size_t k = 0;
		while (p + k < url + n && p[k] != '-' && p[k] != '.' && p[k] != '?' && k < sizeof part - 1) {
			part[k] = p[k] == '_' || p[k] == '+' ? ' ' : (char)tolower((unsigned char)p[k]);
			k++;
		}
		part[k] = '\0';
		if (k && map_words(part, map, status, keep))
			return 1;
		if (p + k >= url + n || p[k] == '?')
			break;
		p += k + 1;
	}
	return 0;
}

int dk_adr_status_read(struct dk_adr *a, const char *written, const struct dk_adr_status_map *map,
                       const char **status, const char **reason)
{
	struct dk_buf w = {0};
	const char *img = strstr(written, "![");
	int keep = 0, rc;

	*status = NULL;
	*reason = NULL;
	adr_normal(written, &w);
	rc = w.len == 0 && img == NULL ? 0 : map_words(dk_buf_str(&w), map, status, &keep) ? 1 : -1;
	if (rc < 0 && img) {
		/* a badge: its alt text did not say; its URL may */
		const char *close = strstr(img, "](");
		const char *end = close ? strchr(close + 2, ')') : NULL;
		if (end && badge_words(close + 2, (size_t)(end - close - 2), map, status, &keep))
			rc = 1;
		else if (w.len == 0)
			rc = 0;
	}
	if (rc == 1 && keep) {
		/* the words as written, without Markdown: "On hold", "Partly superseded" */
		struct dk_buf p = {0};
		adr_plain(written, &p);
		*reason = adr_trimmed(a, dk_buf_str(&p), p.len);
		dk_buf_free(&p);
	}
	dk_buf_free(&w);
	return rc;
}

void adr_quoted(struct dk_buf *b, const char *s)
{
	dk_buf_adds(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			dk_buf_adds(b, "\\");
		dk_buf_add(b, s, 1);
	}
	dk_buf_adds(b, "\"");
}
