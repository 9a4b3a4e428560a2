/* sha256ext.c: docket_sha256(text), docket_canon_array and
 * docket_canon_object as a loadable SQLite extension, so that the sqlite3
 * shell can run docket's own SQL in the benchmark (the overdue query judges
 * stale acceptances by hash; the audit triggers write canonical rows).
 * docket_sha256 gives what src/core/db.c does: lower-case hex of the UTF-8
 * bytes, NULL for NULL; the canon functions are docket's own code, built in
 * here (compile with -I include), with sqlite3ext.h routing their SQLite
 * calls through the extension's API table. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <openssl/evp.h>

#include "../../src/core/canon.c"
#include "../../src/core/error.c"
#include "../../src/core/sqlite/sqlite_canon.c"
#include "../../src/core/suggest.c"
#include "../../src/core/text.c"

static void sha256_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	unsigned char md[32];
	unsigned int len = 0;
	char hex[65];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(c);
		return;
	}
	EVP_Digest(sqlite3_value_text(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), md, &len,
	           EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = "0123456789abcdef"[md[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	sqlite3_result_text(c, hex, 64, SQLITE_TRANSIENT);
}

/* SQLite derives the entry point from the file name without digits: sha256ext -> shaext. */
int sqlite3_shaext_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

int sqlite3_shaext_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	(void)err;
	SQLITE_EXTENSION_INIT2(api);
	if (sqlite3_create_function(db, "docket_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            sha256_fn, NULL, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	return dk_sqlite_canon_register(db);
}
