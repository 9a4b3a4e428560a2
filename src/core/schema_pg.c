/* schema_pg.c: dk_schema_check on PostgreSQL (schema_pg.h). The catalog is
 * read through docket/db.h like any other table; what it is compared with
 * was read from the migrations at build time (gen_pg_objects). Each of the
 * three lists is sorted by name in byte order, as COLLATE "C" sorts, so
 * one pass over each finds the missing, the unknown and the altered. */
#include "schema_pg.h"

#include <string.h>

#include "docket/db.h"

/* The non-internal triggers on the relations of schema docket, with the
 * function each executes and the hash of that function's body (the
 * built-in sha256: a docket function could have been replaced). */
static const char SQL_PG_TRIGGERS[] =
	"SELECT t.tgname::text, c.relname::text, t.tgenabled::text, p.proname::text,"
	"       p.pronamespace = 'docket'::regnamespace, p.pronamespace = 'pg_catalog'::regnamespace,"
	"       pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p.prosrc, 'UTF8')), 'hex'),"
	"       t.tgtype::bigint,"
	"       coalesce((SELECT string_agg(a.attname::text, ',' ORDER BY a.attname::text COLLATE \"C\")"
	"                 FROM pg_attribute a"
	"                 WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::int2[])), ''),"
	"       pg_catalog.encode(t.tgargs, 'hex'), t.tgqual IS NOT NULL, pg_get_triggerdef(t.oid)"
	" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
	" WHERE NOT t.tgisinternal AND c.relnamespace = 'docket'::regnamespace"
	" ORDER BY t.tgname::text COLLATE \"C\", c.relname::text COLLATE \"C\"";

static const char SQL_PG_VIEWS[] =
	"SELECT viewname::text, definition FROM pg_views WHERE schemaname = 'docket'"
	" ORDER BY viewname::text COLLATE \"C\"";

static const char SQL_PG_FUNCTIONS[] =
	"SELECT p.proname::text,"
	"       pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p.prosrc, 'UTF8')), 'hex'),"
	"       p.prosqlbody IS NOT NULL, p.prosrc"
	" FROM pg_proc p WHERE p.pronamespace = 'docket'::regnamespace"
	" ORDER BY p.proname::text COLLATE \"C\"";

struct pass {
	dk_schema_fn fn;
	void *ctx;
	int *problems;
};

static void report(struct pass *p, const char *type, const char *name, const char *table,
                   const char *sql, const char *problem)
{
	const struct dk_schema_object o = {type, name, table, sql};

	(*p->problems)++;
	if (p->fn != NULL)
		p->fn(p->ctx, &o, problem);
}

static int cmp_trigger(const struct dk_pg_trigger *want, const char *name, const char *table)
{
	int c = strcmp(want->name, name);
	return c != 0 ? c : strcmp(want->table, table);
}

/* What is wrong with the trigger row s (SQL_PG_TRIGGERS) that has want's
 * name and table; NULL: nothing. */
static const char *trigger_problem(struct dk_stmt *s, const struct dk_pg_trigger *want)
{
	const char *enabled = dk_col_text(s, 2);
	int same = strcmp(dk_col_text(s, 3), want->function) == 0 &&
	           dk_col_int(s, 7) == want->tgtype && strcmp(dk_col_text(s, 8), want->columns) == 0 &&
	           strcmp(dk_col_text(s, 9), want->args) == 0 && dk_col_int(s, 10) == want->when;

	if (want->function_sha256 != NULL)
		same = same && dk_col_int(s, 4) && strcmp(dk_col_text(s, 6), want->function_sha256) == 0;
	else
		same = same && dk_col_int(s, 5);
	if (!same)
		return "altered";
	if (enabled[0] != want->enabled)
		/* 'D' never fires, 'R' only where replication is the session's role */
		return (enabled[0] == 'D' || enabled[0] == 'R') && want->enabled == 'O' ? "disabled"
		                                                                      : "altered";
	return NULL;
}

