/* copy.c: docket/copy.h. A table at a time, every column as the source
 * stores it (its type read per value and bound as that type), the engine's
 * generated columns left for the destination to compute, the audit rows
 * verbatim; the checks of audit verify at both ends. */
#include "docket/copy.h"

#include <stdio.h>
#include <string.h>

#include "docket/audit.h"
#include "docket/db.h"
#include "docket/migrate.h"
#include "docket/schema.h"
#include "docket/store.h"
#include "docket/text.h"

/* Foreign-key order: each table after those its rows name (test_copy
 * checks it against the engine's foreign keys, and that every table the
 * trail covers is here). */
static const char *const tables[] = {
	"person", "policy", "context", "blueprint", "blueprint_item", "stage", "gate", "review",
	"review_attendee", "decision", "decision_option", "evidence", "decision_evidence", "risk",
	"verification_step", "verification_result", "decision_link", "adr_source", "audit_log",
	NULL,
};

_Static_assert(sizeof tables / sizeof *tables - 1 <= DK_COPY_MAX_TABLES,
               "a copy result counts every table");

const char *const *dk_copy_tables(void) { return tables; }

/* The columns a copy writes: all but those the engine computes. */
#define MAX_COLUMNS 64
struct columns {
	int n;
	char name[MAX_COLUMNS][64];
};

static int add_column(void *ctx, const char *name, const char *dflt, int generated,
                      struct dk_error *err)
{
	struct columns *c = ctx;

	(void)dflt;
	if (generated)
		return DK_OK;
	if (c->n >= MAX_COLUMNS)
		return dk_fail(err, DK_EDB, "a table has more than %d columns", MAX_COLUMNS);
	if (strlen(name) >= sizeof c->name[0])
		return dk_fail(err, DK_EDB, "column name '%.40s...' is too long", name);
	snprintf(c->name[c->n++], sizeof c->name[0], "%s", name);
	return DK_OK;
}

/* The written columns of table in both databases: the same names in the
 * same order, or the engines' schemas differ and nothing can be copied. */
static int both_columns(struct dk_db *src, struct dk_db *dst, const char *table,
                        struct columns *c, struct dk_error *err)
{
	struct columns d = {0};
	int n = 0, rc;

	memset(c, 0, sizeof *c);
	if ((rc = dk_db_table_columns(src, table, add_column, c, &n, err)) != DK_OK ||
	    (rc = dk_db_table_columns(dst, table, add_column, &d, &n, err)) != DK_OK)
		return rc;
	if (c->n == 0)
		return dk_fail(err, DK_EDB, "the source has no table %s", table);
	if (c->n != d.n)
		return dk_fail(err, DK_EDB, "table %s has %d columns in the source and %d in the "
		               "destination", table, c->n, d.n);
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->name[i], d.name[i]) != 0)
			return dk_fail(err, DK_EDB, "table %s: column %d is %s in the source and %s in "
			               "the destination", table, i + 1, c->name[i], d.name[i]);
	return DK_OK;
}

