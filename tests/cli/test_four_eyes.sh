#!/bin/bash
# Four eyes: the acting person (--actor, DOCKET_ACTOR, else the login name)
# is resolved to a known person by handle (trimmed, any case) or recorded
# login name; approving needs a known acting person, and the approver must
# be another person than the one asking and than the risk's owner. Every
# way of spelling ana approving her own request is refused, as are actors
# that are not text (invalid UTF-8, control characters, too long).
. "$(dirname "$0")/lib.sh"
seed
ok person add lee --name "Lee Park" --team ml-platform --login lpark
ok person edit ana --login alima
ok policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to bo
ok risk add --title "Drift" --owner lee --likelihood 2 --impact 3 --due 2026-12-31
ok risk add --title "Cost" --owner ana --likelihood 2 --impact 2 --due 2026-12-31

# --- people and logins ------------------------------------------------------
ok person list --format csv
has "^ana,Ana Lima,ana@example.org,ml-platform,alima,"
has "^lee,Lee Park,,ml-platform,lpark,"
eq "$(sql "SELECT row FROM audit_log WHERE entity = 'person' ORDER BY seq DESC LIMIT 1" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["login"])')" alima \
	"the audit row of the edit holds the login"
bad "--login 'ALIMA' is already the login name of 'ana'" person edit bo --login ALIMA
bad "--login 'Lee' is already the handle of 'lee'" person edit bo --login Lee
bad "handle 'lpark' is already the login name of 'lee'" person add lpark --name "L P"
bad "--login 'a b' has a space" person edit bo --login "a b"
bad "--login 'a.b' has a control character" person edit bo --login "$(printf 'a\tb')"
bad "--login is not valid UTF-8" person add cy --name Cy --login "$(printf '\xff')"
bad "--login '' is empty" person add cy --name Cy --login ""
bad "person 'zed' is not a known person" person edit zed --login z
ok person edit bo --login bchen
ok person edit bo --login ""
eq "$(sql "SELECT count(*) FROM person WHERE handle = 'bo' AND login IS NULL")" 1 "--login '' clears it"

# --- who is acting ------------------------------------------------------------
# a known actor is recorded as its handle, whatever was typed
ok --actor ANA context add ranker --owner ana --problem online --latency-p95-ms 120
eq "$(sql "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" ana "--actor ANA is recorded as ana"
eq "$(sql "SELECT created_by FROM context WHERE id = 1")" ana "created_by is the handle"
ok --actor ' lpark ' evidence add --kind benchmark --title "load test"
eq "$(sql "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" lee "a login name is recorded as the handle"
DOCKET_ACTOR= USER=ALIMA ok evidence add --kind benchmark --title "again"
eq "$(sql "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" ana "the login name (USER) resolves to ana"
# an unknown actor still writes ordinary records, as given
ok --actor ghost evidence add --kind benchmark --title "by a ghost"
eq "$(sql "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" ghost "unknown actor kept"
ok --actor "$(printf 'x%.0s' $(seq 64))" evidence add --kind benchmark --title "64 characters"

