#!/bin/bash
# postgres.sh: docket on PostgreSQL beside docket on SQLite, on the same
# register of N risks (default 100,000).
#
#   [N=...] [RUNS=...] [IMPORT_RUNS=...] [CHAIN=...] tests/bench/postgres.sh [WORKDIR]
#
# Builds a Release docket in build-bench/, starts a throwaway PostgreSQL 15
# server (tests/support/pg_server.sh, Unix socket only) made durable as a
# real one is (fsync, synchronous_commit and full_page_writes on, the
# default 128 MB of shared buffers), writes a CSV of N risks owned by 500
# people in 20 teams and a chain of CHAIN context revisions (default
# 10,000), and times
# with hyperfine, on each engine (RUNS runs, default 5; the import
# IMPORT_RUNS, default 3, as it takes minutes on the server):
#   import risks   docket import risks FILE (N rows, one transaction),
#                  into a fresh database holding the people
#   risk overdue   as of 2027-07-01, when about half of them are overdue
#   report weekly  the same day, Markdown
#   export audit   every file, fsync'd, hashed into MANIFEST.csv
#   lineage        the chain of context revisions, upward from its last
#   audit verify   the whole chain
# and once: docket copy of the SQLite file to an empty PostgreSQL database.
# Prints each mean, the ratio PostgreSQL / SQLite and each command's peak
# memory (/usr/bin/time -v), and the ratio of docket's overdue query to the
# same SQL (tests/bench/overdue.sql) in the sqlite3 shell and in psql.
# Needs: cmake, cc, sqlite3, postgresql-15, hyperfine, python3, GNU time.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-100000}
RUNS=${RUNS:-5}
IMPORT_RUNS=${IMPORT_RUNS:-3}
CHAIN=${CHAIN:-10000}
AS_OF=2027-07-01
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ $# -ge 1 ]; then
	WORK=$(mkdir -p "$1" && cd "$1" && pwd)
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-pg-XXXXXX")
fi
PGDIR="$WORK/pg"
stop() { bash "$SRC/tests/support/pg_server.sh" stop "$PGDIR" || true; [ $# -eq 0 ] || rm -rf "$WORK"; }
if [ $# -ge 1 ]; then trap stop EXIT; else trap 'stop all' EXIT; fi
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

echo "== building docket (Release) in $SRC/build-bench"
cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-bench" -j2 >/dev/null
DOCKET="$SRC/build-bench/docket"

echo "== starting PostgreSQL in $PGDIR"
PG_SERVER_CONF=$'fsync = on\nsynchronous_commit = on\nfull_page_writes = on\nshared_buffers = 128MB' \
	PG_BIN=$PG_BIN bash "$SRC/tests/support/pg_server.sh" start "$PGDIR"
url() { bash "$SRC/tests/support/pg_server.sh" url "$PGDIR" "$1"; }
admin() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "host=$PGDIR user=docket dbname=postgres" -c "$1"; }

echo "== writing $N risks and a chain of $CHAIN revisions"
python3 "$SRC/tests/bench/risks_csv.py" "$N" "$WORK"
awk -v n="$CHAIN" 'BEGIN { print "system,owner,problem,team-size";
	for (i = 0; i < n; i++) printf "chain,p000,batch,%d\n", i % 50 + 1 }' >"$WORK/chain.csv"

# The base of each engine: a new database holding the people; every import
# run starts from a copy of it.
SQ="$WORK/bench.db" SQ_BASE="$WORK/base.db"
PG=$(url bench) PG_BASE=$(url bench_base)
"$DOCKET" --db "$SQ_BASE" init >/dev/null
"$DOCKET" --db "$SQ_BASE" import people "$WORK/people.csv" >/dev/null
admin "CREATE DATABASE bench_base"
"$DOCKET" --db "$PG_BASE" init >/dev/null
"$DOCKET" --db "$PG_BASE" import people "$WORK/people.csv" >/dev/null
cat >"$WORK/fresh-sqlite" <<SH
rm -f '$SQ' '$SQ'-wal '$SQ'-shm && cp '$SQ_BASE' '$SQ'
SH
cat >"$WORK/fresh-pg" <<SH
'$PG_BIN/psql' -X -q -v ON_ERROR_STOP=1 'host=$PGDIR user=docket dbname=postgres' \
	-c 'DROP DATABASE IF EXISTS bench WITH (FORCE)' -c 'CREATE DATABASE bench TEMPLATE bench_base'
SH

# bench ENGINE-LABEL NAME CMD [PREPARE]: CMD timed by hyperfine into
# WORK/NAME.ENGINE.json, then run once more under /usr/bin/time -v for its
# peak memory (after PREPARE again, when there is one).
bench() {
	local engine=$1 name=$2 cmd=$3 prep=${4:-}
	if [ -n "$prep" ]; then
		hyperfine -N --runs "$IMPORT_RUNS" --prepare "$prep" --export-json "$WORK/$name.$engine.json" \
			-n "$name ($engine)" "$cmd" >/dev/null
		sh -c "$prep" >/dev/null
	else
		hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/$name.$engine.json" \
			-n "$name ($engine)" "$cmd" >/dev/null
	fi
	/usr/bin/time -f %M -o "$WORK/$name.$engine.kb" sh -c "$cmd" >/dev/null
}

for engine in sqlite pg; do
	if [ $engine = sqlite ]; then db=$SQ; else db=$PG; fi
	echo "== $engine: import, then the reads"
	# (the last run, under /usr/bin/time, leaves the risks in)
	bench $engine import "'$DOCKET' --db '$db' import risks '$WORK/risks.csv'" "sh '$WORK/fresh-$engine'"
	[ "$("$DOCKET" --db "$db" --format csv risk list --status open | wc -l)" -eq $((N + 1)) ] ||
		{ echo "$engine: the import did not leave $N risks" >&2; exit 1; }
	"$DOCKET" --db "$db" import contexts "$WORK/chain.csv" >/dev/null
	bench $engine overdue "'$DOCKET' --db '$db' --format csv risk overdue --as-of $AS_OF"
	bench $engine report "'$DOCKET' --db '$db' report weekly --as-of $AS_OF"
	bench $engine export "'$DOCKET' --db '$db' export audit --out '$WORK/ex-$engine'" "rm -rf '$WORK/ex-$engine'"
	bench $engine lineage "'$DOCKET' --db '$db' lineage CTX-$CHAIN --up --depth 100000 --max-nodes 100000 --format csv"
	bench $engine verify "'$DOCKET' --db '$db' audit verify"
done

echo "== the two engines agree"
for f in "$WORK"/ex-sqlite/*.csv; do
	b=$(basename "$f")
	[ "$b" = MANIFEST.csv ] && continue
	a=$(wc -l <"$f") p=$(wc -l <"$WORK/ex-pg/$b")
	[ "$a" = "$p" ] || { echo "$b: $a lines from SQLite, $p from PostgreSQL" >&2; exit 1; }
done
for cmd in "--format csv risk overdue --as-of $AS_OF" "report weekly --as-of $AS_OF" \
	"lineage CTX-$CHAIN --up --depth 100000 --max-nodes 100000 --format csv"; do
	# shellcheck disable=SC2086
	cmp -s <("$DOCKET" --db "$SQ" $cmd) <("$DOCKET" --db "$PG" $cmd) ||
		{ echo "docket $cmd: the engines print different bytes" >&2; exit 1; }
done
echo "   export file line counts, overdue, report and lineage bytes: the same"

echo "== docket copy of the SQLite file to an empty PostgreSQL database"
admin "CREATE DATABASE bench_copy"
/usr/bin/time -f "%e %M" -o "$WORK/copy.time" "$DOCKET" copy --from "$SQ" --to "$(url bench_copy)" >/dev/null
read -r copy_s copy_kb <"$WORK/copy.time"

echo "== the overdue SQL in each engine's own shell"
sed -e "s/:as_of/'$AS_OF'/g" -e 's/:owner/NULL/g' -e 's/:team/NULL/g' "$SRC/tests/bench/overdue.sql" \
	>"$WORK/overdue.sql"
cc -O2 -fPIC -shared -I"$SRC/include" -o "$WORK/sha256ext.so" "$SRC/tests/bench/sha256ext.c" -lcrypto
echo ".load $WORK/sha256ext" >"$WORK/shell-init.sql"
sq_shell="sqlite3 -csv -header -cmd '.read $WORK/shell-init.sql' '$SQ' < '$WORK/overdue.sql'"
pg_shell="'$PG_BIN/psql' -X -q --csv 'host=$PGDIR user=docket dbname=bench options=-csearch_path=docket' -f '$WORK/overdue.sql'"
a=$(sh -c "$sq_shell" | wc -l) b=$(sh -c "$pg_shell" | wc -l) c=$("$DOCKET" --db "$SQ" --format csv risk overdue --as-of $AS_OF | wc -l)
[ "$a" = "$c" ] && [ "$b" = "$c" ] || { echo "overdue rows: docket $c, sqlite3 $a, psql $b" >&2; exit 1; }
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/shells.json" \
	-n "sqlite3 shell" "$sq_shell" -n psql "$pg_shell" >/dev/null

python3 - "$WORK" "$N" "$RUNS" "$IMPORT_RUNS" "$CHAIN" "$c" "$copy_s" "$copy_kb" <<'PY'
import json, sys
w, n, runs, import_runs, chain, rows, copy_s, copy_kb = sys.argv[1:]
def mean(name, engine):
    return json.load(open("%s/%s.%s.json" % (w, name, engine)))["results"][0]["mean"]
def kb(name, engine):
    return int(open("%s/%s.%s.kb" % (w, name, engine)).read().split()[-1])
shells = {r["command"]: r["mean"] for r in json.load(open(w + "/shells.json"))["results"]}
print("\n== %s risks, mean of %s runs, the import of %s (seconds; peak memory in MB)"
      % (format(int(n), ","), runs, import_runs))
print("   %-14s %9s %9s %9s %8s %8s" % ("", "SQLite", "Postgres", "PG/SQLite", "MB sq", "MB pg"))
for name, label in [("import", "import risks"), ("overdue", "risk overdue"), ("report", "report weekly"),
                    ("export", "export audit"), ("lineage", "lineage %s" % chain), ("verify", "audit verify")]:
    s, p = mean(name, "sqlite"), mean(name, "pg")
    print("   %-14s %9.3f %9.3f %8.2fx %8.1f %8.1f" % (label, s, p, p / s, kb(name, "sqlite") / 1024,
                                                      kb(name, "pg") / 1024))
print("   docket copy SQLite -> PostgreSQL: %s s, peak %.1f MB" % (copy_s, int(copy_kb) / 1024))
print("   overdue (%d lines): docket / sqlite3 shell %.2fx, docket / psql %.2fx (same SQL)"
      % (int(rows), mean("overdue", "sqlite") / shells["sqlite3 shell"], mean("overdue", "pg") / shells["psql"]))
PY
