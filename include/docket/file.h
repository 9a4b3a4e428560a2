/* docket/file.h: opening a file a user named, for reading.
 *
 * Ownership: the stream is the caller's to fclose. */
#ifndef DOCKET_FILE_H
#define DOCKET_FILE_H

#include <stdio.h>

/* Opens path for reading when it is a regular file, a pipe (/dev/stdin, a
 * FIFO) or a terminal, never blocking in the open: a FIFO that no process
 * has open for writing reads as empty instead of hanging. A directory, a
 * socket or a block device is refused. On failure returns NULL with *why a
 * static reason or strerror(errno). */
FILE *dk_file_open(const char *path, const char **why);

#endif
