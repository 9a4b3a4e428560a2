# Several processes writing at once: no "database is locked", nothing lost.
. "$(dirname "$0")/lib.sh"
seed
# Under valgrind (VALGRIND=1) each run is slow: fewer rounds, same shape.
ROUNDS=40
[ -n "${VALGRIND:-}" ] && ROUNDS=6
writer() {
	local w=$1 i
	for i in $(seq 1 "$ROUNDS"); do
		"$DOCKET" --actor "w$w" person add "p$w-$i" --name "Writer $w number $i" --team "t$w" \
			>/dev/null 2>>"$T/errors.$w" || echo "fail $w $i" >>"$T/errors.$w"
		"$DOCKET" context add "sys$w-$i" --owner ana --problem batch >/dev/null 2>>"$T/errors.$w" ||
			echo "fail ctx $w $i" >>"$T/errors.$w"
	done
}
for w in 1 2 3 4; do writer $w & done
wait
real_errors "$T"/errors.* | grep -q . && fail "writers failed: $(real_errors "$T"/errors.* | head -5)"
eq "$(sql 'SELECT count(*) FROM person')" $((2 + 4 * ROUNDS)) "people written"
eq "$(sql 'SELECT count(*) FROM context')" $((4 * ROUNDS)) "contexts written"
eq "$(sql 'SELECT count(*) FROM audit_log')" $((2 + 8 * ROUNDS)) "audit rows"
ok audit verify
has "^rows +$((2 + 8 * ROUNDS))"

# A writer waits for a lock another process holds, up to DOCKET_BUSY_TIMEOUT
# (milliseconds), then fails saying so, having written nothing.
hold_lock() {
	rm -f "$T/locked" "$T/release"
	{
		write_lock_sql
		session_shell "touch '$T/locked'"
		local i=0 # at most two minutes, even if the test has failed and gone
		while [ ! -e "$T/release" ] && [ $((i += 1)) -lt 1200 ]; do sleep 0.1; done
		echo 'ROLLBACK;'
	} | sql &
	HOLDER=$!
	local n=0
	while [ ! -e "$T/locked" ]; do
		kill -0 $HOLDER 2>/dev/null && [ $((n += 1)) -lt 600 ] || { fail "the SQL shell did not take the lock"; done_; }
		sleep 0.05
	done
}
people=$(sql 'SELECT count(*) FROM person')
hold_lock
before=$(dbhash)
DOCKET_BUSY_TIMEOUT=300 status 3 person add late --name Late --team t1
echo "$ERR" | grep -q 'database is locked: another process held it for longer than the busy timeout (300 ms; DOCKET_BUSY_TIMEOUT sets it)' ||
	fail "busy message: $ERR"
eq "$(dbhash)" "$before" "database after the writer that gave up"
"$DOCKET" person add waiter --name Waiter --team t1 >"$T/waiter.out" 2>&1 &
waiter=$!
sleep 1
kill -0 $waiter 2>/dev/null || fail "the writer did not wait for the lock: $(cat "$T/waiter.out")"
touch "$T/release"
wait $HOLDER
wait $waiter || fail "the waiting writer failed: $(cat "$T/waiter.out")"
eq "$(sql "SELECT handle FROM person WHERE handle IN ('late', 'waiter') ORDER BY id" | joined)" waiter "only the waiter wrote"
eq "$(sql 'SELECT count(*) FROM person')" $((people + 1)) "people after the lock"
ok audit verify
for v in abc -1 1.5 86400001; do
	DOCKET_BUSY_TIMEOUT=$v bad "DOCKET_BUSY_TIMEOUT \\(milliseconds\\) '$v' is not a whole number from 0 to 86400000" \
		person add nobody --name Nobody --team t1
done
done_
