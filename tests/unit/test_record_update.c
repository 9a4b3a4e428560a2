/* test_record_update.c: the update of evidence, reviews, policies, stages
 * and gates: what changes, what never does, no change writes nothing. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/evidence.h"
#include "docket/policy.h"
#include "docket/review.h"
#include "docket/stage.h"

static int64_t audit_rows(struct fixture *f)
{
	return fixture_int(f, "SELECT count(*) FROM audit_log");
}

static const char *names(const struct dk_changes *ch)
{
	static char buf[256];

	buf[0] = '\0';
	for (int i = 0; i < ch->n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, ch->field[i]);
	}
	return buf;
}

static void evidence_text_but_never_the_hash(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct dk_evidence_in in = {.kind = "benchmark", .title = "run", .collected = "2026-11-01"};
	struct dk_evidence_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id, before;
	FILE *fp;

	snprintf(path, sizeof path, "%s/bench.txt", f->dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("p95 90\n", fp);
	fclose(fp);
	in.file = path;
	assert_int_equal(dk_evidence_add(f->db, &in, &id, &err), DK_OK);
	up.title = "run at 10k rps";
	up.summary = "p95 90 ms";
	up.uri = "https://wiki/bench";
	assert_int_equal(dk_evidence_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "title,summary,uri");
	assert_int_equal(fixture_int(f, "SELECT title = 'run at 10k rps' AND summary = 'p95 90 ms' AND "
	                                "uri = 'https://wiki/bench' AND size_bytes = 7 AND length(sha256) = 64 "
	                                "FROM evidence"), 1);
	before = audit_rows(f);
	assert_int_equal(dk_evidence_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(ch.n, 0);
	assert_int_equal(audit_rows(f), before);
	memset(&up, 0, sizeof up);
	assert_int_equal(dk_evidence_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "nothing to change"));
	up.summary = "";
	assert_int_equal(dk_evidence_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT summary IS NULL FROM evidence"), 1);
	up.summary = NULL;
	up.title = "";
	assert_int_equal(dk_evidence_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	up.title = "x";
	assert_int_equal(dk_evidence_update(f->db, 9, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no evidence EV-9");
}

static void review_attendees_by_difference(void **state)
{
	struct fixture *f = *state;
	struct dk_review_in in = {.held_on = "2026-11-01", .attendees = "ana"};
	struct dk_review_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id, before;

	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	assert_int_equal(dk_review_add(f->db, &in, &id, &err), DK_OK);
	before = audit_rows(f);
	up.attendees = "ana,bo";
	assert_int_equal(dk_review_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "attendees");
	assert_int_equal(audit_rows(f), before + 1); /* bo joined; ana stayed */
	up.attendees = "bo";
	up.held_on = "2026-11-02";
	up.notes = "adopt it";
	assert_int_equal(dk_review_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "held_on,notes,attendees");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM review_attendee"), 1);
	assert_int_equal(fixture_int(f, "SELECT held_on = '2026-11-02' AND notes = 'adopt it' FROM review"), 1);
	before = audit_rows(f);
	assert_int_equal(dk_review_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(ch.n, 0);
	assert_int_equal(audit_rows(f), before);
	up.attendees = "bo,zed";
	assert_int_equal(dk_review_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'zed' is not a known person"));
	up.attendees = NULL;
	up.held_on = "2026-02-30";
	assert_int_equal(dk_review_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_int_equal(audit_rows(f), before);
}

static void policy_single_values(void **state)
{
	struct fixture *f = *state;
	struct dk_policy_in up = {.team = "ml", .grace_days = "14"};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t before;

	fixture_owner(f, "ana", "ml");
	fixture_person(f, "bo", "ml");
	assert_int_equal(dk_policy_update(f->db, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "grace_days");
	assert_int_equal(fixture_int(f, "SELECT appetite * 1000 + grace_days FROM policy"), 9014);
	up.escalate_to = "bo";
	assert_int_equal(dk_policy_update(f->db, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "escalate_to");
	before = audit_rows(f);
	assert_int_equal(dk_policy_update(f->db, &up, &ch, &err), DK_OK);
	assert_int_equal(ch.n, 0);
	up.team = "data";
	assert_int_equal(dk_policy_update(f->db, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "team 'data' has no policy (teams with one: ml); 'docket policy set "
	                             "data' creates it");
	up.team = "ml";
	up.appetite = "0";
	assert_int_equal(dk_policy_update(f->db, &up, &ch, &err), DK_EINPUT);
	assert_int_equal(audit_rows(f), before);
}

/* A generated blueprint BP-1 with eight stages and its gates. */
static void blueprint(struct fixture *f)
{
	struct dk_context_in in = {.system = "s", .owner = "ana", .problem = "batch", .on_prem = -1,
		.shared_features = -1};
	struct dk_error err = {0};
	struct dk_catalog *cat;
	int64_t ctx, bp;

	fixture_owner(f, "ana", "ml");
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	assert_int_equal(dk_catalog_load_embedded(&cat, &err), DK_OK);
	if (dk_blueprint_generate(f->db, ctx, cat, "2026-11-23", &bp, NULL, &err) != DK_OK)
		fail_msg("%s", err.msg);
	dk_catalog_free(cat);
}

static void stage_and_gate_until_approved(void **state)
{
	struct fixture *f = *state;
	static const char *const inputs[] = {"raw events"};
	struct dk_stage_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t gate, before;

	blueprint(f);
	gate = fixture_int(f, "SELECT min(id) FROM gate");
	up.inputs = inputs;
	up.n_inputs = 1;
	up.flags.v[DK_FLAG_SEED_FIXED] = "no";
	assert_int_equal(dk_stage_update(f->db, 3, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "inputs,seed_fixed");
	assert_int_equal(fixture_int(f, "SELECT inputs = '[\"raw events\"]' AND seed_fixed = 0 FROM stage WHERE id = 3"), 1);
	before = audit_rows(f);
	assert_int_equal(dk_stage_update(f->db, 3, &up, &ch, &err), DK_OK);
	assert_int_equal(ch.n, 0);
	assert_int_equal(audit_rows(f), before);
	assert_int_equal(dk_gate_update(f->db, gate, NULL, "<", "2", "2026-11-30", &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "op,threshold");
	assert_int_equal(fixture_int(f, "SELECT op = '<' AND threshold = 2 AND defined_on = '2026-11-30' FROM gate "
	                                "WHERE id = (SELECT min(id) FROM gate)"), 1);
	assert_int_equal(dk_gate_update(f->db, gate, NULL, NULL, NULL, "2026-11-30", &ch, &err), DK_EINPUT);
	assert_int_equal(dk_gate_update(f->db, gate, "a b", NULL, NULL, "2026-11-30", &ch, &err), DK_EINPUT);
	fixture_exec(f, "UPDATE blueprint SET status = 'approved', approved_at = '2026-11-23T10:00:00Z', "
	                "approved_by = 'bo' WHERE id = 1");
	before = audit_rows(f);
	up.flags.v[DK_FLAG_SEED_FIXED] = "yes";
	assert_int_equal(dk_stage_update(f->db, 3, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "ST-3 belongs to BP-1, which is approved: its stage contract is "
	                             "frozen (generate a new blueprint to change it)");
	assert_int_equal(dk_gate_update(f->db, gate, NULL, ">", NULL, "2026-11-30", &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "which is approved"));
	assert_int_equal(dk_stage_update(f->db, 99, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no stage ST-99");
	assert_int_equal(audit_rows(f), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(evidence_text_but_never_the_hash, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(review_attendees_by_difference, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(policy_single_values, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(stage_and_gate_until_approved, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
