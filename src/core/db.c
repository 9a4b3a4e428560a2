#include "docket/db.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/hash.h"
#include "docket/migrate.h"
#include "docket/schema.h"
#include "lockinfo.h"
#include "sqlite/canon_sql.h"

#define DOCKET_APPLICATION_ID 1685021547 /* "dk" + 0x6b; set by migration 0001 */

#define STMT_CACHE 48

struct dk_db {
	sqlite3 *h;    /* the connection */
	/* Prepared statements kept for reuse, keyed by their SQL, which is
	 * always a static literal: a bulk import prepares each one once. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
		int in_use;
	} cache[STMT_CACHE];
	char *path;    /* as given */
	char *actor;   /* returned by docket_actor() */
	int in_tx;     /* inside dk_db_begin .. commit/rollback */
	int busy_ms;   /* how long a writer waits for the lock */
	int64_t busy_since; /* when the current wait began (monotonic ms) */
	int guard;     /* check the schema's triggers before each write */
	int64_t guard_cookie; /* the schema_version last found intact */
	int wal;       /* the file is in WAL mode (else a rollback journal) */
	int ckpt_lock; /* WAL on a SQLite without the WAL-reset fix: checkpoint
	                * only while holding the write lock (dk_db_checkpoint) */
	char command[DK_LOCKINFO_CMD]; /* what this process is, for those who wait for it */
	dk_db_notice_fn notice; /* says what a waiting writer waits for; NULL: nothing */
	void *notice_ctx;
	struct dk_lockinfo_holder holder; /* the side file while this connection writes */
	struct dk_lockinfo_waiter waiter; /* what it read while waiting for another */
};

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
	sqlite3_result_text(c, db->actor, -1, SQLITE_STATIC);
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

int dk_db_error(struct dk_db *db, const char *what, struct dk_error *err)
{
	int code = sqlite3_extended_errcode(db->h);

	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return dk_fail(err, DK_EINPUT, "the database refused the %s: %s", what,
		               sqlite3_errmsg(db->h));
	if ((code & 0xff) == SQLITE_BUSY)
		return dk_fail(err, DK_EDB,
		               "database is locked: another process held it for longer than "
		               "the busy timeout (%d ms; DOCKET_BUSY_TIMEOUT sets it)",
		               db->busy_ms);
	return dk_fail(err, DK_EDB, "%s: %s", what, sqlite3_errmsg(db->h));
}

int dk_db_exec(struct dk_db *db, const char *sql, struct dk_error *err)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return dk_db_error(db, sql, err);
	return DK_OK;
}

int dk_db_exec_id(struct dk_db *db, const char *sql, int64_t id, struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":id", id);
	rc = dk_stmt_step(&s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

static int get_pragma_int(struct dk_db *db, const char *sql, int *v, struct dk_error *err)
{
	struct dk_stmt s;
	int64_t x = 0;
	int found = 0, rc;

	rc = dk_stmt_prepare(db, &s, sql, err);
	if (rc == DK_OK)
		rc = dk_stmt_one_int(&s, &x, &found, err);
	dk_stmt_finalize(&s);
	*v = (int)x;
	return rc;
}

int dk_db_user_version(struct dk_db *db, int *version, struct dk_error *err)
{
	return get_pragma_int(db, "PRAGMA user_version", version, err);
}

/* Why the first read of db failed. A WAL database whose -shm file is gone
 * needs to create it beside the file: in a read-only directory SQLite says
 * "attempt to write a readonly database", which is no reason to call the
 * file something else. */
static int unreadable(struct dk_db *db, struct dk_error *err)
{
	int code = sqlite3_extended_errcode(db->h) & 0xff;
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
		return dk_fail(err, DK_EDB, "cannot open '%s': %s", db->path, sqlite3_errmsg(db->h));
	}
	return dk_fail(err, DK_EDB, "'%s' is not a docket database: %s", db->path,
	               sqlite3_errmsg(db->h));
}

