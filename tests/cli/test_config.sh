#!/bin/bash
# Where the database is and who is acting: --db, DOCKET_DB, docket.db here
# or in the nearest parent, the config file's db; the config file itself
# (XDG_CONFIG_HOME/docket/config: keys, comments, bad lines named by file
# and line, atomic rewrites that keep the other lines); docket config
# get|set|unset|list and docket whoami.
. "$(dirname "$0")/lib.sh"
seed
CFG="$XDG_CONFIG_HOME/docket/config"
DB=$DOCKET_DB
DB_RE=$(re_quote "$DB")

# --- the config file: reading it ---------------------------------------
ok config list --format csv
has "^db,$DB_RE,env,DOCKET_DB"
ok config list
has '^actor +tester +env +DOCKET_ACTOR'
has '^color +auto +default'
has '^pager +less -FRX +default'
has "config file: $CFG \(not there yet\)"
[ ! -e "$XDG_CONFIG_HOME" ] || fail "config list created the config directory"

mkdir -p "$(dirname "$CFG")"
printf '# my settings\n\ncolor = always\n  pager=less -S  \n' > "$CFG"
ok config list --format csv
has '^color,always,config,'"$CFG"':3.?$'
has '^pager,less -S,config,'"$CFG"':4.?$'
ok config get pager
eq "$OUT" "less -S" "config get pager"
NO_COLOR=1 ok config get color
eq "$OUT" "never" "NO_COLOR is above the config's color"
PAGER=more ok config get pager
eq "$OUT" "less -S" "the config's pager is above PAGER"
ok config list --format json
python3 - "$OUT" <<'PY' || fail "config list json"
import json, sys
rows = {r["key"]: r for r in json.loads(sys.argv[1])}
assert rows["color"]["origin"] == "config" and rows["color"]["value"] == "always", rows
assert rows["db"]["origin"] == "env", rows
PY

# bad lines stop every command, naming the file and the line; nothing is written
printf '\357\273\277color = never\r\npager = less\r\n' > "$CFG"
ok config get color
eq "$OUT" never "a byte-order mark and CRLF line ends"
ok config set color auto
ok config get color
eq "$OUT" auto "config set over a byte-order mark"
printf 'color = always\ncolour = never\n' > "$CFG"
bad "^docket: person list: $CFG:2: unknown key 'colour' \(keys: db, actor, color, pager\)$" person list
bad "$CFG:2: unknown key 'colour'" person add cy --name Cy
printf 'color = sometimes\n' > "$CFG"
bad "$CFG:1: color 'sometimes' is not one of: never, auto, always" risk list
printf '# fine\njust words\n' > "$CFG"
bad "$CFG:2: 'just words' is not 'key = value'" risk list
printf 'db = relative/docket.db\n' > "$CFG"
bad "$CFG:1: db 'relative/docket.db' is not an absolute path" risk list
printf 'actor = ana\nactor = bo\n' > "$CFG"
bad "$CFG:2: actor is set twice \(first on line 1\)" risk list
printf 'pager =\n' > "$CFG"
bad "$CFG:1: pager has no value" risk list
printf 'actor = a|b\n' > "$CFG"
bad "$CFG:1: actor 'a\|b' has a '\|'" risk list
printf 'pager = less\001\n' > "$CFG"
bad "$CFG:1: pager .* has a control character" risk list
bad "$CFG:1: pager" config get pager
bad "$CFG:1: pager" config list
# ... but set and unset mend the file
ok config unset pager
has "^removed pager from $CFG$"
ok config list
printf 'color = sometimes\n' > "$CFG"
ok config set color never
has "^set color = never in $CFG$"
eq "$(cat "$CFG")" "color = never" "config set replaced the bad line"
ok risk list

