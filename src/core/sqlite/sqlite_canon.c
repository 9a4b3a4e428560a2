/* sqlite_canon.c: docket_canon_array and docket_canon_object (see sqlite_canon.h). */
#include "sqlite_canon.h"

#include <stdlib.h>

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
}

/* Each function keeps one buffer for the connection's life: a trigger calls
 * it once per row written, and no call runs inside another. The text is
 * copied out (SQLITE_TRANSIENT) before the next call reuses it. */
static struct dk_buf *buffer(sqlite3_context *ctx)
{
	struct dk_buf *b = sqlite3_user_data(ctx);

	b->len = 0;
	b->failed = 0;
	return b;
}

static void buffer_free(void *p)
{
	dk_buf_free(p);
	free(p);
}

static void fn_array(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_buf *b = buffer(ctx);
	struct dk_canon c;

	dk_canon_init(&c, b);
	dk_canon_array_open(&c);
	for (int i = 0; i < argc; i++)
		if (!put_value(ctx, "docket_canon_array", &c, argv[i]))
			return;
	dk_canon_array_close(&c);
	finish(ctx, "docket_canon_array", &c, b);
}

static void fn_object(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_buf *b = buffer(ctx);
	struct dk_canon c;

	if (argc % 2 != 0) {
		sqlite3_result_error(ctx, "docket_canon_object() requires an even number of arguments",
		                     -1);
		return;
	}
	dk_canon_init(&c, b);
	dk_canon_object_open(&c);
	for (int i = 0; i < argc; i += 2) {
		const char *k;

		if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
			sqlite3_result_error(ctx, "docket_canon_object() labels must be TEXT", -1);
			return;
		}
		if ((k = (const char *)sqlite3_value_text(argv[i])) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		dk_canon_key(&c, k, (size_t)sqlite3_value_bytes(argv[i]));
		if (!put_value(ctx, "docket_canon_object", &c, argv[i + 1]))
			return;
	}
	dk_canon_object_close(&c);
	finish(ctx, "docket_canon_object", &c, b);
}

int dk_sqlite_canon_register(sqlite3 *h)
{
	static const struct {
		const char *name;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {{"docket_canon_array", fn_array}, {"docket_canon_object", fn_object}};
	int rc = SQLITE_OK;

	for (size_t i = 0; i < sizeof fns / sizeof *fns && rc == SQLITE_OK; i++) {
		struct dk_buf *b = calloc(1, sizeof *b);

		if (b == NULL)
			return SQLITE_NOMEM;
		/* On failure SQLite calls buffer_free itself. */
		rc = sqlite3_create_function_v2(h, fns[i].name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		                                b, fns[i].fn, NULL, NULL, buffer_free);
	}
	return rc;
}
