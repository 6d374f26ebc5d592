#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# bench-audit.sh - receiving a storm of audit events from the kernel (root only).
#
# For each receiver, in one run: start it as the audit daemon, let
# bench-audit-storm make BENCH_EVENTS (default 1,000,000) audited getpriority(2)
# calls (a rule keyed to its own pid), wait until the receiver has drained
# the kernel's queue, then stop it.  Receivers:
#
#   bare     bench-audit-recv: recv(2) and discard (the ceiling)
#   audit    $O/audit -out FILE (text, the default format; default backlog 8192)
#   auditd   Debian's auditd -f with a temporary config (log to a temp file,
#            Debian's defaults otherwise: ENRICHED format, INCREMENTAL_ASYNC flush)
#
# BENCH_RUNS rounds (default 3), receivers interleaved so that background load
# hits them alike; every run is printed, then the median of each column.
#
# Each row: the storm's events/s (the kernel throttles the storm when the
# receiver falls behind, so this measures the receiver), records the receiver
# wrote or counted, the kernel's lost counter delta, socket drops
# (/proc/net/netlink), and the receiver's CPU time (user+sys) per event.
#
# Kernel state (enabled, failure, rate, backlog, backlog wait time) is saved
# and restored on exit, auditd is stopped, the audit PID is released.  Runs
# under the shared kernel lock (flock /tmp/auditkit-kernel.lock).
set -u
O=${O:-build}
N=${BENCH_EVENTS:-1000000}
RUNS=${BENCH_RUNS:-3}
LOCK=/tmp/auditkit-kernel.lock

if [ "$(id -u)" != 0 ]; then
	echo "bench-audit: SKIP (needs root: it talks to the kernel)"
	exit 0
fi
if [ -z "${AK_BENCH_LOCKED:-}" ]; then
	AK_BENCH_LOCKED=1 exec flock "$LOCK" env AK_BENCH_LOCKED=1 sh "$0" "$@"
fi
for b in "$O/audit" "$O/bench/bench-audit-storm" "$O/bench/bench-audit-recv"; do
	[ -x "$b" ] || { echo "bench-audit: $b not built (make bench)" >&2; exit 1; }
done
AUDITD=$(command -v auditd || echo /usr/sbin/auditd)

TMP=$(mktemp -d /tmp/auditkit-bench.XXXXXX)
HZ=$(getconf CLK_TCK)

# ---- kernel state: save now, restore on any exit -----------------------------------------
st() { auditctl -s | awk -v k="$1" '$1 == k { print $2 }'; }
S_EN=$(st enabled); S_FAIL=$(st failure); S_RATE=$(st rate_limit)
S_BL=$(st backlog_limit); S_WAIT=$(st backlog_wait_time); S_PID=$(st pid)
if [ "$S_EN" = 2 ]; then echo "bench-audit: audit is immutable; cannot run" >&2; exit 1; fi
if [ "$S_PID" != 0 ]; then
	echo "bench-audit: process $S_PID holds the audit PID; stop it first" >&2
	exit 1
