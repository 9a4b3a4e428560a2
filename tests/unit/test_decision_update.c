/* test_decision_update.c: dk_decision_update: which fields change at which
 * status, what an update reports as changed, that no change writes
 * nothing, and that the full-text index follows. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "docket/decision.h"
#include "docket/evidence.h"

static int64_t add_decision(struct fixture *f, const char *title)
{
	static const char *const pros[] = {"self-hosted"};
	static const char *const tags[] = {"registry"};
	struct dk_option_in opts[2] = {{"MLflow", pros, 1, NULL, 0}, {"SageMaker", NULL, 0, NULL, 0}};
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
	in.tags = tags;
	in.n_tags = 1;
	if (dk_decision_add(f->db, &in, &id, &err) != DK_OK)
		fail_msg("add: %s", err.msg);
	return id;
}

static int64_t audit_rows(struct fixture *f)
{
	return fixture_int(f, "SELECT count(*) FROM audit_log");
}

/* changed names, joined with ',' */
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

static void changes_only_what_differs(void **state)
{
	struct fixture *f = *state;
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id, before;

	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	id = add_decision(f, "Use a registry");
	before = audit_rows(f);
	up.title = "Adopt MLflow";
	up.makers = "ana, bo";
	up.review_by = "2027-01-31";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "title,makers,review_by");
	assert_int_equal(audit_rows(f), before + 1);
	assert_int_equal(fixture_int(f, "SELECT title = 'Adopt MLflow' AND makers = '[\"ana\",\"bo\"]' "
	                                "AND review_by = '2027-01-31' AND area = 'packaging' "
	                                "AND rationale = 'cheaper at our scale' FROM decision WHERE id = 1"), 1);
	/* the same values again: nothing written */
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(ch.n, 0);
	assert_int_equal(audit_rows(f), before + 1);
	/* '' clears an optional field */
	memset(&up, 0, sizeof up);
	up.review_by = "";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "review_by");
	assert_int_equal(fixture_int(f, "SELECT review_by IS NULL FROM decision WHERE id = 1"), 1);
}

/* Decisions whose search index holds word (FTS5 on SQLite, a tsvector on
 * PostgreSQL). */
static int64_t fts_hits(struct fixture *f, const char *word)
{
	char sql[200];

	if (fixture_on_pg(f))
		snprintf(sql, sizeof sql, "SELECT count(*) FROM decision_fts WHERE doc @@ to_tsquery('simple', '%s')", word);
	else
		snprintf(sql, sizeof sql, "SELECT count(*) FROM decision_fts WHERE decision_fts MATCH '%s'", word);
	return fixture_int_text(f, sql);
}

static void search_follows_the_title_and_options(void **state)
{
	struct fixture *f = *state;
	static const char *const cons[] = {"another cloud"};
	struct dk_option_in opts[2] = {{"MLflow", NULL, 0, NULL, 0}, {"Vertex", NULL, 0, cons, 1}};
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id = add_decision(f, "Use a catalog");

	up.title = "Adopt lakehouse tables";
	up.options = opts;
	up.n_options = 2;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "title,options");
	assert_int_equal(fts_hits(f, "lakehouse"), 1);
	assert_int_equal(fts_hits(f, "catalog"), 0);
	assert_int_equal(fts_hits(f, "vertex"), 1);
	assert_int_equal(fts_hits(f, "sagemaker"), 0);
	/* the chosen option is kept by name */
	assert_int_equal(fixture_int(f, "SELECT ordinal FROM decision_option WHERE decision_id = 1 AND chosen = 1"), 1);
}

