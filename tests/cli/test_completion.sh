#!/bin/bash
# Shell completion: share/completions/generate.sh makes the files from this
# docket (the build does the same, and they must be the same bytes), and
# both load in their shell and complete commands, subcommands, options and
# enumeration values.
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

# zsh: the completion function run with compadd and _files recording what
# they are given.
zsh_complete() {
	zsh -f -c 'reply=(); compadd() { [[ $1 == -- ]] && shift; reply+=("$@"); }; _files() { reply+=(FILES); }
		words=("${@:2}"); CURRENT=${#words}; . "$1"; print -rl -- $reply | sort | tr "\n" " "' _ "$C/_docket" "$@"
}
if command -v zsh >/dev/null; then
	OUT=$(zsh_complete docket ""); has "^audit backup blueprint catalog check context decision "
	OUT=$(zsh_complete docket decision ""); has "^accept add deprecate export-md graph link list reject show supersede toc unlink update withdraw $"
	OUT=$(zsh_complete docket risk list --sort ""); eq "$OUT" "due owner score " "zsh: sort keys"
	OUT=$(zsh_complete docket risk add --treatment ""); eq "$OUT" "accept avoid mitigate transfer " "zsh: treatments"
	OUT=$(zsh_complete docket --actor me context add x --cloud ""); eq "$OUT" "aws azure gcp none other " "zsh: clouds, after a global option"
	OUT=$(zsh_complete docket gate add --op ""); eq "$OUT" "!= < <= == > >= " "zsh: operators"
	OUT=$(zsh_complete docket person add ana --); has "^--actor --color --db --email --format --help --login --name --no-pager --team --today $"
	OUT=$(zsh_complete docket import contexts ""); eq "$OUT" "FILES " "zsh: files"
else
	echo "test_completion.sh: zsh is not installed, zsh checks skipped"
fi
done_
