# Tables on a terminal: fitted to its width (columns dropped, text wrapped,
# keys and FIX commands whole), coloured (NO_COLOR, --color), and paged
# through $PAGER when taller than the screen (--no-pager). docket runs
# under a pseudo-terminal made by script(1); a pipe keeps its bytes.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "test_terminal.sh: script(1) is not installed, skipped"; exit 0; }
unset NO_COLOR LESS
export TERM=xterm PAGER="$T/pager" LINES=1000 COLUMNS=80
# the pager records that it ran, and with which LESS, then shows its input
cat > "$T/pager" <<'EOF'
#!/bin/sh
echo "ran LESS=${LESS-unset}" >> "$PAGER_LOG"
cat
EOF
chmod +x "$T/pager"
export PAGER_LOG="$T/pager.log"
ESC=$(printf '\033')

# on_tty FILE CMD...: docket CMD under a pseudo-terminal; what the screen
# showed (stdout and stderr, carriage returns dropped) in FILE, exit in RC.
on_tty() {
	local file=$1 cmd
	shift
	cmd=$(printf '%q ' "$DOCKET" "$@")
	CHECKS=$((CHECKS + 1))
	script -qec "$cmd" /dev/null </dev/null | tr -d '\r' > "$file"
	RC=${PIPESTATUS[0]}
}
# widest FILE: its widest line in display columns, colour escapes excluded.
widest() { sed "s/$ESC\[[0-9;]*m//g" "$1" | LC_ALL=C.UTF-8 wc -L; }
# fits FILE N: no line of FILE is wider than N columns.
fits() {
	CHECKS=$((CHECKS + 1))
	[ "$(widest "$1")" -le "$2" ] || fail "$1: a line is $(widest "$1") columns wide, over $2: $(cat "$1")"
}
# flat FILE: FILE on one line, escapes gone, runs of spaces as one.
flat() { sed "s/$ESC\[[0-9;]*m//g" "$1" | tr '\n' ' ' | tr -s ' '; }
pager_ran() { [ -s "$PAGER_LOG" ]; }

# Realistic data: a generated plan with its decisions and risks, a long
# title, an overdue risk with no step, a failed step, evidence from a file.
seed
seed_policy
ok person add alexandra-k --name "Alexandra Konstantinidou-Whitfield" --team ml-platform
ok context add fraud-scoring --owner ana --problem online --latency-p95-ms 80 --throughput-rps 3000 \
	--data-gb 40 --velocity "2 GB/day" --label-delay-days 30 --team-size 6 --availability 99.9 \
	--stack kubernetes,postgresql --cloud aws --compliance gdpr --budget-usd-month 15000 --retrain weekly
ok blueprint generate --context CTX-1
BP=$(echo "$OUT" | head -1)
ok risk add --title "Chargeback labels arrive later than thirty days, so the quality monitor reads a stale window" \
	--owner alexandra-k --due 2026-11-01 --likelihood 3 --impact 4 --category data
OVERDUE=$(echo "$OUT" | head -1)
ok risk add --title "Autoscaling lags a traffic spike" --owner bo --likelihood 3 --impact 4 --category ops
SPIKE=$(echo "$OUT" | head -1)
ok risk step add "$SPIKE" --check "p95 latency under a 3x spike" --metric p95_latency_ms --op '<=' \
	--threshold 120 --method "load test at 9,000 rps for ten minutes"
ok risk step record VS-"$(sql "SELECT max(id) FROM verification_step")" --value 180
printf 'rps,p95\n3000,74\n' > "$T/load-test-3000rps-ten-minutes.csv"
ok evidence add --kind benchmark --title "Load test of the FastAPI endpoint at 3,000 requests a second" \
	--file "$T/load-test-3000rps-ten-minutes.csv"
D=$(sql "SELECT 'D-' || min(id) FROM decision")
TRAIN=$("$DOCKET" stage list --blueprint "$BP" --format csv | grep ',train,' | cut -d, -f1)
ok stage set "$TRAIN" --seed-fixed no

# 1. Every line fits 80 columns; every key is there, and every FIX command
# whole (on one line when it fits in one, else on the lines under its row).
for cmd in "risk list" "check" "check --blueprint $BP" "decision show $D" "decision list" \
	"evidence list" "risk show $OVERDUE" "risk show $SPIKE" "risk overdue"; do
	name=$(echo "$cmd" | tr ' ' '_')
	# shellcheck disable=SC2086
	on_tty "$T/$name.tty" $cmd
	fits "$T/$name.tty" 80
	# shellcheck disable=SC2086
	"$DOCKET" $cmd --format csv 2>/dev/null | tail -n +2 | grep -o '\b[A-Z]\{1,3\}-[0-9]\+\b' | sort -u > keys.txt
	while read -r k; do
		CHECKS=$((CHECKS + 1))
		grep -qw -- "$k" "$T/$name.tty" || fail "$cmd: key $k is not whole on the terminal"
	done < keys.txt
