#!/bin/bash
# verify.sh: docket audit verify on N risks (default 100,000), and what the
# schema guard costs a writer.
#
#   [N=...] tests/bench/verify.sh [WORKDIR]
#
# Builds a Release docket in build-rel/, imports N risks owned by 500 people
# (each row audited), and times with hyperfine:
#   1. docket audit verify (the chain, the schema, every record against its
#      latest audit row, the search index) against the sqlite3 shell
#      recomputing the same hash chain in one SELECT (tests/bench/sha256ext.c
#      gives it docket_sha256): the floor under any chain check;
#   2. 200 runs of docket person add on that database (each process checks
#      every trigger and view against the SQL the binary expects before it
#      writes) against 200 sqlite3 shell INSERTs into a plain table.
# Prints the means and the ratio docket / sqlite3.
# Needs: cmake, cc, sqlite3, python3, hyperfine, libsqlite3-dev, libssl-dev.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-100000}
RUNS=${RUNS:-5}
if [ $# -ge 1 ]; then
	WORK=$1
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-verify-XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

echo "== building docket (Release) in $SRC/build-rel"
cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-rel" -j2 >/dev/null
DOCKET="$SRC/build-rel/docket"
cc -O2 -fPIC -shared -I"$SRC/include" -o "$WORK/sha256ext.so" "$SRC/tests/bench/sha256ext.c" -lcrypto

DB="$WORK/docket.db"
export DOCKET_DB="$DB"
echo "== importing $N risks into $DB"
python3 - "$N" "$WORK" <<'PY'
import csv, sys
n, w = int(sys.argv[1]), sys.argv[2]
with open(w + "/people.csv", "w", newline="") as f:
    c = csv.writer(f)
    c.writerow(["handle", "name", "team"])
    for i in range(500):
        c.writerow(["p%03d" % i, "Person %d" % i, "team-%02d" % (i % 20)])
with open(w + "/risks.csv", "w", newline="") as f:
    c = csv.writer(f)
    c.writerow(["title", "owner", "due", "likelihood", "impact", "category", "treatment", "description"])
    for i in range(n):
        c.writerow(["Risk %d: the model drifts" % i, "p%03d" % (i % 500), "2027-%02d-%02d" % (i % 12 + 1, i % 28 + 1),
                    i % 5 + 1, (i // 5) % 5 + 1, "model", "mitigate", ""])
PY
rm -f "$DB" "$DB"-wal "$DB"-shm
"$DOCKET" init >/dev/null
"$DOCKET" import people "$WORK/people.csv" >/dev/null
"$DOCKET" import risks "$WORK/risks.csv" >/dev/null
rows=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")
echo "   $rows audit rows, $(du -h "$DB" | cut -f1)"
"$DOCKET" audit verify >/dev/null || { echo "the imported database does not verify" >&2; exit 1; }

CHAIN="SELECT count(*) FROM audit_log a LEFT JOIN audit_log p ON p.seq = a.seq - 1
  WHERE a.prev_hash <> coalesce(p.hash, printf('%064d', 0))
     OR a.hash <> docket_sha256(a.seq || '|' || a.prev_hash || '|' || a.at || '|' || a.actor || '|' ||
                                a.action || '|' || a.entity || '|' || a.entity_id || '|' || a.row)"
[ "$(sqlite3 -cmd ".load $WORK/sha256ext" "$DB" "$CHAIN")" = 0 ] || { echo "shell chain check disagrees" >&2; exit 1; }
echo "== audit verify"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/verify.json" \
	-n "docket audit verify" "'$DOCKET' audit verify" \
	-n "sqlite3 shell, hash chain only" "sqlite3 -cmd '.load $WORK/sha256ext' '$DB' \"$CHAIN\""
python3 - "$WORK/verify.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
d, s = r["docket audit verify"], r["sqlite3 shell, hash chain only"]
print("   docket %.3f s, sqlite3 %.3f s, ratio %.2f" % (d, s, d / s))
PY

echo "== 200 writes (person add), each process checking the schema first"
sqlite3 "$WORK/plain.db" "CREATE TABLE person (handle TEXT PRIMARY KEY, name TEXT)"
t0=$(date +%s.%N)
for i in $(seq 200); do "$DOCKET" person add "w$i" --name W >/dev/null; done
t1=$(date +%s.%N)
for i in $(seq 200); do sqlite3 "$WORK/plain.db" "INSERT INTO person VALUES ('w$i', 'W')"; done
t2=$(date +%s.%N)
python3 -c "import sys; d, s = float(sys.argv[2]) - float(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); \
print('   docket %.2f ms a write, sqlite3 shell %.2f ms an INSERT, ratio %.2f' % (d * 5, s * 5, d / s))" "$t0" "$t1" "$t2"
