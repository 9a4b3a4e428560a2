#include "docket/anchor.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/audit.h"

#define SIG_LEN 64     /* an Ed25519 signature */
#define SIG_B64_LEN 88 /* its base64, with the padding */

struct dk_anchor_key {
	EVP_PKEY *pkey;
	int private;             /* can sign */
	char fpr[DK_SHA256_HEX]; /* SHA-256 of the raw public key */
};

static int fingerprint(EVP_PKEY *pkey, char fpr[DK_SHA256_HEX])
{
	unsigned char raw[64];
	size_t len = sizeof raw;

	if (EVP_PKEY_get_raw_public_key(pkey, raw, &len) != 1)
		return -1;
	dk_sha256_hex(raw, len, fpr);
	return 0;
}

/* Writes one PEM file that must not exist yet, with exactly mode. */
static int write_pem(const char *path, mode_t mode, EVP_PKEY *pkey, int private,
                     struct dk_error *err)
{
	FILE *f;
	int fd, ok;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return dk_fail(err, errno == EEXIST || errno == ELOOP || errno == ENOENT ||
		                   errno == ENOTDIR || errno == EISDIR ? DK_EINPUT : DK_EDB,
		               "cannot create '%s': %s", path, strerror(errno));
	/* the umask must not widen or narrow what the key file is meant to be */
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(path);
		return dk_fail(err, DK_EDB, "cannot write '%s': %s", path, strerror(errno));
	}
	ok = private ? PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL)
	             : PEM_write_PUBKEY(f, pkey);
	ok = ok == 1 && fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok) {
		unlink(path);
		ERR_clear_error();
		return dk_fail(err, DK_EDB, "cannot write '%s'", path);
	}
	return DK_OK;
}

static int refuse_existing(const char *path, struct dk_error *err)
{
	struct stat st;

	if (*path == '\0')
		return dk_fail(err, DK_EINPUT, "a key file name is empty");
	if (lstat(path, &st) == 0)
		return dk_fail(err, DK_EINPUT, "'%s' %s: docket never overwrites a key", path,
		               S_ISLNK(st.st_mode) ? "is a symbolic link" : "exists");
	return DK_OK;
}

int dk_anchor_keygen(const char *priv_path, const char *pub_path, char fpr[DK_SHA256_HEX],
                     struct dk_error *err)
{
	EVP_PKEY_CTX *kctx = NULL;
	EVP_PKEY *pkey = NULL;
	int rc;

	if ((rc = refuse_existing(priv_path, err)) != DK_OK ||
	    (rc = refuse_existing(pub_path, err)) != DK_OK)
		return rc;
	kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	if (kctx == NULL || EVP_PKEY_keygen_init(kctx) != 1 || EVP_PKEY_keygen(kctx, &pkey) != 1 ||
	    fingerprint(pkey, fpr) != 0) {
		rc = dk_fail(err, DK_EDB, "cannot make an Ed25519 key");
		goto out;
	}
	if ((rc = write_pem(priv_path, 0600, pkey, 1, err)) != DK_OK)
		goto out;
	if ((rc = write_pem(pub_path, 0644, pkey, 0, err)) != DK_OK)
		unlink(priv_path);
out:
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(kctx);
	ERR_clear_error();
	return rc;
}

