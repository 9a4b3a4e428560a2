/* adr_parser.h: the ADR reader's state, shared by the line loop
 * (adr_parse.c) and the readers of metadata, links and options
 * (adr_meta.c). */
#ifndef DOCKET_ADR_PARSER_H
#define DOCKET_ADR_PARSER_H

#include "adr_words.h"

enum section {
	SEC_NONE, SEC_STATUS, SEC_CONTEXT, SEC_DECISION, SEC_CONSEQUENCES, SEC_DRIVERS,
	SEC_OPTIONS, SEC_OUTCOME, SEC_CONFIRMATION, SEC_PROSCONS, SEC_LINKS, SEC_RECORD, SEC_OTHER,
	SEC_COUNT
};

struct parser {
	const char *name;      /* file name, for messages */
	const char *base;      /* its last component */
	struct dk_adr *a;
	struct dk_error *err;
	const struct dk_adr_status_map *map;
	int line;              /* current line number */
	struct dk_buf text[SEC_COUNT]; /* each section's lines */
	struct dk_buf notes;
	struct dk_buf dropped; /* names of sections not kept */
	int proscons_option;   /* the option a Pros and Cons subsection is about, or -1 */
	int status_seen;
	int title_line;        /* the line of the '# Title', 0 while none */
	int links_prose;       /* More Information text that is not a link */
	char list_key[32];     /* front matter: the key a '- item' list belongs to */
	char fence[8];         /* the open code fence, "" when none */
};

int adr_perr(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void adr_note(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "* item", "- item" or "+ item" (indent at most one space): the item, else NULL. */
const char *adr_bullet(const char *line);
/* s without YAML's surrounding quotes (and their escapes), in a's arena. */
const char *adr_unquote(struct dk_adr *a, const char *s);
/* Appends item to list (what names the list in the message when it is full). */
int adr_add_item(struct parser *p, const char *item, const char **list, size_t *n,
                 const char *what);
/* Splits "a, b", a quoted string of them or a flow list into list. */
int adr_split_list(struct parser *p, const char *v, const char **list, size_t *n,
                   const char *what);
/* A date as written (YYYY-MM-DD, YYYY/MM/DD, with a time after) into *out. */
int adr_set_date(struct parser *p, const char *v, const char **out, const char *what);
/* The status words v, mapped; refused naming the line when docket knows none. */
int adr_status_words(struct parser *p, const char *v);
/* A link line, 'LABEL [TEXT](FILE.md)' or 'LABEL ADR-N': its links added
 * and 1 returned (kind and label of the line set); 0 when it is none. */
int adr_link_line(struct parser *p, const char *line, int *rc, int *kind_out,
                  const char **label_out);
/* One metadata value: DK_OK, an error, or 1 when key is no metadata (prose). */
int adr_meta(struct parser *p, const char *key, const char *v, int in_front);
/* One line of front matter. */
int adr_front_line(struct parser *p, char *line);
/* The option named name (matched by normalised name), added when new: its index, or -1. */
int adr_add_option(struct parser *p, const char *name);
/* One line of a Pros and Cons subsection. */
int adr_pros_cons_line(struct parser *p, const char *line);
/* The decision text: the chosen option and the rationale around it. */
void adr_outcome(struct parser *p, const char *text);

#endif
