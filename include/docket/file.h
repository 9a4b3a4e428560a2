/* docket/file.h: opening a file a user named, for reading.
 *
 * Ownership: the stream is the caller's to fclose. */
#ifndef DOCKET_FILE_H
#define DOCKET_FILE_H

#include <stdio.h>

/* Opens path for reading when it is a regular file. A FIFO, a device or a
 * directory is refused without blocking (a FIFO with no writer would hang
 * the open, one with a writer might never end). On failure returns NULL
 * with *why a static reason: "not a regular file" or strerror(errno). */
FILE *dk_file_open(const char *path, const char **why);

#endif
