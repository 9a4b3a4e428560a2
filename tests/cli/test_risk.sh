#!/bin/bash
# End-to-end: docket risk add | list | show | update | step | close | accept |
# overdue | escalations, their normal paths and every refusal.
. "$(dirname "$0")/lib.sh"

seed
"$DOCKET" person add lead --name "Lee Lead" --team ml-platform >/dev/null || fail "seed lead"
"$DOCKET" person add solo --name "Sam Solo" >/dev/null || fail "seed solo"

# --- add ----------------------------------------------------------------
bad "--due is required: team 'ml-platform' has no policy" risk add --title "Drift" --owner ana --likelihood 3 --impact 4
ok policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to lead
ok risk add --title "Feature drift goes unnoticed" --owner ana --likelihood 4 --impact 4 --category model \
	--description "No drift monitor on the feature store"
eq "$OUT" "R-1" "first risk key"
eq "$(sql "SELECT due_on || ' ' || score || ' ' || status || ' ' || treatment FROM risk WHERE id = 1")" \
	"2026-12-23 16 open mitigate" "default due from policy, score, defaults"
ok risk add --title "Label delay hides regressions" --owner bo --likelihood 2 --impact 3 --due 2026-11-01
ok risk add --title "GPU spend overruns" --owner solo --likelihood 3 --impact 3 --due +1d --category cost
eq "$(sql "SELECT due_on FROM risk WHERE id = 3")" "2026-11-24" "relative due date"

bad "--owner 'nobody' is not a known person" risk add --title T --owner nobody --likelihood 1 --impact 1 --due 2026-12-01
bad "--likelihood '6' is not a whole number from 1 to 5" risk add --title T --owner ana --likelihood 6 --impact 1 --due 2026-12-01
bad "--impact '0' is not a whole number from 1 to 5" risk add --title T --owner ana --likelihood 1 --impact 0 --due 2026-12-01
bad "--due '2026-13-01' is not a date \(YYYY-MM-DD" risk add --title T --owner ana --likelihood 1 --impact 1 --due 2026-13-01
bad "--category 'people' is not one of: data, model, ops, security, compliance, cost" risk add --title T --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --category people
bad "--treatment 'ignore' is not one of" risk add --title T --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --treatment ignore
bad "--decision D-9 is not a known decision" risk add --title T --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --decision D-9
bad "--blueprint: 'R-1' is a risk key, not a blueprint key" risk add --title T --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --blueprint R-1
bad "--title is required" risk add --owner ana --likelihood 1 --impact 1 --due 2026-12-01
bad "--title '' " risk add --title "" --owner ana --likelihood 1 --impact 1 --due 2026-12-01
bad "--due is required: the owner has no team" risk add --title T --owner solo --likelihood 1 --impact 1

# --- list -----------------------------------------------------------------
ok risk list
has "R-1 +Feature drift"
ok --format csv risk list --sort score
eq "$(echo "$OUT" | sed -n 2p | cut -d, -f1 | tr -d '"')" "R-1" "highest score first"
ok --format csv risk list --sort due
eq "$(echo "$OUT" | sed -n 2p | cut -d, -f1 | tr -d '"')" "R-2" "earliest due first"
ok risk list --owner bo
has "R-2"; hasnt "R-1"
ok risk list --team ml-platform --min-score 10
has "R-1"; hasnt "R-2"; hasnt "R-3"
ok risk list --category cost
has "R-3"; hasnt "R-1"
ok risk list --due-before 2026-11-30 --due-after 2026-11-01
has "R-3"; hasnt "R-2"; hasnt "R-1"
ok risk list --decision D-1
eq "$OUT" "(none)" "no risk left by D-1"
ok risk list --blueprint 7
eq "$OUT" "(none)" "no risk left by BP-7"
bad "--decision: 'R-1' is a risk key, not a decision key" risk list --decision R-1
bad "--min-score '30' is not a whole number from 1 to 25" risk list --min-score 30
bad "--sort 'title' is not one of: due, score, owner" risk list --sort title
bad "--status 'done' is not one of" risk list --status done
bad "--owner 'zed' is not a known person" risk list --owner zed
bad "--due-before 'soon' is not a date" risk list --due-before soon

