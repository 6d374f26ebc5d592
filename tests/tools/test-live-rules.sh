#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Live rule tests against the real kernel, compared with Debian's auditctl.
# Needs root, auditctl and kernel audit; skips otherwise.  Takes the shared
# kernel lock and deletes every rule afterwards, even on failure (rules that
# were loaded before are put back from their listing).
#
# For every rule of go-libaudit's corpus (tests/golden/rules) and every rule
# line of /usr/share/doc/auditd/examples/rules/*.rules:
#   - loading it with `audit rules` succeeds exactly when loading it with
#     auditctl does;
#   - when both succeed, `auditctl -l` shows the same text either way, and
#     `audit rules -l` prints exactly what `auditctl -l` prints;
#   - when the kernel refuses it, our message carries the kernel's errno.
# Then whole files: `audit rules -R` and `auditctl -R` leave the same rules.
set -u
O=${O:-build}
A="$PWD/$O/audit"
LOCK=/tmp/auditkit-kernel.lock
pass=0 fail=0 skip=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
skipped() { echo "SKIP $1"; skip=$((skip + 1)); }
summary() { echo "$pass passed, $fail failed, $skip skipped"; }

if [ "$(id -u)" != 0 ] || ! command -v auditctl >/dev/null 2>&1 || ! auditctl -s >/dev/null 2>&1; then
	skipped "live-rules: needs root, auditctl and kernel audit"
	summary
	exit 0
fi
if [ ! -x "$A" ]; then
	bad "live-rules: $A missing"
	summary
	exit 1
fi
if [ -z "${AK_LIVE_LOCKED:-}" ]; then
	AK_LIVE_LOCKED=1 exec flock "$LOCK" sh "$0" "$@"
fi

T=$(mktemp -d /tmp/ak-live-rules.XXXXXX)
# Our own copy: others may relink $O/audit while we run.
cp "$A" "$T/audit" && A="$T/audit"
auditctl -l >"$T/before" 2>/dev/null
restore() {
	auditctl -D >/dev/null 2>&1
	if ! grep -q '^No rules' "$T/before"; then
		auditctl -R "$T/before" >/dev/null 2>&1
	fi
	rm -rf "$T"
}
trap restore EXIT
trap 'exit 1' INT TERM HUP

# Compare one rule, given as words in "$@", loaded by each tool.
compare() {
	name=$1
	shift
	auditctl -D >/dev/null 2>&1
	auditctl "$@" >"$T/a.out" 2>"$T/a.err"
	ra=$?
	auditctl -l >"$T/a.list" 2>&1
	auditctl -D >/dev/null 2>&1
	"$A" rules "$@" >"$T/b.out" 2>"$T/b.err"
	rb=$?
	auditctl -l >"$T/b.list" 2>&1
	"$A" rules -l >"$T/b.ours" 2>&1
	if [ $ra -eq 0 ] && [ $rb -eq 0 ]; then
		if ! cmp -s "$T/a.list" "$T/b.list"; then
			bad "$name: auditctl -l differs"
			diff "$T/a.list" "$T/b.list" | sed 's/^/    /'
		elif ! cmp -s "$T/b.list" "$T/b.ours"; then
			bad "$name: audit rules -l differs from auditctl -l"
			diff "$T/b.list" "$T/b.ours" | sed 's/^/    /'
		else
			ok "$name"
		fi
	elif [ $ra -ne 0 ] && [ $rb -ne 0 ]; then
		# A kernel refusal: our message must name the kernel's errno.
		kmsg=$(sed -n 's/^Error sending .* request (\(.*\))$/\1/p' "$T/a.err" | head -n 1)
		if [ -n "$kmsg" ] && [ "$kmsg" != "Rule exists" ] && ! grep -q ": $kmsg (E[A-Z0-9]*)" "$T/b.err"; then
			bad "$name: kernel said \"$kmsg\", we said: $(cat "$T/b.err")"
		else
			ok "$name (rejected by both)"
		fi
	else
		bad "$name: auditctl exit $ra, audit rules exit $rb"
		sed 's/^/    auditctl: /' "$T/a.err"
		sed 's/^/    ours: /' "$T/b.err"
	fi
}

# go-libaudit's paths live under /tmp/audit-test: make them (a trailing '/'
# means a directory), as its test does.
mkpaths() {
	for w in "$@"; do
		case "$w" in
		path=/tmp/audit-test*) p=${w#path=} ;;
		dir=/tmp/audit-test*) p=${w#dir=} ;;
		/tmp/audit-test*) p=$w ;;
		*) continue ;;
		esac
		case "$p" in
		*/) mkdir -p "$p" ;;
		*) mkdir -p "$(dirname "$p")" && : >>"$p" ;;
		esac
	done
}

