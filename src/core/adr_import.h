/* adr_import.h: what the ADR import (adr_import.c) and its link resolution
 * (adr_links.c) share inside the core: one entry a file, the run, and the
 * supersession graph. */
#ifndef DOCKET_ADR_IMPORT_H
#define DOCKET_ADR_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "docket/adr.h"
#include "docket/date.h"
#include "docket/hash.h"

enum result { R_NONE, R_ADDED, R_UPDATED, R_UNCHANGED, R_SKIPPED, R_REFUSED, R_CONFLICT };

/* One resolved link: the entry or the decision it points at. */
struct target {
	int entry;       /* index of the entry, or -1 */
	int64_t id;      /* the decision, when known */
};

struct entry {
	char file[1001];        /* path under the directory */
	dev_t dev;              /* the file it names (0 when not a regular file) */
	ino_t ino;
	int symlink;            /* the name is a symbolic link */
	int kind;               /* enum dk_adr_name */
	struct dk_adr a;        /* the parsed record (ADR files that parsed) */
	char sha[DK_SHA256_HEX];
	char mtime[DK_DATE_LEN];
	int64_t id;             /* its decision; 0 while it has none */
	int has_src;
	struct dk_adr_source src;
	int legacy;             /* found by number, imported by an older docket */
	char fp_before[DK_SHA256_HEX];
	int result;
	int wrote;              /* its decision was written by this import */
	char status_now[16];    /* its decision's status once the import is done */
	struct dk_buf note;     /* why, and the values not in the file */
	struct target to[DK_ADR_MAX_ITEMS]; /* a.links resolved */
};

struct run {
	struct dk_db *db;
	const char *dir;
	const struct dk_adr_import_opts *o;
	struct entry *es;
	size_t n, cap;
	struct dk_error *err;
	const char *collection; /* o->collection, or '' */
};

/* A supersession: new supersedes old, as entry indexes (or -1 with ids). */
struct edge {
	int new_e, old_e;
	int64_t new_id, old_id;
	int from;   /* the entry whose file states it */
	int line;
};

/* Edges new -> old from the files and from the database. */
struct graph {
	struct edge *v;
	size_t n, cap;
};

/* Appends a "; "-separated note to e's row. */
void adr_say(struct entry *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* e is refused: msg ("file:line: why") becomes its whole note. */
void adr_refuse(struct entry *e, const char *msg);
/* 1 while e is still to be (or was) imported. */
int adr_taken(const struct entry *e);

/* Resolves every link of the files still taken, refusing what cannot be
 * linked (supersession cycles included), and builds the supersession
 * graph g (the files' edges and the database's). */
int adr_link_files(struct run *r, struct graph *g);
/* Once every file has its decision: the supersessions (an accepted
 * decision superseded is marked so) and each file's typed links, written
 * only where they differ from the database. */
int adr_make_links(struct run *r, const struct graph *g);

#endif
