/* test_review.c: design reviews, their attendees and notes. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/review.h"

static int count_rows(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ncol;
	(void)cells;
	(void)err;
	(*(int *)ctx)++;
	return DK_OK;
}

static void records_attendees_once(void **state)
{
	struct fixture *f = *state;
	struct dk_review_in in = {"2026-11-20", 0, "ana, bo,ana", "decided the registry", NULL};
	struct dk_error err = {0};
	int64_t id = 0;
	int n = 0;

	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	assert_int_equal(dk_review_add(f->db, &in, &id, &err), DK_OK);
	assert_int_equal(id, 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review_attendee WHERE review_id = 1"), 2);
	assert_int_equal(dk_review_list(f->db, NULL, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dk_review_exists(f->db, 2, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no review RV-2");
}

static void reads_notes_from_a_file(void **state)
{
	struct fixture *f = *state;
	struct dk_review_in in = {"2026-11-20", 0, "ana", NULL, NULL};
	struct dk_error err = {0};
	char path[400];
	FILE *fp;
	int64_t id;

	snprintf(path, sizeof path, "%s/notes.md", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("# Review\n\n- ship it\n", fp);
	fclose(fp);
	in.notes_file = path;
	fixture_person(f, "ana", NULL);
	assert_int_equal(dk_review_add(f->db, &in, &id, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT CASE WHEN notes = '# Review\n\n- ship it' THEN 1 ELSE 0 END FROM review"), 1);
}

static void refuses_before_writing(void **state)
{
	struct fixture *f = *state;
	struct dk_review_in unknown = {"2026-11-20", 0, "ana,zed", NULL, NULL};
	struct dk_review_in no_date = {"2026-02-30", 0, "ana", NULL, NULL};
	struct dk_review_in both = {"2026-11-20", 0, "ana", "x", "/tmp/x"};
	struct dk_review_in bp = {"2026-11-20", 3, "ana", NULL, NULL};
	struct dk_error err = {0};
	int64_t id;

	fixture_person(f, "ana", NULL);
	assert_int_equal(dk_review_add(f->db, &unknown, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--attendees 'zed' is not a known person"));
	assert_int_equal(dk_review_add(f->db, &no_date, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--on '2026-02-30' is not a date"));
	assert_int_equal(dk_review_add(f->db, &both, &id, &err), DK_EINPUT);
	assert_int_equal(dk_review_add(f->db, &bp, &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-3");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review"), 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review_attendee"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records_attendees_once, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(reads_notes_from_a_file, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_before_writing, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