static int check_version(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	int appid = 0, version = 0, tables = 0, rc;
	int latest = dk_migrate_latest();

	if (get_pragma_int(db, "PRAGMA application_id", &appid, NULL) != DK_OK)
		return unreadable(db, err);
	if ((rc = dk_db_user_version(db, &version, err)) != DK_OK)
		return rc;
	if ((rc = get_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err)) != DK_OK)
		return rc;
	if (appid != DOCKET_APPLICATION_ID)
		return dk_fail(err, DK_EDB, "'%s' is not a docket database%s", db->path,
		               tables == 0 ? " (it is empty: run 'docket init')" : "");
	if (version > latest)
		return dk_fail(err, DK_EDB,
		               "database '%s' is at schema version %d, newer than this docket "
		               "(%s, schema version %d): upgrade docket",
		               db->path, version, DOCKET_VERSION, latest);
	if (version < latest && !(flags & DK_OPEN_ANY_VERSION))
		return dk_fail(err, DK_EDB,
		               "database '%s' is at schema version %d, this docket needs %d: "
		               "run 'docket migrate' (it keeps a backup)",
		               db->path, version, latest);
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
	struct dk_db *db = arg;
	int64_t now = monotonic_ms(), waited, from;
	char msg[256];
	int say;

	if (count == 0)
		db->busy_since = now;
	waited = now - db->busy_since;
	from = dk_lockinfo_wait(&db->waiter, db->path, count == 0, db->busy_since, now,
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
	struct dk_db *db = arg;

	dk_lockinfo_tick(&db->holder);
	return 0; /* never interrupt */
}

static void hold(struct dk_db *db)
{
	dk_lockinfo_hold(&db->holder, db->path, db->command[0] ? db->command : "docket");
	if (db->holder.open)
		sqlite3_progress_handler(db->h, PROGRESS_OPS, on_progress, db);
}

static void let_go(struct dk_db *db)
{
	/* the handler goes even if the file was given up on mid-transaction */
	if (db->h != NULL)
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
	dk_lockinfo_release(&db->holder, db->path);
}

void dk_db_set_command(struct dk_db *db, const char *what)
{
	snprintf(db->command, sizeof db->command, "%s", what != NULL ? what : "");
}

void dk_db_set_notice(struct dk_db *db, dk_db_notice_fn fn, void *ctx)
{
	db->notice = fn;
	db->notice_ctx = ctx;
}

/* What dk_db_set_defaults gave, for every connection opened after it. */
static struct {
	int busy_ms;
	char command[DK_LOCKINFO_CMD];
	dk_db_notice_fn notice;
	void *notice_ctx;
} defaults = {DK_DB_BUSY_TIMEOUT_MS, "", NULL, NULL};

void dk_db_set_defaults(int busy_ms, const char *command, dk_db_notice_fn fn, void *ctx)
{
	defaults.busy_ms = busy_ms < 0 ? 0 : busy_ms;
	snprintf(defaults.command, sizeof defaults.command, "%s", command != NULL ? command : "");
	defaults.notice = fn;
	defaults.notice_ctx = ctx;
}

void dk_db_set_busy_timeout(struct dk_db *db, int ms)
{
	db->busy_ms = ms < 0 ? 0 : ms;
}

int dk_db_busy_timeout(const struct dk_db *db) { return db->busy_ms; }

