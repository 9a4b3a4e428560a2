#!/bin/bash
# generate.sh: blueprint generation, explanation and the catalog lint.
#
#   [N=200] [RUNS=3] tests/bench/generate.sh [WORKDIR]
#
# Builds a Release docket in build-rel/ and a database of N contexts, the
# scenario panel's (tests/cli/fixtures/panel.txt) over and over under new
# system names. Then, each RUNS times on a fresh copy (the best time and the
# highest peak memory are kept, since the machine may be shared):
#   1. docket blueprint generate for each context, one process each: plan,
#      store the blueprint, its items, stages and gates, and propose its
#      decisions and risks, in one transaction;
#      against the sqlite3 shell writing the same rows (exported from the
#      first run) into the same database, one process and one transaction
#      per blueprint, with docket's triggers (audit, search) firing: the
#      floor under any generator that stores what docket stores;
#   2. docket blueprint explain of one blueprint, and docket catalog lint of
#      the shipped catalog (hyperfine when installed, else a timed loop).
# Prints the times, the ratio docket / sqlite3 for generation and the peak
# memory of one generate.
# Needs: cmake, cc, sqlite3, python3, GNU time, libsqlite3-dev, libssl-dev.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-200}
RUNS=${RUNS:-3}
if [ $# -ge 1 ]; then
	WORK=$1
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-gen-XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

echo "== building docket (Release) in $SRC/build-rel"
cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-rel" -j2 >/dev/null
DOCKET="$SRC/build-rel/docket"

echo "== a database of $N contexts from the scenario panel"
BASE="$WORK/base.db"
rm -f "$BASE"*
"$DOCKET" --db "$BASE" init >/dev/null
"$DOCKET" --db "$BASE" person add ana --name "Ana Lima" --team ml >/dev/null
"$DOCKET" --db "$BASE" policy set ml --appetite 9 --grace-days 7 --acceptance-days 90 \
	--default-due-days 30 --escalate-to ana >/dev/null
python3 - "$SRC/tests/cli/fixtures/panel.txt" "$N" > "$WORK/contexts.csv" <<'PY'
import csv, shlex, sys
ctxs = [shlex.split(l[len("context:"):]) for l in open(sys.argv[1]) if l.startswith("context:")]
cols = ["system", "owner", "problem", "model-kind", "deploy-target", "latency-p95-ms", "throughput-rps",
        "availability", "data-gb", "velocity", "label-delay-days", "team-size", "pipelines", "stack",
        "cloud", "on-prem", "air-gapped", "gpu", "retrieval", "compliance", "budget-usd-month",
        "shared-features", "retrain"]
w = csv.writer(sys.stdout)
w.writerow(cols)
for i in range(int(sys.argv[2])):
    a, row = ctxs[i % len(ctxs)], {"system": "sys-%04d" % i, "owner": "ana"}
    k = 0
    while k < len(a):
        name = a[k][2:]
        if k + 1 < len(a) and not a[k + 1].startswith("--"):
            row[name] = a[k + 1]; k += 2
        else:
            row[name] = "yes"; k += 1
    if row.get("air-gapped") == "yes":
        row["on-prem"] = "yes"
    w.writerow([row.get(c, "") for c in cols])
PY
"$DOCKET" --db "$BASE" import contexts "$WORK/contexts.csv" >/dev/null
sqlite3 "$BASE" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# best wall time of RUNS runs of a shell loop; prepare() gives each a fresh copy
best() {
	local what=$1 body=$2 t b=
	for r in $(seq "$RUNS"); do
		rm -f "$WORK/run.db"*; cp "$BASE" "$WORK/run.db"
		/usr/bin/time -f "%e" -o "$WORK/t" bash -c "$body" >/dev/null 2>"$WORK/loop.err" ||
			{ echo "$what: $(head -3 "$WORK/loop.err")" >&2; exit 1; }
		t=$(tail -1 "$WORK/t")
		if [ -z "$b" ] || python3 -c "import sys; sys.exit(0 if $t < $b else 1)"; then b=$t; fi
	done
	echo "$b"
}

echo "== 1. blueprint generate, $N contexts, one process each"
gen_loop="for i in \$(seq 1 $N); do '$DOCKET' --db '$WORK/run.db' blueprint generate --context CTX-\$i >/dev/null 2>>'$WORK/notes.log' || exit 1; done"
: > "$WORK/notes.log"
d_gen=$(best "docket blueprint generate" "$gen_loop")
# keep one run's rows for the shell: each blueprint's rows as INSERT statements
rm -f "$WORK/run.db"*; cp "$BASE" "$WORK/run.db"
bash -c "$gen_loop" 2>/dev/null
GEN="$WORK/gen.db"; rm -f "$GEN"*; cp "$WORK/run.db" "$GEN"
[ "$(sqlite3 "$GEN" 'SELECT count(*) FROM blueprint')" = "$N" ] || { echo "generate wrote the wrong count" >&2; exit 1; }
rows=$(sqlite3 "$GEN" "SELECT (SELECT count(*) FROM blueprint) + (SELECT count(*) FROM blueprint_item) +
  (SELECT count(*) FROM stage) + (SELECT count(*) FROM gate) + (SELECT count(*) FROM decision) +
  (SELECT count(*) FROM decision_option) + (SELECT count(*) FROM risk)")
mkdir -p "$WORK/sql"
# the columns a row is inserted with (a generated column, the risk score, is not)
cols() { sqlite3 "$GEN" "SELECT group_concat(name, ', ') FROM pragma_table_xinfo('$1') WHERE hidden = 0"; }
for t in blueprint blueprint_item stage gate decision decision_option risk; do
	eval "C_$t=\"\$(cols $t)\""
done
for i in $(seq 1 "$N"); do
	{
		echo "BEGIN IMMEDIATE;"
		sqlite3 "$GEN" ".mode insert blueprint" "SELECT $C_blueprint FROM blueprint WHERE id = $i"
		sqlite3 "$GEN" ".mode insert blueprint_item" "SELECT $C_blueprint_item FROM blueprint_item WHERE blueprint_id = $i"
		sqlite3 "$GEN" ".mode insert stage" "SELECT $C_stage FROM stage WHERE blueprint_id = $i"
		sqlite3 "$GEN" ".mode insert gate" "SELECT $C_gate FROM gate WHERE stage_id IN (SELECT id FROM stage WHERE blueprint_id = $i)"
		sqlite3 "$GEN" ".mode insert decision" "SELECT $C_decision FROM decision WHERE blueprint_id = $i"
		sqlite3 "$GEN" ".mode insert decision_option" "SELECT $C_decision_option FROM decision_option WHERE decision_id IN (SELECT id FROM decision WHERE blueprint_id = $i)"
		sqlite3 "$GEN" ".mode insert risk" "SELECT $C_risk FROM risk WHERE blueprint_id = $i"
		echo "COMMIT;"
	} > "$WORK/sql/$i.sql"
done
cat > "$WORK/fns.c" <<'C'
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
static void actor(sqlite3_context *c, int n, sqlite3_value **v)
{ (void)n; (void)v; sqlite3_result_text(c, "bench", -1, SQLITE_STATIC); }
int sqlite3_fns_init(sqlite3 *db, char **e, const sqlite3_api_routines *api)
{ (void)e; SQLITE_EXTENSION_INIT2(api);
  return sqlite3_create_function(db, "docket_actor", 0, SQLITE_UTF8, 0, actor, 0, 0); }
C
cc -O2 -fPIC -shared -o "$WORK/fns.so" "$WORK/fns.c"
cc -O2 -fPIC -shared -I"$SRC/include" -o "$WORK/sha256ext.so" "$SRC/tests/bench/sha256ext.c" -lcrypto
shell_loop="for i in \$(seq 1 $N); do sqlite3 -cmd '.load $WORK/sha256ext' -cmd '.load $WORK/fns' '$WORK/run.db' \".read $WORK/sql/\$i.sql\" >/dev/null || exit 1; done"
s_gen=$(best "sqlite3 shell, the same rows" "$shell_loop")
[ "$(sqlite3 "$WORK/run.db" 'SELECT count(*) FROM blueprint')" = "$N" ] || { echo "the shell wrote the wrong count" >&2; exit 1; }
rm -f "$WORK/run.db"*; cp "$BASE" "$WORK/run.db"
peak=$( { /usr/bin/time -v "$DOCKET" --db "$WORK/run.db" blueprint generate --context CTX-1 >/dev/null 2>/dev/null; } 2>&1 |
	awk -F: '/Maximum resident/ { print $2 + 0 }')
peak=$( { /usr/bin/time -v "$DOCKET" --db "$WORK/run.db" blueprint generate --context CTX-11 >/dev/null; } 2>&1 |
	awk -F: -v p="$peak" '/Maximum resident/ { v = $2 + 0; print (v > p ? v : p) }')

echo "== 2. blueprint explain and catalog lint"
cp "$GEN" "$WORK/explain.db"
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 2 --runs 20 --export-json "$WORK/h.json" \
		"$DOCKET --db $WORK/explain.db blueprint explain BP-11" "$DOCKET catalog lint" >/dev/null
	read -r d_exp d_lint < <(python3 -c "
import json; r = json.load(open('$WORK/h.json'))['results']
print('%.4f %.4f' % (r[0]['mean'], r[1]['mean']))")
else
	d_exp=$(python3 -c "import subprocess,time; t=time.time(); [subprocess.run(['$DOCKET','--db','$WORK/explain.db','blueprint','explain','BP-11'],capture_output=True) for _ in range(20)]; print('%.4f' % ((time.time()-t)/20))")
	d_lint=$(python3 -c "import subprocess,time; t=time.time(); [subprocess.run(['$DOCKET','catalog','lint'],capture_output=True) for _ in range(5)]; print('%.4f' % ((time.time()-t)/5))")
fi

python3 - "$N" "$d_gen" "$s_gen" "$rows" "$peak" "$d_exp" "$d_lint" <<'PY'
import sys
n, dg, sg, rows, peak, de, dl = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
print()
print("| what | time | per blueprint | ratio to the sqlite3 shell |")
print("| --- | --- | --- | --- |")
print("| docket blueprint generate x %d (%d rows in all) | %.2f s | %.1f ms | %.2fx |" % (n, rows, dg, 1000 * dg / n, dg / sg))
print("| sqlite3 shell, the same rows, %d processes | %.2f s | %.1f ms | 1x |" % (n, sg, 1000 * sg / n))
print("| docket blueprint explain (one blueprint) | %.1f ms | | |" % (1000 * de))
print("| docket catalog lint (shipped catalog) | %.0f ms | | |" % (1000 * dl))
print()
print("peak memory of one generate: %.1f MB" % (peak / 1024))
PY
