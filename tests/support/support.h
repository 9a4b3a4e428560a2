/* support.h: fixtures shared by the unit tests.
 *
 * Ownership: a struct fixture is allocated by fixture_setup and released
 * by fixture_teardown, which also removes its temporary directory. */
#ifndef DOCKET_TEST_SUPPORT_H
#define DOCKET_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "docket/db.h"
#include "docket/store.h"

struct fixture {
	char dir[256];  /* a fresh temporary directory */
	char path[300]; /* dir/test.db, or the URL of a PostgreSQL test database */
	char pgname[64]; /* that database's name; "" on SQLite */
	struct dk_db *db; /* open, every migration applied, actor "tester" */
};

/* cmocka group/test setup and teardown: *state becomes a struct fixture. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* The fixture's database is on PostgreSQL (DOCKET_TEST_ENGINE=postgres):
 * for a check that can only be spelt in each engine's catalog. */
int fixture_on_pg(const struct fixture *f);
/* Drops trigger name, as a forger with write access to the database would
 * (PostgreSQL names its table in DROP TRIGGER; SQLite does not). */
void fixture_drop_trigger(struct fixture *f, const char *name);
/* Runs SQL that returns one integer. sql is a static literal: it is
 * prepared once and cached by its address (dk_stmt_prepare). */
int64_t fixture_int(struct fixture *f, const char *sql);
/* The same for SQL built at run time (in a buffer): not cached. */
int64_t fixture_int_text(struct fixture *f, const char *sql);
/* Runs SQL with no rows, failing the test if it errors. */
void fixture_exec(struct fixture *f, const char *sql);
/* Adds a person (handle, team may be NULL) and returns its id. */
int64_t fixture_person(struct fixture *f, const char *handle, const char *team);
/* Gives team a policy (appetite 9, grace 7 days, acceptances 90 days, new
 * risks due in 30 days, escalating to the known person escalate_to). */
void fixture_policy(struct fixture *f, const char *team, const char *escalate_to);
/* Adds a person in team and gives the team that policy, escalating to the
 * person: an owner whose generated blueprints can date their risks. */
int64_t fixture_owner(struct fixture *f, const char *handle, const char *team);

#endif
