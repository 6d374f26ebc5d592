#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# The man pages document every flag each tool's -h lists, and -h lists every flag the man page
# documents (per command: auparse, audit [receive], audit status, audit set, audit rules).  Also:
# every command answers -h with exit 0, and the pages render without groff warnings.
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
man=$top/man
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }

# Flags in -h output: every -x/--word in the "  -flag ..." lines, outside parentheses (those
# mention other programs' flags: "auditctl -s"); `audit rules --help` has several per line.  Printed without dashes,
# one per line, sorted; "help" is folded into "h".
help_flags() {
	sed -n 's/^  \(-.*\)/\1/; T; s/([^)]*)//g; p' "$1" |
		tr ' /,[]' '\n\n\n\n\n' | grep -E '^--?[A-Za-z][A-Za-z_-]*$' |
		sed 's/^--*//; s/^help$/h/' | sort -u
}

# Flags a man page section documents: the -flags in the lines right after .TP (the item
# tags), between the line matching $2 and the next .SS/.SH.
man_flags() {
	awk -v start="$2" '
		index($0, start) == 1 { on = 1; next }
		on && /^\.S[SH] / { on = 0 }
		on && tp { print; tp = 0; next }
		on && /^\.TP/ { tp = 1 }' "$1" |
		sed 's/\\f[BIRP]//g; s/\\-/-/g; s/"/ /g' | tr ' /,[]' '\n\n\n\n\n' |
		grep -E '^--?[A-Za-z][A-Za-z_-]*$' | sed 's/^--*//; s/^help$/h/' | sort -u
}

# compare NAME HELPFILE MANPAGE SECTION-START [KNOWN-MISSING-FROM-HELP...]
# -h/--help is left out: audit.8 documents it once for every command (checked below).
compare() {
	name=$1 hf=$2 page=$3 start=$4
	shift 4
	help_flags "$hf" | grep -vx h >"$tmp/h"
	man_flags "$page" "$start" | grep -vx h >"$tmp/m"
	if [ ! -s "$tmp/h" ] || [ ! -s "$tmp/m" ]; then
		no "$name: flags found" "help $(wc -l <"$tmp/h"), man $(wc -l <"$tmp/m")"
		return
	fi
	undoc=$(comm -23 "$tmp/h" "$tmp/m" | tr '\n' ' ')
	if [ -z "$undoc" ]; then ok "$name: every -h flag is in the man page"
	else no "$name: in -h, not in the man page" "$undoc"; fi
	missing=$(comm -13 "$tmp/h" "$tmp/m" | tr '\n' ' ')
	known=
	for k in "$@"; do
		case " $missing " in *" $k "*)
			known="$known $k"
			missing=$(echo " $missing " | sed "s/ $k / /; s/^ *//; s/ *$//") ;;
		esac
	done
	if [ -z "$(echo $missing)" ]; then ok "$name: every man page flag is in -h"
	else no "$name: in the man page, not in -h" "$missing"; fi
	[ -n "$known" ] && sk "$name: known gap, -h lacks" "$known (the tool's owner fixes -h)"
	return 0
}

# help NAME OUTFILE CMD...: run CMD (its -h), want exit 0 and a usage on stdout.
help() {
	name=$1 out=$2
	shift 2
	"$@" >"$out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && grep -q '^usage:' "$out"; then ok "$name exits 0 with a usage"
	else no "$name exits 0 with a usage" "exit $rc $(head -c 100 "$tmp/err")"; fi
}

help "auparse -h" "$tmp/auparse" "$O/auparse" -h
compare "auparse" "$tmp/auparse" "$man/auparse.1" ".SH OPTIONS"
help "audit -h" "$tmp/receive" "$O/audit" -h
compare "audit [receive]" "$tmp/receive" "$man/audit.8" '.SS "\*(Au [receive]'
help "audit status -h" "$tmp/status" "$O/audit" status -h
compare "audit status" "$tmp/status" "$man/audit.8" '.SS "\*(Au status'
help "audit set -h" "$tmp/set" "$O/audit" set -h
compare "audit set" "$tmp/set" "$man/audit.8" '.SS "\*(Au set'
help "audit rules --help" "$tmp/rules" "$O/audit" rules --help
compare "audit rules" "$tmp/rules" "$man/audit.8" '.SS "\*(Au rules' kernel-fd i c p S F C
help "audit rules -h" "$tmp/rules-h" "$O/audit" rules -h
"$O/audit" help >"$tmp/cmds" 2>&1
for c in $(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$tmp/cmds"); do
	if grep -q "^\\.B \\\\\\*(Au $c\$\\|^\\.RB \\[ $c \\]" "$man/audit.8"; then ok "audit $c in the synopsis"
	else no "audit $c in the synopsis"; fi
done

for p in auparse.1 audit.8; do
	if grep -q '\\-h\\fR", " \\-\\-help\|^\.BR \\-h ", " \\-\\-help\|^\.BR \\-h " and " \\-\\-help' "$man/$p"; then
		ok "$p documents -h and --help"
	else
		no "$p documents -h and --help"
	fi
done

# The pages render cleanly and have a whatis line.
if command -v groff >/dev/null 2>&1; then
	for p in "$man"/*.[0-9]; do
		w=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$p" 2>&1)
		if [ -z "$w" ]; then ok "groff -ww $(basename "$p")"; else no "groff -ww $(basename "$p")" "$w"; fi
	done
else
	sk "groff -ww" "groff not installed"
fi
if command -v lexgrog >/dev/null 2>&1; then
	for p in "$man"/*.[0-9]; do
		sed -e 's/\\\*(Au/audit/g; s/\\\*(Ap/auparse/g' "$p" >"$tmp/$(basename "$p")"
		if lexgrog "$tmp/$(basename "$p")" >/dev/null 2>&1; then ok "whatis $(basename "$p")"
		else no "whatis $(basename "$p")"; fi
	done
else
	sk "whatis" "lexgrog (man-db) not installed"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
