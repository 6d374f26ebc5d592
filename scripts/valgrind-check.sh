#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# valgrind-check.sh - the unit tests, the tools on the golden and real logs, the
# shell tests of auparse and of audit (against the fake kernel, and the live parts
# of test-audit-misc and test-audit-lost and auparse as auditd's plugin, which take
# the kernel lock themselves) with the tool under valgrind, and the fuzz corpus
# replays, each under valgrind memcheck: any memory error, and any definite or
# indirect leak, fails.  Not run here: the unit tests that need the live kernel
# (test-live-*: they share global kernel state; .ci/run runs them plainly) and
# test-live-rules (over a thousand `audit rules` runs: over ten minutes under
# valgrind, holding the kernel lock).
#
#   sh scripts/valgrind-check.sh          (from the top of the tree; builds O=build)
#
# Prints ok NAME / FAIL NAME lines and ends with "N passed, N failed"; exit status 1
# on any failure.  Takes about eight minutes on 2 cores (2.5 of them the audit tool's tests).
set -u
O=${O:-build}
top=$(pwd)
# (absolute: the shell tests run the tools from other directories)
VG="valgrind -q --suppressions=$top/scripts/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-fds=no"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "FAIL valgrind not installed"
	echo "0 passed, 1 failed"
	exit 1
fi
# Timing assertions (e.g. test-interp's linear-time check) cannot hold at valgrind's
# speed: tests skip them when AK_VALGRIND is set, and the audit tool's tests wait
# longer for it (tests/tools/fakekernel.py: SLOW).
AK_VALGRIND=1
export AK_VALGRIND
make -s O="$O" all tests >/dev/null || {
	echo "FAIL build"
	echo "0 passed, 1 failed"
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# run NAME CMD...: CMD under valgrind; stdout kept in $tmp/out, stderr (the
# valgrind report) shown on failure.  A program's own failure status counts too,
# except with any_status=1 (a tool refusing a bad input file), where only
# valgrind's own status (99) and death by a signal fail.
any_status=0
run() {
	name=$1
	shift
	# shellcheck disable=SC2086
	$VG "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -eq 0 ] || { [ "$any_status" = 1 ] && [ "$rc" -ne 99 ] && [ "$rc" -lt 128 ]; }; then
		echo "ok $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name (exit $rc)"
		grep -E '^==[0-9]+==' "$tmp/err" | head -n 30
		tail -n 3 "$tmp/out"
		fail=$((fail + 1))
	fi
}

for t in "$O"/tests/test-*; do
	case "$t" in
	*.d | *.o) continue ;;
	*/test-live-*) continue ;;
	esac
	[ -x "$t" ] || continue
	run "unit $(basename "$t")" "$t"
done

logs="$(ls tests/golden/auparse/*.log tests/data/real/*.log tests/data/demo.log 2>/dev/null)"
for f in $logs; do
	n=$(basename "$f")
	run "auparse json $n" "$O/auparse" -in "$f" -out "$tmp/o"
	run "auparse yaml $n" "$O/auparse" -format yaml -in "$f" -out "$tmp/o"
	run "auparse text $n" "$O/auparse" -format text -in "$f" -out "$tmp/o"
	run "auparse raw $n" "$O/auparse" -raw -in "$f" -out "$tmp/o"
	run "auparse -i json $n" "$O/auparse" -i -id=false -in "$f" -out "$tmp/o"
	run "auparse -i text $n" "$O/auparse" -i -format text -in "$f" -out "$tmp/o"
