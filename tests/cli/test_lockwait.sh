#!/bin/bash
# A writer that waits for the write lock says who holds it and waits as long
# as the holder works; the busy timeout applies to a holder that is gone or
# stuck. Synchronised by state, never by sleeping a guessed time: the import
# reads from a pipe that is fed until the waiting writer has spoken, and the
# stuck holder is a sqlite3 shell that keeps BEGIN IMMEDIATE until told.
. "$(dirname "$0")/lib.sh"
sqlite_only "the lock's side file beside the database file, and a sqlite3 shell holding BEGIN IMMEDIATE"

SIDE="$DOCKET_DB-writer"
ok init

# wait_for TEST...: polls up to 10 minutes for TEST to hold.
wait_for() {
	local i
	for ((i = 0; i < 12000; i++)); do
		"$@" && return 0
		sleep 0.05
	done
	return 1
}

# --- 1. A holder that works: the writer waits past its timeout and lands.
# The rows come in chunks of 10,000 until the writer says it waits and at
# least 1,000,000 are written (20,000 under valgrind, which runs docket 50
# times slower), or a cap of 5,000,000 rows, so a broken run still ends; the
# count written is kept.
MIN_ROWS=1000000
[ -n "${VALGRIND:-}" ] && MIN_ROWS=20000
feed() {
	local i=0
	echo "handle,name,team"
	while { [ ! -s "$T/w.err" ] || [ "$i" -lt "$MIN_ROWS" ]; } && [ "$i" -lt 5000000 ]; do
		seq "$i" $((i + 9999)) | sed 's/.*/p&,Person &,bulk/'
		i=$((i + 10000))
	done
	echo "$i" >"$T/fed"
}
: >"$T/w.err"
feed | "$DOCKET" import people /dev/stdin >"$T/imp.out" 2>"$T/imp.err" &
IMP=$!
CHECKS=$((CHECKS + 1))
wait_for grep -qsx "pid $IMP" "$SIDE" || fail "the import never said it holds the lock"
has_state() { grep -qsx 'state held' "$SIDE"; }
wait_for has_state || fail "the side file does not say held"
# A timeout of 1.5 s, shorter than the 2 s after which the writer speaks: that
# it speaks at all proves it waited past its timeout, the holder working.
DOCKET_BUSY_TIMEOUT=1500 "$DOCKET" person add zed --name "Zed Late" >"$T/w.out" 2>>"$T/w.err" &
W=$!
wait $W
RC=$?
wait $IMP
IRC=$?
eq "$RC" 0 "the waiting writer's exit status ($(cat "$T/w.err"))"
eq "$IRC" 0 "the import's exit status ($(cat "$T/imp.err"))"
OUT=$(cat "$T/w.err")
has "^docket: waiting for the write lock held by 'docket import people' \(pid $IMP\) since [0-9]{2}:[0-9]{2}:[0-9]{2} UTC$"
eq "$(grep -c waiting "$T/w.err")" 1 "the writer says it waits once"
FED=$(cat "$T/fed")
eq "$(sql "SELECT count(*) FROM person WHERE team = 'bulk'")" "$FED" "every imported row is there"
eq "$(sql "SELECT count(*) FROM person WHERE handle = 'zed'")" 1 "the writer's row is there"
eq "$(sql "SELECT max(id) = (SELECT id FROM person WHERE handle = 'zed') FROM person")" 1 \
	"the writer landed after the import"
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'person'")" $((FED + 1)) "each row has its audit row"
CHECKS=$((CHECKS + 1))
[ ! -e "$SIDE" ] || fail "the side file is left behind after the import"

# --- 2. A stuck holder: a sqlite3 shell in BEGIN IMMEDIATE, silent. A side
# file from a dead process, or naming a live process that makes no
# progress (a reused pid), must not extend the wait.
mkfifo "$T/sh.in"
"$SQLITE3" "$DOCKET_DB" <"$T/sh.in" >"$T/sh.out" 2>&1 &
SH=$!
exec 3>"$T/sh.in"
echo "BEGIN IMMEDIATE; SELECT 'holding';" >&3
CHECKS=$((CHECKS + 1))
wait_for grep -q holding "$T/sh.out" || fail "the sqlite3 shell did not take the lock"

side() { # side PID: a side file saying PID holds the lock
	printf 'docket-writer 1\nstate held\npid %s\nsince %s\nprogress 7\ncommand docket import people\n' \
		"$1" "$(date +%s)" >"$SIDE"
	chmod 600 "$SIDE"
}
sh -c 'exit 0' &
DEAD=$!
wait $DEAD
side "$DEAD"
BEFORE=$(dbhash)
export DOCKET_BUSY_TIMEOUT=3000
status 3 person add yan --name "Yan Stuck"
echo "$ERR" | grep -q 'database is locked' || fail "a stuck holder: $ERR"
echo "$ERR" | grep -q "^docket: waiting for the write lock held by another process$" ||
	fail "a dead pid is named as the holder: $ERR"

sleep 600 &
LIVE=$!
side "$LIVE"
status 3 person add yan --name "Yan Stuck"
echo "$ERR" | grep -q 'database is locked' || fail "a live pid without progress: $ERR"
kill "$LIVE"
wait "$LIVE" 2>/dev/null

# no side file at all: the timeout as before, a message without a name
rm -f "$SIDE"
status 3 person add yan --name "Yan Stuck"
echo "$ERR" | grep -q "held by another process" || fail "no side file: $ERR"
unset DOCKET_BUSY_TIMEOUT
eq "$(dbhash)" "$BEFORE" "nothing was written while the lock was held"

echo "ROLLBACK;" >&3
exec 3>&-
wait "$SH"

# --- 3. The side file is best effort: a directory or a symlink in its
# place, or a read-only side file, change nothing but the messages.
mkdir "$SIDE"
ok person add yan --name "Yan Dir"
rmdir "$SIDE"
echo keep >"$T/target"
ln -s "$T/target" "$SIDE"
ok person add yoyo --name "Yo Link"
eq "$(cat "$T/target")" keep "the symlink's target is untouched"
rm -f "$SIDE"
done_
