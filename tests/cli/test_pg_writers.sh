#!/bin/bash
# PostgreSQL only (DOCKET_TEST_ENGINE=postgres): several people writing at
# once, as from different machines, through one server.
#   1. 8 docket processes, 4,000 writes: none lost, none sees "database is
#      locked", the audit chain intact and gapless.
#   2. The same, while a ninth process (an import of 20,000 people, one
#      transaction) is killed with SIGKILL while it holds the write lock:
#      nothing of it is kept, every other write is, the chain verifies.
#   3. A writer that bypasses docket (psql, straight INSERTs) while docket
#      writes: the audit trigger's own lock serialises it, the chain holds.
# Bounded by counts, never by time: a loaded machine only makes it slower.
. "$(dirname "$0")/lib.sh"
postgres_only "writers through one PostgreSQL server, and one outside docket"
seed
WRITERS=8
ROUNDS=500
[ -n "${VALGRIND:-}" ] && ROUNDS=5

# writer W PHASE: ROUNDS risk adds as actor wW
writer() {
	local w=$1 phase=$2 i
	for i in $(seq 1 "$ROUNDS"); do
		"$DOCKET" --actor "w$w" risk add --title "Risk $i of writer $w in $phase" --owner bo \
			--likelihood $((i % 5 + 1)) --impact $((w % 5 + 1)) --due 2026-12-31 \
			>/dev/null 2>>"$T/errors.$phase.$w" || echo "fail $phase $w $i" >>"$T/errors.$phase.$w"
	done
}

check_phase() {
	local phase=$1
	real_errors "$T"/errors.$phase.* | grep -q . && fail "$phase: writers failed: $(real_errors "$T"/errors.$phase.* | head -5)"
	cat "$T"/errors.$phase.* 2>/dev/null | grep -qi 'locked' && fail "$phase: a writer saw 'database is locked'"
	eq "$(sql "SELECT count(*) FROM risk WHERE title LIKE '% in $phase'")" $((WRITERS * ROUNDS)) "$phase: risks written"
	for w in $(seq 1 $WRITERS); do
		eq "$(sql "SELECT count(*) FROM risk WHERE created_by = 'w$w' AND title LIKE '% in $phase'")" "$ROUNDS" "$phase: writer $w's risks"
	done
	eq "$(sql 'SELECT count(*) FROM audit_log')" "$(sql 'SELECT max(seq) FROM audit_log')" "$phase: audit sequence without gaps"
	eq "$(sql 'SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash')" 0 "$phase: each row chained to the one before"
	ok audit verify
	has "^rows +$(sql 'SELECT count(*) FROM audit_log')"
}

# 1. eight writers
for w in $(seq 1 $WRITERS); do writer "$w" one & done
wait
check_phase one

# 2. eight writers and a ninth killed while it holds the write lock
{
	echo "handle,name,team"
	for i in $(seq 1 20000); do echo "imp$i,Imported person $i,imports"; done
} >"$T/people.csv"
people=$(sql 'SELECT count(*) FROM person')
"$DOCKET" import people "$T/people.csv" >"$T/import.out" 2>&1 &
importer=$!
# wait until the import's connection holds the advisory lock (at most
# 6,000 looks; each is a query, so a slow machine only waits longer)
n=0
until [ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'docket import%'")" = 1 ]; do
	kill -0 $importer 2>/dev/null || { fail "the import ended before it was seen holding the lock: $(cat "$T/import.out")"; break; }
	[ $((n += 1)) -lt 6000 ] || { fail "the import never held the lock"; break; }
done
for w in $(seq 1 $WRITERS); do writer "$w" two & done
kill -KILL $importer 2>/dev/null
wait
eq "$(sql "SELECT count(*) FROM person WHERE team = 'imports'")" 0 "nothing of the killed import is kept"
eq "$(sql 'SELECT count(*) FROM person')" "$people" "people after the killed import"
check_phase two

# 3. a writer outside docket, at the same time as docket's
bypass() {
	local i
	for i in $(seq 1 200); do
		echo "INSERT INTO person (uuid, handle, name, created_at, created_by) VALUES (docket_uuid(), 'raw$i', 'Raw $i', docket_now(), 'psql');"
	done | sql >/dev/null 2>"$T/bypass.err" || echo "bypass failed" >>"$T/bypass.err"
}
bypass &
bypasser=$!
writer 1 three
wait $bypasser
grep -q . "$T/bypass.err" && fail "the writer outside docket failed: $(head -3 "$T/bypass.err")"
eq "$(sql "SELECT count(*) FROM person WHERE handle LIKE 'raw%'")" 200 "rows written outside docket"
eq "$(sql "SELECT count(*) FROM audit_log WHERE actor = session_user AND entity = 'person' AND row LIKE '%\"handle\":\"raw%'")" 200 "each audited, as the server's user"
ok audit verify
done_
