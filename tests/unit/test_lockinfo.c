/* The write lock's side file (src/core/lockinfo.c): its record, the
 * holder's writes and what a waiter makes of them. */
#include "support.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/core/lockinfo.h"

static void test_record_round_trip(void **state)
{
	struct dk_lockinfo a = {1, 4242, 1796181843, 123456789, "docket import people"}, b;
	char buf[DK_LOCKINFO_SIZE];

	(void)state;
	dk_lockinfo_format(&a, buf);
	assert_int_equal(buf[DK_LOCKINFO_SIZE - 1], '\n');
	assert_true(dk_lockinfo_parse(buf, sizeof buf, &b));
	assert_int_equal(b.held, 1);
	assert_int_equal(b.pid, 4242);
	assert_int_equal(b.since, 1796181843);
	assert_true(b.progress == 123456789);
	assert_string_equal(b.cmd, "docket import people");
	a.held = 0;
	dk_lockinfo_format(&a, buf);
	assert_true(dk_lockinfo_parse(buf, sizeof buf, &b));
	assert_int_equal(b.held, 0);
	/* a newline in the command stays on its line */
	snprintf(a.cmd, sizeof a.cmd, "docket x\nstate free");
	dk_lockinfo_format(&a, buf);
	assert_true(dk_lockinfo_parse(buf, sizeof buf, &b));
	assert_string_equal(b.cmd, "docket x state free");
}

static void test_parse_refuses_partial_records(void **state)
{
	struct dk_lockinfo a = {1, 4242, 1796181843, 7, "docket person add"}, b;
	char buf[DK_LOCKINFO_SIZE];
	const char *bad[] = {
		"",
		"docket-writer 2\nstate held\npid 1\nsince 1\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate busy\npid 1\nsince 1\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate held\npid 0\nsince 1\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate held\npid -5\nsince 1\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate held\npid 99999999999\nsince 1\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate held\npid 12\nsince 1x\nprogress 1\ncommand x\n",
		"docket-writer 1\nstate held\npid 12\nsince 1\nprogress \ncommand x\n",
		"docket-writer 1\nstate held\npid 12\nsince 1\nprogress 1\ncommand x",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(dk_lockinfo_parse(bad[i], strlen(bad[i]), &b));
	/* a torn read: every cut short of the command's line end is refused */
	dk_lockinfo_format(&a, buf);
	for (size_t n = 0; buf[n] != '\0' && strncmp(buf + n, "command ", 8) != 0; n++)
		assert_false(dk_lockinfo_parse(buf, n, &b));
	assert_true(dk_lockinfo_parse(buf, sizeof buf, &b));
}

static void test_holder_writes_and_removes(void **state)
{
	struct fixture *f = *state;
	struct dk_lockinfo_holder h;
	struct dk_lockinfo li;
	char path[400];
	struct stat st;

	memset(&h, 0, sizeof h);
	snprintf(path, sizeof path, "%s-writer", f->path);
	dk_lockinfo_hold(&h, f->path, "docket import people");
	assert_true(h.open);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, DK_LOCKINFO_SIZE);
	assert_true(dk_lockinfo_read(f->path, &li));
	assert_int_equal(li.held, 1);
	assert_int_equal(li.pid, getpid());
	assert_string_equal(li.cmd, "docket import people");
	/* ticks bump the counter; the file follows at most every period */
	h.last_ms -= DK_LOCKINFO_PERIOD_MS;
	dk_lockinfo_tick(&h);
	assert_true(dk_lockinfo_read(f->path, &li));
	assert_true(li.progress == 1);
	dk_lockinfo_tick(&h);
	assert_true(h.rec.progress == 2);
	dk_lockinfo_release(&h, f->path);
	assert_false(h.open);
	assert_int_equal(stat(path, &st), -1);
	assert_false(dk_lockinfo_read(f->path, &li));
	dk_lockinfo_release(&h, f->path); /* twice is safe */

	/* a directory in its place: nothing is written, nothing fails */
	assert_int_equal(mkdir(path, 0700), 0);
	dk_lockinfo_hold(&h, f->path, "docket person add");
	assert_false(h.open);
	dk_lockinfo_tick(&h);
	dk_lockinfo_release(&h, f->path);
	assert_int_equal(rmdir(path), 0);
}

