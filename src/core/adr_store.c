/* adr_store.c: where imported decisions came from, their typed links and
 * fingerprints, ADR-N keys, and a decision loaded for writing as a file. */
#include "docket/adr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/db.h"
#include "docket/decision.h"
#include "docket/key.h"
#include "docket/text.h"

#include "dialect.h"

static const char SQL_SOURCE_BY_FILE[] =
	"SELECT decision_id, file, number, file_sha256, record_sha256, collection FROM adr_source "
	"WHERE collection = :collection AND file = :file";
static const char SQL_SOURCE_BY_SHA[] =
	"SELECT decision_id, file, number, file_sha256, record_sha256, collection FROM adr_source "
	"WHERE collection = :collection AND file_sha256 = :sha ORDER BY decision_id LIMIT 1";
static const char SQL_SOURCE_BY_DECISION[] =
	"SELECT decision_id, file, number, file_sha256, record_sha256, collection FROM adr_source "
	"WHERE decision_id = :id";
static const char SQL_SOURCE_PUT[] =
	"INSERT INTO adr_source (uuid, decision_id, collection, file, number, file_sha256,"
	"  record_sha256, created_at, created_by) "
	"VALUES (docket_uuid(), :id, :collection, :file, :number, :file_sha, :record_sha,"
	"  docket_now(), docket_actor()) "
	"ON CONFLICT (decision_id) DO UPDATE SET collection = excluded.collection,"
	"  file = excluded.file, number = excluded.number,"
	"  file_sha256 = excluded.file_sha256, record_sha256 = excluded.record_sha256 "
	"WHERE adr_source.collection IS DISTINCT FROM excluded.collection"
	"  OR adr_source.file IS DISTINCT FROM excluded.file"
	"  OR adr_source.number IS DISTINCT FROM excluded.number"
	"  OR adr_source.file_sha256 IS DISTINCT FROM excluded.file_sha256"
	"  OR adr_source.record_sha256 IS DISTINCT FROM excluded.record_sha256";
/* The JSON text differs between the engines (PostgreSQL writes ", "
 * between elements), so a fingerprint is only compared with one the same
 * engine made. */
static const struct dk_sql SQL_FINGERPRINT = {
	.sqlite =
	"SELECT docket_sha256(json_array(d.title, d.area, d.status, d.problem, d.drivers, d.rationale,"
	"  d.consequences, d.confirmation, d.makers, d.consulted, d.informed, d.tags, d.decided_on,"
	"  d.review_by, d.status_reason, d.supersedes_id,"
	"  (SELECT n.id FROM decision n WHERE n.supersedes_id = d.id),"
	"  (SELECT json_group_array(json_array(o.name, o.chosen, o.pros, o.cons)) FROM"
	"    (SELECT * FROM decision_option WHERE decision_id = d.id ORDER BY ordinal) o),"
	"  (SELECT json_group_array(json_array(l.label, l.dst_id)) FROM"
	"    (SELECT * FROM decision_link WHERE src_id = d.id ORDER BY ordinal) l))) "
	"FROM decision d WHERE d.id = :id",
	.postgres =
	"SELECT docket_sha256(json_build_array(d.title, d.area, d.status, d.problem, d.drivers,"
	"  d.rationale, d.consequences, d.confirmation, d.makers, d.consulted, d.informed, d.tags,"
	"  d.decided_on, d.review_by, d.status_reason, d.supersedes_id,"
	"  (SELECT n.id FROM decision n WHERE n.supersedes_id = d.id),"
	"  (SELECT coalesce(json_agg(json_build_array(o.name, o.chosen, o.pros, o.cons)"
	"     ORDER BY o.ordinal), '[]'::json) FROM decision_option o WHERE o.decision_id = d.id),"
	"  (SELECT coalesce(json_agg(json_build_array(l.label, l.dst_id) ORDER BY l.ordinal),"
	"     '[]'::json) FROM decision_link l WHERE l.src_id = d.id))::text) "
	"FROM decision d WHERE d.id = :id",
};
static const char SQL_BY_NUMBER[] =
	"SELECT s.decision_id, s.file FROM adr_source s WHERE s.number = :n "
	"UNION SELECT d.id, NULL FROM decision d WHERE d.adr_number = :n "
	"  AND NOT EXISTS (SELECT 1 FROM adr_source s WHERE s.decision_id = d.id) "
	"ORDER BY 1";