# --- update and history ---------------------------------------------------
ok risk update R-1 --due 2027-01-15
ok risk update R-1 --due 2027-01-31 --owner bo
ok risk update R-1 --likelihood 3
ok risk update 1 --status mitigating
ok risk show R-1
has "^status +mitigating"
has "^owner +bo"
has "^score +12"
has "due +2026-12-23 +2027-01-15"
has "due +2027-01-15 +2027-01-31"
has "owner +ana +bo"
has "score +4x4=16 +3x4=12"
has "status +open +mitigating"
has "due date moved 2 times"
ok --format json risk show R-1
has '"due_moved": 2'
bad "nothing to change" risk update R-1
bad "--status 'accepted' is not one of: open, mitigating" risk update R-1 --status accepted
bad "--impact '9' is not a whole number from 1 to 5" risk update R-1 --impact 9
bad "R-99 is not a known risk" risk update R-99 --impact 2
bad "--owner 'zed' is not a known person" risk update R-1 --owner zed
bad "'VS-1' is a verification step key, not a risk key" risk update VS-1 --impact 2
bad "R-99 is not a known risk" risk show R-99

# --- steps ----------------------------------------------------------------
ok risk step add R-1 --check "p95 latency within budget" --metric p95_latency_ms --op '<=' --threshold 120 \
	--method "load test, 10 min at peak"
eq "$OUT" "VS-1" "step key"
ok risk step add R-1 --check "drift alert fires" --metric psi --op '>=' --threshold 0.2
bad "--op '=<' is not one of: <=, <, >=, >, ==, !=" risk step add R-1 --check c --metric m --op '=<' --threshold 1
bad "--threshold 'high' is not a number" risk step add R-1 --check c --metric m --op '<' --threshold high
bad "--metric 'p95-ms' is not a metric name" risk step add R-1 --check c --metric p95-ms --op '<' --threshold 1
bad "--check is required" risk step add R-1 --metric m --op '<' --threshold 1
bad "--value does not apply to 'risk step add'" risk step add R-1 --check c --metric m --op '<' --threshold 1 --value 3
bad "R-42 is not a known risk" risk step add R-42 --check c --metric m --op '<' --threshold 1
bad "'finish' is not a step action" risk step finish VS-1
# the action takes a unique prefix and gets the nearest one, as a subcommand does
bad "^docket: risk step: 'shwo' is not a step action \(add, record or show\); did you mean 'show'\?$" \
	risk step shwo VS-1
bad "--value does not apply to 'risk step show'" risk step sh VS-1 --value 3
ok risk step sh VS-1
has "^key +VS-1$"

ok risk step record VS-1 --value 130
eq "$OUT" "VS-1 recorded 130: fail" "130 > 120 fails"
bad "R-1 cannot be closed: VS-1 \(p95_latency_ms <= 120\) failed with 130; VS-2 \(psi >= 0.2\) is pending" risk close R-1 --reason "done"
ok risk step record VS-1 --value 118
eq "$OUT" "VS-1 recorded 118: pass" "118 <= 120 passes"
ok risk step record VS-2 --value 0.25
eq "$OUT" "VS-2 recorded 0.25: pass" "0.25 >= 0.2 passes"
bad "--value 'fast' is not a number" risk step record VS-1 --value fast
bad "--evidence EV-3 is not a known evidence item" risk step record VS-1 --value 100 --evidence EV-3
bad "--check does not apply to 'risk step record'" risk step record VS-1 --value 100 --check c
bad "VS-9 is not a known verification step" risk step record VS-9 --value 1
bad "add RISK\|record STEP\|show STEP is required" risk step record
ok risk step show VS-1
has "^result +pass"
has "^records +2"
has "130 +fail"
has "118 +pass"
eq "$(sql "SELECT count(*) FROM verification_result")" "3" "every record kept"

# --- close ----------------------------------------------------------------
bad "R-2 cannot be closed: it has no verification step" risk close R-2 --reason "gone"
bad "--reason is required" risk close R-1
ok risk close R-1 --reason "monitor live, load test passed"
eq "$(sql "SELECT status || ' ' || closed_on FROM risk WHERE id = 1")" "closed 2026-11-23" "closed"
bad "R-1 is already closed" risk close R-1 --reason again
bad "R-1 is closed; a closed risk is not changed" risk update R-1 --impact 1
bad "R-1 is closed; steps cannot be added" risk step add R-1 --check c --metric m --op '<' --threshold 1
bad "R-1 is closed; its steps are not recorded" risk step record VS-1 --value 1

