#!/bin/sh
# Lineage of a 10,000-deep chain of context revisions: docket against the
# same recursive SQL in the sqlite3 shell, on the same database.
# usage: tests/bench/lineage.sh [path/to/docket] [depth]
set -eu
DOCKET=$(realpath "${1:-build/docket}")
N=${2:-10000}
W=$(mktemp -d "${TMPDIR:-/tmp}/docket-bench-XXXXXX")
trap 'rm -rf "$W"' EXIT
export DOCKET_DB="$W/bench.db" DOCKET_TODAY=2026-11-23 DOCKET_ACTOR=bench
"$DOCKET" init >/dev/null
"$DOCKET" person add ana --name Ana --team ml >/dev/null
python3 -c "
import sys
print('system,owner,problem,team-size')
for i in range($N): print('chain,ana,batch,%d' % (i % 50 + 1))
" > "$W/chain.csv"
echo "loading $N revisions of one context with docket import contexts"
/usr/bin/time -f "  import: %e s, peak %M KB" "$DOCKET" import contexts "$W/chain.csv" >/dev/null

# The statement docket runs (src/core/lineage.c), with the binds written in.
SQL="WITH RECURSIVE e AS MATERIALIZED (SELECT * FROM lineage_edge),
walk(kind, id, depth, via_kind, via_id, relation) AS (
  SELECT 'context', $N, 0, NULL, NULL, NULL
  UNION
  SELECT e.dst_kind, e.dst_id, w.depth + 1, w.kind, w.id, e.relation
  FROM walk w JOIN e ON e.src_kind = w.kind AND e.src_id = w.id
  WHERE w.depth < 100000 ORDER BY 3 DESC)
SELECT iif(w.depth = 0, 'root', 'up') AS direction, w.depth, 'CTX-' || w.id AS key, w.kind,
  (SELECT system || ' revision ' || revision FROM context WHERE id = w.id) AS label, w.relation,
  'CTX-' || w.via_id AS via,
  (SELECT problem || ', owner ' || p.handle FROM context c JOIN person p ON p.id = c.owner_id WHERE c.id = w.id) AS detail
FROM walk w;"
printf '%s\n' "$SQL" > "$W/walk.sql"

a=$("$DOCKET" lineage "CTX-$N" --up --depth 100000 --max-nodes 100000 --format csv | wc -l)
b=$(sqlite3 -csv "$DOCKET_DB" < "$W/walk.sql" | wc -l)
echo "rows: docket $((a - 1)) (plus a header), sqlite3 shell $b"
[ "$((a - 1))" -eq "$b" ] || { echo "the two disagree" >&2; exit 1; }

hyperfine --warmup 2 --runs 10 --export-json "$W/h.json" \
	-n docket "$DOCKET lineage CTX-$N --up --depth 100000 --max-nodes 100000 --format csv" \
	-n sqlite3 "sqlite3 -csv $DOCKET_DB < $W/walk.sql" >/dev/null
python3 - "$W/h.json" "$N" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d, s = r["docket"]["mean"], r["sqlite3"]["mean"]
print("lineage of a %s-deep chain: docket %.1f ms, sqlite3 shell %.1f ms, ratio %.2fx (aim: 1.2x)"
      % (sys.argv[2], d * 1000, s * 1000, d / s))
PY
/usr/bin/time -f "  docket lineage peak memory: %M KB" "$DOCKET" lineage "CTX-$N" --up --depth 100000 --max-nodes 100000 --format csv >/dev/null
