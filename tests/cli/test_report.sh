#!/bin/bash
# End-to-end: docket report weekly as Markdown, JSON and HTML; the HTML is
# rendered by headless Chromium and the picture checked for content.
. "$(dirname "$0")/lib.sh"

seed
"$DOCKET" person add lead --name "Lee Lead" --team ml-platform >/dev/null || fail "seed lead"
"$DOCKET" person add cy --name "Cy Data" --team data >/dev/null || fail "seed cy"
run() { "$DOCKET" "$@" >/dev/null || fail "setup: docket $*"; }
run policy set ml-platform --appetite 9 --grace-days 3 --acceptance-days 60 --default-due-days 30 --escalate-to lead
run risk add --title "Feature drift goes unnoticed" --owner ana --likelihood 4 --impact 4 --due 2026-11-10 --category model
run risk add --title "Label delay hides regressions" --owner bo --likelihood 3 --impact 3 --due 2026-11-21
run risk add --title "GPU spend overruns budget" --owner ana --likelihood 2 --impact 4 --due 2026-11-27 --category cost
run risk add --title "PII in training logs" --owner cy --likelihood 2 --impact 5 --due 2026-11-27 --category security
run risk add --title "Rollback untested" --owner bo --likelihood 1 --impact 2 --due 2026-12-01
run risk step add R-5 --check "rollback drill" --metric rollback_minutes --op '<=' --threshold 15
run risk step record VS-1 --value 9
run risk close R-5 --reason "drill passed"
run risk step add R-2 --check "label lag" --metric label_lag_days --op '<=' --threshold 7
run --actor ana risk accept R-3 --approver lead --expires 2026-12-31 --reason "budget alert in place"

# --- Markdown ---------------------------------------------------------------
ok report weekly
has "^# Weekly risk report"
has "^Week 2026-11-17 to 2026-11-23 \(as of 2026-11-23\)"
has "^## Headline"
# labelled as the HTML labels them: "open" counts every risk not closed
has "^\| Open \(incl\. mitigating, accepted\) \| 4 \| 0 \| \+4 \|"
has "^\| New this week \| 5 \| 0 \| \+5 \|"
has "^\| Closed this week \| 1 \| 0 \| \+1 \|"
has "^\| Overdue \| 2 \| 0 \| \+2 \|"
has "^\| Escalations \| 4 \| 0 \| \+4 \|"
has "^## Overdue risks by owner"
has "^\| ana \| ml-platform \| 1 \| 13 \| 16 \| R-1 \|"
has "^\| bo \| ml-platform \| 1 \| 2 \| 9 \| R-2 \|"
has "^## Due in the next 7 days"
has "^\| R-4 \| PII in training logs \| cy \| 2026-11-27 \| 10 \| 0 \|"
hasnt "^\| R-3 "
has "^## Escalations"
# the rule names of docket check
has "R-1 .*risk-overdue .*13 days overdue &gt; grace 3 days"
has "team data .*risk-policy"
has "R-4 .*risk-verification"
hasnt "overdue_past_grace|no_policy|no_verification_step"
# nothing is cut at the default limit of 20
hasnt "more \("
has "^## Risks closed this week"
has "^\| R-5 \| Rollback untested \| bo \| 2026-11-23 \| drill passed \|"
has "^## Decisions taken this week"
has "^## Decisions past their review-by date"
has "^## Heat map of open risks"
# open and mitigating only (R-3 is accepted, R-5 closed): 4x4, 3x3, 2x5
has "^\| 4 \| 0 \| 0 \| 0 \| 1 \| 0 \|"
has "^\| 3 \| 0 \| 0 \| 1 \| 0 \| 0 \|"
has "^\| 2 \| 0 \| 0 \| 0 \| 0 \| 1 \|"
has "^\| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \|"

# the week before: nothing existed yet (created_at is after 2026-11-16),
# and the team filter keeps to one team
ok report weekly --team data
has "^# Weekly risk report: data"
has "^\| Open \(incl\. mitigating, accepted\) \| 1 \|"
hasnt "R-1"
ok report weekly --as-of 2026-11-30
has "^\| Overdue \| 3 \|"
has "^\| Closed this week \| 0 \| 1 \| -1 \|"

