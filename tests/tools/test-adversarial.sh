#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# Adversarial input for auparse (issue #6): a 100 MB line, a line of NULs, random
# bytes, 10^6 interleaved serials, deep quoting, odd-length hex, and crafted file
# names in the event text/YAML forms.  Each case asserts the peak memory of the
# process (/usr/bin/time's maximum RSS, from getrusage) and that the output is
# valid: every line one strict JSON object in valid UTF-8 (python's json module),
# or, for text, no control byte and the right number of lines.
# Prints ok/FAIL/SKIP lines and "N passed, N failed, N skipped".  Needs python3.
set -u
O=${O:-build}
AP=$O/auparse
pass=0
fail=0
skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }

if [ ! -x "$AP" ] || [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null; then
	no "prerequisites: $AP, /usr/bin/time and python3"
	echo "$pass passed, $fail failed, $skip skipped"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Peak memory budget (KiB) for streaming whatever the input: the issue's 32 MB.
BUDGET=32768

# mem OUT ERR CMD...: run CMD, stdout to OUT, stderr to ERR; prints "RC MAXRSS_KIB".
mem() {
	out=$1 err=$2
	shift 2
	/usr/bin/time -o "$tmp/rss" -f '%M' "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	echo "$rc $(tail -n 1 "$tmp/rss")"
}
rc_of() { echo "${1%% *}"; }
rss_of() { echo "${1##* }"; }

# Peak-memory assertions hold for the real build.  An ASan build's RSS is shadow memory,
# redzones and a 256 MB free quarantine (its realloc always copies), not the tool's: there
# they are reported as skipped; the plain build in the same CI run asserts them.
asan=0
readelf -d "$AP" 2>/dev/null | grep -q 'libasan' && asan=1
# rsscheck NAME KIB LIMIT_KIB
rsscheck() {
	if [ $asan -eq 1 ]; then
		sk "$1" "ASan build: RSS is not the tool's"
	else
		check "$1" test "$2" -le "$3"
	fi
}

# jsonl FILE [N]: every line a strict JSON object, whole file valid UTF-8, N lines.
jsonl() {
	python3 - "$@" <<'EOF'
import json, sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")            # strict: raises on invalid UTF-8
lines = text.split("\n")
assert lines[-1] == "", "no final newline"
lines = lines[:-1]
for i, l in enumerate(lines):
    o = json.loads(l)                  # strict: raw control characters refused
    assert isinstance(o, dict), i
if len(sys.argv) > 2:
    assert len(lines) == int(sys.argv[2]), (len(lines), sys.argv[2])
EOF
}

# textsafe FILE N: valid UTF-8, no control byte but newline (so no terminal
# escape, no forged line), N lines.
textsafe() {
	python3 - "$1" "$2" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")
bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0]
assert not bad, repr(bad[:5])
assert "\u202e" not in text and "\u2028" not in text
assert text.count("\n") == int(sys.argv[2]), (text.count("\n"), sys.argv[2])
EOF
}

# --- a 100 MB line: skipped at -max-line with memory bounded by the limit, or parsed
{
	printf 'type=PROCTITLE msg=audit(1.000:3): proctitle='
	head -c 100000000 /dev/zero | tr '\0' 'A'
	printf '\ntype=CWD msg=audit(1.000:3): cwd="/"\n'
} >"$tmp/big.log"
r=$(mem "$tmp/o" "$tmp/e" "$AP" -max-line 1000000 -in "$tmp/big.log")
check "100 MB line, -max-line 1 MB: skipped, reported, next record parsed" \
	sh -c "[ $(rc_of "$r") -eq 0 ] && grep -q 'line longer' '$tmp/e' && tail -n 1 '$tmp/o' | grep -q '\"record_type\":\"CWD\"'"
check "100 MB line, -max-line 1 MB: valid JSON" jsonl "$tmp/o" 2
rsscheck "100 MB line, -max-line 1 MB: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
r=$(mem "$tmp/o" "$tmp/e" "$AP" -in "$tmp/big.log")
check "100 MB line, default limit: skipped, next record parsed" \
	sh -c "[ $(rc_of "$r") -eq 0 ] && tail -n 1 '$tmp/o' | grep -q '\"record_type\":\"CWD\"'"
# the default -max-line (1 MiB) keeps any input within the budget
rsscheck "100 MB line, default limit: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
r=$(mem "$tmp/o" "$tmp/e" "$AP" -max-line 134217728 -in "$tmp/big.log")
check "100 MB line accepted: two records, the first 100 MB of escaped value" \
	sh -c "[ $(rc_of "$r") -eq 0 ] && [ \$(wc -l <'$tmp/o') -eq 2 ] && [ \$(head -n 1 '$tmp/o' | wc -c) -gt 100000000 ] && tail -n 1 '$tmp/o' | grep -q '\"record_type\":\"CWD\"'"
# the line, its fields and its output are in memory at once: a few times the line
rsscheck "100 MB line accepted: peak RSS $(rss_of "$r") KiB <= 5 x 100 MB" "$(rss_of "$r")" 500000
rm -f "$tmp/big.log" "$tmp/o"

