#!/bin/bash
# Generates the bash and zsh completions from the command table, through
# `docket synopsis` (every command) and each command's --help (its options
# and, where the help lists them, the values an option takes), so that the
# completions cannot drift from the commands. The build runs it on the
# docket it built (BUILD_DIR/completions); cmake --install installs those.
# usage: share/completions/generate.sh DOCKET OUTDIR
set -eu
D=${1:?usage: generate.sh DOCKET OUTDIR}
OUT=${2:?usage: generate.sh DOCKET OUTDIR}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Tables are tab-separated: synopses and arguments (yes|no) hold '|'.
TAB=$(printf '\t')
# One line per command: group, sub, rest of the synopsis.
"$D" synopsis | awk '{
	g = $2; s = ""; rest = "";
	if (NF >= 3 && $3 ~ /^[a-z][a-z-]*$/) s = $3;
	for (i = (s == "" ? 3 : 4); i <= NF; i++) rest = rest (rest == "" ? "" : " ") $i;
	print g "\t" s "\t" rest }' > "$tmp/cmds"

# One line per option of each command: "group sub", --opt, ARG, description.
# A description wrapped onto more lines goes on under column 30.
while IFS=$TAB read -r g s rest; do
	"$D" $g $s --help </dev/null 2>/dev/null | awk -v cmd="$g${s:+ $s}" '
		function flush() { if (opt != "") print (global ? "*" : cmd) "\t" opt "\t" arg "\t" desc; opt = "" }
		/^  --/ { flush(); arg = ($2 ~ /^[A-Z0-9]/ || $2 ~ /\|/) ? $2 : "";
			opt = $1; desc = substr($0, 30); next }
		opt != "" && /^                             [^ ]/ { desc = desc " " substr($0, 30); next }
		{ flush() }
		/^global options:/ { global = 1 }
		END { flush() }'
done < "$tmp/cmds" | sort -u > "$tmp/opts"

# The values an option takes, when its help lists them ("a, b or c") or its
# argument is yes|no; else those listed for the same option and argument by
# another command; dates get the date words.
awk -F'\t' '
	function vals(arg, d,    n, i, w, out) {
		if (arg == "yes|no") return "yes no";
		if (arg == "DATE") return "today tomorrow yesterday eow eom";
		gsub(/ *\([^)]*\)/, "", d); sub(/^[a-z ]+: /, "", d); sub(/ +$/, "", d);
		if (d !~ /^[a-z0-9_<>=!.-]+(, [a-z0-9_<>=!.-]+)*,? or [a-z0-9_<>=!.-]+$/) return "";
		gsub(/,? or /, ", ", d); n = split(d, w, ", "); out = "";
		for (i = 1; i <= n; i++) out = out (i > 1 ? " " : "") w[i];
		return out }
	{ v = vals($3, $4); key[NR] = $1 "\t" $2 "\t" $3; val[NR] = v;
	  if (v != "" && !(($2 "|" $3) in byopt)) byopt[$2 "|" $3] = v }
	END { for (i = 1; i <= NR; i++) { split(key[i], k, "\t");
		v = val[i] != "" ? val[i] : ((k[2] "|" k[3]) in byopt ? byopt[k[2] "|" k[3]] : "");
		if (v != "") print k[1] "\t" k[2] "\t" v } }' "$tmp/opts" | sort -u > "$tmp/vals"

# Shell functions both shells read: the tables.
{
	printf '_docket_commands() { echo %s; }\n' "'$(cut -f1 "$tmp/cmds" | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//')'"
	echo '_docket_subcommands() {'
	echo '	case $1 in'
	awk -F'\t' '$2 != "" { subs[$1] = subs[$1] (subs[$1] == "" ? "" : " ") $2; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
		END { for (i = 1; i <= n; i++) printf "\t%s) echo '\''%s'\'' ;;\n", order[i], subs[order[i]] }' "$tmp/cmds"
	echo '	esac'
	echo '}'
	echo '# Options; a trailing = marks one that takes a value.'
	echo '_docket_options() {'
	echo '	case $1 in'
	awk -F'\t' '{ o = $2 ($3 != "" ? "=" : ""); if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
		opts[$1] = opts[$1] (opts[$1] == "" ? "" : " ") o }
		END { for (i = 1; i <= n; i++) printf "\t%s) echo '\''%s'\'' ;;\n", (order[i] == "*" ? "global" : "'\''" order[i] "'\''"), opts[order[i]] }' "$tmp/opts"
	echo '	esac'
	echo '}'
	echo '# Positional words: actions (risk step add|record|show) and files.'
	echo '_docket_positional() {'
	echo '	case $1 in'
	awk -F'\t' '{ cmd = $1 ($2 != "" ? " " $2 : ""); r = $3; sub(/ *\[.*/, "", r); sub(/ *--.*/, "", r);
		if (r ~ /^[a-z]+ [A-Z]+\|/) { n = split(r, p, "|"); a = "";
			for (i = 1; i <= n; i++) { split(p[i], w, " "); a = a (a == "" ? "" : " ") w[1] }
			printf "\t'\''%s'\'') echo '\''%s'\'' ;;\n", cmd, a }
		else if (r ~ /FILE|DIR/) printf "\t'\''%s'\'') echo '\''%s'\'' ;;\n", cmd, (r ~ /DIR/ && r !~ /FILE/ ? ":dirs" : ":files") }' "$tmp/cmds"
	echo '	esac'
	echo '}'
	echo '# Values of an option: command, option.'
	echo '_docket_values() {'
	echo '	case "$1 $2" in'
	awk -F'\t' '$1 != "*" { printf "\t'\''%s %s'\'') echo '\''%s'\'' ;;\n", $1, $2, $3 }' "$tmp/vals"
	awk -F'\t' '$1 == "*" { printf "\t*'\'' %s'\'') echo '\''%s'\'' ;;\n", $2, $3 }' "$tmp/vals"
	echo '	esac'
	echo '}'
	echo '# The command on the line: group and subcommand, skipping global options.'
	echo '_docket_command() {'
	echo '	local i=$1 w group= sub= subs'
	echo '	shift'
	echo '	while [ "$i" -gt 0 ] && [ $# -gt 0 ]; do'
	echo '		w=$1; shift; i=$((i - 1))'
	echo '		case $w in'
	echo '		--db|--actor|--today|--format|--color) [ $# -gt 0 ] && shift; i=$((i - 1)); continue ;;'
	echo '		-*) continue ;;'
	echo '		esac'
	echo '		if [ -z "$group" ]; then group=$w; subs=$(_docket_subcommands "$w"); [ -n "$subs" ] || break'
	echo '		else sub=$w; break; fi'
	echo '	done'
	echo '	echo "$group${sub:+ $sub}"'
	echo '}'
} > "$tmp/tables"

