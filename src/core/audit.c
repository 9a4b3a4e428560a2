#include "docket/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/key.h"
#include "docket/schema.h"
#include "docket/text.h"

#include "dialect.h"

static const char SQL_LOG[] =
	"SELECT seq, at, actor, action, entity, entity_id, row AS \"row:json\", hash FROM ("
	"  SELECT * FROM audit_log"
	"  WHERE (:entity IS NULL OR entity = :entity) AND (:since IS NULL OR at >= :since)"
	"  ORDER BY seq DESC LIMIT :limit"
	") a ORDER BY seq";

/* --key: one record's rows and its parts' (:c1.. the part tables, :f1.. the
 * JSON path of their owner's id; NULL when unused), each term found by the
 * audit_log_entity index. */
/* PostgreSQL reads the owner's id as text (->>), so it is compared with
 * :id as text: a parameter has one type there, and entity_id fixes :id's. */
#define SQL_LOG_KEY_TEXT(D, ID) \
	"SELECT seq, at, actor, action, entity, entity_id, row AS \"row:json\", hash FROM (" \
	"  SELECT * FROM audit_log" \
	"  WHERE ((entity = :entity AND entity_id = :id)" \
	"      OR (entity = :c1 AND " D##_JSON_PATH_TEXT("row", ":f1") " = " ID ")" \
	"      OR (entity = :c2 AND " D##_JSON_PATH_TEXT("row", ":f2") " = " ID ")" \
	"      OR (entity = :c3 AND " D##_JSON_PATH_TEXT("row", ":f3") " = " ID ")" \
	"      OR (entity = :c4 AND " D##_JSON_PATH_TEXT("row", ":f4") " = " ID "))" \
	"    AND (:since IS NULL OR at >= :since)" \
	"  ORDER BY seq DESC LIMIT :limit" \
	") a ORDER BY seq"
static const struct dk_sql SQL_LOG_KEY = {.sqlite = SQL_LOG_KEY_TEXT(DK_SQLITE, ":id"),
                                          .postgres = SQL_LOG_KEY_TEXT(DK_PG, "CAST(:id AS TEXT)")};
#define KEY_PARTS 4 /* the most part tables one kind has (a decision's) */

static const char SQL_CHAIN[] =
	"SELECT seq, at, actor, action, entity, entity_id, row, prev_hash, hash "
	"FROM audit_log ORDER BY seq";

/* Rows of records without a typed key of their own are shown under their
 * owner's key (a decision's options under D-n); people and policies under
 * their handle and team. */
static const struct {
	const char *table, *field, *owner;
} owned[] = {
	{"blueprint_item", "blueprint_id", "blueprint"},
	{"decision_option", "decision_id", "decision"},
	{"decision_evidence", "decision_id", "decision"},
	{"decision_link", "src_id", "decision"},
	{"adr_source", "decision_id", "decision"},
	{"review_attendee", "review_id", "review"},
	{"verification_result", "step_id", "verification_step"},
	{"person", "handle", NULL},
	{"policy", "team", NULL},
};

/* The value of a top-level field of a flat JSON object as the triggers
 * write it: a number, or a string without escapes. */
static int json_field(const char *row, const char *field, char *out, size_t cap)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof pat, "\"%s\":", field);
	if (row == NULL || (p = strstr(row, pat)) == NULL)
		return 0;
	p += strlen(pat);
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"\\");
		if (p[n] != '"')
			return 0;
	} else {
		n = strspn(p, "0123456789");
	}
	if (n == 0 || n >= cap)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

struct keyed {
	dk_row_fn fn;
	void *ctx;
};

/* Adds the typed key after the entity: seq, at, actor, action, entity,
 * key, entity_id, row, hash. */
static int keyed_row(void *arg, int ncol, const struct dk_cell *c, struct dk_error *err)
{
	struct keyed *k = arg;
	struct dk_cell out[9];
	char key[DK_KEY_LEN + 64] = "", v[64];
	const char *prefix;

	if (ncol != 8)
		return dk_fail(err, DK_EDB, "audit log: %d columns, expected 8", ncol);
	if ((prefix = dk_key_prefix_of(c[4].text)) != NULL) {
		dk_key_format(prefix, strtoll(c[5].text, NULL, 10), key);
	} else {
		for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
			if (strcmp(owned[i].table, c[4].text) != 0 ||
			    !json_field(c[6].text, owned[i].field, v, sizeof v))
				continue;
			if (owned[i].owner == NULL)
				snprintf(key, sizeof key, "%s", v);
			else
				dk_key_format(dk_key_prefix_of(owned[i].owner), strtoll(v, NULL, 10), key);
			break;
		}
	}
	memcpy(out, c, 5 * sizeof *c);
	out[5] = (struct dk_cell){"key", key[0] ? key : NULL, key[0] ? DK_CELL_TEXT : DK_CELL_NULL};
	memcpy(out + 6, c + 5, 3 * sizeof *c);
	return k->fn(k->ctx, 9, out, err);
}

int dk_audit_log(struct dk_db *db, const struct dk_audit_filter *f, dk_row_fn fn, void *ctx,
                 struct dk_error *err)
{
	struct keyed k = {fn, ctx};
	const char *prefix = NULL, *what = NULL, *table = NULL;
	struct dk_stmt *s = NULL;
	int64_t id = 0;
	int rc;