# the worst line the default -max-line accepts: 1 MiB minus a little, all NULs
# (each escaped to \u0000, in raw_msg and in data): still within the budget
{
	printf 'type=PROCTITLE msg=audit(1.000:3): proctitle='
	head -c 1048000 /dev/zero
	printf '\n'
} >"$tmp/nul1m.log"
for mode in "" "-i" "-raw" "-format=yaml" "-format=text"; do
	# shellcheck disable=SC2086
	r=$(mem "$tmp/o" "$tmp/e" "$AP" $mode -in "$tmp/nul1m.log")
	check "1 MiB line of NULs $mode: accepted (no error), one line out" \
		sh -c "[ $(rc_of "$r") -eq 0 ] && [ ! -s '$tmp/e' ] && [ \$(wc -c <'$tmp/o') -gt 2000000 ]"
	rsscheck "1 MiB line of NULs $mode: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
done
rm -f "$tmp/nul1m.log" "$tmp/o"

# --- a line of NULs, and NULs inside a record
{
	head -c 1000000 /dev/zero
	printf '\ntype=USER msg=audit(1.000:4): pid=1 a="x\0y" msg=%s\n' "'op=a\0b res=ok'"
	head -c 100 /dev/zero
	printf '\n'
} >"$tmp/nul.log"
for mode in "" "-i"; do
	# shellcheck disable=SC2086
	r=$(mem "$tmp/o" "$tmp/e" "$AP" $mode -in "$tmp/nul.log")
	check "NULs $mode: exit 0" test "$(rc_of "$r")" -eq 0
	check "NULs $mode: valid JSON lines" jsonl "$tmp/o"
	check "NULs $mode: the record after 1 MB of NULs is there" grep -q '"sequence":"\?4' "$tmp/o"
	rsscheck "NULs $mode: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
done

# --- random bytes (fixed seed), 20 MB: every output line valid, memory flat
python3 -c '
import random, sys
r = random.Random(6)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(20 * 1024 * 1024)))
' >"$tmp/rand.bin"
for mode in "" "-i" "-raw"; do
	# shellcheck disable=SC2086
	r=$(mem "$tmp/o" "$tmp/e" "$AP" $mode -in "$tmp/rand.bin")
	check "random bytes $mode: exit 0" test "$(rc_of "$r")" -eq 0
	check "random bytes $mode: valid JSON lines" jsonl "$tmp/o"
	rsscheck "random bytes $mode: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
done
r=$(mem "$tmp/o" "$tmp/e" "$AP" -format text -in "$tmp/rand.bin")
check "random bytes text: exit 0" test "$(rc_of "$r")" -eq 0
check "random bytes text: no control byte" textsafe "$tmp/o" "$(wc -l <"$tmp/o")"
rsscheck "random bytes text: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
rm -f "$tmp/rand.bin"

# --- 10^6 interleaved serials: a permutation (serial = i * 7919 mod 10^6), no EOE,
# so every event is open at once as far as the records go
awk 'BEGIN { for (i = 0; i < 1000000; i++) {
	s = (i * 7919) % 1000000 + 1
	printf "type=SYSCALL msg=audit(1700000000.%03d:%d): arch=c000003e syscall=2 success=yes exit=3 pid=%d comm=\"x\"\n", i % 1000, s, i } }' >"$tmp/inter.log"
r=$(mem "$tmp/o" "$tmp/e" "$AP" -i -id=false -in "$tmp/inter.log")
check "10^6 interleaved serials -i: exit 0" test "$(rc_of "$r")" -eq 0
check "10^6 interleaved serials -i: one valid event per record" jsonl "$tmp/o" 1000000
rsscheck "10^6 interleaved serials -i: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
rm -f "$tmp/inter.log" "$tmp/o" "$tmp/e"

# --- deep quoting: msg=' nested 20000 times, 200000 double quotes, 100000 backslashes
python3 -c '
import sys
w = sys.stdout.buffer.write
w(b"type=USER_CMD msg=audit(1.000:5): pid=1 msg=" + b"\x27a=" * 20000 + b"x" + b"\x27" * 20000 + b"\n")
w(b"type=USER_CMD msg=audit(1.000:6): pid=1 cmd=" + b"\"" * 200000 + b" k=v\n")
w(b"type=USER_CMD msg=audit(1.000:7): pid=1 cmd=\"" + b"\\" * 100000 + b"\" k=\x27\"\x27\"\n")
w(b"type=SYSCALL msg=audit(1.000:8): " + b"a=\"b=\x27c=\"" * 30000 + b"\n")
' >"$tmp/quote.log"
for mode in "" "-i" "-format yaml"; do
	# shellcheck disable=SC2086
	r=$(mem "$tmp/o" "$tmp/e" timeout 60 "$AP" $mode -in "$tmp/quote.log")
	check "deep quoting $mode: exit 0 within 60 s" test "$(rc_of "$r")" -eq 0
	case "$mode" in
	*yaml*) check "deep quoting $mode: valid UTF-8, no ESC" python3 -c 'import sys; t = open(sys.argv[1], "rb").read().decode(); assert "\x1b" not in t' "$tmp/o" ;;
	*) check "deep quoting $mode: valid JSON lines" jsonl "$tmp/o" ;;
	esac
	rsscheck "deep quoting $mode: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
