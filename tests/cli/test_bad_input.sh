#!/bin/bash
# Bad input across the commands, as a table: every case exits 2, names what
# was wrong on stderr and leaves the database byte-for-byte unchanged (the
# `bad` helper checks all three). Cases by kind: dates, numbers out of
# range, unknown enumerations and keys, over-long text, control characters,
# invalid UTF-8, broken CSV (quoting, a NUL byte), catalogs with errors,
# blueprint files that do not parse.
. "$(dirname "$0")/lib.sh"
seed
ok policy set ml-platform --appetite 12 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to bo
ok context add ranker --owner ana --problem online --latency-p95-ms 120 --stack k8s
ok blueprint generate --context CTX-1
ok evidence add --kind benchmark --title "load test"
ok decision add --title "Serve with KServe" --area serving --problem p --option KServe --chosen KServe --rationale r
ok risk add --title "Drift" --owner ana --likelihood 3 --impact 4 --due 2026-12-31
ok risk step add R-1 --check "latency" --metric p95_latency_ms --op '<=' --threshold 120
n=$CHECKS

LONG=$(head -c 100000 /dev/zero | tr '\0' x)
CTRL=$(printf 'a\033[31mred')
BEL=$(printf 'ring\007')
BADUTF=$(printf 'caf\303')
OVERLONG=$(printf '\300\257etc')
RISK=(--owner ana --likelihood 1 --impact 1 --due 2026-12-01)

# dates
bad "--due '2026-13-01' is not a date" risk add --title T "${RISK[@]:0:6}" --due 2026-13-01
bad "--due '2026-02-29' is not a date" risk add --title T "${RISK[@]:0:6}" --due 2026-02-29
bad "--due '2026-1-5' is not a date" risk add --title T "${RISK[@]:0:6}" --due 2026-1-5
bad "--due '\+3x' is not a date" risk add --title T "${RISK[@]:0:6}" --due +3x
bad "--review-by 'yesterday-ish' is not a date" decision add --title t --area data --problem p --option A --chosen A --rationale r --review-by yesterday-ish
bad "--collected '20261201' is not a date" evidence add --kind metric --title t --collected 20261201
bad "--on '2026-11-31' is not a date" review add --on 2026-11-31 --attendees ana
bad "--as-of 'eoy' is not a date" risk overdue --as-of eoy
bad "--today '0000-00-00' is not a date" --today 0000-00-00 risk list
bad "--expires '2026-12-32' is not a date" risk accept R-1 --approver bo --expires 2026-12-32

# numbers out of range or not numbers
bad "--likelihood '0' is not a whole number from 1 to 5" risk add --title T --owner ana --likelihood 0 --impact 1 --due 2026-12-01
bad "--impact '6' is not a whole number from 1 to 5" risk add --title T --owner ana --likelihood 1 --impact 6 --due 2026-12-01
bad "--likelihood '2.5' is not a whole number" risk add --title T --owner ana --likelihood 2.5 --impact 1 --due 2026-12-01
bad "--likelihood '99999999999999999999' is not a whole number" risk add --title T --owner ana --likelihood 99999999999999999999 --impact 1 --due 2026-12-01
bad "--appetite '26' is not a whole number from 1 to 25" policy set ml-platform --appetite 26 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to bo
bad "--grace-days '-1'" policy set ml-platform --appetite 5 --grace-days -1 --acceptance-days 90 --default-due-days 30 --escalate-to bo
bad "--latency-p95-ms '3600001' is not a whole number from 1 to 3600000" context add x --owner ana --problem online --latency-p95-ms 3600001
bad "--throughput-rps 'nan' is not a number" context add x --owner ana --problem online --throughput-rps nan
bad "--data-gb 'inf' is not a number" context add x --owner ana --problem online --data-gb inf
bad "--threshold '1e999' is not a number" risk step add R-1 --check c --metric m --op '<' --threshold 1e999
bad "--value '0x10' is not a number" risk step record VS-1 --value 0x10
bad "--min-score '0' is not a whole number from 1 to 25" risk list --min-score 0
bad "--limit '-3' is not a whole number" audit log --limit -3
bad "--head '0:x' is not SEQ:HASH" audit verify --head 0:x
bad "--anchors and --pubkey go together" audit verify --anchors x
bad "--key 'missing.key': cannot read it" audit anchor --key missing.key --anchors kept.anchors
bad "--depth 'deep' is not a whole number" lineage R-1 --depth deep

