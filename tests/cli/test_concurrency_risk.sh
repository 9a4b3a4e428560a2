#!/bin/bash
# The risk register under concurrent writers: 8 processes, each adding 250
# risks and recording 250 verification results at once against one
# database. All 4,000 writes land, none fails with "database is locked",
# and the audit chain is intact.
. "$(dirname "$0")/lib.sh"
seed
WRITERS=8
ROUNDS=250
# Under valgrind (VALGRIND=1) each run is slow: fewer rounds, same shape.
[ -n "${VALGRIND:-}" ] && ROUNDS=5
for w in $(seq 1 $WRITERS); do
	ok risk add --title "Writer $w's own risk" --owner ana --likelihood 2 --impact 3 --due 2026-12-31
	ok risk step add "R-$w" --check "latency of writer $w" --metric p95_latency_ms --op '<=' --threshold 120
done
base_audit=$(sql 'SELECT count(*) FROM audit_log')
writer() {
	local w=$1 i
	for i in $(seq 1 "$ROUNDS"); do
		"$DOCKET" --actor "w$w" risk add --title "Risk $i of writer $w" --owner bo --likelihood $((i % 5 + 1)) \
			--impact $((w % 5 + 1)) --due 2026-12-31 >/dev/null 2>>"$T/errors.$w" || echo "fail risk $w $i" >>"$T/errors.$w"
		"$DOCKET" --actor "w$w" risk step record "VS-$w" --value $((100 + i % 40)) \
			>/dev/null 2>>"$T/errors.$w" || echo "fail result $w $i" >>"$T/errors.$w"
	done
}
start=$SECONDS
for w in $(seq 1 $WRITERS); do writer "$w" & done
wait
took=$((SECONDS - start))
writes=$((2 * WRITERS * ROUNDS))
real_errors "$T"/errors.* | grep -q . && fail "writers failed: $(real_errors "$T"/errors.* | head -5)"
cat "$T"/errors.* 2>/dev/null | grep -qi 'locked' && fail "a writer saw 'database is locked'"
eq "$(sql "SELECT count(*) FROM risk WHERE title LIKE 'Risk % of writer %'")" $((WRITERS * ROUNDS)) "risks written"
eq "$(sql 'SELECT count(*) FROM verification_result')" $((WRITERS * ROUNDS)) "results written"
for w in $(seq 1 $WRITERS); do
	eq "$(sql "SELECT count(*) FROM risk WHERE created_by = 'w$w'")" "$ROUNDS" "writer $w's risks"
	eq "$(sql "SELECT count(*) FROM verification_result WHERE step_id = $w AND created_by = 'w$w'")" "$ROUNDS" "writer $w's results"
done
eq "$(sql "SELECT count(*) FROM verification_result WHERE result = CASE WHEN value <= 120 THEN 'pass' ELSE 'fail' END")" \
   $((WRITERS * ROUNDS)) "every result follows from its value"
eq "$(sql 'SELECT count(*) FROM audit_log')" $((base_audit + writes)) "one audit row per write"
eq "$(sql 'SELECT CASE WHEN count(DISTINCT seq) = count(*) AND max(seq) = count(*) THEN 1 ELSE 0 END FROM audit_log')" 1 \
	"audit sequence without gaps"
ok audit verify
has "^rows +$((base_audit + writes))"
echo "concurrency: $writes writes by $WRITERS processes in ${took}s"
done_