# --- risk accept: every spelling of ana approving her own request -------------
ASKING="--approver 'ana' is the person asking \(the actor is 'ana'\); an acceptance needs a second person"
bad "$ASKING" --actor ANA risk accept R-1 --approver ana --expires 2026-12-31
bad "$ASKING" --actor 'ana ' risk accept R-1 --approver ana --expires 2026-12-31
bad "$ASKING" --actor ' Ana' risk accept R-1 --approver ana --expires 2026-12-31
bad "$ASKING" --actor alima risk accept R-1 --approver ana --expires 2026-12-31
bad "$ASKING" --actor ALIMA risk accept R-1 --approver ana --expires 2026-12-31
bad "$ASKING" --actor ana risk accept R-1 --approver alima --expires 2026-12-31
bad "$ASKING" --actor ana risk accept R-1 --approver ANA --expires 2026-12-31
DOCKET_ACTOR=ANA bad "$ASKING" risk accept R-1 --approver ana --expires 2026-12-31
DOCKET_ACTOR= USER=alima bad "$ASKING" risk accept R-1 --approver ana --expires 2026-12-31
# a name, not a handle; a ghost: not known, so not approving
UNKNOWN="the acting person '%s' is not a known person: approving needs one"
bad "$(printf "$UNKNOWN" 'Ana Lima')" --actor 'Ana Lima' risk accept R-1 --approver ana --expires 2026-12-31
bad "$(printf "$UNKNOWN" ghost)" --actor ghost risk accept R-1 --approver ana --expires 2026-12-31
DOCKET_ACTOR=ghost bad "$(printf "$UNKNOWN" ghost)" risk accept R-1 --approver bo --expires 2026-12-31
DOCKET_ACTOR= USER=nobody bad "$(printf "$UNKNOWN" nobody)" risk accept R-1 --approver bo --expires 2026-12-31
# the owner does not approve their own risk, however named
OWNER="--approver 'lee' owns R-1; an acceptance is approved by someone other than the owner"
bad "$OWNER" --actor bo risk accept R-1 --approver lee --expires 2026-12-31
bad "$OWNER" --actor bo risk accept R-1 --approver ' LEE' --expires 2026-12-31
bad "$OWNER" --actor bo risk accept R-1 --approver lpark --expires 2026-12-31
bad "--approver 'ana' owns R-2" --actor lee risk accept R-2 --approver ana --expires 2026-12-31
bad "--approver 'ghost' is not a known person" --actor ana risk accept R-1 --approver ghost
bad "--approver 'Ana Lima' is not a known person" --actor bo risk accept R-1 --approver 'Ana Lima'
# the owner may ask; two other people do
ok --actor ALIMA risk accept R-2 --approver 'BO ' --expires 2026-12-31
eq "$(sql "SELECT r.asked_by || ' ' || p.handle FROM risk r JOIN person p ON p.id = r.approved_by WHERE r.id = 2")" \
	"ana bo" "asked by ana (as alima), approved by bo"
ok --actor ana risk accept R-1 --approver bo --expires 2026-12-31
eq "$(sql "SELECT asked_by FROM risk WHERE id = 1")" ana "asked_by is the handle"

# --- blueprint approve needs a known acting person ----------------------------
ok blueprint generate --context CTX-1
bad "$(printf "$UNKNOWN" tester)" blueprint approve BP-1
bad "$(printf "$UNKNOWN" 'Ana Lima')" --actor 'Ana Lima' blueprint approve BP-1

# --- the actor is text like any other -----------------------------------------
bad "--actor is not valid UTF-8" --actor "$(printf '\xff')" person list
bad "--actor is not valid UTF-8" --actor "$(printf 'ana\xc3')" risk accept R-1 --approver bo
DOCKET_ACTOR="$(printf '\xff')" bad "DOCKET_ACTOR is not valid UTF-8" person add cy --name Cy
DOCKET_ACTOR="$(printf 'an\001a')" bad "DOCKET_ACTOR 'an\?a' has a control character" person add cy --name Cy
bad "--actor 'an\?a' has a control character" --actor "$(printf 'an\033a')" person add cy --name Cy
bad "--actor 'x+\.\.\.' is too long \(65 characters, at most 64\)" --actor "$(printf 'x%.0s' $(seq 65))" person add cy --name Cy
DOCKET_ACTOR="$(printf 'x%.0s' $(seq 65))" bad "DOCKET_ACTOR .* is too long \(65 characters" person add cy --name Cy
bad "--actor is blank" --actor '   ' person add cy --name Cy
bad "--actor 'a\|b' has a '\|'" --actor 'a|b' person add cy --name Cy
bad "--actor '' is empty" --actor '' person add cy --name Cy

# the trail stays readable as JSON, and intact
ok audit log --format json
python3 -c 'import json, sys; rows = json.load(sys.stdin); assert {r["actor"] for r in rows} >= {"ana", "lee", "ghost"}, rows' <<<"$OUT" ||
	fail "audit log --format json is not valid JSON with the resolved actors"
ok audit verify
done_
