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

/* A bulk import hashes every audit row and gives every row a UUID: in
 * OpenSSL 3, EVP_sha256() and EVP_Digest look the implementation up and
 * make a context again on each call, and RAND_bytes takes a lock and a
 * trip through the provider for 16 bytes. So the digest is fetched once,
 * its context reused, and random bytes drawn 4 KB at a time. The process
 * is single-threaded (connections are opened SQLITE_OPEN_NOMUTEX). */
static const EVP_MD *sha256_md(void)
{
	static EVP_MD *md;

	if (md == NULL)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	return md != NULL ? md : EVP_sha256();
}

void dk_sha256_hex(const void *data, size_t len, char out[DK_SHA256_HEX])
{
	static EVP_MD_CTX *ctx;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (ctx == NULL)
		ctx = EVP_MD_CTX_new();
	if (ctx == NULL || !EVP_DigestInit_ex2(ctx, sha256_md(), NULL) ||
	    !EVP_DigestUpdate(ctx, data, len) || !EVP_DigestFinal_ex(ctx, md, &n))
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

	/* An artifact is a file that can be hashed again later: a device or a
	 * pipe may never end, and cannot be read twice. */
	if ((f = dk_file_open(path, &why)) == NULL)
		return dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, why);
	{
		struct stat st;
		if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
			fclose(f);
			return dk_fail(err, DK_EINPUT, "'%s' is not a regular file", path);
		}
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
	static unsigned char pool[4096];
	static size_t left;
	unsigned char b[16];
	char hex[33];

	if (left < sizeof b) {
		if (RAND_bytes(pool, sizeof pool) != 1)
			return DK_EDB;
		left = sizeof pool;
	}
	left -= sizeof b;
	memcpy(b, pool + left, sizeof b);
	memset(pool + left, 0, sizeof b); /* each byte is handed out once */
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	to_hex(b, sizeof b, hex);
	/* 8-4-4-4-12 */
	memcpy(out, hex, 8);
	out[8] = '-';
	memcpy(out + 9, hex + 8, 4);
	out[13] = '-';
	memcpy(out + 14, hex + 12, 4);
	out[18] = '-';
	memcpy(out + 19, hex + 16, 4);
	out[23] = '-';
	memcpy(out + 24, hex + 20, 12);
	out[36] = '\0';
	return DK_OK;
}