/* SQL quoting of a name, the same in both engines: "a ""b""". */
static void add_name(struct dk_buf *b, const char *s)
{
	dk_buf_add(b, "\"", 1);
	for (; *s; s++)
		dk_buf_add(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
	dk_buf_add(b, "\"", 1);
}

/* SELECT "a", "b" FROM "t" ORDER BY 1 (every table's first column is its
 * key: id, or audit_log's seq) and INSERT INTO "t" ("a", "b") VALUES (:p0, :p1). */
static int build_sql(const char *table, const struct columns *c, struct dk_buf *sel,
                     struct dk_buf *ins)
{
	dk_buf_adds(sel, "SELECT ");
	dk_buf_adds(ins, "INSERT INTO ");
	add_name(ins, table);
	dk_buf_adds(ins, " (");
	for (int i = 0; i < c->n; i++) {
		dk_buf_adds(sel, i ? ", " : "");
		dk_buf_adds(ins, i ? ", " : "");
		add_name(sel, c->name[i]);
		add_name(ins, c->name[i]);
	}
	dk_buf_adds(sel, " FROM ");
	add_name(sel, table);
	dk_buf_adds(sel, " ORDER BY 1");
	dk_buf_adds(ins, ") VALUES (");
	for (int i = 0; i < c->n; i++)
		dk_buf_addf(ins, "%s:p%d", i ? ", " : "", i);
	dk_buf_adds(ins, ")");
	return dk_buf_ok(sel) && dk_buf_ok(ins);
}

/* Binds column i of the source's row to :p<i> as the type it is stored as. */
static int bind_value(struct dk_stmt *from, int i, struct dk_stmt *to, const char *table,
                      const char *column, struct dk_error *err)
{
	char p[16];

	snprintf(p, sizeof p, ":p%d", i);
	switch (dk_col_type(from, i)) {
	case DK_COL_NULL: dk_bind_null(to, p); break;
	case DK_COL_INT: dk_bind_int(to, p, dk_col_int(from, i)); break;
	case DK_COL_REAL: dk_bind_double(to, p, dk_col_double(from, i)); break;
	case DK_COL_TEXT: dk_bind_text(to, p, dk_col_text(from, i)); break;
	default:
		return dk_fail(err, DK_EDB, "%s %lld: %s holds a BLOB, which docket never writes "
		               "(the source was written outside docket)", table,
		               (long long)dk_col_int(from, 0), column);
	}
	return DK_OK;
}

static int copy_table(struct dk_db *src, struct dk_db *dst, const char *table, int64_t *rows,
                      struct dk_error *err)
{
	struct dk_buf sel = {0}, ins = {0};
	struct dk_stmt *from = NULL, *to = NULL;
	struct columns c;
	int rc;

	*rows = 0;
	if ((rc = both_columns(src, dst, table, &c, err)) != DK_OK)
		goto out;
	if (!build_sql(table, &c, &sel, &ins)) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto out;
	}
	if ((rc = dk_stmt_prepare_text(src, &from, dk_buf_str(&sel), err)) != DK_OK ||
	    (rc = dk_stmt_prepare_text(dst, &to, dk_buf_str(&ins), err)) != DK_OK)
		goto out;
	while ((rc = dk_stmt_step(from, err)) == DK_ROW) {
		for (int i = 0; i < c.n; i++)
			if ((rc = bind_value(from, i, to, table, c.name[i], err)) != DK_OK)
				goto out;
		if ((rc = dk_stmt_step(to, err)) != DK_DONE) {
			char why[sizeof err->msg];

			snprintf(why, sizeof why, "%s", err->msg);
			rc = dk_fail(err, rc == DK_ROW ? DK_EDB : rc, "copying %s %lld: %s", table,
			             (long long)dk_col_int(from, 0), rc == DK_ROW ? "a row came back" : why);
			goto out;
		}
		dk_stmt_reset(to);
		(*rows)++;
	}
	rc = rc == DK_DONE ? DK_OK : rc;
out:
	dk_stmt_finalize(&from);
	dk_stmt_finalize(&to);
	dk_buf_free(&sel);
	dk_buf_free(&ins);
	return rc;
}

/* The first finding of an audit check, kept for the message. */
struct first {
	char what[400];
};

static int keep_first(void *ctx, int ncol, const struct dk_cell *c, struct dk_error *err)
{
	struct first *f = ctx;

	(void)err;
	if (f->what[0] == '\0' && ncol == 4)
		snprintf(f->what, sizeof f->what, "%s: %s: %s", c[0].text, c[2].text, c[3].text);
	return DK_OK;
}

/* How many rows the destination's copied tables hold (the first that has
 * any is named). */
static int count_records(struct dk_db *db, int64_t *n, const char **which, struct dk_error *err)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int found, rc = DK_OK;

	*n = 0;
	*which = NULL;
	for (int i = 0; tables[i] && rc == DK_OK && *n == 0; i++) {
		dk_buf_free(&q);
		dk_buf_adds(&q, "SELECT count(*) FROM ");
		add_name(&q, tables[i]);
		if (!dk_buf_ok(&q)) {
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		if ((rc = dk_stmt_prepare_text(db, &s, dk_buf_str(&q), err)) == DK_OK)
			rc = dk_stmt_one_int(s, n, &found, err);
		dk_stmt_finalize(&s);
		if (*n > 0)
			*which = tables[i];
	}
	dk_buf_free(&q);
	return rc;
}

/* The source: at this version, and everything audit verify checks holds,
 * in the snapshot the copy then reads. */
static int check_source(struct dk_db *src, const char *from, struct dk_audit_result *r,
                        struct dk_error *err)
{
	struct first f = {""};
	int version = 0, rc;

	if ((rc = dk_db_schema_version(src, &version, err)) != DK_OK)
		return rc;
	if (version != dk_migrate_latest())
		return dk_fail(err, DK_EINPUT, "--from '%s' is at schema version %d and this docket "
		               "copies from version %d only: migrate it first (docket --db '%s' "
		               "migrate); nothing was copied", from, version, dk_migrate_latest(), from);
	if ((rc = dk_audit_check_tx(src, keep_first, &f, r, err)) != DK_OK)
		return rc;
	if (r->findings > 0)
		return dk_fail(err, DK_EINPUT, "--from '%s' does not verify (%lld finding%s; the first: "
		               "%s): see docket --db '%s' audit verify; nothing was copied", from,
		               (long long)r->findings, r->findings == 1 ? "" : "s", f.what, from);
	return DK_OK;
}

