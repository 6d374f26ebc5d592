#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auparse -i end to end: reassembly of go-libaudit's streams (order, lost count), the three
# output formats, events completing on timeout while the input stays open, EOE completing at
# once, a real kernel-split execve, and go-libaudit's 48 coalescer test events regrouped
# from one concatenated log.
O=${O:-build}
here=$(dirname "$0")
top=$here/../..
reasm=$top/tests/golden/reasm
coal=$top/tests/golden/coalesce
AP=$O/auparse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
skip() { echo "SKIP $1: $2"; skip=$((skip + 1)); }

# The sequence numbers of the JSON events in file $1, space separated.
seqs() { grep -o '"sequence":[0-9]*' "$1" | cut -d: -f2 | tr '\n' ' ' | sed 's/ $//'; }

# 1. go-libaudit's reassembler streams (expected values from its reassembler_test.go).
check_stream() { # name expected-sequences expected-lost-message-or-empty
	if ! "$AP" -i -id=false -in "$reasm/$1.log" >"$tmp/$1.json" 2>"$tmp/$1.err"; then
		bad "stream_$1" "exit status $?"; return
	fi
	got=$(seqs "$tmp/$1.json")
	if [ "$got" != "$2" ]; then
		bad "stream_$1" "sequences '$got', want '$2'"; return
	fi
	if [ -n "$3" ]; then
		grep -q "detected the loss of $3 sequences" "$tmp/$1.err" ||
			{ bad "stream_$1" "no loss of $3 reported: $(cat "$tmp/$1.err")"; return; }
	elif grep -q 'loss' "$tmp/$1.err"; then
		bad "stream_$1" "unexpected loss: $(cat "$tmp/$1.err")"; return
	fi
	ok "stream_$1"
}
check_stream normal "58 59 60 61 62" ""
check_stream out_of_order "58 59 60 61 62" ""
check_stream lost_messages "49 59 60 61 62" 9
check_stream rollover "4294967294 4294967295 0 1 2" ""

# 2. Formats: one JSON object per line; text and YAML documents per event.
n=$(wc -l <"$tmp/normal.json")
if [ "$n" -eq 5 ] && ! grep -qv '^{.*}$' "$tmp/normal.json"; then ok json_lines; else bad json_lines "$n lines"; fi
"$AP" -i -id=false -format=text -in "$reasm/normal.log" >"$tmp/t" 2>&1
if [ "$(grep -c '^---$' "$tmp/t")" -eq 5 ] &&
	grep -q '^time="2017-04-12 22:48:11.036 +0000 UTC" sequence=59 category=audit-rule type=SYSCALL .*action=executed .*tags=\[user_commands\]$' "$tmp/t"; then
	ok format_text
else
	bad format_text "$(head -4 "$tmp/t")"
fi
"$AP" -i -id=false -format=yaml -in "$reasm/normal.log" >"$tmp/y" 2>&1
if [ "$(grep -c '^---$' "$tmp/y")" -eq 5 ] && grep -q '^sequence: 60$' "$tmp/y"; then
	ok format_yaml
else
	bad format_yaml "$(head -4 "$tmp/y")"
fi
# -id (default true) must not fail even when names cannot be resolved.
if "$AP" -i -in "$reasm/normal.log" >"$tmp/ids" 2>"$tmp/ids.err" && [ "$(wc -l <"$tmp/ids")" -eq 5 ]; then
	ok resolve_ids
else
	bad resolve_ids "$(cat "$tmp/ids.err")"
fi
# Without -i: one object per record, unchanged behaviour.
if [ "$("$AP" -in "$reasm/normal.log" | wc -l)" -eq 17 ]; then ok records_without_i; else bad records_without_i "not 17 lines"; fi

# Wait until file $1 has $2 lines, at most $3 tenths of a second; prints the count.
wait_lines() {
	i=0
	while [ "$i" -lt "$3" ]; do
		c=$(wc -l <"$1")
		[ "$c" -ge "$2" ] && break
		sleep 0.1; i=$((i + 1))
	done
	wc -l <"$1"
}

