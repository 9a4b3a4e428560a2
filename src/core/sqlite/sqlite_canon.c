/* sqlite_canon.c: docket_canon_array and docket_canon_object (see sqlite_canon.h). */
#include "sqlite_canon.h"


#include "docket/canon.h"

/* One argument as a value; 0 and an SQL error on ctx when it has none. */
static int put_value(sqlite3_context *ctx, const char *fn, struct dk_canon *c, sqlite3_value *v)
{
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		dk_canon_null(c);
		return 1;
	case SQLITE_INTEGER:
		dk_canon_int(c, sqlite3_value_int64(v));
		return 1;
	case SQLITE_FLOAT:
		dk_canon_real(c, sqlite3_value_double(v));
		return 1;
	case SQLITE_TEXT: {
		/* The text first, then its length: the order SQLite documents. */
		const char *s = (const char *)sqlite3_value_text(v);
		int n = sqlite3_value_bytes(v);

		if (s == NULL) {
			sqlite3_result_error_nomem(ctx);
			return 0;
		}
		dk_canon_text(c, s, (size_t)n);
		return 1;
	}
	default: {
		char *msg = sqlite3_mprintf("%s() cannot hold BLOB values", fn);

		if (msg == NULL) {
			sqlite3_result_error_nomem(ctx);
			return 0;
		}
		sqlite3_result_error(ctx, msg, -1);
		sqlite3_free(msg);
		return 0;
	}
	}
}

/* The builder's text as the result, or its problem as the error. */
static void finish(sqlite3_context *ctx, const char *fn, struct dk_canon *c, struct dk_buf *b)
{
	struct dk_error err;
	int rc = dk_canon_finish(c, &err);

	if (rc == DK_EDB)
		sqlite3_result_error_nomem(ctx);
	else if (rc != DK_OK) {
		char *msg = sqlite3_mprintf("%s(): %s", fn, err.msg);

		if (msg == NULL)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_error(ctx, msg, -1);
		sqlite3_free(msg);
	} else
		sqlite3_result_text(ctx, b->p, (int)b->len, SQLITE_TRANSIENT);
	dk_buf_free(b);
}

static void fn_array(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_buf b = {0};
	struct dk_canon c;

	dk_canon_init(&c, &b);
	dk_canon_array_open(&c);
	for (int i = 0; i < argc; i++)
		if (!put_value(ctx, "docket_canon_array", &c, argv[i])) {
			dk_buf_free(&b);
			return;
		}
	dk_canon_array_close(&c);
	finish(ctx, "docket_canon_array", &c, &b);
}

static void fn_object(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_buf b = {0};
	struct dk_canon c;

	if (argc % 2 != 0) {
		sqlite3_result_error(ctx, "docket_canon_object() requires an even number of arguments",
		                     -1);
		return;
	}
	dk_canon_init(&c, &b);
	dk_canon_object_open(&c);
	for (int i = 0; i < argc; i += 2) {
		const char *k;

		if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
			sqlite3_result_error(ctx, "docket_canon_object() labels must be TEXT", -1);
			dk_buf_free(&b);
			return;
		}
		if ((k = (const char *)sqlite3_value_text(argv[i])) == NULL) {
			sqlite3_result_error_nomem(ctx);
			dk_buf_free(&b);
			return;
		}
		dk_canon_key(&c, k, (size_t)sqlite3_value_bytes(argv[i]));
		if (!put_value(ctx, "docket_canon_object", &c, argv[i + 1])) {
			dk_buf_free(&b);
			return;
		}
	}
	dk_canon_object_close(&c);
	finish(ctx, "docket_canon_object", &c, &b);
}

int dk_sqlite_canon_register(sqlite3 *h)
{
	int rc = sqlite3_create_function(h, "docket_canon_array", -1,
	                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_array, NULL,
	                                 NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(h, "docket_canon_object", -1,
		                             SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_object, NULL,
		                             NULL);
	return rc;
}
