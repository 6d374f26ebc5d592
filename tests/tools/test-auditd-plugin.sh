#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auparse as a plugin of Debian's real auditd: auditd is started by hand (no systemd) with a
# temporary configuration (log, plugins.d) and examples/auditkit-plugin.sh as its only plugin
# (format = string), a workload makes at least AK_PLUGIN_EVENTS (12000) multi-record openat
# events, auditd is stopped, and every event (serial number) of auditd's own log must appear in
# our JSON Lines output exactly once, with nothing else there.
# Needs root, auditd, auditctl and kernel audit; skips otherwise.  Runs under the shared kernel
# lock and puts back what it changed: rules, enabled, backlog limit, backlog wait time, rate
# limit, failure mode; the audit PID is released when auditd stops (checked).
set -u
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
LOCK=/tmp/auditkit-kernel.lock
N=${AK_PLUGIN_EVENTS:-12000}
pass=0 fail=0 skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }
summary() { echo "$pass passed, $fail failed, $skip skipped"; }

AUDITD=$(command -v auditd || echo /usr/sbin/auditd)
if [ "$(id -u)" != 0 ] || [ ! -x "$AUDITD" ] || ! command -v auditctl >/dev/null 2>&1 ||
	! auditctl -s >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	sk "auditd plugin" "needs root, auditd, auditctl, python3 and kernel audit"
	summary
	exit 0
fi
if [ -z "${AK_LIVE_LOCKED:-}" ]; then
	AK_LIVE_LOCKED=1 exec flock "$LOCK" sh "$0" "$@"
fi
pid_now() { auditctl -s 2>/dev/null | sed -n 's/^pid \([0-9]*\).*/\1/p'; }
p=$(pid_now)
if [ -n "$p" ] && [ "$p" != 0 ] && kill -0 "$p" 2>/dev/null; then
	sk "auditd plugin" "process $p is the audit daemon (stop it first)"
	summary
	exit 0
fi

T=$(mktemp -d /tmp/ak-plugin.XXXXXX)
chmod 0755 "$T"
# Our own copy of the tool: others may relink $O/auparse meanwhile.
case "$O" in /*) cp "$O/auparse" "$T/auparse" ;; *) cp "$top/$O/auparse" "$T/auparse" ;; esac
cp "$top/examples/auditkit-plugin.sh" "$T/plugin.sh"
chmod 0755 "$T/auparse" "$T/plugin.sh"

auditctl -s >"$T/status.before"
auditctl -l >"$T/rules.before" 2>&1
val() { sed -n "s/^$1 \\([0-9]*\\).*/\\1/p" "$T/status.before"; }
apid=
restore() {
	if [ -n "$apid" ] && kill -0 "$apid" 2>/dev/null; then
		kill -TERM "$apid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$apid" 2>/dev/null
	fi
	auditctl -D >/dev/null 2>&1
	grep -q '^No rules' "$T/rules.before" || auditctl -R "$T/rules.before" >/dev/null 2>&1
	auditctl -b "$(val backlog_limit)" -r "$(val rate_limit)" -f "$(val failure)" \
		--backlog_wait_time "$(val backlog_wait_time)" >/dev/null 2>&1
	e=$(val enabled)
	[ "$e" = 0 ] || [ "$e" = 1 ] && auditctl -e "$e" >/dev/null 2>&1
	p=$(pid_now)
	[ "$p" = 0 ] || echo "# warning: audit pid is $p after the test"
	[ -n "${AK_KEEP:-}" ] || rm -rf "$T"
}
trap restore EXIT
trap 'exit 1' INT TERM HUP

mkdir -m 0755 "$T/plugins.d" "$T/w"
cat >"$T/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $T/audit.log
log_group = root
log_format = RAW
flush = INCREMENTAL_ASYNC
freq = 50
max_log_file = 1024
num_logs = 2
priority_boost = 4
name_format = NONE
max_log_file_action = IGNORE
space_left = 10
space_left_action = IGNORE
admin_space_left = 5
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
tcp_client_max_idle = 0
distribute_network = no
q_depth = 90000
overflow_action = SYSLOG
max_restarts = 10
plugin_dir = $T/plugins.d
end_of_event_timeout = 2
CONF
# auditd may not pass its environment on: bake the tool's path and a pid file in.
cat >"$T/plugin-test.sh" <<SH
#!/bin/sh
AUPARSE=$T/auparse AUDITKIT_PLUGIN_PIDFILE=$T/plugin.pid exec /bin/sh $T/plugin.sh "\$@"
SH
chmod 0755 "$T/plugin-test.sh"
cat >"$T/plugins.d/auditkit.conf" <<CONF
active = yes
direction = out
path = $T/plugin-test.sh
type = always
args = $T/events.json
format = string
CONF
chmod 0640 "$T/auditd.conf" "$T/plugins.d/auditkit.conf"