/* An encrypted key would make OpenSSL prompt on the terminal; a cron job
 * has none, so a passphrase is refused instead. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf, (void)size, (void)rwflag, (void)u;
	return -1;
}

int dk_anchor_key_load(const char *path, enum dk_anchor_keykind kind, const char *opt,
                       struct dk_anchor_key **out, struct dk_error *err)
{
	const char *what = kind == DK_ANCHOR_PRIVATE ? "private" : "public";
	struct dk_anchor_key *k = NULL;
	EVP_PKEY *pkey = NULL;
	struct stat st;
	FILE *f;
	int fd;

	*out = NULL;
	if (*path == '\0')
		return dk_fail(err, DK_EINPUT, "%s '' is not a file name", opt);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return dk_fail(err, DK_EINPUT, "%s '%s': cannot read it: %s", opt, path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dk_fail(err, DK_EINPUT, "%s '%s' is not a regular file", opt, path);
	}
	if (kind == DK_ANCHOR_PRIVATE && (st.st_mode & 077) != 0) {
		close(fd);
		return dk_fail(err, DK_EINPUT, "%s '%s' can be read or written by others (mode %04o): "
		               "chmod 600 it", opt, path, (unsigned)(st.st_mode & 07777));
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return dk_fail(err, DK_EDB, "%s '%s': %s", opt, path, strerror(errno));
	}
	pkey = kind == DK_ANCHOR_PRIVATE ? PEM_read_PrivateKey(f, NULL, no_passphrase, NULL)
	                                 : PEM_read_PUBKEY(f, NULL, no_passphrase, NULL);
	fclose(f);
	ERR_clear_error();
	if (pkey == NULL || EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(pkey);
		return dk_fail(err, DK_EINPUT, "%s '%s' is not an Ed25519 %s key in PEM (as docket "
		               "audit keygen writes; a passphrase is not supported)", opt, path, what);
	}
	if ((k = calloc(1, sizeof *k)) == NULL || fingerprint(pkey, k->fpr) != 0) {
		free(k);
		EVP_PKEY_free(pkey);
		return dk_fail(err, DK_EDB, "cannot load %s '%s'", opt, path);
	}
	k->pkey = pkey;
	k->private = kind == DK_ANCHOR_PRIVATE;
	*out = k;
	return DK_OK;
}

void dk_anchor_key_free(struct dk_anchor_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

const char *dk_anchor_key_fpr(const struct dk_anchor_key *k) { return k->fpr; }

int dk_anchor_sign(const struct dk_anchor_key *k, struct dk_anchor *a,
                   char line[DK_ANCHOR_LINE_MAX], struct dk_error *err)
{
	unsigned char sig[SIG_LEN], b64[SIG_B64_LEN + 1];
	size_t siglen = sizeof sig;
	EVP_MD_CTX *m;
	int n, ok;

	if (!k->private)
		return dk_fail(err, DK_EINPUT, "a public key cannot sign");
	memcpy(a->key, k->fpr, sizeof a->key);
	n = snprintf(line, DK_ANCHOR_LINE_MAX, "docket-anchor 1 db=%s seq=%" PRId64 " hash=%s at=%s key=%s",
	             a->db, a->seq, a->hash, a->at, a->key);
	if (n < 0 || n + 5 + SIG_B64_LEN >= DK_ANCHOR_LINE_MAX)
		return dk_fail(err, DK_EINPUT, "the anchor does not fit in a line");
	/* PureEdDSA signs the message in one pass: no digest is named */
	m = EVP_MD_CTX_new();
	ok = m != NULL && EVP_DigestSignInit(m, NULL, NULL, NULL, k->pkey) == 1 &&
	     EVP_DigestSign(m, sig, &siglen, (const unsigned char *)line, (size_t)n) == 1 &&
	     siglen == SIG_LEN;
	EVP_MD_CTX_free(m);
	ERR_clear_error();
	if (!ok)
		return dk_fail(err, DK_EDB, "cannot sign the anchor");
	EVP_EncodeBlock(b64, sig, SIG_LEN);
	snprintf(line + n, DK_ANCHOR_LINE_MAX - (size_t)n, " sig=%s", (const char *)b64);
	return DK_OK;
}

