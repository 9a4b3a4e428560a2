/* docket/suggest.h: "did you mean" for a word that is not one of a set
 * (commands, subcommands, options, enumeration values).
 *
 * A word is suggested when its Damerau-Levenshtein distance to what was
 * typed (ASCII case folded; an adjacent transposition counts 1) is at most
 * max(1, len / 3), len the typed length; of those, the nearest, up to
 * DK_SUGGEST_MAX of them when several are as near. Nothing is suggested
 * for an empty word.
 *
 * Ownership: struct dk_suggest points at the typed text and at the words
 * it was given, which must outlive it; it allocates nothing. */
#ifndef DOCKET_SUGGEST_H
#define DOCKET_SUGGEST_H

#include <stddef.h>

#define DK_SUGGEST_MAX 3

/* The optimal-string-alignment distance between a and b, counting an
 * insertion, a deletion, a substitution or the swap of two adjacent
 * characters as 1. (size_t)-1 when either is longer than 64 bytes. */
size_t dk_damerau_distance(const char *a, const char *b);

struct dk_suggest {
	const char *typed;
	size_t limit;                         /* the farthest a suggestion may be */
	size_t best;                          /* distance of the words kept */
	int n;                                /* words kept */
	const char *words[DK_SUGGEST_MAX];    /* the nearest, in the order given */
};

void dk_suggest_init(struct dk_suggest *s, const char *typed);
/* Considers one word; a word already kept is not kept twice. */
void dk_suggest_add(struct dk_suggest *s, const char *word);
/* Writes "did you mean 'a'?", "did you mean 'a' or 'b'?" or "did you mean
 * 'a', 'b' or 'c'?" into buf (each word after lead, e.g. "--"), or "" when
 * nothing is near; returns the number of words named. */
int dk_suggest_phrase(const struct dk_suggest *s, const char *lead, char *buf, size_t size);
/* The same over a NULL-terminated list, as "; did you mean 'a'?" (or ""),
 * to end an "is not one of" message. */
int dk_suggest_tail(const char *typed, const char *const *words, char *buf, size_t size);

#endif
