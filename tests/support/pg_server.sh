#!/bin/bash
# A throwaway PostgreSQL 15 server for the tests: superuser docket, trust
# authentication, no TCP, its Unix socket in DIR alone.
# usage: pg_server.sh start DIR   a fresh cluster in DIR/data, started; a
#                                 server left running there by a killed run
#                                 is stopped first
#        pg_server.sh stop DIR    stopped (nothing running is no error)
#        pg_server.sh url DIR NAME  the URL of database NAME on it
# PG_SERVER_CONF, if set, is appended to the server's postgresql.conf
# after the test settings (fsync off and the rest), so it can undo them.
# initdb and postgres refuse to run as root: as root they run as nobody
# (PG_SERVER_USER), in DIR chowned to that user, or, when that user cannot
# reach DIR (a build tree under /root), in a directory of /tmp that DIR
# becomes a symbolic link to. Clients connect with host=DIR either way.
set -u
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_SERVER_USER=${PG_SERVER_USER:-nobody}
# pg_ctl waits for the server this long (seconds): a loaded 2-core machine
# running ctest -j2 can take a while to start or checkpoint
PG_WAIT=300
# the file that marks a directory as this script's, safe to remove
MARK=.docket-pg-server

die() { echo "pg_server.sh: $*" >&2; exit 1; }

# as_owner PATH CMD...: CMD as the user who owns PATH when we are root (so
# that a server is signalled by its own user), else as ourselves. CMD runs
# from PATH, a directory that user can enter.
as_owner() {
	local path=$1; shift
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$path" && runuser -u "$(stat -c %U "$path")" -- "$@")
	else
		(cd "$path" && "$@")
	fi
}

# running PID: the process runs (a zombie does not: where nothing reaps
# orphans, as in a container whose init is no init, a server that has
# exited or was killed stays one, and kill -0 still reaches it).
running() {
	local state
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# stop_in DIR: stop the server whose data is in DIR/data, if one runs.
stop_in() {
	local dir=$1 pid
	pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null)
	case $pid in '' | *[!0-9]*) return 0 ;; esac
	running "$pid" || return 0
	# fast: the sessions are ended, then a shutdown checkpoint (no fsync)
	if ! as_owner "$dir" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t "$PG_WAIT" stop >/dev/null; then
		running "$pid" && die "the server in $dir/data did not stop (see $dir/log)"
	fi
	return 0
}

# real_dir DIR: where DIR's server lives (DIR, or the target of its link).
real_dir() {
	if [ -L "$1" ]; then readlink "$1"; else echo "$1"; fi
}

# abs DIR: DIR as an absolute path (it need not exist; its parent must).
abs() {
	local parent
	parent=$(cd "$(dirname "$1")" 2>/dev/null && pwd -P) || die "no directory $(dirname "$1")"
	echo "$parent/$(basename "$1")"
}

# urlenc TEXT: TEXT percent-encoded for a URI's query value.
urlenc() {
	local LC_ALL=C s=$1 out= c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case "$c" in
		[A-Za-z0-9/._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	echo "$out"
}

cmd_stop() {
	local dir real
	dir=$(abs "$1")
	[ -e "$dir" ] || return 0
	real=$(real_dir "$dir")
	[ -d "$real" ] || return 0
	stop_in "$real"
}

cmd_start() {
	local dir real conf
	dir=$(abs "$1")
	[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL 15 at $PG_BIN (apt-get install postgresql-15)"
	# libpq names the socket DIR/.s.PGSQL.5432 in a 108-byte sun_path
	[ ${#dir} -le 90 ] || die "'$dir' is too long for a Unix socket directory (at most 90 bytes)"
	cmd_stop "$dir"
	real=$(real_dir "$dir")
	# what an earlier start left (the server is stopped): removed, but only
	# if it is one; a directory of something else is not ours to delete
	if [ -d "$real" ] && [ -n "$(ls -A "$real")" ] && [ ! -e "$real/$MARK" ]; then
		die "$real is not empty and not a server this script made; not removing it"
	fi
	if [ -L "$dir" ]; then
		rm -rf "$real" && rm -f "$dir" || die "cannot remove the old server in $real"
	elif [ -e "$dir" ]; then
		rm -rf "$dir" || die "cannot remove the old server in $dir"
	fi
	mkdir "$dir" || die "cannot create $dir"
	real=$dir
	if [ "$(id -u)" -eq 0 ]; then
		chown "$PG_SERVER_USER:" "$dir" || die "cannot give $dir to $PG_SERVER_USER"
		if ! runuser -u "$PG_SERVER_USER" -- test -w "$dir" -a -x "$dir"; then
			rmdir "$dir"
			real=$(mktemp -d /tmp/docket-pg-XXXXXX) || die "cannot create a directory in /tmp"
			chown "$PG_SERVER_USER:" "$real" && chmod 755 "$real" && ln -s "$real" "$dir" ||
				die "cannot set up $real for $PG_SERVER_USER"
		fi
	fi
: >"$real/$MARK" || die "cannot write in $real"
	as_owner "$real" "$PG_BIN/initdb" -D "$real/data" -U docket --auth=trust -E UTF8 --locale=C --no-sync \
		>"$real/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$real/initdb.log")"
	# Throwaway data: no fsync. Connections for the concurrency tests' writers
	# (each docket holds one) under ctest -j2, with room to spare; no
	# parallel query on a 2-core machine (nor its /dev/shm segments).
	conf="$real/data/postgresql.conf"
	cat >>"$conf" <<EOF || die "cannot write $conf"

# tests/support/pg_server.sh
listen_addresses = ''
unix_socket_directories = '$real'
max_connections = 200
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
EOF
	# settings of the caller's, after these (a later line wins): the
	# benchmarks ask for a durable server (tests/bench/postgres.sh)
	if [ -n "${PG_SERVER_CONF:-}" ]; then
		printf '\n# PG_SERVER_CONF\n%s\n' "$PG_SERVER_CONF" >>"$conf" || die "cannot write $conf"
	fi
	as_owner "$real" "$PG_BIN/pg_ctl" -D "$real/data" -l "$real/log" -w -t "$PG_WAIT" start >/dev/null ||
		die "the server did not start: $(tail -5 "$real/log" 2>/dev/null)"
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "host=$dir user=docket dbname=postgres" \
		-c 'SELECT 1' >/dev/null || die "the server in $dir runs but takes no connection"
	echo "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') running, socket in $dir"
}

case "${1:-}" in
start) [ $# -eq 2 ] || die "usage: pg_server.sh start DIR"; cmd_start "$2" ;;
stop) [ $# -eq 2 ] || die "usage: pg_server.sh stop DIR"; cmd_stop "$2" ;;
url) [ $# -eq 3 ] || die "usage: pg_server.sh url DIR NAME"
	echo "postgresql:///$(urlenc "$3")?host=$(urlenc "$(abs "$2")")&user=docket" ;;
*) die "usage: pg_server.sh start DIR | stop DIR | url DIR NAME" ;;
esac
