#!/bin/bash
# Builds the fuzz targets with clang and libFuzzer and runs each briefly
# (FUZZ_SECONDS each, default 15: about a minute and a half in all for five targets). A crash fails the
# run and leaves its input in the build directory: copy it into
# tests/fuzz/regressions/<target>/ so that it replays in every build.
# To fuzz for longer: FUZZ_SECONDS=3600 tests/fuzz/run.sh /tmp/fuzz-build
# FUZZ_ROUNDTRIP=1 adds the strict properties (the ADR round trip byte for
# byte) that the replay checks on the corpus and the regressions.
# usage: tests/fuzz/run.sh BUILD_DIR
set -u
SRC=${DOCKET_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${1:?usage: run.sh BUILD_DIR}
SECONDS_EACH=${FUZZ_SECONDS:-15}
if ! command -v clang >/dev/null; then
	if [ -n "${CI:-}" ]; then echo "fuzz: clang is not installed" >&2; exit 1; fi
	echo "fuzz: skipped, clang is not installed (apt-get install clang libclang-rt-14-dev)"; exit 0
fi
cmake -S "$SRC" -B "$B" -DCMAKE_C_COMPILER=clang -DDOCKET_FUZZ=ON -DDOCKET_TESTS=OFF \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >"$B.log" 2>&1 &&
	cmake --build "$B" -j"$(nproc)" >>"$B.log" 2>&1 || { cat "$B.log" >&2; exit 1; }
status=0
[ -n "${FUZZ_ROUNDTRIP:-}" ] && export DOCKET_FUZZ_ROUNDTRIP=1
for t in "$B"/fuzz_*; do
	name=$(basename "$t"); short=${name#fuzz_}
	work="$B/corpus-$short"; mkdir -p "$work" "$B/crashes-$short"
	# libFuzzer exits when a corpus directory is missing, and git keeps
	# no empty directories: pass only the ones that exist.
	dirs=("$work")
	for d in "$SRC/tests/fuzz/corpus/$short" "$SRC/tests/fuzz/regressions/$short"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	"$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$B/crashes-$short/" "${dirs[@]}" >"$B/$short.log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$B/$short.log" | grep -o '[0-9]*$')
	echo "fuzz $short: ${execs:-?} executions in ${SECONDS_EACH}s, exit $rc"
	if [ $rc -ne 0 ]; then
		status=1
		tail -30 "$B/$short.log" >&2
		ls "$B/crashes-$short" >&2
	fi
done
exit $status
