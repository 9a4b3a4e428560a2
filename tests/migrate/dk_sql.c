/* dk_sql DB < FILE.sql: runs SQL on an existing docket database of any
 * schema version through the library's own connection, so that the SQL
 * functions the audit triggers call (docket_sha256, docket_uuid,
 * docket_actor) exist. The sqlite3 shell has none of them: this is how a
 * test fills a database that an older docket would have made. */
#include <stdio.h>
#include <stdlib.h>

#include "docket/db.h"
#include "docket/store.h"
#include "sqlite/sqlite_backend.h"

int main(int argc, char **argv)
{
	struct dk_db *db = NULL;
	struct dk_error err;
	char *sql = NULL, *msg = NULL;
	size_t cap = 0, len = 0, got;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: dk_sql DB < FILE.sql\n");
		return 2;
	}
	do {
		if (len + 4096 + 1 > cap) {
			char *grown = realloc(sql, cap = 2 * cap + 4096 + 1);
			if (grown == NULL)
				goto out;
			sql = grown;
		}
		got = fread(sql + len, 1, cap - len - 1, stdin);
		len += got;
	} while (got > 0);
	sql[len] = '\0';
	if (dk_store_open(argv[1], DK_OPEN_ANY_VERSION, "fixture", &db, &err) != DK_OK) {
		fprintf(stderr, "dk_sql: %s\n", err.msg);
		goto out;
	}
	if (sqlite3_exec(dk_sqlite_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "dk_sql: %s\n", msg ? msg : "error");
		sqlite3_free(msg);
		goto out;
	}
	rc = 0;
out:
	dk_db_close(db);
	free(sql);
	return rc;
}
