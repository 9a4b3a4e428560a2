/* test_search.c: the FTS5 query every --search builds, and docket search
 * across kinds. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/risk.h"
#include "docket/search.h"

static const char *query(const char *in, int *rc, struct dk_error *err)
{
	static char out[1200];
	struct dk_buf q = {0};

	*rc = dk_search_query("--search", in, &q, err);
	snprintf(out, sizeof out, "%s", dk_buf_str(&q));
	dk_buf_free(&q);
	return out;
}

static void every_word_a_quoted_prefix(void **state)
{
	struct dk_error err = {0};
	int rc;

	(void)state;
	assert_string_equal(query("regis", &rc, &err), "\"regis\"*");
	assert_int_equal(rc, DK_OK);
	assert_string_equal(query("  canary   rollout  ", &rc, &err), "\"canary\"* \"rollout\"*");
	/* query syntax is only text */
	assert_string_equal(query("title:drift OR NEAR(x)", &rc, &err),
	                    "\"title:drift\"* \"OR\"* \"NEAR(x)\"*");
	assert_string_equal(query("say \"hi\"", &rc, &err), "\"say\"* \"\"\"hi\"\"\"*");
	/* punctuation alone is dropped; non-ASCII letters are words */
	assert_string_equal(query("- drift ; é", &rc, &err), "\"drift\"* \"é\"*");
	assert_int_equal(rc, DK_OK);
}

static void refuses_text_with_no_words(void **state)
{
	struct dk_error err = {0};
	char longer[600];
	int rc;

	(void)state;
	query("  ", &rc, &err);
	assert_int_equal(rc, DK_EINPUT);
	assert_string_equal(err.msg, "--search '  ' has no words (letters or digits)");
	query("* ( \"", &rc, &err);
	assert_int_equal(rc, DK_EINPUT);
	query("a\nb", &rc, &err);
	assert_int_equal(rc, DK_EINPUT);
	assert_non_null(strstr(err.msg, "control character"));
	memset(longer, 'w', 501);
	longer[501] = '\0';
	query(longer, &rc, &err);
	assert_int_equal(rc, DK_EINPUT);
	assert_non_null(strstr(err.msg, "too long"));
}

struct seen {
	int n;
	char first[4][64]; /* kind key field of the first rows */
};

static int keep(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct seen *s = ctx;

	(void)err;
	assert_int_equal(ncol, 5);
	assert_string_equal(cells[0].name, "kind");
	assert_string_equal(cells[3].name, "field");
	assert_string_equal(cells[4].name, "match");
	if (s->n < 4)
		snprintf(s->first[s->n], sizeof s->first[0], "%s %s %s", cells[0].text, cells[1].text,
		         cells[3].text);
	s->n++;
	return DK_OK;
}

static void searches_every_kind(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_in r = {.title = "Drift in the ranker", .owner = "ana", .likelihood = "2",
	                       .impact = "3", .due = "2026-12-01"};
	struct dk_risk_in other = {.title = "Cold starts", .description = "ranker replicas drift to zero",
	                           .owner = "ana", .likelihood = "2", .impact = "2",
	                           .due = "2026-12-01"};
	struct dk_search_filter all = {"drift", NULL, 20}, risks = {"drift", "risk", 1};
	struct dk_search_filter bad_kind = {"drift", "plan", 20}, bad_limit = {"drift", NULL, 0};
	struct dk_error err = {0};
	struct seen s = {0};
	int64_t id;

	fixture_person(f, "ana", "ml");
	assert_int_equal(dk_risk_add(f->db, &r, "2026-11-23", &id, &err), DK_OK);
	assert_int_equal(dk_risk_add(f->db, &other, "2026-11-23", &id, &err), DK_OK);
	fixture_exec(f, "INSERT INTO review (uuid, held_on, notes, created_at, created_by) VALUES "
	                "(docket_uuid(), '2026-11-20', 'drift stays a risk', '2026-11-20T10:00:00Z', 't')");
	assert_int_equal(dk_search(f->db, &all, keep, &s, &err), DK_OK);
	assert_int_equal(s.n, 3);
	/* both risks and the review, each naming the field that matched */
	for (int i = 0; i < 3; i++)
		assert_true(strcmp(s.first[i], "risk R-1 title") == 0 ||
		            strcmp(s.first[i], "risk R-2 description") == 0 ||
		            strcmp(s.first[i], "review RV-1 notes") == 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(dk_search(f->db, &risks, keep, &s, &err), DK_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(strncmp(s.first[0], "risk R-", 7), 0);
	assert_int_equal(dk_search(f->db, &bad_kind, keep, &s, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--kind 'plan' is not one of"));
	assert_int_equal(dk_search(f->db, &bad_limit, keep, &s, &err), DK_EINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_word_a_quoted_prefix),
		cmocka_unit_test(refuses_text_with_no_words),
		cmocka_unit_test_setup_teardown(searches_every_kind, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
