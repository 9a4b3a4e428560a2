/* Signed anchors: a line signed once verifies, and nothing else does. */
#include "support.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "docket/anchor.h"
#include "docket/audit.h"

struct keys {
	struct dk_anchor_key *priv, *pub, *other; /* other: another pair's public key */
};

static void make_keys(struct fixture *f, struct keys *k)
{
	char priv[400], pub[400], opriv[400], opub[400], fpr[DK_SHA256_HEX];
	struct dk_error err = {0};

	snprintf(priv, sizeof priv, "%s/k", f->dir);
	snprintf(pub, sizeof pub, "%s/k.pub", f->dir);
	snprintf(opriv, sizeof opriv, "%s/o", f->dir);
	snprintf(opub, sizeof opub, "%s/o.pub", f->dir);
	assert_int_equal(dk_anchor_keygen(priv, pub, fpr, &err), DK_OK);
	assert_int_equal(dk_anchor_keygen(opriv, opub, fpr, &err), DK_OK);
	assert_int_equal(dk_anchor_key_load(priv, DK_ANCHOR_PRIVATE, "--key", &k->priv, &err), DK_OK);
	assert_int_equal(dk_anchor_key_load(pub, DK_ANCHOR_PUBLIC, "--pubkey", &k->pub, &err), DK_OK);
	assert_int_equal(dk_anchor_key_load(opub, DK_ANCHOR_PUBLIC, "--pubkey", &k->other, &err), DK_OK);
	assert_string_equal(dk_anchor_key_fpr(k->priv), dk_anchor_key_fpr(k->pub));
	assert_string_not_equal(dk_anchor_key_fpr(k->pub), dk_anchor_key_fpr(k->other));
}

static void free_keys(struct keys *k)
{
	dk_anchor_key_free(k->priv);
	dk_anchor_key_free(k->pub);
	dk_anchor_key_free(k->other);
}

