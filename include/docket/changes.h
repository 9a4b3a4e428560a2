/* docket/changes.h: what an update changed, for its one-line confirmation.
 *
 * An update fills a struct dk_changes with the names of the fields whose
 * value it changed, as show names them ("title", "makers", "review_by";
 * not always the option: --on changes "held_on"), in the order of its
 * options. n == 0 after DK_OK means every value given was the
 * current one: nothing was written and no audit row was added.
 *
 * Ownership: the names are static strings. */
#ifndef DOCKET_CHANGES_H
#define DOCKET_CHANGES_H

#define DK_CHANGES_MAX 24

struct dk_changes {
	int n;
	const char *field[DK_CHANGES_MAX];
};

static inline void dk_changes_add(struct dk_changes *c, const char *field)
{
	if (c->n < DK_CHANGES_MAX)
		c->field[c->n++] = field;
}

#endif
