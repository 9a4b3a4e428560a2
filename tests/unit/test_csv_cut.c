/* Cells cut to what a spreadsheet holds, and read back whole. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/csv_cut.h"

static char *repeat(const char *unit, size_t n)
{
	size_t u = strlen(unit);
	char *s = malloc(u * n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	return s;
}

static void test_units(void **state)
{
	(void)state;
	assert_int_equal(dk_csv_units("abc"), 3);
	assert_int_equal(dk_csv_units("\xc3\xa9"), 1);          /* é: one unit */
	assert_int_equal(dk_csv_units("\xe2\x82\xac"), 1);      /* €: one unit */
	assert_int_equal(dk_csv_units("\xf0\x9f\x98\x80"), 2);  /* an emoji: a surrogate pair */
}

static void test_cut_fits(void **state)
{
	static const char *const units[] = {"x", "\xc3\xa9", "\xf0\x9f\x98\x80", NULL};
	char file[128];

	(void)state;
	for (const char *const *u = units; *u; u++) {
		char *s = repeat(*u, 40000);
		struct dk_buf b = {0};

		dk_csv_cut(s, "audit_log_full/17.json", &b);
		/* room for the apostrophe a formula-like cell gets */
		assert_true(dk_csv_units(dk_buf_str(&b)) <= DK_CSV_CELL_MAX - 1);
		assert_true(dk_csv_units(dk_buf_str(&b)) > DK_CSV_CELL_MAX - 200);
		assert_memory_equal(dk_buf_str(&b), s, 1000);
		assert_non_null(strstr(dk_buf_str(&b), "characters kept; the whole row is in "
		                                       "audit_log_full/17.json]"));
		assert_int_equal(dk_csv_cut_file(dk_buf_str(&b), file, sizeof file), 1);
		assert_string_equal(file, "audit_log_full/17.json");
		dk_buf_free(&b);
		free(s);
	}
}

static void test_marker_names_only_row_files(void **state)
{
	static const char *const bad[] = {
		"text\n[cut by docket export: 1 of 2 characters kept; the whole row is in ../x.json]",
		"text\n[cut by docket export: 1 of 2 characters kept; the whole row is in /etc/passwd]",
		"text\n[cut by docket export: 1 of 2 characters kept; the whole row is in risks_full/x.json]",
		"text\n[cut by docket export: 1 of 2 characters kept; the whole row is in risks/1.json]",
		"text\n[cut by docket export: 1 of 2 characters kept; the whole row is in risks_full/1.json] ",
		"text [cut by docket export: 1 of 2 characters kept; the whole row is in risks_full/1.json]",
		"plain text", NULL,
	};
	char file[128];

	(void)state;
	for (const char *const *b = bad; *b; b++)
		assert_int_equal(dk_csv_cut_file(*b, file, sizeof file), 0);
}

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	char dir[] = "/tmp/docket-cut-XXXXXX", path[256], csv[256], *v = NULL;
	FILE *out;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/risks_full", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/risks_full/3.json", dir);
	snprintf(csv, sizeof csv, "%s/risks.csv", dir);
	out = fopen(path, "w");
	assert_non_null(out);
	fputs("{\"key\": \"R-3\", \"description\": \"long \\\"text\\\" here\", \"due\": null}\n", out);
	fclose(out);
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "description",
	                                    "long \"te\n[cut by docket export: ...", &v, &err), DK_OK);
	assert_string_equal(v, "long \"text\" here");
	free(v);
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "due", "", &v, &err),
	                 DK_OK);
	assert_null(v);
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "title", "", &v, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "has no column 'title'"));
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "description",
	                                    "other\n[cut by docket export: ", &v, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "does not hold this cell's text"));
	out = fopen(path, "w");
	fputs("{not json", out);
	fclose(out);
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "description", "", &v,
	                                    &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is not a JSON object"));
	unlink(path);
	assert_int_equal(dk_csv_cut_resolve(f->db, csv, "risks_full/3.json", "description", "", &v,
	                                    &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "cannot be read"));
	snprintf(path, sizeof path, "%s/risks_full", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_cut_fits),
		cmocka_unit_test(test_marker_names_only_row_files),
		cmocka_unit_test_setup_teardown(test_resolve, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
