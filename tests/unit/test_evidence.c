/* test_evidence.c: evidence records and their file hashes. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/evidence.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void hashes_file_and_checks_it(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_evidence_verdict r;
	char path[400];
	int64_t id = 0;
	struct dk_evidence_in in = {"benchmark", "Latency", NULL, path, "p95 ok", "2026-11-20", NULL, NULL, NULL};

	snprintf(path, sizeof path, "%s/bench.txt", f->dir);
	write_file(path, "abc");
	assert_int_equal(dk_evidence_add(f->db, &in, &id, &err), DK_OK);
	assert_int_equal(id, 1);
	/* SHA-256("abc") */
	assert_int_equal(fixture_int(f, "SELECT sha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' "
	                                "AND size_bytes = 3 FROM evidence WHERE id = 1"), 1);
	assert_int_equal(dk_evidence_verify(f->db, id, NULL, &r, &err), DK_OK);
	assert_int_equal(r.state, DK_EVIDENCE_MATCH);
	assert_int_equal(r.current_size, 3);
	write_file(path, "abd");
	assert_int_equal(dk_evidence_verify(f->db, id, NULL, &r, &err), DK_OK);
	assert_int_equal(r.state, DK_EVIDENCE_CHANGED);
	remove(path);
	assert_int_equal(dk_evidence_verify(f->db, id, NULL, &r, &err), DK_OK);
	assert_int_equal(r.state, DK_EVIDENCE_MISSING);
}

static void refuses_bad_input_before_writing(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t id;
	struct dk_evidence_in bad_kind = {"rumour", "x", NULL, NULL, NULL, "2026-11-20", NULL, NULL, NULL};
	struct dk_evidence_in no_file = {"document", "x", NULL, "/nonexistent/file", NULL, "2026-11-20", NULL, NULL, NULL};
	struct dk_evidence_in bad_date = {"document", "x", NULL, NULL, NULL, "2026-13-01", NULL, NULL, NULL};

	assert_int_equal(dk_evidence_add(f->db, &bad_kind, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--kind 'rumour' is not one of"));
	assert_int_equal(dk_evidence_add(f->db, &no_file, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--file"));
	assert_int_equal(dk_evidence_add(f->db, &bad_date, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--collected '2026-13-01' is not a date"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM evidence"), 0);
}

static void check_needs_a_hash(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_evidence_verdict r;
	int64_t id;
	struct dk_evidence_in link = {"link", "Docs", "https://example.org", NULL, NULL, "2026-11-20", NULL, NULL, NULL};

	assert_int_equal(dk_evidence_add(f->db, &link, &id, &err), DK_OK);
	assert_int_equal(dk_evidence_verify(f->db, id, NULL, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "no recorded hash"));
	assert_int_equal(dk_evidence_verify(f->db, 99, NULL, &r, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "there is no evidence EV-99"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hashes_file_and_checks_it, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refuses_bad_input_before_writing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(check_needs_a_hash, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
