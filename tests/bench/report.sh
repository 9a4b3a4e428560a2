#!/bin/bash
# report.sh: the weekly report and the quality gates on 1,000,000 risks
# (500 owners in 20 teams, tests/bench/generate.sql via register.sh).
#
#   [RUNS=5] tests/bench/report.sh [WORKDIR]
#
# Builds a Release docket in build-rel/, makes the register in WORKDIR
# (default ${TMPDIR:-/tmp}/docket-bench, shared with bench.sh; reused when
# it is there), checks that docket's headline equals the sqlite3 shell's
# (tests/bench/report_headline.sql, the same counts written plainly), then
# times with hyperfine:
#   1. docket report weekly (md), --team team03, json and html;
#   2. the sqlite3 shell computing the same headline counts;
#   3. docket check;
# and the peak memory (GNU time) of report weekly and check. Prints the
# means, the ratio report weekly / sqlite3 shell, and the targets: the
# report within 1.0 s, one team's no slower than the whole, check under
# 64 MB. Needs: cmake, cc, sqlite3, hyperfine, python3, GNU time,
# libsqlite3-dev, libssl-dev.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-${TMPDIR:-/tmp}/docket-bench}
AS_OF=2026-11-23
TEAM=team03
RUNS=${RUNS:-5}
mkdir -p "$WORK"
DB="$WORK/bench.db"

echo "== building docket (Release) in $SRC/build-rel"
cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-rel" -j2 >/dev/null
DOCKET="$SRC/build-rel/docket"
"$SRC/tests/bench/register.sh" "$DOCKET" "$WORK"
export DOCKET_DB="$DB" DOCKET_TODAY=$AS_OF DOCKET_ACTOR=bench

# The shell's dot-commands strip one level of quotes: a text value needs two.
cat >"$WORK/report-init.sql" <<SQL
.load $WORK/sha256ext
.param set :as_of "'$AS_OF'"
SQL
SHELL_CMD="sqlite3 -csv -header -cmd '.read $WORK/report-init.sql' '$DB' < '$SRC/tests/bench/report_headline.sql'"

echo "== the headline, docket against the sqlite3 shell"
eval "$SHELL_CMD" > "$WORK/headline-shell.csv"
"$DOCKET" report weekly --as-of $AS_OF --format json --section headline > "$WORK/headline-docket.json"
python3 - "$WORK/headline-shell.csv" "$WORK/headline-docket.json" <<'PY'
import csv, json, sys
shell = {r["measure"]: (int(r["this_week"]), int(r["last_week"])) for r in csv.DictReader(open(sys.argv[1]))}
docket = {h["measure"]: (h["this_week"], h["last_week"]) for h in json.load(open(sys.argv[2]))["headline"]}
for m, v in docket.items():
    print("   %-12s this week %8d, last week %8d" % (m, v[0], v[1]))
if shell != docket:
    sys.exit("docket's headline %s differs from the shell's %s" % (docket, shell))
PY
echo "   (equal)"
"$DOCKET" report weekly --as-of $AS_OF > "$WORK/report.md"
echo "   report weekly (md): $(wc -c < "$WORK/report.md") bytes, $(grep -c '^| ' "$WORK/report.md") table lines"

hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/report-times.json" \
	-n "docket report weekly (md)" "'$DOCKET' report weekly --as-of $AS_OF" \
	-n "docket report weekly --team $TEAM" "'$DOCKET' report weekly --as-of $AS_OF --team $TEAM" \
	-n "docket report weekly (json)" "'$DOCKET' report weekly --as-of $AS_OF --format json" \
	-n "docket report weekly (html)" "'$DOCKET' report weekly --as-of $AS_OF --format html" \
	-n "sqlite3 shell, headline counts" "$SHELL_CMD"
# check exits 1 on its ESCALATE findings: -i
hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$WORK/check-times.json" \
	-n "docket check" "'$DOCKET' check"

# (check exits 1 on its findings: the status is not the point here)
peak() {
	/usr/bin/time -v -o "$WORK/peak.txt" "$@" >/dev/null 2>&1 || true
	awk -F: '/Maximum resident/ { print $2 + 0 }' "$WORK/peak.txt"
}
peak_report=$(peak "$DOCKET" report weekly --as-of $AS_OF)
peak_check=$(peak "$DOCKET" check)

python3 - "$WORK/report-times.json" "$WORK/check-times.json" "$peak_report" "$peak_check" "$TEAM" <<'PY'
import json, sys
rows = []
for path in sys.argv[1:3]:
    rows += json.load(open(path))["results"]
peak_report, peak_check, team = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
mean = {r["command"]: r["mean"] for r in rows}
print("\n| what | mean | +/- | user + sys |")
print("| --- | --- | --- | --- |")
for r in rows:
    print("| %s | %.3f s | %.3f | %.3f s |" % (r["command"], r["mean"], r["stddev"], r["user"] + r["system"]))
whole = mean["docket report weekly (md)"]
one = mean["docket report weekly --team %s" % team]
shell = mean["sqlite3 shell, headline counts"]
print()
cpu = {r["command"]: r["user"] + r["system"] for r in rows}
print("ratio report weekly / sqlite3 shell (headline counts): %.2f wall, %.2f CPU (user + sys;"
      " the steadier on a shared machine)" % (whole / shell, cpu["docket report weekly (md)"] / cpu["sqlite3 shell, headline counts"]))
print("report weekly (md): %.3f s (target: <= 1.0 s)" % whole)
print("report weekly --team %s / whole report: %.2f (target: <= 1)" % (team, one / whole))
print("peak memory: report weekly %.1f MB, check %.1f MB (target: check < 64 MB)"
      % (peak_report / 1024, peak_check / 1024))
PY
