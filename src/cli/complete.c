/* complete.c: docket __complete, the data the shell completions offer
 * (complete.h). It must answer within a keystroke: it opens the database
 * read-only, checks nothing a read does not need, and asks for at most
 * LIMIT candidates through indexed lookups (docket/candidates.h). */
#include "complete.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "docket/candidates.h"
#include "docket/db.h"
#include "docket/store.h"

#define LIMIT 200

/* A candidate: its first cell, a tab and the second (the description),
 * with any control character shown as a space. lead goes before the
 * candidate (the items of a list already typed). */
struct emit {
	const char *lead;
};

static void put_clean(const char *s)
{
	for (; s != NULL && *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void put_name(const char *name, const char *description)
{
	put_clean(name);
	putchar('\t');
	put_clean(description);
	putchar('\n');
}

static int emit_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct emit *e = arg;

	(void)err;
	fputs(e->lead, stdout);
	put_name(cells[0].text, ncol > 1 ? cells[1].text : NULL);
	return DK_OK;
}

/* Command names with their summaries, for `docket help <Tab>`. */
/* docket help <Tab>: the topics, then the commands */
static void help_names(const char *prefix)
{
	for (const struct topic *t = topics; t->name; t++)
		if (strncmp(t->name, prefix, strlen(prefix)) == 0)
			put_name(t->name, t->summary);
	for (const struct group *g = groups; g->name; g++)
		if (strncmp(g->name, prefix, strlen(prefix)) == 0 && find_topic(g->name) == NULL)
			put_name(g->name, g->summary);
}

static int lookup(struct dk_db *db, const char *kind, const char *prefix, struct dk_error *err)
{
	struct emit e = {""};
	char lead[512];

	if (strcmp(kind, "person") == 0)
		return dk_candidates_handles(db, prefix, LIMIT, emit_row, &e, err);
	if (strcmp(kind, "persons") == 0) {
		const char *comma = strrchr(prefix, ',');
		if (comma != NULL) {
			if ((size_t)(comma - prefix) + 2 > sizeof lead)
				return DK_OK;
			snprintf(lead, sizeof lead, "%.*s", (int)(comma - prefix + 1), prefix);
			e.lead = lead;
			prefix = comma + 1;
		}
		return dk_candidates_handles(db, prefix, LIMIT, emit_row, &e, err);
	}
	if (strcmp(kind, "team") == 0)
		return dk_candidates_teams(db, prefix, LIMIT, emit_row, &e, err);
	if (strcmp(kind, "tag") == 0)
		return dk_candidates_tags(db, prefix, LIMIT, emit_row, &e, err);
	return dk_candidates_keys(db, kind, prefix, LIMIT, emit_row, &e, err);
}

int complete_main(const char *db_opt, int argc, char **argv)
{
	const char *kind = argc > 0 ? argv[0] : "", *prefix = argc > 1 ? argv[1] : "", *path;
	struct dk_db *db = NULL;
	struct dk_error err;

	static const char *const keys[][2] = {
		{"db", "the database file"}, {"actor", "who is acting: a handle or login name"},
		{"color", "never, auto or always"}, {"pager", "the command long output goes through"},
	};

	if (strcmp(kind, "help") == 0) {
		help_names(prefix);
		return 0;
	}
	if (strcmp(kind, "config") == 0) {
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strncmp(keys[k][0], prefix, strlen(prefix)) == 0)
				put_name(keys[k][0], keys[k][1]);
		return 0;
	}
	/* a Tab waits for no writer: a locked file gives no candidates */
	dk_db_set_defaults(100, "docket __complete", NULL, NULL);
	if (config_load(&err) != DK_OK ||
	    config_db(db_opt, 0, &path, NULL, NULL, &err) != DK_OK ||
	    dk_store_open(path, DK_OPEN_READONLY | DK_OPEN_ANY_VERSION, "complete", &db, &err) != DK_OK)
		return 0;
	/* what was printed stays printed: a half list is still a list */
	lookup(db, kind, prefix, &err);
	dk_db_close(db);
	return 0;
}
