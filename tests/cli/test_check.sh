#!/bin/bash
# docket check (every quality gate) and docket blueprint approve, end to end.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
ok context add churn --owner ana --problem batch --data-gb 5 --cloud aws --assumption "weekly is fresh enough"
ok blueprint generate --context CTX-1
ok context add ranker --owner ana --problem online
ok blueprint generate --context CTX-2

# the residual risks generate proposes have no verification step yet: ESCALATE, exit 1
status 1 check --blueprint BP-1 --format csv
has '^ESCALATE,risk-verification,R-1,BP-1,open with no verification step: nothing measurable says when it is resolved,docket risk step add R-1 --check TEXT --metric NAME --op OP --threshold NUMBER'
eq "$(echo "$OUT" | grep -c ',risk-verification,')" "$(sql "SELECT count(*) FROM risk WHERE blueprint_id = 1")" "one finding per generated risk"
hasnt ',BP-2,'
echo "$ERR" | grep -q 'docket: check: findings: 0 STOP, 5 ESCALATE, 0 WARN' || fail "check summary: $ERR"
steps_for_all

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
status 1 --actor ana blueprint approve BP-1
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

# approving a plan for the new revision supersedes the older approval, which is no longer checked
ok blueprint generate --context CTX-3
NEW=$(echo "$OUT" | head -1)
eq "$(sql "SELECT 'BP-' || supersedes_id FROM blueprint WHERE id = ${NEW#BP-}")" "BP-1" "the latest plan of the system (BP-2 is another system's)"
steps_for_all
ok --actor ana blueprint approve "$NEW"
eq "$(sql "SELECT id || ':' || status FROM blueprint ORDER BY id" | joined ' ')" "1:superseded 2:draft ${NEW#BP-}:approved"
ok check --blueprint BP-1
eq "$OUT" "(none)" "a superseded plan is not checked"

# the register rules, judged on today (DOCKET_TODAY, or --today)
"$DOCKET" person add cy --name "Cy Dee" --team data >/dev/null
"$DOCKET" person add dee --name "Dee Lone" >/dev/null
"$DOCKET" person add lee --name "Lee Park" --team risk >/dev/null
ok risk add --title "late within grace" --owner ana --likelihood 2 --impact 2 --due 2026-11-20 --blueprint BP-1
RW=$(echo "$OUT" | head -1)
ok risk add --title "late past grace" --owner ana --likelihood 2 --impact 2 --due 2026-11-10
RL=$(echo "$OUT" | head -1)
ok risk add --title "too big to accept" --owner ana --likelihood 5 --impact 4 --due 2026-12-31 --blueprint BP-1
RA=$(echo "$OUT" | head -1)
ok risk add --title "changed after acceptance" --owner ana --likelihood 1 --impact 2 --due 2026-12-31
RS=$(echo "$OUT" | head -1)
ok risk add --title "team without policy" --owner cy --likelihood 1 --impact 1 --due 2026-12-31
RP=$(echo "$OUT" | head -1)
ok risk add --title "owner without team" --owner dee --likelihood 1 --impact 1 --due 2026-12-31
RT=$(echo "$OUT" | head -1)
steps_for_all
ok --actor ana risk accept "$RA" --approver bo --expires 2026-12-31
ok --actor ana risk accept "$RS" --approver bo --expires 2026-11-30
ok risk update "$RS" --likelihood 2
ok import adr "$DOCKET_SOURCE_DIR/tests/cli/fixtures/adr-nygard"
printf 'ok\n' > bench.txt
ok evidence add --kind benchmark --title "a benchmark" --file bench.txt
EV=$(echo "$OUT" | head -1)
ok decision add --title "review me" --area serving --problem p --option "a" --chosen a \
	--rationale r --review-by 2026-11-01
D=$(echo "$OUT" | head -1)
ok decision link "$D" --evidence "$EV"
ok decision accept "$D"
status 1 check --format csv
has "^ESCALATE,risk-overdue,$RL,,\"?due 2026-11-10, 13 days overdue, past the 7 grace days of team ml-platform\"?,\"?escalate to bo; pass its steps"
has "^WARN,risk-overdue,$RW,BP-1,\"?due 2026-11-20, 3 days overdue, within the 7 grace days of team ml-platform\"?,"
has "^ESCALATE,risk-appetite,$RA,BP-1,\"accepted at score 20, above the appetite of team ml-platform \(9\)\",\"escalate to bo, then mitigate it"
has "^ESCALATE,acceptance-stale,$RS,,\"accepted on 2026-11-23, then changed"
has "^ESCALATE,risk-policy,$RP,,\"team data of its owner cy has no policy: no appetite, grace days or escalation judges it\",docket policy set data --appetite N"
has "^ESCALATE,risk-policy,$RT,,\"its owner dee has no team: no appetite, grace days or escalation judges it\",\"?give it an owner whose team has a policy: docket risk update $RT --owner HANDLE"
has "^ESCALATE,decision-evidence,D-[0-9]+,,accepted on 2024-01-15 without supporting evidence,\"?docket evidence add"
has "^WARN,decision-review,$D,,\"accepted, to be reviewed by 2026-11-01\","
hasnt "acceptance-expired"
# an acceptance past its end date
status 1 check --today 2026-12-05 --format csv
has "^ESCALATE,acceptance-expired,$RS,,\"?accepted until 2026-11-30, which has passed\"?,\"?re-accept it \(docket risk accept $RS --approver HANDLE\)"
# with a blueprint, only its decisions and the risks it left
status 1 check --blueprint BP-1 --format csv
has ",$RA,BP-1,"
has ",$RW,BP-1,"
hasnt ",$RL,|,$RP,|decision-evidence|decision-review"
before=$(dbhash)
status 1 check
eq "$(dbhash)" "$before" "check writes nothing"

# one rule-name scheme: what risk escalations finds, check finds under the same rule name
ok --format csv risk escalations
echo "$OUT" > escalations.csv
status 1 check --format csv
echo "$OUT" > check.csv
python3 - escalations.csv check.csv <<'PY' || fail "risk escalations and check name the same findings differently"
import csv, sys
esc = [(r["rule"], r["key"]) for r in csv.DictReader(open(sys.argv[1])) if r["key"].startswith("R-")]
chk = {(r["rule"], r["record"]) for r in csv.DictReader(open(sys.argv[2]))}
assert esc and all(e in chk for e in esc), [e for e in esc if e not in chk]
assert {r for r, _ in esc} <= {"risk-appetite", "risk-overdue", "acceptance-expired", "acceptance-stale",
                               "risk-verification", "risk-policy"}, esc
PY
CHECKS=$((CHECKS + 1))

# a table longer than 4096 rows is sized by its first rows and printed in
# chunks (check's memory at 1,000,000 risks): every finding, one header
if [ -z "${VALGRIND:-}" ]; then
	python3 - > many.csv <<'PY'
print("title,owner,likelihood,impact,due")
for i in range(4200):
    print("many %d,ana,1,1,2027-01-01" % i)
PY
	ok import risks many.csv
	status 1 check --format csv
	n=$(echo "$OUT" | tail -n +2 | wc -l)
	status 1 check
	eq "$(echo "$OUT" | wc -l)" "$((n + 1))" "the table has every finding the CSV has, and one header"
	eq "$(echo "$OUT" | grep -c '^SEVERITY  RULE')" 1 "one header"
	has "^ESCALATE +risk-verification +R-4[0-9]{3} +open with no verification step"
	eq "$(echo "$OUT" | tail -1 | cut -c1-8)" "WARN    " "the last chunk keeps the first chunk's widths"
fi

bad "there is no blueprint BP-9" check --blueprint BP-9
bad "'CTX-1' is a context key, not a blueprint key" check --blueprint CTX-1
bad "there is no blueprint BP-9" blueprint approve BP-9
done_
