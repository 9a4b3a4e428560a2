/* docket/error.h: statuses and the error record every core call fills.
 *
 * Ownership: struct dk_error is owned by the caller, usually on its stack.
 * A core function that fails returns a non-zero status and writes one
 * message into it; on success it leaves the error untouched. Core never
 * prints and never exits: only main turns a status into an exit code. */
#ifndef DOCKET_ERROR_H
#define DOCKET_ERROR_H

#include <stddef.h>

enum dk_status {
	DK_OK = 0,     /* success */
	DK_EFAIL = 1,  /* a check, gate or verification failed */
	DK_EINPUT = 2, /* bad usage or bad input; nothing was written */
	DK_EDB = 3,    /* database or system error; nothing was written */
};

struct dk_error {
	int status;     /* the status the message belongs to */
	char msg[1024]; /* one line, lower case, no trailing full stop */
};

/* Sets err (if not NULL) to status and the formatted message; returns status. */
int dk_fail(struct dk_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
