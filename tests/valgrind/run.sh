#!/bin/bash
# Runs the whole end-to-end suite with every docket invocation under
# valgrind memcheck (a build without sanitizers: the two do not mix). Any
# memory error or leak makes that invocation exit 99, which fails its test;
# the reports are kept in BUILD_DIR/valgrind-logs.
# usage: tests/valgrind/run.sh BUILD_DIR
set -u
SRC=${DOCKET_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${1:?usage: run.sh BUILD_DIR}
if ! command -v valgrind >/dev/null; then
	if [ -n "${CI:-}" ]; then echo "valgrind is not installed" >&2; exit 1; fi
	echo "valgrind: skipped, not installed (apt-get install valgrind)"; exit 0
fi
cmake -S "$SRC" -B "$B" -DDOCKET_SANITIZE=OFF -DDOCKET_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	>"$B.log" 2>&1 && cmake --build "$B" -j"$(nproc)" >>"$B.log" 2>&1 || { cat "$B.log" >&2; exit 1; }
LOGS="$B/valgrind-logs"
rm -rf "$LOGS" && mkdir -p "$LOGS"
cat > "$B/docket-vg" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
	--log-file="$LOGS/%p.log" "$B/docket" "\$@"
WRAP
chmod +x "$B/docket-vg"
pass=0; failed=0
for t in "$SRC"/tests/cli/test_*.sh; do
	name=$(basename "$t" .sh)
	if DOCKET="$B/docket-vg" SQLITE3=sqlite3 DOCKET_SOURCE_DIR="$SRC" VALGRIND=1 bash "$t" >"$B/$name.out" 2>&1; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1)); echo "under valgrind: $name failed" >&2; tail -15 "$B/$name.out" >&2
	fi
done
runs=$(ls "$LOGS" | wc -l)
errs=$(grep -l "ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|Invalid \|uninitialised" "$LOGS"/*.log 2>/dev/null | wc -l)
if [ "$errs" -gt 0 ]; then
	echo "valgrind reported problems in $errs of $runs runs:" >&2
	grep -l "ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|Invalid \|uninitialised" "$LOGS"/*.log | head -3 | xargs cat >&2
fi
echo "valgrind: $runs docket runs under memcheck; $pass passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$errs" -eq 0 ]