static int is_hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int is_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";

	if (strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

/* Decodes a signature, accepting only the one base64 spelling of 64 bytes. */
static int decode_sig(const char *s, unsigned char sig[SIG_LEN])
{
	unsigned char buf[SIG_B64_LEN], again[SIG_B64_LEN + 1];

	if (strlen(s) != SIG_B64_LEN ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") != SIG_B64_LEN - 2 ||
	    strcmp(s + SIG_B64_LEN - 2, "==") != 0)
		return -1;
	if (EVP_DecodeBlock(buf, (const unsigned char *)s, SIG_B64_LEN) != 66)
		return -1;
	memcpy(sig, buf, SIG_LEN);
	EVP_EncodeBlock(again, sig, SIG_LEN);
	return strcmp((const char *)again, s) == 0 ? 0 : -1;
}

/* Splits a copy of line at single spaces; returns the number of fields,
 * or -1 when there are more than max. */
static int split(char *copy, char **f, int max)
{
	int n = 0;

	for (char *p = copy;; p++) {
		if (n == max)
			return -1;
		f[n++] = p;
		if ((p = strchr(p, ' ')) == NULL)
			return n;
		*p = '\0';
	}
}

static const char USAGE_LINE[] =
	"'docket-anchor 1 db=HEX seq=N hash=HEX at=TIME key=HEX sig=BASE64'";

int dk_anchor_parse(const char *line, struct dk_anchor *a, struct dk_error *err)
{
	static const char *const names[] = {"db=", "seq=", "hash=", "at=", "key=", "sig="};
	char copy[DK_ANCHOR_LINE_MAX], *f[9];
	const char *v[6];
	char *end;
	int n;

	memset(a, 0, sizeof *a);
	if (strlen(line) >= sizeof copy)
		return dk_fail(err, DK_EINPUT, "the line is too long to be an anchor");
	memcpy(copy, line, strlen(line) + 1);
	n = split(copy, f, 9);
	if (n < 2 || strcmp(f[0], "docket-anchor") != 0)
		return dk_fail(err, DK_EINPUT, "not an anchor line (expected %s)", USAGE_LINE);
	if (strcmp(f[1], "1") != 0)
		return dk_fail(err, DK_EINPUT, "anchor format version '%.20s' is not one this docket "
		               "reads (1)", f[1]);
	if (n != 8)
		return dk_fail(err, DK_EINPUT, "the line has %s fields than an anchor (expected %s)",
		               n < 8 ? "fewer" : "more", USAGE_LINE);
	for (int i = 0; i < 6; i++) {
		size_t len = strlen(names[i]);
		if (strncmp(f[i + 2], names[i], len) != 0)
			return dk_fail(err, DK_EINPUT, "field %d is not %.*s... (expected %s)", i + 3,
			               (int)len - 1, names[i], USAGE_LINE);
		v[i] = f[i + 2] + len;
	}
	if (!is_hex64(v[0]))
		return dk_fail(err, DK_EINPUT, "db= is not a SHA-256 (64 lower-case hex digits)");
	errno = 0;
	a->seq = strtoll(v[1], &end, 10);
	if (v[1][0] < '1' || v[1][0] > '9' || *end != '\0' || errno != 0 || a->seq < 1)
		return dk_fail(err, DK_EINPUT, "seq= is not a sequence number (1 or more, no leading zeros)");
	if (!is_hex64(v[2]))
		return dk_fail(err, DK_EINPUT, "hash= is not a SHA-256 (64 lower-case hex digits)");
	if (!is_time(v[3]))
		return dk_fail(err, DK_EINPUT, "at= is not a UTC time (YYYY-MM-DDTHH:MM:SS.mmmZ)");
	if (!is_hex64(v[4]))
		return dk_fail(err, DK_EINPUT, "key= is not a key fingerprint (64 lower-case hex digits)");
	{
		unsigned char sig[SIG_LEN];
		if (decode_sig(v[5], sig) != 0)
			return dk_fail(err, DK_EINPUT, "sig= is not a base64 Ed25519 signature");
	}
	memcpy(a->db, v[0], DK_SHA256_HEX);
	memcpy(a->hash, v[2], DK_SHA256_HEX);
	memcpy(a->at, v[3], DK_ANCHOR_TIME_LEN);
	memcpy(a->key, v[4], DK_SHA256_HEX);
	return DK_OK;
}

int dk_anchor_check(const struct dk_anchor_key *pub, const char *line, struct dk_anchor *a,
                    struct dk_error *err)
{
	unsigned char sig[SIG_LEN];
	const char *s;
	EVP_MD_CTX *m;
	int rc, ok;

	if ((rc = dk_anchor_parse(line, a, err)) != DK_OK)
		return rc;
	if (strcmp(a->key, pub->fpr) != 0)
		return dk_fail(err, DK_EFAIL, "signed by another key (%.16s...), not the --pubkey's (%.16s...)",
		               a->key, pub->fpr);
	s = strstr(line, " sig=");
	decode_sig(s + 5, sig);
	m = EVP_MD_CTX_new();
	ok = m != NULL && EVP_DigestVerifyInit(m, NULL, NULL, NULL, pub->pkey) == 1 &&
	     EVP_DigestVerify(m, sig, SIG_LEN, (const unsigned char *)line, (size_t)(s - line)) == 1;
	EVP_MD_CTX_free(m);
	ERR_clear_error();
	if (!ok)
		return dk_fail(err, DK_EFAIL, "the signature does not match the line: it was edited or "
		               "forged");
	return DK_OK;
}

int dk_anchor_open(const char *path, int *fd, struct dk_error *err)
{
	struct stat st;

	*fd = -1;
	if (*path == '\0')
		return dk_fail(err, DK_EINPUT, "--anchors '' is not a file name");
	/* O_NONBLOCK: a FIFO with no reader fails instead of hanging */
	*fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0644);
	if (*fd < 0 && errno == ENXIO)
		return dk_fail(err, DK_EINPUT, "--anchors '%s' is not a regular file", path);
	if (*fd < 0)
		return dk_fail(err, errno == ENOENT || errno == ENOTDIR || errno == EISDIR ? DK_EINPUT : DK_EDB,
		               "--anchors '%s': cannot append to it: %s", path, strerror(errno));
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		dk_anchor_close(*fd);
		*fd = -1;
		return dk_fail(err, DK_EINPUT, "--anchors '%s' is not a regular file", path);
	}
	while (flock(*fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			dk_fail(err, DK_EDB, "--anchors '%s': cannot lock it: %s", path, strerror(errno));
			dk_anchor_close(*fd);
			*fd = -1;
			return DK_EDB;
		}
	return DK_OK;
}

