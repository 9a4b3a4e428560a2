/* pg_conn.h: the PostgreSQL backend's connection and statement, shared by
 * pg_db.c (the connection) and pg_stmt.c (its statements). */
#ifndef DOCKET_PG_CONN_H
#define DOCKET_PG_CONN_H

#include <libpq-fe.h>

#include "db_backend.h"

#define PG_STMT_CACHE 64

/* The type OIDs docket sends and reads (catalog/pg_type_d.h is a server
 * header, not in libpq-dev; these numbers are fixed by the catalog). */
enum {
	PG_BOOLOID = 16,
	PG_BYTEAOID = 17,
	PG_INT8OID = 20,
	PG_INT2OID = 21,
	PG_INT4OID = 23,
	PG_TEXTOID = 25,
	PG_OIDOID = 26,
	PG_FLOAT4OID = 700,
	PG_FLOAT8OID = 701,
	PG_NUMERICOID = 1700,
};

/* The advisory lock every write transaction takes first: docket's BEGIN
 * IMMEDIATE. The audit triggers take it too (migrations/postgres/0001). */
#define PG_WRITE_LOCK "7150520120"

struct pg_stmt {
	struct dk_stmt base;
	const char *key; /* the static literal it was cached under; NULL: not cached */
	int in_use;      /* a cached statement handed out and not yet finalized */
	char *text;      /* the SQL with $1..$n for the :names */
	int nparams;
	char **names;    /* names[i]: ":name" of $i+1 */
	/* What is bound: vals[i] (owned, NULL for SQL NULL) of type types[i]
	 * (0: let the server infer it, as for a literal). */
	char **vals;
	Oid *types;
	/* The server-side prepared statement, once run: its name ("" until
	 * then) and the parameter types it was prepared with. */
	char prepared[16];
	Oid *prepared_types;
	/* forced[i]: the type $i+1 takes when bound as text (or NULL), once the
	 * server said it could not tell (TEXT), else 0. */
	Oid *forced;
	PGresult *res; /* the rows of the current execution; NULL: not run */
	char (*reals)[32]; /* the text of each real column of the current row */
	int row;       /* the current row, -1 before the first */
};

struct pg_db {
	struct dk_db base;
	PGconn *c;
	struct pg_stmt *cache[PG_STMT_CACHE];
	unsigned next_name; /* for prepared statement names */
	char sqlstate[6];   /* of the last error, "" when it had none */
	char *msg;          /* the last error's message */
	char *sent_actor;   /* what docket.actor holds on the server */
	int sent_lock_ms;   /* what lock_timeout is on the server; -1: unknown */
	int created;        /* this connection created the docket schema */
};

static inline struct pg_db *pg_db(struct dk_db *db) { return (struct pg_db *)db; }
static inline struct pg_stmt *pg_stmt(struct dk_stmt *s) { return (struct pg_stmt *)s; }

/* Keeps what res says went wrong (or the connection's message) for
 * dk_db_error; res may be NULL. */
void pg_keep_error(struct pg_db *q, const PGresult *res);
/* Sends docket.actor and lock_timeout when they differ from what the
 * server holds. */
int pg_sync_session(struct pg_db *q, struct dk_error *err);

#endif
