#!/bin/bash
# adr.sh: ADR interop at scale: import, re-import, export and index of N
# ADR files (default 1,000) in the formats people write.
#
#   [N=...] [RUNS=...] tests/bench/adr.sh [WORKDIR]
#
# Builds a Release docket in build-rel/, writes N ADR files (a third each
# adr-tools with Supersedes / Amends links, MADR 4 with front matter and
# options, MADR 2 bullets), and times with /usr/bin/time -v, each command
# RUNS times (default 3; the best time and the highest peak are kept):
#   1. docket import adr DIR into a new database (every file parsed,
#      checked, audited, linked, one transaction), against the sqlite3
#      shell reading the same files into a table (fsdir and readfile: the
#      floor under any import that reads every byte);
#   2. docket import adr DIR again (nothing changed: every file hashed and
#      compared);
#   3. docket decision export-md, MADR and adr-tools styles;
#   4. docket decision toc, and adr-tools' 'adr generate toc' on the
#      adr-tools export when adr-tools is installed.
# Prints the times, the ratios against the sqlite3 shell, and peak memory.
# Needs: cmake, cc, sqlite3, python3, GNU time; adr-tools optional.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-1000}
RUNS=${RUNS:-3}
if [ $# -ge 1 ]; then
	WORK=$1
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-adr-XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench

echo "== building docket (Release) in $SRC/build-rel"
cmake -S "$SRC" -B "$SRC/build-rel" -DCMAKE_BUILD_TYPE=Release -DDOCKET_SANITIZE=OFF \
	-DDOCKET_TESTS=OFF >/dev/null
cmake --build "$SRC/build-rel" -j2 >/dev/null
DOCKET="$SRC/build-rel/docket"

echo "== writing $N ADR files to $WORK/adr"
rm -rf "$WORK/adr" && mkdir -p "$WORK/adr"
python3 - "$N" "$WORK/adr" <<'PY'
import os, sys
n, d = int(sys.argv[1]), sys.argv[2]
topics = ["feature store", "model registry", "drift monitor", "batch scoring", "GPU serving",
          "label pipeline", "shadow deployment", "vector index"]
def name(i):
    return "%04d-%s-%d.md" % (i, topics[i % len(topics)].replace(" ", "-"), i)
for i in range(1, n + 1):
    t = topics[i % len(topics)]
    body = "We need a %s for service %d that meets a p95 of %d ms.\n\nIt runs on Kubernetes." % (t, i, 20 + i % 200)
    with open(os.path.join(d, name(i)), "w") as f:
        if i % 3 == 1:
            links = ""
            if i > 3 and i % 9 == 1:
                links += "\nSupersedes [%d. Old](%s)\n" % (i - 3, name(i - 3))
            if i > 1:
                links += "\nAmends [%d. Prior](%s)\n" % (i - 1, name(i - 1))
            f.write("# %d. Use a %s %d\n\nDate: 2024-%02d-%02d\n\n## Status\n\nAccepted\n%s\n"
                    "## Context\n\n%s\n\n## Decision\n\nWe will use option %d.\n\n"
                    "## Consequences\n\nOne more service to run.\n" % (i, t, i, 1 + i % 12, 1 + i % 28, links, body, i))
        elif i % 3 == 2:
            f.write("---\nstatus: \"proposed\"\ndate: 2024-%02d-%02d\ndecision-makers:\n  - Ana Lima\n  - Bo\n---\n\n"
                    "# Choose a %s %d\n\n## Context and Problem Statement\n\n%s\n\n"
                    "## Considered Options\n\n* [Feast](https://feast.dev)\n* Tecton\n* Homegrown\n\n"
                    "## Decision Outcome\n\nChosen option: \"Feast\", because it is open.\n\n"
                    "### Consequences\n\n* Good, because it is cheap\n\n"
                    "## Pros and Cons of the Options\n\n### Feast\n\n* Good, because open\n* Bad, because young\n\n"
                    "### Tecton\n\n* Good, because managed\n" % (1 + i % 12, 1 + i % 28, t, i, body))
        else:
            f.write("# Retire the %s %d\n\n* Status: approved\n* Deciders: ana, bo\n* Date: 2023-%02d-%02d\n\n"
                    "## Context and Problem Statement\n\n%s\n\n## Decision Outcome\n\n"
                    "Chosen option: Retire it, because nobody uses it.\n" % (t, i, 1 + i % 12, 1 + i % 28, body))
PY
du -sh "$WORK/adr" | cut -f1 | sed 's/^/   size: /'

# best wall time (s) and highest peak (KB) over RUNS runs of the command in "$@";
# PREP, when set, is run before each (not timed)
measure() {
	local best="" peak=0 out="$WORK/time.txt"
	for _ in $(seq "$RUNS"); do
		[ -n "${PREP:-}" ] && eval "$PREP"
		/usr/bin/time -v "$@" >/dev/null 2>"$out" || { cat "$out" >&2; return 1; }
		local t m
		t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$out")
		m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
		if [ -z "$best" ] || awk "BEGIN {exit !($t < $best)}"; then best=$t; fi
		[ "$m" -gt "$peak" ] && peak=$m
	done
	echo "$best $peak"
}

cd "$WORK"
PREP='rm -f fresh.db* && DOCKET_DB=fresh.db "$DOCKET" init >/dev/null'
read -r t_imp m_imp < <(DOCKET_DB=fresh.db measure "$DOCKET" import adr adr)
PREP='rm -f shell.db*'
read -r t_sh m_sh < <(measure sqlite3 shell.db \
	"CREATE TABLE f (name TEXT, body TEXT); INSERT INTO f SELECT name, readfile(name) FROM fsdir('adr') WHERE name LIKE '%.md';")
unset PREP
read -r t_again m_again < <(DOCKET_DB=fresh.db measure "$DOCKET" import adr adr)
PREP='rm -rf out-madr'
read -r t_madr m_madr < <(DOCKET_DB=fresh.db measure "$DOCKET" decision export-md --dir out-madr)
PREP='rm -rf doc/adr'
read -r t_tools m_tools < <(DOCKET_DB=fresh.db measure "$DOCKET" decision export-md --dir doc/adr --style adr-tools)
unset PREP
read -r t_toc m_toc < <(DOCKET_DB=fresh.db measure "$DOCKET" decision toc)
rows=$(DOCKET_DB=fresh.db "$DOCKET" import adr adr --format csv | grep -c ',unchanged,' || true)

printf '\n%-44s %10s %10s\n' "command ($N ADR files)" "seconds" "peak MB"
printf '%-44s %10.3f %10.1f\n' "docket import adr (new database)" "$t_imp" "$(echo "$m_imp / 1024" | bc -l)"
printf '%-44s %10.3f %10.1f\n' "sqlite3 shell: readfile into a table" "$t_sh" "$(echo "$m_sh / 1024" | bc -l)"
printf '%-44s %10.3f %10.1f\n' "docket import adr again ($rows unchanged)" "$t_again" "$(echo "$m_again / 1024" | bc -l)"
printf '%-44s %10.3f %10.1f\n' "docket decision export-md (madr)" "$t_madr" "$(echo "$m_madr / 1024" | bc -l)"
printf '%-44s %10.3f %10.1f\n' "docket decision export-md (adr-tools)" "$t_tools" "$(echo "$m_tools / 1024" | bc -l)"
printf '%-44s %10.3f %10.1f\n' "docket decision toc" "$t_toc" "$(echo "$m_toc / 1024" | bc -l)"
if command -v adr >/dev/null; then
	read -r t_atoc m_atoc < <(RUNS=1 measure adr generate toc)
	printf '%-44s %10.3f %10.1f\n' "adr-tools: adr generate toc (1 run)" "$t_atoc" "$(echo "$m_atoc / 1024" | bc -l)"
fi
printf '\nratio import / sqlite3 readfile: %.1fx; per file: %.0f us\n' \
	"$(echo "$t_imp / $t_sh" | bc -l)" "$(echo "$t_imp * 1000000 / $N" | bc -l)"
