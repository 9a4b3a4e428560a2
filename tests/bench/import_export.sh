#!/bin/bash
# import_export.sh: bulk import and audit export of N risks (default
# 1,000,000; N=100000 tests/bench/import_export.sh for a quicker run).
#
#   [N=...] tests/bench/import_export.sh [WORKDIR]
#
# Builds a Release docket in build-rel/, writes a CSV of N risks owned by
# 500 people in 20 teams, and times with /usr/bin/time -v, each command
# RUNS times (default 3; the best time and the highest peak are kept, since
# the machine may be shared):
#   1. docket import risks FILE.csv (every row validated, audited, one
#      transaction) against the sqlite3 shell's .import of the same file
#      into a plain table of a new database;
#      and, as the floor under any per-row import, the sqlite3 shell writing
#      the same rows into docket's schema (CHECKs, indexes, audit triggers)
#      in one INSERT ... SELECT;
#   2. docket export audit (every file, fsync'd and hashed into MANIFEST.csv)
#      against sqlite3 -csv writing the same rows: the same SELECTs for the
#      files that have rows (people, risks, audit log).
# Prints the times, the ratios docket / sqlite3 (aims: import 2x, export
# 1.2x) and each command's peak memory (aim: under 64 MB).
# Needs: cmake, cc, sqlite3, python3, GNU time, libsqlite3-dev, libssl-dev.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-1000000}
RUNS=${RUNS:-3}
if [ $# -ge 1 ]; then
	WORK=$1
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-io-XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

echo "== building docket (Release) in $SRC/build-rel"
cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-rel" -j2 >/dev/null
DOCKET="$SRC/build-rel/docket"

echo "== writing $N risks to $WORK/risks.csv"
python3 "$SRC/tests/bench/risks_csv.py" "$N" "$WORK"
ls -l "$WORK/risks.csv" | awk '{printf "   %.1f MB\n", $5 / 1048576}'

# timed NAME PREP CMD...: runs PREP (a function that sets the stage), then
# CMD under /usr/bin/time -v, RUNS times; sets SECS (the best) and KB (the
# highest peak).
timed() {
	local name=$1 prep=$2 t0 t1 secs kb; shift 2
	SECS= KB=0
	for _ in $(seq "$RUNS"); do
		"$prep"
		t0=$(date +%s.%N)
		/usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null
		t1=$(date +%s.%N)
		secs=$(echo "scale=3; ($t1 - $t0) / 1" | bc -l)
		kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
		if [ -z "$SECS" ] || [ "$(echo "$secs < $SECS" | bc -l)" = 1 ]; then SECS=$secs; fi
		[ "$kb" -gt "$KB" ] && KB=$kb
	done
	printf '   %-40s %8.2f s   peak %7.1f MB\n' "$name" "$SECS" "$(echo "$KB / 1024" | bc -l)"
}
ratio() { echo "scale=2; $1 / $2" | bc -l 2>/dev/null || echo "?"; }

echo "== import"
DB="$WORK/docket.db"
FLOOR="$WORK/floor.db"
# fresh NAME: a new docket database with the people in it.
fresh() {
	rm -f "$1" "$1"-wal "$1"-shm
	"$DOCKET" --db "$1" init >/dev/null
	"$DOCKET" --db "$1" import people "$WORK/people.csv" >/dev/null
}
prep_docket() { fresh "$DB"; }
prep_plain() { rm -f "$WORK/plain.db"; }
prep_floor() { fresh "$FLOOR"; }
prep_export() { rm -rf "$WORK/ex"; }
prep_sq() { rm -rf "$WORK/sq"; mkdir -p "$WORK/sq"; }
timed "docket import risks" prep_docket "$DOCKET" --db "$DB" import risks "$WORK/risks.csv"
d_imp=$SECS d_imp_kb=$KB
timed "sqlite3 .import (plain table)" prep_plain sqlite3 "$WORK/plain.db" ".import --csv $WORK/risks.csv risk"
s_imp=$SECS s_imp_kb=$KB
# What SQLite itself costs to write the same rows into docket's schema (its
# CHECKs, indexes and audit triggers), in one INSERT ... SELECT: the floor
# under any per-row import. The triggers need docket's SQL functions.
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
cat > "$WORK/floor.sql" <<SQL
.load $WORK/sha256ext
.load $WORK/fns
ATTACH '$WORK/plain.db' AS pl;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;
INSERT INTO risk (uuid, title, description, category, likelihood, impact, treatment, owner_id, due_on,
  created_at, created_by)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
  substr(lower(hex(randomblob(2))), 2) || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))), p.title, nullif(p.description, ''), p.category, p.likelihood, p.impact,
  p.treatment, (SELECT id FROM person WHERE handle = p.owner), p.due,
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench'
FROM pl.risk p;
COMMIT;
SQL
timed "sqlite3 INSERT..SELECT, docket schema" prep_floor sqlite3 "$FLOOR" ".read $WORK/floor.sql"
f_imp=$SECS
[ "$(sqlite3 "$FLOOR" "SELECT count(*) FROM audit_log WHERE entity = 'risk'")" = "$N" ] || { echo "floor: rows not audited" >&2; exit 1; }
rm -f "$FLOOR" "$FLOOR"-wal "$FLOOR"-shm
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM risk')" = "$N" ] || { echo "docket imported the wrong count" >&2; exit 1; }
[ "$(sqlite3 "$WORK/plain.db" 'SELECT count(*) FROM risk')" = "$N" ] || { echo "sqlite3 imported the wrong count" >&2; exit 1; }
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE entity = 'risk'")" = "$N" ] || { echo "rows not audited" >&2; exit 1; }

