#include "docket/evidence.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/search.h"
#include "docket/text.h"

#include "dialect.h"

const char *const dk_evidence_kinds[] = {"benchmark", "metric", "document", "link",
                                         "experiment", "incident", "review", "dryrun", NULL};

static const char SQL_INSERT[] =
	"INSERT INTO evidence (uuid, kind, title, uri, sha256, size_bytes, summary, collected_on,"
	"  created_at, created_by) "
	"VALUES (coalesce(:uuid, docket_uuid()), :kind, :title, :uri, :sha256, :size, :summary, :collected,"
	"  docket_now(), docket_actor()) RETURNING id";
static const char SQL_EXISTS[] = "SELECT id FROM evidence WHERE id = :id";
#define SQL_LIST_TEXT(D) \
	"SELECT 'EV-' || e.id AS key, e.kind, e.title, e.collected_on, e.sha256, e.size_bytes, e.uri," \
	"  (SELECT count(*) FROM decision_evidence de WHERE de.evidence_id = e.id) AS decisions " \
	"FROM evidence e WHERE (:kind IS NULL OR e.kind = :kind) AND e.withdrawn_at IS NULL" \
	"  AND (:search IS NULL OR e.id IN (" D##_FTS_IDS("evidence_fts", ":search") ")) " \
	"ORDER BY e.collected_on DESC, e.id DESC"
static const struct dk_sql SQL_LIST = DK_SQL_BOTH(SQL_LIST_TEXT);
static const char SQL_GET[] =
	"SELECT 'EV-' || id AS key, kind, title, uri, sha256, size_bytes, summary, collected_on,"
	"  uuid, created_at, created_by FROM evidence WHERE id = :id";
static const char SQL_DECISIONS[] =
	"SELECT 'D-' || d.id AS decision, d.title, d.status, de.stance "
	"FROM decision_evidence de JOIN decision d ON d.id = de.decision_id "
	"WHERE de.evidence_id = :id ORDER BY d.id";
static const char SQL_HASH[] = "SELECT sha256, size_bytes, uri FROM evidence WHERE id = :id";

/* Values derived from the input: the file's hash and the uri to store. */
struct parsed {
	char sha[DK_SHA256_HEX];
	int64_t size;
	int hashed;
	char *abs; /* realpath of the file (malloc), the uri when none is given */
};

static int parse(const struct dk_evidence_in *in, struct parsed *p, struct dk_error *err)
{
	int rc;

	memset(p, 0, sizeof *p);
	if (in->kind == NULL)
		return dk_fail(err, DK_EINPUT, "--kind is required (benchmark, metric, document, link, "
		               "experiment, incident, review or dryrun)");
	if ((rc = dk_check_enum("--kind", in->kind, dk_evidence_kinds, err)) != DK_OK)
		return rc;
	if (in->title == NULL)
		return dk_fail(err, DK_EINPUT, "--title is required");
	if ((rc = dk_check_text("--title", in->title, 200, 0, err)) != DK_OK)
		return rc;
	if (in->uri && (rc = dk_check_text("--uri", in->uri, 2048, 0, err)) != DK_OK)
		return rc;
	if (in->summary && (rc = dk_check_text("--summary", in->summary, 100000, 1, err)) != DK_OK)
		return rc;
	if (in->collected == NULL || !dk_date_valid(in->collected))
		return dk_fail(err, DK_EINPUT, "--collected '%.40s' is not a date (%s)",
		               in->collected ? in->collected : "", DK_DATE_FORMS);
	if (in->uuid && (rc = dk_check_uuid("uuid", in->uuid, err)) != DK_OK)
		return rc;
	if ((in->sha256 != NULL) != (in->size != NULL))
		return dk_fail(err, DK_EINPUT, "%s is given without %s: a recorded hash needs both",
		               in->sha256 ? "sha256" : "size", in->sha256 ? "size" : "sha256");
	if (in->sha256 != NULL) {
		size_t n = strspn(in->sha256, "0123456789abcdef");
		if (n != 64 || in->sha256[n] != '\0')
			return dk_fail(err, DK_EINPUT, "sha256 '%.70s' is not a SHA-256 (64 lower-case hex digits)",
			               in->sha256);
		if ((rc = dk_parse_int("size", in->size, 0, INT64_MAX, &p->size, err)) != DK_OK)
			return rc;
		if (in->file != NULL)
			return dk_fail(err, DK_EINPUT, "--file and sha256 are both given: the file is hashed, "
			               "or the hash is recorded, not both");
		memcpy(p->sha, in->sha256, 65);
		p->hashed = 1;
	}
	if (in->file != NULL) {
		struct dk_error e;
		if (dk_sha256_file(in->file, p->sha, &p->size, &e) != DK_OK)
			return dk_fail(err, DK_EINPUT, "--file: %s", e.msg);
		p->hashed = 1;
		if (in->uri == NULL) {
			p->abs = realpath(in->file, NULL);
			if (p->abs == NULL)
				return dk_fail(err, DK_EINPUT, "--file '%.200s' has no absolute path", in->file);
			if ((rc = dk_check_text("--file", p->abs, 2048, 0, err)) != DK_OK)
				return rc;
		}
	}
	return DK_OK;
}

