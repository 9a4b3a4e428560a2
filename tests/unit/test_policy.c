/* test_policy.c: a team's policy is checked, set once per team, replaced,
 * and read back. */
#include <string.h>

#include "docket/policy.h"
#include "support.h"

static void test_check(void **state)
{
	struct dk_policy_in p = {"ml", "9", "7", "90", "30", "lead"};
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_policy_check(&p, &err), DK_OK);
	p.appetite = "26";
	assert_int_equal(dk_policy_check(&p, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--appetite '26' is not a whole number from 1 to 25");
	p.appetite = "25";
	p.grace_days = "366";
	assert_int_equal(dk_policy_check(&p, &err), DK_EINPUT);
	p.grace_days = "0";
	assert_int_equal(dk_policy_check(&p, &err), DK_OK);
	p.team = "ML";
	assert_int_equal(dk_policy_check(&p, &err), DK_EINPUT);
	p.team = "ml";
	p.escalate_to = NULL;
	assert_int_equal(dk_policy_check(&p, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--escalate-to is required");
}

static void test_set_replace_get(void **state)
{
	struct fixture *f = *state;
	struct dk_policy_in p = {"ml", "9", "7", "90", "30", "lead"};
	struct dk_error err = {0};
	struct dk_policy got;
	int found = 1;
	int64_t lead, other;

	assert_int_equal(dk_policy_set(f->db, &p, &err), DK_EINPUT); /* unknown escalate-to */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM policy"), 0);
	lead = fixture_person(f, "lead", "ml");
	other = fixture_person(f, "other", "ml");
	assert_int_equal(dk_policy_get(f->db, "ml", &got, &found, &err), DK_OK);
	assert_false(found);
	assert_int_equal(dk_policy_set(f->db, &p, &err), DK_OK);
	assert_int_equal(dk_policy_get(f->db, "ml", &got, &found, &err), DK_OK);
	assert_true(found);
	assert_int_equal(got.appetite, 9);
	assert_int_equal(got.grace_days, 7);
	assert_int_equal(got.acceptance_days, 90);
	assert_int_equal(got.default_due_days, 30);
	assert_int_equal(got.escalate_to, lead);
	p.appetite = "12";
	p.escalate_to = "other";
	assert_int_equal(dk_policy_set(f->db, &p, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM policy"), 1);
	assert_int_equal(dk_policy_get(f->db, "ml", &got, &found, &err), DK_OK);
	assert_int_equal(got.appetite, 12);
	assert_int_equal(got.escalate_to, other);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE entity = 'policy'"), 2);
	assert_int_equal(dk_policy_get(f->db, NULL, &got, &found, &err), DK_OK);
	assert_false(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test_setup_teardown(test_set_replace_get, fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