static int check_triggers(struct dk_db *db, struct pass *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, next = 0;

	if ((rc = dk_stmt_prepare(db, &s, SQL_PG_TRIGGERS, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *name = dk_col_text(s, 0), *table = dk_col_text(s, 1), *problem;
		const struct dk_pg_trigger *want;
		int c = 1;

		for (; next < dk_pg_trigger_count &&
		       (c = cmp_trigger(&dk_pg_triggers[next], name, table)) < 0; next++)
			report(p, "trigger", dk_pg_triggers[next].name, dk_pg_triggers[next].table,
			       dk_pg_triggers[next].sql, "missing");
		if (next >= dk_pg_trigger_count || c != 0) {
			report(p, "trigger", name, table, dk_col_text(s, 11), "unknown");
			continue;
		}
		want = &dk_pg_triggers[next++];
		if ((problem = trigger_problem(s, want)) != NULL)
			report(p, "trigger", want->name, want->table, want->sql, problem);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	for (; next < dk_pg_trigger_count; next++)
		report(p, "trigger", dk_pg_triggers[next].name, dk_pg_triggers[next].table,
		       dk_pg_triggers[next].sql, "missing");
	return DK_OK;
}

/* Views by name: their text is the server's own (pg_get_viewdef), which the
 * build cannot know. */
static int check_views(struct dk_db *db, struct pass *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, next = 0;

	if ((rc = dk_stmt_prepare(db, &s, SQL_PG_VIEWS, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *name = dk_col_text(s, 0);
		int c = 1;

		for (; next < dk_pg_view_count && (c = strcmp(dk_pg_views[next].name, name)) < 0; next++)
			report(p, "view", dk_pg_views[next].name, dk_pg_views[next].name,
			       dk_pg_views[next].sql, "missing");
		if (next >= dk_pg_view_count || c != 0)
			report(p, "view", name, name, dk_col_text(s, 1), "unknown");
		else
			next++;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	for (; next < dk_pg_view_count; next++)
		report(p, "view", dk_pg_views[next].name, dk_pg_views[next].name, dk_pg_views[next].sql,
		       "missing");
	return DK_OK;
}

/* Functions by name and body. A SQL-standard body (RETURN ...) is kept as
 * a parse tree, not text: for those only its kind is compared. */
static int check_functions(struct dk_db *db, struct pass *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, next = 0;

	if ((rc = dk_stmt_prepare(db, &s, SQL_PG_FUNCTIONS, err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *name = dk_col_text(s, 0);
		const struct dk_pg_function *want;
		int c = 1;

		for (; next < dk_pg_function_count &&
		       (c = strcmp(dk_pg_functions[next].name, name)) < 0; next++)
			report(p, "function", dk_pg_functions[next].name, dk_pg_functions[next].name,
			       dk_pg_functions[next].sql, "missing");
		if (next >= dk_pg_function_count || c != 0) {
			report(p, "function", name, name, dk_col_text(s, 3), "unknown");
			continue;
		}
		want = &dk_pg_functions[next++];
		if (strcmp(dk_col_text(s, 1), want->sha256) != 0 || dk_col_int(s, 2) != want->sql_body)
			report(p, "function", want->name, want->name, want->sql, "altered");
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	for (; next < dk_pg_function_count; next++)
		report(p, "function", dk_pg_functions[next].name, dk_pg_functions[next].name,
		       dk_pg_functions[next].sql, "missing");
	return DK_OK;
}

int dk_schema_check_pg(struct dk_db *db, dk_schema_fn fn, void *ctx, int *problems,
                       struct dk_error *err)
{
	struct pass p = {fn, ctx, problems};
	int rc;

	*problems = 0;
	if ((rc = check_triggers(db, &p, err)) != DK_OK || (rc = check_views(db, &p, err)) != DK_OK)
		return rc;
	return check_functions(db, &p, err);
}
