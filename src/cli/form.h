/* form.h: `--edit` and `--from FILE` for the commands that take a text
 * form (decision add, risk add): the form's fields become the command's
 * options, and what the command line gives wins.
 *
 * Ownership: struct form owns the values it adds to the arguments, so it
 * must outlive every use of them; form_close releases it. */
#ifndef DOCKET_CLI_FORM_H
#define DOCKET_CLI_FORM_H

#include "cli.h"
#include "docket/form.h"

struct form {
	struct dk_form values; /* what the form gave, in the order read */
	char path[4096];       /* --edit: the file being edited, "" when none; kept when the
	                          command fails */
};

/* The options every form command takes, for its option table. */
#define FORM_OPTS \
	{"edit", NULL, 0, "fill the fields in $EDITOR, from a template"}, \
	{"from", "FILE", 0, "read the same form from FILE (- for stdin)"}

/* Without --edit or --from does nothing. With one, reads the form (from
 * the editor or FILE) against fields (label, name and kind; help and
 * required are taken from the command's options), adds each value whose
 * option the command line does not give to a, and checks that every
 * required option is given, naming all that are missing at once. On
 * failure returns a status with c->err set (the --edit text kept). */
int form_open(struct ctx *c, struct args *a, const struct dk_form_field *fields,
              struct form *f);
/* Ends the form after the command ran with status rc and returns rc: on
 * success the edited file is removed; on failure it is kept and the
 * message says where. */
int form_close(struct ctx *c, struct form *f, int rc);

#endif