static const char SQL_UNSOURCED[] =
	"SELECT d.id FROM decision d WHERE d.adr_number = :n "
	"AND NOT EXISTS (SELECT 1 FROM adr_source s WHERE s.decision_id = d.id)";
static const char SQL_LINKS_DROP[] = "DELETE FROM decision_link WHERE src_id = :id";
static const char SQL_LINK_ADD[] =
	"INSERT INTO decision_link (uuid, src_id, dst_id, label, ordinal, created_at, created_by) "
	"VALUES (docket_uuid(), :src, :dst, :label, :ordinal,"
	"  docket_now(), docket_actor()) "
	"ON CONFLICT DO NOTHING";
static const char SQL_LINKS_BOTH[] =
	"SELECT 'from' AS direction, l.label, 'D-' || o.id AS key,"
	"  coalesce(s.number, o.adr_number) AS adr, o.title, o.status "
	"FROM decision_link l JOIN decision o ON o.id = l.dst_id "
	"LEFT JOIN adr_source s ON s.decision_id = o.id WHERE l.src_id = :id "
	"UNION ALL "
	"SELECT 'to', l.label, 'D-' || o.id, coalesce(s.number, o.adr_number), o.title, o.status "
	"FROM decision_link l JOIN decision o ON o.id = l.src_id "
	"LEFT JOIN adr_source s ON s.decision_id = o.id WHERE l.dst_id = :id";

/* ---- sources ---------------------------------------------------------- */

static int source_row(struct dk_stmt *s, struct dk_adr_source *out, int *found,
                      struct dk_error *err)
{
	int rc = dk_stmt_step(s, err);

	*found = rc == DK_ROW;
	if (rc == DK_ROW) {
		out->decision_id = dk_col_int(s, 0);
		snprintf(out->file, sizeof out->file, "%s", dk_col_text(s, 1));
		out->number = dk_col_is_null(s, 2) ? DK_ADR_NO_NUMBER : dk_col_int(s, 2);
		snprintf(out->file_sha256, sizeof out->file_sha256, "%s", dk_col_text(s, 3));
		snprintf(out->record_sha256, sizeof out->record_sha256, "%s", dk_col_text(s, 4));
		snprintf(out->collection, sizeof out->collection, "%s", dk_col_text(s, 5));
	}
	dk_stmt_finalize(&s); /* the caller's copy is not used again */
	return rc == DK_ROW || rc == DK_DONE ? DK_OK : rc;
}

int dk_adr_source_by_file(struct dk_db *db, const char *collection, const char *file,
                          struct dk_adr_source *out, int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SOURCE_BY_FILE, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":collection", collection ? collection : "");
	dk_bind_text(s, ":file", file);
	return source_row(s, out, found, err);
}

int dk_adr_source_by_sha(struct dk_db *db, const char *collection, const char *sha,
                         struct dk_adr_source *out, int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SOURCE_BY_SHA, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":collection", collection ? collection : "");
	dk_bind_text(s, ":sha", sha);
	return source_row(s, out, found, err);
}

int dk_adr_source_by_decision(struct dk_db *db, int64_t id, struct dk_adr_source *out,
                              int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SOURCE_BY_DECISION, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	return source_row(s, out, found, err);
}

