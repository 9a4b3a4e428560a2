/* The write lock's side file: see lockinfo.h. */
#include "lockinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "docket-writer 1\n"

int64_t dk_lockinfo_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int dk_lockinfo_path(const char *db_path, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s-writer", db_path);

	return n > 0 && (size_t)n < size;
}

void dk_lockinfo_format(const struct dk_lockinfo *li, char buf[DK_LOCKINFO_SIZE])
{
	char cmd[DK_LOCKINFO_CMD];
	int n;

	/* one line each: a newline in the command would end its line early */
	snprintf(cmd, sizeof cmd, "%s", li->cmd);
	for (char *p = cmd; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	n = snprintf(buf, DK_LOCKINFO_SIZE,
	             MAGIC "state %s\npid %ld\nsince %" PRId64 "\nprogress %" PRIu64 "\ncommand %s\n",
	             li->held ? "held" : "free", (long)li->pid, li->since, li->progress, cmd);
	if (n < 0 || n >= DK_LOCKINFO_SIZE - 1)
		n = DK_LOCKINFO_SIZE - 1;
	memset(buf + n, ' ', (size_t)(DK_LOCKINFO_SIZE - 1 - n));
	buf[DK_LOCKINFO_SIZE - 1] = '\n';
}

/* The value of "key value\n" at the start of *p; advances past the line. */
static const char *field(const char **p, const char *end, const char *key, size_t *len)
{
	size_t k = strlen(key);
	const char *v, *nl;

	if ((size_t)(end - *p) <= k || memcmp(*p, key, k) != 0 || (*p)[k] != ' ')
		return NULL;
	v = *p + k + 1;
	nl = memchr(v, '\n', (size_t)(end - v));
	if (nl == NULL)
		return NULL;
	*len = (size_t)(nl - v);
	*p = nl + 1;
	return v;
}

static int number(const char *v, size_t len, int64_t max, int64_t *out)
{
	int64_t x = 0;

	if (len == 0 || len > 19)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		x = x * 10 + (v[i] - '0');
	}
	if (x > max)
		return 0;
	*out = x;
	return 1;
}

int dk_lockinfo_parse(const char *buf, size_t len, struct dk_lockinfo *li)
{
	const char *p = buf, *end = buf + len, *v;
	size_t n, m = strlen(MAGIC);
	int64_t pid, since, progress;

	memset(li, 0, sizeof *li);
	if (len < m || memcmp(buf, MAGIC, m) != 0)
		return 0;
	p += m;
	if ((v = field(&p, end, "state", &n)) == NULL)
		return 0;
	if (n == 4 && memcmp(v, "held", 4) == 0)
		li->held = 1;
	else if (!(n == 4 && memcmp(v, "free", 4) == 0))
		return 0;
	if ((v = field(&p, end, "pid", &n)) == NULL || !number(v, n, INT32_MAX, &pid) || pid <= 0)
		return 0;
	if ((v = field(&p, end, "since", &n)) == NULL || !number(v, n, INT64_MAX, &since))
		return 0;
	if ((v = field(&p, end, "progress", &n)) == NULL || !number(v, n, INT64_MAX, &progress))
		return 0;
	if ((v = field(&p, end, "command", &n)) == NULL)
		return 0;
	if (n >= sizeof li->cmd)
		n = sizeof li->cmd - 1;
	memcpy(li->cmd, v, n);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)li->cmd[i] < 0x20 || li->cmd[i] == 0x7f)
			li->cmd[i] = '?'; /* it goes to a terminal */
	li->pid = (pid_t)pid;
	li->since = since;
	li->progress = (uint64_t)progress;
	return 1;
}

int dk_lockinfo_read(const char *db_path, struct dk_lockinfo *li)
{
	char path[4096], buf[DK_LOCKINFO_SIZE];
	ssize_t n;
	int fd;

	memset(li, 0, sizeof *li);
	if (!dk_lockinfo_path(db_path, path, sizeof path))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return 0;
	n = pread(fd, buf, sizeof buf, 0);
	close(fd);
	return n > 0 && dk_lockinfo_parse(buf, (size_t)n, li);
}

