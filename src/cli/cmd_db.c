/* cmd_db.c: docket init, docket migrate and docket backup. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "docket/db.h"
#include "docket/migrate.h"
#include "docket/store.h"

static int run_init(struct ctx *c, struct args *a)
{
	int version = 0;

	(void)a;
	if (dk_db_schema_version(c->db, &version, &c->err) != DK_OK)
		return c->err.status;
	out_note(c->out, "created %s (schema version %d)", c->db_path, version);
	if (c->fmt == FMT_CSV || c->fmt == FMT_JSON)
		out_value(c->out, "path", c->db_path);
	return DK_OK;
}

static int run_migrate(struct ctx *c, struct args *a)
{
	char backup[4200], stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	int from = 0, applied = 0, server, rc;

	if (arg_flag(a, "status")) {
		out_list(c->out, NULL);
		return dk_migrate_status(c->db, out_row, c->out, &c->err);
	}
	if ((rc = dk_db_schema_version(c->db, &from, &c->err)) != DK_OK)
		return rc;
	if (from == dk_migrate_latest()) {
		out_note(c->out, "%s is up to date (schema version %d)", c->db_path, from);
		if (c->fmt == FMT_CSV || c->fmt == FMT_JSON)
			out_value(c->out, "path", c->db_path);
		return DK_OK;
	}
	/* A server's database is backed up on the server (pg_dump); each
	 * migration is one transaction there too, so a failed one leaves the
	 * schema as it was. */
	server = dk_store_is_server(c->db_path);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(backup, sizeof backup, "%s.backup-v%d-%s", c->db_path, from, stamp);
	if ((rc = dk_migrate_up(c->db, server ? NULL : backup, &applied, &c->err)) != DK_OK)
		return rc;
	if (!server)
		out_note(c->out, "backed up to %s", backup);
	out_note(c->out, "applied %d migration%s: schema version %d -> %d", applied,
	         applied == 1 ? "" : "s", from, dk_migrate_latest());
	if (c->fmt == FMT_CSV || c->fmt == FMT_JSON)
		out_value(c->out, "path", c->db_path);
	return DK_OK;
}

static int run_backup(struct ctx *c, struct args *a)
{
	const char *path = a->pos[0];
	int rc;

	if ((rc = dk_db_backup(c->db, path, &c->err)) != DK_OK)
		return rc;
	out_note(c->out, "backed up %s to %s (mode 0600, one standalone file, integrity ok)",
	         c->db_path, path);
	if (c->fmt == FMT_CSV || c->fmt == FMT_JSON)
		out_value(c->out, "path", path);
	return DK_OK;
}

static const struct opt migrate_opts[] = {
	{"status", NULL, 0, "list the applied migrations with their SHA-256"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_init[] = {
	{NULL, NULL, 0, 0, "create a new database (mode 0600) at the current schema version",
	 NULL, CMD_CREATE, run_init},
	{0},
};

const struct cmd cmds_migrate[] = {
	{NULL, NULL, 0, 0, "upgrade an older database, one migration at a time, after a backup",
	 migrate_opts, CMD_ANYVERSION, run_migrate},
	{0},
};

const struct cmd cmds_backup[] = {
	{NULL, "PATH", 1, 1,
	 "write a consistent copy of the database to a new file PATH (mode 0600), checked",
	 NULL, 0, run_backup},
	{0},
};
