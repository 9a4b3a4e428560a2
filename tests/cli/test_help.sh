# git-style help: "did you mean" for commands, subcommands, options and
# values; unique prefixes; help topics held to the code; every help line
# within 80 columns; every missing required argument named at once.
. "$(dirname "$0")/lib.sh"
seed
ok risk add --title "Drift" --owner ana --likelihood 3 --impact 4 --due 2026-12-31

# exact messages: stderr is one line
err_is() { eq "$ERR" "$1" "stderr of the last command"; }

# --- did you mean ---
bad "did you mean" decison
err_is "docket: 'decison' is not a command; did you mean 'decision'?"
bad "did you mean" rsk list
err_is "docket: 'rsk' is not a command; did you mean 'risk'?"
bad "did you mean" risk lsit
err_is "docket: risk: 'lsit' is not a subcommand; did you mean 'list'?"
bad "did you mean" risk add --title T --ownr ana --likelihood 1 --impact 1
err_is "docket: risk add: unknown option '--ownr'; did you mean '--owner'?"
bad "did you mean" risk list --status opne
err_is "docket: risk list: --status 'opne' is not one of: open, mitigating, accepted, closed, withdrawn, all; did you mean 'open'?"
bad "did you mean 'table'\?$" risk list --format tabel
bad "--sort 'scroe' is not one of: .*; did you mean 'score'\?$" risk list --sort scroe
bad "--problem 'bach' is not one of: batch, online, streaming; did you mean 'batch'\?$" \
	context add x --owner ana --problem bach
bad "--format 'trea' is not one of: tree, .*; did you mean 'tree'\?$" lineage R-1 --format trea
bad "--style 'mdr' is not one of: adr-tools, madr; did you mean 'madr'\?$" \
	decision export-md --dir out --style mdr
bad "--format 'htm' is not one of: md, html, json; did you mean 'html'\?$" report weekly --format htm
# a global option, before the command
bad "unknown option '--formt'; did you mean '--format'\?" --formt csv person list
# a short option before the command is refused by name, not taken for an
# argument of the command ('unexpected argument R-1' named the wrong word)
bad "^docket: '-x' is not an option \(see 'docket --help'\)$" --format csv -x risk show R-1
bad "^docket: '-' is not an option \(see 'docket --help'\)$" -
ok --format csv -- risk show R-1
# what was typed is quoted without its control bytes: no terminal escape
# reaches the terminal through a message
no_esc() { CHECKS=$((CHECKS + 1)); ! printf '%s' "$ERR" | grep -q "$(printf '\033')" || fail "stderr has ESC: $ERR"; }
bad "^docket: 'ab\?\[31mred' is not a command \(see 'docket help'\)$" "$(printf 'ab\033[31mred')"
no_esc
bad "^docket: risk: 'l\?\[2J' is not a subcommand" risk "$(printf 'l\033[2J')"
no_esc
bad "^docket: risk list: unknown option '--x\?y' " risk list "--$(printf 'x\033y')"
no_esc
bad "^docket: risk list: --format '\?\[2J' is not one of" risk list --format "$(printf '\033[2J')"
no_esc
bad "^docket: risk show: unexpected argument 'x\?\[2J'$" risk show R-1 "$(printf 'x\033[2J')"
no_esc
bad "^docket: help: unexpected argument '\?'$" help dates "$(printf '\033')"
no_esc
bad "^docket: '-\?' is not an option" "$(printf -- '-\033')" risk list
no_esc
# --help after global options is help (exit 0 on stdout), not a missing command
ok --format csv --help
has "^usage: docket "
status 2 --format csv
# help that cannot be written (a full disk) is exit 3 with a message, as a
# command's output is, not exit 0 with nothing said
if [ -w /dev/full ]; then
	for args in "help" "help dates" "risk list --help" "risk --help" "--help" "--version"; do
		CHECKS=$((CHECKS + 1))
		"$DOCKET" $args > /dev/full 2> "$T/.err"; rc=$?
		[ "$rc" -eq 3 ] || fail "docket $args > /dev/full exited $rc, expected 3"
		grep -q "^docket: cannot write output: " "$T/.err" || fail "docket $args > /dev/full: $(cat "$T/.err")"
	done
