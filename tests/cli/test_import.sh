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
eq "$(sql "SELECT adr_number || ':' || status || ':' || coalesce(decided_on, '-') || ':' || coalesce('' || supersedes_id, '-')
	FROM decision ORDER BY id" | joined ' ')" \
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
# Markdown is the source of truth: an edited file updates its decision, audited
cp -r "$FIX/adr-nygard" moved && sed -i 's/^Proposed$/Accepted/' moved/0004-retrain-nightly.md
audit=$(sql "SELECT count(*) FROM audit_log")
ok import adr moved
has 'D-4 +4 +0004-retrain-nightly.md +Retrain nightly +accepted +updated'
has 'D-1 .*unchanged'
eq "$(sql "SELECT status FROM decision WHERE id = 4")" "accepted" "the edit is applied"
eq "$(sql "SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM audit_log WHERE seq > $audit AND entity = 'decision' AND entity_id = 4")" \
	"1" "and audited"
before=$(dbhash)

# MADR files, with an area for records that name none; 0000 is a number too
ok import adr "$FIX/adr-madr" --area serving
has 'D-5 +0 +0000-use-markdown-architectural-decision-records.md .*accepted +added'
has 'D-6 +10 .*accepted +added'
has 'D-7 +11 .*rejected +added'
eq "$(sql "SELECT area || '|' || makers || '|' || consulted || '|' || drivers FROM decision WHERE adr_number = 10")" \
   'serving|["Ana Lima","bo"]|["sre"]|["latency","cost"]' "front matter and drivers"
eq "$(sql "SELECT name || ':' || chosen || ':' || pros || ':' || cons FROM decision_option WHERE decision_id = 6 ORDER BY id" | joined ' / ')" \
   'KServe:1:["scale to zero"]:["Knative is complex"] / Seldon Core:0:["mature"]:[] / Flask on VMs:0:[]:["no autoscaling"]' "options with pros and cons"
eq "$(sql "SELECT status_reason FROM decision WHERE adr_number = 11")" "too costly for the team" "status reason"
eq "$(sql "SELECT number || ':' || file FROM adr_source WHERE decision_id = 5")" "0:0000-use-markdown-architectural-decision-records.md" "ADR 0 kept by its file"
ok decision show D-3
has 'D-2 .*superseded .*earlier'
ok decision show ADR-3
has 'key +D-3'
ok decision list
has '^D-6 +10 +Serve models with KServe'
# imported accepted decisions without evidence are allowed
eq "$(sql "SELECT count(*) FROM decision d WHERE status = 'accepted' AND NOT EXISTS (SELECT 1 FROM decision_evidence WHERE decision_id = d.id)")" "5" "accepted without evidence"

# an empty directory imports nothing
mkdir empty
ok import adr empty
eq "$OUT" "(none)" "nothing to import"

# a file that cannot be read is refused with its line; the rest is imported (exit 1)
mkdir bad1 && printf '# 7. X\n\n## Status\n\nMaybe\n' > bad1/0007-x.md && cp "$FIX/adr-nygard/0004-retrain-nightly.md" bad1/0008-ok.md
sed -i 's/^# 4\./# 8./' bad1/0008-ok.md
status 1 import adr bad1
has '0007-x.md +.*refused +0007-x.md:5: status .Maybe. is not one docket knows'
has 'D-8 +8 +0008-ok.md .*added'
echo "$ERR" | grep -q "^0007-x.md:5: status 'Maybe'" || fail "the refusal on stderr: $ERR"
echo "$ERR" | grep -q "^docket: import adr: 1 of 2 ADR files was not imported" || fail "the summary on stderr: $ERR"
# --strict keeps all or nothing
mkdir bad1s && cp bad1/0007-x.md bad1s/ && printf '# 9. Y\n\n## Status\n\nProposed\n' > bad1s/0009-y.md
bad "1 of 2 ADR files refused \(--strict\): nothing was imported" import adr bad1s --strict
eq "$OUT" "" "nothing on stdout before the error"
mkdir bad2 && printf '# 8. Y\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nSupersedes [99. Z](0099-z.md)\n' > bad2/0018-y.md
status 1 import adr bad2 --format csv
has "0018-y.md:9: links to '0099-z.md', which is neither in the directory nor in the database"
# no date: the file's modification date, said on the row
mkdir bad3 && printf '# 9. Y\n\n## Status\n\nAccepted\n' > bad3/0019-y.md && touch -d 2024-03-05T12:00:00Z bad3/0019-y.md
ok import adr bad3
has "date 2024-03-05 from the file's modification time"
eq "$(sql "SELECT decided_on FROM decision d JOIN adr_source s ON s.decision_id = d.id WHERE s.file = '0019-y.md'")" "2024-03-05" "mtime date"
# two files with one number: both kept, each by its file
mkdir bad4 && cp "$FIX/adr-nygard/0004-retrain-nightly.md" bad4/0024-a.md && cp "$FIX/adr-nygard/0004-retrain-nightly.md" bad4/0024-b.md
ok import adr bad4
has '0024-a.md .*added'
has '0024-b.md .*added +ADR number 24 is another file.s too'
bad "ADR 24 is both D-" decision show ADR-24
bad "cannot read directory 'nowhere'" import adr nowhere
bad "--area 'web' is not one of" import adr "$FIX/adr-madr" --area web
before=$(dbhash)

