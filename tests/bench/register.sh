#!/bin/bash
# register.sh: the benchmark register, 1,000,000 risks (tests/bench/generate.sql),
# shared by bench.sh and report.sh.
#
#   tests/bench/register.sh DOCKET WORKDIR
#
# Makes WORKDIR/bench.db with DOCKET's schema unless it already holds the
# register (it is reused across runs: generating takes a minute or more),
# and WORKDIR/sha256ext.so, the extension that gives the sqlite3 shell
# docket_sha256. Needs: cc, sqlite3, libsqlite3-dev, libssl-dev.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DOCKET=$1
WORK=$2
DB="$WORK/bench.db"
mkdir -p "$WORK"
cc -O2 -fPIC -shared -I"$SRC/include" -o "$WORK/sha256ext.so" "$SRC/tests/bench/sha256ext.c" -lcrypto
if [ ! -s "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT count(*) FROM risk' 2>/dev/null)" != 1000000 ]; then
	echo "== generating 1,000,000 risks in $DB"
	rm -f "$DB" "$DB"-wal "$DB"-shm
	"$DOCKET" --db "$DB" init >/dev/null
	TRIGGERS="$WORK/triggers.sql"
	sqlite3 "$DB" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%audit%'" >"$TRIGGERS"
	sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%audit%'" | sqlite3 "$DB"
	start=$(date +%s)
	sqlite3 -cmd ".load $WORK/sha256ext" "$DB" <"$SRC/tests/bench/generate.sql"
	sqlite3 "$DB" <"$TRIGGERS"
	sqlite3 "$DB" "PRAGMA journal_mode = WAL" >/dev/null
	echo "   generated in $(( $(date +%s) - start )) s, $(du -h "$DB" | cut -f1)"
fi
