/* sha256ext.c: docket_sha256(text) as a loadable SQLite extension, so that
 * the sqlite3 shell can run docket's own SQL in the benchmark (the overdue
 * query judges stale acceptances by hash). Same result as src/core/db.c:
 * lower-case hex of the UTF-8 bytes, NULL for NULL. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <openssl/evp.h>

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
	return sqlite3_create_function(db, "docket_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                               NULL, sha256_fn, NULL, NULL);
}
