#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auparse reads a file given by name through mmap(2) windows (tools/common/lineio.c,
# akt_lines_map) instead of read(2).  It must give exactly what read(2) gives
# (AUPARSE_NO_MMAP=1): the same output, messages and exit status on line-limit edges,
# lines across window boundaries, over-long lines with and without their end in the
# window, a last line without '\n', empty files.  A file truncated while it is read must
# end with a message and whole JSON objects, not a crash (SIGBUS).
O=${O:-build}
here=$(dirname "$0")
top=$here/../..
AP=$O/auparse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# same NAME FILE FLAGS...: mapped and read(2) runs agree on stdout, stderr and status
same() {
	name=$1 f=$2
	shift 2
	"$AP" "$@" -in "$f" >"$tmp/m.out" 2>"$tmp/m.err"
	mrc=$?
	AUPARSE_NO_MMAP=1 "$AP" "$@" -in "$f" >"$tmp/r.out" 2>"$tmp/r.err"
	rrc=$?
	if [ "$mrc" != "$rrc" ]; then
		bad "$name" "exit status $mrc, read(2) gives $rrc"
	elif ! cmp -s "$tmp/m.out" "$tmp/r.out"; then
		bad "$name" "output differs from read(2)'s"
	elif ! cmp -s "$tmp/m.err" "$tmp/r.err"; then
		bad "$name" "messages differ from read(2)'s"
	elif [ ! -s "$tmp/r.out" ] && grep -q "type=" "$f"; then
		bad "$name" "no output at all"
	else
		ok "$name"
	fi
}

python3 - "$tmp" "$top/tests/data/real/raw.log" "$top/tests/data/real/enriched.log" <<'EOF'
import random, sys
tmp, raw, enriched = sys.argv[1], sys.argv[2], sys.argv[3]
rnd = random.Random(6)

def rec(n, total):
    """A CWD record of exactly total bytes (without the newline)."""
    head = b'type=CWD msg=audit(1.000:%d): cwd="' % n
    return head + b"x" * max(0, total - len(head) - 1) + b'"'

# line lengths around -max-line 100: 99 fits, 100 and more do not
with open(tmp + "/edge.log", "wb") as f:
    for i, t in enumerate([60, 98, 99, 100, 101, 102, 150, 5000, 99, 64]):
        f.write(rec(i, t) + b"\n")
    f.write(b"\n\r\n" + rec(20, 80) + b"\r\n")
    f.write(rec(21, 300))                       # over-long, no final newline
with open(tmp + "/lastline.log", "wb") as f:
    f.write(rec(1, 90) + b"\n" + rec(2, 90))    # a last line without '\n'
open(tmp + "/empty.log", "wb").close()
with open(tmp + "/newlines.log", "wb") as f:
    f.write(b"\n" * 10000)

# about 13 MB (4 MiB windows) and a 9 MiB line: real lines of both formats, lines of 0.5-0.99 MiB
# (under the default 1 MiB limit) and of 1-3 MiB (over it) at random places, so that
# lines of every kind cross window boundaries; ends in an over-long line without '\n'
lines = open(raw, "rb").read().splitlines() + open(enriched, "rb").read().splitlines()
out, size, n = [], 0, 0
while size < 13 << 20:
    r = rnd.random()
    if r < 0.0006:
        l = rec(n, rnd.randrange(1 << 20, 3 << 20))
    elif r < 0.0012:
        l = rec(n, rnd.randrange(1 << 19, (1 << 20) - 1))
    else:
        l = rnd.choice(lines)
    out.append(l)
    size += len(l) + 1
    n += 1
    if len(out) == 2000:
        out.append(rec(n, 9 << 20))             # over-long across three windows
        size += (9 << 20) + 1
        n += 1
with open(tmp + "/multi.log", "wb") as f:
    f.write(b"\n".join(out) + b"\n" + rec(n, 2 << 20))

