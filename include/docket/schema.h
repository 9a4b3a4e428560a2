/* docket/schema.h: the triggers and views a docket database must have, and
 * the check that it has them.
 *
 * The audit trail, the append-only guard on it, the search index and the
 * status rules are all triggers; someone with the file and the sqlite3
 * shell, or with psql, can drop one and write around it. The binary knows
 * each trigger's and view's exact SQL (generated at build time from
 * migrations/ by src/core/sqlite/gen_triggers.c), so it can tell when one
 * is gone, altered or added. On PostgreSQL it knows instead what the
 * catalog keeps of each trigger, view and function of schema docket
 * (generated from migrations/postgres/ by
 * src/core/postgres/gen_pg_objects.c; src/core/schema_pg.h). Ownership:
 * the tables are static; findings go to a callback and are not kept. */
#ifndef DOCKET_SCHEMA_H
#define DOCKET_SCHEMA_H

#include "docket/error.h"

struct dk_db;

struct dk_schema_object {
	const char *type;  /* "trigger" or "view"; on PostgreSQL also "function" */
	const char *name;
	const char *table; /* the table a trigger fires on; a view's or function's own name */
	const char *sql;   /* as sqlite_schema holds it; on PostgreSQL the statement of the
	                    * migration that made it, or what the catalog says of an
	                    * unknown one */
};

/* SQLite's, sorted by name. */
extern const struct dk_schema_object dk_expected_objects[];
extern const int dk_expected_object_count;

/* What is wrong with one object: "missing", "altered" (its SQL is not the
 * expected SQL; on PostgreSQL: what the catalog keeps of it, or the body
 * of the function a trigger executes, differs), "unknown" (the binary
 * does not know it) or, on PostgreSQL, "disabled" (a trigger that is there
 * as expected but does not fire: ALTER TABLE ... DISABLE TRIGGER). */
typedef void (*dk_schema_fn)(void *ctx, const struct dk_schema_object *o, const char *problem);

/* Compares the database's triggers and views (and on PostgreSQL its
 * functions) with the expected ones of its engine, calling fn (if not
 * NULL) for each difference and counting them in *problems. Returns DK_OK
 * when the schema could be read, else a status. */
int dk_schema_check(struct dk_db *db, dk_schema_fn fn, void *ctx, int *problems,
                     struct dk_error *err);

/* The names of the tables the change trail covers (those with an
 * <table>_audit_insert trigger), NULL-terminated, in the order of
 * dk_expected_objects; the same on both engines (PostgreSQL's audit
 * triggers have SQLite's names and tables). */
const char *const *dk_schema_audited_tables(void);

#endif
