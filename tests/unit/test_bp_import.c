/* test_bp_import.c: importing plans written elsewhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/text.h"

static const char hand_md[] =
	"# Plan for scoring\n\n"
	"## 3. Decisions and trade-offs\n\n"
	"### 3.1 Data and feature pipelines\n\n"
	"| Component | Choice | Alternative | Trade-off |\n| --- | --- | --- | --- |\n"
	"| validation | pandera \\| in CI | Great Expectations | light |\n\n"
	"Deliberately left out:\n\n- feature store: add when two models share features\n\n"
	"### 3.4 Deployment and serving\n\n"
	"| Component | Choice | Alternative | Trade-off |\n| --- | --- | --- | --- |\n"
	"| serving | batch job | FastAPI | stale between runs |\n\n"
	"```text\n| not | a | table | row |\n```\n"
	"## 4. Pipeline stage contract\n\n"
	"| # | Stage | Inputs | Outputs | Reproducibility | Gates |\n| --- | --- | --- | --- | --- | --- |\n"
	"| 1 | train | data; config | model | dependencies pinned, seed fixed, idempotent | none |\r\n"
	"| 2 | promote | report | alias | dependencies pinned | `approvals >= 1`, `auc >= 0.8` |\n\n"
	"## 5. Rollout, rollback, retraining and monitoring\n\n### Rollback\n\n- move the alias back\n\n"
	"## 6. First steps\n\n1. pin the environment\n2. version the data\n";

static void test_md_reader(void **state)
{
	struct fixture *f = *state;
	struct dk_buf json = {0};
	struct dk_error err = {0};
	struct dk_stmt *s = NULL;

	assert_int_equal(dk_blueprint_md_to_json("hand.md", hand_md, &json, &err), DK_OK);
	/* check the shape with SQLite's JSON functions */
	assert_int_equal(dk_stmt_prepare(f->db, &s,
		"SELECT json_array_length(:j, '$.components') || '|' || json_extract(:j, '$.components[0].choice') || '|' ||"
		" json_extract(:j, '$.components[1].area') || '|' || json_extract(:j, '$.deferred[0].add_when') || '|' ||"
		" json_array_length(:j, '$.stages') || '|' || json_extract(:j, '$.stages[0].inputs') || '|' ||"
		" json_extract(:j, '$.stages[0].seed_fixed') || json_extract(:j, '$.stages[0].env_captured') || '|' ||"
		" json_extract(:j, '$.stages[1].gates[1].metric') || json_extract(:j, '$.stages[1].gates[1].op') ||"
		" json_extract(:j, '$.stages[1].gates[1].threshold') || '|' || json_extract(:j, '$.rollout.rollback[0]') || '|' ||"
		" json_extract(:j, '$.first_steps[1]')", &err), DK_OK);
	dk_bind_text(s, ":j", dk_buf_str(&json));
	assert_int_equal(dk_stmt_step(s, &err), DK_ROW);
	assert_string_equal(dk_col_text(s, 0), "2|pandera | in CI|serving|two models share features|2|"
	                                        "[\"data\",\"config\"]|10|auc>=0.8|move the alias back|version the data");
	dk_stmt_finalize(&s);
	dk_buf_free(&json);

	assert_int_equal(dk_blueprint_md_to_json("x.md", "## 4. Stages\n| 1 | training | a | b | c | d |\n", &json, &err), DK_EINPUT);
	assert_string_equal(err.msg, "x.md:2: stage 'training' is not one of: ingest, validate, train, evaluate, "
	                             "package, promote, deploy, monitor");
	dk_buf_free(&json);
	assert_int_equal(dk_blueprint_md_to_json("x.md", "\n## 4. Stages\n\n| 1 | train | a | b | c | `auc high` |\n", &json, &err), DK_EINPUT);
	assert_string_equal(err.msg, "x.md:4: 'auc high' is not a gate (`metric op threshold`, the "
	                             "threshold a number within 1e+15 either way)");
	dk_buf_free(&json);
	/* the range of 'gate add' holds for imported gates too */
	assert_int_equal(dk_blueprint_md_to_json("x.md", "## 4. Stages\n| 1 | train | a | b | c | `auc >= 1e16` |\n", &json, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "'auc >= 1e16' is not a gate"));
	dk_buf_free(&json);
	assert_int_equal(dk_blueprint_md_to_json("x.md", "## 4. Stages\n| 1 | train | a | b | c | `auc >= -1e15` |\n", &json, &err), DK_OK);
	dk_buf_free(&json);
}

