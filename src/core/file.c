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
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		close(fd);
		return NULL;
	}
	/* a regular file never blocks; clear the flag for ordinary reads */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	return f;
}
