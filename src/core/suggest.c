#include "docket/suggest.h"

#include <stdio.h>
#include <string.h>

#define WORD_MAX 64

static char fold(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Three rows of the distance table: the one before the previous is what a
 * transposition reaches back to. */
static size_t distance(const char *a, const char *b, int folded)
{
	size_t n = strlen(a), m = strlen(b), rows[3][WORD_MAX + 1];

	if (n > WORD_MAX || m > WORD_MAX)
		return (size_t)-1;
	for (size_t j = 0; j <= m; j++)
		rows[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *cur = rows[i % 3], *prev = rows[(i + 2) % 3], *back = rows[(i + 1) % 3];
		char ca = folded ? fold(a[i - 1]) : a[i - 1];

		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			char cb = folded ? fold(b[j - 1]) : b[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb));
			if (i > 1 && j > 1 && ca == (folded ? fold(b[j - 2]) : b[j - 2]) &&
			    (folded ? fold(a[i - 2]) : a[i - 2]) == cb && back[j - 2] + 1 < cur[j])
				cur[j] = back[j - 2] + 1;
		}
	}
	return rows[n % 3][m];
}

size_t dk_damerau_distance(const char *a, const char *b) { return distance(a, b, 0); }

void dk_suggest_init(struct dk_suggest *s, const char *typed)
{
	size_t len = strlen(typed);

	memset(s, 0, sizeof *s);
	s->typed = typed;
	s->limit = len / 3 > 1 ? len / 3 : 1;
	s->best = (size_t)-1;
}

void dk_suggest_add(struct dk_suggest *s, const char *word)
{
	size_t d;

	/* nothing typed is near nothing: '' would be 1 from every one-letter word */
	if (s->typed[0] == '\0')
		return;
	d = distance(s->typed, word, 1);
	if (d == (size_t)-1 || d > s->limit || d > s->best)
		return;
	if (d < s->best) {
		s->best = d;
		s->n = 0;
	}
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->words[i], word) == 0)
			return;
	if (s->n < DK_SUGGEST_MAX)
		s->words[s->n++] = word;
}

int dk_suggest_phrase(const struct dk_suggest *s, const char *lead, char *buf, size_t size)
{
	size_t used = 0;

	if (size > 0)
		buf[0] = '\0';
	if (s->n == 0)
		return 0;
	for (int i = 0; i < s->n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s'%s%s'", i == 0 ? "did you mean " :
		                         i == s->n - 1 ? " or " : ", ", lead, s->words[i]);
	if (used < size)
		snprintf(buf + used, size - used, "?");
	return s->n;
}

int dk_suggest_tail(const char *typed, const char *const *words, char *buf, size_t size)
{
	struct dk_suggest s;
	int n;

	dk_suggest_init(&s, typed);
	for (const char *const *w = words; *w; w++)
		dk_suggest_add(&s, *w);
	if (size < 3) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	n = dk_suggest_phrase(&s, "", buf + 2, size - 2);
	if (n > 0)
		memcpy(buf, "; ", 2);
	else
		buf[0] = '\0';
	return n;
}
