#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auparse's output file (auditd plugin mode): -rotate-size/-rotate-keep rotate at the size bound
# between whole objects, keeping N files, with the same total content as one unrotated file;
# SIGHUP reopens the file after it was moved away (with and without -i); -append.
O=${O:-build}
here=$(dirname "$0")
top=$here/../..
log=$top/tests/data/real/raw.log
AP=$O/auparse
tmp=$(mktemp -d)
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

size() { wc -c <"$1" | tr -d ' '; }
# The rotated files of $1, oldest first, then $1 itself.
chain() { n=$2; while [ "$n" -ge 1 ]; do [ -e "$1.$n" ] && echo "$1.$n"; n=$((n - 1)); done; echo "$1"; }
# Every line of each file is one whole JSON object.
whole_json() { for f in "$@"; do python3 -c '
import json, sys
d = open(sys.argv[1], "rb").read()
assert d.endswith(b"\n"), "ends inside an object"
for l in d.split(b"\n")[:-1]:
    json.loads(l)
' "$f" || return 1; done; }

head -n 3000 "$log" >"$tmp/in.log"
"$AP" -in "$tmp/in.log" >"$tmp/ref.json" 2>/dev/null || bad ref "auparse failed"
"$AP" -i -id=false -in "$tmp/in.log" >"$tmp/ref-i.json" 2>/dev/null || bad ref "auparse -i failed"
"$AP" -format yaml -in "$tmp/in.log" >"$tmp/ref.yaml" 2>/dev/null || bad ref "auparse -format yaml failed"

# 1. Rotation at the bound, all files kept: no file over the bound, whole objects, same content.
rot_all() { # name limit reference auparse-flags...
	name=$1 lim=$2 ref=$3; shift 3
	d=$tmp/$name; mkdir "$d"
	if ! "$AP" "$@" -out "$d/o" -rotate-size "$lim" -rotate-keep 1000 -in "$tmp/in.log" 2>/dev/null; then
		bad "$name" "exit status $?"; return
	fi
	n=$(ls "$d" | wc -l)
	[ "$n" -ge 3 ] || { bad "$name" "only $n files"; return; }
	for f in "$d"/*; do
		[ "$(size "$f")" -le "$lim" ] || { bad "$name" "$f is $(size "$f") bytes > $lim"; return; }
	done
	# each full file could not take the next file's first object
	cat $(chain "$d/o" 1000) | cmp -s - "$ref" || { bad "$name" "content differs from unrotated output"; return; }
	ok "$name"
}
rot_all rotate_json 20000 "$tmp/ref.json"
whole_json "$tmp"/rotate_json/* && ok rotate_json_whole_objects || bad rotate_json_whole_objects "an object is split"
rot_all rotate_events 20000 "$tmp/ref-i.json" -i -id=false
whole_json "$tmp"/rotate_events/* && ok rotate_events_whole_objects || bad rotate_events_whole_objects "an event is split"
rot_all rotate_yaml 30000 "$tmp/ref.yaml" -format yaml
r=0; for f in "$tmp"/rotate_yaml/*; do [ "$(head -n 1 "$f")" = "---" ] || r=1; done
[ $r = 0 ] && ok rotate_yaml_whole_documents || bad rotate_yaml_whole_documents "a file does not start with a document"

# Files are filled: every rotated file plus the next file's first line exceeds the bound.
d=$tmp/rotate_json; r=0; prev=
for f in $(chain "$d/o" 1000); do
	if [ -n "$prev" ]; then
		first=$(head -n 1 "$f" | wc -c)
		[ $(( $(size "$prev") + first )) -gt 20000 ] || r=1
	fi
	prev=$f
done
[ $r = 0 ] && ok rotate_at_bound || bad rotate_at_bound "a file was rotated before it was full"

# 2. -rotate-keep N: N rotated files, the newest; the oldest dropped.
d=$tmp/keep; mkdir "$d"
"$AP" -out "$d/o" -rotate-size 20000 -rotate-keep 2 -in "$tmp/in.log" 2>/dev/null
files=$(ls "$d" | tr '\n' ' ')
kept=$(cat "$d/o.2" "$d/o.1" "$d/o" | wc -c)
if [ "$files" != "o o.1 o.2 " ]; then
	bad rotate_keep "files: $files"
elif ! tail -c "$kept" "$tmp/ref.json" | cmp -s - /dev/fd/4 4<<EOT
$(cat "$d/o.2" "$d/o.1" "$d/o")
EOT
then
	bad rotate_keep "kept files are not the newest output"
else
	ok rotate_keep
fi
d=$tmp/keep0; mkdir "$d"
"$AP" -out "$d/o" -rotate-size 20000 -rotate-keep 0 -in "$tmp/in.log" 2>/dev/null
files=$(ls "$d" | tr '\n' ' ')
[ "$files" = "o " ] && [ "$(size "$d/o")" -le 20000 ] && ok rotate_keep0 || bad rotate_keep0 "files: $files"

# 3. An object larger than the bound goes alone into its own file.
d=$tmp/small; mkdir "$d"
"$AP" -out "$d/o" -rotate-size 100 -rotate-keep 100 -in "$tmp/in.log" 2>/dev/null
r=0; for f in "$d"/*; do [ "$(wc -l <"$f")" -eq 1 ] || r=1; done
[ $r = 0 ] && [ "$(ls "$d" | wc -l)" -eq 101 ] && ok rotate_oversize_object ||
	bad rotate_oversize_object "files with more than one object, or not 101 files"

# 4. -append, and truncation without it; an existing file counts towards the bound.
d=$tmp/app; mkdir "$d"
head -n 10 "$log" >"$tmp/a.log"; sed -n 11,20p "$log" >"$tmp/b.log"
"$AP" -in "$tmp/a.log" >"$tmp/a.json" 2>/dev/null; "$AP" -in "$tmp/b.log" >"$tmp/b.json" 2>/dev/null
"$AP" -out "$d/o" -in "$tmp/a.log" 2>/dev/null
"$AP" -append -out "$d/o" -in "$tmp/b.log" 2>/dev/null
cat "$tmp/a.json" "$tmp/b.json" | cmp -s - "$d/o" && ok append || bad append "not a.json + b.json"
"$AP" -out "$d/o" -in "$tmp/b.log" 2>/dev/null
cmp -s "$tmp/b.json" "$d/o" && ok truncate_without_append || bad truncate_without_append "not b.json"
"$AP" -out "$d/o" -in "$tmp/a.log" 2>/dev/null
"$AP" -append -out "$d/o" -rotate-size "$(size "$tmp/a.json")" -in "$tmp/b.log" 2>/dev/null
cmp -s "$tmp/a.json" "$d/o.1" && cmp -s "$tmp/b.json" "$d/o" 2>/dev/null &&
	ok append_rotate || bad append_rotate "the appended-to full file was not rotated first"

# 5. Usage errors.
"$AP" -rotate-size 1000 -in "$tmp/a.log" >/dev/null 2>&1; r1=$?
"$AP" -append -in "$tmp/a.log" >/dev/null 2>&1; r2=$?
[ $r1 = 2 ] && [ $r2 = 2 ] && ok usage_needs_out || bad usage_needs_out "exit $r1 $r2, want 2"

# 6. SIGHUP reopens the file after it was moved away (logrotate); SIGTERM still ends cleanly.
wait_size() { # file bytes: wait up to 10 s for the file to reach the size
	i=0
	while [ "$(size "$1" 2>/dev/null || echo 0)" -lt "$2" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(size "$1" 2>/dev/null || echo 0)" -eq "$2" ]
}
hup_test() { # name ref1 ref2 flags...
	name=$1 ref1=$2 ref2=$3; shift 3
	d=$tmp/$name; mkdir "$d"; mkfifo "$d/fifo"
	"$AP" "$@" -append -out "$d/o" <"$d/fifo" 2>"$d/err" &
	pid=$!; pids="$pids $pid"
	exec 3>"$d/fifo"
	cat "$tmp/h1.log" >&3
	if ! wait_size "$d/o" "$(size "$ref1")"; then
		bad "$name" "first half not written"; exec 3>&-; return
	fi
	mv "$d/o" "$d/o.moved"
	kill -HUP "$pid"
	sleep 0.2
	kill -0 "$pid" 2>/dev/null || { bad "$name" "exited on SIGHUP"; exec 3>&-; return; }
	cat "$tmp/h2.log" >&3
	if ! wait_size "$d/o" "$(size "$ref2")"; then
		bad "$name" "second half not in the reopened file ($(size "$d/o" 2>/dev/null))"; exec 3>&-; return
	fi
	if [ "$stop" = TERM ]; then
		kill -TERM "$pid"; wait "$pid"; rc=$?; exec 3>&-
	else
		exec 3>&-; wait "$pid"; rc=$?
	fi
	[ $rc = 0 ] || { bad "$name" "exit status $rc after $stop"; return; }
	cmp -s "$ref1" "$d/o.moved" && cmp -s "$ref2" "$d/o" || { bad "$name" "content differs"; return; }
	ok "$name"
}
# split between events (different serials), so that -i groups the halves as one file would
split=1500
for n in $(seq 1500 1600); do
	s1=$(sed -n "${n}p" "$tmp/in.log" | grep -o 'audit([0-9.]*:[0-9]*' | cut -d: -f2)
	s2=$(sed -n "$((n + 1))p" "$tmp/in.log" | grep -o 'audit([0-9.]*:[0-9]*' | cut -d: -f2)
	[ "$s1" != "$s2" ] && { split=$n; break; }
done
head -n "$split" "$tmp/in.log" >"$tmp/h1.log"; tail -n +"$((split + 1))" "$tmp/in.log" >"$tmp/h2.log"
"$AP" -in "$tmp/h1.log" >"$tmp/h1.json" 2>/dev/null; "$AP" -in "$tmp/h2.log" >"$tmp/h2.json" 2>/dev/null
stop=EOF hup_test hup_reopen "$tmp/h1.json" "$tmp/h2.json"
"$AP" -i -id=false -in "$tmp/h1.log" >"$tmp/h1-i.json" 2>/dev/null
"$AP" -i -id=false -in "$tmp/h2.log" >"$tmp/h2-i.json" 2>/dev/null
stop=TERM hup_test hup_reopen_events "$tmp/h1-i.json" "$tmp/h2-i.json" -i -id=false

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
