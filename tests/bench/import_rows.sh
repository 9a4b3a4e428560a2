#!/bin/bash
# import_rows.sh: the per-row cost of a bulk import of people, at each of
# SIZES rows (default "100000 1000000").
#
#   [SIZES="..."] [RUNS=...] [DOCKET=...] tests/bench/import_rows.sh [WORKDIR]
#
# Builds a Release docket in build-rel/ (unless DOCKET names a binary),
# writes a CSV of people (handle, name, email; no team, which an import
# leaves NULL) and times, RUNS times each (default 3; the best time and the
# highest peak kept, since the machine may be shared), with /usr/bin/time -v:
#   docket import people FILE.csv   (every row validated, audited, one
#                                    transaction, into a new database)
#   sqlite3 .import FILE.csv        (the same rows into an equivalent plain
#                                    table: the same columns and UNIQUE handle)
# Prints µs per row (wall clock, and CPU: user + system, which a loaded
# machine inflates less), peak memory and the ratio docket / sqlite3.
# Needs: cmake, cc, sqlite3, GNU time, bc.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-100000 1000000}
RUNS=${RUNS:-3}
if [ $# -ge 1 ]; then
	WORK=$1
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-rows-XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

if [ -z "${DOCKET:-}" ]; then
	echo "== building docket (Release) in $SRC/build-rel"
	cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
		-DDOCKET_TESTS=OFF >/dev/null
	cmake --build "$SRC/build-rel" -j2 >/dev/null
	DOCKET="$SRC/build-rel/docket"
fi

# timed PREP CMD...: runs PREP, then CMD under /usr/bin/time -v, RUNS
# times; sets SECS (the best), CPU (the least user + system) and KB (the
# highest peak).
timed() {
	local prep=$1 t0 t1 secs kb cpu; shift
	SECS= CPU= KB=0
	for _ in $(seq "$RUNS"); do
		"$prep"
		t0=$(date +%s.%N)
		/usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null
		t1=$(date +%s.%N)
		secs=$(echo "scale=3; ($t1 - $t0) / 1" | bc -l)
		kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
		cpu=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$WORK/time.txt")
		if [ -z "$SECS" ] || [ "$(echo "$secs < $SECS" | bc -l)" = 1 ]; then SECS=$secs; fi
		if [ -z "$CPU" ] || [ "$(echo "$cpu < $CPU" | bc -l)" = 1 ]; then CPU=$cpu; fi
		if [ "$kb" -gt "$KB" ]; then KB=$kb; fi
	done
}
us() { echo "scale=1; $1 * 1000000 / $2" | bc -l; }

DB="$WORK/docket.db" PLAIN="$WORK/plain.db"
prep_docket() { rm -f "$DB" "$DB"-wal "$DB"-shm; "$DOCKET" --db "$DB" init >/dev/null; }
prep_plain() {
	rm -f "$PLAIN"
	sqlite3 "$PLAIN" "CREATE TABLE person (handle TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT)"
}
for n in $SIZES; do
	csv="$WORK/people-$n.csv"
	{ echo "handle,name,email"; seq 0 $((n - 1)) | sed 's/.*/p&,Person &,p&@example.org/'; } >"$csv"
	timed prep_docket "$DOCKET" --db "$DB" import people "$csv"
	d=$SECS dcpu=$CPU dkb=$KB
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE entity = 'person'")" = "$n" ] ||
		{ echo "docket: rows not imported or not audited" >&2; exit 1; }
	timed prep_plain sqlite3 "$PLAIN" ".import --csv --skip 1 $csv person"
	s=$SECS scpu=$CPU skb=$KB
	[ "$(sqlite3 "$PLAIN" 'SELECT count(*) FROM person')" = "$n" ] || { echo "sqlite3: wrong count" >&2; exit 1; }
	printf '== %d people (best of %d)\n' "$n" "$RUNS"
	printf '   docket import:   %7.2f s  %5.1f us/row  cpu %5.1f us/row  peak %6.1f MB\n' \
		"$d" "$(us "$d" "$n")" "$(us "$dcpu" "$n")" "$(echo "$dkb / 1024" | bc -l)"
	printf '   sqlite3 .import: %7.2f s  %5.1f us/row  cpu %5.1f us/row  peak %6.1f MB\n' \
		"$s" "$(us "$s" "$n")" "$(us "$scpu" "$n")" "$(echo "$skb / 1024" | bc -l)"
	printf '   ratio docket / sqlite3: %.1fx (cpu %.1fx)\n' "$(echo "$d / $s" | bc -l)" "$(echo "$dcpu / $scpu" | bc -l)"
	rm -f "$csv"
done
