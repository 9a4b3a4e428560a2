/* history.c: a record's history from its audit rows (docket/history.h).
 * One statement per kind finds the changes, by the audit log's index on
 * (entity, entity_id); C names them and turns ids into keys. */
#include "docket/history.h"

#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/text.h"

#include "dialect.h"

/* Each audit row of one record, with the row before it; an update becomes
 * one row per JSON key whose value differs from the row before (a key the
 * older row lacks, from a column added since, is no change while it is
 * null). ord puts the changes of one write in :order's order, then in the
 * row's own. PostgreSQL walks the members with json_each (jsonb would sort
 * them) and compares each value as text and by its JSON type, as SQLite
 * compares the value and its type. */
#define CHANGES_HEAD(entity) \
	"WITH a AS (SELECT seq, at, actor, action, row, LAG(row) OVER (ORDER BY seq) AS prev" \
	"  FROM audit_log WHERE entity = '" entity "' AND entity_id = :id) " \
	"SELECT seq, at, actor, action, NULL AS key, NULL AS old, NULL AS new, prev, row, 0 AS ord" \
	" FROM a WHERE action <> 'update' " \
	"UNION ALL "
#define CHANGES_DK_SQLITE(entity) \
	CHANGES_HEAD(entity) \
	"SELECT a.seq, a.at, a.actor, a.action, n.key, o.value, n.value, a.prev, a.row," \
	"  coalesce(nullif(instr(:order, ',' || n.key || ','), 0), 100000 + n.id)" \
	" FROM a JOIN json_each(a.row) n LEFT JOIN json_each(a.prev) o ON o.key = n.key" \
	" WHERE a.action = 'update'" \
	"   AND (o.value IS NOT n.value OR (o.key IS NOT NULL AND o.type <> n.type)) "
#define CHANGES_DK_PG(entity) \
	CHANGES_HEAD(entity) \
	"SELECT a.seq, a.at, a.actor, a.action, n.key, o.value #>> '{}', n.value #>> '{}', a.prev, a.row," \
	"  coalesce(nullif(strpos(:order, ',' || n.key || ','), 0), 100000 + n.id)" \
	" FROM a CROSS JOIN json_each(a.row::json) WITH ORDINALITY n(key, value, id)" \
	"  LEFT JOIN json_each(a.prev::json) o ON o.key = n.key" \
	" WHERE a.action = 'update'" \
	"   AND ((o.value #>> '{}') IS DISTINCT FROM (n.value #>> '{}')" \
	"     OR (o.key IS NOT NULL AND json_typeof(o.value) <> json_typeof(n.value))) "
#define CHANGES(D, entity) CHANGES_##D(entity)

#define SQL_RISK_TEXT(D) CHANGES(D, "risk") "ORDER BY seq, ord"
static const struct dk_sql SQL_RISK = DK_SQL_BOTH(SQL_RISK_TEXT);

/* A decision's evidence links and the links it makes, found by the audit
 * log's partial indexes on the decision they name (migrations/0011). */
#define SQL_DECISION_TEXT(D) \
	CHANGES(D, "decision") \
	"UNION ALL " \
	"SELECT seq, at, actor, 'update', 'evidence'," \
	"  CASE WHEN action <> 'insert' THEN 'EV-' || " D##_JSON_TEXT("coalesce(prev, row)", "evidence_id") \
	"    || ' ' || " D##_JSON_TEXT("coalesce(prev, row)", "stance") " END," \
	"  CASE WHEN action <> 'delete' THEN 'EV-' || " D##_JSON_TEXT("row", "evidence_id") " || ' ' ||" \
	"    " D##_JSON_TEXT("row", "stance") " END, NULL, NULL, 200000" \
	" FROM (SELECT seq, at, actor, action, row," \
	"         LAG(row) OVER (PARTITION BY entity_id ORDER BY seq) AS prev" \
	"       FROM audit_log WHERE entity = 'decision_evidence'" \
	"         AND " D##_JSON_INT("row", "decision_id") " = :id) e " \
	"UNION ALL " \
	"SELECT seq, at, actor, 'update', 'link'," \
	"  CASE WHEN action = 'delete' THEN " D##_JSON_TEXT("row", "label") " || ' D-' ||" \
	"    " D##_JSON_TEXT("row", "dst_id") " END," \
	"  CASE WHEN action <> 'delete' THEN " D##_JSON_TEXT("row", "label") " || ' D-' ||" \
	"    " D##_JSON_TEXT("row", "dst_id") " END, NULL, NULL, 200001" \
	" FROM audit_log WHERE entity = 'decision_link' AND " D##_JSON_INT("row", "src_id") " = :id " \
	"ORDER BY seq, ord"
