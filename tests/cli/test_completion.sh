#!/bin/bash
# Shell completion: share/completions/generate.sh makes the files from this
# docket (the build does the same, and they must be the same bytes), and
# both load in their shell and complete commands, subcommands, options and
# enumeration values, and the data: record keys by kind (with their titles
# in zsh), person handles, teams, tags and help's commands, from the
# database the command would open.
. "$(dirname "$0")/lib.sh"
C="$T/gen"
mkdir "$C"
bash "$DOCKET_SOURCE_DIR/share/completions/generate.sh" "$DOCKET" "$C" || fail "generate.sh failed"
if [ -n "${DOCKET_BUILD_DIR:-}" ]; then
	for f in docket.bash _docket; do
		CHECKS=$((CHECKS + 1))
		cmp -s "$C/$f" "$DOCKET_BUILD_DIR/completions/$f" ||
			fail "the build's completions/$f is not what generate.sh makes from this docket"
	done
fi

# bash: what the completion offers for a command line whose last word is
# being typed.
bash_complete() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _docket; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		_ "$C/docket.bash" "$@"
}
OUT=$(bash_complete docket ri); eq "$OUT" "risk " "bash: a command"
OUT=$(bash_complete docket risk ""); eq "$OUT" "accept add close escalations list overdue show step update withdraw " "bash: subcommands"
OUT=$(bash_complete docket risk add --t); eq "$OUT" "--title --today --treatment " "bash: options of the command and global ones"
OUT=$(bash_complete docket risk add --category ""); eq "$OUT" "compliance cost data model ops security " "bash: risk categories"
OUT=$(bash_complete docket --db x.db risk list --status ""); eq "$OUT" "accepted all closed mitigating open withdrawn " "bash: statuses, after a global option"
OUT=$(bash_complete docket context add x --problem ""); eq "$OUT" "batch online streaming " "bash: problem types"
OUT=$(bash_complete docket evidence add --kind e); eq "$OUT" "experiment " "bash: evidence kinds"
OUT=$(bash_complete docket decision add --area s); eq "$OUT" "serving " "bash: areas"
OUT=$(bash_complete docket --format ""); eq "$OUT" "csv json md table " "bash: formats"
OUT=$(bash_complete docket --color ""); eq "$OUT" "always auto never " "bash: colour modes"
OUT=$(bash_complete docket --color never --no-pager risk list --status ""); eq "$OUT" "accepted all closed mitigating open withdrawn " "bash: after --color and --no-pager"
OUT=$(bash_complete docket report weekly --format h); eq "$OUT" "html " "bash: the report's formats"
OUT=$(bash_complete docket stage set ST-1 --seed-fixed ""); eq "$OUT" "no yes " "bash: yes or no"
OUT=$(bash_complete docket risk step ""); eq "$OUT" "add record show " "bash: step actions"
OUT=$(bash_complete docket risk add --due to); eq "$OUT" "today tomorrow " "bash: date words"
touch rows.csv
OUT=$(bash_complete docket import people row); eq "$OUT" "rows.csv " "bash: files"
OUT=$(bash_complete docket copy --from row); eq "$OUT" "rows.csv " "bash: copy's --from is a file"
OUT=$(bash_complete docket copy --from a.db --to row); eq "$OUT" "rows.csv " "bash: copy's --to is a file"

OUT=$(bash_complete docket lineage --d); eq "$OUT" "--db --depth --down " "bash: options of a command with no subcommands"

# The data: keys, handles, teams and tags from the database the command
# would open, through docket __complete.
seed
ok person add cy --name "Cy Diaz" --team data
seed_policy
ok policy set risk-team --appetite 9 --grace-days 7 --acceptance-days 90 --default-due-days 30 --escalate-to bo
for i in $(seq 1 12); do
	"$DOCKET" risk add --title "Risk number $i" --owner ana --likelihood 1 --impact 1 --due 2026-12-01 >/dev/null || fail "risk $i"
done
ok decision add --title "Serve with KServe" --area serving --problem p --option KServe --chosen KServe --rationale r --tag infra --tag serving-stack
ok evidence add --kind benchmark --title "Load test"
ok review add --on 2026-11-20 --attendees ana,bo
ok risk step add R-2 --check "latency" --metric p95_latency_ms --op '<=' --threshold 120

