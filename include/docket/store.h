/* docket/store.h: opening a docket database. The store picks the backend
 * (SQLite today), checks the database against the migrations this binary
 * embeds, creates and migrates one on init, and installs the guard that
 * refuses to write into a schema whose triggers were altered.
 *
 * Ownership: the struct dk_db handed out is the caller's, closed with
 * dk_db_close (docket/db.h). */
#ifndef DOCKET_STORE_H
#define DOCKET_STORE_H

#include <stddef.h>

#include "docket/db.h"

/* Sets the engines up for a single-threaded process. Call it before the
 * first dk_store_open, from the one thread that uses the library; once an
 * engine is in use it changes nothing. */
void dk_store_setup_library(void);

/* Opens path. Without DK_OPEN_CREATE the database must exist and be a
 * docket database at the version this binary knows (older ones only with
 * DK_OPEN_ANY_VERSION); a newer one is always refused. With DK_OPEN_CREATE
 * the file must not exist, or be a regular file (not a link) that holds
 * nothing (0 bytes, or a database with no tables: what a killed init
 * leaves); it is created or taken over with mode 0600 and every migration
 * is applied. actor is copied. On failure *out is NULL, err says why, and
 * nothing was written (a half-created file is removed). */
int dk_store_open(const char *path, unsigned flags, const char *actor, struct dk_db **out,
                  struct dk_error *err);
/* Like dk_store_open with DK_OPEN_CREATE, but applies migrations 1..upto
 * only: for tests and tools that need a database as an older docket made it. */
int dk_store_create_at(const char *path, int upto, const char *actor, struct dk_db **out,
                       struct dk_error *err);

/* The engine this binary opens databases with, for --version: its name and
 * version ("SQLite 3.40.1") and a line on how it keeps files ("journal:
 * rollback (...)"). An invalid DOCKET_JOURNAL is DK_EINPUT. */
/* Whether where names a database on a server (a postgresql:// or
 * postgres:// URL) rather than a file. */
int dk_store_is_server(const char *where);
int dk_store_about(char *engine, size_t n, char *notes, size_t m, struct dk_error *err);

#endif
