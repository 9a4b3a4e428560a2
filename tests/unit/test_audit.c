/* The audit chain: written by triggers, verified in C, tamper shows. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/audit.h"
#include "docket/context.h"
#include "docket/hash.h"

static void three_changes(struct fixture *f)
{
	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	fixture_exec(f, "UPDATE person SET name = 'Bo C' WHERE handle = 'bo'");
}

static void test_every_write_is_logged(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_result r;
	struct dk_error err = {0};

	three_changes(f);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 3);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE action = 'update' "
	                                "AND json_extract(row, '$.name') = 'Bo C' AND actor = 'tester'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log a JOIN audit_log b "
	                                "ON b.seq = a.seq + 1 WHERE b.prev_hash = a.hash"), 2);
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 0);
	assert_int_equal(r.rows, 3);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE seq = 3 AND hash = "
	                                "(SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)"), 1);
	assert_int_equal(strlen(r.head), 64);
}

static void test_hash_matches_trigger(void **state)
{
	struct fixture *f = *state;
	struct dk_stmt *s = NULL;
	struct dk_error err = {0};
	char h[DK_SHA256_HEX];

	fixture_person(f, "ana", NULL);
	assert_int_equal(dk_stmt_prepare(f->db, &s, "SELECT seq, prev_hash, at, actor, action, entity, "
	                                            "entity_id, row, hash FROM audit_log", &err), DK_OK);
	assert_int_equal(dk_stmt_step(s, &err), DK_ROW);
	dk_audit_hash(dk_col_int(s, 0), dk_col_text(s, 1), dk_col_text(s, 2), dk_col_text(s, 3),
	              dk_col_text(s, 4), dk_col_text(s, 5), dk_col_int(s, 6), dk_col_text(s, 7), h);
	assert_string_equal(h, dk_col_text(s, 8));
	dk_stmt_finalize(&s);
	/* and the SQL function is OpenSSL's SHA-256 */
	dk_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_append_only(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};

	three_changes(f);
	assert_int_not_equal(dk_db_exec(f->db, "UPDATE audit_log SET actor = 'mallory'", &err), DK_OK);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_not_equal(dk_db_exec(f->db, "DELETE FROM audit_log WHERE seq = 2", &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 3);
}

static void test_tamper_edit(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_result r;
	struct dk_error err = {0};

	three_changes(f);
	fixture_drop_trigger(f, "audit_log_no_update");
	fixture_exec(f, "UPDATE audit_log SET row = replace(row, 'Bo C', 'Bob') WHERE seq = 3");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 3);
	assert_non_null(strstr(r.reason, "edited"));
	fixture_exec(f, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 1);
}

static void test_tamper_delete_and_insert(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_result r;
	struct dk_error err = {0};

	three_changes(f);
	fixture_drop_trigger(f, "audit_log_no_delete");
	fixture_exec(f, "DELETE FROM audit_log WHERE seq = 2");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 2);
	assert_non_null(strstr(r.reason, "missing"));

	/* renumbering to hide the gap breaks the link instead */
	fixture_drop_trigger(f, "audit_log_no_update");
	fixture_exec(f, "UPDATE audit_log SET seq = 2 WHERE seq = 3");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 2);

	/* a forged row appended without the right hash */
	fixture_exec(f, "UPDATE audit_log SET seq = 3 WHERE seq = 2");
	fixture_exec(f, "INSERT INTO audit_log VALUES (2, '2026-01-01T00:00:00.000Z', 'x', 'insert', "
	                "'person', 9, '{}', (SELECT hash FROM audit_log WHERE seq = 1), "
	                "'0000000000000000000000000000000000000000000000000000000000000000')");
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 2);
}

