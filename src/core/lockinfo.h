/* lockinfo.h (private to the db layer): who holds the write lock, told to
 * the processes that wait for it.
 *
 * The holder of a write transaction keeps a small side file next to the
 * database, "<db>-writer" (mode 0600): its pid, since when it holds the
 * lock, what command it is, and a progress counter that it rewrites at
 * most every DK_LOCKINFO_PERIOD_MS while its statements run. A waiter reads
 * it without any database lock to say what it waits for and to keep waiting
 * while that holder is alive and its counter moves.
 *
 * The file is best effort and never trusted for correctness: it may be
 * missing (a read-only directory, another user's file), stale (a crashed
 * holder, a reused pid) or torn; SQLite's lock alone decides who writes.
 * A file that cannot be written is skipped without a word; a stale one only
 * ever lacks progress, so the busy timeout still ends the wait.
 *
 * Ownership: both structs live inside struct dk_db, zeroed by calloc; the
 * holder's descriptor is opened by dk_lockinfo_hold and closed by
 * dk_lockinfo_release, so nothing stays open between transactions. */
#ifndef DOCKET_LOCKINFO_H
#define DOCKET_LOCKINFO_H

#include <stdint.h>
#include <sys/types.h>

#define DK_LOCKINFO_PERIOD_MS 200 /* the holder rewrites its counter at most this often */
#define DK_LOCKINFO_SIZE 256      /* the record's size in the file, padded */
#define DK_LOCKINFO_CMD 96        /* the longest command description kept, with its NUL */

/* What the side file says. */
struct dk_lockinfo {
	int held;          /* 1: "state held"; 0: the last holder let go */
	pid_t pid;         /* the holder's process */
	int64_t since;     /* when it took the lock (seconds since the epoch, UTC) */
	uint64_t progress; /* bumped while the holder's statements run */
	char cmd[DK_LOCKINFO_CMD]; /* e.g. "docket import people" */
};

/* The holder's side. */
struct dk_lockinfo_holder {
	int fd;            /* the side file, valid only while open is 1 */
	int open;
	int64_t last_ms;   /* when the record was last written (monotonic) */
	struct dk_lockinfo rec;
};

/* The waiter's side, reset when a wait begins. */
struct dk_lockinfo_waiter {
	int64_t next_read_ms;   /* when to read the side file again (monotonic) */
	int64_t last_change_ms; /* when the holder was last seen to move, or the wait began */
	uint64_t seen;          /* the counter last read */
	pid_t seen_pid;         /* whose counter it was (0: none read yet) */
	int64_t seen_since;
	int noticed;            /* the waiting message was given */
};

/* "<db>-writer" into buf; 0 when it does not fit. */
int dk_lockinfo_path(const char *db_path, char *buf, size_t size);

/* Formats a record into buf (DK_LOCKINFO_SIZE bytes, newline-ended lines
 * padded with spaces) and parses one back; dk_lockinfo_parse returns 0 for
 * anything that is not a whole record. */
void dk_lockinfo_format(const struct dk_lockinfo *li, char buf[DK_LOCKINFO_SIZE]);
int dk_lockinfo_parse(const char *buf, size_t len, struct dk_lockinfo *li);

/* Reads the side file of db_path: 1 and *li filled, or 0 when there is no
 * readable whole record. */
int dk_lockinfo_read(const char *db_path, struct dk_lockinfo *li);

/* Whether pid names a live process (kill(pid, 0) succeeds or says EPERM). */
int dk_lockinfo_alive(pid_t pid);

/* Holder: called once the write lock is taken; writes "held" with this
 * process, now and cmd. Silently does nothing if the file cannot be
 * opened. */
void dk_lockinfo_hold(struct dk_lockinfo_holder *h, const char *db_path, const char *cmd);
/* Holder: bumps the counter and rewrites the record if the last write is
 * at least DK_LOCKINFO_PERIOD_MS old. Cheap enough for a progress handler. */
void dk_lockinfo_tick(struct dk_lockinfo_holder *h);
/* Holder: just before the lock is let go; writes "free" (for a waiter that
 * has the file open), closes and removes it. Safe when dk_lockinfo_hold
 * opened nothing. */
void dk_lockinfo_release(struct dk_lockinfo_holder *h, const char *db_path);

/* Waiter: called from the busy handler at each retry with the time the
 * wait began. Returns the time from which the busy timeout counts: the
 * start of the wait, or the last time the holder (alive, holding, the
 * same one) was seen to make progress. Reads the file at most every
 * DK_LOCKINFO_PERIOD_MS / 2. When the wait has lasted notice_ms and no
 * message was given yet, writes one ("waiting for the write lock held by
 * ...") into msg and sets *say; otherwise *say is 0. */
int64_t dk_lockinfo_wait(struct dk_lockinfo_waiter *w, const char *db_path, int first,
                         int64_t began_ms, int64_t now_ms, int64_t notice_ms, int *say,
                         char *msg, size_t msg_size);

/* A monotonic clock in milliseconds. */
int64_t dk_lockinfo_now_ms(void);

#endif
