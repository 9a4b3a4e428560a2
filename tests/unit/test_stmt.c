/* test_stmt: the statement API of docket/db.h over the SQLite backend:
 * parameters asked of the statement, typed columns, RETURNING ids, the
 * cache and statements built at run time, and what the store opens. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/migrate.h"

static void test_columns_typed(void **state)
{
	struct fixture *f = *state;
	struct dk_stmt *s = NULL;
	struct dk_error err;

	assert_int_equal(dk_stmt_prepare(f->db, &s,
	                                 "SELECT 7 AS i, 2.5 AS r, 'x' AS t, NULL AS n WHERE :p IS NULL",
	                                 &err),
	                 DK_OK);
	assert_true(dk_stmt_has_param(s, ":p"));
	assert_false(dk_stmt_has_param(s, ":q"));
	dk_bind_null(s, ":p");
	assert_int_equal(dk_stmt_step(s, &err), DK_ROW);
	assert_int_equal(dk_col_count(s), 4);
	assert_string_equal(dk_col_name(s, 0), "i");
	assert_string_equal(dk_col_name(s, 3), "n");
	assert_int_equal(dk_col_type(s, 0), DK_COL_INT);
	assert_int_equal(dk_col_type(s, 1), DK_COL_REAL);
	assert_int_equal(dk_col_type(s, 2), DK_COL_TEXT);
	assert_int_equal(dk_col_type(s, 3), DK_COL_NULL);
	assert_true(dk_col_is_null(s, 3));
	assert_int_equal(dk_col_int(s, 0), 7);
	assert_true(dk_col_double(s, 1) == 2.5);
	assert_string_equal(dk_col_text(s, 2), "x");
	assert_int_equal(dk_stmt_step(s, &err), DK_DONE);
	dk_stmt_finalize(&s);
	assert_null(s);
	dk_stmt_finalize(&s); /* a second finalize does nothing */
}

