/* test_adr_import.c: a directory of ADR files into a real database: one
 * result a file, partial imports, links by file, cycles, edits as updates,
 * conflicts, and the export that reads back. */
#include "support.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "docket/adr.h"

static void put(struct fixture *f, const char *name, const char *text)
{
	char path[600];
	FILE *fp;

	snprintf(path, sizeof path, "%s/adr", f->dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/adr/%s", f->dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* The result of each row, "file=result" joined by spaces. */
struct rows {
	char text[4000];
};

static int keep(void *ctx, int ncol, const struct dk_cell *c, struct dk_error *err)
{
	struct rows *r = ctx;
	size_t n = strlen(r->text);

	(void)err;
	assert_int_equal(ncol, 7);
	snprintf(r->text + n, sizeof r->text - n, "%s%s=%s", n ? " " : "", c[2].text, c[5].text);
	return DK_OK;
}

static int run(struct fixture *f, const struct dk_adr_import_opts *o, struct rows *r,
               struct dk_buf *problems)
{
	char dir[400];
	struct dk_error err = {0};

	snprintf(dir, sizeof dir, "%s/adr", f->dir);
	memset(r, 0, sizeof *r);
	return dk_adr_import(f->db, dir, o, keep, r, problems, &err);
}

static const char OLD[] =
	"# 1. Store features in Redis\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n"
	"## Context\n\nOnline features.\n\n## Decision\n\nRedis.\n";
static const char NEW[] =
	"# 2. Store features in Feast\n\nDate: 2024-06-01\n\n## Status\n\nAccepted\n\n"
	"Supersedes [1. Store features in Redis](0001-store-features-in-redis.md)\n\n"
	"Amends [3. Monitor drift](0003-monitor-drift.md)\n\n"
	"## Context\n\nDrift.\n\n## Decision\n\nFeast.\n";
static const char THIRD[] =
	"---\nstatus: draft\n---\n\n# Monitor drift\n\n## Context and Problem Statement\n\nPSI.\n";

static void imports_what_it_can(void **state)
{
	struct fixture *f = *state;
	struct dk_adr_import_opts o = {0};
	struct dk_buf problems = {0};
	struct rows r;

	put(f, "0001-store-features-in-redis.md", OLD);
	put(f, "0002-store-features-in-feast.md", NEW);
	put(f, "0003-monitor-drift.md", THIRD);
	put(f, "0004-bad.md", "# 4. Bad\n\n## Status\n\nMaybe\n");
	put(f, "README.md", "# ADRs\n");
	assert_int_equal(run(f, &o, &r, &problems), DK_EFAIL);
	assert_string_equal(r.text, "0001-store-features-in-redis.md=added "
	                    "0002-store-features-in-feast.md=added 0003-monitor-drift.md=added "
	                    "0004-bad.md=refused README.md=skipped");
	assert_non_null(strstr(dk_buf_str(&problems), "0004-bad.md:5: status 'Maybe'"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision"), 3);
	/* supersession by the linked file: the old one is superseded */
	assert_int_equal(fixture_int(f, "SELECT supersedes_id FROM decision WHERE adr_number = 2"), 1);
	assert_int_equal(fixture_int(f, "SELECT status = 'superseded' FROM decision WHERE id = 1"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_link WHERE src_id = 2 AND "
	                             "dst_id = 3 AND label = 'Amends'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM adr_source"), 3);
	dk_buf_free(&problems);

	/* again: nothing changes, not even the audit trail */
	{
		int64_t audit = fixture_int(f, "SELECT count(*) FROM audit_log");
		put(f, "0004-bad.md", "# 4. Bad\n\n## Status\n\nProposed\n");
		assert_int_equal(run(f, &o, &r, &problems), DK_OK);
		assert_non_null(strstr(r.text, "0001-store-features-in-redis.md=unchanged"));
		assert_non_null(strstr(r.text, "0004-bad.md=added"));
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log") > audit, 1);
		audit = fixture_int(f, "SELECT count(*) FROM audit_log");
		assert_int_equal(run(f, &o, &r, &problems), DK_OK);
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), audit);
	}
	dk_buf_free(&problems);
}

static void edits_update_and_conflicts_wait(void **state)
{
	struct fixture *f = *state;
	struct dk_adr_import_opts o = {0};
	struct dk_buf problems = {0};
	struct rows r;

	put(f, "0001-store-features-in-redis.md", OLD);
	put(f, "0003-monitor-drift.md", THIRD);
	assert_int_equal(run(f, &o, &r, &problems), DK_OK);
	/* an edited file updates its decision */
	put(f, "0003-monitor-drift.md", "---\nstatus: accepted\ndate: 2024-07-01\n---\n\n"
	    "# Monitor drift\n\n## Context and Problem Statement\n\nPSI and KS.\n");
	assert_int_equal(run(f, &o, &r, &problems), DK_OK);
	assert_non_null(strstr(r.text, "0003-monitor-drift.md=updated"));
	assert_int_equal(fixture_int(f, "SELECT problem = 'PSI and KS.' AND status = 'accepted' "
	                             "FROM decision WHERE id = 2"), 1);
	/* changed in docket, then the file edited: a conflict, left alone */
	fixture_exec(f, "UPDATE decision SET status = 'deprecated', status_reason = 'x' WHERE id = 2");
	put(f, "0003-monitor-drift.md", "---\nstatus: accepted\ndate: 2024-07-01\n---\n\n"
	    "# Monitor drift\n\n## Context and Problem Statement\n\nPSI only.\n");
	assert_int_equal(run(f, &o, &r, &problems), DK_EFAIL);
	assert_non_null(strstr(r.text, "0003-monitor-drift.md=conflict"));
	/* deprecated cannot go back to accepted: the note says what would do */
	assert_non_null(strstr(dk_buf_str(&problems), "make the file say deprecated"));
	assert_int_equal(fixture_int(f, "SELECT status = 'deprecated' FROM decision WHERE id = 2"), 1);
	dk_buf_free(&problems);
	/* --prefer-file takes the file, as far as the state machine lets it */
	o.prefer_file = 1;
	assert_int_equal(run(f, &o, &r, &problems), DK_EFAIL);
	assert_non_null(strstr(dk_buf_str(&problems), "status deprecated -> accepted is not a move"));
	dk_buf_free(&problems);
}

static void refuses_cycles_and_strict(void **state)
{
	struct fixture *f = *state;
	struct dk_adr_import_opts o = {0};
	struct dk_buf problems = {0};
	struct rows r;

	put(f, "0001-a.md", "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
	    "Supersedes [2. B](0002-b.md)\n");
	put(f, "0002-b.md", "# 2. B\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
	    "Supersedes [1. A](0001-a.md)\n");
	put(f, "0003-c.md", "# 3. C\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
	    "Supersedes [3. C](0003-c.md)\n");
	put(f, "0004-d.md", "# 4. D\n\n## Status\n\nProposed\n");
	o.strict = 1;
	assert_int_equal(run(f, &o, &r, &problems), DK_EINPUT);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision"), 0);
	assert_non_null(strstr(dk_buf_str(&problems), "supersession cycle"));
	assert_non_null(strstr(dk_buf_str(&problems), "0003-c.md:9: supersedes itself"));
	dk_buf_free(&problems);
	o.strict = 0;
	o.dry_run = 1;
	assert_int_equal(run(f, &o, &r, &problems), DK_EFAIL);
	assert_non_null(strstr(r.text, "0004-d.md=added"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision"), 0);
	dk_buf_free(&problems);
	o.dry_run = 0;
	assert_int_equal(run(f, &o, &r, &problems), DK_EFAIL);
	assert_string_equal(r.text, "0001-a.md=refused 0002-b.md=refused 0003-c.md=refused "
	                    "0004-d.md=added");
	dk_buf_free(&problems);
}

static void exports_what_reads_back(void **state)
{
	struct fixture *f = *state;
	struct dk_adr_import_opts o = {0};
	struct dk_buf problems = {0}, toc = {0}, dot = {0};
	struct dk_error err = {0};
	struct rows r;
	struct dk_adr a;
	char out[400];
	int64_t id = 0;

	put(f, "0001-store-features-in-redis.md", OLD);
	put(f, "0002-store-features-in-feast.md", NEW);
	put(f, "0003-monitor-drift.md", THIRD);
	assert_int_equal(run(f, &o, &r, &problems), DK_OK);
	assert_int_equal(dk_adr_load(f->db, 2, 1, &a, &err), DK_OK);
	assert_string_equal(a.file, "0002-store-features-in-feast.md");
	assert_int_equal(a.n_links, 2);
	assert_string_equal(a.links[0].target, "0001-store-features-in-redis.md");
	assert_string_equal(a.links[1].label, "Amends");
	dk_adr_free(&a);
	snprintf(out, sizeof out, "%s/out/deep", f->dir);
	assert_int_equal(dk_adr_export(f->db, NULL, 0, out, DK_ADR_TOOLS, NULL, NULL, &err), DK_OK);
	assert_int_equal(dk_adr_toc(f->db, NULL, &toc, &err), DK_OK);
	assert_non_null(strstr(dk_buf_str(&toc), "* [2. Store features in Feast]"
	                       "(0002-store-features-in-feast.md)\n"));
	assert_int_equal(dk_adr_graph(f->db, NULL, NULL, &dot, &err), DK_OK);
	assert_non_null(strstr(dk_buf_str(&dot), "D2 -> D1 [label=\"Supersedes\", weight=0];"));
	assert_non_null(strstr(dk_buf_str(&dot), "D2 -> D3 [label=\"Amends\", weight=0];"));
	assert_int_equal(dk_adr_key(f->db, "ADR-3", &id, &err), DK_OK);
	assert_int_equal(id, 3);
	assert_int_equal(dk_adr_key(f->db, "ADR-9", &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "no decision with ADR number 9"));
	assert_int_equal(dk_adr_key(f->db, "D-2", &id, &err), DK_OK);
	dk_buf_free(&toc);
	dk_buf_free(&dot);
	dk_buf_free(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(imports_what_it_can, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(edits_update_and_conflicts_wait, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_cycles_and_strict, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(exports_what_reads_back, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