# --- the config file: writing it ----------------------------------------
rm -rf "$XDG_CONFIG_HOME"
ok config set color auto
eq "$(stat -c %a "$XDG_CONFIG_HOME/docket")" 700 "the config directory's mode"
eq "$(stat -c %a "$CFG")" 600 "the config file's mode"
printf '# colours\ncolor = auto\n\n# who I am\n# actor = someone\npager = less\n' > "$CFG"
chmod 644 "$CFG"
ok config set color always
ok config set actor ana
ok config set pager "less -R"
eq "$(cat "$CFG")" "$(printf '# colours\ncolor = always\n\n# who I am\n# actor = someone\npager = less -R\nactor = ana')" "comments and order kept"
eq "$(stat -c %a "$CFG")" 600 "a rewritten config file is mode 0600"
ls "$XDG_CONFIG_HOME/docket" > "$T/ls.txt"
eq "$(cat "$T/ls.txt")" "config" "no temporary file left behind"
before=$(cat "$CFG")
bad "color 'sometimes' is not one of: never, auto, always" config set color sometimes
bad "'colour' is not a config key \(keys: db, actor, color, pager\)" config set colour never
bad "'colour' is not a config key" config get colour
bad "actor 'a\|b' has a '\|'" config set actor 'a|b'
bad "pager '' is empty" config set pager ''
bad "VALUE is required" config set pager
eq "$(cat "$CFG")" "$before" "refused sets leave the file as it was"
ok config unset pager
has "^removed pager from $CFG$"
ok config unset pager
has "^pager is not set in $CFG: nothing to remove$"
grep -q '^pager' "$CFG" && fail "unset left the pager line"
# a last line without a newline is kept whole
printf 'color = never' > "$CFG"
ok config set pager more
eq "$(cat "$CFG")" "$(printf 'color = never\npager = more')" "set after a last line without a newline"
ok config set color always --format json
has '"color": "always"'
ok config unset color
ok config unset pager
ok config unset actor

# a config file that is a link stays one; its target is rewritten
printf 'color = never\n' > "$T/dotfiles-config"
rm -f "$CFG" && ln -s "$T/dotfiles-config" "$CFG"
ok config set pager more
[ -L "$CFG" ] || fail "config set replaced the link"
eq "$(cat "$T/dotfiles-config")" "$(printf 'color = never\npager = more')" "the link's target rewritten"
rm -f "$CFG"

# XDG_CONFIG_HOME unset, empty or relative: ~/.config
mkdir -p "$T/home/.config/docket"
printf 'color = never\n' > "$T/home/.config/docket/config"
OUT=$(env -u XDG_CONFIG_HOME HOME="$T/home" "$DOCKET" config get color); eq "$OUT" never "the default config under HOME"
OUT=$(XDG_CONFIG_HOME=relative HOME="$T/home" "$DOCKET" config get color); eq "$OUT" never "a relative XDG_CONFIG_HOME is ignored"
OUT=$(XDG_CONFIG_HOME= HOME="$T/home" "$DOCKET" config get color); eq "$OUT" never "an empty XDG_CONFIG_HOME is ignored"

# --- the actor: --actor, DOCKET_ACTOR, config, login name --------------
ok config set actor bo
ok --actor ana config get actor
eq "$OUT" ana "--actor is above everything"
ok config get actor
eq "$OUT" tester "DOCKET_ACTOR is above the config"
DOCKET_ACTOR= ok config get actor
eq "$OUT" bo "the config's actor"
DOCKET_ACTOR= ok config list --format csv
has "^actor,bo,config,$CFG:1.?$"
DOCKET_ACTOR= ok risk add --title "Config actor" --owner ana --likelihood 1 --impact 1 --due 2026-12-01
eq "$(sql "SELECT created_by FROM risk WHERE title = 'Config actor'")" bo "the config's actor is the one recorded"
ok config unset actor
DOCKET_ACTOR= USER=someone ok config get actor
eq "$OUT" someone "the login name last"

