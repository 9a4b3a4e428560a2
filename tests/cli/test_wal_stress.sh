# The WAL-reset mitigation under load: 8 processes writing (person add,
# risk add, decision add) and reading (person list, risk list, report
# weekly) at once, first in the journal docket chose, then in WAL with a
# checkpoint at the end of every write (DOCKET_JOURNAL=wal, which on a
# SQLite without the fix takes them only under the write lock), with two
# of the eight asking for a rollback journal so that the file is switched
# back and forth. Bound by counts, not time: each process does OPS
# operations per phase. At the end: integrity_check ok, audit verify ok,
# and every write that reported success is there.
. "$(dirname "$0")/lib.sh"
sqlite_only "the WAL-reset mitigation, the file switched between journal modes"
seed
seed_policy
# About a minute on a release build on two cores; fewer under the sanitizers
# or valgrind, same shape.
OPS=${STRESS_OPS:-480}
if [ -z "${STRESS_OPS:-}" ]; then
	if [ -n "${VALGRIND:-}" ]; then OPS=6
	elif ldd "$DOCKET" 2>/dev/null | grep -q libasan; then OPS=120
	fi
fi
# Nobody gives up on the lock: a wait is not a failure here.
export DOCKET_BUSY_TIMEOUT=600000

worker() {
	local phase=$1 w=$2 i r
	for i in $(seq 1 "$OPS"); do
		r=$((i % 6))
		case $r in
		0) "$DOCKET" --actor "w$w" person add "p$phase-$w-$i" --name "Person $w $i" --team ml-platform \
			>/dev/null 2>>"$T/err.$phase.$w" && echo "person p$phase-$w-$i" >>"$T/ok.$phase.$w" ;;
		1) "$DOCKET" --actor "w$w" risk add --title "risk $phase-$w-$i" --owner ana --likelihood 2 \
			--impact 3 --category ops >/dev/null 2>>"$T/err.$phase.$w" &&
			echo "risk risk $phase-$w-$i" >>"$T/ok.$phase.$w" ;;
		2) "$DOCKET" --actor "w$w" decision add --title "decision $phase-$w-$i" --area serving \
			--problem "p" --option "A|pro: a" --option "B|pro: b" --chosen A --rationale "r" \
			>/dev/null 2>>"$T/err.$phase.$w" && echo "decision decision $phase-$w-$i" >>"$T/ok.$phase.$w" ;;
		3) "$DOCKET" person list >/dev/null 2>>"$T/err.$phase.$w" ;;
		4) "$DOCKET" risk list --format csv >/dev/null 2>>"$T/err.$phase.$w" ;;
		5) "$DOCKET" report weekly >/dev/null 2>>"$T/err.$phase.$w" ;;
		esac || echo "failed: op $r, round $i" >>"$T/err.$phase.$w"
	done
}

run_phase() {
	local phase=$1 w
	shift
	for w in 1 2 3 4 5 6 7 8; do
		# "$@" names, per worker, the DOCKET_JOURNAL to use ('' for the default)
		( j=$(echo "$@" | cut -d' ' -f"$w"); [ "$j" = - ] && unset DOCKET_JOURNAL || export DOCKET_JOURNAL="$j"
		  worker "$phase" "$w" ) &
	done
	wait
	CHECKS=$((CHECKS + 1))
	if real_errors "$T"/err."$phase".* | grep -q .; then
		fail "phase $phase: $(real_errors "$T"/err."$phase".* | head -5)"
	fi
}

unset DOCKET_JOURNAL
run_phase a - - - - - - - -
run_phase b wal wal wal - wal wal - wal
unset DOCKET_JOURNAL

eq "$(sql 'PRAGMA integrity_check')" ok "integrity_check"
ok audit verify
# every write that reported success is there, once
expected=$(cat "$T"/ok.* | wc -l)
for kind in person risk decision; do
	CHECKS=$((CHECKS + 1))
	case $kind in
	person) col=handle ;;
	*) col=title ;;
	esac
	grep -h "^$kind " "$T"/ok.* | cut -d' ' -f2- | sort >"$T/want.$kind"
	sql "SELECT $col FROM $kind WHERE $col LIKE 'p_-%' OR $col LIKE '$kind _-%'" | sort >"$T/have.$kind"
	cmp -s "$T/want.$kind" "$T/have.$kind" ||
		fail "$kind: reported written but missing: $(comm -23 "$T/want.$kind" "$T/have.$kind" | head -3)"
done
# 8 workers, 2 phases, half the operations write
eq "$expected" $((2 * 8 * (OPS / 6 * 3 + (OPS % 6 > 0) + (OPS % 6 > 1)))) "writes that reported success"
# one more writer, alone: the file is in the chosen journal and holds it all
echo "writes that reported success: $expected; journal now: $(sql "PRAGMA journal_mode")"
ok person add last --name Last --team ml-platform
ok audit verify
cp "$DOCKET_DB" copy.db
eq "$("$SQLITE3" "file:copy.db?immutable=1" 'SELECT count(*) FROM audit_log')" \
	"$(sql 'SELECT count(*) FROM audit_log')" "docket.db alone holds every audit row"
done_
