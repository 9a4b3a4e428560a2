/* docket/form.h: the text form `decision add --edit` and `risk add
 * --edit` open in an editor, and `--from FILE` reads: one simple format,
 * written by dk_form_template and read by dk_form_parse.
 *
 *   # a comment: every line that starts with '#' is ignored
 *   Title: Serve the ranker with KServe     a one-line field
 *   Tag: serving                            a repeatable one may recur
 *   [Problem]                               a section: every line up to
 *   The ranker needs canary rollouts ...    the next [Name] or the end
 *   [Options]                               a list section: one value
 *   KServe|pro: canaries                    on each line
 *
 * A section starts at a line that is "[Name]" from its first column.
 * Names are matched without regard to case; the fields come before the
 * first section (inside a section, "Name: value" is text), and a section's
 * field may also be given there on one line ("Problem: ..."). An empty
 * field or section gives nothing. A section's text keeps its inner lines
 * as typed, without the blank lines around it and trailing spaces.
 *
 * Ownership: a struct dk_form owns its values (dk_form_free releases
 * them, safe on a zeroed form); the field table and its strings are the
 * caller's and static. */
#ifndef DOCKET_FORM_H
#define DOCKET_FORM_H

#include <stddef.h>

#include "docket/error.h"
#include "docket/text.h"

enum dk_form_kind {
	DK_FORM_LINE,  /* "Label: value", once */
	DK_FORM_LINES, /* "Label: value", any number of times */
	DK_FORM_TEXT,  /* "[Label]" then text lines */
	DK_FORM_ITEMS, /* "[Label]" then one value a line */
};

struct dk_form_field {
	const char *label; /* as written in the form: "Title", "Review-by", "Options" */
	const char *name;  /* the option it stands for: "title", "review-by", "option" */
	int kind;          /* enum dk_form_kind */
	int required;      /* shown as such in the template */
	const char *help;  /* one line, written above it as a comment */
};

struct dk_form_value {
	const char *name; /* the field's option name (static) */
	char *value;      /* owned by the form */
	int line;         /* where it starts in the text, from 1 */
};

struct dk_form {
	struct dk_form_value *v; /* in the order read */
	size_t n;
};

/* Writes the form for fields (terminated by a row with label NULL) to out:
 * a comment with title and the rules, then each field with its help.
 * given[i] (NULL, or an array parallel to fields) is the value a field
 * already has from the command line: it is shown as a comment, since the
 * command line wins. */
void dk_form_template(const char *title, const struct dk_form_field *fields,
                      const char *const *given, struct dk_buf *out);

/* Reads text (named source in messages: a file name, "stdin") against
 * fields. DK_EINPUT "source:line: why" for an unknown field or section, a
 * field or section that takes one value given twice, a one-line field
 * written as a section, or a line before the sections that is neither a
 * field nor a comment; the form is then empty. Values are not checked here: the
 * command that takes them does. */
int dk_form_parse(const char *text, const char *source, const struct dk_form_field *fields,
                  struct dk_form *form, struct dk_error *err);

void dk_form_free(struct dk_form *form);

#endif
