/* sqlite_db.c: the SQLite backend's connections: opening the file, its
 * journal, the busy handler that ages waiters, checkpoints, backups and
 * transactions. Its statements are in sqlite_stmt.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/hash.h"
#include "lockinfo.h"
#include "sqlite_backend.h"
#include "sqlite_canon.h"
#include "sqlite_conn.h"

#define DOCKET_APPLICATION_ID 1685021547 /* "dk" + 0x6b; set by migration 0001 */

/* The command told to waiters is kept whole in the side file. */
_Static_assert(DK_DB_COMMAND_LEN == DK_LOCKINFO_CMD, "db and lockinfo keep commands alike");

static void fn_sha256(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char hex[DK_SHA256_HEX];
	const unsigned char *t;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(c);
		return;
	}
	t = sqlite3_value_text(argv[0]);
	dk_sha256_hex(t, (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(c, hex, 64, SQLITE_TRANSIENT);
}

static void fn_uuid(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char u[DK_UUID_LEN];

	(void)argc;
	(void)argv;
	if (dk_uuid4(u) != DK_OK) {
		sqlite3_result_error(c, "cannot draw random bytes for a UUID", -1);
		return;
	}
	sqlite3_result_text(c, u, 36, SQLITE_TRANSIENT);
}

static void fn_actor(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct dk_db *db = sqlite3_user_data(c);

	(void)argc;
	(void)argv;
	sqlite3_result_text(c, dk_db_actor(db), -1, SQLITE_STATIC);
}

/* docket_now() and docket_now_ms(): the UTC time as SQLite's
 * strftime('%Y-%m-%dT%H:%M:%SZ', 'now') and '%Y-%m-%dT%H:%M:%fZ' give it. */
static void fn_now(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	int ms = sqlite3_user_data(c) != NULL;
	struct timespec t;
	struct tm tm;
	char buf[40];
	size_t n;

	(void)argc;
	(void)argv;
	clock_gettime(CLOCK_REALTIME, &t);
	gmtime_r(&t.tv_sec, &tm);
	n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	if (ms)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ".%03ld", t.tv_nsec / 1000000);
	snprintf(buf + n, sizeof buf - n, "Z");
	sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
}

static int sq_error(struct dk_db *base, const char *what, struct dk_error *err)
{
	struct sq_db *db = sq_db(base);
	int code = sqlite3_extended_errcode(db->h);

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return dk_fail(err, DK_EINPUT, "the database refused the %s: %s", what,
		               sqlite3_errmsg(db->h));
	if ((code & 0xff) == SQLITE_BUSY)
		return dk_fail(err, DK_EDB,
		               "database is locked: another process held it for longer than "
		               "the busy timeout (%d ms; DOCKET_BUSY_TIMEOUT sets it)",
		               base->busy_ms);
	return dk_fail(err, DK_EDB, "%s: %s", what, sqlite3_errmsg(db->h));
}

