/* db_backend.h: what an SQL engine provides behind docket/db.h.
 *
 * A backend is a table of functions chosen when a database is opened
 * (docket/store.h picks it). Its connection struct starts with a struct
 * dk_db and its statement struct with a struct dk_stmt, so db.c can keep
 * what every engine shares (path, actor, timeouts, the write guard) and
 * hand the rest to the table. A backend reports failures through
 * dk_db_error's rules: a constraint is DK_EINPUT, the rest DK_EDB.
 *
 * Ownership: connect allocates the connection and close frees it; prepare
 * returns a statement that finalize takes back (a cached one is kept by
 * the backend until close). Text from col_text/col_name belongs to the
 * statement until its next step, reset or finalize. */
#ifndef DOCKET_DB_BACKEND_H
#define DOCKET_DB_BACKEND_H

#include "docket/db.h"

/* The longest command description kept, with its NUL (lockinfo.h's). */
#define DK_DB_COMMAND_LEN 96

struct dk_backend;

struct dk_db {
	const struct dk_backend *be;
	char *path;  /* as given */
	char *actor; /* returned by docket_actor() */
	int in_tx;   /* inside dk_db_begin .. commit/rollback */
	int loading; /* inside dk_db_load_begin .. load_end (or the rollback) */
	int busy_ms; /* how long a writer waits for the lock */
	char command[DK_DB_COMMAND_LEN]; /* what this process is, for those who wait */
	dk_db_notice_fn notice; /* says what a waiting writer waits for; NULL: nothing */
	void *notice_ctx;
	dk_db_guard_fn guard;   /* checked under the write lock; NULL: none */
	int64_t guard_cookie;   /* the schema version stamp last found intact; -1: none */
};

struct dk_stmt {
	struct dk_db *db;
};

struct dk_backend {
	const char *name; /* "SQLite" */
	enum dk_dialect dialect;
	/* The engine's own settings for a one-thread process, before first use. */
	void (*setup)(void);
	/* engine: its name and version ("SQLite 3.40.1"); notes: a line about
	 * how it keeps files here ("journal: wal (...)"), or "". */
	int (*about)(char *engine, size_t n, char *notes, size_t m, struct dk_error *err);

	/* Opens what `where` names (flags: DK_OPEN_*);
	 * fills the struct dk_db part through dk_db_init. *created: whether
	 * it made the database (then discard can remove it). */
	int (*connect)(const char *where, unsigned flags, const char *actor, struct dk_db **out,
	               int *created, struct dk_error *err);
	/* Once the store has checked what the database is, before any write:
	 * settings that change the database itself (SQLite: its journal mode). */
	int (*settle)(struct dk_db *db, unsigned flags, struct dk_error *err);
	void (*close)(struct dk_db *db);
	/* Removes a database connect created (after close). */
	void (*discard)(const char *where);

	int (*identify)(struct dk_db *db, struct dk_db_ident *id, struct dk_error *err);
	int (*schema_version)(struct dk_db *db, int *version, struct dk_error *err);
	int (*set_schema_version)(struct dk_db *db, int version, struct dk_error *err);
	/* A number that changes whenever the schema does (triggers included). */
	int (*schema_cookie)(struct dk_db *db, int64_t *cookie, struct dk_error *err);
	/* generated: SQLite pragma_table_xinfo's hidden 2 or 3; PostgreSQL
	 * pg_attribute.attgenerated = 's'. */
	int (*table_columns)(struct dk_db *db, const char *table, dk_db_column_fn fn, void *ctx,
	                     int *n, struct dk_error *err);

	/* dk_db_load_begin / dk_db_load_end, called inside the write
	 * transaction (db.c checks in_tx and that loads do not nest). On a
	 * failure of either db.c rolls the transaction back, which must undo
	 * everything they did.
	 *   SQLite: begin saves every trigger's SQL from sqlite_schema (in
	 *   rowid order, the order they fire in) and drops them, and sets
	 *   PRAGMA defer_foreign_keys; end fills each fts5 table X from its
	 *   view X_source and re-creates the triggers from the saved text, so
	 *   the schema check finds them byte for byte as before.
	 *   PostgreSQL: begin runs ALTER TABLE t DISABLE TRIGGER USER on every
	 *   table of schema docket (the foreign keys' own triggers stay) and
	 *   SET CONSTRAINTS ALL DEFERRED (a row may name a later row of its
	 *   own table: decision.supersedes_id; this needs the foreign keys
	 *   declared DEFERRABLE); end fills each X_fts table from X_fts_source
	 *   as its triggers would (they were off), runs ENABLE TRIGGER USER on
	 *   every table, and setval()s each identity sequence to max(id) (or
	 *   1, not called, for an empty table) so that the next insert does
	 *   not reuse a loaded id. */
	int (*load_begin)(struct dk_db *db, struct dk_error *err);
	int (*load_end)(struct dk_db *db, struct dk_error *err);

	int (*begin)(struct dk_db *db, int write, struct dk_error *err);
	int (*commit)(struct dk_db *db, struct dk_error *err);
	void (*rollback)(struct dk_db *db);
	int (*exec)(struct dk_db *db, const char *sql, struct dk_error *err);
	int (*backup)(struct dk_db *db, const char *path, struct dk_error *err);
	int (*checkpoint)(struct dk_db *db, int *left, struct dk_error *err);
	void (*tune_bulk)(struct dk_db *db, int on);
	int (*error)(struct dk_db *db, const char *what, struct dk_error *err);

	/* cache: sql is a static literal and may be kept by its address. */
	int (*prepare)(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
	               struct dk_error *err);
	void (*finalize)(struct dk_stmt *s);
	void (*reset)(struct dk_stmt *s);
	/* The 1-based index of parameter name, 0 if the statement has none. */
	int (*param)(struct dk_stmt *s, const char *name);
	void (*bind_text)(struct dk_stmt *s, int i, const char *v);
	void (*bind_int)(struct dk_stmt *s, int i, int64_t v);
	void (*bind_double)(struct dk_stmt *s, int i, double v);
	void (*bind_null)(struct dk_stmt *s, int i);
	int (*step)(struct dk_stmt *s, struct dk_error *err);
	int (*col_count)(struct dk_stmt *s);
	const char *(*col_name)(struct dk_stmt *s, int i);
	enum dk_col_type (*col_type)(struct dk_stmt *s, int i);
	const char *(*col_text)(struct dk_stmt *s, int i);
	int64_t (*col_int)(struct dk_stmt *s, int i);
	double (*col_double)(struct dk_stmt *s, int i);
};

/* Fills the shared part of a new connection with the defaults of
 * dk_db_set_defaults; path and actor are copied. */
int dk_db_init(struct dk_db *db, const struct dk_backend *be, const char *path,
               const char *actor, struct dk_error *err);
/* Frees what dk_db_init allocated (not db itself). */
void dk_db_fini(struct dk_db *db);
/* Opens `where` with backend be; see struct dk_backend's connect. */
int dk_db_connect(const struct dk_backend *be, const char *where, unsigned flags,
                  const char *actor, struct dk_db **out, int *created, struct dk_error *err);
int dk_db_settle(struct dk_db *db, unsigned flags, struct dk_error *err);
/* Closes db and removes the database its connect created. */
void dk_db_discard(struct dk_db *db);

#endif
