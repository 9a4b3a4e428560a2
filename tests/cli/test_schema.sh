# schema/schema.sql is exactly what applying every migration yields.
. "$(dirname "$0")/lib.sh"
sqlite_only "schema/schema.sql against sqlite3's .schema, and STRICT tables"
ok init
"$SQLITE3" docket.db .schema > applied.sql
if ! diff -u "$DOCKET_SOURCE_DIR/schema/schema.sql" applied.sql > schema.diff; then
	fail "schema/schema.sql differs from the migrations applied in order:
$(head -40 schema.diff)"
fi
CHECKS=$((CHECKS + 1))
# and the same by the sqlite3 shell applying the files in order
make_old_db shell.db "$(latest_migration)"
"$SQLITE3" shell.db .schema > shell.sql
diff -q applied.sql shell.sql >/dev/null || fail "the binary and the sqlite3 shell build different schemas"
CHECKS=$((CHECKS + 1))
# every register table is STRICT and audited on insert, update and delete
for t in $(sql "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('schema_migration', 'audit_log') AND name NOT LIKE '%fts%' AND sql NOT LIKE 'CREATE VIRTUAL%'"); do
	sql "SELECT sql FROM sqlite_schema WHERE name = '$t'" | grep -q ') STRICT$' || fail "$t is not STRICT"
	for a in insert update delete; do
		eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = '${t}_audit_$a'")" 1 "$t audit $a trigger"
	done
done
done_