# exactly at a window's end: the 4 MiB boundary falls on a '\n', then just after it
for name, shift in (("atedge", 0), ("pastedge", 1)):
    with open(tmp + "/" + name + ".log", "wb") as f:
        first = rec(0, (4 << 20) - 1 - shift)   # its '\n' is byte 4 MiB - 1 - shift
        f.write(first + b"\n" + rec(1, 200) + b"\n" + rec(2, 200) + b"\n")
EOF

same "-max-line 100: lines of 98-102 bytes, blank lines, CRLF, over-long last line" \
	"$tmp/edge.log" -max-line 100
same "-max-line 100, text" "$tmp/edge.log" -max-line 100 -format=text
same "-max-line 64" "$tmp/edge.log" -max-line 64
same "last line without newline" "$tmp/lastline.log"
same "empty file" "$tmp/empty.log"
same "10000 empty lines" "$tmp/newlines.log"
same "13 MB across windows, long and over-long lines" "$tmp/multi.log"
same "13 MB across windows, -raw" "$tmp/multi.log" -raw
same "13 MB across windows, -format=yaml" "$tmp/multi.log" -format=yaml
same "13 MB across windows, -max-line 2 MiB" "$tmp/multi.log" -max-line 2097152
same "newline at the last byte of a window" "$tmp/atedge.log"
same "newline just before a window's end" "$tmp/pastedge.log"
for f in "$top"/tests/data/real/*.log "$top"/tests/golden/auparse/*.log; do
	same "real log $(basename "$f")" "$f"
done
# the rest of the file is read after a window, when the line limit is over the window
same "-max-line 64 MiB (largest mapped limit)" "$tmp/multi.log" -max-line 67108864
same "-max-line 65 MiB (read(2) only)" "$tmp/multi.log" -max-line 68157440
lines=$(wc -l <"$tmp/multi.log")
[ "$("$AP" -in "$tmp/multi.log" 2>/dev/null | wc -l)" -eq $((lines + 1)) ] &&
	ok "13 MB: one object per line" || bad "13 MB: one object per line" "count"

# --- a file truncated while it is read: SIGBUS, caught -----------------------------
# auparse fills the pipe and blocks writing its first 2 MiB of output (from the
# first of its 4 MiB windows); the reader takes one byte, which proves that,
# truncates the file to nothing and then reads on: auparse's next access to the
# window faults.  (No sleep: this holds under valgrind's slow start too.)
python3 - "$top/tests/data/real/raw.log" "$tmp/trunc.log" <<'EOF'
import sys
d = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "wb") as f:
    for _ in range(16):
        f.write(d)
EOF
total=$(wc -l <"$tmp/trunc.log")
{
	"$AP" -in "$tmp/trunc.log" 2>"$tmp/t.err"
	echo $? >"$tmp/t.rc"
} | {
	dd bs=1 count=1 of="$tmp/t.first" 2>/dev/null
	: >"$tmp/trunc.log"
	cat "$tmp/t.first" - >"$tmp/t.out"
}
rc=$(cat "$tmp/t.rc")
got=$(wc -l <"$tmp/t.out")
if [ "$rc" != 1 ]; then
	bad "truncated while read: exit status 1" "status $rc ($(head -c 300 "$tmp/t.err"))"
elif ! grep -q "shrank while being read" "$tmp/t.err"; then
	bad "truncated while read: reported" "$(head -c 300 "$tmp/t.err")"
elif [ "$got" -lt 1 ] || [ "$got" -ge "$total" ]; then
	bad "truncated while read: part of the file written" "$got of $total lines"
elif ! python3 -c '
import json, sys
d = open(sys.argv[1], "rb").read()
assert d.endswith(b"\n")
for l in d.split(b"\n")[:-1]:
    json.loads(l)
' "$tmp/t.out"; then
	bad "truncated while read: whole JSON objects" "invalid output"
else
	ok "truncated while read: exit 1, reported, $got whole objects of $total"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
