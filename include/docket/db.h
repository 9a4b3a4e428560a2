/* docket/db.h: the SQLite file, its connection settings and a thin
 * statement wrapper with named binds.
 *
 * Ownership: dk_db_open hands the caller a struct dk_db that it releases
 * with dk_db_close (NULL is safe). A struct dk_stmt lives on the caller's
 * stack; dk_stmt_finalize releases it and is safe to call twice or on a
 * statement that failed to prepare. Text returned by dk_col_text belongs to
 * the statement and is valid until the next step, reset or finalize.
 *
 * Every connection has foreign keys on, the journal dk_db_journal_choose
 * picks (WAL, or a rollback journal on SQLite builds without the WAL-reset
 * fix), a busy timeout (30 s unless
 * dk_db_set_busy_timeout says otherwise) and the SQL functions
 * docket_sha256(text), docket_uuid(), docket_actor(), docket_now() (UTC,
 * "2026-12-01T10:42:03Z") and docket_now_ms() (UTC with milliseconds,
 * "2026-12-01T10:42:03.123Z"). */
#ifndef DOCKET_DB_H
#define DOCKET_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "docket/error.h"

struct dk_db;

enum dk_open_flags {
	DK_OPEN_CREATE = 1,      /* create a new file (mode 0600); fail if it exists and holds something */
	DK_OPEN_ANY_VERSION = 2, /* open an older schema too (for migrate) */
	DK_OPEN_READONLY = 4,    /* no writes will be made */
};

/* Sets SQLite up for a single-threaded process (no mutexes, no memory
 * statistics). Call it before the first dk_db_open, from the one thread
 * that uses the library; once SQLite is in use it changes nothing. */
void dk_db_setup_library(void);

/* Opens path. Without DK_OPEN_CREATE the file must exist and be a docket
 * database at the version this binary knows (older ones only with
 * DK_OPEN_ANY_VERSION); a newer one is always refused. With DK_OPEN_CREATE
 * the file must not exist, or be a regular file (not a link) that holds
 * nothing (0 bytes, or a database with no tables: what a killed init
 * leaves); it is created or taken over with mode 0600 and every migration
 * is applied. actor is copied. On failure *out is NULL, err says why, and
 * nothing was written (a half-created file is removed). */
int dk_db_open(const char *path, unsigned flags, const char *actor,
               struct dk_db **out, struct dk_error *err);
/* Like dk_db_open with DK_OPEN_CREATE, but applies migrations 1..upto
 * only: for tests and tools that need a database as an older docket made it. */
int dk_db_create_at(const char *path, int upto, const char *actor, struct dk_db **out,
                    struct dk_error *err);
/* Closes; NULL is safe. If the connection wrote and the file is in WAL
 * mode, first checkpoints (dk_db_checkpoint) so that the database file
 * alone holds every record. */
void dk_db_close(struct dk_db *db);

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
/* Copies the WAL into the database file without waiting for anyone: a
 * TRUNCATE checkpoint, else a passive one when another connection holds
 * the locks; on a SQLite without the WAL-reset fix, only a passive one
 * taken while holding the write lock, and none if a writer has it. *left
 * is the frames not copied (0: the file holds everything; -1: another
 * connection held the locks). Outside a transaction only; nothing to do
 * in rollback mode. */
int dk_db_checkpoint(struct dk_db *db, int *left, struct dk_error *err);
/* Writes a consistent copy of the database to path through SQLite's online
 * backup API: a new file (O_EXCL: an existing file or a symlink is refused,
 * DK_EINPUT, as are '' and a missing directory), mode 0600, in rollback
 * mode so that it is one standalone file, and checked with
 * integrity_check. On failure nothing is left at path. */
int dk_db_backup(struct dk_db *db, const char *path, struct dk_error *err);

/* A writer that finds the database locked waits up to this long, trying
 * more often the longer it has waited, then fails with "database is locked". */
#define DK_DB_BUSY_TIMEOUT_MS 30000
void dk_db_set_busy_timeout(struct dk_db *db, int ms);
int dk_db_busy_timeout(const struct dk_db *db);
/* The timeout counts from the last time the process holding the lock was
 * seen to make progress: a holder that is alive and working is waited for
 * as long as it works, one that is gone or stuck only for the timeout. It
 * knows through a side file, "<db>-writer" (mode 0600, best effort: a
 * directory that cannot hold it changes nothing but the messages), which a
 * writer keeps while it holds the lock. */

/* What this process is (e.g. "docket import people"), written to the side
 * file for those who wait; copied, cut at 95 bytes. */