done
# the audit log keeps its sequence and time; a row's JSON waits for a wider screen
on_tty "$T/audit.tty" audit log
fits "$T/audit.tty" 80
OUT=$(head -1 "$T/audit.tty"); has '^SEQ +AT +ACTOR +ACTION +ENTITY'
[ "$(grep -c . "$T/risk_list.tty")" -gt 3 ] || fail "risk list on a terminal is empty"
for cmd in "check" "check --blueprint $BP"; do
	name=$(echo "$cmd" | tr ' ' '_')
	# shellcheck disable=SC2086
	"$DOCKET" $cmd --format csv 2>/dev/null | tail -n +2 |
		python3 -c 'import csv, sys; [print(r[5]) for r in csv.reader(sys.stdin) if len(r) > 5]' > fixes.txt
	[ -s fixes.txt ] || fail "$cmd: no FIX to look for"
	while read -r fix; do
		CHECKS=$((CHECKS + 1))
		if [ "${#fix}" -le 78 ]; then
			grep -qxF -- "  $fix" "$T/$name.tty" || fail "$cmd: FIX '$fix' is not whole on a line"
		else
			flat "$T/$name.tty" | grep -qF -- "$fix" || fail "$cmd: FIX '$fix' is not whole"
		fi
	done < fixes.txt
done
# the long title is wrapped inside its column, not cut
OUT=$(cat "$T/risk_list.tty"); hasnt '…'; has "^$OVERDUE +Chargeback labels"
OUT=$(flat "$T/risk_list.tty"); has 'stale'
# low-value columns go first: the UUID and timestamps of a record stay, a
# list loses its likelihood and impact (the score stays)
OUT=$(head -1 "$T/risk_list.tty"); has 'SCORE'; hasnt 'LIKELIHOOD'; has 'TITLE'
OUT=$(cat "$T/check.tty"); has '^  FIX$'
# a wide terminal shows more columns; its size comes from the terminal itself
# when COLUMNS is not set
CHECKS=$((CHECKS + 1))
script -qec "stty cols 150 rows 50; unset COLUMNS; $(printf '%q ' "$DOCKET") risk list" /dev/null \
	</dev/null | tr -d '\r' > wide.tty
fits wide.tty 150
[ "$(widest wide.tty)" -gt 80 ] || fail "a 150-column terminal got an 80-column table: $(cat wide.tty)"
OUT=$(head -1 wide.tty); has 'LIKELIHOOD'
COLUMNS=60 on_tty narrow.tty risk list
fits narrow.tty 60

# 2. Colour: on a terminal; not under NO_COLOR or --color never; in a pipe
# only with --color always. It does not move the columns.
on_tty col.tty check
OUT=$(cat col.tty); has "${ESC}\[1;35mESCALATE${ESC}\[0m"; has "${ESC}\[1;31mSTOP${ESC}\[0m"
on_tty col.tty risk list
OUT=$(cat col.tty); has "${ESC}\[31m2026-11-01${ESC}\[0m"
on_tty col.tty risk show "$SPIKE"
OUT=$(cat col.tty); has "${ESC}\[31mfail${ESC}\[0m"
sed "s/$ESC\[[0-9;]*m//g" col.tty > col.plain
on_tty never.tty risk show "$SPIKE" --color never
OUT=$(cat never.tty); hasnt "$ESC"
cmp -s col.plain never.tty || fail "colour moved the columns: $(diff col.plain never.tty)"
NO_COLOR=1 on_tty nc.tty risk list
OUT=$(cat nc.tty); hasnt "$ESC"
NO_COLOR= on_tty nc.tty risk list
OUT=$(cat nc.tty); has "$ESC" # an empty NO_COLOR is no opt-out
NO_COLOR=1 on_tty nc.tty --color always risk list
OUT=$(cat nc.tty); has "$ESC" # the command line wins
TERM=dumb on_tty nc.tty risk list
OUT=$(cat nc.tty); hasnt "$ESC"
ok risk list
hasnt "$ESC"
status 1 --color always check --blueprint "$BP"
has "${ESC}\[1;31mSTOP${ESC}\[0m"
ok risk list --color=auto
hasnt "$ESC"
bad "--color 'sometimes' is not one of: never, auto, always" risk list --color sometimes
bad "--color needs a value" risk list --color
bad "--color 'x' is not one of" --color x risk list