header() {
	echo "$1 completion for docket. Generated by share/completions/generate.sh from"
	echo "# \`docket synopsis\` and each command's --help: do not edit, regenerate."
}

{
	echo "# $(header bash)"
	cat "$tmp/tables"
	cat <<'EOF'
_docket() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd opts o v pos
	cmd=$(_docket_command "$((COMP_CWORD - 1))" "${COMP_WORDS[@]:1}")
	COMPREPLY=()
	opts="$(_docket_options global) $(_docket_options "$cmd")"
	for o in $opts; do
		if [ "$o" = "$prev=" ]; then
			v=$(_docket_values "$cmd" "$prev")
			if [ -n "$v" ]; then
				COMPREPLY=($(compgen -W "$v" -- "$cur"))
			else
				case $prev in --db|--file|--metrics|--notes-file) COMPREPLY=($(compgen -f -- "$cur")) ;;
				--catalog|--dir|--out) COMPREPLY=($(compgen -d -- "$cur")) ;; esac
			fi
			return 0
		fi
	done
	case $cmd in
	'' | *' '*) ;;
	*) if [ -n "$(_docket_subcommands "$cmd")" ]; then
		COMPREPLY=($(compgen -W "$(_docket_subcommands "$cmd")" -- "$cur")); return 0
	fi ;;
	esac
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$(_docket_commands) help" -- "$cur")); return 0
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(echo "$opts" | sed 's/=//g')" -- "$cur")); return 0
	fi
	pos=$(_docket_positional "$cmd")
	case $pos in
	:files) COMPREPLY=($(compgen -f -- "$cur")) ;;
	:dirs) COMPREPLY=($(compgen -d -- "$cur")) ;;
	'') ;;
	*) [ "$prev" = "${cmd##* }" ] && COMPREPLY=($(compgen -W "$pos" -- "$cur")) ;;
	esac
	return 0
}
complete -F _docket docket
EOF
} > "$OUT/docket.bash"

{
	echo '#compdef docket'
	echo "# $(header zsh)"
	cat "$tmp/tables"
	cat <<'EOF'
_docket() {
	local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cmd opts o v pos
	cmd=$(_docket_command $((CURRENT - 2)) "${(@)words[2,-1]}")
	opts="$(_docket_options global) $(_docket_options "$cmd")"
	for o in ${=opts}; do
		if [[ $o == "$prev=" ]]; then
			v=$(_docket_values "$cmd" "$prev")
			if [[ -n $v ]]; then
				compadd -- ${=v}
			else
				case $prev in --db|--file|--metrics|--notes-file) _files ;;
				--catalog|--dir|--out) _files -/ ;; esac
			fi
			return 0
		fi
	done
	if [[ -z $cmd ]]; then
		compadd -- ${=$(_docket_commands)} help; return 0
	fi
	if [[ $cmd != *' '* && -n $(_docket_subcommands "$cmd") ]]; then
		compadd -- ${=$(_docket_subcommands "$cmd")}; return 0
	fi
	if [[ $cur == -* ]]; then
		compadd -- ${=${opts//=/}}; return 0
	fi
	pos=$(_docket_positional "$cmd")
	case $pos in
	:files) _files ;;
	:dirs) _files -/ ;;
	'') ;;
	*) [[ $prev == "${cmd##* }" ]] && compadd -- ${=pos} ;;
	esac
	return 0
}
_docket "$@"
EOF
} > "$OUT/_docket"