void dk_db_set_command(struct dk_db *db, const char *what);
/* A writer that has waited DK_DB_WAIT_NOTICE_MS for the lock calls fn once
 * per wait with a message naming the holder ("waiting for the write lock
 * held by 'docket import people' (pid 1234) since 10:42:03 UTC"). The core
 * never prints; the caller decides where this goes. */
#define DK_DB_WAIT_NOTICE_MS 2000
typedef void (*dk_db_notice_fn)(void *ctx, const char *msg);
void dk_db_set_notice(struct dk_db *db, dk_db_notice_fn fn, void *ctx);
/* The busy timeout, command and notice every connection opened after this
 * call starts with (opening reads the file, so it may wait already). */
void dk_db_set_defaults(int busy_ms, const char *command, dk_db_notice_fn fn, void *ctx);

sqlite3 *dk_db_sqlite(struct dk_db *db);
/* The SQL engine behind db: which spelling of a statement it takes
 * (src/core/dialect.h). */
enum dk_dialect { DK_DIALECT_SQLITE, DK_DIALECT_POSTGRES };
enum dk_dialect dk_db_dialect(const struct dk_db *db);
const char *dk_db_path(const struct dk_db *db);
const char *dk_db_actor(const struct dk_db *db);
/* Replaces the actor docket_actor() returns (a copy is kept), as once the
 * acting person is resolved to a handle. On failure the old actor stays. */
int dk_db_set_actor(struct dk_db *db, const char *actor, struct dk_error *err);
int dk_db_user_version(struct dk_db *db, int *version, struct dk_error *err);

/* Write transactions are BEGIN IMMEDIATE, so the busy timeout applies and
 * concurrent writers queue instead of failing. dk_db_rollback is safe
 * outside a transaction. */
int dk_db_begin(struct dk_db *db, struct dk_error *err);
int dk_db_commit(struct dk_db *db, struct dk_error *err);
void dk_db_rollback(struct dk_db *db);
/* A read transaction (BEGIN DEFERRED): every query until dk_db_read_end
 * sees one snapshot, as an export must. dk_db_read_end is safe to call
 * when no read transaction is open. */
int dk_db_read_begin(struct dk_db *db, struct dk_error *err);
void dk_db_read_end(struct dk_db *db);
/* Runs SQL with no parameters and no rows (fixed text only, never user input). */
int dk_db_exec(struct dk_db *db, const char *sql, struct dk_error *err);
/* Runs a write with one parameter, :id, and no rows (sql a static literal,
 * kept in the statement cache). */
int dk_db_exec_id(struct dk_db *db, const char *sql, int64_t id, struct dk_error *err);

/* Maps the connection's last SQLite error to a status and message: a
 * constraint violation is DK_EINPUT (the database refused the row), anything
 * else DK_EDB. what names the operation. */
int dk_db_error(struct dk_db *db, const char *what, struct dk_error *err);

struct dk_stmt {
	struct dk_db *db;
	sqlite3_stmt *st;
};

enum { DK_ROW = 100, DK_DONE = 101 };

/* sql must be a static literal: prepared statements are cached by its
 * address and reused after dk_stmt_finalize, which resets them. */
int dk_stmt_prepare(struct dk_db *db, struct dk_stmt *s, const char *sql,
                    struct dk_error *err);
void dk_stmt_finalize(struct dk_stmt *s);
void dk_stmt_reset(struct dk_stmt *s);
/* Binds by name (":name"); an unknown name is a programming error and
 * aborts in debug builds. A NULL text binds SQL NULL. */
void dk_bind_text(struct dk_stmt *s, const char *name, const char *v);
void dk_bind_int(struct dk_stmt *s, const char *name, int64_t v);
void dk_bind_double(struct dk_stmt *s, const char *name, double v);
void dk_bind_null(struct dk_stmt *s, const char *name);
/* Returns DK_ROW, DK_DONE, or a status with err filled. */
int dk_stmt_step(struct dk_stmt *s, struct dk_error *err);
const char *dk_col_text(struct dk_stmt *s, int i);
int64_t dk_col_int(struct dk_stmt *s, int i);
double dk_col_double(struct dk_stmt *s, int i);
int dk_col_is_null(struct dk_stmt *s, int i);

/* Runs a statement that returns one integer (e.g. an id); *found is set to
 * whether a row came back. */
int dk_stmt_one_int(struct dk_stmt *s, int64_t *v, int *found, struct dk_error *err);

#endif
