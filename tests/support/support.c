#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/person.h"
#include "docket/policy.h"

int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct dk_error err = {0};

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "%s/docket-test-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	if (dk_store_open(f->path, DK_OPEN_CREATE, "tester", &f->db, &err) != DK_OK)
		fail_msg("cannot create %s: %s", f->path, err.msg);
	*state = f;
	return 0;
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[400];

	dk_db_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(f);
	return 0;
}

int64_t fixture_int(struct fixture *f, const char *sql)
{
	struct dk_stmt *s = NULL;
	struct dk_error err = {0};
	int64_t v = 0;
	int found = 0;

	if (dk_stmt_prepare(f->db, &s, sql, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
	if (dk_stmt_one_int(s, &v, &found, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
	dk_stmt_finalize(&s);
	return v;
}

void fixture_exec(struct fixture *f, const char *sql)
{
	struct dk_error err = {0};

	if (dk_db_exec(f->db, sql, &err) != DK_OK)
		fail_msg("%s: %s", sql, err.msg);
}

int64_t fixture_person(struct fixture *f, const char *handle, const char *team)
{
	struct dk_person p = {.handle = handle, .name = "Test Person", .team = team};
	struct dk_error err = {0};
	int64_t id = 0;

	if (dk_person_add(f->db, &p, &id, &err) != DK_OK)
		fail_msg("person %s: %s", handle, err.msg);
	return id;
}

void fixture_policy(struct fixture *f, const char *team, const char *escalate_to)
{
	struct dk_policy_in in = {.team = team, .appetite = "9", .grace_days = "7",
		.acceptance_days = "90", .default_due_days = "30", .escalate_to = escalate_to};
	struct dk_error err = {0};

	if (dk_policy_set(f->db, &in, &err) != DK_OK)
		fail_msg("policy %s: %s", team, err.msg);
}

int64_t fixture_owner(struct fixture *f, const char *handle, const char *team)
{
	int64_t id = fixture_person(f, handle, team);

	fixture_policy(f, team, handle);
	return id;
}
