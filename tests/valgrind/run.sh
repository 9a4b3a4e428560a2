#!/bin/bash
# The end-to-end suite with every docket invocation under valgrind memcheck,
# from a build without sanitizers (the two do not mix). Any memory error or
# leak makes that invocation exit 99, which fails its test; the reports are
# kept in BUILD_DIR/valgrind-logs/SCRIPT/.
# usage: tests/valgrind/run.sh build BUILD_DIR       configure and build once
#        tests/valgrind/run.sh test BUILD_DIR SCRIPT run one tests/cli script
set -u
SRC=${DOCKET_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
mode=${1:?usage: run.sh build|test BUILD_DIR [SCRIPT]}
B=${2:?usage: run.sh build|test BUILD_DIR [SCRIPT]}
if ! command -v valgrind >/dev/null; then
	if [ -n "${CI:-}" ]; then echo "valgrind is not installed" >&2; exit 1; fi
	echo "valgrind: skipped, not installed (apt-get install valgrind)"; exit 0
fi
if [ "$mode" = build ]; then
	cmake -S "$SRC" -B "$B" -DDOCKET_SANITIZE=OFF -DDOCKET_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		>"$B.log" 2>&1 && cmake --build "$B" -j"$(nproc)" >>"$B.log" 2>&1 || { cat "$B.log" >&2; exit 1; }
	exit 0
fi
script=${3:?usage: run.sh test BUILD_DIR SCRIPT}
name=$(basename "$script" .sh)
[ -x "$B/docket" ] || { echo "valgrind: $B/docket is not built (run.sh build first)" >&2; exit 1; }
LOGS="$B/valgrind-logs/$name"
rm -rf "$LOGS" && mkdir -p "$LOGS"
# Memcheck runs docket 20 to 50 times slower, so a writer holds the lock
# that much longer while others wait: the busy timeout (wall-clock) is
# scaled to match unless a test sets its own. The concurrency tests without
# valgrind run with the default of 30 s.
# Memcheck checks each command line once: a run whose arguments and the
# environment docket reads are those of a run already checked in this
# script, every number aside (R-1 and R-2, "Risk 7" and "Risk 8"), runs
# natively. Each is still under ASan and UBSan in cli.*. A run fed on a
# pipe or from a file is always checked: its input is not in the key.
cat > "$B/docket-vg-$name" <<WRAP
#!/bin/bash
: "\${DOCKET_BUSY_TIMEOUT:=600000}"
export DOCKET_BUSY_TIMEOUT
if [ ! -p /dev/stdin ] && [ ! -f /dev/stdin ]; then
	key=\$( { printf '%s\\n' "\$@"; env | grep -E '^(DOCKET_|COLUMNS=|NO_COLOR=|TERM=|LANG=|LC_|HOME=|XDG_)' | sort; } |
		sed 's/[0-9][0-9]*/N/g' | cksum)
	if grep -qxF "\$key" "$LOGS/.checked" 2>/dev/null; then
		echo >>"$LOGS/.native"
		exec "$B/docket" "\$@"
	fi
	echo "\$key" >>"$LOGS/.checked"
fi
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
	--log-file="$LOGS/%p.log" "$B/docket" "\$@"
WRAP
chmod +x "$B/docket-vg-$name"
DOCKET="$B/docket-vg-$name" SQLITE3=${SQLITE3:-sqlite3} DOCKET_SOURCE_DIR="$SRC" VALGRIND=1 bash "$script"
rc=$?
runs=$(ls "$LOGS" | wc -l)
bad=$(grep -l "ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|Invalid \|uninitialised" "$LOGS"/*.log 2>/dev/null)
if [ -n "$bad" ]; then
	echo "valgrind reported problems in $(echo "$bad" | wc -l) of $runs runs:" >&2
	echo "$bad" | head -2 | xargs cat >&2
	rc=1
fi
native=$(cat "$LOGS/.native" 2>/dev/null | wc -l)
echo "valgrind $name: $runs docket runs under memcheck, $native repeats of a checked command line natively, exit $rc"
exit $rc