# --- --limit: each listed section shows at most N rows, then says how many
# more and which command lists them all ----------------------------------------
ok report weekly --limit 1
has "^\| R-1 \| Feature drift goes unnoticed \| .*risk-overdue"
hasnt "^\| R-4 .*risk-verification"
has '^and 3 more \(`docket risk escalations --as-of 2026-11-23`\)$'
has '^and 1 more \(`docket report weekly --as-of 2026-11-23 --section overdue_by_owner --limit 0`\)$'
# R-4 alone is due in the next 7 days
hasnt 'section due_soon'
# the headline counts every row, whatever the limit
has "^\| Escalations \| 4 \| 0 \| \+4 \|"
# the command named lists the rest: the row shown and the N more
ok --format csv risk escalations --as-of 2026-11-23
eq "$(echo "$OUT" | tail -n +2 | wc -l)" 4 "risk escalations lists the shown row and the 3 more"
ok report weekly --as-of 2026-11-23 --section overdue_by_owner --limit 0
has "^## Overdue risks by owner"
hasnt "^## Headline"
eq "$(echo "$OUT" | grep -cE '^\| (ana|bo) \|')" 2 "--section overdue_by_owner --limit 0 lists both owners"
hasnt "more \("
# 0: every row, and no "more" line
ok report weekly --limit 0
hasnt "more \("
has "^\| R-4 .*risk-verification"
ok report weekly --limit 1 --team data
has "^# Weekly risk report: data"
has '^and 1 more \(`docket risk escalations --as-of 2026-11-23 --team data`\)$'
ok --format csv risk escalations --as-of 2026-11-23 --team data
eq "$(echo "$OUT" | tail -n +2 | wc -l)" 2 "risk escalations --team data lists the shown row and the 1 more"
ok report weekly --limit 1 --format html
has '<p class="more">and 3 more \(<code>docket risk escalations --as-of 2026-11-23</code>\)</p>'
has '<h2>Escalations <span class="pill">4</span></h2>'
has '<div class="label">Open \(incl\. mitigating, accepted\)</div>'
has '<span class="pill warm">risk-overdue</span>'

# one team's report is the whole report's rows of that team
ok report weekly --limit 0 --format json
echo "$OUT" > whole.json
ok report weekly --limit 0 --format json --team ml-platform
echo "$OUT" > team.json
ok --format json person list
echo "$OUT" > people.json
python3 - whole.json team.json people.json <<'PY' || fail "the team report is not the whole report restricted to the team"
import json, sys
whole, team, people = (json.load(open(p)) for p in sys.argv[1:])
team_of = {p["handle"]: p["team"] for p in people}
mine = lambda rows, f: [r for r in rows if f(r) == "ml-platform"]
assert team["escalations"] == mine(whole["escalations"], lambda r: r["team"]), team["escalations"]
assert team["overdue_by_owner"] == mine(whole["overdue_by_owner"], lambda r: r["team"])
assert team["due_soon"] == mine(whole["due_soon"], lambda r: team_of[r["owner"]])
assert team["closed"] == mine(whole["closed"], lambda r: team_of[r["owner"]])
assert len(team["escalations"]) == 2 and len(whole["escalations"]) == 4
PY
CHECKS=$((CHECKS + 1))

# --- JSON -------------------------------------------------------------------
ok report weekly --format json
echo "$OUT" > report.json
python3 - report.json <<'PY' || fail "JSON report does not carry the sections"
import json, sys
r = json.load(open(sys.argv[1]))
want = ["report", "headline", "overdue_by_owner", "due_soon", "escalations", "decisions_taken",
        "decisions_review_due", "closed", "heatmap", "sections"]
assert list(r) == want, list(r)
assert r["report"]["as_of"] == "2026-11-23" and r["report"]["limit"] == 20
# measures keep their ids in JSON
assert [h["measure"] for h in r["headline"]] == ["open", "new", "closed", "overdue", "escalations"]
# every listed section's counts; nothing more to list at the default limit
s = {x["id"]: x for x in r["sections"]}
assert list(s) == ["overdue_by_owner", "due_soon", "escalations", "decisions_taken",
                   "decisions_review_due", "closed"], list(s)
assert s["escalations"] == {"id": "escalations", "shown": 4, "total": 4, "more": 0, "command": None}
assert [e["rule"] for e in r["escalations"]] == ["risk-overdue", "risk-verification", "risk-verification",
                                                 "risk-policy"]
