/* config.h: the config file, where the database is and who is acting.
 *
 * The config file is $XDG_CONFIG_HOME/docket/config (an XDG_CONFIG_HOME
 * that is unset, empty or relative means ~/.config): `key = value` lines,
 * blank lines and lines starting with '#'. Its keys are db (an absolute
 * path, or one starting with ~/), actor (a handle or login name), color
 * (never, auto or always) and pager (a command). A setting comes from the
 * first of: the command's option, the environment, the config file, the
 * default.
 *
 * The database: --db, DOCKET_DB, docket.db in the current directory or
 * the nearest parent that has one (up to /), then the config's db. init
 * without --db or DOCKET_DB creates ./docket.db, never a parent's.
 *
 * Ownership: every string returned lives until the process exits (the
 * loaded file is kept in static storage); callers never free them. */
#ifndef DOCKET_CLI_CONFIG_H
#define DOCKET_CLI_CONFIG_H

#include <stddef.h>

#include "docket/error.h"

/* The keys, in the order config list shows them. */
enum config_key { CONFIG_DB, CONFIG_ACTOR, CONFIG_COLOR, CONFIG_PAGER, CONFIG_NKEYS };

/* Where a setting came from. */
enum config_origin {
	ORIGIN_NONE,    /* not set anywhere, and no default */
	ORIGIN_OPTION,  /* the command line */
	ORIGIN_ENV,     /* an environment variable */
	ORIGIN_SEARCH,  /* docket.db found here or in a parent directory */
	ORIGIN_CONFIG,  /* the config file */
	ORIGIN_DEFAULT, /* docket's default */
};
const char *config_origin_name(enum config_origin o);

/* The config file's path (computed once; "" when there is no home). */
const char *config_path(void);

/* Reads the config file once; later calls return the first result. A
 * missing file is no error. An unknown key, a line that is not
 * `key = value`, a key given twice or a bad value is DK_EINPUT naming
 * the file and line; an unreadable file is DK_EDB. After a failure no
 * value of the file is used. */
int config_load(struct dk_error *err);

/* The key's value in the loaded file and its line, or NULL (not set, not
 * loaded, or the file failed to load). */
const char *config_value(enum config_key k, int *line);
/* The key named name, or -1 (names: db, actor, color, pager). */
int config_key_find(const char *name);
const char *config_key_name(enum config_key k);
/* Checks a value for key k (and expands a db's leading ~/ into out, n
 * bytes); what names it in the message ("color", or "file:3: color"). */
int config_check(enum config_key k, const char *what, const char *value, char *out, size_t n,
                 struct dk_error *err);

/* The database to open: opt is --db's value or NULL; create is set for
 * init. *path is the file, *origin and *from (may be NULL) say where it
 * came from ("--db", "DOCKET_DB", "the current directory", "a parent
 * directory", "<config>:3"). Nothing found is DK_EDB naming everything tried; so is a
 * config db that does not exist. */
int config_db(const char *opt, int create, const char **path, enum config_origin *origin,
              const char **from, struct dk_error *err);

/* The actor: --actor's value (opt, may be NULL), DOCKET_ACTOR, the config's
 * actor, else the login name. *from names the source for messages. */
const char *config_actor(const char *opt, enum config_origin *origin, const char **from);

/* The config file's color (never, auto or always) and pager (a command),
 * or NULL when it sets none. Options (--color, --no-pager) and the
 * environment (NO_COLOR; PAGER only below the config's pager, as git
 * does) are the caller's to weigh first. */
const char *config_color(void);
const char *config_pager(void);

/* Sets (value not NULL) or removes (value NULL) key k in the config file:
 * the other lines, comments included, are kept; the first line setting k
 * is replaced and any later one removed, or a line is appended. Written to
 * a temporary file (mode 0600) in the same directory, then renamed over
 * the file; the directory is created (mode 0700) if need be. *changed says
 * whether a line was written or removed. On failure the file is unchanged. */
int config_write(enum config_key k, const char *value, int *changed, struct dk_error *err);

#endif