# export: one MADR file per decision, into a directory it creates
ok decision export-md --dir out/madr
has 'D-1 +0001-record-architecture-decisions.md'
has 'D-6 +0010-serve-models-with-kserve.md'
eq "$(ls -A out/madr | wc -l)" "$(sql "SELECT count(*) FROM decision")" "a file a decision and no temporary ones"
grep -q '^status: superseded$' out/madr/0002-store-features-in-redis.md || fail "front matter status"
grep -q '^\* Superseded by \[3\. Store online features in Feast\](0003-store-online-features-in-feast.md)$' out/madr/0002-store-features-in-redis.md || fail "superseded-by link"
grep -q '^\* Supersedes \[2\. Store online features in Redis\](0002-store-features-in-redis.md)$' out/madr/0003-store-online-features-in-feast.md || fail "supersedes link"
grep -q '^decision-makers: Ana Lima, bo$' out/madr/0010-serve-models-with-kserve.md || fail "decision makers"
grep -q '^## Considered Options$' out/madr/0010-serve-models-with-kserve.md || fail "options section"
grep -q '^### Confirmation$' out/madr/0010-serve-models-with-kserve.md || fail "confirmation section"
mkdir one
ok decision export-md D-4 --dir one
eq "$(ls one)" "0004-retrain-nightly.md" "only the keys given"
ok decision export-md ADR-10 --dir one
eq "$(ls one | tr '\n' ' ')" "0004-retrain-nightly.md 0010-serve-models-with-kserve.md " "ADR-N keys"
touch afile
bad "'afile' is not a directory" decision export-md --dir afile
bad "there is no decision D-99" decision export-md D-1 D-99 --dir one
bad "--style 'pdf' is not one of: adr-tools, madr" decision export-md --dir one --style pdf

# round trip: export then import into a new database gives the same
# decisions, and the same options of each
fields="SELECT d.title, d.area, d.status, d.problem, d.drivers, d.rationale, d.consequences, d.confirmation,
  d.makers, d.consulted, d.informed, d.tags, d.decided_on, d.review_by, d.status_reason,
  (SELECT s.file FROM adr_source s WHERE s.decision_id = d.id), (SELECT s.file FROM adr_source s WHERE s.decision_id = d.supersedes_id)
  FROM decision d ORDER BY d.title, d.id"
options="SELECT d.title, o.name || ':' || o.chosen || ':' || o.pros || ':' || o.cons
  FROM decision d JOIN decision_option o ON o.decision_id = d.id ORDER BY d.title, d.id, o.ordinal, o.id"
# a native decision too, with every field
ok decision add --title "Pin every dependency" --area governance --problem "Builds drift
over time" --option 'pip-tools|pro: simple' --option 'Poetry|con: slow' --chosen pip-tools \
	--rationale "Smallest change" --driver reproducibility --consequences "A lock file per image" \
	--confirmation "CI fails on an unpinned requirement $(head -c 20000 /dev/zero | tr "\\0" c)" --makers ana --consulted "data team" --tag supply-chain --review-by 2027-06-30
