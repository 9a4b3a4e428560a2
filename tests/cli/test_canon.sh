#!/bin/bash
# Audit rows and acceptance hashes in docket's canonical text (docket/canon.h):
# a database made at migration 13, whose triggers wrote rows with SQLite's
# json_object and whose acceptance was hashed over json_array, is migrated;
# its chain still verifies, every record still equals its audit row, its
# acceptance is still valid; a real written after is in its shortest
# round-trip form.
. "$(dirname "$0")/lib.sh"
sqlite_only "a database made at migration 13 by the sqlite3 shell, with the rows json_object wrote, and sqlite_schema"
if [ -z "${DK_SQL:-}" ]; then
	echo "test_canon.sh: skipped, DK_SQL (the tests/migrate/dk_sql helper) is not set"
	exit 0
fi
make_old_db "$DOCKET_DB" 13
# What a docket at 13 wrote: people, two contexts with reals (one that
# json_object wrote as 1.0e-05), and a risk accepted as risk.c did then
# (accepted_hash over json_array), with a description that needs escapes.
"$DK_SQL" "$DOCKET_DB" <<'EOF' || fail "filling the version 13 database"
BEGIN;
INSERT INTO person (uuid, handle, name, team, created_at, created_by) VALUES
  (docket_uuid(), 'ana', 'Ana Lima', 'ml-platform', '2026-11-01T10:00:00Z', 'fixture'),
  (docket_uuid(), 'bo', 'Bo "B" Chen', 'ml-platform', '2026-11-01T10:00:00Z', 'fixture'),
  (docket_uuid(), 'tester', 'Test Runner', 'ml-platform', '2026-11-01T10:00:00Z', 'fixture');
INSERT INTO context (uuid, system, revision, owner_id, problem, throughput_rps, data_gb, created_at, created_by) VALUES
  (docket_uuid(), 'ranker', 1, 1, 'online', 0.25, 1500.5, '2026-11-01T10:00:00Z', 'fixture'),
  (docket_uuid(), 'trickle', 1, 1, 'streaming', 0.00001, NULL, '2026-11-01T10:00:00Z', 'fixture'),
  (docket_uuid(), 'weekly', 1, 1, 'batch', 2000.0 / 7, NULL, '2026-11-01T10:00:00Z', 'fixture');
INSERT INTO risk (uuid, title, description, category, likelihood, impact, owner_id, due_on, created_at, created_by) VALUES
  (docket_uuid(), 'Label "lag"', 'Labels arrive late:' || char(10) || char(9) || 'a\b, caf' || char(233) || char(1) || '.',
   'data', 2, 3, 1, '2026-12-15', '2026-11-01T10:00:00Z', 'fixture');
UPDATE risk SET status = 'accepted', treatment = 'accept', asked_by = 'tester', approved_by = 2,
  accepted_on = '2026-11-02', accepted_until = '2027-01-31', accept_reason = 'backfill planned',
  accepted_hash = docket_sha256(json_array(title, description, likelihood, impact))
  WHERE id = 1;
COMMIT;
EOF
eq "$(sql 'PRAGMA user_version')" 13 "the fixture is at version 13"
old_rows=$(sql "SELECT group_concat(row, ' / ') FROM audit_log ORDER BY seq")
case "$old_rows" in *'"throughput_rps":1.0e-05'*) ;; *) fail "json_object wrote 1.0e-05: $old_rows" ;; esac
case "$old_rows" in *'"throughput_rps":285.714285714286,'*) ;; *) fail "json_object cut 2000/7: $old_rows" ;; esac

ok migrate
has "schema version 13 -> 14"
eq "$(sql 'PRAGMA user_version')" 14 "migrated"
eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%json_object(%'")" 0 \
	"no trigger writes json_object any more"
eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%docket_canon_object(%'")" 54 \
	"every audit trigger writes docket_canon_object"
# the old row of 2000/7 holds 15 digits of it (json_object's), and is no
# difference; a change outside the trail still is
ok audit verify
ok risk show R-1
has "^state +valid"
"$SQLITE3" "$DOCKET_DB" ".backup before-tamper.db"
trig=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'context_audit_update'")
sql "DROP TRIGGER context_audit_update; UPDATE context SET throughput_rps = 285.7142857143 WHERE system = 'weekly'; $trig;"
status 1 audit verify
echo "$ERR" | grep -q "context 3: changed outside the trail: throughput_rps" || fail "the tamper: $ERR"
rm -f "$DOCKET_DB"-wal "$DOCKET_DB"-shm; "$SQLITE3" before-tamper.db ".backup '$DOCKET_DB'"

# written now: texts and integers exactly as json_object wrote them, a real
# in its shortest round-trip form, one that json_object cut to 0.3
ok context add scorer --owner ana --problem batch --throughput-rps 0.30000000000000004 \
	--data-gb 100 --availability 99.95
ok person add cy --name 'Cy "C" Ortiz' --team ml-platform
row=$(sql "SELECT row FROM audit_log WHERE entity = 'context' AND action = 'insert' ORDER BY seq DESC LIMIT 1")
case "$row" in
*'"system":"scorer",'*'"throughput_rps":0.30000000000000004,"data_gb":100.0,'*'"availability_pct":99.95,'*) ;;
*) fail "the context's audit row: $row" ;;
esac
eq "$(sql "SELECT row FROM audit_log WHERE entity = 'person' ORDER BY seq DESC LIMIT 1")" \
	"$(sql "SELECT json_object('id', id, 'uuid', uuid, 'handle', handle, 'name', name, 'email', email,
	        'team', team, 'created_at', created_at, 'created_by', created_by, 'login', login)
	        FROM person WHERE handle = 'cy'")" "a person's row is json_object's text"
eq "$(sql "SELECT throughput_rps = 0.1 + 0.2 FROM context WHERE system = 'scorer'")" 1 "stored exactly"
ok audit verify
ok context revise CTX-2 --throughput-rps 0.00002
row=$(sql "SELECT row FROM audit_log WHERE entity = 'context' AND action = 'insert' ORDER BY seq DESC LIMIT 1")
case "$row" in *'"throughput_rps":2e-05,'*) ;; *) fail "the revision's audit row: $row" ;; esac
ok audit verify

# an acceptance made now hashes the same bytes json_array gave
ok risk add --title 'GPU "spend"' --owner ana --likelihood 3 --impact 3 --due 2026-12-20
ok risk accept R-2 --approver bo --expires 2027-01-15
want=$(printf '%s' "$(sql "SELECT json_array(title, description, likelihood, impact) FROM risk WHERE id = 2")" |
	sha256sum | cut -d' ' -f1)
eq "$(sql "SELECT accepted_hash FROM risk WHERE id = 2")" "$want" "the acceptance hash covers json_array's bytes"
ok risk show R-2
has "^state +valid"
ok risk update R-1 --likelihood 3
ok risk show R-1
has "^state +stale"
ok audit verify
done_