int dk_anchor_append(int fd, const char *path, const char *line, struct dk_error *err)
{
	char buf[DK_ANCHOR_LINE_MAX + 1];
	size_t len = strlen(line);
	ssize_t put;

	if (len >= DK_ANCHOR_LINE_MAX)
		return dk_fail(err, DK_EINPUT, "the anchor does not fit in a line");
	memcpy(buf, line, len);
	buf[len] = '\n';
	/* one write, so that a reader never sees half a line from a whole run */
	put = write(fd, buf, len + 1);
	if (put != (ssize_t)(len + 1) || fsync(fd) != 0)
		return dk_fail(err, DK_EDB, "--anchors '%s': cannot append to it: %s", path,
		               put < 0 || put == (ssize_t)(len + 1) ? strerror(errno) : "short write");
	return DK_OK;
}

void dk_anchor_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

void dk_anchor_now(char at[DK_ANCHOR_TIME_LEN])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	if (strftime(at, DK_ANCHOR_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm) != 19)
		snprintf(at, DK_ANCHOR_TIME_LEN, "0000-00-00T00:00:00");
	snprintf(at + 19, DK_ANCHOR_TIME_LEN - 19, ".%03uZ", (unsigned)(ts.tv_nsec / 1000000) % 1000);
}

struct walk {
	dk_anchor_finding_fn fn;
	void *ctx;
	struct dk_anchor_summary *sum;
};

