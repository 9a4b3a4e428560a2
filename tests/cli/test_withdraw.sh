#!/bin/bash
# docket risk | decision | evidence | review withdraw: a record made by
# mistake is kept, withdrawn with who, when and why; lists, check, overdue,
# escalations and reports leave it out; it is refused where other records
# rest on it; the trail still verifies. Also on a database made before
# migration 0011.
. "$(dirname "$0")/lib.sh"
seed
seed_policy
"$DOCKET" person add tester --name "Tess Ter" --team ml-platform >/dev/null || fail "seed tester"

D() { # a proposed decision; prints nothing
	"$DOCKET" decision add --title "$1" --area serving --problem "p" --option A --chosen A \
		--rationale r "${@:2}" >/dev/null || fail "decision $1"
}

# --- risks ------------------------------------------------------------------
ok risk add --title "Duplicate of R-2" --owner ana --likelihood 4 --impact 4 --due 2026-11-01
ok risk add --title "Feature drift" --owner ana --likelihood 2 --impact 2 --due 2026-11-02
ok risk overdue
has '^R-1 '
status 1 check
has 'R-1'
ok risk update R-1 --title "Duplicate of R-2 (typo)"
ok risk withdraw R-1 --reason "typed twice: R-2 is the real one"
has '^R-1 withdrawn \(by tester at 20[0-9-]{8}T[0-9:]{8}Z\)$'
eq "$(echo "$OUT" | wc -l)" 1 "one confirmation line"
eq "$(sql "SELECT status || '|' || withdrawn_by || '|' || withdrawn_reason FROM risk WHERE id = 1")" \
	"withdrawn|tester|typed twice: R-2 is the real one" "kept, with who and why"
ok risk list
hasnt '^R-1 '
has '^R-2 '
ok risk list --status withdrawn
has '^R-1 .*withdrawn'
# search leaves it out too, before its limit
ok risk list --search duplicate
hasnt '^R-1 '
ok search duplicate
hasnt 'R-1'
ok search drift --limit 1
has 'R-2'
hasnt '^R-2 '
ok risk list --status all
has '^R-1 '
ok risk overdue
hasnt 'R-1'
has '^R-2 '
ok risk escalations
hasnt 'R-1'
status 1 check
hasnt 'R-1'
has 'R-2'
ok report weekly
hasnt 'R-1'
has '\| Open \(incl\. mitigating, accepted\) \| 1 \|'
ok --format json report weekly
hasnt '"R-1"'
ok risk show R-1
has '^status +withdrawn'
has '^withdrawn:'
has '^reason +typed twice: R-2 is the real one'
has 'title +Duplicate of R-2 +Duplicate of R-2 \(typo\)'
has 'tester +status +open +withdrawn'
has 'tester +withdrawn +typed twice'
ok --format json risk show R-1
has '"withdrawn_by": "tester"'
ok --format csv audit log --entity risk
has 'update,risk,R-1,1,.*withdrawn_reason.*typed twice'
ok audit verify
has '^status +intact'
ok --format json risk withdraw R-2 --reason "also a mistake"
has '"key": "R-2"'
has '"reason": "also a mistake"'

bad "R-1 is already withdrawn \(on 20.* by tester: typed twice" risk withdraw R-1 --reason again
bad -- "--reason is required" risk withdraw R-1
bad "R-99 is not a known risk" risk withdraw R-99 --reason x
bad "'D-1' is a decision key, not a risk key" risk withdraw D-1 --reason x
bad -- "--reason '' is empty|--reason" risk withdraw R-1 --reason ''
bad "R-1 is withdrawn; a withdrawn risk is not changed" risk update R-1 --title x
bad "R-1 is withdrawn; steps cannot be added" risk step add R-1 --check c --metric m --op '<=' --threshold 1
bad "R-1 is withdrawn; a withdrawn risk is not closed" risk close R-1 --reason x
bad "R-1 is withdrawn; there is nothing to accept" risk accept R-1 --approver bo

# a risk with a recorded result, or accepted, stays
ok risk add --title "Measured" --owner ana --likelihood 2 --impact 2 --due 2026-12-20
ok risk step add R-3 --check "latency" --metric p95_ms --op '<=' --threshold 120
ok risk withdraw R-3 --reason "a step alone is part of the risk" # allowed: nothing recorded
ok risk add --title "Measured too" --owner ana --likelihood 2 --impact 2 --due 2026-12-20
ok risk step add R-4 --check "latency" --metric p95_ms --op '<=' --threshold 120
ok risk step record VS-2 --value 150
bad "R-4 cannot be withdrawn: VS-2 has 1 recorded result \(recorded results stay on the record" \
	risk withdraw R-4 --reason x