fi
# a prefix of --help after a command with subcommands, as after a subcommand
ok risk --hel
has "^subcommands:$"
status 2 risk --
# help about help is the whole help, as 'git help --help'
ok help --help
has "^help topics \('docket help TOPIC'\):$"
ok help -h
has "^usage: docket "
# case is no obstacle to a suggestion
bad "did you mean 'open'\?" risk list --status OPEN
# transposition counts 1: 'lsit' is 1 from list (2 by Levenshtein); nothing
# within max(1, len/3) gets no suggestion, only the pointer to help
bad "'frobnicate' is not a command \(see 'docket help'\)$" frobnicate
hasnt_err() { CHECKS=$((CHECKS + 1)); ! echo "$ERR" | grep -q -- "$1" || fail "stderr has '$1': $ERR"; }
hasnt_err "did you mean"
bad "'lst' is not a subcommand; did you mean 'list'\?" person lst
bad "'plcy' is not a command \(see 'docket help'\)" plcy
# nothing typed gets no suggestion ('' is 1 from every one-letter word)
bad "^docket: risk list: --status '' is not one of: open, mitigating, accepted, closed, withdrawn, all$" \
	risk list --status ''
bad "^docket: '' is not a command \(see 'docket help'\)$" ''
bad "^docket: gate add: --op '' is not one of: <=, <, >=, >, ==, !=$" \
	gate add --stage ST-1 --metric m --op '' --threshold 1
bad "unknown option '--xyzzy' \(see 'docket risk list --help'\)$" risk list --xyzzy
bad "--status 'done' is not one of: open, mitigating, accepted, closed, withdrawn, all$" risk list --status done
# ties: up to three, as near as each other
bad "^docket: decision: 'lint' is not a subcommand; did you mean 'link' or 'list'\?$" decision lint
bad "'revport' is not a command; did you mean 'report'\?$" revport
bad "'reviw' is not a command; did you mean 'review'\?$" reviw
bad "--area 'dta' is not one of: .*; did you mean 'data'\?$" decision list --area dta
bad "unknown option '--tile'; did you mean '--title'\?$" risk add --tile T --owner ana --likelihood 1 --impact 1

# --- unique prefixes and aliases ---
ok dec ls
ok risk ls --format csv
has "^R-1,Drift,"
ok ris li --st open --form csv
has "^R-1,Drift,"
# the example 'docket help' gives
ok help
ex=$(echo "$OUT" | grep -o "('docket [^']*')" | head -1 | tr -d "()'" | cut -d' ' -f2-)
[ -n "$ex" ] || fail "no example of a prefix in docket help"
ok $ex
ok --form csv --d "$DOCKET_DB" per li
has "^ana,Ana Lima,"
ok risk add --tit "Skew" --own bo --lik 2 --imp 2 --due +30d
eq "$OUT" "R-2"
eq "$(sql "SELECT count(*) FROM risk WHERE id = 2 AND owner_id = (SELECT id FROM person WHERE handle = 'bo')")" 1 "--own is --owner"
bad "'re' is ambiguous: report, review$" re
bad "'s' is ambiguous: show, supersede$" decision s D-1
bad "option '--t' is ambiguous: --title, --today, --treatment$" risk add --t T
bad "option '--d' is ambiguous: --db, --decision, --description, --due$" risk add --d x
bad "option '--de' is ambiguous: --decision, --description$" risk add --de x
bad "option '--d' is ambiguous: --db, --description, --due$" risk update R-1 --d x
# an exact name wins over the longer names it begins
ok review add --on today --attendees ana,bo --notes "went well"
ok review show RV-1 --format json
has '"notes": "went well"'
printf 'minutes\n' > notes.txt
ok review add --on today --attendees ana --notes-f notes.txt
ok review show RV-2 --format json
has '"notes": "minutes'
# what a prefix named is what messages and the trail call it
bad "^docket: risk list: --status 'x' is not one of" ris l --status x
# rm is no alias: withdrawing is never a shortcut
bad "'rm' is not a subcommand" risk rm R-1

# --- every missing required argument at once ---
bad "^docket: decision add: --title, --area, --problem, --option, --chosen and --rationale are required$" decision add
bad "^docket: risk add: --owner, --likelihood and --impact are required$" risk add --title T
bad "^docket: risk add: --impact is required$" risk add --title T --owner ana --likelihood 1
bad "^docket: person add: HANDLE and --name are required$" person add
bad "^docket: person add: --name is required$" person add dee

