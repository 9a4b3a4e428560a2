#include "docket/migrate.h"

#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/hash.h"

static const char SQL_RECORD[] =
	"INSERT INTO schema_migration (version, name, sha256, applied_at) "
	"VALUES (:version, :name, :sha256, docket_now())";

static const char SQL_STATUS[] =
	"SELECT version, name, sha256, applied_at FROM schema_migration ORDER BY version";

/* The migrations of db's engine. */
static const struct dk_migration *migrations_of(struct dk_db *db, int *n)
{
	if (dk_db_dialect(db) == DK_DIALECT_POSTGRES) {
		*n = dk_pg_migration_count;
		return dk_pg_migrations;
	}
	*n = dk_migration_count;
	return dk_migrations;
}

int dk_migrate_latest(void)
{
	return dk_migration_count > 0 ? dk_migrations[dk_migration_count - 1].version : 0;
}

int dk_migrate_check(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	struct dk_db_ident id;
	int latest = dk_migrate_latest(), rc;

	if ((rc = dk_db_identify(db, &id, err)) != DK_OK)
		return rc;
	if (!id.docket)
		return dk_fail(err, DK_EDB, "'%s' is not a docket database%s", dk_db_path(db),
		               id.empty ? " (it is empty: run 'docket init')" : "");
	if (id.version > latest)
		return dk_fail(err, DK_EDB,
		               "database '%s' is at schema version %d, newer than this docket "
		               "(%s, schema version %d): upgrade docket",
		               dk_db_path(db), id.version, DOCKET_VERSION, latest);
	if (id.version < latest && !(flags & DK_OPEN_ANY_VERSION))
		return dk_fail(err, DK_EDB,
		               "database '%s' is at schema version %d, this docket needs %d: "
		               "run 'docket migrate' (it keeps a backup)",
		               dk_db_path(db), id.version, latest);
	return DK_OK;
}

static int apply_one(struct dk_db *db, const struct dk_migration *m, struct dk_error *err)
{
	char hash[DK_SHA256_HEX];
	struct dk_stmt *s = NULL;
	int rc;

	dk_sha256_hex(m->sql, m->len, hash);
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if (dk_db_exec(db, m->sql, NULL) != DK_OK) {
		rc = dk_db_error(db, m->name, err);
		goto fail;
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_RECORD, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":version", m->version);
	dk_bind_text(s, ":name", m->name);
	dk_bind_text(s, ":sha256", hash);
	if ((rc = dk_stmt_step(s, err)) != DK_DONE)
		goto fail;
	dk_stmt_finalize(&s);
	if ((rc = dk_db_set_schema_version(db, m->version, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_stmt_finalize(&s);
	dk_db_rollback(db);
	return rc == DK_DONE || rc == DK_ROW ? DK_EDB : rc;
}

static int migrate(struct dk_db *db, int upto, const char *backup_path, int *applied,
                   struct dk_error *err)
{
	int count, version, rc;
	const struct dk_migration *list = migrations_of(db, &count);

	*applied = 0;
	if ((rc = dk_db_schema_version(db, &version, err)) != DK_OK)
		return rc;
	if (version >= upto)
		return DK_OK;
	if (backup_path != NULL && (rc = dk_db_backup(db, backup_path, err)) != DK_OK)
		return rc;
	for (int i = 0; i < count; i++) {
		const struct dk_migration *m = &list[i];

		if (m->version <= version || m->version > upto)
			continue;
		if ((rc = apply_one(db, m, err)) != DK_OK)
			return rc;
		(*applied)++;
	}
	return DK_OK;
}

int dk_migrate_up(struct dk_db *db, const char *backup_path, int *applied,
                  struct dk_error *err)
{
	return migrate(db, dk_migrate_latest(), backup_path, applied, err);
}

int dk_migrate_to(struct dk_db *db, int upto, struct dk_error *err)
{
	int applied;

	return migrate(db, upto, NULL, &applied, err);
}

int dk_migrate_status(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	struct dk_cell cells[5];
	char v[16];
	int count, rc;
	const struct dk_migration *list = migrations_of(db, &count);

	if ((rc = dk_stmt_prepare(db, &s, SQL_STATUS, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *embedded = "missing";
		int version = (int)dk_col_int(s, 0);

		for (int i = 0; i < count; i++) {
			char h[DK_SHA256_HEX];

			if (list[i].version != version)
				continue;
			dk_sha256_hex(list[i].sql, list[i].len, h);
			embedded = strcmp(h, dk_col_text(s, 2)) == 0 ? "same" : "differs";
		}
		snprintf(v, sizeof v, "%d", version);
		cells[0] = (struct dk_cell){"version", v, DK_CELL_INT};
		cells[1] = (struct dk_cell){"name", dk_col_text(s, 1), DK_CELL_TEXT};
		cells[2] = (struct dk_cell){"sha256", dk_col_text(s, 2), DK_CELL_TEXT};
		cells[3] = (struct dk_cell){"applied_at", dk_col_text(s, 3), DK_CELL_TEXT};
		cells[4] = (struct dk_cell){"binary", embedded, DK_CELL_TEXT};
		if ((rc = fn(ctx, 5, cells, err)) != DK_OK)
			break;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}