static void chosen_and_options(void **state)
{
	struct fixture *f = *state;
	struct dk_option_in opts[1] = {{"Vertex", NULL, 0, NULL, 0}};
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id = add_decision(f, "Use a registry"), before;

	up.chosen = "SageMaker";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "chosen");
	assert_int_equal(fixture_int(f, "SELECT ordinal FROM decision_option WHERE decision_id = 1 AND chosen = 1"), 2);
	before = audit_rows(f);
	up.chosen = "Kubeflow";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--chosen 'Kubeflow' is not one of D-1's options ('MLflow', 'SageMaker')");
	assert_int_equal(ch.n, 0);
	up.chosen = NULL;
	up.options = opts;
	up.n_options = 1;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--option leaves out 'SageMaker', the option D-1 chose: give "
	                             "--chosen NAME as well");
	up.chosen = "Vertex";
	assert_int_equal(audit_rows(f), before);
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "options,chosen");
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM decision_option WHERE decision_id = 1"), 1);
}

static void tags_replace_add_remove(void **state)
{
	struct fixture *f = *state;
	static const char *const add[] = {"mlops", "registry"};
	static const char *const rm[] = {"registry", "absent"};
	static const char *const set[] = {"b", "a"};
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id = add_decision(f, "Use a registry");

	up.add_tags = add;
	up.n_add_tags = 2;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT tags = '[\"registry\",\"mlops\"]' FROM decision"), 1);
	up.add_tags = NULL;
	up.n_add_tags = 0;
	up.remove_tags = rm;
	up.n_remove_tags = 2;
	/* a tag it does not have: refused, nothing written (a typo is not "no change") */
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "--remove-tag 'absent': D-1 has no such tag (its tags: "
	                             "registry, mlops)");
	assert_int_equal(ch.n, 0);
	assert_int_equal(fixture_int(f, "SELECT tags = '[\"registry\",\"mlops\"]' FROM decision"), 1);
	up.n_remove_tags = 1;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "tags");
	assert_int_equal(fixture_int(f, "SELECT tags = '[\"mlops\"]' FROM decision"), 1);
	up.tags = set;
	up.n_tags = 2;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "give one or the other"));
	up.remove_tags = NULL;
	up.n_remove_tags = 0;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_int_equal(fixture_int(f, "SELECT tags = '[\"b\",\"a\"]' FROM decision"), 1);
}

static void content_only_while_proposed(void **state)
{
	struct fixture *f = *state;
	struct dk_evidence_in ev = {.kind = "benchmark", .title = "load test", .collected = "2026-11-01"};
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id, evid, before;

	fixture_person(f, "ana", NULL);
	id = add_decision(f, "Use a registry");
	assert_int_equal(dk_evidence_add(f->db, &ev, &evid, &err), DK_OK);
	assert_int_equal(dk_decision_link(f->db, id, evid, 0, &err), DK_OK);
	assert_int_equal(dk_decision_accept(f->db, id, 0, "2026-11-02", &err), DK_OK);
	before = audit_rows(f);
	up.rationale = "changed my mind";
	up.makers = "ana";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "D-1 is accepted: --rationale can no longer be changed"));
	assert_non_null(strstr(err.msg, "docket decision supersede D-1 --by D-n"));
	assert_int_equal(audit_rows(f), before);
	up.rationale = NULL;
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_OK);
	assert_string_equal(names(&ch), "makers");
	assert_int_equal(audit_rows(f), before + 1);
}

static void refusals_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct dk_decision_update up = {0};
	struct dk_changes ch;
	struct dk_error err = {0};
	int64_t id = add_decision(f, "Use a registry"), before = audit_rows(f);

	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "nothing to change; give one of: --title,"));
	up.title = "";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--title '' is empty"));
	up.title = NULL;
	up.review_by = "2027-02-30";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	up.review_by = NULL;
	up.makers = "nobody";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "--makers 'nobody' is not a known person"));
	up.makers = NULL;
	up.area = "cooking";
	assert_int_equal(dk_decision_update(f->db, id, &up, &ch, &err), DK_EINPUT);
	up.area = "serving";
	assert_int_equal(dk_decision_update(f->db, 99, &up, &ch, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no decision D-99");
	assert_int_equal(audit_rows(f), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(changes_only_what_differs, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(search_follows_the_title_and_options, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(chosen_and_options, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(tags_replace_add_remove, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(content_only_while_proposed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(refusals_write_nothing, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
