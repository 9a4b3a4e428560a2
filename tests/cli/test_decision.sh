#!/bin/bash
# docket decision add | link | unlink | accept | reject | supersede | deprecate | list | show
. "$(dirname "$0")/lib.sh"
seed

ok context add recsys --owner ana --problem online
ok review add --on 2026-11-20 --attendees ana,bo
ok evidence add --kind benchmark --title "Registry load test" --uri https://ci.example.org/1
ok evidence add --kind incident --title "Outage 42" --uri https://status.example.org/42

ok decision add --title "Use MLflow as the model registry" --area packaging \
	--problem "Models are copied by hand between environments" \
	--option 'MLflow|pro: self-hosted|pro: free|con: ops burden' --option 'SageMaker registry|pro: managed' \
	--chosen MLflow --rationale "Cheapest at our scale" --driver "cost" --driver "audit trail" \
	--consequences "We run a tracking server" --confirmation "CI checks every model has a registry entry" \
	--makers ana,bo --consulted sre --informed product --review-by 2026-11-10 \
	--context CTX-1 --review RV-1 --tag registry --tag mlops
eq "$OUT" "D-1" "first key"
eq "$(sql "SELECT status || '|' || drivers || '|' || makers || '|' || tags FROM decision")" \
   'proposed|["cost","audit trail"]|["ana","bo"]|["registry","mlops"]' "stored fields"
eq "$(sql "SELECT name || ':' || chosen || ':' || pros || ':' || cons FROM decision_option ORDER BY id" | joined ' ')" \
   'MLflow:1:["self-hosted","free"]:["ops burden"] SageMaker registry:0:["managed"]:[]' "options with pros and cons"

# refusals of add
bad "--chosen 'Kubeflow' is not one of the options \('MLflow'\)" decision add --title t --area data --problem p --option MLflow --chosen Kubeflow --rationale r
bad "--makers 'carol' is not a known person" decision add --title t --area data --problem p --option A --chosen A --rationale r --makers ana,carol
bad "--area 'web' is not one of: data, training" decision add --title t --area web --problem p --option A --chosen A --rationale r
bad "--option is required" decision add --title t --area data --problem p --chosen A --rationale r
bad "'cheap' starts with neither 'pro:' nor 'con:'" decision add --title t --area data --problem p --option 'A|cheap' --chosen A --rationale r
bad "--option 'A' is given twice" decision add --title t --area data --problem p --option A --option A --chosen A --rationale r
bad "there is no context CTX-9" decision add --title t --area data --problem p --option A --chosen A --rationale r --context CTX-9
bad "there is no review RV-9" decision add --title t --area data --problem p --option A --chosen A --rationale r --review 9
bad "--review-by 'soon' is not a date" decision add --title t --area data --problem p --option A --chosen A --rationale r --review-by soon
bad "--tag 'Bad Tag' is not allowed" decision add --title t --area data --problem p --option A --chosen A --rationale r --tag 'Bad Tag'

# accept needs supporting evidence
bad "D-1 has no supporting evidence: link some with 'docket decision link D-1 --evidence EV-n' before accepting" decision accept D-1
ok decision link D-1 --evidence EV-2 --contradicts
bad "D-1 has no supporting evidence" decision accept D-1
ok decision link D-1 --evidence EV-1
bad "there is no evidence EV-9" decision link D-1 --evidence EV-9
bad "there is no decision D-9" decision link D-9 --evidence EV-1
bad "there is no review RV-5" decision accept D-1 --review RV-5
ok decision accept D-1 --review RV-1
eq "$(sql "SELECT review_id FROM decision WHERE id = 1")" "1" "accepted in the review"
eq "$(sql "SELECT status || ' ' || decided_on FROM decision WHERE id = 1")" "accepted 2026-11-23" "accepted today"
bad "D-1 is accepted and EV-1 is its only supporting evidence: link another before unlinking it" decision unlink D-1 --evidence EV-1
bad "EV-1 is its only supporting evidence: link another before marking it as contradicting" decision link D-1 --evidence EV-1 --contradicts
ok decision unlink D-1 --evidence EV-2
bad "EV-2 is not linked to D-1" decision unlink D-1 --evidence EV-2

# illegal transitions name the rule
bad "D-1 is accepted and cannot be accepted: the lifecycle is proposed -> accepted \| rejected; accepted -> superseded \| deprecated" decision accept D-1
bad "D-1 is accepted and cannot be rejected" decision reject D-1 --reason no
bad "--reason is required" decision reject D-1