static void sample(struct dk_anchor *a)
{
	memset(a, 0, sizeof *a);
	memset(a->db, 'a', 64);
	a->seq = 42;
	memset(a->hash, 'b', 64);
	strcpy(a->at, "2026-11-23T10:00:00.000Z");
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor a, back;
	struct dk_error err = {0};
	char line[DK_ANCHOR_LINE_MAX];
	struct keys k;
	struct stat st;
	char path[400];

	make_keys(f, &k);
	snprintf(path, sizeof path, "%s/k", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/k.pub", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	sample(&a);
	assert_int_equal(dk_anchor_sign(k.priv, &a, line, &err), DK_OK);
	assert_string_equal(a.key, dk_anchor_key_fpr(k.priv));
	assert_non_null(strstr(line, "docket-anchor 1 db=aaaa"));
	assert_non_null(strstr(line, " seq=42 hash=bbbb"));
	assert_non_null(strstr(line, " at=2026-11-23T10:00:00.000Z key="));
	assert_int_equal(dk_anchor_check(k.pub, line, &back, &err), DK_OK);
	assert_string_equal(back.db, a.db);
	assert_int_equal(back.seq, 42);
	assert_string_equal(back.hash, a.hash);
	assert_string_equal(back.at, a.at);
	assert_string_equal(back.key, a.key);
	/* the private key checks its own lines too */
	assert_int_equal(dk_anchor_check(k.priv, line, &back, &err), DK_OK);
	/* and a public key cannot sign */
	assert_int_equal(dk_anchor_sign(k.pub, &a, line, &err), DK_EINPUT);
	free_keys(&k);
}

/* Every bit of every byte of the line matters: a flip anywhere, in a field
 * or in the signature, is either garbled or not what the key signed. */
static void test_flipped_bit_fails(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor a, back;
	struct dk_error err = {0};
	char line[DK_ANCHOR_LINE_MAX], bad[DK_ANCHOR_LINE_MAX];
	struct keys k;
	size_t len;

	make_keys(f, &k);
	sample(&a);
	assert_int_equal(dk_anchor_sign(k.priv, &a, line, &err), DK_OK);
	len = strlen(line);
	for (size_t i = 0; i < len; i++)
		for (int bit = 0; bit < 7; bit++) {
			int rc;
			memcpy(bad, line, len + 1);
			bad[i] ^= (char)(1 << bit);
			rc = dk_anchor_check(k.pub, bad, &back, &err);
			if (rc != DK_EINPUT && rc != DK_EFAIL)
				fail_msg("byte %zu bit %d flipped: status %d for %s", i, bit, rc, bad);
		}
	free_keys(&k);
}

static void test_wrong_key_fails(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor a, back;
	struct dk_error err = {0};
	char line[DK_ANCHOR_LINE_MAX], forged[DK_ANCHOR_LINE_MAX];
	struct keys k;
	char *key;

	make_keys(f, &k);
	sample(&a);
	assert_int_equal(dk_anchor_sign(k.priv, &a, line, &err), DK_OK);
	assert_int_equal(dk_anchor_check(k.other, line, &back, &err), DK_EFAIL);
	assert_non_null(strstr(err.msg, "signed by another key"));
	/* naming the other key in the line does not make the signature its own */
	memcpy(forged, line, sizeof line);
	key = strstr(forged, " key=") + 5;
	memcpy(key, dk_anchor_key_fpr(k.other), 64);
	assert_int_equal(dk_anchor_check(k.other, forged, &back, &err), DK_EFAIL);
	assert_non_null(strstr(err.msg, "signature does not match"));
	free_keys(&k);
}

static void test_garbled_lines(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor a, back;
	struct dk_error err = {0};
	char line[DK_ANCHOR_LINE_MAX], bad[2 * DK_ANCHOR_LINE_MAX];
	const char *sig;
	struct keys k;
	static const char *const garbled[] = {
		"", "docket-anchor", "docket-anchor 1", "hello world", "docket-anchor 2 db=",
		"docket-anchor 1 db=x seq=1 hash=x at=x key=x sig=x",
	};

	make_keys(f, &k);
	sample(&a);
	assert_int_equal(dk_anchor_sign(k.priv, &a, line, &err), DK_OK);
	for (size_t i = 0; i < sizeof garbled / sizeof *garbled; i++)
		assert_int_equal(dk_anchor_check(k.pub, garbled[i], &back, &err), DK_EINPUT);
	assert_int_equal(dk_anchor_parse("docket-anchor 2 db=", &back, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "version '2'"));
	/* a trailing space, a carriage return, a doubled space, a field more */
	snprintf(bad, sizeof bad, "%s ", line);
	assert_int_equal(dk_anchor_check(k.pub, bad, &back, &err), DK_EINPUT);
	snprintf(bad, sizeof bad, "%s\r", line);
	assert_int_equal(dk_anchor_check(k.pub, bad, &back, &err), DK_EINPUT);
	snprintf(bad, sizeof bad, "%s x=1", line);
	assert_int_equal(dk_anchor_check(k.pub, bad, &back, &err), DK_EINPUT);
	sig = strstr(line, " sig=");
	snprintf(bad, sizeof bad, "%.*s  sig=%s", (int)(sig - line), line, sig + 5);
	assert_int_equal(dk_anchor_check(k.pub, bad, &back, &err), DK_EINPUT);
	/* the signature without its padding */
	snprintf(bad, sizeof bad, "%.*s", (int)strlen(line) - 2, line);
	assert_int_equal(dk_anchor_check(k.pub, bad, &back, &err), DK_EINPUT);
	free_keys(&k);
}

static void test_keys_refused(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor_key *key = NULL;
	struct dk_error err = {0};
	char priv[400], pub[400], fpr[DK_SHA256_HEX];

	snprintf(priv, sizeof priv, "%s/k", f->dir);
	snprintf(pub, sizeof pub, "%s/k.pub", f->dir);
	assert_int_equal(dk_anchor_keygen(priv, pub, fpr, &err), DK_OK);
	assert_int_equal(dk_anchor_keygen(priv, pub, fpr, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "exists"));
	assert_int_equal(dk_anchor_key_load(pub, DK_ANCHOR_PRIVATE, "--key", &key, &err), DK_EINPUT);
	assert_null(key);
	assert_int_equal(chmod(pub, 0600), 0);
	assert_int_equal(dk_anchor_key_load(pub, DK_ANCHOR_PRIVATE, "--key", &key, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "not an Ed25519 private key"));
	assert_int_equal(dk_anchor_key_load(priv, DK_ANCHOR_PUBLIC, "--pubkey", &key, &err), DK_EINPUT);
	assert_int_equal(chmod(priv, 0640), 0);
	assert_int_equal(dk_anchor_key_load(priv, DK_ANCHOR_PRIVATE, "--key", &key, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "chmod 600"));
	assert_int_equal(dk_anchor_key_load(f->dir, DK_ANCHOR_PUBLIC, "--pubkey", &key, &err), DK_EINPUT);
	assert_null(key);
	dk_anchor_key_free(NULL);
}

struct seen {
	int n;
	int64_t line[8], seq[8];
	char what[8][512];
};

static int collect(void *ctx, const struct dk_anchor_finding *fd)
{
	struct seen *s = ctx;

	if (s->n < 8) {
		s->line[s->n] = fd->line;
		s->seq[s->n] = fd->seq;
		snprintf(s->what[s->n], sizeof s->what[0], "%s", fd->what);
	}
	s->n++;
	return 0;
}

/* Signs the head of the fixture's chain as it is, dated at. */
static void anchor_head(struct fixture *f, struct keys *k, const char *at, const char *path)
{
	struct dk_audit_result r;
	struct dk_anchor a = {0};
	struct dk_error err = {0};
	char line[DK_ANCHOR_LINE_MAX], rowat[DK_AUDIT_AT_LEN];
	int found, fd;

	assert_int_equal(dk_audit_verify(f->db, &r, &err), DK_OK);
	assert_int_equal(dk_audit_row_at(f->db, 1, a.db, rowat, &found, &err), DK_OK);
	assert_true(found);
	a.seq = r.rows;
	memcpy(a.hash, r.head, sizeof a.hash);
	if (at)
		snprintf(a.at, sizeof a.at, "%s", at);
	else
		dk_anchor_now(a.at);
	assert_int_equal(dk_anchor_sign(k->priv, &a, line, &err), DK_OK);
	assert_int_equal(dk_anchor_open(path, &fd, &err), DK_OK);
	assert_int_equal(dk_anchor_append(fd, path, line, &err), DK_OK);
	dk_anchor_close(fd);
}

static void test_verify_file(void **state)
{
	struct fixture *f = *state;
	struct dk_anchor_summary sum;
	struct dk_error err = {0};
	struct seen s = {0};
	struct keys k;
	struct stat st;
	char path[400];

	make_keys(f, &k);
	snprintf(path, sizeof path, "%s/anchors", f->dir);
	fixture_person(f, "ana", NULL);
	fixture_person(f, "bo", NULL);
	anchor_head(f, &k, NULL, path);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	fixture_person(f, "cy", NULL);
	anchor_head(f, &k, NULL, path);
	fixture_person(f, "dee", NULL);
	assert_int_equal(dk_anchor_verify_file(f->db, k.pub, path, 4, collect, &s, &sum, &err), DK_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(sum.lines, 2);
	assert_int_equal(sum.last_seq, 3);
	assert_int_equal(sum.findings, 0);

	/* the other pair's key: every line a finding */
	assert_int_equal(dk_anchor_verify_file(f->db, k.other, path, 4, collect, &s, &sum, &err), DK_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(sum.last_seq, 0);
	assert_non_null(strstr(s.what[0], "another key"));

	/* an anchor dated before its row: the chain's times were rewritten */
	s.n = 0;
	anchor_head(f, &k, "2000-01-01T00:00:00.000Z", path);
	assert_int_equal(dk_anchor_verify_file(f->db, k.pub, path, 4, collect, &s, &sum, &err), DK_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.line[0], 3);
	assert_int_equal(s.seq[0], 4);
	assert_non_null(strstr(s.what[0], "after the anchor was signed"));

	/* a chain shorter than an anchor: truncated */
	s.n = 0;
	assert_int_equal(dk_anchor_verify_file(f->db, k.pub, path, 2, collect, &s, &sum, &err), DK_OK);
	assert_true(s.n >= 2);
	assert_int_equal(s.line[0], 2);
	assert_non_null(strstr(s.what[0], "truncated"));

	/* a missing file is bad input, not a finding */
	snprintf(path, sizeof path, "%s/none", f->dir);
	assert_int_equal(dk_anchor_verify_file(f->db, k.pub, path, 4, collect, &s, &sum, &err), DK_EINPUT);
	free_keys(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_flipped_bit_fails, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_key_fails, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_garbled_lines, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_keys_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_verify_file, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