done
# the event samples as go-libaudit's coalescer tests feed them (one event per block)
for f in tests/golden/coalesce/*.yaml; do
	n=$(basename "$f" .yaml)
	sed -n 's/^    //p' "$f" >"$tmp/$n.log"
	run "auparse -i yaml $n" "$O/auparse" -i -format yaml -in "$tmp/$n.log" -out "$tmp/o"
done
any_status=1 # some rule samples hold lines auditctl refuses
for f in tests/golden/rules/*.rules; do
	run "audit rules -check $(basename "$f")" "$O/audit" rules -check "$f"
done
any_status=0

# The shell tests with the tools themselves under valgrind: wrappers take the place
# of auparse and audit in a bin directory given to the tests as O and log every
# run's report; a test fails on its own checks, or when any report is not empty.
#   - auparse's (flags, bad input, rotation, events, readings, goldens, real logs);
#     test-adversarial.sh is left out: it asserts peak RSS, which would be
#     valgrind's, and feeds 100 MB lines;
#   - audit's against the fake kernel (tests/tools/fakekernel.py, on the inherited
#     -kernel-fd / -lost-fd: `exec valgrind` keeps them open, and valgrind's own
#     descriptors sit at the top of the range), with the live parts of
#     test-audit-misc and test-audit-lost (they take /tmp/auditkit-kernel.lock and
#     restore the kernel: settings, rules, and the audit PID, which audit under
#     valgrind must still release; checked after each);
#   - auparse as the plugin of a real auditd (test-auditd-plugin: it waits for
#     auparse to catch up before stopping auditd);
#   - test-man (every command's -h).
# test-install is left out: it installs and runs the built tools themselves.
# The wrappers run copies of the tools (others may relink $O meanwhile), readable
# and their logs writable by nobody: test-rules-tool and test-audit-misc run audit
# as nobody too.
vgbin=$tmp/vgbin
mkdir -p "$vgbin" "$tmp/vglogs" "$tmp/real"
chmod 755 "$tmp" "$vgbin" "$tmp/real"
chmod 1777 "$tmp/vglogs"
case "$O" in /*) built=$O ;; *) built=$top/$O ;; esac
for p in auparse audit; do
	cp "$built/$p" "$tmp/real/$p"
	{
		echo '#!/bin/sh'
		echo "exec $VG --log-file=$tmp/vglogs/$p.%p $tmp/real/$p \"\$@\""
	} >"$vgbin/$p"
	chmod 755 "$vgbin/$p" "$tmp/real/$p"
done
# test-audit-misc: the program audit's user messages name (exe=) is the one the
# wrapper runs (valgrind answers /proc/self/exe with it), not the wrapper
AK_VALGRIND_AUDIT=$tmp/real/audit
export AK_VALGRIND_AUDIT
kernel_pid() {
	flock /tmp/auditkit-kernel.lock auditctl -s 2>/dev/null | sed -n 's/^pid \([0-9]*\)$/\1/p'
}
for t in test-auparse test-golden test-real-logs test-auparse-events test-auparse-rotate test-values \
	test-auparse-mmap \
	test-audit-netlink test-audit-events test-rules-tool test-audit-misc test-audit-lost \
	test-auditd-plugin test-man; do
	[ -f "tests/tools/$t.sh" ] || continue
	rm -f "$tmp"/vglogs/*
	live=0
	case "$t" in test-audit-misc | test-audit-lost | test-auditd-plugin)
		[ "$(id -u)" = 0 ] && command -v auditctl >/dev/null 2>&1 && command -v flock >/dev/null 2>&1 && live=1 ;;
	esac
	[ "$live" = 0 ] || kp0=$(kernel_pid)
	t0=$(date +%s)
	O=$vgbin sh "tests/tools/$t.sh" >"$tmp/out" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
	runs=""
	for p in auparse audit; do
		n=$(find "$tmp/vglogs" -type f -name "$p.*" | wc -l)
		[ "$n" -gt 0 ] && runs="$runs${runs:+, }$n $p"
	done
	# valgrind -q writes nothing for a clean run: any report is an error or a leak
	bad=$(find "$tmp/vglogs" -type f -size +0c)
	# a live part must leave the audit PID as it found it (0: its audit under
	# valgrind released it), however slow valgrind made it
	pidnote=""
	if [ "$live" = 1 ]; then
		kp=$(kernel_pid)
		if [ "${kp:-x}" = "${kp0:-y}" ]; then
			pidnote="; audit PID $kp before and after"
		else
			pidnote="; audit PID ${kp0:-?} before, ${kp:-?} after"
			rc=1
		fi
	fi
	skips=$(grep -E '^SKIP' "$tmp/out")
	if [ "$rc" -eq 0 ] && [ -z "$bad" ] && [ -n "$runs" ]; then
		echo "ok tool test $t.sh under valgrind ($runs runs, ${secs}s; $(tail -n 1 "$tmp/out")$pidnote)"
		[ -z "$skips" ] || echo "$skips" | sed 's/^/    /'
		pass=$((pass + 1))
	else
		echo "FAIL tool test $t.sh under valgrind (exit $rc; ${runs:-no} runs, ${secs}s$pidnote)"
		grep -E '^FAIL' "$tmp/out" | head -n 10
		tail -n 1 "$tmp/out"
		for f in $bad; do
			echo "--- $(basename "$f")"
			head -n 60 "$f"
		done
		fail=$((fail + 1))
	fi
done

for r in "$O"/fuzz/replay-fuzz-*; do
	[ -x "$r" ] || continue
	case "$r" in *.d | *.o) continue ;; esac
	run "replay $(basename "$r")" "$r"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
