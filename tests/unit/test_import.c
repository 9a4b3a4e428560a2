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

	assert_int_equal(dk_import_csv(f->db, kind, path, NULL, 0, &r, &err), DK_EINPUT);
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

	assert_int_equal(dk_import_csv(f->db, "people", p, NULL, 0, &r, &err), DK_OK);
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

	assert_int_equal(dk_import_csv(f->db, "people", p, NULL, 1, &r, &err), DK_OK);
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
	assert_int_equal(dk_import_csv(f->db, "people", p, NULL, 0, &r, &err), DK_EINPUT);
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
	assert_int_equal(dk_import_csv(f->db, "contexts", p, NULL, 0, &r, &err), DK_OK);
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
	{
		char text[2048] = "system,owner,problem,assumption\nx,ana,batch,\"";
		for (int i = 0; i < 70; i++)
			strcat(text, "a\n");
		strcat(text, "\"\n");
		expect_refused(f, "contexts", write_file(f, "i.csv", text, strlen(text)),
		               "i.csv:2: assumption: more than 64 items");
	}
}

/* Imports with "today" fixed, for relative dates. */
static void import_ok(struct fixture *f, const char *kind, const char *path, int64_t rows)
{
	struct dk_import_result r;
	struct dk_error err = {0};

	if (dk_import_csv(f->db, kind, path, "2026-11-23", 0, &r, &err) != DK_OK)
		fail_msg("import %s: %s %s", kind, err.msg, dk_buf_str(&r.messages));
	assert_int_equal(r.written, rows);
	dk_import_result_free(&r);
}

static void test_risks(void **state)
{
	struct fixture *f = *state;
	const char *p = FILE_OF(f, "r.csv",
		"title,owner,likelihood,impact,due,category,description,uuid,score,status,key\n"
		"Drift,ana,3,4,+30d,data,\"two\nlines\",11111111-2222-4333-8444-555555555555,99,closed,R-7\n"
		"\"Cost, again\",ana,2,2,2026-12-01,,,,,,\n");

	fixture_person(f, "ana", "ml");
	import_ok(f, "risks", p, 2);
	/* score, status and key are the export's and are ignored: the risk is new and open */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE title = 'Drift' AND likelihood = 3 "
	                                "AND impact = 4 AND score = 12 AND status = 'open' AND category = 'data' "
	                                "AND due_on = '2026-12-23' AND description = 'two\nlines' "
	                                "AND uuid = '11111111-2222-4333-8444-555555555555'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk WHERE title = 'Cost, again' AND category = 'ops' "
	                                "AND treatment = 'mitigate' AND due_on = '2026-12-01' AND length(uuid) = 36"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE entity = 'risk'"), 2);
	expect_refused(f, "risks", FILE_OF(f, "a.csv", "title,owner,likelihood\nX,ana,3\n"),
	               "a.csv:1: impact: a required column is missing");
	expect_refused(f, "risks", FILE_OF(f, "b.csv", "title,owner,likelihood,impact,due\nX,ana,3,9,+1d\n"
	                                              "Y,zed,1,1,+1d\nZ,ana,1,1,soon\n,ana,1,1,+1d\n"),
	               "b.csv:2: impact: '9' is not a whole number from 1 to 5");
	expect_refused(f, "risks", FILE_OF(f, "c.csv", "title,owner,likelihood,impact,due\nY,zed,1,1,+1d\n"),
	               "c.csv:2: owner: 'zed' is not a known person");
	expect_refused(f, "risks", FILE_OF(f, "d.csv", "title,owner,likelihood,impact,due\nZ,ana,1,1,soon\n"),
	               "d.csv:2: due: 'soon' is not a date");
	expect_refused(f, "risks", FILE_OF(f, "e.csv", "title,owner,likelihood,impact,decision,due\nZ,ana,1,1,D-9,+1d\n"),
	               "e.csv:2: decision: D-9 is not a known decision");
	/* no due date and no team policy to give one */
	expect_refused(f, "risks", FILE_OF(f, "g.csv", "title,owner,likelihood,impact\nZ,ana,1,1\n"),
	               "g.csv:2: due: is required: team 'ml' has no policy");
	/* a UUID the database already has, or one given twice */
	expect_refused(f, "risks", FILE_OF(f, "h.csv", "title,owner,likelihood,impact,due,uuid\n"
	                                              "Z,ana,1,1,+1d,11111111-2222-4333-8444-555555555555\n"),
	               "h.csv:2: uuid: '11111111-2222-4333-8444-555555555555' is already taken");
	expect_refused(f, "risks", FILE_OF(f, "i.csv", "title,owner,likelihood,impact,due,uuid\nZ,ana,1,1,+1d,x\n"),
	               "i.csv:2: uuid: 'x' is not a UUID");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM risk"), 2);
}

