#!/bin/bash
# Every command that changes something says so in one line on stdout that
# names what it changed (a new record's key; "KEY what" for a change), and
# in --format json|csv a record with the key. decision export-md creates
# its directory.
. "$(dirname "$0")/lib.sh"
FIX="$DOCKET_SOURCE_DIR/tests/cli/fixtures"
umask 022

# confirm 'PATTERN' CMD...: exit 0 and a confirmation that matches PATTERN.
confirm() {
	local want=$1; shift
	ok "$@"
	CHECKS=$((CHECKS + 1))
	[ -n "$OUT" ] || fail "docket $*: no confirmation on stdout"
	has "$want"
}
# confirm1: the same, in exactly one line.
confirm1() {
	confirm "$@"
	eq "$(printf '%s\n' "$OUT" | wc -l)" 1 "docket ${*:2}: a one-line confirmation"
}

# --- the database, people, policy -------------------------------------------
DB_RE=$(re_quote "$DOCKET_DB")
confirm1 "^created $DB_RE \(schema version [0-9]+\)$" init
confirm1 "^$DB_RE is up to date" migrate
confirm1 "^ana$" person add ana --name "Ana Lima" --team ml-platform
confirm1 "^bo$" person add bo --name "Bo Chen" --team ml-platform
confirm1 "^cy$" person add cy --name "Cy Diaz" --team ml-platform
confirm1 "^ana login set to alima$" person edit ana --login alima
confirm1 "^ana login cleared$" person edit ana --login ""
confirm1 "^ml-platform$" policy set ml-platform --appetite 9 --grace-days 7 --acceptance-days 90 \
	--default-due-days 30 --escalate-to bo

# --- contexts, plans, stages, gates -----------------------------------------
confirm1 "^CTX-1$" context add churn --owner ana --problem batch --data-gb 5 --cloud aws \
	--assumption "weekly is fresh enough"
confirm1 "^CTX-2$" context revise CTX-1 --team-size 3
confirm "^BP-1$" blueprint generate --context CTX-2
has "^proposed [0-9]+ decisions and [0-9]+ residual risks$"
steps_for_all
confirm1 "^ST-3 set: seed-fixed yes$" stage set ST-3 --seed-fixed yes
confirm1 "^ST-3 set: idempotent yes, deps-pinned yes$" stage set ST-3 --deps-pinned yes --idempotent yes
confirm1 "^G-[0-9]+$" gate add --stage ST-6 --metric reviewers --op '>=' --threshold 2
G=$OUT
confirm1 "^$G removed$" gate remove "$G"
confirm1 "^BP-1 approved$" --actor bo blueprint approve BP-1
ok blueprint show BP-1 --format md
echo "$OUT" > plan.md
confirm1 "^BP-[0-9]+$" blueprint import --context CTX-2 plan.md
BP=$OUT
confirm "^recorded as EV-[0-9]+ \(dryrun\), supporting [0-9]+ decisions of $BP$" dryrun --blueprint "$BP"

# --- evidence, reviews, decisions -------------------------------------------
confirm1 "^EV-[0-9]+$" evidence add --kind benchmark --title "p95 at 2x load" --summary "118 ms"
EV=$OUT
confirm1 "^RV-1$" review add --on 2026-11-20 --attendees ana,bo
add_decision() {
	"$DOCKET" decision add --title "$1" --area serving --problem "how to serve" --option a \
		--option b --chosen a --rationale "cheaper" 2>/dev/null
}
confirm1 "^D-[0-9]+$" decision add --title "serve on one VM" --area serving --problem "how to serve" \
	--option vm --option k8s --chosen vm --rationale "one model"
D=$OUT
confirm1 "^$D linked to $EV \(supports it\)$" decision link "$D" --evidence "$EV"
confirm1 "^$D unlinked from $EV$" decision unlink "$D" --evidence "$EV"
confirm1 "^$D linked to $EV \(contradicts it\)$" decision link "$D" --evidence "$EV" --contradicts
ok decision unlink "$D" --evidence "$EV"
ok decision link "$D" --evidence "$EV"
confirm1 "^$D accepted in RV-1$" decision accept "$D" --review RV-1
D2=$(add_decision "serve on two VMs")
ok decision link "$D2" --evidence "$EV"
confirm1 "^$D2 accepted$" decision accept "$D2"
confirm1 "^$D superseded by $D2$" decision supersede "$D" --by "$D2"
confirm1 "^$D2 deprecated$" decision deprecate "$D2" --reason "moved to the platform"
D3=$(add_decision "serve from a lambda")
confirm1 "^$D3 rejected$" decision reject "$D3" --reason "cold starts"

