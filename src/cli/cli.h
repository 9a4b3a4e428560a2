/* cli.h: the docket program's command table, argument parsing and output.
 *
 * Every command is one row { name, positional args, summary, options,
 * flags, run } in its group's NULL-terminated table (cmd_<group>.c); the
 * groups are listed in cmd.c. Usage lines, help and the man page synopsis
 * are all generated from these rows.
 *
 * Ownership: argument values point into argv; struct out owns what it
 * buffers and frees it in out_free. */
#ifndef DOCKET_CLI_H
#define DOCKET_CLI_H

#include <stdio.h>

#include "docket/date.h"
#include "docket/error.h"
#include "docket/rows.h"

struct dk_db;

enum opt_flags {
	OPT_REQUIRED = 1, /* must be given */
	OPT_MULTI = 2,    /* may be repeated; every value is kept */
};

struct opt {
	const char *name;  /* long name without "--" */
	const char *arg;   /* metavariable ("DATE"), NULL for a flag */
	unsigned flags;    /* enum opt_flags */
	const char *help;  /* one line */
};

enum cmd_flags {
	CMD_NODB = 1,       /* does not open a database */
	CMD_CREATE = 2,     /* creates the database (init) */
	CMD_ANYVERSION = 4, /* opens an older schema too (migrate) */
	CMD_GRAPH = 8,      /* also takes --format tree|dot; tree is its default */
	CMD_FORM = 16,      /* takes --edit and --from (form.h): its required options may
	                       come from the form, which checks them itself */
	CMD_OWNCONFIG = 32, /* reads the config file itself, even one that fails to load */
};

struct args;
struct ctx;

struct cmd {
	const char *name;     /* subcommand, or NULL for a group's only command */
	const char *pos;      /* positional arguments for the synopsis ("KEY"), or NULL */
	int pos_min, pos_max; /* how many positional arguments it takes */
	const char *summary;  /* one line */
	const struct opt *opts; /* terminated by a row with name NULL; may be NULL */
	unsigned flags;       /* enum cmd_flags */
	int (*run)(struct ctx *c, struct args *a);
};

struct group {
	const char *name;
	const char *summary;
	const struct cmd *cmds; /* terminated by a row with run NULL */
};

extern const struct group groups[];

/* Parsed arguments. */
#define ARGS_MAX 256
struct args {
	int npos;
	const char *pos[ARGS_MAX];
	int nval;
	struct {
		const char *name;  /* the option's long name */
		const char *value; /* NULL for a flag */
	} val[ARGS_MAX];
};

const char *arg_get(const struct args *a, const char *name);
int arg_flag(const struct args *a, const char *name);
/* Fills vals (up to max) with every value of a repeated option; returns the count. */
int arg_all(const struct args *a, const char *name, const char **vals, int max);

/* tree and dot are drawn by the graph commands themselves (CMD_GRAPH). */
enum fmt { FMT_TABLE, FMT_MD, FMT_CSV, FMT_JSON, FMT_TREE, FMT_DOT };

struct out;
struct out *out_new(enum fmt fmt, FILE *f);
void out_free(struct out *o);
/* Starts a section: a list of rows, or one record shown field by field.
 * With title NULL the section is the whole output (JSON: a bare array or
 * object); with a title, JSON output is an object keyed by section titles. */
void out_list(struct out *o, const char *title);
void out_record(struct out *o, const char *title);
int out_row(void *o, int ncol, const struct dk_cell *cells, struct dk_error *err);
void out_end(struct out *o);
/* A one-value result, such as the key of a new record. */
void out_value(struct out *o, const char *name, const char *value);
void out_finish(struct out *o);
/* Adds a line of prose (table and md only; ignored for csv and json). */
void out_note(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The one-line confirmation of a change to an existing record: "KEY what"
 * (table, md), or a record of key and change (csv, json). */
void out_done(struct out *o, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* CSV cell text with spreadsheet formula injection neutralised. */
void out_csv_field(FILE *f, const char *s, int neutralise);

struct ctx {
	const char *cmdname;    /* "person add", for messages */
	const struct cmd *cmd;
	struct dk_db *db;       /* open unless the command has CMD_NODB */
	const char *db_path;
	const char *actor;
	const char *today_fixed; /* --today / DOCKET_TODAY, or NULL */
	char today[DK_DATE_LEN];
	enum fmt fmt;
	struct out *out;
	struct dk_error err;    /* what main prints when run fails */
};

/* Fills c->err and returns status (for usage and input errors in commands). */
int fail(struct ctx *c, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Parses a date option relative to today; the message names the option. */
int date_opt(struct ctx *c, const char *opt, const char *in, char out[DK_DATE_LEN]);
/* Parses a key option ("CTX-3" or "3"). */
int key_opt(struct ctx *c, const char *opt, const char *in, const char *prefix,
            const char *what, long long *id);

/* The global options, before or after the command (main.c). */
extern const struct opt global_opts[];

/* help.c: usage and help from the command table, wrapped at 80 columns. */
void usage(FILE *f, const char *group, const struct cmd *cmd);
void help_all(FILE *f);
void group_help(FILE *f, const struct group *g);
/* Writes text from column col (what the line holds already), breaking at
 * spaces so that no line passes 80 columns; later lines start at column
 * indent. Ends the line. */
void help_wrap(FILE *f, const char *text, size_t col, size_t indent);
/* Every command's synopsis, one a line: the man page is checked against it. */
void help_synopsis(FILE *f);
/* docket help [TOPIC | COMMAND [SUBCOMMAND]]: argv holds what follows
 * "help"; prints to stdout, or a message to stderr; returns the exit status. */
int help_command(int argc, char **argv);

/* help_topics.c: 'docket help TOPIC'. */
struct topic {
	const char *name;
	const char *summary;    /* one line, for 'docket help' */
	void (*print)(FILE *f); /* the text, at most 80 columns wide */
};
extern const struct topic topics[]; /* terminated by a row with name NULL */
const struct topic *find_topic(const char *name);

/* lookup.c: names typed in full or as a unique prefix. On failure each
 * returns NULL and writes why into why[size]: "'x' is not a command; did
 * you mean 'y'?" or "'re' is ambiguous: report, review". */
const char *find_word(const char *name, const char *const *names, int n, const char *what,
                      const char *see, char *why, size_t size);
/* A group's name, or "help". */
const char *find_command(const char *name, char *why, size_t size);
/* The group of exactly this name, or NULL. */
const struct group *find_group(const char *name);
/* A subcommand of g (which has subcommands); also by alias (ls: list). */
const struct cmd *find_cmd(const struct group *g, const char *name, char *why, size_t size);
/* The option named exactly name[0..len), or NULL (no message). */
const struct opt *find_opt(const struct opt *opts, const char *name, size_t len);
/* The option name[0..len) names among opts then global: exact, else a
 * unique prefix; see is the help to point at ("docket risk add --help"). */
const struct opt *match_opt(const struct opt *opts, const struct opt *global, const char *name,
                            size_t len, const char *see, char *why, size_t size);

#endif
