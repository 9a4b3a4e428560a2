#!/bin/bash
# wal.sh: the journal modes docket can run in, measured on this machine.
#
#   tests/bench/wal.sh [path/to/docket] [WORKDIR]
#
# For a rollback journal (journal_mode DELETE, docket's choice on SQLite
# builds without the WAL-reset fix) and for WAL (DOCKET_JOURNAL=wal: a
# checkpoint at the end of every writing command, under the write lock on
# such builds), on a register of 2,000 risks:
#   1. per-write latency: one 'docket risk add', against one INSERT and
#      commit into a side table of the same file in the sqlite3 shell;
#   2. 8 concurrent writers, 25 writes each: writes per second, docket and
#      the shell;
#   3. a reader while the 8 writers run: 'docket risk list', against the
#      shell selecting the same table, and each with no writers.
# Prints the means, docket / sqlite3 ratios and WAL / rollback ratios.
# Needs: a Release docket (cmake -DCMAKE_BUILD_TYPE=Release), sqlite3,
# hyperfine, python3.
set -euo pipefail
DOCKET=$(realpath "${1:-build-rel/docket}")
W=${2:-$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-wal-XXXXXX")}
RUNS=${RUNS:-30}
WRITERS=8
EACH=${EACH:-25}
# the order the two modes are measured in (the machine may be busier for one)
MODES=${MODES:-rollback wal}
mkdir -p "$W"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench DOCKET_BUSY_TIMEOUT=600000
echo "== $("$DOCKET" --version | tr '\n' ' ')"
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), work in $W"

python3 - "$W/risks.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("title,owner,likelihood,impact,category\n")
    for i in range(2000):
        f.write("risk %d,ana,%d,%d,ops\n" % (i, i % 5 + 1, i % 4 + 1))
PY

# make MODE: a database in that journal mode with 2,000 risks and a side table
make_db() {
	local mode=$1 db="$W/$1.db"
	rm -f "$db" "$db"-wal "$db"-shm "$db"-journal
	DOCKET_JOURNAL=$mode "$DOCKET" --db "$db" init >/dev/null
	DOCKET_JOURNAL=$mode "$DOCKET" --db "$db" person add ana --name Ana --team ml >/dev/null
	DOCKET_JOURNAL=$mode "$DOCKET" --db "$db" policy set ml --appetite 9 --grace-days 7 \
		--acceptance-days 90 --default-due-days 30 --escalate-to ana >/dev/null
	DOCKET_JOURNAL=$mode "$DOCKET" --db "$db" import risks "$W/risks.csv" >/dev/null
	sqlite3 "$db" "CREATE TABLE bench_write (id INTEGER PRIMARY KEY, title TEXT, at TEXT)"
	echo "   $mode: $(sqlite3 "$db" 'PRAGMA journal_mode'), $(sqlite3 "$db" 'SELECT count(*) FROM risk') risks"
}


# one.sh KIND MODE: one write. The shell, in the same journal mode, inserts
# one row into a side table and commits; in WAL it checkpoints after, as
# docket does.
cat >"$W/one.sh" <<EOF
#!/bin/bash
kind=\$1 mode=\$2
if [ "\$kind" = docket ]; then
	DOCKET_JOURNAL=\$mode exec "$DOCKET" --db "$W/\$mode.db" risk add --title 'a new risk' --owner ana \\
		--likelihood 2 --impact 3 --category ops >/dev/null
fi
ck=""; [ "\$mode" = wal ] && ck="PRAGMA wal_checkpoint(TRUNCATE);"
exec sqlite3 -cmd '.timeout 600000' "$W/\$mode.db" \\
	"INSERT INTO bench_write (title, at) VALUES ('a write', datetime('now')); \$ck" >/dev/null
EOF
# read.sh KIND MODE: docket risk list, or the shell selecting the same table
cat >"$W/read.sh" <<EOF
#!/bin/bash
kind=\$1 mode=\$2
if [ "\$kind" = docket ]; then
	DOCKET_JOURNAL=\$mode exec "$DOCKET" --db "$W/\$mode.db" risk list --format csv >/dev/null