# unknown enumerations
bad "--category 'people' is not one of: data, model, ops, security, compliance, cost" risk add --title T "${RISK[@]}" --category people
bad "--treatment 'ignore' is not one of" risk add --title T "${RISK[@]}" --treatment ignore
bad "--area 'web' is not one of: data, training" decision add --title t --area web --problem p --option A --chosen A --rationale r
bad "--kind 'rumour' is not one of" evidence add --kind rumour --title t
bad "--problem 'realtime' is not one of: batch, online, streaming" context add x --owner ana --problem realtime
bad "--format 'xml' is not one of: table, md, csv, json" risk list --format xml
bad "--status 'done' is not one of" risk list --status done
bad "--op '=>' is not one of: <=, <, >=, >, ==, !=" gate add --stage ST-1 --metric auc --op '=>' --threshold 1
bad "--seed-fixed 'maybe'" stage set ST-1 --seed-fixed maybe
bad "'frobnicate' is not a command" frobnicate
bad "unknown option '--colour'" risk list --colour

# unknown keys
bad "R-99 is not a known risk" risk show R-99
bad "there is no decision D-42" decision show D-42
bad "'EV-1' is a evidence item key, not a risk key|'EV-1' is an evidence item key, not a risk key" risk show EV-1
bad "'XYZ-3' is not" lineage XYZ-3
bad "--owner 'zed' is not a known person" risk add --title T --owner zed --likelihood 1 --impact 1 --due 2026-12-01
bad "there is no evidence EV-9" decision link D-1 --evidence EV-9
bad "there is no context CTX-9" blueprint generate --context CTX-9

# over-long text
bad "--title .*(long|at most|characters)" risk add --title "$LONG" "${RISK[@]}"
bad "--name .*(long|at most|characters)" person add zed --name "$LONG"
bad "--title .*(long|at most|characters)" decision add --title "$LONG" --area data --problem p --option A --chosen A --rationale r
bad "handle 'a+' is not allowed \\(1 to 32" person add "$(head -c 40 /dev/zero | tr '\0' a)" --name Long

# control characters
bad "--title 'a.\\[31mred' has a control character" risk add --title "$CTRL" "${RISK[@]}"
bad "--name 'ring.' has a control character" person add zed --name "$BEL"
bad "--summary 'a.\\[31mred' has a control character" evidence add --kind metric --title t --summary "$CTRL"
bad "--reason 'ring.' has a control character" risk close R-1 --reason "$BEL"

# invalid UTF-8
bad "--title is not (valid )?UTF-8" risk add --title "$BADUTF" "${RISK[@]}"
bad "--name is not (valid )?UTF-8" person add zed --name "$OVERLONG"
bad "--rationale is not (valid )?UTF-8" decision add --title t --area data --problem p --option A --chosen A --rationale "$BADUTF"

