/* test_decision.c: decisions, their options, evidence links, the state
 * machine (in core and in the schema) and full-text search. */
#include "support.h"

#include <string.h>

#include "docket/context.h"
#include "docket/decision.h"
#include "docket/evidence.h"

static int count_rows(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	(void)ncol;
	(void)cells;
	(void)err;
	(*(int *)ctx)++;
	return DK_OK;
}

static int64_t add_decision(struct fixture *f, const char *title)
{
	static const char *const pros[] = {"self-hosted"};
	static const char *const cons[] = {"ops burden"};
	struct dk_option_in opts[2] = {{"MLflow", pros, 1, cons, 1}, {"SageMaker", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_error err = {0};
	int64_t id = 0;

	in.title = title;
	in.area = "packaging";
	in.problem = "we need a model registry";
	in.options = opts;
	in.n_options = 2;
	in.chosen = "MLflow";
	in.rationale = "cheaper at our scale";
	if (dk_decision_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("add: %s", err.msg);
	return id;
}

static int64_t add_evidence(struct fixture *f)
{
	struct dk_evidence_in in = {"benchmark", "bench", "https://example.org/b", NULL, NULL, "2026-11-20", NULL, NULL, NULL};
	struct dk_error err = {0};
	int64_t id = 0;

	if (dk_evidence_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("evidence: %s", err.msg);
	return id;
}

static void transition_table(void **state)
{
	static const char *const all[] = {"proposed", "accepted", "rejected", "superseded", "deprecated"};
	int allowed = 0;

	(void)state;
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++)
			allowed += dk_decision_transition_allowed(all[i], all[j]);
	assert_int_equal(allowed, 4);
	assert_true(dk_decision_transition_allowed("proposed", "accepted"));
	assert_true(dk_decision_transition_allowed("proposed", "rejected"));
	assert_true(dk_decision_transition_allowed("accepted", "superseded"));
	assert_true(dk_decision_transition_allowed("accepted", "deprecated"));
	assert_false(dk_decision_transition_allowed("rejected", "accepted"));
	assert_false(dk_decision_transition_allowed(NULL, "accepted"));
}

static void option_spec(void **state)
{
	struct dk_option_spec s;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_option_parse(" MLflow | pro: self-hosted |con: ops burden|pro:free", &s, &err), DK_OK);
	assert_string_equal(s.opt.name, "MLflow");
	assert_int_equal(s.opt.n_pros, 2);
	assert_string_equal(s.opt.pros[0], "self-hosted");
	assert_string_equal(s.opt.pros[1], "free");
	assert_int_equal(s.opt.n_cons, 1);
	assert_string_equal(s.opt.cons[0], "ops burden");
	dk_option_spec_free(&s);
	assert_int_equal(dk_option_parse("MLflow|cheap", &s, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "neither 'pro:' nor 'con:'"));
	dk_option_spec_free(&s);
	assert_int_equal(dk_option_parse("|pro: x", &s, &err), DK_EINPUT);
	dk_option_spec_free(&s);
}

static void chosen_must_be_an_option(void **state)
{
	struct fixture *f = *state;
	struct dk_option_in opts[1] = {{"MLflow", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_error err = {0};
	int64_t id;

	in.title = "t";
	in.area = "packaging";
	in.problem = "p";
	in.options = opts;
	in.n_options = 1;
	in.chosen = "Kubeflow";
	in.rationale = "r";
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--chosen 'Kubeflow' is not one of the options ('MLflow')"));
	in.chosen = "MLflow";
	in.makers = "ana,ghost";
	fixture_person(f, "ana", NULL);
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--makers 'ghost' is not a known person"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision"), 0);
	in.makers = "ana";
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_option WHERE chosen = 1"), 1);
}

static void accept_needs_supporting_evidence(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t d = add_decision(f, "registry"), ev = add_evidence(f);

	assert_int_equal(dk_decision_accept(f->db, d, 0, "2026-11-23", &err), DK_EINPUT);
	assert_string_equal(err.msg, "D-1 has no supporting evidence: link some with 'docket decision "
	                             "link D-1 --evidence EV-n' before accepting");
	assert_int_equal(dk_decision_link(f->db, d, ev, 1, &err), DK_OK); /* contradicting only */
	assert_int_equal(dk_decision_accept(f->db, d, 0, "2026-11-23", &err), DK_EINPUT);
	assert_int_equal(dk_decision_link(f->db, d, ev, 0, &err), DK_OK); /* now supporting */
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_evidence"), 1);
	{
		int64_t trail = fixture_int(f, "SELECT count(*) FROM audit_log");
		assert_int_equal(dk_decision_link(f->db, d, ev, 0, &err), DK_OK); /* same stance again */
		assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), trail);
	}
	assert_int_equal(dk_decision_accept(f->db, d, 0, "2026-11-23", &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT decided_on = '2026-11-23' AND status = 'accepted' FROM decision"), 1);
	/* the last supporting item of an accepted decision stays */
	assert_int_equal(dk_decision_unlink(f->db, d, ev, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "only supporting evidence"));
	assert_int_equal(dk_decision_link(f->db, d, ev, 1, &err), DK_EINPUT);
}

static void illegal_transitions_are_refused(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t d = add_decision(f, "registry");

	assert_int_equal(dk_decision_deprecate(f->db, d, "old", "2026-11-23", &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "D-1 is proposed and cannot be deprecated: the lifecycle is "
	                                "proposed -> accepted | rejected; accepted -> superseded | deprecated"));
	assert_int_equal(dk_decision_reject(f->db, d, "too costly", "2026-11-23", &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, d, 0, "2026-11-23", &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "D-1 is rejected and cannot be accepted"));
	assert_int_equal(fixture_int(f, "SELECT status = 'rejected' AND status_reason = 'too costly' FROM decision"), 1);
	assert_int_equal(dk_decision_accept(f->db, 42, 0, "2026-11-23", &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "there is no decision D-42"));
}

static void schema_enforces_the_machine_too(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t d = add_decision(f, "registry");

	(void)d;
	assert_int_equal(dk_db_exec(f->db, "UPDATE decision SET status = 'accepted', decided_on = '2026-01-01'", &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "without supporting evidence"));
	assert_int_equal(dk_db_exec(f->db, "UPDATE decision SET status = 'superseded', decided_on = '2026-01-01'", &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "transition not allowed"));
}

static void supersede_changes_both(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t a = add_decision(f, "first"), b = add_decision(f, "second"), ev = add_evidence(f);
	int n = 0;

	assert_int_equal(dk_decision_link(f->db, a, ev, 0, &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, a, 0, "2026-11-01", &err), DK_OK);
	assert_int_equal(dk_decision_supersede(f->db, a, b, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--by D-2 is proposed"));
	assert_int_equal(dk_decision_link(f->db, b, ev, 0, &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, b, 0, "2026-11-20", &err), DK_OK);
	assert_int_equal(dk_decision_supersede(f->db, a, a, &err), DK_EINPUT);
	assert_int_equal(dk_decision_supersede(f->db, a, b, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT status = 'superseded' FROM decision WHERE id = 1"), 1);
	assert_int_equal(fixture_int(f, "SELECT supersedes_id FROM decision WHERE id = 2"), 1);
	assert_int_equal(dk_decision_chain(f->db, b, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(dk_decision_supersede(f->db, a, b, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "D-1 is superseded and cannot be superseded"));
}

/* The risks that name a decision are listed with it. The risk commands
 * belong to another module, so the row is written directly. */
static void risks_that_name_it(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int n = 0;

	fixture_person(f, "ana", NULL);
	add_decision(f, "registry");
	add_decision(f, "other");
	fixture_exec(f, "INSERT INTO risk (uuid, title, likelihood, impact, owner_id, due_on, decision_id,"
	                " created_at, created_by) VALUES (docket_uuid(), 'Registry outage', 2, 4, 1,"
	                " '2026-12-01', 1, '2026-11-23T00:00:00Z', 'tester')");
	assert_int_equal(dk_decision_risks(f->db, 1, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(dk_decision_risks(f->db, 2, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 0);
}

static void filters_by_blueprint_and_context(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in ctx = {0};
	struct dk_option_in opts[1] = {{"A", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_decision_filter flt = {0};
	struct dk_error err = {0};
	int64_t cid, id;
	int n = 0;

	fixture_person(f, "ana", NULL);
	ctx.system = "recsys";
	ctx.owner = "ana";
	ctx.problem = "online";
	ctx.on_prem = -1;
	ctx.shared_features = -1;
	assert_int_equal(dk_context_add(f->db, &ctx, &cid, &err), DK_OK);
	/* blueprints belong to another module; the row is written directly */
	fixture_exec(f, "INSERT INTO blueprint (uuid, context_id, source, generator_version, body_md, body_json,"
	                " body_sha256, created_at, created_by) VALUES (docket_uuid(), 1, 'imported', 'x', '#',"
	                " '{}', '0000000000000000000000000000000000000000000000000000000000000000',"
	                " '2026-11-23T00:00:00Z', 'tester')");
	in.title = "t";
	in.area = "data";
	in.problem = "p";
	in.options = opts;
	in.n_options = 1;
	in.chosen = "A";
	in.rationale = "r";
	in.blueprint_id = 2;
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no blueprint BP-2");
	in.blueprint_id = 1;
	in.context_id = 5;
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no context CTX-5");
	in.context_id = cid;
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_OK);
	in.blueprint_id = 0;
	assert_int_equal(dk_decision_add(f->db, &in, &id, &err), DK_OK);
	flt.blueprint_id = 1;
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
}

static void search_and_filters(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_decision_filter flt = {0};
	int n = 0;

	add_decision(f, "model registry");
	add_decision(f, "feature store");
	flt.search = "registry";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 2); /* both problems mention a registry */
	n = 0;
	flt.search = "feature";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	n = 0;
	flt.search = "regis SELF"; /* beginnings of words, any case */
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	n = 0;
	flt.search = "registry nowhere";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 0);
	n = 0;
	flt.search = "ops burden"; /* in an option's cons */
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	n = 0;
	flt.search = "\"unbalanced OR NEAR(";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 0);
	/* the index follows updates */
	fixture_exec(f, "UPDATE decision SET title = 'vector database' WHERE id = 2");
	flt.search = "vector";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	flt.search = NULL;
	flt.status = "open";
	assert_int_equal(dk_decision_list(f->db, &flt, count_rows, &n, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--status 'open' is not one of"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(transition_table),
		cmocka_unit_test(option_spec),
		cmocka_unit_test_setup_teardown(chosen_must_be_an_option, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(accept_needs_supporting_evidence, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(illegal_transitions_are_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(schema_enforces_the_machine_too, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(supersede_changes_both, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(risks_that_name_it, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(filters_by_blueprint_and_context, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(search_and_filters, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
