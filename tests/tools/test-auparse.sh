#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# build/auparse end to end: flags in every spelling, exit codes, stdin/stdout, jq validity
# of the output on every go-libaudit golden log and the real logs, malformed and hostile
# lines, long lines.  Needs jq (the CI installs it); without it those checks are skipped.
O=${O:-build}
AUPARSE=$O/auparse
here=$(dirname "$0")
gold=$here/../golden/auparse
real=$here/../data/real
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }
have_jq() { command -v jq >/dev/null 2>&1; }

# Number of non-blank lines of a file.
nlines() { grep -c '[^[:space:]]' "$1"; }

# --- default: stdin -> stdout, JSON Lines, jq-valid, one object per line
for log in "$gold"/*.log "$real"/*.log; do
	[ -f "$log" ] || continue
	n=$(basename "$log")
	if ! "$AUPARSE" <"$log" >"$tmp/out.json" 2>"$tmp/err"; then
		no "stdin $n" "exit status $?"; continue
	fi
	if [ "$(wc -l <"$tmp/out.json")" -ne "$(nlines "$log")" ]; then
		no "one object per line $n" "$(wc -l <"$tmp/out.json") objects, $(nlines "$log") lines"
		continue
	fi
	if have_jq; then
		# exactly the README's pipeline; jq -e fails on invalid JSON
		if cat "$log" | "$AUPARSE" 2>/dev/null | jq . >/dev/null 2>"$tmp/jqerr" &&
			[ "$(jq -s length "$tmp/out.json")" -eq "$(nlines "$log")" ]; then
			ok "jq $n"
		else
			no "jq $n" "$(head -c 300 "$tmp/jqerr")"
		fi
	else
		sk "jq $n" "jq not installed"
	fi
done

# real logs of a current kernel: no error objects on well-formed lines
if [ -d "$real" ]; then
	for log in "$real"/*.log; do
		n=$(basename "$log")
		"$AUPARSE" -in "$log" >"$tmp/r.json" 2>"$tmp/r.err"
		check "no errors on real $n" test "$(grep -c '"error":' "$tmp/r.json")" -eq 0 -a ! -s "$tmp/r.err"
	done
	if have_jq; then
		check "enriched fields kept apart" sh -c \
			"'$AUPARSE' -in '$real/enriched.log' | jq -e -s 'map(select(.record_type==\"SYSCALL\")) | length > 0 and all(.[]; .enriched.ARCH != null and (has(\"ARCH\") | not) and (.auid | test(\"\\u001d\") | not))' >/dev/null"
		check "node prefix" sh -c \
			"'$AUPARSE' -in '$real/raw-node.log' | jq -e -s 'all(.[]; .node != null and .node != \"\")' >/dev/null"
	fi
fi

# --- flag spellings give the same output
log=$gold/test3.log
"$AUPARSE" -in "$log" -format=yaml >"$tmp/y0" 2>&1
for args in "-format yaml" "--format yaml" "--format=yaml" "-in=$log -format yaml" "--in $log --format=yaml"; do
	# shellcheck disable=SC2086
	case $args in *-in*) "$AUPARSE" $args >"$tmp/y1" 2>&1 ;; *) "$AUPARSE" $args <"$log" >"$tmp/y1" 2>&1 ;; esac
	check "spelling '$args'" cmp -s "$tmp/y0" "$tmp/y1"
done
check "yaml documents" test "$(grep -c '^---$' "$tmp/y0")" -eq "$(nlines "$log")"
check "yaml record_type" grep -q '^record_type: "SYSCALL"$' "$tmp/y0"
check "-id=false accepted" sh -c "'$AUPARSE' -id=false <'$log' >/dev/null"
"$AUPARSE" <"$log" >"$tmp/j0"
"$AUPARSE" -format=json <"$log" >"$tmp/j1"
check "-format=json is the default" cmp -s "$tmp/j0" "$tmp/j1"

# --- text format: type=NAME msg=... lines that auparse reads back to the same JSON
"$AUPARSE" -format=text <"$gold/audit-rhel7.log" >"$tmp/t" 2>/dev/null
check "text shape" sh -c "! grep -qv '^type=[A-Z_0-9]* msg=audit(\\|^error=' '$tmp/t'"
"$AUPARSE" <"$gold/test2.log" >"$tmp/j1"
"$AUPARSE" -format=text <"$gold/test2.log" | "$AUPARSE" >"$tmp/j2"
check "text round trip" cmp -s "$tmp/j1" "$tmp/j2"
if [ -f "$real/raw-node.log" ]; then
	"$AUPARSE" <"$real/raw-node.log" >"$tmp/j1"
	"$AUPARSE" -format=text <"$real/raw-node.log" | "$AUPARSE" >"$tmp/j2"
	check "text round trip (node=)" cmp -s "$tmp/j1" "$tmp/j2"
fi
if [ -f "$real/enriched.log" ]; then
	"$AUPARSE" -format=text <"$real/enriched.log" >"$tmp/en.txt"
	check "text: enriched separator written \\x1d" grep -q 'res=success\\x1dAUID=' "$tmp/en.txt"
	check "text: no raw 0x1d" test "$(LC_ALL=C tr -d '\n' <"$tmp/en.txt" | LC_ALL=C grep -c '[[:cntrl:]]')" -eq 0
fi

# --- -in / -out files
rm -f "$tmp/o.json"
"$AUPARSE" -in "$log" -out "$tmp/o.json"
check "-out file written" sh -c "[ -s '$tmp/o.json' ] && [ \$(wc -l <'$tmp/o.json') -eq $(nlines "$log") ]"
check "-out mode 0600" sh -c "[ \"\$(stat -c %a '$tmp/o.json')\" = 600 ]"
check "positional file" sh -c "'$AUPARSE' '$log' | cmp -s - '$tmp/o.json'"

# --- exit codes, each with a message
st() { "$@" >"$tmp/st.out" 2>"$tmp/st.err" </dev/null; echo $?; }
check "missing input: 1" test "$(st "$AUPARSE" -in "$tmp/nonexistent")" -eq 1
check "missing input: message" grep -q 'nonexistent' "$tmp/st.err"
check "bad output dir: 1" test "$(st "$AUPARSE" -in "$log" -out "$tmp/no/such/dir")" -eq 1
check "bad output: message" grep -q 'cannot open output' "$tmp/st.err"
if [ -w /dev/full ]; then
	check "write error: 1" test "$(st "$AUPARSE" -in "$log" -out /dev/full)" -eq 1
	check "write error: message" grep -q 'write error' "$tmp/st.err"
else
	sk "write error" "/dev/full not writable"
fi
check "unknown flag: 2" test "$(st "$AUPARSE" -bogus)" -eq 2
check "unknown flag: message" grep -q 'flag provided but not defined: -bogus' "$tmp/st.err"
check "missing value: 2" test "$(st "$AUPARSE" -in)" -eq 2
check "bad format: 2" test "$(st "$AUPARSE" -format=xml)" -eq 2
check "bad format: message" grep -q 'xml' "$tmp/st.err"
check "bad bool: 2" test "$(st "$AUPARSE" -id=maybe)" -eq 2
check "-h: 0" test "$(st "$AUPARSE" -h)" -eq 0
check "-h: usage on stdout" grep -q '^usage: auparse' "$tmp/st.out"
check "--help: 0" test "$(st "$AUPARSE" --help)" -eq 0
# -i: either "not available yet" (exit 2, with that message) or working coalescing
s=$("$AUPARSE" -i <"$gold/test3.log" >"$tmp/i.out" 2>"$tmp/i.err"; echo $?)
if [ "$s" -eq 2 ]; then
	check "-i not available: message" grep -q 'not available' "$tmp/i.err"
elif have_jq; then
	check "-i output is JSON" sh -c "[ -s '$tmp/i.out' ] && jq . '$tmp/i.out' >/dev/null"
else
	check "-i exit 0" test "$s" -eq 0
fi

# --- a malformed line in the middle: an error object, a located message, and the rest
printf '%s\n' \
	'type=SYSCALL msg=audit(1490137971.011:50406): arch=c000003e syscall=42 success=yes exit=0 exe="/bin/x"' \
	'this is not an audit record' \
	'type=CWD msg=audit(1490137971.011:50406): cwd="/"' \
	'type=SYSCALL msg=audit(1490137971.011:50407 arch=c000003e' \
	'type=PATH msg=audit(1490137971.011:50406): item=0 name="/etc"' >"$tmp/bad.log"
s=$(st "$AUPARSE" -in "$tmp/bad.log")
check "malformed: exit 0" test "$s" -eq 0
check "malformed: 5 objects" test "$(wc -l <"$tmp/st.out")" -eq 5
check "malformed: message names file:line:byte" grep -q "bad.log:2:1: " "$tmp/st.err"
check "malformed: second message" grep -q "bad.log:4:44: " "$tmp/st.err"
if have_jq; then
	check "malformed: error object with raw" sh -c \
		"sed -n 2p '$tmp/st.out' | jq -e '.error != null and .raw == \"this is not an audit record\"' >/dev/null"
	check "malformed: later lines parsed" sh -c \
		"sed -n 5p '$tmp/st.out' | jq -e '.record_type == \"PATH\" and .name == \"/etc\"' >/dev/null"
fi

# --- hostile bytes: NUL, control characters, invalid UTF-8, terminal escapes
printf 'type=USER msg=audit(1.000:1): pid=1 comm="a\001b" x=\033[2J\377\376 msg=%s\n' "'op=a\0b res=ok'" >"$tmp/hostile.log"
printf 'type=USER_CMD msg=audit(1.000:2): cmd=1B5B324A0A66616B65 y=\300\257\n' >>"$tmp/hostile.log"
printf 'type=USER msg=audit(1.000:3): c1=\302\233 ls=\342\200\250 bidi=\342\200\256 bom=\357\273\277 nc=\357\277\276\n' >>"$tmp/hostile.log"
"$AUPARSE" -in "$tmp/hostile.log" >"$tmp/h.json" 2>/dev/null
check "hostile: one object per line" test "$(wc -l <"$tmp/h.json")" -eq 3
check "hostile: valid UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 '$tmp/h.json' >/dev/null 2>&1"
check "hostile: no raw control bytes" test "$(LC_ALL=C tr -d '\n' <"$tmp/h.json" | LC_ALL=C grep -c '[[:cntrl:]]')" -eq 0
if have_jq; then
	check "hostile: jq" sh -c "jq . '$tmp/h.json' >/dev/null"
fi
"$AUPARSE" -format=text -in "$tmp/hostile.log" >"$tmp/h.txt" 2>/dev/null
check "hostile text: no ESC reaches the terminal" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/h.txt'"
check "hostile text: one line per record" test "$(wc -l <"$tmp/h.txt")" -eq 3
check "hostile text: no C1 CSI or bidi override" sh -c "! LC_ALL=C grep -q \"\$(printf '\\302\\233')\\|\$(printf '\\342\\200\\256')\" '$tmp/h.txt'"
"$AUPARSE" -format=yaml -in "$tmp/hostile.log" >"$tmp/h.yaml" 2>/dev/null
check "hostile yaml: valid UTF-8, no ESC" sh -c "iconv -f UTF-8 -t UTF-8 '$tmp/h.yaml' >/dev/null && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/h.yaml'"
if python3 -c 'import yaml' 2>/dev/null; then
	for f in "$tmp/h.yaml" "$tmp/y0"; do
		check "yaml parses: $(basename "$f")" python3 -c '
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if d is not None]
assert len(docs) == int(sys.argv[2]), len(docs)
assert all(isinstance(v, (str, list, dict)) for d in docs for v in d.values())
' "$f" "$(grep -c '^---$' "$f")"
	done
	check "yaml keeps U+2028 and C1 as escapes" python3 -c '
import sys, yaml
d = [d for d in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if d][2]
assert d["ls"] == "\u2028" and d["c1"] == "\x9b" and d["nc"] == "\ufffe", d
' "$tmp/h.yaml"
else
	sk "yaml parses" "python3-yaml not installed"
fi

# --- long lines: far beyond 8970 bytes, and beyond -max-line
{
	printf 'type=PROCTITLE msg=audit(1.000:3): proctitle='
	head -c 3000000 /dev/zero | tr '\0' 'A'
	printf '\ntype=CWD msg=audit(1.000:3): cwd="/"\n'
} >"$tmp/long.log"
"$AUPARSE" -max-line 8000000 -in "$tmp/long.log" >"$tmp/l.json" 2>"$tmp/l.err"
check "3 MB line parsed with -max-line 8 MB" sh -c "[ \$(wc -l <'$tmp/l.json') -eq 2 ] && [ \$(head -1 '$tmp/l.json' | wc -c) -gt 3000000 ] && [ ! -s '$tmp/l.err' ]"
s=$(st "$AUPARSE" -max-line 100000 -in "$tmp/long.log")
check "over -max-line: reported, not fatal" sh -c "[ $s -eq 0 ] && [ \$(wc -l <'$tmp/st.out') -eq 2 ] && grep -q 'long.log:1:1: line longer' '$tmp/st.err' && sed -n 2p '$tmp/st.out' | grep -q '\"record_type\":\"CWD\"'"

# --- pathological records: cost stays linear, memory bounded
awk 'BEGIN { printf "type=CWD msg=audit(1.000:1):"; for (i = 0; i < 300000; i++) printf " k%d=v", i; print "" }' >"$tmp/wide.log"
awk 'BEGIN { printf "type=CWD msg=audit(1.000:2): x=1"; for (i = 0; i < 200000; i++) printf "%cK%d=v", 29, i; print "" }' >>"$tmp/wide.log"
awk 'BEGIN { printf "type=CWD msg=audit(1.000:3):"; for (i = 0; i < 1100000; i++) printf " a=b"; print "" }' >>"$tmp/wide.log"
for mode in "" -raw; do
	s=$(timeout 60 "$AUPARSE" $mode -max-line 16000000 -in "$tmp/wide.log" >"$tmp/w.json" 2>"$tmp/w.err"; echo $?)
	check "wide records$mode: done, 3 objects" sh -c "[ $s -eq 0 ] && [ \$(wc -l <'$tmp/w.json') -eq 3 ]"
	check "wide records$mode: > 1M fields reported" grep -q 'wide.log:3:1: record has more than' "$tmp/w.err"
done

# --- no trailing newline, CRLF, blank lines
printf 'type=CWD msg=audit(1.000:4): cwd="/a"\r\n\n   \ntype=CWD msg=audit(1.000:5): cwd="/b"' >"$tmp/edge.log"
"$AUPARSE" -in "$tmp/edge.log" >"$tmp/e.json"
check "CRLF, blank lines, last line without newline" sh -c \
	"[ \$(wc -l <'$tmp/e.json') -eq 2 ] && grep -q '\"cwd\":\"/a\"' '$tmp/e.json' && grep -q '\"cwd\":\"/b\"' '$tmp/e.json'"

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
