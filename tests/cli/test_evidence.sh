#!/bin/bash
# docket evidence add | list | show | check
. "$(dirname "$0")/lib.sh"
seed

printf 'p95_latency_ms 112\n' > bench.txt
ok evidence add --kind benchmark --title "Latency benchmark" --file bench.txt --summary "p95 112 ms" --collected 2026-11-20
eq "$OUT" "EV-1" "first key"
eq "$(sql "SELECT sha256 || ' ' || size_bytes || ' ' || uri FROM evidence WHERE id = 1")" \
   "$(sha256sum bench.txt | cut -d' ' -f1) 19 $T/bench.txt" "hash, size and path recorded"
ok evidence add --kind link --title "Vendor docs" --uri https://example.org/docs
eq "$(sql "SELECT collected_on || ' ' || CASE WHEN sha256 IS NULL THEN 1 ELSE 0 END FROM evidence WHERE id = 2")" "2026-11-23 1" \
	"collected defaults to today"

ok evidence list
has 'EV-1 +benchmark +Latency benchmark +2026-11-20'
has 'EV-2 +link'
ok evidence list --kind link --format csv
has '^key,kind,title'
hasnt 'EV-1'
ok evidence show EV-1 --format json
has '"sha256": "[0-9a-f]{64}"'
has '"decisions": \[\]'

ok evidence check EV-1
has 'result +match'
printf 'p95_latency_ms 250\n' > bench.txt
status 1 evidence check 1
has 'result +changed'
echo "$ERR" | grep -q 'EV-1: the artifact no longer matches its recorded hash' || fail "changed message: $ERR"
printf 'p95_latency_ms 112\n' > copy.txt
ok evidence check EV-1 --file copy.txt
has 'result +match'
rm bench.txt
status 1 evidence check EV-1
has 'result +missing'

# a file kept elsewhere: the uri is not a local path, so check needs the copy
printf 'run 7\n' > run.json
ok evidence add --kind experiment --title "Run 7" --uri s3://bucket/run.json --file run.json
eq "$(sql "SELECT uri FROM evidence WHERE id = 3")" "s3://bucket/run.json" "the uri given is kept"
bad "EV-3's uri is not a local file: give the copy to check with --file PATH" evidence check EV-3
ok evidence check EV-3 --file run.json
has 'result +match'

# refusals: exit 2, message, database unchanged
bad "--kind 'rumour' is not one of: benchmark, metric" evidence add --kind rumour --title x
bad "--title is required" evidence add --kind link
bad "--file: cannot read 'nope.txt'" evidence add --kind document --title x --file nope.txt
bad "--file: '/dev/zero' is not a regular file" evidence add --kind document --title x --file /dev/zero
mkfifo pipe && bad "--file: 'pipe' is not a regular file" evidence add --kind document --title x --file pipe
bad "--collected '2026-13-01' is not a date" evidence add --kind link --title x --collected 2026-13-01
bad "--title '' is empty" evidence add --kind link --title ""
bad "there is no evidence EV-9" evidence show EV-9
bad "EV-2 has no recorded hash" evidence check EV-2
bad "'R-1' is a risk key, not a evidence key" evidence show R-1
bad "--kind 'x' is not one of" evidence list --kind x

done_
