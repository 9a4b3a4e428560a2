#!/bin/bash
# docket decision | evidence | review | policy | stage | gate | person update,
# end to end: only changed fields are written, each change is audited, an
# update that changes nothing writes nothing (exit 0), and every refusal
# exits 2 with the database unchanged.
. "$(dirname "$0")/lib.sh"
seed
seed_policy

audit_rows() { sql "SELECT count(*) FROM audit_log"; }
# last_audit ENTITY ID: action of the newest audit row of that record
last_audit() { sql "SELECT action FROM audit_log WHERE entity = '$1' AND entity_id = $2 ORDER BY seq DESC LIMIT 1"; }

# ---- decision ----------------------------------------------------------
ok decision add --title "Use a model registry" --area packaging --problem "models are copied by hand" \
	--option "MLflow|pro: self-hosted|con: ops burden" --option "SageMaker" --chosen MLflow \
	--rationale "cheaper at our scale" --makers ana --tag registry
eq "$OUT" "D-1"
before=$(audit_rows)
ok decision update D-1 --title "Adopt MLflow as the model registry" --maker ana --maker bo --review-by 2027-03-01
eq "$OUT" "D-1 updated: title, makers, review_by"
eq "$(sql "SELECT title || '|' || makers || '|' || review_by FROM decision WHERE id = 1")" \
	'Adopt MLflow as the model registry|["ana","bo"]|2027-03-01'
eq "$(audit_rows)" "$((before + 1))" "one update, one audit row"
eq "$(last_audit decision 1)" "update"
# the full-text index follows the title (triggers of migration 0002)
ok decision list --search adopt --format csv
has '^D-1,'
ok decision list --search "Use a model" --format csv
hasnt '^D-1,'

# no change: exit 0, says so, writes nothing
before=$(dbhash)
ok decision update D-1 --title "Adopt MLflow as the model registry" --maker ana,bo
eq "$OUT" "D-1: no change (every value given is the current one)"
eq "$(dbhash)" "$before" "an update that changes nothing writes nothing"
ok decision update D-1 --maker bo --format json
eq "$OUT" '{"key": "D-1", "changed": "makers"}'
ok decision update D-1 --maker ana,bo --format csv
has '^D-1,makers'
# --makers H1,H2 as in decision add (--maker is its prefix)
ok decision update D-1 --makers bo,ana
eq "$OUT" "D-1 updated: makers"
eq "$(sql "SELECT makers FROM decision WHERE id = 1")" '["bo","ana"]'
ok decision update D-1 --makers ana --makers bo

# options and chosen (the chosen option is kept by name)
ok decision update D-1 --option "MLflow|pro: self-hosted|pro: open source" --option "Vertex AI|con: another cloud"
eq "$OUT" "D-1 updated: options"
eq "$(sql "SELECT name || ':' || chosen FROM decision_option WHERE decision_id = 1 ORDER BY ordinal" | joined)" \
	"MLflow:1,Vertex AI:0"
ok decision list --search vertex --format csv
has '^D-1,'
ok decision update D-1 --chosen "Vertex AI"
eq "$OUT" "D-1 updated: chosen"
eq "$(sql "SELECT name FROM decision_option WHERE decision_id = 1 AND chosen = 1")" "Vertex AI"
bad "--chosen 'SageMaker' is not one of D-1's options \('MLflow', 'Vertex AI'\)" decision update D-1 --chosen SageMaker
bad "--option leaves out 'Vertex AI', the option D-1 chose: give --chosen NAME as well" \
	decision update D-1 --option MLflow
bad "--chosen 'X' is not one of the options \('MLflow'\)" decision update D-1 --option MLflow --chosen X

