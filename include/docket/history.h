/* docket/history.h: a record's history, read from the audit trail: when
 * it was created, then every field that changed, with who changed it,
 * when, and the value before and after.
 *
 * The trail keeps each write's whole row, so a change is the difference
 * between a row and the one before it of the same record: nothing is
 * recorded twice, and a column added by a later migration shows up as soon
 * as it changes. Values that name a record are shown as keys (owner as a
 * handle, D-n, RV-n); derived columns (a risk's likelihood and impact are
 * shown in its score) and the record's own bookkeeping are left out.
 *
 * Rows: seq, at, actor, change, from, to; oldest first, and in a fixed
 * order within one write. change is "created", "deleted", or the field's
 * name (a risk's owner, due, score, status, title, ..., withdrawn).
 * Ownership: rows go to a callback and are not kept. Reads only. */
#ifndef DOCKET_HISTORY_H
#define DOCKET_HISTORY_H

#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

/* A risk's history. The "created" row's to is "owner H, due D, score LxI=S". */
int dk_history_risk(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err);

/* A decision's history, with its evidence links (change "evidence": "EV-n
 * supports" or "EV-n contradicts", added, changed or removed) and the
 * links it makes to other decisions (change "link": "Amends D-n"). The
 * "created" row's to is "status S, area A". */
int dk_history_decision(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err);

#endif