static void test_decisions_and_options(void **state)
{
	struct fixture *f = *state;
	const char *p = FILE_OF(f, "d.csv",
		"title,area,problem,option,chosen,rationale,driver,tag,makers,status,decided-on,uuid,key\n"
		"Feature store,data,Where features live,\"Postgres|pro: known|con: scale|pro: cheap\n"
		"Redis | pro: fast\",Postgres,We know it,\"cost\nskills\",\"db\nstorage\",ana,proposed,,"
		"11111111-2222-4333-8444-555555555555,D-4\n"
		"Old queue,serving,Which queue,,,,,,Someone Else,accepted,2025-01-02,,D-5\n");

	fixture_person(f, "ana", "ml");
	import_ok(f, "decisions", p, 2);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision WHERE title = 'Feature store' AND status = 'proposed' "
	                                "AND drivers = '[\"cost\",\"skills\"]' AND tags = '[\"db\",\"storage\"]' "
	                                "AND makers = '[\"ana\"]' AND uuid = '11111111-2222-4333-8444-555555555555'"), 1);
	/* one option a line, pros and cons in the --option form */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_option WHERE decision_id = 1 AND ordinal = 1 "
	                                "AND name = 'Postgres' AND pros = '[\"known\",\"cheap\"]' AND cons = '[\"scale\"]' "
	                                "AND chosen = 1"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_option WHERE decision_id = 1 AND ordinal = 2 "
	                                "AND name = 'Redis' AND pros = '[\"fast\"]' AND cons = '[]' AND chosen = 0"), 1);
	/* a decision already taken keeps its status and date; its makers are names */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision WHERE title = 'Old queue' AND status = 'accepted' "
	                                "AND decided_on = '2025-01-02' AND makers = '[\"Someone Else\"]'"), 1);
	/* supersedes names an earlier row by its key in the file; any other is left out */
	import_ok(f, "decisions", FILE_OF(f, "s.csv",
		"key,title,area,problem,status,decided-on,supersedes\n"
		"D-10,First,data,P,superseded,2025-01-01,\n"
		"D-12,Second,data,P,accepted,2025-02-01,D-10\n"
		"D-13,Third,data,P,accepted,2025-03-01,D-99\n"), 3);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision d JOIN decision o ON o.id = d.supersedes_id "
	                                "WHERE d.title = 'Second' AND o.title = 'First'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision WHERE title = 'Third' AND supersedes_id IS NULL"), 1);
	expect_refused(f, "decisions", FILE_OF(f, "t.csv", "title,area,problem,status,decided-on,supersedes\n"
	                                                  "X,data,P,accepted,2025-01-01,R-1\n"),
	               "t.csv:2: supersedes: ");
	expect_refused(f, "decisions", FILE_OF(f, "a.csv", "title,area,problem,option,chosen,rationale\n"
	                                                  "X,data,P,Kafka|maybe: x,Kafka,R\n"),
	               "a.csv:2: option: 'Kafka|maybe: x': 'maybe: x' starts with neither 'pro:' nor 'con:'");
	expect_refused(f, "decisions", FILE_OF(f, "b.csv", "title,area,problem,option,chosen,rationale\n"
	                                                  "X,data,P,Kafka,Pulsar,R\n"),
	               "b.csv:2: chosen: 'Pulsar' is not one of the options ('Kafka')");
	expect_refused(f, "decisions", FILE_OF(f, "c.csv", "title,area,problem,chosen,rationale\nX,data,P,Kafka,R\n"),
	               "c.csv:2: option: is required");
	expect_refused(f, "decisions", FILE_OF(f, "e.csv", "title,area,problem,option,chosen,rationale,makers\n"
	                                                  "X,data,P,Kafka,Kafka,R,zed\n"),
	               "e.csv:2: makers: 'zed' is not a known person");
	expect_refused(f, "decisions", FILE_OF(f, "g.csv", "title,area,problem,status\nX,data,P,accepted\n"),
	               "g.csv:2: a decision that is accepted needs the date it was decided on");
	expect_refused(f, "decisions", FILE_OF(f, "h.csv", "title,area,problem,status,decided-on\nX,data,P,done,2025-01-01\n"),
	               "h.csv:2: status: 'done' is not one of");
	expect_refused(f, "decisions", FILE_OF(f, "i.csv", "title,area,problem,option,chosen,rationale,blueprint\n"
	                                                  "X,data,P,K,K,R,BP-3\n"),
	               "i.csv:2: there is no blueprint BP-3");
	expect_refused(f, "decisions", FILE_OF(f, "j.csv", "title,area,problem,option,chosen,rationale,context\n"
	                                                  "X,data,P,K,K,R,D-3\n"),
	               "j.csv:2: context: ");
	{
		char text[2048] = "title,area,problem,option,chosen,rationale,driver\nX,data,P,K,K,R,\"";
		for (int i = 0; i < 70; i++)
			strcat(text, "d\n");
		strcat(text, "\"\n");
		expect_refused(f, "decisions", write_file(f, "m.csv", text, strlen(text)),
		               "m.csv:2: driver: is given more than 64 times");
	}
	expect_refused(f, "decisions", FILE_OF(f, "k.csv", "title,area,problem,option,chosen,rationale\n"
	                                                  "X,data,P,\"K\nK\",K,R\n"),
	               "k.csv:2: option: 'K' is given twice");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision"), 5);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_option"), 2);
}