fi
exec sqlite3 -cmd '.timeout 600000' -csv "$W/\$mode.db" 'SELECT * FROM risk' >/dev/null
EOF
# writers.sh KIND MODE: 8 processes, EACH writes apiece
cat >"$W/writers.sh" <<EOF
#!/bin/bash
for w in \$(seq $WRITERS); do
	( for i in \$(seq $EACH); do "$W/one.sh" "\$1" "\$2" || echo "write failed" >&2; done ) &
done
wait
EOF
# busy.sh MODE: 8 docket writers until a stop file appears
cat >"$W/busy.sh" <<EOF
#!/bin/bash
for w in \$(seq $WRITERS); do
	( while [ ! -e "$W/stop" ]; do "$W/one.sh" docket "\$1" || echo "background write failed" >&2; done ) &
done
wait
EOF
chmod +x "$W"/*.sh

echo "== building the data"
for mode in rollback wal; do make_db $mode; done

for mode in $MODES; do
	echo "== $mode: per-write latency ($RUNS runs)"
	hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$W/write-$mode.json" \
		-n "docket risk add ($mode)" "$W/one.sh docket $mode" \
		-n "sqlite3 shell insert ($mode)" "$W/one.sh shell $mode" >/dev/null
	echo "== $mode: $WRITERS concurrent writers x $EACH writes"
	hyperfine -N --runs 3 --export-json "$W/conc-$mode.json" \
		-n "docket 8 writers ($mode)" "$W/writers.sh docket $mode" \
		-n "sqlite3 8 writers ($mode)" "$W/writers.sh shell $mode" >/dev/null
	echo "== $mode: a reader, alone and during $WRITERS writers"
	hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$W/read-$mode.json" \
		-n "docket risk list alone ($mode)" "$W/read.sh docket $mode" \
		-n "sqlite3 select alone ($mode)" "$W/read.sh shell $mode" >/dev/null
	rm -f "$W/stop"
	"$W/busy.sh" $mode &
	BUSY=$!
	sleep 1
	hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$W/readbusy-$mode.json" \
		-n "docket risk list during writes ($mode)" "$W/read.sh docket $mode" \
		-n "sqlite3 select during writes ($mode)" "$W/read.sh shell $mode" >/dev/null
	touch "$W/stop"
	wait $BUSY
	echo "   $(sqlite3 "$W/$mode.db" 'SELECT count(*) FROM risk') risks; -wal file left: $(stat -c %s "$W/$mode.db-wal" 2>/dev/null || echo none); integrity $(sqlite3 "$W/$mode.db" 'PRAGMA integrity_check')"
done

python3 - "$W" "$WRITERS" "$EACH" <<'PY'
import json, sys, os
w, writers, each = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = {}
for f in os.listdir(w):
    if f.endswith(".json"):
        for x in json.load(open(os.path.join(w, f)))["results"]:
            r[x["command"]] = x["mean"]
print("\n== summary (means; docket / sqlite3 shell on the same file and mode)")
for mode in ("rollback", "wal"):
    d, s = r["docket risk add (%s)" % mode], r["sqlite3 shell insert (%s)" % mode]
    print("  %-8s per write:          docket %6.1f ms, shell %6.1f ms, ratio %.2f" % (mode, d * 1e3, s * 1e3, d / s))
    d, s = r["docket 8 writers (%s)" % mode], r["sqlite3 8 writers (%s)" % mode]
    n = writers * each
    print("  %-8s 8 writers:          docket %6.0f writes/s, shell %6.0f writes/s, throughput ratio %.2f" % (mode, n / d, n / s, s / d))
    a, b = r["docket risk list alone (%s)" % mode], r["docket risk list during writes (%s)" % mode]
    c, e = r["sqlite3 select alone (%s)" % mode], r["sqlite3 select during writes (%s)" % mode]
    print("  %-8s reader alone/busy:  docket %6.1f / %6.1f ms, shell %6.1f / %6.1f ms, ratio during writes %.2f" % (mode, a * 1e3, b * 1e3, c * 1e3, e * 1e3, b / e))
print("  WAL / rollback, docket: per write %.2f, 8-writer throughput %.2f, reader during writes %.2f" % (
    r["docket risk add (wal)"] / r["docket risk add (rollback)"],
    r["docket 8 writers (rollback)"] / r["docket 8 writers (wal)"],
    r["docket risk list during writes (wal)"] / r["docket risk list during writes (rollback)"]))
PY
