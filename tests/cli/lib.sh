# lib.sh: helpers for the end-to-end tests. Source it, then call the
# helpers; any failed expectation prints what was expected and exits 1.
# Every test works in its own temporary directory on a real database: a
# file there, or with DOCKET_TEST_ENGINE=postgres a database of its own on
# the PostgreSQL server whose socket directory DOCKET_TEST_PGHOST names
# (tests/support/pg_server.sh; the ctest fixture pg_server starts one).
# The helpers that look into the database (sql, dbhash, new_db, ...) work
# on either engine; a test that cannot says so with sqlite_only.
set -u
: "${DOCKET:?DOCKET must name the docket binary}"
: "${SQLITE3:=sqlite3}"
: "${DOCKET_TEST_ENGINE:=sqlite}"
: "${PG_BIN:=/usr/lib/postgresql/15/bin}"
T=$(mktemp -d "${TMPDIR:-/tmp}/docket-e2e-XXXXXX")
# the test's PostgreSQL database (set below when the engine is postgres);
# it and every database named "$PG_NAME-..." are dropped at the end
PG_NAME=
lib_cleanup() {
	local d
	if [ -n "$PG_NAME" ]; then
		for d in $(pg_admin_query "SELECT datname FROM pg_database WHERE datname = '$PG_NAME' OR datname LIKE '$PG_NAME-%'"); do
			pg_admin "DROP DATABASE \"$d\" WITH (FORCE)" || echo "lib.sh: could not drop database $d" >&2
		done
	fi
	rm -rf "$T"
}
trap lib_cleanup EXIT
cd "$T" || exit 1

# pg_admin SQL...: each statement on the server's postgres database, one
# at a time (CREATE and DROP DATABASE run outside a transaction).
pg_admin() {
	local s
	for s in "$@"; do
		PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
			-d "host=$DOCKET_TEST_PGHOST user=docket dbname=postgres" -c "$s" >/dev/null || return 1
	done
}
pg_admin_query() {
	"$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "host=$DOCKET_TEST_PGHOST user=docket dbname=postgres" -c "$1"
}
# pg_url NAME: the DOCKET_DB value of database NAME on the test server.
pg_url() { bash "$DOCKET_SOURCE_DIR/tests/support/pg_server.sh" url "$DOCKET_TEST_PGHOST" "$1"; }
# pg_name URL: the database named by a URL that pg_url made.
pg_name() { local n=${1#*:///}; echo "${n%%\?*}"; }

case $DOCKET_TEST_ENGINE in
sqlite) export DOCKET_DB="$T/docket.db" ;;
postgres)
	: "${DOCKET_TEST_PGHOST:?DOCKET_TEST_PGHOST must name the socket directory of the PostgreSQL server}"
	: "${DOCKET_SOURCE_DIR:?DOCKET_SOURCE_DIR must name the source tree}"
	PG_NAME=$(basename "$T")
	pg_admin "CREATE DATABASE \"$PG_NAME\"" ||
		{ echo "lib.sh: cannot create database $PG_NAME on the server in $DOCKET_TEST_PGHOST" >&2; exit 1; }
	DOCKET_DB=$(pg_url "$PG_NAME") || exit 1
	export DOCKET_DB
	;;
*) echo "lib.sh: DOCKET_TEST_ENGINE is sqlite or postgres, not '$DOCKET_TEST_ENGINE'" >&2; exit 1 ;;
esac
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=tester
# no user's config file (~/.config/docket/config) reaches a test
export XDG_CONFIG_HOME="$T/.config"
FAILS=0
CHECKS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# ok CMD...: the command exits 0; its output is in $OUT, stderr in $ERR.
ok() {
	CHECKS=$((CHECKS + 1))
	OUT=$("$DOCKET" "$@" 2>"$T/.err"); RC=$?; ERR=$(cat "$T/.err")
	[ "$RC" -eq 0 ] || fail "docket $* exited $RC, expected 0: $ERR"
}

# status N CMD...: the command exits N.
status() {
	local want=$1; shift
	CHECKS=$((CHECKS + 1))
	OUT=$("$DOCKET" "$@" 2>"$T/.err"); RC=$?; ERR=$(cat "$T/.err")
	[ "$RC" -eq "$want" ] || fail "docket $* exited $RC, expected $want: $ERR $OUT"
}