# broken CSV
printf 'handle,name,email,team\nzed,"Zed Z,z@example.org,ml\n' > quote.csv
bad "quote.csv:.*(unterminated|quote)" import people quote.csv
printf 'handle,name,email,team\nzed,Zed\000Z,z@example.org,ml\n' > nul.csv
bad "nul.csv:.*(NUL|null byte|not UTF-8)" import people nul.csv
printf 'handle,name,email,team\nzed,Zed "the" Z,z@example.org,ml\n' > stray.csv
bad "stray.csv:2: malformed CSV" import people stray.csv
printf 'handle,name,email,team\nzed,Zed,z@example.org,ml,extra\n' > wide.csv
bad "wide.csv:.*(cells|columns|fields)" import people wide.csv
printf 'handle,nom,email,team\nzed,Zed,z@example.org,ml\n' > header.csv
bad "header.csv:.*(column|nom)" import people header.csv
printf 'handle,name,email,team\nzed,Caf\303,z@example.org,ml\n' > utf.csv
bad "utf.csv:.*UTF-8" import people utf.csv
printf 'system,owner,problem\nx,ana,realtime\n' > ctx.csv
bad "ctx.csv:.*realtime" import contexts ctx.csv

# catalogs with a syntax error (--catalog DIR)
catalog() { rm -rf "$1" && cp -r "$DOCKET_SOURCE_DIR/share/catalog" "$1"; }
catalog cat1 && echo 'serving,extra,latncy_p95_ms < 3,a,b,c,,,,' >> cat1/components.csv
bad "cat1/components.csv:[0-9]+:.*unknown field 'latncy_p95_ms'" blueprint generate --context CTX-1 --catalog cat1
catalog cat2 && echo 'serving,extra,(problem == '"'"'online'"'"',a,b,c,,,,' >> cat2/components.csv
bad "cat2/components.csv:[0-9]+:.*'\(' is not closed" blueprint generate --context CTX-1 --catalog cat2
catalog cat3 && echo 'serving,extra,"true,a,b,c' >> cat3/components.csv
bad "cat3/components.csv:[0-9]+" blueprint generate --context CTX-1 --catalog cat3
catalog cat4 && printf 'serving,extra,%s true%s,a,b,c,,,,\n' "$(head -c 300 /dev/zero | tr '\0' '(')" "$(head -c 300 /dev/zero | tr '\0' ')')" >> cat4/components.csv
bad "cat4/components.csv:[0-9]+:.*nested more than 100 deep" blueprint generate --context CTX-1 --catalog cat4
catalog cat5 && echo 'train,true,auc,>=,problem' >> cat5/gates.csv
bad "cat5/gates.csv:[0-9]+:.*(number|numeric)" blueprint generate --context CTX-1 --catalog cat5

# blueprint files that do not parse
printf '{"components": [' > trunc.json
bad "trunc.json is not valid JSON" blueprint import trunc.json --context CTX-1
printf '{"stages":[{"name":"train","gates":[{"metric":"auc","op":"~","threshold":1}]}]}' > gate.json
bad "gate.json: stages\[0\]: a gate needs" blueprint import gate.json --context CTX-1
printf '{"stages":[{"name":"train","gates":[{"metric":"auc","op":">=","threshold":1e16}]}]}' > big.json
bad "big.json: stages\[0\]: a gate needs .* threshold within 1e15 either way" blueprint import big.json --context CTX-1
printf '## 4. Pipeline\n\n| # | Stage | Inputs | Outputs | Reproducibility | Gates |\n|---|---|---|---|---|---|\n| 1 | cook | a | b | | |\n' > stage.md
bad "stage.md.*'cook' is not one of" blueprint import stage.md --context CTX-1
sed 's/| | |$/| | `auc >= inf` |/; s/cook/train/' stage.md > inf.md
bad "inf.md.*'auc >= inf' is not a gate" blueprint import inf.md --context CTX-1
sed 's/inf/2e15/' inf.md > big.md
bad "big.md.*'auc >= 2e15' is not a gate .*within 1e\+15 either way" blueprint import big.md --context CTX-1