ok decision add --title "Use a hosted registry" --area packaging --problem "MLflow costs us a person" \
	--option 'Vendor X|con: lock-in' --option MLflow --chosen 'Vendor X' --rationale "Ops time is dearer" --makers bo
eq "$OUT" "D-2" "second key"
bad "--by D-2 is proposed: only an accepted decision can supersede another" decision supersede D-1 --by D-2
ok decision link D-2 --evidence EV-2
ok decision accept D-2
bad "D-2 cannot supersede itself" decision supersede D-2 --by D-2
ok decision supersede D-1 --by D-2
eq "$(sql "SELECT id || ':' || status || ':' || coalesce('' || supersedes_id, '-') FROM decision ORDER BY id" | joined ' ')" \
   "1:superseded:- 2:accepted:1" "supersede changes both"
bad "D-1 is superseded and cannot be superseded" decision supersede D-1 --by D-2
bad "D-1 is superseded and cannot be deprecated" decision deprecate D-1 --reason old

ok decision add --title "Shadow deploy every model" --area serving --problem "risky rollouts" --option Shadow --chosen Shadow --rationale "safe"
ok decision reject D-3 --reason "too slow for the team"
eq "$(sql "SELECT status || '|' || status_reason FROM decision WHERE id = 3")" "rejected|too slow for the team" "rejected with reason"
bad "D-3 is rejected and cannot be accepted" decision accept D-3
ok decision deprecate D-2 --reason "moved to platform team's registry"
eq "$(sql "SELECT status FROM decision WHERE id = 2")" "deprecated" "deprecated"

ok decision show D-1
has 'title +Use MLflow as the model registry'
has 'drivers +cost, audit trail'
has 'chosen +MLflow'
has 'confirmation +CI checks every model'
has 'superseded_by +D-2'
has 'MLflow +1 +self-hosted, free +ops burden'
has 'EV-1 +benchmark +Registry load test +supports'
has 'D-1 +Use MLflow as the model registry +superseded +2026-11-23 +this'
has 'D-2 +Use a hosted registry +deprecated +2026-11-23 +later +D-1'
has '^risks:'
ok decision show 2 --format json
has '"supersedes": "D-1"'
has '"relation": "earlier"'
has '"risks": \[\]'
bad "there is no decision D-42" decision show D-42
bad "'EV-1' is a evidence item key, not a decision key" decision show EV-1

# list and its filters
ok decision list
has 'D-1 .*superseded'
has 'D-3 .*rejected'
ok decision list --status rejected
has 'D-3'
hasnt 'D-1'
ok decision list --area serving --format csv
eq "$(echo "$OUT" | wc -l)" "2" "one serving decision and a header"
ok decision list --tag mlops
has 'D-1'
hasnt 'D-2'
ok decision list --maker bo
has 'D-1'
has 'D-2'
hasnt 'D-3'
ok decision list --since 2026-11-24
eq "$OUT" "(none)" "nothing decided after today"
ok decision list --until today
has 'D-3'
ok decision list --search "person"
has 'D-2'
hasnt 'D-1'
ok decision list --search "ops burden"
has 'D-1'
hasnt 'D-2 '
ok decision list --search 'audit "trail'
has 'D-1'
ok decision list --search 'burden -'
has 'D-1'
bad "--search '  ' has no words" decision list --search "  "
bad "--search '- ; \\(' has no words" decision list --search "- ; ("
bad "--status 'open' is not one of" decision list --status open
bad "--since 'then' is not a date" decision list --since then
bad "--blueprint: 'BP-x' is not a blueprint key" decision list --blueprint BP-x

# review-overdue: accepted decisions past their review-by date
ok decision add --title "Nightly retraining" --area training --problem "labels arrive daily" --option Nightly --chosen Nightly --rationale "fresh" --review-by 2026-11-22
ok decision link D-4 --evidence EV-1
ok decision accept D-4
ok decision add --title "Drift alerts" --area monitoring --problem "silent drift" --option PSI --chosen PSI --rationale "simple" --review-by 2026-12-31
ok decision link D-5 --evidence EV-1
ok decision accept D-5
ok decision list --review-overdue
has 'D-4'
hasnt 'D-5'
hasnt 'D-1 '
ok --today 2027-01-01 decision list --review-overdue
has 'D-5'

done_
