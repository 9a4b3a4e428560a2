/* People: handles, emails, teams. */
#include "support.h"

#include <string.h>

#include "docket/db.h"
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

/* Handles fold case and lose surrounding white space; login names fold
 * case; a handle match wins; a full name or a stranger resolves to nobody. */
static void test_resolve(void **state)
{
	struct fixture *f = *state;
	struct dk_person ana = {.handle = "ana", .name = "Ana Lima", .login = "alima"};
	struct dk_person bo = {.handle = "bo", .name = "Bo Chen"};
	static const char *const as_ana[] = {"ana", "ANA", "ana ", " Ana\t", "alima", "ALIMA", " aLiMa "};
	static const char *const nobody[] = {"Ana Lima", "ghost", "an", "alim", "", "ana lima"};
	char handle[DK_HANDLE_LEN];
	struct dk_error err = {0};
	int64_t ana_id, bo_id, id;

	assert_int_equal(dk_person_add(f->db, &ana, &ana_id, &err), DK_OK);
	assert_int_equal(dk_person_add(f->db, &bo, &bo_id, &err), DK_OK);
	for (size_t i = 0; i < sizeof as_ana / sizeof *as_ana; i++) {
		id = 0;
		if (dk_person_resolve(f->db, "--actor", as_ana[i], &id, handle, &err) != DK_OK)
			fail_msg("'%s': %s", as_ana[i], err.msg);
		assert_int_equal(id, ana_id);
		assert_string_equal(handle, "ana");
	}
	for (size_t i = 0; i < sizeof nobody / sizeof *nobody; i++) {
		id = -1;
		assert_int_equal(dk_person_resolve(f->db, "--approver", nobody[i], &id, NULL, &err), DK_EINPUT);
		assert_int_equal(id, -1);
		assert_non_null(strstr(err.msg, "is not a known person"));
	}
	/* the actor: a known one becomes its handle, an unknown one stays (trimmed) */
	assert_int_equal(dk_db_set_actor(f->db, " ALIMA ", &err), DK_OK);
	assert_int_equal(dk_person_adopt_actor(f->db, &id, &err), DK_OK);
	assert_int_equal(id, ana_id);
	assert_string_equal(dk_db_actor(f->db), "ana");
	assert_int_equal(dk_person_acting(f->db, &id, &err), DK_OK);
	assert_int_equal(id, ana_id);
	assert_int_equal(dk_db_set_actor(f->db, " Ana Lima ", &err), DK_OK);
	assert_int_equal(dk_person_adopt_actor(f->db, &id, &err), DK_OK);
	assert_int_equal(id, 0);
	assert_string_equal(dk_db_actor(f->db), "Ana Lima");
	assert_int_equal(dk_person_acting(f->db, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "the acting person 'Ana Lima' is not a known person"));
}

/* A login names one person: not another's login (any case) nor handle;
 * setting and clearing it is audited with login in the row. */
static void test_login(void **state)
{
	struct fixture *f = *state;
	struct dk_person ana = {.handle = "ana", .name = "Ana", .login = "alima"};
	struct dk_person bo = {.handle = "bo", .name = "Bo"};
	struct dk_person clash = {.handle = "alima", .name = "X"};
	struct dk_person spaced = {.handle = "cy", .name = "Cy", .login = "c y"};
	struct dk_person taken = {.handle = "cy", .name = "Cy", .login = "Alima"};
	struct dk_error err = {0};
	int64_t before;

	assert_int_equal(dk_person_add(f->db, &ana, NULL, &err), DK_OK);
	assert_int_equal(dk_person_add(f->db, &bo, NULL, &err), DK_OK);
	before = fixture_int(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(dk_person_add(f->db, &clash, NULL, &err), DK_EINPUT);
	assert_string_equal(err.msg, "handle 'alima' is already the login name of 'ana'");
	assert_int_equal(dk_person_add(f->db, &spaced, NULL, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "has a space"));
	assert_int_equal(dk_person_add(f->db, &taken, NULL, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--login 'Alima' is already the login name of 'ana'");
	assert_int_equal(dk_person_set_login(f->db, "bo", "ANA", &err), DK_EINPUT);
	assert_string_equal(err.msg, "--login 'ANA' is already the handle of 'ana'");
	assert_int_equal(dk_person_set_login(f->db, "bo", "a\x01b", &err), DK_EINPUT);
	assert_int_equal(dk_person_set_login(f->db, "zed", "z", &err), DK_EINPUT);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), before);
	/* one's own handle as login is fine; so is re-setting one's own login */
	assert_int_equal(dk_person_set_login(f->db, "bo", "BO", &err), DK_OK);
	assert_int_equal(dk_person_set_login(f->db, "ana", "ALIMA", &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND "
	                                "action = 'update' AND row LIKE '%\"login\":\"ALIMA\"%'"), 1);
	assert_int_equal(dk_person_set_login(f->db, "ana", "", &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM person WHERE handle = 'ana' AND login IS NULL"), 1);
	/* the database holds the rules too */
	assert_int_equal(fixture_int(f, fixture_on_pg(f)
		? "SELECT count(*) FROM pg_indexes WHERE schemaname = 'docket' AND indexname = 'person_login' "
		  "AND indexdef LIKE 'CREATE UNIQUE INDEX %' AND indexdef LIKE '% WHERE %'"
		: "SELECT count(*) FROM pragma_index_list('person') WHERE name = 'person_login' "
		  "AND \"unique\" = 1 AND partial = 1"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_find, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test_setup_teardown(test_resolve, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_login, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
