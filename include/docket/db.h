/* docket/db.h: the one way the core reaches storage. A connection and its
 * prepared statements, with named parameters, typed columns and
 * transactions, over whichever engine the database was opened with (a
 * struct dk_backend, src/core/db_backend.h; SQLite is the first, in
 * src/core/sqlite/). Nothing here names an engine's types: a second SQL
 * engine is a module behind this header, not a change to its callers.
 *
 * Ownership: dk_store_open (docket/store.h) hands out a struct dk_db that
 * the caller releases with dk_db_close (NULL is safe). A struct dk_stmt
 * belongs to its connection: dk_stmt_prepare sets the caller's pointer and
 * dk_stmt_finalize(&s) gives it back and sets the pointer to NULL, so a
 * second finalize, or one after a failed prepare, does nothing. Text
 * returned by dk_col_text and dk_col_name belongs to the statement and is
 * valid until the next step, reset or finalize.
 *
 * Every connection has foreign keys on, a busy timeout (30 s unless
 * dk_db_set_busy_timeout says otherwise) and the SQL functions
 * docket_sha256(text), docket_uuid(), docket_actor(), docket_now() (UTC,
 * "2026-12-01T10:42:03Z"), docket_now_ms() (UTC with milliseconds,
 * "2026-12-01T10:42:03.123Z"), and docket_canon_array(...) and
 * docket_canon_object(k, v, ...) (the canonical text of docket/canon.h). */
#ifndef DOCKET_DB_H
#define DOCKET_DB_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"

struct dk_db;   /* a connection */
struct dk_stmt; /* a prepared statement of one connection */

enum dk_open_flags {
	DK_OPEN_CREATE = 1,      /* create a new database; fail if one exists and holds something */
	DK_OPEN_ANY_VERSION = 2, /* open an older schema too (for migrate) */
	DK_OPEN_READONLY = 4,    /* no writes will be made */
};

/* The SQL engine behind a connection: which spelling of a statement it
 * takes (src/core/dialect.h). */
enum dk_dialect { DK_DIALECT_SQLITE, DK_DIALECT_POSTGRES };
enum dk_dialect dk_db_dialect(const struct dk_db *db);

/* Closes; NULL is safe. A connection that wrote leaves every record in the
 * database itself (SQLite: the WAL is checkpointed into the file). */
void dk_db_close(struct dk_db *db);

const char *dk_db_path(const struct dk_db *db);
const char *dk_db_actor(const struct dk_db *db);
/* Replaces the actor docket_actor() returns (a copy is kept), as once the
 * acting person is resolved to a handle. On failure the old actor stays. */
int dk_db_set_actor(struct dk_db *db, const char *actor, struct dk_error *err);

/* What the database says it is. */
struct dk_db_ident {
	int docket;  /* it carries docket's mark (SQLite: the application id) */
	int version; /* the schema version its migrations reached; 0: none */
	int empty;   /* it holds no table at all */
};
/* Reads the mark, the version and whether anything is there. A database
 * that cannot be read at all is DK_EDB with the engine's reason. */
int dk_db_identify(struct dk_db *db, struct dk_db_ident *id, struct dk_error *err);
int dk_db_schema_version(struct dk_db *db, int *version, struct dk_error *err);
/* Records the schema version, inside the write transaction of the
 * migration that reached it. */
int dk_db_set_schema_version(struct dk_db *db, int version, struct dk_error *err);

/* Writes a consistent copy of the database to path: a new file (O_EXCL: an
 * existing file or a symlink is refused, DK_EINPUT, as are '' and a missing
 * directory), mode 0600, one standalone file, checked for integrity. On
 * failure nothing is left at path. */
int dk_db_backup(struct dk_db *db, const char *path, struct dk_error *err);
/* Brings what was written into the main database without waiting for
 * anyone (SQLite in WAL mode: a checkpoint; otherwise nothing to do).
 * *left is what could not be copied yet (0: the database alone holds
 * everything; -1: another connection held the locks). Outside a
 * transaction only. */
int dk_db_checkpoint(struct dk_db *db, int *left, struct dk_error *err);

/* A writer that finds the database locked waits up to this long, trying
 * more often the longer it has waited, then fails with "database is
 * locked". The timeout counts from the last time the holder was seen to
 * make progress: a holder that is alive and working is waited for as long
 * as it works, one that is gone or stuck only for the timeout. */
#define DK_DB_BUSY_TIMEOUT_MS 30000
void dk_db_set_busy_timeout(struct dk_db *db, int ms);
int dk_db_busy_timeout(const struct dk_db *db);
/* What this process is (e.g. "docket import people"), told to those who
 * wait for its lock; copied, cut at 95 bytes. */
void dk_db_set_command(struct dk_db *db, const char *what);
/* A writer that has waited DK_DB_WAIT_NOTICE_MS for the lock calls fn once
 * per wait with a message naming the holder ("waiting for the write lock
 * held by 'docket import people' (pid 1234) since 10:42:03 UTC"). The core
 * never prints; the caller decides where this goes. */
#define DK_DB_WAIT_NOTICE_MS 2000
typedef void (*dk_db_notice_fn)(void *ctx, const char *msg);
void dk_db_set_notice(struct dk_db *db, dk_db_notice_fn fn, void *ctx);
/* The busy timeout, command and notice every connection opened after this
 * call starts with (opening reads the database, so it may wait already). */
void dk_db_set_defaults(int busy_ms, const char *command, dk_db_notice_fn fn, void *ctx);

