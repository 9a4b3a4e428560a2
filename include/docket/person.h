/* docket/person.h: the people who own, approve and are escalated to.
 *
 * Ownership: inputs are borrowed for the call; rows go to a callback. */
#ifndef DOCKET_PERSON_H
#define DOCKET_PERSON_H

#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

struct dk_person {
	const char *handle; /* unique, [a-z0-9._-], at most 32 */
	const char *name;   /* required, at most 200 characters */
	const char *email;  /* optional */
	const char *team;   /* optional, [a-z0-9._-], at most 64 */
	const char *uuid;   /* kept when moving between databases; NULL draws a new one */
};

/* Validates every field before writing; on failure nothing is written. */
int dk_person_check(const struct dk_person *p, struct dk_error *err);
/* Inserts p in its own transaction. A handle in use is DK_EINPUT. */
int dk_person_add(struct dk_db *db, const struct dk_person *p, int64_t *id,
                  struct dk_error *err);
/* Inserts p inside the caller's transaction (for imports). */
int dk_person_insert(struct dk_db *db, const struct dk_person *p, int64_t *id,
                     struct dk_error *err);
/* Finds a person by handle; an unknown handle is DK_EINPUT naming opt. */
int dk_person_find(struct dk_db *db, const char *opt, const char *handle, int64_t *id,
                   struct dk_error *err);
/* Rows: handle, name, email, team, created_at, uuid; by handle. team may be NULL. */
int dk_person_list(struct dk_db *db, const char *team, dk_row_fn fn, void *ctx,
                   struct dk_error *err);

#endif