echo "== export"
timed "docket export audit" prep_export "$DOCKET" --db "$DB" export audit --out "$WORK/ex"
d_exp=$SECS d_exp_kb=$KB
# The rows of the files that have any, as src/core/export.c selects them
# (unbound :since, :until and :team are NULL in the shell, as in docket).
cat > "$WORK/export.sql" <<SQL
.headers on
.mode csv
.output $WORK/sq/people.csv
SELECT handle, name, email, team, uuid, created_at, created_by FROM person ORDER BY id;
.output $WORK/sq/risks.csv
SELECT 'R-' || r.id AS key, r.title, o.handle AS owner, r.due_on AS due, r.likelihood, r.impact,
  r.score, r.category, r.treatment, r.status, 'D-' || r.decision_id AS decision,
  'BP-' || r.blueprint_id AS blueprint, r.description, r.asked_by AS "asked-by",
  a.handle AS approver, r.accepted_on AS "accepted-on", r.accepted_until AS expires,
  r.accepted_hash AS "accepted-hash", r.accept_reason AS "accept-reason",
  r.closed_on AS "closed-on", r.closed_reason AS reason, o.team, r.uuid, r.created_at, r.created_by
FROM risk r JOIN person o ON o.id = r.owner_id LEFT JOIN person a ON a.id = r.approved_by ORDER BY r.id;
.output $WORK/sq/audit_log.csv
SELECT seq, at, actor, action, entity, entity_id, row, prev_hash, hash FROM audit_log ORDER BY seq;
.output stdout
SQL
timed "sqlite3 -csv (same rows)" prep_sq sqlite3 -csv "$DB" ".read $WORK/export.sql"
s_exp=$SECS s_exp_kb=$KB
for f in people risks audit_log; do
	a=$(wc -l < "$WORK/ex/$f.csv") b=$(wc -l < "$WORK/sq/$f.csv")
	[ "$a" = "$b" ] || { echo "$f.csv: docket wrote $a lines, sqlite3 $b" >&2; exit 1; }
done

echo "== $N risks (best of $RUNS)"
echo "   import: docket $d_imp s, sqlite3 .import $s_imp s, ratio $(ratio "$d_imp" "$s_imp")x (aim 2x)"
echo "   import: docket $d_imp s, sqlite3 writing the same rows into docket's schema $f_imp s," \
	"ratio $(ratio "$d_imp" "$f_imp")x"
echo "   export: docket $d_exp s, sqlite3 -csv $s_exp s, ratio $(ratio "$d_exp" "$s_exp")x (aim 1.2x)"
echo "   peak memory: docket import $((d_imp_kb / 1024)) MB, export $((d_exp_kb / 1024)) MB;" \
	"sqlite3 .import $((s_imp_kb / 1024)) MB, -csv $((s_exp_kb / 1024)) MB (aim: docket under 64 MB)"
echo "   database: $(du -h "$DB" | cut -f1), export: $(du -sh "$WORK/ex" | cut -f1)"