native=$(sql "SELECT max(id) FROM decision")
eq "$(sql "SELECT CASE WHEN length(confirmation) > 20000 THEN 1 ELSE 0 END FROM decision WHERE id = $native")" "1" \
	"a line longer than any buffer"
ok evidence add --kind dryrun --title "Lock dry-run" --uri https://ci.example.org/9
ok decision link D-$native --evidence EV-1
ok decision accept D-$native
for style in madr adr-tools; do
	rm -rf out again
	SECOND=$(new_db second)
	ok decision export-md --dir out --style $style
	ok --db "$SECOND" init
	ok --db "$SECOND" import adr out
	# what the files say is what the database said; a native decision gets a file now
	eq "$(sql_db "$SECOND" "$fields" | sed 's/|00[0-9][0-9]-pin-every-dependency.md|/||/')" \
	   "$(sql "$fields")" "round trip keeps every field ($style)"
	eq "$(sql_db "$SECOND" "$options")" "$(sql "$options")" "round trip keeps every option ($style)"
	ok --db "$SECOND" decision export-md --dir again --style $style
	grep -q '^## docket record$' out/00*-pin-every-dependency.md || fail "evidence in its own section"
	grep -q 'Evidence dryrun EV-1 (supports): Lock dry-run' out/00*-pin-every-dependency.md || fail "evidence line"
	# the docket record section is written from the database exported, never read back
	for f in out/*.md; do
		python3 -c 'import sys; p = sys.argv[1]; s = open(p).read(); i = s.find("\n\n## docket record\n"); open(p, "w").write(s if i < 0 else s[:i + 1])' "$f"
	done
	diff -r out again > rt.diff || fail "export, import, export differs ($style): $(head -20 rt.diff)"
done

# typed links: kept as written, shown, walked by lineage, and in the CSV exports
mkdir linked
printf '# 31. Serve with Triton\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\nAmends [32. Batch on GPUs](0032-batch-on-gpus.md)\n\nRelates to [33. Cache](0033-cache.md)\n\n## Context\n\nGPU serving.\n' > linked/0031-serve-with-triton.md
printf '# 32. Batch on GPUs\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\nAmended by [31. Serve with Triton](0031-serve-with-triton.md)\n\n## Context\n\nBatch.\n' > linked/0032-batch-on-gpus.md
printf '# 33. Cache\n\n## Status\n\nProposed\n' > linked/0033-cache.md
ok import adr linked
a=$(sql "SELECT decision_id FROM adr_source WHERE file = '0031-serve-with-triton.md'")
b=$(sql "SELECT decision_id FROM adr_source WHERE file = '0032-batch-on-gpus.md'")
eq "$(sql "SELECT label || '>' || dst_id FROM decision_link WHERE src_id = $a ORDER BY ordinal" | joined ' ')" \
   "Amends>$b Relates to>$((b + 1))" "typed links in order, labels as written"
ok decision show ADR-31
has "from +Amends +D-$b +32 +Batch on GPUs"
has "to +Amended by +D-$b +32"
ok lineage D-$a --format csv
has "D-$b,.*amends"
ok export audit --out csvx
grep -q "^D-$a,Amends,D-$b,1," csvx/decision_links.csv || fail "decision_links.csv: $(cat csvx/decision_links.csv)"
grep -q "0031-serve-with-triton.md" csvx/adr_sources.csv || fail "adr_sources.csv"
THIRD=$(new_db third)
ok --db "$THIRD" init
ok --db "$THIRD" import decisions csvx/decisions.csv
eq "$(sql_db "$THIRD" "SELECT label FROM decision_link ORDER BY id" | joined)" \
   "$(sql "SELECT label FROM decision_link ORDER BY id" | joined)" "links re-import from decisions.csv"
ok decision graph
has "D$a -> D$b \[label=\"Amends\", weight=0\];"
hasnt "Amended by"
ok decision toc --prefix doc/adr/
has "^\* \[31\. Serve with Triton\]\(doc/adr/0031-serve-with-triton.md\)$"

done_
