#include "docket/hash.h"
#include "docket/file.h"

#include <errno.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void to_hex(const unsigned char *md, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * n] = '\0';
}

void dk_sha256_hex(const void *data, size_t len, char out[DK_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	to_hex(md, n, out);
}

int dk_sha256_file(const char *path, char out[DK_SHA256_HEX], int64_t *size,
                   struct dk_error *err)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int64_t total = 0;
	int rc = DK_OK;
	size_t got;
	EVP_MD_CTX *ctx = NULL;
	const char *why;
	FILE *f;

	/* An artifact is a file: a device or a pipe may never end. */
	if ((f = dk_file_open(path, &why)) == NULL) {
		if (strcmp(why, "not a regular file") == 0)
			return dk_fail(err, DK_EINPUT, "'%s' is not a regular file", path);
		return dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, why);
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = dk_fail(err, DK_EDB, "cannot start SHA-256");
		goto out;
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		EVP_DigestUpdate(ctx, buf, got);
		total += (int64_t)got;
	}
	if (ferror(f)) {
		rc = dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	EVP_DigestFinal_ex(ctx, md, &n);
	to_hex(md, n, out);
	if (size != NULL)
		*size = total;
out:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return rc;
}

int dk_uuid4(char out[DK_UUID_LEN])
{
	unsigned char b[16];

	if (RAND_bytes(b, sizeof b) != 1)
		return DK_EDB;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, DK_UUID_LEN,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
	         b[11], b[12], b[13], b[14], b[15]);
	return DK_OK;
}