done

# --- hex values of odd length, empty, huge and odd, non-hex
python3 -c '
import sys
w = sys.stdout.buffer.write
w(b"type=SYSCALL msg=audit(1.000:9): arch=c000003e syscall=59 success=yes exit=0 items=1 comm=414 exe=2F62696E2F6\n")
w(b"type=EXECVE msg=audit(1.000:9): argc=3 a0=ABC a1=4 a2_len=3 a2[0]=41\n")
w(b"type=CWD msg=audit(1.000:9): cwd=2F7\n")
w(b"type=PATH msg=audit(1.000:9): item=0 name=2F746D70 nametype=NORMAL\n")
w(b"type=PROCTITLE msg=audit(1.000:9): proctitle=" + b"41" * 500000 + b"4\n")
w(b"type=SOCKADDR msg=audit(1.000:10): saddr=02000\n")
w(b"type=USER_CMD msg=audit(1.000:11): pid=1 cmd=GG0 terminal=1B5\n")
' >"$tmp/hex.log"
for mode in "" "-i"; do
	# shellcheck disable=SC2086
	r=$(mem "$tmp/o" "$tmp/e" "$AP" $mode -in "$tmp/hex.log")
	check "odd-length hex $mode: exit 0" test "$(rc_of "$r")" -eq 0
	check "odd-length hex $mode: valid JSON lines" jsonl "$tmp/o"
	rsscheck "odd-length hex $mode: peak RSS $(rss_of "$r") KiB <= $BUDGET" "$(rss_of "$r")" $BUDGET
done
"$AP" -format text -in "$tmp/hex.log" >"$tmp/o" 2>/dev/null
check "odd-length hex text: safe, one line per record" textsafe "$tmp/o" 7

# --- output safety of the event forms: a file name (hex, as the kernel writes
# anything unprintable) holding ESC sequences, a newline and a fake record, a
# bidi override and a C1 CSI; and the same raw in a user-space record
name=$(printf '/tmp/\033[2J\033]0;pwned\007\ntype=USER_LOGIN msg=audit(1.000:99): res=success\342\200\256\302\233x' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
{
	printf 'type=SYSCALL msg=audit(1.000:20): arch=c000003e syscall=2 success=yes exit=3 items=1 ppid=1 pid=2 auid=1000 uid=0 comm="x" exe=%s key=%s\n' "$name" "$name"
	printf 'type=CWD msg=audit(1.000:20): cwd=%s\n' "$name"
	printf 'type=PATH msg=audit(1.000:20): item=0 name=%s inode=1 mode=0100644 nametype=NORMAL\n' "$name"
	printf 'type=PROCTITLE msg=audit(1.000:20): proctitle=%s\n' "$name"
	printf 'type=EOE msg=audit(1.000:20): \n'
	printf 'type=USER_LOGIN msg=audit(1.000:21): pid=1 uid=0 auid=1 ses=1 msg=%s\n' "'op=login acct=\"a\033[31mb\" exe=\"/x\nfake\" hostname=? addr=? terminal=\033 res=failed'"
} >"$tmp/name.log"
"$AP" -i -format text -in "$tmp/name.log" >"$tmp/o" 2>/dev/null
check "crafted file name, -i text: no control byte or bidi, 2 events x 2 lines" textsafe "$tmp/o" 4
check "crafted file name, -i text: no forged record" sh -c "! grep -q '^type=USER_LOGIN' '$tmp/o'"
"$AP" -format text -in "$tmp/name.log" >"$tmp/o" 2>/dev/null
check "crafted file name, text: one line per record, no control byte" textsafe "$tmp/o" 6
"$AP" -i -format yaml -in "$tmp/name.log" >"$tmp/o" 2>/dev/null
check "crafted file name, -i yaml: valid UTF-8, no ESC/BEL/CR" python3 -c '
import sys
t = open(sys.argv[1], "rb").read().decode()
assert not any(c in t for c in "\x1b\x07\r\x9b"), "control byte"
' "$tmp/o"
if python3 -c 'import yaml' 2>/dev/null; then
	check "crafted file name, -i yaml: parses, 2 events" python3 -c '
import sys, yaml
d = [x for x in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if x]
assert len(d) == 2, len(d)
' "$tmp/o"
else
	sk "crafted file name, -i yaml parses" "python3-yaml not installed"
fi
"$AP" -i -in "$tmp/name.log" >"$tmp/o" 2>/dev/null
check "crafted file name, -i json: valid, 2 events" jsonl "$tmp/o" 2
check "crafted file name, -i json: the name survives (escaped)" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
s = json.dumps(ev[0])
assert "\\u001b[2J" in s and "type=USER_LOGIN" in s, s[:300]
' "$tmp/o"

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
