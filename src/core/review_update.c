/* review_update.c: correcting a design review (docket review update): its
 * date, blueprint, attendees and notes. The attendees given replace the
 * recorded ones: only those who leave are deleted and only those who join
 * are inserted, so each change is one audit row. Nothing is written when
 * every value given is the current one. */
#include "docket/review.h"
#include "docket/withdraw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/file.h"
#include "docket/text.h"

#include "dialect.h"

#define NOTES_MAX 100000

static const char SQL_CURRENT[] = "SELECT held_on, blueprint_id, notes FROM review WHERE id = :id";
static const char SQL_BLUEPRINT_EXISTS[] = "SELECT id FROM blueprint WHERE id = :id";
static const char SQL_UPDATE[] =
	"UPDATE review SET held_on = :held_on, blueprint_id = :blueprint, notes = :notes "
	"WHERE id = :id";
#define SQL_UNKNOWN_TEXT(D) \
	"SELECT h.value FROM " D##_JSON_EACH(":handles", "h") \
	" WHERE h.value NOT IN (SELECT handle FROM person) LIMIT 1"
static const struct dk_sql SQL_UNKNOWN = DK_SQL_BOTH(SQL_UNKNOWN_TEXT);
/* How many attendees would leave or join. */
#define SQL_DIFF_TEXT(D) \
	"SELECT (SELECT count(*) FROM review_attendee WHERE review_id = :review AND person_id NOT IN" \
	"    (SELECT p.id FROM " D##_JSON_EACH(":handles", "h") " JOIN person p ON p.handle = h.value))" \
	" + (SELECT count(*) FROM (SELECT DISTINCT j.value FROM " D##_JSON_EACH(":handles", "j") ") h" \
	"    JOIN person p ON p.handle = h.value" \
	"    WHERE p.id NOT IN (SELECT person_id FROM review_attendee WHERE review_id = :review))"
static const struct dk_sql SQL_DIFF = DK_SQL_BOTH(SQL_DIFF_TEXT);
#define SQL_LEAVE_TEXT(D) \
	"DELETE FROM review_attendee WHERE review_id = :review AND person_id NOT IN" \
	"  (SELECT p.id FROM " D##_JSON_EACH(":handles", "h") " JOIN person p ON p.handle = h.value)"
static const struct dk_sql SQL_LEAVE = DK_SQL_BOTH(SQL_LEAVE_TEXT);
#define SQL_JOIN_TEXT(D) \
	"INSERT INTO review_attendee (uuid, review_id, person_id, created_at, created_by) " \
	"SELECT docket_uuid(), :review, p.id, docket_now(), docket_actor() " \
	"FROM (SELECT DISTINCT j.value FROM " D##_JSON_EACH(":handles", "j") ") h " \
	"JOIN person p ON p.handle = h.value " \
	"WHERE p.id NOT IN (SELECT person_id FROM review_attendee WHERE review_id = :review) " \
	"ORDER BY p.handle"
static const struct dk_sql SQL_JOIN = DK_SQL_BOTH(SQL_JOIN_TEXT);

struct work {
	struct dk_buf handles;
	char *file_notes;
	const char *notes; /* the notes given, or NULL */
	char *cur_on, *cur_notes;
	int64_t cur_bp;
};

static int check(const struct dk_review_update *in, struct work *w, struct dk_error *err)
{
	int rc;

	if (!in->held_on && !in->blueprint_id && !in->attendees && !in->notes && !in->notes_file)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: --on, --blueprint, "
		               "--attendees, --notes, --notes-file");
	if (in->held_on && !dk_date_valid(in->held_on))
		return dk_fail(err, DK_EINPUT, "--on '%.40s' is not a date (%s)", in->held_on,
		               DK_DATE_FORMS);
	if (in->attendees) {
		if ((rc = dk_list_to_json("--attendees", in->attendees, 32, 200, &w->handles, err)))
			return rc;
		if (strcmp(dk_buf_str(&w->handles), "[]") == 0)
			return dk_fail(err, DK_EINPUT, "--attendees is empty (at least one person handle)");
	}
	if (in->notes && in->notes_file)
		return dk_fail(err, DK_EINPUT, "--notes and --notes-file are alternatives: give one");
	w->notes = in->notes;
	if (in->notes_file) {
		if ((rc = dk_review_read_notes(in->notes_file, &w->file_notes, err)) != DK_OK)
			return rc;
		w->notes = w->file_notes;
	}
	if (w->notes && *w->notes &&
	    (rc = dk_check_text(in->notes_file ? "--notes-file" : "--notes", w->notes, NOTES_MAX, 1,
	                        err)) != DK_OK)
		return rc;
	return DK_OK;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Runs sql with :review and :handles; *n gets its one integer, if it has one. */