/* A transaction through the db layer keeps the file while it holds the lock. */
static void test_db_keeps_file_in_transaction(void **state)
{
	struct fixture *f = *state;
	struct dk_lockinfo li;
	struct dk_error err = {0};

	dk_db_set_command(f->db, "docket unit test");
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_true(dk_lockinfo_read(f->path, &li));
	assert_int_equal(li.held, 1);
	assert_int_equal(li.pid, getpid());
	assert_string_equal(li.cmd, "docket unit test");
	assert_int_equal(dk_db_commit(f->db, &err), DK_OK);
	assert_false(dk_lockinfo_read(f->path, &li));
	assert_int_equal(dk_db_begin(f->db, &err), DK_OK);
	assert_true(dk_lockinfo_read(f->path, &li));
	dk_db_rollback(f->db);
	assert_false(dk_lockinfo_read(f->path, &li));
}

static void write_record(const char *db_path, pid_t pid, uint64_t progress)
{
	struct dk_lockinfo li = {1, pid, 1796181843, progress, "docket import people"};
	char buf[DK_LOCKINFO_SIZE], path[400];
	FILE *fp;

	dk_lockinfo_format(&li, buf);
	snprintf(path, sizeof path, "%s-writer", db_path);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, sizeof buf, fp), sizeof buf);
	fclose(fp);
}

static void test_waiter_counts_progress_of_a_live_holder(void **state)
{
	struct fixture *f = *state;
	struct dk_lockinfo_waiter w;
	char msg[256];
	int say;
	pid_t other = getppid(); /* alive, and not this process */
	int64_t t0 = 1000000, from;

	write_record(f->path, other, 1);
	from = dk_lockinfo_wait(&w, f->path, 1, t0, t0, 2000, &say, msg, sizeof msg);
	assert_true(from == t0);
	assert_false(say);
	/* the same counter: no progress */
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 500, 2000, &say, msg, sizeof msg);
	assert_true(from == t0);
	/* it moved: the timeout counts from now */
	write_record(f->path, other, 2);
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 1000, 2000, &say, msg, sizeof msg);
	assert_true(from == t0 + 1000);
	/* read at most every half period: a change seen at once is not reread */
	write_record(f->path, other, 3);
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 1001, 2000, &say, msg, sizeof msg);
	assert_true(from == t0 + 1000);
	/* after notice_ms, one message naming the holder */
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 2000, 2000, &say, msg, sizeof msg);
	assert_true(say);
	assert_true(from == t0 + 2000);
	assert_non_null(strstr(msg, "waiting for the write lock held by 'docket import people' (pid "));
	assert_non_null(strstr(msg, " UTC"));
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 3000, 2000, &say, msg, sizeof msg);
	assert_false(say);
}

static void test_waiter_ignores_dead_and_own_holders(void **state)
{
	struct fixture *f = *state;
	struct dk_lockinfo_waiter w;
	char msg[256], path[400];
	int say, status;
	int64_t t0 = 1000000, from;
	pid_t dead = fork();

	if (dead == 0)
		_exit(0);
	assert_true(dead > 0);
	assert_int_equal(waitpid(dead, &status, 0), dead);
	assert_false(dk_lockinfo_alive(dead));
	assert_true(dk_lockinfo_alive(getpid()));
	/* a dead holder's counter moving (a torn or planted file) extends nothing */
	write_record(f->path, dead, 1);
	from = dk_lockinfo_wait(&w, f->path, 1, t0, t0, 2000, &say, msg, sizeof msg);
	write_record(f->path, dead, 2);
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 2500, 2000, &say, msg, sizeof msg);
	assert_true(from == t0);
	assert_true(say);
	assert_string_equal(msg, "waiting for the write lock held by another process");
	/* nor does this process's own record */
	write_record(f->path, getpid(), 1);
	from = dk_lockinfo_wait(&w, f->path, 1, t0, t0, 2000, &say, msg, sizeof msg);
	write_record(f->path, getpid(), 2);
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 500, 2000, &say, msg, sizeof msg);
	assert_true(from == t0);
	/* nor a missing file */
	snprintf(path, sizeof path, "%s-writer", f->path);
	assert_int_equal(unlink(path), 0);
	from = dk_lockinfo_wait(&w, f->path, 1, t0, t0, 2000, &say, msg, sizeof msg);
	from = dk_lockinfo_wait(&w, f->path, 0, t0, t0 + 2500, 2000, &say, msg, sizeof msg);
	assert_true(from == t0);
	assert_true(say);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_parse_refuses_partial_records),
		cmocka_unit_test_setup_teardown(test_holder_writes_and_removes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_db_keeps_file_in_transaction, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_waiter_counts_progress_of_a_live_holder, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_waiter_ignores_dead_and_own_holders, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
