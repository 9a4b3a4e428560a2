#include "docket/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *dk_file_open(const char *path, const char **why)
{
	struct stat st;
	FILE *f;
	int fd;

	/* O_NONBLOCK: opening a FIFO with no writer returns at once */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		*why = S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file or a pipe";
		close(fd);
		return NULL;
	}
	/* Ordinary reads from here. A pipe that no one writes to reads as
	 * empty at once rather than hanging (nobody had it open for writing
	 * when it was opened); a pipe someone writes to, such as /dev/stdin
	 * under 'cat f.csv |', is read to its end. */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	return f;
}