# 3. Quiet input: events without EOE complete on their 2 s timeout, before EOF.
mkfifo "$tmp/fifo"
"$AP" -i -id=false -in "$tmp/fifo" >"$tmp/q" 2>"$tmp/q.err" &
pid=$!
exec 3>"$tmp/fifo"
cat "$reasm/normal.log" >&3
sleep 0.5
early=$(wc -l <"$tmp/q")
late=$(wait_lines "$tmp/q" 5 60)
exec 3>&-
wait $pid
if [ "$early" -eq 0 ] && [ "$late" -eq 5 ]; then
	ok quiet_input_timeout
else
	bad quiet_input_timeout "$early events after 0.5 s (want 0), $late while input open (want 5)"
fi

# 4. An event ending with EOE is written at once, while the input stays open.
"$AP" -i -id=false -in "$tmp/fifo" >"$tmp/e" 2>"$tmp/e.err" &
pid=$!
exec 3>"$tmp/fifo"
cat >&3 <<'EOF'
type=SYSCALL msg=audit(1700000000.100:500): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="ls" exe="/usr/bin/ls" key=(null)
type=EXECVE msg=audit(1700000000.100:500): argc=2 a0="ls" a1="-l"
type=PROCTITLE msg=audit(1700000000.100:500): proctitle=6C73002D6C
type=EOE msg=audit(1700000000.100:500):
EOF
got=$(wait_lines "$tmp/e" 1 12)
exec 3>&-
wait $pid
if [ "$got" -eq 1 ] && grep -q '"sequence":500' "$tmp/e"; then
	ok eoe_completes_at_once
else
	bad eoe_completes_at_once "$got events within 1.2 s"
fi

# 4b. After a quiet spell with nothing pending, a new event's timeout counts from its arrival
#     (not from when the reader went to sleep): its records 0.3 s apart stay one event.
"$AP" -i -id=false -in "$tmp/fifo" >"$tmp/idle" 2>"$tmp/idle.err" &
pid=$!
exec 3>"$tmp/fifo"
sleep 2.5
echo 'type=SYSCALL msg=audit(1700000001.200:600): arch=c000003e syscall=2 success=yes exit=3 a0=1 a1=0 a2=0 a3=0 items=1 ppid=1 pid=2 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="cat" exe="/usr/bin/cat" key=(null)' >&3
sleep 0.3
echo 'type=PATH msg=audit(1700000001.200:600): item=0 name="/etc/hosts" inode=5 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL' >&3
echo 'type=EOE msg=audit(1700000001.200:600):' >&3
got=$(wait_lines "$tmp/idle" 1 12)
exec 3>&-
wait $pid
if [ "$got" -eq 1 ] && [ "$(wc -l <"$tmp/idle")" -eq 1 ] && grep -q '"paths":\[{' "$tmp/idle"; then
	ok idle_then_event
else
	bad idle_then_event "$(wc -l <"$tmp/idle") events (want 1 with its PATH): $(cat "$tmp/idle.err")"
fi

# 4c. SIGTERM (how auditd stops a plugin) writes the events in flight and exits 0, also
#     when the input is idle.
"$AP" -i -id=false -in "$tmp/fifo" >"$tmp/term" 2>"$tmp/term.err" &
pid=$!
exec 3>"$tmp/fifo"
cat "$reasm/normal.log" >&3
sleep 0.5
kill -TERM $pid
i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
wait $pid; rc=$?
exec 3>&-
if [ "$rc" -eq 0 ] && [ "$(seqs "$tmp/term")" = "58 59 60 61 62" ] && [ "$i" -lt 10 ]; then
	ok sigterm_flushes
else
	bad sigterm_flushes "exit $rc after $i tenths, events '$(seqs "$tmp/term")': $(cat "$tmp/term.err")"
fi
"$AP" -i -id=false -in "$tmp/fifo" >"$tmp/term2" 2>&1 &
pid=$!
exec 3>"$tmp/fifo"
sleep 0.3
kill -TERM $pid
i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
wait $pid; rc=$?
exec 3>&-
if [ "$rc" -eq 0 ] && [ "$i" -lt 10 ] && [ ! -s "$tmp/term2" ]; then
	ok sigterm_idle