# on_pg, on_sqlite: the engine this run tests.
on_pg() { [ "$DOCKET_TEST_ENGINE" = postgres ]; }
on_sqlite() { [ "$DOCKET_TEST_ENGINE" = sqlite ]; }
# is_pg DB: DB (a DOCKET_DB value) is a PostgreSQL database. The helpers
# below go by the database they are given, so that a SQLite file a test
# makes beside its PostgreSQL database is read with sqlite3.
is_pg() { case $1 in postgresql://* | postgres://*) return 0 ;; *) return 1 ;; esac; }

# sqlite_only 'WHY': the test is about SQLite itself (its file, journal,
# shell); on PostgreSQL it says why and stops, counting nothing as passed.
# tests/CMakeLists.txt does not register a script with this line for
# PostgreSQL at all.
sqlite_only() {
	on_pg || return 0
	echo "$(basename "$0"): SQLite only ($1); not run on PostgreSQL"
	exit 0
}
# postgres_only 'WHY': the test is about the PostgreSQL backend alone; on
# SQLite it says why and stops. tests/CMakeLists.txt registers a script
# with this line for PostgreSQL only.
postgres_only() {
	on_sqlite || return 0
	echo "$(basename "$0"): PostgreSQL only ($1); not run on SQLite"
	exit 0
}
# not_per_engine 'WHY': the test reads no database of the engine under
# test (the docs, the catalog, a database of its own): on PostgreSQL it
# would repeat the SQLite run, so it stops and is not registered, as above.
not_per_engine() {
	on_pg || return 0
	echo "$(basename "$0"): the same on every engine ($1); not run again on PostgreSQL"
	exit 0
}

# sql_db DB SQL...: runs each SQL text on DB and prints the rows as the
# sqlite3 shell's default list mode does: a line a row, columns joined by
# '|', NULL as nothing, no header. On PostgreSQL it is psql in the schema
# docket, each statement in a transaction of its own as sqlite3 runs them,
# stopping with a non-zero status at the first error. With no SQL, the
# statements are read from stdin. Only SQL both engines read alike works:
# psql prints a boolean as t or f and a real as 12 or 109.95116277760002
# where sqlite3 prints 1 and 12.0 and 109.9511627776 (for those, CASE WHEN
# ... THEN 1 ELSE 0 END, or sql_as_sqlite below); there is no group_concat
# (join the rows with joined), a subquery in FROM needs an alias, and ||
# needs a text on one side.
sql_db() {
	local db=$1 s
	shift
	if ! is_pg "$db"; then
		"$SQLITE3" "$db" "$@"
		return
	fi
	if [ $# -eq 0 ]; then
		pg_psql "$db" -f -
		return
	fi
	for s in "$@"; do
		printf '%s\n' "$s" | pg_psql "$db" -f - || return
	done
}
pg_psql() {
	local db=$1
	shift
	PGOPTIONS='-c search_path=docket -c client_min_messages=warning' \
		"$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
# sql SQL...: sql_db on the test's database.
sql() { sql_db "$DOCKET_DB" "$@"; }
# sql_as_sqlite DB SELECT: the rows of one query as sqlite3 would print
# them were DB a SQLite file: on PostgreSQL a real with SQLite's 15 digits
# and its decimal point (50.0), a boolean as 1 or 0 (tests/cli/dbread.py),
# so that rows of a database on either engine compare with a file's.
sql_as_sqlite() {
	if is_pg "$1"; then python3 "$DOCKET_SOURCE_DIR/tests/cli/dbread.py" "$1" "$2"; else sql_db "$1" "$2"; fi
}
# joined [SEP]: the lines of stdin on one line with SEP (default ',')
# between them, as group_concat(x, SEP) joins its rows.
joined() { awk -v s="${1-,}" 'NR > 1 { printf "%s", s } { printf "%s", $0 } END { print "" }'; }

# The logical content of a PostgreSQL database: for each table of schema
# docket its name, row count and a hash of its rows as text in byte order
# (physical order, which an UPDATE or VACUUM moves, does not count), then
# one hash over the schema's definitions: columns, constraints, indexes,
# triggers and whether they fire, views, functions. Identity sequences are
# left out: PostgreSQL never rolls them back, so a refused insert advances
# one though no row changed.
PG_DBHASH_SQL=$(cat <<'SQL'
SELECT format('SELECT %L, count(*), coalesce(md5(string_agg(t::text, E''\n'' ORDER BY t::text)), '''') FROM docket.%I t',
              c.relname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'docket' AND c.relkind IN ('r', 'p') ORDER BY c.relname \gexec
SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x), '')) FROM (
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || a.attnum || ' ' || format_type(a.atttypid, a.atttypmod)
         || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS x
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'docket' AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = k.connamespace
    WHERE n.nspname = 'docket'
  UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'docket'
  UNION ALL SELECT 'trigger ' || t.tgenabled::text || ' ' || pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'docket' AND NOT t.tgisinternal
  UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'docket'
  UNION ALL SELECT 'function ' || p.oid::regprocedure || ' '
         || CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE p.prokind::text END
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'docket'
) s;
SQL
)

# dbhash [DB]: a hash of the database's logical content (sqlite3's .dump
# of a file; the rows and definitions above on PostgreSQL): a changed row
# or definition changes it.
dbhash() {
	local db=${1:-$DOCKET_DB}
	if is_pg "$db"; then
		printf '%s\n' "$PG_DBHASH_SQL" | pg_psql "$db" -f - | sha256sum | cut -d' ' -f1
	else
		"$SQLITE3" "$db" .dump | sha256sum | cut -d' ' -f1
	fi
}

# new_db NAME: the DOCKET_DB value of a new, empty database beside the
# test's own: the file $T/NAME.db (removed first if it is there), or a
# database NAME made on the test server (dropped at the end).
new_db() {
	if on_pg; then
		pg_admin "DROP DATABASE IF EXISTS \"$PG_NAME-$1\" WITH (FORCE)" "CREATE DATABASE \"$PG_NAME-$1\"" &&
			pg_url "$PG_NAME-$1"
	else
		rm -f "$T/$1.db" "$T/$1.db-wal" "$T/$1.db-shm"
		echo "$T/$1.db"
	fi
}

# db_save NAME, db_restore NAME: a copy of the database DOCKET_DB names as
# it is now, and that database put back as the copy was (the file copied
# and the live one's -wal and -shm removed; on PostgreSQL a database made
# with the live one as its template, and the other way round).
db_save() {
	if on_pg; then
		local live
		live=$(pg_name "$DOCKET_DB")
		pg_admin "DROP DATABASE IF EXISTS \"$PG_NAME-$1\" WITH (FORCE)" \
			"CREATE DATABASE \"$PG_NAME-$1\" TEMPLATE \"$live\""
	else
		cp "$DOCKET_DB" "$T/$1.db"
	fi
}
db_restore() {
	if on_pg; then
		local live
		live=$(pg_name "$DOCKET_DB")
		pg_admin "DROP DATABASE \"$live\" WITH (FORCE)" "CREATE DATABASE \"$live\" TEMPLATE \"$PG_NAME-$1\""
	else
		cp "$T/$1.db" "$DOCKET_DB" && rm -f "$DOCKET_DB-wal" "$DOCKET_DB-shm"
	fi
}

# drop_trigger NAME TABLE: the statement that drops trigger NAME on TABLE.
drop_trigger() { if on_pg; then echo "DROP TRIGGER $1 ON $2"; else echo "DROP TRIGGER $1"; fi; }

# re_quote TEXT: a grep -E pattern that matches TEXT literally (a
# PostgreSQL URL has a '?').
re_quote() { printf '%s' "$1" | sed 's/[][\.^$*+?(){}|]/\\&/g'; }

# The write lock docket's writers take: BEGIN IMMEDIATE on SQLite; on
# PostgreSQL the transaction-level advisory lock with the key that
# docket's backend takes at the BEGIN of every write transaction.
DOCKET_PG_WRITE_LOCK=7150520120
# write_lock_sql: the statements that take it in a session of sql reading
# its statements from stdin (a pipe fed as the test goes); session_shell
# CMD: the line that has that session run CMD in the shell.
write_lock_sql() {
	if on_pg; then echo "BEGIN; SELECT pg_advisory_xact_lock($DOCKET_PG_WRITE_LOCK) \g /dev/null"
	else echo 'BEGIN IMMEDIATE;'; fi
}
session_shell() { if on_pg; then echo "\\! $1"; else echo ".shell $1"; fi; }

# bad 'PATTERN' CMD...: bad input. Exit 2, stderr matches PATTERN (grep -E),
# and the database is byte-for-byte unchanged.
bad() {
	# a leading -- is not the pattern (patterns may start with --: grep -E -- is used)
	[ "$1" = -- ] && shift
	local pattern=$1; shift
	local before after
	before=$(dbhash)
	status 2 "$@"
	after=$(dbhash)
	echo "$ERR" | grep -Eq -- "$pattern" || fail "docket $*: stderr '$ERR' does not match '$pattern'"
	echo "$ERR" | grep -q '^docket: ' || fail "docket $*: message does not start with 'docket: ': $ERR"
	[ "$before" = "$after" ] || fail "docket $*: database changed after refused input"
}

# real_errors FILE...: what the files hold but the notice a writer prints
# once it has waited 2 s for the lock (a slow machine, valgrind).
real_errors() { cat "$@" 2>/dev/null | grep -v '^docket: waiting for the write lock held by '; }

# has 'PATTERN': the last output matches (grep -E).
has() { CHECKS=$((CHECKS + 1)); echo "$OUT" | grep -Eq -- "$1" || fail "output does not match '$1': $OUT"; }
hasnt() { CHECKS=$((CHECKS + 1)); ! echo "$OUT" | grep -Eq -- "$1" || fail "output matches '$1': $OUT"; }
eq() { CHECKS=$((CHECKS + 1)); [ "$1" = "$2" ] || fail "${3:-values differ}: '$1' != '$2'"; }

# done_: report and exit with the result.
done_() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$(basename "$0"): $FAILS of $CHECKS checks failed" >&2
		exit 1
	fi
	echo "$(basename "$0"): $CHECKS checks passed"
	exit 0
}

# seed: a database with two people in one team.
seed() {
	"$DOCKET" init >/dev/null || fail "init"
	"$DOCKET" person add ana --name "Ana Lima" --team ml-platform --email ana@example.org >/dev/null || fail "seed ana"
	"$DOCKET" person add bo --name "Bo Chen" --team ml-platform >/dev/null || fail "seed bo"
}

# seed_policy: a policy for seed's team, so generated blueprints can date
# their residual risks (due in 30 days).
seed_policy() {
	"$DOCKET" policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 \
		--default-due-days 30 --escalate-to bo >/dev/null || fail "seed policy"
}

# steps_for_all: a verification step for every risk that has none (the
# residual risks generate proposes), so 'docket check' judges the rest.
steps_for_all() {
	local r
	for r in $(sql "SELECT 'R-' || id FROM risk WHERE id NOT IN (SELECT risk_id FROM verification_step)"); do
		"$DOCKET" risk step add "$r" --check "exposure measured" --metric exposure --op '<=' \
			--threshold 0 >/dev/null || fail "step for $r"
	done
}

# latest_migration: the highest migration number in the source tree.
latest_migration() { ls "$DOCKET_SOURCE_DIR"/migrations/[0-9][0-9][0-9][0-9]_*.sql | tail -1 | sed 's|.*/0*\([0-9][0-9]*\)_.*|\1|'; }

# make_old_db PATH VERSION: a SQLite database as a docket that knew only
# migrations 1..VERSION created it (applied by the sqlite3 shell).
make_old_db() {
	local path=$1 upto=$2 f n sum
	rm -f "$path"
	for f in "$DOCKET_SOURCE_DIR"/migrations/[0-9][0-9][0-9][0-9]_*.sql; do
		n=$(basename "$f" | sed 's/^0*\([0-9][0-9]*\)_.*/\1/')
		[ "$n" -le "$upto" ] || continue
		sum=$(sha256sum "$f" | cut -d' ' -f1)
		{ echo "BEGIN;"; cat "$f"; echo ";INSERT INTO schema_migration VALUES ($n, '$(basename "$f" .sql)', '$sum', '2026-01-01T00:00:00Z'); PRAGMA user_version = $n; COMMIT;"; } |
			"$SQLITE3" "$path" || fail "make_old_db: migration $n"
	done
	"$SQLITE3" "$path" "PRAGMA journal_mode = WAL" >/dev/null
	chmod 600 "$path"
}