int dk_lockinfo_alive(pid_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

static void put(struct dk_lockinfo_holder *h)
{
	char buf[DK_LOCKINFO_SIZE];

	dk_lockinfo_format(&h->rec, buf);
	if (pwrite(h->fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf) {
		/* a full disk: stop trying for this transaction */
		close(h->fd);
		h->open = 0;
	}
}

void dk_lockinfo_hold(struct dk_lockinfo_holder *h, const char *db_path, const char *cmd)
{
	char path[4096];
	struct stat st;

	h->open = 0;
	if (!dk_lockinfo_path(db_path, path, sizeof path))
		return;
	/* O_NOFOLLOW: a symlink planted there is not written through. */
	h->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (h->fd < 0)
		return;
	if (fstat(h->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(h->fd);
		return;
	}
	h->open = 1;
	memset(&h->rec, 0, sizeof h->rec);
	h->rec.held = 1;
	h->rec.pid = getpid();
	h->rec.since = (int64_t)time(NULL);
	snprintf(h->rec.cmd, sizeof h->rec.cmd, "%s", cmd != NULL && *cmd ? cmd : "docket");
	h->last_ms = dk_lockinfo_now_ms();
	put(h);
}

void dk_lockinfo_tick(struct dk_lockinfo_holder *h)
{
	int64_t now;

	if (!h->open)
		return;
	h->rec.progress++;
	now = dk_lockinfo_now_ms();
	if (now - h->last_ms < DK_LOCKINFO_PERIOD_MS)
		return;
	h->last_ms = now;
	put(h);
}

void dk_lockinfo_release(struct dk_lockinfo_holder *h, const char *db_path)
{
	char path[4096];

	if (!h->open)
		return;
	h->rec.held = 0;
	put(h);
	if (h->open)
		close(h->fd);
	h->open = 0;
	/* Only a holder writes the file, and it still holds the lock: the
	 * next one creates it anew, so nothing is left beside the database. */
	if (dk_lockinfo_path(db_path, path, sizeof path))
		unlink(path);
}

static void describe(const struct dk_lockinfo *li, int known, char *msg, size_t size)
{
	char when[32];
	struct tm tm, today;
	time_t t, now = time(NULL);

	if (!known) {
		snprintf(msg, size, "waiting for the write lock held by another process");
		return;
	}
	t = (time_t)li->since;
	gmtime_r(&t, &tm);
	gmtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(when, sizeof when, "%H:%M:%S UTC", &tm);
	else
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
	snprintf(msg, size, "waiting for the write lock held by '%s' (pid %ld) since %s", li->cmd,
	         (long)li->pid, when);
}

int64_t dk_lockinfo_wait(struct dk_lockinfo_waiter *w, const char *db_path, int first,
                         int64_t began_ms, int64_t now_ms, int64_t notice_ms, int *say,
                         char *msg, size_t msg_size)
{
	struct dk_lockinfo li;
	int known = 0, want_notice;

	*say = 0;
	if (first) {
		memset(w, 0, sizeof *w);
		w->last_change_ms = began_ms;
	}
	want_notice = !w->noticed && now_ms - began_ms >= notice_ms;
	if (now_ms < w->next_read_ms && !want_notice)
		return w->last_change_ms;
	w->next_read_ms = now_ms + DK_LOCKINFO_PERIOD_MS / 2;
	/* Only a live holder that says it holds the lock counts; any other
	 * record is stale and extends nothing. */
	if (dk_lockinfo_read(db_path, &li) && li.held && li.pid != getpid() &&
	    dk_lockinfo_alive(li.pid)) {
		known = 1;
		if (w->seen_pid != 0 && (li.pid != w->seen_pid || li.since != w->seen_since ||
		                         li.progress != w->seen))
			w->last_change_ms = now_ms;
		w->seen_pid = li.pid;
		w->seen_since = li.since;
		w->seen = li.progress;
	} else {
		w->seen_pid = 0;
	}
	if (want_notice) {
		w->noticed = 1;
		*say = 1;
		describe(&li, known, msg, msg_size);
	}
	return w->last_change_ms;
}