static int finding(struct walk *w, int64_t line, int64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int finding(struct walk *w, int64_t line, int64_t seq, const char *fmt, ...)
{
	struct dk_anchor_finding f = {line, seq, NULL};
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	f.what = what;
	w->sum->findings++;
	return w->fn(w->ctx, &f);
}

/* Checks one well-signed anchor against the chain: 0 when it holds, 1
 * when a finding was reported, or a status from fn or the database (the
 * return of *rc). */
static int against_chain(struct dk_db *db, struct walk *w, int64_t n, const struct dk_anchor *a,
                         const char *first, int64_t last_seq, int *rc, struct dk_error *err)
{
	char hash[DK_SHA256_HEX], at[DK_AUDIT_AT_LEN];
	int found;

	if (a->seq > last_seq) {
		*rc = finding(w, n, a->seq, "the chain ends at row %" PRId64 ", before the anchored "
		              "row %" PRId64 ": rows were removed (truncated)", last_seq, a->seq);
		return 1;
	}
	if (strcmp(a->db, first) != 0) {
		*rc = finding(w, n, a->seq, "the anchor is for a chain whose first row is %.12s..., this "
		              "one's is %.12s...: another database's anchor, or the chain was rewritten "
		              "from its first row", a->db, first);
		return 1;
	}
	if ((*rc = dk_audit_row_at(db, a->seq, hash, at, &found, err)) != DK_OK)
		return 1;
	if (!found || strcmp(hash, a->hash) != 0) {
		*rc = finding(w, n, a->seq, "the chain's row %" PRId64 " has hash %.12s..., the anchor "
		              "signed %.12s...: the chain was rewritten at or before row %" PRId64,
		              a->seq, found ? hash : "(none)", a->hash, a->seq);
		return 1;
	}
	if (strcmp(at, a->at) > 0) {
		*rc = finding(w, n, a->seq, "the chain's row %" PRId64 " is dated %s, after the anchor "
		              "was signed (%s): its times were rewritten", a->seq, at, a->at);
		return 1;
	}
	return 0;
}

int dk_anchor_verify_file(struct dk_db *db, const struct dk_anchor_key *pub, const char *path,
                          int64_t last_seq, dk_anchor_finding_fn fn, void *ctx,
                          struct dk_anchor_summary *sum, struct dk_error *err)
{
	struct walk w = {fn, ctx, sum};
	struct dk_anchor a, prev;
	char first[DK_SHA256_HEX], first_at[DK_AUDIT_AT_LEN];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t n = 0, prev_line = 0;
	struct stat st;
	FILE *f = NULL;
	int fd, found, rc;

	memset(sum, 0, sizeof *sum);
	if (*path == '\0')
		return dk_fail(err, DK_EINPUT, "--anchors '' is not a file name");
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return dk_fail(err, DK_EINPUT, "--anchors '%s': cannot read it: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dk_fail(err, DK_EINPUT, "--anchors '%s' is not a regular file", path);
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return dk_fail(err, DK_EDB, "--anchors '%s': %s", path, strerror(errno));
	}
	if ((rc = dk_audit_row_at(db, 1, first, first_at, &found, err)) != DK_OK)
		goto out;
	while (rc == DK_OK && (len = getline(&line, &cap, f)) >= 0) {
		struct dk_error e = {0};
		int st_line;

		n++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		sum->lines++;
		if (strlen(line) != (size_t)len) {
			rc = finding(&w, n, 0, "the line holds a NUL byte: not an anchor line");
			continue;
		}
		st_line = dk_anchor_check(pub, line, &a, &e);
		if (st_line == DK_EINPUT || st_line == DK_EFAIL) {
			rc = finding(&w, n, st_line == DK_EFAIL ? a.seq : 0, "%s", e.msg);
			continue;
		}
		if (st_line != DK_OK) {
			rc = dk_fail(err, st_line, "%s", e.msg);
			break;
		}
		if (against_chain(db, &w, n, &a, first, last_seq, &rc, err)) {
			/* a genuine anchor still orders the ones after it */
		} else if (prev_line && a.seq < prev.seq) {
			rc = finding(&w, n, a.seq, "it anchors row %" PRId64 ", below line %" PRId64 "'s row %"
			             PRId64 ": anchors go backwards (lines reordered, or taken from a copy)",
			             a.seq, prev_line, prev.seq);
		} else if (prev_line && strcmp(a.at, prev.at) < 0) {
			rc = finding(&w, n, a.seq, "it was signed at %s, before line %" PRId64 " (%s): anchors "
			             "go back in time", a.at, prev_line, prev.at);
		} else {
			if (a.seq > sum->last_seq)
				sum->last_seq = a.seq;
			if (strcmp(a.at, sum->last_at) > 0)
				memcpy(sum->last_at, a.at, sizeof a.at);
		}
		prev = a;
		prev_line = n;
	}
	if (rc == DK_OK && ferror(f))
		rc = dk_fail(err, DK_EDB, "--anchors '%s': cannot read it: %s", path, strerror(errno));
	if (rc == DK_OK && n == 0)
		rc = finding(&w, 0, 0, "the file holds no anchors");
out:
	free(line);
	fclose(f);
	return rc;
}