# tags: replace, add, remove
ok decision update D-1 --tag registry --tag mlops
eq "$(sql "SELECT tags FROM decision WHERE id = 1")" '["registry","mlops"]'
ok decision update D-1 --add-tag serving --remove-tag registry
eq "$OUT" "D-1 updated: tags"
eq "$(sql "SELECT tags FROM decision WHERE id = 1")" '["mlops","serving"]'
ok decision update D-1 --add-tag serving
eq "$OUT" "D-1: no change (every value given is the current one)"
# a tag added twice is added once; removing a tag it lacks, or adding and
# removing one tag, is refused rather than reported as no change
ok decision update D-1 --add-tag ml --add-tag ml
eq "$(sql "SELECT tags FROM decision WHERE id = 1")" '["mlops","serving","ml"]'
bad "^docket: decision update: --remove-tag 'mlop': D-1 has no such tag \(its tags: mlops, serving, ml\)$" \
	decision update D-1 --remove-tag mlop --add-tag extra
bad "^docket: decision update: --add-tag 'ml' and --remove-tag 'ml' contradict each other: give one$" \
	decision update D-1 --add-tag ml --remove-tag ml
ok decision update D-1 --remove-tag ml
eq "$(sql "SELECT tags FROM decision WHERE id = 1")" '["mlops","serving"]'

