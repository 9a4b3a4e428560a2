#include "docket/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/search.h"
#include "docket/text.h"
#include "docket/file.h"

#include "dialect.h"

#define NOTES_MAX 100000

static const char SQL_INSERT[] =
	"INSERT INTO review (uuid, held_on, blueprint_id, notes, created_at, created_by) "
	"VALUES (docket_uuid(), :held_on, :blueprint, :notes,"
	"  docket_now(), docket_actor()) RETURNING id";
/* Attendees come as a JSON array of handles; an unknown one is reported first. */
#define SQL_UNKNOWN_TEXT(D) \
	"SELECT h.value FROM " D##_JSON_EACH(":handles", "h") \
	" WHERE h.value NOT IN (SELECT handle FROM person) LIMIT 1"
static const struct dk_sql SQL_UNKNOWN = DK_SQL_BOTH(SQL_UNKNOWN_TEXT);
#define SQL_ATTEND_TEXT(D) \
	"INSERT INTO review_attendee (uuid, review_id, person_id, created_at, created_by) " \
	"SELECT docket_uuid(), :review, p.id, docket_now(), docket_actor() " \
	"FROM (SELECT DISTINCT j.value FROM " D##_JSON_EACH(":handles", "j") ") h " \
	"JOIN person p ON p.handle = h.value ORDER BY p.handle"
static const struct dk_sql SQL_ATTEND = DK_SQL_BOTH(SQL_ATTEND_TEXT);
static const char SQL_EXISTS[] = "SELECT id FROM review WHERE id = :id";
/* blueprint is owned by its module; this only checks a key. */
static const char SQL_BLUEPRINT_EXISTS[] = "SELECT id FROM blueprint WHERE id = :id";
/* The handles of review r's attendees as a JSON array, in handle order. */
#define ATTENDEES(D) \
	"  (SELECT " D##_JSON_AGG("x.handle", "x.handle") " FROM (SELECT p.handle FROM review_attendee a" \
	"     JOIN person p ON p.id = a.person_id WHERE a.review_id = r.id ORDER BY p.handle) x)" \
	"    AS \"attendees:json\","
#define SQL_LIST_TEXT(D) \
	"SELECT 'RV-' || r.id AS key, r.held_on, 'BP-' || r.blueprint_id AS blueprint," \
	ATTENDEES(D) \
	"  (SELECT count(*) FROM decision d WHERE d.review_id = r.id) AS decisions " \
	"FROM review r " \
	"WHERE r.withdrawn_at IS NULL" \
	"  AND (:search IS NULL OR r.id IN (" D##_FTS_IDS("review_fts", ":search") ")) " \
	"ORDER BY r.held_on DESC, r.id DESC"
static const struct dk_sql SQL_LIST = DK_SQL_BOTH(SQL_LIST_TEXT);
#define SQL_GET_TEXT(D) \
	"SELECT 'RV-' || r.id AS key, r.held_on, 'BP-' || r.blueprint_id AS blueprint," \
	ATTENDEES(D) \
	"  r.notes, r.uuid, r.created_at, r.created_by FROM review r WHERE r.id = :id"
static const struct dk_sql SQL_GET = DK_SQL_BOTH(SQL_GET_TEXT);
static const char SQL_DECISIONS[] =
	"SELECT 'D-' || d.id AS key, d.title, d.area, d.status,"
	"  (SELECT name FROM decision_option o WHERE o.decision_id = d.id AND o.chosen = 1) AS chosen "
	"FROM decision d WHERE d.review_id = :id ORDER BY d.id";
static const char SQL_EVIDENCE[] =
	"SELECT 'D-' || d.id AS decision, 'EV-' || e.id AS evidence, e.kind, e.title, de.stance,"
	"  e.sha256 "
	"FROM decision d JOIN decision_evidence de ON de.decision_id = d.id"
	"  JOIN evidence e ON e.id = de.evidence_id "
	"WHERE d.review_id = :id ORDER BY d.id, de.stance DESC, e.id";

/* Parsed input: the attendees as JSON and the notes (read from the file). */
struct parsed {
	struct dk_buf handles;
	char *notes; /* malloc when read from a file */
};

