#!/bin/bash
# tests/support/pg_server.sh itself: start gives a server on a socket in
# DIR alone, as an unprivileged user; stop stops it and is idempotent; a
# start over a running or killed server gives a fresh one; a directory the
# server user cannot reach (as root) is served from /tmp through a link;
# and what is not the script's is never removed.
set -u
S=$(cd "$(dirname "$0")" && pwd)/pg_server.sh
: "${PG_BIN:=/usr/lib/postgresql/15/bin}"
B=$(mktemp -d /tmp/pgsrv-XXXXXX)
chmod 755 "$B"
FAILS=0
CHECKS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
eq() { CHECKS=$((CHECKS + 1)); [ "$1" = "$2" ] || fail "${3:-values differ}: '$1' != '$2'"; }
cleanup() {
	local d
	for d in "$B/a" "$B/private/pg" "$B/mine"; do
		"$S" stop "$d" >/dev/null 2>&1
		[ -L "$d" ] && rm -rf "$(readlink "$d")"
	done
	rm -rf "$B"
}
trap cleanup EXIT
q() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "host=$1 user=docket dbname=${3:-postgres}" -c "$2"; }
# postmaster DIR: the pid of the server in DIR (through its link, if any)
postmaster() { head -1 "$(readlink -f "$1")/data/postmaster.pid" 2>/dev/null; }
# alive PID: the process runs (not a zombie no init has reaped)
alive() { [ -n "$1" ] && [ -e "/proc/$1/stat" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# --- start: the settings the tests rely on ------------------------------------------
out=$("$S" start "$B/a") || fail "start: $out"
echo "$out" | grep -q "^PostgreSQL 15\.[0-9]* running, socket in $B/a$" || fail "start says: $out"
eq "$(q "$B/a" "SELECT current_user || ' ' || current_setting('listen_addresses') || '|' ||
	current_setting('unix_socket_directories') || ' ' || current_setting('fsync') || ' ' ||
	current_setting('max_connections') || ' ' || pg_encoding_to_char(encoding) || ' ' || datcollate
	FROM pg_database WHERE datname = 'postgres'")" "docket |$B/a off 200 UTF8 C" "the server's settings"
eq "$(ls -A "$B/a" | grep -c '^\.s\.PGSQL\.[0-9]*$')" 1 "one socket, in DIR"
pid=$(postmaster "$B/a")
if [ "$(id -u)" -eq 0 ]; then
	eq "$(ps -o user= -p "$pid")" nobody "as root, the server runs as nobody"
else
	eq "$(ps -o user= -p "$pid")" "$(id -un)" "the server runs as the caller"
fi
# url: a database on it, by URL (percent-encoded)
eq "$("$S" url "$B/a" 'x y')" "postgresql:///x%20y?host=$B/a&user=docket" "url"
q "$B/a" 'CREATE DATABASE "x y"'
eq "$("$PG_BIN/psql" -X -A -t -d "$("$S" url "$B/a" 'x y')" -c 'SELECT current_database()')" "x y" "the url connects"

# --- start again over a running server: it is stopped, the cluster is fresh ------------
out=$("$S" start "$B/a") || fail "start over a running server: $out"
CHECKS=$((CHECKS + 2))
alive "$pid" && fail "the old server still runs"
pid2=$(postmaster "$B/a")
alive "$pid2" || fail "no server after the second start"
eq "$(q "$B/a" "SELECT count(*) FROM pg_database WHERE datname = 'x y'")" 0 "the second start made a fresh cluster"

# --- a server killed with its test run (SIGKILL): the next start still works --------------
kill -9 "$pid2"
n=0
while alive "$pid2" && [ $((n += 1)) -lt 200 ]; do sleep 0.05; done
out=$("$S" start "$B/a") || fail "start after a killed server: $out"
eq "$(q "$B/a" 'SELECT 1')" 1 "a server after the killed one"

# --- stop: the server is gone; stopping again, or what never ran, is no error ---------------
pid=$(postmaster "$B/a")
"$S" stop "$B/a" || fail "stop"
CHECKS=$((CHECKS + 1))
alive "$pid" && fail "the server runs after stop"
eq "$("$S" stop "$B/a"; echo $?)" 0 "stop again"
eq "$("$S" stop "$B/never"; echo $?)" 0 "stop where nothing ever ran"
CHECKS=$((CHECKS + 1))
[ -e "$B/never" ] && fail "stop created a directory"

# --- not the script's: refused, left as it is -------------------------------------------------
mkdir "$B/mine" && echo keep > "$B/mine/notes"
CHECKS=$((CHECKS + 2))
"$S" start "$B/mine" 2>"$B/err" && fail "start took over a directory of other files"
grep -q "not a server this script made" "$B/err" || fail "the refusal: $(cat "$B/err")"
eq "$(cat "$B/mine/notes")" keep "the other files are kept"
long=$B/$(printf 'd%.0s' $(seq 100))
CHECKS=$((CHECKS + 1))
"$S" start "$long" 2>/dev/null && fail "a socket directory too long for sun_path was taken"
bad=$("$S" frobnicate 2>&1); rc=$?
eq "$rc:$(echo "$bad" | grep -c '^pg_server.sh: usage: ')" "1:1" "an unknown subcommand"

# --- as root: a directory nobody cannot reach is served from /tmp, through a link ------------------
if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 700 "$B/private"
	out=$("$S" start "$B/private/pg") || fail "start in a directory nobody cannot reach: $out"
	CHECKS=$((CHECKS + 2))
	[ -L "$B/private/pg" ] || fail "no link in place of the unreachable directory"
	real=$(readlink "$B/private/pg")
	case $real in /tmp/docket-pg-*) ;; *) fail "the link goes to $real" ;; esac
	eq "$(q "$B/private/pg" 'SELECT current_user')" docket "a client connects through the link"
	out=$("$S" start "$B/private/pg") || fail "start again through the link: $out"
	CHECKS=$((CHECKS + 1))
	[ -e "$real" ] && fail "the old /tmp directory is left behind: $real"
	"$S" stop "$B/private/pg" || fail "stop through the link"
	# and run by an unprivileged caller, the server is that caller's
	mkdir -m 777 "$B/user"
	out=$(runuser -u nobody -- "$S" start "$B/user/pg") || fail "start as nobody: $out"
	eq "$(ps -o user= -p "$(postmaster "$B/user/pg")")" nobody "a caller's own server"
	runuser -u nobody -- "$S" stop "$B/user/pg" || fail "stop as nobody"
fi

if [ "$FAILS" -ne 0 ]; then
	echo "pg_server_selftest.sh: $FAILS of $CHECKS checks failed" >&2
	exit 1
fi
echo "pg_server_selftest.sh: $CHECKS checks passed"
