/* docket/migrate.h: the migrations embedded at build time and the code that
 * applies them.
 *
 * Ownership: dk_migrations is static, generated from the migrations/ files by
 * src/embed.cmake. Listing calls hand rows to a callback and keep nothing. */
#ifndef DOCKET_MIGRATE_H
#define DOCKET_MIGRATE_H

#include <stddef.h>

#include "docket/error.h"
#include "docket/rows.h"

struct dk_db;

struct dk_migration {
	int version;      /* NNNN of the file name */
	const char *name; /* the file name without .sql */
	const char *sql;  /* the file's bytes, NUL-terminated */
	size_t len;       /* bytes, without the NUL */
};

/* SQLite's, from migrations/, and PostgreSQL's, from migrations/postgres/:
 * the same versions, each in its engine's SQL. */
extern const struct dk_migration dk_migrations[];
extern const int dk_migration_count;
extern const struct dk_migration dk_pg_migrations[];
extern const int dk_pg_migration_count;

/* The version this binary brings a database to. */
int dk_migrate_latest(void);
/* Whether the open database is one this binary may use: docket's, and at
 * the latest version (or an older one with DK_OPEN_ANY_VERSION; never a
 * newer one). DK_EDB says why not. */
int dk_migrate_check(struct dk_db *db, unsigned flags, struct dk_error *err);

/* Applies migrations after the database's version, one transaction each,
 * recording each with its SHA-256. If backup_path is not NULL and there is
 * anything to apply, the database is first copied there (dk_db_backup,
 * mode 0600). *applied is the number applied. On failure the
 * migration in progress is rolled back; earlier ones stay applied. */
int dk_migrate_up(struct dk_db *db, const char *backup_path, int *applied,
                  struct dk_error *err);
/* Applies migrations 1..upto only; for tests that need an old database. */
int dk_migrate_to(struct dk_db *db, int upto, struct dk_error *err);

/* Rows: version, name, sha256, applied_at, embedded (whether the binary's
 * copy still has that hash). */
int dk_migrate_status(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err);

#endif
