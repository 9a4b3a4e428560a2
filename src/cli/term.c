/* term.c: the terminal on stdout (term.h): size, colour and the pager.
 *
 * Paging works as git's does, with one difference: docket holds a
 * command's output until it has succeeded (main.c), so the pager is
 * started at the end, and only when the output is taller than the
 * terminal. While paging may apply, stdout is a stream whose writes land
 * in memory (fopencookie); output past 1 MiB streams through the pager as
 * it comes, as it would stream to the terminal. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "term.h"

#define HELD (1 << 20) /* bytes held before output streams */

enum { COLOR_NEVER, COLOR_AUTO, COLOR_ALWAYS };

static struct {
	int tty;          /* isatty(1), or -1 before it was asked */
	int color;        /* COLOR_* */
	int pager_set;    /* term_set_pager gave a pager (or none) */
	char *pager;      /* its command (ours), or NULL for $PAGER */
	char today[16];   /* for overdue colours; "" if unknown */
	FILE *held;       /* stdout while it is held, else NULL */
	FILE *orig;       /* stdout before */
	char *mem;        /* the held output */
	size_t len, cap;
	FILE *pipe;       /* the pager, once started */
	int streaming;    /* output goes out as it comes (pager or terminal) */
	int quit;         /* the pager is gone: the rest is dropped */
} t = {.tty = -1, .color = COLOR_AUTO};

int term_set_color(const char *mode, const char *from, struct dk_error *err)
{
	static const char *const names[] = {"never", "auto", "always"};

	for (int i = 0; i < 3; i++)
		if (strcmp(mode, names[i]) == 0) {
			t.color = i;
			return DK_OK;
		}
	err->status = DK_EINPUT;
	snprintf(err->msg, sizeof err->msg, "%s '%.40s' is not one of: never, auto, always", from, mode);
	return DK_EINPUT;
}

void term_set_pager(const char *cmd)
{
	free(t.pager);
	t.pager = cmd ? strdup(cmd) : NULL;
	t.pager_set = cmd != NULL && t.pager != NULL;
}

void term_set_today(const char *date)
{
	snprintf(t.today, sizeof t.today, "%s", date ? date : "");
}

const char *term_today(void) { return t.today[0] ? t.today : NULL; }

int term_is_tty(void)
{
	if (t.tty < 0)
		t.tty = isatty(STDOUT_FILENO);
	return t.tty;
}

/* An environment variable holding a number from min to 9999, or 0. */
static int env_size(const char *name, int min)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v < '0' || *v > '9')
		return 0;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= min && n <= 9999 ? (int)n : 0;
}

int term_columns(void)
{
	struct winsize ws;
	int n = env_size("COLUMNS", 20);

	if (n)
		return n;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

int term_lines(void)
{
	struct winsize ws;
	int n = env_size("LINES", 2);

	if (n)
		return n;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 2)
		return ws.ws_row;
	return 24;
}

int term_color(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (t.color != COLOR_AUTO)
		return t.color == COLOR_ALWAYS;
	if ((no && *no) || (term && strcmp(term, "dumb") == 0))
		return 0;
	return term_is_tty();
}

/* The pager's command, or NULL for none. */
static const char *pager_cmd(void)
{
	const char *p = t.pager_set ? t.pager : getenv("PAGER");

	if (!t.pager_set && p == NULL)
		p = "less -FRX";
	if (p == NULL || p[strspn(p, " \t")] == '\0' || strcmp(p, "cat") == 0)
		return NULL;
	return p;
}

static int start_pager(void)
{
	const char *cmd = pager_cmd();

	if (cmd == NULL)
		return -1;
	/* less: quit if one screen, keep colours, leave the screen as it is */
	setenv("LESS", "FRX", 0);
	fflush(t.orig);
	t.pipe = popen(cmd, "w");
	if (t.pipe == NULL)
		return -1;
	/* a user quitting the pager is no error, and ^C is the pager's */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	return 0;
}

/* Writes out, to the pager or to the terminal; 0, or -1 with errno set. */
static int put_out(const char *buf, size_t n)
{
	if (t.quit || n == 0)
		return 0;
	if (t.pipe) {
		if (fwrite(buf, 1, n, t.pipe) == n)
			return 0;
		if (errno != EPIPE)
			return -1;
		t.quit = 1;
		return 0;
	}
	return fwrite(buf, 1, n, t.orig) == n ? 0 : -1;
}

/* Rows the text takes at the terminal's width (escapes take none). */
static long rows(const char *s, size_t n, long cols)
{
	long r = 0, w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			r += w == 0 ? 1 : (w + cols - 1) / cols;
			w = 0;
		} else if (ch == 0x1b && i + 1 < n && s[i + 1] == '[') {
			for (i += 2; i < n && !(s[i] >= '@' && s[i] <= '~'); i++)
				;
		} else if ((ch & 0xc0) != 0x80) {
			w++;
		}
	}
	return r + (w ? (w + cols - 1) / cols : 0);
}

static ssize_t held_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	if (!t.streaming && t.len + n > HELD) {
		/* too much to hold: taller than any terminal, so it pages */
		t.streaming = 1;
		(void)start_pager();
		if (put_out(t.mem, t.len) != 0)
			return -1;
		t.len = 0;
	}
	if (t.streaming)
		return put_out(buf, n) == 0 ? (ssize_t)n : -1;
	if (t.len + n > t.cap) {
		size_t cap = t.cap ? t.cap * 2 : 65536;
		char *p;
		while (cap < t.len + n)
			cap *= 2;
		if ((p = realloc(t.mem, cap)) == NULL)
			return -1;
		t.mem = p;
		t.cap = cap;
	}
	memcpy(t.mem + t.len, buf, n);
	t.len += n;
	return (ssize_t)n;
}

int term_page_start(void)
{
	cookie_io_functions_t io = {NULL, held_write, NULL, NULL};
	FILE *f;

	if (t.held != NULL || !term_is_tty() || pager_cmd() == NULL)
		return -1;
	if ((f = fopencookie(NULL, "w", io)) == NULL)
		return -1;
	fflush(stdout);
	t.orig = stdout;
	t.held = f;
	stdout = f;
	return 0;
}

int term_page_end(int keep)
{
	int rc = 0, err = 0;

	if (t.held == NULL)
		return 0;
	stdout = t.orig;
	if (!keep) {
		t.streaming = 1; /* what is still buffered is dropped */
		t.quit = 1;
	}
	if (fclose(t.held) != 0 && !t.quit) {
		rc = -1;
		err = errno;
	}
	t.held = NULL;
	if (keep && !t.streaming && rc == 0) {
		if (rows(t.mem, t.len, term_columns()) >= term_lines())
			(void)start_pager();
		if (put_out(t.mem, t.len) != 0) {
			rc = -1;
			err = errno;
		}
	}
	if (t.pipe) {
		int st = pclose(t.pipe);
		t.pipe = NULL;
		/* the shell found no such pager: the output, unpaged */
		if (!t.streaming && WIFEXITED(st) && WEXITSTATUS(st) == 127 && rc == 0) {
			fprintf(stderr, "docket: the pager '%s' could not be run; output follows unpaged\n",
			        pager_cmd());
			t.quit = 0;
			if (put_out(t.mem, t.len) != 0) {
				rc = -1;
				err = errno;
			}
		}
	}
	free(t.mem);
	t.mem = NULL;
	t.len = t.cap = 0;
	free(t.pager);
	t.pager = NULL;
	t.pager_set = 0;
	errno = err;
	return rc;
}