static const struct dk_sql SQL_DECISION = DK_SQL_BOTH(SQL_DECISION_TEXT);

/* The value at a path "$.key" (PostgreSQL is given the key after "$."). */
static const struct dk_sql SQL_FIELD = {
	.sqlite = "SELECT json_extract(:row, :path)",
	.postgres = "SELECT (:row)::json ->> substr(:path, 3)",
};
static const char SQL_HANDLE[] = "SELECT handle FROM person WHERE id = :id";

enum { HIDE = 1, PERSON = 2 };

struct field {
	const char *key;    /* the audit row's JSON key */
	const char *change; /* the name shown; NULL: the key */
	unsigned flags;     /* HIDE, PERSON (a person id, shown as the handle) */
	const char *shown;  /* a template over the row ({key} or {key:person}), or NULL */
};

struct spec {
	const struct dk_sql *sql;
	const char *order;           /* ",key,key," first in this order */
	const char *created;         /* the template of the "created" row's to */
	const struct field *fields;  /* ended by a row with key NULL */
};

#define BOOKKEEPING {"id", NULL, HIDE, NULL}, {"uuid", NULL, HIDE, NULL}, \
	{"created_at", NULL, HIDE, NULL}, {"created_by", NULL, HIDE, NULL}, \
	{"withdrawn_at", NULL, HIDE, NULL}, {"withdrawn_by", NULL, HIDE, NULL}, \
	{"withdrawn_reason", "withdrawn", 0, NULL}

static const struct field risk_fields[] = {
	BOOKKEEPING,
	{"owner_id", "owner", PERSON, NULL},
	{"due_on", "due", 0, NULL},
	{"likelihood", NULL, HIDE, NULL},
	{"impact", NULL, HIDE, NULL},
	{"score", "score", 0, "{likelihood}x{impact}={score}"},
	{"approved_by", "approved_by", PERSON, NULL},
	{"accepted_hash", NULL, HIDE, NULL},
	{"decision_id", "decision", 0, "D-{decision_id}"},
	{"blueprint_id", "blueprint", 0, "BP-{blueprint_id}"},
	{NULL, NULL, 0, NULL},
};

static const struct field decision_fields[] = {
	BOOKKEEPING,
	{"status_reason", "reason", 0, NULL},
	{"blueprint_id", "blueprint", 0, "BP-{blueprint_id}"},
	{"context_id", "context", 0, "CTX-{context_id}"},
	{"review_id", "review", 0, "RV-{review_id}"},
	{"supersedes_id", "supersedes", 0, "D-{supersedes_id}"},
	{NULL, NULL, 0, NULL},
};

static const struct spec risk_spec = {
	&SQL_RISK, ",owner_id,due_on,score,status,",
	"owner {owner_id:person}, due {due_on}, score {likelihood}x{impact}={score}", risk_fields};
static const struct spec decision_spec = {
	&SQL_DECISION, ",status,status_reason,decided_on,withdrawn_reason,", "status {status}, area {area}",
	decision_fields};

/* The handle of person id (text), or "?" when there is none. */
static int handle(struct dk_db *db, const char *id, struct dk_buf *out, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_HANDLE, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":id", id);
	rc = dk_stmt_step(s, err);
	dk_buf_adds(out, rc == DK_ROW ? dk_col_text(s, 0) : "?");
	dk_stmt_finalize(&s);
	return rc == DK_ROW || rc == DK_DONE ? DK_OK : rc;
}

/* row's value at key, appended to out ("-" when it is null or absent). */
static int field(struct dk_db *db, const char *row, const char *key, size_t len, int person,
                 struct dk_buf *out, struct dk_error *err)
{
	char path[80];
	struct dk_stmt *s = NULL;
	int rc;

	snprintf(path, sizeof path, "$.%.*s", (int)(len < 64 ? len : 64), key);
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_FIELD), err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":row", row);
	dk_bind_text(s, ":path", path);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW && !dk_col_is_null(s, 0)) {
		if (person)
			rc = handle(db, dk_col_text(s, 0), out, err);
		else
			dk_buf_adds(out, dk_col_text(s, 0));
	} else if (rc == DK_ROW || rc == DK_DONE) {
		dk_buf_adds(out, "-");
	}
	dk_stmt_finalize(&s);
	return rc == DK_ROW || rc == DK_DONE ? DK_OK : rc;
}

