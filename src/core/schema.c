#include "docket/schema.h"

#include <string.h>

#include "dialect.h"
#include "docket/db.h"

/* The triggers and views the database holds, by name in byte order (the
 * expected list is sorted with strcmp). Each engine keeps them in its own
 * catalog, and its own text of each: the expected list is per engine. */
static const struct dk_sql SQL_OBJECTS = {
	.sqlite = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('trigger', 'view') "
	          "ORDER BY name",
	.postgres =
		"SELECT type, name, tbl_name, sql FROM ("
		"SELECT 'trigger' AS type, t.tgname::text AS name, c.relname::text AS tbl_name,"
		"       pg_get_triggerdef(t.oid) AS sql"
		" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
		" WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
		" UNION ALL "
		"SELECT 'view', viewname::text, viewname::text, definition FROM pg_views"
		" WHERE schemaname = current_schema()) o"
		" ORDER BY name COLLATE \"C\"",
};

static void report(dk_schema_fn fn, void *ctx, int *problems, const struct dk_schema_object *o,
                   const char *problem)
{
	(*problems)++;
	if (fn != NULL)
		fn(ctx, o, problem);
}

int dk_schema_check(struct dk_db *db, dk_schema_fn fn, void *ctx, int *problems,
                    struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc, next = 0;

	*problems = 0;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_OBJECTS), err)) != DK_OK)
		return rc;
	/* Both lists are sorted by name: one pass finds the missing, the
	 * unknown and the altered. */
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const struct dk_schema_object *want;
		struct dk_schema_object got = {dk_col_text(s, 0), dk_col_text(s, 1),
		                               dk_col_text(s, 2), dk_col_text(s, 3)};
		int c = 1;

		for (; next < dk_expected_object_count &&
		       (c = strcmp(dk_expected_objects[next].name, got.name)) < 0; next++)
			report(fn, ctx, problems, &dk_expected_objects[next], "missing");
		if (next >= dk_expected_object_count || c != 0) {
			report(fn, ctx, problems, &got, "unknown");
			continue;
		}
		want = &dk_expected_objects[next++];
		if (got.sql == NULL || strcmp(got.sql, want->sql) != 0 ||
		    strcmp(got.type, want->type) != 0 || strcmp(got.table, want->table) != 0)
			report(fn, ctx, problems, want, "altered");
	}
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	for (; next < dk_expected_object_count; next++)
		report(fn, ctx, problems, &dk_expected_objects[next], "missing");
	return DK_OK;
}

const char *const *dk_schema_audited_tables(void)
{
	static const char suffix[] = "_audit_insert";
	static const char *tables[128];
	static int n = -1;

	if (n >= 0)
		return tables;
	n = 0;
	for (int i = 0; i < dk_expected_object_count && n < 127; i++) {
		const char *name = dk_expected_objects[i].name;
		size_t len = strlen(name), sl = sizeof suffix - 1;
		if (len > sl && strcmp(name + len - sl, suffix) == 0)
			tables[n++] = dk_expected_objects[i].table;
	}
	tables[n] = NULL;
	return tables;
}
