/* lookup.c: a command, subcommand or long option by its name, by a unique
 * prefix of it, or (subcommands) by a git-style alias; when none fits, the
 * message says so with the nearest names (docket/suggest.h). An exact name
 * always wins over prefixes; a prefix of several names is refused with
 * them listed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docket/suggest.h"
#include "docket/text.h"

#define NAMES_MAX 96 /* more than any command has options, global ones included */

enum { FOUND_NONE = -1, FOUND_SEVERAL = -2 };

static const struct {
	const char *alias, *name;
} aliases[] = {
	{"ls", "list"},
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Which of names[0..n) typed (len bytes, not NUL-terminated) names: its
 * index, FOUND_NONE or FOUND_SEVERAL. For FOUND_SEVERAL, list gets the
 * names it begins, in alphabetical order, each after lead. */
static int find_name(const char *typed, size_t len, const char *const *names, int n,
                     const char *lead, char *list, size_t size)
{
	const char *several[NAMES_MAX];
	int found = FOUND_NONE, count = 0;
	size_t used = 0;

	for (int k = 0; k < n; k++)
		if (strlen(names[k]) == len && strncmp(names[k], typed, len) == 0)
			return k;
	if (len == 0)
		return FOUND_NONE;
	for (int k = 0; k < n; k++)
		if (strncmp(names[k], typed, len) == 0) {
			int seen = 0;

			for (int j = 0; j < count; j++)
				seen |= strcmp(several[j], names[k]) == 0;
			if (seen)
				continue;
			several[count++] = names[k];
			found = k;
		}
	if (count <= 1)
		return found;
	qsort(several, (size_t)count, sizeof several[0], by_name);
	list[0] = '\0';
	for (int j = 0; j < count && used < size; j++)
		used += (size_t)snprintf(list + used, size - used, "%s%s%s", j ? ", " : "", lead,
		                         several[j]);
	return FOUND_SEVERAL;
}

/* "; did you mean 'x'?" for typed among names, or "" when nothing is near. */
static void nearest(const char *typed, const char *const *names, int n, const char *lead,
                    char *buf, size_t size)
{
	struct dk_suggest s;

	dk_suggest_init(&s, typed);
	for (int k = 0; k < n; k++)
		dk_suggest_add(&s, names[k]);
	memcpy(buf, "; ", 3);
	if (dk_suggest_phrase(&s, lead, buf + 2, size - 2) == 0)
		buf[0] = '\0';
}

const char *find_word(const char *name, const char *const *names, int n, const char *what,
                      const char *see, char *why, size_t size)
{
	char list[512], near[160], v[48];
	int k = find_name(name, strlen(name), names, n, "", list, sizeof list);

	if (k >= 0)
		return names[k];
	/* what was typed, quoted without control bytes (a terminal escape) */
	dk_text_shown(name, v);
	if (k == FOUND_SEVERAL) {
		snprintf(why, size, "'%s' is ambiguous: %s", v, list);
		return NULL;
	}
	nearest(name, names, n, "", near, sizeof near);
	if (near[0])
		snprintf(why, size, "'%s' is not %s%s", v, what, near);
	else
		snprintf(why, size, "'%s' is not %s (see '%s')", v, what, see);
	return NULL;
}

const char *find_command(const char *name, char *why, size_t size)
{
	const char *names[NAMES_MAX] = {NULL};
	int n = 0;

	for (const struct group *g = groups; g->name && n < NAMES_MAX - 1; g++)
		names[n++] = g->name;
	names[n++] = "help";
	return find_word(name, names, n, "a command", "docket help", why, size);
}

const struct group *find_group(const char *name)
{
	for (const struct group *g = groups; g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

const struct cmd *find_cmd(const struct group *g, const char *name, char *why, size_t size)
{
	const char *names[NAMES_MAX] = {NULL}, *found;
	char see[64];
	int n = 0;

	for (const struct cmd *c = g->cmds; c->run && n < NAMES_MAX; c++)
		names[n++] = c->name ? c->name : "";
	snprintf(see, sizeof see, "docket help %s", g->name);
	found = find_word(name, names, n, "a subcommand", see, why, size);
	for (size_t j = 0; !found && j < sizeof aliases / sizeof aliases[0]; j++)
		for (int k = 0; strcmp(name, aliases[j].alias) == 0 && k < n; k++)
			if (strcmp(names[k], aliases[j].name) == 0)
				found = names[k];
	for (int k = 0; found && k < n; k++)
		if (names[k] == found)
			return &g->cmds[k];
	return NULL;
}

const struct opt *find_opt(const struct opt *opts, const char *name, size_t len)
{
	for (const struct opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

const struct opt *match_opt(const struct opt *opts, const struct opt *global, const char *name,
                            size_t len, const char *see, char *why, size_t size)
{
	const struct opt *rows[NAMES_MAX];
	const char *names[NAMES_MAX] = {NULL};
	char list[512], near[160], typed[72], v[48];
	int n = 0, k;

	for (const struct opt *o = opts; o && o->name && n < NAMES_MAX; o++, n++) {
		rows[n] = o;
		names[n] = o->name;
	}
	for (const struct opt *o = global; o && o->name && n < NAMES_MAX; o++, n++) {
		rows[n] = o;
		names[n] = o->name;
	}
	/* the command's own option wins over a global one of the same name */
	k = find_name(name, len, names, n, "--", list, sizeof list);
	if (k >= 0)
		return rows[k];
	snprintf(typed, sizeof typed, "%.*s", (int)(len < 64 ? len : 64), name);
	dk_text_shown(typed, v);
	if (k == FOUND_SEVERAL) {
		snprintf(why, size, "option '--%s' is ambiguous: %s", v, list);
		return NULL;
	}
	nearest(typed, names, n, "--", near, sizeof near);
	snprintf(why, size, "unknown option '--%s'%s%s%s", v, near[0] ? near : " (see '",
	         near[0] ? "" : see, near[0] ? "" : "')");
	return NULL;
}
