/* docket/dryrun.h: walking a blueprint's stage contract with metric values.
 *
 * The stages are walked in order and each gate is evaluated in order; the
 * first gate that fails blocks promotion there, and the branch names the
 * rollback path: before deploy, the current champion keeps serving; at
 * deploy or after, the plan's rollback patterns (its JSON body's
 * rollout.rollback). A metric without a value fails its gate.
 *
 * Given metrics, one branch is walked. Without them every branch is: one
 * where each metric takes a value passing all its gates (it must be
 * promoted), and one per gate where that gate's metric takes a failing
 * value (it must be blocked and name a rollback). A branch that does not
 * end so makes the dry-run fail.
 *
 * Ownership: metrics read by dk_metrics_read are released with
 * dk_metrics_free; rows go to a callback. The summary is the caller's and
 * is what the dry-run evidence item records (dk_dryrun_record). */
#ifndef DOCKET_DRYRUN_H
#define DOCKET_DRYRUN_H

#include <stddef.h>
#include <stdint.h>

#include "docket/rows.h"

struct dk_db;

struct dk_metric {
	char name[65];
	double value;
};

/* 1 when value op threshold holds (op one of <= < >= > == !=). */
int dk_gate_passes(const char *op, double threshold, double value);

/* Reads a CSV file "metric,value" (header required, one row per metric).
 * A bad row is refused naming the file and line; nothing is kept. */
int dk_metrics_read(const char *path, struct dk_metric **out, size_t *n, struct dk_error *err);
void dk_metrics_free(struct dk_metric *m);

struct dk_dryrun_summary {
	int branches;       /* walked */
	int promoted;       /* ended promoted */
	int blocked;        /* ended blocked, with a rollback path */
	int failed;         /* branches that did not end as they must (all-branches mode) */
	int passed;         /* promoted with the metrics given, or every branch as it must be */
	char text[1024];    /* one line for an evidence item */
};

/* Rows: branch, scenario, result (promoted | blocked | FAILED), stage, gate,
 * detail, rollback. metrics NULL walks every branch. */
int dk_dryrun(struct dk_db *db, int64_t blueprint_id, const struct dk_metric *metrics,
              size_t n_metrics, dk_row_fn fn, void *ctx, struct dk_dryrun_summary *sum,
              struct dk_error *err);

/* dk_dryrun, recorded. In one transaction: walks as dk_dryrun does (rows
 * to fn), then stores the result as one evidence item of kind dryrun,
 * collected on today (title: the summary's opening; summary: the summary
 * line and one line per branch; the metrics file, when given, hashed as
 * its artifact), and links it to every proposed or accepted decision of
 * the blueprint: supporting when the dry-run passed (promoted with the
 * metrics given, or every branch ended as it must), contradicting when it
 * did not. *evidence is the new EV id, *linked how many decisions it was
 * linked to. On failure nothing is written. */
int dk_dryrun_record(struct dk_db *db, int64_t blueprint_id, const struct dk_metric *metrics,
                     size_t n_metrics, const char *metrics_file, const char *today,
                     dk_row_fn fn, void *ctx, struct dk_dryrun_summary *sum, int64_t *evidence,
                     int *linked, struct dk_error *err);

#endif
