#!/bin/bash
# docket check (blueprint and stage rules) and docket blueprint approve, end to end.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch --data-gb 5 --cloud aws --assumption "weekly is fresh enough"
ok blueprint generate --context CTX-1
ok context add ranker --owner ana --problem online
ok blueprint generate --context CTX-2

# a complete context and a generated plan: nothing to report
ok check --blueprint BP-1
eq "$OUT" "(none)"
# an online context without scale, budget, constraints or assumptions: a warning, exit 0
ok check --format csv
has '^severity,rule,record,blueprint,finding,fix'
has "^WARN,context-scope,CTX-2,BP-2,\"BP-2's context does not state its scale \(throughput or data volume\), its latency budget, its constraints \(cloud or on premises\), its assumptions\",\"?docket context revise CTX-2"
hasnt 'BP-1'

# STOP: a stage that is not reproducible blocks approval (exit 1, nothing written)
ok stage set ST-3 --seed-fixed no
status 1 check --format csv
has 'STOP,reproducible-stage,ST-3,BP-1,train is not reproducible: seed not fixed,"make it so, then: docket stage set ST-3 --seed-fixed yes"' 
echo "$ERR" | grep -q 'docket: check: findings: 1 STOP, 0 ESCALATE, 1 WARN' || fail "check summary: $ERR"
before=$(dbhash)
status 1 blueprint approve BP-1
echo "$ERR" | grep -q "BP-1 has 1 STOP finding: not approved (see 'docket check --blueprint BP-1')" || fail "approve refusal: $ERR"
eq "$(dbhash)" "$before" "a refused approval writes nothing"

# STOP: promotion without gates
ok gate list --stage ST-6 --format csv
G=$(echo "$OUT" | sed -n 2p | cut -d, -f1 | tr -d '"')
ok gate remove "$G"
status 1 check --blueprint BP-1 --format csv
has 'STOP,promotion-gates,ST-6,BP-1,"?promote has no gate'
ok gate add --stage ST-6 --metric approvals --op '>=' --threshold 1
ok stage set ST-3 --seed-fixed yes
ok check --blueprint BP-1

# ESCALATE: a deploy stage without gates
ok gate list --stage ST-7 --format csv
for g in $(echo "$OUT" | sed 1d | cut -d, -f1 | tr -d '"'); do ok gate remove "$g"; done
status 1 check --blueprint BP-1 --format csv
has 'ESCALATE,rollout-criteria,ST-7,BP-1'
ok gate add --stage ST-7 --metric scored_rows_fraction --op '>=' --threshold 0.99

# approve: the actor is recorded; twice is refused
ok blueprint approve BP-1 --actor bo
eq "$(sql "SELECT status || ' ' || approved_by FROM blueprint WHERE id = 1")" "approved bo"
ok blueprint show BP-1
has 'status +approved'
bad "BP-1 is already approved" blueprint approve BP-1
bad "BP-1 is approved: its stage contract is frozen" stage set ST-1 --seed-fixed no

# a newer context revision makes the approved plan stale
ok context revise CTX-1 --data-gb 50
ok check --blueprint BP-1 --format csv
has 'WARN,context-revised,BP-1,BP-1,"approved for CTX-1 \(revision 1\), but revision 2 \(CTX-3\) is newer","docket blueprint generate --context CTX-3, then review the diff"'

bad "there is no blueprint BP-9" check --blueprint BP-9
bad "'CTX-1' is a context key, not a blueprint key" check --blueprint CTX-1
bad "there is no blueprint BP-9" blueprint approve BP-9
done_
