#!/bin/bash
# docket import adr DIR, docket decision export-md, and the round trip between them
. "$(dirname "$0")/lib.sh"
FIX="$DOCKET_SOURCE_DIR/tests/cli/fixtures"
seed

# adr-tools (Nygard) files
ok import adr "$FIX/adr-nygard"
has 'D-1 +1 +0001-record-architecture-decisions.md .*accepted +added'
has 'D-2 +2 .*superseded +added'
has 'D-4 +4 .*proposed +added'
eq "$(sql "SELECT group_concat(adr_number || ':' || status || ':' || coalesce(decided_on, '-') || ':' || coalesce(supersedes_id, '-'), ' ') FROM decision")" \
   "1:accepted:2024-01-15:- 2:superseded:2024-02-01:- 3:accepted:2024-06-10:2 4:proposed:2024-07-01:-" \
   "numbers, statuses, dates and supersession kept"
eq "$(sql "SELECT problem || '|' || rationale || '|' || consequences || '|' || area FROM decision WHERE id = 3")" \
   "Features drifted between training and serving.|We will use Feast with Redis as its online store.|One more service to run.|governance" \
   "sections become fields"
before=$(dbhash)
ok import adr "$FIX/adr-nygard"
has 'unchanged'
hasnt 'added'
eq "$(dbhash)" "$before" "importing twice adds and changes nothing"
# a file that moved on is reported, not applied: the database is the record
cp -r "$FIX/adr-nygard" moved && sed -i 's/^Proposed$/Accepted/' moved/0004-retrain-nightly.md
ok import adr moved
has 'D-4 +4 +0004-retrain-nightly.md +Retrain nightly +accepted +kept \(the database says proposed\)'
eq "$(dbhash)" "$before" "a changed file changes nothing"

# MADR files, with an area for records that name none
ok import adr "$FIX/adr-madr" --area serving
has 'D-5 +10 .*accepted +added'
has 'D-6 +11 .*rejected +added'
has '0 +0000-use-markdown-architectural-decision-records.md +skipped \(ADR numbers start at 1\)'
eq "$(sql "SELECT area || '|' || makers || '|' || consulted || '|' || drivers FROM decision WHERE adr_number = 10")" \
   'serving|["Ana Lima","bo"]|["sre"]|["latency","cost"]' "front matter and drivers"
eq "$(sql "SELECT group_concat(name || ':' || chosen || ':' || pros || ':' || cons, ' / ') FROM decision_option WHERE decision_id = 5")" \
   'KServe:1:["scale to zero"]:["Knative is complex"] / Seldon Core:0:["mature"]:[] / Flask on VMs:0:[]:["no autoscaling"]' "options with pros and cons"
eq "$(sql "SELECT status_reason FROM decision WHERE adr_number = 11")" "too costly for the team" "status reason"
ok decision show D-3
has 'D-2 .*superseded .*earlier'
# imported accepted decisions without evidence are allowed
eq "$(sql "SELECT count(*) FROM decision d WHERE status = 'accepted' AND NOT EXISTS (SELECT 1 FROM decision_evidence WHERE decision_id = d.id)")" "3" "accepted without evidence"

# an empty directory imports nothing
mkdir empty
ok import adr empty
eq "$OUT" "(none)" "nothing to import"

# refusals: nothing written
mkdir bad1 && printf '# 7. X\n\n## Status\n\nAmended\n' > bad1/0007-x.md
bad "0007-x.md: line 5: status 'amended' is not one of" import adr bad1
mkdir bad2 && printf '# 8. Y\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nSupersedes [99. Z](0099-z.md)\n' > bad2/0008-y.md
bad "0008-y.md: links to ADR 99, which is neither in the directory nor in the database" import adr bad2
mkdir bad3 && printf '# 9. Y\n\n## Status\n\nAccepted\n' > bad3/0009-y.md
bad "0009-y.md: a decision that is accepted needs the date it was decided on" import adr bad3
mkdir bad4 && cp "$FIX/adr-nygard/0004-retrain-nightly.md" bad4/0004-a.md && cp "$FIX/adr-nygard/0004-retrain-nightly.md" bad4/0004-b.md
bad "0004-a.md and 0004-b.md both have ADR number 4" import adr bad4
bad "cannot read directory 'nowhere'" import adr nowhere
bad "--area 'web' is not one of" import adr "$FIX/adr-madr" --area web

# export: one MADR file per decision
mkdir out
ok decision export-md --dir out
has 'D-1 +0001-record-architecture-decisions.md'
has 'D-5 +0010-serve-models-with-kserve.md'
eq "$(ls -A out | wc -l)" "6" "six files and no temporary ones"
grep -q '^status: superseded$' out/0002-store-online-features-in-redis.md || fail "front matter status"
grep -q '^\* Superseded by \[ADR-0003\](0003-store-online-features-in-feast.md)$' out/0002-store-online-features-in-redis.md || fail "superseded-by link"
grep -q '^\* Supersedes \[ADR-0002\](0002-store-online-features-in-redis.md)$' out/0003-store-online-features-in-feast.md || fail "supersedes link"
grep -q '^decision-makers: Ana Lima, bo$' out/0010-serve-models-with-kserve.md || fail "decision makers"
grep -q '^## Considered Options$' out/0010-serve-models-with-kserve.md || fail "options section"
grep -q '^### Confirmation$' out/0010-serve-models-with-kserve.md || fail "confirmation section"
mkdir one
ok decision export-md D-4 --dir one
eq "$(ls one)" "0004-retrain-nightly.md" "only the keys given"
bad "--dir 'missing' is not a directory" decision export-md --dir missing
bad "there is no decision D-99" decision export-md D-1 D-99 --dir one

# round trip: export then import into a new database gives the same decisions
fields="SELECT d.title, d.area, d.status, d.problem, d.drivers, d.rationale, d.consequences, d.confirmation,
  d.makers, d.consulted, d.informed, d.tags, d.decided_on, d.review_by, d.status_reason,
  coalesce(d.adr_number, d.id), (SELECT coalesce(o.adr_number, o.id) FROM decision o WHERE o.id = d.supersedes_id),
  (SELECT group_concat(name || ':' || chosen || ':' || pros || ':' || cons, '/') FROM decision_option WHERE decision_id = d.id)
  FROM decision d ORDER BY coalesce(d.adr_number, d.id)"
# a native decision too, with every field
ok decision add --title "Pin every dependency" --area governance --problem "Builds drift
over time" --option 'pip-tools|pro: simple' --option 'Poetry|con: slow' --chosen pip-tools \
	--rationale "Smallest change" --driver reproducibility --consequences "A lock file per image" \
	--confirmation "CI fails on an unpinned requirement $(head -c 20000 /dev/zero | tr "\\0" c)" --makers ana --consulted "data team" --tag supply-chain --review-by 2027-06-30
eq "$(sql "SELECT length(confirmation) > 20000 FROM decision WHERE id = 7")" "1" "a line longer than any buffer"
ok evidence add --kind dryrun --title "Lock dry-run" --uri https://ci.example.org/9
ok decision link D-7 --evidence EV-1
ok decision accept D-7
rm -rf out && mkdir out
ok decision export-md --dir out
ok --db "$T/second.db" init
ok --db "$T/second.db" import adr out
eq "$("$SQLITE3" "$T/second.db" "$fields")" "$(sql "$fields")" "round trip keeps every field"

done_