# --- whoami --------------------------------------------------------------
ok whoami
has '^actor +tester$'
has '^from +DOCKET_ACTOR$'
has '^person +$'
has "^database +$DB_RE$"
has "'tester' maps to no person in $DB_RE: link it with 'docket person edit HANDLE --login tester'"
ok --actor ' Ana ' whoami
has '^person +ana$'
has '^name +Ana Lima$'
has '^team +ml-platform$'
has '^matched_by +handle$'
hasnt 'maps to no person'
ok person edit bo --login tester
ok whoami --format json
python3 - "$OUT" <<'PY' || fail "whoami json"
import json, sys
r = json.loads(sys.argv[1])
assert r["actor"] == "tester" and r["from"] == "DOCKET_ACTOR", r
assert r["person"] == "bo" and r["name"] == "Bo Chen" and r["matched_by"] == "login", r
PY
ok config set actor ana
DOCKET_ACTOR= ok whoami
has "^from +'actor' in $CFG:1$"
has '^person +ana$'
ok config unset actor
bad "--actor '' is empty" --actor '' whoami

# --- finding the database ------------------------------------------------
unset DOCKET_DB
mkdir -p "$T/proj/a/b" "$T/empty"
cd "$T/proj"
ok init
has "^created docket.db "
[ -f "$T/proj/docket.db" ] || fail "init made no ./docket.db"
ok person add ana --name "Ana Lima" --team ml
cd "$T/proj/a/b"
ok person list
has '^ana +Ana Lima'
ok whoami
has "^database +$T/proj/docket.db$"
ok config list --format csv
has "^db,$T/proj/docket.db,search,a parent directory.?$"
# init never goes upward: it makes ./docket.db, which then is the nearest
ok init
[ -f "$T/proj/a/b/docket.db" ] || fail "init in a subdirectory made no ./docket.db"
ok person list
hasnt 'ana'
ok config get db
eq "$OUT" docket.db "the current directory's database first"
# the environment and the option above the search
DOCKET_DB="$T/proj/docket.db" ok person list
has '^ana '
ok --db "$T/proj/docket.db" person list
has '^ana '
ok person list --db "$DB"
has '^bo '
rm -f "$T/proj/a/b/docket.db"*

# nothing found: every place tried is named (skipped if a directory above
# the test's has a docket.db of its own)
rm -f "$T/docket.db"*
cd "$T/empty"
stray=
d=$T/empty
while [ "$d" != / ]; do d=$(dirname "$d"); [ -e "$d/docket.db" ] && stray=$d/docket.db; done
if [ -z "$stray" ]; then
	status 3 risk list
	eq "$ERR" "docket: risk list: no database: not --db, DOCKET_DB, ./docket.db or a parent's, nor 'db' in $CFG; create one with 'docket init'" "the no-database message"
	status 3 config get db
	ok config list --format csv
	has '^db,,none,no database found.?$'
	ok whoami
	has "no database: not --db"
	has "so 'tester' maps to no person"
	# the config's db, last
	ok config set db "$T/proj/docket.db"
	ok person list
	has '^ana '
	ok config list --format csv
	has "^db,$T/proj/docket.db,config,$CFG:1.?$"
	ok config set db "$T/gone.db"
	status 3 person list
	echo "$ERR" | grep -q "no database at '$T/gone.db' (named by 'db' in $CFG:1; 'docket --db $T/gone.db init' creates it)" ||
		fail "a missing config db: $ERR"
	# a relative db is made absolute when set; ~/ is the home directory
	cd "$T/proj"
	ok config set db docket.db
	has "^set db = $T/proj/docket.db in $CFG$"
	ok config set db '~/x.db'
	eq "$(cat "$CFG")" "db = ~/x.db" "~/ is kept in the file"
	HOME="$T/proj" ok config get db --db "$T/proj/docket.db"
	cd "$T/empty"
	HOME="$T/proj" status 3 person list
	echo "$ERR" | grep -q "no database at '$T/proj/x.db'" || fail "~/ in the config's db: $ERR"
	ok config unset db
else
	echo "test_config.sh: $stray exists, so the nothing-found checks are skipped"
fi
cd "$T"
done_
