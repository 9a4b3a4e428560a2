/* sqlite_backend.h: the SQLite backend of docket/db.h, and the few things
 * only SQLite has (its journal modes), for the store that picks it and for
 * tests and tools that reach past the seam on purpose. */
#ifndef DOCKET_SQLITE_BACKEND_H
#define DOCKET_SQLITE_BACKEND_H

#include <sqlite3.h>

#include "db_backend.h"

extern const struct dk_backend dk_sqlite_backend;

/* The connection's handle: for tests and tools only, never the core. */
sqlite3 *dk_sqlite_handle(struct dk_db *db);

enum dk_journal {
	DK_JOURNAL_ROLLBACK, /* journal_mode DELETE: the file always holds its data */
	DK_JOURNAL_WAL,      /* write-ahead log beside the file, checkpointed by writers */
};
/* Whether SQLite version v (as sqlite3_libversion_number) has the fix for
 * the WAL-reset race: 3.51.3 and later, or 3.44.6+ and 3.50.7+ in their
 * lines. */
int dk_db_wal_reset_fixed(int v);
/* The journal mode for SQLite version `version` and the override env
 * (DOCKET_JOURNAL: "wal", "rollback", or NULL/"" for the default: WAL only
 * where the WAL-reset fix is present). why (n bytes) says why, for
 * --version. An unknown env is DK_EINPUT and leaves *mode unset. */
int dk_db_journal_choose(int version, const char *env, enum dk_journal *mode, char *why,
                         size_t n, struct dk_error *err);
/* Whether the open file is in WAL mode (a rollback database, or a WAL one
 * that another connection kept from switching, says so here). */
int dk_db_journal_is_wal(const struct dk_db *db);

/* The statements (sqlite_stmt.c), for the backend's table. */
int dk_sqlite_prepare(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
                      struct dk_error *err);
void dk_sqlite_finalize(struct dk_stmt *s);
void dk_sqlite_reset(struct dk_stmt *s);
int dk_sqlite_param(struct dk_stmt *s, const char *name);
void dk_sqlite_bind_text(struct dk_stmt *s, int i, const char *v);
void dk_sqlite_bind_int(struct dk_stmt *s, int i, int64_t v);
void dk_sqlite_bind_double(struct dk_stmt *s, int i, double v);
void dk_sqlite_bind_null(struct dk_stmt *s, int i);
int dk_sqlite_step(struct dk_stmt *s, struct dk_error *err);
int dk_sqlite_col_count(struct dk_stmt *s);
const char *dk_sqlite_col_name(struct dk_stmt *s, int i);
enum dk_col_type dk_sqlite_col_type(struct dk_stmt *s, int i);
const char *dk_sqlite_col_text(struct dk_stmt *s, int i);
int64_t dk_sqlite_col_int(struct dk_stmt *s, int i);
double dk_sqlite_col_double(struct dk_stmt *s, int i);
/* Loads (sqlite_load.c): the triggers off and back on, the search
 * indexes rebuilt; load_free forgets a load's saved triggers (after a
 * rollback, which restored them). */
int dk_sqlite_load_begin(struct dk_db *db, struct dk_error *err);
int dk_sqlite_load_end(struct dk_db *db, struct dk_error *err);
void dk_sqlite_load_free(struct dk_db *db);
/* Finalizes every statement the connection keeps in its cache. */
void dk_sqlite_cache_free(struct dk_db *db);

#endif
