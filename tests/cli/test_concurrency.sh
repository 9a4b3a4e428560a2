# Several processes writing at once: no "database is locked", nothing lost.
. "$(dirname "$0")/lib.sh"
seed
writer() {
	local w=$1 i
	for i in $(seq 1 40); do
		"$DOCKET" --actor "w$w" person add "p$w-$i" --name "Writer $w number $i" --team "t$w" \
			>/dev/null 2>>"$T/errors.$w" || echo "fail $w $i" >>"$T/errors.$w"
		"$DOCKET" context add "sys$w-$i" --owner ana --problem batch >/dev/null 2>>"$T/errors.$w" ||
			echo "fail ctx $w $i" >>"$T/errors.$w"
	done
}
for w in 1 2 3 4; do writer $w & done
wait
cat "$T"/errors.* 2>/dev/null | grep -q . && fail "writers failed: $(cat "$T"/errors.* | head -5)"
eq "$(sql 'SELECT count(*) FROM person')" 162 "people written"
eq "$(sql 'SELECT count(*) FROM context')" 160 "contexts written"
eq "$(sql 'SELECT count(*) FROM audit_log')" 322 "audit rows"
ok audit verify
has "^rows +322"
done_