# 3. A pipe gets the same bytes whatever the terminal would be: COLUMNS,
# LINES, PAGER and the new options change nothing; cells are cut at 60
# characters as before.
"$DOCKET" risk list > pipe.txt
COLUMNS=40 LINES=3 "$DOCKET" risk list > pipe2.txt
cmp -s pipe.txt pipe2.txt || fail "COLUMNS changed a pipe's output"
"$DOCKET" --no-pager --color never risk list > pipe2.txt
cmp -s pipe.txt pipe2.txt || fail "--no-pager or --color never changed a pipe's output"
OUT=$(cat pipe.txt); has 'Chargeback labels arrive later than thirty days, so the qua…'
[ "$(widest pipe.txt)" -gt 80 ] || fail "a pipe's table was fitted to a terminal"
for f in md csv json; do
	"$DOCKET" check --format "$f" > a.txt 2>/dev/null
	COLUMNS=40 "$DOCKET" check --format "$f" --color always > b.txt 2>/dev/null
	cmp -s a.txt b.txt || fail "--format $f changed with COLUMNS or --color always"
done
on_tty json.tty check --format json
OUT=$(cat json.tty); hasnt "$ESC"; has '"fix": "docket risk step add'

# 4. The pager: only on a terminal, only when the output is taller than it
rm -f "$PAGER_LOG"
on_tty short.tty risk list
pager_ran && fail "a table that fits the screen was paged"
LINES=10 on_tty paged.tty risk list
pager_ran || fail "a table taller than the screen was not paged"
OUT=$(cat "$PAGER_LOG"); has '^ran LESS=FRX$'
OUT=$(cat paged.tty); has "^$OVERDUE "
cmp -s paged.tty short.tty || fail "paged output differs from the same output unpaged"
rm -f "$PAGER_LOG"
LESS=R LINES=10 on_tty paged.tty risk list
OUT=$(cat "$PAGER_LOG"); has '^ran LESS=R$' # a LESS of one's own is kept
rm -f "$PAGER_LOG"
LINES=10 on_tty paged.tty check --blueprint "$BP"
eq "$RC" 1 "check under the pager keeps its exit status"
pager_ran || fail "a failing check's findings were not paged"
rm -f "$PAGER_LOG"
LINES=10 on_tty nopager.tty risk list --no-pager
pager_ran && fail "--no-pager paged"
cmp -s nopager.tty short.tty || fail "--no-pager changed the output"
LINES=10 PAGER=cat on_tty nopager.tty risk list
LINES=10 PAGER= on_tty nopager.tty risk list
pager_ran && fail "PAGER=cat or an empty PAGER paged"
cmp -s nopager.tty short.tty || fail "an empty PAGER changed the output"
LINES=10 "$DOCKET" risk list > /dev/null
pager_ran && fail "a pipe was paged"
LINES=10 on_tty err.tty risk list --status nonsense
eq "$RC" 2 "bad input on a terminal"
pager_ran && fail "an error was paged"
OUT=$(cat err.tty); has "^docket: risk list: --status"
LINES=10 PAGER=/nonexistent/pager on_tty missing.tty risk list
eq "$RC" 0 "a pager that cannot run"
OUT=$(cat missing.tty); has "could not be run; output follows unpaged"; has "^$OVERDUE "

# a user who quits the pager early is no error
LINES=10 PAGER="head -1" on_tty quit.tty risk list
eq "$RC" 0 "quitting the pager"
OUT=$(cat quit.tty); hasnt 'cannot write'

# 5. Past 1 MiB the output streams through the pager as it comes, whole
if [ -z "${VALGRIND:-}" ]; then
	long=$(printf 'with a long title %.0s' $(seq 1 9))
	{
		echo "title,owner,likelihood,impact,due"
		for i in $(seq 1 3000); do echo "imported risk $i $long,ana,2,3,2026-12-31"; done
	} > risks.csv
	ok import risks risks.csv
	"$DOCKET" risk list --format json > big.txt
	[ "$(wc -c < big.txt)" -gt 1100000 ] || fail "the long listing is only $(wc -c < big.txt) bytes"
	rm -f "$PAGER_LOG"
	LINES=10 on_tty big.tty risk list --format json
	eq "$RC" 0 "a long listing under the pager"
	eq "$(grep -c . "$PAGER_LOG")" 1 "the pager runs once"
	cmp -s big.txt big.tty || fail "the output streamed through the pager differs from a pipe's"
	LINES=10 PAGER="head -1" on_tty quit.tty risk list --format json
	eq "$RC" 0 "quitting the pager while the output streams"
	eq "$(cat quit.tty)" "[" "what the pager showed before it quit"
fi
done_
