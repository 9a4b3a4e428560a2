/* docket/person.h: the people who own, approve and are escalated to, and
 * who is acting.
 *
 * The acting person: the actor (--actor, DOCKET_ACTOR, else the login
 * name) is resolved to a person by handle (trimmed, case folded) or, failing
 * that, by the login name a person recorded (trimmed, case folded). A known
 * actor is recorded in the audit trail as its handle; an unknown one as it
 * was given (trimmed), and can write ordinary records but cannot approve.
 * Approval rules compare the people the names resolve to, never the names.
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
	const char *login;  /* optional: a login name, one word of printable text,
	                       at most 64; names one person whatever its case, and
	                       is no other person's handle */
};

/* How long a handle may be, with its NUL. */
#define DK_HANDLE_LEN 33

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
/* Resolves who (a handle or a login name, trimmed, any case) to a person's
 * id and handle (handle may be NULL). Nobody matching is DK_EINPUT naming
 * opt; the outputs are then untouched. */
int dk_person_resolve(struct dk_db *db, const char *opt, const char *who, int64_t *id,
                      char handle[DK_HANDLE_LEN], struct dk_error *err);
/* Resolves the database's actor (dk_db_actor) and makes it the handle of
 * the person it names, or the trimmed text when it names nobody; *id is the
 * person, 0 when unknown. Reads only; on failure the actor is unchanged. */
int dk_person_adopt_actor(struct dk_db *db, int64_t *id, struct dk_error *err);
/* The acting person, for approvals: DK_EINPUT (saying how to become known)
 * when the actor resolves to nobody. */
int dk_person_acting(struct dk_db *db, int64_t *id, struct dk_error *err);
/* Sets (login not NULL nor "") or clears the login name of the person with
 * this handle, in its own transaction. A login that is another person's
 * login or handle is DK_EINPUT; on failure nothing is written. */
int dk_person_set_login(struct dk_db *db, const char *handle, const char *login,
                        struct dk_error *err);
/* Rows: handle, name, email, team, login, created_at, uuid; by handle. team may be NULL. */
int dk_person_list(struct dk_db *db, const char *team, dk_row_fn fn, void *ctx,
                   struct dk_error *err);

#endif