# --- risks and their steps ----------------------------------------------------
confirm1 "^R-[0-9]+$" risk add --title "drift unseen" --owner cy --likelihood 3 --impact 3
R=$OUT
confirm1 "^$R updated: title, due$" risk update "$R" --title "drift unseen for a week" --due +10d
confirm1 "^$R updated: status$" risk update "$R" --status mitigating
confirm1 "^VS-[0-9]+$" risk step add "$R" --check "PSI measured" --metric psi --op '<' --threshold 0.2
VS=$OUT
confirm1 "^$VS recorded 0.3: fail$" risk step record "$VS" --value 0.3
confirm1 "^$VS recorded 0.1: pass$" risk step record "$VS" --value 0.1 --evidence "$EV"
confirm1 "^$R closed$" risk close "$R" --reason "monitor live"
confirm1 "^R-[0-9]+$" risk add --title "cost overrun" --owner cy --likelihood 2 --impact 2
R2=$OUT
confirm1 "^$R2 accepted, approved by bo$" --actor ana risk accept "$R2" --approver bo

# --- imports --------------------------------------------------------------------
printf 'handle,name,team\ndee,Dee Park,ml-platform\n' > people.csv
confirm "^valid_rows +1$" import people people.csv --dry-run
confirm "^imported +1$" import people people.csv
has "^kind +people$"
printf 'system,owner,problem\nranker,dee,online\n' > contexts.csv
confirm "^imported +1$" import contexts contexts.csv
has "^kind +contexts$"
printf 'title,owner,likelihood,impact\nlabels late,dee,2,3\n' > risks.csv
confirm "^imported +1$" import risks risks.csv
printf 'title,area,problem,option,chosen,rationale\nbatch scoring,serving,how,a,a,simple\n' > decisions.csv
confirm "^imported +1$" import decisions decisions.csv
printf 'kind,title\ndocument,runbook\n' > evidence.csv
confirm "^imported +1$" import evidence evidence.csv
confirm "^D-[0-9]+ +1 +0001-record-architecture-decisions.md" import adr "$FIX/adr-nygard"

# --- copies, anchors, exports -------------------------------------------------
# (docket backup copies the SQLite file)
if on_sqlite; then
	confirm1 "^backed up $T/docket.db to copy.db " backup copy.db
fi
confirm "^copied [0-9]+ records and [0-9]+ audit rows from $DB_RE to copied.db; both verify$" \
	copy --from "$DOCKET_DB" --to copied.db
confirm "^private +anchor.key$" audit keygen --out anchor.key
confirm "^anchors +a.anchors$" audit anchor --key anchor.key --anchors a.anchors
has "^seq +[0-9]+$"
confirm "^wrote ex; audit chain head [0-9a-f]{64}$" export audit --out ex
confirm "^$D +" decision export-md "$D" "$D2" --dir adr/new/deep
has "^$D2 +"

# --- export-md makes its directory (mkdir -p, 0755) and refuses a file ----------
eq "$(stat -c %a adr adr/new adr/new/deep)" "$(printf '755\n755\n755')" "export-md directories are 0755"
eq "$(ls adr/new/deep | wc -l)" 2 "two ADR files"
confirm "^$D +" decision export-md "$D" --dir adr/new/deep
touch afile
bad "'afile' is not a directory" decision export-md "$D" --dir afile
bad "'afile' is not a directory" decision export-md "$D" --dir afile/below
[ ! -e afile/below ] && [ -f afile ] || fail "export-md changed a file in its --dir"
CHECKS=$((CHECKS + 1))

# --- machine formats: a record with the key -------------------------------------
D4=$(add_decision "serve from the edge")
ok decision reject "$D4" --reason "no edge" --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["key"], r["change"])')" \
	"$D4 rejected" "json confirmation"
ST=$(sql "SELECT 'ST-' || min(id) FROM stage WHERE blueprint_id = ${BP#BP-}")
ok stage set "$ST" --seed-fixed yes --format csv
eq "$(echo "$OUT" | tr -d '\r')" "$(printf 'key,change\n%s,set: seed-fixed yes' "$ST")" "csv confirmation"
ok gate add --stage "$ST" --metric reviewers --op '>=' --threshold 2 --format json
G=$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
ok gate remove "$G" --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["key"], r["change"])')" \
	"$G removed" "json gate remove"
ok risk add --title "x" --owner cy --likelihood 1 --impact 1
ok risk step add "$OUT" --check c --metric m --op '<=' --threshold 1
VS2=$OUT
ok risk step record "$VS2" --value 2 --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["key"], r["result"])')" \
	"$VS2 fail" "json step record"
ok migrate --format json
eq "$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')" "$DOCKET_DB" \
	"json migrate"
done_
