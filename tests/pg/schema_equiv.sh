#!/bin/bash
# schema_equiv.sh: the PostgreSQL schema (migrations/postgres) against the
# SQLite one (migrations/, as `docket init` builds it):
#   (a) every table has the same columns in the same order (an FTS5
#       table's hidden columns aside; its PostgreSQL table adds rowid and
#       doc, the search vector);
#   (b) every trigger and view SQLite has exists on PostgreSQL, by the same
#       name on the same table, and PostgreSQL has no other but
#       audit_log_no_truncate (SQLite has no TRUNCATE).
# The PostgreSQL files are applied as docket applies them: in order, each
# in one transaction, into schema docket.
#
# Needs DOCKET (the binary), SQLITE3, DOCKET_SOURCE_DIR and
# DOCKET_TEST_PGHOST (a running server's socket directory, superuser docket,
# trust: the ctest fixture pg_server); psql on PATH or in PG_BINDIR.
set -euo pipefail

for v in DOCKET SQLITE3 DOCKET_SOURCE_DIR DOCKET_TEST_PGHOST; do
	if [ -z "${!v:-}" ]; then
		echo "schema_equiv.sh: $v is not set" >&2
		exit 2
	fi
done
PSQL=${PG_BINDIR:+$PG_BINDIR/}psql
work=$(mktemp -d)
db=docket_schema_equiv_$$
admin="host=$DOCKET_TEST_PGHOST user=docket dbname=postgres"
conn="host=$DOCKET_TEST_PGHOST user=docket dbname=$db"
cleanup() {
	"$PSQL" -X -q "$admin" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

DOCKET_DB="$work/x.db" "$DOCKET" init >/dev/null
"$PSQL" -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $db" >/dev/null
"$PSQL" -X -q -v ON_ERROR_STOP=1 "$conn" -c "CREATE SCHEMA docket"
n=0
for f in "$DOCKET_SOURCE_DIR"/migrations/postgres/[0-9][0-9][0-9][0-9]_*.sql; do
	PGOPTIONS="-c search_path=docket -c client_min_messages=warning" \
		"$PSQL" -X -q -v ON_ERROR_STOP=1 --single-transaction "$conn" -f "$f" >/dev/null
	n=$((n + 1))
done
sqlite_n=$(ls "$DOCKET_SOURCE_DIR"/migrations/[0-9][0-9][0-9][0-9]_*.sql | wc -l)
if [ "$n" -ne "$sqlite_n" ]; then
	echo "FAIL: $n PostgreSQL migrations, $sqlite_n SQLite ones" >&2
	exit 1
fi

pg() { "$PSQL" -X -q -At -F'|' "$conn" -c "$1"; }
fail=0

# (a) the columns of every table, in order
"$SQLITE3" "$work/x.db" "SELECT m.name, group_concat(p.name, ',') FROM sqlite_schema m,
    pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND p.hidden <> 1
    AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name NOT GLOB '*_fts_*'
  GROUP BY m.name ORDER BY m.name" >"$work/sqlite.columns"
pg "SELECT c.relname, string_agg(a.attname, ',' ORDER BY a.attnum)
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = 'docket'::regnamespace AND c.relkind = 'r'
      AND a.attnum > 0 AND NOT a.attisdropped
      AND NOT (c.relname LIKE '%\_fts' AND a.attname IN ('rowid', 'doc'))
    GROUP BY c.relname ORDER BY c.relname COLLATE \"C\"" >"$work/pg.columns"
if ! diff "$work/sqlite.columns" "$work/pg.columns"; then
	echo "FAIL (a): the tables or their columns differ (< SQLite, > PostgreSQL)" >&2
	fail=1
fi
pg "SELECT c.relname FROM pg_class c JOIN pg_attribute r ON r.attrelid = c.oid AND r.attname = 'rowid'
    JOIN pg_attribute d ON d.attrelid = c.oid AND d.attname = 'doc'
    WHERE c.relnamespace = 'docket'::regnamespace AND c.relname LIKE '%\_fts'
      AND r.atttypid = 'bigint'::regtype AND d.atttypid = 'tsvector'::regtype
    ORDER BY 1" >"$work/pg.fts"
"$SQLITE3" "$work/x.db" "SELECT name FROM sqlite_schema WHERE type = 'table'
    AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' ORDER BY name" >"$work/sqlite.fts"
if ! diff "$work/sqlite.fts" "$work/pg.fts"; then
	echo "FAIL (a): a search table lacks rowid bigint or doc tsvector" >&2
	fail=1
fi

# (b) the triggers and views, with their tables
"$SQLITE3" "$work/x.db" "SELECT type, name, tbl_name FROM sqlite_schema
    WHERE type IN ('trigger', 'view') ORDER BY name" >"$work/sqlite.objects"
echo "trigger|audit_log_no_truncate|audit_log" >>"$work/sqlite.objects"
sort -t'|' -k2,2 -o "$work/sqlite.objects" "$work/sqlite.objects"
pg "SELECT type, name, tbl FROM (
      SELECT 'trigger' AS type, t.tgname::text AS name, c.relname::text AS tbl
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = 'docket'::regnamespace
      UNION ALL
      SELECT 'view', viewname::text, viewname::text FROM pg_views WHERE schemaname = 'docket') o
    ORDER BY name COLLATE \"C\"" >"$work/pg.objects"
LC_ALL=C sort -t'|' -k2,2 -o "$work/pg.objects" "$work/pg.objects"
LC_ALL=C sort -t'|' -k2,2 -o "$work/sqlite.objects" "$work/sqlite.objects"
if ! diff "$work/sqlite.objects" "$work/pg.objects"; then
	echo "FAIL (b): the triggers or views differ (< SQLite, > PostgreSQL)" >&2
	fail=1
fi

if [ "$fail" -eq 0 ]; then
	echo "ok: $(wc -l <"$work/pg.columns") tables, $(wc -l <"$work/pg.objects") triggers and views"
fi
exit "$fail"
