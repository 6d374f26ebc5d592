#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `audit rules` without the kernel: -check on good and bad files (as an
# unprivileged user when we can drop to one), the messages and their
# positions, exit codes, and argument errors caught before any netlink.
set -u
O=${O:-build}
case $O in
/*) A="$O/audit" ;;
*) A="$PWD/$O/audit" ;;
esac
pass=0 fail=0 skip=0
T=$(mktemp -d /tmp/ak-rules-tool.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# expect NAME EXIT STDOUT-GREP STDERR-GREP -- command...
expect() {
	name=$1 want=$2 out=$3 err=$4
	shift 5
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -ne "$want" ]; then
		bad "$name: exit $rc, expected $want"
		sed 's/^/    /' "$T/out" "$T/err"
	elif [ -n "$out" ] && ! grep -qF -- "$out" "$T/out"; then
		bad "$name: stdout lacks \"$out\""
		sed 's/^/    /' "$T/out"
	elif [ -n "$err" ] && ! grep -qF -- "$err" "$T/err"; then
		bad "$name: stderr lacks \"$err\""
		sed 's/^/    /' "$T/err"
	else
		ok "$name"
	fi
}

cp tests/golden/rules/30-stig.rules tests/golden/rules/01-file-watch-spaces.rules "$T/"
chmod 755 "$T"
chmod 644 "$T"/*.rules
cat >"$T/bad.rules" <<'EOF'
## a comment, a blank line, control lines, then errors
-D
-b 8192

-a always,exit -F fo=1
-a always,exit -F arch=b64 -S openatx -k x
-w etc/passwd -p wa
-a always,exit -F arch=b64 -S openat -F exit=-EACCES -k access
-e 3
EOF
chmod 644 "$T/bad.rules"

# Run -check as nobody when we are root: it needs neither root nor the kernel.
AS=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi

expect "check stig" 0 "$T/30-stig.rules: 33 rules, 0 errors" "" -- $AS "$A" rules -check "$T/30-stig.rules"
expect "check bad: unknown field" 1 "1 rules, 4 errors" "bad.rules:5:19: unknown field 'fo'" -- \
	$AS "$A" rules -check "$T/bad.rules"
expect "check bad: unknown syscall" 1 "" "bad.rules:6:31: unknown syscall 'openatx'" -- \
	$AS "$A" rules -check "$T/bad.rules"
expect "check bad: path" 1 "" "bad.rules:7:4: the path must start with '/' 'etc/passwd'" -- \
	$AS "$A" rules -check "$T/bad.rules"
expect "check bad: -e 3" 1 "" "bad.rules:9:4: enable must be 0, 1, or 2 '3'" -- \
	$AS "$A" rules -check "$T/bad.rules"
# auditctl splits rules files on spaces: quotes stay in the path.
expect "check quotes, auditctl splitting" 1 "0 rules, 2 errors" \
	"01-file-watch-spaces.rules:1:4: the path must start with '/' '\"/folder'" -- \
	$AS "$A" rules -check "$T/01-file-watch-spaces.rules"
expect "check quotes, -shell" 0 "2 rules, 0 errors" "" -- \
	$AS "$A" rules -shell -check "$T/01-file-watch-spaces.rules"
expect "check missing file" 1 "" "doesn't exist" -- "$A" rules -check "$T/nope.rules"
expect "check a directory" 1 "" "is not a regular file" -- "$A" rules -check "$T"
expect "check and diff together" 2 "" "do not go together" -- "$A" rules -check x -diff y
expect "no arguments" 2 "" "usage:" -- "$A" rules
expect "help" 0 "usage:" "" -- "$A" rules -h
expect "argv: unknown field" 2 "" "unknown field 'fo' (argument 4)" -- \
	"$A" rules -a always,exit -F fo=1
expect "argv: syscall in a list" 2 "" "unknown syscall 'bogus' (argument 6)" -- \
	"$A" rules -a always,exit -F arch=b64 -S open,bogus
expect "argv: -arch aarch64 has no open" 2 "" "unknown syscall 'open' (argument 4)" -- \
	"$A" rules -arch aarch64 -a always,exit -S open
expect "argv: unknown -arch" 2 "" "unknown arch" -- "$A" rules -arch vax -l
expect "argv: stray word" 2 "" "parameter passed without an option given 'extra' (argument 5)" -- \
	"$A" rules -a always,exit -S openat extra
expect "argv: nested -R" 2 "" "nested rule files not supported" -- \
	"$A" rules -a always,exit -R x
expect "argv: bad -e" 2 "" "enable must be 0, 1, or 2 '7' (argument 2)" -- "$A" rules -e 7

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