static int sq_exec(struct dk_db *db, const char *sql, struct dk_error *err)
{
	if (sqlite3_exec(sq_db(db)->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return dk_db_error(db, sql, err);
	return DK_OK;
}

static int get_pragma_int(struct dk_db *db, const char *sql, int *v, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t x = 0;
	int found = 0, rc;

	rc = dk_stmt_prepare(db, &s, sql, err);
	if (rc == DK_OK)
		rc = dk_stmt_one_int(s, &x, &found, err);
	dk_stmt_finalize(&s);
	*v = (int)x;
	return rc;
}

static int sq_schema_version(struct dk_db *db, int *version, struct dk_error *err)
{
	return get_pragma_int(db, "PRAGMA user_version", version, err);
}

static int sq_set_schema_version(struct dk_db *db, int version, struct dk_error *err)
{
	char pragma[64];

	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
	return sq_exec(db, pragma, err);
}

static int sq_schema_cookie(struct dk_db *db, int64_t *cookie, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int found = 0, rc;

	*cookie = 0;
	rc = dk_stmt_prepare(db, &s, "PRAGMA schema_version", err);
	if (rc == DK_OK)
		rc = dk_stmt_one_int(s, cookie, &found, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* Why the first read of db failed. A WAL database whose -shm file is gone
 * needs to create it beside the file: in a read-only directory SQLite says
 * "attempt to write a readonly database", which is no reason to call the
 * file something else. */
static int unreadable(struct sq_db *q, struct dk_error *err)
{
	struct dk_db *db = &q->base;
	int code = sqlite3_extended_errcode(q->h) & 0xff;
	const char *slash = strrchr(db->path, '/');
	char dir[4096];

	if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM) {
		if (slash == NULL)
			snprintf(dir, sizeof dir, ".");
		else
			snprintf(dir, sizeof dir, "%.*s", slash == db->path ? 1 : (int)(slash - db->path),
			         db->path);
		if (access(dir, W_OK) != 0)
			return dk_fail(err, DK_EDB, "cannot open '%s': its directory '%s' is read-only "
			               "(SQLite keeps the -wal and -shm files beside the database, so the "
			               "directory must be writable)", db->path, dir);
		return dk_fail(err, DK_EDB, "cannot open '%s': %s", db->path, sqlite3_errmsg(q->h));
	}
	return dk_fail(err, DK_EDB, "'%s' is not a docket database: %s", db->path,
	               sqlite3_errmsg(q->h));
}

static int sq_identify(struct dk_db *db, struct dk_db_ident *id, struct dk_error *err)
{
	int appid = 0, version = 0, tables = 0, rc;

	if (get_pragma_int(db, "PRAGMA application_id", &appid, NULL) != DK_OK)
		return unreadable(sq_db(db), err);
	if ((rc = sq_schema_version(db, &version, err)) != DK_OK ||
	    (rc = get_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err)) != DK_OK)
		return rc;
	id->docket = appid == DOCKET_APPLICATION_ID;
	id->version = version;
	id->empty = tables == 0;
	return DK_OK;
}

static int64_t monotonic_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SQLite's own busy handler backs off to a try every 100 ms, and the lock
 * goes to whoever tries first once it is free: a writer that has waited long
 * tries least often and can lose to newcomers until it times out. This one
 * ages instead. A short wait backs off from 1 ms to 16 ms; after a second
 * the writer tries every 4 ms, after five every 1 ms, so when the lock is
 * freed the longest waiters are the likeliest to try first. SQLite promises
 * no order; this only tilts the odds (see tests/cli/test_concurrency*.sh).
 *
 * The timeout counts from the start of the wait or from the last time the
 * holder was seen to make progress (lockinfo.h), whichever is later: a long
 * import that is alive and working is waited for, a gone or stuck holder is
 * not. After DK_DB_WAIT_NOTICE_MS the writer says what it waits for, once. */
static int busy_wait(void *arg, int count)
{
	struct sq_db *q = arg;
	struct dk_db *db = &q->base;
	int64_t now = monotonic_ms(), waited, from;
	char msg[256];
	int say;

	if (count == 0)
		q->busy_since = now;
	waited = now - q->busy_since;
	from = dk_lockinfo_wait(&q->waiter, db->path, count == 0, q->busy_since, now,
	                        DK_DB_WAIT_NOTICE_MS, &say, msg, sizeof msg);
	if (say && db->notice != NULL)
		db->notice(db->notice_ctx, msg);
	if (now - from >= db->busy_ms)
		return 0;
	if (waited < 1000)
		sqlite3_sleep(count < 4 ? 1 << count : 16);
	else
		sqlite3_sleep(waited < 5000 ? 4 : 1);
	return 1;
}

/* Runs every PROGRESS_OPS virtual machine steps while this connection holds
 * the write lock: the counter that tells waiters it is working. */
#define PROGRESS_OPS 1000
static int on_progress(void *arg)
{
	struct sq_db *q = arg;

	dk_lockinfo_tick(&q->holder);
	return 0; /* never interrupt */
}

static void hold(struct sq_db *q)
{
	dk_lockinfo_hold(&q->holder, q->base.path, q->base.command[0] ? q->base.command : "docket");
	if (q->holder.open)
		sqlite3_progress_handler(q->h, PROGRESS_OPS, on_progress, q);
}

static void let_go(struct sq_db *q)
{
	/* the handler goes even if the file was given up on mid-transaction */
	if (q->h != NULL)
		sqlite3_progress_handler(q->h, 0, NULL, NULL);
	dk_lockinfo_release(&q->holder, q->base.path);
}

static void sq_setup(void)
{
	/* docket is one thread: no mutex around every allocation and page,
	 * and no accounting of memory that nothing reads. Only possible
	 * before SQLite is first used; later calls are refused and harmless. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int configure(struct sq_db *q, struct dk_error *err)
{
	struct dk_db *db = &q->base;

	sqlite3_extended_result_codes(q->h, 1);
	sqlite3_busy_handler(q->h, busy_wait, q);
	if (sqlite3_create_function(q->h, "docket_sha256", 1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_sha256, NULL, NULL) ||
	    sqlite3_create_function(q->h, "docket_uuid", 0, SQLITE_UTF8, NULL, fn_uuid, NULL, NULL) ||
	    sqlite3_create_function(q->h, "docket_actor", 0, SQLITE_UTF8, db, fn_actor, NULL, NULL) ||
	    sqlite3_create_function(q->h, "docket_now", 0, SQLITE_UTF8, NULL, fn_now, NULL, NULL) ||
	    sqlite3_create_function(q->h, "docket_now_ms", 0, SQLITE_UTF8, q, fn_now, NULL, NULL) ||
	    dk_sqlite_canon_register(q->h))
		return dk_db_error(db, "registering SQL functions", err);
	return DK_OK;
}

static int is_wal(struct dk_db *db)
{
	struct dk_stmt *s = NULL;
	int wal = 0;

	if (dk_stmt_prepare(db, &s, "PRAGMA journal_mode", NULL) != DK_OK)
		return 0;
	if (dk_stmt_step(s, NULL) == DK_ROW)
		wal = strcmp(dk_col_text(s, 0), "wal") == 0;
	dk_stmt_finalize(&s);
	return wal;
}

int dk_db_wal_reset_fixed(int v)
{
	/* sqlite.org/wal.html#walresetbug: 3.7.0 to 3.51.2 are affected; fixed in
	 * 3.51.3, backported to 3.44.6 and 3.50.7. */
	return v >= 3051003 || (v >= 3050007 && v < 3051000) || (v >= 3044006 && v < 3045000);
}

static void version_text(int v, char *buf, size_t n)
{
	snprintf(buf, n, "%d.%d.%d", v / 1000000, v / 1000 % 1000, v % 1000);
}

int dk_db_journal_choose(int version, const char *env, enum dk_journal *mode, char *why,
                         size_t n, struct dk_error *err)
{
	char v[32];

	version_text(version, v, sizeof v);
	if (env != NULL && *env) {
		if (strcmp(env, "wal") != 0 && strcmp(env, "rollback") != 0)
			return dk_fail(err, DK_EINPUT, "DOCKET_JOURNAL '%.40s' is not one of: wal, rollback",
			               env);
		*mode = strcmp(env, "wal") == 0 ? DK_JOURNAL_WAL : DK_JOURNAL_ROLLBACK;
		snprintf(why, n, "DOCKET_JOURNAL=%s%s", env,
		         *mode == DK_JOURNAL_WAL && !dk_db_wal_reset_fixed(version)
		                 ? "; checkpoints only under the write lock" : "");
		return DK_OK;
	}
	if (dk_db_wal_reset_fixed(version)) {
		*mode = DK_JOURNAL_WAL;
		snprintf(why, n, "SQLite %s has the WAL-reset fix", v);
	} else {
		*mode = DK_JOURNAL_ROLLBACK;
		snprintf(why, n, "SQLite %s lacks the WAL-reset fix of 3.51.3", v);
	}
	return DK_OK;
}

static int sq_about(char *engine, size_t n, char *notes, size_t m, struct dk_error *err)
{
	enum dk_journal mode = DK_JOURNAL_ROLLBACK;
	char why[128];
	int rc;

	rc = dk_db_journal_choose(sqlite3_libversion_number(), getenv("DOCKET_JOURNAL"), &mode, why,
	                          sizeof why, err);
	if (rc != DK_OK)
		return rc;
	snprintf(engine, n, "SQLite %s", sqlite3_libversion());
	snprintf(notes, m, "journal: %s (%s)", mode == DK_JOURNAL_WAL ? "wal" : "rollback", why);
	return DK_OK;
}

/* Changing the journal mode needs the file to itself: try it once, without
 * waiting for other connections to go away. */
static int try_exec(struct sq_db *q, const char *sql)
{
	int rc;

	sqlite3_busy_handler(q->h, NULL, NULL);
	rc = sqlite3_exec(q->h, sql, NULL, NULL, NULL);
	sqlite3_busy_handler(q->h, busy_wait, q);
	return rc;
}

/* After the store has checked what the file is: its journal mode. */
static int sq_settle(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	enum dk_journal want;
	char why[128];
	int rc, lib = sqlite3_libversion_number();

	if (flags & DK_OPEN_READONLY)
		return DK_OK;
	if ((rc = dk_db_journal_choose(lib, getenv("DOCKET_JOURNAL"), &want, why, sizeof why,
	                               err)) != DK_OK)
		return rc;
	/* The journal mode is a property of the file: ask only when it differs,
	 * since asking contends with other writers for nothing. */
	if (want == DK_JOURNAL_WAL && !q->wal) {
		/* Entering WAL needs the file to itself too, and SQLite may
		 * refuse it at once rather than wait (another connection reads):
		 * then this process stays in the rollback journal, which is
		 * always safe, and a later one that opens the file alone
		 * switches it. */
		if (try_exec(q, "PRAGMA journal_mode = WAL") == SQLITE_OK)
			q->wal = is_wal(db);
	} else if (want == DK_JOURNAL_ROLLBACK && q->wal) {
		/* Leaving WAL checkpoints everything under an exclusive lock. If
		 * another connection has the file open, this one stays in WAL and
		 * checkpoints only under the write lock. */
		if (try_exec(q, "PRAGMA journal_mode = DELETE") == SQLITE_OK)
			q->wal = is_wal(db);
	}
	/* The WAL-reset race needs a checkpoint that runs while another
	 * connection commits: without the fix, no checkpoint runs outside the
	 * write lock, so none is automatic. */
	q->ckpt_lock = q->wal && !dk_db_wal_reset_fixed(lib);
	if (q->ckpt_lock && (rc = sq_exec(db, "PRAGMA wal_autocheckpoint = 0", err)) != DK_OK)
		return rc;
	return DK_OK;
}

/* 1 when the open file holds nothing: no table, no application id, no
 * schema version. A 0-byte file (touch, or an init killed before its first
 * write) and one an init left with no committed migration both qualify. */
static int holds_nothing(struct dk_db *db)
{
	int appid = -1, version = -1, tables = -1;

	return get_pragma_int(db, "PRAGMA application_id", &appid, NULL) == DK_OK &&
	       get_pragma_int(db, "PRAGMA user_version", &version, NULL) == DK_OK &&
	       get_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, NULL) == DK_OK &&
	       appid == 0 && version == 0 && tables == 0;
}

static void sq_discard(const char *path)
{
	char side[4096];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static int sq_connect(const char *path, unsigned flags, const char *actor, struct dk_db **out,
                      int *created, struct dk_error *err)
{
	struct sq_db *q;
	struct stat st;
	int rc, adopted = 0, oflags;

	*out = NULL;
	*created = 0;
	q = calloc(1, sizeof *q);
	if (q == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	if ((rc = dk_db_init(&q->base, &dk_sqlite_backend, path, actor, err)) != DK_OK)
		goto fail;
	if (flags & DK_OPEN_CREATE) {
		/* Create the file ourselves so that it is 0600 whatever the umask,
		 * and so that an existing database is never touched. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		/* A regular file (not a link) may be taken over if it holds
		 * nothing: that is checked once SQLite has it open, below. */
		if (fd < 0 && errno == EEXIST && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			adopted = 1;
		} else if (fd < 0) {
			rc = dk_fail(err, errno == EEXIST ? DK_EINPUT : DK_EDB,
			             "cannot create '%s': %s", path, strerror(errno));
			goto fail;
		} else {
			*created = 1;
			fchmod(fd, 0600);
			close(fd);
		}
	} else if (access(path, F_OK) != 0) {
		rc = dk_fail(err, DK_EDB, "no database at '%s' (create one with 'docket init', "
		             "or name it with --db or DOCKET_DB)", path);
		goto fail;
	}
	oflags = (flags & DK_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &q->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = dk_fail(err, DK_EDB, "cannot open '%s': %s", path,
		             q->h ? sqlite3_errmsg(q->h) : "out of memory");
		goto fail;
	}
	if ((rc = configure(q, err)) != DK_OK)
		goto fail;
	if (adopted && !holds_nothing(&q->base)) {
		rc = dk_fail(err, DK_EINPUT, "cannot create '%s': %s (init takes over only an empty "
		             "file)", path, strerror(EEXIST));
		goto fail;
	}
	if (adopted)
		chmod(path, 0600);
	if ((rc = sq_exec(&q->base, "PRAGMA foreign_keys = ON", err)) != DK_OK)
		goto fail;
	/* The last connection to close would checkpoint and delete the WAL
	 * under an exclusive lock, racing with processes that are opening;
	 * a writing command checkpoints when it ends instead (dk_db_close). */
	sqlite3_db_config(q->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	q->wal = is_wal(&q->base);
	*out = &q->base;
	return DK_OK;
fail:
	dk_db_close(&q->base);
	if (*created)
		sq_discard(path);
	*created = 0;
	return rc;
}

/* A checkpoint that holds the write lock through a second connection, so
 * that no other connection can commit (and reset the WAL) while it runs.
 * Returns SQLITE_BUSY at once if another writer has the lock: that writer
 * checkpoints when it ends. */
static int checkpoint_locked(struct sq_db *q, int *log, int *done)
{
	sqlite3 *lock = NULL;
	int rc;

	if (sqlite3_open_v2(q->base.path, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(lock);
		return SQLITE_CANTOPEN;
	}
	sqlite3_db_config(lock, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	rc = sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_wal_checkpoint_v2(q->h, "main", SQLITE_CHECKPOINT_PASSIVE, log, done);
		sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(lock);
	return rc;
}

static int sq_checkpoint(struct dk_db *db, int *left, struct dk_error *err)
{
	struct sq_db *q = sq_db(db);
	int log = 0, done = 0, rc;

	*left = 0;
	if (!q->wal)
		return DK_OK;
	if (q->ckpt_lock) {
		rc = checkpoint_locked(q, &log, &done);
	} else {
		/* Never wait: a TRUNCATE that cannot have its locks at once
		 * (another writer, or a reader on an older snapshot) falls back
		 * to copying what it can. */
		sqlite3_busy_handler(q->h, NULL, NULL);
		rc = sqlite3_wal_checkpoint_v2(q->h, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
		if (rc == SQLITE_BUSY)
			rc = sqlite3_wal_checkpoint_v2(q->h, "main", SQLITE_CHECKPOINT_PASSIVE, &log,
			                               &done);
		sqlite3_busy_handler(q->h, busy_wait, q);
	}
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		*left = -1;
		return DK_OK;
	}
	if (rc != SQLITE_OK)
		return dk_fail(err, DK_EDB, "checkpoint of '%s': %s", db->path, sqlite3_errstr(rc));
	*left = log > done ? log - done : 0;
	return DK_OK;
}

int dk_db_journal_is_wal(const struct dk_db *db) { return ((const struct sq_db *)db)->wal; }

static void sq_rollback(struct dk_db *db);

static void sq_close(struct dk_db *db)
{
	struct sq_db *q = sq_db(db);
	int left;

	dk_sqlite_cache_free(db);
	dk_sqlite_load_free(db);
	/* A writing command leaves its records in the database file itself,
	 * so that copying the file alone copies them. */
	if (q->h != NULL && q->wal && sqlite3_total_changes64(q->h) > 0) {
		sq_rollback(db);
		sq_checkpoint(db, &left, NULL);
	}
	/* Those checkpoints cannot reset the WAL (that needs the write lock
	 * they hold through another connection), and a process that opens the
	 * file alone rebuilds its index from every frame in it, so the WAL and
	 * the work would only grow. The last connection to close checkpoints
	 * and deletes it under an exclusive lock on the file: no other
	 * connection exists, so there is no race. */
	if (q->h != NULL && q->ckpt_lock)
		sqlite3_db_config(q->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (q->h != NULL)
		sqlite3_close_v2(q->h);
	dk_db_fini(db);
	free(q);
}

static void unlink_all(const char *path)
{
	static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
	char p[4200];

	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
		snprintf(p, sizeof p, "%s%s", path, sides[i]);
		unlink(p);
	}
}

static int backup_into(struct sq_db *q, sqlite3 *dst, const char *path, struct dk_error *err)
{
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	int rc = DK_OK;

	b = sqlite3_backup_init(dst, "main", q->h, "main");
	if (b == NULL)
		return dk_fail(err, DK_EDB, "backup to '%s': %s", path, sqlite3_errmsg(dst));
	/* One step: the whole copy is read under one snapshot. */
	sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK)
		return dk_fail(err, DK_EDB, "backup to '%s': %s", path, sqlite3_errmsg(dst));
	/* The copied header may say WAL; the copy is one standalone file. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return dk_fail(err, DK_EDB, "backup to '%s': %s", path, sqlite3_errmsg(dst));
	if (sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		rc = dk_fail(err, DK_EDB, "backup to '%s' fails its integrity check: %s", path,
		             sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
		                                        : sqlite3_errmsg(dst));
	sqlite3_finalize(st);
	return rc;
}

static int sq_backup(struct dk_db *db, const char *path, struct dk_error *err)
{
	sqlite3 *dst = NULL;
	int fd, rc;

	if (*path == '\0')
		return dk_fail(err, DK_EINPUT, "the backup path is empty");
	/* O_EXCL refuses an existing file and any symlink, dangling or not. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dk_fail(err, errno == EEXIST || errno == ENOENT || errno == ENOTDIR ||
		                            errno == EISDIR ? DK_EINPUT : DK_EDB,
		               "cannot create backup '%s': %s", path,
		               errno == EEXIST ? "it exists (docket never overwrites a file or follows a symlink)"
		                               : strerror(errno));
	fchmod(fd, 0600);
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		rc = dk_fail(err, DK_EDB, "cannot open backup '%s': %s", path,
		             dst ? sqlite3_errmsg(dst) : "out of memory");
	else
		rc = backup_into(sq_db(db), dst, path, err);
	sqlite3_close(dst);
	if (rc != DK_OK)
		unlink_all(path);
	return rc;
}

sqlite3 *dk_sqlite_handle(struct dk_db *db) { return sq_db(db)->h; }

/* Write transactions are BEGIN IMMEDIATE, so that the busy timeout applies
 * at once; reads are BEGIN DEFERRED, one snapshot until they end. */
static int sq_begin(struct dk_db *db, int write, struct dk_error *err)
{
	int rc = sq_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", err);

	if (rc == DK_OK && write)
		hold(sq_db(db));
	return rc;
}

static int sq_commit(struct dk_db *db, struct dk_error *err)
{
	let_go(sq_db(db)); /* while the lock is still ours: no other holder's file is touched */
	return sq_exec(db, "COMMIT", err);
}

static void sq_rollback(struct dk_db *db)
{
	struct sq_db *q = sq_db(db);

	let_go(q);
	if (q->h != NULL && !sqlite3_get_autocommit(q->h))
		sqlite3_exec(q->h, "ROLLBACK", NULL, NULL, NULL);
	dk_sqlite_load_free(db); /* the rollback brought the dropped triggers back */
}

/* A bulk import keeps its temporary B-trees in memory and a larger page
 * cache (32 MiB); afterwards SQLite's defaults come back. */
static void sq_tune_bulk(struct dk_db *db, int on)
{
	sq_exec(db, on ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT", NULL);
	sq_exec(db, on ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -2000", NULL);
}

static int sq_table_columns(struct dk_db *db, const char *table, dk_db_column_fn fn, void *ctx,
                            int *n, struct dk_error *err)
{
	/* hidden: 1 a virtual table's hidden column, 2 and 3 generated ones */
	static const char sql[] =
		"SELECT name, dflt_value, hidden IN (2, 3) FROM pragma_table_xinfo(:t) WHERE hidden <> 1"
		" ORDER BY cid";
	struct dk_stmt *s = NULL;
	int rc;

	*n = 0;
	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":t", table);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		(*n)++;
		if ((rc = fn(ctx, dk_col_text(s, 0), dk_col_is_null(s, 1) ? NULL : dk_col_text(s, 1),
		             (int)dk_col_int(s, 2), err)) != DK_OK)
			break;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

const struct dk_backend dk_sqlite_backend = {
	.name = "SQLite",
	.dialect = DK_DIALECT_SQLITE,
	.setup = sq_setup,
	.about = sq_about,
	.connect = sq_connect,
	.settle = sq_settle,
	.close = sq_close,
	.discard = sq_discard,
	.identify = sq_identify,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.schema_cookie = sq_schema_cookie,
	.table_columns = sq_table_columns,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.exec = sq_exec,
	.backup = sq_backup,
	.checkpoint = sq_checkpoint,
	.tune_bulk = sq_tune_bulk,
	.load_begin = dk_sqlite_load_begin,
	.load_end = dk_sqlite_load_end,
	.error = sq_error,
	.prepare = dk_sqlite_prepare,
	.finalize = dk_sqlite_finalize,
	.reset = dk_sqlite_reset,
	.param = dk_sqlite_param,
	.bind_text = dk_sqlite_bind_text,
	.bind_int = dk_sqlite_bind_int,
	.bind_double = dk_sqlite_bind_double,
	.bind_null = dk_sqlite_bind_null,
	.step = dk_sqlite_step,
	.col_count = dk_sqlite_col_count,
	.col_name = dk_sqlite_col_name,
	.col_type = dk_sqlite_col_type,
	.col_text = dk_sqlite_col_text,
	.col_int = dk_sqlite_col_int,
	.col_double = dk_sqlite_col_double,
};
