# The tamper suite: someone with write access to the file and the sqlite3
# shell edits records and the trail behind docket's back. Each case starts
# from the same database; 'audit verify' must exit 1 and name what was
# touched, with a signed anchor of the pristine head and without. Without
# anchors a whole-chain rewrite re-hashed to its end is the one case the
# file cannot reveal on its own: a head kept elsewhere or an anchor does.
. "$(dirname "$0")/lib.sh"
sqlite_only "the file edited with the sqlite3 shell: its trigger SQL, its FTS5 tables, .backup copies"
seed
seed_policy
ok context add churn --owner ana --problem batch --stack mlflow,airflow
ok blueprint generate --context CTX-1
ok risk add --title "feature drift unnoticed" --owner bo --likelihood 3 --impact 4
risk=$(sql "SELECT max(id) FROM risk")
ok risk update "R-$risk" --likelihood 2
ok decision add --title "batch scoring nightly" --area serving --problem "how to score" \
	--option "nightly|pro: cheap" --option "streaming|pro: fresh" --chosen nightly --rationale "cost"
ok audit verify
has "^status +intact"
head_seq=$(echo "$OUT" | awk '$1 == "head_seq" {print $2}')
head=$(echo "$OUT" | awk '$1 == "head" {print $2}')
rows=$(sql "SELECT count(*) FROM audit_log")
eq "$head_seq" "$rows" "head_seq is the last sequence"
# a signed anchor of this head, kept apart from the database
ok audit keygen --out anchor.key
ok audit anchor --key anchor.key --anchors kept.anchors
"$SQLITE3" "$DOCKET_DB" ".backup pristine.db"

guard_update=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_update'")
guard=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_delete'")

# fresh: the pristine database again, with nothing left of the last case
fresh() { rm -f "$DOCKET_DB" "$DOCKET_DB-wal" "$DOCKET_DB-shm"; "$SQLITE3" pristine.db ".backup '$DOCKET_DB'"; }

# rehash FROM: recompute prev_hash and hash from sequence FROM to the end,
# as a forger with the sqlite3 shell and a SHA-256 would, putting the guard
# against updates back afterwards.
rehash() {
	python3 - "$DOCKET_DB" "$1" "$guard_update" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
start = int(sys.argv[2])
prev = db.execute("SELECT coalesce((SELECT hash FROM audit_log WHERE seq = ?), ?)",
                  (start - 1, "0" * 64)).fetchone()[0]
rows = db.execute("SELECT seq, at, actor, action, entity, entity_id, row FROM audit_log "
                  "WHERE seq >= ? ORDER BY seq", (start,)).fetchall()
for seq, at, actor, action, entity, eid, row in rows:
    h = hashlib.sha256(f"{seq}|{prev}|{at}|{actor}|{action}|{entity}|{eid}|{row}".encode()).hexdigest()
    db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
    prev = h
db.execute(sys.argv[3])
db.commit()
EOF
}

# caught CHECK SUBJECT WORDS: verify exits 1 and lists a CHECK finding on
# SUBJECT whose text matches WORDS, without the head and anchor kept
# elsewhere and with them (head and anchor findings need them).
caught() {
	local with
	for with in "" "--head $head_seq:$head --anchors kept.anchors --pubkey anchor.key.pub"; do
		case "$1:$with" in head:|anchor:) continue ;; esac # needs what was kept
		# shellcheck disable=SC2086
		status 1 audit verify --format csv $with
		echo "$OUT" | grep -Eq -- "^$1,[0-9]*,$2,.*$3" || fail "no '$1' finding on '$2' matching '$3' ($with): $OUT"
		echo "$ERR" | grep -q '^docket: audit verify: ' || fail "no message: $ERR"
	done
}

# 1. a trigger dropped and a record edited: the trigger and the record are named
fresh
sql "DROP TRIGGER risk_audit_update; UPDATE risk SET likelihood = 1, impact = 1, title = 'nothing to see' WHERE id = $risk"
caught schema risk_audit_update "trigger is missing"
caught record "risk $risk" "outside the trail: title, likelihood, impact, score"
# and docket writes nothing more into it
before=$(dbhash)
status 3 person add cy --name Cy
echo "$ERR" | grep -q "trigger risk_audit_update is missing" || fail "writer with a trigger gone: $ERR"
eq "$(dbhash)" "$before" "a write went through with a trigger gone"
status 3 risk update "R-$risk" --impact 5
# reading still works
ok risk list

# 2. a trigger dropped and re-created exactly: the schema is right, the record is not
fresh
trig=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'risk_audit_update'")
sql "DROP TRIGGER risk_audit_update; UPDATE risk SET impact = 1 WHERE id = $risk; $trig;"
caught record "risk $risk" "outside the trail: impact, score"
echo "$OUT" | grep -q '^schema' && fail "a re-created trigger was reported: $OUT"
ok person add cy --name Cy # the schema is whole, so docket writes again

