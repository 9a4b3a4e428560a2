/* Contexts: validation before any write, revisions that never change the old row. */
#include "support.h"

#include <string.h>

#include "docket/context.h"

static struct dk_context_in base(void)
{
	struct dk_context_in in;

	memset(&in, 0, sizeof in);
	in.system = "fraud";
	in.owner = "ana";
	in.problem = "online";
	in.on_prem = -1;
	in.shared_features = -1;
	return in;
}

struct bad_case {
	const char *field;
	const char *value;
	const char *message;
};

static void set_field(struct dk_context_in *in, const char *field, const char *v)
{
	if (!strcmp(field, "system")) in->system = v;
	else if (!strcmp(field, "owner")) in->owner = v;
	else if (!strcmp(field, "problem")) in->problem = v;
	else if (!strcmp(field, "latency")) in->latency_p95_ms = v;
	else if (!strcmp(field, "throughput")) in->throughput_rps = v;
	else if (!strcmp(field, "data")) in->data_gb = v;
	else if (!strcmp(field, "velocity")) in->velocity = v;
	else if (!strcmp(field, "label")) in->label_delay_days = v;
	else if (!strcmp(field, "team")) in->team_size = v;
	else if (!strcmp(field, "stack")) in->stack = v;
	else if (!strcmp(field, "cloud")) in->cloud = v;
	else if (!strcmp(field, "compliance")) in->compliance = v;
	else if (!strcmp(field, "budget")) in->budget_usd_month = v;
	else if (!strcmp(field, "retrain")) in->retrain = v;
	else fail_msg("no field %s", field);
}

static void test_validation(void **state)
{
	static const struct bad_case cases[] = {
		{"system", "fraud scoring", "SYSTEM 'fraud scoring' is not allowed"},
		{"problem", "realtime", "--problem 'realtime' is not one of: batch, online, streaming"},
		{"latency", "0", "--latency-p95-ms '0' is not a whole number from 1 to 3600000"},
		{"latency", "50ms", "--latency-p95-ms '50ms'"},
		{"throughput", "-1", "--throughput-rps '-1' is not a number"},
		{"data", "lots", "--data-gb 'lots'"},
		{"velocity", "a\x01", "--velocity"},
		{"label", "3651", "--label-delay-days '3651'"},
		{"team", "0", "--team-size '0'"},
		{"stack", "postgresql,,dbt", "--stack has an empty item"},
		{"cloud", "ibm", "--cloud 'ibm' is not one of"},
		{"compliance", "GDPR!", "--compliance 'GDPR!' is not a list of regimes"},
		{"budget", "1e12", "--budget-usd-month '1e12'"},
		{"retrain", "sometimes", "--retrain 'sometimes' is not one of"},
	};
	struct dk_error err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dk_context_in in = base();
		set_field(&in, cases[i].field, cases[i].value);
		if (dk_context_check(&in, 1, &err) != DK_EINPUT)
			fail_msg("%s '%s' was accepted", cases[i].field, cases[i].value);
		if (strstr(err.msg, cases[i].message) == NULL)
			fail_msg("message '%s' lacks '%s'", err.msg, cases[i].message);
	}
	{
		struct dk_context_in in = base();
		in.problem = NULL;
		assert_int_equal(dk_context_check(&in, 1, &err), DK_EINPUT);
		assert_non_null(strstr(err.msg, "--problem is required"));
		assert_int_equal(dk_context_check(&in, 0, &err), DK_OK); /* revise keeps it */
	}
}

static void test_add_and_revise(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = base();
	struct dk_error err = {0};
	const char *assume[] = {"traffic doubles by Q3"};
	int64_t id1, id2, id3;

	fixture_person(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	in.latency_p95_ms = "50";
	in.throughput_rps = "2000";
	in.stack = "kubernetes, postgresql";
	in.compliance = "gdpr";
	in.on_prem = 1;
	in.assumptions = assume;
	in.n_assumptions = 1;
	in.has_assumptions = 1;
	assert_int_equal(dk_context_add(f->db, &in, &id1, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM context WHERE revision = 1 AND on_prem = 1 "
	                                "AND stack = '[\"kubernetes\",\"postgresql\"]' AND latency_p95_ms = 50"), 1);

	/* the same system again is refused */
	assert_int_equal(dk_context_add(f->db, &in, &id2, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "already has a context"));

	/* a revision changes what is given and keeps the rest */
	{
		struct dk_context_in r;
		memset(&r, 0, sizeof r);
		r.on_prem = 0;
		r.shared_features = -1;
		r.latency_p95_ms = "80";
		r.owner = "bo";
		assert_int_equal(dk_context_revise(f->db, id1, &r, &id2, &err), DK_OK);
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM context c JOIN person p ON p.id = c.owner_id "
		                                "WHERE c.revision = 2 AND c.supersedes_id = 1 AND c.latency_p95_ms = 80 "
		                                "AND c.on_prem = 0 AND c.throughput_rps = 2000 AND p.handle = 'bo' "
		                                "AND c.assumptions = '[\"traffic doubles by Q3\"]'"), 1);
		/* the old revision is unchanged */
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM context WHERE id = 1 AND latency_p95_ms = 50 "
		                                "AND on_prem = 1"), 1);
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log WHERE entity = 'context' "
		                                "AND action = 'update'"), 0);
		/* only the latest revision can be revised */
		assert_int_equal(dk_context_revise(f->db, id1, &r, &id3, &err), DK_EINPUT);
		assert_non_null(strstr(err.msg, "already revised by CTX-2"));
		r.owner = "nobody";
		assert_int_equal(dk_context_revise(f->db, id2, &r, &id3, &err), DK_EINPUT);
		assert_non_null(strstr(err.msg, "not a known person"));
		assert_int_equal(dk_context_revise(f->db, 99, &r, &id3, &err), DK_EINPUT);
		assert_non_null(strstr(err.msg, "no context CTX-99"));
	}
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM context"), 2);
}

static void test_unknown_owner_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = base();
	struct dk_error err = {0};
	int64_t id;

	assert_int_equal(dk_context_add(f->db, &in, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--owner 'ana' is not a known person"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM context"), 0);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validation),
		cmocka_unit_test_setup_teardown(test_add_and_revise, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_owner_writes_nothing, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