static int run(struct dk_db *db, const char *sql, int64_t id, const struct work *w,
               int64_t *n, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":review", id);
	dk_bind_text(s, ":handles", dk_buf_str(&w->handles));
	if (n != NULL) {
		rc = dk_stmt_one_int(s, n, &found, err);
	} else {
		rc = dk_stmt_step(s, err);
		rc = rc == DK_DONE ? DK_OK : rc;
	}
	dk_stmt_finalize(&s);
	return rc;
}

static int attendees(struct dk_db *db, int64_t id, struct work *w, struct dk_changes *ch,
                     struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t changes = 0;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_UNKNOWN), err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":handles", dk_buf_str(&w->handles));
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "--attendees '%.40s' is not a known person (see 'docket "
		             "person list')", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if ((rc = run(db, dk_sql_for(db, &SQL_DIFF), id, w, &changes, err)) != DK_OK || changes == 0)
		return rc;
	if ((rc = run(db, dk_sql_for(db, &SQL_LEAVE), id, w, NULL, err)) != DK_OK ||
	    (rc = run(db, dk_sql_for(db, &SQL_JOIN), id, w, NULL, err)) != DK_OK)
		return rc;
	dk_changes_add(ch, "attendees");
	return DK_OK;
}

static int apply(struct dk_db *db, int64_t id, const struct dk_review_update *in,
                 struct work *w, struct dk_changes *ch, struct dk_error *err)
{
	const char *on, *notes;
	int64_t bp, x;
	int found = 0, rc;
	struct dk_stmt *s = NULL;

	if ((rc = dk_review_exists(db, id, err)) != DK_OK ||
	    (rc = dk_withdrawn_refuse(db, DK_WITHDRAW_REVIEW, id, err)) != DK_OK)
		return rc;
	if (in->blueprint_id > 0) {
		if ((rc = dk_stmt_prepare(db, &s, SQL_BLUEPRINT_EXISTS, err)) != DK_OK)
			return rc;
		dk_bind_int(s, ":id", in->blueprint_id);
		rc = dk_stmt_one_int(s, &x, &found, err);
		dk_stmt_finalize(&s);
		if (rc == DK_OK && !found)
			rc = dk_fail(err, DK_EINPUT, "there is no blueprint BP-%lld",
			             (long long)in->blueprint_id);
		if (rc != DK_OK)
			return rc;
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_CURRENT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		w->cur_on = strdup(dk_col_text(s, 0));
		w->cur_bp = dk_col_is_null(s, 1) ? 0 : dk_col_int(s, 1);
		w->cur_notes = dk_col_is_null(s, 2) ? NULL : strdup(dk_col_text(s, 2));
		rc = w->cur_on && (w->cur_notes || dk_col_is_null(s, 2))
		     ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	on = in->held_on ? in->held_on : w->cur_on;
	bp = in->blueprint_id > 0 ? in->blueprint_id : w->cur_bp;
	notes = w->notes ? (*w->notes ? w->notes : NULL) : w->cur_notes;
	if (!same(on, w->cur_on))
		dk_changes_add(ch, "held_on");
	if (bp != w->cur_bp)
		dk_changes_add(ch, "blueprint");
	if (!same(notes, w->cur_notes))
		dk_changes_add(ch, "notes");
	if (ch->n > 0) {
		if ((rc = dk_stmt_prepare(db, &s, SQL_UPDATE, err)) != DK_OK)
			return rc;
		dk_bind_int(s, ":id", id);
		dk_bind_text(s, ":held_on", on);
		if (bp > 0)
			dk_bind_int(s, ":blueprint", bp);
		else
			dk_bind_null(s, ":blueprint");
		dk_bind_text(s, ":notes", notes);
		rc = dk_stmt_step(s, err);
		dk_stmt_finalize(&s);
		if (rc != DK_DONE)
			return rc;
	}
	return in->attendees ? attendees(db, id, w, ch, err) : DK_OK;
}

int dk_review_update(struct dk_db *db, int64_t id, const struct dk_review_update *in,
                     struct dk_changes *changed, struct dk_error *err)
{
	struct work w;
	int rc;

	memset(&w, 0, sizeof w);
	memset(changed, 0, sizeof *changed);
	if ((rc = check(in, &w, err)) == DK_OK && (rc = dk_db_begin(db, err)) == DK_OK) {
		rc = apply(db, id, in, &w, changed, err);
		if (rc != DK_OK || changed->n == 0)
			dk_db_rollback(db);
		else
			rc = dk_db_commit(db, err);
		if (rc != DK_OK)
			changed->n = 0;
	}
	dk_buf_free(&w.handles);
	free(w.file_notes);
	free(w.cur_on);
	free(w.cur_notes);
	return rc;
}
