#!/bin/bash
# complete.sh: the shell completion's data lookups (docket __complete) on a
# database of N risks and N decisions (default 10,000 each, 200 people in
# 20 teams, tagged decisions), loaded through docket's own imports.
#
#   [N=10000] [RUNS=30] tests/bench/complete.sh [path/to/docket]
#
# Times with hyperfine (else a timed loop of RUNS runs) each lookup a Tab
# runs: risk keys with nothing typed and with a prefix, decision keys, any
# kind of key (lineage), handles, teams and tags; then a whole bash
# completion of `docket risk show R-12<Tab>` (the generated function, which
# starts docket once). The budget is 50 ms a Tab; the script fails if a
# lookup's median is over it (the mean and the CPU time are printed too).
# Needs: bash, python3; hyperfine when installed.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-10000}
RUNS=${RUNS:-30}
BUDGET_MS=50
if [ $# -ge 1 ]; then
	DOCKET=$(realpath "$1")
else
	echo "== building docket (Release) in $SRC/build-rel"
	cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
		-DDOCKET_TESTS=OFF >/dev/null
	cmake --build "$SRC/build-rel" -j2 >/dev/null
	DOCKET="$SRC/build-rel/docket"
fi
if [ -n "${KEEP:-}" ]; then
	W=$KEEP; rm -rf "$W"; mkdir -p "$W" # keep the database, for a closer look
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-complete-XXXXXX")
	trap 'rm -rf "$W"' EXIT
fi
export DOCKET_DB="$W/bench.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench XDG_CONFIG_HOME="$W/config"

echo "== a database of $N risks and $N decisions"
"$DOCKET" init >/dev/null
python3 - "$W" "$N" <<'PY'
import csv, sys
w, n = sys.argv[1], int(sys.argv[2])
with open(w + "/people.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["handle", "name", "team"])
    for i in range(200):
        out.writerow(["owner%03d" % i, "Owner %d" % i, "team%02d" % (i % 20)])
with open(w + "/risks.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["title", "owner", "likelihood", "impact", "due"])
    for i in range(n):
        out.writerow(["risk %d: the feature store lags behind the stream" % (i + 1),
                      "owner%03d" % (i % 200), i % 5 + 1, (i // 5) % 5 + 1, "2026-12-01"])
with open(w + "/decisions.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["title", "area", "problem", "option", "chosen", "rationale", "tag"])
    for i in range(n):
        out.writerow(["decision %d: serve with KServe" % (i + 1), "serving", "latency",
                      "KServe", "KServe", "fits the stack", "tag%02d\nshared" % (i % 50)])
PY
"$DOCKET" import people "$W/people.csv" >/dev/null
/usr/bin/time -f "  import risks: %e s" "$DOCKET" import risks "$W/risks.csv" >/dev/null
/usr/bin/time -f "  import decisions: %e s" "$DOCKET" import decisions "$W/decisions.csv" >/dev/null
echo "  risks $(sqlite3 "$DOCKET_DB" 'SELECT count(*) FROM risk'), decisions $(sqlite3 "$DOCKET_DB" 'SELECT count(*) FROM decision'), file $(du -h "$DOCKET_DB" | cut -f1)"

bash "$SRC/share/completions/generate.sh" "$DOCKET" "$W" 2>/dev/null
cat > "$W/tab.sh" <<EOF
. "$W/docket.bash"
COMP_WORDS=("$DOCKET" risk show R-12); COMP_CWORD=3; _docket
printf '%s\\n' "\${COMPREPLY[@]}"
EOF

# name, command: each timed, and checked to print something
cases=(
	"risk keys, nothing typed|$DOCKET __complete risk ''"
	"risk keys, R-12|$DOCKET __complete risk R-12"
	"risk keys, R-1|$DOCKET __complete risk R-1"
	"decision keys, D-99|$DOCKET __complete decision D-99"
	"any key, nothing typed (lineage)|$DOCKET __complete key ''"
	"handles, owner1|$DOCKET __complete person owner1"
	"teams|$DOCKET __complete team ''"
	"tags|$DOCKET __complete tag t"
	"bash: risk show R-12<Tab>|bash $W/tab.sh"
)
echo "== each lookup, $RUNS runs (load average $(cut -d' ' -f1-3 /proc/loadavg)): wall mean and median, CPU (user + system)"
over=0
for c in "${cases[@]}"; do
	name=${c%%|*} cmd=${c#*|}
	lines=$(bash -c "$cmd" | wc -l)
	[ "$lines" -gt 0 ] || { echo "$name: no candidates" >&2; exit 1; }
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$W/h.json" "$cmd" >/dev/null 2>&1 ||
			hyperfine --warmup 3 --runs "$RUNS" --export-json "$W/h.json" "$cmd" >/dev/null
		ms=$(python3 -c "import json; r = json.load(open('$W/h.json'))['results'][0]; print('%.1f %.1f %.1f' % (r['mean'] * 1000, r['median'] * 1000, (r['user'] + r['system']) * 1000))")
	else
		start=$(date +%s%N)
		for _ in $(seq "$RUNS"); do bash -c "$cmd" >/dev/null; done
		ms="$(( ($(date +%s%N) - start) / RUNS / 1000000 )) - -"
	fi
	set -- $ms
	printf '  %-36s %4d candidates  mean %6s ms  median %6s ms  cpu %5s ms\n' "$name" "$lines" "$1" "$2" "$3"
	# the median: a shared machine's stalls should not decide it
	awk -v m="$2" -v b="$BUDGET_MS" 'BEGIN { exit !(m != "-" && m > b) }' && over=1
done
[ "$over" -eq 0 ] || { echo "a lookup's median is over $BUDGET_MS ms" >&2; exit 1; }
echo "every lookup within $BUDGET_MS ms"
