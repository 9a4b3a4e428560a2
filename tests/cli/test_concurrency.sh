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
cat "$T"/errors.* 2>/dev/null | grep -q . && fail "writers failed: $(cat "$T"/errors.* | head -5)"
eq "$(sql 'SELECT count(*) FROM person')" $((2 + 4 * ROUNDS)) "people written"
eq "$(sql 'SELECT count(*) FROM context')" $((4 * ROUNDS)) "contexts written"
eq "$(sql 'SELECT count(*) FROM audit_log')" $((2 + 8 * ROUNDS)) "audit rows"
ok audit verify
has "^rows +$((2 + 8 * ROUNDS))"
done_