	if (f->key != NULL) {
		if (f->entity != NULL)
			return dk_fail(err, DK_EINPUT, "give --key or --entity, not both (a key names "
			               "its kind)");
		if ((rc = dk_key_parse_any(f->key, &prefix, &what, &id, err)) != DK_OK) {
			char why[sizeof err->msg];
			snprintf(why, sizeof why, "%s", err->msg);
			return dk_fail(err, DK_EINPUT, "--key %s", why);
		}
		table = dk_key_table(prefix);
	}
	if (f->entity != NULL) {
		int known = 0;
		for (const char *const *e = dk_schema_audited_tables(); *e; e++)
			known |= strcmp(*e, f->entity) == 0;
		if (!known)
			return dk_fail(err, DK_EINPUT, "--entity '%.40s' is not a record kind (person, "
			               "policy, context, blueprint, decision, evidence, risk, ...)", f->entity);
	}
	if ((rc = dk_stmt_prepare(db, &s, table ? dk_sql_for(db, &SQL_LOG_KEY) : SQL_LOG, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":entity", table ? table : f->entity);
	if (table) {
		static const char *const cs[KEY_PARTS] = {":c1", ":c2", ":c3", ":c4"};
		static const char *const fs[KEY_PARTS] = {":f1", ":f2", ":f3", ":f4"};
		char paths[KEY_PARTS][64];
		int n = 0;

		dk_bind_int(s, ":id", id);
		for (size_t i = 0; i < sizeof owned / sizeof owned[0] && n < KEY_PARTS; i++)
			if (owned[i].owner && strcmp(owned[i].owner, table) == 0) {
				snprintf(paths[n], sizeof paths[n], "$.%s", owned[i].field);
				dk_bind_text(s, cs[n], owned[i].table);
				dk_bind_text(s, fs[n], paths[n]);
				n++;
			}
		for (; n < KEY_PARTS; n++) {
			dk_bind_text(s, cs[n], NULL);
			dk_bind_text(s, fs[n], NULL);
		}
	}
	dk_bind_text(s, ":since", f->since);
	dk_bind_int(s, ":limit", f->limit > 0 ? f->limit : INT64_MAX);
	rc = dk_rows_emit(s, keyed_row, &k, err);
	dk_stmt_finalize(&s);
	return rc;
}

const char *dk_audit_log_key_sql(void)
{
	return SQL_LOG_KEY.sqlite;
}

void dk_audit_hash(int64_t seq, const char *prev, const char *at, const char *actor,
                   const char *action, const char *entity, int64_t entity_id,
                   const char *row, char out[DK_SHA256_HEX])
{
	struct dk_buf b = {0};

	dk_buf_addf(&b, "%lld|%s|%s|%s|%s|%s|%lld|", (long long)seq, prev, at, actor, action,
	            entity, (long long)entity_id);
	dk_buf_adds(&b, row);
	dk_sha256_hex(dk_buf_str(&b), b.len, out);
	dk_buf_free(&b);
}

static const char *col(struct dk_stmt *s, int i)
{
	const char *t = dk_col_text(s, i);
	return t ? t : "";
}

int dk_audit_verify(struct dk_db *db, struct dk_audit_result *res, struct dk_error *err)
{
	static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
	char prev[DK_SHA256_HEX], h[DK_SHA256_HEX], prev_at[40] = "";
	struct dk_stmt *s = NULL;
	int64_t expect = 1;
	int rc;

	memset(res, 0, sizeof *res);
	memcpy(prev, zero, sizeof zero);
	if ((rc = dk_stmt_prepare(db, &s, SQL_CHAIN, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		int64_t seq = dk_col_int(s, 0);

		res->rows++;
		if (seq != expect) {
			res->broken_seq = expect;
			snprintf(res->reason, sizeof res->reason,
			         "sequence %lld is missing (next row is %lld)", (long long)expect,
			         (long long)seq);
			break;
		}
		if (strcmp(col(s, 7), prev) != 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its previous hash does not match row %lld", (long long)seq - 1);
			break;
		}
		dk_audit_hash(seq, prev, col(s, 1), col(s, 2), col(s, 3), col(s, 4),
		              dk_col_int(s, 5), col(s, 6), h);
		if (strcmp(h, col(s, 8)) != 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its content does not match its hash (the row was edited)");
			break;
		}
		/* The triggers stamp each row with the time of its write, under
		 * the write lock: a row older than the one before it was not
		 * written by them. */
		if (strcmp(col(s, 1), prev_at) < 0) {
			res->broken_seq = seq;
			snprintf(res->reason, sizeof res->reason,
			         "its time %.30s is earlier than row %lld's (%.30s): it was not "
			         "written in order", col(s, 1), (long long)seq - 1, prev_at);
			break;
		}
		snprintf(prev_at, sizeof prev_at, "%s", col(s, 1));
		memcpy(prev, h, sizeof h);
		res->head_seq = seq;
		expect++;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_ROW && rc != DK_DONE)
		return rc;
	if (res->rows > 0 && res->broken_seq == 0)
		memcpy(res->head, prev, sizeof prev);
	return DK_OK;
}

int dk_audit_has_hash(struct dk_db *db, const char *hash, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t seq;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, "SELECT seq FROM audit_log WHERE hash = :hash", err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":hash", hash);
	rc = dk_stmt_one_int(s, &seq, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	return found ? DK_OK : DK_EFAIL;
}

static const char SQL_ROW_AT[] = "SELECT hash, at FROM audit_log WHERE seq = :seq";

int dk_audit_row_at(struct dk_db *db, int64_t seq, char hash[DK_SHA256_HEX],
                    char at[DK_AUDIT_AT_LEN], int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	hash[0] = at[0] = '\0';
	if ((rc = dk_stmt_prepare(db, &s, SQL_ROW_AT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":seq", seq);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		*found = 1;
		snprintf(hash, DK_SHA256_HEX, "%s", col(s, 0));
		snprintf(at, DK_AUDIT_AT_LEN, "%s", col(s, 1));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	return rc;
}
