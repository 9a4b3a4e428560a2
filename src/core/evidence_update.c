/* evidence_update.c: correcting what is said of an item of evidence
 * (docket evidence update): its title, summary and URI. What was hashed
 * (sha256, size) is never changed: it is the proof of which bytes were
 * looked at. Only fields whose value differs are written. */
#include "docket/evidence.h"
#include "docket/withdraw.h"

#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/text.h"

static const char SQL_CURRENT[] = "SELECT title, summary, uri FROM evidence WHERE id = :id";
static const char SQL_UPDATE[] =
	"UPDATE evidence SET title = :title, summary = :summary, uri = :uri WHERE id = :id";

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int apply(struct dk_db *db, int64_t id, const struct dk_evidence_update *in,
                 struct dk_changes *ch, struct dk_error *err)
{
	char *cur[3] = {NULL, NULL, NULL};
	const char *next[3];
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_evidence_exists(db, id, err)) != DK_OK ||
	    (rc = dk_withdrawn_refuse(db, DK_WITHDRAW_EVIDENCE, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_CURRENT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		rc = DK_OK;
		for (int i = 0; i < 3; i++)
			if (!dk_col_is_null(s, i) && (cur[i] = strdup(dk_col_text(s, i))) == NULL)
				rc = dk_fail(err, DK_EDB, "out of memory");
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto out;
	next[0] = in->title ? in->title : cur[0];
	next[1] = in->summary ? (*in->summary ? in->summary : NULL) : cur[1];
	next[2] = in->uri ? (*in->uri ? in->uri : NULL) : cur[2];
	if (!same(next[0], cur[0]))
		dk_changes_add(ch, "title");
	if (!same(next[1], cur[1]))
		dk_changes_add(ch, "summary");
	if (!same(next[2], cur[2]))
		dk_changes_add(ch, "uri");
	if (ch->n == 0)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UPDATE, err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":title", next[0]);
	dk_bind_text(s, ":summary", next[1]);
	dk_bind_text(s, ":uri", next[2]);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	rc = rc == DK_DONE ? DK_OK : rc;
out:
	for (int i = 0; i < 3; i++)
		free(cur[i]);
	return rc;
}

int dk_evidence_update(struct dk_db *db, int64_t id, const struct dk_evidence_update *in,
                       struct dk_changes *changed, struct dk_error *err)
{
	int rc;

	memset(changed, 0, sizeof *changed);
	if (!in->title && !in->summary && !in->uri)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: --title, --summary, "
		               "--uri (the recorded hash and size never change: record new evidence "
		               "for other bytes)");
	if ((in->title && (rc = dk_check_text("--title", in->title, 200, 0, err))) ||
	    (in->summary && *in->summary &&
	     (rc = dk_check_text("--summary", in->summary, 100000, 1, err))) ||
	    (in->uri && *in->uri && (rc = dk_check_text("--uri", in->uri, 2048, 0, err))))
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	rc = apply(db, id, in, changed, err);
	if (rc != DK_OK || changed->n == 0) {
		dk_db_rollback(db);
		changed->n = 0;
		return rc;
	}
	if ((rc = dk_db_commit(db, err)) != DK_OK)
		changed->n = 0;
	return rc;
}