/* Called by dk_db_begin once the write lock is held, when the schema has
 * changed since it last passed (or never did): a status other than DK_OK
 * refuses the write and rolls back. docket/store.h installs the check that
 * the schema's triggers are intact. */
typedef int (*dk_db_guard_fn)(struct dk_db *db, struct dk_error *err);
void dk_db_set_guard(struct dk_db *db, dk_db_guard_fn fn);

/* Write transactions take the write lock at once, so the busy timeout
 * applies and concurrent writers queue instead of failing. dk_db_rollback
 * is safe outside a transaction. */
int dk_db_begin(struct dk_db *db, struct dk_error *err);
int dk_db_commit(struct dk_db *db, struct dk_error *err);
void dk_db_rollback(struct dk_db *db);
/* A read transaction: every query until dk_db_read_end sees one snapshot,
 * as an export must. dk_db_read_end is safe when none is open. */
int dk_db_read_begin(struct dk_db *db, struct dk_error *err);
void dk_db_read_end(struct dk_db *db);

/* A load: rows written as another database stored them (docket/copy.h),
 * inside a write transaction (dk_db_begin), between these two. Between
 * them none of the schema's triggers fires (no audit row is appended, no
 * rule runs again) and foreign keys are checked at commit, not per row;
 * dk_db_load_end turns the triggers back on as they were and brings what
 * they keep (the search indexes, the engine's id counters) up to date with
 * the rows loaded. A rollback undoes both. Outside a write transaction, or
 * a second load_begin, is DK_EDB; so is dk_db_commit before load_end,
 * which rolls back instead. Either of them failing rolls the transaction
 * back (a half-done one would leave triggers dropped). */
int dk_db_load_begin(struct dk_db *db, struct dk_error *err);
int dk_db_load_end(struct dk_db *db, struct dk_error *err);

/* Runs fixed SQL with no parameters and no rows: one statement, or a whole
 * script such as a migration (never user input). */
int dk_db_exec(struct dk_db *db, const char *sql, struct dk_error *err);
/* Runs a write with one parameter, :id, and no rows (sql a static literal,
 * kept in the statement cache). */
int dk_db_exec_id(struct dk_db *db, const char *sql, int64_t id, struct dk_error *err);
/* Asks the engine to favour a long run of writes (on: 1) over memory, or
 * back to its defaults (0): a bulk import brackets itself with it. */
void dk_db_tune_bulk(struct dk_db *db, int on);

/* The connection's last error as a status and message: a constraint the
 * database enforced is DK_EINPUT (it refused the row), a lock held past
 * the busy timeout and anything else DK_EDB. what names the operation. */
int dk_db_error(struct dk_db *db, const char *what, struct dk_error *err);

/* The columns of a table, in table order, with the SQL of each declared
 * default (NULL when it declares none) and whether the engine computes the
 * column itself (generated: 1, as risk.score; a write cannot give it);
 * *n is how many (0: no such table). */
typedef int (*dk_db_column_fn)(void *ctx, const char *name, const char *dflt, int generated,
                               struct dk_error *err);
int dk_db_table_columns(struct dk_db *db, const char *table, dk_db_column_fn fn, void *ctx,
                        int *n, struct dk_error *err);

enum { DK_ROW = 100, DK_DONE = 101 };

enum dk_col_type { DK_COL_NULL, DK_COL_INT, DK_COL_REAL, DK_COL_TEXT, DK_COL_BLOB };

/* sql must be a static literal: prepared statements are cached by its
 * address and reused after dk_stmt_finalize, which resets them. */
int dk_stmt_prepare(struct dk_db *db, struct dk_stmt **s, const char *sql,
                    struct dk_error *err);
/* For SQL composed at run time (never from user input): not cached. */
int dk_stmt_prepare_text(struct dk_db *db, struct dk_stmt **s, const char *sql,
                         struct dk_error *err);
void dk_stmt_finalize(struct dk_stmt **s);
void dk_stmt_reset(struct dk_stmt *s);
/* Whether the statement takes the parameter name (":name"). */
int dk_stmt_has_param(struct dk_stmt *s, const char *name);
/* Binds by name; an unknown name is a programming error and aborts in
 * debug builds (dk_stmt_has_param asks first). A NULL text binds NULL. */
void dk_bind_text(struct dk_stmt *s, const char *name, const char *v);
void dk_bind_int(struct dk_stmt *s, const char *name, int64_t v);
void dk_bind_double(struct dk_stmt *s, const char *name, double v);
void dk_bind_null(struct dk_stmt *s, const char *name);
/* Returns DK_ROW, DK_DONE, or a status with err filled. */
int dk_stmt_step(struct dk_stmt *s, struct dk_error *err);
int dk_col_count(struct dk_stmt *s);
const char *dk_col_name(struct dk_stmt *s, int i);
/* The type of column i's value in the current row. */
enum dk_col_type dk_col_type(struct dk_stmt *s, int i);
const char *dk_col_text(struct dk_stmt *s, int i);
int64_t dk_col_int(struct dk_stmt *s, int i);
double dk_col_double(struct dk_stmt *s, int i);
int dk_col_is_null(struct dk_stmt *s, int i);

/* Runs a statement that returns one integer; *found is set to whether a
 * row came back. */
int dk_stmt_one_int(struct dk_stmt *s, int64_t *v, int *found, struct dk_error *err);
/* Runs an INSERT ... RETURNING id: *id is the new row's id. An insert that
 * returns no row is DK_EDB. */
int dk_stmt_insert(struct dk_stmt *s, int64_t *id, struct dk_error *err);

#endif