ok risk add --title "Accepted" --owner ana --likelihood 1 --impact 2 --due 2026-12-20
ok risk accept R-5 --approver bo --expires 2027-01-31
bad "R-5 cannot be withdrawn: it is accepted \(approved by bo until 2027-01-31\) \(.*'docket risk update R-5 --status open'\)$" \
	risk withdraw R-5 --reason x
ok risk update R-5 --status open
ok risk withdraw R-5 --reason "accepted by mistake, then reopened"

# --- decisions --------------------------------------------------------------
ok evidence add --kind benchmark --title "Load test" --uri https://ci.example.org/1
D "Serve with KServe" --review-by 2026-11-10
ok decision link D-1 --evidence EV-1
ok decision accept D-1
ok check
has 'decision-review +D-1'
ok decision withdraw D-1 --reason "recorded in the wrong register"
has '^D-1 withdrawn \(by tester at '
ok decision list
hasnt '^D-1 '
ok decision list --status withdrawn
has '^D-1 .*withdrawn'
ok decision list --status all
has '^D-1 '
ok check
hasnt 'D-1'
ok report weekly
hasnt 'D-1'
ok decision show D-1
has '^status +withdrawn'
has '^reason +recorded in the wrong register'
has 'tester +created +status proposed, area serving'
has 'tester +evidence +EV-1 supports'
has 'tester +status +accepted +withdrawn'
bad "D-1 is already withdrawn" decision withdraw D-1 --reason again
bad "D-9 is not a known decision" decision withdraw D-9 --reason x
bad -- "--reason is required" decision withdraw D-1
bad "D-1 is withdrawn \(on 20.* by tester\) and is not changed" decision update D-1 --add-tag late
bad "D-1 is withdrawn and cannot be deprecated" decision deprecate D-1 --reason x
bad "D-1 is withdrawn; its evidence is not changed" decision link D-1 --evidence EV-1
bad "D-1 is withdrawn; its evidence is not changed" decision unlink D-1 --evidence EV-1
bad "a risk cannot be left by a withdrawn decision" risk add --title t --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --decision D-1

# a supersession chain, and an open risk it left
D "Old"
D "New"
ok decision link D-2 --evidence EV-1
ok decision link D-3 --evidence EV-1
ok decision accept D-2
ok decision accept D-3
ok decision supersede D-2 --by D-3
bad "D-2 cannot be withdrawn: D-3 supersedes it" decision withdraw D-2 --reason x
bad "D-3 cannot be withdrawn: it supersedes D-2" decision withdraw D-3 --reason x
D "Left a risk"
ok risk add --title "Left open" --owner ana --likelihood 1 --impact 1 --due 2026-12-01 --decision D-4
bad "D-4 cannot be withdrawn: R-6 \(open\) was left by it \(a risk it left is withdrawn or closed first" \
	decision withdraw D-4 --reason x
ok risk withdraw R-6 --reason "left by a mistake"
ok decision withdraw D-4 --reason "a mistake"
# imported from an ADR file: the file is its record
cp -r "$DOCKET_SOURCE_DIR/tests/cli/fixtures/adr-nygard" adr
ok import adr adr
key=$(sql "SELECT 'D-' || decision_id FROM adr_source ORDER BY decision_id LIMIT 1")
file=$(sql "SELECT file FROM adr_source ORDER BY decision_id LIMIT 1")
bad "$key cannot be withdrawn: it was imported from $file" decision withdraw "$key" --reason x

# --- evidence ---------------------------------------------------------------
ok evidence add --kind document --title "Wrong doc" --uri https://docs.example.org/x
ev=$OUT
D "Cites it"
dk=$(sql "SELECT 'D-' || max(id) FROM decision")
ok decision link "$dk" --evidence "$ev"
bad "$ev cannot be withdrawn: $dk \(proposed\) cites it \(docket decision unlink $dk --evidence $ev\)" \
	evidence withdraw "$ev" --reason x
ok decision unlink "$dk" --evidence "$ev"
ok evidence withdraw "$ev" --reason "the wrong document"
has "^$ev withdrawn \(by tester at "
ok evidence list
hasnt "^$ev "
has '^EV-1 '
ok evidence list --withdrawn
has "^$ev +Wrong doc +20.* +tester +the wrong document"
hasnt '^EV-1 '
ok evidence show "$ev"
has '^reason +the wrong document'
bad "$ev is already withdrawn" evidence withdraw "$ev" --reason again
bad "$ev is withdrawn \(on 20.* by tester\) and is not changed" evidence update "$ev" --title "Right doc"
bad "EV-99 is not a known evidence item" evidence withdraw EV-99 --reason x
bad "a withdrawn decision or evidence item is not linked" decision link "$dk" --evidence "$ev"
bad "no result is recorded for a withdrawn risk or with withdrawn evidence" risk step record VS-2 --value 100 --evidence "$ev"
bad -- "--kind does not apply to the withdrawn list" evidence list --withdrawn --kind document
ok evidence add --kind benchmark --title "Shown by a result" --uri https://ci.example.org/2
ev2=$OUT
ok risk step record VS-2 --value 100 --evidence "$ev2"
bad "$ev2 cannot be withdrawn: VS-2 of R-4 recorded a result with it" evidence withdraw "$ev2" --reason x