else
	bad sigterm_idle "exit $rc after $i tenths: $(cat "$tmp/term2")"
fi

# 5. A real execve from Linux 6.18 whose arguments the kernel split across 8 EXECVE records:
#    one event, and process.args exactly the argv the command was run with.
if command -v python3 >/dev/null 2>&1; then
	"$AP" -i -id=false -in "$reasm/execve-split-linux-6.18.log" >"$tmp/split" 2>"$tmp/split.err"
	python3 - "$tmp/split" "$reasm/execve-split-linux-6.18.argv.json" >"$tmp/split.out" <<'EOF'
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
want = json.load(open(sys.argv[2]))
if len(evs) != 1:
    print("FAIL execve_split_one_event: %d events" % len(evs)); sys.exit(0)
print("ok execve_split_one_event")
e = evs[0]
got = e.get("process", {}).get("args")
if got == want and e.get("data", {}).get("argc") == str(len(want)):
    print("ok execve_split_argv_exact")
else:
    n = len(got or [])
    print("FAIL execve_split_argv_exact: coalescer gave %d of %d arguments (warnings: %s)"
          % (n, len(want), e.get("warnings")))
EOF
	cat "$tmp/split.out"
	pass=$((pass + $(grep -c '^ok ' "$tmp/split.out"))); fail=$((fail + $(grep -c '^FAIL ' "$tmp/split.out")))
else
	skip execve_split "python3 not installed"
fi

# 6. go-libaudit's coalescer test events: all records of a test file concatenated into one log,
#    regrouped by auparse -i; each golden event must come out once, with the same header and
#    the same number of paths (grouping), whatever the coalescer's deliberate differences.
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
	skip coalesce_regroup "python3 with PyYAML not installed"
elif [ ! -d "$coal" ]; then
	skip coalesce_regroup "no coalescer test data"
else
	python3 - "$AP" "$coal" "$tmp" >"$tmp/regroup.out" 2>&1 <<'EOF'
import glob, json, os, subprocess, sys, yaml
ap, coal, tmp = sys.argv[1:4]
ok = bad = 0
for y in sorted(glob.glob(os.path.join(coal, "*.yaml"))):
    golden = y[:-5] + ".json.golden"
    if not os.path.exists(golden):
        continue
    tests = yaml.safe_load(open(y))["tests"]
    log = os.path.join(tmp, os.path.basename(y) + ".log")
    with open(log, "w") as f:
        for recs in tests.values():
            f.write(recs.rstrip("\n") + "\n")
    out = subprocess.run([ap, "-i", "-id=false", "-in", log], capture_output=True, text=True)
    ours = {}
    for line in out.stdout.splitlines():
        ev = json.loads(line)
        ours.setdefault(ev["sequence"], []).append(ev)
    for g in json.load(open(golden)):
        name, ge = g["test_name"], g["event"]
        got = ours.get(ge["sequence"], [])
        why = None
        if len(got) != 1:
            why = "%d events with sequence %s" % (len(got), ge["sequence"])
        else:
            e = got[0]
            for k in ("@timestamp", "record_type", "category"):
                if e.get(k) != ge.get(k):
                    why = "%s: %r, want %r" % (k, e.get(k), ge.get(k))
            if len(e.get("paths", [])) != len(ge.get("paths", [])):
                why = "%d paths, want %d" % (len(e.get("paths", [])), len(ge.get("paths", [])))
        tag = "coalesce_regroup %s: %s" % (os.path.basename(y), name)
        if why:
            print("FAIL %s: %s" % (tag, why)); bad += 1
        else:
            print("ok %s" % tag); ok += 1
print("regroup %d %d" % (ok, bad))
EOF
	grep -v '^regroup ' "$tmp/regroup.out"
	if line=$(grep '^regroup ' "$tmp/regroup.out"); then
		set -- $line
		pass=$((pass + $2)); fail=$((fail + $3))
	else
		bad coalesce_regroup "helper failed"
	fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
