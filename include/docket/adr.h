/* docket/adr.h: Architecture Decision Records as Markdown files: reading
 * every common format as written (adr-tools/Nygard with or without status
 * badges, MADR 2.x to 4.x with or without front matter, log4brains, free
 * form under a '# Title'), writing adr-tools and MADR files that round-trip,
 * and moving decisions between a directory of them and the database.
 *
 * An ADR is identified by its file (its path under the imported
 * directory); its number is kept where its name has one (0000 included).
 *
 * Ownership: a struct dk_adr owns every string it holds (allocated in its
 * own arena); dk_adr_init zeroes it and dk_adr_free releases it, safe to
 * call twice. Parsing and writing touch no database. */
#ifndef DOCKET_ADR_H
#define DOCKET_ADR_H

#include <stddef.h>
#include <stdint.h>

#include "docket/rows.h"
#include "docket/text.h"

struct dk_db;

#define DK_ADR_MAX_ITEMS 64   /* drivers, options, people, tags or links in one record */
#define DK_ADR_MAX_PROS 32    /* pros (and cons) of one option */
#define DK_ADR_NO_NUMBER (-1) /* a record whose file name carries no number */

struct dk_adr_option {
	const char *name;
	const char *pros[DK_ADR_MAX_PROS];
	size_t n_pros;
	const char *cons[DK_ADR_MAX_PROS];
	size_t n_cons;
};

enum dk_adr_link_kind {
	DK_ADR_SUPERSEDES,    /* this record supersedes the target */
	DK_ADR_SUPERSEDED_BY, /* the target supersedes this record */
	DK_ADR_TYPED,         /* any other label: Amends, Clarified by, Relates to, ... */
};

/* A link as written: 'LABEL [TEXT](TARGET)', or a number ('superseded by
 * ADR-0005'). */
struct dk_adr_link {
	int kind;             /* enum dk_adr_link_kind */
	const char *label;    /* as written ("Amends"); NULL for the two supersession kinds */
	const char *target;   /* the file linked to (relative to the record's file), or NULL */
	int64_t number;       /* the ADR number named when there is no target, else -1 */
	const char *text;     /* the link text, for messages and writing */
	int line;             /* where it was read; 0 when loaded from the database */
};

struct dk_adr {
	const char *file;         /* path under the directory ("0003-x.md"), or NULL */
	int64_t number;           /* NNNN, or DK_ADR_NO_NUMBER */
	const char *title;
	const char *status;       /* proposed, accepted, rejected, superseded, deprecated; NULL: none written */
	const char *status_text;  /* the status as written (for the row and messages) */
	int status_line;
	const char *date;         /* YYYY-MM-DD or NULL */
	const char *area;         /* or NULL (the importer's default applies) */
	const char *review_by;    /* or NULL */
	const char *status_reason; /* or NULL */
	const char *problem;      /* Context (and Problem Statement) */
	const char *rationale;    /* Nygard: Decision; MADR: the outcome's "because" */
	const char *chosen;       /* MADR: the chosen option, or NULL */
	const char *consequences;
	const char *confirmation;
	const char *drivers[DK_ADR_MAX_ITEMS];
	size_t n_drivers;
	struct dk_adr_option *options; /* n_options of them, in the arena (dk_adr_add_option) */
	size_t n_options, cap_options;
	const char *makers[DK_ADR_MAX_ITEMS];
	size_t n_makers;
	const char *consulted[DK_ADR_MAX_ITEMS];
	size_t n_consulted;
	const char *informed[DK_ADR_MAX_ITEMS];
	size_t n_informed;
	const char *tags[DK_ADR_MAX_ITEMS];
	size_t n_tags;
	struct dk_adr_link links[DK_ADR_MAX_ITEMS];
	size_t n_links;
	const char *notes;        /* what the parser changed, "; "-separated, or NULL */
	/* Written by docket from the database only (not read back): */
	const char *record;       /* the '## docket record' section's lines, or NULL */
	/* the arena */
	char **mem;
	size_t n_mem, cap_mem;
	int oom;                  /* an allocation failed: the record is not whole */
};

void dk_adr_init(struct dk_adr *a);
void dk_adr_free(struct dk_adr *a);
/* Copies s (n bytes) into a's arena; NULL when memory runs out. */
const char *dk_adr_strndup(struct dk_adr *a, const char *s, size_t n);
/* A new, zeroed option at the end of a->options; NULL when there are
 * DK_ADR_MAX_ITEMS already or memory runs out. */
struct dk_adr_option *dk_adr_add_option(struct dk_adr *a);

