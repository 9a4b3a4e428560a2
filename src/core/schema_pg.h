/* schema_pg.h: the functions, triggers and views a docket database on
 * PostgreSQL must have in its schema docket, and the check of its catalog
 * against them (schema_pg.c, for docket/schema.h's dk_schema_check).
 *
 * The lists are generated at build time by src/core/postgres/gen_pg_objects.c
 * from the embedded PostgreSQL migrations (generated/pg_objects.c): what the
 * migrations leave defined, each in the form pg_proc and pg_trigger keep it,
 * so that the check compares like with like without a server at build time.
 * Ownership: the tables are static. */
#ifndef DOCKET_SCHEMA_PG_H
#define DOCKET_SCHEMA_PG_H

#include "docket/schema.h"

/* pg_trigger.tgtype's bits (PostgreSQL's catalog/pg_trigger.h); AFTER is
 * neither BEFORE nor INSTEAD. */
enum {
	DK_PG_TRIGGER_ROW = 1 << 0,
	DK_PG_TRIGGER_BEFORE = 1 << 1,
	DK_PG_TRIGGER_INSERT = 1 << 2,
	DK_PG_TRIGGER_DELETE = 1 << 3,
	DK_PG_TRIGGER_UPDATE = 1 << 4,
	DK_PG_TRIGGER_TRUNCATE = 1 << 5,
	DK_PG_TRIGGER_INSTEAD = 1 << 6,
};

/* A function (or procedure) of schema docket, by name: the migrations
 * give no two the same name. */
struct dk_pg_function {
	const char *name;
	const char *sha256; /* of its body, the bytes pg_proc.prosrc holds, as hex */
	int sql_body;       /* a SQL-standard body (RETURN ..., BEGIN ATOMIC): prosrc is
	                     * empty and pg_proc.prosqlbody holds it */
	const char *sql;    /* the statement that last defined it */
};

struct dk_pg_trigger {
	const char *name;
	const char *table;
	const char *function;        /* the name of the function it executes */
	const char *function_sha256; /* that function's sha256 (schema docket); NULL: a
	                              * built-in (pg_catalog) function */
	int tgtype;                  /* DK_PG_TRIGGER_* */
	char enabled;                /* pg_trigger.tgenabled: 'O' fires, 'D' disabled,
	                              * 'R' only on a replica, 'A' always */
	const char *columns;         /* UPDATE OF's columns, sorted, joined by ','; "" */
	const char *args;            /* pg_trigger.tgargs as lower-case hex; "" */
	int when;                    /* whether it has a WHEN condition */
	const char *sql;             /* the statement that created it */
};

struct dk_pg_view {
	const char *name;
	const char *sql; /* the statement that created it */
};

/* Sorted by name (triggers by name, then table) in byte order. */
extern const struct dk_pg_function dk_pg_functions[];
extern const int dk_pg_function_count;
extern const struct dk_pg_trigger dk_pg_triggers[];
extern const int dk_pg_trigger_count;
extern const struct dk_pg_view dk_pg_views[];
extern const int dk_pg_view_count;

/* dk_schema_check on PostgreSQL: the database's non-internal triggers on
 * tables of schema docket (name, table, whether enabled, the function and
 * its body's hash, tgtype, columns, arguments, WHEN), its views and its
 * functions against the lists above. A trigger that is there as expected
 * but does not fire is "disabled"; one that differs otherwise, or whose
 * function's body does, is "altered"; a function whose body differs is
 * "altered" too (type "function", table its own name). */
int dk_schema_check_pg(struct dk_db *db, dk_schema_fn fn, void *ctx, int *problems,
                       struct dk_error *err);

#endif