# --- accept ---------------------------------------------------------------
"$DOCKET" person add tester --name "Test Runner" --team ml-platform >/dev/null
bad "--approver 'tester' is the person asking \(the actor is 'tester'\); an acceptance needs a second person" risk accept R-2 --approver tester --expires 2026-12-31
bad "--approver 'nobody' is not a known person" risk accept R-2 --approver nobody
bad "--expires '2026-11-01' is in the past" risk accept R-2 --approver lead --expires 2026-11-01
bad "--expires 'someday' is not a date" risk accept R-2 --approver lead --expires someday
bad "--expires is required: the owner has no team" risk accept R-3 --approver lead
bad "R-1 is closed; there is nothing to accept" risk accept R-1 --approver lead
ok risk accept R-2 --approver lead --reason "labels arrive in 30 days; accepted until the backfill"
eq "$(sql "SELECT status || ' ' || accepted_until || ' ' || asked_by || ' ' || length(accepted_hash) FROM risk WHERE id = 2")" \
	"accepted 2027-02-21 tester 64" "acceptance with the policy's lifetime"
ok risk show R-2
has "^state +valid"
has "^approved_by +lead"

# --- overdue --------------------------------------------------------------
ok risk overdue
eq "$OUT" "(none)" "accepted and future risks are not overdue"
status 0 risk overdue --exit-code
ok risk overdue --as-of 2026-11-24
eq "$OUT" "(none)" "due 2026-11-24 is not overdue on 2026-11-24"
status 1 risk overdue --as-of 2026-11-25 --exit-code
has "R-3 +GPU spend overruns +solo +2026-11-24 +1 +9"
eq "$ERR" "" "--exit-code prints nothing on stderr"
ok risk update R-2 --likelihood 3
ok risk overdue
has "R-2 .*acceptance stale"
ok risk show R-2
has "^state +stale"
ok risk overdue --as-of 2027-02-22
has "R-2 .*acceptance expired 2027-02-21"
ok risk overdue --as-of 2027-02-22 --owner solo
has "R-3"; hasnt "R-2"
ok risk overdue --as-of 2027-02-22 --team ml-platform
has "R-2"; hasnt "R-3"
ok --format json risk overdue --as-of 2026-11-25
has '"days_overdue": 1'
has '"steps_pending": 0'
bad "--as-of 'next' is not a date" risk overdue --as-of next
bad "--owner 'zed' is not a known person" risk overdue --owner zed

# --- escalations ----------------------------------------------------------
ok risk escalations
has "R-2 .*acceptance-stale .*approved by lead on 2026-11-23"
has "R-3 .*risk-verification"
has "owner solo .*risk-policy .*owner 'solo' has no team"
ok risk update R-2 --likelihood 2
ok risk update R-2 --impact 5
ok risk escalations
has "R-2 .*risk-appetite .*score 10 > appetite 9 .*lead"
ok risk add --title "Schema change breaks ingest" --owner bo --likelihood 2 --impact 2 --due 2026-11-10
ok risk step add R-4 --check "contract test" --metric failures --op '==' --threshold 0
ok risk escalations --team ml-platform
has "R-4 .*risk-overdue .*due 2026-11-10, 13 days overdue > grace 7 days .*lead"
hasnt "solo"
ok risk escalations --as-of 2026-11-17 --team ml-platform
hasnt "risk-overdue"
status 1 risk escalations --exit-code
status 0 risk escalations --team data-science --exit-code
bad "--team 'ML'" risk escalations --team ML
bad "unknown option '--owner'" risk escalations --owner ana

# --- withdrawing an acceptance ---------------------------------------------
ok risk update R-2 --status mitigating
eq "$(sql "SELECT status || ' ' || coalesce('' || approved_by, '-') || ' ' || coalesce(accepted_hash, '-') FROM risk WHERE id = 2")" \
	"mitigating - -" "acceptance withdrawn"
ok risk escalations
hasnt "risk-appetite"
ok risk show R-2
has "status +accepted +mitigating"

# --- audit trail is intact after all this ---------------------------------
ok audit verify

done_