/* The statuses people write, and what each means in docket: "draft" ->
 * proposed, "on hold" -> proposed with the words kept as the reason, ...
 * (see docket(1)). extra holds the user's WORD=STATUS pairs (--status-map),
 * checked first; it may be NULL. */
struct dk_adr_status_map {
	const char *const *pairs; /* "word=status" each */
	size_t n;
};

/* Checks one --status-map WORD=STATUS. */
int dk_adr_status_map_check(const char *pair, struct dk_error *err);

/* Reads a status as written ("**Accepted**", a badge, "Superseded by
 * [3. X](0003-x.md)", "on hold", "\"accepted\"") into *status (static text)
 * and *reason (the written words when the mapping keeps them, else NULL;
 * owned by a). Returns 0 when nothing is written (blank), 1 when mapped, -1
 * when the words are not a status docket knows. */
int dk_adr_status_read(struct dk_adr *a, const char *written, const struct dk_adr_status_map *map,
                       const char **status, const char **reason);

/* Parses one file's text. name is the file's path under the directory (it
 * gives the number: NNNN-, adr-NNN-; YYYYMMDD- is a date, not a number) and
 * is used in messages: "0003-x.md:7: status 'amended' is not ...". */
int dk_adr_parse(const char *name, const char *text, const struct dk_adr_status_map *map,
                 struct dk_adr *out, struct dk_error *err);

/* What a file name is to the importer. */
enum dk_adr_name {
	DK_ADR_NAME_ADR,      /* NNNN-slug.md, adr-NNN-slug.md, YYYYMMDD-slug.md */
	DK_ADR_NAME_TEMPLATE, /* template.md, adr-template.md, 0000-template.md, ... */
	DK_ADR_NAME_INDEX,    /* README.md, index.md, toc.md, ... */
	DK_ADR_NAME_OTHER,    /* another .md file */
	DK_ADR_NAME_IGNORED,  /* not Markdown, or hidden: no row at all */
};
/* Classifies base (a file name without directories). */
int dk_adr_name_kind(const char *base);
/* The number a file name carries (NNNN-, adr-NNN-), else DK_ADR_NO_NUMBER. */
int64_t dk_adr_name_number(const char *base);

enum dk_adr_style { DK_ADR_MADR, DK_ADR_TOOLS };

/* Writes a in style to out. Body lines that would read as a heading, front
 * matter or a code fence are escaped with '\', which the parser removes. */
int dk_adr_write(const struct dk_adr *a, int style, struct dk_buf *out, struct dk_error *err);
/* "NNNN-title-slug.md" (lower-case ASCII letters and digits, '-' between words). */
void dk_adr_filename(const struct dk_adr *a, char *out, size_t size);

struct dk_adr_import_opts {
	const char *collection;      /* the collection the files belong to (NULL: the one, '') */
	const char *area;            /* for records that name none (NULL: governance) */
	int recursive;               /* also read subdirectories */
	int strict;                  /* any refusal refuses the whole directory */
	int dry_run;                 /* report, write nothing */
	int prefer_file;             /* a conflict takes the file */
	const char *default_status;  /* for records with none (NULL: accepted) */
	const char *default_date;    /* YYYY-MM-DD for records with none (NULL: the file's mtime) */
	struct dk_adr_status_map map;
};

/* Imports the ADR files of dir. Every file gets one row (key, adr, file,
 * title, status, result, note), result one of added, updated, unchanged,
 * skipped, refused or conflict; note says why, and which values were not
 * in the file. What can be imported is imported, in one transaction.
 * Returns DK_OK when every ADR file was taken, DK_EFAIL when some were
 * refused or in conflict (their "file:line: why" lines go to problems),
 * DK_EINPUT when the directory cannot be read or (strict) anything was
 * refused, with nothing written. */
int dk_adr_import(struct dk_db *db, const char *dir, const struct dk_adr_import_opts *o,
                  dk_row_fn fn, void *ctx, struct dk_buf *problems, struct dk_error *err);

/* Writes one file per decision (every decision when n is 0) into dir,
 * creating it. An imported decision keeps its file's name. Rows: key, file. */
int dk_adr_export(struct dk_db *db, const int64_t *ids, size_t n, const char *dir, int style,
                  dk_row_fn fn, void *ctx, struct dk_error *err);
/* A Markdown index of every decision, as 'adr generate toc' writes one. */
int dk_adr_toc(struct dk_db *db, const char *prefix, struct dk_buf *out, struct dk_error *err);
/* The decisions and their links as a Graphviz DOT digraph. */
int dk_adr_graph(struct dk_db *db, const char *prefix, const char *ext, struct dk_buf *out,
                 struct dk_error *err);

#endif
