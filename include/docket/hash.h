/* docket/hash.h: SHA-256 (OpenSSL libcrypto) and random UUIDs.
 *
 * Ownership: outputs go into caller-owned buffers of the sizes given. */
#ifndef DOCKET_HASH_H
#define DOCKET_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"

#define DK_SHA256_HEX 65 /* 64 lower-case hex digits and a NUL */
#define DK_UUID_LEN 37   /* 8-4-4-4-12 and a NUL */

void dk_sha256_hex(const void *data, size_t len, char out[DK_SHA256_HEX]);
/* Hashes a file as a stream; *size is its length in bytes. On failure out
 * is untouched and err names the file. */
int dk_sha256_file(const char *path, char out[DK_SHA256_HEX], int64_t *size,
                   struct dk_error *err);
/* A random (version 4) UUID. */
int dk_uuid4(char out[DK_UUID_LEN]);

#endif