assert {h["measure"]: h["this_week"] for h in r["headline"]}["overdue"] == 2
assert len(r["heatmap"]) == 5 and r["heatmap"][1] == {"likelihood": 4, "impact_1": 0, "impact_2": 0, "impact_3": 0, "impact_4": 1, "impact_5": 0}
assert r["overdue_by_owner"][0]["owner"] == "ana"
PY
CHECKS=$((CHECKS + 1))
# the truncation, explicitly
ok report weekly --format json --limit 1
echo "$OUT" > report.json
python3 - report.json <<'PY' || fail "JSON report does not say what --limit left out"
import json, sys
r = json.load(open(sys.argv[1]))
s = {x["id"]: x for x in r["sections"]}
assert len(r["escalations"]) == 1 and r["report"]["limit"] == 1
assert s["escalations"] == {"id": "escalations", "shown": 1, "total": 4, "more": 3,
                            "command": "docket risk escalations --as-of 2026-11-23"}, s["escalations"]
assert s["overdue_by_owner"]["more"] == 1 and s["closed"]["command"] is None
assert {h["measure"]: h["this_week"] for h in r["headline"]}["escalations"] == 4
PY
CHECKS=$((CHECKS + 1))
ok report weekly --format json --section closed --limit 0
echo "$OUT" > report.json
python3 - report.json <<'PY' || fail "JSON --section closed is not that section alone"
import json, sys
r = json.load(open(sys.argv[1]))
assert list(r) == ["report", "closed", "sections"], list(r)
assert r["report"]["section"] == "closed" and len(r["closed"]) == 1
PY
CHECKS=$((CHECKS + 1))

# --- HTML -------------------------------------------------------------------
ok report weekly --format html
echo "$OUT" > report.html
has "^<!DOCTYPE html>"
has "<svg "
has "<style>"
has "Feature drift goes unnoticed"
hasnt "<script"
hasnt "<link "
hasnt "src=\"http"
hasnt "url\("
# escaped, never raw
run risk add --title "Drift <b>&</b> \"quotes\"" --owner ana --likelihood 1 --impact 1 --due 2026-11-22
ok report weekly --format html
has "Drift &lt;b&gt;&amp;&lt;/b&gt; &quot;quotes&quot;"
echo "$OUT" > report.html

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$T/chromium" --screenshot="$T/report.png" --window-size=1200,1600 \
		"file://$T/report.html" >"$T/chromium.log" 2>&1 || fail "chromium failed: $(tail -3 "$T/chromium.log")"
	CHECKS=$((CHECKS + 1))
	python3 - "$T/report.png" <<'PY' || fail "the rendered report is empty or blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours = set()
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            colours.add(bytes(line[x:x + 3]))
    prev = line
assert w == 1200 and h == 1600, (w, h)
# a page of text, tables and a coloured heat map has many colours; blank has one
assert len(colours) > 50, len(colours)
# the heat map's red band (#e8685d) is drawn: R-1 scores 16
assert any(abs(c[0] - 0xe8) < 6 and abs(c[1] - 0x68) < 6 and abs(c[2] - 0x5d) < 6 for c in colours), "no red cell"
PY
	[ -n "${DOCKET_KEEP_PNG:-}" ] && cp "$T/report.png" "$DOCKET_KEEP_PNG"
elif [ -n "${CI:-}" ]; then
	fail "chromium is not installed at $CHROMIUM (the CI test command installs it: apt-get install -y chromium)"
else
	echo "SKIP: chromium not installed at $CHROMIUM; the HTML report was not rendered"
fi

# --- refusals ---------------------------------------------------------------
bad "--format 'pdf' is not one of: md, html, json" report weekly --format pdf
bad "--as-of 'lastweek' is not a date" report weekly --as-of lastweek
bad "--team 'Data Team'" report weekly --team "Data Team"
bad "unknown option '--owner'" report weekly --owner ana
bad "--limit '-1' is not" report weekly --limit -1
bad "--limit 'all' is not" report weekly --limit all
bad "--section 'owners' is not one of: overdue_by_owner, due_soon, escalations" report weekly --section owners
bad "--section needs --format md or json" report weekly --section due_soon --format html

done_