int dk_adr_source_put(struct dk_db *db, const struct dk_adr_source *src, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_SOURCE_PUT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", src->decision_id);
	dk_bind_text(s, ":collection", src->collection);
	dk_bind_text(s, ":file", src->file);
	if (src->number >= 0)
		dk_bind_int(s, ":number", src->number);
	else
		dk_bind_null(s, ":number");
	dk_bind_text(s, ":file_sha", src->file_sha256);
	dk_bind_text(s, ":record_sha", src->record_sha256);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_adr_fingerprint(struct dk_db *db, int64_t id, char out[65], struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_FINGERPRINT), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		snprintf(out, 65, "%s", dk_col_text(s, 0));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "there is no decision D-%lld", (long long)id);
	}
	dk_stmt_finalize(&s);
	return rc;
}

/* ---- keys ------------------------------------------------------------- */

int dk_adr_find_number(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	char first[200] = "";
	int rc;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_BY_NUMBER, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":n", n);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *file = dk_col_text(s, 1);
		if (*found) {
			rc = dk_fail(err, DK_EINPUT, "ADR %lld is both D-%lld (%s) and D-%lld (%s): use the "
			             "D-N key", (long long)n, (long long)*id, first, (long long)dk_col_int(s, 0),
			             file ? file : "no file");
			break;
		}
		*id = dk_col_int(s, 0);
		snprintf(first, sizeof first, "%.180s", file ? file : "no file");
		*found = 1;
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

static const char SQL_BY_NUMBER_IN[] =
	"SELECT decision_id FROM adr_source WHERE collection = :collection AND number = :n "
	"ORDER BY decision_id LIMIT 2";

int dk_adr_find_number_in(struct dk_db *db, const char *collection, int64_t n, int64_t *id,
                          int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, rows = 0;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_BY_NUMBER_IN, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":collection", collection ? collection : "");
	dk_bind_int(s, ":n", n);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW)
		if (rows++ == 0)
			*id = dk_col_int(s, 0);
	dk_stmt_finalize(&s);
	*found = rows == 1; /* two files with the number: no link by number */
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_adr_key(struct dk_db *db, const char *key, int64_t *id, struct dk_error *err)
{
	int64_t n = 0;
	int found = 0, rc;
	const char *p;

	if (key == NULL || strncasecmp(key, "adr-", 4) != 0)
		return dk_key_parse(key, "D", "decision", id, err);
	p = key + 4;
	if (*p == '\0' || strspn(p, "0123456789") != strlen(p) || strlen(p) > 12)
		return dk_fail(err, DK_EINPUT, "'%.40s' is not an ADR key (ADR-N)", key);
	n = strtoll(p, NULL, 10);
	if ((rc = dk_adr_find_number(db, n, id, &found, err)) != DK_OK)
		return rc;
	if (!found)
		return dk_fail(err, DK_EINPUT, "there is no decision with ADR number %lld", (long long)n);
	return DK_OK;
}

