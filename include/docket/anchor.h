/* docket/anchor.h: signed anchors of the audit chain's head (Ed25519,
 * OpenSSL), so that a chain rewritten by someone without the private key
 * no longer matches what was signed.
 *
 * An anchor is one line of text:
 *
 *   docket-anchor 1 db=HEX seq=N hash=HEX at=TIME key=HEX sig=BASE64
 *
 * 1 is the format version; db the hash of the chain's first row (which
 * database); seq and hash the head that was signed; at when it was signed
 * (UTC, as audit rows are dated: 2026-11-23T10:00:00.000Z); key the
 * SHA-256 of the raw 32-byte public key; sig the Ed25519 signature, in
 * base64, of every byte of the line before " sig=".
 *
 * Ownership: a struct dk_anchor_key comes from dk_anchor_key_load and is
 * released with dk_anchor_key_free (NULL is safe). struct dk_anchor and
 * every line buffer belong to the caller. On failure a function fills err
 * and leaves no file behind that it created. */
#ifndef DOCKET_ANCHOR_H
#define DOCKET_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

#include "docket/error.h"
#include "docket/hash.h"

struct dk_db;
struct dk_anchor_key;

#define DK_ANCHOR_LINE_MAX 400 /* a line, with room to spare, and its NUL */
#define DK_ANCHOR_TIME_LEN 25  /* YYYY-MM-DDTHH:MM:SS.mmmZ and a NUL */

struct dk_anchor {
	char db[DK_SHA256_HEX];      /* hash of the chain's first row */
	int64_t seq;                 /* the anchored head's sequence */
	char hash[DK_SHA256_HEX];    /* the anchored head's hash */
	char at[DK_ANCHOR_TIME_LEN]; /* when it was signed */
	char key[DK_SHA256_HEX];     /* fingerprint of the signing key */
};

/* Makes a key pair: the private key as PKCS#8 PEM in priv_path (mode
 * 0600), the public key as PEM in pub_path (mode 0644). Neither may exist
 * (a symbolic link counts, dangling or not): DK_EINPUT. fpr gets the key's
 * fingerprint. On failure neither file is left. */
int dk_anchor_keygen(const char *priv_path, const char *pub_path, char fpr[DK_SHA256_HEX],
                     struct dk_error *err);

enum dk_anchor_keykind { DK_ANCHOR_PRIVATE, DK_ANCHOR_PUBLIC };

/* Loads an Ed25519 key from a PEM file. A private key file must be a
 * regular file that only its owner can read or write (like ssh's). opt
 * names the option for messages ("--key"). DK_EINPUT when the file is not
 * such a key. */
int dk_anchor_key_load(const char *path, enum dk_anchor_keykind kind, const char *opt,
                       struct dk_anchor_key **out, struct dk_error *err);
void dk_anchor_key_free(struct dk_anchor_key *k);
/* The key's fingerprint (64 hex digits), owned by the key. */
const char *dk_anchor_key_fpr(const struct dk_anchor_key *k);

/* Sets a->key to k's fingerprint and writes the signed line (no newline)
 * into line. k must be a private key. */
int dk_anchor_sign(const struct dk_anchor_key *k, struct dk_anchor *a,
                   char line[DK_ANCHOR_LINE_MAX], struct dk_error *err);
/* Reads the fields of a line (no newline) without checking the signature:
 * DK_EINPUT, with what is wrong, when it is not a version 1 anchor line. */
int dk_anchor_parse(const char *line, struct dk_anchor *a, struct dk_error *err);
/* Parses line and checks that pub signed it: DK_OK; DK_EINPUT when the
 * line is garbled; DK_EFAIL when another key signed it or the signature
 * does not match the line. err says which. */
int dk_anchor_check(const struct dk_anchor_key *pub, const char *line, struct dk_anchor *a,
                    struct dk_error *err);

/* Opens the anchor file at path for appending, creating it with mode 0644
 * when it is missing, and waits for an exclusive lock on it (flock), so
 * that anchor runs at once append in the order they verified and signed.
 * path must be (or become) a regular file: DK_EINPUT otherwise. On
 * success *fd is open and locked until dk_anchor_close. */
int dk_anchor_open(const char *path, int *fd, struct dk_error *err);
/* Appends line and a newline in one write (O_APPEND) and syncs the file to
 * disk. path names the file for messages. */
int dk_anchor_append(int fd, const char *path, const char *line, struct dk_error *err);
/* Closes and so unlocks fd (-1 is safe). */
void dk_anchor_close(int fd);

/* The current time as an anchor's at field. */
void dk_anchor_now(char at[DK_ANCHOR_TIME_LEN]);

/* One thing wrong with an anchor file. */
struct dk_anchor_finding {
	int64_t line;      /* 1-based line number; 0 for the file as a whole */
	int64_t seq;       /* the anchored sequence, 0 when the line has none */
	const char *what;  /* what is wrong; valid during the callback only */
};
typedef int (*dk_anchor_finding_fn)(void *ctx, const struct dk_anchor_finding *f);

struct dk_anchor_summary {
	int64_t lines;    /* anchor lines read */
	int64_t findings; /* findings reported */
	int64_t last_seq; /* highest sequence a good line anchors, 0 when none */
	char last_at[DK_ANCHOR_TIME_LEN]; /* latest time a good line was signed, "" when none */
};

/* Checks every line of the anchor file at path against the chain in db,
 * whose last row is last_seq and was found intact by dk_audit_verify:
 * each line is signed by pub; the chain's row at each anchored seq has
 * the anchored hash (so the chain up to it was neither rewritten nor
 * truncated), its first row is the anchored db, and its time is not after
 * the anchor's; seq and time never go down from one good line to the next.
 * A file with no lines is a finding. Each finding goes to fn (a non-zero
 * return from fn stops the walk and is returned). Returns DK_OK when the
 * file could be read (sum says what was found), DK_EINPUT when it cannot
 * be opened or is not a regular file, else a status. */
int dk_anchor_verify_file(struct dk_db *db, const struct dk_anchor_key *pub, const char *path,
                          int64_t last_seq, dk_anchor_finding_fn fn, void *ctx,
                          struct dk_anchor_summary *sum, struct dk_error *err);

#endif