# four eyes: the actor is text like any other, and approving needs two known people
bad "--actor is not valid UTF-8" --actor "$BADUTF" person list
bad "--actor is not valid UTF-8" --actor "$OVERLONG" risk accept R-1 --approver bo
DOCKET_ACTOR=$(printf '\xff') bad "DOCKET_ACTOR is not valid UTF-8" person add cy --name Cy
DOCKET_ACTOR=$CTRL bad "DOCKET_ACTOR 'a\?\[31mred' has a control character" person add cy --name Cy
bad "--actor 'ring\?' has a control character" --actor "$BEL" person add cy --name Cy
bad "--actor .* is too long \(65 characters, at most 64\)" --actor "${LONG:0:65}" person add cy --name Cy
bad "--actor is blank" --actor ' ' person add cy --name Cy
bad "the acting person 'ghost' is not a known person" --actor ghost risk accept R-1 --approver bo
bad "the acting person 'Ana Lima' is not a known person" --actor 'Ana Lima' risk accept R-1 --approver bo
bad "--approver 'bo' is the person asking" --actor ' BO' risk accept R-1 --approver bo
bad "--approver 'ana' owns R-1" --actor bo risk accept R-1 --approver ANA
bad "--approver is not valid UTF-8" --actor bo risk accept R-1 --approver "$BADUTF"
bad "--login 'a b' has a space" person edit bo --login 'a b'
bad "--login 'ana' is already the handle of 'ana'" person edit bo --login ana
# red-team findings (issue 12)
# a date past 9999-12-31 or before 1900-01-01 is refused, not wrapped
bad "--due 'tomorrow' is out of range \(1900-01-01 to 9999-12-31\)" --today 9999-12-31 risk add --title T "${RISK[@]:0:6}" --due tomorrow
bad "--due '\+1w' is out of range" --today 9999-12-31 risk add --title T "${RISK[@]:0:6}" --due +1w
bad "--due 'eow' is out of range" --today 9999-12-31 risk add --title T "${RISK[@]:0:6}" --due eow
bad "--due 'yesterday' is out of range" --today 1900-01-01 risk add --title T "${RISK[@]:0:6}" --due yesterday
bad "--review-by '\+1d' is out of range" --today 9999-12-31 decision add --title t --area data --problem p --option A --chosen A --rationale r --review-by +1d
# a bidirectional control in one-line text is refused, named by its code point
RLO=$(printf 'invoice\342\200\256fdp.exe')
bad "--title 'invoice\?fdp.exe' has a bidirectional control character \(U\+202E\)" risk add --title "$RLO" "${RISK[@]}"
bad "--name 'a\?b' has a bidirectional control character \(U\+2066\)" person add zed --name "$(printf 'a\342\201\246b')"
bad "--team 'ml\\?' is not allowed" person add zed --name Zed --team "$(printf 'ml\342\200\217')"
bad "--title .*bidirectional control character \(U\+200F\)" decision add --title "$(printf 'x\342\200\217')" --area data --problem p --option A --chosen A --rationale r
bad "--option .*bidirectional control character \(U\+061C\)" decision add --title t --area data --problem p --option "$(printf 'A\330\234')" --chosen A --rationale r
# nothing on stdout before an error (quiet: bad, and stdout is empty)
quiet() { bad "$@"; eq "$OUT" "" "docket ${*:2}: stdout before its error"; }
quiet "--team 'BAD' is not allowed" report weekly --team BAD
quiet "--team 'BAD' is not allowed" report weekly --team BAD --format json
quiet "--team 'BAD' is not allowed" report weekly --team BAD --format html
quiet "--owner 'zed' is not a known person" risk list --owner zed
quiet "--owner 'zed' is not a known person" --format json risk list --owner zed
quiet "--area 'x' is not one of" decision list --area x
quiet "--area 'x' is not one of" decision list --area x --format md
quiet "--team 'BAD' is not allowed" risk list --team BAD --format csv

