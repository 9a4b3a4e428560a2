#!/bin/bash
# docket lineage over a diamond: a record reached by two paths is drawn once.
# The dot output has each node and each edge once; the tree marks the
# second sighting "(see above)" and does not draw its subtree again.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch
ok blueprint generate --context CTX-1
ok evidence add --kind benchmark --title "load test"
# one evidence item cited by two decisions of one blueprint; each decision
# rests on the blueprint and on its context, so CTX-1 is reached twice
ok decision link D-1 --evidence EV-1
ok decision link D-2 --evidence EV-1
R=$(sql "SELECT 'R-' || min(id) FROM risk WHERE decision_id IS NOT NULL")
ok risk step add "$R" --check "alerts fire" --metric missed_runs --op '<=' --threshold 0
VS=$OUT

# --- dot: every edge once ------------------------------------------------------
for args in "CTX-1 --down" "D-1 --up" "EV-1 --both" "$VS --up" "BP-1 --both"; do
	# shellcheck disable=SC2086
	ok lineage $args --format dot
	edges=$(echo "$OUT" | grep -- ' -> ')
	nodes=$(echo "$OUT" | grep -E '^  "[^"]+" \[label=' | sed 's/ \[label=.*//')
	CHECKS=$((CHECKS + 2))
	[ -z "$(echo "$edges" | sort | uniq -d)" ] || fail "lineage $args: repeated edges: $(echo "$edges" | sort | uniq -d)"
	[ -z "$(echo "$nodes" | sort | uniq -d)" ] || fail "lineage $args: nodes declared twice: $(echo "$nodes" | sort | uniq -d)"
done
ok lineage D-1 --up --format dot
eq "$(echo "$OUT" | grep -c -- ' -> ')" 4 "D-1 up: belongs to BP-1, meets CTX-1, supported by EV-1, BP-1 drawn from CTX-1"
has '^  "D-1" -> "CTX-1" \[label="meets"\];$'
has '^  "BP-1" -> "CTX-1" \[label="drawn from"\];$'
ok lineage CTX-1 --down --format dot
eq "$(echo "$OUT" | grep -c -- "^  \"$R\" -> ")" 2 "$R rests on its decision and its blueprint, one edge each"
eq "$(echo "$OUT" | grep -c -- "^  \"$VS\" -> \"$R\"")" 1 "the step's edge once, though its risk is reached twice"
# the same edges as the rows (csv keeps a row for each path), once each
ok lineage CTX-1 --down --format csv
rows=$(echo "$OUT" | python3 -c 'import csv,sys; r=[x for x in csv.DictReader(sys.stdin) if x["direction"] != "root"]; print(len(r), len({(x["key"], x["via"], x["relation"]) for x in r}))')
ok lineage CTX-1 --down --format dot
eq "$(echo "$OUT" | grep -c -- ' -> ')" "${rows#* }" "dot has each distinct edge of the walk"
CHECKS=$((CHECKS + 1))
[ "${rows% *}" -gt "${rows#* }" ] || fail "the walk has no repeated path: $rows"

# --- tree: a repeated subtree is marked, not drawn again -------------------------
ok lineage CTX-1 --down
eq "$(echo "$OUT" | grep -c " $R  ")" 2 "$R is reached twice (under its decision and its blueprint)"
eq "$(echo "$OUT" | grep " $R  " | grep -c '(see above)$')" 1 "its second line is marked"
eq "$(echo "$OUT" | grep -c " $VS  ")" 1 "its step is drawn once"
eq "$(echo "$OUT" | grep -c ' D-1  ')" 2 "D-1 belongs to BP-1 and meets CTX-1"
eq "$(echo "$OUT" | grep ' D-1  ' | grep -c '(see above)$')" 1 "D-1's second line is marked"
ok lineage D-1 --up
has '^  <- meets: CTX-1  churn revision 1  \[batch, owner ana\]  \(see above\)$'
eq "$(echo "$OUT" | grep -c 'CTX-1  ')" 2 "CTX-1 under BP-1 and as D-1's context"
ok lineage EV-1 --down
has '^  -> supported by: D-1 '
has '^  -> supported by: D-2 '
hasnt 'see above'
done_