/* The destination: created here with every migration, or a docket
 * database at this version (checked for records under the write lock). */
static int open_destination(const char *to, const char *actor, struct dk_db **dst,
                            struct dk_error *err)
{
	struct dk_error e;
	int rc;

	if ((rc = dk_store_open(to, DK_OPEN_CREATE, actor, dst, &e)) == DK_OK)
		return DK_OK;
	if (rc != DK_EINPUT) { /* not "it exists": it cannot be made there */
		*err = e;
		return rc;
	}
	if (dk_store_open(to, 0, actor, dst, &e) != DK_OK)
		return dk_fail(err, DK_EINPUT, "--to '%s' exists and is not an empty docket database "
		               "at schema version %d (%s): docket copy writes only into a new database "
		               "or an empty one; nothing was copied", to, dk_migrate_latest(), e.msg);
	return DK_OK;
}

/* Loads every table into dst inside its write transaction, then checks
 * what it loaded against the source's check. */
static int load(struct dk_db *src, struct dk_db *dst, const char *to,
                const struct dk_audit_result *want, struct dk_copy_result *res,
                struct dk_error *err)
{
	struct first f = {""};
	struct dk_audit_result got;
	const char *which;
	int64_t n;
	int rc;

	if ((rc = count_records(dst, &n, &which, err)) != DK_OK)
		return rc;
	if (n > 0)
		return dk_fail(err, DK_EINPUT, "--to '%s' already holds records (%lld in %s): docket "
		               "copy writes only into a new database or an empty one; nothing was "
		               "copied", to, (long long)n, which);
	if ((rc = dk_db_load_begin(dst, err)) != DK_OK)
		return rc;
	for (int i = 0; tables[i]; i++) {
		struct dk_copy_count *c = &res->tables[res->ntables++];

		c->table = tables[i];
		if ((rc = copy_table(src, dst, tables[i], &c->rows, err)) != DK_OK)
			return rc;
		*(strcmp(tables[i], "audit_log") == 0 ? &res->audit_rows : &res->records) += c->rows;
	}
	if ((rc = dk_db_load_end(dst, err)) != DK_OK)
		return rc;
	if ((rc = dk_audit_check_tx(dst, keep_first, &f, &got, err)) != DK_OK)
		return rc;
	if (got.findings > 0)
		return dk_fail(err, DK_EDB, "the copy in '%s' does not verify (%lld finding%s; the "
		               "first: %s); it was rolled back", to, (long long)got.findings,
		               got.findings == 1 ? "" : "s", f.what);
	if (got.rows != want->rows || strcmp(got.head, want->head) != 0)
		return dk_fail(err, DK_EDB, "the copy's audit head (%lld:%.16s) is not the source's "
		               "(%lld:%.16s); it was rolled back", (long long)got.head_seq, got.head,
		               (long long)want->head_seq, want->head);
	res->head_seq = got.head_seq;
	memcpy(res->head, got.head, sizeof res->head);
	return DK_OK;
}

int dk_copy(const char *from, const char *to, const char *actor, struct dk_copy_result *res,
            struct dk_error *err)
{
	struct dk_db *src = NULL, *dst = NULL;
	struct dk_audit_result want;
	int rc;

	memset(res, 0, sizeof *res);
	if (from == NULL || *from == '\0' || to == NULL || *to == '\0')
		return dk_fail(err, DK_EINPUT, "give the database to copy from (--from) and the new "
		               "one to copy to (--to)");
	if (strcmp(from, to) == 0)
		return dk_fail(err, DK_EINPUT, "--from and --to are the same ('%s'): a copy goes into "
		               "another database", from);
	if ((rc = dk_store_open(from, DK_OPEN_READONLY | DK_OPEN_ANY_VERSION, actor, &src, err)) !=
	    DK_OK)
		return rc;
	if ((rc = dk_db_read_begin(src, err)) != DK_OK)
		goto out;
	if ((rc = check_source(src, from, &want, err)) != DK_OK ||
	    (rc = open_destination(to, actor, &dst, err)) != DK_OK)
		goto out;
	/* the load's journal and indexes in memory, as an import's */
	dk_db_tune_bulk(dst, 1);
	if ((rc = dk_db_begin(dst, err)) != DK_OK)
		goto out;
	rc = load(src, dst, to, &want, res, err);
	if (rc == DK_OK)
		rc = dk_db_commit(dst, err);
	else
		dk_db_rollback(dst);
out:
	if (dst != NULL)
		dk_db_tune_bulk(dst, 0);
	if (rc != DK_OK)
		memset(res, 0, sizeof *res);
	dk_db_read_end(src);
	dk_db_close(dst);
	dk_db_close(src);
	return rc;
}
