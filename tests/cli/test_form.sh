#!/bin/bash
# decision add and risk add --edit (an editor on a template, as git commit
# does) and --from FILE|- (the same form without one); the editor here is
# a script that writes the file, so no terminal is needed.
. "$(dirname "$0")/lib.sh"
seed
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"
unset VISUAL
leftover() { ls "$T/tmp"; }

# editors: each copies the template it was given to seen.txt first
editor() { # editor NAME BODY: a script that does BODY with the file as $1
	printf '#!/bin/sh\ncp "$1" "%s/seen.txt"\n%s\n' "$T" "$2" > "$T/$1"
	chmod +x "$T/$1"
}
cat > risk.txt <<'FORM'
# my risk
Title: Feature drift in the ranker
Owner: ana
Likelihood: 3
Impact: 4
Due: +30d
Category: data

[Description]
Training and serving features diverge.

They are built by two pipelines.
FORM
editor fill "cat '$T/risk.txt' > \"\$1\""
editor same ":"
editor empty ": > \"\$1\""
editor fails "exit 1"
editor badfield "printf 'Title: x\\nColour: red\\n' > \"\$1\""
editor partial "printf 'Title: Only a title\\n' > \"\$1\""
editor badarea "sed -i 's/^Title:\$/Title: Use KServe/; s/^Area:\$/Area: servng/; s/^Chosen:\$/Chosen: KServe/; /^\\[Problem\\]\$/a the problem' \"\$1\""

# --edit: the template, then what was saved is recorded
EDITOR="$T/fill" ok risk add --edit
eq "$OUT" "R-1" "the form was recorded"
eq "$(leftover)" "" "the edited file is removed once recorded"
has_seen() { grep -qE -- "$1" "$T/seen.txt" || fail "the template lacks '$1'"; CHECKS=$((CHECKS + 1)); }
has_seen '^# docket risk add: fill in the form'
has_seen '^# Required: Title, Owner, Likelihood, Impact\.$'
has_seen '^# what could go wrong, in one line \(required\)$'
has_seen '^Title:$'
has_seen '^Due:$'
has_seen '^\[Description\]$'
eq "$(sql "SELECT title || '|' || category || '|' || due_on || '|' || score FROM risk WHERE id = 1")" \
	"Feature drift in the ranker|data|2026-12-23|12" "every field from the form"
eq "$(sql "SELECT description FROM risk WHERE id = 1")" "Training and serving features diverge.

They are built by two pipelines." "a section keeps its lines"

# the command line wins, and the template says so
EDITOR="$T/fill" ok risk add --edit --owner bo --impact 2
eq "$OUT" "R-2" "recorded"
has_seen '^# Owner: given on the command line, which wins$'
has_seen '^# Impact: given on the command line, which wins$'
has_seen '^# Required: Title, Likelihood\.$'
eq "$(sql "SELECT p.handle || '|' || r.impact FROM risk r JOIN person p ON p.id = r.owner_id WHERE r.id = 2")" \
	"bo|2" "the command line's values"
# $VISUAL before $EDITOR
VISUAL="$T/fill" EDITOR="$T/fails" ok risk add --edit
eq "$OUT" "R-3" "VISUAL is the editor"

# nothing recorded: unchanged, emptied, the editor failed (like git commit)
EDITOR="$T/same" bad "^docket: risk add: the form was not changed: nothing recorded$" risk add --edit
EDITOR="$T/empty" bad "the form is empty: nothing recorded" risk add --edit
EDITOR="$T/fails" bad "the editor '.*/fails' exited 1: nothing recorded" decision add --edit
eq "$(leftover)" "" "nothing of the user's to keep"

# a form that cannot be recorded keeps the user's text and says where
EDITOR="$T/badfield" bad "docket: risk add: $T/tmp/docket-risk-.{6}\\.txt:2: no field 'Colour' \\(fields: Title, Owner, .*\\); your text is kept in $T/tmp/docket-risk-.{6}\\.txt \\('docket risk add --from " risk add --edit
kept=$(leftover)
eq "$(echo "$kept" | wc -w)" 1 "one file kept"
eq "$(cat "$T/tmp/$kept")" "Title: x
Colour: red" "the text as typed"
rm -f "$T/tmp/$kept"
EDITOR="$T/partial" bad "docket: risk add: .*: Owner, Likelihood, Impact are missing \\(fill them in, or give --owner, --likelihood, --impact\\); your text is kept in" risk add --edit
kept=$(leftover)
eq "$(cat "$T/tmp/$kept")" "Title: Only a title" "kept"
# and it can be tried again with --from
ok risk add --from "$T/tmp/$kept" --owner ana --likelihood 1 --impact 1 --due +7d
eq "$OUT" "R-4" "retried from the kept file"
rm -f "$T/tmp/$kept"
EDITOR="$T/badarea" bad "docket: decision add: --area 'servng' is not one of.*; your text is kept in $T/tmp/docket-decision-" decision add --edit \
	--option KServe --rationale "canaries"
