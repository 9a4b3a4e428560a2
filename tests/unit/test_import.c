/* CSV import: the reader, the column mapping and the all-or-nothing rule. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/import.h"

static const char *write_file(struct fixture *f, const char *name, const char *bytes, size_t n)
{
	static char path[400];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	fclose(fp);
	return path;
}

#define FILE_OF(f, name, lit) write_file(f, name, lit, sizeof lit - 1)

static void expect_refused(struct fixture *f, const char *kind, const char *path, const char *msg)
{
	struct dk_import_result r;
	struct dk_error err = {0};
	int64_t before = fixture_int(f, "SELECT count(*) FROM audit_log");

	assert_int_equal(dk_import_csv(f->db, kind, path, 0, &r, &err), DK_EINPUT);
	if (strstr(dk_buf_str(&r.messages), msg) == NULL)
		fail_msg("messages '%s' lack '%s'", dk_buf_str(&r.messages), msg);
	assert_int_equal(r.written, 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), before);
	dk_import_result_free(&r);
}

static void test_quoting_bom_crlf(void **state)
{
	struct fixture *f = *state;
	struct dk_import_result r;
	struct dk_error err = {0};
	const char *p = FILE_OF(f, "p.csv",
		"\xef\xbb\xbfhandle,team,name,email\r\n"
		"ana,ml,\"Lima, Ana\",ana@example.org\r\n"
		"bo,ml,\"Bo \"\"the\"\" Chen\",\r\n"
		"\r\n"
		"cy,,Cy Diaz,\r\n");

	assert_int_equal(dk_import_csv(f->db, "people", p, 0, &r, &err), DK_OK);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.written, 3);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE handle = 'ana' AND name = 'Lima, Ana' AND team = 'ml'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE name = 'Bo \"the\" Chen' AND email IS NULL"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE handle = 'cy' AND team IS NULL"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 3);
	dk_import_result_free(&r);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct dk_import_result r;
	struct dk_error err = {0};
	const char *p = FILE_OF(f, "p.csv", "handle,name\nana,Ana\nbo,Bo\n");

	assert_int_equal(dk_import_csv(f->db, "people", p, 1, &r, &err), DK_OK);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.written, 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 0);
	dk_import_result_free(&r);
}

static void test_structure_refused(void **state)
{
	struct fixture *f = *state;

	expect_refused(f, "people", FILE_OF(f, "a.csv", "handle,name,colour\nx,y,z\n"),
	               "a.csv:1: colour: not a column of people");
	expect_refused(f, "people", FILE_OF(f, "b.csv", "handle,email\nx,x@y.org\n"),
	               "b.csv:1: name: a required column is missing");
	expect_refused(f, "people", FILE_OF(f, "c.csv", "handle,name,name\nx,y,z\n"),
	               "name: the column is named twice");
	expect_refused(f, "people", FILE_OF(f, "d.csv", "handle,name\nzz,\"unterminated\n"),
	               "d.csv:2: malformed CSV");
	expect_refused(f, "people", FILE_OF(f, "e.csv", "handle,name\nzz,a\"b\n"), "e.csv:2: malformed CSV");
	expect_refused(f, "people", FILE_OF(f, "f.csv", "handle,name\nok,Ok\nzz,a\0b\n"),
	               "f.csv:3: the line holds a NUL byte");
	expect_refused(f, "people", FILE_OF(f, "g.csv", "handle,name\nzz,a\xff\n"),
	               "g.csv:2: name: is not valid UTF-8");
	expect_refused(f, "people", FILE_OF(f, "h.csv", "handle,name\nzz,a,extra\n"),
	               "h.csv:2: 3 fields, the header has 2");
	expect_refused(f, "people", FILE_OF(f, "i.csv", ""), "the file is empty");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 0);
}

static void test_rows_refused_all_or_nothing(void **state)
{
	struct fixture *f = *state;

	expect_refused(f, "people",
	               FILE_OF(f, "p.csv", "handle,name,email\nana,Ana,\nBAD,Bad,\nbo,Bo,nope\nana,Again,\n"),
	               "p.csv:3: handle: 'BAD' is not allowed");
	expect_refused(f, "people", FILE_OF(f, "q.csv", "handle,name,email\nbo,Bo,nope\n"),
	               "q.csv:2: email: 'nope' is not an email address");
	expect_refused(f, "people", FILE_OF(f, "r.csv", "handle,name\nana,Ana\nana,Again\n"),
	               "r.csv:3: handle: 'ana' is already taken");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person"), 0);
}

static void test_message_limit(void **state)
{
	struct fixture *f = *state;
	struct dk_import_result r;
	struct dk_error err = {0};
	char text[4096] = "handle,name\n";
	const char *p;
	int lines = 0;

	for (int i = 0; i < 30; i++)
		strcat(text, "BAD,x\n");
	p = write_file(f, "many.csv", text, strlen(text));
	assert_int_equal(dk_import_csv(f->db, "people", p, 0, &r, &err), DK_EINPUT);
	assert_int_equal(r.errors, 30);
	for (const char *c = dk_buf_str(&r.messages); *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, DK_IMPORT_MAX_MESSAGES + 1);
	assert_non_null(strstr(dk_buf_str(&r.messages), "and 10 more problems"));
	assert_non_null(strstr(err.msg, "30 problems"));
	dk_import_result_free(&r);
}

static void test_contexts_and_revisions(void **state)
{
	struct fixture *f = *state;
	struct dk_import_result r;
	struct dk_error err = {0};
	const char *p = FILE_OF(f, "c.csv",
		"system,owner,problem,latency-p95-ms,stack,on-prem,assumption,uuid\n"
		"fraud,ana,online,50,\"kubernetes,postgresql\",no,\"one\ntwo\",11111111-2222-4333-8444-555555555555\n"
		"fraud,ana,online,80,,yes,,\n"
		"churn,ana,batch,,cron,0,,\n");

	fixture_person(f, "ana", "ml");
	assert_int_equal(dk_import_csv(f->db, "contexts", p, 0, &r, &err), DK_OK);
	assert_int_equal(r.written, 3);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM context WHERE system = 'fraud' AND revision = 1 "
	                                "AND assumptions = '[\"one\",\"two\"]' AND stack = '[\"kubernetes\",\"postgresql\"]' "
	                                "AND uuid = '11111111-2222-4333-8444-555555555555'"), 1);
	/* the second row is exactly what it says: a revision with no stack */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM context WHERE system = 'fraud' AND revision = 2 "
	                                "AND supersedes_id = 1 AND latency_p95_ms = 80 AND stack = '[]' AND on_prem = 1 "
	                                "AND assumptions = '[]'"), 1);
	dk_import_result_free(&r);
	expect_refused(f, "contexts", FILE_OF(f, "d.csv", "system,owner,problem,on-prem\nx,ana,batch,maybe\n"),
	               "d.csv:2: on-prem: 'maybe' is not yes or no");
	expect_refused(f, "contexts", FILE_OF(f, "e.csv", "system,owner,problem\nx,zed,batch\n"),
	               "e.csv:2: owner: 'zed' is not a known person");
	expect_refused(f, "contexts", FILE_OF(f, "g.csv", "system,owner,problem,latency-p95-ms\nx,ana,batch,0\n"),
	               "g.csv:2: latency-p95-ms: '0' is not a whole number");
	expect_refused(f, "contexts", FILE_OF(f, "h.csv", "system,owner,problem,uuid\nx,ana,batch,not-a-uuid\n"),
	               "h.csv:2: uuid: 'not-a-uuid' is not a UUID");
}

static int count(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)err;
	assert_int_equal(ncol, 4);
	if (!strcmp(cells[1].text, "handle"))
		assert_string_equal(cells[2].text, "yes");
	(*(int *)ctx)++;
	return DK_OK;
}

static void test_columns_and_kinds(void **state)
{
	struct fixture *f = *state;
	struct dk_import_result r;
	struct dk_error err = {0};
	int n = 0;

	assert_int_equal(dk_import_columns(count, &n, &err), DK_OK);
	assert_true(n > 20);
	assert_int_equal(dk_import_csv(f->db, "widgets", "x.csv", 0, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'widgets' is not a kind of import"));
	assert_int_equal(dk_import_csv(f->db, "people", "/nonexistent/x.csv", 0, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "cannot read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_quoting_bom_crlf, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_structure_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rows_refused_all_or_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_message_limit, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_contexts_and_revisions, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_columns_and_kinds, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
