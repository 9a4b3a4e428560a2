/* docket/copy.h: every record of one docket database, with its id, UUID,
 * timestamps and its whole audit chain unchanged, into a new or empty one,
 * on the same engine or another: the way a team moves a file to a server.
 *
 * The source is only read, in one snapshot, and must be at this docket's
 * schema version and pass every check `docket audit verify` runs
 * (dk_audit_check). The destination is created with the latest schema, or
 * is a docket database at that version that holds no record; it is loaded
 * in one write transaction with its triggers off (dk_db_load_begin), so no
 * audit row is added and no rule runs again, then checked the same way
 * before the commit, and its audit head must be the source's.
 *
 * Ownership: the result is the caller's struct; its table names are
 * static. Nothing else is kept. */
#ifndef DOCKET_COPY_H
#define DOCKET_COPY_H

#include <stdint.h>

#include "docket/error.h"
#include "docket/hash.h"

#define DK_COPY_MAX_TABLES 32

struct dk_copy_count {
	const char *table; /* static */
	int64_t rows;      /* rows copied */
};

struct dk_copy_result {
	int ntables;
	struct dk_copy_count tables[DK_COPY_MAX_TABLES]; /* in the order copied; audit_log last */
	int64_t records;          /* rows of every table but audit_log */
	int64_t audit_rows;       /* rows of audit_log */
	int64_t head_seq;         /* the chain's last sequence, at both ends (0: empty) */
	char head[DK_SHA256_HEX]; /* its hash ("" when empty) */
};

/* The tables a copy writes, NULL-terminated, in foreign-key order (each
 * after every table its rows name; a table that names itself is copied in
 * id order, its forward references held to the commit), audit_log last.
 * They are the tables the trail covers (docket/schema.h) and the trail;
 * schema_migration is the destination's own, and the search indexes are
 * derived. */
const char *const *dk_copy_tables(void);

/* Copies from into to (each a path, or whatever dk_store_open takes),
 * writing as actor. res is filled on success.
 *
 * Refused with DK_EINPUT, and nothing written anywhere: from or to empty
 * or the same text; from not at this docket's schema version (migrate it
 * first); from failing a check of audit verify (the message names the
 * first finding); to existing but not a docket database at this version,
 * or holding any record or audit row. A source that cannot be opened is
 * the store's error (DK_EDB). Any failure after the destination was
 * created rolls the load back: a destination created here is left as
 * docket init leaves one (empty, so the copy can be run into it again). */
int dk_copy(const char *from, const char *to, const char *actor, struct dk_copy_result *res,
            struct dk_error *err);

#endif