int dk_adr_unsourced(struct dk_db *db, int64_t n, int64_t *id, int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UNSOURCED, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":n", n);
	rc = dk_stmt_one_int(s, id, found, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* ---- links ------------------------------------------------------------ */

int dk_adr_links_set(struct dk_db *db, int64_t src, const char *const *labels,
                     const int64_t *dst, size_t n, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_db_exec_id(db, SQL_LINKS_DROP, src, err)) != DK_OK ||
	    (rc = dk_stmt_prepare(db, &s, SQL_LINK_ADD, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		dk_stmt_reset(s);
		dk_bind_int(s, ":src", src);
		dk_bind_int(s, ":dst", dst[i]);
		dk_bind_text(s, ":label", labels[i]);
		dk_bind_int(s, ":ordinal", (int64_t)i + 1);
		rc = dk_stmt_step(s, err);
		rc = rc == DK_DONE ? DK_OK : rc;
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_adr_link_add(struct dk_db *db, int64_t src, int64_t dst, const char *label,
                    int64_t ordinal, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if (src == dst)
		return dk_fail(err, DK_EINPUT, "link: D-%lld cannot link to itself", (long long)src);
	if ((rc = dk_check_text("link", label, 64, 0, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_LINK_ADD, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":src", src);
	dk_bind_int(s, ":dst", dst);
	dk_bind_text(s, ":label", label);
	dk_bind_int(s, ":ordinal", ordinal);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_adr_links(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_LINKS_BOTH, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* ---- loading for writing ---------------------------------------------- */

static const char SQL_ADR_MAIN[] =
	"SELECT coalesce(s.number, d.adr_number, d.id), d.title, d.status, d.decided_on, d.area,"
	"  d.review_by, d.status_reason, d.problem, d.rationale, d.consequences, d.confirmation,"
	"  (SELECT name FROM decision_option WHERE decision_id = d.id AND chosen = 1),"
	"  d.drivers, d.makers, d.consulted, d.informed, d.tags, s.file,"
	"  CASE WHEN s.decision_id IS NOT NULL THEN 1 ELSE 0 END "
	"FROM decision d LEFT JOIN adr_source s ON s.decision_id = d.id WHERE d.id = :id";
#define SQL_JSON_ITEMS_TEXT(D) "SELECT j.value FROM " D##_JSON_EACH(":j", "j")
static const struct dk_sql SQL_JSON_ITEMS = DK_SQL_BOTH(SQL_JSON_ITEMS_TEXT);
static const char SQL_ADR_OPTIONS[] =
	"SELECT name, pros, cons FROM decision_option WHERE decision_id = :id ORDER BY ordinal";
/* Each link of id, as its file writes it: the supersession that makes it
 * superseded first (adr-tools writes it in place of the status), then what
 * it supersedes, then its typed links in order. */
static const char SQL_ADR_LINKS[] =
	"SELECT k, label, o.id, coalesce(s.number, o.adr_number, o.id), o.title, s.file,"
	"  CASE WHEN s.decision_id IS NOT NULL THEN 1 ELSE 0 END FROM ("
	"  SELECT 0 AS k, NULL AS label, n.id AS oid, 0 AS ord FROM decision n WHERE n.supersedes_id = :id"
	"  UNION ALL SELECT 1, NULL, d.supersedes_id, 0 FROM decision d"
	"    WHERE d.id = :id AND d.supersedes_id IS NOT NULL"
	"  UNION ALL SELECT 2, label, dst_id, ordinal FROM decision_link WHERE src_id = :id"
	") x JOIN decision o ON o.id = x.oid LEFT JOIN adr_source s ON s.decision_id = o.id "
	"ORDER BY k, ord";
static const char SQL_ADR_RECORD[] =
	"SELECT '* Evidence ' || e.kind || ' EV-' || e.id || ' (' || de.stance || '): ' || e.title"
	"  || coalesce(', sha256 ' || e.sha256, '') || coalesce(', ' || e.size_bytes || ' bytes', '')"
	"  || coalesce(', ' || e.uri, '') || coalesce(', collected ' || e.collected_on, '') "
	"FROM decision_evidence de JOIN evidence e ON e.id = de.evidence_id WHERE de.decision_id = :id "
	"UNION ALL SELECT '* Review RV-' || r.id || ' held on ' || r.held_on FROM decision d "
	"  JOIN review r ON r.id = d.review_id WHERE d.id = :id "
	"UNION ALL SELECT '* Residual risk R-' || r.id || ': ' || r.title || ' (' || r.status"
	"  || ', score ' || r.score || ', owner ' || p.handle || coalesce(', due ' || r.due_on, '') || ')' "
	"FROM risk r JOIN person p ON p.id = r.owner_id WHERE r.decision_id = :id";

static const char *copy(struct dk_adr *a, struct dk_stmt *s, int col)
{
	const char *t = dk_col_text(s, col);
	return t ? dk_adr_strndup(a, t, strlen(t)) : NULL;
}

/* Appends the items of a JSON array to list (at most max), with j, a
 * prepared SQL_JSON_ITEMS that is reset for each use. */
static int json_items(struct dk_stmt *j, struct dk_adr *a, const char *json, const char **list,
                      size_t *n, size_t max, struct dk_error *err)
{
	int rc;

	dk_stmt_reset(j);
	dk_bind_text(j, ":j", json ? json : "[]");
	while ((rc = dk_stmt_step(j, err)) == DK_ROW)
		if (*n < max)
			list[(*n)++] = copy(a, j, 0);
	return rc == DK_DONE ? DK_OK : rc;
}

/* The path of file to, written from the directory of file from. */
static void relative(const char *from, const char *to, char *out, size_t size)
{
	size_t common = 0, ups = 0;
	size_t n = 0;

	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	for (const char *p = from + common; *p; p++)
		if (*p == '/')
			ups++;
	for (size_t i = 0; i < ups && n + 3 < size; i++)
		n += (size_t)snprintf(out + n, size - n, "../");
	snprintf(out + n, size - n, "%s", to + common);
}

/* The file a decision is written as: its source's, else NNNN-slug.md. */
static void file_of(int64_t number, const char *title, const char *file, char *out, size_t size)
{
	struct dk_adr t;

	if (file) {
		snprintf(out, size, "%s", file);
		return;
	}
	dk_adr_init(&t);
	t.number = number;
	t.title = title;
	dk_adr_filename(&t, out, size);
}

static int load_links(struct dk_db *db, int64_t id, struct dk_adr *a, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_ADR_LINKS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		struct dk_adr_link *l = &a->links[a->n_links];
		if (a->n_links == DK_ADR_MAX_ITEMS) {
			rc = dk_fail(err, DK_EINPUT, "D-%lld has more than %d links: an ADR file holds at "
			             "most %d", (long long)id, DK_ADR_MAX_ITEMS, DK_ADR_MAX_ITEMS);
			break;
		}
		a->n_links++;
		char file[1100], rel[1200], text[300];
		int64_t num = dk_col_int(s, 3);
		const char *title = dk_col_text(s, 4);
		int sourced = dk_col_int(s, 6);
		int k = (int)dk_col_int(s, 0);
		l->kind = k == 0 ? DK_ADR_SUPERSEDED_BY : k == 1 ? DK_ADR_SUPERSEDES : DK_ADR_TYPED;
		l->label = k == 2 ? copy(a, s, 1) : NULL;
		file_of(sourced && dk_col_is_null(s, 5) ? DK_ADR_NO_NUMBER : num, title,
		        dk_col_text(s, 5), file, sizeof file);
		relative(a->file, file, rel, sizeof rel);
		l->target = dk_adr_strndup(a, rel, strlen(rel));
		/* the number a file's name carries; a dated log4brains id has none */
		if (sourced && dk_adr_name_number(strrchr(file, '/') ? strrchr(file, '/') + 1 : file) < 0)
			snprintf(text, sizeof text, "%s", title);
		else
			snprintf(text, sizeof text, "%lld. %s", (long long)num, title);
		/* brackets in a title would end the link text early */
		for (char *w = text, *o = text;; w++) {
			if (*w != '[' && *w != ']')
				*o++ = *w;
			if (*w == '\0')
				break;
		}
		l->text = dk_adr_strndup(a, text, strlen(text));
		l->number = -1;
	}
	dk_stmt_finalize(&s);
	return rc == DK_ROW || rc == DK_DONE ? DK_OK : rc;
}

static int load_record(struct dk_db *db, int64_t id, struct dk_adr *a, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	struct dk_buf b = {0};
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_ADR_RECORD, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW)
		dk_buf_addf(&b, "%s\n", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	if (rc == DK_DONE && b.len) {
		char key[DK_KEY_LEN];
		struct dk_buf r = {0};
		dk_key_format("D", id, key);
		dk_buf_addf(&r, "Written by docket from %s; not read back by 'docket import adr'.\n\n%s",
		            key, dk_buf_str(&b));
		a->record = dk_adr_strndup(a, dk_buf_str(&r), r.len);
		dk_buf_free(&r);
	}
	dk_buf_free(&b);
	return rc == DK_DONE ? (dk_buf_ok(&b) ? DK_OK : dk_fail(err, DK_EDB, "out of memory")) : rc;
}

int dk_adr_load(struct dk_db *db, int64_t id, int with_record, struct dk_adr *a,
                struct dk_error *err)
{
	struct dk_stmt *s = NULL, *j = NULL;
	const char *lists[5];
	char file[1100];
	int rc, sourced;

	dk_adr_init(a);
	if ((rc = dk_decision_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &j, dk_sql_for(db, &SQL_JSON_ITEMS), err)) != DK_OK ||
	    (rc = dk_stmt_prepare(db, &s, SQL_ADR_MAIN, err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) != DK_ROW)
		goto out;
	sourced = (int)dk_col_int(s, 18);
	a->number = dk_col_int(s, 0);
	a->title = copy(a, s, 1);
	a->status = copy(a, s, 2);
	a->date = copy(a, s, 3);
	a->area = copy(a, s, 4);
	a->review_by = copy(a, s, 5);
	a->status_reason = copy(a, s, 6);
	a->problem = copy(a, s, 7);
	a->rationale = copy(a, s, 8);
	a->consequences = copy(a, s, 9);
	a->confirmation = copy(a, s, 10);
	a->chosen = copy(a, s, 11);
	for (int i = 0; i < 5; i++)
		lists[i] = copy(a, s, 12 + i);
	if (sourced && dk_col_is_null(s, 0 + 0) == 0 && dk_col_text(s, 17) &&
	    dk_adr_name_number(strrchr(dk_col_text(s, 17), '/') ? strrchr(dk_col_text(s, 17), '/') + 1
	                                                        : dk_col_text(s, 17)) < 0)
		a->number = DK_ADR_NO_NUMBER; /* a dated log4brains id: no number to write */
	file_of(a->number, a->title, dk_col_text(s, 17), file, sizeof file);
	a->file = dk_adr_strndup(a, file, strlen(file));
	dk_stmt_finalize(&s);
	if ((rc = json_items(j, a, lists[0], a->drivers, &a->n_drivers, DK_ADR_MAX_ITEMS, err)) ||
	    (rc = json_items(j, a, lists[1], a->makers, &a->n_makers, DK_ADR_MAX_ITEMS, err)) ||
	    (rc = json_items(j, a, lists[2], a->consulted, &a->n_consulted, DK_ADR_MAX_ITEMS, err)) ||
	    (rc = json_items(j, a, lists[3], a->informed, &a->n_informed, DK_ADR_MAX_ITEMS, err)) ||
	    (rc = json_items(j, a, lists[4], a->tags, &a->n_tags, DK_ADR_MAX_ITEMS, err)))
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, SQL_ADR_OPTIONS, err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		struct dk_adr_option *o = dk_adr_add_option(a);
		if (o == NULL) {
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		o->name = copy(a, s, 0);
		if ((rc = json_items(j, a, dk_col_text(s, 1), o->pros, &o->n_pros, DK_ADR_MAX_PROS, err)) ||
		    (rc = json_items(j, a, dk_col_text(s, 2), o->cons, &o->n_cons, DK_ADR_MAX_PROS, err)))
			break;
	}
	dk_stmt_finalize(&s);
	if (rc == DK_ROW || rc == DK_DONE)
		rc = DK_OK;
	if (rc == DK_OK)
		rc = load_links(db, id, a, err);
	if (rc == DK_OK && with_record)
		rc = load_record(db, id, a, err);
	if (rc == DK_OK && a->oom)
		rc = dk_fail(err, DK_EDB, "out of memory");
out:
	if (rc == DK_DONE) /* the decision vanished between the two reads */
		rc = dk_fail(err, DK_EINPUT, "there is no decision D-%lld", (long long)id);
	dk_stmt_finalize(&s);
	dk_stmt_finalize(&j);
	return rc;
}
