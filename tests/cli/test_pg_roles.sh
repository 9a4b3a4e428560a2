#!/bin/bash
# PostgreSQL only: the roles of the README's "A team's server", with the
# grants of share/postgres/roles.sql. The owner inits and migrates; a
# writer writes through docket but cannot touch the trail or the schema; an
# auditor reads, verifies and exports, and writes nothing.
. "$(dirname "$0")/lib.sh"
postgres_only "the server's roles and grants"
# roles are the server's, not one database's: names of this run's own
R=$(echo "$PG_NAME" | tr -c 'a-z0-9\n' '_')
OWNER="${R}_owner" WRITER="${R}_writer" AUDITOR="${R}_auditor"
drop_roles() {
	pg_admin "DROP DATABASE IF EXISTS \"$PG_NAME-roles\" WITH (FORCE)" 2>/dev/null
	for r in "$WRITER" "$AUDITOR" "$OWNER"; do pg_admin "DROP ROLE IF EXISTS \"$r\"" 2>/dev/null; done
}
trap 'drop_roles; lib_cleanup' EXIT
pg_admin "CREATE ROLE \"$OWNER\" LOGIN" "CREATE ROLE \"$WRITER\" LOGIN" "CREATE ROLE \"$AUDITOR\" LOGIN" \
	"CREATE DATABASE \"$PG_NAME-roles\" OWNER \"$OWNER\"" \
	"REVOKE ALL ON DATABASE \"$PG_NAME-roles\" FROM PUBLIC" \
	"GRANT CONNECT ON DATABASE \"$PG_NAME-roles\" TO \"$WRITER\", \"$AUDITOR\"" || { fail "roles"; done_; }
url() { echo "postgresql:///$PG_NAME-roles?host=$DOCKET_TEST_PGHOST&user=$1"; }
as() { local who=$1; shift; DOCKET_DB=$(url "$who") "$@"; }
psql_as() { PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$(url "$1")" "${@:2}"; }

# the owner makes the schema and gives the grants
DOCKET_DB=$(url "$OWNER") ok init
psql_as "$OWNER" -v writer="$WRITER" -v auditor="$AUDITOR" -f "$DOCKET_SOURCE_DIR/share/postgres/roles.sql" >/dev/null ||
	fail "roles.sql as the owner"

# the writer writes records through docket, and they are audited
export DOCKET_DB=$(url "$WRITER")
ok person add ana --name "Ana Lima" --team ml-platform
ok person add bo --name "Bo Chen" --team ml-platform
ok risk add --title "Feature drift" --owner ana --likelihood 3 --impact 4 --due 2026-12-31
ok risk update R-1 --impact 5
ok audit verify
has "^status +intact"
has "^rows +4"
# but cannot append to, change or empty the trail itself
psql_as "$WRITER" -c "INSERT INTO docket.audit_log (seq, at, actor, action, entity, entity_id, row, prev_hash, hash) SELECT 99, at, actor, action, entity, entity_id, row, hash, hash FROM docket.audit_log WHERE seq = 4" 2>"$T/w1" &&
	fail "the writer appended to audit_log"
grep -q "permission denied" "$T/w1" || fail "insert into audit_log: $(cat "$T/w1")"
psql_as "$WRITER" -c "UPDATE docket.audit_log SET actor = 'x'" 2>"$T/w2" && fail "the writer changed audit_log"
psql_as "$WRITER" -c "TRUNCATE docket.audit_log" 2>"$T/w3" && fail "the writer emptied audit_log"
# nor switch a trigger off, drop it, or replace what it runs
psql_as "$WRITER" -c "ALTER TABLE docket.risk DISABLE TRIGGER risk_audit_update" 2>"$T/w4" && fail "the writer disabled a trigger"
grep -q "must be owner" "$T/w4" || fail "disable trigger: $(cat "$T/w4")"
psql_as "$WRITER" -c "DROP TRIGGER risk_audit_update ON docket.risk" 2>/dev/null && fail "the writer dropped a trigger"
psql_as "$WRITER" -c "CREATE OR REPLACE FUNCTION docket.docket_audit() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NULL; END\$\$" 2>/dev/null &&
	fail "the writer replaced the audit function"
# a change the writer makes outside docket is audited all the same (as the writer)
psql_as "$WRITER" -c "SET search_path = docket; UPDATE risk SET title = 'Feature drift, raw' WHERE id = 1" >/dev/null ||
	fail "the writer's own UPDATE"
eq "$(psql_as "$OWNER" -c "SELECT actor FROM docket.audit_log ORDER BY seq DESC LIMIT 1")" "$WRITER" "a raw write's actor"
ok audit verify
has "^status +intact"

# the auditor reads, verifies and exports, and writes nothing
export DOCKET_DB=$(url "$AUDITOR")
ok risk list
has "Feature drift, raw"
ok audit verify
has "^status +intact"
ok export audit --out "$T/export"
[ -s "$T/export/audit_log.csv" ] || fail "the auditor's export has no audit_log.csv"
status 3 person add cy --name "Cy" --team ml-platform
echo "$ERR" | grep -q "permission denied" || fail "the auditor's write: $ERR"
eq "$(psql_as "$OWNER" -c "SELECT count(*) FROM docket.person")" 2 "people after the auditor's write"

# only the owner migrates: the others are told, and nothing changes
DOCKET_DB=$(url "$OWNER") ok migrate
done_
