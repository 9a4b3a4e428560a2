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
	case $s in [!a-z]*) s= ;; esac # read takes two tabs for one: check's empty subcommand
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
	echo '# Options whose values are in the database: the kind docket __complete looks up.'
	echo '_docket_optkind() {'
	echo '	case "$1 $2" in'
	awk -F'\t' -v q="'" '
		function gkind(g) { return g ~ /^(risk|decision|context|blueprint|evidence|review|stage|gate)$/ ? g : "" }
		{ split($1, c, " "); o = $2; a = $3; n = substr(o, 3); k = "";
		  if (a == "HANDLE") k = "person"; else if (a == "H1,H2") k = "persons";
		  else if (a == "TEAM") k = "team"; else if (a == "TAG") k = "tag";
		  else if (a == "KEY") k = gkind(n) != "" ? n : (n == "by" ? gkind(c[1]) : "");
		  else if (o == "--actor") k = "person";
		  if (k == "") next;
		  if ($1 == "*") glob = glob sprintf("\t*%s %s%s) echo %s%s%s ;;\n", q, o, q, q, k, q);
		  else printf "\t%s%s %s%s) echo %s%s%s ;;\n", q, $1, o, q, q, k, q }
		END { printf "%s", glob }' "$tmp/opts"
	echo '	esac'
	echo '}'
	echo '# The kinds of a command'"'"'s positional words, in order ("-": none; a'
	echo '# trailing ... repeats; word=kind,...: by the first word, an action).'
	echo '_docket_poskinds() {'
	echo '	case $1 in'
	awk -F'\t' -v q="'" '
		function gkind(g) { return g ~ /^(risk|decision|context|blueprint|evidence|review|stage|gate|config)$/ ? g : (g == "lineage" ? "key" : "") }
		function mkind(m, g, s) {
			if (m ~ /^KEY[0-9]*$/) return gkind(g) != "" ? gkind(g) : "-";
			if (m == "HANDLE") return s == "add" ? "-" : "person";
			if (m == "TEAM") return "team"; if (m == "RISK") return "risk"; if (m == "STEP") return "step";
			return "-" }
		{ cmd = $1 ($2 != "" ? " " $2 : ""); r = $3; out = "";
		  if (r ~ /^[a-z]+ [A-Z]+\|/) {
			sub(/ *\[.*/, "", r); sub(/ *--.*/, "", r); n = split(r, p, "|");
			for (i = 1; i <= n; i++) { split(p[i], w, " "); out = out (i > 1 ? "," : "") w[1] "=" mkind(w[2], $1, $2) }
			out = "- " out
		  } else {
			n = split(r, t, " ");
			for (i = 1; i <= n; i++) { if (t[i] ~ /^\[?--/) break; m = t[i]; rep = m ~ /\.\.\./; gsub(/[][.]/, "", m);
				out = out (out == "" ? "" : " ") mkind(m, $1, $2) (rep ? "..." : "") }
		  }
		  if (out ~ /[a-z]/) printf "\t%s%s%s) echo %s%s%s ;;\n", q, cmd, q, q, out, q }' "$tmp/cmds"
	echo '	esac'
	echo '}'
	echo '# The positional words before the one being completed: how many words'
	echo '# precede it, then the words after the program name.'
	echo '_docket_args() {'
	echo '	local i=$1 w group= sub= opts=" $(_docket_options global) "'
	echo '	shift'
	echo '	while [ "$i" -gt 0 ] && [ $# -gt 0 ]; do'
	echo '		w=$1; shift; i=$((i - 1))'
	echo '		case $w in'
	echo '		--*=*) continue ;;'
	echo '		--*) case $opts in *" $w= "*)'
	echo '			# bash splits --db=x into --db, = and x'
	echo '			[ "${1-}" = = ] && [ $# -gt 1 ] && { shift; i=$((i - 1)); }'
	echo '			[ $# -gt 0 ] && shift; i=$((i - 1)) ;;'
	echo '		esac; continue ;;'
	echo '		esac'
	echo '		if [ -z "$group" ]; then'
	echo '			group=$w'
	echo '			[ -n "$(_docket_subcommands "$w")" ] && continue'
	echo '			opts=" $(_docket_options global) $(_docket_options "$group") "'
	echo '		elif [ -z "$sub" ] && [ -n "$(_docket_subcommands "$group")" ]; then'
	echo '			sub=$w; opts=" $(_docket_options global) $(_docket_options "$group $sub") "'
	echo '		else'
	echo '			echo "$w"'
	echo '		fi'
	echo '	done'
	echo '}'
	echo '# The kind of the positional word being completed: command, how many'
	echo '# positional words precede it, the first of them.'
	echo '_docket_kind() {'
	echo '	local spec t k n=0 want=$2 first=${3-}'
	echo '	spec=$(_docket_poskinds "$1")'
	echo '	while [ -n "$spec" ]; do'
	echo '		t=${spec%% *}'
	echo '		if [ "$t" = "$spec" ]; then spec=; else spec=${spec#* }; fi'
	echo '		case $t in *...) k=${t%...}; [ "$n" -le "$want" ] && break ;; esac'
	echo '		k=$t; [ "$n" -eq "$want" ] && break'
	echo '		k=; n=$((n + 1))'
	echo '	done'
	echo '	case $k in'
	echo '	*=*) k=",$k,"; t=${k#*,"$first"=}; [ "$t" = "$k" ] && return 0; k=${t%%,*} ;;'
	echo '	esac'
	echo '	[ "$k" = - ] || echo "$k"'
	echo '}'
	echo '# Candidates from the database the command would open (docket __complete:'
	echo '# one a line, a tab before the description): kind, the word typed, the'
	echo '# program, the words before the one typed (for their --db).'
	echo '_docket_data() {'
	echo '	local kind=$1 word=$2 prog=$3 db='
	echo '	shift 3'
	echo '	while [ $# -gt 0 ]; do'
	echo '		case $1 in'
	echo '		--db) shift; [ "${1-}" = = ] && shift; db=${1-} ;;'
	echo '		--db=*) db=${1#--db=} ;;'
	echo '		esac'
	echo '		[ $# -gt 0 ] && shift'
	echo '	done'
	echo '	case $db in "~/"*) db=$HOME/${db#"~/"} ;; esac'
	echo '	if [ -n "$db" ]; then "$prog" --db "$db" __complete "$kind" "$word"'
	echo '	else "$prog" __complete "$kind" "$word"; fi 2>/dev/null'
	echo '}'
	echo '# The command on the line: group and subcommand, skipping global options.'
	echo '_docket_command() {'
	echo '	local i=$1 w group= sub= subs'
	echo '	shift'
	echo '	while [ "$i" -gt 0 ] && [ $# -gt 0 ]; do'
	echo '		w=$1; shift; i=$((i - 1))'
	echo '		case $w in'
	echo '		--db|--actor|--today|--format|--color)'
	echo '			[ "${1-}" = = ] && [ $# -gt 1 ] && { shift; i=$((i - 1)); }'
	echo '			[ $# -gt 0 ] && shift; i=$((i - 1)); continue ;;'
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
# COMPREPLY from the database: the candidates of a kind for the word typed.
_docket_reply() {
	local line IFS=$'\n'
	COMPREPLY=()
	for line in $(_docket_data "$1" "$cur" "${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD-1}"); do
		COMPREPLY+=("${line%%$'\t'*}")
	done
}
_docket() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd opts o v k pos args
	cmd=$(_docket_command "$((COMP_CWORD - 1))" "${COMP_WORDS[@]:1}")
	COMPREPLY=()
	opts="$(_docket_options global) $(_docket_options "$cmd")"
	for o in $opts; do
		if [ "$o" = "$prev=" ]; then
			v=$(_docket_values "$cmd" "$prev")
			k=$(_docket_optkind "$cmd" "$prev")
			if [ -n "$v" ]; then
				COMPREPLY=($(compgen -W "$v" -- "$cur"))
			elif [ -n "$k" ]; then
				_docket_reply "$k"
			else
				case $prev in --db|--file|--from|--to|--metrics|--notes-file) COMPREPLY=($(compgen -f -- "$cur")) ;;
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
	args=($(_docket_args "$((COMP_CWORD - 1))" "${COMP_WORDS[@]:1}"))
	if [ "$cmd" = help ]; then
		case ${#args[@]} in
		0) _docket_reply help ;;
		1) COMPREPLY=($(compgen -W "$(_docket_subcommands "${args[0]}")" -- "$cur")) ;;
		esac
		return 0
	fi
	k=$(_docket_kind "$cmd" "${#args[@]}" "${args[0]-}")
	if [ -n "$k" ]; then
		_docket_reply "$k"; return 0
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
# compadd from the database: the candidates of a kind for the word typed,
# with their descriptions; -U, since a bare number or a lower-case key
# (12, r-12) is completed to its key (R-12).
_docket_reply() {
	local line
	local -a keys descs
	for line in "${(@f)$(_docket_data "$1" "$cur" "${words[1]}" "${(@)words[2,CURRENT-1]}")}"; do
		[[ -n $line ]] || continue
		keys+=("${line%%$'\t'*}")
		if [[ -n ${line#*$'\t'} ]]; then descs+=("${line%%$'\t'*} -- ${line#*$'\t'}")
		else descs+=("${line%%$'\t'*}"); fi
	done
	(( ${#keys} )) && compadd -U -l -d descs -- "${keys[@]}"
}
_docket() {
	local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cmd opts o v k pos
	local -a args
	cmd=$(_docket_command $((CURRENT - 2)) "${(@)words[2,-1]}")
	opts="$(_docket_options global) $(_docket_options "$cmd")"
	for o in ${=opts}; do
		if [[ $o == "$prev=" ]]; then
			v=$(_docket_values "$cmd" "$prev")
			k=$(_docket_optkind "$cmd" "$prev")
			if [[ -n $v ]]; then
				compadd -- ${=v}
			elif [[ -n $k ]]; then
				_docket_reply $k
			else
				case $prev in --db|--file|--from|--to|--metrics|--notes-file) _files ;;
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
	args=(${(f)"$(_docket_args $((CURRENT - 2)) "${(@)words[2,-1]}")"})
	if [[ $cmd == help ]]; then
		case ${#args} in
		0) _docket_reply help ;;
		1) compadd -- ${=$(_docket_subcommands "${args[1]}")} ;;
		esac
		return 0
	fi
	k=$(_docket_kind "$cmd" ${#args} "${args[1]-}")
	if [[ -n $k ]]; then
		_docket_reply $k; return 0
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
