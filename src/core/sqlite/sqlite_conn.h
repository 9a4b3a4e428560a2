/* sqlite_conn.h: the SQLite backend's connection and statement, shared by
 * sqlite_db.c (the connection) and sqlite_stmt.c (its statements). */
#ifndef DOCKET_SQLITE_CONN_H
#define DOCKET_SQLITE_CONN_H

#include <sqlite3.h>

#include "db_backend.h"
#include "lockinfo.h"

#define SQ_STMT_CACHE 48

struct sq_stmt {
	struct dk_stmt base;
	sqlite3_stmt *st;
	const char *sql; /* the static literal it was cached under; NULL: not cached */
	int in_use;      /* a cached statement handed out and not yet finalized */
	/* An INSERT ... RETURNING id run as the INSERT alone (sqlite_stmt.c):
	 * ret is 0 for any other statement; then the id's row is 1: due, 2:
	 * given, 3: none (the insert wrote no row). */
	int ret;
	sqlite3_int64 ret_id;
	char ret_text[24];
};

struct sq_db {
	struct dk_db base;
	sqlite3 *h; /* the connection */
	/* Prepared statements kept for reuse, keyed by their SQL, which is
	 * always a static literal: a bulk import prepares each one once. */
	struct sq_stmt cache[SQ_STMT_CACHE];
	int64_t busy_since; /* when the current wait began (monotonic ms) */
	int wal;       /* the file is in WAL mode (else a rollback journal) */
	int ckpt_lock; /* WAL on a SQLite without the WAL-reset fix: checkpoint
	                * only while holding the write lock (dk_db_checkpoint) */
	struct dk_lockinfo_holder holder; /* the side file while this connection writes */
	struct dk_lockinfo_waiter waiter; /* what it read while waiting for another */
	char **load_sql; /* during a load: each dropped trigger's SQL, in rowid order */
	int load_n;      /* how many */
};

static inline struct sq_db *sq_db(struct dk_db *db) { return (struct sq_db *)db; }
static inline struct sq_stmt *sq_stmt(struct dk_stmt *s) { return (struct sq_stmt *)s; }

#endif