void dk_db_setup_library(void)
{
	/* docket is one thread: no mutex around every allocation and page,
	 * and no accounting of memory that nothing reads. Only possible
	 * before SQLite is first used; later calls are refused and harmless. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int configure(struct dk_db *db, struct dk_error *err)
{
	sqlite3_extended_result_codes(db->h, 1);
	db->busy_ms = defaults.busy_ms;
	memcpy(db->command, defaults.command, sizeof db->command);
	db->notice = defaults.notice;
	db->notice_ctx = defaults.notice_ctx;
	sqlite3_busy_handler(db->h, busy_wait, db);
	if (sqlite3_create_function(db->h, "docket_sha256", 1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_sha256, NULL, NULL) ||
	    sqlite3_create_function(db->h, "docket_uuid", 0, SQLITE_UTF8, NULL, fn_uuid, NULL, NULL) ||
	    sqlite3_create_function(db->h, "docket_actor", 0, SQLITE_UTF8, db, fn_actor, NULL, NULL) ||
	    sqlite3_create_function(db->h, "docket_now", 0, SQLITE_UTF8, NULL, fn_now, NULL, NULL) ||
	    sqlite3_create_function(db->h, "docket_now_ms", 0, SQLITE_UTF8, db, fn_now, NULL, NULL) ||
	    dk_sqlite_canon_register(db->h))
		return dk_db_error(db, "registering SQL functions", err);
	return DK_OK;
}

static int is_wal(struct dk_db *db)
{
	struct dk_stmt s;
	int wal = 0;

	if (dk_stmt_prepare(db, &s, "PRAGMA journal_mode", NULL) != DK_OK)
		return 0;
	if (dk_stmt_step(&s, NULL) == DK_ROW)
		wal = strcmp(dk_col_text(&s, 0), "wal") == 0;
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

/* Changing the journal mode needs the file to itself: try it once, without
 * waiting for other connections to go away. */
static int try_exec(struct dk_db *db, const char *sql)
{
	int rc;

	sqlite3_busy_handler(db->h, NULL, NULL);
	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	sqlite3_busy_handler(db->h, busy_wait, db);
	return rc;
}

static int set_pragmas(struct dk_db *db, unsigned flags, struct dk_error *err)
{
	enum dk_journal want;
	char why[128];
	int rc, lib = sqlite3_libversion_number();

	if ((rc = dk_db_exec(db, "PRAGMA foreign_keys = ON", err)) != DK_OK)
		return rc;
	/* The last connection to close would checkpoint and delete the WAL
	 * under an exclusive lock, racing with processes that are opening;
	 * a writing command checkpoints when it ends instead (dk_db_close). */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	db->wal = is_wal(db);
	if (flags & DK_OPEN_READONLY)
		return DK_OK;
	if ((rc = dk_db_journal_choose(lib, getenv("DOCKET_JOURNAL"), &want, why, sizeof why,
	                               err)) != DK_OK)
		return rc;
	/* The journal mode is a property of the file: ask only when it differs,
	 * since asking contends with other writers for nothing. */
	if (want == DK_JOURNAL_WAL && !db->wal) {
		/* Entering WAL needs the file to itself too, and SQLite may
		 * refuse it at once rather than wait (another connection reads):
		 * then this process stays in the rollback journal, which is
		 * always safe, and a later one that opens the file alone
		 * switches it. */
		if (try_exec(db, "PRAGMA journal_mode = WAL") == SQLITE_OK)
			db->wal = is_wal(db);
	} else if (want == DK_JOURNAL_ROLLBACK && db->wal) {
		/* Leaving WAL checkpoints everything under an exclusive lock. If
		 * another connection has the file open, this one stays in WAL and
		 * checkpoints only under the write lock. */
		if (try_exec(db, "PRAGMA journal_mode = DELETE") == SQLITE_OK)
			db->wal = is_wal(db);
	}
	/* The WAL-reset race needs a checkpoint that runs while another
	 * connection commits: without the fix, no checkpoint runs outside the
	 * write lock, so none is automatic. */
	db->ckpt_lock = db->wal && !dk_db_wal_reset_fixed(lib);
	if (db->ckpt_lock && (rc = dk_db_exec(db, "PRAGMA wal_autocheckpoint = 0", err)) != DK_OK)
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

static int open_db(const char *path, unsigned flags, int upto, const char *actor,
                   struct dk_db **out, struct dk_error *err)
{
	struct dk_db *db;
	struct stat st;
	int rc = DK_OK, created = 0, adopted = 0, oflags;

	*out = NULL;
	db = calloc(1, sizeof *db);
	if (db == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	db->path = strdup(path);
	db->actor = strdup(actor != NULL && *actor ? actor : "unknown");
	if (db->path == NULL || db->actor == NULL) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
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
			created = 1;
			fchmod(fd, 0600);
			close(fd);
		}
	} else if (access(path, F_OK) != 0) {
		rc = dk_fail(err, DK_EDB, "no database at '%s' (create one with 'docket init', "
		             "or name it with --db or DOCKET_DB)", path);
		goto fail;
	}
	oflags = (flags & DK_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = dk_fail(err, DK_EDB, "cannot open '%s': %s", path,
		             db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	if ((rc = configure(db, err)) != DK_OK)
		goto fail;
	if (adopted && !holds_nothing(db)) {
		rc = dk_fail(err, DK_EINPUT, "cannot create '%s': %s (init takes over only an empty "
		             "file)", path, strerror(EEXIST));
		goto fail;
	}
	if (adopted)
		chmod(path, 0600);
	/* Check what the file is before changing its journal mode. */
	if (!created && !adopted && (rc = check_version(db, flags, err)) != DK_OK)
		goto fail;
	if ((rc = set_pragmas(db, flags, err)) != DK_OK)
		goto fail;
	if ((created || adopted) && (rc = dk_migrate_to(db, upto, err)) != DK_OK)
		goto fail;
	/* A database at an older version has older triggers; migrate writes
	 * them. Every other writer checks them first (dk_db_begin). */
	{
		int version = 0;
		db->guard = dk_db_user_version(db, &version, NULL) == DK_OK &&
		            version == dk_migrate_latest();
		db->guard_cookie = -1;
	}
	*out = db;
	return DK_OK;
fail:
	dk_db_close(db);
	if (created) {
		char side[4096];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	return rc;
}

int dk_db_open(const char *path, unsigned flags, const char *actor,
               struct dk_db **out, struct dk_error *err)
{
	return open_db(path, flags, dk_migrate_latest(), actor, out, err);
}

int dk_db_create_at(const char *path, int upto, const char *actor, struct dk_db **out,
                    struct dk_error *err)
{
	return open_db(path, DK_OPEN_CREATE, upto, actor, out, err);
}

/* A checkpoint that holds the write lock through a second connection, so
 * that no other connection can commit (and reset the WAL) while it runs.
 * Returns SQLITE_BUSY at once if another writer has the lock: that writer
 * checkpoints when it ends. */
static int checkpoint_locked(struct dk_db *db, int *log, int *done)
{
	sqlite3 *lock = NULL;
	int rc;

	if (sqlite3_open_v2(db->path, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(lock);
		return SQLITE_CANTOPEN;
	}
	sqlite3_db_config(lock, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	rc = sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, log, done);
		sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(lock);
	return rc;
}

int dk_db_checkpoint(struct dk_db *db, int *left, struct dk_error *err)
{
	int log = 0, done = 0, rc;

	*left = 0;
	if (!db->wal)
		return DK_OK;
	if (db->ckpt_lock) {
		rc = checkpoint_locked(db, &log, &done);
	} else {
		/* Never wait: a TRUNCATE that cannot have its locks at once
		 * (another writer, or a reader on an older snapshot) falls back
		 * to copying what it can. */
		sqlite3_busy_handler(db->h, NULL, NULL);
		rc = sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
		if (rc == SQLITE_BUSY)
			rc = sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, &log,
			                               &done);
		sqlite3_busy_handler(db->h, busy_wait, db);
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

int dk_db_journal_is_wal(const struct dk_db *db) { return db->wal; }

void dk_db_close(struct dk_db *db)
{
	int left;

	if (db == NULL)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		if (db->cache[i].st != NULL)
			sqlite3_finalize(db->cache[i].st);
	/* A writing command leaves its records in the database file itself,
	 * so that copying the file alone copies them. */
	if (db->h != NULL && db->wal && sqlite3_total_changes64(db->h) > 0) {
		dk_db_rollback(db);
		dk_db_checkpoint(db, &left, NULL);
	}
	/* Those checkpoints cannot reset the WAL (that needs the write lock
	 * they hold through another connection), and a process that opens the
	 * file alone rebuilds its index from every frame in it, so the WAL and
	 * the work would only grow. The last connection to close checkpoints
	 * and deletes it under an exclusive lock on the file: no other
	 * connection exists, so there is no race. */
	if (db->h != NULL && db->ckpt_lock)
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (db->h != NULL)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db->actor);
	free(db);
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

static int backup_into(struct dk_db *db, sqlite3 *dst, const char *path, struct dk_error *err)
{
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	int rc = DK_OK;

	b = sqlite3_backup_init(dst, "main", db->h, "main");
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

int dk_db_backup(struct dk_db *db, const char *path, struct dk_error *err)
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
		rc = backup_into(db, dst, path, err);
	sqlite3_close(dst);
	if (rc != DK_OK)
		unlink_all(path);
	return rc;
}

sqlite3 *dk_db_sqlite(struct dk_db *db) { return db->h; }
enum dk_dialect dk_db_dialect(const struct dk_db *db)
{
	(void)db;
	return DK_DIALECT_SQLITE;
}
const char *dk_db_path(const struct dk_db *db) { return db->path; }
const char *dk_db_actor(const struct dk_db *db) { return db->actor; }

static void first_problem(void *ctx, const struct dk_schema_object *o, const char *problem)
{
	char *msg = ctx;

	if (msg[0] == '\0')
		snprintf(msg, 160, "%s %s is %s", o->type, o->name, problem);
}

/* Refuses to write into a database whose triggers were dropped or changed
 * behind docket's back: the write would not be audited, or the trail would
 * not be guarded. Checked once per schema change, under the write lock. */
static int guard_schema(struct dk_db *db, struct dk_error *err)
{
	char what[160] = "";
	int problems = 0, rc;
	int64_t cookie = 0;
	struct dk_stmt s;

	if ((rc = dk_stmt_prepare(db, &s, "PRAGMA schema_version", err)) == DK_OK &&
	    dk_stmt_step(&s, err) == DK_ROW)
		cookie = dk_col_int(&s, 0);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (cookie == db->guard_cookie)
		return DK_OK;
	if ((rc = dk_schema_check(db, first_problem, what, &problems, err)) != DK_OK)
		return rc;
	if (problems > 0)
		return dk_fail(err, DK_EDB,
		               "'%s' was altered outside docket: %s%s; a write now would not be "
		               "audited as it must, so nothing was written (run 'docket audit verify', "
		               "and restore from a backup)",
		               db->path, what, problems > 1 ? " (and more)" : "");
	db->guard_cookie = cookie;
	return DK_OK;
}

int dk_db_set_actor(struct dk_db *db, const char *actor, struct dk_error *err)
{
	char *copy = strdup(actor);

	if (copy == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	free(db->actor);
	db->actor = copy;
	return DK_OK;
}

int dk_db_begin(struct dk_db *db, struct dk_error *err)
{
	int rc = dk_db_exec(db, "BEGIN IMMEDIATE", err);

	if (rc != DK_OK)
		return rc;
	db->in_tx = 1;
	hold(db);
	if (db->guard && (rc = guard_schema(db, err)) != DK_OK)
		dk_db_rollback(db);
	return rc;
}

int dk_db_read_begin(struct dk_db *db, struct dk_error *err)
{
	return dk_db_exec(db, "BEGIN DEFERRED", err);
}

void dk_db_read_end(struct dk_db *db)
{
	dk_db_rollback(db);
}

int dk_db_commit(struct dk_db *db, struct dk_error *err)
{
	int rc;

	let_go(db); /* while the lock is still ours: no other holder's file is touched */
	rc = dk_db_exec(db, "COMMIT", err);

	if (rc != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	return DK_OK;
}

void dk_db_rollback(struct dk_db *db)
{
	if (db != NULL)
		let_go(db);
	if (db != NULL && db->h != NULL && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	if (db != NULL)
		db->in_tx = 0;
}

int dk_stmt_prepare(struct dk_db *db, struct dk_stmt *s, const char *sql,
                    struct dk_error *err)
{
	int free_slot = -1;

	s->db = db;
	s->st = NULL;
	for (int i = 0; i < STMT_CACHE; i++) {
		if (db->cache[i].sql == NULL) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (!db->cache[i].in_use && db->cache[i].sql == sql &&
		    strcmp(sqlite3_sql(db->cache[i].st), sql) == 0) {
			db->cache[i].in_use = 1;
			s->st = db->cache[i].st;
			return DK_OK;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0,
	                       &s->st, NULL) != SQLITE_OK)
		return dk_db_error(db, "query", err);
	if (free_slot >= 0) {
		db->cache[free_slot].sql = sql;
		db->cache[free_slot].st = s->st;
		db->cache[free_slot].in_use = 1;
	}
	return DK_OK;
}

void dk_stmt_finalize(struct dk_stmt *s)
{
	if (s->st == NULL)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		if (s->db->cache[i].st == s->st) {
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			s->db->cache[i].in_use = 0;
			s->st = NULL;
			return;
		}
	sqlite3_finalize(s->st);
	s->st = NULL;
}

void dk_stmt_reset(struct dk_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

static int param(struct dk_stmt *s, const char *name)
{
	int i = sqlite3_bind_parameter_index(s->st, name);

	assert(i > 0 && "unknown bind parameter");
	return i;
}

void dk_bind_text(struct dk_stmt *s, const char *name, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s->st, param(s, name));
	else
		sqlite3_bind_text(s->st, param(s, name), v, -1, SQLITE_TRANSIENT);
}

void dk_bind_int(struct dk_stmt *s, const char *name, int64_t v)
{
	sqlite3_bind_int64(s->st, param(s, name), v);
}

void dk_bind_double(struct dk_stmt *s, const char *name, double v)
{
	sqlite3_bind_double(s->st, param(s, name), v);
}

void dk_bind_null(struct dk_stmt *s, const char *name)
{
	sqlite3_bind_null(s->st, param(s, name));
}

int dk_stmt_step(struct dk_stmt *s, struct dk_error *err)
{
	int rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return DK_ROW;
	if (rc == SQLITE_DONE)
		return DK_DONE;
	return dk_db_error(s->db, "write", err);
}

const char *dk_col_text(struct dk_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

int64_t dk_col_int(struct dk_stmt *s, int i) { return sqlite3_column_int64(s->st, i); }
double dk_col_double(struct dk_stmt *s, int i) { return sqlite3_column_double(s->st, i); }
int dk_col_is_null(struct dk_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

int dk_stmt_one_int(struct dk_stmt *s, int64_t *v, int *found, struct dk_error *err)
{
	int rc = dk_stmt_step(s, err);

	*found = 0;
	if (rc == DK_ROW) {
		*v = dk_col_int(s, 0);
		*found = 1;
		return DK_OK;
	}
	return rc == DK_DONE ? DK_OK : rc;
}
