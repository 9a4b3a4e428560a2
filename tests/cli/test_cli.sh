# The command line itself: help, version, formats, global options, exit codes.
. "$(dirname "$0")/lib.sh"
ok --version
has "^docket [0-9]+\.[0-9]+\.[0-9]+ \(schema [0-9]+"
ok help
has "person add"
has "context revise"
has "audit verify"
has "exit status"
ok help context
has "revise"
ok help context add
# the usage wraps at 80 columns: read it as one line
OUT=$(echo "$OUT" | sed -n '/^usage:/,/^$/p' | tr -s ' \n' '  ')
has "^usage: docket context add SYSTEM --owner HANDLE --problem TYPE .*\[--assumption TEXT\]\.\.\."
ok context add --help
has "--latency-p95-ms N"
ok person --help
has "subcommands:"
status 2
status 2 frobnicate
echo "$ERR" | grep -q "'frobnicate' is not a command" || fail "unknown command: $ERR"
status 2 person
status 2 help frobnicate

seed
# global options before or after the command, and from the environment
ok --db "$DOCKET_DB" --format csv person list
has "^handle,name"
ok person list --db="$DOCKET_DB" --format=json
has '^\[$'
DOCKET_DB="$T/other.db" "$DOCKET" init >/dev/null || fail "DOCKET_DB init"
[ -e "$T/other.db" ] || fail "DOCKET_DB was not used"
bad -- "--format 'xml' is not one of: table, md, csv, json" person list --format xml
bad -- "--today '2026-02-30' is not a date" --today 2026-02-30 person list
bad -- "--db needs a value" person list --db
bad -- "--actor '' is empty" --actor "" person add zed --name Zed

# CSV: RFC 4180 quoting and formula injection neutralised
ok person add eve --name '=HYPERLINK("http://x","click")' --team ml
ok person add fay --name '+1 "quoted", with comma' --team ml
ok person add gus --name '@SUM(A1)' --team ml
ok person add hal --name '-2+3' --team ml
ok person list --team ml --format csv
python3 - "$OUT" <<'PY' || fail "csv neutralisation"
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
names = {r["handle"]: r["name"] for r in rows}
assert names["eve"] == "'=HYPERLINK(\"http://x\",\"click\")", names["eve"]
assert names["fay"] == "'+1 \"quoted\", with comma", names["fay"]
assert names["gus"] == "'@SUM(A1)", names["gus"]
assert names["hal"] == "'-2+3", names["hal"]
PY
# numbers are not text: a negative number is not "neutralised"
ok context add neg --owner ana --problem batch --data-gb 0
ok context list --format csv
has ",0.0,"
# Markdown tables escape pipes
ok person add ivy --name 'a | b' --team ml
ok person list --team ml --format md
has '^\| handle \| name '
has 'a \\\| b'
# ... and HTML, which a Markdown renderer would pass through (issue 12)
ok person add xss --name '<script>alert("x")</script> & co' --team ml
ok person list --team ml --format md
has '\| &lt;script&gt;alert\("x"\)&lt;/script&gt; &amp; co \|'
hasnt '<script>'
ok risk add --title '<b>bold</b>' --owner ana --likelihood 1 --impact 1 --due 2026-12-01
ok risk show "$OUT" --format md
has '^- \*\*title\*\*: &lt;b&gt;bold&lt;/b&gt;$'
# a closed pipe is not silence
"$DOCKET" person list | head -0
done_
