# docket audit log | verify, including a trail edited with the sqlite3 shell
# (or psql) behind docket's back
. "$(dirname "$0")/lib.sh"
seed
ok context add churn --owner bo --problem batch
ok --actor carol context revise CTX-1 --team-size 3

ok audit log
has "^SEQ +AT +ACTOR +ACTION +ENTITY +KEY +ENTITY_ID"
ok audit log --entity context --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), r[-1]["actor"], r[-1]["row"]["team_size"], r[-1]["entity_id"])')" "2 carol 3 2" "context changes"
ok audit log --limit 1 --format csv
eq "$(echo "$OUT" | wc -l)" 2 "limit 1"
ok audit log --since today
eq "$(echo "$OUT" | grep -c ' insert ')" 4 "changes since today"
DOCKET_ACTOR=dave "$DOCKET" person add dee --name Dee >/dev/null
eq "$(sql "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" dave "DOCKET_ACTOR"

ok audit verify
has "^status +intact"
has "^rows +5"
head=$(echo "$OUT" | awk '$1 == "head" {print $2}')
eq "$(sql 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')" "$head" "head hash"
has "^head_seq +5$"
has "^pin +5:$head$"
ok audit verify --head "$head"
echo "$ERR" | grep -q "note: a bare --head HASH only checks" || fail "bare --head note: $ERR"
ok audit verify --head "5:$head"

bad -- "--entity 'persons' is not a record kind" audit log --entity persons
bad -- "--since 'last week' is not a date" audit log --since "last week"
bad -- "--limit '0' is not a whole number" audit log --limit 0
bad -- "--head 'abc' is not SEQ:HASH or a SHA-256" audit verify --head abc

# the trail refuses edits even from the sqlite3 shell
sql "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2" 2>/dev/null && fail "audit_log accepted an UPDATE"
sql "DELETE FROM audit_log WHERE seq = 2" 2>/dev/null && fail "audit_log accepted a DELETE"
if on_pg; then
	# psql has docket's functions (they are the database's): a write from it
	# is audited as docket's are, under the session's user (rolled back here)
	eq "$(sql "BEGIN; UPDATE person SET name = 'X' WHERE handle = 'ana';
		SELECT seq || ' ' || action || ' ' || entity || ' ' || actor FROM audit_log ORDER BY seq DESC LIMIT 1; ROLLBACK;")" \
		"6 update person docket" "a write from psql is audited"
else
	# a register write from a client without docket's functions is refused, not left unaudited
	sql "UPDATE person SET name = 'X' WHERE handle = 'ana'" 2>/dev/null && fail "an unaudited write went through"
fi
eq "$(sql "SELECT name FROM person WHERE handle = 'ana'")" "Ana Lima" "unaudited write"

# edited with the sqlite3 shell after dropping the guard: exit 1, first broken sequence
db_save pristine
sql "$(drop_trigger audit_log_no_update audit_log); UPDATE audit_log SET row = replace(row, 'Bo Chen', 'Bob Chen') WHERE seq = 2"
status 1 audit verify
has "^chain +2 +audit_log 2 +its content does not match its hash"
has "^schema +audit_log_no_update +the trigger is missing"
echo "$ERR" | grep -q "^docket: audit verify: audit_log_no_update: the trigger is missing .*(and 2 other findings)" || fail "edited row: $ERR"

# a removed row
db_restore pristine
sql "$(drop_trigger audit_log_no_delete audit_log); DELETE FROM audit_log WHERE seq = 3"
status 1 audit verify
has "^chain +3 +audit_log 3 +sequence 3 is missing"

# a row added outside docket
db_restore pristine
sql "INSERT INTO audit_log VALUES (6, '2026-11-23T00:00:00.000Z', 'mallory', 'insert', 'person', 99, '{}', (SELECT hash FROM audit_log WHERE seq = 5), '$(printf %064d 0)')"
status 1 audit verify --format json
echo "$OUT" | grep -q '"check": "chain", "seq": 6' || fail "added row: $OUT"
echo "$ERR" | grep -q "^docket: audit verify: audit chain broken at sequence 6: its content does not match" || fail "added row: $ERR"

# the tail cut off: the chain is valid, but the record it audited is not,
# and the anchored head is gone (tests/cli/test_tamper.sh has the rest)
db_restore pristine
sql "$(drop_trigger audit_log_no_delete audit_log); DELETE FROM audit_log WHERE seq = 5"
status 1 audit verify
has "^record +person [0-9]+ +no audit row"
status 1 audit verify --head "$head" --format csv
has "^head,,pinned head,the hash is not in the chain"
status 1 audit verify --head "5:$head" --format csv
has "^head,5,pinned head,\"the chain ends at row 4, before the pinned row"
done_