static void write_file(struct fixture *f, const char *name, const char *text, char *path, size_t n)
{
	FILE *fp;

	snprintf(path, n, "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static void refused(struct fixture *f, const char *name, const char *text, const char *want)
{
	struct dk_error err = {0};
	char path[400];
	int64_t id, n = fixture_int(f, "SELECT count(*) FROM audit_log");

	write_file(f, name, text, path, sizeof path);
	assert_int_equal(dk_blueprint_import(f->db, 1, path, "2026-11-23", &id, &err), DK_EINPUT);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s' does not say '%s'", err.msg, want);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit_log"), n);
}

static void test_import(void **state)
{
	struct fixture *f = *state;
	struct dk_context_in in = {.system = "s", .owner = "ana", .problem = "batch", .on_prem = -1,
		.shared_features = -1};
	struct dk_error err = {0};
	char path[400], sha[DK_SHA256_HEX], sql[300];
	int64_t ctx, id;

	fixture_person(f, "ana", NULL);
	assert_int_equal(dk_context_add(f->db, &in, &ctx, &err), DK_OK);
	write_file(f, "hand.md", hand_md, path, sizeof path);
	if (dk_blueprint_import(f->db, ctx, path, "2026-11-23", &id, &err) != DK_OK)
		fail_msg("%s", err.msg);
	dk_sha256_hex(hand_md, strlen(hand_md), sha);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM blueprint WHERE source = 'imported' AND catalog_sha256 IS NULL "
	         "AND body_sha256 = '%s' AND context_id = 1 AND generator_version = '%s'", sha, DOCKET_VERSION);
	assert_int_equal(fixture_int_text(f, sql), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint_item WHERE NOT deferred"), 2);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM blueprint_item WHERE deferred AND component = 'feature store'"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM stage WHERE name = 'train' AND deps_pinned AND seed_fixed "
	                                "AND NOT env_captured AND idempotent AND NOT retryable AND ordinal = 1"), 1);
	assert_int_equal(fixture_int(f, "SELECT count(*) FROM gate WHERE metric = 'auc' AND threshold = 0.8 AND stage_id = 2"), 1);

	refused(f, "p.txt", "x", "is neither FILE.md nor FILE.json");
	refused(f, "p.md", "# nothing docket can read\n", "p.md: has no components, deferred components or stages");
	refused(f, "p.json", "{\"components\": [", "p.json is not valid JSON");
	refused(f, "p.json", "[1]", "p.json: the body is not a JSON object");
	refused(f, "p.json", "{\"components\": [{\"area\": \"db\", \"component\": \"x\", \"choice\": \"y\"}]}",
	        "p.json: components[0]: area is not one of: data");
	refused(f, "p.json", "{\"components\": [{\"area\": \"data\", \"component\": \"x\"}]}",
	        "components[0]: choice is not a text");
	refused(f, "p.json", "{\"deferred\": [{\"area\": \"data\", \"component\": \"x\"}]}",
	        "deferred[0]: add_when is not a text");
	refused(f, "p.json", "{\"stages\": [{\"name\": \"train\"}, {\"name\": \"train\"}]}", "stages[0]: train appears twice");
	refused(f, "p.json", "{\"stages\": [{\"name\": \"train\", \"seed_fixed\": \"yes\"}]}",
	        "stages[0]: reproducibility flags are true or false");
	refused(f, "p.json", "{\"stages\": [{\"name\": \"train\", \"gates\": [{\"metric\": \"auc\", \"op\": \"=>\", \"threshold\": 1}]}]}",
	        "stages[0]: a gate needs a metric");
	refused(f, "p.json", "{\"stages\": [{\"name\": \"train\", \"gates\": [{\"metric\": \"auc\", \"op\": \">=\", \"threshold\": \"1\"}]}]}",
	        "stages[0]: a gate needs a metric");
	refused(f, "p.md", "\xff\xfe", "is not UTF-8 text");
	assert_int_equal(dk_blueprint_import(f->db, 1, "/nonexistent/p.md", "2026-11-23", &id, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "cannot read '/nonexistent/p.md'"));
	assert_int_equal(dk_blueprint_import(f->db, 7, path, "2026-11-23", &id, &err), DK_EINPUT);
	assert_string_equal(err.msg, "there is no context CTX-7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_md_reader, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_import, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
