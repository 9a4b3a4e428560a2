#!/bin/bash
# docket audit log shows each change's typed key (R-10, D-3, EV-2, CTX-1; a
# part under its owner's key; a person by handle, a policy by team) and
# --key KEY lists one record's changes.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch
ok context revise CTX-1 --team-size 4
ok risk add --title "drift unseen" --owner ana --likelihood 2 --impact 3
ok risk add --title "labels late" --owner bo --likelihood 1 --impact 2
ok risk update R-1 --title "drift unseen for a week"
ok risk step add R-1 --check "psi measured" --metric psi --op '<' --threshold 0.2
ok risk step record VS-1 --value 0.1
ok evidence add --kind benchmark --title "load test"
ok decision add --title "one VM" --area serving --problem "how to serve" --option vm --option k8s \
	--chosen vm --rationale "one model"
ok decision link D-1 --evidence EV-1
ok decision unlink D-1 --evidence EV-1
ok decision link D-1 --evidence EV-1

# --- the key column ----------------------------------------------------------
ok audit log
has "^SEQ +AT +ACTOR +ACTION +ENTITY +KEY +ENTITY_ID +ROW"
has " insert +person +ana +1 "
has " insert +policy +ml-platform +1 "
has " insert +context +CTX-1 +1 "
has " insert +context +CTX-2 +2 "
has " update +risk +R-1 +1 "
has " insert +risk +R-2 +2 "
has " insert +verification_step +VS-1 +1 "
has " insert +verification_result +VS-1 +1 "
has " insert +evidence +EV-1 +1 "
has " insert +decision +D-1 +1 "
has " insert +decision_option +D-1 +2 "
has " delete +decision_evidence +D-1 +1 "
ok audit log --format json
echo "$OUT" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert all(list(r)[:7] == ["seq", "at", "actor", "action", "entity", "key", "entity_id"] for r in rows), rows[0]
assert all(r["key"] for r in rows), [r for r in rows if not r["key"]]
assert {(r["entity"], r["key"]) for r in rows if r["entity"] == "risk"} == {("risk", "R-1"), ("risk", "R-2")}
' || fail "json audit log keys"
CHECKS=$((CHECKS + 1))

# --- --key: one record's changes (and its parts') ------------------------------
ok audit log --key R-1
eq "$(echo "$OUT" | sed 1d | wc -l)" "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'risk' AND entity_id = 1")" "R-1's changes"
hasnt " R-2 "
eq "$(echo "$OUT" | sed 1d | awk '{print $4 " " $5 " " $6}' | sort -u | tr '\n' ';')" "insert risk R-1;update risk R-1;" "only R-1, inserted and updated"
ok audit log --key r-1 --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), r[-1]["row"]["title"])')" \
	"2 drift unseen for a week" "the newest change last"
ok audit log --key D-1 --format csv
eq "$(echo "$OUT" | tr -d '\r' | sed 1d | cut -d, -f5 | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" \
	"decision=1 decision_evidence=3 decision_option=2 " "D-1 with its options and evidence links"
eq "$(echo "$OUT" | tr -d '\r' | sed 1d | cut -d, -f6 | sort -u)" "D-1" "every row under D-1"
ok audit log --key EV-1
eq "$(echo "$OUT" | sed 1d | wc -l)" 1 "EV-1: the evidence row alone (links are the decision's)"
ok audit log --key VS-1
eq "$(echo "$OUT" | sed 1d | awk '{print $5}' | tr '\n' ' ')" "verification_step verification_result " "a step and its result"
ok audit log --key CTX-2 --limit 1
eq "$(echo "$OUT" | sed 1d | wc -l)" 1 "--limit with --key"
ok audit log --key R-99
eq "$OUT" "(none)" "a key with no changes"
ok audit log --key D-1 --since 9999-12-31
eq "$OUT" "(none)" "--since with --key"

bad "--key '7' is not a typed key" audit log --key 7
bad "--key 'X-1' is not a typed key" audit log --key X-1
bad "--key 'R-0' is not a risk key" audit log --key R-0
bad "give --key or --entity, not both" audit log --key R-1 --entity risk
done_