# --- reviews ----------------------------------------------------------------
ok review add --on 2026-11-20 --attendees ana,bo
rv=$OUT
D "Taken in review" --review "$rv"
dk=$(sql "SELECT 'D-' || max(id) FROM decision")
bad "$rv cannot be withdrawn: $dk \(proposed\) was taken in it \(withdraw those decisions first\)" \
	review withdraw "$rv" --reason x
ok decision withdraw "$dk" --reason "a mistake"
ok review withdraw "$rv" --reason "never held"
has "^$rv withdrawn \(by tester at "
ok review list
hasnt "^$rv "
ok review list --withdrawn
has "^$rv +design review on 2026-11-20 .*never held"
ok review show "$rv"
has '^reason +never held'
bad "$rv is already withdrawn" review withdraw "$rv" --reason again
# a withdrawn review is final, its attendees too (a named refusal; the trigger beneath)
before=$(sql "SELECT person_id FROM review_attendee WHERE review_id = ${rv#RV-} ORDER BY id" | joined)
bad "$rv is withdrawn \(on 20.* by tester\) and is not changed" review update "$rv" --attendees ana
bad "$rv is withdrawn" review update "$rv" --notes "late notes"
eq "$(sql "SELECT person_id FROM review_attendee WHERE review_id = ${rv#RV-} ORDER BY id" | joined)" "$before" \
	"a withdrawn review keeps its attendees"
# beneath the command, the trigger (through docket's connection on SQLite:
# the audit triggers need its functions; psql has them on PostgreSQL)
with_functions() { if on_pg; then sql; else "$DK_SQL" "$DOCKET_DB"; fi; }
if on_pg || [ -n "${DK_SQL:-}" ]; then
	echo "DELETE FROM review_attendee WHERE review_id = ${rv#RV-};" | with_functions 2>&1 |
		grep -q 'a withdrawn review is not changed' ||
		fail "the database let a withdrawn review lose its attendees"
	echo "INSERT INTO review_attendee (uuid, review_id, person_id, created_at, created_by)
	      SELECT docket_uuid(), ${rv#RV-}, id, '2026-11-23T00:00:00Z', 'x' FROM person
	      WHERE id NOT IN (SELECT person_id FROM review_attendee WHERE review_id = ${rv#RV-});" |
		with_functions 2>&1 | grep -q 'a withdrawn review is not changed' ||
		fail "the database let a withdrawn review gain an attendee"
fi
bad "RV-99 is not a known review" review withdraw RV-99 --reason x
bad "a decision cannot be taken in a withdrawn review" decision add --title t --area data --problem p --option A --chosen A --rationale r --review "$rv"

ok audit verify
has '^status +intact'
ok lineage R-4
has 'R-4'

# --- a database made before 0011, with records, upgraded and withdrawn ------
if [ -z "${DK_SQL:-}" ]; then
	echo "test_withdraw.sh: the older database is skipped, DK_SQL (tests/migrate/dk_sql) is not set"
	done_
fi
if on_pg; then
	echo "test_withdraw.sh: the older database is SQLite's (made by the sqlite3 shell and dk_sql): the SQLite run has it"
	done_
fi
export DOCKET_DB="$T/old.db"
make_old_db "$DOCKET_DB" 10
"$DK_SQL" "$DOCKET_DB" < "$DOCKET_SOURCE_DIR/tests/migrate/v1_records.sql" || fail "filling the version 10 database"
head=$(sql 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')
ok migrate
has "schema version 10 -> $(latest_migration)"
ok audit verify
has '^status +intact'
eq "$(sql "SELECT count(*) FROM audit_log WHERE hash = '$head'")" 1 "the old head is in the chain"
# the old records are judged by the same rules
bad "R-1 cannot be withdrawn: VS-1 has 1 recorded result" risk withdraw R-1 --reason x
bad "R-2 cannot be withdrawn: it is accepted" risk withdraw R-2 --reason x
bad "D-1 cannot be withdrawn: it supersedes D-2" decision withdraw D-1 --reason x
bad "EV-1 cannot be withdrawn: D-1 \(accepted\) cites it" evidence withdraw EV-1 --reason x
ok risk update R-2 --status open
ok risk withdraw R-2 --reason "made before the upgrade"
ok risk show R-2
has 'status +accepted +open'
has 'status +open +withdrawn'
has 'withdrawn +made before the upgrade'
ok audit verify
has '^status +intact'
done_