# a global option given twice is refused like a command option
quiet "^docket: --db is given twice" --db a.db --db b.db risk list
quiet "risk list: --db is given twice" --db a.db risk list --db=b.db
quiet "--actor is given twice" --actor ana risk list --actor bo
quiet "--today is given twice" --today 2026-01-01 --today 2026-01-02 risk list
quiet "--format is given twice" risk list --format json --format csv
quiet "--format is given twice" --format json report weekly --format md
# export audit --out: a symbolic link (even dangling) or an empty name is bad input
mkdir -p outdir && ln -s outdir outlink && ln -s nowhere outdangling
quiet "--out 'outlink' is a symbolic link" export audit --out outlink
quiet "--out 'outlink' is a symbolic link" export audit --out outlink/
quiet "--out 'outdangling' is a symbolic link" export audit --out outdangling
quiet "--out is empty" export audit --out ''
eq "$(ls outdir)$(ls -d outdangling.* outlink.* 2>/dev/null)" "" "a refused --out leaves nothing behind"
# arithmetic errors in a catalog's expressions are named, not "needs a context field"
catalog cat6 && echo 'validate,true,x_metric,<=,1/0' >> cat6/gates.csv
bad "cat6/gates.csv:[0-9]+:.*division by zero in '1/0'" blueprint generate --context CTX-1 --catalog cat6
status 1 catalog lint --catalog cat6
echo "$ERR" | grep -q "division by zero in '1/0'" || fail "catalog lint names the division by zero: $ERR"
catalog cat7 && echo 'validate,true,x_metric,<=,2 * (latency_p95_ms / (1 - 1))' >> cat7/gates.csv
bad "cat7/gates.csv:[0-9]+:.*division by zero in 'latency_p95_ms / \(1 - 1\)'" blueprint generate --context CTX-1 --catalog cat7
catalog cat8 && echo 'validate,true,x_metric,<=,1e300 * 1e300' >> cat8/gates.csv
bad "cat8/gates.csv:[0-9]+:.*'1e300 \* 1e300' overflows" blueprint generate --context CTX-1 --catalog cat8
# a FIFO named on the command line is read like a pipe, never waited for:
# one that nobody writes to reads as empty (the timeout turns a hang into
# a failure); an evidence artifact must be a regular file
mkfifo fifo.csv fifo.md
fifo_bad() {
	CHECKS=$((CHECKS + 1))
	timeout 30 "$DOCKET" "${@:2}" >/dev/null 2>&1 </dev/null
	[ $? -ne 124 ] || { fail "docket ${*:2} hangs on a FIFO"; return; }
	bad "$@"
}
fifo_bad "fifo.csv:1: the file is empty" import people fifo.csv
fifo_bad "fifo.csv:1: the file is empty" import decisions fifo.csv
fifo_bad "fifo.md: has no components" blueprint import fifo.md --context CTX-1
fifo_bad "fifo.csv: is empty" dryrun --blueprint BP-1 --metrics fifo.csv
fifo_bad "--notes-file .* is empty" review add --on 2026-11-01 --attendees ana --notes-file fifo.md
fifo_bad "'fifo.md' is not a regular file" evidence add --kind metric --title t --file fifo.md
fifo_bad "--catalog 'fifo.csv': Not a directory" blueprint generate --context CTX-1 --catalog fifo.csv
catalog catfifo && rm catfifo/gates.csv && mkfifo catfifo/gates.csv
fifo_bad "--catalog 'catfifo': gates.csv is not a regular file" blueprint generate --context CTX-1 --catalog catfifo
# ... and skipped with a note in a directory scan
mkdir adrfifo && mkfifo adrfifo/0001-pipe.md
before=$(dbhash)
CHECKS=$((CHECKS + 1))
OUT=$(timeout 30 "$DOCKET" import adr adrfifo 2>&1); RC=$?
[ "$RC" -eq 0 ] || fail "import adr of a directory holding a FIFO exited $RC: $OUT"
has '0001-pipe\.md +skipped +not a regular file'
eq "$(dbhash)" "$before" "a skipped FIFO writes nothing"

echo "bad inputs: $((CHECKS - n))"
done_
