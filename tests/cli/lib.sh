# lib.sh: helpers for the end-to-end tests. Source it, then call the
# helpers; any failed expectation prints what was expected and exits 1.
# Every test works in its own temporary directory on real database files.
set -u
: "${DOCKET:?DOCKET must name the docket binary}"
: "${SQLITE3:=sqlite3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/docket-e2e-XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export DOCKET_DB="$T/docket.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=tester
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

# dbhash [DB]: a hash of the database's logical content.
dbhash() { "$SQLITE3" "${1:-$DOCKET_DB}" .dump | sha256sum | cut -d' ' -f1; }

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
sql() { "$SQLITE3" "$DOCKET_DB" "$@"; }

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
	for r in $("$SQLITE3" "$DOCKET_DB" "SELECT 'R-' || id FROM risk WHERE id NOT IN (SELECT risk_id FROM verification_step)"); do
		"$DOCKET" risk step add "$r" --check "exposure measured" --metric exposure --op '<=' \
			--threshold 0 >/dev/null || fail "step for $r"
	done
}

# latest_migration: the highest migration number in the source tree.
latest_migration() { ls "$DOCKET_SOURCE_DIR"/migrations/[0-9][0-9][0-9][0-9]_*.sql | tail -1 | sed 's|.*/0*\([0-9][0-9]*\)_.*|\1|'; }

# make_old_db PATH VERSION: a database as a docket that knew only
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
