#!/bin/bash
# docket review add | list | show
. "$(dirname "$0")/lib.sh"
seed

ok review add --on 2026-11-20 --attendees ana,bo --notes "Registry and serving choices"
eq "$OUT" "RV-1" "first key"
printf 'line one\nline two\n' > notes.md
ok review add --on yesterday --attendees bo --notes-file notes.md
eq "$(sql "SELECT held_on || '|' || notes FROM review WHERE id = 2")" "2026-11-22|line one
line two" "date words and notes file"
eq "$(sql "SELECT count(*) FROM review_attendee")" "3" "attendees recorded"

ok review list
has 'RV-2 +2026-11-22 +bo'
has 'RV-1 +2026-11-20 +ana, bo'

ok evidence add --kind benchmark --title "Registry load test" --uri https://ci.example.org/run/1
ok decision add --title "Use MLflow" --area packaging --problem "registry" --option MLflow --chosen MLflow --rationale "cheap" --review RV-1
ok decision link D-1 --evidence EV-1
ok review show RV-1
has 'attendees +ana, bo'
has 'D-1 +Use MLflow +packaging +proposed +MLflow'
has 'D-1 +EV-1 +benchmark +Registry load test +supports'
ok review show 2 --format json
has '"decisions": \[\]'

bad "--attendees 'carol' is not a known person" review add --on today --attendees ana,carol
bad "--on 'someday' is not a date" review add --on someday --attendees ana
bad "--notes and --notes-file are alternatives" review add --on today --attendees ana --notes x --notes-file notes.md
bad "--notes-file 'missing.md' cannot be read" review add --on today --attendees ana --notes-file missing.md
bad "there is no blueprint BP-4" review add --on today --attendees ana --blueprint BP-4
bad "--attendees is required" review add --on today
bad "there is no review RV-7" review show RV-7

done_