static void test_evidence(void **state)
{
	struct fixture *f = *state;
	const char *sha = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
	char text[1024];
	const char *p;

	snprintf(text, sizeof text,
	         "kind,title,uri,sha256,size,summary,collected,uuid,key\n"
	         "benchmark,p95 bench,https://example.org/b,%s,6,\"=1+1\nok\",2026-11-01,"
	         "11111111-2222-4333-8444-555555555555,EV-3\n"
	         "link,Docs,https://example.org,,,,,,\n", sha);
	p = write_file(f, "e.csv", text, strlen(text));
	import_ok(f, "evidence", p, 2);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE title = 'p95 bench' AND size_bytes = 6 "
	                                "AND sha256 = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' "
	                                "AND summary = '=1+1\nok' AND collected_on = '2026-11-01' "
	                                "AND uuid = '11111111-2222-4333-8444-555555555555'"), 1);
	/* collected defaults to today, as for 'evidence add' */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence WHERE title = 'Docs' AND sha256 IS NULL "
	                                "AND collected_on = '2026-11-23'"), 1);
	expect_refused(f, "evidence", FILE_OF(f, "a.csv", "kind,title\nrumour,X\n"), "a.csv:2: kind: 'rumour'");
	expect_refused(f, "evidence", FILE_OF(f, "b.csv", "kind,title,sha256\nlink,X,abc\n"),
	               "b.csv:2: sha256: is given without size");
	expect_refused(f, "evidence", FILE_OF(f, "c.csv", "kind,title,sha256,size\nlink,X,ABC,3\n"),
	               "c.csv:2: sha256: 'ABC' is not a SHA-256");
	expect_refused(f, "evidence", FILE_OF(f, "d.csv", "kind,title,file\nlink,X,/nonexistent/f\n"),
	               "d.csv:2: file: ");
	expect_refused(f, "evidence", FILE_OF(f, "g.csv", "kind,title,collected\nlink,X,someday\n"),
	               "g.csv:2: collected: 'someday' is not a date");
	expect_refused(f, "evidence", FILE_OF(f, "h.csv", "title,uri\nX,y\n"), "h.csv:1: kind: a required column is missing");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence"), 2);
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
	assert_int_equal(dk_import_csv(f->db, "widgets", "x.csv", NULL, 0, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'widgets' is not a kind of import"));
	assert_int_equal(dk_import_csv(f->db, "people", "/nonexistent/x.csv", NULL, 0, &r, &err), DK_EINPUT);
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
		cmocka_unit_test_setup_teardown(test_risks, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_decisions_and_options, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_evidence, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_columns_and_kinds, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
