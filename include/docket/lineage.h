/* docket/lineage.h: where a record came from and what rests on it.
 *
 * One recursive query walks the lineage_edge view (migrations/0005), which
 * is built from the foreign keys. Rows come out depth first, so a caller can
 * draw a tree as they arrive.
 *
 * Ownership: rows go to a callback and are not kept; the summary is a
 * caller-owned struct. */
#ifndef DOCKET_LINEAGE_H
#define DOCKET_LINEAGE_H

#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

enum dk_lineage_dir { DK_LINEAGE_UP = 1, DK_LINEAGE_DOWN = 2, DK_LINEAGE_BOTH = 3 };

#define DK_LINEAGE_DEFAULT_DEPTH 6
#define DK_LINEAGE_DEFAULT_NODES 200
#define DK_LINEAGE_MAX_DEPTH 100000 /* hard caps, whatever the options say */
#define DK_LINEAGE_MAX_NODES 100000

struct dk_lineage_query {
	const char *key;  /* a typed key: CTX-, BP-, D-, EV-, R-, VS-, RV- */
	int dir;          /* enum dk_lineage_dir */
	int64_t depth;    /* 1..DK_LINEAGE_MAX_DEPTH */
	int64_t max_nodes;/* 1..DK_LINEAGE_MAX_NODES, the root not counted */
};

struct dk_lineage_summary {
	int64_t shown;   /* rows passed to the callback, the root included */
	int64_t found;   /* rows the walk reached within the depth, the root included */
	int64_t deepest; /* the largest depth reached */
};

/* Rows: direction (root, up, down), depth, key, kind, label, relation (how
 * it is linked to via), via (the key one step nearer the root), detail
 * (hashes, URIs, versions). The root first, then up, then down, each depth
 * first. A node reached by two paths is a row for each path (the tree and
 * dot drawings show it once). An unknown key or kind is DK_EINPUT. */
int dk_lineage(struct dk_db *db, const struct dk_lineage_query *q, dk_row_fn fn, void *ctx,
               struct dk_lineage_summary *sum, struct dk_error *err);

#endif
