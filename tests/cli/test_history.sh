#!/bin/bash
# risk show and decision show: the history section lists every field change
# from the audit trail, with who made it and when.
. "$(dirname "$0")/lib.sh"
seed
"$DOCKET" person add cy --name "Cy Ortiz" >/dev/null || fail "seed cy"
TS='20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{3}Z'

# --- a risk -------------------------------------------------------------------
ok risk add --title "Feature drift" --owner ana --likelihood 4 --impact 4 --due 2026-12-23
ok --actor bo risk update R-1 --title "Feature drift in the ranker"
ok --actor cy risk update R-1 --description "the features move" --category data --treatment avoid
ok risk update R-1 --impact 2 --owner bo --due 2027-01-15
ok risk show R-1
has "^[0-9]+ +$TS +tester +created +owner ana, due 2026-12-23, score 4x4=16$"
has "^[0-9]+ +$TS +bo +title +Feature drift +Feature drift in the ranker$"
has "^[0-9]+ +$TS +cy +description +the features move$"
has "^[0-9]+ +$TS +cy +category +ops +data$"
has "^[0-9]+ +$TS +cy +treatment +mitigate +avoid$"
has "^[0-9]+ +$TS +tester +owner +ana +bo$"
has "^[0-9]+ +$TS +tester +due +2026-12-23 +2027-01-15$"
has "^[0-9]+ +$TS +tester +score +4x4=16 +4x2=8$"
hasnt " (likelihood|impact|uuid|created_at|owner_id|due_on) "
has "due date moved 1 time$"
# one write, one sequence number: the three changes of the last update share it
eq "$(echo "$OUT" | grep -Ec '^[0-9]+ .* tester +(owner|due|score) ')" 3 "three changes in one update"
eq "$(echo "$OUT" | grep -E ' tester +(owner|due|score) ' | awk '{print $1}' | sort -u | wc -l)" 1 "one seq for one write"
ok --format json risk show R-1
has '"change": "title"'
has '"from": "Feature drift"'
has '"actor": "bo"'
ok --format csv risk show R-1
has ',bo,title,Feature drift,Feature drift in the ranker'

# an accepted risk shows the acceptance's fields, and taking it back
"$DOCKET" person add tester --name "Tess Ter" >/dev/null || fail "seed tester"
ok risk accept R-1 --approver cy --expires 2027-02-01 --reason "cheap to live with"
ok risk update R-1 --status open
ok risk show R-1
has "tester +status +open +accepted$"
has "tester +approved_by +cy$"
has "tester +accepted_until +2027-02-01$"
has "tester +accept_reason +cheap to live with$"
has "tester +status +accepted +open$"
hasnt "accepted_hash"

# --- a decision -------------------------------------------------------------
ok review add --on 2026-11-20 --attendees ana,bo
ok evidence add --kind benchmark --title "Load test" --uri https://ci.example.org/1
ok evidence add --kind incident --title "Outage" --uri https://status.example.org/2
ok decision add --title "Serve with KServe" --area serving --problem "p" --option KServe --chosen KServe \
	--rationale r
ok --actor bo decision link D-1 --evidence EV-1
ok decision link D-1 --evidence EV-2 --contradicts
ok decision unlink D-1 --evidence EV-2
ok --actor cy decision accept D-1 --review RV-1
ok decision show D-1
has "^history:"
has "^[0-9]+ +$TS +tester +created +status proposed, area serving$"
has "^[0-9]+ +$TS +bo +evidence +EV-1 supports$"
has "^[0-9]+ +$TS +tester +evidence +EV-2 contradicts$"
has "^[0-9]+ +$TS +tester +evidence +EV-2 contradicts +$"
has "^[0-9]+ +$TS +cy +status +proposed +accepted$"
has "^[0-9]+ +$TS +cy +decided_on +2026-11-23$"
has "^[0-9]+ +$TS +cy +review +RV-1$"
ok decision add --title "Serve with BentoML" --area serving --problem "p" --option BentoML --chosen BentoML \
	--rationale r
ok decision link D-2 --evidence EV-1
ok decision accept D-2
ok decision supersede D-1 --by D-2
ok decision show D-2
has "tester +supersedes +D-1$"
ok decision show D-1
has "tester +status +accepted +superseded$"
ok --format json decision show D-1
has '"history": \['

# the history follows the trail: an audit row never written is no history
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'risk' AND entity_id = 1")" 6 "six writes of R-1"
ok audit verify
done_