int dk_evidence_check(const struct dk_evidence_in *in, struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	free(p.abs);
	return rc;
}

static int insert(struct dk_db *db, const struct dk_evidence_in *in, const struct parsed *p,
                  int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t new_id = 0;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":uuid", in->uuid);
	dk_bind_text(s, ":kind", in->kind);
	dk_bind_text(s, ":title", in->title);
	dk_bind_text(s, ":uri", in->uri ? in->uri : p->abs);
	dk_bind_text(s, ":sha256", p->hashed ? p->sha : NULL);
	if (p->hashed)
		dk_bind_int(s, ":size", p->size);
	dk_bind_text(s, ":summary", in->summary);
	dk_bind_text(s, ":collected", in->collected);
	rc = dk_stmt_insert(s, &new_id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (id != NULL)
		*id = new_id;
	return DK_OK;
}

int dk_evidence_insert(struct dk_db *db, const struct dk_evidence_in *in, int64_t *id,
                       struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	if (rc == DK_OK)
		rc = insert(db, in, &p, id, err);
	free(p.abs);
	return rc;
}

int dk_evidence_add(struct dk_db *db, const struct dk_evidence_in *in, int64_t *id,
                    struct dk_error *err)
{
	struct parsed p;
	int rc;

	if ((rc = parse(in, &p, err)) != DK_OK)
		goto out;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	if ((rc = insert(db, in, &p, id, err)) != DK_OK)
		dk_db_rollback(db);
	else
		rc = dk_db_commit(db, err);
out:
	free(p.abs);
	return rc;
}

int dk_evidence_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t x;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_EXISTS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, &x, &found, err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no evidence EV-%lld", (long long)id);
	return rc;
}

static int rows(struct dk_db *db, const char *sql, const char *name, int64_t id,
                const char *text, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (strcmp(name, ":kind") == 0)
		dk_bind_text(s, name, text);
	else
		dk_bind_int(s, name, id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_evidence_list(struct dk_db *db, const char *kind, const char *search, dk_row_fn fn,
                     void *ctx, struct dk_error *err)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if (kind && (rc = dk_check_enum("--kind", kind, dk_evidence_kinds, err)) != DK_OK)
		return rc;
	if (search && (rc = dk_search_query_for(db, "--search", search, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_LIST), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":kind", kind);
	dk_bind_text(s, ":search", search ? dk_buf_str(&q) : NULL);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}

int dk_evidence_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_evidence_exists(db, id, err);

	return rc != DK_OK ? rc : rows(db, SQL_GET, ":id", id, NULL, fn, ctx, err);
}

int dk_evidence_decisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                          struct dk_error *err)
{
	return rows(db, SQL_DECISIONS, ":id", id, NULL, fn, ctx, err);
}

/* The local path a uri names: "/abs/path" or "file:///abs/path". */
static const char *local_path(const char *uri)
{
	if (uri == NULL)
		return NULL;
	if (strncmp(uri, "file://", 7) == 0)
		uri += 7;
	return uri[0] == '/' ? uri : NULL;
}

int dk_evidence_verify(struct dk_db *db, int64_t id, const char *path,
                       struct dk_evidence_verdict *res, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	struct dk_error e;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = dk_evidence_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_HASH, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) != DK_ROW)
		goto out;
	rc = DK_OK;
	if (dk_col_is_null(s, 0)) {
		rc = dk_fail(err, DK_EINPUT, "EV-%lld has no recorded hash (it was added without --file)",
		             (long long)id);
		goto out;
	}
	snprintf(res->recorded, sizeof res->recorded, "%s", dk_col_text(s, 0));
	res->recorded_size = dk_col_int(s, 1);
	if (path == NULL && (path = local_path(dk_col_text(s, 2))) == NULL) {
		rc = dk_fail(err, DK_EINPUT, "EV-%lld's uri is not a local file: give the copy to "
		             "check with --file PATH", (long long)id);
		goto out;
	}
	if (strlen(path) >= sizeof res->path) {
		rc = dk_fail(err, DK_EINPUT, "--file is longer than %zu bytes", sizeof res->path - 1);
		goto out;
	}
	memcpy(res->path, path, strlen(path) + 1);
	res->current_size = -1;
	if (dk_sha256_file(res->path, res->current, &res->current_size, &e) != DK_OK) {
		res->state = DK_EVIDENCE_MISSING;
		res->current[0] = '\0';
		res->current_size = -1;
	} else {
		res->state = strcmp(res->current, res->recorded) == 0 &&
		             res->current_size == res->recorded_size
		             ? DK_EVIDENCE_MATCH : DK_EVIDENCE_CHANGED;
	}
out:
	dk_stmt_finalize(&s);
	return rc;
}
