/* docket/audit.h: reading and verifying the change trail.
 *
 * The trail itself is written by SQL triggers (migrations/0001), so no code
 * path can skip it. Ownership: results are caller-owned structs; rows go to
 * a callback and are not kept. */
#ifndef DOCKET_AUDIT_H
#define DOCKET_AUDIT_H

#include <stdint.h>

#include "docket/hash.h"
#include "docket/rows.h"

struct dk_db;

struct dk_audit_filter {
	const char *entity; /* table name (person, context, ...) or NULL */
	const char *since;  /* YYYY-MM-DD (UTC) or NULL */
	int64_t limit;      /* newest N rows; 0 for all */
	const char *key;    /* a typed key: only that record's rows; or NULL */
};

/* Rows: seq, at, actor, action, entity, key (the record's typed key, its
 * owner's for a part such as a decision's option, a person's handle, a
 * team; or NULL), entity_id, row (JSON), hash; oldest first. DK_EINPUT for
 * an unknown kind or key, or --key with --entity. */
int dk_audit_log(struct dk_db *db, const struct dk_audit_filter *f, dk_row_fn fn, void *ctx,
                 struct dk_error *err);

/* The statement behind --key, for the query-plan test (binds :entity, :id,
 * :c1..:c4, :f1..:f4, :since, :limit). */
const char *dk_audit_log_key_sql(void);

struct dk_audit_result {
	int64_t rows;               /* rows checked */
	int64_t broken_seq;         /* first sequence that fails, 0 when intact */
	char reason[160];           /* why it fails */
	char head[DK_SHA256_HEX];   /* hash of the last row ("" when empty) */
	int64_t head_seq;           /* its sequence (0 when empty) */
	int64_t findings;           /* dk_audit_check: how many were found */
};

/* Recomputes the chain from the first row: every sequence present, each
 * row's hash over its content and the previous hash, and time never going
 * backwards. Returns DK_OK when it could be read (res says whether it is
 * intact), else a status. */
int dk_audit_verify(struct dk_db *db, struct dk_audit_result *res, struct dk_error *err);

/* Everything the file can prove about itself, each finding a row to fn
 * (check, seq, subject, finding), in this order:
 *   schema  every trigger and view exists with the SQL this binary expects;
 *   chain   dk_audit_verify;
 *   record  every record of an audited table equals the state its latest
 *           audit row gives it, every record the trail says exists does,
 *           and every audit row names a table the trail covers;
 *   search  the search index holds exactly what the decisions say.
 * Without an anchor kept elsewhere this cannot catch a chain rewritten and
 * re-hashed to its end together with the records (see docket/anchor.h).
 * Returns DK_OK when the checks could run (res->findings says how they
 * went), else a status. */
int dk_audit_check(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_audit_result *res,
                   struct dk_error *err);
/* The same checks inside a transaction the caller holds (a read snapshot,
 * or a write not yet committed, as a copy checks what it loaded): they see
 * what that transaction sees, and leave it open. */
int dk_audit_check_tx(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_audit_result *res,
                      struct dk_error *err);

/* DK_OK when some row's hash is hash, DK_EFAIL when none is. */
int dk_audit_has_hash(struct dk_db *db, const char *hash, struct dk_error *err);

/* The hash of one audit row, as the triggers compute it. */
void dk_audit_hash(int64_t seq, const char *prev, const char *at, const char *actor,
                   const char *action, const char *entity, int64_t entity_id,
                   const char *row, char out[DK_SHA256_HEX]);

#define DK_AUDIT_AT_LEN 40 /* an audit row's time as stored, cut to fit */

/* The hash and time of the row at seq. *found says whether there is one;
 * when not, hash and at are "". */
int dk_audit_row_at(struct dk_db *db, int64_t seq, char hash[DK_SHA256_HEX],
                    char at[DK_AUDIT_AT_LEN], int *found, struct dk_error *err);

#endif