fi
RPID=
cleanup() {
	if [ -n "$RPID" ] && kill -0 "$RPID" 2>/dev/null; then
		kill -TERM "$RPID" 2>/dev/null; sleep 1; kill -KILL "$RPID" 2>/dev/null
	fi
	# a storm's rule, if one was left behind
	for k in akbench-bare akbench-audit akbench-auditd; do
		auditctl -D -k "$k" >/dev/null 2>&1
	done
	auditctl -f "$S_FAIL" -r "$S_RATE" -b "$S_BL" --backlog_wait_time "$S_WAIT" >/dev/null
	auditctl -e "$S_EN" >/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Drops column of the receiver's audit socket (protocol 9, port id = its pid).
drops() { awk -v p="$1" '$2 == 9 && $3 == p { print $9; f = 1 } END { if (!f) print "?" }' /proc/net/netlink; }

wait_pid_is() {
	i=0
	while [ "$(st pid)" != "$1" ]; do
		i=$((i + 1)); [ $i -gt 100 ] && return 1
		sleep 0.05
	done
}

# Wait until the kernel queue is empty and the receiver stopped using CPU.
wait_drained() {
	prev=-1; i=0
	while :; do
		c=$(cpu_ticks "$1"); b=$(st backlog)
		[ "$b" = 0 ] && [ "$c" = "$prev" ] && return 0
		prev=$c; i=$((i + 1)); [ $i -gt 600 ] && return 1
		sleep 0.3
	done
}

printf '%-8s %12s %12s %10s %10s %14s %14s\n' receiver events/s records lost drops cpu_us/event "storm_s"
# run NAME KEY CMD...: start CMD as the receiver, storm, measure, stop.
run() {
	name=$1 key=$2; shift 2
	auditctl -e 1 -b 8192 -r 0 >/dev/null
	"$@" >"$TMP/$name.stdout" 2>"$TMP/$name.err" &
	RPID=$!
	if [ "$name" = auditd ]; then
		# the daemon is whoever registers (auditd may fork); give it 5 s
		i=0
		while [ "$(st pid)" = 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		[ "$(st pid)" != 0 ] && RPID=$(st pid)
	fi
	if ! wait_pid_is "$RPID"; then
		echo "bench-audit: $name did not register as the audit daemon" >&2
		cat "$TMP/$name.err" >&2; return 1
	fi
	lost0=$(st lost)
	c0=$(cpu_ticks "$RPID")
	out=$("$O/bench/bench-audit-storm" "$N" "$key") || { echo "$out" >&2; return 1; }
	rate=$(echo "$out" | sed -n 's/.*= \([0-9]*\) events\/s/\1/p')
	secs=$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s.*/\1/p')
	wait_drained "$RPID" || echo "bench-audit: $name did not drain in time" >&2
	c1=$(cpu_ticks "$RPID")
	d=$(drops "$RPID")
	lost1=$(st lost)
	kill -TERM "$RPID"
	i=0; while kill -0 "$RPID" 2>/dev/null; do i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1; done
	wait 2>/dev/null
	RPID=
	case $name in
	bare) recs=$(sed -n 's/recv: \([0-9]*\) datagrams.*/\1/p' "$TMP/$name.err") ;;
	audit) recs=$(grep -c "syscall=140 .*key=\"$key\"" "$TMP/audit.out") ;;
	auditd) recs=$(grep -c "syscall=140 .*key=\"$key\"" "$TMP/auditd/audit.log") ;;
	esac
	cpu_us=$(awk -v a="$c0" -v b="$c1" -v hz="$HZ" -v n="$N" 'BEGIN { printf "%.2f", (b - a) / hz * 1e6 / n }')
	printf '%-8s %12s %12s %10s %10s %14s %14s\n' "$name" "$rate" "$recs" \
		$((lost1 - lost0)) "$d" "$cpu_us" "$secs" | tee -a "$TMP/rows"
	[ "$name" = audit ] && sed -n 's/^audit: received/  (audit says: received/p' "$TMP/audit.err" |
		sed 's/$/)/'
	rm -f "$TMP/audit.out" "$TMP/auditd/audit.log"
	[ "$(st pid)" = 0 ] || echo "bench-audit: $name left the audit PID set" >&2
}

mkdir -p "$TMP/auditd/plugins"
sed -e "s|^log_file.*|log_file = $TMP/auditd/audit.log|" \
    -e "s|^plugin_dir.*|plugin_dir = $TMP/auditd/plugins|" \
    -e 's|^max_log_file_action.*|max_log_file_action = IGNORE|' \
    -e 's|^space_left_action.*|space_left_action = IGNORE|' \
    -e 's|^admin_space_left_action.*|admin_space_left_action = IGNORE|' \
    -e 's|^disk_full_action.*|disk_full_action = IGNORE|' \
    -e 's|^log_group.*|log_group = root|' \
    /etc/audit/auditd.conf > "$TMP/auditd/auditd.conf"
chmod 0640 "$TMP/auditd/auditd.conf"

r=1
while [ $r -le "$RUNS" ]; do
	run bare akbench-bare "$O/bench/bench-audit-recv"
	run audit akbench-audit "$O/audit" -out "$TMP/audit.out"
	run auditd akbench-auditd "$AUDITD" -n -c "$TMP/auditd"
	r=$((r + 1))
done

echo "median of $RUNS runs:"
for name in bare audit auditd; do
	awk -v n="$name" '$1 == n' "$TMP/rows" | sort -n -k2 | awk -v runs="$RUNS" '
		{ rate[NR] = $2; rec[NR] = $3; lost[NR] = $4; drop[NR] = $5; line[NR] = $0 }
		END {
			if (!NR) exit
			m = int((NR + 1) / 2)
			printf "%-8s %12s %12s %10s %10s", $1, rate[m], rec[m], lost[m], drop[m]
		}'
	awk -v n="$name" '$1 == n { print $6 }' "$TMP/rows" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) printf " %14s\n", v[int((NR + 1) / 2)] }'
done
bare=$(awk '$1 == "bare"' "$TMP/rows" | sort -n -k2 | awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')
aud=$(awk '$1 == "audit"' "$TMP/rows" | sort -n -k2 | awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')
awk -v a="$aud" -v b="$bare" 'BEGIN { if (b > 0) printf "audit storm speed / bare-loop storm speed: %.0f%%\n", 100 * a / b }'
echo "(records: audit/auditd = SYSCALL lines with the storm's key, expect $N; bare = datagrams," \
     "about 3 per event: SYSCALL, PROCTITLE, EOE)"
