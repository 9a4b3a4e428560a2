/* test_history.c: a record's history from its audit rows: every field that
 * changed, with who and when, keys for ids, and a decision's links. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/history.h"
#include "docket/risk.h"
#include "docket/text.h"
#include "docket/withdraw.h"

/* Each row as "change|from|to|actor", one line each. */
static int collect(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct dk_buf *b = ctx;

	(void)err;
	assert_int_equal(ncol, 6);
	assert_string_equal(cells[0].name, "seq");
	assert_string_equal(cells[1].name, "at");
	assert_non_null(cells[1].text);
	dk_buf_addf(b, "%s|%s|%s|%s\n", cells[3].text, cells[4].text ? cells[4].text : "",
	            cells[5].text ? cells[5].text : "", cells[2].text);
	return DK_OK;
}

static void lists_every_field_change_of_a_risk(void **state)
{
	struct fixture *f = *state;
	struct dk_risk_in in = {0}, up = {0};
	struct dk_error err = {0};
	struct dk_buf b = {0};
	int64_t id;

	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	in.title = "Drift";
	in.owner = "ana";
	in.likelihood = "4";
	in.impact = "4";
	in.due = "2026-12-23";
	assert_int_equal(dk_risk_add(f->db, &in, "2026-11-23", &id, &err), DK_OK);
	up.title = "Feature drift";
	up.description = "the features move";
	up.owner = "bo";
	up.likelihood = "3";
	up.category = "data";
	assert_int_equal(dk_risk_update(f->db, id, &up, "2026-11-23", &err), DK_OK);
	memset(&up, 0, sizeof up);
	up.due = "2027-01-15";
	assert_int_equal(dk_db_set_actor(f->db, "bo", &err), DK_OK);
	assert_int_equal(dk_risk_update(f->db, id, &up, "2026-11-23", &err), DK_OK);
	assert_int_equal(dk_withdraw(f->db, DK_WITHDRAW_RISK, id, "a mistake", NULL, &err), DK_OK);
	assert_int_equal(dk_history_risk(f->db, id, collect, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b),
		"created||owner ana, due 2026-12-23, score 4x4=16|tester\n"
		"owner|ana|bo|tester\n"
		"score|4x4=16|3x4=12|tester\n"
		"title|Drift|Feature drift|tester\n"
		"description||the features move|tester\n"
		"category|ops|data|tester\n"
		"due|2026-12-23|2027-01-15|bo\n"
		"status|open|withdrawn|bo\n"
		"withdrawn||a mistake|bo\n");
	dk_buf_free(&b);
}

/* An audit row written before a column existed is no change to it. */
static void a_column_added_later_is_no_change(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	struct dk_buf b = {0};

	fixture_person(f, "ana", NULL);
	fixture_exec(f, "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash) "
	                "SELECT 1 + (SELECT max(seq) FROM audit_log), '2026-11-23T00:00:00.000Z', 'old', 'insert', "
	                "'risk', 7, '{\"id\":7,\"title\":\"Old\",\"owner_id\":1,\"due_on\":\"2026-12-01\","
	                "\"likelihood\":1,\"impact\":2,\"score\":2,\"status\":\"open\"}', "
	                "'0000000000000000000000000000000000000000000000000000000000000000', "
	                "'0000000000000000000000000000000000000000000000000000000000000000'");
	fixture_exec(f, "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash) "
	                "SELECT 1 + (SELECT max(seq) FROM audit_log), '2026-11-24T00:00:00.000Z', 'new', 'update', "
	                "'risk', 7, '{\"id\":7,\"title\":\"Old\",\"owner_id\":1,\"due_on\":\"2026-12-01\","
	                "\"likelihood\":1,\"impact\":2,\"score\":2,\"status\":\"mitigating\","
	                "\"withdrawn_reason\":null}', "
	                "'0000000000000000000000000000000000000000000000000000000000000000', "
	                "'0000000000000000000000000000000000000000000000000000000000000000'");
	assert_int_equal(dk_history_risk(f->db, 7, collect, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b),
		"created||owner ana, due 2026-12-01, score 1x2=2|old\n"
		"status|open|mitigating|new\n");
	dk_buf_free(&b);
}

static void lists_a_decisions_changes_and_links(void **state)
{
	struct fixture *f = *state;
	struct dk_option_in opts[1] = {{"MLflow", NULL, 0, NULL, 0}};
	struct dk_decision_in in = {0};
	struct dk_evidence_in ev = {"benchmark", "bench", "https://example.org/b", NULL, NULL,
	                            "2026-11-20", NULL, NULL, NULL};
	struct dk_error err = {0};
	struct dk_buf b = {0};
	int64_t d, e;

	fixture_person(f, "ana", NULL);
	in.title = "Registry";
	in.area = "packaging";
	in.problem = "we need a model registry";
	in.options = opts;
	in.n_options = 1;
	in.chosen = "MLflow";
	in.rationale = "cheaper";
	assert_int_equal(dk_decision_add(f->db, &in, &d, &err), DK_OK);
	assert_int_equal(dk_evidence_add(f->db, &ev, &e, &err), DK_OK);
	assert_int_equal(dk_decision_link(f->db, d, e, 1, &err), DK_OK);
	assert_int_equal(dk_decision_link(f->db, d, e, 0, &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, d, 0, "2026-11-21", &err), DK_OK);
	assert_int_equal(dk_decision_deprecate(f->db, d, "moved on", "2026-11-22", &err), DK_OK);
	assert_int_equal(dk_history_decision(f->db, d, collect, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b),
		"created||status proposed, area packaging|tester\n"
		"evidence||EV-1 contradicts|tester\n"
		"evidence|EV-1 contradicts|EV-1 supports|tester\n"
		"status|proposed|accepted|tester\n"
		"decided_on||2026-11-21|tester\n"
		"status|accepted|deprecated|tester\n"
		"reason||moved on|tester\n");
	dk_buf_free(&b);
	/* another record's rows are not this one's */
	memset(&b, 0, sizeof b);
	assert_int_equal(dk_history_decision(f->db, d + 1, collect, &b, &err), DK_OK);
	assert_string_equal(dk_buf_str(&b), "");
	dk_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lists_every_field_change_of_a_risk, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(a_column_added_later_is_no_change, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(lists_a_decisions_changes_and_links, fixture_setup,
		                                fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