# 3. a trigger altered to audit less
fresh
sql "DROP TRIGGER person_audit_insert; CREATE TRIGGER person_audit_insert AFTER INSERT ON person BEGIN SELECT 1; END;"
caught schema person_audit_insert "SQL is not the SQL this docket expects"
status 3 person add cy --name Cy
# and a trigger added to rewrite what is written
fresh
sql "CREATE TRIGGER person_rename AFTER INSERT ON person BEGIN SELECT 1; END;"
caught schema person_rename "does not know the trigger"
# and the view the search index is built from
fresh
sql "DROP VIEW decision_fts_source; CREATE VIEW decision_fts_source AS SELECT id, title, '' AS problem, '' AS drivers, '' AS options, '' AS rationale FROM decision;"
caught schema decision_fts_source "view's SQL is not"

# 4. the trail emptied: every record is named as unaudited
fresh
sql "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;"
caught schema audit_log_no_delete "trigger is missing"
caught record "person 1" "no audit row"
caught record "risk $risk" "no audit row"
# even with the guard put back
fresh
sql "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log; $guard;"
caught record "person 2" "no audit row"

# 5. a forged append: a recomputed hash, a fake actor, a time older than every row
fresh
sql "INSERT INTO audit_log VALUES ($((rows + 1)), '2020-01-01T00:00:00.000Z', 'mallory', 'update', 'risk', $risk,
	(SELECT replace(row, '\"impact\":4', '\"impact\":1') FROM audit_log WHERE entity = 'risk' AND entity_id = $risk ORDER BY seq DESC LIMIT 1),
	(SELECT hash FROM audit_log WHERE seq = $rows), '$(printf %064d 0)')"
rehash $((rows + 1))
caught chain "audit_log $((rows + 1))" "earlier than row $rows"
caught record "risk $risk" "outside the trail: impact"
# forged with the right time, it still does not match the record
fresh
sql "INSERT INTO audit_log VALUES ($((rows + 1)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'mallory', 'update', 'risk', $risk,
	(SELECT replace(row, '\"impact\":4', '\"impact\":1') FROM audit_log WHERE entity = 'risk' AND entity_id = $risk ORDER BY seq DESC LIMIT 1),
	(SELECT hash FROM audit_log WHERE seq = $rows), '$(printf %064d 0)')"
rehash $((rows + 1))
caught record "risk $risk" "outside the trail: impact"
# a forged insert of a record that is not there
fresh
sql "INSERT INTO audit_log VALUES ($((rows + 1)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'mallory', 'insert', 'person', 99, '{\"id\":99}',
	(SELECT hash FROM audit_log WHERE seq = $rows), '$(printf %064d 0)')"
rehash $((rows + 1))
caught record "person 99" "deleted outside the trail"
# an audit row for a table the trail does not cover
fresh
sql "INSERT INTO audit_log VALUES ($((rows + 1)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'mallory', 'insert', 'payroll', 1, '{}',
	(SELECT hash FROM audit_log WHERE seq = $rows), '$(printf %064d 0)')"
rehash $((rows + 1))
caught record payroll "table the trail does not cover"

# 6. a back-dated row in the middle, re-hashed to the end
fresh
sql "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-06-01T00:00:00.000Z' WHERE seq = 5"
rehash 5
caught chain "audit_log 5" "earlier than row 4"

# 7. a row edited, not re-hashed: the chain breaks there
fresh
sql "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"
caught chain "audit_log 3" "does not match its hash"

# 8. truncation: the newest changes cut off
fresh
sql "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > $((rows - 3)); $guard;"
caught record "decision_option [0-9]+" "no audit row"
caught head "pinned head" "the chain ends at row"
caught anchor "kept.anchors:1" "the chain ends at row"

# 9. reordering: the risk's update moved before its insert, re-hashed
fresh
ins=$(sql "SELECT seq FROM audit_log WHERE entity = 'risk' AND entity_id = $risk AND action = 'insert'")
upd=$(sql "SELECT seq FROM audit_log WHERE entity = 'risk' AND entity_id = $risk AND action = 'update'")
sql "DROP TRIGGER audit_log_no_update;
	UPDATE audit_log SET seq = -1 WHERE seq = $ins; UPDATE audit_log SET seq = $ins WHERE seq = $upd;
	UPDATE audit_log SET seq = $upd WHERE seq = -1;"
rehash "$ins"
caught record "risk $risk" "outside the trail: likelihood, score"

# 10. the search index rewritten: searches would lie
fresh
d=$(sql "SELECT max(id) FROM decision")
sql "UPDATE decision_fts SET rationale = 'approved by the board' WHERE rowid = $d"
caught search "decision $d" "holds text no decision has"
fresh
sql "DELETE FROM decision_fts WHERE rowid = 1"
caught search "decision 1" "missing or stale"

# 11. a whole-chain rewrite re-hashed to its end, records to match: the file
# alone cannot tell; a head kept elsewhere can
fresh
sql "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"
rehash 3
ok audit verify
status 1 audit verify --head "$head_seq:$head"
status 1 audit verify --anchors kept.anchors --pubkey anchor.key.pub --format csv
has "^anchor,$head_seq,kept.anchors:1,.*rewritten"

# the pristine database passes every check
fresh
ok audit verify --head "$head_seq:$head" --anchors kept.anchors --pubkey anchor.key.pub
has "^status +intact"
has "^unanchored_rows +0$"
done_