# --- help and its topics ---
ok help
# the topics come last, after the commands
eq "$(echo "$OUT" | tail -6 | awk '{print $1}' | tr '\n' ' ')" "dates formats keys exit-codes check environment " "topics listed last"
has "^help topics"
for t in dates formats keys exit-codes check environment; do
	ok help "$t"
	[ -n "$OUT" ] || fail "help $t is empty"
done
ok help dates
has "^  eow +the Sunday that ends today's ISO week"
has "^  \+Nd, -Nd "
ok help formats
for f in table md csv json tree dot; do has "^  $f +"; done
has "byte-stable in pipes"
ok help keys
# every kind of key key.c knows
for k in $(grep -o '{"[A-Z]*", "[a-z ]*"}' "$DOCKET_SOURCE_DIR/src/core/key.c" | sed 's/{"\([A-Z]*\)".*/\1/'); do
	has "^  $k-N +[a-z]"
done
ok help exit
has "^  0 success"
has "^  3 a database or system error"
ok help exit-codes
# the check rules are the rules check.c applies, every one of them
ok help check
has "^usage: docket check"
shown=$(echo "$OUT" | sed -n '/^rules:/,$p' | awk '/^  [A-Z]/ {print $2}' | sort -u)
coded=$(grep -o "'[a-z]*-[a-z-]*'" "$DOCKET_SOURCE_DIR/src/core/check.c" | tr -d "'" | sort -u)
eq "$shown" "$coded" "the rules help check lists and those check.c applies"
[ "$(echo "$shown" | wc -l)" -ge 10 ] || fail "too few rules: $shown"
for sev in STOP ESCALATE WARN; do has "^  $sev +[a-z]"; done
# every DOCKET_ variable the program reads
ok help environment
for v in $(grep -ho 'getenv("DOCKET_[A-Z_]*")' "$DOCKET_SOURCE_DIR"/src/cli/*.c "$DOCKET_SOURCE_DIR"/src/core/*.c |
	sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	has "^  $v "
done
ok help env
has "^  DOCKET_DB "
ok help risk
has "^subcommands:"
ok help risk ls
has "^usage: docket risk list"
ok help dec add
has "^usage: docket decision add"
bad "^docket: help: 'dtaes' is not a command or help topic; did you mean 'dates'\?$" help dtaes
bad "^docket: help: 'zzzz' is not a command or help topic \(see 'docket help'\)$" help zzzz
bad "^docket: help: 'd' is ambiguous: dates, decision, dryrun$" help d
bad "^docket: help: risk: 'lsit' is not a subcommand; did you mean 'list'\?$" help risk lsit
bad "unexpected argument 'x'" help dates x
bad "unexpected argument 'x'" help init x
bad "unexpected argument 'y'" help risk list y

# --- 80 columns ---
wide() { awk -v w="$1" 'length > 80 { print w ": " length ": " $0 }'; }
ok help
echo "$OUT" | wide help > wide.txt
for t in dates formats keys exit-codes check environment; do
	"$DOCKET" help "$t" | wide "help $t" >> wide.txt
done
# under valgrind (20 to 50 times slower), every fifth command
every=1
[ -n "${VALGRIND:-}" ] && every=5
n=0
while read -r _ group sub _; do
	case "$sub" in [a-z]*) ;; *) sub= ;; esac
	n=$((n + 1))
	[ $((n % every)) -eq 0 ] || continue
	"$DOCKET" $group $sub --help | wide "$group $sub --help" >> wide.txt
	[ -z "$sub" ] || "$DOCKET" $group --help | wide "$group --help" >> wide.txt
done < <("$DOCKET" synopsis)
CHECKS=$((CHECKS + 1))
[ "$n" -gt 50 ] || fail "only $n commands in the synopsis"
[ ! -s wide.txt ] || fail "help wider than 80 columns: $(cat wide.txt)"
# the usage wraps under its first argument; each option's first line keeps
# the form the completions read (description from column 30)
ok decision add --help
has "^usage: docket decision add --title TEXT "
has "^                           \[?--"
has "^  --title TEXT               "
OUT=$(echo "$OUT" | sed -n '/^usage:/,/^$/p' | tr -s ' \n' '  ')
has "^usage: docket decision add --title TEXT --area AREA --problem TEXT .*\[--review-by DATE\]"
# the synopsis stays one line a command (the man page test reads it)
ok synopsis
has "^docket context add .*--out-of-scope TEXT\]\.\.\.$"
done_
