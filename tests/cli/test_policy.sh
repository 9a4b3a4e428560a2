#!/bin/bash
# End-to-end: docket policy set | list, and every refusal.
. "$(dirname "$0")/lib.sh"

seed
ok policy list
eq "$OUT" "(none)" "no policy yet"
ok policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to ana
eq "$OUT" "ml-platform" "set prints the team"
ok policy list
has "ml-platform +9 +7 +90 +30 +ana +2 +0"
# setting it again replaces it, and the trail keeps both
ok policy set ml-platform --appetite 12 --grace-days 0 --acceptance-days 30 --default-due-days 14 --escalate-to bo
ok --format json policy list
has '"appetite": 12'
has '"escalate_to": "bo"'
eq "$(sql "SELECT count(*) FROM policy")" "1" "one policy per team"
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'policy'")" "2" "insert and update audited"

bad "--appetite '26' is not a whole number from 1 to 25" policy set ml-platform --appetite 26 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to ana
bad "--appetite '0' is not a whole number from 1 to 25" policy set ml-platform --appetite 0 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to ana
bad "--grace-days '-1' is not a whole number from 0 to 365" policy set ml-platform --appetite 5 --grace-days -1 --acceptance-days 90 --default-due-days 30 --escalate-to ana
bad "--acceptance-days '0' is not a whole number from 1 to 3650" policy set ml-platform --appetite 5 --grace-days 1 --acceptance-days 0 --default-due-days 30 --escalate-to ana
bad "--default-due-days 'x' is not a whole number" policy set ml-platform --appetite 5 --grace-days 1 --acceptance-days 9 --default-due-days x --escalate-to ana
bad "--escalate-to 'nobody' is not a known person" policy set ml-platform --appetite 5 --grace-days 1 --acceptance-days 9 --default-due-days 9 --escalate-to nobody
bad "--escalate-to is required" policy set ml-platform --appetite 5 --grace-days 1 --acceptance-days 9 --default-due-days 9
bad "team 'ML Platform'" policy set "ML Platform" --appetite 5 --grace-days 1 --acceptance-days 9 --default-due-days 9 --escalate-to ana
bad "TEAM is required" policy set --appetite 5 --grace-days 1 --acceptance-days 9 --default-due-days 9 --escalate-to ana

done_