# 1. The golden corpus, rule by rule (flags are shell-quoted).
for y in tests/golden/rules/*.golden.yml; do
	base=$(basename "$y" .rules.golden.yml)
	awk '/^- flags: /{ if (f != "") print f; f = substr($0, 10); next }
	     /^    [^ ]/ && f != "" && !/bytes:/ { sub(/^    /, ""); f = f " " $0; next }
	     { if (f != "") print f; f = "" }
	     END { if (f != "") print f }' "$y" >"$T/flags"
	n=0
	while IFS= read -r flags; do
		n=$((n + 1))
		# The corpus leaves operators unquoted (auid>=1000, a0&0x7C020000): they
		# are not shell operators here.
		eval "set -- $(printf '%s' "$flags" | sed 's/[&<>|;]/\\&/g')"
		mkpaths "$@"
		compare "golden $base #$n" "$@"
	done <"$T/flags"
done

# 2. Debian's example rule sets, line by line (split on spaces, as auditctl
# splits rules files).  Only rule lines: control lines (-D -b -f -e ...)
# would change the shared kernel's settings.
for f in /usr/share/doc/auditd/examples/rules/*.rules; do
	[ -f "$f" ] || continue
	base=$(basename "$f" .rules)
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		case "$line" in
		-a* | -A* | -w* | -d* | -W*) ;;
		*) continue ;;
		esac
		set -f
		IFS=' '
		# shellcheck disable=SC2086
		set -- $line
		unset IFS
		set +f
		compare "example $base:$n" "$@"
	done <"$f"
done

# 3. Edge cases, one per line (split on spaces): every field, operator and
# list rule we know of, errors included.  auditctl is the oracle.
n=0
while IFS= read -r line; do
	n=$((n + 1))
	case "$line" in '' | '#'*) continue ;; esac
	set -f
	IFS=' '
	# shellcheck disable=SC2086
	set -- $line
	unset IFS
	set +f
	compare "edge:$n $line" "$@"
done <tests/tools/live-rules-edge.txt

# 4. Whole files through -R: the same rules end up loaded, and -l agrees.
for f in tests/golden/rules/[2-9]*.rules /usr/share/doc/auditd/examples/rules/3*.rules \
	/usr/share/doc/auditd/examples/rules/4*.rules; do
	[ -f "$f" ] || continue
	base=$(basename "$f")
	# Keep only rule lines (and -D), for the same reason as above.
	grep -E '^[[:space:]]*-[aAwdWD]' "$f" >"$T/file.rules"
	{ echo "-c"; cat "$T/file.rules"; } >"$T/file2.rules"
	auditctl -D >/dev/null 2>&1
	auditctl -R "$T/file2.rules" >/dev/null 2>&1
	ra=$?
	auditctl -l >"$T/a.list" 2>&1
	auditctl -D >/dev/null 2>&1
	"$A" rules -R "$T/file2.rules" >/dev/null 2>"$T/b.err"
	rb=$?
	auditctl -l >"$T/b.list" 2>&1
	"$A" rules -l >"$T/b.ours" 2>&1
	if [ $ra -eq $rb ] && cmp -s "$T/a.list" "$T/b.list" && cmp -s "$T/b.list" "$T/b.ours"; then
		ok "-R $base ($(wc -l <"$T/a.list") rules)"
	else
		bad "-R $base (auditctl exit $ra, ours $rb)"
		diff "$T/a.list" "$T/b.list" | sed 's/^/    kernel: /' | head -n 20
		diff "$T/b.list" "$T/b.ours" | sed 's/^/    listing: /' | head -n 20
	fi
done

# 5. A file with an error and no -c/-i: both stop there, exit non-zero, and
# leave the rules before it loaded.
printf '%s\n' "-a always,exit -F arch=b64 -S openat -k one" "-a always,exit -F fo=1" \
	"-a always,exit -F arch=b64 -S close -k three" >"$T/stop.rules"
auditctl -D >/dev/null 2>&1
auditctl -R "$T/stop.rules" >/dev/null 2>&1
ra=$?
auditctl -l >"$T/a.list" 2>&1
auditctl -D >/dev/null 2>&1
"$A" rules -R "$T/stop.rules" >/dev/null 2>"$T/b.err"
rb=$?
auditctl -l >"$T/b.list" 2>&1
if [ $ra -ne 0 ] && [ $rb -ne 0 ] && cmp -s "$T/a.list" "$T/b.list" &&
	grep -q "stop.rules:2:19: unknown field 'fo'" "$T/b.err"; then
	ok "-R stops at the first error"
else
	bad "-R stops at the first error (auditctl $ra, ours $rb)"
	sed 's/^/    /' "$T/b.err" "$T/a.list" "$T/b.list"
fi

# auditctl's file splitting: backslash-space inside a path, a tab inside a word.
mkdir -p "$T/with space"
printf '%s\n' "-w $T/with\\ space -p w -k sp" '-a always,exit	-F arch=b64 -S openat -k tab' \
	"-w $T/with\\ space -p r -k sp2" >"$T/esc.rules"
auditctl -D >/dev/null 2>&1
auditctl -R "$T/esc.rules" >/dev/null 2>&1
ra=$?
auditctl -l >"$T/a.list" 2>&1
auditctl -D >/dev/null 2>&1
"$A" rules -R "$T/esc.rules" >/dev/null 2>"$T/b.err"
rb=$?
auditctl -l >"$T/b.list" 2>&1
if [ $ra -ne 0 ] && [ $rb -ne 0 ] && cmp -s "$T/a.list" "$T/b.list" && grep -q "with space" "$T/b.list"; then
	ok "-R with auditctl's escapes"
else
	bad "-R with auditctl's escapes (auditctl $ra, ours $rb)"
	sed 's/^/    /' "$T/b.err" "$T/a.list" "$T/b.list"
fi

# 6. -l -k KEY, -D -k KEY and -D print what auditctl prints.
same_out() {
	name=$1
	shift
	"$@" >"$T/out.ours" 2>&1
	if cmp -s "$T/out.auditctl" "$T/out.ours"; then
		ok "$name"
	else
		bad "$name"
		diff "$T/out.auditctl" "$T/out.ours" | sed 's/^/    /'
	fi
}
# (only the lines this kernel takes: watches on missing paths are refused)
echo -c >"$T/stig.rules"
grep -E '^-[aw]' /usr/share/doc/auditd/examples/rules/30-stig.rules | while IFS= read -r line; do
	auditctl -D >/dev/null 2>&1
	set -f
	# shellcheck disable=SC2086
	if auditctl $line >/dev/null 2>&1; then
		printf '%s\n' "$line" >>"$T/stig.rules"
	fi
	set +f
done
auditctl -D >/dev/null 2>&1
auditctl -R "$T/stig.rules" >/dev/null 2>&1
auditctl -l -k time >"$T/out.auditctl" 2>&1
same_out "-l -k time" "$A" rules -l -k time
auditctl -l -k nosuchkey >"$T/out.auditctl" 2>&1
same_out "-l -k nosuchkey" "$A" rules -l -k nosuchkey

# -diff: nothing to report right after loading the same file ...
if "$A" rules -diff "$T/stig.rules" >"$T/diff.out" 2>&1 && [ ! -s "$T/diff.out" ]; then
	ok "-diff: kernel and file agree"
else
	bad "-diff: kernel and file agree"
	sed 's/^/    /' "$T/diff.out"
fi
# ... then one rule gone from the kernel, one extra in it.
auditctl -W /etc/shadow -p wa -k identity >/dev/null 2>&1
auditctl -a always,exit -F arch=b64 -S chroot -k extra >/dev/null 2>&1
"$A" rules -diff "$T/stig.rules" >"$T/diff.out" 2>&1
rd=$?
printf '%s\n' "- -a always,exit -F arch=b64 -S chroot -F key=extra" \
	"+ -w /etc/shadow -p wa -k identity" >"$T/diff.want"
if [ $rd -eq 1 ] && cmp -s "$T/diff.out" "$T/diff.want"; then
	ok "-diff: shows both directions"
else
	bad "-diff: shows both directions (exit $rd)"
	diff "$T/diff.want" "$T/diff.out" | sed 's/^/    /'
fi

auditctl -D -k identity >"$T/out.auditctl" 2>&1
auditctl -R "$T/stig.rules" >/dev/null 2>&1
same_out "-D -k identity" "$A" rules -D -k identity
auditctl -l >"$T/a.list" 2>&1
if grep -q identity "$T/a.list"; then
	bad "-D -k identity left identity rules"
else
	ok "-D -k identity deletes only those"
fi
auditctl -D >"$T/out.auditctl" 2>&1
auditctl -R "$T/stig.rules" >/dev/null 2>&1
same_out "-D" "$A" rules -D

# 7. -s and -s -i as auditctl prints them, and the status printed after
# setting a value (the current backlog limit and rate again: no change).
# The counters (lost, backlog, backlog_wait_time_actual) may move between
# the two runs: their values are blanked, their lines kept.
same_status() {
	name=$1
	shift
	"$@" >"$T/out.ours" 2>&1
	sed -i -E 's/^(lost|backlog|backlog_wait_time_actual) [0-9]+$/\1 N/' "$T/out.ours" \
		"$T/out.auditctl"
	if cmp -s "$T/out.auditctl" "$T/out.ours"; then
		ok "$name"
	else
		bad "$name"
		diff "$T/out.auditctl" "$T/out.ours" | sed 's/^/    /'
	fi
}
auditctl -s >"$T/out.auditctl" 2>&1
same_status "-s" "$A" rules -s
auditctl -s -i >"$T/out.auditctl" 2>&1
same_status "-s -i" "$A" rules -s -i
bl=$(auditctl -s | sed -n 's/^backlog_limit //p')
rl=$(auditctl -s | sed -n 's/^rate_limit //p')
auditctl -b "$bl" >"$T/out.auditctl" 2>&1
same_status "-b $bl (unchanged)" "$A" rules -b "$bl"
auditctl -r "$rl" >"$T/out.auditctl" 2>&1
same_status "-r $rl (unchanged)" "$A" rules -r "$rl"

summary
[ "$fail" -eq 0 ]
