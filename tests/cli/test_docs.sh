# The documentation agrees with the program: CI runs the README's test
# command, the man page names every command in the command table, and every
# environment variable is documented.
. "$(dirname "$0")/lib.sh"
not_per_engine "the README, the man page and .ci/run"
ci_cmd=$(grep -E '^apt-get ' "$DOCKET_SOURCE_DIR/.ci/run")
grep -qxF "    $ci_cmd" "$DOCKET_SOURCE_DIR/README.md" || fail ".ci/run does not run the README's test command"
CHECKS=$((CHECKS + 1))
man="$DOCKET_SOURCE_DIR/share/man/docket.1"
[ -f "$man" ] || fail "no man page"
"$DOCKET" synopsis > synopsis.txt
# the man page as plain text: roff's \- is a hyphen, fonts dropped
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man" > man.txt
[ "$(wc -l < synopsis.txt)" -gt 5 ] || fail "synopsis is too short"
while read -r _ group sub _; do
	name="$group"
	case "$sub" in [a-z]*) name="$group $sub" ;; esac
	CHECKS=$((CHECKS + 1))
	grep -q "^\.B docket $name\b" man.txt || fail "man page lacks 'docket $name'"
done < synopsis.txt
# every option of every command is in the man page
for opt in $(grep -o -- '--[a-z0-9-]*' synopsis.txt | sort -u); do
	CHECKS=$((CHECKS + 1))
	grep -q -- "${opt}\b" man.txt || fail "man page lacks option $opt"
done
# every environment variable the program reads is under ENVIRONMENT, and
# in the README
vars=$(grep -ho 'getenv("DOCKET_[A-Z_]*")' "$DOCKET_SOURCE_DIR"/src/cli/*.c "$DOCKET_SOURCE_DIR"/src/core/*.c |
	sed 's/getenv("\(.*\)")/\1/' | sort -u)
[ "$(echo "$vars" | wc -w)" -ge 4 ] || fail "expected at least 4 DOCKET_ variables, found: $vars"
sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' man.txt > env.txt
for v in $vars; do
	CHECKS=$((CHECKS + 2))
	grep -qx "\.B $v" env.txt || fail "man page ENVIRONMENT lacks $v"
	grep -q "\`$v\`" "$DOCKET_SOURCE_DIR/README.md" || fail "README lacks $v"
done
done_