static void test_anchor(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_result r;
	struct dk_error err = {0};
	char head[DK_SHA256_HEX];

	three_changes(f);
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	memcpy(head, r.head, sizeof head);
	fixture_person(f, "cy", NULL);
	assert_int_equal(dk_audit_has_hash(f->db, head, &err), DK_OK); /* grown, still there */
	fixture_drop_trigger(f, "audit_log_no_delete");
	fixture_exec(f, "DELETE FROM audit_log WHERE seq >= 3");
	/* truncating the tail leaves a valid chain, but the anchor is gone */
	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(r.broken_seq, 0);
	assert_int_equal(dk_audit_has_hash(f->db, head, &err), DK_EFAIL);
}

static int count_rows(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ncol;
	(void)err;
	assert_string_equal(cells[4].text, "person");
	(*(int *)ctx)++;
	return DK_OK;
}

static void test_log_filters(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_filter flt = {"person", NULL, 2, NULL};
	struct dk_error err = {0};
	int n = 0;

	three_changes(f);
	assert_int_equal(dk_audit_log(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	flt.entity = "nonsense";
	assert_int_equal(dk_audit_log(f->db, &flt, count_rows, &n, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--entity 'nonsense'"));
}

static int keys_of(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	char *keys = ctx;

	(void)err;
	assert_int_equal(ncol, 9);
	assert_string_equal(cells[5].name, "key");
	assert_string_equal(cells[6].name, "entity_id");
	strcat(keys, cells[5].text ? cells[5].text : "-");
	strcat(keys, " ");
	return DK_OK;
}

static void test_log_keys(void **state)
{
	struct fixture *f = *state;
	struct dk_audit_filter flt = {NULL, NULL, 0, NULL};
	struct dk_error err = {0};
	char keys[256] = "";

	three_changes(f);
	assert_int_equal(dk_audit_log(f->db, &flt, keys_of, keys, &err), DK_OK);
	assert_string_equal(keys, "ana bo bo ");
	fixture_exec(f, "INSERT INTO risk (uuid, title, owner_id, due_on, likelihood, impact, created_at, "
	                "created_by) VALUES ('00000000-0000-4000-8000-000000000001', 'x', 1, "
	                "'2026-12-01', 2, 3, '2026-11-23T00:00:00Z', 't')");
	fixture_exec(f, "INSERT INTO risk (uuid, title, owner_id, due_on, likelihood, impact, created_at, "
	                "created_by) VALUES ('00000000-0000-4000-8000-000000000002', 'y', 1, "
	                "'2026-12-01', 2, 3, '2026-11-23T00:00:00Z', 't')");
	fixture_exec(f, "UPDATE risk SET title = 'z' WHERE id = 2");
	keys[0] = '\0';
	flt.key = "r-2";
	assert_int_equal(dk_audit_log(f->db, &flt, keys_of, keys, &err), DK_OK);
	assert_string_equal(keys, "R-2 R-2 ");
	flt.key = "bo";
	assert_int_equal(dk_audit_log(f->db, &flt, keys_of, keys, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--key 'bo' is not a typed key"));
	flt.key = "R-1";
	flt.entity = "risk";
	assert_int_equal(dk_audit_log(f->db, &flt, keys_of, keys, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "not both"));
}

/* --key finds its rows by the (entity, entity_id) index, never by a scan. */
static void test_log_key_uses_index(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_stmt *s = NULL;
	char sql[4096];
	int lines = 0;

	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", dk_audit_log_key_sql());
	assert_int_equal(dk_stmt_prepare(f->db, &s, sql, &err), DK_OK);
	while (dk_stmt_step(s, &err) == DK_ROW) {
		const char *detail = dk_col_text(s, 3);
		if (strstr(detail, "audit_log") == NULL)
			continue;
		lines++;
		if (strncmp(detail, "SCAN", 4) == 0)
			fail_msg("scan of audit_log: %s", detail);
		assert_non_null(strstr(detail, "USING INDEX audit_log_entity"));
	}
	dk_stmt_finalize(&s);
	assert_true(lines >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_write_is_logged, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_hash_matches_trigger, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_append_only, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tamper_edit, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tamper_delete_and_insert, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_anchor, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_log_filters, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_log_keys, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_log_key_uses_index, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
