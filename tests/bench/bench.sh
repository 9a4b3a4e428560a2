#!/bin/bash
# bench.sh: docket's risk register on 1,000,000 risks (500 owners, 20 teams).
#
#   tests/bench/bench.sh [WORKDIR]
#
# Builds a Release docket (no sanitizers) in build-bench/, generates the
# register (tests/bench/generate.sql) unless WORKDIR already holds it, and
# times with hyperfine, on the same file:
#   1. docket risk overdue, against the same SQL (tests/bench/overdue.sql,
#      checked equal to docket's by test_risk) in the sqlite3 shell, both
#      writing CSV;
#   2. docket risk escalations and docket report weekly (md, json, html).
# Prints the means and the ratio docket / sqlite3 (aim: within 1.2).
# Needs: cmake, cc, sqlite3, hyperfine, libsqlite3-dev, libssl-dev, python3.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-${TMPDIR:-/tmp}/docket-bench}
AS_OF=2026-11-23
RUNS=${RUNS:-10}
REPORT_RUNS=${REPORT_RUNS:-3}
mkdir -p "$WORK"
DB="$WORK/bench.db"

echo "== building docket (Release) in $SRC/build-bench"
cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-bench" -j2 >/dev/null
DOCKET="$SRC/build-bench/docket"
"$SRC/tests/bench/register.sh" "$DOCKET" "$WORK"
EXT="$WORK/sha256ext"

sqlite3 "$DB" "SELECT 'risks: ' || count(*) || ', open ' || sum(status = 'open') || ', mitigating ' || sum(status = 'mitigating') || ', accepted ' || sum(status = 'accepted') || ', closed ' || sum(status = 'closed') FROM risk"

export DOCKET_DB="$DB" DOCKET_TODAY=$AS_OF DOCKET_ACTOR=bench
# The shell's dot-commands strip one level of quotes: a text value needs two.
cat >"$WORK/shell-init.sql" <<SQL
.load $EXT
.param set :as_of "'$AS_OF'"
.param set :owner NULL
.param set :team NULL
SQL
SHELL_CMD="sqlite3 -csv -header -cmd '.read $WORK/shell-init.sql' '$DB' < '$SRC/tests/bench/overdue.sql'"
DOCKET_CMD="'$DOCKET' --format csv risk overdue --as-of $AS_OF"

echo "== rows: docket $(eval "$DOCKET_CMD" | wc -l), sqlite3 $(eval "$SHELL_CMD" | wc -l) (with header)"
hyperfine --warmup 2 --runs "$RUNS" --export-json "$WORK/overdue.json" \
	-n "docket risk overdue" "$DOCKET_CMD" -n "sqlite3 shell, same SQL" "$SHELL_CMD"
hyperfine --warmup 1 --runs "$REPORT_RUNS" --export-json "$WORK/reports.json" \
	-n "docket risk escalations" "'$DOCKET' --format csv risk escalations --as-of $AS_OF" \
	-n "docket report weekly (md)" "'$DOCKET' report weekly --as-of $AS_OF" \
	-n "docket report weekly (json)" "'$DOCKET' report weekly --as-of $AS_OF --format json" \
	-n "docket report weekly (html)" "'$DOCKET' report weekly --as-of $AS_OF --format html" \
	-n "docket report weekly --team team03" "'$DOCKET' report weekly --as-of $AS_OF --team team03"

python3 - "$WORK/overdue.json" "$WORK/reports.json" <<'PY'
import json, sys
rows = []
for path in sys.argv[1:]:
    rows += json.load(open(path))["results"]
mean = {r["command"]: r["mean"] for r in rows}
print("\n== summary (means)")
for r in rows:
    print("  %-36s %8.3f s  (+/- %.3f)" % (r["command"], r["mean"], r["stddev"]))
ratio = mean["docket risk overdue"] / mean["sqlite3 shell, same SQL"]
print("  ratio docket / sqlite3 shell (overdue): %.2f (aim: <= 1.2)" % ratio)
PY
