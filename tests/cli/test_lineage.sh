# docket lineage: tree, dot (rendered by Graphviz when installed), csv, json.
. "$(dirname "$0")/lib.sh"
seed
ok context add fraud --owner ana --problem online
for i in 1 2 3 4 5 6 7 8; do ok context revise "CTX-$i" --team-size $((i + 1)); done

ok lineage CTX-9
has "^CTX-9  fraud revision 9"
has "^up: what it rests on"
has "^  <- revises: CTX-8  fraud revision 8"
has "^            <- revises: CTX-3 "
has "stopped at --depth 6"
hasnt "CTX-2 "
ok lineage CTX-9 --depth 20
has "<- revises: CTX-1 "
hasnt "stopped at"
ok lineage CTX-1 --down --max-nodes 3
has "^down: what rests on it"
has "--max-nodes 3 cut 3 of 7 nodes"
status 2 lineage 9
ok lineage CTX-9 --format json --up --depth 100
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), r[0]["direction"], r[-1]["key"], r[-1]["depth"], r[-1]["via"])')" "9 root CTX-1 8 CTX-2" "json lineage"
ok lineage CTX-5 --format csv --both
eq "$(echo "$OUT" | head -1 | tr -d "\r")" "direction,depth,key,kind,label,relation,via,detail" "csv header"
eq "$(echo "$OUT" | grep -c '^up,')" 4 "csv up rows"
eq "$(echo "$OUT" | grep -c '^down,')" 4 "csv down rows"
ok lineage CTX-5 --format dot
has "^digraph lineage \{"
has '"CTX-5" -> "CTX-4" \[label="revises"\];'
has '"CTX-6" -> "CTX-5" \[label="revises"\];'
if command -v dot >/dev/null; then
	echo "$OUT" | dot -Tsvg > lineage.svg || fail "Graphviz refused the dot output"
	grep -q "<svg" lineage.svg || fail "no SVG from Graphviz"
	grep -q "CTX&#45;5" lineage.svg || fail "the SVG lacks the root"
	CHECKS=$((CHECKS + 1))
elif [ -n "${CI:-}" ]; then
	fail "Graphviz (dot) is not installed in CI"
else
	echo "skipped: Graphviz is not installed here, so the dot output was not rendered"
fi

bad "'7' is not a typed key" lineage 7
bad "there is no context CTX-99" lineage CTX-99
bad "a stage has no lineage of its own" lineage ST-1
bad "give one of --up, --down or --both" lineage CTX-1 --up --down
bad -- "--depth '0' is not a whole number from 1 to 100000" lineage CTX-1 --depth 0
bad -- "--max-nodes 'x' is not a whole number" lineage CTX-1 --max-nodes x
bad -- "--format 'svg' is not one of: tree, dot, table, md, csv, json" lineage CTX-1 --format svg
bad -- "--format 'tree' is not one of: table, md, csv, json" person list --format tree
done_