kept=$(leftover)
grep -q '^Area: servng$' "$T/tmp/$kept" || fail "the decision form is kept: $(cat "$T/tmp/$kept")"
CHECKS=$((CHECKS + 1))
has_seen '^\[Problem\]$'
has_seen '^# Options: given on the command line, which wins$'
sed -i 's/^Area: servng$/Area: serving/' "$T/tmp/$kept"
ok decision add --from "$T/tmp/$kept" --option KServe --rationale "canaries"
eq "$OUT" "D-1" "the corrected form"
eq "$(sql "SELECT title || '|' || area || '|' || problem || '|' || rationale FROM decision WHERE id = 1")" \
	"Use KServe|serving|the problem|canaries" "fields, section and command line"
rm -f "$T/tmp/$kept"

# --from FILE and --from - (stdin)
cat > decision.txt <<'FORM'
Title: Serve the ranker with KServe
Area: serving
Chosen: KServe
Makers: ana, bo
Review-by: +90d
Tag: serving
tag: ranker

[Problem]
The ranker needs canary rollouts.

[Options]
KServe|pro: canaries|con: Knative
BentoML|con: no canary

[Drivers]
latency
cost

[Rationale]
Canaries out of the box.
FORM
ok decision add --from decision.txt
eq "$OUT" "D-2" "from a file"
eq "$(sql "SELECT tags || '|' || drivers || '|' || makers || '|' || review_by FROM decision WHERE id = 2")" \
	'["serving","ranker"]|["latency","cost"]|["ana","bo"]|2027-02-21' "lists and repeated fields"
eq "$(sql "SELECT name || ':' || chosen || ':' || pros || cons FROM decision_option WHERE decision_id = 2 ORDER BY id" | joined ' ')" \
	'KServe:1:["canaries"]["Knative"] BentoML:0:[]["no canary"]' "one option a line"
ok decision add --from - --title "Serve with BentoML" --tag other --chosen BentoML < decision.txt
eq "$OUT" "D-3" "from stdin"
eq "$(sql "SELECT title || '|' || tags FROM decision WHERE id = 3")" 'Serve with BentoML|["other"]' \
	"the command line wins, a repeated option whole"
ok risk add --from - --impact 5 < risk.txt
eq "$(sql "SELECT impact FROM risk WHERE id = 5")" 5 "stdin, overridden"
printf 'Title: Short\nOwner: bo\nLikelihood: 2\nImpact: 2\nDue: 2026-12-01\nDescription: one line\n' > short.txt
ok risk add --from short.txt
eq "$(sql "SELECT description FROM risk WHERE id = 6")" "one line" "a section's field on one line"

# bad forms: file:line, every missing field at once, nothing written
printf 'Title: a\nTitle: b\n' > twice.txt
bad "^docket: risk add: twice.txt:2: Title is given twice \\(first on line 1\\)$" risk add --from twice.txt
printf 'Title: a\n[Colour]\nred\n' > section.txt
bad "section.txt:2: no section '\\[Colour\\]' \\(sections: \\[Description\\]\\)" risk add --from section.txt
printf 'Title: a\nthis is prose\n' > prose.txt
bad "prose.txt:2: 'this is prose' is not 'Name: value', a \\[Section\\] or a '#' comment" risk add --from prose.txt
printf '[Title]\nx\n' > asection.txt
bad "asection.txt:1: Title is a one-line field: write 'Title: value'" risk add --from asection.txt
bad "^docket: decision add: stdin: the form is empty: nothing recorded$" decision add --from - < /dev/null
printf 'Tag: x\n' > tagonly.txt
bad "^docket: decision add: tagonly.txt: Title, Area, Problem, Options, Chosen, Rationale are missing \\(fill them in, or give --title, --area, --problem, --option, --chosen, --rationale\\)$" \
	decision add --from tagonly.txt
bad "tagonly.txt: Area, Problem, Chosen are missing \\(fill them in, or give --area, --problem, --chosen\\)" \
	decision add --from tagonly.txt --title T --option A --rationale R
printf '# nothing\n\n' > empty.txt
bad "empty.txt: the form is empty: nothing recorded" risk add --from empty.txt
bad "--from 'missing.txt' cannot be read" risk add --from missing.txt
bad "--from '.' cannot be read" risk add --from .
printf 'Title: a\0b\n' > nul.txt
bad "nul.txt is not text" risk add --from nul.txt
printf 'Title: bad\001\nOwner: ana\nLikelihood: 1\nImpact: 1\nDue: +1d\n' > control.txt
bad "--title .* control character" risk add --from control.txt
bad "--likelihood '9'" risk add --from risk.txt --likelihood 9
bad "--edit and --from are alternatives" risk add --edit --from risk.txt
# without a form the options are required as before
bad "--title, --likelihood and --impact are required" risk add --owner ana
bad "--from needs a value" risk add --from
bad "--edit takes no value" risk add --edit=yes

ok audit verify
has 'intact'
eq "$(leftover)" "" "no file left behind"
done_
