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

/* ---- The database side (adr_store.c) ----------------------------------
 * The file each imported decision came from (adr_source), the typed links
 * between decisions (decision_link), a decision's fingerprint, ADR-N keys,
 * and a decision loaded as a struct dk_adr for writing. Results are
 * written to caller-owned structs; rows go to a callback. Writes run in
 * the caller's transaction. It fills the struct dk_adr above and the
 * import and export use it, so it is part of this module and this header
 * (it was docket/adr_store.h, which made a circle of includes). */

struct dk_adr_source {
	int64_t decision_id;
	char collection[65];      /* '' unless the import named one (--collection) */
	char file[1001];          /* path under the imported directory */
	int64_t number;           /* DK_ADR_NO_NUMBER when the name has none */
	char file_sha256[65];     /* the file's bytes when last imported */
	char record_sha256[65];   /* the decision's fingerprint that import left */
};

/* The source of file in collection, of the first file in collection whose
 * bytes hash to sha, or of decision id; *found says whether there is one. */
int dk_adr_source_by_file(struct dk_db *db, const char *collection, const char *file,
                          struct dk_adr_source *out, int *found, struct dk_error *err);
int dk_adr_source_by_sha(struct dk_db *db, const char *collection, const char *sha,
                         struct dk_adr_source *out, int *found, struct dk_error *err);
int dk_adr_source_by_decision(struct dk_db *db, int64_t id, struct dk_adr_source *out,
                              int *found, struct dk_error *err);
/* Records (or updates) where s->decision_id came from. */
int dk_adr_source_put(struct dk_db *db, const struct dk_adr_source *s, struct dk_error *err);

/* SHA-256 (hex) over what an import writes of decision id: its fields,
 * options, supersession and typed links. Equal before and after means
 * nothing was changed in docket. */
int dk_adr_fingerprint(struct dk_db *db, int64_t id, char out[65], struct dk_error *err);

/* The decision with ADR number n (imported files first, then CSV imports'
 * adr-number); DK_EINPUT naming both files when two have it. */
int dk_adr_find_number(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err);
/* The decision of the one file in collection with ADR number n. */
int dk_adr_find_number_in(struct dk_db *db, const char *collection, int64_t n, int64_t *id,
                          int *found, struct dk_error *err);
/* A decision key as users write it: D-12, 12, or ADR-15 (the ADR number). */
int dk_adr_key(struct dk_db *db, const char *key, int64_t *id, struct dk_error *err);
/* A decision with ADR number n that no file is recorded for (imported by an
 * older docket, which identified ADRs by number). */
int dk_adr_unsourced(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err);

/* Replaces the typed links src states with labels[i] -> dst[i], in order. */
int dk_adr_links_set(struct dk_db *db, int64_t src, const char *const *labels,
                     const int64_t *dst, size_t n, struct dk_error *err);
/* Adds one typed link src -> dst (in the caller's transaction). */
int dk_adr_link_add(struct dk_db *db, int64_t src, int64_t dst, const char *label,
                    int64_t ordinal, struct dk_error *err);
/* Rows: direction (from, to), label, key, adr, title, status: the typed
 * links of id, both ways. */
int dk_adr_links(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);

/* Fills a from decision id for writing to dir: its file name (kept from its
 * import, else NNNN-slug), number (the ADR number, else the id), links
 * (with targets relative to its file), and with_record, the docket record
 * section (evidence with SHA-256, review, residual risks). */
int dk_adr_load(struct dk_db *db, int64_t id, int with_record, struct dk_adr *a,
                struct dk_error *err);

#endif
