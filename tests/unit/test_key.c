/* Typed keys: CTX-3 and 3 name the same record; another kind's key does not. */
#include "support.h"

#include <string.h>

#include "docket/key.h"

static void test_parse(void **state)
{
	struct dk_error err = {0};
	int64_t id = 0;

	(void)state;
	assert_int_equal(dk_key_parse("CTX-3", "CTX", "context", &id, &err), DK_OK);
	assert_int_equal(id, 3);
	assert_int_equal(dk_key_parse("ctx-42", "CTX", "context", &id, &err), DK_OK);
	assert_int_equal(id, 42);
	assert_int_equal(dk_key_parse("17", "R", "risk", &id, &err), DK_OK);
	assert_int_equal(id, 17);
	assert_int_equal(dk_key_parse("RV-1", "RV", "review", &id, &err), DK_OK);
	assert_int_equal(id, 1);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {"", "CTX-", "CTX-0", "0", "-3", "CTX-3x", "CTX--3",
	                                  "X-3", "CTX 3", "99999999999999999999", "CTX-1.5", NULL};
	struct dk_error err = {0};
	int64_t id = 99;

	(void)state;
	for (const char *const *b = bad; *b; b++) {
		if (dk_key_parse(*b, "CTX", "context", &id, &err) != DK_EINPUT)
			fail_msg("'%s' was accepted", *b);
		assert_int_equal(id, 99);
	}
	assert_int_equal(dk_key_parse("R-3", "CTX", "context", &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "is a risk key, not a context key"));
	assert_int_equal(dk_key_parse(NULL, "D", "decision", &id, &err), DK_EINPUT);
}

static void test_format(void **state)
{
	char k[DK_KEY_LEN];
	int64_t id;

	(void)state;
	dk_key_format("EV", 40, k);
	assert_string_equal(k, "EV-40");
	assert_int_equal(dk_key_parse(k, "EV", "evidence item", &id, NULL), DK_OK);
	assert_int_equal(id, 40);
}

/* The kinds 'docket help keys' lists: each parses as its own kind. */
static void test_kinds(void **state)
{
	const char *prefix, *what, *p2, *w2;
	char k[DK_KEY_LEN];
	int64_t id;
	size_t n = 0;

	(void)state;
	for (; (prefix = dk_key_kind(n, &what)) != NULL; n++) {
		dk_key_format(prefix, 7, k);
		assert_int_equal(dk_key_parse_any(k, &p2, &w2, &id, NULL), DK_OK);
		assert_string_equal(p2, prefix);
		assert_string_equal(w2, what);
		assert_int_equal(id, 7);
	}
	assert_int_equal(n, 9);
	assert_string_equal(dk_key_kind(0, &what), "CTX");
	assert_string_equal(what, "context");
	assert_null(dk_key_kind(n, &what));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
