/* People: handles, emails, teams. */
#include "support.h"

#include <string.h>

#include "docket/person.h"

static void test_add_find(void **state)
{
	struct fixture *f = *state;
	struct dk_person p = {"ana", "Ana Lima", "ana@example.org", "ml-platform", NULL, NULL};
	struct dk_error err = {0};
	int64_t id = 0, found = 0;

	assert_int_equal(dk_person_add(f->db, &p, &id, &err), DK_OK);
	assert_int_equal(dk_person_find(f->db, "--owner", "ana", &found, &err), DK_OK);
	assert_int_equal(found, id);
	assert_int_equal(dk_person_add(f->db, &p, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "already taken"));
	assert_int_equal(dk_person_find(f->db, "--approver", "zed", &found, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--approver 'zed' is not a known person (see 'docket person list')");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE length(uuid) = 36"), 1);
}

static void test_refusals(void **state)
{
	static const struct {
		struct dk_person p;
		const char *msg;
	} bad[] = {
		{{"Ana", "A", NULL, NULL, NULL, NULL}, "handle 'Ana' is not allowed"},
		{{"a b", "A", NULL, NULL, NULL, NULL}, "handle 'a b'"},
		{{"ana", NULL, NULL, NULL, NULL, NULL}, "--name is required"},
		{{"ana", "", NULL, NULL, NULL, NULL}, "--name '' is empty"},
		{{"ana", "A", "ana.example.org", NULL, NULL, NULL}, "--email 'ana.example.org' is not an email address"},
		{{"ana", "A", "a@b@c.org", NULL, NULL, NULL}, "is not an email address"},
		{{"ana", "A", "a@localhost", NULL, NULL, NULL}, "is not an email address"},
		{{"ana", "A", NULL, "ML Platform", NULL, NULL}, "--team 'ML Platform' is not allowed"},
		{{"abcdefghijabcdefghijabcdefghijabc", "A", NULL, NULL, NULL, NULL}, "handle"},
	};
	struct dk_error err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (dk_person_check(&bad[i].p, &err) != DK_EINPUT)
			fail_msg("case %zu accepted", i);
		if (strstr(err.msg, bad[i].msg) == NULL)
			fail_msg("'%s' lacks '%s'", err.msg, bad[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_find, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