"$AUDITD" -n -s enable -c "$T" >"$T/auditd.out" 2>&1 &
apid=$!
up=0
for _ in $(seq 100); do
	[ "$(pid_now)" = "$apid" ] && { up=1; break; }
	kill -0 "$apid" 2>/dev/null || break
	sleep 0.1
done
if [ $up -ne 1 ]; then
	no "auditd starts with the plugin" "$(tail -n 3 "$T/auditd.out")"
	summary
	exit 1
fi
ok "auditd starts with the plugin"

auditctl -b 65536 -r 0 --backlog_wait_time 60000 >/dev/null 2>&1
auditctl -a always,exit -F arch=b64 -S openat -F dir="$T/w" -F key=akplugin >/dev/null
lost0=$(auditctl -s | sed -n 's/^lost \([0-9]*\).*/\1/p')
# Two halves; with AK_PLUGIN_HUP=1 an auditd reload (SIGHUP) between them.  auditd 3.0.9 then
# ends the plugin's input and starts a new instance: an event in flight at that moment reaches
# the two instances in two parts (the same serial twice, seen once in 2000 events), so that
# mode is not part of the exactly-once claim.
work() {
	python3 - "$T/w" "$1" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    fd = os.open(f"{d}/f{i % 64}", os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
PY
}
work $((N / 2))
if [ -n "${AK_PLUGIN_HUP:-}" ]; then
	kill -HUP "$apid"
	sleep 0.5
fi
work $((N - N / 2))
lost1=$(auditctl -s | sed -n 's/^lost \([0-9]*\).*/\1/p')
auditctl -D >/dev/null 2>&1
sleep 1
# Under scripts/valgrind-check.sh (AK_VALGRIND) auparse runs under valgrind and lags far behind
# auditd, and the plugin ends on auditd's SIGTERM with what it has read by then: let it catch
# up first (its output unchanged for 3 s; 3 minutes at most).
if [ -n "${AK_VALGRIND:-}" ]; then
	last=-1 same=0
	for _ in $(seq 180); do
		now=$(wc -c <"$T/events.json" 2>/dev/null || echo 0)
		if [ "$now" = "$last" ]; then
			same=$((same + 1))
			[ $same -ge 3 ] && break
		else
			same=0 last=$now
		fi
		sleep 1
	done
fi
kill -TERM "$apid"
for _ in $(seq 100); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$apid" 2>/dev/null && no "auditd stops on SIGTERM"
wait "$apid" 2>/dev/null
apid=
# The plugin ends on the SIGTERM auditd passes on, or at end of input, writing out its events.
ppid=$(cat "$T/plugin.pid" 2>/dev/null)
for _ in $(seq 100); do
	{ [ -n "$ppid" ] && kill -0 "$ppid" 2>/dev/null; } || break
	sleep 0.1
done
check "the plugin has ended" sh -c "! kill -0 '${ppid:-0}' 2>/dev/null"
check "audit pid released" test "$(pid_now)" = 0
check "no kernel loss during the workload" test "${lost1:-x}" = "${lost0:-y}"

python3 - "$T/audit.log" "$T/events.json" "$N" "$T/w/" >"$T/compare.out" 2>&1 <<'PY'
import json, re, sys
log, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
serial = re.compile(r'msg=audit\(\d+\.\d+:(\d+)\)')
in_log, keyed = set(), set()
for line in open(log, errors="replace"):
    m = serial.search(line)
    if not m:
        continue
    in_log.add(int(m.group(1)))
    if line.startswith('type=SYSCALL') and 'key="akplugin"' in line:
        keyed.add(int(m.group(1)))
seen, bad, tagged = {}, 0, 0
for line in open(out, errors="replace"):
    try:
        ev = json.loads(line)
    except ValueError:
        bad += 1
        continue
    s = int(ev.get("sequence", -1))
    seen[s] = seen.get(s, 0) + 1
    if "akplugin" in ev.get("tags", []) and ev.get("file", {}).get("path", "").startswith(sys.argv[4]):
        tagged += 1
missing = sorted(in_log - set(seen))
extra = sorted(set(seen) - in_log)
dups = sorted(s for s, c in seen.items() if c > 1)
print(f"log events {len(in_log)} (workload {len(keyed)}), output events {sum(seen.values())}, "
      f"missing {len(missing)} {missing[:5]}, extra {len(extra)} {extra[:5]}, "
      f"duplicated {len(dups)} {dups[:5]}, bad lines {bad}, coalesced workload events {tagged}")
ok = len(keyed) >= n and tagged == len(keyed) and not missing and not extra and not dups and bad == 0
sys.exit(0 if ok else 1)
PY
rc=$?
echo "# $(cat "$T/compare.out")"
check "every auditd event exactly once in our output (>= $N workload events)" test $rc -eq 0
summary
[ "$fail" -eq 0 ]
