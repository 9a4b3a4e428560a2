#!/bin/bash
# cmake --install puts each file where a distribution would: the program in
# bin, the man page in share/man/man1, the completions where bash-completion
# and zsh look, the catalog and examples in share/docket. The installed
# program runs, reads its installed catalog, and its completions load.
. "$(dirname "$0")/lib.sh"
if [ -z "${DOCKET_BUILD_DIR:-}" ]; then
	echo "test_install.sh: skipped, DOCKET_BUILD_DIR (the build to install) is not set"
	exit 0
fi
P="$T/p"
cmake --install "$DOCKET_BUILD_DIR" --prefix "$P" >install.log 2>&1 || fail "cmake --install failed: $(tail -5 install.log)"
SHARE=$P/share
for f in bin/docket share/man/man1/docket.1 share/bash-completion/completions/docket \
	share/zsh/vendor-completions/_docket share/docket/catalog/components.csv share/docket/catalog/README.md \
	share/docket/examples/demo.sh; do
	CHECKS=$((CHECKS + 1))
	[ -f "$P/$f" ] || fail "cmake --install did not install $f"
done
CHECKS=$((CHECKS + 1))
[ -x "$P/bin/docket" ] && [ -x "$P/share/docket/examples/demo.sh" ] || fail "the program and demo.sh are not executable"
for f in $(cd "$DOCKET_SOURCE_DIR/share/catalog" && ls); do
	CHECKS=$((CHECKS + 1))
	cmp -s "$DOCKET_SOURCE_DIR/share/catalog/$f" "$SHARE/docket/catalog/$f" || fail "installed catalog file $f differs"
done
eq "$(cmp -s "$DOCKET_BUILD_DIR/completions/docket.bash" "$SHARE/bash-completion/completions/docket" && echo same)" same "bash completion installed as docket"
eq "$(cmp -s "$DOCKET_BUILD_DIR/completions/_docket" "$SHARE/zsh/vendor-completions/_docket" && echo same)" same "zsh completion installed as _docket"
# nothing that belongs to the build or the tests
eq "$(cd "$P" && find . -type f | grep -E 'generate\.sh|dk_sql|replay_|test_|fuzz' | head -3)" "" "no build or test files installed"

DOCKET="$P/bin/docket"
ok --help
has 'usage: docket'
seed
seed_policy
ok context add ranker --owner ana --problem online --latency-p95-ms 120
ok blueprint generate --context CTX-1 --catalog "$SHARE/docket/catalog"
has 'BP-1'
eq "$(sql "SELECT catalog_sha256 FROM blueprint WHERE id = 1")" \
   "$("$DOCKET_BUILD_DIR/docket" blueprint generate --context CTX-1 >/dev/null && sql "SELECT catalog_sha256 FROM blueprint WHERE id = 2")" \
   "the installed catalog is the embedded one"
if command -v man >/dev/null; then
	CHECKS=$((CHECKS + 1))
	MANWIDTH=80 man -l "$SHARE/man/man1/docket.1" >man.txt 2>man.err
	grep -q 'docket' man.txt || fail "the installed man page does not render: $(head -3 man.err)"
fi
CHECKS=$((CHECKS + 1))
bash -c '. "$1"; complete -p docket' _ "$SHARE/bash-completion/completions/docket" >/dev/null || fail "the installed bash completion does not load"
# the README's first command runs the installed demo: it runs to the end
CHECKS=$((CHECKS + 1))
TMPDIR="$T" sh "$P/share/docket/examples/demo.sh" "$P/bin/docket" > demo.log 2>&1 ||
	fail "the demo stops: $(tail -5 demo.log)"
grep -q '^everything is kept in ' demo.log || fail "the demo did not finish: $(tail -3 demo.log)"

done_