static void test_insert_returning(void **state)
{
	struct fixture *f = *state;
	struct dk_stmt *s = NULL;
	struct dk_error err;
	int64_t id = 0, again = 0;

	fixture_exec(f, "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
	assert_int_equal(dk_stmt_prepare(f->db, &s, "INSERT INTO t (v) VALUES (:v) RETURNING id", &err),
	                 DK_OK);
	dk_bind_text(s, ":v", "a");
	assert_int_equal(dk_stmt_insert(s, &id, &err), DK_OK);
	dk_stmt_reset(s);
	dk_bind_text(s, ":v", "b");
	assert_int_equal(dk_stmt_insert(s, &again, &err), DK_OK);
	dk_stmt_finalize(&s);
	assert_true(again == id + 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM t"), 2);

	/* A trigger's own insert does not change the id returned (the SQLite
	 * backend reads it after the insert, trigger and all, is done). */
	fixture_exec(f, "CREATE TEMP TABLE u (id INTEGER PRIMARY KEY, x TEXT)");
	fixture_exec(f, "INSERT INTO u (id, x) VALUES (1000, 'seed')");
	fixture_exec(f, "CREATE TEMP TRIGGER t_log AFTER INSERT ON t BEGIN "
	                "INSERT INTO u (x) VALUES (NEW.v); END");
	assert_int_equal(dk_stmt_prepare(f->db, &s, "INSERT INTO t (v) VALUES (:v) RETURNING id", &err),
	                 DK_OK);
	dk_bind_text(s, ":v", "c");
	assert_int_equal(dk_stmt_insert(s, &id, &err), DK_OK);
	dk_stmt_finalize(&s);
	assert_true(id == again + 1);
	assert_int_equal(fixture_int(f, "SELECT max(id) FROM u"), 1001);

	/* A constraint is the database refusing the row; no row, no id. */
	assert_int_equal(dk_stmt_prepare(f->db, &s, "INSERT INTO t (v) VALUES (:v) RETURNING id", &err),
	                 DK_OK);
	dk_bind_text(s, ":v", NULL);
	assert_int_equal(dk_stmt_insert(s, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "NOT NULL"));
	dk_stmt_finalize(&s);
	assert_int_equal(dk_stmt_prepare(f->db, &s,
	                                 "INSERT INTO t (v) SELECT 'c' WHERE 0 RETURNING id", &err),
	                 DK_OK);
	assert_int_equal(dk_stmt_insert(s, &id, &err), DK_EDB);
	dk_stmt_finalize(&s);
	/* More than one row is refused, not given one id. */
	assert_int_equal(dk_stmt_prepare(f->db, &s,
	                                 "INSERT INTO t (v) SELECT x FROM u RETURNING id", &err),
	                 DK_OK);
	assert_int_equal(dk_stmt_insert(s, &id, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "one-row inserts only"));
	dk_stmt_finalize(&s);
}

static void test_cache_and_built_text(void **state)
{
	static const char sql[] = "SELECT :n + 1";
	struct fixture *f = *state;
	struct dk_stmt *a = NULL, *b = NULL;
	struct dk_error err;
	char text[64];

	/* The same literal while the first is in use: a second statement. */
	assert_int_equal(dk_stmt_prepare(f->db, &a, sql, &err), DK_OK);
	assert_int_equal(dk_stmt_prepare(f->db, &b, sql, &err), DK_OK);
	assert_ptr_not_equal(a, b);
	dk_bind_int(a, ":n", 1);
	dk_bind_int(b, ":n", 10);
	assert_int_equal(dk_stmt_step(a, &err), DK_ROW);
	assert_int_equal(dk_stmt_step(b, &err), DK_ROW);
	assert_int_equal(dk_col_int(a, 0), 2);
	assert_int_equal(dk_col_int(b, 0), 11);
	dk_stmt_finalize(&a);
	dk_stmt_finalize(&b);
	/* Reused after finalize: reset, bindings cleared. */
	assert_int_equal(dk_stmt_prepare(f->db, &a, sql, &err), DK_OK);
	assert_int_equal(dk_stmt_step(a, &err), DK_ROW);
	assert_true(dk_col_is_null(a, 0));
	dk_stmt_finalize(&a);

	/* Text built at run time is never taken for what the same buffer
	 * held before. */
	snprintf(text, sizeof text, "SELECT %d", 1);
	assert_int_equal(dk_stmt_prepare_text(f->db, &a, text, &err), DK_OK);
	assert_int_equal(dk_stmt_step(a, &err), DK_ROW);
	assert_int_equal(dk_col_int(a, 0), 1);
	dk_stmt_finalize(&a);
	snprintf(text, sizeof text, "SELECT %d", 2);
	assert_int_equal(dk_stmt_prepare_text(f->db, &a, text, &err), DK_OK);
	assert_int_equal(dk_stmt_step(a, &err), DK_ROW);
	assert_int_equal(dk_col_int(a, 0), 2);
	dk_stmt_finalize(&a);

	/* A statement that does not prepare leaves the pointer NULL. */
	assert_int_not_equal(dk_stmt_prepare_text(f->db, &a, "SELEKT 1", &err), DK_OK);
	assert_null(a);
	dk_stmt_finalize(&a);
}

static int add_name(void *ctx, const char *name, const char *dflt, int generated,
                    struct dk_error *err)
{
	char *names = ctx;

	(void)err;
	strcat(names, name);
	strcat(names, generated ? "=g," : dflt != NULL ? "=d," : ",");
	return DK_OK;
}

static void test_identity_and_columns(void **state)
{
	struct fixture *f = *state;
	struct dk_db_ident id;
	struct dk_error err;
	char names[2048] = "";
	int n = -1;

	assert_int_equal(dk_db_dialect(f->db), DK_DIALECT_SQLITE);
	assert_int_equal(dk_db_identify(f->db, &id, &err), DK_OK);
	assert_true(id.docket);
	assert_int_equal(id.version, dk_migrate_latest());
	assert_false(id.empty);
	assert_int_equal(dk_db_table_columns(f->db, "person", add_name, names, &n, &err), DK_OK);
	assert_true(n > 5);
	assert_non_null(strstr(names, "handle,"));
	assert_int_equal(strncmp(names, "id,", 3), 0);
	assert_null(strstr(names, "=g,"));
	/* the engine computes risk.score: a generated column, the one in the schema */
	names[0] = '\0';
	assert_int_equal(dk_db_table_columns(f->db, "risk", add_name, names, &n, &err), DK_OK);
	assert_non_null(strstr(names, ",score=g,"));
	assert_non_null(strstr(names, ",likelihood,"));
	n = -1;
	assert_int_equal(dk_db_table_columns(f->db, "no_such_table", add_name, names, &n, &err), DK_OK);
	assert_int_equal(n, 0);
}

/* The guard the store installs refuses a write once a trigger is gone. */
static void test_store_guard(void **state)
{
	struct fixture *f = *state;
	struct dk_error err;

	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	dk_db_rollback(f->db);
	fixture_drop_trigger(f, "person_audit_insert");
	assert_int_equal(dk_db_begin(f->db, &err), DK_EDB);
	assert_non_null(strstr(err.msg, "was altered outside docket"));
	assert_non_null(strstr(err.msg, "person_audit_insert"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_columns_typed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_insert_returning, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cache_and_built_text, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_identity_and_columns, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_store_guard, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
