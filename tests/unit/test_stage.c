/* test_stage.c: stage flags and gates of a generated blueprint. */
#include <string.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/stage.h"

/* A generated blueprint BP-1 with eight stages. */
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
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM stage WHERE blueprint_id = 1"), 8);
}

static void test_set_flags(void **state)
{
	struct fixture *f = *state;
	struct dk_stage_flags fl = {{0}};
	struct dk_error err = {0};

	blueprint(f);
	fl.v[DK_FLAG_SEED_FIXED] = "no";
	fl.v[DK_FLAG_RETRYABLE] = "no";
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT seed_fixed * 10 + retryable FROM stage WHERE id = 3"), 0);
	assert_int_equal(fixture_int(f, "SELECT deps_pinned + env_captured + data_versioned + idempotent FROM stage WHERE id = 3"), 4);
	fl.v[DK_FLAG_RETRYABLE] = NULL;
	fl.v[DK_FLAG_SEED_FIXED] = "yes";
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT seed_fixed * 10 + retryable FROM stage WHERE id = 3"), 10);
	fl.v[DK_FLAG_SEED_FIXED] = "true";
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--seed-fixed 'true' is not one of: yes, no");
	memset(&fl, 0, sizeof fl);
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_EINPUT);
	fl.v[DK_FLAG_DEPS_PINNED] = "no";
	assert_int_equal(dk_stage_set(f->db, 42, &fl, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no stage ST-42");
}

static void test_gates(void **state)
{
	struct fixture *f = *state;
	struct dk_error err = {0};
	int64_t before, id;

	blueprint(f);
	before = fixture_int(f, "SELECT count(*) FROM gate");
	assert_int_equal(dk_gate_add(f->db, 4, "auc", ">=", "0.8", "2026-11-30", &id, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate WHERE metric = 'auc' AND op = '>=' "
	                                "AND threshold = 0.8 AND defined_on = '2026-11-30' AND stage_id = 4"), 1);
	assert_int_equal(dk_gate_add(f->db, 4, "auc", ">>", "0.8", "2026-11-30", &id, &err), DK_EINPUT);
	assert_int_equal(dk_gate_add(f->db, 4, "a b", ">=", "0.8", "2026-11-30", &id, &err), DK_EINPUT);
	assert_int_equal(dk_gate_add(f->db, 4, "", ">=", "0.8", "2026-11-30", &id, &err), DK_EINPUT);
	assert_int_equal(dk_gate_add(f->db, 4, "auc", ">=", "nan", "2026-11-30", &id, &err), DK_EINPUT);
	assert_int_equal(dk_gate_add(f->db, 99, "auc", ">=", "1", "2026-11-30", &id, &err), DK_EINPUT);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate"), before + 1);
	assert_int_equal(dk_gate_remove(f->db, id, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate"), before);
	assert_int_equal(dk_gate_remove(f->db, id, &err), DK_EINPUT);
}

/* The contract of an approved blueprint is frozen. */
static void test_frozen_when_approved(void **state)
{
	struct fixture *f = *state;
	struct dk_stage_flags fl = {{0}};
	struct dk_error err = {0};
	int64_t id, audit;

	blueprint(f);
	fixture_exec(f, "UPDATE blueprint SET status = 'approved', approved_at = '2026-11-23T10:00:00Z', "
	                "approved_by = 'bo' WHERE id = 1");
	audit = fixture_int(f, "SELECT count(*) FROM audit_log");
	fl.v[DK_FLAG_SEED_FIXED] = "no";
	assert_int_equal(dk_stage_set(f->db, 3, &fl, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "BP-1 is approved: its stage contract is frozen"));
	assert_int_equal(dk_gate_add(f->db, 4, "auc", ">=", "0.8", "2026-11-30", &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "BP-1 is approved"));
	assert_int_equal(dk_gate_remove(f->db, 1, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "BP-1 is approved"));
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), audit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_flags, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_gates, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_frozen_when_approved, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