/* Expands a template's {key} and {key:person} over row into out. */
static int expand(struct dk_db *db, const char *tpl, const char *row, struct dk_buf *out,
                  struct dk_error *err)
{
	static const char suffix[] = ":person";
	int rc;

	for (const char *p = tpl; *p;) {
		const char *open = strchr(p, '{'), *close;
		size_t len;

		if (open == NULL || (close = strchr(open, '}')) == NULL) {
			dk_buf_adds(out, p);
			break;
		}
		dk_buf_add(out, p, (size_t)(open - p));
		len = (size_t)(close - open - 1);
		if (len > sizeof suffix - 1 &&
		    memcmp(close - (sizeof suffix - 1), suffix, sizeof suffix - 1) == 0)
			rc = field(db, row, open + 1, len - (sizeof suffix - 1), 1, out, err);
		else
			rc = field(db, row, open + 1, len, 0, out, err);
		if (rc != DK_OK)
			return rc;
		p = close + 1;
	}
	return dk_buf_ok(out) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

static const struct field *find_field(const struct spec *sp, const char *key)
{
	for (const struct field *f = sp->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

/* One side of a change: the value, as a key or handle where it names one. */
static int side(struct dk_db *db, const struct field *f, const char *value, const char *row,
                struct dk_buf *out, int *null, struct dk_error *err)
{
	*null = value == NULL;
	if (value == NULL)
		return DK_OK;
	if (f && f->shown && row)
		return expand(db, f->shown, row, out, err);
	if (f && (f->flags & PERSON))
		return handle(db, value, out, err);
	dk_buf_adds(out, value);
	return dk_buf_ok(out) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

static int history(struct dk_db *db, const struct spec *sp, int64_t id, dk_row_fn fn, void *ctx,
                   struct dk_error *err)
{
	struct dk_buf from = {0}, to = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, sp->sql), err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":order", sp->order);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *action = dk_col_text(s, 3), *key = dk_col_text(s, 4);
		const char *change = key;
		const struct field *f = NULL;
		int from_null = 1, to_null = 1;

		dk_buf_free(&from);
		dk_buf_free(&to);
		if (strcmp(action, "insert") == 0) {
			change = "created";
			to_null = 0;
			rc = expand(db, sp->created, dk_col_text(s, 8), &to, err);
		} else if (strcmp(action, "delete") == 0) {
			change = "deleted";
			rc = DK_OK;
		} else {
			if ((f = find_field(sp, key)) != NULL && (f->flags & HIDE))
				continue;
			if (f && f->change)
				change = f->change;
			/* the columns are read now: the next side's statements reuse none of s's */
			rc = side(db, f, dk_col_is_null(s, 5) ? NULL : dk_col_text(s, 5),
			          dk_col_is_null(s, 7) ? NULL : dk_col_text(s, 7), &from, &from_null, err);
			if (rc == DK_OK)
				rc = side(db, f, dk_col_is_null(s, 6) ? NULL : dk_col_text(s, 6),
				          dk_col_is_null(s, 8) ? NULL : dk_col_text(s, 8), &to, &to_null, err);
		}
		if (rc != DK_OK)
			break;
		{
			const struct dk_cell cells[] = {
				{"seq", dk_col_text(s, 0), DK_CELL_INT},
				{"at", dk_col_text(s, 1), DK_CELL_TEXT},
				{"actor", dk_col_text(s, 2), DK_CELL_TEXT},
				{"change", change, DK_CELL_TEXT},
				{"from", from_null ? NULL : dk_buf_str(&from), from_null ? DK_CELL_NULL : DK_CELL_TEXT},
				{"to", to_null ? NULL : dk_buf_str(&to), to_null ? DK_CELL_NULL : DK_CELL_TEXT},
			};
			if ((rc = fn(ctx, 6, cells, err)) != DK_OK)
				break;
		}
	}
	dk_stmt_finalize(&s);
	dk_buf_free(&from);
	dk_buf_free(&to);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_history_risk(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	return history(db, &risk_spec, id, fn, ctx, err);
}

int dk_history_decision(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err)
{
	return history(db, &decision_spec, id, fn, ctx, err);
}
