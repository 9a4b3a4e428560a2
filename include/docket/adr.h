/* docket/adr.h: Architecture Decision Records as Markdown files: reading
 * adr-tools (Nygard) and MADR files, writing MADR, and moving decisions
 * between a directory of them and the database.
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

#define DK_ADR_MAX_ITEMS 64   /* drivers, options, people or tags in one list */
#define DK_ADR_MAX_PROS 32    /* pros (and cons) of one option */

struct dk_adr_option {
	const char *name;
	const char *pros[DK_ADR_MAX_PROS];
	size_t n_pros;
	const char *cons[DK_ADR_MAX_PROS];
	size_t n_cons;
};

struct dk_adr {
	int64_t number;           /* NNNN */
	const char *title;
	const char *status;       /* proposed, accepted, rejected, superseded, deprecated */
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
	struct dk_adr_option options[DK_ADR_MAX_ITEMS];
	size_t n_options;
	const char *makers[DK_ADR_MAX_ITEMS];
	size_t n_makers;
	const char *consulted[DK_ADR_MAX_ITEMS];
	size_t n_consulted;
	const char *informed[DK_ADR_MAX_ITEMS];
	size_t n_informed;
	const char *tags[DK_ADR_MAX_ITEMS];
	size_t n_tags;
	int64_t supersedes;       /* ADR number, 0 for none */
	int64_t superseded_by;    /* ADR number, 0 for none */
	const char *supersedes_title;    /* for the link text when writing; may be NULL */
	const char *superseded_by_title;
	/* the arena */
	char **mem;
	size_t n_mem, cap_mem;
};

void dk_adr_init(struct dk_adr *a);
void dk_adr_free(struct dk_adr *a);
/* Copies s (n bytes) into a's arena; NULL when memory runs out. */
const char *dk_adr_strndup(struct dk_adr *a, const char *s, size_t n);

/* Parses one file's text. name is the file name (its leading digits give
 * the number when the title has none) and is used in messages:
 * "0003-x.md: line 7: status 'amended' is not one of ...". */
int dk_adr_parse(const char *name, const char *text, struct dk_adr *out, struct dk_error *err);
/* Writes a as MADR (front matter, then sections) to out. */
int dk_adr_write_madr(const struct dk_adr *a, struct dk_buf *out, struct dk_error *err);
/* "NNNN-title-slug.md" (lower-case ASCII letters and digits, '-' between words). */
void dk_adr_filename(const struct dk_adr *a, char *out, size_t size);

/* Imports every *.md file of dir whose name starts with digits, in number
 * order, in one transaction. An ADR whose number is already in the database
 * is left as it is (so importing twice changes nothing); when the file's
 * status has moved on, the row says so. Number 0 (MADR's own record) is
 * skipped. Supersedes / superseded-by links are resolved by number among the
 * directory and the database. area is used when a file names none. Rows go
 * to fn: key, adr, file, title, status, result (added, unchanged, "kept (the
 * database says S)" or skipped). On any failure nothing is written. */
int dk_adr_import(struct dk_db *db, const char *dir, const char *area, dk_row_fn fn,
                  void *ctx, struct dk_error *err);
/* Writes one MADR file per decision (every decision when n is 0) into dir,
 * which must exist. Rows: key, file. A file of the same name is replaced. */
int dk_adr_export(struct dk_db *db, const int64_t *ids, size_t n, const char *dir,
                  dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