# text fields; '' clears an optional one
ok decision update D-1 --consequences "one more service to run" --driver "audit needs lineage" --area serving
eq "$OUT" "D-1 updated: area, drivers, consequences"
ok decision update D-1 --consequences ''
eq "$(sql "SELECT coalesce('''' || consequences || '''', 'NULL') FROM decision WHERE id = 1")" "NULL"

# a decision that blueprint generate proposed has no makers: they can be named
ok context add churn --owner ana --problem batch --data-gb 5 --cloud aws --assumption "weekly is fresh enough"
ok blueprint generate --context CTX-1
GEN=$(sql "SELECT 'D-' || min(id) FROM decision WHERE blueprint_id = 1")
eq "$(sql "SELECT makers FROM decision WHERE id = ${GEN#D-}")" "[]"
ok decision update "$GEN" --maker ana
eq "$OUT" "$GEN updated: makers"
eq "$(sql "SELECT makers FROM decision WHERE id = ${GEN#D-}")" '["ana"]'

# accepted: tags, review-by and makers still change; the content does not
ok evidence add --kind benchmark --title "registry load test" --uri https://wiki/bench
ok decision link D-1 --evidence EV-1
ok decision accept D-1
ok decision update D-1 --add-tag accepted --review-by 2027-06-01 --maker ana
eq "$OUT" "D-1 updated: makers, tags, review_by"
bad "D-1 is accepted: --title can no longer be changed \(only --makers, --tag, --add-tag, --remove-tag, --review-by\); to change what was decided, record a new decision and run 'docket decision supersede D-1 --by D-n'" \
	decision update D-1 --title "something else"
bad "D-1 is accepted: --rationale can no longer be changed" decision update D-1 --rationale x --tag y
ok decision reject "$GEN" --reason "not needed"
bad "$GEN is rejected: --problem can no longer be changed .*record a new decision instead" \
	decision update "$GEN" --problem x

# refusals
bad "nothing to change; give one of: --title, --area, --problem, --driver, --option, --chosen, --rationale, --consequences, --confirmation, --consulted, --informed, --makers, --tag, --add-tag, --remove-tag, --review-by" \
	decision update D-1
bad "there is no decision D-99" decision update D-99 --tag x
bad "--title '' is empty" decision update D-2 --title ''
bad "--review-by '2027-02-30' is not a date" decision update D-1 --review-by 2027-02-30
bad "--makers 'zed' is not a known person" decision update D-1 --maker zed
bad "--area 'ops' is not one of" decision update D-2 --area ops
bad "--tag 'Bad Tag' " decision update D-1 --tag 'Bad Tag'
bad "--tag replaces the tags; --add-tag and --remove-tag change them: give one or the other" \
	decision update D-1 --tag a --add-tag b
bad "--option 'X|bad' : 'bad' starts with neither|starts with neither 'pro:' nor 'con:'" \
	decision update D-2 --option 'X|bad'

# ---- evidence ----------------------------------------------------------
printf 'p95 92 ms\n' > bench.txt
ok evidence add --kind benchmark --title "latency run" --file bench.txt
EV=$OUT
hash=$(sql "SELECT sha256 || size_bytes FROM evidence WHERE id = ${EV#EV-}")
ok evidence update "$EV" --title "latency run, 10k rps" --summary "p95 92 ms at 10k rps"
eq "$OUT" "$EV updated: title, summary"
eq "$(sql "SELECT title || '|' || summary FROM evidence WHERE id = ${EV#EV-}")" "latency run, 10k rps|p95 92 ms at 10k rps"
eq "$(sql "SELECT sha256 || size_bytes FROM evidence WHERE id = ${EV#EV-}")" "$hash" "the hash never changes"
eq "$(last_audit evidence "${EV#EV-}")" "update"
# the artifact moved: its new place is checked against the recorded hash
mkdir moved && mv bench.txt moved/
ok evidence update "$EV" --uri "$T/moved/bench.txt"
eq "$OUT" "$EV updated: uri"
ok evidence check "$EV" --format csv
has ',match,'
ok evidence update "$EV" --summary ''
eq "$(sql "SELECT coalesce('''' || summary || '''', 'NULL') FROM evidence WHERE id = ${EV#EV-}")" "NULL"
ok evidence update "$EV" --title "latency run, 10k rps"
eq "$OUT" "$EV: no change (every value given is the current one)"
bad "nothing to change; give one of: --title, --summary, --uri" evidence update "$EV"
bad "unknown option '--file'" evidence update "$EV" --file moved/bench.txt
bad "unknown option '--sha256'" evidence update "$EV" --sha256 00
bad "--title '' is empty" evidence update "$EV" --title ''
bad "there is no evidence EV-99" evidence update EV-99 --title x

# ---- review ------------------------------------------------------------
ok review add --on 2026-11-20 --attendees ana --notes "first look"
RV=$OUT
ok review update "$RV" --attendees ana,bo --on 2026-11-21 --blueprint BP-1
eq "$OUT" "$RV updated: held_on, blueprint, attendees"
ok review show "$RV" --format csv
has '2026-11-21,BP-1,"ana, bo"'
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'review_attendee' AND action = 'insert'")" 2 "bo joined: one insert"
ok review update "$RV" --attendees bo
eq "$OUT" "$RV updated: attendees"
eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'review_attendee' AND action = 'delete'")" 1 "ana left: one delete"
printf 'decided to adopt MLflow\n\n' > notes.md
ok review update "$RV" --notes-file notes.md
eq "$(sql "SELECT notes FROM review WHERE id = ${RV#RV-}")" "decided to adopt MLflow"
ok review update "$RV" --attendees bo --on 2026-11-21
eq "$OUT" "$RV: no change (every value given is the current one)"
bad "nothing to change; give one of: --on, --blueprint, --attendees, --notes, --notes-file" review update "$RV"
bad "--on '2026-13-01' is not a date" review update "$RV" --on 2026-13-01
bad "--attendees 'zed' is not a known person" review update "$RV" --attendees ana,zed
bad "there is no review RV-99" review update RV-99 --notes x
bad "there is no blueprint BP-99" review update "$RV" --blueprint BP-99
bad "--notes and --notes-file are alternatives: give one" review update "$RV" --notes x --notes-file notes.md
bad "--notes-file '$T/none.md' cannot be read" review update "$RV" --notes-file "$T/none.md"
bad "--notes-file '$T' cannot be read: it is a directory" review update "$RV" --notes-file "$T"
bad "--attendees is empty" review update "$RV" --attendees ''
bad "--attendees has an empty item" review update "$RV" --attendees ana,,bo
bad "--blueprint: 'D-1' is a decision key, not a blueprint key" review update "$RV" --blueprint D-1

# ---- policy ------------------------------------------------------------
ok policy update ml-platform --appetite 12 --escalate-to ana
eq "$OUT" "ml-platform updated: appetite, escalate_to"
ok policy list --format csv
has '^ml-platform,12,7,90,30,ana,'
eq "$(last_audit policy 1)" "update"
ok policy update ml-platform --grace-days 7
eq "$OUT" "ml-platform: no change (every value given is the current one)"
bad "team 'data' has no policy \(teams with one: ml-platform\); 'docket policy set data' creates it" \
	policy update data --appetite 3
bad "--appetite '30' is not a whole number from 1 to 25" policy update ml-platform --appetite 30
bad "--escalate-to 'zed'" policy update ml-platform --escalate-to zed
bad "nothing to change; give one of: --appetite, --grace-days" policy update ml-platform
bad "--grace-days '366' is not a whole number from 0 to 365" policy update ml-platform --grace-days 366
bad "--escalate-to '' is not allowed|--escalate-to '' is empty" policy update ml-platform --escalate-to ''
bad "team 'ML' is not allowed" policy update ML --appetite 3

# ---- stage and gate (plan not approved) --------------------------------
ok stage update ST-1 --input "raw events" --input "label table" --deps-pinned no
eq "$OUT" "ST-1 updated: inputs, deps_pinned"
eq "$(sql "SELECT inputs || deps_pinned FROM stage WHERE id = 1")" '["raw events","label table"]0'
eq "$(last_audit stage 1)" "update"
ok stage update ST-1 --deps-pinned yes --input "raw events" --input "label table"
eq "$OUT" "ST-1 updated: deps_pinned"
ok stage update ST-1 --deps-pinned yes
eq "$OUT" "ST-1: no change (every value given is the current one)"
G=$(sql "SELECT 'G-' || min(id) FROM gate")
ok gate update "$G" --threshold 0.5 --op '<=' --today 2026-11-25
eq "$OUT" "$G updated: op, threshold"
eq "$(sql "SELECT op || threshold || defined_on FROM gate WHERE id = ${G#G-}")" "<=0.52026-11-25"
ok gate update "$G" --threshold 0.50
eq "$OUT" "$G: no change (every value given is the current one)"
bad "nothing to change; give one of: --input, --output" stage update ST-1
bad "--seed-fixed 'maybe' is not one of: yes, no" stage update ST-1 --seed-fixed maybe
bad "there is no stage ST-99" stage update ST-99 --seed-fixed no
bad "nothing to change; give one of: --metric, --op, --threshold" gate update "$G"
bad "--threshold 'high' is not a number" gate update "$G" --threshold high
bad "there is no gate G-999" gate update G-999 --op '<'
bad "--metric 'p95 ms' is not a metric name" gate update "$G" --metric 'p95 ms'
bad "--op '=<' is not one of: <=, <, >=, >, ==, !=; did you mean '<=', '<' or '=='\?$" gate update "$G" --op '=<'
bad "--input '' is empty" stage update ST-1 --input ''

# an approved plan's contract is frozen
steps_for_all
ok blueprint approve BP-1 --actor bo
bad "ST-2 belongs to BP-1, which is approved: its stage contract is frozen" stage update ST-2 --seed-fixed no
bad "$G belongs to BP-1, which is approved: its stage contract is frozen" gate update "$G" --threshold 1
# so is a superseded one's: it was approved (a newer approved plan replaced it)
ok blueprint generate --context CTX-1
steps_for_all
ok blueprint approve BP-2 --actor bo
eq "$(sql "SELECT status FROM blueprint WHERE id = 1")" "superseded"
bad "ST-2 belongs to BP-1, which is superseded: its stage contract is frozen" stage update ST-2 --seed-fixed no
bad "$G belongs to BP-1, which is superseded: its stage contract is frozen" gate update "$G" --threshold 1
bad "^docket: stage set: BP-1 is superseded: its stage contract is frozen" stage set ST-2 --seed-fixed no
bad "^docket: gate add: BP-1 is superseded: its stage contract is frozen" \
	gate add --stage ST-2 --metric m --op '<=' --threshold 1
bad "^docket: gate remove: BP-1 is superseded: its stage contract is frozen" gate remove "$G"

# ---- person (update is edit's other name) ------------------------------
ok person update bo --login bchen
eq "$(sql "SELECT login FROM person WHERE handle = 'bo'")" "bchen"

# the trail shows the updates and still verifies
ok audit log --entity decision --format csv
has ',update,decision,'
ok audit verify
done_