ok __complete risk R-1
eq "$OUT" "$(printf 'R-1\tRisk number 1\nR-12\tRisk number 12\nR-11\tRisk number 11\nR-10\tRisk number 10')" "__complete: keys with their titles"
ok __complete person ""
eq "$OUT" "$(printf 'ana\tAna Lima, ml-platform\nbo\tBo Chen, ml-platform\ncy\tCy Diaz, data')" "__complete: handles"
ok __complete persons "ana,B"
eq "$OUT" "$(printf 'ana,bo\tBo Chen, ml-platform')" "__complete: the last of a list"
ok __complete help ris
eq "$OUT" "$(printf 'risk\tresidual risks: owners, due dates, verification, acceptance')" "__complete: commands for help"
ok __complete nonsense x
eq "$OUT" "" "__complete: an unknown kind prints nothing"
ok --db "$T/none.db" __complete risk ""
eq "$OUT$ERR" "" "__complete: no database, nothing printed"
[ ! -e "$T/none.db" ] || fail "__complete created a database"
before=$(dbhash)
ok __complete risk ""
eq "$(dbhash)" "$before" "__complete writes nothing"

OUT=$(bash_complete "$DOCKET" risk show R-1); eq "$OUT" "R-1 R-10 R-11 R-12 " "bash: risk keys"
OUT=$(bash_complete "$DOCKET" risk show 1); eq "$OUT" "R-1 R-10 R-11 R-12 " "bash: a bare number is a risk key"
OUT=$(bash_complete "$DOCKET" risk show R-1 ""); eq "$OUT" " " "bash: risk show takes one key (an empty reply)"
OUT=$(bash_complete "$DOCKET" decision show ""); eq "$OUT" "D-1 " "bash: decision keys"
OUT=$(bash_complete "$DOCKET" blueprint diff BP-1 ""); eq "$OUT" " " "bash: no blueprints (an empty reply)"
OUT=$(bash_complete "$DOCKET" decision link D-1 --evidence ""); eq "$OUT" "EV-1 " "bash: evidence keys for --evidence"
OUT=$(bash_complete "$DOCKET" risk step add ""); has "^R-1 R-10 R-11 R-12 R-2 "
OUT=$(bash_complete "$DOCKET" risk step record ""); eq "$OUT" "VS-1 " "bash: step keys after the action"
OUT=$(bash_complete "$DOCKET" lineage E); eq "$OUT" "EV-1 " "bash: any kind of key"
OUT=$(bash_complete "$DOCKET" risk add --owner ""); eq "$OUT" "ana bo cy " "bash: handles for --owner"
OUT=$(bash_complete "$DOCKET" risk accept R-1 --approver b); eq "$OUT" "bo " "bash: handles for --approver"
OUT=$(bash_complete "$DOCKET" decision list --maker c); eq "$OUT" "cy " "bash: handles for --maker"
OUT=$(bash_complete "$DOCKET" review add --attendees ana,); eq "$OUT" "ana,ana ana,bo ana,cy " "bash: handle lists"
OUT=$(bash_complete "$DOCKET" --actor ""); eq "$OUT" "ana bo cy " "bash: handles for --actor"
OUT=$(bash_complete "$DOCKET" person edit ""); eq "$OUT" "ana bo cy " "bash: person edit takes a handle"
OUT=$(bash_complete "$DOCKET" person add ""); eq "$OUT" " " "bash: person add takes a new handle (an empty reply)"
OUT=$(bash_complete "$DOCKET" risk list --team ""); eq "$OUT" "data ml-platform risk-team " "bash: teams, of people and policies"
OUT=$(bash_complete "$DOCKET" policy set ""); eq "$OUT" "data ml-platform risk-team " "bash: policy set takes a team"
OUT=$(bash_complete "$DOCKET" decision list --tag s); eq "$OUT" "serving-stack " "bash: tags"
OUT=$(bash_complete "$DOCKET" help ""); has "^audit backup blueprint catalog check config context copy dates decision .* risk search stage whoami $"
for topic in dates formats keys exit-codes environment; do has " $topic "; done
OUT=$(bash_complete "$DOCKET" help ex); eq "$OUT" "exit-codes export " "help ex<Tab>: a topic and a command"
OUT=$(bash_complete "$DOCKET" help ri); eq "$OUT" "risk " "bash: help, a command"
OUT=$(bash_complete "$DOCKET" help risk s); eq "$OUT" "show step " "bash: help, a subcommand"
OUT=$(bash_complete "$DOCKET" config get ""); eq "$OUT" "actor color db pager " "bash: config keys"
# the --db on the line being completed, before or after the command
mkdir other
"$DOCKET" --db other/o.db init >/dev/null && "$DOCKET" --db other/o.db person add zed --name Zed >/dev/null || fail "other database"
OUT=$(bash_complete "$DOCKET" --db other/o.db risk add --owner ""); eq "$OUT" "zed " "bash: the line's --db"
OUT=$(bash_complete "$DOCKET" risk add --db=other/o.db --owner ""); eq "$OUT" "zed " "bash: the line's --db=, after the command"
OUT=$(bash_complete "$DOCKET" risk add --db = other/o.db --owner ""); eq "$OUT" "zed " "bash: the line's --db=, as bash splits it"
OUT=$(bash_complete "$DOCKET" --db = other/o.db person edit ""); eq "$OUT" "zed " "bash: --db=, as bash splits it, before the command"
OUT=$(bash_complete "$DOCKET" --db nowhere.db risk show ""); eq "$OUT" " " "bash: no database, no candidates (an empty reply)"
# the database found by the upward search, as the command would (a file:
# $T/docket.db is the test's database on SQLite alone)
if on_sqlite; then
	mkdir -p sub/deeper
	OUT=$(cd sub/deeper && env -u DOCKET_DB bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _docket; printf "%s " "${COMPREPLY[@]}"' _ "$C/docket.bash" "$DOCKET" risk show R-1)
	eq "$OUT" "R-1 R-12 R-11 R-10 " "bash: the parent directory's database"
fi

# zsh: the completion function run with compadd and _files recording what
# they are given (and compadd -d's descriptions in $shown).
zsh_complete() {
	zsh -f -c 'reply=(); shown=()
		compadd() { local d=; while [[ $1 == -* && $1 != -- ]]; do case $1 in -d) d=$2; shift 2 ;; *) shift ;; esac; done
			[[ $1 == -- ]] && shift; reply+=("$@"); [[ -n $d ]] && shown+=("${(@P)d}"); }
		_files() { reply+=(FILES); }
		words=("${@:2}"); CURRENT=${#words}; . "$1"; print -rl -- $reply | sort | tr "\n" " "
		[[ -z $ZSH_SHOWN ]] || print -rl -- $shown > $ZSH_SHOWN' _ "$C/_docket" "$@"
}
if command -v zsh >/dev/null; then
	OUT=$(zsh_complete docket ""); has "^audit backup blueprint catalog check config context copy decision "
	OUT=$(zsh_complete docket decision ""); has "^accept add deprecate export-md graph link list reject show supersede toc unlink update withdraw $"
	OUT=$(zsh_complete docket risk list --sort ""); eq "$OUT" "due owner score " "zsh: sort keys"
	OUT=$(zsh_complete docket risk add --treatment ""); eq "$OUT" "accept avoid mitigate transfer " "zsh: treatments"
	OUT=$(zsh_complete docket --actor me context add x --cloud ""); eq "$OUT" "aws azure gcp none other " "zsh: clouds, after a global option"
	OUT=$(zsh_complete docket gate add --op ""); eq "$OUT" "!= < <= == > >= " "zsh: operators"
	OUT=$(zsh_complete docket person add ana --); has "^--actor --color --db --email --format --help --login --name --no-pager --team --today $"
	OUT=$(zsh_complete docket import contexts ""); eq "$OUT" "FILES " "zsh: files"
	OUT=$(zsh_complete docket copy --to ""); eq "$OUT" "FILES " "zsh: copy's --to is a file"
	OUT=$(ZSH_SHOWN="$T/shown" zsh_complete "$DOCKET" risk show R-1); eq "$OUT" "R-1 R-10 R-11 R-12 " "zsh: risk keys"
	OUT=$(cat "$T/shown"); has "^R-1 -- Risk number 1$"
	has "^R-12 -- Risk number 12$"
	OUT=$(zsh_complete "$DOCKET" risk show r-1); eq "$OUT" "R-1 R-10 R-11 R-12 " "zsh: a lower-case key"
	OUT=$(ZSH_SHOWN="$T/shown" zsh_complete "$DOCKET" risk add --owner ""); eq "$OUT" "ana bo cy " "zsh: handles"
	OUT=$(cat "$T/shown"); has "^bo -- Bo Chen, ml-platform$"
	OUT=$(zsh_complete "$DOCKET" --db other/o.db risk list --owner ""); eq "$OUT" "zed " "zsh: the line's --db"
	OUT=$(zsh_complete "$DOCKET" risk list --team ""); eq "$OUT" "data ml-platform risk-team " "zsh: teams"
	OUT=$(zsh_complete "$DOCKET" decision add --tag ""); eq "$OUT" "infra serving-stack " "zsh: tags"
	OUT=$(zsh_complete "$DOCKET" risk step record ""); eq "$OUT" "VS-1 " "zsh: step keys after the action"
	OUT=$(ZSH_SHOWN="$T/shown" zsh_complete "$DOCKET" help re); eq "$OUT" "report review " "zsh: help, commands"
	OUT=$(cat "$T/shown"); has "^review -- design review meetings$"
	OUT=$(zsh_complete "$DOCKET" help decision ""); has "^accept add "
else
	echo "test_completion.sh: zsh is not installed, zsh checks skipped"
fi
done_