int dk_review_read_notes(const char *path, char **out, struct dk_error *err)
{
	struct dk_buf b = {0};
	char chunk[8192];
	size_t n;
	const char *why;
	FILE *f = dk_file_open(path, &why);

	if (f == NULL)
		return dk_fail(err, DK_EINPUT, "--notes-file '%.200s' cannot be read: %s", path, why);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= NOTES_MAX * 4)
		dk_buf_add(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		dk_buf_free(&b);
		return dk_fail(err, DK_EINPUT, "--notes-file '%.200s' cannot be read", path);
	}
	fclose(f);
	if (!dk_buf_ok(&b)) {
		dk_buf_free(&b);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	if (b.len > 0 && memchr(b.p, '\0', b.len) != NULL) {
		dk_buf_free(&b);
		return dk_fail(err, DK_EINPUT, "--notes-file '%.200s' holds a NUL byte (not a text file)", path);
	}
	*out = strdup(dk_buf_str(&b));
	dk_buf_free(&b);
	if (*out == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	/* a file ends in a newline that is not part of the notes */
	for (n = strlen(*out); n > 0 && ((*out)[n - 1] == '\n' || (*out)[n - 1] == '\r');)
		(*out)[--n] = '\0';
	return DK_OK;
}

static int parse(const struct dk_review_in *in, struct parsed *p, struct dk_error *err)
{
	const char *notes = in->notes;
	int rc;

	memset(p, 0, sizeof *p);
	if (in->held_on == NULL || !dk_date_valid(in->held_on))
		return dk_fail(err, DK_EINPUT, "--on '%.40s' is not a date (%s)",
		               in->held_on ? in->held_on : "", DK_DATE_FORMS);
	if (in->attendees == NULL)
		return dk_fail(err, DK_EINPUT, "--attendees is required (person handles, comma-separated)");
	if ((rc = dk_list_to_json("--attendees", in->attendees, 32, 200, &p->handles, err)) != DK_OK)
		return rc;
	if (strcmp(dk_buf_str(&p->handles), "[]") == 0)
		return dk_fail(err, DK_EINPUT, "--attendees is empty (at least one person handle)");
	if (in->notes && in->notes_file)
		return dk_fail(err, DK_EINPUT, "--notes and --notes-file are alternatives: give one");
	if (in->notes_file) {
		if ((rc = dk_review_read_notes(in->notes_file, &p->notes, err)) != DK_OK)
			return rc;
		notes = p->notes;
	}
	if (notes && (rc = dk_check_text(in->notes_file ? "--notes-file" : "--notes", notes,
	                                 NOTES_MAX, 1, err)) != DK_OK)
		return rc;
	return DK_OK;
}

static void parsed_free(struct parsed *p)
{
	dk_buf_free(&p->handles);
	free(p->notes);
}

int dk_review_check(const struct dk_review_in *in, struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	parsed_free(&p);
	return rc;
}

static int lookup(struct dk_db *db, const char *sql, int64_t id, const char *what,
                  const char *prefix, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t x;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &x, &found, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no %s %s-%lld", what, prefix, (long long)id);
	return rc;
}

static int insert(struct dk_db *db, const struct dk_review_in *in, const struct parsed *p,
                  int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t rid;
	int rc;

	if (in->blueprint_id > 0 &&
	    (rc = lookup(db, SQL_BLUEPRINT_EXISTS, in->blueprint_id, "blueprint", "BP", err)))
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_UNKNOWN), err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":handles", dk_buf_str(&p->handles));
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "--attendees '%.40s' is not a known person (see 'docket "
		             "person list')", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":held_on", in->held_on);
	if (in->blueprint_id > 0)
		dk_bind_int(s, ":blueprint", in->blueprint_id);
	dk_bind_text(s, ":notes", p->notes ? p->notes : in->notes);
	rc = dk_stmt_insert(s, &rid, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_ATTEND), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":review", rid);
	dk_bind_text(s, ":handles", dk_buf_str(&p->handles));
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if (id != NULL)
		*id = rid;
	return DK_OK;
}

int dk_review_insert(struct dk_db *db, const struct dk_review_in *in, int64_t *id,
                     struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	if (rc == DK_OK)
		rc = insert(db, in, &p, id, err);
	parsed_free(&p);
	return rc;
}

int dk_review_add(struct dk_db *db, const struct dk_review_in *in, int64_t *id,
                  struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	if (rc == DK_OK && (rc = dk_db_begin(db, err)) == DK_OK) {
		if ((rc = insert(db, in, &p, id, err)) != DK_OK)
			dk_db_rollback(db);
		else
			rc = dk_db_commit(db, err);
	}
	parsed_free(&p);
	return rc;
}

int dk_review_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	return lookup(db, SQL_EXISTS, id, "review", "RV", err);
}

static int rows(struct dk_db *db, const char *sql, int64_t id, dk_row_fn fn, void *ctx,
                struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (dk_stmt_has_param(s, ":id"))
		dk_bind_int(s, ":id", id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_review_list(struct dk_db *db, const char *search, dk_row_fn fn, void *ctx,
                   struct dk_error *err)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if (search && (rc = dk_search_query_for(db, "--search", search, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_LIST), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":search", search ? dk_buf_str(&q) : NULL);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}

int dk_review_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_review_exists(db, id, err);

	return rc != DK_OK ? rc : rows(db, dk_sql_for(db, &SQL_GET), id, fn, ctx, err);
}

int dk_review_decisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err)
{
	return rows(db, SQL_DECISIONS, id, fn, ctx, err);
}

int dk_review_evidence(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                       struct dk_error *err)
{
	return rows(db, SQL_EVIDENCE, id, fn, ctx, err);
}
