#!/bin/bash
# A database made by migration 0001 alone and filled with every kind of
# record of that data model (tests/migrate/v1_records.sql), upgraded by
# this docket: every record is still there, the new features see the old
# records, and the audit chain made under 0001 still verifies.
. "$(dirname "$0")/lib.sh"
sqlite_only "a database made by SQLite's migration 0001 and filled through dk_sql; no PostgreSQL database was ever at version 1"
if [ -z "${DK_SQL:-}" ]; then
	# the valgrind build has no test helpers; the migration itself is covered by test_init_migrate
	echo "test_migrate_v1.sh: skipped, DK_SQL (the tests/migrate/dk_sql helper) is not set"
	exit 0
fi
latest=$(latest_migration)
make_old_db "$DOCKET_DB" 1
"$DK_SQL" "$DOCKET_DB" < "$DOCKET_SOURCE_DIR/tests/migrate/v1_records.sql" || fail "filling the version 1 database"
eq "$(sql 'PRAGMA user_version')" 1 "the fixture is at version 1"

tables="person policy context blueprint blueprint_item stage gate review review_attendee decision decision_option evidence decision_evidence risk verification_step verification_result audit_log"
counts() { for t in $tables; do printf '%s=%s ' "$t" "$(sql "SELECT count(*) FROM $t")"; done; }
before=$(counts)
eq "$before" "person=3 policy=1 context=2 blueprint=2 blueprint_item=3 stage=2 gate=2 review=1 review_attendee=2 decision=2 decision_option=3 evidence=2 decision_evidence=3 risk=3 verification_step=2 verification_result=2 audit_log=39 " "every kind of record in the fixture"
rows() { sql "SELECT group_concat(x, ' / ') FROM (
  SELECT handle || ',' || name || ',' || coalesce(email, '-') || ',' || coalesce(team, '-') AS x FROM person
  UNION ALL SELECT team || ',' || appetite || ',' || escalate_to FROM policy
  UNION ALL SELECT system || ',' || revision || ',' || latency_p95_ms || ',' || stack || ',' || assumptions FROM context
  UNION ALL SELECT source || ',' || status || ',' || body_sha256 || ',' || coalesce(approved_by, '-') FROM blueprint
  UNION ALL SELECT name || ',' || seed_fixed || ',' || inputs FROM stage
  UNION ALL SELECT metric || op || threshold FROM gate
  UNION ALL SELECT title || ',' || status || ',' || coalesce(decided_on, '-') || ',' || coalesce(supersedes_id, '-') || ',' || makers FROM decision
  UNION ALL SELECT name || ',' || chosen || ',' || pros FROM decision_option
  UNION ALL SELECT kind || ',' || coalesce(sha256, '-') || ',' || coalesce(size_bytes, '-') FROM evidence
  UNION ALL SELECT decision_id || stance || evidence_id FROM decision_evidence
  UNION ALL SELECT title || ',' || score || ',' || status || ',' || due_on || ',' || coalesce(accepted_until, '-') || ',' || coalesce(closed_reason, '-') FROM risk
  UNION ALL SELECT metric || op || threshold || ',' || value || ',' || result FROM verification_step s JOIN verification_result r ON r.step_id = s.id
  UNION ALL SELECT uuid FROM person UNION ALL SELECT uuid FROM risk UNION ALL SELECT uuid FROM decision)"; }
values=$(rows)
head=$(sql 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')

ok migrate
has "schema version 1 -> $latest"
eq "$(sql 'PRAGMA user_version')" "$latest" "upgraded to the latest version"
after=$(counts)
eq "${after%audit_log=*}" "${before%audit_log=*}" "every record is still there"
eq "$(rows)" "$values" "every field value is as it was"
eq "$(sql "SELECT hash FROM audit_log WHERE seq = 39")" "$head" "the old chain's head is still in the chain"
ok audit verify
has "$head|[0-9a-f]{64}"
ok audit verify --head "$(sql 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')"

# the old records through the current commands and the features added since 0001
ok person list
has 'cy +Cy Ortiz'
ok risk show R-2
has 'Knative upgrades'
has 'accepted'
ok decision list --search canaries
has 'D-1 .*Serve the ranker with KServe'
ok decision show D-1
has 'BentoML'
ok lineage R-1 --up
has 'D-1'
has 'BP-2'
ok blueprint show BP-2
ok risk list --status open
has 'R-1 .*Feature drift'
status 1 check
has "STOP.*ST-2"
ok risk add --title "After the upgrade" --owner ana --likelihood 2 --impact 2 --due 2026-12-01
has 'R-4'
ok audit verify
done_
